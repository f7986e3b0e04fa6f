"""The "LR range" tab: Smith's learning-rate range test, drawn as loss against lr (log axis).

It sweeps the selected racer's optimizer on the surface from its first start point, or the
Network lab's current network, exponentially from "lr min" to "lr max". The raw loss is drawn
faint, fastai's smoothed loss bold, with three vertical lines: the two suggestions (steepest
descent, valley, dashed) and the theory line ``2 / lambda_max`` from the sharpness measured at
the start (red). The sweep runs as a job of the job runner (lane ``lr_range``, newest wins); the
numbers are :mod:`app.analysis.lr_range`'s, this module only draws them.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.analysis import lr_range as lr_mod
from app.i18n import QT_TRANSLATE_NOOP
from app.jobs import Cancelled
from app.numbers import format_number
from app.ui import theme
from app.ui.jobs_qt import qt_runner
from app.ui.session import Session
from surfaces.params import parse_number

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["LrRangeView", "LINE_COLORS"]
SOURCES = (("surface", QT_TRANSLATE_NOOP("LrRangeView", "Surface: the selected racer")),
           ("netlab", QT_TRANSLATE_NOOP("LrRangeView", "Network lab: its network")))
LINE_COLORS = {"steepest": "#E69F00", "valley": "#56B4E9", "theory": "#ff6b6b"}


class LrRangeView(QWidget):
    """Controls above a plot; ``result`` is the last :class:`~app.analysis.lr_range.LrRange`."""

    def __init__(self, session: Session, netlab_config=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.netlab_config = netlab_config  # () -> NetConfig, or None without a network lab
        self.runner = qt_runner(self)
        self.ticket = None
        self.result: lr_mod.LrRange | None = None

        self.source = QComboBox()
        for key, text in SOURCES:
            text = translate("LrRangeView", text)
            if key == "netlab" and netlab_config is None:
                continue
            self.source.addItem(text, key)
        self.lr_min = QLineEdit("1e-6")
        self.lr_max = QLineEdit("10")
        self.steps = QSpinBox()
        self.steps.setRange(10, 5000)
        self.steps.setValue(100)
        self.run_button = QPushButton(translate(
            "LrRangeView", "Run sweep"))
        self.run_button.clicked.connect(self.run)
        row = QHBoxLayout()
        row.addWidget(self.source, 1)
        for label, widget in ((translate(
            "LrRangeView", "lr min"), self.lr_min), (translate(
            "LrRangeView", "lr max"), self.lr_max),
                              ("steps", self.steps)):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addWidget(self.run_button)
        self.status = QLabel(translate(
            "LrRangeView", "Sweep the learning rate exponentially in one run and watch where "
                           "the loss falls fastest and where it blows up."))
        self.status.setWordWrap(True)
        self.status.setObjectName("hint")

        self.plot_widget = pg.PlotWidget()
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setLogMode(x=True, y=False)
        self.plot.setLabel("bottom", translate(
            "LrRangeView", "learning rate"))
        self.plot.getAxis("bottom").enableAutoSIPrefix(False)  # lr values as they are
        self.plot.setLabel("left", "loss")
        self.plot.showGrid(True, True, 0.2)
        self.legend = self.plot.addLegend(offset=(10, 10))
        self.raw = self.plot.plot(pen=pg.mkPen(theme.COLORS["muted"], width=1), name="loss")
        self.smooth = self.plot.plot(pen=pg.mkPen(theme.COLORS["accent"], width=2.5),
                                     name="smoothed (fastai)")
        self.lines = {}
        for key, style, height in (("steepest", Qt.PenStyle.DashLine, 0.95),
                                   ("valley", Qt.PenStyle.DashLine, 0.86),
                                   ("theory", Qt.PenStyle.SolidLine, 0.77)):
            line = pg.InfiniteLine(angle=90, movable=False,
                                   pen=pg.mkPen(LINE_COLORS[key], width=2, style=style),
                                   label="", labelOpts={"position": height,
                                                        "color": LINE_COLORS[key],
                                                        "fill": (0, 0, 0, 170)})
            line.hide()
            self.plot.addItem(line)
            self.lines[key] = line

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.plot_widget, 1)

    # -- running ---------------------------------------------------------------------------
    def run(self) -> None:
        """Start a sweep with the current settings (a running one is cancelled)."""
        try:
            lr_min, lr_max = parse_number(self.lr_min.text()), parse_number(self.lr_max.text())
            lr_mod._sweep_schedule(lr_min, lr_max, self.steps.value())
            job = self._job(lr_min, lr_max, self.steps.value())
        except ValueError as err:
            self._error(err)
            return
        self.status.setText("sweeping…")
        self.ticket = self.runner.submit("lr_range", job, on_result=self.show_result,
                                         on_error=self._error)

    def _job(self, lr_min: float, lr_max: float, steps: int):
        options = {"lr_min": lr_min, "lr_max": lr_max, "steps": steps}
        if self.source.currentData() == "netlab":
            config = self.netlab_config()

            def sweep_network(ticket):
                return lr_mod.lr_range_netlab(config, check=ticket.check, **options)
            return sweep_network
        sc, surface = self.session.scenario, self.session.surface
        if not sc.starts:
            raise ValueError(translate(
                "LrRangeView", "add a start point first: the sweep starts from it"))
        racer = sc.racers[max(self.session.selected, 0)]
        hyper = {k: v for k, v in racer.params.items() if k != "lr"}
        start = sc.starts[0]

        def sweep_surface(ticket):
            ticket.check()
            return lr_mod.lr_range_test(surface, racer.optimizer, start, hyper=hyper, **options)
        return sweep_surface

    def _error(self, err: Exception) -> None:
        if isinstance(err, Cancelled):
            return
        self.status.setText(f"<span style='color:{theme.COLORS['error']}'>{err}</span>")

    # -- drawing ---------------------------------------------------------------------------
    def show_result(self, r: lr_mod.LrRange) -> None:
        self.result = r
        ok = np.isfinite(r.loss)
        self.raw.setData(r.lrs[ok], r.loss[ok])
        self.smooth.setData(r.lrs[ok], r.smoothed[ok])
        texts = {"steepest": f"steepest {format_number(r.steepest)}",
                 "valley": f"valley {format_number(r.valley)}",
                 "theory": f"2/λ_max {format_number(r.theory)}"}
        values = {"steepest": r.steepest, "valley": r.valley, "theory": r.theory}
        for key, line in self.lines.items():
            v = values[key]
            line.setVisible(math.isfinite(v) and v > 0)
            if line.isVisible():
                line.setValue(math.log10(v))
                line.label.setFormat(texts[key])
        if len(r.smoothed):
            top = min(float(np.nanmax(r.smoothed)), 4 * max(r.start_loss, 1e-300))
            low = min(float(np.nanmin(r.smoothed)), float(np.nanmin(r.loss[ok])))
            self.plot.setYRange(low - 0.05 * (top - low), top + 0.05 * (top - low))
        why = {"end": translate(
            "LrRangeView", "reached lr max"), "loss": translate(
            "LrRangeView", "the loss passed 4 times its best"),
               "diverged": translate(
                   "LrRangeView", "the run blew up")}[r.stopped]
        self.status.setText(
            translate(
                "LrRangeView", "suggestions: steepest {steepest}, valley {valley}; theory: "
                               "λ_max = {lambda_max} at the start, so plain GD is stable below "
                               "2/λ_max = {theory}. Stopped at lr {format_number_r}: "
                               "{why}.").format(
                steepest=format_number(r.steepest), valley=format_number(r.valley),
                lambda_max=format_number(r.lambda_max), theory=format_number(r.theory),
                format_number_r=format_number(r.lrs[-1]) if len(r.lrs) else '-', why=why))
