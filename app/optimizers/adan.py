"""Adan (Xie et al. 2022, "Adaptive Nesterov Momentum Algorithm"): Adam-like averages of the
gradient, of its change since the last step and of the square of a Nesterov-corrected gradient.

Reference: the authors' ``adan.py`` (sail-sg/Adan, commit 2c65bea, ``_single_tensor_adan``),
which is not on PyPI; ``benchmarks/make_modern_reference.py`` carries a cited copy of it. Its
``betas`` are the weights of the *old* values (the paper's ``1 - beta``).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from app.i18n import translate
from surfaces.params import Param

from . import parts
from .base import ADAPTIVE, Dynamics, OptimizerSpec, Sweep, register
from .narration import Lines, StepContext, Story, format_number, format_vector

__all__ = ["AdanState", "init", "update"]

_n, _v = format_number, format_vector


class AdanState(NamedTuple):
    count: int
    exp_avg: np.ndarray  # m: average of the gradient
    exp_avg_diff: np.ndarray  # d: average of the gradient's change g_t - g_{t-1}
    exp_avg_sq: np.ndarray  # n: average of (g_t + beta2 (g_t - g_{t-1}))^2
    neg_pre_grad: np.ndarray | None  # -g_{t-1} (None before the first step)


def init(params, hyper):
    return AdanState(0, parts.zeros(params), parts.zeros(params), parts.zeros(params), None)


def clip_factor(grads, max_grad_norm, eps):
    """The reference's ``min(max_grad_norm / (|g| + eps), 1)`` per point (1 where clipping is
    off, ``max_grad_norm = 0``): each start point is a model of its own."""
    if parts.is_zero(max_grad_norm):
        return 1.0
    sq = grads * grads
    norm = np.sqrt(sq.sum(axis=-1, keepdims=True))
    clip = np.minimum(max_grad_norm / (norm + eps), 1.0)
    return np.where(max_grad_norm > 0, clip, 1.0)


def update(grads, state, params, lr, hyper):
    """Adan (sail-sg/Adan ``_single_tensor_adan``; reference ``betas = (beta1, beta2, beta3)``
    weigh the old values).

    ``g = grad * clip`` (global-norm clipping with ``max_grad_norm > 0``); ``t = t + 1``;
    ``diff = g - g_prev`` (0 on the first step); ``m = beta1 m + (1 - beta1) g``, ``d = beta2 d +
    (1 - beta2) diff``, ``u = g + beta2 diff``, ``n = beta3 n + (1 - beta3) u^2``; ``denom =
    sqrt(n) / sqrt(1 - beta3^t) + eps``; ``p = p - lr / (1 - beta1^t) * m / denom - lr beta2 /
    (1 - beta2^t) * d / denom``, then ``p = p / (1 + lr * weight_decay)`` (``no_prox``: ``p = p
    (1 - lr * weight_decay)`` before the two steps instead).
    """
    t = state.count + 1
    beta1, beta2, beta3 = hyper["betas"]
    eps, wd = hyper["eps"], hyper["weight_decay"]
    clip = clip_factor(grads, hyper["max_grad_norm"], eps)
    neg_prev = grads * (-clip) if state.neg_pre_grad is None else state.neg_pre_grad
    g = grads * clip
    diff = neg_prev + g
    m = state.exp_avg * beta1
    m += g * (1 - beta1)
    d = state.exp_avg_diff * beta2
    d += diff * (1 - beta2)
    u = diff * beta2
    u += g
    n = parts.decayed_square(state.exp_avg_sq, u, beta3)
    denom = np.sqrt(n) / _sqrt(1.0 - parts.power(beta3, t))
    denom += eps
    step_size = lr / (1.0 - parts.power(beta1, t))
    step_size_diff = lr * beta2 / (1.0 - parts.power(beta2, t))
    if hyper["no_prox"]:
        params = params * (1 - lr * wd)
    new = parts.step_scaled(params, m, denom, step_size)
    new = parts.step_scaled(new, d, denom, step_size_diff)
    if not hyper["no_prox"]:
        new /= 1 + lr * wd
    return new, AdanState(t, m, d, n, -g)


def _sqrt(x):
    return math.sqrt(x) if np.ndim(x) == 0 else np.sqrt(x)


def corrected_step(t, square_avg, beta, eps, lr):
    """``lr / (sqrt(v) / sqrt(1 - beta^t) + eps)`` after ``t`` updates (NaN before any): the
    effective step of an Adam-like scale (Adan's n, AdEMAMix's v)."""
    if int(t) == 0:
        return np.full(np.shape(square_avg), np.nan)
    return lr / (np.sqrt(square_avg) / math.sqrt(1.0 - float(beta) ** int(t)) + eps)


def effective_step(state, hyper, lr):
    """``lr / (sqrt(n) / sqrt(1 - beta3^t) + eps)``: the per-coordinate step both parts (on
    ``m / (1 - beta1^t)`` and on ``beta2 d / (1 - beta2^t)``) are taken with."""
    return corrected_step(state.count, state.exp_avg_sq, hyper["betas"][2], hyper["eps"], lr)


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    (b1, b2, b3), t = h["betas"], ctx.t
    clip = float(np.asarray(clip_factor(ctx.g[None, :], h["max_grad_norm"], h["eps"])).flat[0])
    g = ctx.g * clip
    if clip != 1.0:
        lines.add("gradient", translate("narration", "clipped to |g| ≤ {h_max_grad_norm}: × "
                                                     "{clip} → {g}").format(
                                  h_max_grad_norm=_n(h['max_grad_norm']), clip=_n(clip), g=_v(g)))
    prev = ctx.previous("neg_pre_grad")
    diff = np.zeros(2) if prev is None else prev + g
    m_prev, m = ctx.previous("exp_avg"), ctx.current("exp_avg")
    d_prev, d = ctx.previous("exp_avg_diff"), ctx.current("exp_avg_diff")
    n_prev, n = ctx.previous("exp_avg_sq"), ctx.current("exp_avg_sq")
    lines.add("velocity", translate(
        "narration", "gradient change since the last step: {diff}").format(
        diff=_v(diff)) + (translate(
            "narration", " (none on the first step)") if prev is None else ""))
    lines.add("velocity", translate("narration", "m = {b1} × previous {m_prev} + {b12} × "
                                                 "gradient → {m}").format(
                              b1=_n(b1), m_prev=_v(m_prev), b12=_n(1 - b1), m=_v(m)))
    lines.add("velocity", translate("narration", "d = {b2} × previous {d_prev} + {b22} × change "
                                                 "→ {d}").format(
                              b2=_n(b2), d_prev=_v(d_prev), b22=_n(1 - b2), d=_v(d)))
    u = g + b2 * diff
    lines.add("scale", translate("narration", "n = {b3} × previous {n_prev} + {b32} × (gradient "
                                              "+ {b2} × change)² {u_u} → {n}").format(
                           b3=_n(b3), n_prev=_v(n_prev), b32=_n(1 - b3), b2=_n(b2), u_u=_v(u * u),
                           n=_v(n)))
    sigma = np.sqrt(n) / math.sqrt(1 - b3**t) + h["eps"]
    eff = ctx.lr / sigma
    lines.add("scale", translate("narration", "σ = √n / √(1 − {b3}^{t}) + eps → {sigma}; "
                                              "effective lr = lr / σ → {eff}").format(
                           b3=_n(b3), t=t, sigma=_v(sigma), eff=_v(eff)))
    m_hat, d_hat = m / (1 - b1**t), b2 * d / (1 - b2**t)
    lines.add("update", translate("narration", "step: effective lr × (m_hat {m_hat} + {b2} × "
                                               "d_hat {d_hat}) = {eff_m_hat_d_hat}, taken "
                                               "downhill").format(
                            m_hat=_v(m_hat), b2=_n(b2), d_hat=_v(d_hat),
                            eff_m_hat_d_hat=_v(eff * (m_hat + d_hat))))
    if h["weight_decay"]:
        text = (translate("narration", "weight decay: point / (1 + lr × {weight_decay})")
                if not h["no_prox"] else
                translate("narration", "weight decay: point × (1 − lr × {weight_decay}) first"))
        lines.add("info", text.format(weight_decay=_n(h["weight_decay"])))
    return Story(lines, eff, previous_velocity=m_prev, velocity=m, velocity_units="gradient",
                 previous_second_moment=n_prev, second_moment=n, sigma=sigma,
                 terms={"gradient_change": diff, "m_hat": m_hat, "d_hat": d_hat})


BETAS = Param("betas", (0.98, 0.92, 0.99), kind=tuple, length=3, low=0, high=1, open_high=True,
              error="Invalid beta parameters: {value}",
              doc="weights of the old values in the averages of the gradient, of its change and "
                  "of the squared corrected gradient (the paper's 1 - beta)")

SPEC = register(OptimizerSpec(
    "adan", "Adan",
    "Adam-like steps on m + beta2 d (d: average change of g), scaled by n of g + beta2 change",
    (parts.lr_param(1e-3), BETAS, parts.EPS,
     parts.weight_decay_param(0.0, "decoupled decay: p / (1 + lr weight_decay) after the step"),
     Param("max_grad_norm", 0.0, low=0, error="Invalid Max grad norm: {value}",
           doc="clip |g| of each point to this (0: no clipping)"),
     Param("no_prox", False, kind=bool,
           doc="decay as p (1 - lr weight_decay) before the step instead of dividing after")),
    init=init, update=update, state=AdanState, narrate=narrate,
    dynamics=lambda hyper, t: Dynamics(ADAPTIVE, float(hyper["betas"][0])),
    effective_step=effective_step,
    sweeps=(Sweep("beta1", 0.5, 0.99, "betas", 0), Sweep("beta2", 0.5, 0.99, "betas", 1)),
    reference="the authors' adan.py (sail-sg/Adan 2c65bea, single-tensor path), float64"))
