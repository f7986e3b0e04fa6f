"""The network's loss on a plane through weight space, as a :class:`surfaces.base.Surface`.

The plane is ``w(a, b) = origin + a * d1 + b * d2``, so the surface view can draw the network's
loss like any 2D surface, and the 2D engine can even descend on it. Two choices of directions:

- ``"random"``: filter-normalized random directions (Li et al. 2018, "Visualizing the loss
  landscape of neural nets"): Gaussian, then each filter (the incoming weights of one unit, a
  column of ``W``) rescaled to the norm of the same filter of the origin's weights; bias entries
  are set to 0 (their ``ignore="biasbn"`` option). ``(a, b) = (1, 0)`` moves every unit by its
  own size.
- ``"pca"``: the top two principal components of the recorded weight trajectory (centered at its
  mean), unit length and orthogonal; the plane passes through the *final* weights by default (as
  Li et al.), which sit at ``(0, 0)``.

``value`` is exact (one forward pass per point, vectorized over chunks of points). ``grad`` is
exact: the backprop gradient projected on the directions, ``(g . d1, g . d2)``. ``hessian`` is
exact too: ``d_i^T H d_j`` from Hessian-vector products. The projected trajectory ``trajectory``
holds the coordinates of the recorded weights: for PCA directions the exact projections
``(w - origin) . d_k``; for random directions (not orthogonal) the least-squares coordinates of
the orthogonal projection of ``w - origin`` onto the plane (the path is generally not *in* the
plane, so its loss there differs from the run's loss; PCA planes lose less of it).
"""

from __future__ import annotations

import numpy as np

from surfaces.base import Surface, Window

from .mlp import MLP
from .train import NetRun

__all__ = ["Landscape", "landscape", "random_directions", "pca_directions", "DIRECTIONS"]

Array = np.ndarray
DIRECTIONS = ("random", "pca")
#: about this many float64 activations per chunk of grid points (~16 MB per layer)
CHUNK_ELEMENTS = 500_000


class Landscape(Surface):
    """The loss ``L(origin + a d1 + b d2)`` over ``(a, b)``; not in the surface registry."""

    name = "netlab_landscape"
    title = "Network loss landscape"
    description = (
        "The network's training loss on a plane through weight space: the point (0, 0) is the "
        "network's weights, the axes two directions in weight space."
    )
    tags = ("network",)

    def __init__(self, model: MLP, X: Array, T: Array, origin: Array, d1: Array, d2: Array,
                 path: Array | None = None, window: Window | None = None,
                 title: str = "", description: str = "") -> None:
        """``path``: weight vectors ``(R, n_params)`` to project (-> :attr:`trajectory`)."""
        self.model, self.X, self.T = model, np.asarray(X, float), np.asarray(T, float)
        self.origin = np.asarray(origin, dtype=float)
        self.directions = np.stack([np.asarray(d1, float), np.asarray(d2, float)])
        #: the projected path, ``(R, 2)``
        self.trajectory = np.empty((0, 2)) if path is None else self.coordinates(path)
        self.window = window or _window(self.trajectory)
        self.starts = self.trajectory[:1]
        if title:
            self.title = title
        if description:
            self.description = description
        width = max(model.sizes)
        self.chunk = max(1, CHUNK_ELEMENTS // (self.X.shape[0] * width))
        super().__init__()

    # -- the plane ---------------------------------------------------------------------------
    def weights_at(self, a: Array, b: Array) -> Array:
        """The weight vectors ``origin + a d1 + b d2``, shape ``a.shape + (n_params,)``."""
        a, b = np.asarray(a, float), np.asarray(b, float)
        d1, d2 = self.directions
        return self.origin + a[..., None] * d1 + b[..., None] * d2

    def coordinates(self, weights: Array) -> Array:
        """``(a, b)`` of the orthogonal projection of ``weights`` onto the plane."""
        diff = np.asarray(weights, float) - self.origin
        D = self.directions
        return np.linalg.solve(D @ D.T, (diff @ D.T)[..., None])[..., 0]

    def _chunked(self, x, y, fn, shape):
        x, y = np.broadcast_arrays(np.asarray(x, float), np.asarray(y, float))
        flat_x, flat_y = x.ravel(), y.ravel()
        out = np.empty((flat_x.size, *shape))
        for k in range(0, flat_x.size, self.chunk):
            w = self.weights_at(flat_x[k:k + self.chunk], flat_y[k:k + self.chunk])
            out[k:k + self.chunk] = fn(w)
        return out.reshape(x.shape + shape)

    # -- the Surface interface -------------------------------------------------------------
    def _value(self, x, y):
        return self._chunked(x, y, lambda w: self.model.loss_value(w, self.X, self.T), ())

    def _grad(self, x, y):
        def projected(w):
            _, g = self.model.loss_and_grad(w, self.X, self.T)
            return g @ self.directions.T

        out = self._chunked(x, y, projected, (2,))
        return out[..., 0], out[..., 1]

    def _hessian(self, x, y):
        d1, d2 = self.directions

        def curvature(w):
            h1 = self.model.hvp(w, self.X, self.T, d1)
            h2 = self.model.hvp(w, self.X, self.T, d2)
            return np.stack([h1 @ d1, h1 @ d2, h2 @ d2], axis=-1)

        out = self._chunked(x, y, curvature, (3,))
        return out[..., 0], out[..., 1], out[..., 2]


def _window(trajectory: Array, margin: float = 0.25) -> Window:
    """``[-1, 1]^2`` grown to hold the trajectory, plus a margin of its extent."""
    lo, hi = np.full(2, -1.0), np.full(2, 1.0)
    if len(trajectory):
        finite = trajectory[np.isfinite(trajectory).all(axis=1)]
        if len(finite):
            t_lo, t_hi = finite.min(axis=0), finite.max(axis=0)
            pad = margin * np.maximum(t_hi - t_lo, 1e-12)
            lo, hi = np.minimum(lo, t_lo - pad), np.maximum(hi, t_hi + pad)
    return ((float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1])))


# ---------------------------------------------------------------------------------------------
# Directions
# ---------------------------------------------------------------------------------------------
def random_directions(model: MLP, weights: Array, seed: int = 0) -> tuple[Array, Array]:
    """Two filter-normalized Gaussian directions (Li et al. 2018); biases get 0."""
    rng = np.random.default_rng([int(seed), 4])
    return tuple(_filter_normalized(model, weights, rng) for _ in range(2))


def _filter_normalized(model: MLP, weights: Array, rng) -> Array:
    d = np.zeros(model.n_params)
    for (fan_in, fan_out), (sw, _) in zip(model.shapes, model.layer_slices(), strict=True):
        r = rng.standard_normal((fan_in, fan_out))
        W = weights[sw].reshape(fan_in, fan_out)
        r_norm = np.linalg.norm(r, axis=0)
        d[sw] = (r * (np.linalg.norm(W, axis=0) / np.where(r_norm > 0, r_norm, 1.0))).ravel()
    return d


def pca_directions(weights: Array, seed: int = 0) -> tuple[Array, Array, Array]:
    """The top two principal directions of the rows of ``weights`` and their variance ratios.

    If the rows span fewer than two dimensions (a straight path), the missing direction is a
    seeded random unit vector orthogonal to the others.
    """
    W = np.asarray(weights, float)
    _, s, vt = np.linalg.svd(W - W.mean(axis=0), full_matrices=False)
    total = float((s**2).sum())
    ratios = np.array([(s[k] ** 2 / total) if k < s.size and total > 0 else 0.0
                       for k in range(2)])
    rng = np.random.default_rng([int(seed), 5])
    basis: list[Array] = []
    for k in range(2):
        v = vt[k] if k < s.size and s[k] > 1e-12 * max(s[0], 1e-300) else None
        while v is None or np.linalg.norm(v) < 1e-8:
            v = rng.standard_normal(W.shape[1])
            v = v - sum((v @ u) * u for u in basis)
        basis.append(v / np.linalg.norm(v))
    return basis[0], basis[1], ratios


# ---------------------------------------------------------------------------------------------
# From a run
# ---------------------------------------------------------------------------------------------
def _origin_index(run: NetRun, step: int | None) -> int:
    if step is None:
        return len(run.weight_steps) - 1
    hits = np.flatnonzero(run.weight_steps == step)
    if not hits.size:
        raise ValueError(f"step {step} was not recorded (the weights of steps "
                         f"{run.weight_steps[:3].tolist()} ... {int(run.weight_steps[-1])} "
                         f"were; see run.weight_steps)")
    return int(hits[0])


def landscape(run: NetRun, directions: str = "random", step: int | None = None,
              seed: int = 0, window: Window | None = None) -> Landscape:
    """The loss landscape of a run around its weights at ``step`` (default: the last recorded).

    ``step`` must be one of ``run.weight_steps``. ``seed`` picks the random directions.
    """
    if directions not in DIRECTIONS:
        raise ValueError(f"Unknown directions '{directions}'. Valid directions: "
                         f"{', '.join(DIRECTIONS)}")
    k = _origin_index(run, step)
    origin = run.weights[k]
    if directions == "random":
        d1, d2 = random_directions(run.model, origin, seed)
        how = "two filter-normalized random directions (Li et al. 2018)"
    else:
        d1, d2, ratios = pca_directions(run.weights)
        how = (f"the top two PCA directions of the trajectory ({100 * ratios[0]:.1f}% and "
               f"{100 * ratios[1]:.1f}% of its variance)")
    surf = Landscape(run.model, run.data.X, run.T, origin, d1, d2, path=run.weights,
                     window=window,
                     title=f"Network loss landscape ({directions})",
                     description=(f"The training loss on the plane through the weights at step "
                                  f"{int(run.weight_steps[k])} (the point (0, 0)) spanned by "
                                  f"{how}. The path is the run's recorded weights projected "
                                  f"onto that plane."))
    return surf
