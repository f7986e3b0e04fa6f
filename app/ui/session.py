"""The Qt side of the session: :class:`app.session.SessionModel`'s events as Qt signals.

Views connect to these signals (a connection ends with its receiver, as Qt's do) and call the
model's methods through this object (every attribute not defined here is the model's). Nothing
is computed here: the model computes through its job runner (the window gives it one that runs
the engine in a worker thread and delivers on the GUI thread).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal

from app.jobs import JobRunner
from app.scenario import Scenario, ScenarioError
from app.session import EVENTS, MAX_UI_STEPS, SessionModel

__all__ = ["Session", "MAX_UI_STEPS", "ScenarioError", "FOLLOWED_START"]


def _followed(view: Any) -> int:
    return view.session.start_index


def _follow(view: Any, i: int) -> None:
    view.session.select_start(i)


#: a view's ``start_index``: the start point it follows is the session's (one selection for
#: analysis and step mode); assign it in the class body of a view with a ``session``
FOLLOWED_START = property(_followed, _follow, doc="The start point followed: the session's.")


class Session(QObject):
    """A :class:`SessionModel` seen from Qt: one signal per model event (see ``EVENTS``)."""

    scenarioReplaced = Signal()
    surfaceChanged = Signal()
    racersChanged = Signal()
    scenarioEdited = Signal()
    startsChanged = Signal()
    runsChanged = Signal()
    playheadChanged = Signal(int)
    selectedChanged = Signal(int)
    startIndexChanged = Signal(int)
    progressChanged = Signal(float)
    computingChanged = Signal(bool)

    def __init__(self, scenario: Scenario | None = None, parent: QObject | None = None,
                 runner: JobRunner | None = None):
        super().__init__(parent)
        self.model = SessionModel(runner=runner)
        for name in EVENTS:
            getattr(self.model, name).connect(getattr(self, name).emit)
        if scenario is not None:
            self.model.set_scenario(scenario)

    def __getattr__(self, name: str) -> Any:
        # only called for names not found on this object: the model's state and methods
        if name == "model":
            raise AttributeError(name)
        return getattr(self.model, name)
