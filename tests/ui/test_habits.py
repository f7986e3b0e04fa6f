"""Desktop habits (issue 20): numbers as people read them, fits a projector, small items."""

from __future__ import annotations

import numpy as np

from app.scenario import Racer, Scenario


def test_fields_show_significant_digits_and_keep_the_exact_value(window):
    s = window.session
    s.set_scenario(Scenario(starts=((1.0, 1.0),), racers=(Racer("gd", {"lr": 1 / 3}),)))
    field = window.controls.cards[0].form.fields["lr"]
    assert field.editor.text() == "0.3333"
    assert s.scenario.racers[0].params["lr"] == 1 / 3  # shown short, kept exact
    field.editor.editingFinished.emit()  # leaving the field untouched changes nothing
    assert s.scenario.racers[0].params["lr"] == 1 / 3


def test_an_exactly_zero_gradient_is_labelled_0_on_the_readout(window):
    assert window.load_scenario("p9_dead_relu", autoplay=False)
    grads = [run.trajectories.grad_norm for run in window.session.runs if run is not None]
    assert any((g == 0).any() for g in grads)  # the dead unit's gradient is exactly 0
    plot = window.readouts.grad_plot
    assert plot.zero_at is not None
    ticks = plot.getPlotItem().getAxis("left")._tickLevels
    labels = {text for pos, text in ticks[0]}
    assert "0" in labels
    assert min(pos for pos, _ in ticks[0]) == plot.zero_at


def test_the_status_line_elides_long_labels(window, qtbot):
    s = window.session
    long = "GD with a very long label that would push the status bar wider than any screen"
    s.set_scenario(Scenario(starts=((1.0, 1.0),), racers=(Racer("gd", {"lr": 0.1}, label=long),)))
    combo = window.status.racer
    shown = combo.itemText(0)
    assert shown.endswith("…") and len(shown) < len(long)
    assert combo.itemData(0, 3) == long  # the tooltip holds it in full (ToolTipRole)
    values = window.status.values
    assert values.minimumSizeHint().width() <= 40  # never widens the window
    values.resize(120, values.height())
    assert values.shown_text().endswith("…")
    assert values.toolTip() == values.text()
    assert np.isfinite(window.minimumSizeHint().width())
