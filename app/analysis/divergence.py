"""Divergence diagnosis: when a blow-up began, how fast it grew, and the curvature that implies.

The engine marks a run ``diverged_at = k`` where its loss crossed the blow-up bound (or stopped
being finite). That is where the blow-up *ended*; a learner wants where it *began*. One rule,
the same for every surface, the 2D race and the network lab:

- ``onset_step``: the last step at which the loss was at its lowest before the blow-up; from
  there on it never comes back down to that value (sustained growth);
- ``growth_per_step`` ``r``: the loss's geometric-mean growth per step over the second half of
  that stretch, ``(loss[last] / loss[mid]) ** (1 / (last - mid))`` with ``mid`` halfway from the
  onset to the last good step (by then the fastest-growing direction dominates; if the loss at
  the onset is not positive, its excess over that value);
- what ``r`` implies for gradient descent on a locally quadratic loss: the error along the
  steepest direction is multiplied by ``1 - lr lambda`` per step, the loss by its square, so
  ``|1 - lr lambda_max| = sqrt(r)``: ``implied_lambda_max = (1 + sqrt(r)) / lr`` and the
  largest stable learning rate ``max_stable_lr = 2 / lambda_max``. Heavy-ball momentum ``mu``
  (its multiplier on the steepest direction is the root ``-sqrt(r)`` of ``z^2 - (1 + mu - lr
  lambda) z + mu``) gives ``lr lambda_max = 1 + mu + sqrt(r) + mu / sqrt(r)`` and the limit
  ``(2 + 2 mu) / lambda_max``. For other optimizers the two are None.

``diagnose`` returns None for a run that did not diverge.

>>> import numpy as np
>>> loss = 10.0 * 1.96 ** np.arange(6)            # |1 - lr lambda| = 1.4 with lr 0.12
>>> d = diagnose(loss, diverged_at=6, lr=0.12)
>>> d.onset_step, round(d.growth_per_step, 6), round(d.implied_lambda_max, 6)
(0, 1.96, 20.0)
>>> round(d.max_stable_lr, 6)
0.1
>>> diagnose(loss, diverged_at=-1) is None
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.i18n import translate
from app.numbers import format_number

__all__ = ["Diagnosis", "diagnose", "diagnose_optimizer", "diagnose_run", "as_dict"]


@dataclass(frozen=True)
class Diagnosis:
    """What a diverged run's loss curve says (see the module docstring); None: not known."""

    onset_step: int
    growth_per_step: float | None = None
    implied_lambda_max: float | None = None
    max_stable_lr: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"onset_step": self.onset_step, "growth_per_step": self.growth_per_step,
                "implied_lambda_max": self.implied_lambda_max,
                "max_stable_lr": self.max_stable_lr}

    def text(self) -> str:
        """One line for a tooltip or the status bar."""
        parts = [translate("divergence", "blow-up began at step {step}").format(
            step=self.onset_step)]
        if self.growth_per_step is not None:
            parts.append(translate("divergence", "loss ×{growth} per step").format(
                growth=format_number(self.growth_per_step)))
        if self.implied_lambda_max is not None:
            parts.append(translate(
                "divergence", "implies λmax ≈ {lambda_max}, stable for lr < {lr}").format(
                lambda_max=format_number(self.implied_lambda_max),
                lr=format_number(self.max_stable_lr)))
        return translate("divergence", ", ").join(parts)


def as_dict(diagnosis: Diagnosis | None) -> dict[str, Any] | None:
    """The JSON form: the object, or None (null) for a run that did not diverge."""
    return None if diagnosis is None else diagnosis.to_dict()


def _growth(loss: np.ndarray, onset: int, last: int) -> float | None:
    """Geometric-mean growth per step over the second half of the stretch from ``onset`` to
    ``last`` (where the fastest-growing direction dominates); a loss that is not positive at
    the onset is measured as its excess over that value."""
    base = 0.0 if loss[onset] > 0 else float(loss[onset])
    first = onset + (last - onset) // 2
    if base != 0.0:
        first = max(first, onset + 1)
    if last <= first:
        return None
    with np.errstate(all="ignore"):
        ratio = (loss[last] - base) / (loss[first] - base)
        r = float(np.exp(np.log(ratio) / (last - first))) if ratio > 0 else math.nan
    return r if math.isfinite(r) and r > 1 else None


def diagnose(loss: Any, diverged_at: int, lr: Any = None, family: str = "gd",
             momentum: float = 0.0, step_scale: float = 1.0) -> Diagnosis | None:
    """The diagnosis of one run: ``loss`` ``(steps + 1,)`` (values from ``diverged_at`` on are
    ignored), ``lr`` the learning rate of each update (a number or ``(steps,)``; None: no
    implied curvature), ``family``/``momentum``/``step_scale`` the optimizer's stability model
    (:class:`app.optimizers.Dynamics`). None if the run did not diverge."""
    d = int(diverged_at)
    if d < 0:
        return None
    if d == 0:  # an invalid start, not a blow-up
        return Diagnosis(0)
    good = np.asarray(loss, dtype=float)[:d]
    if not np.isfinite(good).all():
        good = good[:int(np.argmin(np.isfinite(good)))]
    if good.size == 0:
        return Diagnosis(0)
    last = good.size - 1
    onset = int(last - np.argmin(good[::-1]))  # the last time the loss was at its lowest
    r = _growth(good, onset, last)
    if r is None or lr is None:
        return Diagnosis(onset, r)
    lrs = np.asarray(lr, dtype=float).reshape(-1)  # one number, or one per update
    used = lrs if lrs.size == 1 else lrs[onset:last]  # the updates of the growth
    step = float(np.mean(used)) * step_scale if used.size else math.nan
    if not (math.isfinite(step) and step > 0):
        return Diagnosis(onset, r)
    s = math.sqrt(r)
    if family == "gd":
        lam = (1 + s) / step
        limit = 2 / lam / step_scale
    elif family == "heavy_ball":
        lam = (1 + momentum + s + momentum / s) / step
        limit = (2 + 2 * momentum) / lam / step_scale
    else:
        return Diagnosis(onset, r)
    return Diagnosis(onset, r, lam, limit)


def diagnose_optimizer(loss: Any, diverged_at: int, lr: Any, optimizer) -> Diagnosis | None:
    """:func:`diagnose` with the stability model ``optimizer`` (an
    :class:`app.optimizers.Optimizer`) declares: the 2D race and the network lab use this."""
    if int(diverged_at) < 0:
        return None
    return diagnose(loss, diverged_at, lr, *_dynamics(optimizer))


def diagnose_run(trajectories, i: int, optimizer) -> Diagnosis | None:
    """The diagnosis of start point ``i`` of a run of ``optimizer``, from its
    :class:`app.engine.Trajectories`."""
    return diagnose_optimizer(trajectories.loss[:, i], int(trajectories.diverged_at[i]),
                              trajectories.lr_of(i), optimizer)


def _dynamics(optimizer) -> tuple[str, float, float]:
    """``(family, momentum, step_scale)`` of an optimizer's stability model (scalars only)."""
    try:
        dyn = optimizer.spec.dynamics(optimizer.hyper, 1)
        momentum, scale = float(dyn.momentum), float(dyn.step_scale)
    except (TypeError, ValueError):  # array hyperparameters: no single model
        return ("other", 0.0, 1.0)
    return (dyn.family, momentum, scale)
