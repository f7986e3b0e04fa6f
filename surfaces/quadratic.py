"""Quadratic bowls and valleys with chosen curvature, and the two saddles."""

from __future__ import annotations

import numpy as np

from .base import Surface, register
from .params import Param


@register
class Quadratic(Surface):
    r"""``f(p) = 0.5 (p - c)^T R diag(lambda1, lambda2) R^T (p - c)``.

    ``R`` rotates by ``angle`` degrees and ``c = (x0, y0)``. The Hessian is constant with
    eigenvalues exactly ``lambda1`` and ``lambda2``: the bowl (equal), the narrow valley (very
    different) of lessons P1, P2, P4, P5 and P10. Gradient descent converges iff
    ``lr * max(lambda1, lambda2) < 2``.
    """

    name = "quadratic"
    title = "Quadratic bowl / valley"
    description = (
        "A bowl whose curvature you choose: lambda1 and lambda2 are the Hessian's eigenvalues "
        "(the steepness along the two principal axes), angle rotates the axes. With equal "
        "eigenvalues it is a round bowl; with very different ones a long narrow valley, the "
        "shape on which plain gradient descent zig-zags. Gradient descent is stable only while "
        "lr * lambda_max < 2."
    )
    tags = ("convex", "valley")
    PARAMS = (
        Param("lambda1", 1.0, low=0, open_low=True, high=1e6, log_scale=True,
              doc="curvature (Hessian eigenvalue) along the first axis"),
        Param("lambda2", 10.0, low=0, open_low=True, high=1e6, log_scale=True,
              doc="curvature (Hessian eigenvalue) along the second axis"),
        Param("angle", 0.0, low=-360, high=360, doc="rotation of the axes, in degrees"),
        Param("x0", 0.0, low=-1e6, high=1e6, doc="x of the minimum"),
        Param("y0", 0.0, low=-1e6, high=1e6, doc="y of the minimum"),
    )

    def _setup(self) -> None:
        p = self.params
        t = np.deg2rad(p["angle"])
        c, s = np.cos(t), np.sin(t)
        rot = np.array([[c, -s], [s, c]])
        self.matrix = rot @ np.diag([p["lambda1"], p["lambda2"]]) @ rot.T
        self.center = np.array([p["x0"], p["y0"]])
        # plain floats: the hot loop then does no numpy-scalar unpacking per call
        (self._a, self._b), (_, self._d) = self.matrix.tolist()
        self._cx, self._cy = self.center.tolist()
        # A window that shows a few contour levels along the flat axis too.
        half = 3.0 * np.sqrt(max(p["lambda1"], p["lambda2"]) / min(p["lambda1"], p["lambda2"]))
        half = float(np.clip(half, 3.0, 12.0))
        self.window = ((p["x0"] - half, p["x0"] + half), (p["y0"] - half, p["y0"] + half))
        self.minima = self.center[None, :]
        self.starts = self.center + np.array([[-0.8 * half, 0.5 * half]])

    def _value(self, x, y):
        a, b, d = self._a, self._b, self._d
        u, v = x - self._cx, y - self._cy
        return 0.5 * (a * u * u + 2.0 * b * u * v + d * v * v)

    def _grad(self, x, y):
        a, b, d = self._a, self._b, self._d
        u, v = x - self._cx, y - self._cy
        return a * u + b * v, b * u + d * v

    def _hessian(self, x, y):
        a, b, d = self._a, self._b, self._d
        one = np.ones(np.broadcast(x, y).shape)
        return a * one, b * one, d * one


@register
class Saddle(Surface):
    """``f = x^2 - y^2``: a saddle point at the origin (gradient zero, not a minimum)."""

    name = "saddle"
    title = "Saddle"
    description = (
        "f = x^2 - y^2. At the origin the gradient is zero but it is not a minimum: the surface "
        "curves up along x and down along y (Hessian eigenvalues 2 and -2). A start exactly on "
        "the x axis slides into the saddle and stays; any small offset in y escapes, slowly at "
        "first. Momentum and noise help to escape faster."
    )
    tags = ("saddle",)
    window = ((-2.0, 2.0), (-2.0, 2.0))
    starts = ((-1.8, 0.05),)

    def _value(self, x, y):
        return x * x - y * y

    def _grad(self, x, y):
        return 2.0 * x, -2.0 * y

    def _hessian(self, x, y):
        one = np.ones(np.broadcast(x, y).shape)
        return 2.0 * one, 0.0 * one, -2.0 * one


@register
class MonkeySaddle(Surface):
    """``f = x^3 - 3 x y^2``: a degenerate saddle with three downhill directions."""

    name = "monkey_saddle"
    title = "Monkey saddle"
    description = (
        "f = x^3 - 3xy^2. At the origin gradient and Hessian are both zero, yet it is no "
        "minimum: three valleys go down from it (room for two legs and a tail). Near the origin "
        "the gradient is tiny, so descent crawls before it speeds away."
    )
    tags = ("saddle",)
    window = ((-1.5, 1.5), (-1.5, 1.5))
    starts = ((0.8, 0.1),)
    blowup = 1e9

    def _value(self, x, y):
        return x * (x * x - 3.0 * y * y)

    def _grad(self, x, y):
        return 3.0 * x * x - 3.0 * y * y, -6.0 * x * y

    def _hessian(self, x, y):
        return 6.0 * x, -6.0 * y, -6.0 * x
