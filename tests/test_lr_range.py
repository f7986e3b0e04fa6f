"""The learning-rate range test (issue 22, item 2): fastai's smoothing and suggestions, and the
theory line 2 / lambda_max, on 2D surfaces, a network and the command line."""

from __future__ import annotations

import json

import numpy as np
import pytest

import surfaces
from app import scenario as S
from app import schedules
from app.analysis import lr_range as L
from app.cli import main


def test_smoothing_is_fastais_bias_corrected_average():
    loss = [3.0, 1.0, 2.0]
    b = 0.9
    a1 = (1 - b) * 3.0
    a2 = b * a1 + (1 - b) * 1.0
    a3 = b * a2 + (1 - b) * 2.0
    np.testing.assert_allclose(L.smooth(loss, b), [a1 / (1 - b), a2 / (1 - b**2),
                                                   a3 / (1 - b**3)], rtol=1e-15)


def test_steepest_is_the_fastest_fall_against_log_lr():
    lrs = np.geomspace(1e-5, 1.0, 61)
    # a sigmoid step in log(lr) centred at 1e-2: steepest there
    loss = 1.0 - 1.0 / (1.0 + np.exp(-4.0 * (np.log10(lrs) + 2.0)))
    found = L.steepest(lrs, loss)
    assert abs(np.log10(found) + 2.0) <= 1 / 12  # within one grid step (12 per decade)


def test_valley_follows_fastais_index_rule():
    # after trimming the first tenth (2 of 25) and the last 5: 18 points falling from index 3
    loss = np.concatenate([[5.0, 5.0, 5.0, 5.0, 5.0], np.linspace(4.9, 1.0, 15),
                           [2.0, 3.0, 4.0, 5.0, 6.0]])
    lrs = np.geomspace(1e-4, 1.0, len(loss))
    trimmed = loss[2:-5]
    assert len(trimmed) == 18
    # longest decreasing run: a 5.0 then the 15 falling points -> lds[end] = 16 at trimmed
    # index 17, start = 17 - 16 = 1; sections = 16 / 3; index = 1 + 5 + 2 = 8
    assert L.valley(lrs, loss) == lrs[2 + 8]


def test_lr_sweep_schedule_goes_from_lr_to_lr_times_end_factor():
    s = schedules.make("lr_sweep", total_steps=5, end_factor=1e4)
    np.testing.assert_allclose(s(np.arange(6)), [1, 10, 100, 1e3, 1e4, 1e4], rtol=1e-12)


def test_on_a_bowl_the_loss_falls_until_the_theory_line_and_blows_up_after_it():
    bowl = surfaces.get("quadratic", lambda1=1, lambda2=20)
    r = L.lr_range_test(bowl, "gd", (1.0, 1.0), lr_min=1e-4, lr_max=10.0, steps=100)
    assert r.lambda_max == pytest.approx(20.0) and r.theory == pytest.approx(0.1)
    # below 1 / lambda_max no coordinate overshoots: every step lowers the loss
    calm = r.lrs < 1.0 / r.lambda_max
    assert calm.sum() > 30 and np.all(np.diff(r.loss[calm]) < 0)
    # the sweep stops (smoothed loss 4x its best) only past the stability limit
    assert r.stopped == "loss" and r.lrs[-1] > r.theory
    # fastai's suggestions are on the falling part, below the limit
    assert r.steepest < r.theory and r.valley < r.theory
    assert r.lrs[0] == pytest.approx(1e-4)
    np.testing.assert_allclose(np.diff(np.log(r.lrs)), np.log(1e5) / 99, rtol=1e-9)


def test_a_diverging_sweep_stops_at_the_blow_up():
    s = surfaces.get("quadratic", lambda1=1, lambda2=20)  # blown up: a loss above 1e12
    r = L.lr_range_test(s, "gd", (1.0, 1.0), lr_min=1e-4, lr_max=100.0, steps=100,
                        stop_factor=1e300)
    assert r.stopped == "diverged" and np.isfinite(r.loss).all()
    assert r.lrs[-1] > r.theory  # it blew up only beyond 2 / lambda_max


def test_network_lab_sweep_measures_the_sharpness_at_the_start():
    from app.netlab.train import build, sharpness

    config = S.load("netlab_p1_seed000").net_config()
    r = L.lr_range_netlab(config, lr_min=1e-6, lr_max=1.0, steps=60)
    model, data, targets, w0, *_ = build(config)
    assert r.lambda_max == pytest.approx(sharpness(model, w0, data.X, targets).lambda_max,
                                         rel=1e-6)
    # seed 000: lr 1e-4 trains and 1e-3 blows up; 2 / lambda_max lies between them
    assert 1e-4 < r.theory < 1e-3
    assert r.stopped in ("loss", "diverged") and r.lrs[-1] > r.theory
    assert r.steepest < r.theory


def test_cli_lr_range_json(capsys):
    assert main(["analyze", "--lr-range", "--surface", "quadratic", "--surface-param",
                 "lambda2=20", "--point", "1,1", "--lr-min", "1e-4", "--steps", "80"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"lrs", "loss", "smoothed", "suggestions", "lambda_max", "theory_lr",
                         "stopped", "start_loss"}
    assert data["theory_lr"] == pytest.approx(0.1)
    assert set(data["suggestions"]) == {"steepest", "valley"}
    assert main(["analyze", "--lr-range", "--scenario", "p1_divergence", "--steps", "50"]) == 0
    assert json.loads(capsys.readouterr().out)["theory_lr"] == pytest.approx(0.1)
    assert main(["analyze", "--lr-range", "--surface", "quadratic", "--point", "1,1",
                 "--lr-min", "1", "--lr-max", "0.1"]) == 2
    assert "Invalid lr range" in capsys.readouterr().err
    assert main(["analyze", "--lr-range", "--surface", "quadratic", "--point", "1,1",
                 "--optimizer", "nope"]) == 2
    assert "nope" in capsys.readouterr().err
