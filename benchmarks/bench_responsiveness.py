"""Responsiveness, offscreen: the longest event-loop stall while the user does heavy things.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_responsiveness.py [--observe 3] [--quick]

Not a test: it prints a table. A 10 ms QTimer ticks while each action runs inside the real
window's event loop; the longest gap between two ticks is the longest time the window could not
answer the user (goal: <= 50 ms on a quiet machine). Each row observes the loop for
``--observe`` seconds after the action (and for as long as the action itself blocks; the two
long-run rows until their runs are computed, so the whole runs are drawn within the row; set
``DESCENT_LAB_COMPILED=wait`` to have the compiled engine compute them, as after its first use,
rather than numpy while it compiles in the background). The last
row is the time from Ctrl+Q (the window closing while a long run computes) to the process' exit,
measured on a child process. ``--quick`` skips the 1,000,000-step row and the lessons;
``--tabs`` runs only the rows that open a tab or dialog the first time (Maps with its default
map, Analysis, 3D, the export dialog). The 3D row needs a display with OpenGL (offscreen has
none): run under ``xvfb-run -a`` with ``QT_QPA_PLATFORM=xcb``; without one it is skipped.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false;qt.qpa.*=false")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LONG_FORMULA = ("sin(x*y)*cos(x+y)*tan(x-y)*exp(x/y)*log(x*x+y)*sqrt(x+y*y)*atan(x*y*y)"
                "*tanh(y*x*x)*sinh(x-y*y)*cosh(y-x*x)*asin(x/7)*acos(y/7)")
EIGHT = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "nadam")
LR = {"gd": 0.04, "momentum": 0.01, "nesterov": 0.01, "adagrad": 0.5, "rmsprop": 0.02,
      "adam": 0.1, "adamw": 0.1, "nadam": 0.1}

QUIT_CHILD = r"""
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QTimer
from app.ui import main_window
sys.path.insert(0, os.path.join(sys.argv[1], "benchmarks"))
from bench_responsiveness import answer_dialogs, racers_scenario
answer_dialogs()
app = main_window._app()
window = main_window.MainWindow()
window.show()
def quit_now():
    print(f"QUIT {time.time():.6f}", flush=True)
    window.close()
QTimer.singleShot(300, lambda: window.set_scenario(racers_scenario(10, 100, 10_000)))
QTimer.singleShot(1500, quit_now)
getattr(main_window, "leave_now", sys.exit)(app.exec())  # as `descent-lab gui` ends
"""


def answer_dialogs() -> None:
    """Message boxes would wait for a click offscreen: answer them (Discard unsaved changes)."""
    from PySide6.QtWidgets import QMessageBox

    button = QMessageBox.StandardButton
    for kind, answer in (("warning", button.Discard), ("question", button.Yes),
                         ("information", button.Ok), ("critical", button.Ok)):
        setattr(QMessageBox, kind, staticmethod(lambda *a, _answer=answer, **k: _answer))


def racers_scenario(racers: int, starts: int, steps: int):
    """``racers`` racers (cycling through eight optimizers) x ``starts`` x ``steps``."""
    import numpy as np

    from app.scenario import PALETTE, Racer, load

    base = load("default")
    kinds = [EIGHT[i % len(EIGHT)] for i in range(racers)]
    chosen = tuple(Racer(k, {"lr": LR[k]}, color=PALETTE[i % len(PALETTE)])
                   for i, k in enumerate(kinds))
    rng = np.random.default_rng(0)
    (x0, x1), (y0, y1) = base.view_window(base.build_surface())
    points = tuple((float(rng.uniform(x0, x1)), float(rng.uniform(y0, y1)))
                   for _ in range(starts))
    return base.with_changes(racers=chosen, steps=steps, starts=points)


class StallMeter:
    """Ticks a 10 ms QTimer and reports the longest gap between ticks. ``stall_cpu`` is the window's
    thread's own CPU time inside that gap (``time.thread_time``): on a busy machine the gap
    also holds time spent waiting for a core or for the interpreter lock, the CPU time not."""

    def __init__(self, app):
        from PySide6.QtCore import QTimer

        self.app = app
        self.ticks: list[float] = []
        self.cpu: list[float] = []
        #: the most CPU time the window's thread spent between two ticks in the last run (a
        #: busy machine stretches the stalls, much less this)
        self.longest_cpu = float("nan")
        self.stall_cpu = self.cpu_total = float("nan")  # inside the longest gap, in all
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())
        self.cpu.append(time.thread_time())

    def run(self, action, observe: float, until=None, limit: float = 120.0) -> float:
        """Run ``action`` from the event loop, then keep the loop going ``observe`` seconds
        (after ``until()`` became true, if given: the work the action started is done; at most
        ``limit`` seconds)."""
        from PySide6.QtCore import QEventLoop, QTimer

        self.ticks = []
        self.cpu = []
        self.timer.start()
        loop = QEventLoop()
        poll = QTimer()
        poll.setInterval(50)
        end = time.perf_counter() + limit

        def check():
            if until() or time.perf_counter() > end:
                poll.stop()
                QTimer.singleShot(int(observe * 1000), loop.quit)

        poll.timeout.connect(check)

        def act():
            self._tick()
            action()
            if until is None:
                QTimer.singleShot(int(observe * 1000), loop.quit)
            else:
                poll.start()

        QTimer.singleShot(50, act)
        loop.exec()
        self.timer.stop()
        gaps = [b - a for a, b in zip(self.ticks[:-1], self.ticks[1:], strict=True)]
        cpu = [b - a for a, b in zip(self.cpu[:-1], self.cpu[1:], strict=True)]
        self.longest_cpu = max(cpu) if cpu else float("nan")
        if not gaps:
            return float("nan")
        worst = max(range(len(gaps)), key=gaps.__getitem__)
        self.stall_cpu = cpu[worst]
        self.cpu_total = self.cpu[-1] - self.cpu[0]
        return gaps[worst]


def drag_slider(window, app, ticks: int = 40):
    """Drag racer 0's lr slider over ``ticks`` positions, one per 10 ms, then release."""
    from PySide6.QtCore import QTimer

    slider = window.controls.cards[0].form.fields["lr"].slider
    lo, hi = slider.minimum(), slider.maximum()
    start = slider.value()
    positions = [int(start + (hi - start) * 0.5 * k / ticks) for k in range(1, ticks + 1)]
    positions = [min(max(p, lo), hi) for p in positions]

    def press():
        slider.setSliderDown(True)
        for k, value in enumerate(positions):
            QTimer.singleShot(10 * (k + 1), lambda v=value: slider.setValue(v))
        QTimer.singleShot(10 * (len(positions) + 1), lambda: slider.setSliderDown(False))

    return press


def netlab_idle(window) -> bool:
    """True once the Network lab tab exists and shows a finished run (polled: it never makes
    the tab itself, which ``window.netlab_view`` would, at once)."""
    tabs = window.center_tabs
    views = [tabs.widget(i) for i in range(tabs.count())]
    view = next((v for v in views if type(v).__name__ == "NetlabView"), None)
    return view is not None and not view.busy and view.run is not None


def formula_field(window):
    """The formula surface's entry in the control panel (the formula surface is chosen)."""
    return window.controls.surface_section.form.fields["expr"]


def type_formula(window):
    """Type the long formula into the formula field, then Enter (it compiles in the
    background; the row observes until the window shows the new surface)."""

    def act():
        field = formula_field(window)
        field.edit.setText(LONG_FORMULA)
        field.apply()

    return act


def open_tab(tabs, title: str):
    """Make the tab ``title`` of ``tabs`` current (as a click on it does)."""

    def act():
        tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == title))

    return act


def maps_done(window) -> bool:
    """The Maps tab is built and shows its (automatic) map."""
    view = window._pages.get("Maps")
    return view is not None and not view.busy and view.results.get("hyper") is not None


def has_gl_display() -> bool:
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.platformName() not in ("offscreen", "minimal")


def tab_rows(window, row) -> None:
    """The first opening of each lazily built tab and of the export dialog."""
    row("open the Maps tab and compute the default map", open_tab(window.center_tabs, "Maps"),
        until=lambda: maps_done(window))
    window.center_tabs.setCurrentIndex(0)
    row("open the Analysis panel", open_tab(window.side_tabs, "Analysis"))
    if has_gl_display():
        row("open the 3D tab", open_tab(window.center_tabs, "3D"),
            until=lambda: getattr(window._pages.get("3D"), "attached", False))
        window.center_tabs.setCurrentIndex(0)
    else:
        print(f"{'open the 3D tab':<72} {'skipped':>13} (needs a display: xvfb-run, "
              "QT_QPA_PLATFORM=xcb)", flush=True)
    row("open the export dialog the first time", window.export_actions.open_dialog)
    window.export_actions.dialog.close()


def quit_seconds() -> float:
    """Ctrl+Q while 10 racers x 100 starts x 10,000 steps compute: close -> process exit."""
    proc = subprocess.Popen([sys.executable, "-c", QUIT_CHILD, str(ROOT)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
    quit_at = None
    for line in proc.stdout:
        if line.startswith("QUIT"):
            quit_at = float(line.split()[1])
    proc.wait()
    end = time.time()
    return end - quit_at if quit_at else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--observe", type=float, default=3.0, help="seconds observed after each action")
    ap.add_argument("--quick", action="store_true", help="skip the 1M-step row and the lessons")
    ap.add_argument("--tabs", action="store_true",
                    help="only the first opening of the tabs and the export dialog")
    ap.add_argument("--lessons", nargs="*", metavar="NAME",
                    help="only open these lessons (none named: every built-in one), each from "
                         "the default scenario; prints the window thread's CPU time too")
    args = ap.parse_args()
    if args.lessons is not None:
        open_lessons(args.lessons, args.observe)
        return

    from app.ui import main_window
    from app.ui.lesson_gallery import lesson_entries

    answer_dialogs()
    app = main_window._app()
    window = main_window.MainWindow()
    window.load_scenario("default", autoplay=False)
    window.show()
    app.processEvents()
    meter = StallMeter(app)
    rows: list[tuple[str, float]] = []

    def row(name, action, observe=args.observe, until=None):
        stall = meter.run(action, observe, until)
        rows.append((name, stall))
        print(f"{name:<72} {stall * 1000:10.0f} ms  (CPU {meter.longest_cpu * 1000:.0f} ms)",
              flush=True)
        window.playback.pause()
        window.set_scenario(main_window.scenario_mod.load("default"), autoplay=False)
        meter.run(lambda: None, 0.5)  # let any leftover work settle between rows

    def open_and_play(scenario):
        return lambda: window.set_scenario(scenario, autoplay=True)

    print(f"{'what the user did':<72} {'longest stall':>13}")
    tab_rows(window, row)  # first: each tab is built when first opened
    if args.tabs:
        window.close()
        return
    # until the runs are computed (and so drawn whole), then --observe seconds of playback
    computed = lambda: not window.session.computing  # noqa: E731
    row("open 100 starts x 10 racers x 10,000 steps and press play",
        open_and_play(racers_scenario(10, 100, 10_000)), until=computed)
    if not args.quick:
        row("open one racer x 1,000,000 steps", open_and_play(racers_scenario(1, 1, 1_000_000)),
            until=computed)
    # until it trained and drew its loss landscape (both jobs of the network lab's model)
    row("open the network-lab lesson netlab_p9_sigmoid_plateau and let it train",
        lambda: window.open_lesson("netlab_p9_sigmoid_plateau"),
        until=lambda: netlab_idle(window))
    window.center_tabs.setCurrentIndex(0)
    window.session.set_surface("formula")
    meter.run(lambda: None, 0.5)
    # until the compile (off the window's thread) committed the formula to the session
    row("type the long formula", type_formula(window),
        until=lambda: window.session.surface.params.get("expr") == LONG_FORMULA)
    row("open lesson P9 'Vanishing gradients' from the menu",
        lambda: window.open_lesson("p9_vanishing"))
    window.set_scenario(racers_scenario(8, 1, 1000), autoplay=False)
    meter.run(lambda: None, 1.0)
    stall = meter.run(drag_slider(window, app), args.observe)
    print(f"{'drag an lr slider with 8 racers x 1000 steps':<72} {stall * 1000:10.0f} ms",
          flush=True)
    rows.append(("drag lr slider", stall))
    if not args.quick:
        worst = ("", 0.0)
        for entry in lesson_entries():
            stall = meter.run(lambda n=entry.name: window.open_lesson(n), 1.0)
            print(f"  open lesson {entry.name:<60} {stall * 1000:10.0f} ms", flush=True)
            worst = max(worst, (entry.name, stall), key=lambda t: t[1])
            window.playback.pause()
        print(f"{'open every built-in lesson (worst: ' + worst[0] + ')':<72} "
              f"{worst[1] * 1000:10.0f} ms", flush=True)
    window.close()
    print(f"{'Ctrl+Q while computing: window closed -> process exited':<72} "
          f"{quit_seconds() * 1000:10.0f} ms", flush=True)


def open_lessons(names: list[str], observe: float) -> None:
    """Open each lesson from the default scenario (as a user picking it from the menu after
    start-up): the longest stall, and the window thread's CPU time inside it."""
    from app.ui import main_window
    from app.ui.lesson_gallery import lesson_entries

    answer_dialogs()
    app = main_window._app()
    window = main_window.MainWindow()
    window.load_scenario("default", autoplay=False)
    window.show()
    meter = StallMeter(app)
    meter.run(lambda: None, 1.0)
    names = names or [entry.name for entry in lesson_entries()]
    print(f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'open lesson (from the default scenario)':<44} {'longest stall':>13} {'its CPU':>9} "
          f"{'all CPU':>9}")
    for name in names:
        stall = meter.run(lambda n=name: window.open_lesson(n), observe)
        print(f"  {name:<42} {stall * 1000:10.0f} ms {meter.stall_cpu * 1000:6.0f} ms "
              f"{meter.cpu_total * 1000:6.0f} ms", flush=True)
        window.playback.pause()
        window.set_scenario(main_window.scenario_mod.load("default"), autoplay=False)
        meter.run(lambda: None, 0.5)
    window.close()


if __name__ == "__main__":
    main()
