"""What the optimizer zoo adds to the window: a racer's second path (schedule-free's evaluated
point, gradient descent beside the gradient flow) drawn dashed with the event marks, the
optimizer's own numbers in the status bar (Prodigy's d), and Lookahead's card whose fields
follow its inner optimizer."""

from __future__ import annotations

import numpy as np
import pytest

from app import viewmodel as vm
from app.engine import simulate
from app.optimizers import make, spec
from app.scenario import Racer, Scenario

pytestmark = pytest.mark.filterwarnings("error")


def _show(window, racers, steps=30, surface_params=None, starts=((-1.5, 1.0),)):
    scenario = Scenario(surface="quadratic",
                        surface_params=surface_params or {"lambda2": 4.0}, starts=starts,
                        steps=steps, racers=tuple(racers))
    assert window.set_scenario(scenario, autoplay=False)
    return window.session


def test_schedule_free_draws_its_evaluated_point_dashed(window):
    session = _show(window, [Racer("schedulefree_sgd", {"lr": 0.1})])
    run = session.runs[0].trajectories
    session.set_step(12)
    items = window.surface_view.racer_items[0]
    x, y = items.second.getData()
    np.testing.assert_array_equal(x, run.extras["x"][:13, 0, 0])
    np.testing.assert_array_equal(y, run.extras["x"][:13, 0, 1])
    heads = items.second_heads.getData()
    np.testing.assert_array_equal(np.column_stack(heads), run.extras["x"][12])
    assert not np.array_equal(run.extras["x"][12], run.points[12]), "x differs from y"
    labels = [label.text for _, label in window.surface_view.legend.items]
    assert any("evaluated point x" in text for text in labels)
    # a racer without a second point draws none
    session = _show(window, [Racer("adam", {"lr": 0.1})])
    assert window.surface_view.racer_items[0].second.getData()[0] is None or \
        len(window.surface_view.racer_items[0].second.getData()[0]) == 0


def test_gradient_flow_draws_gd_beside_it_and_marks_where_gd_departs(window):
    racer = Racer("gradient_flow", {"lr": 0.25, "departure_tolerance": 3.0})
    session = _show(window, [racer], steps=20, surface_params={"lambda2": 9.0, "angle": 0.0},
                    starts=((0.0, 1.0),))
    run = session.runs[0].trajectories
    k = int(run.extras["departed_at"][-1, 0])
    # along lambda = 9 with lr 0.25, h = 2.25 > 2: GD's swings grow as 1.25^k while the flow
    # settles; theory says at which step their gap passes 3 path lengths
    steps = np.arange(1, 21)
    theory = np.abs((1 - 2.25) ** steps - np.exp(-2.25 * steps)) / (1 - np.exp(-2.25 * steps))
    assert k == int(np.flatnonzero(theory > 3.0)[0]) + 1 > 1
    items = window.surface_view.racer_items[0]
    session.set_step(k - 1)
    assert len(items.marks.getData()[0]) == 0, "not marked before it happens"
    session.set_step(k + 2)
    marked = np.column_stack(items.marks.getData())
    np.testing.assert_array_equal(marked, run.extras["gd"][k, :1])
    gd_x, _ = items.second.getData()
    np.testing.assert_array_equal(gd_x, run.extras["gd"][:k + 3, 0, 0])
    assert f"departs from the flow at step {k}" in window.status.values.text()


def test_status_bar_shows_prodigys_d(window):
    session = _show(window, [Racer("prodigy", {})])
    session.set_step(10)
    d = session.runs[0].trajectories.extras["d"][10, 0]
    assert f"d (distance estimate) {vm.format_number(d)}" in window.status.values.text()


def test_lookahead_card_follows_its_inner_optimizer(window, qtbot):
    session = _show(window, [Racer("lookahead", {"optimizer": "adam", "lr": 0.01,
                                                  "la_alpha": 0.5})])
    card = window.controls.cards[0]
    assert {"optimizer", "la_steps", "la_alpha", "betas"} <= set(card.form.fields)
    card.form.fields["optimizer"].editor.setCurrentText("rmsprop")
    qtbot.waitUntil(lambda: session.scenario.racers[0].params.get("optimizer") == "rmsprop",
                    timeout=3000)
    qtbot.waitUntil(lambda: "centered" in window.controls.cards[0].form.fields, timeout=3000)
    card = window.controls.cards[0]
    assert "betas" not in card.form.fields
    assert list(card.form.fields) == [p.name for p in
                                      spec("lookahead").params_of({"optimizer": "rmsprop"})]
    racer = session.scenario.racers[0]
    assert racer.params == {"optimizer": "rmsprop", "lr": 0.01, "la_alpha": 0.5}
    qtbot.waitUntil(lambda: session.runs and session.runs[0] is not None
                    and session.runs[0].racer == racer, timeout=5000)
    expected = simulate(session.surface, make("lookahead", **racer.params),
                        np.array(session.scenario.starts), session.steps).points
    np.testing.assert_array_equal(session.runs[0].trajectories.points, expected)


def test_marks_and_texts_from_the_declared_readouts():
    paths = np.arange(2 * 5 * 2, dtype=float).reshape(2, 5, 2)
    np.testing.assert_array_equal(vm.marks_until(paths, np.array([3, -1]), 3), [paths[0, 3]])
    assert vm.marks_until(paths, np.array([3, -1]), 2).shape == (0, 2)
    import surfaces

    bowl = surfaces.get("quadratic", lambda1=1.0, lambda2=9.0)
    run = simulate(bowl, make("gradient_flow", lr=0.25, departure_tolerance=3.0), [[0, 1.0]], 8)
    readouts = spec("gradient_flow").readouts
    k = int(run.extras["departed_at"][-1, 0])
    assert vm.readout_texts(run, readouts, k - 1) == [
        f"|GD − flow| / path length {vm.format_number(run.extras['relative_gap'][k - 1, 0])}"]
    assert f"GD departs from the flow at step {k}" in vm.readout_texts(run, readouts, k)
