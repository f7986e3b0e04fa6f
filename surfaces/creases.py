"""A valley with a kinked floor and the same valley with a smooth floor (lessons P4 and P8).

Both are ``a x^2 + slope * wall(y)`` with the same ``a`` and ``slope``: the crease uses
``wall = |y|``, the smooth crease ``wall = sqrt(width^2 + y^2)``. They differ by at most
``slope * width`` (at ``y = 0``), so they look alike, but only the smooth one has a gradient that
shrinks near the floor. Lesson P4's valley ``0.005 x^2 + 10 sqrt(0.01^2 + y^2)`` is
``get("smooth_crease")`` with its defaults, started from ``(-8, 1)``.
"""

from __future__ import annotations

import numpy as np

from .base import Surface, register
from .params import Param

_A = Param("a", 0.005, low=0, open_low=True, high=100, log_scale=True,
           doc="curvature along the valley: f grows like a x^2")
_SLOPE = Param("slope", 10.0, low=0, open_low=True, high=1e3, log_scale=True,
               doc="steepness of the valley walls (|df/dy| far from the floor)")
_WIDTH = Param("width", 0.01, low=0, open_low=True, high=10, log_scale=True,
               doc="width over which the smooth floor rounds off the kink")


class _Valley(Surface):
    tags = ("valley", "convex")
    window = ((-10.0, 10.0), (-2.0, 2.0))
    minima = ((0.0, 0.0),)
    starts = ((-8.0, 1.0), (6.0, -1.5))


@register
class Crease(_Valley):
    """``f = a x^2 + slope |y|``: a valley whose floor ``y = 0`` is a kink.

    ``d|y|/dy`` is taken as 0 at ``y = 0`` (``sign(0) = 0``, the subgradient that keeps a point
    on the floor), and the kink term's second derivative is taken as 0 everywhere (it is 0 for
    ``y != 0``; at ``y = 0`` it does not exist).
    """

    name = "crease"
    title = "Crease (kinked valley floor)"
    description = (
        "f = a x^2 + slope |y|. A long, shallow valley along x whose floor y = 0 is a sharp "
        "crease, like |y| or a ReLU. On the walls the gradient across the valley is +slope or "
        "-slope however close to the floor you are; it never shrinks. So a fixed step jumps "
        "from wall to wall (the gradient flips sign at the crease) and the path zig-zags "
        "forever instead of settling on the floor. Compare smooth_crease, the same valley "
        "with a rounded floor. (Exactly on the crease the gradient across it is taken as 0.)"
    )
    tags = ("valley", "convex", "kink")
    PARAMS = (_A, _SLOPE)

    def _value(self, x, y):
        return self.params["a"] * x * x + self.params["slope"] * np.abs(y)

    def _grad(self, x, y):
        return 2.0 * self.params["a"] * x, self.params["slope"] * np.sign(y)

    def _hessian(self, x, y):
        zero = np.zeros(np.broadcast(x, y).shape)
        return 2.0 * self.params["a"] + zero, zero, zero


@register
class SmoothCrease(_Valley):
    """``f = a x^2 + slope sqrt(width^2 + y^2)``: the crease with a smooth, rounded floor.

    Minimum ``slope * width`` at the origin; it differs from ``crease`` by less than
    ``slope * width`` everywhere.
    """

    name = "smooth_crease"
    title = "Smooth crease (rounded valley floor)"
    description = (
        "f = a x^2 + slope sqrt(width^2 + y^2): the crease valley with its floor rounded off "
        "over a small width. Far from the floor it is the same surface, but near it the "
        "gradient shrinks smoothly, like ELU or softplus next to ReLU. With the defaults and "
        "lr 0.01 from (-8, 1) this is the lecture's stalled valley: gradient descent settles "
        "into bouncing between y = +0.049 and y = -0.049 with |gradient| = 9.8 while the loss "
        "barely moves; a tiny lr stops the bouncing but crawls along x. Adaptive methods "
        "(Adagrad, RMSProp, Adam) race along the floor, but only Adam settles at the minimum: "
        "RMSProp and Adagrad keep hopping across it (lesson P5)."
    )
    PARAMS = (_A, _SLOPE, _WIDTH)

    def _value(self, x, y):
        p = self.params
        return p["a"] * x * x + p["slope"] * np.sqrt(p["width"] ** 2 + y * y)

    def _grad(self, x, y):
        p = self.params
        return 2.0 * p["a"] * x, p["slope"] * y / np.hypot(p["width"], y)

    def _hessian(self, x, y):
        p = self.params
        h = np.hypot(p["width"], y)
        zero = np.zeros(np.broadcast(x, y).shape)
        return 2.0 * p["a"] + zero, zero, p["slope"] * (p["width"] / h) ** 2 / h + zero
