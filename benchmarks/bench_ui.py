"""UI speed, offscreen: playback frames per second, lr change to redrawn paths, start-up time.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_ui.py [--frames 300]

Not a test: it prints a table. Targets: playback >= 60 fps with 8 racers x 1000 steps over a
512 x 512 surface with contour lines (each frame moves the playhead and forces a synchronous
repaint of the whole window); lr change -> redrawn paths <= 16 ms in all, its drawing part
<= 8 ms; process start -> first painted window <= 1.0 s. Issue 18's rows come first (alone with
``--interactive``): a mouse move -> repainted hover preview, and an lr slider drag in positions
drawn per second (>= 30) with the time its release costs, each with the compiled engine and
the numpy path. ``--readouts``: only the readouts of 100 starts x 10 racers x 10,000 steps
(the GUI thread's part of a runs change, the repaint after a playhead move).

Every row splits its time into parts: a playback frame into *update* (the views set their
items' data when the playhead moves) and *paint* (the repaint); an lr change into *engine*
(``Scenario.simulate`` of the edited racer, timed where the session calls it), *update* (the
views take the new run) and *paint*. ``cpu`` is the GUI thread's own CPU time (``thread_time``),
which other processes on a busy machine disturb less than the wall clock; a playback row also
says how much CPU the process's other threads used a frame (engine, job runner, Qt's pool) and
how often a frame the scheduler took the core from the window's thread while it could run
(``preempted``: Linux's involuntary context switches, by this process's threads or others):
wall time beyond ``cpu`` while other threads here use CPU can be their interpreter lock. The
start-up row is followed by an import-time breakdown of the same child process
(``python -X importtime``).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false;qt.qpa.*=false")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EIGHT = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "nadam")
LR = {"gd": 0.04, "momentum": 0.01, "nesterov": 0.01, "adagrad": 0.5, "rmsprop": 0.02,
      "adam": 0.1, "adamw": 0.1, "nadam": 0.1}

FIRST_PAINT_CHILD = r"""
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false;qt.qpa.*=false")
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QEvent, QObject
from app.ui import main_window

class FirstPaint(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            print(f"PAINTED {time.time():.6f}", flush=True)
            os._exit(0)
        return False

app = main_window._app()
session, _ = main_window.initial_session("default")
window = main_window.MainWindow(session)
viewport = window.surface_view.plot_widget.viewport()
spy = FirstPaint()
viewport.installEventFilter(spy)
window.show()
app.exec()
"""


def big_scenario(steps: int = 1000, grid: int = 512):
    from app.scenario import PALETTE, Racer, load

    base = load("default")
    racers = tuple(Racer(name, {"lr": LR[name]}, color=PALETTE[i % len(PALETTE)])
                   for i, name in enumerate(EIGHT))
    return base.with_changes(racers=racers, steps=steps)


def make_window(scenario):
    from app.ui import main_window

    app = main_window._app()
    window = main_window.MainWindow()
    window.set_scenario(scenario, autoplay=False)
    window.show()
    settle(window, app)
    return app, window


def settle(window, app, limit_s: float = 60.0) -> None:
    """Process events until the session's runs are all computed (the engine's worker) and the
    racer cards are built (one per event-loop turn)."""
    end = time.perf_counter() + limit_s
    app.processEvents()
    building = getattr(window.controls, "building", lambda: 0)
    while (getattr(window.session, "computing", False) or building()) \
            and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.thread_time()


def _preempted() -> int:
    """How often the scheduler took the CPU from this thread while it could run (Linux's
    nonvoluntary context switches; 0 where /proc has no such count)."""
    try:
        with open(f"/proc/self/task/{threading.get_native_id()}/status") as f:
            return next(int(line.split(":")[1]) for line in f
                        if line.startswith("nonvoluntary_ctxt_switches"))
    except (OSError, StopIteration, ValueError):
        return 0


def _others_cpu() -> dict[str, int]:
    """CPU used so far by each of this process's threads other than the calling one (the
    engine's, the job runner's, Qt's pooled threads), in clock ticks by thread id (empty where
    /proc is missing). Compare two with :func:`_cpu_since`."""
    me, out = str(threading.get_native_id()), {}
    try:
        tasks = os.listdir("/proc/self/task")
    except OSError:
        return out
    for tid in tasks:
        if tid == me:
            continue
        try:
            with open(f"/proc/self/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # (ended meanwhile)
        out[tid] = int(fields[11]) + int(fields[12])  # utime + stime
    return out


def _cpu_since(before: dict[str, int]) -> float:
    """CPU seconds the other threads used since ``before`` (a thread that ended meanwhile is
    not counted: what it used after ``before`` is gone with it)."""
    now = _others_cpu()
    ticks = sum(max(0, t - before.get(tid, 0)) for tid, t in now.items())
    return ticks / os.sysconf("SC_CLK_TCK")


def bench_playback(window, app, frames: int, widget=None, rounds: int = 3) -> dict:
    """Frames per second: move the playhead, force a synchronous repaint of ``widget`` (the
    whole window by default; ``False``: only what changed, as the timer does), process events.
    The best of ``rounds`` rounds is reported (other processes share this machine), with its
    parts: ``update_ms`` (``set_step``: the views set their items) and ``paint_ms``."""
    s = window.session
    n = s.steps
    target = window if widget is None else widget
    for k in range(20):  # warm up: fill the item caches
        s.set_step(k)
        if target is not False:
            target.repaint()
        app.processEvents()
    best = None
    for _ in range(rounds):
        times, update, cpu = [], [], []
        preempted, others = _preempted(), _others_cpu()
        for i in range(frames):
            k = (i * 3) % (n + 1)
            t, c = _clocks()
            s.set_step(k)
            t1 = time.perf_counter()
            if target is not False:
                target.repaint()
            app.processEvents()
            t2, c2 = _clocks()
            times.append(t2 - t)
            update.append(t1 - t)
            cpu.append(c2 - c)
        preempted, others = _preempted() - preempted, _cpu_since(others)
        mean = statistics.fmean(times)
        if best is None or mean < best["mean_ms"] / 1000:
            up = statistics.fmean(update)
            best = {"mean_ms": 1000 * mean,
                    "p95_ms": 1000 * sorted(times)[int(0.95 * len(times))],
                    "fps": 1.0 / mean, "update_ms": 1000 * up,
                    "paint_ms": 1000 * (mean - up), "cpu_ms": 1000 * statistics.fmean(cpu),
                    "preempted": preempted / frames, "others_ms": 1000 * others / frames}
    return best


class EngineClock:
    """Times ``Scenario.simulate`` where the session calls it (the engine part of an edit)."""

    def __init__(self):
        from app.scenario import Scenario

        self.total = 0.0
        self.calls = 0
        original = Scenario.simulate

        def timed(scenario, *args, **kwargs):
            t = time.perf_counter()
            try:
                return original(scenario, *args, **kwargs)
            finally:
                self.total += time.perf_counter() - t
                self.calls += 1

        Scenario.simulate = timed

    def take(self) -> tuple[float, int]:
        out = (self.total, self.calls)
        self.total, self.calls = 0.0, 0
        return out


def bench_lr_change(window, app, engine: EngineClock, repeats: int = 15) -> dict:
    """Time from an lr change (typed into the panel) to the repainted plot and readouts, in
    parts: engine (the racer's simulation), update (the views take the new run: everything
    else until the runs are shown, including the hand-over from the engine's worker) and paint
    (the repaint of plot and readouts)."""
    from app.engine import simulate

    s = window.session
    s.set_step(s.steps)
    field = window.controls.cards[0].form.fields["lr"]
    arrived = []
    s.runsChanged.connect(lambda: arrived.append(time.perf_counter()))
    rows = []
    for i in range(repeats + 2):
        lr = 0.02 + 0.001 * (i % 7)
        engine.take()
        arrived.clear()
        t, c = _clocks()
        field.set_text(f"{lr:g}")
        if s.recompute_pending():  # the panel coalesces bursts; a single edit runs at once
            s.recompute()
        end = time.perf_counter() + 10
        while (not arrived or not _shown(window)) and time.perf_counter() < end:
            app.processEvents()  # (the engine runs in a worker: until its run is shown)
        t1 = time.perf_counter()
        window.surface_view.plot_widget.viewport().repaint()
        window.readouts.repaint()
        app.processEvents()
        t2, c2 = _clocks()
        eng, calls = engine.take()
        if not calls:  # the engine ran where the clock does not see it: time it apart
            opt, sched = s.scenario.racers[0].build()
            e0 = time.perf_counter()
            simulate(s.surface, opt, list(s.scenario.starts), s.steps, sched)
            eng = time.perf_counter() - e0
        if i >= 2:  # (two warm-up edits)
            rows.append((t2 - t, eng, t1 - t - eng, t2 - t1, c2 - c))
    med = [statistics.median(col) for col in zip(*rows, strict=True)]
    total, eng, update, paint, cpu = (1000 * v for v in med)
    return {"median_ms": total, "max_ms": 1000 * max(r[0] for r in rows),
            "engine_ms": eng, "update_ms": update, "paint_ms": paint,
            "ui_ms": max(total - eng, 0.0), "cpu_ms": cpu}


def _shown(window) -> bool:
    """The runs are computed and every view has drawn them (the readouts' numbers are a job
    of their own where the code has one)."""
    s = window.session
    lane = getattr(window.readouts, "_lane", None)
    return not s.computing and (lane is None or not s.runner.busy(lane))


def _until(app, done, limit: float = 10.0) -> None:
    end = time.perf_counter() + limit
    while not done() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(2e-4)  # as an idle event loop: the GIL is free for the worker


def bench_hover(window, app, moves: int = 40) -> dict:
    """Hover preview (issue 18): a mouse move over the plot -> the selected racer's dashed
    path from there, computed in the "hover" lane and repainted; per move, median."""
    from PySide6.QtCore import QPointF

    s, overlay = window.session, window.hover_overlay
    window.hover_action.setChecked(True)
    (x0, x1), (y0, y1) = s.window
    box, viewport = window.surface_view.viewbox, window.surface_view.plot_widget.viewport()
    times = []
    for i in range(moves + 2):
        t = 0.15 + 0.7 * ((i * 0.37) % 1.0)
        pos = box.mapViewToScene(QPointF(x0 + t * (x1 - x0), y0 + (1 - t) * (y1 - y0)))
        before = overlay.redraws
        t0, c0 = _clocks()
        overlay._moved(pos)
        _until(app, lambda b=before: overlay.redraws > b)
        viewport.repaint()
        t1, c1 = _clocks()
        if i >= 2:
            times.append((t1 - t0, c1 - c0))
    window.hover_action.setChecked(False)
    wall = [t for t, _ in times]
    return {"median_ms": 1000 * statistics.median(wall), "max_ms": 1000 * max(wall),
            "cpu_ms": 1000 * statistics.median(c for _, c in times)}


def bench_scrub(window, app, positions: int = 40, slider=None, field=None) -> dict:
    """Live scrubbing (issue 18): a slider (racer 1's lr by default) dragged one position
    after another; each position waits until every path of its value is shown and the views
    have painted what changed (as the event loop does: no forced repaint; ``paints`` counts the
    plot's and readouts' paints per position), giving frames per second of the drag; then the
    release: time until nothing computes any more. ``engine_ms``: the engine's part of a
    position (``Run.advance`` in the worker), ``cpu_ms``: the GUI thread's CPU time."""
    from PySide6.QtCore import QEvent, QObject

    from app import engine as engine_mod

    class Paints(QObject):
        count = 0

        def eventFilter(self, obj, event):  # noqa: N802 (Qt name)
            if event.type() == QEvent.Type.Paint:
                Paints.count += 1
            return False

    s = window.session
    s.set_step(s.steps)
    field = field or window.controls.cards[0].form.fields["lr"]
    slider = slider or field.slider

    def drawn() -> bool:  # (a held slider sends its newest position once a frame)
        return getattr(field, "_held", None) is None and _shown(window)
    views = [window.surface_view.plot_widget.viewport(), window.readouts.loss_plot.viewport(),
             window.readouts.grad_plot.viewport(), window.readouts.phase_plot.viewport()]
    spent = []
    original = engine_mod.Run.advance

    def advance(run, n=None):
        t = time.perf_counter()
        try:
            return original(run, n)
        finally:
            spent.append(time.perf_counter() - t)

    engine_mod.Run.advance = advance
    counter = Paints()
    for v in views:
        v.installEventFilter(counter)
    slider.setSliderDown(True)
    start = slider.value()
    step = -1 if start > slider.minimum() + positions + 2 else 1
    times, cpu, eng = [], [], []
    Paints.count = 0
    try:
        for i in range(positions + 2):
            spent.clear()
            t0, c0 = _clocks()
            slider.setValue(start + step * (1 + i))
            _until(app, drawn)
            app.processEvents()  # (the paints the last results asked for)
            t1, c1 = _clocks()
            if i == 1:
                Paints.count = 0
            if i >= 2:  # (two warm-up positions)
                times.append(t1 - t0)
                cpu.append(c1 - c0)
                eng.append(sum(spent))
        t0 = time.perf_counter()
        slider.setSliderDown(False)
        _until(app, drawn)
        release = time.perf_counter() - t0
    finally:
        engine_mod.Run.advance = original
        for v in views:
            v.removeEventFilter(counter)
    mean = statistics.fmean(times)
    return {"fps": 1.0 / mean, "mean_ms": 1000 * mean, "release_ms": 1000 * release,
            "cpu_ms": 1000 * statistics.fmean(cpu), "engine_ms": 1000 * statistics.fmean(eng),
            "paints": Paints.count / positions}


def bench_big_readouts(frames: int = 20) -> dict:
    """Issue 23's big case for the readouts: 100 starts x 10 racers x 10,000 steps drawn from
    scratch. ``gui_ms``: the GUI thread's CPU for a runs change (where the numbers are a job,
    only the part that sets the items: the job runs inline here and is timed apart as
    ``job_ms``), ``repaint_ms``: repainting loss, |g| and phase plot after a playhead move,
    ``points``: what one loss curve holds."""
    from bench_responsiveness import racers_scenario

    from app.jobs import InlineRunner
    from app.ui import main_window

    app = main_window._app()
    window = main_window.MainWindow(runner=InlineRunner())
    window.show()
    window.set_scenario(racers_scenario(10, 100, 10_000), autoplay=False)
    app.processEvents()
    r = window.readouts
    spent = []
    show = getattr(r, "_show_layout", None)
    if show is not None:
        def timed(*args):
            t = time.thread_time()
            show(*args)
            spent.append(time.thread_time() - t)
        r._show_layout = timed
        r._phase_cache = {}
    r._readouts, r._drawn_runs = {}, []
    for c in r.loss_plot.curves + r.grad_plot.curves + r.phase_plot.curves:
        c._key = None
    t = time.thread_time()
    r.on_runs_changed()
    total = time.thread_time() - t
    views = [r.loss_plot.viewport(), r.grad_plot.viewport(), r.phase_plot.viewport()]
    times = []
    for i in range(frames):
        r.show_step(i * 37)
        t = time.perf_counter()
        for v in views:
            v.repaint()
        times.append(time.perf_counter() - t)
    gui = spent[0] if spent else total
    out = {"gui_ms": 1000 * gui, "job_ms": 1000 * (total - gui),
           "repaint_ms": 1000 * statistics.median(times),
           "points": int(r.loss_plot.curves[0].getData()[0].size)}
    window.hide()
    return out


def warm_up_engine(window) -> None:
    """Run every racer once, so that no measured row pays for loading a compiled kernel."""
    import numpy as np

    from app.engine import simulate

    s = window.session
    for racer in s.scenario.racers:
        opt, sched = racer.build()
        simulate(s.surface, opt, np.array(s.scenario.starts), s.steps, sched)


def bench_start_up(repeats: int = 3) -> dict:
    """Wall time from process start to the first paint, and the child's CPU time (user +
    system) until then: on a busy machine the CPU time is what a quiet one would wait."""
    times, cpus = [], []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.time()
        proc = subprocess.run([sys.executable, "-c", FIRST_PAINT_CHILD, str(ROOT)],
                              capture_output=True, text=True, timeout=60)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        line = next((x for x in proc.stdout.splitlines() if x.startswith("PAINTED")), None)
        if line is None:
            raise RuntimeError(f"start-up child failed: {proc.stderr[-2000:]}")
        times.append(float(line.split()[1]) - t0)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {"median_s": statistics.median(times), "min_s": min(times),
            "cpu_s": statistics.median(cpus)}


def import_breakdown(top: int = 12) -> tuple[float, list[tuple[str, float]]]:
    """The start-up child once more under ``python -X importtime``: the total import time
    and the ``top`` costliest imports among the top-level ones and those of
    ``app.ui.main_window`` (cumulative ms, each with what it imports itself)."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", FIRST_PAINT_CHILD,
                           str(ROOT)], capture_output=True, text=True, timeout=60)
    rows = []  # (depth, name, cumulative us) in the order Python reports them (children first)
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line[len("import time:"):].split("|")
        if not cumulative.strip().isdigit():
            continue  # the header line
        depth = (len(name) - len(name.lstrip(" "))) // 2
        rows.append((depth, name.strip(), int(cumulative) / 1000))
    total = sum(ms for depth, _, ms in rows if depth == 0)
    shown = []
    for i, (depth, name, ms) in enumerate(rows):
        if depth == 0 and name != "app.ui.main_window":
            shown.append((name, ms))
        elif depth == 1:  # children precede their parent: is the parent main_window?
            parent = next((n for d, n, _ in rows[i + 1:] if d == 0), None)
            if parent == "app.ui.main_window":
                shown.append((f"app.ui.main_window > {name}", ms))
    shown.sort(key=lambda r: -r[1])
    return total, shown[:top]


def _print_rows(rows) -> None:
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    w2 = max(len(r[2]) for r in rows)
    print(f"{'measure':<{w0}}  {'result':<{w1}}  {'target':<{w2}}  ok")
    print("-" * (w0 + w1 + w2 + 8))
    for name, result, target, ok in rows:
        print(f"{name:<{w0}}  {result:<{w1}}  {target:<{w2}}  {'yes' if ok else 'NO'}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=300)
    ap.add_argument("--interactive", action="store_true",
                    help="only the hover preview and slider-drag rows")
    ap.add_argument("--readouts", action="store_true",
                    help="only the readouts of 100 starts x 10 racers x 10,000 steps")
    args = ap.parse_args(argv)
    if args.readouts:
        rb = bench_big_readouts()
        _print_rows([("readouts of 100 starts x 10 racers x 10,000 steps: a runs change, GUI "
                      "thread", f"{rb['gui_ms']:.0f} ms cpu (job {rb['job_ms']:.0f} ms; "
                      f"{rb['points']} points a loss curve)", "<= 50 ms", rb["gui_ms"] <= 50),
                     ("  ... repaint of loss, |g| and phase after a playhead move",
                      f"{rb['repaint_ms']:.1f} ms", "<= 16 ms", rb["repaint_ms"] <= 16)])
        return 0

    from app.scenario import load

    rows = []
    engine = EngineClock()
    app, window = make_window(big_scenario())
    from app import compiled

    for mode, engine_name in (("wait", "compiled"), ("off", "numpy")):
        compiled.set_mode(mode)  # "wait": the kernels are compiled (or loaded) at first use
        warm_up_engine(window)
        hv = bench_hover(window, app)
        rows.append((f"hover preview: mouse move -> dashed path repainted, 1 x 1000 steps, "
                     f"{engine_name}", f"{hv['median_ms']:.1f} ms (GUI cpu {hv['cpu_ms']:.1f}; max "
                     f"{hv['max_ms']:.1f})",
                     "<= 16 ms", hv["median_ms"] <= 16))
        for what, field in (("lr", "lr"), ("beta1", "betas")):
            if field == "betas":  # racer 6 is Adam
                edited = window.controls.cards[5].form.fields[field]
                sliders = getattr(edited, "sliders", [])
                if not sliders:
                    continue  # (code without beta sliders)
                slider = sliders[0]
            else:
                edited = window.controls.cards[0].form.fields[field]
                slider = edited.slider
            sc = bench_scrub(window, app, slider=slider, field=edited)
            rows.append((f"{what} slider drag, 1 of 8 racers x 1000 steps: positions drawn per "
                         f"s, {engine_name}", f"{sc['fps']:.0f} fps (mean {sc['mean_ms']:.1f} ms: "
                         f"engine {sc['engine_ms']:.1f}, GUI cpu {sc['cpu_ms']:.1f}; "
                         f"{sc['paints']:.1f} view paints; release {sc['release_ms']:.1f} ms)",
                         ">= 30 fps", sc["fps"] >= 30))
    compiled.set_mode(None)
    if args.interactive:
        _print_rows(rows)
        return 0
    grid = window.surface_view.grid_size
    levels = len(window.surface_view.contour_data)
    what = f"8 racers x 1000 steps, {grid}x{grid} + {levels} contour levels"

    def fps_row(label, pb):
        return (label, f"{pb['fps']:.0f} fps (mean {pb['mean_ms']:.1f} ms: update "
                f"{pb['update_ms']:.1f} + paint {pb['paint_ms']:.1f}; cpu {pb['cpu_ms']:.1f}, "
                f"other threads {pb['others_ms']:.1f}, preempted {pb['preempted']:.0f}x; "
                f"p95 {pb['p95_ms']:.1f})", ">= 60 fps", pb["fps"] >= 60)

    rows.append(fps_row(f"playback, whole 1400x900 window repainted, {what}",
                        bench_playback(window, app, args.frames)))
    rows.append(fps_row("playback, plot + readouts repainted (central widget)",
                        bench_playback(window, app, args.frames, window.centralWidget())))
    rows.append(fps_row("playback, only what changed (as the timer runs it)",
                        bench_playback(window, app, args.frames, False)))

    def lr_row(label, r):
        ok = r["median_ms"] <= 16 and r["update_ms"] + r["paint_ms"] <= 8
        return (label, f"{r['median_ms']:.1f} ms (engine {r['engine_ms']:.1f} + update "
                f"{r['update_ms']:.1f} + paint {r['paint_ms']:.1f}; cpu {r['cpu_ms']:.1f}; "
                f"max {r['max_ms']:.1f})", "<= 16 ms, drawing <= 8", ok)

    rows.append(lr_row("lr change -> redrawn paths, 1 of 8 racers x 1000 steps",
                       bench_lr_change(window, app, engine)))
    window.set_scenario(load("default"), autoplay=False)
    settle(window, app)
    rows.append(lr_row("lr change -> redrawn paths, default scenario (150 steps)",
                       bench_lr_change(window, app, engine)))
    rows.append(fps_row("playback, default scenario, whole window repainted",
                        bench_playback(window, app, args.frames)))
    window.hide()  # (not closed: the edits made here would ask to be saved)
    su = bench_start_up()
    rows.append(("process start -> first painted window", f"{su['median_s']:.2f} s "
                 f"(best {su['min_s']:.2f}; cpu {su['cpu_s']:.2f})", "<= 1.0 s",
                 su["median_s"] <= 1.0))

    _print_rows(rows)
    total, imports = import_breakdown()
    print(f"\nimports of the start-up child ({total:.0f} ms in all; cumulative, costliest):")
    for name, ms in imports:
        print(f"  {ms:7.1f} ms  {name}")
    print(f"\n(machine: {os.cpu_count()} cores, load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}; Qt platform "
          f"{os.environ.get('QT_QPA_PLATFORM')})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
