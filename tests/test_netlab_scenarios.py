"""Network-lab scenarios: the [netlab] table, the built-in lessons (in numbers), the CLI."""

from __future__ import annotations

import csv
import io
import json
import math

import numpy as np
import pytest

from app import scenario as S
from app.cli import main
from app.netlab import NetConfig, accuracy, run_dict, train
from app.netlab.scenario import config_table, netlab_scenario, run_report, with_overrides
from app.netlab.viewdata import Recorder, decision_field, readout_arrays

NETLAB = [n for n in S.builtin_names() if n.startswith("netlab_")]

ONLY_NET = """
[lesson]
title = "A network alone"
[netlab]
dataset = "circles"
hidden = [4]
optimizer = "adam"
optimizer_params = { lr = 0.01, betas = [0.8, 0.99] }
schedule = { name = "cosine", total_steps = 30 }
steps = 30
"""


def cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seed000():
    return train(S.load("netlab_p1_seed000").net_config())


# ---------------------------------------------------------------------------------------------
# The format
# ---------------------------------------------------------------------------------------------
def test_there_are_netlab_lessons_for_p1_and_p9():
    assert {"netlab_p1_seed000", "netlab_p1_seed000_lr1e-4", "netlab_p9_sigmoid_plateau",
            "netlab_p9_elu"} <= set(NETLAB)


@pytest.mark.parametrize("name", NETLAB)
def test_every_netlab_scenario_loads_validates_and_round_trips(name):
    sc = S.load(name)
    assert sc.name == name and sc.validate(name) is sc
    assert isinstance(sc.net_config(), NetConfig)
    again = S.loads(S.dumps(sc), str(S.resolve(name)))
    assert again == sc and again.net_config() == sc.net_config()
    assert S.dumps(again) == S.dumps(sc)
    lesson = sc.lesson
    assert all(getattr(lesson, f).strip() for f in ("tag", "title", "question", "look_for",
                                                    "why"))
    assert lesson.question.rstrip().endswith("?")
    assert "[netlab]" in S.dumps(sc)


def test_a_network_only_file_needs_no_surface_and_round_trips():
    sc = S.loads(ONLY_NET, "only.toml")
    cfg = sc.net_config()
    assert cfg.hidden == (4,) and cfg.optimizer == "adam" and cfg.schedule == "cosine"
    assert cfg.optimizer_params["betas"] == [0.8, 0.99]
    assert not sc.has_2d_setup() and sc.starts == ()
    text = S.dumps(sc)
    assert "[surface]" not in text and "[[racers]]" not in text and "[run]" not in text
    assert S.loads(text, "only.toml") == sc
    assert S.loads(S.dumps(sc.with_changes(steps=50)), "only.toml").steps == 50


def test_programmatic_netlab_tables_round_trip_tuples_as_lists():
    cfg = NetConfig(hidden=(8, 8), optimizer="adam", optimizer_params={"betas": (0.5, 0.9)})
    sc = netlab_scenario(cfg, S.Lesson(title="mine"), name="mine")
    assert sc.netlab == {"hidden": [8, 8], "optimizer": "adam",
                         "optimizer_params": {"betas": [0.5, 0.9]}}
    assert S.loads(S.dumps(sc), "mine.toml") == sc
    assert sc.net_config() == NetConfig.from_dict(json.loads(json.dumps(cfg.to_dict())))
    assert config_table(cfg, full=True) == cfg.to_dict()


@pytest.mark.parametrize("text, fragment", [
    ("[netlab]\nlearning_rate = 0.1\n", "bad.toml: netlab.learning_rate: unknown key"),
    ("[netlab]\nhidden = 'big'\n", "bad.toml: netlab.hidden: expected a list"),
    ("[netlab]\noptimizer_params = { lr = -1.0 }\n",
     "bad.toml: netlab.optimizer_params: optimizer 'gd': Invalid learning rate"),
    ("[netlab]\nbatch_size = 500\nn_samples = 100\n", "bad.toml: netlab.batch_size"),
    ("netlab = 3\n", "bad.toml: netlab: expected a table"),
    ("[lesson]\ntitle = 'no set-up'\n", "bad.toml: surface: missing"),
    ("[surface]\nname = 'quadratic'\n", "bad.toml: racers: expected at least one"),
])
def test_bad_netlab_files_name_the_file_and_key(text, fragment):
    with pytest.raises(S.ScenarioError) as err:
        S.loads(text, "bad.toml")
    assert fragment in str(err.value)


def test_2d_scenarios_keep_no_netlab_table():
    sc = S.load("default")
    assert sc.netlab is None and sc.net_config() is None and sc.has_2d_setup()
    assert "netlab" not in S.dumps(sc)


# ---------------------------------------------------------------------------------------------
# The built-in lessons show what they say, in numbers
# ---------------------------------------------------------------------------------------------
def test_seed000_blows_up_within_a_few_steps(seed000):
    run = seed000
    lr = run.config.optimizer_params["lr"]
    assert lr == 1e-3 and not run.config.standardize
    assert 1e3 < run.loss[0] < 1e4  # "from thousands"
    assert run.diverged_at == 4
    assert run.loss[3] > 1e8 and not run.diverged_loss <= 1e12  # past 1e12 (or inf/NaN)
    # the lesson's numbers: 3,324 -> 52,042 -> 11,579 -> 196,106,138, then past 10^25
    assert [round(v) for v in run.loss[:4]] == [3324, 52042, 11579, 196106138]
    assert run.diverged_loss > 1e25
    assert round(run.sharpness[0] * lr, 1) == 9.6 and round(2 / lr) == 2000
    assert run.sharpness[0] * lr > 2  # lambda_max above 2 / lr from the start
    assert run.sharpness[0] == pytest.approx(9620, rel=1e-3)
    assert np.all(np.diff(run.sharpness_steps) == 1)  # measured every step
    assert list(run.weight_steps) == [0, 1, 2, 3]  # the whole path is on the landscape


def test_seed000_diagnosis_reads_lambda_max_from_the_loss_growth(seed000):
    """The lesson: growth about 60-fold per step from step 0 implies lambda_max about 8,800
    (|1 - lr lambda| = sqrt(r)), close to the sharpness measured at the onset."""
    d = seed000.diagnosis()
    assert d.onset_step == 0
    assert round(d.growth_per_step, -1) == 60
    assert round(d.implied_lambda_max, -2) == 8800
    assert d.implied_lambda_max == pytest.approx((1 + math.sqrt(d.growth_per_step)) / 1e-3)
    assert 0.8 < d.implied_lambda_max / seed000.sharpness[d.onset_step] < 1.2
    data = seed000.to_dict()["diagnosis"]
    assert data["onset_step"] == 0 and data["max_stable_lr"] == pytest.approx(
        2 / d.implied_lambda_max)
    assert json.loads(json.dumps(data)) == data


def test_seed000_with_lr_1e4_trains_below_the_stability_limit():
    run = train(S.load("netlab_p1_seed000_lr1e-4").net_config())
    assert not run.diverged
    assert run.loss[3] < 200 < run.loss[0] / 10 and run.loss[-1] < 160
    assert np.all(run.sharpness * 1e-4 < 2)
    assert 0.95 < run.sharpness.min() * 1e-4 and run.sharpness.max() * 1e-4 < 1.25
    # "from 3,324 to 196 within 3 steps ... 155 after 300 steps"; lambda_max "rising slowly from
    # 9,620 to about 12,000", "between 0.96 and 1.2" times lr
    assert (round(run.loss[0]), round(run.loss[3]), round(run.loss[300])) == (3324, 196, 155)
    assert round(run.sharpness[0], -1) == 9620 and round(run.sharpness.max(), -3) == 12000
    assert round(run.sharpness.min() * 1e-4, 2) == 0.96 and round(run.sharpness.max() * 1e-4,
                                                                  1) == 1.2


def test_sigmoid_network_sits_on_a_plateau_then_escapes():
    run = train(S.load("netlab_p9_sigmoid_plateau").net_config())
    plateau = slice(50, 501)
    assert np.all(np.abs(run.loss[plateau] - math.log(2)) < 0.01)
    assert np.all(run.grad_norm[plateau] < 0.01)
    assert run.loss[-1] < 0.3 and accuracy(run) > 0.85
    assert np.all(run.sharpness[run.sharpness_steps <= 500] < 2)
    # the lesson's numbers: on ln 2 for more than 500 steps with |g| about 0.004, then down to
    # 0.26; lambda_max about 1.6 against 2 / lr = 4
    left = 20 + int(np.argmax(np.abs(run.loss[20:] - math.log(2)) >= 0.01))
    assert left > 500 and round(float(np.mean(run.grad_norm[50:500])), 3) == 0.004
    assert round(run.loss[-1], 2) == 0.26
    assert round(float(run.sharpness[0]), 1) == 1.6 and 2 / run.config.optimizer_params["lr"] == 4


def test_the_same_network_with_elu_has_no_plateau():
    run = train(S.load("netlab_p9_elu").net_config())
    assert run.loss[100] < 0.3 and run.loss[300] < 0.01
    assert (round(run.loss[0], 3), round(run.loss[100], 2)) == (0.697, 0.27)  # the text's
    assert accuracy(run) == 1.0


# ---------------------------------------------------------------------------------------------
# Training with progress and Stop (what the GUI's worker does)
# ---------------------------------------------------------------------------------------------
def test_on_step_sees_every_recorded_step_and_can_stop_a_run():
    cfg = NetConfig(hidden=(4,), steps=25, sharpness_every=5)
    seen = []
    run = train(cfg, on_step=lambda t, loss, g, lam: seen.append((t, loss, g, lam)))
    assert [s[0] for s in seen] == list(range(26))
    np.testing.assert_array_equal([s[1] for s in seen], run.loss)
    np.testing.assert_array_equal([s[2] for s in seen], run.grad_norm)
    lam = np.array([s[3] for s in seen])
    np.testing.assert_array_equal(lam[run.sharpness_steps], run.sharpness)
    assert np.isnan(np.delete(lam, run.sharpness_steps)).all()

    reports = []
    rec = Recorder(cfg.steps, reports.append, reports=cfg.steps + 1)  # a report every step

    class Stop(Exception):
        pass

    def check():  # a job's cancellation check: the user pressed Stop after step 9
        if rec.step >= 9:
            raise Stop

    with pytest.raises(Stop):
        train(cfg, on_step=rec, check=check)
    assert rec.step == 9 and len(reports) == 10
    last = reports[-1]
    np.testing.assert_array_equal(last.loss[0], np.arange(10))
    np.testing.assert_array_equal(last.loss[1], run.loss[:10])
    np.testing.assert_array_equal(last.sharpness[0], [0, 5])


def test_readouts_stop_at_the_last_good_step(seed000):
    a = readout_arrays(seed000)
    np.testing.assert_array_equal(a["loss"], seed000.loss[:4])
    np.testing.assert_array_equal(a["limit"], 2.0 / seed000.lr)


def test_decision_field_is_the_models_prediction():
    run = train(NetConfig(hidden=(8,), steps=20, sharpness_every=0))
    xs, ys, field = decision_field(run, run.final_weights, ((-1, 2), (-1, 1.5)), n=11)
    P = np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)
    expected = run.model.predict(run.final_weights, P)[:, 0].reshape(11, 11)
    np.testing.assert_allclose(field, expected)


# ---------------------------------------------------------------------------------------------
# descent-lab run --scenario netlab_...
# ---------------------------------------------------------------------------------------------
def test_cli_prints_run_dict_of_a_netlab_scenario(capsys, seed000):
    code, out, err = cli(capsys, "run", "--scenario", "netlab_p1_seed000")
    assert (code, err) == (0, "")
    data = json.loads(out)
    expected = run_dict(S.load("netlab_p1_seed000").net_config())
    for key in ("loss", "grad_norm", "sharpness", "lr", "diverged_at"):
        assert data[key] == expected[key], key
    assert data["scenario"] == "netlab_p1_seed000"
    assert data["diverged_at"] == seed000.diverged_at == 4
    assert len(data["loss"]) == len(data["grad_norm"]) == len(data["sharpness"]) == 301
    assert len(data["lr"]) == 300 and data["diverged_loss"] is None or \
        data["diverged_loss"] > 1e12


def test_cli_null_where_sharpness_not_measured_and_overrides(capsys, tmp_path):
    path = tmp_path / "only.toml"
    path.write_text(ONLY_NET)
    code, out, _ = cli(capsys, "run", "--scenario", str(path), "--steps", "12",
                       "--noise", "0.01", "--seed", "3")
    assert code == 0
    data = json.loads(out)
    sc = with_overrides(S.load(path), steps=12, noise_sigma=0.01, noise_seed=3)
    assert data == run_report(sc)
    assert data["config"]["steps"] == 12 and data["config"]["noise_seed"] == 3
    assert data["sharpness"][1] is None and data["sharpness"][10] is not None

    code, out, _ = cli(capsys, "run", "--scenario", str(path), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["step", "loss", "grad_norm", "sharpness", "sharpness_converged", "lr",
                       "diverged_at"]
    assert len(rows) == 1 + 31 and rows[-1][5] == "" and rows[2][3] == rows[2][4] == ""
    assert rows[1][4] == "true" and rows[-1][6] == ""  # trained: no diverged_at

    code, out, err = cli(capsys, "run", "--scenario", str(path), "--start", "1,1")
    assert code == 2 and "--start does not apply" in err
    code, out, err = cli(capsys, "run", "--scenario", str(path), "--steps", "2000000")
    assert code == 2 and "netlab.steps" in err
