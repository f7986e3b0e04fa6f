"""When the compiled path runs, and the calls that run it.

Modes (:func:`mode`; the environment variable ``DESCENT_LAB_COMPILED`` or :func:`set_mode`):

- ``"background"``: a kernel not yet compiled is compiled on a background thread; until it is
  ready the numpy path runs (the result is the same to 1e-12);
- ``"wait"``: compile on the calling thread, then run compiled (batch work, benchmarks, tests);
- ``"auto"`` (default): ``"wait"`` for work large enough to repay a compile (at least
  :data:`AUTO_WAIT_WORK` point-steps), ``"background"`` otherwise;
- ``"off"``: numpy only.

Background compiles wait while :func:`hold` is in force (the window holds them until it has
painted once, so nothing of numba is imported or compiled before the first paint). Anything
that cannot be traced or compiled (an optimizer that evaluates the surface itself, a surface
with loops over data, numba missing) runs on numpy; the reason is kept in :func:`failures`.
"""

from __future__ import annotations

import itertools
import os
import queue
import threading
import time
from typing import Any

import numpy as np

from . import kernels
from .codegen import BLOCK
from .programs import hyper_columns, state_columns

__all__ = ["MODES", "AUTO_WAIT_WORK", "QUIET_SECONDS", "MAX_DEFER_SECONDS", "mode", "set_mode",
           "hold", "release", "busy", "kernel_for", "ready", "failures", "run_kernel", "wait_idle"]

MODES = ("auto", "background", "wait", "off")
ENV = "DESCENT_LAB_COMPILED"
#: in "auto" mode, work of at least this many point-steps compiles before it runs
AUTO_WAIT_WORK = 5_000_000

_mode_override: str | None = None
_kernels: dict[tuple, Any] = {}  # key -> Kernel, or the exception that prevented it
_pending: dict[tuple, threading.Event] = {}
built_on: dict[tuple, str] = {}  # key -> the name of the thread that built it
_lock = threading.Lock()
_gate = threading.Event()
_gate.set()
_holds = 0
_jobs: queue.Queue = queue.Queue()
_worker: threading.Thread | None = None
#: how many runs the compiled path has done in this process (tests check which path ran)
runs = {"compiled": 0}


def mode() -> str:
    """The dispatch mode (see the module docstring)."""
    if _mode_override is not None:
        return _mode_override
    value = os.environ.get(ENV, "auto").strip().lower()
    return value if value in MODES else "auto"


def set_mode(value: str | None) -> None:
    """Override the mode (``None``: back to the environment variable)."""
    global _mode_override
    if value is not None and value not in MODES:
        raise ValueError(f"Unknown compiled mode '{value}'. Valid: {', '.join(MODES)}")
    _mode_override = value


def hold() -> None:
    """Hold background compiles (and numba's import) until :func:`release`."""
    global _holds
    with _lock:
        _holds += 1
        _gate.clear()


def release() -> None:
    global _holds
    with _lock:
        _holds = max(0, _holds - 1)
        if _holds == 0:
            _gate.set()


#: a background compile's steps in this process (tracing, loading the module and numba's
#: cached machine code) are Python that holds the interpreter lock in stretches; the window's
#: thread, which hands the lock back around every Qt call it makes while painting, waits for
#: it each time. So these steps wait until no frame was drawn for this long (:func:`busy`).
QUIET_SECONDS = 0.3
_busy_until = 0.0


def busy(seconds: float | None = None) -> None:
    """The window is drawing frames: background compiles take no step in this process for
    ``seconds`` (default :data:`QUIET_SECONDS`) from now; ``0`` ends an earlier delay."""
    global _busy_until
    until = time.monotonic() + (QUIET_SECONDS if seconds is None else seconds)
    _busy_until = until if seconds == 0 else max(_busy_until, until)


#: a compile step defers to drawn frames for at most this long (frames that never stop, a
#: looping playback, must not keep the compiled engine from ever being ready)
MAX_DEFER_SECONDS = 3.0


def _wait_quiet() -> None:
    """Wait while compiles are held (:func:`hold`) or, for at most
    :data:`MAX_DEFER_SECONDS` of naps, while frames are drawn (:func:`busy`)."""
    _gate.wait()
    deferred = 0.0
    while (left := _busy_until - time.monotonic()) > 0 and deferred < MAX_DEFER_SECONDS:
        nap = min(left, QUIET_SECONDS, MAX_DEFER_SECONDS - deferred)
        time.sleep(nap)
        deferred += nap
        _gate.wait()


def failures() -> dict[tuple, str]:
    """Why some kernels run on numpy: key -> the error, in words."""
    with _lock:
        return {k: f"{type(v).__name__}: {v}" for k, v in _kernels.items()
                if isinstance(v, BaseException)}


def _key(surface: Any, optimizer: Any, init_state: Any, n: int) -> tuple:
    from .programs import _layout, optimizer_key, surface_key

    try:
        layout = _layout(init_state, n)
    except Exception as err:  # noqa: BLE001 (an untraceable state: no kernel)
        layout = ("untraceable", str(err))
    return (surface_key(surface), optimizer_key(optimizer), layout)


def ready(surface: Any, optimizer: Any, init_state: Any, n: int) -> bool:
    """True if the kernel for this surface and optimizer is compiled."""
    return isinstance(_kernels.get(_key(surface, optimizer, init_state, n)), kernels.Kernel)


def kernel_for(surface: Any, optimizer: Any, init_state: Any, n: int,
               work: int = 0) -> kernels.Kernel | None:
    """The compiled kernel, or ``None`` (then run numpy): see the module docstring."""
    m = mode()
    if m == "off" or not kernels.numba_installed():
        return None
    try:
        key = _key(surface, optimizer, init_state, n)
    except Exception:  # noqa: BLE001 (parameters we cannot key: numpy)
        return None
    found = _kernels.get(key)
    if found is not None:
        return found if isinstance(found, kernels.Kernel) else None
    wait = m == "wait" or (m == "auto" and work >= AUTO_WAIT_WORK)
    with _lock:
        event = _pending.get(key)
        if event is None:
            event = _pending[key] = threading.Event()
            job = (key, surface, optimizer, _copy_state(init_state), n, event)
            if wait:
                owner = True
            else:
                owner = False
                _jobs.put(job)
                _start_worker()
        else:
            owner = False
    if owner:
        _build(*job)
    elif wait:
        event.wait()
    else:
        return None
    found = _kernels.get(key)
    return found if isinstance(found, kernels.Kernel) else None


def _copy_state(state: Any) -> Any:
    return state  # init's arrays are never changed in place by the engine


def _build(key, surface, optimizer, init_state, n, event, in_child: bool = False,
           pause=None) -> None:
    built_on[key] = threading.current_thread().name
    try:
        result: Any = kernels.build(surface, optimizer, init_state, n, _warm_up, in_child,
                                    pause)
    except Exception as err:  # noqa: BLE001 (anything: that configuration runs on numpy)
        result = err
    with _lock:
        _kernels[key] = result
        _pending.pop(key, None)
    event.set()


def _start_worker() -> None:
    global _worker
    if _worker is None or not _worker.is_alive():
        _worker = threading.Thread(target=_work, name="compile", daemon=True)
        _worker.start()


def _work() -> None:
    while True:
        job = _jobs.get()
        _wait_quiet()
        # numba's compiler in a child process (no GIL taken); the steps here wait for a pause
        # in the window's frames
        _build(*job, in_child=True, pause=_wait_quiet)
        _jobs.task_done()


def wait_idle(timeout: float | None = None) -> bool:
    """Wait until no compile is pending (tests); True if none is left."""
    events = list(_pending.values())
    for e in events:
        if not e.wait(timeout):
            return False
    return True


# --------------------------------------------------------------------------------------------
# Running a kernel
# --------------------------------------------------------------------------------------------
_CRITERIA = {None: 0, "distance": 1, "loss": 2, "gradient": 3}
#: below this many point-steps a kernel runs on the calling thread alone (waking threads costs
#: more)
PARALLEL_MIN_WORK = 200_000


def _warm_up(kernel: Any) -> None:
    """One tiny call: numba compiles (or loads from its cache) for the real argument types.
    (``kernel`` needs ``run``, ``surface.blowup`` and ``widths``.)"""
    nh, ns = kernel.widths
    p = np.zeros((1, 2))
    h, s = np.zeros((1, max(nh, 1))), np.zeros((1, max(ns, 1)))
    _call(kernel, p, np.array([1e-3]), np.ones(2), h, s, np.arange(3, dtype=np.int64), 0,
          None, 0.0, 0.0, False)


def threads() -> int:
    """How many threads a large batch runs on: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def run_kernel(kernel: kernels.Kernel, optimizer: Any, starts: np.ndarray,
               factors: np.ndarray, init_state: Any, store_at: np.ndarray | None = None,
               criterion: str | None = None, minima: np.ndarray | None = None,
               tol: float = 0.0, f_min: float = 0.0) -> dict[str, np.ndarray]:
    """Run ``kernel`` from ``starts`` for ``factors.size`` steps (lr of step k: the base lr
    times ``factors[k]``). ``store_at``: the step numbers to store (increasing). Returns
    ``points``, ``loss``, ``grad_norm`` (stored steps), ``final_points``, ``final_loss``,
    ``final_grad``, ``diverged_at`` and ``converged_at`` (-2: not converged)."""
    n = len(starts)
    op = kernel.optimizer
    lr = np.asarray(optimizer.lr, dtype=np.float64).reshape(-1)
    h = hyper_columns(op.hyper_paths, optimizer.hyper, n)
    s = state_columns(op.init_layout, init_state, n)
    at = np.zeros(0, dtype=np.int64) if store_at is None else \
        np.ascontiguousarray(store_at, dtype=np.int64)
    lr = np.ascontiguousarray(np.broadcast_to(lr, (n,)))
    h = np.ascontiguousarray(np.broadcast_to(h, (n, h.shape[1])))
    return _call(kernel, np.ascontiguousarray(starts, dtype=np.float64), lr,
                 np.ascontiguousarray(factors, dtype=np.float64), h, s, at,
                 _CRITERIA[criterion], minima, tol, f_min)


def _call(kernel, p, lr, factors, h, s, at, crit, minima, tol, f_min,
          parallel: bool | None = None) -> dict:
    n = len(p)
    m = len(at)
    out = {
        "points": np.empty((m, n, 2)), "loss": np.empty((m, n)), "grad_norm": np.empty((m, n)),
        "final_points": np.empty((n, 2)), "final_loss": np.empty(n),
        "final_grad": np.empty((n, 2)), "diverged_at": np.empty(n, dtype=np.int64),
        "converged_at": np.empty(n, dtype=np.int64),
    }
    mins = np.zeros((0, 2)) if minima is None else np.ascontiguousarray(minima, np.float64)
    runs["compiled"] += 1
    if parallel is None:
        parallel = n > 1 and n * factors.size >= PARALLEL_MIN_WORK
    args = (p, lr, factors, h, s, int(factors.size), at, float(kernel.surface.blowup),
            int(crit), mins, float(tol), float(f_min), out["points"], out["loss"],
            out["grad_norm"], out["final_points"], out["final_loss"], out["final_grad"],
            out["diverged_at"], out["converged_at"])
    blocks = -(-n // BLOCK)
    if not parallel or blocks < 2:
        kernel.run(0, blocks, *args)
        return out
    nt = min(threads(), blocks)
    size = -(-blocks // (PIECES_PER_THREAD * nt))  # blocks per piece
    _spread(lambda i: kernel.run(i * size, min(blocks, (i + 1) * size), *args),
            -(-blocks // size), nt)
    return out


#: a parallel batch is cut into about this many pieces per thread, claimed in turn: a thread
#: that the machine's other work holds up leaves its share to the others
PIECES_PER_THREAD = 8
_tasks: queue.SimpleQueue = queue.SimpleQueue()
_helpers: list[threading.Thread] = []


def _helper() -> None:
    while True:
        _tasks.get()()


def _spread(work, pieces: int, nt: int) -> None:
    """``work(i)`` for every ``i < pieces``, on this thread and ``nt - 1`` helper threads
    (started once, then kept), each claiming the next piece when done with one; returns when
    every piece is done (a helper that wakes late finds nothing left)."""
    claim = itertools.count()  # next() is atomic under the GIL
    done = [0]
    errors: list[BaseException] = []
    lock = threading.Lock()
    finished = threading.Event()

    def worker() -> None:
        while (i := next(claim)) < pieces:
            try:
                work(i)
            except BaseException as err:  # noqa: BLE001 (re-raised on the calling thread)
                errors.append(err)
            finally:
                with lock:
                    done[0] += 1
                    if done[0] == pieces:
                        finished.set()

    with _lock:
        while len(_helpers) < nt - 1:
            t = threading.Thread(target=_helper, name=f"kernel-{len(_helpers) + 1}",
                                 daemon=True)
            t.start()
            _helpers.append(t)
    for _ in range(nt - 1):
        _tasks.put(worker)
    worker()
    finished.wait()
    if errors:
        raise errors[0]
