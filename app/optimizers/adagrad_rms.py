"""Adagrad in the lecture's root-mean-square form: ``sigma = sqrt(mean of all g^2)``.

Not in torch: Adagrad's rule (:mod:`.adagrad`) with ``average=True``, checked against
hand-computed steps (the mean can shrink after a quiet stretch, so the step can burst).
"""

from .adagrad import PARAMS, preset

SPEC = preset("adagrad_rms", "Adagrad, root-mean-square form (lecture)",
              "p = p - lr * g / (sigma + eps), sigma = sqrt(mean of all g^2): can burst",
              PARAMS, {"average": True},
              reference="hand-computed steps (torch's Adagrad with sum / t)", short="RMS Adagrad")
