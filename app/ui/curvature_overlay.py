"""CurvatureOverlay: the Hessian's eigenvectors drawn as two short axes on the contour plot.

At the analysed point (the selected racer at the playhead) each eigenvector of the Hessian is
drawn as a segment through the point, coloured by the sign of its eigenvalue (curves up / curves
down / flat), with its eigenvalue written at one end. The half-lengths are proportional to
``1 / sqrt(|lambda|)`` in data units, the shape of the local contour ellipse ``p'Hp = const``:
the long axis lies along the flat direction, the short one along the steep direction, exactly
as the contour lines around the point run. The longer axis is scaled to a fixed number of
pixels (so the picture is readable at any zoom) and the shorter one is never drawn shorter
than a few pixels (a condition number of 10^6 would otherwise make it vanish).

The numbers come from :func:`app.analysis.curvature` (the panel passes its
:class:`~app.analysis.Curvature`); this module only turns them into items.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QObject, QPointF

from app.analysis import Curvature
from app.viewmodel import format_number

__all__ = ["CurvatureOverlay", "CurvatureAxis", "AXIS_COLORS", "curvature_color"]

#: colour of an axis by the sign of its eigenvalue (the analysis panel uses the same)
AXIS_COLORS = {
    "up": "#7fe7ff",  # lambda > 0: the surface curves up along this axis
    "down": "#ff6ec7",  # lambda < 0: it curves down (saddle or hilltop)
    "flat": "#b0b4bc",  # lambda == 0 (or not finite)
}
#: half-length in pixels of the longer axis
LONG_AXIS_PX = 70.0
#: the shorter axis is never drawn shorter than this (pixels)
MIN_AXIS_PX = 9.0
_SHADOW = (0, 0, 0, 200)
_Z = 52


def curvature_color(eigenvalue: float) -> str:
    """The colour of an axis whose eigenvalue is ``eigenvalue``."""
    if not math.isfinite(eigenvalue) or eigenvalue == 0:
        return AXIS_COLORS["flat"]
    return AXIS_COLORS["up"] if eigenvalue > 0 else AXIS_COLORS["down"]


@dataclass(frozen=True)
class CurvatureAxis:
    """One drawn axis: ``center +- half_length * direction`` (data units)."""

    center: np.ndarray  # (2,)
    direction: np.ndarray  # (2,) unit eigenvector
    eigenvalue: float
    half_length: float
    color: str

    @property
    def ends(self) -> tuple[np.ndarray, np.ndarray]:
        d = self.half_length * self.direction
        return self.center - d, self.center + d


class _Dot(pg.ScatterPlotItem):
    """A marker that lets clicks through to the ViewBox (adding start points keeps working)."""

    def mouseClickEvent(self, ev):
        ev.ignore()


class CurvatureOverlay(QObject):
    """Draws the eigen-axes of one :class:`~app.analysis.Curvature` onto ``plot``."""

    def __init__(self, plot: pg.PlotItem, parent: QObject | None = None):
        super().__init__(parent)
        self.plot = plot
        self.viewbox: pg.ViewBox = plot.getViewBox()
        self.curvature: Curvature | None = None
        self.axes: list[CurvatureAxis] = []
        self._visible = True
        self.lines: list[pg.PlotCurveItem] = []
        self.labels: list[pg.TextItem] = []
        for _ in range(2):
            line = pg.PlotCurveItem(antialias=True)
            line.setShadowPen(pg.mkPen(_SHADOW, width=6))
            line.setZValue(_Z)
            plot.addItem(line)
            self.lines.append(line)
            label = pg.TextItem("", anchor=(0, 0.5), fill=pg.mkBrush(18, 19, 23, 200))
            label.setZValue(_Z + 1)
            plot.addItem(label)
            self.labels.append(label)
        self.center = _Dot(size=7, pen=pg.mkPen("k", width=1), brush=pg.mkBrush("#ffffff"),
                           pxMode=True)
        self.center.setZValue(_Z + 2)
        plot.addItem(self.center)
        self.viewbox.sigRangeChanged.connect(self._redraw)
        self.viewbox.sigResized.connect(self._redraw)
        self._redraw()

    # -- public --------------------------------------------------------------------------------
    def set_curvature(self, curvature: Curvature | None) -> None:
        """Draw the axes of ``curvature`` at its point (None: draw nothing)."""
        self.curvature = curvature
        self._redraw()

    def clear(self) -> None:
        self.set_curvature(None)

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt naming)
        self._visible = bool(visible)
        self._redraw()

    def alive(self) -> bool:
        """False once the plot's items are deleted (the window is being torn down)."""
        return all(shiboken6.isValid(item) for item in
                   (self.viewbox, *self.lines, *self.labels, self.center))

    def isVisible(self) -> bool:  # noqa: N802 (Qt naming)
        return self._visible

    def axis_data(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """The drawn ``x, y`` of axis ``i`` (0: lambda_min's, 1: lambda_max's); empty if none."""
        x, y = self.lines[i].getData()
        if x is None or not self.lines[i].isVisible():
            return np.empty(0), np.empty(0)
        return np.asarray(x), np.asarray(y)

    def remove(self) -> None:
        for item in (*self.lines, *self.labels, self.center):
            self.plot.removeItem(item)

    # -- drawing -------------------------------------------------------------------------------
    def _pixels_per_unit(self) -> tuple[float, float]:
        vb = self.viewbox
        (x0, x1), (y0, y1) = vb.viewRange()
        w, h = vb.width(), vb.height()
        if w <= 0 or h <= 0 or x1 <= x0 or y1 <= y0:
            return 1.0, 1.0
        return w / (x1 - x0), h / (y1 - y0)

    def _hide(self) -> None:
        self.axes = []
        for line, label in zip(self.lines, self.labels, strict=True):
            line.setData([], [])
            line.hide()
            label.hide()
        self.center.setData([], [])
        self.center.hide()

    def _redraw(self, *_args) -> None:
        if not self.alive():
            return
        c = self.curvature
        if not self._visible or c is None or not (np.isfinite(c.eigenvalues).all()
                                                    and np.isfinite(c.eigenvectors).all()):
            self._hide()
            return
        sx, sy = self._pixels_per_unit()
        center = np.asarray(c.point, dtype=float)
        vectors = [np.asarray(c.eigenvectors[:, i], dtype=float) for i in range(2)]
        values = [float(c.eigenvalues[i]) for i in range(2)]
        # data-unit shape 1/sqrt|lambda| (a flat axis counts as the longest)
        with np.errstate(all="ignore"):
            shape = [1.0 / math.sqrt(abs(v)) if v != 0 else math.inf for v in values]
        px_per_data = [math.hypot(v[0] * sx, v[1] * sy) for v in vectors]
        longest = max(shape)
        if not math.isfinite(longest):
            rel = [1.0 if not math.isfinite(s) else 0.0 for s in shape]
        else:
            rel = [s / longest for s in shape]
        # data half-lengths k * rel (the ellipse's shape); k puts the axis that is longer on
        # screen at LONG_AXIS_PX; an axis shorter than MIN_AXIS_PX is drawn that long
        longest_px = max(r * ppd for r, ppd in zip(rel, px_per_data, strict=True))
        k = LONG_AXIS_PX / longest_px if longest_px > 0 else 0.0
        axes = []
        for i in range(2):
            half = k * rel[i]
            if half * px_per_data[i] < MIN_AXIS_PX and px_per_data[i] > 0:
                half = MIN_AXIS_PX / px_per_data[i]
            axes.append(CurvatureAxis(center.copy(), vectors[i], values[i], half,
                                      curvature_color(values[i])))
        self.axes = axes
        for i, (axis, line, label) in enumerate(zip(axes, self.lines, self.labels,
                                                    strict=True)):
            a, b = axis.ends
            line.setPen(pg.mkPen(axis.color, width=3))
            line.setData([a[0], b[0]], [a[1], b[1]])
            line.show()
            name = "λ_min" if i == 0 else "λ_max"
            label.setText(f"{name} = {format_number(axis.eigenvalue)}", color=axis.color)
            # text beyond the end that lies right on screen (above the upper end of a
            # steep axis), so the two labels never overlap each other; at the other end if
            # that would leave the plot
            d = axis.direction
            horizontal = abs(d[0] * sx) >= abs(d[1] * sy)
            (x0, x1), (y0, y1) = self.viewbox.viewRange()
            if horizontal:
                right, left = (b, a) if d[0] > 0 else (a, b)
                room = (x1 - right[0]) * sx
                tip, anchor = (right, (-0.05, 0.5)) if room > 90 else (left, (1.05, 0.5))
            else:
                upper, lower = (b, a) if d[1] > 0 else (a, b)
                room = (y1 - upper[1]) * sy
                tip, anchor = (upper, (0.5, 1.1)) if room > 26 else (lower, (0.5, -0.1))
            label.setAnchor(anchor)
            label.setPos(QPointF(float(tip[0]), float(tip[1])))
            label.show()
        self.center.setData(pos=center.reshape(1, 2))
        self.center.show()
