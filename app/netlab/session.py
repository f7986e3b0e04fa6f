"""The network lab's model, headless: its config and lesson, the run, its progress and landscape.

:class:`NetlabSession` is what the Network lab tab shows and what a test or a script can drive
without a display (napari's split: the model here, the Qt view in :mod:`app.ui.netlab_view`
only subscribes to its events and draws). Every computation runs as a job of the one job runner
(:mod:`app.jobs`) on the lane :data:`LANE`, so a new job replaces the running one (latest wins):

- :meth:`~NetlabSession.train` trains a config (:func:`~app.netlab.viewdata.train_job`); its
  progress arrives as :class:`~app.netlab.viewdata.Progress` snapshots, at most
  :data:`~app.netlab.viewdata.MAX_REPORTS` per run and coalesced by the runner to the latest;
  the finished run is shown at once and its loss landscape follows as a second job;
- :meth:`~NetlabSession.stop` cancels the job: the model is idle again at once and nothing
  the cancelled job computes is ever delivered; the trainer itself stops at its next check
  (before every update and every Hessian-vector product, see :func:`~app.netlab.train`);
- :meth:`~NetlabSession.set_directions` recomputes the landscape in another plane.

Training and landscapes run in a child process (:mod:`app.netlab.worker`; the job's thread only
waits for it), so they never hold the window's interpreter lock; an inline runner (the CLI,
offscreen rendering) runs them in its own thread instead (``processes=False``).

Events (plain callbacks, the session model's :class:`app.session.Event`):
``config_changed(config)`` (a lesson or file set a config: the form shows it),
``started(config, previous_run)``, ``progressed(payload)``
(:class:`~app.netlab.viewdata.Progress` while training,
:class:`~app.netlab.viewdata.LandscapeProgress` while the landscape is computed),
``trained(run)``, ``landscape_ready(grid)``, ``field_ready(run, step, view)`` (a
:class:`~app.netlab.viewdata.DecisionView`)
(:meth:`~NetlabSession.request_field`: the decision region at a step), ``stopped(step)``
(``step``: the last step reported, or -1 when only the landscape was stopped),
``failed(message)`` and ``idle()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.scenario import Lesson, Scenario
from app.session import Event

from . import worker
from .landscape import DIRECTIONS
from .scenario import netlab_scenario
from .train import NetConfig, NetRun
from .viewdata import (
    LandscapeGrid,
    LandscapeProgress,
    Progress,
    data_window,
    decision_view,
)

__all__ = ["NetlabSession", "LANE", "FIELD_LANE", "IDLE", "TRAINING", "LANDSCAPE"]

#: the job runner's lane of the network lab (one job at a time: the newest)
LANE = "netlab"
#: the lane of the decision field shown for a step (the newest step wins)
FIELD_LANE = "netlab-field"
IDLE, TRAINING, LANDSCAPE = "idle", "training", "landscape"


class NetlabSession:
    """The network lab's state (see the module docstring); ``runner`` is a
    :class:`app.jobs.JobRunner` (the window's delivers on the GUI thread); ``processes``:
    train and compute landscapes in a child process (default: unless the runner is inline)."""

    def __init__(self, runner, config: NetConfig | None = None,
                 processes: bool | None = None):
        self.runner = runner
        self.processes = (not getattr(runner, "inline", False) if processes is None
                          else bool(processes))
        #: the config the next Train uses (the form's last valid one)
        self.config = config or NetConfig()
        self.lesson = Lesson()
        #: the config the lesson is about (a saved file keeps the lesson only with it)
        self.lesson_config: NetConfig | None = None
        self.run: NetRun | None = None
        #: the run before :attr:`run` (drawn in grey for comparison)
        self.previous: NetRun | None = None
        #: the latest snapshot of the run in progress
        self.progress: Progress | None = None
        #: progress snapshots delivered for the current run
        self.reports = 0
        self.landscape: LandscapeGrid | None = None
        self.directions = "pca"
        #: the config being trained (None when idle)
        self.running: NetConfig | None = None
        self.phase = IDLE
        self._job = 0  # the current job's number: deliveries of any other are dropped
        self.ticket = None
        self.config_changed = Event()
        self.started = Event()
        self.progressed = Event()
        self.trained = Event()
        self.landscape_ready = Event()
        self.stopped = Event()
        self.failed = Event()
        self.idle = Event()
        self.field_ready = Event()

    # -- state ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.phase != IDLE

    def set_config(self, config: NetConfig, lesson: Lesson | None = None,
                   train: bool = False) -> None:
        """A config from a lesson or a file (with its lesson); ``train`` it at once."""
        self.config = config
        self.lesson = lesson or Lesson()
        self.lesson_config = config
        if train:  # (started first: the views then know a run is coming)
            self.train(config)
        self.config_changed.emit(config)

    def edit(self, config: NetConfig) -> None:
        """The user edited the config (the form shows it already): Train will use it."""
        self.config = config

    def open_scenario(self, scenario: Scenario, train: bool = True) -> None:
        """Show a network-lab scenario's config and lesson (``ValueError`` if its
        ``[netlab]`` table is invalid; nothing changes then) and train it."""
        config = scenario.net_config()
        if config is None:
            raise ValueError(f"scenario '{scenario.name}' has no [netlab] table")
        self.set_config(config, scenario.lesson, train)

    def scenario(self, name: str = "", companion: Scenario | None = None) -> Scenario:
        """The config as a scenario: with the lesson while the config is the one the lesson is
        about, and ``companion``'s 2D part (if it is a network-lab scenario's)."""
        lesson = self.lesson if self.config == self.lesson_config else Lesson()
        if companion is not None and companion.netlab is None:
            companion = None
        return netlab_scenario(self.config, lesson, name, companion)

    # -- jobs -------------------------------------------------------------------------------
    def train(self, config: NetConfig | None = None) -> None:
        """Train ``config`` (default :attr:`config`) in the background; a job in progress
        is cancelled (its results are never delivered)."""
        config = config or self.config
        if self.run is not None:
            self.previous = self.run
        self.run, self.landscape, self.progress, self.reports = None, None, None, 0
        self.running, self.phase = config, TRAINING
        self.started.emit(config, self.previous)

        self._submit(lambda ticket: self._work("train", (config,), ticket), self._trained)

    def set_directions(self, directions: str) -> None:
        """The plane of the landscape (``"pca"`` or ``"random"``); recomputed for a finished
        run."""
        if directions not in DIRECTIONS:
            raise ValueError(f"Unknown directions '{directions}'. Valid directions: "
                             f"{', '.join(DIRECTIONS)}")
        changed = directions != self.directions
        self.directions = directions
        if self.run is not None and self.phase != TRAINING and (changed or
                                                                self.landscape is None):
            self._start_landscape()

    def request_field(self, index: int, n: int) -> None:
        """The model's output over the input plane (an ``n x n`` grid over the data's
        window) at the weights ``run.weights[index]``, computed in the background (lane
        :data:`FIELD_LANE`, newest wins): ``field_ready(run, step, view)``
        (:func:`~app.netlab.viewdata.decision_view`)."""
        run = self.run
        if run is None:
            return
        k = min(max(int(index), 0), len(run.weight_steps) - 1)
        step, weights, window = int(run.weight_steps[k]), run.weights[k], data_window(run.data.X)
        self.runner.submit(FIELD_LANE, lambda _t: decision_view(run, weights, window, n),
                           on_result=lambda out: (run is self.run
                                                  and self.field_ready.emit(run, step, out)))

    def stop(self) -> None:
        """Stop the job in progress now: the model is idle at once, the run's curves so far
        stay in :attr:`progress`, and nothing the job still computes is delivered."""
        if self.phase == IDLE:
            return
        self.runner.cancel(LANE)
        self._job += 1
        phase, self.phase, self.running = self.phase, IDLE, None
        step = self.progress.step if (phase == TRAINING and self.progress is not None) else -1
        self.stopped.emit(step)
        self.idle.emit()

    def shutdown(self) -> None:
        """Cancel any job (the window closes)."""
        self.stop()

    def _start_landscape(self) -> None:
        run, directions = self.run, self.directions
        self.landscape, self.phase = None, LANDSCAPE

        self._submit(lambda ticket: self._work("landscape", (run, directions), ticket),
                     self._landscape_done)

    def _work(self, kind: str, args: tuple, ticket):
        """Job ``kind`` of :data:`app.netlab.worker.JOBS`, in a child process or here."""
        if self.processes:
            return worker.run_in_child(kind, args, ticket)
        return worker.JOBS[kind](args, ticket.check, ticket.progress, [None])

    def _submit(self, job, on_result: Callable[[Any], None]) -> None:
        self._job += 1
        number = self._job

        def current() -> bool:
            return number == self._job

        #: the ticket of the latest job (:class:`app.jobs.Ticket`)
        self.ticket = self.runner.submit(
            LANE, job,
            on_result=lambda result: current() and on_result(result),
            on_progress=lambda *args: current() and self._progressed(args[-1]),
            on_error=lambda err: current() and self._failed(err))

    # -- deliveries (on the runner's delivery thread: the GUI thread in the window) ----------
    def _progressed(self, payload: Progress | LandscapeProgress) -> None:
        if isinstance(payload, Progress):
            self.progress = payload
            self.reports += 1
        self.progressed.emit(payload)

    def _trained(self, run: NetRun) -> None:
        self.run, self.running = run, None
        self.trained.emit(run)
        self._start_landscape()

    def _landscape_done(self, grid: LandscapeGrid) -> None:
        self.landscape, self.phase = grid, IDLE
        self.landscape_ready.emit(grid)
        self.idle.emit()

    def _failed(self, err: BaseException | str) -> None:
        self.phase, self.running = IDLE, None
        message = err if isinstance(err, str) else f"{type(err).__name__}: {err}"
        self.failed.emit(message)
        self.idle.emit()
