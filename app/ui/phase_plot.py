"""PhasePlot: |gradient| against loss, both log, one curve per racer, the playhead as a dot.

The phase readout of lesson P4: a run that converges heads to the lower left; a stall is a
curve that stops moving left while |g| stays high (the loss no longer falls, the gradient did
not vanish). The series come from :func:`app.viewmodel.phase_series`; this widget only draws.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QWidget

from app import viewmodel as vm
from app.ui import theme

translate = QCoreApplication.translate

__all__ = ["PhasePlot"]


class PhasePlot(pg.PlotWidget):
    """|g| (up) against loss (across), log10 on both axes, labelled with the values."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        item = self.getPlotItem()
        item.hideButtons()
        item.setTitle(translate("Readouts", "|gradient| vs loss"), size="10pt",
                      color=theme.COLORS["text"])
        item.setLabel("bottom", translate("Readouts", "loss"))
        item.setLabel("left", "|g|")
        item.showGrid(x=True, y=True, alpha=0.15)
        item.setMenuEnabled(False)
        self.getViewBox().setMenuEnabled(False)
        self.getViewBox().disableAutoRange()
        self.getViewBox().setMouseEnabled(x=False, y=False)
        self.setToolTip(translate(
            "Readouts", "Each racer's |gradient| against its loss, both on log scales; the dot "
                        "is the playhead. Converging runs head to the lower left. A curve that "
                        "stops moving left while |g| stays high is a stall: the loss no longer "
                        "falls although the gradient is not small (lesson P4)."))
        for name in ("left", "bottom"):
            item.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.curves: list[pg.PlotCurveItem] = []
        self.dots = pg.ScatterPlotItem(size=9, pxMode=True)
        self.dots.setZValue(20)
        item.addItem(self.dots)
        self._runs: list = []  # (color, loss, grad_norm) per drawn racer
        self.floors = (-16.0, -16.0)
        self.zero_at: tuple = (None, None)
        self.getViewBox().sigResized.connect(lambda *_: self._update_ticks())

    def set_runs(self, runs: list[tuple[str, np.ndarray, np.ndarray, object]]) -> None:
        """``(color, loss, grad_norm, key)`` per racer (``(steps + 1, N)`` arrays); a curve
        whose key and colour are unchanged is kept."""
        item = self.getPlotItem()
        self.floors = (vm.log_floor([r[1] for r in runs]) if runs else -16.0,
                       vm.log_floor([r[2] for r in runs]) if runs else -16.0)
        while len(self.curves) < len(runs):
            c = pg.PlotCurveItem(connect="finite", antialias=True)
            item.addItem(c)
            self.curves.append(c)
        while len(self.curves) > len(runs):
            item.removeItem(self.curves.pop())
        xs, ys = [], []
        for curve, (color, loss, grad, key) in zip(self.curves, runs, strict=True):
            x, y = vm.phase_series(loss, grad, self.floors)
            xs.append(x)
            ys.append(y)
            if getattr(curve, "_key", None) != (key, color, self.floors):
                curve._key = (key, color, self.floors)
                curve.setPen(pg.mkPen(QColor(color), width=1))
                curve.setData(x, y, connect="finite")
        self._runs = [(color, loss, grad) for color, loss, grad, _ in runs]
        self.zero_at = (vm.zero_level([r[1] for r in runs], True, self.floors[0]),
                        vm.zero_level([r[2] for r in runs], True, self.floors[1]))
        (x0, x1), (y0, y1) = vm.log_range(xs), vm.log_range(ys)
        self.getViewBox().setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.02)
        self._update_ticks()

    def show_step(self, step: int) -> None:
        """The dots: every racer's start points at ``step``."""
        spots = []
        for color, loss, grad in self._runs:
            for x, y in vm.phase_point(loss, grad, step, self.floors):
                if np.isfinite(x) and np.isfinite(y):
                    spots.append({"pos": (x, y), "brush": pg.mkBrush(QColor(color)),
                                  "pen": pg.mkPen("k", width=1)})
        self.dots.setData(spots)

    def points(self) -> np.ndarray:
        """The dots drawn now, ``(k, 2)`` in log10 units (for tests and tools)."""
        x, y = self.dots.getData()
        return np.column_stack([x, y]) if len(x) else np.empty((0, 2))

    def _update_ticks(self) -> None:
        vb = self.getViewBox()
        (x0, x1), (y0, y1) = vb.viewRange()
        item = self.getPlotItem()
        fit_y = max(2, int(vb.height() // 28)) if vb.height() > 0 else 6
        fit_x = max(2, int(vb.width() // 60)) if vb.width() > 0 else 4
        item.getAxis("left").setTicks(vm.log_ticks(y0, y1, max_labels=min(fit_y, 8),
                                                   zero_at=self.zero_at[1]))
        item.getAxis("bottom").setTicks(vm.log_ticks(x0, x1, max_labels=min(fit_x, 6),
                                                     zero_at=self.zero_at[0]))
