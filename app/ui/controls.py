"""The side panel: surface and its parameters, run settings, and one card per racer.

Every form is generated from the Param specs of the registries (surfaces, optimizers,
schedules), so new families and optimizers appear without UI changes. Edits go to the Session,
which validates; a rejected value is shown in red under its field and nothing else changes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

import surfaces
from app import optimizers, schedules
from app import viewmodel as vm
from app.i18n import QT_TRANSLATE_NOOP
from app.numbers import format_field
from app.readout_data import envelope
from app.ui import theme
from app.ui.copy_menu import install_copy_menu
from app.ui.formula_field import FormulaField
from app.ui.idle import idle_queue
from app.ui.param_fields import ParamField, ParamForm
from app.ui.playback import SPEEDS, Playback
from app.ui.session import MAX_UI_STEPS, Session
from surfaces.formula import FormulaError
from surfaces.params import Param

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["ControlPanel", "SurfaceSection", "RunSection", "RacerCard", "LrSparkline",
           "card_kind"]


#: the panel's least width: the window fits a 1024-pixel projector with the lesson beside it
MIN_WIDTH = 285
#: surface family -> {param name: editor factory} replacing the generated ParamField
CUSTOM_EDITORS = {"formula": {"expr": FormulaField}}


def card_kind(racer) -> tuple:
    """What decides a racer card's widgets: the optimizer, the fields its values call for (a
    wrapper's inner optimizer brings its own) and the schedule. A card of the same kind shows
    another racer by syncing its values."""
    spec = optimizers.spec(racer.optimizer)
    return (racer.optimizer, tuple(p.name for p in spec.params_of(racer.params)),
            racer.schedule)


def _swatch(color: str, size: int = 14) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(QColor(color))
    return QIcon(pix)


def _sparkline_points(values: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """``values`` (one per step) as the points a sparkline draws: x in 0..1, and at most two
    values (the extremes, in step order) per one of 256 columns; non-finite values left out."""
    if values is None or values.size == 0:
        return np.empty(0), np.empty(0)
    thinned = envelope(values[None, :], 256)
    xs, ys = thinned if thinned is not None else (np.arange(values.size, dtype=float), values)
    keep = np.isfinite(xs) & np.isfinite(ys)
    return xs[keep] / max(values.size - 1, 1), ys[keep]


class LrSparkline(QWidget):
    """A small plot of the learning rate over the steps (the schedule made visible)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.values: np.ndarray | None = None
        self._line: tuple[np.ndarray, np.ndarray] = (np.empty(0), np.empty(0))  # what is drawn
        self.step = 0
        self.color = QColor(theme.COLORS["accent"])
        self.setMinimumHeight(46)
        self.setMaximumHeight(46)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # repaints alone per frame
        self.setToolTip(translate(
            "Controls", "learning rate at each step: lr x schedule(step); the line marks the "
                        "playhead"))

    def set_values(self, values: np.ndarray | None, color: str) -> None:
        self.values = values
        # reduced once to what a sparkline's width can show: a playhead frame repaints it, and
        # a run may have a million steps
        self._line = _sparkline_points(values)
        self.color = QColor(color)
        self.update()

    def set_step(self, step: int) -> None:
        if step != self.step:
            self.step = step
            self.update()

    def paintEvent(self, event):  # noqa: N802 (Qt name)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = self.rect().adjusted(2, 14, -2, -3)
        p.fillRect(self.rect(), QColor(theme.COLORS["base"]))
        p.setPen(QColor(theme.COLORS["muted"]))
        xs, v = self._line
        if v.size == 0:
            p.drawText(self.rect().adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignLeft, translate(
                "Controls", "lr: —"))
            return
        lo, hi = float(v.min()), float(v.max())
        text = (translate(
            "Controls", "lr {v0}").format(v0=vm.format_number(v[0])) if hi == lo else
                translate(
                    "Controls", "lr {lo} … {hi}").format(
                    lo=vm.format_number(lo), hi=vm.format_number(hi)))
        p.drawText(self.rect().adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignLeft, text)
        n = self.values.size
        span = hi - lo if hi > lo else 1.0
        px_x = r.left() + xs * r.width()
        px_y = r.bottom() - ((v - lo) / span if hi > lo else np.full(v.size, 0.5)) * r.height()
        path = QPainterPath(QPointF(px_x[0], px_y[0]))
        for x, y in zip(px_x.tolist(), px_y.tolist(), strict=True):
            path.lineTo(QPointF(x, y))
        p.setPen(QPen(self.color, 1.6))
        p.drawPath(path)
        px = r.left() + min(self.step, n) / max(n, 1) * r.width()
        p.setPen(QPen(QColor(theme.COLORS["playhead"]), 1, Qt.PenStyle.DashLine))
        p.drawLine(QPointF(px, r.top()), QPointF(px, r.bottom()))


def _combo() -> QComboBox:
    """A combo box that does not widen the panel to its longest item."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return combo


def _section(title: str) -> tuple[QGroupBox, QVBoxLayout]:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(8, 10, 8, 8)
    layout.setSpacing(6)
    return box, layout


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


class SurfaceSection(QGroupBox):
    """The surface family (a combo of every registered one) and its parameters."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(translate(
            "Controls", "Surface"), parent)
        self.session = session
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(8, 10, 8, 8)
        self.combo = _combo()
        for name in surfaces.names():
            fam = surfaces.family(name)
            self.combo.addItem(translate("surfaces", fam.title or name), name)
            self.combo.setItemData(self.combo.count() - 1, translate("surfaces", fam.description),
                                   Qt.ItemDataRole.ToolTipRole)
        self.combo.activated.connect(self._family_chosen)
        self.layout_.addWidget(self.combo)
        self.form: ParamForm | None = None
        self._family = None
        self._idle = idle_queue()
        self._owner = object()  # this section's tasks in the shared queue
        self.destroyed.connect(lambda *_, q=self._idle, o=self._owner: q.cancel(o))
        session.surfaceChanged.connect(self.sync)
        self.sync()

    def _family_chosen(self, index: int) -> None:
        name = self.combo.itemData(index)
        if name != self.session.scenario.surface:
            self.session.set_surface(name)

    def sync(self) -> None:
        name = self.session.scenario.surface
        fam = surfaces.family(name)
        i = self.combo.findData(name)
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(i)
        self.combo.blockSignals(False)
        # (the Lesson panel shows it in full)
        self.combo.setToolTip(translate("surfaces", fam.description))
        if self.form is None:
            self._build_form()
        elif self._family != name:
            # another family: its form is built in a later event-loop turn (app.ui.idle) and
            # replaces this one, which waits disabled; a switch superseded before is dropped
            self._family = name
            self.form.setEnabled(False)
            self._idle.cancel(self._owner)
            self._idle.add(self._owner, self._build_form)
            if self.session.runner.inline:
                self._idle.flush(self._owner)
        elif not self.building():
            self.form.set_values(dict(self.session.surface.params))

    def building(self) -> bool:
        """True while the form of a newly chosen family waits for its turn to be built."""
        return bool(self._idle.pending(self._owner))

    def _build_form(self) -> None:
        name = self.session.scenario.surface
        form = ParamForm(surfaces.family(name).PARAMS, dict(self.session.surface.params),
                         editors=CUSTOM_EDITORS.get(name))
        form.changed.connect(self._param_changed)
        if self.form is None:
            self.layout_.addWidget(form)
        else:
            self.layout_.replaceWidget(self.form, form)
            self.form.setParent(None)
            self.form.deleteLater()
        self.form, self._family = form, name

    def _param_changed(self, key: str, value: Any, debounce: bool) -> None:
        try:
            self.session.set_surface_params(debounce=debounce, **{key: value})
        except FormulaError as err:  # (the formula field checks first: rare)
            self.form.fields[key].set_error(err)
        except ValueError as err:
            self.form.set_error(key, str(err))


class RunSection(QGroupBox):
    """Steps, gradient noise, playback speed and the start points."""

    STEPS = Param("steps", 200, kind=int, low=1, high=MAX_UI_STEPS,
                  doc=QT_TRANSLATE_NOOP(
                      "params", "number of updates each optimizer makes from each start point"))
    SIGMA = Param("noise_sigma", 0.0, low=0, log_scale=False,
                  doc=QT_TRANSLATE_NOOP(
                      "params",
                      "std. dev. of Gaussian noise added to every gradient (like mini-batches)"))
    SEED = Param("noise_seed", 0, kind=int, low=0, high=2**31 - 1,
                 doc=QT_TRANSLATE_NOOP(
                     "params", "seed of the gradient noise: the same seed gives the same run"))

    def __init__(self, session: Session, playback: Playback | None = None,
                 parent: QWidget | None = None):
        super().__init__(translate(
            "Controls", "Run"), parent)
        self.session = session
        self.playback = playback
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 10, 8, 8)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(form)
        s = session.scenario
        self.fields = {
            "steps": ParamField(self.STEPS, s.steps),
            "noise_sigma": ParamField(self.SIGMA, s.noise_sigma),
            "noise_seed": ParamField(self.SEED, s.noise_seed),
        }
        for key, label in (("steps", translate("Controls", "steps")), ("noise_sigma", translate(
            "Controls", "gradient noise σ")),
                           ("noise_seed", translate(
                               "Controls", "noise seed"))):
            field = self.fields[key]
            field.committed.connect(self._commit)
            lab = QLabel(label)
            lab.setToolTip(field.toolTip())
            form.addRow(lab, field)
        self.speed = _combo()
        self.speed.setToolTip(translate(
            "Controls", "playback speed: how many steps the animation shows per second"))
        for v in SPEEDS:
            self.speed.addItem(translate(
                "Controls", "{v} steps/s").format(v=v), v)
        if playback is not None:
            self.speed.setCurrentIndex(max(0, self.speed.findData(int(playback.speed))))
            self.speed.currentIndexChanged.connect(
                lambda i: playback.set_speed(self.speed.itemData(i)))
        form.addRow(QLabel(translate("Controls", "speed")), self.speed)

        row = QHBoxLayout()
        self.starts_label = QLabel()
        row.addWidget(self.starts_label, 1)
        self.clear_button = QPushButton(translate(
            "Controls", "Clear starts"))
        self.clear_button.setToolTip(translate(
            "Controls", "remove every start point"))
        self.clear_button.clicked.connect(session.clear_starts)
        row.addWidget(self.clear_button)
        layout.addLayout(row)
        layout.addWidget(_hint(translate(
            "Controls", "Click the plot to add a start point, drag one to move it, right-click "
                        "(or Shift+click) it to remove it.")))
        session.scenarioEdited.connect(self.sync)
        self.sync()

    def _commit(self, key: str, value: Any) -> None:
        try:
            self.session.set_run(**{key: value}, debounce=True)
        except ValueError as err:
            self.fields[key].set_error(str(err))

    def sync(self) -> None:
        s = self.session.scenario
        for key, field in self.fields.items():
            field.set_value(getattr(s, key))
        n = len(s.starts)
        self.starts_label.setText(translate(
            "Controls", "{n} start point{s_n}").format(n=n, s_n='s' if n != 1 else ''))
        self.clear_button.setEnabled(n > 0)


class RacerCard(QFrame):
    """One racer: colour, label, on/off, optimizer and its hyperparameters, schedule."""

    selectRequested = Signal(int)

    def __init__(self, session: Session, index: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("racerCard")
        self.session = session
        self.index = index
        racer = session.scenario.racers[index]
        self.kind = card_kind(racer)
        self._swatch_color = None  # what the colour button and the sparkline show
        self._curve_for = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(5)

        head = QHBoxLayout()
        self.color_button = QToolButton()
        self.color_button.setToolTip(translate(
            "Controls", "colour of this racer's path and curves"))
        self.color_button.clicked.connect(self._pick_color)
        head.addWidget(self.color_button)
        self.label_edit = QLineEdit(racer.label)
        self.label_edit.setCursorPosition(0)
        self.label_edit.setPlaceholderText(racer.display_label())
        self.label_edit.setToolTip(
            translate(
                "Controls", "name shown in the legend (empty: \"{{optimizer}}, lr {{lr}}\"); "
                            "fields in braces such as {{lr}}, {{momentum}}, {{noise}}, "
                            "{{schedule}} or {{lr_lambda_max}} follow the current values, text "
                            "without braces stays as typed").format())
        self.label_edit.editingFinished.connect(
            lambda: self._update(label=self.label_edit.text().strip()))
        head.addWidget(self.label_edit, 1)
        self.enabled_box = QCheckBox()
        self.enabled_box.setToolTip(translate(
            "Controls", "run this racer"))
        self.enabled_box.setChecked(racer.enabled)
        self.enabled_box.toggled.connect(lambda on: self._update(enabled=bool(on)))
        head.addWidget(self.enabled_box)
        self.duplicate_button = QToolButton()
        self.duplicate_button.setText(translate(
            "Controls", "Copy"))
        self.duplicate_button.setToolTip(translate(
            "Controls", "duplicate this racer; the arrow: lr × 1/2, lr × 2, or a sweep of N "
                        "copies over an lr range"))
        self.duplicate_button.clicked.connect(lambda: session.duplicate_racer(self.index))
        self.copy_menu = install_copy_menu(self.duplicate_button, session, lambda: self.index,
                                           self._show_error)
        head.addWidget(self.duplicate_button)
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setToolTip(translate(
            "Controls", "remove this racer"))
        self.remove_button.clicked.connect(lambda: session.remove_racer(self.index))
        head.addWidget(self.remove_button)
        layout.addLayout(head)

        self.optimizer = _combo()
        for name in optimizers.names():
            spec = optimizers.spec(name)
            self.optimizer.addItem(spec.title, name)
            self.optimizer.setItemData(self.optimizer.count() - 1, spec.summary,
                                       Qt.ItemDataRole.ToolTipRole)
        self.optimizer.setCurrentIndex(self.optimizer.findData(racer.optimizer))
        self.optimizer.activated.connect(
            lambda i: self._update(optimizer=self.optimizer.itemData(i)))
        layout.addWidget(self.optimizer)
        self.summary = _hint(optimizers.spec(racer.optimizer).summary)
        layout.addWidget(self.summary)
        spec = optimizers.spec(racer.optimizer)
        # a wrapper's fields depend on its values (Lookahead: the inner optimizer's follow)
        self.form = ParamForm(spec.params_of(racer.params),
                              {**spec.defaults(racer.params), **racer.params})
        self.form.changed.connect(
            lambda k, v, d: self._update(_field=(self.form, k), debounce=d, params={k: v}))
        layout.addWidget(self.form)
        self.batch_row = QWidget()
        batch_layout = QHBoxLayout(self.batch_row)
        batch_layout.setContentsMargins(0, 0, 0, 0)
        batch_label = QLabel(translate(
            "Controls", "batch size"))
        batch_label.setToolTip(
            translate(
                "Controls", "real mini-batches: each step uses the mean gradient of this many "
                            "examples, drawn without replacement within an epoch (seeded by "
                            "the noise seed); full: every example, the exact gradient"))
        batch_layout.addWidget(batch_label)
        self.batch_size = QSpinBox()
        self.batch_size.setSpecialValueText(translate("Controls", "full"))
        self.batch_size.setMinimum(0)
        self.batch_size.setToolTip(batch_label.toolTip())
        self.batch_size.valueChanged.connect(
            lambda v: self._update(batch_size=None if v == 0 else int(v)))
        batch_layout.addWidget(self.batch_size, 1)
        layout.addWidget(self.batch_row)
        noise_row = QHBoxLayout()
        noise_label = QLabel(translate(
            "Controls", "own noise σ"))
        noise_label.setToolTip(
            translate(
                "Controls", "this racer's own gradient noise g + σ N(0, I), e.g. SGD beside "
                            "full-batch descent (lesson P3); empty: the run's noise (Run "
                            "panel), 0: none"))
        noise_row.addWidget(noise_label)
        self.noise_edit = QLineEdit()
        self.noise_edit.setToolTip(noise_label.toolTip())
        self.noise_edit.editingFinished.connect(self._noise_edited)
        noise_row.addWidget(self.noise_edit, 1)
        layout.addLayout(noise_row)

        sched_row = QHBoxLayout()
        sched_label = QLabel(translate("Controls", "schedule"))
        sched_label.setToolTip(translate(
            "Controls", "how the learning rate changes over the steps (with warm-up)"))
        sched_row.addWidget(sched_label)
        self.schedule = _combo()
        for name in schedules.names():
            s = schedules.spec(name)
            self.schedule.addItem(translate("schedules", s.title), name)
            self.schedule.setItemData(self.schedule.count() - 1, translate(
                "Controls", "factor = {formula}").format(formula=s.formula),
                                      Qt.ItemDataRole.ToolTipRole)
        self.schedule.setCurrentIndex(self.schedule.findData(racer.schedule))
        self.schedule.activated.connect(
            lambda i: self._update(schedule=self.schedule.itemData(i)))
        sched_row.addWidget(self.schedule, 1)
        layout.addLayout(sched_row)
        sspec = schedules.spec(racer.schedule)
        self.schedule_form = ParamForm(sspec.params, dict(racer.schedule_params))
        self.schedule_form.changed.connect(
            lambda k, v, d: self._update(_field=(self.schedule_form, k), debounce=d,
                                         schedule_params={k: v}))
        layout.addWidget(self.schedule_form)
        self.sparkline = LrSparkline()
        layout.addWidget(self.sparkline)
        self.sync()

    # -- events ----------------------------------------------------------------------------
    def mousePressEvent(self, event):  # noqa: N802 (Qt name)
        self.session.select(self.index)
        super().mousePressEvent(event)

    def _pick_color(self) -> None:
        racer = self.session.scenario.racers[self.index]
        color = QColorDialog.getColor(QColor(racer.color), self, translate(
            "Controls", "Racer colour"))
        if color.isValid():
            self._update(color=color.name())

    def _update(self, _field=None, debounce: bool = False, **changes) -> None:
        self.session.select(self.index)
        try:
            self.session.update_racer(self.index, debounce=debounce, **changes)
        except ValueError as err:
            if _field is not None:
                form, key = _field
                form.set_error(key, str(err))
            else:
                self._show_error(str(err))

    def _noise_edited(self) -> None:
        text = self.noise_edit.text().strip()
        try:
            sigma = None if not text else float(text)
        except ValueError:
            self._show_error(translate(
                "Controls", "noise σ: expected a number, got {text!r}").format(text=text))
            return
        self._update(noise_sigma=sigma)

    def _show_error(self, message: str) -> None:
        self.summary.setText(f"<span style='color:{theme.COLORS['error']}'>{message}</span>")

    # -- model → widgets -------------------------------------------------------------------
    def sync(self) -> None:
        racers = self.session.scenario.racers
        if self.index >= len(racers):
            return
        racer = racers[self.index]
        if racer.color != self._swatch_color:
            self._swatch_color = racer.color
            self.color_button.setIcon(_swatch(racer.color))
        if not self.label_edit.hasFocus() and self.label_edit.text() != racer.label:
            self.label_edit.setText(racer.label)
            self.label_edit.setCursorPosition(0)
        self.label_edit.setPlaceholderText(racer.display_label())
        if self.enabled_box.isChecked() != racer.enabled:
            self.enabled_box.blockSignals(True)
            self.enabled_box.setChecked(racer.enabled)
            self.enabled_box.blockSignals(False)
        if not self.noise_edit.hasFocus():
            own = racer.noise_sigma
            self.noise_edit.setText("" if own is None else format_field(own))
        run_sigma = format_field(self.session.scenario.noise_sigma)
        self.noise_edit.setPlaceholderText(translate(
            "Controls", "the run's: {run_sigma}").format(run_sigma=run_sigma))
        spec = optimizers.spec(racer.optimizer)
        self.form.set_values({**spec.defaults(racer.params), **racer.params})
        self.schedule_form.set_values(dict(racer.schedule_params))
        self.summary.setText(spec.summary)
        # the closed drop-downs say what the chosen optimizer and schedule do
        self.optimizer.setToolTip(translate(
            "Controls", "optimizer: {title}\n{summary}").format(
            title=spec.title, summary=spec.summary))
        sspec = schedules.spec(racer.schedule)
        self.schedule.setToolTip(translate(
            "Controls", "learning-rate schedule: {title}\nlr factor = {formula}").format(
            title=sspec.title, formula=sspec.formula))
        self._sync_batch(racer)
        self.remove_button.setEnabled(len(racers) > 1)
        curve_for = (racer, self.session.steps)
        if curve_for != self._curve_for:  # (a lesson opening syncs a card several times)
            self._curve_for = curve_for
            self.sparkline.set_values(vm.lr_curve(racer, self.session.steps), racer.color)
        selected = self.session.selected == self.index
        if self.property("selected") != selected:
            self.setProperty("selected", selected)
            self.style().unpolish(self)
            self.style().polish(self)


    def _sync_batch(self, racer) -> None:
        """The batch-size row: only on a finite-sum surface (0 = "full": every example)."""
        surface = self.session.surface
        finite = bool(getattr(surface, "finite_sum", False))
        self.batch_row.setVisible(finite)
        if not finite:
            return
        value = 0 if racer.batch_size is None else min(racer.batch_size, surface.n_examples)
        if self.batch_size.maximum() != surface.n_examples or self.batch_size.value() != value:
            self.batch_size.blockSignals(True)
            self.batch_size.setMaximum(surface.n_examples)
            self.batch_size.setValue(value)
            self.batch_size.blockSignals(False)


class ControlPanel(QScrollArea):
    """The whole side panel (scrollable). Racer cards are rebuilt when racers change kind."""

    def __init__(self, session: Session, playback: Playback | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        self.setWidget(inner)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(8)
        self.surface_section = SurfaceSection(session)
        layout.addWidget(self.surface_section)
        self.run_section = RunSection(session, playback)
        layout.addWidget(self.run_section)

        self.racers_box, racers_layout = _section(translate(
            "Controls", "Racers"))
        add_row = QHBoxLayout()
        self.add_button = QToolButton()
        self.add_button.setText(translate(
            "Controls", "+ Add racer"))
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_button.setToolTip(translate(
            "Controls", "add another optimizer to the race"))
        menu = QMenu(self.add_button)
        menu.aboutToShow.connect(self._fill_add_menu)  # your own optimizers appear too
        self.add_button.setMenu(menu)
        self._fill_add_menu()
        add_row.addWidget(self.add_button)
        self.rules_button = QToolButton()
        self.rules_button.setText(translate(
            "Controls", "Your optimizer…"))
        self.rules_button.setToolTip(translate(
            "Controls", "write an optimizer as update rules (g, p, t, lr and your "
                        "hyperparameters) and race it"))
        self.rules_button.clicked.connect(self.open_rules_editor)
        add_row.addWidget(self.rules_button)
        add_row.addStretch(1)
        racers_layout.addLayout(add_row)
        self.cards_layout = QVBoxLayout()
        self.cards_layout.setSpacing(8)
        racers_layout.addLayout(self.cards_layout)
        layout.addWidget(self.racers_box)
        layout.addStretch(1)
        self.cards: list[RacerCard] = []
        #: cards are built one per event-loop turn (app.ui.idle); how many were built in all
        self._idle = idle_queue()
        self._owner = object()  # this panel's tasks in the shared queue
        self.destroyed.connect(lambda *_, q=self._idle, o=self._owner: q.cancel(o))
        self.cards_built = 0
        self.setMinimumWidth(MIN_WIDTH)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        session.racersChanged.connect(self.rebuild_cards)
        session.surfaceChanged.connect(self.sync)  # the batch-size rows follow the surface
        session.scenarioEdited.connect(self.sync)
        session.selectedChanged.connect(lambda _: self.sync())
        session.playheadChanged.connect(self._playhead)
        self.rebuild_cards()

    def open_rules_editor(self):
        """The update-rule editor (a dialog; "Add racer" races the rules)."""
        from app.ui.rules_editor import RulesEditor

        self.rules_editor = RulesEditor(self.session, self)
        self.rules_editor.show()
        return self.rules_editor

    def _fill_add_menu(self) -> None:
        menu = self.add_button.menu()
        menu.clear()
        for name in optimizers.names():
            spec = optimizers.spec(name)
            act = menu.addAction(spec.title)
            act.setToolTip(spec.summary)
            act.triggered.connect(lambda _=False, n=name: self.session.add_racer(n))

    def rebuild_cards(self) -> None:
        """Match the cards to the racers. A card whose racer has the same kind
        (:func:`card_kind`) is kept and shows the racer's values; every other card is built
        in a later event-loop turn, one per turn (:mod:`app.ui.idle`), and replaces the old one
        in place (which waits disabled); a build the racers changed again before is dropped.
        With an inline job runner (tests, offscreen rendering) every card is built before this
        returns."""
        self._idle.cancel(self._owner)
        racers = self.session.scenario.racers
        inner = self.widget()
        inner.setUpdatesEnabled(False)  # one re-layout and paint for the whole change
        try:
            while len(self.cards) > len(racers):
                card = self.cards.pop()
                card.setParent(None)
                card.deleteLater()
            for i, racer in enumerate(racers):
                card = self.cards[i] if i < len(self.cards) else None
                if card is not None and card.kind == card_kind(racer):
                    card.setEnabled(True)
                    card.sync()
                    continue
                if card is not None:
                    card.setEnabled(False)
                self._idle.add(self._owner, lambda i=i: self._build_card(i))
        finally:
            inner.setUpdatesEnabled(True)
        if self.session.runner.inline:
            self._idle.flush(self._owner)

    def _build_card(self, i: int) -> None:
        """Build racer ``i``'s card (a turn of the idle queue) and put it in its place."""
        if i >= len(self.session.scenario.racers) or i > len(self.cards):
            return
        card = RacerCard(self.session, i)
        self.cards_built += 1
        if i < len(self.cards):
            old = self.cards[i]
            self.cards_layout.replaceWidget(old, card)
            self.cards[i] = card
            old.setParent(None)
            old.deleteLater()
        else:
            self.cards_layout.addWidget(card)
            self.cards.append(card)

    def building(self) -> int:
        """How many cards wait for their turn to be built."""
        return self._idle.pending(self._owner)

    def sync(self) -> None:
        racers = self.session.scenario.racers
        matches = [i < len(racers) and card.kind == card_kind(racers[i])
                   for i, card in enumerate(self.cards)]
        if (len(self.cards) != len(racers) or not all(matches)) and not self.building():
            self.rebuild_cards()
            return
        for card, match in zip(self.cards, matches, strict=True):
            if match:
                card.sync()

    def _playhead(self, step: int) -> None:
        for card in self.cards:
            card.sparkline.set_step(step)
