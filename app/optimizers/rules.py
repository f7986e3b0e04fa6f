"""Your own optimizer: update rules typed as text, registered through the optimizer protocol.

A :class:`Rules` is an optimizer written as equations, parsed by the formula compiler's parser
(:func:`surfaces.formula_compiler.compile_expression`; never ``eval``)::

    name = "my_lion"
    hyper = { lr = 1e-4, beta1 = 0.9, beta2 = 0.99 }     # named hyperparameters (lr required)
    state = { m = "0" }                                   # state variables and initial values
    update = ["c = beta1*m + (1 - beta1)*g",              # one assignment per line, in order
              "p = p - lr*sign(c)",
              "m = beta2*m + (1 - beta2)*g"]

An equation may use ``g`` (the gradient), ``p`` (the point), ``t`` (the step counter, 1 at the
first update), ``lr`` (this step's learning rate, the schedule applied), the hyperparameters,
the state variables (their values so far) and any name assigned on an earlier line. It assigns
``p`` (the new point), a state variable (its new value) or a temporary (kept for the step
only). Every expression works per coordinate, on arrays, with the formula field's functions
(``sqrt``, ``sign``, ``abs``, ``max`` ...). An initial value may use ``p`` and the
hyperparameters. Errors are :class:`RuleError` (a ``FormulaError``) naming the line, with a
caret position inside it.

:func:`install` turns a :class:`Rules` into an :class:`OptimizerSpec` and registers it like a
built-in, so a user optimizer races, narrates its steps line by line, appears in maps (every
hyperparameter but ``lr`` can be a map's row) and is saved in scenario files (``[[rules]]``).
"""

from __future__ import annotations

import keyword
import math
from collections import namedtuple
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from surfaces.formula import FormulaError, format_formula_error
from surfaces.params import Param

from . import base
from .base import OTHER, Dynamics, OptimizerSpec, Sweep
from .narration import Lines, StepContext, Story, format_vector

__all__ = ["Rules", "RuleError", "EXAMPLES", "install", "uninstall", "installed",
           "compile_rules"]

#: the names every rule may use
BUILTIN_NAMES = ("g", "p", "t", "lr")
MAX_LINES = 32
MAX_NAMES = 32


class RuleError(FormulaError):
    """A rule that cannot be accepted: ``where`` names the part (``update[2]``, ``state.m``,
    ``hyper.beta1``), ``position`` is inside ``text`` (that line), for a caret."""

    def __init__(self, where: str, message: str, position: int | None = None,
                 text: str | None = None):
        super().__init__(f"{where}: {message}", position, text)
        self.where = where
        self.detail = message


@dataclass(frozen=True)
class Rules:
    """An optimizer as text: its name, hyperparameters (name -> default), state (name ->
    initial value expression) and update lines (``target = expression``)."""

    name: str
    hyper: Mapping[str, float]
    state: Mapping[str, str]
    update: Sequence[str]
    title: str = ""

    def __post_init__(self):
        for key, kind in (("hyper", dict), ("state", dict), ("update", tuple)):
            value = getattr(self, key)
            if isinstance(value, Mapping | list | tuple):
                object.__setattr__(self, key, kind(value))

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name}
        if self.title:
            d["title"] = self.title
        d["hyper"] = {k: float(v) for k, v in self.hyper.items()}
        d["state"] = dict(self.state)
        d["update"] = list(self.update)
        return d

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Rules:
        unknown = sorted(set(data) - {"name", "title", "hyper", "state", "update"})
        if unknown:
            raise ValueError(f"{unknown[0]}: unknown key (valid keys: hyper, name, state, "
                             f"title, update)")
        for key, kind in (("name", str), ("title", str), ("hyper", Mapping),
                          ("state", Mapping), ("update", list)):
            if key in data and not isinstance(data[key], kind):
                wanted = "a table" if kind is Mapping else kind.__name__
                raise ValueError(f"{key}: expected {wanted}, got {type(data[key]).__name__}")
        return cls(name=data.get("name", ""), title=data.get("title", ""),
                   hyper=dict(data.get("hyper", {})), state=dict(data.get("state", {})),
                   update=tuple(data.get("update", ())))


@dataclass(frozen=True)
class _Line:
    target: str
    text: str  # the whole line as written
    compiled: Any  # CompiledExpression


@dataclass(frozen=True)
class Compiled:
    rules: Rules
    names: tuple[str, ...]  # every name an expression may use, in a fixed order
    initial: dict[str, Any]  # state name -> CompiledExpression
    lines: tuple[_Line, ...]


def _identifier(where: str, name: Any, what: str) -> str:
    from surfaces.formula_compiler import RESERVED

    if not isinstance(name, str) or not name.isidentifier() or not name.isascii():
        raise RuleError(where, f"{what} {name!r} is not a name (letters, digits and _, not "
                               f"starting with a digit)")
    if name.startswith("_"):
        raise RuleError(where, f"{what} '{name}' starts with '_': start it with a letter")
    if keyword.iskeyword(name) or name in RESERVED:
        raise RuleError(where, f"{what} '{name}' is taken by a function, constant or keyword")
    return name


def compile_rules(rules: Rules) -> Compiled:
    """Check and compile every part of ``rules``; :class:`RuleError` at the first problem."""
    from surfaces.formula_compiler import compile_expression

    if not isinstance(rules.name, str) or not rules.name.strip():
        raise RuleError("name", "give the optimizer a name")
    if not rules.update:
        raise RuleError("update", "no update lines: write at least 'p = p - lr*g'")
    if len(rules.update) > MAX_LINES or len(rules.hyper) + len(rules.state) > MAX_NAMES:
        raise RuleError("update", f"too many lines or names (at most {MAX_LINES} lines and "
                                  f"{MAX_NAMES} names)")
    hyper_names = []
    for key, value in rules.hyper.items():
        _identifier(f"hyper.{key}", key, "hyperparameter")
        if key in BUILTIN_NAMES[:3]:
            raise RuleError(f"hyper.{key}", f"'{key}' is the {_ROLE[key]}, not a hyperparameter")
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not math.isfinite(value):
            raise RuleError(f"hyper.{key}", f"expected a finite number, got {value!r}")
        hyper_names.append(key)
    if "lr" not in rules.hyper:
        raise RuleError("hyper", "give a default learning rate: hyper.lr")
    if not rules.hyper["lr"] > 0:
        raise RuleError("hyper.lr", f"Invalid learning rate: {rules.hyper['lr']}")
    state_names = []
    for key in rules.state:
        _identifier(f"state.{key}", key, "state variable")
        if key in BUILTIN_NAMES or key in rules.hyper:
            raise RuleError(f"state.{key}", f"'{key}' is already a name of the rule")
        state_names.append(key)
    # temporaries: targets that are not p or state, in order of first assignment
    temps: list[str] = []
    parsed = []
    for i, line in enumerate(rules.update):
        where = f"update[{i}]"
        if not isinstance(line, str):
            raise RuleError(where, f"expected text like 'p = p - lr*g', got {line!r}")
        target, eq, rhs = line.partition("=")
        if not eq:
            raise RuleError(where, "expected 'name = expression'", len(line), line)
        name = target.strip()
        start = target.index(name) if name else 0
        if not name:
            raise RuleError(where, "nothing before '=': name what this line sets", 0, line)
        try:
            _identifier(where, name, "target")
        except RuleError as err:
            raise RuleError(where, err.detail, start, line) from None
        if name in ("g", "t", "lr") or name in rules.hyper:
            raise RuleError(where, f"'{name}' cannot be assigned (only p, the state and new "
                                   f"names)", start, line)
        parsed.append((where, name, line, len(target) + 1, rhs))
        if name != "p" and name not in state_names and name not in temps:
            temps.append(name)
    if not any(name == "p" for _, name, *_ in parsed):
        raise RuleError("update", "no line sets p: the point never moves")
    names = (*BUILTIN_NAMES, *(h for h in hyper_names if h != "lr"), *state_names, *temps)
    lines = []
    known = set(BUILTIN_NAMES) | set(hyper_names) | set(state_names)
    for where, name, line, offset, rhs in parsed:
        usable = tuple(n for n in names if n in known)
        try:
            compiled = compile_expression(rhs, usable)
        except FormulaError as err:
            pos = None if err.position is None else err.position + offset
            msg = err.message
            if msg.startswith("unknown name") and any(n in msg.split("'")[1:2] for n in temps):
                msg += " (a new name can be used only after the line that sets it)"
            raise RuleError(where, msg, pos, line) from None
        lines.append(_Line(name, line, compiled))
        known.add(name)
    init_names = tuple(n for n in names if n == "p" or n in hyper_names)
    initial = {}
    for key, text in rules.state.items():
        text = str(text) if isinstance(text, int | float) and not isinstance(text, bool) \
            else text
        try:
            initial[key] = compile_expression(text, init_names)
        except FormulaError as err:
            raise RuleError(f"state.{key}", err.message, err.position, err.text) from None
    return Compiled(rules, names, initial, tuple(lines))


_ROLE = {"g": "gradient", "p": "point", "t": "step counter"}


# --------------------------------------------------------------------------------------------
# The optimizer protocol
# --------------------------------------------------------------------------------------------
def _values(c: Compiled, hyper: Mapping[str, Any]) -> dict[str, Any]:
    return {h: hyper[h] for h in c.rules.hyper}


def _run_lines(c: Compiled, values: dict[str, Any], shape) -> dict[str, np.ndarray]:
    """Evaluate every line in order; ``values`` gains each target (arrays of ``shape``)."""
    for line in c.lines:
        out = line.compiled({n: values[n] for n in line.compiled.names})
        values[line.target] = np.broadcast_to(out, shape).copy() if out.shape != shape else out
    return values


def _spec(c: Compiled) -> OptimizerSpec:
    rules = c.rules
    state_names = tuple(rules.state)
    State = namedtuple(f"{rules.name.title().replace('_', '')}State",  # noqa: PYI024
                       ("count", *state_names))

    def init(params, hyper):
        params = np.asarray(params, dtype=np.float64)
        values = {"p": params, **_values(c, hyper)}
        arrays = []
        for key in state_names:
            expr = c.initial[key]
            arrays.append(np.broadcast_to(expr({n: values[n] for n in expr.names}),
                                          params.shape).copy())
        return State(0, *arrays)

    def update(grads, state, params, lr, hyper):
        t = state.count + 1
        values = {"g": grads, "p": params, "t": float(t), "lr": lr, **_values(c, hyper)}
        values.update(zip(state_names, state[1:], strict=True))
        values = _run_lines(c, values, np.shape(params))
        return values["p"], State(t, *(values[k] for k in state_names))

    def narrate(ctx: StepContext) -> Story:
        lines = Lines()
        values = {"g": ctx.g, "p": ctx.p, "t": float(ctx.t), "lr": ctx.lr,
                  **_values(c, ctx.hyper)}
        for k in state_names:
            values[k] = ctx.previous(k)
        for line in c.lines:
            out = line.compiled({n: values[n] for n in line.compiled.names})
            values[line.target] = np.broadcast_to(out, np.shape(ctx.p)).copy()
            kind = "update" if line.target == "p" else (
                "velocity" if line.target in state_names else "info")
            lines.add(kind, f"{line.text.strip()} → {format_vector(values[line.target])}")
        step = ctx.p - values["p"]
        g = np.where(ctx.g == 0, np.nan, ctx.g)
        with np.errstate(all="ignore"):
            effective = np.abs(step / g)
        lines.add("scale", f"the step moved by {format_vector(-step)}: "
                           f"|step / g| = {format_vector(effective)} per coordinate")
        return Story(lines, effective)

    params = tuple(_param(k, v) for k, v in rules.hyper.items())
    sweeps = tuple(Sweep(k, *_sweep_range(v)) for k, v in rules.hyper.items() if k != "lr")
    return OptimizerSpec(
        rules.name, rules.title or f"{rules.name} (your rules)",
        "; ".join(line.strip() for line in rules.update), params,
        init=init, update=update, state=State, narrate=narrate,
        dynamics=lambda hyper, t: Dynamics(OTHER), sweeps=sweeps,
        reference="your update rules (text)", rules=rules,
        short=rules.name)  # legends say "my_lion", never a built-in's name


def _param(name: str, default: float) -> Param:
    if name == "lr":
        return Param("lr", float(default), low=0, open_low=True, log_scale=True,
                     error="Invalid learning rate: {value}",
                     doc="learning rate: the lr of your update rules")
    return Param(name, float(default), doc=f"{name}: a hyperparameter of your update rules")


def _sweep_range(default: float) -> tuple[float, float]:
    """A map's row range around a hyperparameter's default: [0, 0.999] for a decay rate in
    [0, 1), else from 0 (or default / 10 for a tiny positive one such as eps) to twice it."""
    if 0 <= default < 1 and default >= 0.01:
        return 0.0, 0.999
    if 0 < default < 0.01:
        return default / 10, default * 10
    return (min(0.0, 2 * default), max(0.0, 2 * default)) if default else (0.0, 1.0)


# --------------------------------------------------------------------------------------------
# The registry of user optimizers
# --------------------------------------------------------------------------------------------
def install(rules: Rules) -> OptimizerSpec:
    """Compile ``rules`` and register them as an optimizer (replacing an earlier version of
    the same user optimizer; a built-in's name is refused). :class:`RuleError` if bad."""
    compiled = compile_rules(rules)
    known = base._SPECS.get(rules.name)
    if known is not None and known.rules is None:
        raise RuleError("name", f"'{rules.name}' is a built-in optimizer: choose another name")
    if known is not None and known.rules == rules:
        return known
    spec = _spec(compiled)
    base._SPECS[rules.name] = spec
    return spec


def uninstall(name: str) -> None:
    """Remove the user optimizer ``name`` (a built-in is never removed)."""
    known = base._SPECS.get(name)
    if known is not None and known.rules is not None:
        del base._SPECS[name]


def installed() -> list[Rules]:
    """The user optimizers registered so far."""
    return [s.rules for s in base.specs() if s.rules is not None]


def describe_error(err: FormulaError) -> str:
    """The message with the line and a caret under the position (as the formula field)."""
    return format_formula_error(err)


# --------------------------------------------------------------------------------------------
# Examples: built-ins written as rules (tests check they match to 1e-12)
# --------------------------------------------------------------------------------------------
EXAMPLES: dict[str, Rules] = {
    "lion_rules": Rules(
        "lion_rules", {"lr": 1e-4, "beta1": 0.9, "beta2": 0.99}, {"m": "0"},
        ("c = beta1*m + (1 - beta1)*g",
         "p = p - lr*sign(c)",
         "m = beta2*m + (1 - beta2)*g"),
        title="Lion, written as rules"),
    "adagrad_rms_rules": Rules(
        "adagrad_rms_rules", {"lr": 1e-2, "eps": 1e-10}, {"s": "0"},
        ("s = s + g^2",
         "sigma = sqrt(s/t) + eps",
         "p = p - lr*g/sigma"),
        title="Adagrad, root-mean-square form (lecture), written as rules"),
    "heavy_ball_rules": Rules(
        "heavy_ball_rules", {"lr": 1e-2, "momentum": 0.9}, {"b": "0"},
        ("b = momentum*b + g",
         "p = p - lr*b"),
        title="Heavy-ball momentum, written as rules"),
}
