"""How fast is the engine? Adam from 65,536 start points for 500 steps on Rosenbrock.

Times ``engine.simulate`` (everything stored), the bare ``engine.iterate`` loop (nothing stored)
and, when torch can be imported, the same work done the usual torch way: ``torch.optim.Adam`` on
one ``(N, 2)`` float64 tensor, the loss summed and differentiated by autograd. Then the peak
memory of one long run: a single start point for 1,000,000 steps, measured in a fresh process.

    .venv/bin/python benchmarks/bench_engine.py                         # ours only
    PYTHONPATH=. /tmp/torchenv/bin/python benchmarks/bench_engine.py    # ours and torch

torch is never a dependency of Descent Lab: install it in a separate venv
(``pip install torch==2.13.0 numpy``) to compare.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections import deque
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import surfaces  # noqa: E402
from app import engine, optimizers  # noqa: E402
from app.engine import iterate, simulate  # noqa: E402

N_POINTS = 65_536
STEPS = 500
LR = 0.01
LONG_STEPS = 1_000_000


def rosenbrock() -> surfaces.Surface:
    return surfaces.get("rosenbrock")


def start_points(n: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    return np.column_stack([rng.uniform(-2.0, 2.0, n), rng.uniform(-1.0, 3.0, n)])


def best_of(repeats: int, fn) -> tuple[float, float, object]:
    """Best wall-clock time, best CPU time (all threads of the process) and the last result."""
    wall = cpu = float("inf")
    out = None
    for _ in range(repeats):
        out = None
        gc.collect()
        w0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu, out


def ours_simulate(surface, starts, threads: int | None = None):
    """``simulate``; ``threads`` overrides how many threads it splits the batch between."""
    chosen = engine._workers
    if threads is not None:
        engine._workers = lambda n: threads
    try:
        return simulate(surface, optimizers.make("adam", lr=LR), starts, STEPS)
    finally:
        engine._workers = chosen


def ours_iterate(surface, starts):
    steps = iterate(surface, optimizers.make("adam", lr=LR), starts, STEPS)
    return deque(steps, maxlen=1)[0].points  # run to the end, keep only the last step


def torch_adam(starts, threads: int | None = None):
    import torch

    if threads is not None:
        torch.set_num_threads(threads)
    p = torch.tensor(starts, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([p], lr=LR, foreach=False)
    a, b = 1.0, 100.0
    for _ in range(STEPS):
        opt.zero_grad(set_to_none=True)
        x, y = p[:, 0], p[:, 1]
        u = y - x * x
        loss = ((a - x) ** 2 + b * u * u).sum()
        loss.backward()
        opt.step()
    return p.detach().numpy().copy()


def peak_rss() -> int:
    """This process's peak resident memory in bytes (Linux: VmHWM, which, unlike ru_maxrss,
    does not carry over the parent's peak into a child process)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def long_run_memory() -> dict:
    """Run in a fresh process: one start point, LONG_STEPS Adam steps, peak memory."""
    surface = rosenbrock()
    optimizer = optimizers.make("adam", lr=1e-3)
    simulate(surface, optimizer, [[-1.2, 1.0]], 10)  # warm up: imports, first allocations
    before = peak_rss()
    t0 = time.perf_counter()
    run = simulate(surface, optimizer, [[-1.2, 1.0]], LONG_STEPS)
    seconds = time.perf_counter() - t0
    after = peak_rss()
    stored = run.points.nbytes + run.loss.nbytes + run.grad_norm.nbytes + run.lr.nbytes
    return {"seconds": seconds, "rss_before": before, "rss_peak": after, "stored": stored,
            "final_loss": float(run.loss[-1, 0])}


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for k, r in enumerate(rows):
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(r, widths, strict=True))))
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--memory-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        print(json.dumps(long_run_memory()))
        return 0

    surface = rosenbrock()
    starts = start_points(N_POINTS)
    work = f"{N_POINTS:,} points x {STEPS} Adam steps (lr {LR}) on {surface.name}"
    print(f"{work}; Python {platform.python_version()}, numpy {np.__version__}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the start; "
          f"best of {args.repeats}")

    workers = engine._workers(N_POINTS)
    t_sim, c_sim, run = best_of(args.repeats, lambda: ours_simulate(surface, starts))
    t_sim1, c_sim1, run1 = best_of(args.repeats, lambda: ours_simulate(surface, starts, 1))
    assert np.array_equal(run.points, run1.points)
    del run1
    t_iter, c_iter, last = best_of(args.repeats, lambda: ours_iterate(surface, starts))
    assert np.array_equal(last, run.points[-1])
    rows = [("run", "wall s", "CPU s", "us / step", "ns / point-step", "wall / torch's")]

    try:
        import torch
    except ImportError:
        torch = None
    t_torch = t_torch1 = None
    if torch is not None:
        torch.set_default_dtype(torch.float64)
        threads = torch.get_num_threads()
        t_torch, c_torch, p_torch = best_of(args.repeats,
                                            lambda: torch_adam(starts, threads=threads))
        t_torch1, c_torch1, _ = best_of(args.repeats, lambda: torch_adam(starts, threads=1))
        torch.set_num_threads(threads)
        deviation = np.abs(p_torch - run.points[-1]).max(axis=1)

    def row(name, t, cpu):
        ratio = "" if t_torch is None else f"{t / t_torch:.2f}"
        return (name, f"{t:.3f}", f"{cpu:.3f}", f"{t / STEPS * 1e6:.0f}",
                f"{t / STEPS / N_POINTS * 1e9:.1f}", ratio)

    rows.append(row(f"ours: simulate (stores every step), {workers} threads", t_sim, c_sim))
    rows.append(row("ours: simulate (stores every step), 1 thread", t_sim1, c_sim1))
    rows.append(row("ours: iterate (stores nothing), 1 thread", t_iter, c_iter))
    if torch is not None:
        rows.append(row(f"torch {torch.__version__}: Adam + autograd, {threads} threads",
                        t_torch, c_torch))
        rows.append(row(f"torch {torch.__version__}: Adam + autograd, 1 thread",
                        t_torch1, c_torch1))
    print(table(rows))
    if torch is not None:
        print(f"wall time ours / torch ({threads} threads): simulate {t_sim / t_torch:.2f}, "
              f"iterate {t_iter / t_torch:.2f} (target <= 0.5); single thread against single "
              f"thread: simulate {t_sim1 / t_torch1:.2f}, iterate {t_iter / t_torch1:.2f}")
        print(f"final points, |ours - torch|: median {np.median(deviation):.1e}, largest "
              f"{deviation.max():.1e} (torch's fused multiply-adds differ in the last bit; "
              f"chaotic paths among {N_POINTS:,} random starts amplify it)")
    else:
        print("torch not importable: run with a Python that has torch to compare")
    del run

    if not args.skip_memory:
        out = subprocess.run([sys.executable, __file__, "--memory-child"], check=True,
                             capture_output=True, text=True).stdout
        m = json.loads(out.strip().splitlines()[-1])
        mb = 1024 * 1024
        print()
        print(table([
            ("one start point, 1,000,000 Adam steps (fresh process)", "value"),
            ("time of simulate", f"{m['seconds']:.1f} s"),
            ("arrays returned (points, loss, grad_norm, lr)", f"{m['stored'] / mb:.1f} MB"),
            ("peak RSS of the process (VmHWM)", f"{m['rss_peak'] / mb:.1f} MB"),
            ("RSS peak before the run (interpreter, numpy, imports)",
             f"{m['rss_before'] / mb:.1f} MB"),
            ("peak added by the run", f"{(m['rss_peak'] - m['rss_before']) / mb:.1f} MB"),
        ]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
