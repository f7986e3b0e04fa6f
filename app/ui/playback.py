"""Playback: a QTimer that only moves the session's playhead over precomputed steps."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from app.ui.session import Session

__all__ = ["Playback", "SPEEDS", "DEFAULT_SPEED"]

#: playback speeds offered, in steps per second
SPEEDS = (5, 10, 20, 30, 60, 120, 240, 600, 1200)
DEFAULT_SPEED = 30


class Playback(QObject):
    """Play/pause/step/reset the playhead; ``speed`` is in steps per second."""

    playingChanged = Signal(bool)
    speedChanged = Signal(float)

    def __init__(self, session: Session, parent: QObject | None = None, fps: int = 60):
        super().__init__(parent)
        self.session = session
        self._speed = float(DEFAULT_SPEED)
        self._carry = 0.0
        self._clock = QElapsedTimer()
        self.timer = QTimer(self)
        self.timer.setInterval(max(1, round(1000 / fps)))
        self.timer.timeout.connect(self._tick)

    @property
    def playing(self) -> bool:
        return self.timer.isActive()

    @property
    def speed(self) -> float:
        return self._speed

    def set_speed(self, steps_per_second: float) -> None:
        v = float(steps_per_second)
        if not v > 0:
            raise ValueError(f"Invalid playback speed: {steps_per_second} (expected > 0)")
        if v != self._speed:
            self._speed = v
            self.speedChanged.emit(v)

    def play(self) -> None:
        if self.playing:
            return
        if self.session.step >= self.session.steps:
            self.session.set_step(0)
        self._carry = 0.0
        self._clock.start()
        self.timer.start()
        self.playingChanged.emit(True)

    def pause(self) -> None:
        if self.playing:
            self.timer.stop()
            self.playingChanged.emit(False)

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def step_forward(self) -> None:
        self.pause()
        self.session.set_step(self.session.step + 1)

    def step_back(self) -> None:
        self.pause()
        self.session.set_step(self.session.step - 1)

    def reset(self) -> None:
        """Back to step 0 (playing goes on from there if it was playing)."""
        self._carry = 0.0
        self.session.set_step(0)

    def _tick(self) -> None:
        elapsed = self._clock.restart() / 1000.0
        self._carry += min(elapsed, 0.25) * self._speed
        n = int(self._carry)
        if n <= 0:
            return
        self._carry -= n
        target = self.session.step + n
        self.session.set_step(target)
        if target >= self.session.steps:
            self.pause()
