"""What the eye sees (issue 19): colours and contour levels focused where the paths run, and
the tiny ReLU network's crease lines (app.viewmodel, surfaces.tiny_net; no Qt)."""

from __future__ import annotations

import numpy as np
import pytest

import surfaces
from app import scenario as S
from app import viewmodel as vm

N_LEVELS = 15


def _picture(name: str, size: int = 200):
    sc = S.load(name)
    surface = sc.build_surface()
    xs, ys, z = surface.grid(size, sc.view_window(surface))
    visited = np.concatenate([r.trajectories.loss.ravel() for r in sc.simulate(surface)])
    return surface, xs, ys, z, visited


def test_relu_net_levels_fall_where_the_path_runs():
    """p8_tiny_net_relu: the picture reaches ~670 while the path's loss stays below 1.5; evenly
    spaced levels leave the path's region without a line, the focused ones put them all there."""
    _, xs, ys, z, visited = _picture("p8_tiny_net_relu")
    assert np.nanmax(z) > 400 and visited.max() < 1.5
    plain = vm.color_scale(z)
    even = np.linspace(*plain.levels, N_LEVELS + 2)[1:-1]
    assert np.sum(even <= visited.max()) == 0  # no contour line where the path runs
    scale, levels = vm.focused_levels(z, visited, N_LEVELS)
    assert scale.log  # the whole picture stays readable, the low values get the colours
    f = 10.0 ** levels + scale.offset  # back to loss values
    assert len(levels) == N_LEVELS and f.max() <= 1.1 * visited.max() + 1e-3 * np.nanmax(z)
    # equal areas: each band between two lines holds about the same number of pixels
    img = scale.image[np.isfinite(scale.image)]
    counts = np.histogram(img[img <= levels[-1]], bins=levels)[0]
    assert counts.min() > 0.5 * counts.mean()
    lines = vm.contour_lines(xs, ys, scale.image, levels=levels)
    assert len(lines) >= N_LEVELS - 1


def test_paths_that_cover_the_picture_keep_the_plain_scale():
    _, _, _, z, visited = _picture("p1_divergence")  # the diverging racer reaches 1e12
    assert vm.focused_levels(z, visited, N_LEVELS) is None
    assert vm.focused_levels(z, [], N_LEVELS) is None
    assert vm.focused_levels(z, [np.nan, np.inf], N_LEVELS) is None


@pytest.mark.parametrize("activation, expected", [("relu", 8), ("leaky_relu", 8), ("elu", 0),
                                                  ("tanh", 0), ("softplus", 0)])
def test_crease_lines_are_where_the_unit_switches(activation, expected):
    surface = surfaces.get("tiny_net", activation=activation, weights="w1_b1", seed=0)
    lines = surface.crease_lines()
    assert len(lines) == expected
    for (a, b, c), xi in zip(lines, surface.inputs, strict=False):
        # b1 = -w1 x_i: through the origin, slope -x_i
        assert (a, b, c) == (pytest.approx(xi), 1.0, 0.0)
        # on the line the unit's pre-activation is 0 for that data point
        w = 1.3
        assert w * xi + (-(a * w + c) / b) == pytest.approx(0.0, abs=1e-12)


def test_the_gradient_jumps_across_a_crease_line():
    surface = surfaces.get("tiny_net", activation="relu", weights="w1_b1", seed=0)
    a, b, c = surface.crease_lines()[4]
    point = np.array([2.0, -(a * 2.0 + c) / b])
    normal = np.array([a, b]) / np.hypot(a, b)
    eps = 1e-7
    g_minus, g_plus = surface.grad(point - eps * normal), surface.grad(point + eps * normal)
    h = surface.hessian(point + eps * normal)
    # a smooth gradient changes by at most |H| * 2 eps over 2 eps; across the crease it jumps
    assert np.linalg.norm(g_plus - g_minus) > 1e3 * np.abs(h).max() * 2 * eps


def test_other_weight_pairs_crease_along_their_own_lines():
    surface = surfaces.get("tiny_net", activation="relu", weights="w1_w2", seed=0)
    lines = surface.crease_lines()
    assert len(lines) == 16  # both units are free: 8 data points each
    assert all((a == 0) != (b == 0) for a, b, _ in lines)  # vertical and horizontal lines
    assert surfaces.get("tiny_net", activation="relu", weights="v1_v2").crease_lines() == []


def test_line_segments_clip_to_the_window():
    window = ((-8.0, 8.0), (-8.0, 8.0))
    segs = vm.line_segments([(1.0, 1.0, 0.0), (0.0, 1.0, -100.0), (1.0, 0.0, -2.0)], window)
    # the anti-diagonal corner to corner, the line y = 100 left out, x = 2 top to bottom
    assert segs.shape == (5, 2) and np.isnan(segs[2]).all()
    np.testing.assert_allclose(segs[[0, 1]], [[-8.0, 8.0], [8.0, -8.0]])
    np.testing.assert_allclose(segs[[3, 4]], [[2.0, -8.0], [2.0, 8.0]])
    assert vm.line_segments([], window).shape == (0, 2)


def test_a_span_of_subnormals_is_coloured_linearly_and_stays_finite():
    """log10(f - f_min) of a surface whose whole range is ~1e-320: the floor underflows to 0
    and the minimum's log is -inf (the colour mapping then overflowed)."""
    xs = np.linspace(-3, 3, 64)
    x, y = np.meshgrid(xs, xs)
    z = 1e-320 * x**2 + 1e-320 * y**2
    for log in (None, True):
        scale = vm.color_scale(z, log=log)
        assert not scale.log and np.isfinite(scale.image).all()
    focus = vm.focused_levels(z, np.array([2e-320, 1e-320]), 15)
    assert focus is None or np.isfinite(focus[0].image).all()
