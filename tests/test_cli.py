"""``descent-lab run`` and ``descent-lab list``: numbers, formats and one-line errors."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import surfaces
from app import optimizers, schedules
from app.cli import main
from app.engine import Noise, simulate
from app.report import CSV_HEADER

ROOT = Path(__file__).resolve().parents[1]
VALLEY = ["--surface", "quadratic", "--surface-param", "lambda1=1", "--surface-param",
          "lambda2=20"]


def _strict(text: str):
    def no_constants(name):
        raise ValueError(f"non-standard JSON constant {name}")

    return json.loads(text, parse_constant=no_constants)


def cli(capsys, *argv: str):
    """Run ``descent-lab argv`` in-process: (exit status, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv: str) -> dict:
    code, out, err = cli(capsys, *argv)
    assert (code, err) == (0, "")
    return _strict(out)


def only_run(report: dict) -> dict:
    (racer,) = report["racers"]
    (run,) = racer["runs"]
    return run


# ---------------------------------------------------------------------------------------------
# run: the numbers are the engine's
# ---------------------------------------------------------------------------------------------
def test_gd_divergence_and_convergence_match_engine(capsys):
    bowl = surfaces.get("quadratic", lambda1=1, lambda2=20)
    expected = simulate(bowl, optimizers.make("gd", lr=0.12), [[1.0, 1.0]], 100)
    assert expected.diverged_at[0] > 0

    big = run_json(capsys, "run", *VALLEY, "--optimizer", "gd", "--lr", "0.12", "--start", "1,1",
                   "--steps", "100")
    run = only_run(big)
    assert run["diverged_at"] == int(expected.diverged_at[0]) > 0
    assert run["points"] == expected.points[:, 0, :].tolist()
    assert run["loss"] == expected.loss[:, 0].tolist()
    assert len(run["points"]) == len(run["loss"]) == len(run["grad_norm"]) == 101
    assert run["lr"] == [0.12] * 100

    small = only_run(run_json(capsys, "run", *VALLEY, "--optimizer", "gd", "--lr", "0.01",
                              "--start", "1,1", "--steps", "100"))
    assert small["diverged_at"] is None
    assert small["start"] == [1.0, 1.0]
    assert small["loss"][-1] < small["loss"][0] == 10.5


def test_json_schema_and_effective_params(capsys):
    report = run_json(capsys, "run", *VALLEY, "--optimizer", "adam", "--lr", "0.1",
                      "--start", "1,1", "--steps", "5")
    assert set(report) == {"surface", "steps", "noise", "scenario", "racers"}
    assert report["surface"] == {"name": "quadratic", "params": {
        "lambda1": 1.0, "lambda2": 20.0, "angle": 0.0, "x0": 0.0, "y0": 0.0}}
    assert report["steps"] == 5 and report["scenario"] is None
    assert report["noise"] == {"sigma": 0.0, "seed": 0}
    (racer,) = report["racers"]
    assert set(racer) == {"optimizer", "label", "params", "schedule", "noise", "batch_size",
                          "runs"}
    assert racer["batch_size"] is None
    assert racer["noise"] == {"sigma": 0.0, "seed": 0}
    assert racer["optimizer"] == "adam" and racer["label"] == "Adam, lr 0.1"
    assert racer["params"] == {"lr": 0.1, "betas": [0.9, 0.999], "eps": 1e-08,
                               "weight_decay": 0.0, "amsgrad": False, "bias_correction": True}
    assert racer["schedule"] == {"name": "constant",
                                 "params": {"warmup_steps": 0, "warmup_start_factor": 1 / 3}}
    (run,) = racer["runs"]
    assert set(run) == {"start", "points", "loss", "grad_norm", "lr", "diverged_at", "diagnosis"}
    assert run["diverged_at"] is None and run["diagnosis"] is None


def test_param_betas_is_honoured(capsys):
    report = run_json(capsys, "run", *VALLEY, "--optimizer", "adam", "--lr", "0.1",
                      "--param", "betas=0.8,0.99", "--start", "1,1", "--steps", "30")
    assert report["racers"][0]["params"]["betas"] == [0.8, 0.99]
    bowl = surfaces.get("quadratic", lambda1=1, lambda2=20)
    mine = simulate(bowl, optimizers.make("adam", lr=0.1, betas=(0.8, 0.99)), [[1, 1]], 30)
    default = simulate(bowl, optimizers.make("adam", lr=0.1), [[1, 1]], 30)
    assert only_run(report)["points"] == mine.points[:, 0, :].tolist()
    assert only_run(report)["points"] != default.points[:, 0, :].tolist()


def test_schedule_noise_and_several_starts(capsys):
    report = run_json(capsys, "run", "--surface", "quadratic", "--optimizer", "momentum",
                      "--lr", "0.05", "--param", "momentum=0.5", "--schedule", "step",
                      "--schedule-param", "step_size=3", "--schedule-param", "gamma=0.5",
                      "--noise", "0.3", "--seed", "7", "--start", "1,1", "--start", "-2,0.5",
                      "--steps", "8")
    racer = report["racers"][0]
    assert racer["schedule"]["name"] == "step"
    assert racer["schedule"]["params"]["step_size"] == 3
    assert racer["params"]["momentum"] == 0.5 and racer["params"]["nesterov"] is False
    assert report["noise"] == {"sigma": 0.3, "seed": 7}
    expected = simulate(surfaces.get("quadratic"), optimizers.make("momentum", lr=0.05,
                                                                   momentum=0.5),
                        [[1, 1], [-2, 0.5]], 8, schedules.make("step", step_size=3, gamma=0.5),
                        Noise(0.3, 7))
    assert [r["start"] for r in racer["runs"]] == [[1.0, 1.0], [-2.0, 0.5]]
    for i, run in enumerate(racer["runs"]):
        assert run["points"] == expected.points[:, i, :].tolist()
        assert run["lr"] == expected.lr.tolist()
    assert racer["runs"][0]["lr"][:4] == [0.05, 0.05, 0.05, 0.025]


@pytest.mark.parametrize("start", [["--start", "-1.5,2"], ["--start=-1.5,2"]])
def test_negative_start_as_users_type_it(capsys, start):
    run = only_run(run_json(capsys, "run", "--surface", "quadratic", "--optimizer", "gd",
                            *start, "--steps", "3"))
    assert run["start"] == run["points"][0] == [-1.5, 2.0]


def test_non_finite_numbers_are_null(capsys, monkeypatch):
    """A start where the loss is NaN: diverged at 0, loss written as null, JSON still strict."""
    from surfaces.quadratic import Quadratic

    monkeypatch.setattr(Quadratic, "_value", lambda self, x, y: np.full(np.shape(x), np.nan))
    code, out, err = cli(capsys, "run", "--surface", "quadratic", "--optimizer", "gd",
                         "--start", "1,1", "--steps", "2")
    assert (code, err) == (0, "")
    assert "NaN" not in out
    run = only_run(_strict(out))
    assert run["diverged_at"] == 0 and run["loss"] == [None, None, None]


def test_full_precision(capsys):
    """(Speed is measured in benchmarks/, never bounded by a test's clock.)"""
    code, out, _ = cli(capsys, "run", "--surface", "quadratic", "--optimizer", "adam",
                       "--lr", "0.1", "--start", "0.1,0.2", "--steps", "1000")
    assert code == 0
    assert "\n" not in out.rstrip("\n") and ": " not in out  # compact, one line
    expected = simulate(surfaces.get("quadratic"), optimizers.make("adam", lr=0.1),
                        [[0.1, 0.2]], 1000)
    assert only_run(_strict(out))["grad_norm"] == expected.grad_norm[:, 0].tolist()  # bit-exact


# ---------------------------------------------------------------------------------------------
# run: CSV
# ---------------------------------------------------------------------------------------------
def test_csv_rows_match_json(capsys):
    # lr * lambda1 = 0.25 is stable, lr * lambda2 = 2.5 is not: (1, 0) converges, (-3, 2) not
    args = ["--surface", "quadratic", "--optimizer", "gd", "--lr", "0.25", "--start", "1,0",
            "--start", "-3,2", "--steps", "40"]
    report = run_json(capsys, "run", *args)
    code, out, err = cli(capsys, "run", *args, "--format", "csv")
    assert (code, err) == (0, "")
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == CSV_HEADER
    body = rows[1:]
    assert len(body) == 2 * (40 + 1)
    runs = report["racers"][0]["runs"]
    for row in body:
        racer, label, i, k, x, y, loss, gn, lr, div = row
        run = runs[int(i)]
        assert (racer, label) == ("gd", "GD, lr 0.25")
        assert [float(x), float(y)] == run["points"][int(k)]
        assert float(loss) == run["loss"][int(k)]
        assert float(gn) == run["grad_norm"][int(k)]
        assert lr == ("" if int(k) == 40 else repr(run["lr"][int(k)]))
        assert div == ("" if run["diverged_at"] is None else str(run["diverged_at"]))
    assert runs[0]["diverged_at"] is None and runs[1]["diverged_at"] is not None


# ---------------------------------------------------------------------------------------------
# run: scenarios
# ---------------------------------------------------------------------------------------------
def test_scenario_runs_every_racer(capsys):
    from app import scenario

    sc = scenario.load("default")
    report = run_json(capsys, "run", "--scenario", "default", "--steps", "20")
    assert report["scenario"] == "default" and report["steps"] == 20
    assert report["surface"]["name"] == sc.surface
    assert [r["label"] for r in report["racers"]] == [sc.label_of(r) for r in sc.racers]
    expected = sc.with_changes(steps=20).simulate()
    for racer, rr in zip(report["racers"], expected, strict=True):
        assert racer["optimizer"] == rr.racer.optimizer
        assert [r["start"] for r in racer["runs"]] == [list(s) for s in sc.starts]
        assert racer["runs"][0]["points"] == rr.trajectories.points[:, 0, :].tolist()
        assert len(racer["runs"][0]["loss"]) == 21

    code, out, _ = cli(capsys, "run", "--scenario", "default", "--steps", "20",
                       "--format", "csv")
    assert code == 0
    assert len(out.splitlines()) == 1 + len(sc.racers) * len(sc.starts) * 21


def test_scenario_start_replaces_starts_and_file_path_works(capsys, tmp_path):
    from app import scenario

    path = tmp_path / "mine.toml"
    scenario.save(scenario.load("default").with_changes(steps=7), path)
    report = run_json(capsys, "run", "--scenario", str(path), "--start", "-1,0.5",
                      "--start=2,-1")
    assert report["scenario"] == "mine" and report["steps"] == 7
    for racer in report["racers"]:
        assert [r["start"] for r in racer["runs"]] == [[-1.0, 0.5], [2.0, -1.0]]


def test_scenario_racer_with_its_own_noise(capsys, tmp_path):
    from app import scenario

    if "noise_sigma" not in {f.name for f in dataclasses.fields(scenario.Racer)}:
        pytest.skip("this scenario format has no per-racer noise")
    path = tmp_path / "twins.toml"
    path.write_text(
        "version = 1\n[surface]\nname = 'quadratic'\n"
        "[run]\nsteps = 10\nstarts = [[1.0, 1.0]]\nnoise_seed = 3\n"
        "[[racers]]\noptimizer = 'gd'\nparams = { lr = 0.05 }\n"
        "[[racers]]\noptimizer = 'gd'\nparams = { lr = 0.05 }\nnoise_sigma = 2.0\n",
        encoding="utf-8")
    report = run_json(capsys, "run", "--scenario", str(path))
    assert report["noise"] == {"sigma": 0.0, "seed": 3}
    clean, noisy = report["racers"]
    assert clean["noise"] == {"sigma": 0.0, "seed": 3}
    assert noisy["noise"] == {"sigma": 2.0, "seed": 3}
    expected = simulate(surfaces.get("quadratic"), optimizers.make("gd", lr=0.05), [[1, 1]], 10,
                        noise=Noise(2.0, 3))
    assert noisy["runs"][0]["points"] == expected.points[:, 0, :].tolist()
    assert clean["runs"][0]["points"] != noisy["runs"][0]["points"]


# ---------------------------------------------------------------------------------------------
# run: bad input -> one line on stderr, exit 2, nothing on stdout
# ---------------------------------------------------------------------------------------------
Q = ["--surface", "quadratic", "--start", "1,1", "--steps", "5"]
BAD = {
    "unknown surface": (["--surface", "quadratc", "--optimizer", "gd", "--start", "1,1",
                         "--steps", "5"], "Did you mean 'quadratic'?"),
    "unknown optimizer": ([*Q, "--optimizer", "adamm"], "Did you mean 'adam'?"),
    "unknown schedule": ([*Q, "--optimizer", "gd", "--schedule", "cosin"],
                         "Did you mean 'cosine'?"),
    "unknown param": ([*Q, "--optimizer", "gd", "--param", "momentum=0.9"],
                      "Unknown parameter 'momentum'"),
    "lr zero": ([*Q, "--optimizer", "gd", "--lr", "0"], "Invalid learning rate"),
    "lr negative": ([*Q, "--optimizer", "gd", "--lr", "-0.1"], "Invalid learning rate"),
    "lr nan": ([*Q, "--optimizer", "gd", "--lr", "nan"], "Invalid learning rate"),
    "lr inf": ([*Q, "--optimizer", "adam", "--param", "lr=inf"], "Invalid learning rate"),
    "beta one": ([*Q, "--optimizer", "adam", "--param", "betas=1,0.999"],
                 "Invalid beta parameters"),
    "beta negative": ([*Q, "--optimizer", "adam", "--param", "betas=0.9,-0.1"],
                      "Invalid beta parameters"),
    "nesterov no momentum": ([*Q, "--optimizer", "sgd", "--param", "nesterov=true"],
                             "Nesterov"),
    "nesterov dampening": ([*Q, "--optimizer", "sgd", "--param", "nesterov=true", "--param",
                            "momentum=0.9", "--param", "dampening=0.5"], "Nesterov"),
    "nesterov momentum 0": ([*Q, "--optimizer", "nesterov", "--param", "momentum=0"],
                            "Nesterov"),
    "start one number": (["--surface", "quadratic", "--optimizer", "gd", "--start", "1",
                          "--steps", "5"], "--start"),
    "start letters": (["--surface", "quadratic", "--optimizer", "gd", "--start", "a,b",
                       "--steps", "5"], "--start"),
    "start nan": (["--surface", "quadratic", "--optimizer", "gd", "--start", "nan,1",
                   "--steps", "5"], "finite"),
    "start three": (["--surface", "quadratic", "--optimizer", "gd", "--start", "1,2,3",
                     "--steps", "5"], "--start"),
    "param without =": ([*Q, "--optimizer", "gd", "--param", "lr"], "KEY=VALUE"),
    "surface param without =": ([*Q, "--optimizer", "gd", "--surface-param", "lambda2"],
                                "KEY=VALUE"),
    "bad surface param": ([*Q, "--optimizer", "gd", "--surface-param", "lambda2=-1"],
                          "lambda2"),
    "steps zero": (["--surface", "quadratic", "--optimizer", "gd", "--start", "1,1",
                    "--steps", "0"], "--steps"),
    "steps negative": (["--surface", "quadratic", "--optimizer", "gd", "--start", "1,1",
                        "--steps", "-4"], "--steps"),
    "steps not a number": (["--surface", "quadratic", "--optimizer", "gd", "--start", "1,1",
                            "--steps", "ten"], "--steps"),
    "missing surface": (["--optimizer", "gd", "--start", "1,1", "--steps", "5"], "--surface"),
    "missing optimizer": (Q, "--optimizer"),
    "missing start": (["--surface", "quadratic", "--optimizer", "gd", "--steps", "5"],
                      "--start"),
    "missing steps": (["--surface", "quadratic", "--optimizer", "gd", "--start", "1,1"],
                      "--steps"),
    "two optimizers": ([*Q, "--optimizer", "gd", "--optimizer", "adam"], "once"),
    "lr twice": ([*Q, "--optimizer", "gd", "--lr", "0.1", "--param", "lr=0.2"], "once"),
    "noise negative": ([*Q, "--optimizer", "gd", "--noise", "-1"], "--noise"),
    "format": ([*Q, "--optimizer", "gd", "--format", "xml"], "--format"),
    "scenario missing file": (["--scenario", "no/such/file.toml"], "cannot read"),
    "scenario unknown name": (["--scenario", "defaul"], "Did you mean 'default'?"),
    "scenario with --lr": (["--scenario", "default", "--lr", "0.1"], "--scenario"),
}


@pytest.mark.parametrize("argv, fragment", list(BAD.values()), ids=list(BAD))
def test_bad_input_is_one_line_exit_2(capsys, argv, fragment):
    code, out, err = cli(capsys, "run", *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("descent-lab: error: ") and err.endswith("\n")
    assert err.count("\n") == 1, err
    assert fragment in err


@pytest.mark.parametrize("text, fragment", [
    ("version = 1\n[surface\nname = 'quadratic'\n", "invalid TOML"),
    ("version = 1\n[surface]\nname = 'quadratic'\n[run]\nstarts = [[0, 1]]\n"
     "[[racers]]\noptimizer = 'gd'\nparams = { lr = -1 }\n", "racers[0]"),
    ("version = 1\n[surface]\nname = 'quadratic'\n[[racers]]\noptimizer = 'gd'\n",
     "no start points"),
])
def test_bad_scenario_file(capsys, tmp_path, text, fragment):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    code, out, err = cli(capsys, "run", "--scenario", str(path))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and fragment in err, err


# ---------------------------------------------------------------------------------------------
# list
# ---------------------------------------------------------------------------------------------
def test_list_surfaces(capsys):
    code, out, err = cli(capsys, "list", "surfaces")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split()[0] == "NAME"
    names = [line.split()[0] for line in lines[1:]]
    assert names == surfaces.names()
    (quad,) = [line for line in lines if line.startswith("quadratic ")]
    assert surfaces.family("quadratic").title in quad
    assert "lambda1=1 lambda2=10" in quad


def test_list_optimizers_and_schedules(capsys):
    code, out, _ = cli(capsys, "list", "optimizers")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()[1:]] == optimizers.names()
    (adam,) = [line for line in out.splitlines() if line.startswith("adam ")]
    assert "lr=0.001 betas=0.9,0.999 eps=1e-08" in adam
    assert optimizers.spec("adam").summary in adam
    # the columns line up: every line's second column starts at the same place
    starts = {line.index(line.split()[1], len(line.split()[0])) for line in out.splitlines()}
    assert len(starts) == 1

    code, out, _ = cli(capsys, "list", "schedules")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()[1:]] == schedules.names()
    assert "total_steps=1000" in out


def test_list_scenarios_shows_default_with_its_lesson(capsys):
    from app import scenario

    code, out, err = cli(capsys, "list", "scenarios")
    assert (code, err) == (0, "")
    lesson = scenario.load("default").lesson
    (line,) = [line for line in out.splitlines() if line.startswith("default ")]
    assert lesson.tag in line and lesson.title in line
    assert len(out.splitlines()) == 1 + len(scenario.builtin_names())


def test_list_errors(capsys):
    for argv in (["list"], ["list", "optimisers"]):
        code, out, err = cli(capsys, *argv)
        assert (code, out) == (2, "") and err.count("\n") == 1
    assert "Did you mean 'optimizers'?" in err
    assert cli(capsys, "list", "surface")[0] == 0  # singular works too


# ---------------------------------------------------------------------------------------------
# The real entry points, in a fresh interpreter
# ---------------------------------------------------------------------------------------------
def test_entry_points_in_subprocess():
    script = Path(sys.executable).with_name("descent-lab")
    entry = [str(script)] if script.exists() else [sys.executable, "-m", "app"]
    good = subprocess.run(
        [*entry, "run", *VALLEY, "--optimizer", "gd", "--lr", "0.12", "--start", "-1.5,2",
         "--steps", "100"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert (good.returncode, good.stderr) == (0, "")
    run = only_run(_strict(good.stdout))
    assert run["start"] == [-1.5, 2.0] and run["diverged_at"] > 0

    bad = subprocess.run([sys.executable, "-m", "app", "run", "--surface", "quadratic",
                          "--optimizer", "gd", "--start", "-1.5", "--steps", "5"],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.startswith("descent-lab: error: argument --start")
