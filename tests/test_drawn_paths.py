"""Paths decimated to the screen (app.drawn_paths): bounded, within a pixel of the computed
path at every playhead step, exact for small runs, and a grown run is appended to."""

import numpy as np
import pytest
from scipy.spatial import cKDTree

import surfaces
from app import drawn_paths as dp
from app import optimizers
from app.engine import simulate
from app.scenario import Racer

VIEW_PX = (600, 480)


def _run(optimizer: str, lr: float, starts: int, steps: int, seed: int = 0):
    surface = surfaces.get("rosenbrock")
    (x0, x1), (y0, y1) = surface.window
    rng = np.random.default_rng(seed)
    p0 = np.column_stack([rng.uniform(x0, x1, starts), rng.uniform(y0, y1, starts)])
    opt, sched = Racer(optimizer, {"lr": lr}).build()
    return simulate(surface, opt, p0, steps, sched), surface.window


def _samples(x, y, spacing):
    """Points along the NaN-separated polyline ``x, y`` (pixel units), ``spacing`` apart."""
    a = np.column_stack([x[:-1], y[:-1]])
    b = np.column_stack([x[1:], y[1:]])
    ok = np.isfinite(a).all(1) & np.isfinite(b).all(1)
    a, b = a[ok], b[ok]
    n = np.ceil(np.linalg.norm(b - a, axis=1) / spacing).astype(int) + 1
    seg = np.repeat(np.arange(a.shape[0]), n)
    t = (np.arange(seg.size) - (np.cumsum(n) - n)[seg]) / np.maximum(n[seg] - 1, 1)
    pts = a[seg] + t[:, None] * (b[seg] - a[seg])
    lone = np.column_stack([x, y])[np.isfinite(x)]  # single points (a path of one step)
    return np.vstack([pts, lone])


def _pixels(grid, x, y):
    """Data -> pixel units of the grid's view."""
    per_px = dp.CELLS_PER_PIXEL
    return (x - grid.x0) / (grid.dx * per_px), (y - grid.y0) / (grid.dy * per_px)


def _distance_px(grid, truth_xy, drawn_x, drawn_y):
    """The largest distance (pixels) from the computed path to the drawn lines, and back."""
    tx, ty = _pixels(grid, truth_xy[0], truth_xy[1])
    dx, dy = _pixels(grid, drawn_x, drawn_y)
    truth = _samples(tx, ty, 0.05)
    drawn = _samples(dx, dy, 0.05)
    there = cKDTree(drawn).query(truth)[0].max()
    back = cKDTree(truth).query(drawn)[0].max()
    return there, back


def _truth_until(points, k):
    rows = points[: k + 1]
    out = np.full((rows.shape[1], rows.shape[0] + 1, 2), np.nan)
    out[:, :-1] = np.transpose(rows, (1, 0, 2))
    flat = out.reshape(-1, 2)
    return flat[:, 0], flat[:, 1]


@pytest.mark.parametrize("optimizer, lr", [("gd", 0.0015), ("rmsprop", 0.02),
                                           ("momentum", 0.001)])
def test_every_prefix_is_within_a_pixel_of_the_computed_path(optimizer, lr):
    traj, window = _run(optimizer, lr, starts=6, steps=4000)
    grid = dp.PixelGrid.of_view(window, VIEW_PX)
    drawn = dp.drawn_paths(traj.points, window, grid, traj.loss)
    assert drawn.grid == grid and drawn.size < traj.points.size // 2  # (x and y: points)
    for k in (0, 1, 7, 150, 1999, 4000):
        x, y = dp.vertices_until(drawn, k)
        there, back = _distance_px(grid, _truth_until(traj.points, k), x, y)
        assert there <= 1.0 and back <= 1.0, (k, there, back)


def test_a_long_path_holds_a_bounded_number_of_points():
    """10,000 steps of one start point: at most a few points per pixel the path crosses, far
    fewer than steps (the bound is the cells a path can enter, not the step count)."""
    traj, window = _run("gd", 0.0015, starts=1, steps=10_000)
    grid = dp.PixelGrid.of_view(window, VIEW_PX)
    drawn = dp.drawn_paths(traj.points, window, grid, traj.loss)
    tx, ty = _pixels(grid, traj.points[:, 0, 0], traj.points[:, 0, 1])
    length_px = np.hypot(np.diff(tx), np.diff(ty)).sum()
    assert drawn.size <= 2 * dp.CELLS_PER_PIXEL * length_px + 2 < traj.points.shape[0]


def test_small_runs_are_drawn_point_for_point():
    traj, window = _run("adam", 0.1, starts=2, steps=500)
    drawn = dp.drawn_paths(traj.points, window, dp.PixelGrid.of_view(window, VIEW_PX), traj.loss)
    assert drawn.grid is None
    np.testing.assert_array_equal(drawn.x[:501], traj.points[:, 0, 0])
    assert np.isnan(drawn.x[501]) and drawn.at[501] == -1
    np.testing.assert_array_equal(drawn.y[502:], traj.points[:, 1, 1])
    x, _ = dp.vertices_until(drawn, 10)
    assert x.size == 2 * 11 + 1
    assert drawn.top == np.nanmax(traj.loss)


def test_a_grown_run_is_appended_to_and_draws_what_a_fresh_decimation_draws():
    traj, window = _run("rmsprop", 0.02, starts=8, steps=3000)
    grid = dp.PixelGrid.of_view(window, VIEW_PX)
    whole = dp.drawn_paths(traj.points, window, grid, traj.loss)
    grown = None
    for rows in (600, 601, 1700, 3001):
        before = grown
        grown = dp.drawn_paths(traj.points[:rows], window, grid, traj.loss[:rows], grown)
        if before is not None:  # what was drawn stays, the new rows are added after it
            np.testing.assert_array_equal(grown.x[: before.size], before.x)
    assert grown.top == whole.top == np.nanmax(traj.loss)
    for k in (300, 1200, 3000):
        a = dp.vertices_until(grown, k)
        b = dp.vertices_until(whole, k)
        there, _ = _distance_px(grid, a, *b)
        back, _ = _distance_px(grid, b, *a)
        assert there <= 1.0 and back <= 1.0


def test_a_grid_serves_a_pan_but_not_a_zoom():
    grid = dp.PixelGrid.of_view(((0, 10), (0, 8)), (500, 400))
    assert grid.serves(dp.PixelGrid.of_view(((3, 13), (-2, 6)), (500, 400)))  # panned
    assert not grid.serves(dp.PixelGrid.of_view(((0, 5), (0, 4)), (500, 400)))  # zoomed in
    assert not grid.serves(dp.PixelGrid.of_view(((0, 30), (0, 24)), (500, 400)))  # out
    assert not grid.serves(dp.PixelGrid.of_view(((0, 10), (0, 8)), (1000, 800)))  # resized


def test_far_and_non_finite_points_draw_without_trouble():
    rows = np.zeros((5000, 1, 2))
    rows[:, 0, 0] = np.linspace(0, 1, 5000)
    rows[2500:, 0] = [1e300, -1e300]  # blown far away
    rows[4000:, 0] = np.nan
    window = ((0.0, 1.0), (0.0, 1.0))
    drawn = dp.drawn_paths(rows, window, dp.PixelGrid.of_view(window, VIEW_PX))
    finite = np.isfinite(drawn.x)
    assert np.abs(drawn.x[finite]).max() <= 1e4 + 1  # limited for Qt
    assert drawn.size < 2000


def test_optimizers_module_is_unchanged_by_drawing():
    # (decimation reads the engine's arrays and never writes them)
    traj, window = _run("adam", 0.05, starts=3, steps=3000)
    before = traj.points.copy()
    dp.drawn_paths(traj.points, window, dp.PixelGrid.of_view(window, VIEW_PX), traj.loss)
    np.testing.assert_array_equal(traj.points, before)
    assert optimizers.spec("adam").name == "adam"
