"""Hover preview (no Qt): the selected racer's path from the point under the mouse.

:func:`preview_run` builds the run a preview shows from the session model (the selected racer,
one start at ``(x, y)``, the scenario's steps, noise and mini-batches: the run a click there
would add). :class:`HoverPreview` holds the toggle and submits that run on the model's job
runner, lane ``"hover"``: latest wins, so only the last mouse position is computed, never on the
window's thread. A result is shown only if it is still the latest one asked for (``hide`` and
every newer move make older results stale); ``changed`` tells the view to redraw
:attr:`HoverPreview.path`. Any edit of the scenario or of the selection hides the preview (the
next mouse move computes it again).
"""

from __future__ import annotations

import numpy as np

from app.engine import Run, Trajectories
from app.jobs import Ticket
from app.session import Event

__all__ = ["HoverPreview", "LANE", "preview_run"]

#: the runner lane of hover previews
LANE = "hover"
#: steps advanced between cancellation checks (the compiled engine does all at once)
CHUNK = 512


def preview_run(model, x: float, y: float) -> Run | None:
    """The run of the selected racer from ``(x, y)`` (None: no racer or not a finite point)."""
    s = model.scenario
    i = model.selected
    if not (0 <= i < len(s.racers)) or not (np.isfinite(x) and np.isfinite(y)):
        return None
    racer = s.racers[i]
    opt, sched = racer.build()
    return Run(model.surface, opt, np.array([[float(x), float(y)]]), s.steps, sched,
               s.noise_for(racer), s.batch_for(racer))


def _compute(ticket: Ticket, run: Run) -> Trajectories:
    """The job (a worker thread): the whole run, checking for cancellation between chunks."""
    while not run.finished:
        ticket.check()
        run.advance(CHUNK)
    return run.trajectories()


class HoverPreview:
    """The toggle, the latest preview asked for and the one shown (see the module docstring)."""

    def __init__(self, model):
        self.model = model
        self.enabled = False
        #: the previewed trajectories shown (None: nothing), and the racer they belong to
        self.path: Trajectories | None = None
        self.racer = -1
        self.changed = Event("changed")
        #: previews submitted so far (tests and benchmarks count them)
        self.submitted = 0
        self._latest = 0
        for name in ("scenarioEdited", "scenarioReplaced", "surfaceChanged",
                     "selectedChanged"):
            getattr(model, name).connect(lambda *_: self.hide())

    def set_enabled(self, on: bool) -> None:
        self.enabled = bool(on)
        if not self.enabled:
            self.hide()

    def move(self, x: float, y: float) -> Ticket | None:
        """The mouse is at ``(x, y)``: compute the preview from there (if the toggle is on)."""
        if not self.enabled:
            return None
        run = preview_run(self.model, x, y)
        if run is None:
            self.hide()
            return None
        self._latest += 1
        asked, racer = self._latest, self.model.selected
        self.submitted += 1
        return self.model.runner.submit(
            LANE, lambda t: _compute(t, run),
            on_result=lambda traj: self._arrived(asked, racer, traj))

    def _arrived(self, asked: int, racer: int, traj: Trajectories) -> None:
        if asked != self._latest or not self.enabled:  # stale: a newer move or a hide
            return
        self.path, self.racer = traj, racer
        self.changed.emit()

    def hide(self) -> None:
        """Forget the preview (the mouse left the plot, the toggle is off, something changed)."""
        self._latest += 1
        self.model.runner.cancel(LANE)
        if self.path is not None:
            self.path, self.racer = None, -1
            self.changed.emit()
