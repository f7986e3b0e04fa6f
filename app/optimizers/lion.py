"""Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"): the sign of an
interpolated momentum, so every coordinate moves by exactly ``lr``.

Reference: the authors' ``lion/lion_pytorch.py`` (google/automl) and lucidrains'
``lion-pytorch`` 0.2.5 (the same update; ``benchmarks/make_modern_reference.py`` checks both).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from app.i18n import translate
from surfaces.params import Param

from . import parts
from .base import OTHER, Dynamics, OptimizerSpec, Sweep, register
from .narration import Lines, StepContext, Story, decoupled_decay, format_number, format_vector

__all__ = ["LionState", "init", "update"]

_n, _v = format_number, format_vector


class LionState(NamedTuple):
    count: int
    exp_avg: np.ndarray  # the momentum m (an average of gradients with decay beta2)


def init(params, hyper):
    return LionState(0, parts.zeros(params))


def interpolation(exp_avg, grads, beta1):
    """``c = beta1 m + (1 - beta1) g`` (the reference's ``exp_avg * beta1 + grad * (1 -
    beta1)``)."""
    c = exp_avg * beta1
    c += grads * (1 - beta1)
    return c


def update(grads, state, params, lr, hyper):
    """Lion.

    ``p = p * (1 - lr * weight_decay)`` (decoupled decay, always applied as in the reference);
    ``c = beta1 m + (1 - beta1) g``; ``p = p - lr * sign(c)`` (``sign(0) = 0``); then the
    momentum ``m = beta2 m + (1 - beta2) g``. Each coordinate moves by ``lr`` (plus the decay),
    whatever the size of the gradient: Lion needs an lr 3-10 times smaller than AdamW's.
    """
    beta1, beta2 = hyper["betas"]
    params = params * (1 - lr * hyper["weight_decay"])
    direction = np.sign(interpolation(state.exp_avg, grads, beta1))
    new = parts.step_along(params, direction, lr)
    m = state.exp_avg * beta2
    m += grads * (1 - beta2)
    return new, LionState(state.count + 1, m)


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    (b1, b2), wd = h["betas"], h["weight_decay"]
    terms = {}
    if wd:
        decoupled_decay(ctx, lines, terms)
    m_prev, m = ctx.previous("exp_avg"), ctx.current("exp_avg")
    c = interpolation(m_prev, ctx.g, b1)
    s = np.sign(c)
    terms.update(interpolation=c, sign=s)
    lines.add("velocity", translate("narration", "interpolation c = {b1} × momentum {m_prev} + "
                                                 "{b12} × gradient → {c}").format(
                              b1=_n(b1), m_prev=_v(m_prev), b12=_n(1 - b1), c=_v(c)))
    lines.add("scale", translate("narration", "only the sign of c is kept: sign(c) = {s}, so "
                                              "every coordinate moves by lr = {lr} whatever the "
                                              "gradient's size").format(s=_v(s), lr=_n(ctx.lr)))
    lines.add("update", translate(
        "narration", "step: lr × sign(c) = {lr_s}, taken downhill").format(
                            lr_s=_v(ctx.lr * s)))
    lines.add("velocity", translate(
        "narration", "then momentum m = {b2} × previous + {b22} × gradient → {m} (used from the "
                     "next step on)").format(
                              b2=_n(b2), b22=_n(1 - b2), m=_v(m)))
    return Story(lines, np.full(2, ctx.lr), previous_velocity=m_prev, velocity=m,
                 velocity_units="gradient", terms=terms)


BETAS = Param("betas", (0.9, 0.99), kind=tuple, length=2, low=0, high=1, open_high=True,
              error="Invalid beta parameters: {value}",
              doc="beta1 mixes momentum and gradient for the sign; beta2 is the momentum's "
                  "decay")

SPEC = register(OptimizerSpec(
    "lion", "Lion", "p = p - lr * sign(beta1 m + (1 - beta1) g); m = beta2 m + (1 - beta2) g",
    (parts.lr_param(1e-4), BETAS,
     parts.weight_decay_param(0.0, "decoupled decay: p shrinks by lr * weight_decay each step")),
    init=init, update=update, state=LionState, narrate=narrate,
    dynamics=lambda hyper, t: Dynamics(OTHER),
    sweeps=(Sweep("beta1", 0.0, 0.98, "betas", 0), Sweep("beta2", 0.5, 0.999, "betas", 1)),
    reference="the authors' Lion (google/automl lion/lion_pytorch.py) = lion-pytorch 0.2.5, "
              "float64"))
