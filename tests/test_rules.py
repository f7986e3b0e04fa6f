"""Your own optimizer (issue 22, item 3): update rules as text, through the optimizer protocol.

The examples written as rules (Lion, the lecture's root-mean-square Adagrad, heavy ball) match
the built-ins to 1e-12 on whole noisy trajectories; a user optimizer races, narrates, maps and
round-trips through a scenario file; bad rules give one message with a caret position.
"""

from __future__ import annotations

import numpy as np
import pytest

import surfaces
from app import optimizers, stepwise
from app import scenario as S
from app.analysis import hyperparameter_map
from app.engine import Noise, simulate
from app.optimizers import rules as R

STARTS = [[-1.2, 1.4], [0.6, -0.4], [2.0, 2.0]]


@pytest.fixture(autouse=True)
def _no_user_optimizers_left():
    """Each test's user optimizers are removed after it (the registry is global)."""
    yield
    for rules in R.installed():
        R.uninstall(rules.name)
    assert all(s.rules is None for s in optimizers.specs())


@pytest.mark.parametrize(("example", "builtin", "hyper"), [
    ("lion_rules", "lion", {"lr": 0.01}),
    ("lion_rules", "lion", {"lr": 0.003, "betas": (0.8, 0.95)}),
    ("adagrad_rms_rules", "adagrad_rms", {"lr": 0.3}),
    ("heavy_ball_rules", "momentum", {"lr": 0.001, "momentum": 0.9}),
])
@pytest.mark.parametrize("surface", ["rosenbrock", "quadratic"])
def test_examples_match_the_builtins_to_1e12(example, builtin, hyper, surface):
    R.install(R.EXAMPLES[example])
    s = surfaces.get(surface)
    mine = dict(hyper)
    if "betas" in mine:
        mine["beta1"], mine["beta2"] = mine.pop("betas")
    noise = Noise(1e-3, 4)  # real runs have a little noise: no exact zeros to hide behind
    a = simulate(s, optimizers.make(example, **mine), STARTS, 400, noise=noise)
    b = simulate(s, optimizers.make(builtin, **hyper), STARTS, 400, noise=noise)
    assert not b.diverged.any()
    np.testing.assert_allclose(a.points, b.points, rtol=0, atol=1e-12)


def test_a_user_optimizer_is_registered_like_a_builtin_and_replaced_on_edit():
    rules = R.Rules("my_sgd", {"lr": 0.1}, {}, ["p = p - lr*g"])
    spec = R.install(rules)
    assert optimizers.spec("my_sgd") is spec and "my_sgd" in optimizers.names()
    assert spec.rules == rules and R.install(rules) is spec  # the same text: kept
    assert spec.short_name == "my_sgd"  # a legend never passes it off as a built-in
    edited = R.install(R.Rules("my_sgd", {"lr": 0.1}, {}, ["p = p - 2*lr*g"]))
    assert optimizers.spec("my_sgd") is edited
    bowl = surfaces.get("quadratic", lambda1=1, lambda2=20)
    run = simulate(bowl, optimizers.make("my_sgd", lr=0.05), [[1.0, 1.0]], 1)
    np.testing.assert_allclose(run.points[1, 0], [1.0 - 0.1 * 1.0, 1.0 - 0.1 * 20.0])
    with pytest.raises(R.RuleError, match="built-in optimizer"):
        R.install(R.Rules("adam", {"lr": 0.1}, {}, ["p = p - lr*g"]))
    with pytest.raises(ValueError, match="Invalid learning rate"):
        optimizers.make("my_sgd", lr=-1.0)


@pytest.mark.parametrize(("rules", "where", "message", "position"), [
    (R.Rules("e1", {"lr": 0.1}, {}, ["p = p - lr*gg"]), "update[0]", "unknown name 'gg'", 11),
    (R.Rules("e2", {"lr": 0.1}, {}, ["p = p - lr*(g"]), "update[0]", "never closed", 11),
    (R.Rules("e3", {"lr": 0.1}, {}, ["p = p - lr*g", "q = c + 1", "c = g"]), "update[1]",
     "only after the line that sets it", 4),
    (R.Rules("e4", {"lr": 0.1}, {}, ["  g = 2*g", "p = p - lr*g"]), "update[0]",
     "cannot be assigned", 2),
    (R.Rules("e5", {"lr": 0.1}, {}, ["p - lr*g"]), "update[0]", "name = expression", 8),
    (R.Rules("e6", {"lr": 0.1}, {"m": "0"}, ["m = m + g"]), "update", "no line sets p", None),
    (R.Rules("e7", {"beta": 0.9}, {}, ["p = p - g"]), "hyper", "learning rate", None),
    (R.Rules("e8", {"lr": 0.1, "sin": 1.0}, {}, ["p = p - g"]), "hyper.sin", "taken", None),
    (R.Rules("e9", {"lr": 0.1}, {"m": "p*"}, ["p = p - lr*g"]), "state.m", "incomplete", 2),
    (R.Rules("e10", {"lr": 0.1}, {}, ["p = __import__('os')"]), "update[0]", "", None),
    (R.Rules("e11", {"lr": 0.1, "__builtins__": 1.0}, {}, ["p = p - g"]), "hyper.__builtins__",
     "starts with '_'", None),
])
def test_bad_rules_name_the_line_and_the_position(rules, where, message, position):
    with pytest.raises(R.RuleError) as info:
        R.install(rules)
    err = info.value
    assert err.where == where and message in err.detail
    if position is not None:
        assert err.position == position
        caret = err.pretty().splitlines()[-1]
        assert caret.index("^") - 2 == position  # format_formula_error indents by 2


def test_initial_values_use_p_and_hyperparameters_and_t_counts_updates():
    R.install(R.Rules("counter", {"lr": 0.1, "start": 3.0}, {"a": "start + p"},
                      ["a = a + t", "p = p - lr*g"]))
    opt = optimizers.make("counter")
    p = np.array([[1.0, 2.0]])
    state = opt.init(p)
    np.testing.assert_array_equal(state.a, [[4.0, 5.0]])
    _, state = opt.update(np.zeros((1, 2)), state, p, 0.1)
    _, state = opt.update(np.zeros((1, 2)), state, p, 0.1)
    np.testing.assert_array_equal(state.a, [[4.0 + 3, 5.0 + 3]])  # t = 1, then 2
    assert state.count == 2


def test_a_user_optimizer_narrates_each_line():
    R.install(R.EXAMPLES["lion_rules"])
    sc = S.Scenario(surface="quadratic", starts=((1.0, 1.0),),
                    racers=(S.Racer(optimizer="lion_rules", params={"lr": 0.1}),), steps=3)
    surface = sc.build_surface()
    (run,) = sc.simulate(surface)
    text = "\n".join(_narrate(run, surface).lines.text)
    assert "c = beta1*m + (1 - beta1)*g →" in text and "p = p - lr*sign(c) → (0.9, 0.9)" in text
    # the step panel's explanation goes through the same protocol
    expl = stepwise.explain_step(surface, run.racer, None, sc.starts[0], 1)
    np.testing.assert_allclose(expl.new_point, run.trajectories.points[2, 0])


def _narrate(run, surface):
    from app.optimizers.narration import StepContext

    opt, _ = run.racer.build()
    p0 = run.trajectories.points[0]
    before = opt.init(p0)
    g = surface.grad(p0)
    _, after = opt.update(g, before, p0, opt.lr)
    return opt.spec.narrate(StepContext(opt, 0, opt.lr, p0[0], g[0], before, after))


def test_a_user_optimizer_maps_over_lr_and_a_hyperparameter():
    R.install(R.EXAMPLES["heavy_ball_rules"])
    spec = optimizers.spec("heavy_ball_rules")
    assert [s.name for s in spec.sweeps] == ["momentum"]
    surface = surfaces.get("quadratic", lambda1=1, lambda2=20)
    lrs, values = np.geomspace(1e-3, 0.5, 8), np.linspace(0.0, 0.95, 5)
    mine = hyperparameter_map(surface, "heavy_ball_rules", (1.0, 1.0), lrs, "momentum", values,
                              steps=60)
    ref = hyperparameter_map(surface, "momentum", (1.0, 1.0), lrs, "momentum", values, steps=60)
    np.testing.assert_array_equal(mine.steps_to_converge, ref.steps_to_converge)
    np.testing.assert_allclose(mine.final_loss, ref.final_loss, rtol=1e-9, atol=1e-12)


def test_rules_are_saved_in_scenario_files_and_load_back(tmp_path):
    rules = R.Rules("my_rms", {"lr": 0.05, "decay": 0.9, "eps": 1e-8}, {"v": "0"},
                    ["v = decay*v + (1 - decay)*g^2", "p = p - lr*g/(sqrt(v) + eps)"])
    R.install(rules)
    sc = S.Scenario(surface="quadratic", starts=((1.0, 1.0),), steps=20,
                    racers=(S.Racer(optimizer="my_rms", params={"lr": 0.05}),))
    text = S.dumps(sc)
    assert "[[rules]]" in text and 'name = "my_rms"' in text
    path = tmp_path / "mine.toml"
    S.save(sc, path)
    back = S.load(path)
    assert back.rules == (rules,)
    a, = sc.simulate()
    b, = back.simulate()
    np.testing.assert_array_equal(a.trajectories.points, b.trajectories.points)


def test_a_bad_rules_table_names_the_key():
    text = """
[surface]
name = "quadratic"
[run]
starts = [[1.0, 1.0]]
[[rules]]
name = "broken"
hyper = { lr = 0.1 }
update = ["p = p - lr*sqrt(g"]
[[racers]]
optimizer = "broken"
"""
    with pytest.raises(S.ScenarioError, match=r"rules\[0\]\.update\[0\]: unbalanced"):
        S.loads(text)
    with pytest.raises(S.ScenarioError, match=r"rules\[0\]\.colour: unknown key"):
        S.loads(text.replace('name = "broken"', 'name = "broken"\ncolour = 1'))
