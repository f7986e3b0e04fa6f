"""The contour plot draws long runs decimated to its pixels (app.drawn_paths): the path items
hold a bounded number of points, the decimation runs in the job runner's worker (never on the
window's thread), a decimation for a run that was replaced meanwhile is dropped, and the drawn
prefix at the playhead is the computed path's to within a pixel. Proved by counting, by a
thread spy and by distances, never by a clock."""

import threading

import numpy as np
from PySide6.QtWidgets import QApplication

from app import drawn_paths as dp
from app.scenario import Racer, Scenario

WAIT_MS = 60_000  # a generous limit for a worker to hand something over; never a speed claim


def _long(steps=10_000, starts=((-1.5, 2.0),), lr=1e-3, racers=1):
    return Scenario(surface="rosenbrock", starts=starts, steps=steps,
                    racers=tuple(Racer("gd", {"lr": lr * (i + 1)}) for i in range(racers)))


def _settled(qtbot, w):
    qtbot.waitUntil(lambda: not w.session.computing and not w.surface_view.paths_pending,
                    timeout=WAIT_MS)


def test_a_path_of_ten_thousand_steps_holds_a_bounded_number_of_points(window):
    assert window.set_scenario(_long(), autoplay=False)
    session, view = window.session, window.surface_view
    session.set_step(session.steps)
    x, y = view.path_data(0)
    drawn = view.racer_items[0].drawn
    grid = view.pixel_grid()
    assert drawn.grid is not None and drawn.grid.serves(grid)
    # at most a few points per cell the path crosses: bounded by the picture, not the steps
    pts = session.runs[0].trajectories.points[:, 0]
    length_cells = np.hypot(np.diff(pts[:, 0]) / grid.dx, np.diff(pts[:, 1]) / grid.dy).sum()
    assert 2 <= x.size <= 2 * length_cells + 2 < session.steps + 1
    # the default scenario (150 steps) is drawn point for point, as before
    assert window.load_scenario("default", autoplay=False)
    session.set_step(session.steps)
    assert view.path_data(0)[0].size == session.steps + 1
    assert view.racer_items[0].drawn.grid is None


def test_decimation_runs_in_a_worker_thread(threaded_window, qtbot, monkeypatch):
    threads = []
    original = dp.drawn_paths

    def spy(points, *args, **kwargs):
        threads.append((threading.get_ident(), dp.is_exact_size(points)))
        return original(points, *args, **kwargs)

    monkeypatch.setattr(dp, "drawn_paths", spy)
    w = threaded_window
    assert w.set_scenario(_long(starts=((-1.5, 2.0), (1.0, -0.5)), racers=2), autoplay=False)
    _settled(qtbot, w)
    gui = threading.get_ident()
    decimated = [t for t, exact in threads if not exact]
    assert decimated and gui not in decimated  # every decimation in the worker
    assert all(t == gui for t, exact in threads if exact)  # (a few points: drawn at once)
    x, _ = w.surface_view.path_data(1)
    assert 0 < x.size < w.session.steps


def test_a_stale_decimation_is_dropped(threaded_window, qtbot, monkeypatch):
    """The decimation of a run that an lr edit replaced never reaches the path item."""
    w = threaded_window
    assert w.set_scenario(_long(), autoplay=False)
    _settled(qtbot, w)
    view, session = w.surface_view, w.session
    old = session.runs[0].trajectories
    release = threading.Event()
    original = dp.drawn_paths
    started = threading.Event()

    def slow(points, *args, **kwargs):
        if points is old.points:
            started.set()
            release.wait(WAIT_MS / 1000)
        return original(points, *args, **kwargs)

    monkeypatch.setattr(dp, "drawn_paths", slow)
    shown = []
    monkeypatch.setattr(view.racer_items[0], "apply",
                        _recording(view.racer_items[0].apply, shown))
    view.racer_items[0].drawn = None  # as if it had never been drawn: a job for `old` ...
    view.racer_items[0].source = None
    view._request_paths()
    assert started.wait(WAIT_MS / 1000)  # ... is running in the worker
    session.update_racer(0, params={"lr": 2e-3})  # the run it decimates is replaced ...
    qtbot.waitUntil(lambda: not session.computing, timeout=WAIT_MS)  # ... once the new arrived
    assert view.racer_items[0].wanted is session.runs[0].trajectories is not old
    release.set()
    _settled(qtbot, w)
    for _ in range(5):
        QApplication.processEvents()
    assert all(job.trajectories is not old for job in shown)  # never shown
    assert shown and shown[-1].trajectories is session.runs[0].trajectories


def test_a_decimation_arriving_for_a_replaced_run_is_dropped(window):
    """However it got through (delivered just before the edit cancelled it), a result for a
    run that is no longer wanted is counted and dropped, the path item keeps what it shows."""
    from app.ui.surface_view import _PathJob

    assert window.set_scenario(_long(), autoplay=False)
    session, view = window.session, window.surface_view
    old = session.runs[0].trajectories
    stale = _PathJob(0, old, (), session.window, view.pixel_grid(), None, None).run()
    session.update_racer(0, params={"lr": 2e-3})
    items = view.racer_items[0]
    shown, dropped = items.drawn, view.stale_paths_dropped
    assert items.source is session.runs[0].trajectories is not old
    view._take_paths([stale])
    assert view.stale_paths_dropped == dropped + 1
    assert items.drawn is shown and items.source is session.runs[0].trajectories


def _recording(apply, shown):
    def record(result):
        shown.append(result[0])
        return apply(result)
    return record


def test_the_drawn_prefix_follows_the_playhead_within_a_pixel(window):
    assert window.set_scenario(_long(steps=6000, lr=1.5e-3), autoplay=False)
    session, view = window.session, window.surface_view
    grid = view.racer_items[0].drawn.grid
    pts = session.runs[0].trajectories.points[:, 0]
    for k in (0, 3, 250, 4000, 6000):
        session.set_step(k)
        x, y = view.path_data(0)
        truth = pts[: k + 1]
        # every computed point up to k is within a pixel of the drawn lines, none beyond k
        # is drawn (the last drawn vertex is at most a cell from the head)
        px = (x - grid.x0) / (2 * grid.dx), (y - grid.y0) / (2 * grid.dy)
        tx = (truth[:, 0] - grid.x0) / (2 * grid.dx), (truth[:, 1] - grid.y0) / (2 * grid.dy)
        d = _point_to_polyline(np.column_stack(tx), np.column_stack(px))
        assert d.max() <= 1.0, (k, d.max())
        head = np.array([tx[0][-1], tx[1][-1]])
        last = np.array([px[0][np.isfinite(px[0])][-1], px[1][np.isfinite(px[1])][-1]])
        assert np.hypot(*(head - last)) <= 1.0
        np.testing.assert_array_equal(view.racer_items[0].heads.getData()[0], pts[k:k + 1, 0])


def test_zooming_in_decimates_again_in_the_background(window, qtbot):
    assert window.set_scenario(_long(), autoplay=False)
    view, session = window.surface_view, window.session
    session.set_step(session.steps)
    before = view.racer_items[0].drawn
    (x0, x1), (y0, y1) = view.viewbox.viewRange()
    view.viewbox.setRange(xRange=(x0, x0 + (x1 - x0) / 4), yRange=(y0, y0 + (y1 - y0) / 4),
                          padding=0)
    qtbot.waitUntil(lambda: view.racer_items[0].drawn is not before, timeout=WAIT_MS)
    after = view.racer_items[0].drawn
    assert after.grid.serves(view.pixel_grid()) and not before.grid.serves(view.pixel_grid())
    assert after.size > before.size  # finer cells: more of the path's detail


def _point_to_polyline(points, poly):
    """Distance of each point to the NaN-separated polyline ``poly`` ((M, 2))."""
    a, b = poly[:-1], poly[1:]
    ok = np.isfinite(a).all(1) & np.isfinite(b).all(1)
    a, b = a[ok], b[ok]
    best = np.full(points.shape[0], np.inf)
    lone = poly[np.isfinite(poly).all(1)]
    if lone.size:
        best = np.min(np.linalg.norm(points[:, None] - lone[None], axis=2), axis=1)
    for i in range(0, a.shape[0], 256):
        aa, bb = a[i:i + 256], b[i:i + 256]
        ab = bb - aa
        t = np.clip(np.einsum("pkd,kd->pk", points[:, None] - aa[None], ab)
                    / np.maximum((ab * ab).sum(1), 1e-300), 0, 1)
        near = aa[None] + t[..., None] * ab[None]
        best = np.minimum(best, np.linalg.norm(points[:, None] - near, axis=2).min(1))
    return best


def test_a_long_path_moves_without_antialiasing_and_rests_with_it(window, qtbot):
    """While the playhead moves, a decimated path is stroked without antialiasing (several
    times cheaper per frame); at rest it is smooth again. A small run never changes look."""
    assert window.set_scenario(_long(), autoplay=False)
    view, session = window.surface_view, window.session
    path = view.racer_items[0].path
    session.set_step(50)
    assert not view.paths_cached and path.opts["antialias"] is False
    assert path.opts["segmentedLineMode"] == "on"
    qtbot.waitUntil(lambda: view.paths_cached, timeout=WAIT_MS)
    assert path.opts["antialias"] is True
    assert window.load_scenario("default", autoplay=False)
    session.set_step(20)
    items = view.racer_items[0]
    assert not view.paths_cached and items.path.opts["antialias"] is True
    assert items.path.opts["segmentedLineMode"] == "auto"


def test_an_export_draws_long_paths_antialiased(window):
    """An export view (not following the playhead) shows every frame as at rest."""
    from app.ui.render import FrameRenderer

    assert window.set_scenario(_long(), autoplay=False)
    renderer = FrameRenderer(window.session, size=(480, 360), include_readouts=False)
    renderer.render(5000)
    path = renderer.surface_view.racer_items[0].path
    assert renderer.surface_view.racer_items[0].drawn.grid is not None
    assert path.opts["antialias"] is True and path.opts["segmentedLineMode"] == "on"
    renderer.close()
