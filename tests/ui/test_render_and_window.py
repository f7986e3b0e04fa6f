"""Offscreen frame rendering for export; menus, window size and extension points."""

import numpy as np
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from app.ui.render import FrameRenderer, render_frame


def _pixels(image):
    ptr = image.constBits()
    arr = np.frombuffer(ptr, dtype=np.uint8, count=image.sizeInBytes())
    return arr.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]


def test_render_frame_offscreen_does_not_move_the_playhead(window, session):
    session.set_step(3)
    image = render_frame(session, 40, (640, 480), include_readouts=True)
    assert (image.width(), image.height()) == (640, 480)
    px = _pixels(image)
    assert px.std() > 20  # a picture, not a blank
    assert session.step == 3
    small = render_frame(session, 40, (320, 240), include_readouts=False)
    assert (small.width(), small.height()) == (320, 240)


def test_frame_renderer_shows_the_given_step(window, session):
    r = FrameRenderer(session, (400, 300), include_readouts=False)
    try:
        a = _pixels(r.render(0)).copy()
        b = _pixels(r.render(session.steps)).copy()
        assert len(r.surface_view.path_data(0)[0]) == session.steps + 1
        assert not np.array_equal(a, b)
    finally:
        r.close()


def test_window_menus_and_size(window):
    assert window.width() >= 1200 and window.height() >= 800
    titles = [m.title().replace("&", "") for m in window.menuBar().findChildren(type(
        window.menus["file"])) if m.title()]
    for t in ("File", "Lessons", "View", "Playback", "Help"):
        assert t in titles
    keys = {a.text().replace("&", ""): a.shortcut().toString() for a in window.actions()}
    assert keys["Open scenario…"] == "Ctrl+O"
    assert keys["Save scenario…"] == "Ctrl+S"
    assert keys["Quit"] == "Ctrl+Q"


def test_extension_points(window):
    i = window.add_center_tab(QLabel("maps"), "Maps")
    assert window.center_tabs.tabText(i) == "Maps"
    j = window.add_side_tab(QLabel("analysis"), "Analysis")
    assert window.side_tabs.tabText(j) == "Analysis"
    export = QAction("Export…", window)
    window.add_file_action(export)
    acts = window.menus["file"].actions()
    assert acts.index(export) < acts.index(window.quit_action)


def test_view_toggles(window):
    window.readouts_action.setChecked(False)
    assert not window.readouts.isVisible()
    window.readouts_action.setChecked(True)
    assert window.readouts.isVisible()
    window.controls_dock.toggleViewAction().trigger()
    assert not window.controls_dock.isVisible()


def test_launch_opens_the_default_scenario_playing(themed_app, monkeypatch, qtbot):
    from PySide6.QtWidgets import QApplication

    from app.ui import main_window

    seen = {}

    def fake_exec():
        w = next(x for x in QApplication.topLevelWidgets()
                 if isinstance(x, main_window.MainWindow) and x.isVisible())
        qtbot.waitUntil(lambda: w.playback.playing, timeout=2000)
        qtbot.waitUntil(lambda: w.session.step > 0, timeout=3000)
        seen["name"] = w.session.scenario.name
        seen["size"] = (w.width(), w.height())
        w.playback.pause()
        w.close()
        w.deleteLater()
        return 0

    monkeypatch.setattr(themed_app, "exec", fake_exec)
    assert main_window.launch() == 0
    assert seen["name"] == "default" and seen["size"] == (1400, 900)


def test_launch_with_a_bad_scenario_falls_back_to_the_tour(tmp_path):
    from app.ui.main_window import initial_session

    bad = tmp_path / "bad.toml"
    bad.write_text("this is not toml [")
    session, error = initial_session(str(bad))
    assert session.scenario.name == "default" and "bad.toml" in error
