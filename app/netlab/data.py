"""The network lab's small built-in data sets, made by the app (deterministic for a seed).

Every data set has ``X`` of shape ``(n_samples, 2)`` (float64) and ``y`` of shape
``(n_samples,)``: class labels ``0 .. n_classes - 1`` (int64) for classification, real targets
(float64) for regression. ``noise`` is the standard deviation of Gaussian noise:

- ``two_moons`` (2 classes): two interleaving half circles of radius 1 (sklearn's
  ``make_moons``); noise is added to the inputs.
- ``circles`` (2 classes): a circle of radius 1 (class 0) around one of radius 0.5 (class 1);
  noise is added to the inputs.
- ``spirals`` (3 classes): three spiral arms from the centre out to radius 1, each turning by
  4 radians; noise is added to the inputs.
- ``regression``: two features on raw, *unscaled* scales, ``x1`` uniform in [2, 20] and ``x2``
  uniform in [0, 5], and a smooth nonlinear target with values of about 50 +- 30, so the MSE of
  a fresh network starts in the thousands (seed 000). The scales are chosen for the default
  network (2-32-32-1 leaky ReLU, He initialization): over init seeds 0..19 the Hessian's largest
  eigenvalue at initialization is 3.1e3 to 1.3e4, so plain gradient descent with lr 1e-3 has
  ``lr * lambda_max`` of 3 to 13 (> 2: it blows up, 20 of 20 seeds) and lr 1e-4 has 0.3 to 1.3
  (< 2: it converges, 20 of 20). With plain ReLU the first overshoot usually kills most hidden
  units and the run recovers instead of blowing up (a "catapult"; 1 of 20 seeds blows up).
  Noise is added to the target, as a fraction of the clean target's standard deviation.
  ``standardize=True`` rescales the inputs to zero mean and unit variance (the targets are kept):
  ``lambda_max`` drops to a few hundred and both learning rates converge.

Classes are balanced (sizes differ by at most one) and the samples are shuffled.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

__all__ = ["DATASETS", "Dataset", "make_dataset"]

#: data set name -> number of classes (0: regression)
DATASETS: dict[str, int] = {"two_moons": 2, "spirals": 3, "circles": 2, "regression": 0}

#: the raw ranges of the regression set's two features
REGRESSION_RANGES = ((2.0, 20.0), (0.0, 5.0))


@dataclass(frozen=True)
class Dataset:
    """Inputs ``X`` ``(n, 2)``, labels or targets ``y`` ``(n,)``; ``n_classes = 0``: regression."""

    name: str
    X: np.ndarray
    y: np.ndarray
    n_classes: int
    standardized: bool = False

    @property
    def n_samples(self) -> int:
        return self.X.shape[0]

    @property
    def is_regression(self) -> bool:
        return self.n_classes == 0

    def targets(self, loss: str) -> np.ndarray:
        """Targets of shape ``(n, n_outputs)`` for a network loss (see :mod:`app.netlab.mlp`).

        Regression and binary classification have one output (the value, or the label 0/1);
        ``softmax_ce`` and ``mse`` on more than two classes use one-hot rows.
        """
        if self.is_regression or (self.n_classes == 2 and loss != "softmax_ce"):
            return self.y.astype(np.float64)[:, None]
        return np.eye(self.n_classes)[self.y]

    def standardize(self) -> Dataset:
        """The same data with each input column at mean 0 and standard deviation 1."""
        std = self.X.std(axis=0)
        X = (self.X - self.X.mean(axis=0)) / np.where(std > 0, std, 1.0)
        return replace(self, X=X, standardized=True)


def _class_sizes(n: int, k: int) -> list[int]:
    return [n // k + (i < n % k) for i in range(k)]


def _two_moons(n, rng):
    n0, n1 = _class_sizes(n, 2)
    t0, t1 = np.linspace(0, np.pi, n0), np.linspace(0, np.pi, n1)
    outer = np.c_[np.cos(t0), np.sin(t0)]
    inner = np.c_[1 - np.cos(t1), 0.5 - np.sin(t1)]
    return np.r_[outer, inner], np.r_[np.zeros(n0), np.ones(n1)]


def _circles(n, rng):
    n0, n1 = _class_sizes(n, 2)
    t0 = np.linspace(0, 2 * np.pi, n0, endpoint=False)
    t1 = np.linspace(0, 2 * np.pi, n1, endpoint=False)
    outer = np.c_[np.cos(t0), np.sin(t0)]
    inner = 0.5 * np.c_[np.cos(t1), np.sin(t1)]
    return np.r_[outer, inner], np.r_[np.zeros(n0), np.ones(n1)]


def _spirals(n, rng):
    X, y = [], []
    for k, m in enumerate(_class_sizes(n, 3)):
        r = np.linspace(0.0, 1.0, m)
        t = np.linspace(4.0 * k, 4.0 * (k + 1), m)
        X.append(np.c_[r * np.sin(t), r * np.cos(t)])
        y.append(np.full(m, k))
    return np.concatenate(X), np.concatenate(y)


def _regression_clean(n, rng):
    (a1, b1), (a2, b2) = REGRESSION_RANGES
    x1, x2 = rng.uniform(a1, b1, n), rng.uniform(a2, b2, n)
    u1, u2 = (2 * x1 - a1 - b1) / (b1 - a1), (2 * x2 - a2 - b2) / (b2 - a2)  # in [-1, 1]
    y = 50.0 + 20.0 * u1 - 10.0 * u2 + 8.0 * np.sin(3.0 * u1) * u2
    return np.c_[x1, x2], y


def make_dataset(name: str = "two_moons", n_samples: int = 200, noise: float = 0.1,
                 seed: int = 0, standardize: bool = False) -> Dataset:
    """A built-in data set; the same arguments always give the same arrays."""
    if name not in DATASETS:
        raise ValueError(f"Unknown data set '{name}'. Valid data sets: {', '.join(DATASETS)}")
    if int(n_samples) < DATASETS[name] or n_samples < 1:
        raise ValueError(f"n_samples must be >= max(1, n_classes), got {n_samples}")
    if not (np.isfinite(noise) and noise >= 0):
        raise ValueError(f"noise must be a finite number >= 0, got {noise}")
    rng = np.random.default_rng([int(seed), 1])
    n = int(n_samples)
    if name == "regression":
        X, y = _regression_clean(n, rng)
        y = y + noise * y.std() * rng.standard_normal(n)
    else:
        X, y = {"two_moons": _two_moons, "circles": _circles, "spirals": _spirals}[name](n, rng)
        X = X + noise * rng.standard_normal(X.shape)
        y = y.astype(np.int64)
    order = rng.permutation(n)
    data = Dataset(name, X[order].astype(np.float64), y[order], DATASETS[name])
    return data.standardize() if standardize else data
