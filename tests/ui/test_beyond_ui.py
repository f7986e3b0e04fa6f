"""Issue 22 in the window: the batch-size control and the noise ellipses (P3)."""

from __future__ import annotations

import numpy as np

from app.analysis.minibatch import batch_covariance, ellipse


def test_batch_size_control_appears_on_finite_sums_and_sets_the_racer(window, session):
    window.load_scenario("p3_minibatch", autoplay=False)
    cards = window.controls.cards
    assert [c.batch_size.value() for c in cards] == [0, 8, 1]  # 0 is shown as "full"
    assert not any(c.batch_row.isHidden() for c in cards)
    assert cards[0].batch_size.maximum() == session.surface.n_examples == 64
    cards[0].batch_size.setValue(16)
    assert session.scenario.racers[0].batch_size == 16
    assert session.runs[0].batch.batch_size == 16
    cards[0].batch_size.setValue(0)
    assert session.scenario.racers[0].batch_size is None and session.runs[0].batch is None
    session.set_surface("quadratic")  # no examples: the control goes, the racers take g
    assert all(c.batch_row.isHidden() for c in window.controls.cards)
    assert all(r.batch_size is None for r in session.scenario.racers)


def test_noise_ellipse_follows_the_playhead_and_the_selection(window, session):
    window.load_scenario("p3_minibatch", autoplay=False)
    overlay = window.noise_overlay
    session.select(0)  # full batch: nothing to draw
    assert overlay.shown is None and not overlay.step_curve.isVisible()
    session.select(2)  # batch 1
    session.set_step(30)
    run = session.runs[2]
    p = run.trajectories.points[30, 0]
    lr = run.racer.params["lr"]
    expected = ellipse(p - lr * session.surface.grad(p),
                       lr * lr * batch_covariance(session.surface, p, 1))
    np.testing.assert_allclose(overlay.shown[:-1], expected, rtol=1e-12)
    x, y = overlay.step_curve.getData()
    np.testing.assert_allclose(x[:-1], expected[:, 0])
    assert overlay.cloud_curve.isVisible()  # plain SGD: the stationary cloud at the minimum
    cx, cy = overlay.cloud_curve.getData()
    np.testing.assert_allclose([cx.mean(), cy.mean()], session.surface.solution, atol=0.05)
    session.set_step(31)
    assert not np.allclose(overlay.shown[:-1], expected)


def test_lr_range_tab_sweeps_off_the_gui_thread_and_draws_the_three_lines(window, qtbot):
    import math
    import threading

    from app.analysis.lr_range import lr_range_test

    window.load_scenario("p1_divergence", autoplay=False)
    view = window.lr_range_view
    view.lr_min.setText("1e-4")
    view.steps.setValue(80)
    view.run()
    qtbot.waitUntil(lambda: view.result is not None, timeout=20_000)
    assert view.ticket.thread_id != threading.get_ident()  # computed by the job runner
    r = view.result
    sc = window.session.scenario
    again = lr_range_test(window.session.surface, "gd", sc.starts[0], lr_min=1e-4, lr_max=10,
                          steps=80)
    np.testing.assert_array_equal(r.smoothed, again.smoothed)
    for key, value in (("steepest", r.steepest), ("valley", r.valley), ("theory", r.theory)):
        assert view.lines[key].isVisible()
        assert view.lines[key].value() == math.log10(value)
    assert r.theory == 0.1
    x, y = view.smooth.getData()
    assert len(x) == len(r.lrs)
    view.lr_min.setText("10")  # above lr max: one message, no job
    view.result = None
    view.run()
    assert "Invalid lr range" in view.status.text() and view.result is None


def test_figure_actions_write_svg_and_pdf_from_a_job(window, qtbot, tmp_path):
    import threading
    import xml.etree.ElementTree as ET

    window.load_scenario("p1_divergence", autoplay=False)
    export = window.figure_export
    assert export.figure_action in window.menus["file"].actions()
    assert export.grid_action in window.menus["file"].actions()
    ticket = export.export_figure(str(tmp_path / "view.svg"))
    qtbot.waitUntil(lambda: export.last_path is not None, timeout=20_000)
    assert ticket.thread_id != threading.get_ident()
    root = ET.parse(export.last_path).getroot()
    assert root.tag.endswith("svg") and len(root.findall(".//{*}image")) == 2
    export.last_path = None
    export.export_small_multiples(str(tmp_path / "grid.pdf"), "lr=0.01,0.1,0.12")
    qtbot.waitUntil(lambda: export.last_path is not None, timeout=30_000)
    text = (tmp_path / "grid.pdf").read_text(encoding="ascii")
    assert text.startswith("%PDF-1.4") and text.count("/Subtype /Image") == 4
    export.export_small_multiples(str(tmp_path / "bad.pdf"), "lr=-1")
    assert "Invalid learning rate" in window.statusBar().currentMessage()


def test_rules_editor_checks_off_the_gui_thread_shows_a_caret_and_races(window, session, qtbot):
    import threading

    from app import optimizers
    from app.optimizers import rules as R

    window.load_scenario("p5_adaptive", autoplay=False)
    editor = window.controls.open_rules_editor()
    qtbot.addWidget(editor)
    editor.update_text.setPlainText("p = p - lr*gg")
    ticket = editor.check()
    qtbot.waitUntil(lambda: "unknown name 'gg'" in editor.error.text(), timeout=10_000)
    assert ticket.thread_id != threading.get_ident()
    caret_line = editor.error.text().split("\n")[-1]
    assert caret_line.index("^") == 2 + len("p = p - lr*")  # under the g of gg
    assert not editor.add_button.isEnabled()
    editor.examples.setCurrentIndex(editor.examples.findData("lion_rules"))
    editor.examples.activated.emit(editor.examples.currentIndex())
    qtbot.waitUntil(lambda: editor.checked is not None, timeout=10_000)
    assert editor.checked.update == R.EXAMPLES["lion_rules"].update
    n = len(session.scenario.racers)
    try:
        editor.add_racer()
        assert len(session.scenario.racers) == n + 1
        racer = session.scenario.racers[-1]
        assert racer.optimizer == "my_lion" and optimizers.spec("my_lion").rules is not None
        assert session.runs[-1] is not None  # it races
        card = window.controls.cards[-1]
        assert card.optimizer.currentData() == "my_lion"
        from app import scenario as S

        assert "[[rules]]" in S.dumps(session.scenario)  # saved like a built-in
    finally:
        R.uninstall("my_lion")


def test_lr_range_tab_sweeps_the_network_lab_network(window, qtbot):
    from app.analysis.lr_range import lr_range_netlab

    view = window.lr_range_view
    view.source.setCurrentIndex(view.source.findData("netlab"))
    view.lr_min.setText("1e-5")
    view.lr_max.setText("1")
    view.steps.setValue(30)
    view.run()
    qtbot.waitUntil(lambda: view.result is not None, timeout=30_000)
    direct = lr_range_netlab(window.netlab_view.config(), lr_min=1e-5, lr_max=1.0, steps=30)
    np.testing.assert_array_equal(view.result.smoothed, direct.smoothed)
    assert view.result.theory == direct.theory > 0
    assert "2/λ_max" in view.status.text()
