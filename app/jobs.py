"""One job runner for every computation the window must not do itself (no Qt; threads).

A job is a function ``fn(ticket) -> result`` run in a worker thread. Jobs are grouped in
*lanes* ("trajectories", "maps", "netlab", ...) and the **latest submission wins** in each lane:
submitting cancels the lane's running job and drops a job that had not started yet. A job learns
that it was cancelled by calling :meth:`Ticket.check` between chunks of its work (it raises
:class:`Cancelled`), so cancellation takes effect within one chunk.

Everything the job reports reaches the consumer through ``deliver(callback)``, which runs the
callback on the consumer's thread (the Qt adapter in ``app/ui/jobs_qt.py`` posts it to the GUI
thread; the default calls it directly, which is what the CLI and the headless tests use):

- ``on_progress(fraction, payload)`` — coalesced: however often the job reports, only the latest
  report still pending when the consumer gets to it is delivered (never a queue of copies);
- ``on_result(result)`` — once, when ``fn`` returned;
- ``on_error(exception)`` — once, when ``fn`` raised anything but :class:`Cancelled`.

A cancelled job's progress and result are **never** delivered, even when they were already on
their way: the check is made on the consumer's thread at delivery time, where cancellation is
decided too. Each lane has at most one worker thread, which ends when the lane is idle, so an
idle runner holds no thread; :meth:`JobRunner.shutdown` cancels everything and waits at most
``timeout`` seconds (worker threads are daemons: quitting never waits for them longer).
"""

from __future__ import annotations

import functools
import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["Cancelled", "InlineRunner", "JobRunner", "Ticket"]

T = TypeVar("T")

#: an idle lane's thread waits this long for the next job before it ends (a slider drag then
#: reuses one thread instead of starting one per position)
LINGER = 0.5

Deliver = Callable[[Callable[[], None]], None]


class Cancelled(Exception):
    """Raised by :meth:`Ticket.check` inside a job whose ticket was cancelled."""


def _call_directly(callback: Callable[[], None]) -> None:
    callback()


class Ticket:
    """A job's handle: the job polls it, the consumer cancels it.

    ``state`` is one of ``"queued"``, ``"running"``, ``"finished"`` (``fn`` returned or raised;
    its outcome is on its way to the consumer) and ``"done"`` (delivered, or cancelled).
    """

    def __init__(self, runner: JobRunner, lane: str, fn: Callable[[Ticket], Any],
                 on_result, on_progress, on_error):
        self.lane = lane
        self._runner = runner
        self._fn = fn
        self._on_result = on_result
        self._on_progress = on_progress
        self._on_error = on_error
        self._cancelled = threading.Event()
        self._finished = threading.Event()
        self._lock = threading.Lock()
        self._pending_progress: tuple[float, Any] | None = None
        self._progress_posted = False
        self.state = "queued"
        #: identity of the thread that ran ``fn`` (None until it started)
        self.thread_id: int | None = None
        #: how many progress reports the job made, and how many reached the consumer
        self.progress_reported = 0
        self.progress_delivered = 0

    # -- the job's side --------------------------------------------------------------------
    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if this job was cancelled (call it between chunks)."""
        if self._cancelled.is_set():
            raise Cancelled(self.lane)

    def progress(self, fraction: float, payload: Any = None) -> None:
        """Report progress; only the latest report pending at delivery time is delivered."""
        if self._cancelled.is_set():
            return
        with self._lock:
            self.progress_reported += 1
            self._pending_progress = (float(fraction), payload)
            if self._progress_posted:
                return
            self._progress_posted = True
        self._runner._post(self._flush_progress)

    # -- the consumer's side ---------------------------------------------------------------
    def cancel(self) -> None:
        """Cancel the job: it stops at its next :meth:`check`; nothing more is delivered."""
        self._cancelled.set()
        with self._lock:
            self._pending_progress = None
        self._runner._forget(self)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until ``fn`` has returned or raised (or was skipped); True if it has."""
        return self._finished.wait(timeout)

    @property
    def finished(self) -> bool:
        """True once ``fn`` has returned or raised (or will never run)."""
        return self._finished.is_set()

    # -- internals -------------------------------------------------------------------------
    def _flush_progress(self) -> None:
        with self._lock:
            pending, self._pending_progress = self._pending_progress, None
            self._progress_posted = False
        if pending is None or self._cancelled.is_set() or self._on_progress is None:
            return
        self.progress_delivered += 1
        self._on_progress(*pending)

    def _run(self) -> None:
        """Run ``fn`` in the current (worker) thread and post its outcome."""
        if self._cancelled.is_set():
            self._finish()
            return
        self.state = "running"
        self.thread_id = threading.get_ident()
        try:
            result = self._fn(self)
        except Cancelled:
            self._finish()
            return
        except Exception as error:  # handed to the consumer, never lost
            self._finish()
            self._runner._post(functools.partial(self._deliver_error, error))
            return
        self._finish()
        self._runner._post(functools.partial(self._deliver_result, result))

    def _finish(self) -> None:
        with self._lock:
            self.state = "done" if self._cancelled.is_set() else "finished"
        self._finished.set()

    def _deliver_result(self, result: Any) -> None:
        if self._cancelled.is_set():
            return
        self._flush_progress()  # a report still pending comes before the result
        self.state = "done"
        self._runner._forget(self)
        if self._on_result is not None:
            self._on_result(result)

    def _deliver_error(self, error: BaseException) -> None:
        if self._cancelled.is_set():
            return
        self.state = "done"
        self._runner._forget(self)
        if self._on_error is not None:
            self._on_error(error)
        else:
            traceback.print_exception(type(error), error, error.__traceback__, file=sys.stderr)


class _Lane:
    """One lane: the job waiting to start (at most one) and the thread that runs jobs."""

    def __init__(self):
        self.queued: Ticket | None = None
        self.running: Ticket | None = None
        self.thread: threading.Thread | None = None
        self.wake: threading.Condition | None = None  # made with the runner's lock


class JobRunner:
    """Runs jobs in worker threads, one job at a time per lane, latest submission wins."""

    #: jobs run in the caller's thread (see :class:`InlineRunner`)
    inline = False

    def __init__(self, deliver: Deliver | None = None):
        self._deliver = deliver or _call_directly
        self._lock = threading.Lock()
        self._lanes: dict[str, _Lane] = {}
        #: the ticket whose outcome the consumer still expects, per lane
        self._current: dict[str, Ticket] = {}
        self._closed = False
        self._started: list[threading.Thread] = []

    def submit(self, lane: str, fn: Callable[[Ticket], T], *, on_result=None,
               on_progress=None, on_error=None) -> Ticket:
        """Run ``fn(ticket)`` in the lane's worker thread; cancels the lane's previous job.

        ``on_result(result)``, ``on_progress(fraction, payload)`` and ``on_error(exception)``
        run on the consumer's thread (see the module docstring)."""
        ticket = Ticket(self, lane, fn, on_result, on_progress, on_error)
        with self._lock:
            previous = self._claim(lane, ticket)
            if ticket.cancelled:  # the runner is shut down
                return ticket
            state = self._lanes.setdefault(lane, _Lane())
            if state.wake is None:
                state.wake = threading.Condition(self._lock)
            dropped = state.queued
            state.queued = ticket
            state.wake.notify()
            start = state.thread is None
            if start:
                state.thread = threading.Thread(
                    target=self._work, args=(lane,), name=f"job-{lane}", daemon=True)
        for old in (previous, dropped):
            if old is not None and old is not ticket:
                old._cancelled.set()
                if old.state == "queued":
                    old._finish()
        if start:
            with self._lock:
                self._started = [t for t in self._started if t.is_alive()]
                self._started.append(state.thread)
            state.thread.start()
        return ticket

    def _claim(self, lane: str, ticket: Ticket) -> Ticket | None:
        """Make ``ticket`` the lane's current job (under the lock); returns the one it replaces.
        A shut-down runner refuses it: the ticket comes back cancelled and finished."""
        if self._closed:
            ticket._cancelled.set()
            ticket._finish()
            return None
        previous = self._current.get(lane)
        self._current[lane] = ticket
        return previous

    def cancel(self, lane: str) -> None:
        """Cancel the lane's job (running or waiting); nothing of it is delivered."""
        with self._lock:
            ticket = self._current.pop(lane, None)
            state = self._lanes.get(lane)
            queued = state.queued if state else None
            if state:
                state.queued = None
        for old in (ticket, queued):
            if old is not None:
                old._cancelled.set()
                if old.state == "queued":
                    old._finish()

    def cancel_all(self) -> None:
        for lane in list(self._lanes):
            self.cancel(lane)

    def busy(self, lane: str) -> bool:
        """True while the lane's latest job has not delivered its outcome (and is not cancelled)."""
        with self._lock:
            ticket = self._current.get(lane)
        return ticket is not None and not ticket.cancelled and ticket.state != "done"

    def threads(self) -> list[threading.Thread]:
        """The worker threads still alive (one at most per lane)."""
        with self._lock:
            return [t for t in self._started if t.is_alive()]

    def shutdown(self, timeout: float = 1.0) -> None:
        """Cancel every job and refuse new ones; wait at most ``timeout`` s for the threads."""
        with self._lock:
            self._closed = True
            for state in self._lanes.values():
                if state.wake is not None:
                    state.wake.notify_all()  # lingering threads end now
        self.cancel_all()
        deadline = time.monotonic() + max(0.0, timeout)
        for thread in self.threads():
            thread.join(max(0.0, deadline - time.monotonic()))

    @property
    def closed(self) -> bool:
        return self._closed

    # -- internals -------------------------------------------------------------------------
    def _work(self, lane: str) -> None:
        state = self._lanes[lane]
        while True:
            with self._lock:
                if state.queued is None and not self._closed:
                    state.wake.wait(LINGER)
                ticket = state.queued
                state.queued = None
                if ticket is None:
                    state.thread = None
                    return
                state.running = ticket
            ticket._run()
            with self._lock:
                state.running = None

    def _post(self, callback: Callable[[], None]) -> None:
        self._deliver(callback)

    def _forget(self, ticket: Ticket) -> None:
        with self._lock:
            if self._current.get(ticket.lane) is ticket:
                del self._current[ticket.lane]


class InlineRunner(JobRunner):
    """A runner without threads: ``submit`` runs the job at once in the caller's thread and
    delivers its result (or error) before returning; progress is never delivered.

    For the CLI, offscreen rendering and tests that want a finished computation after each
    call. ``inline`` tells a job it may skip its progressive work.
    """

    inline = True

    def submit(self, lane: str, fn: Callable[[Ticket], T], *, on_result=None,
               on_progress=None, on_error=None) -> Ticket:
        ticket = Ticket(self, lane, fn, on_result, None, on_error)
        with self._lock:
            previous = self._claim(lane, ticket)
            if ticket.cancelled:  # the runner is shut down
                return ticket
        if previous is not None:
            previous._cancelled.set()
        ticket._run()
        return ticket

    def _post(self, callback: Callable[[], None]) -> None:
        callback()

