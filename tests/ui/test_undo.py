"""Undo / redo of every model edit, the modified marker, and the Save / Discard / Cancel guard."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app import scenario as scenario_mod
from app.history import History, edit_key
from app.scenario import Racer, Scenario
from app.ui.session import Session

BASE = Scenario(starts=((1.0, 1.0), (-1.0, 0.5)), steps=40,
                racers=(Racer("gd", {"lr": 0.05}, color="#E69F00"),
                        Racer("momentum", {"lr": 0.02, "momentum": 0.9}, color="#56B4E9")))

#: every kind of edit the issue names: (name, edit of the session)
EDITS = [
    ("add start", lambda s: s.add_start(0.5, -0.5)),
    ("move start", lambda s: s.move_start(0, 0.2, 0.3)),
    ("remove start", lambda s: s.remove_start(1)),
    ("clear starts", lambda s: s.clear_starts()),
    ("add racer", lambda s: s.add_racer("adam")),
    ("copy racer", lambda s: s.duplicate_racer(1)),
    ("sweep", lambda s: s.add_racers([Racer("gd", {"lr": v}, color=c) for v, c in
                                      ((0.01, "#009E73"), (0.1, "#F0E442"))])),
    ("remove racer", lambda s: s.remove_racer(0)),
    ("lr", lambda s: s.update_racer(0, params={"lr": 0.07})),
    ("optimizer", lambda s: s.update_racer(0, optimizer="adam")),
    ("schedule", lambda s: s.update_racer(1, schedule="cosine")),
    ("label", lambda s: s.update_racer(1, label="heavy ball")),
    ("colour", lambda s: s.update_racer(0, color="#CC79A7")),
    ("enabled", lambda s: s.update_racer(1, enabled=False)),
    ("surface", lambda s: s.set_surface("rosenbrock")),
    ("surface parameter", lambda s: s.set_surface_params(lambda2=5.0)),
    ("steps", lambda s: s.set_run(steps=25)),
    ("noise", lambda s: s.set_run(noise_sigma=0.3, noise_seed=4)),
    ("view window", lambda s: s.set_window(((-2.0, 2.0), (-1.0, 1.0)))),
]


def _same_runs(a: Session, b: Session) -> None:
    assert len(a.runs) == len(b.runs)
    for ra, rb in zip(a.runs, b.runs, strict=True):
        assert (ra is None) == (rb is None)
        if ra is not None:
            np.testing.assert_array_equal(ra.trajectories.points, rb.trajectories.points)


@pytest.mark.parametrize("name, edit", EDITS, ids=[n for n, _ in EDITS])
def test_undo_restores_exactly_the_previous_model_and_redo_the_edit(module_window, name, edit):
    window = module_window
    s = window.session
    window.set_scenario(BASE, autoplay=False)
    assert not window.isWindowModified() and not window.undo.undo_action.isEnabled()
    before = s.scenario
    edit(s)
    after = s.scenario
    assert after != before and window.isWindowModified()
    assert window.undo.undo_action.isEnabled()
    window.undo.undo_action.trigger()
    assert s.scenario == before  # exactly the previous model
    _same_runs(s, Session(before))  # and what is drawn is computed from it
    assert not window.isWindowModified()  # back at the opened state
    assert len(window.controls.cards) == len(before.racers)
    window.undo.redo_action.trigger()
    assert s.scenario == after
    _same_runs(s, Session(after))
    assert window.isWindowModified()


def test_keys_and_the_edit_menu(window, qtbot):
    s = window.session
    window.set_scenario(BASE, autoplay=False)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Edit") == titles.index("&File") + 1
    before = s.scenario
    s.update_racer(0, params={"lr": 0.03})
    assert window.undo.undo_action.text() == "&Undo racer 1: lr"
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert s.scenario == before
    qtbot.keyClick(window, Qt.Key.Key_Z,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert s.scenario.racers[0].params["lr"] == 0.03


def test_a_drag_is_one_undo_step_separate_edits_are_several(module_window):
    window = module_window
    s = window.session
    window.set_scenario(BASE, autoplay=False)
    before = s.scenario
    for x in np.linspace(1.0, 2.0, 12):  # a start point dragged: continuous moves
        s.move_start(0, float(x), 1.0, debounce=True)
    dragged = s.scenario
    for lr in (0.06, 0.07):  # two values typed: two steps
        s.update_racer(0, params={"lr": lr})
    window.undo.undo()
    assert s.scenario.racers[0].params["lr"] == 0.06
    window.undo.undo()
    assert s.scenario == dragged
    window.undo.undo()
    assert s.scenario == before and not window.undo.history.can_undo


def test_modified_marker_follows_save_undo_and_redo(window, tmp_path):
    s = window.session
    window.set_scenario(BASE, autoplay=False)
    assert "[*]" in window.windowTitle() and not window.isWindowModified()
    s.add_start(0.0, 0.0)
    assert window.isWindowModified()
    assert window.save_scenario(str(tmp_path / "mine.toml"))
    assert not window.isWindowModified() and s.scenario.name == "mine"
    assert scenario_mod.load(tmp_path / "mine.toml").starts == s.scenario.starts
    window.undo.undo()  # before the save: differs from the file
    assert window.isWindowModified()
    window.undo.redo()  # what was saved
    assert not window.isWindowModified()


def _answer(monkeypatch, button):
    asked = []

    def ask(parent, title, text, *args, **kwargs):
        asked.append(text)
        return button
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(ask))
    return asked


def test_close_with_unsaved_edits_cancel_keeps_the_window(window, monkeypatch):
    window.set_scenario(BASE, autoplay=False)
    window.session.add_start(0.0, 0.0)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not window.close()
    assert window.isVisible() and len(asked) == 1 and "not saved" in asked[0]
    window.quit_action.trigger()  # Ctrl+Q asks too
    assert window.isVisible() and len(asked) == 2


def test_close_discard_closes_without_saving(window, monkeypatch, tmp_path):
    window.set_scenario(BASE, autoplay=False)
    window.session.add_start(0.0, 0.0)
    _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    assert window.close() and not window.isVisible()


def test_close_save_writes_the_file_then_closes(window, monkeypatch, tmp_path):
    window.set_scenario(BASE, autoplay=False)
    window.session.update_racer(0, params={"lr": 0.09})
    _answer(monkeypatch, QMessageBox.StandardButton.Save)
    target = tmp_path / "kept.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    assert window.close() and not window.isVisible()
    assert scenario_mod.load(target).racers[0].params["lr"] == 0.09


def test_close_save_but_no_file_chosen_keeps_the_window(window, monkeypatch):
    window.set_scenario(BASE, autoplay=False)
    window.session.add_start(0.0, 0.0)
    _answer(monkeypatch, QMessageBox.StandardButton.Save)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert not window.close() and window.isVisible()


def test_no_question_without_edits(window, monkeypatch):
    window.set_scenario(BASE, autoplay=False)
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert window.open_lesson("p2_ill_conditioning")
    assert not asked


def test_opening_another_scenario_asks_first(window, monkeypatch):
    s = window.session
    window.set_scenario(BASE, autoplay=False)
    s.add_start(0.0, 0.0)
    edited = s.scenario
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert not window.open_lesson("p2_ill_conditioning")
    assert s.scenario == edited and len(asked) == 1
    assert not window.open_scenario("p2_ill_conditioning")
    assert s.scenario == edited and len(asked) == 2
    _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    assert window.open_lesson("p2_ill_conditioning")
    assert s.scenario.name == "p2_ill_conditioning"
    assert not window.isWindowModified() and not window.undo.history.can_undo


def test_history_headless():
    h = History(BASE, limit=3)
    states = [BASE.with_changes(steps=n) for n in (10, 20, 30, 40)]
    for st in states:
        h.record(st)
    assert h.current.steps == 40
    assert [h.undo().steps for _ in range(3)] == [30, 20, 10]
    assert h.undo() is None  # the oldest step fell off (limit 3)
    assert h.modified  # the opened state is gone: never "saved"
    h.record(BASE.with_changes(steps=99))  # a new edit drops the redo steps
    assert not h.can_redo and h.current.steps == 99
    with h.restoring():
        h.record(BASE.with_changes(steps=1))
    assert h.current.steps == 99
    assert edit_key(BASE, BASE.with_changes(steps=5)) == ("scenario", ("steps",))
    moved = BASE.with_changes(starts=((0.0, 0.0), (-1.0, 0.5)))
    assert edit_key(BASE, moved) == ("start", 0)
