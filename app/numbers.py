"""Numbers as people read them: one place for how a value is written on screen (no Qt).

Readouts, the status bar and tick labels use :func:`format_number`; editable fields
:func:`format_field`; a click on a map cell writes :func:`cell_value` (the shortest decimal
inside the cell, ``0.021`` rather than ``0.020974``); log axes label the decades that
:func:`decade_stride` picks (every 1, 2, 5, 10, 20, 50, ... decades, so a range of 177 decades
reads 10⁰, 10⁵⁰, 10¹⁰⁰, 10¹⁵⁰, not 10⁵⁹, 10¹¹⁸, 10¹⁷⁷).

>>> format_number(1 / 3), format_number(0.0), format_number(2.5e-7)
('0.3333', '0', '2.5e-07')
>>> format_field(1 / 3), format_field(1e-8), format_field(123456.7), format_field(0.0015)
('0.3333', '1e-8', '123457', '0.0015')
>>> cell_value([0.01816, 0.020974, 0.02422], 1)
0.021
>>> decade_stride(-2, 177, 6), decade_stride(0, 9, 6), decade_stride(-3, 1, 6)
(50, 2, 1)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = ["format_number", "format_significant", "format_field", "cell_value", "decade_stride",
           "power_label"]

#: significant digits an entry shows (the value itself is kept exact)
FIELD_DIGITS = 4
#: a cell's value is written with the fewest digits that stay within this part of the distance
#: to the nearer neighbour cell
CELL_TOLERANCE = 0.25
_STRIDES = (1, 2, 5)
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def format_number(v: float) -> str:
    """A short, readable number: ``0.09``, ``1.2e-05``, ``3.4e+12``, ``nan``; exactly 0 is
    ``0`` (a dead unit's gradient is 0, not a small number)."""
    try:
        v = float(v)
    except (TypeError, ValueError):
        return str(v)
    if not math.isfinite(v):
        return str(v)
    if v == 0:
        return "0"
    a = abs(v)
    if 1e-3 <= a < 1e5:
        return f"{v:.4g}"
    return f"{v:.3g}"


def format_significant(v: float, digits: int = 4) -> str:
    """``digits`` significant digits, as the step narration writes every number (``0.04187``,
    ``1.2e-05``); exactly 0 is ``0``."""
    v = float(v)
    if v == 0:
        return "0"
    if not math.isfinite(v):
        return str(v)
    return f"{v:.{digits}g}"


def _short_exponent(text: str) -> str:
    """``1.5e-05`` -> ``1.5e-5``, ``2e+08`` -> ``2e8`` (what people write; parses the same)."""
    mantissa, _, exp = text.partition("e")
    if not exp:
        return text
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}e{int(exp)}"


def format_field(v: float, digits: int = FIELD_DIGITS) -> str:
    """A value as an entry shows it: ``digits`` significant digits (never fewer than its whole
    part has), no trailing zeros, a short exponent outside ``1e-4 .. 1e6``: ``0.3333``,
    ``0.0015``, ``1e-8``, ``123457``."""
    v = float(v)
    if not math.isfinite(v) or v == 0:
        return "0" if v == 0 else str(v)
    a = abs(v)
    if 1e-4 <= a < 1e6:
        whole = max(1, math.floor(math.log10(a)) + 1)
        text = f"{v:.{max(digits, whole)}g}"
        if "e" in text:  # (rounding up to the next power of ten)
            return _short_exponent(text)
        return text
    return _short_exponent(f"{v:.{digits - 1}e}")


def cell_value(values: Sequence[float], i: int, tolerance: float = CELL_TOLERANCE) -> float:
    """``values[i]`` (the centre of cell ``i`` of a grid) with the fewest significant digits
    that keep it within ``tolerance`` times the distance to the nearer neighbouring centre:
    the value a person would type for that cell."""
    v = float(values[i])
    gaps = [abs(v - float(values[k])) for k in (i - 1, i + 1) if 0 <= k < len(values)]
    gaps = [g for g in gaps if g > 0]
    if not gaps or not math.isfinite(v) or v == 0:
        return v
    allowed = tolerance * min(gaps)
    for d in range(1, 17):
        r = float(f"{v:.{d}g}")
        if abs(r - v) <= allowed:
            return r
    return v


def decade_stride(first: int, last: int, max_labels: int) -> int:
    """Label every k-th decade of ``first .. last`` (the multiples of k), k from 1, 2, 5, 10,
    20, 50, ...: the smallest giving at most ``max_labels`` labels, yet two where it can."""
    max_labels = max(2, int(max_labels))

    def count(k: int) -> int:
        return last // k - (first - 1) // k

    previous, scale = None, 1
    while True:
        for s in _STRIDES:
            k = s * scale
            if count(k) <= max_labels:
                if count(k) >= 2 or previous is None:
                    return k
                # one label would be left: the largest stride in between that keeps two
                fits = [j for j in range(k - 1, previous, -1) if 2 <= count(j) <= max_labels]
                return fits[0] if fits else previous
            previous = k
        scale *= 10


def power_label(e: int) -> str:
    """The label of decade ``e``: ``0.01``, ``1``, ``100``, or ``10⁵⁰``, ``10⁻⁸``."""
    if -3 <= e <= 3:
        return f"{10.0 ** e:g}"
    return "10" + str(e).translate(_SUPERSCRIPT)
