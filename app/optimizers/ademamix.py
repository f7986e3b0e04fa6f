"""AdEMAMix (Pagliardini et al. 2024, "The AdEMAMix Optimizer: Better, Faster, Older"): Adam
plus a second, very slow average of the gradient (beta3 = 0.9999) that remembers gradients from
thousands of steps back.

Reference: the authors' ``pytorch/ademamix.py`` (apple/ml-ademamix, commit c3d73c0), which is
not on PyPI; ``benchmarks/make_modern_reference.py`` carries a cited copy of it.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from app.i18n import translate
from surfaces.params import Param

from . import parts
from .adan import corrected_step
from .base import ADAPTIVE, Dynamics, OptimizerSpec, Sweep, register
from .narration import Lines, StepContext, Story, format_number, format_vector, second_moment

__all__ = ["AdEMAMixState", "init", "update", "alpha_at", "beta3_at"]

_n, _v = format_number, format_vector


class AdEMAMixState(NamedTuple):
    count: int
    exp_avg_fast: np.ndarray  # m1, decay beta1
    exp_avg_slow: np.ndarray  # m2, decay beta3
    exp_avg_sq: np.ndarray  # v, decay beta2


def init(params, hyper):
    return AdEMAMixState(0, parts.zeros(params), parts.zeros(params), parts.zeros(params))


def alpha_at(alpha, warmup, t):
    """The reference's ``linear_warmup_scheduler``: ``alpha t / warmup`` for ``t < warmup``."""
    if warmup <= 0 or t >= warmup:
        return alpha
    a = t / float(warmup)
    return (1.0 - a) * 0 + a * alpha


def beta3_at(beta3, beta1, warmup, t):
    """The reference's ``linear_hl_warmup_scheduler``: the half-life ``log(0.5) / log(beta) - 1``
    grows linearly from beta1's to beta3's over ``warmup`` steps."""
    if warmup <= 0 or t >= warmup:
        return beta3

    def half_life(beta, eps=1e-8):
        return np.log(0.5) / np.log(beta + eps) - 1

    a = t / float(warmup)
    return np.power(0.5, 1 / ((1.0 - a) * half_life(beta1) + a * half_life(beta3) + 1))


def update(grads, state, params, lr, hyper):
    """AdEMAMix (apple/ml-ademamix ``pytorch/ademamix.py``).

    ``t = t + 1``; ``alpha_t``, ``beta3_t``: ``alpha`` and ``beta3`` after their optional
    warm-ups (:func:`alpha_at`, :func:`beta3_at`); ``m1 = beta1 m1 + (1 - beta1) g`` (with
    beta1 = 0: ``m1 = g``), ``m2 = beta3_t m2 + (1 - beta3_t) g``, ``v = beta2 v + (1 - beta2)
    g^2``; ``denom = sqrt(v) / sqrt(1 - beta2^t) + eps``; ``u = (m1 / (1 - beta1^t) + alpha_t
    m2) / denom + weight_decay * p``; ``p = p - lr * u``. The slow average gets no bias
    correction: it starts small and grows over ~1 / (1 - beta3) steps (hence the warm-ups).
    """
    t = state.count + 1
    beta1, beta2, beta3 = hyper["betas"]
    alpha = alpha_at(hyper["alpha"], hyper["alpha_warmup"], t)
    beta3 = beta3_at(beta3, beta1, hyper["beta3_warmup"], t)
    m1 = state.exp_avg_fast * beta1
    m1 += grads * (1 - beta1)
    m1 = parts.where(beta1 != 0.0, m1, grads)
    m2 = state.exp_avg_slow * beta3
    m2 += grads * (1 - beta3)
    v = parts.decayed_square(state.exp_avg_sq, grads, beta2)
    denom = np.sqrt(v) / _sqrt(1 - parts.power(beta2, t))
    denom += hyper["eps"]
    u = m1 / (1 - parts.power(beta1, t))
    u += m2 * alpha
    u /= denom
    u += params * hyper["weight_decay"]
    new = params + u * (-lr)
    return new, AdEMAMixState(t, m1, m2, v)


def _sqrt(x):
    return math.sqrt(x) if np.ndim(x) == 0 else np.sqrt(x)


def effective_step(state, hyper, lr):
    """``lr / (sqrt(v) / sqrt(1 - beta2^t) + eps)``, the step on ``m1_hat + alpha m2``."""
    return corrected_step(state.count, state.exp_avg_sq, hyper["betas"][1], hyper["eps"], lr)


def narrate(ctx: StepContext) -> Story:
    h, lines, t = ctx.hyper, Lines(), ctx.t
    b1, b2, b3 = h["betas"]
    alpha = alpha_at(h["alpha"], h["alpha_warmup"], t)
    b3t = float(beta3_at(b3, b1, h["beta3_warmup"], t))
    m1_prev, m1 = ctx.previous("exp_avg_fast"), ctx.current("exp_avg_fast")
    m2_prev, m2 = ctx.previous("exp_avg_slow"), ctx.current("exp_avg_slow")
    lines.add("velocity", translate("narration", "fast average m1 = {b1} × previous {m1_prev} + "
                                                 "{b12} × gradient → {m1}").format(
                              b1=_n(b1), m1_prev=_v(m1_prev), b12=_n(1 - b1), m1=_v(m1)))
    lines.add("velocity", translate("narration", "slow average m2 = {b3t} × previous {m2_prev} + "
                                                 "{b3t2} × gradient → {m2} (remembers about "
                                                 "{b3t3} steps)").format(
                              b3t=_n(b3t), m2_prev=_v(m2_prev), b3t2=_n(1 - b3t), m2=_v(m2),
                              b3t3=_n(1 / (1 - b3t))))
    v_prev, v = second_moment(ctx, lines, ctx.g, b2)
    sigma = np.sqrt(v) / math.sqrt(1 - b2**t) + h["eps"]
    eff = ctx.lr / sigma
    lines.add("scale", translate("narration", "σ = √v / √(1 − {b2}^{t}) + eps → {sigma}; "
                                              "effective lr → {eff}").format(
                           b2=_n(b2), t=t, sigma=_v(sigma), eff=_v(eff)))
    mix = m1 / (1 - b1**t) + alpha * m2
    lines.add("velocity", translate("narration", "mix: m1 / (1 − {b1}^{t}) + alpha {alpha} × m2 "
                                                 "→ {mix}").format(
                              b1=_n(b1), t=t, alpha=_n(alpha), mix=_v(mix)))
    if h["weight_decay"]:
        lines.add("info", translate("narration", "weight decay: + {h_weight_decay} × point").format(
                              h_weight_decay=_n(h['weight_decay'])))
    lines.add("update", translate("narration", "step: effective lr × mix = {eff_mix}, taken "
                                               "downhill").format(eff_mix=_v(eff * mix)))
    return Story(lines, eff, previous_velocity=m1_prev, velocity=m1, velocity_units="gradient",
                 previous_second_moment=v_prev, second_moment=v, sigma=sigma,
                 terms={"slow_average": m2, "mix": mix, "alpha": alpha, "beta3": b3t})


BETAS = Param("betas", (0.9, 0.999, 0.9999), kind=tuple, length=3, low=0, high=1,
              open_high=True, error="Invalid beta parameters: {value}",
              doc="decays of the fast average m1, of v (g^2) and of the slow average m2")
WARMUP_DOC = "steps over which {} grows to its value (0: none, the reference's None)"

SPEC = register(OptimizerSpec(
    "ademamix", "AdEMAMix",
    "Adam on m1 + alpha m2: a fast (beta1) and a very slow (beta3) average of g",
    (parts.lr_param(1e-3), BETAS,
     Param("alpha", 2.0, low=0, error="Invalid alpha value: {value}",
           doc="weight of the slow average m2 in the step"),
     Param("beta3_warmup", 0, kind=int, low=0, doc=WARMUP_DOC.format("beta3's half-life")),
     Param("alpha_warmup", 0, kind=int, low=0, doc=WARMUP_DOC.format("alpha")),
     parts.EPS,
     parts.weight_decay_param(0.0, "AdamW-like decay: weight_decay * p is added to the step")),
    init=init, update=update, state=AdEMAMixState, narrate=narrate,
    dynamics=lambda hyper, t: Dynamics(ADAPTIVE, float(hyper["betas"][0])),
    effective_step=effective_step,
    sweeps=(Sweep("alpha", 0.0, 10.0), Sweep("beta3", 0.9, 0.9999, "betas", 2)),
    reference="the authors' pytorch/ademamix.py (apple/ml-ademamix c3d73c0), float64"))
