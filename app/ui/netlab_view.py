"""The "Network lab" tab: train a small network and watch its loss, gradient and sharpness.

Left: a form built from :data:`app.netlab.CONFIG_PARAMS` (data set, network, optimizer with its
hyperparameters, schedule, steps, ...), validated as the user types. Right: Train / Stop and a
progress bar; the loss landscape on a plane through the final weights with the projected path;
the data with the model's decision region at the chosen step; and the readouts (training loss,
|gradient|, sharpness lambda_max against 2 / lr), with the previous run in grey and a
"diverged at step k" badge.

The tab only draws: its state is a headless :class:`~app.netlab.session.NetlabSession`, whose
jobs (training, then the landscape) run on the one job runner (:mod:`app.jobs`), never on the
window's thread. Progress arrives coalesced to the latest snapshot, at most
:data:`~app.netlab.viewdata.MAX_REPORTS` per run, with curves reduced to a few thousand points;
Stop makes the model idle at once and the trainer stops at its next check (before every update).

Wiring into the main window is one line, ``install_netlab_tab(window)``: it adds the tab, and
when the window's session gets a scenario with a ``[netlab]`` table (File > Open, the Lessons
menu, the gallery) the tab comes to the front with that config and trains it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import optimizers, schedules
from app import scenario as scenario_mod
from app import viewmodel as vm
from app.i18n import QT_TRANSLATE_NOOP
from app.netlab import CONFIG_PARAMS, NetConfig, NetRun, accuracy
from app.netlab.session import NetlabSession
from app.netlab.viewdata import (
    LandscapeGrid,
    LandscapeProgress,
    Progress,
    describe_config,
    peaks,
    stability_limit,
)
from app.scenario import Lesson, Scenario
from app.ui import theme
from app.ui.idle import idle_queue
from app.ui.jobs_qt import qt_runner
from app.ui.netlab_plots import DataPlot, LandscapePlot, NetReadouts
from app.ui.param_fields import ParamForm

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["NetlabView", "NetlabForm", "install_netlab_tab", "TAB_TITLE"]

TAB_TITLE = "Network lab"
#: a run's progress is drawn at most once per this many milliseconds (the latest snapshot)
REDRAW_MS = 40
#: the settings column's least width (the tab fits a 1024-pixel projector beside both docks)
FORM_MIN_WIDTH = 215
_PARAMS = {p.name: p for p in CONFIG_PARAMS}
_GROUPS = (
    (QT_TRANSLATE_NOOP("NetlabView", "Data"),
     ("dataset", "n_samples", "data_noise", "seed", "standardize")),
    (QT_TRANSLATE_NOOP("NetlabView", "Network"),
     ("activation", "init", "init_scale", "init_seed", "loss")),
    (QT_TRANSLATE_NOOP("NetlabView", "Training"),
     ("batch_size", "steps", "noise_sigma", "noise_seed")),
    (QT_TRANSLATE_NOOP("NetlabView", "Readouts"),
     ("sharpness_every", "trajectory_points")),
)


# ---------------------------------------------------------------------------------------------
# The form
# ---------------------------------------------------------------------------------------------
def _section(title: str) -> tuple[QGroupBox, QVBoxLayout]:
    box = QGroupBox(translate("NetlabView", title))
    layout = QVBoxLayout(box)
    layout.setContentsMargins(8, 10, 8, 8)
    layout.setSpacing(4)
    return box, layout


def _hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.hide()
    return label


def _parse_hidden(text: str) -> list[int] | str:
    """``"32, 32"`` -> ``[32, 32]``; ``""`` -> ``[]``; anything else stays a string (error)."""
    parts = [p for p in text.replace(",", " ").split() if p]
    try:
        return [int(p) for p in parts]
    except ValueError:
        return text


class NetlabForm(QScrollArea):
    """Every field of a :class:`NetConfig`; ``configChanged(NetConfig)`` on a valid edit.

    A value the config rejects is shown in red under its field, and the last valid config
    stays (:meth:`config`).
    """

    configChanged = Signal(object)

    def __init__(self, config: NetConfig | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._config = config or NetConfig()
        self._values: dict[str, Any] = self._config.to_dict()
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.body.setContentsMargins(4, 4, 4, 4)
        self.body.setSpacing(6)
        self.forms: dict[str, ParamForm] = {}
        self.owner: dict[str, ParamForm] = {}  # field name -> its form
        for title, names in _GROUPS:
            box, lay = _section(title)
            form = ParamForm(tuple(_PARAMS[n] for n in names), self._values)
            form.changed.connect(lambda k, v, _d, f=form: self._edit(f, k, {k: v}))
            self.forms[title] = form
            for n in names:
                self.owner[n] = form
            if title == "Network":
                row = QHBoxLayout()
                row.addWidget(QLabel("hidden"))
                self.hidden = QLineEdit(self._hidden_text())
                self.hidden.setToolTip(translate(
                    "NetlabView", "hidden layer widths, e.g. 32, 32 (empty: a linear model; at "
                                  "most 6 layers of 1 to 512 units)"))
                self.hidden.editingFinished.connect(self._hidden_edited)
                row.addWidget(self.hidden, 1)
                lay.addLayout(row)
                self.hidden_error = _error_label()
                lay.addWidget(self.hidden_error)
            if title == "Training":
                self._build_optimizer(lay)
            lay.addWidget(form)
            self.body.addWidget(box)
        self.body.addStretch(1)
        self.setWidget(body)
        self._rebuild_params()

    # -- optimizer and schedule (their parameter forms depend on the names) -----------------
    def _build_optimizer(self, lay: QVBoxLayout) -> None:
        self.optimizer = QComboBox()
        for name in optimizers.names():
            spec = optimizers.spec(name)
            self.optimizer.addItem(spec.title, name)
            self.optimizer.setItemData(self.optimizer.count() - 1, spec.summary,
                                       Qt.ItemDataRole.ToolTipRole)
        self.optimizer.activated.connect(
            lambda i: self._switch("optimizer", self.optimizer.itemData(i)))
        lay.addWidget(self.optimizer)
        self.opt_holder = QVBoxLayout()
        self.opt_holder.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self.opt_holder)
        row = QHBoxLayout()
        row.addWidget(QLabel("schedule"))
        self.schedule = QComboBox()
        for name in schedules.names():
            s = schedules.spec(name)
            self.schedule.addItem(s.title, name)
            self.schedule.setItemData(self.schedule.count() - 1, f"factor = {s.formula}",
                                      Qt.ItemDataRole.ToolTipRole)
        self.schedule.activated.connect(
            lambda i: self._switch("schedule", self.schedule.itemData(i)))
        row.addWidget(self.schedule, 1)
        lay.addLayout(row)
        self.sched_holder = QVBoxLayout()
        self.sched_holder.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(self.sched_holder)
        self.switch_error = _error_label()
        lay.addWidget(self.switch_error)
        self.opt_form: ParamForm | None = None
        self.sched_form: ParamForm | None = None

    def _rebuild_params(self) -> None:
        v = self._values
        self.optimizer.setCurrentIndex(self.optimizer.findData(v["optimizer"]))
        self.schedule.setCurrentIndex(self.schedule.findData(v["schedule"]))
        for attr, holder in (("opt_form", self.opt_holder), ("sched_form", self.sched_holder)):
            old = getattr(self, attr)
            if old is not None:
                holder.removeWidget(old)
                old.hide()
                old.setParent(None)
                old.deleteLater()
        spec = optimizers.spec(v["optimizer"])
        self.opt_form = ParamForm(spec.params, {**spec.defaults(), **v["optimizer_params"]})
        self.opt_form.changed.connect(lambda k, val, _d: self._edit(
            self.opt_form, k, {"optimizer_params": {**self._values["optimizer_params"],
                                                    k: val}}))
        self.opt_holder.addWidget(self.opt_form)
        sspec = schedules.spec(v["schedule"])
        self.sched_form = ParamForm(sspec.params, dict(v["schedule_params"]))
        self.sched_form.changed.connect(lambda k, val, _d: self._edit(
            self.sched_form, k, {"schedule_params": {**self._values["schedule_params"],
                                                     k: val}}))
        self.sched_holder.addWidget(self.sched_form)

    def _switch(self, key: str, name: str) -> None:
        if name == self._values[key]:
            return
        if key == "optimizer":
            lr = self._values["optimizer_params"].get("lr")
            changes = {"optimizer": name, "optimizer_params": {} if lr is None else {"lr": lr}}
        else:
            changes = {"schedule": name, "schedule_params": {}}
        if self._apply(changes, lambda msg: self._show_switch_error(msg)):
            self.switch_error.hide()
            self._rebuild_params()

    def _show_switch_error(self, message: str) -> None:
        self.switch_error.setText(message)
        self.switch_error.show()

    # -- edits --------------------------------------------------------------------------------
    def _hidden_text(self) -> str:
        return ", ".join(str(h) for h in self._values["hidden"])

    def _hidden_edited(self) -> None:
        if not self.hidden.isModified():
            return
        self.hidden.setModified(False)
        value = _parse_hidden(self.hidden.text())

        def show(msg: str) -> None:
            self.hidden_error.setText(msg)
            self.hidden_error.show()

        if self._apply({"hidden": value}, show):
            self.hidden_error.hide()

    def _edit(self, form: ParamForm, key: str, changes: dict[str, Any]) -> None:
        self._apply(changes, lambda msg: form.set_error(key, msg))

    def _apply(self, changes: dict[str, Any], on_error: Callable[[str], None]) -> bool:
        new = {**self._values, **changes}
        try:
            config = NetConfig.from_dict(new)
        except ValueError as err:
            on_error(str(err).removeprefix("netlab."))
            return False
        self._config, self._values = config, config.to_dict()
        self.configChanged.emit(config)
        return True

    # -- state --------------------------------------------------------------------------------
    def config(self) -> NetConfig:
        """The last valid config."""
        return self._config

    def set_config(self, config: NetConfig) -> None:
        """Show ``config`` (from a scenario); clears every error shown."""
        self._config, self._values = config, config.to_dict()
        for form in self.forms.values():
            for f in form.fields.values():
                f.clear_error()
            form.set_values(self._values)
        self.hidden.setText(self._hidden_text())
        self.hidden_error.hide()
        self.switch_error.hide()
        self._rebuild_params()

    def has_errors(self) -> bool:
        forms = [*self.forms.values(), self.opt_form, self.sched_form]
        return (any(f.has_error() for form in forms if form for f in form.fields.values())
                or not self.hidden_error.isHidden())


# ---------------------------------------------------------------------------------------------
# The tab
# ---------------------------------------------------------------------------------------------
class NetlabView(QWidget):
    """The Network lab tab (see the module docstring)."""

    #: a run finished (the :class:`NetRun`), also after a landscape recompute
    runFinished = Signal(object)
    #: the worker is idle again (finished, stopped or failed)
    idle = Signal()

    def __init__(self, config: NetConfig | None = None, parent: QWidget | None = None,
                 model: NetlabSession | None = None):
        super().__init__(parent)
        #: the headless model this tab shows (its jobs run on the one job runner)
        self.model = model or NetlabSession(qt_runner(self), config)
        self.form = NetlabForm(self.model.config)
        self.form.setMinimumWidth(FORM_MIN_WIDTH)
        self.form.setMaximumWidth(340)
        self.form.configChanged.connect(self._config_edited)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.train_button = QPushButton(translate(
            "NetlabView", "▶ Train"))
        self.train_button.setToolTip(translate(
            "NetlabView", "train the network with the settings on the left"))
        self.train_button.clicked.connect(lambda: self.train())
        self.stop_button = QPushButton(translate(
            "NetlabView", "■ Stop"))
        self.stop_button.setToolTip(translate(
            "NetlabView", "stop the run now (its curves so far stay)"))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)
        self.save_button = QPushButton(translate(
            "NetlabView", "Save…"))
        self.save_button.setToolTip(translate(
            "NetlabView", "save these settings as a network-lab scenario (.toml)"))
        self.save_button.clicked.connect(lambda: self.save_scenario())
        self.progress = QProgressBar()
        self.progress.setFormat(translate(
            "NetlabView", "step %v / %m"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.train_button)
        top.addWidget(self.stop_button)
        top.addWidget(self.progress, 1)
        top.addWidget(self.save_button)
        self.progress.setMinimumWidth(24)  # (a projector's 1024 pixels: the bar shrinks first)
        for button in (self.train_button, self.stop_button, self.save_button):
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 16)

        # the plots are made after the rest, one per event-loop turn (_stages): each
        # waits in its slot, so adding it re-lays nothing else
        self.landscape_plot: LandscapePlot | None = None
        self.data_plot: DataPlot | None = None
        self.readouts = NetReadouts(build=False)
        self.previous_hint = _hint("")
        slots = {}
        for name in ("landscape", "data"):
            slot = QWidget()
            slot_lay = QVBoxLayout(slot)
            slot_lay.setContentsMargins(0, 0, 0, 0)
            slots[name] = slot
        self._slots = slots

        self.step_slider = QSlider(Qt.Orientation.Horizontal)
        self.step_slider.setRange(0, 0)
        self.step_slider.setEnabled(False)
        self.step_slider.setToolTip(translate(
            "NetlabView", "the step shown in the landscape (orange point) and the data view "
                          "(decision region)"))
        self.step_slider.valueChanged.connect(self._slider_moved)
        self.step_label = QLabel(translate(
            "NetlabView", "step 0"))
        self.step_label.setMinimumWidth(90)
        step_row = QHBoxLayout()
        step_row.setContentsMargins(0, 0, 0, 0)
        step_row.addWidget(QLabel(translate(
            "NetlabView", "show step")))
        step_row.addWidget(self.step_slider, 1)
        step_row.addWidget(self.step_label)

        views = QWidget()
        views_lay = QHBoxLayout(views)
        views_lay.setContentsMargins(0, 0, 0, 0)
        views_lay.setSpacing(6)
        for slot in slots.values():
            slot.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
            views_lay.addWidget(slot, 1)
        lower = QWidget()
        lower_lay = QVBoxLayout(lower)
        lower_lay.setContentsMargins(0, 0, 0, 0)
        lower_lay.setSpacing(2)
        lower_lay.addWidget(self.readouts, 1)
        lower_lay.addWidget(self.previous_hint)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(views)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([430, 270])
        self.splitter.setChildrenCollapsible(False)

        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(4, 4, 4, 4)
        rlay.setSpacing(4)
        rlay.addWidget(self.heading)
        rlay.addLayout(top)
        rlay.addWidget(self.status)
        rlay.addWidget(self.splitter, 1)
        rlay.addLayout(step_row)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.form)
        layout.addWidget(right, 1)

        #: the scenario whose 2D part a saved file keeps (set by install_netlab_tab)
        self.companion: Callable[[], Scenario | None] = lambda: None
        #: readout redraws of the current run (at most one per REDRAW_MS and at most
        #: MAX_REPORTS, however fast it runs)
        self.redraws = 0
        self._pending: Progress | LandscapeProgress | None = None
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(REDRAW_MS)
        self._redraw.timeout.connect(self._redraw_pending)
        #: what the model said while the plots were being made (replayed in order after)
        self._held: list[tuple[Callable[..., None], tuple]] = []
        m = self.model
        m.config_changed.connect(self._config_set)
        m.started.connect(self._started)
        m.stopped.connect(self._stopped)
        m.failed.connect(self._failed)
        m.idle.connect(self._idle)
        for event, handler in ((m.progressed, self._progressed), (m.trained, self._trained),
                               (m.landscape_ready, self._landscape_ready),
                               (m.field_ready, lambda *a: self.data_plot.show_field(*a))):
            event.connect(lambda *args, h=handler: self._on_plots(h, *args))
        self._set_heading()
        #: True once every plot is made (until then what the model says is held)
        self.built = False
        #: how many event-loop turns the plots took (tests)
        self.build_turns = 0
        self._build = self._stages()
        idle_queue().add(self, self._build_stage)

    # -- the plots, made over several event-loop turns -----------------------------------------
    def _stages(self):
        """One plot per stage (one stage per event-loop turn), then a turn that lays them
        out: what the model said meanwhile is drawn on plots of their final size."""
        self.build_turns += 1
        self.landscape_plot = LandscapePlot(build=False)
        self.landscape_plot.directions.activated.connect(lambda _: self.recompute_landscape())
        self.landscape_plot.set_message(translate(
            "NetlabView", "Press Train to train the network."))
        self._slots["landscape"].layout().addWidget(self.landscape_plot)
        yield
        self.build_turns += 1
        self.landscape_plot.build_next()  # (its colour bar)
        yield
        self.build_turns += 1
        self.data_plot = DataPlot()
        self.data_plot.show_data(self.form.config().data())
        self._slots["data"].layout().addWidget(self.data_plot)
        yield
        while True:
            self.build_turns += 1
            if not self.readouts.build_next():
                break
            yield
        yield
        self.build_turns += 1

    def _build_stage(self) -> None:
        """The next stage (a task of the shared idle queue, :mod:`app.ui.idle`, which then
        gets the one after); after the last, what the model said meanwhile is shown."""
        if self.built or not shiboken6.isValid(self):  # (a tab closed meanwhile: nothing)
            return
        try:
            next(self._build)
        except StopIteration:
            self.built = True
            held, self._held = self._held, []
            for handler, args in held:
                handler(*args)
            return
        idle_queue().add(self, self._build_stage)

    def ensure_built(self) -> None:
        """Make the plots still to make now (and show what the model said meanwhile)."""
        idle_queue().flush(self)

    def _on_plots(self, handler: Callable[..., None], *args) -> None:
        """``handler(*args)`` now, or once the plots are made (in the order of the calls)."""
        if not self.built:
            self._held.append((handler, args))
        else:
            handler(*args)

    # -- state (the model's) ------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while the model computes, or the tab has yet to show what it computed (the
        plots are still being made)."""
        return self.model.busy or bool(self._held)

    @property
    def run(self) -> NetRun | None:
        return self.model.run

    @property
    def landscape(self) -> LandscapeGrid | None:
        return self.model.landscape

    @property
    def lesson(self) -> Lesson:
        return self.model.lesson

    @property
    def progress_seen(self) -> int:
        """Progress snapshots delivered for the current run."""
        return self.model.reports

    def config(self) -> NetConfig:
        return self.form.config()

    def set_config(self, config: NetConfig, lesson: Lesson | None = None,
                   train: bool = False) -> None:
        """Show ``config`` (and ``lesson``'s title) in the form; ``train`` it at once."""
        self.model.set_config(config, lesson, train)

    def scenario(self, name: str = "") -> Scenario:
        """The form's config as a scenario: with its lesson while the config is the one the
        lesson is about, and the 2D part of :attr:`companion`'s scenario."""
        return self.model.scenario(name, self.companion())

    def save_scenario(self, path: str | None = None) -> bool:
        """Save :meth:`scenario` to ``path`` (asks for one if None); False if cancelled/failed."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, translate(
                "NetlabView", "Save network-lab scenario"),
                                                  str(Path.home() / translate(
                                                      "NetlabView", "netlab.toml")),
                                                  translate(
                                                      "NetlabView", "Scenarios (*.toml)"))
            if not path:
                return False
        target = Path(path)
        if target.suffix != ".toml":
            target = target.with_suffix(".toml")
        try:
            scenario_mod.save(self.scenario(target.stem), target)
        except (OSError, ValueError) as err:
            reason = getattr(err, "strerror", None) or str(err)
            QMessageBox.critical(self, translate(
                "NetlabView", "Cannot save scenario"), translate(
                "NetlabView", "{target}: {reason}").format(target=target, reason=reason))
            return False
        self.status.setText(translate(
            "NetlabView", "saved {target}").format(target=target))
        return True

    def _set_heading(self) -> None:
        c = theme.COLORS
        lesson = self.model.lesson.localized()
        if lesson.title:
            tag = (f"<span style='background:{c['accent']}; color:#111'>&nbsp;{lesson.tag}"
                   f"&nbsp;</span>&nbsp; " if lesson.tag else "")
            self.heading.setText(f"<b>{tag}{lesson.title}</b>")
        else:
            self.heading.setText(translate(
                "NetlabView", "<b>Network lab</b> <span style='color:{c_muted}'>— train a "
                              "small network; watch its loss, gradient and sharpness</span>"
            ).format(
                c_muted=c['muted']))

    # -- the user -----------------------------------------------------------------------------
    def train(self, config: NetConfig | None = None) -> None:
        """Train ``config`` (default: the form's) in the background; a run in progress is
        cancelled (latest wins)."""
        self.model.train(config or self.form.config())

    def stop(self) -> None:
        """Stop the run in progress (its curves so far stay)."""
        self.model.stop()

    def recompute_landscape(self) -> None:
        """The landscape of the current run in the chosen plane (in the background)."""
        self.ensure_built()
        self.model.set_directions(self.landscape_plot.direction())

    def shutdown(self) -> None:
        """Cancel the job in progress (the window closes)."""
        self.model.shutdown()

    def _config_edited(self, config: NetConfig) -> None:
        self.model.edit(config)
        if not self.busy and self.data_plot is not None:
            self.data_plot.show_data(config.data())
        if self.run is not None:
            self.status.setText(self.status.text().split(translate(
                "NetlabView", " · changed"))[0]
                                + translate(
                                    "NetlabView", " · changed: press Train"))

    # -- model -> view ------------------------------------------------------------------------
    def _config_set(self, config: NetConfig) -> None:
        self.form.set_config(config)
        self._set_heading()
        if not self.busy:
            self._on_plots(lambda: self.data_plot.show_data(config.data()))

    def _started(self, config: NetConfig, previous: NetRun | None) -> None:
        self.redraws = 0
        self._on_plots(self._started_plots, config, previous)
        self.previous_hint.setText(translate(
            "NetlabView", "grey: the previous run ({describe})").format(
            describe=_describe(previous))
                                   if previous is not None else "")
        self.progress.setRange(0, config.steps)
        self.progress.setFormat(translate(
            "NetlabView", "step %v / %m"))
        self.progress.setValue(0)
        self.step_slider.setEnabled(False)
        self.status.setText(translate(
            "NetlabView", "training {describe_config_config} …").format(
            describe_config_config=describe_config(config)))
        self.train_button.setEnabled(False)
        self.stop_button.setEnabled(True)

    def _started_plots(self, config: NetConfig, previous: NetRun | None) -> None:
        self._drop_pending()
        self.readouts.set_previous(previous)
        steps, limit = stability_limit(config)
        self.readouts.clear(config.steps, peaks(steps, limit))
        self.data_plot.show_data(config.data())
        self.landscape_plot.clear(translate(
            "NetlabView", "training…"))

    def _progressed(self, payload: Progress | LandscapeProgress) -> None:
        """A snapshot arrived: kept, and drawn by the redraw timer (a burst of deliveries
        between two frames costs nothing and is drawn once)."""
        self._pending = payload
        if not self._redraw.isActive():
            self._redraw.start()

    def _redraw_pending(self) -> None:
        payload, self._pending = self._pending, None
        if isinstance(payload, LandscapeProgress):
            self.landscape_plot.set_message(translate(
                "NetlabView", "computing the landscape… row {rows} of {n}").format(
                rows=payload.rows, n=payload.n))
        elif payload is not None:
            self.redraws += 1
            self.progress.setValue(payload.step)
            self.readouts.show_progress(payload)

    def _drop_pending(self) -> None:
        self._redraw.stop()
        self._pending = None

    def _trained(self, run: NetRun) -> None:
        self._drop_pending()  # (the run itself is drawn)
        if run.diverged:
            self.progress.setFormat(translate(
                "NetlabView", "diverged at step {diverged_at} (of %m)").format(
                diverged_at=run.diverged_at))
            self.progress.setValue(run.diverged_at)
        else:
            self.progress.setValue(run.steps)
        self.readouts.show_run(run)
        n = len(run.weight_steps) - 1
        self.step_slider.blockSignals(True)
        self.step_slider.setRange(0, n)
        self.step_slider.setValue(n)
        self.step_slider.blockSignals(False)
        self.step_slider.setEnabled(True)
        self._slider_moved(n)
        self.landscape_plot.clear(translate(
            "NetlabView", "computing the landscape…"))
        self.status.setText(_summary(run))

    def _landscape_ready(self, grid: LandscapeGrid) -> None:
        self._drop_pending()
        run = self.run
        if run is None:
            return
        self.landscape_plot.show_grid(grid, run)
        self._slider_moved(self.step_slider.value())
        self.runFinished.emit(run)

    def _stopped(self, step: int) -> None:
        run_stopped = step >= 0 or self.run is None
        if run_stopped:
            self.status.setText(translate(
                "NetlabView", "stopped at step {max_step} (no landscape for a stopped run)").format(
                max_step=max(step, 0)))
        self._on_plots(self._stopped_plots, run_stopped)

    def _stopped_plots(self, run_stopped: bool) -> None:
        self._redraw.stop()
        self._redraw_pending()  # the curves so far stay, up to the last snapshot
        self.landscape_plot.clear("stopped" if run_stopped else translate(
            "NetlabView", "landscape stopped: choose a plane to compute it"))

    def _failed(self, message: str) -> None:
        self.status.setText(f"<span style='color:{theme.COLORS['error']}'>failed: "
                            f"{message}</span>")

    def _idle(self) -> None:
        self.train_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self._on_plots(self.idle.emit)

    def _slider_moved(self, k: int) -> None:
        run = self.run
        if run is None:
            return
        k = min(max(int(k), 0), len(run.weight_steps) - 1)
        step = int(run.weight_steps[k])
        self.step_label.setText(translate(
            "NetlabView", "step {step} / {steps}").format(step=step, steps=run.steps))
        self.readouts.set_step(step)
        self.landscape_plot.set_step(step)
        self.model.request_field(k, self.data_plot.GRID)

    def shown_step(self) -> int | None:
        if self.run is None:
            return None
        return int(self.run.weight_steps[self.step_slider.value()])


def _describe(run: NetRun) -> str:
    text = describe_config(run.config)
    if not run.diverged:
        return text
    return text + translate("NetlabView", ", diverged at step {diverged_at}").format(
        diverged_at=run.diverged_at)


def _summary(run: NetRun) -> str:
    c = theme.COLORS
    fmt = vm.format_number
    last = run.diverged_at - 1 if run.diverged else run.steps
    parts = [translate(
        "NetlabView", "loss {fmt_run} → {fmt_run2}").format(
        fmt_run=fmt(run.loss[0]), fmt_run2=fmt(run.loss[last])),
             translate(
                 "NetlabView", "|g| {fmt_run}").format(fmt_run=fmt(run.grad_norm[last]))]
    if run.sharpness.size:
        k = len(run.sharpness) - 1
        lam, limit = run.sharpness[k], run.stability_limit[k]
        estimate = "" if run.sharpness_converged[k] else translate(
            "NetlabView", " (not converged: an estimate)")
        parts.append(translate(
            "NetlabView", "λmax {fmt_lam}{estimate} vs 2/lr {fmt_limit}").format(
            fmt_lam=fmt(lam), estimate=estimate, fmt_limit=fmt(limit)))
    diagnosis = run.diagnosis()
    if diagnosis is not None:  # read from the loss curve alone, beside the measured λmax
        parts.append(translate(
            "NetlabView", "diagnosis: {diagnosis_text}").format(diagnosis_text=diagnosis.text()))
    if not run.data.is_regression:
        parts.append(translate(
            "NetlabView", "accuracy {accuracy_run:.0f}%").format(accuracy_run=100 * accuracy(run)))
    # the status label shows rich text: plain parts escaped ("stable for lr < 2e-4" lost its
    # end to the HTML parser)
    text = html.escape(" · ".join(parts), quote=False)
    if run.diverged:
        text = (translate(
            "NetlabView", "<span style='color:{c_error}'><b>diverged at step "
                          "{diverged_at}</b></span> · ").format(
            c_error=c['error'], diverged_at=run.diverged_at) + text)
    return text


# ---------------------------------------------------------------------------------------------
# Wiring into the main window
# ---------------------------------------------------------------------------------------------
class _CloseWatcher(QObject):
    """Cancels the tab's job when the window closes (nothing computes for a closed window)."""

    def __init__(self, view: NetlabView):
        super().__init__(view)
        self.view = view

    def eventFilter(self, obj, event):  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Close:
            self.view.shutdown()
        return False


def install_netlab_tab(window) -> NetlabView:
    """Add the "Network lab" tab to ``window`` (a :class:`~app.ui.main_window.MainWindow`).

    The tab follows the window's session: when a scenario with a ``[netlab]`` table becomes
    the session's (File > Open, the Lessons menu, the gallery) it shows its lesson, its 2D
    companion (if any) stays on the Surface tab, and the tab comes to the front and trains the
    config; a 2D scenario brings the Surface tab back. Idempotent: a second call returns the
    same view.
    """
    existing = getattr(window, "netlab_view", None)
    if isinstance(existing, NetlabView):
        return existing
    view = NetlabView()
    window.netlab_view = view
    window.add_center_tab(view, TAB_TITLE)
    tabs = window.center_tabs
    session = window.session

    # a network-lab scenario is shown in event-loop turns of its own (the window's turn that
    # opened it has its own work): its config and run in one, the tab comes to the front in
    # the next; a newer scenario drops what is left of an older one's
    idle = idle_queue()
    opening = object()  # this tab's tasks in the shared idle queue
    view.destroyed.connect(lambda *_: idle.cancel(opening))

    def show(scenario) -> None:
        if session.scenario is not scenario:
            return
        try:  # (the session validated the table already: a safeguard)
            view.model.open_scenario(scenario)
        except ValueError as err:
            window.show_error(translate(
                "NetlabView", "Cannot use this scenario"), str(err))
            return
        idle.add(opening, lambda: session.scenario is scenario and tabs.setCurrentWidget(view))

    def scenario_replaced() -> None:
        idle.cancel(opening)
        scenario = session.scenario
        if scenario.netlab is None:
            if tabs.currentWidget() is view:
                tabs.setCurrentIndex(0)
            return
        idle.add(opening, lambda: show(scenario))
        if getattr(getattr(window, "runner", None), "inline", False):
            idle.flush(opening)  # (tests, offscreen rendering: shown when the call returns)

    session.scenarioReplaced.connect(scenario_replaced)
    view.companion = lambda: session.scenario
    closing = getattr(window, "closing", None)
    if closing is not None:  # (not when the user cancels a close of unsaved edits)
        closing.connect(view.shutdown)
    else:
        window.installEventFilter(_CloseWatcher(view))

    # the 2D controls, playback bar and status line (a Surface racer's loss) belong to the
    # other tabs: make room while this one shows, and show no numbers that are not its own
    hidden: dict[str, bool] = {}

    def tab_changed(_index: int) -> None:
        parts = [p for p in (getattr(window, "controls_dock", None),
                             getattr(window, "playback_bar", None),
                             getattr(window, "status", None)) if p is not None]
        if tabs.currentWidget() is view:
            for p in parts:
                hidden[p.objectName() or str(id(p))] = p.isVisible()
                p.hide()
        else:
            for p in parts:
                if hidden.pop(p.objectName() or str(id(p)), False):
                    p.show()

    tabs.currentChanged.connect(tab_changed)

    if session.scenario.netlab is not None:  # launched with a network-lab scenario
        QTimer.singleShot(0, scenario_replaced)
    return view
