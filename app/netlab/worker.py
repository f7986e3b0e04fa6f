"""Train networks and compute their landscapes in a child process (no Qt).

The network lab's work is many small numpy operations: run in a thread of the window's process it
holds the interpreter lock most of the time, and every time the window's thread needs the lock
back (to paint, to answer a click) it waits for the trainer's switch interval. A child process has
its own interpreter: the window's thread never waits for it.

:func:`run_in_child` is what a job of the one job runner (:mod:`app.jobs`) calls from its worker
thread: it hands the work to a child (:class:`Child`, reused from a small pool: a new run does
not pay for a new interpreter), relays the child's progress reports to the job's ticket (the
runner coalesces them to the latest) and returns the child's result. The thread only waits on a
queue (the lock is free meanwhile) and polls the ticket every :data:`POLL` seconds: once the job
is cancelled it tells the child, whose trainer stops at its next check (before every update and
every Hessian-vector product, see :func:`~app.netlab.train`), and the child is ready for the next
job. The child reports how many steps (or landscape rows) it recorded after the cancel reached it
(``Child.after_cancel``: at most one, counted, not timed).

The protocol: pickled tuples on the child's stdin (``("job", kind, args)``, ``("cancel",)``) and
on a private copy of its stdout (``("progress", payload)``, ``("result", value)``,
``("error", exception)``, ``("cancelled", after)``); the child's own stdout goes to stderr, so a
stray print cannot break a message. A child whose parent is gone sees the end of its stdin and
exits.
"""

from __future__ import annotations

import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["Child", "run_in_child", "JOBS", "POLL", "shutdown_children", "calls", "stops"]

#: the job thread looks at its ticket this often while it waits for the child (seconds)
POLL = 0.02
#: at most this many idle children are kept for the next job
KEEP = 2
#: (kind, child pid) of every job a child ran for this process (tests read it)
calls: list[tuple[str, int]] = []
#: (kind, steps or rows recorded after the cancel reached the child) of every cancelled job
stops: list[tuple[str, int]] = []


def _train(args, check, report, position):
    from .viewdata import Recorder, train_job

    (config,) = args
    recorder = Recorder(config.steps, lambda p: report(p.step / max(p.steps, 1), p))
    position[0] = lambda: recorder.step
    run = train_job(config, check=check, recorder=recorder)
    run.diagnosis()  # (computed here, with the run: the window only reads it)
    return run


def _landscape(args, check, report, position):
    from .viewdata import landscape_job

    run, directions = args
    rows = [0]
    position[0] = lambda: rows[0]

    def progress(p):
        rows[0] = p.rows
        report(p.rows / p.n, p)

    return landscape_job(run, directions, check=check, report=progress)


#: what a child can do: name -> fn(args, check, report(fraction, payload), position), where
#: the job sets ``position[0]`` to a function returning how far it got (step, or rows done)
JOBS: dict[str, Callable[..., Any]] = {"train": _train, "landscape": _landscape}


class ChildDied(RuntimeError):
    """The child process ended (or could not start) before it answered."""


class Child:
    """One child process serving jobs one at a time (the parent's side)."""

    def __init__(self):
        paths = [p for p in sys.path if p]
        code = (f"import sys; sys.path[:0] = {paths!r}; "
                "from app.netlab.worker import serve; serve()")
        self.proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        self.pid = self.proc.pid
        self._inbox: queue.Queue = queue.Queue()
        self._reader = threading.Thread(target=self._read, name=f"netlab-child-{self.pid}",
                                         daemon=True)
        self._reader.start()
        #: steps (or rows) the child recorded after the last cancel reached it
        self.after_cancel: int | None = None
        self.broken = False

    def _read(self) -> None:
        stream = self.proc.stdout
        while True:
            try:
                message = pickle.load(stream)
            except Exception:  # EOF or a broken pipe: the child is gone
                self._inbox.put(("died",))
                return
            self._inbox.put(message)

    def _send(self, *message: Any) -> None:
        pickle.dump(message, self.proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        self.proc.stdin.flush()

    @property
    def alive(self) -> bool:
        return not self.broken and self.proc.poll() is None

    def call(self, kind: str, args: tuple, ticket) -> Any:
        """Run job ``kind`` with ``args`` in the child; ``ticket`` (:class:`app.jobs.Ticket`)
        gets its progress and is polled for a cancel (then :class:`app.jobs.Cancelled` is
        raised once the child stopped)."""
        from app.jobs import Cancelled

        try:
            self._send("job", kind, args)
        except OSError as err:
            self.broken = True
            raise ChildDied(f"the training process is gone ({err})") from err
        calls.append((kind, self.pid))
        cancel_sent = False
        while True:
            try:
                message = self._inbox.get(timeout=POLL)
            except queue.Empty:
                message = None
            if not cancel_sent and ticket.cancelled:
                try:
                    self._send("cancel")
                except OSError:
                    self.broken = True
                    raise Cancelled(ticket.lane) from None
                cancel_sent = True
            if message is None:
                continue
            tag = message[0]
            if tag == "progress":
                if not cancel_sent:
                    ticket.progress(*message[1])
            elif tag == "result":
                if cancel_sent or ticket.cancelled:
                    raise Cancelled(ticket.lane)
                return message[1]
            elif tag == "error":
                if cancel_sent or ticket.cancelled:
                    raise Cancelled(ticket.lane)
                raise message[1]
            elif tag == "cancelled":
                self.after_cancel = message[1]
                stops.append((kind, message[1]))
                raise Cancelled(ticket.lane)
            else:  # "died"
                self.broken = True
                if ticket.cancelled:
                    raise Cancelled(ticket.lane)
                raise ChildDied("the training process ended unexpectedly "
                                f"(exit code {self.proc.wait()})")

    def close(self) -> None:
        """End the child (it exits when its stdin closes)."""
        self.broken = True
        try:
            self.proc.stdin.close()
        except OSError:
            pass


_lock = threading.Lock()
_idle: list[Child] = []


def _acquire() -> Child:
    with _lock:
        while _idle:
            child = _idle.pop()
            if child.alive:
                return child
    return Child()


def _release(child: Child) -> None:
    with _lock:
        if child.alive and len(_idle) < KEEP:
            _idle.append(child)
            return
    child.close()


def run_in_child(kind: str, args: tuple, ticket) -> Any:
    """Job ``kind`` (:data:`JOBS`) on ``args`` in a child process, for a job of the job
    runner (see the module docstring); a child that failed is never reused."""
    child = _acquire()
    try:
        return child.call(kind, args, ticket)
    finally:
        _release(child)


def shutdown_children() -> None:
    """End the idle children (the running ones end with their job or their parent)."""
    with _lock:
        idle, _idle[:] = list(_idle), []
    for child in idle:
        child.close()


# ---------------------------------------------------------------------------------------------
# The child's side
# ---------------------------------------------------------------------------------------------
def serve() -> None:
    """The child's loop: run the jobs read from stdin, one at a time, until stdin ends."""
    import numpy as np  # noqa: F401 (imported before the first job: its start is not timed)

    from app.jobs import Cancelled

    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a stray print cannot break a message
    stdin = sys.stdin.buffer
    jobs: queue.Queue = queue.Queue()
    cancel = threading.Event()
    position: list[Callable[[], int]] = [lambda: 0]
    seen = [0]

    def read() -> None:
        while True:
            try:
                message = pickle.load(stdin)
            except Exception:  # the parent is gone
                os._exit(0)
            if message[0] == "cancel":
                seen[0] = position[0]()
                cancel.set()
            else:
                jobs.put(message)

    threading.Thread(target=read, daemon=True).start()

    def send(*message: Any) -> None:
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    def check() -> None:
        if cancel.is_set():
            raise Cancelled("child")

    def report(fraction: float, payload: Any) -> None:
        if not cancel.is_set():
            send("progress", (fraction, payload))

    while True:
        _, kind, args = jobs.get()
        cancel.clear()
        position[0], seen[0] = (lambda: 0), 0
        try:
            result = JOBS[kind](args, check, report, position)
        except Cancelled:
            send("cancelled", position[0]() - seen[0])
            continue
        except Exception as error:  # handed to the parent, never lost
            try:
                pickle.dumps(error)
            except Exception:
                error = RuntimeError(f"{type(error).__name__}: {error}")
            if cancel.is_set():
                send("cancelled", position[0]() - seen[0])
            else:
                send("error", error)
            continue
        if cancel.is_set():
            send("cancelled", position[0]() - seen[0])
        else:
            send("result", result)
