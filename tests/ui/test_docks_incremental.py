"""The docks draw incrementally (issue 23): a playback frame moves the phase readout's dots
without re-setting a curve or re-rendering a symbol, an lr edit re-sets only the edited racer's
phase curve, the status bar builds no optimizer per frame and renames one racer; proved by
counting calls (the pixels of incrementally updated readouts against ones built from scratch:
test_drawing_incremental)."""

import threading

import numpy as np
from test_drawing_incremental import Calls, _edit_lr

from app import viewmodel as vm
from app.readout_data import thin_phase
from app.scenario import Racer


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
    x, y = thin_phase(*vm.phase_series(t.loss, t.grad_norm, phase.floors), t.n,
                      window.readouts._resolution[1])
    cx, cy = phase.curves[1].getData()
    np.testing.assert_array_equal(cx, x)
    np.testing.assert_array_equal(cy, y)
    np.testing.assert_array_equal(phase.points(), _expected_dots(session, session.step))


def test_the_status_bar_builds_the_optimizer_once_per_run_not_per_frame(window, monkeypatch):
    session = window.session
    session.set_step(1)
    built = Calls(monkeypatch, [Racer], "build")
    for k in range(2, 22):
        session.set_step(k)
    assert built.counts == [0]
    assert window.status.step_label.text().startswith("Step 21 / ")


def test_the_readouts_numbers_are_computed_off_the_windows_thread(threaded_window, qtbot,
                                                                    monkeypatch):
    """Facts, series, thinning and phase curves of every run: in the runner's worker; the
    window's thread only copies the finished arrays (no readout series computed there)."""
    from app.ui import readouts as readouts_mod

    w = threaded_window
    where = {"layout": [], "series": [], "facts": []}
    for name, module, attr in (("layout", readouts_mod, "readouts_layout"),
                               ("series", vm, "readout_series"), ("facts", vm, "readout_facts")):
        original = getattr(module, attr)

        def spy(*args, _original=original, _name=name, **kwargs):
            where[_name].append(threading.get_ident())
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, attr, spy)
    shown = w.readouts.layouts_shown
    assert w.load_scenario("p4_stall", autoplay=False)
    qtbot.waitUntil(lambda: not w.session.computing and w.readouts.layouts_shown > shown,
                    timeout=60_000)
    qtbot.waitUntil(lambda: not w.session.runner.busy(w.readouts._lane), timeout=10_000)
    main = threading.get_ident()
    assert where["layout"] and where["series"] and where["facts"]
    assert main not in where["layout"] + where["series"] + where["facts"]
    runs = [r for r in w.session.runs if r is not None]
    assert len(w.readouts.loss_plot.curves) == len(runs) == 2
    t = runs[0].trajectories
    cx, cy = w.readouts.loss_plot.curves[0].getData()
    expected = vm.readout_series(t.loss, True)  # (no exact zeros in this lesson)
    assert np.nanmin(cy) == np.nanmin(expected) and np.nanmax(cy) == np.nanmax(expected)
    assert np.nanmin(cx) == 0 and np.nanmax(cx) == t.steps


def test_an_lr_edit_renames_one_entry_of_the_racer_list_and_renders_one_label(
        window, qtbot, monkeypatch):
    from app.scenario import Scenario

    session, combo = window.session, window.status.racer
    texts = Calls(monkeypatch, [combo], "setItemText")
    cleared = Calls(monkeypatch, [combo], "clear")
    rendered = Calls(monkeypatch, [Scenario], "label_of")
    _edit_lr(qtbot, session, 1, 0.015)
    assert texts.counts == [1] and cleared.counts == [0]
    assert rendered.counts == [1]  # the edited racer's, once for the legend, list and cards
    labels = [session.scenario.label_of(r, session.surface) for r in session.scenario.racers]
    assert [combo.itemData(i, 3) for i in range(combo.count())] == labels  # (ToolTipRole)
    assert "0.015" in combo.itemText(1)
    session.remove_racer(2)
    assert combo.count() == 2 and [combo.itemData(i, 3) for i in range(2)] == labels[:2]


def test_a_hidden_sharpness_readout_takes_the_playhead_when_shown(window, monkeypatch):
    session, readouts = window.session, window.readouts
    assert not readouts.sharpness_visible
    moved = Calls(monkeypatch, [readouts.sharp_plot.playhead], "setValue")
    for k in (3, 9, 27):
        session.set_step(k)
    assert moved.counts == [0]  # a frame moves only what is shown
    readouts.set_sharpness_visible(True)
    assert readouts.sharp_plot.playhead.value() == 27
    session.set_step(30)
    assert readouts.sharp_plot.playhead.value() == 30
