"""A small multilayer perceptron on a flat weight vector: loss, exact gradient, exact Hessian-vector
product.

The weights of a network with layer sizes ``(n_in, h1, ..., n_out)`` live in one float64 vector
``w`` of length :attr:`MLP.n_params`, layer by layer: the matrix ``W`` (``fan_in x fan_out``,
row-major) then the bias ``b``. ``hidden = f(a @ W + b)``; the last layer is linear (its output
``z`` holds the logits) and the loss turns ``z`` into a number:

- ``"mse"``: ``mean over samples of sum over outputs of (z - t)^2`` (no 1/2, as torch's MSELoss
  for one output), so a linear model has the Hessian ``(2/n) X^T X`` (X with a column of ones);
- ``"sigmoid_ce"``: binary cross-entropy of ``sigmoid(z)`` (one output, targets 0/1);
- ``"softmax_ce"``: cross-entropy of ``softmax(z)`` (one output per class, one-hot targets).

Every function also takes a *batch* of weight vectors, shape ``(..., n_params)``, and returns one
loss per vector (this is how a landscape evaluates a whole grid of weights at once).

The gradient is backpropagation; the Hessian-vector product ``H v`` is Pearlmutter's R-operator
(forward-over-reverse: the directional derivative of backpropagation along ``v``), exact up to
rounding, at about twice the cost of a gradient. Floating-point warnings are kept inside.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

__all__ = ["ACTIVATIONS", "LOSSES", "INITS", "MLP", "Activation"]

Array = np.ndarray
LEAKY_SLOPE = 0.01


class Activation(NamedTuple):
    """An activation ``f`` with its first and second derivatives (all elementwise)."""

    f: Callable[[Array], Array]
    df: Callable[[Array], Array]
    d2f: Callable[[Array], Array]


def _sigmoid(z: Array) -> Array:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # overflow-free


def _exp_neg(z: Array) -> Array:
    return np.exp(np.minimum(z, 0.0))  # exp(z) for z <= 0, 1 elsewhere


def _sig_d1(z: Array) -> Array:
    s = _sigmoid(z)
    return s * (1.0 - s)


def _sig_d2(z: Array) -> Array:
    s = _sigmoid(z)
    return s * (1.0 - s) * (1.0 - 2.0 * s)


def _tanh_d1(z: Array) -> Array:
    return 1.0 - np.tanh(z) ** 2


def _tanh_d2(z: Array) -> Array:
    t = np.tanh(z)
    return -2.0 * t * (1.0 - t * t)


ACTIVATIONS: dict[str, Activation] = {
    "relu": Activation(lambda z: np.maximum(z, 0.0), lambda z: (z > 0).astype(float),
                       np.zeros_like),
    "leaky_relu": Activation(lambda z: np.maximum(z, LEAKY_SLOPE * z),
                             lambda z: np.where(z > 0, 1.0, LEAKY_SLOPE), np.zeros_like),
    "elu": Activation(lambda z: np.maximum(z, 0.0) + np.expm1(np.minimum(z, 0.0)),
                      lambda z: np.where(z > 0, 1.0, _exp_neg(z)),
                      lambda z: np.where(z > 0, 0.0, _exp_neg(z))),
    "tanh": Activation(np.tanh, _tanh_d1, _tanh_d2),
    "sigmoid": Activation(_sigmoid, _sig_d1, _sig_d2),
    "softplus": Activation(lambda z: np.logaddexp(0.0, z), _sigmoid, _sig_d1),
}
LOSSES = ("mse", "sigmoid_ce", "softmax_ce")
#: weight standard deviation ``init_scale * sqrt(gain / fan_in)`` (fan_avg for glorot); biases 0
INITS = ("he", "lecun", "glorot")


class _Cache(NamedTuple):
    inputs: list[Array]  # a_0 = X, a_1, ..., a_{L-1}: the input of each layer
    pre: list[Array]  # z_1, ..., z_L: pre-activations (z_L: the network's output)


@dataclass(frozen=True)
class MLP:
    """A fully connected network ``sizes = (n_in, h1, ..., n_out)`` with one hidden activation.

    ``sizes = (n_in, n_out)`` is a linear model (no hidden layer).
    """

    sizes: tuple[int, ...]
    activation: str = "relu"
    loss: str = "mse"

    def __post_init__(self):
        if len(self.sizes) < 2 or min(self.sizes) < 1:
            raise ValueError(f"sizes must be (n_in, ..., n_out) with each >= 1, got {self.sizes}")
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"Unknown activation '{self.activation}'. "
                             f"Valid activations: {', '.join(ACTIVATIONS)}")
        if self.loss not in LOSSES:
            raise ValueError(f"Unknown loss '{self.loss}'. Valid losses: {', '.join(LOSSES)}")
        if self.loss == "sigmoid_ce" and self.sizes[-1] != 1:
            raise ValueError("sigmoid_ce needs exactly one output")

    # -- the weight vector -----------------------------------------------------------------
    @property
    def shapes(self) -> list[tuple[int, int]]:
        return list(zip(self.sizes[:-1], self.sizes[1:], strict=True))

    @property
    def n_params(self) -> int:
        return sum(i * o + o for i, o in self.shapes)

    def unpack(self, w: Array) -> list[tuple[Array, Array]]:
        """``[(W, b), ...]`` as views of ``w`` (shape ``(..., n_params)``)."""
        w = np.asarray(w, dtype=np.float64)
        if w.shape[-1] != self.n_params:
            raise ValueError(f"expected {self.n_params} weights, got shape {w.shape}")
        batch, out, k = w.shape[:-1], [], 0
        for i, o in self.shapes:
            W = w[..., k:k + i * o].reshape(*batch, i, o)
            k += i * o
            out.append((W, w[..., k:k + o]))
            k += o
        return out

    def layer_slices(self) -> list[tuple[slice, slice]]:
        """Per layer, the slices of ``W`` and ``b`` in the flat vector."""
        out, k = [], 0
        for i, o in self.shapes:
            out.append((slice(k, k + i * o), slice(k + i * o, k + i * o + o)))
            k += i * o + o
        return out

    def init(self, seed: int = 0, scheme: str = "he", scale: float = 1.0) -> Array:
        """Random weights: ``W ~ N(0, (scale * sqrt(gain / fan))^2)``, ``b = 0``.

        ``he``: gain 2, fan = fan_in; ``lecun``: gain 1, fan = fan_in; ``glorot``: gain 2,
        fan = fan_in + fan_out. The output layer uses gain 1 (it has no activation after it).
        """
        if scheme not in INITS:
            raise ValueError(f"Unknown init '{scheme}'. Valid inits: {', '.join(INITS)}")
        rng = np.random.default_rng([int(seed), 7])
        w = np.zeros(self.n_params)
        last = len(self.shapes) - 1
        for k, ((i, o), (sw, _)) in enumerate(zip(self.shapes, self.layer_slices(), strict=True)):
            gain = 1.0 if k == last or scheme == "lecun" else 2.0
            fan = i + o if scheme == "glorot" else i
            w[sw] = scale * np.sqrt(gain / fan) * rng.standard_normal(i * o)
        return w

    # -- forward -----------------------------------------------------------------------------
    def forward(self, w: Array, X: Array) -> tuple[Array, _Cache]:
        """The output ``z`` (shape ``(..., n, n_out)``) and what backprop needs."""
        act = ACTIVATIONS[self.activation]
        layers = self.unpack(w)
        a, inputs, pre = np.asarray(X, dtype=np.float64), [], []
        with np.errstate(all="ignore"):
            for k, (W, b) in enumerate(layers):
                inputs.append(a)
                z = a @ W + b[..., None, :]
                pre.append(z)
                a = act.f(z) if k < len(layers) - 1 else z
        return a, _Cache(inputs, pre)

    def predict(self, w: Array, X: Array) -> Array:
        """The network's output: the regression value, or class probabilities."""
        z, _ = self.forward(w, X)
        with np.errstate(all="ignore"):
            if self.loss == "sigmoid_ce":
                return _sigmoid(z)
            if self.loss == "softmax_ce":
                return _softmax(z)
        return z

    # -- the loss and its derivatives with respect to the output ----------------------------
    def _output_loss(self, z: Array, T: Array) -> Array:
        if self.loss == "mse":
            per = ((z - T) ** 2).sum(-1)
        elif self.loss == "sigmoid_ce":
            per = (np.logaddexp(0.0, z) - T * z).sum(-1)
        else:
            m = z.max(-1, keepdims=True)
            lse = (m + np.log(np.exp(z - m).sum(-1, keepdims=True)))[..., 0]
            per = lse - (T * z).sum(-1)
        return per.mean(-1)

    def _output_grad(self, z: Array, T: Array) -> Array:
        n = z.shape[-2]
        if self.loss == "mse":
            return 2.0 * (z - T) / n
        if self.loss == "sigmoid_ce":
            return (_sigmoid(z) - T) / n
        return (_softmax(z) - T) / n

    def _output_hvp(self, z: Array, rz: Array) -> Array:
        """``d2L/dz2 @ rz`` (per sample): the R-op of :meth:`_output_grad`."""
        n = z.shape[-2]
        if self.loss == "mse":
            return 2.0 * rz / n
        if self.loss == "sigmoid_ce":
            return _sig_d1(z) * rz / n
        p = _softmax(z)
        return (p * rz - p * (p * rz).sum(-1, keepdims=True)) / n

    # -- public: loss, gradient, Hessian-vector product ---------------------------------------
    def loss_value(self, w: Array, X: Array, T: Array) -> Array:
        """The training loss at ``w`` (a float array of shape ``w.shape[:-1]``)."""
        z, _ = self.forward(w, X)
        with np.errstate(all="ignore"):
            return self._output_loss(z, T)

    def loss_and_grad(self, w: Array, X: Array, T: Array) -> tuple[Array, Array]:
        """The loss and its exact gradient (backpropagation), shape like ``w``."""
        w = np.asarray(w, dtype=np.float64)
        z, cache = self.forward(w, X)
        with np.errstate(all="ignore"):
            loss = self._output_loss(z, T)
            grad = self._backward(w, cache, self._output_grad(z, T))
        return loss, grad

    def _backward(self, w: Array, cache: _Cache, delta: Array) -> Array:
        act = ACTIVATIONS[self.activation]
        layers = self.unpack(w)
        parts: list[Array] = []
        for k in range(len(layers) - 1, -1, -1):
            W, _ = layers[k]
            a = cache.inputs[k]
            gW = np.swapaxes(a, -1, -2) @ delta
            parts += [delta.sum(-2), gW.reshape(*w.shape[:-1], -1)]
            if k > 0:
                delta = (delta @ np.swapaxes(W, -1, -2)) * act.df(cache.pre[k - 1])
        return np.concatenate(parts[::-1], axis=-1)

    def hvp(self, w: Array, X: Array, T: Array, v: Array) -> Array:
        """The exact Hessian-vector product ``H(w) v`` (Pearlmutter's R-operator).

        ``v`` has the shape of ``w``, or ``(n_params,)`` for the same direction at every ``w``.
        """
        act = ACTIVATIONS[self.activation]
        w = np.asarray(w, dtype=np.float64)
        layers, dirs = self.unpack(w), self.unpack(np.broadcast_to(v, w.shape))
        L = len(layers)
        with np.errstate(all="ignore"):
            z, cache = self.forward(w, X)
            # forward pass of the R-operator: r_z = R{z} along v
            r_a, r_pre = np.zeros_like(cache.inputs[0]), []
            for k, ((W, _), (V, c)) in enumerate(zip(layers, dirs, strict=True)):
                r_z = r_a @ W + cache.inputs[k] @ V + c[..., None, :]
                r_pre.append(r_z)
                r_a = act.df(cache.pre[k]) * r_z if k < L - 1 else r_z
            # backward pass: delta and its R-op
            delta = self._output_grad(z, T)
            r_delta = self._output_hvp(z, r_pre[-1])
            parts: list[Array] = []
            for k in range(L - 1, -1, -1):
                (W, _), (V, _) = layers[k], dirs[k]
                a = cache.inputs[k]
                r_in = act.df(cache.pre[k - 1]) * r_pre[k - 1] if k > 0 else np.zeros_like(a)
                r_gW = np.swapaxes(r_in, -1, -2) @ delta + np.swapaxes(a, -1, -2) @ r_delta
                parts += [r_delta.sum(-2), r_gW.reshape(*w.shape[:-1], -1)]
                if k > 0:
                    WT, VT = np.swapaxes(W, -1, -2), np.swapaxes(V, -1, -2)
                    back = delta @ WT
                    r_back = r_delta @ WT + delta @ VT
                    pre = cache.pre[k - 1]
                    r_delta = act.d2f(pre) * r_pre[k - 1] * back + act.df(pre) * r_back
                    delta = back * act.df(pre)
            return np.concatenate(parts[::-1], axis=-1)


def _softmax(z: Array) -> Array:
    e = np.exp(z - z.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)
