"""ReadoutsView: loss and |gradient| versus step, side by side, log y, with the playhead marked.

Side by side on purpose (lesson P4): a learner sees the loss stall while |gradient| stays large.
Each racer is one curve item holding all its start points (NaN-separated); values that a log
axis cannot show (zero, negative, NaN, inf) become gaps, never warnings.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QHBoxLayout, QWidget

from app import viewmodel as vm
from app.ui import theme
from app.ui.session import Session

__all__ = ["ReadoutsView", "ReadoutPlot"]


class ReadoutPlot(pg.PlotWidget):
    """One log-y readout (``field`` = ``"loss"`` or ``"grad_norm"``) of every racer."""

    def __init__(self, title: str, y_label: str, parent: QWidget | None = None):
        super().__init__(parent)
        item = self.getPlotItem()
        item.hideButtons()
        item.setTitle(title, size="10pt", color=theme.COLORS["text"])
        item.setLabel("bottom", "step")
        item.setLabel("left", y_label)
        item.getAxis("left").enableAutoSIPrefix(False)
        item.showGrid(x=True, y=True, alpha=0.15)
        item.setMenuEnabled(False)
        self.getViewBox().setMenuEnabled(False)
        self.getViewBox().disableAutoRange()
        self.getViewBox().setMouseEnabled(x=True, y=False)
        self.curves: list[pg.PlotCurveItem] = []
        self.log = True
        self._ranges = None
        for name in ("left", "bottom"):
            item.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.playhead = pg.InfiniteLine(pos=0, angle=90, movable=False,
                                        pen=pg.mkPen(theme.COLORS["playhead"], width=1,
                                                     style=pg.QtCore.Qt.PenStyle.DashLine))
        self.playhead.setZValue(50)
        self.getViewBox().sigResized.connect(lambda *_: self._update_ticks())
        item.addItem(self.playhead)

    def set_series(self, series: list[tuple[str, np.ndarray, np.ndarray]], steps: int,
                   log: bool = True) -> None:
        """``series``: ``(color, x, y, key)`` per racer, ``y`` in log10 units when ``log``;
        a curve whose ``key`` (the run's identity), colour and scale are unchanged is kept."""
        item = self.getPlotItem()
        self.log = log
        while len(self.curves) < len(series):
            c = pg.PlotCurveItem(connect="finite", antialias=True)
            c.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            item.addItem(c)
            self.curves.append(c)
        while len(self.curves) > len(series):
            item.removeItem(self.curves.pop())
        for curve, (color, x, y, key) in zip(self.curves, series, strict=False):
            if getattr(curve, "_key", None) == (key, color, log):
                continue  # the same run drawn the same way: keep its cached picture
            curve._key = (key, color, log)
            curve.setPen(pg.mkPen(QColor(color), width=1))  # hairline: AA is cheap
            curve.setData(x, y, connect="finite")
        lo, hi = vm.log_range([y for _, _, y, _ in series])
        ranges = (steps, lo, hi)
        if ranges != self._ranges:  # a new range re-lays the axes: only when it changed
            self._ranges = ranges
            vb = self.getViewBox()
            vb.setLimits(xMin=-0.5, xMax=steps + 0.5)
            vb.setRange(xRange=(0, max(steps, 1)), yRange=(lo, hi), padding=0.02)
            self._update_ticks()

    def _update_ticks(self) -> None:
        """log10 data on a plain axis, labelled with the values (10⁻⁵, 0.01, 1, ...): as many
        labels as fit the plot's height."""
        axis = self.getPlotItem().getAxis("left")
        if not self.log:
            axis.setTicks(None)
            return
        vb = self.getViewBox()
        y0, y1 = vb.viewRange()[1]
        fit = max(2, int(vb.height() // 28)) if vb.height() > 0 else 6
        axis.setTicks(vm.log_ticks(y0, y1, max_labels=min(fit, 8)))


class ReadoutsView(QWidget):
    """The two readouts of the session, the playhead drawn as a vertical line on both."""

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 follow_playhead: bool = True):
        super().__init__(parent)
        self.session = session
        self.loss_plot = ReadoutPlot("loss", "loss")
        self.grad_plot = ReadoutPlot("|gradient|", "|g|")
        self.grad_plot.setXLink(self.loss_plot)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.loss_plot)
        layout.addWidget(self.grad_plot)
        session.runsChanged.connect(self.on_runs_changed)
        if follow_playhead:
            session.playheadChanged.connect(self.show_step)
        self.on_runs_changed()
        self.show_step(session.step)

    def on_runs_changed(self) -> None:
        steps = self.session.steps
        pairs = [(r, run.trajectories) for r, run in
                 zip(self.session.scenario.racers, self.session.runs, strict=False)
                 if run is not None]
        for plot, field in ((self.loss_plot, "loss"), (self.grad_plot, "grad_norm")):
            arrays = [getattr(t, field) for _, t in pairs]
            log = vm.wants_log(arrays) if arrays else True
            floor = vm.log_floor(arrays)
            series = [(r.color, vm.steps_series(t.n, t.steps),
                       vm.readout_series(getattr(t, field), log, floor), (id(t), floor))
                      for r, t in pairs]
            plot.set_series(series, steps, log)

    def show_step(self, step: int) -> None:
        self.loss_plot.playhead.setValue(step)
        self.grad_plot.playhead.setValue(step)

    @property
    def curves(self) -> tuple[list[pg.PlotCurveItem], list[pg.PlotCurveItem]]:
        return self.loss_plot.curves, self.grad_plot.curves
