"""Every registered optimizer through the window's consumers: its racer card (generated from its
Param specs), the add-racer menu, the analysis panel (its declared stability family), step mode's
narration and the maps tab's row parameter. One window serves the whole module (cheap)."""

from __future__ import annotations

import numpy as np
import pytest

from app import optimizers
from app.optimizers import ADAPTIVE
from app.scenario import Racer, Scenario
from app.ui.maps_view import HYPER, row_parameter

pytestmark = pytest.mark.filterwarnings("error")

NAMES = optimizers.names()


@pytest.fixture
def win(module_window):
    return module_window


@pytest.mark.parametrize("name", NAMES)
def test_every_consumer_in_the_window(win, name):
    spec = optimizers.spec(name)
    scenario = Scenario(surface="quadratic", surface_params={"lambda2": 4.0},
                        starts=((-1.5, 1.0),), steps=8,
                        racers=(Racer(name, {"lr": spec.defaults()["lr"]}),))
    assert win.set_scenario(scenario, autoplay=False)
    s = win.session
    assert s.runs[0] is not None and np.isfinite(s.runs[0].trajectories.points).all()
    # racer card: one field per declared hyperparameter, the declared summary
    card = win.controls.cards[0]
    assert list(card.form.fields) == [p.name for p in spec.params]
    assert card.summary.text() == spec.summary
    assert card.optimizer.currentData() == name
    # analysis panel: the declared family decides what it shows
    win.side_dock.show()
    win.side_tabs.setCurrentWidget(win.analysis_panel)
    s.set_step(3)
    win.analysis_panel.refresh()
    report = win.analysis_panel.report
    assert report is not None and report.family == spec.family(s.runs[0].racer.build()[0].hyper)
    assert win.analysis_panel.adaptive_box.isVisibleTo(win.analysis_panel) == (
        report.family == ADAPTIVE)
    assert win.analysis_panel.verdict_label.text()
    # step mode: the narration names the optimizer and shows its arithmetic
    mode = win.step_mode
    mode.set_enabled(True)
    s.set_step(2)
    text = mode.panel.plain_text()
    assert spec.title.lower() in text.lower() and "Step 2 → 3" in text
    mode.set_enabled(False)
    # the optimizer's own numbers: counts in the status bar, a second point drawn dashed
    s.set_step(3)
    extras = s.runs[0].trajectories.extras
    for r in spec.readouts:
        if r.kind == "count":
            assert f"{r.title} {int(extras[r.name][3, 0])}" in win.status.values.text()
        elif r.kind == "point":
            x, y = win.surface_view.racer_items[0].second.getData()
            assert np.allclose(x[:4], extras[r.name][:4, 0, 0])
    if not spec.readouts:
        x, _ = win.surface_view.racer_items[0].second.getData()
        assert x is None or len(x) == 0
    # maps: the row is the declared sweep of the optimizer the map runs
    param = row_parameter(name)
    target = optimizers.spec(spec.map_as or name)
    assert param == (target.sweeps[0].name if target.sweeps else None)
    request = win.maps_view.request(HYPER)
    assert request.optimizer == target.name


def test_add_racer_menu_lists_every_optimizer(win):
    titles = [a.text() for a in win.controls.add_button.menu().actions()]
    for name in NAMES:
        assert optimizers.spec(name).title in titles
