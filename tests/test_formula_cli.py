"""``descent-lab run --surface formula --surface-param expr=...``: the engine's numbers."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

import surfaces
from app import optimizers
from app import scenario as scenario_mod
from app.cli import main
from app.engine import simulate
from app.scenario import Racer, Scenario

ROOT = Path(__file__).resolve().parents[1]
ROSENBROCK = "(1-x)^2 + 100*(y-x^2)^2"
HOLE = "log(x + 2) + y^2"  # undefined for x <= -2


def _strict(text: str):
    def no_constants(name):
        raise ValueError(f"non-standard JSON constant {name}")

    return json.loads(text, parse_constant=no_constants)


def run_json(capsys, *argv: str) -> dict:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return _strict(out)


def only_run(report: dict) -> dict:
    (racer,) = report["racers"]
    (run,) = racer["runs"]
    return run


def test_run_formula_equals_engine_simulate(capsys):
    report = run_json(capsys, "run", "--surface", "formula", "--surface-param",
                      f"expr={ROSENBROCK}", "--optimizer", "adam", "--lr", "0.05",
                      "--start", "-1,1", "--steps", "60")
    expected = simulate(surfaces.get("formula", expr=ROSENBROCK),
                        optimizers.make("adam", lr=0.05), [[-1.0, 1.0]], 60)
    run = only_run(report)
    assert run["points"] == expected.points[:, 0, :].tolist()
    assert run["loss"] == expected.loss[:, 0].tolist()
    assert run["diverged_at"] is None
    assert run["loss"][0] == 4.0 and run["loss"][-1] < 4.0
    assert report["surface"] == {"name": "formula", "params": {
        "expr": ROSENBROCK, "xmin": -3.0, "xmax": 3.0, "ymin": -3.0, "ymax": 3.0}}


def test_run_formula_with_window_and_several_starts(capsys):
    expr = "log(1 + exp(x)) + (y - sin(x))^2"
    report = run_json(capsys, "run", "--surface", "formula", "--surface-param", f"expr={expr}",
                      "--surface-param", "xmin=-5", "--surface-param", "ymax=4",
                      "--optimizer", "momentum", "--lr", "0.05", "--param", "momentum=0.9",
                      "--start", "2.5,-2", "--start", "-1,2.5", "--steps", "40")
    assert report["surface"]["params"] == {"expr": expr, "xmin": -5.0, "xmax": 3.0,
                                           "ymin": -3.0, "ymax": 4.0}
    surface = surfaces.get("formula", expr=expr, xmin=-5, ymax=4)
    expected = simulate(surface, optimizers.make("momentum", lr=0.05, momentum=0.9),
                        [[2.5, -2.0], [-1.0, 2.5]], 40)
    runs = report["racers"][0]["runs"]
    for i, run in enumerate(runs):
        assert run["points"] == expected.points[:, i, :].tolist()
        assert run["grad_norm"] == expected.grad_norm[:, i].tolist()


def test_run_into_an_undefined_region_diverges_with_strict_json(capsys):
    expected = simulate(surfaces.get("formula", expr=HOLE), optimizers.make("gd", lr=0.3),
                        [[0.0, 1.0]], 30)
    k = int(expected.diverged_at[0])
    assert k > 0
    run = only_run(run_json(capsys, "run", "--surface", "formula", "--surface-param",
                            f"expr={HOLE}", "--optimizer", "gd", "--lr", "0.3",
                            "--start", "0,1", "--steps", "30"))
    assert run["diverged_at"] == k
    good = np.asarray(run["points"][:k])
    np.testing.assert_array_equal(good, expected.points[:k, 0, :])
    assert (good[:, 0] > -2).all()  # the path is in the defined part until it falls in


def test_bad_formula_is_one_line_error(capsys):
    code = main(["run", "--surface", "formula", "--surface-param", "expr=sinn(x) + y^2",
                 "--optimizer", "gd", "--start", "0,1", "--steps", "3"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.strip() == "descent-lab: error: unknown function 'sinn' - did you mean 'sin'?"
    code = main(["run", "--surface", "formula", "--surface-param", "expr=(x + y",
                 "--optimizer", "gd", "--start", "0,1", "--steps", "3"])
    out, err = capsys.readouterr()
    assert code == 2 and "unbalanced parenthesis" in err and len(err.splitlines()) == 1


def test_saved_formula_scenario_runs_from_the_cli(capsys, tmp_path):
    sc = Scenario(surface="formula", surface_params={"expr": "abs(x) + y^2", "xmax": 4.0},
                  starts=((1.5, -1.0),), steps=25,
                  racers=(Racer("gd", {"lr": 0.1}), Racer("adam", {"lr": 0.2})))
    path = scenario_mod.save(sc, tmp_path / "kink.toml")
    assert scenario_mod.load(path) == sc.with_changes(name="kink")
    report = run_json(capsys, "run", "--scenario", str(path))
    assert report["surface"]["params"]["expr"] == "abs(x) + y^2"
    for entry, run in zip(report["racers"], sc.simulate(), strict=True):
        assert entry["runs"][0]["points"] == run.trajectories.points[:, 0, :].tolist()


def test_entry_point_with_shell_style_argument():
    out = subprocess.run(
        [sys.executable, "-m", "app", "run", "--surface", "formula", "--surface-param",
         "expr=x^2 + 10*y^2", "--optimizer", "gd", "--lr", "0.05", "--start", "1,1",
         "--steps", "5", "--format", "csv"],
        capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    rows = list(csv.reader(io.StringIO(out.stdout)))
    assert rows[0][:7] == ["racer", "label", "start_index", "step", "x", "y", "loss"]
    assert len(rows) == 1 + 6
    expected = simulate(surfaces.get("formula", expr="x^2 + 10*y^2"),
                        optimizers.make("gd", lr=0.05), [[1.0, 1.0]], 5)
    x, y, loss = (float(v) for v in rows[-1][4:7])
    assert (x, y, loss) == (expected.points[5, 0, 0], expected.points[5, 0, 1],
                            expected.loss[5, 0])
