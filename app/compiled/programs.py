"""Trace a configured optimizer and a surface into straight-line scalar programs.

A :class:`SurfaceProgram` is the value and gradient of one point ``(x, y)``. An
:class:`OptimizerProgram` is one point's update in two blocks: the *first* update (from the
state ``init`` made, with the step count 0: a momentum buffer may still be ``None``) and the
*steady* update (from the state an update made, with the step count a symbol ``k >= 1``), whose
state must have the same layout as its input (checked). The state is carried between steps as
float *slots*; hyperparameters are float symbols (one per number, scalar or one per point), so
one compiled program serves every value of lr, momentum or a beta; only the options that change
the code (booleans, whole numbers, names) and which numbers vary per point are part of its key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from app.optimizers import Optimizer

from .trace import Node, Traced, TraceError, apply, leaf_values, symbol, tracing

__all__ = ["Block", "SurfaceProgram", "OptimizerProgram", "trace_surface", "trace_optimizer",
           "optimizer_key", "surface_key", "hyper_columns", "state_columns"]


@dataclass(frozen=True)
class Block:
    """Straight-line code: ``outputs`` (Nodes or constants) of the inputs named ``inputs``."""

    inputs: tuple[str, ...]
    outputs: tuple[Any, ...]


@dataclass(frozen=True)
class SurfaceProgram:
    key: tuple
    block: Block  # (x_0, y_0) -> (value, gx, gy)
    blowup: float


@dataclass(frozen=True)
class OptimizerProgram:
    key: tuple
    hyper_paths: tuple[tuple[str, int | None], ...]  # where each hyper slot comes from
    init_layout: tuple  # how init's state becomes slots (see state_columns)
    first: Block  # (p, g, lr, h, s) -> (new p_0, p_1, carried slots)
    steady: Block  # (k, p, g, lr, h, c) -> (new p_0, p_1, carried slots)
    carried: int  # number of carried state slots


# --------------------------------------------------------------------------------------------
# Keys: what changes the code
# --------------------------------------------------------------------------------------------
def _marker(v: Any) -> Any:
    if isinstance(v, bool | np.bool_):
        return bool(v)
    if isinstance(v, int | np.integer):
        return ("int", int(v))
    if isinstance(v, float | np.floating):
        return "float"
    if isinstance(v, np.ndarray):
        return "rows"
    if isinstance(v, tuple):
        return tuple(_marker(x) for x in v)
    if v is None or isinstance(v, str):
        return v
    return ("other", type(v).__name__)


def optimizer_key(optimizer: Optimizer) -> tuple:
    return (optimizer.spec.name,) + tuple(sorted((k, _marker(v))
                                                  for k, v in optimizer.hyper.items()))


def surface_key(surface: Any) -> tuple:
    params = tuple(sorted((k, repr(v)) for k, v in surface.params.items()))
    return (type(surface).__module__, type(surface).__qualname__, params,
            repr(float(getattr(surface, "blowup", 1e12))))


# --------------------------------------------------------------------------------------------
# Surfaces
# --------------------------------------------------------------------------------------------
def _one(values: Any, what: str) -> Any:
    items = leaf_values(values)
    if len(items) != 1:
        raise TraceError(f"{what} has {len(items)} elements per point")
    return items[0]


def _formula_parts(surface: Any, x: Traced, y: Traced):
    """A formula surface: its lambdified expressions (generated from the formula's syntax
    tree), with the same masking as its numpy functions (the gradient is NaN where f is)."""
    value = surface.compiled._value.raw(x, y)[0]
    f, gx, gy = surface.compiled._grad.raw(x, y)
    undefined = np.isnan(f) if isinstance(f, Traced) else bool(np.isnan(f))
    return value, tuple(np.where(undefined, np.nan, g) for g in (gx, gy))


def trace_surface(surface: Any) -> SurfaceProgram:
    """The value and gradient of one point; :class:`TraceError` if the surface's code does
    something the tracer cannot record (then it runs on numpy)."""
    try:
        return _trace_surface(surface)
    except TraceError:
        raise
    except Exception as err:  # noqa: BLE001 (numpy refusing symbols: not traceable)
        raise TraceError(f"{type(err).__name__}: {err}") from err


def _trace_surface(surface: Any) -> SurfaceProgram:
    with tracing():
        x, y = symbol("x", (1,)), symbol("y", (1,))
        if hasattr(getattr(getattr(surface, "compiled", None), "_value", None), "raw"):
            value, (gx, gy) = _formula_parts(surface, x, y)
        else:
            value = surface._value(x, y)
            gx, gy = surface._grad(x, y)
        outputs = (_one(value, "the value"), _one(gx, "df/dx"), _one(gy, "df/dy"))
    for o in outputs:
        if isinstance(o, Node) and o.kind == "b":
            raise TraceError("a surface returned a truth value")
    return SurfaceProgram(surface_key(surface), Block(("x_0", "y_0"), outputs),
                          float(getattr(surface, "blowup", 1e12)))


# --------------------------------------------------------------------------------------------
# Hyperparameters: float numbers become symbols h{j} of shape (1, 1)
# --------------------------------------------------------------------------------------------
def _symbolic_hyper(hyper) -> tuple[dict, list[tuple[str, int | None]]]:
    paths: list[tuple[str, int | None]] = []

    def convert(v, key, index):
        if isinstance(v, bool | np.bool_) or isinstance(v, int | np.integer) or v is None \
                or isinstance(v, str):
            return v
        if isinstance(v, float | np.floating) or (isinstance(v, np.ndarray)
                                                   and v.ndim == 2 and v.shape[1] == 1):
            paths.append((key, index))
            return symbol(f"h{len(paths) - 1}", (1, 1))
        raise TraceError(f"hyperparameter {key} of type {type(v).__name__}")

    out = {}
    for key, v in hyper.items():
        if isinstance(v, tuple):
            out[key] = tuple(convert(x, key, i) for i, x in enumerate(v))
        else:
            out[key] = convert(v, key, None)
    return out, paths


def hyper_columns(paths, hyper, n: int) -> np.ndarray:
    """The hyper slots as an ``(n or 1, H)`` float array (one row if all are scalars)."""
    values = [hyper[k] if i is None else hyper[k][i] for k, i in paths]
    rows = n if any(np.ndim(v) for v in values) else 1
    out = np.empty((rows, max(len(values), 1)))
    for j, v in enumerate(values):
        out[:, j] = np.asarray(v, dtype=np.float64).reshape(-1) if np.ndim(v) else float(v)
    return out


# --------------------------------------------------------------------------------------------
# State: leaves become float slots
# --------------------------------------------------------------------------------------------
def _is_state(v: Any) -> bool:
    return isinstance(v, tuple) and hasattr(v, "_fields")


def _layout(state: Any, n: int) -> tuple:
    """A description of ``state``'s leaves: ("slots", shape) for per-point float arrays and
    numbers, ("const", value) for None/bools/ints, ("state", type, fields) for nesting."""
    if _is_state(state):
        return ("state", type(state), tuple(_layout(v, n) for v in state))
    if state is None or isinstance(state, bool | np.bool_ | str):
        return ("const", state)
    if isinstance(state, int | np.integer):
        return ("int", int(state))
    if isinstance(state, float | np.floating):
        return ("slots", ())
    if isinstance(state, np.ndarray):
        if state.dtype != np.float64:
            raise TraceError(f"a state array of type {state.dtype}")
        if state.ndim == 0:
            return ("slots", ())
        if state.shape[0] != n:
            raise TraceError("a state array not per point")
        return ("slots", (1,) + state.shape[1:])
    if isinstance(state, Traced):
        return ("slots", state.shape)
    if isinstance(state, Node):
        return ("slots", ())
    raise TraceError(f"a state value of type {type(state).__name__}")


def _width(shape: tuple) -> int:
    return int(np.prod(shape)) if shape else 1


def state_columns(layout: tuple, state: Any, n: int) -> np.ndarray:
    """``state`` (made by init for ``n`` points) as an ``(n, slots)`` float array."""
    cols: list[np.ndarray] = []

    def walk(lay, v):
        if lay[0] == "state":
            for sub, x in zip(lay[2], v, strict=True):
                walk(sub, x)
        elif lay[0] == "slots":
            a = np.asarray(v, dtype=np.float64)
            w = _width(lay[1])
            cols.append(np.broadcast_to(a.reshape(n, w) if a.ndim else a, (n, w)))

    walk(layout, state)
    if not cols:
        return np.zeros((n, 1))
    return np.ascontiguousarray(np.concatenate(cols, axis=1))


def _symbolic_state(layout: tuple, prefix: str, names: list[str], shapes: list) -> Any:
    """A state of symbols ``{prefix}{j}`` following ``layout`` (ints and constants as given)."""
    def build(lay):
        if lay[0] == "state":
            return lay[1](*(build(sub) for sub in lay[2]))
        if lay[0] in ("const", "int"):
            return lay[1]
        names.append(f"{prefix}{len(names)}")
        shapes.append(lay[1])
        return symbol(names[-1], lay[1])

    return build(layout)


def _slot_values(layout: tuple, state: Any) -> list[Any]:
    out: list[Any] = []

    def walk(lay, v):
        if lay[0] == "state":
            for sub, x in zip(lay[2], v, strict=True):
                walk(sub, x)
        elif lay[0] == "slots":
            vals = leaf_values(v)
            if len(vals) != _width(lay[1]):
                raise TraceError("a state array changed size")
            out.extend(vals)

    walk(layout, state)
    return out


def _carry_layout(before: tuple | None, after: tuple) -> tuple:
    """The layout the steady update carries: ``after`` (the state the first update made), its
    ints marked as constants (unchanged) or step counts (one more than in ``before``)."""
    if after[0] == "state":
        subs = (before[2] if before is not None and before[0] == "state"
                and before[1] is after[1] else (None,) * len(after[2]))
        return ("state", after[1], tuple(_carry_layout(b, a)
                                         for b, a in zip(subs, after[2], strict=True)))
    if after[0] == "int":
        if before is not None and before[0] == "int":
            if after[1] == before[1]:
                return ("const", after[1])
            if after[1] == before[1] + 1:
                return ("count", after[1])
        raise TraceError("a whole-number state value that is not a step count")
    return after


def _flat_inputs(names: list[str], shapes: list) -> list[str]:
    return [f"{name}_{j}" for name, shape in zip(names, shapes, strict=True)
            for j in range(_width(shape))]


def trace_optimizer(optimizer: Optimizer, init_state: Any, n: int) -> OptimizerProgram:
    """The first and steady update of ``optimizer`` (``init_state``: what init made for ``n``
    points; only its layout is used); :class:`TraceError` if not traceable."""
    try:
        return _trace_optimizer(optimizer, init_state, n)
    except TraceError:
        raise
    except Exception as err:  # noqa: BLE001 (numpy refusing symbols: not traceable)
        raise TraceError(f"{type(err).__name__}: {err}") from err


def _trace_optimizer(optimizer: Optimizer, init_state: Any, n: int) -> OptimizerProgram:
    spec = optimizer.spec
    if spec.oracle_needed(optimizer.hyper):
        raise TraceError(f"{spec.name} evaluates the surface itself")
    init_layout = _layout(init_state, n)
    with tracing():
        hyper, paths = _symbolic_hyper(optimizer.hyper)
        p, g, lr = symbol("p", (1, 2)), symbol("g", (1, 2)), symbol("lr", (1, 1))
        h_names = [f"h{j}_0" for j in range(len(paths))]

        # the first update: from the state init made, its ints as they are (count = 0)
        s_names: list[str] = []
        s_shapes: list = []
        state0 = _symbolic_state(init_layout, "s", s_names, s_shapes)
        new_p, state1 = spec.update(g, state0, p, lr, hyper)
        lay1 = _carry_layout(init_layout, _layout(state1, 1))
        first_inputs = ("p_0", "p_1", "g_0", "g_1", "lr_0", *h_names,
                        *_flat_inputs(s_names, s_shapes))
        first_out = (*_point(new_p), *_slot_values(lay1, state1))

        # the steady update: step counts are k + offset with k >= 1 a symbol
        k = symbol("k", (), kind="i", low=1)

        def carried(lay, names, shapes):
            if lay[0] == "state":
                return lay[1](*(carried(sub, names, shapes) for sub in lay[2]))
            if lay[0] == "const":
                return lay[1]
            if lay[0] == "count":
                return k if lay[1] == 1 else k + (lay[1] - 1)
            names.append(f"c{len(names)}")
            shapes.append(lay[1])
            return symbol(names[-1], lay[1])

        c_names: list[str] = []
        c_shapes: list = []
        state1_sym = carried(lay1, c_names, c_shapes)
        new_p2, state2 = spec.update(g, state1_sym, p, lr, hyper)
        _check_steady(lay1, state1_sym, state2)
        steady_inputs = ("k_0", "p_0", "p_1", "g_0", "g_1", "lr_0", *h_names,
                         *_flat_inputs(c_names, c_shapes))
        steady_out = (*_point(new_p2), *_slot_values(lay1, state2))
    if len(first_out) != len(steady_out):
        raise TraceError("the first and later updates carry different states")
    for o in first_out + steady_out:
        if isinstance(o, Node) and o.kind == "b":
            raise TraceError("a truth value in the state")
    return OptimizerProgram(optimizer_key(optimizer), tuple(paths), init_layout,
                            Block(first_inputs, first_out), Block(steady_inputs, steady_out),
                            len(first_out) - 2)


def _check_steady(lay: tuple, before: Any, after: Any) -> None:
    """The steady update must return the layout it was given (counts one step further)."""
    if lay[0] == "state":
        if type(after) is not lay[1]:
            raise TraceError("the state changed its type")
        for sub, x, y in zip(lay[2], before, after, strict=True):
            _check_steady(sub, x, y)
    elif lay[0] == "count":
        expected = apply("add", leaf_values(before)[0], 1)
        if isinstance(after, Traced | Node | int) and leaf_values(after) == [expected] \
                and leaf_values(after)[0] is expected:
            return
        raise TraceError("a step count that does not count steps")
    elif lay[0] == "const":
        if isinstance(after, Traced | Node) or type(after) is not type(lay[1]) \
                or after != lay[1]:
            raise TraceError("a constant state value changed")
    elif len(leaf_values(after) if after is not None else []) != _width(lay[1]):
        raise TraceError("the state changed its structure")


def _point(new_p: Any) -> list[Any]:
    values = leaf_values(new_p)
    if len(values) != 2:
        raise TraceError("the update returned a point of another shape")
    return values
