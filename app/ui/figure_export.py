"""File > Export figure (SVG/PDF) and File > Export small multiples: lecture figures.

Both draw with :mod:`app.figures` (headless) in a job of the job runner (lane ``figures``,
newest wins), so the window keeps drawing while a figure is made; the status bar says where
it went, or why not.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog

from app import lesson_state
from app.jobs import Cancelled
from app.numbers import format_number
from app.ui.jobs_qt import qt_runner

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["FigureExport", "install_figure_actions"]

FILTERS = "SVG figure (*.svg);;PDF figure (*.pdf)"


class FigureExport:
    """The two File actions of ``window`` and the jobs behind them."""

    def __init__(self, window):
        self.window = window
        self.runner = qt_runner(window)
        self.ticket = None
        self.last_path = None  # the last file written (tests read it)
        self.figure_action = QAction(translate(
            "FigureExport", "Export &figure (SVG/PDF)…"), window)
        self.figure_action.setToolTip(translate(
            "FigureExport", "the surface with every path, its colour bar and the readouts, as "
                            "a vector figure for slides or a paper"))
        self.figure_action.triggered.connect(self._ask_figure)
        self.grid_action = QAction(translate(
            "FigureExport", "Export small &multiples (SVG/PDF)…"), window)
        self.grid_action.setToolTip(translate(
            "FigureExport", "one panel per learning rate or optimizer, one colour scale, "
                            "captions from the racers' parameters"))
        self.grid_action.triggered.connect(self._ask_grid)
        window.add_file_action(self.figure_action)
        window.add_file_action(self.grid_action)

    # -- dialogs ---------------------------------------------------------------------------
    def _path(self, title: str) -> str:
        from app import figures  # (imported on first use, not at start-up)

        path, chosen = QFileDialog.getSaveFileName(self.window, title, "figure.svg", FILTERS)
        if path and not path.lower().endswith(figures.FIGURE_SUFFIXES):
            path += ".pdf" if "PDF" in chosen else ".svg"
        return path

    def _ask_figure(self) -> None:
        path = self._path(translate(
            "FigureExport", "Export figure"))
        if path:
            self.export_figure(path)

    def default_grid(self) -> str:
        """``lr=...``: the racers' learning rates, halved and doubled around the first."""
        racers = self.window.session.scenario.racers
        lr = racers[0].params.get("lr", 0.01) if racers else 0.01
        return "lr=" + ",".join(format_number(lr * f) for f in (0.25, 0.5, 1, 2, 4, 8))

    def _ask_grid(self) -> None:
        grid, ok = QInputDialog.getText(
            self.window, translate(
                "FigureExport", "Small multiples"),
            translate(
                "FigureExport", "One panel per value: lr=A,B,... (every racer at each lr) or "
                                "optimizer=gd,adam,... (the first racer as each optimizer)"),
            text=self.default_grid())
        if ok and grid.strip():
            path = self._path(translate(
                "FigureExport", "Export small multiples"))
            if path:
                self.export_small_multiples(path, grid)

    # -- jobs ------------------------------------------------------------------------------
    def export_figure(self, path: str):
        from app import figures  # (imported on first use, not at start-up)

        session = self.window.session
        # a lesson whose set-up was changed does not title the figure (app.lesson_state)
        sc = lesson_state.for_saving(session.scenario, session.described)
        surface = session.surface
        runs = [r for r in session.runs if r is not None]

        def draw(ticket):
            canvas = figures.scenario_figure(sc, runs, surface)
            ticket.check()
            return figures.write_figure(canvas, path, overwrite=True)
        return self._submit(draw, "figure")

    def export_small_multiples(self, path: str, grid: str):
        from app import figures  # (imported on first use, not at start-up)

        try:
            over, values = figures.parse_grid(grid)
        except ValueError as err:
            self._say(translate(
                "FigureExport", "Small multiples: {err}").format(err=err))
            return None
        session = self.window.session
        sc = lesson_state.for_saving(session.scenario, session.described)

        def draw(ticket):
            canvas = figures.small_multiples(sc, over, values, progress=lambda k, n:
                                             ticket.progress(k / n), cancelled=lambda:
                                             ticket.cancelled)
            return figures.write_figure(canvas, path, overwrite=True)
        return self._submit(draw, f"{len(values)} panels over {over}")

    def _submit(self, draw, what: str):
        self._say(translate(
            "FigureExport", "Drawing the {what}…").format(what=what))
        self.ticket = self.runner.submit(
            "figures", draw, on_result=lambda p: self._done(p, what), on_error=self._failed,
            on_progress=lambda f, _: self._say(translate(
                "FigureExport", "Drawing the {what}… {f:.0%}").format(what=what, f=f)))
        return self.ticket

    def _done(self, path, what: str) -> None:
        self.last_path = path
        self._say(translate(
            "FigureExport", "Wrote {path} ({what})").format(path=path, what=what))

    def _failed(self, err: Exception) -> None:
        if not isinstance(err, Cancelled):
            self._say(translate(
                "FigureExport", "Figure not written: {err}").format(err=err))

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)


def install_figure_actions(window) -> FigureExport:
    window.figure_export = FigureExport(window)
    return window.figure_export
