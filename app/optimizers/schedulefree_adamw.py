"""Schedule-free AdamW (Defazio et al. 2024, "The Road Less Scheduled"): no learning-rate decay
needed, because the point that is evaluated is an average of the iterates.

Three sequences: ``z`` takes plain (AdamW-scaled) gradient steps, ``x`` is a running average of
the ``z``'s, and the gradient is taken at ``y``, a point between them (``y = (1 - beta1) z +
beta1 x``). The engine's path is ``y`` (where the gradient is taken); the point a schedule-free
optimizer is *evaluated* at, ``x``, is the readout ``x`` (drawn dashed).

Reference: the authors' ``schedulefree`` 1.4.1 (facebookresearch/schedule_free,
``AdamWScheduleFree`` in train mode; ``x`` is what its ``eval()`` puts into the parameters,
``lerp(y, z, 1 - 1 / beta1)``). The shared rule here serves :mod:`.schedulefree_sgd` too.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from app.i18n import translate
from surfaces.params import Param

from . import parts
from .base import ADAPTIVE, Dynamics, OptimizerSpec, Readout, Sweep, register
from .narration import Lines, StepContext, Story, format_number, format_vector

__all__ = ["ScheduleFreeState", "init", "update", "averaged_step", "sf_params", "X_READOUT"]

_n, _v = format_number, format_vector


class ScheduleFreeState(NamedTuple):
    count: int  # the reference's k
    z: np.ndarray  # the plain gradient-step sequence
    x: np.ndarray  # the average: the point that is evaluated
    exp_avg_sq: np.ndarray | None  # v (AdamW only)
    lr_max: float | np.ndarray  # the largest (warmed-up) lr so far
    weight_sum: float | np.ndarray  # sum of the averaging weights


def init(params, hyper, adam: bool = True):
    params = parts.as_array(params)
    return ScheduleFreeState(0, params.copy(), params.copy(),
                             parts.zeros(params) if adam else None, -1.0, 0.0)


def _max(a, b):
    return max(a, b) if np.ndim(a) == 0 and np.ndim(b) == 0 else np.maximum(a, b)


def averaging(state, lr, hyper):
    """``(lr_k, lr_max, weight_sum, c_{k+1})``: the warmed-up lr ``lr (k + 1) / warmup_steps``
    (while ``k < warmup_steps``), ``lr_max = max(lr_max, lr_k)``, ``weight = (k + 1)^r
    lr_max^weight_lr_power``, ``weight_sum += weight``, ``c = weight / weight_sum`` (0 if the
    sum is 0)."""
    k, warmup = state.count, hyper["warmup_steps"]
    lr = lr * ((k + 1) / warmup if k < warmup else 1.0)
    lr_max = _max(lr, state.lr_max)
    weight = parts.power(k + 1, hyper["r"]) * parts.power(lr_max, hyper["weight_lr_power"])
    weight_sum = state.weight_sum + weight
    if np.ndim(weight_sum) == 0:
        ckp1 = weight / weight_sum if weight_sum != 0 else 0
    else:
        ckp1 = np.where(weight_sum != 0, weight / np.where(weight_sum != 0, weight_sum, 1), 0)
    return lr, lr_max, weight_sum, ckp1


def averaged_step(y, z, direction, lr, ckp1, beta):
    """``y = lerp(y, z, c) + lr (beta (1 - c) - 1) d``, ``z = z - lr d`` (the reference's
    ``y.lerp_(z, c); y.add_(d, alpha=lr * (beta * (1 - c) - 1)); z.sub_(d, alpha=lr)``)."""
    new_y = parts.lerp(y, z, ckp1)
    new_y += direction * (lr * (beta * (1 - ckp1) - 1))
    new_z = z - direction * lr
    return new_y, new_z


def evaluation_point(y, z, beta):
    """``x = lerp(y, z, 1 - 1 / beta)``: what the reference's ``eval()`` puts in the params."""
    return parts.lerp(y, z, 1 - 1 / beta)


def update(grads, state, params, lr, hyper):
    """Schedule-free AdamW (schedulefree 1.4.1 ``AdamWScheduleFree``, train mode).

    ``k``: the step count; ``lr_k``, ``c``: see :func:`averaging`; ``v = beta2 v + (1 - beta2)
    g^2``; ``d = g / (sqrt(v / (1 - beta2^(k+1))) + eps) + weight_decay * y``; ``y = lerp(y, z,
    c) + lr_k (beta1 (1 - c) - 1) d``; ``z = z - lr_k d``. ``y`` is the new point (the gradient
    is taken there); the evaluated average is ``x = lerp(y, z, 1 - 1 / beta1)``.
    """
    beta1, beta2 = hyper["betas"]
    k = state.count
    lr, lr_max, weight_sum, ckp1 = averaging(state, lr, hyper)
    v = parts.decayed_square(state.exp_avg_sq, grads, beta2)
    denom = np.sqrt(v / (1 - parts.power(beta2, k + 1)))
    denom += hyper["eps"]
    direction = grads / denom
    direction = parts.plus_scaled(direction, params, hyper["weight_decay"])
    y, z = averaged_step(params, state.z, direction, lr, ckp1, beta1)
    return y, ScheduleFreeState(k + 1, z, evaluation_point(y, z, beta1), v, lr_max, weight_sum)


def effective_step(state, hyper, lr):
    """``lr / (sqrt(v / (1 - beta2^t)) + eps)``: the per-coordinate step ``z`` takes."""
    t = int(state.count)
    if t == 0:
        return np.full(np.shape(state.exp_avg_sq), np.nan)
    beta2 = float(hyper["betas"][1])
    warm = hyper["warmup_steps"]
    lr = lr * (t / warm if t - 1 < warm else 1.0)
    return lr / (np.sqrt(state.exp_avg_sq / (1 - beta2**t)) + hyper["eps"])


def narrate_averaging(ctx: StepContext, lines: Lines, direction, beta, what: str) -> dict:
    """The lines shared by both schedule-free optimizers: the z, y and x updates."""
    lr, _, _, ckp1 = averaging(ctx.before, ctx.lr, ctx.hyper)
    lr = float(np.asarray(lr).reshape(-1)[0])
    ckp1 = float(np.asarray(ckp1).reshape(-1)[0])
    z_prev, z, x = ctx.previous("z"), ctx.current("z"), ctx.current("x")
    y, _ = averaged_step(ctx.p[None, :], z_prev[None, :], direction[None, :], lr, ckp1, beta)
    lines.add("velocity", translate("narration", "z (plain steps) = previous {z_prev} − lr {lr} "
                                                 "× {what} → {z}").format(
                              z_prev=_v(z_prev), lr=_n(lr), what=what, z=_v(z)))
    lines.add("velocity", translate("narration", "averaging weight c = {ckp1}: y moves to (1 − "
                                                 "c) y + c z = {ckp1_p_ckp1}, then by lr × "
                                                 "({beta} (1 − c) − 1) × {what}").format(
                              ckp1=_n(ckp1), ckp1_p_ckp1=_v((1 - ckp1) * ctx.p + ckp1 * z_prev),
                              beta=_n(beta), what=what))
    lines.add("update", translate("narration", "step of y (where the next gradient is taken): "
                                               "{y_p}").format(y_p=_v(y[0] - ctx.p)))
    lines.add("info", translate(
        "narration", "evaluated point x (the average of the z's) → {x}").format(
                          x=_v(x)))
    return {"z": z, "x": x, "averaging_weight": ckp1, "scheduled_lr": lr}


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    b1, b2 = h["betas"]
    t = ctx.t
    v_prev, v = ctx.previous("exp_avg_sq"), ctx.current("exp_avg_sq")
    lines.add("scale", translate("narration", "v = {b2} × previous {v_prev} + {b22} × gradient² "
                                              "→ {v}").format(
                           b2=_n(b2), v_prev=_v(v_prev), b22=_n(1 - b2), v=_v(v)))
    sigma = np.sqrt(v / (1 - b2**t)) + h["eps"]
    direction = ctx.g / sigma
    lines.add("scale", translate("narration", "σ = √(v / (1 − {b2}^{t})) + eps → {sigma}; "
                                              "normalized gradient g / σ → {direction}").format(
                           b2=_n(b2), t=t, sigma=_v(sigma), direction=_v(direction)))
    if h["weight_decay"]:
        direction = direction + h["weight_decay"] * ctx.p
        lines.add("scale", translate("narration", "+ weight decay {h_weight_decay} × y → "
                                                  "{direction}").format(
                               h_weight_decay=_n(h['weight_decay']), direction=_v(direction)))
    terms = narrate_averaging(ctx, lines, direction, b1,
                              translate("narration", "normalized gradient"))
    eff = np.asarray(effective_step(ctx.after, h, ctx.lr)).reshape(-1, 2)[0]
    return Story(lines, eff, previous_second_moment=v_prev, second_moment=v, sigma=sigma,
                 terms=terms)


WEIGHT_DECAY = parts.weight_decay_param(0.0, "weight decay at y, added to the (normalized) "
                                             "gradient")


def sf_params(lr: float, own: tuple[Param, ...]) -> tuple[Param, ...]:
    """The parameters of a schedule-free optimizer: lr, its ``own``, then the averaging's."""
    return (parts.lr_param(lr), *own,
            Param("warmup_steps", 0, kind=int, low=0,
                  doc="linear warm-up of lr over this many steps, inside the optimizer"),
            Param("r", 0.0, doc="the average weighs step k by (k + 1)^r (0: all alike)"),
            Param("weight_lr_power", 2.0,
                  doc="the average weighs each step by lr_max^weight_lr_power (matters during "
                      "warm-up)"))


X_READOUT = Readout("x", "evaluated point x", "point", lambda s: s.x)

SPEC = register(OptimizerSpec(
    "schedulefree_adamw", "Schedule-free AdamW",
    "z: AdamW-scaled steps; x: their average (evaluated); gradient at y = lerp(x, z, 1 - beta1)",
    sf_params(0.0025, (parts.BETAS, parts.EPS, WEIGHT_DECAY)), init=init, update=update,
    state=ScheduleFreeState, narrate=narrate,
    dynamics=lambda hyper, t: Dynamics(ADAPTIVE), effective_step=effective_step,
    sweeps=(Sweep("beta1", 0.5, 0.98, "betas", 0),),
    readouts=(X_READOUT,),
    reference="the authors' schedulefree 1.4.1 AdamWScheduleFree (float64, train mode; x as "
              "eval() computes it)"))
