"""Does the lesson still describe the set-up on screen? (no Qt)

A lesson's text is written for one set-up: its surface and parameters, its racers (optimizer,
hyperparameters, schedule, noise), its start points and number of steps. Once the learner
changes any of these, the numbers the text quotes may no longer be what the screen shows. The
window then says so (title and lesson panel, :func:`stale_note`), and Save does not write the
old text into the file as if it described the new set-up (:func:`for_saving`).

What does not count: the view window, labels, colours, which racers are switched on, the file
name. Those change what is drawn, not what happens.

>>> from dataclasses import replace
>>> from app import scenario as S
>>> tour = S.load("default")
>>> described = setup_of(tour)
>>> changes(described, tour)
()
>>> changes(described, replace(tour, surface="rosenbrock", surface_params={}))
('surface',)
>>> for_saving(replace(tour, surface="rosenbrock"), described).lesson == S.Lesson()
True
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, NamedTuple

from app.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["Setup", "setup_of", "changes", "stale_note", "for_saving", "CHANGE_NAMES"]

#: what :func:`changes` can report, in the order it reports them, with the words the window uses
CHANGE_NAMES = {
    "surface": QT_TRANSLATE_NOOP("lesson_state", "the surface"),
    "surface_params": QT_TRANSLATE_NOOP("lesson_state", "the surface's parameters"),
    "racers": QT_TRANSLATE_NOOP("lesson_state", "the racers"),
    "optimizers": QT_TRANSLATE_NOOP("lesson_state", "the optimizers"),
    "hyperparameters": QT_TRANSLATE_NOOP("lesson_state", "the hyperparameters"),
    "schedules": QT_TRANSLATE_NOOP("lesson_state", "the lr schedules"),
    "noise": QT_TRANSLATE_NOOP("lesson_state", "the gradient noise"),
    "starts": QT_TRANSLATE_NOOP("lesson_state", "the start points"),
    "steps": QT_TRANSLATE_NOOP("lesson_state", "the number of steps"),
    "netlab": QT_TRANSLATE_NOOP("lesson_state", "the network lab's set-up"),
}


class Setup(NamedTuple):
    """The parts of a scenario its lesson describes."""

    surface: str
    surface_params: Any
    optimizers: tuple
    hyperparameters: tuple
    schedules: tuple
    noise: tuple
    starts: tuple
    steps: int
    netlab: Any


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


def setup_of(scenario) -> Setup:
    """What the lesson of ``scenario`` (an :class:`app.scenario.Scenario`) describes."""
    racers = scenario.racers
    return Setup(
        scenario.surface,
        _frozen(dict(scenario.surface_params)),
        tuple(r.optimizer for r in racers),
        tuple(_frozen(dict(r.params)) for r in racers),
        tuple((r.schedule, _frozen(dict(r.schedule_params))) for r in racers),
        (scenario.noise_sigma, scenario.noise_seed,
         tuple((r.noise_sigma, getattr(r, "batch_size", None)) for r in racers)),
        _frozen(scenario.starts),
        scenario.steps,
        _frozen(dict(scenario.netlab)) if scenario.netlab is not None else None,
    )


def changes(described: Setup | None, scenario) -> tuple[str, ...]:
    """What changed since the lesson's set-up (keys of :data:`CHANGE_NAMES`); ``()`` if
    nothing did or there is no lesson to go stale (``described`` None)."""
    if described is None or not _has_text(scenario.lesson):
        return ()
    now = setup_of(scenario)
    found = []
    per_racer = ("optimizers", "hyperparameters", "schedules")
    added_or_removed = len(now.optimizers) != len(described.optimizers)
    for key in CHANGE_NAMES:
        if key == "racers":
            if added_or_removed:
                found.append(key)
        elif key == "noise" and added_or_removed:  # the run's own noise only
            if now.noise[:2] != described.noise[:2]:
                found.append(key)
        elif not (added_or_removed and key in per_racer) and (getattr(now, key)
                                                              != getattr(described, key)):
            found.append(key)
    if "optimizers" in found and "hyperparameters" in found:
        found.remove("hyperparameters")  # a new optimizer brings its own
    for follows in ("surface_params", "starts"):  # a new surface brings its own
        if "surface" in found and follows in found:
            found.remove(follows)
    return tuple(found)


def _has_text(lesson) -> bool:
    return any((lesson.title, lesson.question, lesson.look_for, lesson.why))


def stale_note(found: tuple[str, ...]) -> str:
    """One sentence for the lesson panel ("" when the lesson still matches)."""
    if not found:
        return ""
    words = [translate("lesson_state", CHANGE_NAMES[k]) for k in found]
    what = words[0] if len(words) == 1 else (
        translate("lesson_state", ", ").join(words[:-1]) + translate("lesson_state", " and ")
        + words[-1])
    return translate(
        "lesson_state", "You changed {what}: this lesson describes its original set-up, so its "
                        "numbers may not match what you see now. Reopen it from the Lessons "
                        "menu to go back; Save writes your set-up without the lesson text.").format(
        what=what)


def for_saving(scenario, described: Setup | None):
    """The scenario as Save should write it: without the lesson text if the set-up no longer
    matches it (the lesson would describe something the file does not contain)."""
    if not changes(described, scenario):
        return scenario
    return replace(scenario, lesson=type(scenario.lesson)())
