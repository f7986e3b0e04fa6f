"""Run results as plain data, JSON and CSV: what ``descent-lab run`` prints and the GUI exports.

:func:`build` turns a surface and its racers' runs (:class:`app.scenario.RacerRun`, as
``Scenario.simulate()`` returns them) into JSON-ready Python data::

    {
      "surface": {"name": "quadratic", "params": {"lambda1": 1.0, ...}},   # effective values
      "steps": 100,
      "noise": {"sigma": 0.0, "seed": 0},                 # the run's gradient noise
      "scenario": "default" | null,
      "racers": [
        {
          "optimizer": "adam",
          "label": "adam lr=0.1",
          "params": {"lr": 0.1, "betas": [0.9, 0.999], "eps": 1e-08, ...},  # defaults included
          "schedule": {"name": "constant", "params": {"warmup_steps": 0, ...}},
          "noise": {"sigma": 0.0, "seed": 0},               # this racer's (it may have its own)
          "batch_size": null | b,                       # real mini-batches (finite sums)
          "runs": [                                     # one per start point, in order
            {
              "start": [x, y],
              "points": [[x, y], ...],                  # steps + 1 (row 0 is the start)
              "loss": [...], "grad_norm": [...],        # steps + 1, at each point
              "lr": [...],                              # steps: lr[t] is used by update t
              "diverged_at": null | k,                  # the step at which the run blew up
              "diagnosis": null | {"onset_step": k0,    # where the blow-up began, how fast
                  "growth_per_step": r, "implied_lambda_max": l, "max_stable_lr": lr_max},
              "extras": {"func_evals": [...], ...}      # only optimizers that report numbers
            }
          ]
        }
      ]
    }

Non-finite numbers become ``null``, so :func:`to_json` always writes strict JSON (no ``NaN`` or
``Infinity`` tokens); floats keep full precision (``repr``).

:func:`write_csv` writes one row per step per run under :data:`CSV_HEADER`; ``racer`` is the
optimizer's name, ``lr`` is the learning rate of the update *from* that step (empty on the last
row), and ``diverged_at`` and non-finite numbers are empty cells.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from typing import Any, TextIO

import numpy as np

from app.analysis.divergence import as_dict, diagnose_run
from app.labels import render_for

__all__ = ["CSV_HEADER", "build", "run_label", "to_json", "write_json", "write_csv", "csv_rows",
           "plain"]

CSV_HEADER = ("racer", "label", "start_index", "step", "x", "y", "loss", "grad_norm", "lr",
              "diverged_at")


def plain(value: Any) -> Any:
    """``value`` as JSON-ready Python: tuples and arrays as lists, non-finite floats as None."""
    if isinstance(value, np.ndarray):
        return _array(value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    raise TypeError(f"cannot report a value of type {type(value).__name__}")


def _array(a: np.ndarray) -> list:
    """A float array as nested lists, non-finite entries as None (fast when all are finite)."""
    a = np.asarray(a, dtype=np.float64)
    finite = np.isfinite(a)
    if finite.all():
        return a.tolist()
    return np.where(finite, a, None).tolist()


def _noise(noise, seed: int = 0) -> dict[str, Any]:
    if noise is None:
        return {"sigma": 0.0, "seed": int(seed)}
    return {"sigma": float(noise.sigma), "seed": int(noise.seed)}


def run_label(run, surface=None) -> str:
    """The label a racer's run shows: its template filled in from its current hyperparameters,
    its noise and lambda_max at its first start (:mod:`app.labels`)."""
    own = getattr(run, "noise", None)
    sigma = own.sigma if own is not None else 0.0
    start = run.trajectories.points[0, 0] if run.trajectories.n else None
    return render_for(run.racer, surface, start, sigma)


def _racer_entry(run, noise, surface=None) -> dict[str, Any]:
    racer, traj = run.racer, run.trajectories
    # a racer may run with its own noise (RacerRun.noise); otherwise the run's
    own = getattr(run, "noise", noise)
    opt, sched = racer.build()
    runs = []
    for i in range(traj.n):
        d = int(traj.diverged_at[i])
        runs.append({
            "start": _array(traj.points[0, i]),
            "points": _array(traj.points[:, i, :]),
            "loss": _array(traj.loss[:, i]),
            "grad_norm": _array(traj.grad_norm[:, i]),
            "lr": _array(traj.lr_of(i)),
            "diverged_at": d if d >= 0 else None,
            # where the blow-up began and what its growth implies (app.analysis.divergence;
            # it reads every step, so a decimated run has none)
            "diagnosis": (plain(as_dict(diagnose_run(traj, i, opt)))
                          if traj.stored_steps is None else None),
        })
        if traj.stored_steps is not None:  # run --every N: the step number of each row
            runs[-1]["stored_steps"] = [int(k) for k in traj.stored_steps]
        if traj.extras:  # the optimizer's declared readouts (e.g. L-BFGS's function evaluations)
            runs[-1]["extras"] = {name: _array(a[:, i]) for name, a in traj.extras.items()}
    return {
        "optimizer": racer.optimizer,
        "label": run_label(run, surface),
        "params": plain(dict(opt.hyper)),
        "schedule": {"name": sched.name, "params": plain(dict(sched.params))},
        "noise": _noise(own, noise.seed if noise is not None else 0),
        "batch_size": racer.batch_size,
        "runs": runs,
    }


def build(
    surface,
    runs: Sequence,
    *,
    noise=None,
    scenario: str | None = None,
) -> dict[str, Any]:
    """The report of ``runs`` (:class:`~app.scenario.RacerRun`) on ``surface`` as plain data.

    ``noise`` is the run's :class:`~app.engine.Noise` (None: none; a racer may have its own,
    ``RacerRun.noise``); ``scenario`` the name of the scenario they came from, if any.
    """
    steps = runs[0].trajectories.steps if runs else 0
    return {
        "surface": {"name": surface.name, "params": plain(dict(surface.params))},
        "steps": steps,
        "noise": _noise(noise),
        "scenario": scenario,
        "racers": [_racer_entry(r, noise, surface) for r in runs],
    }


def to_json(report: Mapping[str, Any]) -> str:
    """Compact, strict JSON (``ValueError`` if a NaN or infinity slipped through)."""
    return json.dumps(report, separators=(",", ":"), allow_nan=False)


def write_json(report: Mapping[str, Any], stream: TextIO) -> None:
    stream.write(to_json(report))
    stream.write("\n")


def csv_rows(runs: Iterable, surface=None) -> Iterator[Iterable]:
    """The CSV rows (without the header) of ``runs``, as iterators of rows, one per run."""
    for run in runs:
        racer, traj = run.racer, run.trajectories
        name, label = racer.optimizer, run_label(run, surface)
        rows = traj.step_numbers
        for i in range(traj.n):
            lr = _array(traj.lr_of(i)) + [None]
            lr = lr if traj.stored_steps is None else [lr[k] for k in rows]
            d = int(traj.diverged_at[i])
            yield zip(repeat(name), repeat(label), repeat(i), (int(k) for k in rows),
                      _array(traj.points[:, i, 0]), _array(traj.points[:, i, 1]),
                      _array(traj.loss[:, i]), _array(traj.grad_norm[:, i]), lr,
                      repeat(d if d >= 0 else None))


def write_csv(runs: Iterable, stream: TextIO, surface=None) -> None:
    """Write ``runs`` (:class:`~app.scenario.RacerRun`) as CSV: one row per step per run."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for rows in csv_rows(runs, surface):
        writer.writerows(rows)
