"""Numbers as people read them (app.numbers): fields, map cells, log-axis decades, exact zero."""

from __future__ import annotations

import math

import numpy as np
import pytest

from app import viewmodel as vm
from app.numbers import cell_value, decade_stride, format_field, format_number, power_label
from surfaces.params import Param


@pytest.mark.parametrize("value, text", [
    (1 / 3, "0.3333"), (2 / 3, "0.6667"), (0.1, "0.1"), (0.0015, "0.0015"), (1e-4, "0.0001"),
    (1e-8, "1e-8"), (1.5e-5, "1.5e-5"), (123456.7, "123457"), (2e8, "2e8"), (0.0, "0"),
    (-0.25, "-0.25"), (0.99999, "1"), (999999.9, "1e6"), (3.0, "3"),
])
def test_a_field_shows_significant_digits(value, text):
    assert format_field(value) == text
    # what is shown parses back (the entry's own parser) to within the digits shown
    parsed = Param("v", 1.0).parse(text)
    assert parsed == pytest.approx(value, rel=1e-3, abs=1e-12)
    assert len(text) <= 7


def test_a_map_cell_is_written_as_the_shortest_value_inside_it():
    lrs = np.geomspace(1e-3, 0.3, 16)
    for i in range(16):
        v = cell_value(lrs, i)
        nearer = min(abs(lrs[i] - lrs[k]) for k in (i - 1, i + 1) if 0 <= k < 16)
        assert abs(v - lrs[i]) <= 0.25 * nearer
        # one digit fewer would leave that quarter of the cell
        digits = len(f"{v:g}".replace("0.", "").lstrip("0").replace(".", ""))
        if digits > 1:
            shorter = float(f"{lrs[i]:.{digits - 1}g}")
            assert abs(shorter - lrs[i]) > 0.25 * nearer
    assert cell_value([0.01816, 0.020974, 0.02422], 1) == 0.021
    momentum = np.linspace(0, 0.98, 16)
    assert cell_value(momentum, 0) == 0.0
    assert [cell_value(momentum, j) for j in (1, 5, 15)] == [0.07, 0.33, 0.98]
    assert cell_value([0.5], 0) == 0.5  # one cell: nothing to round against


def test_log_axis_labels_readable_decades():
    # the regression lesson that blows up spans 177 decades: labels at multiples of 50
    major, minor = vm.log_ticks(-2.0, 177.0, max_labels=6)
    assert [p for p, _ in major] == [0.0, 50.0, 100.0, 150.0]
    assert [t for _, t in major] == ["1", power_label(50), power_label(100), power_label(150)]
    assert power_label(50) == "10⁵⁰"
    assert minor == []  # no grid line per decade over 177 of them
    for first, last, labels in ((-3, 1, 6), (0, 9, 6), (-20, 10, 6), (-2, 177, 6),
                                (-500, 500, 5), (-14, 0, 2), (-13, -1, 3), (-7, -1, 2)):
        k = decade_stride(first, last, labels)
        shown = [e for e in range(first, last + 1) if e % k == 0]
        assert 2 <= len(shown) <= labels  # never a lone "1" on a small plot
        assert k in {1, 2, 5, 10, 20, 50, 100, 200, 500} or len(shown) == 2
    assert decade_stride(0, 9, 6) == 2 and decade_stride(-14, 0, 2) == 10


def test_an_exact_zero_is_labelled_zero_not_a_tiny_number():
    grad = np.array([[1.0], [1e-3], [1e-12], [0.0], [0.0]])  # a unit that died: exactly 0
    floor = vm.log_floor([grad])
    assert floor == -13.0
    zero_at = vm.zero_level([grad], True, floor)
    assert zero_at == floor
    y = vm.readout_series(grad, True, floor)
    lo, hi = vm.log_range([y])
    major, _ = vm.log_ticks(lo, hi, max_labels=6, zero_at=zero_at)
    assert major[0] == (floor, "0")
    assert all(p >= floor + 0.5 for p, _ in major[1:])
    assert not any(t in ("10⁻¹³", "1e-13") for _, t in major)
    # no zeros, or a linear axis: no "0" label is invented
    assert vm.zero_level([grad[:3]], True, floor) is None
    assert vm.zero_level([grad], False, floor) is None
    assert format_number(0.0) == "0" and format_number(-0.0) == "0"
    assert math.isnan(float(format_number(math.nan)))
