"""The Linux application-menu entry: ``descent-lab install-desktop`` and ``uninstall-desktop``.

:func:`install` writes, under the user's XDG data folder (``$XDG_DATA_HOME``, by default
``~/.local/share``; the XDG Base Directory Specification), the files of :func:`entry_files`::

    applications/descent-lab.desktop             the menu entry (Desktop Entry Specification 1.4)
    icons/hicolor/scalable/apps/descent-lab.svg  the icon, scalable
    icons/hicolor/NxN/apps/descent-lab.png       the icon as PNG, N = 16 ... 256

and :func:`uninstall` removes exactly those files (the folders stay: they are the desktop's).
The entry starts the ``descent-lab`` command that ran the install, or ``python -m app`` with the
same interpreter, so it opens this installation even when it is not on ``PATH``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from app.about import NAME, about
from app.assets import ICON

__all__ = ["APP_ID", "ICON_SIZES", "data_home", "desktop_entry", "entry_files", "exec_line",
           "install", "launch_command", "uninstall"]

#: the desktop file's name and the icon's name; the window's app id on Wayland is the same
APP_ID = "descent-lab"
#: the icon's sizes in pixels: PNG files in ``hicolor/NxN/apps``, and the window icon's pixmaps
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
CATEGORIES = ("Education", "Math")  # one main category, so it is listed once
KEYWORDS = ("optimizer", "gradient descent", "learning rate", "momentum", "Adam",
            "loss surface", "machine learning")
#: characters that make the Exec key quote an argument (Desktop Entry Spec, "The Exec key")
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")


def data_home(environ: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset, empty or relative (the
    spec says a relative path is invalid and must be ignored)."""
    value = environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def entry_files(root: Path) -> dict[str, Path]:
    """What an install writes under ``root``: ``{"desktop": ..., "svg": ..., "16": ..., ...}``."""
    hicolor = root / "icons" / "hicolor"
    files = {"desktop": root / "applications" / f"{APP_ID}.desktop",
             "svg": hicolor / "scalable" / "apps" / f"{APP_ID}.svg"}
    for n in ICON_SIZES:
        files[str(n)] = hicolor / f"{n}x{n}" / "apps" / f"{APP_ID}.png"
    return files


def launch_command(argv0: str | None = None, executable: str | None = None) -> list[str]:
    """The command that starts this installation: the ``descent-lab`` script that is running
    (its absolute path, symlinks kept, so a pipx upgrade keeps working), else
    ``python -m app`` with the running interpreter."""
    script = Path(sys.argv[0] if argv0 is None else argv0)
    if script.name == APP_ID and script.is_file():
        return [os.path.abspath(script)]
    return [executable or sys.executable, "-m", "app"]


def _string(text: str) -> str:
    """A value of type string: backslash and control characters escaped."""
    return (text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
            .replace("\r", "\\r"))


def _exec_arg(arg: str) -> str:
    arg = arg.replace("%", "%%")  # % starts a field code
    if any(c in _RESERVED for c in arg):
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        arg = f'"{escaped}"'
    return arg


def exec_line(argv: list[str]) -> str:
    """The Exec value for ``argv``: arguments quoted where needed, then string-escaped."""
    return _string(" ".join(_exec_arg(a) for a in argv))


def _list(values: Iterable[str]) -> str:
    return "".join(_string(v).replace(";", "\\;") + ";" for v in values)


def desktop_entry(argv: list[str]) -> str:
    """The ``.desktop`` file that starts ``argv`` (see :func:`launch_command`)."""
    info = about()
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        f"Name={_string(NAME)}",
        "GenericName=Optimizer visualizer",
        f"Comment={_string(info.summary)}",
        f"Exec={exec_line(argv)}",
        f"TryExec={_string(argv[0])}",
        f"Icon={APP_ID}",
        "Terminal=false",
        f"Categories={_list(CATEGORIES)}",
        f"Keywords={_list(KEYWORDS)}",
        "StartupNotify=true",
        f"StartupWMClass={_string(NAME)}",  # X11: Qt's WM_CLASS class is the application name
        f"X-Descent-Lab-Version={_string(info.version)}",
    ]
    return "\n".join(lines) + "\n"


def install(png: Callable[[int], bytes], root: Path | None = None,
            argv: list[str] | None = None) -> list[Path]:
    """Write the entry and its icons under ``root`` (default :func:`data_home`); ``png(n)``
    gives the icon as an ``n`` x ``n`` PNG. Returns the files written, the entry last (so the
    menu shows it only once its icon is there). ``OSError`` names the file that failed."""
    files = entry_files(root or data_home())
    contents = {key: png(int(key)) for key in files if key.isdigit()}
    contents["svg"] = ICON.read_bytes()
    contents["desktop"] = desktop_entry(argv or launch_command()).encode("utf-8")
    written = []
    for key, data in contents.items():
        path = files[key]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except OSError as err:
            raise OSError(f"cannot write {path}: {err.strerror or err}") from None
        written.append(path)
    return written


def uninstall(root: Path | None = None) -> list[Path]:
    """Remove the files :func:`install` writes (those that exist); returns the ones removed."""
    removed = []
    for path in entry_files(root or data_home()).values():
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as err:
            raise OSError(f"cannot remove {path}: {err.strerror or err}") from None
        removed.append(path)
    return removed
