"""Curvature and stability (app.analysis): every expected number comes from theory.

- the Hessian of ``quadratic`` has its parameters as eigenvalues, anywhere, at any angle;
- the Taylor prediction is exact on a quadratic and off by O(eps^3) elsewhere;
- the GD verdict flips exactly at ``lr = 2 / lambda_max`` (momentum: ``(2 + 2 mu) / lambda_max``);
- Goh's optimal momentum converges at ``(sqrt(kappa) - 1) / (sqrt(kappa) + 1)`` per step, GD at
  ``2 / (l1 + l2)`` at ``(kappa - 1) / (kappa + 1)``;
- the maps put their diverged region at the analytic boundary, agree with ``engine.simulate``
  cell by cell, find Himmelblau's four basins, report progress and cancel early;
- rms Adagrad's effective step grows after a quiet stretch (the burst), torch's sum form never;
- ``descent-lab analyze`` prints the same numbers as strict JSON and rejects bad input.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

import surfaces
from app import optimizers, schedules
from app.analysis import (
    DIVERGED,
    NO_MINIMUM,
    NOT_CONVERGED,
    VERDICT_DIVERGING,
    VERDICT_EDGE,
    VERDICT_NO_LIMIT,
    VERDICT_OSCILLATING,
    VERDICT_STABLE,
    analyze_point,
    basin_map,
    curvature,
    curvature_map,
    effective_step,
    effective_step_trace,
    hyperparameter_map,
    optimal_hyperparameters,
    sharpness_trace,
    stability,
    stability_limit,
    taylor_step,
)
from app.cli import main
from app.engine import iterate, simulate
from surfaces import Surface

RNG_SEED = 20240611


class _Rosenbrock(Surface):
    """Fallback if the registry has no ``rosenbrock``: ``(1 - x)^2 + 100 (y - x^2)^2``."""

    name = "rosenbrock (test)"
    minima = ((1.0, 1.0),)

    def _value(self, x, y):
        return (1 - x) ** 2 + 100 * (y - x * x) ** 2

    def _grad(self, x, y):
        u = y - x * x
        return -2 * (1 - x) - 400 * x * u, 200 * u

    def _hessian(self, x, y):
        one = np.ones(np.broadcast(x, y).shape)
        return 2 - 400 * y + 1200 * x * x, -400 * x * one, 200 * one


class _Himmelblau(Surface):
    """Fallback if the registry has no ``himmelblau``."""

    name = "himmelblau (test)"
    window = ((-5.0, 5.0), (-5.0, 5.0))
    minima = ((3.0, 2.0), (-2.805118086952745, 3.131312518250573),
              (-3.779310253377747, -3.283185991286170), (3.584428340330492, -1.848126526964404))

    def _value(self, x, y):
        return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2

    def _grad(self, x, y):
        a, b = x * x + y - 11, x + y * y - 7
        return 4 * x * a + 2 * b, 2 * a + 4 * y * b

    def _hessian(self, x, y):
        a, b = x * x + y - 11, x + y * y - 7
        return 4 * a + 8 * x * x + 2, 4 * x + 4 * y, 2 + 4 * b + 8 * y * y


class _Hilltop(Surface):
    name = "hilltop (test)"

    def _value(self, x, y):
        return -(x * x) - 2 * y * y

    def _grad(self, x, y):
        return -2 * x, -4 * y

    def _hessian(self, x, y):
        one = np.ones(np.broadcast(x, y).shape)
        return -2 * one, 0 * one, -4 * one


def registered_or(name: str, fallback: type[Surface]) -> Surface:
    return surfaces.get(name) if name in surfaces.names() else fallback()


# --------------------------------------------------------------------------------------------
# Curvature at a point
# --------------------------------------------------------------------------------------------
def test_quadratic_eigenvalues_are_its_parameters_everywhere():
    rng = np.random.default_rng(RNG_SEED)
    for _ in range(50):
        l1, l2 = 10 ** rng.uniform(-2, 3, size=2)
        angle = rng.uniform(-180, 180)
        bowl = surfaces.get("quadratic", lambda1=l1, lambda2=l2, angle=angle,
                            x0=rng.uniform(-3, 3), y0=rng.uniform(-3, 3))
        c = curvature(bowl, rng.uniform(-10, 10, size=2))
        big = max(l1, l2)
        np.testing.assert_allclose(c.eigenvalues, sorted([l1, l2]), rtol=0, atol=1e-12 * big)
        assert c.eigenvalues[0] <= c.eigenvalues[1]
        assert c.lambda_max == c.eigenvalues[1]
        # unit eigenvectors, H v = lambda v, x component >= 0
        v = c.eigenvectors
        np.testing.assert_allclose(v.T @ v, np.eye(2), atol=1e-12)
        np.testing.assert_allclose(c.hessian @ v, v * c.eigenvalues, atol=1e-11 * big)
        assert (v[0] >= 0).all()
        # the eigenvector of lambda2 points along the rotated second axis
        t = np.deg2rad(angle)
        axis2 = np.array([-np.sin(t), np.cos(t)])
        assert abs(abs(axis2 @ v[:, int(l2 >= l1)]) - 1) < 1e-9
        assert math.isclose(c.condition_number, big / min(l1, l2), rel_tol=1e-10)
        assert c.kind == "convex" and not c.non_convex


def test_condition_number_and_kind_at_non_convex_points():
    saddle = curvature(surfaces.get("saddle"), (0.3, -0.2))
    assert saddle.eigenvalues.tolist() == [-2.0, 2.0]
    assert saddle.kind == "saddle" and saddle.non_convex
    assert saddle.condition_number == 1.0  # max|l| / min|l|
    flat = curvature(surfaces.get("monkey_saddle"), (0.0, 0.0))
    assert flat.eigenvalues.tolist() == [0.0, 0.0]
    assert flat.condition_number == math.inf and flat.kind == "degenerate"
    top = curvature(_Hilltop(), (1.0, 1.0))
    assert top.eigenvalues.tolist() == [-4.0, -2.0] and top.kind == "concave"
    assert top.condition_number == 2.0
    assert stability(top.lambda_max, 0.1).verdict == VERDICT_NO_LIMIT
    a = analyze_point(surfaces.get("saddle"), (1.0, 0.5), lr=0.1)
    assert "negative eigenvalue" in a.note and "1.2" in a.note  # 1 - 0.1 * (-2)
    with pytest.raises(ValueError, match="point"):
        curvature(surfaces.get("saddle"), (1.0, float("nan")))


def test_curvature_map_on_quadratic_and_saddle():
    m = curvature_map(surfaces.get("quadratic", lambda1=2, lambda2=50, angle=33), resolution=16)
    np.testing.assert_allclose(m.lambda_min, 2.0, rtol=1e-12)
    np.testing.assert_allclose(m.lambda_max, 50.0, rtol=1e-12)
    np.testing.assert_allclose(m.condition_number, 25.0, rtol=1e-10)
    np.testing.assert_allclose(m.max_stable_lr(), 2 / 50, rtol=1e-12)
    s = curvature_map(surfaces.get("saddle"), resolution=5)
    assert (s.condition_number == 1).all() and (s.lambda_min == -2).all()


# --------------------------------------------------------------------------------------------
# Taylor prediction (lesson P2)
# --------------------------------------------------------------------------------------------
def test_taylor_prediction_is_exact_on_a_quadratic():
    rng = np.random.default_rng(RNG_SEED + 1)
    for _ in range(50):
        l1, l2 = 10 ** rng.uniform(-1, 2, size=2)
        bowl = surfaces.get("quadratic", lambda1=l1, lambda2=l2, angle=rng.uniform(0, 180))
        p = rng.uniform(-3, 3, size=2)
        eps = 10 ** rng.uniform(-3, 0) / max(l1, l2)
        t = taylor_step(bowl, p, eps)
        scale = max(abs(t.actual), abs(t.first_order), abs(t.second_order))
        # exact to 1e-12 relative, up to the rounding of the two values f(p - eps g) - f(p)
        # (a quadratic form's rounding error is a few ulp of lambda_max |p|^2)
        rounding = 16 * np.finfo(float).eps * max(l1, l2) * (p @ p)
        assert abs(t.actual - t.predicted) <= 1e-12 * scale + rounding
        g = bowl.grad(p)
        h = bowl.hessian(p)
        assert math.isclose(t.first_order, -eps * g @ g, rel_tol=1e-14)
        assert math.isclose(t.second_order, eps**2 / 2 * g @ h @ g, rel_tol=1e-14)
        # the predicted change is zero at break_even_eps, lowest at best_eps
        assert math.isclose(t.break_even_eps, 2 * t.best_eps, rel_tol=1e-14)
        even = taylor_step(bowl, p, t.break_even_eps)
        assert abs(even.predicted) <= 1e-12 * abs(even.first_order)
        lo, hi = min(l1, l2), max(l1, l2)
        assert lo * (1 - 1e-12) <= t.curvature_along_gradient <= hi * (1 + 1e-12)


def test_curvature_term_wins_above_two_over_lambda_on_a_bowl():
    """P1 in Taylor's words: along the steep axis a step above 2 / lambda raises the cost."""
    bowl = surfaces.get("quadratic", lambda1=1, lambda2=20)
    assert not taylor_step(bowl, (0.0, 1.0), 0.09).curvature_wins
    t = taylor_step(bowl, (0.0, 1.0), 0.12)
    assert t.curvature_wins and t.actual > 0 and t.predicted > 0


@pytest.mark.parametrize("which", ["registered", "inline"])
def test_taylor_error_shrinks_like_eps_cubed(which):
    surf = registered_or("rosenbrock", _Rosenbrock) if which == "registered" else _Rosenbrock()
    p = (-0.5, 0.8)
    c = curvature(surf, p)
    eps0 = 0.05 / max(abs(c.eigenvalues)) / max(1.0, c.gradient_norm / 10)
    eps = eps0 / 2.0 ** np.arange(7)
    errors = np.array([abs(taylor_step(surf, p, e).error) for e in eps])
    assert (errors > 0).all()
    slope = np.polyfit(np.log(eps), np.log(errors), 1)[0]
    assert abs(slope - 3) < 0.3, (slope, errors)
    ratios = errors[:-1] / errors[1:]  # halving eps divides the error by ~8
    assert np.all((ratios > 6) & (ratios < 10)), ratios


# --------------------------------------------------------------------------------------------
# Stability verdicts (lesson P1)
# --------------------------------------------------------------------------------------------
def test_verdict_flips_exactly_at_two_over_lambda_max():
    rng = np.random.default_rng(RNG_SEED + 2)
    for lam in [20.0, 1.0, *10 ** rng.uniform(-3, 4, size=20)]:
        edge = 2.0 / lam
        below = stability(lam, edge * (1 - 1e-9))
        above = stability(lam, edge * (1 + 1e-9))
        assert below.verdict == VERDICT_OSCILLATING and not below.diverging
        assert above.verdict == VERDICT_DIVERGING and above.diverging
        assert below.limit == above.limit == 2.0
        assert math.isclose(above.max_stable_lr, edge, rel_tol=1e-15)
        assert below.contraction < 1 < above.contraction
    assert stability(20.0, 0.1).verdict == VERDICT_EDGE  # 0.1 * 20 == 2
    assert stability(20.0, 0.1).contraction == 1.0
    assert stability(20.0, 0.01).verdict == VERDICT_STABLE  # 0.2: monotone
    assert math.isclose(stability(20.0, 0.01).contraction, 0.8)
    assert stability(20.0, 0.05).verdict == VERDICT_STABLE  # exactly 1: solved in one step
    assert stability(20.0, 0.075).verdict == VERDICT_OSCILLATING  # 1.5: bouncing, shrinking
    assert math.isclose(stability(20.0, 0.075).contraction, 0.5)
    assert stability(20.0, 0.12).verdict == VERDICT_DIVERGING  # 2.4 (the seed's 0.12 figure)


def test_momentum_verdicts_follow_the_two_by_two_iteration_matrix():
    lam = 10.0
    for mu in (0.1, 0.5, 0.9, 0.99):
        limit = 2 + 2 * mu
        assert stability_limit(mu) == limit
        assert stability(lam, limit / lam * (1 - 1e-9), mu).verdict == VERDICT_OSCILLATING
        assert stability(lam, limit / lam * (1 + 1e-9), mu).verdict == VERDICT_DIVERGING
        lo, hi = (1 - math.sqrt(mu)) ** 2, (1 + math.sqrt(mu)) ** 2
        # real roots >= 0 below lo: stable; complex between: a shrinking spiral of radius sqrt(mu)
        assert stability(lam, 0.5 * lo / lam, mu).verdict == VERDICT_STABLE
        spiral = stability(lam, (lo + hi) / 2 / lam, mu)
        assert spiral.verdict == VERDICT_OSCILLATING and spiral.complex_roots
        assert math.isclose(spiral.contraction, math.sqrt(mu), rel_tol=1e-12)
        # negative real root between hi and the limit: flips sign every step
        flip = stability(lam, (hi + limit) / 2 / lam, mu)
        assert flip.verdict == VERDICT_OSCILLATING and not flip.complex_roots
        # Nesterov's limit 2 (1 + mu) / (1 + 2 mu)
        nl = 2 * (1 + mu) / (1 + 2 * mu)
        assert stability(lam, nl / lam * (1 - 1e-9), mu, nesterov=True).verdict != \
            VERDICT_DIVERGING
        assert stability(lam, nl / lam * (1 + 1e-9), mu, nesterov=True).verdict == \
            VERDICT_DIVERGING
    with pytest.raises(ValueError, match="learning rate"):
        stability(1.0, -0.1)
    with pytest.raises(ValueError, match="momentum"):
        stability(1.0, 0.1, momentum=1.0)


def test_momentum_verdict_matches_a_simulated_run():
    """The limit 2 + 2 mu is where the real optimizer starts to blow up on a bowl."""
    bowl = surfaces.get("quadratic", lambda1=1, lambda2=10)
    for mu in (0.0, 0.5, 0.9):
        edge = (2 + 2 * mu) / 10
        ok = simulate(bowl, optimizers.make("momentum", lr=edge * 0.97, momentum=mu),
                      [[1.0, 1.0]], 1000)
        bad = simulate(bowl, optimizers.make("momentum", lr=edge * 1.03, momentum=mu),
                       [[1.0, 1.0]], 1000)
        assert ok.diverged_at[0] == -1 and ok.loss[-1, 0] < 1e-6
        assert bad.diverged_at[0] > 0


# --------------------------------------------------------------------------------------------
# Optimal hyperparameters on a quadratic (Goh)
# --------------------------------------------------------------------------------------------
def measured_rate(run, lo: int, hi: int) -> float:
    d = np.linalg.norm(run.points[:, 0, :], axis=1)
    return float((d[hi] / d[lo]) ** (1.0 / (hi - lo)))


def test_goh_optimal_momentum_and_gd_rates_on_kappa_100():
    bowl = surfaces.get("quadratic", lambda1=1.0, lambda2=100.0, angle=27.0)
    best = optimal_hyperparameters(bowl)
    kappa = 100.0
    assert best.condition_number == kappa
    assert math.isclose(best.momentum_rate, (10 - 1) / (10 + 1))
    assert math.isclose(best.momentum, (9 / 11) ** 2)
    assert math.isclose(best.momentum_lr, (2 / (1 + 10)) ** 2)
    assert math.isclose(best.gd_lr, 2 / 101)
    start = [[-7.0, 4.0]]
    heavy = simulate(bowl, optimizers.make("momentum", lr=best.momentum_lr,
                                           momentum=best.momentum), start, 700)
    rate = measured_rate(heavy, 100, 700)
    assert abs(rate / best.momentum_rate - 1) < 0.02, rate
    gd = simulate(bowl, optimizers.make("gd", lr=best.gd_lr), start, 400)
    d = np.linalg.norm(gd.points[:, 0, :], axis=1)
    ratios = d[1:] / d[:-1]  # both axes shrink by exactly (kappa - 1) / (kappa + 1) each step
    np.testing.assert_allclose(ratios, (kappa - 1) / (kappa + 1), rtol=1e-9)
    # the other ways to ask for the same numbers
    assert optimal_hyperparameters((100.0, 1.0)) == best
    local = optimal_hyperparameters(bowl, point=(0.3, -0.4))
    assert math.isclose(local.momentum, best.momentum, rel_tol=1e-9)
    with pytest.raises(ValueError, match="> 0"):
        optimal_hyperparameters(surfaces.get("saddle"), point=(0.0, 0.0))


# --------------------------------------------------------------------------------------------
# Sharpness trace
# --------------------------------------------------------------------------------------------
def test_sharpness_trace_against_edge_of_stability():
    bowl = surfaces.get("quadratic", lambda1=1.0, lambda2=20.0)
    sched = schedules.make("exponential", gamma=0.99)
    run = simulate(bowl, optimizers.make("gd", lr=0.05), [[1.0, 1.0], [-2.0, 0.5]], 50, sched)
    tr = sharpness_trace(bowl, run)
    assert tr.lambda_max.shape == (51, 2)
    np.testing.assert_allclose(tr.lambda_max, 20.0, rtol=1e-12)
    np.testing.assert_allclose(tr.edge[:-1], 2 / run.lr)
    np.testing.assert_allclose(tr.lr_lambda_max[:-1, 0], 20 * run.lr)
    heavy = sharpness_trace(bowl, run, momentum=0.5)
    np.testing.assert_allclose(heavy.edge[:-1], 3 / run.lr)
    blown = simulate(bowl, optimizers.make("gd", lr=0.15), [[1.0, 1.0]], 200)
    k = int(blown.diverged_at[0])
    t2 = sharpness_trace(bowl, blown)
    assert np.isfinite(t2.lambda_max[:k]).all() and np.isnan(t2.lambda_max[k:]).all()


# --------------------------------------------------------------------------------------------
# Effective step sizes (lessons P5, P6)
# --------------------------------------------------------------------------------------------
def test_rms_adagrad_step_grows_after_a_quiet_stretch_and_sum_form_never():
    valley = surfaces.get("quadratic", lambda1=0.01, lambda2=1.0)
    start = [[-8.0, 1.0]]
    rms = effective_step_trace(valley, optimizers.make("adagrad_rms", lr=0.1), start, 400)
    y = rms.effective_step[:, 0, 1]
    assert np.isnan(y[0])
    assert y[400] > 3 * y[20]  # the y gradient went quiet, its mean square shrank
    assert y[200] > y[100] > y[50]
    total = effective_step_trace(valley, optimizers.make("adagrad", lr=0.1), start, 400)
    ty = total.effective_step[1:, 0, 1]
    assert (np.diff(ty) <= 0).all()  # the sum never shrinks: no burst
    # the state from engine.iterate, by the formula lr / (sqrt(sum / t) + eps)
    opt = optimizers.make("adagrad_rms", lr=0.1, lr_decay=0.01)
    for s in iterate(valley, opt, start, 30):
        if s.step == 30:
            expected = 0.1 / (1 + 29 * 0.01) / (np.sqrt(s.state.sum / 30) + 1e-10)
            np.testing.assert_allclose(effective_step(s.state, opt), expected, rtol=1e-15)


@pytest.mark.parametrize("name, hyper", [
    ("gd", {"lr": 0.05}),
    ("momentum", {"lr": 0.05, "momentum": 0.9}),
    ("adagrad", {"lr": 0.3, "lr_decay": 0.1}),
    ("adagrad_rms", {"lr": 0.3}),
    ("rmsprop", {"lr": 0.01}),
    ("rmsprop", {"lr": 0.01, "centered": True}),
    ("adam", {"lr": 0.1}),
    ("adam", {"lr": 0.1, "amsgrad": True}),
    ("adam", {"lr": 0.1, "bias_correction": False}),
    ("adamw", {"lr": 0.1, "weight_decay": 0.0}),
])
def test_effective_step_is_the_step_the_optimizer_took(name, hyper):
    """Displacement = -effective_step * direction (g; momentum buffer; Adam: m / (1 - b1^t))."""
    bowl = surfaces.get("quadratic", lambda1=1.0, lambda2=10.0, angle=20)
    opt = optimizers.make(name, **hyper)
    sched = schedules.make("exponential", gamma=0.9)
    prev = None
    for s in iterate(bowl, opt, [[2.0, -1.0], [0.5, 0.7]], 6, schedule=sched):
        if prev is not None:
            lr = opt.lr * 0.9 ** (s.step - 1)
            eff = effective_step(s.state, opt, lr, shape=s.points.shape)
            st = s.state
            if name == "momentum":
                direction = st.momentum_buffer
            elif name in ("adam", "adamw"):
                direction = st.exp_avg / (1 - opt.hyper["betas"][0] ** s.step) \
                    if opt.hyper.get("bias_correction", True) else st.exp_avg
            else:
                direction = prev.grad
            np.testing.assert_allclose(s.points - prev.points, -eff * direction, rtol=1e-12,
                                       atol=1e-15)
        prev = s


# --------------------------------------------------------------------------------------------
# Hyperparameter maps
# --------------------------------------------------------------------------------------------
BOWL = dict(lambda1=1.0, lambda2=10.0, angle=30.0)


def test_gd_map_diverges_from_the_first_lr_above_two_over_lambda_max():
    bowl = surfaces.get("quadratic", **BOWL)
    # log grid with 2 / lambda_max = 0.2 exactly half a grid step (6%) between two values
    lrs = 0.2 * 10 ** ((np.arange(-30, 10) + 0.5) / 20)
    m = hyperparameter_map(bowl, "gd", (-3.0, 2.0), lrs, steps=500)
    assert m.steps_to_converge.shape == (1, lrs.size) and m.param is None
    diverged = m.diverged[0]
    first = int(np.argmax(diverged))
    assert lrs[first - 1] < 0.2 < lrs[first]
    assert diverged[first:].all() and not diverged[:first].any()
    assert (m.diverged_at[0, first:] > 0).all() and (m.diverged_at[0, :first] == -1).all()
    assert (m.steps_to_converge[0, :first] != DIVERGED).all()
    # convergence along the stable columns gets faster with lr until the bounce takes over
    conv = m.steps_to_converge[0, :first]
    assert (conv[conv >= 0] > 0).all() and (conv == NOT_CONVERGED).any()


def test_momentum_map_diverges_at_lr_lambda_max_equal_two_plus_two_momentum():
    bowl = surfaces.get("quadratic", **BOWL)
    lrs = 10 ** (np.arange(-40, 1) / 20)  # 0.01 .. 1, 20 per decade
    ks = np.arange(-14, -8)  # boundaries at 10^((k + 0.5) / 20): half a grid step from both sides
    mus = 10.0 / 2 * 10 ** ((ks + 0.5) / 20) - 1  # (2 + 2 mu) / 10 = 10^((k + 0.5) / 20)
    assert mus.min() > 0 and mus.max() < 0.95
    m = hyperparameter_map(bowl, "momentum", (-3.0, 2.0), lrs, "momentum", mus, steps=500)
    assert m.steps_to_converge.shape == (mus.size, lrs.size)
    for j, mu in enumerate(mus):
        boundary = (2 + 2 * mu) / 10
        assert (m.diverged[j] == (lrs > boundary)).all(), (mu, m.steps_to_converge[j])
        verdicts = [stability(10.0, lr, mu).diverging for lr in lrs]
        assert (m.diverged[j] == np.array(verdicts)).all()
    # plain GD is the momentum = 0 row of the "gd" map with a momentum axis
    g = hyperparameter_map(bowl, "gd", (-3.0, 2.0), lrs, "momentum", [0.0, 0.5], steps=300)
    plain = hyperparameter_map(bowl, "gd", (-3.0, 2.0), lrs, steps=300)
    assert (g.steps_to_converge[0] == plain.steps_to_converge[0]).all()


def reference_cells(surface, optimizer, starts, steps, tol, schedule=None):
    """Per start: (code, diverged_at, final loss) from engine.simulate."""
    run = simulate(surface, optimizer, starts, steps, schedule)
    out = []
    for c in range(run.n):
        pts = run.points[:, c]
        d2 = ((pts[:, None, :] - surface.minima[None]) ** 2).sum(-1).min(axis=1)
        k = int(run.diverged_at[c])
        hits = np.flatnonzero(d2[: (k if k >= 0 else steps + 1)] < tol * tol)
        if hits.size:
            out.append((int(hits[0]), -1, run.loss[hits[0], c]))
        elif k >= 0:
            out.append((DIVERGED, k, run.loss[k, c]))
        else:
            out.append((NOT_CONVERGED, -1, run.loss[-1, c]))
    return out


def reference_cell(surface, optimizer, start, steps, tol, schedule=None):
    return reference_cells(surface, optimizer, [start], steps, tol, schedule)[0]


@pytest.mark.parametrize("name, param, values, extra", [
    ("momentum", "momentum", np.linspace(0, 0.95, 6), {}),
    ("nesterov", "momentum", np.linspace(0.05, 0.95, 6), {}),
    ("sgd", "momentum", np.linspace(0, 0.9, 4), {"dampening": 0.3, "weight_decay": 0.1}),
    ("adam", "beta1", np.linspace(0, 0.95, 6), {}),
    ("adam", "beta1", np.array([0.3, 0.9]), {"amsgrad": True, "weight_decay": 0.05}),
    ("adamw", "beta1", np.array([0.0, 0.6, 0.9]), {"weight_decay": 0.1}),
    ("rmsprop", "alpha", np.array([0.5, 0.9, 0.99]), {"momentum": 0.5}),
    ("nadam", "beta1", np.array([0.5, 0.9]), {}),
    ("adagrad_rms", None, None, {}),
    ("gd", None, None, {}),
])
def test_map_cells_equal_engine_runs(name, param, values, extra):
    bowl = surfaces.get("quadratic", **BOWL)
    lrs = np.geomspace(1e-3, 1.5, 12)
    sched = schedules.make("exponential", gamma=0.995)
    rng = np.random.default_rng(RNG_SEED + 3)
    for schedule in (None, sched):
        m = hyperparameter_map(bowl, name, (-3.0, 2.0), lrs, param, values, hyper=extra,
                               steps=150, schedule=schedule)
        for j in range(m.values.size):
            for i in rng.choice(lrs.size, 4, replace=False):
                hyper = dict(extra, lr=lrs[i])
                if param == "beta1":
                    hyper["betas"] = (m.values[j], 0.999)
                elif param is not None:
                    hyper[param] = m.values[j]
                code, div, loss = reference_cell(bowl, optimizers.make(name, **hyper),
                                                 (-3.0, 2.0), 150, 1e-3, schedule)
                assert (code, div) == (m.steps_to_converge[j, i], m.diverged_at[j, i])
                assert loss == m.final_loss[j, i] or (np.isnan(loss) and
                                                      np.isnan(m.final_loss[j, i]))


def test_map_argument_errors():
    bowl = surfaces.get("quadratic", **BOWL)
    with pytest.raises(ValueError, match="values"):
        hyperparameter_map(bowl, "momentum", (1, 1), [0.1], "momentum")
    with pytest.raises(ValueError, match="param"):
        hyperparameter_map(bowl, "momentum", (1, 1), [0.1], values=[0.5])
    with pytest.raises(ValueError, match="Invalid map parameter"):
        hyperparameter_map(bowl, "momentum", (1, 1), [0.1], "colour", [1.0])
    with pytest.raises(ValueError, match="learning rate"):
        hyperparameter_map(bowl, "gd", (1, 1), [-0.1, 0.1])
    with pytest.raises(ValueError, match="momentum"):
        hyperparameter_map(bowl, "momentum", (1, 1), [0.1], "momentum", [0.5, 1.5])
    with pytest.raises(ValueError, match="Unknown optimizer"):
        hyperparameter_map(bowl, "adamm", (1, 1), [0.1])
    with pytest.raises(ValueError, match="criterion"):
        hyperparameter_map(bowl, "gd", (1, 1), [0.1], criterion="speed")
    with pytest.raises(ValueError, match="no known minima"):
        basin_map(surfaces.get("saddle"), "gd")
    with pytest.raises(ValueError, match="steps"):
        basin_map(bowl, "gd", steps=0)


def test_map_criteria_loss_and_gradient():
    bowl = surfaces.get("quadratic", lambda1=1.0, lambda2=4.0)
    lrs = np.array([0.1, 0.2])
    by_loss = hyperparameter_map(bowl, "gd", (1.0, 1.0), lrs, criterion="loss", tol=1e-6)
    by_grad = hyperparameter_map(bowl, "gd", (1.0, 1.0), lrs, criterion="gradient", tol=1e-3)
    for m, what in ((by_loss, "loss"), (by_grad, "grad")):
        for i, lr in enumerate(lrs):
            run = simulate(bowl, optimizers.make("gd", lr=lr), [[1.0, 1.0]], 500)
            if what == "loss":
                hit = np.flatnonzero(run.loss[:, 0] < 1e-6)[0]
            else:
                hit = np.flatnonzero(run.grad_norm[:, 0] ** 2 < 1e-6)[0]
            assert m.steps_to_converge[0, i] == hit


# --------------------------------------------------------------------------------------------
# Basin maps
# --------------------------------------------------------------------------------------------
def test_basin_map_finds_himmelblaus_four_minima():
    hill = registered_or("himmelblau", _Himmelblau)
    b = basin_map(hill, optimizers.make("gd", lr=0.005), resolution=41, window=((-5, 5), (-5, 5)),
                  steps=500)
    assert b.minimum.shape == (41, 41) and b.minima.shape == (4, 2)
    assert not b.diverged.any()
    for k, (mx, my) in enumerate(b.minima):
        assert (b.minimum == k).sum() > 20
        i, j = int(np.argmin(abs(b.xs - mx))), int(np.argmin(abs(b.ys - my)))
        assert b.minimum[j, i] == k
        done = b.minimum == k
        assert np.all(np.hypot(*(b.final_points[done] - (mx, my)).T) < 1e-3)
    # a cell that reached no minimum says so in both arrays
    none = b.minimum == NO_MINIMUM
    assert (b.steps_to_converge[none] < 0).all() and (b.steps_to_converge[~none] >= 0).all()


@pytest.mark.parametrize("name, hyper", [
    ("gd", {"lr": 0.03}),
    ("momentum", {"lr": 0.01, "momentum": 0.9}),
    ("nesterov", {"lr": 0.01, "momentum": 0.9}),
    ("adam", {"lr": 0.3}),
    ("rmsprop", {"lr": 0.05}),
    ("adagrad", {"lr": 1.0}),
])
def test_basin_map_cells_equal_engine_runs(name, hyper):
    hill = registered_or("himmelblau", _Himmelblau)
    opt = optimizers.make(name, **hyper)
    b = basin_map(hill, opt, resolution=(9, 7), steps=200)
    starts = np.stack(np.meshgrid(b.xs, b.ys), axis=-1).reshape(-1, 2)
    ref = reference_cells(hill, opt, starts, 200, 1e-3)
    assert [r[:2] for r in ref] == list(zip(b.steps_to_converge.ravel().tolist(),
                                            b.diverged_at.ravel().tolist(), strict=True))
    assert [r[2] for r in ref] == b.final_loss.ravel().tolist()
    assert (b.final_points.reshape(-1, 2)[b.steps_to_converge.ravel() == NOT_CONVERGED] ==
            simulate(hill, opt, starts, 200).points[-1][b.steps_to_converge.ravel() ==
                                                       NOT_CONVERGED]).all()


class _Counting(Surface):
    """A bowl that counts gradient evaluations (to see that a cancel stops the work)."""

    name = "counting bowl (test)"
    minima = ((0.0, 0.0),)
    window = ((-1.0, 1.0), (-1.0, 1.0))
    calls = 0

    def _value(self, x, y):
        return 0.5 * (x * x + 10 * y * y)

    def _grad(self, x, y):
        type(self).calls += 1
        return x, 10 * y

    def _hessian(self, x, y):
        one = np.ones(np.broadcast(x, y).shape)
        return one, 0 * one, 10 * one


def test_progress_reports_and_cancel_stops_early():
    bowl = _Counting()
    seen = []
    full = basin_map(bowl, "gd", hyper={"lr": 1e-4}, resolution=64, steps=300, tol=1e-9,
                     chunk_size=1024, progress=lambda f: seen.append(f))
    assert full is not None and len(seen) > 4
    assert seen == sorted(seen) and seen[-1] == 1.0 and 0 < seen[0] < 1
    full_calls = _Counting.calls
    _Counting.calls = 0
    calls = []

    def cancel(fraction):
        calls.append(fraction)
        return False

    assert basin_map(bowl, "gd", hyper={"lr": 1e-4}, resolution=64, steps=300, tol=1e-9,
                     chunk_size=1024, progress=cancel) is None
    assert len(calls) == 1 and _Counting.calls < full_calls / 20
    _Counting.calls = 0
    assert hyperparameter_map(bowl, "momentum", (0.5, 0.5), np.geomspace(1e-4, 1e-3, 64),
                              "momentum", np.linspace(0, 0.5, 64), steps=300, tol=1e-9,
                              chunk_size=1024, progress=cancel) is None
    assert _Counting.calls < full_calls / 20
    # None or True from the callback continue
    assert basin_map(bowl, "gd", resolution=4, steps=5, progress=lambda f: None) is not None


# --------------------------------------------------------------------------------------------
# The CLI
# --------------------------------------------------------------------------------------------
def _strict(text: str):
    def refuse(name):
        raise AssertionError(f"non-strict JSON constant {name}")

    return json.loads(text, parse_constant=refuse)


def test_cli_analyze_prints_the_functions_numbers(capsys):
    args = ["analyze", "--surface", "quadratic", "--surface-param", "lambda2=20",
            "--surface-param", "angle=30", "--point", "-1,2", "--lr", "0.12", "--momentum",
            "0.5", "--eps-step", "0.01"]
    assert main(args) == 0
    out = _strict(capsys.readouterr().out)
    bowl = surfaces.get("quadratic", lambda2=20, angle=30)
    a = analyze_point(bowl, (-1.0, 2.0), lr=0.12, momentum=0.5, eps=0.01)
    assert out["value"] == a.curvature.value
    assert out["gradient"] == a.curvature.gradient.tolist()
    assert out["hessian"] == a.curvature.hessian.tolist()
    assert out["eigenvalues"] == a.curvature.eigenvalues.tolist()
    assert out["eigenvectors"] == a.curvature.eigenvectors.T.tolist()
    assert out["condition_number"] == a.curvature.condition_number
    assert out["lambda_max"] == a.curvature.lambda_max
    assert out["lr_lambda_max"] == 0.12 * a.curvature.lambda_max
    assert out["limit"] == 3.0 and out["verdict"] == a.stability.verdict
    t = out["taylor"]
    assert (t["eps"], t["first_order"], t["second_order"], t["predicted"], t["actual"]) == (
        0.01, a.taylor.first_order, a.taylor.second_order, a.taylor.predicted, a.taylor.actual)
    # default eps = lr; non-finite numbers become null
    assert main(["analyze", "--surface", "monkey_saddle", "--point", "0,0", "--lr", "0.1"]) == 0
    out = _strict(capsys.readouterr().out)
    assert out["condition_number"] is None and out["taylor"]["eps"] == 0.1
    assert out["verdict"] == VERDICT_NO_LIMIT


@pytest.mark.parametrize("args", [
    ["--surface", "nope", "--point", "1,2"],
    ["--surface", "quadratic", "--point", "1"],
    ["--surface", "quadratic", "--point", "1,x"],
    ["--surface", "quadratic", "--point", "inf,2"],
    ["--surface", "quadratic", "--point", "1,2", "--lr", "-1"],
    ["--surface", "quadratic", "--point", "1,2", "--lr", "fast"],
    ["--surface", "quadratic", "--point", "1,2", "--momentum", "1"],
    ["--surface", "quadratic", "--point", "1,2", "--eps-step", "-0.1"],
    ["--surface", "quadratic", "--surface-param", "lambda2", "--point", "1,2"],
    ["--surface", "quadratic", "--surface-param", "lambda2=-3", "--point", "1,2"],
    ["--surface", "quadratic", "--surface-param", "colour=3", "--point", "1,2"],
    ["--surface", "quadratic"],
])
def test_cli_analyze_bad_input_exits_2_with_one_line(args, capsys):
    assert main(["analyze", *args]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("descent-lab: error:")
