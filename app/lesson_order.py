"""The order the built-in lessons are listed in: the Lessons menu, the lesson gallery and
``descent-lab list scenarios`` all read :func:`builtin_lessons` (one rule, defined here).

The rule: the tour first; then by lesson number, P1, P2, ..., P10 (numerically, not as text);
within one number the surface lessons before the network-lab ones, each in natural name order;
and a lesson whose ``[lesson] follows`` names another comes right after that one (a twin after
its original: the ELU network after the ReLU one). Other tags come after P10, untagged lessons
and files that cannot be loaded last.

>>> order_key("P10", "p10_nesterov", False) > order_key("P9", "p9_vanishing", True)
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from app import scenario as scenario_mod
from app.scenario import Scenario

__all__ = ["order_key", "lesson_order", "builtin_lessons"]

_NUMBERED = re.compile(r"P(\d+)", re.IGNORECASE)


def _natural(text: str) -> list:
    return [(0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.split(r"(\d+)", text)]


def order_key(tag: str, name: str, netlab: bool) -> tuple:
    """Where a lesson goes among those that follow no other (smaller first)."""
    if name == scenario_mod.DEFAULT_SCENARIO:
        return (0,)
    m = _NUMBERED.fullmatch(tag.strip())
    if m:
        group = (1, int(m.group(1)), "")
    elif tag.strip():
        group = (2, 0, tag.strip().lower())
    else:
        group = (3, 0, "")
    return (1, group, netlab, _natural(name))


def lesson_order(names: list[str], scenarios: Mapping[str, Scenario]) -> list[str]:
    """``names`` in lesson order; ``scenarios`` holds those that loaded (the others go last)."""
    loaded = [n for n in names if n in scenarios]
    broken = sorted((n for n in names if n not in scenarios), key=_natural)

    def follows(n: str) -> str:
        target = scenarios[n].lesson.follows
        return target if target in scenarios and target != n else ""

    followers: dict[str, list[str]] = {}
    for n in loaded:
        if follows(n):
            followers.setdefault(follows(n), []).append(n)

    def key(n: str) -> tuple:
        s = scenarios[n]
        return order_key(s.lesson.tag, n, s.netlab is not None)

    def is_root(n: str) -> bool:
        """Follows no other, or is the first (by key) of a cycle of ``follows``."""
        chain, m = [n], follows(n)
        while m and m not in chain:
            chain.append(m)
            m = follows(m)
        if not m:
            return not follows(n)
        return m == n and n == min(chain, key=key)

    out: list[str] = []
    placed: set[str] = set()

    def place(n: str) -> None:
        if n in placed:
            return
        placed.add(n)
        out.append(n)
        for f in sorted(followers.get(n, []), key=_natural):
            place(f)

    for n in sorted(filter(is_root, loaded), key=key):
        place(n)
    return out + broken


def builtin_lessons() -> list[tuple[str, Scenario | ValueError | OSError]]:
    """Every built-in scenario in lesson order: ``(name, scenario)``, or ``(name, error)`` for a
    file that cannot be loaded (listed, not fatal: the others still show)."""
    names = scenario_mod.builtin_names()
    result: dict[str, Scenario | ValueError | OSError] = {}
    for name in names:
        try:
            result[name] = scenario_mod.load(name)
        except (ValueError, OSError) as err:
            result[name] = err
    good = {n: s for n, s in result.items() if isinstance(s, Scenario)}
    return [(n, result[n]) for n in lesson_order(names, good)]
