"""The side panel: lr entry and slider, invalid values, racers, schedules, surface params."""

import numpy as np
import pytest

from app.engine import simulate


def _settled(qtbot, session):
    qtbot.waitUntil(lambda: not session.recompute_pending(), timeout=2000)


def _engine_points(session, i):
    opt, sched = session.scenario.racers[i].build()
    return simulate(session.surface, opt, np.array(session.scenario.starts), session.steps,
                    sched, session.scenario.noise()).points


def test_typing_lr_changes_the_drawn_path(window, session, qtbot):
    session.set_step(session.steps)
    before = window.surface_view.path_data(0)[1].copy()
    field = window.controls.cards[0].form.fields["lr"]
    field.set_text("0.02")
    qtbot.waitUntil(lambda: session.scenario.racers[0].params["lr"] == 0.02, timeout=2000)
    _settled(qtbot, session)
    x, y = window.surface_view.path_data(0)
    assert not np.array_equal(y, before)
    np.testing.assert_array_equal(y, _engine_points(session, 0)[:, 0, 1])
    # the label followed the lr ("GD, lr 0.09" -> "GD, lr 0.02"): its template is kept, the
    # legend shows the new number
    assert session.scenario.racers[0].label == "{optimizer}, lr {lr}"
    assert session.label(0) == "GD, lr 0.02"
    assert window.surface_view.legend.items[0][1].text == "GD, lr 0.02"


def test_lr_slider_is_logarithmic_and_recomputes(window, session, qtbot):
    field = window.controls.cards[0].form.fields["lr"]
    slider = field.slider
    slider.setValue(slider.maximum())
    _settled(qtbot, session)
    assert session.scenario.racers[0].params["lr"] == pytest.approx(10.0)
    slider.setValue(slider.minimum())
    _settled(qtbot, session)
    assert session.scenario.racers[0].params["lr"] == pytest.approx(1e-5)
    assert field.editor.text() in ("1e-05", "1e-5")


def test_invalid_lr_is_shown_and_changes_nothing(window, session, qtbot):
    before = session.scenario
    runs = session.runs
    field = window.controls.cards[0].form.fields["lr"]
    field.set_text("-1")
    assert field.has_error()
    assert "Invalid learning rate" in field.error_text()
    assert field.editor.property("invalid") is True
    assert session.scenario == before and session.runs is runs
    field.set_text("abc")
    assert field.has_error()
    field.set_text("0.05")  # a valid value clears the message
    assert not field.has_error()
    qtbot.waitUntil(lambda: session.scenario.racers[0].params["lr"] == 0.05, timeout=2000)


def test_combined_check_error_is_inline(window, session, qtbot):
    window.controls.cards[0].optimizer.activated.emit(
        window.controls.cards[0].optimizer.findData("sgd"))
    qtbot.waitUntil(lambda: session.scenario.racers[0].optimizer == "sgd", timeout=2000)
    card = window.controls.cards[0]
    before = session.scenario
    card.form.fields["nesterov"].editor.setChecked(True)  # momentum is 0: rejected
    assert card.form.fields["nesterov"].has_error()
    assert "Nesterov" in card.form.fields["nesterov"].error_text()
    assert session.scenario == before


def test_every_hyperparameter_has_a_tooltip(window):
    for card in window.controls.cards:
        for field in card.form.fields.values():
            assert field.toolTip() and field.param.doc.split(":")[0][:10] in field.toolTip()


def test_add_racer_shows_two_paths_and_two_readout_curves(window, session, qtbot):
    session.set_racers = None
    # keep only GD, then add Adam from the panel's menu
    while len(session.scenario.racers) > 1:
        session.remove_racer(len(session.scenario.racers) - 1)
    assert len(window.surface_view.racer_items) == 1
    menu = window.controls.add_button.menu()
    adam = next(a for a in menu.actions() if a.text() == "Adam")
    adam.trigger()
    assert [r.optimizer for r in session.scenario.racers] == ["gd", "adam"]
    session.set_step(session.steps)
    view = window.surface_view
    assert len(view.racer_items) == 2
    for i in range(2):
        x, _ = view.path_data(i)
        np.testing.assert_array_equal(x, _engine_points(session, i)[:, 0, 0])
    loss_curves, grad_curves = window.readouts.curves
    assert len(loss_curves) == 2 and len(grad_curves) == 2
    for c in loss_curves + grad_curves:
        assert np.isfinite(c.getData()[1]).sum() > 10
    assert len(window.controls.cards) == 2
    assert len(view.legend.items) == 2


def test_lr_sweep_with_copies_of_one_optimizer(window, session, qtbot):
    n = len(session.scenario.racers)
    window.controls.cards[0].duplicate_button.click()
    assert len(session.scenario.racers) == n + 1
    window.controls.cards[n].form.fields["lr"].set_text("0.01")
    qtbot.waitUntil(lambda: session.scenario.racers[n].params["lr"] == 0.01, timeout=2000)
    _settled(qtbot, session)
    assert session.scenario.racers[0].params["lr"] == 0.09
    assert session.scenario.racers[n].optimizer == session.scenario.racers[0].optimizer
    assert session.scenario.racers[n].color != session.scenario.racers[0].color
    a = session.runs[0].trajectories.points
    b = session.runs[n].trajectories.points
    assert not np.array_equal(a, b)


def test_remove_and_disable_racer(window, session, qtbot):
    window.controls.cards[1].enabled_box.setChecked(False)
    _settled(qtbot, session)
    assert session.runs[1] is None
    assert len(window.surface_view.path_data(1)[0]) == 0
    assert len(window.readouts.curves[0]) == 2
    window.controls.cards[2].remove_button.click()
    assert len(session.scenario.racers) == 2
    assert len(window.controls.cards) == 2


def test_schedule_and_warmup_update_the_lr_plot(window, session, qtbot):
    card = window.controls.cards[0]
    card.schedule.activated.emit(card.schedule.findData("cosine"))
    qtbot.waitUntil(lambda: session.scenario.racers[0].schedule == "cosine", timeout=2000)
    card = window.controls.cards[0]  # rebuilt for the new kind
    card.schedule_form.fields["warmup_steps"].set_text("20")
    qtbot.waitUntil(
        lambda: session.scenario.racers[0].schedule_params.get("warmup_steps") == 20,
        timeout=2000)
    _settled(qtbot, session)
    lr = session.runs[0].trajectories.lr
    assert lr[0] < lr[20] and lr[-1] < lr[20]
    np.testing.assert_allclose(card.sparkline.values, lr)


def test_surface_params_steps_and_noise(window, session, qtbot):
    section = window.controls.surface_section
    section.form.fields["lambda2"].set_text("5")
    qtbot.waitUntil(lambda: session.scenario.surface_params.get("lambda2") == 5.0, timeout=2000)
    section.form.fields["lambda2"].set_text("-5")
    assert section.form.fields["lambda2"].has_error()
    assert session.scenario.surface_params["lambda2"] == 5.0
    run = window.controls.run_section
    run.fields["steps"].set_text("40")
    qtbot.waitUntil(lambda: session.steps == 40, timeout=2000)
    _settled(qtbot, session)
    assert session.runs[0].trajectories.steps == 40
    assert window.playback_bar.timeline.maximum() == 40
    run.fields["noise_sigma"].set_text("0.5")
    qtbot.waitUntil(lambda: session.scenario.noise_sigma == 0.5, timeout=2000)
    _settled(qtbot, session)
    np.testing.assert_array_equal(session.runs[0].trajectories.points,
                                  _engine_points(session, 0))


def test_switch_surface_family(window, session, qtbot):
    section = window.controls.surface_section
    i = section.combo.findData("saddle")
    section.combo.activated.emit(i)
    assert session.scenario.surface == "saddle"
    assert len(session.scenario.starts) == 1
    assert all(r is not None for r in session.runs)
    lo, hi = window.surface_view.image.getLevels()
    assert np.isfinite([lo, hi]).all()
    # saddle losses are negative: the loss readout falls back to a linear axis, no gaps
    assert not window.readouts.loss_plot.log
    assert np.isfinite(window.readouts.curves[0][0].getData()[1]).sum() > 10


@pytest.mark.skipif("formula" not in __import__("surfaces").names(), reason="no formula surface")
def test_formula_surface_text_field(window, session, qtbot):
    section = window.controls.surface_section
    section.combo.activated.emit(section.combo.findData("formula"))
    assert session.scenario.surface == "formula"
    field = section.form.fields["expr"]
    before = session.scenario
    field.set_text("x**2 + (")
    qtbot.waitUntil(lambda: not field.busy, timeout=20_000)  # (compiled off the GUI thread)
    assert field.has_error() and session.scenario == before
    field.set_text("(x - 1)^2 + 4*y^2")
    qtbot.waitUntil(lambda: not field.busy, timeout=20_000)
    assert not field.has_error()
    assert session.scenario.surface_params["expr"] == "(x - 1)^2 + 4*y^2"
    assert session.surface.value([[1.0, 0.0]])[0] == 0.0
    lo, hi = window.surface_view.image.getLevels()
    assert np.isfinite([lo, hi]).all()


def test_a_racers_own_noise_is_shown_and_edited_on_its_card(window, session, qtbot):
    """Issue 19 (P3): the two 'GD, lr 0.05' racers differ only by their own noise; each card
    shows it, and typing a value changes that racer's run and label alone."""
    from app import scenario as scenario_mod

    assert window.set_scenario(scenario_mod.load("p3_sgd_noise"), autoplay=False)
    cards = window.controls.cards
    assert [c.noise_edit.text() for c in cards] == ["", "2", "2"]  # "": the run's (0)
    assert cards[0].noise_edit.placeholderText() == "the run's: 0"
    before = [r.trajectories.points.copy() for r in session.runs]
    cards[1].noise_edit.setText("0.5")
    cards[1].noise_edit.editingFinished.emit()
    session.recompute()
    qtbot.waitUntil(lambda: session.scenario.racers[1].noise_sigma == 0.5, timeout=2000)
    assert session.runs[1].noise.sigma == 0.5 and session.label(1) == "GD, lr 0.05, noise 0.5"
    assert not np.array_equal(session.runs[1].trajectories.points, before[1])
    np.testing.assert_array_equal(session.runs[2].trajectories.points, before[2])
    # empty: back to the run's noise; a bad value: one message, nothing changes
    cards[1].noise_edit.setText("")
    cards[1].noise_edit.editingFinished.emit()
    assert session.scenario.racers[1].noise_sigma is None
    cards[1].noise_edit.setText("-1")
    cards[1].noise_edit.editingFinished.emit()
    assert session.scenario.racers[1].noise_sigma is None
    assert "Invalid noise sigma" in cards[1].summary.text()


def test_a_million_step_sparkline_draws_a_few_hundred_points_that_keep_its_extremes(qtbot):
    """A playhead frame repaints every card's sparkline: it draws what its width can show (at
    most two points per one of 256 columns), not every step, and keeps the schedule's range."""
    from app.ui.controls import LrSparkline

    spark = LrSparkline()
    qtbot.addWidget(spark)
    steps = np.arange(1_000_000)
    lr = 0.1 * (1 + np.cos(np.pi * (steps % 1000) / 1000)) / 2  # 1,000 cosine restarts
    lr[500_000] = np.nan  # a gap is left out, never drawn as a number
    spark.set_values(lr, "#ff0000")
    xs, ys = spark._line
    assert 256 <= ys.size <= 512
    assert ys.max() == np.nanmax(lr) and ys.min() == np.nanmin(lr)
    assert np.all(np.diff(xs) >= 0) and xs[0] >= 0 and xs[-1] <= 1
    spark.resize(200, 46)
    assert not spark.grab().isNull()  # paints from the reduced points
