"""The readouts' numbers, computed off the window's thread (no Qt here).

For every shown run the loss and |gradient| readouts need each array's scale facts, its series
in log (or linear) units, its bounds, and a curve that a plot a few hundred pixels wide can draw:
100 start points x 10,000 steps are a million values per curve, of which a 230-pixel plot shows
at most a few per pixel column. :func:`readouts_layout` computes all of it (in a job of the
runner, :mod:`app.jobs`); the view only copies the finished arrays into its items.

Curves are thinned to the pixels without changing what is drawn: a readout keeps the smallest
and the largest value of each step bucket (:func:`envelope`, a bucket is narrower than a pixel
column), the phase readout drops the points that stay in the pixel cell of the point before
(:func:`thin_phase`). Both depend only on the run and the plot's size, so a curve kept from an
earlier layout is the same as one computed afresh.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from app import viewmodel as vm

__all__ = ["Readout", "FieldLayout", "PhaseCurve", "envelope", "thin_phase", "phase_kept",
           "readouts_layout", "resolution"]

#: plot widths (pixels) are rounded up to a multiple of this before curves are thinned: a small
#: resize keeps the curves
WIDTH_QUANTUM = 256
#: step buckets per pixel column (each keeps its smallest and largest value)
BUCKETS_PER_PIXEL = 2


def resolution(pixels: float) -> int:
    """The pixel size curves are thinned for: ``pixels`` rounded up to :data:`WIDTH_QUANTUM`."""
    px = max(int(math.ceil(pixels)), 1)
    return -(-px // WIDTH_QUANTUM) * WIDTH_QUANTUM


def envelope(y: np.ndarray, columns: int) -> tuple[np.ndarray, np.ndarray] | None:
    """``y``: ``(N, S)`` values of N paths over steps ``0 .. S-1``. Each path cut into about
    ``columns`` buckets of consecutive steps, each bucket kept as its smallest and its largest
    value in step order: ``(x, y)`` flat and NaN-separated like
    :func:`app.viewmodel.readout_series`. NaN values are gaps; a bucket of gaps stays a gap.
    None when a bucket would hold two steps or fewer (nothing to thin)."""
    n, s = y.shape
    size = -(-s // max(int(columns), 1))
    if size <= 2 or n == 0:
        return None
    count = -(-s // size)
    padded = np.full((n, count * size), np.nan)
    padded[:, :s] = y
    padded = padded.reshape(n, count, size)
    gaps = np.isnan(padded)
    lo = np.where(gaps, np.inf, padded).argmin(axis=2)
    hi = np.where(gaps, -np.inf, padded).argmax(axis=2)
    at = np.stack([np.minimum(lo, hi), np.maximum(lo, hi)], axis=2)  # (N, count, 2)
    values = np.take_along_axis(padded, at, axis=2).reshape(n, -1)
    steps = (at + (np.arange(count) * size)[None, :, None]).reshape(n, -1).astype(np.float64)
    xs = np.full((n, 2 * count + 1), np.nan)
    ys = np.full((n, 2 * count + 1), np.nan)
    xs[:, :-1], ys[:, :-1] = steps, values
    return xs.reshape(-1), ys.reshape(-1)


def thin_phase(x: np.ndarray, y: np.ndarray, n: int, cells: tuple[int, int]
               ) -> tuple[np.ndarray, np.ndarray]:
    """A phase curve (:func:`app.viewmodel.phase_series`: ``n`` NaN-separated paths) without
    the points that fall in the same cell as the point before them, on a grid of ``cells``
    across the curve's own bounds (at least as fine as the plot's pixels, whose range holds
    those bounds). Every path keeps its first and last point and every gap."""
    keep = phase_kept(x, y, n, cells)
    return x[keep], y[keep]


def phase_kept(x: np.ndarray, y: np.ndarray, n: int, cells: tuple[int, int]) -> np.ndarray:
    """Which points :func:`thin_phase` keeps (a boolean mask)."""
    bx, by = vm.value_bounds(x), vm.value_bounds(y)
    if not (math.isfinite(bx[0]) and math.isfinite(by[0])):
        return np.ones(x.size, dtype=bool)
    with np.errstate(all="ignore"):
        cx = np.floor((x - bx[0]) / max(bx[1] - bx[0], 1e-300) * cells[0])
        cy = np.floor((y - by[0]) / max(by[1] - by[0], 1e-300) * cells[1])
    gap = ~(np.isfinite(cx) & np.isfinite(cy))
    keep = np.ones(x.size, dtype=bool)
    keep[1:] = (cx[1:] != cx[:-1]) | (cy[1:] != cy[:-1]) | gap[1:] | gap[:-1]
    ends = np.zeros(x.size, dtype=bool)
    width = x.size // max(n, 1)
    if width >= 2:  # each path's last point (the one before its NaN separator)
        ends[width - 2::width] = True
    return keep | ends


class Readout:
    """One run's loss or |gradient| readout: its scale facts and its drawn series, computed
    once (in a job) and kept while the run is shown (an lr edit computes the edited racer's
    only). Made on the window's thread (cheap), filled in by the job."""

    def __init__(self, source: Any, values: np.ndarray):
        self.source = source  # the Trajectories (kept: no id is reused while it is shown)
        self.values = values
        self._facts: vm.ReadoutFacts | None = None
        self._full: dict = {}  # (log, floor key) -> y as (N, steps + 2)
        self._drawn: dict = {}

    @property
    def facts(self) -> vm.ReadoutFacts:
        if self._facts is None:
            self._facts = vm.readout_facts(self.values)
        return self._facts

    def full(self, log: bool, floor: float) -> np.ndarray:
        """The whole series in ``log`` (or linear) units as ``(N, steps + 2)`` (each row a
        path and its NaN separator), computed once per scale."""
        key = (log, floor if self.facts.zeros else None)
        y = self._full.get(key)
        if y is None:
            y = vm.readout_series(self.values, log, floor).reshape(self.values.shape[1], -1)
            self._full = {k: v for k, v in self._full.items() if k[0] != log}  # one per scale
            self._full[key] = y
        return y

    def series(self, log: bool, floor: float, columns: int):
        """``(key, x, y, bounds)``: what the readout draws in ``log`` (or linear) units, thinned
        to ``columns`` pixel columns; ``key`` changes only when the drawn values do (the floor
        matters only to a readout with exact zeros)."""
        key = (self, log, floor if self.facts.zeros else None, columns)
        drawn = self._drawn.get(key)
        if drawn is None:
            full = self.full(log, floor)
            thin = envelope(full[:, :-1], BUCKETS_PER_PIXEL * columns)
            steps, n = self.values.shape[0] - 1, self.values.shape[1]
            x, y = thin if thin is not None else (vm.steps_series(n, steps), full.reshape(-1))
            drawn = (key, x, y, vm.value_bounds(y))
            self._drawn = {key: drawn}  # (only the latest scale is kept)
        return drawn


@dataclass(frozen=True)
class FieldLayout:
    """One readout plot's finished numbers: its scale and, per run, ``(key, x, y, bounds)``."""

    log: bool
    floor: float
    zero_at: float | None
    drawn: list


@dataclass(frozen=True)
class PhaseCurve:
    """One run's phase readout: ``key`` (changes when the values do), the thinned curve and
    the whole series as ``(N, steps + 2)`` arrays (where the playhead's dots are)."""

    key: Any
    x: np.ndarray
    y: np.ndarray
    full_x: np.ndarray
    full_y: np.ndarray
    bounds: tuple


def readouts_layout(fields: list[list[Readout]], columns: int, phase_cells: tuple[int, int],
                    phase_cache: dict, check=lambda: None):
    """Everything the loss and |g| readouts and the phase readout draw (a job's work):
    ``fields`` are the loss and the |g| :class:`Readout` of each run (the same runs in the same
    order); ``columns`` the readouts' pixel width, ``phase_cells`` the phase plot's pixel size
    (both :func:`resolution`); ``phase_cache`` maps a run's ``(loss, grad)`` readouts to its
    last :class:`PhaseCurve` (kept when unchanged). Returns ``(layouts, phase, phase_facts)``:
    a :class:`FieldLayout` per field, a :class:`PhaseCurve` per run, the floors of the phase
    readout. ``check`` raises to cancel (between arrays)."""
    layouts = []
    for entries in fields:
        facts = [e.facts for e in entries]
        check()
        log = vm.facts_want_log(facts) if facts else True
        floor = vm.facts_floor(facts)
        drawn = []
        for e in entries:
            drawn.append(e.series(log, floor, columns))
            check()
        layouts.append(FieldLayout(log, floor, vm.facts_zero_level(facts, log, floor), drawn))
    floors = tuple(vm.facts_floor([e.facts for e in entries]) for entries in fields)
    phase = []
    for loss, grad in zip(*fields, strict=True):
        key = (loss, grad, floors[0] if loss.facts.zeros else None,
               floors[1] if grad.facts.zeros else None, phase_cells)
        curve = phase_cache.get((loss, grad))
        if curve is None or curve.key != key:
            fx, fy = loss.full(True, floors[0]), grad.full(True, floors[1])
            x, y = thin_phase(fx.reshape(-1), fy.reshape(-1), fx.shape[0], phase_cells)
            curve = PhaseCurve(key, x, y, fx, fy, (vm.value_bounds(fx), vm.value_bounds(fy)))
            check()
        phase.append(curve)
    return layouts, phase, floors
