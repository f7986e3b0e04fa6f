"""Write a traced surface and optimizer as one Python module of scalar code for numba.

The module has the surface's ``value_and_grad(x, y)``, the optimizer's ``first`` and
``steady`` updates (see :mod:`.programs`) and ``run``, the engine's loop over steps for every
start point, in blocks (the caller runs pieces of the batch on several threads, the GIL
released; one compiled function serves one thread or many): divergence and freezing exactly as
:func:`app.engine.iterate`, decimated storage, final states, and the maps' convergence
criteria. Every operation is written as numpy performs it (helpers for ``np.maximum``'s NaN
rule, ``np.sign``, ``np.heaviside``, ``np.logaddexp``), in the traced order; numba compiles
without fast-math, so rounding follows IEEE arithmetic as numpy's does.
"""

from __future__ import annotations

import math
from typing import Any

from .programs import Block, OptimizerProgram, SurfaceProgram
from .trace import Node

__all__ = ["module_source"]

_EXPR = {
    "add": "({0} + {1})", "subtract": "({0} - {1})", "multiply": "({0} * {1})",
    "true_divide": "({0} / {1})", "negative": "(-{0})", "positive": "(+{0})",
    "absolute": "abs({0})", "square": "({0} * {0})", "reciprocal": "(1.0 / {0})",
    "sqrt": "math.sqrt({0})", "exp": "math.exp({0})", "expm1": "math.expm1({0})",
    "log": "math.log({0})", "log1p": "math.log1p({0})", "log2": "math.log2({0})",
    "log10": "math.log10({0})", "sin": "math.sin({0})", "cos": "math.cos({0})",
    "tan": "math.tan({0})", "arcsin": "math.asin({0})", "arccos": "math.acos({0})",
    "arctan": "math.atan({0})", "arctan2": "math.atan2({0}, {1})", "sinh": "math.sinh({0})",
    "cosh": "math.cosh({0})", "tanh": "math.tanh({0})", "arcsinh": "math.asinh({0})",
    "arccosh": "math.acosh({0})", "arctanh": "math.atanh({0})",
    "hypot": "math.hypot({0}, {1})", "float_power": "math.pow(float({0}), float({1}))",
    "copysign": "math.copysign({0}, {1})", "exp2": "math.pow(2.0, float({0}))",
    "cbrt": "np.cbrt({0})", "rint": "np.rint({0})", "floor": "np.floor({0})",
    "ceil": "np.ceil({0})", "trunc": "np.trunc({0})",
    "deg2rad": "({0} * (math.pi / 180.0))", "rad2deg": "({0} * (180.0 / math.pi))",
    "maximum": "_maximum({0}, {1})", "minimum": "_minimum({0}, {1})",
    "fmax": "_fmax({0}, {1})", "fmin": "_fmin({0}, {1})", "sign": "_sign({0})",
    "heaviside": "_heaviside({0}, {1})", "logaddexp": "_logaddexp({0}, {1})",
    "less": "({0} < {1})", "less_equal": "({0} <= {1})", "greater": "({0} > {1})",
    "greater_equal": "({0} >= {1})", "equal": "({0} == {1})", "not_equal": "({0} != {1})",
    "logical_and": "({0} and {1})", "logical_or": "({0} or {1})",
    "logical_xor": "({0} != {1})", "logical_not": "(not {0})",
    "isfinite": "math.isfinite({0})", "isnan": "math.isnan({0})", "isinf": "math.isinf({0})",
    "signbit": "(math.copysign(1.0, {0}) < 0.0)", "where": "({1} if {0} else {2})",
}

_OPTIONS = 'cache=True, error_model="numpy", nogil=True'

_PRELUDE = """\
import math

import numpy as np
from numba import njit

from app.compiled.runtime import (
    _bad,
    _fmax,
    _fmin,
    _heaviside,
    _hit,
    _logaddexp,
    _maximum,
    _minimum,
    _norm,
    _sign,
)
"""


def _literal(v: Any) -> str:
    if isinstance(v, bool):
        return repr(v)
    if isinstance(v, int):
        return repr(v)
    v = float(v)
    if math.isnan(v):
        return "math.nan"
    if math.isinf(v):
        return "math.inf" if v > 0 else "(-math.inf)"
    return repr(v)


def _order(outputs, given: dict[int, str]) -> list[Node]:
    """The nodes ``outputs`` need, arguments first (``given`` nodes are not entered)."""
    order: list[Node] = []
    seen: set[int] = set(given)
    for out in outputs:
        if not isinstance(out, Node):
            continue
        stack = [(out, False)]
        while stack:
            node, done = stack.pop()
            if id(node) in seen:
                continue
            if done:
                seen.add(id(node))
                order.append(node)
                continue
            stack.append((node, True))
            for a in node.args:
                if isinstance(a, Node) and id(a) not in seen:
                    stack.append((a, False))
    return order


def _function(name: str, block: Block, given: dict[int, str] | None = None) -> str:
    """``def name(inputs): ...; return (outputs)`` for a block; ``given`` nodes are extra
    arguments (values computed elsewhere) named as given."""
    given = given or {}
    order = _order(block.outputs, given)
    names: dict[int, str] = dict(given)
    args = [*block.inputs, *given.values()]
    lines = [f"@njit({_OPTIONS})", f"def {name}({', '.join(args)}):"]
    inputs = set(block.inputs)

    def ref(a: Any) -> str:
        return names[id(a)] if isinstance(a, Node) else _literal(a)

    for node in order:
        if node.op == "in":
            if node.args[0] not in inputs:
                raise ValueError(f"input {node.args[0]} is not an argument of {name}")
            names[id(node)] = node.args[0]
            continue
        var = f"t{len(names)}"
        names[id(node)] = var
        lines.append(f"    {var} = {_EXPR[node.op].format(*(ref(a) for a in node.args))}")
    outs = [f"float({ref(o)})" for o in block.outputs]
    lines.append(f"    return ({', '.join(outs)},)")
    return "\n".join(lines)


_EXPENSIVE = {"float_power", "exp", "expm1", "log", "log1p", "log2", "log10", "sqrt", "sin",
              "cos", "tan", "tanh", "sinh", "cosh", "arcsin", "arccos", "arctan", "arctan2",
              "hypot", "exp2", "cbrt", "true_divide"}


def _uniform_inputs(opt: OptimizerProgram) -> set[str]:
    """Inputs of the steady update that are the same for every start point: the step count,
    and the hyperparameters (and lr) that are one number, not one per point."""
    markers = dict(opt.key[1:])
    out = {"k_0"}
    if markers.get("lr") == "float":
        out.add("lr_0")
    for j, (key, index) in enumerate(opt.hyper_paths):
        m = markers.get(key)
        if (m[index] if index is not None and isinstance(m, tuple) else m) == "float":
            out.add(f"h{j}_0")
    return out


def hoisted(opt: OptimizerProgram) -> list[Node]:
    """The steady update's float values that depend on the step only (``beta^t`` and the
    like): computed once per step for all start points, not once per point."""
    uniform_in = _uniform_inputs(opt)
    uniform: dict[int, bool] = {}
    for node in _order(opt.steady.outputs, {}):
        if node.op == "in":
            uniform[id(node)] = node.args[0] in uniform_in
        else:
            uniform[id(node)] = all(uniform.get(id(a), False) if isinstance(a, Node) else True
                                    for a in node.args)
    order = _order(opt.steady.outputs, {})
    lifted = {id(n) for n in order if uniform[id(n)] and n.op != "in" and n.kind == "f"}
    if not any(n.op in _EXPENSIVE for n in order if id(n) in lifted):
        return []
    frontier: dict[int, Node] = {}
    for node in order:
        if id(node) in lifted:
            continue
        for a in node.args:
            if isinstance(a, Node) and id(a) in lifted:
                frontier[id(a)] = a
    for o in opt.steady.outputs:
        if isinstance(o, Node) and id(o) in lifted:
            frontier[id(o)] = o
    return list(frontier.values())


#: start points advanced in lockstep by one call of ``block`` (the compiler vectorizes the
#: loop over them; the blocks run in parallel). With compaction a large block wastes nothing
#: on finished points; 512 measured fastest for maps (64: 1.7x the CPU, 2048: the same)
BLOCK = 512


def _run(opt: OptimizerProgram, n_u: int) -> str:
    nh = len(opt.hyper_paths)
    m = opt.carried
    s_names = [i for i in opt.first.inputs if i.startswith("s")]
    h_args = "".join(f", HB[{j}, j]" for j in range(nh))
    s_args = "".join(f", S[b0 + j, {j}]" for j in range(len(s_names)))  # k = 0: no point has left
    c_args = "".join(f", C[{q}, j]" for q in range(m))
    u_args = "".join(f", u[{q}]" for q in range(n_u))
    pre_args = ", ".join(["k", "LR[b0] * FAC[k]"] + [f"H[b0, {j}]" for j in range(nh)])
    pre = f"            u = pre({pre_args})\n" if n_u else ""
    keep_c = "".join(f"                C[{q}, j] = r[{2 + q}] if keep else C[{q}, j]\n"
                     for q in range(m))
    # branch-free (selects), so that the compiler can vectorize the loop over the points
    tail = f"""\
                qx = r[0]
                qy = r[1]
                qf, qgx, qgy = value_and_grad(qx, qy)
                live = (DV[j] < 0) & (CV[j] < 0)
                ok = (math.isfinite(qf) & (qf <= blowup) & math.isfinite(qx) & math.isfinite(qy)
                      & math.isfinite(qgx) & math.isfinite(qgy))
                keep = live & ok
                DV[j] = k + 1 if live & (not ok) else DV[j]
                X[j] = qx if keep else X[j]
                Y[j] = qy if keep else Y[j]
                F[j] = qf if keep else F[j]
                GX[j] = qgx if keep else GX[j]
                GY[j] = qgy if keep else GY[j]
{keep_c}"""
    # the criteria of _hit, branch-free so that the loops over the points vectorize
    converge = """\
        if crit == 1:
            for j in range(w):
                HIT[j] = False
            for q in range(minima.shape[0]):
                mx = minima[q, 0]
                my = minima[q, 1]
                for j in range(w):
                    dx = X[j] - mx
                    dy = Y[j] - my
                    HIT[j] = HIT[j] | (dx * dx + dy * dy < tol)
        elif crit == 2:
            for j in range(w):
                HIT[j] = (F[j] - fmin) < tol
        elif crit == 3:
            for j in range(w):
                HIT[j] = GX[j] * GX[j] + GY[j] * GY[j] < tol
        if crit != 0:
            for j in range(w):
                hit = (DV[j] < 0) & (CV[j] < 0) & HIT[j]
                CV[j] = k + 1 if hit else CV[j]
        alive = 0
        for j in range(w):
            alive += (DV[j] < 0) & (CV[j] < 0)
"""
    def lines(indent: int, *rows: str) -> str:
        return "".join(" " * indent + row + "\n" for row in rows)

    def stored_row(s: str) -> tuple[str, ...]:
        """Slot j's state as stored step ``s`` of its start point ``o``."""
        return (f"OUT_P[{s}, o, 0] = X[j]", f"OUT_P[{s}, o, 1] = Y[j]", f"OUT_F[{s}, o] = F[j]",
                f"OUT_G[{s}, o] = _norm(GX[j], GY[j])")

    def final(indent: int) -> str:
        """Slot j's final state into the outputs of its start point."""
        return lines(
            indent,
            "o = b0 + ID[j]",
            "FIN_P[o, 0] = X[j]",
            "FIN_P[o, 1] = Y[j]",
            "FIN_F[o] = F[j]",
            "FIN_G[o, 0] = GX[j]",
            "FIN_G[o, 1] = GY[j]",
            "DIV[o] = DV[j]",
            "CONV[o] = CV[j]")

    moves = "".join(f"                    C[{q}, w_] = C[{q}, j]\n" for q in range(m)) + "".join(
        f"                    HB[{q}, w_] = HB[{q}, j]\n" for q in range(nh))
    # finished points leave the block (their final state written out, and into every step
    # still to be stored: a finished point stays where it stopped), so that the loop runs over
    # the points left only, contiguous; a few slow points no longer drag the whole block along
    compact = f"""\
        if alive > 0 and 4 * alive <= 3 * w:
            w_ = 0
            for j in range(w):
                if DV[j] < 0 and CV[j] < 0:
                    X[w_] = X[j]
                    Y[w_] = Y[j]
                    F[w_] = F[j]
                    GX[w_] = GX[j]
                    GY[w_] = GY[j]
{moves}                    LB[w_] = LB[j]
                    ID[w_] = ID[j]
                    DV[w_] = DV[j]
                    CV[w_] = CV[j]
                    w_ += 1
                else:
{final(20)}{lines(20, "for s_ in range(stored, n_store):")}{lines(24, *stored_row("s_"))}\
            w = w_
"""

    def store(indent: int) -> str:
        return (lines(indent, "for j in range(w):", "    o = b0 + ID[j]")
                + lines(indent + 4, *stored_row("stored")) + lines(indent, "stored += 1"))
    args = ("P, LR, FAC, H, S, steps, AT, blowup, crit, minima, tol, fmin, "
            "OUT_P, OUT_F, OUT_G, FIN_P, FIN_F, FIN_G, DIV, CONV")
    return f'''\
@njit({_OPTIONS})
def run(B0, B1, {args}):
    """Blocks B0 .. B1 - 1 (the caller hands pieces of the batch to several threads; this
    runs with the GIL released)."""
    n = P.shape[0]
    for b in range(B0, B1):
        block(b * {BLOCK}, min(n, (b + 1) * {BLOCK}), {args})


@njit({_OPTIONS})
def block(b0, b1, {args}):
    """Start points b0 .. b1 - 1, in lockstep: the engine's loop over steps. Points that
    finish leave the block (compaction), so the loop runs over the live points only."""
    w = b1 - b0
    n_store = AT.shape[0]
    X = np.empty(w)
    Y = np.empty(w)
    F = np.empty(w)
    GX = np.empty(w)
    GY = np.empty(w)
    C = np.zeros(({max(m, 1)}, w))
    DV = np.full(w, -1, np.int64)
    CV = np.full(w, -2, np.int64)
    HIT = np.zeros(w, np.bool_)
    # the block's hyperparameters, one contiguous row each (strided reads stop vectorizing)
    HB = np.empty(({max(nh, 1)}, w))
    for q in range({nh}):
        for j in range(w):
            HB[q, j] = H[b0 + j, q]
    LB = np.empty(w)
    ID = np.empty(w, np.int64)  # slot j holds start point b0 + ID[j]
    for j in range(w):
        LB[j] = LR[b0 + j]
        ID[j] = j
    alive = 0
    for j in range(w):
        x = P[b0 + j, 0]
        y = P[b0 + j, 1]
        f, gx, gy = value_and_grad(x, y)
        X[j] = x
        Y[j] = y
        F[j] = f
        GX[j] = gx
        GY[j] = gy
        if _bad(x, y, f, gx, gy, blowup):
            DV[j] = 0
        elif crit != 0 and _hit(crit, x, y, f, gx, gy, minima, tol, fmin):
            CV[j] = 0
        else:
            alive += 1
    stored = 0
    if n_store > 0 and AT[0] == 0:
{store(8)}
    k = 0
    while k < steps and alive > 0:
        if k == 0:
            for j in range(w):
                lr_0 = LB[j] * FAC[k]
                r = first(X[j], Y[j], GX[j], GY[j], lr_0{h_args}{s_args})
{tail}        else:
{pre}            for j in range(w):
                lr_0 = LB[j] * FAC[k]
                r = steady(k, X[j], Y[j], GX[j], GY[j], lr_0{h_args}{c_args}{u_args})
{tail}{converge}{compact}        k += 1
        if stored < n_store and AT[stored] == k:
{store(12)}    while stored < n_store:
{store(8)}
    for j in range(w):
{final(8)}'''


def module_source(surface: SurfaceProgram, optimizer: OptimizerProgram) -> str:
    """The whole module for one surface and one optimizer configuration."""
    lifted = hoisted(optimizer)
    given = {id(n): f"u{j}" for j, n in enumerate(lifted)}
    parts = [
        f'"""Generated by app.compiled from {surface.key[1]} and {optimizer.key[0]}; do not '
        f'edit."""',
        _PRELUDE,
        _function("value_and_grad", surface.block),
        _function("first", optimizer.first),
        _function("steady", optimizer.steady, given),
    ]
    if lifted:
        parts.append(_function("pre", Block(("k_0", "lr_0", *(f"h{j}_0" for j in range(
            len(optimizer.hyper_paths)))), tuple(lifted))))
    parts.append(_run(optimizer, len(lifted)))
    return "\n\n".join(parts) + "\n"


class _NumpyMath:
    """``math`` as numpy's float64 scalars compute it (NaN and inf instead of exceptions)."""

    pi, e, inf, nan = math.pi, math.e, math.inf, math.nan

    def __getattr__(self, name):
        import numpy as np

        fn = {"asin": np.arcsin, "acos": np.arccos, "atan": np.arctan, "atan2": np.arctan2,
              "asinh": np.arcsinh, "acosh": np.arccosh, "atanh": np.arctanh,
              "pow": np.power}.get(name) or getattr(np, name)
        return lambda *a: fn(*(np.float64(x) for x in a))


def python_namespace(surface: SurfaceProgram, optimizer: OptimizerProgram) -> dict:
    """The generated module run as plain Python on numpy scalars (no numba): the same source,
    for checking the tracer and the code generator quickly (tests)."""
    import numpy as np

    from . import runtime

    def njit(*args, **kwargs):
        return args[0] if args and callable(args[0]) else (lambda f: f)

    ns: dict = {"math": _NumpyMath(), "np": np, "njit": njit,
                "float": np.float64, "abs": np.abs}
    with open(runtime.__file__, encoding="utf-8") as f:
        helpers = f.read().replace("import math\n", "").replace("from numba import njit\n", "")
    body = module_source(surface, optimizer).split("_norm,\n    _sign,\n)\n", 1)[1]
    with np.errstate(all="ignore"):
        exec(compile(helpers, "<runtime>", "exec"), ns)  # noqa: S102 (our own generated code)
        exec(compile(body, "<kernel>", "exec"), ns)  # noqa: S102
    return ns
