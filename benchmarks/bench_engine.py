"""The engine's speed goals (issue 18), each measured against a peer in the same run.

1. 8 racers (GD, momentum, Nesterov, Adagrad, RMSProp, Adam, AdamW, NAdam) x 1 start x 1000
   steps on a quadratic valley: ours / a plain pure-Python scalar loop of the same racers
   (goal <= 0.5);
2. an lr change: the engine time to recompute those 8 racers with a new lr (goal <= 16 ms; the
   kernels are compiled once for every lr);
3. 65,536 starts x 500 Adam steps on Rosenbrock, final states only: ours / torch.optim.Adam +
   autograd on one (N, 2) float64 tensor (goal <= 0.2);
4. a 256 x 256 lr x momentum map x 500 steps (goal <= 0.3 s), and ours / our numpy path;
5. one start x 1,000,000 Adam steps (goal <= 1 s), and the memory that run keeps.

"ours" is ``engine.simulate`` (and ``maps.hyperparameter_map``) with the compiled path ready
(``DESCENT_LAB_COMPILED=wait``; compiling is not timed: it happens once per machine and is
cached). The numpy path is the same calls with the compiled path off. torch is never a
dependency: give a Python that has it (``--torch-python /path/to/venv/bin/python``, or the
environment variable ``DESCENT_LAB_TORCH_PYTHON``; ``pip install torch==2.13.0 numpy``);
without one the torch ratio is reported as not measured.

    .venv/bin/python benchmarks/bench_engine.py [--repeats 3] [--torch-python PATH]

Times are the best wall time of the repeats; on a busy machine compare the ratios, which are
measured side by side.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import surfaces  # noqa: E402
from app import compiled, optimizers  # noqa: E402
from app.analysis import maps  # noqa: E402
from app.engine import simulate  # noqa: E402

RACERS = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "nadam")
RACE_STEPS = 1000
N_POINTS = 65_536
STEPS = 500
LR = 0.01
LONG_STEPS = 1_000_000


def best_of(repeats: int, fn) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeats):
        out = None
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


# --------------------------------------------------------------------------------------------
# 1-2: eight racers, one start
# --------------------------------------------------------------------------------------------
def valley() -> surfaces.Surface:
    return surfaces.get("quadratic", lambda1=1.0, lambda2=20.0)


def racer_hyper(name: str, lr: float) -> dict:
    return {"lr": lr, **({"momentum": 0.9} if name in ("momentum", "nesterov") else {})}


def ours_racers(lr: float) -> list:
    surface = valley()
    return [simulate(surface, optimizers.make(n, **racer_hyper(n, lr)), [[-4.0, 1.5]],
                     RACE_STEPS) for n in RACERS]


def python_racers(lr: float) -> list:
    """The same eight racers as a plain scalar Python loop: the peer the issue names (torch's
    update equations with default hyperparameters, on f = (x^2 + 20 y^2) / 2)."""
    out = []
    for name in RACERS:
        x, y = -4.0, 1.5
        m = [0.0, 0.0]
        v = [0.0, 0.0]
        mu = 1.0
        path = [(x, y)]
        for t in range(1, RACE_STEPS + 1):
            g = [x, 20.0 * y]
            p = [x, y]
            for i in range(2):
                gi = g[i]
                if name == "gd":
                    p[i] -= lr * gi
                elif name in ("momentum", "nesterov"):
                    m[i] = gi if t == 1 else 0.9 * m[i] + gi
                    p[i] -= lr * (gi + 0.9 * m[i] if name == "nesterov" else m[i])
                elif name == "adagrad":
                    v[i] += gi * gi
                    p[i] -= lr * gi / (math.sqrt(v[i]) + 1e-10)
                elif name == "rmsprop":
                    v[i] = 0.99 * v[i] + 0.01 * gi * gi
                    p[i] -= lr * gi / (math.sqrt(v[i]) + 1e-8)
                else:  # adam, adamw (no decay here: weight_decay 0.01 on a small point), nadam
                    if name == "adamw":
                        p[i] *= 1.0 - lr * 0.01
                    m[i] = 0.9 * m[i] + 0.1 * gi
                    v[i] = 0.999 * v[i] + 0.001 * gi * gi
                    denom = math.sqrt(v[i] / (1.0 - 0.999**t)) + 1e-8
                    if name == "nadam":
                        mu_t = 0.9 * (1.0 - 0.5 * 0.96 ** (t * 0.004))
                        mu_next = 0.9 * (1.0 - 0.5 * 0.96 ** ((t + 1) * 0.004))
                        if i == 0:
                            mu *= mu_t
                        p[i] -= lr * (1.0 - mu_t) / (1.0 - mu) * gi / denom
                        p[i] -= lr * mu_next / (1.0 - mu * mu_next) * m[i] / denom
                    else:
                        p[i] -= lr / (1.0 - 0.9**t) * m[i] / denom
            x, y = p
            path.append((x, y))
        out.append(path)
    return out


# --------------------------------------------------------------------------------------------
# 3: final states of a large batch, against torch
# --------------------------------------------------------------------------------------------
def start_points(n: int) -> np.ndarray:
    rng = np.random.default_rng(0)
    return np.column_stack([rng.uniform(-2.0, 2.0, n), rng.uniform(-1.0, 3.0, n)])


def ours_final_states(starts: np.ndarray) -> np.ndarray:
    run = simulate(surfaces.get("rosenbrock"), optimizers.make("adam", lr=LR), starts, STEPS,
                   every=STEPS)  # stores the start and the end only
    return run.points[-1]


TORCH_CHILD = """
import json, sys, time
import numpy as np
import torch
torch.set_default_dtype(torch.float64)
starts = np.load(sys.argv[1])
steps, lr, repeats = int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
if int(sys.argv[6]):
    torch.set_num_threads(int(sys.argv[6]))

def run():
    p = torch.tensor(starts, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([p], lr=lr, foreach=False)
    for _ in range(steps):
        opt.zero_grad(set_to_none=True)
        x, y = p[:, 0], p[:, 1]
        u = y - x * x
        loss = ((1.0 - x) ** 2 + 100.0 * u * u).sum()
        loss.backward()
        opt.step()
    return p.detach().numpy().copy()

best = float("inf")
for _ in range(repeats):
    t0 = time.perf_counter()
    out = run()
    best = min(best, time.perf_counter() - t0)
np.save(sys.argv[5], out)
print(json.dumps({"seconds": best, "version": torch.__version__,
                  "threads": torch.get_num_threads()}))
"""


def torch_final_states(python: str, starts: np.ndarray, repeats: int, tmp: Path,
                       threads: int = 0):
    np.save(tmp / "starts.npy", starts)
    out = subprocess.run([python, "-c", TORCH_CHILD, str(tmp / "starts.npy"), str(STEPS),
                          str(LR), str(repeats), str(tmp / "torch.npy"), str(threads)],
                         capture_output=True, text=True, timeout=3600)
    if out.returncode != 0:
        return None, out.stderr.strip().splitlines()[-1:]
    return json.loads(out.stdout.strip().splitlines()[-1]), np.load(tmp / "torch.npy")


# --------------------------------------------------------------------------------------------
# 4-5: a map, a long run
# --------------------------------------------------------------------------------------------
def lr_momentum_map():
    return maps.hyperparameter_map(
        surfaces.get("quadratic", lambda1=1.0, lambda2=10.0, angle=30.0), "momentum",
        [-2.5, 2.0], np.geomspace(1e-3, 1.0, 256), "momentum", np.linspace(0.0, 0.99, 256),
        steps=STEPS, tol=1e-3)


def long_run(steps: int):
    return simulate(surfaces.get("rosenbrock"), optimizers.make("adam", lr=1e-3),
                    [[-1.2, 1.0]], steps)


def with_mode(mode: str, fn):
    compiled.set_mode(mode)
    try:
        return fn()
    finally:
        compiled.set_mode(None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--torch-python", default=os.environ.get("DESCENT_LAB_TORCH_PYTHON"))
    args = parser.parse_args()
    if not compiled.numba_installed():
        print("numba is not installed: the compiled path cannot be measured")
        return 1
    print(f"Python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at the start; best of {args.repeats}")
    # compile (or load from the cache) every kernel first: not timed
    t0 = time.perf_counter()
    with_mode("wait", lambda: (ours_racers(0.01), ours_final_states(start_points(64)),
                               maps.hyperparameter_map(
                                   surfaces.get("quadratic", lambda1=1.0, lambda2=10.0,
                                                angle=30.0), "momentum", [-2.5, 2.0],
                                   [1e-3, 1e-2], "momentum", [0.0, 0.5], steps=3),
                               long_run(3)))
    print(f"kernels compiled or loaded from {compiled.cache_dir()} in "
          f"{time.perf_counter() - t0:.1f} s (once per machine; not in the times below)")
    rows = [("measure", "ours", "peer", "ratio", "goal")]

    # 1. eight racers
    t_ours, _ = best_of(args.repeats, lambda: with_mode("wait", lambda: ours_racers(0.01)))
    t_py, _ = best_of(args.repeats, lambda: python_racers(0.01))
    t_np, _ = best_of(args.repeats, lambda: with_mode("off", lambda: ours_racers(0.01)))
    rows.append(("8 racers x 1 start x 1000 steps / pure-Python loop", f"{t_ours * 1e3:.1f} ms",
                 f"{t_py * 1e3:.1f} ms", f"{t_ours / t_py:.2f}", "<= 0.5"))
    rows.append(("  (our numpy path / pure-Python loop)", f"{t_np * 1e3:.1f} ms",
                 f"{t_py * 1e3:.1f} ms", f"{t_np / t_py:.1f}", ""))

    # 2. an lr change: new lrs each time, no compile
    lrs = iter(np.geomspace(1e-3, 5e-2, 1000))
    t_change, _ = best_of(max(args.repeats, 5),
                          lambda: with_mode("wait", lambda: ours_racers(float(next(lrs)))))
    rows.append(("lr change, 8 racers x 1000 steps (engine)", f"{t_change * 1e3:.1f} ms",
                 f"{t_np * 1e3:.1f} ms numpy", f"{t_change / t_np:.2f}", "<= 16 ms"))

    # 3. 65,536 x 500 Adam, final states
    starts = start_points(N_POINTS)
    t_big, ours_end = best_of(args.repeats,
                              lambda: with_mode("wait", lambda: ours_final_states(starts)))
    t_big_np, _ = best_of(1, lambda: with_mode("off", lambda: ours_final_states(starts)))
    torch_python = args.torch_python
    if torch_python is None:
        try:
            import torch  # noqa: F401

            torch_python = sys.executable
        except ImportError:
            pass
    torch_note = "torch: not measured (no --torch-python / DESCENT_LAB_TORCH_PYTHON)"
    if torch_python:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            info, torch_end = torch_final_states(torch_python, starts, args.repeats, Path(tmp))
            info1, _ = torch_final_states(torch_python, starts, args.repeats, Path(tmp), 1)
        if info is None:
            torch_note = f"torch: not measured ({' '.join(torch_end)})"
        else:
            dev = np.abs(torch_end - ours_end).max(axis=1)
            rows.append((f"65,536 x 500 Adam, final states / torch {info['version']} "
                         f"({info['threads']} threads)", f"{t_big:.3f} s",
                         f"{info['seconds']:.3f} s", f"{t_big / info['seconds']:.2f}",
                         "<= 0.2"))
            if info1 is not None:
                rows.append(("  (/ torch, 1 thread)", f"{t_big:.3f} s",
                             f"{info1['seconds']:.3f} s", f"{t_big / info1['seconds']:.2f}",
                             ""))
            torch_note = (f"final points, |ours - torch|: median {np.median(dev):.1e} (torch's "
                          f"fused multiply-adds round once where numpy rounds twice)")
    rows.append(("65,536 x 500 Adam, final states / our numpy path", f"{t_big:.3f} s",
                 f"{t_big_np:.3f} s", f"{t_big / t_big_np:.2f}", ""))

    # 4. the map
    t_map, _ = best_of(args.repeats, lambda: with_mode("wait", lr_momentum_map))
    t_map_np, _ = best_of(1, lambda: with_mode("off", lr_momentum_map))
    rows.append(("256 x 256 lr x momentum map x 500 steps / numpy path", f"{t_map:.3f} s",
                 f"{t_map_np:.3f} s", f"{t_map / t_map_np:.2f}", "<= 0.3 s"))

    # 5. one start, 1,000,000 steps (numpy: 100,000 steps, times 10)
    t_long, run = best_of(args.repeats, lambda: with_mode("wait", lambda: long_run(LONG_STEPS)))
    t_long_np, _ = best_of(1, lambda: with_mode("off", lambda: long_run(LONG_STEPS // 10)))
    rows.append(("1 start x 1,000,000 Adam steps / numpy path (100,000 steps x 10)",
                 f"{t_long:.3f} s", f"{t_long_np * 10:.1f} s",
                 f"{t_long / (t_long_np * 10):.3f}", "<= 1 s"))
    rows.append(("  memory of that run's arrays (Trajectories.nbytes)",
                 f"{run.nbytes / 2**20:.1f} MB", "", "", ""))

    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for k, r in enumerate(rows):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                        for i, (c, w) in enumerate(zip(r, widths, strict=True))))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    print(torch_note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
