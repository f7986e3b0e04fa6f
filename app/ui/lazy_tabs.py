"""Tabs whose page is imported and built when first opened: the window's first paint waits only
for what the first screen shows (issue 16: Maps, 3D, Network lab, Analysis load on first use).

A :class:`LazyTab` is an empty placeholder page with the tab's title. When the tab becomes the
current one (or the page is asked for, e.g. ``window.maps_view``), ``build()`` runs: it imports
and makes the real page and adds it (``MainWindow.add_center_tab``), which hands it to
:func:`replace_placeholder`: the page takes the placeholder's place (same index, title and
tooltip; still the current tab if it was).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QWidget

__all__ = ["LazyTab", "replace_placeholder"]


class LazyTab(QWidget):
    """The placeholder page of ``title`` in ``tabs``; ``build()`` makes the real page and puts
    it in place (:func:`replace_placeholder`)."""

    def __init__(self, tabs: QTabWidget, title: str, build: Callable[[], QWidget]):
        super().__init__()
        self.setObjectName(f"lazy:{title}")
        self.tabs = tabs
        self.title = title
        self._build = build
        self.page: QWidget | None = None
        self._building = False
        tabs.addTab(self, QCoreApplication.translate("tabs", title))
        tabs.currentChanged.connect(self._current_changed)

    @property
    def building(self) -> bool:
        """True while ``build()`` runs (the page is being made)."""
        return self._building

    def _current_changed(self, index: int) -> None:
        if self.page is None and self.tabs.widget(index) is self:
            self.get()

    def get(self) -> QWidget:
        """The real page (built now if it was not)."""
        if self.page is None and not self._building:
            self._building = True
            try:
                self._build()
            finally:
                self._building = False
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
