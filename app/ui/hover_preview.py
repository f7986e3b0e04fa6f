"""View > Hover preview: the selected racer's path from the point under the mouse, dashed.

The computation is :class:`app.preview.HoverPreview`'s (lane ``"hover"`` of the window's job
runner, latest wins); this overlay only turns mouse moves over the contour plot into
``move(x, y)``, hides the preview when the mouse leaves the plot, and draws the path that
arrives. A click is the plot's own: it adds a start point there (undo covers it).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QColor

from app import viewmodel as vm
from app.preview import HoverPreview

translate = QCoreApplication.translate

__all__ = ["HoverOverlay"]


class HoverOverlay(QObject):
    """One dashed curve on ``view``'s plot showing :attr:`preview`'s path."""

    def __init__(self, session, view, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.view = view
        self.preview = HoverPreview(session.model)
        self.curve = pg.PlotCurveItem(connect="finite", antialias=True)
        self.curve.setZValue(25)
        self.curve.hide()
        view.plot.addItem(self.curve)
        #: how many previews were drawn (tests count them)
        self.redraws = 0
        view.plot_widget.scene().sigMouseMoved.connect(self._moved)
        view.plot_widget.viewport().installEventFilter(self)
        self.preview.changed.connect(self._redraw)

    def make_action(self, parent: QObject) -> QAction:
        action = QAction(translate("HoverOverlay", "Hover preview"), parent, checkable=True)
        action.setToolTip(translate(
            "HoverOverlay", "with a racer selected, its path from the point under the mouse "
                            "follows the cursor (dashed); click to keep the point as a start"))
        action.toggled.connect(self.preview.set_enabled)
        return action

    # -- mouse → preview -------------------------------------------------------------------
    def _moved(self, scene_pos) -> None:
        if not self.preview.enabled:
            return
        box = self.view.viewbox
        if not box.sceneBoundingRect().contains(scene_pos):
            self.preview.hide()
            return
        p = box.mapSceneToView(scene_pos)
        self.preview.move(p.x(), p.y())

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Leave:
            self.preview.hide()
        return False

    # -- the picture -----------------------------------------------------------------------
    def _redraw(self) -> None:
        traj, i = self.preview.path, self.preview.racer
        racers = self.session.scenario.racers
        if traj is None or not 0 <= i < len(racers):
            self.curve.hide()
            return
        self.curve.setPen(pg.mkPen(QColor(racers[i].color), width=1.8,
                                   style=Qt.PenStyle.DashLine))
        paths = vm.drawable_points(traj.points, self.session.window)
        x, y = vm.path_until(paths, traj.steps)
        self.curve.setData(x, y, connect="finite")
        self.curve.show()
        self.redraws += 1
