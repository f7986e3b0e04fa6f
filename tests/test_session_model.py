"""The headless session model (app/session.py): driven without a display, its runs computed
in a worker thread chunk by chunk (a gate lets each chunk through, so nothing depends on
timing), published progressively, latest edit wins, one run store."""

import threading

import numpy as np
import pytest
from test_jobs import Inbox  # tests/ is on the path: one consumer stand-in for both

from app import engine
from app.jobs import JobRunner
from app.scenario import Racer, Scenario
from app.session import SessionModel

WAIT = 10.0


class Gate:
    """Every ``Run.advance`` waits for a ticket from the test, and says which thread ran it."""

    def __init__(self, monkeypatch):
        self.allowed = threading.Semaphore(0)
        self.entered = threading.Semaphore(0)
        self.threads = []
        self.open = False
        self.spying = True
        original = engine.Run.advance

        def advance(run, n=None):
            if not self.spying:  # the test's own reference computation
                return original(run, n)
            self.threads.append(threading.get_ident())
            if not self.open:
                self.entered.release()
                assert self.allowed.acquire(timeout=WAIT)
            return original(run, n)

        monkeypatch.setattr(engine.Run, "advance", advance)

    def step(self):
        """Let one chunk through and wait until the next one asks (or the job ends)."""
        self.allowed.release()

    def wait_entered(self):
        assert self.entered.acquire(timeout=WAIT)

    def next_chunk_or_end(self, runner) -> bool:
        """True when the next chunk asks to run, False when the job's thread has ended."""
        while True:
            if self.entered.acquire(timeout=0.01):
                return True
            if not runner.threads():
                return False


def _scenario(steps=400, lr=0.05, racers=1):
    return Scenario(surface="rosenbrock", starts=((-1.5, 2.0), (0.5, -0.5)), steps=steps,
                    racers=tuple(Racer("gd", {"lr": lr * (i + 1)}) for i in range(racers)))


def _expected(model, i, gate=None):
    if gate is not None:
        gate.spying = False
    racer = model.scenario.racers[i]
    opt, sched = racer.build()
    return engine.simulate(model.surface, opt, np.array(model.scenario.starts),
                           model.scenario.steps, sched)


def test_inline_model_computes_the_runs_before_returning():
    model = SessionModel(_scenario(racers=2))
    assert not model.computing and model.ready == model.steps == 400
    for i in range(2):
        np.testing.assert_array_equal(model.runs[i].trajectories.points,
                                      _expected(model, i).points)


def test_one_store_an_lr_edit_recomputes_only_that_racer():
    model = SessionModel(_scenario(racers=2))
    key0 = model.store.key(model.scenario, model.scenario.racers[0])
    run0 = model.store.run(key0)
    traj1 = model.runs[1].trajectories
    model.update_racer(1, params={"lr": 0.02})
    assert model.store.run(key0) is run0 and len(model.store) == 2
    assert model.runs[1].trajectories is not traj1
    np.testing.assert_array_equal(model.runs[1].trajectories.points, _expected(model, 1).points)
    model.update_racer(1, label="slow")  # looks only: nothing recomputed
    assert model.runs[1].racer.label == "slow" and len(model.store) == 2


def test_engine_runs_in_a_worker_and_paths_grow_chunk_by_chunk(monkeypatch):
    gate = Gate(monkeypatch)
    inbox = Inbox()
    model = SessionModel(runner=JobRunner(inbox))
    seen = []
    model.runsChanged.connect(lambda: seen.append(
        None if model.runs[0] is None else model.runs[0].trajectories.steps))
    model.set_scenario(_scenario(steps=400))
    assert model.computing and model.runs == [None] and model.ready == 0
    model.set_step(50)
    assert model.step == 0  # the playhead only reaches computed steps
    grown = []
    gate.wait_entered()
    while True:
        gate.step()
        more = gate.next_chunk_or_end(model.runner)  # this chunk's report is posted by now
        inbox.pump()
        grown.append(model.runs[0].trajectories.steps)
        if not more:
            break
    main = threading.get_ident()
    assert gate.threads and main not in gate.threads
    assert grown[0] < 400 and grown == sorted(grown)  # partial paths first, growing
    assert not model.computing and model.ready == 400 and model.progress == 1.0
    expected = _expected(model, 0, gate).points
    np.testing.assert_array_equal(model.runs[0].trajectories.points, expected)
    model.set_step(50)
    assert model.step == 50


def test_an_edit_cancels_the_stale_run_whose_result_is_never_shown(monkeypatch):
    gate = Gate(monkeypatch)
    inbox = Inbox()
    model = SessionModel(runner=JobRunner(inbox))
    model.set_scenario(_scenario(steps=300, lr=0.05))
    gate.wait_entered()  # the first run's first chunk is waiting
    stale_key = model.store.key(model.scenario, model.scenario.racers[0])
    model.update_racer(0, params={"lr": 0.01})
    fresh_key = model.store.key(model.scenario, model.scenario.racers[0])
    assert stale_key != fresh_key and model.store.run(stale_key) is None
    gate.open = True
    gate.step()  # the stale chunk finishes, then its job sees the cancel
    for thread in model.runner.threads():
        thread.join(WAIT)
    shown = []
    model.runsChanged.connect(lambda: shown.append(model.runs[0].racer.params["lr"]))
    inbox.pump()
    assert set(shown) == {0.01}
    expected = _expected(model, 0, gate).points
    np.testing.assert_array_equal(model.runs[0].trajectories.points, expected)


def test_cancel_keeps_the_partial_paths_and_the_next_request_resumes(monkeypatch):
    gate = Gate(monkeypatch)
    inbox = Inbox()
    model = SessionModel(runner=JobRunner(inbox))
    model.set_scenario(_scenario(steps=300))
    key = model.store.key(model.scenario, model.scenario.racers[0])
    gate.wait_entered()
    gate.step()  # chunk 1 (the start and the first steps)
    gate.wait_entered()  # chunk 2 asks: chunk 1 is done and reported
    inbox.pump()
    partial = model.runs[0].trajectories.steps
    assert 0 < partial < 300
    _cancel_and_finish(model, gate, inbox)
    assert not model.computing and model.runs[0].trajectories.steps == partial
    assert model.ready == partial
    run = model.store.run(key)
    done = run.done
    assert done >= partial
    model.recompute()  # resumes the same run object from where it stopped
    for thread in model.runner.threads():
        thread.join(WAIT)
    inbox.pump()
    assert model.store.run(key) is run and run.finished
    expected = _expected(model, 0, gate).points
    np.testing.assert_array_equal(model.runs[0].trajectories.points, expected)


@pytest.mark.parametrize("edit", ["add_start", "set_run"])
def test_edits_keep_the_model_consistent_headless(edit):
    model = SessionModel(_scenario(racers=2))
    if edit == "add_start":
        model.add_start(1.0, 1.0)
        assert model.runs[0].trajectories.n == 3
    else:
        model.set_run(steps=120)
        assert model.ready == 120 and model.runs[1].trajectories.steps == 120
    for i in range(2):
        np.testing.assert_array_equal(model.runs[i].trajectories.points,
                                      _expected(model, i).points)


@pytest.fixture
def all_rows_at_once(monkeypatch):
    """A stand-in for the compiled kernel: every row of a run at its first advance."""
    reference = {}

    def all_rows(run):  # a stand-in for the compiled kernel: every row at once
        if not reference.get("inside"):
            reference["inside"] = True
            try:
                t = engine.simulate(run.surface, run.optimizer, run.p0, run.steps, run.schedule)
            finally:
                reference["inside"] = False
            return {"points": t.points, "loss": t.loss, "grad_norm": t.grad_norm,
                    "diverged_at": t.diverged_at}
        return None

    monkeypatch.setattr(engine.Run, "_compiled_run", all_rows)


def test_a_run_the_compiled_path_finished_at_once_is_shown_once_whole(all_rows_at_once):
    """Scrubbing with the compiled engine: every row exists after the first advance, so the
    views get the finished run once (its result), never a 16-step partial path first; the
    playhead stays where it was (no trip to step 0 and back per slider position)."""
    inbox = Inbox()
    model = SessionModel(runner=JobRunner(inbox))
    model.set_scenario(_scenario(steps=300, racers=2))
    _settle(model, inbox)
    model.set_step(250)
    shown, moves = [], []
    model.runsChanged.connect(lambda: shown.append(
        [None if r is None else r.trajectories.steps for r in model.runs]))
    model.playheadChanged.connect(moves.append)
    for lr in (0.07, 0.08):
        model.update_racer(1, debounce=True, params={"lr": lr})
        assert model.computing and model.step == 250  # the old runs stay drawn there
        _settle(model, inbox)
    assert shown == [[300, 300], [300, 300]] and moves == []
    assert not model.computing and model.step == 250


def test_a_stopped_edit_brings_the_playhead_to_what_was_computed(monkeypatch):
    gate = Gate(monkeypatch)
    inbox = Inbox()
    model = SessionModel(runner=JobRunner(inbox))
    gate.open = True
    model.set_scenario(_scenario(steps=300))
    _settle(model, inbox)
    model.set_step(300)
    gate.open = False
    model.update_racer(0, params={"lr": 0.01})
    gate.wait_entered()
    moves = []
    model.playheadChanged.connect(moves.append)
    _cancel_and_finish(model, gate, inbox)
    assert model.step == model.ready == 0 and moves == [0]


def _settle(model, inbox):
    while model.computing:
        for thread in model.runner.threads():
            thread.join(WAIT)
        inbox.pump()


def _cancel_and_finish(model, gate, inbox):
    """Stop, let the waiting chunk finish (its job then sees the cancel), deliver."""
    model.cancel()
    gate.open = True
    gate.step()
    for thread in model.runner.threads():
        thread.join(WAIT)
    inbox.pump()
