"""AdamW (torch.optim.AdamW): Adam with decoupled weight decay ``p = p * (1 - lr * wd)``."""

from . import parts
from .adam import (
    BETA_SWEEPS,
    AdamState,
    adam_update,
    effective_step,
    init,
    momentum_dynamics,
    narrate_adam,
)
from .base import OptimizerSpec, register


def update(grads, state, params, lr, hyper):
    return adam_update(grads, state, params, lr, hyper, decoupled=True)


update.__doc__ = adam_update.__doc__

SPEC = register(OptimizerSpec(
    "adamw", "AdamW", "Adam with decoupled weight decay: p = p * (1 - lr * weight_decay)",
    (parts.lr_param(1e-3), parts.BETAS, parts.EPS,
     parts.weight_decay_param(1e-2, "decoupled decay: p shrinks by lr * weight_decay each step"),
     parts.AMSGRAD),
    init=init, update=update, state=AdamState, narrate=lambda ctx: narrate_adam(ctx, True),
    dynamics=momentum_dynamics, effective_step=effective_step, sweeps=BETA_SWEEPS,
    torch_name="AdamW", reference="torch.optim.AdamW 2.13 (float64, foreach=False)"))
