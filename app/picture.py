"""The contour plot's picture, computed off the window's thread (no Qt here).

:func:`surface_picture` is a job of the job runner (:mod:`app.jobs`): it samples the surface on
a grid (:class:`Grid`), chooses the colours and contour levels for the loss range the paths
visit (:func:`app.viewmodel.focused_levels`, else :func:`app.viewmodel.color_scale` with evenly
spaced levels) and traces the contour lines. The view only copies the finished arrays into its
items (``app/ui/surface_view.py``), so neither opening a lesson nor panning makes the window
wait for numpy.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from app import viewmodel as vm

__all__ = ["Grid", "Picture", "surface_grid", "focus_key", "surface_picture"]


@dataclass(frozen=True)
class Grid:
    """The surface sampled on ``xs`` x ``ys`` (``z[j, i] = f(xs[i], ys[j])``), where it is
    undefined, its finite value range, and its crease lines clipped to the window."""

    xs: np.ndarray
    ys: np.ndarray
    z: np.ndarray
    undefined: np.ndarray
    base_range: tuple[float, float]
    creases: np.ndarray

    @property
    def has_holes(self) -> bool:
        return bool(self.undefined.any())


@dataclass(frozen=True)
class Picture:
    """What the view shows of a :class:`Grid`: ``scale`` (the image, holes blank, and its
    levels), the contour ``lines`` (:func:`app.viewmodel.contour_lines`), ``focus`` (the focused
    scale and levels, or None) and the ``key`` that decided them (:func:`focus_key`)."""

    grid: Grid
    key: Any
    focus: tuple[vm.ColorScale, np.ndarray] | None
    scale: vm.ColorScale
    lines: list


def surface_grid(surface, size: int, window) -> Grid:
    """``surface`` on a ``size`` x ``size`` grid over ``window`` ((x0, x1), (y0, y1))."""
    xs, ys, z = surface.grid(size, window)
    undefined = ~np.isfinite(z)
    finite = z[~undefined]
    base = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    lines = getattr(surface, "crease_lines", None)
    creases = vm.line_segments(lines(), window) if callable(lines) else np.empty((0, 2))
    return Grid(xs, ys, z, undefined, base, creases)


def _visited(losses: Sequence[np.ndarray]) -> np.ndarray:
    return (np.concatenate([np.asarray(a, dtype=float).ravel() for a in losses]) if losses
            else np.empty(0))


def focus_key(grid: Grid, visited: np.ndarray) -> Any:
    """Which focus the visited losses call for: the paths' highest loss as a share of the
    picture's range, in fiftieths (None: nothing finite visited). The picture is recomputed
    only when it changes."""
    finite = visited[np.isfinite(visited)]
    top = float(finite.max()) if finite.size else np.nan
    lo, hi = grid.base_range
    with np.errstate(all="ignore"):  # a diverged run's loss may be near the float limit
        share = (top - lo) / (hi - lo) if hi > lo else np.nan
    return round(50 * min(float(share), 1e3)) if not np.isnan(share) else None


def surface_picture(surface, size: int, window, grid: Grid | None,
                    losses: Sequence[np.ndarray], n_levels: int, key: Any = None,
                    check: Callable[[], None] = lambda: None) -> Picture | None:
    """The picture of ``surface`` over ``window`` focused on ``losses`` (the runs' loss arrays).

    ``grid``: the grid already computed for this surface and window (None: sampled here);
    ``key``: the :func:`focus_key` the shown picture was made for: with a given ``grid`` and
    an unchanged key the result is None (the shown picture is right). ``check`` is called
    between the parts of the work (a job's :meth:`~app.jobs.Ticket.check`: cancelled there)."""
    if grid is None:
        grid = surface_grid(surface, size, window)
        key = object()  # a new grid: never the same picture
        check()
    visited = _visited(losses)
    new_key = focus_key(grid, visited)
    if new_key == key:
        return None
    focus = vm.focused_levels(grid.z, visited, n_levels)
    check()
    scale = vm.color_scale(grid.z) if focus is None else focus[0]
    if grid.has_holes:
        # blank, not the top colour: NaN pixels are transparent, and no contour runs there
        image = scale.image.copy()
        image[grid.undefined] = np.nan
        scale = dataclasses.replace(scale, image=image)
    check()
    if focus is None:
        lines = vm.contour_lines(grid.xs, grid.ys, scale.image, n_levels, scale.levels)
    else:
        lines = vm.contour_lines(grid.xs, grid.ys, scale.image, levels=focus[1])
    return Picture(grid, new_key, focus, scale, lines)
