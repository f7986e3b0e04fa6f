"""Every registered optimizer through every headless consumer (the UI ones: tests/ui).

Adding an optimizer is one module in ``app/optimizers/`` plus its reference cases; this file
then checks, for it too: the declaration itself, the engine, array hyperparameters (a batch is
bit for bit each row alone), the stability maps, the step narration, the CLI list, a scenario
round trip and the exported run data. Runs are short, so the whole file takes seconds.
"""

from __future__ import annotations

import json
import re
from typing import NamedTuple

import numpy as np
import pytest

import surfaces
from app import optimizers, report
from app.analysis import basin_map, effective_step, hyperparameter_map
from app.cli import main
from app.engine import simulate
from app.optimizers import FAMILIES, Dynamics
from app.optimizers.narration import LINE_KINDS
from app.scenario import Racer, Scenario, load, save
from app.stepwise import StepExplainer

pytestmark = pytest.mark.filterwarnings("error")

NAMES = optimizers.names()
BOWL = surfaces.get("quadratic", lambda1=1.0, lambda2=4.0, angle=30.0)
STARTS = np.array([[-1.5, 1.0], [0.8, -0.6]])
STEPS = 12


def _opt(name: str, **hyper):
    return optimizers.make(name, **hyper)


def _manual_run(opt, starts, steps):
    """The optimizer's own init/update on the surface's gradient, without the engine."""
    p = np.array(starts, dtype=float)
    state = opt.init(p)
    points = [p]
    for _ in range(steps):
        _, g = BOWL.value_and_grad(p)
        p, state = opt.update(g, state, p, opt.lr, BOWL)
        points.append(p)
    return np.array(points), state


@pytest.mark.parametrize("name", NAMES)
def test_declaration_is_complete(name):
    s = optimizers.spec(name)
    assert s.title and s.summary and s.reference, name
    assert "=" in (s.update.__doc__ or "") and "lr" in s.update.__doc__, "the update equation"
    assert all(p.doc for p in s.params), "every hyperparameter has a one-line doc"
    assert issubclass(s.state, tuple) and s.state._fields[0] == "count"
    d = s.dynamics(_opt(name).hyper, 3)
    assert isinstance(d, Dynamics) and d.family in FAMILIES
    for sweep in s.sweeps:  # a sweep is a real hyperparameter over a valid range
        assert sweep.target in s.defaults() and sweep.low < sweep.high
        optimizers.make_batch(name, {}, {sweep.name: [(sweep.low + sweep.high) / 2,
                                                      sweep.high]})
    if s.map_as:
        assert optimizers.spec(s.map_as).sweeps


@pytest.mark.parametrize("name", NAMES)
def test_engine_runs_the_update(name):
    opt = _opt(name)
    run = simulate(BOWL, opt, STARTS, STEPS)
    expected, _ = _manual_run(opt, STARTS, STEPS)
    assert np.array_equal(run.points, expected)
    assert np.isfinite(run.points).all() and (run.diverged_at == -1).all()
    assert not np.array_equal(run.points[-1], run.points[0]), "the optimizer moved"
    assert set(run.extras) == {r.name for r in opt.spec.readouts}
    for r in opt.spec.readouts:
        assert run.extras[r.name].shape[:2] == (STEPS + 1, len(STARTS))


def _row_values(name: str, sweep, n: int) -> np.ndarray:
    values = np.linspace(sweep.low, sweep.high, n)
    try:
        optimizers.make_batch(name, {}, {sweep.name: values[:1]})
    except ValueError:  # the lowest value is not allowed (Nesterov at momentum 0)
        values = np.linspace(sweep.low, sweep.high, n + 1)[1:]
    return values


def _batches(name: str):
    """``(label, batch)``: lr alone, then lr with each declared sweep."""
    lr = optimizers.spec(name).defaults()["lr"]
    lrs = lr * np.array([0.5, 1.0, 2.0, 0.25, 1.5])
    yield "lr", {"lr": lrs}
    for sweep in optimizers.spec(name).sweeps:
        yield sweep.name, {"lr": lrs, sweep.name: _row_values(name, sweep, lrs.size)}


@pytest.mark.parametrize("name", NAMES)
def test_array_hyperparameters_are_each_row_exactly(name):
    """A batch with one lr (and row value) per point moves each point bit for bit as the
    scalar optimizer with that point's values: value branches are masks."""
    rng = np.random.default_rng(17)
    s = optimizers.spec(name)
    for label, batch in _batches(name):
        n = len(batch["lr"])
        p0 = rng.normal(size=(n, 2))
        opt = optimizers.make_batch(name, {}, batch)
        p, state = p0.copy(), opt.init(p0)
        alone = []
        for i in range(n):
            h = optimizers.assign(s, s.defaults(), {k: float(v[i]) for k, v in batch.items()})
            single = optimizers.make(name, **{k: v for k, v in h.items() if k not in s.fixed})
            alone.append([p0[i:i + 1].copy(), single.init(p0[i:i + 1]), single])
        for k in range(6):
            _, g = BOWL.value_and_grad(p)
            p, state = opt.update(g, state, p, opt.lr * 0.9**k, BOWL)
            for row in alone:
                q, st, single = row
                _, gq = BOWL.value_and_grad(q)
                row[0], row[1] = single.update(gq, st, q, single.lr * 0.9**k, BOWL)
        assert np.array_equal(p, np.concatenate([row[0] for row in alone])), label


def _engine_cell(opt, start, steps, tol):
    """``(code, diverged_at, final loss)`` of one map cell, from the engine's run."""
    run = simulate(BOWL, opt, [start], steps)
    d = np.hypot(*(run.points[:, 0, :] - BOWL.minima[0]).T)
    hit = np.flatnonzero(d < tol)
    div = int(run.diverged_at[0])
    if hit.size and (div < 0 or hit[0] < div):
        return int(hit[0]), -1, float(run.loss[hit[0], 0])
    if div >= 0:
        return -1, div, float(run.loss[div - 1, 0])
    return -2, -1, float(run.loss[-1, 0])


@pytest.mark.parametrize("name", NAMES)
def test_maps_equal_engine_runs(name):
    s = optimizers.spec(name)
    target = optimizers.spec(s.map_as) if s.map_as else s
    sweep = target.sweeps[0] if target.sweeps else None
    lr = s.defaults()["lr"]
    lrs = lr * np.array([0.5, 4.0, 40.0])
    values = _row_values(target.name, sweep, 2) if sweep else None
    start, steps, tol = (-1.0, 0.7), 25, 0.3
    m = hyperparameter_map(BOWL, name, start, lrs, sweep.name if sweep else None, values,
                           steps=steps, tol=tol)
    for j in range(m.values.size):
        for i in range(lrs.size):
            h = {"lr": lrs[i]}
            if sweep is not None:
                h = optimizers.assign(target, h, {sweep.name: m.values[j]})
                if sweep.index is not None:
                    items = list(target.defaults()[sweep.target])
                    items[sweep.index] = m.values[j]
                    h[sweep.target] = tuple(items)
            cell = _engine_cell(optimizers.make(m.optimizer, **h), start, steps, tol)
            assert cell == (m.steps_to_converge[j, i], m.diverged_at[j, i],
                            m.final_loss[j, i]), (j, i)
    b = basin_map(BOWL, _opt(name, lr=lr * 4), resolution=2, steps=steps, tol=tol,
                  window=((-1.0, 1.0), (-0.5, 0.5)))
    for j in range(2):
        for i in range(2):
            code, div, _ = _engine_cell(_opt(name, lr=lr * 4), (b.xs[i], b.ys[j]), steps, tol)
            assert (code, div) == (b.steps_to_converge[j, i], b.diverged_at[j, i])


@pytest.mark.parametrize("name", NAMES)
def test_step_narration_in_numbers_and_words(name):
    opt = _opt(name)
    run = simulate(BOWL, opt, STARTS, 4)
    explainer = StepExplainer(BOWL, opt, None, STARTS, 1, horizon=4)
    for k in (0, 1, 3):
        e = explainer.explain(k)
        assert np.array_equal(e.update, run.points[k + 1, 1] - run.points[k, 1])
        assert len(e.narration) == len(e.line_kinds) >= 5
        assert set(e.line_kinds) <= set(LINE_KINDS)
        own = [t for t, kind in zip(e.narration, e.line_kinds, strict=True)
               if kind in ("velocity", "scale", "update", "info")][:-1]
        assert own, "the optimizer's own arithmetic is narrated"
        assert "nan" not in e.text().lower()
        assert e.effective_lr.shape == (2,) and np.isfinite(e.effective_lr).all()
        if opt.spec.effective_step is not None:
            expected = effective_step(explainer._records[k + 1].state, opt, e.lr, shape=(1, 2))
            np.testing.assert_allclose(e.effective_lr, expected[0], rtol=1e-12)


def test_cli_lists_every_optimizer(capsys):
    assert main(["list", "optimizers"]) == 0
    out = capsys.readouterr().out
    for name in NAMES:
        line = next(x for x in out.splitlines() if x.split()[:1] == [name])
        for p in optimizers.spec(name).params:
            assert re.search(rf"\b{p.name}=", line), (name, p.name)


class _Setting(NamedTuple):
    name: str
    value: object


def _non_default(name: str) -> _Setting:
    """A hyperparameter set to a valid value other than its default (for round trips)."""
    for p in optimizers.spec(name).params:
        if p.kind is float and p.name != "lr":
            value = p.default * 0.5 if p.default else 0.01
            try:
                optimizers.make(name, **{p.name: value})
            except ValueError:
                continue
            return _Setting(p.name, value)
    return _Setting("lr", optimizers.spec(name).defaults()["lr"] * 0.5)


@pytest.mark.parametrize("name", NAMES)
def test_scenario_round_trip_and_export(name, tmp_path):
    setting = _non_default(name)
    scenario = Scenario(surface="quadratic", surface_params={"lambda2": 4.0},
                        starts=((-1.5, 1.0),), steps=6,
                        racers=(Racer(name, {setting.name: setting.value}),))
    path = tmp_path / "s.toml"
    save(scenario, path)
    again = load(str(path))
    assert again.racers[0].optimizer == name
    assert again.racers[0].params == {setting.name: setting.value}
    runs = again.simulate(again.build_surface())
    data = json.loads(report.to_json(report.build(again.build_surface(), runs)))
    racer = data["racers"][0]
    assert racer["optimizer"] == name and racer["params"][setting.name] == setting.value
    assert np.array_equal(np.array(racer["runs"][0]["points"]), runs[0].trajectories.points[:, 0])
    for r in optimizers.spec(name).readouts:
        assert len(racer["runs"][0]["extras"][r.name]) == 7


@pytest.mark.parametrize("kind", ["optimizers", "schedules"])
def test_readme_tables_are_the_registry(kind):
    """The README's tables are ``descent-lab list KIND --markdown``: made, not kept in step."""
    from pathlib import Path

    from app.cli import list_cmd

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split(f"<!-- {kind}:begin -->\n")[1].split(f"<!-- {kind}:end -->")[0]
    made = getattr(list_cmd, f"{kind}_markdown")()
    assert block == made, f"README out of date: run descent-lab list {kind} --markdown"


def test_cli_takes_pairs_like_torch(capsys):
    """``--param etas=0.4,1.3``: a pair as comma-separated numbers, named as in torch."""
    assert main(["run", "--surface", "quadratic", "--optimizer", "rprop", "--param",
                 "etas=0.4,1.3", "--param", "step_sizes=1e-4,2", "--start", "1,1",
                 "--steps", "5"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["racers"][0]["params"]["etas"] == [0.4, 1.3]
    assert data["racers"][0]["params"]["step_sizes"] == [1e-4, 2.0]
