"""Work split across event-loop turns, so the window answers between its parts.

An :class:`IdleQueue` runs its tasks one per turn of the event loop (a 0 ms timer): building ten
racer cards takes ten turns, and a click or a paint can come between any two. Each task has an
``owner``; :meth:`IdleQueue.cancel` drops an owner's tasks not run yet (a build superseded by a
newer one), and an owner that is a Qt object drops its own when it is deleted (a window closed
while it was building); :meth:`IdleQueue.flush` runs them now (an offscreen window with an
inline job runner wants everything built when a call returns, as its computations are).

:func:`idle_queue` is the application's shared queue (one for every widget that stages work).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QTimer

__all__ = ["IdleQueue", "idle_queue"]


class IdleQueue(QObject):
    """Tasks run in order, one per event-loop turn; ``turns`` counts the turns that ran one."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._tasks: deque[tuple[object, Callable[[], None]]] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_next)
        #: how many turns ran a task (tests count them)
        self.turns = 0

    def add(self, owner: object, task: Callable[[], None]) -> None:
        """Run ``task()`` in a later turn (after the tasks queued before it)."""
        if isinstance(owner, QObject) and not self.pending(owner):
            owner.destroyed.connect(lambda *_, gone=owner: self.cancel(gone))
        self._tasks.append((owner, task))
        if not self._timer.isActive():
            self._timer.start()

    def cancel(self, owner: object) -> int:
        """Drop ``owner``'s tasks not run yet; returns how many were dropped."""
        before = len(self._tasks)
        self._tasks = deque(t for t in self._tasks if t[0] is not owner)
        if not self._tasks:
            self._timer.stop()
        return before - len(self._tasks)

    def _drop_deleted(self) -> None:
        """Drop the tasks whose owner, a Qt object, has been deleted."""
        self._tasks = deque(t for t in self._tasks if _alive(t[0]))
        if not self._tasks:
            self._timer.stop()

    def pending(self, owner: object | None = None) -> int:
        """How many tasks (of ``owner``, or in all) wait for their turn."""
        return sum(1 for o, _ in self._tasks if owner is None or o is owner)

    def flush(self, owner: object | None = None) -> None:
        """Run the waiting tasks (of ``owner``, or all) now, in order."""
        while True:
            task = next((t for t in self._tasks if owner is None or t[0] is owner), None)
            if task is None:
                break
            self._tasks.remove(task)
            task[1]()
        if not self._tasks:
            self._timer.stop()

    def _run_next(self) -> None:
        if not self._tasks:
            return
        owner, task = self._tasks.popleft()
        if not _alive(owner):  # (deleted between its signal and this turn)
            self._drop_deleted()
            if self._tasks:
                self._timer.start()
            return
        self.turns += 1
        try:
            task()
        finally:
            if self._tasks:
                self._timer.start()


def _alive(owner: object) -> bool:
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


_shared: IdleQueue | None = None


def idle_queue() -> IdleQueue:
    """The application's shared queue (made on first use, owned by the QApplication)."""
    global _shared
    app = QCoreApplication.instance()
    if _shared is None or _shared.parent() is not app:
        _shared = IdleQueue(app)
    return _shared
