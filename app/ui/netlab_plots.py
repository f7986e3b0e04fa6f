"""The Network lab's plots: readouts (loss, |gradient|, sharpness against 2/lr), the loss
landscape with the projected path, and the data with the model's decision region.

They only draw: every number comes from :mod:`app.netlab` and :mod:`app.netlab.viewdata`, the
colour scale and contour lines from :mod:`app.viewmodel` (as the Surface tab's).
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app import viewmodel as vm
from app.i18n import QT_TRANSLATE_NOOP
from app.netlab import NetRun
from app.netlab.data import Dataset
from app.netlab.viewdata import (
    DecisionView,
    LandscapeGrid,
    Progress,
    data_window,
    readout_arrays,
    target_levels,
    weight_index,
)
from app.ui import theme
from app.ui.plot_parts import ContourLines, set_log_ticks

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["LogPlot", "NetReadouts", "LandscapePlot", "DataPlot", "RUN_COLORS",
           "CLASS_COLORS"]

#: the current run's curves, the previous run's (grey), the sharpness and its limit
RUN_COLORS = {"loss": "#E69F00", "grad_norm": "#56B4E9", "sharpness": "#CC79A7",
              "limit": "#F0E442", "previous": "#7d828c", "diverged": "#ff3b30",
              "path": "#ffffff", "head": "#E69F00"}
#: class colours of the data view (Okabe-Ito: orange, sky blue, green)
CLASS_COLORS = ("#E69F00", "#56B4E9", "#009E73")
#: the data view colours regression targets with this many shades of the heatmap
TARGET_SHADES = 64
#: a path of at most this many recorded points gets its step numbers written beside them
STEP_LABELS_MAX = 12


def _title(plot: pg.PlotItem, html: str) -> None:
    plot.setTitle(html, size="9.5pt", color=theme.COLORS["text"])


class LogPlot(pg.PlotWidget):
    """A readout with a log10 y axis labelled with values (10⁻⁵, 0.01, 1, 10⁴ ...)."""

    def __init__(self, title: str, y_label: str, parent: QWidget | None = None):
        super().__init__(parent, enableMenu=False)  # (no context menu is ever built)
        item = self.getPlotItem()
        item.hideButtons()
        _title(item, title)
        item.setLabel("bottom", "step")
        item.setLabel("left", y_label)
        item.getAxis("left").enableAutoSIPrefix(False)
        item.getAxis("left").setWidth(54)
        item.showGrid(x=True, y=True, alpha=0.15)
        vb = self.getViewBox()
        vb.disableAutoRange()
        vb.setMouseEnabled(x=True, y=False)
        vb.sigResized.connect(lambda *_: self.update_ticks())
        self.log = True
        #: where exact zeros are drawn (labelled 0 on the axis), None if there are none
        self.zero_at: float | None = None
        self._grown: tuple | None = None  # (log, lo, hi) of a run in progress
        self._ranges: tuple | None = None  # what set_ranges set last
        #: how many times the ranges (and so the axes) changed (tests)
        self.range_changes = 0
        self.playhead = pg.InfiniteLine(pos=0, angle=90, movable=False,
                                        pen=pg.mkPen(theme.COLORS["playhead"], width=1,
                                                     style=Qt.PenStyle.DotLine))
        self.playhead.setZValue(50)
        self.playhead.hide()
        item.addItem(self.playhead)
        self.diverged_line = pg.InfiniteLine(pos=0, angle=90, movable=False,
                                             pen=pg.mkPen(RUN_COLORS["diverged"], width=1.5,
                                                          style=Qt.PenStyle.DashLine))
        self.diverged_line.setZValue(40)
        self.diverged_line.hide()
        item.addItem(self.diverged_line)

    def curve(self, color: str, width: float = 1.5, style=Qt.PenStyle.SolidLine,
              symbol: str | None = None, z: float = 10) -> pg.PlotDataItem:
        pen = pg.mkPen(QColor(color), width=width, style=style)
        if symbol:
            item = pg.PlotDataItem(pen=pen, symbol=symbol, symbolSize=5,
                                   symbolBrush=pg.mkBrush(color), symbolPen=None,
                                   connect="finite")
        else:
            item = pg.PlotDataItem(pen=pen, connect="finite")
        # a long run has more steps than pixels: draw peaks per pixel, only what is in view
        item.setDownsampling(auto=True, method="peak")
        item.setClipToView(True)
        item.setZValue(z)
        self.getPlotItem().addItem(item)
        return item

    def set_ranges(self, steps: int, series: list[np.ndarray], shown_steps: int | None = None,
                   grow: bool = False) -> bool:
        """y: every finite value of ``series``; x: ``0 .. shown_steps`` (default ``steps``,
        the run's length; a run that blew up early is shown up to a little after it).

        ``grow`` (a run in progress): the y range only grows, by whole decades on a log axis,
        so most redraws keep the axes as they are (their ticks are laid out and painted again
        only when the range changes). Returns True if the ranges changed."""
        lo, hi = vm.log_range(series)
        if grow:
            if self.log:
                lo, hi = math.floor(lo), math.ceil(hi)
            if self._grown is not None and self._grown[0] == self.log:
                lo, hi = min(lo, self._grown[1]), max(hi, self._grown[2])
            self._grown = (self.log, lo, hi)
        else:
            self._grown = None
        x1 = max(steps if shown_steps is None else min(shown_steps, steps), 1)
        wanted = (steps, x1, lo, hi, self.log, self.zero_at)
        if wanted == self._ranges:
            return False
        self._ranges = wanted
        self.range_changes += 1
        vb = self.getViewBox()
        vb.setLimits(xMin=-0.5, xMax=max(steps, 1) + 0.5)
        vb.setRange(xRange=(0, x1), yRange=(lo, hi), padding=0.02)
        self.update_ticks()
        return True

    def update_ticks(self) -> None:
        set_log_ticks(self, self.log, px_per_label=26, max_labels=7, zero_at=self.zero_at)


def _y(values: np.ndarray, log: bool, floor: float) -> np.ndarray:
    """A readout's y data: log10 of the values (zeros at ``floor``) or the values."""
    v = np.asarray(values, dtype=float).reshape(-1, 1)
    return vm.readout_series(v, log, floor)[:-1]


class NetReadouts(QWidget):
    """Loss, |gradient| and sharpness (lambda_max against 2 / lr) versus step, side by side.

    The current run is drawn in colour up to its last good step (a diverged run stops where
    it blew up: a red dashed line and the badge mark the step), the previous run in grey.
    """

    FIELDS = ("loss", "grad_norm")
    #: the plots, in the order they are built and laid out
    NAMES = ("loss", "grad_norm", "sharpness")

    def __init__(self, parent: QWidget | None = None, build: bool = True):
        """``build=False``: the plots are made later, one per :meth:`build_next` call (a
        window builds them over several event-loop turns); nothing is drawn before."""
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.plots: dict[str, LogPlot] = {}
        self.previous: dict[str, pg.PlotDataItem] = {}
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.logs = {name: True for name in self.NAMES}
        self.floors = {name: -16.0 for name in self.NAMES}
        self.diverged_at = -1
        self._previous_data: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._steps = 1
        self._shown_steps: int | None = None
        self._limit = None
        #: per readout: (what its grey and 2 / lr curves were drawn for, their y data)
        self._static: dict[str, tuple] = {}
        #: how many times grey or 2 / lr curves were set (tests)
        self.static_sets = 0
        while build and self.build_next():
            pass

    @property
    def built(self) -> bool:
        return len(self.plots) == len(self.NAMES)

    def build_next(self) -> bool:
        """Make the next plot; True while more are to be made."""
        if self.built:
            return False
        name = self.NAMES[len(self.plots)]
        c = RUN_COLORS
        titles = {"loss": (translate("NetlabPlots", "training loss"), "loss"),
                  "grad_norm": (translate("NetlabPlots", "|gradient|"), "|g|"),
                  "sharpness": (translate(
                      "NetlabPlots", "sharpness <span "
                                     "style='color:{c_sharpness}'>λ<sub>max</sub></span> vs <span "
                                     "style='color:{c_limit}'>2 / lr</span>").format(
                      c_sharpness=c['sharpness'], c_limit=c['limit']), "λ")}
        plot = LogPlot(*titles[name])
        self.plots[name] = plot
        self.previous[name] = plot.curve(c["previous"], 1.0, z=5)
        if name == "loss":
            self.loss_plot = plot
            self.badge = QLabel(plot)
            self.badge.setObjectName("badge")
            self.badge.hide()
            plot.getViewBox().sigResized.connect(lambda *_: self._place_badge())
            self.curves[name] = plot.curve(c["loss"], 1.6)
        else:
            plot.setXLink(self.loss_plot)
        if name == "grad_norm":
            self.grad_plot = plot
            self.curves[name] = plot.curve(c["grad_norm"], 1.6)
        if name == "sharpness":
            self.sharp_plot = plot
            self.limit_curve = plot.curve(c["limit"], 1.5, Qt.PenStyle.DashLine, z=8)
            self.curves[name] = plot.curve(c["sharpness"], 1.4, symbol="o")
        self._layout.addWidget(plot)
        return not self.built

    # -- data -------------------------------------------------------------------------------
    def clear(self, steps: int, limit: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        """A new run of ``steps`` updates begins; ``limit`` is its ``(steps, 2 / lr)``."""
        self._steps, self._shown_steps = steps, None
        self._static = {}
        for curve in self.curves.values():
            curve.setData([], [])
        self._limit = limit
        self.set_diverged(-1)
        self.set_step(None)

    def set_previous(self, run: NetRun | None) -> None:
        """Keep ``run``'s curves in grey (the run before this one), or none."""
        self._previous_data, self._static = {}, {}
        if run is not None:
            a = readout_arrays(run)
            self._previous_data = {"loss": (a["steps"], a["loss"]),
                                   "grad_norm": (a["steps"], a["grad_norm"]),
                                   "sharpness": (a["sharpness_steps"], a["sharpness"])}

    def show_progress(self, p: Progress) -> None:
        """A run in progress: its curves so far (at most a few thousand points each); the
        grey and the 2 / lr curves are set again only when their scale changed, the ranges
        only grow (:meth:`LogPlot.set_ranges`)."""
        self._draw({"loss": p.loss, "grad_norm": p.grad_norm, "sharpness": p.sharpness},
                   growing=True)

    def show_run(self, run: NetRun) -> None:
        """A finished run: exactly its arrays (up to the last good step)."""
        a = readout_arrays(run)
        self._steps = run.steps
        # a run that blew up after k steps: show 0 .. ~2k (panning shows the rest)
        self._shown_steps = max(10, 2 * run.diverged_at) if run.diverged else None
        self._limit = (a["limit_steps"], a["limit"])
        self._draw({"loss": (a["steps"], a["loss"]), "grad_norm": (a["steps"], a["grad_norm"]),
                    "sharpness": (a["sharpness_steps"], a["sharpness"])})
        self.set_diverged(run.diverged_at, run.diverged_loss)
        diagnosis = run.diagnosis() if run.diverged else None
        if diagnosis is not None:  # where the blow-up began and the curvature it implies
            self.badge.setToolTip(f"{self.badge.toolTip()}\n{diagnosis.text()}")

    def _draw(self, data: dict[str, tuple[np.ndarray, np.ndarray]],
              growing: bool = False) -> None:
        for name, plot in self.plots.items():
            arrays = [data[name][1]]
            if name in self._previous_data:
                arrays.append(self._previous_data[name][1])
            if name == "sharpness" and self._limit is not None:
                arrays.append(self._limit[1])
            log = vm.wants_log(arrays) if any(a.size for a in arrays) else True
            floor = vm.log_floor(arrays)
            self.logs[name], self.floors[name] = log, floor
            plot.log = log
            plot.zero_at = vm.zero_level(arrays, log, floor)
            x, v = data[name]
            y = _y(v, log, floor)
            self.curves[name].setData(np.asarray(x, dtype=float), y)
            # the grey and the 2 / lr curves: set again only if their data or scale changed
            fixed = [self._previous_data[name][1]] if name in self._previous_data else []
            if name == "sharpness" and self._limit is not None:
                fixed.append(self._limit[1])
            zeros = any(np.any(np.asarray(a) == 0) for a in fixed)  # (the floor is theirs)
            key = (log, floor if zeros else None, id(self._previous_data.get(name)),
                   id(self._limit) if name == "sharpness" else None)
            if not growing or self._static.get(name, (None,))[0] != key:
                static = []
                if name in self._previous_data:
                    px, pv = self._previous_data[name]
                    py = _y(pv, log, floor)
                    self.previous[name].setData(np.asarray(px, dtype=float), py)
                    static.append(py)
                else:
                    self.previous[name].setData([], [])
                if name == "sharpness":
                    if self._limit is not None:
                        ly = _y(self._limit[1], log, floor)
                        self.limit_curve.setData(np.asarray(self._limit[0], dtype=float), ly)
                        static.append(ly)
                    else:
                        self.limit_curve.setData([], [])
                self._static[name] = (key, static)
                self.static_sets += 1
            shown = [y, *self._static[name][1]]
            plot.set_ranges(self._steps, shown, self._shown_steps, grow=growing)

    def set_diverged(self, step: int, loss: float = math.nan) -> None:
        """Mark the step whose update blew up (``-1``: none)."""
        self.diverged_at = int(step)
        for plot in self.plots.values():
            plot.diverged_line.setValue(max(step, 0))
            plot.diverged_line.setVisible(step >= 0)
        if step < 0:
            self.badge.hide()
            return
        how = "inf/NaN" if not math.isfinite(loss) else vm.format_number(loss)
        self.badge.setText(translate(
            "NetlabPlots", "⚠ diverged at step {step}").format(step=step))
        self.badge.setToolTip(translate(
            "NetlabPlots", "update {step} sent the loss to {how} (above 1e12 or not a number): "
                           "training stopped there").format(step=step - 1, how=how))
        self.badge.adjustSize()
        self._place_badge()
        self.badge.show()
        self.badge.raise_()

    def _place_badge(self) -> None:
        rect = self.loss_plot.getViewBox().sceneBoundingRect()
        self.badge.setMaximumWidth(max(120, round(rect.width()) - 12))
        self.badge.adjustSize()
        self.badge.move(max(round(rect.left()) + 6,
                            round(rect.right()) - self.badge.width() - 6),
                        max(0, round(rect.bottom()) - self.badge.height() - 6))

    def set_step(self, step: int | None) -> None:
        for plot in self.plots.values():
            if step is None:
                plot.playhead.hide()
            else:
                plot.playhead.setValue(step)
                plot.playhead.show()

    # -- introspection (tests) ----------------------------------------------------------------
    def curve_values(self, name: str, previous: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """The ``(x, values)`` a readout holds, in data units (10^y on a log axis); what is
        drawn is this, reduced to one peak per pixel for long runs."""
        item = (self.previous if previous else self.curves)[name]
        x, y = item.xData, item.yData
        x = np.asarray(x if x is not None else [], dtype=float)
        y = np.asarray(y if y is not None else [], dtype=float)
        return x, (10.0 ** y if self.logs[name] else y)


# ---------------------------------------------------------------------------------------------
# The loss landscape
# ---------------------------------------------------------------------------------------------
def _still_plot() -> tuple[pg.PlotWidget, pg.PlotItem]:
    """A plot whose range the code sets: no auto-range, no context menu, no buttons."""
    widget = pg.PlotWidget(enableMenu=False)  # (no context menu is ever built)
    plot = widget.getPlotItem()
    plot.hideButtons()
    plot.getViewBox().disableAutoRange()
    return widget, plot


class LandscapePlot(QWidget):
    """The loss on a plane through weight space, with the run's projected path."""

    DIRECTIONS = (("pca", QT_TRANSLATE_NOOP("NetlabPlots",
                                            "PCA of the path (shows the path best)")),
                  ("random", QT_TRANSLATE_NOOP("NetlabPlots",
                                               "random directions (filter-normalized)")))

    def __init__(self, parent: QWidget | None = None, build: bool = True):
        """``build=False``: the colour bar (a plot of its own) is made by :meth:`build_next`
        (a window makes it in a later event-loop turn); nothing is drawn before."""
        super().__init__(parent)
        self.plot_widget, self.plot = _still_plot()
        _title(self.plot, translate(
            "NetlabPlots", "loss landscape"))
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        self.colorbar: pg.ColorBarItem | None = None
        self.contours = ContourLines(self.plot)
        self.path = pg.PlotDataItem(pen=pg.mkPen(RUN_COLORS["path"], width=1.6),
                                    symbol="o", symbolSize=4, symbolPen=None,
                                    symbolBrush=pg.mkBrush(RUN_COLORS["path"]),
                                    connect="finite")
        self.path.setZValue(20)
        self.plot.addItem(self.path)
        self.start = pg.ScatterPlotItem(symbol="o", size=11, pen=pg.mkPen("k", width=1.2),
                                        brush=pg.mkBrush("#ffffff"))
        self.head = pg.ScatterPlotItem(symbol="o", size=12, pen=pg.mkPen("k", width=1.2),
                                       brush=pg.mkBrush(RUN_COLORS["head"]))
        self.blowup = pg.ScatterPlotItem(symbol="x", size=18,
                                         pen=pg.mkPen(RUN_COLORS["diverged"], width=2),
                                         brush=pg.mkBrush(RUN_COLORS["diverged"]))
        for z, item in ((30, self.start), (40, self.head), (45, self.blowup)):
            item.setZValue(z)
            self.plot.addItem(item)
        self.directions = QComboBox()
        for key, text in self.DIRECTIONS:
            text = translate("NetlabPlots", text)
            self.directions.addItem(text, key)
        self.directions.setMinimumContentsLength(12)
        self.directions.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.directions.setToolTip(translate(
            "NetlabPlots", "the two directions in weight space that span the plane through the "
                           "final weights"))
        self.note = QLabel("")
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(translate(
            "NetlabPlots", "plane:")))
        row.addWidget(self.directions, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.note)
        self.step_labels: list[pg.TextItem] = []
        self.grid: LandscapeGrid | None = None
        self.color_scale: vm.ColorScale | None = None
        self.trajectory = np.empty((0, 2))
        self._run: NetRun | None = None
        if build:
            self.build_next()

    def build_next(self) -> bool:
        """Make the colour bar; False: nothing more to make."""
        if self.colorbar is None:
            self.colorbar = pg.ColorBarItem(values=(0, 1), colorMap=theme.heatmap_colormap(),
                                            interactive=False, width=12, colorMapMenu=False)
            self.colorbar.setImageItem(self.image, insert_in=self.plot)
        return False

    def direction(self) -> str:
        return self.directions.currentData()

    def set_message(self, text: str) -> None:
        self.note.setText(text)

    def clear(self, message: str = "") -> None:
        self.grid, self.color_scale, self._run = None, None, None
        self.image.clear()
        self.contours.hide()
        for item in (self.path, self.start, self.head, self.blowup):
            item.setData([], [])
        self.trajectory = np.empty((0, 2))
        self._label_steps(None)
        self.note.setText(message)

    def show_grid(self, grid: LandscapeGrid, run: NetRun) -> None:
        """Draw ``grid`` (values of ``grid.surface`` on its window, with its colour scale,
        contours and path computed with it, off the window's thread) and ``run``'s path."""
        self.grid, self._run = grid, run
        xs, ys = grid.xs, grid.ys
        scale = grid.scale
        self.color_scale = scale
        self.image.setImage(scale.image, levels=scale.levels, autoLevels=False)
        dx = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
        dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1)
        self.image.setRect(QRectF(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx,
                                  ys[-1] - ys[0] + dy))
        self.colorbar.setLevels(scale.levels)
        bar_axis = self.colorbar.getAxis("right")
        # "loss (x0.001)" puzzles a learner: plain numbers unless they are huge
        bar_axis.enableAutoSIPrefix(max(abs(v) for v in scale.levels) >= 1e5)
        bar_axis.setLabel(translate(
            "NetlabPlots", "log10 loss") if scale.log else "loss")
        self._set_contours(grid.contours)
        traj = grid.path
        self.trajectory = traj
        self.path.setData(traj[:, 0], traj[:, 1])
        self.start.setData(pos=traj[:1])
        self.blowup.setData(pos=traj[-1:] if run.diverged else np.empty((0, 2)))
        self.head.setData(pos=traj[-1:])
        self._label_steps(run)
        names = (translate(
            "NetlabPlots", "PC 1"), translate(
            "NetlabPlots", "PC 2")) if grid.directions == "pca" else (translate(
            "NetlabPlots", "direction 1"), translate(
            "NetlabPlots", "direction 2"))
        self.plot.setLabel("bottom", names[0])
        self.plot.setLabel("left", names[1])
        origin = int(run.weight_steps[-1])
        _title(self.plot, translate(
            "NetlabPlots", "loss landscape around step {origin}").format(origin=origin))
        self.plot.getViewBox().setRange(xRange=(xs[0], xs[-1]), yRange=(ys[0], ys[-1]),
                                        padding=0)
        self.note.setText(translate(
            "NetlabPlots", "white: the weights' path on the plane · orange: the shown step")
                          + (translate(
                              "NetlabPlots", " · ✕: blew up next") if run.diverged else ""))

    def _label_steps(self, run: NetRun | None) -> None:
        """Number the points of a short path (a run that blew up after a few steps)."""
        for item in self.step_labels:
            self.plot.removeItem(item)
        self.step_labels = []
        if run is None or len(self.trajectory) > STEP_LABELS_MAX:
            return
        for (x, y), step in zip(self.trajectory, run.weight_steps, strict=False):
            label = pg.TextItem(f"{int(step)}", color=theme.COLORS["text"], anchor=(-0.3, 1.1))
            label.setPos(float(x), float(y))
            label.setZValue(50)
            self.plot.addItem(label)
            self.step_labels.append(label)

    def _set_contours(self, lines) -> None:
        self.contours.set(lines)
        self.contour_data = lines

    def set_step(self, step: int) -> None:
        """Move the orange marker to the recorded weights of ``step``."""
        if self._run is None or not len(self.trajectory):
            return
        k = weight_index(self._run, step)
        self.head.setData(pos=self.trajectory[k:k + 1])

    def image_data(self) -> np.ndarray | None:
        return None if self.image.image is None else np.asarray(self.image.image)


# ---------------------------------------------------------------------------------------------
# The data set and the decision region
# ---------------------------------------------------------------------------------------------
def _dim(color: str, factor: float = 0.55) -> tuple[int, int, int]:
    c = QColor(color)
    bg = QColor(theme.COLORS["plot_bg"])
    return tuple(round(bg_c + (c_c - bg_c) * factor) for c_c, bg_c in
                 ((c.red(), bg.red()), (c.green(), bg.green()), (c.blue(), bg.blue())))


class DataPlot(QWidget):
    """The training points (coloured by class, or by target value) over the model's output."""

    GRID = 90

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plot_widget, self.plot = _still_plot()
        self.plot.setLabel("bottom", "x1")
        self.plot.setLabel("left", "x2")
        _title(self.plot, "data")
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        self.boundary = pg.PlotCurveItem(connect="finite", antialias=True,
                                         pen=pg.mkPen("#ffffff", width=1.5))
        self.boundary.setZValue(-5)
        self.plot.addItem(self.boundary)
        self.points = pg.ScatterPlotItem(size=6, pen=pg.mkPen("k", width=0.6))
        self.points.setZValue(10)
        self.plot.addItem(self.points)
        self.note = QLabel("")
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.note)
        self.data: Dataset | None = None
        self.window = ((-1.0, 1.0), (-1.0, 1.0))
        self.field: np.ndarray | None = None
        self.shown_step: int | None = None
        self._target_levels = (0.0, 1.0)

    def show_data(self, data: Dataset) -> None:
        self.data = data
        self.window = data_window(data.X)
        if data.is_regression:
            lo, _ = self._target_levels = target_levels(data.y)
            t = (data.y - lo) / (self._target_levels[1] - lo)
            # one brush object per shade (64 shades): the scatter item renders one symbol per
            # distinct brush, not one per point
            shades = np.round(np.clip(t, 0, 1) * (TARGET_SHADES - 1)).astype(int)
            palette = _target_palette()
            brushes = [palette[k] for k in shades]
            _title(self.plot, translate(
                "NetlabPlots", "data (colour: target) and prediction"))
        else:
            palette = [pg.mkBrush(c) for c in CLASS_COLORS]
            brushes = [palette[int(k) % len(CLASS_COLORS)] for k in data.y]
            _title(self.plot, translate(
                "NetlabPlots", "data and decision region"))
        self.points.setData(pos=data.X, brush=brushes)
        self.note.setText(translate(
            "NetlabPlots", "points: the training data (colour: class)") if not data.is_regression
                          else translate(
                              "NetlabPlots", "points: the training data (colour: target value)"))
        self.image.clear()
        self.boundary.setData([], [])
        self.field, self.shown_step = None, None
        (x0, x1), (y0, y1) = self.window
        self.plot.getViewBox().setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    def show_field(self, run: NetRun, step: int, view: DecisionView) -> None:
        """The model's output at the recorded weights of ``step``, computed and made ready to
        draw off the window's thread (:func:`~app.netlab.viewdata.decision_view` over
        :attr:`window`)."""
        if self.data is None:
            self.show_data(run.data)
        self.field, self.shown_step = view.field, step
        data = run.data
        if data.is_regression:
            cmap, levels = theme.heatmap_colormap(), self._target_levels
            self.note.setText(
                translate(
                    "NetlabPlots", "points: the targets · background: the network's prediction "
                                   "at step {step}, same colours").format(step=step) + (translate(
                    "NetlabPlots", " ({outside:.0f}% of it off the targets' scale)").format(
                    outside=100 * view.outside)
                                   if view.outside > 0.05 else ""))
        elif data.n_classes == 2:
            cmap = pg.ColorMap([0.0, 0.5, 1.0], [_dim(CLASS_COLORS[0]), (40, 41, 46),
                                                 _dim(CLASS_COLORS[1])])
            levels = (0.0, 1.0)
            self.note.setText(translate(
                "NetlabPlots", "background: the class the network predicts at step {step} · "
                               "white line: its decision boundary").format(step=step))
        else:
            n = data.n_classes
            cmap = pg.ColorMap(np.linspace(0, 1, n),
                               [_dim(CLASS_COLORS[i % len(CLASS_COLORS)], 0.45)
                                for i in range(n)])
            levels = (0.0, float(n - 1))
            self.note.setText(translate(
                "NetlabPlots", "background: the class the network predicts at step {step}").format(
                step=step))
        xy = view.boundary
        self.boundary.setData(xy[:, 0], xy[:, 1], connect="finite")
        self.image.setColorMap(cmap)
        self.image.setImage(view.image, levels=levels, autoLevels=False)
        xs, ys = view.xs, view.ys
        dx, dy = xs[1] - xs[0], ys[1] - ys[0]
        self.image.setRect(QRectF(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx,
                                  ys[-1] - ys[0] + dy))


@functools.cache
def _target_palette() -> list:
    """The brushes of the :data:`TARGET_SHADES` shades of regression targets (made once)."""
    cmap = theme.heatmap_colormap()
    return [pg.mkBrush(_bright(cmap.map(k / (TARGET_SHADES - 1), mode="qcolor")))
            for k in range(TARGET_SHADES)]


def _bright(color: QColor) -> QColor:
    """Undo the heatmap's dimming for the points, so they stand out on the image."""
    f = 1.0 / theme.HEATMAP_BRIGHTNESS
    return QColor(min(255, round(color.red() * f)), min(255, round(color.green() * f)),
                  min(255, round(color.blue() * f)))
