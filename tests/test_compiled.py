"""The compiled engine path (app/compiled) against the numpy reference.

Two levels, so that every optimizer and surface of the registries is covered while the suite
compiles only a few kernels (each costs seconds of numba on a cold cache):

- the generated module run as plain Python on numpy scalars (no numba) for every optimizer on
  one surface, every surface with one optimizer, and a sample of the cross product: this
  checks the tracer and the code generator, i.e. that the code numba compiles is numpy's
  computation in numpy's order;
- numba-compiled kernels for three of the racers (kinds of update) and for surfaces that use
  special functions, plus a stability map: this checks numba's arithmetic (no fast-math,
  numpy's error model) and the loop (divergence, freezing, storage, convergence codes).

Both must agree with numpy to 1e-12 relative. A new optimizer or surface is picked up from
the registries; if it cannot be traced it must still run (on numpy), never fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

import surfaces
from app import compiled, engine, optimizers
from app.analysis import maps
from app.compiled import codegen, dispatch, programs
from app.compiled.trace import TraceError

RTOL = 1e-12
STEPS = 25
SURFACE = "rosenbrock"
OPTIMIZER = "adam"
RACERS = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "nadam")
#: compiled with numba in this file (several seconds of CPU each on a cold cache): a momentum
#: buffer that starts as None, per-step bias corrections, a float in the state
COMPILED_RACERS = ("nesterov", "adam", "nadam")

needs_numba = pytest.mark.skipif(not compiled.numba_installed(), reason="numba not installed")


@pytest.fixture
def mode():
    """Set the dispatch mode for one test (the suite's default is "off")."""
    yield dispatch.set_mode
    dispatch.set_mode(None)


def _starts(surface: surfaces.Surface) -> np.ndarray:
    """The surface's suggested starts, a point off its window (large gradients), and one
    that blows up at once (divergence and freezing are part of the loop)."""
    (x0, x1), (y0, y1) = surface.window
    far = [[x1 + 2.0 * (x1 - x0), y0 - 1.5 * (y1 - y0)], [1e150, -1e150]]
    return np.concatenate([surface.starts[:2], np.array(far)])


def _optimizer(name: str) -> optimizers.Optimizer:
    spec = optimizers.spec(name)
    lr = 3e-3 if spec.defaults()["lr"] <= 1e-2 else spec.defaults()["lr"]
    return optimizers.make(name, lr=lr)


def _assert_same(ours: dict, ref: engine.Trajectories) -> None:
    """Equal divergence steps; values within 1e-12 relative to the size of that quantity along
    the run (a coordinate crossing zero cannot be compared relative to itself)."""
    np.testing.assert_array_equal(ours["diverged_at"], ref.diverged_at)
    for name in ("points", "loss", "grad_norm"):
        want = getattr(ref, name)
        got = ours[name]
        assert got.shape == want.shape
        with np.errstate(all="ignore"):
            scale = np.nanmax(np.where(np.isfinite(want), np.abs(want), 0), axis=0,
                              keepdims=True)
            same = (got == want) | (np.isnan(got) & np.isnan(want))
            close = np.abs(got - want) <= RTOL * scale
        bad = ~(same | close)
        assert not bad.any(), (name, np.argwhere(bad)[:3], got[bad][:3], want[bad][:3])


def _python_run(surface, optimizer, starts):
    """The generated module as plain Python: the kernel's outputs, or None if untraceable."""
    state = optimizer.init(starts)
    try:
        sp = programs.trace_surface(surface)
        op = programs.trace_optimizer(optimizer, state, len(starts))
    except TraceError:
        return None
    ns = codegen.python_namespace(sp, op)
    kernel = type("PythonKernel", (), {"run": staticmethod(ns["run"]), "surface": sp,
                                       "optimizer": op})
    with np.errstate(all="ignore"):
        return dispatch.run_kernel(kernel, optimizer, starts, np.ones(STEPS), state,
                                   np.arange(STEPS + 1))


def _check_python(surface_name: str, optimizer_name: str) -> None:
    surface = surfaces.get(surface_name)
    optimizer = _optimizer(optimizer_name)
    starts = _starts(surface)
    ours = _python_run(surface, optimizer, starts)
    if ours is None:  # not traceable: no kernel, so the engine runs it on numpy
        dispatch.set_mode("wait")
        try:
            assert compiled.kernel_for(surface, optimizer, optimizer.init(starts), 4) is None
        finally:
            dispatch.set_mode(None)
        return
    _assert_same(ours, engine.simulate(surface, optimizer, starts, STEPS))


def _cross_sample() -> list[tuple[str, str]]:
    """Every 7th pair of the cross product (deterministic, new entries shift it)."""
    pairs = [(s, o) for o in optimizers.names() for s in surfaces.names()]
    return pairs[3::7]


@pytest.mark.parametrize("name", optimizers.names())
def test_generated_update_is_numpys_for_every_optimizer(name):
    _check_python(SURFACE, name)


@pytest.mark.parametrize("name", surfaces.names())
def test_generated_surface_is_numpys_for_every_surface(name):
    _check_python(name, OPTIMIZER)


@pytest.mark.parametrize("surface_name,optimizer_name", _cross_sample())
def test_generated_code_is_numpys_on_a_sample_of_pairs(surface_name, optimizer_name):
    _check_python(surface_name, optimizer_name)


def test_the_usual_optimizers_and_surfaces_are_traced():
    """The compiled path covers what the lessons use; what it leaves to numpy says why."""
    starts = np.zeros((1, 2))
    for name in RACERS + ("sgd", "radam", "adamax", "adadelta", "lion", "adabelief"):
        opt = optimizers.make(name)
        assert programs.trace_optimizer(opt, opt.init(starts), 1).carried >= 0
    for name in ("quadratic", "rosenbrock", "ackley", "formula", "crease", "regression"):
        assert len(programs.trace_surface(surfaces.get(name)).block.outputs) == 3
    lbfgs = optimizers.make("lbfgs")
    with pytest.raises(TraceError, match="evaluates the surface"):
        programs.trace_optimizer(lbfgs, lbfgs.init(starts), 1)


def test_a_branch_on_a_traced_value_is_refused_not_guessed():
    from app.compiled.trace import symbol, tracing

    with tracing():
        x = symbol("x", (1, 2))
        with pytest.raises(TraceError):
            bool(x.sum() > 0)
        with pytest.raises(TraceError):
            float(x[0, 0])
        # a fast-path check on a symbolic mask is "unknown": the masked path is recorded
        assert (x > 0).all() is False and (x > 0).any() is True


# --------------------------------------------------------------------------------------------
# numba: a bounded set of kernels
# --------------------------------------------------------------------------------------------
def _compiled_run(surface, optimizer, starts, steps=STEPS, schedule=None):
    dispatch.set_mode("wait")
    try:
        state = optimizer.init(starts)
        kernel = compiled.kernel_for(surface, optimizer, state, len(starts))
        assert kernel is not None, compiled.failures()
        before = dispatch.runs["compiled"]
        run = engine.simulate(surface, optimizer, starts, steps, schedule)
        assert dispatch.runs["compiled"] == before + 1  # simulate took the compiled path
        return run
    finally:
        dispatch.set_mode(None)


@needs_numba
@pytest.mark.parametrize("name", COMPILED_RACERS)
def test_compiled_racers_match_numpy_on_the_valley(name):
    surface = surfaces.get("quadratic", lambda1=1, lambda2=20)
    optimizer = _optimizer(name)
    starts = _starts(surface)
    ours = _compiled_run(surface, optimizer, starts, steps=200)
    ref = engine.simulate(surface, optimizer, starts, 200)
    _assert_same({"points": ours.points, "loss": ours.loss, "grad_norm": ours.grad_norm,
                  "diverged_at": ours.diverged_at}, ref)
    assert ours.diverged_at[-1] == 0 and ours.diverged_at[0] == -1
    # one start point: the per-step values are computed inside its loop instead of up front
    one = _compiled_run(surface, optimizer, starts[:1], steps=200)
    np.testing.assert_allclose(one.points, ref.points[:, :1], rtol=RTOL)


@needs_numba
@pytest.mark.parametrize("surface_name,params", [
    ("ackley", {}),  # exp, expm1, sin, cos, rint, sqrt, a 0/0 defined as 0
    # logaddexp, where, heaviside, sign, maximum and the NaN mask of formulas
    ("formula", {"expr": "softplus(x) + sigmoid(y)^2 + abs(x*y) + max(x, y) + elu(x - y) "
                         "+ relu(y) + log(2 + x)"}),
])
def test_compiled_special_functions_match_numpy(surface_name, params):
    surface = surfaces.get(surface_name, **params)
    optimizer = _optimizer("adam")
    starts = _starts(surface)
    ours = _compiled_run(surface, optimizer, starts)
    ref = engine.simulate(surface, optimizer, starts, STEPS)
    _assert_same({"points": ours.points, "loss": ours.loss, "grad_norm": ours.grad_norm,
                  "diverged_at": ours.diverged_at}, ref)


@needs_numba
def test_compiled_map_gives_numpys_cells(mode):
    """A lr x momentum map: per-point hyperparameters; converged, diverged and stalled cells."""
    surface = surfaces.get("rosenbrock")
    args = (surface, "momentum", [-1.2, 1.0], np.geomspace(1e-5, 5e-3, 9), "momentum",
            np.linspace(0.0, 0.95, 7))
    mode("off")
    ref = maps.hyperparameter_map(*args, steps=300, tol=0.05)
    mode("wait")
    before = dispatch.runs["compiled"]
    ours = maps.hyperparameter_map(*args, steps=300, tol=0.05)
    assert dispatch.runs["compiled"] > before
    assert {-2, -1} <= set(ref.steps_to_converge.ravel()) and ref.converged.any()
    np.testing.assert_array_equal(ours.steps_to_converge, ref.steps_to_converge)
    np.testing.assert_array_equal(ours.diverged_at, ref.diverged_at)
    np.testing.assert_allclose(ours.final_loss, ref.final_loss, rtol=RTOL)


@needs_numba
def test_background_compile_runs_numpy_until_ready(mode):
    """In the background mode the first run is numpy's; the compile happens on the compile
    thread (held until released, as the window holds it until its first paint); then the
    same call runs compiled, with the same numbers."""
    mode("background")
    surface = surfaces.get("quadratic", lambda1=2, lambda2=30)  # a kernel no other test builds
    optimizer = optimizers.make("rmsprop", lr=0.01)
    starts = np.array([[1.0, -2.0], [3.0, 0.5]])
    compiled.hold()
    try:
        before = dispatch.runs["compiled"]
        first = engine.simulate(surface, optimizer, starts, 100)
        assert dispatch.runs["compiled"] == before  # numpy ran
        assert not compiled.ready(surface, optimizer, optimizer.init(starts), 2)
    finally:
        compiled.release()
    assert compiled.wait_idle(timeout=300)
    key = dispatch._key(surface, optimizer, optimizer.init(starts), 2)
    assert dispatch.built_on[key] == "compile" != threading.current_thread().name
    assert compiled.ready(surface, optimizer, optimizer.init(starts), 2)
    before = dispatch.runs["compiled"]
    second = engine.simulate(surface, optimizer, starts, 100)
    assert dispatch.runs["compiled"] == before + 1
    np.testing.assert_allclose(second.points, first.points, rtol=RTOL)


def test_untraceable_optimizer_runs_on_numpy_and_says_why(mode):
    mode("wait")
    surface = surfaces.get("rosenbrock")
    lbfgs = optimizers.make("lbfgs", lr=0.5)
    run = engine.simulate(surface, lbfgs, [[-1.2, 1.0]], 10)
    mode("off")
    ref = engine.simulate(surface, lbfgs, [[-1.2, 1.0]], 10)
    np.testing.assert_array_equal(run.points, ref.points)
    if compiled.numba_installed():
        assert any("evaluates the surface" in why for why in compiled.failures().values())


def test_cache_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert compiled.cache_dir() == tmp_path / "descent-lab" / "compiled"


def test_mode_from_environment(monkeypatch):
    monkeypatch.setenv("DESCENT_LAB_COMPILED", "background")
    assert compiled.mode() == "background"
    monkeypatch.setenv("DESCENT_LAB_COMPILED", "nonsense")
    assert compiled.mode() == "auto"
    with pytest.raises(ValueError, match="Unknown compiled mode"):
        compiled.set_mode("fast")


# --------------------------------------------------------------------------------------------
# Storage
# --------------------------------------------------------------------------------------------
def test_decimated_run_stores_every_nth_step_and_the_last():
    surface = surfaces.get("rosenbrock")
    optimizer = optimizers.make("adam", lr=0.01)
    starts = np.array([[-1.2, 1.0], [0.0, 0.0]])
    full = engine.simulate(surface, optimizer, starts, 100)
    part = engine.simulate(surface, optimizer, starts, 100, every=7)
    assert part.stored_steps.tolist() == list(range(0, 100, 7)) + [100]
    assert part.steps == 100 and part.lr.shape == (100,)
    np.testing.assert_array_equal(part.points, full.points[part.stored_steps])
    np.testing.assert_array_equal(part.grad_norm, full.grad_norm[part.stored_steps])
    assert part.nbytes < full.nbytes
    with pytest.raises(ValueError, match="Invalid every"):
        engine.simulate(surface, optimizer, starts, 10, every=0)


def test_large_batches_are_decimated_to_the_memory_bound(monkeypatch):
    monkeypatch.setattr(engine, "MAX_STORED_BYTES", 200_000)
    surface = surfaces.get("quadratic")
    starts = np.random.default_rng(0).uniform(-3, 3, (500, 2))
    run = engine.simulate(surface, optimizers.make("gd", lr=0.05), starts, 60)
    per_step = 500 * 32
    assert run.stored_steps is not None and run.stored_steps[-1] == 60
    assert run.points.nbytes + run.loss.nbytes + run.grad_norm.nbytes <= 200_000 + per_step
    small = engine.simulate(surface, optimizers.make("gd", lr=0.05), starts[:2], 60)
    assert small.stored_steps is None and small.points.shape == (61, 2, 2)


# --------------------------------------------------------------------------------------------
# Nothing before the first paint
# --------------------------------------------------------------------------------------------
def test_window_imports_no_numba_before_first_paint(tmp_path):
    """Building the main window (which runs its first simulation) imports no numba: compiles
    are held until the window has painted."""
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from app.ui.main_window import MainWindow\n"
        "w = MainWindow()\n"
        "app.processEvents()\n"
        "print('numba' in sys.modules, any(m.startswith('descent_lab_kernel') "
        "for m in sys.modules))\n"
    )
    env = dict(os.environ, DESCENT_LAB_COMPILED="background", QT_QPA_PLATFORM="offscreen",
               XDG_CACHE_HOME=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, cwd=Path(__file__).resolve().parents[1], timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]


def test_cli_run_every_stores_decimated_steps(capsys):
    import json

    from app.cli import main

    argv = ["run", "--surface", "rosenbrock", "--optimizer", "adam", "--lr", "0.01",
            "--start", "-1.2,1", "--steps", "20"]
    assert main(argv + ["--every", "7"]) == 0
    part = json.loads(capsys.readouterr().out)["racers"][0]["runs"][0]
    assert main(argv) == 0
    full = json.loads(capsys.readouterr().out)["racers"][0]["runs"][0]
    assert part["stored_steps"] == [0, 7, 14, 20] and "stored_steps" not in full
    assert part["points"] == [full["points"][k] for k in (0, 7, 14, 20)]
    assert part["lr"] == full["lr"] and len(full["points"]) == 21


@needs_numba
def test_kept_steps_of_a_compiled_run_are_numpys(mode):
    """A run that keeps its steps (step mode, analysis) still takes the compiled path for its
    paths; replay gives numpy's steps (optimizer states included) when first asked."""
    surface = surfaces.get("quadratic", lambda1=1, lambda2=20)
    optimizer = _optimizer("adam")
    starts = _starts(surface)[:2]
    mode("wait")
    assert compiled.kernel_for(surface, optimizer, optimizer.init(starts), 2) is not None
    before = dispatch.runs["compiled"]
    run = engine.Run(surface, optimizer, starts, 50, keep_steps=True)
    run.advance(20)
    assert dispatch.runs["compiled"] == before + 1
    steps = list(run.replay())
    assert [s.step for s in steps] == list(range(21))
    np.testing.assert_allclose(np.array([s.points for s in steps]),
                               run.trajectories().points, rtol=RTOL)
    assert steps[20].state.count == 20


@pytest.mark.parametrize("criterion", ["distance", "loss", "gradient"])
def test_generated_map_loop_gives_numpys_cells(criterion, monkeypatch):
    """The generated loop's convergence criteria and finished points leaving their block
    (compaction), as plain Python (no numba): a map on Himmelblau (four minima) over more
    cells than one block holds gives numpy's cells."""
    surface = surfaces.get("himmelblau")
    args = (surface, "momentum", [0.5, -0.5], np.geomspace(1e-3, 3e-2, 37), "momentum",
            np.linspace(0.0, 0.9, 15))
    kw = dict(steps=40, tol=0.5, criterion=criterion)
    ref = maps.hyperparameter_map(*args, **kw)

    def python_kernel(surface, optimizer, state, n, work=0):
        sp = programs.trace_surface(surface)
        op = programs.trace_optimizer(optimizer, state, n)
        ns = codegen.python_namespace(sp, op)
        return type("PythonKernel", (), {"run": staticmethod(ns["run"]), "surface": sp,
                                         "optimizer": op})

    monkeypatch.setattr(codegen, "BLOCK", 128)  # 555 cells: five blocks
    monkeypatch.setattr(dispatch, "BLOCK", 128)
    monkeypatch.setattr(compiled, "kernel_for", python_kernel)
    before = dispatch.runs["compiled"]
    ours = maps.hyperparameter_map(*args, **kw)
    assert dispatch.runs["compiled"] > before  # the generated loop ran
    assert {-2, -1} <= set(ref.steps_to_converge.ravel()) and ref.converged.any()
    np.testing.assert_array_equal(ours.steps_to_converge, ref.steps_to_converge)
    np.testing.assert_array_equal(ours.diverged_at, ref.diverged_at)
    np.testing.assert_allclose(ours.final_loss, ref.final_loss, rtol=RTOL)
