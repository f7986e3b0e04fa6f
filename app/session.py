"""The session model: what the window shows, without Qt (napari's split: model here, views in
``app/ui``).

:class:`SessionModel` holds the current :class:`~app.scenario.Scenario`, the surface built from
it, the runs (one :class:`~app.scenario.RacerRun` per racer, ``None`` for a disabled racer, when
there are no start points, or before anything of it is computed), the playhead step and the
selected racer. Views subscribe to its events (:class:`Event`: ``connect(callback)``). Every
mutator validates first and leaves the state unchanged on error (``ValueError`` with a clear
message), so a view can show the message and nothing is lost.

Runs live in one :class:`RunStore`, keyed once by everything that decides a trajectory (surface,
starts, steps, noise, mini-batches, optimizer, schedule): changing one racer's lr recomputes only
that racer, and the analysis and step mode read the same runs.

Computing goes through a :class:`~app.jobs.JobRunner` (lane ``"runs"``): with the window's
runner the engine runs in a worker thread, in chunks (:class:`app.engine.Run`); each chunk
publishes the paths computed so far (``runsChanged``, ``progressChanged``), the playhead only
reaches computed steps (:attr:`ready`), and an edit cancels the stale computation within one
chunk (latest wins). A cancelled run keeps what it computed and resumes when asked again. With
the default :class:`~app.jobs.InlineRunner` (CLI, tests, offscreen rendering) every edit
finishes its computation before returning.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

import surfaces
from app import lesson_state, optimizers
from app import viewmodel as vm
from app.analysis.divergence import diagnose_run
from app.engine import Noise, Run, Trajectories
from app.jobs import InlineRunner, JobRunner, Ticket
from app.scenario import PALETTE, Racer, RacerRun, Scenario, ScenarioError

__all__ = ["Event", "RunStore", "SessionModel", "MAX_UI_STEPS", "ScenarioError", "EVENTS"]

#: the step count the panel allows (the file format allows more; the CLI can run those)
MAX_UI_STEPS = 20_000
#: the runner lane of trajectory computations
LANE = "runs"
#: a chunk round (every unfinished racer advanced once) aims at this many seconds of work
ROUND_SECONDS = 0.04
#: the first chunk of a run: small, so the first paths show at once
FIRST_CHUNK = 16
#: after showing partial paths, the views get the next ones no sooner than this many times
#: the showing took (so drawing ever longer paths never keeps the window busy); the last
#: paths of a computation are always shown
PUBLISH_COOLDOWN = 3.0
#: a run of at most this many point-steps keeps its optimizer states (engine.Run.keep_steps),
#: which step mode and the analysis read instead of running the engine again
KEEP_STEPS_BUDGET = 200_000

#: every event of the model, with what it carries
EVENTS = {
    "scenarioReplaced": (),  # a whole new scenario (opened, lesson chosen): panels rebuild
    "surfaceChanged": (),  # the surface or its window changed: the picture is recomputed
    "racersChanged": (),  # racers added, removed or changed kind: per-racer widgets rebuild
    "scenarioEdited": (),  # any value of the scenario changed (fields sync, title updates)
    "startsChanged": (),  # start points changed
    "runsChanged": (),  # new (or more of the) trajectories in :attr:`runs`
    "playheadChanged": (int,),
    "selectedChanged": (int,),
    "startIndexChanged": (int,),  # the start point the analysis and step mode follow
    "progressChanged": (float,),  # fraction of the runs computed (1.0: all)
    "computingChanged": (bool,),  # a computation started (True) or ended/was cancelled
}


class Event:
    """A list of callbacks (psygnal's idea, without the dependency): ``connect``, ``emit``."""

    def __init__(self, name: str = ""):
        self.name = name
        self._callbacks: list[Callable[..., Any]] = []

    def connect(self, callback: Callable[..., Any]) -> None:
        self._callbacks.append(callback)

    def disconnect(self, callback: Callable[..., Any]) -> None:
        self._callbacks.remove(callback)

    def emit(self, *args: Any) -> None:
        for callback in list(self._callbacks):
            callback(*args)


def _freeze(v: Any) -> Any:
    if isinstance(v, dict):
        return tuple(sorted((k, _freeze(x)) for k, x in v.items()))
    if isinstance(v, list | tuple):
        return tuple(_freeze(x) for x in v)
    return v


def _plain(v: Any) -> Any:
    """Values as the scenario loader produces them (tuples become lists), so that a set-up
    saved from the GUI and loaded back compares equal."""
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    if isinstance(v, np.generic):
        return v.item()
    return v


def _rules_key(name: str) -> Any:
    """A user optimizer's rules as written (its runs change when they are edited), else None."""
    rules = optimizers.spec(name).rules
    return None if rules is None else _freeze(rules.to_dict())


class RunStore:
    """The one store of runs: an :class:`app.engine.Run` per key, with the latest computed
    :class:`Trajectories` of it (a prefix while it is being computed)."""

    def __init__(self):
        self._runs: dict[Any, Run] = {}
        self._traj: dict[Any, Trajectories] = {}

    @staticmethod
    def key(scenario: Scenario, racer: Racer) -> Any:
        """Everything that decides ``racer``'s trajectories in ``scenario`` (not its looks)."""
        s = scenario
        return (s.surface, _freeze(dict(s.surface_params)), s.starts, s.steps,
                s.noise_for(racer), s.batch_for(racer),
                racer.optimizer, _freeze(dict(racer.params)), racer.schedule,
                _freeze(dict(racer.schedule_params)), _rules_key(racer.optimizer))

    def run(self, key: Any) -> Run | None:
        return self._runs.get(key)

    def add(self, key: Any, run: Run) -> Run:
        self._runs[key] = run
        self._traj.pop(key, None)
        return run

    def trajectories(self, key: Any) -> Trajectories | None:
        """What is computed of ``key``'s run (None: nothing yet)."""
        return self._traj.get(key)

    def publish(self, key: Any, trajectories: Trajectories) -> None:
        """Record a computed prefix (the consumer's thread; a run still in the store only)."""
        if key in self._runs:
            self._traj[key] = trajectories

    def keep(self, keys: set) -> None:
        """Forget every run not in ``keys``."""
        for key in [k for k in self._runs if k not in keys]:
            del self._runs[key]
            self._traj.pop(key, None)

    def __len__(self) -> int:
        return len(self._runs)


def _advance_runs(ticket: Ticket, todo: list[tuple[Any, Run]], inline: bool) -> dict:
    """The job (a worker thread): advance every run, a chunk each per round, publishing."""
    if inline:
        return {key: (run.advance(), run.trajectories())[1] for key, run in todo}
    total = sum(run.steps - max(run.done, 0) for _, run in todo) or 1
    chunk = {key: FIRST_CHUNK for key, _ in todo}
    while True:
        ticket.check()
        active = [(key, run) for key, run in todo if not run.finished]
        if not active:
            break
        began = time.perf_counter()
        for key, run in active:
            run.advance(None if run.precomputed else chunk[key])
            if run.precomputed and not run.finished:  # (started now: every row is there)
                run.advance()
            ticket.check()
        spent = max(time.perf_counter() - began, 1e-6)
        scale = min(4.0, ROUND_SECONDS / spent)  # the next round aims at ROUND_SECONDS
        for key, _ in active:
            chunk[key] = max(1, int(chunk[key] * scale))
        left = sum(run.steps - run.done for _, run in todo)
        if not left:  # (the compiled engine's first chunk): the result shows them, once
            break
        ticket.progress(1.0 - left / total, {key: run.trajectories() for key, run in active})
    return {key: run.trajectories() for key, run in todo}


class SessionModel:
    """Current scenario + runs + playhead + selection; see the module docstring."""

    def __init__(self, scenario: Scenario | None = None, runner: JobRunner | None = None):
        for name in EVENTS:
            setattr(self, name, Event(name))
        self.runner: JobRunner = runner or InlineRunner()
        self.store = RunStore()
        self._scenario = Scenario()
        self._surface = self._scenario.build_surface()
        self._described: lesson_state.Setup | None = None
        self._runs: list[RacerRun | None] = []
        self._keys: list[Any] = []
        #: racer index -> (racer, surface, first start, noise sigma, its label text)
        self._labels: dict[int, tuple] = {}
        self._step = 0
        #: the step last asked for: while runs are computed the playhead waits at what is
        #: ready and comes back here as they arrive (a slider drag morphs the whole paths)
        self._want = 0
        self._selected = 0
        self._start_index = 0
        self._progress = 1.0
        self._computing = False
        self._quiet = False
        #: the last edit is part of a drag (a slider, a start point): the undo history merges
        #: it with the one before (:mod:`app.history`); whoever records an edit resets it
        self.edit_continuous = False
        self._publish_after = 0.0  # no partial paths shown before this time (perf_counter)
        #: the last computation's error message ("" if it went well)
        self.error = ""
        if scenario is not None:
            self.set_scenario(scenario)

    # -- read-only state ------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario:
        return self._scenario

    @property
    def surface(self) -> surfaces.Surface:
        return self._surface

    @property
    def runs(self) -> list[RacerRun | None]:
        """One entry per racer of :attr:`scenario` (``None``: disabled, no start points, or
        nothing computed yet)."""
        return self._runs

    @property
    def step(self) -> int:
        return self._step

    @property
    def steps(self) -> int:
        return self._scenario.steps

    @property
    def ready(self) -> int:
        """The last step computed for every run (the playhead goes no further)."""
        steps = self._scenario.steps
        for key, run in zip(self._keys, self._runs, strict=True):
            if key is not None:
                steps = min(steps, 0 if run is None else run.trajectories.steps)
        return steps

    @property
    def progress(self) -> float:
        """The fraction of the current runs computed (1.0 when nothing is computing)."""
        return self._progress

    @property
    def computing(self) -> bool:
        return self._computing

    @property
    def selected(self) -> int:
        return self._selected

    @property
    def window(self):
        """The window to show (a span too small to draw is widened: see vm.drawable_window)."""
        return vm.drawable_window(self._scenario.view_window(self._surface))

    @property
    def start_index(self) -> int:
        """The start point the analysis panel and step mode follow (clamped to the starts)."""
        return min(self._start_index, max(len(self._scenario.starts) - 1, 0))

    def select_start(self, i: int) -> None:
        """Follow start point ``i`` (clamped) in the analysis and step mode."""
        i = int(min(max(int(i), 0), max(len(self._scenario.starts) - 1, 0)))
        if i != self._start_index:
            self._start_index = i
            self.startIndexChanged.emit(i)

    def selected_run(self) -> RacerRun | None:
        if 0 <= self._selected < len(self._runs):
            return self._runs[self._selected]
        return None

    def engine_run(self, i: int) -> Run | None:
        """The store's :class:`app.engine.Run` of racer ``i`` (None: disabled, no starts).
        Read what it computed with ``trajectories()``/``replay()`` up to its ``done`` step."""
        key = self._keys[i] if 0 <= i < len(self._keys) else None
        return None if key is None else self.store.run(key)

    def recompute_pending(self) -> bool:
        return self._computing

    def set_runner(self, runner: JobRunner) -> None:
        """Compute with ``runner`` from now on (the window's: in a worker thread)."""
        self.runner.cancel(LANE)
        self.runner = runner

    # -- whole scenario -------------------------------------------------------------------
    def set_scenario(self, scenario: Scenario) -> None:
        """Replace everything (validated first: on error nothing changes)."""
        if not isinstance(scenario, Scenario):
            raise TypeError("set_scenario expects a Scenario")
        scenario = scenario.validate(scenario.name or "scenario")
        surface = scenario.build_surface()
        self._scenario, self._surface = scenario, surface
        self._described = lesson_state.setup_of(scenario)  # what its lesson text describes
        self.store.keep(set())
        self._selected = 0
        self._start_index = 0
        self._step = self._want = 0
        self._compute()
        self.scenarioReplaced.emit()
        self.surfaceChanged.emit()
        self.racersChanged.emit()
        self.startsChanged.emit()
        self.scenarioEdited.emit()
        self.runsChanged.emit()
        self.selectedChanged.emit(self._selected)
        self.playheadChanged.emit(self._step)

    def restore(self, scenario: Scenario) -> None:
        """Put back an earlier state of this scenario (undo / redo): like an edit, not like
        opening a file (selection and playhead stay where they can, stored runs are reused,
        panels update rather than rebuild)."""
        if not isinstance(scenario, Scenario):
            raise TypeError("restore expects a Scenario")
        same_surface = (scenario.surface, scenario.surface_params) == \
            (self._scenario.surface, self._scenario.surface_params)
        surface = self._surface if same_surface else scenario.build_surface()
        kinds = [(r.optimizer, r.schedule) for r in scenario.racers] != \
            [(r.optimizer, r.schedule) for r in self._scenario.racers]
        self.edit_continuous = False
        self._scenario, self._surface = scenario, surface
        self._selected = min(self._selected, len(scenario.racers) - 1)
        self._compute()
        self.surfaceChanged.emit()
        if kinds:
            self.racersChanged.emit()
        self.startsChanged.emit()
        self.scenarioEdited.emit()
        self._emit_runs()
        self.selectedChanged.emit(self._selected)

    def rename(self, name: str) -> None:
        """The scenario's name (file stem), e.g. after saving it."""
        self._scenario = replace(self._scenario, name=str(name))
        self.scenarioEdited.emit()

    # -- surface and run settings ---------------------------------------------------------
    def set_surface(self, name: str) -> None:
        """Switch to another surface family with its defaults, window and suggested starts."""
        surface = surfaces.get(name)
        starts = tuple((float(x), float(y)) for x, y in surface.starts[:1])
        self._scenario = replace(self._scenario, surface=name, surface_params={}, window=None,
                                 starts=starts)
        self._surface = surface
        self._after_surface_change()
        self.startsChanged.emit()

    def set_surface_params(self, debounce: bool = False, **changes: Any) -> None:
        """Change surface parameters (``debounce``: part of a slider drag, one undo step)."""
        self.edit_continuous = bool(debounce)
        params = {**self._scenario.surface_params, **{k: _plain(v) for k, v in changes.items()}}
        surface = surfaces.get(self._scenario.surface, **params)  # ValueError: unchanged
        self._scenario = replace(self._scenario, surface_params=params)
        self._surface = surface
        self._after_surface_change()

    def set_window(self, window) -> None:
        """The view window saved with the scenario (``None``: the surface's own)."""
        if window is not None:
            (x0, x1), (y0, y1) = window
            if not (x0 < x1 and y0 < y1):
                raise ValueError("window: each range must be (min, max) with min < max")
            window = ((float(x0), float(x1)), (float(y0), float(y1)))
        self._scenario = replace(self._scenario, window=window)
        self.surfaceChanged.emit()
        self.scenarioEdited.emit()

    def _after_surface_change(self) -> None:
        if not self._surface.finite_sum and any(r.batch_size is not None
                                                for r in self._scenario.racers):
            # no examples to draw batches from: the racers take the exact gradient
            self._scenario = replace(self._scenario, racers=tuple(
                replace(r, batch_size=None) for r in self._scenario.racers))
        self._compute()
        self.surfaceChanged.emit()
        self.scenarioEdited.emit()
        self._emit_runs()

    def set_run(self, *, steps: int | None = None, noise_sigma: float | None = None,
                noise_seed: int | None = None, debounce: bool = False) -> None:
        """Change the number of steps or the gradient noise (validated; unchanged on error).
        ``debounce``: part of a drag (merged into one undo step); every edit cancels the stale
        computation."""
        self.edit_continuous = bool(debounce)
        changes: dict[str, Any] = {}
        if steps is not None:
            if isinstance(steps, bool) or int(steps) != steps or not 1 <= steps <= MAX_UI_STEPS:
                raise ValueError(f"Invalid number of steps: {steps} (expected a whole number "
                                 f"from 1 to {MAX_UI_STEPS})")
            changes["steps"] = int(steps)
        if noise_sigma is not None:
            changes["noise_sigma"] = float(noise_sigma)
        if noise_seed is not None:
            changes["noise_seed"] = int(noise_seed)
        candidate = replace(self._scenario, **changes)
        Noise(candidate.noise_sigma, candidate.noise_seed)  # ValueError: unchanged
        self._scenario = candidate
        self.scenarioEdited.emit()
        self.recompute()

    # -- start points ---------------------------------------------------------------------
    def add_start(self, x: float, y: float) -> int:
        """Add a start point; returns its index."""
        p = self._check_point(x, y)
        self._scenario = replace(self._scenario, starts=(*self._scenario.starts, p))
        self.startsChanged.emit()
        self.scenarioEdited.emit()
        self.recompute()
        return len(self._scenario.starts) - 1

    def move_start(self, i: int, x: float, y: float, debounce: bool = False) -> None:
        self.edit_continuous = bool(debounce)  # (a drag: one undo step)
        p = self._check_point(x, y)
        starts = list(self._scenario.starts)
        starts[i] = p
        self._scenario = replace(self._scenario, starts=tuple(starts))
        self.startsChanged.emit()
        self.scenarioEdited.emit()
        self.recompute()

    def remove_start(self, i: int) -> None:
        starts = list(self._scenario.starts)
        del starts[i]
        self._scenario = replace(self._scenario, starts=tuple(starts))
        self.startsChanged.emit()
        self.scenarioEdited.emit()
        self.recompute()

    def clear_starts(self) -> None:
        self._scenario = replace(self._scenario, starts=())
        self.startsChanged.emit()
        self.scenarioEdited.emit()
        self.recompute()

    @staticmethod
    def _check_point(x: float, y: float) -> tuple[float, float]:
        x, y = float(x), float(y)
        if not (np.isfinite(x) and np.isfinite(y)):
            raise ValueError("a start point must have finite coordinates")
        return (x, y)

    # -- racers ---------------------------------------------------------------------------
    def next_color(self) -> str:
        used = {r.color.lower() for r in self._scenario.racers}
        for c in PALETTE:
            if c.lower() not in used:
                return c
        return PALETTE[len(self._scenario.racers) % len(PALETTE)]

    def add_racer(self, racer: Racer | str | None = None) -> int:
        """Add a racer (a :class:`Racer`, an optimizer name, or a copy of the selected one)."""
        if racer is None:
            base = self._scenario.racers[self._selected] if self._scenario.racers else Racer()
            racer = replace(base, color=self.next_color())
        elif isinstance(racer, str):
            lr = optimizers.spec(racer).defaults().get("lr")
            racer = Racer(optimizer=racer, params={"lr": lr} if lr is not None else {},
                          color=self.next_color())
        racer.build()  # ValueError: unchanged
        self._scenario = replace(self._scenario, racers=(*self._scenario.racers, racer))
        self._selected = len(self._scenario.racers) - 1
        self._after_racers_change()
        return self._selected

    def add_racers(self, racers: list[Racer]) -> int:
        """Add several racers in one edit (an lr sweep); validated first: on error nothing
        changes. Selects the first new one; returns its index."""
        from app.sweeps import room_for

        room_for(len(self._scenario.racers), len(racers))
        for racer in racers:
            racer.build()  # ValueError: unchanged
        first = len(self._scenario.racers)
        self._scenario = replace(self._scenario, racers=(*self._scenario.racers, *racers))
        self._selected = first
        self._after_racers_change()
        return first

    def duplicate_racer(self, i: int) -> int:
        base = self._scenario.racers[i]
        return self.add_racer(replace(base, color=self.next_color()))

    def remove_racer(self, i: int) -> None:
        if len(self._scenario.racers) <= 1:
            raise ValueError("a scenario needs at least one racer")
        racers = list(self._scenario.racers)
        del racers[i]
        self._scenario = replace(self._scenario, racers=tuple(racers))
        self._selected = min(self._selected, len(racers) - 1)
        self._after_racers_change()

    def _after_racers_change(self) -> None:
        self._compute()
        self.racersChanged.emit()
        self.scenarioEdited.emit()
        self._emit_runs()
        self.selectedChanged.emit(self._selected)

    def update_racer(self, i: int, debounce: bool = False, **changes: Any) -> Racer:
        """Change racer ``i``: ``params={...}`` entries are merged into its hyperparameters,
        ``schedule_params`` likewise; ``optimizer``/``schedule`` switch kind (other values
        reset); ``label``, ``color``, ``enabled`` as given. Validated: unchanged on error.
        ``debounce``: part of a slider drag (merged into one undo step)."""
        self.edit_continuous = bool(debounce)
        old = self._scenario.racers[i]
        new = old
        kind_changed = False
        if "optimizer" in changes and changes["optimizer"] != old.optimizer:
            spec = optimizers.spec(changes["optimizer"])
            keep = {k: v for k, v in old.params.items() if k == "lr"}
            if "lr" not in {p.name for p in spec.params}:
                keep = {}
            new = replace(new, optimizer=spec.name, params=keep, label="")
            kind_changed = True
        if "schedule" in changes and changes["schedule"] != old.schedule:
            new = replace(new, schedule=changes["schedule"], schedule_params={})
            kind_changed = True
        if "params" in changes:
            params = {**new.params, **{k: _plain(v) for k, v in changes["params"].items()}}
            spec = optimizers.spec(new.optimizer)
            names = {p.name for p in spec.params_of(params)}
            if names != {p.name for p in spec.params_of(new.params)}:
                # a wrapper's inner optimizer changed: its fields change (keep what applies)
                params = {k: v for k, v in params.items() if k in names}
                kind_changed = True
            new = replace(new, params=params)  # a template label follows by itself
        if "schedule_params" in changes:
            sp = {**new.schedule_params,
                  **{k: _plain(v) for k, v in changes["schedule_params"].items()}}
            new = replace(new, schedule_params=sp)
        for key in ("label", "color", "enabled", "batch_size"):
            if key in changes:
                new = replace(new, **{key: changes[key]})
        if "noise_sigma" in changes:  # the racer's own gradient noise (None: the run's)
            sigma = changes["noise_sigma"]
            if sigma is not None:
                sigma = float(sigma)
                Noise(sigma, self._scenario.noise_seed)  # ValueError: unchanged
            new = replace(new, noise_sigma=sigma)
        if new == old:
            return old
        new.build()  # ValueError with the optimizer's own message: unchanged
        if new.batch_size is not None:  # a finite-sum surface, a valid size: or unchanged
            replace(self._scenario, racers=(new,)).validate("racer")
        racers = list(self._scenario.racers)
        racers[i] = new
        self._scenario = replace(self._scenario, racers=tuple(racers))
        if kind_changed:
            self.racersChanged.emit()
        self.scenarioEdited.emit()
        only_looks = {k for k in changes if k not in ("label", "color")} == set()
        if only_looks:
            self._relabel_runs()
        else:
            self.recompute()
        return new

    def select(self, i: int) -> None:
        i = int(i)
        if i != self._selected and 0 <= i < len(self._scenario.racers):
            self._selected = i
            self.selectedChanged.emit(i)

    # -- playhead -------------------------------------------------------------------------
    def set_step(self, step: int) -> None:
        """Move the playhead (clamped to the computed steps, :attr:`ready`; it goes on to
        ``step`` as more is computed)."""
        self._want = max(int(step), 0)
        step = int(min(self._want, self.ready))
        if step != self._step:
            self._step = step
            self.playheadChanged.emit(step)

    @property
    def described(self) -> lesson_state.Setup | None:
        """The set-up the lesson text was written for (the scenario as opened)."""
        return self._described

    def lesson_changes(self) -> tuple[str, ...]:
        """What changed since the lesson's set-up (``()``: the lesson still matches;
        :func:`app.lesson_state.changes`)."""
        return lesson_state.changes(self._described, self._scenario)

    def label(self, i: int) -> str:
        """Racer ``i``'s label now: its template filled in from its current hyperparameters
        (:mod:`app.labels`), a hand-typed label as typed. Rendered once per racer, surface,
        first start point and noise (the legend, the status bar and the cards all ask)."""
        s = self._scenario
        racer, start = s.racers[i], (s.starts[0] if s.starts else None)
        c = self._labels.get(i)
        if (c is not None and c[0] is racer and c[1] is self._surface and c[2] == start
                and c[3] == s.noise_sigma):
            return c[4]
        text = s.label_of(racer, self._surface)
        self._labels[i] = (racer, self._surface, start, s.noise_sigma, text)
        return text

    def diagnosis(self, i: int):
        """The divergence diagnosis (:mod:`app.analysis.divergence`) of racer ``i``'s run that
        blew up first, or None."""
        run = self._runs[i] if 0 <= i < len(self._runs) else None
        if run is None or not (run.trajectories.diverged_at >= 0).any():
            return None
        d = run.trajectories.diverged_at
        j = int(np.argmin(np.where(d >= 0, d, np.iinfo(d.dtype).max)))
        return diagnose_run(run.trajectories, j, run.racer.build()[0])

    def diverged_at(self, i: int) -> int:
        """The earliest step at which one of racer ``i``'s runs blew up, or -1."""
        run = self._runs[i] if 0 <= i < len(self._runs) else None
        if run is None:
            return -1
        d = run.trajectories.diverged_at
        d = d[d >= 0]
        return int(d.min()) if d.size else -1

    # -- computing ------------------------------------------------------------------------
    def request_recompute(self) -> None:
        """Old name of :meth:`recompute` (every edit now cancels the stale computation)."""
        self.recompute()

    def recompute(self) -> None:
        """Bring the runs up to date with the scenario and tell the views (when only runs that
        are being computed changed, their first chunk tells them: a slider drag does not
        redraw every view for each position the worker never got to)."""
        before = [None if r is None else r.trajectories for r in self._runs]
        self._compute()
        after = [None if r is None else r.trajectories for r in self._runs]
        if self._computing and len(before) == len(after) and all(
                b is None or b is a for a, b in zip(before, after, strict=True)):
            # the views keep drawing the old runs at the old playhead until the new ones arrive
            # (:meth:`_emit_runs` then brings the playhead to what is computed): a slider drag
            # does not send every view to step 0 and back for each position
            return
        self._emit_runs()

    def cancel(self) -> None:
        """Stop computing: the paths keep what is computed; the next edit resumes."""
        self.runner.cancel(LANE)
        self._set_computing(False)
        if self._step > self.ready:  # (an edit left it where the old runs were)
            self._step = self.ready
            self.playheadChanged.emit(self._step)

    def _emit_runs(self) -> None:
        step = min(self._want, self.ready)
        if step != self._step:
            self._step = step
            self.playheadChanged.emit(self._step)
        self.runsChanged.emit()

    def _compute(self) -> None:
        """Match the runs to the scenario: reuse the store's, start what is missing."""
        s = self._scenario
        keys: list[Any] = []
        todo: list[tuple[Any, Run]] = []
        for racer in s.racers:
            if not racer.enabled or not s.starts:
                keys.append(None)
                continue
            key = self.store.key(s, racer)
            keys.append(key)
            run = self.store.run(key)
            if run is None:
                opt, sched = racer.build()
                keep = (s.steps + 1) * len(s.starts) <= KEEP_STEPS_BUDGET
                run = self.store.add(key, Run(self._surface, opt, np.array(s.starts), s.steps,
                                              sched, s.noise_for(racer), s.batch_for(racer),
                                              keep_steps=keep))
            if not run.finished and all(key != k for k, _ in todo):
                todo.append((key, run))
        self.store.keep({k for k in keys if k is not None})
        self._keys = keys
        self._runs = self._racer_runs()
        self.error = ""
        if todo:
            self._set_computing(True, 1.0 - sum(r.steps - max(r.done, 0) for _, r in todo)
                                / max(1, sum(r.steps for _, r in todo)))
            inline = self.runner.inline
            self._quiet = True  # an inline runner delivers now: the caller emits runsChanged
            try:
                self.runner.submit(LANE, lambda t: _advance_runs(t, todo, inline),
                                   on_progress=self._on_progress, on_result=self._on_result,
                                   on_error=self._on_error)
            finally:
                self._quiet = False
        else:
            self.runner.cancel(LANE)
            self._set_computing(False)

    def _racer_runs(self) -> list[RacerRun | None]:
        s = self._scenario
        runs: list[RacerRun | None] = []
        for racer, key in zip(s.racers, self._keys, strict=True):
            traj = None if key is None else self.store.trajectories(key)
            if traj is None:
                run = self.store.run(key) if key is not None else None
                if run is not None and run.finished:
                    traj = run.trajectories()
                    self.store.publish(key, traj)
            runs.append(None if traj is None else
                        RacerRun(racer, traj, s.noise_for(racer), s.batch_for(racer)))
        return runs

    def _publish(self, trajectories: dict) -> None:
        for key, traj in trajectories.items():
            self.store.publish(key, traj)
        self._runs = self._racer_runs()
        if not self._quiet:
            self._emit_runs()

    def _on_progress(self, fraction: float, trajectories: dict) -> None:
        self._progress = fraction
        self.progressChanged.emit(fraction)
        began = time.perf_counter()
        if began < self._publish_after:  # the views are still digesting the last paths
            for key, traj in trajectories.items():
                self.store.publish(key, traj)
            return
        self._publish(trajectories)
        spent = time.perf_counter() - began
        self._publish_after = time.perf_counter() + PUBLISH_COOLDOWN * spent

    def _on_result(self, trajectories: dict) -> None:
        self._publish(trajectories)
        self._set_computing(False)

    def _on_error(self, error: BaseException) -> None:
        """The engine refused (e.g. not enough memory): say so; the paths stay as they are."""
        self.error = f"cannot compute the runs: {error}"
        self._set_computing(False)

    def _set_computing(self, on: bool, progress: float | None = None) -> None:
        progress = 1.0 if not on else (progress if progress is not None else 0.0)
        changed = on != self._computing
        self._computing = on
        if progress != self._progress:
            self._progress = progress
            self.progressChanged.emit(progress)
        if changed:
            self.computingChanged.emit(on)

    def _relabel_runs(self) -> None:
        self._runs = self._racer_runs()
        self.runsChanged.emit()
