"""Classic optimization test functions in 2D, with their literature definitions and minima.

Sources: the usual benchmark galleries (Wikipedia "Test functions for optimization", the
Virtual Library of Simulation Experiments by Surjanovic and Bingham), checked against the
values at the published minima.
"""

from __future__ import annotations

import numpy as np

from .base import Surface, register
from .params import Param

TWO_PI = 2.0 * np.pi


def _cos_periodic(x: np.ndarray, c: float) -> np.ndarray:
    """``cos(c x)``, reducing ``c x`` to ``[-pi, pi]`` first (same value, about twice as fast)."""
    t = c * x
    return np.cos(t - TWO_PI * np.rint(t / TWO_PI))


def _sin_periodic(t: np.ndarray) -> np.ndarray:
    """``sin(t)``, reducing ``t`` to ``[-pi, pi]`` first."""
    return np.sin(t - TWO_PI * np.rint(t / TWO_PI))


@register
class Rosenbrock(Surface):
    """``f = (a - x)^2 + b (y - x^2)^2``; global minimum 0 at ``(a, a^2)``."""

    name = "rosenbrock"
    title = "Rosenbrock's banana valley"
    description = (
        "f = (a - x)^2 + b (y - x^2)^2. The minimum sits at (a, a^2) at the bottom of a long, "
        "curved, flat-floored valley shaped like a banana. Finding the valley is easy; "
        "following its bend to the minimum is hard: across the valley the surface is steep "
        "(curvature about 2b), along it almost flat, so plain gradient descent must take tiny "
        "steps and crawls. Momentum and adaptive methods do much better."
    )
    tags = ("classic", "valley", "nonconvex")
    PARAMS = (
        Param("a", 1.0, low=-3, high=3, doc="the minimum is at (a, a^2)"),
        Param("b", 100.0, low=0, open_low=True, high=1e4, log_scale=True,
              doc="steepness of the valley walls"),
    )

    def _setup(self) -> None:
        a = self.params["a"]
        self.window = ((min(-2.0, a - 1.0), max(2.0, a + 1.0)), (-1.0, max(3.0, a * a + 1.0)))
        self.minima = ((a, a * a),)
        self.starts = ((-1.2, 1.0), (0.0, 0.0))

    def _value(self, x, y):
        a, b = self.params["a"], self.params["b"]
        u = y - x * x
        return (a - x) ** 2 + b * u * u

    def _grad(self, x, y):
        a, b = self.params["a"], self.params["b"]
        u = y - x * x
        return -2.0 * (a - x) - 4.0 * b * x * u, 2.0 * b * u

    def _hessian(self, x, y):
        b = self.params["b"]
        one = np.ones(np.broadcast(x, y).shape)
        return 2.0 - 4.0 * b * y + 12.0 * b * x * x, -4.0 * b * x * one, 2.0 * b * one


@register
class Beale(Surface):
    """``f = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2``; 0 at (3, 0.5)."""

    name = "beale"
    title = "Beale"
    description = (
        "f = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2. The minimum 0 is at "
        "(3, 0.5) in a narrow curved valley; the corners of the view rise to about 10^5. Flat "
        "plateaus near the valley and very steep walls make one learning rate too small in "
        "one place and too large in another."
    )
    tags = ("classic", "valley", "nonconvex")
    window = ((-4.5, 4.5), (-4.5, 4.5))
    minima = ((3.0, 0.5),)
    starts = ((1.0, 1.5), (-2.0, -2.0))

    def _terms(self, x, y):
        y2 = y * y
        return 1.5 - x + x * y, 2.25 - x + x * y2, 2.625 - x + x * y2 * y, y2

    def _value(self, x, y):
        t1, t2, t3, _ = self._terms(x, y)
        return t1 * t1 + t2 * t2 + t3 * t3

    def _grad(self, x, y):
        t1, t2, t3, y2 = self._terms(x, y)
        gx = 2.0 * (t1 * (y - 1.0) + t2 * (y2 - 1.0) + t3 * (y2 * y - 1.0))
        gy = 2.0 * x * (t1 + 2.0 * t2 * y + 3.0 * t3 * y2)
        return gx, gy

    def _hessian(self, x, y):
        t1, t2, t3, y2 = self._terms(x, y)
        # d t_i/dx = y^i - 1, d t_i/dy = i x y^(i-1)
        d1x, d2x, d3x = y - 1.0, y2 - 1.0, y2 * y - 1.0
        d1y, d2y, d3y = x, 2.0 * x * y, 3.0 * x * y2
        hxx = 2.0 * (d1x * d1x + d2x * d2x + d3x * d3x)
        hxy = 2.0 * (d1x * d1y + d2x * d2y + d3x * d3y + t1 + 2.0 * t2 * y + 3.0 * t3 * y2)
        hyy = 2.0 * (d1y * d1y + d2y * d2y + d3y * d3y + 2.0 * t2 * x + 6.0 * t3 * x * y)
        return hxx, hxy, hyy


@register
class Himmelblau(Surface):
    """``f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2``: four global minima, all with value 0."""

    name = "himmelblau"
    title = "Himmelblau (four minima)"
    description = (
        "f = (x^2 + y - 11)^2 + (x + y^2 - 7)^2 has four equally good minima (value 0), one in "
        "each quadrant, and a local maximum near (-0.27, -0.92). Which minimum a run finds "
        "depends only on where it starts: try starts around the maximum and watch them fall "
        "into different basins."
    )
    tags = ("classic", "multimodal", "nonconvex")
    window = ((-5.0, 5.0), (-5.0, 5.0))
    minima = (
        (3.0, 2.0),
        (-2.805118086952745, 3.131312518250573),
        (-3.779310253377747, -3.283185991286169),
        (3.5844283403304917, -1.8481265269644034),
    )
    starts = ((0.0, 0.0), (-1.0, 0.0), (-1.0, -2.0), (1.0, -2.0))

    def _value(self, x, y):
        u = x * x + y - 11.0
        v = x + y * y - 7.0
        return u * u + v * v

    def _grad(self, x, y):
        u = x * x + y - 11.0
        v = x + y * y - 7.0
        return 4.0 * x * u + 2.0 * v, 2.0 * u + 4.0 * y * v

    def _hessian(self, x, y):
        u = x * x + y - 11.0
        v = x + y * y - 7.0
        return 4.0 * u + 8.0 * x * x + 2.0, 4.0 * (x + y), 4.0 * v + 8.0 * y * y + 2.0


@register
class Booth(Surface):
    """``f = (x + 2y - 7)^2 + (2x + y - 5)^2``; minimum 0 at (1, 3)."""

    name = "booth"
    title = "Booth"
    description = (
        "f = (x + 2y - 7)^2 + (2x + y - 5)^2, a tilted quadratic bowl with its minimum 0 at "
        "(1, 3). Its Hessian is constant, [[10, 8], [8, 10]], with eigenvalues 18 and 2: an "
        "elongated bowl lying along the diagonal. Gradient descent is stable for lr < 2/18."
    )
    tags = ("classic", "convex")
    window = ((-10.0, 10.0), (-10.0, 10.0))
    minima = ((1.0, 3.0),)
    starts = ((-8.0, -6.0), (8.0, -8.0))

    def _value(self, x, y):
        u = x + 2.0 * y - 7.0
        v = 2.0 * x + y - 5.0
        return u * u + v * v

    def _grad(self, x, y):
        u = x + 2.0 * y - 7.0
        v = 2.0 * x + y - 5.0
        return 2.0 * u + 4.0 * v, 4.0 * u + 2.0 * v

    def _hessian(self, x, y):
        one = np.ones(np.broadcast(x, y).shape)
        return 10.0 * one, 8.0 * one, 10.0 * one


@register
class Matyas(Surface):
    """``f = 0.26 (x^2 + y^2) - 0.48 x y``; minimum 0 at the origin."""

    name = "matyas"
    title = "Matyas"
    description = (
        "f = 0.26 (x^2 + y^2) - 0.48xy, a quadratic bowl with its minimum 0 at the origin. The "
        "Hessian's eigenvalues are 1.0 (across the diagonal) and 0.04 (along it): a condition "
        "number of 25. Descent quickly drops onto the diagonal, then creeps along it."
    )
    tags = ("classic", "convex", "valley")
    window = ((-10.0, 10.0), (-10.0, 10.0))
    minima = ((0.0, 0.0),)
    starts = ((8.0, 5.0), (-9.0, 2.0))

    def _value(self, x, y):
        return 0.26 * (x * x + y * y) - 0.48 * x * y

    def _grad(self, x, y):
        return 0.52 * x - 0.48 * y, 0.52 * y - 0.48 * x

    def _hessian(self, x, y):
        one = np.ones(np.broadcast(x, y).shape)
        return 0.52 * one, -0.48 * one, 0.52 * one


@register
class ThreeHumpCamel(Surface):
    """``f = 2x^2 - 1.05x^4 + x^6/6 + xy + y^2``; global minimum 0 at the origin."""

    name = "three_hump_camel"
    title = "Three-hump camel"
    description = (
        "f = 2x^2 - 1.05x^4 + x^6/6 + xy + y^2. The global minimum 0 is at the origin; two "
        "local minima (value about 0.30) sit near (1.75, -0.87) and (-1.75, 0.87). A start "
        "on the outer slopes easily ends in a local minimum."
    )
    tags = ("classic", "multimodal", "nonconvex")
    window = ((-2.5, 2.5), (-2.5, 2.5))
    minima = ((0.0, 0.0),)
    starts = ((2.2, -2.0), (-1.0, 2.2), (0.8, 2.0))

    def _value(self, x, y):
        x2 = x * x
        return x2 * (2.0 - 1.05 * x2 + x2 * x2 / 6.0) + x * y + y * y

    def _grad(self, x, y):
        x2 = x * x
        return x * (4.0 - 4.2 * x2 + x2 * x2) + y, x + 2.0 * y

    def _hessian(self, x, y):
        x2 = x * x
        one = np.ones(np.broadcast(x, y).shape)
        return (4.0 - 12.6 * x2 + 5.0 * x2 * x2) * one, one, 2.0 * one


@register
class SixHumpCamel(Surface):
    """``f = (4 - 2.1x^2 + x^4/3) x^2 + xy + (4y^2 - 4) y^2``; two global minima -1.0316..."""

    name = "six_hump_camel"
    title = "Six-hump camel"
    description = (
        "f = (4 - 2.1x^2 + x^4/3) x^2 + xy + (4y^2 - 4) y^2. Six local minima, two of them "
        "global (value -1.0316) at (0.0898, -0.7127) and (-0.0898, 0.7127), mirror images of "
        "each other; the origin between them is a saddle point."
    )
    tags = ("classic", "multimodal", "nonconvex")
    window = ((-2.0, 2.0), (-1.2, 1.2))
    minima = (
        (0.08984201310031807, -0.7126564030207396),
        (-0.08984201310031807, 0.7126564030207396),
    )
    starts = ((-1.5, -0.8), (1.8, 1.0), (0.02, 0.0))

    def _value(self, x, y):
        x2, y2 = x * x, y * y
        return (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (4.0 * y2 - 4.0) * y2

    def _grad(self, x, y):
        x2, y2 = x * x, y * y
        return x * (8.0 - 8.4 * x2 + 2.0 * x2 * x2) + y, x + y * (16.0 * y2 - 8.0)

    def _hessian(self, x, y):
        x2, y2 = x * x, y * y
        one = np.ones(np.broadcast(x, y).shape)
        return (8.0 - 25.2 * x2 + 10.0 * x2 * x2) * one, one, (48.0 * y2 - 8.0) * one


@register
class McCormick(Surface):
    """``f = sin(x + y) + (x - y)^2 - 1.5x + 2.5y + 1``; minimum -1.9132 at (-0.5472, -1.5472).

    The minimum in the usual domain ``x in [-1.5, 4], y in [-3, 4]`` is exactly at
    ``(1/2 - pi/3, -1/2 - pi/3)`` with value ``-sqrt(3)/2 - pi/3``. (Outside that domain the
    function is unbounded below along ``x = y + 1``.)
    """

    name = "mccormick"
    title = "McCormick"
    description = (
        "f = sin(x + y) + (x - y)^2 - 1.5x + 2.5y + 1 on -1.5 <= x <= 4, -3 <= y <= 4. A "
        "valley along x = y + 1, rippled by the sine, with the minimum -1.9132 at "
        "(-0.547, -1.547). Across the valley the curvature is 4; along it the sine makes it "
        "alternately curve up and down."
    )
    tags = ("classic", "valley", "nonconvex")
    window = ((-1.5, 4.0), (-3.0, 4.0))
    minima = ((0.5 - np.pi / 3.0, -0.5 - np.pi / 3.0),)
    starts = ((3.5, 3.5), (-1.0, 3.0))

    def _value(self, x, y):
        d = x - y
        return _sin_periodic(x + y) + d * d - 1.5 * x + 2.5 * y + 1.0

    def _grad(self, x, y):
        c = np.cos(x + y)
        d = 2.0 * (x - y)
        return c + d - 1.5, c - d + 2.5

    def _hessian(self, x, y):
        s = np.sin(x + y)
        return 2.0 - s, -2.0 - s, 2.0 - s


@register
class Rastrigin(Surface):
    """``f = 2A + x^2 - A cos(2 pi x) + y^2 - A cos(2 pi y)``; minimum 0 at the origin."""

    name = "rastrigin"
    title = "Rastrigin (egg crate)"
    description = (
        "f = 2A + x^2 - A cos(2 pi x) + y^2 - A cos(2 pi y): a bowl covered with a regular "
        "grid of bumps, with a local minimum near every point with whole-number coordinates. "
        "Only the one at the origin (value 0) is global. Gradient descent stops in the "
        "nearest dimple; larger steps, momentum or noise can hop over the bumps. With A = 0 "
        "it is the plain bowl x^2 + y^2."
    )
    tags = ("classic", "multimodal", "nonconvex")
    PARAMS = (
        Param("A", 10.0, low=0, high=100, doc="height of the bumps"),
    )
    window = ((-5.12, 5.12), (-5.12, 5.12))
    minima = ((0.0, 0.0),)
    starts = ((3.3, -2.7), (0.45, 0.4))

    def _value(self, x, y):
        A = self.params["A"]
        return 2.0 * A + x * x + y * y - A * (_cos_periodic(x, TWO_PI) + _cos_periodic(y, TWO_PI))

    def _grad(self, x, y):
        A = self.params["A"]
        k = TWO_PI * A
        return 2.0 * x + k * np.sin(TWO_PI * x), 2.0 * y + k * np.sin(TWO_PI * y)

    def _hessian(self, x, y):
        A = self.params["A"]
        k = TWO_PI * TWO_PI * A
        zero = np.zeros(np.broadcast(x, y).shape)
        return 2.0 + k * np.cos(TWO_PI * x) + zero, zero, 2.0 + k * np.cos(TWO_PI * y) + zero


@register
class Ackley(Surface):
    r"""``f = -a exp(-b r) - exp((cos cx + cos cy)/2) + a + e``, ``r = sqrt((x^2 + y^2)/2)``.

    Global minimum 0 at the origin, where the first term has a cone tip: its gradient
    ``a b exp(-b r) (x, y) / (2r)`` is 0/0 there and is *defined as 0* (the subgradient that
    keeps a point at the minimum), and the Hessian of that term (which grows like ``1/r``) is
    defined as 0 at the origin as well. Both are finite everywhere else.
    """

    name = "ackley"
    title = "Ackley"
    description = (
        "f = -a exp(-b sqrt((x^2 + y^2)/2)) - exp((cos(cx) + cos(cy))/2) + a + e. A nearly "
        "flat outer region full of small dimples (local minima), with a deep narrow funnel to "
        "the global minimum 0 at the origin. The funnel's tip is a cone: the gradient does "
        "not shrink as you approach it, so a fixed step size overshoots back and forth. (At the "
        "tip itself the gradient is taken as 0.)"
    )
    tags = ("classic", "multimodal", "nonconvex", "kink")
    PARAMS = (
        Param("a", 20.0, low=0, open_low=True, high=1e3, doc="depth of the funnel"),
        Param("b", 0.2, low=0, open_low=True, high=10, doc="how fast the funnel narrows"),
        Param("c", TWO_PI, low=0, high=50, doc="frequency of the dimples"),
    )
    window = ((-5.0, 5.0), (-5.0, 5.0))
    minima = ((0.0, 0.0),)
    starts = ((3.2, 2.6), (-1.3, 0.4), (-0.6, 0.5))

    def _radius(self, x, y):
        return np.sqrt(0.5 * (x * x + y * y))

    def _value(self, x, y):
        a, b, c = self.params["a"], self.params["b"], self.params["c"]
        r = self._radius(x, y)
        s = 0.5 * (_cos_periodic(x, c) + _cos_periodic(y, c))
        # a (1 - e^{-br}) + (e - e^s): the same function, exactly 0 at the origin
        return -a * np.expm1(-b * r) - np.expm1(s - 1.0) * np.e

    def _cone(self, x, y):
        """``a b e^{-br}``, ``1/r`` (1 at r = 0), and ``q = (x, y)/(2r)`` (0 at the origin)."""
        a, b = self.params["a"], self.params["b"]
        r = self._radius(x, y)
        tip = r == 0.0
        inv_r = 1.0 / (r + tip)
        k = a * b * np.exp(-b * r)
        return k, inv_r, 0.5 * x * inv_r, 0.5 * y * inv_r, tip

    def _ripple(self, x, y):
        c = self.params["c"]
        sx, sy = np.sin(c * x), np.sin(c * y)
        e = np.exp(0.5 * (np.cos(c * x) + np.cos(c * y)))
        return c, sx, sy, e

    def _grad(self, x, y):
        k, _, qx, qy, _ = self._cone(x, y)
        c, sx, sy, e = self._ripple(x, y)
        return k * qx + 0.5 * c * e * sx, k * qy + 0.5 * c * e * sy

    def _hessian(self, x, y):
        b = self.params["b"]
        k, inv_r, qx, qy, tip = self._cone(x, y)
        c, sx, sy, e = self._ripple(x, y)
        cx, cy = np.cos(c * x), np.cos(c * y)
        w = b + inv_r
        off = 1.0 - tip  # the cone's curvature is defined as 0 at its tip
        hxx = k * (0.5 * inv_r - qx * qx * w) * off + 0.5 * c * c * e * (cx - 0.5 * sx * sx)
        hyy = k * (0.5 * inv_r - qy * qy * w) * off + 0.5 * c * c * e * (cy - 0.5 * sy * sy)
        hxy = -k * qx * qy * w - 0.25 * c * c * e * sx * sy
        return hxx, hxy, hyy


@register
class GoldsteinPrice(Surface):
    """Goldstein-Price; global minimum 3 at (0, -1).

    ``f = [1 + (x + y + 1)^2 (19 - 14x + 3x^2 - 14y + 6xy + 3y^2)]
    * [30 + (2x - 3y)^2 (18 - 32x + 12x^2 + 48y - 36xy + 27y^2)]``.
    (Some galleries misprint ``+48y`` as ``-48y``; that version gives f(0, -1) = 867.)
    The factors depend on ``s = x + y + 1`` and ``t = 2x - 3y`` only:
    ``f = (1 + 36s^2 - 20s^3 + 3s^4)(30 + 18t^2 - 16t^3 + 3t^4)``, which is how it is computed.
    """

    name = "goldstein_price"
    title = "Goldstein-Price"
    description = (
        "The Goldstein-Price function: a degree-8 polynomial whose values span six orders of "
        "magnitude in the view, from the global minimum 3 at (0, -1) to about 10^6 in the "
        "corners, with local minima (values 30, 84 and 840) nearby. Gradients differ by the "
        "same factor, so a learning rate that is safe in one place explodes in another; "
        "normalizing methods like Adam cope better."
    )
    tags = ("classic", "multimodal", "nonconvex")
    window = ((-2.0, 2.0), (-2.0, 2.0))
    minima = ((0.0, -1.0),)
    starts = ((-1.0, -1.8), (-1.5, 1.5), (1.6, 1.2))
    # Values reach ~1e6 in the view (1e9 at 3x its size): keep the default's margin of ~1e9
    # over the view's largest value (most views top out near 1e3 against 1e12).
    blowup = 1e15

    @staticmethod
    def _factors(x, y):
        s = x + y + 1.0
        t = 2.0 * x - 3.0 * y
        s2, t2 = s * s, t * t
        a = 1.0 + s2 * (36.0 - 20.0 * s + 3.0 * s2)
        b = 30.0 + t2 * (18.0 - 16.0 * t + 3.0 * t2)
        return s, t, s2, t2, a, b

    def _value(self, x, y):
        *_, a, b = self._factors(x, y)
        return a * b

    def _grad(self, x, y):
        s, t, s2, t2, a, b = self._factors(x, y)
        da = s * (72.0 - 60.0 * s + 12.0 * s2)
        db = t * (36.0 - 48.0 * t + 12.0 * t2)
        return da * b + 2.0 * a * db, da * b - 3.0 * a * db

    def _hessian(self, x, y):
        s, t, s2, t2, a, b = self._factors(x, y)
        da = s * (72.0 - 60.0 * s + 12.0 * s2)
        db = t * (36.0 - 48.0 * t + 12.0 * t2)
        dda = 72.0 - 120.0 * s + 36.0 * s2
        ddb = 36.0 - 96.0 * t + 36.0 * t2
        # ds/dx = ds/dy = 1, dt/dx = 2, dt/dy = -3
        hxx = dda * b + 4.0 * da * db + 4.0 * a * ddb
        hxy = dda * b - da * db - 6.0 * a * ddb
        hyy = dda * b - 6.0 * da * db + 9.0 * a * ddb
        return hxx, hxy, hyy


@register
class StyblinskiTang(Surface):
    """``f = ((x^4 - 16x^2 + 5x) + (y^4 - 16y^2 + 5y)) / 2``; minimum -78.332 at x = y = -2.9035."""

    name = "styblinski_tang"
    title = "Styblinski-Tang"
    description = (
        "f = (x^4 - 16x^2 + 5x + y^4 - 16y^2 + 5y) / 2. Four basins, one per quadrant; the "
        "deepest (value -78.33) is at (-2.9035, -2.9035), the shallowest at (2.7468, 2.7468). "
        "Starts in the other basins end in a local minimum: what counts is where you start."
    )
    tags = ("classic", "multimodal", "nonconvex")
    window = ((-5.0, 5.0), (-5.0, 5.0))
    #: the root of 4x^3 - 32x + 5 = 0 near -2.9
    X_MIN = -2.903534027771177
    minima = ((X_MIN, X_MIN),)
    starts = ((4.5, 4.5), (0.5, -0.5), (-4.5, 0.3))

    def _value(self, x, y):
        x2, y2 = x * x, y * y
        return 0.5 * (x2 * (x2 - 16.0) + 5.0 * x + y2 * (y2 - 16.0) + 5.0 * y)

    def _grad(self, x, y):
        return x * (2.0 * x * x - 16.0) + 2.5, y * (2.0 * y * y - 16.0) + 2.5

    def _hessian(self, x, y):
        zero = np.zeros(np.broadcast(x, y).shape)
        return 6.0 * x * x - 16.0 + zero, zero, 6.0 * y * y - 16.0 + zero
