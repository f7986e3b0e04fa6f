"""Prodigy (Mishchenko and Defazio 2024, "Prodigy: An Expeditiously Adaptive Parameter-Free
Learner"): Adam whose learning rate is ``d * lr``, with ``d`` an estimate of the distance from
the start to the solution that only grows; ``lr`` stays 1.

Reference: the authors' ``prodigyopt`` 1.1.2 (konstmish/prodigy, ``prodigy.py``). Every start
point is a model of its own (d is estimated per point, as one torch model estimates one d).
Not carried over: ``slice_p`` (an approximation for large tensors) and ``fsdp_in_use``.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from app.i18n import translate
from surfaces.params import Param

from . import parts
from .base import ADAPTIVE, Dynamics, OptimizerSpec, Readout, Sweep, register
from .narration import Lines, StepContext, Story, format_number, format_vector

__all__ = ["ProdigyState", "init", "update"]

_n, _v = format_number, format_vector


class ProdigyState(NamedTuple):
    count: int
    k: np.ndarray  # (N, 1) the reference's step counter (a step without d_denom is not counted)
    d: np.ndarray  # (N, 1) the distance estimate
    d_max: np.ndarray  # (N, 1) the largest d_hat so far
    d_numerator: np.ndarray  # (N, 1) sum of decayed (d / d0) dlr <g, p0 - p>
    dlr: np.ndarray  # (N, 1) the step size d * lr (* bias correction) of the last update
    p0: np.ndarray  # the start point
    s: np.ndarray  # decayed sum of (d / d0) dlr g
    exp_avg: np.ndarray  # m (in units of d g)
    exp_avg_sq: np.ndarray  # v (in units of d^2 g^2)


def init(params, hyper):
    params = parts.as_array(params)
    column = np.full(params.shape[:-1] + (1,), float(hyper["d0"]))
    zero = np.zeros_like(column)
    return ProdigyState(0, zero.copy(), column, column.copy(), zero.copy(), zero.copy(),
                        params.copy(), parts.zeros(params), parts.zeros(params),
                        parts.zeros(params))


def _beta3(hyper):
    beta3 = hyper["beta3"]
    beta2 = hyper["betas"][1]
    if np.ndim(beta3) == 0 and np.ndim(beta2) == 0:
        return math.sqrt(beta2) if beta3 == 0 else beta3
    return np.where(beta3 == 0, np.sqrt(beta2), beta3)


def update(grads, state, params, lr, hyper):
    """Prodigy (prodigyopt 1.1.2).

    ``dlr = d lr`` (``use_bias_correction``: times ``sqrt(1 - beta2^(k+1)) / (1 - beta1^(k+1))``);
    ``g = grad + weight_decay p`` unless ``decouple``; ``m = beta1 m + d (1 - beta1) g``, ``v =
    beta2 v + d^2 (1 - beta2) g^2``, ``s = beta3 s + (d / d0) dlr g`` (``safeguard_warmup``:
    ``(d / d0) d g``), ``r = beta3 r + (d / d0) dlr <g, p0 - p>``; ``d_hat = d_coef r /
    sum|s|``; ``d = max(d, d_hat)`` only while d is still d0; ``d_max = max(d_max, d_hat)``;
    ``d = min(d_max, d growth_rate)`` (``growth_rate = 0``: inf). Then with the new d: ``p = p
    (1 - weight_decay dlr)`` if ``decouple``; ``p = p - dlr m / (sqrt(v) + d eps)`` (beta1 = 0:
    ``p = p - dlr d g / (sqrt(v) + d eps)``). Where ``sum|s| = 0`` (a zero gradient so far) m,
    v and s are updated but nothing else, as in the reference (which returns early).
    """
    beta1, beta2 = hyper["betas"]
    beta3 = _beta3(hyper)
    d, d_max, d0 = state.d, state.d_max, hyper["d0"]
    wd, decouple = hyper["weight_decay"], hyper["decouple"]
    if hyper["use_bias_correction"]:
        k1 = state.k + 1
        bias_correction = parts.power(1 - parts.power(beta2, k1), 0.5) / (
            1 - parts.power(beta1, k1))
    else:
        bias_correction = 1
    dlr = d * lr * bias_correction
    g = grads if decouple else parts.plus_scaled(grads, params, wd)
    d_numerator = state.d_numerator * beta3
    weight = (d / d0) * dlr
    delta = weight * _dot(g, state.p0 - params)
    m = state.exp_avg * beta1
    m += g * (d * (1 - beta1))
    v = state.exp_avg_sq * beta2  # torch: v.mul_(beta2).addcmul_(g, g, value=d * d * (1 - beta2))
    scratch = g * (d * d * (1 - beta2))
    scratch *= g
    v += scratch
    s = state.s * beta3
    s += g * ((d / d0) * d if hyper["safeguard_warmup"] else weight)
    d_denom = np.abs(s).sum(axis=-1, keepdims=True)
    moving = d_denom != 0
    numerator = d_numerator + delta
    d_hat = hyper["d_coef"] * numerator / np.where(moving, d_denom, 1.0)
    new_d = np.where(d == d0, np.maximum(d, d_hat), d)
    new_d_max = np.maximum(d_max, d_hat)
    growth = hyper["growth_rate"]
    new_d = np.minimum(new_d_max, new_d * np.where(growth == 0, np.inf, growth))
    denom = np.sqrt(v)
    denom += new_d * hyper["eps"]
    new = params
    if decouple and not parts.is_zero(wd):
        new = parts.where(wd != 0, params + params * (-wd * dlr), params)
    new_beta1 = parts.step_scaled(new, m, denom, dlr)
    if np.ndim(beta1) or beta1 == 0:
        new_plain = parts.step_scaled(new, g, denom, dlr * new_d)
        new = parts.where(beta1 > 0, new_beta1, new_plain)
    else:
        new = new_beta1
    keep = ~moving
    new = np.where(keep, params, new)
    return new, ProdigyState(
        state.count + 1, np.where(keep, state.k, state.k + 1), np.where(keep, d, new_d),
        np.where(keep, d_max, new_d_max), np.where(keep, state.d_numerator, numerator),
        np.where(keep, state.dlr, dlr), state.p0, s, m, v)


def _dot(a, b):
    """``torch.dot`` of each point's 2-vectors (``a0 b0 + a1 b1``)."""
    out = a * b
    return out.sum(axis=-1, keepdims=True)


def effective_step(state, hyper, lr):
    """``dlr / (sqrt(v) / d + eps)``: the per-coordinate step on ``m / d`` (the momentum in
    gradient units), with the dlr of the last update and the new d."""
    if int(state.count) == 0:
        return np.full(np.shape(state.exp_avg_sq), np.nan)
    return state.dlr / (np.sqrt(state.exp_avg_sq) / state.d + hyper["eps"])


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    b1, b2 = h["betas"]
    d_prev, d = float(ctx.previous("d")[0]), float(ctx.current("d")[0])
    dlr = float(ctx.current("dlr")[0])
    r_prev = float(ctx.previous("d_numerator")[0])
    r = float(ctx.current("d_numerator")[0])
    s = ctx.current("s")
    m_prev, m = ctx.previous("exp_avg"), ctx.current("exp_avg")
    v_prev, v = ctx.previous("exp_avg_sq"), ctx.current("exp_avg_sq")
    p0 = ctx.current("p0")
    moved = int(ctx.current("k")[0]) > int(ctx.previous("k")[0])
    lines.add("info", translate("narration", "step size dlr = d × lr = {d} × {lr}").format(
        d=_n(d_prev), lr=_n(ctx.lr))
              + (translate("narration", " × bias correction") if h["use_bias_correction"] else "")
              + f" = {_n(dlr)}")
    lines.add("velocity", translate("narration", "m = {b1} × previous {m_prev} + d × {b12} × "
                                                 "gradient → {m}").format(
                              b1=_n(b1), m_prev=_v(m_prev), b12=_n(1 - b1), m=_v(m)))
    lines.add("scale", translate("narration", "v = {b2} × previous {v_prev} + d² × {b22} × "
                                              "gradient² → {v}").format(
                           b2=_n(b2), v_prev=_v(v_prev), b22=_n(1 - b2), v=_v(v)))
    lines.add("scale", translate("narration", "distance evidence: r = β3 × previous {r_prev} + "
                                              "(d / d0) dlr × ⟨gradient, start {p0} − point⟩ → "
                                              "{r}; Σ|s| = {s_sum}").format(
                           r_prev=_n(r_prev), p0=_v(p0), r=_n(r), s_sum=_n(float(np.abs(s).sum()))))
    if not moved:
        lines.add("warning", translate("narration", "Σ|s| is 0 (no gradient yet): d stays and "
                                                    "the point does not move"))
    else:
        lines.add("scale", translate(
            "narration", "d estimate: max(d, d_coef × r / Σ|s|) → d = {d}").format(
            d=_n(d)) + (translate(
                "narration", " (grew)") if d > d_prev else translate(
                "narration", " (unchanged)")))
    eff = np.asarray(effective_step(ctx.after, h, ctx.lr)).reshape(-1, 2)[0]
    sigma = np.sqrt(v) / d + h["eps"]
    direction = m / d if b1 > 0 else ctx.g
    lines.add("scale", translate("narration", "σ = √v / d + eps → {sigma}; effective lr = dlr / "
                                              "σ → {eff}").format(sigma=_v(sigma), eff=_v(eff)))
    lines.add("update", translate(
        "narration", "step: effective lr × {what} = {step}, taken downhill").format(
        what="m / d" if b1 > 0 else translate("narration", "gradient"), step=_v(eff * direction))
        if moved else translate("narration", "step: none"))
    return Story(lines, eff, previous_velocity=m_prev, velocity=m, velocity_units="scaled",
                 previous_second_moment=v_prev, second_moment=v, sigma=sigma,
                 terms={"d": d, "previous_d": d_prev, "dlr": dlr, "d_numerator": r})


SPEC = register(OptimizerSpec(
    "prodigy", "Prodigy",
    "Adam with lr = d * lr, d an ever-growing estimate of the distance to the solution",
    (parts.lr_param(1.0), parts.BETAS,
     Param("beta3", 0.0, low=0, high=1, open_high=True,
           doc="decay of the sums that estimate d; 0 means sqrt(beta2) (the reference's None)"),
     parts.eps_param(1e-8, "added to sqrt(v) / d, the denominator of the step"),
     parts.weight_decay_param(0.0, "weight decay: decoupled (p shrinks by weight_decay * dlr) "
                                   "or in the gradient, see decouple"),
     Param("decouple", True, kind=bool, doc="AdamW-style decoupled weight decay"),
     Param("use_bias_correction", False, kind=bool,
           doc="Adam's bias correction in the step size (off in the reference by default)"),
     Param("safeguard_warmup", False, kind=bool,
           doc="leave lr out of the d estimate's sums (for schedules with warm-up)"),
     Param("d0", 1e-6, low=0, open_low=True, log_scale=True, error="Invalid d0 value: {value}",
           doc="the first distance estimate; d only grows from it"),
     Param("d_coef", 1.0, low=0, open_low=True,
           doc="multiplies every estimate of d: the knob to tune (0.5 or 2 also work)"),
     Param("growth_rate", 0.0, low=0,
           doc="largest factor by which d may grow per step; 0 means unrestricted (the "
               "reference's inf)")),
    init=init, update=update, state=ProdigyState, narrate=narrate,
    dynamics=lambda hyper, t: Dynamics(ADAPTIVE, float(hyper["betas"][0])),
    effective_step=effective_step,
    sweeps=(Sweep("d_coef", 0.1, 10.0), Sweep("beta1", 0.0, 0.98, "betas", 0)),
    readouts=(Readout("d", "d (distance estimate)", "scalar", lambda s: s.d[..., 0]),),
    reference="the authors' prodigyopt 1.1.2 (float64, one model per start point)"))
