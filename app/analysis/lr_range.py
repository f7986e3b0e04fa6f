"""The learning-rate range test (Smith 2017, fastai's ``lr_find``), on 2D surfaces and networks.

One run whose learning rate grows exponentially every step, from ``lr_min`` to ``lr_max`` (the
``lr_sweep`` schedule): the loss after update ``t`` is paired with the lr of that update. The
loss is smoothed as fastai does (an exponential moving average with weight ``beta``, bias
corrected) and the sweep stops once the smoothed loss exceeds ``stop_factor`` times its best
(or the run blows up). fastai's two suggestions are computed on the smoothed curve without its
first tenth and last five points:

- **steepest**: the lr where the loss falls fastest against ``log(lr)``;
- **valley**: the longest stretch of falling loss, two thirds of the way down it (roughly
  ``start + 1/3 + 1/6`` of its length, exactly fastai's index rule).

Beside them, theory: plain gradient descent is stable only while ``lr < 2 / lambda_max`` with
the sharpness ``lambda_max`` (the Hessian's largest eigenvalue) measured at the start.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["LrRange", "smooth", "steepest", "valley", "lr_range", "lr_range_test",
           "lr_range_netlab"]

#: fastai's defaults
BETA = 0.98
STOP_FACTOR = 4.0


@dataclass(frozen=True)
class LrRange:
    """A finished range test: ``lrs[t]`` was used by update ``t``, ``loss[t]`` is the loss after
    it, ``smoothed[t]`` the smoothed loss; only the points before the stop are kept.

    ``steepest`` and ``valley`` are the suggestions (NaN if the curve is too short),
    ``lambda_max`` the sharpness at the start and ``theory = 2 / lambda_max`` (NaN without a
    positive sharpness); ``stopped`` says why the sweep ended (``"end"``, ``"loss"`` above
    ``stop_factor`` times the best, ``"diverged"``).
    """

    lrs: np.ndarray
    loss: np.ndarray
    smoothed: np.ndarray
    steepest: float
    valley: float
    lambda_max: float
    theory: float
    stopped: str
    start_loss: float

    def to_dict(self) -> dict[str, Any]:
        def num(v):
            v = float(v)
            return v if math.isfinite(v) else None

        return {"lrs": [num(v) for v in self.lrs], "loss": [num(v) for v in self.loss],
                "smoothed": [num(v) for v in self.smoothed],
                "suggestions": {"steepest": num(self.steepest), "valley": num(self.valley)},
                "lambda_max": num(self.lambda_max), "theory_lr": num(self.theory),
                "stopped": self.stopped, "start_loss": num(self.start_loss)}


def smooth(loss: Any, beta: float = BETA) -> np.ndarray:
    """fastai's smoothing: ``avg = beta avg + (1 - beta) loss``, divided by ``1 - beta^(t+1)``."""
    loss = np.asarray(loss, dtype=float)
    out = np.empty_like(loss)
    avg = 0.0
    for t, v in enumerate(loss):
        avg = beta * avg + (1 - beta) * v
        out[t] = avg / (1 - beta ** (t + 1))
    return out


def _trimmed(lrs: np.ndarray, loss: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """fastai's window for the suggestions: without the first tenth and the last five."""
    n = len(loss)
    return lrs[n // 10:n - 5], loss[n // 10:n - 5]


def steepest(lrs: Any, loss: Any) -> float:
    """The lr of the steepest fall of ``loss`` against ``log(lr)`` (fastai's ``steep``)."""
    lrs, loss = _trimmed(np.asarray(lrs, float), np.asarray(loss, float))
    if len(loss) < 2:
        return math.nan
    slopes = np.diff(loss) / np.diff(np.log(lrs))
    return float(lrs[int(np.argmin(slopes))])


def valley(lrs: Any, loss: Any) -> float:
    """fastai's ``valley``: the longest decreasing subsequence of the loss, and the lr a
    third plus a sixth of the way along it."""
    lrs, loss = _trimmed(np.asarray(lrs, float), np.asarray(loss, float))
    n = len(loss)
    if n < 2:
        return math.nan
    lds = np.ones(n, dtype=int)
    max_start = max_end = 0
    for i in range(1, n):
        for j in range(i):
            if loss[i] < loss[j] and lds[i] < lds[j] + 1:
                lds[i] = lds[j] + 1
            if lds[max_end] < lds[i]:
                max_end = i
                max_start = max_end - lds[max_end]
    sections = (max_end - max_start) / 3
    return float(lrs[max_start + int(sections) + int(sections / 2)])


def lr_range(lrs: Any, loss: Any, lambda_max: float, start_loss: float,
             diverged_at: int = -1, beta: float = BETA,
             stop_factor: float = STOP_FACTOR) -> LrRange:
    """The range test of a finished sweep: ``loss[t]`` after update ``t`` with ``lrs[t]``;
    ``diverged_at`` the first update whose result blew up (-1: none)."""
    lrs, loss = np.asarray(lrs, float), np.asarray(loss, float)
    stopped = "end"
    n = len(loss)
    if diverged_at >= 0:
        n, stopped = min(n, diverged_at), "diverged"
    smoothed = smooth(loss[:n], beta)
    best = np.minimum.accumulate(np.minimum(smoothed, start_loss))
    over = np.flatnonzero(smoothed > stop_factor * best)
    if over.size:
        n, stopped = int(over[0]), "loss"
    lrs, loss, smoothed = lrs[:n], loss[:n], smoothed[:n]
    theory = 2.0 / lambda_max if lambda_max > 0 else math.nan
    return LrRange(lrs, loss, smoothed, steepest(lrs, smoothed), valley(lrs, smoothed),
                   float(lambda_max), theory, stopped, float(start_loss))


def _sweep_schedule(lr_min: float, lr_max: float, steps: int):
    from app import schedules

    if not (0 < lr_min < lr_max and math.isfinite(lr_max)):
        raise ValueError(f"Invalid lr range: {lr_min:g} .. {lr_max:g} (expected 0 < lr_min < "
                         f"lr_max)")
    return schedules.make("lr_sweep", total_steps=int(steps), end_factor=lr_max / lr_min)


def lr_range_test(surface: Any, optimizer: str = "gd", start: Any = (0.0, 0.0), *,
                  hyper: dict | None = None, lr_min: float = 1e-6, lr_max: float = 10.0,
                  steps: int = 100, beta: float = BETA,
                  stop_factor: float = STOP_FACTOR) -> LrRange:
    """The range test of ``optimizer`` on a 2D surface from ``start``; the sharpness is the
    Hessian's largest eigenvalue there."""
    from app import optimizers
    from app.engine import simulate

    sched = _sweep_schedule(lr_min, lr_max, steps)
    opt = optimizers.make(optimizer, **{**(hyper or {}), "lr": lr_min})
    p0 = np.asarray(start, dtype=float).reshape(1, 2)
    run = simulate(surface, opt, p0, int(steps), sched)
    lam = float(np.linalg.eigvalsh(surface.hessian(p0[0]))[-1])
    return lr_range(run.lr, run.loss[1:, 0], lam, float(run.loss[0, 0]),
                    int(run.diverged_at[0]) - 1 if run.diverged_at[0] > 0 else -1,
                    beta, stop_factor)


def lr_range_netlab(config: Any, *, lr_min: float = 1e-6, lr_max: float = 10.0,
                    steps: int = 100, beta: float = BETA, stop_factor: float = STOP_FACTOR,
                    check: Any = None) -> LrRange:
    """The range test of a network-lab config (its optimizer, data and initialization; the
    schedule replaced by the sweep); the sharpness is measured at the initial weights."""
    from dataclasses import replace

    from app.netlab.train import build, sharpness, train

    _sweep_schedule(lr_min, lr_max, steps)
    params = {**dict(config.optimizer_params), "lr": lr_min}
    sweep = replace(config, optimizer_params=params, schedule="lr_sweep",
                    schedule_params={"total_steps": int(steps), "end_factor": lr_max / lr_min},
                    steps=int(steps), sharpness_every=0)
    run = train(sweep, check=check)
    model, data, targets, w0, *_ = build(sweep)
    lam = float(sharpness(model, w0, data.X, targets, check=check).lambda_max)
    return lr_range(run.lr, run.loss[1:], lam, float(run.loss[0]),
                    run.diverged_at - 1 if run.diverged_at > 0 else -1, beta, stop_factor)
