"""Every built-in lesson scenario shows its phenomenon, in numbers (lessons P1-P10).

Each test loads a file from ``assets/scenarios/``, simulates it headlessly and checks what its
lesson text promises. Thresholds come from the theory the lesson teaches (``lr * lambda_max <
2``, the 2-cycle of the stalled valley, the stationary loss of SGD, the descent lemma, ...), not
from whatever a run happened to print.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
import pytest

import surfaces
from app import lessons, optimizers
from app import scenario as S
from app import viewmodel as vm
from app.analysis.adaptive import effective_step_trace
from app.engine import Noise, simulate

#: every lesson file this module owns, with the tag its lesson must carry
LESSONS = {
    "p1_divergence": "P1",
    "p1_seed000_regression": "P1",
    "adam_defaults": "P1",
    "p2_ill_conditioning": "P2",
    "p3_sgd_noise": "P3",
    "p3_minibatch": "P3",
    "p4_stall": "P4",
    "p5_adaptive": "P5",
    "p6_burst": "P6",
    "p7_schedules": "P7",
    "p8_kinks": "P8",
    "p8_kinks_smooth": "P8",
    "p8_tiny_net_relu": "P8",
    "p8_tiny_net_elu": "P8",
    "p9_vanishing": "P9",
    "p9_dead_relu": "P9",
    "p10_nesterov": "P10",
}


@cache
def _load(name: str):
    """``(scenario, surface, {label: trajectories})``, simulated once per test session."""
    sc = S.load(name)
    surface = sc.build_surface()
    runs = {sc.label_of(r.racer, surface): r.trajectories for r in sc.simulate(surface)}
    assert len(runs) == len(sc.racers), "every racer of a lesson is enabled"
    return sc, surface, runs


def _racer(name: str, prefix: str):
    """The one racer of ``name`` whose label starts with ``prefix``: (racer, trajectories)."""
    sc, surface, runs = _load(name)
    shown = [(r, sc.label_of(r, surface)) for r in sc.racers]
    found = [(r, runs[label]) for r, label in shown if label.startswith(prefix)]
    assert len(found) == 1, (f"{name}: expected one racer labelled {prefix!r}*, got "
                             f"{[label for _, label in shown if label.startswith(prefix)]}")
    return found[0]


def _eigenvalues(surface, point=(0.0, 0.0)):
    return np.linalg.eigvalsh(surface.hessian(np.asarray(point, dtype=float)))


# ---------------------------------------------------------------------------------------------
# Every built-in file: loads, validates, round-trips, has its lesson and distinct racers
# ---------------------------------------------------------------------------------------------
def test_builtin_names_include_every_lesson():
    names = S.builtin_names()
    assert set(LESSONS) <= set(names)
    assert names[0] == S.DEFAULT_SCENARIO


@pytest.mark.parametrize("name", S.builtin_names())
def test_builtin_loads_validates_and_round_trips(name):
    sc = S.load(name)
    assert sc.name == name
    assert sc.validate(name) is sc
    path = S.resolve(name)
    again = S.loads(S.dumps(sc), str(path))
    assert again == sc
    assert S.dumps(again) == S.dumps(sc)


@pytest.mark.parametrize("name", S.builtin_names())
def test_builtin_has_a_lesson_and_distinct_racers(name):
    sc = S.load(name)
    lesson = sc.lesson
    for field in ("tag", "title", "question", "look_for", "why"):
        assert getattr(lesson, field).strip(), f"{name}: lesson.{field} is empty"
    assert lesson.question.rstrip().endswith("?")
    if name in LESSONS:
        assert lesson.tag == LESSONS[name]
    assert sc.starts, f"{name}: a lesson needs a start point"
    labels = [sc.label_of(r) for r in sc.racers]
    colors = [r.color.upper() for r in sc.racers]
    assert all(labels) and len(set(labels)) == len(labels)
    assert len(set(colors)) == len(colors)
    assert set(colors) <= {c.upper() for c in S.PALETTE}


@pytest.mark.parametrize("name", sorted(LESSONS))
def test_lesson_window_contains_its_starts(name):
    sc, surface, _ = _load(name)
    (x0, x1), (y0, y1) = sc.view_window(surface)
    for x, y in sc.starts:
        assert x0 <= x <= x1 and y0 <= y <= y1


# ---------------------------------------------------------------------------------------------
# P1: a step past the stability limit diverges; seed 000's own case; Adam's defaults
# ---------------------------------------------------------------------------------------------
def test_p1_divergence_at_the_limit_two_over_lambda_max():
    sc, surface, _ = _load("p1_divergence")
    lam = _eigenvalues(surface)
    assert lam.max() == pytest.approx(20.0)
    good, good_run = _racer("p1_divergence", "GD, lr 0.01")
    bad, bad_run = _racer("p1_divergence", "GD, lr 0.12")
    assert good.params["lr"] * lam.max() < 2 < bad.params["lr"] * lam.max()

    # lr 0.01 converges to the minimum
    assert good_run.diverged_at[0] == -1
    assert np.linalg.norm(good_run.points[-1, 0] - surface.minima[0]) < 1e-3

    # lr 0.12: each coordinate is multiplied by (1 - lr * lambda_i) per step, so the loss
    # passes the blow-up bound exactly when the closed form says
    (x0, y0), lr = sc.starts[0], bad.params["lr"]
    l1, l2 = surface.params["lambda1"], surface.params["lambda2"]
    k = 0
    while 0.5 * (l1 * (x0 * (1 - lr * l1) ** k) ** 2 + l2 * (y0 * (1 - lr * l2) ** k) ** 2) \
            <= surface.blowup:
        k += 1
    assert bad_run.diverged_at[0] == k
    # and the loss grows on every step in between: the path overshoots further each time
    assert np.all(np.diff(bad_run.loss[1:k, 0]) > 0)
    # the lesson's words: the first step still lowers the loss (53.75 -> 45.35); from the
    # second on it grows by (1 - lr lambda_max)^2 = 1.96 per step; marked after 37 steps
    assert (round(bad_run.loss[0, 0], 2), round(bad_run.loss[1, 0], 2)) == (53.75, 45.35)
    ratio = bad_run.loss[2:k, 0] / bad_run.loss[1:k - 1, 0]
    np.testing.assert_allclose(ratio, (1 - lr * lam.max()) ** 2, rtol=0.03)
    assert (1 - lr * lam.max()) ** 2 == pytest.approx(1.96) and k == 37
    dist = np.hypot(*bad_run.points[:k, 0].T)
    assert dist[1] < dist[0] and np.all(np.diff(dist[1:]) > 0)


def test_p1_seed000_lr_1e3_blows_up_to_inf_while_1e4_trains():
    sc, surface, _ = _load("p1_seed000_regression")
    lam_max = _eigenvalues(surface).max()
    big, big_run = _racer("p1_seed000_regression", "GD, lr 0.001")
    small, small_run = _racer("p1_seed000_regression", "GD, lr 0.0001")
    assert small.params["lr"] * lam_max < 2 < big.params["lr"] * lam_max

    loss0 = big_run.loss[0, 0]
    assert 1e3 <= loss0 < 1e4  # "thousands"
    # lr 1e-3: past 1e12 within a few steps, then non-finite: marked diverged within the run
    past = np.flatnonzero(big_run.loss[:, 0] > 1e12)
    assert past.size and past[0] <= 20
    k = int(big_run.diverged_at[0])
    assert past[0] < k <= sc.steps
    assert np.all(np.diff(big_run.loss[:k, 0]) > 0)
    # the engine only stops on a non-finite value here: the next iterate overflows
    assert surface.blowup == np.inf

    # lr 1e-4 converges: the loss falls to within 1% of the way from its minimum
    assert small_run.diverged_at[0] == -1
    excess0 = loss0 - surface.min_value
    assert small_run.loss[-1, 0] - surface.min_value < 0.01 * excess0


def test_p1_seed000_numbers_of_the_text():
    sc, surface, _ = _load("p1_seed000_regression")
    _, big_run = _racer("p1_seed000_regression", "GD, lr 0.001")
    _, small_run = _racer("p1_seed000_regression", "GD, lr 0.0001")
    lam = _eigenvalues(surface)
    # "lambda_max = 7,250 (and the flat one 0.47) ... lr < 2 / lambda_max = 0.00028"
    assert (round(lam.max(), -1), round(lam.min(), 2)) == (7250, 0.47)
    assert round(2 / lam.max(), 5) == 0.00028
    assert (round(1e-4 * lam.max(), 2), round(1e-3 * lam.max(), 1)) == (0.73, 7.3)
    # "lands 6.3 times further out: the loss grows 6.3^2 = 39-fold per step", from step one
    assert round(1e-3 * lam.max() - 1, 1) == 6.3
    loss = big_run.loss[:, 0]
    assert round(loss[0], -2) == 4300 and round(loss[1] / loss[0]) == 39
    np.testing.assert_allclose(loss[2:20] / loss[1:19], (1 - 1e-3 * lam.max()) ** 2,
                               rtol=1e-3)
    # "past 10^12 within 6 steps" ... "the step where the loss stopped being finite (192)"
    assert np.flatnonzero(loss > 1e12)[0] == 6 and big_run.diverged_at[0] == 192
    # lr 0.0001: "from 4,266 to 28.3 within 4 steps", then creeping toward 24.8
    small = small_run.loss[:, 0]
    assert (round(small[0]), round(small[4], 1), round(surface.min_value, 1)) == (4266, 28.3,
                                                                                 24.8)
    assert np.all(np.diff(small[5:]) < 0) and small[-1] - surface.min_value > 3
    # standardized features: lambda_max 2, so lr 0.1 is safe
    scaled = surfaces.get("regression", **{**sc.surface_params, "standardize": True})
    assert _eigenvalues(scaled).max() == pytest.approx(2.0)
    assert 0.1 * _eigenvalues(scaled).max() < 2


def test_adam_defaults_survive_where_gd_blows_up():
    sc, surface, _ = _load("adam_defaults")
    adam, adam_run = _racer("adam_defaults", "Adam, lr 0.001")
    gd, gd_run = _racer("adam_defaults", "GD, lr 0.001")
    tuned, tuned_run = _racer("adam_defaults", "Adam, lr 0.1")
    assert dict(adam.params) == {}  # nothing set: the defaults are what runs
    hyper = optimizers.make("adam").hyper
    assert hyper["lr"] == 1e-3 and tuple(hyper["betas"]) == (0.9, 0.999) and hyper["eps"] == 1e-8
    assert gd.params["lr"] == hyper["lr"]

    assert gd_run.diverged_at[0] > 0
    assert adam_run.diverged_at[0] == -1
    # Adam's step per coordinate is bounded whatever the gradient's scale (Kingma & Ba, 2.1):
    # |step| <= lr * (1 - beta1) / sqrt(1 - beta2)
    b1, b2 = hyper["betas"]
    steps = np.abs(np.diff(adam_run.points[:, 0], axis=0))
    assert steps.max() <= hyper["lr"] * (1 - b1) / math.sqrt(1 - b2)
    excess0 = adam_run.loss[0, 0] - surface.min_value
    assert adam_run.loss[-1, 0] - surface.min_value < 1e-3 * excess0
    # tuning its one knob reaches the least-squares solution itself
    assert np.linalg.norm(tuned_run.points[-1, 0] - surface.solution) < 1e-3

    # "lr long per coordinate at first (0.00098 over the first 100 steps), shorter later
    # (0.00074 over steps 100-1000, under 0.0002 after that)"
    per_coord = np.abs(np.diff(adam_run.points[:, 0], axis=0))
    assert np.all(per_coord[0] == pytest.approx(hyper["lr"]))
    assert np.all(np.round(per_coord[:100].mean(axis=0), 5) == 0.00098)
    assert np.all(np.round(per_coord[100:1000].mean(axis=0), 5) == 0.00074)
    assert per_coord[1000:].mean(axis=0).max() < 0.0002
    # "diagonally until w is right, then along the flat direction b"
    w, b = adam_run.points[:, 0].T
    assert abs(w[1000] - b[1000]) < 0.01 * b[1000]
    assert abs(w[-1] - surface.solution[0]) < 0.05 and b[-1] - b[-101] > 1e-3
    # "from about 4,300 to within 2 of its minimum (24.8)"; lr 0.1 "within 2,000 steps"
    assert round(adam_run.loss[0, 0], -2) == 4300 and round(surface.min_value, 1) == 24.8
    assert adam_run.loss[-1, 0] - surface.min_value < 2
    assert lessons.steps_to_reach(tuned_run.points[:, 0], surface.solution, 1e-3) < 2000
    # GD "explodes within a few steps": past 10^12 by step 6
    assert np.flatnonzero(gd_run.loss[:, 0] > 1e12)[0] <= 6


# ---------------------------------------------------------------------------------------------
# P2: ill-conditioning: the curvature term of -eps g'g + eps^2/2 g'Hg wins
# ---------------------------------------------------------------------------------------------
def test_p2_small_step_raises_the_loss_when_the_curvature_term_wins():
    sc, surface, runs = _load("p2_ill_conditioning")
    lam = _eigenvalues(surface)
    p0 = np.array(sc.starts[0])
    g, h = surface.grad(p0), surface.hessian(p0)
    for racer in sc.racers:
        eps, run = racer.params["lr"], runs[sc.label_of(racer, surface)]
        predicted = -eps * g @ g + 0.5 * eps**2 * g @ h @ g
        actual = run.loss[1, 0] - run.loss[0, 0]
        assert actual == pytest.approx(predicted, rel=1e-9)  # exact on a quadratic

    rising, rising_run = _racer("p2_ill_conditioning", "GD, lr 0.021")
    eps = rising.params["lr"]
    assert eps * lam.min() < 0.05  # tiny for the flat direction (its limit is lr * 1 < 2)
    assert -eps * g @ g + 0.5 * eps**2 * g @ h @ g > 0  # yet the loss rises
    k = int(rising_run.diverged_at[0])
    assert k > 0 and np.all(np.diff(rising_run.loss[:k, 0]) > 0)

    bouncing, bouncing_run = _racer("p2_ill_conditioning", "GD, lr 0.019")
    crawling, crawling_run = _racer("p2_ill_conditioning", "GD, lr 0.01 ")
    for run in (bouncing_run, crawling_run):
        assert run.diverged_at[0] == -1
        assert np.all(np.diff(run.loss[:, 0]) < 0)
    assert lessons.sign_flips(bouncing_run.points[:100, 0, 1]) >= 50
    assert lessons.sign_flips(crawling_run.points[:, 0, 1]) == 0
    # the crawl: x shrinks by (1 - lr * lambda_min) per step, still > 1 away after 200 steps
    x0 = sc.starts[0][0]
    x_expected = x0 * (1 - crawling.params["lr"] * lam.min()) ** sc.steps
    assert crawling_run.points[-1, 0, 0] == pytest.approx(x_expected, rel=1e-9)
    assert abs(x_expected) > 1


# ---------------------------------------------------------------------------------------------
# P3: seeded gradient noise: SGD jitters around the minimum, full batch converges
# ---------------------------------------------------------------------------------------------
def test_p3_sgd_hovers_at_its_stationary_loss_while_full_batch_converges():
    sc, surface, _ = _load("p3_sgd_noise")
    assert sc.noise_sigma == 0.0
    full, full_run = _racer("p3_sgd_noise", "GD, lr 0.05, noise 0")
    sgd, sgd_run = _racer("p3_sgd_noise", "GD, lr 0.05, noise 2")
    slow, slow_run = _racer("p3_sgd_noise", "GD, lr 0.01, noise 2")
    assert sc.noise_for(full) is None
    assert sc.noise_for(sgd).sigma == sc.noise_for(slow).sigma == 2.0
    assert sgd.params["lr"] == full.params["lr"]

    assert np.linalg.norm(full_run.points[-1, 0] - surface.minima[0]) < 1e-3
    # SGD at the same lr never settles ...
    assert np.linalg.norm(sgd_run.points[-1, 0] - surface.minima[0]) > 1e-2
    # ... it hovers at E[f] = sum_i lr sigma^2 / (2 (2 - lr lambda_i)) (GD + Gaussian noise
    # on a quadratic); a time average over 200 steps of one seeded path is within 2x of it
    lr, sigma, lam = sgd.params["lr"], sc.noise_for(sgd).sigma, _eigenvalues(surface)
    stationary = float(np.sum(lr * sigma**2 / (2 * (2 - lr * lam))))
    assert 0.5 < sgd_run.loss[-200:, 0].mean() / stationary < 2
    # each step is about lr * |noise|, E|N(0, I_2)| = sqrt(pi / 2)
    typical = lr * sigma * math.sqrt(math.pi / 2)
    assert 0.8 < lessons.step_lengths(sgd_run.points[-200:, 0]).mean() / typical < 1.5
    # the smaller lr jitters less (theory: 5x less)
    ratio = (lessons.step_lengths(slow_run.points[-100:, 0]).mean()
             / lessons.step_lengths(sgd_run.points[-100:, 0]).mean())
    assert ratio < 0.4
    # "the smaller learning rate ... takes longer to get there"
    def arrival(run):
        return int(np.argmax(lessons.distances(run.points[:, 0], surface.minima[0]) < 0.5))

    assert arrival(slow_run) > 2 * arrival(sgd_run)
    # reproducible: the same seed gives the same path
    again = {sc.label_of(r.racer): r.trajectories for r in sc.simulate(surface)}
    np.testing.assert_array_equal(again[sc.label_of(sgd)].points, sgd_run.points)


# ---------------------------------------------------------------------------------------------
# P4: the loss stalls while |g| stays large; a tiny lr stops bouncing but crawls
# ---------------------------------------------------------------------------------------------
def test_p4_stall_bounces_between_the_walls_with_a_large_gradient():
    sc, surface, _ = _load("p4_stall")
    p = surface.params
    big, run = _racer("p4_stall", "GD, lr 0.01")
    lr = big.params["lr"]
    y = run.points[:, 0, 1]
    # the stable 2-cycle: a jump of lr * slope * y / sqrt(w^2 + y^2) lands on -y exactly when
    # lr * slope / sqrt(w^2 + y^2) = 2
    y_cycle = math.sqrt((lr * p["slope"] / 2) ** 2 - p["width"] ** 2)
    assert y_cycle == pytest.approx(0.049, abs=1e-3)
    assert np.abs(np.abs(y[100:]) - y_cycle).max() < 1e-5
    assert lessons.sign_flips(y[100:]) == sc.steps - 100
    # |g| stays above half its start for thousands of steps ...
    g = run.grad_norm[:, 0]
    assert g[50:].min() > 0.5 * g[0]
    # "|gradient| stays near 10, its value at the start": 9.8 on the cycle
    assert round(g[0]) == 10 and round(g[-1], 1) == 9.8
    assert g[-1] == pytest.approx(p["slope"] * y_cycle / math.hypot(p["width"], y_cycle), rel=1e-4)
    # ... while the loss barely moves: under 1% per 100 steps, and it falls 1,000x slower than
    # the first-order prediction lr |g|^2 per step
    loss = run.loss[500::100, 0]
    assert np.abs(loss[1:] / loss[:-1] - 1).max() < 0.01
    per_step = (run.loss[500, 0] - run.loss[-1, 0]) / (sc.steps - 500)
    assert 0 < per_step < 1e-3 * lr * np.mean(g[500:] ** 2)


def test_p4_tiny_lr_stops_bouncing_but_crawls():
    sc, surface, _ = _load("p4_stall")
    tiny, run = _racer("p4_stall", "GD, lr 0.0001")
    y, x, g = run.points[:, 0, 1], run.points[:, 0, 0], run.grad_norm[:, 0]
    assert lessons.sign_flips(y[1500:], min_abs=1e-12) == 0
    # on the floor only the flat direction is left: |g| = 2 a |x| ~ 0.08
    assert g[2000:].max() < 0.1
    # x shrinks by (1 - 2 a lr) per step: from -8 it moves 0.024 in 3,000 steps
    assert abs(x[-1] - x[0]) < 0.05
    assert round(abs(x[-1] - x[0]), 2) == 0.02  # "moved only about 0.02 of the 8 units"
    assert np.linalg.norm(run.points[-1, 0] - surface.minima[0]) > 7.9


def test_p4_phase_readout_shows_the_stall_and_the_crawl():
    """The phase readout (|g| against loss, log-log): lr 0.01 stops moving left at a loss of
    about 0.7 with |g| at 9.8; lr 0.0001 drops to |g| 0.08 at a loss of 0.42, far right of the
    minimum's 0.1."""
    sc, surface, _ = _load("p4_stall")
    floor = float(surface.value(np.array(surface.minima[0])))
    assert round(floor, 2) == 0.1
    _, big = _racer("p4_stall", "GD, lr 0.01")
    _, tiny = _racer("p4_stall", "GD, lr 0.0001")
    x, y = vm.phase_series(big.loss, big.grad_norm, (-16.0, -16.0))
    # in its last 2,500 steps the curve moves left by under a tenth of a decade (0.79 -> 0.68)
    # and stays at log10 |g| = log10(9.8)
    assert 0 < x[500] - x[sc.steps] < 0.1 and round(big.loss[-1, 0], 1) == 0.7
    np.testing.assert_allclose(10 ** y[500:sc.steps + 1], 9.8, rtol=1e-3)
    x, y = vm.phase_series(tiny.loss, tiny.grad_norm, (-16.0, -16.0))
    # lr 0.0001: |g| falls by two decades (10 -> 0.08) while the loss stays at 0.42
    assert y[0] - y[sc.steps] > 2 and round(tiny.grad_norm[-1, 0], 2) == 0.08
    assert abs(x[2000] - x[sc.steps]) < 0.001 and round(tiny.loss[-1, 0], 2) == 0.42
    assert x[sc.steps] - np.log10(floor) > 0.6  # the minimum is far to the left
    # the dot at the playhead is the run's own point
    dot = vm.phase_point(tiny.loss, tiny.grad_norm, 2000, (-16.0, -16.0))
    np.testing.assert_allclose(dot[0], np.log10([tiny.loss[2000, 0], tiny.grad_norm[2000, 0]]))


# ---------------------------------------------------------------------------------------------
# P5: one learning rate per parameter reaches the minimum where GD cannot
# ---------------------------------------------------------------------------------------------
def test_p5_adaptive_methods_reach_the_floor_and_only_adam_settles():
    sc, surface, runs = _load("p5_adaptive")
    target = surface.minima[0]
    p = surface.params
    gd, gd_run = _racer("p5_adaptive", "GD")
    # GD "has covered less than a tenth of the way along the floor after 1,000 steps"
    x0, x_end = sc.starts[0][0], gd_run.points[-1, 0, 0]
    assert 0 < (x_end - x0) / (target[0] - x0) < 0.1
    adaptive = {r.optimizer: runs[sc.label_of(r)] for r in sc.racers
                if r.optimizer in ("adagrad", "rmsprop", "adam")}
    assert set(adaptive) == {"adagrad", "rmsprop", "adam"}
    # all three arrive at x = 0 "within about 460 to 610 steps" (|x| < 0.01)
    for run in adaptive.values():
        assert 450 <= int(np.argmax(np.abs(run.points[:, 0, 0]) < 0.01)) <= 620
    # only Adam settles at the minimum
    adam = adaptive["adam"].points[:, 0]
    assert lessons.distances(adam[-100:], target).max() < 1e-3

    def hop(y_amp):  # |g| on the 2-cycle y = +-y_amp (x = 0): slope y / sqrt(w^2 + y^2)
        return p["slope"] * y_amp / math.hypot(p["width"], y_amp)

    # RMSProp: once v has caught up, each step is lr long, so it hops between +-lr / 2
    rms_racer = next(r for r in sc.racers if r.optimizer == "rmsprop")
    rms = adaptive["rmsprop"]
    y, g = rms.points[-200:, 0, 1], rms.grad_norm[-200:, 0]
    half = rms_racer.params["lr"] / 2
    assert round(half, 3) == 0.01
    assert lessons.sign_flips(y) == len(y) - 1
    np.testing.assert_allclose(np.abs(y), half, rtol=1e-4)
    np.testing.assert_allclose(g, hop(half), rtol=1e-3)
    assert round(hop(half), 2) == 7.07
    # Adagrad: the same hopping, at +-0.005 with |g| about 4.5, shrinking slowly
    ada = adaptive["adagrad"]
    y = ada.points[:, 0, 1]
    assert lessons.sign_flips(y[-200:]) == 199
    assert [round(abs(y[k]), 3) for k in (200, 500, 999)] == [0.016, 0.009, 0.005]
    assert round(ada.grad_norm[-1, 0], 1) == 4.5
    # RMSProp: a flat loss with a large gradient, the stall signature of P4; Adagrad creeps
    floor = float(surface.value(target))
    loss = rms.loss[-100:, 0]
    assert np.ptp(loss) < 1e-6 * (loss[-1] - floor)
    loss = ada.loss[:, 0]
    assert 0 < loss[-101] - loss[-1] < 0.05 * loss[-1]


# ---------------------------------------------------------------------------------------------
# P6 and P7: the root-mean-square burst, and the schedules that remove it
# ---------------------------------------------------------------------------------------------
#: a burst: one step 10x the median of the 100 before it and at least 0.1 long (out of the
#: valley: the view is 5 units tall)
BURST = dict(quiet=100, factor=10.0, min_length=0.1)


def _check_bursts_and_returns(path, target, quiet_before: int):
    found = lessons.bursts(path, **BURST)
    assert len(found) >= 3
    steps = lessons.step_lengths(path)
    assert found[0] >= quiet_before
    # a long quiet stretch before the first burst, with tiny steps
    assert np.median(steps[found[0] - quiet_before:found[0]]) < 1e-4
    ends = [*found[1:], len(steps)]
    for k, nxt in zip(found, ends, strict=True):
        # it shoots out of the valley ...
        assert np.abs(path[k:k + 50, 1] - target[1]).max() > 0.1
        # ... and is pulled back before the next burst
        assert lessons.distances(path[k:nxt], target).min() < 1e-2
    return found


def test_p6_rms_adagrad_bursts_and_the_sum_form_never_does():
    sc, surface, _ = _load("p6_burst")
    assert 0 < sc.noise_sigma <= 1e-5  # a whisper of noise, as in real training
    target = surface.minima[0]
    rms, rms_run = _racer("p6_burst", "RMS Adagrad: root MEAN square")
    total, total_run = _racer("p6_burst", "Adagrad: root of SUM")
    assert rms.optimizer == "adagrad_rms" and total.optimizer == "adagrad"
    assert rms.params["lr"] == total.params["lr"]
    for run in (rms_run, total_run):
        assert run.diverged_at[0] == -1
    found = _check_bursts_and_returns(rms_run.points[:, 0], target, quiet_before=300)
    assert lessons.bursts(total_run.points[:, 0], **BURST) == []
    assert lessons.distances(total_run.points[-1, 0], target) < 1e-3

    # the text's numbers: at the minimum "within about 50 steps" (0.01), still "for some 600
    # steps"; steps "from under a millionth to more than 1"; "|y| up to about 0.8"; quiet
    # stretches "about 300 to 360 steps, a little longer each time"
    path = rms_run.points[:, 0]
    arrived = int(np.argmax(lessons.distances(path, target) < 1e-2))
    assert 40 <= arrived <= 60 and 550 <= found[0] - arrived <= 650
    steps = lessons.step_lengths(path)
    assert steps[arrived:found[0]].min() < 1e-6 and steps.max() > 1
    assert round(np.abs(path[arrived:, 1]).max(), 1) == 0.8
    gaps = np.diff(found)
    assert np.all((290 <= gaps) & (gaps <= 370)) and np.all(np.diff(gaps) > 0)
    # the why: at the minimum the mean of g_i^2 shrinks like 1 / t, so the effective step
    # eta / sigma_t along the steep axis grows like sqrt(t); the burst follows its crossing of
    # the stability limit 2 / lambda_max (lambda_max = 20)
    opt, _ = rms.build()
    trace = effective_step_trace(surface, opt, sc.starts, sc.steps, noise=sc.noise_for(rms))
    eff = trace.effective_step[:, 0, 1]
    assert eff[400] / eff[100] == pytest.approx(math.sqrt(400 / 100), rel=1e-6)
    lam_max = _eigenvalues(surface).max()
    crossed = 100 + int(np.argmax(eff[100:] * lam_max > 2))
    assert eff[crossed - 1] * lam_max <= 2 < eff[crossed] * lam_max
    assert crossed < found[0] < crossed + 200
    # the sum form: "about 470 steps to get within 0.01"; its effective learning rate
    # eta / sigma_t (the optimizer's declared effective step) only ever shrinks
    sum_path = total_run.points[:, 0]
    assert abs(int(np.argmax(lessons.distances(sum_path, target) < 1e-2)) - 470) <= 10
    opt, _ = total.build()
    trace = effective_step_trace(surface, opt, sc.starts, sc.steps, noise=sc.noise_for(total))
    eff = trace.effective_step[1:, 0]
    assert np.all(np.diff(eff, axis=0) <= 0) and np.all(eff[-1] < 0.5 * eff[0])
    # ... while its steps do not: zig-zagging, many are longer than the one before
    sum_steps = lessons.step_lengths(sum_path)
    assert np.sum(sum_steps[1:] > sum_steps[:-1]) > 100


def test_p7_decay_and_warm_up_remove_the_burst():
    sc, surface, _ = _load("p7_schedules")
    target = surface.minima[0]
    fixed, fixed_run = _racer("p7_schedules", "RMS Adagrad, eta 0.3, constant")
    decay, decay_run = _racer("p7_schedules", "RMS Adagrad, eta 0.3, 1/sqrt")
    warm_decay, warm_decay_run = _racer("p7_schedules", "RMS Adagrad, eta 0.3, warm-up 100 steps")
    warm_only, warm_only_run = _racer("p7_schedules", "RMS Adagrad, eta 0.3, linear warm-up")
    assert {r.optimizer for r in sc.racers} == {"adagrad_rms"}

    first_fixed = _check_bursts_and_returns(fixed_run.points[:, 0], target, 300)[0]
    for run in (decay_run, warm_decay_run):
        assert lessons.bursts(run.points[:, 0], **BURST) == []
        assert lessons.distances(run.points[-1, 0], target) < 1e-3
    # warm-up alone postpones the bursts; it does not remove them
    late = lessons.bursts(warm_only_run.points[:, 0], **BURST)
    assert late and late[0] > first_fixed + 300
    # "after about 1,600 steps instead of 700"
    assert (round(late[0], -2), round(first_fixed, -2)) == (1600, 700)

    # the lr curves: warm-up rises from a third to the full eta over 100 steps, then decays
    eta = warm_decay.params["lr"]
    assert warm_decay_run.lr[0] == pytest.approx(eta / 3)
    assert warm_decay_run.lr[100] == pytest.approx(eta)
    assert warm_decay_run.lr[-1] < 0.05 * eta
    assert np.all(np.diff(warm_decay_run.lr[:101]) > 0)

    # why decay cures it: mean form with eta / sqrt(t + 1) is torch's sum form
    #   eta / sqrt(t + 1) / sqrt(S / (t + 1)) = eta / sqrt(S)
    p6 = _load("p6_burst")[0]
    _, total_run = _racer("p6_burst", "Adagrad: root of SUM")

    def setup(s):
        return s.surface, dict(s.surface_params), s.starts, s.steps, s.noise_sigma, s.noise_seed

    assert setup(sc) == setup(p6)
    np.testing.assert_allclose(decay_run.points, total_run.points, atol=1e-8)


# ---------------------------------------------------------------------------------------------
# P8: kinks make descent chatter; the smooth twin settles
# ---------------------------------------------------------------------------------------------
def test_p8_kinked_floor_chatters_forever_and_the_smooth_twin_settles():
    kinked, k_surface, k_runs = _load("p8_kinks")
    smooth, s_surface, s_runs = _load("p8_kinks_smooth")
    # twins: same valley, same racers, same start; only the floor's smoothness differs
    assert (kinked.surface, smooth.surface) == ("crease", "smooth_crease")
    for key in ("a", "slope"):
        assert k_surface.params[key] == s_surface.params[key]
    assert kinked.starts == smooth.starts and kinked.steps == smooth.steps
    assert [(r.optimizer, dict(r.params), r.label) for r in kinked.racers] == [
        (r.optimizer, dict(r.params), r.label) for r in smooth.racers]

    slope, width, a = s_surface.params["slope"], s_surface.params["width"], s_surface.params["a"]
    lipschitz = max(2 * a, slope / width)  # the largest curvature of the smooth valley
    for racer in kinked.racers:
        lr = racer.params["lr"]
        k_run, s_run = k_runs[kinked.label_of(racer)], s_runs[smooth.label_of(racer)]
        # along x both move identically
        np.testing.assert_allclose(k_run.points[:, 0, 0], s_run.points[:, 0, 0], rtol=1e-12)

        # kinked: in the last 1,000 steps y crosses the crease on every step, each hop exactly
        # lr * slope long, and |g| never drops below the slope
        y = k_run.points[-1001:, 0, 1]
        assert lessons.sign_flips(y) == 1000
        np.testing.assert_allclose(np.abs(np.diff(y)), lr * slope, rtol=1e-9)
        assert k_run.grad_norm[-1000:, 0].min() >= slope
        assert np.sum(np.diff(k_run.loss[-1001:, 0]) > 0) >= 400

        # smooth: lr < 2 / L, so by the descent lemma every step lowers the loss; the point
        # settles onto the floor and stops hopping
        assert lr < 2 / lipschitz
        assert np.all(np.diff(s_run.loss[:, 0]) <= 1e-12)
        y = s_run.points[-1001:, 0, 1]
        assert lessons.sign_flips(y, min_abs=1e-9) == 0
        assert abs(y[-1]) < 1e-9
        # near the floor y is multiplied by 1 - lr * L per step (L = slope / width = 1,000):
        # lr 0.0015 hops across, each hop half the last; lr 0.0005 slides on without crossing
        y = s_run.points[:, 0, 1]
        factor = 1 - lr * slope / width
        assert factor in (pytest.approx(-0.5), pytest.approx(0.5))
        near = np.flatnonzero((np.abs(y[:-1]) < 1e-4) & (np.abs(y[:-1]) > 1e-30))[:20]
        np.testing.assert_allclose(y[near + 1] / y[near], factor, rtol=1e-3)
        first = int(np.argmax(np.abs(y) < 1e-3))
        if factor < 0:
            assert lessons.sign_flips(y[first:first + 21]) == 20
            assert abs(y[first + 20]) < 1e-6  # "within a few dozen steps too small to see"
        else:
            assert lessons.sign_flips(y) == 0


def test_p8_relu_gradient_jumps_at_creases_and_elu_is_smooth_and_faster():
    relu, r_surface, r_runs = _load("p8_tiny_net_relu")
    elu, e_surface, e_runs = _load("p8_tiny_net_elu")
    assert (r_surface.params["activation"], e_surface.params["activation"]) == ("relu", "elu")
    assert {k: v for k, v in r_surface.params.items() if k != "activation"} == {
        k: v for k, v in e_surface.params.items() if k != "activation"}
    assert relu.starts == elu.starts
    (r_racer,), (e_racer,) = relu.racers, elu.racers
    assert (r_racer.optimizer, dict(r_racer.params)) == (e_racer.optimizer, dict(e_racer.params))
    r_path = r_runs[relu.label_of(r_racer)].points[:, 0]
    e_path = e_runs[elu.label_of(e_racer)].points[:, 0]

    # a smooth surface obeys |g(p') - g(p)| <= max|H| |p' - p| (ratio <= 1); ReLU's jumps
    r_ratio = lessons.gradient_jump_ratios(r_surface, r_path)
    e_ratio = lessons.gradient_jump_ratios(e_surface, e_path)
    assert np.sum(r_ratio > 3) >= 2
    assert np.nanmax(e_ratio) <= 1.05

    # at the start the ReLU unit is on for only 2 of the 8 data points
    w, b = relu.starts[0]
    assert np.sum(w * r_surface.inputs + b > 0) == 2

    # both reach the teacher's weights; ELU in less than half the steps
    target = r_surface.minima[0]
    np.testing.assert_array_equal(target, e_surface.minima[0])
    r_steps = lessons.steps_to_reach(r_path, target, 1e-3)
    e_steps = lessons.steps_to_reach(e_path, target, 1e-3)
    assert r_steps is not None and e_steps is not None
    assert e_steps < 0.5 * r_steps


# ---------------------------------------------------------------------------------------------
# P9: vanishing gradients on a sigmoid plateau; a dead ReLU never moves
# ---------------------------------------------------------------------------------------------
def test_p9_sigmoid_plateau_has_a_tiny_gradient_while_the_loss_is_high():
    sc, surface, _ = _load("p9_vanishing")
    assert surface.params["activation"] == "sigmoid"
    w, b = sc.starts[0]
    # saturated: every pre-activation is below -6, where sigmoid' < exp(-6) = 0.0025
    assert np.all(w * surface.inputs + b < -6)
    _, run = _racer("p9_vanishing", "GD")
    loss, g = run.loss[:, 0], run.grad_norm[:, 0]
    assert loss[0] > 1.0  # far above the minimum, 0
    # 500 steps on the plateau: |g| under 1% of its peak along the path, the loss unchanged
    assert g[:500].max() < 0.01 * g.max()
    assert loss[:500].min() > 0.99 * loss[0]
    # a plateau, not a minimum: it gets there in the end
    assert loss[-1] < 1e-6
    # momentum and Adam leave the plateau sooner
    def left(prefix):  # the first step with the loss below half its start
        run = _racer("p9_vanishing", prefix)[1]
        return int(np.argmax(run.loss[:, 0] < 0.5 * run.loss[0, 0]))

    assert left("Adam") <= 100
    # the text's numbers: "sits at 1.27 while |gradient| is about 0.001", GD "creeps along the
    # plateau for over a thousand steps", Adam "leaves within about 60 steps"
    assert round(loss[0], 2) == 1.27 and 0.0005 < g[:500].max() < 0.002
    assert left("GD") > 1000 and 40 <= left("Adam") <= 70
    assert left("Adam") < left("Momentum") < left("GD")


def test_p9_dead_relu_never_moves():
    sc, surface, runs = _load("p9_dead_relu")
    assert surface.params["activation"] == "relu"
    dead_start = np.array(sc.starts[0])
    # off for every data point: w x_i + b <= 0
    assert np.all(dead_start[0] * surface.inputs + dead_start[1] <= 0)
    for racer in sc.racers:
        run = runs[sc.label_of(racer, surface)]
        assert np.all(run.grad_norm[:, 0] == 0.0)
        assert lessons.path_length(run.points[:, 0]) == 0.0
        assert np.all(run.points[:, 0] == dead_start)

    # from a live start, lr 0.1 trains and lr 0.2 throws the unit into the dead wedge
    target = surface.minima[0]
    _, ok_run = _racer("p9_dead_relu", "GD, lr 0.1")
    assert lessons.distances(ok_run.points[-1, 1], target) < 1e-3
    _, killed = _racer("p9_dead_relu", "GD, lr 0.2")
    g = killed.grad_norm[:, 1]
    assert g[0] > 0
    k = int(np.argmax(g == 0.0))
    assert 0 < k <= 5 and np.all(g[k:] == 0.0)
    assert lessons.path_length(killed.points[k:, 1]) == 0.0
    w, b = killed.points[k, 1]
    assert np.all(w * surface.inputs + b <= 0)
    assert killed.loss[-1, 1] == killed.loss[k, 1] > 1.0
    # "lands in the wedge on step 2 ... with the loss stuck at 3.35"
    assert k == 2 and round(killed.loss[-1, 1], 2) == 3.35
    # leaky ReLU keeps "about 0.08" of gradient at (-1, -7) instead of exactly 0
    leaky = surfaces.get("tiny_net", **{**surface.params, "activation": "leaky_relu"})
    assert round(float(np.linalg.norm(leaky.grad(dead_start))), 2) == 0.08


# ---------------------------------------------------------------------------------------------
# P10: Nesterov beats heavy-ball momentum on a smooth ill-conditioned bowl
# ---------------------------------------------------------------------------------------------
def _spectral_radius(lr, mu, lambdas, nesterov):
    """The linear rate of torch's heavy ball / Nesterov on a quadratic with these curvatures.

    State (p, b) per eigen-direction: heavy ball ``b' = mu b + lam p, p' = p - lr b'``;
    Nesterov ``p' = p - lr (lam p + mu b')``.
    """
    rho = 0.0
    for lam in lambdas:
        if nesterov:
            m = [[1 - lr * (1 + mu) * lam, -lr * mu * mu], [lam, mu]]
        else:
            m = [[1 - lr * lam, -lr * mu], [lam, mu]]
        rho = max(rho, float(np.abs(np.linalg.eigvals(np.array(m))).max()))
    return rho


def test_p10_nesterov_arrives_sooner_than_momentum():
    sc, surface, _ = _load("p10_nesterov")
    lam = _eigenvalues(surface)
    assert lam.max() / lam.min() >= 10  # ill-conditioned
    heavy, heavy_run = _racer("p10_nesterov", "Momentum")
    nag, nag_run = _racer("p10_nesterov", "Nesterov")
    assert (heavy.optimizer, nag.optimizer) == ("momentum", "nesterov")
    assert dict(heavy.params) == dict(nag.params)
    lr, mu = heavy.params["lr"], heavy.params["momentum"]

    target = surface.minima[0]
    t_heavy = lessons.steps_to_reach(heavy_run.points[:, 0], target, 1e-3)
    t_nag = lessons.steps_to_reach(nag_run.points[:, 0], target, 1e-3)
    assert t_heavy is not None and t_nag is not None
    assert t_nag < t_heavy
    # by as much as the linear rates predict: steps ~ 1 / -log(rho)
    rho_heavy = _spectral_radius(lr, mu, lam, nesterov=False)
    rho_nag = _spectral_radius(lr, mu, lam, nesterov=True)
    predicted = math.log(rho_heavy) / math.log(rho_nag)
    assert predicted < 0.8
    assert t_nag / t_heavy == pytest.approx(predicted, abs=0.1)
    assert t_nag / t_heavy == pytest.approx(2 / 3, abs=0.05)  # "about two thirds"
    # "lr 0.05 = 1 / lambda_max"; along the floor (lambda 1) the swing decays by
    # sqrt(0.9 * 0.95) = 0.925 per step (Nesterov) instead of sqrt(0.9) = 0.949
    assert lr == 1 / lam.max()
    assert _spectral_radius(lr, mu, [1.0], nesterov=True) == pytest.approx(
        math.sqrt(mu * (1 - lr)), rel=1e-9)
    assert _spectral_radius(lr, mu, [1.0], nesterov=False) == pytest.approx(math.sqrt(mu))
    assert (round(math.sqrt(0.9 * 0.95), 3), round(math.sqrt(0.9), 3)) == (0.925, 0.949)
    # across the walls (lr * lambda = 1) Nesterov cancels the oscillation: a zero multiplier
    assert _spectral_radius(lr, mu, [lam.max()], nesterov=True) < 1e-6
    # and it swings less far past the minimum along the floor
    assert nag_run.points[:, 0, 0].max() < heavy_run.points[:, 0, 0].max()


def test_the_documented_example_scenario_is_valid():
    """The complete example in the scenario-format docs loads, runs and round-trips."""
    import re
    from pathlib import Path

    docs = Path(__file__).resolve().parents[1] / "README.md"
    block = re.search(r"```toml\n(.*?)```", docs.read_text(encoding="utf-8"), re.S)
    assert block, "the docs show a complete TOML example"
    sc = S.loads(block.group(1), "example.toml")
    assert len(sc.racers) == 2 and sc.racers[1].noise_sigma == 2.0
    assert S.loads(S.dumps(sc), "example.toml") == sc
    assert len(sc.simulate()) == 2


# ---------------------------------------------------------------------------------------------
# The per-racer noise that lesson P3 needs (racers[i].noise_sigma overrides run.noise_sigma)
# ---------------------------------------------------------------------------------------------
_NOISY = """
[surface]
name = "quadratic"
[run]
steps = 20
starts = [[1.0, 1.0]]
noise_sigma = 0.5
noise_seed = 7
[[racers]]
label = "the run's noise"
[[racers]]
label = "no noise"
noise_sigma = 0.0
[[racers]]
label = "its own noise"
noise_sigma = 2.0
"""


def test_racer_noise_overrides_the_runs_and_round_trips():
    sc = S.loads(_NOISY, "noisy.toml")
    assert [r.noise_sigma for r in sc.racers] == [None, 0.0, 2.0]
    assert [sc.noise_for(r) for r in sc.racers] == [
        Noise(0.5, 7), None, Noise(2.0, 7)]
    runs = sc.simulate()
    assert [r.noise for r in runs] == [sc.noise_for(r) for r in sc.racers]
    quiet = S.loads(_NOISY.replace("noise_sigma = 0.5", "noise_sigma = 0.0"), "q.toml")
    np.testing.assert_array_equal(runs[1].trajectories.points,
                                  quiet.simulate()[0].trajectories.points)
    assert S.loads(S.dumps(sc), "noisy.toml") == sc
    assert "noise_sigma" not in S.dumps(sc).split("[[racers]]")[1]  # unset stays unset


@pytest.mark.parametrize("value, message", [
    ("-1.0", "noisy.toml: racers[2].noise_sigma: Invalid noise sigma: -1.0"),
    ('"lots"', "noisy.toml: racers[2].noise_sigma: expected a number, got the text 'lots'"),
])
def test_racer_noise_errors_name_the_key(value, message):
    with pytest.raises(S.ScenarioError) as err:
        S.loads(_NOISY.replace("noise_sigma = 2.0", f"noise_sigma = {value}"), "noisy.toml")
    assert str(err.value).startswith(message)


def test_default_tour_shows_bouncing_gd_and_calm_adam():
    """The tour: on a valley with curvatures 1 and 20, GD with lr 0.09 flips across the steep
    direction on every step (factor 1 - 0.09 * 20 = -0.8) while the flat coordinate shrinks by
    exactly 1 - 0.09 = 0.91 per step; heavy ball with momentum 0.8 contracts by sqrt(0.8);
    Adam glides in without bouncing."""
    sc = S.load("default")
    runs = {sc.label_of(r.racer): r.trajectories for r in sc.simulate()}
    gd, mom, adam = runs["GD, lr 0.09"], runs["Momentum 0.8, lr 0.02"], runs["Adam, lr 0.1"]
    x, y = gd.points[:, 0, 0], gd.points[:, 0, 1]
    t = np.arange(gd.steps + 1)
    np.testing.assert_allclose(x, x[0] * 0.91**t, rtol=1e-9)
    np.testing.assert_allclose(y, y[0] * (-0.8) ** t, rtol=1e-9, atol=1e-300)
    assert (np.diff(np.sign(y)) != 0).sum() == gd.steps  # a sign change on every step
    # heavy ball: complex roots for both curvatures, so |error| ~ sqrt(0.8)^t (times a bounded
    # oscillation): the log-rate over the run is that of sqrt(0.8) within a few percent
    dist = np.hypot(*mom.points[:, 0].T)
    rate = (dist[140:150].max() / dist[40:50].max()) ** (1 / 100)
    assert abs(rate - np.sqrt(0.8)) < 0.02
    ay = adam.points[:, 0, 1]
    assert np.hypot(*adam.points[-1, 0]) < 0.05
    # Adam "heads in diagonally, both coordinates moving lr per step at first ... overshoots the
    # floor a little (y dips to -0.22, 4 sign changes, the first at step 32) and circles in"
    np.testing.assert_allclose(np.abs(np.diff(adam.points[:2, 0], axis=0)), 0.1)
    flips = np.flatnonzero(np.sign(ay[1:]) * np.sign(ay[:-1]) < 0) + 1
    assert len(flips) == 4 and flips[0] == 32 and round(ay.min(), 2) == -0.22
    # the why: GD's limit 2 / 20; the best fixed lr 2 / (1 + 20) converges at
    # (kappa - 1) / (kappa + 1) = 0.905 per step; a valley with lambda2 = 1000 needs lr < 0.002
    surface = sc.build_surface()
    best = simulate(surface, optimizers.make("gd", lr=2 / 21), sc.starts, 100)
    dist = np.hypot(*best.points[:, 0].T)
    assert round((dist[100] / dist[50]) ** (1 / 50), 3) == round((20 - 1) / (20 + 1), 3) == 0.905
    assert 2 / 1000 == 0.002 and round(math.sqrt(0.8), 2) == 0.89
