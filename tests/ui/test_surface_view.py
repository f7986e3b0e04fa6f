"""Clicking, dragging and removing start points on the contour plot; paths = engine points."""

import numpy as np
from PySide6.QtCore import QPoint, Qt

from app.engine import simulate


def _pixel_size(view):
    (x0, x1), (y0, y1) = view.viewbox.viewRange()
    rect = view.viewbox.sceneBoundingRect()
    return (x1 - x0) / rect.width(), (y1 - y0) / rect.height()


def test_click_adds_start_and_paths_equal_engine_points(window, session, qtbot):
    view = window.surface_view
    session.clear_starts()
    session.set_step(session.steps)
    assert all(r is None for r in session.runs)
    target = (1.5, -1.0)
    pos = view.data_to_viewport(*target)
    qtbot.mouseClick(view.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: len(session.scenario.starts) == 1, timeout=2000)
    (sx, sy), (px, py) = session.scenario.starts[0], _pixel_size(view)
    assert abs(sx - target[0]) <= 1.5 * px and abs(sy - target[1]) <= 1.5 * py
    # every enabled racer starts from the new point, drawn exactly as the engine computed it
    for i, racer in enumerate(session.scenario.racers):
        opt, sched = racer.build()
        expected = simulate(session.surface, opt, [[sx, sy]], session.steps, sched).points
        x, y = view.path_data(i)
        np.testing.assert_array_equal(x, expected[:, 0, 0])
        np.testing.assert_array_equal(y, expected[:, 0, 1])
        np.testing.assert_array_equal(session.runs[i].trajectories.points, expected)


def test_path_is_revealed_up_to_the_playhead(window, session):
    session.set_step(10)
    x, _ = window.surface_view.path_data(0)
    assert len(x) == 11
    pts = session.runs[0].trajectories.points
    np.testing.assert_array_equal(window.surface_view.racer_items[0].heads.getData()[0],
                                  pts[10, :, 0])


def test_right_click_removes_a_start(window, session, qtbot):
    view = window.surface_view
    start = session.scenario.starts[0]
    pos = view.data_to_viewport(*start)
    qtbot.mouseClick(view.plot_widget.viewport(), Qt.MouseButton.RightButton, pos=pos)
    qtbot.waitUntil(lambda: len(session.scenario.starts) == 0, timeout=2000)
    assert all(r is None for r in session.runs)
    assert len(view.path_data(0)[0]) == 0


def test_shift_click_removes_and_click_far_away_adds(window, session, qtbot):
    view = window.surface_view
    vp = view.plot_widget.viewport()
    session.add_start(2.0, 1.0)
    assert len(session.scenario.starts) == 2
    qtbot.mouseClick(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     view.data_to_viewport(2.0, 1.0))
    qtbot.waitUntil(lambda: len(session.scenario.starts) == 1, timeout=2000)


def test_drag_moves_a_start(window, session, qtbot):
    view = window.surface_view
    vp = view.plot_widget.viewport()
    a = view.data_to_viewport(*session.scenario.starts[0])
    b = view.data_to_viewport(-2.0, -1.0)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, pos=a)
    for t in np.linspace(0, 1, 8)[1:]:
        p = QPoint(round(a.x() + t * (b.x() - a.x())), round(a.y() + t * (b.y() - a.y())))
        qtbot.mouseMove(vp, p)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=b)
    px, py = _pixel_size(view)
    qtbot.waitUntil(lambda: abs(session.scenario.starts[0][0] + 2.0) <= 2 * px, timeout=2000)
    assert len(session.scenario.starts) == 1
    assert abs(session.scenario.starts[0][1] + 1.0) <= 2 * py
    qtbot.waitUntil(lambda: not session.recompute_pending(), timeout=2000)
    np.testing.assert_array_equal(session.runs[0].trajectories.points[0, 0],
                                  session.scenario.starts[0])


def test_reset_view_restores_the_window(window, session):
    vb = window.surface_view.viewbox
    vb.scaleBy((3, 3))
    window.surface_view.reset_view()
    (x0, x1), (y0, y1) = vb.viewRange()
    (wx0, wx1), (wy0, wy1) = session.window
    assert np.allclose([x0, x1, y0, y1], [wx0, wx1, wy0, wy1])


def test_surface_picture_is_finite_with_contours_and_minima(window):
    view = window.surface_view
    lo, hi = view.image.getLevels()
    assert np.isfinite([lo, hi]).all() and hi > lo
    assert np.isfinite(view.image.image).all()
    drawn = [c for c in view.contours if c.isVisible()]
    assert len(drawn) >= 5
    assert np.asarray(view.minima.getData()[0]).size == 1
