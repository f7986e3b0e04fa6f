"""Mini-batch gradient noise on a finite-sum surface, in theory (lesson P3; no Qt).

A finite-sum surface is ``f = (1/n) sum_i l_i``. A batch ``B`` of ``b`` examples drawn without
replacement gives ``g_B = (1/b) sum_{i in B} grad l_i``, whose mean over all batches is the full
gradient and whose covariance is the finite-population formula

    Cov[g_B] = (n - b) / (b (n - 1)) * S,    S = (1/n) sum_i (g_i - g)(g_i - g)^T

(zero for the full batch ``b = n``; ``S / b`` for ``b << n``). The noise therefore depends on
where the point is and points along the directions in which the examples disagree: an ellipse,
not the circle of isotropic Gaussian noise.

Near a minimum ``p*`` with Hessian ``H``, gradient descent with step ``lr`` and independent
batches is the linear recursion ``d' = (I - lr H) d - lr xi``, whose stationary covariance
solves the discrete Lyapunov equation ``Sigma = A Sigma A^T + lr^2 C`` (``A = I - lr H``,
``C = Cov[g_B](p*)``): the cloud SGD wanders in, :func:`stationary_covariance`. Batches drawn
without replacement within an epoch are slightly anti-correlated (each epoch's noise sums to
zero), which makes the real cloud a little smaller than this prediction.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

__all__ = ["batch_covariance", "stationary_covariance", "StationaryCloud", "stationary_cloud",
           "ellipse", "NoiseEllipses", "noise_ellipses"]


def batch_covariance(surface: Any, points: Any, batch_size: int) -> np.ndarray:
    """``Cov[g_B]`` at ``points`` ``(..., 2)`` for batches of ``batch_size``: ``(..., 2, 2)``."""
    g = surface.example_grads(points)  # (..., n, 2)
    n = g.shape[-2]
    b = min(int(batch_size), n)
    d = g - g.mean(axis=-2, keepdims=True)
    s = np.einsum("...ia,...ib->...ab", d, d) / n
    factor = 0.0 if n == 1 else (n - b) / (b * (n - 1))
    return factor * s


def stationary_covariance(hessian: Any, noise_cov: Any, lr: float) -> np.ndarray:
    """``Sigma`` with ``Sigma = A Sigma A^T + lr^2 C``, ``A = I - lr H`` (2 x 2 each).

    NaN where no stationary cloud exists (``lr * lambda`` outside ``(0, 2)`` for an eigenvalue
    of ``H``: the iterates leave or never contract)."""
    h = np.asarray(hessian, dtype=float)
    c = np.asarray(noise_cov, dtype=float)
    a = np.eye(2) - lr * h
    radius = np.max(np.abs(np.linalg.eigvals(a)))
    if not radius < 1:
        return np.full((2, 2), np.nan)
    system = np.eye(4) - np.kron(a, a)  # vec(A S A^T) = (A kron A) vec(S), row-major vec
    sigma = np.linalg.solve(system, (lr * lr * c).reshape(4)).reshape(2, 2)
    return 0.5 * (sigma + sigma.T)


class StationaryCloud(NamedTuple):
    """The cloud plain SGD settles in around ``center`` (a minimum): its covariance, and the
    gradient-noise covariance there that makes it."""

    center: np.ndarray
    covariance: np.ndarray
    noise_covariance: np.ndarray


def stationary_cloud(surface: Any, center: Any, lr: float, batch_size: int) -> StationaryCloud:
    """:func:`stationary_covariance` at ``center`` with the surface's Hessian and batch noise."""
    p = np.asarray(center, dtype=float).reshape(2)
    c = batch_covariance(surface, p, batch_size)
    h = surface.hessian(p)
    return StationaryCloud(p, stationary_covariance(h, c, lr), c)


def ellipse(center: Any, cov: Any, scale: float = 2.0, n: int = 65) -> np.ndarray:
    """``n`` points ``(n, 2)`` (closed: first = last) of ``{center + scale L u : |u| = 1}`` with
    ``cov = L L^T``: the ``scale``-sigma contour of a Gaussian with covariance ``cov``. NaN if
    ``cov`` is not finite."""
    cov = np.asarray(cov, dtype=float)
    if not np.isfinite(cov).all():
        return np.full((n, 2), np.nan)
    vals, vecs = np.linalg.eigh(0.5 * (cov + cov.T))
    axes = vecs * np.sqrt(np.clip(vals, 0.0, None))  # columns: the semi-axes
    angle = np.linspace(0.0, 2.0 * np.pi, n)
    circle = np.stack([np.cos(angle), np.sin(angle)])
    out = np.asarray(center, dtype=float).reshape(1, 2) + scale * (axes @ circle).T
    out[-1] = out[0]
    return out


class NoiseEllipses(NamedTuple):
    """What the surface view draws for a racer with mini-batches at one step (data units):
    ``step``: for each start point, the ``scale``-sigma ellipse of where its next SGD step
    lands (centre ``p - lr g``, covariance ``lr^2 Cov[g_B]``), NaN rows between points;
    ``cloud``: the stationary cloud around the minimum nearest the run's last point (plain
    gradient descent only; an empty array otherwise)."""

    step: np.ndarray
    cloud: np.ndarray


def noise_ellipses(surface: Any, run: Any, step: int, scale: float = 2.0) -> NoiseEllipses | None:
    """:class:`NoiseEllipses` of ``run`` (a :class:`app.scenario.RacerRun`) at ``step``, or None
    if it has no mini-batches (or the surface is not a finite sum)."""
    batch = getattr(run, "batch", None)
    if batch is None or not getattr(surface, "finite_sum", False):
        return None
    traj, b = run.trajectories, int(batch.batch_size)
    k = int(min(max(step, 0), traj.steps - 1))
    pieces = []
    with np.errstate(all="ignore"):
        for i in range(traj.n):
            if 0 <= traj.diverged_at[i] <= step:
                continue
            p = traj.points[step, i]
            lr = float(traj.lr_of(i)[k])
            cov = lr * lr * batch_covariance(surface, p, b)
            pieces += [ellipse(p - lr * surface.grad(p), cov, scale), np.full((1, 2), np.nan)]
        cloud = np.empty((0, 2))
        opt = run.racer.build()[0]
        plain = opt.name == "gd" or (opt.name == "sgd" and not opt.hyper.get("momentum"))
        minima = np.asarray(surface.minima).reshape(-1, 2)
        if plain and len(minima) and traj.n:
            last = traj.points[-1, 0]
            m = minima[np.argmin(np.linalg.norm(minima - last, axis=1))]
            c = stationary_cloud(surface, m, float(opt.lr), b)
            if np.isfinite(c.covariance).all():
                cloud = ellipse(m, c.covariance, scale)
    step_xy = np.concatenate(pieces) if pieces else np.empty((0, 2))
    return NoiseEllipses(step_xy, cloud)
