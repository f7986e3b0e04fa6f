"""Heavy-ball momentum: SGD with ``momentum = 0.9`` by default, ``b = mu b + g; p -= lr b``."""

from .sgd_family import preset, sgd_params

SPEC = preset("momentum", "Momentum (heavy ball)", "b = momentum * b + g; p = p - lr * b",
              sgd_params(momentum=0.9, user=("momentum", "dampening")),
              fixed={"nesterov": False})
