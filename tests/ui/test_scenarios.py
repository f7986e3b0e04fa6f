"""Built-in lessons open and render; save/load round trip; bad files leave the state alone."""

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog

from app import scenario as scenario_mod
from app.lesson_order import builtin_lessons


@pytest.mark.parametrize("name", scenario_mod.builtin_names())
def test_every_builtin_scenario_opens_and_renders(window, session, name, no_blocking_dialogs):
    assert name in window.lesson_actions
    window.lesson_actions[name].trigger()
    assert no_blocking_dialogs == []
    assert session.scenario == scenario_mod.load(name)
    view = window.surface_view
    lo, hi = view.image.getLevels()
    assert np.isfinite([lo, hi]).all() and hi > lo
    assert view.image.image is not None and np.isfinite(view.image.image).all()
    session.set_step(session.steps)
    for i, (racer, run) in enumerate(zip(session.scenario.racers, session.runs, strict=True)):
        if racer.enabled and session.scenario.starts:
            assert run is not None
            x, y = view.path_data(i)
            assert len(x) >= session.steps + 1 and np.isfinite(x).any()
    lesson = session.scenario.lesson
    if lesson.title:
        assert lesson.title in window.lesson_panel.text()
        assert lesson.title in window.windowTitle()
    window.repaint()


def _edit_a_lot(session):
    session.add_start(1.0, -2.0)
    session.update_racer(0, params={"lr": 0.05})
    session.add_racer("adam")
    session.update_racer(3, params={"betas": (0.8, 0.99)}, schedule="cosine")
    session.update_racer(3, schedule_params={"total_steps": 100, "warmup_steps": 10})
    session.update_racer(1, enabled=False, label="off")
    session.set_surface_params(angle=15.0)
    session.set_run(noise_sigma=0.1, noise_seed=3, steps=90)


def test_save_then_open_gives_the_same_scenario(window, session, tmp_path, monkeypatch):
    _edit_a_lot(session)
    path = tmp_path / "mine.toml"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(path), "Scenarios (*.toml)")))
    window.save_action.trigger()
    assert path.exists()
    # the edits changed the set-up the tour's lesson describes: saved without its text
    assert session.lesson_changes()
    saved = session.scenario.with_changes(lesson=scenario_mod.Lesson())
    assert saved.name == "mine"
    window.set_scenario(scenario_mod.load("default"), autoplay=False)
    assert session.scenario != saved
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(path), "Scenarios (*.toml)")))
    window.open_action.trigger()
    assert session.scenario == saved
    assert [r.params for r in session.scenario.racers] == [r.params for r in saved.racers]


def test_malformed_file_shows_error_and_keeps_state(window, session, tmp_path, monkeypatch,
                                                   no_blocking_dialogs):
    before, runs = session.scenario, session.runs
    bad = tmp_path / "bad.toml"
    bad.write_text("version = 1\n[surface\nname = 'quadratic'\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(bad), "")))
    window.open_action.trigger()
    assert no_blocking_dialogs and no_blocking_dialogs[-1][0] == "critical"
    assert "bad.toml" in no_blocking_dialogs[-1][2]
    assert session.scenario is before and session.runs is runs
    wrong = tmp_path / "wrong.toml"
    wrong.write_text("[surface]\nname = 'quadratic'\n[[racers]]\noptimizer = 'gd'\n"
                     "params = { lr = -1.0 }\n")
    assert not window.open_scenario(str(wrong))
    assert "Invalid learning rate" in no_blocking_dialogs[-1][2]
    assert session.scenario is before


def test_unwritable_save_path_shows_error(window, session, tmp_path, no_blocking_dialogs):
    before = session.scenario
    target = tmp_path / "no" / "such" / "dir" / "x.toml"
    assert not window.save_scenario(str(target))
    assert no_blocking_dialogs[-1][0] == "critical"
    assert str(target) in no_blocking_dialogs[-1][2]
    assert session.scenario is before


def test_lesson_gallery_lists_every_builtin(window):
    from app.ui.lesson_gallery import LessonGallery

    dialog = LessonGallery(window)
    names = [dialog.list.item(i).data(0x0100) for i in range(dialog.list.count())]
    assert sorted(names) == sorted(scenario_mod.builtin_names())
    assert names == [n for n, _ in builtin_lessons()]  # the one lesson order (P1 ... P10)
    assert list(window.lesson_actions) == names  # the Lessons menu: the same order
    dialog.list.setCurrentRow(0)
    dialog.accept()
    assert dialog.chosen == names[0]


def test_per_racer_noise_is_part_of_the_cache_key(qtbot):
    """P3 races full-batch GD against its noisy twin: same optimizer, params and schedule,
    different noise, so the two racers must get different runs."""
    import numpy as np

    from app import scenario as scenario_mod
    from app.ui.session import Session

    sc = scenario_mod.load("p3_sgd_noise")
    session = Session(sc)
    session.recompute()
    runs = [r for r in session.runs if r is not None]
    expected = {sc.label_of(r.racer): r.trajectories for r in sc.simulate()}
    assert len(runs) == len(expected) >= 2
    for run in runs:
        np.testing.assert_array_equal(run.trajectories.points,
                                      expected[sc.label_of(run.racer)].points)
    sigmas = {sc.label_of(r.racer): (r.noise.sigma if r.noise else 0.0) for r in runs}
    assert len(set(sigmas.values())) >= 2


def test_a_changed_set_up_marks_the_lesson_and_save_leaves_its_text_out(window, session,
                                                                        tmp_path):
    """Issue 19: after switching the tour's surface the title and the lesson panel say the
    set-up no longer matches, and Save does not write the valley's text into the file."""
    window.set_scenario(scenario_mod.load("default"), autoplay=False)
    lesson = session.scenario.lesson
    assert session.lesson_changes() == ()
    assert "set-up changed" not in window.windowTitle()
    assert "You changed" not in window.lesson_panel.text()
    kept = tmp_path / "same.toml"
    assert window.save_scenario(str(kept))
    assert scenario_mod.load(kept).lesson == lesson  # unchanged: the lesson is saved

    session.set_surface("rosenbrock")
    assert session.lesson_changes() == ("surface",)
    assert "(set-up changed)" in window.windowTitle()
    assert "You changed the surface" in window.lesson_panel.text()
    assert lesson.title in window.lesson_panel.text()  # still readable, marked
    changed = tmp_path / "mine.toml"
    assert window.save_scenario(str(changed))
    text = changed.read_text()
    assert "[lesson]" not in text and lesson.look_for not in text
    assert scenario_mod.load(changed).surface == "rosenbrock"

    # an optimizer switch counts too; reopening the lesson clears the mark
    window.set_scenario(scenario_mod.load("default"), autoplay=False)
    session.update_racer(0, optimizer="adam")
    assert session.lesson_changes() == ("optimizers",)
    assert "the optimizers" in window.lesson_panel.text()
    window.set_scenario(scenario_mod.load("default"), autoplay=False)
    assert "You changed" not in window.lesson_panel.text()
