"""Schedule-free SGD (Defazio et al. 2024): plain gradient steps on ``z``, the average ``x`` is
evaluated, the gradient is taken at ``y = (1 - momentum) z + momentum x`` (see
:mod:`.schedulefree_adamw`, whose averaging this shares).

Reference: the authors' ``schedulefree`` 1.4.1 ``SGDScheduleFree`` (train mode; ``x`` is what its
``eval()`` computes, ``lerp(y, z, 1 - 1 / momentum)``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from app.i18n import translate
from surfaces.params import Param

from . import parts
from .base import OTHER, Dynamics, OptimizerSpec, Sweep, register
from .narration import Lines, StepContext, Story, coupled_decay
from .schedulefree_adamw import (
    WEIGHT_DECAY,
    X_READOUT,
    ScheduleFreeState,
    averaged_step,
    averaging,
    evaluation_point,
    narrate_averaging,
    sf_params,
)

__all__ = ["init", "update"]


def init(params, hyper):
    params = parts.as_array(params)
    return ScheduleFreeState(0, params.copy(), params.copy(), None, -1.0, 0.0)


def update(grads, state, params, lr, hyper):
    """Schedule-free SGD (schedulefree 1.4.1 ``SGDScheduleFree``, train mode).

    ``lr_k``, ``c``: the warmed-up lr and the averaging weight (see
    :func:`.schedulefree_adamw.averaging`); ``d = g + weight_decay * y``; ``y = lerp(y, z, c) +
    lr_k (momentum (1 - c) - 1) d``; ``z = z - lr_k d``. ``y`` is the new point; the evaluated
    average is ``x = lerp(y, z, 1 - 1 / momentum)``.
    """
    mu = hyper["momentum"]
    lr, lr_max, weight_sum, ckp1 = averaging(state, lr, hyper)
    direction = parts.plus_scaled(grads, params, hyper["weight_decay"])
    y, z = averaged_step(params, state.z, direction, lr, ckp1, mu)
    return y, ScheduleFreeState(state.count + 1, z, evaluation_point(y, z, mu), None, lr_max,
                                weight_sum)


def check(h: Mapping[str, Any]) -> None:
    mu = np.asarray(h["momentum"])
    if np.any(mu <= 0) or np.any(mu >= 1):
        raise ValueError(f"Momentum must be between 0 and 1 exclusive: {h['momentum']}")


def narrate(ctx: StepContext) -> Story:
    lines = Lines()
    gw = coupled_decay(ctx, lines)
    direction = ctx.g if gw is None else gw
    terms = narrate_averaging(ctx, lines, direction, ctx.hyper["momentum"],
                              translate("narration", "gradient"))
    return Story(lines, np.full(2, terms["scheduled_lr"]), decayed_gradient=gw, terms=terms)


MOMENTUM = Param("momentum", 0.9, low=0, high=1, open_low=True, open_high=True,
                 error="Momentum must be between 0 and 1 exclusive: {value}",
                 doc="where y sits between z (0) and the average x (1)")

SPEC = register(OptimizerSpec(
    "schedulefree_sgd", "Schedule-free SGD",
    "z = z - lr g; x: average of the z's (evaluated); gradient at y = lerp(x, z, 1 - momentum)",
    sf_params(1.0, (MOMENTUM, WEIGHT_DECAY)), init=init, update=update,
    state=ScheduleFreeState, narrate=narrate, dynamics=lambda hyper, t: Dynamics(OTHER),
    sweeps=(Sweep("momentum", 0.05, 0.98),), check=check, readouts=(X_READOUT,),
    reference="the authors' schedulefree 1.4.1 SGDScheduleFree (float64, train mode; x as "
              "eval() computes it)"))
