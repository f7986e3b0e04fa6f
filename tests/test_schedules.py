"""Learning-rate schedules: formulas, warm-up composition, vectorization, validation."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from app import schedules
from surfaces.params import parse_params

DECAYS = [n for n in schedules.names() if n != "linear_warmup"]


def factor(schedule, t):
    return float(schedule(np.array([t]))[0])


# --------------------------------------------------------------------------------------------
# each schedule is its formula
# --------------------------------------------------------------------------------------------
FORMULAS = [
    ("constant", {}, lambda t: 1.0),
    ("step", {}, lambda t: 0.1 ** (t // 100)),
    ("step", {"step_size": 7, "gamma": 0.5}, lambda t: 0.5 ** (t // 7)),
    ("exponential", {}, lambda t: 0.99**t),
    ("exponential", {"gamma": 0.5}, lambda t: 0.5**t),
    ("inverse_sqrt", {}, lambda t: 1 / math.sqrt(t + 1)),
    ("inverse_time", {}, lambda t: 1 / (1 + 0.01 * t)),
    ("inverse_time", {"decay": 0.5}, lambda t: 1 / (1 + 0.5 * t)),
    ("cosine", {"total_steps": 100},
     lambda t: 0.5 * (1 + math.cos(math.pi * min(t, 100) / 100))),
    ("cosine", {"total_steps": 40, "min_factor": 0.2},
     lambda t: 0.2 + 0.8 * 0.5 * (1 + math.cos(math.pi * min(t, 40) / 40))),
    ("linear_warmup", {}, lambda t: 1 / 3 + (2 / 3) * t / 100 if t < 100 else 1.0),
    ("linear_warmup", {"warmup_steps": 10, "warmup_start_factor": 0.0},
     lambda t: t / 10 if t < 10 else 1.0),
]
STEPS = [0, 1, 5, 6, 7, 10, 20, 39, 40, 41, 99, 100, 101, 250, 1000]


@pytest.mark.parametrize("name, params, formula", FORMULAS,
                         ids=[f"{n}-{'-'.join(p)}" for n, p, _ in FORMULAS])
def test_schedule_is_its_formula(name, params, formula):
    schedule = schedules.make(name, **params)
    got = schedule(np.array(STEPS))
    np.testing.assert_allclose(got, [formula(t) for t in STEPS], rtol=1e-14, atol=1e-15)


def test_hand_values():
    assert schedules.make("inverse_sqrt")(np.array([0, 3, 8, 99])).tolist() == [
        1.0, 0.5, 1 / 3, 0.1]
    assert schedules.make("step", step_size=10, gamma=0.5)(np.array([9, 10, 25])).tolist() == [
        1.0, 0.5, 0.25]
    cosine = schedules.make("cosine", total_steps=10, min_factor=0.1)
    assert cosine(np.array([0, 5, 10, 11, 500])) == pytest.approx([1.0, 0.55, 0.1, 0.1, 0.1])
    assert schedules.make("inverse_time", decay=0.25)(np.array([4])).tolist() == [0.5]
    assert schedules.make()(np.arange(3)).tolist() == [1.0, 1.0, 1.0]  # default: constant


def test_docstring_example_and_formula_text():
    assert schedules.make("inverse_sqrt")(np.array([0, 3])).tolist() == [1.0, 0.5]
    for name in schedules.names():
        assert schedules.spec(name).formula


# --------------------------------------------------------------------------------------------
# warm-up composes with every decay
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", DECAYS)
def test_warmup_then_decay(name):
    warm, start = 20, 0.25
    plain = schedules.make(name)
    warmed = schedules.make(name, warmup_steps=warm, warmup_start_factor=start)
    t = np.arange(200)
    f = warmed(t)
    # the ramp: linear from start towards 1 (torch's LinearLR)
    np.testing.assert_allclose(f[:warm], start + (1 - start) * t[:warm] / warm, rtol=1e-15)
    assert f[0] == start
    assert (np.diff(f[:warm]) > 0).all()
    # continuity: every decay starts at 1 (one-cycle starts low: it is its own warm-up), and
    # the warm-up ends exactly there
    assert plain(np.array([0]))[0] == pytest.approx(1 / 25 if name == "one_cycle" else 1.0,
                                                    rel=1e-14)
    assert f[warm] == plain(np.array([0]))[0]
    assert f[warm - 1] == pytest.approx(1 - (1 - start) / warm, rel=1e-15)
    # after it, the decay runs on its own clock (torch's SequentialLR)
    np.testing.assert_array_equal(f[warm:], plain(t[warm:] - warm))


@pytest.mark.parametrize("name", DECAYS)
def test_no_warmup_by_default(name):
    schedule = schedules.make(name)
    assert schedule.params["warmup_steps"] == 0
    t = np.arange(50)
    np.testing.assert_array_equal(schedule(t), schedules.make(name, warmup_steps=0)(t))


def test_linear_warmup_is_warmup_then_constant():
    a = schedules.make("linear_warmup", warmup_steps=8, warmup_start_factor=0.5)
    b = schedules.make("constant", warmup_steps=8, warmup_start_factor=0.5)
    t = np.arange(30)
    np.testing.assert_array_equal(a(t), b(t))
    assert a(np.array([8]))[0] == 1.0


def test_warmup_from_zero():
    f = schedules.make("exponential", gamma=0.9, warmup_steps=4, warmup_start_factor=0.0)
    np.testing.assert_allclose(f(np.arange(7)), [0, 0.25, 0.5, 0.75, 1, 0.9, 0.81], rtol=1e-15)


# --------------------------------------------------------------------------------------------
# vectorized over arrays of steps
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", schedules.names())
def test_vectorized(name):
    schedule = schedules.make(name, warmup_steps=5)
    steps = np.arange(24).reshape(4, 6)
    got = schedule(steps)
    assert got.shape == (4, 6) and got.dtype == np.float64
    one_by_one = [factor(schedule, int(t)) for t in steps.ravel()]
    np.testing.assert_array_equal(got.ravel(), one_by_one)
    assert schedule(3).shape == ()  # a scalar step gives a 0-d array
    assert float(schedule(3)) == factor(schedule, 3)
    np.testing.assert_array_equal(schedule([0, 7]), schedule(np.array([0, 7])))
    assert schedule(np.arange(0)).shape == (0,)
    assert np.isfinite(schedule(np.arange(100_000))).all()


def test_long_step_arrays():
    t = np.arange(200_000)
    for name in schedules.names():
        assert schedules.make(name, warmup_steps=100)(t).shape == t.shape


# --------------------------------------------------------------------------------------------
# validation
# --------------------------------------------------------------------------------------------
INVALID = [
    ("step", {"gamma": 0}, "gamma"),
    ("step", {"gamma": 1.5}, "gamma"),
    ("step", {"step_size": 0}, "step_size"),
    ("step", {"step_size": 2.5}, "step_size"),
    ("exponential", {"gamma": -0.5}, "gamma"),
    ("exponential", {"gamma": float("nan")}, "gamma"),
    ("inverse_time", {"decay": -1}, "decay"),
    ("inverse_time", {"decay": float("inf")}, "decay"),
    ("cosine", {"total_steps": 0}, "total_steps"),
    ("cosine", {"min_factor": 1.5}, "min_factor"),
    ("cosine", {"warmup_steps": -1}, "warmup_steps"),
    ("constant", {"warmup_start_factor": 1.5}, "warmup_start_factor"),
    ("constant", {"warmup_start_factor": -0.1}, "warmup_start_factor"),
    ("linear_warmup", {"warmup_steps": 0}, "warmup_steps"),
    ("exponential", {"warmup_steps": "ten"}, "warmup_steps"),
]


@pytest.mark.parametrize("name, params, key", INVALID,
                         ids=[f"{n}-{'-'.join(p)}-{i}" for i, (n, p, _) in enumerate(INVALID)])
def test_invalid_parameters(name, params, key):
    with pytest.raises(ValueError, match=re.escape(f"schedule '{name}'")) as err:
        schedules.make(name, **params)
    assert key in str(err.value)
    assert "expected" in str(err.value)


def test_unknown_parameter_names_the_valid_ones():
    with pytest.raises(ValueError, match="Unknown parameter 'gama' for schedule 'exponential'"
                                         r".*Valid parameters: gamma, warmup_steps"):
        schedules.make("exponential", gama=0.9)


def test_unknown_schedule_suggests_the_closest():
    with pytest.raises(ValueError, match=r"Unknown schedule 'cosin'\. Did you mean 'cosine'\?"):
        schedules.make("cosin")
    with pytest.raises(ValueError, match="Valid schedules: "):
        schedules.spec("warmup_cosine_restarts_xyz")


def test_parameters_from_strings():
    """The CLI's KEY=VALUE strings are parsed by each parameter's type, then checked; the
    registry itself is typed (a scenario file's ``gamma = "0.5"`` is an error)."""
    given = parse_params("schedule 'step'", schedules.spec("step").params,
                         {"step_size": "10", "gamma": "0.5", "warmup_steps": "2"})
    s = schedules.make("step", **given)
    assert s.params == {"step_size": 10, "gamma": 0.5, "warmup_steps": 2,
                        "warmup_start_factor": 1 / 3}
    with pytest.raises(ValueError, match=r"schedule 'step': .*'gamma'.*got the text '0\.5'"):
        schedules.make("step", gamma="0.5")


# --------------------------------------------------------------------------------------------
# reduce on plateau: the engine feeds each start point's loss back; each point is its own run
# --------------------------------------------------------------------------------------------
def test_plateau_lr_is_per_point_and_each_point_as_alone():
    import surfaces
    from app import optimizers
    from app.engine import simulate

    sched = schedules.make("reduce_on_plateau", factor=0.5, patience=1, threshold=0.05,
                           warmup_steps=3)
    assert sched.needs_loss and not schedules.make("cosine").needs_loss
    rosen = surfaces.get("rosenbrock")
    opt = optimizers.make("gd", lr=1e-3)
    starts = np.array([[-1.2, 1.0], [0.5, 0.2], [1.5, 2.0]])
    run = simulate(rosen, opt, starts, 40, sched)
    assert run.lr.shape == (40, 3)
    # the warm-up is shared, then every point has its own reductions (halvings of 1e-3)
    warm = 1e-3 * sched(np.arange(3))
    np.testing.assert_array_equal(run.lr[:3], np.broadcast_to(warm[:, None], (3, 3)))
    assert (run.lr[3:] <= 1e-3).all() and len({tuple(run.lr[:, i]) for i in range(3)}) >= 2
    reductions = np.log2(1e-3 / run.lr[3:])
    np.testing.assert_array_equal(reductions, np.round(reductions))
    assert reductions[-1].max() >= 1
    for i in range(3):
        alone = simulate(rosen, opt, starts[i:i + 1], 40, sched)
        np.testing.assert_array_equal(alone.points[:, 0], run.points[:, i])
        np.testing.assert_array_equal(alone.lr_of(0), run.lr_of(i))


def test_plateau_reduces_after_patience_and_respects_cooldown_and_floor():
    sched = schedules.make("reduce_on_plateau", factor=0.5, patience=2, cooldown=1,
                           threshold=0.0, min_factor=0.3)
    c = sched.controller(1.0, 1, 20)
    seen = []
    for k, loss in enumerate([5.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0]):
        c.observe(k, np.array([loss]))
        seen.append(float(c.lr_at(k + 1)[0, 0]))
    # bad steps 1, 2, 3 > patience 2: halve at k = 4; cooldown 1 skips k = 5; bad again at
    # 6, 7, 8 -> 0.25, but the floor is 0.3
    assert seen == [1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.3, 0.3]
