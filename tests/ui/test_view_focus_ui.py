"""The surface view focuses its colours and contour lines where the paths run and draws the
tiny ReLU network's crease lines (issue 19)."""

import numpy as np

from app import scenario as scenario_mod
from app import viewmodel as vm
from app.readout_data import thin_phase


def test_relu_lesson_draws_creases_and_focused_contours(window, session, qtbot):
    view = window.surface_view
    assert window.set_scenario(scenario_mod.load("p8_tiny_net_relu"), autoplay=False)
    assert view.focus is not None
    scale, levels = view.focus
    assert view.color_scale is not None and view.color_scale.log
    drawn = [level for level, _ in view.contour_data]
    np.testing.assert_allclose(drawn, levels[:len(drawn)])
    assert len(drawn) >= len(levels) - 1
    # every line lies below the path's highest loss (in the colour scale's units), padded
    top = np.log10(session.runs[0].trajectories.loss.max() - scale.offset)
    assert max(drawn) <= top + 0.2 * (top - scale.levels[0])
    # the 8 crease lines b1 = -w1 x_i, clipped to the view
    assert view.creases.isVisible()
    segs = view.crease_data
    assert np.isnan(segs[:, 0]).sum() == len(session.surface.inputs) - 1
    x, y = view.creases.getData()
    np.testing.assert_array_equal(x, segs[:, 0])

    # a small lr edit keeps the visited range: the contours are not computed again
    calls = []
    original = view._set_contours
    view._set_contours = lambda lines: (calls.append(1), original(lines))
    session.update_racer(0, params={"lr": 0.049})
    session.recompute()
    qtbot.waitUntil(lambda: session.runs[0].racer.params["lr"] == 0.049, timeout=2000)
    assert calls == []
    view._set_contours = original


def test_a_smooth_surface_has_no_crease_lines_and_the_tour_keeps_its_scale(window, session):
    view = window.surface_view
    assert window.set_scenario(scenario_mod.load("p8_tiny_net_elu"), autoplay=False)
    assert not view.creases.isVisible() and view.crease_data.shape == (0, 2)
    assert window.set_scenario(scenario_mod.load("p1_divergence"), autoplay=False)
    assert view.focus is None  # the diverging path covers the whole range
    plain = vm.color_scale(session.surface.grid(view.grid_size, session.window)[2])
    assert view.color_scale.levels == plain.levels


def test_phase_readout_draws_one_curve_per_racer_and_the_playhead_as_a_dot(window, session):
    assert window.set_scenario(scenario_mod.load("p4_stall"), autoplay=False)
    phase = window.readouts.phase_plot
    assert phase.isVisible()
    runs = [r for r in session.runs if r is not None]
    assert len(phase.curves) == len(runs) == 2
    for curve, run in zip(phase.curves, runs, strict=True):
        t = run.trajectories
        x, y = thin_phase(*vm.phase_series(t.loss, t.grad_norm, phase.floors), t.n,
                          window.readouts._resolution[1])  # (the pixels' points)
        cx, cy = curve.getData()
        np.testing.assert_array_equal(cx[np.isfinite(cx)], x[np.isfinite(x)])
        np.testing.assert_array_equal(cy[np.isfinite(cy)], y[np.isfinite(y)])
    session.set_step(1234)
    expected = np.log10([[r.trajectories.loss[1234, 0], r.trajectories.grad_norm[1234, 0]]
                         for r in runs])
    np.testing.assert_allclose(phase.points(), expected)
    # a small frame keeps two readouts
    window.readouts.set_compact(True)
    assert not phase.isVisible()
    window.readouts.set_compact(False)
    assert phase.isVisible()


def test_legend_status_and_badge_follow_edits_in_one_style(window, session):
    """Issue 19: the Tour's momentum 0.8 -> 0.95 and a GD card switched to Adam; P1's second
    racer at lr 0.05 says lr * lambda_max = 1.0 (not 2.4) in the legend and the status bar."""
    assert window.set_scenario(scenario_mod.load("default"), autoplay=False)
    session.update_racer(1, params={"momentum": 0.95})
    session.update_racer(0, optimizer="adam")
    session.recompute()
    legend = [label.text for _, label in window.surface_view.legend.items]
    assert legend[:2] == ["Adam, lr 0.09", "Momentum 0.95, lr 0.02"]
    assert window.status.racer.itemData(1, 3) == "Momentum 0.95, lr 0.02"  # ToolTipRole
    assert window.set_scenario(scenario_mod.load("p1_divergence"), autoplay=False)
    session.update_racer(1, params={"lr": 0.05})
    session.recompute()
    legend = [label.text for _, label in window.surface_view.legend.items]
    assert legend == ["GD, lr 0.01 (lr * lambda_max = 0.2)", "GD, lr 0.05 (lr * lambda_max = 1.0)"]
