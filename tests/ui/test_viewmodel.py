"""The headless helpers behind the views (no Qt): colours, contours, paths, readouts, ticks."""

import warnings

import numpy as np
import pytest

from app import viewmodel as vm


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def test_color_scale_linear_and_log_and_nonfinite():
    x = np.linspace(-1, 1, 64)
    bowl = x[None, :] ** 2 + x[:, None] ** 2
    lin = vm.color_scale(bowl)
    assert not lin.log and lin.image.dtype == np.float32 and lin.image.flags.c_contiguous
    steep = np.exp(8 * bowl)  # spans ~7 decades: log colours
    log = vm.color_scale(steep)
    assert log.log and np.isfinite(log.image).all() and log.levels[1] > log.levels[0]
    bad = bowl.copy()
    bad[0, 0], bad[1, 1], bad[2, 2] = np.nan, np.inf, -np.inf
    s = vm.color_scale(bad)
    assert np.isfinite(s.image).all() and np.isfinite(s.levels).all()
    empty = vm.color_scale(np.full((4, 4), np.nan))
    assert np.isfinite(empty.image).all()
    flat = vm.color_scale(np.zeros((4, 4)))
    assert flat.levels[1] > flat.levels[0]


def test_contour_lines_one_nan_separated_array_per_level():
    x = np.linspace(-2, 2, 128)
    z = x[None, :] ** 2 + 4 * x[:, None] ** 2
    lines = vm.contour_lines(x, x, z, 7)
    assert len(lines) == 7
    for level, xy in lines:
        assert xy.ndim == 2 and xy.shape[1] == 2
        pts = xy[np.isfinite(xy).all(axis=1)]
        vals = pts[:, 0] ** 2 + 4 * pts[:, 1] ** 2
        assert np.allclose(vals, level, rtol=0.05, atol=0.05)
    with_nan = z.copy()
    with_nan[:10] = np.nan
    assert len(vm.contour_lines(x, x, with_nan, 5)) == 5
    assert vm.contour_lines(x, x, np.zeros_like(z), 5) == []


def test_paths_until_step_with_nan_between_start_points():
    pts = np.arange(5 * 2 * 2, dtype=float).reshape(5, 2, 2)  # 4 steps, 2 starts
    paths = vm.drawable_points(pts, ((-100, 100), (-100, 100)))
    x, y = vm.path_until(paths, 2)
    assert len(x) == 2 * 4
    np.testing.assert_array_equal(x[:3], pts[:3, 0, 0])
    assert np.isnan(x[3])
    np.testing.assert_array_equal(y[4:7], pts[:3, 1, 1])
    one = vm.drawable_points(pts[:, :1], ((-100, 100), (-100, 100)))
    x1, _ = vm.path_until(one, 99)
    np.testing.assert_array_equal(x1, pts[:, 0, 0])
    np.testing.assert_array_equal(vm.heads_at(paths, 1), pts[1])


def test_far_away_points_are_limited_for_drawing():
    pts = np.array([[[0.0, 0.0]], [[1e300, -1e300]]])
    p = vm.drawable_points(pts, ((-1, 1), (-1, 1)))
    assert np.isfinite(p).all() and abs(p).max() <= 1 + 2e4


def test_readout_series_log_handles_zero_negative_nan_inf():
    v = np.array([[1.0, 0.0], [np.nan, 1e-3], [np.inf, -1.0]])
    y = vm.readout_series(v, log=True, floor=-9.0)
    assert y.shape == (2 * 4,)
    assert y[0] == 0 and np.isnan(y[1]) and np.isnan(y[2]) and np.isnan(y[3])
    assert y[4] == -9.0 and y[5] == pytest.approx(-3) and np.isnan(y[6])
    assert vm.wants_log([np.array([1.0, 0.0])]) and not vm.wants_log([np.array([-1.0, 2.0])])
    assert vm.log_floor([np.array([0.0, 1e-4])]) == pytest.approx(-5)
    lo, hi = vm.log_range([y])
    assert lo < -9 and hi > 0
    assert vm.log_range([np.full(3, np.nan)]) == (-1.0, 1.0)


def test_log_ticks_label_decades_or_125():
    major, minor = vm.log_ticks(-12.5, 3.2)
    assert len(major) <= 6 and all(lbl for _, lbl in major)
    major, _ = vm.log_ticks(-0.4, 1.1)
    assert [lbl for _, lbl in major] == ["0.5", "1", "2", "5", "10"]
    assert vm.log_ticks(1.0, 1.0) == [[], []]


def test_format():
    assert vm.format_number(0.09) == "0.09" and vm.format_number(float("nan")) == "nan"
    assert vm.format_number(3.4e12) == "3.4e+12"


def test_axis_labels():
    class Free:
        free = ("w1", "b1")

    assert vm.axis_labels(Free()) == ("w1", "b1")
    assert vm.axis_labels(object()) == ("x", "y")
