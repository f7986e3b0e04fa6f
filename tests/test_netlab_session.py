"""The network lab's headless model and its jobs: progress is bounded and coalesced, Stop is
checked at least once per step's work, a cancelled run is never delivered, and the model
drives a run and its landscape through the one job runner without a display."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from app.jobs import JobRunner
from app.netlab import MLP, NetConfig, train
from app.netlab.session import IDLE, LANE, NetlabSession
from app.netlab.train import HVP_COST
from app.netlab.viewdata import (
    DRAW_POINTS,
    MAX_REPORTS,
    Recorder,
    landscape_job,
    peaks,
    train_job,
)

FAST = NetConfig(hidden=(4,), n_samples=40, steps=3000, sharpness_every=0,
                 trajectory_points=11)


def test_peaks_keeps_every_point_of_a_short_curve_and_each_buckets_extremes_of_a_long_one():
    y = np.random.default_rng(0).standard_normal(50)
    x, v = peaks(np.arange(50), y, max_points=50)
    np.testing.assert_array_equal(x, np.arange(50))
    assert v is y or np.shares_memory(v, y)  # no copy

    n, cap = 100_003, 1000
    y = np.random.default_rng(1).standard_normal(n)
    y[7] = np.nan  # a hole is skipped, not drawn as a bucket's extreme
    x, v = peaks(np.arange(n), y, max_points=cap)
    assert len(x) <= cap + 2 and np.all(np.diff(x) >= 0)
    np.testing.assert_array_equal(v, y[x])
    assert v.max() == np.nanmax(y) and v.min() == np.nanmin(y)
    stride = -(-n // (cap // 2))
    for b in (0, 17, len(x) // 2 - 1):  # each bucket: its lowest and its highest value
        block = y[b * stride:(b + 1) * stride]
        assert set(v[2 * b:2 * b + 2]) == {np.nanmin(block), np.nanmax(block)}


def test_reports_are_bounded_in_number_and_size_however_long_the_run():
    reports = []
    run = train_job(FAST, report=reports.append)
    assert len(reports) <= MAX_REPORTS + 1 and reports[-1].step == FAST.steps
    steps_seen = [p.step for p in reports]
    assert steps_seen == sorted(steps_seen) and len(set(steps_seen)) == len(steps_seen)
    for p in reports:
        assert len(p.loss[0]) <= DRAW_POINTS + 2 and len(p.grad_norm[0]) <= DRAW_POINTS + 2
    x, values = reports[-1].loss
    np.testing.assert_array_equal(values, run.loss[x])  # exact values, a subset of steps
    assert values.max() == run.loss.max() and values.min() == run.loss.min()

    short = NetConfig(hidden=(4,), n_samples=40, steps=30, sharpness_every=10)
    reports = []
    run = train_job(short, report=reports.append)
    last = reports[-1]
    np.testing.assert_array_equal(last.loss[1], run.loss)
    np.testing.assert_array_equal(last.sharpness[0], run.sharpness_steps)
    np.testing.assert_array_equal(last.sharpness[1], run.sharpness)


def test_a_snapshot_never_copies_the_history():
    rec = Recorder(100)
    for t in range(40):
        rec(t, float(t), 1.0, np.nan)
    p = rec.snapshot()
    assert np.shares_memory(p.loss[1], rec.loss) and np.shares_memory(p.grad_norm[1],
                                                                       rec.grad_norm)
    assert len(p.loss[1]) == 40


def test_the_trainer_checks_for_a_cancel_at_least_once_per_step_of_work(monkeypatch):
    """Stop's latency is bounded by work, not by a clock: between two calls of ``check`` the
    trainer does at most one step's gradients, or one Hessian-vector product."""
    cfg = NetConfig(hidden=(6, 5), n_samples=30, batch_size=7, steps=40, sharpness_every=7)
    P = cfg.model().n_params
    work = [0]
    real_grad, real_hvp = MLP.loss_and_grad, MLP.hvp

    def loss_and_grad(self, w, X, T):
        work[0] += X.shape[0] * P
        return real_grad(self, w, X, T)

    def hvp(self, w, X, T, v):
        work[0] += HVP_COST * X.shape[0] * P
        return real_hvp(self, w, X, T, v)

    monkeypatch.setattr(MLP, "loss_and_grad", loss_and_grad)
    monkeypatch.setattr(MLP, "hvp", hvp)
    marks = []
    run = train(cfg, check=lambda: marks.append(work[0]))
    gaps = np.diff([0, *marks, work[0]])
    bound = max(cfg.step_work(), HVP_COST * cfg.n_samples * P)
    assert cfg.step_work() == (30 + 7) * P
    assert len(marks) >= cfg.steps and gaps.max() <= bound
    assert run.sharpness.size == 6  # (the measurements happened, between checks)


def _wait(event: threading.Event) -> None:
    assert event.wait(120), "the job did not deliver"


def _headless(config=FAST):
    """A model on a runner that delivers in the worker thread (as the CLI would)."""
    runner = JobRunner()
    model = NetlabSession(runner, config)
    log: list[tuple] = []
    done = threading.Event()
    for name in ("started", "progressed", "trained", "landscape_ready", "stopped", "failed"):
        getattr(model, name).connect(lambda *a, n=name: log.append((n, *a)))
    model.idle.connect(done.set)
    return runner, model, log, done


def test_the_model_trains_then_computes_the_landscape_without_a_display():
    cfg = NetConfig(hidden=(4,), n_samples=40, steps=25, sharpness_every=5,
                    trajectory_points=6)
    runner, model, log, done = _headless(cfg)
    model.train()
    _wait(done)
    expected = train(cfg)
    assert model.phase == IDLE and not model.busy
    np.testing.assert_array_equal(model.run.loss, expected.loss)
    names = [e[0] for e in log]
    assert names[0] == "started" and names.count("trained") == 1
    assert names.index("trained") < names.index("landscape_ready") == len(names) - 1
    grid = landscape_job(expected, "pca", n=len(model.landscape.xs))
    np.testing.assert_allclose(model.landscape.z, grid.z, rtol=1e-12)
    assert model.progress.step == cfg.steps and model.reports >= 1

    # the other plane: only the landscape is recomputed
    done.clear()
    model.set_directions("random")
    _wait(done)
    assert model.landscape.directions == "random" and model.run.loss is not None
    with pytest.raises(ValueError, match="Valid directions"):
        model.set_directions("sideways")
    runner.shutdown()


def test_stop_makes_the_model_idle_at_once_and_nothing_of_the_run_arrives_later():
    long = NetConfig(hidden=(4,), n_samples=40, steps=1_000_000, sharpness_every=0)
    runner, model, log, done = _headless(long)
    first = threading.Event()
    model.progressed.connect(lambda p: first.set())
    model.train()
    _wait(first)
    model.stop()
    assert model.phase == IDLE and model.running is None  # at once, before the job ends
    assert log[-1][0] == "stopped" and 0 <= log[-1][1] < long.steps
    runner.shutdown(timeout=60)
    assert runner.threads() == []  # the trainer saw the cancel and returned
    assert [e[0] for e in log].count("stopped") == 1 and log[-1][0] == "stopped"
    assert model.run is None


def test_a_newer_run_replaces_the_running_one_and_the_stale_one_is_never_delivered():
    long = NetConfig(hidden=(4,), n_samples=40, steps=1_000_000, sharpness_every=0)
    short = NetConfig(hidden=(3,), n_samples=40, steps=12, sharpness_every=0,
                      trajectory_points=4)
    runner, model, log, done = _headless(long)
    first = threading.Event()
    model.progressed.connect(lambda p: first.set())
    model.train()
    _wait(first)
    model.train(short)
    _wait(done)
    trained = [e[1] for e in log if e[0] == "trained"]
    assert [r.config for r in trained] == [short] and model.run.config == short
    assert not any(e[0] == "progressed" and getattr(e[1], "steps", 0) == long.steps
                   for e in log[[e[0] for e in log].index("started", 1):])
    assert not runner.busy(LANE)
    runner.shutdown()
