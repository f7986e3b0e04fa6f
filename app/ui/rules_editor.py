"""Racers > Your optimizer…: write an optimizer as update rules, with caret errors.

The dialog edits a :class:`app.optimizers.rules.Rules`: a name, hyperparameters
(``lr = 0.01, beta1 = 0.9``), state variables with initial values (``m = 0``) and one update
line per row (``p = p - lr*g``). Every edit is checked as the user types, off the window's
thread (the job runner's lane ``rules``, newest wins; the parser is the formula field's), and
the first problem is shown with a caret under it as in the formula field. "Add racer" installs
the rules through the optimizer protocol (:func:`app.optimizers.rules.install`) and races them.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.jobs import Cancelled
from app.optimizers import rules as rules_mod
from app.ui import theme
from app.ui.jobs_qt import qt_runner
from surfaces.params import parse_number

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["RulesEditor", "parse_assignments"]

#: what "check" waits after the last keystroke (a burst of typing is one job)
CHECK_DELAY_MS = 150


def parse_assignments(text: str, what: str, numbers: bool) -> dict:
    """``a = 1, b = 2`` (or one per line) as a dict; numbers parsed when ``numbers``."""
    out: dict = {}
    for part in text.replace("\n", ",").split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key or not value:
            raise ValueError(f"{what}: expected name = value, got {part.strip()!r}")
        if numbers:
            try:
                out[key] = parse_number(value)
            except ValueError:
                raise ValueError(f"{what}: {key} = {value!r} is not a number") from None
        else:
            out[key] = value
    return out


class RulesEditor(QDialog):
    """The editor; ``session`` gets a racer with the installed optimizer on "Add racer"."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate(
            "RulesEditor", "Your optimizer: update rules"))
        self.session = session
        self.runner = qt_runner(self)
        self.ticket = None
        self.checked: rules_mod.Rules | None = None  # the last text that compiled
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)

        self.examples = QComboBox()
        self.examples.addItem(translate(
            "RulesEditor", "Start from an example…"), None)
        for key, example in rules_mod.EXAMPLES.items():
            self.examples.addItem(example.title or key, key)
        self.examples.activated.connect(self._example)
        self.name = QLineEdit("my_optimizer")
        self.hyper = QLineEdit("lr = 0.01")
        self.hyper.setToolTip(translate(
            "RulesEditor", "hyperparameters with their defaults: lr = 0.01, beta = 0.9"))
        self.state = QLineEdit("")
        self.state.setToolTip(translate(
            "RulesEditor", "state variables and their initial values (in p and the "
                           "hyperparameters): m = 0, v = 0"))
        self.update_text = QPlainTextEdit("p = p - lr*g")
        self.update_text.setFont(mono)
        self.update_text.setToolTip(
            translate(
                "RulesEditor", "one assignment per line, in order: p (the new point), a state "
                               "variable, or a new name for later lines; use g (gradient), p "
                               "(point), t (step, 1 at the first update), lr and your names, "
                               "with the formula field's functions (sqrt, sign, abs, max, ...)"))
        self.error = QLabel("")
        self.error.setFont(mono)
        self.error.setWordWrap(False)
        self.error.setObjectName("fieldError")

        form = QFormLayout()
        form.addRow("", self.examples)
        form.addRow(translate("RulesEditor", "name"), self.name)
        form.addRow(translate("RulesEditor", "hyperparameters"), self.hyper)
        form.addRow(translate("RulesEditor", "state"), self.state)
        form.addRow(translate("RulesEditor", "update"), self.update_text)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(translate(
            "RulesEditor", "Add racer"),
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.add_racer)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(560, 420)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check)
        for field in (self.name, self.hyper, self.state):
            field.textChanged.connect(lambda _: self._timer.start())
        self.update_text.textChanged.connect(self._timer.start)
        self.check()

    # -- text ↔ rules ----------------------------------------------------------------------
    def rules(self) -> rules_mod.Rules:
        """The rules the fields say (``ValueError`` for a malformed hyperparameter list)."""
        lines = [line for line in self.update_text.toPlainText().splitlines() if line.strip()]
        return rules_mod.Rules(self.name.text().strip(),
                               parse_assignments(self.hyper.text(), "hyperparameters", True),
                               parse_assignments(self.state.text(), "state", False), lines)

    def set_rules(self, rules: rules_mod.Rules) -> None:
        self.name.setText(rules.name)
        self.hyper.setText(", ".join(f"{k} = {v:g}" for k, v in rules.hyper.items()))
        self.state.setText(", ".join(f"{k} = {v}" for k, v in rules.state.items()))
        self.update_text.setPlainText("\n".join(rules.update))
        self.check()

    def _example(self, index: int) -> None:
        key = self.examples.itemData(index)
        if key is not None:
            example = rules_mod.EXAMPLES[key]
            self.set_rules(rules_mod.Rules(f"my_{key.removesuffix('_rules')}", example.hyper,
                                           example.state, example.update, example.title))

    # -- checking (a job) ------------------------------------------------------------------
    def check(self):
        """Compile the current text in the job runner; the result or the error comes back."""
        self._timer.stop()
        try:
            rules = self.rules()
        except ValueError as err:
            self._show_error(str(err))
            return None

        def compile_rules(ticket):
            ticket.check()
            rules_mod.compile_rules(rules)
            return rules

        self.add_button.setEnabled(False)
        self.ticket = self.runner.submit("rules", compile_rules, on_result=self._ok,
                                         on_error=self._failed)
        return self.ticket

    def _ok(self, rules) -> None:
        self.checked = rules
        self.error.setText("")
        self.add_button.setEnabled(True)

    def _failed(self, err: Exception) -> None:
        if isinstance(err, Cancelled):
            return
        self.checked = None
        self._show_error(err.pretty() if isinstance(err, rules_mod.RuleError) else str(err))

    def _show_error(self, text: str) -> None:
        self.checked = None
        self.add_button.setEnabled(False)
        self.error.setText(f"<pre style='color:{theme.COLORS['error']}'>"
                           f"{html.escape(text, quote=False)}</pre>")

    # -- installing ------------------------------------------------------------------------
    def add_racer(self) -> None:
        """Install the checked rules as an optimizer and add a racer that uses them."""
        if self.checked is None:
            return
        try:
            spec = rules_mod.install(self.checked)
        except rules_mod.RuleError as err:
            self._show_error(err.pretty())
            return
        self.session.add_racer(spec.name)
        self.accept()
