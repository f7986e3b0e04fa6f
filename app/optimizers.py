"""Optimizers as pure update rules over batched parameters, with torch.optim's semantics.

Every optimizer is an :class:`Optimizer`: two pure functions and its hyperparameters,

- ``init(params) -> state``
- ``update(grads, state, params, lr) -> (new_params, new_state)``

where ``params`` and ``grads`` are float64 arrays of any shape (Descent Lab uses ``(N, 2)``: N start
points racing at once) and ``state`` is a small NamedTuple whose ``count`` is the number of steps
taken. ``lr`` is the learning rate *of this step* (the base ``lr`` times the schedule's factor), so
schedules live outside the optimizer, as ``torch.optim.lr_scheduler`` does.

Names, defaults, update equations and the order of floating-point operations follow
``torch.optim`` (single-tensor CPU path, ``maximize=False``, ``foreach=False``); tests compare whole
trajectories with torch step by step. They agree to about 1e-13, not bit for bit: torch's CPU
kernels fuse some multiply-adds (``add_(g, alpha=-lr)``, ``addcdiv_``, ``lerp_`` round once where
numpy rounds twice). Where an option is not in torch (Adam without bias correction, the lecture's
root-mean-square Adagrad) the docstring says so.

>>> opt = make("adam", lr=0.1)
>>> state = opt.init(np.zeros((1, 2)))
>>> params, state = opt.update(np.ones((1, 2)), state, np.zeros((1, 2)), opt.hyper["lr"])
>>> params.round(6).tolist()
[[-0.1, -0.1]]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from surfaces.params import Param, unknown_name_error, validate_params

__all__ = [
    "Optimizer",
    "OptimizerSpec",
    "make",
    "names",
    "spec",
    "SGDState",
    "AdagradState",
    "RMSpropState",
    "AdamState",
    "NAdamState",
]

Array = np.ndarray


# --------------------------------------------------------------------------------------------
# States (the optax idea: everything an optimizer remembers travels in a NamedTuple)
# --------------------------------------------------------------------------------------------
class SGDState(NamedTuple):
    count: int
    momentum_buffer: Array | None  # None until the first step with momentum (torch: lazily)


class AdagradState(NamedTuple):
    count: int
    sum: Array  # running sum of squared gradients (torch's ``state_sum``)


class RMSpropState(NamedTuple):
    count: int
    square_avg: Array
    grad_avg: Array | None  # only with centered=True
    momentum_buffer: Array | None  # only with momentum > 0


class AdamState(NamedTuple):
    count: int
    exp_avg: Array  # first moment m
    exp_avg_sq: Array  # second moment v
    max_exp_avg_sq: Array | None  # only with amsgrad=True


class NAdamState(NamedTuple):
    count: int
    mu_product: float
    exp_avg: Array
    exp_avg_sq: Array


@dataclass(frozen=True)
class Optimizer:
    """A configured optimizer: its name, effective hyperparameters and two pure functions."""

    name: str
    hyper: Mapping[str, Any]
    init: Callable[[Array], Any] = field(repr=False)
    update: Callable[[Array, Any, Array, float], tuple[Array, Any]] = field(repr=False)

    @property
    def lr(self) -> float:
        return float(self.hyper["lr"])


# --------------------------------------------------------------------------------------------
# Shared parameter declarations (torch's names, torch's error messages)
# --------------------------------------------------------------------------------------------
def _lr(default: float) -> Param:
    return Param("lr", default, low=0, open_low=True, log_scale=True,
                 error="Invalid learning rate: {value}",
                 doc="learning rate: the step is lr times the (scaled) gradient")


_WEIGHT_DECAY = Param("weight_decay", 0.0, low=0, error="Invalid weight_decay value: {value}",
                      doc="L2 penalty: adds weight_decay * params to the gradient")
_EPS = Param("eps", 1e-8, low=0, log_scale=True, error="Invalid epsilon value: {value}",
             doc="added to the denominator so it is never zero")
_MOMENTUM = Param("momentum", 0.0, low=0, high=1, open_high=True,
                  error="Invalid momentum value: {value}",
                  doc="fraction of the previous step kept in the velocity buffer")
_BETAS = Param("betas", (0.9, 0.999), kind=tuple, length=2, low=0, high=1, open_high=True,
               error="Invalid beta parameters: {value}",
               doc="decay rates of the first (mean) and second (uncentered variance) moments")
_AMSGRAD = Param("amsgrad", False, kind=bool,
                 doc="use the running maximum of the second moment (AMSGrad)")


def _as_array(x: Array) -> Array:
    return np.asarray(x, dtype=np.float64)


def _zeros(params: Array) -> Array:
    """Zeros shaped (and laid out in memory) like ``params``."""
    return np.zeros_like(_as_array(params))


# How the update functions compute: every expression keeps torch's operations and their order
# (``a * b`` and ``a + b`` are exactly commutative in IEEE arithmetic, so ``t = g * w; t += m`` is
# bit for bit ``m + w * g``), but works in place on arrays it has just created. The inputs and the
# old state are never written to: the functions stay pure, with fewer large temporaries (each one
# costs page faults and cache misses at 65,536 start points).
def _plus_scaled(g: Array, params: Array, weight_decay: float) -> Array:
    """``g + weight_decay * params`` (torch's ``grad.add(param, alpha=weight_decay)``)."""
    out = params * weight_decay
    out += g
    return out


# --------------------------------------------------------------------------------------------
# SGD, heavy-ball momentum, Nesterov
# --------------------------------------------------------------------------------------------
def _sgd(h: Mapping[str, Any]):
    """SGD (torch.optim.SGD).

    ``g = grad + weight_decay * p``; with momentum ``mu``: ``b = g`` on the first step, then
    ``b = mu * b + (1 - dampening) * g``; Nesterov uses ``g = g + mu * b``, heavy ball ``g = b``;
    finally ``p = p - lr * g``. (This is Goh's / torch's convention ``z = mu z + g; p -= lr z``,
    not Sutskever's ``v = mu v - lr g``: they differ once lr changes over time.)
    """
    mu, damp, wd, nesterov = h["momentum"], h["dampening"], h["weight_decay"], h["nesterov"]

    def init(params):
        return SGDState(0, None)

    def update(grads, state, params, lr):
        g = _as_array(grads)
        if wd != 0:
            g = _plus_scaled(g, params, wd)
        buf = state.momentum_buffer
        if mu != 0:
            if buf is None:
                buf = g.copy(order="K")
            else:  # mu * b + (1 - dampening) * g; times 1.0 is exact, so skipped
                buf = buf * mu
                buf += g if damp == 0 else g * (1 - damp)
            if nesterov:
                step = buf * mu
                step += g
                g = step
            else:
                g = buf
        new = g * lr
        np.subtract(params, new, out=new)
        return new, SGDState(state.count + 1, buf)

    return init, update


def _check_sgd(h):
    if h["nesterov"] and (h["momentum"] <= 0 or h["dampening"] != 0):
        raise ValueError("Nesterov momentum requires a momentum and zero dampening")


# --------------------------------------------------------------------------------------------
# Adagrad (torch's sum form, and the lecture's root-mean-square form)
# --------------------------------------------------------------------------------------------
def _adagrad(h: Mapping[str, Any]):
    """Adagrad (torch.optim.Adagrad), optionally in the lecture's root-mean-square form.

    ``t = t + 1``; ``g = grad + weight_decay * p``; ``clr = lr / (1 + (t - 1) * lr_decay)``;
    ``sum = sum + g * g``; torch: ``p = p - clr * g / (sqrt(sum) + eps)``.

    With ``average=True`` (not in torch; the lecture's ``sigma_t = sqrt(mean of all g_i^2)``):
    ``p = p - clr * g / (sqrt(sum / t) + eps)``. The mean can shrink after a quiet stretch, so
    the step ``clr / sigma`` can burst (lesson P6); the sum never shrinks, so torch's form cannot.
    """
    lr_decay, wd, eps, average = h["lr_decay"], h["weight_decay"], h["eps"], h["average"]
    acc0 = h["initial_accumulator_value"]

    def init(params):
        return AdagradState(0, np.full_like(_as_array(params), acc0))

    def update(grads, state, params, lr):
        t = state.count + 1
        g = _as_array(grads)
        if wd != 0:
            g = _plus_scaled(g, params, wd)
        clr = lr / (1 + (t - 1) * lr_decay)
        total = g * g
        total += state.sum
        if average:
            std = np.divide(total, t)
            np.sqrt(std, out=std)
        else:
            std = np.sqrt(total)
        std += eps
        new = g * (-clr)
        new /= std
        new += params
        return new, AdagradState(t, total)

    return init, update


# --------------------------------------------------------------------------------------------
# RMSprop
# --------------------------------------------------------------------------------------------
def _lerp(start: Array, end: Array, weight: float) -> Array:
    """``torch.lerp`` exactly: two formulas, chosen by the weight, for accuracy."""
    out = end - start
    if abs(weight) < 0.5:  # start + weight * (end - start)
        out *= weight
        out += start
    else:  # end - (end - start) * (1 - weight)
        out *= 1 - weight
        np.subtract(end, out, out=out)
    return out


def _decayed_square(avg: Array, g: Array, decay: float) -> Array:
    """``avg * decay + (1 - decay) * g * g`` (torch's ``mul_(decay).addcmul_(g, g, 1 - decay)``),
    and the scratch array it used, free for the caller."""
    out = avg * decay
    scratch = g * (1 - decay)
    scratch *= g
    out += scratch
    return out, scratch


def _rmsprop(h: Mapping[str, Any]):
    """RMSprop (torch.optim.RMSprop).

    ``g = grad + weight_decay * p``; ``v = alpha * v + (1 - alpha) * g * g``; centered:
    ``m = lerp(m, g, 1 - alpha)``, ``avg = sqrt(v - m * m) + eps``, else ``avg = sqrt(v) + eps``
    (eps outside the root); with momentum ``b = momentum * b + g / avg``, ``p = p - lr * b``;
    without, ``p = p - lr * g / avg``.
    """
    alpha, eps, wd, mu, centered = (h["alpha"], h["eps"], h["weight_decay"], h["momentum"],
                                    h["centered"])

    def init(params):
        return RMSpropState(0, _zeros(params), _zeros(params) if centered else None,
                            _zeros(params) if mu > 0 else None)

    def update(grads, state, params, lr):
        g = _as_array(grads)
        if wd != 0:
            g = _plus_scaled(g, params, wd)
        square_avg, avg = _decayed_square(state.square_avg, g, alpha)
        grad_avg = state.grad_avg
        if centered:  # sqrt(v + (-1) * m * m) = sqrt(v - m * m) exactly
            grad_avg = _lerp(grad_avg, g, 1 - alpha)
            np.multiply(grad_avg, grad_avg, out=avg)
            np.subtract(square_avg, avg, out=avg)
            np.sqrt(avg, out=avg)
        else:
            np.sqrt(square_avg, out=avg)
        avg += eps
        buf = state.momentum_buffer
        if mu > 0:  # b = mu * b + g / avg; p = p + (-lr) * b
            step = np.divide(g, avg, out=avg)
            buf = buf * mu
            buf += step
            new = buf * (-lr)
        else:  # p = p + (-lr) * g / avg
            new = g * (-lr)
            new /= avg
        new += params
        return new, RMSpropState(state.count + 1, square_avg, grad_avg, buf)

    return init, update


# --------------------------------------------------------------------------------------------
# Adam, AdamW, NAdam
# --------------------------------------------------------------------------------------------
def _adam(h: Mapping[str, Any], decoupled: bool = False):
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
    (beta1, beta2), eps, wd = h["betas"], h["eps"], h["weight_decay"]
    amsgrad, corrected = h["amsgrad"], h.get("bias_correction", True)

    def init(params):
        return AdamState(0, _zeros(params), _zeros(params), _zeros(params) if amsgrad else None)

    def update(grads, state, params, lr):
        t = state.count + 1
        g = _as_array(grads)
        if wd != 0:
            if decoupled:
                params = params * (1 - lr * wd)
            else:
                g = _plus_scaled(g, params, wd)
        m = _lerp(state.exp_avg, g, 1 - beta1)
        v, new = _decayed_square(state.exp_avg_sq, g, beta2)
        v_max = state.max_exp_avg_sq
        if amsgrad:
            v_max = np.maximum(v_max, v)
        denom = np.sqrt(v_max if amsgrad else v)
        if corrected:
            step_size = lr / (1 - beta1**t)
            # torch takes this root with Python's ``** 0.5``, which is not always the correctly
            # rounded np.sqrt: one ulp here would show in the trajectories
            denom /= (1 - beta2**t) ** 0.5
        else:
            step_size = lr
        denom += eps
        np.multiply(m, -step_size, out=new)  # p + (-step_size) * m / denom
        new /= denom
        new += params
        return new, AdamState(t, m, v, v_max)

    return init, update


def _adamw(h):
    return _adam(h, decoupled=True)


def _nadam(h: Mapping[str, Any]):
    """NAdam (torch.optim.NAdam, ``decoupled_weight_decay=False``).

    ``t = t + 1``; ``g = grad + weight_decay * p``; ``mu_t = beta1 (1 - 0.5 * 0.96^(t *
    momentum_decay))``, ``mu_{t+1}`` likewise, ``mu_product = mu_product * mu_t``;
    ``m = lerp(m, g, 1 - beta1)``, ``v = beta2 v + (1 - beta2) g * g``;
    ``denom = sqrt(v / (1 - beta2^t)) + eps``;
    ``p = p - lr (1 - mu_t) / (1 - mu_product) * g / denom
           - lr mu_{t+1} / (1 - mu_product mu_{t+1}) * m / denom``.
    """
    (beta1, beta2), eps, wd, psi = h["betas"], h["eps"], h["weight_decay"], h["momentum_decay"]

    def init(params):
        return NAdamState(0, 1.0, _zeros(params), _zeros(params))

    def update(grads, state, params, lr):
        t = state.count + 1
        g = _as_array(grads)
        if wd != 0:
            g = g + wd * params
        mu = beta1 * (1.0 - 0.5 * 0.96 ** (t * psi))
        mu_next = beta1 * (1.0 - 0.5 * 0.96 ** ((t + 1) * psi))
        mu_product = state.mu_product * mu
        m = _lerp(state.exp_avg, g, 1 - beta1)
        v, momentum_part = _decayed_square(state.exp_avg_sq, g, beta2)
        denom = np.divide(v, 1 - beta2**t)
        np.sqrt(denom, out=denom)
        denom += eps
        new = g * (-lr * (1.0 - mu) / (1.0 - mu_product))
        new /= denom
        new += params
        np.multiply(m, -lr * mu_next / (1.0 - mu_product * mu_next), out=momentum_part)
        momentum_part /= denom
        new += momentum_part
        return new, NAdamState(t, mu_product, m, v)

    return init, update


# --------------------------------------------------------------------------------------------
# The registry: base optimizers and the named presets a learner looks for
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OptimizerSpec:
    """How to build one named optimizer.

    ``params`` are the hyperparameters a user can set (in display order); ``fixed`` are values
    the preset pins (``gd`` is SGD with ``momentum=0``), reported among the effective values.
    """

    name: str
    title: str
    summary: str
    build: Callable[[Mapping[str, Any]], tuple[Callable, Callable]] = field(repr=False)
    params: tuple[Param, ...]
    fixed: Mapping[str, Any] = field(default_factory=dict)
    check: Callable[[Mapping[str, Any]], None] | None = field(default=None, repr=False)
    torch_name: str = ""

    def effective(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Validated hyperparameters: defaults, then ``given``; ``ValueError`` if invalid."""
        hyper = validate_params(f"optimizer '{self.name}'", self.params, given)
        hyper.update(self.fixed)
        if self.check is not None:
            self.check(hyper)
        return hyper

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}


def _sgd_params(lr=1e-3, momentum=0.0, nesterov=False, user=("momentum", "dampening",
                                                             "nesterov")):
    all_params = {
        "momentum": Param("momentum", momentum, low=0, high=1, open_high=True,
                          error="Invalid momentum value: {value}", doc=_MOMENTUM.doc),
        "dampening": Param("dampening", 0.0, low=0, high=1,
                           doc="fraction of the new gradient left out of the velocity buffer"),
        "nesterov": Param("nesterov", nesterov, kind=bool,
                          doc="Nesterov's look-ahead: step along g + momentum * buffer"),
    }
    return (_lr(lr), *(all_params[k] for k in user), _WEIGHT_DECAY)


_ADAGRAD_PARAMS = (
    _lr(1e-2),
    Param("lr_decay", 0.0, low=0, error="Invalid lr_decay value: {value}",
          doc="the step is lr / (1 + (t - 1) * lr_decay)"),
    _WEIGHT_DECAY,
    Param("initial_accumulator_value", 0.0, low=0,
          error="Invalid initial_accumulator_value value: {value}",
          doc="starting value of the sum of squared gradients"),
    Param("eps", 1e-10, low=0, log_scale=True, error="Invalid epsilon value: {value}",
          doc=_EPS.doc),
)
_AVERAGE = Param("average", False, kind=bool,
                 doc="divide by the root MEAN square of past gradients (the lecture's sigma_t) "
                     "instead of torch's root of their SUM")

_SPECS: dict[str, OptimizerSpec] = {}


def _add(spec: OptimizerSpec) -> None:
    _SPECS[spec.name] = spec


_add(OptimizerSpec(
    "gd", "Gradient descent", "plain gradient descent: p = p - lr * g",
    _sgd, _sgd_params(user=()), fixed={"momentum": 0.0, "dampening": 0.0, "nesterov": False},
    torch_name="SGD"))
_add(OptimizerSpec(
    "momentum", "Momentum (heavy ball)", "b = momentum * b + g; p = p - lr * b",
    _sgd, _sgd_params(momentum=0.9, user=("momentum", "dampening")),
    fixed={"nesterov": False}, torch_name="SGD"))
_add(OptimizerSpec(
    "nesterov", "Nesterov momentum", "b = momentum * b + g; p = p - lr * (g + momentum * b)",
    _sgd, _sgd_params(momentum=0.9, user=("momentum",)), fixed={"dampening": 0.0,
                                                                  "nesterov": True},
    check=_check_sgd, torch_name="SGD"))
_add(OptimizerSpec(
    "sgd", "SGD (torch.optim.SGD)", "SGD with optional momentum, dampening and Nesterov",
    _sgd, _sgd_params(), check=_check_sgd, torch_name="SGD"))
_add(OptimizerSpec(
    "adagrad", "Adagrad", "p = p - lr * g / (sqrt(sum of all g^2) + eps)",
    _adagrad, (*_ADAGRAD_PARAMS, _AVERAGE), torch_name="Adagrad"))
_add(OptimizerSpec(
    "adagrad_rms", "Adagrad, root-mean-square form (lecture)",
    "p = p - lr * g / (sigma + eps), sigma = sqrt(mean of all g^2): can burst",
    _adagrad, _ADAGRAD_PARAMS, fixed={"average": True}))
_add(OptimizerSpec(
    "rmsprop", "RMSProp", "v = alpha v + (1 - alpha) g^2; p = p - lr * g / (sqrt(v) + eps)",
    _rmsprop,
    (_lr(1e-2),
     Param("alpha", 0.99, low=0, high=1, error="Invalid alpha value: {value}",
           doc="smoothing constant of the moving average of g^2"),
     _EPS, _WEIGHT_DECAY, _MOMENTUM,
     Param("centered", False, kind=bool,
           doc="divide by an estimate of the gradient's variance instead of its raw square")),
    torch_name="RMSprop"))
_add(OptimizerSpec(
    "adam", "Adam", "RMSProp's scaling + momentum on the gradient, bias-corrected",
    _adam,
    (_lr(1e-3), _BETAS, _EPS, _WEIGHT_DECAY, _AMSGRAD,
     Param("bias_correction", True, kind=bool,
           doc="divide m and v by (1 - beta^t), which undoes their start at zero; off (not "
               "in torch) makes the first steps about 3 times lr with the default betas")),
    torch_name="Adam"))
_add(OptimizerSpec(
    "adamw", "AdamW", "Adam with decoupled weight decay: p = p * (1 - lr * weight_decay)",
    _adamw,
    (_lr(1e-3), _BETAS, _EPS,
     Param("weight_decay", 1e-2, low=0, error="Invalid weight_decay value: {value}",
           doc="decoupled decay: p shrinks by lr * weight_decay each step"),
     _AMSGRAD),
    torch_name="AdamW"))
_add(OptimizerSpec(
    "nadam", "NAdam", "Adam with Nesterov momentum",
    _nadam,
    (_lr(2e-3), _BETAS, _EPS, _WEIGHT_DECAY,
     Param("momentum_decay", 4e-3, low=0, error="Invalid momentum_decay value: {value}",
           doc="how fast the momentum schedule mu_t approaches beta1")),
    torch_name="NAdam"))


def names() -> list[str]:
    """All optimizer names, presets first (``gd``, ``momentum``, ``nesterov``, ...)."""
    return list(_SPECS)


def spec(name: str) -> OptimizerSpec:
    try:
        return _SPECS[name]
    except KeyError:
        raise unknown_name_error("optimizer", name, _SPECS) from None


def make(name: str, **hyper: Any) -> Optimizer:
    """A configured optimizer; unknown names and invalid values raise ``ValueError``."""
    s = spec(name)
    effective = s.effective(hyper)
    init, update = s.build(effective)
    return Optimizer(name, effective, init, update)
