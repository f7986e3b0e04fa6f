"""Ending a long command cleanly on Ctrl+C, ``kill`` (SIGTERM) or a closed terminal (SIGHUP).

Python's default turns SIGINT into a ``KeyboardInterrupt`` raised wherever the main thread is:
inside a Qt paint event it was swallowed (the render went on), inside a queue's lock it left the
lock held (the main and writer threads then waited on each other forever); SIGTERM and SIGHUP
end the process at once, leaving temporary files and an ffmpeg child behind.

:func:`catch_signals` replaces that for the duration of a job: a signal only *sets a flag*
(:class:`Interruption`), which the job polls at safe points (between frames) and answers by
cleaning up and returning :attr:`Interruption.exit_code` (128 + the signal number: 130, 143,
129). A watchdog thread woken by the signal itself (``signal.set_wakeup_fd``: it wakes even while
the main thread is busy in C code) is the backstop: if the job has not ended ``grace`` seconds
after the signal, it runs ``cleanup()``, prints one line and ends the process with that exit
status, so an interruption never takes longer than about ``grace`` seconds plus the cleanup.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = ["Interruption", "catch_signals", "SIGNALS", "GRACE_S"]

#: the signals that end a job; the ones this platform lacks are skipped
SIGNALS = tuple(s for s in (getattr(signal, n, None) for n in ("SIGINT", "SIGTERM", "SIGHUP"))
                if s is not None)
#: how long the job may take to stop by itself before the watchdog ends the process
GRACE_S = 1.0


class Interruption:
    """Which signal asked the job to stop (``signum`` None: none yet)."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._event = threading.Event()

    def set(self, signum: int) -> None:
        if self.signum is None:
            self.signum = int(signum)
        self._event.set()

    def is_set(self) -> bool:
        """True once a signal came (what a job's ``cancelled()`` polls)."""
        return self._event.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._event.wait(timeout)

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name if self.signum is not None else ""

    @property
    def exit_code(self) -> int:
        """128 + the signal number, the shell's convention (SIGINT 130, SIGTERM 143)."""
        return 128 + (self.signum or 0)

    def message(self, what: str = "nothing was written") -> str:
        return f"descent-lab: interrupted ({self.name}); {what}"


@contextmanager
def catch_signals(cleanup: Callable[[], object] = lambda: None, grace: float = GRACE_S,
                  ) -> Iterator[Interruption]:
    """Within the block, SIGINT, SIGTERM and SIGHUP set the yielded :class:`Interruption`
    instead of raising or killing; ``cleanup`` is the watchdog's last resort (see the module
    docstring). The previous handlers are restored at the end. Outside the main thread (no
    signal handlers can be set there) the block just runs, with a flag that never gets set."""
    interruption = Interruption()
    if threading.current_thread() is not threading.main_thread() or not SIGNALS:
        yield interruption
        return
    done = threading.Event()
    reader, writer = socket.socketpair()
    reader.settimeout(None)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    previous = {s: signal.signal(s, lambda signum, frame: interruption.set(signum))
                for s in SIGNALS}
    watchdog = threading.Thread(target=_watch, args=(reader, interruption, done, cleanup, grace),
                                name="signal-watchdog", daemon=True)
    watchdog.start()
    try:
        yield interruption
    finally:
        done.set()
        for s, handler in previous.items():
            signal.signal(s, handler)
        signal.set_wakeup_fd(previous_fd)
        writer.close()  # wakes the watchdog if no signal came
        watchdog.join(grace + 1.0)
        reader.close()


def _watch(reader: socket.socket, interruption: Interruption, done: threading.Event,
           cleanup: Callable[[], object], grace: float) -> None:
    try:
        data = reader.recv(16)
    except OSError:
        return
    if not data or done.is_set():  # closed: the job ended without a signal
        return
    interruption.set(data[0])  # the C-level handler wrote the signal number
    if done.wait(grace):
        return  # the job stopped by itself and cleaned up
    try:
        cleanup()
    finally:
        try:
            os.write(2, (interruption.message() + "\n").encode())
        except OSError:
            pass
        os._exit(interruption.exit_code)
