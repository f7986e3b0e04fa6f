"""Tabs whose page is imported and built when first opened: the window's first paint waits only
for what the first screen shows (issue 16: Maps, 3D, Network lab, Analysis load on first use).

A :class:`LazyTab` is an empty placeholder page with the tab's title. When the tab becomes the
current one (or the page is asked for, e.g. ``window.maps_view``), ``build()`` runs: it imports
and makes the real page and adds it (``MainWindow.add_center_tab``), which hands it to
:func:`replace_placeholder`: the page takes the placeholder's place (same index, title and
tooltip; still the current tab if it was).

**Staged building** (issue 14: no event-loop turn over 50 ms): ``build`` may be a generator
function. Each ``yield`` ends one event-loop turn: opening the tab runs one stage per turn
(:func:`run_in_turns`; the placeholder says "Loading…" meanwhile and the window keeps
answering), so importing the page's module, making its plot and making its other widgets are
separate turns. Asking for the page (``get()``) finishes the remaining stages at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

__all__ = ["LazyTab", "replace_placeholder", "run_in_turns", "turns"]

#: how many event-loop turns staged builds took (tests read it: the mechanism, not a clock)
turns = {"count": 0}


def run_in_turns(steps: Iterator[Any], owner: QObject,
                 done: Callable[[], None] | None = None) -> Callable[[], None]:
    """Advance ``steps`` by one ``next()`` per event-loop turn (a zero-time timer between two,
    so paints, input and timers run in between) while ``owner`` lives; ``done()`` after the
    last. Returns ``finish()``: runs the remaining steps now; False if it cannot (called from
    inside a step), True when none are left."""
    state = {"steps": steps, "running": False}

    def step() -> bool:
        """One stage; False when there are no more."""
        it = state["steps"]
        if it is None or state["running"]:
            return False
        state["running"] = True
        try:
            next(it)
            more = True
        except StopIteration:
            more = False
        finally:
            state["running"] = False
        if not more:
            state["steps"] = None
            if done is not None:
                done()
        return more

    def turn() -> None:
        turns["count"] += 1
        if step():
            QTimer.singleShot(0, owner, turn)

    def finish() -> bool:
        if state["running"]:
            return False
        while step():
            pass
        return True

    QTimer.singleShot(0, owner, turn)
    return finish


class LazyTab(QWidget):
    """The placeholder page of ``title`` in ``tabs``; ``build()`` makes the real page and puts
    it in place (:func:`replace_placeholder`). A generator ``build`` is staged (module
    docstring)."""

    def __init__(self, tabs: QTabWidget, title: str, build: Callable[[], Any]):
        super().__init__()
        self.setObjectName(f"lazy:{title}")
        self.tabs = tabs
        self.title = title
        self._build = build
        self.page: QWidget | None = None
        self._building = False
        self._finish: Callable[[], None] | None = None  # a staged build under way
        tabs.addTab(self, QCoreApplication.translate("tabs", title))
        tabs.currentChanged.connect(self._current_changed)

    @property
    def building(self) -> bool:
        """True while ``build()`` runs (the page is being made, maybe over several turns)."""
        return self._building or self._finish is not None

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
            self._finish = run_in_turns(result, self, self._built)
        elif self.page is None:
            raise RuntimeError(f"building the {self.title!r} tab did not add its page")

    def _built(self) -> None:
        self._finish = None
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
            if self._finish is None:
                self.start()
            if self._finish is not None and not self._finish():
                return self.page  # asked for from inside one of its own stages: not yet
            if self.page is None:
                raise RuntimeError(f"building the {self.title!r} tab did not add its page")
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
    placeholder.deleteLater()
    return index
