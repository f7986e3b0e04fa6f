"""The network lab, headless: a small MLP trained in numpy with Descent Lab's optimizers.

- :mod:`.data`: the built-in data sets (two moons, spirals, circles, unscaled regression);
- :mod:`.mlp`: the network on a flat weight vector, exact gradient and Hessian-vector product;
- :mod:`.train`: :class:`NetConfig` -> :func:`train` -> :class:`NetRun` (loss, grad_norm, lr,
  sharpness ``lambda_max`` against ``2 / lr``, ``diverged_at``, weight trajectory);
- :mod:`.landscape`: the loss on a plane through weight space as a ``Surface``.

>>> run = train(NetConfig(dataset="regression", optimizer_params={"lr": 1e-3}, steps=20))
>>> run.diverged_at > 0, float(run.sharpness[0] * 1e-3) > 2
(True, True)
"""

from .data import DATASETS, Dataset, make_dataset
from .landscape import Landscape, landscape, pca_directions, random_directions
from .mlp import ACTIVATIONS, INITS, MLP
from .train import (
    BLOWUP,
    CONFIG_PARAMS,
    NetConfig,
    NetRun,
    Sharpness,
    accuracy,
    hvp_finite_difference,
    run_dict,
    sharpness,
    train,
)

__all__ = [
    "ACTIVATIONS",
    "BLOWUP",
    "CONFIG_PARAMS",
    "DATASETS",
    "INITS",
    "MLP",
    "Dataset",
    "Landscape",
    "NetConfig",
    "NetRun",
    "Sharpness",
    "accuracy",
    "hvp_finite_difference",
    "landscape",
    "make_dataset",
    "pca_directions",
    "random_directions",
    "run_dict",
    "sharpness",
    "train",
]
