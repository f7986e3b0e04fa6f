"""Adamax (torch.optim.Adamax): Adam with the infinity norm of past gradients as its scale."""

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
    first_moment,
    format_number,
    format_vector,
)

__all__ = ["AdamaxState", "init", "update"]

_n, _v = format_number, format_vector


class AdamaxState(NamedTuple):
    count: int
    exp_avg: np.ndarray  # first moment m
    exp_inf: np.ndarray  # exponentially weighted infinity norm u


def init(params, hyper):
    return AdamaxState(0, parts.zeros(params), parts.zeros(params))


def update(grads, state, params, lr, hyper):
    """Adamax (torch.optim.Adamax).

    ``t = t + 1``; ``g = grad + weight_decay * p``; ``m = lerp(m, g, 1 - beta1)``;
    ``u = max(beta2 * u, |g| + eps)`` (eps inside the max); ``p = p - (lr / (1 - beta1^t)) * m /
    u``.
    """
    t = state.count + 1
    beta1, beta2 = hyper["betas"]
    g = parts.plus_scaled(grads, params, hyper["weight_decay"])
    m = parts.lerp(state.exp_avg, g, 1 - beta1)
    norm = np.abs(g)
    norm += hyper["eps"]
    u = np.maximum(state.exp_inf * beta2, norm)
    clr = lr / (1 - parts.power(beta1, t))
    return parts.step_scaled(params, m, u, clr), AdamaxState(t, m, u)


def effective_step(state, hyper, lr):
    """``lr / u`` (the bias-corrected first moment ``m / (1 - beta1^t)`` is the direction)."""
    if int(state.count) == 0:
        return np.full(np.shape(state.exp_inf), np.nan)
    return lr / state.exp_inf


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    (b1, b2), eps, t = h["betas"], h["eps"], ctx.t
    gw = coupled_decay(ctx, lines)
    g = ctx.g if gw is None else gw
    m_prev, m = first_moment(ctx, lines, b1)
    u_prev, u = ctx.previous("exp_inf"), ctx.current("exp_inf")
    lines.add("scale", translate("narration", "infinity norm u = max({b2} × previous {u_prev}, "
                                              "|gradient| + eps {g_eps}) → {u}").format(
                           b2=_n(b2), u_prev=_v(u_prev), g_eps=_v(np.abs(g) + eps), u=_v(u)))
    bc1 = 1 - b1**t
    m_hat = m / bc1
    lines.add("velocity", translate("narration", "bias correction (t = {t}): m_hat = m / (1 − "
                                                 "{b1}^{t}) = m / {bc1} → {m_hat}").format(
                              t=t, b1=_n(b1), bc1=_n(bc1), m_hat=_v(m_hat)))
    eff = ctx.lr / u
    lines.add("scale", translate(
        "narration", "effective lr per coordinate = lr / u → {eff}").format(
                           eff=_v(eff)))
    lines.add("update", translate("narration", "step: effective lr × m_hat = {eff_m_hat}, taken "
                                               "downhill").format(eff_m_hat=_v(eff * m_hat)))
    return Story(lines, eff, decayed_gradient=gw, previous_velocity=m_prev, velocity=m,
                 velocity_units="gradient", previous_second_moment=u_prev, second_moment=u,
                 sigma=u, terms={"m_hat": m_hat, "bias_correction1": bc1})


SPEC = register(OptimizerSpec(
    "adamax", "Adamax", "u = max(beta2 u, |g| + eps); p = p - lr / (1 - beta1^t) * m / u",
    (parts.lr_param(2e-3), parts.BETAS, parts.EPS, parts.WEIGHT_DECAY),
    init=init, update=update, state=AdamaxState, narrate=narrate, dynamics=momentum_dynamics,
    effective_step=effective_step, sweeps=BETA_SWEEPS, torch_name="Adamax",
    reference="torch.optim.Adamax 2.13 (float64, foreach=False)"))
