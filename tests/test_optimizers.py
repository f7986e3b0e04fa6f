"""Optimizers: hand-computed first steps, torch.optim trajectories, validation, defaults.

The torch trajectories come from ``tests/fixtures/torch_reference.json``, written by
``benchmarks/make_torch_reference.py`` in a separate environment; torch is not needed here.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

import surfaces
from app import optimizers, schedules
from app.engine import simulate
from surfaces import Surface

FIXTURE = Path(__file__).parent / "fixtures" / "torch_reference.json"

#: the surface optimizers that evaluate it themselves (L-BFGS) are given
ORACLE = surfaces.get("quadratic", lambda1=1.0, lambda2=3.0)
P0 = np.array([[1.0, -2.0]])
G1 = np.array([[3.0, -4.0]])
G2 = np.array([[1.0, 2.0]])


def two_steps(name, g1=G1, g2=G2, p0=P0, **hyper):
    """Positions after one and after two updates with the given gradients."""
    opt = optimizers.make(name, **hyper)
    state = opt.init(p0)
    p1, state = opt.update(g1, state, p0, opt.lr)
    p2, state = opt.update(g2, state, p1, opt.lr)
    return p1, p2, state


def close(actual, expected, rtol=1e-12, atol=1e-12):
    np.testing.assert_allclose(actual, np.array(expected, dtype=float).reshape(-1, 2),
                               rtol=rtol, atol=atol)


# --------------------------------------------------------------------------------------------
# (a) the first one or two steps, computed by hand from the update equations
#     p0 = (1, -2), g1 = (3, -4), g2 = (1, 2) unless a test says otherwise
# --------------------------------------------------------------------------------------------
def test_gd_two_steps():
    p1, p2, _ = two_steps("gd", lr=0.1)
    close(p1, [1 - 0.3, -2 + 0.4])  # (0.7, -1.6)
    close(p2, [0.7 - 0.1, -1.6 - 0.2])  # (0.6, -1.8)


def test_gd_weight_decay_adds_to_gradient():
    p1, p2, _ = two_steps("gd", lr=0.1, weight_decay=0.5)
    # g = (3 + 0.5 * 1, -4 + 0.5 * -2) = (3.5, -5)
    close(p1, [0.65, -1.5])
    # g = (1 + 0.5 * 0.65, 2 + 0.5 * -1.5) = (1.325, 1.25)
    close(p2, [0.5175, -1.625])


def test_momentum_two_steps():
    p1, p2, state = two_steps("momentum", lr=0.1, momentum=0.9)
    close(p1, [0.7, -1.6])  # b = g1 on the first step
    close(state.momentum_buffer, [3.7, -1.6])  # b = 0.9 (3, -4) + (1, 2)
    close(p2, [0.7 - 0.37, -1.6 + 0.16])


def test_dampening_spares_the_first_step():
    p1, p2, state = two_steps("momentum", lr=0.1, momentum=0.9, dampening=0.5)
    close(p1, [0.7, -1.6])  # torch: the buffer starts as g1, undamped
    close(state.momentum_buffer, [3.2, -2.6])  # 0.9 (3, -4) + 0.5 (1, 2)
    close(p2, [0.38, -1.34])


def test_nesterov_two_steps():
    p1, p2, _ = two_steps("nesterov", lr=0.1, momentum=0.9)
    # b = (3, -4); step along g + 0.9 b = (5.7, -7.6)
    close(p1, [0.43, -1.24])
    # b = (3.7, -1.6); g + 0.9 b = (4.33, 0.56)
    close(p2, [-0.003, -1.296])


def test_adagrad_two_steps():
    p1, p2, state = two_steps("adagrad", lr=0.1)
    close(p1, [0.9, -1.9], atol=1e-11)  # sum = g^2: the first step is lr * sign(g)
    close(state.sum, [10.0, 20.0])
    close(p2, [0.9 - 0.1 / math.sqrt(10), -1.9 - 0.2 / math.sqrt(20)], atol=1e-11)
    close(p2, [0.8683772233983162, -1.9447213595499958], atol=1e-11)


def test_adagrad_lr_decay_and_initial_accumulator():
    _, p2, _ = two_steps("adagrad", lr=0.1, lr_decay=0.5)
    # step 2: clr = 0.1 / (1 + 1 * 0.5)
    close(p2, [0.878918148932211, -1.9298142396999972], atol=1e-11)
    p1, _, _ = two_steps("adagrad", lr=0.1, initial_accumulator_value=16)
    # sum = 16 + (9, 16) = (25, 32)
    close(p1, [1 - 0.3 / 5, -2 + 0.4 / math.sqrt(32)], atol=1e-11)
    close(p1, [0.94, -1.9292893218813452], atol=1e-11)


def test_adagrad_root_mean_square_two_steps():
    p1, p2, _ = two_steps("adagrad_rms", lr=0.1)
    close(p1, [0.9, -1.9], atol=1e-11)  # t = 1: mean = sum
    # sigma = sqrt((10, 20) / 2) = (sqrt 5, sqrt 10)
    close(p2, [0.8552786404500042, -1.9632455532033676], atol=1e-11)


def test_rmsprop_two_steps():
    p1, p2, state = two_steps("rmsprop")  # lr 0.01, alpha 0.99
    # v = 0.01 g^2 = (0.09, 0.16), sqrt(v) = (0.3, 0.4): step 0.01 * g / (sqrt(v) + eps),
    # 0.1 sign(g) but for eps = 1e-8
    close(p1, [1 - 0.03 / (0.3 + 1e-8), -2 + 0.04 / (0.4 + 1e-8)])
    close(p1, [0.9, -1.9], atol=1e-8)
    close(state.square_avg, [0.0991, 0.1984])  # 0.99 v + 0.01 (1, 4)
    close(p2, p1 - [0.01 / (math.sqrt(0.0991) + 1e-8), 0.02 / (math.sqrt(0.1984) + 1e-8)])
    close(p2, [0.8682339574429252, -1.944901326998629], atol=1e-14)


def test_rmsprop_centered_first_step():
    p1, _, state = two_steps("rmsprop", centered=True)
    # m = 0.01 g; v - m^2 = 0.0099 g^2: step 0.01 * g / (sqrt(0.0099) |g|) = 0.1 / sqrt(0.99)
    close(state.grad_avg, [0.0397, -0.0196])  # 0.99 * 0.01 g1 + 0.01 g2
    close(p1, [1 - 0.03 / (math.sqrt(0.0891) + 1e-8), -2 + 0.04 / (math.sqrt(0.1584) + 1e-8)])
    close(p1, [1 - 0.10050378152592121, -2 + 0.10050378152592121], atol=1e-8)


def test_rmsprop_momentum_two_steps():
    p1, p2, _ = two_steps("rmsprop", momentum=0.9)
    b1 = np.array([3 / (0.3 + 1e-8), -4 / (0.4 + 1e-8)])  # g / (sqrt(v) + eps), about (10, -10)
    close(p1, P0 - 0.01 * b1)
    b2 = 0.9 * b1 + [1 / (math.sqrt(0.0991) + 1e-8), 2 / (math.sqrt(0.1984) + 1e-8)]
    close(p2, p1 - 0.01 * b2)


def test_adam_first_step_is_lr_times_sign():
    p1, p2, state = two_steps("adam", lr=0.1)
    # bias-corrected m = g, v = g^2: the step is lr * g / (|g| + eps) = lr * sign(g)
    close(p1, [0.9, -1.9], atol=1e-9)
    close(state.exp_avg, [0.37, -0.16])  # 0.9 * 0.1 g1 + 0.1 g2
    close(state.exp_avg_sq, [0.009991, 0.019984])  # 0.999 * 0.001 g1^2 + 0.001 g2^2
    # bias corrections 1 - 0.9^2 = 0.19, 1 - 0.999^2 = 0.001999
    close(p2, [0.9 - 0.1 * (0.37 / 0.19) / math.sqrt(0.009991 / 0.001999),
               -1.9 + 0.1 * (0.16 / 0.19) / math.sqrt(0.019984 / 0.001999)], atol=1e-9)
    close(p2, [0.8128936056, -1.8733662964], atol=1e-9)


def test_adam_without_bias_correction_first_step_is_larger():
    p1, _, _ = two_steps("adam", lr=0.1, bias_correction=False)
    # m = 0.1 g, sqrt(v) = sqrt(0.001) |g|: the step is lr * 0.1 / sqrt(0.001) = 3.16 lr
    close(p1, [1 - 0.1 * 0.3 / (math.sqrt(0.009) + 1e-8),
               -2 + 0.1 * 0.4 / (math.sqrt(0.016) + 1e-8)])
    close(p1, [1 - 0.31622776601683794, -2 + 0.31622776601683794], atol=1e-7)


def test_adam_amsgrad_keeps_the_largest_second_moment():
    small = np.array([[0.05, 0.05]])
    _, p2, state = two_steps("adam", lr=0.1, amsgrad=True, g2=small)
    # v1 = 0.001 (9, 16) = (0.009, 0.016) > v2 = 0.999 v1 + 0.001 * 0.0025
    close(state.max_exp_avg_sq, [0.009, 0.016])
    m2 = np.array([0.275, -0.355])  # 0.09 g1 + 0.1 g2
    close(p2, np.array([0.9, -1.9]) - 0.1 * (m2 / 0.19)
          / (np.sqrt([0.009, 0.016]) / math.sqrt(0.001999)), atol=1e-9)
    _, plain, _ = two_steps("adam", lr=0.1, g2=small)
    assert not np.allclose(plain, p2, rtol=0, atol=1e-6)


def test_adam_and_adamw_weight_decay():
    g = np.array([[-0.2, 0.5]])
    # L2 penalty: g + 0.5 p = (0.3, -0.5) flips both signs
    p1, _, _ = two_steps("adam", lr=0.1, weight_decay=0.5, g1=g)
    close(p1, [1 - 0.1 * 0.3 / (0.3 + 1e-8), -2 + 0.1 * 0.5 / (0.5 + 1e-8)])
    # decoupled: p (1 - 0.1 * 0.5) = (0.95, -1.9), then the plain step -0.1 sign(g)
    p1, _, _ = two_steps("adamw", lr=0.1, weight_decay=0.5, g1=g)
    close(p1, [0.95 + 0.1 * 0.2 / (0.2 + 1e-8), -1.9 - 0.1 * 0.5 / (0.5 + 1e-8)])
    close(p1, [1.05, -2.0], atol=1e-8)


def test_nadam_first_step():
    p1, _, state = two_steps("nadam", lr=0.1)
    mu1 = 0.9 * (1 - 0.5 * 0.96**0.004)  # 0.450073...
    mu2 = 0.9 * (1 - 0.5 * 0.96**0.008)  # 0.450146...
    # lr (1 - mu1) / (1 - mu1) * sign(g) + lr mu2 / (1 - mu1 mu2) * 0.1 * sign(g)
    step = 0.1 * (1 + 0.1 * mu2 / (1 - mu1 * mu2))
    assert step == pytest.approx(0.105645, abs=1e-6)
    close(p1, [1 - step, -2 + step], atol=1e-9)
    assert state.mu_product == pytest.approx(mu1 * 0.9 * (1 - 0.5 * 0.96**0.008), rel=1e-15)


@pytest.mark.parametrize("name", optimizers.names())
def test_update_is_pure_and_counts(name):
    opt = optimizers.make(name)
    p = np.array([[0.5, -0.25], [2.0, 1.0]])
    g = np.array([[1.0, -1.0], [0.5, 2.0]])
    p_copy, g_copy = p.copy(), g.copy()
    state = opt.init(p)
    first = opt.update(g, state, p, opt.lr, ORACLE)
    again = opt.update(g, state, p, opt.lr, ORACLE)
    np.testing.assert_array_equal(p, p_copy)
    np.testing.assert_array_equal(g, g_copy)
    np.testing.assert_array_equal(first[0], again[0])
    assert state.count == 0 and first[1].count == 1
    assert first[0].shape == p.shape


@pytest.mark.parametrize("name", optimizers.names())
def test_rows_are_independent(name):
    """N start points in one array move exactly as if each ran alone."""
    opt = optimizers.make(name, lr=0.05)
    p = np.array([[0.5, -0.25], [2.0, 1.0], [-1.0, 3.0]])
    together = p
    state = opt.init(p)
    alone = [p[i:i + 1] for i in range(3)]
    states = [opt.init(a) for a in alone]
    for k in range(5):
        g = np.sin(together * (k + 1))
        together, state = opt.update(g, state, together, opt.lr, ORACLE)
        for i in range(3):
            gi = np.sin(alone[i] * (k + 1))
            alone[i], states[i] = opt.update(gi, states[i], alone[i], opt.lr, ORACLE)
    np.testing.assert_array_equal(together, np.concatenate(alone))


# --------------------------------------------------------------------------------------------
# (b) whole trajectories against torch.optim
# --------------------------------------------------------------------------------------------
class Rosenbrock(Surface):
    """``(a - x)^2 + b (y - x^2)^2``, with the operations of the fixture's torch gradient."""

    name = "rosenbrock_test"
    PARAMS = (surfaces.Param("a", 1.0), surfaces.Param("b", 100.0))

    def _value(self, x, y):
        a, b = self.params["a"], self.params["b"]
        return (a - x) ** 2 + b * (y - x * x) ** 2

    def _grad(self, x, y):
        a, b = self.params["a"], self.params["b"]
        r = y - x * x
        return -2.0 * (a - x) - 4.0 * b * x * r, 2.0 * b * r

    def _hessian(self, x, y):
        b = self.params["b"]
        return 2.0 - 4.0 * b * (y - 3.0 * x * x), -4.0 * b * x, 2.0 * b + 0.0 * x


def _fixture() -> dict:
    with open(FIXTURE) as f:
        return json.load(f)


CASES = _fixture()["cases"]


def _surface(spec: dict) -> Surface:
    if spec["name"] == "rosenbrock":
        return Rosenbrock(**spec["params"])
    return surfaces.get(spec["name"], **spec["params"])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_trajectory_matches_torch(case):
    assert case["ulp_check"]["passed"]
    surface = _surface(case["surface"])
    opt = optimizers.make(case["ours"]["name"], **case["ours"]["hyper"])
    sched = case["schedule"]
    schedule = None if sched is None else schedules.make(sched["name"], **sched["params"])
    run = simulate(surface, opt, case["starts"], case["steps"], schedule=schedule)
    np.testing.assert_allclose(run.lr, case["lr"], rtol=1e-13, atol=0)
    expected = np.array(case["points"])
    assert run.points.shape == expected.shape
    assert (run.diverged_at == -1).all()
    np.testing.assert_allclose(run.points, expected, rtol=1e-10, atol=1e-14)
    for name, values in (case.get("extras") or {}).items():  # ASGD's ax, L-BFGS's evaluations
        np.testing.assert_allclose(run.extras[name], values, rtol=1e-10, atol=1e-14)


def test_fixture_covers_every_torch_option():
    seen = {(c["torch"]["class"], k) for c in CASES for k in c["torch"]["kwargs"]}
    wanted = {
        ("SGD", "momentum"), ("SGD", "dampening"), ("SGD", "nesterov"), ("SGD", "weight_decay"),
        ("Adagrad", "lr_decay"), ("Adagrad", "initial_accumulator_value"),
        ("Adagrad", "weight_decay"), ("RMSprop", "centered"), ("RMSprop", "momentum"),
        ("RMSprop", "weight_decay"), ("RMSprop", "alpha"), ("Adam", "amsgrad"),
        ("Adam", "weight_decay"), ("Adam", "betas"), ("Adam", "eps"), ("AdamW", "amsgrad"),
        ("AdamW", "weight_decay"), ("NAdam", "weight_decay"), ("NAdam", "momentum_decay"),
        ("NAdam", "decoupled_weight_decay"), ("Adamax", "betas"), ("Adamax", "eps"),
        ("Adamax", "weight_decay"), ("Adadelta", "rho"), ("Adadelta", "eps"),
        ("Adadelta", "weight_decay"), ("Rprop", "etas"), ("Rprop", "step_sizes"),
        ("RAdam", "betas"), ("RAdam", "weight_decay"), ("RAdam", "decoupled_weight_decay"),
        ("ASGD", "lambd"), ("ASGD", "alpha"), ("ASGD", "t0"), ("ASGD", "weight_decay"),
        ("LBFGS", "max_iter"), ("LBFGS", "max_eval"), ("LBFGS", "history_size"),
        ("LBFGS", "line_search_fn"),
    }
    assert wanted <= seen, wanted - seen
    classes = {c["torch"]["class"] for c in CASES}
    # every optimizer that names a torch class is checked against it
    assert classes == {optimizers.spec(n).torch_name for n in optimizers.names()} - {""}
    # and every torch scheduler we have a twin of
    torch_schedules = {c["schedule"]["torch"] for c in CASES if c["schedule"]}
    assert {"multistep", "polynomial", "cosine_restarts", "one_cycle", "cyclic", "plateau",
            "warmup_multistep", "cosine", "step"} <= torch_schedules
    assert {c["surface"]["name"] for c in CASES} == {"quadratic", "rosenbrock"}
    assert sum(c["schedule"] is not None for c in CASES) >= 3
    assert all(c["ulp_check"]["tolerance"] <= 1e-12 for c in CASES)


# --------------------------------------------------------------------------------------------
# (c) validation: torch's messages, up front
# --------------------------------------------------------------------------------------------
INVALID = [
    ("adam", {"lr": -1}, "Invalid learning rate: -1"),
    ("sgd", {"lr": 0}, "Invalid learning rate: 0"),
    ("gd", {"lr": float("nan")}, "Invalid learning rate: nan"),
    ("rmsprop", {"lr": float("inf")}, "Invalid learning rate: inf"),
    ("adagrad", {"lr": "fast"}, "Invalid learning rate: the text 'fast'"),
    ("adam", {"lr": "0.1"}, "Invalid learning rate: the text '0.1' (expected a finite number > 0)"
                            "; write it without quotes"),
    ("adam", {"amsgrad": 1}, "expected true or false, got the number 1"),
    ("adam", {"amsgrad": "yes"}, "expected true or false, got the text 'yes'"),
    ("adam", {"betas": "0.9,0.999"},
     "the text '0.9,0.999' (expected 2 comma-separated finite numbers, each >= 0 and < 1); "
     "write a list"),
    ("adam", {"betas": (1.0, 0.999)}, "Invalid beta parameters: (1.0, 0.999)"),
    ("adam", {"betas": (0.9, -0.1)}, "Invalid beta parameters"),
    ("nadam", {"betas": (0.9, 1.5)}, "Invalid beta parameters"),
    ("adamw", {"betas": (0.9,)}, "Invalid beta parameters"),
    ("adam", {"betas": (0.9, float("nan"))}, "Invalid beta parameters"),
    ("adam", {"eps": -1e-8}, "Invalid epsilon value: -1e-08"),
    ("rmsprop", {"eps": float("inf")}, "Invalid epsilon value: inf"),
    ("adagrad", {"eps": -1}, "Invalid epsilon value: -1"),
    ("sgd", {"weight_decay": -0.1}, "Invalid weight_decay value: -0.1"),
    ("adamw", {"weight_decay": -1}, "Invalid weight_decay value: -1"),
    ("sgd", {"momentum": -0.5}, "Invalid momentum value: -0.5"),
    ("momentum", {"momentum": 1.0}, "Invalid momentum value: 1.0"),
    ("rmsprop", {"momentum": 1.5}, "Invalid momentum value: 1.5"),
    ("rmsprop", {"alpha": -0.1}, "Invalid alpha value: -0.1"),
    ("adagrad", {"lr_decay": -1}, "Invalid lr_decay value: -1"),
    ("adagrad", {"initial_accumulator_value": -1},
     "Invalid initial_accumulator_value value: -1"),
    ("nadam", {"momentum_decay": -1}, "Invalid momentum_decay value: -1"),
    ("sgd", {"nesterov": True}, "Nesterov momentum requires a momentum and zero dampening"),
    ("sgd", {"nesterov": True, "momentum": 0.9, "dampening": 0.1},
     "Nesterov momentum requires a momentum and zero dampening"),
    ("nesterov", {"momentum": 0}, "Nesterov momentum requires a momentum"),
    ("adam", {"amsgrad": "maybe"}, "amsgrad"),
    ("adadelta", {"rho": 1.5}, "Invalid rho value: 1.5"),
    ("adamax", {"eps": -1}, "Invalid epsilon value: -1"),
    ("radam", {"betas": (0.9, 1.0)}, "Invalid beta parameters"),
    ("rprop", {"etas": (1.5, 1.2)}, "Invalid eta values: 1.5, 1.2"),
    ("rprop", {"etas": (0.5, 0.9)}, "Invalid eta values: 0.5, 0.9"),
    ("asgd", {"lr": 0}, "Invalid learning rate: 0"),
    ("lbfgs", {"line_search_fn": "armijo"}, "line_search_fn"),
    ("lbfgs", {"history_size": 0}, "history_size"),
]


@pytest.mark.parametrize("name, hyper, message", INVALID,
                         ids=[f"{n}-{'-'.join(h)}" for n, h, _ in INVALID])
def test_invalid_hyperparameters(name, hyper, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        optimizers.make(name, **hyper)


@pytest.mark.parametrize("typo, closest", [("adamm", "adam"), ("rmsprob", "rmsprop"),
                                           ("nesterow", "nesterov"), ("adagard", "adagrad")])
def test_unknown_name_suggests_the_closest(typo, closest):
    with pytest.raises(ValueError, match=re.escape(f"Did you mean '{closest}'?")) as err:
        optimizers.make(typo)
    assert "Unknown optimizer" in str(err.value)
    assert "Valid optimizers: " in str(err.value)


@pytest.mark.parametrize("name, key", [("adam", "momentum"), ("gd", "momentum"),
                                       ("sgd", "betas"), ("rmsprop", "learning_rate")])
def test_unknown_hyperparameter(name, key):
    with pytest.raises(ValueError, match=f"Unknown parameter '{key}' for optimizer '{name}'"):
        optimizers.make(name, **{key: 0.5})


# --------------------------------------------------------------------------------------------
# (d) defaults equal torch.optim's (read from torch 2.13's signatures)
# --------------------------------------------------------------------------------------------
TORCH_DEFAULTS = {
    "SGD": {"lr": 1e-3, "momentum": 0.0, "dampening": 0.0, "weight_decay": 0.0,
            "nesterov": False},
    "Adagrad": {"lr": 1e-2, "lr_decay": 0.0, "weight_decay": 0.0,
                "initial_accumulator_value": 0.0, "eps": 1e-10},
    "RMSprop": {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8, "weight_decay": 0.0, "momentum": 0.0,
                "centered": False},
    "Adam": {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.0,
             "amsgrad": False},
    "AdamW": {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 1e-2,
              "amsgrad": False},
    "NAdam": {"lr": 2e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.0,
              "momentum_decay": 4e-3, "decoupled_weight_decay": False},
    "Adamax": {"lr": 2e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.0},
    "Adadelta": {"lr": 1.0, "rho": 0.9, "eps": 1e-6, "weight_decay": 0.0},
    "Rprop": {"lr": 1e-2, "etas": (0.5, 1.2), "step_sizes": (1e-6, 50.0)},
    "RAdam": {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8, "weight_decay": 0.0,
              "decoupled_weight_decay": False},
    "ASGD": {"lr": 1e-2, "lambd": 1e-4, "alpha": 0.75, "t0": 1e6, "weight_decay": 0.0},
    # max_eval None (max_iter * 5 // 4) is 0 here, line_search_fn None is "none" (TOML has no null)
    "LBFGS": {"lr": 1.0, "max_iter": 20, "max_eval": 0, "tolerance_grad": 1e-7,
              "tolerance_change": 1e-9, "history_size": 100, "line_search_fn": "none"},
}
# options that are not in torch, with the value that gives torch's behaviour
NOT_IN_TORCH = {"adam": {"bias_correction": True}, "adagrad": {"average": False}}


@pytest.mark.parametrize("name, torch_name", [("sgd", "SGD"), ("adagrad", "Adagrad"),
                                              ("rmsprop", "RMSprop"), ("adam", "Adam"),
                                              ("adamw", "AdamW"), ("nadam", "NAdam"),
                                              ("adamax", "Adamax"), ("adadelta", "Adadelta"),
                                              ("rprop", "Rprop"), ("radam", "RAdam"),
                                              ("asgd", "ASGD"), ("lbfgs", "LBFGS")])
def test_defaults_equal_torch(name, torch_name):
    hyper = dict(optimizers.make(name).hyper)
    assert optimizers.spec(name).torch_name == torch_name
    assert hyper == {**TORCH_DEFAULTS[torch_name], **NOT_IN_TORCH.get(name, {})}


def test_presets_pin_their_options():
    assert dict(optimizers.make("gd").hyper) == TORCH_DEFAULTS["SGD"]
    assert dict(optimizers.make("momentum").hyper) == {**TORCH_DEFAULTS["SGD"], "momentum": 0.9}
    assert dict(optimizers.make("nesterov").hyper) == {**TORCH_DEFAULTS["SGD"], "momentum": 0.9,
                                                        "nesterov": True}
    assert dict(optimizers.make("adagrad_rms").hyper) == {**TORCH_DEFAULTS["Adagrad"],
                                                          "average": True}


def test_every_docstring_states_its_update():
    for name in optimizers.names():
        doc = optimizers.spec(name).update.__doc__ or ""
        assert "lr" in doc and "=" in doc, name


# --------------------------------------------------------------------------------------------
# (e) Adagrad: torch's root of the SUM against the lecture's root of the MEAN
# --------------------------------------------------------------------------------------------
def test_adagrad_average_divides_the_sum_by_t():
    rng = np.random.default_rng(7)
    grads = rng.normal(size=(12, 3, 2))
    p = rng.normal(size=(3, 2))
    sum_form = optimizers.make("adagrad", lr=0.1, eps=0.0)
    mean_form = optimizers.make("adagrad", lr=0.1, eps=0.0, average=True)
    assert dict(optimizers.make("adagrad_rms", lr=0.1, eps=0.0).hyper) == dict(mean_form.hyper)
    s_sum, s_mean = sum_form.init(p), mean_form.init(p)
    for t, g in enumerate(grads, start=1):
        step_sum = sum_form.update(g, s_sum, p, 0.1)[0] - p
        step_mean = mean_form.update(g, s_mean, p, 0.1)[0] - p
        # sigma_t = sqrt(sum / t): the mean form's step is sqrt(t) times torch's
        np.testing.assert_allclose(step_mean, math.sqrt(t) * step_sum, rtol=1e-13)
        _, s_sum = sum_form.update(g, s_sum, p, 0.1)
        _, s_mean = mean_form.update(g, s_mean, p, 0.1)
        np.testing.assert_array_equal(s_sum.sum, s_mean.sum)  # the same accumulator
        assert s_sum.count == s_mean.count == t


def test_adagrad_mean_form_can_burst_and_the_sum_form_cannot():
    """After a loud stretch then a quiet one, the mean of g^2 shrinks: the step grows again."""
    grads = [10.0] * 5 + [0.1] * 200
    steps = {}
    for average in (False, True):
        opt = optimizers.make("adagrad", lr=1.0, average=average)
        p = np.zeros((1, 2))
        state = opt.init(p)
        sizes = []
        for g in grads:
            new, state = opt.update(np.full((1, 2), g), state, p, 1.0)
            sizes.append(abs(new[0, 0] - p[0, 0]))
            p = new
        steps[average] = np.array(sizes)
    quiet = slice(6, None)
    assert (np.diff(steps[False][quiet]) <= 0).all()  # torch: the step only shrinks
    assert steps[True][-1] > 2 * steps[True][6]  # the lecture's sigma_t: it grows back


def test_adam_bias_correction_root_is_torchs():
    """torch takes ``(1 - beta2^t) ** 0.5`` with Python's pow, which is not always the correctly
    rounded square root (it differs at t = 1270 for beta2 = 0.999): the one ulp matters."""
    t = 1270
    bc2 = 1 - 0.999**t
    assert bc2**0.5 != math.sqrt(bc2)
    rng = np.random.default_rng(3)
    p, g = rng.normal(size=(200, 2)), rng.normal(size=(200, 2))
    m, v = rng.normal(size=(200, 2)), rng.random(size=(200, 2))
    opt = optimizers.make("adam", lr=0.01)
    new, _ = opt.update(g, optimizers.AdamState(t - 1, m, v, None), p, 0.01)
    m_new = m + 0.09999999999999998 * (g - m)  # torch.lerp(m, g, 1 - 0.9), weight < 0.5
    v_new = v * 0.999 + (1 - 0.999) * g * g
    step_size = 0.01 / (1 - 0.9**t)
    torch_like = p + (-step_size) * m_new / (np.sqrt(v_new) / bc2**0.5 + 1e-8)
    sqrt_like = p + (-step_size) * m_new / (np.sqrt(v_new) / math.sqrt(bc2) + 1e-8)
    np.testing.assert_array_equal(new, torch_like)
    assert not np.array_equal(new, sqrt_like)


def test_lbfgs_takes_torchs_none():
    """torch's ``max_eval=None`` and ``line_search_fn=None`` (TOML has no null: 0, "none")."""
    opt = optimizers.make("lbfgs", max_eval=None, line_search_fn=None)
    assert opt.hyper["max_eval"] == 0 and opt.hyper["line_search_fn"] == "none"
    assert optimizers.make("lbfgs", line_search_fn="strong_wolfe").hyper["line_search_fn"] == \
        "strong_wolfe"
