"""Stability maps: many runs at once, one number per cell (lessons P1, P4, P10).

- :func:`hyperparameter_map`: one start point, a grid of learning rates (columns, usually
  log-spaced) times a second hyperparameter (rows: ``momentum`` for gd/momentum/nesterov/sgd,
  ``beta1`` for adam/adamw, or any other numeric hyperparameter). Per cell: the number of steps
  until the run reaches the tolerance, or a code.
- :func:`basin_map`: one optimizer, a grid of start points over the surface's window. Per cell:
  which minimum the run reaches (index into ``surface.minima``), and in how many steps.

**Cell codes** (``steps_to_converge``): ``k >= 0`` converged after ``k`` updates (0: the start
already meets the tolerance); :data:`DIVERGED` (-1): the run blew up exactly as
:func:`app.engine.simulate` defines it (loss, position or gradient not finite, or loss above
``surface.blowup``), at step ``diverged_at``; :data:`NOT_CONVERGED` (-2): neither within
``steps`` updates. ``minimum`` (basin map): index of the minimum reached, or :data:`NO_MINIMUM`
(-1) if none was (diverged or not converged).

**Convergence criterion** (``criterion``), first step at which it holds (first hitting time: a
momentum run that passes through the tolerance and leaves again counts as converged there):

- ``"distance"`` (default): the distance to the nearest known minimum is below ``tol``
  (computed as squared distance < ``tol**2``), in the surface's coordinates;
- ``"loss"``: ``loss - f_min < tol`` with ``f_min`` the lowest value at the known minima;
- ``"gradient"``: ``|gradient| < tol`` (works without known minima; also stops at saddles).

Each cell follows the same arithmetic as :func:`app.engine.simulate` with the same optimizer (the
update equations of :mod:`app.optimizers`, per-cell hyperparameters elementwise), so a cell equals
the run the app would show; no gradient noise. Performance: cells run in chunks of
``chunk_size`` (8192 keeps every temporary array in the allocator's fast path), nothing is stored
per step, finished cells are dropped, and a chunk stops when all its cells are done.

**Progress and cancel**: ``progress(done_fraction) -> bool`` is called with a fraction in [0, 1]
(monotone, about every 32 steps and at the end of each chunk, last call 1.0). Returning exactly
``False`` cancels: the function then returns ``None`` (``True`` or ``None`` continue).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from app import optimizers
from app.optimizers import Optimizer
from app.schedules import Schedule
from surfaces import Surface

from .hessian import as_point

__all__ = [
    "DIVERGED",
    "NOT_CONVERGED",
    "NO_MINIMUM",
    "CRITERIA",
    "HyperparameterMap",
    "BasinMap",
    "hyperparameter_map",
    "basin_map",
]

DIVERGED = -1
NOT_CONVERGED = -2
NO_MINIMUM = -1
CRITERIA = ("distance", "loss", "gradient")

DEFAULT_CHUNK = 8192
#: limits that keep a map's arrays (steps long, or resolution^2 cells) within memory
MAX_STEPS = 1_000_000
MAX_RESOLUTION = 4096
_REPORT_EVERY = 32
_SGD_FAMILY = ("gd", "momentum", "nesterov", "sgd")
_ADAM_FAMILY = ("adam", "adamw")

Progress = Callable[[float], Any]


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HyperparameterMap:
    """Steps to converge over ``lrs`` (columns ``i``) x ``values`` of ``param`` (rows ``j``).

    Arrays are ``(len(values), len(lrs))``, cell ``[j, i]`` ran with ``lr = lrs[i]`` and
    ``param = values[j]``. Without a row parameter (``param is None``) there is one row and
    ``values == [nan]``. ``hyper`` holds the other (fixed) hyperparameters.
    """

    surface: str
    optimizer: str
    hyper: Mapping[str, Any]
    start: np.ndarray  # (2,)
    lrs: np.ndarray  # (n,)
    param: str | None
    values: np.ndarray  # (m,)
    steps_to_converge: np.ndarray  # (m, n) int64: k >= 0, DIVERGED or NOT_CONVERGED
    diverged_at: np.ndarray  # (m, n) int64: -1 or the step the run blew up
    final_loss: np.ndarray  # (m, n): at convergence, at the last good point, or at the end
    steps: int
    criterion: str
    tol: float

    @property
    def diverged(self) -> np.ndarray:
        return self.steps_to_converge == DIVERGED

    @property
    def converged(self) -> np.ndarray:
        return self.steps_to_converge >= 0


@dataclass(frozen=True)
class BasinMap:
    """Which minimum each start point reaches; ``[j, i]`` starts at ``(xs[i], ys[j])``.

    ``minimum`` is an index into ``minima`` or ``NO_MINIMUM``; ``steps_to_converge`` uses the
    module's cell codes; ``final_points`` are where the runs ended (at convergence, the last good
    point of a diverged run, or after ``steps``).
    """

    surface: str
    optimizer: str
    hyper: Mapping[str, Any]
    xs: np.ndarray  # (n,)
    ys: np.ndarray  # (m,)
    minima: np.ndarray  # (k, 2)
    minimum: np.ndarray  # (m, n) int64
    steps_to_converge: np.ndarray  # (m, n) int64
    diverged_at: np.ndarray  # (m, n) int64
    final_points: np.ndarray  # (m, n, 2)
    final_loss: np.ndarray  # (m, n)
    steps: int
    tol: float

    @property
    def diverged(self) -> np.ndarray:
        return self.steps_to_converge == DIVERGED


# --------------------------------------------------------------------------------------------
# Surface evaluation on separate x / y arrays (contiguous arrays are ~2x faster than (N, 2))
# --------------------------------------------------------------------------------------------
def _evaluator(surface: Surface):
    cls = type(surface)
    if cls.value is Surface.value and cls.grad is Surface.grad:
        # The family's own elementwise functions (the documented contract of a family).
        def evaluate(x, y):
            f = np.asarray(surface._value(x, y), dtype=np.float64)
            gx, gy = surface._grad(x, y)
            gx = np.asarray(gx, dtype=np.float64)
            gy = np.asarray(gy, dtype=np.float64)
            if f.shape != x.shape:
                f = np.broadcast_to(f, x.shape)
            if gx.shape != x.shape:
                gx = np.broadcast_to(gx, x.shape)
            if gy.shape != x.shape:
                gy = np.broadcast_to(gy, x.shape)
            return f, gx, gy
    else:
        def evaluate(x, y):
            p = np.stack((x, y), axis=-1)
            g = surface.grad(p)
            return surface.value(p), np.ascontiguousarray(g[:, 0]), np.ascontiguousarray(g[:, 1])
    return evaluate


def _bad(x, y, f, gx, gy, blowup: float) -> np.ndarray:
    """The engine's divergence test, elementwise."""
    ok = np.isfinite(f)
    ok &= f <= blowup
    ok &= np.isfinite(x)
    ok &= np.isfinite(y)
    ok &= np.isfinite(gx)
    ok &= np.isfinite(gy)
    return ~ok


# --------------------------------------------------------------------------------------------
# Convergence criteria
# --------------------------------------------------------------------------------------------
class _Criterion:
    def __init__(self, surface: Surface, criterion: str, tol: float):
        if criterion not in CRITERIA:
            raise ValueError(f"Unknown criterion '{criterion}'. Valid criteria: "
                             f"{', '.join(CRITERIA)}")
        try:
            tol = float(tol)
        except (TypeError, ValueError):
            raise ValueError(f"Invalid tolerance: {tol!r} (expected a finite number > 0)") from None
        if not (math.isfinite(tol) and tol > 0):
            raise ValueError(f"Invalid tolerance: {tol!r} (expected a finite number > 0)")
        self.kind, self.tol, self.tol2 = criterion, tol, tol * tol
        self.minima = np.asarray(surface.minima, dtype=np.float64).reshape(-1, 2)
        if criterion in ("distance", "loss") and len(self.minima) == 0:
            raise ValueError(f"surface '{surface.name}' has no known minima: use "
                             "criterion='gradient'")
        if criterion == "loss":
            with np.errstate(all="ignore"):
                self.f_min = float(np.min(surface.value(self.minima)))

    def __call__(self, x, y, f, gx, gy) -> np.ndarray:
        if self.kind == "loss":
            return (f - self.f_min) < self.tol
        if self.kind == "gradient":
            return (gx * gx + gy * gy) < self.tol2
        hit = None
        for mx, my in self.minima:
            dx = x - mx
            dy = y - my
            dx *= dx
            dy *= dy
            dx += dy
            near = dx < self.tol2
            hit = near if hit is None else (hit | near)
        return hit

    def nearest(self, x, y) -> np.ndarray:
        """Index of the minimum within ``tol`` of each point (nearest first), else NO_MINIMUM."""
        if len(self.minima) == 0 or len(x) == 0:
            return np.full(len(x), NO_MINIMUM, dtype=np.int64)
        dx = x[:, None] - self.minima[None, :, 0]
        dy = y[:, None] - self.minima[None, :, 1]
        d2 = dx * dx + dy * dy
        k = np.argmin(d2, axis=1)
        return np.where(d2[np.arange(len(x)), k] < self.tol2, k, NO_MINIMUM).astype(np.int64)


# --------------------------------------------------------------------------------------------
# Update kernels on x / y arrays: the update equations of app.optimizers, elementwise, with
# per-cell hyperparameters. Each has step(x, y, gx, gy, factor) -> (x_new, y_new) and
# compact(keep) (drop finished cells).
# --------------------------------------------------------------------------------------------
def _take(a, keep):
    return a[keep] if isinstance(a, np.ndarray) and a.ndim >= 1 else a


class _SGDKernel:
    """torch.optim.SGD (see ``app.optimizers._sgd``); ``lr`` and ``momentum`` per cell or scalar."""

    def __init__(self, lr, momentum, dampening, nesterov, weight_decay):
        self.lr, self.mu = lr, momentum
        self.damp, self.nesterov, self.wd = float(dampening), bool(nesterov), float(weight_decay)
        mu = np.asarray(momentum)
        self.any_momentum = bool(np.any(mu != 0))
        # torch skips the buffer when momentum == 0: only matters with dampening != 0
        self.plain = (mu == 0) if (mu.ndim and self.any_momentum and self.damp != 0) else None
        self.bx = self.by = None

    def compact(self, keep):
        self.lr, self.mu = _take(self.lr, keep), _take(self.mu, keep)
        self.plain = _take(self.plain, keep)
        if self.bx is not None:
            self.bx, self.by = self.bx[keep], self.by[keep]

    def step(self, x, y, gx, gy, factor):
        lr = self.lr if factor == 1.0 else self.lr * factor
        if self.wd != 0:
            gx = gx + self.wd * x
            gy = gy + self.wd * y
        if self.any_momentum:
            mu = self.mu
            if self.bx is None:
                bx, by = gx.copy(), gy.copy()
            else:
                bx = mu * self.bx + (1 - self.damp) * gx
                by = mu * self.by + (1 - self.damp) * gy
            self.bx, self.by = bx, by
            if self.nesterov:
                dx, dy = gx + mu * bx, gy + mu * by
            else:
                dx, dy = bx, by
            if self.plain is not None:
                dx, dy = np.where(self.plain, gx, dx), np.where(self.plain, gy, dy)
        else:
            dx, dy = gx, gy
        return x - lr * dx, y - lr * dy


def _lerp(start, end, weight, low, rest=None):
    """``torch.lerp`` (``app.optimizers._lerp``) with a per-cell weight: ``start + weight * (end -
    start)`` where ``low`` (``|weight| < 0.5``), else ``end - (end - start) * (1 - weight)``;
    ``rest`` is ``1 - weight`` if already computed. A new array; the inputs are not changed."""
    rest = 1 - weight if rest is None else rest
    diff = end - start
    if np.ndim(low) == 0 or low.all() or not low.any():
        if np.all(low):
            diff *= weight
            diff += start
        else:
            diff *= rest
            np.subtract(end, diff, out=diff)
        return diff
    near = diff * weight
    near += start
    diff *= rest
    np.subtract(end, diff, out=diff)
    np.copyto(diff, near, where=low)
    return diff


class _AdamKernel:
    """torch.optim.Adam / AdamW (see ``app.optimizers._adam``); ``lr``, ``beta1`` per cell."""

    def __init__(self, lr, beta1, beta2, eps, weight_decay, amsgrad, bias_correction,
                 decoupled, n):
        self.lr = lr
        if np.ndim(beta1):
            # beta1 ** t as Python floats (exactly what the scalar optimizer computes)
            self.b1_values, self.b1_index = np.unique(np.asarray(beta1), return_inverse=True)
            self.b1_values = [float(b) for b in self.b1_values]
            self.w = 1 - np.asarray(beta1, dtype=np.float64)
            self.low = np.abs(self.w) < 0.5
            self.rest = 1 - self.w
        else:
            self.b1_values, self.b1_index = [float(beta1)], None
            self.w = 1 - float(beta1)
            self.low = abs(self.w) < 0.5
            self.rest = 1 - self.w
        self.beta2, self.eps, self.wd = float(beta2), float(eps), float(weight_decay)
        self.amsgrad, self.corrected, self.decoupled = bool(amsgrad), bool(bias_correction), \
            bool(decoupled)
        self.t = 0
        self.mx, self.my, self.vx, self.vy = (np.zeros(n) for _ in range(4))
        self.vmx = self.vmy = None
        if self.amsgrad:
            self.vmx, self.vmy = np.zeros(n), np.zeros(n)

    def compact(self, keep):
        self.lr, self.w, self.low = _take(self.lr, keep), _take(self.w, keep), _take(self.low, keep)
        self.rest = _take(self.rest, keep)
        self.b1_index = _take(self.b1_index, keep)
        self.mx, self.my, self.vx, self.vy = (a[keep] for a in (self.mx, self.my, self.vx, self.vy))
        if self.amsgrad:
            self.vmx, self.vmy = self.vmx[keep], self.vmy[keep]

    def _axis(self, p, g, m, v, vmax, step_size, bc2):
        # The expressions of app.optimizers._adam, in place on arrays made here: the same
        # operations in the same order (a * b and a + b are exactly commutative).
        m = _lerp(m, g, self.w, self.low, self.rest)
        v = v * self.beta2  # v * beta2 + (1 - beta2) * g * g
        tmp = g * (1 - self.beta2)
        tmp *= g
        v += tmp
        if self.amsgrad:
            vmax = np.maximum(vmax, v)
        denom = np.sqrt(vmax if self.amsgrad else v, out=tmp)
        if self.corrected:
            denom /= bc2
        denom += self.eps
        new = m * (-step_size)  # p + (-step_size) * m / denom
        new /= denom
        new += p
        return new, m, v, vmax

    def step(self, x, y, gx, gy, factor):
        self.t = t = self.t + 1
        lr = self.lr if factor == 1.0 else self.lr * factor
        if self.wd != 0:
            if self.decoupled:
                x = x * (1 - lr * self.wd)
                y = y * (1 - lr * self.wd)
            else:
                gx = gx + self.wd * x
                gy = gy + self.wd * y
        if self.corrected:
            if self.b1_index is None:
                step_size = lr / (1 - self.b1_values[0] ** t)
            else:
                bc1 = np.array([1 - b**t for b in self.b1_values])
                step_size = lr / bc1[self.b1_index]
            bc2 = np.sqrt(1 - self.beta2**t)
        else:
            step_size, bc2 = lr, None
        x, self.mx, self.vx, self.vmx = self._axis(x, gx, self.mx, self.vx, self.vmx, step_size,
                                                   bc2)
        y, self.my, self.vy, self.vmy = self._axis(y, gy, self.my, self.vy, self.vmy, step_size,
                                                   bc2)
        return x, y


class _GenericKernel:
    """Any optimizer of :mod:`app.optimizers` through its own ``update`` on ``(N, 2)`` arrays;
    ``lr`` a scalar or one value per cell (scalar hyperparameters otherwise)."""

    def __init__(self, init, update, lr, x, y):
        self.update = update
        self.scalar = np.ndim(lr) == 0
        self.lr = lr if self.scalar else np.repeat(np.asarray(lr, dtype=np.float64)[:, None], 2,
                                                   axis=1)
        self.p = np.stack((x, y), axis=1)
        self.state = init(self.p)

    def compact(self, keep):
        n = self.p.shape[0]
        self.p = self.p[keep]
        if not self.scalar:
            self.lr = self.lr[keep]
        self.state = type(self.state)(*(
            a[keep] if isinstance(a, np.ndarray) and a.ndim >= 1 and a.shape[0] == n else a
            for a in self.state))

    def step(self, x, y, gx, gy, factor):
        g = np.empty_like(self.p)
        g[:, 0] = gx
        g[:, 1] = gy
        lr = self.lr if factor == 1.0 else self.lr * factor
        self.p, self.state = self.update(g, self.state, self.p, lr)
        return self.p[:, 0].copy(), self.p[:, 1].copy()


# --------------------------------------------------------------------------------------------
# The cell runner
# --------------------------------------------------------------------------------------------
@dataclass
class _Outcome:
    steps_to_converge: np.ndarray
    diverged_at: np.ndarray
    final_x: np.ndarray
    final_y: np.ndarray
    final_loss: np.ndarray
    minimum: np.ndarray | None


def _run_cells(surface: Surface, x0: np.ndarray, y0: np.ndarray,
               make_kernel: Callable[[int, int, np.ndarray, np.ndarray], Any], steps: int,
               factors: np.ndarray, criterion: _Criterion, want_minimum: bool,
               report: Callable[[float], bool], chunk_size: int) -> _Outcome | None:
    """Run every cell (start ``(x0[c], y0[c])``, kernel for cells ``[s, e)`` from
    ``make_kernel(s, e, x, y)``) for up to ``steps`` updates; ``None`` if ``report`` cancels."""
    n = x0.size
    evaluate = _evaluator(surface)
    blowup = float(getattr(surface, "blowup", 1e12))
    out_steps = np.full(n, NOT_CONVERGED, dtype=np.int64)
    out_div = np.full(n, -1, dtype=np.int64)
    out_x, out_y, out_f = np.empty(n), np.empty(n), np.empty(n)
    out_min = np.full(n, NO_MINIMUM, dtype=np.int64) if want_minimum else None

    def finish(idx, mask, code, x, y, f, diverged_step=None):
        cells = idx[mask]
        out_steps[cells] = code
        out_x[cells], out_y[cells], out_f[cells] = x[mask], y[mask], f[mask]
        if diverged_step is not None:
            out_div[cells] = diverged_step
        elif want_minimum:
            out_min[cells] = criterion.nearest(x[mask], y[mask])

    with np.errstate(all="ignore"):
        for s in range(0, n, chunk_size):
            e = min(n, s + chunk_size)
            idx = np.arange(s, e)
            x, y = x0[s:e].copy(), y0[s:e].copy()
            f, gx, gy = evaluate(x, y)
            bad = _bad(x, y, f, gx, gy, blowup)
            conv = criterion(x, y, f, gx, gy) & ~bad
            finish(idx, bad, DIVERGED, x, y, f, 0)
            finish(idx, conv, 0, x, y, f)
            active = ~(bad | conv)
            kernel = make_kernel(s, e, x, y)
            for k in range(steps):
                alive = np.count_nonzero(active)
                if alive == 0:
                    break
                if alive < 0.75 * active.size:
                    idx, x, y, f, gx, gy = (a[active] for a in (idx, x, y, f, gx, gy))
                    kernel.compact(active)
                    active = np.ones(alive, dtype=bool)
                xn, yn = kernel.step(x, y, gx, gy, factors[k])
                fn, gxn, gyn = evaluate(xn, yn)
                bad = _bad(xn, yn, fn, gxn, gyn, blowup)
                bad &= active
                conv = criterion(xn, yn, fn, gxn, gyn)
                conv &= active
                conv &= ~bad
                if bad.any():
                    finish(idx, bad, DIVERGED, x, y, f, k + 1)  # frozen at the last good point
                    active &= ~bad
                if conv.any():
                    finish(idx, conv, k + 1, xn, yn, fn)
                    active &= ~conv
                x, y, f, gx, gy = xn, yn, fn, gxn, gyn
                if (k + 1) % _REPORT_EVERY == 0 and report((s + (e - s) * (k + 1) / steps) / n) \
                        is False:
                    return None
            finish(idx, active, NOT_CONVERGED, x, y, f)
            if report(e / n) is False:
                return None
    return _Outcome(out_steps, out_div, out_x, out_y, out_f, out_min)


def _reporter(progress: Progress | None, lo: float = 0.0, hi: float = 1.0):
    """``progress`` mapped onto ``[lo, hi]``, never going backwards."""
    last = [lo]

    def report(fraction: float) -> bool:
        if progress is None:
            return True
        value = min(hi, max(last[0], lo + (hi - lo) * float(fraction)))
        last[0] = value
        return progress(value) is not False

    return report


# --------------------------------------------------------------------------------------------
# Argument checks
# --------------------------------------------------------------------------------------------
def _check_steps(steps: Any) -> int:
    try:
        ok = not isinstance(steps, bool) and int(steps) == steps and 0 < steps <= MAX_STEPS
    except (TypeError, ValueError, OverflowError):
        ok = False
    if not ok:
        raise ValueError(f"Invalid number of steps: {steps!r} (expected a whole number from 1 "
                         f"to {MAX_STEPS})")
    return int(steps)


def _check_chunk(chunk_size: Any) -> int:
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int | np.integer) \
            or chunk_size <= 0:
        raise ValueError(f"Invalid chunk size: {chunk_size!r} (expected a whole number > 0)")
    return int(chunk_size)


def _factors(schedule: Schedule | None, steps: int) -> np.ndarray:
    if schedule is None:
        return np.ones(steps)
    return np.asarray(schedule(np.arange(steps)), dtype=np.float64)


def _grid_axis(values: Any, name: str) -> np.ndarray:
    try:
        a = np.array(values, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numbers, got {values!r}") from None
    if a.size == 0 or not np.isfinite(a).all():
        raise ValueError(f"{name} must be one or more finite numbers")
    return a


def _optimizer_name_and_hyper(optimizer: str | Optimizer, hyper: Mapping[str, Any] | None):
    if isinstance(optimizer, Optimizer):
        base = dict(optimizer.hyper)
        spec = optimizers.spec(optimizer.name)
        base = {k: v for k, v in base.items() if k not in spec.fixed}
        base.update(hyper or {})
        return optimizer.name, base
    if not isinstance(optimizer, str):
        raise ValueError(f"expected an optimizer name, got {optimizer!r}")
    optimizers.spec(optimizer)  # unknown name -> ValueError
    return optimizer, dict(hyper or {})


# --------------------------------------------------------------------------------------------
# The hyperparameter map
# --------------------------------------------------------------------------------------------
def hyperparameter_map(
    surface: Surface,
    optimizer: str | Optimizer,
    start: Any,
    lrs: Any,
    param: str | None = None,
    values: Any = None,
    *,
    hyper: Mapping[str, Any] | None = None,
    steps: int = 500,
    schedule: Schedule | None = None,
    criterion: str = "distance",
    tol: float = 1e-3,
    progress: Progress | None = None,
    chunk_size: int = DEFAULT_CHUNK,
) -> HyperparameterMap | None:
    """Steps to converge from ``start`` for every ``lr`` in ``lrs`` x ``param`` in ``values``.

    ``optimizer`` is a name (``"momentum"``) or a configured :class:`Optimizer` (its values are
    the fixed hyperparameters); ``hyper`` overrides fixed ones. ``param`` names the row
    hyperparameter: ``"momentum"`` (gd, momentum, nesterov, sgd; for ``gd`` a momentum axis
    means heavy ball, so the ``momentum = 0`` row is plain GD), ``"beta1"`` (adam, adamw, nadam:
    the first of ``betas``; ``"beta2"`` the second), or any numeric hyperparameter of the
    optimizer (slower: one batch per row). ``values`` are required with ``param``. ``lrs`` are
    typically ``np.geomspace(lo, hi, n)``. Every value is validated like the optimizer's own
    (``ValueError``). Returns ``None`` if ``progress`` cancels (see the module docstring).

    Fast paths (all cells in one batch): the SGD family with a momentum axis, Adam/AdamW with a
    beta1 axis, and any optimizer without a row parameter.
    """
    p0 = as_point(start)
    name, base = _optimizer_name_and_hyper(optimizer, hyper)
    lrs = _grid_axis(lrs, "lrs")
    steps = _check_steps(steps)
    chunk_size = _check_chunk(chunk_size)
    crit = _Criterion(surface, criterion, tol)
    if param is None:
        if values is not None:
            raise ValueError("values given without param: name the row hyperparameter")
        rows = np.array([np.nan])
    else:
        if values is None:
            raise ValueError(f"param '{param}' needs values (the rows of the map)")
        rows = _grid_axis(values, "values")
    if name == "gd" and param == "momentum":
        name = "momentum"
    spec = optimizers.spec(name)

    defaults = spec.defaults()
    if param is not None:
        if param in ("beta1", "beta2"):
            if "betas" not in defaults:
                raise ValueError(f"optimizer '{name}' has no {param} (it has no betas)")
        elif param in spec.fixed:
            raise ValueError(f"optimizer '{name}' fixes {param} = {spec.fixed[param]!r}")
        elif param == "lr" or param not in defaults or defaults[param] is None \
                or isinstance(defaults[param], bool | str | tuple):
            valid = [k for k, v in defaults.items()
                     if k != "lr" and isinstance(v, int | float) and not isinstance(v, bool)]
            if "betas" in defaults:
                valid += ["beta1", "beta2"]
            raise ValueError(f"Invalid map parameter '{param}' for optimizer '{name}'. Valid: "
                             f"{', '.join(valid)}")

    def hyper_for(lr: float, value: float | None) -> dict[str, Any]:
        h = dict(base)
        h["lr"] = lr
        if param in ("beta1", "beta2"):
            betas = list(h.get("betas", defaults["betas"]))
            betas[0 if param == "beta1" else 1] = value
            h["betas"] = tuple(betas)
        elif param is not None:
            h[param] = value
        return h

    # Validate the corners (every hyperparameter's valid set is an interval) and build the
    # effective hyperparameters of the first cell; the rest differ only in lr and the row value.
    row_values = [None] if param is None else [float(v) for v in rows]
    corners = [None] if param is None else [min(row_values), max(row_values)]
    for lr in (float(lrs.min()), float(lrs.max())):
        for v in corners:
            spec.effective(hyper_for(lr, v))
    effective = spec.effective(hyper_for(float(lrs[0]), row_values[0]))
    n, m = lrs.size, rows.size
    lr_cells = np.tile(lrs, m)
    row_cells = np.repeat(rows, n)
    x0, y0 = np.full(n * m, p0[0]), np.full(n * m, p0[1])
    factors = _factors(schedule, steps)
    fixed_hyper = {k: v for k, v in effective.items() if k not in ("lr", param)}
    if param in ("beta1", "beta2"):
        del fixed_hyper["betas"]
        fixed_hyper["beta2" if param == "beta1" else "beta1"] = \
            effective["betas"][1 if param == "beta1" else 0]

    if param is None or (name in _SGD_FAMILY and param == "momentum") or \
            (name in _ADAM_FAMILY and param == "beta1"):
        def make_kernel(s, e, x, y):
            lr = lr_cells[s:e]
            if name in _SGD_FAMILY:
                mu = effective["momentum"] if param is None else row_cells[s:e]
                return _SGDKernel(lr, mu, effective["dampening"], effective["nesterov"],
                                  effective["weight_decay"])
            if name in _ADAM_FAMILY:
                b1 = effective["betas"][0] if param is None else row_cells[s:e]
                return _AdamKernel(lr, b1, effective["betas"][1], effective["eps"],
                                   effective["weight_decay"], effective["amsgrad"],
                                   effective.get("bias_correction", True), name == "adamw",
                                   e - s)
            init, update = spec.build(effective)
            return _GenericKernel(init, update, lr, x, y)

        outcome = _run_cells(surface, x0, y0, make_kernel, steps, factors, crit, False,
                             _reporter(progress), chunk_size)
        if outcome is None:
            return None
    else:
        parts = []
        for j, v in enumerate(row_values):
            row_hyper = spec.effective(hyper_for(float(lrs[0]), v))
            init, update = spec.build(row_hyper)

            def make_kernel(s, e, x, y, init=init, update=update):
                return _GenericKernel(init, update, lrs[s:e], x, y)

            part = _run_cells(surface, x0[:n], y0[:n], make_kernel, steps, factors, crit, False,
                              _reporter(progress, j / m, (j + 1) / m), chunk_size)
            if part is None:
                return None
            parts.append(part)
        outcome = _Outcome(*(np.concatenate([getattr(p, f) for p in parts])
                             for f in ("steps_to_converge", "diverged_at", "final_x", "final_y",
                                       "final_loss")), None)
    shape = (m, n)
    return HyperparameterMap(
        surface=surface.name,
        optimizer=name,
        hyper=fixed_hyper,
        start=p0,
        lrs=lrs,
        param=param,
        values=rows,
        steps_to_converge=outcome.steps_to_converge.reshape(shape),
        diverged_at=outcome.diverged_at.reshape(shape),
        final_loss=outcome.final_loss.reshape(shape),
        steps=steps,
        criterion=criterion,
        tol=crit.tol,
    )


# --------------------------------------------------------------------------------------------
# The basin map
# --------------------------------------------------------------------------------------------
def _resolution(resolution: Any) -> tuple[int, int]:
    items = (resolution, resolution) if np.ndim(resolution) == 0 else tuple(resolution)
    if len(items) != 2 or any(isinstance(r, bool) or not isinstance(r, int | np.integer)
                              or not 1 <= r <= MAX_RESOLUTION for r in items):
        raise ValueError(f"Invalid resolution: {resolution!r} (expected a whole number from 1 "
                         f"to {MAX_RESOLUTION} or a pair (nx, ny))")
    return int(items[0]), int(items[1])


def basin_map(
    surface: Surface,
    optimizer: str | Optimizer,
    *,
    hyper: Mapping[str, Any] | None = None,
    resolution: int | tuple[int, int] = 256,
    window=None,
    steps: int = 500,
    schedule: Schedule | None = None,
    tol: float = 1e-3,
    progress: Progress | None = None,
    chunk_size: int = DEFAULT_CHUNK,
) -> BasinMap | None:
    """Which of ``surface.minima`` each start point on a grid reaches, and in how many steps.

    The grid is ``resolution`` points per axis (or ``(nx, ny)``) spanning ``window`` (default:
    the surface's window) edge to edge, like :meth:`Surface.grid`. A run has reached minimum
    ``k`` at the first step its distance to ``minima[k]`` is below ``tol`` (the "distance"
    criterion). ``optimizer`` is a configured :class:`Optimizer` or a name with ``hyper``.
    ``ValueError`` if the surface has no known minima. Returns ``None`` if ``progress`` cancels.
    """
    name, base = _optimizer_name_and_hyper(optimizer, hyper)
    spec = optimizers.spec(name)
    effective = spec.effective(base)
    steps = _check_steps(steps)
    chunk_size = _check_chunk(chunk_size)
    nx, ny = _resolution(resolution)
    crit = _Criterion(surface, "distance", tol)
    try:
        (wx0, wx1), (wy0, wy1) = window if window is not None else surface.window
        wx0, wx1, wy0, wy1 = (float(v) for v in (wx0, wx1, wy0, wy1))
    except (TypeError, ValueError):
        raise ValueError(f"window must be ((xmin, xmax), (ymin, ymax)), got {window!r}") from None
    if not all(math.isfinite(v) for v in (wx0, wx1, wy0, wy1)):
        raise ValueError(f"window must be finite, got {window!r}")
    xs, ys = np.linspace(wx0, wx1, nx), np.linspace(wy0, wy1, ny)
    x0 = np.tile(xs, ny)
    y0 = np.repeat(ys, nx)
    factors = _factors(schedule, steps)
    lr = effective["lr"]

    def make_kernel(s, e, x, y):
        if name in _SGD_FAMILY:
            return _SGDKernel(lr, effective["momentum"], effective["dampening"],
                              effective["nesterov"], effective["weight_decay"])
        if name in _ADAM_FAMILY:
            return _AdamKernel(lr, effective["betas"][0], effective["betas"][1],
                               effective["eps"], effective["weight_decay"], effective["amsgrad"],
                               effective.get("bias_correction", True), name == "adamw", e - s)
        init, update = spec.build(effective)
        return _GenericKernel(init, update, lr, x, y)

    outcome = _run_cells(surface, x0, y0, make_kernel, steps, factors, crit, True,
                         _reporter(progress), chunk_size)
    if outcome is None:
        return None
    shape = (ny, nx)
    return BasinMap(
        surface=surface.name,
        optimizer=name,
        hyper=effective,
        xs=xs,
        ys=ys,
        minima=crit.minima.copy(),
        minimum=outcome.minimum.reshape(shape),
        steps_to_converge=outcome.steps_to_converge.reshape(shape),
        diverged_at=outcome.diverged_at.reshape(shape),
        final_points=np.stack([outcome.final_x, outcome.final_y], axis=-1).reshape(shape + (2,)),
        final_loss=outcome.final_loss.reshape(shape),
        steps=steps,
        tol=crit.tol,
    )
