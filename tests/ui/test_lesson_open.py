"""Opening a lesson keeps the window free (issue 14): proved by the mechanism, never a clock.
The surface's picture (grid, colours, contour lines) is computed in a job's thread; the racer
cards are reused when the racers' kinds match and built one per event-loop turn otherwise; a
superseded build is dropped."""

import threading

import numpy as np
import pytest

import surfaces.base
from app import picture
from app import viewmodel as vm

WAIT_MS = 60_000  # a generous limit for a worker to hand something over; never a speed claim


@pytest.fixture
def numeric_threads(monkeypatch):
    """The thread of every call that makes the surface's picture (sampling, colours, levels,
    contour lines)."""
    calls: list[tuple[str, int]] = []

    def spy(owner, name):
        original = getattr(owner, name)

        def wrapped(*args, **kwargs):
            calls.append((name, threading.get_ident()))
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, wrapped)

    spy(surfaces.base.Surface, "grid")
    for name in ("color_scale", "focused_levels", "contour_lines"):
        spy(vm, name)
    return calls


def _picture_shown(view, session) -> bool:
    target = view._grid_target
    return (view._picture_wanted is None and target is not None
            and target[0] is session.surface)


def test_opening_a_lesson_makes_its_picture_in_a_job_thread(threaded_window, qtbot,
                                                            numeric_threads):
    w = threaded_window
    view, s = w.surface_view, w.session
    qtbot.waitUntil(lambda: _picture_shown(view, s), timeout=WAIT_MS)
    numeric_threads.clear()
    old_image = view.image.image
    assert w.open_lesson("p9_vanishing")
    # open_lesson returned: the old picture is still shown, the new one is being computed
    assert view.image.image is old_image and view._picture_wanted is not None
    qtbot.waitUntil(lambda: _picture_shown(view, s) and not s.computing, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view._picture_wanted is None, timeout=WAIT_MS)
    names = {name for name, _ in numeric_threads}
    assert {"grid", "color_scale", "contour_lines"} <= names
    gui = threading.get_ident()
    assert all(thread != gui for _, thread in numeric_threads)
    # what arrived is the picture of the lesson's surface, focused on its runs' losses
    expected = picture.surface_picture(s.surface, view.grid_size, view._grid_window, None,
                                       [r.trajectories.loss for r in s.runs if r is not None],
                                       15)
    np.testing.assert_array_equal(view.image.image, expected.scale.image)
    assert [level for level, _ in view.contour_data] == [level for level, _ in expected.lines]


def test_a_superseded_picture_is_never_shown(threaded_window, qtbot):
    w = threaded_window
    view, s = w.surface_view, w.session
    assert w.open_lesson("p9_vanishing")
    assert w.open_lesson("p1_divergence")  # before the first picture arrived
    qtbot.waitUntil(lambda: _picture_shown(view, s) and not s.computing, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view._picture_wanted is None, timeout=WAIT_MS)
    assert view._grid_target[0] is s.surface
    xs, ys, _ = s.surface.grid(view.grid_size, view._grid_window)
    np.testing.assert_array_equal(view._grid_data[0], xs)
    np.testing.assert_array_equal(view._grid_data[1], ys)


def test_the_picture_is_refocused_only_when_the_visited_range_moves():
    from app.scenario import load

    s = load("p1_divergence")
    surface = s.build_surface()
    window = s.view_window(surface)
    first = picture.surface_picture(surface, 64, window, None, [np.array([[1.0, 0.5]])], 15)
    assert first is not None
    same = picture.surface_picture(surface, 64, window, first.grid,
                                   [np.array([[1.0, 0.5]])], 15, first.key)
    assert same is None  # the shown picture is still right: nothing recomputed
    lo, hi = first.grid.base_range
    moved = picture.surface_picture(surface, 64, window, first.grid,
                                    [np.array([[hi]])], 15, first.key)
    assert moved is not None and moved.grid is first.grid and moved.key != first.key
