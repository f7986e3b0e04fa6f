"""LessonPanel: the current scenario's lesson (question, what to look for, why)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from app import lesson_state
from app.netlab.viewdata import describe_config
from app.scenario import Lesson
from app.ui import theme
from app.ui.session import Session

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["LessonPanel", "lesson_html"]


def lesson_html(lesson: Lesson, surface_title: str = "", surface_text: str = "",
                note: str = "") -> str:
    """The lesson as rich text (also usable by export for a caption); ``note`` (e.g. that the
    set-up no longer matches the lesson) is shown above it."""
    c = theme.COLORS
    esc = html.escape
    lesson = lesson.localized()
    parts = [f"<div style='color:{c['text']}; font-size:10.5pt'>"]
    if note:
        parts.append(f"<p style='color:{c['error']}; font-weight:bold'>⚠ {esc(note)}</p>")
    if lesson.tag or lesson.title:
        tag = (f"<span style='background:{c['accent']}; color:#111; border-radius:3px;'>"
               f"&nbsp;{esc(lesson.tag)}&nbsp;</span>&nbsp; " if lesson.tag else "")
        parts.append(f"<p style='font-size:13pt; font-weight:bold'>{tag}{esc(lesson.title)}</p>")
    sections = ((translate("LessonPanel", "Question"), lesson.question),
                (translate("LessonPanel", "Look for"), lesson.look_for),
                (translate("LessonPanel", "Why"), lesson.why))
    for head, text in sections:
        if text:
            parts.append(f"<p style='color:{c['accent']}; font-weight:bold; margin-bottom:2px'>"
                         f"{head}</p><p style='margin-top:0'>{esc(text)}</p>")
    if not any(text for _, text in sections) and not lesson.title:
        parts.append(translate(
            "LessonPanel", "<p style='color:{color}'>No lesson text for this set-up. Pick "
                           "one from the <b>Lessons</b> menu, or explore: click the plot to "
                           "add start points and change the racers on the left.</p>").format(
            color=c['muted']))
    if surface_title:
        parts.append(translate(
            "LessonPanel", "<hr><p style='color:{color}'><b>Surface: "
                           "{title}</b><br>{text}</p>").format(
            color=c['muted'], title=esc(surface_title),
            text=esc(surface_text)))
    parts.append("</div>")
    return "".join(parts)


class LessonPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.browser)
        self._changes: tuple[str, ...] = ()
        self._page = ""  # the HTML shown
        session.scenarioReplaced.connect(self.sync)
        session.surfaceChanged.connect(self.sync)
        session.scenarioEdited.connect(self._check_changes)
        self.sync()

    def _check_changes(self) -> None:
        """Redraw only when what changed since the lesson's set-up changes (cheap per edit)."""
        if self.session.lesson_changes() != self._changes:
            self.sync()

    def sync(self) -> None:
        scenario, s = self.session.scenario, self.session.surface
        # the registry's texts, in the catalogue's context "surfaces"
        title = translate("surfaces", getattr(s, "title", "") or "") if s else ""
        text = translate("surfaces", getattr(s, "description", "") or "") if s else ""
        if scenario.netlab is not None and not scenario.has_2d_setup():
            # a network-lab scenario without a 2D part: name the network, not a surface
            config = scenario.net_config()
            title = translate("LessonPanel", "Network lab")
            text = translate("LessonPanel", "Trains {network} for {steps} steps (the Network "
                                            "lab tab).").format(network=describe_config(config),
                                                                steps=config.steps)
        self._changes = self.session.lesson_changes()
        note = lesson_state.stale_note(self._changes)
        page = lesson_html(scenario.lesson, title, text, note)
        if page != self._page:  # (opening a lesson tells the panel twice: laid out once)
            self._page = page
            self.browser.setHtml(page)

    def text(self) -> str:
        return self.browser.toPlainText()
