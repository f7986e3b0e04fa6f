"""The Analysis tab (offscreen): its numbers are app.analysis's at the selected racer's point.

Also the eigenvector overlay on the contour plot and the optional sharpness readout.
"""

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt

from app import scenario as scenario_mod
from app import viewmodel as vm
from app.analysis import (
    VERDICT_DIVERGING,
    VERDICT_OSCILLATING,
    curvature,
    effective_step_trace,
    optimal_hyperparameters,
    sharpness_trace,
    taylor_step,
)
from app.scenario import Racer, Scenario
from app.ui.analysis_panel import GOH_TOOLTIP, VERDICT_COLORS, AnalysisPanel
from app.ui.curvature_overlay import AXIS_COLORS
from app.ui.readouts import SHARPNESS_TITLE

pytestmark = pytest.mark.filterwarnings("error")


def _open(window, name_or_scenario):
    if isinstance(name_or_scenario, Scenario):
        assert window.set_scenario(name_or_scenario, autoplay=False)
    else:
        assert window.load_scenario(name_or_scenario, autoplay=False)
    window.side_dock.show()
    window.side_tabs.setCurrentWidget(window.analysis_panel)
    panel = window.analysis_panel
    assert isinstance(panel, AnalysisPanel) and panel.isVisible()
    return panel


def _rosenbrock():
    return Scenario(surface="rosenbrock", starts=((-1.5, 2.0), (1.5, -0.5)), steps=60,
                    racers=(Racer("gd", {"lr": 1e-3}, color="#E69F00"),
                            Racer("momentum", {"lr": 5e-4, "momentum": 0.8},
                                  color="#56B4E9")))


def test_panel_follows_the_playhead_and_the_selection(window):
    panel = _open(window, _rosenbrock())
    s = window.session
    seen = set()
    for racer in (0, 1):
        s.select(racer)
        traj = s.runs[racer].trajectories
        for step in (0, 7, 33, s.steps):
            s.set_step(step)
            r = panel.report
            assert r is not None and r.racer_index == racer and r.step == step
            point = traj.points[step, 0]
            c = curvature(s.surface, point)
            assert np.array_equal(r.point, point)
            assert np.array_equal(r.curvature.hessian, c.hessian)
            assert np.array_equal(r.curvature.eigenvalues, c.eigenvalues)
            assert np.array_equal(r.curvature.eigenvectors, c.eigenvectors)
            assert r.curvature.condition_number == c.condition_number
            # what the labels say is that number
            assert f"<b>{vm.format_number(c.lambda_min)}</b>" in panel.eigen_labels[0].text()
            assert f"<b>{vm.format_number(c.lambda_max)}</b>" in panel.eigen_labels[1].text()
            assert f"<b>{vm.format_number(c.condition_number)}</b>" in \
                panel.condition_label.text()
            assert vm.format_number(c.hessian[0, 0]) in panel.hessian_label.text()
            assert f"step {step} of {s.steps}" in panel.subtitle.text()
            seen.add(round(c.lambda_max, 6))
    assert len(seen) >= 6  # the curvature really changed along the paths


def test_second_start_point_and_messages(window):
    panel = _open(window, _rosenbrock())
    s = window.session
    assert panel.start_row.isVisible()
    panel.start_spin.setValue(2)
    s.set_step(10)
    assert panel.report.start_index == 1
    assert np.array_equal(panel.report.point, s.runs[0].trajectories.points[10, 1])
    s.update_racer(0, enabled=False)
    assert panel.report is None and "disabled" in panel.message
    assert not panel.stability_box.isVisible()
    s.update_racer(0, enabled=True)
    s.clear_starts()
    assert panel.report is None and "start point" in panel.message


def test_overlay_draws_the_eigenvectors(window):
    panel = _open(window, "p2_ill_conditioning")
    s = window.session
    s.select(1)
    s.set_step(6)
    overlay = panel.overlay
    c = curvature(s.surface, s.runs[1].trajectories.points[6, 0])
    assert overlay.isVisible() and len(overlay.axes) == 2
    for i, axis in enumerate(overlay.axes):
        assert np.array_equal(axis.direction, c.eigenvectors[:, i])
        assert axis.eigenvalue == c.eigenvalues[i]
        assert axis.color == AXIS_COLORS["up"]
        x, y = overlay.axis_data(i)
        assert x.size == 2
        drawn = np.array([x[1] - x[0], y[1] - y[0]])
        assert np.allclose(drawn / np.linalg.norm(drawn), c.eigenvectors[:, i])
        assert np.allclose([(x[0] + x[1]) / 2, (y[0] + y[1]) / 2], c.point)
    # half-lengths (data units) in the ratio of the contour ellipse: 1/sqrt(lambda)
    ratio = overlay.axes[0].half_length / overlay.axes[1].half_length
    assert ratio == pytest.approx(math.sqrt(c.eigenvalues[1] / c.eigenvalues[0]))
    # follows the playhead
    s.set_step(7)
    assert np.allclose(overlay.axes[0].center, s.runs[1].trajectories.points[7, 0])
    # hidden with the tab, with the check box
    window.side_tabs.setCurrentWidget(window.lesson_panel)
    assert overlay.axis_data(0)[0].size == 0
    window.side_tabs.setCurrentWidget(panel)
    assert overlay.axis_data(0)[0].size == 2
    panel.axes_check.setChecked(False)
    assert overlay.axis_data(0)[0].size == 0
    panel.axes_check.setChecked(True)


def test_overlay_colours_by_sign_on_a_saddle(window):
    sc = Scenario(surface="saddle", starts=((0.5, 0.3),), steps=20,
                  racers=(Racer("gd", {"lr": 0.05}),))
    panel = _open(window, sc)
    c = curvature(window.session.surface, (0.5, 0.3))
    assert c.lambda_min < 0 < c.lambda_max
    axes = panel.overlay.axes
    assert [a.color for a in axes] == [AXIS_COLORS["down"], AXIS_COLORS["up"]]
    assert "saddle" in panel.kind_label.text()


def test_verdict_flips_at_two_over_lambda_max(window):
    panel = _open(window, "p1_divergence")
    s = window.session
    s.select(0)
    s.set_step(3)
    lam = panel.report.curvature.lambda_max
    assert lam == pytest.approx(20.0)
    limit_lr = 2.0 / lam
    s.update_racer(0, params={"lr": limit_lr * 0.999})
    assert panel.report.stability.verdict == VERDICT_OSCILLATING
    assert panel.verdict_label.text() == "Oscillating"
    assert VERDICT_COLORS[VERDICT_OSCILLATING] in panel.verdict_label.styleSheet()
    s.update_racer(0, params={"lr": limit_lr * 1.001})
    assert panel.report.stability.verdict == VERDICT_DIVERGING
    assert panel.verdict_label.text() == "Diverging"
    assert VERDICT_COLORS[VERDICT_DIVERGING] in panel.verdict_label.styleSheet()
    assert "limit 2 (gradient descent)" in panel.product_label.text()
    assert panel.gauge.value == pytest.approx(limit_lr * 1.001 * lam)
    # heavy ball: the limit is 2 + 2 momentum = 3 here
    s.update_racer(0, optimizer="momentum", params={"lr": 3.0 / lam * 0.999, "momentum": 0.5})
    assert panel.report.stability.limit == 3.0
    assert panel.report.stability.verdict != VERDICT_DIVERGING
    assert "2 + 2·momentum = 3" in panel.product_label.text()
    s.update_racer(0, params={"lr": 3.0 / lam * 1.001})
    assert panel.verdict_label.text() == "Diverging"


def test_taylor_terms_for_gd_use_the_engine_step(window):
    panel = _open(window, "p2_ill_conditioning")
    s = window.session
    s.select(1)  # GD, lr 0.019
    s.set_step(4)
    r = panel.report
    traj = s.runs[1].trajectories
    t = taylor_step(s.surface, traj.points[4, 0], 0.019)
    g = r.gd_terms
    assert (g.first_order, g.second_order, g.predicted) == (t.first_order, t.second_order,
                                                           t.predicted)
    assert g.actual == traj.loss[5, 0] - traj.loss[4, 0]
    assert g.actual == pytest.approx(t.actual, rel=1e-9)
    assert r.own_terms is None
    assert "ε = lr(t) = <b>0.019</b>" in panel.taylor_caption.text()
    assert "run's own next step" in panel.taylor_caption.text()
    assert vm.format_number(t.first_order) in panel.taylor_cells["first"][0].text()
    assert vm.format_number(t.second_order) in panel.taylor_cells["second"][0].text()
    assert np.allclose(panel.taylor_bars.opts["height"], [g.first_order, g.second_order,
                                                          g.predicted, g.actual])
    # lr 0.021: the curvature term wins, the loss rises (lesson P2)
    s.select(0)
    assert panel.report.analysis.taylor.curvature_wins
    assert "raise" in panel.taylor_verdict.text()


def test_taylor_terms_of_a_momentum_racer_along_its_own_step(window):
    panel = _open(window, _rosenbrock())
    s = window.session
    s.select(1)
    s.set_step(12)
    r = panel.report
    traj = s.runs[1].trajectories
    d = traj.points[13, 0] - traj.points[12, 0]
    c = curvature(s.surface, traj.points[12, 0])
    own = r.own_terms
    assert own.first_order == pytest.approx(c.gradient @ d, rel=1e-12)
    assert own.second_order == pytest.approx(0.5 * d @ c.hessian @ d, rel=1e-12)
    assert own.actual == traj.loss[13, 0] - traj.loss[12, 0]
    assert panel.taylor_cells["actual"][1].isVisible()
    assert r.gd_terms.first_order == taylor_step(s.surface, traj.points[12, 0],
                                                 5e-4).first_order


def test_goh_buttons_set_the_optimal_values(window, qtbot):
    panel = _open(window, "p2_ill_conditioning")
    s = window.session
    s.select(2)
    assert panel.optimal_box.isVisible()
    assert "z = beta * z + grad" in panel.momentum_button.toolTip()
    assert "Sutskever" in panel.momentum_button.toolTip()
    assert panel.momentum_button.toolTip() == GOH_TOOLTIP
    qtbot.mouseClick(panel.gd_button, Qt.MouseButton.LeftButton)
    racer = s.scenario.racers[2]
    assert racer.optimizer == "gd"
    assert racer.params["lr"] == 2.0 / (1.0 + 100.0)
    assert s.runs[2].trajectories.lr[0] == 2.0 / 101.0
    qtbot.mouseClick(panel.momentum_button, Qt.MouseButton.LeftButton)
    racer = s.scenario.racers[2]
    assert racer.optimizer == "momentum"
    assert racer.params["lr"] == pytest.approx((2.0 / (1.0 + 10.0)) ** 2, rel=1e-15)
    assert racer.params["momentum"] == pytest.approx(((10.0 - 1.0) / (10.0 + 1.0)) ** 2,
                                                     rel=1e-15)
    o = optimal_hyperparameters(s.surface)
    assert (racer.params["lr"], racer.params["momentum"]) == (o.momentum_lr, o.momentum)
    assert panel.report.momentum == o.momentum
    # not on other surfaces
    _open(window, _rosenbrock())
    assert not panel.optimal_box.isVisible()


def test_adaptive_effective_step_trace_once_per_run(window):
    panel = _open(window, "p6_burst")
    s = window.session
    s.select(0)  # adagrad_rms
    s.set_step(10)
    trace = panel.trace
    racer = s.scenario.racers[0]
    opt, sched = racer.build()
    ref = effective_step_trace(s.surface, opt, np.array(s.scenario.starts[:1]), s.steps, sched,
                               s.scenario.noise_for(racer))
    assert np.array_equal(trace.effective_step, ref.effective_step, equal_nan=True)
    assert np.array_equal(trace.points[:, 0], s.runs[0].trajectories.points[:, 0])
    assert panel.adaptive_box.isVisible()
    # the plot shows it: update k -> k+1 is row k+1, log10 units
    _, y = panel.effective_plot.curves[0].getData()
    assert np.allclose(y[: s.steps], np.log10(ref.effective_step[1:, 0, 0]))
    verdicts = set()
    for step in range(0, s.steps, 25):
        s.set_step(step)
        assert panel.trace is trace  # not recomputed per frame
        assert np.array_equal(panel.report.effective_step, ref.effective_step[step + 1, 0])
        verdicts.add(panel.report.stability.verdict)
    # the burst: lr/sigma times the steep curvature passes 2 at some point, and comes back
    assert VERDICT_DIVERGING in verdicts and len(verdicts) >= 2
    assert "λ_max(diag(lr/σ)·H)" in panel.product_label.text()
    # a new run (another lr) gives a new trace
    s.update_racer(0, params={"lr": 0.2})
    assert panel.trace is not trace
    s.select(1)
    assert panel.report.family == "adaptive"


def test_sharpness_readout_is_sharpness_trace(window):
    assert window.load_scenario("p1_divergence", autoplay=False)
    s = window.session
    readouts = window.readouts
    action = window.sharpness_action
    assert not action.isChecked() and not readouts.sharp_plot.isVisible()
    assert action in window.menus["view"].actions()
    action.setChecked(True)
    assert readouts.sharp_plot.isVisible()
    assert readouts.sharp_plot.getPlotItem().titleLabel.text == SHARPNESS_TITLE
    for i, run in enumerate(s.runs):
        ref = sharpness_trace(s.surface, run.trajectories)
        tr = readouts.sharpness[i]
        assert np.array_equal(tr.lambda_max, ref.lambda_max, equal_nan=True)
        assert np.array_equal(tr.edge, ref.edge)
    # drawn: lambda_max (solid) and the edge 2/lr (dashed) per racer, log10 units
    curves = readouts.sharp_plot.curves
    assert len(curves) == 4
    ref = sharpness_trace(s.surface, s.runs[0].trajectories)
    _, y = curves[0].getData()
    good = np.isfinite(ref.lambda_max[:, 0])
    assert np.allclose(y[: s.steps + 1][good], np.log10(ref.lambda_max[good, 0]))
    _, y = curves[1].getData()
    assert np.allclose(y[: s.steps + 1], np.log10(2.0 / 0.01))
    assert curves[1].opts["pen"].style() == Qt.PenStyle.DashLine
    # a momentum racer's edge is (2 + 2 momentum) / lr
    s.update_racer(0, optimizer="momentum", params={"lr": 0.01, "momentum": 0.5})
    assert readouts.sharpness[0].limit == 3.0
    ref = sharpness_trace(s.surface, s.runs[0].trajectories, momentum=0.5)
    assert np.array_equal(readouts.sharpness[0].edge, ref.edge)
    s.set_step(7)
    assert readouts.sharp_plot.playhead.value() == 7
    # the x ranges follow the loss readout's
    assert np.allclose(readouts.sharp_plot.getViewBox().viewRange()[0],
                       readouts.loss_plot.getViewBox().viewRange()[0])
    readouts.loss_plot.getViewBox().setXRange(10, 40, padding=0)
    assert np.allclose(readouts.sharp_plot.getViewBox().viewRange()[0], (10, 40))
    action.setChecked(False)
    assert not readouts.sharp_plot.isVisible()


def test_builtin_lessons_analyse_without_errors(window):
    """Every built-in scenario, every racer, a few steps: no exception, no numpy warning."""
    panel = _open(window, "default")
    s = window.session
    for name in scenario_mod.builtin_names():
        if name.startswith("netlab"):
            continue
        assert window.load_scenario(name, autoplay=False)
        for i in range(len(s.scenario.racers)):
            s.select(i)
            for step in (0, s.steps // 2, s.steps):
                s.set_step(step)
                assert panel.report is not None or panel.message, (name, i, step)
