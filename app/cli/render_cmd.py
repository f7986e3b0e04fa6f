"""``descent-lab render``: draw a scenario headlessly into a PNG, a PNG sequence, a GIF or an MP4.

::

    descent-lab render --scenario default --out lesson.gif --size 640x400 --steps 0:150:2
    descent-lab render --scenario p1_divergence --out frames/ --plot-only
    descent-lab render --scenario my.toml --out final.png          # the last step

No display is needed: unless ``QT_QPA_PLATFORM`` is set, Qt runs offscreen (set before Qt is
imported). On a terminal a progress bar is drawn on stderr; otherwise nothing is printed.
Everything is checked before any frame is drawn; the output is written atomically (see
:mod:`app.export`), and an existing output is replaced only with ``--force``. Ctrl+C, SIGTERM
and SIGHUP stop a render within about a second (:mod:`app.cli.interrupt`): ffmpeg is stopped,
the temporary output removed, an existing output kept, and the exit status is 130, 143 or 129.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from app.i18n import translate

EXAMPLES = """\
output (by the name given to --out):
  FILE.png   one frame: the last step of --steps (so --steps 40 draws step 40; without
             --steps, the final step)
  FILE.gif   animated GIF (loops; at most 50 fps)
  FILE.mp4   H.264 video (width and height must be even)
  DIR/       PNG sequence DIR/frame_00000.png, frame_00001.png, ... (numbered by frame)
  FILE.svg   a vector lecture figure: the surface with every path, a colour bar, the loss
  FILE.pdf   and |gradient| readouts; with --grid, small multiples instead

steps: A:B[:STRIDE] draws steps A, A+STRIDE, ... up to B inclusive (step 0 is the start
point); A or B may be left out (":80", "20:", "::2"); K alone draws step K only.

examples:
  descent-lab render --scenario default --out lesson.gif --size 640x400 --steps ::2
  descent-lab render --scenario p1_divergence --out p1.mp4 --fps 24
  descent-lab render --scenario default --out frames/ --steps 0:60 --plot-only
  descent-lab render --scenario my_setup.toml --out final.png --size 1920x1080
  descent-lab render --scenario p1_divergence --out p1.pdf
  descent-lab render --scenario p4_stall --out grid.svg --grid lr=0.0001,0.001,0.01,0.02
  descent-lab render --scenario p5_adaptive --out zoo.pdf --grid optimizer=gd,adagrad,adam
"""


def add_parser(sub) -> None:
    p = sub.add_parser(
        "render",
        help="draw a scenario into a PNG, PNG sequence, GIF or MP4 (no display needed)",
        description="Render a scenario's race offscreen into an image, a PNG sequence, an\n"
                    "animated GIF or an MP4 video.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--scenario", metavar="NAME|PATH", default="default",
                   help="built-in scenario name (see 'list scenarios') or a .toml file "
                        "(default: default)")
    p.add_argument("--out", metavar="FILE|DIR/", required=True,
                   help="FILE.png, FILE.gif, FILE.mp4, or DIR/ for a PNG sequence")
    p.add_argument("--fps", metavar="N", default="30",
                   help="frames per second of a GIF or MP4 (default 30)")
    p.add_argument("--size", metavar="WxH", default="1280x720",
                   help="image size in pixels (default 1280x720; e.g. 1920x1080)")
    p.add_argument("--steps", metavar="A:B[:STRIDE]",
                   help="which steps to draw (default: all, 0 to the last)")
    p.add_argument("--plot-only", action="store_true",
                   help="the contour plot alone, without the loss and |gradient| readouts")
    p.add_argument("--grid", metavar="lr=A,B,...|optimizer=N,M,...",
                   help="small multiples (FILE.svg or FILE.pdf): one panel per learning rate "
                        "(every racer) or per optimizer (the first racer), one colour scale")
    p.add_argument("--columns", metavar="N", type=int, default=0,
                   help="panels per row of --grid (default: 3 or 4)")
    p.add_argument("--force", action="store_true", help="replace an existing output")
    p.set_defaults(func=run)


def _figure(args, sc) -> int:
    """A vector figure (SVG or PDF) of the scenario, or small multiples with --grid."""
    from app import figures

    if args.columns and not 1 <= args.columns <= 12:
        raise ValueError(f"argument --columns: expected 1 to 12, got {args.columns}")
    if os.path.lexists(args.out) and not args.force:
        raise ValueError(translate(
            "cli", "{out} exists; use --force to replace it").format(out=args.out))
    t0 = time.perf_counter()
    if args.grid:
        over, values = figures.parse_grid(args.grid)
        canvas = figures.small_multiples(sc, over, values, args.columns)
        what = f"{len(values)} panels over {over}"
    else:
        canvas = figures.scenario_figure(sc)
        what = "surface and readouts"
    path = figures.write_figure(canvas, args.out, overwrite=args.force)
    if sys.stderr.isatty():
        print(translate(
            "cli", "wrote {path}: {what}, {size}, {seconds:.1f} s").format(
            path=path, what=what, size=_human_size(path),
            seconds=time.perf_counter() - t0),
              file=sys.stderr)
    return 0


class ProgressBar:
    """``render lesson.gif [#######.....] 120/300 frames 4.1 s`` on stderr, if a terminal."""

    WIDTH = 30

    def __init__(self, label: str, total: int, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.label, self.total = label, max(1, total)
        self.t0 = time.perf_counter()
        self._last = 0.0

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if done < self.total and now - self._last < 0.1:
            return
        self._last = now
        filled = round(self.WIDTH * done / self.total)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write("\r" + translate(
            "cli", "render {label} [{bar}] {done}/{total} frames {seconds:.1f} s").format(
            label=self.label, bar=bar, done=done, total=self.total, seconds=now - self.t0))
        self.stream.flush()

    def finish(self, message: str) -> None:
        if self.enabled:
            self.stream.write(f"\r\033[K{message}\n")
            self.stream.flush()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _human_size(path) -> str:
    if os.path.isdir(path):
        total = sum(e.stat().st_size for e in os.scandir(path) if e.is_file())
    else:
        total = os.path.getsize(path)
    return f"{total / 1e6:.2f} MB" if total >= 1e5 else f"{total / 1e3:.0f} kB"


def run(args) -> int:
    from app import export
    from app import scenario as scenarios
    from app.cli import CliError
    from app.cli.interrupt import catch_signals
    from app.cli.run_cmd import check_size
    from app.figures import FIGURE_SUFFIXES

    if os.fspath(args.out).lower().endswith(FIGURE_SUFFIXES):
        if not args.scenario.strip():
            raise ValueError("argument --scenario: expected a built-in name or a .toml path, "
                             "got ''")
        sc = scenarios.load(args.scenario)
        check_size(sc)
        return _figure(args, sc)
    if args.grid:
        raise ValueError("--grid draws small multiples into FILE.svg or FILE.pdf")
    kind = export.output_kind(args.out)
    size = export.parse_size(args.size, kind)
    fps = export.check_fps(args.fps, kind)
    if not args.scenario.strip():
        raise ValueError("argument --scenario: expected a built-in name or a .toml path, got ''")
    sc = scenarios.load(args.scenario)
    check_size(sc)  # every step is simulated for the trails: refuse before any work
    steps = export.parse_steps(args.steps, sc.steps).steps
    if kind == "png":
        steps = [steps[-1]]  # export.still_step: the last frame of the range
    try:
        writer = export.open_writer(args.out, size, fps, overwrite=args.force, kind=kind,
                                    key_colors=[r.color for r in sc.racers if r.enabled],
                                    pixel_format=export.QT_PIXEL_FORMAT)
    except export.OutputExistsError as err:
        raise CliError(translate(
            "cli", "{err}; use --force to replace it").format(err=err)) from None

    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # render never shows a window
    from app.ui.export_dialog import render_scenario  # Qt is imported only here

    label = os.path.basename(os.path.normpath(args.out)) + ("/" if kind == "png-sequence"
                                                            else "")
    bar = ProgressBar(label, len(steps))
    t0 = time.perf_counter()
    # Ctrl+C, SIGTERM, SIGHUP: checked between frames; ffmpeg stopped, temporary files removed
    with catch_signals(cleanup=writer.abort) as interruption:
        try:
            path = render_scenario(sc, writer, steps, include_readouts=not args.plot_only,
                                   progress=bar.update, cancelled=interruption.is_set)
        except export.ExportCancelled:
            bar.clear()
            print(interruption.message(), file=sys.stderr)
            return interruption.exit_code
        except BaseException:
            bar.clear()
            raise
    bar.finish(translate(
        "cli", "wrote {path}{os_sep}: {steps} frame{s_len}, {width}x{height}, "
               "{size}, {seconds:.1f} s").format(
        path=path, os_sep=os.sep if kind == 'png-sequence' else '', steps=len(steps),
        s_len='s' if len(steps) != 1 else '', width=size[0], height=size[1],
        size=_human_size(path), seconds=time.perf_counter() - t0))
    return 0
