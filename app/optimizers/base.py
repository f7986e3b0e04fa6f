"""The optimizer protocol: what one optimizer module declares, and the configured optimizer.

An optimizer is one module of this package that calls :func:`register` with an
:class:`OptimizerSpec`. The spec is the single declaration every consumer reads:

- the update rule, as two pure functions (the optax idea)::

      init(params, hyper) -> state
      update(grads, state, params, lr, hyper) -> (new_params, new_state)
      update(grads, state, params, lr, hyper, oracle)   # with needs_oracle=True

  ``params`` and ``grads`` are float64 arrays of shape ``(N, 2)`` (N start points racing at once;
  any shape works for optimizers without an oracle, e.g. the network lab's weight vectors).
  ``state`` is a NamedTuple whose ``count`` (a Python int shared by all points) is the number of
  updates so far; every other per-point array has the points on axis 0 (so :func:`take_rows`
  can keep some points). ``lr`` is this step's learning rate (base lr times the schedule).
  ``hyper`` maps torch's hyperparameter names to values: Python scalars, or float arrays that
  broadcast against ``params`` (an ``(N, 1)`` lr or momentum against ``(N, 2)`` points); an
  item of a tuple (``betas[0]``) may be such an array too. Every value branch is a mask, so each
  row of a batch moves exactly as that row would alone (a conformance test checks it bit for
  bit). ``oracle`` is the surface (``value``, ``grad``, ``hessian``, ``value_and_grad`` on
  ``(N, 2)`` points) for methods that evaluate it themselves (L-BFGS's line search, Newton).
- ``params``: the hyperparameters as :class:`surfaces.params.Param` specs (torch's names,
  defaults and error messages), from which forms, sliders, the CLI and validation are made. A
  wrapper whose parameters depend on a chosen value (Lookahead: its own plus those of the inner
  optimizer it names) also gives ``params_for(given) -> params``; :meth:`OptimizerSpec.params_of`
  is what consumers read (``params`` are then the parameters with the default choice);
- ``dynamics(hyper, t)``: how the stability analysis models a step (:class:`Dynamics`: GD,
  heavy ball, Nesterov, adaptive or other; momentum; step scale);
- ``effective_step(state, hyper, lr)``: the per-coordinate step ``lr / sigma`` of adaptive
  methods (None: the plain ``lr``);
- ``narrate(context)``: the step in words and numbers (:mod:`app.optimizers.narration`);
- ``sweeps``: the hyperparameters a stability map can put on its rows (:class:`Sweep`);
- ``readouts``: per-point numbers the engine records after each step (:class:`Readout`: a
  count such as L-BFGS's function evaluations, a scalar such as Prodigy's d, a second point
  such as schedule-free's evaluation point, or a step at which something happened, such as
  where gradient descent departs from the gradient flow).

A state may hold another optimizer's state (a wrapper's inner state, a NamedTuple): its
per-point arrays are indexed too (:func:`take_rows` recurses). ``needs_oracle`` may be a
function of the hyperparameters (a wrapper needs the surface if its inner optimizer does); a
consumer without a surface (the network lab) offers only optimizers whose ``needs_oracle`` is
``False``.

Array code in ``update`` is plain arithmetic, ``np.where`` masks and ufuncs on fresh arrays,
with torch's order of operations, so a code generator (or ``numba.njit``) can compile it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from surfaces.params import Param, unknown_name_error, validate_params

from .parts import Levels

__all__ = [
    "GD", "HEAVY_BALL", "NESTEROV", "ADAPTIVE", "OTHER", "FAMILIES",
    "Dynamics", "Sweep", "Readout", "READOUT_KINDS", "OptimizerSpec", "Optimizer",
    "register", "names", "spec", "specs", "make", "make_batch", "take_rows", "assign",
]

Array = np.ndarray
Hyper = Mapping[str, Any]

#: stability families (how the analysis judges ``lr * lambda_max``)
GD = "gd"  # plain gradient steps: limit 2
HEAVY_BALL = "heavy_ball"  # b = mu b + g: limit 2 + 2 mu
NESTEROV = "nesterov"  # Nesterov's look-ahead: its own limit
ADAPTIVE = "adaptive"  # per-coordinate steps lr / sigma: judged on diag(lr / sigma) H
OTHER = "other"  # no lr * lambda rule (sign steps, line searches, Newton)
FAMILIES = (GD, HEAVY_BALL, NESTEROV, ADAPTIVE, OTHER)


class Dynamics(NamedTuple):
    """A step near a point, as the stability analysis models it on the local quadratic.

    ``family`` (one of :data:`FAMILIES`); ``momentum``: heavy-ball / Nesterov momentum (Adam's
    beta1 counts as heavy ball); ``step_scale``: the step is ``lr * step_scale`` times the
    (preconditioned) gradient (SGD's dampening ``1 - dampening``, Adam's ``(1 - beta1) / (1 -
    beta1^t)``).
    """

    family: str
    momentum: float = 0.0
    step_scale: float = 1.0


class Sweep(NamedTuple):
    """A hyperparameter a stability map can put on its rows, from ``low`` to ``high``.

    ``param`` is the hyperparameter it sets (``betas`` for ``beta1``), ``index`` the item of a
    tuple hyperparameter (None for a number). A map that starts at a value the optimizer rejects
    (Nesterov at momentum 0) starts just above it.
    """

    name: str
    low: float
    high: float
    param: str = ""
    index: int | None = None

    @property
    def target(self) -> str:
        return self.param or self.name


#: what a :class:`Readout` can be
READOUT_KINDS = ("count", "scalar", "point", "step")


class Readout(NamedTuple):
    """A per-point number an optimizer reports after each step (recorded by the engine).

    ``kind``: ``"count"`` (whole numbers, e.g. function evaluations of the step), ``"scalar"``,
    ``"point"`` (a second point ``(N, 2)``, e.g. the point schedule-free evaluates; the surface
    view draws its path dashed) or ``"step"`` (the step at which something happened to the
    point, -1 until it does, e.g. where gradient descent departs from the gradient flow; the
    surface view marks the path there). ``read(state)`` returns ``(N,)`` (``(N, 2)`` for a
    point) from the state after an update; for the start (no update yet) the engine records
    zeros (a point: the start point; a step: -1).
    """

    name: str
    title: str
    kind: str
    read: Callable[[Any], Array]


def _lr_only_dynamics(family: str) -> Callable[[Hyper, int], Dynamics]:
    return lambda hyper, t: Dynamics(family)


@dataclass(frozen=True)
class OptimizerSpec:
    """Everything about one named optimizer (see the module docstring)."""

    name: str
    title: str
    summary: str  # one line: the update in symbols
    params: tuple[Param, ...]
    init: Callable[..., Any] = field(repr=False)
    update: Callable[..., tuple[Array, Any]] = field(repr=False)
    state: type = field(repr=False)  # the state NamedTuple
    narrate: Callable[[Any], Any] = field(repr=False)
    dynamics: Callable[[Hyper, int], Dynamics] = field(repr=False,
                                                       default=_lr_only_dynamics(OTHER))
    effective_step: Callable[[Any, Hyper, Any], Array] | None = field(repr=False, default=None)
    sweeps: tuple[Sweep, ...] = ()
    #: a map of this optimizer over a row parameter runs as that optimizer (gd: "momentum",
    #: whose momentum = 0 row is plain GD)
    map_as: str = ""
    fixed: Mapping[str, Any] = field(default_factory=dict)
    check: Callable[[Hyper], None] | None = field(default=None, repr=False)
    torch_name: str = ""  # the torch.optim class it matches ("" if none)
    reference: str = ""  # what it is checked against, in words
    needs_oracle: bool | Callable[[Hyper], bool] = False
    readouts: tuple[Readout, ...] = ()
    #: torch's spellings that have no TOML form, mapped to ours before validation (L-BFGS:
    #: ``max_eval=None`` is 0, ``line_search_fn=None`` is ``"none"``)
    none_means: Mapping[str, Any] = field(default_factory=dict)
    #: the parameters given some values (a wrapper's depend on the inner optimizer it names);
    #: None: always ``params``
    params_for: Callable[[Mapping[str, Any]], tuple[Param, ...]] | None = field(
        default=None, repr=False)
    #: a user optimizer's update rules as written (:class:`app.optimizers.rules.Rules`; None
    #: for a built-in): what a scenario file saves in ``[[rules]]``
    rules: Any = field(default=None, repr=False, compare=False)
    #: the short name a racer's label shows (``{optimizer}``; "" = the title up to its first
    #: " (" or ",": "Momentum (heavy ball)" -> "Momentum")
    short: str = ""

    @property
    def short_name(self) -> str:
        return self.short or self.title.split(" (")[0].split(",")[0]

    def params_of(self, given: Mapping[str, Any] | None = None) -> tuple[Param, ...]:
        """The hyperparameters that apply with the values ``given`` (``params`` unless the
        optimizer is a wrapper whose parameters depend on a choice)."""
        if self.params_for is None:
            return self.params
        return self.params_for(given or {})

    def effective(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Validated hyperparameters: defaults, then ``given``; ``ValueError`` if invalid."""
        given = {k: self.none_means[k] if v is None and k in self.none_means else v
                 for k, v in given.items()}
        hyper = validate_params(f"optimizer '{self.name}'", self.params_of(given), given)
        hyper.update(self.fixed)
        if self.check is not None:
            self.check(hyper)
        return hyper

    def defaults(self, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Default values of the parameters that apply with ``given`` (see :meth:`params_of`)."""
        return {p.name: p.default for p in self.params_of(given)}

    def oracle_needed(self, hyper: Hyper) -> bool:
        """True if ``update`` evaluates the surface itself with these hyperparameters."""
        return bool(self.needs_oracle(hyper) if callable(self.needs_oracle)
                    else self.needs_oracle)

    def sweep(self, name: str) -> Sweep | None:
        for s in self.sweeps:
            if s.name == name:
                return s
        return None

    def family(self, hyper: Hyper) -> str:
        return self.dynamics(hyper, 1).family


@dataclass(frozen=True)
class Optimizer:
    """A configured optimizer: its spec and effective hyperparameters (scalars or arrays)."""

    spec: OptimizerSpec = field(repr=False)
    hyper: Mapping[str, Any]

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def lr(self) -> Any:
        """The base learning rate: a float, or an array for a batch with one lr per row."""
        lr = self.hyper["lr"]
        return float(lr) if np.ndim(lr) == 0 else lr

    @property
    def batched(self) -> bool:
        """True if some hyperparameter is an array (one value per row)."""
        return any(_is_array(v) for v in _leaves(self.hyper))

    def init(self, params: Any) -> Any:
        return self.spec.init(np.asarray(params, dtype=np.float64), self.hyper)

    def update(self, grads: Any, state: Any, params: Any, lr: Any,
               oracle: Any = None) -> tuple[Array, Any]:
        g = np.asarray(grads, dtype=np.float64)
        if self.spec.oracle_needed(self.hyper):
            if oracle is None:
                raise ValueError(f"optimizer '{self.name}' evaluates the surface itself: it "
                                 "needs the surface (oracle) in update")
            return self.spec.update(g, state, params, lr, self.hyper, oracle)
        return self.spec.update(g, state, params, lr, self.hyper)

    def take(self, rows: Any) -> Optimizer:
        """The optimizer for the points ``rows`` of a batch (array hyperparameters indexed)."""
        if not self.batched:
            return self
        return Optimizer(self.spec, {k: _take_value(v, rows) for k, v in self.hyper.items()})


def _is_array(v: Any) -> bool:
    return isinstance(v, np.ndarray) and v.ndim >= 1


def _leaves(hyper: Hyper):
    for v in hyper.values():
        if isinstance(v, tuple):
            yield from v
        else:
            yield v


def _take_value(v: Any, rows: Any) -> Any:
    if isinstance(v, tuple):
        return tuple(_take_value(x, rows) for x in v)
    return v[rows] if _is_array(v) else v


def take_rows(state: Any, rows: Any, n: int) -> Any:
    """``state`` with every per-point array (first axis of length ``n``) indexed by ``rows``;
    a nested state (a wrapper's inner optimizer, e.g. Lookahead's) is cut the same way."""
    def cut(v):
        if isinstance(v, np.ndarray) and v.ndim >= 1 and v.shape[0] == n:
            return v[rows]
        if isinstance(v, tuple) and hasattr(v, "_fields"):
            return take_rows(v, rows, n)
        return v

    return type(state)(*(cut(v) for v in state))



# --------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------
_SPECS: dict[str, OptimizerSpec] = {}


def register(s: OptimizerSpec) -> OptimizerSpec:
    """Add an optimizer to the registry (its module calls this once on import)."""
    if not s.name or s.name in _SPECS:
        raise RuntimeError(f"optimizer name {s.name!r} is empty or taken")
    _SPECS[s.name] = s
    return s


def names() -> list[str]:
    """All optimizer names, presets first (``gd``, ``momentum``, ``nesterov``, ...)."""
    return list(_SPECS)


def specs() -> list[OptimizerSpec]:
    return list(_SPECS.values())


def spec(name: str) -> OptimizerSpec:
    try:
        return _SPECS[name]
    except (KeyError, TypeError):
        raise unknown_name_error("optimizer", name, _SPECS) from None


def make(name: str, **hyper: Any) -> Optimizer:
    """A configured optimizer; unknown names and invalid values raise ``ValueError``."""
    s = spec(name)
    return Optimizer(s, s.effective(hyper))


def make_batch(name: str, hyper: Mapping[str, Any], rows: Mapping[str, Any]) -> Optimizer:
    """An optimizer whose hyperparameters ``rows`` (names: ``lr``, a Param's name or a sweep's,
    e.g. ``beta1``) are arrays, one value per point (shape ``(N,)``; stored as ``(N, 1)`` so
    they broadcast against ``(N, 2)`` points). Every combination of the arrays' smallest and
    largest values is validated like a scalar (each hyperparameter's valid set is an interval).
    """
    s = spec(name)
    arrays = {k: np.asarray(v, dtype=np.float64).reshape(-1) for k, v in rows.items()}
    sizes = {a.size for a in arrays.values()}
    if len(sizes) > 1 or 0 in sizes:
        raise ValueError("batched hyperparameters need the same number of values, at least one")
    for key in arrays:
        if key != "lr" and s.sweep(key) is None and key not in s.defaults(hyper):
            raise ValueError(f"Unknown parameter '{key}' for optimizer '{name}'")
        if not np.isfinite(arrays[key]).all():
            raise ValueError(f"optimizer '{name}': {key} must be finite numbers")
    corners = [(k, (float(a.min()), float(a.max()))) for k, a in arrays.items()]
    effective = None
    for combo in itertools.product(*(ends for _, ends in corners)):
        h = assign(s, dict(hyper), dict(zip((k for k, _ in corners), combo, strict=True)))
        effective = s.effective(h)
    if effective is None:
        effective = s.effective(dict(hyper))
    columns = {k: Levels(a[:, None]) for k, a in arrays.items()}
    return Optimizer(s, assign(s, effective, columns))


def assign(s: OptimizerSpec, hyper: dict[str, Any], values: Mapping[str, Any]) -> dict:
    """``hyper`` with ``values`` set (a sweep name such as ``beta1`` sets its tuple item)."""
    for key, value in values.items():
        sw = s.sweep(key)
        if sw is not None and sw.index is not None:
            items = list(hyper.get(sw.target, s.defaults(hyper)[sw.target]))
            items[sw.index] = value
            hyper[sw.target] = tuple(items)
        else:
            hyper[sw.target if sw is not None else key] = value
    return hyper
