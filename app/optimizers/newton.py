"""Damped Newton's method with the surface's exact Hessian: the reference for what curvature
information can do (one step to the minimum of a quadratic bowl with lr = 1).

The step solves ``C d = g`` where ``C`` is the Hessian with each eigenvalue replaced by a
*curvature* that is never too small or negative:

    H = Q diag(lambda_i) Q^T,  c_i = max(|lambda_i| + damping, min_curvature),
    d = Q diag(1 / c_i) Q^T g,  p = p - lr * d.

- ``damping`` (Levenberg-Marquardt's shift, applied to ``|lambda_i|``) shortens the step along
  flat directions: with ``damping = 0`` the step is Newton's wherever the Hessian is positive
  definite, and a larger one moves it toward gradient descent with step ``lr / damping``.
- Where the Hessian is indefinite (a saddle, the hilltop of a non-convex surface) a plain
  Newton step goes *toward* the stationary point along a direction of negative curvature
  (``-g / lambda`` with ``lambda < 0`` climbs). Taking ``|lambda_i|`` (Dauphin et al. 2014,
  "saddle-free Newton") turns it downhill with the same length.
- ``min_curvature`` keeps ``1 / c_i`` finite where an eigenvalue is 0 (a flat direction).
- ``lr < 1`` damps the step length (the classic damped Newton).

No external reference: the tests check it against theory (one step on a quadratic bowl;
quadratic convergence near a minimum; descent at a saddle).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from app.i18n import translate
from surfaces.params import Param

from . import parts
from .base import OTHER, Dynamics, OptimizerSpec, Sweep, register
from .narration import Lines, StepContext, Story, format_number, format_vector

__all__ = ["NewtonState", "init", "update", "newton_direction"]

_n, _v = format_number, format_vector


class NewtonState(NamedTuple):
    count: int
    eigenvalues: np.ndarray  # (N, 2) of the Hessian at the last step's point
    curvatures: np.ndarray  # (N, 2) the c_i the step divided by
    direction: np.ndarray  # (N, 2) d = Q diag(1 / c_i) Q^T g of the last step


def init(params, hyper):
    z = parts.zeros(params)
    return NewtonState(0, z, z.copy(), z.copy())


def newton_direction(hessians, grads, damping, min_curvature):
    """``(d, eigenvalues, curvatures)`` for Hessians ``(N, 2, 2)`` and gradients ``(N, 2)``
    (rows whose Hessian is not finite get a NaN direction: the engine marks them diverged)."""
    finite = np.isfinite(hessians).all(axis=(-2, -1))
    safe = np.where(finite[:, None, None], hessians, np.eye(2))
    lam, q = np.linalg.eigh(safe)
    curv = np.maximum(np.abs(lam) + damping, min_curvature)
    coords = np.einsum("nij,ni->nj", q, grads) / curv
    d = np.einsum("nij,nj->ni", q, coords)
    d[~finite] = np.nan
    lam[~finite] = np.nan
    return d, lam, curv


def update(grads, state, params, lr, hyper, oracle):
    """Damped Newton: ``p = p - lr * Q diag(1 / c_i) Q^T g`` with ``c_i = max(|lambda_i| +
    damping, min_curvature)`` from the exact Hessian ``H = Q diag(lambda_i) Q^T`` at ``p`` (see
    the module docstring for the indefinite case)."""
    d, lam, curv = newton_direction(oracle.hessian(params), grads, hyper["damping"],
                                    hyper["min_curvature"])
    return parts.step_along(params, d, lr), NewtonState(state.count + 1, lam, curv, d)


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    lam, curv = ctx.current("eigenvalues"), ctx.current("curvatures")
    kind = (translate("narration", " (indefinite: a saddle-like region)")
            if lam.min() < 0 < lam.max() else
            translate("narration", " (negative: a hilltop)") if lam.max() < 0 else "")
    lines.add("scale", translate("narration", "Hessian eigenvalues at the point: {lam}").format(
        lam=_v(lam)) + kind)
    if lam.min() < 0:
        lines.add("scale", translate("narration", "a negative eigenvalue is taken as its "
                                                  "absolute value, so the step goes downhill "
                                                  "along that direction instead of climbing to "
                                                  "the stationary point"))
    lines.add("scale", translate("narration", "curvatures used c = max(|λ| + damping "
                                              "{h_damping}, {h_min_curvature}) → {curv}").format(
                           h_damping=_n(h['damping']), h_min_curvature=_n(h['min_curvature']),
                           curv=_v(curv)))
    d = ctx.current("direction")
    lines.add("velocity", translate("narration", "Newton direction: the gradient divided by the "
                                                 "curvature along each eigenvector → {d}").format(
                              d=_v(d)))
    lines.add("update", translate(
        "narration", "step: lr {lr} × direction = {step}, taken downhill").format(
        lr=_n(ctx.lr), step=_v(ctx.lr * d))
              + (translate("narration", " (lr 1: the full Newton step)") if ctx.lr == 1 else ""))
    return Story(lines, np.full(2, ctx.lr), terms={"eigenvalues": lam, "curvatures": curv,
                                                   "direction": d})


SPEC = register(OptimizerSpec(
    "newton", "Newton (damped)",
    "p = p - lr * C^-1 g, C the exact Hessian with eigenvalues |lambda| + damping",
    (parts.lr_param(1.0),
     Param("damping", 0.0, low=0, doc="added to every |eigenvalue| (Levenberg-Marquardt): "
                                      "shorter, more gradient-like steps"),
     Param("min_curvature", 1e-8, low=0, open_low=True, log_scale=True,
           doc="smallest curvature divided by (keeps steps finite where the surface is flat)")),
    init=init, update=update, state=NewtonState, narrate=narrate,
    dynamics=lambda hyper, t: Dynamics(OTHER),
    sweeps=(Sweep("damping", 0.0, 10.0),), needs_oracle=True,
    reference="theory (no package): one step on a quadratic bowl, quadratic convergence, "
              "descent at a saddle"))
