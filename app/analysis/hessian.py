"""Curvature at a point, the stability of a step size, optimal step sizes, sharpness traces.

Conventions (lessons P1, P2, P4, P10):

- **Eigenvalues** of the Hessian are listed in ascending order, ``eigenvalues[0] = lambda_min``,
  ``eigenvalues[1] = lambda_max`` (largest *algebraic* value, the steepest upward curvature).
  ``eigenvectors[:, i]`` (a column) belongs to ``eigenvalues[i]``; each is a unit vector whose
  x component is >= 0 (y > 0 if x is 0), so the sign is reproducible.
- **Condition number**: ``max |lambda| / min |lambda|`` (the ratio of the largest to the smallest
  *absolute* eigenvalue, so always >= 1), ``inf`` if an eigenvalue is exactly 0. At a convex point
  (both eigenvalues > 0) this is ``lambda_max / lambda_min``, the number that makes a valley
  narrow and gradient descent slow. At a **non-convex point** (a negative eigenvalue: a saddle
  or a hilltop) it still measures how unequal the curvatures are, but it no longer predicts a
  convergence rate: along a negative-curvature axis every step size moves *away* from the point
  (GD multiplies that coordinate by ``1 - lr * lambda > 1``). :attr:`Curvature.kind` says which
  case it is.
- **Stability** of a step size (:func:`stability`) is judged along the steepest axis, on the
  local quadratic model, by ``a = lr * lambda_max``; see :func:`stability` for the verdicts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.i18n import QT_TRANSLATE_NOOP, translate
from surfaces import Surface
from surfaces.params import whole_number

__all__ = [
    "Curvature",
    "curvature",
    "CurvatureMap",
    "curvature_map",
    "Stability",
    "stability",
    "stability_limit",
    "VERDICT_STABLE",
    "VERDICT_OSCILLATING",
    "VERDICT_EDGE",
    "VERDICT_DIVERGING",
    "VERDICT_NO_LIMIT",
    "VERDICT_UNDEFINED",
    "OptimalHyperparameters",
    "optimal_hyperparameters",
    "SharpnessTrace",
    "sharpness_trace",
]

VERDICT_STABLE = QT_TRANSLATE_NOOP("stability", "stable")
VERDICT_OSCILLATING = QT_TRANSLATE_NOOP("stability", "oscillating")
VERDICT_EDGE = QT_TRANSLATE_NOOP("stability", "on the edge (neither grows nor shrinks)")
VERDICT_DIVERGING = QT_TRANSLATE_NOOP("stability", "diverging")
VERDICT_NO_LIMIT = QT_TRANSLATE_NOOP("stability", "no limit (lambda_max <= 0)")
VERDICT_UNDEFINED = QT_TRANSLATE_NOOP("stability", "undefined (curvature not finite)")

#: ``lr * lambda_max`` within this relative distance of the limit counts as exactly on the edge
#: (the product of two floats is rounded; 1e-12 is far below any step size a user can set)
EDGE_TOLERANCE = 1e-12


def as_point(point: Any) -> np.ndarray:
    """``point`` as a float64 array of shape ``(2,)``; ``ValueError`` unless two finite numbers."""
    try:
        p = np.array(point, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"point must be two finite numbers x, y, got {point!r}") from None
    if p.shape != (2,) or not np.isfinite(p).all():
        raise ValueError(f"point must be two finite numbers x, y, got {point!r}")
    return p


def _check_lr(lr: Any) -> float:
    try:
        value = float(lr)
    except (TypeError, ValueError):
        raise ValueError(f"Invalid learning rate: {lr!r} (expected a finite number > 0)") from None
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"Invalid learning rate: {lr!r} (expected a finite number > 0)")
    return value


def _check_momentum(momentum: Any) -> float:
    try:
        value = float(momentum)
    except (TypeError, ValueError):
        raise ValueError(f"Invalid momentum value: {momentum!r} (expected >= 0 and < 1)") from None
    if not (0.0 <= value < 1.0):
        raise ValueError(f"Invalid momentum value: {momentum!r} (expected >= 0 and < 1)")
    return value


# --------------------------------------------------------------------------------------------
# Curvature at a point
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Curvature:
    """The second-order picture of a surface at one point.

    ``kind`` is ``"convex"`` (both eigenvalues > 0: curves up every way), ``"degenerate"``
    (lambda_min == 0, none negative: flat along an axis), ``"saddle"`` (one negative, one
    positive), ``"concave"`` (lambda_max <= 0 and lambda_min < 0: a hilltop or ridge) or
    ``"undefined"`` (the Hessian is not finite there: eigen-data are NaN).
    """

    point: np.ndarray  # (2,)
    value: float
    gradient: np.ndarray  # (2,)
    hessian: np.ndarray  # (2, 2)
    eigenvalues: np.ndarray  # (2,), ascending
    eigenvectors: np.ndarray  # (2, 2), column i belongs to eigenvalues[i]
    condition_number: float
    kind: str

    @property
    def lambda_min(self) -> float:
        return float(self.eigenvalues[0])

    @property
    def lambda_max(self) -> float:
        return float(self.eigenvalues[1])

    @property
    def non_convex(self) -> bool:
        """True at a saddle or hilltop (a negative eigenvalue)."""
        return self.kind in ("saddle", "concave")

    @property
    def gradient_norm(self) -> float:
        return float(np.hypot(*self.gradient))


def _condition_number(eigenvalues: np.ndarray) -> float:
    small, big = np.sort(np.abs(eigenvalues))
    if not (np.isfinite(small) and np.isfinite(big)):
        return math.nan
    if small == 0:
        return math.inf
    # |lambda| ratio of e.g. 1 / 1e-320 overflows: that is an infinite condition number
    return _safe_ratio(float(big), float(small))


def _safe_ratio(big: float, small: float) -> float:
    try:
        return big / small
    except OverflowError:
        return math.inf


def _kind(lo: float, hi: float) -> str:
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return "undefined"
    if lo > 0:
        return "convex"
    if lo == 0:
        return "degenerate" if hi >= 0 else "concave"
    return "saddle" if hi > 0 else "concave"


def _eigh(h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ascending eigenvalues and sign-normalized unit eigenvectors (columns) of a 2x2 matrix."""
    if not np.isfinite(h).all():
        return np.full(2, np.nan), np.full((2, 2), np.nan)
    values, vectors = np.linalg.eigh(h)
    for i in range(2):
        v = vectors[:, i]
        if v[0] < 0 or (v[0] == 0 and v[1] < 0):
            vectors[:, i] = -v
    return values, vectors


def curvature(surface: Surface, point: Any) -> Curvature:
    """Value, gradient, Hessian and its eigen-decomposition at ``point`` (two numbers x, y).

    >>> import surfaces
    >>> c = curvature(surfaces.get("quadratic", lambda1=1, lambda2=20), (1.0, 2.0))
    >>> c.eigenvalues.tolist(), c.condition_number, c.kind
    ([1.0, 20.0], 20.0, 'convex')
    """
    p = as_point(point)
    with np.errstate(all="ignore"):
        value = float(surface.value(p))
        gradient = np.asarray(surface.grad(p), dtype=np.float64).reshape(2)
        hessian = np.asarray(surface.hessian(p), dtype=np.float64).reshape(2, 2)
        eigenvalues, eigenvectors = _eigh(hessian)
    return Curvature(
        point=p,
        value=value,
        gradient=gradient,
        hessian=hessian,
        eigenvalues=eigenvalues,
        eigenvectors=eigenvectors,
        condition_number=_condition_number(eigenvalues),
        kind=_kind(float(eigenvalues[0]), float(eigenvalues[1])),
    )


@dataclass(frozen=True)
class CurvatureMap:
    """Hessian eigenvalues over a grid (for map views); ``[j, i]`` is ``(xs[i], ys[j])``.

    ``condition_number`` follows :func:`curvature`'s definition (``max|l| / min|l|``).
    ``max_stable_lr(limit)`` is ``limit / lambda_max`` (``inf`` where lambda_max <= 0): where the
    user's lr is above it, a GD step is locally unstable (limit 2; ``2 + 2 momentum`` for heavy
    ball).
    """

    xs: np.ndarray
    ys: np.ndarray
    lambda_min: np.ndarray
    lambda_max: np.ndarray
    condition_number: np.ndarray

    def max_stable_lr(self, limit: float = 2.0) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.where(self.lambda_max > 0, limit / self.lambda_max, np.inf)


def _eigvalsh_batched(h: np.ndarray) -> np.ndarray:
    """Ascending eigenvalues of a stack of symmetric 2x2 matrices ``(..., 2, 2)``; NaN if not
    finite."""
    out = np.full(h.shape[:-2] + (2,), np.nan)
    ok = np.isfinite(h).all(axis=(-1, -2))
    if ok.any():
        out[ok] = np.linalg.eigvalsh(h[ok])
    return out


#: the largest grid of :func:`curvature_map` (4096^2 Hessians would need gigabytes)
MAX_MAP_RESOLUTION = 2048


def curvature_map(surface: Surface, resolution: int = 128, window=None) -> CurvatureMap:
    """``lambda_min``, ``lambda_max`` and the condition number on a ``resolution`` square grid
    over ``window`` (default: the surface's window)."""
    if whole_number(resolution, lo=2, hi=MAX_MAP_RESOLUTION) is None:
        raise ValueError(f"Invalid resolution: {resolution!r} (expected a whole number from 2 "
                         f"to {MAX_MAP_RESOLUTION})")
    try:
        (x0, x1), (y0, y1) = window if window is not None else surface.window
        x0, x1, y0, y1 = (float(v) for v in (x0, x1, y0, y1))
    except (TypeError, ValueError):
        raise ValueError(f"window must be ((xmin, xmax), (ymin, ymax)), got {window!r}") from None
    if not all(np.isfinite((x0, x1, y0, y1))):  # linspace over inf warns and gives NaN
        raise ValueError(f"window must be finite, got {window!r}")
    xs = np.linspace(x0, x1, int(resolution))
    ys = np.linspace(y0, y1, int(resolution))
    pts = np.stack(np.meshgrid(xs, ys), axis=-1)
    with np.errstate(all="ignore"):
        ev = _eigvalsh_batched(surface.hessian(pts))
        absolute = np.sort(np.abs(ev), axis=-1)
        cond = np.where(absolute[..., 0] == 0, np.inf, absolute[..., 1] / absolute[..., 0])
    return CurvatureMap(xs, ys, ev[..., 0], ev[..., 1], cond)


# --------------------------------------------------------------------------------------------
# Stability of a step size
# --------------------------------------------------------------------------------------------
def stability_limit(momentum: float = 0.0, nesterov: bool = False) -> float:
    """The largest stable ``lr * lambda`` on a quadratic (exclusive).

    GD: 2. Heavy-ball momentum ``mu`` (torch's ``b = mu b + g; p -= lr b``): ``2 + 2 mu``.
    Nesterov (torch's form): ``2 (1 + mu) / (1 + 2 mu)``.
    """
    mu = _check_momentum(momentum)
    if nesterov:
        return 2.0 * (1.0 + mu) / (1.0 + 2.0 * mu)
    return 2.0 + 2.0 * mu


def _iteration(a: float, mu: float, nesterov: bool) -> tuple[float, float]:
    """Trace and determinant of the 2x2 iteration matrix of one eigen-direction, ``a = lr l``.

    Heavy ball: ``x+ = (1 + mu - a) x - mu x-``; Nesterov: ``x+ = (1 - a)(1 + mu) x - mu (1 - a)
    x-``; GD is ``mu = 0``. The characteristic polynomial is ``z^2 - T z + D``.
    """
    if nesterov:
        return (1.0 - a) * (1.0 + mu), mu * (1.0 - a)
    return 1.0 + mu - a, mu


@dataclass(frozen=True)
class Stability:
    """Whether one step size is stable along the steepest axis (see :func:`stability`)."""

    lr: float
    momentum: float
    nesterov: bool
    lambda_max: float
    lr_lambda_max: float  # lr * lambda_max
    limit: float  # 2, 2 + 2 momentum, or Nesterov's 2 (1 + mu) / (1 + 2 mu)
    max_stable_lr: float  # limit / lambda_max (inf if lambda_max <= 0)
    verdict: str
    #: per-step factor of the distance along the steepest axis (spectral radius of the iteration
    #: matrix): < 1 shrinks, 1 on the edge, > 1 grows
    contraction: float
    #: the iteration matrix's eigenvalues are complex (a spiral; momentum only)
    complex_roots: bool
    explanation: str

    @property
    def diverging(self) -> bool:
        return self.verdict == VERDICT_DIVERGING


def _fmt(x: float) -> str:
    return f"{x:.4g}"


def stability(lambda_max: float, lr: float, momentum: float = 0.0,
              nesterov: bool = False) -> Stability:
    """Judge ``lr`` against the curvature ``lambda_max`` on the local quadratic model.

    Along the steepest axis GD multiplies the distance to the minimum by ``1 - a`` each step,
    ``a = lr * lambda_max``. The verdicts (module constants ``VERDICT_*``):

    - ``"stable"``: ``0 < a <= 1``: monotone convergence along the steepest axis (no overshoot;
      at ``a = 1`` that axis is solved in one step);
    - ``"oscillating"``: ``1 < a < 2``: converging while bouncing from wall to wall (the factor
      ``1 - a`` is negative, ``|1 - a| < 1``);
    - ``"on the edge (neither grows nor shrinks)"``: ``a == 2`` (within a relative 1e-12): the
      bounce keeps its size forever;
    - ``"diverging"``: ``a > 2``: every bounce is larger than the last and the loss blows up;
    - ``"no limit (lambda_max <= 0)"``: the surface does not curve up along any axis here, so no
      step size is too large for stability (descent slides away; see :class:`Curvature`);
    - ``"undefined (curvature not finite)"``: ``lambda_max`` is NaN or infinite.

    With heavy-ball momentum ``mu`` (torch's convention ``b = mu b + g; p -= lr b``, the app's),
    one eigen-direction follows ``x+ = (1 + mu - a) x - mu x-``, a 2x2 linear iteration with
    characteristic polynomial ``z^2 - (1 + mu - a) z + mu``. It converges iff ``0 < a < 2 + 2
    mu`` (the *limit*), is "on the edge" at ``a = 2 + 2 mu`` and "diverging" above. Below the
    limit it is "oscillating" when the iteration matrix has complex eigenvalues (``(1 -
    sqrt(mu))^2 < a < (1 + sqrt(mu))^2``: a spiral whose radius shrinks by ``sqrt(mu)`` per step)
    or a negative real eigenvalue (``a >= (1 + sqrt(mu))^2``: sign flips every step, like GD's
    bounce), and "stable" when both eigenvalues are real and >= 0 (``a <= (1 - sqrt(mu))^2``).
    With ``mu = 0`` this is exactly the GD rule above. Nesterov (``nesterov=True``, torch's form)
    is analogous with ``z^2 - (1 - a)(1 + mu) z + mu (1 - a)`` and the limit ``2 (1 + mu) / (1 + 2
    mu)``. ``contraction`` is the spectral radius (the per-step factor).
    """
    lr = _check_lr(lr)
    mu = _check_momentum(momentum)
    nesterov = bool(nesterov)
    lam = float(lambda_max)
    limit = stability_limit(mu, nesterov)
    if mu > 0:
        name = (translate("stability", "Nesterov momentum") if nesterov
                else translate("stability", "momentum"))
    else:
        name = translate("stability", "gradient descent")
    with np.errstate(all="ignore"):
        a = lr * lam
        if not math.isfinite(a):
            return Stability(lr, mu, nesterov, lam, a, limit, math.nan, VERDICT_UNDEFINED,
                             math.nan, False,
                             translate("stability", "The curvature here is not a finite number."))
        max_lr = limit / lam if lam > 0 else math.inf
        t, d = _iteration(a, mu, nesterov)
        disc = t * t - 4.0 * d
        if disc < 0:
            complex_roots, radius, low_root = True, math.sqrt(d), math.nan
        else:
            root = math.sqrt(disc)
            z1, z2 = (t - root) / 2.0, (t + root) / 2.0
            complex_roots, radius, low_root = False, max(abs(z1), abs(z2)), z1
    a_text = f"lr * lambda_max = {_fmt(lr)} * {_fmt(lam)} = {_fmt(a)}"
    values = {"a_text": a_text, "limit": _fmt(limit), "name": name}
    if a <= 0:
        verdict = VERDICT_NO_LIMIT
        why = translate(
            "stability",
            "{a_text}: the surface does not curve up along any axis here, so no step "
            "size is too large for stability; descent slides along or away.").format(**values)
    elif math.isclose(a, limit, rel_tol=EDGE_TOLERANCE):
        verdict, radius = VERDICT_EDGE, 1.0
        why = translate(
            "stability",
            "{a_text} is exactly the limit {limit} of {name}: along the steepest axis "
            "the path bounces between the walls forever, neither growing nor shrinking."
        ).format(**values)
    elif a > limit:
        verdict = VERDICT_DIVERGING
        why = translate(
            "stability",
            "{a_text} is above the limit {limit} of {name}: each step overshoots by more "
            "than it corrects, the bounces grow by a factor {radius} per step and the "
            "loss blows up. Largest stable lr here: {max_lr}.").format(
            radius=_fmt(radius), max_lr=_fmt(max_lr), **values)
    elif complex_roots or low_root < 0:
        verdict = VERDICT_OSCILLATING
        why = (translate(
            "stability", "{a_text} is below the limit {limit} of {name} but the path "
                         "overshoots: it spirals in along the steepest axis while converging "
                         "(factor {radius} per step).")
               if complex_roots else translate(
            "stability", "{a_text} is below the limit {limit} of {name} but the path "
                         "overshoots: it bounces from wall to wall along the steepest axis "
                         "while converging (factor {radius} per step).")
               ).format(radius=_fmt(radius), **values)
    else:
        verdict = VERDICT_STABLE
        why = translate(
            "stability",
            "{a_text}: along the steepest axis each step moves toward the minimum "
            "without overshooting (factor {radius} per step; limit {limit})."
        ).format(radius=_fmt(radius), **values)
    return Stability(lr, mu, nesterov, lam, a, limit, max_lr, verdict, float(radius),
                     complex_roots, why)


# --------------------------------------------------------------------------------------------
# Optimal step sizes on a quadratic
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OptimalHyperparameters:
    """The best constant hyperparameters on a quadratic with eigenvalues ``l1 <= l2``.

    Gradient descent: ``gd_lr = 2 / (l1 + l2)`` balances the two axes; both shrink by
    ``gd_rate = (kappa - 1) / (kappa + 1)`` per step (``kappa = l2 / l1``).

    Heavy-ball momentum (Goh, "Why Momentum Really Works", 2017): ``momentum_lr = (2 / (sqrt(l1)
    + sqrt(l2)))^2`` and ``momentum = ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2`` give the rate
    ``momentum_rate = (sqrt(kappa) - 1) / (sqrt(kappa) + 1)`` per step (square root of the
    kappa dependence of GD). Goh writes ``z = beta z + grad f(w); w = w - alpha z``, which is
    torch's (and Descent Lab's) convention ``b = momentum b + g; p = p - lr b``, so the values
    apply as they are. The Sutskever form ``v = mu v - lr g; p = p + v`` takes the same steps
    while lr is constant, but differs once a schedule changes lr (it keeps old steps scaled by
    the old lr, torch rescales the whole buffer by the new one).
    """

    lambda_min: float
    lambda_max: float
    condition_number: float
    gd_lr: float
    gd_rate: float
    momentum_lr: float
    momentum: float
    momentum_rate: float


def optimal_hyperparameters(source: Any, point: Any = None) -> OptimalHyperparameters:
    """Optimal GD and heavy-ball settings for a quadratic.

    ``source`` is a pair of eigenvalues ``(lambda1, lambda2)``, the ``quadratic`` surface (its
    ``lambda1``/``lambda2`` parameters), or any surface together with ``point`` (the local
    quadratic model: the Hessian's eigenvalues there). ``ValueError`` unless both eigenvalues
    are finite and > 0.
    """
    if isinstance(source, Surface):
        if point is not None:
            l1, l2 = curvature(source, point).eigenvalues
        elif source.name == "quadratic":
            l1, l2 = source.params["lambda1"], source.params["lambda2"]
        else:
            raise ValueError(f"surface '{source.name}' is not a quadratic: give a point")
    else:
        try:
            l1, l2 = (float(v) for v in source)
        except (TypeError, ValueError):
            raise ValueError(f"expected two eigenvalues or a surface, got {source!r}") from None
    l1, l2 = sorted((float(l1), float(l2)))
    if not (math.isfinite(l1) and math.isfinite(l2) and l1 > 0):
        raise ValueError(f"optimal step sizes need two eigenvalues > 0 (a convex quadratic), "
                         f"got {l1:g} and {l2:g}")
    kappa = l2 / l1
    root = math.sqrt(kappa)
    rate = (root - 1.0) / (root + 1.0)
    return OptimalHyperparameters(
        lambda_min=l1,
        lambda_max=l2,
        condition_number=kappa,
        gd_lr=2.0 / (l1 + l2),
        gd_rate=(kappa - 1.0) / (kappa + 1.0),
        momentum_lr=(2.0 / (math.sqrt(l1) + math.sqrt(l2))) ** 2,
        momentum=rate * rate,
        momentum_rate=rate,
    )


# --------------------------------------------------------------------------------------------
# Sharpness along a trajectory
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SharpnessTrace:
    """``lambda_max`` along trajectories and the edge-of-stability line.

    Row ``t`` is the point after ``t`` updates. ``lr[t]`` is the learning rate of the update that
    *leaves* that point (``lr[steps]`` repeats the last one), ``edge[t] = limit / lr[t]`` (limit
    2 for GD: where ``lambda_max`` crosses above ``edge`` the step is locally unstable, Cohen et
    al.'s "edge of stability"). Steps at and after a run's ``diverged_at`` are NaN.
    """

    steps: np.ndarray  # (T + 1,)
    lambda_max: np.ndarray  # (T + 1, N)
    lambda_min: np.ndarray  # (T + 1, N)
    lr: np.ndarray  # (T + 1,)
    limit: float
    edge: np.ndarray  # (T + 1,)
    lr_lambda_max: np.ndarray  # (T + 1, N)


def sharpness_trace(surface: Surface, trajectories: Any, momentum: float = 0.0,
                    nesterov: bool = False) -> SharpnessTrace:
    """Hessian eigenvalues at every point of ``trajectories`` (an :class:`app.engine.
    Trajectories`), with ``2 / lr(t)`` (or the momentum limit over lr) as the edge line."""
    limit = stability_limit(momentum, nesterov)
    points = np.asarray(trajectories.points, dtype=np.float64)
    n_steps = points.shape[0] - 1
    lr_used = np.asarray(trajectories.lr, dtype=np.float64)
    if lr_used.ndim == 1:
        lr_used = lr_used[:, None]  # one lr for every point (else one per point: on a plateau)
    lr_all = (np.concatenate([lr_used, lr_used[-1:]]) if lr_used.size
              else np.full((1, 1), np.nan))
    lr = lr_all[:, 0]  # the edge line follows the first start point's lr
    with np.errstate(all="ignore"):
        ev = _eigvalsh_batched(surface.hessian(points))
        t = np.arange(n_steps + 1)[:, None]
        div = np.asarray(trajectories.diverged_at)[None, :]
        gone = (div >= 0) & (t >= div)
        ev[gone] = np.nan
        edge = limit / lr
        lr_lambda = lr_all * ev[..., 1]
    return SharpnessTrace(np.arange(n_steps + 1), ev[..., 1], ev[..., 0], lr, limit, edge,
                          lr_lambda)
