"""File > Export… (Ctrl+E) and File > Export trajectory data…: the two actions, light to
import; the dialog (:mod:`app.ui.export_dialog`, with :mod:`app.export` and its encoders) is
imported when one of them is first used, not when the window starts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QWidget

__all__ = ["ExportActions", "install_export_action"]

translate = QCoreApplication.translate  # (the "ExportDialog" context, as the dialog's texts)


def _export_data(window: QWidget) -> None:
    from app.ui.export_dialog import export_trajectory_data  # imported on first use

    export_trajectory_data(window)


@dataclass
class ExportActions:
    export: QAction
    data: QAction
    window: QWidget
    dialog: QDialog | None = None

    def open_dialog(self) -> QDialog:
        """Show the export dialog (non-blocking; also what Ctrl+E does). The same dialog is
        reused, so it keeps the last choices; its step range follows the current run."""
        if self.dialog is None:
            from app.ui.export_dialog import ExportDialog  # imported on first use

            self.dialog = ExportDialog(self.window.session, self.window)
        elif self.dialog.isVisible():
            self.dialog.raise_()
            return self.dialog
        self.dialog.refresh()
        self.dialog.open()
        return self.dialog


def _file_menu(window: QMainWindow) -> QMenu:
    menus = getattr(window, "menus", None)
    if isinstance(menus, dict) and isinstance(menus.get("file"), QMenu):
        return menus["file"]
    for action in window.menuBar().actions():
        if action.menu() is not None and action.text().replace("&", "") == "File":
            return action.menu()
    return window.menuBar().addMenu("&File")


def install_export_action(window: QMainWindow) -> ExportActions:
    """Add File > Export… (Ctrl+E) and File > Export trajectory data… to ``window`` (a
    QMainWindow with a ``session``); returns the actions (also kept as
    ``window.export_actions``). Calling it again returns the same actions."""
    existing = getattr(window, "export_actions", None)
    if isinstance(existing, ExportActions):
        return existing
    export_action = QAction(translate("ExportDialog", "&Export…"), window)
    export_action.setShortcut(QKeySequence("Ctrl+E"))
    export_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    export_action.setStatusTip(translate("ExportDialog",
        "save the plot as PNG, a PNG sequence, an animated GIF or MP4"))
    data_action = QAction(translate("ExportDialog", "Export &trajectory data…"),
                          window)
    data_action.setStatusTip(translate("ExportDialog",
        "save every racer's points, loss, |g|, lr as JSON or CSV"))
    actions = ExportActions(export_action, data_action, window)
    export_action.triggered.connect(lambda _=False: actions.open_dialog())
    data_action.triggered.connect(lambda _=False: _export_data(window))
    add = getattr(window, "add_file_action", None)
    for act in (export_action, data_action):
        if callable(add):
            add(act)
        else:
            _file_menu(window).addAction(act)
            window.addAction(act)
    window.export_actions = actions
    return actions
