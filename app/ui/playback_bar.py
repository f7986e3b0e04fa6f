"""PlaybackBar: play/pause, step back/forward, reset and a timeline slider to scrub."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QToolButton, QWidget

from app.ui.icons import playback_icon
from app.ui.playback import Playback
from app.ui.session import Session

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["PlaybackBar"]


class PlaybackBar(QWidget):
    def __init__(self, session: Session, playback: Playback, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.playback = playback
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(4)

        self._icons = {k: playback_icon(k) for k in ("play", "pause", "back", "forward",
                                                       "reset")}

        def button(kind: str, tip: str, slot) -> QToolButton:
            b = QToolButton()
            b.setIcon(self._icons[kind])
            b.setIconSize(QSize(22, 22))
            b.setToolTip(tip)
            b.setAutoRaise(True)
            b.setMinimumWidth(30)
            b.clicked.connect(slot)
            layout.addWidget(b)
            return b

        self.reset_button = button("reset", translate(
            "PlaybackBar", "back to step 0 (R)"), playback.reset)
        self.back_button = button("back", translate(
            "PlaybackBar", "one step back (Left)"), playback.step_back)
        self.play_button = button("play", translate(
            "PlaybackBar", "play / pause (Space)"), playback.toggle)
        self.forward_button = button("forward", translate(
            "PlaybackBar", "one step forward (Right)"),
                                     playback.step_forward)
        self.timeline = QSlider(Qt.Orientation.Horizontal)
        self.timeline.setToolTip(translate(
            "PlaybackBar", "drag to scrub through the steps"))
        self.timeline.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.timeline.valueChanged.connect(self._scrubbed)
        self.timeline.sliderPressed.connect(playback.pause)
        layout.addWidget(self.timeline, 1)
        self.step_label = QLabel()
        self.step_label.setMinimumWidth(110)
        self.step_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.step_label)

        session.playheadChanged.connect(self.show_step)
        session.scenarioEdited.connect(self._sync_range)
        playback.playingChanged.connect(self._playing)
        self._sync_range()
        self._playing(playback.playing)

    def _scrubbed(self, value: int) -> None:
        if value != self.session.step:
            self.session.set_step(value)

    def _sync_range(self) -> None:
        self.timeline.blockSignals(True)
        self.timeline.setRange(0, self.session.steps)
        self.timeline.blockSignals(False)
        self.show_step(self.session.step)

    def show_step(self, step: int) -> None:
        self.timeline.blockSignals(True)
        self.timeline.setValue(step)
        self.timeline.blockSignals(False)
        self.step_label.setText(translate(
            "PlaybackBar", "step {step} / {steps}").format(step=step, steps=self.session.steps))

    def _playing(self, on: bool) -> None:
        self.play_button.setIcon(self._icons["pause" if on else "play"])
