"""lr sweeps (app.sweeps): copies at x1/2, x2 and N copies over a range, told apart."""

from __future__ import annotations

import numpy as np
import pytest

from app import labels
from app.scenario import PALETTE, Racer
from app.sweeps import distinct_colors, has_lr, scaled, sweep, sweep_lrs


def test_half_and_double_copies():
    base = Racer("momentum", {"lr": 0.03, "momentum": 0.9}, color=PALETTE[0])
    half, double = scaled(base, 0.5, [base.color]), scaled(base, 2.0, [base.color])
    assert half.params == {"lr": 0.015, "momentum": 0.9}
    assert double.params == {"lr": 0.06, "momentum": 0.9}
    assert half.color != base.color
    assert labels.render(half) != labels.render(base) != labels.render(double)
    # a hand-typed label gets the lr appended (as a template), so copies differ
    typed = Racer("gd", {"lr": 0.1}, label="my racer")
    assert labels.render(scaled(typed, 2.0)) == "my racer, lr 0.2"
    with pytest.raises(ValueError):
        scaled(Racer("gd", {"lr": 0.1}), -1.0)  # an invalid lr: nothing is made


def test_sweep_over_a_range_spreads_lrs_on_a_log_scale():
    base = Racer("gd", {"lr": 0.1}, color=PALETTE[0])
    copies = sweep(base, 0.001, 1.0, 7, used=[base.color])
    lrs = np.array([c.params["lr"] for c in copies])
    assert lrs[0] == 0.001 and lrs[-1] == 1.0
    grid = np.geomspace(0.001, 1.0, 7)
    assert np.all(np.abs(lrs - grid) <= 0.25 * np.minimum(
        np.abs(np.diff(grid, prepend=-np.inf)), np.abs(np.diff(grid, append=np.inf))))
    assert np.all(np.diff(np.log10(lrs)) > 0)
    colors = [c.color.lower() for c in copies]
    assert len(set(colors)) == 7 and base.color.lower() not in colors
    rendered = [labels.render(c) for c in copies]
    assert len(set(rendered)) == 7  # every copy says its own lr


def test_sweep_refuses_bad_ranges_and_optimizers_without_lr():
    base = Racer("gd", {"lr": 0.1})
    for lo, hi, n in ((0.0, 1.0, 3), (0.1, 0.1, 3), (0.01, 1.0, 1), (0.01, 1.0, 99),
                      (float("nan"), 1.0, 3)):
        with pytest.raises(ValueError):
            sweep(base, lo, hi, n)
    assert sweep_lrs(1.0, 0.01, 3) == [1.0, 0.1, 0.01]  # a range may run downwards
    assert has_lr(base)


def test_distinct_colors_beyond_the_palette():
    colors = distinct_colors(12, PALETTE[:3])
    assert len(set(c.lower() for c in colors)) == 12
    assert not {c.lower() for c in PALETTE[:3]} & {c.lower() for c in colors}
