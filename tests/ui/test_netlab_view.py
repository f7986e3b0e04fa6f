"""The Network lab tab: opening a network-lab scenario trains it in the background, the plots
show exactly the run's numbers, Stop ends a long run at once, and the window stays responsive."""

from __future__ import annotations

import os
import threading

import numpy as np
import pytest
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication

from app import scenario as scenario_mod
from app import viewmodel as vm
from app.netlab import NetConfig, landscape, train, viewdata, worker
from app.netlab import session as netlab_session
from app.netlab.viewdata import MAX_REPORTS, decision_field, decision_view, weight_index
from app.ui.netlab_view import TAB_TITLE, NetlabView, install_netlab_tab

SEED000 = "netlab_p1_seed000"


@pytest.fixture
def view(window) -> NetlabView:
    return install_netlab_tab(window)


def _wait_idle(qtbot, view, timeout=20_000):
    qtbot.waitUntil(lambda: not view.busy, timeout=timeout)


def _train(qtbot, view, config: NetConfig):
    view.train(config)
    _wait_idle(qtbot, view)
    assert view.run is not None and view.run.config == config
    return view.run


def test_install_adds_one_tab_and_is_idempotent(window, view):
    titles = [window.center_tabs.tabText(i) for i in range(window.center_tabs.count())]
    assert titles.count(TAB_TITLE) == 1
    assert install_netlab_tab(window) is view


def test_opening_the_seed000_lesson_shows_the_tab_trains_and_marks_the_divergence(
        window, view, qtbot, no_blocking_dialogs):
    window.lesson_actions[SEED000].trigger()
    assert no_blocking_dialogs == []
    assert window.center_tabs.currentWidget() is view
    assert window.session.scenario == scenario_mod.load(SEED000)  # the 2D companion
    _wait_idle(qtbot, view)
    expected = train(scenario_mod.load(SEED000).net_config())
    run = view.run
    np.testing.assert_array_equal(run.loss, expected.loss)
    assert run.diverged_at == expected.diverged_at == 4
    assert view.progress_seen >= 1

    # the readouts are the run's arrays, up to the last good step
    r = view.readouts
    for name in ("loss", "grad_norm"):
        x, values = r.curve_values(name)
        np.testing.assert_array_equal(x, np.arange(4))
        np.testing.assert_allclose(values, getattr(expected, name)[:4], rtol=1e-12)
        _, y = r.curves[name].getData()
        np.testing.assert_array_equal(y, np.log10(getattr(expected, name)[:4]))
    x, values = r.curve_values("sharpness")
    np.testing.assert_array_equal(x, expected.sharpness_steps)
    np.testing.assert_allclose(values, expected.sharpness, rtol=1e-12)
    lx, ly = r.limit_curve.getData()
    np.testing.assert_allclose(10.0 ** ly, 2.0 / expected.lr, rtol=1e-12)
    assert np.all(values > 10.0 ** ly[0])  # lambda_max above 2 / lr: the reason it blew up

    # the divergence is marked: badge, dashed line, status, landscape cross
    assert r.badge.isVisible() and "diverged at step 4" in r.badge.text()
    assert r.loss_plot.diverged_line.isVisible() and r.loss_plot.diverged_line.value() == 4
    assert "diverged at step 4" in view.status.text()
    # beside the measured sharpness, the diagnosis read from the loss growth (issue 19)
    diagnosis = expected.diagnosis()
    shown = QTextDocument()
    shown.setHtml(view.status.text())  # what the rich-text label shows (a '<' must survive)
    assert "stable for lr < " in diagnosis.text()
    assert diagnosis.onset_step == 0 and diagnosis.text() in shown.toPlainText()
    assert diagnosis.text() in r.badge.toolTip()
    assert len(view.landscape_plot.blowup.data) == 1
    assert "P1" in view.heading.text()
    lesson = scenario_mod.load(SEED000).lesson
    assert lesson.title in window.lesson_panel.text() and lesson.title in window.windowTitle()


def test_landscape_item_is_landscape_value_on_its_grid_with_the_projected_path(view, qtbot):
    run = _train(qtbot, view, NetConfig(hidden=(8,), steps=60, sharpness_every=0,
                                        trajectory_points=31))
    grid = view.landscape
    assert grid.directions == "pca" and grid.xs.shape == grid.ys.shape == (64,)
    surf = landscape(run, "pca")
    np.testing.assert_array_equal(grid.surface.origin, surf.origin)
    np.testing.assert_array_equal(grid.surface.directions, surf.directions)
    points = np.stack(np.meshgrid(grid.xs, grid.ys), axis=-1)
    z = surf.value(points)
    np.testing.assert_allclose(grid.z, z, rtol=1e-12, atol=1e-14)
    np.testing.assert_array_equal(view.landscape_plot.image_data(),
                                  vm.color_scale(grid.z).image)
    (x0, x1), (y0, y1) = surf.window
    assert (grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1]) == (x0, x1, y0, y1)
    px, py = view.landscape_plot.path.getData()
    np.testing.assert_allclose(np.c_[px, py], surf.trajectory)
    assert len(px) == len(run.weight_steps) == 31
    assert sum(item.isVisible() for item in view.landscape_plot.contours) > 3

    # the step slider moves the marker along the path and redraws the decision region (its
    # field computed in the background)
    view.step_slider.setValue(5)
    step = view.shown_step()
    k = weight_index(run, step)
    np.testing.assert_allclose(view.landscape_plot.head.data["x"], [surf.trajectory[k, 0]])
    qtbot.waitUntil(lambda: view.data_plot.shown_step == step, timeout=20_000)
    _, _, field = decision_field(run, run.weights[k], view.data_plot.window,
                                 view.data_plot.GRID)
    drawn = decision_view(run, run.weights[k], view.data_plot.window, view.data_plot.GRID)
    np.testing.assert_array_equal(view.data_plot.image.image, drawn.image)
    np.testing.assert_array_equal(view.data_plot.boundary.getData()[0], drawn.boundary[:, 0])
    np.testing.assert_array_equal(view.data_plot.field, field)
    assert view.readouts.loss_plot.playhead.value() == step

    # another plane: random filter-normalized directions, computed in the background too
    combo = view.landscape_plot.directions
    combo.setCurrentIndex(combo.findData("random"))
    combo.activated.emit(combo.currentIndex())
    _wait_idle(qtbot, view)
    grid = view.landscape
    assert grid.directions == "random"
    surf = landscape(run, "random")
    np.testing.assert_allclose(grid.z, surf.value(np.stack(np.meshgrid(grid.xs, grid.ys),
                                                           axis=-1)), rtol=1e-12)


@pytest.fixture
def compute_threads(monkeypatch):
    """Spy: where every computation ran, as ``(kind, process id, thread id)``: training and
    landscapes in a child process (:mod:`app.netlab.worker`, its ``calls``), anything of them
    in this process and the decision field by their thread."""
    here: list[tuple[str, int, int]] = []
    first = len(worker.calls)

    def spy(kind, fn):
        def wrapper(*args, **kwargs):
            here.append((kind, os.getpid(), threading.get_ident()))
            return fn(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(viewdata, "train", spy("train", viewdata.train))
    monkeypatch.setattr(viewdata, "landscape", spy("landscape", viewdata.landscape))
    monkeypatch.setattr(netlab_session, "decision_view", spy("field", viewdata.decision_view))
    from app.analysis import divergence

    monkeypatch.setattr(divergence, "diagnose_optimizer",
                        spy("diagnosis", divergence.diagnose_optimizer))

    class Log:
        def all(self):
            return here + [(kind, pid, -1) for kind, pid in worker.calls[first:]]

        def kinds(self, where):
            return [k for k, pid, _ in self.all() if (pid == os.getpid()) == (where == "here")]

        def on_gui_thread(self):
            main = threading.main_thread().ident
            return [e for e in self.all() if e[1] == os.getpid() and e[2] == main]

    return Log()


def test_stop_takes_effect_at_once_and_nothing_of_the_stopped_run_arrives(
        window, view, qtbot, compute_threads):
    long = NetConfig(hidden=(4,), n_samples=40, steps=1_000_000, sharpness_every=0)
    view.train(long)
    assert view.busy and view.stop_button.isEnabled() and not view.train_button.isEnabled()
    qtbot.waitUntil(lambda: view.progress_seen >= 2, timeout=20_000)
    ticket = view.model.ticket
    view.stop_button.click()
    # at once, without waiting for the trainer: idle, the curves so far stay
    assert not view.busy and view.run is None and "stopped at step" in view.status.text()
    assert view.train_button.isEnabled() and not view.stop_button.isEnabled()
    x, values = view.readouts.curve_values("loss")
    assert 0 < x[-1] < long.steps and np.isfinite(values).all()
    # the trainer checks before every update (tests/test_netlab_session.py): it returns
    assert ticket.wait(60) and ticket.cancelled
    redraws, text = view.redraws, view.status.text()
    QApplication.processEvents()
    assert view.redraws == redraws and view.run is None and view.status.text() == text
    assert compute_threads.kinds("child") == ["train"] and compute_threads.kinds("here") == []
    # the child stopped within one step of work after the cancel reached it (it checks
    # before every update)
    assert worker.stops[-1][0] == "train" and worker.stops[-1][1] in (0, 1)

    # the next run starts cleanly
    run = _train(qtbot, view, NetConfig(hidden=(4,), steps=5, sharpness_every=0))
    assert run.steps == 5
    # Train while a run is in progress: the newest wins, the stale one is never shown
    view.train(long)
    qtbot.waitUntil(lambda: view.progress_seen >= 1, timeout=20_000)
    stale = view.model.ticket
    short = NetConfig(hidden=(4,), steps=7, sharpness_every=0)
    view.train(short)
    assert stale.cancelled
    _wait_idle(qtbot, view)
    assert view.run.config == short and view.readouts.curve_values("loss")[0][-1] == 7
    # closing the window cancels a run in progress
    view.train(long)
    qtbot.waitUntil(lambda: view.progress_seen >= 1, timeout=20_000)
    ticket = view.model.ticket
    window.close()
    assert ticket.cancelled and ticket.wait(60)
    assert compute_threads.on_gui_thread() == [] and "train" not in compute_threads.kinds("here")


def test_redraws_are_bounded_and_coalesced_however_fast_training_runs(view, qtbot):
    fast = NetConfig(hidden=(4,), n_samples=40, steps=20_000, sharpness_every=0,
                     trajectory_points=11)
    view.ensure_built()  # (the window is kept busy below: it could not make its plots)
    view.train(fast)
    ticket = view.model.ticket
    # the window does not get to draw until the whole run is done: of its reports only the
    # latest is still pending, and the finished run is drawn instead of it
    assert ticket.wait(120)
    assert 1 <= ticket.progress_reported <= MAX_REPORTS + 1
    QApplication.processEvents()
    assert ticket.progress_delivered == 1 and view.redraws == 0
    assert view.readouts.curve_values("loss")[0][-1] == fast.steps
    _wait_idle(qtbot, view)
    # with the window free all along: at most one redraw per delivered snapshot, and the
    # deliveries between two frames are drawn once (REDRAW_MS)
    view.train(fast)
    training = view.model.ticket
    _wait_idle(qtbot, view)
    assert view.redraws <= view.progress_seen == training.progress_delivered <= MAX_REPORTS + 1


def test_a_burst_of_snapshots_is_drawn_once(view, qtbot):
    config = NetConfig(hidden=(4,), n_samples=40, steps=1_000_000, sharpness_every=0)
    view.train(config)
    qtbot.waitUntil(lambda: view.progress_seen >= 1, timeout=20_000)
    view.stop()
    latest = view.model.progress
    x, _ = view.readouts.curve_values("loss")
    assert x[-1] == latest.step  # Stop drew the last snapshot: the curves so far stay
    from app.netlab.viewdata import Recorder

    rec = Recorder(100, reports=100)
    snapshots = []
    rec.report = snapshots.append
    for t in range(101):
        rec(t, 1.0 / (t + 1), 1.0, np.nan)
    view._started(config, None)
    for p in snapshots:  # 101 deliveries before the next frame
        view._progressed(p)
    qtbot.waitUntil(lambda: view.redraws == 1, timeout=5_000)
    QApplication.processEvents()
    assert view.redraws == 1 and view.readouts.curve_values("loss")[0][-1] == 100


def test_opening_a_netlab_lesson_never_computes_on_the_gui_thread(window, view, qtbot,
                                                                compute_threads):
    window.lesson_actions["netlab_p9_sigmoid_plateau"].trigger()
    assert window.center_tabs.currentWidget() is view and view.busy
    _wait_idle(qtbot, view)
    qtbot.waitUntil(lambda: view.data_plot.shown_step == view.run.steps, timeout=20_000)
    # training (with its diagnosis) and the landscape in a child process (the window's
    # interpreter lock stays free), the decision region in a worker thread: none on the
    # window's thread
    assert compute_threads.kinds("child") == ["train", "landscape"]
    assert set(compute_threads.kinds("here")) == {"field"}
    assert compute_threads.on_gui_thread() == []
    assert not view.busy


def test_training_again_keeps_the_previous_run_in_grey(view, qtbot):
    first = _train(qtbot, view, NetConfig(dataset="regression", optimizer_params={"lr": 1e-3},
                                          steps=20, sharpness_every=5))
    assert first.diverged
    view.train(NetConfig(dataset="regression", optimizer_params={"lr": 1e-4}, steps=20,
                         sharpness_every=5))
    _wait_idle(qtbot, view)
    assert not view.run.diverged and not view.readouts.badge.isVisible()
    _, grey = view.readouts.curve_values("loss", previous=True)
    np.testing.assert_allclose(grey, first.loss[:first.diverged_at], rtol=1e-12)
    assert "previous run" in view.previous_hint.text()


def test_form_validates_and_trains_what_it_shows(view, qtbot):
    form = view.form
    before = form.config()
    form.forms["Training"].fields["batch_size"].set_text("5000")
    assert form.forms["Training"].fields["batch_size"].has_error()
    assert "batch_size" in form.forms["Training"].fields["batch_size"].error_text()
    assert form.config() == before
    form.hidden.setText("4, x")
    form.hidden.setModified(True)
    form.hidden.editingFinished.emit()
    assert not form.hidden_error.isHidden() and form.config() == before
    form.hidden.setText("3")
    form.hidden.setModified(True)
    form.hidden.editingFinished.emit()
    assert form.hidden_error.isHidden() and form.config().hidden == (3,)
    form.optimizer.setCurrentIndex(form.optimizer.findData("adam"))
    form.optimizer.activated.emit(form.optimizer.currentIndex())
    assert form.config().optimizer == "adam" and "betas" in form.opt_form.fields
    form.opt_form.fields["lr"].set_text("0.02")
    form.forms["Training"].fields["steps"].set_text("15")
    assert form.config().optimizer_params == {"lr": 0.02}
    view.train_button.click()
    _wait_idle(qtbot, view)
    assert view.run.config == form.config()
    assert view.run.config.hidden == (3,) and view.run.steps == 15


def test_a_network_only_file_opens_in_the_tab(window, view, qtbot, tmp_path,
                                             no_blocking_dialogs):
    path = tmp_path / "mine.toml"
    path.write_text("[lesson]\ntitle = 'Only a network'\n[netlab]\ndataset = 'spirals'\n"
                    "hidden = [6]\nsteps = 10\nsharpness_every = 0\n")
    assert window.open_scenario(str(path))
    assert window.center_tabs.currentWidget() is view
    _wait_idle(qtbot, view)
    assert view.run.config.dataset == "spirals" and view.run.steps == 10
    assert "Network lab" in window.lesson_panel.text()
    qtbot.waitUntil(lambda: view.data_plot.shown_step == 10, timeout=20_000)
    assert np.nanmax(view.data_plot.field) <= 2
    # a bad [netlab] table: an error, nothing changes
    bad = tmp_path / "bad.toml"
    bad.write_text("[netlab]\nhidden = [0]\n")
    assert not window.open_scenario(str(bad))
    assert "netlab.hidden" in no_blocking_dialogs[-1][2]
    # a 2D scenario switches back to the Surface tab
    assert window.load_scenario("default", autoplay=False)
    assert window.center_tabs.currentIndex() == 0


def test_a_window_launched_on_a_netlab_scenario_opens_the_tab(themed_app, qtbot):
    from app.ui.main_window import MainWindow
    from app.ui.session import Session

    w = MainWindow(Session(scenario_mod.load("netlab_p1_seed000_lr1e-4")))
    v = install_netlab_tab(w)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.center_tabs.currentWidget() is v, timeout=2000)
    _wait_idle(qtbot, v)
    assert v.run.config.optimizer_params == {"lr": 1e-4} and not v.run.diverged
    w.close()


def test_save_writes_the_forms_config_as_a_netlab_scenario(window, view, qtbot, tmp_path,
                                                          monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window.lesson_actions[SEED000].trigger()
    _wait_idle(qtbot, view)
    path = tmp_path / "mine.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(path), "Scenarios (*.toml)")))
    view.save_button.click()
    saved = scenario_mod.load(path)
    original = scenario_mod.load(SEED000)
    assert saved.net_config() == original.net_config() and saved.lesson == original.lesson
    assert saved.racers == original.racers  # the 2D companion is kept
    view.form.opt_form.fields["lr"].set_text("0.0001")
    assert view.save_scenario(str(path))
    saved = scenario_mod.load(path)
    assert saved.net_config().optimizer_params == {"lr": 1e-4}
    assert saved.lesson.title == ""  # the lesson was about lr 0.001


def test_the_tabs_plots_are_made_one_per_event_loop_turn(window, qtbot, monkeypatch):
    """Opening the tab makes no plot at once: its five plots (and the landscape's colour bar)
    come one per event-loop turn, and what the model says meanwhile is shown once they are
    there, in order."""
    import pyqtgraph as pg

    made: list[int] = []
    real = pg.PlotWidget.__init__

    def counting(self, *args, **kwargs):
        made.append(view.build_turns if "view" in box else -1)
        real(self, *args, **kwargs)

    box: dict = {}
    monkeypatch.setattr(pg.PlotWidget, "__init__", counting)
    view = NetlabView()
    box["view"] = view
    qtbot.addWidget(view)
    assert made == [] and not view.built and view.landscape_plot is None
    config = NetConfig(hidden=(4,), n_samples=40, steps=12, sharpness_every=0,
                       trajectory_points=4)
    view.train(config)  # before any plot exists: the buttons answer at once
    assert view.stop_button.isEnabled() and not view.train_button.isEnabled()
    qtbot.waitUntil(lambda: view.built, timeout=10_000)
    assert made == [1, 3, 4, 5, 6] and view.build_turns == 7
    assert view.landscape_plot.colorbar is not None
    _wait_idle(qtbot, view)
    qtbot.waitUntil(lambda: view.landscape_plot.grid is not None, timeout=20_000)
    assert view.run.config == config
    assert view.readouts.curve_values("loss")[0][-1] == config.steps


def test_progress_redraws_leave_the_axes_and_the_fixed_curves_alone(view, qtbot):
    """While a run is in progress a redraw sets its curves only: the grey and 2 / lr curves
    are set once, the axes change only when the values leave the shown decades."""
    from app.netlab.viewdata import Recorder

    view.ensure_built()
    config = NetConfig(hidden=(4,), n_samples=40, steps=400, sharpness_every=0)
    previous = _train(qtbot, view, NetConfig(hidden=(4,), n_samples=40, steps=30,
                                             sharpness_every=0))
    rec = Recorder(config.steps, reports=config.steps + 1)
    snapshots = []
    rec.report = snapshots.append
    for t in range(config.steps + 1):  # the loss falls over three decades, smoothly
        rec(t, 10.0 ** (1 - 3 * t / config.steps), 1.0, np.nan)
    view._started_plots(config, previous)
    r = view.readouts
    loss_plot, sets = r.loss_plot, r.static_sets
    changes = loss_plot.range_changes
    for p in snapshots:
        r.show_progress(p)
    assert len(snapshots) == config.steps + 1
    assert r.static_sets - sets == len(r.plots)  # the grey curves: once per readout
    assert loss_plot.range_changes - changes <= 4  # 10 .. 0.01: once per decade reached
    x, values = r.curve_values("loss")
    assert x[-1] == config.steps and values[-1] == pytest.approx(0.01)
    lo, hi = loss_plot.getViewBox().viewRange()[1]
    assert lo <= -2 and hi >= 1  # every value shown
