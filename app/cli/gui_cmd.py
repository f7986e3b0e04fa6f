"""``descent-lab gui [--scenario NAME|PATH]``: open the window (the default command)."""

from __future__ import annotations

import os
import sys

from app.i18n import QT_TRANSLATE_NOOP, translate

HEADLESS_HINT = QT_TRANSLATE_NOOP(
    "cli",
    "descent-lab: no display found (DISPLAY and WAYLAND_DISPLAY are not set), so the window "
    "cannot open. Headless alternatives: 'descent-lab run --scenario NAME' (numbers as JSON) "
    "or 'descent-lab render --scenario NAME --out lesson.gif' (images)."
)


def add_parser(sub) -> None:
    p = sub.add_parser("gui", help="open the Descent Lab window (default)")
    p.add_argument("--scenario", help="built-in scenario name or path to a .toml file")
    p.set_defaults(func=run)


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in ("offscreen", "minimal", "vnc"):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(args) -> int:
    if not has_display():
        print(translate("cli", HEADLESS_HINT), file=sys.stderr)
        return 1
    from app.ui.main_window import launch, leave_now  # Qt is imported only here

    leave_now(launch(scenario=args.scenario, lang=getattr(args, "lang", None)))
    return 0  # (not reached)
