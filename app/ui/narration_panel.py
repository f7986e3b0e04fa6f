"""NarrationPanel: the step's arithmetic in plain words, numbers in a monospace font.

It shows a :class:`~app.stepwise.StepExplanation`'s ``narration`` lines as rich text: each line
that describes something drawn on the plot starts with a square in that item's colour (the same
colours as :data:`app.ui.step_overlay.STEP_COLORS`), numbers are set in a monospace font so
columns of digits are easy to compare, warnings (blow-up, frozen run) are red. The text is the
explanation's own (no number is computed here).

The text view never takes the keyboard focus, so the window's Right / Left keys keep stepping.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from app.stepwise import StepExplanation
from app.ui import theme
from app.ui.step_overlay import STEP_COLORS, STEP_KEY

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["NarrationPanel", "MONO_FONT"]

MONO_FONT = "'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace"
_NUMBER = re.compile(r"(?<![\w.^])[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?(?![\w.])")
_KIND_COLOR = {
    "gradient": STEP_COLORS["gradient"],
    "velocity": STEP_COLORS["velocity"],
    "scale": STEP_COLORS["scale"],
    "update": STEP_COLORS["update"],
}


def _mono_numbers(escaped: str) -> str:
    return _NUMBER.sub(lambda m: f"<span style=\"font-family: {MONO_FONT}\">{m.group(0)}"
                                 f"</span>", escaped)


class NarrationPanel(QWidget):
    """Shows one step's narration (:meth:`set_explanation`) or a message (:meth:`set_message`)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(translate(
            "NarrationPanel", "<b>Step by step</b>"))
        self.hint = QLabel(translate(
            "NarrationPanel", "{step_key}: on / off · Right / Left: next / previous step").format(
            step_key=STEP_KEY))
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.text = QTextBrowser()
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text.setOpenLinks(False)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.document().setDocumentMargin(8)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.text, 1)
        self.explanation: StepExplanation | None = None
        self.lines: list[str] = []
        self.message = ""

    def set_message(self, text: str) -> None:
        self.explanation = None
        self.lines = []
        self.message = text
        muted = theme.COLORS["muted"]
        self.text.setHtml(f"<p style=\"color: {muted}\">{html.escape(text)}</p>")

    def set_explanation(self, explanation: StepExplanation, note: str = "",
                        color: str | None = None) -> None:
        """Show ``explanation``; ``note`` is a muted line under the heading; ``color`` the
        racer's colour (a swatch before the heading)."""
        self.explanation = explanation
        self.lines = list(explanation.narration)
        self.message = ""
        muted, error = theme.COLORS["muted"], theme.COLORS["error"]
        parts = []
        for text, kind in zip(explanation.narration, explanation.line_kinds, strict=True):
            body = _mono_numbers(html.escape(text))
            if kind == "header":
                swatch = (f"<span style=\"color: {color}\">■</span> " if color else "")
                parts.append(f"<p style=\"margin-bottom: 2px\"><b>{swatch}{body}</b></p>")
                if note:
                    parts.append(f"<p style=\"color: {muted}; margin-top: 0\">"
                                 f"{html.escape(note)}</p>")
                continue
            if kind == "warning":
                parts.append(f"<p style=\"color: {error}\"><b>⚠</b> {body}</p>")
                continue
            mark = _KIND_COLOR.get(kind)
            bullet = (f"<span style=\"color: {mark}\">■</span>&nbsp;" if mark
                      else "<span style=\"color: transparent\">■</span>&nbsp;")
            weight = " font-weight: bold;" if kind == "result" else ""
            parts.append(f"<p style=\"margin: 3px 0;{weight}\">{bullet}{body}</p>")
        self.text.setHtml("".join(parts))

    def plain_text(self) -> str:
        """What the panel shows, as plain text (for tests and copying)."""
        return self.text.toPlainText()
