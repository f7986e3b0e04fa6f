"""Stability maps: many runs at once, one number per cell (lessons P1, P4, P10).

- :func:`hyperparameter_map`: one start point, a grid of learning rates (columns, usually
  log-spaced) times a second hyperparameter (rows: one the optimizer declares as a sweep, e.g.
  ``momentum`` or ``beta1``, or any other real-valued hyperparameter). Per cell: the number of
  steps until the run reaches the tolerance, or a code.
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

All cells are one batch through the optimizer's own ``update`` with array hyperparameters (one
lr and one row value per cell, :func:`app.optimizers.make_batch`), which computes each cell as
that cell alone, so a cell equals the run :func:`app.engine.simulate` shows; no gradient noise.
Performance: cells run in chunks of ``chunk_size`` (8192 keeps every temporary array in the
allocator's fast path), nothing is stored per step, finished cells are dropped, and a chunk stops
when all its cells are done.

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

from app import compiled, optimizers
from app.engine import blown_up
from app.optimizers import Optimizer, take_rows
from app.schedules import Schedule
from surfaces import Surface
from surfaces.params import whole_number

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
    "row_parameters",
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

    def __call__(self, p: np.ndarray, f: np.ndarray, g: np.ndarray) -> np.ndarray:
        """Per point ``(N, 2)``: True where the criterion holds."""
        if self.kind == "loss":
            return (f - self.f_min) < self.tol
        if self.kind == "gradient":
            gx, gy = g[:, 0], g[:, 1]
            return (gx * gx + gy * gy) < self.tol2
        hit = np.zeros(len(p), dtype=bool)
        for mx, my in self.minima:
            dx = p[:, 0] - mx
            dy = p[:, 1] - my
            dx *= dx
            dy *= dy
            dx += dy
            hit |= dx < self.tol2
        return hit

    def nearest(self, p: np.ndarray) -> np.ndarray:
        """Index of the minimum within ``tol`` of each point (nearest first), else NO_MINIMUM."""
        if len(self.minima) == 0 or len(p) == 0:
            return np.full(len(p), NO_MINIMUM, dtype=np.int64)
        dx = p[:, 0, None] - self.minima[None, :, 0]
        dy = p[:, 1, None] - self.minima[None, :, 1]
        d2 = dx * dx + dy * dy
        k = np.argmin(d2, axis=1)
        return np.where(d2[np.arange(len(p)), k] < self.tol2, k, NO_MINIMUM).astype(np.int64)


# --------------------------------------------------------------------------------------------
# The cell runner: every cell is one start point of one batch through the optimizer's own
# update (array hyperparameters: one value per cell), exactly as app.engine.iterate runs it
# --------------------------------------------------------------------------------------------
@dataclass
class _Outcome:
    steps_to_converge: np.ndarray
    diverged_at: np.ndarray
    final_points: np.ndarray  # (n, 2)
    final_loss: np.ndarray
    minimum: np.ndarray | None


class _Cells:
    """The results of ``n`` cells, filled in as cells finish."""

    def __init__(self, n: int, criterion: _Criterion, want_minimum: bool):
        self.steps = np.full(n, NOT_CONVERGED, dtype=np.int64)
        self.diverged_at = np.full(n, -1, dtype=np.int64)
        self.points = np.empty((n, 2))
        self.loss = np.empty(n)
        self.minimum = np.full(n, NO_MINIMUM, dtype=np.int64) if want_minimum else None
        self.criterion = criterion

    def finish(self, idx, mask, code, p, f, diverged_step=None) -> None:
        cells = idx[mask]
        self.steps[cells] = code
        self.points[cells], self.loss[cells] = p[mask], f[mask]
        if diverged_step is not None:
            self.diverged_at[cells] = diverged_step
        elif self.minimum is not None:
            self.minimum[cells] = self.criterion.nearest(p[mask])

    def outcome(self) -> _Outcome:
        return _Outcome(self.steps, self.diverged_at, self.points, self.loss, self.minimum)


def _run_chunk(surface: Surface, optimizer: Optimizer, idx: np.ndarray, p: np.ndarray,
               factors: np.ndarray, cells: _Cells, report: Callable[[int], bool]) -> bool:
    """Run the cells ``idx`` (start points ``p``) until each converges, diverges or the steps
    run out; ``False`` if ``report(k)`` (called every few steps) cancels."""
    blowup = float(getattr(surface, "blowup", 1e12))
    f, g = surface.value_and_grad(p)
    bad = blown_up(p, f, g, blowup)
    conv = cells.criterion(p, f, g) & ~bad
    cells.finish(idx, bad, DIVERGED, p, f, 0)
    cells.finish(idx, conv, 0, p, f)
    active = ~(bad | conv)
    opt, state = optimizer, optimizer.init(p)
    for k in range(factors.size):
        alive = np.count_nonzero(active)
        if alive == 0:
            break
        if alive < 0.75 * active.size:  # drop finished cells
            idx, p, f, g = idx[active], p[active], f[active], g[active]
            opt, state = opt.take(active), take_rows(state, active, active.size)
            active = np.ones(alive, dtype=bool)
        pn, state = opt.update(g, state, p, opt.lr * factors[k], surface)
        fn, gn = surface.value_and_grad(pn)
        bad = blown_up(pn, fn, gn, blowup) & active
        conv = cells.criterion(pn, fn, gn) & active & ~bad
        if bad.any():
            cells.finish(idx, bad, DIVERGED, p, f, k + 1)  # frozen at the last good point
            active &= ~bad
        if conv.any():
            cells.finish(idx, conv, k + 1, pn, fn)
            active &= ~conv
        p, f, g = pn, fn, gn
        if (k + 1) % _REPORT_EVERY == 0 and report(k + 1) is False:
            return False
    cells.finish(idx, active, NOT_CONVERGED, p, f)
    return True


def _run_cells(surface: Surface, starts: np.ndarray, optimizer: Optimizer, factors: np.ndarray,
               criterion: _Criterion, want_minimum: bool, report: Callable[[float], bool],
               chunk_size: int) -> _Outcome | None:
    """Run every cell (start ``starts[c]``, row ``c`` of ``optimizer``'s array hyperparameters)
    in chunks of ``chunk_size``; ``None`` if ``report`` cancels. The compiled path runs the
    chunks when it is ready (final states only, :mod:`app.compiled`), numpy otherwise."""
    n, steps = len(starts), factors.size
    cells = _Cells(n, criterion, want_minimum)
    with np.errstate(all="ignore"):
        kernel = None
        if n:
            state = optimizer.take(np.arange(1)).init(starts[:1])
            kernel = compiled.kernel_for(surface, optimizer.take(np.arange(1)), state, 1,
                                         work=n * steps)
        for s in range(0, n, chunk_size):
            e = min(n, s + chunk_size)
            rows = np.arange(s, e)

            def at(k: int, s=s, e=e) -> bool:
                return report((s + (e - s) * k / steps) / n)

            if kernel is not None:
                _compiled_chunk(kernel, surface, optimizer.take(rows), rows, starts[s:e],
                                factors, cells)
            elif not _run_chunk(surface, optimizer.take(rows), rows, starts[s:e].copy(),
                                factors, cells, at):
                return None
            if report(e / n) is False:
                return None
    return cells.outcome()


def _compiled_chunk(kernel, surface: Surface, optimizer: Optimizer, idx: np.ndarray,
                    p: np.ndarray, factors: np.ndarray, cells: _Cells) -> None:
    """The cells ``idx`` on the compiled path: the same codes as :func:`_run_chunk`."""
    crit = cells.criterion
    out = compiled.run_kernel(kernel, optimizer, p, factors, optimizer.init(p),
                              criterion=crit.kind, minima=crit.minima,
                              tol=crit.tol if crit.kind == "loss" else crit.tol2,
                              f_min=getattr(crit, "f_min", 0.0))
    fp, ff = out["final_points"], out["final_loss"]
    diverged = out["diverged_at"] >= 0
    converged = out["converged_at"] >= 0
    cells.finish(idx, diverged, DIVERGED, fp, ff, out["diverged_at"][diverged])
    cells.finish(idx, converged, out["converged_at"][converged], fp, ff)
    cells.finish(idx, ~(diverged | converged), NOT_CONVERGED, fp, ff)


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
    if whole_number(steps, lo=1, hi=MAX_STEPS) is None:
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
        base = {k: v for k, v in optimizer.hyper.items() if k not in optimizer.spec.fixed}
        base.update(hyper or {})
        return optimizer.name, base
    if not isinstance(optimizer, str):
        raise ValueError(f"expected an optimizer name, got {optimizer!r}")
    optimizers.spec(optimizer)  # unknown name -> ValueError
    return optimizer, dict(hyper or {})


def row_parameters(spec: optimizers.OptimizerSpec) -> list[str]:
    """What a map of ``spec`` can put on its rows: its declared sweeps first, then every other
    real-valued hyperparameter (not ``lr``, not the options the preset fixes)."""
    found = [s.name for s in spec.sweeps]
    swept = {s.target for s in spec.sweeps if s.index is not None}
    for p in spec.params:
        if p.kind is float and p.name != "lr" and p.name not in found and p.name not in swept \
                and p.name not in spec.fixed:
            found.append(p.name)
    return found


def _map_spec(name: str, param: str | None) -> optimizers.OptimizerSpec:
    """The optimizer a map over ``param`` runs: the racer's own, or the one it declares for
    maps (gd's momentum map runs heavy ball, whose momentum = 0 row is plain GD)."""
    spec = optimizers.spec(name)
    if param is not None and spec.map_as and param not in row_parameters(spec):
        spec = optimizers.spec(spec.map_as)
    if param is not None and param not in row_parameters(spec):
        if param in spec.fixed:
            raise ValueError(f"optimizer '{name}' fixes {param} = {spec.fixed[param]!r}")
        raise ValueError(f"Invalid map parameter '{param}' for optimizer '{name}'. Valid: "
                         f"{', '.join(row_parameters(spec)) or '(none: lr only)'}")
    return spec


def _fixed_hyper(spec, effective: Mapping[str, Any], param: str | None) -> dict[str, Any]:
    """The hyperparameters every cell shares (a swept tuple item's partners by their names)."""
    out = {k: v for k, v in effective.items() if k not in ("lr", param)}
    sweep = spec.sweep(param) if param is not None else None
    if sweep is not None and sweep.index is not None:
        items = out.pop(sweep.target)
        for other in spec.sweeps:
            if other.target == sweep.target and other.index != sweep.index:
                out[other.name] = items[other.index]
    return out


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
    hyperparameter: one the optimizer declares as a sweep (``momentum``, ``beta1``, ``beta2``,
    ...) or any other real-valued hyperparameter (:func:`row_parameters`); an optimizer may
    declare that its maps run as another (``gd``'s momentum map is heavy ball's, whose
    ``momentum = 0`` row is plain GD). ``values`` are required with ``param``. ``lrs`` are
    typically ``np.geomspace(lo, hi, n)``. Every value is validated like the optimizer's own
    (``ValueError``). All cells are one batch through the optimizer's ``update`` with one lr
    and one row value per cell. Returns ``None`` if ``progress`` cancels.
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
    spec = _map_spec(name, param)
    if spec.name != name:  # the preset's options that the map's optimizer sets itself
        base = {k: v for k, v in base.items() if k in spec.defaults()}
    n, m = lrs.size, rows.size
    batch = {"lr": np.tile(lrs, m)}
    if param is not None:
        batch[param] = np.repeat(rows, n)
    opt = optimizers.make_batch(spec.name, base, batch)
    outcome = _run_cells(surface, np.tile(p0, (n * m, 1)), opt, _factors(schedule, steps), crit,
                         False, _reporter(progress), chunk_size)
    if outcome is None:
        return None
    effective = optimizers.make_batch(spec.name, base, {"lr": lrs[:1],
                                                        **({param: rows[:1]} if param else {})})
    shape = (m, n)
    return HyperparameterMap(
        surface=surface.name,
        optimizer=spec.name,
        hyper=_fixed_hyper(spec, effective.hyper, param),
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
    starts = np.stack([np.tile(xs, ny), np.repeat(ys, nx)], axis=1)
    outcome = _run_cells(surface, starts, optimizers.Optimizer(spec, effective),
                         _factors(schedule, steps), crit, True, _reporter(progress), chunk_size)
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
        final_points=outcome.final_points.reshape(shape + (2,)),
        final_loss=outcome.final_loss.reshape(shape),
        steps=steps,
        tol=crit.tol,
    )
