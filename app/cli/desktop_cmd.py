"""``descent-lab install-desktop`` / ``uninstall-desktop``: the Linux application-menu entry.

``install-desktop`` writes a freedesktop ``.desktop`` entry and the icon into the user's XDG
data folder (see :mod:`app.desktop`), so Descent Lab appears in the application menu;
``uninstall-desktop`` removes exactly those files again.
"""

from __future__ import annotations

import sys

from app import desktop
from app.cli import CliError

_FREEDESKTOP = ("linux", "freebsd", "openbsd", "netbsd", "dragonfly", "sunos")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "install-desktop",
        help="add Descent Lab to the application menu (Linux: a .desktop entry and its icon)",
        description="Write a .desktop entry and the icon into $XDG_DATA_HOME (by default "
                    "~/.local/share): applications/ and icons/hicolor/. Running it again "
                    "updates them; uninstall-desktop removes them.",
    )
    p.set_defaults(func=run_install)
    p = sub.add_parser(
        "uninstall-desktop",
        help="remove the application-menu entry and icons that install-desktop wrote",
        description="Remove the files install-desktop writes; nothing else is touched.",
    )
    p.set_defaults(func=run_uninstall)


def _check_platform() -> None:
    if not sys.platform.startswith(_FREEDESKTOP):
        raise CliError(f"the application-menu entry is for Linux and other freedesktop.org "
                       f"systems, not {sys.platform}")


def run_install(args) -> int:
    _check_platform()
    from app.ui.app_icon import icon_png  # QtGui and QtSvg only; no window, no display needed

    written = desktop.install(icon_png)
    for path in written:
        print(f"wrote {path}")
    print("Descent Lab is in the application menu now (if it does not show, log out and in).")
    return 0


def run_uninstall(args) -> int:
    _check_platform()
    removed = desktop.uninstall()
    for path in removed:
        print(f"removed {path}")
    if not removed:
        print(f"nothing to remove: no Descent Lab entry in {desktop.data_home()}")
    return 0
