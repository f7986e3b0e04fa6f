"""How fast the network lab trains and draws: run with ``python benchmarks/bench_netlab.py``.

Prints steps per second for the default network (2-32-32-1 leaky ReLU, 1185 weights, two moons,
200 samples, full batch), the same with the sharpness readout every 10 steps, and the time to
compute a 64 x 64 loss landscape (values; and the exact projected gradients).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.netlab import NetConfig, landscape, train  # noqa: E402

STEPS = 2000
REPEATS = 3


def best_time(fn) -> float:
    """The fastest of ``REPEATS`` runs, in seconds."""
    times = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def steps_per_second(**changes) -> float:
    config = NetConfig(steps=STEPS, **changes)
    return STEPS / best_time(lambda: train(config))


def main() -> None:
    cfg = NetConfig()
    print(f"default network: sizes {cfg.model().sizes}, {cfg.model().n_params} weights, "
          f"{cfg.activation}, {cfg.dataset} n={cfg.n_samples}")
    print(f"full batch, no sharpness:       {steps_per_second(sharpness_every=0):8.0f} steps/s")
    print(f"full batch, sharpness every 10: {steps_per_second(sharpness_every=10):8.0f} steps/s")
    print(f"mini-batch 32, no sharpness:    "
          f"{steps_per_second(sharpness_every=0, batch_size=32):8.0f} steps/s")
    run = train(NetConfig(steps=500, sharpness_every=0))
    for directions in ("random", "pca"):
        surf = landscape(run, directions)
        grid_time = best_time(lambda s=surf: s.grid(64))
        (x0, x1), (y0, y1) = surf.window
        pts = np.stack(np.meshgrid(np.linspace(x0, x1, 64), np.linspace(y0, y1, 64)), axis=-1)
        grad_time = best_time(lambda s=surf, p=pts: s.grad(p))
        print(f"64x64 landscape ({directions:6s}): values {grid_time:6.3f} s, "
              f"gradients {grad_time:6.3f} s")


if __name__ == "__main__":
    main()
