"""Hostile-user robustness: odd values typed into the real window never warn, crash or draw
nonsense; bad input gets a clear message and the last valid state stays."""

import warnings

import numpy as np
import pytest

from app import viewmodel as vm
from app.scenario import Racer, Scenario


@pytest.fixture
def strict():
    """No warning at all (numpy's RuntimeWarnings must never reach the console). Recorded,
    not raised: an exception inside a Qt paint override can take the process down."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught
    assert [f"{w.category.__name__}: {w.message} ({w.filename}:{w.lineno})"
            for w in caught] == []


def _show_all_tabs(window, qtbot):
    for i in range(window.center_tabs.count()):
        window.center_tabs.setCurrentIndex(i)
        qtbot.wait(5)
        window.repaint()
    window.center_tabs.setCurrentIndex(0)
    window.repaint()


# -- the heatmap of extreme surfaces ---------------------------------------------------------
def test_huge_constant_formula_draws_without_overflow(window, session, qtbot, strict):
    """Formula ``1e308``: beyond float32, the image cast overflowed (warnings, inf levels)."""
    form = window.controls.surface_section
    session.set_surface("formula")
    form.form.fields["expr"].set_text("1e308")
    qtbot.waitUntil(lambda: not form.form.fields["expr"].busy, timeout=20_000)
    assert session.scenario.surface_params["expr"] == "1e308"
    _show_all_tabs(window, qtbot)
    scale = window.surface_view.color_scale
    assert np.isfinite(scale.image).all()
    assert all(np.isfinite(scale.levels)) and scale.levels[1] > scale.levels[0]


def test_flat_surface_below_float32_resolution_draws(window, session, qtbot, strict):
    """A surface whose whole range is ~1e-320 (tiny lambdas): levels spanning a denormal made
    the colour mapping divide by it (overflow)."""
    session.set_surface("formula")
    field = window.controls.surface_section.form.fields["expr"]
    field.set_text("1e-320*x^2 + 1e-320*y^2")
    qtbot.waitUntil(lambda: not field.busy, timeout=20_000)  # (compiled off the GUI thread)
    assert "1e-320" in session.scenario.surface_params["expr"]
    window.repaint()
    lo, hi = window.surface_view.color_scale.levels
    assert hi - lo >= 1e-30
    scale = vm.color_scale(np.array([[0.0, 5e-324], [1e-320, 2e-320]]))
    assert scale.levels[1] - scale.levels[0] >= 1e-30


# -- a start point where the formula is undefined ------------------------------------------
def _log_scenario():
    return Scenario(surface="formula", surface_params={"expr": "log(x) + y^2"},
                    starts=((1.5, 0.5),), steps=30, racers=(Racer("gd", {"lr": 0.05}),))


def test_start_dragged_where_f_is_undefined_reads_clearly(window, session, qtbot, strict):
    """Dragging a start to x < 0 on log(x): the status bar said "loss nan |g| nan"."""
    assert window.set_scenario(_log_scenario(), autoplay=False)
    session.move_start(0, -1.0, 0.5)
    session.set_step(5)
    assert session.diverged_at(0) == 0
    text = window.status.values.text()
    assert "nan" not in text.lower() and "undefined" in text
    assert "diverged at step 0" in window.status.diverged.text()
    window.repaint()
    # back where f is defined: numbers again
    session.move_start(0, 1.5, 0.5)
    assert "loss 2." in window.status.values.text() or "loss 0." in window.status.values.text()


def test_step_legend_does_not_cover_the_divergence_badge(window, session, qtbot, strict):
    """Step mode (S) on a diverging run: the step legend sat on the "diverged" badge."""
    scenario = Scenario(surface="quadratic", surface_params={"lambda2": 20.0},
                        starts=((-2.5, 1.5),), steps=60,
                        racers=(Racer("gd", {"lr": 0.12}),))
    assert window.set_scenario(scenario, autoplay=False)
    window.step_mode_action.trigger()
    assert window.step_mode.enabled
    session.set_step(session.diverged_at(0) + 1)
    qtbot.wait(10)
    window.repaint()
    view = window.surface_view
    legend = window.step_mode.overlay.legend
    assert view.badge.isVisible() and legend.isVisible()
    badge = view.badge.geometry()
    scene_rect = legend.sceneBoundingRect()
    legend_rect = view.plot_widget.mapFromScene(scene_rect).boundingRect()
    assert not badge.intersects(legend_rect)


def test_formula_window_too_small_to_draw_is_widened(window, session, qtbot, strict):
    """Formula window 0 .. 1e-320 (valid: min < max) made Qt's rectangles fail and pyqtgraph
    warn ("invalid value encountered in add") on every paint."""
    session.set_surface("formula")
    fields = window.controls.surface_section.form.fields
    for key, text in (("xmin", "0"), ("ymin", "0"), ("xmax", "1e-320"), ("ymax", "1e-320")):
        fields[key].set_text(text)
        assert not fields[key].has_error()
    assert session.scenario.surface_params["ymax"] == 1e-320
    (x0, x1), (y0, y1) = session.window
    assert x1 - x0 >= 1e-9 and y1 - y0 >= 1e-9
    _show_all_tabs(window, qtbot)
    assert vm.drawable_window(((0.0, 2.0), (-1.0, 1.0))) == ((0.0, 2.0), (-1.0, 1.0))


def test_no_empty_legend_frame_without_runs(window, session, qtbot):
    """Clear starts (or switch every racer off): an empty legend box stayed top-right."""
    assert window.surface_view.legend.isVisible()
    window.controls.run_section.clear_button.click()
    assert session.scenario.starts == ()
    assert not window.surface_view.legend.isVisible()
    session.add_start(1.0, 1.0)
    assert window.surface_view.legend.isVisible()
    for card in window.controls.cards:
        card.enabled_box.setChecked(False)
    assert all(run is None for run in session.runs)
    assert not window.surface_view.legend.isVisible()
    window.controls.cards[0].enabled_box.setChecked(True)
    assert window.surface_view.legend.isVisible()


def test_emptied_field_says_it_is_empty(window, session):
    """Deleting a field's text showed "Invalid learning rate:  (expected ...)": the quoted
    value was invisible. Now the message names the empty field; the value stays."""
    lr = window.controls.cards[0].form.fields["lr"]
    before = session.scenario.racers[0].params["lr"]
    lr.set_text("  ")
    assert lr.error_text() == "lr is empty: enter a finite number > 0"
    assert session.scenario.racers[0].params["lr"] == before
    steps = window.controls.run_section.fields["steps"]
    steps.set_text("")
    assert steps.error_text() == "steps is empty: enter a whole number >= 1 and <= 20000"
    assert session.scenario.steps == 150
