"""Gradient flow: where infinitesimal steps would go, and where gradient descent departs from it.

The flow is the curve of steepest descent, the solution of the ODE ``dtheta/dt = -grad
f(theta)``. Gradient descent with learning rate ``lr`` is its Euler discretization: iterate
``k`` of GD approximates the flow at time ``t_k = lr_0 + ... + lr_{k-1}``. This racer's point
``k`` *is* the flow at ``t_k`` (solved by Dormand-Prince 5(4), scipy's RK45 tableau, with an
adaptive step per point, ``rtol = 1e-10``, ``atol = 1e-12``: :func:`flow`), so it can be raced
beside GD with the same lr and schedule. It also carries that GD run (the readout ``gd``, drawn
dashed) and marks where GD *departs* from the flow:

    departed_at = the first step k >= 1 with |theta_GD(k) - theta_flow(t_k)| > tolerance * L(t_k)

where ``L(t) = integral_0^t |grad f(theta(s))| ds`` is the length of the flow's path so far
(integrated with the ODE) and ``tolerance`` is ``departure_tolerance`` (default 0.05). On a
quadratic ``f = lambda x^2 / 2`` started on one eigenvector (``x_0 > 0``), GD is ``(1 - lr
lambda)^k x_0``, the flow ``exp(-lambda t) x_0`` and ``L(t_k) = (1 - exp(-lambda t_k)) x_0``, so
the ratio is ``|(1 - h)^k - exp(-k h)| / (1 - exp(-k h))`` with ``h = lr lambda``: about
``h / 2`` at the first step, then smaller while ``h < 1``; it grows once ``h > 2`` (GD
diverges). The tests check the marker against that formula.

The flow ignores gradient noise (it is the noise-free reference). Where the surface has a kink,
the flow slides along the crease and no accurate solver gets far: after 3,000 solver steps in
one update the update is finished with 256 classical Runge-Kutta substeps instead.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from app.i18n import translate
from surfaces.params import Param

from . import parts
from .base import OTHER, Dynamics, OptimizerSpec, Readout, register
from .narration import Lines, StepContext, Story, format_number, format_vector

__all__ = ["FlowState", "init", "update", "flow", "RTOL", "ATOL"]

_n, _v = format_number, format_vector

RTOL = 1e-10
ATOL = 1e-12
#: Dormand-Prince steps (accepted or not) one update may take before the Runge-Kutta fallback
MAX_ITERATIONS = 3_000
FALLBACK_SUBSTEPS = 256


class FlowState(NamedTuple):
    count: int
    gd: np.ndarray  # (N, 2) gradient descent from the same start with the same lrs
    path_length: np.ndarray  # (N,) the flow's path length L(t_k)
    gap: np.ndarray  # (N,) |GD - flow| / L (0 at the start)
    departed_at: np.ndarray  # (N,) the first step with gap > tolerance, -1 until then


def init(params, hyper):
    params = parts.as_array(params)
    n = params.shape[0]
    return FlowState(0, params.copy(), np.zeros(n), np.zeros(n), np.full(n, -1))


def _rhs(oracle, duration):
    """``d(theta, L)/ds = duration * (-grad f, |grad f|)`` for ``s`` in ``[0, 1]``, on rows
    ``(m, 3)`` = (theta, L) of the points ``rows`` (each point has its own duration)."""

    def fun(y, rows):
        g = oracle.grad(y[:, :2])
        out = np.empty_like(y)
        out[:, :2] = -g
        out[:, 2] = np.hypot(g[:, 0], g[:, 1])
        out *= duration[rows]
        return out

    return fun


def _rms(a):
    return np.sqrt(np.mean(a * a, axis=1))


def _first_steps(fun, y, rows):
    """scipy's ``select_initial_step`` (Hairer's heuristic) for order 4, per row."""
    f0 = fun(y, rows)
    scale = ATOL + np.abs(y) * RTOL
    d0, d1 = _rms(y / scale), _rms(f0 / scale)
    with np.errstate(all="ignore"):
        h0 = np.where((d0 < 1e-5) | (d1 < 1e-5), 1e-6, 0.01 * d0 / d1)
        f1 = fun(y + h0[:, None] * f0, rows)
        d2 = _rms((f1 - f0) / scale) / h0
        big = np.maximum(d1, d2)
        h1 = np.where(big <= 1e-15, np.maximum(1e-6, h0 * 1e-3), (0.01 / big) ** 0.2)
    return np.minimum(np.minimum(100 * h0, h1), 1.0)


def _integrate(fun, y0):
    """Each row of ``y0`` from ``s = 0`` to ``s = 1`` by Dormand-Prince 5(4) with its own
    adaptive step (error per step below ``ATOL + RTOL |y|``, as scipy's RK45): every row is
    computed exactly as it would be alone, so a batch is bit for bit its rows. Rows still
    unfinished after ``MAX_ITERATIONS`` (a kink) finish with fixed Runge-Kutta substeps."""
    from scipy.integrate import RK45  # its Dormand-Prince tableau; imported on first use

    a, b, e = RK45.A, RK45.B, RK45.E
    n = y0.shape[0]
    y, s = y0.copy(), np.zeros(n)
    h = _first_steps(fun, y0, np.arange(n))
    active = np.ones(n, dtype=bool)
    for _ in range(MAX_ITERATIONS):
        rows = np.flatnonzero(active)
        if rows.size == 0:
            return y
        yy, left = y[rows], 1.0 - s[rows]
        last = h[rows] >= left
        hh = np.where(last, left, h[rows])[:, None]
        k = [fun(yy, rows)]
        for i in range(1, 6):
            k.append(fun(yy + hh * sum(a[i, j] * k[j] for j in range(i)), rows))
        y_new = yy + hh * sum(b[j] * k[j] for j in range(6))
        k.append(fun(y_new, rows))
        err = hh * sum(e[j] * k[j] for j in range(7))
        with np.errstate(all="ignore"):
            norm = _rms(err / (ATOL + RTOL * np.maximum(np.abs(yy), np.abs(y_new))))
            factor = np.where(norm == 0, 10.0, np.clip(0.9 * norm ** -0.2, 0.2, 10.0))
        accept = norm <= 1.0
        done = rows[accept]
        y[done] = y_new[accept]
        s[done] = np.where(last[accept], 1.0, s[done] + hh[accept, 0])
        h[rows] = hh[:, 0] * np.where(accept, factor, np.minimum(factor, 1.0))
        active = s < 1.0
    rows = np.flatnonzero(active)
    y[rows] = _runge_kutta(fun, y[rows], rows, 1.0 - s[rows], FALLBACK_SUBSTEPS)
    return y


def _runge_kutta(fun, y, rows, span, substeps):
    h = (span / substeps)[:, None]
    for _ in range(substeps):
        k1 = fun(y, rows)
        k2 = fun(y + h / 2 * k1, rows)
        k3 = fun(y + h / 2 * k2, rows)
        k4 = fun(y + h * k3, rows)
        y = y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    return y


def flow(oracle, points, duration):
    """``(theta(duration), path length)`` of the gradient flow from ``points`` ``(N, 2)`` over
    ``duration`` (a number or ``(N, 1)``); rows that are not finite come back NaN."""
    points = np.asarray(points, dtype=np.float64)
    n = points.shape[0]
    end, length = np.full((n, 2), np.nan), np.full(n, np.nan)
    with np.errstate(all="ignore"):
        ok = np.isfinite(points).all(axis=1) & np.isfinite(oracle.grad(points)).all(axis=1)
        if not ok.any():
            return end, length
        dur = np.broadcast_to(np.asarray(duration, dtype=np.float64).reshape(-1, 1), (n, 1))
        y0 = np.concatenate([points[ok], np.zeros((int(ok.sum()), 1))], axis=1)
        y = _integrate(_rhs(oracle, dur[ok]), y0)
    end[ok], length[ok] = y[:, :2], y[:, 2]
    return end, length


def update(grads, state, params, lr, hyper, oracle):
    """Gradient flow over one step's time ``lr``: ``theta_{k+1} = theta(t_k + lr)`` of
    ``dtheta/dt = -grad f(theta)`` (the received gradient, with any noise, is not used), and the
    shadow gradient descent ``gd = gd - lr * grad f(gd)``; ``departed_at`` is set at the first
    step where ``|gd - theta| > departure_tolerance * L`` (L: the flow's path length)."""
    new, length = flow(oracle, params, lr)
    gd = parts.step_along(state.gd, oracle.grad(state.gd), lr)
    path = state.path_length + length
    dist = np.hypot(*(gd - new).T)
    with np.errstate(all="ignore"):
        gap = np.where(path > 0, dist / path, 0.0)
    t = state.count + 1
    departs = (state.departed_at < 0) & (gap > hyper["departure_tolerance"])
    departed = np.where(departs, t, state.departed_at)
    return new, FlowState(t, gd, path, gap, departed)


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    gd_prev, gd = ctx.previous("gd"), ctx.current("gd")
    length = float(ctx.current("path_length")[()])
    gap = float(ctx.current("gap")[()])
    departed = int(ctx.current("departed_at")[()])
    lines.add("velocity", translate("narration", "gradient flow: follow dθ/dt = −∇f for a time "
                                                 "lr = {lr}, with infinitesimally small steps "
                                                 "(solved to relative error {rtol:g}); the path "
                                                 "bends with the surface instead of going "
                                                 "straight").format(lr=_n(ctx.lr), rtol=RTOL))
    lines.add("info", translate("narration", "path length of the flow so far: {length}").format(
                          length=_n(length)))
    lines.add("update", translate("narration", "gradient descent with the same lr from the same "
                                               "start: {gd_prev} → {gd} (dashed)").format(
                            gd_prev=_v(gd_prev), gd=_v(gd)))
    lines.add("scale", translate("narration", "distance GD − flow = {gap_length}, {gap} of the "
                                              "path length (departs above "
                                              "{h_departure_tolerance})").format(
                           gap_length=_n(gap * length), gap=_n(gap),
                           h_departure_tolerance=_n(h['departure_tolerance'])))
    if departed == ctx.t:
        lines.add("warning", translate(
            "narration", "gradient descent departs from the flow here, at step {departed}: its "
                         "steps are no longer small for this curvature (lr × λ)").format(
                                 departed=departed))
    elif departed > 0:
        lines.add("info", translate("narration", "gradient descent departed from the flow at "
                                                 "step {departed}").format(departed=departed))
    return Story(lines, np.full(2, ctx.lr), terms={"gd": gd, "path_length": length,
                                                   "relative_gap": gap})


SPEC = register(OptimizerSpec(
    "gradient_flow", "Gradient flow",
    "dtheta/dt = -grad f solved accurately: where infinitesimal steps go; GD shown beside it",
    (parts.lr_param(1e-3),
     Param("departure_tolerance", 0.05, low=0, open_low=True,
           doc="GD departs from the flow where their distance exceeds this fraction of the "
               "flow's path length")),
    init=init, update=update, state=FlowState, narrate=narrate,
    dynamics=lambda hyper, t: Dynamics(OTHER), needs_oracle=True,
    readouts=(Readout("gd", "gradient descent (same lr)", "point", lambda s: s.gd),
              Readout("departed_at", "GD departs from the flow", "step",
                      lambda s: s.departed_at),
              Readout("relative_gap", "|GD − flow| / path length", "scalar", lambda s: s.gap)),
    reference="theory: closed-form flow and GD on quadratics (Dormand-Prince 5(4), "
              "rtol 1e-10)"))
