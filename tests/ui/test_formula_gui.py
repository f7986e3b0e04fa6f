"""The formula surface in the GUI: typed as you go, errors with a caret, holes left blank."""

from __future__ import annotations

import collections
import threading
import warnings

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

import surfaces
from app import optimizers
from app import scenario as scenario_mod
from app.engine import simulate
from app.scenario import Racer, Scenario
from app.ui import formula_field, theme
from app.ui.formula_field import DEBOUNCE_MS, EXAMPLES, FormulaField
from surfaces import formula_compiler
from surfaces.formula import is_compiled as formula_is_compiled

HOLE = "log(x + 2) + y^2"  # undefined for x <= -2


def _formula_field(window, session) -> FormulaField:
    section = window.controls.surface_section
    if session.scenario.surface != "formula":
        section.combo.activated.emit(section.combo.findData("formula"))
    assert session.scenario.surface == "formula"
    field = section.form.fields["expr"]
    assert isinstance(field, FormulaField)
    return field


def _type(qtbot, field: FormulaField, text: str) -> None:
    """Select everything in the entry and type ``text`` over it, key by key."""
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)


def _settle(qtbot, field: FormulaField) -> None:
    """Wait for the field's parse and compile jobs (they run off the window's thread)."""
    qtbot.waitUntil(lambda: not field.busy, timeout=20_000)


def _engine_points(session, i=0):
    opt, sched = session.scenario.racers[i].build()
    return simulate(session.surface, opt, np.array(session.scenario.starts), session.steps,
                    sched, session.scenario.noise()).points


@pytest.fixture
def compiles(monkeypatch):
    """Count the field's calls of compile_formula (derivatives: never once per keystroke)."""
    calls = []
    real = formula_field.compile_formula
    # an empty compile cache: a formula compiled by an earlier test of the session (the CLI
    # tests compile 'x^2 + 10*y^2' too) would otherwise commit at once without a compile
    monkeypatch.setattr(formula_compiler, "_CACHE", collections.OrderedDict())

    def counting(text, check=None):
        calls.append(text)
        return real(text, check)

    monkeypatch.setattr(formula_field, "compile_formula", counting)
    return calls


def test_typing_a_formula_updates_surface_contours_and_paths(window, session, qtbot, compiles):
    field = _formula_field(window, session)
    view = window.surface_view
    before_image = view.image.image.copy()
    before_contours = [xy.copy() for _, xy in view.contour_data]
    _type(qtbot, field, "x^2 + 10*y^2")
    # nothing is compiled or applied per keystroke: only after the pause
    assert compiles == []
    assert session.surface.params["expr"] != "x^2 + 10*y^2"
    assert field.timer.isActive() and field.timer.interval() == DEBOUNCE_MS
    qtbot.waitUntil(lambda: session.surface.params["expr"] == "x^2 + 10*y^2", timeout=3000)
    assert compiles == ["x^2 + 10*y^2"]
    assert session.scenario.surface_params["expr"] == "x^2 + 10*y^2"
    assert not field.has_error() and field.edit.text() == "x^2 + 10*y^2"
    assert session.surface.value([[1.0, 1.0]])[0] == 11.0
    # the heatmap, the contours and the racers' paths follow
    assert view.image.image.shape == before_image.shape
    assert not np.array_equal(view.image.image, before_image)
    assert len(view.contour_data) != len(before_contours) or any(
        not np.array_equal(a, xy) for a, (_, xy) in zip(before_contours, view.contour_data,
                                                       strict=False))
    assert np.isfinite(view.image.getLevels()).all()
    assert not view.hole_note.isVisible()
    qtbot.waitUntil(lambda: not session.recompute_pending(), timeout=2000)
    assert session.runs[0] is not None
    np.testing.assert_array_equal(session.runs[0].trajectories.points, _engine_points(session))

    # Enter applies at once, without waiting for the pause
    field.edit.end(False)
    qtbot.keyClicks(field.edit, " + x")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert not field.timer.isActive()
    _settle(qtbot, field)
    assert session.surface.params["expr"] == "x^2 + 10*y^2 + x"


def test_invalid_formula_shows_caret_and_keeps_the_surface(window, session, qtbot):
    field = _formula_field(window, session)
    field.set_text("x^2 + 3*y^2")
    _settle(qtbot, field)
    qtbot.waitUntil(lambda: not session.recompute_pending(), timeout=2000)
    before = session.scenario
    surface = session.surface
    image = window.surface_view.image.image.copy()

    _type(qtbot, field, "x^2 + sinn(y)")
    qtbot.waitUntil(field.has_error, timeout=3000)
    assert field.error_label.isVisible() and field.caret_label.isVisible()
    assert field.error_label.text() == "unknown function 'sinn' - did you mean 'sin'?"
    line, caret = field.caret_label.text().split("\n")
    col = caret.index("^")
    assert caret.strip() == "^" and line[col:col + 4] == "sinn" and line.strip() == "x^2 + sinn(y)"
    assert col == line.index("x^2") + 6  # err.position 6
    assert field.edit.property("invalid") is True
    assert field.kept_label.isVisible()
    # the session, hence the picture, keeps the last valid formula
    assert session.scenario == before and session.surface is surface
    np.testing.assert_array_equal(window.surface_view.image.image, image)

    _type(qtbot, field, "x^2 + (y - 1")
    qtbot.waitUntil(lambda: field.error_label.text().startswith("unbalanced parenthesis"),
                    timeout=5000)
    line, caret = field.caret_label.text().split("\n")
    assert line[caret.index("^")] == "(" and caret.index("^") == line.index("x^2") + 6
    assert session.scenario == before
    # while red, each keystroke re-parses (in the background): the caret follows the typing
    qtbot.keyClicks(field.edit, "*")
    qtbot.waitUntil(lambda: field.error_label.text().startswith("incomplete formula"),
                    timeout=5000)
    line, caret = field.caret_label.text().split("\n")
    assert caret.index("^") == len(line)  # just after the '*'
    qtbot.keyClick(field.edit, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: field.error_label.text().startswith("unbalanced parenthesis"),
                    timeout=5000)
    assert session.scenario == before
    # closing it clears the error and applies after the pause
    qtbot.keyClicks(field.edit, ")")
    qtbot.waitUntil(lambda: not field.has_error(), timeout=5000)
    assert not field.caret_label.isVisible()
    qtbot.waitUntil(lambda: session.surface.params["expr"] == "x^2 + (y - 1)", timeout=3000)

    # Enter on a bad formula shows the error at once; Escape restores the last valid text
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "x +* y")
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    _settle(qtbot, field)
    assert field.has_error() and field.error_label.text() == "unexpected '*'"
    line, caret = field.caret_label.text().split("\n")
    assert line[caret.index("^")] == "*"
    qtbot.keyClick(field.edit, Qt.Key.Key_Escape)
    assert not field.has_error() and field.edit.text() == "x^2 + (y - 1)"
    assert session.surface.params["expr"] == "x^2 + (y - 1)"


def test_long_formula_error_keeps_the_caret_and_the_panel_width(window, session, qtbot):
    field = _formula_field(window, session)
    width = window.controls.width()
    text = " + ".join(f"{k}*x^2" for k in range(1, 40)) + " + cosh(y)) + y^2"
    field.set_text(text)
    _settle(qtbot, field)
    assert field.has_error() and "parenthesis" in field.error_label.text()
    line, caret = field.caret_label.text().split("\n")
    col = caret.index("^")
    assert line[col] == ")" and line.startswith("  ...")
    assert len(line) < len(text)  # cut to the label's width around the caret
    window.repaint()
    assert window.controls.width() == width


def test_examples_are_one_click_away(window, session, qtbot):
    field = _formula_field(window, session)
    texts = [a.data() for a in field.examples_menu.actions()]
    assert texts == [t for t, _ in EXAMPLES]
    for must in ("x^2 + 10*y^2", "abs(x) + y^2", "log(1 + exp(x)) + (y - sin(x))^2",
                 "(1-x)^2 + 100*(y-x^2)^2", "relu(x) + 0.5*y^2"):
        assert must in texts
    for text, _ in EXAMPLES:  # every example is valid
        surfaces.get("formula", expr=text)
    rosen = field.examples_menu.actions()[texts.index("(1-x)^2 + 100*(y-x^2)^2")]
    rosen.trigger()
    _settle(qtbot, field)
    assert session.surface.params["expr"] == "(1-x)^2 + 100*(y-x^2)^2"
    assert field.edit.text() == "(1-x)^2 + 100*(y-x^2)^2" and not field.has_error()


def test_window_bounds_fields(window, session, qtbot):
    field = _formula_field(window, session)
    form = window.controls.surface_section.form
    assert set(form.fields) == {"expr", "xmin", "xmax", "ymin", "ymax"}
    form.fields["xmax"].set_text("5")
    qtbot.waitUntil(lambda: session.surface.params["xmax"] == 5.0, timeout=2000)
    assert session.window[0] == (-3.0, 5.0)
    assert window.surface_view.viewbox.viewRange()[0][1] == pytest.approx(5.0)
    form.fields["xmin"].set_text("6")  # xmin > xmax: refused, shown, nothing changes
    assert form.fields["xmin"].has_error()
    assert session.surface.params["xmin"] == -3.0
    assert not field.has_error()


def test_undefined_region_is_blank_and_a_run_into_it_diverges(window, session, qtbot):
    sc = Scenario(surface="formula", surface_params={"expr": HOLE}, starts=((0.0, 1.0),),
                  steps=30, racers=(Racer("gd", {"lr": 0.3}),))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert window.set_scenario(sc, autoplay=False)
        view = window.surface_view
        img = view.image.image
        xs = np.linspace(-3, 3, img.shape[1])
        hole = xs <= -2
        assert np.isnan(img[:, hole]).all() and np.isfinite(img[:, ~hole]).all()
        assert np.isfinite(view.image.getLevels()).all()
        assert np.isfinite(view.colorbar.levels()).all()
        assert view.hole_note.isVisible()
        # no contour line in the hole
        for _, xy in view.contour_data:
            pts = xy[np.isfinite(xy).all(axis=1)]
            assert pts[:, 0].min() > -2.0
        # the run from (0, 1) steps into the hole: diverged, at the engine's step
        expected = simulate(surfaces.get("formula", expr=HOLE), optimizers.make("gd", lr=0.3),
                            [[0.0, 1.0]], 30)
        k = int(expected.diverged_at[0])
        assert k > 0 and session.diverged_at(0) == k
        session.set_step(0)
        window.repaint()
        # the hole shows the plot background (the heatmap is transparent there)
        pix = view.plot_widget.grab().toImage()
        p = view.data_to_viewport(-2.6, -1.0)
        assert QColor(pix.pixel(p.x(), p.y())).name() == theme.COLORS["plot_bg"]
        q = view.data_to_viewport(1.5, -1.0)
        assert QColor(pix.pixel(q.x(), q.y())).name() != theme.COLORS["plot_bg"]
        session.set_step(30)
        window.repaint()
        assert view.badge.isVisible() and f"diverged at step {k}" in view.badge.text()
        x, y = view.path_data(0)
        assert np.isfinite(x).all() and np.isfinite(y).all()

        # a formula typed in the GUI with a hole is applied the same way
        field = _formula_field(window, session)
        field.set_text("sqrt(1 - x^2 - y^2)")
        _settle(qtbot, field)
        assert session.surface.params["expr"] == "sqrt(1 - x^2 - y^2)"
        assert np.isnan(view.image.image).any() and view.hole_note.isVisible()
        window.repaint()


def test_formula_scenario_save_and_load_round_trip(window, session, qtbot, tmp_path):
    field = _formula_field(window, session)
    expr = "log(1 + exp(x)) + (y - sin(x))^2"
    field.set_text(expr)
    _settle(qtbot, field)
    window.controls.surface_section.form.fields["ymax"].set_text("4")
    qtbot.waitUntil(lambda: session.surface.params["ymax"] == 4.0, timeout=2000)
    session.add_start(-2.0, 2.0)
    path = tmp_path / "mine.toml"
    assert window.save_scenario(str(path))
    assert expr in path.read_text()

    loaded = scenario_mod.load(path)
    assert loaded.surface == "formula"
    assert loaded.surface_params == session.scenario.surface_params
    # the lesson described the tour's valley, not this formula: saved without its text
    assert loaded == session.scenario.with_changes(name="mine", lesson=scenario_mod.Lesson())
    assert scenario_mod.loads(scenario_mod.dumps(loaded)) == loaded.with_changes(name="")

    # loading replaces whatever is being typed (an error included)
    window.load_scenario("default", autoplay=False)
    field = _formula_field(window, session)
    field.set_text("x^2 + (")
    _settle(qtbot, field)
    assert field.has_error()
    assert window.load_scenario(str(path), autoplay=False)
    field = window.controls.surface_section.form.fields["expr"]
    assert session.surface.params["expr"] == expr and session.surface.params["ymax"] == 4.0
    assert field.edit.text() == expr and not field.has_error()
    assert session.scenario.starts == loaded.starts
    np.testing.assert_array_equal(session.runs[0].trajectories.points, _engine_points(session))


LONG = ("sin(x*y)*cos(x+y)*tan(x-y)*exp(x/y)*log(x*x+y)*sqrt(x+y*y)*atan(x*y*y)*tanh(y*x*x)"
        "*sinh(x-y*y)*cosh(y-x*x)*asin(x/7)*acos(y/7)")


@pytest.fixture
def gated_compiles(monkeypatch):
    """Spy on the compiler's work: the threads it runs on, and a gate that holds the compile
    of chosen texts until the test opens it."""
    from surfaces import formula_compiler

    threads: list[int] = []
    gates: dict[str, threading.Event] = {}
    entered: list[str] = []  # the texts whose compile began
    real_compile, real_parse = formula_compiler._compile, formula_compiler.parse_formula

    def compile_(text, checkpoint):
        threads.append(threading.get_ident())
        entered.append(text)
        if text in gates:
            assert gates[text].wait(60)
        return real_compile(text, checkpoint)

    def parse(text):
        threads.append(threading.get_ident())
        return real_parse(text)

    monkeypatch.setattr(formula_compiler, "_compile", compile_)
    monkeypatch.setattr(formula_compiler, "parse_formula", parse)
    return threads, gates, entered


def test_a_long_formula_compiles_off_the_gui_thread_while_the_plot_keeps_the_last_surface(
        window, session, qtbot, gated_compiles):
    threads, gates, entered = gated_compiles
    field = _formula_field(window, session)
    qtbot.waitUntil(field.isVisible, timeout=5000)
    field.set_text("x^2 + 3*y^2")
    _settle(qtbot, field)
    surface, image = session.surface, window.surface_view.image.image.copy()
    gates[LONG] = threading.Event()
    threads.clear()
    _type(qtbot, field, LONG)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    # the compile waits at the gate: the field says so, the window keeps the old surface
    qtbot.waitUntil(lambda: LONG in entered, timeout=20_000)
    assert field.compiling == LONG and field.compiling_label.isVisible() and field.busy
    assert session.surface is surface and session.surface.params["expr"] == "x^2 + 3*y^2"
    np.testing.assert_array_equal(window.surface_view.image.image, image)
    gates[LONG].set()
    _settle(qtbot, field)
    assert session.surface.params["expr"] == LONG and not field.compiling_label.isVisible()
    assert not field.has_error()
    # the parses (of the keystrokes' texts, the newest each time) and the compile ran in a
    # worker thread
    assert len(threads) >= 2 and threading.main_thread().ident not in threads


def test_a_stale_compile_never_replaces_a_newer_one(window, session, qtbot, gated_compiles,
                                                    compiles):
    threads, gates, entered = gated_compiles
    field = _formula_field(window, session)
    committed = []
    field.committed.connect(lambda _name, text: committed.append(text))
    slow, fast = "x^2 + 4*y^2 + sin(x)", "x^2 + 5*y^2"
    gates[slow] = threading.Event()
    field.set_text(slow)
    qtbot.waitUntil(lambda: slow in entered, timeout=5000)  # its compile is held at the gate
    field.set_text(fast)  # the newer text: the stale compile is cancelled
    assert field.compiling == fast
    gates[slow].set()
    _settle(qtbot, field)
    QApplication.processEvents()
    assert committed == [fast] and session.surface.params["expr"] == fast
    # a cancelled compile is not cached: the slow text compiles anew when applied again
    assert not formula_is_compiled(slow)
    field.set_text(slow)
    _settle(qtbot, field)
    assert committed == [fast, slow] and session.surface.params["expr"] == slow
