"""Learning-rate sweeps in one click: copies of a racer with other learning rates (no Qt).

A racer card's Copy menu offers the racer with lr x 1/2, with lr x 2, and *n* copies whose
learning rates are spread evenly on a log scale over a range. Each copy gets its own colour
(the palette's unused ones first, then evenly spaced hues) and a label that shows its lr (a
label template with ``{lr}``: :mod:`app.labels`), so the legend tells them apart.

>>> sweep_lrs(0.01, 1.0, 5)
[0.01, 0.03, 0.1, 0.3, 1.0]
>>> from app.scenario import Racer
>>> [r.params["lr"] for r in sweep(Racer("gd", {"lr": 0.1}), 0.01, 1.0, 3, used=())]
[0.01, 0.1, 1.0]
"""

from __future__ import annotations

import colorsys
from collections.abc import Iterable
from dataclasses import replace

import numpy as np

from app import labels, optimizers
from app.numbers import cell_value
from app.scenario import MAX_RACERS, PALETTE, Racer

__all__ = ["has_lr", "scaled", "sweep", "sweep_lrs", "distinct_colors", "MAX_SWEEP"]

#: at most this many copies in one sweep (a legend of more is unreadable)
MAX_SWEEP = 12


def has_lr(racer: Racer) -> bool:
    """Whether the racer's optimizer has a learning rate to sweep."""
    return "lr" in {p.name for p in optimizers.spec(racer.optimizer).params_of(racer.params)}


def _lr(racer: Racer) -> float:
    lr = racer.params.get("lr", optimizers.spec(racer.optimizer).defaults().get("lr"))
    if lr is None:
        raise ValueError(f"{optimizers.spec(racer.optimizer).title} has no learning rate")
    return float(lr)


def _label_with_lr(label: str) -> str:
    """A label that shows the lr: kept if it does (or is empty: the default template shows
    it), else ``{lr}`` appended to the template or typed text."""
    names = labels.fields(label)
    if not label or (names is not None and "lr" in names):
        return label
    if names is None:  # braces that do not parse: the default template
        return labels.DEFAULT_TEMPLATE
    return f"{label}, lr {{lr}}"


def distinct_colors(n: int, used: Iterable[str]) -> list[str]:
    """``n`` colours unlike each other and unlike ``used``: the palette's unused colours, then
    hues spread evenly around the colour wheel."""
    taken = {c.lower() for c in used}
    out = [c for c in PALETTE if c.lower() not in taken][:n]
    k = n - len(out)
    for i in range(k):
        r, g, b = colorsys.hsv_to_rgb((i / k + 0.08) % 1.0, 0.65, 0.95)
        out.append(f"#{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}")
    return out


def scaled(racer: Racer, factor: float, used: Iterable[str] = ()) -> Racer:
    """A copy of ``racer`` with lr times ``factor``, its own colour and a label showing the lr."""
    lr = _lr(racer) * float(factor)
    color = distinct_colors(1, [*used, racer.color])[0]
    copy = replace(racer, params={**racer.params, "lr": float(f"{lr:.6g}")}, color=color,
                   label=_label_with_lr(racer.label))
    copy.build()  # ValueError (e.g. an lr beyond the optimizer's range): nothing is made
    return copy


def sweep_lrs(lr_from: float, lr_to: float, n: int) -> list[float]:
    """``n`` learning rates from ``lr_from`` to ``lr_to``, evenly spaced on a log scale, each
    written with the fewest digits that keep it closer to its place than to its neighbours
    (:func:`app.numbers.cell_value`): 0.03, not 0.031622776."""
    lo, hi, n = float(lr_from), float(lr_to), int(n)
    if not (np.isfinite(lo) and np.isfinite(hi) and lo > 0 and hi > 0):
        raise ValueError(f"a learning-rate range needs two positive numbers, not {lo:g} and "
                         f"{hi:g}")
    if lo == hi:
        raise ValueError("the range's two ends are the same learning rate")
    if not 2 <= n <= MAX_SWEEP:
        raise ValueError(f"a sweep makes 2 to {MAX_SWEEP} copies, not {n}")
    grid = np.geomspace(lo, hi, n)
    return [cell_value(grid, i) for i in range(n)]


def sweep(racer: Racer, lr_from: float, lr_to: float, n: int,
          used: Iterable[str] = ()) -> list[Racer]:
    """``n`` copies of ``racer`` with learning rates over the range (:func:`sweep_lrs`), each
    with its own colour (unlike ``used``) and a label showing its lr. ``ValueError`` if the
    optimizer has no lr, the range is empty or a copy is invalid: then nothing is made."""
    _lr(racer)
    lrs = sweep_lrs(lr_from, lr_to, n)
    colors = distinct_colors(n, used)
    label = _label_with_lr(racer.label)
    copies = [replace(racer, params={**racer.params, "lr": lr}, color=c, label=label)
              for lr, c in zip(lrs, colors, strict=True)]
    for c in copies:
        c.build()
    return copies


def room_for(existing: int, n: int) -> None:
    """``ValueError`` if ``n`` more racers would pass the scenario's limit."""
    if existing + n > MAX_RACERS:
        raise ValueError(f"a scenario holds at most {MAX_RACERS} racers: {existing} now, "
                         f"{n} more would be too many")
