"""Headless helpers that turn engine arrays into what the views draw (no Qt here).

The Qt views in ``app/ui`` call these functions and only copy the results into plot items, so
everything numerical that a picture depends on (colour scaling, contour lines, the part of a path
revealed by the playhead, log-scaled readout series) is plain numpy and testable without a screen.
numpy's floating-point warnings are contained here, never printed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.numbers import decade_stride, format_number, power_label

__all__ = [
    "ColorScale",
    "color_scale",
    "contour_lines",
    "path_until",
    "runs_to_draw",
    "drawn_is_current",
    "heads_at",
    "log_series",
    "readout_series",
    "wants_log",
    "log_floor",
    "log_range",
    "ReadoutFacts",
    "readout_facts",
    "facts_want_log",
    "facts_floor",
    "facts_zero_level",
    "value_bounds",
    "padded_range",
    "steps_series",
    "lr_curve",
    "log_ticks",
    "zero_level",
    "format_number",
    "axis_labels",
    "clip_segments_needed",
    "limit_points",
    "dock_widths",
    "line_segments",
    "focused_levels",
    "phase_series",
    "phase_point",
]

#: use a logarithmic colour scale when the values span more than this factor above their floor
LOG_SCALE_RATIO = 50.0
#: image values are clamped to +-this (float32 holds up to 3.4e38)
IMAGE_LIMIT = 1e37
#: a coordinate this many window-spans away from the window is clamped before drawing
DRAW_LIMIT_SPANS = 1e4


@dataclass(frozen=True)
class ColorScale:
    """A field ready for an image: ``image`` (float32, C-contiguous), its ``levels``, and how
    it relates to ``f``: ``image = log10(f - offset)`` when ``log``, else ``image = f``."""

    image: np.ndarray
    levels: tuple[float, float]
    log: bool
    offset: float

    @property
    def label(self) -> str:
        if not self.log:
            return "f(x, y)"
        return "log10(f - f_min)"


def color_scale(z: np.ndarray, log: bool | None = None) -> ColorScale:
    """Choose linear or log colours for a grid of values ``z`` (NaN/inf allowed).

    Log is chosen (``log=None``) when the finite values span more than ``LOG_SCALE_RATIO``
    times their median distance above the minimum: then a linear scale would paint nearly the
    whole window in one colour. Non-finite values are painted with the top colour.
    """
    z = np.asarray(z, dtype=np.float64)
    with np.errstate(all="ignore"):
        finite = np.isfinite(z)
        if not finite.any():
            img = np.zeros(z.shape, dtype=np.float32)
            return ColorScale(img, (0.0, 1.0), False, 0.0)
        vals = z[finite]
        lo, hi = float(vals.min()), float(vals.max())
        span = hi - lo
        if log is None:
            median = float(np.median(vals)) - lo
            log = span > 0 and median >= 0 and span > LOG_SCALE_RATIO * max(median, 1e-300)
        if log and span > 0:
            # f - offset > 0 everywhere; the floor keeps the minimum itself finite
            offset = lo - span * 1e-5
            field = np.log10(np.where(finite, z - offset, hi - offset))
            # spend the colours on the surface, not on the few pixels nearest the minimum
            flo = float(np.percentile(field, 0.5))
            # a span of subnormals: the floor underflows to 0 and log10(0) = -inf (linear then)
            log = bool(np.isfinite(field).all())
        if not (log and span > 0):
            log, offset = False, 0.0
            field = np.where(finite, z, hi)
            flo = float(np.min(field))
        # float32 holds the image: keep values (and so levels) inside its range, or the cast
        # overflows to inf and the colour mapping warns (a formula like 1e308)
        field = np.clip(field, -IMAGE_LIMIT, IMAGE_LIMIT)
        flo = min(max(flo, -IMAGE_LIMIT), IMAGE_LIMIT)
        fhi = min(max(float(np.max(field)), -IMAGE_LIMIT), IMAGE_LIMIT)
        if not math.isfinite(flo) or not math.isfinite(fhi):
            flo, fhi = 0.0, 1.0
        # a span float32 cannot resolve (e.g. lambda = 1e-320: a flat surface) is flat: the
        # colour mapping divides by it and would overflow
        if not fhi - flo > max(abs(flo), abs(fhi)) * 1e-6 + 1e-30:
            fhi = flo + max(1.0, abs(flo) * 1e-3)
        img = np.ascontiguousarray(field, dtype=np.float32)
    return ColorScale(img, (flo, fhi), bool(log), float(offset))


def contour_lines(xs: np.ndarray, ys: np.ndarray, field: np.ndarray, n_levels: int = 15,
                  value_range: tuple[float, float] | None = None, levels=None):
    """Contour lines of ``field`` (``field[j, i]`` at ``(xs[i], ys[j])``): ``n_levels`` levels
    evenly spaced inside ``value_range`` (default: the finite range of ``field``), or the
    given ``levels`` (e.g. :func:`focused_levels`).

    Returns a list of ``(level, xy)``: ``xy`` of shape ``(k, 2)`` holds every line of that level
    set, separated by NaN rows (draw with ``connect='finite'``).
    """
    import contourpy

    field = np.asarray(field, dtype=np.float64)
    with np.errstate(all="ignore"):
        finite = field[np.isfinite(field)]
        if finite.size == 0:
            return []
        if levels is None:
            lo, hi = value_range or (float(finite.min()), float(finite.max()))
            if not hi > lo:
                return []
            levels = np.linspace(lo, hi, n_levels + 2)[1:-1]
        masked = np.ma.masked_invalid(field)
        gen = contourpy.contour_generator(
            xs, ys, masked, line_type=contourpy.LineType.ChunkCombinedNan, name="serial"
        )
        out = []
        for level in levels:
            chunks = [c for c in gen.lines(float(level))[0] if c is not None]
            if chunks:
                out.append((float(level), np.concatenate(chunks)))
    return out


def line_segments(lines, window) -> np.ndarray:
    """Lines ``a x + b y + c = 0`` clipped to ``window`` ``((x0, x1), (y0, y1))``: one
    ``(2 k + k - 1, 2)`` array of segments separated by NaN rows (draw with
    ``connect='finite'``); lines that miss the window are left out.

    >>> line_segments([(1.0, -1.0, 0.0)], ((-1.0, 1.0), (-2.0, 2.0))).tolist()
    [[-1.0, -1.0], [1.0, 1.0]]
    """
    (x0, x1), (y0, y1) = window
    rows = []
    for a, b, c in lines:
        ends = []
        if b:  # y at the left and right edges
            for x in (x0, x1):
                ends.append((x, -(a * x + c) / b))
        if a:  # x at the bottom and top edges
            for y in (y0, y1):
                ends.append((-(b * y + c) / a, y))
        eps = 1e-12 * max(x1 - x0, y1 - y0)
        inside = sorted({(round(x, 12), round(y, 12)) for x, y in ends
                         if x0 - eps <= x <= x1 + eps and y0 - eps <= y <= y1 + eps})
        if len(inside) >= 2:
            if rows:
                rows.append((np.nan, np.nan))
            rows += [inside[0], inside[-1]]
    return np.array(rows, dtype=float).reshape(-1, 2)


def focused_levels(z: np.ndarray, visited, n_levels: int,
                   min_share: float = 0.2) -> tuple[ColorScale, np.ndarray] | None:
    """A colour scale and contour levels that show the surface's structure where the paths are.

    ``z`` is the picture's grid of values, ``visited`` the loss values along the paths (any
    shape, non-finite ignored). When the paths stay in the lowest part of the picture's value
    range (their largest loss, padded by a tenth, below ``1 - min_share`` of :func:`color_scale`'s
    range), the colours switch to ``log10(f - f_min)`` (the whole picture stays readable, the low
    values get most of the colours) and the ``n_levels`` contour levels are the quantiles of the
    picture's values inside the visited range (equal areas between lines, so the lines follow
    the shape of the surface where the paths run). None when the paths cover most of the range
    or nothing was visited: :func:`color_scale` with evenly spaced levels is right then.
    """
    base = color_scale(z)
    v = np.asarray(visited, dtype=np.float64).reshape(-1)
    with np.errstate(all="ignore"):
        v = v[np.isfinite(v)]
        if v.size == 0:
            return None

        def top_in(scale: ColorScale) -> float:
            u = np.log10(v - scale.offset) if scale.log else v
            u = u[np.isfinite(u)]
            lo, hi = scale.levels
            top = float(u.max()) if u.size else hi
            return min(hi, top + 0.1 * max(top - lo, 0.0) + 1e-3 * (hi - lo))

        lo, hi = base.levels
        if not hi > lo or top_in(base) >= lo + (1 - min_share) * (hi - lo):
            return None
        scale = base if base.log else color_scale(z, log=True)
        lo, top = scale.levels[0], top_in(scale)
        pixels = scale.image[np.isfinite(scale.image)]
        inside = pixels[(pixels >= lo) & (pixels <= top)]
        if not top > lo or inside.size < 4 * n_levels:
            return None
        levels = np.unique(np.quantile(inside, np.linspace(0, 1, n_levels + 2)[1:-1]))
    return scale, levels


#: the smallest half-span a drawn window may have, relative to its centre (and absolute)
MIN_HALF_SPAN = 1e-9


def drawable_window(window):
    """``window`` ((x0, x1), (y0, y1)) widened about its centre where a span is too small to
    draw (e.g. a formula window from 0 to 1e-320: Qt cannot make a rectangle of it)."""
    out = []
    for a, b in window:
        a, b = float(a), float(b)
        c, half = (a + b) / 2, (b - a) / 2
        least = MIN_HALF_SPAN * max(abs(c), 1.0)
        if not half >= least:
            a, b = c - least, c + least
        out.append((a, b))
    return tuple(out)


def limit_points(points: np.ndarray, window) -> np.ndarray:
    """A copy of ``points`` (``(..., 2)``) with coordinates far outside ``window`` clamped (only
    for drawing: Qt mishandles huge values); see :func:`clip_segments_needed`."""
    (x0, x1), (y0, y1) = window
    sx, sy = (x1 - x0) * DRAW_LIMIT_SPANS, (y1 - y0) * DRAW_LIMIT_SPANS
    out = points.copy()
    np.clip(out[..., 0], x0 - sx, x1 + sx, out=out[..., 0])
    np.clip(out[..., 1], y0 - sy, y1 + sy, out=out[..., 1])
    return out


def clip_segments_needed(points: np.ndarray, window) -> bool:
    """True if some coordinate lies beyond the drawing limit around ``window``."""
    (x0, x1), (y0, y1) = window
    sx, sy = (x1 - x0) * DRAW_LIMIT_SPANS, (y1 - y0) * DRAW_LIMIT_SPANS
    with np.errstate(all="ignore"):
        p = points
        return bool(((p[..., 0] < x0 - sx) | (p[..., 0] > x1 + sx)
                     | (p[..., 1] < y0 - sy) | (p[..., 1] > y1 + sy)).any())


def drawable_points(points: np.ndarray, window) -> np.ndarray:
    """``points`` (``(steps + 1, N, 2)``) made safe to draw: coordinates limited, C-ordered
    as ``(N, steps + 1, 2)`` so that one start point's path is contiguous."""
    p = np.ascontiguousarray(np.transpose(points, (1, 0, 2)), dtype=np.float64)
    if clip_segments_needed(p, window):
        p = limit_points(p, window)
    return p


def runs_to_draw(runs: list, racers: list, has_starts: bool, computing: bool,
                 shown: list) -> list:
    """The runs a view draws: ``runs``, except that while the session computes, a racer whose
    new run has not arrived yet keeps the run drawn before (``shown``: this function's last
    result) instead of vanishing for a frame and coming back (no flicker, no legend rebuilt)."""
    if not computing or len(shown) != len(runs):
        return list(runs)
    return [old if run is None and racer.enabled and has_starts else run
            for run, racer, old in zip(runs, racers, shown, strict=True)]


def drawn_is_current(shown: list, runs: list) -> bool:
    """True if a view's drawn runs (:func:`runs_to_draw`) are the session's ``runs``."""
    return len(shown) == len(runs) and all(a is b for a, b in zip(shown, runs, strict=True))


def path_until(paths: np.ndarray, step: int) -> tuple[np.ndarray, np.ndarray]:
    """``x, y`` of every path from its start up to ``step`` (inclusive), NaN between paths.

    ``paths`` has shape ``(N, steps + 1, 2)`` (see :func:`drawable_points`).
    """
    n, total, _ = paths.shape
    k = int(min(max(step, 0), total - 1)) + 1
    if n == 1:
        seg = paths[0, :k]
        return seg[:, 0].copy(), seg[:, 1].copy()
    out = np.empty((n, k + 1, 2))
    out[:, :k] = paths[:, :k]
    out[:, k] = np.nan
    flat = out.reshape(-1, 2)
    return flat[:, 0], flat[:, 1]


def heads_at(paths: np.ndarray, step: int) -> np.ndarray:
    """The current point of every path at ``step``: shape ``(N, 2)``."""
    total = paths.shape[1]
    return paths[:, int(min(max(step, 0), total - 1))]


def second_path(trajectories: Any, readouts: Any) -> tuple[str, np.ndarray] | None:
    """``(title, points (steps + 1, N, 2))`` of a racer's second point (its first readout of
    kind ``"point"``: schedule-free's evaluated point, GD beside the gradient flow), or None."""
    for r in readouts:
        if r.kind == "point" and r.name in trajectories.extras:
            return r.title, trajectories.extras[r.name]
    return None


def event_steps(trajectories: Any, readouts: Any) -> tuple[str, np.ndarray] | None:
    """``(title, steps (N,))`` of a racer's first readout of kind ``"step"``: the step at which
    the event happened to each start point over the whole run (-1: never), or None."""
    for r in readouts:
        if r.kind == "step" and r.name in trajectories.extras:
            return r.title, trajectories.extras[r.name][-1].astype(np.int64)
    return None


def marks_until(paths: np.ndarray, at: np.ndarray, step: int) -> np.ndarray:
    """Points ``paths[n, at[n]]`` (``paths``: ``(N, steps + 1, 2)``) of the events that happened
    by ``step`` (``0 <= at[n] <= step``): shape ``(M, 2)``."""
    shown = np.flatnonzero((at >= 0) & (at <= step) & (at < paths.shape[1]))
    return paths[shown, at[shown]]


def readout_texts(trajectories: Any, readouts: Any, step: int) -> list[str]:
    """The optimizer's numbers of the first start point at ``step``, as the status bar shows
    them: ``"d (distance estimate) 0.8312"``, ``"GD departs from the flow at step 7"``."""
    out = []
    for r in readouts:
        values = trajectories.extras.get(r.name)
        if values is None or r.kind == "point":
            continue
        v = float(values[min(step, values.shape[0] - 1), 0])
        if step <= 0 and r.kind != "step":  # no update yet: nothing reported
            continue
        if r.kind == "step":
            if v >= 0:
                out.append(f"{r.title} at step {int(v)}")
        elif r.kind == "count":
            out.append(f"{r.title} {int(v)}")
        else:
            out.append(f"{r.title} {format_number(v)}")
    return out


def steps_series(n_paths: int, steps: int) -> np.ndarray:
    """The x values (step numbers) for ``n_paths`` series of ``steps + 1`` values, NaN between."""
    x = np.empty((n_paths, steps + 2))
    x[:, : steps + 1] = np.arange(steps + 1)
    x[:, steps + 1] = np.nan
    return x.reshape(-1)


@dataclass(frozen=True)
class ReadoutFacts:
    """What a readout's scale needs to know of one array of values (computed once per run, so
    an edit of one racer does not scan the others again)."""

    negative: bool  # a finite value < 0
    positive: bool  # a finite value > 0
    zeros: bool  # an exact zero
    min_positive: float  # the smallest finite value > 0 (inf: none)


def readout_facts(values: np.ndarray) -> ReadoutFacts:
    f = np.asarray(values, dtype=np.float64)
    with np.errstate(all="ignore"):
        f = f[np.isfinite(f)]
        pos = f[f > 0]
        return ReadoutFacts(bool((f < 0).any()), bool(pos.size), bool((f == 0).any()),
                            float(pos.min()) if pos.size else math.inf)


def facts_want_log(facts: list[ReadoutFacts]) -> bool:
    """A log axis suits these readouts if no finite value is negative and one is positive."""
    return not any(f.negative for f in facts) and any(f.positive for f in facts)


def facts_floor(facts: list[ReadoutFacts]) -> float:
    """Where a log readout draws exact zeros: one decade below the smallest positive value."""
    lo = min((f.min_positive for f in facts), default=math.inf)
    return math.log10(lo) - 1.0 if math.isfinite(lo) else -16.0


def wants_log(arrays: list[np.ndarray]) -> bool:
    """:func:`facts_want_log` of ``arrays``."""
    return facts_want_log([readout_facts(a) for a in arrays])


def log_floor(arrays: list[np.ndarray]) -> float:
    """:func:`facts_floor` of ``arrays``."""
    return facts_floor([readout_facts(a) for a in arrays])


def readout_series(values: np.ndarray, log: bool, floor: float = -16.0) -> np.ndarray:
    """A ``(steps + 1, N)`` readout as one NaN-separated series of N paths.

    With ``log``: ``log10`` of the values; exact zeros are drawn at ``floor`` (e.g. a dead
    unit's gradient), negative and non-finite values become gaps. Never a warning.
    """
    v = np.asarray(values, dtype=np.float64)
    n_steps, n = v.shape
    out = np.full((n, n_steps + 1), np.nan)
    with np.errstate(all="ignore"):
        good = np.isfinite(v)
        if log:
            pos = good & (v > 0)
            y = np.where(pos, np.log10(np.where(pos, v, 1.0)), np.nan)
            y = np.where(good & (v == 0), floor, y)
        else:
            y = np.where(good, v, np.nan)
        out[:, :n_steps] = y.T
    return out.reshape(-1)


def log_series(values: np.ndarray) -> np.ndarray:
    """``log10`` of a ``(steps + 1, N)`` readout as one NaN-separated series (gaps where <= 0)."""
    v = np.asarray(values, dtype=np.float64)
    n_steps, n = v.shape
    out = np.full((n, n_steps + 1), np.nan)
    with np.errstate(all="ignore"):
        good = np.isfinite(v) & (v > 0)
        out[:, :n_steps] = np.where(good, np.log10(np.where(good, v, 1.0)), np.nan).T
    return out.reshape(-1)


def value_bounds(series: np.ndarray) -> tuple[float, float]:
    """The smallest and largest finite value of ``series`` (``(inf, -inf)``: none)."""
    with np.errstate(all="ignore"):
        f = series[np.isfinite(series)]
    return (float(f.min()), float(f.max())) if f.size else (math.inf, -math.inf)


def padded_range(bounds: list[tuple[float, float]], pad: float = 0.05) -> tuple[float, float]:
    """A y range that shows every ``(lo, hi)`` of ``bounds`` (see :func:`value_bounds`)."""
    lo = min((b[0] for b in bounds), default=math.inf)
    hi = max((b[1] for b in bounds), default=-math.inf)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return (-1.0, 1.0)
    if hi - lo < 1e-9 * max(1.0, abs(hi)):
        lo, hi = lo - 0.5, hi + 0.5
    d = (hi - lo) * pad
    return (lo - d, hi + d)


def log_range(series: list[np.ndarray], pad: float = 0.05) -> tuple[float, float]:
    """A y range that shows every finite value of ``series`` (log10 or linear units)."""
    return padded_range([value_bounds(s) for s in series], pad)


def log_ticks(lo: float, hi: float, max_labels: int = 6, zero_at: float | None = None):
    """Ticks for a log10 axis drawn on log10 data: ``[(major), (minor)]`` lists of
    ``(position, label)`` as pyqtgraph's ``AxisItem.setTicks`` takes them.

    Decades are the major ticks (every 1st, 2nd, 5th, 10th, 20th, ... one labelled when there
    are many: :func:`app.numbers.decade_stride`); a range with fewer than three decades gets
    1-2-5 ticks so that it still has labels. ``zero_at``: the level where exact zeros are drawn
    (:func:`log_floor`): labelled ``0``, with no tick below it or within half a decade above.
    """
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [[], []]
    ticks = _log_ticks(lo, hi, max_labels)
    if zero_at is None or not lo <= zero_at <= hi:
        return ticks
    major, minor = ([(p, t) for p, t in level if p >= zero_at + 0.5] for level in ticks)
    return [[(zero_at, "0"), *major], minor]


def _log_ticks(lo: float, hi: float, max_labels: int):
    e0, e1 = math.floor(lo), math.ceil(hi)
    decades = [e for e in range(e0, e1 + 1) if lo <= e <= hi]
    if len(decades) >= 3:
        stride = decade_stride(decades[0], decades[-1], max_labels)
        major = [(float(e), power_label(e)) for e in decades if e % stride == 0]
        minor = []
        if stride == 1 and len(decades) <= 8:
            minor = [(e + math.log10(m), "") for e in range(e0, e1 + 1) for m in range(2, 10)
                     if lo <= e + math.log10(m) <= hi]
        elif len(decades) <= 30:
            minor = [(float(e), "") for e in decades if e % stride]
        return [major, minor]
    marks = []
    for e in range(e0 - 1, e1 + 1):
        for m in (1, 2, 5):
            pos = e + math.log10(m)
            if lo <= pos <= hi:
                marks.append((pos, format_number(m * 10.0 ** e)))
    if len(marks) < 2:
        marks = [(e + math.log10(m), format_number(m * 10.0 ** e))
                 for e in range(e0 - 1, e1 + 1) for m in range(1, 10)
                 if lo <= e + math.log10(m) <= hi]
        if len(marks) > max_labels:
            marks = marks[:: math.ceil(len(marks) / max_labels)]
    return [marks, []]


def phase_series(loss: np.ndarray, grad_norm: np.ndarray, floors: tuple[float, float]
                 ) -> tuple[np.ndarray, np.ndarray]:
    """The phase readout of one run: ``(x, y)`` = ``(log10 loss, log10 |g|)`` of every step,
    each start point's path NaN-separated (as :func:`readout_series`; exact zeros at
    ``floors``, negative or non-finite values as gaps). A stall is a curve that stops moving
    left while |g| stays high; convergence runs to the lower left (lesson P4)."""
    return (readout_series(loss, True, floors[0]), readout_series(grad_norm, True, floors[1]))


def phase_point(loss: np.ndarray, grad_norm: np.ndarray, step: int,
                floors: tuple[float, float]) -> np.ndarray:
    """``(N, 2)``: where each start point is in the phase readout at ``step`` (its last step if
    the run is shorter); rows a log axis cannot show are NaN."""
    k = min(max(int(step), 0), np.shape(loss)[0] - 1)
    x = readout_series(np.asarray(loss)[k:k + 1], True, floors[0]).reshape(-1, 2)[:, 0]
    y = readout_series(np.asarray(grad_norm)[k:k + 1], True, floors[1]).reshape(-1, 2)[:, 0]
    return np.column_stack([x, y])


def zero_level(arrays: list[np.ndarray], log: bool, floor: float) -> float | None:
    """``floor`` if a log readout of ``arrays`` draws exact zeros there (then its axis labels
    that level ``0``: :func:`log_ticks`), else None."""
    return facts_zero_level([readout_facts(a) for a in arrays], log, floor)


def facts_zero_level(facts: list[ReadoutFacts], log: bool, floor: float) -> float | None:
    """:func:`zero_level` from each array's :class:`ReadoutFacts`."""
    return floor if log and any(f.zeros for f in facts) else None


def lr_curve(racer: Any, steps: int) -> np.ndarray | None:
    """The learning rate of every update ``0 .. steps-1`` of ``racer`` (None if invalid)."""
    try:
        opt, sched = racer.build()
    except ValueError:
        return None
    with np.errstate(all="ignore"):
        return opt.lr * sched(np.arange(int(steps)))


def axis_labels(surface: Any) -> tuple[str, str]:
    """What the plot's axes are called: the surface's ``axis_labels`` if it has them, the
    names of its two free weights (``free``, e.g. the tiny network's), else ``x`` and ``y``."""
    for attr in ("axis_labels", "free"):
        names = getattr(surface, attr, None)
        if (isinstance(names, list | tuple) and len(names) == 2
                and all(isinstance(n, str) for n in names)):
            return (names[0], names[1])
    return ("x", "y")


def dock_widths(window_width: float, minimum: tuple[int, ...], preferred: tuple[int, ...],
                center_share: float = 0.5) -> list[int]:
    """Widths for the side docks of a window ``window_width`` wide: each at least its
    ``minimum``; beyond that they grow (in proportion) towards ``preferred`` with what is left
    once the centre has ``center_share`` of the window. A projector's 1024 pixels give the docks
    their minimum and the plot the rest; a large window gives every dock its preferred width."""
    center = center_share * window_width
    spare = window_width - center - sum(minimum)
    want = sum(p - m for m, p in zip(minimum, preferred, strict=True))
    if want <= 0 or spare >= want:
        return [max(m, p) for m, p in zip(minimum, preferred, strict=True)]
    f = max(spare, 0.0) / want
    return [round(m + f * (p - m)) for m, p in zip(minimum, preferred, strict=True)]
