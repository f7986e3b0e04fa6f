"""The trajectory engine: run one optimizer from many start points at once.

:func:`simulate` returns a :class:`Trajectories` of plain arrays that the UI draws, the CLI prints
and the tests check. It is vectorized over start points (N points cost one numpy call per step)
and never raises on divergence: a point whose loss becomes non-finite or exceeds the surface's
blow-up bound (``surface.blowup``, 1e12 unless the family says otherwise), or whose position or
gradient becomes non-finite, is frozen at its last good position and marked ``diverged_at = k``
(the step at which it blew up). numpy's floating-point warnings are contained, never printed.

>>> import surfaces
>>> from app import optimizers
>>> bowl = surfaces.get("quadratic", lambda1=1, lambda2=20)
>>> run = simulate(bowl, optimizers.make("gd", lr=0.12), [[1.0, 1.0]], steps=50)
>>> int(run.diverged_at[0]) > 0
True
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.optimizers import Optimizer
from app.schedules import Schedule
from surfaces import Surface

__all__ = ["Noise", "Trajectories", "simulate", "iterate", "Step"]


@dataclass(frozen=True)
class Noise:
    """Seeded Gaussian gradient noise (lesson P3): ``g + sigma * N(0, I)``.

    The same seed gives the same run; every start point gets its own independent noise, and a
    point's noise does not change when points are added after it.
    """

    sigma: float = 0.0
    seed: int = 0

    def __post_init__(self):
        if not (np.isfinite(self.sigma) and self.sigma >= 0):
            raise ValueError(f"Invalid noise sigma: {self.sigma} (expected a finite number >= 0)")
        if int(self.seed) != self.seed or self.seed < 0:
            raise ValueError(f"Invalid noise seed: {self.seed} (expected a whole number >= 0)")

    def sample(self, step: int, shape: tuple[int, ...]) -> np.ndarray:
        """The noise added at ``step`` (one independent counter-based stream per step)."""
        rng = np.random.Generator(np.random.Philox(key=[int(self.seed), int(step)]))
        return self.sigma * rng.standard_normal(shape)


@dataclass(frozen=True)
class Trajectories:
    """What one optimizer did from N start points over ``steps`` updates.

    - ``points``: ``(steps + 1, N, 2)``, row 0 the start points;
    - ``loss``, ``grad_norm``: ``(steps + 1, N)``, loss and |gradient| at each point (the true
      gradient, without noise);
    - ``lr``: ``(steps,)``, the learning rate used by update ``t`` (``lr * schedule(t)``);
    - ``diverged_at``: ``(N,)``, -1 or the step at which the run blew up. From that step on the
      point, its loss and |g| stay frozen at their last good values, so every array is finite
      (unless the start point itself is invalid: ``diverged_at == 0``, loss NaN).
    """

    points: np.ndarray
    loss: np.ndarray
    grad_norm: np.ndarray
    lr: np.ndarray
    diverged_at: np.ndarray

    @property
    def steps(self) -> int:
        return self.points.shape[0] - 1

    @property
    def n(self) -> int:
        return self.points.shape[1]

    @property
    def diverged(self) -> np.ndarray:
        return self.diverged_at >= 0

    def last_good_step(self) -> np.ndarray:
        """Per run, the last step whose point is a real iterate (``steps`` if not diverged)."""
        return np.where(self.diverged_at >= 0, np.maximum(self.diverged_at - 1, 0), self.steps)


@dataclass
class Step:
    """One step of :func:`iterate`: the state after ``step`` updates (``step = 0``: the starts)."""

    step: int
    points: np.ndarray
    loss: np.ndarray
    grad: np.ndarray
    lr: float
    diverged_at: np.ndarray
    state: Any


def _check_inputs(starts: Any, steps: int) -> np.ndarray:
    if isinstance(steps, bool) or int(steps) != steps or steps <= 0:
        raise ValueError(f"Invalid number of steps: {steps} (expected a whole number > 0)")
    p = np.array(starts, dtype=np.float64)
    if p.ndim == 1:
        p = p[None, :]
    if p.ndim != 2 or p.shape[1] != 2:
        raise ValueError(f"start points must have shape (N, 2), got {np.shape(starts)}")
    if not np.isfinite(p).all():
        raise ValueError("start points must be finite numbers")
    return p


def iterate(
    surface: Surface,
    optimizer: Optimizer,
    starts: Any,
    steps: int,
    schedule: Schedule | None = None,
    noise: Noise | None = None,
) -> Iterator[Step]:
    """Yield the state after 0, 1, ..., ``steps`` updates; the core loop of :func:`simulate`.

    Use it when only some steps are needed (maps, long runs): nothing is stored.
    """
    p = _check_inputs(starts, steps)
    steps = int(steps)
    factors = schedule(np.arange(steps)) if schedule is not None else np.ones(steps)
    lrs = optimizer.lr * factors
    blowup = float(getattr(surface, "blowup", 1e12))
    noisy = noise is not None and noise.sigma > 0

    with np.errstate(all="ignore"):
        loss = surface.value(p)
        g = surface.grad(p)
        diverged_at = np.full(p.shape[0], -1, dtype=np.int64)
        bad = ~np.isfinite(loss) | (loss > blowup) | ~np.isfinite(g).all(axis=1)
        diverged_at[bad] = 0
        state = optimizer.init(p)
        yield Step(0, p, loss, g, float(lrs[0]), diverged_at, state)

        for k in range(steps):
            alive = diverged_at < 0
            g_used = g + noise.sample(k, g.shape) if noisy else g
            new_p, state = optimizer.update(g_used, state, p, lrs[k])
            new_loss = surface.value(new_p)
            new_g = surface.grad(new_p)
            bad = alive & (
                ~np.isfinite(new_p).all(axis=1)
                | ~np.isfinite(new_loss)
                | (new_loss > blowup)
                | ~np.isfinite(new_g).all(axis=1)
            )
            diverged_at = np.where(bad, k + 1, diverged_at)
            keep = (diverged_at >= 0)[:, None]
            p = np.where(keep, p, new_p)
            loss = np.where(keep[:, 0], loss, new_loss)
            g = np.where(keep, g, new_g)
            lr_next = float(lrs[k + 1]) if k + 1 < steps else float(lrs[k])
            yield Step(k + 1, p, loss, g, lr_next, diverged_at, state)


def simulate(
    surface: Surface,
    optimizer: Optimizer,
    starts: Any,
    steps: int,
    schedule: Schedule | None = None,
    noise: Noise | None = None,
) -> Trajectories:
    """Run ``optimizer`` on ``surface`` from each start point for ``steps`` updates.

    ``starts`` has shape ``(N, 2)`` (or ``(2,)`` for one point). The learning rate of update
    ``t`` is ``optimizer.lr * schedule(t)``. Raises ``ValueError`` only for invalid arguments
    (``steps <= 0``, non-finite or misshapen starts), never for a diverging run.
    """
    p0 = _check_inputs(starts, steps)
    n, steps = p0.shape[0], int(steps)
    points = np.empty((steps + 1, n, 2))
    loss = np.empty((steps + 1, n))
    grad_norm = np.empty((steps + 1, n))
    diverged_at = np.full(n, -1, dtype=np.int64)
    with np.errstate(all="ignore"):
        for s in iterate(surface, optimizer, p0, steps, schedule, noise):
            points[s.step] = s.points
            loss[s.step] = s.loss
            grad_norm[s.step] = np.hypot(s.grad[:, 0], s.grad[:, 1])
            diverged_at = s.diverged_at
    factors = schedule(np.arange(steps)) if schedule is not None else np.ones(steps)
    return Trajectories(points, loss, grad_norm, optimizer.lr * factors, diverged_at)
