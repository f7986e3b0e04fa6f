"""MainWindow: the Descent Lab desktop app, and :func:`launch`.

Layout (every part observes the one :class:`~app.ui.session.Session`)::

    ┌ menus: File  Lessons  View  Playback  Help ──────────────────────────────────────────┐
    │ Controls dock │ center tabs: "Surface" (+ later "Maps", "3D", "Network lab") │ side  │
    │ (surface,     │  ┌ SurfaceView (heatmap, contours, paths, legend, badge) ┐   │ tabs: │
    │  run, racers) │  └ ReadoutsView: loss | |gradient| versus step ──────────┘   │Lesson │
    │               │  PlaybackBar ⏮ ◀ ▶ ▶| ───timeline─── step k / n              │(+ An- │
    ├ status: step, selected racer's loss, |g|, lr, diverged ─────────────────────────────┘alysis)

Extension points: :meth:`MainWindow.add_center_tab`, :meth:`MainWindow.add_side_tab`,
:meth:`MainWindow.add_file_action` (e.g. File > Export, placed above Quit), ``self.menus``.
"""

from __future__ import annotations

import html
import os
import platform
import sys
from pathlib import Path

import numpy
from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, QTimer, Signal, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import compiled, lesson_state
from app import scenario as scenario_mod
from app import viewmodel as vm
from app.about import NAME, about
from app.desktop import APP_ID
from app.i18n import QT_TRANSLATE_NOOP
from app.jobs import JobRunner
from app.scenario import Scenario, ScenarioError
from app.ui import theme
from app.ui.app_icon import app_icon
from app.ui.compute_progress import ComputeProgress
from app.ui.controls import MIN_WIDTH as CONTROLS_MIN_WIDTH
from app.ui.controls import ControlPanel
from app.ui.export_actions import install_export_action
from app.ui.figure_export import install_figure_actions
from app.ui.hover_preview import HoverOverlay
from app.ui.jobs_qt import qt_runner
from app.ui.language import apply_language, choose_language, language_menu
from app.ui.lazy_tabs import LazyTab, import_in_background, replace_placeholder
from app.ui.lesson_gallery import LessonGallery, lesson_entries
from app.ui.lesson_panel import LessonPanel
from app.ui.narration_panel import NarrationPanel
from app.ui.noise_overlay import NoiseOverlay
from app.ui.playback import Playback
from app.ui.playback_bar import PlaybackBar
from app.ui.readouts import ReadoutsView
from app.ui.session import Session
from app.ui.status_bar import StatusReadout
from app.ui.step_overlay import StepMode
from app.ui.surface_view import SurfaceView
from app.ui.undo import install_undo

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads translate("Context", ...)
translate = QCoreApplication.translate

__all__ = ["MainWindow", "launch", "about_text", "APP_NAME", "DEFAULT_SIZE"]

APP_NAME = NAME
DEFAULT_SIZE = QSize(1400, 900)
NETLAB_TAB = "Network lab"
LR_RANGE_TAB = "LR range"
#: every tab's and dock's title: English keys (``self._pages``, object names, tests), shown
#: through ``translate("tabs", title)``
TAB_TITLES = (QT_TRANSLATE_NOOP("tabs", "Surface"), QT_TRANSLATE_NOOP("tabs", "Maps"),
              QT_TRANSLATE_NOOP("tabs", "3D"), QT_TRANSLATE_NOOP("tabs", "Network lab"),
              QT_TRANSLATE_NOOP("tabs", "LR range"), QT_TRANSLATE_NOOP("tabs", "Lesson"),
              QT_TRANSLATE_NOOP("tabs", "Analysis"), QT_TRANSLATE_NOOP("tabs", "Step"),
              QT_TRANSLATE_NOOP("tabs", "Controls"))
#: the longest a closing window waits for its jobs to stop (they are cancelled; their threads
#: are daemons, so the process never waits for them longer)
QUIT_WAIT = 0.25
#: the docks' least and preferred widths (controls, lesson): at 1024 pixels (a projector) they
#: get their least, in a large window their preferred (vm.dock_widths)
DOCK_MIN_WIDTHS = (CONTROLS_MIN_WIDTH, 230)
#: the width every centre tab page fits in (Maps and Network lab are built on first use, so
#: their own minimum cannot hold the centre open before; tests/ui/test_startup_lazy.py checks)
CENTER_MIN_WIDTH = 440
DOCK_WIDTHS = (370, 310)
#: how long a worker thread may hold the interpreter lock while the window's thread waits for
#: it (Python's default is 5 ms: a paint that calls back into Python a hundred times while the
#: engine's worker computes then waits up to 0.5 s; the window sets this when it is made)
GIL_SWITCH_SECONDS = 0.001


def _frame_drawn(_step: int) -> None:
    compiled.busy()
KEYS_HELP = QT_TRANSLATE_NOOP(
    "MainWindow",
    "<table cellspacing=6>"
    "<tr><td><b>Left click</b></td><td>add a start point</td></tr>"
    "<tr><td><b>Drag a start point</b></td><td>move it</td></tr>"
    "<tr><td><b>Right click / Shift+click on it</b></td><td>remove it</td></tr>"
    "<tr><td><b>Drag elsewhere, wheel</b></td><td>pan, zoom</td></tr>"
    "<tr><td><b>Space</b></td><td>play / pause</td></tr>"
    "<tr><td><b>Right / Left</b></td><td>one step forward / back</td></tr>"
    "<tr><td><b>R</b></td><td>back to step 0</td></tr>"
    "<tr><td><b>Home</b></td><td>reset the view</td></tr>"
    "<tr><td><b>S</b></td><td>step-by-step explanation on / off</td></tr>"
    "<tr><td><b>Ctrl+E</b></td><td>export a snapshot, GIF, MP4 or frames</td></tr>"
    "<tr><td><b>Ctrl+Z / Ctrl+Shift+Z</b></td><td>undo / redo an edit</td></tr>"
    "</table>")


def about_text() -> str:
    """Help > About: name, version, what it does, licence (all from the package metadata)."""
    info = about()
    how = translate("MainWindow", "Click the plot to add a start point; every enabled racer "
                                  "starts from it. Change any value on the left and the paths "
                                  "are recomputed at once.")
    licence = translate("MainWindow", "Licence: {licence}.").format(
        licence=html.escape(info.license or "unknown"))
    return (
        f"<h3>{html.escape(info.name)} {html.escape(info.version)}</h3>"
        f"<p>{html.escape(info.summary)}</p>"
        f"<p>{how}</p>"
        f"<p>{licence}</p>"
        f"<p><small>Python {platform.python_version()}, Qt {qVersion()}, "
        f"numpy {numpy.__version__}</small></p>"
    )


class SurfacePage(QWidget):
    """The "Surface" tab: the contour plot above the two readouts."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.surface_view = SurfaceView(session)
        self.readouts = ReadoutsView(session)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.surface_view)
        self.splitter.addWidget(self.readouts)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 210])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)


class MainWindow(QMainWindow):
    """The window. ``runner``: the job runner every computation goes through (default: worker
    threads delivering on the GUI thread; an :class:`~app.jobs.InlineRunner` computes each edit
    before returning, for offscreen rendering and tests that want finished runs at once)."""

    #: the window is about to close (the user did not cancel): workers stop
    closing = Signal()

    def __init__(self, session: Session | None = None, parent: QWidget | None = None,
                 runner: JobRunner | None = None):
        super().__init__(parent)
        # nothing of numba is imported or compiled before the first paint (app.compiled)
        compiled.hold()
        self._compiles_held = True
        sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_SECONDS))
        self.runner = runner if runner is not None else qt_runner(self)
        self.session = session or Session()
        self.session.set_runner(self.runner)
        self.playback = Playback(self.session, self)
        # a frame of playback (or scrubbing) keeps background compiles' in-process steps,
        # which hold the interpreter lock in stretches, out of the frames that follow
        self.session.playheadChanged.connect(_frame_drawn)
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.resize(DEFAULT_SIZE)
        #: tabs not built yet (title -> placeholder) and the pages built (title -> widget)
        self._lazy: dict[str, LazyTab] = {}
        self._pages: dict[str, QWidget] = {}
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks)

        # center: tabs (Surface now; Maps, 3D, Network lab later) above the playback bar
        self.surface_page = SurfacePage(self.session)
        self.surface_view = self.surface_page.surface_view
        self.readouts = self.surface_page.readouts
        # mini-batch noise: where the next step lands, and SGD's stationary cloud (P3)
        self.noise_overlay = NoiseOverlay(self.session, self.surface_view.plot, self)
        self.center_tabs = QTabWidget()
        self.center_tabs.setDocumentMode(True)
        self.center_tabs.setTabBarAutoHide(True)  # shows once a second tab is added
        self.center_tabs.addTab(self.surface_page, translate("tabs", "Surface"))
        self.center_tabs.setMinimumWidth(CENTER_MIN_WIDTH)
        self.playback_bar = PlaybackBar(self.session, self.playback)
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.center_tabs, 1)
        lay.addWidget(self.playback_bar)
        self.setCentralWidget(central)

        # left: the controls; right: lesson (later: analysis) tabs
        self.controls = ControlPanel(self.session, self.playback)
        self.controls_dock = self._dock("Controls", self.controls,
                                        Qt.DockWidgetArea.LeftDockWidgetArea)
        self.lesson_panel = LessonPanel(self.session)
        self.side_tabs = QTabWidget()
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.setTabBarAutoHide(True)
        for tabs in (self.side_tabs,):  # whole tab names ("Analysis", never "An" "lysis")
            tabs.setElideMode(Qt.TextElideMode.ElideNone)
            tabs.setUsesScrollButtons(True)
        self.side_tabs.setMinimumWidth(DOCK_MIN_WIDTHS[1])
        self.side_tabs.addTab(self.lesson_panel, translate("tabs", "Lesson"))
        self.side_dock = self._dock("Lesson", self.side_tabs,
                                    Qt.DockWidgetArea.RightDockWidgetArea)
        self.resizeDocks([self.controls_dock, self.side_dock], list(DOCK_WIDTHS),
                         Qt.Orientation.Horizontal)
        self._dock_timer = QTimer(self)  # one dock re-layout per burst of resize events
        self._dock_timer.setSingleShot(True)
        self._dock_timer.setInterval(0)
        self._dock_timer.timeout.connect(self.restore_dock_widths)

        self.status = StatusReadout(self.session)
        self.statusBar().addWidget(self.status, 1)
        self.compute_progress = ComputeProgress(self.session)
        self.statusBar().addPermanentWidget(self.compute_progress)

        self.menus: dict[str, QMenu] = {}
        self._build_menus()
        install_export_action(self)
        self._build_analysis()
        self._build_step_mode_and_3d()
        self._add_lazy_tab(self.center_tabs, NETLAB_TAB, self._build_netlab)
        self.session.scenarioReplaced.connect(self._netlab_on_demand)
        self._netlab_on_demand()  # started on a network-lab scenario: its tab shows first
        # after the network lab: it can sweep its network (built on first use, like it)
        self._add_lazy_tab(self.center_tabs, LR_RANGE_TAB, self._build_lr_range)
        install_figure_actions(self)
        self.undo = install_undo(self)
        self.session.scenarioEdited.connect(self._update_title)
        self._update_title()

    # -- size ------------------------------------------------------------------------------
    def resizeEvent(self, event):  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        if event.size().width() > event.oldSize().width() > 0:
            self._dock_timer.start()

    def restore_dock_widths(self) -> None:
        """Give the docks back their width when the window grows (Qt keeps them as narrow as a
        small window made them): each dock below its share of the width grows to it; a dock
        the user made wider stays."""
        docks = [self.controls_dock, self.side_dock]
        target = vm.dock_widths(self.width(), DOCK_MIN_WIDTHS, DOCK_WIDTHS)
        grow = [(d, t) for d, t in zip(docks, target, strict=True)
                if d.isVisible() and not d.isFloating() and d.width() < t]
        if grow:
            self.resizeDocks([d for d, _ in grow], [t for _, t in grow],
                             Qt.Orientation.Horizontal)

    # -- building ---------------------------------------------------------------------------
    def _build_analysis(self) -> None:
        """Curvature and stability: the "Analysis" side tab (its eigenvector overlay draws on
        the contour plot), the "Maps" centre tab, and View > Sharpness readout (off)."""
        self._add_lazy_tab(self.side_tabs, "Analysis", self._build_analysis_panel)
        self._add_lazy_tab(self.center_tabs, "Maps", self._build_maps)
        self.sharpness_action = QAction(translate(
            "MainWindow", "Sharpness readout (λ_max vs 2/lr)"), self,
                                        checkable=True)
        self.sharpness_action.setToolTip(translate(
            "MainWindow", "a third readout: the largest Hessian eigenvalue along each path "
                          "against the edge of stability 2/lr"))
        self.sharpness_action.toggled.connect(self.readouts.set_sharpness_visible)
        self.menus["view"].addAction(self.sharpness_action)

    def _build_step_mode_and_3d(self) -> None:
        self._add_lazy_tab(self.center_tabs, "3D", self._build_3d)
        self.narration_panel = NarrationPanel()
        self.add_side_tab(self.narration_panel, "Step")
        self.step_mode = StepMode(self.session, self.surface_view.plot, self.narration_panel,
                                  self.playback, parent=self)
        self.step_mode_action = self.step_mode.make_action(self)
        self.menus["view"].addSeparator()
        self.menus["view"].addAction(self.step_mode_action)
        self.addAction(self.step_mode_action)
        self.step_mode.toggled.connect(self._show_narration)

    # -- pages built on first use (their modules are imported then, not at start-up) ---------
    def _add_lazy_tab(self, tabs: QTabWidget, title: str, build) -> None:
        self._lazy[title] = LazyTab(tabs, title, build)

    def _page(self, title: str) -> QWidget:
        if title not in self._pages:
            self._lazy[title].get()
        return self._pages[title]

    def _build_analysis_panel(self):
        """Staged (:mod:`app.ui.lazy_tabs`): the import on another thread, then the panel's
        sections."""
        yield import_in_background("app.ui.analysis_panel")
        from app.ui.analysis_panel import AnalysisPanel

        panel = AnalysisPanel(self.session, self.surface_view.plot, staged=True)
        yield from panel.stages()
        yield
        self.add_side_tab(panel, "Analysis")

    def _build_maps(self):
        """Staged (:mod:`app.ui.lazy_tabs`): the import on another thread, then the view's
        parts, one turn each."""
        yield import_in_background("app.ui.maps_view")
        from app.ui.maps_view import MapsView

        view = MapsView(self.session, staged=True)
        yield from view.stages()
        yield
        self.add_center_tab(view, "Maps")

    def _build_3d(self):
        """Staged (:mod:`app.ui.lazy_tabs`): PyOpenGL imported on another thread, the probe,
        the view, its GL items (:func:`app.ui.view3d.build_3d_view`)."""
        yield import_in_background("app.ui.view3d")
        from app.ui.view3d import build_3d_view

        yield from build_3d_view(self.session, lambda view: self.add_center_tab(view, "3D"))

    def _build_netlab(self):
        """Staged (:mod:`app.ui.lazy_tabs`): the import, then the tab (its plots follow, one
        per turn)."""
        from app.ui.netlab_view import install_netlab_tab

        yield
        install_netlab_tab(self)  # (it adds its tab with add_center_tab)

    def _build_lr_range(self) -> None:
        from app.ui.lr_range_view import LrRangeView

        view = LrRangeView(self.session, lambda: self.netlab_view.config())
        self.add_center_tab(view, LR_RANGE_TAB)

    @property
    def lr_range_view(self):
        """The "LR range" tab (built on first use)."""
        return self._page(LR_RANGE_TAB)

    def _netlab_on_demand(self) -> None:
        """A network-lab scenario was opened: build the Network lab (staged; it shows
        itself)."""
        if self.session.scenario.netlab is not None and NETLAB_TAB in self._lazy:
            self._lazy[NETLAB_TAB].start()

    @property
    def analysis_panel(self):
        """The "Analysis" side tab (built on first use)."""
        return self._page("Analysis")

    @property
    def maps_view(self):
        """The "Maps" tab (built on first use)."""
        return self._page("Maps")

    @property
    def view3d(self):
        """The "3D" tab (built on first use)."""
        return self._page("3D")

    @property
    def netlab_view(self):
        """The "Network lab" tab (built on first use, the stages left at once; None when
        asked for from inside its own build)."""
        placeholder = self._lazy.get(NETLAB_TAB)
        if NETLAB_TAB not in self._pages and placeholder is not None:
            placeholder.get()
        return self._pages.get(NETLAB_TAB)

    @netlab_view.setter
    def netlab_view(self, view) -> None:  # (install_netlab_tab keeps its view here)
        self._pages[NETLAB_TAB] = view

    def _show_narration(self, on: bool) -> None:
        if on:
            self.side_dock.show()
            self.side_tabs.setCurrentWidget(self.narration_panel)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        if self._compiles_held:  # after the first paint: background compiles may start
            self._compiles_held = False
            QTimer.singleShot(0, compiled.release)

    def _dock(self, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(translate("tabs", title), self)
        dock.setObjectName(title.replace(" ", "") + "Dock")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, menu: QMenu, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            act.setToolTip(tip)
            act.setStatusTip(tip)
        act.triggered.connect(lambda _=False: slot())
        menu.addAction(act)
        self.addAction(act)  # shortcuts work while the menu bar is hidden too
        return act

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = self.menus["file"] = bar.addMenu(translate(
            "MainWindow", "&File"))
        self.open_action = self._action(file, translate(
            "MainWindow", "&Open scenario…"), self.open_scenario,
                                        QKeySequence.StandardKey.Open,
                                        translate(
                                            "MainWindow", "load a scenario (.toml) file"))
        self.save_action = self._action(file, translate(
            "MainWindow", "&Save scenario…"), self.save_scenario,
                                        QKeySequence.StandardKey.Save,
                                        translate(
                                            "MainWindow", "save the whole set-up as a scenario "
                                                          "file"))
        file.addSeparator()
        self._file_anchor = file.addSeparator()  # File > Export etc. go above this
        self.quit_action = self._action(file, translate(
            "MainWindow", "&Quit"), self.close,
                                        "Ctrl+Q")

        lessons = self.menus["lessons"] = bar.addMenu(translate(
            "MainWindow", "&Lessons"))
        lessons.setToolTipsVisible(True)
        lessons.aboutToShow.connect(self._fill_lessons_menu)
        self.gallery_action = self._action(lessons, translate(
            "MainWindow", "Lesson gallery…"), self.show_gallery,
                                           "Ctrl+L")
        lessons.addSeparator()
        # the lessons are read from their files when the menu first opens, not at start-up
        self._lesson_actions: dict[str, QAction] | None = None

        view = self.menus["view"] = bar.addMenu(translate(
            "MainWindow", "&View"))
        self._action(view, translate(
            "MainWindow", "&Reset view"), self.surface_view.reset_view, "Home",
                     translate(
                         "MainWindow", "show the scenario's window again"))
        view.addSeparator()
        view.addAction(self.controls_dock.toggleViewAction())
        view.addAction(self.side_dock.toggleViewAction())
        self.readouts_action = QAction(translate(
            "MainWindow", "Readouts (loss, |gradient|)"), self, checkable=True)
        self.readouts_action.setChecked(True)
        self.readouts_action.toggled.connect(self.readouts.setVisible)
        view.addAction(self.readouts_action)
        self.hover_overlay = HoverOverlay(self.session, self.surface_view, self)
        self.hover_action = self.hover_overlay.make_action(self)
        view.addAction(self.hover_action)
        view.addSeparator()
        self.language_menu = language_menu(self)
        view.addMenu(self.language_menu)

        play = self.menus["playback"] = bar.addMenu(translate(
            "MainWindow", "&Playback"))
        self.play_action = self._action(play, translate(
            "MainWindow", "Play / pause"), self.playback.toggle, "Space")
        self._action(play, translate(
            "MainWindow", "Step forward"), self.playback.step_forward, "Right")
        self._action(play, translate(
            "MainWindow", "Step back"), self.playback.step_back, "Left")
        self._action(play, translate(
            "MainWindow", "Reset to step 0"), self.playback.reset, "R")

        helpm = self.menus["help"] = bar.addMenu(translate(
            "MainWindow", "&Help"))
        self._action(helpm, translate(
            "MainWindow", "Mouse and keys"), lambda: QMessageBox.information(
            self, translate(
                "MainWindow", "Mouse and keys"), translate("MainWindow", KEYS_HELP)))
        self.about_action = self._action(helpm, translate(
            "MainWindow", "About {app_name}").format(app_name=APP_NAME), lambda: QMessageBox.about(
            self, translate(
                "MainWindow", "About {app_name}").format(app_name=APP_NAME), about_text()))

    def _fill_lessons_menu(self) -> None:
        """One action per lesson (again each time the menu opens: names follow the language)."""
        menu = self.menus["lessons"]
        for act in (self._lesson_actions or {}).values():
            menu.removeAction(act)
            act.deleteLater()
        self._lesson_actions = {}
        for entry in lesson_entries():
            act = menu.addAction(entry.menu_text)
            act.setToolTip(entry.line)
            act.setStatusTip(entry.line)
            act.triggered.connect(lambda _=False, n=entry.name: self.open_lesson(n))
            self._lesson_actions[entry.name] = act

    @property
    def lesson_actions(self) -> dict[str, QAction]:
        """The Lessons menu's lesson actions by scenario name (read on first use)."""
        if self._lesson_actions is None:
            self._fill_lessons_menu()
        return self._lesson_actions

    # -- extension points ---------------------------------------------------------------------
    def add_center_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab beside "Surface" (Maps, 3D, Network lab, ...); returns its index. A tab
        of that title not built yet is replaced in place."""
        return self._add_tab(self.center_tabs, widget, title)

    def add_side_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab beside "Lesson" on the right (e.g. Analysis); returns its index."""
        return self._add_tab(self.side_tabs, widget, title)

    def _add_tab(self, tabs: QTabWidget, widget: QWidget, title: str) -> int:
        self._pages[title] = widget
        placeholder = self._lazy.get(title)
        if placeholder is not None and placeholder.tabs is tabs:
            del self._lazy[title]
            return replace_placeholder(placeholder, widget)
        return tabs.addTab(widget, translate("tabs", title))

    def add_file_action(self, action: QAction) -> None:
        """Put an action in the File menu above Quit (e.g. File > Export…)."""
        self.menus["file"].insertAction(self._file_anchor, action)
        self.addAction(action)

    # -- scenarios ----------------------------------------------------------------------------
    def show_error(self, title: str, message: str) -> None:
        QMessageBox.critical(self, title, message)

    def set_scenario(self, scenario: Scenario, autoplay: bool = True) -> bool:
        """Show ``scenario``; on error a message box, and the current state stays."""
        try:
            self.session.set_scenario(scenario)
        except (ScenarioError, ValueError) as err:
            self.show_error(translate(
                "MainWindow", "Cannot use this scenario"), str(err))
            return False
        self.playback.pause()
        self.session.set_step(0)
        if autoplay and scenario.netlab is None:  # (a network-lab scenario trains instead)
            self.playback.play()
        return True

    def load_scenario(self, name_or_path: str, autoplay: bool = True) -> bool:
        try:
            scenario = scenario_mod.load(name_or_path)
        except (ScenarioError, ValueError, OSError) as err:
            self.show_error(translate(
                "MainWindow", "Cannot open scenario"), str(err))
            return False
        return self.set_scenario(scenario, autoplay)

    def open_scenario(self, path: str | None = None) -> bool:
        if not self.undo.maybe_save(QT_TRANSLATE_NOOP("Undo", "opening another scenario")):
            return False
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, translate(
                    "MainWindow", "Open scenario"), str(scenario_mod.SCENARIO_DIR),
                translate(
                    "MainWindow", "Scenarios (*.toml);;All files (*)"))
            if not path:
                return False
        return self.load_scenario(path)

    def save_scenario(self, path: str | None = None) -> bool:
        if path is None:
            start = self.session.scenario.name or "scenario"
            path, _ = QFileDialog.getSaveFileName(
                self, translate(
                    "MainWindow", "Save scenario"), str(Path.home() / f"{start}.toml"),
                translate(
                    "MainWindow", "Scenarios (*.toml)"))
            if not path:
                return False
        target = Path(path)
        if target.suffix != ".toml":
            target = target.with_suffix(".toml")
        # a lesson whose set-up was changed is not saved as if it described the new one
        scenario = lesson_state.for_saving(self.session.scenario, self.session.described)
        scenario = scenario.with_changes(name=target.stem)
        try:
            scenario_mod.save(scenario, target)
        except (OSError, ValueError) as err:
            reason = getattr(err, "strerror", None) or str(err)
            self.show_error(translate(
                "MainWindow", "Cannot save scenario"), f"{target}: {reason}")
            return False
        with self.undo.history.restoring():  # (a new name is not an edit to undo)
            self.session.rename(target.stem)
        self.undo.saved()
        self._update_title()
        self.statusBar().showMessage(translate(
            "MainWindow", "Saved {target}").format(target=target), 4000)
        return True

    def open_lesson(self, name: str) -> bool:
        if not self.undo.maybe_save(QT_TRANSLATE_NOOP("Undo", "opening another scenario")):
            return False
        ok = self.load_scenario(name)
        if ok:
            self.side_dock.show()
            self.side_tabs.setCurrentWidget(self.lesson_panel)
        return ok

    def show_gallery(self) -> None:
        dialog = LessonGallery(self)
        if dialog.exec() and dialog.chosen:
            self.open_lesson(dialog.chosen)

    def closeEvent(self, event):  # noqa: N802 (Qt name)
        """Close, Ctrl+Q: unsaved edits ask Save / Discard / Cancel first; then quit at once:
        playback stops and every job is cancelled (no wait for a long run)."""
        if not self.undo.maybe_save(QT_TRANSLATE_NOOP("Undo", "closing")):
            event.ignore()
            return
        self.closing.emit()
        self.playback.pause()
        self.runner.shutdown(timeout=QUIT_WAIT)
        super().closeEvent(event)

    def _update_title(self) -> None:
        s = self.session.scenario
        name = s.name or "untitled"
        title = s.lesson.localized().title
        lesson = f" — {s.lesson.tag}: {title}" if title else ""
        if lesson and self.session.lesson_changes():
            lesson += translate(
                "MainWindow", " (set-up changed)")
        # [*]: Qt shows "*" there while the window is modified (unsaved edits)
        self.setWindowTitle(f"{APP_NAME} — {name}[*]{lesson}")


def _app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        # pyqtgraph compiles its 3D shaders once per process: share GL contexts
        QApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
        app = QApplication(sys.argv[:1])
        app.setApplicationName(APP_NAME)  # also the X11 WM_CLASS the desktop entry matches
        app.setOrganizationName("Descent Lab")
        app.setDesktopFileName(APP_ID)  # Wayland app id: the menu entry of install-desktop
        app.setWindowIcon(app_icon())
    theme.apply(app)
    return app


def initial_scenario(scenario: str | None = None) -> tuple[Scenario | None, str]:
    """``scenario`` loaded (default: the tour); falls back to the tour with a message
    (``None``: not even the tour loads; the session's own default is used)."""
    name = scenario or scenario_mod.DEFAULT_SCENARIO
    try:
        return scenario_mod.load(name), ""
    except (ScenarioError, ValueError, OSError) as err:
        if name == scenario_mod.DEFAULT_SCENARIO:
            return None, str(err)
        return scenario_mod.load(scenario_mod.DEFAULT_SCENARIO), str(err)


def initial_session(scenario: str | None = None) -> tuple[Session, str]:
    """A session on ``scenario`` (default: the tour), computed before it returns; falls back
    to the tour with a message."""
    loaded, error = initial_scenario(scenario)
    return Session(loaded), error


def leave_now(code: int) -> None:
    """End the process at once after the window closed: settings and output are flushed, and
    nothing waits for a worker thread or for the interpreter to take every widget apart (a
    long run's job was cancelled when the window closed)."""
    QSettings().sync()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def launch(scenario: str | None = None, autoplay: bool = True, lang: str | None = None) -> int:
    """Create the application, open ``scenario`` (default: the tour), show, run the loop.

    The window opens playing (a moving picture, not an empty canvas), in ``lang`` (default:
    View > Language's remembered choice, else the system locale)."""
    app = _app()
    apply_language(app, choose_language(lang))
    loaded, error = initial_scenario(scenario)
    window = MainWindow()  # its runner computes the scenario in a worker thread
    if loaded is not None:
        window.set_scenario(loaded, autoplay=False)
    window.show()
    if error:
        QTimer.singleShot(0, lambda: window.show_error(translate(
            "MainWindow", "Cannot open scenario"), error))
    if autoplay:
        QTimer.singleShot(0, window.playback.play)
    return app.exec()
