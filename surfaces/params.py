"""Typed, validated parameters shared by surfaces, optimizers and schedules.

A :class:`Param` knows its name, default, type and valid range, so the registry can reject bad
input with a message that names the valid range, the CLI can parse ``KEY=VALUE`` strings, and the
GUI can build a form without knowing the family.

Types are strict in one place, :meth:`Param.coerce`: a scenario file is typed, so ``lr = "0.1"``
or ``amsgrad = 1`` is an error naming the parameter. Text (the CLI's ``--param lr=0.1``, a form's
entry) is read first by :meth:`Param.parse` / :func:`parse_params`, then goes through the same
check.
"""

from __future__ import annotations

import difflib
import math
import numbers
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["Param", "validate_params", "unknown_name_error", "parse_number", "parse_int",
           "parse_params", "whole_number", "brief", "describe", "quoted", "key_text"]

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

    # -- checking typed values (scenario files, the GUI, Python callers) --------------------
    def coerce(self, value: Any) -> Any:
        """``value`` checked against this parameter's type and range, or ``ValueError``.

        Strict about types, which is what a scenario file needs: the text ``"0.1"`` is not a
        number and ``1`` or ``"yes"`` is not ``true`` here (:meth:`parse` reads text). Whole
        numbers are fine where a float is expected, and a whole float (``1e3``) where an int is.
        """
        try:
            return self._checked(value)
        except TypeError:
            raise ValueError(self._type_message(value)) from None
        except (ValueError, OverflowError):
            raise ValueError(self._range_message(value)) from None

    def _checked(self, value: Any) -> Any:
        if self.kind is bool:
            if not isinstance(value, bool):
                raise TypeError
            return value
        if self.kind is str:
            if not isinstance(value, str):
                raise TypeError
            if self.choices is not None and value not in self.choices:
                raise ValueError
            return value
        if self.kind is tuple:
            if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
                raise TypeError
            out = tuple(_real(v) for v in value)
            if self.length is not None and len(out) != self.length:
                raise ValueError
        else:
            out = _real(value, integer=self.kind is int)
        if not all(self._check_range(v) for v in (out if self.kind is tuple else (out,))):
            raise ValueError
        return out

    def _check_range(self, value: float) -> bool:
        if self.low is not None and (value < self.low or (self.open_low and value == self.low)):
            return False
        if self.high is not None and (value > self.high or (self.open_high and value == self.high)):
            return False
        return True

    # -- reading text (the command line's KEY=VALUE, a form's entry) ------------------------
    def parse(self, text: str) -> Any:
        """``text`` read as this parameter's type, then :meth:`coerce`d; ``ValueError`` if it
        cannot be read or is out of range.

        A flag reads ``true``/``false``, ``yes``/``no``, ``on``/``off``, ``1``/``0``; numbers
        are ASCII (:func:`parse_number`, :func:`parse_int`); a tuple is comma-separated numbers
        (``0.9,0.999``).
        """
        if not isinstance(text, str):
            raise TypeError(f"Param.parse reads text, got {type(text).__name__}")
        try:
            if self.kind is bool:
                word = text.strip().lower()
                if word not in _TRUE | _FALSE:
                    raise ValueError
                value: Any = word in _TRUE
            elif self.kind is str:
                value = text
            elif self.kind is tuple:
                value = tuple(parse_number(part) for part in text.split(","))
            elif self.kind is int and _INTEGER.fullmatch(text.strip()):
                value = parse_int(text)
            else:
                value = parse_number(text)  # for an int too: 1e3 is a whole number
        except ValueError:
            raise ValueError(self._range_message(text)) from None
        return self.coerce(value)

    # -- messages -------------------------------------------------------------------------
    def _range_message(self, value: Any) -> str:
        if self.error:
            return self.error.format(value=brief(value)) + f" (expected {self.range_text()})"
        return f"Invalid value {brief(value)} for '{self.name}': expected {self.range_text()}"

    def _type_message(self, value: Any) -> str:
        hint = ""
        if isinstance(value, str):
            hint = ("; write a list of numbers, e.g. [0.9, 0.999]" if self.kind is tuple
                    else "; write it without quotes")
        if self.error:
            return (self.error.format(value=describe(value)) + f" (expected "
                    f"{self.range_text()}){hint}")
        return (f"Invalid value for '{self.name}': expected {self.range_text()}, got "
                f"{describe(value)}{hint}")


def _real(value: Any, integer: bool = False) -> float | int:
    """A finite real number (a whole one with ``integer``); ``TypeError`` for a non-number
    (``True`` is not a number here), ``ValueError`` for NaN, infinity or a fraction."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError
    if integer and isinstance(value, numbers.Integral):
        return int(value)
    number = float(value)  # OverflowError: an int beyond the float range
    if not math.isfinite(number) or (integer and not number.is_integer()):
        raise ValueError
    return int(number) if integer else number


def whole_number(value: Any, lo: int | None = None, hi: int | None = None) -> int | None:
    """``value`` as an int when it is a whole number within ``lo`` .. ``hi`` (both included);
    None for anything else (``True``, NaN, infinity, a fraction, text, None, out of range)."""
    try:
        number = _real(value, integer=True)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if (lo is None or number >= lo) and (hi is None or number <= hi) else None


_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|"
                     r"[+-]?(?:inf|infinity|nan)", re.IGNORECASE | re.ASCII)
_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)


def parse_number(text: str) -> float:
    """A number written in ASCII: ``3``, ``-0.5``, ``1e-3``, ``.5``, ``inf``, ``nan``
    (surrounding spaces are fine; a number beyond the float range is ``inf``). ``ValueError``
    for anything else, including digits of other scripts (``٣``, ``１``) and ``_``
    separators, which Python's ``float`` accepts but a formula, a TOML file or another program
    would not."""
    if not isinstance(text, str) or not _NUMBER.fullmatch(text.strip()):
        raise ValueError(f"expected a number, got {brief(text)}")
    return float(text.strip())


def parse_int(text: str) -> int:
    """A whole number written in ASCII digits (``42``, ``-3``, ``+7``; spaces around are
    fine); ``ValueError`` for anything else (``1.0``, ``1e3``, ``٣``, more than 4300 digits)."""
    if not isinstance(text, str) or not _INTEGER.fullmatch(text.strip()):
        raise ValueError(f"expected a whole number, got {brief(text)}")
    return int(text.strip())


def brief(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut to about ``limit`` characters (``'aaaa…' (300 characters)``), so
    that a message quoting what the user gave stays one short line."""
    if isinstance(value, list | tuple | Mapping) and len(value) > limit:
        text = repr(value[:3] if not isinstance(value, Mapping) else dict(list(value.items())[:3]))
        return f"{text[:limit]}… ({len(value):,} items)"
    text = repr(value)
    if len(text) <= limit:
        return text
    size = f"{len(value):,} characters" if isinstance(value, str) else f"{len(text):,} " \
        "characters written"
    return f"{text[:limit]}… ({size})"


def describe(value: Any) -> str:
    """What a value is, for a message: ``the text '0.1'``, ``true``, ``the number 1``,
    ``a list [1, 2]``, ``a table``."""
    if value is None:
        return "None"
    if isinstance(value, str):
        return f"the text {brief(value)}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Real):
        return f"the number {brief(value)}"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list | tuple):
        return f"a list {brief(value)}"
    return f"{type(value).__name__} {brief(value)}"


def unknown_name_error(kind: str, name: object, valid: Iterable[str]) -> ValueError:
    """A ``ValueError`` that names the valid choices and suggests the closest one."""
    valid = sorted(valid)
    text = str(name)
    hint = difflib.get_close_matches(text[:100], valid, n=1)
    maybe = f" Did you mean '{hint[0]}'?" if hint else ""
    return ValueError(f"Unknown {kind} {quoted(text)}.{maybe} Valid {kind}s: {', '.join(valid)}")


def key_text(key: Any, limit: int = 60) -> str:
    """A key of a file for a message: as written (``run.stepz``) if it is short and printable,
    else :func:`quoted`."""
    text = str(key)
    return text if text.isprintable() and len(text) <= limit else quoted(text, limit)


def quoted(name: Any, limit: int = 60) -> str:
    """A name the user gave, for a message: ``'adamm'``; escaped if it holds a line break or
    another control character, cut if long (``'aaa…' (300 characters)``), so that the message
    stays one line."""
    text = str(name)
    if not text.isprintable():
        return brief(text, limit)
    if len(text) > limit:
        return f"'{text[:limit]}…' ({len(text):,} characters)"
    return f"'{text}'"


def parse_params(owner: str, specs: Iterable[Param], given: Mapping[str, str]) -> dict[str, Any]:
    """``given``'s text values read by their parameter's :meth:`Param.parse` (the command line's
    ``KEY=VALUE`` pairs), ready for the same typed validation as a scenario file's values.

    ``ValueError`` naming ``owner`` (as :func:`validate_params` does) if a text cannot be read;
    a key that names no parameter is passed on unchanged, for :func:`validate_params` to name
    the valid keys.
    """
    specs = {p.name: p for p in specs}
    out = {}
    for key, text in given.items():
        try:
            out[key] = specs[key].parse(text) if key in specs else text
        except ValueError as err:
            raise ValueError(f"{owner}: {err}") from None
    return out


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
                    f"Unknown parameter {quoted(key)} for {owner}. Valid parameters: {valid}"
                )
            raise ValueError(f"Unknown parameter {quoted(key)} for {owner}: it takes no "
                             f"parameters")
        try:
            out[key] = specs[key].coerce(value)
        except ValueError as err:
            raise ValueError(f"{owner}: {err}") from None
    return out
