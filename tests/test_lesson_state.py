"""Whether a lesson still describes the set-up (app.lesson_state): what counts as a change."""

from __future__ import annotations

import doctest
from dataclasses import replace

import pytest

from app import lesson_state
from app import scenario as S


def test_docstring_examples():
    assert doctest.testmod(lesson_state).failed == 0


@pytest.fixture
def tour():
    return S.load("default")


@pytest.mark.parametrize("edit, expected", [
    (lambda s: replace(s, surface_params={**s.surface_params, "lambda2": 1000.0}),
     ("surface_params",)),
    (lambda s: replace(s, racers=(replace(s.racers[0], params={"lr": 0.05}), *s.racers[1:])),
     ("hyperparameters",)),
    (lambda s: replace(s, racers=(replace(s.racers[0], optimizer="adam", params={}),
                                  *s.racers[1:])), ("optimizers",)),
    (lambda s: replace(s, racers=s.racers[:2]), ("racers",)),
    (lambda s: replace(s, starts=((1.0, 1.0),)), ("starts",)),
    (lambda s: replace(s, steps=10, noise_sigma=0.5), ("noise", "steps")),
    (lambda s: replace(s, racers=(replace(s.racers[0], schedule="inverse_sqrt"),
                                  *s.racers[1:])), ("schedules",)),
])
def test_what_the_lesson_describes_counts(tour, edit, expected):
    assert lesson_state.changes(lesson_state.setup_of(tour), edit(tour)) == expected


def test_cosmetic_edits_do_not_count(tour):
    described = lesson_state.setup_of(tour)
    cosmetic = replace(tour, window=((-1.0, 1.0), (-1.0, 1.0)), name="mine",
                       racers=tuple(replace(r, label="x" * (i + 1), color=S.PALETTE[5],
                                            enabled=False) for i, r in enumerate(tour.racers)))
    assert lesson_state.changes(described, cosmetic) == ()
    assert lesson_state.for_saving(cosmetic, described) is cosmetic


def test_no_lesson_no_note_and_the_note_names_the_changes(tour):
    described = lesson_state.setup_of(tour)
    bare = replace(tour, lesson=S.Lesson(), surface="rosenbrock")
    assert lesson_state.changes(described, bare) == ()
    assert lesson_state.changes(None, replace(tour, surface="rosenbrock")) == ()
    assert lesson_state.stale_note(()) == ""
    note = lesson_state.stale_note(("surface", "optimizers"))
    assert "the surface and the optimizers" in note


def test_saving_a_changed_set_up_drops_the_lesson_text(tour):
    described = lesson_state.setup_of(tour)
    changed = replace(tour, surface="rosenbrock", surface_params={})
    saved = S.loads(S.dumps(lesson_state.for_saving(changed, described)), "x.toml")
    assert saved.lesson == S.Lesson() and saved.surface == "rosenbrock"
    assert "[lesson]" not in S.dumps(lesson_state.for_saving(changed, described))
