"""Step-by-step mode (offscreen): the arrows and the words show the engine's numbers.

Also: the 3D tab's factory gives the message widget here, since offscreen Qt has no OpenGL (the
3D view itself is tested under Xvfb, in tests/xvfb).
"""

import re

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.engine import iterate
from app.scenario import Racer, Scenario
from app.stepwise import format_vector
from app.ui.narration_panel import NarrationPanel
from app.ui.session import Session
from app.ui.step_overlay import StepMode
from app.ui.surface_view import SurfaceView

pytestmark = pytest.mark.filterwarnings("error")

#: one racer per optimizer family / option (noise on: the drawn gradient must include it)
FAMILY_RACERS = (
    Racer("gd", {"lr": 0.002}, color="#E69F00"),
    Racer("momentum", {"lr": 0.001, "momentum": 0.8}, color="#56B4E9"),
    Racer("nesterov", {"lr": 0.001}, color="#009E73"),
    Racer("sgd", {"lr": 0.001, "momentum": 0.7, "dampening": 0.2, "weight_decay": 0.1},
          color="#F0E442"),
    Racer("adagrad", {"lr": 0.2}, color="#0072B2"),
    Racer("adagrad_rms", {"lr": 0.05}, color="#D55E00"),
    Racer("rmsprop", {"lr": 0.01, "centered": True, "momentum": 0.5}, color="#CC79A7"),
    Racer("adam", {"lr": 0.05, "amsgrad": True}, color="#FFFFFF"),
    Racer("adam", {"lr": 0.05, "bias_correction": False}, color="#E69F00"),
    Racer("adamw", {"lr": 0.05, "weight_decay": 0.1}, color="#56B4E9"),
    Racer("nadam", {"lr": 0.05}, color="#009E73"),
)


def _mode_of(window):
    """The window's step mode if MainWindow wires one, else one wired as MainWindow would."""
    mode = getattr(window, "step_mode", None)
    if mode is not None:
        return mode, mode.panel
    panel = NarrationPanel()
    window.add_side_tab(panel, "Step")
    mode = StepMode(window.session, window.surface_view.plot, panel, window.playback,
                    parent=window)
    action = mode.make_action(window)
    window.menus["view"].addAction(action)
    window.addAction(action)
    return mode, panel


def _engine(session, racer_index, start_index, k):
    """The engine's own numbers for update k: (point, gradient used, state after, move)."""
    racer = session.scenario.racers[racer_index]
    opt, sched = racer.build()
    noise = session.scenario.noise_for(racer)
    starts = np.array(session.scenario.starts)
    steps = list(iterate(session.surface, opt, starts, k + 1, sched, noise))
    g = steps[k].grad
    if noise is not None:
        g = g + noise.sample(k, g.shape)
    traj = session.runs[racer_index].trajectories
    move = traj.points[k + 1, start_index] - traj.points[k, start_index]
    return traj.points[k, start_index], g[start_index], steps[k + 1].state, move


def _drawn_vector(overlay, name):
    """(start, vector) of a drawn arrow, the scale divided out."""
    x, y = overlay.arrow_data(name)
    assert x.size == 2, f"{name} arrow not drawn"
    scale = overlay.geometry.arrow(name).scale
    start = np.array([x[0], y[0]])
    return start, (np.array([x[1], y[1]]) - start) / scale


def _check_overlay_against_engine(session, mode, panel, k):
    i = session.selected
    point, g, state, move = _engine(session, i, mode.start_index, k)
    e = mode.explanation
    assert e is not None and e.step == k
    # the explanation holds the engine's numbers exactly
    assert np.array_equal(e.point, point)
    assert np.array_equal(e.gradient, g)
    assert np.array_equal(e.update, move)
    buffer = getattr(state, "momentum_buffer", None)
    buffer = buffer if buffer is not None else getattr(state, "exp_avg", None)
    if buffer is None:
        assert e.velocity is None
    else:
        assert np.array_equal(e.velocity, buffer[mode.start_index])
    # the arrows draw them: scale divided out, equal to the last bits a float multiply allows
    start, grad = _drawn_vector(mode.overlay, "gradient")
    assert np.array_equal(start, point)
    np.testing.assert_allclose(grad, -g, rtol=1e-12, atol=0)
    _, upd = _drawn_vector(mode.overlay, "update")
    np.testing.assert_allclose(upd, move, rtol=1e-9, atol=1e-15)
    if e.velocity is None:
        assert mode.overlay.arrow_data("velocity")[0].size == 0
    else:
        _, vel = _drawn_vector(mode.overlay, "velocity")
        np.testing.assert_allclose(vel, -e.velocity, rtol=1e-12, atol=0)
    bx, by = mode.overlay.box_data()
    if e.sigma is None:
        assert bx.size == 0
    else:
        scale = mode.overlay.geometry.box_scale
        half = np.array([bx.max() - bx.min(), by.max() - by.min()]) / 2 / scale
        np.testing.assert_allclose(half, e.sigma, rtol=1e-9)
    # the panel writes the same numbers
    text = panel.plain_text()
    assert f"move {format_vector(move)}" in text
    assert format_vector(g) in text
    if e.velocity is not None:
        assert format_vector(e.velocity) in text
    if e.sigma is not None:
        assert format_vector(e.sigma) in text
    labels = mode.overlay.legend_labels()
    assert any(label.startswith("−gradient (") for label in labels)
    assert any(label.startswith("update (") for label in labels)


def test_toggle_pauses_and_draws_the_engines_numbers(window, session, qtbot):
    mode, panel = _mode_of(window)
    window.playback.play()
    assert window.playback.playing
    qtbot.keyClick(window, Qt.Key.Key_S)
    assert mode.enabled and not window.playback.playing
    for i, k in ((0, 0), (1, 3), (2, 5), (2, 17)):
        session.select(i)
        session.set_step(k)
        _check_overlay_against_engine(session, mode, panel, k)
    assert "Step 17 → 18" in panel.plain_text()
    qtbot.keyClick(window, Qt.Key.Key_S)
    assert not mode.enabled
    assert mode.overlay.arrow_data("gradient")[0].size == 0
    assert not mode.overlay.legend.isVisible()
    assert "off" in panel.message


def test_next_and_previous_keys_step_in_step_mode(window, session, qtbot):
    mode, panel = _mode_of(window)
    session.select(2)
    session.set_step(4)
    mode.set_enabled(True)
    assert mode.explanation.step == 4
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert session.step == 5 and mode.explanation.step == 5
    _check_overlay_against_engine(session, mode, panel, 5)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert session.step == 4 and mode.explanation.step == 4
    # the update drawn at step k ends where the path is at step k + 1
    e4 = mode.explanation
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert np.array_equal(mode.explanation.point, e4.new_point)
    # the narration panel never takes the focus away from the window's keys
    assert panel.text.focusPolicy() == Qt.FocusPolicy.NoFocus
    mode.set_enabled(False)


def test_the_end_of_the_run_and_messages(window, session):
    mode, panel = _mode_of(window)
    mode.set_enabled(True)
    session.set_step(session.steps)
    assert mode.explanation.step == session.steps
    assert "one beyond its end" in panel.plain_text()
    session.update_racer(session.selected, enabled=False)
    assert mode.explanation is None and "disabled" in panel.message
    assert mode.overlay.arrow_data("gradient")[0].size == 0
    session.update_racer(session.selected, enabled=True)
    assert mode.explanation is not None
    session.clear_starts()
    assert mode.explanation is None and "No start point" in panel.message
    session.add_start(1.0, 1.0)
    session.set_step(0)
    np.testing.assert_array_equal(mode.explanation.point, [1.0, 1.0])
    mode.set_enabled(False)


def test_every_optimizer_family_on_a_session(qapp, qtbot):
    """Driven by a plain Session and SurfaceView: noisy gradients, two start points."""
    scenario = Scenario(surface="rosenbrock", starts=((-1.5, 2.0), (0.5, -0.5)),
                        racers=FAMILY_RACERS, steps=30, noise_sigma=0.5, noise_seed=3)
    session = Session(scenario)
    view = SurfaceView(session)
    panel = NarrationPanel()
    qtbot.addWidget(view)
    qtbot.addWidget(panel)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    mode = StepMode(session, view.plot, panel)
    mode.set_enabled(True)
    for start in (0, 1):
        mode.set_start_index(start)
        assert mode.start_index == start
        for i, racer in enumerate(FAMILY_RACERS):
            session.select(i)
            for k in (0, 1, 7):
                session.set_step(k)
                assert mode.explanation.optimizer == racer.optimizer
                _check_overlay_against_engine(session, mode, panel, k)
        if start == 1:
            assert "start point 2 of 2" in panel.plain_text()
    mode.set_start_index(99)
    assert mode.start_index == 1


def test_narration_numbers_are_monospace(qapp, qtbot):
    session = Session(Scenario(starts=((1.0, 1.0),), racers=(Racer("adam", {"lr": 0.1}),)))
    view = SurfaceView(session)
    panel = NarrationPanel()
    qtbot.addWidget(view)
    qtbot.addWidget(panel)
    mode = StepMode(session, view.plot, panel)
    mode.set_enabled(True)
    html = panel.text.toHtml()
    assert re.search(r"font-family:[^;\"]*monospace", html)
    assert panel.lines == mode.explanation.narration
    mode.set_enabled(False)
    assert panel.lines == [] and mode.explanation is None


def test_3d_view_offscreen_shows_a_message(session, qtbot):
    from app.ui.view3d import GL_MESSAGE, GLUnavailableWidget, make_3d_view

    widget = make_3d_view(session)
    qtbot.addWidget(widget)
    assert isinstance(widget, GLUnavailableWidget)
    assert widget.message == GL_MESSAGE
    assert "offscreen" in widget.reason
    texts = " ".join(label.text() for label in widget.findChildren(QLabel))
    assert GL_MESSAGE in texts
    widget.show()  # shows without touching OpenGL
    qtbot.waitExposed(widget)


def test_3d_view_numbers_without_opengl():
    """The 3D view's numbers are plain numpy (checked here, offscreen)."""
    import surfaces
    from app.engine import simulate
    from app.optimizers import make
    from app.ui.view3d import Z_TOP, heads, height_scale, path_segments, wants_log_height

    rosenbrock = surfaces.get("rosenbrock")
    bowl = surfaces.get("quadratic", lambda1=1, lambda2=20)
    assert wants_log_height(rosenbrock.grid(64)[2])
    assert not wants_log_height(bowl.grid(64)[2])
    window = ((-2.0, 2.0), (-1.0, 3.0))
    scale, X, Y, H = height_scale(bowl, window, 41)
    assert H.shape == (41, 41) and X[0] == -1 and X[-1] == 1 and Y[0] == -1
    assert H.min() >= 0 and H.max() <= Z_TOP
    i, j = np.unravel_index(np.argmin(H), H.shape)  # H[i, j] is at (x_i, y_j)
    np.testing.assert_allclose(scale.xy(np.array([0.0, 0.0])), [X[i], Y[j]], atol=0.06)
    np.testing.assert_allclose(scale.xy(np.array([2.0, 3.0])), [1.0, 1.0])
    run = simulate(bowl, make("gd", lr=0.12), [[1.0, 1.0], [-1.5, 2.5]], 30)  # one diverges
    assert path_segments(run.points, run.loss, 0, scale).shape == (0, 3)
    seg = path_segments(run.points, run.loss, 30, scale)
    assert seg.shape[0] % 2 == 0 and np.isfinite(seg).all()
    inside = scale.inside(run.points)
    expected = int((inside[:-1] & inside[1:]).sum())
    assert seg.shape[0] == 2 * expected < 2 * 2 * 30  # the blown-up path leaves the window
    assert np.all(np.abs(seg[:, :2]) <= 1)
    np.testing.assert_allclose(heads(run.points, run.loss, 0, scale)[:, 2],
                               scale.z(run.loss[0]) + 0.02 * Z_TOP, rtol=1e-6)


@pytest.mark.skipif(not __import__("os").environ.get("DESCENT_LAB_SCREENSHOTS"),
                    reason="set DESCENT_LAB_SCREENSHOTS=1 to write the screenshot")
def test_write_screenshot(window, session, qapp):
    """assets/screenshots/step_mode.png: Adam's third step on the default bowl, zoomed in."""
    from pathlib import Path

    mode, panel = _mode_of(window)
    window.side_dock.show()
    window.side_tabs.setCurrentWidget(panel)
    session.select(2)
    session.set_step(2)
    mode.set_enabled(True)
    window.surface_view.viewbox.setRange(xRange=(-6.0, -2.4), yRange=(0.0, 3.3), padding=0)
    for _ in range(5):
        qapp.processEvents()
    out = Path(__file__).resolve().parents[2] / "assets" / "screenshots" / "step_mode.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(out))
    mode.set_enabled(False)
