"""NAdam (torch.optim.NAdam): Adam with Nesterov momentum and a momentum schedule."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from app.i18n import translate
from surfaces.params import Param

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

__all__ = ["NAdamState", "init", "update"]

_n, _v = format_number, format_vector


class NAdamState(NamedTuple):
    count: int
    mu_product: float | np.ndarray  # product of the momentum schedule so far
    exp_avg: np.ndarray
    exp_avg_sq: np.ndarray


def init(params, hyper):
    return NAdamState(0, 1.0, parts.zeros(params), parts.zeros(params))


def schedule(beta1, psi, t):
    """``mu_t = beta1 (1 - 0.5 * 0.96^(t psi))``, torch's momentum schedule."""
    return beta1 * (1.0 - 0.5 * parts.power(0.96, t * psi))


def update(grads, state, params, lr, hyper):
    """NAdam (torch.optim.NAdam).

    ``t = t + 1``; ``g = grad + weight_decay * p`` (``decoupled_weight_decay``: ``p = p * (1 -
    lr * weight_decay)`` instead); ``mu_t = beta1 (1 - 0.5 * 0.96^(t * momentum_decay))``,
    ``mu_{t+1}`` likewise, ``mu_product = mu_product * mu_t``; ``m = lerp(m, g, 1 - beta1)``,
    ``v = beta2 v + (1 - beta2) g * g``; ``denom = sqrt(v / (1 - beta2^t)) + eps``;
    ``p = p - lr (1 - mu_t) / (1 - mu_product) * g / denom
           - lr mu_{t+1} / (1 - mu_product mu_{t+1}) * m / denom``.
    """
    t = state.count + 1
    beta1, beta2 = hyper["betas"]
    psi, wd = hyper["momentum_decay"], hyper["weight_decay"]
    if hyper["decoupled_weight_decay"]:
        params = parts.decay_point(params, lr, wd)
        g = grads
    else:
        g = parts.plus_scaled(grads, params, wd)
    mu = schedule(beta1, psi, t)
    mu_next = schedule(beta1, psi, t + 1)
    mu_product = state.mu_product * mu
    m = parts.lerp(state.exp_avg, g, 1 - beta1)
    v = parts.decayed_square(state.exp_avg_sq, g, beta2)
    denom = np.sqrt(np.divide(v, 1 - parts.power(beta2, t)))
    denom += hyper["eps"]
    new = parts.step_scaled(params, g, denom, lr * (1.0 - mu) / (1.0 - mu_product))
    momentum_part = m * (-lr * mu_next / (1.0 - mu_product * mu_next))
    momentum_part /= denom
    new += momentum_part
    return new, NAdamState(t, mu_product, m, v)


def effective_step(state, hyper, lr):
    """``lr / (sqrt(v / (1 - beta2^t)) + eps)``: the scale both of NAdam's parts divide by."""
    t = int(state.count)
    if t == 0:
        return np.full(np.shape(state.exp_avg_sq), np.nan)
    beta2 = float(hyper["betas"][1])
    return lr / (np.sqrt(state.exp_avg_sq / (1 - beta2**t)) + hyper["eps"])


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    (b1, b2), eps, psi, wd = h["betas"], h["eps"], h["momentum_decay"], h["weight_decay"]
    t = ctx.t
    gw, terms = None, {}
    if wd and h["decoupled_weight_decay"]:
        decoupled_decay(ctx, lines, terms)
    elif wd:
        gw = coupled_decay(ctx, lines)
    g = ctx.g if gw is None else gw
    mu, mu_next = schedule(b1, psi, t), schedule(b1, psi, t + 1)
    mu_product = float(np.asarray(ctx.after.mu_product).reshape(-1)[0])
    lines.add("info", translate("narration", "momentum schedule: μ_t = {mu}, μ_t+1 = {mu_next}, "
                                             "product of μ so far = {mu_product}").format(
                          mu=_n(mu), mu_next=_n(mu_next), mu_product=_n(mu_product)))
    m_prev, m = first_moment(ctx, lines, b1)
    v_prev, v = second_moment(ctx, lines, g, b2)
    sigma = np.sqrt(np.divide(v, 1 - b2**t)) + eps
    lines.add("scale", translate("narration", "σ = √(v / (1 − {b2}^{t})) + eps → {sigma}").format(
                           b2=_n(b2), t=t, sigma=_v(sigma)))
    eff = ctx.lr / sigma
    w_grad = ctx.lr * (1.0 - mu) / (1.0 - mu_product)
    w_mom = ctx.lr * mu_next / (1.0 - mu_product * mu_next)
    grad_part = w_grad * g / sigma
    mom_part = w_mom * m / sigma
    lines.add("update", translate("narration", "gradient part: lr × (1 − μ_t) / (1 − product) = "
                                               "{w_grad} × gradient / σ → {grad_part}").format(
                            w_grad=_n(w_grad), grad_part=_v(grad_part)))
    lines.add("update", translate("narration", "momentum part: lr × μ_t+1 / (1 − product × "
                                               "μ_t+1) = {w_mom} × m / σ → {mom_part}").format(
                            w_mom=_n(w_mom), mom_part=_v(mom_part)))
    lines.add("update", translate(
        "narration", "step: gradient part + momentum part, taken downhill")
              + (translate(
                  "narration", " from the decayed point") if "decayed_point" in terms else ""))
    terms.update(mu=mu, mu_next=mu_next, mu_product=mu_product, gradient_part=grad_part,
                 momentum_part=mom_part)
    return Story(lines, eff, decayed_gradient=gw, previous_velocity=m_prev, velocity=m,
                 velocity_units="gradient", previous_second_moment=v_prev, second_moment=v,
                 sigma=sigma, terms=terms)


SPEC = register(OptimizerSpec(
    "nadam", "NAdam", "Adam with Nesterov momentum",
    (parts.lr_param(2e-3), parts.BETAS, parts.EPS, parts.WEIGHT_DECAY,
     Param("momentum_decay", 4e-3, low=0, error="Invalid momentum_decay value: {value}",
           doc="how fast the momentum schedule mu_t approaches beta1"),
     parts.DECOUPLED),
    init=init, update=update, state=NAdamState, narrate=narrate, dynamics=momentum_dynamics,
    effective_step=effective_step, sweeps=BETA_SWEEPS, torch_name="NAdam",
    reference="torch.optim.NAdam 2.13 (float64, foreach=False)"))
