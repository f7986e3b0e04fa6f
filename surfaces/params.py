"""Typed, validated parameters shared by surfaces, optimizers and schedules.

A :class:`Param` knows its name, default, type and valid range, so the registry can reject bad
input with a message that names the valid range, the CLI can parse ``KEY=VALUE`` strings, and the
GUI can build a form without knowing the family.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Param", "validate_params", "unknown_name_error"]

_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


@dataclass(frozen=True)
class Param:
    """One parameter: ``kind`` is ``float``, ``int``, ``bool``, ``str`` or ``tuple`` (of floats).

    ``low``/``high`` bound numbers (and every item of a tuple); ``open_low``/``open_high`` make
    that bound strict. ``choices`` restricts strings. ``length`` fixes a tuple's length.
    """

    name: str
    default: Any
    kind: type = float
    low: float | None = None
    high: float | None = None
    open_low: bool = False
    open_high: bool = False
    choices: tuple[str, ...] | None = None
    length: int | None = None
    doc: str = ""
    log_scale: bool = False  # a hint for sliders: this value spans orders of magnitude
    #: message for an invalid value, formatted with ``value`` (torch style:
    #: ``"Invalid learning rate: {value}"``); default: the name and the valid range
    error: str = ""

    def range_text(self) -> str:
        if self.choices is not None:
            return "one of " + ", ".join(repr(c) for c in self.choices)
        parts = []

        def bound(b) -> str:  # whole-number bounds in full: 4294967295, not 4.29497e+09
            return str(int(b)) if self.kind is int and float(b).is_integer() else f"{b:g}"

        if self.low is not None:
            parts.append(f"{'>' if self.open_low else '>='} {bound(self.low)}")
        if self.high is not None:
            parts.append(f"{'<' if self.open_high else '<='} {bound(self.high)}")
        what = {float: "a finite number", int: "a whole number", bool: "true or false",
                str: "text"}.get(self.kind, "")
        if self.kind is tuple:
            what = f"{self.length or 'several'} comma-separated finite numbers"
            if parts:
                what += ", each"
        return " ".join([what, " and ".join(parts)]).strip()

    def _number(self, value: Any, integer: bool) -> float | int:
        if isinstance(value, bool):
            raise ValueError
        if isinstance(value, str):
            value = value.strip()
            value = int(value) if integer and value.lstrip("+-").isdigit() else float(value)
        if integer:
            if isinstance(value, float):
                if not value.is_integer():
                    raise ValueError
                value = int(value)
            value = int(value)
        else:
            value = float(value)
        if not math.isfinite(value):
            raise ValueError
        return value

    def _check_range(self, value: float) -> bool:
        if self.low is not None and (value < self.low or (self.open_low and value == self.low)):
            return False
        if self.high is not None and (value > self.high or (self.open_high and value == self.high)):
            return False
        return True

    def coerce(self, value: Any) -> Any:
        """Return ``value`` converted to this parameter's type, or raise ``ValueError``."""
        try:
            if self.kind is bool:
                if isinstance(value, bool):
                    out = value
                elif isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
                    out = value.strip().lower() in _TRUE
                elif isinstance(value, int | float) and value in (0, 1):
                    out = bool(value)
                else:
                    raise ValueError
                return out
            if self.kind is str:
                if not isinstance(value, str):
                    raise ValueError
                if self.choices is not None and value not in self.choices:
                    raise ValueError
                return value
            if self.kind is tuple:
                items = value.split(",") if isinstance(value, str) else list(value)
                out = tuple(self._number(v, integer=False) for v in items)
                if self.length is not None and len(out) != self.length:
                    raise ValueError
                if not all(self._check_range(v) for v in out):
                    raise ValueError
                return out
            out = self._number(value, integer=self.kind is int)
            if not self._check_range(out):
                raise ValueError
            return out
        except (TypeError, ValueError):
            if self.error:
                raise ValueError(
                    self.error.format(value=value) + f" (expected {self.range_text()})"
                ) from None
            raise ValueError(
                f"Invalid value {value!r} for '{self.name}': expected {self.range_text()}"
            ) from None


def unknown_name_error(kind: str, name: object, valid: Iterable[str]) -> ValueError:
    """A ``ValueError`` that names the valid choices and suggests the closest one."""
    valid = sorted(valid)
    hint = difflib.get_close_matches(str(name), valid, n=1)
    maybe = f" Did you mean '{hint[0]}'?" if hint else ""
    return ValueError(f"Unknown {kind} '{name}'.{maybe} Valid {kind}s: {', '.join(valid)}")


def validate_params(
    owner: str, specs: Iterable[Param], given: Mapping[str, Any]
) -> dict[str, Any]:
    """Defaults updated by ``given``, each value coerced and range-checked.

    Raises ``ValueError`` naming ``owner``, the parameter and its valid range; an unknown key
    names the valid keys.
    """
    specs = {p.name: p for p in specs}
    out = {name: p.default for name, p in specs.items()}
    for key, value in given.items():
        if key not in specs:
            if specs:
                valid = ", ".join(specs)
                raise ValueError(
                    f"Unknown parameter '{key}' for {owner}. Valid parameters: {valid}"
                )
            raise ValueError(f"Unknown parameter '{key}' for {owner}: it takes no parameters")
        try:
            out[key] = specs[key].coerce(value)
        except ValueError as err:
            raise ValueError(f"{owner}: {err}") from None
    return out
