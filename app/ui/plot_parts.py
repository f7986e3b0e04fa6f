"""Small drawing pieces shared by the plots: contour line items, a curve drawn as pixel
segments, scatter spots moved in place, and log-axis tick labels."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem

from app import viewmodel as vm
from app.ui import theme

__all__ = ["ContourLines", "SegmentsCurve", "set_log_ticks"]


class SegmentsCurve(pg.PlotCurveItem):
    """A ``PlotCurveItem`` that, in segmented line mode (``setSegmentedLineMode("on")``),
    maps its points to device pixels itself and draws the segments there: Qt draws
    antialiased lines under the plot's scaling transform several times slower than in pixel
    coordinates, and a long path that crosses itself slower still (its outline is merged).
    Otherwise (the default) it draws exactly as a ``PlotCurveItem``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._device_segments = None

    def paint(self, p, opt, widget):
        x, y = self.xData, self.yData
        if self.opts["segmentedLineMode"] != "on" or x is None or len(x) < 2:
            super().paint(p, opt, widget)
            return
        t = p.transform()
        px = t.m11() * x + t.m21() * y + t.dx()
        py = t.m12() * x + t.m22() * y + t.dy()
        self._device_segments = arrayToLineSegments(
            px, py, connect="finite", finiteCheck=False, out=self._device_segments)
        p.save()
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, bool(self.opts["antialias"]))
        p.setPen(self.opts["pen"])
        p.drawLines(*self._device_segments.drawargs())
        p.restore()


def move_spots(item: pg.ScatterPlotItem, x: np.ndarray, y: np.ndarray) -> None:
    """Move ``item``'s spots to ``x``, ``y`` (as many as it holds, styles unchanged): what
    ``setData`` does after re-adding them, without re-rendering every spot's symbol."""
    item.data["x"] = x
    item.data["y"] = y
    item.prepareGeometryChange()
    item.informViewBoundsChanged()
    item.bounds = [None, None]
    item.invalidate()


def place_spots(item: pg.ScatterPlotItem, pos: np.ndarray) -> None:
    """Show ``item``'s spots at ``pos`` (n x 2): moved in place when it holds n spots already
    (one style for all), else set anew."""
    if len(pos) and len(item.data) == len(pos):
        move_spots(item, pos[:, 0], pos[:, 1])
    else:
        item.setData(pos=pos)


class SteadyScatter(pg.ScatterPlotItem):
    """A scatter whose bounding rect is computed once per change of its spots or of the view
    (pyqtgraph recomputes it, with its pixel padding, each of the several times a frame the
    scene asks). Both changes replace ``self.bounds`` (pyqtgraph's cached data bounds), so the
    rect is kept with the list it was computed from."""

    def __init__(self, *args, **kwargs):
        self._rect_of = None
        self._rect = None
        super().__init__(*args, **kwargs)

    def boundingRect(self):  # noqa: N802 (Qt name)
        if self._rect_of is not None and self._rect_of is self.bounds:
            return self._rect
        rect = super().boundingRect()
        bounds = self.bounds
        if bounds[0] is not None and bounds[1] is not None:  # (both data bounds cached)
            self._rect_of, self._rect = bounds, rect
        return rect


def fit_cached_curves(item: pg.PlotItem, curves: list[pg.PlotCurveItem], n: int) -> None:
    """Grow or shrink ``curves`` (items of ``item``) to ``n`` curves. A new curve is blitted
    from a cached picture whenever something moves over it (its anti-aliased edges differ from
    direct strokes by at most 2 of 255 levels: the cache is composited in premultiplied
    alpha) and stroked again only when its data change."""
    while len(curves) < n:
        c = pg.PlotCurveItem(connect="finite", antialias=True)
        c.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        item.addItem(c)
        curves.append(c)
    while len(curves) > n:
        item.removeItem(curves.pop())


class ContourLines:
    """One ``PlotCurveItem`` per contour level on ``plot``, kept alive and reused.

    ``set(lines)`` takes ``vm.contour_lines`` output (``(level, xy)`` pairs, NaN-separated
    segments); items beyond the current count are hidden, not deleted. ``data`` is what is drawn.
    """

    def __init__(self, plot: pg.PlotItem, cache: bool = False):
        self.plot = plot
        self.cache = cache
        self.items: list[pg.PlotCurveItem] = []
        self.data: list = []

    def set(self, lines) -> None:
        while len(self.items) < len(lines):
            item = pg.PlotCurveItem(connect="finite", antialias=True,
                                    pen=pg.mkPen(theme.COLORS["contour"], width=1))
            item.setZValue(-5)
            if self.cache:
                item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            self.plot.addItem(item)
            self.items.append(item)
        for item, (_, xy) in zip(self.items, lines, strict=False):
            item.setData(xy[:, 0], xy[:, 1], connect="finite")
            item.show()
        for item in self.items[len(lines):]:
            item.hide()
        self.data = lines

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def hide(self) -> None:
        for item in self.items:
            item.hide()


def set_log_ticks(plot_widget: pg.PlotWidget, log: bool, px_per_label: int,
                  max_labels: int, zero_at: float | None = None) -> None:
    """log10 data on a plain axis, labelled with the values (10⁻⁵, 0.01, 1, ...): as many
    labels as fit the plot's height (one per ``px_per_label`` pixels, at most ``max_labels``);
    ``zero_at``: the level where exact zeros are drawn, labelled ``0``."""
    axis = plot_widget.getPlotItem().getAxis("left")
    if not log:
        axis.setTicks(None)
        return
    vb = plot_widget.getViewBox()
    y0, y1 = vb.viewRange()[1]
    fit = max(2, int(vb.height() // px_per_label)) if vb.height() > 0 else 6
    axis.setTicks(vm.log_ticks(y0, y1, max_labels=min(fit, max_labels), zero_at=zero_at))
