"""Desktop habits (issue 20): numbers as people read them, fits a projector, small items."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

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


def test_the_window_fits_a_1024_pixel_projector(window, qtbot):
    from app.ui.main_window import DOCK_MIN_WIDTHS, DOCK_WIDTHS

    assert window.minimumSizeHint().width() <= 1000
    assert window.load_scenario("p10_nesterov", autoplay=False)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    assert window.height() == 700
    assert window.controls_dock.width() >= DOCK_MIN_WIDTHS[0]
    assert window.side_dock.width() >= DOCK_MIN_WIDTHS[1]  # the lesson stays readable
    assert window.centralWidget().width() >= 400
    for i in range(window.center_tabs.count()):  # every tab page fits beside the docks
        page = window.center_tabs.widget(i)
        assert page.minimumSizeHint().width() <= window.centralWidget().width()
    # the lesson's title breaks between words: its longest word fits the panel's width
    browser = window.lesson_panel.browser
    longest = max(window.session.scenario.lesson.title.split(), key=len)
    font = browser.font()
    font.setPointSizeF(13)
    font.setBold(True)
    from PySide6.QtGui import QFontMetrics

    assert QFontMetrics(font).horizontalAdvance(longest) < browser.viewport().width()
    # whole tab names ("Analysis", not "An…lysis")
    bar = window.side_tabs.tabBar()
    assert bar.elideMode() == Qt.TextElideMode.ElideNone
    for i in range(bar.count()):
        text_width = bar.fontMetrics().horizontalAdvance(bar.tabText(i))
        assert bar.tabRect(i).width() >= text_width
    # large again: the docks come back to their widths
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: window.side_dock.width() >= DOCK_WIDTHS[1] - 2)
    assert window.controls_dock.width() >= DOCK_WIDTHS[0] - 2


def test_dock_widths_share_the_window():
    from app import viewmodel as vm

    assert vm.dock_widths(1024, (285, 230), (370, 310)) == [285, 230]
    assert vm.dock_widths(1400, (285, 230), (370, 310)) == [370, 310]
    mid = vm.dock_widths(1200, (285, 230), (370, 310))
    assert 285 < mid[0] < 370 and 230 < mid[1] < 310
    assert 1200 - sum(mid) >= 600  # the plot keeps half the window


def test_a_small_export_frame_is_laid_out_for_its_size(themed_app):
    from PySide6.QtWidgets import QSplitter, QSplitterHandle

    from app import scenario as scenario_mod
    from app.export import frame_layout
    from app.ui.render import FrameRenderer
    from app.ui.session import Session

    assert frame_layout(1280, 720) == frame_layout(1280, 720, True)
    assert not frame_layout(1280, 720).compact and frame_layout(640, 360).compact
    assert not frame_layout(320, 200).readouts
    session = Session(scenario_mod.load("p1_divergence"))
    renderer = FrameRenderer(session, (640, 360))
    try:
        image = renderer.render(40)
        assert (image.width(), image.height()) == (640, 360)
        # no splitter, so no grip is drawn into any frame
        assert not renderer.widget.findChildren(QSplitter)
        assert not renderer.widget.findChildren(QSplitterHandle)
        for plot in (renderer.readouts.loss_plot, renderer.readouts.grad_plot):
            labels = [t for _, t in plot.getPlotItem().getAxis("left")._tickLevels[0] if t]
            assert len(labels) >= 2  # not a lone "1"
            assert not plot.getPlotItem().getAxis("bottom").label.isVisible()
    finally:
        renderer.close()
    small = FrameRenderer(session, (320, 200))
    try:
        assert small.readouts is None  # too small for readouts: the plot alone
        assert small.render(10).height() == 200
    finally:
        small.close()


def test_exporting_data_with_no_start_point_says_there_is_nothing(window, tmp_path,
                                                                   no_blocking_dialogs):
    from app.ui import export_dialog

    window.session.clear_starts()
    target = tmp_path / "runs.json"
    assert export_dialog.export_trajectory_data(window, target) is None
    assert not target.exists()
    kind, title, text = no_blocking_dialogs[-1]
    assert title == "Nothing to export" and "no start point" in text


def test_a_formula_pasted_beyond_the_entry_limit_is_said_to_be_too_long(window, qtbot):
    window.session.set_surface("formula")
    field = window.controls.surface_section.form.fields["expr"]
    before = window.session.scenario.surface_params.get("expr")
    text = "x^2 + " * 2000 + "y^2"  # 12,003 characters: whole in the entry, too long to parse
    field.edit.setText(text)
    assert len(field.edit.text()) == len(text)  # not cut at 2,000
    field.apply()
    qtbot.waitUntil(lambda: not field.busy)
    assert "formula too long: 12003 characters" in field.error_label.text()
    huge = "x+" * 20000  # beyond the entry's own limit: cut there, and said so
    field.edit.setText(huge)
    field.apply()
    assert not field.busy
    assert "cut at 32,767 characters" in field.error_label.text()
    assert window.session.scenario.surface_params.get("expr") == before


def test_network_lab_tab_hides_the_surface_racers_status(window, qtbot):
    assert window.status.isVisible()
    window.center_tabs.setCurrentWidget(window.netlab_view)
    assert not window.status.isVisible()
    window.center_tabs.setCurrentIndex(0)
    assert window.status.isVisible()


def test_optimizer_and_schedule_drop_downs_have_tooltips(window):
    from app import optimizers, schedules

    card = window.controls.cards[0]
    racer = window.session.scenario.racers[0]
    assert optimizers.spec(racer.optimizer).summary in card.optimizer.toolTip()
    assert schedules.spec(racer.schedule).formula in card.schedule.toolTip()
    window.session.update_racer(0, schedule="cosine")
    card = window.controls.cards[0]
    assert schedules.spec("cosine").formula in card.schedule.toolTip()


def test_copy_menu_makes_lr_sweeps_in_one_click(window, qtbot):
    from app.ui.copy_menu import SweepDialog

    s = window.session
    s.set_scenario(Scenario(starts=((1.0, 1.0),), racers=(Racer("gd", {"lr": 0.1}),)))
    menu = window.controls.cards[0].copy_menu
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert set(actions) >= {"Copy", "Copy with lr × 1/2", "Copy with lr × 2",
                            "Sweep: N copies over a range…"}
    actions["Copy with lr × 2"].trigger()
    menu = window.controls.cards[0].copy_menu
    {a.text(): a for a in menu.actions()}["Copy with lr × 1/2"].trigger()
    lrs = [r.params["lr"] for r in s.scenario.racers]
    assert lrs == [0.1, 0.2, 0.05]
    assert len({r.color for r in s.scenario.racers}) == 3
    legend = [label.text for _, label in window.surface_view.legend.items]
    assert len(set(legend)) == 3 and any("0.2" in t for t in legend)  # told apart
    dialog = SweepDialog(s, 0, window)
    dialog.lr_from.setText("0.001")
    dialog.lr_to.setText("1")
    dialog.count.setValue(4)
    assert dialog.ok.isEnabled() and dialog.preview.text() == "lr 0.001, 0.01, 0.1, 1"
    dialog.accept()
    s.add_racers(dialog.result)
    racers = s.scenario.racers
    assert [r.params["lr"] for r in racers[3:]] == [0.001, 0.01, 0.1, 1.0]
    assert len({r.color.lower() for r in racers}) == 7
    assert len(window.controls.cards) == 7 and all(run is not None for run in s.runs)
    dialog = SweepDialog(s, 0, window)
    dialog.lr_from.setText("0")  # a bad range: said, and OK is off
    assert not dialog.ok.isEnabled() and dialog.error.text()
