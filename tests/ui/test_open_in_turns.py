"""Opening a tab never stalls the window (issue 14): its page is built over several event-loop
turns (:mod:`app.ui.lazy_tabs`), and the numbers it shows are made off the window's thread.
The tests prove the mechanism (which turn made which part, which thread coloured a map), not a
time."""

import threading

import pyqtgraph as pg
import pytest
import shiboken6

from app.ui import maps_view
from app.ui.idle import idle_queue
from app.ui.lazy_tabs import LazyTab
from app.ui.maps_view import HYPER, MapsView

pytestmark = pytest.mark.filterwarnings("error")


def _record_turns(monkeypatch, made: list, *names: str) -> None:
    """Note the event-loop turn in which each of pyqtgraph's ``names`` is constructed."""
    for name in names:
        cls = getattr(pg, name)

        def init(self, *args, _cls=cls, _name=name, **kwargs):
            made.append((_name, idle_queue().turns))
            _cls.__init__(self, *args, **kwargs)

        monkeypatch.setattr(pg, name, type(name, (cls,), {"__init__": init}))


def _open(tabs, title):
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == title)
    placeholder = tabs.widget(index)
    assert isinstance(placeholder, LazyTab)
    tabs.setCurrentIndex(index)
    return placeholder


def test_opening_maps_builds_the_page_over_several_turns(window, qtbot, monkeypatch):
    made: list = []
    _record_turns(monkeypatch, made, "PlotWidget", "ColorBarItem")
    tabs = window.center_tabs
    first = idle_queue().turns
    placeholder = _open(tabs, "Maps")
    # the click's own turn built nothing: the placeholder shows, the build is under way
    assert made == [] and tabs.currentWidget() is placeholder and placeholder.building
    qtbot.waitUntil(lambda: isinstance(tabs.currentWidget(), MapsView), timeout=10_000)
    done = idle_queue().turns
    turn_of = dict(made)
    assert set(turn_of) == {"PlotWidget", "ColorBarItem"}
    assert first < turn_of["PlotWidget"] < turn_of["ColorBarItem"] < done  # one part a turn
    assert done - first >= 4  # import, controls, plot, plot items, the rest


def test_asking_for_the_page_finishes_a_staged_build_at_once(window):
    tabs = window.center_tabs
    placeholder = _open(tabs, "Maps")
    assert placeholder.building
    view = window.maps_view  # code that needs the page gets it built, current as asked
    assert isinstance(view, MapsView) and tabs.currentWidget() is view
    assert not placeholder.building


def test_a_map_is_coloured_off_the_window_thread(window, qtbot, monkeypatch):
    threads = []
    original = maps_view.hyper_rgba

    def spy(m):
        threads.append(threading.get_ident())
        return original(m)

    monkeypatch.setattr(maps_view, "hyper_rgba", spy)
    view = window.maps_view
    view.auto_compute = False
    view.set_resolution(16)
    view.set_steps(50)
    window.center_tabs.setCurrentWidget(view)
    with qtbot.waitSignal(view.mapReady, timeout=20_000):
        view.compute(HYPER)
    assert view.image_rgba is not None and view.image_rgba.shape == (16, 16, 4)
    assert threads and threading.get_ident() not in threads  # the job coloured it; shown as is
    assert len(threads) == 1


def test_opening_analysis_builds_one_section_a_turn(window, qtbot, monkeypatch):
    from app.ui.analysis_panel import AnalysisPanel

    made: list = []
    for name in ("_build_stability", "_build_curvature", "_build_taylor", "_build_adaptive",
                 "_build_optimal"):
        original = getattr(AnalysisPanel, name)

        def build(self, *args, _original=original, _name=name):
            made.append((_name, idle_queue().turns))
            return _original(self, *args)

        monkeypatch.setattr(AnalysisPanel, name, build)
    tabs = window.side_tabs
    placeholder = _open(tabs, "Analysis")
    assert made == [] and placeholder.building
    qtbot.waitUntil(lambda: isinstance(tabs.currentWidget(), AnalysisPanel), timeout=10_000)
    turn_of = dict(made)
    order = [turn_of[n] for n in ("_build_stability", "_build_curvature", "_build_taylor",
                                  "_build_adaptive", "_build_optimal")]
    assert order == sorted(set(order))  # five sections, five turns, in order
    panel = tabs.currentWidget()
    assert panel.report is not None  # shown, it reports like a panel built at once


def test_a_window_deleted_while_its_tab_builds_drops_the_rest_of_the_build(qtbot):
    """A staged build whose tabs are deleted (the window closed meanwhile) never runs again:
    its stages would touch deleted Qt objects ("Signal source has been deleted")."""
    from PySide6.QtWidgets import QLabel, QTabWidget

    tabs = QTabWidget()
    ran: list[int] = []

    def build():
        for stage in range(3):
            ran.append(stage)
            yield
        tabs.addTab(QLabel("page"), "page")

    placeholder = LazyTab(tabs, "Staged", build)
    tabs.addTab(QLabel("first"), "first")
    placeholder.start()
    queue = idle_queue()
    assert queue.pending(placeholder) == 1 and ran == []  # its first stage waits for a turn
    turns = queue.turns
    shiboken6.delete(tabs)  # the placeholder, its child, goes with it
    assert queue.pending(placeholder) == 0
    qtbot.wait(50)  # later turns of the loop run nothing of the deleted build
    assert ran == [] and queue.turns == turns


@pytest.mark.parametrize("window_closes", [False, True])
def test_stages_after_the_page_is_handed_over_run_unless_the_window_is_deleted(qtbot,
                                                                                window_closes):
    """A build may hand its page over and add parts in later turns (the 3D tab): those stages
    run, and the placeholder goes when they are done; the tabs' deletion drops them."""
    from concurrent.futures import Future

    from PySide6.QtWidgets import QLabel, QTabWidget

    from app.ui.lazy_tabs import replace_placeholder

    tabs = QTabWidget()
    ran: list[str] = []
    gate: Future = Future()  # background work the last stage waits for (the 3D tab's GL start)

    def build():
        yield
        replace_placeholder(placeholder, QLabel("page"))
        ran.append("handed over")
        yield gate
        ran.append("parts added")

    placeholder = LazyTab(tabs, "Staged", build)
    placeholder.start()
    qtbot.waitUntil(lambda: ran == ["handed over"], timeout=5_000)
    assert placeholder.building and shiboken6.isValid(placeholder)
    if window_closes:
        shiboken6.delete(tabs)
        gate.set_result(None)
        qtbot.wait(50)
        assert ran == ["handed over"] and idle_queue().pending() == 0
    else:
        gate.set_result(None)
        qtbot.waitUntil(lambda: not shiboken6.isValid(placeholder), timeout=5_000)
        assert ran == ["handed over", "parts added"] and tabs.widget(0).text() == "page"
        shiboken6.delete(tabs)
