"""PhasePlot: |gradient| against loss, both log, one curve per racer, the playhead as a dot.

The phase readout of lesson P4: a run that converges heads to the lower left; a stall is a
curve that stops moving left while |g| stays high (the loss no longer falls, the gradient did
not vanish). The curves come from :func:`app.readout_data.readouts_layout` (computed off the
window's thread, thinned to the pixels); this widget only draws.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QWidget

from app import viewmodel as vm
from app.readout_data import PhaseCurve
from app.ui import theme
from app.ui.plot_parts import SteadyScatter, fit_cached_curves, move_spots

translate = QCoreApplication.translate

__all__ = ["PhasePlot"]

_OUTLINE = pg.mkPen("k", width=1)
_BRUSHES: dict[str, object] = {}


def _brush(color: str):
    """One brush per colour, made once (a playback frame builds none)."""
    brush = _BRUSHES.get(color)
    if brush is None:
        brush = _BRUSHES[color] = pg.mkBrush(QColor(color))
    return brush


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
        self.dots = SteadyScatter(size=9, pxMode=True)
        self.dots.setZValue(20)
        item.addItem(self.dots)
        #: per drawn racer: its series as ``(N, steps + 2)`` x and y (log10 units) and its brush
        self._dots: list = []
        self._shown = None  # what the dots show (their setData is skipped when unchanged)
        self._ranges = None  # the axes' ranges and zero levels last laid out
        self.floors = (-16.0, -16.0)
        self.zero_at: tuple = (None, None)
        self.getViewBox().sigResized.connect(lambda *_: self._update_ticks())

    def set_runs(self, runs: list[tuple[str, PhaseCurve]], floors: tuple[float, float],
                 zero_at: tuple) -> None:
        """``(color, curve)`` per racer (:class:`app.readout_data.PhaseCurve`, computed off the
        window's thread with the ``floors`` where exact zeros are drawn and ``zero_at``, the
        levels labelled 0 or None); a curve whose key and colour are unchanged is kept, and the
        axes are re-laid only when their range changes."""
        item = self.getPlotItem()
        self.floors = tuple(floors)
        fit_cached_curves(item, self.curves, len(runs))  # (the moving dots repaint over them)
        bounds_x, bounds_y, dots = [], [], []
        for curve, (color, phase) in zip(self.curves, runs, strict=True):
            if getattr(curve, "_key", None) != (phase.key, color):
                curve._key = (phase.key, color)
                curve.setPen(pg.mkPen(QColor(color), width=1))
                curve.setData(phase.x, phase.y, connect="finite", skipFiniteCheck=True)
            bounds_x.append(phase.bounds[0])
            bounds_y.append(phase.bounds[1])
            dots.append((phase.full_x, phase.full_y, _brush(color)))
        self._dots = dots  # (the dots shown stay until show_step finds them moved)
        self.zero_at = tuple(zero_at)
        ranges = (vm.padded_range(bounds_x), vm.padded_range(bounds_y), self.zero_at)
        if ranges != self._ranges:  # a new range re-lays the axes: only when it changed
            self._ranges = ranges
            (x0, x1), (y0, y1), _ = ranges
            self.getViewBox().setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.02)
            self._update_ticks()

    def show_step(self, step: int) -> None:
        """The dots: every racer's start points at ``step`` (each its last step if its run is
        shorter); set only when they moved."""
        xs, ys, brushes, looks = [], [], [], []
        for x, y, brush in self._dots:
            k = min(max(int(step), 0), x.shape[1] - 2)  # (the last column: the NaN separator)
            px, py = x[:, k], y[:, k]
            ok = np.isfinite(px) & np.isfinite(py)
            xs.append(px[ok])
            ys.append(py[ok])
            count = int(ok.sum())
            brushes += [brush] * count
            looks.append((id(brush), count))
        x = np.concatenate(xs) if xs else np.empty(0)
        y = np.concatenate(ys) if ys else np.empty(0)
        looks = tuple(looks)  # each racer's brush and number of dots
        if self._shown is not None and self._shown[0] == looks:
            if self._shown[1] == x.tobytes() and self._shown[2] == y.tobytes():
                return
            move_spots(self.dots, x, y)  # the same dots, moved: their symbols are kept
        else:
            self.dots.setData(x=x, y=y, brush=brushes, pen=_OUTLINE)
        self._shown = (looks, x.tobytes(), y.tobytes())

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
