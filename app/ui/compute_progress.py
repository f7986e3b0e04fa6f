"""The status bar's progress of the runs being computed, with a Stop button (never modal).

It appears only when a computation lasts longer than :data:`SHOW_AFTER_MS` (short ones would
flicker), shows the fraction computed, and Stop cancels the computation: the paths keep what is
computed, and the next edit resumes it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from app.ui.session import Session

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["ComputeProgress", "SHOW_AFTER_MS"]

#: a computation shorter than this shows no progress
SHOW_AFTER_MS = 500


class ComputeProgress(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(translate(
            "ComputeProgress", "computing paths"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(True)
        self.bar.setFormat("%p%")
        self.stop_button = QToolButton()
        self.stop_button.setText("Stop")
        self.stop_button.setToolTip(translate(
            "ComputeProgress", "stop computing: the paths keep what is computed so far"))
        self.stop_button.clicked.connect(session.cancel)
        for w in (self.label, self.bar, self.stop_button):
            layout.addWidget(w)
        self.reveal = QTimer(self)
        self.reveal.setSingleShot(True)
        self.reveal.setInterval(SHOW_AFTER_MS)
        self.reveal.timeout.connect(self._reveal)
        session.computingChanged.connect(self._computing)
        session.progressChanged.connect(self._progress)
        self.hide()

    def _computing(self, on: bool) -> None:
        if on:
            self.reveal.start()
        else:
            self.reveal.stop()
            self.hide()

    def _reveal(self) -> None:
        if self.session.computing:
            self._progress(self.session.progress)
            self.show()

    def _progress(self, fraction: float) -> None:
        self.bar.setValue(round(1000 * min(max(fraction, 0.0), 1.0)))
