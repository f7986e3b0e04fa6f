"""Optimizers as pure update rules over batched parameters, one module per optimizer.

Every optimizer is a module of this package that registers an :class:`OptimizerSpec` (see
:mod:`app.optimizers.base` for the protocol): its state NamedTuple, ``init``/``update`` with the
update equation in the docstring, torch's hyperparameter names, defaults and error messages, and
what every consumer reads (stability family, effective per-coordinate step, step narration, the
hyperparameters a map can sweep, per-step readouts). Shared parts (momentum, ``torch.lerp``,
weight decay, the parameter declarations) live in :mod:`.parts`.

:func:`make` returns a configured :class:`Optimizer` with the familiar two pure functions,

- ``init(params) -> state``
- ``update(grads, state, params, lr) -> (new_params, new_state)``

where ``params`` and ``grads`` are float64 arrays (Descent Lab uses ``(N, 2)``: N start points
racing at once) and ``lr`` is the learning rate *of this step* (the base ``lr`` times the
schedule's factor), so schedules live outside the optimizer, as ``torch.optim.lr_scheduler``
does. :func:`make_batch` gives hyperparameters one value per point (a whole lr x momentum map is
one batch through the same ``update``).

Names, defaults, update equations and the order of floating-point operations follow
``torch.optim`` 2.13 (single-tensor CPU path, ``maximize=False``, ``foreach=False``); tests
compare whole trajectories with torch step by step. They agree to about 1e-13, not bit for bit:
torch's CPU kernels fuse some multiply-adds (``add_(g, alpha=-lr)``, ``addcdiv_``, ``lerp_``
round once where numpy rounds twice). Where an option is not in torch (Adam without bias
correction, the lecture's root-mean-square Adagrad) the docstring says so.

>>> opt = make("adam", lr=0.1)
>>> state = opt.init(np.zeros((1, 2)))
>>> params, state = opt.update(np.ones((1, 2)), state, np.zeros((1, 2)), opt.lr)
>>> params.round(6).tolist()
[[-0.1, -0.1]]
"""

import numpy as np  # noqa: F401 (the doctest above)

# Each module registers its optimizer on import; the order here is the order of names().
from . import gd, momentum, nesterov, sgd  # noqa: F401  isort: skip
from . import adagrad, adagrad_rms, rmsprop, adam, adamw, nadam  # noqa: F401  isort: skip
from . import radam, adamax, adadelta, rprop, asgd, lbfgs  # noqa: F401  isort: skip
from . import lion, adabelief, adan, ademamix, prodigy  # noqa: F401  isort: skip
from . import schedulefree_adamw, schedulefree_sgd, sophia  # noqa: F401  isort: skip
from . import newton, gradient_flow  # noqa: F401  isort: skip
# a wrapper of every optimizer registered before it: keep it last
from . import lookahead  # noqa: F401  isort: skip
# your own optimizers: update rules as text, registered on demand (rules.install)
from . import rules  # noqa: F401  isort: skip
from .adagrad import AdagradState
from .adam import AdamState
from .base import (
    ADAPTIVE,
    FAMILIES,
    GD,
    HEAVY_BALL,
    NESTEROV,
    OTHER,
    Dynamics,
    Optimizer,
    OptimizerSpec,
    Readout,
    Sweep,
    assign,
    make,
    make_batch,
    names,
    spec,
    specs,
    take_rows,
)
from .nadam import NAdamState
from .rmsprop import RMSpropState
from .sgd_family import SGDState

__all__ = [
    "Optimizer", "OptimizerSpec", "Dynamics", "Sweep", "Readout",
    "GD", "HEAVY_BALL", "NESTEROV", "ADAPTIVE", "OTHER", "FAMILIES",
    "make", "make_batch", "names", "spec", "specs", "take_rows", "assign",
    "SGDState", "AdagradState", "RMSpropState", "AdamState", "NAdamState",
]
