"""ASGD (torch.optim.ASGD): SGD with a decaying step and a running (Polyak) average."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from app.i18n import translate
from surfaces.params import Param

from . import parts
from .base import GD, Dynamics, OptimizerSpec, Readout, Sweep, register
from .narration import Lines, StepContext, Story, coupled_decay, format_number, format_vector

__all__ = ["ASGDState", "init", "update"]

_n, _v = format_number, format_vector


class ASGDState(NamedTuple):
    count: int
    eta: float | np.ndarray  # the step size of the next update (torch: lr at the first step)
    mu: float | np.ndarray  # the averaging weight of the next update
    ax: np.ndarray  # the averaged point


def init(params, hyper):
    return ASGDState(0, 0.0, 1.0, parts.zeros(params))


def update(grads, state, params, lr, hyper):
    """ASGD (torch.optim.ASGD).

    ``eta = lr`` at the first step; ``g = grad + weight_decay * p``; ``p = p * (1 - lambd *
    eta)``, then ``p = p - eta * g``; the average ``ax = ax + mu * (p - ax)`` (``ax = p`` while
    ``mu = 1``); then, for the next update, ``eta = lr / (1 + lambd * lr * t)^alpha`` and
    ``mu = 1 / max(1, t - t0)``. The path is ``p``; ``ax`` is reported as a second point.
    """
    t = state.count + 1
    lambd, alpha, t0 = hyper["lambd"], hyper["alpha"], hyper["t0"]
    eta = lr if state.count == 0 else state.eta
    g = parts.plus_scaled(grads, params, hyper["weight_decay"])
    new = parts.step_along(params * (1 - lambd * eta), g, eta)
    mu = state.mu
    ax = parts.where(mu != 1, state.ax + (new - state.ax) * mu, new.copy())
    eta_next = lr / parts.power(1 + lambd * lr * t, alpha)
    mu_next = 1 / np.maximum(1, t - t0) if np.ndim(t0) else 1 / max(1, t - t0)
    return new, ASGDState(t, eta_next, mu_next, ax)


def dynamics(hyper, t):
    """Gradient descent with step ``eta_t = lr / (1 + lambd lr (t - 1))^alpha`` at a constant
    lr (step scale ``eta_t / lr``; 1 with ``lambd = 0``, where ASGD's steps are plain GD's; the
    decay ``p (1 - lambd eta)`` is left out of the model)."""
    lambd, lr = float(hyper["lambd"]), float(hyper["lr"])
    return Dynamics(GD, 0.0, 1.0 / (1 + lambd * lr * (max(int(t), 1) - 1)) ** hyper["alpha"])


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    lambd = h["lambd"]
    eta = ctx.lr if ctx.k == 0 else float(np.asarray(ctx.before.eta).reshape(-1)[0])
    gw = coupled_decay(ctx, lines)
    g = ctx.g if gw is None else gw
    lines.add("info", translate("narration", "step size η = {eta}").format(eta=_n(eta)) + (
        translate("narration", " (lr, at the first step)") if ctx.k == 0
        else " = lr / (1 + {} × lr × {})^{}".format(_n(lambd), ctx.k, _n(h["alpha"]))))
    if lambd:
        lines.add("info", translate("narration", "decay: point × (1 − {lambd} × η) = point × "
                                                 "{lambd_eta}").format(
                              lambd=_n(lambd), lambd_eta=_n(1 - lambd * eta)))
    lines.add("update", translate(
        "narration", "step: η × gradient = {eta_g}, taken downhill").format(
                            eta_g=_v(eta * g)))
    ax = ctx.current("ax")
    lines.add("info", translate("narration", "running average of the points ax → {ax}").format(
                          ax=_v(ax)))
    return Story(lines, np.full(2, eta), decayed_gradient=gw, terms={"eta": eta, "ax": ax})


SPEC = register(OptimizerSpec(
    "asgd", "ASGD (averaged SGD)", "p = p (1 - lambd eta) - eta g, eta = lr / (1 + lambd lr "
                                   "t)^alpha; ax averages the points",
    (parts.lr_param(1e-2),
     Param("lambd", 1e-4, low=0, doc="decay term: p shrinks by lambd * eta every step, and "
                                     "eta decays as (1 + lambd lr t)^-alpha"),
     Param("alpha", 0.75, low=0, doc="power of the step-size decay"),
     Param("t0", 1e6, low=0, doc="step from which the points are averaged (ax)"),
     parts.WEIGHT_DECAY),
    init=init, update=update, state=ASGDState, narrate=narrate, dynamics=dynamics,
    sweeps=(Sweep("lambd", 0.0, 1.0),),
    readouts=(Readout("ax", "averaged point ax", "point", lambda s: s.ax),),
    torch_name="ASGD", reference="torch.optim.ASGD 2.13 (float64, foreach=False)"))
