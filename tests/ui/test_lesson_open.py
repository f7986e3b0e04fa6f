"""Opening a lesson keeps the window free (issue 14): proved by the mechanism, never a clock.
The surface's picture (grid, colours, contour lines) is computed in a job's thread; the racer
cards are reused when the racers' kinds match and built one per event-loop turn otherwise; a
superseded build is dropped."""

import threading

import numpy as np
import pytest

import surfaces.base
from app import picture
from app import viewmodel as vm

WAIT_MS = 60_000  # a generous limit for a worker to hand something over; never a speed claim


@pytest.fixture
def numeric_threads(monkeypatch):
    """The thread of every call that makes the surface's picture (sampling, colours, levels,
    contour lines)."""
    calls: list[tuple[str, int]] = []

    def spy(owner, name):
        original = getattr(owner, name)

        def wrapped(*args, **kwargs):
            calls.append((name, threading.get_ident()))
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, wrapped)

    spy(surfaces.base.Surface, "grid")
    for name in ("color_scale", "focused_levels", "contour_lines"):
        spy(vm, name)
    return calls


def _picture_shown(view, session) -> bool:
    target = view._grid_target
    return (view._picture_wanted is None and target is not None
            and target[0] is session.surface)


def test_opening_a_lesson_makes_its_picture_in_a_job_thread(threaded_window, qtbot,
                                                            numeric_threads):
    w = threaded_window
    view, s = w.surface_view, w.session
    qtbot.waitUntil(lambda: _picture_shown(view, s), timeout=WAIT_MS)
    numeric_threads.clear()
    old_image = view.image.image
    assert w.open_lesson("p9_vanishing")
    # open_lesson returned: the old picture is still shown, the new one is being computed
    assert view.image.image is old_image and view._picture_wanted is not None
    qtbot.waitUntil(lambda: _picture_shown(view, s) and not s.computing, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view._picture_wanted is None, timeout=WAIT_MS)
    names = {name for name, _ in numeric_threads}
    assert {"grid", "color_scale", "contour_lines"} <= names
    gui = threading.get_ident()
    assert all(thread != gui for _, thread in numeric_threads)
    # what arrived is the picture of the lesson's surface, focused on its runs' losses
    expected = picture.surface_picture(s.surface, view.grid_size, view._grid_window, None,
                                       [r.trajectories.loss for r in s.runs if r is not None],
                                       15)
    np.testing.assert_array_equal(view.image.image, expected.scale.image)
    assert [level for level, _ in view.contour_data] == [level for level, _ in expected.lines]


def test_a_superseded_picture_is_never_shown(threaded_window, qtbot):
    w = threaded_window
    view, s = w.surface_view, w.session
    shown = []
    original = view._show_picture
    view._show_picture = lambda target, pic: (shown.append(target[0]), original(target, pic))
    assert w.open_lesson("p9_vanishing")
    left_behind = s.surface
    assert w.open_lesson("p1_divergence")  # before the first picture arrived
    qtbot.waitUntil(lambda: _picture_shown(view, s) and not s.computing, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: view._picture_wanted is None, timeout=WAIT_MS)
    assert shown and all(surface is s.surface for surface in shown)
    assert left_behind not in shown  # P9's picture was computed for nothing, never shown
    assert view._grid_target[0] is s.surface
    xs, ys, _ = s.surface.grid(view.grid_size, view._grid_window)
    np.testing.assert_array_equal(view._grid_data[0], xs)
    np.testing.assert_array_equal(view._grid_data[1], ys)


def test_the_picture_is_refocused_only_when_the_visited_range_moves():
    from app.scenario import load

    s = load("p1_divergence")
    surface = s.build_surface()
    window = s.view_window(surface)
    first = picture.surface_picture(surface, 64, window, None, [np.array([[1.0, 0.5]])], 15)
    assert first is not None
    same = picture.surface_picture(surface, 64, window, first.grid,
                                   [np.array([[1.0, 0.5]])], 15, first.key)
    assert same is None  # the shown picture is still right: nothing recomputed
    lo, hi = first.grid.base_range
    moved = picture.surface_picture(surface, 64, window, first.grid,
                                    [np.array([[hi]])], 15, first.key)
    assert moved is not None and moved.grid is first.grid and moved.key != first.key


def _racers(*kinds):
    from app.scenario import PALETTE, Racer

    return tuple(Racer(k, {"lr": lr}, color=PALETTE[i % len(PALETTE)])
                 for i, (k, lr) in enumerate(kinds))


def _settle(qtbot, w):
    qtbot.waitUntil(lambda: not w.controls.building(), timeout=WAIT_MS)


def test_cards_of_racers_of_the_same_kind_are_reused(threaded_window, qtbot, monkeypatch):
    from app.scenario import load

    w = threaded_window
    base = load("default")
    assert w.set_scenario(base.with_changes(racers=_racers(("gd", 0.01), ("adam", 0.1))),
                          autoplay=False)
    _settle(qtbot, w)
    cards, built = list(w.controls.cards), w.controls.cards_built
    curves = []
    original = vm.lr_curve
    monkeypatch.setattr(vm, "lr_curve", lambda *a: curves.append(a) or original(*a))
    assert w.set_scenario(base.with_changes(racers=_racers(("gd", 0.03), ("adam", 0.2))),
                          autoplay=False)
    # the panel syncs on several of the model's events: each sparkline is computed once
    assert sorted(r.params["lr"] for r, _ in curves) == [0.03, 0.2]
    assert not w.controls.building()
    assert all(a is b for a, b in zip(w.controls.cards, cards, strict=True))
    assert w.controls.cards_built == built  # not one widget of a card made again
    assert [c.form.fields["lr"].value for c in w.controls.cards] == [0.03, 0.2]
    # a different kind at one place: only that card is built again
    assert w.set_scenario(base.with_changes(racers=_racers(("gd", 0.03), ("momentum", 0.01))),
                          autoplay=False)
    _settle(qtbot, w)
    assert w.controls.cards[0] is cards[0] and w.controls.cards[1] is not cards[1]
    assert w.controls.cards_built == built + 1
    assert w.controls.cards[1].kind[0] == "momentum"


def test_cards_are_built_one_per_event_loop_turn(threaded_window, qtbot):
    from PySide6.QtCore import QTimer

    from app.scenario import load

    w = threaded_window
    _settle(qtbot, w)
    panel = w.controls
    built, turns = panel.cards_built, panel._idle.turns
    four = _racers(("adagrad", 0.5), ("momentum", 0.01), ("rmsprop", 0.01), ("nadam", 0.1))
    assert w.set_scenario(load("default").with_changes(racers=four), autoplay=False)
    assert panel.cards_built == built and panel.building() == 4  # none built in the call
    seen = []
    QTimer.singleShot(0, lambda: seen.append(panel.cards_built - built))  # another event
    _settle(qtbot, w)
    assert panel.cards_built - built == 4 and panel._idle.turns - turns >= 4
    assert seen and seen[0] < 4  # the loop ran other events between the cards
    assert [c.kind[0] for c in panel.cards] == ["adagrad", "momentum", "rmsprop", "nadam"]
    assert [c.index for c in panel.cards] == [0, 1, 2, 3]


def test_a_superseded_card_build_is_dropped(threaded_window, qtbot):
    from app.scenario import load

    w = threaded_window
    base = load("default")
    first = _racers(("gd", 0.01))
    assert w.set_scenario(base.with_changes(racers=first), autoplay=False)
    _settle(qtbot, w)
    panel = w.controls
    cards, built = list(panel.cards), panel.cards_built
    four = _racers(("momentum", 0.01), ("rmsprop", 0.01), ("adam", 0.1), ("nadam", 0.1))
    assert w.set_scenario(base.with_changes(racers=four), autoplay=False)
    assert panel.building() == 4
    assert w.set_scenario(base.with_changes(racers=_racers(("gd", 0.05))), autoplay=False)
    assert panel.building() == 0  # the four cards of the lesson left behind are never built
    qtbot.wait(50)
    assert panel.cards_built == built and panel.cards == cards
    assert panel.cards[0].isEnabled() and panel.cards[0].form.fields["lr"].value == 0.05


def test_the_window_takes_the_interpreter_lock_back_within_a_millisecond(window):
    import sys

    from app.ui import main_window

    # a worker thread (the engine) yields the lock to the window's thread at least this often
    assert sys.getswitchinterval() <= main_window.GIL_SWITCH_SECONDS


def test_opening_a_lesson_lays_out_its_text_once(window, monkeypatch):
    panel = window.lesson_panel
    pages = []
    original = panel.browser.setHtml
    monkeypatch.setattr(panel.browser, "setHtml", lambda html: (pages.append(html),
                                                                original(html)))
    assert window.open_lesson("p4_stall")
    assert len(pages) == 1 and "P4" in panel.text()
    assert window.open_lesson("p4_stall")  # the same page again: nothing to lay out
    assert len(pages) == 1


def test_the_lessons_menu_reads_the_lesson_files_once(window, monkeypatch):
    from app import scenario as scenario_mod
    from app.ui import lesson_gallery

    monkeypatch.setattr(lesson_gallery, "_builtin", None)
    reads = []
    original = scenario_mod.load
    monkeypatch.setattr(scenario_mod, "load", lambda name: reads.append(name) or original(name))
    window._fill_lessons_menu()  # as when the menu opens
    first = len(reads)
    assert first == len(scenario_mod.builtin_names())
    window._fill_lessons_menu()  # opened again: the actions are made again, no file is read
    assert len(reads) == first and len(window.lesson_actions) == first


def test_another_surface_familys_form_is_built_in_a_later_turn(threaded_window, qtbot):
    import surfaces

    w = threaded_window
    section = w.controls.surface_section
    old = section.form
    family = next(n for n in surfaces.names() if n != w.session.scenario.surface)
    w.session.set_surface(family)
    assert section.building() and section.form is old and not old.isEnabled()
    qtbot.waitUntil(lambda: not section.building(), timeout=WAIT_MS)
    assert section.form is not old and section.form.isEnabled()
    assert list(section.form.fields) == [p.name for p in surfaces.family(family).PARAMS]
    kept = section.form
    w.session.set_surface_params(**{})  # same family: the form stays and shows the values
    assert not section.building() and section.form is kept
