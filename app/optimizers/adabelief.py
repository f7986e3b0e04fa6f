"""AdaBelief (Zhuang et al. 2020): Adam whose second moment is the spread of the gradient around
its own average, so the step is large where the gradient is predictable.

Reference: the authors' ``adabelief-pytorch`` 0.2.1 (juntang-zhuang/Adabelief-Optimizer,
``AdaBelief.py``), with its defaults: eps 1e-16, decoupled weight decay, RAdam's rectification
(and its SGD steps while the variance estimate is unreliable).
"""

from __future__ import annotations

import math
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
    first_moment,
    format_number,
    format_vector,
)

__all__ = ["AdaBeliefState", "init", "update", "rectification"]

_n, _v = format_number, format_vector


class AdaBeliefState(NamedTuple):
    count: int
    exp_avg: np.ndarray  # m
    exp_avg_var: np.ndarray  # s: the average of (g - m)^2, plus eps once per step
    max_exp_avg_var: np.ndarray | None  # only with amsgrad=True


def init(params, hyper):
    return AdaBeliefState(0, parts.zeros(params), parts.zeros(params),
                          parts.zeros(params) if hyper["amsgrad"] else None)


def _sqrt(x):
    return math.sqrt(x) if np.ndim(x) == 0 else np.sqrt(x)


def rectification(beta1, beta2, t):
    """RAdam's ``(N_sma, step_size)`` at step ``t``, as the reference computes them.

    ``N_max = 2 / (1 - beta2) - 1``, ``N_sma = N_max - 2 t beta2^t / (1 - beta2^t)``; where
    ``N_sma >= 5``: ``step_size = sqrt((1 - beta2^t) (N_sma - 4) / (N_max - 4) (N_sma - 2) /
    N_sma N_max / (N_max - 2)) / (1 - beta1^t)``, else ``1 / (1 - beta1^t)`` (an SGD step).
    """
    beta2_t = parts.power(beta2, t)
    n_max = 2 / (1 - beta2) - 1
    n_sma = n_max - 2 * t * beta2_t / (1 - beta2_t)
    ok = n_sma >= 5
    safe = np.where(ok, n_sma, 5.0) if np.ndim(ok) else (n_sma if ok else 5.0)
    rect = _sqrt((1 - beta2_t) * (safe - 4) / (n_max - 4) * (safe - 2) / safe * n_max
                 / (n_max - 2)) / (1 - parts.power(beta1, t))
    sgd = 1.0 / (1 - parts.power(beta1, t))
    return n_sma, (np.where(ok, rect, sgd) if np.ndim(ok) else (rect if ok else sgd))


def update(grads, state, params, lr, hyper):
    """AdaBelief (adabelief-pytorch 0.2.1).

    Weight decay: ``p = p * (1 - lr * weight_decay)`` (``weight_decouple``; ``fixed_decay``:
    ``p * (1 - weight_decay)``), else ``g = grad + weight_decay * p``. ``t = t + 1``;
    ``m = beta1 m + (1 - beta1) g``; ``s = beta2 s + (1 - beta2) (g - m)^2``, then ``s = s +
    eps`` (stored). Without ``rectify``: ``p = p - lr / (1 - beta1^t) * m / (sqrt(s) / sqrt(1 -
    beta2^t) + eps)`` (amsgrad: the running maximum of s). With ``rectify`` (default) and
    ``N_sma >= 5`` (see :func:`rectification`): ``p = p - lr * step_size * m / (sqrt(s) + eps)``;
    while ``N_sma < 5`` (the first 4 steps with beta2 = 0.999): ``p = p - lr / (1 - beta1^t) *
    m`` (``degenerated_to_sgd``; off: no step).
    """
    t = state.count + 1
    beta1, beta2 = hyper["betas"]
    eps, wd = hyper["eps"], hyper["weight_decay"]
    g = grads
    if hyper["weight_decouple"]:
        params = params * (1.0 - (wd if hyper["fixed_decay"] else lr * wd))
    else:
        g = parts.plus_scaled(grads, params, wd)
    m = state.exp_avg * beta1
    m += g * (1 - beta1)
    s = parts.decayed_square(state.exp_avg_var, g - m, beta2)
    s += eps
    s_max = state.max_exp_avg_var
    if hyper["amsgrad"]:
        s_max = np.maximum(s_max, s)
    new_state = AdaBeliefState(t, m, s, s_max)
    if not hyper["rectify"]:
        denom = np.sqrt(s_max if hyper["amsgrad"] else s) / _sqrt(1 - parts.power(beta2, t))
        denom += eps
        return parts.step_scaled(params, m, denom, lr / (1 - parts.power(beta1, t))), new_state
    n_sma, step_size = rectification(beta1, beta2, t)
    denom = np.sqrt(s)
    denom += eps
    adaptive = parts.step_scaled(params, m, denom, step_size * lr)
    if np.ndim(n_sma) == 0 and n_sma >= 5:
        return adaptive, new_state
    sgd = parts.step_along(params, m, step_size * lr) if hyper["degenerated_to_sgd"] else params
    return parts.where(n_sma >= 5, adaptive, sgd), new_state


def effective_step(state, hyper, lr):
    """The per-coordinate step on ``m_hat = m / (1 - beta1^t)``: ``lr / (sqrt(s) / sqrt(1 -
    beta2^t) + eps)`` without rectification; rectified, ``lr * r / (sqrt(s) + eps)`` with RAdam's
    factor ``r = step_size * (1 - beta1^t)``, and the plain ``lr`` on the SGD steps (0 if those
    are off)."""
    t = int(state.count)
    if t == 0:
        return np.full(np.shape(state.exp_avg_var), np.nan)
    beta1, beta2 = (float(b) for b in hyper["betas"])
    eps, s = hyper["eps"], state.exp_avg_var
    if not hyper.get("rectify", True):
        v = state.max_exp_avg_var if hyper.get("amsgrad", False) else s
        return lr / (np.sqrt(v) / math.sqrt(1 - beta2**t) + eps)
    n_sma, step_size = rectification(beta1, beta2, t)
    if n_sma >= 5:
        return lr * step_size * (1 - beta1**t) / (np.sqrt(s) + eps)
    return np.full(np.shape(s), lr if hyper.get("degenerated_to_sgd", True) else 0.0)


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    (b1, b2), eps, wd, t = h["betas"], h["eps"], h["weight_decay"], ctx.t
    terms = {}
    gw = None
    if h["weight_decouple"]:
        shrink = 1.0 - (wd if h["fixed_decay"] else ctx.lr * wd)
        if wd:
            terms["decayed_point"] = ctx.p * shrink
            lines.add("info", translate("narration", "decoupled weight decay: point × {shrink} → "
                                                     "{p_shrink}").format(
                                  shrink=_n(shrink), p_shrink=_v(ctx.p * shrink)))
    else:
        gw = coupled_decay(ctx, lines)
    g = ctx.g if gw is None else gw
    m_prev, m = first_moment(ctx, lines, b1)
    s_prev, s = ctx.previous("exp_avg_var"), ctx.current("exp_avg_var")
    r = g - m
    terms["residual"] = r
    lines.add("scale", translate("narration", "belief: gradient − m = {r} (how far the gradient "
                                              "is from its average)").format(r=_v(r)))
    lines.add("scale", translate("narration", "s = {b2} × previous {s_prev} + {b22} × residual² "
                                              "+ eps → {s}").format(
                           b2=_n(b2), s_prev=_v(s_prev), b22=_n(1 - b2), s=_v(s)))
    eff = effective_step(ctx.after, h, ctx.lr)
    eff = np.asarray(eff, dtype=np.float64).reshape(-1, 2)[0]
    m_hat = m / (1 - b1**t)
    terms["m_hat"] = m_hat
    sigma = None
    if h["rectify"]:
        n_sma, _ = rectification(b1, b2, t)
        terms["n_sma"] = n_sma
        if n_sma >= 5:
            sigma = np.sqrt(s) + eps
            lines.add("scale", translate("narration", "rectified (RAdam): N_sma = {n_sma} ≥ 5, "
                                                      "so σ = √s + eps → {sigma}, scaled by the "
                                                      "variance correction").format(
                                   n_sma=_n(n_sma), sigma=_v(sigma)))
        else:
            what = (translate(
                "narration", "a plain momentum step (the variance estimate is not reliable yet)")
                    if h["degenerated_to_sgd"]
                    else translate("narration", "no step (degenerated_to_sgd is off)"))
            lines.add("scale", translate("narration", "rectified (RAdam): N_sma = {n_sma} < 5, "
                                                      "so {what}").format(
                                   n_sma=_n(n_sma), what=what))
    else:
        sigma = np.sqrt(s) / math.sqrt(1 - b2**t) + eps
        lines.add("scale", translate(
            "narration", "σ = √s / √(1 − {b2}^{t}) + eps → {sigma}").format(
                               b2=_n(b2), t=t, sigma=_v(sigma)))
    lines.add("scale", translate("narration", "effective lr per coordinate → {eff}").format(
                           eff=_v(eff)))
    lines.add("update", translate("narration", "step: effective lr × m_hat = {eff_m_hat}, taken "
                                               "downhill").format(eff_m_hat=_v(eff * m_hat)))
    return Story(lines, eff, decayed_gradient=gw, previous_velocity=m_prev, velocity=m,
                 velocity_units="gradient", previous_second_moment=s_prev, second_moment=s,
                 sigma=sigma, terms=terms)


def _flag(name: str, default: bool, doc: str) -> Param:
    return Param(name, default, kind=bool, doc=doc)


SPEC = register(OptimizerSpec(
    "adabelief", "AdaBelief",
    "Adam with s = average of (g - m)^2: big steps where the gradient is as expected",
    (parts.lr_param(1e-3), parts.BETAS,
     parts.eps_param(1e-16, "added to s each step and to the denominator (the reference's "
                            "default 1e-16; 1e-8 for SGD-like tasks)"),
     parts.weight_decay_param(0.0, "weight decay: decoupled (p shrinks) or added to the "
                                   "gradient, see weight_decouple"),
     parts.AMSGRAD,
     _flag("weight_decouple", True, "decoupled weight decay as in AdamW (the reference's "
                                    "default) instead of an L2 term in the gradient"),
     _flag("fixed_decay", False, "with weight_decouple: shrink p by weight_decay, not by lr * "
                                 "weight_decay"),
     _flag("rectify", True, "RAdam's rectification of the step while s is estimated from few "
                            "gradients"),
     _flag("degenerated_to_sgd", True, "with rectify: take momentum steps (no division) while "
                                       "the variance estimate is unreliable")),
    init=init, update=update, state=AdaBeliefState, narrate=narrate,
    dynamics=momentum_dynamics, effective_step=effective_step, sweeps=BETA_SWEEPS,
    reference="the authors' adabelief-pytorch 0.2.1 (float64)"))
