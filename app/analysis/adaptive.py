"""The effective per-coordinate step size of an optimizer, read from its state (lessons P5, P6).

Adaptive optimizers move each coordinate by ``effective_step * direction``, where the effective
step is the learning rate divided by a running scale of past gradients (``sigma`` in the lecture):

- SGD / GD / momentum / Nesterov: the plain ``lr`` (direction: the gradient or the momentum
  buffer);
- Adagrad (torch, sum form): ``clr / (sqrt(sum) + eps)``; the lecture's root-mean-square form
  (``adagrad_rms``, ``average=True``): ``clr / (sqrt(sum / t) + eps)``, where ``clr = lr / (1 +
  (t - 1) lr_decay)``. The mean can shrink after a quiet stretch, so this step can *burst*
  (lesson P6); the sum never shrinks;
- RMSProp: ``lr / (sqrt(v) + eps)`` (centered: ``lr / (sqrt(v - m^2) + eps)``);
- Adam / AdamW: ``lr / (sqrt(v_hat) + eps)`` with ``v_hat = v / (1 - beta2^t)`` as torch computes
  it (``sqrt(v) / sqrt(1 - beta2^t) + eps``; AMSGrad uses ``max_exp_avg_sq``; without bias
  correction ``lr / (sqrt(v) + eps)``). The direction is the bias-corrected first moment
  ``m / (1 - beta1^t)``;
- NAdam: ``lr / (sqrt(v / (1 - beta2^t)) + eps)``; NAdam's step mixes the gradient and the first
  moment with momentum-schedule weights, this is the scale both are divided by.

The value describes the update that *produced* the state (``state.count = t`` updates so far),
taken with learning rate ``lr`` (that update's lr: the base lr times the schedule factor). A
fresh state (``count = 0``) has no statistics yet: adaptive optimizers give NaN there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.engine import Noise, iterate
from app.optimizers import (
    AdagradState,
    AdamState,
    NAdamState,
    Optimizer,
    RMSpropState,
    SGDState,
)
from app.schedules import Schedule
from surfaces import Surface

__all__ = ["effective_step", "EffectiveStepTrace", "effective_step_trace"]


def _hyper_of(optimizer: Optimizer | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(optimizer, Optimizer):
        return optimizer.hyper
    if isinstance(optimizer, Mapping):
        return optimizer
    raise ValueError(f"expected an Optimizer or its hyperparameters, got {optimizer!r}")


def effective_step(state: Any, optimizer: Optimizer | Mapping[str, Any], lr: float | None = None,
                   shape: tuple[int, ...] | None = None) -> np.ndarray:
    """Per-coordinate effective step ``lr / sigma`` of the update that produced ``state``.

    ``state`` is an optimizer state (``Step.state`` from :func:`app.engine.iterate`), ``optimizer``
    the :class:`app.optimizers.Optimizer` (or its effective hyperparameters, ``Optimizer.hyper``)
    that made it; ``lr`` the learning rate of that update (default ``hyper["lr"]``). Returns an
    array shaped like the parameters (``(N, 2)``). For SGD the state may hold no array, so the
    result is the plain lr broadcast to ``shape`` (a 0-d array if ``shape`` is None).
    """
    hyper = _hyper_of(optimizer)
    lr = float(hyper["lr"] if lr is None else lr)
    t = int(state.count)
    with np.errstate(all="ignore"):
        if isinstance(state, SGDState):
            if shape is None and state.momentum_buffer is not None:
                shape = np.shape(state.momentum_buffer)
            return np.full(() if shape is None else shape, lr)
        if isinstance(state, AdagradState):
            if t == 0:
                return np.full(np.shape(state.sum), np.nan)
            clr = lr / (1 + (t - 1) * hyper.get("lr_decay", 0.0))
            total = state.sum
            std = (np.sqrt(total / t) if hyper.get("average", False) else np.sqrt(total))
            return clr / (std + hyper["eps"])
        if isinstance(state, RMSpropState):
            if t == 0:
                return np.full(np.shape(state.square_avg), np.nan)
            v = state.square_avg
            if hyper.get("centered", False) and state.grad_avg is not None:
                avg = np.sqrt(v + (-1) * state.grad_avg * state.grad_avg) + hyper["eps"]
            else:
                avg = np.sqrt(v) + hyper["eps"]
            return lr / avg
        if isinstance(state, AdamState):
            if t == 0:
                return np.full(np.shape(state.exp_avg_sq), np.nan)
            beta2 = float(hyper["betas"][1])
            v = state.max_exp_avg_sq if hyper.get("amsgrad", False) else state.exp_avg_sq
            if hyper.get("bias_correction", True):
                denom = np.sqrt(v) / np.sqrt(1 - beta2**t) + hyper["eps"]
            else:
                denom = np.sqrt(v) + hyper["eps"]
            return lr / denom
        if isinstance(state, NAdamState):
            if t == 0:
                return np.full(np.shape(state.exp_avg_sq), np.nan)
            beta2 = float(hyper["betas"][1])
            return lr / (np.sqrt(state.exp_avg_sq / (1 - beta2**t)) + hyper["eps"])
    raise ValueError(f"no effective step for optimizer state {type(state).__name__}")


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
    rows, points = [], []
    factors = schedule(np.arange(int(steps))) if schedule is not None else np.ones(int(steps))
    lrs = optimizer.lr * factors
    used = np.concatenate([lrs[:1], lrs])
    for s in iterate(surface, optimizer, starts, steps, schedule, noise):
        rows.append(effective_step(s.state, optimizer, used[s.step], shape=s.points.shape))
        points.append(s.points)
    return EffectiveStepTrace(np.arange(len(rows)), used, np.stack(rows), np.stack(points))
