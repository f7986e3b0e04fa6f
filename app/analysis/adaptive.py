"""The effective per-coordinate step size of an optimizer, read from its state (lessons P5, P6).

Adaptive optimizers move each coordinate by ``effective_step * direction``, where the effective
step is the learning rate divided by a running scale of past gradients (``sigma`` in the lecture).
Each optimizer declares its own (``OptimizerSpec.effective_step``, with the formula in its
docstring: Adagrad's ``clr / (sqrt(sum) + eps)``, whose root-mean-square form can *burst*
(lesson P6); RMSProp's ``lr / (sqrt(v) + eps)``; Adam's ``lr / (sqrt(v_hat) + eps)``, ...);
optimizers without a scale (SGD and its presets) step by the plain ``lr``.

The value describes the update that *produced* the state (``state.count = t`` updates so far),
taken with learning rate ``lr`` (that update's lr: the base lr times the schedule factor). A
fresh state (``count = 0``) has no statistics yet: adaptive optimizers give NaN there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.engine import Noise, Step, iterate
from app.optimizers import Optimizer, specs
from app.schedules import Schedule
from surfaces import Surface

__all__ = ["effective_step", "EffectiveStepTrace", "effective_step_trace",
           "effective_step_trace_of"]


def _spec_and_hyper(state: Any, optimizer: Optimizer | Mapping[str, Any]):
    if isinstance(optimizer, Optimizer):
        return optimizer.spec, optimizer.hyper
    if isinstance(optimizer, Mapping):  # hyperparameters only: the state's type names the rule
        for s in specs():
            if isinstance(state, s.state):
                return s, optimizer
        raise ValueError(f"no effective step for optimizer state {type(state).__name__}")
    raise ValueError(f"expected an Optimizer or its hyperparameters, got {optimizer!r}")


def effective_step(state: Any, optimizer: Optimizer | Mapping[str, Any], lr: float | None = None,
                   shape: tuple[int, ...] | None = None) -> np.ndarray:
    """Per-coordinate effective step ``lr / sigma`` of the update that produced ``state``.

    ``state`` is an optimizer state (``Step.state`` from :func:`app.engine.iterate`), ``optimizer``
    the :class:`app.optimizers.Optimizer` (or its effective hyperparameters, ``Optimizer.hyper``)
    that made it; ``lr`` the learning rate of that update (default ``hyper["lr"]``). Returns an
    array shaped like the parameters (``(N, 2)``). For optimizers without a scale (SGD) the
    result is the plain lr broadcast to ``shape`` (a 0-d array if ``shape`` is None).
    """
    spec, hyper = _spec_and_hyper(state, optimizer)
    lr = float(hyper["lr"] if lr is None else lr)
    with np.errstate(all="ignore"):
        if spec.effective_step is not None:
            return np.asarray(spec.effective_step(state, hyper, lr), dtype=np.float64)
    if shape is None:
        arrays = [v for v in state if isinstance(v, np.ndarray) and v.ndim >= 1]
        shape = arrays[0].shape if arrays else None
    return np.full(() if shape is None else shape, lr)


@dataclass(frozen=True)
class EffectiveStepTrace:
    """Effective steps along a run: row ``t`` after ``t`` updates (row 0: NaN for adaptive
    optimizers, the first lr for SGD). ``lr[t]`` is the learning rate the row was computed with
    (the lr of update ``t``; row 0 uses the first update's)."""

    steps: np.ndarray  # (T + 1,)
    lr: np.ndarray  # (T + 1,)
    effective_step: np.ndarray  # (T + 1, N, 2)
    points: np.ndarray  # (T + 1, N, 2)


def effective_step_trace(surface: Surface, optimizer: Optimizer, starts: Any, steps: int,
                         schedule: Schedule | None = None,
                         noise: Noise | None = None) -> EffectiveStepTrace:
    """Run :func:`app.engine.iterate` and record :func:`effective_step` after every update (to
    watch lesson P6's burst grow: the rms Adagrad step along a quiet axis)."""
    return effective_step_trace_of(iterate(surface, optimizer, starts, steps, schedule, noise),
                                   optimizer)


def effective_step_trace_of(steps: Iterable[Step], optimizer: Optimizer,
                            index: int | None = None) -> EffectiveStepTrace:
    """:func:`effective_step_trace` of steps already computed (``app.engine.Run.replay()``);
    ``index``: only that start point's column (default: all; a per-point lr is the last's)."""
    rows, points, used = [], [], []
    previous = None  # row t is made by update t - 1, with that update's lr
    pick = slice(None) if index is None else slice(index, index + 1)
    for s in steps:
        lr = s.lr if previous is None else previous
        lr = float(lr if np.ndim(lr) == 0 else
                   np.asarray(lr).reshape(-1)[-1 if index is None else index])
        rows.append(effective_step(s.state, optimizer, lr, shape=s.points.shape)[pick])
        points.append(s.points[pick])
        used.append(lr)
        previous = s.lr
    return EffectiveStepTrace(np.arange(len(rows)), np.array(used), np.stack(rows),
                              np.stack(points))
