"""Issue 22's features, each timed against a peer in the same run (ratios; best of repeats).

1. mini-batches: 2,000 SGD steps on the 64-point regression with batch 8 / the same run with the
   exact gradient (the price of drawing batches and per-example gradients);
2. your own optimizer: Lion written as rules / the built-in Lion, 32 start points x 2,000 steps,
   both on the numpy path (``engine.iterate``; the compiled path knows only built-ins);
3. the lr range test: a 100-step sweep on a 2D bowl / a plain 100-step ``simulate`` of it;
4. figures: PDF / SVG of the same small multiples (6 panels), and drawing the panels / writing.

    .venv/bin/python benchmarks/bench_beyond.py [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

import surfaces
from app import figures, optimizers
from app import scenario as S
from app.analysis.lr_range import lr_range_test
from app.engine import MiniBatch, iterate, simulate
from app.optimizers import rules


def best(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def drain(surface, opt, starts, steps, **kw) -> None:
    for _ in iterate(surface, opt, starts, steps, **kw):
        pass


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    repeats = ap.parse_args().repeats
    out = {}

    reg = surfaces.get("regression", standardize=True, n_samples=64)
    gd = optimizers.make("gd", lr=0.1)
    batch = best(lambda: drain(reg, gd, [[0.0, 0.0]], 2000, batch=MiniBatch(8, 0)), repeats)
    exact = best(lambda: drain(reg, gd, [[0.0, 0.0]], 2000), repeats)
    out["minibatch_over_exact"] = batch / exact

    rules.install(rules.EXAMPLES["lion_rules"])
    bowl = surfaces.get("rosenbrock")
    starts = np.random.default_rng(0).uniform(-2, 2, (32, 2))
    mine = best(lambda: drain(bowl, optimizers.make("lion_rules", lr=1e-3), starts, 2000),
                repeats)
    builtin = best(lambda: drain(bowl, optimizers.make("lion", lr=1e-3), starts, 2000), repeats)
    out["rules_over_builtin"] = mine / builtin

    quad = surfaces.get("quadratic", lambda1=1, lambda2=20)
    sweep = best(lambda: lr_range_test(quad, "gd", (1.0, 1.0), lr_min=1e-4, steps=100), repeats)
    plain = best(lambda: simulate(quad, gd, [[1.0, 1.0]], 100), repeats)
    out["lr_range_over_simulate"] = sweep / plain

    sc = S.load("p5_adaptive").with_changes(steps=300)
    names = ["gd", "momentum", "adagrad", "rmsprop", "adam", "lion"]
    t0 = time.perf_counter()
    canvas = figures.small_multiples(sc, "optimizer", names)
    draw = time.perf_counter() - t0
    svg = best(lambda: figures.to_svg(canvas), repeats)
    pdf = best(lambda: figures.to_pdf(canvas), repeats)
    out["pdf_over_svg"] = pdf / svg
    out["panels_over_writing_svg"] = draw / svg
    print(json.dumps({k: round(v, 2) for k, v in out.items()}, indent=1))


if __name__ == "__main__":
    main()
