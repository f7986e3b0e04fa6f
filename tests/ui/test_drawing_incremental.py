"""Drawing is incremental (issue 23): an lr edit re-sets only the edited racer's items, a frame
of playback only the items that move; the heatmap, contour lines and legend stay as they are.
Proved by counting calls, and by comparing the pixels of an incrementally updated view with a
view built from scratch on the same state."""

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from app.ui.readouts import ReadoutsView
from app.ui.surface_view import SurfaceView


class Calls:
    """Counts calls of the methods ``name`` of ``items`` (the calls still happen)."""

    def __init__(self, monkeypatch, items, name: str):
        self.counts = [0] * len(items)
        for i, item in enumerate(items):
            original = getattr(item, name)

            def counted(*args, _i=i, _original=original, **kwargs):
                self.counts[_i] += 1
                return _original(*args, **kwargs)

            monkeypatch.setattr(item, name, counted)


class Placed:
    """Counts, per item of ``items``, the spots set or moved by surface_view's place_spots."""

    def __init__(self, monkeypatch, items):
        from app.ui import surface_view

        self.counts = [0] * len(items)
        original = surface_view.place_spots

        def counted(item, pos):
            for i, it in enumerate(items):
                if it is item:
                    self.counts[i] += 1
            return original(item, pos)

        monkeypatch.setattr(surface_view, "place_spots", counted)


def _edit_lr(qtbot, session, i: int, lr: float) -> None:
    with qtbot.waitSignal(session.runsChanged, timeout=10_000):
        session.update_racer(i, params={"lr": lr})


def test_an_lr_edit_sets_only_the_edited_racers_items(window, qtbot, monkeypatch):
    session, view, readouts = window.session, window.surface_view, window.readouts
    session.set_step(session.steps)
    n = len(view.racer_items)
    assert n == 3
    paths = Calls(monkeypatch, [r.path for r in view.racer_items], "setData")
    heads = Placed(monkeypatch, [r.heads for r in view.racer_items])
    loss = Calls(monkeypatch, readouts.loss_plot.curves, "setData")
    grad = Calls(monkeypatch, readouts.grad_plot.curves, "setData")
    image = Calls(monkeypatch, [view.image], "setImage")
    contours = Calls(monkeypatch, list(view.contours), "setData")
    legend_rebuilt = Calls(monkeypatch, [view.legend], "addItem")

    _edit_lr(qtbot, session, 1, 0.015)

    assert paths.counts == [0, 1, 0]
    assert heads.counts == [0, 1, 0]
    assert loss.counts == [0, 1, 0]
    assert grad.counts == [0, 1, 0]
    assert image.counts == [0] and sum(contours.counts) == 0
    assert legend_rebuilt.counts == [0]  # only the edited racer's label text changes
    assert view.legend.items[1][1].text == session.scenario.racers[1].display_label()


def test_a_playback_frame_moves_paths_and_heads_only(window, monkeypatch):
    session, view = window.session, window.surface_view
    session.set_step(10)
    items = view.racer_items
    moving = Calls(monkeypatch, [r.path for r in items], "setData")
    placed = Placed(monkeypatch, [r.heads for r in items])
    reset = Calls(monkeypatch, [r.heads for r in items], "setData")
    still = Calls(monkeypatch, [r.second for r in items] + [r.second_heads for r in items]
                  + [r.marks for r in items] + [view.blowups, view.minima, view.starts],
                  "setData")
    image = Calls(monkeypatch, [view.image], "setImage")
    contours = Calls(monkeypatch, list(view.contours), "setData")
    curves = Calls(monkeypatch, window.readouts.loss_plot.curves, "setData")

    for k in range(11, 31):
        session.set_step(k)

    assert moving.counts == [20] * len(moving.counts)
    assert placed.counts == [20] * len(items)
    assert reset.counts == [0] * len(items)  # the same one head each: moved, not re-added
    assert sum(still.counts) == 0  # empty items stay empty without being set again
    assert image.counts == [0] and sum(contours.counts) == 0 and sum(curves.counts) == 0
    # none of these optimizers has a second point or event marks: nothing left to paint
    assert not any(r.second.isVisible() or r.second_heads.isVisible() or r.marks.isVisible()
                   for r in items)
    assert not view.blowups.isVisible()


def test_a_playback_frame_computes_each_heads_rect_once(window, monkeypatch):
    """pyqtgraph recomputes a scatter's bounding rect (data bounds plus pixel padding) each
    time the scene asks, several times a frame; the heads compute it once a frame."""
    import pyqtgraph as pg

    from app.ui.plot_parts import SteadyScatter

    session, view = window.session, window.surface_view
    heads = [r.heads for r in view.racer_items]
    assert all(isinstance(h, SteadyScatter) for h in heads)
    session.set_step(10)
    window.repaint()
    computed = []
    original = pg.ScatterPlotItem.boundingRect

    def counted(self):
        computed.append(self)
        return original(self)

    monkeypatch.setattr(pg.ScatterPlotItem, "boundingRect", counted)
    frames = 10
    for k in range(11, 11 + frames):
        session.set_step(k)
        window.repaint()
        for h in heads:  # asked again: the kept rect, equal to a fresh computation
            assert h.boundingRect() == original(h)
    per_head = [sum(c is h for c in computed) for h in heads]
    assert per_head == [frames] * len(heads)  # one computation a frame, however often asked


def test_a_view_move_regrids_once_and_edits_keep_the_grid(window, qtbot, monkeypatch):
    session, view = window.session, window.surface_view
    grid = Calls(monkeypatch, [session.surface], "grid")
    _edit_lr(qtbot, session, 0, 0.05)
    session.set_step(7)
    assert grid.counts == [0]
    (x0, x1), (y0, y1) = session.window
    view.viewbox.setRange(xRange=(x0 - 1, x1 + 1), yRange=(y0, y1), padding=0)
    view._regrid_to_view()
    view._regrid_to_view()  # the same window again: cached
    assert grid.counts == [1]


def _pixels(widget) -> np.ndarray:
    image = widget.grab().toImage()
    ptr = image.constBits()
    return np.frombuffer(ptr, np.uint8).reshape(image.height(), image.bytesPerLine()).copy()


@pytest.mark.parametrize("scenario", ["default", "p1_divergence"])
def test_incremental_updates_draw_what_a_fresh_view_draws(window, qtbot, scenario):
    """Edits and playback applied item by item leave the same pixels as a view built from
    scratch on the final state (surface plot and readouts)."""
    assert window.load_scenario(scenario, autoplay=False)
    session = window.session
    for k in (5, 40, 17):
        session.set_step(k)
    _edit_lr(qtbot, session, 0, session.scenario.racers[0].params["lr"] * 0.8)
    with qtbot.waitSignal(session.runsChanged, timeout=10_000):
        session.update_racer(len(session.scenario.racers) - 1, enabled=False)
    session.set_step(23)
    for _ in range(3):
        QApplication.processEvents()

    fresh_view = SurfaceView(session)
    fresh_readouts = ReadoutsView(session)
    for fresh, shown in ((fresh_view, window.surface_view), (fresh_readouts, window.readouts)):
        qtbot.addWidget(fresh)
        fresh.resize(shown.size())
        fresh.show()
    qtbot.waitExposed(fresh_view)
    for _ in range(3):
        QApplication.processEvents()
    assert np.array_equal(_pixels(window.surface_view.plot_widget),
                          _pixels(fresh_view.plot_widget))
    for shown, fresh in ((window.readouts.loss_plot, fresh_readouts.loss_plot),
                         (window.readouts.grad_plot, fresh_readouts.grad_plot),
                         (window.readouts.phase_plot, fresh_readouts.phase_plot)):
        assert shown.getViewBox().viewRange() == fresh.getViewBox().viewRange()
        assert len(shown.curves) == len(fresh.curves)
        for a, b in zip(shown.curves, fresh.curves, strict=True):
            assert all(np.array_equal(u, v, equal_nan=True)
                       for u, v in zip(a.getData(), b.getData(), strict=True))
    np.testing.assert_array_equal(window.readouts.phase_plot.points(),
                                  fresh_readouts.phase_plot.points())  # the playhead's dots
    if scenario == "default":  # (elsewhere pyqtgraph keeps an axis as wide as its widest
        # labels so far: the same curves, shifted by a few pixels)
        assert np.array_equal(_pixels(window.readouts), _pixels(fresh_readouts))


def test_at_rest_an_edit_rasterizes_only_the_edited_racers_path(window, qtbot, monkeypatch):
    """While the playhead moves the paths are drawn directly; once it rests they are cached
    pictures, so an lr edit re-strokes one path and blits the others."""
    session, view = window.session, window.surface_view
    session.set_step(session.steps)
    assert not view.paths_cached  # just moved
    qtbot.waitUntil(lambda: view.paths_cached, timeout=5_000)
    viewport = view.plot_widget.viewport()
    viewport.repaint()  # fills the caches
    painted = Calls(monkeypatch, [r.path for r in view.racer_items], "paint")
    _edit_lr(qtbot, session, 2, 0.05)
    viewport.repaint()
    QApplication.processEvents()
    assert painted.counts[2] >= 1 and painted.counts[0] == painted.counts[1] == 0
    session.set_step(5)  # playback again: no caches to fill while the paths change
    assert not view.paths_cached
    assert all(r.path.cacheMode() == r.path.CacheMode.NoCache for r in view.racer_items)


def test_a_threaded_edit_keeps_the_old_path_until_the_new_one_arrives(threaded_window, qtbot,
                                                                        monkeypatch):
    """With the engine in a worker the edited racer has no run for a moment: its old path
    stays drawn (no flicker), the legend is not rebuilt and no other racer's curves are set
    (their paths only follow the playhead, which the session holds within the computed
    steps)."""
    w = threaded_window
    session, view = w.session, w.surface_view
    assert w.load_scenario("default", autoplay=False)
    qtbot.waitUntil(lambda: not session.computing, timeout=60_000)
    session.set_step(session.steps)
    paths = Calls(monkeypatch, [r.path for r in view.racer_items], "setData")
    loss = Calls(monkeypatch, w.readouts.loss_plot.curves, "setData")
    legend_rebuilt = Calls(monkeypatch, [view.legend], "addItem")
    seen, moves = [], []
    session.playheadChanged.connect(moves.append)
    session.runsChanged.connect(
        lambda: seen.append((session.runs[1] is None, view.path_data(1)[0].size)))
    session.update_racer(1, params={"lr": 0.015})
    assert session.runs[1] is None and session.computing  # the worker's run arrives later
    assert view.path_data(1)[0].size > 0  # ... the old path stays drawn meanwhile
    qtbot.waitUntil(lambda: not session.computing, timeout=60_000)
    # (the readouts' numbers follow in their own job)
    qtbot.waitUntil(lambda: not session.runner.busy(w.readouts._lane), timeout=10_000)
    assert seen and not seen[-1][0]  # the views were told when the run arrived
    assert all(size > 0 for _, size in seen)  # ... and the path never vanished meanwhile
    assert loss.counts[0] == loss.counts[2] == 0 and loss.counts[1] >= 1  # (partial, full)
    assert legend_rebuilt.counts == [0]
    assert paths.counts[0] == paths.counts[2] == len(moves)
