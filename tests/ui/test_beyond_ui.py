"""Issue 22 in the window: the batch-size control and the noise ellipses (P3)."""

from __future__ import annotations

import numpy as np

from app.analysis.minibatch import batch_covariance, ellipse


def test_batch_size_control_appears_on_finite_sums_and_sets_the_racer(window, session):
    window.load_scenario("p3_minibatch", autoplay=False)
    cards = window.controls.cards
    assert [c.batch_size.value() for c in cards] == [0, 8, 1]  # 0 is shown as "full"
    assert not any(c.batch_row.isHidden() for c in cards)
    assert cards[0].batch_size.maximum() == session.surface.n_examples == 64
    cards[0].batch_size.setValue(16)
    assert session.scenario.racers[0].batch_size == 16
    assert session.runs[0].batch.batch_size == 16
    cards[0].batch_size.setValue(0)
    assert session.scenario.racers[0].batch_size is None and session.runs[0].batch is None
    session.set_surface("quadratic")  # no examples: the control goes, the racers take g
    assert all(c.batch_row.isHidden() for c in window.controls.cards)
    assert all(r.batch_size is None for r in session.scenario.racers)


def test_noise_ellipse_follows_the_playhead_and_the_selection(window, session):
    window.load_scenario("p3_minibatch", autoplay=False)
    overlay = window.noise_overlay
    session.select(0)  # full batch: nothing to draw
    assert overlay.shown is None and not overlay.step_curve.isVisible()
    session.select(2)  # batch 1
    session.set_step(30)
    run = session.runs[2]
    p = run.trajectories.points[30, 0]
    lr = run.racer.params["lr"]
    expected = ellipse(p - lr * session.surface.grad(p),
                       lr * lr * batch_covariance(session.surface, p, 1))
    np.testing.assert_allclose(overlay.shown[:-1], expected, rtol=1e-12)
    x, y = overlay.step_curve.getData()
    np.testing.assert_allclose(x[:-1], expected[:, 0])
    assert overlay.cloud_curve.isVisible()  # plain SGD: the stationary cloud at the minimum
    cx, cy = overlay.cloud_curve.getData()
    np.testing.assert_allclose([cx.mean(), cy.mean()], session.surface.solution, atol=0.05)
    session.set_step(31)
    assert not np.allclose(overlay.shown[:-1], expected)
