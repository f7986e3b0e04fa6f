"""File > Export (Ctrl+E) and File > Export trajectory data: the Qt side of :mod:`app.export`.

- :func:`install_export_action` (from :mod:`app.ui.export_actions`, light to import) adds
  both actions to a main window that has a ``session``
  (it uses ``window.add_file_action`` when there is one, else the first menu called File).
- :class:`ExportDialog`: kind (PNG snapshot of the current frame, PNG frame sequence, animated
  GIF, MP4), output path, size (1280x720, 1920x1080 or custom), frames per second, step range
  and stride, with or without the readouts. Accepting it starts an :class:`ExportJob` under a
  progress dialog with a Cancel button.
- :class:`ExportJob` renders frames offscreen in small chunks from a QTimer (the window stays
  responsive) and hands them, as numpy arrays, to the encoder running in a worker thread
  (:class:`app.export.ThreadedWriter`). Output is atomic: cancel or failure leaves nothing.
- :class:`FrameSource` and :func:`render_scenario` are what ``descent-lab render`` uses.

Frames are rendered from a snapshot of the session (a new :class:`Session` of the same
scenario) with :class:`app.ui.render.FrameRenderer`, so exporting never moves the playhead and
edits made meanwhile do not leak into the file.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    Qt,
    QTimer,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import export
from app.export import (
    DEFAULT_FPS,
    KINDS,
    SIZE_PRESETS,
    ExportError,
    FrameWriter,
    GifWriter,
    StepRange,
    ThreadedWriter,
)
from app.scenario import Scenario
from app.ui import theme
from app.ui.export_actions import ExportActions, install_export_action
from app.ui.render import FrameRenderer, ensure_app
from app.ui.session import Session

__all__ = [
    "qimage_to_rgb",
    "qimage_to_bgra",
    "FrameSource",
    "render_scenario",
    "ExportSettings",
    "ExportJob",
    "ExportDialog",
    "ExportActions",
    "install_export_action",
    "export_trajectory_data",
]

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads ``translate("Context", "text")``
translate = QCoreApplication.translate

EXTENSIONS = {"png": ".png", "gif": ".gif", "mp4": ".mp4", "png-sequence": "/"}
CUSTOM = "Custom"


# ---------------------------------------------------------------------------------------------
# Frames as numpy arrays
# ---------------------------------------------------------------------------------------------
def qimage_to_rgb(image: QImage) -> np.ndarray:
    """A QImage as a fresh ``(height, width, 3)`` uint8 RGB array."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    buf = np.frombuffer(rgb.constBits(), np.uint8, count=stride * h).reshape(h, stride)
    return buf[:, : w * 3].reshape(h, w, 3).copy()


#: drawn by the views besides the racers: start points and stars, text, the blow-up cross
FIXED_COLORS = (theme.COLORS["start"], theme.COLORS["text"], theme.COLORS["playhead"],
                "#ff3b30")


def qimage_to_bgra(image: QImage) -> np.ndarray:
    """A 32-bit QImage's memory as a fresh ``(height, width, 4)`` uint8 array (B, G, R, A on
    little-endian machines): one copy, no per-pixel conversion."""
    if image.format() not in (QImage.Format.Format_ARGB32,
                              QImage.Format.Format_ARGB32_Premultiplied,
                              QImage.Format.Format_RGB32):
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    w, h, stride = image.width(), image.height(), image.bytesPerLine()
    buf = np.frombuffer(image.constBits(), np.uint8, count=stride * h).reshape(h, stride)
    return buf[:, : w * 4].reshape(h, w, 4).copy()


def key_colors(scenario: Scenario) -> list[str]:
    """Colours a GIF palette keeps exact: every enabled racer's, then the views' own."""
    return [*(r.color for r in scenario.racers if r.enabled), *FIXED_COLORS]


class FrameSource:
    """Renders steps of ``scenario`` (or of a snapshot of a session) as RGB arrays."""

    def __init__(self, scenario: Scenario | Session, size: tuple[int, int],
                 include_readouts: bool = True):
        ensure_app()
        if isinstance(scenario, Session):
            scenario = scenario.scenario
        self.session = Session(scenario)
        self.size = (int(size[0]), int(size[1]))
        self.renderer = FrameRenderer(self.session, self.size, include_readouts)
        self._kept: dict[tuple[int, str], np.ndarray] = {}

    def frame(self, step: int, keep: bool = False) -> np.ndarray:
        """The frame at ``step`` as RGB; ``keep=True`` caches it for one later call."""
        return self.pixels(step, "rgb24", keep)

    def pixels(self, step: int, pixel_format: str = "rgb24", keep: bool = False) -> np.ndarray:
        """The frame at ``step`` in ``pixel_format`` (``"bgra"``: the renderer's memory as is,
        the fastest); ``keep=True`` caches it for one later call (palette samples are
        rendered once)."""
        key = (int(step), pixel_format)
        if key in self._kept:
            return self._kept.pop(key)
        image = self.renderer.render(int(step))
        frame = qimage_to_bgra(image) if pixel_format == "bgra" else qimage_to_rgb(image)
        if keep:
            self._kept[key] = frame
        return frame

    def close(self) -> None:
        self._kept.clear()
        self.renderer.close()
        self.session.deleteLater()


def prepare_palette(writer: FrameWriter, source: FrameSource, steps: Sequence[int]) -> None:
    """For a GIF: the palette from a few frames spread over ``steps`` (kept for reuse)."""
    if isinstance(writer, GifWriter) and writer.palette is None:
        writer.add_key_colors(key_colors(source.session.scenario))
        samples = export.palette_sample_steps(steps)
        writer.set_palette([source.pixels(s, writer.pixel_format, keep=True)
                            for s in samples])


#: harmless warnings of Qt's offscreen platform when the renderer's hidden widget is laid out
_NOISE = ("This plugin does not support propagateSizeHints()",)


@contextlib.contextmanager
def quiet_offscreen_warnings():
    """Drop Qt's known harmless offscreen-plugin warnings (others still reach stderr)."""

    def handler(mode, context, message):
        if message in _NOISE:
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            sys.stderr.write(message + "\n")

    previous = qInstallMessageHandler(handler)
    try:
        yield
    finally:
        qInstallMessageHandler(previous)


def render_scenario(scenario: Scenario, writer: FrameWriter, steps: Sequence[int] | StepRange,
                    include_readouts: bool = True,
                    progress: Callable[[int], object] | None = None,
                    cancelled: Callable[[], bool] | None = None) -> Path:
    """Render ``steps`` of ``scenario`` into ``writer`` (blocking; the encoder runs in a worker
    thread while the next frame renders). Returns the written path."""
    steps = steps.steps if isinstance(steps, StepRange) else list(steps)
    with quiet_offscreen_warnings():
        try:
            source = FrameSource(scenario, writer.size, include_readouts)
        except BaseException:
            writer.abort()
            raise
        try:
            prepare_palette(writer, source, steps)
            fmt = writer.pixel_format
            return export.export_frames((source.pixels(s, fmt) for s in steps), writer,
                                        progress=progress, cancelled=cancelled)
        except BaseException:
            writer.abort()
            raise
        finally:
            source.close()


# ---------------------------------------------------------------------------------------------
# The GUI job: chunks from a QTimer, encoder in a thread
# ---------------------------------------------------------------------------------------------
@dataclass
class ExportSettings:
    kind: str
    path: str
    size: tuple[int, int] = export.DEFAULT_SIZE
    fps: int = DEFAULT_FPS
    steps: list[int] = field(default_factory=list)
    include_readouts: bool = True
    overwrite: bool = False


class ExportJob(QObject):
    """One export running inside the event loop. ``progressed(done, total)``, then exactly one
    of ``finished(path)``, ``failed(message)`` or ``cancelled()``."""

    progressed = Signal(int, int)
    finished = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    #: time spent rendering per timer tick before the event loop runs again
    BUDGET_S = 0.03

    def __init__(self, scenario: Scenario, settings: ExportSettings,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.scenario = scenario
        self.settings = settings
        self.steps = list(settings.steps)
        self.total = len(self.steps)
        self.done = 0
        self.state = "new"  # running, finished, failed, cancelled
        self.path: Path | None = None
        self.writer: FrameWriter | None = None
        self.runner: ThreadedWriter | None = None
        self.source: FrameSource | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)

    @property
    def running(self) -> bool:
        return self.state == "running"

    def start(self) -> None:
        """Check everything (:class:`ExportError` at once on bad settings), then run."""
        s = self.settings
        self.writer = export.open_writer(s.path, s.size, s.fps, overwrite=s.overwrite,
                                         kind=s.kind, key_colors=key_colors(self.scenario),
                                         pixel_format=export.QT_PIXEL_FORMAT)
        if not self.steps:
            raise ExportError("nothing to export: the step range is empty")
        self.state = "running"
        self._timer.start()

    def _tick(self) -> None:
        try:
            if self.source is None:  # first tick: widgets, palette, encoder thread
                with quiet_offscreen_warnings():
                    self.source = FrameSource(self.scenario, self.settings.size,
                                              self.settings.include_readouts)
                prepare_palette(self.writer, self.source, self.steps)
                self.runner = ThreadedWriter(self.writer)
                self.runner.start()
                return
            runner = self.runner
            if self.done < self.total:
                t0 = time.perf_counter()
                while (self.done < self.total and runner.has_room()
                       and time.perf_counter() - t0 < self.BUDGET_S):
                    runner.put(self.source.pixels(self.steps[self.done],
                                                  self.writer.pixel_format))
                    self.done += 1
                self.progressed.emit(self.done, self.total)
                if self.done == self.total:
                    runner.close_input()
                return
            if not runner.done():
                self._timer.setInterval(10)  # the encoder is finishing; poll gently
                return
            self.path = runner.commit()
            self._end("finished")
            self.finished.emit(str(self.path))
        except BaseException as err:  # noqa: BLE001 (reported, never raised into Qt)
            if self.state != "running":
                return
            self._drop()
            self._end("failed")
            if isinstance(err, ExportError | OSError | ValueError):
                self.failed.emit(str(err))
            else:
                self.failed.emit(f"export failed: {type(err).__name__}: {err}")

    def cancel(self) -> None:
        """Stop now; the temporary output is removed (no-op once the job has ended)."""
        if self.state not in ("running", "new"):
            return
        self._drop()
        self._end("cancelled")
        self.cancelled.emit()

    def _drop(self) -> None:
        self._timer.stop()
        if self.runner is not None:
            self.runner.abort()
        elif self.writer is not None:
            self.writer.abort()

    def _end(self, state: str) -> None:
        self.state = state
        self._timer.stop()
        if self.source is not None:
            self.source.close()
            self.source = None


# ---------------------------------------------------------------------------------------------
# The dialog
# ---------------------------------------------------------------------------------------------
class ExportDialog(QDialog):
    """Choose what to export; :meth:`accept` checks it, asks before replacing a file, and
    starts the job (:attr:`job`) under a progress dialog (:attr:`progress`)."""

    jobStarted = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None,
                 directory: str | os.PathLike | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.session = session
        self.job: ExportJob | None = None
        self.progress: QProgressDialog | None = None
        self.directory = Path(directory) if directory else Path.home()
        self._default_text = ""
        last = session.steps

        self.kind = QComboBox()
        for key, text in KINDS.items():
            label = (self.tr("PNG snapshot of the current frame") if key == "png"
                     else translate("export", text))
            self.kind.addItem(label, key)
        self.kind.setCurrentIndex(list(KINDS).index("gif"))
        self.path = QLineEdit()
        self.path.setObjectName("exportPath")
        self.browse = QPushButton(self.tr("Browse…"))
        self.browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)

        self.size_preset = QComboBox()
        for name in SIZE_PRESETS:
            self.size_preset.addItem(name.replace("x", " × "), name)
        self.size_preset.addItem(self.tr("Custom"), CUSTOM)
        self.width_box = QSpinBox()
        self.height_box = QSpinBox()
        for box in (self.width_box, self.height_box):
            box.setRange(export.MIN_SIDE, export.MAX_SIDE)
        self.width_box.setValue(export.DEFAULT_SIZE[0])
        self.height_box.setValue(export.DEFAULT_SIZE[1])
        size_row = QHBoxLayout()
        size_row.addWidget(self.size_preset)
        size_row.addWidget(self.width_box)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.height_box)
        size_row.addStretch(1)

        self.fps = QSpinBox()
        self.fps.setRange(1, export.MAX_FPS)
        self.fps.setValue(DEFAULT_FPS)
        self.step_from = QSpinBox()
        self.step_to = QSpinBox()
        self.stride = QSpinBox()
        for box in (self.step_from, self.step_to):
            box.setRange(0, last)
        self.step_to.setValue(last)
        self.stride.setRange(1, max(1, last))
        steps_row = QHBoxLayout()
        for text, box in ((self.tr("from"), self.step_from), (self.tr("to"), self.step_to),
                          (self.tr("every"), self.stride)):
            steps_row.addWidget(QLabel(text))
            steps_row.addWidget(box)
        steps_row.addStretch(1)
        self.readouts = QCheckBox(
            self.tr("Include the readouts (loss and |gradient| versus step)"))
        self.readouts.setChecked(True)

        self.summary = QLabel()
        self.summary.setObjectName("hint")
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("Export"), self.kind)
        form.addRow(self.tr("To"), path_row)
        form.addRow(self.tr("Size"), size_row)
        form.addRow(self.tr("Frames per second"), self.fps)
        form.addRow(self.tr("Steps"), steps_row)
        form.addRow("", self.readouts)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.size_preset.currentIndexChanged.connect(self._update)
        for box in (self.fps, self.step_from, self.step_to, self.stride, self.width_box,
                    self.height_box):
            box.valueChanged.connect(self._update)
        self._set_default_path()
        self._kind_changed()

    # -- fields ---------------------------------------------------------------------------
    def current_kind(self) -> str:
        return self.kind.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def set_size(self, width: int, height: int) -> None:
        name = f"{width}x{height}"
        index = self.size_preset.findData(name if name in SIZE_PRESETS else CUSTOM)
        self.size_preset.setCurrentIndex(index)
        self.width_box.setValue(width)
        self.height_box.setValue(height)

    def set_steps(self, start: int, stop: int, stride: int = 1) -> None:
        self.step_from.setValue(start)
        self.step_to.setValue(stop)
        self.stride.setValue(stride)

    def _default_path(self) -> str:
        name = self.session.scenario.name or "descent-lab"
        return str(self.directory / name) + EXTENSIONS[self.current_kind()]

    def _set_default_path(self) -> None:
        self.path.setText(self._default_path())
        self._default_text = self.path.text()

    def refresh(self) -> None:
        """Follow the session: the step range of the current run, the scenario's name in a
        path the user has not edited."""
        last = self.session.steps
        stop_at_end = self.step_to.value() == self.step_to.maximum()
        for box in (self.step_from, self.step_to):
            box.setMaximum(last)
        self.stride.setMaximum(max(1, last))
        if stop_at_end:
            self.step_to.setValue(last)
        if self.path.text() == self._default_text:
            self._set_default_path()
        self.error.hide()
        self._update()

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        text = self.path.text().strip()
        if text:
            base = text.rstrip("/" + os.sep)
            stem, suffix = os.path.splitext(base)
            if suffix.lower() in (".png", ".gif", ".mp4"):
                base = stem
            self.path.setText(base + (os.sep if kind == "png-sequence" else EXTENSIONS[kind]))
            if text == self._default_text:
                self._default_text = self.path.text()
        animated = kind in ("gif", "mp4")
        self.fps.setEnabled(animated)
        for box in (self.step_from, self.step_to, self.stride):
            box.setEnabled(kind != "png")
        self._update()

    def _size(self) -> tuple[int, int]:
        name = self.size_preset.currentData()
        custom = name == CUSTOM
        self.width_box.setEnabled(custom)
        self.height_box.setEnabled(custom)
        if not custom:
            w, h = SIZE_PRESETS[name]
            self.width_box.blockSignals(True)
            self.height_box.blockSignals(True)
            self.width_box.setValue(w)
            self.height_box.setValue(h)
            self.width_box.blockSignals(False)
            self.height_box.blockSignals(False)
            return w, h
        return self.width_box.value(), self.height_box.value()

    def _steps(self) -> list[int]:
        if self.current_kind() == "png":
            return [self.session.step]
        rng = StepRange(self.step_from.value(), self.step_to.value(), self.stride.value())
        return rng.checked(self.session.steps).steps

    def _update(self) -> None:
        w, h = self._size()
        kind = self.current_kind()
        try:
            n = len(self._steps())
        except ExportError as err:
            self.summary.setText(str(err))
            return
        if kind == "png":
            self.summary.setText(self.tr("step {step} (the current frame), {w}×{h}").format(
                step=self.session.step, w=w, h=h))
        elif kind == "png-sequence":
            self.summary.setText(self.tr("{n} PNG files, {w}×{h}").format(n=n, w=w, h=h))
        else:
            self.summary.setText(self.tr("{n} frames, {seconds} s at {fps} fps, {w}×{h}").format(
                n=n, seconds=f"{n / self.fps.value():.1f}", fps=self.fps.value(), w=w, h=h))

    def settings(self) -> ExportSettings:
        """The chosen settings, checked (:class:`ExportError` with a clear message)."""
        kind = self.current_kind()
        path = self.path.text().strip()
        if not path:
            raise ExportError(self.tr("choose where to export to"))
        path = os.path.expanduser(path)
        if kind == "png-sequence" and not path.endswith(("/", os.sep)):
            path += os.sep
        found = export.output_kind(path)
        if found != kind:
            raise ExportError(self.tr("{path}: the name does not match the chosen kind "
                                      "({kind}); use {suffix}").format(
                path=path, kind=translate("export", KINDS[kind]),
                suffix=EXTENSIONS[kind]))
        size = export.check_size(*self._size(), kind=kind)
        fps = export.check_fps(self.fps.value(), kind)
        return ExportSettings(kind, path, size, fps, self._steps(), self.readouts.isChecked())

    def _browse(self) -> None:
        kind = self.current_kind()
        current = self.path.text().strip() or str(self.directory)
        if kind == "png-sequence":
            folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the PNG frames"),
                                                      os.path.dirname(current.rstrip("/")))
            if folder:
                self.path.setText(folder.rstrip("/" + os.sep) + os.sep)
            return
        ext = EXTENSIONS[kind]
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to"), current,
            f"{translate('export', KINDS[kind])} (*{ext})",
            options=QFileDialog.Option.DontConfirmOverwrite)  # asked once, on Export
        if path:
            if not path.lower().endswith(ext):
                path += ext
            self.path.setText(path)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    # -- running ---------------------------------------------------------------------------
    def accept(self) -> None:
        try:
            s = self.settings()
            try:
                export.check_output(s.path, s.kind, overwrite=False)
            except export.OutputExistsError as err:
                answer = QMessageBox.question(
                    self, self.tr("Replace?"),
                    self.tr("{path} already exists.\nReplace it?").format(path=err.path),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    QMessageBox.StandardButton.No)
                if answer != QMessageBox.StandardButton.Yes:
                    return
                s.overwrite = True
            job = ExportJob(self.session.scenario, s, self.parent() or self)
            job.start()
        except ExportError as err:
            self.show_error(str(err))
            return
        self.error.hide()
        self.job = job
        self.progress = self._progress_dialog(job)
        self.jobStarted.emit(job)
        super().accept()

    def _progress_dialog(self, job: ExportJob) -> QProgressDialog:
        name = os.path.basename(job.settings.path.rstrip("/" + os.sep))
        owner = self.parentWidget() or self
        dlg = QProgressDialog(self.tr("Exporting {name}…").format(name=name), self.tr("Cancel"),
                              0, job.total + 1, owner)
        dlg.setWindowTitle(self.tr("Export"))
        dlg.setWindowModality(Qt.WindowModality.WindowModal)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.setMinimumDuration(0)
        dlg.setValue(0)
        dlg.canceled.connect(job.cancel)
        job.progressed.connect(lambda done, total: dlg.setValue(done))
        status = getattr(owner, "statusBar", None)

        def ended(message: str | None = None, error: str | None = None) -> None:
            try:
                dlg.canceled.disconnect(job.cancel)
            except (RuntimeError, TypeError):
                pass
            dlg.hide()
            dlg.deleteLater()
            if self.progress is dlg:
                self.progress = None
            if error is not None:
                QMessageBox.critical(owner, self.tr("Export failed"), error)
            elif message and callable(status):
                status().showMessage(message, 6000)

        job.finished.connect(lambda path: ended(self.tr("Exported {path}").format(path=path)))
        job.failed.connect(lambda msg: ended(error=msg))
        job.cancelled.connect(lambda: ended(self.tr("Export cancelled; nothing was written")))
        dlg.show()
        return dlg


# ---------------------------------------------------------------------------------------------
# Trajectory data and installing the actions
# ---------------------------------------------------------------------------------------------
def export_trajectory_data(window: QWidget, path: str | os.PathLike | None = None,
                           overwrite: bool | None = None) -> Path | None:
    """Write the session's runs as JSON or CSV (by extension; the same data as
    ``descent-lab run``). Without ``path`` a save dialog asks (and confirms replacing)."""
    session: Session = window.session
    if all(run is None for run in session.runs):  # no start point, or every racer switched off
        why = ("there is no start point yet: click the plot to add one" if
               not session.scenario.starts else "every racer is switched off")
        QMessageBox.information(window, "Nothing to export",
                                f"No trajectories to export: {why}.")
        return None
    if path is None:
        name = session.scenario.name or "descent-lab"
        path, chosen = QFileDialog.getSaveFileName(
            window, translate("ExportDialog", "Export trajectory data"),
            str(Path.home() / f"{name}.json"),
            "JSON (*.json);;CSV (*.csv)")
        if not path:
            return None
        if Path(path).suffix.lower() not in (".json", ".csv"):
            path += ".csv" if "csv" in chosen.lower() else ".json"
        overwrite = True if overwrite is None else overwrite  # the file dialog asked
    try:
        target = export.write_trajectory_data(path, session.scenario, session.runs,
                                              session.surface, overwrite=bool(overwrite))
    except ExportError as err:
        QMessageBox.critical(window, translate("ExportDialog", "Cannot export trajectory data"),
                             str(err))
        return None
    status = getattr(window, "statusBar", None)
    if callable(status):
        status().showMessage(translate("ExportDialog", "Exported {path}").format(path=target),
                             6000)
    return target
