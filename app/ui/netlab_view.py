"""The "Network lab" tab: train a small network and watch its loss, gradient and sharpness.

Left: a form built from :data:`app.netlab.CONFIG_PARAMS` (data set, network, optimizer with its
hyperparameters, schedule, steps, ...), validated as the user types. Right: Train / Stop and a
progress bar; the loss landscape on a plane through the final weights with the projected path;
the data with the model's decision region at the chosen step; and the readouts (training loss,
|gradient|, sharpness lambda_max against 2 / lr), with the previous run in grey and a
"diverged at step k" badge.

Training runs in a background thread (:class:`TrainWorker`), so the window stays responsive;
Stop ends it within a step. The landscape is computed in the same thread after training.

Wiring into the main window is one line, ``install_netlab_tab(window)``: it adds the tab and
makes opening a scenario with a ``[netlab]`` table (File > Open, the Lessons menu, the gallery)
switch to this tab with that config and train it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
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
from app.netlab import CONFIG_PARAMS, NetConfig, NetRun, accuracy
from app.netlab.scenario import netlab_scenario
from app.netlab.viewdata import (
    Cancelled,
    LandscapeGrid,
    Progress,
    TrainResult,
    landscape_job,
    stability_limit,
    train_job,
)
from app.scenario import Lesson, Scenario
from app.ui import theme
from app.ui.netlab_plots import DataPlot, LandscapePlot, NetReadouts
from app.ui.param_fields import ParamForm

__all__ = ["NetlabView", "NetlabForm", "TrainWorker", "install_netlab_tab", "TAB_TITLE"]

TAB_TITLE = "Network lab"
#: the settings column's least width (the tab fits a 1024-pixel projector beside both docks)
FORM_MIN_WIDTH = 215
#: seconds between live readout updates while training (doubled for very long runs)
PROGRESS_INTERVAL = 0.05
_PARAMS = {p.name: p for p in CONFIG_PARAMS}
_GROUPS = (
    ("Data", ("dataset", "n_samples", "data_noise", "seed", "standardize")),
    ("Network", ("activation", "init", "init_scale", "init_seed", "loss")),
    ("Training", ("batch_size", "steps", "noise_sigma", "noise_seed")),
    ("Readouts", ("sharpness_every", "trajectory_points")),
)


# ---------------------------------------------------------------------------------------------
# The background worker
# ---------------------------------------------------------------------------------------------
class TrainWorker(QThread):
    """Runs ``job(report, cancelled)`` in a thread; results arrive as queued signals.

    ``progress(Progress)`` while training, then exactly one of ``succeeded(result)``,
    ``stopped()`` (Stop pressed: the job raised :class:`Cancelled`) or ``failed(message)``.
    """

    progress = Signal(object)
    succeeded = Signal(object)
    stopped = Signal()
    failed = Signal(str)

    def __init__(self, job: Callable[[Callable[[Progress], None], Callable[[], bool]], Any]):
        super().__init__()
        self._job = job
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:  # runs in the worker thread
        try:
            result = self._job(self.progress.emit, self._cancel.is_set)
        except Cancelled:
            self.stopped.emit()
            return
        except Exception as err:  # noqa: BLE001 - shown to the user, never lost
            self.failed.emit(f"{type(err).__name__}: {err}")
            return
        self.succeeded.emit(result)


#: every worker that may still run: kept referenced until it has finished (a QThread object
#: must not be destroyed while its thread runs, even when its tab is gone)
_WORKERS: set[TrainWorker] = set()


def _reap() -> None:
    for w in [w for w in _WORKERS if w.isFinished()]:
        w.wait()
        _WORKERS.discard(w)


def stop_all_workers(timeout_ms: int = 5000) -> None:
    """Cancel every running worker and wait for it (at application exit)."""
    for w in list(_WORKERS):
        w.cancel()
    for w in list(_WORKERS):
        w.wait(timeout_ms)
    _reap()


# ---------------------------------------------------------------------------------------------
# The form
# ---------------------------------------------------------------------------------------------
def _section(title: str) -> tuple[QGroupBox, QVBoxLayout]:
    box = QGroupBox(title)
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
                self.hidden.setToolTip("hidden layer widths, e.g. 32, 32 (empty: a linear "
                                       "model; at most 6 layers of 1 to 512 units)")
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

    def __init__(self, config: NetConfig | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = NetlabForm(config)
        self.form.setMinimumWidth(FORM_MIN_WIDTH)
        self.form.setMaximumWidth(340)
        self.form.configChanged.connect(self._config_edited)

        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.train_button = QPushButton("▶ Train")
        self.train_button.setToolTip("train the network with the settings on the left")
        self.train_button.clicked.connect(lambda: self.train())
        self.stop_button = QPushButton("■ Stop")
        self.stop_button.setToolTip("stop the run now (its curves so far stay)")
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)
        self.save_button = QPushButton("Save…")
        self.save_button.setToolTip("save these settings as a network-lab scenario (.toml)")
        self.save_button.clicked.connect(lambda: self.save_scenario())
        self.progress = QProgressBar()
        self.progress.setFormat("step %v / %m")
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

        self.landscape_plot = LandscapePlot()
        self.landscape_plot.directions.activated.connect(lambda _: self.recompute_landscape())
        self.data_plot = DataPlot()
        self.readouts = NetReadouts()
        self.previous_hint = _hint("")

        self.step_slider = QSlider(Qt.Orientation.Horizontal)
        self.step_slider.setRange(0, 0)
        self.step_slider.setEnabled(False)
        self.step_slider.setToolTip("the step shown in the landscape (orange point) and the "
                                    "data view (decision region)")
        self.step_slider.valueChanged.connect(self._slider_moved)
        self.step_label = QLabel("step 0")
        self.step_label.setMinimumWidth(90)
        step_row = QHBoxLayout()
        step_row.setContentsMargins(0, 0, 0, 0)
        step_row.addWidget(QLabel("show step"))
        step_row.addWidget(self.step_slider, 1)
        step_row.addWidget(self.step_label)

        views = QWidget()
        views_lay = QHBoxLayout(views)
        views_lay.setContentsMargins(0, 0, 0, 0)
        views_lay.setSpacing(6)
        for plot in (self.landscape_plot, self.data_plot):
            plot.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
            views_lay.addWidget(plot, 1)
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

        self.lesson = Lesson()
        self._lesson_config: NetConfig | None = None  # the config the lesson is about
        #: the scenario whose 2D part a saved file keeps (set by install_netlab_tab)
        self.companion: Callable[[], Scenario | None] = lambda: None
        self.run: NetRun | None = None
        self.landscape: LandscapeGrid | None = None
        self.progress_seen = 0  # progress reports received for the current run
        self._worker: TrainWorker | None = None
        self._pending: Callable[[], None] | None = None
        self._running_config: NetConfig | None = None
        self._set_heading()
        self.data_plot.show_data(self.form.config().data())
        self.landscape_plot.set_message("Press Train to train the network.")

    # -- state ----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._worker is not None

    def config(self) -> NetConfig:
        return self.form.config()

    def set_config(self, config: NetConfig, lesson: Lesson | None = None,
                   train: bool = False) -> None:
        """Show ``config`` (and ``lesson``'s title) in the form; ``train`` it at once."""
        self.form.set_config(config)
        self.lesson = lesson or Lesson()
        self._lesson_config = config
        self._set_heading()
        if not self.busy:
            self.data_plot.show_data(config.data())
        if train:
            self.train(config)

    def scenario(self, name: str = "") -> Scenario:
        """The form's config as a scenario: with its lesson while the config is the one the
        lesson is about, and the 2D part of :attr:`companion`'s scenario."""
        config = self.form.config()
        lesson = self.lesson if config == self._lesson_config else Lesson()
        companion = self.companion()
        if companion is not None and companion.netlab is None:
            companion = None
        return netlab_scenario(config, lesson, name, companion)

    def save_scenario(self, path: str | None = None) -> bool:
        """Save :meth:`scenario` to ``path`` (asks for one if None); False if cancelled/failed."""
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, "Save network-lab scenario",
                                                  str(Path.home() / "netlab.toml"),
                                                  "Scenarios (*.toml)")
            if not path:
                return False
        target = Path(path)
        if target.suffix != ".toml":
            target = target.with_suffix(".toml")
        try:
            scenario_mod.save(self.scenario(target.stem), target)
        except (OSError, ValueError) as err:
            reason = getattr(err, "strerror", None) or str(err)
            QMessageBox.critical(self, "Cannot save scenario", f"{target}: {reason}")
            return False
        self.status.setText(f"saved {target}")
        return True

    def _set_heading(self) -> None:
        c = theme.COLORS
        if self.lesson.title:
            tag = (f"<span style='background:{c['accent']}; color:#111'>&nbsp;{self.lesson.tag}"
                   f"&nbsp;</span>&nbsp; " if self.lesson.tag else "")
            self.heading.setText(f"<b>{tag}{self.lesson.title}</b>")
        else:
            self.heading.setText(f"<b>Network lab</b> <span style='color:{c['muted']}'>— train "
                                 f"a small network; watch its loss, gradient and sharpness"
                                 f"</span>")

    def _config_edited(self, config: NetConfig) -> None:
        if not self.busy:
            self.data_plot.show_data(config.data())
        if self.run is not None:
            self.status.setText(self.status.text().split(" · changed")[0]
                                + " · changed: press Train")

    # -- training -----------------------------------------------------------------------------
    def train(self, config: NetConfig | None = None) -> None:
        """Train ``config`` (default: the form's) in the background; a run in progress is
        stopped first."""
        config = config or self.form.config()
        self._queue(lambda: self._start_training(config))

    def stop(self) -> None:
        """Stop the run in progress (its curves so far stay)."""
        self._pending = None
        if self._worker is not None:
            self._worker.cancel()

    def recompute_landscape(self) -> None:
        """The landscape of the current run in the chosen plane (in the background)."""
        if self.run is None:
            return
        self._queue(self._start_landscape)

    def _queue(self, start: Callable[[], None]) -> None:
        if self._worker is not None:
            self._pending = start
            self._worker.cancel()
            return
        start()

    def _launch(self, job, on_success) -> None:
        _reap()
        worker = TrainWorker(job)
        worker.progress.connect(self._on_progress)
        worker.succeeded.connect(on_success)
        worker.stopped.connect(self._on_stopped)
        worker.failed.connect(self._on_failed)
        worker.finished.connect(self._on_finished)
        _WORKERS.add(worker)
        self._worker = worker
        self.train_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        worker.start()

    def _start_training(self, config: NetConfig) -> None:
        previous = self.run
        self.run, self.landscape, self.progress_seen = None, None, 0
        self._running_config = config
        self.readouts.set_previous(previous)
        self.previous_hint.setText(f"grey: the previous run ({_describe(previous)})"
                                   if previous is not None else "")
        self.readouts.clear(config.steps, stability_limit(config))
        self.progress.setRange(0, config.steps)
        self.progress.setFormat("step %v / %m")
        self.progress.setValue(0)
        self.step_slider.setEnabled(False)
        self.data_plot.show_data(config.data())
        self.landscape_plot.clear("training…")
        self.status.setText(f"training {_describe_config(config)} …")
        directions = self.landscape_plot.direction()
        interval = PROGRESS_INTERVAL * (1 if config.steps <= 20_000 else 2)
        self._launch(lambda report, cancelled: train_job(config, directions, report=report,
                                                          cancelled=cancelled,
                                                          interval=interval),
                     self._on_trained)

    def _start_landscape(self) -> None:
        run, directions = self.run, self.landscape_plot.direction()
        self.landscape_plot.clear("computing the landscape…")
        self._launch(lambda report, cancelled: landscape_job(run, directions,
                                                              cancelled=cancelled),
                     self._on_landscape)

    # -- worker → view (queued: these run in the GUI thread) ----------------------------------
    def _on_progress(self, p: Progress) -> None:
        if self.sender() is not self._worker:
            return
        self.progress_seen += 1
        self.progress.setValue(p.step)
        self.readouts.show_progress(p)

    def _on_trained(self, result: TrainResult) -> None:
        if self.sender() is not self._worker:
            return
        run = result.run
        self.run = run
        if run.diverged:
            self.progress.setFormat(f"diverged at step {run.diverged_at} (of %m)")
            self.progress.setValue(run.diverged_at)
        else:
            self.progress.setValue(run.steps)
        self.readouts.show_run(run)
        self._show_landscape(result.landscape)
        n = len(run.weight_steps) - 1
        self.step_slider.blockSignals(True)
        self.step_slider.setRange(0, n)
        self.step_slider.setValue(n)
        self.step_slider.blockSignals(False)
        self.step_slider.setEnabled(True)
        self._slider_moved(n)
        self.status.setText(_summary(run))
        self.runFinished.emit(run)

    def _on_landscape(self, grid: LandscapeGrid) -> None:
        if self.sender() is not self._worker or self.run is None:
            return
        self._show_landscape(grid)
        self._slider_moved(self.step_slider.value())

    def _show_landscape(self, grid: LandscapeGrid | None) -> None:
        self.landscape = grid
        if grid is not None and self.run is not None:
            self.landscape_plot.show_grid(grid, self.run)

    def _on_stopped(self) -> None:
        if self.sender() is not self._worker:
            return
        if self._pending is None:
            step = self.progress.value()
            self.status.setText(f"stopped at step {step} (no landscape for a stopped run)")
            self.landscape_plot.clear("stopped")

    def _on_failed(self, message: str) -> None:
        if self.sender() is not self._worker:
            return
        self.status.setText(f"<span style='color:{theme.COLORS['error']}'>failed: "
                            f"{message}</span>")

    def _on_finished(self) -> None:
        worker = self.sender()
        if worker is not self._worker:
            return
        worker.wait()
        self._worker = None
        self.train_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        start, self._pending = self._pending, None
        if start is not None:
            start()
        else:
            self.idle.emit()

    def _slider_moved(self, k: int) -> None:
        run = self.run
        if run is None:
            return
        k = min(max(int(k), 0), len(run.weight_steps) - 1)
        step = int(run.weight_steps[k])
        self.step_label.setText(f"step {step} / {run.steps}")
        self.readouts.set_step(step)
        self.landscape_plot.set_step(step)
        self.data_plot.show_model(run, step)

    def shown_step(self) -> int | None:
        if self.run is None:
            return None
        return int(self.run.weight_steps[self.step_slider.value()])

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Stop the worker and wait for it (the window closes)."""
        self._pending = None
        worker = self._worker
        if worker is not None:
            worker.cancel()
            worker.wait(timeout_ms)


def _lr_text(config: NetConfig) -> str:
    lr = config.optimizer_params.get("lr")
    if lr is None:
        lr = optimizers.spec(config.optimizer).defaults().get("lr")
    return f"lr {lr:g}" if isinstance(lr, int | float) else ""


def _describe_config(config: NetConfig) -> str:
    hidden = "-".join(str(h) for h in (2, *config.hidden)) + "-out"
    return (f"{config.optimizer} {_lr_text(config)}, {config.activation} {hidden}, "
            f"{config.dataset}")


def _describe(run: NetRun) -> str:
    text = _describe_config(run.config)
    return text + (f", diverged at step {run.diverged_at}" if run.diverged else "")


def _summary(run: NetRun) -> str:
    c = theme.COLORS
    fmt = vm.format_number
    last = run.diverged_at - 1 if run.diverged else run.steps
    parts = [f"loss {fmt(run.loss[0])} → {fmt(run.loss[last])}",
             f"|g| {fmt(run.grad_norm[last])}"]
    if run.sharpness.size:
        k = len(run.sharpness) - 1
        lam, limit = run.sharpness[k], run.stability_limit[k]
        estimate = "" if run.sharpness_converged[k] else " (not converged: an estimate)"
        parts.append(f"λmax {fmt(lam)}{estimate} vs 2/lr {fmt(limit)}")
    if not run.data.is_regression:
        parts.append(f"accuracy {100 * accuracy(run):.0f}%")
    text = " · ".join(parts)
    if run.diverged:
        text = (f"<span style='color:{c['error']}'><b>diverged at step {run.diverged_at}</b>"
                f"</span> · " + text)
    return text


# ---------------------------------------------------------------------------------------------
# Wiring into the main window
# ---------------------------------------------------------------------------------------------
class _CloseWatcher(QObject):
    """Stops the tab's worker when the window closes (a thread must not outlive its window)."""

    def __init__(self, view: NetlabView):
        super().__init__(view)
        self.view = view

    def eventFilter(self, obj, event):  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.Close:
            self.view.shutdown()
        return False


def install_netlab_tab(window) -> NetlabView:
    """Add the "Network lab" tab to ``window`` (a :class:`~app.ui.main_window.MainWindow`).

    Opening a scenario with a ``[netlab]`` table (File > Open, the Lessons menu, the gallery)
    then shows its lesson, its 2D companion (if any) on the Surface tab, and switches to this
    tab and trains its config. Idempotent: a second call returns the same view.
    """
    existing = getattr(window, "netlab_view", None)
    if isinstance(existing, NetlabView):
        return existing
    view = NetlabView()
    window.netlab_view = view
    window.add_center_tab(view, TAB_TITLE)
    tabs = window.center_tabs
    original = window.set_scenario

    def set_scenario(scenario, autoplay: bool = True) -> bool:
        if getattr(scenario, "netlab", None) is None:
            ok = original(scenario, autoplay)
            if ok and tabs.currentWidget() is view:
                tabs.setCurrentIndex(0)
            return ok
        try:
            config = scenario.net_config()
        except ValueError as err:
            window.show_error("Cannot use this scenario", str(err))
            return False
        if not original(scenario, False):
            return False
        _lesson_for_netlab_only(window, scenario, config)
        view.set_config(config, scenario.lesson, train=True)
        tabs.setCurrentWidget(view)
        return True

    window.set_scenario = set_scenario
    view.companion = lambda: getattr(getattr(window, "session", None), "scenario", None)
    view.installed_set_scenario = set_scenario
    window.installEventFilter(_CloseWatcher(view))
    app = QApplication.instance()
    if app is not None and not getattr(app, "_netlab_quit_hook", False):
        app.aboutToQuit.connect(stop_all_workers)
        app._netlab_quit_hook = True

    # the 2D controls and playback bar belong to the other tabs: make room while this one shows
    hidden: dict[str, bool] = {}

    def tab_changed(_index: int) -> None:
        parts = [p for p in (getattr(window, "controls_dock", None),
                             getattr(window, "playback_bar", None)) if p is not None]
        if tabs.currentWidget() is view:
            for p in parts:
                hidden[p.objectName() or str(id(p))] = p.isVisible()
                p.hide()
        else:
            for p in parts:
                if hidden.pop(p.objectName() or str(id(p)), False):
                    p.show()

    tabs.currentChanged.connect(tab_changed)

    scenario = getattr(getattr(window, "session", None), "scenario", None)
    if getattr(scenario, "netlab", None) is not None:  # launched with a network-lab scenario
        def open_initial() -> None:
            try:
                view.set_config(scenario.net_config(), scenario.lesson, train=True)
            except ValueError as err:
                window.show_error("Cannot use this scenario", str(err))
                return
            tabs.setCurrentWidget(view)
        QTimer.singleShot(0, open_initial)
    return view


def _lesson_for_netlab_only(window, scenario, config: NetConfig) -> None:
    """A scenario without a 2D part: the lesson panel names the network, not a surface."""
    if scenario.has_2d_setup():
        return
    panel = getattr(window, "lesson_panel", None)
    if panel is None:
        return
    from app.ui.lesson_panel import lesson_html

    panel.browser.setHtml(lesson_html(
        scenario.lesson, "Network lab",
        f"Trains {_describe_config(config)} for {config.steps} steps (the Network lab tab)."))
