"""Step-by-step mode: the selected racer's update drawn as arrows on the contour plot.

- :class:`StepOverlay` draws one :class:`~app.stepwise.StepExplanation` onto a pyqtgraph
  ``PlotItem``: the negative gradient, the negative momentum / first moment, the per-coordinate
  scale sigma (a dashed box, half-widths ``scale * sigma``), the actual update (it ends at the
  next point, ringed) and a legend that states every scale. The geometry comes from
  :func:`app.stepwise.step_geometry`; this module only copies it into items (and turns the
  arrowheads to match the screen's aspect ratio).
- :class:`StepMode` is the controller: it listens to the :class:`~app.ui.session.Session`'s
  playhead, selection and runs, asks a :class:`~app.stepwise.StepExplainer` for the playhead's
  step and shows it on the overlay and in a :class:`~app.ui.narration_panel.NarrationPanel`.
  Turning it on pauses playback; the playback keys (Right / Left) then step one update at a time.

Wiring (in MainWindow)::

    self.narration_panel = NarrationPanel()
    self.add_side_tab(self.narration_panel, "Step")
    self.step_mode = StepMode(self.session, self.surface_view.plot, self.narration_panel,
                              self.playback, parent=self)
    self.step_mode_action = self.step_mode.make_action(self)   # checkable, key S
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence

from app.stepwise import StepExplainer, StepExplanation, StepGeometry, step_geometry
from app.ui.session import FOLLOWED_START

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["StepOverlay", "StepMode", "STEP_COLORS", "STEP_KEY"]

#: one colour per drawn quantity (the narration panel uses the same)
STEP_COLORS = {
    "gradient": "#ff4f70",
    "velocity": "#34d5ff",
    "scale": "#ffb000",
    "update": "#ffffff",
}
STEP_KEY = "S"
_SHADOW = (0, 0, 0, 190)
_Z = 60


class _Ring(pg.ScatterPlotItem):
    """A marker that lets clicks through to the ViewBox (adding start points keeps working)."""

    def mouseClickEvent(self, ev):
        ev.ignore()


class _ArrowItems:
    """A line from start to end and a screen-aligned arrowhead at the end."""

    def __init__(self, plot: pg.PlotItem, color: str, width: float = 2.6,
                 style=Qt.PenStyle.SolidLine, z: float = _Z):
        pen = pg.mkPen(color, width=width, style=style)
        self.line = pg.PlotCurveItem(pen=pen, antialias=True)
        self.line.setShadowPen(pg.mkPen(_SHADOW, width=width + 2))
        self.line.setZValue(z)
        self.head = pg.ArrowItem(angle=0, headLen=13, tipAngle=32, tailLen=None,
                                 pen=pg.mkPen(_SHADOW, width=1.2), brush=pg.mkBrush(color))
        self.head.setZValue(z + 1)
        plot.addItem(self.line)
        plot.addItem(self.head)

    def set(self, start: np.ndarray, end: np.ndarray, viewbox: pg.ViewBox) -> None:
        ok = bool(np.isfinite(start).all() and np.isfinite(end).all()
                  and not np.array_equal(start, end))
        if not ok:
            self.hide()
            return
        self.line.setData([start[0], end[0]], [start[1], end[1]])
        a = viewbox.mapViewToScene(QPointF(float(start[0]), float(start[1])))
        b = viewbox.mapViewToScene(QPointF(float(end[0]), float(end[1])))
        dx, dy = b.x() - a.x(), b.y() - a.y()
        # the head's path points left at angle 0 and turns clockwise on screen (y down)
        angle = math.degrees(math.atan2(-dy, -dx)) if (dx or dy) else 0.0
        self.head.setStyle(angle=angle)
        self.head.setPos(float(end[0]), float(end[1]))
        self.line.show()
        # an arrow shorter than its head would only show the head: draw just the line then
        self.head.setVisible(math.hypot(dx, dy) > 9)

    def hide(self) -> None:
        self.line.setData([], [])
        self.line.hide()
        self.head.hide()

    def remove(self, plot: pg.PlotItem) -> None:
        plot.removeItem(self.line)
        plot.removeItem(self.head)


class StepOverlay(QObject):
    """Draws a :class:`StepExplanation` onto ``plot`` (a ``pg.PlotItem``), with a legend.

    The arrows are rescaled when the view's range changes, so they stay visible while zooming.
    """

    def __init__(self, plot: pg.PlotItem, parent: QObject | None = None):
        super().__init__(parent)
        self.plot = plot
        self.viewbox: pg.ViewBox = plot.getViewBox()
        self.explanation: StepExplanation | None = None
        self.geometry: StepGeometry | None = None
        self.arrows = {
            # widest at the bottom: arrows along one line (GD's update is along the gradient,
            # heavy ball's along the velocity) show as nested stripes, none hidden
            "gradient": _ArrowItems(plot, STEP_COLORS["gradient"], width=5.5, z=_Z + 2),
            "velocity": _ArrowItems(plot, STEP_COLORS["velocity"], width=3.5, z=_Z + 4),
            "update": _ArrowItems(plot, STEP_COLORS["update"], width=1.8, z=_Z + 6),
        }
        fill = QColor(STEP_COLORS["scale"])
        fill.setAlpha(60)
        self.box = pg.PlotCurveItem(pen=pg.mkPen(STEP_COLORS["scale"], width=2,
                                                 style=Qt.PenStyle.DashLine), antialias=True,
                                    fillOutline=True, brush=pg.mkBrush(fill))
        self.box.setShadowPen(pg.mkPen(_SHADOW, width=4))
        self.box.setZValue(_Z)
        plot.addItem(self.box)
        self.ring = _Ring(size=13, symbol="o", pen=pg.mkPen(STEP_COLORS["update"], width=2),
                          brush=pg.mkBrush(0, 0, 0, 0), pxMode=True)
        self.ring.setZValue(_Z + 8)
        plot.addItem(self.ring)
        self.legend = pg.LegendItem(labelTextSize="9pt", brush=pg.mkBrush(18, 19, 23, 215),
                                    pen=pg.mkPen("#3a3d45"), verSpacing=-4)
        self.legend.setParentItem(self.viewbox)
        # bottom-right: the racers' legend is top-right, the "undefined" note top-left and the
        # "diverged at step k" badge bottom-left (a step legend there hid the badge)
        self.legend.anchor((1, 1), (1, 1), offset=(-8, -8))
        self.legend.setZValue(_Z + 20)
        self._legend_key: tuple = ()
        self.viewbox.sigRangeChanged.connect(self._redraw)
        self.viewbox.sigResized.connect(self._redraw)
        self.set_explanation(None)

    # -- public --------------------------------------------------------------------------------
    def set_explanation(self, explanation: StepExplanation | None) -> None:
        """Draw ``explanation`` (None: draw nothing)."""
        self.explanation = explanation
        self._redraw()

    def clear(self) -> None:
        self.set_explanation(None)

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt naming)
        for a in self.arrows.values():
            a.line.setVisible(visible)
            a.head.setVisible(visible)
        self.box.setVisible(visible)
        self.ring.setVisible(visible)
        self.legend.setVisible(visible and bool(self._legend_key))
        if visible:
            self._redraw()

    def remove(self) -> None:
        """Take every item off the plot (the overlay is then unusable)."""
        self.viewbox.sigRangeChanged.disconnect(self._redraw)
        self.viewbox.sigResized.disconnect(self._redraw)
        for a in self.arrows.values():
            a.remove(self.plot)
        self.plot.removeItem(self.box)
        self.plot.removeItem(self.ring)
        self.legend.setParentItem(None)
        if self.legend.scene() is not None:
            self.legend.scene().removeItem(self.legend)

    def arrow_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """The drawn ``x, y`` of the ``gradient``, ``velocity`` or ``update`` line (empty if
        hidden): what the screen shows, for tests."""
        item = self.arrows[name].line
        if not item.isVisible():
            return np.empty(0), np.empty(0)
        x, y = item.getData()
        return (np.asarray(x if x is not None else [], dtype=float),
                np.asarray(y if y is not None else [], dtype=float))

    def box_data(self) -> tuple[np.ndarray, np.ndarray]:
        x, y = self.box.getData()
        if not self.box.isVisible() or x is None:
            return np.empty(0), np.empty(0)
        return np.asarray(x, dtype=float), np.asarray(y, dtype=float)

    def legend_labels(self) -> list[str]:
        return [label.text for _, label in self.legend.items]

    # -- drawing -------------------------------------------------------------------------------
    def _redraw(self, *_args) -> None:
        e = self.explanation
        if e is None:
            for a in self.arrows.values():
                a.hide()
            self.box.setData([], [])
            self.box.hide()
            self.ring.setData([], [])
            self.geometry = None
            self._set_legend(())
            return
        (x0, x1), (y0, y1) = self.viewbox.viewRange()
        g = step_geometry(e, (x1 - x0, y1 - y0), window=((x0, x1), (y0, y1)))
        self.geometry = g
        entries = []
        for name, items in self.arrows.items():
            arrow = g.arrow(name)
            if arrow is None:
                items.hide()
                continue
            items.set(arrow.start, arrow.end, self.viewbox)
            entries.append((name, arrow.label))
        if g.box_half is not None and np.isfinite(g.box_half).all():
            (cx, cy), (hx, hy) = g.box_center, g.box_half
            self.box.setData([cx - hx, cx + hx, cx + hx, cx - hx, cx - hx],
                             [cy - hy, cy - hy, cy + hy, cy + hy, cy - hy])
            self.box.show()
            entries.insert(len(entries) - 1, ("scale", g.box_label))
        else:
            self.box.setData([], [])
            self.box.hide()
        if np.isfinite(g.new_point).all():
            self.ring.setData(pos=g.new_point.reshape(1, 2))
        else:
            self.ring.setData([], [])
        self._set_legend(tuple(entries))

    def _set_legend(self, entries: tuple) -> None:
        if entries == self._legend_key:
            return
        self._legend_key = entries
        self.legend.clear()
        for name, label in entries:
            item = self.box if name == "scale" else self.arrows[name].line
            self.legend.addItem(item, label)
        self.legend.setVisible(bool(entries))


class StepMode(QObject):
    """The step-by-step controller: session → explainer → overlay + narration panel.

    ``narration_panel`` needs ``set_explanation(explanation, note="")`` and
    ``set_message(text)`` (see :class:`~app.ui.narration_panel.NarrationPanel`); ``playback``
    (optional) is paused when the mode is turned on. The explained start point is
    :attr:`start_index` (0: the first start point; :meth:`set_start_index` changes it).
    """

    toggled = Signal(bool)
    explanationChanged = Signal(object)  # StepExplanation or None

    def __init__(self, session, plot: pg.PlotItem, narration_panel=None, playback=None,
                 parent: QObject | None = None):
        super().__init__(parent if parent is not None else session)
        self.session = session
        self.panel = narration_panel
        self.playback = playback
        self.overlay = StepOverlay(plot, self)
        self.explanation: StepExplanation | None = None
        self._enabled = False
        self._explainer: StepExplainer | None = None
        self._explainer_key = None
        session.playheadChanged.connect(self._on_playhead)
        session.selectedChanged.connect(self._invalidate)
        session.startIndexChanged.connect(self._invalidate)
        session.runsChanged.connect(self._invalidate)
        session.surfaceChanged.connect(self._invalidate)
        session.scenarioReplaced.connect(self._on_replaced)
        self.overlay.setVisible(False)
        if self.panel is not None:
            self.panel.set_message(self._off_message())

    start_index = FOLLOWED_START

    # -- on / off ------------------------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, on: bool) -> None:
        on = bool(on)
        if on == self._enabled:
            return
        self._enabled = on
        if on:
            if self.playback is not None:
                self.playback.pause()
            self.overlay.setVisible(True)
            self.refresh()
        else:
            self.overlay.clear()
            self.overlay.setVisible(False)
            self.explanation = None
            if self.panel is not None:
                self.panel.set_message(self._off_message())
            self.explanationChanged.emit(None)
        self.toggled.emit(on)

    def toggle(self) -> None:
        self.set_enabled(not self._enabled)

    def make_action(self, parent: QObject) -> QAction:
        """A checkable "Step-by-step explanation" action (key S) kept in sync with the mode."""
        act = QAction(translate(
            "StepMode", "Step-by-step explanation"), parent, checkable=True)
        act.setShortcut(QKeySequence(STEP_KEY))
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        tip = (translate(
            "StepMode", "pause and explain the selected racer's update at each step: arrows on "
                        "the plot, the arithmetic in the Step panel; Right / Left step"))
        act.setToolTip(tip)
        act.setStatusTip(tip)
        act.setChecked(self._enabled)
        act.toggled.connect(self.set_enabled)
        self.toggled.connect(lambda on: act.isChecked() != on and act.setChecked(on))
        return act

    def set_start_index(self, i: int) -> None:
        """Explain the run from start point ``i`` (clamped to the scenario's start points)."""
        n = len(self.session.scenario.starts)
        i = int(min(max(int(i), 0), max(n - 1, 0)))
        self.session.select_start(i)  # startIndexChanged: both followers redraw

    # -- reacting to the session ---------------------------------------------------------------
    def _on_playhead(self, _step: int) -> None:
        if self._enabled:
            self.refresh()

    def _on_replaced(self) -> None:
        self._invalidate()

    def _invalidate(self, *_args) -> None:
        self._explainer = None
        self._explainer_key = None
        if self._enabled:
            self.refresh()

    def _off_message(self) -> str:
        return (translate(
            "StepMode", "Step-by-step mode is off. Press {step_key} (View > Step-by-step "
                        "explanation) to pause and see the selected racer's update explained, "
                        "step by step.").format(step_key=STEP_KEY))

    def _show_message(self, text: str) -> None:
        self.explanation = None
        self.overlay.clear()
        if self.panel is not None:
            self.panel.set_message(text)
        self.explanationChanged.emit(None)

    def _get_explainer(self) -> StepExplainer | None:
        s = self.session
        run = s.selected_run()
        if run is None or not s.scenario.starts:
            return None
        racer = s.scenario.racers[s.selected]
        n = len(s.scenario.starts)
        if self.start_index >= n:
            self.start_index = n - 1
        stored = s.engine_run(s.selected)  # the run store's run: its steps are read back
        key = (s.selected, racer, s.scenario.starts, s.scenario.steps, self.start_index,
               id(s.surface), stored, None if stored is None else stored.done)
        if self._explainer is None or key != self._explainer_key:
            opt, sched = racer.build()
            self._explainer = StepExplainer(
                s.surface, opt, sched, np.array(s.scenario.starts, dtype=float),
                self.start_index, s.scenario.noise_for(racer), horizon=s.steps + 1,
                label=s.label(s.selected), replay=stored)
            self._explainer_key = key
        return self._explainer

    def refresh(self) -> None:
        """Explain the playhead's step for the selected racer (if the mode is on)."""
        if not self._enabled:
            return
        s = self.session
        try:
            explainer = self._get_explainer()
        except ValueError as err:
            self._show_message(translate(
                "StepMode", "Cannot explain this racer: {err}").format(err=err))
            return
        if explainer is None:
            if not s.scenario.starts:
                self._show_message(translate(
                    "StepMode", "No start point yet: click the plot to add one."))
            else:
                self._show_message(translate(
                    "StepMode", "The selected racer is disabled: enable it, or select another "
                                "racer, to see its steps explained."))
            return
        step = s.step
        explanation = explainer.explain(step)
        self.explanation = explanation
        self.overlay.set_explanation(explanation)
        if self.panel is not None:
            notes = []
            n = len(s.scenario.starts)
            if n > 1:
                notes.append(translate(
                    "StepMode", "start point {start_index} of {n}").format(
                    start_index=self.start_index + 1, n=n))
            if step >= s.steps:
                notes.append(translate(
                    "StepMode", "the run has {steps} steps: this update is one beyond its "
                                "end").format(steps=s.steps))
            racer = s.scenario.racers[s.selected]
            self.panel.set_explanation(explanation, note="; ".join(notes),
                                       color=QColor(racer.color).name())
        self.explanationChanged.emit(explanation)
