"""Hostile input on the headless parts: one clear error (CLI: one line, exit 2), nothing lost."""

from __future__ import annotations

import dataclasses
import errno
import warnings
from pathlib import Path

import numpy as np
import pytest

import surfaces
from app import export, optimizers
from app import scenario as scenarios
from app.cli import main, run_cmd
from app.engine import MAX_SEED, Noise, simulate

RUN = ["run", "--surface", "quadratic", "--optimizer", "gd", "--steps", "3"]


def cli(capsys, *argv: str):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(code, out, err, *needles):
    assert code == 2 and out == ""
    assert err.startswith("descent-lab: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, err


# --- CLI: negative non-numbers ----------------------------------------------------------------
@pytest.mark.parametrize("value", ["-inf,1", "-nan,1", "-Infinity,0", "1,-inf"])
def test_start_negative_infinity_is_explained_not_missing(capsys, value):
    code, out, err = cli(capsys, *RUN, "--start", value)
    assert_one_line_error(code, out, err, "finite", repr(value))
    assert "expected one argument" not in err


def test_lr_negative_infinity_is_explained(capsys):
    code, out, err = cli(capsys, *RUN, "--start", "1,1", "--lr", "-inf")
    assert_one_line_error(code, out, err, "learning rate")


# --- CLI: duplicated keys ------------------------------------------------------------------
@pytest.mark.parametrize("option, first, second", [
    ("--param", "lr=0.1", "lr=0.2"),
    ("--surface-param", "lambda1=2", "lambda1=3"),
    ("--schedule-param", "gamma=0.5", "gamma=0.9"),
])
def test_run_key_given_twice_is_refused(capsys, option, first, second):
    extra = ["--schedule", "exponential"] if option == "--schedule-param" else []
    code, out, err = cli(capsys, *RUN, "--start", "1,1", *extra, option, first, option, second)
    assert_one_line_error(code, out, err, option, "twice")


# --- CLI: analyze --indent --------------------------------------------------------------------
@pytest.mark.parametrize("indent", ["1000000000", "-1", "x"])
def test_analyze_indent_is_bounded(capsys, indent):
    code, out, err = cli(capsys, "analyze", "--surface", "quadratic", "--point", "1,1",
                         "--indent", indent)
    assert_one_line_error(code, out, err, "--indent")


# --- seeds beyond numpy's 64-bit Philox key ---------------------------------------------------
def test_noise_seed_too_large_is_a_value_error():
    Noise(1.0, MAX_SEED).sample(0, (1, 2))  # the largest one works
    for bad in (MAX_SEED + 1, 10**30, float("nan"), float("inf"), 1e300):
        with pytest.raises(ValueError, match="noise seed"):
            Noise(1.0, bad)


def test_cli_seed_too_large(capsys):
    code, out, err = cli(capsys, *RUN, "--start", "1,1", "--noise", "1",
                         "--seed", "99999999999999999999999")
    assert_one_line_error(code, out, err, "--seed")


@pytest.mark.parametrize("seed, shown", [("1e300", "1e+300"),
                                         ("99999999999999999999999999999", "9" * 29)])
def test_scenario_seed_too_large(capsys, tmp_path, seed, shown):
    path = tmp_path / "s.toml"
    path.write_text('[surface]\nname = "quadratic"\n[run]\nsteps = 3\nstarts = [[1, 1]]\n'
                    f'noise_sigma = 1.0\nnoise_seed = {seed}\n[[racers]]\noptimizer = "gd"\n')
    code, out, err = cli(capsys, "run", "--scenario", str(path))
    assert_one_line_error(code, out, err, "run.noise_seed", shown)


def test_scenario_huge_float_steps_shown_as_written(capsys, tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[surface]\nname = "quadratic"\n[run]\nsteps = 1e300\nstarts = [[1, 1]]\n'
                    '[[racers]]\noptimizer = "gd"\n')
    code, out, err = cli(capsys, "run", "--scenario", str(path))
    assert_one_line_error(code, out, err, "run.steps", "1e+300")
    assert len(err) < 200


# --- sizes that cannot be held ----------------------------------------------------------------
def test_run_refuses_output_too_large_before_allocating(capsys, tmp_path):
    starts = ", ".join(f"[{i}, 1]" for i in range(10_000))
    path = tmp_path / "many.toml"
    path.write_text(f'[surface]\nname = "quadratic"\n[run]\nsteps = 1000000\nstarts = '
                    f'[{starts}]\n[[racers]]\noptimizer = "gd"\n')
    code, out, err = cli(capsys, "run", "--scenario", str(path))
    assert_one_line_error(code, out, err, "too much output", "10000 start points")


def test_run_many_starts_still_fine(capsys, tmp_path):
    starts = ", ".join(f"[{i}, 1]" for i in range(10_000))
    path = tmp_path / "many.toml"
    path.write_text(f'[surface]\nname = "quadratic"\n[run]\nsteps = 2\nstarts = [{starts}]\n'
                    '[[racers]]\noptimizer = "gd"\n')
    code, out, err = cli(capsys, "run", "--scenario", str(path), "--format", "csv")
    assert (code, err) == (0, "")
    assert out.count("\n") == 1 + 3 * 10_000


def test_simulate_memory_error_becomes_value_error(monkeypatch):
    import app.engine as engine

    real = np.empty

    def empty(shape, *a, **k):
        if np.prod(shape) > 10**6:
            raise MemoryError
        return real(shape, *a, **k)

    monkeypatch.setattr(engine.np, "empty", empty)
    with pytest.raises(ValueError, match="not enough memory"):
        simulate(surfaces.get("quadratic"), optimizers.make("gd"), [[1.0, 1.0]] * 1000, 2000)


def test_cli_memory_error_is_one_line(capsys, monkeypatch):
    def boom(args):
        raise MemoryError

    monkeypatch.setattr(run_cmd, "run", boom)
    code, out, err = cli(capsys, *RUN, "--start", "1,1")
    assert_one_line_error(code, out, err, "not enough memory")


# --- engine: no start points ------------------------------------------------------------------
@pytest.mark.parametrize("starts", [[], np.empty((0, 2)), np.zeros(0)])
def test_simulate_without_starts_is_an_empty_result(starts):
    run = simulate(surfaces.get("quadratic"), optimizers.make("gd"), starts, 3)
    assert run.points.shape == (4, 0, 2) and run.diverged_at.shape == (0,)


# --- export: a folder that exists but takes no files ------------------------------------------
def test_enoent_in_existing_folder_is_not_called_missing(tmp_path):
    message = export._os_message(OSError(errno.ENOENT, "No such file"), tmp_path / "x.gif")
    assert "does not exist" not in message and "x.gif" in message
    message = export._os_message(OSError(errno.ENOENT, "No such file"),
                                 tmp_path / "gone" / "x.gif")
    assert message == f"folder does not exist: {export._show(tmp_path / 'gone')}"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs /proc")
def test_render_into_proc(capsys):
    code, out, err = cli(capsys, "render", "--out", "/proc/descent_lab_x.gif")
    assert_one_line_error(code, out, err, "/proc")
    assert "does not exist" not in err


# --- scenario text round trip -----------------------------------------------------------------
@pytest.mark.parametrize("text", ["cr\rlf", "nul\x00", "esc\x1b[31m", "del\x7f", "bs\b ff\f",
                                  "ünï 日本 🎉 \"q\" \\ \n\t \u2028 '''"])
def test_dumps_loads_round_trip_with_control_characters(text):
    sc = scenarios.load("default")
    racer = dataclasses.replace(sc.racers[0], label=text)
    sc = dataclasses.replace(sc, lesson=dataclasses.replace(sc.lesson, title=text, why=text),
                             racers=(racer, *sc.racers[1:]))
    back = scenarios.loads(scenarios.dumps(sc))
    assert back.lesson.title == text and back.lesson.why == text
    assert back.racers[0].label == text


def test_dumps_quotes_keys_that_are_not_bare():
    assert scenarios._toml_value({"a b": 1, "ok_key-1": 2}) == '{ "a b" = 1, ok_key-1 = 2 }'


@pytest.mark.parametrize("value", [1e-320, -0.0, 5e-324, 1.7976931348623157e308])
def test_dumps_loads_round_trip_float_edges(value):
    sc = dataclasses.replace(scenarios.load("default"), starts=((value, 1.0),))
    back = scenarios.loads(scenarios.dumps(sc))
    assert str(back.starts[0][0]) == str(value)


def test_render_refuses_output_too_large_before_any_work(capsys, tmp_path):
    starts = ", ".join(f"[{i}, 1]" for i in range(10_000))
    path = tmp_path / "many.toml"
    path.write_text(f'[surface]\nname = "quadratic"\n[run]\nsteps = 1000000\nstarts = '
                    f'[{starts}]\n[[racers]]\noptimizer = "gd"\n')
    code, out, err = cli(capsys, "render", "--scenario", str(path), "--out",
                         str(tmp_path / "x.gif"), "--size", "64x64", "--steps", "0")
    assert_one_line_error(code, out, err, "too much output")
    assert not (tmp_path / "x.gif").exists()


def test_cli_seed_limit_matches_engine():
    assert run_cmd.MAX_SEED == MAX_SEED


def test_whole_number_bounds_are_written_in_full(capsys):
    code, out, err = cli(capsys, "run", "--surface", "regression", "--surface-param", "seed=-1",
                         "--optimizer", "gd", "--start", "1,1", "--steps", "2")
    assert_one_line_error(code, out, err, "<= 4294967295")
    assert "e+09" not in err


# --- stepwise ---------------------------------------------------------------------------------
@pytest.mark.parametrize("step", [float("nan"), float("inf"), 10**12, "3", None])
def test_explain_step_bad_step_is_a_clear_value_error(step):
    from app import stepwise

    with pytest.raises(ValueError, match="Invalid step"):
        stepwise.explain_step(surfaces.get("quadratic"), optimizers.make("gd"), None, (1, 1),
                              step)


@pytest.mark.parametrize("x", [5e-324, 1e-323, 1e-320, 1e-310])
def test_nice_scale_of_subnormals_is_positive_and_at_most_x(x):
    from app import stepwise

    s = stepwise.nice_scale(x)
    assert 0 < s <= x


def test_iterate_too_many_steps_is_a_value_error():
    from app.engine import iterate

    with pytest.raises(ValueError, match="not enough memory"):
        next(iterate(surfaces.get("quadratic"), optimizers.make("gd"), [[1.0, 1.0]], 10**15))


def test_scenario_file_with_utf8_bom_loads(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + scenarios.dumps(scenarios.load("default")).encode())
    assert scenarios.load(path).racers == scenarios.load("default").racers


# --- scenario.save: clear errors, nothing replaced that is not a scenario file -----------------
def test_save_does_not_replace_a_fifo(tmp_path):
    import os
    import stat

    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(scenarios.ScenarioError, match="not a regular file"):
        scenarios.save(scenarios.load("default"), fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.toml"]


@pytest.mark.parametrize("where, needle", [("missing/x.toml", "folder does not exist"),
                                           ("", "is a folder")])
def test_save_errors_name_the_file_not_a_temp_file(tmp_path, where, needle):
    target = tmp_path / where
    with pytest.raises(scenarios.ScenarioError, match=needle) as info:
        scenarios.save(scenarios.load("default"), target)
    assert ".tmp" not in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_save_write_error_is_a_scenario_error(tmp_path, monkeypatch):
    import os

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(scenarios.ScenarioError, match="No space left"):
        scenarios.save(scenarios.load("default"), tmp_path / "x.toml")
    assert list(tmp_path.iterdir()) == []


# --- analysis ---------------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs, needle", [
    ({"resolution": 10**6}, "resolution"),
    ({"resolution": 8, "window": ((0, float("inf")), (0, 1))}, "finite"),
    ({"resolution": 8, "window": ((0, float("nan")), (0, 1))}, "finite"),
    ({"resolution": 8, "window": "abc"}, "window"),
])
def test_curvature_map_bad_arguments(kwargs, needle):
    from app.analysis.hessian import curvature_map

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=needle):
            curvature_map(surfaces.get("quadratic"), **kwargs)


@pytest.mark.parametrize("kwargs", [{"resolution": 100_000, "steps": 1},
                                    {"resolution": (4, 10**9), "steps": 1},
                                    {"resolution": 4, "steps": 10**12}])
def test_basin_map_refuses_sizes_that_cannot_fit(kwargs):
    from app.analysis.maps import basin_map

    with pytest.raises(ValueError, match="resolution|steps"):
        basin_map(surfaces.get("quadratic"), "gd", **kwargs)


def test_hyperparameter_map_refuses_too_many_steps():
    from app.analysis.maps import hyperparameter_map

    with pytest.raises(ValueError, match="steps"):
        hyperparameter_map(surfaces.get("quadratic"), "gd", (1, 1), [0.1], steps=10**12)


@pytest.mark.parametrize("argv", [[*RUN, "--start", "1,1"], ["list", "surfaces"],
                                  ["analyze", "--surface", "quadratic", "--point", "1,1"]])
def test_closed_stdout_is_one_line(capsys, monkeypatch, argv):
    import sys

    monkeypatch.setattr(sys, "stdout", None)
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "standard output is closed" in err


def test_condition_number_of_a_nearly_singular_hessian_is_inf_without_a_warning():
    """1 / 1e-320 overflows: the condition number is infinite, and no numpy warning escapes
    (the Analysis tab and the Maps tab's automatic lr range hit this on lambda1 = 1e-320)."""
    import surfaces
    from app.analysis import curvature

    c = curvature(surfaces.get("quadratic", lambda1=1e-320, lambda2=1.0), [0.5, 0.5])
    assert c.condition_number == float("inf")
