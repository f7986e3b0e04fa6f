"""Form fields generated from :class:`surfaces.params.Param` specs.

A :class:`ParamField` edits one value: a number entry (always exact) with a slider where the
range allows (logarithmic for ``log_scale`` params such as lr), a check box for booleans, a combo
box for choices, a text entry for free text (e.g. a formula). It reads the text with
``Param.parse`` (then the typed ``Param.coerce``) as the user types: a bad value turns the entry
red and shows the reason under it, and nothing is sent on, so the last valid state stays. The
tooltip is the Param's one-line ``doc``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from app.numbers import format_field, format_number
from surfaces.params import Param

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["ParamField", "ParamForm", "LogSliderRange", "DecaySliderRange", "format_value"]

SLIDER_TICKS = 1000
ERROR_DELAY_MS = 400
#: while a slider is held its positions go on at most once a display frame (the newest wins):
#: a fast drag does not queue an edit per mouse event
SLIDER_FRAME_MS = 16


def format_value(param: Param, value: Any) -> str:
    if param.kind is tuple:
        return ", ".join(format_number(v) for v in value)
    if param.kind is int:
        return str(int(value))
    if param.kind is float:
        return format_field(value)
    return str(value)


class LogSliderRange:
    """Maps slider ticks ``0..SLIDER_TICKS`` to a value range, linear or logarithmic."""

    def __init__(self, low: float, high: float, log: bool):
        self.low, self.high, self.log = low, high, log

    @classmethod
    def for_param(cls, p: Param) -> LogSliderRange | None:
        if p.kind is not float:
            return None
        if p.log_scale:
            low = p.low if p.low is not None and p.low > 0 else None
            high = p.high if p.high is not None else None
            d = p.default if isinstance(p.default, int | float) and p.default > 0 else 1e-2
            low = low or d / 1e4
            high = min(high, d * 1e4) if high else d * 1e4
            if p.name == "lr":
                low, high = 1e-5, 10.0
            return cls(low, high, True)
        if p.low is not None and p.high is not None and p.high - p.low <= 1e3:
            return cls(p.low, p.high, False)
        return None

    def to_tick(self, v: float) -> int:
        if self.log:
            v = min(max(v, self.low), self.high)
            t = (math.log10(v) - math.log10(self.low)) / (math.log10(self.high)
                                                          - math.log10(self.low))
        else:
            t = (min(max(v, self.low), self.high) - self.low) / (self.high - self.low)
        return round(t * SLIDER_TICKS)

    def to_value(self, tick: int) -> float:
        t = tick / SLIDER_TICKS
        if self.log:
            e = math.log10(self.low) + t * (math.log10(self.high) - math.log10(self.low))
            return float(f"{10 ** e:.3g}")
        return float(f"{self.low + t * (self.high - self.low):.4g}")


class DecaySliderRange:
    """Maps slider ticks ``0..SLIDER_TICKS`` to a decay rate ``beta`` in ``[0, 1)`` (each item of
    a tuple such as Adam's ``betas``) through ``log10(1 - beta)``, from ``0`` (beta 0) to
    ``-4`` (beta 0.9999): equal slider steps change the averaging window ``1 / (1 - beta)`` by
    equal ratios, so 0.9, 0.99 and 0.999 are as far apart as 0, 0.9 and 0.99."""

    DECADES = 4.0

    @classmethod
    def for_param(cls, p: Param) -> DecaySliderRange | None:
        """A range for a fixed-length tuple whose items lie in ``[0, 1)`` (the betas), else
        None (e.g. Rprop's etas, a schedule's milestones: no slider)."""
        if (p.kind is tuple and p.length and p.low is not None and p.low >= 0
                and p.high == 1):
            return cls()
        return None

    def to_tick(self, v: float) -> int:
        gap = min(max(1.0 - float(v), 10 ** -self.DECADES), 1.0)
        return round(-math.log10(gap) / self.DECADES * SLIDER_TICKS)

    def to_value(self, tick: int) -> float:
        gap = float(f"{10 ** (-self.DECADES * tick / SLIDER_TICKS):.3g}")
        return float(f"{1.0 - gap:.6g}")


class ParamField(QWidget):
    """Edits one parameter; emits ``committed(name, value)`` only with valid values."""

    committed = Signal(str, object)

    def __init__(self, param: Param, value: Any = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.param = param
        self.value = param.default if value is None else value
        self.editor: QWidget
        self.slider: QSlider | None = None
        self.range: LogSliderRange | None = None
        #: a tuple's sliders, one per item (the betas), and their range
        self.sliders: list[QSlider] = []
        self.item_range: DecaySliderRange | None = None
        tip = translate("params", param.doc) if param.doc else param.name  # the catalogue's
        rng = param.range_text()
        self.setToolTip(f"<b>{param.name}</b>: {tip}<br><i>{rng}</i>" if rng else tip)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        outer.addLayout(row)
        self.error_label = QLabel()
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        outer.addWidget(self.error_label)
        self._error_timer = QTimer(self)
        self._error_timer.setSingleShot(True)
        self._error_timer.setInterval(ERROR_DELAY_MS)
        self._error_timer.timeout.connect(self._show_pending_error)
        self._pending_error = ""

        if param.kind is bool:
            box = QCheckBox()
            box.setChecked(bool(self.value))
            box.toggled.connect(lambda on: self._commit(bool(on)))
            self.editor = box
            row.addWidget(box)
            row.addStretch(1)
        elif param.kind is str and param.choices:
            combo = QComboBox()
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.addItems(list(param.choices))
            combo.setCurrentText(str(self.value))
            combo.currentTextChanged.connect(self._commit)
            self.editor = combo
            row.addWidget(combo, 1)
        else:
            edit = QLineEdit(format_value(param, self.value))
            edit.setCursorPosition(0)
            edit.setToolTip(self.toolTip())
            self.editor = edit
            self.range = LogSliderRange.for_param(param)
            if self.range is not None:
                self.slider = QSlider(Qt.Orientation.Horizontal)
                self.slider.setRange(0, SLIDER_TICKS)
                self.slider.setToolTip(self.toolTip())
                self.slider.setValue(self.range.to_tick(float(self.value)))
                self.slider.valueChanged.connect(self._slider_moved)
                self.slider.sliderReleased.connect(self._slider_released)
                row.addWidget(self.slider, 3)
                edit.setMaximumWidth(100)
                row.addWidget(edit, 2)
            else:
                row.addWidget(edit, 1)
                self.item_range = DecaySliderRange.for_param(param)
                if self.item_range is not None:
                    outer.insertLayout(1, self._item_sliders(param))
            if param.kind is not str:
                edit.textEdited.connect(lambda text: self._text_changed(text, False))
            edit.editingFinished.connect(self._editing_finished)

    def _item_sliders(self, param: Param) -> QHBoxLayout:
        """One slider per item of a tuple (beta1, beta2, ...), side by side under the entry."""
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        symbol = "β" if param.name == "betas" else param.name[:1]
        for i, v in enumerate(self.value):
            label = QLabel(f"{symbol}{i + 1}")
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(0, SLIDER_TICKS)
            slider.setToolTip(self.toolTip())
            label.setToolTip(self.toolTip())
            slider.setValue(self.item_range.to_tick(float(v)))
            slider.valueChanged.connect(lambda tick, _i=i: self._item_slider_moved(_i, tick))
            slider.sliderReleased.connect(self._slider_released)
            row.addWidget(label)
            row.addWidget(slider, 1)
            self.sliders.append(slider)
        return row

    def _show_items(self, value: Any) -> None:
        """Put the item sliders where ``value``'s items are (without emitting)."""
        if not self.sliders:
            return
        for slider, v in zip(self.sliders, value, strict=False):
            slider.blockSignals(True)
            slider.setValue(self.item_range.to_tick(float(v)))
            slider.blockSignals(False)

    def _item_slider_moved(self, i: int, tick: int) -> None:
        items = list(self.value if self._held is None else self._held)
        items[i] = self.item_range.to_value(tick)
        self._slider_commit(self.sliders[i], items)

    # -- a held slider: one position a frame -------------------------------------------------
    _held = None  # the newest position of a held slider not sent on yet
    _frame = None  # the QTimer pacing a held slider (made at its first drag)

    def _slider_commit(self, slider: QSlider, value: Any) -> None:
        """A slider's value (checked, shown in the entry) sent on: at once, and while the
        slider is held at most once every :data:`SLIDER_FRAME_MS` (positions in between: only
        the newest goes on)."""
        try:
            value = self.param.coerce(value)
        except ValueError as err:
            self.set_error(str(err))
            return
        self.editor.setText(format_value(self.param, value))
        self.editor.setCursorPosition(0)
        if not slider.isSliderDown():
            self._commit(value, debounce=True)
            return
        if self._frame is None:
            self._frame = QTimer(self)
            self._frame.setSingleShot(True)
            self._frame.setInterval(SLIDER_FRAME_MS)
            self._frame.timeout.connect(self._send_held)
        if self._frame.isActive():
            self._held = value
            return
        self._held = None
        self._commit(value, debounce=True)
        self._frame.start()

    def _send_held(self) -> None:
        if self._held is not None:
            value, self._held = self._held, None
            self._commit(value, debounce=True)
            self._frame.start()

    def _slider_released(self) -> None:
        """The drag ends with its last position sent on."""
        if self._frame is not None:
            self._frame.stop()
        self._send_held()
        if self._frame is not None:
            self._frame.stop()

    # -- input -----------------------------------------------------------------------------
    def _editing_finished(self) -> None:
        # only a user's edit counts: leaving an untouched field must not re-commit its text
        if self.editor.isModified():
            self.editor.setModified(False)
            self._text_changed(self.editor.text(), True)

    def _text_changed(self, text: str, finished: bool) -> None:
        try:
            value = self.param.parse(text)
        except ValueError as err:
            self._pending_error = str(err)
            if not text.strip():  # the validators' messages quote the (invisible) empty text
                rng = self.param.range_text()
                self._pending_error = (translate(
                    "ParamField", "{name} is empty: enter {what}").format(
                    name=self.param.name.replace("_", " "),
                    what=rng or translate("ParamField", "a value")))
            if finished:
                self._show_pending_error()
            else:
                self._error_timer.start()
            return
        if self.slider is not None:
            self.slider.blockSignals(True)
            self.slider.setValue(self.range.to_tick(float(value)))
            self.slider.blockSignals(False)
        self._show_items(value)
        if finished and value == self.value and not self.has_error():
            return
        self._commit(value)

    def _slider_moved(self, tick: int) -> None:
        self._slider_commit(self.slider, self.range.to_value(tick))

    def _commit(self, value: Any, debounce: bool = False) -> None:
        self._error_timer.stop()
        self.clear_error()
        self.value = value
        self._debounce = debounce
        self.committed.emit(self.param.name, value)

    # -- state -----------------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        """Type ``text`` into the entry as a user would (tests, scripted demos)."""
        self.editor.setText(text)
        self.editor.setModified(True)
        if self.param.kind is not str:
            self.editor.textEdited.emit(text)
        self.editor.editingFinished.emit()

    def set_value(self, value: Any) -> None:
        """Show ``value`` (from the model) without emitting; keeps a field being edited."""
        if self.has_error() or value == self.value:
            return
        self.value = value
        self.blockSignals(True)
        try:
            if isinstance(self.editor, QCheckBox):
                self.editor.blockSignals(True)
                self.editor.setChecked(bool(value))
                self.editor.blockSignals(False)
            elif isinstance(self.editor, QComboBox):
                self.editor.blockSignals(True)
                self.editor.setCurrentText(str(value))
                self.editor.blockSignals(False)
            else:
                self.editor.setText(format_value(self.param, value))
                self.editor.setCursorPosition(0)
                if self.slider is not None:
                    self.slider.blockSignals(True)
                    self.slider.setValue(self.range.to_tick(float(value)))
                    self.slider.blockSignals(False)
                self._show_items(value)
        finally:
            self.blockSignals(False)

    def has_error(self) -> bool:
        return not self.error_label.isHidden()

    def error_text(self) -> str:
        return self.error_label.text() if self.has_error() else ""

    def _show_pending_error(self) -> None:
        if self._pending_error:
            self.set_error(self._pending_error)

    def set_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        if isinstance(self.editor, QLineEdit):
            self.editor.setProperty("invalid", True)
            self.editor.style().unpolish(self.editor)
            self.editor.style().polish(self.editor)

    def clear_error(self) -> None:
        self._pending_error = ""
        if self.error_label.isHidden():
            return
        self.error_label.hide()
        if isinstance(self.editor, QLineEdit):
            self.editor.setProperty("invalid", False)
            self.editor.style().unpolish(self.editor)
            self.editor.style().polish(self.editor)


class ParamForm(QWidget):
    """A form of :class:`ParamField` for a list of Params; ``changed(name, value, debounce)``."""

    changed = Signal(str, object, bool)

    def __init__(self, params: tuple[Param, ...], values: dict[str, Any] | None = None,
                 parent: QWidget | None = None,
                 editors: dict[str, Callable[[Param, Any], QWidget]] | None = None):
        """``editors`` maps a param name to a factory ``(param, value) -> field`` for a custom
        editor (e.g. the formula entry); it must behave like a ParamField (``committed``,
        ``set_value``, ``set_error``, ``has_error``, ``set_text``). A field with a true
        ``spans_row`` attribute takes the whole row and shows its own label."""
        super().__init__(parent)
        values = values or {}
        editors = editors or {}
        self.fields: dict[str, ParamField] = {}
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(8)
        layout.setVerticalSpacing(4)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for p in params:
            make = editors.get(p.name, ParamField)
            field = make(p, values.get(p.name, p.default))
            field.committed.connect(self._on_commit)
            if getattr(field, "spans_row", False):
                layout.addRow(field)
            else:
                label = QLabel(p.name.replace("_", " "))
                label.setToolTip(field.toolTip())
                layout.addRow(label, field)
            self.fields[p.name] = field

    def _on_commit(self, name: str, value: Any) -> None:
        field = self.fields[name]
        self.changed.emit(name, value, getattr(field, "_debounce", False))

    def set_values(self, values: dict[str, Any]) -> None:
        for name, field in self.fields.items():
            if name in values:
                field.set_value(values[name])

    def set_error(self, name: str, message: str) -> None:
        if name in self.fields:
            self.fields[name].set_error(message)
