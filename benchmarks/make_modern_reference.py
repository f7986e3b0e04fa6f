"""Write ``tests/fixtures/modern_reference.json``: trajectories of the modern optimizers' reference
implementations (the authors' code) to test ``app/optimizers`` against.

Run it with the shared reference venv (never the app's; torch is no dependency of Descent Lab)::

    /work/refvenv/bin/pip install -r benchmarks/modern_reference_requirements.txt
    /work/refvenv/bin/python benchmarks/make_modern_reference.py

The pip-installable references (lion-pytorch, adabelief-pytorch, schedulefree, prodigyopt) are
imported; the others are not on PyPI, so their update code is copied below, each with its
repository, commit and file (nothing of them is in the app). Every case runs in float64 from two
start points, each a model of its own (its own ``(2,)`` parameter and optimizer instance: Prodigy's
d and Adan's gradient clipping are per model). The gradient (and for Sophia the Hessian's
diagonal) is the app's own numpy surface's, converted to torch: the test compares optimizers, not
differentiation.

As ``make_torch_reference.py`` does, every case is checked for chaos: one step's gradient is moved
by one ulp (at the first and at the middle step) and the whole path must stay within
``ULP_TOLERANCE`` relative; a case that fails is not written.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import torch
from torch.optim.optimizer import Optimizer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import surfaces  # noqa: E402  (the app's numpy surfaces: pure numpy, no Qt)

ULP_TOLERANCE = 1e-12
STEPS = 60
OUT = ROOT / "tests" / "fixtures" / "modern_reference.json"

SURFACES = {
    "bowl": {"name": "quadratic", "params": {"lambda1": 1.0, "lambda2": 8.0, "angle": 30.0},
             "starts": [[-2.0, 1.5], [1.2, 2.5]]},
    "rosenbrock": {"name": "rosenbrock", "params": {"a": 1.0, "b": 100.0},
                   "starts": [[-0.9, 0.8], [0.5, 0.3]]},
    # |H12| < both diagonal entries: Hutchinson's estimates diag(H) +- H12 stay positive, as the
    # reference's (GNB) estimates always are
    "mild_bowl": {"name": "quadratic", "params": {"lambda1": 2.0, "lambda2": 6.0, "angle": 20.0},
                  "starts": [[-2.0, 1.5], [1.2, 2.5]]},
}


# ============================================================================================
# Copies of the references that are not on PyPI (update code unchanged, comments trimmed)
# ============================================================================================
class GoogleLion(Optimizer):
    """google/automl @ 6a54c8741e7c3265d4547c4f35f47a0391122dc5, lion/lion_pytorch.py (the
    authors' Lion; used to confirm that lion-pytorch's update is the same)."""

    def __init__(self, params, lr=1e-4, betas=(0.9, 0.99), weight_decay=0.0):
        super().__init__(params, dict(lr=lr, betas=betas, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            for p in group['params']:
                if p.grad is None:
                    continue
                p.data.mul_(1 - group['lr'] * group['weight_decay'])
                grad = p.grad
                state = self.state[p]
                if len(state) == 0:
                    state['exp_avg'] = torch.zeros_like(p)
                exp_avg = state['exp_avg']
                beta1, beta2 = group['betas']
                update = exp_avg * beta1 + grad * (1 - beta1)
                p.add_(update.sign_(), alpha=-group['lr'])
                exp_avg.mul_(beta2).add_(grad, alpha=1 - beta2)


class Adan(Optimizer):
    """sail-sg/Adan @ 2c65beaf400775753b155da4082c3819fea689b9, adan.py: ``Adan.step`` and
    ``_single_tensor_adan`` (``foreach=False``; the fused CUDA paths left out)."""

    def __init__(self, params, lr=1e-3, betas=(0.98, 0.92, 0.99), eps=1e-8, weight_decay=0.0,
                 max_grad_norm=0.0, no_prox=False):
        defaults = dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay,
                        max_grad_norm=max_grad_norm, no_prox=no_prox)
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self, closure=None):
        if self.defaults['max_grad_norm'] > 0:
            device = self.param_groups[0]['params'][0].device
            global_grad_norm = torch.zeros(1, device=device)
            max_grad_norm = torch.tensor(self.defaults['max_grad_norm'], device=device)
            for group in self.param_groups:
                for p in group['params']:
                    if p.grad is not None:
                        grad = p.grad
                        global_grad_norm.add_(grad.pow(2).sum())
            global_grad_norm = torch.sqrt(global_grad_norm)
            clip_global_grad_norm = torch.clamp(
                max_grad_norm / (global_grad_norm + group['eps']), max=1.0).item()
        else:
            clip_global_grad_norm = 1.0
        for group in self.param_groups:
            beta1, beta2, beta3 = group['betas']
            if 'step' in group:
                group['step'] += 1
            else:
                group['step'] = 1
            bias_correction1 = 1.0 - beta1**group['step']
            bias_correction2 = 1.0 - beta2**group['step']
            bias_correction3 = 1.0 - beta3**group['step']
            for p in group['params']:
                if p.grad is None:
                    continue
                state = self.state[p]
                if len(state) == 0:
                    state['exp_avg'] = torch.zeros_like(p)
                    state['exp_avg_sq'] = torch.zeros_like(p)
                    state['exp_avg_diff'] = torch.zeros_like(p)
                if 'neg_pre_grad' not in state or group['step'] == 1:
                    state['neg_pre_grad'] = p.grad.clone().mul_(-clip_global_grad_norm)
                grad = p.grad
                exp_avg, exp_avg_sq = state['exp_avg'], state['exp_avg_sq']
                exp_avg_diff, neg_grad_or_diff = state['exp_avg_diff'], state['neg_pre_grad']
                lr, weight_decay, eps = group['lr'], group['weight_decay'], group['eps']
                bias_correction3_sqrt = math.sqrt(bias_correction3)
                # _single_tensor_adan
                grad.mul_(clip_global_grad_norm)
                neg_grad_or_diff.add_(grad)
                exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)  # m_t
                exp_avg_diff.mul_(beta2).add_(neg_grad_or_diff, alpha=1 - beta2)  # diff_t
                neg_grad_or_diff.mul_(beta2).add_(grad)
                exp_avg_sq.mul_(beta3).addcmul_(neg_grad_or_diff, neg_grad_or_diff,
                                                value=1 - beta3)  # n_t
                denom = ((exp_avg_sq).sqrt() / bias_correction3_sqrt).add_(eps)
                step_size_diff = lr * beta2 / bias_correction2
                step_size = lr / bias_correction1
                if group['no_prox']:
                    p.mul_(1 - lr * weight_decay)
                    p.addcdiv_(exp_avg, denom, value=-step_size)
                    p.addcdiv_(exp_avg_diff, denom, value=-step_size_diff)
                else:
                    p.addcdiv_(exp_avg, denom, value=-step_size)
                    p.addcdiv_(exp_avg_diff, denom, value=-step_size_diff)
                    p.div_(1 + lr * weight_decay)
                neg_grad_or_diff.zero_().add_(grad, alpha=-1.0)


def linear_warmup_scheduler(step, alpha_end, alpha_start=0, warmup=1):
    """apple/ml-ademamix @ c3d73c09f1287e5c33b95189bb0aa7de0a5a7667, pytorch/ademamix.py."""
    if step < warmup:
        a = step / float(warmup)
        return (1.0 - a) * alpha_start + a * alpha_end
    return alpha_end


def linear_hl_warmup_scheduler(step, beta_end, beta_start=0, warmup=1):
    """apple/ml-ademamix @ c3d73c0, pytorch/ademamix.py."""
    def f(beta, eps=1e-8):
        return math.log(0.5) / math.log(beta + eps) - 1

    def f_inv(t):
        return math.pow(0.5, 1 / (t + 1))

    if step < warmup:
        a = step / float(warmup)
        return f_inv((1.0 - a) * f(beta_start) + a * f(beta_end))
    return beta_end


class AdEMAMix(Optimizer):
    """apple/ml-ademamix @ c3d73c09f1287e5c33b95189bb0aa7de0a5a7667, pytorch/ademamix.py."""

    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999, 0.9999), alpha=2.0,
                 beta3_warmup=None, alpha_warmup=None, eps=1e-8, weight_decay=0):
        defaults = dict(lr=lr, betas=betas, eps=eps, alpha=alpha, beta3_warmup=beta3_warmup,
                        alpha_warmup=alpha_warmup, weight_decay=weight_decay)
        super().__init__(params, defaults)

    @torch.no_grad()
    def step(self, closure=None):
        for group in self.param_groups:
            lr = group["lr"]
            lmbda = group["weight_decay"]
            eps = group["eps"]
            beta1, beta2, beta3_final = group["betas"]
            beta3_warmup = group["beta3_warmup"]
            alpha_final = group["alpha"]
            alpha_warmup = group["alpha_warmup"]
            for p in group['params']:
                if p.grad is None:
                    continue
                grad = p.grad
                state = self.state[p]
                if len(state) == 0:
                    state['step'] = 0
                    if beta1 != 0.0:
                        state['exp_avg_fast'] = torch.zeros_like(p)
                    else:
                        state['exp_avg_fast'] = None
                    state['exp_avg_slow'] = torch.zeros_like(p)
                    state['exp_avg_sq'] = torch.zeros_like(p)
                exp_avg_fast, exp_avg_slow, exp_avg_sq = (
                    state['exp_avg_fast'], state['exp_avg_slow'], state['exp_avg_sq'])
                state['step'] += 1
                bias_correction1 = 1 - beta1 ** state['step']
                bias_correction2 = 1 - beta2 ** state['step']
                if alpha_warmup is not None:
                    alpha = linear_warmup_scheduler(state["step"], alpha_end=alpha_final,
                                                    alpha_start=0, warmup=alpha_warmup)
                else:
                    alpha = alpha_final
                if beta3_warmup is not None:
                    beta3 = linear_hl_warmup_scheduler(state["step"], beta_end=beta3_final,
                                                       beta_start=beta1, warmup=beta3_warmup)
                else:
                    beta3 = beta3_final
                if beta1 != 0.0:
                    exp_avg_fast.mul_(beta1).add_(grad, alpha=1 - beta1)
                else:
                    exp_avg_fast = grad
                exp_avg_slow.mul_(beta3).add_(grad, alpha=1 - beta3)
                exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                denom = (exp_avg_sq.sqrt() / math.sqrt(bias_correction2)).add_(eps)
                update = (exp_avg_fast.div(bias_correction1) + alpha * exp_avg_slow) / denom
                update.add_(p, alpha=lmbda)
                p.add_(-lr * update)


class SophiaG(Optimizer):
    """Liuhong99/Sophia @ a7e157229b71d58cf995d32854f1be15c265b350, sophia.py: ``SophiaG`` with
    ``_single_tensor_sophiag`` (capturable=False, maximize=False). ``update_hessian`` takes the
    diagonal estimate instead of the GNB ``p.grad * p.grad`` (a surface has no labels to sample):
    ``hessian.mul_(beta2).addcmul_(est, 1, value=1 - beta2)``."""

    def __init__(self, params, lr=1e-4, betas=(0.965, 0.99), rho=0.04, weight_decay=1e-1):
        defaults = dict(lr=lr, betas=betas, rho=rho, weight_decay=weight_decay)
        super().__init__(params, defaults)

    @torch.no_grad()
    def update_hessian(self, estimate):
        for group in self.param_groups:
            beta1, beta2 = group['betas']
            for p in group['params']:
                state = self.state[p]
                if len(state) == 0:
                    state['step'] = torch.tensor(0.)
                    state['exp_avg'] = torch.zeros_like(p)
                    state['hessian'] = torch.zeros_like(p)
                state['hessian'].mul_(beta2).add_(estimate(p), alpha=1 - beta2)

    @torch.no_grad()
    def step(self, bs=5120):
        for group in self.param_groups:
            beta1, beta2 = group['betas']
            for p in group['params']:
                if p.grad is None:
                    continue
                grad = p.grad
                state = self.state[p]
                if len(state) == 0:
                    state['step'] = torch.tensor(0.)
                    state['exp_avg'] = torch.zeros_like(p)
                    state['hessian'] = torch.zeros_like(p)
                exp_avg, hess, step_t = state['exp_avg'], state['hessian'], state['step']
                lr, rho, weight_decay = group['lr'], group['rho'], group['weight_decay']
                step_t += 1
                param = p
                param.mul_(1 - lr * weight_decay)
                exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
                step_size_neg = - lr
                ratio = (exp_avg.abs() / (rho * bs * hess + 1e-15)).clamp(None, 1)
                param.addcmul_(exp_avg.sign(), ratio, value=step_size_neg)


class Lookahead(Optimizer):
    """michaelrzhang/lookahead @ c4fd85f73cdaa6450eacf7d52d9050d9ff98a6e1,
    lookahead_pytorch.py (``pullback_momentum`` "none" and "reset")."""

    def __init__(self, optimizer, la_steps=5, la_alpha=0.8, pullback_momentum="none"):
        self.optimizer = optimizer
        self._la_step = 0
        self.la_alpha = la_alpha
        self._total_la_steps = la_steps
        self.pullback_momentum = pullback_momentum.lower()
        self.state = defaultdict(dict)
        for group in optimizer.param_groups:
            for p in group['params']:
                param_state = self.state[p]
                param_state['cached_params'] = torch.zeros_like(p.data)
                param_state['cached_params'].copy_(p.data)

    @property
    def param_groups(self):
        return self.optimizer.param_groups

    def step(self, closure=None):
        loss = self.optimizer.step(closure)
        self._la_step += 1
        if self._la_step >= self._total_la_steps:
            self._la_step = 0
            for group in self.optimizer.param_groups:
                for p in group['params']:
                    param_state = self.state[p]
                    p.data.mul_(self.la_alpha).add_(param_state['cached_params'],
                                                    alpha=1.0 - self.la_alpha)  # crucial line
                    param_state['cached_params'].copy_(p.data)
                    if self.pullback_momentum == "reset":
                        self.optimizer.state[p]["momentum_buffer"] = torch.zeros_like(p.data)
        return loss


# ============================================================================================
# Running a case
# ============================================================================================
def surface_of(case_surface: str):
    s = SURFACES[case_surface]
    return surfaces.get(s["name"], **s["params"])


def _hutchinson_signs(seed: int, draw: int) -> np.ndarray:
    """The random signs of ``app/optimizers/sophia.py`` (a counter-based numpy stream)."""
    rng = np.random.Generator(np.random.Philox(key=[int(seed), int(draw)]))
    return np.where(rng.random(2) < 0.5, -1.0, 1.0)


def _sophia_estimate(surface, kind: str, seed: int, draw: int):
    def estimate(p: torch.Tensor) -> torch.Tensor:
        h = surface.hessian(p.detach().numpy()[None, :])[0]
        if kind == "exact":
            return torch.tensor([h[0, 0], h[1, 1]])
        u = _hutchinson_signs(seed, draw)
        return torch.tensor(u * (h @ u))
    return estimate


def build(reference: str, p: torch.Tensor, kwargs: dict):
    """The reference optimizer for parameter ``p``."""
    if reference == "lion":
        from lion_pytorch import Lion
        return Lion([p], **kwargs)
    if reference == "google_lion":
        return GoogleLion([p], **kwargs)
    if reference == "adabelief":
        from adabelief_pytorch import AdaBelief
        with contextlib.redirect_stdout(io.StringIO()):  # it prints its options
            return AdaBelief([p], print_change_log=False, **kwargs)
    if reference == "adamw_schedulefree":
        from schedulefree import AdamWScheduleFree
        opt = AdamWScheduleFree([p], foreach=False, **kwargs)
        opt.train()
        return opt
    if reference == "sgd_schedulefree":
        from schedulefree import SGDScheduleFree
        opt = SGDScheduleFree([p], foreach=False, **kwargs)
        opt.train()
        return opt
    if reference == "prodigy":
        from prodigyopt import Prodigy
        with contextlib.redirect_stdout(io.StringIO()):  # it prints its options
            return Prodigy([p], **kwargs)
    if reference == "adan":
        return Adan([p], **kwargs)
    if reference == "ademamix":
        return AdEMAMix([p], **kwargs)
    if reference == "sophia":
        return SophiaG([p], **{k: v for k, v in kwargs.items()
                               if k in ("lr", "betas", "rho", "weight_decay")})
    if reference == "lookahead":
        own = {k: kwargs[k] for k in ("la_steps", "la_alpha", "pullback_momentum")}
        inner_ref, inner_kwargs = kwargs["inner"], kwargs["inner_kwargs"]
        if hasattr(torch.optim, inner_ref):
            inner = getattr(torch.optim, inner_ref)([p], foreach=False, **inner_kwargs)
        else:
            inner = build(inner_ref, p, inner_kwargs)
        return Lookahead(inner, **own)
    raise KeyError(reference)


def extras_of(reference: str, opt, p: torch.Tensor, kwargs: dict) -> dict:
    """What our optimizer reports as readouts, read from the reference after a step."""
    if reference in ("adamw_schedulefree", "sgd_schedulefree"):
        beta = kwargs.get("betas", (0.9,))[0] if reference == "adamw_schedulefree" else \
            kwargs.get("momentum", 0.9)
        z = opt.state[p]["z"]
        return {"x": torch.lerp(p.detach(), z, 1 - 1 / beta).numpy().tolist()}  # eval()'s
    if reference == "prodigy":
        return {"d": float(opt.param_groups[0]["d"])}
    if reference == "lookahead":
        return {"slow": opt.state[p]["cached_params"].numpy().tolist()}
    return {}


def make_scheduler(opt, spec: dict | None):
    if spec is None:
        return None
    target = opt.optimizer if isinstance(opt, Lookahead) else opt
    if spec["torch"] == "cosine":
        base = target.param_groups[0]["lr"]
        p = spec["params"]
        return torch.optim.lr_scheduler.CosineAnnealingLR(
            target, T_max=p["total_steps"], eta_min=base * p["min_factor"])
    if spec["torch"] == "step":
        return torch.optim.lr_scheduler.StepLR(target, step_size=spec["params"]["step_size"],
                                               gamma=spec["params"]["gamma"])
    raise KeyError(spec["torch"])


def run_point(c: dict, start, perturb_step: int | None = None):
    """One start point: ``(points (steps + 1, 2), extras per step, lrs)``."""
    surface = surface_of(c["surface"])
    p = torch.tensor(start, dtype=torch.float64, requires_grad=True)
    ref, kwargs = c["reference"]["name"], c["reference"]["kwargs"]
    opt = build(ref, p, kwargs)
    scheduler = make_scheduler(opt, c["schedule"])
    points, extras, lrs = [p.detach().numpy().copy()], defaultdict(list), []
    interval = kwargs.get("hessian_interval")
    for k in range(c["steps"]):
        g = surface.grad(p.detach().numpy()[None, :])[0]
        g = torch.tensor(g)
        if k == perturb_step:
            g = torch.nextafter(g, torch.full_like(g, math.inf))
        p.grad = g
        lrs.append(float(opt.param_groups[0]["lr"]))
        if ref == "sophia":
            opt.step(bs=kwargs["bs"])
            if (k + 1) % interval == 0:  # train_sophiag.py: after step k with k % i == i - 1
                opt.update_hessian(_sophia_estimate(surface, kwargs["hessian"], kwargs["seed"],
                                                    (k + 1) // interval))
        else:
            opt.step()
        if scheduler is not None:
            scheduler.step()
        points.append(p.detach().numpy().copy())
        for key, value in extras_of(ref, opt, p, kwargs).items():
            extras[key].append(value)
    return np.array(points), dict(extras), lrs


def run(c: dict, perturb_step: int | None = None):
    """Both start points: points ``(steps + 1, 2, 2)``, extras (per name: per step, per point)."""
    per = [run_point(c, s, perturb_step) for s in SURFACES[c["surface"]]["starts"]]
    points = np.stack([p for p, _, _ in per], axis=1)
    extras = {key: [[e[key][k] for _, e, _ in per] for k in range(c["steps"])]
              for key in per[0][1]}
    return points, extras, per[0][2]


def ulp_check(c: dict, reference: np.ndarray) -> dict:
    worst = 0.0
    perturbed_steps = [0, c["steps"] // 2]
    for k in perturbed_steps:
        other, _, _ = run(c, perturb_step=k)
        dev = np.abs(other - reference) / np.maximum(1.0, np.abs(reference))
        worst = max(worst, float(dev.max()))
    return {"perturbed_steps": perturbed_steps, "max_relative_deviation": worst,
            "tolerance": ULP_TOLERANCE, "passed": bool(worst <= ULP_TOLERANCE)}


# ============================================================================================
# Cases: (name, surface, reference + kwargs, our name + hyperparameters, schedule)
# ============================================================================================
def case(name, surface, reference, kwargs, ours, hyper, schedule=None, steps=STEPS):
    return {"name": name, "surface": surface,
            "reference": {"name": reference, "kwargs": kwargs},
            "ours": {"name": ours, "hyper": hyper}, "schedule": schedule, "steps": steps}


def _cases() -> list[dict]:
    c = []
    # Lion (lion-pytorch; Google's copy is checked to give the same path in main())
    c.append(case("lion", "bowl", "lion", {"lr": 0.01}, "lion", {"lr": 0.01}, steps=40))
    c.append(case("lion_betas_weight_decay", "bowl", "lion",
                  {"lr": 0.01, "betas": (0.95, 0.98), "weight_decay": 0.5}, "lion",
                  {"lr": 0.01, "betas": (0.95, 0.98), "weight_decay": 0.5}, steps=40))
    c.append(case("lion_rosenbrock", "rosenbrock", "lion", {"lr": 1e-3}, "lion", {"lr": 1e-3}))
    # AdaBelief
    c.append(case("adabelief", "bowl", "adabelief", {"lr": 0.05}, "adabelief", {"lr": 0.05}))
    c.append(case("adabelief_plain_amsgrad_l2", "bowl", "adabelief",
                  {"lr": 0.05, "rectify": False, "amsgrad": True, "weight_decouple": False,
                   "weight_decay": 0.2, "eps": 1e-8}, "adabelief",
                  {"lr": 0.05, "rectify": False, "amsgrad": True, "weight_decouple": False,
                   "weight_decay": 0.2, "eps": 1e-8}))
    c.append(case("adabelief_fixed_decay_no_sgd", "bowl", "adabelief",
                  {"lr": 0.05, "weight_decay": 0.01, "fixed_decay": True,
                   "degenerated_to_sgd": False, "betas": (0.8, 0.99)}, "adabelief",
                  {"lr": 0.05, "weight_decay": 0.01, "fixed_decay": True,
                   "degenerated_to_sgd": False, "betas": (0.8, 0.99)}))
    c.append(case("adabelief_rosenbrock", "rosenbrock", "adabelief", {"lr": 0.01}, "adabelief",
                  {"lr": 0.01}))
    # Adan
    c.append(case("adan", "bowl", "adan", {"lr": 0.05}, "adan", {"lr": 0.05}))
    c.append(case("adan_weight_decay_no_prox", "bowl", "adan",
                  {"lr": 0.05, "weight_decay": 0.3, "no_prox": True, "betas": (0.9, 0.9, 0.95)},
                  "adan", {"lr": 0.05, "weight_decay": 0.3, "no_prox": True,
                           "betas": (0.9, 0.9, 0.95)}))
    c.append(case("adan_clip_prox", "bowl", "adan",
                  {"lr": 0.05, "weight_decay": 0.2, "max_grad_norm": 2.0}, "adan",
                  {"lr": 0.05, "weight_decay": 0.2, "max_grad_norm": 2.0}))
    c.append(case("adan_rosenbrock", "rosenbrock", "adan", {"lr": 0.01}, "adan", {"lr": 0.01}))
    # AdEMAMix
    c.append(case("ademamix", "bowl", "ademamix", {"lr": 0.05}, "ademamix", {"lr": 0.05}))
    c.append(case("ademamix_warmups_weight_decay", "bowl", "ademamix",
                  {"lr": 0.05, "alpha_warmup": 20, "beta3_warmup": 25, "weight_decay": 0.1,
                   "betas": (0.9, 0.999, 0.999), "alpha": 5.0}, "ademamix",
                  {"lr": 0.05, "alpha_warmup": 20, "beta3_warmup": 25, "weight_decay": 0.1,
                   "betas": (0.9, 0.999, 0.999), "alpha": 5.0}))
    c.append(case("ademamix_rosenbrock", "rosenbrock", "ademamix", {"lr": 0.005}, "ademamix",
                  {"lr": 0.005}))
    # Prodigy
    c.append(case("prodigy", "bowl", "prodigy", {"lr": 1.0}, "prodigy", {"lr": 1.0}))
    c.append(case("prodigy_options", "bowl", "prodigy",
                  {"lr": 1.0, "use_bias_correction": True, "safeguard_warmup": True,
                   "growth_rate": 1.5, "weight_decay": 0.1, "d_coef": 2.0, "d0": 1e-3},
                  "prodigy",
                  {"lr": 1.0, "use_bias_correction": True, "safeguard_warmup": True,
                   "growth_rate": 1.5, "weight_decay": 0.1, "d_coef": 2.0, "d0": 1e-3}))
    c.append(case("prodigy_no_momentum_coupled_decay", "bowl", "prodigy",
                  {"lr": 1.0, "betas": (0.0, 0.99), "beta3": 0.9, "weight_decay": 0.1,
                   "decouple": False, "d0": 1e-3}, "prodigy",
                  {"lr": 1.0, "betas": (0.0, 0.99), "beta3": 0.9, "weight_decay": 0.1,
                   "decouple": False, "d0": 1e-3}))
    c.append(case("prodigy_rosenbrock_cosine", "rosenbrock", "prodigy", {"lr": 1.0}, "prodigy",
                  {"lr": 1.0}, schedule={"torch": "cosine", "ours": "cosine",
                                         "params": {"total_steps": STEPS, "min_factor": 0.1}}))
    # Schedule-free
    c.append(case("schedulefree_adamw", "bowl", "adamw_schedulefree", {"lr": 0.05},
                  "schedulefree_adamw", {"lr": 0.05}))
    c.append(case("schedulefree_adamw_options", "bowl", "adamw_schedulefree",
                  {"lr": 0.05, "warmup_steps": 10, "weight_decay": 0.1, "r": 1.0,
                   "betas": (0.95, 0.99)}, "schedulefree_adamw",
                  {"lr": 0.05, "warmup_steps": 10, "weight_decay": 0.1, "r": 1.0,
                   "betas": (0.95, 0.99)}))
    c.append(case("schedulefree_adamw_rosenbrock_step", "rosenbrock", "adamw_schedulefree",
                  {"lr": 0.01}, "schedulefree_adamw", {"lr": 0.01},
                  schedule={"torch": "step", "ours": "step",
                            "params": {"step_size": 20, "gamma": 0.5}}))
    c.append(case("schedulefree_sgd", "bowl", "sgd_schedulefree", {"lr": 0.05},
                  "schedulefree_sgd", {"lr": 0.05}))
    c.append(case("schedulefree_sgd_options", "bowl", "sgd_schedulefree",
                  {"lr": 0.05, "momentum": 0.7, "warmup_steps": 8, "weight_decay": 0.2,
                   "weight_lr_power": 1.0}, "schedulefree_sgd",
                  {"lr": 0.05, "momentum": 0.7, "warmup_steps": 8, "weight_decay": 0.2,
                   "weight_lr_power": 1.0}))
    c.append(case("schedulefree_sgd_rosenbrock", "rosenbrock", "sgd_schedulefree",
                  {"lr": 5e-4}, "schedulefree_sgd", {"lr": 5e-4}))
    # Sophia (exact diagonal by default; Hutchinson's seeded signs)
    sophia = {"lr": 0.01, "rho": 0.04, "weight_decay": 0.0, "bs": 1.0, "hessian_interval": 5,
              "hessian": "exact", "seed": 0}
    c.append(case("sophia_exact", "bowl", "sophia", sophia, "sophia", sophia))
    h = dict(sophia, hessian="hutchinson", seed=3, weight_decay=0.1, betas=(0.9, 0.95))
    c.append(case("sophia_hutchinson", "mild_bowl", "sophia", h, "sophia", h))
    r = dict(sophia, lr=2e-3, hessian_interval=10)
    c.append(case("sophia_rosenbrock", "rosenbrock", "sophia", r, "sophia", r))
    # Lookahead around torch.optim and the references above
    c.append(case("lookahead_adam", "bowl", "lookahead",
                  {"la_steps": 5, "la_alpha": 0.5, "pullback_momentum": "none",
                   "inner": "Adam", "inner_kwargs": {"lr": 0.05}}, "lookahead",
                  {"optimizer": "adam", "la_steps": 5, "la_alpha": 0.5, "lr": 0.05}))
    c.append(case("lookahead_momentum_reset", "bowl", "lookahead",
                  {"la_steps": 4, "la_alpha": 0.8, "pullback_momentum": "reset",
                   "inner": "SGD", "inner_kwargs": {"lr": 0.02, "momentum": 0.9}}, "lookahead",
                  {"optimizer": "momentum", "la_steps": 4, "la_alpha": 0.8,
                   "pullback_momentum": "reset", "lr": 0.02, "momentum": 0.9}))
    c.append(case("lookahead_lion_rosenbrock", "rosenbrock", "lookahead",
                  {"la_steps": 6, "la_alpha": 0.6, "pullback_momentum": "none",
                   "inner": "lion", "inner_kwargs": {"lr": 1e-3}}, "lookahead",
                  {"optimizer": "lion", "la_steps": 6, "la_alpha": 0.6, "lr": 1e-3}))
    return c


def _plain(v):
    if isinstance(v, tuple):
        return list(v)
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def check_google_lion() -> float:
    """lion-pytorch 0.2.5 against the authors' copy on every Lion case: the largest difference."""
    worst = 0.0
    for c in _cases():
        if c["reference"]["name"] != "lion":
            continue
        google = dict(c, reference={"name": "google_lion", "kwargs": c["reference"]["kwargs"]})
        a, _, _ = run(c)
        b, _, _ = run(google)
        worst = max(worst, float(np.abs(a - b).max()))
    return worst


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    torch.set_default_dtype(torch.float64)
    torch.set_num_threads(1)
    lion_gap = check_google_lion()
    print(f"lion-pytorch vs the authors' google/automl Lion: largest difference {lion_gap:.1e}")
    if lion_gap > 1e-14:
        raise RuntimeError("lion-pytorch and the authors' Lion disagree")
    written, dropped = [], []
    for c in _cases():
        points, extras, lrs = run(c)
        again, _, _ = run(c)
        if not np.array_equal(points, again):
            raise RuntimeError(f"{c['name']}: the reference is not deterministic here")
        if not np.isfinite(points).all():
            raise RuntimeError(f"{c['name']}: the reference path is not finite")
        check = ulp_check(c, points)
        status = "ok " if check["passed"] else "DROPPED"
        moved = float(np.abs(points[-1] - points[0]).max())
        print(f"{status} {c['name']:36s} 1-ulp deviation {check['max_relative_deviation']:.1e}"
              f"  moved {moved:.3g}")
        if not check["passed"]:
            dropped.append(c["name"])
            continue
        surface = SURFACES[c["surface"]]
        written.append({
            "name": c["name"],
            "surface": {"name": surface["name"], "params": surface["params"]},
            "reference": _plain(c["reference"]),
            "ours": _plain(c["ours"]),
            "schedule": (None if c["schedule"] is None else
                         {"name": c["schedule"]["ours"], "params": c["schedule"]["params"],
                          "torch": c["schedule"]["torch"]}),
            "steps": c["steps"],
            "starts": surface["starts"],
            "lr": lrs,
            "points": points.tolist(),
            "extras": extras,
            "ulp_check": check,
        })
    import importlib.metadata as md
    versions = {name: md.version(name) for name in
                ("torch", "numpy", "lion-pytorch", "adabelief-pytorch", "schedulefree",
                 "prodigyopt")}
    fixture = {
        "generated_by": "benchmarks/make_modern_reference.py",
        "versions": versions,
        "copied_references": {
            "lion (cross-check)": "google/automl@6a54c87 lion/lion_pytorch.py",
            "adan": "sail-sg/Adan@2c65bea adan.py",
            "ademamix": "apple/ml-ademamix@c3d73c0 pytorch/ademamix.py",
            "sophia": "Liuhong99/Sophia@a7e1572 sophia.py (+ train_sophiag.py's order)",
            "lookahead": "michaelrzhang/lookahead@c4fd85f lookahead_pytorch.py",
        },
        "dtype": "float64",
        "note": "points[k] is the (2, 2) array of both start points (each its own model) after "
                "k updates; extras[name][k] the reference's value of our readout `name` after "
                "update k + 1; lr[k] the learning rate of update k.",
        "dropped_cases": dropped,
        "cases": written,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w") as f:
        f.write("{\n")
        for k, v in fixture.items():
            if k != "cases":
                f.write(f"  {json.dumps(k)}: {json.dumps(v)},\n")
        f.write('  "cases": [\n')
        f.write(",\n".join("    " + json.dumps(e, separators=(",", ":")) for e in written))
        f.write("\n  ]\n}\n")
    print(f"{len(written)} cases written to {args.out} ({args.out.stat().st_size / 1024:.0f} kB);"
          f" dropped: {', '.join(dropped) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
