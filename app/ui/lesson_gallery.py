"""The lesson gallery: every built-in scenario with its tag, title and one line."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.lesson_order import builtin_lessons

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["LessonEntry", "lesson_entries", "LessonGallery"]


@dataclass(frozen=True)
class LessonEntry:
    name: str
    tag: str
    title: str
    line: str  # one line: the question (or what to look for)
    error: str = ""

    @property
    def menu_text(self) -> str:
        head = f"{self.tag} — " if self.tag else ""
        return f"{head}{self.title or self.name}".replace("&", "&&")


#: the built-in lessons as read from their files (on first use: the Lessons menu opening, the
#: gallery); they do not change while the program runs, so the menu does not read them again
#: each time it opens (its texts still follow the language: they are localized per call)
_builtin: list | None = None


def lesson_entries() -> list[LessonEntry]:
    """One entry per file in ``assets/scenarios``, in lesson order (a broken file is listed
    with its error)."""
    global _builtin
    if _builtin is None:
        _builtin = builtin_lessons()
    out = []
    for name, loaded in _builtin:
        if isinstance(loaded, Exception):
            out.append(LessonEntry(name, "", name, translate(
                "LessonGallery", "cannot be loaded: {loaded}").format(loaded=loaded), str(loaded)))
            continue
        lesson = loaded.lesson.localized()
        line = lesson.question or lesson.look_for or ""
        out.append(LessonEntry(name, lesson.tag, lesson.title or name, line))
    return out


class LessonGallery(QDialog):
    """A list of the lessons; double-click (or OK) opens one (``chosen`` holds its name)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate(
            "LessonGallery", "Lesson gallery"))
        self.resize(640, 460)
        self.chosen: str | None = None
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(3)
        for e in lesson_entries():
            head = f"{e.tag} · {e.title}" if e.tag else e.title
            item = QListWidgetItem(f"{head}\n    {e.line}")
            item.setData(Qt.ItemDataRole.UserRole, e.name)
            item.setToolTip(e.line)
            self.list.addItem(item)
        self.list.itemDoubleClicked.connect(lambda _: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        if self.list.count():
            self.list.setCurrentRow(0)

    def accept(self) -> None:
        item = self.list.currentItem()
        self.chosen = item.data(Qt.ItemDataRole.UserRole) if item else None
        super().accept()
