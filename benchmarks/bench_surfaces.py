"""Time ``Surface.value`` on a 1024 x 1024 grid for every registered surface (default params).

Run: ``.venv/bin/python benchmarks/bench_surfaces.py [--n 1024] [--repeat 7]``. Prints the best
of ``repeat`` runs per surface, in milliseconds, and flags those over the 50 ms budget.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

import surfaces

BUDGET_MS = 50.0


def grid_points(surface: surfaces.Surface, n: int) -> np.ndarray:
    """An ``(n, n, 2)`` array of points covering the surface's default window."""
    (x0, x1), (y0, y1) = surface.window
    xs, ys = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    return np.stack([xs, ys], axis=-1)


def best_time_ms(func, repeat: int) -> float:
    func()  # warm-up
    best = np.inf
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1024, help="grid size per axis")
    parser.add_argument("--repeat", type=int, default=7, help="runs per surface (best counts)")
    args = parser.parse_args()

    print(f"value() on a {args.n}x{args.n} grid, best of {args.repeat} runs")
    print(f"{'surface':<18} {'ms':>8}")
    slow = []
    for name in surfaces.names():
        surface = surfaces.get(name)
        points = grid_points(surface, args.n)
        ms = best_time_ms(lambda s=surface, p=points: s.value(p), args.repeat)
        flag = "  over budget" if ms > BUDGET_MS else ""
        print(f"{name:<18} {ms:8.1f}{flag}")
        if ms > BUDGET_MS:
            slow.append(name)
    if slow:
        print(f"over {BUDGET_MS:g} ms: {', '.join(slow)}")
    else:
        print(f"all under {BUDGET_MS:g} ms")


if __name__ == "__main__":
    main()
