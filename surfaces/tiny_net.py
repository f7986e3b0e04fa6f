"""The training loss of a tiny neural network as a function of two of its weights (P8, P9).

The network has one input, two hidden units and one output::

    out(x) = v1 act(w1 x + b1) + v2 act(w2 x + b2) + c

Its data set is 8 inputs ``x_i`` drawn uniformly from [-2, 2] (seeded) with targets made by the
same network at the *teacher* weights ``TEACHER``. So the loss, the mean squared error
``mean_i (out(x_i) - y_i)^2``, is exactly 0 when the two free weights take their teacher values,
whatever the activation. All other weights stay at their teacher values.

Derivatives are exact (chain rule), with these conventions at the kinks:
``relu'(0) = 0``; leaky relu has slope 0.01 for ``z <= 0``; ELU uses ``alpha = 1``, is
``exp(z) - 1`` for ``z <= 0`` (so ``elu''(0) = 1``, taken from that side).
"""

from __future__ import annotations

import numpy as np

from .base import Surface, register
from .params import Param

ACTIVATIONS = ("relu", "leaky_relu", "elu", "tanh", "sigmoid", "softplus")
LEAKY_SLOPE = 0.01

#: the weights that produce the targets (and where the loss is 0)
TEACHER = {"w1": 1.5, "b1": -0.5, "v1": 2.0, "w2": -1.0, "b2": -0.5, "v2": 1.5, "c": 0.25}
N_DATA = 8
DATA_RANGE = 2.0  # inputs are uniform on [-DATA_RANGE, DATA_RANGE]

#: activations whose derivative jumps at 0: the loss is creased where a unit switches
KINKED = ("relu", "leaky_relu")

#: the free pair -> (weight on the x axis, weight on the y axis), view window, starts
PAIRS = {
    "w1_b1": (("w1", "b1"), ((-8.0, 8.0), (-8.0, 8.0)), ((-1.0, -7.0), (-6.0, 4.0), (6.0, -7.5))),
    "w1_w2": (("w1", "w2"), ((-4.0, 4.0), (-4.0, 4.0)), ((0.15, 0.1), (-3.0, 3.0), (3.5, -3.5))),
    "v1_v2": (("v1", "v2"), ((-3.0, 5.0), (-3.0, 5.0)), ((-2.5, 4.5), (4.5, -2.5))),
    "w1_v1": (("w1", "v1"), ((-4.0, 4.0), (-4.0, 4.0)), ((-0.15, 0.1), (-3.0, -3.0), (3.5, 3.5))),
}


def activation(name: str, z: np.ndarray, order: int = 0) -> np.ndarray:
    """The activation (``order`` 0) or its first or second derivative (``order`` 1, 2) at ``z``."""
    if name == "relu":
        if order == 0:
            return np.maximum(z, 0.0)
        return (z > 0.0) * 1.0 if order == 1 else np.zeros_like(z)
    if name == "leaky_relu":
        if order == 0:
            return np.maximum(z, LEAKY_SLOPE * z)
        return LEAKY_SLOPE + (1.0 - LEAKY_SLOPE) * (z > 0.0) if order == 1 else np.zeros_like(z)
    if name == "elu":
        neg = np.minimum(z, 0.0)
        if order == 0:
            return np.maximum(z, 0.0) + np.expm1(neg)
        return np.exp(neg) if order == 1 else (z <= 0.0) * np.exp(neg)
    if name == "tanh":
        t = np.tanh(z)
        if order == 0:
            return t
        # tanh' = 1 - t^2 = 4u / (1 + u)^2 with u = exp(-2|z|): accurate when saturated, where
        # 1 - t^2 would round to exactly 0 (a false dead unit) for |z| > 19.
        u = np.exp(-2.0 * np.abs(z))
        d = 4.0 * u / ((1.0 + u) * (1.0 + u))
        return d if order == 1 else -2.0 * t * d
    if name in ("sigmoid", "softplus"):
        u = np.exp(-np.abs(z))  # in (0, 1]: no overflow, and the tails keep their precision
        if name == "softplus":
            if order == 0:
                return np.maximum(z, 0.0) + np.log1p(u)
            order -= 1  # softplus' = sigmoid
        if order == 0:
            return np.where(z >= 0.0, 1.0, u) / (1.0 + u)
        d = u / ((1.0 + u) * (1.0 + u))  # sigmoid' = sigmoid (1 - sigmoid)
        return d if order == 1 else -d * np.tanh(0.5 * z)  # 1 - 2 sigmoid = -tanh(z/2)
    raise ValueError(f"unknown activation {name!r}; valid: {', '.join(ACTIVATIONS)}")


def _activate_in_place(name: str, z: np.ndarray) -> None:
    """Overwrite the array ``z`` with ``activation(name, z)`` (fewer temporaries; equal up to
    rounding)."""
    if name == "relu":
        np.maximum(z, 0.0, out=z)
    elif name == "leaky_relu":
        np.maximum(z, LEAKY_SLOPE * z, out=z)
    elif name == "tanh":
        np.tanh(z, out=z)
    elif name == "sigmoid":
        z *= 0.5
        np.tanh(z, out=z)
        z *= 0.5
        z += 0.5
    elif name == "elu":
        neg = np.minimum(z, 0.0, out=np.empty_like(z))
        np.expm1(neg, out=neg)
        np.maximum(z, 0.0, out=z)
        z += neg
    elif name == "softplus":
        tail = np.abs(z, out=np.empty_like(z))
        np.negative(tail, out=tail)
        np.exp(tail, out=tail)
        np.log1p(tail, out=tail)
        np.maximum(z, 0.0, out=z)
        z += tail
    else:
        raise ValueError(f"unknown activation {name!r}; valid: {', '.join(ACTIVATIONS)}")


def _net(weights: dict, act: str, x: np.ndarray) -> np.ndarray:
    """The network's output for inputs ``x`` at the given weights (all scalars)."""
    h1 = activation(act, weights["w1"] * x + weights["b1"])
    h2 = activation(act, weights["w2"] * x + weights["b2"])
    return weights["v1"] * h1 + weights["v2"] * h2 + weights["c"]


@register
class TinyNet(Surface):
    """``f = mean_i (v1 act(w1 x_i + b1) + v2 act(w2 x_i + b2) + c - y_i)^2`` over two weights.

    ``weights`` names the two free weights (x axis, y axis); the others keep their teacher
    values, and so do the free ones at the minimum (loss 0). With ``relu`` a hidden unit whose
    ``w x_i + b <= 0`` for every data point is dead: its weights get exactly zero gradient.
    At the kinks: ``relu'(0) = 0``, leaky relu's slope is 0.01 for ``z <= 0``, ELU has
    ``alpha = 1`` and ``elu''(0) = 1``.
    """

    name = "tiny_net"
    title = "Tiny neural network: loss over two weights"
    description = (
        "The training loss (mean squared error on 8 data points) of a tiny network, "
        "out = v1 act(w1 x + b1) + v2 act(w2 x + b2) + c, as a function of two of its weights; "
        "the others are fixed at the values that made the data, so the loss is 0 where the two "
        "free weights are right. With ReLU the surface is creased (its gradient jumps where a "
        "unit switches on or off for some data point), and where a unit is off for every data "
        "point it is dead: the gradient is exactly zero, and a start there never moves (the "
        "lower wedge of the default view). ELU and softplus round the creases off; "
        "tanh and sigmoid saturate, leaving wide flat plateaus where the loss is high but the "
        "gradient is nearly zero, so descent stalls (vanishing gradients). "
        "Convention at the kink: ReLU'(0) = 0."
    )
    tags = ("neural network", "nonconvex", "kink", "plateau")
    finite_sum = True  # the mean of 8 per-example squared errors: mini-batches (P3)
    n_examples = N_DATA
    PARAMS = (
        Param("activation", "relu", kind=str, choices=ACTIVATIONS,
              doc="the hidden units' activation function"),
        Param("weights", "w1_b1", kind=str, choices=tuple(PAIRS),
              doc="the two free weights: w1_b1 = hidden unit 1's input weight and bias, "
                  "w1_w2 = both input weights, v1_v2 = both output weights, "
                  "w1_v1 = unit 1's input and output weight"),
        Param("seed", 0, kind=int, low=0, high=2**32 - 1,
              doc="random seed of the 8 data inputs"),
    )

    def _setup(self) -> None:
        act = self.params["activation"]
        (self.free, self.window, self.starts) = PAIRS[self.params["weights"]]
        rng = np.random.default_rng(self.params["seed"])
        #: the data set: inputs and the teacher network's outputs
        self.inputs = np.sort(rng.uniform(-DATA_RANGE, DATA_RANGE, N_DATA))
        self.targets = _net(TEACHER, act, self.inputs)
        self.minima = ((TEACHER[self.free[0]], TEACHER[self.free[1]]),)
        #: the hidden units (1, 2) that contain a free weight; the others add a constant
        self.live_units = tuple(k for k in (1, 2) if any(int(n[1]) == k for n in self.free))
        fixed = dict(TEACHER)
        for k in self.live_units:
            fixed[f"v{k}"] = 0.0  # the live units' outputs are added point by point
        self._offset = _net(fixed, act, self.inputs) - self.targets  # shape (N_DATA,)
        self._hidden = {k: activation(act, TEACHER[f"w{k}"] * self.inputs + TEACHER[f"b{k}"])
                        for k in (1, 2)}

    def crease_lines(self) -> list[tuple[float, float, float]]:
        """Where a hidden unit switches on or off for one data point: lines ``a x + b y + c =
        0`` in the plot's coordinates (``w_k x_i + b_k = 0`` with the free weights as x and y).
        Across such a line the gradient jumps; empty for an activation whose derivative is
        continuous (all but ``relu`` and ``leaky_relu``)."""
        if self.params["activation"] not in KINKED:
            return []
        lines = []
        for k in self.live_units:
            for xi in self.inputs:
                a = b = c = 0.0
                for name, coef in ((f"w{k}", float(xi)), (f"b{k}", 1.0)):
                    if name == self.free[0]:
                        a += coef
                    elif name == self.free[1]:
                        b += coef
                    else:
                        c += coef * TEACHER[name]
                if a or b:
                    lines.append((a, b, c))
        return lines

    def _weights(self, x, y) -> dict:
        """All weights: the teacher's, with the free two replaced by the coordinate arrays."""
        weights = dict(TEACHER)
        weights[self.free[0]], weights[self.free[1]] = x, y
        return weights

    def _value(self, x, y):
        # One data point at a time, in place: the arrays stay the size of the batch of points
        # (a trailing data axis would multiply memory traffic by N_DATA; this is ~3x faster).
        x, y = np.asarray(x, order="C"), np.asarray(y, order="C")  # strided views are slower
        act, wt = self.params["activation"], self._weights(x, y)
        shape = np.broadcast(x, y).shape
        total, r, h = np.zeros(shape), np.empty(shape), np.empty(shape)
        for i, (xi, offset) in enumerate(zip(self.inputs, self._offset, strict=True)):
            for n, k in enumerate(self.live_units):
                out = r if n == 0 else h  # r = offset + sum of the live units' outputs
                w, b, v = wt[f"w{k}"], wt[f"b{k}"], wt[f"v{k}"]
                if f"w{k}" not in self.free and f"b{k}" not in self.free:  # a fixed feature
                    np.multiply(v, self._hidden[k][i], out=out)
                else:
                    np.multiply(w, xi, out=out)
                    out += b
                    _activate_in_place(act, out)
                    out *= v
                if n:
                    r += h
            r += offset
            np.square(r, out=r)
            total += r
        total /= N_DATA
        return total

    def _residuals(self, x, y, order: int):
        """Residuals ``r`` (shape ``(..., N_DATA)``) and their derivatives in the free weights.

        Returns ``r, [dr/dp, dr/dq]`` and, for ``order`` 2, ``[d2r/dp2, d2r/dpdq, d2r/dq2]``.
        A weight is named by its role (``w``, ``b`` or ``v``) and its unit (1 or 2); the unit
        contributes ``v act(z)`` with ``z = w x + b``, so ``dz/dw = x`` and ``dz/db = 1``.
        """
        act, data = self.params["activation"], self.inputs
        wt = self._weights(x[..., None], y[..., None])
        r = self._offset
        unit = {}  # k -> (v_k, [act(z_k), act'(z_k), act''(z_k)])
        for k in self.live_units:
            z = wt[f"w{k}"] * data + wt[f"b{k}"]
            unit[k] = (wt[f"v{k}"], [activation(act, z, n) for n in range(order + 1)])
            r = r + unit[k][0] * unit[k][1][0]

        def dz(role):
            return data if role == "w" else 1.0

        def d1(role, k):
            v, d = unit[k]
            return d[0] if role == "v" else v * d[1] * dz(role)

        def d2(role_i, k_i, role_j, k_j):
            v, d = unit[k_i]
            if k_i != k_j or role_i == role_j == "v":
                return 0.0
            if "v" in (role_i, role_j):  # d/dv of v act'(z) dz
                return d[1] * dz(role_j if role_i == "v" else role_i)
            return v * d[2] * dz(role_i) * dz(role_j)

        (rp, kp), (rq, kq) = ((name[0], int(name[1])) for name in self.free)
        first = [d1(rp, kp), d1(rq, kq)]
        if order < 2:
            return r, first
        return r, first, [d2(rp, kp, rp, kp), d2(rp, kp, rq, kq), d2(rq, kq, rq, kq)]

    def _grad(self, x, y):
        r, (rp, rq) = self._residuals(x, y, 1)
        return 2.0 * np.mean(r * rp, axis=-1), 2.0 * np.mean(r * rq, axis=-1)

    def _hessian(self, x, y):
        r, (rp, rq), (rpp, rpq, rqq) = self._residuals(x, y, 2)
        return (
            2.0 * np.mean(rp * rp + r * rpp, axis=-1),
            2.0 * np.mean(rp * rq + r * rpq, axis=-1),
            2.0 * np.mean(rq * rq + r * rqq, axis=-1),
        )

    def _example_grads(self, x, y):
        """``grad l_i = 2 r_i (dr_i/dp, dr_i/dq)`` for each of the 8 data points."""
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        r, (rp, rq) = self._residuals(x, y, 1)
        shape = np.broadcast_shapes(x.shape, y.shape) + (N_DATA,)
        return (np.broadcast_to(2.0 * r * rp, shape), np.broadcast_to(2.0 * r * rq, shape))
