"""Render the real window offscreen into ``assets/screenshots/*.png`` (for the README).

    python -m app.ui.screenshots [--out DIR]

Each shot opens a built-in scenario (or a set-up made here) in a 1400x900 MainWindow, moves the
playhead (mid-animation), shows the tab it is about, and grabs the window: the tour, three
lessons, the Analysis tab, the Maps tab, a typed formula with an error, the Network lab, and a
lesson in Korean and one in Chinese (``--only lesson_ko.png lesson_zh.png`` retakes just those).
PNGs are palette-quantized with Pillow when that keeps them small. (The step-by-step and 3D
shots need OpenGL and Xvfb: ``DESCENT_LAB_SCREENSHOTS=1 xvfb-run -a python -m pytest
tests/xvfb``.)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false;qt.qpa.*=false")

__all__ = ["SHOTS", "LANGUAGE_SHOTS", "take", "grab", "main"]

OUT = Path(__file__).resolve().parents[2] / "assets" / "screenshots"
MAX_BYTES = 500_000

def _settle(app, n: int = 4) -> None:
    for _ in range(n):
        app.processEvents()


def _analysis(window) -> None:
    """The Analysis tab on lesson P2, at the step where the curvature term wins."""
    from PySide6.QtCore import Qt

    window.side_dock.show()
    window.side_tabs.setCurrentWidget(window.analysis_panel)
    window.resizeDocks([window.controls_dock, window.side_dock], [330, 430],
                       Qt.Orientation.Horizontal)
    window.session.select(0)
    window.session.set_step(4)


def _maps(window) -> None:
    """A 128 x 128 lr x momentum map of lesson P1 (computed in its worker, waited for here)."""
    from PySide6.QtWidgets import QApplication

    view = window.maps_view
    view.auto_compute = False
    view.set_resolution(128)
    view.set_steps(100)
    window.center_tabs.setCurrentWidget(view)
    window.session.select(0)
    view.compute()
    end = time.monotonic() + 60
    while view.busy and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def _projector(window) -> None:
    """The window at a projector's 1024 x 700: every panel still usable."""
    window.resize(1024, 700)


def _formula_scenario():
    from app.scenario import Racer, Scenario

    return Scenario(
        surface="formula",
        surface_params={"expr": "log(1 + exp(x)) + (y - sin(x))^2",
                        "xmin": -4.0, "xmax": 4.0, "ymin": -3.0, "ymax": 3.0},
        starts=((2.5, -2.2), (-1.0, 2.5)), steps=150,
        racers=(Racer("gd", {"lr": 0.3}, label="GD, lr 0.3", color="#56B4E9"),
                Racer("momentum", {"lr": 0.02, "momentum": 0.9}, color="#E69F00"),
                Racer("adam", {"lr": 0.1}, color="#CC79A7")))


def _formula_error(window) -> None:
    """A typo in the formula: the caret and message show, the plot keeps the valid surface."""
    field = window.controls.surface_section.form.fields["expr"]
    field.edit.setFocus()
    field.edit.setText("log(1 + exp(x)) + (y - sinn(x))^2")
    field.apply()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    while field.busy:  # the check runs off the window's thread
        app.processEvents()
        time.sleep(0.01)


def _wait(done, seconds: float = 60) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def _minibatch(window) -> None:
    """Lesson P3 with real mini-batches: batch 1 selected, its noise ellipses drawn."""
    window.session.select(2)


def _lr_range(window) -> None:
    """The LR range tab on lesson P1's bowl (the sweep runs as a job, waited for here)."""
    view = window.lr_range_view
    window.center_tabs.setCurrentWidget(view)
    window.session.select(0)
    view.lr_min.setText("1e-4")
    view.run()
    _wait(lambda: view.result is not None)


def _rules(window) -> None:
    """Lion written as update rules, racing the built-in Lion on the stalled valley."""
    from app.optimizers import rules as rules_mod

    spec = rules_mod.install(rules_mod.Rules(
        "my_lion", {"lr": 0.1, "beta1": 0.9, "beta2": 0.99},
        {"m": "0"}, rules_mod.EXAMPLES["lion_rules"].update, "Lion, written as rules"))
    window.session.add_racer(spec.name)
    editor = window.controls.open_rules_editor()
    editor.move(window.geometry().center())
    editor.update_text.setPlainText("c = beta1*m + (1 - beta1)*g\np = p - lr*sgn(c)")
    editor.check()
    _wait(lambda: editor.error.text() != "")


def _diverged_selected(window) -> None:
    """The diverging racer selected: the status bar shows its divergence diagnosis."""
    window.session.select(1)


#: (file name, built-in scenario name or a function making a Scenario, playhead as a fraction
#: of the steps, extra set-up on the window)
SHOTS = (
    ("main_window.png", "default", 0.16, None),
    ("lesson_p1_divergence.png", "p1_divergence", 1.0, _diverged_selected),
    ("lesson_p4_stall.png", "p4_stall", 0.6, None),
    ("lesson_p6_burst.png", "p6_burst", 0.7, None),
    ("lesson_p8_tiny_net_relu.png", "p8_tiny_net_relu", 0.6, None),
    ("analysis.png", "p2_ill_conditioning", 0.0, _analysis),
    ("maps.png", "p1_divergence", 0.0, _maps),
    ("formula.png", _formula_scenario, 0.6, _formula_error),
    ("projector.png", "p10_nesterov", 0.3, _projector),
    ("minibatch.png", "p3_minibatch", 0.03, _minibatch),
    ("lr_range.png", "p1_divergence", 0.0, _lr_range),
)
#: the same window in Korean and Chinese: (file name, scenario, playhead fraction, set-up, lang)
LANGUAGE_SHOTS = (
    ("lesson_ko.png", "p1_divergence", 1.0, None, "ko"),
    ("lesson_zh.png", "p6_burst", 0.7, None, "zh"),
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


def take(name: str, scenario, fraction: float, out: Path, setup=None,
         lang: str = "en") -> Path | None:
    from app import scenario as scenario_mod
    from app.jobs import InlineRunner
    from app.ui.language import apply_language
    from app.ui.main_window import MainWindow, _app
    from app.ui.session import Session

    if callable(scenario):
        scenario = scenario()
    elif scenario not in scenario_mod.builtin_names():
        print(f"skipped {name}: no built-in scenario '{scenario}'")
        return None
    else:
        scenario = scenario_mod.load(scenario)
    app = _app()
    apply_language(app, lang)  # the window is built in its language (English again below)
    window = MainWindow(Session(scenario), runner=InlineRunner())  # finished runs at once
    window.resize(1400, 900)
    window.show()
    _settle(app, 1)
    window.session.set_step(round(fraction * window.session.steps))
    if setup is not None:
        setup(window)
    _settle(app)
    try:
        return grab(window, out / name)
    finally:
        apply_language(app, "en")


def grab(window, path: Path) -> Path:
    """Save ``window`` as it is now to ``path`` (see :func:`_save`), then close it."""
    from PySide6.QtWidgets import QApplication

    size = _save(window.grab().toImage(), path)
    print(f"{path} ({size / 1000:.0f} KB)")
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return path


def rules_editor(out: Path) -> Path:
    """``rules_editor.png``: the update-rule editor pointing at a typo (``sgn``), over the
    window where Lion written as rules races."""
    from app import scenario as scenario_mod
    from app.optimizers import rules as rules_mod
    from app.ui.main_window import MainWindow, _app
    from app.ui.session import Session

    app = _app()
    window = MainWindow(Session(scenario_mod.load("p5_adaptive")))
    window.resize(1400, 900)
    window.show()
    _settle(app, 1)
    _rules(window)
    window.session.set_step(120)
    _settle(app)
    editor = window.controls.rules_editor
    path = out / "rules_editor.png"
    size = _save(editor.grab().toImage(), path)
    print(f"{path} ({size / 1000:.0f} KB)")
    editor.close()
    grab(window, out / "rules_race.png")
    rules_mod.uninstall("my_lion")
    return path


def figure(out: Path) -> Path:
    """``figure.png``: the SVG small multiples of lesson P5 over six optimizers, rasterized
    with Qt's SVG renderer (what a lecture slide shows)."""
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from app import figures
    from app import scenario as scenario_mod
    from app.ui.main_window import _app

    _app()
    canvas = figures.small_multiples(scenario_mod.load("p5_adaptive"), "optimizer",
                                     ["gd", "momentum", "adagrad", "rmsprop", "adam", "lion"])
    renderer = QSvgRenderer(figures.to_svg(canvas).encode("utf-8"))
    size = renderer.defaultSize()
    image = QImage(size.width() * 2, size.height() * 2, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    path = out / "figure.png"
    n = _save(image, path)
    print(f"{path} ({n / 1000:.0f} KB)")
    return path


def small_export(out: Path) -> Path:
    """``export_small.png``: a 640 x 360 export frame (laid out for its size)."""
    from app import scenario as scenario_mod
    from app.ui.render import render_frame
    from app.ui.session import Session

    path = out / "export_small.png"
    size = _save(render_frame(Session(scenario_mod.load("p1_divergence")), 40, (640, 360)), path)
    print(f"{path} ({size / 1000:.0f} KB)")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="render the Descent Lab window into PNGs")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--only", nargs="*", metavar="NAME",
                    help="take only these shots (file names, e.g. lesson_ko.png)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    from app.ui import netlab_screenshot
    from app.ui.export_dialog import quiet_offscreen_warnings

    with quiet_offscreen_warnings():
        for name, scenario, fraction, setup, *lang in (*SHOTS, *LANGUAGE_SHOTS):
            if not args.only or name in args.only:
                take(name, scenario, fraction, args.out, setup, *lang)
        if not args.only or "netlab.png" in args.only:
            netlab_screenshot.take(path=args.out / "netlab.png")
        if not args.only or "export_small.png" in args.only:
            small_export(args.out)
        if not args.only or "rules_editor.png" in args.only:
            rules_editor(args.out)
        if not args.only or "figure.png" in args.only:
            figure(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
