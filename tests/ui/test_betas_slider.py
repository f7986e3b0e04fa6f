"""A slider per beta (issue 18's live scrubbing of a beta): each item of a betas tuple has its
own slider on a log scale of ``1 - beta``; dragging one changes that beta of the racer through
the session, and the run follows."""

import math

import numpy as np
import pytest

from app.engine import simulate
from app.optimizers import spec
from app.ui.param_fields import SLIDER_TICKS, DecaySliderRange


def _adam_card(window, qtbot):
    card = window.controls.cards[0]
    card.optimizer.activated.emit(card.optimizer.findData("adam"))
    qtbot.waitUntil(lambda: window.session.scenario.racers[0].optimizer == "adam", timeout=2000)
    return window.controls.cards[0]


def test_the_decay_scale_spans_zero_to_0_9999_evenly_in_log_of_one_minus_beta():
    r = DecaySliderRange()
    assert r.to_value(0) == 0.0 and r.to_value(SLIDER_TICKS) == 0.9999
    # 0, 0.9, 0.99, 0.999 and 0.9999 are a quarter of the slider apart
    assert [r.to_tick(b) for b in (0.0, 0.9, 0.99, 0.999, 0.9999)] == [
        round(k * SLIDER_TICKS / 4) for k in range(5)]
    assert all(r.to_tick(r.to_value(t)) == t for t in range(SLIDER_TICKS + 1))
    assert all(0.0 <= r.to_value(t) < 1.0 for t in range(SLIDER_TICKS + 1))
    # only tuples of rates in [0, 1) get item sliders
    params = {p.name: p for p in spec("adam").params + spec("rprop").params}
    assert DecaySliderRange.for_param(params["betas"]) is not None
    assert DecaySliderRange.for_param(params["etas"]) is None
    assert DecaySliderRange.for_param(params["lr"]) is None


def test_dragging_the_beta1_slider_changes_beta1_and_the_run(window, qtbot):
    session = window.session
    field = _adam_card(window, qtbot).form.fields["betas"]
    assert len(field.sliders) == 2 and field.slider is None
    beta2 = session.scenario.racers[0].params.get("betas", (0.9, 0.999))[1]
    r = field.item_range
    assert [s.value() for s in field.sliders] == [r.to_tick(0.9), r.to_tick(beta2)]
    tick = r.to_tick(0.5)
    field.sliders[0].setValue(tick)
    beta1 = r.to_value(tick)
    assert beta1 == pytest.approx(0.5, abs=0.002) and beta1 != 0.5  # where the tick is
    qtbot.waitUntil(lambda: not session.recompute_pending(), timeout=2000)
    racer = session.scenario.racers[0]
    assert list(racer.params["betas"]) == [beta1, beta2]
    assert field.editor.text() == f"{beta1:g}, {beta2:g}"
    assert field.sliders[1].value() == r.to_tick(beta2)  # the other beta stays
    opt, sched = racer.build()
    assert opt.hyper["betas"] == (beta1, beta2)
    expected = simulate(session.surface, opt, np.array(session.scenario.starts), session.steps,
                        sched, session.scenario.noise()).points
    np.testing.assert_array_equal(session.runs[0].trajectories.points, expected)


def test_typing_betas_moves_the_sliders_and_a_bad_value_moves_nothing(window, qtbot):
    session = window.session
    field = _adam_card(window, qtbot).form.fields["betas"]
    field.set_text("0.8, 0.99")
    qtbot.waitUntil(lambda: list(session.scenario.racers[0].params.get("betas", ())) ==
                    [0.8, 0.99], timeout=2000)
    r = field.item_range
    assert [s.value() for s in field.sliders] == [r.to_tick(0.8), r.to_tick(0.99)]
    assert r.to_tick(0.99) == SLIDER_TICKS // 2
    before = [s.value() for s in field.sliders]
    field.set_text("0.8, 1")  # beta2 must stay below 1
    assert field.has_error() and [s.value() for s in field.sliders] == before
    assert math.isclose(session.scenario.racers[0].params["betas"][1], 0.99)


def test_a_held_slider_sends_its_newest_position_once_a_frame(window, qtbot):
    """A fast drag: the first position goes on at once, the ones that follow within a frame
    are replaced by the newest, which goes on when the frame ends; the release sends the last
    one. Each edit the session gets is a value the slider showed."""
    session = window.session
    field = window.controls.cards[0].form.fields["lr"]
    sent = []
    field.committed.connect(lambda name, value: sent.append(value))
    slider = field.slider
    start = slider.value()
    slider.setSliderDown(True)
    for k in range(1, 11):  # ten mouse events before the event loop runs again
        slider.setValue(start - 10 * k)
    first = field.range.to_value(start - 10)
    assert sent == [first] and session.scenario.racers[0].params["lr"] == first
    qtbot.waitUntil(lambda: len(sent) == 2, timeout=2000)  # the frame ended
    assert sent[1] == field.range.to_value(start - 100)
    slider.setValue(start - 110)
    slider.setValue(start - 120)
    slider.setSliderDown(False)  # the release does not wait for the frame
    assert sent[2:] == [field.range.to_value(start - 120)]
    assert session.scenario.racers[0].params["lr"] == sent[-1]
    assert field.editor.text() == f"{sent[-1]:g}"
    slider.setValue(start)  # not held: every position goes on
    assert sent[-1] == field.range.to_value(start) and len(sent) == 4
