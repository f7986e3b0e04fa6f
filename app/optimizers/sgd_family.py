"""The SGD rule (torch.optim.SGD), shared by the presets gd, momentum, nesterov and sgd.

Each preset is this rule with some options pinned, declared in its own module with
:func:`preset`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np

from app.i18n import translate
from surfaces.params import Param

from . import parts
from .base import GD, HEAVY_BALL, NESTEROV, Dynamics, OptimizerSpec, Sweep, register
from .narration import Lines, StepContext, Story, coupled_decay, format_number, format_vector

__all__ = ["SGDState", "init", "update", "preset", "sgd_params"]

_n, _v = format_number, format_vector


class SGDState(NamedTuple):
    count: int
    momentum_buffer: np.ndarray | None  # None until the first step with momentum (torch: lazily)


def init(params, hyper):
    return SGDState(0, None)


def update(grads, state, params, lr, hyper):
    """SGD (torch.optim.SGD).

    ``g = grad + weight_decay * p``; with momentum ``mu``: ``b = g`` on the first step, then
    ``b = mu * b + (1 - dampening) * g``; Nesterov uses ``g = g + mu * b``, heavy ball ``g = b``;
    finally ``p = p - lr * g``. (This is Goh's / torch's convention ``z = mu z + g; p -= lr z``,
    not Sutskever's ``v = mu v - lr g``: they differ once lr changes over time.) Where ``mu`` is
    0 no buffer is used (torch keeps none).
    """
    mu, damp = hyper["momentum"], hyper["dampening"]
    g = parts.plus_scaled(grads, params, hyper["weight_decay"])
    buf = state.momentum_buffer
    direction = g
    if not parts.is_zero(mu):
        buf = g.copy() if buf is None else parts.heavy_ball(buf, g, mu, damp)
        if hyper["nesterov"]:
            direction = buf * mu
            direction += g
        else:
            direction = buf
        if not parts.is_zero(damp):  # else rows with mu = 0 already have 0 * b + g = g
            direction = parts.where(mu != 0, direction, g)
    return parts.step_along(params, direction, lr), SGDState(state.count + 1, buf)


def check(h: Mapping[str, Any]) -> None:
    if h["nesterov"] and (np.any(np.asarray(h["momentum"]) <= 0)
                          or np.any(np.asarray(h["dampening"]) != 0)):
        raise ValueError("Nesterov momentum requires a momentum and zero dampening")


def dynamics(hyper, t):
    mu = float(hyper["momentum"])
    if mu == 0:
        return Dynamics(GD)
    scale = 1.0 - float(hyper["dampening"])
    return Dynamics(NESTEROV if hyper["nesterov"] else HEAVY_BALL, mu, scale)


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    mu, damp, nesterov = h["momentum"], h["dampening"], h["nesterov"]
    gw = coupled_decay(ctx, lines)
    g = ctx.g if gw is None else gw
    story = Story(lines, np.full(2, ctx.lr), decayed_gradient=gw)
    if mu == 0:
        lines.add("update", translate("narration", "step: lr {lr} × gradient {g} = {lr_g}, taken "
                                                   "downhill").format(
                                lr=_n(ctx.lr), g=_v(g), lr_g=_v(ctx.lr * g)))
        return story
    b_prev, b = ctx.previous("momentum_buffer"), ctx.current("momentum_buffer")
    story.previous_velocity, story.velocity, story.velocity_units = b_prev, b, "gradient"
    if b_prev is None:
        lines.add("velocity", translate(
            "narration", "velocity starts as the gradient → {b}").format(
                                  b=_v(b)))
    else:
        part = (translate("narration", "gradient") if damp == 0
                else translate("narration", "(1 − {damp}) × gradient").format(damp=_n(damp)))
        lines.add("velocity", translate("narration", "velocity = momentum {mu} × previous "
                                                     "{b_prev} + {part} → {b}").format(
                                  mu=_n(mu), b_prev=_v(b_prev), part=part, b=_v(b)))
    if nesterov:
        d = b * mu
        d += g
        story.terms["direction"] = d
        lines.add("velocity", translate("narration", "Nesterov look-ahead: gradient + {mu} × "
                                                     "velocity → direction {d}").format(
                                  mu=_n(mu), d=_v(d)))
        lines.add("update", translate("narration", "step: lr {lr} × direction = {lr_d}, taken "
                                                   "downhill").format(
                                lr=_n(ctx.lr), lr_d=_v(ctx.lr * d)))
    else:
        lines.add("update", translate("narration", "step: lr {lr} × velocity = {lr_b}, taken "
                                                   "downhill").format(
                                lr=_n(ctx.lr), lr_b=_v(ctx.lr * b)))
    return story


def sgd_params(lr=1e-3, momentum=0.0, nesterov=False,
               user=("momentum", "dampening", "nesterov")) -> tuple[Param, ...]:
    """torch's SGD parameters; ``user`` are the ones a preset lets the user set."""
    every = {
        "momentum": Param("momentum", momentum, low=0, high=1, open_high=True,
                          error="Invalid momentum value: {value}", doc=parts.MOMENTUM.doc),
        "dampening": Param("dampening", 0.0, low=0, high=1,
                           doc="fraction of the new gradient left out of the velocity buffer"),
        "nesterov": Param("nesterov", nesterov, kind=bool,
                          doc="Nesterov's look-ahead: step along g + momentum * buffer"),
    }
    return (parts.lr_param(lr), *(every[k] for k in user), parts.WEIGHT_DECAY)


MOMENTUM_SWEEP = Sweep("momentum", 0.0, 0.98)


def preset(name: str, title: str, summary: str, params: tuple[Param, ...],
           fixed: Mapping[str, Any], sweeps=(MOMENTUM_SWEEP,), map_as: str = "",
           short: str = "") -> OptimizerSpec:
    """Register an SGD preset: this module's rule with ``fixed`` options."""
    return register(OptimizerSpec(
        name, title, summary, params, init=init, update=update, state=SGDState, narrate=narrate,
        dynamics=dynamics, sweeps=sweeps, map_as=map_as, fixed=fixed, check=check,
        torch_name="SGD", reference="torch.optim.SGD 2.13 (float64, foreach=False)",
        short=short))
