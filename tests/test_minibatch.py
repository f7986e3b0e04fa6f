"""Real mini-batch noise (issue 22, item 1): finite-sum surfaces, seeded batches, the theory.

The mean of the mini-batch gradient over all batches is the full gradient and its covariance is
the finite-population formula ``(n - b) / (b (n - 1)) S``: both checked exactly by enumerating
every batch of a small data set. The lesson ``p3_minibatch`` says what its numbers are.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import surfaces
from app import optimizers
from app import scenario as S
from app.analysis.minibatch import (
    batch_covariance,
    ellipse,
    stationary_cloud,
    stationary_covariance,
)
from app.engine import MiniBatch, Noise, simulate

POINTS = np.array([[0.3, -0.2], [-1.5, 2.0], [2.0, 0.5]])


def _finite_sums():
    return [surfaces.get("regression", standardize=True, n_samples=12),
            surfaces.get("regression", n_samples=9, feature_scale=3.0),
            surfaces.get("tiny_net", activation="tanh", weights="w1_w2"),
            surfaces.get("tiny_net", activation="elu", weights="w1_v1")]


def test_finite_sum_families_declare_themselves():
    assert set(surfaces.finite_sum_names()) == {"regression", "tiny_net"}
    with pytest.raises(ValueError, match="not a sum of per-example losses"):
        surfaces.get("quadratic").example_grads(POINTS)


@pytest.mark.parametrize("surface", _finite_sums(), ids=lambda s: repr(s)[:40])
def test_example_gradients_average_to_the_gradient_and_match_finite_differences(surface):
    g = surface.example_grads(POINTS)
    assert g.shape == (3, surface.n_examples, 2)
    np.testing.assert_allclose(g.mean(axis=1), surface.grad(POINTS), rtol=1e-12, atol=1e-12)
    # one example's loss: the full loss with its weight, by the difference of two data sets
    # is not available, so check the per-example gradients' sum rule along a direction instead:
    # d/dt f(p + t v) = mean_i g_i . v, with a central difference of f
    v, h = np.array([0.6, -0.8]), 1e-6
    fd = (surface.value(POINTS + h * v) - surface.value(POINTS - h * v)) / (2 * h)
    np.testing.assert_allclose(g.mean(axis=1) @ v, fd, rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("b", [1, 3, 5])
def test_every_batch_together_is_unbiased_with_the_finite_population_covariance(b):
    surface = surfaces.get("tiny_net", activation="softplus", weights="w1_w2")  # n = 8
    p = POINTS[:1]
    n = surface.n_examples
    batches = np.array([surface.batch_grad(p, np.array(c))[0]
                        for c in itertools.combinations(range(n), b)])
    np.testing.assert_allclose(batches.mean(axis=0), surface.grad(p)[0], rtol=1e-12,
                               atol=1e-13)
    exact = np.cov(batches.T, bias=True)  # the covariance over all equally likely batches
    np.testing.assert_allclose(batch_covariance(surface, p[0], b), exact, rtol=1e-10,
                               atol=1e-14)
    g = surface.example_grads(p[0])
    spread = np.cov(g.T, bias=True)
    np.testing.assert_allclose(batch_covariance(surface, p[0], b),
                               (n - b) / (b * (n - 1)) * spread, rtol=1e-12)


def test_full_batch_has_no_noise():
    s = _finite_sums()[0]
    np.testing.assert_array_equal(batch_covariance(s, POINTS, s.n_examples), np.zeros((3, 2, 2)))


def test_sampler_draws_every_example_once_per_epoch_and_is_seeded():
    mb = MiniBatch(4, seed=7)
    n = 14  # 3 batches per epoch, 2 examples left out each epoch
    for epoch in range(3):
        seen = np.concatenate([mb.examples(3 * epoch + j, n) for j in range(3)])
        assert len(seen) == 12 and len(set(seen.tolist())) == 12
    np.testing.assert_array_equal(mb.examples(5, n), MiniBatch(4, seed=7).examples(5, n))
    assert any(not np.array_equal(mb.examples(k, n), MiniBatch(4, seed=8).examples(k, n))
               for k in range(3))


def test_sampled_batches_are_unbiased_within_their_standard_error():
    s = _finite_sums()[0]
    p = POINTS[:1]
    mb, n, b = MiniBatch(3, seed=1), s.n_examples, 3
    draws = np.array([s.batch_grad(p, mb.examples(k, n))[0] for k in range(4000)])
    cov = batch_covariance(s, p[0], b)
    # 4000 draws: the mean is within 4 standard errors (an epoch's batches are anti-correlated,
    # which only shrinks the error)
    error = np.sqrt(np.diag(cov) / len(draws))
    assert np.all(np.abs(draws.mean(axis=0) - s.grad(p)[0]) < 4 * error)
    np.testing.assert_allclose(np.cov(draws.T), cov, rtol=0.15)


def test_engine_uses_the_batches_and_keeps_the_true_gradient_readout():
    s = _finite_sums()[0]
    gd = optimizers.make("gd", lr=0.1)
    start = np.array([[0.0, 0.0]])
    run = simulate(s, gd, start, 3, batch=MiniBatch(2, seed=3))
    first = start - 0.1 * s.batch_grad(start, MiniBatch(2, seed=3).examples(0, s.n_examples))
    np.testing.assert_allclose(run.points[1], first, rtol=1e-15)
    np.testing.assert_allclose(run.grad_norm[1], np.linalg.norm(s.grad(run.points[1]), axis=1))
    full = simulate(s, gd, start, 3, batch=MiniBatch(s.n_examples))
    np.testing.assert_array_equal(full.points, simulate(s, gd, start, 3).points)
    with pytest.raises(ValueError, match="not a sum of per-example losses"):
        simulate(surfaces.get("quadratic"), gd, start, 3, batch=MiniBatch(2))
    with pytest.raises(ValueError, match="Invalid batch_size"):
        MiniBatch(0)
    with pytest.raises(ValueError, match="Invalid noise seed"):
        MiniBatch(2, seed=-1)


def test_batches_and_gaussian_noise_combine():
    s = _finite_sums()[0]
    gd = optimizers.make("gd", lr=0.1)
    both = simulate(s, gd, [[0.0, 0.0]], 2, noise=Noise(1.0, 0), batch=MiniBatch(3, 0))
    batch_only = simulate(s, gd, [[0.0, 0.0]], 2, batch=MiniBatch(3, 0))
    assert not np.array_equal(both.points, batch_only.points)


def test_stationary_covariance_solves_the_lyapunov_equation():
    h = np.array([[3.0, 1.0], [1.0, 2.0]])
    c = np.array([[0.5, 0.1], [0.1, 0.2]])
    lr = 0.2
    sigma = stationary_covariance(h, c, lr)
    a = np.eye(2) - lr * h
    np.testing.assert_allclose(sigma, a @ sigma @ a.T + lr**2 * c, rtol=1e-12)
    assert np.isnan(stationary_covariance(h, c, 1.0)).all()  # lr * lambda_max > 2: no cloud


def test_ellipse_is_the_two_sigma_contour():
    cov = np.array([[4.0, 1.0], [1.0, 1.0]])
    pts = ellipse((1.0, -1.0), cov, scale=2.0)
    d = pts - np.array([1.0, -1.0])
    np.testing.assert_allclose(np.einsum("ni,ij,nj->n", d, np.linalg.inv(cov), d), 4.0,
                               rtol=1e-12)
    np.testing.assert_array_equal(pts[0], pts[-1])


# ---------------------------------------------------------------------------------------------
# Scenario format and the lesson
# ---------------------------------------------------------------------------------------------
def test_batch_size_round_trips_and_bad_values_name_the_key():
    sc = S.load("p3_minibatch")
    again = S.loads(S.dumps(sc))
    assert [r.batch_size for r in again.racers] == [None, 8, 1]
    text = S.dumps(sc)
    with pytest.raises(S.ScenarioError, match=r"racers\[1\]\.batch_size: Invalid batch_size"):
        S.loads(text.replace("batch_size = 8", "batch_size = 0"))
    with pytest.raises(S.ScenarioError, match=r"racers\[1\]\.batch_size: expected a whole"):
        S.loads(text.replace("batch_size = 8", "batch_size = 2.5"))
    quad = sc.with_changes(surface="quadratic", surface_params={})
    with pytest.raises(S.ScenarioError, match="not a sum of per-example losses"):
        S.loads(S.dumps(quad))


def _lesson():
    sc = S.load("p3_minibatch")
    surface = sc.build_surface()
    runs = {r.racer.batch_size: r for r in sc.simulate(surface)}
    return sc, surface, runs


def test_p3_minibatch_lesson_says_what_its_runs_show():
    sc, surface, runs = _lesson()
    n = surface.n_examples
    assert n == 64 and sc.lesson.tag == "P3" and sc.lesson.follows == "p3_sgd_noise"
    lr = runs[None].racer.params["lr"]
    assert all(r.racer.params["lr"] == lr and r.racer.optimizer == "gd" for r in runs.values())
    f_min = surface.min_value
    # the full batch glides into the minimum and stays
    assert runs[None].trajectories.loss[-1, 0] - f_min < 1e-12
    # "9 times smaller for b = 8 out of 64": (n - b) / (b (n - 1)) against b = 1
    p = surface.solution
    ratio = batch_covariance(surface, p, 1)[0, 0] / batch_covariance(surface, p, 8)[0, 0]
    assert ratio == pytest.approx(9.0, rel=1e-12)
    # the stationary cloud of batch 1: about 0.94 of extra loss in theory, measured 1.1
    excess = {b: r.trajectories.loss[500:, 0].mean() - f_min for b, r in runs.items()}
    cloud = stationary_cloud(surface, p, lr, 1)
    theory = 0.5 * np.trace(surface.hessian(p) @ cloud.covariance)  # f - f* = d^T H d / 2
    assert theory == pytest.approx(0.94, abs=0.005)
    assert excess[1] == pytest.approx(1.1, abs=0.05)
    # an epoch (64 steps) is much longer than the relaxation time 1 / (lr lambda) = 5 steps,
    # so reshuffling barely matters for batch 1: the measured cloud is the theory's, +-25 %
    assert 0.75 < excess[1] / theory < 1.25
    # batch 8 measures more than 9 times less
    assert excess[1] / excess[8] > 9
    # neither settles: the last loss is above the minimum
    assert runs[8].trajectories.loss[-1, 0] - f_min > 1e-3


def test_cli_runs_a_scenario_with_a_batch_size_and_refuses_a_bowl(capsys):
    import json

    from app.cli import main

    assert main(["run", "--scenario", "p3_minibatch", "--steps", "3", "--batch-size", "4"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["batch_size"] for r in data["racers"]] == [4, 4, 4]
    assert main(["run", "--surface", "quadratic", "--optimizer", "gd", "--start", "1,1",
                 "--steps", "3", "--batch-size", "4"]) == 2
    assert "not a sum of per-example losses" in capsys.readouterr().err


def test_a_label_template_names_the_batch_size():
    from app import labels
    from app.scenario import Racer

    assert labels.render(Racer("gd", {"lr": 0.1}, label="{optimizer}, batch {batch}",
                               batch_size=8)) == "GD, batch 8"
    assert labels.render(Racer("gd", {"lr": 0.1}, label="batch {batch}")) == "batch full"
