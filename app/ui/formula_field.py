"""FormulaField: type ``f(x, y)`` and watch the surface follow, with errors pointed at.

The entry of the ``formula`` surface's ``expr`` parameter (:mod:`surfaces.formula`). It behaves
like a :class:`~app.ui.param_fields.ParamField` (``committed(name, value)`` with valid values
only, ``set_value``, ``set_error``, ``has_error``, ``set_text``), so a
:class:`~app.ui.param_fields.ParamForm` can hold it, but the text is applied *as the user
types*, and the window's thread never parses or compiles it (both are jobs of the one job
runner, :mod:`app.jobs`; the newest wins, a stale one is never shown):

* every keystroke parses the text (:func:`~surfaces.formula.parse_formula`, no derivatives) in
  the background: a displayed error follows the typing (or disappears when the text parses),
  and ``DEBOUNCE_MS`` after the last keystroke the text is applied;
* applying (after the pause, at once on Enter or when the field loses focus) compiles the
  formula with its exact derivatives (:func:`~surfaces.formula.compile_formula`, cached, so the
  session's own build is instant) in the background; meanwhile the field says "compiling…" and
  the plot keeps the last valid surface; then it commits. A formula already compiled commits at
  once. The compiler's cost is bounded before and during the work (see
  :func:`surfaces.formula_compiler.compile_formula`); a newer edit cancels it;
* a bad formula is shown inline: the plain message (``unknown function 'sinn' - did you mean
  'sin'?``), then the formula in a monospace label with a caret under the offending character.
  Nothing is committed, so the plot keeps the last valid surface; Escape restores its text.

The *Examples* menu puts a formula one click away (and applies it).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import QT_TRANSLATE_NOOP
from app.ui.jobs_qt import qt_runner
from surfaces.formula import (
    MAX_LENGTH,
    FormulaError,
    compile_formula,
    format_formula_error,
    is_compiled,
    parse_formula,
)
from surfaces.params import Param

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["FormulaField", "EXAMPLES", "DEBOUNCE_MS", "PARSE_LANE", "COMPILE_LANE"]

#: the job runner's lanes: the quick parse of each keystroke, and the compile of an applied text
PARSE_LANE, COMPILE_LANE = "formula-parse", "formula-compile"

#: the text is applied this long after the last keystroke (and at once on Enter)
DEBOUNCE_MS = 300

#: (formula, what it shows): the Examples menu
EXAMPLES: tuple[tuple[str, str], ...] = (
    ("x^2 + 10*y^2",
     QT_TRANSLATE_NOOP("FormulaField", "a narrow valley: one direction 10x steeper")),
    ("abs(x) + y^2",
     QT_TRANSLATE_NOOP("FormulaField", "a kink along x = 0: the gradient jumps")),
    ("log(1 + exp(x)) + (y - sin(x))^2",
     QT_TRANSLATE_NOOP("FormulaField", "softplus slope along a wavy valley")),
    ("(1-x)^2 + 100*(y-x^2)^2",
     QT_TRANSLATE_NOOP("FormulaField", "Rosenbrock's banana: a curved, flat-bottomed valley")),
    ("relu(x) + 0.5*y^2",
     QT_TRANSLATE_NOOP("FormulaField", "flat for x < 0: no gradient in x there")),
    ("(x^2 - 1)^2 + y^2",
     QT_TRANSLATE_NOOP("FormulaField", "two minima: where you start decides where you end")),
    ("sin(3*x)*cos(3*y)/3 + 0.1*(x^2 + y^2)",
     QT_TRANSLATE_NOOP("FormulaField", "bumpy: many local minima")),
    ("log(x + 2) + y^2",
     QT_TRANSLATE_NOOP("FormulaField",
                       "a hole: log is undefined for x <= -2 (a run falling in stops)")),
)


def _mono_font():
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(font.StyleHint.Monospace)
    return font


class FormulaField(QWidget):
    """The formula entry with the Examples menu and the inline error (message and caret)."""

    committed = Signal(str, object)
    #: ParamForm: this field takes a whole row and shows its own label
    spans_row = True

    def __init__(self, param: Param, value: Any = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.param = param
        self.value = str(param.default if value is None else value)
        self._debounce = False  # read by ParamForm: a formula is applied at once, not throttled
        self._error: FormulaError | str | None = None
        tip = (translate(
            "FormulaField", "<b>f(x, y)</b>: {param_doc}<br>numbers, x, y, pi, e, + - * / ^ ( "
                            ") and sin cos tan exp log sqrt abs tanh sigmoid softplus relu elu "
                            "min max ...<br><i>applied as you type (Enter: at once); Esc "
                            "restores the last valid formula</i>").format(
            param_doc=param.doc or param.name))
        self.setToolTip(tip)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)

        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        title = QLabel("f(x, y) =")
        title.setToolTip(tip)
        head.addWidget(title)
        head.addStretch(1)
        self.examples_button = QToolButton()
        self.examples_button.setText(translate(
            "FormulaField", "Examples"))
        self.examples_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.examples_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.examples_button.setToolTip(translate(
            "FormulaField", "put an example formula in the field"))
        self.examples_menu = QMenu(self.examples_button)
        self.examples_menu.setToolTipsVisible(True)
        for text, what in EXAMPLES:
            what = translate("FormulaField", what)
            act = self.examples_menu.addAction(f"{text}   — {what}")
            act.setToolTip(what)
            act.setData(text)
            act.triggered.connect(lambda _=False, t=text: self.choose_example(t))
        self.examples_button.setMenu(self.examples_menu)
        head.addWidget(self.examples_button)
        outer.addLayout(head)

        self.edit = QLineEdit(self.value)
        self.edit.setFont(_mono_font())
        self.edit.setCursorPosition(0)
        self.edit.setPlaceholderText("e.g. x^2 + 10*y^2")
        self.edit.setToolTip(tip)
        # no cut at 2,000: the parser refuses more than MAX_LENGTH with the length it saw; only
        # a paste beyond the entry's own limit (32,767) is cut, and then said (_too_long)
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(self._editing_finished)
        self.edit.installEventFilter(self)
        outer.addWidget(self.edit)

        # the plain message, then the formula with a caret under the offending character
        self.error_label = QLabel()
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        outer.addWidget(self.error_label)
        self.caret_label = QLabel()
        self.caret_label.setObjectName("fieldError")
        self.caret_label.setFont(_mono_font())
        self.caret_label.setTextFormat(Qt.TextFormat.PlainText)
        self.caret_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # a long formula must not widen the panel: the label is cut to its width instead
        self.caret_label.setSizePolicy(QSizePolicy.Policy.Ignored,
                                       QSizePolicy.Policy.Preferred)
        self.caret_label.hide()
        outer.addWidget(self.caret_label)
        self.kept_label = QLabel(self.tr("The plot keeps the last valid formula (Esc restores "
                                         "it)."))
        self.kept_label.setObjectName("hint")
        self.kept_label.setWordWrap(True)
        self.kept_label.hide()
        outer.addWidget(self.kept_label)

        self.compiling_label = QLabel(translate(
            "FormulaField", "compiling f(x, y) and its derivatives… (the plot keeps the last "
                            "valid formula meanwhile)"))
        self.compiling_label.setObjectName("hint")
        self.compiling_label.setWordWrap(True)
        self.compiling_label.hide()
        outer.addWidget(self.compiling_label)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.apply)
        self.runner = qt_runner(self)
        #: the text being compiled (None: nothing pending)
        self.compiling: str | None = None

    # -- typing ----------------------------------------------------------------------------
    def _too_long(self, text: str) -> bool:
        """Text that filled the entry to its limit was cut: say so (nothing is applied)."""
        if len(text) < self.edit.maxLength():
            return False
        self._show(translate(
            "FormulaField", "formula too long: the pasted text was cut at {edit_maxlength:,} "
                            "characters (a formula has at most {max_length:,})").format(
            edit_maxlength=self.edit.maxLength(), max_length=MAX_LENGTH))
        return True

    def _edited(self, text: str) -> None:
        """A keystroke: a quick parse (no derivatives) in the background, then apply after a
        pause; a compile of an older text in progress is dropped."""
        self._cancel_compile()
        if self._too_long(text):
            self.timer.stop()
            return
        self.runner.submit(PARSE_LANE, lambda _ticket: parse_formula(text),
                           on_result=lambda _expr: self._parsed(text, None),
                           on_error=lambda err: self._parsed(text, err))
        self.timer.start()

    def _parsed(self, text: str, err: BaseException | None) -> None:
        if text != self.edit.text():
            return  # typed on since
        if err is not None:
            if self.has_error():  # already red: let the caret follow the typing
                self._show(_as_error(err))
        elif self.has_error():
            self.clear_error()

    def _editing_finished(self) -> None:
        """Enter, or focus leaving the field: apply what is pending now."""
        if self.timer.isActive() or (self.edit.text() != self.value
                                     and self.edit.text() != self.compiling):
            self.apply()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if (obj is self.edit and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Escape
                and (self.edit.text() != self.value or self.has_error()
                     or self.compiling is not None)):
            self.revert()
            return True
        return super().eventFilter(obj, event)

    def apply(self) -> None:
        """Validate the text (parse, then derivatives) in the background and commit it if it
        is valid; a bad one is shown with its caret and nothing is committed (the session,
        hence the plot, keeps the previous formula). A text compiled before (the cache)
        commits at once."""
        self.timer.stop()
        self.runner.cancel(PARSE_LANE)
        text = self.edit.text()
        if self._too_long(text):
            self._cancel_compile()
            return
        if is_compiled(text):
            self._cancel_compile()
            self._compiled(text, None)
            return
        self.compiling = text
        self.compiling_label.show()
        self.runner.submit(COMPILE_LANE,
                           lambda ticket: compile_formula(text, ticket.check),
                           on_result=lambda _c: self._compiled(text, None),
                           on_error=lambda err: self._compiled(text, err))

    def _compiled(self, text: str, err: BaseException | None) -> None:
        if self.compiling not in (None, text):
            return  # a newer text is being compiled
        self.compiling = None
        self.compiling_label.hide()
        if err is not None:
            self._show(_as_error(err))
            return
        self.clear_error()
        if text != self.value:
            self.value = text
            self.committed.emit(self.param.name, text)

    def _cancel_compile(self) -> None:
        if self.compiling is not None:
            self.runner.cancel(COMPILE_LANE)
            self.compiling = None
            self.compiling_label.hide()

    @property
    def busy(self) -> bool:
        """A parse or a compile is in progress (tests, scripted demos wait for it)."""
        return self.compiling is not None or self.runner.busy(PARSE_LANE)

    def choose_example(self, text: str) -> None:
        self.edit.setText(text)
        self.edit.setCursorPosition(len(text))
        self.apply()

    def revert(self) -> None:
        """Back to the last valid (committed) formula."""
        self.timer.stop()
        self.runner.cancel(PARSE_LANE)
        self._cancel_compile()
        self.edit.setText(self.value)
        self.edit.setCursorPosition(len(self.value))
        self.clear_error()

    # -- the ParamField interface ----------------------------------------------------------
    @property
    def editor(self) -> QLineEdit:
        return self.edit

    def set_text(self, text: str) -> None:
        """Type ``text`` and press Enter, as a user would (tests, scripted demos); the
        commit or the error follows when the compile is done (:attr:`busy`)."""
        self.edit.setText(text)
        self.apply()

    def set_value(self, value: Any) -> None:
        """Show ``value`` from the model (a loaded scenario): replaces a pending edit."""
        value = str(value)
        if value == self.value:
            return  # our own commit coming back, or another field: keep what is being typed
        self.value = value
        self.timer.stop()
        self.runner.cancel(PARSE_LANE)
        self._cancel_compile()
        self.edit.setText(value)
        self.edit.setCursorPosition(0)
        self.clear_error()

    def has_error(self) -> bool:
        return self._error is not None

    def error_text(self) -> str:
        """The message and, for a formula error, the formula with its caret (as shown)."""
        if self._error is None:
            return ""
        caret = self.caret_label.text() if not self.caret_label.isHidden() else ""
        return self.error_label.text() + ("\n" + caret if caret else "")

    def set_error(self, error: FormulaError | str) -> None:
        """Show ``error``: a :class:`FormulaError` with its caret, or a plain message."""
        self._show(error)

    def clear_error(self) -> None:
        if self._error is None:
            return
        self._error = None
        for label in (self.error_label, self.caret_label, self.kept_label):
            label.hide()
        self._mark_invalid(False)

    # -- showing an error ------------------------------------------------------------------
    def _show(self, error: FormulaError | str) -> None:
        self._error = error
        message = error.message if isinstance(error, FormulaError) else str(error)
        self.error_label.setText(message)
        self.error_label.show()
        self._render_caret()
        self.kept_label.show()
        self._mark_invalid(True)

    def _render_caret(self) -> None:
        err = self._error
        if not isinstance(err, FormulaError) or err.position is None or err.text is None:
            self.caret_label.hide()
            return
        # as many characters as the label has room for (the formula is cut around the caret)
        room = self.caret_label.width() or self.edit.width()
        columns = room // max(QFontMetrics(self.caret_label.font()).horizontalAdvance("0"), 1)
        block = format_formula_error(err, width=max(16, columns - 8)).split("\n", 1)[1]
        self.caret_label.setText(block)
        self.caret_label.show()

    def resizeEvent(self, event):  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if self._error is not None:
            self._render_caret()

    def _mark_invalid(self, on: bool) -> None:
        if bool(self.edit.property("invalid")) == on:
            return
        self.edit.setProperty("invalid", on)
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)


def _as_error(err: BaseException) -> FormulaError | str:
    """What the field shows for a failed parse or compile."""
    return err if isinstance(err, FormulaError) else f"{type(err).__name__}: {err}"
