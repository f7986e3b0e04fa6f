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

import itertools
import os
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app import compiled
from app.optimizers import Optimizer
from app.schedules import Schedule
from surfaces import Surface
from surfaces.params import whole_number

__all__ = ["Noise", "MiniBatch", "Trajectories", "simulate", "iterate", "Run", "Step", "blown_up",
           "stored_steps", "MAX_STORED_BYTES"]

#: the largest noise seed (a signed 64-bit word: numpy warns on larger Philox keys)
MAX_SEED = 2**63 - 1
#: :func:`simulate` splits a noise-free batch between threads when each gets this many points
PARALLEL_MIN_POINTS = 16_384
#: up to this many start points, |g| is computed once per run instead of once per step
FEW_POINTS = 256
#: :func:`simulate` stores every ``every``-th step so that its arrays stay below this size
MAX_STORED_BYTES = 256 * 2**20


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
        try:
            whole = int(self.seed) == self.seed
        except (TypeError, ValueError, OverflowError):  # NaN, inf, text
            whole = False
        if not (whole and 0 <= self.seed <= MAX_SEED):
            raise ValueError(f"Invalid noise seed: {self.seed} (expected a whole number from 0 "
                             f"to {MAX_SEED})")

    def sample(self, step: int, shape: tuple[int, ...]) -> np.ndarray:
        """The noise added at ``step`` (one independent counter-based stream per step)."""
        rng = np.random.Generator(np.random.Philox(key=[int(self.seed), int(step)]))
        return self.sigma * rng.standard_normal(shape)


@dataclass(frozen=True)
class MiniBatch:
    """Real mini-batch noise (lesson P3) on a finite-sum surface ``f = mean_i l_i``.

    Update ``k`` uses ``mean_{i in B_k} grad l_i`` over a batch of ``batch_size`` examples.
    Batches are drawn without replacement within an epoch: epoch ``e`` is a seeded permutation
    of the ``n`` examples cut into ``n // batch_size`` batches (a last, smaller batch is dropped,
    as torch's ``drop_last=True``), so every example is used once per epoch. All start points
    see the same batches (one data loader). ``batch_size >= n`` is the full gradient.
    """

    batch_size: int
    seed: int = 0

    def __post_init__(self):
        b = self.batch_size
        if isinstance(b, bool) or not isinstance(b, int | np.integer) or b < 1:
            raise ValueError(f"Invalid batch_size: {b} (expected a whole number >= 1)")
        Noise(0.0, self.seed)  # the same seed rules as the Gaussian noise

    def full(self, n_examples: int) -> bool:
        """True if every batch is the whole data set (then the exact gradient is used)."""
        return self.batch_size >= n_examples

    def examples(self, step: int, n_examples: int) -> np.ndarray:
        """The indices of the examples update ``step`` uses (sorted, no repeats)."""
        b = min(int(self.batch_size), n_examples)
        per_epoch = n_examples // b
        epoch, j = divmod(int(step), per_epoch)
        rng = np.random.default_rng([int(self.seed), epoch, 0xBA7C])
        return np.sort(rng.permutation(n_examples)[j * b:(j + 1) * b])


@dataclass(frozen=True)
class Trajectories:
    """What one optimizer did from N start points over ``steps`` updates.

    - ``points``: ``(steps + 1, N, 2)``, row 0 the start points;
    - ``loss``, ``grad_norm``: ``(steps + 1, N)``, loss and |gradient| at each point (the true
      gradient, without noise);
    - ``lr``: ``(steps,)``, the learning rate used by update ``t`` (``lr * schedule(t)``); with a
      loss-driven schedule (reduce on plateau) each point has its own: ``(steps, N)``
      (:meth:`lr_of` gives one point's either way);
    - ``diverged_at``: ``(N,)``, -1 or the step at which the run blew up. From that step on the
      point, its loss and |g| stay frozen at their last good values, so every array is finite
      (unless the start point itself is invalid: ``diverged_at == 0``, loss NaN);
    - ``extras``: what the optimizer reports after each step (its declared readouts, e.g.
      L-BFGS's ``func_evals``), ``(steps + 1, N)`` or ``(steps + 1, N, 2)`` per name; row 0
      (no update yet) is zeros, the start points for a point, -1 for a step;
    - ``stored_steps``: ``None`` if every step is stored (row ``k`` is step ``k``), else the step
      number of each row (a decimated run: every ``every``-th step and the last; ``lr`` and
      ``diverged_at`` still count every step).
    """

    points: np.ndarray
    loss: np.ndarray
    grad_norm: np.ndarray
    lr: np.ndarray
    diverged_at: np.ndarray
    extras: Mapping[str, np.ndarray] = field(default_factory=dict)
    stored_steps: np.ndarray | None = None

    @property
    def steps(self) -> int:
        if self.stored_steps is not None:
            return int(self.stored_steps[-1])
        return self.points.shape[0] - 1

    @property
    def step_numbers(self) -> np.ndarray:
        """The step number of each stored row."""
        if self.stored_steps is not None:
            return self.stored_steps
        return np.arange(self.points.shape[0])

    @property
    def nbytes(self) -> int:
        """Memory held by the arrays."""
        return sum(a.nbytes for a in (self.points, self.loss, self.grad_norm, self.lr,
                                      self.diverged_at, *self.extras.values()))

    @property
    def n(self) -> int:
        return self.points.shape[1]

    @property
    def diverged(self) -> np.ndarray:
        return self.diverged_at >= 0

    def lr_of(self, i: int) -> np.ndarray:
        """The learning rates ``(steps,)`` start point ``i`` ran with."""
        return self.lr if self.lr.ndim == 1 else self.lr[:, i]

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
    lr: float | np.ndarray  # of the next update; (N,) with a loss-driven schedule
    diverged_at: np.ndarray
    state: Any


def _check_inputs(starts: Any, steps: int) -> np.ndarray:
    if whole_number(steps, lo=1) is None:
        raise ValueError(f"Invalid number of steps: {steps} (expected a whole number > 0)")
    p = np.array(starts, dtype=np.float64)
    if p.ndim == 1:  # one point; [] (no points at all) is an empty batch, like empty((0, 2))
        p = p.reshape(0, 2) if p.size == 0 else p[None, :]
    if p.ndim != 2 or p.shape[1] != 2:
        raise ValueError(f"start points must have shape (N, 2), got {np.shape(starts)}")
    if not np.isfinite(p).all():
        raise ValueError("start points must be finite numbers")
    return p


def _learning_rates(optimizer: Optimizer, schedule: Schedule | None, steps: int) -> np.ndarray:
    """``lr * schedule(t)`` for ``t = 0 .. steps - 1``."""
    factors = schedule(np.arange(steps)) if schedule is not None else np.ones(steps)
    return optimizer.lr * factors


def blown_up(p: np.ndarray, loss: np.ndarray, g: np.ndarray, blowup: float) -> np.ndarray:
    """Per point: position, loss or gradient non-finite, or the loss above ``blowup``."""
    ok = np.isfinite(loss)
    ok &= loss <= blowup
    for column in (p[:, 0], p[:, 1], g[:, 0], g[:, 1]):
        ok &= np.isfinite(column)
    return ~ok


def _all_good(p: np.ndarray, loss: np.ndarray, g: np.ndarray, blowup: float) -> bool:
    """True only if :func:`blown_up` is False everywhere, from four reductions instead of ten masks.

    A sum is finite only if every term is (a finite sum that overflows just sends us to the exact
    check); ``max <= blowup`` fails on NaN and large losses, ``max < inf`` on +inf (also when
    ``blowup`` is inf), ``min > -inf`` on -inf.
    """
    if loss.size == 0:
        return True
    top = loss.max()
    return bool(np.isfinite(p.sum()) and np.isfinite(g.sum()) and top <= blowup and top < np.inf
                and loss.min() > -np.inf)


def _freeze(new: np.ndarray, old: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``new`` with ``rows`` put back to their ``old`` values (a copy: ``new`` is not ours)."""
    out = new.copy()
    out[rows] = old[rows]
    return out


def _grad_norm(g: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``|g|`` of gradients of shape ``(N, 2)``, as ``np.hypot`` but several times faster.

    ``sqrt(gx^2 + gy^2)``; where the squares could overflow or lose precision to underflow,
    ``np.hypot`` (which scales first) is used instead. Written into ``out`` if given.
    """
    gx, gy = g[:, 0], g[:, 1]
    norm = np.multiply(gx, gx, out=out)
    norm += gy * gy
    np.sqrt(norm, out=norm)
    if norm.size and not (norm.min() > 1e-150 and norm.max() < 1e150):
        rows = np.flatnonzero(~((norm > 1e-150) & (norm < 1e150)))
        norm[rows] = np.hypot(gx[rows], gy[rows])
    return norm


def iterate(
    surface: Surface,
    optimizer: Optimizer,
    starts: Any,
    steps: int,
    schedule: Schedule | None = None,
    noise: Noise | None = None,
    batch: MiniBatch | None = None,
) -> Iterator[Step]:
    """Yield the state after 0, 1, ..., ``steps`` updates; the core loop of :func:`simulate`.

    With ``batch`` (a finite-sum surface only) each update receives a mini-batch gradient
    (:class:`MiniBatch`) instead of the full one. Use it when only some steps are needed (maps,
    long runs): nothing is stored. The arrays of
    a yielded :class:`Step` are never changed afterwards. numpy's floating-point error state is
    set only while a step is computed, never while the caller holds a step.
    """
    p = _check_inputs(starts, steps)
    steps = int(steps)
    try:
        lrs = _learning_rates(optimizer, schedule, steps)
    except MemoryError:
        raise ValueError(f"not enough memory for the learning rates of {steps} steps "
                         f"(use fewer steps)") from None
    blowup = float(getattr(surface, "blowup", 1e12))
    noisy = noise is not None and noise.sigma > 0
    n_examples = getattr(surface, "n_examples", 0)
    if batch is not None and not getattr(surface, "finite_sum", False):
        surface.example_grads(np.zeros((1, 2)))  # raises the "not a finite sum" message
    batched = batch is not None and not batch.full(n_examples)
    # a loss-driven schedule: each point's lr comes from its own losses (fed back below)
    feedback = (schedule.controller(optimizer.lr, len(p), steps)
                if schedule is not None and schedule.needs_loss else None)

    def lr_of(k: int):
        return lrs[k] if feedback is None else feedback.lr_at(k)

    with np.errstate(all="ignore"):
        loss, g = surface.value_and_grad(p)
        diverged_at = np.where(blown_up(p, loss, g, blowup), 0, -1).astype(np.int64)
        state = optimizer.init(p)
    frozen = np.flatnonzero(diverged_at >= 0)
    yield Step(0, p, loss, g, _scalar_lr(lr_of(0)), diverged_at, state)

    for k in range(steps):
        with np.errstate(all="ignore"):
            g_used = surface.batch_grad(p, batch.examples(k, n_examples)) if batched else g
            if noisy:
                g_used = g_used + noise.sample(k, g.shape)
            new_p, state = optimizer.update(g_used, state, p, lr_of(k), surface)
            new_loss, new_g = surface.value_and_grad(new_p)
            if frozen.size:  # points that blew up before stay at their last good values
                new_p, new_loss, new_g = (_freeze(new_p, p, frozen),
                                          _freeze(new_loss, loss, frozen),
                                          _freeze(new_g, g, frozen))
            if not _all_good(new_p, new_loss, new_g, blowup):
                bad = blown_up(new_p, new_loss, new_g, blowup)
                bad[frozen] = False  # e.g. a start whose loss was already non-finite
                blown = np.flatnonzero(bad)
                if blown.size:
                    diverged_at = diverged_at.copy()
                    diverged_at[blown] = k + 1
                    frozen = np.flatnonzero(diverged_at >= 0)
                    new_p, new_loss, new_g = (_freeze(new_p, p, blown),
                                              _freeze(new_loss, loss, blown),
                                              _freeze(new_g, g, blown))
        p, loss, g = new_p, new_loss, new_g
        if feedback is not None:
            feedback.observe(k, loss)
        yield Step(k + 1, p, loss, g, _scalar_lr(lr_of(min(k + 1, steps - 1))), diverged_at,
                   state)


def _scalar_lr(lr: Any) -> float | np.ndarray:
    """A step's lr as a float, or one per point ``(N,)`` from a loss-driven schedule."""
    if isinstance(lr, float | np.floating) or np.ndim(lr) == 0:
        return float(lr)
    return np.asarray(lr, dtype=np.float64).reshape(-1)


def stored_steps(steps: int, every: int) -> np.ndarray:
    """The steps a run of ``steps`` updates stores: 0, every, 2 every, ... and the last."""
    at = np.arange(0, steps + 1, every, dtype=np.int64)
    return at if at[-1] == steps else np.append(at, steps)


def _every(every: Any, n: int, steps: int, per_row: int) -> int:
    """``every`` checked, or (``None``) the smallest that keeps the run in MAX_STORED_BYTES."""
    if every is None:
        total = (steps + 1) * max(n, 1) * per_row
        return max(1, -(-total // MAX_STORED_BYTES))
    if whole_number(every, lo=1) is None:
        raise ValueError(f"Invalid every: {every} (expected a whole number >= 1: store every "
                         f"every-th step)")
    return int(every)


def simulate(
    surface: Surface,
    optimizer: Optimizer,
    starts: Any,
    steps: int,
    schedule: Schedule | None = None,
    noise: Noise | None = None,
    batch: MiniBatch | None = None,
    every: int | None = None,
) -> Trajectories:
    """Run ``optimizer`` on ``surface`` from each start point for ``steps`` updates.

    ``starts`` has shape ``(N, 2)`` (or ``(2,)`` for one point). The learning rate of update
    ``t`` is ``optimizer.lr * schedule(t)``. Raises ``ValueError`` only for invalid arguments
    (``steps <= 0``, non-finite or misshapen starts), never for a diverging run.
    (:class:`Run` computes the same arrays in chunks.)

    ``every``: store every ``every``-th step (and the last); ``None`` stores every step unless
    the arrays would exceed :data:`MAX_STORED_BYTES`, then the fewest steps apart that fit
    (``Trajectories.stored_steps`` says which, ``nbytes`` what they hold). The run itself is
    the same. It runs on the compiled path (:mod:`app.compiled`) when that is ready.
    """
    run = Run(surface, optimizer, starts, steps, schedule, noise, batch, every)
    run.advance()
    return run.trajectories()


class Run:
    """:func:`simulate` in chunks: :meth:`advance` computes more steps, :meth:`trajectories`
    gives the steps computed so far, bit for bit the rows :func:`simulate` returns.

    Nothing is computed (nor allocated) until the first :meth:`advance`, so a Run can be made
    anywhere and advanced in a worker thread; rows already computed never change, so a reader
    may hold :meth:`trajectories` while a single writer advances the run. Not thread-safe
    otherwise: advance it from one thread at a time.
    """

    def __init__(self, surface: Surface, optimizer: Optimizer, starts: Any, steps: int,
                 schedule: Schedule | None = None, noise: Noise | None = None,
                 batch: MiniBatch | None = None, every: int | None = 1,
                 keep_steps: bool = False):
        self.p0 = _check_inputs(starts, steps)
        #: keep every :class:`Step` (optimizer states and gradients too) for :meth:`replay`
        #: (on the compiled path, which keeps no states, replay computes them when first asked)
        self.keep_steps = bool(keep_steps)
        self._kept: list[Step] = []
        self.surface, self.optimizer, self.schedule = surface, optimizer, schedule
        self.noise, self.batch = noise, batch
        self.steps = int(steps)
        per_row = 32 + sum(16 if r.kind == "point" else 8 for r in optimizer.spec.readouts)
        self.every = _every(every, self.p0.shape[0], self.steps, per_row)
        #: the stored steps (None: all); _row_of[step] is its row, -1 if not stored
        self.stored = None if self.every == 1 else stored_steps(self.steps, self.every)
        self._row_of = None
        if self.stored is not None:
            self._row_of = np.full(self.steps + 1, -1, dtype=np.int64)
            self._row_of[self.stored] = np.arange(self.stored.size)
        self._compiled = False  # True: every row was computed at the first advance
        #: updates computed so far (rows 0 .. done of the arrays are final); -1: not started
        self.done = -1
        self._parts: list[tuple[slice, Iterator[Step]]] = []

    @property
    def n(self) -> int:
        return self.p0.shape[0]

    @property
    def finished(self) -> bool:
        return self.done >= self.steps

    @property
    def precomputed(self) -> bool:
        """True once the compiled path computed every row: advancing only reveals them."""
        return self._compiled

    def _start(self) -> None:
        n, steps = self.n, self.steps
        rows = steps + 1 if self.stored is None else self.stored.size
        sched = self.schedule
        try:
            # one lr per point with a loss-driven schedule
            self._lrs = (np.empty((steps, n)) if sched is not None and sched.needs_loss
                         else _learning_rates(self.optimizer, sched, steps))
            fast = self._compiled_run()
            if fast is not None:  # every row at once; advance() then only reveals them
                self._points, self._loss = fast["points"], fast["loss"]
                self._norms, self._diverged_at = fast["grad_norm"], fast["diverged_at"]
                self._extras, self._compiled, self.done = {}, True, 0
                return
            self._points = np.empty((rows, n, 2))
            self._loss = np.empty((rows, n))
            self._norms = np.empty((rows, n))
        except MemoryError:
            raise ValueError(f"not enough memory to store {rows} steps from {n} start points "
                             f"(use fewer steps or start points, or store every n-th step)"
                             ) from None
        self._diverged_at = np.full(n, -1, dtype=np.int64)
        self._readouts = self.optimizer.spec.readouts
        self._extras = {r.name: np.zeros((rows, n, 2) if r.kind == "point"
                                         else (rows, n)) for r in self._readouts}
        # Start points never interact and every operation is per point, so a large batch can
        # be split between threads (numpy releases the GIL inside its loops) with bit-identical
        # results. Noise is drawn for all N points at once (a point's noise must not depend on
        # how the batch is split), so a noisy run stays in one thread.
        noisy = self.noise is not None and self.noise.sigma > 0
        workers = 1 if noisy or self.keep_steps else _workers(n)
        bounds = np.linspace(0, n, workers + 1).astype(int)
        for a, b in zip(bounds[:-1], bounds[1:], strict=True):
            rows = slice(int(a), int(b))
            self._parts.append((rows, iterate(self.surface, self.optimizer, self.p0[rows],
                                              steps, sched, self.noise, self.batch)))
        self._run_parts(1)  # row 0: the start points
        self.done = 0

    def _compiled_run(self) -> dict | None:
        """All rows from the compiled path, or None (not ready, or not a run it does:
        gradient noise, mini-batches, a loss-driven schedule, optimizer readouts)."""
        sched, noise = self.schedule, self.noise
        if (noise is not None and noise.sigma > 0) or self.batch is not None or self.n == 0 \
                or self.optimizer.spec.readouts or (sched is not None and sched.needs_loss):
            return None
        with np.errstate(all="ignore"):
            state = self.optimizer.init(self.p0)
        kernel = compiled.kernel_for(self.surface, self.optimizer, state, self.n,
                                     work=self.n * self.steps)
        if kernel is None:
            return None
        factors = sched(np.arange(self.steps)) if sched is not None else np.ones(self.steps)
        at = np.arange(self.steps + 1) if self.stored is None else self.stored
        return compiled.run_kernel(kernel, self.optimizer, self.p0, factors, state, at)

    def advance(self, n: int | None = None) -> int:
        """Compute up to ``n`` more updates (all that remain if None); returns :attr:`done`."""
        if self.done < 0:
            self._start()
        todo = self.steps - self.done if n is None else min(int(n), self.steps - self.done)
        if todo > 0:
            if not self._compiled:
                self._run_parts(todo)
            self.done += todo
        return self.done

    def _run_parts(self, count: int) -> None:
        if len(self._parts) == 1:
            self._run_part(*self._parts[0], count)
            return
        with ThreadPoolExecutor(len(self._parts), thread_name_prefix="simulate") as pool:
            futures = [pool.submit(self._run_part, rows, it, count) for rows, it in self._parts]
            for future in futures:
                future.result()

    def _run_part(self, rows: slice, steps_iter: Iterator[Step], count: int) -> None:
        """Take ``count`` steps of one part's iterator and store them."""
        steps, points, loss, lrs = self.steps, self._points, self._loss, self._lrs
        width = rows.stop - rows.start
        # few points: keep the gradients and take |g| of the chunk in one call at its end
        # (a call per step costs more than the arithmetic); many points: |g| step by step, so
        # the run does not hold a second array as large as `points`
        # (a decimated run takes |g| step by step: its stored rows are not consecutive)
        row_of = self._row_of
        grads = np.empty((count, width, 2)) if width <= FEW_POINTS and row_of is None else None
        first = None
        for j in range(count):
            s = next(steps_iter)
            if self.keep_steps:  # a Step's arrays are never changed afterwards: no copy
                self._kept.append(s)
            first = s.step if first is None else first
            if lrs.ndim == 2 and s.step < steps:
                lrs[s.step, rows] = s.lr
            row = s.step if row_of is None else row_of[s.step]
            if row < 0:
                continue
            points[row, rows] = s.points
            loss[row, rows] = s.loss
            for r in self._readouts:  # the optimizer's own numbers (row 0: before any update)
                self._extras[r.name][row, rows] = (r.read(s.state) if s.step else
                                                   _readout_start(r.kind, s.points))
            if grads is not None:
                grads[j] = s.grad
            else:
                with np.errstate(all="ignore"):
                    self._norms[row, rows] = _grad_norm(s.grad)
        self._diverged_at[rows] = s.diverged_at
        if grads is not None:
            with np.errstate(all="ignore"):
                self._norms[first:first + count, rows] = (
                    _grad_norm(grads.reshape(-1, 2)).reshape(count, -1))

    def replay(self) -> Iterator[Step]:
        """The :class:`Step` objects of :func:`iterate` for steps ``0 .. done``, as they were
        computed (made with ``keep_steps=True``): what step mode and the analysis read instead
        of running the engine again."""
        if not self.keep_steps:
            raise ValueError("this run does not keep its steps (keep_steps=False)")
        if self._compiled and len(self._kept) < self.done + 1:
            # the compiled path keeps no states: numpy's steps (the same to 1e-12), once
            self._kept = list(itertools.islice(
                iterate(self.surface, self.optimizer, self.p0, self.steps, self.schedule),
                self.steps + 1))
        return iter(self._kept[:self.done + 1])

    def trajectories(self) -> Trajectories:
        """The steps computed so far (``steps = done``); views of the run's arrays."""
        if self.done < 0:
            raise ValueError("the run has not started: call advance() first")
        k = self.done
        lrs = self._lrs[:k]
        if self.finished:
            return Trajectories(self._points, self._loss, self._norms, self._lrs,
                                self._diverged_at, self._extras, self.stored)
        rows = k + 1 if self.stored is None else int(np.searchsorted(self.stored, k, "right"))
        diverged_at = self._diverged_at.copy()
        if self._compiled:  # computed to the end: a prefix knows only what happened by step k
            diverged_at[diverged_at > k] = -1
        return Trajectories(self._points[:rows], self._loss[:rows], self._norms[:rows], lrs,
                            diverged_at, {name: a[:rows] for name, a in self._extras.items()},
                            None if self.stored is None else self.stored[:rows])


def _readout_start(kind: str, points: np.ndarray) -> Any:
    """A readout's row 0 (no update yet): the start point, -1 for a step, else 0."""
    return points if kind == "point" else -1 if kind == "step" else 0


def _workers(n: int) -> int:
    """Threads for :func:`simulate`: one per CPU (at most 4), each with >= PARALLEL_MIN_POINTS."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4, n // PARALLEL_MIN_POINTS))
