"""Scenarios: one TOML format for a whole set-up (surface, starts, racers, lesson text).

What a user saves from the GUI is what the CLI runs, what a built-in lesson is, and what a test
loads. A scenario file looks like this (every key but ``surface.name`` and one racer is
optional)::

    version = 1

    [lesson]
    tag = "P1"
    title = "Too large a step diverges"
    question = "Why does a 10x larger learning rate blow the weights up?"
    look_for = "The lr 0.12 path overshoots further each step ..."
    why = "Gradient descent on a bowl is stable only while lr * lambda_max < 2 ..."
    follows = "p1_other"                    # optional: listed right after this lesson

    [lesson.ko]                             # optional: the text in Korean (and [lesson.zh])
    title = "너무 큰 걸음: 경사 하강법이 발산한다"   # a missing field falls back to English
    question = "..."

    [surface]
    name = "quadratic"
    params = { lambda1 = 1.0, lambda2 = 20.0 }
    window = [[-3.0, 3.0], [-3.0, 3.0]]     # optional: the surface's default otherwise

    [run]
    steps = 100
    starts = [[-2.5, 1.5]]
    noise_sigma = 0.0                       # gradient noise (lesson P3)
    noise_seed = 0

    [[racers]]
    optimizer = "gd"
    label = "GD, lr 0.01"
    color = "#1f77b4"
    params = { lr = 0.01 }
    schedule = { name = "constant" }        # optional; e.g. { name = "inverse_sqrt" }
    enabled = true
    # noise_sigma = 2.0                     # optional: this racer's own gradient noise,
                                            # overriding run.noise_sigma (same noise_seed)
    # batch_size = 8                        # optional, finite-sum surfaces only: real
                                            # mini-batches of 8 examples (seeded by noise_seed)

Your own optimizers travel with the file as ``[[rules]]`` tables (update rules as text, see
:mod:`app.optimizers.rules`); loading installs them, so racers name them like a built-in::

    [[rules]]
    name = "my_lion"
    hyper = { lr = 0.0001, beta1 = 0.9, beta2 = 0.99 }
    state = { m = "0" }
    update = ["c = beta1*m + (1 - beta1)*g", "p = p - lr*sign(c)", "m = beta2*m + (1 - beta2)*g"]

A *network-lab* scenario has a ``[netlab]`` table: a :class:`~app.netlab.NetConfig` as
``NetConfig.to_dict()`` writes it (missing keys take their defaults). Such a file trains a small
network instead of (or beside) racing optimizers on a 2D surface, so ``[surface]``, ``[run]`` and
``[[racers]]`` become optional; if present they are the 2D companion shown on the "Surface" tab.
One ``[netlab]`` table is one training run (compare runs with one file each)::

    [netlab]
    dataset = "regression"              # two_moons, circles, spirals, regression
    hidden = [32, 32]
    activation = "leaky_relu"
    optimizer = "gd"
    optimizer_params = { lr = 0.001 }
    steps = 300

Bad files raise :class:`ScenarioError` (a ``ValueError``) naming the file, the key and the
problem; nothing is half-loaded, since a :class:`Scenario` is only built once all is valid.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import numpy as np

import surfaces
from app import i18n, labels, optimizers, schedules, small_toml
from app.assets import SCENARIOS as SCENARIO_DIR  # assets/scenarios, installed as package data
from app.engine import MAX_SEED, MiniBatch, Noise, Trajectories, simulate
from app.netlab.train import NetConfig
from surfaces.params import brief, describe, key_text

__all__ = [
    "FORMAT_VERSION",
    "SCENARIO_DIR",
    "DEFAULT_SCENARIO",
    "PALETTE",
    "Lesson",
    "Racer",
    "Scenario",
    "ScenarioError",
    "RacerRun",
    "builtin_names",
    "load",
    "loads",
    "save",
    "dumps",
]

FORMAT_VERSION = 1
DEFAULT_SCENARIO = "default"
#: distinct colours for racers (Okabe-Ito, readable on dark and light, colour-blind safe)
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
           "#FFFFFF")
MAX_STEPS = 1_000_000
#: at most this many racers (a race of more is unreadable; the palette has 8 colours)
MAX_RACERS = 64


class ScenarioError(ValueError):
    """A scenario that cannot be used; the message names the file, the key and the problem."""


#: the lesson fields a ``[lesson.ko]`` / ``[lesson.zh]`` table translates (the tag stays)
LESSON_TEXT_FIELDS = ("title", "question", "look_for", "why")


@dataclass(frozen=True)
class Lesson:
    """A lesson's text in English, with ``translations``: ``{"ko": {"title": ...}, ...}``
    (the file's ``[lesson.ko]`` / ``[lesson.zh]`` tables); :meth:`localized` picks one."""

    tag: str = ""
    title: str = ""
    question: str = ""
    look_for: str = ""
    why: str = ""
    #: the built-in lesson this one is listed right after (its twin, or a sequel): the order of
    #: the Lessons menu, the gallery and ``descent-lab list scenarios`` (:mod:`app.lesson_order`)
    follows: str = ""
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict, compare=True)

    def localized(self, lang: str | None = None) -> Lesson:
        """This lesson in ``lang`` (default: the current language); each field falls back to
        English where the translation lacks it. The translations are kept."""
        texts = self.translations.get(lang or i18n.language(), {})
        return replace(self, **{k: v for k, v in texts.items() if v}) if texts else self


@dataclass(frozen=True)
class Racer:
    """One optimizer in the race: name, hyperparameters, schedule, label and colour."""

    optimizer: str = "gd"
    params: Mapping[str, Any] = field(default_factory=dict)
    schedule: str = "constant"
    schedule_params: Mapping[str, Any] = field(default_factory=dict)
    label: str = ""
    color: str = PALETTE[0]
    enabled: bool = True
    #: this racer's gradient noise, overriding the run's ``noise_sigma`` (None: the run's), so
    #: one scenario can race full-batch descent against its noisy twin (lesson P3)
    noise_sigma: float | None = None
    #: mini-batch size on a finite-sum surface (None: the full gradient); batches are seeded by
    #: the run's ``noise_seed`` (:class:`app.engine.MiniBatch`)
    batch_size: int | None = None

    def build(self):
        """``(optimizer, schedule)``; ``ValueError`` on unknown names or invalid values."""
        opt = optimizers.make(self.optimizer, **self.params)
        sched = schedules.make(self.schedule, **self.schedule_params)
        return opt, sched

    def display_label(self, lambda_max: float | None = None,
                      noise_sigma: float | None = None) -> str:
        """The label shown now: the template filled in from the current hyperparameters, or
        the hand-typed text (:mod:`app.labels`)."""
        return labels.render(self, lambda_max, noise_sigma)


@dataclass(frozen=True)
class RacerRun:
    racer: Racer
    trajectories: Trajectories
    noise: Noise | None = None  # the gradient noise this racer ran with (None: none)
    batch: MiniBatch | None = None  # its mini-batches (None: the full gradient)


@dataclass(frozen=True)
class Scenario:
    surface: str = "quadratic"
    surface_params: Mapping[str, Any] = field(default_factory=dict)
    window: tuple[tuple[float, float], tuple[float, float]] | None = None
    starts: tuple[tuple[float, float], ...] = ()
    racers: tuple[Racer, ...] = (Racer(),)
    steps: int = 200
    noise_sigma: float = 0.0
    noise_seed: int = 0
    lesson: Lesson = Lesson()
    name: str = ""  # file stem of a built-in or loaded file
    #: a network-lab set-up: a ``NetConfig.to_dict()``-style table (None: a 2D scenario only)
    netlab: Mapping[str, Any] | None = None
    #: user optimizers defined by this file (``[[rules]]``, installed when it is loaded)
    rules: tuple[Any, ...] = ()

    def __post_init__(self):
        if self.netlab is not None and isinstance(self.netlab, Mapping):
            object.__setattr__(self, "netlab", _plain_table(self.netlab))

    def net_config(self) -> NetConfig | None:
        """The network-lab config of the ``[netlab]`` table (None for a 2D scenario)."""
        return None if self.netlab is None else NetConfig.from_dict(self.netlab)

    def has_2d_setup(self) -> bool:
        """False for a network-lab scenario whose 2D part is all defaults (written without
        ``[surface]``, ``[run]`` and ``[[racers]]``)."""
        return self.netlab is None or self != replace(
            Scenario(), lesson=self.lesson, name=self.name, netlab=self.netlab)

    # -- building ------------------------------------------------------------------------
    def build_surface(self) -> surfaces.Surface:
        return surfaces.get(self.surface, **self.surface_params)

    def view_window(self, surface: surfaces.Surface | None = None):
        return self.window or (surface or self.build_surface()).window

    def label_of(self, racer: Racer, surface: surfaces.Surface | None = None) -> str:
        """The label ``racer`` shows in this scenario: its template filled in, with the run's
        noise and lambda_max at the first start point (:func:`app.labels.render_for`)."""
        if "lr_lambda_max" in (labels.fields(racer.label) or ()) and self.starts:
            return labels.render_for(racer, surface or self.build_surface(), self.starts[0],
                                     self.noise_sigma)
        return labels.render(racer, None, self.noise_sigma)

    def noise(self) -> Noise | None:
        return Noise(self.noise_sigma, self.noise_seed) if self.noise_sigma > 0 else None

    def noise_for(self, racer: Racer) -> Noise | None:
        """The noise ``racer`` runs with: its own ``noise_sigma`` if set, else the run's."""
        sigma = self.noise_sigma if racer.noise_sigma is None else racer.noise_sigma
        return Noise(sigma, self.noise_seed) if sigma > 0 else None

    def batch_for(self, racer: Racer) -> MiniBatch | None:
        """The mini-batches ``racer`` runs with (None: the full gradient)."""
        return None if racer.batch_size is None else MiniBatch(racer.batch_size, self.noise_seed)

    def simulate(self, surface: surfaces.Surface | None = None,
                 every: int | None = None) -> list[RacerRun]:
        """Run every enabled racer from every start point (an empty list without starts);
        ``every``: store every ``every``-th step and the last (:func:`app.engine.simulate`)."""
        surface = surface or self.build_surface()
        if not self.starts:
            return []
        runs = []
        for racer in self.racers:
            if not racer.enabled:
                continue
            opt, sched = racer.build()
            noise, batch = self.noise_for(racer), self.batch_for(racer)
            traj = simulate(surface, opt, np.array(self.starts), self.steps, sched, noise,
                            batch, every)
            runs.append(RacerRun(racer, traj, noise, batch))
        return runs

    def with_changes(self, **changes) -> Scenario:
        return replace(self, **changes)

    def with_batch_size(self, batch_size: int | None) -> Scenario:
        """Every racer with mini-batches of ``batch_size`` (None: unchanged), validated."""
        if batch_size is None:
            return self
        racers = tuple(replace(r, batch_size=batch_size) for r in self.racers)
        return replace(self, racers=racers).validate()

    def validate(self, source: str = "scenario") -> Scenario:
        """Check every name and value now (so loading fails early, with the key named)."""
        _wrap(source, "surface", lambda: self.build_surface())
        for i, racer in enumerate(self.racers):
            _wrap(source, f"racers[{i}]", racer.build)
            if racer.noise_sigma is not None:
                _wrap(source, f"racers[{i}].noise_sigma",
                      lambda r=racer: Noise(r.noise_sigma, self.noise_seed))
            if racer.batch_size is not None:
                _wrap(source, f"racers[{i}].batch_size", lambda r=racer: self._check_batch(r))
        _wrap(source, "run.noise", lambda: Noise(self.noise_sigma, self.noise_seed))
        if not 1 <= self.steps <= MAX_STEPS:
            raise ScenarioError(f"{source}: run.steps: must be between 1 and {MAX_STEPS}, "
                                f"got {self.steps}")
        if self.netlab is not None:
            try:
                NetConfig.from_dict(self.netlab)  # messages name the key: "netlab.lr: ..."
            except (ValueError, TypeError) as err:
                raise ScenarioError(f"{source}: {err}") from None
        return self

    def all_rules(self) -> list:
        """The user optimizers this scenario needs: its own ``rules`` and those its racers
        use (installed from elsewhere, e.g. the update-rule editor), each once."""
        out = list(self.rules)
        names = {r.name for r in out}
        for racer in self.racers:
            if racer.optimizer in names or racer.optimizer not in optimizers.names():
                continue
            rules = optimizers.spec(racer.optimizer).rules
            if rules is not None:
                out.append(rules)
                names.add(racer.optimizer)
        return out

    def _check_batch(self, racer: Racer) -> None:
        MiniBatch(racer.batch_size, self.noise_seed)
        surface = self.build_surface()
        if not surface.finite_sum:
            raise ValueError(f"surface '{surface.name}' is not a sum of per-example losses "
                             f"(mini-batches work on: {', '.join(surfaces.finite_sum_names())})")

    # -- (de)serialising -------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"version": FORMAT_VERSION}
        lesson = {k: v for k, v in vars(self.lesson).items() if v and k != "translations"}
        lesson.update({lang: {k: v for k, v in texts.items() if v}
                       for lang, texts in self.lesson.translations.items() if texts})
        if lesson:
            d["lesson"] = lesson
        if self.netlab is not None:
            d["netlab"] = _plain_table(self.netlab)
            if not self.has_2d_setup():
                return d
        d["surface"] = {"name": self.surface, "params": dict(self.surface_params)}
        if self.window is not None:
            d["surface"]["window"] = [list(self.window[0]), list(self.window[1])]
        d["run"] = {"steps": self.steps, "starts": [list(s) for s in self.starts],
                    "noise_sigma": self.noise_sigma, "noise_seed": self.noise_seed}
        rules = self.all_rules()
        if rules:
            d["rules"] = [r.to_dict() for r in rules]
        d["racers"] = [
            {"optimizer": r.optimizer, "label": r.label, "color": r.color,
             "params": dict(r.params),
             "schedule": {"name": r.schedule, **dict(r.schedule_params)},
             "enabled": r.enabled,
             **({} if r.noise_sigma is None else {"noise_sigma": r.noise_sigma}),
             **({} if r.batch_size is None else {"batch_size": r.batch_size})}
            for r in self.racers
        ]
        return d

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "scenario") -> Scenario:
        return _parse(data, source)


def _plain_table(value: Any) -> Any:
    """A copy with plain dicts and lists (tuples become lists, as TOML reads them back)."""
    if isinstance(value, Mapping):
        return {str(k): _plain_table(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain_table(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _wrap(source: str, key: str, fn):
    try:
        return fn()
    except ScenarioError:
        raise
    except (ValueError, TypeError) as err:
        raise ScenarioError(f"{source}: {key}: {err}") from None


# ---------------------------------------------------------------------------------------------
# Parsing with precise messages
# ---------------------------------------------------------------------------------------------
_TOP_KEYS = {"version", "lesson", "surface", "run", "racers", "netlab", "rules"}
_LESSON_KEYS = {"tag", *LESSON_TEXT_FIELDS, "follows",
                *(lang for lang in i18n.LANGUAGES if lang != "en")}
_SURFACE_KEYS = {"name", "params", "window"}
_RUN_KEYS = {"steps", "starts", "noise_sigma", "noise_seed"}
_RACER_KEYS = {"optimizer", "label", "color", "params", "schedule", "enabled", "noise_sigma",
               "batch_size"}


def _table(source, key, value) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ScenarioError(f"{source}: {key}: expected a table, got {type(value).__name__}")
    return value


def _no_unknown(source, key, table, allowed):
    unknown = sorted(set(table) - allowed)
    if unknown:
        where = f"{key}." if key else ""
        raise ScenarioError(f"{source}: {where}{key_text(unknown[0])}: unknown key (valid keys: "
                            f"{', '.join(sorted(allowed))})")


def _number(source, key, value, integer=False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ScenarioError(f"{source}: {key}: expected a number, got {describe(value)}")
    if integer and isinstance(value, int):
        return value
    if not (isinstance(value, float) or abs(value) <= 2**1023) or not math.isfinite(value):
        raise ScenarioError(f"{source}: {key}: expected a finite number, got {brief(value)}")
    if integer and not value.is_integer():
        raise ScenarioError(f"{source}: {key}: expected a whole number, got {brief(value)}")
    return int(value) if integer else float(value)


def _string(source, key, value) -> str:
    if not isinstance(value, str):
        raise ScenarioError(f"{source}: {key}: expected text, got {describe(value)}")
    return value


def _bool(source, key, value) -> bool:
    if not isinstance(value, bool):
        raise ScenarioError(f"{source}: {key}: expected true or false, got {describe(value)}")
    return value


def _pair(source, key, value) -> tuple[float, float]:
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise ScenarioError(f"{source}: {key}: expected a pair [x, y], got {describe(value)}")
    return (_number(source, f"{key}[0]", value[0]), _number(source, f"{key}[1]", value[1]))


def _color(source, key, value) -> str:
    value = _string(source, key, value)
    digits = value[1:]
    if not (value.startswith("#") and len(digits) in (6, 8)
            and all(c in "0123456789abcdefABCDEF" for c in digits)):
        raise ScenarioError(f"{source}: {key}: expected a colour like '#1f77b4', got "
                            f"{brief(value)}")
    return value


def _parse_lesson(source: str, table: Mapping[str, Any]) -> Lesson:
    """The ``[lesson]`` table with its ``[lesson.ko]`` / ``[lesson.zh]`` translations."""
    texts, translations = {}, {}
    for key, value in table.items():
        if key in i18n.LANGUAGES:
            sub = _table(source, f"lesson.{key}", value)
            _no_unknown(source, f"lesson.{key}", sub, set(LESSON_TEXT_FIELDS))
            translations[key] = {k: _string(source, f"lesson.{key}.{k}", v)
                                 for k, v in sub.items()}
        else:
            texts[key] = _string(source, f"lesson.{key}", value)
    return Lesson(**texts, translations=translations)


def _parse(data: Mapping[str, Any], source: str) -> Scenario:
    data = _table(source, "(top level)", data)
    _no_unknown(source, "", data, _TOP_KEYS)
    version = data.get("version", FORMAT_VERSION)
    if type(version) is not int:  # typed: not true, 1.0 or "1"
        raise ScenarioError(f"{source}: version: expected the whole number {FORMAT_VERSION}, "
                            f"got {describe(version)}")
    if version != FORMAT_VERSION:
        raise ScenarioError(f"{source}: version: this Descent Lab reads version "
                            f"{FORMAT_VERSION}, the file says {brief(version)}")

    lesson_t = _table(source, "lesson", data.get("lesson", {}))
    _no_unknown(source, "lesson", lesson_t, _LESSON_KEYS)
    lesson = _parse_lesson(source, lesson_t)

    netlab = None
    if "netlab" in data:
        netlab = _plain_table(_table(source, "netlab", data["netlab"]))
    if "surface" not in data and netlab is None:
        raise ScenarioError(f"{source}: surface: missing (a [surface] table with a name)")
    surf = _table(source, "surface", data.get("surface", {"name": Scenario.surface}))
    _no_unknown(source, "surface", surf, _SURFACE_KEYS)
    if "name" not in surf:
        raise ScenarioError(f"{source}: surface.name: missing")
    surface_name = _string(source, "surface.name", surf["name"])
    surface_params = dict(_table(source, "surface.params", surf.get("params", {})))
    window = None
    if "window" in surf:
        w = surf["window"]
        if not isinstance(w, list) or len(w) != 2:
            raise ScenarioError(f"{source}: surface.window: expected [[xmin, xmax], "
                                f"[ymin, ymax]], got {describe(w)}")
        window = (_pair(source, "surface.window[0]", w[0]),
                  _pair(source, "surface.window[1]", w[1]))
        if not (window[0][0] < window[0][1] and window[1][0] < window[1][1]):
            raise ScenarioError(f"{source}: surface.window: each range must be (min, max) "
                                f"with min < max, got {brief(w)}")

    run = _table(source, "run", data.get("run", {}))
    _no_unknown(source, "run", run, _RUN_KEYS)
    steps = _number(source, "run.steps", run.get("steps", 200), integer=True)
    if not 1 <= steps <= MAX_STEPS:  # name the value as written (1e300, not 300 digits)
        raise ScenarioError(f"{source}: run.steps: must be between 1 and {MAX_STEPS}, "
                            f"got {brief(run.get('steps'))}")
    starts_raw = run.get("starts", [])
    if not isinstance(starts_raw, list):
        raise ScenarioError(f"{source}: run.starts: expected a list of [x, y] pairs")
    starts = tuple(_pair(source, f"run.starts[{i}]", s) for i, s in enumerate(starts_raw))
    noise_sigma = _number(source, "run.noise_sigma", run.get("noise_sigma", 0.0))
    noise_seed = _number(source, "run.noise_seed", run.get("noise_seed", 0), integer=True)
    if not 0 <= noise_seed <= MAX_SEED:
        raise ScenarioError(f"{source}: run.noise_seed: expected a whole number from 0 to "
                            f"{MAX_SEED}, got {brief(run.get('noise_seed'))}")

    rules = _rules(source, data.get("rules", []))
    racers_raw = data.get("racers", [] if netlab is None else [{}])
    if not isinstance(racers_raw, list) or not racers_raw:
        raise ScenarioError(f"{source}: racers: expected at least one [[racers]] table")
    if len(racers_raw) > MAX_RACERS:
        raise ScenarioError(f"{source}: racers: at most {MAX_RACERS} racers, the file has "
                            f"{len(racers_raw):,}")
    racers = []
    for i, r in enumerate(racers_raw):
        key = f"racers[{i}]"
        r = _table(source, key, r)
        _no_unknown(source, key, r, _RACER_KEYS)
        sched = r.get("schedule", {"name": "constant"})
        if isinstance(sched, str):
            sched = {"name": sched}
        sched = dict(_table(source, f"{key}.schedule", sched))
        racers.append(Racer(
            optimizer=_string(source, f"{key}.optimizer", r.get("optimizer", "gd")),
            params=dict(_table(source, f"{key}.params", r.get("params", {}))),
            schedule=_string(source, f"{key}.schedule.name", sched.pop("name", "constant")),
            schedule_params=sched,
            label=_string(source, f"{key}.label", r.get("label", "")),
            color=_color(source, f"{key}.color", r.get("color", PALETTE[i % len(PALETTE)])),
            enabled=_bool(source, f"{key}.enabled", r.get("enabled", True)),
            noise_sigma=(_number(source, f"{key}.noise_sigma", r["noise_sigma"])
                         if "noise_sigma" in r else None),
            batch_size=(_number(source, f"{key}.batch_size", r["batch_size"], integer=True)
                        if "batch_size" in r else None),
        ))

    scenario = Scenario(
        surface=surface_name, surface_params=surface_params, window=window, starts=starts,
        racers=tuple(racers), steps=steps, noise_sigma=noise_sigma, noise_seed=noise_seed,
        lesson=lesson, name=Path(source).stem if source != "scenario" else "", netlab=netlab,
        rules=rules,
    )
    return scenario.validate(source)


def _rules(source, raw) -> tuple:
    """The ``[[rules]]`` tables, compiled and installed as optimizers (messages name the key)."""
    from app.optimizers import rules as rules_mod

    if not isinstance(raw, list):
        raise ScenarioError(f"{source}: rules: expected [[rules]] tables")
    out = []
    for i, table in enumerate(raw):
        key = f"rules[{i}]"
        table = _table(source, key, table)
        try:
            r = rules_mod.Rules.from_dict(table)
            rules_mod.install(r)
        except rules_mod.RuleError as err:
            where = f"{key}.{err.where}" if err.where != "name" else f"{key}.name"
            raise ScenarioError(f"{source}: {where}: {err.detail}"
                                + (f" (at character {err.position + 1} of "
                                   f"{key_text(err.text)})" if err.position is not None
                                   and err.text else "")) from None
        except (ValueError, TypeError) as err:
            raise ScenarioError(f"{source}: {key}.{err}") from None
        out.append(r)
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------
def builtin_names() -> list[str]:
    """Names of the built-in scenarios in ``assets/scenarios`` (sorted, ``default`` first)."""
    names = sorted(p.name.removesuffix(".toml") for p in SCENARIO_DIR.iterdir()
                   if p.name.endswith(".toml"))
    return sorted(names, key=lambda n: (n != DEFAULT_SCENARIO, n))


def resolve(name_or_path: str | os.PathLike) -> Path | Traversable:
    """A built-in name (``p1_divergence``: its file in the package) or a path to a ``.toml``."""
    text = str(name_or_path)
    path = Path(text)
    if path.suffix == ".toml" or os.sep in text or _answer(path.exists):
        return path
    candidate = SCENARIO_DIR / f"{text}.toml"
    if _answer(candidate.is_file):
        return candidate
    from surfaces.params import unknown_name_error

    raise unknown_name_error("scenario", text, builtin_names())


def _answer(question) -> bool:
    """``question()`` (``path.exists``, ``path.is_file``), False where it has no answer (a name
    too long for the file system, a NUL character, a folder that cannot be searched): reading
    will say why."""
    try:
        return question()
    except (OSError, ValueError):
        return False


def loads(text: str, source: str = "scenario") -> Scenario:
    """Parse and validate scenario text; refused before parsing if it nests too deeply or has
    an absurdly long dotted key (:mod:`app.small_toml`)."""
    try:
        data = small_toml.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ScenarioError(f"{source}: invalid TOML: {err}") from None
    except small_toml.TomlLimitError as err:
        raise ScenarioError(f"{source}: {err}") from None
    except ValueError:  # tomllib's int() of more than 4300 digits
        raise ScenarioError(f"{source}: invalid TOML: a number with too many digits") from None
    return _parse(data, source)


def load(name_or_path: str | os.PathLike) -> Scenario:
    """Load and validate a built-in scenario or a file; ``ScenarioError`` if anything is off.

    Only a regular file of at most :data:`app.small_toml.MAX_BYTES` is read: a device, a FIFO
    or a folder is refused before it is opened for reading."""
    path = resolve(name_or_path)
    try:
        if isinstance(path, str | os.PathLike):
            text = small_toml.read_text(path)
        else:  # a built-in lesson inside a zipped install: package data, not a user's file
            text = path.read_text(encoding="utf-8-sig")
    except small_toml.TomlLimitError as err:
        raise ScenarioError(f"{path}: {err}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ScenarioError(f"{path}: cannot read: {err}") from None
    return loads(text, str(path))


# -- writing TOML (the subset this format needs) -----------------------------------------------
_TOML_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n",
                 "\f": "\\f", "\r": "\\r"}
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _toml_string(text: str) -> str:
    """A TOML basic string; every control character is escaped (TOML forbids them raw)."""
    out = []
    for c in text:
        if c in _TOML_ESCAPES:
            out.append(_TOML_ESCAPES[c])
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04X}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _toml_key(key: Any) -> str:
    key = str(key)
    return key if _BARE_KEY.fullmatch(key) else _toml_string(key)


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError(f"cannot save a non-finite number: {v}")
        return repr(v)
    if isinstance(v, str):
        return _toml_string(v)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, Mapping):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(x)}" for k, x in v.items()) + " }"
    if isinstance(v, np.generic):
        return _toml_value(v.item())
    raise ValueError(f"cannot save a value of type {type(v).__name__}")


def dumps(scenario: Scenario) -> str:
    d = scenario.to_dict()
    lines = [f"version = {d['version']}", ""]
    for table in ("lesson", "netlab", "surface", "run"):
        if table in d:
            lines.append(f"[{table}]")
            sub = {}  # [lesson.ko], [lesson.zh]: tables of their own, readable in the file
            for k, v in d[table].items():
                if table == "lesson" and isinstance(v, Mapping):
                    sub[k] = v
                else:
                    lines.append(f"{_toml_key(k)} = {_toml_value(v)}")
            lines.append("")
            for k, v in sub.items():
                lines.append(f"[{table}.{_toml_key(k)}]")
                lines += [f"{_toml_key(kk)} = {_toml_value(vv)}" for kk, vv in v.items()]
                lines.append("")
    for r in d.get("rules", []):
        lines.append("[[rules]]")
        lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in r.items()]
        lines.append("")
    for r in d.get("racers", []):
        lines.append("[[racers]]")
        lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in r.items()]
        lines.append("")
    return "\n".join(lines)


def save(scenario: Scenario, path: str | os.PathLike) -> Path:
    """Write ``scenario`` to ``path`` atomically (a temporary file, then rename)."""
    path = Path(path)
    from app.export import ExportError, default_file_mode, path_kind, temp_prefix

    text = dumps(scenario)
    folder = path.parent if str(path.parent) else Path(".")
    # checked first: os.replace would put the file in place of a device such as /dev/full, and
    # the OSErrors of mkstemp and replace name the temporary file, not the user's
    try:
        found, folder_found = path_kind(path), path_kind(folder)
    except ExportError as err:
        raise ScenarioError(f"cannot save: {err}") from None
    if found == "folder":
        raise ScenarioError(f"cannot save {path}: it is a folder; give a file name")
    if found == "other":
        raise ScenarioError(f"cannot save {path}: it exists and is not a regular file")
    if folder_found != "folder":
        raise ScenarioError(f"cannot save {path}: folder does not exist: {folder}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path.name), suffix=".tmp", dir=folder)
    except OSError as err:
        raise ScenarioError(f"cannot save {path}: cannot create files in {folder} "
                            f"({err.strerror or err})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, default_file_mode())  # mkstemp makes 0o600; a saved file is a normal one
        os.replace(tmp, path)
    except OSError as err:  # e.g. a full disk: say so about the user's file, not the temp one
        Path(tmp).unlink(missing_ok=True)
        raise ScenarioError(f"cannot save {path}: {err.strerror or err}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
