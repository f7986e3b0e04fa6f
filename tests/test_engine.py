"""The trajectory engine: stability limits, divergence handling, noise, shapes, validation."""

from __future__ import annotations

import numpy as np
import pytest

import surfaces
from app import optimizers, schedules
from app.engine import Noise, Step, Trajectories, iterate, simulate
from surfaces import Surface

BOWLS = [(1.0, 20.0, 0.0), (3.0, 0.5, 37.0), (10.0, 10.0, 90.0), (0.2, 50.0, -60.0),
         (7.0, 2.0, 123.4)]


def bowl(lambda1, lambda2, angle):
    return surfaces.get("quadratic", lambda1=lambda1, lambda2=lambda2, angle=angle)


def gd(lr):
    return optimizers.make("gd", lr=lr)


def gd_by_hand(surface, start, lr, steps):
    """``p = p - lr * grad(p)`` with plain numpy: the points and losses, no freezing."""
    p = np.array(start, dtype=float).reshape(1, 2)
    points, losses = [p], [surface.value(p)]
    for _ in range(steps):
        p = p - lr * surface.grad(p)
        points.append(p)
        losses.append(surface.value(p))
    return np.concatenate(points), np.concatenate(losses)


# --------------------------------------------------------------------------------------------
# the stability limit of gradient descent on a quadratic is exactly lr = 2 / lambda_max
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lambda1, lambda2, angle", BOWLS)
def test_gd_just_below_the_limit_converges(lambda1, lambda2, angle):
    surface = bowl(lambda1, lambda2, angle)
    lr = 0.99 * 2 / max(lambda1, lambda2)
    run = simulate(surface, gd(lr), [[1.0, 1.0], [-2.0, 0.5]], steps=2000)
    assert (run.diverged_at == -1).all()
    assert (run.loss[-1] < 1e-10 * run.loss[0]).all()


@pytest.mark.parametrize("lambda1, lambda2, angle", BOWLS)
def test_gd_just_above_the_limit_diverges(lambda1, lambda2, angle):
    surface = bowl(lambda1, lambda2, angle)
    lr = 1.01 * 2 / max(lambda1, lambda2)
    run = simulate(surface, gd(lr), [[1.0, 1.0], [-2.0, 0.5]], steps=2000)
    assert (run.diverged_at > 0).all()
    # the step is exactly the first whose loss exceeds the blow-up bound
    for i, start in enumerate([[1.0, 1.0], [-2.0, 0.5]]):
        _, losses = gd_by_hand(surface, start, lr, 2000)
        first = int(np.argmax(~(losses <= surface.blowup)))
        assert run.diverged_at[i] == first


# --------------------------------------------------------------------------------------------
# a diverged run is frozen at its last good point
# --------------------------------------------------------------------------------------------
def test_diverged_run_is_frozen_and_finite():
    surface = bowl(1.0, 20.0, 0.0)
    lr = 0.15  # 1.5 times the limit
    starts = [[1.0, 1.0], [0.5, -0.2], [3.0, 0.0]]  # the last one lies on the stable axis
    run = simulate(surface, gd(lr), starts, steps=300)
    assert run.diverged_at[2] == -1
    for i in (0, 1):
        k = int(run.diverged_at[i])
        points, losses = gd_by_hand(surface, starts[i], lr, k)
        assert losses[k - 1] <= surface.blowup < losses[k]
        np.testing.assert_array_equal(run.points[:k, i], points[:k])
        np.testing.assert_array_equal(run.points[k:, i], np.broadcast_to(points[k - 1],
                                                                         (301 - k, 2)))
        assert (run.loss[k:, i] == run.loss[k - 1, i]).all()
        assert (run.grad_norm[k:, i] == run.grad_norm[k - 1, i]).all()
        assert run.last_good_step()[i] == k - 1
    for array in (run.points, run.loss, run.grad_norm, run.lr):
        assert np.isfinite(array).all()
    assert run.diverged.tolist() == [True, True, False]


def test_overflow_to_inf_is_contained():
    """The loss jumps from finite to inf in one step: no warning (they are errors here)."""
    surface = bowl(1.0, 20.0, 0.0)
    run = simulate(surface, gd(1e200), [[1.0, 1.0], [0.0, 0.0]], steps=5)
    assert run.diverged_at.tolist() == [1, -1]
    assert np.isfinite(run.points).all() and np.isfinite(run.loss).all()
    np.testing.assert_array_equal(run.points[:, 0], np.ones((6, 2)))
    # momentum keeps updating the frozen point's buffer towards inf: still contained
    run = simulate(surface, optimizers.make("momentum", lr=1e150, momentum=0.99),
                   [[1.0, 1.0]], steps=50)
    assert run.diverged_at[0] == 1 and np.isfinite(run.points).all()


class Cliff(Surface):
    """``x^2 + y^2`` inside the unit disc; outside: NaN for x > 0, -inf for x < 0; never above
    a blow-up bound of inf, so only non-finite values can stop a run."""

    name = "cliff_test"
    blowup = float("inf")

    def _value(self, x, y):
        r2 = x * x + y * y
        outside = np.where(x > 0, np.nan, -np.inf)
        return np.where(r2 <= 1, r2, outside)

    def _grad(self, x, y):
        return 2.0 * x, 2.0 * y

    def _hessian(self, x, y):
        one = np.ones(np.broadcast(x, y).shape)
        return 2 * one, 0 * one, 2 * one


def test_non_finite_loss_diverges_even_with_infinite_blowup():
    # f = |p|^2 inside the disc, so gd maps p -> (1 - 2 lr) p: with lr = 1.25 it flies out
    run = simulate(Cliff(), gd(1.25), [[0.1, 0.2], [-0.3, 0.1], [0.0, 0.0]], steps=10)
    # |1 - 2.5| = 1.5: the radius grows 1.5 times per step (and flips the sign of x)
    first = [next(k for k in range(1, 11) if 0.1 * np.hypot(1, 2) * 1.5**k > 1),
             next(k for k in range(1, 11) if np.hypot(0.3, 0.1) * 1.5**k > 1)]
    assert run.diverged_at.tolist() == [*first, -1]
    assert np.isfinite(run.loss).all()


def test_loss_overflowing_with_infinite_blowup():
    """A surface without a blow-up bound: the run stops when the loss overflows to inf."""
    far = surfaces.get("quadratic", lambda1=1, lambda2=1)
    far.blowup = float("inf")
    run = simulate(far, gd(3.0), [[1.0, 0.0]], steps=2000)  # p -> -2 p, loss 4 times a step
    k = int(run.diverged_at[0])
    assert k > 0 and np.isfinite(run.loss[k - 1, 0]) and run.loss[k - 1, 0] > 1e300
    assert (run.points[k:, 0] == run.points[k - 1, 0]).all()


@pytest.mark.parametrize("start, loss_at_start", [([1e7, 1e7], "large"), ([1e200, 1e200], "inf")])
def test_start_with_bad_loss_is_diverged_at_zero(start, loss_at_start):
    surface = bowl(1.0, 1.0, 0.0)
    run = simulate(surface, optimizers.make("adam", lr=0.1), [start, [1.0, 1.0]], steps=20)
    assert run.diverged_at.tolist() == [0, -1]
    assert (run.points[:, 0] == start).all()
    assert (run.loss[:, 0] == run.loss[0, 0]).all()
    assert (run.loss[0, 0] > surface.blowup) if loss_at_start == "large" else (
        run.loss[0, 0] == np.inf)
    assert run.last_good_step()[0] == 0
    assert run.loss[-1, 1] < run.loss[0, 1]  # the other point ran normally


def test_nan_loss_at_start_is_diverged_at_zero():
    run = simulate(Cliff(), gd(0.1), [[2.0, 0.0], [0.5, 0.0]], steps=5)
    assert run.diverged_at.tolist() == [0, -1]
    assert np.isnan(run.loss[:, 0]).all()  # the one documented exception to "all finite"
    assert (run.points[:, 0] == [2.0, 0.0]).all()


def test_divergence_of_one_point_leaves_the_others_alone():
    surface = bowl(1.0, 20.0, 0.0)
    starts = np.array([[1.0, 1.0], [2.0, 0.0], [-1.0, -1.0]])
    lr = 0.11  # unstable along y only: the start on the x axis converges
    together = simulate(surface, gd(lr), starts, 400)
    for i in range(3):
        alone = simulate(surface, gd(lr), starts[i:i + 1], 400)
        np.testing.assert_array_equal(together.points[:, i], alone.points[:, 0])
        np.testing.assert_array_equal(together.loss[:, i], alone.loss[:, 0])
        assert together.diverged_at[i] == alone.diverged_at[0]
    assert together.diverged_at[1] == -1 and (together.diverged_at[[0, 2]] > 0).all()


def test_no_floating_point_state_leaks_out_of_iterate():
    before = np.geterr()
    steps = iterate(bowl(1.0, 20.0, 0.0), gd(1e200), [[1.0, 1.0]], 3)
    next(steps)
    assert np.geterr() == before  # while the caller holds a step
    with np.errstate(divide="raise"):
        inner = iterate(bowl(1.0, 20.0, 0.0), gd(0.1), [[1.0, 1.0]], 3)
        next(inner)
    del inner
    assert np.geterr() == before
    for _ in steps:
        with pytest.warns(RuntimeWarning):
            np.array([1e308]) * 10  # the caller's own overflow still warns
    assert np.geterr() == before


# --------------------------------------------------------------------------------------------
# noise
# --------------------------------------------------------------------------------------------
STARTS = [[1.0, 1.0], [-0.5, 2.0], [0.3, -0.7]]


def noisy_run(seed=0, sigma=0.3, starts=STARTS, steps=50, name="adam"):
    return simulate(bowl(1.0, 10.0, 30.0), optimizers.make(name, lr=0.05), starts, steps,
                    noise=Noise(sigma=sigma, seed=seed))


def test_same_seed_same_run():
    a, b = noisy_run(seed=4), noisy_run(seed=4)
    np.testing.assert_array_equal(a.points, b.points)
    np.testing.assert_array_equal(a.loss, b.loss)


def test_different_seed_different_run():
    a, b = noisy_run(seed=4), noisy_run(seed=5)
    assert not np.array_equal(a.points[1:], b.points[1:])
    assert (np.abs(a.points[-1] - b.points[-1]) > 0).all()


def test_each_start_point_gets_its_own_noise():
    same = [[1.0, 1.0]] * 4
    run = noisy_run(starts=same)
    assert len({tuple(p) for p in run.points[1]}) == 4
    step = Noise(sigma=1.0, seed=2).sample(0, (4, 2))
    assert len(set(step.ravel().tolist())) == 8


def test_adding_a_start_point_does_not_change_the_others():
    a = noisy_run(starts=STARTS)
    b = noisy_run(starts=[*STARTS, [2.0, 2.0], [0.0, 1.0]])
    np.testing.assert_array_equal(a.points, b.points[:, :3])
    np.testing.assert_array_equal(a.loss, b.loss[:, :3])


def test_zero_sigma_is_no_noise():
    quiet = simulate(bowl(1.0, 10.0, 30.0), optimizers.make("adam", lr=0.05), STARTS, 50)
    zero = noisy_run(sigma=0.0)
    np.testing.assert_array_equal(quiet.points, zero.points)
    assert not np.array_equal(quiet.points, noisy_run(sigma=1e-3).points)


def test_noise_is_seeded_gaussian():
    draws = Noise(sigma=2.0, seed=7).sample(3, (50_000, 2))
    assert abs(draws.mean()) < 0.03 and abs(draws.std() - 2.0) < 0.03
    np.testing.assert_array_equal(draws, Noise(sigma=2.0, seed=7).sample(3, (50_000, 2)))
    assert not np.array_equal(draws, Noise(sigma=2.0, seed=7).sample(4, (50_000, 2)))


def test_noisy_gd_is_full_batch_gd_on_average():
    """GD on a quadratic is linear in the noise: the mean of many noisy runs from one start is
    the noise-free run, while each noisy run wanders about it."""
    surface = bowl(1.0, 5.0, 20.0)
    n, steps, sigma = 4000, 30, 0.5
    starts = np.tile([[1.5, -1.0]], (n, 1))
    full = simulate(surface, gd(0.1), starts[:1], steps)
    noisy = simulate(surface, gd(0.1), starts, steps, noise=Noise(sigma=sigma, seed=11))
    mean = noisy.points.mean(axis=1)
    spread = noisy.points.std(axis=1)
    assert (spread[1:] > 0.01).all()
    assert np.all(np.abs(mean - full.points[:, 0]) <= 5 * spread / np.sqrt(n) + 1e-12)
    # near the minimum the noise keeps the loss above the noise-free one
    assert noisy.loss[-1].mean() > 10 * full.loss[-1, 0]


# --------------------------------------------------------------------------------------------
# the learning rate, shapes, iterate against simulate
# --------------------------------------------------------------------------------------------
def test_lr_is_lr_times_schedule():
    schedule = schedules.make("cosine", total_steps=40, warmup_steps=5)
    opt = optimizers.make("momentum", lr=0.02)
    run = simulate(bowl(1.0, 3.0, 0.0), opt, STARTS, 60, schedule=schedule)
    np.testing.assert_array_equal(run.lr, 0.02 * schedule(np.arange(60)))
    run = simulate(bowl(1.0, 3.0, 0.0), opt, STARTS, 60)
    np.testing.assert_array_equal(run.lr, np.full(60, 0.02))


def test_schedule_reaches_the_optimizer():
    """A schedule changes the path exactly as feeding the scaled lr by hand does."""
    surface = bowl(1.0, 3.0, 45.0)
    schedule = schedules.make("step", step_size=5, gamma=0.5)
    opt = optimizers.make("adam", lr=0.1)
    run = simulate(surface, opt, STARTS, 20, schedule=schedule)
    p = np.array(STARTS)
    state = opt.init(p)
    for k in range(20):
        p, state = opt.update(surface.grad(p), state, p, 0.1 * 0.5 ** (k // 5))
        np.testing.assert_array_equal(run.points[k + 1], p)


@pytest.mark.parametrize("n", [0, 1, 5])
def test_shapes(n):
    starts = np.linspace(-1, 1, 2 * n).reshape(n, 2)
    run = simulate(bowl(1.0, 3.0, 0.0), optimizers.make("rmsprop"), starts, 7)
    assert isinstance(run, Trajectories)
    assert run.points.shape == (8, n, 2)
    assert run.loss.shape == run.grad_norm.shape == (8, n)
    assert run.lr.shape == (7,)
    assert run.diverged_at.shape == (n,) and run.diverged_at.dtype == np.int64
    assert run.steps == 7 and run.n == n
    assert run.last_good_step().shape == (n,)
    assert run.points.dtype == run.loss.dtype == run.grad_norm.dtype == np.float64


def test_single_start_point_as_a_pair():
    run = simulate(bowl(1.0, 3.0, 0.0), gd(0.1), [1.0, 2.0], 3)
    assert run.points.shape == (4, 1, 2)
    np.testing.assert_array_equal(run.points[0, 0], [1.0, 2.0])


def test_loss_and_grad_norm_are_the_surfaces():
    surface = bowl(2.0, 7.0, 15.0)
    run = simulate(surface, optimizers.make("nesterov", lr=0.05), STARTS, 25)
    for k in (0, 1, 13, 25):
        np.testing.assert_array_equal(run.loss[k], surface.value(run.points[k]))
        g = surface.grad(run.points[k])
        np.testing.assert_allclose(run.grad_norm[k], np.hypot(g[:, 0], g[:, 1]), rtol=4e-16)


def test_grad_norm_of_extreme_gradients():
    from app.engine import _grad_norm

    g = np.array([[3e200, 4e200], [3e-200, 4e-200], [0.0, 0.0], [-3.0, 4.0], [1e-320, 0.0],
                  [np.inf, 1.0], [np.nan, 1.0], [1e308, 1e308]])
    with np.errstate(all="raise"):
        with np.errstate(over="ignore", invalid="ignore", under="ignore"):
            norm = _grad_norm(g)
    np.testing.assert_allclose(norm[:5], [5e200, 5e-200, 0.0, 5.0, 1e-320], rtol=1e-15)
    assert norm[5] == np.inf and np.isnan(norm[6])
    assert norm[7] == np.hypot(1e308, 1e308)


def test_iterate_matches_simulate():
    surface = bowl(1.0, 20.0, 0.0)
    opt = optimizers.make("adam", lr=0.3)
    schedule = schedules.make("exponential", gamma=0.97)
    noise = Noise(sigma=0.1, seed=1)
    run = simulate(surface, opt, STARTS, 30, schedule, noise)
    seen = list(iterate(surface, opt, STARTS, 30, schedule, noise))
    assert [s.step for s in seen] == list(range(31))
    assert all(isinstance(s, Step) for s in seen)
    for s in seen:
        np.testing.assert_array_equal(s.points, run.points[s.step])
        np.testing.assert_array_equal(s.loss, run.loss[s.step])
        assert s.state.count == s.step
    # Step.lr is the rate of the next update (the last step repeats the last one)
    assert [s.lr for s in seen] == [*run.lr.tolist(), run.lr[-1]]
    np.testing.assert_array_equal(seen[-1].diverged_at, run.diverged_at)


def test_yielded_steps_are_never_changed_later():
    surface = bowl(1.0, 20.0, 0.0)
    seen = list(iterate(surface, gd(0.15), [[1.0, 1.0], [2.0, 0.0]], 300))
    run = simulate(surface, gd(0.15), [[1.0, 1.0], [2.0, 0.0]], 300)
    for s in seen:
        np.testing.assert_array_equal(s.points, run.points[s.step])
        np.testing.assert_array_equal(s.loss, run.loss[s.step])
    k = int(run.diverged_at[0])
    assert seen[k - 1].diverged_at[0] == -1 and seen[k].diverged_at[0] == k


# --------------------------------------------------------------------------------------------
# invalid input
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("steps", [0, -3, 2.5, True, float("nan"), float("inf"), None, "10"])
def test_invalid_steps(steps):
    with pytest.raises(ValueError, match="Invalid number of steps"):
        simulate(bowl(1.0, 1.0, 0.0), gd(0.1), [[1.0, 1.0]], steps)
    with pytest.raises(ValueError, match="Invalid number of steps"):
        next(iterate(bowl(1.0, 1.0, 0.0), gd(0.1), [[1.0, 1.0]], steps))


@pytest.mark.parametrize("starts, message", [
    ([[np.nan, 1.0]], "finite"),
    ([[1.0, np.inf]], "finite"),
    ([1.0, 2.0, 3.0], "shape"),
    ([[1.0, 2.0, 3.0]], "shape"),
    (np.zeros((2, 2, 2)), "shape"),
    (5.0, "shape"),
    ([["a", "b"]], "could not convert|finite"),
])
def test_invalid_starts(starts, message):
    with pytest.raises(ValueError, match=message):
        simulate(bowl(1.0, 1.0, 0.0), gd(0.1), starts, 5)


@pytest.mark.parametrize("sigma, seed", [(-1.0, 0), (float("nan"), 0), (float("inf"), 0),
                                         (0.1, -1), (0.1, 1.5)])
def test_invalid_noise(sigma, seed):
    with pytest.raises(ValueError, match="Invalid noise"):
        Noise(sigma=sigma, seed=seed)


@pytest.mark.parametrize("name, lr, some_diverge", [("gd", 0.11, True), ("momentum", 0.2, True),
                                                   ("adam", 0.05, False)])
def test_threads_give_the_same_numbers(monkeypatch, name, lr, some_diverge):
    """A large batch is split between threads: bit for bit the single-thread result."""
    from app import engine

    rng = np.random.default_rng(3)
    starts = rng.uniform(-3, 3, size=(301, 2))
    starts[::2, 1] = 0.0  # on the flat axis: stable; off it, gd and momentum blow up
    starts[5] = [1e7, 1e7]  # diverged at 0
    surface = bowl(1.0, 20.0, 0.0)
    opt = optimizers.make(name, lr=lr)
    schedule = schedules.make("exponential", gamma=0.9999, warmup_steps=3)
    monkeypatch.setattr(engine, "_workers", lambda n: 1)
    one = simulate(surface, opt, starts, 200, schedule)
    monkeypatch.setattr(engine, "_workers", lambda n: 3)
    three = simulate(surface, opt, starts, 200, schedule)
    assert ((one.diverged_at > 0).sum() > 100) == some_diverge
    assert one.diverged_at[5] == 0
    for field in ("points", "loss", "grad_norm", "lr", "diverged_at"):
        np.testing.assert_array_equal(getattr(three, field), getattr(one, field))
    # noise is drawn for the whole batch: a noisy run is never split
    noise = Noise(sigma=0.2, seed=1)
    np.testing.assert_array_equal(simulate(surface, opt, starts, 50, noise=noise).points,
                                  np.stack([s.points for s in iterate(surface, opt, starts, 50,
                                                                      noise=noise)]))


def test_workers():
    from app import engine

    assert engine._workers(0) == engine._workers(100) == 1
    assert 1 <= engine._workers(10**7) <= 4
