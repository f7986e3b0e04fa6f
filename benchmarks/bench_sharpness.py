"""Sharpness readout: Lanczos (``app.netlab.train.sharpness``) against power iteration, the
method it replaced. Run with ``python benchmarks/bench_sharpness.py``.

For each case it prints the Hessian-vector products used, whether the value converged, its
relative error against the dense spectrum, and the time ratio Lanczos / power iteration in the
same run (absolute times drift with the machine's load; the ratio and the product counts do not).

- cold: one measurement from a random start at the initial weights of
  ``NetConfig(dataset="regression", standardize=True)`` (lambda_max 356.0, lambda_min -346: power
  iteration converges slowly), and of the default network;
- warm: a training run measuring every step, each measurement warm-started from the previous
  step's vector (what the network lab does).
"""

from __future__ import annotations

import importlib
import math
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.netlab import NetConfig  # noqa: E402

T = importlib.import_module("app.netlab.train")
MAX_ITER, TOL = T.SHARPNESS_MAX_ITER, T.SHARPNESS_TOL


def power_iteration(hvp, v, max_iter, tol):
    """The previous readout: power iteration with the Rayleigh quotient, then a shifted second
    run when the dominant eigenvalue is negative."""
    def run(op, v):
        lam = 0.0
        for i in range(1, max_iter + 1):
            hv = op(v)
            lam = float(v @ hv)
            norm = float(np.linalg.norm(hv))
            if not math.isfinite(norm) or norm == 0.0:
                return lam, v, i, math.isfinite(norm)
            residual = float(np.linalg.norm(hv - lam * v))
            v = hv / norm
            if residual <= tol * abs(lam):
                return lam, v, i, True
        return lam, v, max_iter, False

    lam, v, its, ok = run(hvp, v)
    if lam < 0:
        u = np.random.default_rng(1).standard_normal(v.shape[0])
        shift, v, its2, ok = run(lambda x: hvp(x) - lam * x, u / np.linalg.norm(u))
        lam, its = lam + shift, its + its2
    return T.Sharpness(lam, v, its, ok)


lanczos = T._lanczos  # the readout's own (train() reaches it through T._lanczos)


def cold(config: NetConfig) -> None:
    model, data, targets, w, *_ = T.build(config)
    P = model.n_params
    H = model.hvp(np.broadcast_to(w, (P, P)), data.X, targets, np.eye(P))
    exact = np.linalg.eigvalsh((H + H.T) / 2)[-1]
    v0 = np.random.default_rng(0).standard_normal(P)
    v0 /= np.linalg.norm(v0)
    times = {}
    for name, method in (("power", power_iteration), ("lanczos", lanczos)):
        with np.errstate(all="ignore"):
            t0 = time.perf_counter()
            s = method(lambda u: model.hvp(w, data.X, targets, u), v0, MAX_ITER, TOL)
            times[name] = time.perf_counter() - t0
        print(f"  {name:8s} {s.iterations:4d} products, converged {s.converged!s:5s}, "
              f"lambda_max {s.lambda_max:10.4f} (rel. error {abs(s.lambda_max / exact - 1):.1e})")
    print(f"  time ratio lanczos / power: {times['lanczos'] / times['power']:.2f}")


def warm(config: NetConfig) -> None:
    totals = {}
    for name, method in (("power", power_iteration), ("lanczos", lanczos)):
        counts = {"products": 0, "unconverged": 0}
        real = T._lanczos

        def counted(hvp, v, max_iter, tol, method=method, counts=counts):
            s = method(hvp, v, max_iter, tol)
            counts["products"] += s.iterations
            counts["unconverged"] += not s.converged
            return s

        T._lanczos = counted
        try:
            t0 = time.perf_counter()
            run = T.train(config)
            totals[name] = time.perf_counter() - t0
        finally:
            T._lanczos = real
        print(f"  {name:8s} {counts['products']:6d} products for {len(run.sharpness)} "
              f"measurements, {counts['unconverged']} not converged")
    print(f"  time ratio lanczos / power (whole training run): "
          f"{totals['lanczos'] / totals['power']:.2f}")


def main() -> None:
    print(f"per-measurement budget: {MAX_ITER} products, tol {TOL}")
    for label, config in (
            ("regression, standardized (a large negative end)",
             NetConfig(dataset="regression", standardize=True)),
            ("default network", NetConfig())):
        print(f"cold start, {label}:")
        cold(config)
    for label, config in (
            ("default network, 200 steps, every step", NetConfig(steps=200, sharpness_every=1)),
            ("regression standardized, lr 1e-3, 200 steps, every 5",
             NetConfig(dataset="regression", standardize=True, steps=200, sharpness_every=5,
                       optimizer_params={"lr": 1e-3}))):
        print(f"warm starts, {label}:")
        warm(config)


if __name__ == "__main__":
    main()
