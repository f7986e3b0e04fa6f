"""Learning-rate schedules: functions of the step count, vectorized, giving the lr multiplier.

The learning rate actually used for update ``t`` (``t = 0`` is the first update) is
``lr * schedule(t)``. A :class:`Schedule` is a plain callable over an array of steps, so the
schedule plot is just ``schedule(np.arange(n))``.

Every schedule can start with a linear warm-up (lesson P7b): for ``t < warmup_steps`` the factor
rises linearly from ``warmup_start_factor`` towards 1 (torch's ``LinearLR``), and from then on the
decay runs on its own clock ``t - warmup_steps`` (torch's ``SequentialLR``). ``linear_warmup`` is
the warm-up followed by a constant factor 1.

Every schedule of ``torch.optim.lr_scheduler`` that is a function of the step has its twin
here (step, multistep, exponential, cosine, polynomial, cosine with warm restarts, one-cycle,
cyclic), matched to torch 2.13 by recorded fixtures; lr-valued parameters of torch (``max_lr``,
``eta_min``, ``min_lr``) are factors of the optimizer's lr here (``max_factor``,
``min_factor``). One-cycle and cyclic schedules change only the lr (torch's
``cycle_momentum=False``). ``reduce_on_plateau`` depends on the loss, not only the step: it has
a *controller* (:meth:`Schedule.controller`) that the engine feeds each start point's loss after
every update, so each point gets its own lr, as if it were trained alone; as a function of the
step it is the lr while the loss keeps improving (1 after the warm-up).

>>> s = make("inverse_sqrt")
>>> s(np.array([0, 3])).tolist()
[1.0, 0.5]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from surfaces.params import Param, unknown_name_error, validate_params

__all__ = ["Schedule", "ScheduleSpec", "make", "names", "spec"]


@dataclass(frozen=True)
class Schedule:
    """A configured schedule: ``schedule(steps) -> factors`` (same shape as ``steps``)."""

    name: str
    params: Mapping[str, Any]
    decay: Callable[[np.ndarray], np.ndarray] = field(repr=False)
    #: loss-driven schedules: ``feedback(params, lr, n, warmup_factors)`` builds the controller
    feedback: Callable[..., Any] | None = field(default=None, repr=False)

    @property
    def needs_loss(self) -> bool:
        """True if the lr depends on the loss (the engine then feeds it back)."""
        return self.feedback is not None

    def controller(self, lr: float, n: int, steps: int):
        """The per-point lr controller of a loss-driven schedule for ``n`` start points."""
        return self.feedback(self.params, lr, n, self(np.arange(steps)))

    def __call__(self, steps: Any) -> np.ndarray:
        t = np.asarray(steps, dtype=np.float64)
        warm = int(self.params.get("warmup_steps", 0))
        if warm <= 0:
            return np.broadcast_to(self.decay(t), t.shape).astype(np.float64)
        start = float(self.params.get("warmup_start_factor", 1.0 / 3.0))
        ramp = start + (1.0 - start) * t / warm
        after = np.broadcast_to(self.decay(np.maximum(t - warm, 0.0)), t.shape)
        return np.where(t < warm, ramp, after).astype(np.float64)


@dataclass(frozen=True)
class ScheduleSpec:
    name: str
    title: str
    formula: str
    params: tuple[Param, ...]
    build: Callable[[Mapping[str, Any]], Callable[[np.ndarray], np.ndarray]] = field(repr=False)
    feedback: Callable[..., Any] | None = field(default=None, repr=False)
    torch_name: str = ""  # the torch.optim.lr_scheduler class it matches


_WARMUP = (
    Param("warmup_steps", 0, kind=int, low=0, high=10**7,
          doc="steps of linear warm-up before the decay starts (0: none)"),
    Param("warmup_start_factor", 1.0 / 3.0, low=0, high=1,
          doc="factor at step 0 of the warm-up; it rises linearly to 1"),
)

_SPECS: dict[str, ScheduleSpec] = {}


def _add(name, title, formula, params, build, torch_name="", feedback=None):
    _SPECS[name] = ScheduleSpec(name, title, formula, (*params, *_WARMUP), build, feedback,
                                torch_name)


_add("constant", "Constant", "1", (), lambda p: lambda t: np.ones_like(t))
_add("step", "Step decay", "gamma ** floor(t / step_size)",
     (Param("step_size", 100, kind=int, low=1, high=10**7, doc="steps between decays"),
      Param("gamma", 0.1, low=0, high=1, open_low=True, doc="factor applied at each decay")),
     lambda p: lambda t: p["gamma"] ** np.floor(t / p["step_size"]), torch_name="StepLR")
_add("exponential", "Exponential decay", "gamma ** t",
     (Param("gamma", 0.99, low=0, high=1, open_low=True, doc="factor applied every step"),),
     lambda p: lambda t: p["gamma"] ** t, torch_name="ExponentialLR")
_add("inverse_sqrt", "1/sqrt(t+1) decay (lecture)", "1 / sqrt(t + 1)", (),
     lambda p: lambda t: 1.0 / np.sqrt(t + 1.0))
_add("inverse_time", "Inverse-time decay", "1 / (1 + decay * t)",
     (Param("decay", 0.01, low=0, high=1e6, log_scale=True, doc="how fast the factor falls"),),
     lambda p: lambda t: 1.0 / (1.0 + p["decay"] * t))
_add("cosine", "Cosine decay", "min + (1 - min) (1 + cos(pi min(t, T) / T)) / 2",
     (Param("total_steps", 1000, kind=int, low=1, high=10**7,
            doc="steps over which the factor falls to min_factor (T); constant after"),
      Param("min_factor", 0.0, low=0, high=1, doc="the final factor")),
     lambda p: lambda t: p["min_factor"] + (1.0 - p["min_factor"]) * 0.5
     * (1.0 + np.cos(np.pi * np.minimum(t, p["total_steps"]) / p["total_steps"])),
     torch_name="CosineAnnealingLR")
_add("multistep", "Multi-step decay", "gamma ** (number of milestones <= t)",
     (Param("milestones", (100.0, 200.0), kind=tuple, low=0,
            doc="the steps at which the factor is multiplied by gamma (comma-separated)"),
      Param("gamma", 0.1, low=0, high=1, open_low=True, doc="factor applied at each milestone")),
     lambda p: lambda t: p["gamma"] ** np.searchsorted(np.sort(np.floor(p["milestones"])), t,
                                                      side="right"),
     torch_name="MultiStepLR")
_add("polynomial", "Polynomial decay", "(1 - min(t, T) / T) ** power",
     (Param("total_iters", 1000, kind=int, low=1, high=10**7,
            doc="steps over which the factor falls to 0 (T); 0 after"),
      Param("power", 1.0, low=0, high=100, doc="1: linear; larger falls faster at first")),
     lambda p: lambda t: (1.0 - np.minimum(t, p["total_iters"]) / p["total_iters"])
     ** p["power"], torch_name="PolynomialLR")


def _restarts(p):
    """torch's CosineAnnealingWarmRestarts, closed form over an array of steps."""
    t0, mult, low = p["T_0"], p["T_mult"], p["min_factor"]

    def decay(t):
        t = np.asarray(t, dtype=np.float64)
        if mult == 1:
            t_cur, t_i = np.mod(t, t0), np.full_like(t, t0)
        else:  # restarts at T_0 (mult^n - 1) / (mult - 1), whole numbers: found exactly
            top = float(np.max(t, initial=0.0))
            ends, length = [0], t0
            while ends[-1] <= top:
                ends.append(ends[-1] + length)
                length *= mult
            ends = np.array(ends, dtype=np.float64)
            n = np.searchsorted(ends, t, side="right") - 1
            t_cur, t_i = t - ends[n], float(t0) * np.float_power(mult, n)
        return low + (1.0 - low) * (1 + np.cos(np.pi * t_cur / t_i)) / 2

    return decay


_add("cosine_restarts", "Cosine with warm restarts (SGDR)",
     "min + (1 - min) (1 + cos(pi T_cur / T_i)) / 2, T_i = T_0 T_mult^restarts",
     (Param("T_0", 100, kind=int, low=1, high=10**7, doc="steps until the first restart"),
      Param("T_mult", 1, kind=int, low=1, high=100,
            doc="each period is T_mult times longer than the one before"),
      Param("min_factor", 0.0, low=0, high=1, doc="the lowest factor (torch's eta_min / lr)")),
     _restarts, torch_name="CosineAnnealingWarmRestarts")


def _one_cycle(p):
    """torch's OneCycleLR (``cycle_momentum=False``) as a factor of ``max_lr`` (the lr)."""
    total, pct = p["total_steps"], p["pct_start"]
    initial = 1.0 / p["div_factor"]
    low = initial / p["final_div_factor"]
    if p["three_phase"]:
        phases = [(float(pct * total) - 1, initial, 1.0),
                  (float(2 * pct * total) - 2, 1.0, initial), (total - 1, initial, low)]
    else:
        phases = [(float(pct * total) - 1, initial, 1.0), (total - 1, 1.0, low)]
    cos = p["anneal_strategy"] == "cos"

    def decay(t):
        t = np.minimum(np.asarray(t, dtype=np.float64), total - 1)
        out, start_step, done = np.zeros_like(t), 0.0, np.zeros(t.shape, dtype=bool)
        for i, (end_step, start, end) in enumerate(phases):
            here = ~done & ((t <= end_step) | (i == len(phases) - 1))
            frac = (t - start_step) / (end_step - start_step)
            value = (end + (start - end) / 2.0 * (np.cos(np.pi * frac) + 1) if cos
                     else (end - start) * frac + start)
            out = np.where(here, value, out)
            done |= here
            start_step = end_step
        return out

    return decay


_add("one_cycle", "One-cycle (super-convergence)",
     "up from 1/div_factor to 1 over pct_start of total_steps, then down to "
     "1/(div_factor final_div_factor)",
     (Param("total_steps", 1000, kind=int, low=2, high=10**7, doc="length of the cycle"),
      Param("pct_start", 0.3, low=0, high=1, open_low=True, open_high=True,
            doc="fraction of the cycle spent increasing the lr"),
      Param("anneal_strategy", "cos", kind=str, choices=("cos", "linear"),
            doc="how the factor moves between its ends"),
      Param("div_factor", 25.0, low=1, high=1e6, doc="the cycle starts at lr / div_factor"),
      Param("final_div_factor", 1e4, low=1, high=1e9, log_scale=True,
            doc="and ends at lr / (div_factor * final_div_factor)"),
      Param("three_phase", False, kind=bool,
            doc="come back down to the start value before the final annealing")),
     _one_cycle, torch_name="OneCycleLR")


def _cyclic(p):
    """torch's CyclicLR (``cycle_momentum=False``) as a factor of ``base_lr`` (the lr)."""
    up = p["step_size_up"]
    down = p["step_size_down"] or up
    total, ratio = up + down, up / (up + down)
    mode, gamma = p["mode"], p["gamma"]

    def decay(t):
        t = np.asarray(t, dtype=np.float64)
        cycle = np.floor(1 + t / total)
        x = 1.0 + t / total - cycle
        scale = np.where(x <= ratio, x / ratio, (x - 1) / (ratio - 1))
        if mode == "triangular":
            amplitude = 1.0
        elif mode == "triangular2":
            amplitude = 1 / np.float_power(2.0, cycle - 1)
        else:  # exp_range: scaled by the step, not the cycle
            amplitude = np.float_power(gamma, t)
        return 1.0 + (p["max_factor"] - 1.0) * scale * amplitude

    return decay


_add("cyclic", "Cyclic (triangular)", "between 1 and max_factor, up in step_size_up steps and "
                                      "down in step_size_down",
     (Param("max_factor", 10.0, low=1, high=1e6, log_scale=True,
            doc="the peak factor (torch's max_lr / base_lr)"),
      Param("step_size_up", 200, kind=int, low=1, high=10**7, doc="steps going up"),
      Param("step_size_down", 0, kind=int, low=0, high=10**7,
            doc="steps going down; 0: as many as going up"),
      Param("mode", "triangular", kind=str, choices=("triangular", "triangular2", "exp_range"),
            doc="triangular2 halves the height every cycle; exp_range scales it by gamma^t"),
      Param("gamma", 1.0, low=0, high=1, open_low=True, doc="exp_range's factor per step")),
     _cyclic, torch_name="CyclicLR")
_add("lr_sweep", "Exponential lr sweep (lr range test)",
     "end_factor ** (min(t, T - 1) / (T - 1)): from lr to lr * end_factor in T steps",
     (Param("total_steps", 100, kind=int, low=2, high=10**7, doc="length of the sweep (T)"),
      Param("end_factor", 1e6, low=1, high=1e15, log_scale=True,
            doc="the last step's lr is lr * end_factor (fastai's lr_find: end_lr / start_lr)")),
     lambda p: lambda t: p["end_factor"] ** (np.minimum(t, p["total_steps"] - 1)
                                             / (p["total_steps"] - 1)))


class Plateau:
    """torch's ReduceLROnPlateau (mode ``min``) for ``n`` start points, each on its own loss.

    ``lr_at(k)`` is the learning rate of update ``k`` per point (shape ``(n, 1)``, so it
    broadcasts against ``(n, 2)`` points); ``observe(k, loss)`` takes the loss after update
    ``k`` (torch's ``scheduler.step(loss)`` after ``optimizer.step()``). During a warm-up the lr
    follows the warm-up and the losses are not judged.
    """

    def __init__(self, params: Mapping[str, Any], lr: float, n: int, warmup: np.ndarray):
        self.p = params
        self.warm = int(params.get("warmup_steps", 0))
        self.warmup = float(lr) * np.asarray(warmup, dtype=np.float64)
        self.lr = np.full(n, float(lr))
        self.min_lr = float(lr) * params["min_factor"]
        self.best = np.full(n, np.inf)
        self.bad = np.zeros(n, dtype=np.int64)
        self.cooldown = np.zeros(n, dtype=np.int64)

    def lr_at(self, k: int) -> np.ndarray:
        if k < self.warm:
            return np.full((self.lr.size, 1), self.warmup[k])
        return self.lr[:, None].copy()

    def observe(self, k: int, loss: np.ndarray) -> None:
        if k < self.warm:
            return
        p = self.p
        loss = np.asarray(loss, dtype=np.float64)
        if p["threshold_mode"] == "rel":
            better = loss < self.best * (1.0 - p["threshold"])
        else:
            better = loss < self.best - p["threshold"]
        self.best = np.where(better, loss, self.best)
        self.bad = np.where(better, 0, self.bad + 1)
        cooling = self.cooldown > 0
        self.cooldown = np.where(cooling, self.cooldown - 1, self.cooldown)
        self.bad = np.where(cooling, 0, self.bad)
        reduce = self.bad > p["patience"]
        new_lr = np.maximum(self.lr * p["factor"], self.min_lr)
        self.lr = np.where(reduce & (self.lr - new_lr > p["eps"]), new_lr, self.lr)
        self.cooldown = np.where(reduce, p["cooldown"], self.cooldown)
        self.bad = np.where(reduce, 0, self.bad)


_add("reduce_on_plateau", "Reduce on plateau (loss-driven)",
     "times factor once the loss has not improved for patience steps",
     (Param("factor", 0.1, low=0, high=1, open_low=True, open_high=True,
            doc="the lr is multiplied by this on a plateau"),
      Param("patience", 10, kind=int, low=0, high=10**7,
            doc="steps without improvement that are tolerated"),
      Param("threshold", 1e-4, low=0, log_scale=True,
            doc="an improvement smaller than this does not count"),
      Param("threshold_mode", "rel", kind=str, choices=("rel", "abs"),
            doc="rel: better than best * (1 - threshold); abs: better than best - threshold"),
      Param("cooldown", 0, kind=int, low=0, high=10**7,
            doc="steps after a reduction during which losses are not judged"),
      Param("min_factor", 0.0, low=0, high=1, doc="the lr never goes below lr * min_factor"),
      Param("eps", 1e-8, low=0, log_scale=True,
            doc="a reduction smaller than this is skipped")),
     lambda p: lambda t: np.ones_like(t), torch_name="ReduceLROnPlateau", feedback=Plateau)

# linear_warmup: warm-up then constant; its warm-up is on by default
_SPECS["linear_warmup"] = ScheduleSpec(
    "linear_warmup", "Linear warm-up", "start + (1 - start) t / warmup_steps, then 1",
    (Param("warmup_steps", 100, kind=int, low=1, high=10**7,
           doc="steps of linear warm-up (the factor then stays 1)"),
     _WARMUP[1]),
    lambda p: lambda t: np.ones_like(t), torch_name="LinearLR")


def names() -> list[str]:
    return list(_SPECS)


def spec(name: str) -> ScheduleSpec:
    try:
        return _SPECS[name]
    except KeyError:
        raise unknown_name_error("schedule", name, _SPECS) from None


def make(name: str = "constant", **params: Any) -> Schedule:
    """A configured schedule; e.g. ``make("cosine", total_steps=500, warmup_steps=50)``."""
    s = spec(name)
    effective = validate_params(f"schedule '{name}'", s.params, params)
    return Schedule(name, effective, s.build(effective), s.feedback)
