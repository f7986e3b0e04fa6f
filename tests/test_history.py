"""The undo history on the headless session model (no Qt): fed by the model's own events."""

from __future__ import annotations

from app.history import SessionHistory
from app.scenario import Racer, Scenario
from app.session import SessionModel

BASE = Scenario(starts=((1.0, 1.0),), steps=30, racers=(Racer("gd", {"lr": 0.05}),))


def test_session_history_undoes_the_models_edits():
    model = SessionModel(BASE)
    history = SessionHistory(model)
    changes = []
    history.changed.connect(lambda: changes.append(history.modified))
    model.add_start(0.5, 0.5)
    model.update_racer(0, params={"lr": 0.1})
    for x in (0.6, 0.7, 0.8):  # a drag: one step
        model.move_start(1, x, 0.5, debounce=True)
    after = model.scenario
    assert history.modified and changes[-1] is True
    assert history.undo_edit() and model.scenario.starts[1] == (0.5, 0.5)
    assert history.undo_edit() and model.scenario.racers[0].params["lr"] == 0.05
    assert history.undo_edit() and model.scenario == SessionModel(BASE).scenario
    assert not history.undo_edit() and not history.modified
    # the runs follow the restored scenario
    assert model.runs[0].trajectories.points.shape == (31, 1, 2)
    for _ in range(3):
        assert history.redo_edit()
    assert model.scenario == after and not history.redo_edit()
    history.saved()
    assert not history.modified
    model.set_scenario(Scenario(surface="rosenbrock", racers=(Racer("adam"),)))
    assert not history.can_undo and not history.modified  # a new scenario: a new history
