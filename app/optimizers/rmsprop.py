"""RMSprop (torch.optim.RMSprop): divide by the root of a moving average of g^2."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from app.i18n import translate
from surfaces.params import Param

from . import parts
from .base import ADAPTIVE, Dynamics, OptimizerSpec, Sweep, register
from .narration import (
    Lines,
    StepContext,
    Story,
    coupled_decay,
    format_number,
    format_vector,
    second_moment,
)

__all__ = ["RMSpropState", "init", "update"]

_n, _v = format_number, format_vector


class RMSpropState(NamedTuple):
    count: int
    square_avg: np.ndarray
    grad_avg: np.ndarray | None  # only with centered=True
    momentum_buffer: np.ndarray | None  # only with momentum > 0


def init(params, hyper):
    with_momentum = not parts.is_zero(hyper["momentum"])
    return RMSpropState(0, parts.zeros(params), parts.zeros(params) if hyper["centered"] else None,
                        parts.zeros(params) if with_momentum else None)


def update(grads, state, params, lr, hyper):
    """RMSprop (torch.optim.RMSprop).

    ``g = grad + weight_decay * p``; ``v = alpha * v + (1 - alpha) * g * g``; centered:
    ``m = lerp(m, g, 1 - alpha)``, ``avg = sqrt(v - m * m) + eps``, else ``avg = sqrt(v) + eps``
    (eps outside the root); with momentum ``b = momentum * b + g / avg``, ``p = p - lr * b``;
    without, ``p = p - lr * g / avg``.
    """
    alpha, mu = hyper["alpha"], hyper["momentum"]
    g = parts.plus_scaled(grads, params, hyper["weight_decay"])
    square_avg = parts.decayed_square(state.square_avg, g, alpha)
    grad_avg = state.grad_avg
    if hyper["centered"]:  # sqrt(v + (-1) * m * m) = sqrt(v - m * m) exactly
        grad_avg = parts.lerp(grad_avg, g, 1 - alpha)
        avg = np.sqrt(square_avg - grad_avg * grad_avg)
    else:
        avg = np.sqrt(square_avg)
    avg += hyper["eps"]
    buf = state.momentum_buffer
    if buf is None:  # p = p + (-lr) * g / avg
        new = parts.step_scaled(params, g, avg, lr)
    else:  # b = mu * b + g / avg; p = p + (-lr) * b (rows with mu = 0: as without momentum)
        buf = parts.heavy_ball(buf, g / avg, mu)
        new = parts.step_along(params, buf, lr)
        if np.ndim(mu):
            new = np.where(mu != 0, new, parts.step_scaled(params, g, avg, lr))
    return new, RMSpropState(state.count + 1, square_avg, grad_avg, buf)


def effective_step(state, hyper, lr):
    """``lr / (sqrt(v) + eps)`` (centered: ``lr / (sqrt(v - m^2) + eps)``)."""
    if int(state.count) == 0:
        return np.full(np.shape(state.square_avg), np.nan)
    v = state.square_avg
    if hyper.get("centered", False) and state.grad_avg is not None:
        avg = np.sqrt(v + (-1) * state.grad_avg * state.grad_avg) + hyper["eps"]
    else:
        avg = np.sqrt(v) + hyper["eps"]
    return lr / avg


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    alpha, eps, mu, centered = h["alpha"], h["eps"], h["momentum"], h["centered"]
    gw = coupled_decay(ctx, lines)
    g = ctx.g if gw is None else gw
    v_prev, v = second_moment(ctx, lines, g, alpha, "square_avg", "v")
    terms = {}
    if centered:
        m_prev, m = ctx.previous("grad_avg"), ctx.current("grad_avg")
        terms["grad_avg"] = m
        lines.add("scale", translate("narration", "mean gradient = {alpha} × previous {m_prev} + "
                                                  "{alpha2} × gradient → {m}").format(
                               alpha=_n(alpha), m_prev=_v(m_prev), alpha2=_n(1 - alpha), m=_v(m)))
        sigma = np.sqrt(v - m * m) + eps
        lines.add("scale", translate(
            "narration", "σ = √(v − mean²) + eps (centered) → {sigma}").format(
                               sigma=_v(sigma)))
    else:
        sigma = np.sqrt(v) + eps
        lines.add("scale", translate("narration", "σ = √v + eps → {sigma}").format(sigma=_v(sigma)))
    eff = ctx.lr / sigma
    story = Story(lines, eff, decayed_gradient=gw, previous_second_moment=v_prev,
                  second_moment=v, sigma=sigma, terms=terms)
    if mu > 0:
        b_prev, b = ctx.previous("momentum_buffer"), ctx.current("momentum_buffer")
        story.previous_velocity, story.velocity, story.velocity_units = b_prev, b, "scaled"
        terms["scaled_gradient"] = g / sigma
        lines.add("velocity", translate(
            "narration", "velocity = momentum {mu} × previous {b_prev} + gradient / σ {g_sigma} "
                         "→ {b}").format(
                                  mu=_n(mu), b_prev=_v(b_prev), g_sigma=_v(g / sigma), b=_v(b)))
        lines.add("update", translate("narration", "step: lr {lr} × velocity = {lr_b}, taken "
                                                   "downhill").format(
                                lr=_n(ctx.lr), lr_b=_v(ctx.lr * b)))
    else:
        lines.add("scale", translate(
            "narration", "effective lr per coordinate = lr / σ → {eff}").format(
                               eff=_v(eff)))
        lines.add("update", translate("narration", "step: effective lr × gradient = {eff_g}, "
                                                   "taken downhill").format(eff_g=_v(eff * g)))
    return story


SPEC = register(OptimizerSpec(
    "rmsprop", "RMSProp", "v = alpha v + (1 - alpha) g^2; p = p - lr * g / (sqrt(v) + eps)",
    (parts.lr_param(1e-2),
     Param("alpha", 0.99, low=0, high=1, error="Invalid alpha value: {value}",
           doc="smoothing constant of the moving average of g^2"),
     parts.EPS, parts.WEIGHT_DECAY, parts.MOMENTUM,
     Param("centered", False, kind=bool,
           doc="divide by an estimate of the gradient's variance instead of its raw square")),
    init=init, update=update, state=RMSpropState, narrate=narrate,
    dynamics=lambda hyper, t: Dynamics(ADAPTIVE, float(hyper["momentum"])),
    effective_step=effective_step,
    sweeps=(Sweep("momentum", 0.0, 0.98), Sweep("alpha", 0.5, 0.999)),
    torch_name="RMSprop", reference="torch.optim.RMSprop 2.13 (float64, foreach=False)"))
