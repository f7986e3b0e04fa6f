"""The toolkit of step narrations: what an optimizer module's ``narrate`` receives and returns.

``narrate(ctx: StepContext) -> Story`` explains one update of one start point in numbers and
words. The context holds the optimizer, the step, its learning rate, the point, the gradient the
optimizer received and the optimizer's state before and after the update (every per-point array
cut to this point's row, shape ``(1, ...)``), so a narration reads the stored moments instead of
recomputing them. The :class:`Story` lists the narration lines (one kind per line, see
:data:`LINE_KINDS`) and the vectors the step overlay draws (velocity, sigma, ...).
:mod:`app.stepwise` adds the header, the gradient, the move and the result around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.i18n import QT_TRANSLATE_NOOP, translate
from app.numbers import format_significant as format_number  # the narration's 4 digits

__all__ = ["LINE_KINDS", "Lines", "Story", "StepContext", "format_number", "format_vector",
           "coupled_decay", "decoupled_decay", "first_moment", "second_moment"]

#: what each narration line is about (the panel colours a line by its kind, as the overlay does)
LINE_KINDS = ("header", "info", "gradient", "velocity", "scale", "update", "result", "warning")


def format_vector(a: Any) -> str:
    """``(x, y)`` with :func:`format_number`'s digits."""
    a = np.asarray(a, dtype=np.float64).reshape(-1)
    return "(" + ", ".join(format_number(x) for x in a) + ")"


_n = format_number
_v = format_vector


class Lines:
    """Narration lines with their kinds."""

    def __init__(self):
        self.text: list[str] = []
        self.kinds: list[str] = []

    def add(self, kind: str, text: str) -> None:
        self.text.append(text)
        self.kinds.append(kind)

    def extend(self, other: Lines) -> None:
        self.text += other.text
        self.kinds += other.kinds


@dataclass
class StepContext:
    """One update of one start point, as a narration sees it (vectors of shape ``(2,)``)."""

    optimizer: Any  # the configured app.optimizers.Optimizer (scalar hyperparameters)
    k: int  # the update from iterate k to k + 1
    lr: float
    point: np.ndarray
    g: np.ndarray  # the gradient the optimizer received (with the run's noise)
    before: Any  # the state before the update, per-point arrays of shape (1, ...)
    after: Any  # the state after it

    @property
    def hyper(self):
        return self.optimizer.hyper

    @property
    def p(self) -> np.ndarray:
        return self.point

    @property
    def t(self) -> int:
        """The optimizer's step counter after this update."""
        return self.k + 1

    def previous(self, name: str) -> np.ndarray | None:
        """This point's row of state field ``name`` before the update (None if unset)."""
        return _row(getattr(self.before, name))

    def current(self, name: str) -> np.ndarray | None:
        """This point's row of state field ``name`` after the update."""
        return _row(getattr(self.after, name))


def _row(a: Any) -> np.ndarray | None:
    return None if a is None else np.asarray(a)[0].copy()


@dataclass
class Story:
    """What a narration found: its lines and the vectors the overlay draws.

    ``effective_lr``: the per-coordinate step ``lr / sigma`` (just ``lr`` without a scale);
    ``decayed_gradient``: ``g + weight_decay * p`` (coupled decay); ``velocity`` the momentum
    buffer / first moment (``velocity_units``: ``"gradient"`` or ``"scaled"`` for a buffer of
    ``g / sigma``); ``second_moment`` the accumulator sigma is made of; ``sigma`` the
    per-coordinate scale; ``terms`` named intermediate values (``m_hat``, ...).
    """

    lines: Lines
    effective_lr: np.ndarray
    decayed_gradient: np.ndarray | None = None
    previous_velocity: np.ndarray | None = None
    velocity: np.ndarray | None = None
    velocity_units: str = ""
    previous_second_moment: np.ndarray | None = None
    second_moment: np.ndarray | None = None
    sigma: np.ndarray | None = None
    terms: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Lines several optimizers share
# --------------------------------------------------------------------------------------------
def coupled_decay(ctx: StepContext, lines: Lines) -> np.ndarray | None:
    """torch's L2 weight decay ``g + weight_decay * p`` (None when weight_decay is 0)."""
    wd = ctx.hyper.get("weight_decay", 0.0)
    if not wd:
        return None
    gw = ctx.p * wd
    gw += ctx.g
    lines.add("gradient", translate("narration", "weight decay: gradient + {wd} × point {p} → "
                                                 "{gw}").format(wd=_n(wd), p=_v(ctx.p), gw=_v(gw)))
    return gw


def decoupled_decay(ctx: StepContext, lines: Lines, terms: dict[str, Any]) -> None:
    """AdamW's ``p * (1 - lr * weight_decay)``, stored as ``terms["decayed_point"]``."""
    wd = ctx.hyper["weight_decay"]
    shrink = 1 - ctx.lr * wd
    p_decayed = ctx.p * shrink
    terms["decayed_point"] = p_decayed
    lines.add("info", translate("narration", "decoupled weight decay: point × (1 − lr × {wd}) = "
                                             "point × {shrink} → {p_decayed}").format(
                          wd=_n(wd), shrink=_n(shrink), p_decayed=_v(p_decayed)))


def first_moment(ctx: StepContext, lines: Lines, beta1: float, name: str = "exp_avg"):
    """``m = beta1 m + (1 - beta1) g``: the line, and ``(previous, current)``."""
    prev, now = ctx.previous(name), ctx.current(name)
    lines.add("velocity", translate("narration", "first moment m = {beta1} × previous {prev} + "
                                                 "{beta12} × gradient → {now}").format(
                              beta1=_n(beta1), prev=_v(prev), beta12=_n(1 - beta1), now=_v(now)))
    return prev, now


def second_moment(ctx: StepContext, lines: Lines, g: np.ndarray, decay: float,
                  name: str = "exp_avg_sq",
                  symbol: str = QT_TRANSLATE_NOOP("narration", "second moment v")):
    """``v = decay v + (1 - decay) g^2``: the line, and ``(previous, current)``."""
    prev, now = ctx.previous(name), ctx.current(name)
    lines.add("scale", translate("narration", "{symbol} = {decay} × previous {prev} + {decay2} × "
                                              "gradient² {g_g} → {now}").format(
                           symbol=translate("narration", symbol), decay=_n(decay),
                           prev=_v(prev), decay2=_n(1 - decay),
                           g_g=_v(g * g), now=_v(now)))
    return prev, now
