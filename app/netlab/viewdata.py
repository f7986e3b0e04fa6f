"""What the Network lab tab draws, computed headlessly (no Qt): the GUI only copies it.

- :class:`Recorder`: the ``on_step`` hook of :func:`~app.netlab.train` that keeps the readouts
  of a run in progress and reports a bounded number of snapshots (:class:`Progress`, curves
  reduced by :func:`peaks`);
- :func:`train_job` / :func:`landscape_job`: the work a background job does (train; then the
  landscape grid, row by row, checking for a cancel before each row);
- :func:`readout_arrays`: the curves of a finished run (up to the last good step);
- :func:`decision_field`: the model's output over the input plane (decision region);
- :func:`weight_index`: which recorded weights belong to a step.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from app import viewmodel as vm

from .landscape import Landscape, landscape
from .train import NetConfig, NetRun, train

__all__ = ["Progress", "LandscapeProgress", "Recorder", "LandscapeGrid", "peaks",
           "MAX_REPORTS", "DRAW_POINTS", "train_job", "landscape_job", "landscape_grid",
           "readout_arrays", "good_length", "weight_index", "stability_limit",
           "describe_config", "data_window", "decision_field", "LANDSCAPE_GRID",
           "LANDSCAPE_CONTOURS", "DecisionView", "decision_view", "target_levels"]

Array = np.ndarray
#: the landscape is drawn on this many x this many points (64 x 64: about 1 s)
LANDSCAPE_GRID = 64
#: with this many contour levels
LANDSCAPE_CONTOURS = 12


#: a run in progress is reported at most this many times (whatever its speed: the redraws of
#: the readouts are bounded by it)
MAX_REPORTS = 200
#: a snapshot's curves hold at most about this many points (the lowest and the highest value
#: of every bucket of steps: what a plot a few hundred pixels wide can show)
DRAW_POINTS = 2000


class Progress(NamedTuple):
    """A snapshot of a run in progress, up to step ``step`` of ``steps``: each readout as
    ``(steps, values)``, reduced to at most about :data:`DRAW_POINTS` points (:func:`peaks`)."""

    step: int
    steps: int
    loss: tuple[Array, Array]
    grad_norm: tuple[Array, Array]
    sharpness: tuple[Array, Array]


class LandscapeProgress(NamedTuple):
    """The landscape grid of a finished run is being computed: ``rows`` of ``n`` are done."""

    rows: int
    n: int


def peaks(x: Array, y: Array, max_points: int = DRAW_POINTS) -> tuple[Array, Array]:
    """``(x, y)`` itself if it has at most ``max_points`` points, else the lowest and the
    highest point of each of ``max_points // 2`` equal buckets (in order): the curve a plot
    draws looks the same, spikes included. NaNs are skipped within a bucket."""
    y = np.asarray(y, dtype=float)
    n = y.size
    if n <= max_points:
        return np.asarray(x), y
    stride = -(-n // max(1, max_points // 2))
    m = -(-n // stride)
    blocks = np.full(m * stride, np.nan)
    blocks[:n] = y
    blocks = blocks.reshape(m, stride)
    nan = np.isnan(blocks)
    low = np.where(nan, np.inf, blocks).argmin(axis=1)
    high = np.where(nan, -np.inf, blocks).argmax(axis=1)
    idx = np.sort(np.stack([low, high], axis=1), axis=1) + (np.arange(m) * stride)[:, None]
    idx = np.minimum(idx.ravel(), n - 1)
    return np.asarray(x)[idx], y[idx]


class Recorder:
    """``on_step`` for :func:`train`: keeps the readouts of a run in progress and hands a
    :class:`Progress` to ``report`` every ``every`` steps (at most ``reports`` times, counted
    in steps, not seconds) and at the last step.

    The per-step values live in arrays allocated once; a snapshot holds views of the part
    already written (which never changes again) or, for a long run, its :func:`peaks`: never a
    copy of the whole history per report.
    """

    def __init__(self, steps: int, report: Callable[[Progress], None] | None = None,
                 reports: int = MAX_REPORTS, draw_points: int = DRAW_POINTS):
        self.steps = steps
        self.loss = np.full(steps + 1, np.nan)
        self.grad_norm = np.full(steps + 1, np.nan)
        self._sharp_steps = np.zeros(steps + 1, dtype=np.int64)
        self._sharp = np.full(steps + 1, np.nan)
        self.measured = 0
        self.step = -1
        self.report, self.draw_points = report, draw_points
        self.every = max(1, math.ceil((steps + 1) / max(1, reports)))
        self.reported = 0

    def __call__(self, t: int, loss: float, grad_norm: float, lambda_max: float) -> None:
        self.step = t
        self.loss[t], self.grad_norm[t] = loss, grad_norm
        if not math.isnan(lambda_max):
            self._sharp_steps[self.measured], self._sharp[self.measured] = t, lambda_max
            self.measured += 1
        if self.report is not None and ((t + 1) % self.every == 0 or t == self.steps):
            self.reported += 1
            self.report(self.snapshot())

    @property
    def sharpness_steps(self) -> Array:
        return self._sharp_steps[:self.measured]

    @property
    def sharpness(self) -> Array:
        return self._sharp[:self.measured]

    def snapshot(self) -> Progress:
        k = self.step + 1
        steps = np.arange(k)
        cap = self.draw_points
        return Progress(self.step, self.steps, peaks(steps, self.loss[:k], cap),
                        peaks(steps, self.grad_norm[:k], cap),
                        peaks(self.sharpness_steps, self.sharpness, cap))


class LandscapeGrid(NamedTuple):
    """The loss landscape of a run and its values on a grid: ``z[j, i]`` at ``(xs[i], ys[j])``,
    with what the plot draws, computed with it off the window's thread: the colour ``scale``
    (:func:`app.viewmodel.color_scale` of ``z``), its ``contours``
    (:func:`app.viewmodel.contour_lines`, :data:`LANDSCAPE_CONTOURS` levels) and the projected
    ``path`` limited to drawable coordinates."""

    surface: Landscape
    directions: str
    xs: Array
    ys: Array
    z: Array
    scale: Any = None
    contours: list | None = None
    path: Array | None = None


def landscape_grid(surface: Landscape, n: int = LANDSCAPE_GRID,
                   check: Callable[[], None] | None = None,
                   report: Callable[[int], None] | None = None) -> tuple[Array, Array, Array]:
    """``surface.value`` on an ``n x n`` grid over its window, one row at a time: ``check()``
    (a job's cancellation check) before each row, ``report(rows_done)`` after it."""
    (x0, x1), (y0, y1) = surface.window
    xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
    z = np.empty((n, n))
    for j, y in enumerate(ys):
        if check is not None:
            check()
        z[j] = surface.value(np.stack([xs, np.full(n, y)], axis=-1))
        if report is not None:
            report(j + 1)
    return xs, ys, z


def landscape_job(run: NetRun, directions: str = "pca", seed: int = 0,
                  n: int = LANDSCAPE_GRID, check: Callable[[], None] | None = None,
                  report: Callable[[LandscapeProgress], None] | None = None) -> LandscapeGrid:
    """The landscape of ``run`` around its last good weights, on an ``n x n`` grid."""
    surface = landscape(run, directions, seed=seed)
    xs, ys, z = landscape_grid(surface, n, check, None if report is None else
                               (lambda rows: report(LandscapeProgress(rows, n))))
    scale = vm.color_scale(z)
    contours = vm.contour_lines(xs, ys, scale.image, LANDSCAPE_CONTOURS, scale.levels)
    path = vm.drawable_points(surface.trajectory[:, None, :], surface.window)[0]
    return LandscapeGrid(surface, directions, xs, ys, z, scale, contours, path)


def train_job(config: NetConfig, check: Callable[[], None] | None = None,
              report: Callable[[Progress], None] | None = None,
              reports: int = MAX_REPORTS, recorder: Recorder | None = None) -> NetRun:
    """Train ``config``, reporting at most ``reports`` snapshots; ``check()`` as in
    :func:`train` (what it raises ends the run and propagates). ``recorder`` (default: one
    made of ``report`` and ``reports``) records the steps."""
    return train(config, on_step=recorder or Recorder(config.steps, report, reports),
                 check=check)


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


def _lr_text(config: NetConfig) -> str:
    from app import optimizers

    lr = config.optimizer_params.get("lr")
    if lr is None:
        lr = optimizers.spec(config.optimizer).defaults().get("lr")
    return f"lr {lr:g}" if isinstance(lr, int | float) else ""


def describe_config(config: NetConfig) -> str:
    """``"gd lr 0.1, leaky_relu 2-32-32-out, two_moons"``: a run's set-up in one line."""
    hidden = "-".join(str(h) for h in (2, *config.hidden)) + "-out"
    return (f"{config.optimizer} {_lr_text(config)}, {config.activation} {hidden}, "
            f"{config.dataset}")


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


def target_levels(y: Array) -> tuple[float, float]:
    """The colour range of regression targets ``y`` (never empty)."""
    lo, hi = float(np.min(y)), float(np.max(y))
    return lo, hi if hi > lo else lo + 1.0


class DecisionView(NamedTuple):
    """The decision region at one step, ready to draw: the :func:`decision_field` ``field``
    over ``(xs, ys)``, the ``image`` to colour (NaN replaced: by the top target for regression,
    0.5 for two classes, class 0 for more), the two-class ``boundary`` (the 0.5 contour,
    NaN-separated, ``(0, 2)`` if none) and, for regression, the fraction of the image
    ``outside`` the targets' colour range."""

    xs: Array
    ys: Array
    field: Array
    image: Array
    boundary: Array
    outside: float


def decision_view(run: NetRun, weights: Array, window: Any, n: int = 80) -> DecisionView:
    """:func:`decision_field` and what the data view draws of it (off the window's thread)."""
    xs, ys, field = decision_field(run, weights, window, n)
    data, boundary, outside = run.data, np.empty((0, 2)), 0.0
    if data.is_regression:
        lo, hi = target_levels(data.y)
        image = np.where(np.isfinite(field), field, hi)
        with np.errstate(all="ignore"):
            outside = float(np.mean(~((field >= lo) & (field <= hi))))
    elif data.n_classes == 2:
        image = np.where(np.isfinite(field), field, 0.5)
        lines = vm.contour_lines(xs, ys, image, 1, (0.0, 1.0))
        if lines:
            boundary = lines[0][1]
    else:
        image = np.where(np.isfinite(field), field, 0.0)
    return DecisionView(xs, ys, field, np.ascontiguousarray(image, dtype=np.float32),
                        boundary, outside)
