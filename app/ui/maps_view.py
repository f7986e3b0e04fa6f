"""MapsView: stability maps over hyperparameters and basins over start points (the "Maps" tab).

Two maps, for the session's selected racer (lessons P1, P4, P10):

- **Hyperparameter map**: from the first start point, a heatmap over the learning rate (columns,
  log axis) times ``momentum`` (gd, momentum, nesterov, sgd, rmsprop) or ``beta1`` (adam, adamw,
  nadam); one row for adagrad. Colour: the number of steps to reach the tolerance; cells that
  diverged are dark red, cells that never converged grey. A ring marks the racer's current
  values; clicking a cell sets that cell's values on the racer (the contour view then shows that
  run).
- **Basin map**: a heatmap over start points on the scenario's window. Colour: which minimum the
  run reaches (categorical colours, darker = slower) on a surface with several minima, else the
  steps it takes; diverged starts dark red, never-converged grey. Clicking a cell adds that
  start point.

The numbers come from :func:`app.analysis.hyperparameter_map` and :func:`app.analysis.basin_map`,
run as jobs of the one job runner (:mod:`app.jobs`, lane :data:`LANE`: a new map cancels the
running one), so the window never freezes: progress arrives coalesced, and once Cancel is
pressed the map function's progress callback returns ``False`` (it stops at its next report and
nothing is delivered). Maps are recomputed on request (Compute), or automatically while the
tab is shown when they are small (at most :data:`AUTO_MAX_CELL_STEPS` cell-steps).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import optimizers
from app import viewmodel as vm
from app.analysis import (
    DIVERGED,
    NO_MINIMUM,
    NOT_CONVERGED,
    BasinMap,
    HyperparameterMap,
    basin_map,
    curvature,
    hyperparameter_map,
)
from app.jobs import Ticket
from app.numbers import cell_value, format_number
from app.scenario import Racer
from app.ui import theme
from app.ui.jobs_qt import qt_runner
from app.ui.lazy_tabs import StagedBuild
from app.ui.session import Session

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = [
    "MapsView",
    "LANE",
    "map_job",
    "MapRequest",
    "HYPER",
    "BASIN",
    "RESOLUTIONS",
    "DIVERGED_COLOR",
    "NOT_CONVERGED_COLOR",
    "BASIN_COLORS",
    "row_parameter",
    "row_values",
    "default_lr_range",
    "hyper_rgba",
    "basin_rgba",
    "AUTO_MAX_CELL_STEPS",
]

HYPER = "hyper"
BASIN = "basin"
RESOLUTIONS = (16, 32, 64, 128, 256)
DEFAULT_RESOLUTION = 64
TOLERANCES = (1e-2, 1e-3, 1e-4, 1e-6)
#: maps of at most this many cell-steps are recomputed automatically while the tab is shown
AUTO_MAX_CELL_STEPS = 64 * 64 * 2000

DIVERGED_COLOR = (139, 0, 0)  # dark red
NOT_CONVERGED_COLOR = (110, 110, 116)  # grey
#: one colour per minimum of a basin map (Okabe-Ito, then more)
BASIN_COLORS = ((230, 159, 0), (86, 180, 233), (0, 158, 115), (240, 228, 66), (0, 114, 178),
                (204, 121, 167), (255, 255, 255), (170, 120, 60), (120, 200, 120),
                (160, 160, 255))
#: slowest basin cells are drawn this bright (fastest: 1)
BASIN_SLOW_BRIGHTNESS = 0.45
_STEPS_COLORMAP = "viridis"

#: stability families whose maps show the lr * lambda limit (and get an lr range around it)
_LR_FAMILIES = (optimizers.GD, optimizers.HEAVY_BALL, optimizers.NESTEROV)


# ---------------------------------------------------------------------------------------------
# Pure helpers (no widgets)
# ---------------------------------------------------------------------------------------------
def map_optimizer(optimizer: str) -> str:
    """The optimizer a learning-rate map of ``optimizer`` runs (gd's is heavy ball's, whose
    momentum = 0 row is plain GD: the optimizer declares it)."""
    return optimizers.spec(optimizer).map_as or optimizer


def _row_sweep(optimizer: str) -> optimizers.Sweep | None:
    sweeps = optimizers.spec(map_optimizer(optimizer)).sweeps
    return sweeps[0] if sweeps else None


def row_parameter(optimizer: str) -> str | None:
    """The map's row hyperparameter for ``optimizer``: the first it declares as a sweep
    (``momentum``, ``beta1``, ...), or None (an lr-only map)."""
    sweep = _row_sweep(optimizer)
    return sweep.name if sweep is not None else None


def row_values(optimizer: str, hyper: dict[str, Any], n: int) -> np.ndarray | None:
    """``n`` values of the row parameter over its declared range; if the optimizer rejects the
    lowest (Nesterov at momentum 0) the rows start just above it."""
    sweep = _row_sweep(optimizer)
    if sweep is None:
        return None
    name = map_optimizer(optimizer)
    own = {k: v for k, v in hyper.items() if k in optimizers.spec(name).defaults()}
    try:
        optimizers.make_batch(name, own, {sweep.name: [sweep.low]})
    except ValueError:
        return np.linspace(sweep.low, sweep.high, n + 1)[1:]
    return np.linspace(sweep.low, sweep.high, n)


def racer_row_value(racer: Racer, param: str | None) -> float:
    """The racer's current value of the map's row parameter (NaN if none)."""
    if param is None:
        return math.nan
    try:
        opt, _ = racer.build()
    except ValueError:
        return math.nan
    sweep = optimizers.spec(map_optimizer(racer.optimizer)).sweep(param)
    if sweep is not None and sweep.index is not None:
        items = opt.hyper.get(sweep.target)
        return float(items[sweep.index]) if items is not None else math.nan
    return float(opt.hyper.get(param, opt.spec.fixed.get(param, math.nan)))


def default_lr_range(surface, racer: Racer, start) -> tuple[float, float]:
    """A log range of learning rates that shows the interesting part of the map.

    Gradient-descent family: around the stability limit ``2 / lambda_max`` at the start
    (a hundredth of it up to 4 times it, the heavy-ball limit at momentum 0.98 being about 2
    times); adaptive optimizers: two decades either side of the racer's lr. The racer's own lr
    is always inside.
    """
    try:
        lr = float(racer.build()[0].lr)
    except ValueError:
        lr = 1e-2
    lo, hi = lr / 100.0, lr * 100.0
    try:
        opt, _ = racer.build()
        family = opt.spec.family(opt.hyper)
    except ValueError:
        family = optimizers.OTHER
    if family in _LR_FAMILIES:
        try:
            lam = curvature(surface, start).lambda_max
        except ValueError:
            lam = math.nan
        if math.isfinite(lam) and lam > 0:
            limit = 2.0 / lam
            lo, hi = limit * 1e-2, limit * 4.0
    lo, hi = min(lo, lr / 1.5), max(hi, lr * 1.5)
    return float(lo), float(hi)


def lr_ticks(lo: float, hi: float) -> list:
    """Ticks for a log10(lr) axis: decades, and 2 and 5 times them when the range is at most
    four decades (so a short range still has several labels)."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [[], []]
    if hi - lo > 4:
        return vm.log_ticks(lo, hi, max_labels=8)
    major, minor = [], []
    for e in range(math.floor(lo) - 1, math.ceil(hi) + 1):
        for m in range(1, 10):
            pos = e + math.log10(m)
            if lo <= pos <= hi:
                if m in (1, 2, 5):
                    major.append((pos, vm.format_number(m * 10.0 ** e)))
                else:
                    minor.append((pos, ""))
    return [major, minor]


def _lut(name: str = _STEPS_COLORMAP, n: int = 256) -> np.ndarray:
    return pg.colormap.get(name).getLookupTable(0.0, 1.0, n, alpha=False)


def steps_levels(steps_to_converge: np.ndarray, steps: int) -> tuple[float, float]:
    """The colour scale of converged cells: 0 .. the slowest converged cell (at least 1)."""
    k = steps_to_converge[steps_to_converge >= 0]
    hi = float(k.max()) if k.size else float(steps)
    return 0.0, max(hi, 1.0)


def _steps_colors(k: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
    """Fast (few steps) = bright yellow, slow = dark purple (viridis reversed)."""
    lut = _lut()
    lo, hi = levels
    t = np.clip((k.astype(np.float64) - lo) / max(hi - lo, 1e-12), 0.0, 1.0)
    idx = np.round((1.0 - t) * (len(lut) - 1)).astype(int)
    return lut[idx]


def hyper_rgba(m: HyperparameterMap) -> tuple[np.ndarray, tuple[float, float]]:
    """The hyperparameter map as an RGBA image (rows = values, columns = lrs) and the levels of
    its steps scale."""
    k = m.steps_to_converge
    levels = steps_levels(k, m.steps)
    rgba = np.zeros(k.shape + (4,), dtype=np.uint8)
    rgba[..., 3] = 255
    ok = k >= 0
    rgba[ok, :3] = _steps_colors(k[ok], levels)
    rgba[k == DIVERGED, :3] = DIVERGED_COLOR
    rgba[k == NOT_CONVERGED, :3] = NOT_CONVERGED_COLOR
    return rgba, levels


def basin_rgba(m: BasinMap) -> tuple[np.ndarray, tuple[float, float], bool]:
    """The basin map as an RGBA image, the steps levels and whether it is categorical (several
    minima: colour = which minimum, darker = slower; one minimum: colour = steps)."""
    k = m.steps_to_converge
    levels = steps_levels(k, m.steps)
    rgba = np.zeros(k.shape + (4,), dtype=np.uint8)
    rgba[..., 3] = 255
    categorical = len(m.minima) > 1
    ok = (k >= 0) & (m.minimum != NO_MINIMUM)
    if categorical:
        colors = np.array([BASIN_COLORS[i % len(BASIN_COLORS)] for i in range(len(m.minima))],
                          dtype=np.float64)
        lo, hi = levels
        t = np.clip((k[ok] - lo) / max(hi - lo, 1e-12), 0.0, 1.0)
        shade = 1.0 - (1.0 - BASIN_SLOW_BRIGHTNESS) * t
        rgba[ok, :3] = np.round(colors[m.minimum[ok]] * shade[:, None]).astype(np.uint8)
    else:
        rgba[ok, :3] = _steps_colors(k[ok], levels)
    rgba[k == DIVERGED, :3] = DIVERGED_COLOR
    rgba[(k == NOT_CONVERGED) | ((k >= 0) & (m.minimum == NO_MINIMUM)), :3] = \
        NOT_CONVERGED_COLOR
    return rgba, levels, categorical


def _describe_surface(surface) -> str:
    params = ", ".join(f"{k}={vm.format_number(v) if isinstance(v, int | float) else v}"
                       for k, v in surface.params.items()
                       if isinstance(v, int | float | str) and not isinstance(v, bool))
    return f"{surface.name}({params})" if params else surface.name


# ---------------------------------------------------------------------------------------------
# The job
# ---------------------------------------------------------------------------------------------
#: the job runner's lane of the maps (one map at a time: the newest)
LANE = "maps"


def map_job(compute: Callable[[Callable[[float], bool]], Any]) -> Callable[[Any], Any]:
    """A job for the runner from ``compute(progress)`` (a map function of
    :mod:`app.analysis.maps`): its progress goes to the ticket (coalesced), and it stops at
    its next report once the ticket is cancelled (the map function then returns None, which
    the runner never delivers: the ticket is cancelled)."""

    def job(ticket):
        def progress(fraction: float) -> bool:
            ticket.progress(fraction)
            return not ticket.cancelled

        return compute(progress)

    return job


@dataclass(frozen=True)
class _Computed:
    """A map and its colour image, made by the job (off the window's thread)."""

    map: HyperparameterMap | BasinMap
    image: tuple  # hyper_rgba's or basin_rgba's result


def _with_image(m: HyperparameterMap | BasinMap | None) -> _Computed | None:
    if m is None:  # cancelled
        return None
    return _Computed(m, hyper_rgba(m) if isinstance(m, HyperparameterMap) else basin_rgba(m))


# ---------------------------------------------------------------------------------------------
# What a map is computed for
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class MapRequest:
    """Everything a map depends on (two equal requests give the same map)."""

    kind: str
    surface: Any  # the Surface object (compared by identity in :meth:`same`)
    racer_index: int
    racer_optimizer: str  # (gd and momentum racers share one lr x momentum map: map_optimizer)
    optimizer: str
    hyper: tuple  # the racer's parameters as sorted (name, repr) pairs, lr/row value excluded
    schedule: str
    schedule_params: tuple
    start: tuple[float, float] | None
    window: tuple | None
    resolution: int
    steps: int
    tol: float
    lr_range: tuple[float, float] | None
    criterion: str

    def same(self, other: MapRequest | None) -> bool:
        if other is None or other.surface is not self.surface:
            return False
        skip = ("surface", "racer_index", "racer_optimizer")
        a = {k: v for k, v in vars(self).items() if k not in skip}
        b = {k: v for k, v in vars(other).items() if k not in skip}
        return a == b

    @property
    def cell_steps(self) -> int:
        rows = self.resolution if (self.kind == BASIN or row_parameter(self.optimizer)) else 1
        return self.resolution * rows * self.steps


# ---------------------------------------------------------------------------------------------
# The widgets
# ---------------------------------------------------------------------------------------------
class _MapViewBox(pg.ViewBox):
    """Left clicks become :attr:`clicked` (x, y in data units); no pan/zoom by dragging."""

    clicked = Signal(float, float)

    def mouseClickEvent(self, ev):
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            p = self.mapSceneToView(ev.scenePos())
            self.clicked.emit(p.x(), p.y())
            return
        super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev, axis=None):
        ev.ignore()


class _PassScatter(pg.ScatterPlotItem):
    def mouseClickEvent(self, ev):
        ev.ignore()


class MapsView(StagedBuild, QWidget):
    """The "Maps" tab: settings, Compute / Cancel and progress above the map."""

    #: a map was computed and is shown (HyperparameterMap or BasinMap)
    mapReady = Signal(object)
    #: a computation started (its :class:`app.jobs.Ticket`)
    started = Signal(object)
    #: progress of the running computation, 0..1
    progressChanged = Signal(float)
    #: the running computation was cancelled (nothing delivered)
    cancelled = Signal()
    #: the computation failed (the message)
    failed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 staged: bool = False):
        super().__init__(parent)
        self.session = session
        self.results: dict[str, HyperparameterMap | BasinMap | None] = {HYPER: None,
                                                                         BASIN: None}
        self.requests: dict[str, MapRequest | None] = {HYPER: None, BASIN: None}
        #: the job runner (its jobs end when this view is destroyed)
        self.runner = qt_runner(self)
        #: the ticket of the latest map job (:class:`app.jobs.Ticket`)
        self.ticket: Ticket | None = None
        self.running: MapRequest | None = None
        self.auto_compute = True
        self.image_rgba: np.ndarray | None = None
        #: the colour images of the results, made with them by the job (kind -> image)
        self._images: dict[str, tuple] = {}
        self.last_seconds = math.nan
        self._t0 = 0.0
        self._lr_fill_key = None
        self._cells = None
        self._auto = QTimer(self)
        self._auto.setSingleShot(True)
        self._auto.setInterval(250)
        self._auto.timeout.connect(self._auto_compute)
        self._begin_construction(staged)

    # -- building ------------------------------------------------------------------------------
    def _construct(self) -> Iterator[None]:
        self._build_controls()
        yield
        self._build_plot()
        yield
        self._build_plot_items()
        yield
        self._build_layout()
        session = self.session
        for sig in (session.scenarioEdited, session.runsChanged, session.selectedChanged,
                    session.surfaceChanged, session.startsChanged):
            sig.connect(self._on_session_changed)
        session.scenarioReplaced.connect(self._on_replaced)
        self._on_replaced()

    def _build_controls(self) -> None:
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(translate(
            "MapsView", "Learning rate × momentum / β1"), HYPER)
        self.kind_combo.addItem(translate(
            "MapsView", "Basins: start points"), BASIN)
        self.kind_combo.setToolTip(
            translate(
                "MapsView", "Learning rate × momentum: one run from the first start point per "
                            "cell, the selected racer's optimizer with that cell's lr "
                            "(columns) and momentum or beta1 (rows).\nBasins: one run per "
                            "start point on the window, the selected racer as it is: which "
                            "minimum it reaches, and how fast."))
        self.res_combo = QComboBox()
        for r in RESOLUTIONS:
            self.res_combo.addItem(f"{r} × {r}", r)
        self.res_combo.setCurrentIndex(RESOLUTIONS.index(DEFAULT_RESOLUTION))
        self.res_combo.setToolTip(translate(
            "MapsView", "cells per axis"))
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(1, 20_000)
        self.steps_spin.setValue(500)
        self.steps_spin.setToolTip(translate(
            "MapsView", "the most steps each cell's run takes"))
        self.tol_combo = QComboBox()
        for t in TOLERANCES:
            self.tol_combo.addItem(f"{t:g}", t)
        self.tol_combo.setCurrentIndex(1)
        self.tol_combo.setToolTip(translate(
            "MapsView", "a run has converged when its distance to a known minimum is below "
                        "this (|gradient| below it, if the surface has no known minima)"))
        self.compute_button = QPushButton(translate(
            "MapsView", "Compute"))
        self.compute_button.setDefault(True)
        self.cancel_button = QPushButton(translate(
            "MapsView", "Cancel"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(14)
        self.compute_button.clicked.connect(lambda: self.compute())
        self.cancel_button.clicked.connect(self.cancel)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        for w in (self.res_combo, self.tol_combo):
            w.currentIndexChanged.connect(self._on_settings_changed)
        self.steps_spin.valueChanged.connect(self._on_settings_changed)

        row1 = QHBoxLayout()
        row1.setSpacing(6)
        row1.addWidget(self.kind_combo)
        row1.addStretch(1)
        row1.addWidget(self.compute_button)
        row1.addWidget(self.cancel_button)
        row2 = QHBoxLayout()
        row2.setSpacing(6)
        for w in (QLabel(translate("MapsView", "cells")),
                  self.res_combo,
                  QLabel(translate("MapsView", "steps")),
                  self.steps_spin,
                  QLabel(translate("MapsView", "tol")), self.tol_combo):
            row2.addWidget(w)
        row2.addStretch(1)

        self.lr_auto = QCheckBox(translate("MapsView", "auto"))
        self.lr_auto.setChecked(True)
        self.lr_auto.setToolTip(translate(
            "MapsView", "around the stability limit 2/λ_max at the start point (GD family) or "
                        "the racer's lr (adaptive optimizers)"))
        self.lr_lo = QLineEdit()
        self.lr_hi = QLineEdit()
        for e in (self.lr_lo, self.lr_hi):
            e.setMaximumWidth(90)
            e.editingFinished.connect(self._on_settings_changed)
        self.lr_auto.toggled.connect(self._on_lr_auto)
        self.lr_row = QWidget()
        row3 = QHBoxLayout(self.lr_row)
        row3.setContentsMargins(0, 0, 0, 0)
        row3.setSpacing(6)
        for w in (QLabel(translate(
            "MapsView", "lr from")),
                      self.lr_lo,
                      QLabel(translate("MapsView", "to")),
                      self.lr_hi,
                      QLabel(translate(
            "MapsView", "(log)")),
                  self.lr_auto):
            row3.addWidget(w)
        row3.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        self._rows = (row1, row2)

    def _build_plot(self) -> None:
        self.viewbox = _MapViewBox(enableMenu=False)
        self.viewbox.setMouseEnabled(False, False)
        self.plot_widget = pg.PlotWidget(viewBox=self.viewbox)
        self.plot: pg.PlotItem = self.plot_widget.getPlotItem()
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot.addItem(self.image)

    def _build_plot_items(self) -> None:
        self.colorbar = pg.ColorBarItem(values=(0, 1), colorMap=self._reversed_cmap(),
                                        interactive=False, width=14, colorMapMenu=False)
        self.plot.layout.addItem(self.colorbar, 2, 5)
        self.plot.layout.setColumnFixedWidth(4, 5)
        self.colorbar.getAxis("right").setLabel("steps to converge")
        for axis in (self.plot.getAxis("left"), self.plot.getAxis("bottom"),
                     self.colorbar.getAxis("right")):
            axis.enableAutoSIPrefix(False)
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.marker = _PassScatter(size=16, symbol="o", pen=pg.mkPen("#ffffff", width=2.5),
                                   brush=pg.mkBrush(0, 0, 0, 0), pxMode=True)
        self.marker.setZValue(30)
        self.plot.addItem(self.marker)
        self.minima = _PassScatter(symbol="star", size=15, pen=pg.mkPen("k", width=1),
                                   brush=pg.mkBrush("#ffffff"), pxMode=True)
        self.minima.setZValue(25)
        self.plot.addItem(self.minima)
        self.starts = _PassScatter(symbol="o", size=10, pen=pg.mkPen("k", width=1.5),
                                   brush=pg.mkBrush("#ffffff"), pxMode=True)
        self.starts.setZValue(26)
        self.plot.addItem(self.starts)
        self.limit_lines: list[pg.PlotCurveItem] = []
        self.viewbox.clicked.connect(self._on_click)
        self.plot.scene().sigMouseMoved.connect(self._on_hover)

    def _build_layout(self) -> None:
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.params_label = QLabel()
        self.params_label.setObjectName("hint")
        self.params_label.setWordWrap(True)
        self.hover_label = QLabel(" ")
        self.hover_label.setObjectName("hint")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(4)
        row1, row2 = self._rows
        lay.addLayout(row1)
        lay.addLayout(row2)
        lay.addWidget(self.lr_row)
        lay.addWidget(self.progress)
        lay.addWidget(self.status)
        lay.addWidget(self.plot_widget, 1)
        lay.addWidget(self.hover_label)
        lay.addWidget(self.legend)
        lay.addWidget(self.params_label)
        self._on_lr_auto(True)

    @staticmethod
    def _reversed_cmap() -> pg.ColorMap:
        base = pg.colormap.get(_STEPS_COLORMAP)
        pos, colors = base.getStops(mode=pg.ColorMap.BYTE)
        return pg.ColorMap(1.0 - pos[::-1], colors[::-1])

    # -- settings ------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self.kind_combo.currentData()

    def set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))

    @property
    def resolution(self) -> int:
        return int(self.res_combo.currentData())

    def set_resolution(self, n: int) -> None:
        i = self.res_combo.findData(int(n))
        if i < 0:
            self.res_combo.addItem(f"{int(n)} × {int(n)}", int(n))
            i = self.res_combo.count() - 1
        self.res_combo.setCurrentIndex(i)

    def set_steps(self, steps: int) -> None:
        self.steps_spin.setValue(int(steps))

    def set_tolerance(self, tol: float) -> None:
        i = self.tol_combo.findData(float(tol))
        if i < 0:
            self.tol_combo.addItem(f"{tol:g}", float(tol))
            i = self.tol_combo.count() - 1
        self.tol_combo.setCurrentIndex(i)

    def set_lr_range(self, lo: float, hi: float) -> None:
        """A fixed lr range (turns "auto" off)."""
        self.lr_auto.setChecked(False)
        self.lr_lo.setText(f"{lo:g}")
        self.lr_hi.setText(f"{hi:g}")
        self._on_settings_changed()

    def _on_lr_auto(self, on: bool) -> None:
        self.lr_lo.setReadOnly(on)
        self.lr_hi.setReadOnly(on)
        if on:
            self._fill_auto_lr(force=True)
        self._on_settings_changed()

    def _fill_auto_lr(self, force: bool = False) -> None:
        """The automatic lr range, refilled when the surface, the racer, its optimizer family
        or the start point change (not when its lr does: a click on a map cell keeps the map)."""
        racer, start = self._racer(), self._start()
        if racer is None or start is None:
            return
        key = (self.session.surface, self.session.selected, map_optimizer(racer.optimizer), start)
        old = self._lr_fill_key
        if not force and old is not None and old[0] is key[0] and old[1:] == key[1:]:
            return
        self._lr_fill_key = key
        lo, hi = default_lr_range(self.session.surface, racer, start)
        self.lr_lo.setText(f"{lo:.3g}")
        self.lr_hi.setText(f"{hi:.3g}")

    def _lr_range(self) -> tuple[float, float]:
        try:
            lo, hi = float(self.lr_lo.text()), float(self.lr_hi.text())
        except ValueError:
            raise ValueError(translate(
                "MapsView", "lr range: enter two numbers, e.g. 0.0001 and 1")) from None
        if not (math.isfinite(lo) and math.isfinite(hi) and 0 < lo < hi):
            raise ValueError(translate(
                "MapsView", "lr range: need 0 < from < to, got {lo:g} and {hi:g}").format(
                lo=lo, hi=hi))
        return lo, hi

    def _on_kind_changed(self) -> None:
        self.lr_row.setVisible(self.kind == HYPER)
        self._show_result()
        self._on_settings_changed()

    def _on_settings_changed(self, *_args) -> None:
        self._update_stale()
        self._schedule_auto()

    def _on_session_changed(self, *_args) -> None:
        if self.lr_auto.isChecked():
            self._fill_auto_lr()
        self._update_marker()
        self._update_starts()
        self._update_stale()
        self._schedule_auto()

    def _on_replaced(self) -> None:
        self.cancel()
        self.set_steps(min(max(self.session.steps, 50), 2000))
        if self.lr_auto.isChecked():
            self._fill_auto_lr()
        self._on_session_changed()

    # -- the request ---------------------------------------------------------------------------
    def _racer(self) -> Racer | None:
        racers = self.session.scenario.racers
        i = self.session.selected
        return racers[i] if 0 <= i < len(racers) else None

    def _start(self) -> tuple[float, float] | None:
        starts = self.session.scenario.starts
        return tuple(map(float, starts[0])) if starts else None

    def request(self, kind: str | None = None) -> MapRequest:
        """What the map of ``kind`` (default: the shown one) would be computed for now;
        ``ValueError`` with a message if it cannot be computed."""
        kind = kind or self.kind
        s = self.session
        racer = self._racer()
        if racer is None:
            raise ValueError(translate(
                "MapsView", "no racer selected"))
        surface = s.surface
        has_minima = len(np.asarray(surface.minima).reshape(-1, 2)) > 0
        param = row_parameter(racer.optimizer) if kind == HYPER else None
        effective = dict(racer.build()[0].hyper)  # ValueError: invalid values
        if kind == HYPER:  # the map's own columns and rows are not part of what it depends on
            effective.pop("lr")
            sweep = optimizers.spec(map_optimizer(racer.optimizer)).sweep(param or "")
            if sweep is not None and sweep.target in effective:
                items = list(np.atleast_1d(effective[sweep.target]))
                items[sweep.index or 0] = None
                effective[sweep.target] = tuple(items)
        hyper = [(k, repr(v)) for k, v in sorted(effective.items())]
        start = self._start()
        if kind == HYPER:
            if start is None:
                raise ValueError(translate(
                    "MapsView", "no start point: click the Surface plot to add one"))
            lr_range = self._lr_range()
            window = None
            criterion = "distance" if has_minima else "gradient"
        else:
            if not has_minima:
                raise ValueError(translate(
                    "MapsView", "the surface '{name}' has no known minima, so a basin map "
                                "cannot tell where a run ends: use the learning rate map").format(
                    name=surface.name))
            lr_range = None
            (x0, x1), (y0, y1) = s.window
            window = ((float(x0), float(x1)), (float(y0), float(y1)))
            criterion = "distance"
            start = None
        return MapRequest(
            kind=kind, surface=surface, racer_index=s.selected, racer_optimizer=racer.optimizer,
            optimizer=map_optimizer(racer.optimizer) if kind == HYPER else racer.optimizer,
            hyper=tuple(hyper), schedule=racer.schedule,
            schedule_params=tuple(sorted((k, repr(v)) for k, v in
                                         racer.schedule_params.items())),
            start=start, window=window, resolution=self.resolution,
            steps=int(self.steps_spin.value()), tol=float(self.tol_combo.currentData()),
            lr_range=lr_range, criterion=criterion)

    def _job(self, req: MapRequest) -> Callable[[Callable[[float], bool]], Any]:
        racer = self.session.scenario.racers[req.racer_index]
        opt, sched = racer.build()
        surface = req.surface
        if req.kind == HYPER:
            lrs = np.geomspace(req.lr_range[0], req.lr_range[1], req.resolution)
            param = row_parameter(racer.optimizer)
            hyper = {k: v for k, v in racer.params.items() if k not in ("lr", param)}
            values = row_values(racer.optimizer, dict(opt.hyper), req.resolution)
            name = racer.optimizer

            def job(progress):
                return _with_image(hyperparameter_map(
                    surface, name, req.start, lrs, param, values, hyper=hyper,
                    steps=req.steps, schedule=sched, criterion=req.criterion, tol=req.tol,
                    progress=progress))
        else:
            def job(progress):
                return _with_image(basin_map(
                    surface, opt, resolution=req.resolution, window=req.window,
                    steps=req.steps, schedule=sched, tol=req.tol, progress=progress))
        return job

    # -- computing -----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.running is not None

    def compute(self, kind: str | None = None) -> Ticket | None:
        """Start computing the map of ``kind`` (default: the shown one) as a job of the job
        runner (a running computation is cancelled first). Returns its ticket (None on error:
        the message is shown)."""
        if kind is not None and kind != self.kind:
            self.set_kind(kind)
        self._auto.stop()
        self.cancel()
        try:
            req = self.request()
            job = self._job(req)
        except ValueError as err:
            self._set_status(str(err), error=True)
            self.failed.emit(str(err))
            return None
        self.running = req
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.compute_button.setText(translate(
            "MapsView", "Restart"))
        self._set_status(translate(
            "MapsView", "computing {resolution}×{resolution} cells…").format(
            resolution=req.resolution))
        self._t0 = time.perf_counter()
        self.ticket = self.runner.submit(LANE, map_job(job), on_result=self._on_succeeded,
                                         on_progress=self._on_progress,
                                         on_error=self._on_failed)
        self.started.emit(self.ticket)
        return self.ticket

    def cancel(self) -> None:
        """Cancel the running computation (nothing is delivered)."""
        if self.running is None:
            return
        self.runner.cancel(LANE)
        self._detach()
        self._set_status("cancelled")
        self.progress.setValue(0)
        self.cancelled.emit()

    def _detach(self) -> None:
        self.running = None
        self.cancel_button.setEnabled(False)
        self.compute_button.setText(translate(
            "MapsView", "Compute"))

    def _on_progress(self, fraction: float, _payload=None) -> None:
        self.progress.setValue(round(1000 * fraction))
        self.progressChanged.emit(fraction)

    def _on_succeeded(self, computed: _Computed) -> None:
        req = self.running
        if req is None:
            return
        self.last_seconds = time.perf_counter() - self._t0
        self._detach()
        result = computed.map
        self.results[req.kind] = result
        self._images[req.kind] = computed.image
        self.requests[req.kind] = req
        self.progress.setValue(1000)
        self._set_status(translate(
            "MapsView", "done in {last_seconds:.2f} s").format(last_seconds=self.last_seconds))
        if req.kind == self.kind:
            self._show_result()
        self.mapReady.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        if self.running is None:
            return
        message = str(error) if isinstance(error, ValueError) else (
            f"{type(error).__name__}: {error}")
        self._detach()
        self._set_status(message, error=True)
        self.failed.emit(message)

    def _set_status(self, text: str, error: bool = False) -> None:
        color = theme.COLORS["error"] if error else theme.COLORS["muted"]
        self.status.setStyleSheet(f"color: {color};")
        self.status.setText(text)
        self.status.setToolTip(text)

    # -- automatic recomputing -----------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        self._schedule_auto()

    def _schedule_auto(self) -> None:
        if self.auto_compute and self.isVisible():
            self._auto.start()

    def _auto_compute(self) -> None:
        if not (self.auto_compute and self.isVisible()):
            return
        try:
            req = self.request()
        except ValueError as err:
            self._set_status(str(err), error=True)
            return
        if req.same(self.requests[req.kind]) or req.same(self.running):
            return
        if req.cell_steps <= AUTO_MAX_CELL_STEPS:
            self.compute()

    def _update_stale(self) -> None:
        shown = self.requests.get(self.kind)
        if shown is None or self.busy:
            return
        try:
            stale = not self.request().same(shown)
        except ValueError:
            stale = True
        if stale:
            self._set_status("the settings or the racer changed: press Compute to update the "
                             "map")
        elif self.status.text().startswith("the settings"):
            self._set_status("up to date")

    # -- showing -------------------------------------------------------------------------------
    def _show_result(self) -> None:
        kind = self.kind
        m = self.results.get(kind)
        req = self.requests.get(kind)
        for line in self.limit_lines:
            self.plot.removeItem(line)
        self.limit_lines = []
        if m is None or req is None:
            self.image.clear()
            self.image_rgba = None
            self.legend.setText("")
            self.params_label.setText(translate(
                "MapsView", "No map yet: press Compute.") if not self.busy else "")
            self.marker.setData([], [])
            self.minima.setData([], [])
            self._update_starts()
            return
        if kind == HYPER:
            self._show_hyper(m, req)
        else:
            self._show_basin(m, req)
        self._update_marker()
        self._update_starts()
        self._update_stale()

    def _image(self, m: HyperparameterMap | BasinMap) -> tuple:
        """``m``'s colour image: the one its job made (a map set from elsewhere is coloured
        here)."""
        kind = HYPER if isinstance(m, HyperparameterMap) else BASIN
        if self.results.get(kind) is m and kind in self._images:
            return self._images[kind]
        return _with_image(m).image

    def _set_image(self, rgba: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> None:
        self.image_rgba = rgba
        self.image.setImage(rgba, autoLevels=False, levels=(0, 255))
        nx, ny = len(xs), len(ys)
        dx = (xs[-1] - xs[0]) / (nx - 1) if nx > 1 else 1.0
        dy = (ys[-1] - ys[0]) / (ny - 1) if ny > 1 else 1.0
        rect = QRectF(xs[0] - dx / 2, ys[0] - dy / 2, dx * nx, dy * ny)
        self.image.setRect(rect)
        self._cells = (xs, ys, dx, dy)
        self.viewbox.setRange(rect=rect, padding=0)

    def _legend(self, extra: str, steps: int) -> None:
        def sw(rgb) -> str:
            return f"<span style=\"color: rgb{tuple(rgb)}\">■</span>"

        click = (translate(
            "MapsView", "add a start point there") if self.kind == BASIN else translate(
            "MapsView", "use its values"))
        self.legend.setText(translate(
            "MapsView", "{extra}{sw_diverged_color} diverged &nbsp; {sw_not_converged_color} "
                        "not converged within {steps} steps &nbsp; — <b>click a cell</b> to "
                        "{click}").format(
            extra=extra, sw_diverged_color=sw(DIVERGED_COLOR),
            sw_not_converged_color=sw(NOT_CONVERGED_COLOR), steps=steps, click=click))

    def _show_hyper(self, m: HyperparameterMap, req: MapRequest) -> None:
        rgba, levels = self._image(m)
        xs = np.log10(m.lrs)
        one_row = m.param is None
        ys = np.array([0.0]) if one_row else np.asarray(m.values, dtype=float)
        self._set_image(rgba, xs, ys)
        bottom = self.plot.getAxis("bottom")
        bottom.setLabel(translate(
            "MapsView", "learning rate (log scale)"))
        dx = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
        bottom.setTicks(lr_ticks(float(xs[0] - dx / 2), float(xs[-1] + dx / 2)))
        left = self.plot.getAxis("left")
        left.setTicks(None if not one_row else [[(0.0, "")]])
        left.setLabel(m.param or translate(
            "MapsView", "(one row)"))
        self.colorbar.show()
        self.colorbar.setLevels(levels)
        self.minima.setData([], [])
        self._draw_limits(m, req)
        fast, slow = (f"<span style=\"color: rgb{tuple(int(v) for v in c)}\">■</span>"
                      for c in (_lut()[-1], _lut()[0]))
        limit = (translate(
            "MapsView", " &nbsp; <b>- - -</b> stability limit lr = (2 + 2·momentum) / λ_max at "
                        "the start") if self.limit_lines else "")
        self._legend(translate(
            "MapsView", "{fast} fast … {slow} slow (steps: colour bar) &nbsp; ○ the racer's "
                        "current values{limit}<br>").format(fast=fast, slow=slow, limit=limit),
                     m.steps)
        racer = translate(
            "MapsView", "racer {req_racer_index} ({racer_optimizer}").format(
            req_racer_index=req.racer_index + 1, racer_optimizer=req.racer_optimizer)
        own = optimizers.spec(req.racer_optimizer)
        if own.name != m.optimizer and m.param in own.fixed:
            racer += (f", as {optimizers.spec(m.optimizer).title.lower()}: the {m.param} "
                      f"{vm.format_number(own.fixed[m.param])} row is {own.title.lower()})")
        else:
            racer += ")"
        rows = ("" if one_row else translate(
            "MapsView", " × {param} {values0}…{m_values} ({values})").format(
            param=m.param, values0=vm.format_number(m.values[0]),
            m_values=vm.format_number(m.values[-1]), values=len(m.values)))
        self.params_label.setText(
            translate(
                "MapsView", "Computed for {racer} on {describe_surface_req} from start "
                            "({start0}, {start1}): lr {lrs0}…{m_lrs} ({lrs}, log){rows}; "
                            "{steps} steps; converged = {criterion_text_m}; "
                            "no gradient noise.").format(
                racer=racer, describe_surface_req=_describe_surface(req.surface),
                start0=vm.format_number(m.start[0]), start1=vm.format_number(m.start[1]),
                lrs0=vm.format_number(m.lrs[0]), m_lrs=vm.format_number(m.lrs[-1]),
                lrs=len(m.lrs), rows=rows, steps=m.steps,
                criterion_text_m=self._criterion_text(m.criterion, m.tol)))

    def _draw_limits(self, m: HyperparameterMap, req: MapRequest) -> None:
        """The stability limit lr = (2 + 2 momentum) / lambda_max at the start (heavy ball, on a
        momentum map): dashed white."""
        spec = optimizers.spec(m.optimizer)
        sweep = spec.sweep(m.param or "")
        if sweep is None or sweep.index is not None:
            return
        ends = [spec.dynamics({**m.hyper, "lr": 1.0, m.param: float(v)}, 1)
                for v in (m.values[0], m.values[-1])]
        if not all(d.family == optimizers.HEAVY_BALL and d.momentum == float(v)
                   for d, v in zip(ends, (m.values[0], m.values[-1]), strict=True)):
            return  # the row is not the heavy-ball momentum of the update
        scale = ends[-1].step_scale
        try:
            lam = curvature(req.surface, m.start).lambda_max
        except ValueError:
            return
        if not (math.isfinite(lam) and lam > 0):
            return
        mu = np.linspace(float(m.values[0]), float(m.values[-1]), 50)
        x = np.log10((2.0 + 2.0 * mu) / (lam * scale))
        line = pg.PlotCurveItem(x, mu, pen=pg.mkPen("#ffffff", width=1.5,
                                                    style=Qt.PenStyle.DashLine))
        line.setZValue(20)
        self.plot.addItem(line)
        self.limit_lines.append(line)

    @staticmethod
    def _criterion_text(criterion: str, tol: float) -> str:
        if criterion == "gradient":
            return translate(
                "MapsView", "|gradient| < {tol:g}").format(tol=tol)
        if criterion == "loss":
            return translate(
                "MapsView", "loss within {tol:g} of the minimum").format(tol=tol)
        return translate(
            "MapsView", "within {tol:g} of a known minimum").format(tol=tol)

    def _show_basin(self, m: BasinMap, req: MapRequest) -> None:
        rgba, levels, categorical = self._image(m)
        self._set_image(rgba, m.xs, m.ys)
        labels = vm.axis_labels(req.surface)
        bottom = self.plot.getAxis("bottom")
        bottom.setTicks(None)
        bottom.setLabel(labels[0])
        left = self.plot.getAxis("left")
        left.setTicks(None)
        left.setLabel(labels[1])
        self.minima.setData(pos=np.asarray(m.minima).reshape(-1, 2))
        if categorical:
            self.colorbar.hide()
            parts = []
            for i, (x, y) in enumerate(m.minima):
                rgb = BASIN_COLORS[i % len(BASIN_COLORS)]
                parts.append(translate(
                    "MapsView", "<span style=\"color: rgb{tuple_rgb}\">■</span> minimum ({x}, "
                                "{y})").format(
                    tuple_rgb=tuple(rgb), x=vm.format_number(x), y=vm.format_number(y)))
            extra = translate(
                "MapsView", " &nbsp; ").join(parts) + translate(
                "MapsView", " &nbsp; (darker = slower) &nbsp; ")
        else:
            self.colorbar.show()
            self.colorbar.setLevels(levels)
            extra = translate(
                "MapsView", "colour: steps to the minimum (colour bar) &nbsp; ")
        self._legend(extra + translate(
            "MapsView", "<br>"), m.steps)
        self.params_label.setText(
            translate(
                "MapsView", "Computed for racer {req_racer_index} ({optimizer}, lr {m_lr}) on "
                            "{describe_surface_req}: {xs}×{ys} start points; {steps} steps; "
                            "converged = {criterion_text_distance}; no gradient noise.").format(
                req_racer_index=req.racer_index + 1, optimizer=m.optimizer,
                m_lr=vm.format_number(m.hyper['lr']),
                describe_surface_req=_describe_surface(req.surface), xs=len(m.xs), ys=len(m.ys),
                steps=m.steps, criterion_text_distance=self._criterion_text('distance', m.tol)))

    def _update_marker(self) -> None:
        m, req = self.results.get(HYPER), self.requests.get(HYPER)
        if self.kind != HYPER or m is None or req is None:
            self.marker.setData([], [])
            return
        racers = self.session.scenario.racers
        i = req.racer_index if req.racer_index < len(racers) else self.session.selected
        racer = racers[i]
        if map_optimizer(racer.optimizer) != m.optimizer:
            self.marker.setData([], [])
            return
        try:
            lr = float(racer.build()[0].lr)
        except ValueError:
            self.marker.setData([], [])
            return
        y = 0.0 if m.param is None else racer_row_value(racer, m.param)
        if not (math.isfinite(y) and lr > 0):
            self.marker.setData([], [])
            return
        self.marker.setData(pos=np.array([[math.log10(lr), y]]))

    def _update_starts(self) -> None:
        if self.kind != BASIN or self.results.get(BASIN) is None:
            self.starts.setData([], [])
            return
        pts = np.array(self.session.scenario.starts, dtype=float).reshape(-1, 2)
        self.starts.setData(pos=pts)

    # -- cells ---------------------------------------------------------------------------------
    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """The ``(i, j)`` (column, row) of the shown map's cell at data point ``(x, y)``."""
        m = self.results.get(self.kind)
        if m is None or self._cells is None:
            return None
        xs, ys, dx, dy = self._cells
        i = int(math.floor((x - (xs[0] - dx / 2)) / dx))
        j = int(math.floor((y - (ys[0] - dy / 2)) / dy))
        if 0 <= i < len(xs) and 0 <= j < len(ys):
            return i, j
        return None

    def cell_center(self, i: int, j: int) -> tuple[float, float]:
        """The data point at the centre of cell ``(i, j)`` (x in log10 lr on the lr map)."""
        xs, ys, _, _ = self._cells
        return float(xs[i]), float(ys[j])

    def cell_to_viewport(self, i: int, j: int):
        """The viewport pixel at the centre of cell ``(i, j)`` (for tests and tools)."""
        x, y = self.cell_center(i, j)
        scene = self.viewbox.mapViewToScene(QPointF(x, y))
        return self.plot_widget.mapFromScene(scene)

    def _on_click(self, x: float, y: float) -> None:
        cell = self.cell_at(x, y)
        if cell is not None:
            self.apply_cell(*cell)

    def apply_cell(self, i: int, j: int) -> None:
        """Use cell ``(i, j)``: set its lr (and momentum / beta1) on the racer the map was
        computed for (lr map), or add its start point (basin map)."""
        kind = self.kind
        m, req = self.results.get(kind), self.requests.get(kind)
        if m is None or req is None:
            return
        s = self.session
        if kind == BASIN:
            s.add_start(float(m.xs[i]), float(m.ys[j]))
            return
        racers = s.scenario.racers
        idx = req.racer_index if req.racer_index < len(racers) else s.selected
        racer = racers[idx]
        lr = cell_value(m.lrs, i)  # 0.021, not 0.020974: the shortest value inside the cell
        changes: dict[str, Any] = {}
        params: dict[str, Any] = {"lr": lr}
        name = racer.optimizer
        label = f"{optimizers.spec(name).title.split(' (')[0]}, lr {format_number(lr)}"
        if m.param is not None:
            value = cell_value(m.values, j)
            own = optimizers.spec(racer.optimizer)
            if own.name != m.optimizer and own.fixed.get(m.param) != value:
                # the map ran as another optimizer (gd as heavy ball): become that one
                name = changes["optimizer"] = m.optimizer
                params.update({k: v for k, v in own.fixed.items()
                               if k != m.param and k in optimizers.spec(name).defaults()})
                label = f"{optimizers.spec(name).title.split(' (')[0]}, lr {format_number(lr)}"
            target = optimizers.spec(name)
            sweep = target.sweep(m.param)
            if name != racer.optimizer or m.param not in own.fixed:
                try:
                    current = dict(racer.build()[0].hyper)
                except ValueError:
                    current = target.defaults()
                current = {k: v for k, v in current.items() if k in target.defaults()}
                assigned = optimizers.assign(target, current, {m.param: value})
                key = sweep.target if sweep is not None else m.param
                v = assigned[key]
                params[key] = list(v) if isinstance(v, tuple) else v
                label += f", {m.param} {format_number(value)}"
        if "optimizer" in changes and not self._confirm_kind_change(racer, changes["optimizer"],
                                                                    m.param, value):
            return
        s.select(idx)
        s.update_racer(idx, params=params, label=label, **changes)
        self._update_marker()

    def _confirm_kind_change(self, racer, optimizer: str, param: str, value: float) -> bool:
        """Ask before a click turns the racer into another optimizer (GD into heavy ball)."""
        old, new = (optimizers.spec(n).title.split(" (")[0] for n in (racer.optimizer, optimizer))
        answer = QMessageBox.question(
            self, translate(
                "MapsView", "Change the optimizer?"),
            translate(
                "MapsView", "This cell has {param} {value}: applying it turns "
                            "{racer_display_label} from {old} into {new}.").format(
                param=param, value=format_number(value),
                racer_display_label=racer.display_label(), old=old, new=new),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Ok)
        return answer == QMessageBox.StandardButton.Ok

    def _on_hover(self, scene_pos) -> None:
        if not self.plot.sceneBoundingRect().contains(scene_pos):
            return
        p = self.viewbox.mapSceneToView(scene_pos)
        cell = self.cell_at(p.x(), p.y())
        m = self.results.get(self.kind)
        if cell is None or m is None:
            self.hover_label.setText(" ")
            return
        i, j = cell
        k = int(m.steps_to_converge[j, i])
        if k == DIVERGED:
            what = translate(
                "MapsView", "diverged at step {m_diverged_at}").format(
                m_diverged_at=int(m.diverged_at[j, i]))
        elif k == NOT_CONVERGED:
            what = translate(
                "MapsView", "not converged within {steps} steps").format(steps=m.steps)
        else:
            what = translate(
                "MapsView", "converged in {k} steps").format(k=k)
        if isinstance(m, HyperparameterMap):
            where = translate(
                "MapsView", "lr {m_lrs}").format(m_lrs=vm.format_number(m.lrs[i]))
            if m.param is not None:
                where += translate(
                    "MapsView", ", {param} {m_values}").format(
                    param=m.param, m_values=vm.format_number(m.values[j]))
        else:
            where = translate(
                "MapsView", "start ({m_xs}, {m_ys})").format(
                m_xs=vm.format_number(m.xs[i]), m_ys=vm.format_number(m.ys[j]))
            if m.minimum[j, i] != NO_MINIMUM:
                what += translate(
                    "MapsView", " to minimum {int_m}").format(int_m=int(m.minimum[j, i]) + 1)
        self.hover_label.setText(translate(
            "MapsView", "{where}: {what}").format(where=where, what=what))

