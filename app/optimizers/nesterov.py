"""Nesterov momentum: SGD with ``nesterov=True``, stepping along ``g + mu b``."""

from .sgd_family import preset, sgd_params

SPEC = preset("nesterov", "Nesterov momentum",
              "b = momentum * b + g; p = p - lr * (g + momentum * b)",
              sgd_params(momentum=0.9, user=("momentum",)),
              fixed={"dampening": 0.0, "nesterov": True})
