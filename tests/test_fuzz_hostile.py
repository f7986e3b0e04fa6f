"""Fuzzing the command line and scenario text (issue 15) with hypothesis.

Every generated input either works (exit 0, nothing on stderr) or is refused the one way the CLI
refuses: exit 2 with exactly one line ``descent-lab: error: ...`` on stderr, no traceback, no
warning. Time is bounded by the mechanisms under test (size, nesting and dotted-key limits
checked before parsing; the 2D output cap; the network lab's budget; small ``--steps``), not by
a clock: hypothesis deadlines are off. The examples are derandomized, so the suite is stable.
"""

from __future__ import annotations

import tomllib
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app import scenario as scenarios
from app.cli import main

FUZZ = settings(max_examples=120, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])


def run_cli(capsys, argv: list[str]) -> str:
    """``main(argv)`` in-process; any exception, warning, or a second line fails the test.
    Returns stderr."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            code = main(argv)
        except SystemExit as done:  # --help or --version printed (argparse's exit)
            code = done.code
    out, err = capsys.readouterr()
    if code == 0:
        assert err == "", err
    else:
        assert code == 2, (argv, code, err)
        assert out == "" and err.startswith("descent-lab: error: "), (argv, err)
        assert err.count("\n") == 1 and "Traceback" not in err, (argv, err)
        assert len(err) < 2000, (argv, len(err))
    return err


# ---------------------------------------------------------------------------------------------
# Scenario text: a valid file with hostile values, keys and fragments put in
# ---------------------------------------------------------------------------------------------
HOSTILE_SCALARS = st.one_of(
    st.sampled_from(['"0.1"', '"yes"', '"1"', '""', "true", "false", "1", "0", "-1", "1.5",
                     "1e308", "-1e308", "inf", "-inf", "nan", "0x" + "f" * 300, "9" * 5000,
                     "1979-05-27", "07:32:00", "[]", "{}", "[1, 2, 3]", "[[1, 2]]",
                     "[0.9, 0.999]", '"0.9,0.999"', "{ name = 1 }", '"' + "x" * 10_000 + '"',
                     '"٣"', '"１"', "[" * 40 + "]" * 40, "{a=" * 40 + "1" + "}" * 40]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.text(max_size=20).map(lambda s: scenarios._toml_string(s)),
)
#: (table path, key) pairs of a scenario; a value put there replaces or adds that key
SLOTS = [("", "version"), ("lesson", "title"), ("surface", "name"), ("surface.params", "lambda1"),
         ("surface.params", "angle"), ("surface", "window"), ("run", "steps"), ("run", "starts"),
         ("run", "noise_sigma"), ("run", "noise_seed"), ("racers", "optimizer"),
         ("racers", "label"), ("racers", "color"), ("racers", "enabled"),
         ("racers", "noise_sigma"), ("racers.params", "lr"), ("racers.params", "betas"),
         ("racers.params", "amsgrad"), ("racers.params", "weight_decay"),
         ("racers.schedule", "name"), ("racers.schedule", "gamma"), ("racers", "unknown"),
         ("netlab", "dataset"), ("netlab", "hidden"), ("netlab", "n_samples"),
         ("netlab", "standardize"), ("netlab", "steps"), ("netlab", "sharpness_every"),
         ("netlab", "trajectory_points"), ("netlab", "batch_size"),
         ("netlab.optimizer_params", "lr"), ("netlab", "activation"), ("netlab", "unknown")]
FRAGMENTS = st.sampled_from([
    "[" * 5000, "x = " + "[" * 5000 + "]" * 5000, "[" + ".".join("a" * 5000) + "]",
    ".".join("a" * 5000) + " = 1", "[[racers]]", "[[racers]]\n" * 100, "[surface]", "[run]",
    "= = =", '"""', "'''", "\x00", "\ufeff", "\\", "a = 1\na = 2", "[netlab]\n[netlab]",
    "key = \"unterminated", "# comment [[[[", "\r\n", "[run]\nsteps = 1000000\nstarts = "
    "[[1, 1], [2, 2]]", "[netlab]\nhidden = [512, 190]\ntrajectory_points = 100000",
])


def _base(netlab: bool) -> dict:
    base = {
        "version": 1,
        "surface": {"name": "quadratic", "params": {"lambda1": 1.0, "lambda2": 4.0}},
        "run": {"steps": 3, "starts": [[1.0, -1.0]], "noise_sigma": 0.0, "noise_seed": 0},
        "racers": [{"optimizer": "adam", "params": {"lr": 0.1},
                    "schedule": {"name": "step", "step_size": 2}}],
    }
    if netlab:
        base["netlab"] = {"dataset": "circles", "n_samples": 20, "hidden": [4], "steps": 2,
                          "sharpness_every": 1, "optimizer_params": {"lr": 0.1}}
    return base


def _text(data: dict, puts: list[tuple[str, str, str]]) -> str:
    """``data`` as TOML, with raw values ``puts`` written into the named tables."""
    lines = []

    def table(header: str, path: str, values: dict) -> None:
        lines.append(header)
        extra = {k: v for p, k, v in puts if p == path}
        for key, value in values.items():
            if isinstance(value, dict):
                inner = {k: v for p, k, v in puts if p == f"{path}.{key}"}
                body = [f"{k} = {scenarios._toml_value(v)}" for k, v in value.items()
                        if k not in inner] + [f"{k} = {v}" for k, v in inner.items()]
                lines.append(f"{key} = {{ {', '.join(body)} }}")
            elif key not in extra:
                lines.append(f"{key} = {scenarios._toml_value(value)}")
        lines.extend(f"{k} = {v}" for k, v in extra.items())

    top = {k: v for k, v in data.items() if not isinstance(v, dict | list)}
    table("", "", top)
    for name in ("lesson", "surface", "run", "netlab"):
        if name in data or any(p == name for p, _, _ in puts):
            table(f"[{name}]", name, data.get(name, {}))
    for racer in data["racers"]:
        table("[[racers]]", "racers", racer)
    return "\n".join(lines) + "\n"


@st.composite
def scenario_texts(draw) -> str:
    netlab = draw(st.booleans())
    data = _base(netlab)
    puts = draw(st.lists(st.tuples(st.sampled_from(SLOTS), HOSTILE_SCALARS), max_size=3))
    puts = [(p, k, v) for (p, k), v in puts if netlab or not p.startswith("netlab")]
    text = _text(data, puts)
    if draw(st.booleans()):  # a raw fragment somewhere
        lines = text.split("\n")
        at = draw(st.integers(0, len(lines)))
        lines.insert(at, draw(FRAGMENTS))
        text = "\n".join(lines)
    return text


def test_the_generator_makes_valid_files_too():
    """Without hostile puts the generated text is a valid scenario (so the fuzz starts from one
    and the failures it finds come from what it put in)."""
    for netlab in (False, True):
        text = _text(_base(netlab), [])
        tomllib.loads(text)
        scenarios.loads(text)


@FUZZ
@given(text=scenario_texts())
def test_fuzz_scenario_files(capsys, tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "s.toml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    run_cli(capsys, ["run", "--scenario", str(path)])


# ---------------------------------------------------------------------------------------------
# Command-line arguments
# ---------------------------------------------------------------------------------------------
NUMBERS = ["1", "2", "0", "-1", "-:5", "1e3", "1e400", "-inf", "nan", "٣", "１", "²", "1_0",
           "", " ", "9" * 5000, "0x10", "1,1", "-1.5,2", "1,", ",", "１,1", "inf,1", "a=b",
           "x" * 300]
OPTIONS = {
    "run": {"--surface": ["quadratic", "rosenbrock", "no_such", "", "x" * 300],
            "--surface-param": ["lambda1=2", "lambda1=٢", "lambda1=", "=1", "nope=1",
                                "lambda1=1e999", "angle=nan"],
            "--optimizer": ["gd", "adam", "nope", ""],
            "--lr": NUMBERS, "--param": ["amsgrad=yes", "amsgrad=2", "betas=0.9,0.999",
                                         "betas=٠.٩,0.9", "momentum=0.9", "lr=0.1", "x"],
            "--schedule": ["step", "cosine", "nope"],
            "--schedule-param": ["gamma=0.5", "gamma=", "step_size=1.5"],
            "--start": NUMBERS, "--steps": NUMBERS, "--noise": NUMBERS, "--seed": NUMBERS,
            "--format": ["json", "csv", "xml"],
            "--scenario": ["default", "netlab_p1_seed000_lr1e-4", "nope", "", "/dev/zero",
                           "/dev/null", "/", "x" * 300, "a" * 300 + ".toml", "no/such.toml"]},
    "analyze": {"--surface": ["quadratic", "nope"], "--point": NUMBERS, "--lr": NUMBERS,
                "--momentum": NUMBERS, "--eps-step": NUMBERS, "--indent": NUMBERS,
                "--surface-param": ["lambda2=20", "lambda2=x"]},
    "render": {"--scenario": ["nope", "/dev/zero", "", "x" * 300],
               "--out": ["x.jpg", "", "no/such/x.gif", "a" * 300 + ".gif", "b" * 300 + "/x.png"],
               "--fps": NUMBERS, "--size": ["64x64", "٦٤x64", "0x0", "99999999x1", "x", ""],
               "--steps": NUMBERS},
    "list": {},
}


@st.composite
def command_lines(draw) -> list[str]:
    command = draw(st.sampled_from(sorted(OPTIONS)))
    if command == "list":
        return ["list", *draw(st.lists(st.sampled_from(
            ["surfaces", "optimizers", "schedules", "scenarios", "nope", "-x", "--help"]),
            max_size=2))]
    options = OPTIONS[command]
    argv = [command]
    for option in draw(st.lists(st.sampled_from(sorted(options)), max_size=6)):
        argv += [option, draw(st.sampled_from(options[option]))]
    if command == "run" and "--steps" not in argv:
        argv += ["--steps", "2"]  # a valid run stays small
    return argv


@FUZZ
@given(argv=command_lines())
def test_fuzz_command_lines(capsys, argv):
    if argv[0] == "render" and "--out" not in argv:
        argv += ["--out", "x.jpg"]  # every render output here is refused before drawing
    run_cli(capsys, argv)


@pytest.mark.parametrize("argv", [
    ["run", "--steps", "-:5"], ["render", "--steps", "-:5", "--out", "x.gif"],
    ["run", "--start", "-inf,1"], ["analyze", "--point", "-1,2", "--surface", "nope"],
])
def test_values_that_start_with_a_dash_are_values(capsys, argv):
    assert "expected one argument" not in run_cli(capsys, argv)
