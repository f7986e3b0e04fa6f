"""Paths made ready to draw at screen resolution (headless: the surface view only copies them).

A racer's ``N`` paths over ``steps`` updates hold ``N * (steps + 1)`` points; 100 start points
over 10,000 steps are a million points for one racer, while the plot has perhaps 600 x 500
pixels. :func:`drawn_paths` keeps only what changes the picture, on a grid of cells half a
pixel wide (:class:`PixelGrid`):

- a point is kept where its path enters another cell (the points after it in the same cell are
  within half a pixel of it);
- a segment between two kept points is drawn only if it passes through a cell that no segment of
  an earlier step passes through (sampled at least once per cell): a path that goes back and forth
  over the same cells (GD bouncing across a valley), or a second start point that follows the
  same valley, adds nothing after the first pass. Every cell belongs to the segment of the
  earliest step that reaches it, so every prefix of the run is complete too.

So the drawn lines lie within about a pixel (a cell's diagonal, 0.71 pixel, plus half the
sampling step, 0.25 pixel) of the computed path, at every step: ``vertices_until(drawn, k)`` is
what the path looks like at the playhead ``k`` (tests/test_drawn_paths.py measures the distance
both ways). Small runs (at most :data:`EXACT_POINTS` points) are kept exactly, point for point.

A run that grows (computed in chunks) is decimated by appending: ``previous`` is the result for
a prefix of the same arrays on the same grid, and only the new rows are looked at. The work is
proportional to the new rows plus what is drawn, never to the whole run again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from app import viewmodel as vm

__all__ = ["EXACT_POINTS", "CELLS_PER_PIXEL", "PixelGrid", "DrawnPaths", "drawn_paths",
           "vertices_until", "is_exact_size"]

#: a racer with at most this many points (start points x stored steps) is drawn point for point
EXACT_POINTS = 4096
#: cells per pixel along each axis (2: a cell is half a pixel, so the error is <= 0.71 pixel)
CELLS_PER_PIXEL = 2
#: cells within +-this of the grid's origin take part in the de-duplication (a segment with an
#: end beyond it, far outside the view, is always drawn)
_KEY_HALF = 1 << 30
#: a segment longer than this many cells is always drawn (never sampled)
_LONG = 64
#: cell numbers are clamped to this (beyond any view; keeps the integer conversion defined)
_CELL_LIMIT = 2.0 ** 52


@dataclass(frozen=True)
class PixelGrid:
    """Cells of ``dx`` x ``dy`` (data units) with a corner at ``(x0, y0)``."""

    x0: float
    y0: float
    dx: float
    dy: float
    nx: int = 0  # cells across the view the grid was made for
    ny: int = 0

    @classmethod
    def of_view(cls, view_range, size_px) -> PixelGrid:
        """The half-pixel grid of a view showing ``view_range`` ((x0, x1), (y0, y1)) on
        ``size_px`` (width, height) device pixels."""
        (x0, x1), (y0, y1) = view_range
        w, h = (max(float(s), 1.0) for s in size_px)
        nx, ny = math.ceil(w * CELLS_PER_PIXEL), math.ceil(h * CELLS_PER_PIXEL)
        return cls(float(x0), float(y0), (float(x1) - float(x0)) / (w * CELLS_PER_PIXEL),
                   (float(y1) - float(y0)) / (h * CELLS_PER_PIXEL), nx, ny)

    def serves(self, wanted: PixelGrid) -> bool:
        """True if paths decimated on this grid still look right on ``wanted`` (the view's grid
        now): cells at most 1.4 of the wanted ones (error <= 1 pixel) and not less than half
        (no more points than needed). A pan alone never asks for a new decimation."""
        return all(0.5 * want <= have <= 1.4 * want
                   for have, want in ((self.dx, wanted.dx), (self.dy, wanted.dy)))

    def cells(self, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Integer cells ``(cx, cy)`` of points ``xy`` (``(..., 2)``) and where they are finite
        (a non-finite point gets its own cell, the same for all of them)."""
        with np.errstate(all="ignore"):
            fx = (xy[..., 0] - self.x0) / self.dx
            fy = (xy[..., 1] - self.y0) / self.dy
            finite = np.isfinite(fx) & np.isfinite(fy)
            np.clip(fx, -_CELL_LIMIT, _CELL_LIMIT, out=fx)
            np.clip(fy, -_CELL_LIMIT, _CELL_LIMIT, out=fy)
            cx = np.where(finite, np.floor(fx), _CELL_LIMIT).astype(np.int64)
            cy = np.where(finite, np.floor(fy), _CELL_LIMIT).astype(np.int64)
        return cx, cy, finite


@dataclass(frozen=True)
class DrawnPaths:
    """A racer's paths as drawn: vertices ``x, y`` (NaN rows separate pieces and paths) and the
    step ``at`` each vertex belongs to (-1 for a separator), from the first ``rows`` rows of the
    source. ``grid`` is None when every point is kept (:data:`EXACT_POINTS`); ``top`` is the
    largest finite loss of those rows (NaN: none), what the colour focus needs of them."""

    x: np.ndarray
    y: np.ndarray
    at: np.ndarray
    rows: int
    grid: PixelGrid | None
    top: float
    # where each path stands (its last kept point), to append the next rows (decimated only)
    last_cell: np.ndarray | None = None
    last_xy: np.ndarray | None = None
    last_at: np.ndarray | None = None
    seen: tuple | None = None  # the cells drawn so far (see _owners)

    @property
    def size(self) -> int:
        """How many vertices the path item holds."""
        return int(self.x.size)


def is_exact_size(points: np.ndarray) -> bool:
    """True if ``points`` (``(rows, N, 2)``) is small enough to draw point for point."""
    return points.shape[0] * points.shape[1] <= EXACT_POINTS


def _top(loss: np.ndarray | None, previous: float = math.nan) -> float:
    if loss is None or loss.size == 0:
        return previous
    with np.errstate(all="ignore"):
        finite = loss[np.isfinite(loss)]
    top = float(finite.max()) if finite.size else math.nan
    return top if math.isnan(previous) else previous if math.isnan(top) else max(top, previous)


def _exact(points: np.ndarray, loss: np.ndarray | None, window) -> DrawnPaths:
    rows, n, _ = points.shape
    out = np.full((n, rows + 1, 2), np.nan)
    out[:, :rows] = np.transpose(points, (1, 0, 2))
    flat = out.reshape(-1, 2)[:-1] if n else np.empty((0, 2))
    if vm.clip_segments_needed(flat, window):
        flat = vm.limit_points(flat, window)
    at = np.full((n, rows + 1), -1, dtype=np.int64)
    at[:, :rows] = np.arange(rows)
    return DrawnPaths(np.ascontiguousarray(flat[:, 0]), np.ascontiguousarray(flat[:, 1]),
                      at.reshape(-1)[:-1] if n else np.empty(0, dtype=np.int64), rows, None,
                      _top(loss))


def _cell_keys(cx: np.ndarray, cy: np.ndarray) -> np.ndarray:
    """One integer per cell (cells within ``_KEY_HALF`` of the origin only)."""
    return ((cx + _KEY_HALF) << 32) | (cy + _KEY_HALF)


def _owners(fx: np.ndarray, fy: np.ndarray, at: np.ndarray, candidates: np.ndarray,
            grid: PixelGrid, covered: tuple[np.ndarray, np.ndarray] | None
            ) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """Which of the segments ``i-1 -> i`` listed in ``candidates`` (``fx, fy``: the vertices in
    cell units, ``at``: their steps) are needed: each is sampled every cell or closer, and a cell
    sampled by none of the ``covered`` cells (what is drawn already: a bitmap of the grid's
    view, sorted keys of the cells around it) belongs to the segment of the earliest step that
    samples it. A segment that owns no cell adds nothing to the picture at any step. Returns
    the mask of needed candidates and the covered cells after them."""
    inside_cells = grid.nx * grid.ny
    if covered is None:
        covered = (np.zeros(inside_cells, dtype=bool), np.empty(0, dtype=np.int64))
    if candidates.size == 0:
        return np.zeros(0, dtype=bool), covered
    bitmap, around = covered[0].copy(), covered[1]
    order = np.argsort(at[candidates], kind="stable")  # samples in step order
    candidates = candidates[order]
    x0, y0 = fx[candidates - 1], fy[candidates - 1]
    dx, dy = fx[candidates] - x0, fy[candidates] - y0
    count = (np.ceil(np.maximum(np.abs(dx), np.abs(dy))).astype(np.int64) + 1)
    seg = np.repeat(np.arange(candidates.size), count)
    first = np.cumsum(count) - count
    t = (np.arange(seg.size) - first[seg]) / np.maximum(count[seg] - 1, 1)
    cx = np.floor(x0[seg] + t * dx[seg]).astype(np.int64)
    cy = np.floor(y0[seg] + t * dy[seg]).astype(np.int64)
    del t
    needed = np.zeros(candidates.size, dtype=bool)
    inside = (cx >= 0) & (cx < grid.nx) & (cy >= 0) & (cy < grid.ny)
    # in the view: a bitmap, and the first sample of each cell (samples are in step order)
    cell = (cy[inside] * grid.nx + cx[inside])
    seg_in = seg[inside]
    fresh = ~bitmap[cell]
    cell, seg_in = cell[fresh], seg_in[fresh]
    earliest = np.full(inside_cells, seg.size, dtype=np.int64)
    np.minimum.at(earliest, cell, np.arange(cell.size))
    owned = np.flatnonzero(earliest < seg.size)
    needed[seg_in[earliest[owned]]] = True
    bitmap[owned] = True
    # around the view (rare): sorted keys
    out = ~inside
    if out.any():
        keys, seg_out = _cell_keys(cx[out], cy[out]), seg[out]
        if around.size:
            pos = np.minimum(np.searchsorted(around, keys), around.size - 1)
            fresh = around[pos] != keys
            keys, seg_out = keys[fresh], seg_out[fresh]
        cells, owner = np.unique(keys, return_index=True)  # stable: the earliest step
        needed[seg_out[owner]] = True
        around = np.union1d(around, cells)
    result = np.zeros(candidates.size, dtype=bool)
    result[order] = needed  # (in the order the candidates came in)
    return result, (bitmap, around)


def _decimate(points: np.ndarray, loss: np.ndarray | None, window, grid: PixelGrid,
              previous: DrawnPaths | None) -> DrawnPaths:
    rows, n, _ = points.shape
    r0 = previous.rows if previous is not None else 0
    block = points[r0:rows]
    cx, cy, _ = grid.cells(block)  # (R, N)
    changed = np.empty(cx.shape, dtype=bool)
    if previous is None:
        changed[0] = True
    else:
        changed[0] = (cx[0] != previous.last_cell[:, 0]) | (cy[0] != previous.last_cell[:, 1])
    np.not_equal(cx[1:], cx[:-1], out=changed[1:])
    changed[1:] |= cy[1:] != cy[:-1]
    path, row = np.nonzero(changed.T)  # path-major: each path's kept points in step order
    vx, vy = block[row, path, 0], block[row, path, 1]
    vcx, vcy, vat = cx[row, path], cy[row, path], row.astype(np.int64) + r0
    if previous is not None:  # each path goes on from where it stood
        moved = np.unique(path)
        order = np.lexsort((np.concatenate([np.full(moved.size, -1), row]),
                            np.concatenate([moved, path])))
        path = np.concatenate([moved, path])[order]
        vx = np.concatenate([previous.last_xy[moved, 0], vx])[order]
        vy = np.concatenate([previous.last_xy[moved, 1], vy])[order]
        vcx = np.concatenate([previous.last_cell[moved, 0], vcx])[order]
        vcy = np.concatenate([previous.last_cell[moved, 1], vcy])[order]
        vat = np.concatenate([previous.last_at[moved], vat])[order]
    valid = path[1:] == path[:-1]  # segment i-1 -> i lies on one path
    with np.errstate(all="ignore"):
        fx, fy = (vx - grid.x0) / grid.dx, (vy - grid.y0) / grid.dy
        near = (np.abs(fx) < _KEY_HALF - 1) & (np.abs(fy) < _KEY_HALF - 1)  # (NaN: False)
        short = np.maximum(np.abs(fx[1:] - fx[:-1]), np.abs(fy[1:] - fy[:-1])) <= _LONG
    # segments near the view and not too long compete for cells; the others are all drawn
    compete = valid & near[1:] & near[:-1] & short
    candidates = np.flatnonzero(compete) + 1
    needed, seen = _owners(fx, fy, vat, candidates, grid,
                           previous.seen if previous is not None else None)
    keep = valid.copy()
    keep[candidates - 1] = needed
    live_in = np.zeros(path.size, dtype=bool)
    live_in[1:] = keep
    live_out = np.zeros(path.size, dtype=bool)
    live_out[:-1] = live_in[1:]
    emit = live_in | live_out
    starts = emit & ~live_in  # a piece begins: a separator before it
    idx = np.flatnonzero(emit)
    pos = np.arange(idx.size) + np.cumsum(starts[idx])
    size = int(pos[-1]) + 1 if idx.size else 0
    xy = np.full((size, 2), np.nan)
    at = np.full(size, -1, dtype=np.int64)
    xy[pos, 0], xy[pos, 1] = vx[idx], vy[idx]
    at[pos] = vat[idx]
    if vm.clip_segments_needed(xy, window):
        xy = vm.limit_points(xy, window)
    # where each path stands now: its last kept point (carry points included)
    if previous is None:
        last_cell = np.empty((n, 2), dtype=np.int64)
        last_xy, last_at = np.empty((n, 2)), np.zeros(n, dtype=np.int64)
    else:
        last_cell, last_xy = previous.last_cell.copy(), previous.last_xy.copy()
        last_at = previous.last_at.copy()
    if path.size:
        end = np.flatnonzero(np.append(path[1:] != path[:-1], True))
        p = path[end]
        last_cell[p, 0], last_cell[p, 1] = vcx[end], vcy[end]
        last_xy[p, 0], last_xy[p, 1] = vx[end], vy[end]
        last_at[p] = vat[end]
    if previous is not None:
        xs = np.concatenate([previous.x, xy[:, 0]])
        ys = np.concatenate([previous.y, xy[:, 1]])
        at = np.concatenate([previous.at, at])
        top = _top(None if loss is None else loss[r0:rows], previous.top)
    else:
        xs, ys = np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])
        top = _top(loss)
    return DrawnPaths(xs, ys, at, rows, grid, top, last_cell, last_xy, last_at, seen)


def drawn_paths(points: np.ndarray, window, grid: PixelGrid | None,
                loss: np.ndarray | None = None,
                previous: DrawnPaths | None = None) -> DrawnPaths:
    """``points`` (``(rows, N, 2)``, row ``k`` = step ``k``) ready to draw in ``window`` (the
    scenario's: coordinates far outside it are limited, :func:`app.viewmodel.drawable_points`)
    on ``grid`` (the view's :class:`PixelGrid`; None, or a run of at most
    :data:`EXACT_POINTS` points: every point). ``loss`` (``(rows, N)``) gives ``top``.
    ``previous``: this function's result for the first rows of the same arrays, extended with
    the rows after them when it was made on ``grid`` (otherwise it is ignored)."""
    if grid is None or is_exact_size(points) or points.shape[0] == 0:
        return _exact(points, loss, window)
    if previous is not None and (previous.grid != grid or previous.rows > points.shape[0]
                                 or previous.last_cell is None
                                 or previous.last_cell.shape[0] != points.shape[1]):
        previous = None
    if previous is not None and previous.rows == points.shape[0]:
        return previous
    return _decimate(points, loss, window, grid, previous)


def vertices_until(drawn: DrawnPaths, step: int) -> tuple[np.ndarray, np.ndarray]:
    """The vertices ``x, y`` drawn when the playhead is at ``step``: every path up to it."""
    if drawn.size == 0 or step >= drawn.rows - 1:
        return drawn.x, drawn.y
    keep = drawn.at <= step
    return drawn.x[keep], drawn.y[keep]
