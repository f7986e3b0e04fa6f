"""Adadelta (torch.optim.Adadelta): steps in the units of past steps, no lr needed."""

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

__all__ = ["AdadeltaState", "init", "update"]

_n, _v = format_number, format_vector


class AdadeltaState(NamedTuple):
    count: int
    square_avg: np.ndarray  # moving average of g^2
    acc_delta: np.ndarray  # moving average of the squared updates
    scale: np.ndarray  # sqrt(acc_delta + eps) / sqrt(square_avg + eps) of the last update


def init(params, hyper):
    return AdadeltaState(0, parts.zeros(params), parts.zeros(params), parts.zeros(params))


def update(grads, state, params, lr, hyper):
    """Adadelta (torch.optim.Adadelta).

    ``g = grad + weight_decay * p``; ``v = rho v + (1 - rho) g * g``;
    ``delta = sqrt(acc + eps) / sqrt(v + eps) * g`` (acc: the average *before* this step);
    ``acc = rho acc + (1 - rho) delta * delta``; ``p = p - lr * delta``.
    """
    rho, eps = hyper["rho"], hyper["eps"]
    g = parts.plus_scaled(grads, params, hyper["weight_decay"])
    v = parts.decayed_square(state.square_avg, g, rho)
    std = np.sqrt(v + eps)
    scale = np.sqrt(state.acc_delta + eps)
    scale /= std
    delta = scale * g
    acc = parts.decayed_square(state.acc_delta, delta, rho)
    return parts.step_along(params, delta, lr), AdadeltaState(state.count + 1, v, acc, scale)


def effective_step(state, hyper, lr):
    """``lr * sqrt(acc + eps) / sqrt(v + eps)`` of the update that made the state."""
    if int(state.count) == 0:
        return np.full(np.shape(state.scale), np.nan)
    return lr * state.scale


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    rho, eps = h["rho"], h["eps"]
    gw = coupled_decay(ctx, lines)
    g = ctx.g if gw is None else gw
    v_prev, v = second_moment(ctx, lines, g, rho, "square_avg", "v")
    acc_prev, acc = ctx.previous("acc_delta"), ctx.current("acc_delta")
    sigma = np.sqrt(v + eps)
    rms_step = np.sqrt(acc_prev + eps)
    lines.add("scale", translate("narration", "σ = √(v + eps) → {sigma}; past steps' size √(acc "
                                              "+ eps) = {rms_step}").format(
                           sigma=_v(sigma), rms_step=_v(rms_step)))
    scale = ctx.current("scale")
    delta = scale * g
    lines.add("scale", translate("narration", "ratio √(acc + eps) / σ → {scale}: delta = ratio × "
                                              "gradient → {delta}").format(
                           scale=_v(scale), delta=_v(delta)))
    lines.add("scale", translate("narration", "acc = {rho} × previous {acc_prev} + {rho2} × "
                                              "delta² → {acc}").format(
                           rho=_n(rho), acc_prev=_v(acc_prev), rho2=_n(1 - rho), acc=_v(acc)))
    eff = ctx.lr * scale
    lines.add("scale", translate(
        "narration", "effective lr per coordinate = lr × ratio → {eff}").format(
                           eff=_v(eff)))
    lines.add("update", translate("narration", "step: lr {lr} × delta = {lr_delta}, taken "
                                               "downhill").format(
                            lr=_n(ctx.lr), lr_delta=_v(ctx.lr * delta)))
    return Story(lines, eff, decayed_gradient=gw, previous_second_moment=v_prev,
                 second_moment=v, terms={"delta": delta, "acc_delta": acc, "sigma": sigma})


SPEC = register(OptimizerSpec(
    "adadelta", "Adadelta", "p = p - lr * sqrt(avg step^2 + eps) / sqrt(avg g^2 + eps) * g",
    (parts.lr_param(1.0),
     Param("rho", 0.9, low=0, high=1, error="Invalid rho value: {value}",
           doc="decay of the moving averages of g^2 and of the squared steps"),
     parts.eps_param(1e-6), parts.WEIGHT_DECAY),
    init=init, update=update, state=AdadeltaState, narrate=narrate,
    dynamics=lambda hyper, t: Dynamics(ADAPTIVE), effective_step=effective_step,
    sweeps=(Sweep("rho", 0.5, 0.99),), torch_name="Adadelta",
    reference="torch.optim.Adadelta 2.13 (float64, foreach=False)"))
