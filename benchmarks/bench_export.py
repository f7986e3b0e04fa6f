"""How fast is export? 300 frames of the default scenario at 1280x720 (plot + readouts).

Three measurements, each printed with its time and output size:

1. render: the offscreen renderer alone (``FrameSource.frame``: Qt paint + QImage to numpy);
2. encode: the writers alone, fed with the 300 frames already in memory (GIF: palette from 3
   sample frames, quantize, delta rectangles, LZW; MP4: libx264 veryfast through ffmpeg);
3. end to end: what ``descent-lab render`` does (render on the main thread, encode in the
   worker thread at the same time).

The targets (GIF <= 10 s, MP4 <= 5 s) are checked against the encoder times (2.); the best of
``--repeats`` runs is shown, since other work on a shared machine only ever slows a run down.

    .venv/bin/python benchmarks/bench_export.py                 # 300 frames, 1280x720
    .venv/bin/python benchmarks/bench_export.py --frames 60 --size 640x400 --skip-end-to-end
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402

from app import export  # noqa: E402
from app import scenario as scenarios  # noqa: E402

TARGETS = {"gif": 10.0, "mp4": 5.0}


def _size_of(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir())
    return path.stat().st_size


def _row(what: str, times: list[float], frames: int, path: Path | None = None,
         target: float | None = None) -> None:
    """One line: the best of ``times`` (a shared machine only ever slows a run down), then
    every time."""
    best = min(times)
    size = f"{_size_of(path) / 1e6:7.2f} MB" if path is not None else " " * 10
    ms = 1000 * best / max(frames, 1)
    verdict = ""
    if target is not None:
        verdict = f"  target <= {target:.0f} s: {'ok' if best <= target else 'MISSED'}"
    runs = ", ".join(f"{t:.2f}" for t in times)
    print(f"  {what:<28} {best:7.2f} s  {ms:6.1f} ms/frame  {size}{verdict}  (runs: {runs})",
          flush=True)


def _timed(fn, repeats: int):
    times, result = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return times, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--size", default="1280x720")
    parser.add_argument("--fps", type=int, default=30)
    parser.add_argument("--scenario", default="default")
    parser.add_argument("--plot-only", action="store_true")
    parser.add_argument("--skip-end-to-end", action="store_true")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each (best shown)")
    parser.add_argument("--keep", metavar="DIR", help="keep the outputs in DIR")
    args = parser.parse_args()

    size = export.parse_size(args.size, "mp4")
    sc = scenarios.load(args.scenario)
    sc = sc.with_changes(steps=max(args.frames - 1, 1))  # steps 0..frames-1: one frame each
    steps = list(range(args.frames))
    readouts = not args.plot_only
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"export benchmark: {args.frames} frames, {size[0]}x{size[1]}, {args.fps} fps, "
          f"scenario '{args.scenario}', {'plot only' if args.plot_only else 'plot + readouts'}")
    print(f"  python {platform.python_version()}, {os.cpu_count()} cpus, load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")

    from app.ui.export_dialog import (
        FrameSource,
        key_colors,
        quiet_offscreen_warnings,
        render_scenario,
    )

    out = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench_export."))
    out.mkdir(parents=True, exist_ok=True)
    try:
        with quiet_offscreen_warnings():
            t = time.perf_counter()
            source = FrameSource(sc, size, readouts)
            setup = time.perf_counter() - t
            fmt = export.QT_PIXEL_FORMAT
            frames = np.empty((len(steps), size[1], size[0], export.PIXEL_FORMATS[fmt]),
                              np.uint8)

            def render_all():
                for i, s in enumerate(steps):
                    frames[i] = source.pixels(s, fmt)

            render_times, _ = _timed(render_all, args.repeats)
            source.close()
        print(f"1. render (offscreen Qt, set-up {setup:.2f} s)")
        _row(f"render to numpy ({fmt})", render_times, len(steps))

        print("2. encode only (frames already in memory; the targets apply here)")
        samples = [frames[i] for i in export.palette_sample_steps(range(len(steps)))]
        for kind, name in (("gif", "encode.gif"), ("mp4", "encode.mp4"),
                           ("png-sequence", "encode_frames/")):
            def encode(path=f"{out}/{name}", kind=kind):
                writer = export.open_writer(path, size, args.fps, overwrite=True, kind=kind,
                                            key_colors=key_colors(sc), pixel_format=fmt,
                                            palette_frames=samples if kind == "gif" else None)
                return export.export_frames(iter(frames), writer)

            repeats = 1 if kind == "png-sequence" else args.repeats
            times, written = _timed(encode, repeats)
            _row(f"{kind} ({name})", times, len(steps), written, TARGETS.get(kind))

        if not args.skip_end_to_end:
            print("3. end to end (render + encode in a worker thread, as the CLI)")
            for kind, name in (("gif", "full.gif"), ("mp4", "full.mp4")):
                def full(path=f"{out}/{name}", kind=kind):
                    writer = export.open_writer(path, size, args.fps, overwrite=True,
                                                kind=kind, pixel_format=fmt)
                    return render_scenario(sc, writer, steps, include_readouts=readouts)

                times, written = _timed(full, args.repeats)
                _row(f"{kind} ({name})", times, len(steps), written)
    finally:
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
