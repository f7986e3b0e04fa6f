"""engine.Run: simulate() in chunks; every prefix is bit for bit the rows simulate() returns."""

import numpy as np
import pytest

import surfaces
from app import optimizers, schedules
from app.engine import Noise, Run, simulate

CASES = {
    "gd": (optimizers.make("gd", lr=0.05), None, None),
    "adam with noise": (optimizers.make("adam", lr=0.1), None, Noise(0.3, 7)),
    "reduce on plateau (one lr per point)": (
        optimizers.make("momentum", lr=0.02),
        schedules.make("reduce_on_plateau", patience=3), None),
    "asgd (a point readout)": (optimizers.make("asgd", lr=0.05), None, None),
}


def _equal(a, b):
    for name in ("points", "loss", "grad_norm", "lr", "diverged_at"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)
    assert set(a.extras) == set(b.extras)
    for name in a.extras:
        np.testing.assert_array_equal(a.extras[name], b.extras[name], err_msg=name)


@pytest.mark.parametrize("case", list(CASES))
def test_chunks_give_simulates_rows_bit_for_bit(case):
    opt, sched, noise = CASES[case]
    surface = surfaces.get("rosenbrock")
    starts = [[-1.5, 2.0], [0.5, -0.5], [1.2, 1.2], [30.0, 30.0]]
    whole = simulate(surface, opt, starts, 60, sched, noise)
    run = Run(surface, opt, starts, 60, sched, noise)
    assert run.done == -1  # nothing computed yet
    done = []
    for chunk in (1, 7, 13, 100):
        done.append(run.advance(chunk))
        part = run.trajectories()
        k = part.steps
        assert k == run.done
        prefix = type(whole)(whole.points[:k + 1], whole.loss[:k + 1], whole.grad_norm[:k + 1],
                             whole.lr[:k], part.diverged_at,
                             {n: a[:k + 1] for n, a in whole.extras.items()})
        _equal(part, prefix)
    assert done == [1, 8, 21, 60] and run.finished
    _equal(run.trajectories(), whole)


def test_a_prefix_does_not_change_when_the_run_goes_on():
    surface = surfaces.get("quadratic", lambda1=1, lambda2=20)
    run = Run(surface, optimizers.make("gd", lr=0.12), [[1.0, 1.0]], 50)
    run.advance(10)
    early = run.trajectories()
    copy = early.points.copy(), early.diverged_at.copy()
    run.advance()
    np.testing.assert_array_equal(early.points, copy[0])
    np.testing.assert_array_equal(early.diverged_at, copy[1])
    assert run.trajectories().diverged_at[0] > 10  # blew up later than the prefix knew


def test_invalid_arguments_are_refused_when_the_run_is_made():
    with pytest.raises(ValueError, match="Invalid number of steps"):
        Run(surfaces.get("rosenbrock"), optimizers.make("gd"), [[0, 0]], 0)
    run = Run(surfaces.get("rosenbrock"), optimizers.make("gd"), [[0, 0]], 5)
    with pytest.raises(ValueError, match="advance"):
        run.trajectories()
