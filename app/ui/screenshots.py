"""Render the real window offscreen into ``assets/screenshots/*.png`` (for the README).

    python -m app.ui.screenshots [--out DIR]

Each shot opens a built-in scenario in a 1400x900 MainWindow, moves the playhead (mid-animation)
and grabs the window. PNGs are palette-quantized with Pillow when that keeps them small.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false;qt.qpa.*=false")

__all__ = ["SHOTS", "take", "main"]

OUT = Path(__file__).resolve().parents[2] / "assets" / "screenshots"
MAX_BYTES = 500_000

#: (file name, scenario, playhead as a fraction of the steps, extra set-up)
SHOTS = (
    ("main_window.png", "default", 0.16, None),
    ("lesson_p1_divergence.png", "p1_divergence", 1.0, None),
    ("lesson_p4_stall.png", "p4_stall", 0.6, None),
    ("lesson_p6_burst.png", "p6_burst", 0.7, None),
)


def _save(image, path: Path) -> int:
    image.save(str(path))
    size = path.stat().st_size
    if size <= MAX_BYTES:
        return size
    try:
        from PIL import Image
    except ImportError:
        return size
    with Image.open(path) as im:
        small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT,
                                           dither=Image.Dither.NONE)
        small.save(path, optimize=True)
    return path.stat().st_size


def take(name: str, scenario: str, fraction: float, out: Path) -> Path | None:
    from PySide6.QtWidgets import QApplication

    from app import scenario as scenario_mod
    from app.ui.main_window import MainWindow, _app
    from app.ui.session import Session

    if scenario not in scenario_mod.builtin_names():
        print(f"skipped {name}: no built-in scenario '{scenario}'")
        return None
    app = _app()
    window = MainWindow(Session(scenario_mod.load(scenario)))
    window.show()
    app.processEvents()
    window.session.set_step(round(fraction * window.session.steps))
    for _ in range(3):
        QApplication.processEvents()
    path = out / name
    size = _save(window.grab().toImage(), path)
    print(f"{path} ({size / 1000:.0f} KB)")
    window.close()
    window.deleteLater()
    app.processEvents()
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="render the Descent Lab window into PNGs")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, scenario, fraction, _ in SHOTS:
        take(name, scenario, fraction, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
