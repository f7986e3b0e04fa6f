"""What the Network lab tab draws, computed headlessly (no Qt): the GUI only copies it.

- :class:`Recorder`: the ``on_step`` hook of :func:`~app.netlab.train` that keeps the readouts
  of a run in progress, reports snapshots at most every ``interval`` seconds, and stops the run
  (raises :class:`Cancelled`) when asked;
- :func:`train_job` / :func:`landscape_job`: the work a background thread does (train, then the
  landscape grid, row by row so that Stop is quick);
- :func:`readout_arrays`: the curves of a finished run (up to the last good step);
- :func:`decision_field`: the model's output over the input plane (decision region);
- :func:`weight_index`: which recorded weights belong to a step.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from .landscape import Landscape, landscape
from .train import NetConfig, NetRun, train

__all__ = ["Cancelled", "Progress", "Recorder", "TrainResult", "LandscapeGrid",
           "train_job", "landscape_job", "landscape_grid", "readout_arrays", "good_length",
           "weight_index", "stability_limit", "data_window", "decision_field", "LANDSCAPE_GRID"]

Array = np.ndarray
#: the landscape is drawn on this many x this many points (64 x 64: about 1 s)
LANDSCAPE_GRID = 64


class Cancelled(Exception):
    """The user stopped the run (raised from the training hook, caught by the job)."""


class Progress(NamedTuple):
    """A snapshot of a run in progress: the readouts of steps ``0 .. step``."""

    step: int
    steps: int
    loss: Array
    grad_norm: Array
    sharpness_steps: Array
    sharpness: Array


class Recorder:
    """``on_step`` for :func:`train`: records, reports every ``interval`` s, and cancels."""

    def __init__(self, steps: int, report: Callable[[Progress], None] | None = None,
                 cancelled: Callable[[], bool] | None = None, interval: float = 0.05):
        self.steps = steps
        self.loss = np.full(steps + 1, np.nan)
        self.grad_norm = np.full(steps + 1, np.nan)
        self.sharpness_steps: list[int] = []
        self.sharpness: list[float] = []
        self.step = -1
        self.report, self.cancelled, self.interval = report, cancelled, interval
        self._last = -math.inf

    def __call__(self, t: int, loss: float, grad_norm: float, lambda_max: float) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled
        self.step = t
        self.loss[t], self.grad_norm[t] = loss, grad_norm
        if not math.isnan(lambda_max):
            self.sharpness_steps.append(t)
            self.sharpness.append(lambda_max)
        now = time.monotonic()
        if self.report is not None and (now - self._last >= self.interval or t == self.steps):
            self._last = now
            self.report(self.snapshot())

    def snapshot(self) -> Progress:
        k = self.step + 1
        return Progress(self.step, self.steps, self.loss[:k].copy(), self.grad_norm[:k].copy(),
                        np.array(self.sharpness_steps, dtype=np.int64),
                        np.array(self.sharpness, dtype=float))


class LandscapeGrid(NamedTuple):
    """The loss landscape of a run and its values on a grid: ``z[j, i]`` at ``(xs[i], ys[j])``."""

    surface: Landscape
    directions: str
    xs: Array
    ys: Array
    z: Array


class TrainResult(NamedTuple):
    run: NetRun
    landscape: LandscapeGrid | None


def landscape_grid(surface: Landscape, n: int = LANDSCAPE_GRID,
                   cancelled: Callable[[], bool] | None = None) -> tuple[Array, Array, Array]:
    """``surface.value`` on an ``n x n`` grid over its window, one row at a time."""
    (x0, x1), (y0, y1) = surface.window
    xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
    z = np.empty((n, n))
    for j, y in enumerate(ys):
        if cancelled is not None and cancelled():
            raise Cancelled
        z[j] = surface.value(np.stack([xs, np.full(n, y)], axis=-1))
    return xs, ys, z


def landscape_job(run: NetRun, directions: str = "random", seed: int = 0,
                  n: int = LANDSCAPE_GRID,
                  cancelled: Callable[[], bool] | None = None) -> LandscapeGrid:
    """The landscape of ``run`` around its last good weights, on an ``n x n`` grid."""
    surface = landscape(run, directions, seed=seed)
    xs, ys, z = landscape_grid(surface, n, cancelled)
    return LandscapeGrid(surface, directions, xs, ys, z)


def train_job(config: NetConfig, directions: str = "random", seed: int = 0,
              n: int = LANDSCAPE_GRID, report: Callable[[Progress], None] | None = None,
              cancelled: Callable[[], bool] | None = None,
              interval: float = 0.05) -> TrainResult:
    """Train (reporting progress), then compute the landscape; :class:`Cancelled` if stopped."""
    recorder = Recorder(config.steps, report, cancelled, interval)
    run = train(config, on_step=recorder)
    return TrainResult(run, landscape_job(run, directions, seed, n, cancelled))


# ---------------------------------------------------------------------------------------------
# Readouts of a finished run
# ---------------------------------------------------------------------------------------------
def good_length(run: NetRun) -> int:
    """How many steps have real values: ``diverged_at`` (steps 0 .. k-1) or ``steps + 1``.

    After a blow-up :class:`NetRun` keeps the last good values to the end; a readout stops
    at the last good step instead and marks the divergence.
    """
    return run.diverged_at if run.diverged else run.steps + 1


def readout_arrays(run: NetRun) -> dict[str, Array]:
    """The curves the readouts draw: loss and |gradient| of steps ``0 .. good_length - 1``,
    the sharpness where measured, and the stability limit ``2 / lr`` of every update."""
    n = good_length(run)
    with np.errstate(all="ignore"):
        limit = 2.0 / run.lr
    return {
        "steps": np.arange(n),
        "loss": run.loss[:n],
        "grad_norm": run.grad_norm[:n],
        "sharpness_steps": run.sharpness_steps,
        "sharpness": run.sharpness,
        "limit_steps": np.arange(run.steps),
        "limit": limit,
    }


def stability_limit(config: NetConfig) -> tuple[Array, Array]:
    """``(steps, 2 / lr)`` of every update of ``config`` (known before training)."""
    from app import optimizers, schedules

    opt = optimizers.make(config.optimizer, **config.optimizer_params)
    sched = schedules.make(config.schedule, **config.schedule_params)
    steps = np.arange(config.steps)
    with np.errstate(all="ignore"):
        return steps, 2.0 / (opt.lr * sched(steps))


def weight_index(run: NetRun, step: int) -> int:
    """The index into ``run.weights`` of the last recorded weights at or before ``step``."""
    k = int(np.searchsorted(run.weight_steps, int(step), side="right")) - 1
    return min(max(k, 0), len(run.weight_steps) - 1)


# ---------------------------------------------------------------------------------------------
# The data view
# ---------------------------------------------------------------------------------------------
def data_window(X: Array, pad: float = 0.15) -> tuple[tuple[float, float], tuple[float, float]]:
    """The inputs' bounding box grown by ``pad`` of its size on every side."""
    X = np.asarray(X, dtype=float)
    lo, hi = X.min(axis=0), X.max(axis=0)
    d = np.maximum(hi - lo, 1e-9) * pad
    return ((float(lo[0] - d[0]), float(hi[0] + d[0])), (float(lo[1] - d[1]),
                                                         float(hi[1] + d[1])))


def decision_field(run: NetRun, weights: Array, window: Any, n: int = 80
                   ) -> tuple[Array, Array, Array]:
    """The network's output over the input plane: ``(xs, ys, field)``, ``field[j, i]`` at
    ``(xs[i], ys[j])``.

    Regression: the predicted value. Two classes: the score of class 1 (its probability for
    cross-entropy), clipped to [0, 1], so 0.5 is the decision boundary. More classes: the index
    of the predicted class. Non-finite outputs (a blown-up network) become NaN.
    """
    (x0, x1), (y0, y1) = window
    xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
    P = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    with np.errstate(all="ignore"):
        out = run.model.predict(np.asarray(weights, dtype=float), P)
        if run.data.is_regression:
            field = out[:, 0]
        elif out.shape[1] == 1:
            field = np.clip(out[:, 0], 0.0, 1.0)
        else:
            field = np.where(np.isfinite(out).all(axis=1), out.argmax(axis=1), np.nan)
        field = np.where(np.isfinite(field), field, np.nan)
    return xs, ys, field.reshape(n, n).astype(float)
