"""UI test fixtures: the real MainWindow, offscreen (tests/conftest.py sets the platform)."""

import gc
import threading

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app import engine
from app.ui import theme


@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch):
    """Message boxes would block offscreen: record them instead."""
    shown = []

    def record(kind):
        def show(parent, title, text, *args, **kwargs):
            shown.append((kind, title, text))
            return QMessageBox.StandardButton.Ok
        return show

    for kind in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(record("about")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: pytest.fail("unexpected open dialog")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: pytest.fail("unexpected save dialog")))
    return shown


@pytest.fixture(scope="session")
def themed_app(qapp):
    theme.apply(qapp)
    return qapp


def _free(w, app) -> None:
    """Free a window now (pyqtgraph's menus and plots would otherwise pile up between tests)."""
    w.playback.pause()
    w.close()
    w.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


@pytest.fixture
def window(themed_app, qtbot):
    """The window with an inline job runner: every edit has finished computing when it returns
    (the threaded runner's own tests use ``threaded_window``)."""
    from app.jobs import InlineRunner
    from app.ui.main_window import MainWindow

    w = MainWindow(runner=InlineRunner())
    assert w.load_scenario("default", autoplay=False)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    yield w
    _free(w, themed_app)


@pytest.fixture(scope="module")
def module_window(themed_app):
    """One window for a whole test module (each test sets its own scenario): cheap."""
    from app.jobs import InlineRunner
    from app.ui.main_window import MainWindow

    w = MainWindow(runner=InlineRunner())
    w.show()
    yield w
    _free(w, themed_app)


@pytest.fixture
def threaded_window(themed_app, qtbot):
    """The window as the user gets it: the engine runs in worker threads."""
    from app.ui.main_window import MainWindow

    w = MainWindow()
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.runner.shutdown(timeout=10)
    _free(w, themed_app)


@pytest.fixture
def session(window):
    return window.session


@pytest.fixture
def spy(monkeypatch):
    """The thread of every ``engine.Run.advance``."""
    threads = []
    original = engine.Run.advance

    def advance(run, n=None):
        threads.append(threading.get_ident())
        return original(run, n)

    monkeypatch.setattr(engine.Run, "advance", advance)
    return threads
