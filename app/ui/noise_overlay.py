"""NoiseOverlay: the mini-batch gradient noise drawn on the contour plot (lesson P3).

For the selected racer, if it runs with mini-batches on a finite-sum surface: at the playhead, a
solid ellipse where its next SGD step lands (2 sigma of ``lr * g_B``, from the finite-population
covariance of the batch gradient), and a dashed ellipse around the minimum, the stationary cloud
plain SGD settles in (the Lyapunov equation). The numbers come from
:func:`app.analysis.minibatch.noise_ellipses`; this module only draws them.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt

from app.analysis.minibatch import noise_ellipses
from app.ui.session import Session

__all__ = ["NoiseOverlay"]

_Z = 48


class NoiseOverlay(QObject):
    """Two curves on ``plot`` that follow the session's playhead, runs and selection."""

    def __init__(self, session: Session, plot: pg.PlotItem, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.step_curve = pg.PlotCurveItem(connect="finite", antialias=True)
        self.cloud_curve = pg.PlotCurveItem(connect="finite", antialias=True)
        for item in (self.step_curve, self.cloud_curve):
            item.setZValue(_Z)
            plot.addItem(item)
        self.shown: np.ndarray | None = None  # what is drawn now (tests read it)
        session.playheadChanged.connect(lambda _: self.update())
        session.runsChanged.connect(self.update)
        session.selectedChanged.connect(lambda _: self.update())
        self.update()

    def update(self) -> None:
        run = self.session.selected_run()
        found = None if run is None else noise_ellipses(self.session.surface, run,
                                                        self.session.step)
        if found is None:
            self.step_curve.setData([], [])
            self.cloud_curve.setData([], [])
            self.step_curve.hide()
            self.cloud_curve.hide()
            self.shown = None
            return
        color = run.racer.color
        self.step_curve.setPen(pg.mkPen(color, width=2))
        self.cloud_curve.setPen(pg.mkPen(color, width=1.5, style=Qt.PenStyle.DashLine))
        self.step_curve.setData(found.step[:, 0], found.step[:, 1])
        self.cloud_curve.setData(found.cloud[:, 0], found.cloud[:, 1])
        self.step_curve.show()
        self.cloud_curve.setVisible(len(found.cloud) > 0)
        self.shown = found.step
