"""The modern optimizers against their authors' code, and the references against theory.

Parity: ``tests/fixtures/modern_reference.json`` holds trajectories of each reference
implementation in float64 (lion-pytorch / Google's Lion, adabelief-pytorch, schedulefree,
prodigyopt, and cited copies of Adan, AdEMAMix, SophiaG and Lookahead), written by
``benchmarks/make_modern_reference.py`` in a separate environment; torch is not needed here.
Theory: damped Newton and gradient flow have no package to compare with; they are checked against
what is known in closed form.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

import surfaces
from app import optimizers, schedules
from app.engine import simulate
from app.optimizers.gradient_flow import flow

pytestmark = pytest.mark.filterwarnings("error")

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "modern_reference.json").read_text())
CASES = FIXTURE["cases"]
#: relative to max(1, |value|): torch's fused multiply-adds round once where numpy rounds twice
PARITY = 1e-10


def _run(case):
    surface = surfaces.get(case["surface"]["name"], **case["surface"]["params"])
    opt = optimizers.make(case["ours"]["name"], **case["ours"]["hyper"])
    sched = None
    if case["schedule"] is not None:
        sched = schedules.make(case["schedule"]["name"], **case["schedule"]["params"])
    return simulate(surface, opt, case["starts"], case["steps"], sched)


def relative_error(ours, reference) -> float:
    reference = np.asarray(reference, dtype=float)
    return float((np.abs(np.asarray(ours) - reference) / np.maximum(1.0, np.abs(reference))).max())


def test_fixture_covers_every_modern_optimizer():
    covered = {c["ours"]["name"] for c in CASES}
    assert covered == {"lion", "adabelief", "adan", "ademamix", "prodigy", "schedulefree_adamw",
                       "schedulefree_sgd", "sophia", "lookahead"}
    assert not FIXTURE["dropped_cases"]
    assert all(c["ulp_check"]["passed"] for c in CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_matches_the_reference_implementation(case):
    run = _run(case)
    assert (run.diverged_at == -1).all()
    np.testing.assert_allclose(run.lr, case["lr"], rtol=1e-15)
    assert relative_error(run.points, case["points"]) <= PARITY
    moved = np.abs(np.asarray(case["points"])[-1] - case["starts"]).max()
    assert moved > 1e-4, "a case that does not move tests nothing"
    for name, values in case["extras"].items():  # readouts: schedule-free's x, Prodigy's d, ...
        assert relative_error(run.extras[name][1:], values) <= PARITY, name


def test_prodigy_d_grows_from_d0_as_the_reference_estimates():
    case = next(c for c in CASES if c["name"] == "prodigy")
    d = np.asarray(case["extras"]["d"])
    assert d[0, 0] >= 1e-6 and d[-1, 0] > 1e3 * d[0, 0], "the case shows d's growth"
    assert (np.diff(d, axis=0) >= 0).all(), "d never shrinks (growth_rate inf)"


# --------------------------------------------------------------------------------------------
# Damped Newton: theory
# --------------------------------------------------------------------------------------------
BOWL = surfaces.get("quadratic", lambda1=1.0, lambda2=50.0, angle=25.0)


def test_newton_reaches_a_bowls_minimum_in_one_step():
    run = simulate(BOWL, optimizers.make("newton"), [[2.0, -1.5], [-3.0, 0.7]], 1)
    np.testing.assert_allclose(run.points[1], 0.0, atol=1e-14)


def test_damped_newton_step_is_lr_times_newtons_and_damping_shortens_it():
    p = np.array([[2.0, -1.5]])
    full = simulate(BOWL, optimizers.make("newton", lr=1.0), p, 1).points[1]
    half = simulate(BOWL, optimizers.make("newton", lr=0.5), p, 1).points[1]
    np.testing.assert_allclose(half, p + 0.5 * (full - p), rtol=1e-14)
    damped = simulate(BOWL, optimizers.make("newton", damping=10.0), p, 1).points[1]
    # along eigenvector i the step is g_i / (lambda_i + 10) instead of g_i / lambda_i
    lam, q = np.linalg.eigh(BOWL.hessian(p)[0])
    coords = q.T @ (damped - p)[0]
    expected = -(q.T @ BOWL.grad(p)[0]) / (lam + 10.0)
    np.testing.assert_allclose(coords, expected, rtol=1e-12)


def test_newton_converges_quadratically_near_a_minimum():
    rosen = surfaces.get("rosenbrock")
    run = simulate(rosen, optimizers.make("newton"), [[1.05, 1.08]], 8)
    err = np.hypot(*(run.points[:, 0] - [1.0, 1.0]).T)
    assert err[-1] < 1e-12
    # near the minimum e_{k+1} <= C e_k^2 with C = M / (2 lambda_min): M ~ 2500 bounds the
    # third derivatives (2400 x, -400) near x = 1 and lambda_min(H(1, 1)) = 0.399, so C ~ 3100
    lam_min = np.linalg.eigvalsh(rosen.hessian(np.array([[1.0, 1.0]]))[0]).min()
    bound = 2500 / (2 * lam_min)
    close = [k for k in range(len(err) - 1) if 1e-12 < err[k + 1] and err[k] < 1e-3]
    assert len(close) >= 2
    for k in close:
        assert err[k + 1] <= bound * err[k] ** 2, k


def test_newton_goes_downhill_at_a_saddle():
    saddle = surfaces.get("formula", expr="x^2 - y^2")
    p = np.array([[0.3, 0.2]])
    run = simulate(saddle, optimizers.make("newton", lr=0.5), p, 3)
    # plain Newton would jump to the saddle (0, 0); |lambda| keeps x going in and y going out
    assert (np.diff(run.loss[:, 0]) < 0).all()
    np.testing.assert_allclose(run.points[1, 0], [0.3 - 0.5 * 0.3, 0.2 + 0.5 * 0.2], rtol=1e-14)


# --------------------------------------------------------------------------------------------
# Gradient flow: theory
# --------------------------------------------------------------------------------------------
ALIGNED = surfaces.get("quadratic", lambda1=1.0, lambda2=8.0, angle=0.0)


def test_flow_is_the_closed_form_exponential_on_a_quadratic():
    lr, steps, start = 0.05, 40, np.array([[1.5, -2.0], [-0.4, 0.9]])
    run = simulate(ALIGNED, optimizers.make("gradient_flow", lr=lr), start, steps)
    t = lr * np.arange(steps + 1)[:, None, None]
    exact = start[None] * np.exp(-np.array([1.0, 8.0]) * t)
    assert relative_error(run.points, exact) <= 1e-9
    # the shadow GD is (1 - lr lambda)^k x0, exactly the engine's GD
    gd = simulate(ALIGNED, optimizers.make("gd", lr=lr), start, steps).points
    np.testing.assert_array_equal(run.extras["gd"], gd)


def _ratio_1d(h: float, k: np.ndarray) -> np.ndarray:
    """|GD - flow| / path length on f = lambda x^2 / 2 along one eigenvector, h = lr lambda."""
    return np.abs((1 - h) ** k - np.exp(-k * h)) / (1 - np.exp(-k * h))


@pytest.mark.parametrize(("lr", "tolerance"), [(0.01, 0.05), (0.02, 0.05), (0.2, 0.5),
                                               (0.26, 1.5), (0.26, 3.0)])
def test_departure_step_matches_theory_on_an_eigenvector(lr, tolerance):
    steps = 40
    opt = optimizers.make("gradient_flow", lr=lr, departure_tolerance=tolerance)
    run = simulate(ALIGNED, opt, [[0.0, 1.0]], steps)  # along lambda = 8
    k = np.arange(1, steps + 1)
    theory = _ratio_1d(lr * 8.0, k)
    np.testing.assert_allclose(run.extras["relative_gap"][1:, 0], theory, rtol=1e-7)
    over = np.flatnonzero(theory > tolerance)
    expected = int(k[over[0]]) if over.size else -1
    assert int(run.extras["departed_at"][-1, 0]) == expected
    if expected > 0:  # the marker appears at that step, not before
        assert run.extras["departed_at"][expected - 1, 0] == -1


def test_departure_cases_above_cover_never_first_and_later_steps():
    """The parametrized cases are informative: never, at the first step, and later."""
    firsts = []
    for lr, tol in [(0.01, 0.05), (0.2, 0.5), (0.26, 3.0)]:
        theory = _ratio_1d(lr * 8.0, np.arange(1, 41))
        over = np.flatnonzero(theory > tol)
        firsts.append(int(over[0]) + 1 if over.size else -1)
    assert firsts[0] == -1 and firsts[1] == 1 and firsts[2] > 5


def test_flow_path_length_is_the_integral_of_the_gradient_norm():
    # 2D start on a rotated bowl: L(t) = integral |H exp(-H s) x0| ds, by quadrature here
    bowl = surfaces.get("quadratic", lambda1=1.0, lambda2=8.0, angle=30.0)
    x0 = np.array([-2.0, 1.5])
    end, length = flow(bowl, x0[None], 0.7)
    lam, q = np.linalg.eigh(bowl.hessian(x0[None])[0])
    s = np.linspace(0.0, 0.7, 20001)
    c = q.T @ x0
    speed = np.hypot(*(q @ (lam[:, None] * c[:, None] * np.exp(-lam[:, None] * s))))
    quad = float(np.sum((speed[1:] + speed[:-1]) / 2 * np.diff(s)))  # trapezoid
    assert math.isclose(length[0], quad, rel_tol=1e-7)
    np.testing.assert_allclose(end[0], q @ (c * np.exp(-lam * 0.7)), rtol=1e-9)


def test_flow_rows_are_independent_and_bad_rows_are_nan():
    bowl = surfaces.get("rosenbrock")
    pts = np.array([[-0.9, 0.8], [0.5, 0.3], [np.nan, 0.0]])
    both, _ = flow(bowl, pts, 0.01)
    alone, _ = flow(bowl, pts[1:2], 0.01)
    np.testing.assert_array_equal(both[1], alone[0])
    assert np.isnan(both[2]).all()



# --------------------------------------------------------------------------------------------
# Lookahead around any optimizer: scenario files, the command line, wrong names
# --------------------------------------------------------------------------------------------
def test_lookahead_scenario_keeps_the_inner_optimizer_and_its_parameters(tmp_path):
    from app.scenario import Racer, Scenario, load, save

    params = {"optimizer": "rmsprop", "la_steps": 3, "la_alpha": 0.5, "lr": 0.01, "alpha": 0.9,
              "centered": True}
    scenario = Scenario(surface="quadratic", starts=((-1.0, 1.0),), steps=9,
                        racers=(Racer("lookahead", params),))
    save(scenario, tmp_path / "la.toml")
    again = load(str(tmp_path / "la.toml"))
    assert dict(again.racers[0].params) == params
    run = again.simulate()[0].trajectories
    inner = optimizers.make("rmsprop", lr=0.01, alpha=0.9, centered=True)
    fast = simulate(again.build_surface(), inner, [[-1.0, 1.0]], 3).points[-1]
    # after 3 inner steps the slow weights move halfway: (start + fast) / 2
    np.testing.assert_allclose(run.points[3], 0.5 * fast + 0.5 * np.array([[-1.0, 1.0]]),
                               rtol=1e-15)
    np.testing.assert_array_equal(run.extras["slow"][3], run.points[3])


def test_lookahead_on_the_command_line(capsys):
    from app.cli import main

    assert main(["run", "--surface", "quadratic", "--optimizer", "lookahead", "--param",
                 "optimizer=nadam", "--param", "momentum_decay=0.01", "--lr", "0.05",
                 "--start", "1,1", "--steps", "6"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["racers"][0]["params"]["optimizer"] == "nadam"
    assert data["racers"][0]["params"]["momentum_decay"] == 0.01


def test_lookahead_names_what_is_wrong():
    message = "'betas' for optimizer 'lookahead'.*Valid parameters: .*alpha"
    with pytest.raises(ValueError, match=message):
        optimizers.make("lookahead", optimizer="rmsprop", betas=(0.9, 0.99))
    with pytest.raises(ValueError, match="lookahead"):
        optimizers.make("lookahead", optimizer="lookahead")
    with pytest.raises(ValueError, match="Nesterov momentum requires"):
        optimizers.make("lookahead", optimizer="nesterov", momentum=0.0)


def test_lookahead_passes_the_surface_to_an_inner_optimizer_that_needs_it():
    bowl = surfaces.get("quadratic", lambda1=1.0, lambda2=4.0)
    wrapped = optimizers.make("lookahead", optimizer="newton", la_alpha=0.5, la_steps=1)
    run = simulate(bowl, wrapped, [[1.0, -2.0]], 2)
    # Newton lands on the minimum; the slow weights go halfway each round
    np.testing.assert_allclose(run.points[1:, 0], [[0.5, -1.0], [0.25, -0.5]], atol=1e-15)
    assert wrapped.spec.oracle_needed(wrapped.hyper)
    assert not optimizers.make("lookahead").spec.oracle_needed(optimizers.make("lookahead").hyper)
    # the network lab (no surface to evaluate) offers neither
    from app.netlab.train import CONFIG_PARAMS

    choices = next(p for p in CONFIG_PARAMS if p.name == "optimizer").choices
    assert "newton" not in choices and "lookahead" not in choices and "adam" in choices


def test_sophia_hutchinson_estimate_is_u_times_hu_with_the_same_draws_for_every_point():
    from app.optimizers.sophia import estimate, random_signs

    h = np.array([[[2.0, 0.5], [0.5, 3.0]], [[1.0, -0.2], [-0.2, 4.0]]])
    u = random_signs(7, 3)
    assert set(np.abs(u)) == {1.0}
    est = estimate(h, "hutchinson", 7, 3)
    np.testing.assert_array_equal(est, u * np.einsum("nij,j->ni", h, u))
    np.testing.assert_array_equal(estimate(h, "exact", 7, 3), [[2.0, 3.0], [1.0, 4.0]])
    # diag(H) +- H12: unbiased over the signs
    assert set(map(tuple, [estimate(h[:1], "hutchinson", 7, k)[0] for k in range(40)])) == {
        (2.5, 3.5), (1.5, 2.5)}
