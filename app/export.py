"""Export: write frames (numpy RGB arrays) as PNG, a PNG sequence, an animated GIF or an MP4,
and trajectory data as JSON or CSV. Headless: no Qt here (the frames come from
:mod:`app.ui.export_dialog`, which renders them offscreen).

Every output is written **atomically**: into a temporary file (or folder) in the target's own
folder, renamed over the target only once it is complete. A cancelled or failed export leaves
nothing behind and never destroys an existing file; an existing target is replaced only when
``overwrite=True`` (the GUI asks first, the CLI needs ``--force``).

>>> writer = open_writer("lesson.gif", size=(640, 400), fps=30, key_colors=["#E69F00"])
>>> export_frames(frames, writer, progress=lambda done: ...)       # doctest: +SKIP
PosixPath('lesson.gif')

Frames are ``(height, width, 3)`` uint8 RGB arrays, or with ``pixel_format="bgra"`` the
``(height, width, 4)`` memory of a Qt ARGB32 image (what the renderer produces: no conversion on
the rendering thread; ffmpeg reads BGRA directly and Pillow unpacks it in C).

Output kinds (chosen from the path, :func:`output_kind`):

- ``FILE.png``: one frame (:func:`still_step`: the last step of the chosen range);
- ``DIR/`` (a path ending in a separator, or an existing folder): a PNG sequence
  ``frame_00000.png, frame_00001.png, ...`` numbered by frame, not by step;
- ``FILE.gif``: an animated GIF (looping) with one fixed 256-colour palette, computed once from a
  few sample frames plus the racers' exact colours; every frame after the first stores only the
  rectangle that changed, unchanged pixels in it transparent;
- ``FILE.mp4``: H.264 (libx264, yuv420p, ``-preset veryfast -crf 20``) through the ffmpeg
  binary bundled with imageio-ffmpeg; width and height must be even.

Errors are :class:`ExportError` (a ``ValueError``) with one clear line: unknown extension,
existing output (:class:`OutputExistsError`), missing or unwritable folder, full disk, ffmpeg's
own message. :class:`ExportCancelled` is raised when the caller's ``cancelled()`` says so.
"""

from __future__ import annotations

import errno
import io
import os
import queue
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from app.i18n import QT_TRANSLATE_NOOP
from surfaces.params import brief, parse_int

__all__ = [
    "KINDS",
    "PIXEL_FORMATS",
    "QT_PIXEL_FORMAT",
    "SIZE_PRESETS",
    "DEFAULT_SIZE",
    "FrameLayout",
    "frame_layout",
    "DEFAULT_FPS",
    "MAX_FPS",
    "MAX_GIF_FPS",
    "ExportError",
    "OutputExistsError",
    "ExportCancelled",
    "StepRange",
    "output_kind",
    "parse_size",
    "check_size",
    "parse_steps",
    "check_fps",
    "still_step",
    "check_output",
    "palette_sample_steps",
    "FrameWriter",
    "PngWriter",
    "PngSequenceWriter",
    "GifWriter",
    "Mp4Writer",
    "open_writer",
    "ThreadedWriter",
    "export_frames",
    "data_format",
    "trajectory_report",
    "write_trajectory_data",
    "atomic_write_text",
    "path_kind",
    "temp_prefix",
]

#: output kinds and what a user calls them
KINDS = {
    "png": QT_TRANSLATE_NOOP("export", "PNG snapshot"),
    "png-sequence": QT_TRANSLATE_NOOP("export", "PNG frame sequence"),
    "gif": QT_TRANSLATE_NOOP("export", "animated GIF"),
    "mp4": QT_TRANSLATE_NOOP("export", "MP4 video (H.264)"),
}
_SUFFIXES = {".png": "png", ".gif": "gif", ".mp4": "mp4"}
SIZE_PRESETS: dict[str, tuple[int, int]] = {"1280x720": (1280, 720), "1920x1080": (1920, 1080)}
DEFAULT_SIZE = (1280, 720)
DEFAULT_FPS = 30
MIN_SIDE, MAX_SIDE = 64, 7680
MAX_FPS = 60
#: GIF delays are whole 1/100 s and viewers slow down delays under 2/100 s
MAX_GIF_FPS = 50
FRAME_NAME = "frame_{:05d}.png"
_FRAME_RE = re.compile(r"^frame_\d{5,}\.png$")
#: how frames may be given: RGB, or the 32-bit BGRA memory of a Qt ARGB32 image
#: (little-endian), which the encoders unpack themselves (no conversion while rendering)
PIXEL_FORMATS = {"rgb24": 3, "bgra": 4}
#: the format a Qt ARGB32 image's memory is in on this machine (big-endian: converted to RGB)
QT_PIXEL_FORMAT = "bgra" if sys.byteorder == "little" else "rgb24"
MP4_ARGS = ("-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
            "-movflags", "+faststart")


class ExportError(ValueError):
    """An export that cannot be done; the message is one line for the user."""


class OutputExistsError(ExportError):
    """The target exists and ``overwrite`` was not given."""

    def __init__(self, path: Path):
        self.path = Path(path)
        super().__init__(f"{_show(self.path)} already exists")


class ExportCancelled(Exception):
    """The user cancelled; nothing was written."""


# ---------------------------------------------------------------------------------------------
# Checking what the user asked for
# ---------------------------------------------------------------------------------------------
def _show(path: os.PathLike | str) -> str:
    return os.fspath(path)


def output_kind(path: os.PathLike | str) -> str:
    """``"png"``, ``"gif"``, ``"mp4"`` or ``"png-sequence"`` (a path ending in a separator, or
    an existing folder); :class:`ExportError` for anything else."""
    text = os.fspath(path)
    if not text.strip():
        raise ExportError("no output path given")
    if text.endswith(("/", os.sep)) or path_kind(text) == "folder":
        return "png-sequence"
    suffix = Path(text).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    shown = f"'{suffix}'" if suffix else "no extension"
    raise ExportError(f"{text}: unknown output type ({shown}); use FILE.png, FILE.gif, "
                      f"FILE.mp4, or a folder ending in / for a PNG sequence")


def check_size(width: int, height: int, kind: str | None = None) -> tuple[int, int]:
    """``(width, height)`` if usable for ``kind``; :class:`ExportError` otherwise."""
    w, h = int(width), int(height)
    if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
        raise ExportError(f"size {w}x{h}: width and height must be between {MIN_SIDE} and "
                          f"{MAX_SIDE} pixels")
    if kind == "mp4" and (w % 2 or h % 2):
        raise ExportError(f"size {w}x{h}: an MP4 (H.264, yuv420p) needs an even width and "
                          f"height, e.g. {w + w % 2}x{h + h % 2}")
    return w, h


@dataclass(frozen=True)
class FrameLayout:
    """How a frame of a given size is laid out: the plot, and under it the readouts (loss and
    |gradient|) taking ``readout_fraction`` of the height; ``compact``: a small frame, whose
    readouts drop their axis titles and use smaller type so their tick labels still fit."""

    readouts: bool
    readout_fraction: float
    compact: bool


#: below this height a frame shows the plot alone (readouts would be a strip of axes)
READOUTS_MIN_HEIGHT = 240
#: below this width or height the readouts are drawn compact
COMPACT_BELOW = (800, 540)


def frame_layout(width: int, height: int, include_readouts: bool = True) -> FrameLayout:
    """The layout of a ``width`` x ``height`` frame (see :class:`FrameLayout`)."""
    compact = width < COMPACT_BELOW[0] or height < COMPACT_BELOW[1]
    if not include_readouts or height < READOUTS_MIN_HEIGHT:
        return FrameLayout(False, 0.0, compact)
    return FrameLayout(True, 0.3, compact)


def parse_size(text: str, kind: str | None = None) -> tuple[int, int]:
    """``"1280x720"`` -> ``(1280, 720)`` (checked by :func:`check_size`)."""
    m = re.fullmatch(r"\s*([0-9]{1,6})\s*[xX×]\s*([0-9]{1,6})\s*", str(text))
    if not m:
        raise ExportError(f"size: expected WIDTHxHEIGHT, e.g. 1280x720, got {brief(text)}")
    return check_size(int(m.group(1)), int(m.group(2)), kind)


def check_fps(fps: Any, kind: str | None = None) -> int:
    """Frames per second: a whole number from 1 to :data:`MAX_FPS` (:data:`MAX_GIF_FPS` for
    a GIF)."""
    top = MAX_GIF_FPS if kind == "gif" else MAX_FPS
    try:
        value = fps if type(fps) is int else parse_int(str(fps))
    except ValueError:
        value = None
    if value is None or not 1 <= value <= top:
        where = " for a GIF" if kind == "gif" else ""
        raise ExportError(f"fps: expected a whole number from 1 to {top}{where}, got "
                          f"{brief(fps)}")
    return value


@dataclass(frozen=True)
class StepRange:
    """Steps ``start, start + stride, ...`` up to ``stop`` inclusive (step 0 is the start)."""

    start: int
    stop: int
    stride: int = 1

    @property
    def steps(self) -> list[int]:
        return list(range(self.start, self.stop + 1, self.stride))

    def __len__(self) -> int:
        return len(range(self.start, self.stop + 1, self.stride))

    @classmethod
    def full(cls, last_step: int) -> StepRange:
        return cls(0, int(last_step), 1)

    def checked(self, last_step: int) -> StepRange:
        if self.stride < 1:
            raise ExportError(f"steps: the stride must be at least 1, got {self.stride}")
        if not 0 <= self.start <= self.stop:
            raise ExportError(f"steps: expected 0 <= A <= B, got {self.start}:{self.stop}")
        if self.stop > last_step:
            raise ExportError(f"steps: {self.stop} is beyond the last step of this run "
                              f"({last_step})")
        return self


def parse_steps(text: str | None, last_step: int) -> StepRange:
    """``"A:B[:STRIDE]"`` (A, B inclusive; either may be left out: ``":80"``, ``"20:"``,
    ``"::2"``) or a single step ``"K"`` -> :class:`StepRange` within ``0..last_step``."""
    if text is None or not str(text).strip():
        return StepRange.full(last_step)
    text = str(text).strip()
    parts = text.split(":")
    bad = ExportError(f"steps: expected A:B or A:B:STRIDE (whole numbers, e.g. 0:100:2) or "
                      f"one step K, got {brief(text)}")
    if len(parts) > 3:
        raise bad
    values: list[int | None] = []
    for p in parts:
        p = p.strip()
        if not p:
            values.append(None)
        elif re.fullmatch(r"[0-9]{1,9}", p):  # ASCII digits (a step is at most 1,000,000)
            values.append(int(p))
        else:
            raise bad
    if len(values) == 1:
        if values[0] is None:
            raise bad
        return StepRange(values[0], values[0], 1).checked(last_step)
    start = 0 if values[0] is None else values[0]
    stop = last_step if values[1] is None else values[1]
    stride = 1 if len(values) < 3 or values[2] is None else values[2]
    return StepRange(start, stop, stride).checked(last_step)


def still_step(steps: StepRange | Sequence[int]) -> int:
    """The step a single PNG shows: the last frame of the range (so ``--steps 40`` shows step
    40 and no ``--steps`` shows the final step)."""
    return (steps.steps if isinstance(steps, StepRange) else list(steps))[-1]


def palette_sample_steps(steps: Sequence[int], count: int = 3) -> list[int]:
    """A few steps spread over ``steps`` (first, middle, last) to build a GIF palette from."""
    steps = list(steps)
    if not steps:
        return []
    idx = np.unique(np.linspace(0, len(steps) - 1, max(1, count)).round().astype(int))
    return [steps[i] for i in idx]


def path_kind(path: os.PathLike | str, doing: str = "write") -> str:
    """What ``path`` is: ``"missing"``, ``"folder"``, ``"file"`` or ``"other"`` (a device, a
    FIFO, ...; symlinks followed). :class:`ExportError` with one line where the question has no
    answer: a name longer than the file system allows, a folder on the way that cannot be
    searched, a NUL character (``Path.exists`` raises, or says False, there)."""
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError as err:
        raise ExportError(_os_message(err, Path(os.fspath(path)), doing)) from None
    except ValueError:
        raise ExportError(f"{brief(os.fspath(path))}: a path cannot contain a NUL "
                          f"character") from None
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "other"


def temp_prefix(name: str, limit: int = 100) -> str:
    """``".NAME."``, the prefix of a temporary file beside ``NAME``, with ``NAME`` cut to
    ``limit`` bytes: the temporary name must fit the file system's 255 bytes when ``NAME``
    itself is close to it."""
    name = name[:limit]
    while len(os.fsencode(name)) > limit:
        name = name[:-1]
    return f".{name}."


def _is_frame_folder(path: Path) -> bool:
    """An existing folder that is empty or holds only a previous PNG sequence."""
    try:
        return all(_FRAME_RE.match(p.name) and p.is_file() for p in path.iterdir())
    except OSError:
        return False


def check_output(path: os.PathLike | str, kind: str | None = None,
                 overwrite: bool = False) -> Path:
    """The target as a :class:`Path` once it can be written; :class:`ExportError` (or
    :class:`OutputExistsError`) with a clear line otherwise. Nothing is created."""
    kind = kind or output_kind(path)
    target = Path(os.path.abspath(os.fspath(path)))
    folder = target.parent
    if path_kind(folder) != "folder":
        raise ExportError(f"folder does not exist: {_show(folder)}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write to folder {_show(folder)}: permission denied")
    found = path_kind(target)
    if kind == "png-sequence":
        if found not in ("missing", "folder"):
            raise ExportError(f"{_show(target)} is a file, not a folder for a PNG sequence")
        if found == "folder" and not _is_empty(target):
            if not _is_frame_folder(target):
                raise ExportError(f"{_show(target)} holds other files; choose an empty or new "
                                  f"folder for the PNG sequence")
            if not overwrite:
                raise OutputExistsError(target)
    elif found != "missing":
        _check_replaceable(target, found, overwrite)
    return target


def _is_empty(folder: Path) -> bool:
    try:
        return not any(folder.iterdir())
    except OSError as err:
        raise ExportError(_os_message(err, folder, "use")) from None


def _check_replaceable(target: Path, found: str, overwrite: bool) -> None:
    """An existing target may be replaced only if it is a file and ``overwrite`` is given
    (``os.replace`` would put the output in place of a device or a FIFO)."""
    if found == "folder":
        raise ExportError(f"{_show(target)} is a folder; give a file name")
    if found == "other":
        raise ExportError(f"{_show(target)} exists and is not a regular file")
    if not overwrite:
        raise OutputExistsError(target)


def _os_message(err: OSError, path: Path, doing: str = "write") -> str:
    code = getattr(err, "errno", None)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"not enough disk space to {doing} {_show(path)}"
    if code in (errno.EACCES, errno.EPERM):
        return f"cannot {doing} {_show(path)}: permission denied"
    if code == errno.EROFS:
        return f"cannot {doing} {_show(path)}: the file system is read-only"
    if code == errno.ENAMETOOLONG:
        return (f"cannot {doing} {brief(_show(path))}: a file or folder name in it is too long "
                f"for the file system")
    if code == errno.ELOOP:
        return f"cannot {doing} {_show(path)}: too many levels of symbolic links"
    if code == errno.ENOENT:
        if path.parent.is_dir():  # e.g. /proc: the folder exists but takes no new files
            return f"cannot {doing} {_show(path)}: the folder {_show(path.parent)} does not " \
                   f"accept new files"
        return f"folder does not exist: {_show(path.parent)}"
    reason = getattr(err, "strerror", None) or str(err) or type(err).__name__
    return f"cannot {doing} {_show(path)}: {reason}"


_UMASK: int | None = None


def default_file_mode(directory: bool = False) -> int:
    """0o666/0o777 minus the umask (mkstemp/mkdtemp create private 0o600/0o700 entries)."""
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return (0o777 if directory else 0o666) & ~_UMASK


# ---------------------------------------------------------------------------------------------
# Frames
# ---------------------------------------------------------------------------------------------
def _frame(frame: Any, size: tuple[int, int], pixel_format: str = "rgb24") -> np.ndarray:
    """``frame`` checked: a C-contiguous uint8 array of ``size``, ``(height, width, 3)`` for
    ``"rgb24"``, ``(height, width, 4)`` for ``"bgra"``."""
    a = np.asarray(frame)
    channels = PIXEL_FORMATS[pixel_format]
    if a.ndim != 3 or a.shape[2] != channels or a.dtype != np.uint8:
        raise ValueError(f"a frame must be a (height, width, {channels}) uint8 array "
                         f"({pixel_format}), got {a.dtype} {a.shape}")
    if (a.shape[1], a.shape[0]) != tuple(size):
        raise ValueError(f"frame is {a.shape[1]}x{a.shape[0]}, expected {size[0]}x{size[1]}")
    return np.ascontiguousarray(a)


def _image(frame: np.ndarray, pixel_format: str = "rgb24"):
    """A checked frame as a Pillow RGB image (BGRA is unpacked by Pillow, in C)."""
    from PIL import Image

    if pixel_format == "bgra":
        h, w = frame.shape[:2]
        return Image.frombuffer("RGB", (w, h), frame, "raw", "BGRX", 0, 1)
    return Image.fromarray(frame)


def _hex_rgb(color: Any) -> tuple[int, int, int] | None:
    """``"#RRGGBB"`` (or Qt's ``"#AARRGGBB"``) or an (r, g, b) tuple -> (r, g, b)."""
    if isinstance(color, str):
        digits = color.strip().lstrip("#")
        if len(digits) == 8:  # Qt reads 8 digits as #AARRGGBB
            digits = digits[2:]
        if len(digits) != 6:
            return None
        try:
            return tuple(int(digits[i:i + 2], 16) for i in (0, 2, 4))  # type: ignore
        except ValueError:
            return None
    try:
        r, g, b = (int(v) for v in list(color)[:3])
    except (TypeError, ValueError):
        return None
    return (r, g, b) if all(0 <= v <= 255 for v in (r, g, b)) else None


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------
class FrameWriter:
    """Base class: ``start()``, ``add(frame)`` per frame, ``finish()``, then ``commit()``
    (rename into place) or ``abort()`` (remove the temporary output; the target is never
    touched). Usable as a context manager that aborts on error."""

    kind = ""

    def __init__(self, path: os.PathLike | str, size: tuple[int, int], fps: int = DEFAULT_FPS,
                 overwrite: bool = False, pixel_format: str = "rgb24"):
        if pixel_format not in PIXEL_FORMATS:
            raise ValueError(f"pixel_format must be one of {', '.join(PIXEL_FORMATS)}, got "
                             f"{pixel_format!r}")
        self.pixel_format = pixel_format
        self.size = check_size(*size, kind=self.kind)
        self.fps = check_fps(fps, self.kind)
        self.overwrite = bool(overwrite)
        self.path = check_output(path, self.kind, self.overwrite)
        self.frames = 0
        self.temp: Path | None = None
        self._started = self._finished = self._closed = False

    # -- temp file handling ----------------------------------------------------------------
    def _make_temp_file(self) -> Path:
        try:
            fd, name = tempfile.mkstemp(prefix=temp_prefix(self.path.stem), suffix=f".part"
                                        f"{self.path.suffix}", dir=self.path.parent)
        except OSError as err:
            raise ExportError(_os_message(err, self.path)) from None
        os.close(fd)
        return Path(name)

    def start(self) -> None:
        if self._started:
            return
        self._started = True
        self.temp = self._make_temp_file()
        try:
            self._open()
        except BaseException:
            self.abort()
            raise

    def add(self, frame: Any) -> None:
        if not self._started:
            self.start()
        if self._finished:
            raise RuntimeError("add() after finish()")
        checked = _frame(frame, self.size, self.pixel_format)
        try:
            self._add(checked)
        except OSError as err:
            raise ExportError(_os_message(err, self.path)) from None
        self.frames += 1

    def finish(self) -> None:
        """Complete the temporary output (still not in place: :meth:`commit` does that)."""
        if self._finished:
            return
        if not self._started:
            self.start()
        if self.frames == 0:
            raise ExportError("nothing to export: no frames")
        try:
            self._finish()
        except OSError as err:
            raise ExportError(_os_message(err, self.path)) from None
        self._finished = True

    def commit(self) -> Path:
        """Move the finished output over the target (atomically) and return the target."""
        self.finish()
        assert self.temp is not None
        try:
            if not self.overwrite and os.path.lexists(self.path):
                raise OutputExistsError(self.path)
            self._commit()
        except OSError as err:
            self.abort()
            raise ExportError(_os_message(err, self.path)) from None
        except BaseException:
            self.abort()
            raise
        self._closed = True
        self.temp = None
        return self.path

    def abort(self) -> None:
        """Drop everything written so far (idempotent); an existing target stays as it was."""
        if self._closed:
            return
        self._closed = True
        try:
            self._close_quietly()
        finally:
            temp, self.temp = self.temp, None
            if temp is not None:
                _remove(temp)

    def interrupt(self) -> None:
        """Stop at once what may block a writing thread (an encoder process), from any
        thread; :meth:`abort` then cleans up."""

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.commit()
        else:
            self.abort()
        return False

    # -- for subclasses --------------------------------------------------------------------
    def _open(self) -> None:
        pass

    def _add(self, frame: np.ndarray) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        pass

    def _close_quietly(self) -> None:
        pass

    def _commit(self) -> None:
        assert self.temp is not None
        with open(self.temp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(self.temp, default_file_mode())
        os.replace(self.temp, self.path)


class PngWriter(FrameWriter):
    """One PNG: the last frame added."""

    kind = "png"

    def _add(self, frame: np.ndarray) -> None:
        self._last = frame

    def _finish(self) -> None:
        assert self.temp is not None
        _image(self._last, self.pixel_format).save(self.temp, format="PNG", compress_level=6)


class PngSequenceWriter(FrameWriter):
    """``frame_00000.png, ...`` in a temporary folder beside the target, renamed at the end."""

    kind = "png-sequence"

    def __init__(self, path, size, fps=DEFAULT_FPS, overwrite=False, pixel_format="rgb24",
                 compress_level: int = 3):
        super().__init__(path, size, fps, overwrite, pixel_format)
        self.compress_level = compress_level

    def _make_temp_file(self) -> Path:
        try:
            name = tempfile.mkdtemp(prefix=temp_prefix(self.path.name), suffix=".part",
                                    dir=self.path.parent)
        except OSError as err:
            raise ExportError(_os_message(err, self.path)) from None
        return Path(name)

    def _add(self, frame: np.ndarray) -> None:
        assert self.temp is not None
        _image(frame, self.pixel_format).save(self.temp / FRAME_NAME.format(self.frames),
                                              format="PNG", compress_level=self.compress_level)

    def _commit(self) -> None:
        assert self.temp is not None
        os.chmod(self.temp, default_file_mode(directory=True))
        if not self.path.exists():
            os.rename(self.temp, self.path)
            return
        if not _is_frame_folder(self.path):  # re-checked: never remove anything else
            raise ExportError(f"{_show(self.path)} holds other files; not replaced")
        old = self.temp.with_name(self.temp.name + ".old")
        os.rename(self.path, old)
        try:
            os.rename(self.temp, self.path)
        except BaseException:
            os.rename(old, self.path)
            raise
        shutil.rmtree(old, ignore_errors=True)


class GifWriter(FrameWriter):
    """A looping animated GIF, written frame by frame (memory stays flat).

    The palette is fixed for the whole animation: ``key_colors`` (the racers' colours, kept
    exact) plus colours quantized once (median cut) from ``palette_frames`` (or the first frame
    added); index 255 is the transparent index. Each frame is mapped to it without dithering
    (Pillow, ~5 ms at 1280x720); frames after the first store only the bounding box of the
    pixels that changed, unchanged pixels inside it transparent, so the encoder compresses little
    more than the moving path. Delays are whole 1/100 s, error-diffused to keep ``fps`` on
    average; every added frame is one GIF frame (an unchanged one is a 1x1 transparent patch).
    """

    kind = "gif"
    TRANSPARENT = 255

    def __init__(self, path, size, fps=DEFAULT_FPS, overwrite=False, pixel_format="rgb24",
                 key_colors: Iterable[Any] = (), palette_frames: Sequence[Any] | None = None,
                 loop: int = 0):
        super().__init__(path, size, fps, overwrite, pixel_format)
        self.key_colors: list[tuple[int, int, int]] = []
        self.add_key_colors(key_colors)
        self.loop = int(loop)
        self._palette_image = None
        self.palette: np.ndarray | None = None  # (255, 3) uint8
        self._prev: np.ndarray | None = None
        self._file: io.BufferedWriter | None = None
        self._time_cs = 0.0
        self._written_cs = 0
        if palette_frames:
            self.set_palette(palette_frames)

    def add_key_colors(self, colors: Iterable[Any]) -> None:
        """Colours to keep exact in the palette (at most 32; before :meth:`set_palette`)."""
        for c in colors:
            rgb = _hex_rgb(c)
            if rgb is not None and rgb not in self.key_colors and len(self.key_colors) < 32:
                self.key_colors.append(rgb)

    def set_palette(self, frames: Sequence[np.ndarray]) -> None:
        """Compute the palette from ``frames`` (in the writer's pixel format; before the
        first :meth:`add`)."""
        from PIL import Image

        if self._prev is not None:
            raise RuntimeError("the palette is fixed once frames are written")
        n_free = 255 - len(self.key_colors)
        rgb = [np.asarray(_image(_frame(f, self.size, self.pixel_format), self.pixel_format))
               for f in frames]
        sample = np.concatenate([f[::2, ::2] for f in rgb], axis=0)
        quant = Image.fromarray(np.ascontiguousarray(sample)).quantize(
            n_free, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        got = np.array(quant.getpalette()[: 3 * n_free], dtype=np.uint8).reshape(-1, 3)
        colors = np.zeros((255, 3), np.uint8)
        if self.key_colors:
            colors[: len(self.key_colors)] = self.key_colors
        colors[len(self.key_colors): len(self.key_colors) + len(got)] = got
        used = len(self.key_colors) + len(got)
        if used < 255:
            colors[used:] = colors[0]
        self.palette = colors
        image = Image.new("P", (1, 1))
        image.putpalette(colors.reshape(-1).tolist(), "RGB")  # 255 entries: never index 255
        self._palette_image = image

    def _open(self) -> None:
        assert self.temp is not None
        self._file = open(self.temp, "wb")  # noqa: SIM115 (closed in _finish / abort)

    def _indices(self, frame: np.ndarray) -> np.ndarray:
        from PIL import Image

        q = _image(frame, self.pixel_format).quantize(palette=self._palette_image,
                                                      dither=Image.Dither.NONE)
        return np.asarray(q)

    def _header(self) -> bytes:
        w, h = self.size
        table = np.zeros((256, 3), np.uint8)
        table[:255] = self.palette
        table[255] = self.palette[0]
        loop = b"!\xff\x0bNETSCAPE2.0\x03\x01" + int(self.loop).to_bytes(2, "little") + b"\x00"
        return (b"GIF89a" + w.to_bytes(2, "little") + h.to_bytes(2, "little")
                + bytes((0xF7, 0, 0)) + table.tobytes() + loop)

    def _delay_cs(self) -> int:
        self._time_cs += 100.0 / self.fps
        delay = int(round(self._time_cs)) - self._written_cs
        self._written_cs += delay
        return max(delay, 2)

    def _add(self, frame: np.ndarray) -> None:
        from PIL import GifImagePlugin, Image

        assert self._file is not None
        if self._palette_image is None:
            self.set_palette([frame])
        cur = self._indices(frame)
        if self._prev is None:
            self._file.write(self._header())
            patch, offset = cur, (0, 0)
        else:
            changed = cur != self._prev
            rows, cols = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
            if rows.size == 0:
                patch, offset = np.full((1, 1), self.TRANSPARENT, np.uint8), (0, 0)
            else:
                y0, y1, x0, x1 = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
                patch = cur[y0:y1, x0:x1].copy()
                patch[~changed[y0:y1, x0:x1]] = self.TRANSPARENT
                offset = (int(x0), int(y0))
        self._prev = cur
        image = Image.frombuffer("L", (patch.shape[1], patch.shape[0]),
                                 np.ascontiguousarray(patch), "raw", "L", 0, 1)
        chunks = GifImagePlugin.getdata(image, offset, duration=10 * self._delay_cs(),
                                        transparency=self.TRANSPARENT, disposal=1)
        for chunk in chunks:
            self._file.write(chunk)

    def _finish(self) -> None:
        assert self._file is not None
        self._file.write(b";")
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._file = None

    def _commit(self) -> None:
        assert self.temp is not None
        os.chmod(self.temp, default_file_mode())
        os.replace(self.temp, self.path)

    def _close_quietly(self) -> None:
        if self._file is not None:
            try:
                self._file.close()
            except OSError:
                pass
            self._file = None


class Mp4Writer(FrameWriter):
    """H.264 MP4 by piping raw RGB frames into ffmpeg (imageio-ffmpeg's bundled binary).

    ffmpeg is run directly (the arguments ``imageio_ffmpeg.write_frames`` would use, plus
    ``-preset veryfast -crf 20 -movflags +faststart``) so that its exit status and its error
    message are checked: a failure while finalizing (e.g. a full disk) is reported, not ignored.
    """

    kind = "mp4"

    def __init__(self, path, size, fps=DEFAULT_FPS, overwrite=False, pixel_format="rgb24",
                 extra_args: Sequence[str] = MP4_ARGS):
        super().__init__(path, size, fps, overwrite, pixel_format)
        self.extra_args = tuple(extra_args)
        self._proc: subprocess.Popen | None = None
        self._log = None

    def command(self) -> list[str]:
        import imageio_ffmpeg

        w, h = self.size
        return [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
                "-f", "rawvideo", "-pix_fmt", self.pixel_format, "-s", f"{w}x{h}",
                "-r", str(self.fps),
                "-i", "pipe:0", "-an", *self.extra_args, "-f", "mp4", os.fspath(self.temp)]

    def _open(self) -> None:
        try:
            cmd = self.command()
        except Exception as err:  # imageio_ffmpeg missing, or no ffmpeg binary for this system
            raise ExportError(f"MP4 export needs ffmpeg (pip install imageio-ffmpeg): "
                              f"{err}") from None
        self._log = tempfile.TemporaryFile()
        kwargs: dict[str, Any] = {}
        if os.name == "posix":
            kwargs["start_new_session"] = True  # Ctrl+C reaches us, and we stop ffmpeg
        elif sys.platform == "win32":
            kwargs["creationflags"] = subprocess.CREATE_NO_WINDOW
        try:
            self._proc = subprocess.Popen(cmd, stdin=subprocess.PIPE,
                                          stdout=subprocess.DEVNULL, stderr=self._log, **kwargs)
        except OSError as err:
            raise ExportError(f"cannot start ffmpeg: {err}") from None

    def _ffmpeg_error(self) -> ExportError:
        text = ""
        if self._log is not None:
            try:
                self._log.seek(0)
                text = self._log.read().decode("utf-8", "replace")
            except (OSError, ValueError):
                pass
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        if any("No space left" in ln for ln in lines):
            return ExportError(f"not enough disk space to write {_show(self.path)}")
        code = self._proc.returncode if self._proc is not None else None
        last = lines[-1] if lines else f"exit status {code}"
        return ExportError(f"ffmpeg could not write {_show(self.path)}: {last}")

    def _add(self, frame: np.ndarray) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        try:
            self._proc.stdin.write(memoryview(frame).cast("B"))
        except (BrokenPipeError, ValueError):
            self._proc.wait()
            raise self._ffmpeg_error() from None

    def _finish(self) -> None:
        assert self._proc is not None and self._proc.stdin is not None
        try:
            self._proc.stdin.close()
        except BrokenPipeError:
            pass
        code = self._proc.wait()
        if code != 0:
            raise self._ffmpeg_error()
        self._proc = None
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def interrupt(self) -> None:
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()  # a frame being piped in fails at once (BrokenPipeError)

    def _close_quietly(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            try:
                if proc.stdin is not None:
                    proc.stdin.close()
            except OSError:
                pass
            proc.wait()
        self._close_log()


_WRITERS: dict[str, type[FrameWriter]] = {
    "png": PngWriter, "png-sequence": PngSequenceWriter, "gif": GifWriter, "mp4": Mp4Writer,
}


def open_writer(path: os.PathLike | str, size: tuple[int, int] = DEFAULT_SIZE,
                fps: int = DEFAULT_FPS, overwrite: bool = False, kind: str | None = None,
                **options: Any) -> FrameWriter:
    """The writer for ``path`` (kind from its extension unless given); every check is done
    here, before any frame is rendered. ``options`` go to the writer: ``pixel_format``
    (``"rgb24"``, or ``"bgra"``: the memory of a Qt ARGB32 image, unpacked by the encoder in
    the worker thread), and for a GIF ``key_colors`` and ``palette_frames``."""
    kind = kind or output_kind(path)
    cls = _WRITERS[kind]
    if cls is not GifWriter:
        options = {k: v for k, v in options.items() if k not in ("key_colors", "palette_frames")}
    return cls(path, size, fps, overwrite, **options)


# ---------------------------------------------------------------------------------------------
# Running an export
# ---------------------------------------------------------------------------------------------
_END = object()


class ThreadedWriter:
    """Runs a :class:`FrameWriter` in a worker thread, fed through a small queue, so that
    rendering (main thread) and encoding overlap. ``put`` blocks while the queue is full
    (:meth:`has_room` tells a GUI whether it may render another frame now); the worker's error
    is raised by the next ``put``/``commit``."""

    def __init__(self, writer: FrameWriter, max_pending: int = 4):
        self.writer = writer
        self._queue: queue.Queue = queue.Queue(max(1, max_pending))
        self._error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="export-writer", daemon=True)
        self.put_count = 0

    @property
    def frames_written(self) -> int:
        return self.writer.frames

    def start(self) -> None:
        self.writer.start()
        self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _END:
                break
            if self._error is not None or self._stop.is_set():
                continue  # keep draining so that a producer never blocks forever
            try:
                self.writer.add(item)
            except BaseException as err:  # noqa: BLE001 (handed to the producer)
                self._error = err
        if self._error is None and not self._stop.is_set():
            try:
                self.writer.finish()
            except BaseException as err:  # noqa: BLE001
                self._error = err

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def has_room(self) -> bool:
        return not self._queue.full()

    def put(self, frame: np.ndarray) -> None:
        self._raise()
        self._queue.put(frame)
        self.put_count += 1

    def close_input(self) -> None:
        self._queue.put(_END)

    def done(self) -> bool:
        """True once the worker has finished (after :meth:`close_input`)."""
        return not self._thread.is_alive()

    def commit(self) -> Path:
        self._thread.join()
        try:
            self._raise()
        except BaseException:
            self.writer.abort()
            raise
        return self.writer.commit()

    def abort(self) -> None:
        self._stop.set()
        self.writer.interrupt()  # the worker may be blocked writing into ffmpeg
        if self._thread.is_alive():
            while True:  # unblock the worker and let it stop
                try:
                    self._queue.get_nowait()
                except queue.Empty:
                    break
            self._queue.put(_END)
            self._thread.join()
        self.writer.abort()


def export_frames(frames: Iterable[np.ndarray], writer: FrameWriter, *,
                  progress: Callable[[int], Any] | None = None,
                  cancelled: Callable[[], bool] | None = None,
                  threaded: bool = True) -> Path:
    """Write every frame of ``frames`` with ``writer`` and put the output in place.

    ``progress(done)`` is called after each frame; ``cancelled()`` is asked before each one
    (True: :class:`ExportCancelled`). On any error, cancel or interrupt the temporary output is
    removed and an existing target is left as it was. Returns the target path.
    """
    runner = ThreadedWriter(writer) if threaded else None
    try:
        if runner is not None:
            runner.start()
        else:
            writer.start()
        done = 0
        for frame in frames:
            if cancelled is not None and cancelled():
                raise ExportCancelled()
            if runner is not None:
                runner.put(frame)
            else:
                writer.add(frame)
            done += 1
            if progress is not None:
                progress(done)
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        if runner is not None:
            runner.close_input()
            return runner.commit()
        return writer.commit()
    except BaseException:
        if runner is not None:
            runner.abort()
        else:
            writer.abort()
        raise


# ---------------------------------------------------------------------------------------------
# Trajectory data (the same JSON as ``descent-lab run``)
# ---------------------------------------------------------------------------------------------
def data_format(path: os.PathLike | str) -> str:
    suffix = Path(os.fspath(path)).suffix.lower()
    if suffix in (".json", ".csv"):
        return suffix[1:]
    shown = f"'{suffix}'" if suffix else "no extension"
    raise ExportError(f"{os.fspath(path)}: unknown data format ({shown}); use FILE.json or "
                      f"FILE.csv")


def atomic_write_text(path: os.PathLike | str, write: Callable[[io.TextIOBase], Any],
                      overwrite: bool = False) -> Path:
    """Write a text file through ``write(stream)`` atomically (temp file, fsync, replace)."""
    target = Path(os.path.abspath(os.fspath(path)))
    folder = target.parent
    if path_kind(folder) != "folder":
        raise ExportError(f"folder does not exist: {_show(folder)}")
    found = path_kind(target)
    if found != "missing":
        _check_replaceable(target, found, overwrite)
    try:
        fd, name = tempfile.mkstemp(prefix=temp_prefix(target.stem),
                                    suffix=f".part{target.suffix}", dir=folder)
    except OSError as err:
        raise ExportError(_os_message(err, target)) from None
    temp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, default_file_mode())
        if not overwrite and os.path.lexists(target):
            raise OutputExistsError(target)
        os.replace(temp, target)
    except OSError as err:
        _unlink(temp)
        raise ExportError(_os_message(err, target)) from None
    except BaseException:
        _unlink(temp)
        raise
    return target


def _remove(path: Path, tries: int = 5) -> None:
    """Remove a temporary file or folder; a folder is tried again if a writer thread that is
    being stopped put one more frame into it meanwhile."""
    for _ in range(tries):
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except FileNotFoundError:
            return
        except OSError:
            continue
        if not os.path.lexists(path):
            return


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def trajectory_report(scenario, runs=None, surface=None) -> dict[str, Any]:
    """The report :mod:`app.report` builds for ``scenario`` (what ``descent-lab run
    --scenario`` prints); ``runs`` are simulated here unless given (``None`` entries, the UI's
    disabled racers, are skipped)."""
    from app import report
    from app.engine import Noise

    surface = surface or scenario.build_surface()
    runs = scenario.simulate(surface) if runs is None else [r for r in runs if r is not None]
    noise = Noise(scenario.noise_sigma, scenario.noise_seed)
    return report.build(surface, runs, noise=noise, scenario=scenario.name or None)


def write_trajectory_data(path: os.PathLike | str, scenario, runs=None, surface=None,
                          overwrite: bool = False, fmt: str | None = None) -> Path:
    """Every racer's points, loss, |g|, lr and diverged_at as JSON (``descent-lab run``'s
    format) or CSV (``descent-lab run --format csv``), written atomically."""
    from app import report

    fmt = fmt or data_format(path)
    if fmt == "csv":
        surface = surface or scenario.build_surface()
        rows = scenario.simulate(surface) if runs is None else [r for r in runs if r is not None]
        return atomic_write_text(path, lambda out: report.write_csv(rows, out, surface), overwrite)
    if fmt != "json":
        raise ExportError(f"unknown data format {fmt!r}; use json or csv")
    data = trajectory_report(scenario, runs, surface)
    return atomic_write_text(path, lambda out: report.write_json(data, out), overwrite)
