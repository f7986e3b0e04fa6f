"""The Session: the one model every view observes (napari's idea: model here, widgets elsewhere).

It holds the current :class:`~app.scenario.Scenario`, the surface built from it, the
precomputed runs (one :class:`~app.scenario.RacerRun` per racer, ``None`` for a disabled racer
or when there are no start points), the playhead step and the selected racer. Every mutator
validates first and leaves the state unchanged on error (``ValueError`` with a clear message), so
a view can show the message and nothing is lost.

Runs are cached per racer: changing one racer's lr recomputes only that racer. Start-point edits
recompute synchronously (a click must show its paths in the same frame); edits coming from the
control panel can use :meth:`Session.request_recompute` to coalesce bursts (slider drags).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

import surfaces
from app import lesson_state, optimizers
from app import viewmodel as vm
from app.analysis.divergence import diagnose_run
from app.engine import Noise
from app.scenario import PALETTE, Racer, RacerRun, Scenario, ScenarioError

__all__ = ["Session", "MAX_UI_STEPS", "ScenarioError"]

#: the step count the panel allows (the file format allows more; the CLI can run those)
MAX_UI_STEPS = 20_000


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


class Session(QObject):
    """Current scenario + runs + playhead. Views subscribe to the signals below."""

    #: a whole new scenario (opened, lesson chosen): panels rebuild themselves
    scenarioReplaced = Signal()
    #: the surface or its window changed: the surface view recomputes its picture
    surfaceChanged = Signal()
    #: racers were added, removed or changed kind: per-racer widgets rebuild
    racersChanged = Signal()
    #: any value of the scenario changed (fields sync, title updates)
    scenarioEdited = Signal()
    #: start points changed
    startsChanged = Signal()
    #: new trajectories are available in :attr:`runs`
    runsChanged = Signal()
    playheadChanged = Signal(int)
    selectedChanged = Signal(int)

    def __init__(self, scenario: Scenario | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._scenario = Scenario()
        self._surface = self._scenario.build_surface()
        self._described: lesson_state.Setup | None = None
        self._runs: list[RacerRun | None] = []
        self._cache: dict[Any, RacerRun] = {}
        self._step = 0
        self._selected = 0
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(15)
        self._debounce.timeout.connect(self.recompute)
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
        """One entry per racer of :attr:`scenario` (``None``: disabled or no start points)."""
        return self._runs

    @property
    def step(self) -> int:
        return self._step

    @property
    def steps(self) -> int:
        return self._scenario.steps

    @property
    def selected(self) -> int:
        return self._selected

    @property
    def window(self):
        """The window to show (a span too small to draw is widened: see vm.drawable_window)."""
        return vm.drawable_window(self._scenario.view_window(self._surface))

    def selected_run(self) -> RacerRun | None:
        if 0 <= self._selected < len(self._runs):
            return self._runs[self._selected]
        return None

    def recompute_pending(self) -> bool:
        return self._debounce.isActive()

    # -- whole scenario -------------------------------------------------------------------
    def set_scenario(self, scenario: Scenario) -> None:
        """Replace everything (validated first: on error nothing changes)."""
        if not isinstance(scenario, Scenario):
            raise TypeError("set_scenario expects a Scenario")
        scenario = scenario.validate(scenario.name or "scenario")
        surface = scenario.build_surface()
        self._scenario, self._surface = scenario, surface
        self._described = lesson_state.setup_of(scenario)  # what its lesson text describes
        self._cache.clear()
        self._selected = 0
        self._step = 0
        self._compute()
        self.scenarioReplaced.emit()
        self.surfaceChanged.emit()
        self.racersChanged.emit()
        self.startsChanged.emit()
        self.scenarioEdited.emit()
        self.runsChanged.emit()
        self.selectedChanged.emit(self._selected)
        self.playheadChanged.emit(self._step)

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

    def set_surface_params(self, **changes: Any) -> None:
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
        self._cache.clear()
        self._compute()
        self.surfaceChanged.emit()
        self.scenarioEdited.emit()
        self._emit_runs()

    def set_run(self, *, steps: int | None = None, noise_sigma: float | None = None,
                noise_seed: int | None = None, debounce: bool = False) -> None:
        """Change the number of steps or the gradient noise (validated; unchanged on error)."""
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
        self._recompute_or_schedule(debounce)

    # -- start points ---------------------------------------------------------------------
    def add_start(self, x: float, y: float) -> int:
        """Add a start point (recomputed at once); returns its index."""
        p = self._check_point(x, y)
        self._scenario = replace(self._scenario, starts=(*self._scenario.starts, p))
        self.startsChanged.emit()
        self.scenarioEdited.emit()
        self.recompute()
        return len(self._scenario.starts) - 1

    def move_start(self, i: int, x: float, y: float, debounce: bool = False) -> None:
        p = self._check_point(x, y)
        starts = list(self._scenario.starts)
        starts[i] = p
        self._scenario = replace(self._scenario, starts=tuple(starts))
        self.startsChanged.emit()
        self.scenarioEdited.emit()
        self._recompute_or_schedule(debounce)

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
        reset); ``label``, ``color``, ``enabled`` as given. Validated: unchanged on error."""
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
            self._recompute_or_schedule(debounce)
        return new

    def select(self, i: int) -> None:
        i = int(i)
        if i != self._selected and 0 <= i < len(self._scenario.racers):
            self._selected = i
            self.selectedChanged.emit(i)

    # -- playhead -------------------------------------------------------------------------
    def set_step(self, step: int) -> None:
        step = int(min(max(int(step), 0), self._scenario.steps))
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
        (:mod:`app.labels`), a hand-typed label as typed."""
        return self._scenario.label_of(self._scenario.racers[i], self._surface)

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
        """Recompute soon: a burst of edits (a slider drag) costs one recompute per 15 ms
        (a throttle, so the paths follow the drag instead of waiting for it to stop)."""
        if not self._debounce.isActive():
            self._debounce.start()

    def _recompute_or_schedule(self, debounce: bool) -> None:
        if debounce:
            self.request_recompute()
        else:
            self.recompute()

    def recompute(self) -> None:
        """Recompute the runs now (cached racers are reused) and tell the views."""
        self._debounce.stop()
        self._compute()
        self._emit_runs()

    def _emit_runs(self) -> None:
        if self._step > self._scenario.steps:
            self._step = self._scenario.steps
            self.playheadChanged.emit(self._step)
        self.runsChanged.emit()

    def _key(self, racer: Racer) -> Any:
        s = self._scenario
        noise = s.noise_for(racer)
        return (s.surface, _freeze(dict(s.surface_params)), s.starts, s.steps,
                None if noise is None else (noise.sigma, noise.seed),
                racer.optimizer, _freeze(dict(racer.params)), racer.schedule,
                _freeze(dict(racer.schedule_params)),
                # mini-batches (seeded by noise_seed); a user optimizer's current rules
                None if racer.batch_size is None else (racer.batch_size, s.noise_seed),
                _rules_key(racer.optimizer))

    def _compute(self) -> None:
        s = self._scenario
        runs: list[RacerRun | None] = []
        cache: dict[Any, RacerRun] = {}
        for racer in s.racers:
            if not racer.enabled or not s.starts:
                runs.append(None)
                continue
            key = self._key(racer)
            run = self._cache.get(key)
            if run is None:
                sub = replace(s, racers=(replace(racer, enabled=True),))
                run = sub.simulate(self._surface)[0]
            run = RacerRun(racer, run.trajectories, run.noise, run.batch)
            cache[key] = run
            runs.append(run)
        self._cache = cache
        self._runs = runs

    def _relabel_runs(self) -> None:
        self._runs = [None if run is None else RacerRun(racer, run.trajectories, run.noise,
                                                        run.batch)
                      for racer, run in zip(self._scenario.racers, self._runs, strict=False)]
        self.runsChanged.emit()

