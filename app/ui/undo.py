"""Edit > Undo / Redo (Ctrl+Z, Ctrl+Shift+Z), the modified marker in the title, and the
Save / Discard / Cancel question before unsaved edits are dropped.

The history is headless (:class:`app.history.SessionHistory`): it listens to the session
model's own events (every edit reaches the model through its mutators, which say
``scenarioEdited``) and puts undone states back with ``SessionModel.restore``. Opening a scenario
(File > Open, a lesson) starts a new history that counts as saved. This module only adds the
actions, the title's marker and the question.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from app.history import SessionHistory

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["UndoControl", "install_undo"]


class UndoControl(QObject):
    """The window's undo/redo actions and its unsaved-changes guard."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.history = SessionHistory(getattr(self.session, "model", self.session))
        self.history.changed.connect(self._sync)
        self.undo_action = self._action(translate(
            "Undo", "&Undo"), QKeySequence.StandardKey.Undo, self.undo)
        self.redo_action = self._action(translate(
            "Undo", "&Redo"), QKeySequence.StandardKey.Redo, self.redo)
        # Ctrl+Shift+Z everywhere (the standard key is Ctrl+Y on some platforms)
        keys = [QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(
            QKeySequence.StandardKey.Redo)]
        self.redo_action.setShortcuts(list(dict.fromkeys(keys)))
        self._sync()

    def _action(self, text: str, key, slot) -> QAction:
        act = QAction(text, self.window)
        act.setShortcut(QKeySequence(key))
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.triggered.connect(lambda _=False: slot())
        self.window.addAction(act)  # (works while the menu bar is hidden)
        return act

    # -- the model --------------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return self.history.modified

    def undo(self) -> bool:
        return self.history.undo_edit()

    def redo(self) -> bool:
        return self.history.redo_edit()

    def saved(self) -> None:
        """The session's scenario was just saved (its name may have changed with it)."""
        self.history.saved()

    def _sync(self) -> None:
        if not (shiboken6.isValid(self) and shiboken6.isValid(self.window)):
            return  # (a session that outlives its window)
        h = self.history
        self.undo_action.setEnabled(h.can_undo)
        self.redo_action.setEnabled(h.can_redo)
        self.undo_action.setText(translate(
            "Undo", "&Undo {h_undo_text}").format(h_undo_text=h.undo_text()).rstrip())
        self.redo_action.setText(translate(
            "Undo", "&Redo {h_redo_text}").format(h_redo_text=h.redo_text()).rstrip())
        self.window.setWindowModified(h.modified)

    # -- the guard --------------------------------------------------------------------------
    def maybe_save(self, doing: str = "closing") -> bool:
        """True when the current set-up may be dropped: nothing unsaved, or the user chose
        Save (and saved) or Discard; False for Cancel (or a Save that did not happen)."""
        if not self.history.modified:
            return True
        name = self.session.scenario.name or "untitled"
        answer = QMessageBox.warning(
            self.window, translate(
                "Undo", "Unsaved changes"),
            translate(
                "Undo", "“{name}” has changes that are not saved. Save them before "
                        "{doing}?").format(name=name, doing=translate("Undo", doing)),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return bool(self.window.save_scenario())
        return answer != QMessageBox.StandardButton.Cancel


def install_undo(window: QMainWindow) -> UndoControl:
    """An Edit menu (after File) with Undo and Redo on ``window``; returns the control."""
    control = UndoControl(window)
    bar = window.menuBar()
    menus = getattr(window, "menus", {})
    after = menus.get("lessons")
    edit = bar.addMenu(translate(
        "Undo", "&Edit")) if after is None else None
    if edit is None:
        from PySide6.QtWidgets import QMenu

        edit = QMenu(translate(
            "Undo", "&Edit"), bar)
        bar.insertMenu(after.menuAction(), edit)
    edit.addAction(control.undo_action)
    edit.addAction(control.redo_action)
    menus["edit"] = edit
    return control
