"""The job runner's Qt side: outcomes of jobs are delivered on the GUI thread.

:func:`qt_runner` makes an :class:`app.jobs.JobRunner` whose ``deliver`` emits a signal from the
worker thread; the signal's queued connection runs the callback in the thread of ``parent`` (the
GUI thread), so ``on_result``/``on_progress``/``on_error`` may touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

from app.jobs import JobRunner

__all__ = ["qt_runner"]


class _Courier(QObject):
    """Carries callbacks from worker threads to its own (the GUI) thread."""

    posted = Signal(object)

    def __init__(self):
        super().__init__()
        self.posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def _run(self, callback: Callable[[], None]) -> None:
        callback()

    def post(self, callback: Callable[[], None]) -> None:
        try:
            self.posted.emit(callback)
        except RuntimeError:  # the window is gone: nobody is waiting for the outcome
            pass


def qt_runner(parent: QObject) -> JobRunner:
    """A :class:`JobRunner` delivering on ``parent``'s thread; cancelled when ``parent`` dies.

    The courier is not ``parent``'s child: it lives as long as the runner (whose worker threads
    hold it), so a job that finishes while ``parent`` is being taken apart posts to a live
    object (a child would be deleted under the worker's emit: a crash), and its outcome, whose
    ticket was cancelled, is dropped on delivery."""
    courier = _Courier()
    courier.moveToThread(parent.thread())
    runner = JobRunner(courier.post)
    runner._courier = courier  # keeps the Python wrapper alive as long as the runner
    parent.destroyed.connect(runner.cancel_all)
    return runner
