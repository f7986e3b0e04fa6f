"""View > Hover preview and live scrubbing (issue 18), proved by the mechanism, never a clock:
the preview runs in a worker thread (lane "hover"), draws the engine's path from the point under
the mouse, hides when the mouse leaves, submits nothing when off; a click keeps the point (undo
covers it); dragging a momentum slider shows only runs of the value shown with them."""

import threading

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtWidgets import QApplication

from app import engine
from app.preview import LANE
from app.scenario import Racer, Scenario

WAIT_MS = 60_000  # a generous limit for a worker to hand something over; never a speed claim


def _hover(w, x, y) -> None:
    """The mouse moves over data point (x, y) of the contour plot."""
    view = w.surface_view
    w.hover_overlay._moved(view.viewbox.mapViewToScene(QPointF(x, y)))


def _scenario():
    return Scenario(surface="rosenbrock", starts=((-1.5, 2.0),), steps=500,
                    racers=(Racer("gd", {"lr": 1e-3}), Racer("momentum", {"lr": 5e-4})))


def test_hover_draws_the_selected_racers_path_from_a_worker(threaded_window, qtbot, spy):
    w = threaded_window
    w.set_scenario(_scenario(), autoplay=False)
    qtbot.waitUntil(lambda: not w.session.computing, timeout=WAIT_MS)
    overlay = w.hover_overlay
    w.hover_action.setChecked(True)
    w.session.select(1)
    spy.clear()
    for x in (-1.0, 0.0, 0.5):  # the mouse moves: the last point wins
        _hover(w, x, 1.0)
    qtbot.waitUntil(lambda: overlay.redraws >= 1 and not w.runner.busy(LANE), timeout=WAIT_MS)
    worker_calls = list(spy)  # (before the test's own engine.simulate below)
    path = overlay.preview.path
    start = path.points[0, 0]
    assert start[0] == pytest.approx(0.5, abs=1e-9) and start[1] == pytest.approx(1.0, abs=1e-9)
    s = w.session
    opt, sched = s.scenario.racers[1].build()
    expected = engine.simulate(s.surface, opt, start[None], s.steps, sched).points[:, 0]
    x, y = overlay.curve.getData()
    np.testing.assert_array_equal(np.c_[x, y], expected)
    assert overlay.curve.isVisible()
    assert overlay.curve.opts["pen"].style() == Qt.PenStyle.DashLine
    assert overlay.curve.opts["pen"].color().name() == s.scenario.racers[1].color.lower()
    assert worker_calls and threading.get_ident() not in worker_calls
    # the mouse leaves the plot: the preview goes
    QApplication.sendEvent(w.surface_view.plot_widget.viewport(), QEvent(QEvent.Type.Leave))
    assert not overlay.curve.isVisible() and overlay.preview.path is None


def test_toggle_off_submits_no_job(window, qtbot, monkeypatch):
    submitted = []
    original = window.runner.submit
    monkeypatch.setattr(window.runner, "submit",
                        lambda lane, *a, **k: (submitted.append(lane), original(lane, *a, **k))[1])
    assert not window.hover_action.isChecked()  # off by default
    _hover(window, 0.0, 0.0)
    assert LANE not in submitted and not window.hover_overlay.curve.isVisible()
    window.hover_action.setChecked(True)
    _hover(window, 0.0, 0.0)
    assert submitted.count(LANE) == 1 and window.hover_overlay.curve.isVisible()
    window.hover_action.setChecked(False)
    assert not window.hover_overlay.curve.isVisible()
    _hover(window, 0.5, 0.5)
    assert submitted.count(LANE) == 1


def test_a_click_keeps_the_previewed_point_as_a_start(window, qtbot):
    view, s = window.surface_view, window.session
    window.hover_action.setChecked(True)
    before = s.scenario.starts
    target = (1.0, -0.5)
    _hover(window, *target)
    assert window.hover_overlay.preview.path is not None
    qtbot.mouseClick(view.plot_widget.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.data_to_viewport(*target))
    qtbot.waitUntil(lambda: len(s.scenario.starts) == len(before) + 1, timeout=2000)
    (sx, sy) = s.scenario.starts[-1]
    assert abs(sx - target[0]) < 0.05 and abs(sy - target[1]) < 0.05
    assert window.hover_overlay.preview.path is None  # the start's own path replaces it
    window.undo.undo()
    assert s.scenario.starts == before


def test_scrubbing_momentum_shows_only_current_runs(threaded_window, qtbot, spy):
    w = threaded_window
    w.set_scenario(_scenario(), autoplay=False)
    # (the racer cards are built one per event-loop turn)
    qtbot.waitUntil(lambda: not w.session.computing and not w.controls.building(),
                    timeout=WAIT_MS)
    s = w.session
    s.set_step(s.steps)  # the whole paths are shown: the drag morphs them, never cuts them
    slider = w.controls.cards[1].form.fields["momentum"].slider
    steps_seen = []
    s.playheadChanged.connect(steps_seen.append)
    shown = []
    s.runsChanged.connect(lambda: shown.append(s.runs[1]))
    spy.clear()
    slider.setSliderDown(True)
    for tick in range(slider.value() - 10, slider.value() - 300, -29):
        slider.setValue(tick)  # each position cancels the stale run
    slider.setSliderDown(False)
    qtbot.waitUntil(lambda: not s.computing, timeout=WAIT_MS)
    worker_calls = list(spy)
    momentum = s.scenario.racers[1].params["momentum"]
    assert shown and shown[-1].racer.params["momentum"] == momentum
    for run in shown:  # every path shown was computed with the momentum shown with it
        if run is not None:
            opt, sched = run.racer.build()
            ref = engine.simulate(s.surface, opt, np.array(s.scenario.starts),
                                  run.trajectories.steps, sched)
            np.testing.assert_array_equal(run.trajectories.points, ref.points)
    assert shown[-1].trajectories.steps == s.steps
    x, _ = w.surface_view.path_data(1)
    assert x.size == s.steps + 1 and s.step == s.steps, steps_seen
    assert worker_calls and threading.get_ident() not in worker_calls
