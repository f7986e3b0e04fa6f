"""SurfaceView: the heatmap, contour lines, minima, start points and the racers' paths.

It observes a :class:`~app.ui.session.Session` and never computes numerics itself: the picture
comes from :mod:`app.viewmodel` (colour scale, contour lines, paths revealed up to a step).
Items are created once and updated with ``setData`` (a frame of playback only moves data).

Where the surface is undefined (a formula's ``log`` of a negative number, a division by zero:
non-finite values) the heatmap is transparent and no contour line is drawn, so the hole shows
the plot background; a small note in the top-left corner says what the blank means.

Mouse: left-click adds a start point, dragging a start point moves it, right-click (or
Shift/Ctrl+click) on a start point removes it; dragging elsewhere pans, the wheel zooms.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QLabel, QVBoxLayout, QWidget

from app import drawn_paths as dp
from app import optimizers, picture
from app import viewmodel as vm
from app.jobs import InlineRunner
from app.ui import theme
from app.ui.plot_parts import ContourLines, SegmentsCurve, SteadyScatter, place_spots
from app.ui.session import Session

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["SurfaceView", "StartPointViewBox", "GRID_SIZE", "CONTOUR_LEVELS"]

GRID_SIZE = 512
CONTOUR_LEVELS = 15
HIT_RADIUS_PX = 10.0
#: the playhead has rested this long: the paths are kept as cached pictures (an edit of one
#: racer then redraws its path only); while it moves they are drawn directly (no cache to fill)
REST_MS = 150
_CACHED = QGraphicsItem.CacheMode.DeviceCoordinateCache


class StartPointViewBox(pg.ViewBox):
    """A ViewBox that turns clicks and drags on the plot into start-point edits."""

    addRequested = Signal(float, float)
    removeRequested = Signal(int)
    moveRequested = Signal(int, float, float, bool)  # index, x, y, finished

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.starts: np.ndarray = np.empty((0, 2))
        self._dragging: int | None = None

    def hit(self, scene_pos: QPointF) -> int:
        """Index of the start point within ``HIT_RADIUS_PX`` pixels of ``scene_pos``, or -1."""
        best, best_d = -1, HIT_RADIUS_PX
        for i, (x, y) in enumerate(self.starts):
            p = self.mapViewToScene(QPointF(float(x), float(y)))
            d = float(np.hypot(p.x() - scene_pos.x(), p.y() - scene_pos.y()))
            if d <= best_d:
                best, best_d = i, d
        return best

    def mouseClickEvent(self, ev):
        idx = self.hit(ev.scenePos())
        mods = ev.modifiers()
        remove_mod = bool(mods & (Qt.KeyboardModifier.ShiftModifier
                                  | Qt.KeyboardModifier.ControlModifier))
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            if idx >= 0 and remove_mod:
                self.removeRequested.emit(idx)
            elif idx < 0:
                p = self.mapSceneToView(ev.scenePos())
                self.addRequested.emit(p.x(), p.y())
            return
        if ev.button() == Qt.MouseButton.RightButton and idx >= 0:
            ev.accept()
            self.removeRequested.emit(idx)
            return
        super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev, axis=None):
        if ev.button() == Qt.MouseButton.LeftButton and axis is None:
            if ev.isStart():
                idx = self.hit(ev.buttonDownScenePos())
                self._dragging = idx if idx >= 0 else None
            if self._dragging is not None:
                ev.accept()
                p = self.mapSceneToView(ev.scenePos())
                self.moveRequested.emit(self._dragging, p.x(), p.y(), ev.isFinish())
                if ev.isFinish():
                    self._dragging = None
                return
        super().mouseDragEvent(ev, axis=axis)


class _Markers(SteadyScatter):
    """A scatter that ignores clicks, so they reach the ViewBox (add/remove start points).
    Its picture is cached: a few small symbols, blitted when something else is redrawn."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setCacheMode(_CACHED)

    def mouseClickEvent(self, ev):
        ev.ignore()


def _clear(item, hide: bool = False) -> None:
    """Empty ``item`` once (an empty item is not set again) and show or hide it: a hidden item
    costs nothing per frame, but items listed in the legend stay visible (the legend would
    show a hidden item's sample crossed out)."""
    x = item.getData()[0]
    if x is not None and len(x):
        item.setData([], [])
    item.setVisible(not hide)


def _same(a, b) -> bool:
    """Two (surface, window) pairs name the same picture: the same surface object, window."""
    return a is not None and b is not None and a[0] is b[0] and a[1] == b[1]


def _same_arrays(a: np.ndarray, b: np.ndarray) -> bool:
    """True if ``a`` is a prefix of ``b``'s rows (views of one run's arrays: a run never changes
    a row it computed, so what was drawn of ``a`` holds for ``b``)."""
    return (a.__array_interface__["data"][0] == b.__array_interface__["data"][0]
            and a.strides == b.strides and a.shape[1:] == b.shape[1:]
            and a.shape[0] <= b.shape[0])


def _rows_view(points: np.ndarray) -> np.ndarray:
    """``(steps + 1, N, 2)`` seen as ``(N, steps + 1, 2)`` (no copy) for the few points read
    from it (heads, marks, blow-ups)."""
    return np.transpose(points, (1, 0, 2))


def _drawable(points: np.ndarray, window) -> np.ndarray:
    """A few points (heads, marks) limited for drawing (vm.limit_points)."""
    return vm.limit_points(points, window) if vm.clip_segments_needed(points, window) else points


@dataclass(frozen=True)
class _PathJob:
    """What one racer's paths are decimated from (the job's input, read in a worker)."""

    index: int
    trajectories: object
    readouts: tuple
    window: tuple
    grid: object
    previous: object  # dp.DrawnPaths of a prefix of the same arrays, or None
    previous_second: object

    def run(self):
        t = self.trajectories
        path = dp.drawn_paths(t.points, self.window, self.grid, t.loss, self.previous)
        second = vm.second_path(t, self.readouts)
        drawn_second = (None if second is None else
                        dp.drawn_paths(second[1], self.window, self.grid,
                                       previous=self.previous_second))
        return self, path, drawn_second


def _decimate(ticket, jobs: list[_PathJob]) -> list:
    """The job (a worker thread): decimate each racer's paths; each racer's result is handed
    over as it is ready (progress carries the results so far)."""
    done = []
    for job in jobs:
        ticket.check()
        done.append(job.run())
        if len(done) < len(jobs):
            ticket.progress(len(done) / len(jobs), list(done))
    return done


class _RacerItems:
    """The kept-alive items of one racer: its paths, current points and blow-up markers, and
    for optimizers that declare them its second points (dashed path, hollow heads: e.g. the
    point schedule-free evaluates) and its event marks (e.g. where GD departs from the flow).

    ``wanted`` is the run to draw; ``source`` the one drawn (its paths decimated to the screen
    by :mod:`app.drawn_paths`, in a worker when the run is large: until they arrive the items
    keep showing the run before)."""

    def __init__(self, plot: pg.PlotItem):
        self.path = SegmentsCurve(connect="finite", antialias=True, skipFiniteCheck=True)
        self.path.setZValue(20)
        self.heads = _Markers(size=11, pxMode=True)
        self.heads.setZValue(30)
        self.second = pg.PlotCurveItem(connect="finite", antialias=True, skipFiniteCheck=True)
        self.second.setZValue(19)
        self.second_heads = _Markers(size=9, pxMode=True)
        self.second_heads.setZValue(29)
        self.marks = _Markers(symbol="d", size=14, pxMode=True)
        self.marks.setZValue(35)
        for item in self._items():
            plot.addItem(item)
        self.drawn: dp.DrawnPaths | None = None
        self.resting = True  # the playhead rests (see cache_paths)
        self.always_smooth = False  # antialiased even while the playhead moves (export)
        self.second_drawn: dp.DrawnPaths | None = None
        self.second_title = ""
        self.events = np.empty(0, dtype=np.int64)
        self.events_title = ""
        self.diverged_at = np.empty(0, dtype=int)
        self.color = None
        self.source = None  # the Trajectories drawn
        self.wanted = None  # the Trajectories to draw (with its readouts and window)
        self.wanted_readouts: tuple = ()
        self.wanted_window = None
        self.window = None  # the window the drawn paths are limited to
        self._second_points = None
        self.step = None  # the step the items show (None: not drawn since the last change)
        self._marks_shown = -1

    def _items(self):
        return (self.path, self.heads, self.second, self.second_heads, self.marks)

    def cache_paths(self, on: bool) -> None:
        """At rest (``on``): cached pictures, antialiased. While the playhead moves: drawn
        directly, and a decimated path (a long run) without antialiasing, which Qt strokes
        several times faster; a small run's path keeps its look."""
        self.resting = on
        mode = _CACHED if on else QGraphicsItem.CacheMode.NoCache
        self.path.setCacheMode(mode)
        self.second.setCacheMode(mode)
        self._smooth()

    def _smooth(self) -> None:
        aa = (self.resting or self.always_smooth or self.drawn is None
              or self.drawn.grid is None)
        if self.path.opts["antialias"] != aa:
            self.path.opts["antialias"] = aa
            self.path.update()

    def style(self, color: str) -> None:
        if color == self.color:
            return
        self.color = color
        c = QColor(color)
        # no shadow pen: a wide shadow doubles the cost of a frame; the heatmap is dimmed
        # instead (theme.HEATMAP_BRIGHTNESS) so the bright racer colours stand out
        self.path.setPen(pg.mkPen(c, width=2.0))
        self.heads.setPen(pg.mkPen("k", width=1.2))
        self.heads.setBrush(pg.mkBrush(c))
        self.second.setPen(pg.mkPen(c, width=1.6, style=Qt.PenStyle.DashLine))
        self.second_heads.setPen(pg.mkPen(c, width=2.0))
        self.second_heads.setBrush(pg.mkBrush(theme.COLORS["plot_bg"]))
        self.marks.setPen(pg.mkPen("w", width=1.5))
        self.marks.setBrush(pg.mkBrush(c))

    def want(self, trajectories, readouts, window) -> None:
        """Draw ``trajectories`` (in ``window``); a small run is made ready at once."""
        self.wanted, self.wanted_readouts = trajectories, tuple(readouts)
        self.wanted_window = window
        if dp.is_exact_size(trajectories.points):
            self.apply(_PathJob(-1, trajectories, self.wanted_readouts, window, None, None,
                                None).run())

    def job(self, index: int, grid: dp.PixelGrid) -> _PathJob | None:
        """The decimation this racer still needs for ``grid`` (the view's now), or None."""
        t, window = self.wanted, self.wanted_window
        if t is None:
            return None
        drawn = self.drawn
        fits = drawn is not None and (drawn.grid is None or drawn.grid.serves(grid))
        if t is self.source and window == self.window and fits:
            return None
        grow = (self.source is not None and drawn is not None and drawn.grid is not None
                and fits and window == self.window and _same_arrays(self.source.points,
                                                                    t.points))
        return _PathJob(index, t, self.wanted_readouts, window,
                        drawn.grid if grow else grid, drawn if grow else None,
                        self.second_drawn if grow else None)

    def current(self, job: _PathJob) -> bool:
        """True if ``job``'s result is (a prefix of) what this racer is to draw."""
        t = self.wanted
        return (t is not None and job.window == self.wanted_window
                and (job.trajectories is t or _same_arrays(job.trajectories.points, t.points)))

    def apply(self, result) -> None:
        """Show a decimation (:class:`_PathJob`'s result)."""
        job, drawn, second_drawn = result
        t = job.trajectories
        self.source, self.window = t, job.window
        self.drawn = drawn
        # a decimated path as separate segments: Qt strokes a long antialiased path that
        # crosses itself many times slower (its outline is merged); a small run as one path,
        # exactly as before
        self.path.setSegmentedLineMode("auto" if drawn.grid is None else "on")
        self._smooth()
        second = vm.second_path(t, job.readouts)
        self.second_title = "" if second is None else second[0]
        self.second_drawn = second_drawn
        self._second_points = None if second is None else second[1]
        self.diverged_at = t.diverged_at
        events = vm.event_steps(t, job.readouts)
        self.events_title, self.events = (("", np.empty(0, dtype=np.int64)) if events is None
                                          else events)
        self.step = None
        self._marks_shown = -1

    def clear_run(self) -> None:
        self.drawn = self.second_drawn = None
        self._second_points = None
        self.events = np.empty(0, dtype=np.int64)
        self.second_title = self.events_title = ""
        self.diverged_at = np.empty(0, dtype=int)
        self.source = self.wanted = None
        self.step = None
        self._marks_shown = -1

    def show(self, step: int) -> None:
        """Reveal this racer's paths, current points, second path and event marks up to
        ``step`` (data updates only; an item that is empty and stays empty is not touched)."""
        self.step = int(step)
        window = self.window
        if self.drawn is not None:
            x, y = dp.vertices_until(self.drawn, step)
            self.path.setData(x, y, connect="finite", skipFiniteCheck=True)
            place_spots(self.heads, _drawable(vm.heads_at(_rows_view(self.source.points), step),
                                              window))
            self.path.show()
            self.heads.show()
        else:  # no run: not in the legend either (a run on its way: in it, not drawn yet)
            _clear(self.path, hide=self.wanted is None)
            _clear(self.heads, hide=True)
        if self.second_drawn is not None:
            x, y = dp.vertices_until(self.second_drawn, step)
            self.second.setData(x, y, connect="finite", skipFiniteCheck=True)
            place_spots(self.second_heads, _drawable(
                vm.heads_at(_rows_view(self._second_points), step), window))
            self.second.show()
            self.second_heads.show()
        else:
            _clear(self.second, hide=not self.second_title)
            _clear(self.second_heads, hide=True)
        on = (self._second_points if self.second_drawn is not None else
              self.source.points if self.source is not None else None)
        marks = (_drawable(vm.marks_until(_rows_view(on), self.events, step), window)
                 if self.events.size and on is not None else np.empty((0, 2)))
        if marks.shape[0] != self._marks_shown:  # marks only appear (or vanish on rewind)
            self._marks_shown = marks.shape[0]
            if marks.shape[0]:
                self.marks.setData(pos=marks)
            else:
                _clear(self.marks)
        self.marks.setVisible(bool(marks.shape[0] or self.events_title))

    def blown(self, step: int) -> tuple[np.ndarray, int]:
        """The last drawable point of every path that blew up by ``step``, and the earliest
        such step (-1: none)."""
        hit = (self.diverged_at >= 0) & (self.diverged_at <= step)
        if not hit.any() or self.source is None:
            return np.empty((0, 2)), -1
        last = np.maximum(self.diverged_at[hit] - 1, 0)
        rows = _rows_view(self.source.points)
        last = np.minimum(last, rows.shape[1] - 1)
        return (_drawable(rows[np.nonzero(hit)[0], last], self.window),
                int(self.diverged_at[hit].min()))

    def remove(self, plot: pg.PlotItem) -> None:
        for item in self._items():
            plot.removeItem(item)


class SurfaceView(QWidget):
    """The contour plot of the session's surface with the racers' paths up to the playhead.

    ``follow_playhead=False`` makes a view that shows whatever step :meth:`show_step` is given
    (used by :mod:`app.ui.render` for export, without moving the app's playhead).
    """

    gridUpdated = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 follow_playhead: bool = True, interactive: bool = True,
                 grid_size: int = GRID_SIZE):
        super().__init__(parent)
        self.session = session
        self.grid_size = grid_size
        self.follow_playhead = follow_playhead
        self._step = session.step
        self._grid_window = None

        self.viewbox = StartPointViewBox(enableMenu=False)
        self.plot_widget = pg.PlotWidget(viewBox=self.viewbox)
        self.plot: pg.PlotItem = self.plot_widget.getPlotItem()
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.showGrid(False, False)
        self.viewbox.disableAutoRange()
        if not interactive:
            self.viewbox.setMouseEnabled(False, False)

        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.image.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.plot.addItem(self.image)
        cmap = theme.heatmap_colormap()
        self.colorbar = pg.ColorBarItem(values=(0, 1), colorMap=cmap, interactive=False,
                                        width=14, colorMapMenu=False)
        self.colorbar.setImageItem(self.image, insert_in=self.plot)
        for axis in (self.plot.getAxis("left"), self.plot.getAxis("bottom"),
                     self.colorbar.getAxis("right")):
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.contours = ContourLines(self.plot, cache=True)
        # where a tiny ReLU network's unit switches on for a data point (the surface's creases)
        self.creases = pg.PlotCurveItem(pen=pg.mkPen(theme.COLORS["text"], width=1,
                                                     style=Qt.PenStyle.DashLine))
        self.creases.setZValue(-4)
        self.creases.hide()
        self.plot.addItem(self.creases)
        self._grid_data = None
        self._base_range = (0.0, 1.0)
        self._focus_key: object = None
        self.focus = None  # the contour and colour levels focused on the visited loss range
        self.color_scale: vm.ColorScale | None = None
        self.contour_data: list = []
        self.crease_data = np.empty((0, 2))
        #: the picture's grid (app.picture.Grid) and the (surface, window) it was made for
        self._grid: picture.Grid | None = None
        self._grid_target = None
        #: the (surface, window) a job is computing a picture of, and whether the runs changed
        #: since it started (then it is refocused when it arrives)
        self._picture_wanted = None
        self._picture_dirty = False
        self._picture_lane = f"picture-{id(self)}"
        # a view taken apart: its picture job is not delivered to it
        self.destroyed.connect(lambda *_, s=session, lane=self._picture_lane:
                               s.runner.cancel(lane))
        self.minima = _Markers(symbol="star", size=16, pen=pg.mkPen("k", width=1),
                                         brush=pg.mkBrush(theme.COLORS["minimum"]))
        self.minima.setZValue(15)
        self.plot.addItem(self.minima)
        self.starts = _Markers(symbol="o", size=13,
                                         pen=pg.mkPen("k", width=1.5),
                                         brush=pg.mkBrush(theme.COLORS["start"]))
        self.starts.setZValue(40)
        self.plot.addItem(self.starts)
        self.blowups = _Markers(symbol="x", size=16, pen=pg.mkPen("#ff3b30", width=2),
                                          brush=pg.mkBrush("#ff3b30"))
        self.blowups.setZValue(45)
        self.blowups.hide()
        self.plot.addItem(self.blowups)
        self.legend = pg.LegendItem(offset=(-8, 8), labelTextSize="9pt",
                                    brush=pg.mkBrush(18, 19, 23, 200),
                                    pen=pg.mkPen(theme.COLORS["grid"]))
        self.legend.setParentItem(self.viewbox)
        self.legend.anchor((1, 0), (1, 0), offset=(-8, 8))
        self.racer_items: list[_RacerItems] = []
        self._legend_key = None
        #: the decimation job on its way: (ticket, {racer index: _PathJob}), or None
        self._paths_job = None
        self._tops_shown: list = []  # the runs' largest losses the colour focus was asked for
        self._paths_lane = f"paths-{id(self)}"
        #: an export view (not following the playhead) draws every frame at once
        self._paths_runner = None if follow_playhead else InlineRunner()
        #: decimations that arrived for runs no longer wanted (dropped, never shown)
        self.stale_paths_dropped = 0
        self._blown = np.empty((0, 2))
        self._badge_text = ""
        self._drawn_runs: list = []  # what is drawn (vm.runs_to_draw)
        self.paths_cached = True  # (the playhead rests)
        self._rest = QTimer(self)
        self._rest.setSingleShot(True)
        self._rest.setInterval(REST_MS)
        self._rest.timeout.connect(lambda: self._cache_paths(True))

        self.badge = QLabel(self.plot_widget)
        self.badge.setObjectName("badge")
        self.badge.setWordWrap(True)
        self.badge.hide()
        self.hole_note = QLabel(translate(
            "SurfaceView", "blank: f(x, y) is undefined there"), self.plot_widget)
        self.hole_note.setObjectName("hint")
        self.hole_note.setStyleSheet("background: rgba(18, 19, 23, 200); border-radius: 3px;"
                                     " padding: 1px 6px;")
        self.hole_note.setToolTip(translate(
            "SurfaceView", "the formula has no value in the blank areas (log or sqrt of a "
                           "negative number, division by zero): a run that steps into one "
                           "stops there, marked diverged"))
        self.hole_note.hide()
        self.has_holes = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)

        self._regrid = QTimer(self)
        self._regrid.setSingleShot(True)
        self._regrid.setInterval(200)
        self._regrid.timeout.connect(self._regrid_to_view)
        self.viewbox.sigRangeChangedManually.connect(lambda *_: self._regrid.start())
        self._repath = QTimer(self)  # zoomed or resized: paths decimated again if needed
        self._repath.setSingleShot(True)
        self._repath.setInterval(100)
        self._repath.timeout.connect(self._check_paths_grid)
        self.viewbox.sigRangeChanged.connect(lambda *_: self._repath.start())
        self.viewbox.sigResized.connect(lambda *_: self._repath.start())
        self.viewbox.sigResized.connect(lambda *_: self._place_badge())
        self.viewbox.sigResized.connect(lambda *_: self._place_hole_note())

        if interactive:
            self.viewbox.addRequested.connect(self._add_start)
            self.viewbox.removeRequested.connect(session.remove_start)
            self.viewbox.moveRequested.connect(self._move_start)
        session.surfaceChanged.connect(self.on_surface_changed)
        session.startsChanged.connect(self.on_starts_changed)
        session.runsChanged.connect(self.on_runs_changed)
        if hasattr(session, "computingChanged"):  # stopped: nothing kept that did not arrive
            session.computingChanged.connect(self._computing_changed)
        if follow_playhead:
            session.playheadChanged.connect(self.show_step)
        self.on_surface_changed()
        self.on_starts_changed()
        self.on_runs_changed()

    # -- mouse → model ----------------------------------------------------------------------
    def _add_start(self, x: float, y: float) -> None:
        self.session.add_start(x, y)

    def _move_start(self, i: int, x: float, y: float, finished: bool) -> None:
        self.session.move_start(i, x, y, debounce=not finished)

    # -- the picture ------------------------------------------------------------------------
    def reset_view(self) -> None:
        """Show the scenario's window (or the surface's) again."""
        (x0, x1), (y0, y1) = self.session.window
        self.viewbox.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        self._set_grid((x0, x1), (y0, y1))

    def on_surface_changed(self) -> None:
        s = self.session.surface
        labels = vm.axis_labels(s)
        self.plot.setLabel("bottom", labels[0])
        self.plot.setLabel("left", labels[1])
        m = np.asarray(s.minima, dtype=float).reshape(-1, 2)
        self.minima.setData(pos=m)
        self._grid_window = None  # a new surface (e.g. another formula) in the same window
        self.reset_view()

    def _regrid_to_view(self) -> None:
        (x0, x1), (y0, y1) = self.viewbox.viewRange()
        self._set_grid((x0, x1), (y0, y1))

    def _set_grid(self, xr, yr) -> None:
        """Show the surface over this window: the picture is computed by the job runner
        (:func:`app.picture.surface_picture`); the old one stays until the new one arrives."""
        window = (tuple(map(float, xr)), tuple(map(float, yr)))
        if window == self._grid_window:
            return
        self._grid_window = window
        self._request_picture()

    def _refocus(self) -> None:
        """Colours and contour levels for the loss range the paths visit
        (:func:`app.viewmodel.focused_levels`); the job decides whether the visited range moved
        enough (:func:`app.picture.focus_key`) and changes nothing otherwise."""
        self._request_picture()

    def _request_picture(self) -> None:
        """Ask for the picture of the current surface over the grid window, focused on the
        runs' losses. While a job computes this very grid a second request only marks the
        picture for refocusing when it arrives (a grid is never sampled twice at once); a
        request for another surface or window replaces the job (latest wins)."""
        if self._grid_window is None:
            return
        surface, window = self.session.surface, self._grid_window
        target = (surface, window)
        if _same(self._picture_wanted, target):
            self._picture_dirty = True
            return
        grid = self._grid if _same(self._grid_target, target) else None
        key = self._focus_key if grid is not None else None
        # no pass over every step's loss on each update: the largest of each drawn run
        self._tops_shown = self._visited_tops()
        losses = [np.array([top]) for top in self._tops_shown]
        size = self.grid_size
        self._picture_wanted, self._picture_dirty = target, False
        self.session.runner.submit(
            self._picture_lane,
            lambda t: picture.surface_picture(surface, size, window, grid, losses,
                                              CONTOUR_LEVELS, key, t.check),
            on_result=lambda pic: self._show_picture(target, pic),
            on_error=self._picture_failed)

    def _picture_failed(self, error: BaseException) -> None:
        self._picture_wanted = None
        raise error

    def _show_picture(self, target, pic: picture.Picture | None) -> None:
        """The job's picture (None: the shown one is still right): copied into the items."""
        self._picture_wanted = None
        if pic is not None:
            grid = pic.grid
            new_grid = grid is not self._grid
            if new_grid:
                self._grid, self._grid_target = grid, target
                self._grid_data = (grid.xs, grid.ys, grid.z, grid.undefined)
                self._base_range = grid.base_range
                self.has_holes = grid.has_holes
            self._focus_key = pic.key
            self.focus = pic.focus
            scale = pic.scale
            self.image.setImage(scale.image, levels=scale.levels, autoLevels=False)
            self.colorbar.setLevels(scale.levels)
            self.colorbar.getAxis("right").setLabel(scale.label)
            self.color_scale = scale
            self._set_contours(pic.lines)
            if new_grid:
                xs, ys = grid.xs, grid.ys
                dx = (xs[-1] - xs[0]) / max(len(xs) - 1, 1)
                dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1)
                self.image.setRect(QRectF(xs[0] - dx / 2, ys[0] - dy / 2,
                                          xs[-1] - xs[0] + dx, ys[-1] - ys[0] + dy))
                self._set_creases(grid.creases)
                self.hole_note.setVisible(self.has_holes)
                self._place_hole_note()
                self.gridUpdated.emit()
        if self._picture_dirty:  # the runs changed while the grid was computed
            self._picture_dirty = False
            self._request_picture()

    def _set_creases(self, segments) -> None:
        self.crease_data = segments
        if segments.shape[0]:
            self.creases.setData(segments[:, 0], segments[:, 1], connect="finite")
        self.creases.setVisible(bool(segments.shape[0]))

    def _set_contours(self, lines) -> None:
        self.contours.set(lines)
        self.contour_data = lines

    # -- start points and paths -------------------------------------------------------------
    def on_starts_changed(self) -> None:
        pts = np.array(self.session.scenario.starts, dtype=float).reshape(-1, 2)
        self.viewbox.starts = pts
        self.starts.setData(pos=pts)

    def on_runs_changed(self) -> None:
        """Draw what changed: only a racer whose run (or the window) changed is set again;
        the others keep their items as they are (an lr edit redraws one racer)."""
        s = self.session
        racers = s.scenario.racers
        runs = vm.runs_to_draw(s.runs, racers, bool(s.scenario.starts),
                               getattr(s, "computing", False), self._drawn_runs)
        self._drawn_runs = runs
        while len(self.racer_items) < len(runs):
            self.racer_items.append(_RacerItems(self.plot))
            self.racer_items[-1].always_smooth = not self.follow_playhead  # (an export)
            self.racer_items[-1].cache_paths(self.paths_cached)
        while len(self.racer_items) > len(runs):
            self.racer_items.pop().remove(self.plot)
        window = self.session.window
        for items, racer, run in zip(self.racer_items, racers, runs, strict=False):
            items.style(racer.color)
            if run is None:
                if items.wanted is not None or items.source is not None or items.step is None:
                    items.clear_run()
            elif run.trajectories is not items.wanted or window != items.wanted_window:
                items.want(run.trajectories, optimizers.spec(run.racer.optimizer).readouts,
                           window)
        self._request_paths()
        self._refocus()
        self._update_legend(racers, runs)
        if self.follow_playhead:
            self._step = self.session.step
        self._show(self._step, only_changed=True)

    # -- paths decimated to the screen, in the job runner -----------------------------------
    def pixel_grid(self) -> dp.PixelGrid:
        """The half-pixel grid of the plot as it is now (view range, size in device pixels)."""
        ratio = self.plot_widget.devicePixelRatioF() or 1.0
        return dp.PixelGrid.of_view(self.viewbox.viewRange(),
                                    (self.viewbox.width() * ratio, self.viewbox.height() * ratio))

    @property
    def paths_pending(self) -> bool:
        """True while a decimation of the paths is on its way (the old paths are shown)."""
        return self._paths_job is not None

    def _request_paths(self) -> None:
        """Decimate, in the job runner, every racer's run that is not drawn as wanted yet (a
        grown run: only its new rows). Latest wins: a job for runs that were replaced is
        cancelled; one whose runs only grew meanwhile finishes and is followed by the next."""
        grid = self.pixel_grid()
        jobs = [job for i, items in enumerate(self.racer_items)
                if (job := items.job(i, grid)) is not None]
        running = self._paths_job
        if running is not None:
            ticket, pending = running
            if jobs and all(i < len(self.racer_items) and self.racer_items[i].current(job)
                            for i, job in pending.items()):
                return  # it is still worth having: the next job follows its result
            ticket.cancel()
            self._paths_job = None
        if not jobs:
            return
        runner = self._paths_runner or self.session.runner
        pending = {job.index: job for job in jobs}

        def on_result(results, _pending=pending):
            if self._paths_job is not None and self._paths_job[1] is _pending:
                self._paths_job = None
            self._take_paths(results)
            self._request_paths()

        def on_progress(_fraction, results):
            self._take_paths(results)

        self._paths_job = (None, pending)
        ticket = runner.submit(self._paths_lane, lambda t: _decimate(t, jobs),
                               on_result=on_result, on_progress=on_progress)
        if self._paths_job is not None and self._paths_job[1] is pending:
            self._paths_job = (ticket, pending)  # (an inline runner has delivered already)

    def _take_paths(self, results) -> None:
        """Show the decimations that are still wanted; a stale one is dropped (counted)."""
        changed = False
        for result in results:
            job = result[0]
            if job.index >= len(self.racer_items):
                self.stale_paths_dropped += 1
                continue
            items = self.racer_items[job.index]
            if items.source is job.trajectories and items.drawn is result[1]:
                continue  # (delivered with progress already)
            if not items.current(job):
                self.stale_paths_dropped += 1
                continue
            items.apply(result)
            changed = True
        if changed:
            tops = self._visited_tops()
            if not np.array_equal(tops, self._tops_shown, equal_nan=True):
                self._refocus()  # (the colour focus depends on nothing else of the runs)
            self._update_legend(self.session.scenario.racers, self._drawn_runs)
            self._show(self._step, only_changed=True)

    def _visited_tops(self) -> list:
        """The largest loss each drawn run visits (app.drawn_paths computes it with the paths):
        all that the colour focus reads of the runs (vm.focused_levels)."""
        return [items.drawn.top for items in self.racer_items if items.drawn is not None]

    def _check_paths_grid(self) -> None:
        """After a zoom or resize: decimate again where the drawn paths no longer fit the
        pixels (the old ones stay meanwhile)."""
        self._request_paths()

    def _computing_changed(self, on: bool) -> None:
        if not on and not vm.drawn_is_current(self._drawn_runs, self.session.runs):
            self.on_runs_changed()

    def _update_legend(self, racers, runs) -> None:
        entries = []
        for i, (items, run) in enumerate(zip(self.racer_items, runs, strict=False)):
            if run is None or i >= len(racers):
                continue
            entries.append((items.path, self.session.label(i)))
            if items.second_title:  # a racer's second path, dashed: "schedule-free: x ..."
                entries.append((items.second, f"  {items.second_title}"))
            if items.events_title:
                entries.append((items.marks, f"  {items.events_title}"))
        key = tuple(id(item) for item, _ in entries)
        if key == self._legend_key:  # same items: only the names may have changed
            for (_, label), (_, name) in zip(self.legend.items, entries, strict=False):
                if label.text != name:
                    label.setText(name)
            return
        self.legend.clear()
        for item, name in entries:
            self.legend.addItem(item, name)
        self._legend_key = key
        # no run (no start point, every racer off): no empty legend frame left in the corner
        self.legend.setVisible(bool(entries))

    def show_step(self, step: int) -> None:
        """Reveal every path up to ``step`` (a frame of playback: data updates only)."""
        self._cache_paths(False)
        self._rest.start()
        self._show(step)

    def _cache_paths(self, on: bool) -> None:
        """Keep the paths as cached pictures (the playhead rests) or draw them directly."""
        if on != self.paths_cached:
            self.paths_cached = on
            for items in self.racer_items:
                items.cache_paths(on)

    def _show(self, step: int, only_changed: bool = False) -> None:
        step = int(step)
        self._step = step
        if self._paths_runner is not None and self._paths_job is None:
            self._request_paths()  # an export view: paths fit the frame's pixels now
        for items in self.racer_items:
            if not only_changed or items.step != step:
                items.show(step)
        blown, badges, tips = [], [], []
        racers = self.session.scenario.racers
        for i, items in enumerate(self.racer_items):
            points, k = items.blown(step)
            if k >= 0:
                blown.append(points)
                label = self.session.label(i) if i < len(racers) else translate(
                    "SurfaceView", "racer {i}").format(i=i + 1)
                badges.append(translate(
                    "SurfaceView", "⚠ {label}: diverged at step {k}").format(label=label, k=k))
                diagnosis = self.session.diagnosis(i) if i < len(racers) else None
                if diagnosis is not None:
                    tips.append(translate(
                        "SurfaceView", "{label}: {diagnosis_text}").format(
                        label=label, diagnosis_text=diagnosis.text()))
        blown = np.concatenate(blown) if blown else np.empty((0, 2))
        if not np.array_equal(blown, self._blown):  # the marks change only when one blows up
            self._blown = blown
            self.blowups.setData(pos=blown)
            self.blowups.setVisible(bool(blown.shape[0]))
        text = "\n".join(badges)
        if text != self._badge_text:
            self._badge_text = text
            if badges:
                self.badge.setText(text)
                self.badge.setToolTip("\n".join(tips))
                self._place_badge()
                self.badge.show()
                self.badge.raise_()
            else:
                self.badge.hide()

    def _place_badge(self) -> None:
        """Bottom-left corner of the plot area (the legend is top-right)."""
        rect = self.viewbox.sceneBoundingRect()
        self.badge.setMaximumWidth(max(120, round(rect.width()) - 16))
        self.badge.adjustSize()
        self.badge.move(round(rect.left()) + 8,
                        max(0, round(rect.bottom()) - self.badge.height() - 8))

    def _place_hole_note(self) -> None:
        """Top-left corner of the plot area (the legend is top-right, the badge bottom-left)."""
        if not self.has_holes:
            return
        rect = self.viewbox.sceneBoundingRect()
        self.hole_note.adjustSize()
        self.hole_note.move(round(rect.left()) + 8, round(rect.top()) + 8)
        self.hole_note.raise_()

    # -- introspection for tests and export ---------------------------------------------------
    def path_data(self, i: int) -> tuple[np.ndarray, np.ndarray]:
        """The drawn ``x, y`` of racer ``i``'s paths (what the screen shows)."""
        x, y = self.racer_items[i].path.getData()
        return (np.asarray(x) if x is not None else np.empty(0),
                np.asarray(y) if y is not None else np.empty(0))

    def data_to_viewport(self, x: float, y: float):
        """The viewport pixel that shows data point ``(x, y)`` (for tests and tools)."""
        scene = self.viewbox.mapViewToScene(QPointF(float(x), float(y)))
        return self.plot_widget.mapFromScene(scene)
