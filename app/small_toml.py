"""Reading a small TOML file from an untrusted source: bounded in size, depth and time.

A scenario file is a few kilobytes. This module refuses, *before* parsing, anything that could
make reading or parsing run away:

- :func:`read_text`: only a regular file (a symlink to one is fine) of at most
  :data:`MAX_BYTES`; a device (``/dev/zero``), a FIFO, a socket or a folder is refused without
  reading (a FIFO is opened non-blocking, so ``open`` cannot hang), and at most
  ``MAX_BYTES + 1`` bytes are ever read (a file that grows while it is read is refused too);
- :func:`loads`: ``tomllib.loads`` after a linear scan that refuses arrays and inline tables
  nested deeper than :data:`MAX_NESTING` (``tomllib`` recurses once per level) and dotted keys
  or table headers of more than :data:`MAX_KEY_PARTS` parts (``tomllib`` builds a key in time
  quadratic in its parts: a 100 kB header ``[a.a.a...]`` took seconds).

Every refusal is a :class:`TomlLimitError` (a ``ValueError``) whose message is one line without
the file name (the caller adds it); a syntax error is ``tomllib``'s message.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tomllib
from typing import Any

__all__ = ["MAX_BYTES", "MAX_NESTING", "MAX_KEY_PARTS", "TomlLimitError", "read_text", "loads",
           "check_structure"]

#: the largest file read (the largest built-in scenario is about 2 kB)
MAX_BYTES = 256 * 1024
#: arrays and inline tables inside each other (a scenario needs 2: ``window = [[0, 1], [0, 1]]``)
MAX_NESTING = 32
#: parts of one dotted key or table header (``[a.b.c]`` has 3)
MAX_KEY_PARTS = 32


class TomlLimitError(ValueError):
    """A file or text that is refused before parsing (one line, without the file name)."""


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------
def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _check_stat(st: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(st.st_mode):
        kind = _kind(st.st_mode)
        what = kind if kind.startswith("not") else f"{kind}, not a regular file"
        raise TomlLimitError(f"{what}; a scenario is a .toml text file")
    if st.st_size > limit:
        raise TomlLimitError(f"too large: {st.st_size:,} bytes (a scenario file has at most "
                             f"{limit:,})")


def os_error_text(err: OSError) -> str:
    """A short reason for a failed read: ``"no such file"``, ``"permission denied"``, ..."""
    reasons = {errno.ENOENT: "no such file", errno.EACCES: "permission denied",
               errno.EPERM: "permission denied", errno.ENOTDIR: "a part of the path is not a "
               "folder", errno.ENAMETOOLONG: "the name is too long for the file system",
               errno.ELOOP: "too many levels of symbolic links"}
    return reasons.get(err.errno, err.strerror or str(err) or type(err).__name__)


def _read_at_most(fd: int, n: int) -> bytes:
    chunks, size = [], 0
    while size < n:
        chunk = os.read(fd, n - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def read_text(path: os.PathLike | str, limit: int = MAX_BYTES) -> str:
    """The UTF-8 text of a small regular file (a BOM is dropped); :class:`TomlLimitError` for
    anything else, with a one-line reason (the caller names the file)."""
    try:
        _check_stat(os.stat(path), limit)  # no open() yet: a FIFO or a device is never opened
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
        try:
            _check_stat(os.fstat(fd), limit)  # the path may have been swapped meanwhile
            data = _read_at_most(fd, limit + 1)
        finally:
            os.close(fd)
    except OSError as err:
        raise TomlLimitError(f"cannot read: {os_error_text(err)}") from None
    except TomlLimitError:
        raise
    except ValueError:  # a NUL character in the path
        raise TomlLimitError("cannot read: the path contains a NUL character") from None
    if len(data) > limit:  # it grew, or its size said 0 (as files in /proc do)
        raise TomlLimitError(f"too large: more than {limit:,} bytes (a scenario file has at "
                             f"most {limit:,})")
    try:
        return data.decode("utf-8-sig")  # -sig: a BOM (Notepad) is not TOML
    except UnicodeDecodeError:
        raise TomlLimitError("not a text file (expected UTF-8 TOML)") from None


# ---------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------
#: strings and comments (skipped whole, as TOML reads them) and the characters that matter:
#: a multi-line string may end in up to two extra quotes; an unterminated one runs to the end
_TOKENS = re.compile(r'''
      """(?:[^"\\]|\\[\s\S]|"(?!""))*"""(?:""|")?
    | """[\s\S]*
    | \'\'\'(?:[^']|'(?!''))*\'\'\'(?:''|')?
    | \'\'\'[\s\S]*
    | "(?:[^"\\\n]|\\.)*"?
    | '[^'\n]*'?
    | \#[^\n]*
    | [\[\]{}.=,\n]
''', re.VERBOSE)
_OPEN, _CLOSE, _BREAK = "[{", "]}", "=,\n"


def check_structure(text: str, max_nesting: int = MAX_NESTING,
                    max_key_parts: int = MAX_KEY_PARTS) -> None:
    """:class:`TomlLimitError` if ``text`` nests arrays or inline tables deeper than
    ``max_nesting`` or has a dotted key with more than ``max_key_parts`` parts. One linear
    pass over the tokens; strings and comments are skipped as TOML reads them."""
    depth = dots = 0
    for m in _TOKENS.finditer(text):
        token = m.group()
        if token in _OPEN:
            depth += 1
            if depth > max_nesting:
                raise TomlLimitError(f"line {_line(text, m.start())}: arrays and tables nested "
                                     f"more than {max_nesting} deep")
            dots = 0
        elif token in _CLOSE:
            depth = max(0, depth - 1)
            dots = 0
        elif token == ".":
            dots += 1
            if dots >= max_key_parts:
                raise TomlLimitError(f"line {_line(text, m.start())}: a dotted key with more "
                                     f"than {max_key_parts} parts")
        elif token in _BREAK:
            dots = 0


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def loads(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)`` once :func:`check_structure` passed; :class:`TomlLimitError` for
    a refused structure, ``tomllib.TOMLDecodeError`` for a syntax error."""
    check_structure(text)
    try:
        return tomllib.loads(text)
    except RecursionError:  # a backstop: check_structure keeps the nesting far below it
        raise TomlLimitError("nested too deeply") from None
