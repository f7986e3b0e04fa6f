"""A playback frame only draws (issue 23): once the runs, paths, picture and readouts are
there, moving the playhead submits no job to the runner and queues no idle-queue task, for
runs drawn point for point and for long runs drawn decimated (their jobs ran when the runs
arrived, not per frame). Proved by counting, with the threaded runner the user gets."""

import pytest
from PySide6.QtWidgets import QApplication

from app import jobs
from app.scenario import Racer, Scenario
from app.ui import idle

WAIT_MS = 60_000  # a generous limit for workers to hand their results over; not a speed claim


def _long():
    return Scenario(surface="rosenbrock", starts=((-1.5, 2.0), (1.0, -0.5)), steps=10_000,
                    racers=(Racer("gd", {"lr": 1e-3}), Racer("momentum", {"lr": 1e-3})))


def _idle(w) -> bool:
    runner = w.session.runner
    lanes = [w.surface_view._picture_lane, w.surface_view._paths_lane, w.readouts._lane]
    return (not w.session.computing and not w.surface_view.paths_pending
            and not any(runner.busy(lane) for lane in lanes)
            and not idle.idle_queue().pending())


@pytest.mark.parametrize("scenario", ["default", "long"])
def test_a_playback_frame_submits_no_job_and_queues_no_task(threaded_window, qtbot,
                                                            monkeypatch, scenario):
    w = threaded_window
    if scenario == "long":
        assert w.set_scenario(_long(), autoplay=False)
    else:
        assert w.load_scenario("default", autoplay=False)
    qtbot.waitUntil(lambda: _idle(w), timeout=WAIT_MS)
    session = w.session
    submitted, queued = [], []
    submit, add = jobs.JobRunner.submit, idle.IdleQueue.add

    def counted_submit(runner, lane, fn, **kwargs):
        submitted.append(lane)
        return submit(runner, lane, fn, **kwargs)

    def counted_add(queue, owner, task):
        queued.append(owner)
        return add(queue, owner, task)

    monkeypatch.setattr(jobs.JobRunner, "submit", counted_submit)
    monkeypatch.setattr(idle.IdleQueue, "add", counted_add)
    frames, drawn = 0, []
    for k in range(1, session.steps + 1, max(1, session.steps // 40)):
        session.set_step(k)  # as the playback timer does, then the repaint of what changed
        QApplication.processEvents()
        w.repaint()
        frames += 1
        drawn.append(w.surface_view.path_data(0)[0].size)
    assert frames >= 40
    assert drawn[0] < drawn[-1]  # the frames did draw: the path grew with the playhead
    assert submitted == [] and queued == []


def test_each_playback_frame_keeps_background_compiles_out(window, monkeypatch):
    from app import compiled

    calls = []
    monkeypatch.setattr(compiled, "busy", lambda *a: calls.append(a))
    session = window.session
    for k in range(1, 21):
        session.set_step(k)
    assert calls == [()] * 20  # one delay per frame, of the default length
