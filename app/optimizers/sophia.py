"""Sophia (Liu et al. 2023, "Sophia: A Scalable Stochastic Second-order Optimizer"): momentum
divided by a running estimate of the Hessian's diagonal, each coordinate's step clipped at lr.

Reference: the authors' SophiaG (Liuhong99/Sophia, commit a7e1572, ``sophia.py``:
``_single_tensor_sophiag`` and ``update_hessian``; the estimate is refreshed after every
``hessian_interval``-th step, as ``train_sophiag.py`` does), which is not on PyPI;
``benchmarks/make_modern_reference.py`` carries a cited copy of it. The reference estimates the
diagonal with Gauss-Newton-Bartlett (squared gradients of sampled labels), which a 2D surface
has no labels for. Here the estimate comes from the surface itself (the oracle):

- ``hessian="exact"`` (default): the exact diagonal ``(f_xx, f_yy)``;
- ``hessian="hutchinson"``: Hutchinson's estimate ``u * (H u)`` with random signs ``u`` (seeded:
  draw ``k`` uses ``seed`` and ``k`` only, so every start point sees the same draws), the
  estimator of the paper's SophiaH.

The reference stores the GNB estimate without the batch's token count and multiplies by it in
the step (``rho * bs * h``); the exact diagonal already is ``h``, so ``bs = 1`` gives the paper's
``gamma = rho``. Where the estimate is negative (an indefinite Hessian, or a Hutchinson draw) that
coordinate's part of the denominator is taken as 0 (the paper's ``max(gamma h, eps)``), so it
takes the clipped step ``lr * sign(m)``; the reference's GNB estimate is never negative.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from app.i18n import translate
from surfaces.params import Param

from . import parts
from .base import OTHER, Dynamics, OptimizerSpec, Sweep, register
from .narration import Lines, StepContext, Story, format_number, format_vector

__all__ = ["SophiaState", "init", "update", "estimate", "random_signs"]

_n, _v = format_number, format_vector

#: the reference's constant in the denominator
TINY = 1e-15


class SophiaState(NamedTuple):
    count: int
    exp_avg: np.ndarray  # m
    hessian: np.ndarray  # h: the running estimate of the Hessian's diagonal
    denom: np.ndarray  # rho * bs * max(h, 0) + 1e-15 as used by the last step


def init(params, hyper):
    z = parts.zeros(params)
    return SophiaState(0, z, z.copy(), np.full_like(z, TINY))


def random_signs(seed: int, draw: int) -> np.ndarray:
    """Hutchinson's random signs ``u`` (shape ``(2,)``) of draw number ``draw``: one
    counter-based stream per (seed, draw), the same for every start point."""
    rng = np.random.Generator(np.random.Philox(key=[int(seed), int(draw)]))
    return np.where(rng.random(2) < 0.5, -1.0, 1.0)


def estimate(hessians: np.ndarray, kind: str, seed: int, draw: int) -> np.ndarray:
    """The diagonal estimate from Hessians ``(N, 2, 2)``: exact, or ``u * (H u)``."""
    diag = np.stack([hessians[:, 0, 0], hessians[:, 1, 1]], axis=-1)
    if kind == "exact":
        return diag
    u = random_signs(seed, draw)
    hu = hessians @ u
    return u * hu


def update(grads, state, params, lr, hyper, oracle):
    """SophiaG (Liuhong99/Sophia ``sophia.py``) with the estimate from the surface.

    ``t = t + 1``; ``p = p (1 - lr * weight_decay)``; ``m = beta1 m + (1 - beta1) g``;
    ``ratio = min(|m| / (rho * bs * max(h, 0) + 1e-15), 1)``; ``p = p - lr * sign(m) * ratio``
    (an unclipped coordinate moves by ``lr * m / (rho h)``: Newton's step times ``lr / rho``);
    every ``hessian_interval`` steps, after the step: ``h = beta2 h + (1 - beta2) h_hat(p)``
    (:func:`estimate`; no bias correction, as in the reference: h starts at 0, so the first
    steps are the clipped ``lr * sign(m)``).
    """
    t = state.count + 1
    beta1, beta2 = hyper["betas"]
    params = params * (1 - lr * hyper["weight_decay"])
    m = state.exp_avg * beta1
    m += grads * (1 - beta1)
    denom = np.maximum(hyper["rho"] * hyper["bs"] * state.hessian, 0.0)
    denom += TINY
    ratio = np.minimum(np.abs(m) / denom, 1.0)
    step = np.sign(m) * (-lr)
    step *= ratio
    new = params + step
    hessian = state.hessian
    if t % int(hyper["hessian_interval"]) == 0:
        h_hat = estimate(oracle.hessian(new), hyper["hessian"], hyper["seed"],
                         t // int(hyper["hessian_interval"]))
        hessian = hessian * beta2
        hessian += h_hat * (1 - beta2)
    return new, SophiaState(t, m, hessian, denom)


def effective_step(state, hyper, lr):
    """``lr * min(1 / denom, 1 / |m|)``: the step on m (``lr / (rho h)`` where unclipped; where
    clipped, the step is ``lr`` whatever m is)."""
    if int(state.count) == 0:
        return np.full(np.shape(state.exp_avg), np.nan)
    return lr * np.minimum(1.0 / state.denom, 1.0 / np.abs(state.exp_avg))


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    b1, b2 = h["betas"]
    wd = h["weight_decay"]
    if wd:
        lines.add("info", translate("narration", "decoupled weight decay: point × (1 − lr × "
                                                 "{wd}) → {p_lr_wd}").format(
                              wd=_n(wd), p_lr_wd=_v(ctx.p * (1 - ctx.lr * wd))))
    m_prev, m = ctx.previous("exp_avg"), ctx.current("exp_avg")
    h_prev, h_now = ctx.previous("hessian"), ctx.current("hessian")
    denom = ctx.current("denom")
    lines.add("velocity", translate("narration", "m = {b1} × previous {m_prev} + {b12} × "
                                                 "gradient → {m}").format(
                              b1=_n(b1), m_prev=_v(m_prev), b12=_n(1 - b1), m=_v(m)))
    lines.add("scale", translate(
        "narration", "curvature estimate h {h_prev} ({h_hessian} diagonal, refreshed every "
                     "{h_hessian_interval} steps); denominator rho × bs × h = {denom_tiny}").format(
                           h_prev=_v(h_prev), h_hessian=h['hessian'],
                           h_hessian_interval=h['hessian_interval'], denom_tiny=_v(denom - TINY)))
    ratio = np.minimum(np.abs(m) / denom, 1.0)
    clipped = ratio >= 1.0
    which = ("x" if clipped[0] else "") + ("y" if clipped[1] else "")
    lines.add("scale", translate(
        "narration", "ratio |m| / denominator, clipped at 1 → {ratio}").format(
        ratio=_v(ratio))
              + (translate("narration", " (clipped: {which})").format(which=which)
                 if clipped.any() else translate(
                     "narration", " (none clipped: a Newton-like step)")))
    lines.add("update", translate("narration", "step: lr × sign(m) × ratio = {lr_sign_m}, taken "
                                               "downhill").format(
                            lr_sign_m=_v(ctx.lr * np.sign(m) * ratio)))
    if not np.array_equal(h_prev, h_now):
        lines.add("scale", translate("narration", "after the step: h = {b2} × h + {b22} × "
                                                  "estimate at the new point → {h_now}").format(
                               b2=_n(b2), b22=_n(1 - b2), h_now=_v(h_now)))
    eff = np.asarray(effective_step(ctx.after, h, ctx.lr)).reshape(-1, 2)[0]
    eff = np.where(np.isfinite(eff), eff, ctx.lr / denom)
    return Story(lines, eff, previous_velocity=m_prev, velocity=m, velocity_units="gradient",
                 terms={"ratio": ratio, "hessian_estimate": h_now, "denominator": denom})


SPEC = register(OptimizerSpec(
    "sophia", "Sophia",
    "p = p - lr * clip(m / (rho h), 1), h a running estimate of the Hessian's diagonal",
    (parts.lr_param(1e-4),
     Param("betas", (0.965, 0.99), kind=tuple, length=2, low=0, high=1, open_high=True,
           error="Invalid beta parameters: {value}",
           doc="decays of the momentum m and of the curvature estimate h"),
     Param("rho", 0.04, low=0, error="Invalid rho parameter at index 1: {value}",
           doc="gamma: the step on an unclipped coordinate is lr * m / (rho * h)"),
     parts.weight_decay_param(0.1, "decoupled decay: p shrinks by lr * weight_decay each step"),
     Param("bs", 1.0, low=0, open_low=True,
           doc="the reference's batch token count multiplying rho (1 for an exact Hessian)"),
     Param("hessian_interval", 10, kind=int, low=1,
           doc="refresh the curvature estimate after every this many steps"),
     Param("hessian", "exact", kind=str, choices=("exact", "hutchinson"),
           doc="the diagonal estimate: exact, or Hutchinson's u * (H u) with random signs u"),
     Param("seed", 0, kind=int, low=0, high=2**63 - 1,
           doc="seed of Hutchinson's random signs")),
    init=init, update=update, state=SophiaState, narrate=narrate,
    dynamics=lambda hyper, t: Dynamics(OTHER), effective_step=effective_step,
    sweeps=(Sweep("rho", 0.005, 1.0), Sweep("beta1", 0.0, 0.99, "betas", 0)),
    needs_oracle=True,
    reference="the authors' SophiaG (Liuhong99/Sophia a7e1572) with the surface's exact "
              "Hessian diagonal, float64"))
