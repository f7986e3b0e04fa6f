"""The divergence diagnosis (app.analysis.divergence): onset, growth per step, implied curvature.

Thresholds come from the theory the diagnosis inverts: on a quadratic, gradient descent
multiplies the error along eigen-direction i by ``1 - lr lambda_i`` per step, so the loss grows
by ``(1 - lr lambda_max)^2`` once the steepest direction dominates.
"""

from __future__ import annotations

import doctest
import json
import math

import numpy as np
import pytest

from app import optimizers, report
from app import scenario as S
from app.analysis import divergence
from app.analysis.divergence import Diagnosis, diagnose, diagnose_run
from app.engine import simulate


def _run(name: str, label_prefix: str):
    sc = S.load(name)
    surface = sc.build_surface()
    for run in sc.simulate(surface):
        if run.racer.display_label().startswith(label_prefix):
            return sc, surface, run
    raise AssertionError(label_prefix)


def test_docstring_examples():
    assert doctest.testmod(divergence).failed == 0


def test_seed000_blow_up_begins_at_step_0_not_where_the_loss_overflowed():
    sc, surface, run = _run("p1_seed000_regression", "GD, lr 0.001")
    traj = run.trajectories
    lam = np.linalg.eigvalsh(surface.hessian(np.zeros(2)))
    lr = run.racer.params["lr"]
    # the badge's step: where the loss stopped being finite, far after it passed 1e12
    assert traj.diverged_at[0] > 100
    assert np.flatnonzero(traj.loss[:, 0] > 1e12)[0] <= 10
    d = diagnose_run(traj, 0, run.racer.build()[0])
    assert d.onset_step == 0
    # growth (1 - lr lambda_max)^2 per step (the flat direction's factor is ~1, its loss tiny)
    assert d.growth_per_step == pytest.approx((1 - lr * lam.max()) ** 2, rel=0.01)
    assert d.implied_lambda_max == pytest.approx(lam.max(), rel=0.01)
    assert d.max_stable_lr == pytest.approx(2 / lam.max(), rel=0.01)
    # the lesson's numbers: x39 per step, lambda_max about 7,250, lr below about 0.00028
    assert round(d.growth_per_step) == 39
    assert round(d.implied_lambda_max, -1) == 7250
    assert round(d.max_stable_lr, 5) == 0.00028


def test_p1_divergence_onset_after_the_first_step_and_lambda_max_20():
    sc, surface, run = _run("p1_divergence", "GD, lr 0.12")
    traj = run.trajectories
    lam_max = np.linalg.eigvalsh(surface.hessian(np.zeros(2))).max()
    assert lam_max == 20.0
    d = diagnose_run(traj, 0, run.racer.build()[0])
    # the first step lowers the loss (the flat direction shrinks); the growth starts after it
    assert traj.loss[1, 0] < traj.loss[0, 0]
    assert d.onset_step == 1
    assert d.growth_per_step == pytest.approx((1 - 0.12 * lam_max) ** 2, rel=0.01)
    assert d.implied_lambda_max == pytest.approx(lam_max, rel=0.01)
    assert d.max_stable_lr == pytest.approx(2 / lam_max, rel=0.01)


def test_a_run_that_did_not_diverge_has_no_diagnosis():
    _, _, run = _run("p1_divergence", "GD, lr 0.01")
    assert run.trajectories.diverged_at[0] == -1
    assert diagnose_run(run.trajectories, 0, run.racer.build()[0]) is None


def test_heavy_ball_growth_implies_lambda_max_through_its_own_recurrence():
    # root -s of z^2 - (1 + mu - lr lambda) z + mu gives lr lambda = 1 + mu + s + mu / s
    bowl = S.Scenario(surface_params={"lambda1": 1.0, "lambda2": 20.0}).build_surface()
    opt = optimizers.make("momentum", lr=0.2, momentum=0.5)  # lr * 20 = 4 > 2 + 2 * 0.5
    traj = simulate(bowl, opt, [[1.0, 1.0]], 200)
    assert traj.diverged_at[0] > 0
    d = diagnose_run(traj, 0, opt)
    roots = np.roots([1.0, -(1 + 0.5 - 0.2 * 20.0), 0.5])
    assert d.growth_per_step == pytest.approx(np.abs(roots).max() ** 2, rel=0.02)
    assert d.implied_lambda_max == pytest.approx(20.0, rel=0.02)
    assert d.max_stable_lr == pytest.approx((2 + 2 * 0.5) / 20.0, rel=0.02)


def test_adaptive_optimizers_get_onset_and_growth_but_no_gd_curvature():
    loss = 3.0 * 2.0 ** np.arange(10.0)
    d = diagnose(loss, 10, lr=0.1, family="adaptive")
    assert d.onset_step == 0 and d.growth_per_step == pytest.approx(2.0)
    assert d.implied_lambda_max is None and d.max_stable_lr is None


@pytest.mark.parametrize("loss, diverged_at, onset, growth", [
    ([5.0, 4.0, 3.0, 6.0, 12.0, 24.0], 6, 2, 2.0),  # falls, then doubles from step 2
    ([5.0, 4.0, 8.0, 4.0, 8.0, 16.0], 6, 3, 2.0),  # the last lowest value is the onset
    ([-4.0, -3.0, -2.0, 0.0, 4.0, 12.0], 6, 0, 2.0),  # not positive: the excess doubles
    ([5.0, 5.0], 1, 0, None),  # blew up right after the start: no rate to read
])
def test_onset_is_the_last_lowest_loss_and_growth_its_geometric_mean(loss, diverged_at,
                                                                        onset, growth):
    d = diagnose(np.array(loss), diverged_at, lr=0.1)
    assert d.onset_step == onset
    if growth is None:
        assert d.growth_per_step is None and d.implied_lambda_max is None
    else:
        assert d.growth_per_step == pytest.approx(growth)
        assert d.implied_lambda_max == pytest.approx((1 + math.sqrt(growth)) / 0.1)


def test_an_invalid_start_is_diagnosed_without_numbers():
    assert diagnose([math.nan, math.nan], 0, lr=0.1) == Diagnosis(0)


def test_run_json_carries_the_diagnosis_object_or_null():
    sc = S.load("p1_divergence")
    surface = sc.build_surface()
    data = json.loads(report.to_json(report.build(surface, sc.simulate(surface))))
    good, bad = (r["runs"][0] for r in data["racers"])
    assert good["diagnosis"] is None
    diag = bad["diagnosis"]
    assert set(diag) == {"onset_step", "growth_per_step", "implied_lambda_max", "max_stable_lr"}
    assert diag["onset_step"] == 1
    assert diag["implied_lambda_max"] == pytest.approx(20.0, rel=0.01)
    assert diag["max_stable_lr"] == pytest.approx(0.1, rel=0.01)


def test_text_names_onset_rate_and_limit():
    text = Diagnosis(1, 1.96, 20.0, 0.1).text()
    assert "step 1" in text and "1.96" in text and "20" in text and "0.1" in text
    assert Diagnosis(0).text() == "blow-up began at step 0"
