"""Rprop (torch.optim.Rprop): move each coordinate by its own step size, against the sign of g."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from app.i18n import translate
from surfaces.params import Param

from . import parts
from .base import OTHER, Dynamics, OptimizerSpec, Sweep, register
from .narration import Lines, StepContext, Story, format_number, format_vector

__all__ = ["RpropState", "init", "update"]

_n, _v = format_number, format_vector


class RpropState(NamedTuple):
    count: int
    prev: np.ndarray  # the previous gradient (0 where its sign flipped)
    step_size: np.ndarray  # per-coordinate step sizes


def init(params, hyper):
    return RpropState(0, parts.zeros(params), parts.zeros(params))


def update(grads, state, params, lr, hyper):
    """Rprop (torch.optim.Rprop).

    ``step_size = lr`` at the first step; ``s = sign(g * prev)``; factor ``etaplus`` where
    ``s > 0``, ``etaminus`` where ``s < 0``, 1 where ``s = 0``;
    ``step_size = clamp(step_size * factor, step_sizes)``; where the sign flipped (factor
    ``etaminus``) ``g = 0`` (no move, and no flip counted next time); ``p = p - sign(g) *
    step_size``; ``prev = g``.
    """
    etaminus, etaplus = hyper["etas"]
    low, high = hyper["step_sizes"]
    step_size = parts.zeros(params) + lr if state.count == 0 else state.step_size
    sign = np.sign(grads * state.prev)
    factor = np.where(sign > 0, etaplus, np.where(sign < 0, etaminus,
                                                  np.where(sign == 0, 1.0, sign)))
    step_size = np.minimum(np.maximum(step_size * factor, low), high)  # torch's clamp_
    g = np.where(factor == etaminus, 0.0, grads)
    new = np.sign(g) * step_size
    return np.subtract(params, new, out=new), RpropState(state.count + 1, g, step_size)


def check(h):
    etaminus, etaplus = h["etas"]
    if not 0.0 < etaminus < 1.0 < etaplus:
        raise ValueError(f"Invalid eta values: {etaminus}, {etaplus}")
    low, high = h["step_sizes"]
    if not 0.0 <= low <= high:
        raise ValueError(f"Invalid step_sizes: {low}, {high} (expected 0 <= min <= max)")


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    etaminus, etaplus = h["etas"]
    prev_g, g_used = ctx.previous("prev"), ctx.current("prev")
    before, after = ctx.previous("step_size"), ctx.current("step_size")
    if ctx.k == 0:
        before = np.full(2, ctx.lr)
        lines.add("info", translate("narration", "step sizes start at lr {lr}").format(
                              lr=_n(ctx.lr)))
    same = np.sign(ctx.g * prev_g)
    words = [translate("narration", "same sign: × {factor}").format(factor=_n(etaplus)) if s > 0
             else translate("narration", "sign flipped: × {factor}").format(factor=_n(etaminus))
             if s < 0
             else translate("narration", "no previous sign: × 1") for s in same]
    lines.add("scale", translate("narration", "gradient sign against the previous one: x "
                                              "{words}, y {words2}").format(
                           words=words[0], words2=words[1]))
    lines.add("scale", translate("narration", "step sizes {before} → {after} (kept within "
                                              "{h_step_sizes} … {h_step_sizes2})").format(
                           before=_v(before), after=_v(after), h_step_sizes=_n(h['step_sizes'][0]),
                           h_step_sizes2=_n(h['step_sizes'][1])))
    if (g_used != ctx.g).any():
        lines.add("info", translate("narration", "where the sign flipped the coordinate stays "
                                                 "put this step (the gradient is taken as 0)"))
    move = -np.sign(g_used) * after
    lines.add("update", translate("narration", "step: −sign(gradient) × step size = {move}").format(
                            move=_v(move)))
    with np.errstate(all="ignore"):
        eff = np.where(ctx.g != 0, np.abs(move) / np.abs(np.where(ctx.g != 0, ctx.g, 1.0)),
                       0.0)
    return Story(lines, eff, terms={"step_size": after, "sign_product": same})


SPEC = register(OptimizerSpec(
    "rprop", "Rprop", "step sizes grow (etaplus) while the sign of g stays, shrink "
                      "(etaminus) when it flips; p = p - sign(g) * step",
    (parts.lr_param(1e-2),
     Param("etas", (0.5, 1.2), kind=tuple, length=2, low=0,
           doc="(etaminus, etaplus): step-size factors when the gradient's sign flips / stays"),
     Param("step_sizes", (1e-6, 50.0), kind=tuple, length=2, low=0,
           doc="(min, max): the step sizes stay within these")),
    init=init, update=update, state=RpropState, narrate=narrate,
    dynamics=lambda hyper, t: Dynamics(OTHER), check=check,
    sweeps=(Sweep("etaminus", 0.1, 0.9, "etas", 0), Sweep("etaplus", 1.05, 2.0, "etas", 1)),
    torch_name="Rprop", reference="torch.optim.Rprop 2.13 (float64, foreach=False)"))
