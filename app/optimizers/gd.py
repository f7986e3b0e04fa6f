"""Plain gradient descent: SGD without momentum, ``p = p - lr * g``."""

from .sgd_family import preset, sgd_params

SPEC = preset("gd", "Gradient descent", "plain gradient descent: p = p - lr * g",
              sgd_params(user=()), fixed={"momentum": 0.0, "dampening": 0.0, "nesterov": False},
              sweeps=(), map_as="momentum", short="GD")
