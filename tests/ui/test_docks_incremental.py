"""The docks draw incrementally (issue 23): a playback frame moves the phase readout's dots
without re-setting a curve or re-rendering a symbol, an lr edit re-sets only the edited racer's
phase curve, the status bar builds no optimizer per frame; proved by counting calls and by the
pixels of an incrementally updated phase readout against one built from scratch."""

import numpy as np
from PySide6.QtWidgets import QApplication
from test_drawing_incremental import Calls, _edit_lr, _pixels

from app import viewmodel as vm
from app.scenario import Racer
from app.ui.readouts import ReadoutsView


def _expected_dots(session, step):
    """Where every start point of every drawn racer is in the phase readout at ``step``."""
    floors = _floors(session)
    rows = [vm.phase_point(r.trajectories.loss, r.trajectories.grad_norm, step, floors)
            for r in session.runs if r is not None]
    points = np.concatenate(rows)
    return points[np.isfinite(points).all(axis=1)]


def _floors(session):
    runs = [r.trajectories for r in session.runs if r is not None]
    return (vm.log_floor([t.loss for t in runs]), vm.log_floor([t.grad_norm for t in runs]))


def test_a_playback_frame_moves_the_phase_dots_and_sets_no_curve(window, monkeypatch):
    session, phase = window.session, window.readouts.phase_plot
    session.set_step(10)
    curves = Calls(monkeypatch, phase.curves, "setData")
    dots = Calls(monkeypatch, [phase.dots], "setData")
    ticks = Calls(monkeypatch, [phase.getPlotItem().getAxis("left")], "setTicks")
    for k in range(11, 31):
        session.set_step(k)
        np.testing.assert_array_equal(phase.points(), _expected_dots(session, k))
    assert sum(curves.counts) == 0 and ticks.counts == [0]
    assert dots.counts == [0]  # the same dots moved: no symbol rendered again
    assert phase.floors == _floors(session)


def test_an_lr_edit_sets_only_the_edited_racers_phase_curve(window, qtbot, monkeypatch):
    session, phase = window.session, window.readouts.phase_plot
    session.set_step(session.steps)
    curves = Calls(monkeypatch, phase.curves, "setData")
    _edit_lr(qtbot, session, 1, 0.015)
    assert curves.counts == [0, 1, 0]
    t = session.runs[1].trajectories
    x, y = vm.phase_series(t.loss, t.grad_norm, phase.floors)
    cx, cy = phase.curves[1].getData()
    np.testing.assert_array_equal(cx, x)
    np.testing.assert_array_equal(cy, y)
    np.testing.assert_array_equal(phase.points(), _expected_dots(session, session.step))


def test_the_incremental_phase_readout_draws_what_a_fresh_one_draws(window, qtbot):
    session = window.session
    for k in (5, 40, 17):
        session.set_step(k)
    _edit_lr(qtbot, session, 0, session.scenario.racers[0].params["lr"] * 0.8)
    with qtbot.waitSignal(session.runsChanged, timeout=10_000):
        session.update_racer(len(session.scenario.racers) - 1, enabled=False)
    for k in (60, 23):
        session.set_step(k)
    fresh = ReadoutsView(session)
    qtbot.addWidget(fresh)
    fresh.resize(window.readouts.size())
    fresh.show()
    qtbot.waitExposed(fresh)
    for _ in range(3):
        QApplication.processEvents()
    shown = window.readouts.phase_plot
    assert shown.getViewBox().viewRange() == fresh.phase_plot.getViewBox().viewRange()
    np.testing.assert_array_equal(shown.points(), fresh.phase_plot.points())
    a, b = _pixels(shown), _pixels(fresh.phase_plot)
    assert a.shape == b.shape and np.array_equal(a, b)


def test_the_status_bar_builds_the_optimizer_once_per_run_not_per_frame(window, monkeypatch):
    session = window.session
    session.set_step(1)
    built = Calls(monkeypatch, [Racer], "build")
    for k in range(2, 22):
        session.set_step(k)
    assert built.counts == [0]
    assert window.status.step_label.text().startswith("Step 21 / ")
