"""Racer labels are templates filled in from the current hyperparameters (app.labels): the
legend, the status bar and every export say the numbers the racer runs with now."""

from __future__ import annotations

import doctest
import json
from dataclasses import replace

import pytest

from app import labels, report
from app import scenario as S
from app.scenario import Racer


def test_docstring_examples():
    assert doctest.testmod(labels).failed == 0


def test_issue_examples_stay_true_after_an_edit():
    # p1_divergence's second racer at lr 0.05: lr * lambda_max = 1.0, not 2.4
    sc = S.load("p1_divergence")
    surface = sc.build_surface()
    racer = sc.racers[1]
    assert sc.label_of(racer, surface) == "GD, lr 0.12 (lr * lambda_max = 2.4)"
    slower = replace(racer, params={"lr": 0.05})
    assert sc.label_of(slower, surface) == "GD, lr 0.05 (lr * lambda_max = 1.0)"
    # the Tour's momentum 0.8 -> 0.95
    tour = S.load("default")
    mom = replace(tour.racers[1], params={**tour.racers[1].params, "momentum": 0.95})
    assert tour.label_of(mom) == "Momentum 0.95, lr 0.02"
    # P6's eta 0.3 -> 0.1
    p6 = S.load("p6_burst")
    assert p6.label_of(replace(p6.racers[0], params={"lr": 0.1})).endswith("eta 0.1")
    # a GD card switched to Adam (the window resets the label): the same style
    assert replace(tour.racers[0], optimizer="adam", label="").display_label() == "Adam, lr 0.09"
    # a template naming a parameter the new optimizer lacks falls back to the default
    assert replace(mom, optimizer="adam", params={"lr": 0.02}).display_label() == "Adam, lr 0.02"


def test_p3_labels_show_each_racers_own_noise():
    sc = S.load("p3_sgd_noise")
    shown = [sc.label_of(r) for r in sc.racers]
    assert shown == ["GD, lr 0.05, noise 0", "GD, lr 0.05, noise 2", "GD, lr 0.01, noise 2"]
    louder = replace(sc.racers[1], noise_sigma=0.5)
    assert sc.label_of(louder) == "GD, lr 0.05, noise 0.5"


def test_hand_typed_labels_stay_as_typed_and_templates_are_saved():
    typed = Racer("gd", {"lr": 0.05}, label="GD, lr 0.09 (my note)")
    assert replace(typed, params={"lr": 0.5}).display_label() == "GD, lr 0.09 (my note)"
    assert Racer("gd", label="a {brace").display_label() == "a {brace"
    assert not labels.is_template("plain") and labels.is_template("{lr}")
    assert labels.is_template("")
    sc = S.load("p1_divergence")
    text = S.dumps(sc)
    assert 'label = "{optimizer}, lr {lr} (lr * lambda_max = {lr_lambda_max})"' in text
    assert S.loads(text, "x.toml").racers == sc.racers


def test_fields_needing_the_surface_fall_back_without_it():
    racer = S.load("p1_divergence").racers[1]
    assert racer.display_label() == "GD, lr 0.12"  # no lambda_max known: no made-up number
    assert racer.display_label(lambda_max=20.0) == "GD, lr 0.12 (lr * lambda_max = 2.4)"


def test_every_builtin_label_renders_every_field():
    for name in S.builtin_names():
        sc = S.load(name)
        surface = sc.build_surface()
        for racer in sc.racers:
            shown = sc.label_of(racer, surface)
            assert "{" not in shown and "}" not in shown, (name, shown)
            if labels.is_template(racer.label):
                assert labels.fields(racer.label), (name, racer.label)


def test_exports_carry_the_current_numbers():
    sc = S.load("p1_divergence")
    edited = replace(sc, racers=(sc.racers[0], replace(sc.racers[1], params={"lr": 0.05})))
    surface = edited.build_surface()
    data = json.loads(report.to_json(report.build(surface, edited.simulate(surface))))
    assert [r["label"] for r in data["racers"]] == [
        "GD, lr 0.01 (lr * lambda_max = 0.2)", "GD, lr 0.05 (lr * lambda_max = 1.0)"]
    import io
    out = io.StringIO()
    report.write_csv(edited.simulate(surface), out, surface)
    assert "GD, lr 0.05 (lr * lambda_max = 1.0)" in out.getvalue()
    assert "2.4" not in out.getvalue().split("\n")[-2]


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam", "lbfgs", "lookahead"])
def test_default_label_for_every_kind(optimizer):
    shown = Racer(optimizer).display_label()
    assert shown.startswith(S.optimizers.spec(optimizer).short_name)
    assert "{" not in shown


def test_lecture_figures_carry_the_current_labels_and_no_stale_lesson_title():
    from app import figures, lesson_state

    sc = S.load("p1_divergence")
    described = lesson_state.setup_of(sc)
    edited = replace(sc, racers=(sc.racers[0], replace(sc.racers[1], params={"lr": 0.05})))
    svg = figures.to_svg(figures.scenario_figure(edited))
    assert "GD, lr 0.05 (lr * lambda_max = 1.0)" in svg and "= 2.4" not in svg
    noisy = S.load("p3_sgd_noise")
    svg = figures.to_svg(figures.scenario_figure(noisy))
    assert "GD, lr 0.05, noise 2" in svg and "GD, lr 0.05, noise 0" in svg
    # what the window exports after a change: the lesson's title is not the figure's
    changed = lesson_state.for_saving(replace(sc, surface="rosenbrock", surface_params={}),
                                      described)
    assert sc.lesson.title not in figures.to_svg(figures.scenario_figure(changed))
