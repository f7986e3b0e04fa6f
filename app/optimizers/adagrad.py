"""Adagrad (torch.optim.Adagrad), and its rule for the lecture's root-mean-square form."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from app.i18n import translate
from surfaces.params import Param

from . import parts
from .base import ADAPTIVE, Dynamics, OptimizerSpec, register
from .narration import Lines, StepContext, Story, coupled_decay, format_number, format_vector

__all__ = ["AdagradState", "init", "update", "PARAMS", "AVERAGE"]

_n, _v = format_number, format_vector


class AdagradState(NamedTuple):
    count: int
    sum: np.ndarray  # running sum of squared gradients (torch's ``state_sum``)


def init(params, hyper):
    return AdagradState(0, parts.zeros(params) + hyper["initial_accumulator_value"])


def update(grads, state, params, lr, hyper):
    """Adagrad (torch.optim.Adagrad), optionally in the lecture's root-mean-square form.

    ``t = t + 1``; ``g = grad + weight_decay * p``; ``clr = lr / (1 + (t - 1) * lr_decay)``;
    ``sum = sum + g * g``; torch: ``p = p - clr * g / (sqrt(sum) + eps)``.

    With ``average=True`` (not in torch; the lecture's ``sigma_t = sqrt(mean of all g_i^2)``):
    ``p = p - clr * g / (sqrt(sum / t) + eps)``. The mean can shrink after a quiet stretch, so
    the step ``clr / sigma`` can burst (lesson P6); the sum never shrinks, so torch's form cannot.
    """
    t = state.count + 1
    g = parts.plus_scaled(grads, params, hyper["weight_decay"])
    clr = lr / (1 + (t - 1) * hyper["lr_decay"])
    total = g * g
    total += state.sum
    std = np.sqrt(np.divide(total, t) if hyper["average"] else total)
    std += hyper["eps"]
    return parts.step_scaled(params, g, std, clr), AdagradState(t, total)


def effective_step(state, hyper, lr):
    """``clr / (sqrt(sum) + eps)`` (mean form: ``sqrt(sum / t)``) of the update that made it."""
    t = int(state.count)
    if t == 0:
        return np.full(np.shape(state.sum), np.nan)
    clr = lr / (1 + (t - 1) * hyper.get("lr_decay", 0.0))
    total = state.sum
    std = np.sqrt(total / t) if hyper.get("average", False) else np.sqrt(total)
    return clr / (std + hyper["eps"])


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    t = ctx.t
    gw = coupled_decay(ctx, lines)
    g = ctx.g if gw is None else gw
    clr = ctx.lr / (1 + (t - 1) * h["lr_decay"])
    if h["lr_decay"]:
        lines.add("info", translate("narration", "decayed lr = {lr} / (1 + {t} × {h_lr_decay}) → "
                                                 "{clr}").format(
                              lr=_n(ctx.lr), t=t - 1, h_lr_decay=_n(h['lr_decay']), clr=_n(clr)))
    prev, total = ctx.previous("sum"), ctx.current("sum")
    lines.add("scale", translate("narration", "sum of squared gradients = previous {prev} + "
                                              "gradient² {g_g} → {total}").format(
                           prev=_v(prev), g_g=_v(g * g), total=_v(total)))
    if h.get("average", False):
        sigma = np.sqrt(np.divide(total, t)) + h["eps"]
        lines.add("scale", translate("narration", "σ = √(sum / {t}) + eps (root mean square) → "
                                                  "{sigma}").format(t=t, sigma=_v(sigma)))
    else:
        sigma = np.sqrt(total) + h["eps"]
        lines.add("scale", translate("narration", "σ = √sum + eps → {sigma}").format(
                               sigma=_v(sigma)))
    eff = clr / sigma
    lines.add("scale", translate(
        "narration", "effective lr per coordinate = {clr} / σ → {eff}").format(
                           clr=_n(clr), eff=_v(eff)))
    lines.add("update", translate("narration", "step: effective lr × gradient = {eff_g}, taken "
                                               "downhill").format(eff_g=_v(eff * g)))
    return Story(lines, eff, decayed_gradient=gw, previous_second_moment=prev,
                 second_moment=total, sigma=sigma, terms={"clr": clr})


PARAMS = (
    parts.lr_param(1e-2),
    Param("lr_decay", 0.0, low=0, error="Invalid lr_decay value: {value}",
          doc="the step is lr / (1 + (t - 1) * lr_decay)"),
    parts.WEIGHT_DECAY,
    Param("initial_accumulator_value", 0.0, low=0,
          error="Invalid initial_accumulator_value value: {value}",
          doc="starting value of the sum of squared gradients"),
    parts.eps_param(1e-10),
)
AVERAGE = Param("average", False, kind=bool,
                doc="divide by the root MEAN square of past gradients (the lecture's sigma_t) "
                    "instead of torch's root of their SUM")


def preset(name, title, summary, params, fixed, torch_name="", reference="", short=""):
    return register(OptimizerSpec(
        name, title, summary, params, init=init, update=update, state=AdagradState,
        narrate=narrate, dynamics=lambda hyper, t: Dynamics(ADAPTIVE),
        effective_step=effective_step, fixed=fixed, torch_name=torch_name,
        reference=reference, short=short))


SPEC = preset("adagrad", "Adagrad", "p = p - lr * g / (sqrt(sum of all g^2) + eps)",
              (*PARAMS, AVERAGE), {}, torch_name="Adagrad",
              reference="torch.optim.Adagrad 2.13 (float64, foreach=False)")
