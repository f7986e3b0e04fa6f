"""The Maps tab (offscreen): maps computed in a worker thread equal app.analysis's, clicking a
cell sets the racer (or adds a start), and a long computation can be cancelled."""

import math
import threading

import numpy as np
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.analysis import DIVERGED, NOT_CONVERGED, basin_map, hyperparameter_map
from app.numbers import cell_value
from app.scenario import Racer, Scenario
from app.ui import maps_view
from app.ui.maps_view import (
    BASIN,
    BASIN_COLORS,
    DIVERGED_COLOR,
    HYPER,
    NOT_CONVERGED_COLOR,
    MapsView,
)

pytestmark = pytest.mark.filterwarnings("error")


def _maps(window, scenario_name_or_obj, kind=HYPER, resolution=16, steps=100):
    if isinstance(scenario_name_or_obj, Scenario):
        assert window.set_scenario(scenario_name_or_obj, autoplay=False)
    else:
        assert window.load_scenario(scenario_name_or_obj, autoplay=False)
    view = window.maps_view
    assert isinstance(view, MapsView)
    view.auto_compute = False
    view.set_kind(kind)
    view.set_resolution(resolution)
    view.set_steps(steps)
    window.center_tabs.setCurrentWidget(view)
    assert view.isVisible()
    return view


def _compute(view, qtbot):
    with qtbot.waitSignal(view.mapReady, timeout=20_000) as blocker:
        worker = view.compute()
        assert worker is not None
    QApplication.processEvents()
    return blocker.args[0]


def test_small_map_equals_hyperparameter_map(window, qtbot):
    view = _maps(window, "p1_divergence")
    s = window.session
    s.select(0)  # GD, lr 0.01
    view.set_lr_range(1e-3, 0.3)
    m = _compute(view, qtbot)
    ref = hyperparameter_map(s.surface, "gd", s.scenario.starts[0], np.geomspace(1e-3, 0.3, 16),
                             "momentum", np.linspace(0.0, 0.98, 16), steps=100, tol=1e-3)
    assert m is view.results[HYPER]
    assert m.param == "momentum" and m.steps_to_converge.shape == (16, 16)
    assert np.array_equal(m.lrs, ref.lrs) and np.array_equal(m.values, ref.values)
    assert np.array_equal(m.steps_to_converge, ref.steps_to_converge)
    assert np.array_equal(m.diverged_at, ref.diverged_at)
    # all three kinds of cells occur here, each drawn in its colour
    k = m.steps_to_converge
    assert (k == DIVERGED).any() and (k == NOT_CONVERGED).any() and (k >= 0).any()
    rgba = view.image_rgba
    assert rgba.shape == (16, 16, 4)
    assert (rgba[k == DIVERGED, :3] == DIVERGED_COLOR).all()
    assert (rgba[k == NOT_CONVERGED, :3] == NOT_CONVERGED_COLOR).all()
    assert not (rgba[k >= 0, :3] == DIVERGED_COLOR).all(axis=-1).any()
    # the image covers the cells: x in log10(lr), y in momentum
    rect = view.image.mapRectToParent(view.image.boundingRect())
    dx = np.log10(m.lrs[1]) - np.log10(m.lrs[0])
    assert rect.left() == pytest.approx(np.log10(1e-3) - dx / 2)
    assert rect.right() == pytest.approx(np.log10(0.3) + dx / 2)
    # the marker sits at the racer's (lr, momentum); the parameters are shown
    pos = np.array(view.marker.getData()).T
    assert np.allclose(pos, [[math.log10(0.01), 0.0]])
    text = view.params_label.text()
    assert "(16, log)" in text and "100 steps" in text and "(-2.5, 1.5)" in text
    assert "diverged" in view.legend.text()


def test_clicking_a_cell_sets_lr_and_momentum(window, qtbot, no_blocking_dialogs):
    view = _maps(window, "p1_divergence")
    s = window.session
    s.select(0)
    view.set_lr_range(1e-3, 0.3)
    m = _compute(view, qtbot)
    # a converging cell with momentum > 0: the GD racer becomes heavy ball there
    i, j = 10, 5
    assert m.steps_to_converge[j, i] >= 0
    pos = view.cell_to_viewport(i, j)
    assert view.cell_at(*view.cell_center(i, j)) == (i, j)
    qtbot.mouseClick(view.plot_widget.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    # GD would become heavy ball: the click said so first (the test's answer: OK)
    kind, title, text = no_blocking_dialogs[-1]
    assert kind == "question" and "into Momentum" in text
    racer = s.scenario.racers[0]
    assert racer.optimizer == "momentum"
    # the values written are the shortest decimals inside the cell (0.021, not 0.020974)
    lr, mu = cell_value(m.lrs, i), cell_value(m.values, j)
    assert racer.params["lr"] == lr and racer.params["momentum"] == mu
    assert len(repr(lr)) < len(repr(float(m.lrs[i])))
    assert abs(lr - m.lrs[i]) <= 0.25 * (m.lrs[i + 1] - m.lrs[i])
    assert abs(mu - m.values[j]) <= 0.25 * (m.values[j + 1] - m.values[j])
    assert view.cell_at(math.log10(lr), mu) == (i, j)
    traj = s.runs[0].trajectories  # the contour view shows that run now
    assert traj.lr[0] == lr
    assert np.allclose(np.array(view.marker.getData()).T, [[math.log10(lr), mu]])
    # the run the view shows converges like the map's cell
    ref = hyperparameter_map(s.surface, "momentum", s.scenario.starts[0], [lr],
                             "momentum", [mu], steps=100)
    assert ref.steps_to_converge[0, 0] >= 0
    # the map is still the one shown (its lr and momentum are the map's axes)
    assert view.requests[HYPER].same(view.request())
    # a diverged cell on the momentum = 0 row
    i2 = int(np.nonzero(m.steps_to_converge[0] == DIVERGED)[0][0])
    qtbot.mouseClick(view.plot_widget.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.cell_to_viewport(i2, 0))
    racer = s.scenario.racers[0]
    assert racer.params["lr"] == cell_value(m.lrs, i2) and racer.params["momentum"] == 0.0
    assert s.diverged_at(0) >= 0


def test_a_click_that_changes_the_optimizer_can_be_cancelled(window, qtbot, monkeypatch):
    view = _maps(window, "p1_divergence")
    s = window.session
    s.select(0)
    view.set_lr_range(1e-3, 0.3)
    _compute(view, qtbot)
    before = s.scenario
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Cancel))
    view.apply_cell(10, 5)
    assert s.scenario == before  # GD stays GD: nothing changed
    asked = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a)))
    view.apply_cell(10, 0)  # the momentum 0 row keeps GD: nothing to ask
    assert not asked and s.scenario.racers[0].optimizer == "gd"


def test_adam_map_over_beta1(window, qtbot):
    sc = Scenario(surface="quadratic", surface_params={"lambda1": 1.0, "lambda2": 10.0},
                  starts=((-3.0, 2.0),), steps=150,
                  racers=(Racer("adam", {"lr": 0.1}, color="#E69F00"),))
    view = _maps(window, sc, steps=150)
    m = _compute(view, qtbot)
    assert m.param == "beta1" and m.optimizer == "adam"
    lo, hi = float(view.lr_lo.text()), float(view.lr_hi.text())
    ref = hyperparameter_map(window.session.surface, "adam", (-3.0, 2.0),
                             np.geomspace(lo, hi, 16), "beta1", np.linspace(0, 0.98, 16),
                             steps=150)
    assert np.array_equal(m.steps_to_converge, ref.steps_to_converge)
    view.apply_cell(3, 7)
    racer = window.session.scenario.racers[0]
    assert racer.params["lr"] == cell_value(m.lrs, 3)
    assert racer.params["betas"] == [cell_value(m.values, 7), 0.999]


def test_basin_map_and_click_adds_a_start(window, qtbot):
    sc = Scenario(surface="himmelblau", starts=((0.0, 0.0),), steps=200,
                  racers=(Racer("gd", {"lr": 0.01}, color="#E69F00"),))
    view = _maps(window, sc, kind=BASIN, steps=200)
    s = window.session
    m = _compute(view, qtbot)
    opt, _ = s.scenario.racers[0].build()
    ref = basin_map(s.surface, opt, resolution=16, window=s.window, steps=200)
    assert np.array_equal(m.minimum, ref.minimum)
    assert np.array_equal(m.steps_to_converge, ref.steps_to_converge)
    assert len(set(m.minimum.ravel().tolist()) - {-1}) == 4
    # categorical colours: each cell's hue is its minimum's colour (darker = slower)
    rgba = view.image_rgba.astype(float)
    for k in range(4):
        cells = rgba[(m.minimum == k) & (m.steps_to_converge >= 0), :3]
        base = np.array(BASIN_COLORS[k], dtype=float)
        scale = cells.sum(axis=1) / base.sum()
        assert np.allclose(cells, scale[:, None] * base, atol=1.5)
    assert "minimum (3, 2)" in view.legend.text()
    assert not view.colorbar.isVisible()
    n = len(s.scenario.starts)
    qtbot.mouseClick(view.plot_widget.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.cell_to_viewport(12, 3))
    assert len(s.scenario.starts) == n + 1
    assert s.scenario.starts[-1] == (m.xs[12], m.ys[3])
    assert len(s.runs[0].trajectories.points[0]) == n + 1
    assert len(view.starts.getData()[0]) == n + 1


def test_basin_map_needs_known_minima(window):
    sc = Scenario(surface="saddle", starts=((0.5, 0.3),), steps=50,
                  racers=(Racer("gd", {"lr": 0.05}),))
    view = _maps(window, sc, kind=BASIN)
    assert view.compute() is None
    assert "no known minima" in view.status.text()
    assert not view.busy


def test_cancel_stops_the_job_and_delivers_nothing(window, qtbot, monkeypatch):
    threads = []
    real = maps_view.hyperparameter_map

    def spy(*args, **kwargs):
        threads.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(maps_view, "hyperparameter_map", spy)
    view = _maps(window, "p1_divergence", resolution=256, steps=20_000)
    view.set_lr_range(1e-8, 1e-7)  # nothing converges: every cell runs all its steps
    s = window.session
    delivered = []
    view.mapReady.connect(delivered.append)
    with qtbot.waitSignal(view.progressChanged, timeout=10_000):
        ticket = view.compute()
    assert view.busy and ticket.state == "running" and ticket.progress_reported > 0
    assert threads and threading.main_thread().ident not in threads  # the map's thread
    # the window keeps working while the map is computed
    qtbot.waitUntil(lambda: view.progress.value() > 0, timeout=10_000)
    s.set_step(7)
    assert window.surface_view.racer_items[0].heads.getData()[0][0] == \
        s.runs[0].trajectories.points[7, 0, 0]
    reports = ticket.progress_reported
    qtbot.waitUntil(lambda: ticket.progress_reported > reports, timeout=10_000)
    with qtbot.waitSignal(view.cancelled, timeout=5_000):
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
    # at once: idle, nothing shown; the map function stops at its next progress report
    assert ticket.cancelled and not view.busy and not view.cancel_button.isEnabled()
    assert ticket.wait(60)
    QApplication.processEvents()
    assert view.results[HYPER] is None and delivered == []
    assert "cancelled" in view.status.text()
    # a small map computes fine afterwards
    view.set_resolution(16)
    view.set_steps(50)
    _compute(view, qtbot)
    assert len(delivered) == 1


def test_a_newer_map_replaces_the_running_one(window, qtbot):
    view = _maps(window, "p1_divergence", resolution=256, steps=20_000)
    view.set_lr_range(1e-8, 1e-7)
    delivered = []
    view.mapReady.connect(delivered.append)
    with qtbot.waitSignal(view.progressChanged, timeout=10_000):
        stale = view.compute()
    view.set_resolution(16)
    view.set_steps(50)
    m = _compute(view, qtbot)  # latest wins: the stale job is cancelled, never shown
    assert stale.cancelled and stale.wait(60)
    QApplication.processEvents()
    assert delivered == [m] and m.steps_to_converge.shape == (16, 16)
    assert view.results[HYPER] is m


def test_closing_the_view_mid_computation_cancels_it(themed_app, qtbot):
    from app.ui.session import Session

    session = Session(Scenario(starts=((-3.0, 2.0),), steps=50))
    view = MapsView(session)
    view.auto_compute = False
    view.set_resolution(256)
    view.set_steps(20_000)
    view.set_lr_range(1e-8, 1e-7)
    with qtbot.waitSignal(view.progressChanged, timeout=10_000):
        ticket = view.compute()
    runner = view.runner
    view.deleteLater()
    themed_app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert ticket.cancelled
    assert ticket.wait(60)
    qtbot.waitUntil(lambda: runner.threads() == [], timeout=10_000)


def test_auto_compute_when_small_and_stale_note(window, qtbot):
    assert window.load_scenario("p1_divergence", autoplay=False)
    view = window.maps_view
    view.set_resolution(16)
    view.set_steps(100)
    assert view.auto_compute
    with qtbot.waitSignal(view.mapReady, timeout=10_000):
        window.center_tabs.setCurrentWidget(view)
    first = view.results[HYPER]
    assert first is not None
    # a change the map depends on: stale note, and (small) recomputed automatically
    view.auto_compute = False
    window.session.set_surface_params(lambda2=30.0)
    assert "press Compute" in view.status.text()
    view.auto_compute = True
    with qtbot.waitSignal(view.mapReady, timeout=10_000):
        view._schedule_auto()
    assert view.results[HYPER] is not first
    assert "lambda2=30" in view.params_label.text()
