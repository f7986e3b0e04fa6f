"""ReadoutsView: loss and |gradient| versus step, side by side, log y, with the playhead marked.

Side by side on purpose (lesson P4): a learner sees the loss stall while |gradient| stays large.
Each racer is one curve item holding all its start points (NaN-separated); values that a log
axis cannot show (zero, negative, NaN, inf) become gaps, never warnings.

An optional third readout (off by default, :meth:`ReadoutsView.set_sharpness_visible`) shows the
*sharpness* ``lambda_max`` along each racer's paths against the edge-of-stability line
``2 / lr(t)`` (``(2 + 2 momentum) / lr(t)`` for heavy ball), from
:func:`app.analysis.sharpness_trace`: where the solid curve rises above the dashed one the step
is locally unstable (lessons P1, P2).
"""

from __future__ import annotations

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGraphicsItem, QHBoxLayout, QWidget

from app import viewmodel as vm
from app.analysis import SharpnessTrace, sharpness_trace
from app.i18n import QT_TRANSLATE_NOOP
from app.optimizers import GD, HEAVY_BALL, NESTEROV, Dynamics
from app.readout_data import Readout, readouts_layout, resolution
from app.ui import theme
from app.ui.phase_plot import PhasePlot
from app.ui.plot_parts import fit_cached_curves, set_log_ticks
from app.ui.session import Session

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["ReadoutsView", "ReadoutPlot", "SHARPNESS_TITLE", "racer_sharpness"]

SHARPNESS_TITLE = QT_TRANSLATE_NOOP("Readouts", "λ_max vs 2/lr")
#: stability families whose step is ``lr`` times the (momentum) gradient: the edge ``limit / lr``
#: applies
_LR_FAMILIES = (GD, HEAVY_BALL, NESTEROV)


def _dynamics(racer) -> Dynamics | None:
    """The racer's declared dynamics if its step is ``lr`` times the (momentum) gradient."""
    try:
        opt, _ = racer.build()
    except ValueError:
        return None
    d = opt.spec.dynamics(opt.hyper, 1)
    return d if d.family in _LR_FAMILIES else None


class ReadoutPlot(pg.PlotWidget):
    """One log-y readout (``field`` = ``"loss"`` or ``"grad_norm"``) of every racer."""

    def __init__(self, title: str, y_label: str, parent: QWidget | None = None):
        super().__init__(parent)
        item = self.getPlotItem()
        item.hideButtons()
        item.setTitle(title, size="10pt", color=theme.COLORS["text"])
        item.setLabel("bottom", translate("Readouts", "step"))
        item.setLabel("left", y_label)
        item.getAxis("left").enableAutoSIPrefix(False)
        item.showGrid(x=True, y=True, alpha=0.15)
        item.setMenuEnabled(False)
        self.getViewBox().setMenuEnabled(False)
        self.getViewBox().disableAutoRange()
        self.getViewBox().setMouseEnabled(x=True, y=False)
        self.curves: list[pg.PlotCurveItem] = []
        self.log = True
        #: where exact zeros are drawn (labelled 0 on the axis), None if there are none
        self.zero_at: float | None = None
        self._ranges = None
        for name in ("left", "bottom"):
            item.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.playhead = pg.InfiniteLine(pos=0, angle=90, movable=False,
                                        pen=pg.mkPen(theme.COLORS["playhead"], width=1,
                                                     style=pg.QtCore.Qt.PenStyle.DashLine))
        self.playhead.setZValue(50)
        self.getViewBox().sigResized.connect(lambda *_: self._update_ticks())
        item.addItem(self.playhead)

    def set_series(self, series: list[tuple], steps: int, log: bool = True,
                   zero_at: float | None = None,
                   bounds: list[tuple[float, float]] | None = None) -> None:
        """``series``: ``(color, x, y, key)`` per racer, ``y`` in log10 units when ``log``;
        a curve whose ``key`` (the run's identity), colour and scale are unchanged is kept.
        An optional fifth element ``True`` draws the series dashed (a reference line).
        ``zero_at``: the level of exact zeros (:func:`app.viewmodel.zero_level`).
        ``bounds``: each series' :func:`~app.viewmodel.value_bounds` if known (else scanned)."""
        item = self.getPlotItem()
        self.log = log
        if zero_at != self.zero_at:
            self.zero_at = zero_at
            self._ranges = None
        fit_cached_curves(item, self.curves, len(series))
        for curve, (color, x, y, key, *rest) in zip(self.curves, series, strict=False):
            dashed = bool(rest and rest[0])
            if getattr(curve, "_key", None) == (key, color, log, dashed):
                continue  # the same run drawn the same way: keep its cached picture
            curve._key = (key, color, log, dashed)
            if dashed:
                curve.setPen(pg.mkPen(QColor(color), width=1,
                                      style=pg.QtCore.Qt.PenStyle.DashLine))
            else:
                curve.setPen(pg.mkPen(QColor(color), width=1))  # hairline: AA is cheap
            curve.setData(x, y, connect="finite")
        lo, hi = (vm.log_range([item[2] for item in series]) if bounds is None
                  else vm.padded_range(bounds))
        ranges = (steps, lo, hi)
        if ranges != self._ranges:  # a new range re-lays the axes: only when it changed
            self._ranges = ranges
            vb = self.getViewBox()
            vb.setLimits(xMin=-0.5, xMax=steps + 0.5)
            vb.setRange(xRange=(0, max(steps, 1)), yRange=(lo, hi), padding=0.02)
            self._update_ticks()

    def set_compact(self, on: bool) -> None:
        """A small frame's readout: no axis titles, smaller type (the tick labels fit)."""
        item = self.getPlotItem()
        size = 7 if on else None
        font = self.font()
        if size:
            font.setPointSize(size)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.showLabel(not on)
            axis.setStyle(tickFont=font if on else None)
        item.setTitle(item.titleLabel.text, size="8pt" if on else "10pt",
                      color=theme.COLORS["text"])
        self._ranges = None

    def _update_ticks(self) -> None:
        set_log_ticks(self, self.log, px_per_label=28, max_labels=8, zero_at=self.zero_at)


def racer_sharpness(surface, racer, trajectories) -> SharpnessTrace:
    """:func:`app.analysis.sharpness_trace` of one racer's run, with its momentum limit
    (heavy ball ``2 + 2 momentum``, Nesterov's own; plain ``2`` for every other optimizer)."""
    d = _dynamics(racer)
    if d is None:
        return sharpness_trace(surface, trajectories)
    return sharpness_trace(surface, trajectories, d.momentum, d.family == NESTEROV)


class ReadoutsView(QWidget):
    """The readouts of the session, the playhead drawn as a vertical line on each: loss and
    |gradient|, and (optional, hidden by default) the sharpness against ``2 / lr``."""

    def __init__(self, session: Session, parent: QWidget | None = None, *,
                 follow_playhead: bool = True):
        super().__init__(parent)
        self.session = session
        self.loss_plot = ReadoutPlot(translate("Readouts", "loss"), translate("Readouts", "loss"))
        self.grad_plot = ReadoutPlot(translate("Readouts", "|gradient|"), "|g|")
        self.grad_plot.setXLink(self.loss_plot)
        self.sharp_plot = ReadoutPlot(translate("Readouts", SHARPNESS_TITLE), "λ_max")
        # the x ranges follow each other by value (not setXLink: pyqtgraph lines linked views
        # up by their screen geometry, which a hidden plot does not have yet)
        self._syncing = False
        self.loss_plot.getViewBox().sigXRangeChanged.connect(self._loss_x_changed)
        self.sharp_plot.getViewBox().sigXRangeChanged.connect(self._sharp_x_changed)
        self.sharp_plot.setToolTip(
            translate(
                "Readouts", "Solid: the largest Hessian eigenvalue lambda_max at each point of "
                            "the racer's path. Dashed: the edge of stability 2 / lr(t) (heavy "
                            "ball: (2 + 2 momentum) / lr(t)). Above the dashed line a step of "
                            "that size overshoots more than it corrects. The edge is drawn for "
                            "gradient-descent racers only: adaptive optimizers scale each "
                            "coordinate's step by 1 / sigma."))
        self.sharp_plot.hide()
        #: the sharpness traces drawn (racer index -> SharpnessTrace), for tests and tools
        self.sharpness: dict[int, SharpnessTrace] = {}
        self._sharp_key = None
        self._readouts: dict = {}  # (id(trajectories), field) -> Readout
        self._phase_cache: dict = {}  # (loss Readout, grad Readout) -> its PhaseCurve
        #: the pixel sizes the shown curves are thinned for (readouts' width, phase cells)
        self._resolution = None
        self._lane = f"readouts-{id(self)}"
        self.destroyed.connect(lambda *_, s=session, lane=self._lane: s.runner.cancel(lane))
        #: how many layouts were computed and shown (tests and tools)
        self.layouts_shown = 0
        self._drawn_runs: list = []  # what is drawn (vm.runs_to_draw)
        self._step = 0  # the playhead shown
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.loss_plot)
        layout.addWidget(self.grad_plot)
        layout.addWidget(self.sharp_plot)
        #: |g| against loss, both log (lesson P4's phase readout)
        self.phase_plot = PhasePlot()
        self._phase_wanted = True
        layout.addWidget(self.phase_plot)
        session.runsChanged.connect(self.on_runs_changed)
        for plot in (self.loss_plot, self.phase_plot):
            plot.getViewBox().sigResized.connect(self._resized)
        if hasattr(session, "computingChanged"):  # stopped: nothing kept that did not arrive
            session.computingChanged.connect(self._computing_changed)
        session.surfaceChanged.connect(self._sharpness_stale)
        if follow_playhead:
            session.playheadChanged.connect(self.show_step)
        self.on_runs_changed()
        self.show_step(session.step)

    def on_runs_changed(self) -> None:
        """Draw the runs. The numbers (each run's scale facts, its series thinned to the plots'
        pixels, the phase curves: :func:`app.readout_data.readouts_layout`) are a job of the
        session's runner (latest wins); a run shown before keeps what was computed for it (and
        its curve is not set again). The view only copies the finished arrays in."""
        s = self.session
        runs = vm.runs_to_draw(s.runs, s.scenario.racers, bool(s.scenario.starts),
                               getattr(s, "computing", False), self._drawn_runs)
        self._drawn_runs = runs
        pairs = [(r, run.trajectories) for r, run in
                 zip(s.scenario.racers, runs, strict=False) if run is not None]
        old, cache, fields = self._readouts, {}, []
        for field in ("loss", "grad_norm"):
            entries = []
            for _, t in pairs:
                e = old.get((id(t), field))
                if e is None or e.source is not t:
                    e = Readout(t, getattr(t, field))
                cache[(id(t), field)] = e
                entries.append(e)
            fields.append(entries)
        self._readouts = cache
        colors = [r.color for r, _ in pairs]
        res = self._wanted_resolution()
        phase_cache, steps = self._phase_cache, s.steps
        s.runner.submit(
            self._lane, lambda t: readouts_layout(fields, res[0], res[1], phase_cache, t.check),
            on_result=lambda out: self._show_layout(out, colors, fields, steps, res))

    def _wanted_resolution(self) -> tuple[int, tuple[int, int]]:
        w = max(self.loss_plot.getViewBox().width(), self.grad_plot.getViewBox().width())
        phase = self.phase_plot.getViewBox()
        return resolution(w), (resolution(phase.width()), resolution(phase.height()))

    def _resized(self, *_) -> None:
        """A plot grew past the pixels its curves were thinned for: thin them again."""
        if self._resolution is not None and self._wanted_resolution() != self._resolution:
            self.on_runs_changed()

    def _show_layout(self, out, colors, fields, steps, res) -> None:
        layouts, phase, floors = out
        self._resolution = res
        for plot, layout in zip((self.loss_plot, self.grad_plot), layouts, strict=True):
            plot.set_series([(c, x, y, key) for c, (key, x, y, _) in
                             zip(colors, layout.drawn, strict=True)], steps, layout.log,
                            layout.zero_at, [b for *_, b in layout.drawn])
        self._phase_cache = {(a, b): c for a, b, c in zip(*fields, phase, strict=True)}
        zero_at = tuple(vm.facts_zero_level([e.facts for e in entries], True, floor)
                        for entries, floor in zip(fields, floors, strict=True))
        self.phase_plot.set_runs(list(zip(colors, phase, strict=True)), floors, zero_at)
        self.phase_plot.show_step(self.session.step)
        self.layouts_shown += 1
        if self.sharp_plot.isVisibleTo(self):
            self.update_sharpness()

    def _computing_changed(self, on: bool) -> None:
        if not on and not vm.drawn_is_current(self._drawn_runs, self.session.runs):
            self.on_runs_changed()

    # -- sharpness (optional third readout) ---------------------------------------------------
    @property
    def sharpness_visible(self) -> bool:
        return self.sharp_plot.isVisibleTo(self)

    def set_sharpness_visible(self, on: bool) -> None:
        """Show or hide the sharpness readout (computed when shown, then on every new run)."""
        if on:
            self.update_sharpness()
            self.sharp_plot.playhead.setValue(self._step)
        self.sharp_plot.setVisible(bool(on))

    def _loss_x_changed(self, _viewbox, x_range) -> None:
        self._sync_x(self.sharp_plot, x_range)

    def _sharp_x_changed(self, _viewbox, x_range) -> None:
        self._sync_x(self.loss_plot, x_range)

    def _sync_x(self, plot: ReadoutPlot, x_range) -> None:
        if self._syncing or not shiboken6.isValid(plot):
            return
        self._syncing = True
        try:
            plot.getViewBox().setXRange(*x_range, padding=0)
        finally:
            self._syncing = False

    def _sharpness_stale(self) -> None:
        self._sharp_key = None

    def update_sharpness(self) -> None:
        """``lambda_max`` along every racer's paths (solid) and ``limit / lr(t)`` (dashed)."""
        s = self.session
        pairs = [(i, r, run.trajectories) for i, (r, run) in
                 enumerate(zip(s.scenario.racers, s.runs, strict=False)) if run is not None]
        # identity of the surface and the runs (the key holds them, so no id is reused)
        key = (s.surface, [(i, r, t) for i, r, t in pairs])
        old = self._sharp_key
        if old is not None and old[0] is key[0] and len(old[1]) == len(key[1]) and all(
                a[0] == b[0] and a[1] == b[1] and a[2] is b[2]
                for a, b in zip(old[1], key[1], strict=True)):
            return
        self._sharp_key = key
        traces = {i: racer_sharpness(s.surface, r, t) for i, r, t in pairs}
        self.sharpness = traces
        arrays = [tr.lambda_max for tr in traces.values()]
        arrays += [tr.edge[:, None] for i, r, _ in pairs
                   if _dynamics(r) is not None for tr in (traces[i],)]
        log = vm.wants_log(arrays) if arrays else True
        floor = vm.log_floor(arrays)
        series = []
        for i, r, t in pairs:
            tr = traces[i]
            series.append((r.color, vm.steps_series(t.n, t.steps),
                           vm.readout_series(tr.lambda_max, log, floor), ("max", id(t), floor)))
            if _dynamics(r) is not None:
                series.append((r.color, vm.steps_series(1, t.steps),
                               vm.readout_series(tr.edge[:, None], log, floor),
                               ("edge", id(t), floor), True))
        self.sharp_plot.set_series(series, s.steps, log, vm.zero_level(arrays, log, floor))

    def show_step(self, step: int) -> None:
        self._step = step
        self.loss_plot.playhead.setValue(step)
        self.grad_plot.playhead.setValue(step)
        if self.sharp_plot.isVisibleTo(self):  # (a hidden one takes the step when shown)
            self.sharp_plot.playhead.setValue(step)
        self.phase_plot.show_step(step)

    def set_compact(self, on: bool) -> None:
        """Lay the readouts out for a small frame (:meth:`ReadoutPlot.set_compact`)."""
        for plot in (self.loss_plot, self.grad_plot, self.sharp_plot):
            plot.set_compact(on)
        self.phase_plot.setVisible(self._phase_wanted and not on)  # a small frame: two plots
        self.on_runs_changed()

    def set_phase_visible(self, on: bool) -> None:
        """Show or hide the phase readout (|g| against loss)."""
        self._phase_wanted = bool(on)
        self.phase_plot.setVisible(self._phase_wanted)

    @property
    def curves(self) -> tuple[list[pg.PlotCurveItem], list[pg.PlotCurveItem]]:
        return self.loss_plot.curves, self.grad_plot.curves
