"""Write ``tests/fixtures/torch_reference.json``: torch.optim trajectories to test ours against.

Run it with a Python that has torch (never the app's venv; torch is no dependency of Descent Lab)::

    python3 -m venv /tmp/torchenv && /tmp/torchenv/bin/pip install torch==2.13.0 numpy
    /tmp/torchenv/bin/python benchmarks/make_torch_reference.py

Every case runs one ``torch.optim`` optimizer (float64, ``foreach=False``: the single-tensor CPU
path that ``app/optimizers.py`` mirrors) from two start points, given as the two rows of one
``(2, 2)`` parameter tensor, on a surface whose gradient is written out here with the same
floating-point operations as the numpy surface the test uses (no autograd: the test compares
optimizers, not differentiation). Some cases add a ``torch.optim.lr_scheduler`` and record the
learning rate torch used at each step, so the test can check that ``lr * schedule(t)`` matches.

torch's CPU kernels may round differently from numpy in the last bit (FMA in ``lerp``/``addcdiv``,
vectorized ``sqrt``). That is harmless only on a path that does not amplify it, so every case is
checked here: each gradient entry of one step is moved by one ulp (at the first step and at the
middle step, separately) and the whole perturbed path must stay within ``ULP_TOLERANCE`` (relative
to ``max(1, |p|)``) of the unperturbed one. The result is written into the fixture; a case that
fails is not written at all (replace it by a calmer one rather than loosen the test's tolerance).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np
import torch

ULP_TOLERANCE = 1e-12
STEPS = 60
OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "torch_reference.json"

# --------------------------------------------------------------------------------------------
# Surfaces: gradients with exactly the operations of the numpy versions in tests/
# --------------------------------------------------------------------------------------------
SURFACES = {
    # surfaces.get("quadratic", lambda1=1, lambda2=8, angle=30): a rotated narrow-ish bowl
    "bowl": {"name": "quadratic", "params": {"lambda1": 1.0, "lambda2": 8.0, "angle": 30.0},
             "starts": [[-2.0, 1.5], [1.2, 2.5]]},
    # Rosenbrock (a - x)^2 + b (y - x^2)^2, starts near the curved valley y = x^2
    "rosenbrock": {"name": "rosenbrock", "params": {"a": 1.0, "b": 100.0},
                   "starts": [[-0.9, 0.8], [0.5, 0.3]]},
}


def quadratic_matrix(lambda1: float, lambda2: float, angle: float) -> tuple[float, float, float]:
    """``R diag(lambda1, lambda2) R^T`` computed as ``surfaces/quadratic.py`` does."""
    t = np.deg2rad(angle)
    c, s = np.cos(t), np.sin(t)
    rot = np.array([[c, -s], [s, c]])
    m = rot @ np.diag([lambda1, lambda2]) @ rot.T
    return float(m[0, 0]), float(m[0, 1]), float(m[1, 1])


def torch_value(surface: str, p: torch.Tensor) -> torch.Tensor:
    """The loss with the operations of the numpy surface (for L-BFGS's closure)."""
    x, y = p[:, 0], p[:, 1]
    params = SURFACES[surface]["params"]
    if surface == "bowl":
        a, b, d = quadratic_matrix(**params)
        u, v = x - 0.0, y - 0.0
        return 0.5 * (a * u * u + 2.0 * b * u * v + d * v * v)
    if surface == "rosenbrock":
        a, b = params["a"], params["b"]
        return (a - x) ** 2 + b * (y - x * x) ** 2
    raise KeyError(surface)


def torch_grad(surface: str, p: torch.Tensor) -> torch.Tensor:
    x, y = p[:, 0], p[:, 1]
    params = SURFACES[surface]["params"]
    if surface == "bowl":
        a, b, d = quadratic_matrix(**params)
        u, v = x - 0.0, y - 0.0
        gx, gy = a * u + b * v, b * u + d * v
    elif surface == "rosenbrock":
        a, b = params["a"], params["b"]
        r = y - x * x
        gx = -2.0 * (a - x) - 4.0 * b * x * r
        gy = 2.0 * b * r
    else:
        raise KeyError(surface)
    return torch.stack([gx, gy], dim=1)


# --------------------------------------------------------------------------------------------
# Cases: (name, surface, torch class + kwargs, our name + hyperparameters, scheduler or None)
# --------------------------------------------------------------------------------------------
def case(name, surface, torch_cls, kwargs, ours, hyper=None, schedule=None, steps=STEPS):
    return {"name": name, "surface": surface, "torch": {"class": torch_cls, "kwargs": kwargs},
            "ours": {"name": ours, "hyper": dict(kwargs if hyper is None else hyper)},
            "schedule": schedule, "steps": steps}


def _cases() -> list[dict]:
    c = []
    # SGD and its presets
    c.append(case("sgd", "bowl", "SGD", {"lr": 0.1}, "gd"))
    c.append(case("sgd_weight_decay", "bowl", "SGD", {"lr": 0.1, "weight_decay": 0.3}, "gd"))
    c.append(case("sgd_momentum", "bowl", "SGD", {"lr": 0.05, "momentum": 0.9}, "momentum"))
    c.append(case("sgd_dampening", "bowl", "SGD",
                  {"lr": 0.05, "momentum": 0.8, "dampening": 0.3}, "momentum"))
    c.append(case("sgd_nesterov", "bowl", "SGD",
                  {"lr": 0.05, "momentum": 0.9, "nesterov": True}, "nesterov",
                  {"lr": 0.05, "momentum": 0.9}))
    c.append(case("sgd_all", "bowl", "SGD",
                  {"lr": 0.04, "momentum": 0.7, "nesterov": True, "weight_decay": 0.2}, "sgd"))
    c.append(case("sgd_momentum_rosenbrock", "rosenbrock", "SGD",
                  {"lr": 5e-4, "momentum": 0.9}, "momentum"))
    c.append(case("sgd_nesterov_rosenbrock", "rosenbrock", "SGD",
                  {"lr": 5e-4, "momentum": 0.8, "nesterov": True}, "sgd"))
    # Adagrad
    c.append(case("adagrad", "bowl", "Adagrad", {"lr": 0.5}, "adagrad"))
    c.append(case("adagrad_lr_decay", "bowl", "Adagrad", {"lr": 0.5, "lr_decay": 0.05}, "adagrad"))
    c.append(case("adagrad_initial_accumulator", "bowl", "Adagrad",
                  {"lr": 0.5, "initial_accumulator_value": 0.7}, "adagrad"))
    c.append(case("adagrad_weight_decay", "bowl", "Adagrad",
                  {"lr": 0.5, "weight_decay": 0.2, "eps": 1e-6}, "adagrad"))
    c.append(case("adagrad_rosenbrock", "rosenbrock", "Adagrad", {"lr": 0.05}, "adagrad"))
    # RMSprop
    c.append(case("rmsprop", "bowl", "RMSprop", {"lr": 0.01}, "rmsprop"))
    c.append(case("rmsprop_centered", "bowl", "RMSprop",
                  {"lr": 0.01, "alpha": 0.9, "centered": True}, "rmsprop"))
    c.append(case("rmsprop_momentum", "bowl", "RMSprop",
                  {"lr": 0.005, "momentum": 0.5}, "rmsprop"))
    c.append(case("rmsprop_centered_momentum_wd", "bowl", "RMSprop",
                  {"lr": 0.005, "alpha": 0.95, "momentum": 0.6, "centered": True,
                   "weight_decay": 0.1}, "rmsprop"))
    c.append(case("rmsprop_rosenbrock", "rosenbrock", "RMSprop", {"lr": 1e-3}, "rmsprop"))
    # Adam
    c.append(case("adam", "bowl", "Adam", {"lr": 0.05}, "adam"))
    c.append(case("adam_betas_eps", "bowl", "Adam",
                  {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-3}, "adam"))
    c.append(case("adam_amsgrad", "bowl", "Adam", {"lr": 0.05, "amsgrad": True}, "adam"))
    c.append(case("adam_weight_decay", "bowl", "Adam",
                  {"lr": 0.05, "weight_decay": 0.5}, "adam"))
    c.append(case("adam_amsgrad_weight_decay", "bowl", "Adam",
                  {"lr": 0.05, "amsgrad": True, "weight_decay": 0.5}, "adam"))
    c.append(case("adam_rosenbrock", "rosenbrock", "Adam", {"lr": 0.01}, "adam"))
    # AdamW
    c.append(case("adamw", "bowl", "AdamW", {"lr": 0.05}, "adamw"))
    c.append(case("adamw_weight_decay", "bowl", "AdamW",
                  {"lr": 0.05, "weight_decay": 0.5}, "adamw"))
    c.append(case("adamw_amsgrad", "bowl", "AdamW",
                  {"lr": 0.05, "weight_decay": 0.2, "amsgrad": True}, "adamw"))
    c.append(case("adamw_rosenbrock", "rosenbrock", "AdamW", {"lr": 0.01}, "adamw"))
    # NAdam
    c.append(case("nadam", "bowl", "NAdam", {"lr": 0.05}, "nadam"))
    c.append(case("nadam_weight_decay", "bowl", "NAdam",
                  {"lr": 0.05, "weight_decay": 0.3, "momentum_decay": 0.01}, "nadam"))
    c.append(case("nadam_rosenbrock", "rosenbrock", "NAdam", {"lr": 0.01}, "nadam"))
    # NAdam with decoupled weight decay
    c.append(case("nadam_decoupled", "bowl", "NAdam",
                  {"lr": 0.05, "weight_decay": 0.3, "decoupled_weight_decay": True}, "nadam"))
    # Adamax
    c.append(case("adamax", "bowl", "Adamax", {"lr": 0.05}, "adamax"))
    c.append(case("adamax_betas_wd", "bowl", "Adamax",
                  {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-4, "weight_decay": 0.2},
                  "adamax"))
    c.append(case("adamax_rosenbrock", "rosenbrock", "Adamax", {"lr": 0.01}, "adamax"))
    # Adadelta
    c.append(case("adadelta", "bowl", "Adadelta", {"lr": 1.0}, "adadelta"))
    c.append(case("adadelta_rho_eps_wd", "bowl", "Adadelta",
                  {"lr": 2.0, "rho": 0.8, "eps": 1e-4, "weight_decay": 0.1}, "adadelta"))
    c.append(case("adadelta_rosenbrock", "rosenbrock", "Adadelta", {"lr": 1.0}, "adadelta"))
    # Rprop
    c.append(case("rprop", "bowl", "Rprop", {"lr": 0.01}, "rprop"))
    c.append(case("rprop_etas_step_sizes", "bowl", "Rprop",
                  {"lr": 0.05, "etas": (0.3, 1.5), "step_sizes": (1e-3, 0.2)}, "rprop"))
    c.append(case("rprop_rosenbrock", "rosenbrock", "Rprop", {"lr": 1e-3}, "rprop"))
    # RAdam (rectified after step 5 with the default beta2)
    c.append(case("radam", "bowl", "RAdam", {"lr": 0.05}, "radam"))
    c.append(case("radam_weight_decay", "bowl", "RAdam",
                  {"lr": 0.05, "betas": (0.8, 0.99), "weight_decay": 0.3}, "radam"))
    c.append(case("radam_decoupled", "bowl", "RAdam",
                  {"lr": 0.05, "weight_decay": 0.3, "decoupled_weight_decay": True}, "radam"))
    c.append(case("radam_rosenbrock", "rosenbrock", "RAdam", {"lr": 0.01}, "radam"))
    # ASGD (t0 small, so that the average ax moves; it is compared too)
    c.append(case("asgd", "bowl", "ASGD", {"lr": 0.05}, "asgd"))
    c.append(case("asgd_decay_average", "bowl", "ASGD",
                  {"lr": 0.1, "lambd": 0.05, "alpha": 0.6, "t0": 10.0, "weight_decay": 0.1},
                  "asgd"))
    c.append(case("asgd_rosenbrock", "rosenbrock", "ASGD",
                  {"lr": 5e-4, "t0": 20.0}, "asgd"))
    # L-BFGS: one tensor per start point (each its own problem), closure = value and gradient
    c.append(case("lbfgs", "bowl", "LBFGS", {"lr": 0.5, "max_iter": 3}, "lbfgs", steps=20))
    c.append(case("lbfgs_history", "bowl", "LBFGS",
                  {"lr": 0.3, "max_iter": 4, "history_size": 2}, "lbfgs", steps=20))
    c.append(case("lbfgs_strong_wolfe", "bowl", "LBFGS",
                  {"lr": 1.0, "max_iter": 2, "line_search_fn": "strong_wolfe"}, "lbfgs",
                  steps=6))
    c.append(case("lbfgs_strong_wolfe_max_eval", "bowl", "LBFGS",
                  {"lr": 2.0, "max_iter": 5, "max_eval": 3, "history_size": 2,
                   "line_search_fn": "strong_wolfe"}, "lbfgs", steps=6))
    c.append(case("lbfgs_strong_wolfe_rosenbrock", "rosenbrock", "LBFGS",
                  {"lr": 1.0, "max_iter": 2, "line_search_fn": "strong_wolfe"}, "lbfgs",
                  steps=4))
    c.append(case("lbfgs_rosenbrock", "rosenbrock", "LBFGS",
                  {"lr": 0.05, "max_iter": 3}, "lbfgs", steps=8))
    # Learning-rate schedulers: ours is lr * schedule(t)
    c.append(case("adam_warmup_exponential", "bowl", "Adam", {"lr": 0.1}, "adam",
                  schedule={"torch": "warmup_exponential", "ours": "exponential",
                            "params": {"gamma": 0.95, "warmup_steps": 10,
                                       "warmup_start_factor": 0.25}}))
    c.append(case("momentum_cosine", "bowl", "SGD", {"lr": 0.1, "momentum": 0.5}, "momentum",
                  schedule={"torch": "cosine", "ours": "cosine",
                            "params": {"total_steps": STEPS, "min_factor": 0.1}}))
    c.append(case("sgd_step", "bowl", "SGD", {"lr": 0.2}, "gd",
                  schedule={"torch": "step", "ours": "step",
                            "params": {"step_size": 20, "gamma": 0.5}}))
    c.append(case("rmsprop_inverse_sqrt", "bowl", "RMSprop", {"lr": 0.05}, "rmsprop",
                  schedule={"torch": "lambda_inverse_sqrt", "ours": "inverse_sqrt",
                            "params": {}}))
    c.append(case("nadam_linear_warmup", "rosenbrock", "NAdam", {"lr": 0.01}, "nadam",
                  schedule={"torch": "linear_warmup", "ours": "linear_warmup",
                            "params": {"warmup_steps": 15, "warmup_start_factor": 0.1}}))
    c.append(case("momentum_multistep", "bowl", "SGD", {"lr": 0.1, "momentum": 0.5}, "momentum",
                  schedule={"torch": "multistep", "ours": "multistep",
                            "params": {"milestones": [10.0, 25.0, 40.0], "gamma": 0.5}}))
    c.append(case("gd_warmup_multistep", "bowl", "SGD", {"lr": 0.2}, "gd",
                  schedule={"torch": "warmup_multistep", "ours": "multistep",
                            "params": {"milestones": [15.0, 30.0], "gamma": 0.3,
                                       "warmup_steps": 8, "warmup_start_factor": 0.2}}))
    c.append(case("adam_polynomial", "bowl", "Adam", {"lr": 0.1}, "adam",
                  schedule={"torch": "polynomial", "ours": "polynomial",
                            "params": {"total_iters": 40, "power": 2.0}}))
    c.append(case("momentum_cosine_restarts", "bowl", "SGD", {"lr": 0.1, "momentum": 0.5},
                  "momentum",
                  schedule={"torch": "cosine_restarts", "ours": "cosine_restarts",
                            "params": {"T_0": 7, "T_mult": 2, "min_factor": 0.05}}))
    c.append(case("gd_cosine_restarts", "bowl", "SGD", {"lr": 0.2}, "gd",
                  schedule={"torch": "cosine_restarts", "ours": "cosine_restarts",
                            "params": {"T_0": 9, "T_mult": 1, "min_factor": 0.0}}))
    c.append(case("momentum_one_cycle", "bowl", "SGD", {"lr": 0.1, "momentum": 0.5},
                  "momentum",
                  schedule={"torch": "one_cycle", "ours": "one_cycle",
                            "params": {"total_steps": STEPS, "pct_start": 0.25}}))
    c.append(case("adam_one_cycle_linear_three_phase", "bowl", "Adam", {"lr": 0.1}, "adam",
                  schedule={"torch": "one_cycle", "ours": "one_cycle",
                            "params": {"total_steps": STEPS + 5, "pct_start": 0.3,
                                       "anneal_strategy": "linear", "div_factor": 10.0,
                                       "final_div_factor": 100.0, "three_phase": True}}))
    c.append(case("gd_cyclic_triangular2", "bowl", "SGD", {"lr": 0.02}, "gd",
                  schedule={"torch": "cyclic", "ours": "cyclic",
                            "params": {"max_factor": 8.0, "step_size_up": 7,
                                       "step_size_down": 5, "mode": "triangular2"}}))
    c.append(case("rmsprop_cyclic_exp_range", "bowl", "RMSprop", {"lr": 0.005}, "rmsprop",
                  schedule={"torch": "cyclic", "ours": "cyclic",
                            "params": {"max_factor": 5.0, "step_size_up": 6,
                                       "mode": "exp_range", "gamma": 0.97}}))
    # reduce on plateau: each start point on its own (its own loss drives its own lr)
    c.append(case("gd_plateau", "rosenbrock", "SGD", {"lr": 1e-3}, "gd",
                  schedule={"torch": "plateau", "ours": "reduce_on_plateau",
                            "params": {"factor": 0.5, "patience": 2, "threshold": 0.02}}))
    c.append(case("adam_plateau_abs_cooldown", "bowl", "Adam", {"lr": 0.3}, "adam",
                  schedule={"torch": "plateau", "ours": "reduce_on_plateau",
                            "params": {"factor": 0.3, "patience": 1, "threshold": 1e-3,
                                       "threshold_mode": "abs", "cooldown": 2,
                                       "min_factor": 0.05}}))
    return c


def make_scheduler(opt: torch.optim.Optimizer, spec: dict | None):
    if spec is None:
        return None
    sched = torch.optim.lr_scheduler
    kind, p = spec["torch"], spec["params"]
    if kind == "warmup_exponential":
        warm = sched.LinearLR(opt, start_factor=p["warmup_start_factor"], end_factor=1.0,
                              total_iters=p["warmup_steps"])
        decay = sched.ExponentialLR(opt, gamma=p["gamma"])
        return sched.SequentialLR(opt, [warm, decay], milestones=[p["warmup_steps"]])
    if kind == "cosine":
        base = opt.param_groups[0]["lr"]
        return sched.CosineAnnealingLR(opt, T_max=p["total_steps"],
                                       eta_min=base * p["min_factor"])
    if kind == "step":
        return sched.StepLR(opt, step_size=p["step_size"], gamma=p["gamma"])
    if kind == "lambda_inverse_sqrt":
        return sched.LambdaLR(opt, lambda t: 1.0 / math.sqrt(t + 1.0))
    if kind == "linear_warmup":
        return sched.LinearLR(opt, start_factor=p["warmup_start_factor"], end_factor=1.0,
                              total_iters=p["warmup_steps"])
    base = opt.param_groups[0]["lr"]
    if kind == "multistep":
        return sched.MultiStepLR(opt, milestones=[int(m) for m in p["milestones"]],
                                 gamma=p["gamma"])
    if kind == "warmup_multistep":
        warm = sched.LinearLR(opt, start_factor=p["warmup_start_factor"], end_factor=1.0,
                              total_iters=p["warmup_steps"])
        decay = sched.MultiStepLR(opt, milestones=[int(m) for m in p["milestones"]],
                                  gamma=p["gamma"])
        return sched.SequentialLR(opt, [warm, decay], milestones=[p["warmup_steps"]])
    if kind == "polynomial":
        return sched.PolynomialLR(opt, total_iters=p["total_iters"], power=p["power"])
    if kind == "cosine_restarts":
        return sched.CosineAnnealingWarmRestarts(opt, T_0=p["T_0"], T_mult=p["T_mult"],
                                                 eta_min=base * p["min_factor"])
    if kind == "one_cycle":
        return sched.OneCycleLR(opt, max_lr=base, total_steps=p["total_steps"],
                                pct_start=p["pct_start"],
                                anneal_strategy=p.get("anneal_strategy", "cos"),
                                div_factor=p.get("div_factor", 25.0),
                                final_div_factor=p.get("final_div_factor", 1e4),
                                three_phase=p.get("three_phase", False), cycle_momentum=False)
    if kind == "cyclic":
        return sched.CyclicLR(opt, base_lr=base, max_lr=base * p["max_factor"],
                              step_size_up=p["step_size_up"],
                              step_size_down=p.get("step_size_down") or None,
                              mode=p["mode"], gamma=p.get("gamma", 1.0), cycle_momentum=False)
    if kind == "plateau":
        return sched.ReduceLROnPlateau(opt, mode="min", factor=p["factor"],
                                       patience=p["patience"], threshold=p["threshold"],
                                       threshold_mode=p.get("threshold_mode", "rel"),
                                       cooldown=p.get("cooldown", 0),
                                       min_lr=base * p.get("min_factor", 0.0))
    raise KeyError(kind)


def run(c: dict, perturb_step: int | None = None) -> tuple[np.ndarray, list[float], dict]:
    """The torch trajectory ``(steps + 1, 2, 2)``, the lr of each step and extras per step
    (ASGD's average ``ax``, L-BFGS's function evaluations of each step)."""
    if c["torch"]["class"] == "LBFGS":
        return run_lbfgs(c, perturb_step)
    if c["schedule"] is not None and c["schedule"]["torch"] == "plateau":
        return run_per_point(c, perturb_step)
    return run_points(c, SURFACES[c["surface"]]["starts"], perturb_step)


def run_per_point(c: dict, perturb_step: int | None) -> tuple[np.ndarray, list, dict]:
    """Each start point as its own run: ``lr`` is then ``(steps, 2)``, one per point."""
    paths, lrs = [], []
    for start in SURFACES[c["surface"]]["starts"]:
        points, lr, _ = run_points(c, [start], perturb_step)
        paths.append(points[:, 0])
        lrs.append(lr)
    return np.stack(paths, axis=1), np.array(lrs).T.tolist(), {}


def run_points(c: dict, starts, perturb_step: int | None) -> tuple[np.ndarray, list, dict]:
    """One optimizer on the start points as rows of one tensor."""
    p = torch.tensor(starts, dtype=torch.float64, requires_grad=True)
    cls = getattr(torch.optim, c["torch"]["class"])
    opt = cls([p], foreach=False, **c["torch"]["kwargs"])
    scheduler = make_scheduler(opt, c["schedule"])
    points = [p.detach().numpy().copy()]
    lrs, extras = [], {}
    for k in range(c["steps"]):
        with torch.no_grad():
            g = torch_grad(c["surface"], p.detach())
            if k == perturb_step:
                g = torch.nextafter(g, torch.full_like(g, math.inf))
        p.grad = g
        lrs.append(float(opt.param_groups[0]["lr"]))
        opt.step()
        if isinstance(scheduler, torch.optim.lr_scheduler.ReduceLROnPlateau):
            with torch.no_grad():  # the loss after the step decides the next lr
                scheduler.step(float(torch_value(c["surface"], p.detach()).sum()))
        elif scheduler is not None:
            scheduler.step()
        points.append(p.detach().numpy().copy())
        if c["torch"]["class"] == "ASGD":
            extras.setdefault("ax", [points[0].tolist()]).append(
                opt.state[p]["ax"].numpy().tolist())
    return np.array(points), lrs, extras


def lbfgs_path(c: dict, start, perturb_step: int | None) -> tuple[np.ndarray, list[int]]:
    """One start point's L-BFGS path and the function evaluations of each step."""
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([p], **c["torch"]["kwargs"])
    step = [0]

    def closure():
        with torch.no_grad():
            q = p.detach()[None, :]
            loss = torch_value(c["surface"], q)[0]
            g = torch_grad(c["surface"], q)[0]
            if step[0] == perturb_step:
                g = torch.nextafter(g, torch.full_like(g, math.inf))
        p.grad = g.clone()
        return float(loss)

    path, used = [p.detach().numpy().copy()], [0]
    for k in range(c["steps"]):
        step[0] = k
        before = opt.state[p].get("func_evals", 0) if p in opt.state else 0
        opt.step(closure)
        path.append(p.detach().numpy().copy())
        used.append(int(opt.state[p]["func_evals"] - before))
    return np.array(path), used


def run_lbfgs(c: dict, perturb_step: int | None = None) -> tuple[np.ndarray, list[float], dict]:
    """L-BFGS from each start point on its own (a ``(2,)`` tensor each), one ``.step()`` per
    path point, with a closure that evaluates the loss and the gradient."""
    runs = [lbfgs_path(c, start, perturb_step) for start in SURFACES[c["surface"]]["starts"]]
    points = np.stack([path for path, _ in runs], axis=1)
    lrs = [float(c["torch"]["kwargs"].get("lr", 1.0))] * c["steps"]
    return points, lrs, {"func_evals": np.array([used for _, used in runs]).T.tolist()}


def ulp_check(c: dict, reference: np.ndarray) -> dict:
    """How far a one-ulp change of one step's gradient moves the path (relative)."""
    worst = 0.0
    perturbed_steps = [0, c["steps"] // 2]
    for k in perturbed_steps:
        other, _, _ = run(c, perturb_step=k)
        dev = np.abs(other - reference) / np.maximum(1.0, np.abs(reference))
        worst = max(worst, float(dev.max()))
    return {"perturbed_steps": perturbed_steps, "max_relative_deviation": worst,
            "tolerance": ULP_TOLERANCE, "passed": bool(worst <= ULP_TOLERANCE)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(1)
    written, dropped = [], []
    for c in _cases():
        points, lrs, extras = run(c)
        again, _, _ = run(c)
        if not np.array_equal(points, again):
            raise RuntimeError(f"{c['name']}: torch is not deterministic here")
        if not np.isfinite(points).all():
            raise RuntimeError(f"{c['name']}: the torch path is not finite")
        check = ulp_check(c, points)
        status = "ok " if check["passed"] else "DROPPED"
        moved = float(np.abs(points[-1] - points[0]).max())
        print(f"{status} {c['name']:32s} 1-ulp deviation {check['max_relative_deviation']:.1e}"
              f"  moved {moved:.3g}")
        if not check["passed"]:
            dropped.append(c["name"])
            continue
        surface = SURFACES[c["surface"]]
        entry = {
            "name": c["name"],
            "surface": {"name": surface["name"], "params": surface["params"]},
            "torch": {"class": c["torch"]["class"],
                      "kwargs": {k: list(v) if isinstance(v, tuple) else v
                                 for k, v in c["torch"]["kwargs"].items()},
                      "foreach": False},
            "ours": {"name": c["ours"]["name"],
                     "hyper": {k: list(v) if isinstance(v, tuple) else v
                               for k, v in c["ours"]["hyper"].items()}},
            "schedule": (None if c["schedule"] is None else
                         {"name": c["schedule"]["ours"], "params": c["schedule"]["params"],
                          "torch": c["schedule"]["torch"]}),
            "steps": c["steps"],
            "starts": surface["starts"],
            "lr": lrs,
            "points": points.tolist(),
            "extras": extras,
            "ulp_check": check,
        }
        written.append(entry)
    fixture = {
        "generated_by": "benchmarks/make_torch_reference.py",
        "torch_version": torch.__version__,
        "numpy_version": np.__version__,
        "dtype": "float64",
        "foreach": False,
        "note": "points[k] is the (2, 2) array of both start points after k updates; lr[k] is "
                "the learning rate torch used for update k (after its scheduler); extras: ASGD's "
                "average ax[k] (2, 2; ax[0]: the starts), L-BFGS's function evaluations of step "
                "k per point (0 at k = 0); L-BFGS runs each start point as its own (2,) "
                "tensor. ulp_check: "
                "largest relative move of the path when one step's gradient is changed by one "
                "ulp (a case is kept only if it is at most the tolerance).",
        "dropped_cases": dropped,
        "cases": written,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w") as f:
        f.write("{\n")
        items = [(k, v) for k, v in fixture.items() if k != "cases"]
        for k, v in items:
            f.write(f"  {json.dumps(k)}: {json.dumps(v)},\n")
        f.write('  "cases": [\n')
        f.write(",\n".join("    " + json.dumps(e, separators=(",", ":")) for e in written))
        f.write("\n  ]\n}\n")
    print(f"{len(written)} cases written to {args.out} ({args.out.stat().st_size / 1024:.0f} kB);"
          f" dropped: {', '.join(dropped) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
