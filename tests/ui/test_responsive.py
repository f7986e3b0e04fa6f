"""The window never computes trajectories itself (issue 14): proved by the mechanism, never by
a clock. A spy records the thread of every engine chunk; stale results are never shown; a
1,000,000-step scenario opens at once with partial paths and progress; quitting cancels the
jobs and leaves no thread."""

import threading

import numpy as np
import pytest

from app import engine
from app.scenario import Racer, Scenario

WAIT_MS = 60_000  # a generous limit for a worker to hand something over; never a speed claim


def _idle(qtbot, window):
    qtbot.waitUntil(lambda: not window.session.computing, timeout=WAIT_MS)


def test_opening_a_lesson_computes_in_a_worker_thread(threaded_window, qtbot, spy):
    w = threaded_window
    assert w.open_lesson("p9_vanishing")
    assert w.session.computing  # open_lesson returned before the engine finished
    _idle(qtbot, w)
    gui = threading.get_ident()
    assert spy and gui not in spy
    s = w.session
    racer = s.scenario.racers[0]
    opt, sched = racer.build()
    expected = engine.simulate(s.surface, opt, np.array(s.scenario.starts), s.steps, sched,
                               s.scenario.noise_for(racer), s.scenario.batch_for(racer))
    np.testing.assert_array_equal(s.runs[0].trajectories.points, expected.points)
    x, y = w.surface_view.path_data(0)
    assert len(x) > 0


def test_a_million_steps_open_at_once_with_partial_paths_progress_and_stop(
        threaded_window, qtbot, spy):
    w = threaded_window
    scenario = Scenario(surface="rosenbrock", starts=((-1.5, 2.0),), steps=1_000_000,
                        racers=(Racer("gd", {"lr": 1e-4}),))
    assert w.set_scenario(scenario, autoplay=True)
    s = w.session
    assert s.computing and s.ready == 0
    qtbot.waitUntil(lambda: s.runs[0] is not None, timeout=WAIT_MS)
    partial = s.runs[0].trajectories.steps
    assert 0 < partial < 1_000_000 and 0 < s.progress < 1
    # the partial path is drawn (a long one once its decimation job, off this thread, is in)
    qtbot.waitUntil(lambda: w.surface_view.path_data(0)[0].size > 0, timeout=WAIT_MS)
    assert s.computing and s.runs[0].trajectories.steps < 1_000_000
    w.compute_progress.reveal.timeout.emit()  # as after 0.5 s: progress with a Stop button
    assert w.compute_progress.isVisible() and w.compute_progress.bar.value() < 1000
    w.compute_progress.stop_button.click()
    assert not s.computing and not w.compute_progress.isVisible()
    stopped = s.runs[0].trajectories.steps
    assert s.ready == stopped < 1_000_000 and s.step <= stopped
    assert threading.get_ident() not in spy


def test_latest_wins_while_dragging_an_lr_slider(threaded_window, qtbot, spy):
    w = threaded_window
    racers = tuple(Racer("gd", {"lr": 0.001 * (i + 1)}) for i in range(4))
    w.set_scenario(Scenario(surface="rosenbrock", starts=((-1.5, 2.0), (1.0, -0.5)),
                            steps=3000, racers=racers), autoplay=False)
    _idle(qtbot, w)
    s = w.session
    others = [s.store.run(s.store.key(s.scenario, r)) for r in s.scenario.racers[1:]]
    slider = w.controls.cards[0].form.fields["lr"].slider
    shown = []
    s.runsChanged.connect(lambda: shown.append(s.runs[0]))
    slider.setSliderDown(True)
    for tick in range(slider.value() - 200, slider.value() - 1, 10):
        slider.setValue(tick)  # each edit cancels the stale run
    slider.setSliderDown(False)
    _idle(qtbot, w)
    engine_threads = list(spy)
    lr = s.scenario.racers[0].params["lr"]
    opt, sched = s.scenario.racers[0].build()
    expected = engine.simulate(s.surface, opt, np.array(s.scenario.starts), s.steps, sched)
    np.testing.assert_array_equal(s.runs[0].trajectories.points, expected.points)
    # every published path was computed with the lr shown with it: a stale run never shows
    for run in shown:
        if run is not None:
            opt, sched = run.racer.build()
            k = run.trajectories.steps
            ref = engine.simulate(s.surface, opt, np.array(s.scenario.starts), k, sched)
            np.testing.assert_array_equal(run.trajectories.points, ref.points)
    assert shown[-1].racer.params["lr"] == lr
    # racers 1..3 kept their runs (one store): they were computed once
    assert [s.store.run(s.store.key(s.scenario, r)) for r in s.scenario.racers[1:]] == others
    assert engine_threads and threading.get_ident() not in engine_threads


def test_quit_cancels_the_jobs_and_leaves_no_thread(threaded_window, qtbot, monkeypatch):
    w = threaded_window
    calls = []
    original = w.runner.shutdown
    monkeypatch.setattr(w.runner, "shutdown", lambda timeout=1.0: (calls.append(timeout),
                                                                   original(timeout)))
    w.set_scenario(Scenario(surface="rosenbrock", starts=((-1.5, 2.0),), steps=1_000_000,
                            racers=(Racer("gd", {"lr": 1e-4}),)), autoplay=True)
    qtbot.waitUntil(lambda: w.session.runs[0] is not None, timeout=WAIT_MS)
    threads = w.runner.threads()
    assert threads
    w.close()
    assert calls and calls[0] <= 1.0 and w.runner.closed
    for thread in threads:
        thread.join(10)  # cancelled: it ends after its current chunk
    assert w.runner.threads() == [] and not any(t.is_alive() for t in threads)
    assert not w.playback.playing


@pytest.fixture
def iterate_spy(monkeypatch):
    """Every call of engine.iterate made outside engine.Run (a consumer running it again)."""
    from app import stepwise
    from app.analysis import adaptive

    calls = []
    original = engine.iterate

    def spying(*args, **kwargs):
        calls.append(threading.get_ident())
        return original(*args, **kwargs)

    monkeypatch.setattr(stepwise, "iterate", spying)
    monkeypatch.setattr(adaptive, "iterate", spying)
    return calls


def test_step_mode_and_analysis_read_the_run_store(window, qtbot, iterate_spy):
    """Step mode and the analysis panel read the optimizer states the run kept (one store)."""
    w = window
    w.set_scenario(Scenario(surface="rosenbrock", starts=((-1.5, 2.0), (1.0, -0.5)), steps=80,
                            racers=(Racer("adam", {"lr": 0.05}),)), autoplay=False)
    s = w.session
    s.set_step(30)
    w.step_mode.set_enabled(True)
    explanation = w.step_mode.explanation
    assert explanation is not None and explanation.step == 30
    assert w.step_mode._explainer.replayed == 81
    w.side_dock.show()
    w.side_tabs.setCurrentWidget(w.analysis_panel)
    w.analysis_panel.set_start_index(1)
    w.analysis_panel.refresh()
    trace = w.analysis_panel.trace
    assert trace is not None and trace.effective_step.shape == (81, 1, 2)
    assert iterate_spy == []  # nobody ran the engine again
    # the numbers are the engine's own: what running it again gives
    from app.analysis import effective_step_trace
    from app.stepwise import StepExplainer

    opt, sched = s.scenario.racers[0].build()
    again = effective_step_trace(s.surface, opt, np.array(s.scenario.starts[:2]), 80, sched)
    np.testing.assert_array_equal(trace.effective_step[:, 0], again.effective_step[:, -1])
    fresh = StepExplainer(s.surface, opt, sched, np.array(s.scenario.starts), 0, horizon=81,
                          label=s.label(0)).explain(30)
    np.testing.assert_array_equal(explanation.new_point, fresh.new_point)
    np.testing.assert_array_equal(explanation.velocity, fresh.velocity)
    assert explanation.narration == fresh.narration


def test_descent_lab_gui_leaves_at_once_when_its_window_closes(monkeypatch):
    """`descent-lab gui` ends the process right after the loop (no wait for threads or for the
    interpreter to take the widgets apart): leave_now flushes and calls os._exit."""
    import argparse
    import os

    from app.cli import gui_cmd
    from app.ui import main_window

    exits = []
    monkeypatch.setattr(main_window, "launch", lambda **kwargs: 3)
    monkeypatch.setattr(os, "_exit", exits.append)
    gui_cmd.run(argparse.Namespace(scenario=None, lang=None))
    assert exits == [3]


def test_one_selected_start_point_for_analysis_and_step_mode(window):
    """The analysed start lives in the session model: both followers read the same one."""
    w = window
    w.set_scenario(Scenario(surface="rosenbrock", starts=((-1.5, 2.0), (1.0, -0.5), (0.5, 0.5)),
                            steps=40, racers=(Racer("adam", {"lr": 0.05}),)), autoplay=False)
    s = w.session
    w.analysis_panel.set_start_index(2)
    assert s.start_index == w.step_mode.start_index == w.analysis_panel.start_index == 2
    w.step_mode.set_enabled(True)
    assert w.step_mode.explanation.start_index == 2
    w.step_mode.set_start_index(9)  # clamped
    assert s.start_index == w.analysis_panel.start_index == 2
    w.step_mode.set_start_index(1)
    assert w.analysis_panel.start_index == 1 and w.step_mode.explanation.start_index == 1
    s.remove_start(2)
    s.remove_start(1)
    assert s.start_index == w.step_mode.start_index == 0
    w.set_scenario(Scenario(surface="rosenbrock", starts=((-1.5, 2.0), (1.0, -0.5)), steps=40),
                   autoplay=False)
    assert s.start_index == 0
