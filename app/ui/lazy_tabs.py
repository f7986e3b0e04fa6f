"""Tabs whose page is imported and built when first opened: the window's first paint waits only
for what the first screen shows (issue 16: Maps, 3D, Network lab, Analysis load on first use).

A :class:`LazyTab` is an empty placeholder page with the tab's title. When the tab becomes the
current one (or the page is asked for, e.g. ``window.maps_view``), ``build()`` runs: it imports
and makes the real page and adds it (``MainWindow.add_center_tab``), which hands it to
:func:`replace_placeholder`: the page takes the placeholder's place (same index, title and
tooltip; still the current tab if it was).

**Staged building** (issue 14: no event-loop turn over 50 ms): ``build`` may be a generator
function. Each ``yield`` ends one event-loop turn: opening the tab runs one stage per turn as
tasks of the application's idle queue (:mod:`app.ui.idle`; the placeholder says "Loading…"
meanwhile and the window keeps answering), so importing the page's module, making its plot and
making its other widgets are separate turns. A stage may yield a
:class:`concurrent.futures.Future` (e.g. from :func:`in_background`: a big import on another
thread): the next stage then waits until it is done, while the window keeps answering. Asking
for the page (``get()``) finishes the remaining stages at once (waiting for such work).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from app.ui.idle import idle_queue

__all__ = ["LazyTab", "replace_placeholder", "in_background", "import_in_background"]


def in_background(fn: Callable[[], Any]) -> Future:
    """``fn()`` on a new daemon thread; its future (for a stage to yield: e.g. importing a big
    module while the window answers)."""
    future: Future = Future()

    def run() -> None:
        try:
            future.set_result(fn())
        except BaseException as err:  # noqa: BLE001 (handed to whoever waits)
            future.set_exception(err)

    threading.Thread(target=run, name="lazy-tab", daemon=True).start()
    return future


def import_in_background(module: str) -> Future:
    """Import ``module`` on another thread (a page's module: its code is compiled and run
    there; the stage after the yield imports it from ``sys.modules``)."""
    return in_background(lambda: importlib.import_module(module))


class StagedBuild:
    """A page whose construction runs in stages: ``_construct()`` is a generator whose every
    item is one event-loop turn's worth (a lazy tab's build yields from :meth:`stages`, so
    opening the page never stalls the window); ``staged=False`` builds it all at once."""

    def _begin_construction(self, staged: bool) -> None:
        self._stages = self._construct()
        if not staged:
            self.finish_building()

    def _construct(self) -> Iterator[None]:
        raise NotImplementedError

    def stages(self) -> Iterator[None]:
        """The construction still to do, one event-loop turn per item."""
        return self._stages

    def finish_building(self) -> None:
        """Run the construction still to do now."""
        for _ in self._stages:
            pass


class LazyTab(QWidget):
    """The placeholder page of ``title`` in ``tabs``; ``build()`` makes the real page and puts
    it in place (:func:`replace_placeholder`). A generator ``build`` is staged (module
    docstring)."""

    #: background work a stage waits for is done (emitted from its thread: queued to ours)
    _resume = Signal()

    def __init__(self, tabs: QTabWidget, title: str, build: Callable[[], Any]):
        super().__init__()
        self.setObjectName(f"lazy:{title}")
        self.tabs = tabs
        self.title = title
        self._build = build
        self.page: QWidget | None = None
        self._building = False
        self._stages: Iterator[Any] | None = None  # a staged build under way
        self._in_stage = False
        self._waiting: Future | None = None  # background work the next stage waits for
        # replaced by its page while stages remain (they add the page's parts): deleted when
        # they are done, so until then the window's deletion takes the build with it
        self._retired = False
        self._resume.connect(self._queue_stage)
        tabs.addTab(self, QCoreApplication.translate("tabs", title))
        tabs.currentChanged.connect(self._current_changed)

    @property
    def building(self) -> bool:
        """True while ``build()`` runs (the page is being made, maybe over several turns)."""
        return self._building or self._stages is not None

    def _current_changed(self, index: int) -> None:
        if self.page is None and self.tabs.widget(index) is self:
            self.start()

    def start(self) -> None:
        """Build the page: staged over event-loop turns if ``build`` is a generator function,
        else now."""
        if self.page is not None or self.building:
            return
        self._building = True
        try:
            result = self._build()
        finally:
            self._building = False
        if isinstance(result, Iterator):
            self._show_loading()
            self._stages = result
            idle_queue().add(self, self._stage)
        else:
            self._check()

    def _queue_stage(self) -> None:
        self._waiting = None
        if self._stages is not None:
            idle_queue().add(self, self._stage)

    def _stage(self, wait: bool = False) -> bool:
        """Run the next stage (a task of the idle queue, which then gets the one after, or,
        if the stage handed back unfinished background work, when that work is done); False
        when there was none left. ``wait``: wait for such work here (finishing at once)."""
        if self._stages is None or self._in_stage:
            return False
        self._in_stage = True
        try:
            out = next(self._stages)
        except StopIteration:
            self._stages = None
            self._check()
            if self._retired:
                self.deleteLater()
            return False
        finally:
            self._in_stage = False
        if isinstance(out, Future) and not out.done():
            if wait:
                out.exception()  # waits (a failure is the next stage's to report)
            else:
                self._waiting = out
                out.add_done_callback(self._work_done)
                return True
        if not wait:
            self._queue_stage()
        return True

    def _work_done(self, _future: Future) -> None:
        try:
            self._resume.emit()
        except RuntimeError:  # the tab is gone (the window closed meanwhile)
            pass

    def _check(self) -> None:
        if self.page is None:
            raise RuntimeError(f"building the {self.title!r} tab did not add its page")

    def _show_loading(self) -> None:
        label = QLabel(QCoreApplication.translate("tabs", "Loading…"), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setObjectName("hint")
        QVBoxLayout(self).addWidget(label)

    def get(self) -> QWidget:
        """The real page (built now if it was not; a staged build's remaining stages run
        now)."""
        if self.page is None and not self._building:
            if self._stages is None:
                self.start()
            if self._in_stage:
                return self.page  # asked for from inside one of its own stages: not yet
            idle_queue().cancel(self)
            if self._waiting is not None:
                self._waiting.exception()  # the background work the next stage needs
            while self._stage(wait=True):
                pass
            self._check()
        return self.page


def replace_placeholder(placeholder: LazyTab, page: QWidget) -> int:
    """Put ``page`` where ``placeholder`` is (its index, title, tooltip, current or not);
    returns the index."""
    tabs = placeholder.tabs
    tabs.currentChanged.disconnect(placeholder._current_changed)
    placeholder.page = page
    index = tabs.indexOf(placeholder)
    current = tabs.currentIndex() == index
    tip = tabs.tabToolTip(index)
    tabs.insertTab(index, page, QCoreApplication.translate("tabs", placeholder.title))
    tabs.setTabToolTip(index, tip)
    if current:  # (before the placeholder goes: no other tab becomes current meanwhile)
        tabs.setCurrentIndex(index)
    tabs.removeTab(index + 1)
    if placeholder.building:  # its remaining stages are the idle queue's tasks it owns
        placeholder._retired = True
    else:
        placeholder.deleteLater()
    return index
