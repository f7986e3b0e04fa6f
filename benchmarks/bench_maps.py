"""Time the stability maps: 256 x 256 cells, 500 steps each (target: under 2 s per map).

Run from the repository root::

    .venv/bin/python benchmarks/bench_maps.py [--resolution 256] [--steps 500] [--repeat 3]

Prints one line per case: the best wall time of ``--repeat`` runs and the CPU time of that run
(``time.process_time``: on a busy machine the wall time is larger, the CPU time is what the map
costs), the cell-steps actually computed per CPU second, and how the cells ended (converged /
diverged / not converged). The last cases never converge (``tol`` tiny), so every cell runs all
steps: the worst case. Exit status 1 if a best wall time is over the target.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import surfaces  # noqa: E402
from app import optimizers  # noqa: E402
from app.analysis import DIVERGED, NOT_CONVERGED, basin_map, hyperparameter_map  # noqa: E402
from surfaces import Surface  # noqa: E402

TARGET_SECONDS = 2.0


def himmelblau() -> Surface:
    return surfaces.get("himmelblau")


def cases(n: int, steps: int):
    bowl = surfaces.get("quadratic", lambda1=1.0, lambda2=10.0, angle=30.0)
    hill = himmelblau()
    lrs = np.geomspace(1e-3, 1.0, n)
    betas = np.linspace(0.0, 0.98, n)
    start = (-8.0, 5.0)
    yield ("hyperparameter map  quadratic  momentum  lr x momentum",
           lambda tol=1e-3: hyperparameter_map(bowl, "momentum", start, lrs, "momentum", betas,
                                               steps=steps, tol=tol))
    yield ("hyperparameter map  quadratic  nesterov  lr x momentum",
           lambda tol=1e-3: hyperparameter_map(bowl, "nesterov", start, lrs, "momentum",
                                               betas + 0.01, steps=steps, tol=tol))
    yield ("hyperparameter map  quadratic  adam      lr x beta1",
           lambda tol=1e-3: hyperparameter_map(bowl, "adam", start, lrs, "beta1", betas,
                                               steps=steps, tol=tol))
    yield ("hyperparameter map  himmelblau momentum  lr x momentum",
           lambda tol=1e-3: hyperparameter_map(hill, "momentum", (0.0, 0.0), lrs * 0.05,
                                               "momentum", betas, steps=steps, tol=tol))
    for name, hyper in (("gd", {"lr": 0.01}), ("momentum", {"lr": 0.002, "momentum": 0.9}),
                        ("adam", {"lr": 0.05}), ("rmsprop", {"lr": 0.01}),
                        ("adagrad_rms", {"lr": 0.1})):
        opt = optimizers.make(name, **hyper)
        yield (f"basin map           himmelblau {name:<9} {hyper}",
               lambda tol=1e-3, opt=opt: basin_map(hill, opt, resolution=n, steps=steps,
                                                   tol=tol))
    # Worst cases: nothing converges, nothing diverges: every cell runs every step.
    yield ("WORST basin map     himmelblau gd        (no cell finishes)",
           lambda: basin_map(hill, optimizers.make("gd", lr=0.001), resolution=n, steps=steps,
                             tol=1e-300))
    yield ("WORST basin map     himmelblau adam      (no cell finishes)",
           lambda: basin_map(hill, optimizers.make("adam", lr=0.001), resolution=n, steps=steps,
                             tol=1e-300))
    yield ("WORST hyperparam    quadratic  momentum  (no cell finishes)",
           lambda: hyperparameter_map(bowl, "momentum", start, np.geomspace(1e-4, 0.1, n),
                                      "momentum", np.linspace(0, 0.5, n), steps=steps,
                                      tol=1e-300))
    yield ("WORST hyperparam    quadratic  adam      (no cell finishes)",
           lambda: hyperparameter_map(bowl, "adam", start, np.geomspace(1e-4, 1e-2, n), "beta1",
                                      betas, steps=steps, tol=1e-300))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resolution", type=int, default=256)
    parser.add_argument("--steps", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n, steps = args.resolution, args.steps
    print(f"{n} x {n} cells, {steps} steps, best of {args.repeat}; target < {TARGET_SECONDS} s")
    slow = 0
    for label, run in cases(n, steps):
        best = cpu = np.inf
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            result = run()
            wall = time.perf_counter() - t0
            if wall < best:
                best, cpu = wall, time.process_time() - c0
        codes = result.steps_to_converge
        converged = int((codes >= 0).sum())
        diverged = int((codes == DIVERGED).sum())
        open_ = int((codes == NOT_CONVERGED).sum())
        done = np.where(codes >= 0, codes, steps)
        done = np.where(codes == DIVERGED, result.diverged_at, done)
        rate = done.sum() / cpu / 1e6
        flag = "ok" if best < TARGET_SECONDS else "SLOW"
        slow += best >= TARGET_SECONDS
        print(f"{best:6.3f} s wall {cpu:6.3f} s cpu  {flag:4}  {rate:5.1f} M cell-steps/s  "
              f"converged {converged:5d}  "
              f"diverged {diverged:5d}  not converged {open_:5d}  {label}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
