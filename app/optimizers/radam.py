"""RAdam (torch.optim.RAdam): Adam whose adaptive step is switched on once its variance is
trustworthy (rectified), plain momentum SGD before."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from app.i18n import translate

from . import parts
from .adam import BETA_SWEEPS, momentum_dynamics
from .base import OptimizerSpec, register
from .narration import (
    Lines,
    StepContext,
    Story,
    coupled_decay,
    decoupled_decay,
    first_moment,
    format_number,
    format_vector,
    second_moment,
)

__all__ = ["RAdamState", "init", "update", "rectification"]

_n, _v = format_number, format_vector


class RAdamState(NamedTuple):
    count: int
    exp_avg: np.ndarray
    exp_avg_sq: np.ndarray


def init(params, hyper):
    return RAdamState(0, parts.zeros(params), parts.zeros(params))


def rectification(beta2, t):
    """``(rho_t, rect)``: the length of the approximated SMA and the variance rectification
    ``sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf - 4)(rho_inf - 2) rho_t))`` (1 where
    ``rho_t <= 5``, where RAdam does not use it)."""
    bias_correction2 = 1 - parts.power(beta2, t)
    rho_inf = 2 / (1 - beta2) - 1
    rho_t = rho_inf - 2 * t * parts.power(beta2, t) / bias_correction2
    on = rho_t > 5.0
    ratio = parts.where(on, (rho_t - 4) * (rho_t - 2) * rho_inf
                        / parts.where(on, (rho_inf - 4) * (rho_inf - 2) * rho_t, 1.0), 1.0)
    return rho_t, parts.power(ratio, 0.5)


def update(grads, state, params, lr, hyper):
    """RAdam (torch.optim.RAdam).

    ``t = t + 1``; ``g = grad + weight_decay * p`` (``decoupled_weight_decay``: ``p = p * (1 -
    lr * weight_decay)`` instead); ``m = lerp(m, g, 1 - beta1)``, ``v = beta2 v + (1 - beta2)
    g * g``; ``m_hat = m / (1 - beta1^t)``; ``rho_inf = 2 / (1 - beta2) - 1``, ``rho_t = rho_inf
    - 2 t beta2^t / (1 - beta2^t)``. If ``rho_t > 5``: ``p = p - m_hat * lr * sqrt(1 - beta2^t)
    / (sqrt(v) + eps) * rect`` with ``rect = sqrt((rho_t - 4)(rho_t - 2) rho_inf / ((rho_inf -
    4)(rho_inf - 2) rho_t))``; else ``p = p - m_hat * lr`` (momentum SGD).
    """
    t = state.count + 1
    beta1, beta2 = hyper["betas"]
    wd = hyper["weight_decay"]
    if hyper["decoupled_weight_decay"]:
        params = parts.decay_point(params, lr, wd)
        g = grads
    else:
        g = parts.plus_scaled(grads, params, wd)
    m = parts.lerp(state.exp_avg, g, 1 - beta1)
    v = parts.decayed_square(state.exp_avg_sq, g, beta2)
    m_hat = m / (1 - parts.power(beta1, t))
    rho_t, rect = rectification(beta2, t)
    plain = m_hat * lr
    on = rho_t > 5.0
    if np.any(on):
        denom = np.sqrt(v)
        denom += hyper["eps"]
        adaptive = parts.power(1 - parts.power(beta2, t), 0.5) / denom
        rectified = plain * adaptive
        rectified *= rect
        plain = parts.where(on, rectified, plain)
    return np.subtract(params, plain, out=plain), RAdamState(t, m, v)


def effective_step(state, hyper, lr):
    """``lr * rect * sqrt(1 - beta2^t) / (sqrt(v) + eps)`` once rectified (``rho_t > 5``),
    ``lr`` before; the direction is ``m_hat``."""
    t = int(state.count)
    if t == 0:
        return np.full(np.shape(state.exp_avg_sq), np.nan)
    beta2 = float(hyper["betas"][1])
    rho_t, rect = rectification(beta2, t)
    if rho_t <= 5.0:
        return np.full(np.shape(state.exp_avg_sq), lr)
    return lr * rect * (1 - beta2**t) ** 0.5 / (np.sqrt(state.exp_avg_sq) + hyper["eps"])


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    (b1, b2), eps, wd, t = h["betas"], h["eps"], h["weight_decay"], ctx.t
    terms, gw = {}, None
    if wd and h["decoupled_weight_decay"]:
        decoupled_decay(ctx, lines, terms)
    elif wd:
        gw = coupled_decay(ctx, lines)
    g = ctx.g if gw is None else gw
    m_prev, m = first_moment(ctx, lines, b1)
    v_prev, v = second_moment(ctx, lines, g, b2)
    bc1 = 1 - b1**t
    m_hat = m / bc1
    lines.add("velocity", translate("narration", "bias correction (t = {t}): m_hat = m / {bc1} → "
                                                 "{m_hat}").format(
                              t=t, bc1=_n(bc1), m_hat=_v(m_hat)))
    rho_t, rect = rectification(b2, t)
    terms.update(m_hat=m_hat, rho_t=rho_t, rect=rect)
    sigma = None
    if rho_t > 5.0:
        sigma = np.sqrt(v) / (1 - b2**t) ** 0.5 + eps / (1 - b2**t) ** 0.5
        eff = ctx.lr * rect * (1 - b2**t) ** 0.5 / (np.sqrt(v) + eps)
        lines.add("scale", translate("narration", "variance is trustworthy (ρ_t = {rho_t} > 5): "
                                                  "rectification r = {rect}; effective lr per "
                                                  "coordinate = lr × r × √(1 − {b2}^{t}) / (√v + "
                                                  "eps) → {eff}").format(
                               rho_t=_n(rho_t), rect=_n(rect), b2=_n(b2), t=t, eff=_v(eff)))
    else:
        eff = np.full(2, ctx.lr)
        lines.add("scale", translate("narration", "too few steps for a trustworthy variance (ρ_t "
                                                  "= {rho_t} ≤ 5): no adaptive scale, a plain "
                                                  "momentum step").format(rho_t=_n(rho_t)))
    lines.add("update", translate(
        "narration", "step: effective lr × m_hat = {step}, taken downhill").format(
        step=_v(eff * m_hat)) + (translate(
            "narration", " from the decayed point") if "decayed_point" in terms else ""))
    return Story(lines, eff, decayed_gradient=gw, previous_velocity=m_prev, velocity=m,
                 velocity_units="gradient", previous_second_moment=v_prev, second_moment=v,
                 sigma=sigma, terms=terms)


SPEC = register(OptimizerSpec(
    "radam", "RAdam", "Adam with its adaptive step rectified (plain momentum SGD while the "
                      "variance estimate is short)",
    (parts.lr_param(1e-3), parts.BETAS, parts.EPS, parts.WEIGHT_DECAY, parts.DECOUPLED),
    init=init, update=update, state=RAdamState, narrate=narrate, dynamics=momentum_dynamics,
    effective_step=effective_step, sweeps=BETA_SWEEPS, torch_name="RAdam",
    reference="torch.optim.RAdam 2.13 (float64, foreach=False)"))
