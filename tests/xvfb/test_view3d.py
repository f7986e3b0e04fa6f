"""The 3D view under a real X display (Xvfb + Mesa llvmpipe): it builds, renders the surface and
the paths in the racers' colours, and follows the playhead.

Run on its own: ``xvfb-run -a .venv/bin/python -m pytest tests/xvfb`` (see conftest.py).
Set ``DESCENT_LAB_SCREENSHOTS=1`` to also write assets/screenshots/view3d.png.
"""

import os
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("OpenGL", reason="the 3D view needs PyOpenGL")

from PySide6.QtGui import QColor, QGuiApplication, QImage  # noqa: E402

from app.scenario import Racer, Scenario  # noqa: E402
from app.ui import theme  # noqa: E402
from app.ui.session import Session  # noqa: E402
from app.ui.view3d import (  # noqa: E402
    GLUnavailableWidget,
    SurfaceView3D,
    gl_unavailable_reason,
    heads,
    make_3d_view,
    path_segments,
)

pytestmark = pytest.mark.filterwarnings("error")

ROOT = Path(__file__).resolve().parents[2]
RED = "#ff1e1e"  # viridis has no red: red pixels can only be the path


def _scenario(**changes):
    base = Scenario(
        surface="rosenbrock", starts=((-1.5, 2.0), (-0.5, -0.5)), steps=300,
        racers=(Racer("adam", {"lr": 0.05}, color=RED, label="Adam, lr 0.05"),
                Racer("momentum", {"lr": 5e-4}, color="#56B4E9", label="Momentum")))
    return base.with_changes(**changes)


@pytest.fixture
def session(qapp):
    theme.apply(qapp)
    return Session(_scenario())


@pytest.fixture
def view(session, qtbot):
    assert QGuiApplication.platformName() == "xcb"
    assert gl_unavailable_reason() is None
    w = make_3d_view(session)
    assert isinstance(w, SurfaceView3D), getattr(w, "reason", "")
    qtbot.addWidget(w)
    w.resize(800, 600)
    w.show()
    qtbot.waitExposed(w)
    return w


def _pixels(view) -> np.ndarray:
    """The rendered GL framebuffer as an (h, w, 3) uint8 array."""
    img = view.grab_image().convertToFormat(QImage.Format.Format_RGB888)
    w, h = img.width(), img.height()
    raw = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.sizeInBytes())
    return raw.reshape(h, img.bytesPerLine())[:, : 3 * w].reshape(h, w, 3).copy()


def not_background_mask(px: np.ndarray, bg: np.ndarray) -> np.ndarray:
    return np.abs(px.astype(int) - bg).sum(axis=-1) > 40


def _red(px: np.ndarray) -> np.ndarray:
    return (px[..., 0] > 200) & (px[..., 1] < 90) & (px[..., 2] < 90)


def test_renders_the_surface_and_the_paths(view, session):
    session.set_step(200)
    px = _pixels(view)
    assert px.shape[0] > 300 and px.shape[1] > 400
    bg = np.array(QColor(theme.COLORS["plot_bg"]).getRgb()[:3])
    not_background = not_background_mask(px, bg).mean()
    assert not_background > 0.25, f"only {not_background:.0%} of the picture is drawn"
    # the surface's colours span the colormap (dark valley to bright walls)
    lum = px.astype(float).mean(axis=-1)[not_background_mask(px, bg)]
    assert np.percentile(lum, 99) - np.percentile(lum, 1) > 60
    # the red racer's path is drawn in its colour
    assert _red(px).sum() > 40
    # ... and nothing else is red: without that racer no red pixel is left
    session.update_racer(0, enabled=False)
    assert _red(_pixels(view)).sum() == 0


def test_follows_the_playhead(view, session):
    runs = session.runs
    session.set_step(0)
    assert view.path_positions(0).shape == (0, 3)
    start_heads = view.head_positions(0)
    assert start_heads.shape == (2, 3)
    image0 = _pixels(view)
    for k in (1, 10, 120):
        session.set_step(k)
        for i, run in enumerate(runs):
            t = run.trajectories
            expected = path_segments(t.points, t.loss, k, view.scale)
            np.testing.assert_array_equal(view.path_positions(i), expected)
            np.testing.assert_array_equal(view.head_positions(i),
                                          heads(t.points, t.loss, k, view.scale))
        assert view.path_positions(0).shape[0] == 2 * 2 * k  # every segment inside the window
    assert not np.array_equal(view.head_positions(0), start_heads)
    assert (np.abs(_pixels(view).astype(int) - image0).sum(axis=-1) > 0).sum() > 100
    # the heads sit on the engine's points, at the engine's loss
    t = runs[0].trajectories
    xy = view.scale.xy(t.points[120])
    np.testing.assert_allclose(view.head_positions(0)[:, :2], xy, rtol=1e-6, atol=1e-6)


def test_hidden_view_catches_up_when_shown(view, session, qtbot):
    session.set_step(5)
    view.hide()
    session.set_step(60)
    assert view._stale
    view.show()
    qtbot.waitExposed(view)
    assert not view._stale
    assert view.path_positions(0).shape[0] == 2 * 2 * 60


def test_height_modes_and_surface_changes(view, session):
    assert view.scale.log  # auto: Rosenbrock's values span many decades
    view.set_height_mode("linear")
    assert not view.scale.log and view.height_box.currentText() == "linear"
    assert view.heights.min() >= 0 and view.heights.max() <= 0.9 + 1e-12
    view.set_height_mode("log")
    assert view.scale.log
    with pytest.raises(ValueError):
        view.set_height_mode("cubic")
    view.set_height_mode("auto")
    session.set_surface("quadratic")
    assert not view.scale.log  # a bowl stays a bowl
    session.add_start(1.0, 1.0)
    session.set_step(20)
    assert view.path_positions(0).shape[0] > 0
    assert _red(_pixels(view)).sum() > 10


def test_two_views_share_opengl(session, qtbot):
    """With shared contexts (conftest) a second view renders too (pyqtgraph's shaders are
    compiled once per process)."""
    views = []
    for _ in range(2):
        w = make_3d_view(session)
        assert isinstance(w, SurfaceView3D)
        qtbot.addWidget(w)
        w.resize(400, 300)
        w.show()
        qtbot.waitExposed(w)
        views.append(w)
    session.set_step(100)
    for w in views:
        assert _red(_pixels(w)).sum() > 10


_UNSHARED = """
import sys
import numpy as np
from PySide6.QtCore import QEvent
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
app = QApplication([])  # no AA_ShareOpenGLContexts: as an app that did not set it
from app.scenario import Racer, Scenario
from app.ui.session import Session
from app.ui.view3d import GLUnavailableWidget, SurfaceView3D, make_3d_view

session = Session(Scenario(surface="quadratic", starts=((-1.5, 1.0),), steps=50,
                           racers=(Racer("gd", {"lr": 0.02}, color="#ff1e1e"),)))
def red_pixels(w):
    img = w.grab_image().convertToFormat(QImage.Format.Format_RGB888)
    raw = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes())
    px = raw.reshape(img.height(), img.bytesPerLine())[:, :3 * img.width()]
    px = px.reshape(img.height(), img.width(), 3).astype(int)
    return int(((px[..., 0] > 200) & (px[..., 1] < 90) & (px[..., 2] < 90)).sum())

session.set_step(40)
w = make_3d_view(session)
assert isinstance(w, SurfaceView3D), w.reason
w.resize(400, 300); w.show()
for _ in range(5): app.processEvents()
assert red_pixels(w) > 10
# a second view would draw with shaders compiled in the first view's context: a clear message
# instead of a view full of GL errors, also once the first is gone
second = make_3d_view(session)
assert isinstance(second, GLUnavailableWidget) and "shared" in second.reason
w.close(); w.deleteLater()
app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
assert isinstance(make_3d_view(session), GLUnavailableWidget)
print("ok")
"""


def test_without_shared_contexts_one_view_per_process():
    """An app that did not set AA_ShareOpenGLContexts gets one working 3D view, then messages
    (checked in a fresh interpreter: the attribute is per process)."""
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    out = subprocess.run([sys.executable, "-c", _UNSHARED], capture_output=True, text=True,
                         cwd=ROOT, env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.strip().endswith("ok")
    assert "GLError" not in out.stderr and "Error while drawing" not in out.stderr


def test_message_widget_is_a_plain_widget(qtbot):
    w = GLUnavailableWidget("testing")
    qtbot.addWidget(w)
    assert "OpenGL" in w.message and w.reason == "testing"


@pytest.mark.skipif(not os.environ.get("DESCENT_LAB_SCREENSHOTS"),
                    reason="set DESCENT_LAB_SCREENSHOTS=1 to write the screenshot")
def test_write_screenshot(qapp, qtbot):
    theme.apply(qapp)
    session = Session(Scenario(
        surface="rosenbrock", starts=((-1.5, 2.0), (-1.2, -0.5)), steps=600,
        racers=(Racer("gd", {"lr": 0.001}, color="#E69F00", label="GD, lr 0.001"),
                Racer("momentum", {"lr": 0.0002}, color="#FFFFFF",
                      label="Momentum 0.9, lr 0.0002"),
                Racer("adam", {"lr": 0.02}, color="#FF3030", label="Adam, lr 0.02"))))
    w = make_3d_view(session)
    qtbot.addWidget(w)
    w.resize(960, 680)
    w.show()
    qtbot.waitExposed(w)
    session.set_step(400)
    qapp.processEvents()
    out = ROOT / "assets" / "screenshots" / "view3d.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    assert w.grab().save(str(out))


def test_staged_build_warms_opengl_off_the_window_thread(session, qtbot, monkeypatch):
    """The lazy tab's build (app.ui.view3d.build_3d_view): PyOpenGL's import and the driver's
    start run on another thread; the view is handed over without its GL items, which come one
    kind per later event-loop turn; the finished view draws the same paths."""
    import threading

    from PySide6.QtWidgets import QTabWidget, QWidget

    from app.ui import view3d
    from app.ui.idle import idle_queue
    from app.ui.lazy_tabs import LazyTab

    warmed = []
    original = view3d._warm_up_gl
    monkeypatch.setattr(view3d, "_warm_up_gl",
                        lambda: (warmed.append(threading.get_ident()), original())[1])
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    tabs.addTab(QWidget(), "Surface")
    added = []

    def add(view):
        added.append((view, view.attached, idle_queue().turns))
        from app.ui.lazy_tabs import replace_placeholder
        replace_placeholder(placeholder, view)

    placeholder = LazyTab(tabs, "3D", lambda: view3d.build_3d_view(session, add))
    tabs.resize(800, 600)
    tabs.show()
    qtbot.waitExposed(tabs)
    tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: bool(added) and added[0][0].attached, timeout=20_000)
    view, attached_when_added, turn_added = added[0]
    assert warmed and threading.get_ident() not in warmed
    assert not attached_when_added and idle_queue().turns >= turn_added + 3
    session.set_step(200)
    assert view.path_positions(0).shape[0] > 0 and tabs.currentWidget() is view
