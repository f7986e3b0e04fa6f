"""Small drawing pieces shared by the plots: contour line items, a curve drawn as pixel
segments, and log-axis tick labels."""

from __future__ import annotations

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
