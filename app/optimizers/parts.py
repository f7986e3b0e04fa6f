"""Shared parts of the optimizers: torch's parameter declarations and its arithmetic.

Each part keeps torch's operations and their order, and accepts hyperparameters that are
scalars or arrays broadcasting against the points. A value branch of torch's code (``if
weight_decay != 0``, ``torch.lerp``'s choice of formula) is a scalar fast path plus a mask for
arrays, so every element is computed exactly as torch computes it for its own value.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from surfaces.params import Param

Array = np.ndarray


# --------------------------------------------------------------------------------------------
# Parameter declarations (torch's names, torch's error messages)
# --------------------------------------------------------------------------------------------
def lr_param(default: float) -> Param:
    return Param("lr", default, low=0, open_low=True, log_scale=True,
                 error="Invalid learning rate: {value}",
                 doc="learning rate: the step is lr times the (scaled) gradient")


def eps_param(default: float = 1e-8, doc: str = "added to the denominator so it is never "
                                                  "zero") -> Param:
    return Param("eps", default, low=0, log_scale=True, error="Invalid epsilon value: {value}",
                 doc=doc)


def weight_decay_param(default: float = 0.0, doc: str = "L2 penalty: adds weight_decay * "
                                                       "params to the gradient") -> Param:
    return Param("weight_decay", default, low=0, error="Invalid weight_decay value: {value}",
                 doc=doc)


WEIGHT_DECAY = weight_decay_param()
EPS = eps_param()
MOMENTUM = Param("momentum", 0.0, low=0, high=1, open_high=True,
                 error="Invalid momentum value: {value}",
                 doc="fraction of the previous step kept in the velocity buffer")
BETAS = Param("betas", (0.9, 0.999), kind=tuple, length=2, low=0, high=1, open_high=True,
              error="Invalid beta parameters: {value}",
              doc="decay rates of the first (mean) and second (uncentered variance) moments")
AMSGRAD = Param("amsgrad", False, kind=bool,
                doc="use the running maximum of the second moment (AMSGrad)")
DECOUPLED = Param("decoupled_weight_decay", False, kind=bool,
                  doc="decay the point itself, p = p (1 - lr weight_decay) (AdamW's way), "
                      "instead of adding weight_decay * p to the gradient")


# --------------------------------------------------------------------------------------------
# Arithmetic
# --------------------------------------------------------------------------------------------
def as_array(x: Any) -> Array:
    return np.asarray(x, dtype=np.float64)


def zeros(params: Array) -> Array:
    """Zeros shaped like ``params``."""
    return np.zeros(np.shape(params))


def is_zero(value: Any) -> bool:
    """True if a (scalar or array) hyperparameter is 0 everywhere: torch skips the term."""
    if isinstance(value, float | int):  # the usual case, without numpy's per-call cost
        return value == 0
    levels = getattr(value, "levels", None)
    return bool(np.all((levels[0] if levels is not None else np.asarray(value)) == 0))


def where(mask: Any, a: Array, b: Array) -> Array:
    """``a`` where ``mask``, else ``b``; a scalar mask picks one without copying."""
    if isinstance(mask, bool | np.bool_) or np.ndim(mask) == 0:
        return a if mask else b
    if mask.all():
        return a
    return np.where(mask, a, b) if mask.any() else b


class Levels(np.ndarray):
    """A per-point hyperparameter array that remembers its few distinct values (a map's rows),
    so that :func:`power` takes ``value ** t`` once per distinct value, not once per point.
    Indexing keeps that knowledge; arithmetic gives plain arrays."""

    def __new__(cls, array: Any) -> Levels:
        a = np.asarray(array, dtype=np.float64)
        values, index = np.unique(a, return_inverse=True)
        out = a.view(cls)
        out.levels = (values, index.reshape(a.shape))
        return out

    def __array_finalize__(self, obj) -> None:
        self.levels = None

    def __array_wrap__(self, array, context=None, return_scalar=False):
        return np.asarray(array)[()] if return_scalar else np.asarray(array)

    def __getitem__(self, item):
        out = super().__getitem__(item)
        if isinstance(out, Levels) and self.levels is not None:
            out.levels = (self.levels[0], self.levels[1][item])
        return out


def power(base: Any, exponent: Any) -> Any:
    """``base ** exponent`` exactly as Python (and torch's Python-side scalars) compute it.

    For arrays this is ``np.float_power``, which calls the C library's ``pow`` like Python;
    ``np.power`` may use a vectorized pow that differs in the last bit. (A compiled loop would
    call ``pow`` per element: :class:`Levels` only saves the numpy path repeated work.)
    """
    if isinstance(base, float | int) and isinstance(exponent, float | int):
        return float(base) ** exponent
    if np.ndim(base) == 0 and np.ndim(exponent) == 0:
        return float(base) ** exponent
    levels = getattr(base, "levels", None)
    if levels is not None and np.ndim(exponent) == 0:
        return np.float_power(levels[0], exponent)[levels[1]]
    return np.float_power(base, exponent)


def plus_scaled(g: Array, params: Array, weight_decay: Any) -> Array:
    """``g + weight_decay * params`` (torch's ``grad.add(param, alpha=weight_decay)``), or ``g``
    itself where ``weight_decay`` is 0 (torch skips the term)."""
    if is_zero(weight_decay):
        return g
    out = params * weight_decay
    out += g
    return where(weight_decay != 0, out, g)


def decay_point(params: Array, lr: Any, weight_decay: Any) -> Array:
    """``params * (1 - lr * weight_decay)`` (decoupled weight decay), ``params`` where 0."""
    if is_zero(weight_decay):
        return params
    return where(weight_decay != 0, params * (1 - lr * weight_decay), params)


def lerp(start: Array, end: Array, weight: Any) -> Array:
    """``torch.lerp(start, end, weight)`` exactly: ``start + weight * (end - start)`` where
    ``|weight| < 0.5``, else ``end - (end - start) * (1 - weight)``."""
    diff = end - start
    if isinstance(weight, float | int) or np.ndim(weight) == 0:
        if abs(weight) < 0.5:
            diff *= weight
            diff += start
        else:
            diff *= 1 - weight
            np.subtract(end, diff, out=diff)
        return diff
    low = np.abs(weight) < 0.5
    if low.all():
        return _near(diff, start, weight)
    far = diff * (1 - weight)
    np.subtract(end, far, out=far)
    if low.any():
        np.copyto(far, _near(diff, start, weight), where=low)
    return far


def _near(diff: Array, start: Array, weight: Any) -> Array:
    diff = diff * weight
    diff += start
    return diff


def decayed_square(avg: Array, g: Array, decay: Any) -> Array:
    """``avg * decay + (1 - decay) * g * g`` (torch's ``mul_(decay).addcmul_(g, g, 1 - decay)``)."""
    out = avg * decay
    scratch = g * (1 - decay)
    scratch *= g
    out += scratch
    return out


def heavy_ball(buffer: Array, g: Array, momentum: Any, dampening: Any = 0.0) -> Array:
    """The momentum buffer ``momentum * buffer + (1 - dampening) * g`` (torch's
    ``buf.mul_(momentum).add_(g, alpha=1 - dampening)``); momentum is defined once, here."""
    out = buffer * momentum
    if is_zero(dampening):  # times 1.0 is exact, so skipped
        out += g
    else:
        out += g * (1 - dampening)
    return out


def step_along(params: Array, direction: Array, lr: Any) -> Array:
    """``params - lr * direction`` (torch's ``param.add_(direction, alpha=-lr)``)."""
    new = direction * lr
    return np.subtract(params, new, out=new)


def step_scaled(params: Array, numerator: Array, denominator: Array, step_size: Any) -> Array:
    """``params + (-step_size) * numerator / denominator`` (torch's ``addcdiv_``)."""
    new = numerator * (-step_size)
    new /= denominator
    new += params
    return new
