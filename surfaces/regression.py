"""Least-squares linear regression on a seeded synthetic data set: the asker's case of seed 000.

The loss of the model ``w * x_i + b`` is a quadratic bowl in ``(w, b)`` whose Hessian
``(2/n) [[sum x_i^2, sum x_i], [sum x_i, n]]`` is set by the feature values. Unscaled features
(values up to ``feature_scale``) make its largest eigenvalue ``lambda_max ~ 2 mean(x^2)`` large,
so the stable learning rates (``lr < 2 / lambda_max``) are tiny; standardizing the feature makes
the Hessian exactly ``2 I``.
"""

from __future__ import annotations

import numpy as np

from .base import Surface, register
from .params import Param


@register
class Regression(Surface):
    """``f(w, b) = mean_i (w x_i + b - y_i)^2``, with the point's x as ``w`` and its y as ``b``.

    Data: ``x_i = feature_scale * u_i`` with ``u_i`` uniform on [0, 1), and
    ``y_i = true_w x_i + true_b + noise * e_i`` with standard normal ``e_i``, both drawn from
    ``numpy.random.default_rng(seed)``. With ``standardize`` the model sees
    ``(x_i - mean(x)) / std(x)`` instead of ``x_i``. The loss is evaluated in the exact form
    ``f* + (p - p*)^T M (p - p*)`` with ``M = [[mean x^2, mean x], [mean x, 1]]`` and the
    least-squares solution ``p*`` (the same function, accurate near the minimum and cheap).
    """

    name = "regression"
    title = "Linear regression, unscaled or standardized feature"
    description = (
        "The loss (mean squared error) of the linear model prediction = w * x + b on synthetic "
        "data (50 points by default), as a function of the weight w (across) and the bias b "
        "(up). This is the Q&A asker's case: the feature is not scaled (values up to "
        "feature_scale = 100), so the loss is a bowl more than 10,000 times more curved along "
        "w than along b, with largest curvature lambda_max of about 7,000. Gradient descent "
        "is stable only while lr * lambda_max < 2: with lr 0.001 every step overshoots "
        "further, and the loss climbs from thousands through 10^12 to overflow (inf/NaN) "
        "within a few hundred steps; with lr 0.0001 it goes down. Switch on standardize "
        "(feature rescaled to mean 0 and standard deviation 1) and the bowl becomes round "
        "with curvature 2: both learning rates converge."
    )
    tags = ("convex", "valley", "divergence")
    PARAMS = (
        Param("feature_scale", 100.0, low=1e-3, high=1e6, log_scale=True,
              doc="feature values are spread over [0, feature_scale)"),
        Param("n_samples", 50, kind=int, low=2, high=100_000, doc="number of data points"),
        Param("seed", 0, kind=int, low=0, high=2**32 - 1, doc="random seed of the data set"),
        Param("standardize", False, kind=bool,
              doc="rescale the feature to mean 0 and standard deviation 1 before fitting"),
        Param("noise", 5.0, low=0, high=1e6, doc="standard deviation of the noise in y"),
        Param("true_w", 1.0, low=-1e6, high=1e6, doc="slope of the line the data come from"),
        Param("true_b", 5.0, low=-1e6, high=1e6,
              doc="intercept of the line the data come from"),
    )
    finite_sum = True  # f = mean_i l_i with l_i = (w x_i + b - y_i)^2: mini-batches (P3)
    # Only inf/NaN counts as blown up: the loss should be seen climbing to 1e12 and beyond.
    blowup = np.inf

    def _setup(self) -> None:
        p = self.params
        rng = np.random.default_rng(p["seed"])
        n = p["n_samples"]
        x = p["feature_scale"] * rng.uniform(0.0, 1.0, n)
        y = p["true_w"] * x + p["true_b"] + p["noise"] * rng.standard_normal(n)
        if p["standardize"]:
            x = (x - x.mean()) / x.std()
        #: the data the model is fitted to (after standardizing, if on)
        self.features, self.targets = x, y
        self.n_examples = n
        mx, mxx = x.mean(), np.mean(x * x)
        self.moments = np.array([[mxx, mx], [mx, 1.0]])  # M: f = f* + d^T M d
        w, b = np.linalg.solve(self.moments, [np.mean(x * y), y.mean()])
        self.solution = np.array([w, b])
        self.min_value = float(np.mean((w * x + b - y) ** 2))
        self.minima = self.solution[None, :]
        self.starts = ((0.0, 0.0),)  # the usual initialization: all weights zero
        # A view that holds the start (0, 0) and the minimum, with room around both.
        lo = np.minimum(self.solution, 0.0)
        hi = np.maximum(self.solution, 0.0)
        pad = 0.35 * np.maximum(hi - lo, 1.0)
        self.window = ((lo[0] - pad[0], hi[0] + pad[0]), (lo[1] - pad[1], hi[1] + pad[1]))

    def _value(self, x, y):
        (mxx, mx), _ = self.moments
        dw, db = x - self.solution[0], y - self.solution[1]
        return self.min_value + dw * (mxx * dw + 2.0 * mx * db) + db * db

    def _grad(self, x, y):
        (mxx, mx), _ = self.moments
        dw, db = x - self.solution[0], y - self.solution[1]
        return 2.0 * (mxx * dw + mx * db), 2.0 * (mx * dw + db)

    def _hessian(self, x, y):
        (mxx, mx), _ = self.moments
        one = np.ones(np.broadcast(x, y).shape)
        return 2.0 * mxx * one, 2.0 * mx * one, 2.0 * one

    def _example_grads(self, x, y):
        """``grad l_i = 2 r_i (x_i, 1)`` with the residual ``r_i = w x_i + b - y_i``."""
        data = self.features
        r = np.asarray(x)[..., None] * data + np.asarray(y)[..., None] - self.targets
        r *= 2.0
        return r * data, r
