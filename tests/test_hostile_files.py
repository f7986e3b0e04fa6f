"""Hostile files and arguments (issue 15): nothing hangs, nothing leaks, one clear line each.

Scenario files that nest deeply, have absurd dotted keys, are not regular files, are too large,
or hold wrong types; the network lab's budget, its sharpness readout and its ``diverged_at``;
the command line's output to a full disk, non-ASCII digits, ``-:5`` and over-long names.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from app import scenario as scenarios
from app import small_toml
from app.cli import main
from app.netlab import NetConfig, run_dict, train
from app.netlab.scenario import csv_rows, run_report

train_mod = importlib.import_module("app.netlab.train")  # the module, not the function
ROOT = Path(__file__).resolve().parents[1]
BASE = """version = 1
[surface]
name = "quadratic"
params = { lambda1 = 1.0, lambda2 = 5.0 }
[run]
steps = 3
starts = [[1.0, 1.0]]
[[racers]]
optimizer = "adam"
params = { lr = 0.1 }
"""


def cli(capsys, *argv: str):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code, out, err, *needles):
    assert code == 2 and out == "", (code, out, err)
    assert err.startswith("descent-lab: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err and "[Errno" not in err, err
    for needle in needles:
        assert needle in err, err


def write(tmp_path, text: str, name: str = "s.toml") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


# ---------------------------------------------------------------------------------------------
# 1, 2: nesting and dotted keys are bounded before tomllib parses
# ---------------------------------------------------------------------------------------------
DEEP = {
    "array": "version = 1\nx = " + "[" * 100_000 + "]" * 100_000,
    "inline tables": "version = 1\nx = " + "{a=" * 50_000 + "1" + "}" * 50_000,
    "run.starts": BASE.replace("starts = [[1.0, 1.0]]", "starts = " + "[" * 5000 + "]" * 5000),
    "racer params": BASE.replace("{ lr = 0.1 }", "{ lr = " + "[" * 5000 + "]" * 5000 + " }"),
    "dotted header": "version = 1\n[" + ".".join(["a"] * 50_000) + "]\n",
    "dotted key": "version = 1\n" + ".".join(["a"] * 50_000) + " = 1\n",
}


@pytest.mark.parametrize("text", DEEP.values(), ids=DEEP.keys())
def test_deep_or_long_structures_are_one_line(capsys, tmp_path, text):
    code, out, err = cli(capsys, "run", "--scenario", write(tmp_path, text))
    one_line_error(code, out, err, "s.toml: line ")
    assert "nested more than" in err or "dotted key with more than" in err


def test_structure_scan_skips_strings_and_comments():
    """Brackets and dots inside strings and comments are text, not structure."""
    brackets = "[" * 100
    dots = ".".join("a" * 100)
    text = (f'a = "{brackets}"\nb = \'{dots}\'\nc = """\n{brackets}\n"""""\n'
            f"d = '''{brackets}'''\n# {brackets} {dots}\ne = [1.5, 2.5, {{ f = 3.25 }}]\n")
    assert small_toml.loads(text)["e"] == [1.5, 2.5, {"f": 3.25}]
    with pytest.raises(small_toml.TomlLimitError, match="line 1: arrays and tables nested"):
        small_toml.check_structure("x = " + "[" * 33)
    small_toml.check_structure("x = " + "[" * 32 + "]" * 32)  # the limit itself is fine
    with pytest.raises(small_toml.TomlLimitError, match="more than 32 parts"):
        small_toml.check_structure("[" + ".".join("a" * 33) + "]")


def test_every_builtin_scenario_passes_the_structure_scan():
    for name in scenarios.builtin_names():
        text = scenarios.resolve(name).read_text()
        small_toml.check_structure(text)


def test_a_number_with_too_many_digits_is_one_line(capsys, tmp_path):
    code, out, err = cli(capsys, "run", "--scenario",
                         write(tmp_path, BASE.replace("steps = 3", "steps = " + "9" * 5000)))
    one_line_error(code, out, err, "too many digits")
    huge_hex = "0x" + "f" * 300  # an int beyond the float range, where a float is expected
    for old, new in (("lr = 0.1", f"lr = {huge_hex}"),
                     ("[run]", f"[run]\nnoise_sigma = {huge_hex}")):
        code, out, err = cli(capsys, "run", "--scenario", write(tmp_path, BASE.replace(old, new)))
        one_line_error(code, out, err, "s.toml")
        assert len(err) < 300


# ---------------------------------------------------------------------------------------------
# 3: only a small regular file is read
# ---------------------------------------------------------------------------------------------
def _load_in_thread(path):
    """``scenario.load(path)`` in a thread; the join's limit only guards against a hang."""
    result: list = []

    def target():
        try:
            scenarios.load(path)
            result.append(None)
        except Exception as err:  # noqa: BLE001 (the test looks at it)
            result.append(err)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "loading hung"
    return result[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    err = _load_in_thread(fifo)
    assert isinstance(err, scenarios.ScenarioError)
    assert str(err) == f"{fifo}: a named pipe (FIFO), not a regular file; a scenario is a .toml " \
                       f"text file"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_device_and_symlink_to_device_are_refused(tmp_path, device):
    link = tmp_path / "zero.toml"
    link.symlink_to(device)
    for path in (device, link):
        err = _load_in_thread(path)
        assert isinstance(err, scenarios.ScenarioError) and "a device, not a regular file" in \
            str(err)


def test_folder_is_refused(tmp_path):
    with pytest.raises(scenarios.ScenarioError, match="a folder, not a regular file"):
        scenarios.load(tmp_path)


def test_large_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    starts = ", ".join(f"[{i}, 1]" for i in range(30_000))  # about 300 kB
    path = write(tmp_path, BASE.replace("[[1.0, 1.0]]", f"[{starts}]"))
    monkeypatch.setattr(small_toml, "_read_at_most",
                        lambda fd, n: pytest.fail("read a file that is too large"))
    with pytest.raises(scenarios.ScenarioError, match=r"too large: \d{3},\d{3} bytes \(a scenario "
                                                      r"file has at most 262,144\)"):
        scenarios.load(path)


@pytest.mark.skipif(not Path("/proc/self/maps").is_file(), reason="needs /proc")
def test_reading_stops_past_the_limit_whatever_the_size_says():
    """/proc files say size 0 and hold more: reading stops one byte past the limit."""
    assert os.stat("/proc/self/maps").st_size == 0
    with pytest.raises(small_toml.TomlLimitError, match="more than 100 bytes"):
        small_toml.read_text("/proc/self/maps", limit=100)


def test_racer_count_is_bounded(tmp_path):
    text = BASE + "[[racers]]\noptimizer = \"gd\"\n" * 200
    with pytest.raises(scenarios.ScenarioError,
                       match="racers: at most 64 racers, the file has 201"):
        scenarios.load(write(tmp_path, text))


# ---------------------------------------------------------------------------------------------
# 4: a scenario file is typed
# ---------------------------------------------------------------------------------------------
NETLAB = 'version = 1\n[netlab]\ndataset = "regression"\nsteps = 3\n'
TYPED = [
    (BASE.replace("lr = 0.1", 'lr = "0.1"'), "racers[0]: optimizer 'adam': Invalid learning rate: "
     "the text '0.1'"),
    (BASE.replace("lr = 0.1", 'lr = 0.1, amsgrad = "yes"'), "'amsgrad': expected true or false, "
     "got the text 'yes'"),
    (BASE.replace("lr = 0.1", "lr = 0.1, amsgrad = 1"), "'amsgrad': expected true or false, got "
     "the number 1"),
    (BASE.replace("lr = 0.1", 'lr = 0.1, betas = "0.9,0.999"'), "write a list of numbers"),
    (BASE.replace("lambda1 = 1.0", 'lambda1 = "1"'), "surface: surface 'quadratic': Invalid value "
     "for 'lambda1'"),
    (BASE.replace("version = 1", "version = true"), "version: expected the whole number 1, got "
     "true"),
    (BASE.replace("version = 1", "version = 1.0"), "version: expected the whole number 1"),
    (BASE.replace("steps = 3", 'steps = "3"'), "run.steps: expected a number, got the text '3'"),
    (BASE.replace('optimizer = "adam"', 'optimizer = "adam"\nenabled = "true"'),
     "racers[0].enabled: expected true or false, got the text 'true'"),
    (BASE.replace('optimizer = "adam"', 'optimizer = "adam"\nlabel = 5'),
     "racers[0].label: expected text, got the number 5"),
    (BASE.replace('optimizer = "adam"', 'optimizer = "adam"\nschedule = { name = "step", '
                  'gamma = "0.5" }'), "racers[0]: schedule 'step': Invalid value for 'gamma'"),
    (NETLAB + "standardize = \"yes\"\n", "netlab.standardize: expected true or false, got the "
     "text 'yes'"),
    (NETLAB + "n_samples = \"200\"\n", "netlab.n_samples: expected a whole number"),
    (NETLAB + "optimizer_params = { lr = \"0.1\" }\n", "netlab.optimizer_params: optimizer 'gd': "
     "Invalid learning rate: the text '0.1'"),
    (NETLAB + "hidden = \"32\"\n", "netlab.hidden: expected a list"),
]


@pytest.mark.parametrize("text, message", TYPED, ids=[m[:40] for _, m in TYPED])
def test_wrong_types_name_the_file_and_the_key(capsys, tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(scenarios.ScenarioError) as err:
        scenarios.load(path)
    assert str(err.value).startswith(f"{path}: ") and message in str(err.value)
    code, out, err_text = cli(capsys, "run", "--scenario", path)
    one_line_error(code, out, err_text, message)


def test_command_line_text_is_parsed_then_typed(capsys):
    """``--param`` strings are read by each parameter's type before the same validation."""
    code, out, err = cli(capsys, "run", "--surface", "quadratic", "--surface-param", "lambda1=2",
                         "--optimizer", "adam", "--lr", "0.1", "--param", "amsgrad=yes",
                         "--param", "betas=0.8,0.99", "--start", "1,1", "--steps", "2",
                         "--schedule", "step", "--schedule-param", "gamma=0.5")
    assert (code, err) == (0, "")
    run = json.loads(out)["racers"][0]
    assert run["params"]["amsgrad"] is True and run["params"]["betas"] == [0.8, 0.99]
    code, out, err = cli(capsys, "run", "--surface", "quadratic", "--optimizer", "adam",
                         "--param", "amsgrad=maybe", "--start", "1,1", "--steps", "2")
    one_line_error(code, out, err, "optimizer 'adam': Invalid value 'maybe' for 'amsgrad'")


# ---------------------------------------------------------------------------------------------
# 7: the network lab's budget
# ---------------------------------------------------------------------------------------------
def test_netlab_memory_is_refused_up_front_with_the_numbers():
    with pytest.raises(ValueError) as err:
        NetConfig(dataset="regression", n_samples=4, hidden=(512, 190), steps=99_999,
                  trajectory_points=100_000, sharpness_every=0)
    message = str(err.value)
    assert message.startswith("netlab.trajectory_points: this run needs about ")
    assert "100,001 weight snapshots of 99,197 weights" in message and "at most 1 GB" in message
    need = NetConfig(dataset="regression", n_samples=4, hidden=(512, 190), steps=99_999,
                     trajectory_points=101, sharpness_every=0).budget()
    assert need.memory_bytes < train_mod.MAX_MEMORY_BYTES  # fewer snapshots: fine


def test_netlab_work_is_refused_up_front_with_the_numbers(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(train_mod, "train", lambda *a, **k: pytest.fail("training started"))
    path = write(tmp_path, "version = 1\n[netlab]\nsteps = 1000000\nsharpness_every = 1\n")
    code, out, err = cli(capsys, "run", "--scenario", path)
    one_line_error(code, out, err, "netlab.steps: this run needs up to 4.8e+13 sample-weight "
                   "products (1,000,000 steps x 200 samples x 1,185 weights + the sharpness "
                   "every step")
    # the budget is the sum of gradients and worst-case Hessian-vector products
    cfg = NetConfig(steps=100, sharpness_every=10)
    P, n = cfg.model().n_params, cfg.n_samples
    assert cfg.budget().work == 100 * n * P + 11 * train_mod.SHARPNESS_MAX_ITER * 2 * n * P


# ---------------------------------------------------------------------------------------------
# 8: sharpness by Lanczos; a value that did not converge is marked
# ---------------------------------------------------------------------------------------------
#: a small network (205 weights, dense Hessian in milliseconds) whose spectrum's negative end is
#: larger in magnitude than its positive one: lambda_min -229.0, lambda_max 227.4
SMALL = NetConfig(dataset="regression", standardize=True, hidden=(12, 12))


def _spectrum(config: NetConfig):
    model, data, targets, w, *_ = train_mod.build(config)
    H = np.array([model.hvp(w, data.X, targets, v) for v in np.eye(model.n_params)])
    return model, data, targets, w, np.linalg.eigvalsh((H + H.T) / 2)


def test_sharpness_is_the_top_eigenvalue_where_the_negative_end_is_larger():
    model, data, targets, w, eig = _spectrum(SMALL)
    assert -eig[0] > eig[-1] > 0  # power iteration would find the negative end
    s = train_mod.sharpness(model, w, data.X, targets, max_iter=train_mod.SHARPNESS_MAX_ITER,
                            tol=train_mod.SHARPNESS_TOL)
    assert s.converged and s.iterations < train_mod.SHARPNESS_MAX_ITER
    assert s.lambda_max == pytest.approx(eig[-1], rel=train_mod.SHARPNESS_TOL)
    assert np.linalg.norm(model.hvp(w, data.X, targets, s.vector) - s.lambda_max * s.vector) \
        <= train_mod.SHARPNESS_TOL * s.lambda_max * 1.01  # the residual it stopped on


def test_sharpness_converges_on_the_issues_network():
    """NetConfig(regression, standardized) at its initial weights: lambda_max 356.0115 and
    lambda_min -346.0 (dense eigvalsh of its 1185 x 1185 Hessian; bench_sharpness.py recomputes
    it); power iteration had 350.35 after 100 products, not converged."""
    run = train(NetConfig(dataset="regression", standardize=True, steps=2,
                          optimizer_params={"lr": 1e-4}, sharpness_every=1))
    assert run.sharpness_converged.all()
    assert run.sharpness[0] == pytest.approx(356.0115, rel=train_mod.SHARPNESS_TOL)


def test_unconverged_sharpness_is_marked_in_the_run_json_and_csv(monkeypatch):
    monkeypatch.setattr(train_mod, "SHARPNESS_MAX_ITER", 3)  # far too few for this spectrum
    cfg = replace(SMALL, steps=4, sharpness_every=2, optimizer_params={"lr": 1e-4})
    run = train(cfg)
    assert run.sharpness_steps.tolist() == [0, 2, 4]
    assert not run.sharpness_converged.any()
    assert run.sharpness[0] < _spectrum(cfg)[-1][-1]  # a lower bound
    d = run.to_dict()
    assert d["sharpness_converged"] == [False, None, False, None, False]
    rows = list(csv_rows(d))
    assert rows[0][4] == "sharpness_converged" and [r[4] for r in rows[1:]] == \
        ["false", "", "false", "", "false"]


# ---------------------------------------------------------------------------------------------
# 9: diverged_at is null for a run that did not diverge, as in the 2D report
# ---------------------------------------------------------------------------------------------
def test_netlab_diverged_at_is_null_when_it_trained(capsys):
    trained = run_dict({"dataset": "circles", "steps": 3, "sharpness_every": 0})
    assert trained["diverged_at"] is None
    blown = run_dict({"dataset": "regression", "optimizer_params": {"lr": 1e-3}, "steps": 20})
    assert blown["diverged_at"] == 4
    code, out, err = cli(capsys, "run", "--scenario", "netlab_p1_seed000_lr1e-4", "--steps", "3")
    assert (code, err) == (0, "") and json.loads(out)["diverged_at"] is None
    code, out, err = cli(capsys, "run", "--scenario", "default", "--steps", "3")
    assert all(r["diverged_at"] is None for racer in json.loads(out)["racers"]
               for r in racer["runs"])
    report = run_report(scenarios.load("netlab_p1_seed000_lr1e-4").with_changes(
        netlab={**scenarios.load("netlab_p1_seed000_lr1e-4").netlab, "steps": 2}))
    assert [row[-1] for row in csv_rows(report)][1:] == ["", "", ""]


# ---------------------------------------------------------------------------------------------
# 10: small ones
# ---------------------------------------------------------------------------------------------
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["run", "--help"],
                                  ["list", "surfaces"]])
def test_output_to_a_full_disk_is_an_error(argv):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "app", *argv], stdout=full,
                              stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert done.stderr == "descent-lab: error: cannot write to standard output: No space left " \
                          "on device\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [
    ["run", "--scenario", "default", "--steps", "3"],
    ["run", "--scenario", "default", "--steps", "3", "--format", "csv"],
    ["analyze", "--surface", "quadratic", "--point", "1,1"],
])
def test_results_to_a_full_disk_are_an_error(capsys, monkeypatch, argv):
    with open("/dev/full", "w") as full:
        monkeypatch.setattr(sys, "stdout", full)
        code = main(argv)
    err = capsys.readouterr().err
    assert code == 2 and err == "descent-lab: error: cannot write to standard output: No " \
                                "space left on device\n"


@pytest.mark.parametrize("argv, needle", [
    (["run", "--steps", "٣"], "argument --steps"),
    (["run", "--surface", "quadratic", "--optimizer", "gd", "--start", "1,1", "--steps", "3",
      "--lr", "１"], "Invalid learning rate: '１'"),
    (["run", "--start", "１,1"], "argument --start"),
    (["run", "--seed", "٣"], "argument --seed"),
    (["run", "--noise", "٠.١"], "argument --noise"),
    (["run", "--surface", "quadratic", "--optimizer", "momentum", "--start", "1,1", "--steps",
      "3", "--param", "momentum=٠.٥"], "momentum"),
    (["run", "--surface", "quadratic", "--surface-param", "lambda1=²", "--optimizer", "gd",
      "--start", "1,1", "--steps", "3"], "lambda1"),
    (["render", "--out", "x.gif", "--fps", "٣٠"], "fps"),
    (["render", "--out", "x.gif", "--size", "６４x６４"], "size"),
    (["analyze", "--surface", "quadratic", "--point", "١,1"], "Invalid point"),
    (["analyze", "--surface", "quadratic", "--point", "1,1", "--indent", "٢"], "--indent"),
    (["run", "--steps", "1_000"], "argument --steps"),
])
def test_non_ascii_digits_are_not_numbers(capsys, argv, needle):
    code, out, err = cli(capsys, *argv)
    one_line_error(code, out, err, needle)


def test_render_steps_value_starting_with_a_dash(capsys, tmp_path):
    out_path = str(tmp_path / "x.gif")
    for value in ("-:5", "-5", "-1:"):
        code, out, err = cli(capsys, "render", "--steps", value, "--out", out_path)
        one_line_error(code, out, err, "steps: expected A:B or A:B:STRIDE", repr(value))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["name", "folder"])
def test_name_too_long_is_one_clear_line(capsys, tmp_path, where):
    long = "a" * 300
    out_path = tmp_path / (f"{long}.gif" if where == "name" else f"{long}/x.gif")
    code, out, err = cli(capsys, "render", "--out", str(out_path))
    one_line_error(code, out, err, "a file or folder name in it is too long")
    assert len(err) < 250
    code, out, err = cli(capsys, "run", "--scenario", long)
    one_line_error(code, out, err, "Unknown scenario", "(300 characters)")
    assert len(err) < 600


def test_a_name_close_to_the_limit_still_gets_a_temporary_file(tmp_path):
    """The temporary name beside a 250-byte name must not exceed the file system's limit."""
    from app.export import atomic_write_text

    target = tmp_path / ("b" * 245 + ".json")
    atomic_write_text(target, lambda out: out.write("{}"))
    assert target.read_text() == "{}"
    sc = scenarios.load("default")
    scenarios.save(sc, tmp_path / ("c" * 250 + ".toml"))
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_scenario_save_to_a_name_too_long_is_one_clear_line(tmp_path):
    with pytest.raises(scenarios.ScenarioError, match="too long for the file system"):
        scenarios.save(scenarios.load("default"), tmp_path / ("d" * 300 + ".toml"))


@pytest.mark.parametrize("old, new", [
    ('optimizer = "adam"', 'optimizer = "adam\\nx"'),
    ('optimizer = "adam"', 'optimizer = "adam"\nschedule = "\\n"'),
    ('name = "quadratic"', 'name = "quad\\r\\nratic"'),
    ("[run]", '[run]\n"step\\ns" = 3'),
    ("lr = 0.1", '"l\\nr" = 0.1'),
])
def test_names_with_line_breaks_stay_one_line(capsys, tmp_path, old, new):
    """Found by the fuzz test: a name or key holding a line break is shown escaped."""
    code, out, err = cli(capsys, "run", "--scenario", write(tmp_path, BASE.replace(old, new)))
    one_line_error(code, out, err, "\\n")
    code, out, err = cli(capsys, "run", "--scenario", str(tmp_path / "a\nb.toml"))
    one_line_error(code, out, err, "a\\nb.toml")
