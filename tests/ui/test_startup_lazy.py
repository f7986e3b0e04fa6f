"""Start-up imports only what the first screen needs (issue 16): the Maps, 3D and Network lab
tabs, the Analysis tab and the export dialog are imported and built when first used, and the
heavy optional libraries stay out of a fresh interpreter after the main window is shown."""

import json
import os
import subprocess
import sys
from pathlib import Path

from app.ui import netlab_view
from app.ui.lazy_tabs import LazyTab
from app.ui.main_window import CENTER_MIN_WIDTH, NETLAB_TAB

ROOT = Path(__file__).resolve().parents[2]

#: modules the first screen must not import (each is loaded when its feature is first used)
LAZY = ("sympy", "scipy", "numba", "pyqtgraph.opengl", "OpenGL", "app.ui.netlab_view",
        "app.ui.maps_view", "app.ui.view3d", "app.ui.export_dialog", "app.ui.analysis_panel",
        "app.export", "app.figures")

CHILD = r"""
import json, sys
from app.ui import main_window
app = main_window._app()
session, _ = main_window.initial_session("default")
window = main_window.MainWindow(session)
window.show()
for _ in range(5):
    app.processEvents()
first = {m: m in sys.modules for m in json.loads(sys.argv[1])}
window.center_tabs.setCurrentWidget(window.maps_view)
app.processEvents()
print(json.dumps({"first": first, "maps": "app.ui.maps_view" in sys.modules,
                  "current": window.center_tabs.currentWidget() is window.maps_view}))
"""


def test_the_first_screen_imports_no_heavy_module():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", CHILD, json.dumps(LAZY)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert [m for m, loaded in result["first"].items() if loaded] == []
    assert result["maps"] and result["current"]  # asked for: imported and shown


def test_tabs_are_placeholders_until_opened_then_work(window, qtbot):
    tabs = window.center_tabs
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert titles == ["Surface", "Maps", "3D", NETLAB_TAB, "LR range"]
    assert NETLAB_TAB == netlab_view.TAB_TITLE
    assert all(isinstance(tabs.widget(i), LazyTab) for i in (1, 2, 3, 4))

    tabs.setCurrentIndex(1)  # the user opens "Maps": built in place and shown
    maps = window.maps_view
    assert tabs.currentWidget() is maps and tabs.indexOf(maps) == 1
    assert type(maps).__name__ == "MapsView"
    assert maps.session is window.session
    assert isinstance(tabs.widget(2), LazyTab)  # opening one tab builds no other
    assert [tabs.tabText(i) for i in range(tabs.count())] == titles

    side = window.side_tabs
    index = next(i for i in range(side.count()) if side.tabText(i) == "Analysis")
    side.setCurrentIndex(index)
    panel = window.analysis_panel
    assert side.currentWidget() is panel and side.indexOf(panel) == index
    window.session.set_step(3)
    panel.refresh()
    assert panel.report is not None  # it follows the session like an eager panel

    assert window.view3d is tabs.widget(2)  # asked for by code: built, not made current
    assert tabs.currentWidget() is maps
    # the centre was held open for the pages built late: each fits it
    assert all(tabs.widget(i).minimumSizeHint().width() <= CENTER_MIN_WIDTH for i in range(3))


def test_export_actions_import_the_dialog_on_first_use(window, qtbot):
    actions = window.export_actions
    assert actions.export.shortcut().toString() == "Ctrl+E"
    dialog = actions.open_dialog()
    qtbot.addWidget(dialog)
    assert type(dialog).__name__ == "ExportDialog" and dialog.isVisible()
    dialog.close()


def test_a_network_lab_scenario_builds_its_tab(window, qtbot):
    assert isinstance(window.center_tabs.widget(3), LazyTab)
    assert window.load_scenario("netlab_p1_seed000", autoplay=False)
    qtbot.waitUntil(lambda: window.center_tabs.currentWidget() is window.netlab_view,
                    timeout=10_000)
    assert window.netlab_view.model is not None
    assert window.netlab_view.minimumSizeHint().width() <= CENTER_MIN_WIDTH


def test_the_lessons_menu_reads_its_lessons_when_first_opened(window, qtbot):
    assert window._lesson_actions is None  # no lesson file read for the first screen
    assert window.gallery_action.shortcut().toString() == "Ctrl+L"
    menu = window.menus["lessons"]
    menu.aboutToShow.emit()
    names = list(window.lesson_actions)
    assert "p1_divergence" in names
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[0] == window.gallery_action.text()
    menu.aboutToShow.emit()  # opened again: the same lessons, not twice
    assert [a.text() for a in menu.actions() if a.text()] == texts
