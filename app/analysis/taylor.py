"""The second-order Taylor prediction of one gradient step (lesson P2, Deep Learning book 4.3.1).

A gradient step of size ``eps`` from ``p`` (to ``p - eps g``) changes the cost by about

    f(p - eps g) - f(p)  ~  -eps g'g  +  eps^2 / 2  g'Hg

The first term always lowers the cost; the second (curvature) term raises it when ``g'Hg > 0``.
When ``eps > 2 g'g / g'Hg`` the curvature term wins and even a "small" step raises the cost; the
best step for the quadratic model is ``eps* = g'g / g'Hg``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from surfaces import Surface

from .hessian import as_point

__all__ = ["TaylorPrediction", "taylor_step"]


@dataclass(frozen=True)
class TaylorPrediction:
    """Predicted and actual change of the loss for one GD step of size ``eps``.

    ``first_order = -eps g'g``, ``second_order = eps^2 / 2 g'Hg``, ``predicted`` their sum,
    ``actual = f(p - eps g) - f(p)``, ``error = actual - predicted`` (the third-order remainder:
    shrinks like ``eps^3``; exactly 0 up to rounding on a quadratic).
    ``curvature_along_gradient = g'Hg / g'g`` (between lambda_min and lambda_max).
    ``best_eps = g'g / g'Hg`` minimizes the predicted change; ``break_even_eps = 2 g'g / g'Hg``
    is where the prediction turns positive (both ``inf`` if ``g'Hg <= 0``: the model never turns
    up; NaN if the gradient is 0).
    """

    eps: float
    first_order: float
    second_order: float
    predicted: float
    actual: float
    error: float
    gradient_norm: float
    curvature_along_gradient: float
    best_eps: float
    break_even_eps: float

    @property
    def curvature_wins(self) -> bool:
        """The second-order term outweighs the first: the step is predicted to raise the loss."""
        return self.second_order > -self.first_order


def taylor_step(surface: Surface, point: Any, eps: float) -> TaylorPrediction:
    """Taylor terms and the actual change for the GD step ``p -> p - eps * grad f(p)``.

    ``eps`` is the step size (the learning rate); ``ValueError`` unless it is finite and >= 0.

    >>> import surfaces
    >>> t = taylor_step(surfaces.get("quadratic", lambda1=1, lambda2=20), (1.0, 1.0), 0.12)
    >>> round(t.first_order, 6), round(t.second_order, 6), round(t.actual, 6), t.curvature_wins
    (-48.12, 57.6072, 9.4872, True)
    """
    p = as_point(point)
    message = f"Invalid step size eps: {eps!r} (expected a finite number >= 0)"
    try:
        eps = float(eps)
    except (TypeError, ValueError):
        raise ValueError(message) from None
    if not (math.isfinite(eps) and eps >= 0):
        raise ValueError(message)
    with np.errstate(all="ignore"):
        f0 = float(surface.value(p))
        g = np.asarray(surface.grad(p), dtype=np.float64).reshape(2)
        h = np.asarray(surface.hessian(p), dtype=np.float64).reshape(2, 2)
        gg = float(g @ g)
        ghg = float(g @ h @ g)
        first = -eps * gg
        second = eps * eps / 2.0 * ghg
        predicted = first + second
        actual = float(surface.value(p - eps * g)) - f0
        rayleigh = ghg / gg if gg > 0 else math.nan
        if gg == 0 or not math.isfinite(ghg):
            best = even = math.nan
        elif ghg > 0:
            best, even = gg / ghg, 2.0 * gg / ghg
        else:
            best = even = math.inf
    return TaylorPrediction(eps, first, second, predicted, actual, actual - predicted,
                            math.sqrt(gg), rayleigh, best, even)
