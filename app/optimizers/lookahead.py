"""Lookahead (Zhang, Lucas, Hinton and Ba 2019, "Lookahead Optimizer: k steps forward, 1 step
back") wrapping any other optimizer of the registry.

The inner optimizer takes ``la_steps`` steps (the *fast* weights); then the *slow* weights move
``la_alpha`` of the way toward where the fast ones got, and the fast ones restart from there.

Its hyperparameters are its own (``optimizer``: the inner optimizer's name, ``la_steps``,
``la_alpha``, ``pullback_momentum``) plus the inner optimizer's, all in one flat table (no name
clashes: its own are prefixed as in the reference), e.g. in a scenario file::

    [[racers]]
    optimizer = "lookahead"
    params = { optimizer = "adam", la_steps = 5, la_alpha = 0.5, lr = 0.01, betas = [0.9, 0.99] }

and on the command line ``--optimizer lookahead --param optimizer=adam --param la_alpha=0.5``.
``lr`` and a schedule are the inner optimizer's (the wrapper has none of its own, as in torch).
The racer card shows the inner optimizer's fields below the wrapper's and rebuilds them when
``optimizer`` changes (:meth:`OptimizerSpec.params_of`).

Reference: the authors' ``lookahead_pytorch.py`` (michaelrzhang/lookahead, commit c4fd85f),
which is not on PyPI; ``benchmarks/make_modern_reference.py`` carries a cited copy of it. Its
``pullback_momentum="pullback"`` is left out (after the first synchronization its cached
momentum is the live buffer itself, so it acts as "none" up to rounding); "reset" zeroes the
inner momentum buffer (SGD's, RMSprop's) at each synchronization.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np

from app.i18n import translate
from surfaces.params import Param

from . import parts
from .base import Optimizer, OptimizerSpec, Readout, Sweep, names, register, spec
from .narration import Lines, StepContext, Story, format_number, format_vector

__all__ = ["LookaheadState", "init", "update", "inner_of", "DEFAULT_INNER"]

_n, _v = format_number, format_vector

NAME = "lookahead"
DEFAULT_INNER = "adam"


class LookaheadState(NamedTuple):
    count: int
    inner: Any  # the inner optimizer's state
    slow: np.ndarray  # the slow weights (the reference's cached_params)
    fast: np.ndarray  # where the inner optimizer's last step went (before a synchronization)
    la_step: int  # inner steps since the last synchronization


def _own_params() -> tuple[Param, ...]:
    return (
        Param("optimizer", DEFAULT_INNER, kind=str,
              choices=tuple(n for n in names() if n != NAME),
              doc="the inner optimizer whose steps are the fast weights"),
        Param("la_steps", 5, kind=int, low=1, doc="k: inner steps between synchronizations"),
        Param("la_alpha", 0.8, low=0, high=1, open_low=True,
              doc="how far the slow weights move toward the fast ones (1: the inner optimizer "
                  "alone)"),
        Param("pullback_momentum", "none", kind=str, choices=("none", "reset"),
              doc="at a synchronization: keep the inner momentum buffer, or zero it"),
    )


OWN = ("optimizer", "la_steps", "la_alpha", "pullback_momentum")


def params_for(given: Mapping[str, Any]) -> tuple[Param, ...]:
    """The wrapper's parameters, then those of the inner optimizer ``given["optimizer"]``."""
    own = _own_params()
    inner = given.get("optimizer", DEFAULT_INNER)
    own[0].coerce(inner)  # an unknown name: the wrapper's message, with the valid names
    inner_given = {k: v for k, v in given.items() if k not in OWN}
    return own + spec(inner).params_of(inner_given)


def inner_of(hyper: Mapping[str, Any]) -> Optimizer:
    """The configured inner optimizer of the wrapper's effective ``hyper``."""
    s = spec(hyper["optimizer"])
    inner = {k: v for k, v in hyper.items() if k not in OWN}
    inner.update(s.fixed)
    return Optimizer(s, inner)


def check(hyper: Mapping[str, Any]) -> None:
    inner = inner_of(hyper)
    if inner.spec.check is not None:
        inner.spec.check(inner.hyper)


def init(params, hyper):
    params = parts.as_array(params)
    return LookaheadState(0, inner_of(hyper).init(params), params.copy(), params.copy(), 0)


def update(grads, state, params, lr, hyper, oracle=None):
    """Lookahead (michaelrzhang/lookahead ``Lookahead.step``).

    ``fast = inner.update(g, fast)``; after every ``la_steps`` inner steps: ``slow = fast *
    la_alpha + slow * (1 - la_alpha)`` and ``fast = slow`` (``pullback_momentum="reset"``: the
    inner momentum buffer is zeroed). The point (where the next gradient is taken) is ``fast``;
    the readout ``slow`` is the slow weights.
    """
    inner = inner_of(hyper)
    fast, inner_state = inner.update(grads, state.inner, params, lr, oracle)
    la_step = state.la_step + 1
    if la_step < hyper["la_steps"]:
        return fast, LookaheadState(state.count + 1, inner_state, state.slow, fast, la_step)
    alpha = hyper["la_alpha"]
    slow = fast * alpha
    slow += state.slow * (1.0 - alpha)
    if hyper["pullback_momentum"] == "reset" and getattr(inner_state, "momentum_buffer",
                                                         None) is not None:
        inner_state = inner_state._replace(momentum_buffer=np.zeros_like(fast))
    return slow, LookaheadState(state.count + 1, inner_state, slow, fast, 0)


def needs_oracle(hyper: Mapping[str, Any]) -> bool:
    inner = inner_of(hyper)
    return inner.spec.oracle_needed(inner.hyper)


def dynamics(hyper, t):
    inner = inner_of(hyper)
    return inner.spec.dynamics(inner.hyper, t)


def effective_step(state, hyper, lr):
    """The inner optimizer's effective step (its plain lr if it has none)."""
    inner = inner_of(hyper)
    if inner.spec.effective_step is None:
        return np.full(np.shape(state.slow), lr)
    return inner.spec.effective_step(state.inner, inner.hyper, lr)


def narrate(ctx: StepContext) -> Story:
    h = ctx.hyper
    inner = inner_of(h)
    story = inner.spec.narrate(StepContext(inner, ctx.k, ctx.lr, ctx.point, ctx.g,
                                           ctx.before.inner, ctx.after.inner))
    lines = Lines()
    lines.add("info", translate("narration", "Lookahead: fast step {before_la_step} of "
                                             "{h_la_steps} by {inner_spec_title}").format(
                          before_la_step=ctx.before.la_step + 1, h_la_steps=h['la_steps'],
                          inner_spec_title=inner.spec.title))
    lines.extend(story.lines)
    if ctx.after.la_step == 0:
        slow_prev, slow, fast = (ctx.previous("slow"), ctx.current("slow"),
                                 ctx.current("fast"))
        lines.add("update", translate("narration", "synchronize: slow weights {slow_prev} move "
                                                   "{h_la_alpha} of the way to the fast ones "
                                                   "{fast} → {slow}; the fast weights restart "
                                                   "there").format(
                                slow_prev=_v(slow_prev), h_la_alpha=_n(h['la_alpha']),
                                fast=_v(fast), slow=_v(slow)))
        if h["pullback_momentum"] == "reset":
            lines.add("velocity", translate("narration", "the inner momentum buffer is reset to "
                                                         "zero"))
        story.terms["fast_point"] = fast
    else:
        lines.add("info", translate("narration", "slow weights stay at {slow} until step "
                                                 "{h_la_steps} of this round").format(
                              slow=_v(ctx.current('slow')), h_la_steps=h['la_steps']))
    story.lines = lines
    return story


SPEC = register(OptimizerSpec(
    NAME, "Lookahead",
    "k steps of any optimizer (fast), then slow = slow + la_alpha (fast - slow); fast = slow",
    params_for({}), init=init, update=update, state=LookaheadState, narrate=narrate,
    dynamics=dynamics, effective_step=effective_step, check=check,
    sweeps=(Sweep("la_alpha", 0.1, 1.0),), needs_oracle=needs_oracle, params_for=params_for,
    readouts=(Readout("slow", "slow weights", "point", lambda s: s.slow),),
    reference="the authors' lookahead_pytorch.py (michaelrzhang/lookahead c4fd85f) around "
              "torch.optim / the other references, float64"))
