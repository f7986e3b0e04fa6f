"""Hover preview without Qt (issue 18): the run a click would add, computed on lane "hover" of
the job runner, latest wins; a stale result is never shown; the toggle off submits nothing."""

import threading

import numpy as np

from app import engine
from app.jobs import InlineRunner, JobRunner
from app.preview import LANE, HoverPreview, preview_run
from app.scenario import Racer, Scenario
from app.session import SessionModel

WAIT = 60.0  # a generous limit for a worker to finish; never a speed claim


def _model(runner=None) -> SessionModel:
    return SessionModel(Scenario(surface="rosenbrock", starts=((-1.5, 2.0),), steps=300,
                                 racers=(Racer("gd", {"lr": 1e-3}),
                                         Racer("adam", {"lr": 0.05}))), runner=runner)


def test_preview_run_is_the_selected_racers_run_from_the_point():
    m = _model()
    m.select(1)
    run = preview_run(m, 0.5, -0.25)
    run.advance()
    opt, sched = m.scenario.racers[1].build()
    expected = engine.simulate(m.surface, opt, np.array([[0.5, -0.25]]), m.steps, sched)
    np.testing.assert_array_equal(run.trajectories().points, expected.points)
    assert preview_run(m, float("nan"), 0.0) is None


def test_moves_compute_in_a_worker_and_only_the_latest_is_shown():
    posted = []  # the consumer's queue: callbacks run when the test says so
    m = _model(JobRunner(posted.append))
    p = HoverPreview(m)
    p.set_enabled(True)
    shown = []
    p.changed.connect(lambda: shown.append(p.path))
    first = p.move(1.0, 1.5)
    assert first.wait(WAIT) and first.lane == LANE
    last = p.move(-1.0, 0.5)  # a newer move: the first one's result is stale
    assert last.wait(WAIT)
    for callback in list(posted):
        callback()
    assert len(shown) == 1 and p.path is shown[0]
    np.testing.assert_array_equal(p.path.points[0, 0], [-1.0, 0.5])
    assert threading.get_ident() not in (first.thread_id, last.thread_id)
    # a result still on its way when the mouse left the plot is not drawn either
    posted.clear()
    ticket = p.move(0.0, 0.0)
    assert ticket.wait(WAIT)
    p.hide()
    for callback in list(posted):
        callback()
    assert p.path is None and shown[-1] is None
    m.runner.shutdown(timeout=10)


def test_toggle_off_submits_nothing_and_hides():
    m = _model(InlineRunner())
    p = HoverPreview(m)
    assert p.move(0.0, 0.0) is None and p.submitted == 0
    p.set_enabled(True)
    p.move(0.0, 0.0)
    assert p.submitted == 1 and p.path is not None and p.racer == 0
    p.set_enabled(False)
    assert p.path is None
    p.move(0.5, 0.5)
    assert p.submitted == 1 and p.path is None


def test_an_edit_or_another_racer_hides_the_preview():
    m = _model(InlineRunner())
    p = HoverPreview(m)
    p.set_enabled(True)
    p.move(0.0, 0.0)
    assert p.path is not None
    m.select(1)
    assert p.path is None
    p.move(0.0, 0.0)
    assert p.racer == 1
    m.update_racer(1, params={"lr": 0.01})
    assert p.path is None
