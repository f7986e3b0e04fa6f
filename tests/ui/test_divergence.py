"""A diverging run: badge 'diverged at step k' (k from the engine), no warnings, responsive."""

import warnings

import numpy as np
import pytest

from app import optimizers
from app.engine import simulate
from app.scenario import Racer, Scenario


def test_diverging_gd_shows_badge_and_stays_responsive(window, session, qtbot):
    scenario = Scenario(surface="quadratic", surface_params={"lambda1": 1.0, "lambda2": 20.0},
                        starts=((-2.5, 1.5),), steps=120,
                        racers=(Racer("gd", {"lr": 0.12}, label="GD, lr 0.12"),
                                Racer("gd", {"lr": 0.01}, label="GD, lr 0.01",
                                      color="#56B4E9")))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert window.set_scenario(scenario, autoplay=False)
        expected = simulate(session.surface, optimizers.make("gd", lr=0.12), [[-2.5, 1.5]], 120)
        k = int(expected.diverged_at[0])
        assert k > 0
        assert session.diverged_at(0) == k and session.diverged_at(1) == -1

        session.set_step(k - 1)
        assert not window.surface_view.badge.isVisible()
        session.set_step(session.steps)
        badge = window.surface_view.badge
        assert badge.isVisible()
        assert f"diverged at step {k}" in badge.text()
        assert "GD, lr 0.12" in badge.text()
        assert f"diverged at step {k}" in window.status.diverged.text()
        # the diagnosis: where the growth began and the curvature it implies (lambda_max 20)
        diagnosis = session.diagnosis(0)
        assert diagnosis.onset_step == 0  # the loss grows from the first step (x 1.96)
        assert diagnosis.implied_lambda_max == pytest.approx(20.0, rel=0.01)
        assert diagnosis.text() in window.status.diverged.toolTip()
        assert "blow-up began at step 0" in window.status.diverged.text()
        assert diagnosis.text() in badge.toolTip()
        assert session.diagnosis(1) is None
        # the path is drawn up to the blow-up (frozen there), every drawn number finite
        x, y = window.surface_view.path_data(0)
        assert np.isfinite(x).all() and np.isfinite(y).all()
        np.testing.assert_array_equal(x[:k], expected.points[:k, 0, 0])
        assert np.asarray(window.surface_view.blowups.getData()[0]).size == 1
        for curve in window.readouts.curves[0] + window.readouts.curves[1]:
            assert np.isfinite(curve.getData()[1]).sum() > 10
        window.repaint()

        # still responsive: another action succeeds
        window.controls.cards[0].form.fields["lr"].set_text("0.05")
        qtbot.waitUntil(lambda: session.scenario.racers[0].params["lr"] == 0.05, timeout=2000)
        qtbot.waitUntil(lambda: session.diverged_at(0) == -1, timeout=2000)
        assert not window.surface_view.badge.isVisible()
        session.add_start(1.0, -1.0)
        assert session.runs[0].trajectories.n == 2


def test_huge_blowup_is_drawn_without_trouble(window, session):
    # lr far beyond the limit: the run leaves the window by many orders of magnitude
    scenario = Scenario(surface="quadratic", surface_params={"lambda2": 20.0},
                        starts=((1.0, 1.0),), steps=50,
                        racers=(Racer("gd", {"lr": 5.0}),))
    assert window.set_scenario(scenario, autoplay=False)
    session.set_step(50)
    window.repaint()
    assert window.surface_view.badge.isVisible()
    x, y = window.surface_view.path_data(0)
    assert np.isfinite(x).all() and np.isfinite(y).all()
