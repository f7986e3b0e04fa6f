"""Render the Network lab tab after training a built-in scenario into a PNG (for the README).

    python -m app.ui.netlab_screenshot [--scenario netlab_p1_seed000] [--out PATH]

Opens the scenario in a 1400x900 MainWindow offscreen, waits for the training worker, and grabs
the window (saved like :mod:`app.ui.screenshots`: palette-quantized if above 500 KB).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false;qt.qpa.*=false")

__all__ = ["take", "main"]

OUT = Path(__file__).resolve().parents[2] / "assets" / "screenshots" / "netlab.png"


def take(scenario: str = "netlab_p1_seed000", path: Path = OUT, timeout: float = 60.0,
         step: int | None = None) -> Path:
    from PySide6.QtWidgets import QApplication

    from app.ui.idle import idle_queue
    from app.ui.main_window import MainWindow, _app
    from app.ui.netlab_view import install_netlab_tab
    from app.ui.screenshots import grab

    app = _app()
    window = MainWindow()
    view = install_netlab_tab(window)  # a no-op once MainWindow installs the tab itself
    window.show()
    if not window.load_scenario(scenario, autoplay=False):
        raise SystemExit(f"cannot open scenario '{scenario}'")
    end = time.monotonic() + timeout

    def shown() -> bool:  # (the tab comes to the front and trains in turns of its own)
        return (window.center_tabs.currentWidget() is view and not view.busy
                and view.run is not None)

    while not shown() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    if not shown():
        raise SystemExit(f"training '{scenario}' took longer than {timeout:g} s")
    if step is not None:
        view.step_slider.setValue(step)
    idle_queue().flush()  # whatever the window still builds in later turns, built now
    for _ in range(5):
        QApplication.processEvents()
    return grab(window, path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="render the Network lab tab into a PNG")
    ap.add_argument("--scenario", default="netlab_p1_seed000")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--step", type=int, default=None,
                    help="slider position (index of the recorded weights) to show")
    args = ap.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    from app.ui.export_dialog import quiet_offscreen_warnings

    with quiet_offscreen_warnings():
        take(args.scenario, args.out, step=args.step)
    return 0


if __name__ == "__main__":
    sys.exit(main())
