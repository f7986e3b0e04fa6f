"""The readouts' numbers off the window's thread (app/readout_data.py): curves thinned to the
pixels keep every bucket's extremes (readouts) and every cell change (phase), and a layout
computed incrementally equals one computed afresh."""

import numpy as np
import pytest

from app import viewmodel as vm
from app.readout_data import (
    Readout,
    envelope,
    phase_kept,
    readouts_layout,
    resolution,
    thin_phase,
)


def _paths(n=3, s=1000, seed=0):
    rng = np.random.default_rng(seed)
    y = np.cumsum(rng.normal(size=(n, s)), axis=1)
    y[1, 100:130] = np.nan  # a gap (e.g. values a log axis cannot show)
    y[2, 400:] = np.nan  # a run that diverged at step 400
    return y


def test_the_envelope_keeps_each_buckets_smallest_and_largest_value_in_step_order():
    y = _paths()
    x_thin, y_thin = envelope(y, 50)  # 1000 steps in 50 buckets of 20
    xs, ys = x_thin.reshape(3, -1), y_thin.reshape(3, -1)
    assert xs.shape == (3, 101) and np.isnan(xs[:, -1]).all()  # 2 per bucket + the separator
    for p in range(3):
        for b in range(50):
            chunk = y[p, 20 * b: 20 * b + 20]
            kept_x, kept_y = xs[p, 2 * b: 2 * b + 2], ys[p, 2 * b: 2 * b + 2]
            if np.isnan(chunk).all():
                assert np.isnan(kept_y).all()  # a gap stays a gap
                continue
            assert sorted(kept_y) == [np.nanmin(chunk), np.nanmax(chunk)]
            assert kept_x[0] <= kept_x[1]  # in step order
            np.testing.assert_array_equal(y[p, kept_x.astype(int)], kept_y)  # their own steps
    assert vm.value_bounds(y_thin) == vm.value_bounds(y.reshape(-1))
    assert envelope(y[:, :100], 50) is None  # two steps a bucket: nothing to thin


def test_thinning_a_phase_curve_drops_only_points_in_the_cell_of_the_one_before():
    rng = np.random.default_rng(1)
    n, s = 4, 2000
    loss = np.exp(-np.linspace(0, 8, s))[:, None] * (1 + 0.001 * rng.random((s, n)))
    grad = np.sqrt(loss) * (1 + 0.001 * rng.random((s, n)))
    loss[700:720, 2] = 0.0  # exact zeros: drawn at the floor
    grad[1500:, 3] = np.inf  # a blow-up: a gap
    floors = (vm.log_floor([loss]), vm.log_floor([grad]))
    x, y = vm.phase_series(loss, grad, floors)
    cells = (256, 256)
    tx, ty = thin_phase(x, y, n, cells)
    assert tx.size < x.size / 2
    (x0, x1), (y0, y1) = vm.value_bounds(x), vm.value_bounds(y)
    cell = np.column_stack([np.floor((x - x0) / (x1 - x0) * cells[0]),
                            np.floor((y - y0) / (y1 - y0) * cells[1])])
    kept = phase_kept(x, y, n, cells)
    np.testing.assert_array_equal(tx, x[kept])
    np.testing.assert_array_equal(ty, y[kept])
    finite = np.isfinite(x) & np.isfinite(y)
    for i in np.flatnonzero(~kept):
        assert finite[i] and finite[i - 1] and (cell[i] == cell[i - 1]).all()
    rows = kept.reshape(n, -1)
    assert rows[:, 0].all() and rows[:, -2].all()  # every path's first and last point
    assert kept[~finite].all()  # every gap and separator


def test_a_layout_kept_across_edits_equals_one_computed_afresh():
    rng = np.random.default_rng(2)

    class Run:  # what a Readout reads of a Trajectories
        def __init__(self, scale):
            self.loss = scale * np.exp(-np.linspace(0, 5, 3001))[:, None] * (
                1 + rng.random((3001, 2)))
            self.grad_norm = np.sqrt(self.loss)

    runs = [Run(1.0), Run(3.0), Run(0.5)]
    fields = [[Readout(r, r.loss) for r in runs], [Readout(r, r.grad_norm) for r in runs]]
    cache: dict = {}
    layouts, phase, floors = readouts_layout(fields, resolution(230), (256, 256), cache)
    cache = {(a, b): c for a, b, c in zip(*fields, phase, strict=True)}
    runs[1] = Run(2.0)  # an edit of one racer: only its readouts are new
    fields = [[fields[0][0], Readout(runs[1], runs[1].loss), fields[0][2]],
              [fields[1][0], Readout(runs[1], runs[1].grad_norm), fields[1][2]]]
    kept = readouts_layout(fields, resolution(230), (256, 256), cache)
    fresh = readouts_layout([[Readout(r, r.loss) for r in runs],
                             [Readout(r, r.grad_norm) for r in runs]],
                            resolution(230), (256, 256), {})
    assert kept[1][0] is cache[(fields[0][0], fields[1][0])]  # an unchanged run: kept
    assert kept[2] == fresh[2]
    for a, b in zip(kept[0], fresh[0], strict=True):
        assert (a.log, a.floor, a.zero_at) == (b.log, b.floor, b.zero_at)
        for (_, xa, ya, ba), (_, xb, yb, bb) in zip(a.drawn, b.drawn, strict=True):
            assert ba == bb and xa.size == xb.size < 2 * 3002  # thinned
            np.testing.assert_array_equal(xa, xb)
            np.testing.assert_array_equal(ya, yb)
    for a, b in zip(kept[1], fresh[1], strict=True):
        np.testing.assert_array_equal(a.x, b.x)
        np.testing.assert_array_equal(a.y, b.y)
        assert a.bounds == b.bounds


@pytest.mark.parametrize(("pixels", "expected"), [(0, 256), (230, 256), (256, 256), (257, 512)])
def test_resolution_rounds_up_to_the_quantum(pixels, expected):
    assert resolution(pixels) == expected
