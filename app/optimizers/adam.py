"""Adam (torch.optim.Adam), and its rule with decoupled weight decay (AdamW)."""

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
    decoupled_decay,
    first_moment,
    format_number,
    format_vector,
    second_moment,
)

__all__ = ["AdamState", "init", "update", "adam_update", "BETA_SWEEPS", "momentum_dynamics"]

_n, _v = format_number, format_vector


class AdamState(NamedTuple):
    count: int
    exp_avg: np.ndarray  # first moment m
    exp_avg_sq: np.ndarray  # second moment v
    max_exp_avg_sq: np.ndarray | None  # only with amsgrad=True


def init(params, hyper):
    return AdamState(0, parts.zeros(params), parts.zeros(params),
                     parts.zeros(params) if hyper["amsgrad"] else None)


def adam_update(grads, state, params, lr, hyper, decoupled):
    """Adam (torch.optim.Adam) and AdamW (``decoupled=True``).

    ``t = t + 1``; Adam: ``g = grad + weight_decay * p``; AdamW: ``p = p * (1 - lr *
    weight_decay)`` first. ``m = lerp(m, g, 1 - beta1)`` (= ``beta1 m + (1 - beta1) g``),
    ``v = beta2 v + (1 - beta2) g * g``; amsgrad: ``v_max = max(v_max, v)`` is used for ``v``.
    With bias correction (torch): ``p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / (1 -
    beta2^t)^0.5 + eps)``: eps is added *after* the bias-corrected square root.
    ``bias_correction=False`` (not in torch; to see what it does): ``p = p - lr * m / (sqrt(v) +
    eps)``. Since m and v start at zero, the early steps are then scaled by about
    ``(1 - beta1^t) / sqrt(1 - beta2^t)``: 3.2 times too large at the first step with the default
    betas (the instability Kingma and Ba's correction removes), too small when beta1 > sqrt(beta2).
    """
    t = state.count + 1
    beta1, beta2 = hyper["betas"]
    wd = hyper["weight_decay"]
    if decoupled:
        params = parts.decay_point(params, lr, wd)
        g = grads
    else:
        g = parts.plus_scaled(grads, params, wd)
    m = parts.lerp(state.exp_avg, g, 1 - beta1)
    v = parts.decayed_square(state.exp_avg_sq, g, beta2)
    v_max = state.max_exp_avg_sq
    if hyper["amsgrad"]:
        v_max = np.maximum(v_max, v)
    denom = np.sqrt(v_max if hyper["amsgrad"] else v)
    step_size = lr
    if hyper.get("bias_correction", True):
        step_size = lr / (1 - parts.power(beta1, t))
        # torch takes this root with Python's ``** 0.5``, which is not always the correctly
        # rounded np.sqrt: one ulp here would show in the trajectories
        denom /= parts.power(1 - parts.power(beta2, t), 0.5)
    denom += hyper["eps"]
    return parts.step_scaled(params, m, denom, step_size), AdamState(t, m, v, v_max)


def update(grads, state, params, lr, hyper):
    return adam_update(grads, state, params, lr, hyper, decoupled=False)


update.__doc__ = adam_update.__doc__


def effective_step(state, hyper, lr):
    """``lr / (sqrt(v) / sqrt(1 - beta2^t) + eps)`` (AMSGrad: ``max_exp_avg_sq``)."""
    t = int(state.count)
    if t == 0:
        return np.full(np.shape(state.exp_avg_sq), np.nan)
    beta2 = float(hyper["betas"][1])
    v = state.max_exp_avg_sq if hyper.get("amsgrad", False) else state.exp_avg_sq
    if hyper.get("bias_correction", True):
        return lr / (np.sqrt(v) / np.sqrt(1 - beta2**t) + hyper["eps"])
    return lr / (np.sqrt(v) + hyper["eps"])


def momentum_dynamics(hyper, t):
    """Adam's first moment ``m = beta1 m + (1 - beta1) g`` (bias-corrected by ``1 - beta1^t``)
    is heavy ball with momentum beta1 and step ``(1 - beta1) / (1 - beta1^t)``."""
    mu = float(hyper["betas"][0])
    scale = (1.0 - mu) / (1.0 - mu ** max(int(t), 1)) if mu < 1 else 1.0
    return Dynamics(ADAPTIVE, mu, scale)


def narrate_adam(ctx: StepContext, decoupled: bool) -> Story:
    h, lines = ctx.hyper, Lines()
    (b1, b2), eps, wd = h["betas"], h["eps"], h["weight_decay"]
    amsgrad, corrected = h.get("amsgrad", False), h.get("bias_correction", True)
    t = ctx.t
    terms = {}
    gw = None
    if wd and decoupled:
        decoupled_decay(ctx, lines, terms)
    elif wd:
        gw = coupled_decay(ctx, lines)
    g = ctx.g if gw is None else gw
    m_prev, m = first_moment(ctx, lines, b1)
    v_prev, v = second_moment(ctx, lines, g, b2)
    v_used = v
    if amsgrad:
        vmax_prev, v_used = ctx.previous("max_exp_avg_sq"), ctx.current("max_exp_avg_sq")
        terms["max_exp_avg_sq"] = v_used
        lines.add("scale", translate("narration", "AMSGrad: v_max = max(previous {vmax_prev}, v) "
                                                  "→ {v_used}").format(
                               vmax_prev=_v(vmax_prev), v_used=_v(v_used)))
    vname = "v_max" if amsgrad else "v"
    if corrected:
        bc1 = 1 - b1**t
        bc2_root = (1 - b2**t) ** 0.5
        m_hat = m / bc1
        root_v_hat = np.sqrt(v_used) / bc2_root
        sigma = root_v_hat + eps
        terms.update(m_hat=m_hat, root_v_hat=root_v_hat, bias_correction1=bc1,
                     bias_correction2_root=bc2_root)
        lines.add("velocity", translate("narration", "bias correction (t = {t}): m_hat = m / (1 "
                                                     "− {b1}^{t}) = m / {bc1} → {m_hat}").format(
                                  t=t, b1=_n(b1), bc1=_n(bc1), m_hat=_v(m_hat)))
        lines.add("scale", translate("narration", "√v_hat = √{vname} / √(1 − {b2}^{t}) = "
                                                  "√{vname} / {bc2_root} → {root_v_hat}").format(
                               vname=vname, b2=_n(b2), t=t, bc2_root=_n(bc2_root),
                               root_v_hat=_v(root_v_hat)))
        lines.add("scale", translate("narration", "σ = √v_hat + eps → {sigma}").format(
                               sigma=_v(sigma)))
        direction, dname = m_hat, "m_hat"
    else:
        sigma = np.sqrt(v_used) + eps
        lines.add("scale", translate("narration", "no bias correction: σ = √{vname} + eps → "
                                                  "{sigma}").format(vname=vname, sigma=_v(sigma)))
        direction, dname = m, "m"
    eff = ctx.lr / sigma
    lines.add("scale", translate(
        "narration", "effective lr per coordinate = lr / σ → {eff}").format(
                           eff=_v(eff)))
    lines.add("update", translate(
        "narration", "step: effective lr × {dname} = {step}, taken downhill").format(
        dname=dname, step=_v(eff * direction)) + (translate(
            "narration", " from the decayed point") if wd and decoupled else ""))
    return Story(lines, eff, decayed_gradient=gw, previous_velocity=m_prev, velocity=m,
                 velocity_units="gradient", previous_second_moment=v_prev, second_moment=v,
                 sigma=sigma, terms=terms)


BETA_SWEEPS = (Sweep("beta1", 0.0, 0.98, "betas", 0), Sweep("beta2", 0.9, 0.9999, "betas", 1))

SPEC = register(OptimizerSpec(
    "adam", "Adam", "RMSProp's scaling + momentum on the gradient, bias-corrected",
    (parts.lr_param(1e-3), parts.BETAS, parts.EPS, parts.WEIGHT_DECAY, parts.AMSGRAD,
     Param("bias_correction", True, kind=bool,
           doc="divide m and v by (1 - beta^t), which undoes their start at zero; off (not "
               "in torch) makes the first steps about 3 times lr with the default betas")),
    init=init, update=update, state=AdamState, narrate=lambda ctx: narrate_adam(ctx, False),
    dynamics=momentum_dynamics, effective_step=effective_step, sweeps=BETA_SWEEPS,
    torch_name="Adam", reference="torch.optim.Adam 2.13 (float64, foreach=False)"))
