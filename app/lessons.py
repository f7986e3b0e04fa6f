"""Measurements on trajectories that the built-in lessons are judged by (pure numpy, no Qt).

Each built-in scenario in ``assets/scenarios/`` shows one phenomenon (lessons P1-P10); these
helpers turn "the path bursts", "the point never moves", "Nesterov arrives sooner" into numbers
that a test, the CLI or a report can check. All take plain arrays, e.g. one start point's path
``run.trajectories.points[:, i]`` of shape ``(steps + 1, 2)``.

>>> import numpy as np
>>> path = np.array([[0.0, 1.0], [0.0, -0.5], [0.0, 0.25], [0.0, 0.0]])
>>> step_lengths(path).tolist()
[1.5, 0.75, 0.25]
>>> sign_flips(path[:, 1])
2
>>> steps_to_reach(path, (0.0, 0.0), tol=0.3)
2
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = [
    "step_lengths",
    "path_length",
    "distances",
    "steps_to_reach",
    "sign_flips",
    "longest_run",
    "bursts",
    "gradient_jump_ratios",
]


def step_lengths(path: Any) -> np.ndarray:
    """``|p_{k+1} - p_k|`` for a path of shape ``(steps + 1, 2)``: shape ``(steps,)``."""
    p = np.asarray(path, dtype=float)
    return np.linalg.norm(np.diff(p, axis=0), axis=-1)


def path_length(path: Any) -> float:
    """Total distance travelled along the path (0 for a point that never moves)."""
    return float(step_lengths(path).sum())


def distances(path: Any, target: Any) -> np.ndarray:
    """Distance of every point of the path to ``target`` (e.g. the minimum)."""
    p = np.asarray(path, dtype=float)
    return np.linalg.norm(p - np.asarray(target, dtype=float), axis=-1)


def steps_to_reach(path: Any, target: Any, tol: float) -> int | None:
    """The first step from which the path stays within ``tol`` of ``target`` to the end.

    ``None`` if it is not within ``tol`` at the last step. Staying (not just touching) is what
    "arrived" means for a path that overshoots and comes back.
    """
    inside = distances(path, target) < tol
    if not inside[-1]:
        return None
    outside = np.nonzero(~inside)[0]
    return int(outside[-1] + 1) if outside.size else 0


def sign_flips(values: Any, min_abs: float = 0.0) -> int:
    """How often consecutive values change sign (both nonzero), e.g. ``y`` crossing a crease.

    With ``min_abs`` a flip counts only if the new value's magnitude is above it (so a value
    decaying through tiny oscillations around 0 is not counted as hopping across).
    """
    v = np.asarray(values, dtype=float)
    flips = (np.sign(v[1:]) * np.sign(v[:-1]) < 0) & (np.abs(v[1:]) > min_abs)
    return int(flips.sum())


def longest_run(mask: Any) -> tuple[int, int]:
    """``(length, start)`` of the longest stretch of consecutive True values (``(0, 0)``: none)."""
    m = np.concatenate([[False], np.asarray(mask, dtype=bool), [False]])
    edges = np.flatnonzero(np.diff(m.astype(np.int8)))
    if edges.size == 0:
        return 0, 0
    starts, ends = edges[::2], edges[1::2]
    i = int(np.argmax(ends - starts))
    return int(ends[i] - starts[i]), int(starts[i])


def bursts(path: Any, quiet: int = 100, factor: float = 10.0, min_length: float = 0.0
           ) -> list[int]:
    """Steps at which the path bursts: a step longer than ``factor`` times the median step of
    the ``quiet`` steps before it (and longer than ``min_length``).

    Returns the update index ``k`` (the step from ``p_k`` to ``p_{k+1}``) at which each burst
    starts; after a burst the next ``quiet`` steps are skipped, so one burst is counted once.
    """
    s = step_lengths(path)
    found: list[int] = []
    k = quiet
    while k < s.size:
        if s[k] > min_length and s[k] > factor * np.median(s[k - quiet:k]):
            found.append(k)
            k += quiet
        else:
            k += 1
    return found


def gradient_jump_ratios(surface, path: Any, samples: int = 33) -> np.ndarray:
    """Per step, ``|g(p_{k+1}) - g(p_k)|`` over the most it could be for a smooth surface.

    By the mean value theorem a twice-differentiable surface has ``|g(b) - g(a)| <= max |H| *
    |b - a|``, the maximum of the Hessian's spectral norm over the segment (sampled at
    ``samples`` points). So on a smooth surface the ratio is at most about 1; a ratio well
    above 1 means the gradient jumped: the step crossed a kink (lesson P8). NaN for steps of
    length 0.
    """
    p = np.asarray(path, dtype=float)
    g = surface.grad(p)
    dg = np.linalg.norm(np.diff(g, axis=0), axis=-1)
    dp = step_lengths(p)
    t = np.linspace(0.0, 1.0, samples)
    seg = p[:-1, None, :] + t[None, :, None] * (p[1:] - p[:-1])[:, None, :]
    h_max = np.linalg.norm(surface.hessian(seg), ord=2, axis=(-2, -1)).max(axis=1)
    with np.errstate(all="ignore"):
        return np.where(dp > 0, dg / (h_max * dp), np.nan)
