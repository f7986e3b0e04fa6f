"""Learning-rate schedules: functions of the step count, vectorized, giving the lr multiplier.

The learning rate actually used for update ``t`` (``t = 0`` is the first update) is
``lr * schedule(t)``. A :class:`Schedule` is a plain callable over an array of steps, so the
schedule plot is just ``schedule(np.arange(n))``.

Every schedule can start with a linear warm-up (lesson P7b): for ``t < warmup_steps`` the factor
rises linearly from ``warmup_start_factor`` towards 1 (torch's ``LinearLR``), and from then on the
decay runs on its own clock ``t - warmup_steps`` (torch's ``SequentialLR``). ``linear_warmup`` is
the warm-up followed by a constant factor 1.

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


_WARMUP = (
    Param("warmup_steps", 0, kind=int, low=0, high=10**7,
          doc="steps of linear warm-up before the decay starts (0: none)"),
    Param("warmup_start_factor", 1.0 / 3.0, low=0, high=1,
          doc="factor at step 0 of the warm-up; it rises linearly to 1"),
)

_SPECS: dict[str, ScheduleSpec] = {}


def _add(name, title, formula, params, build):
    _SPECS[name] = ScheduleSpec(name, title, formula, (*params, *_WARMUP), build)


_add("constant", "Constant", "1", (), lambda p: lambda t: np.ones_like(t))
_add("step", "Step decay", "gamma ** floor(t / step_size)",
     (Param("step_size", 100, kind=int, low=1, high=10**7, doc="steps between decays"),
      Param("gamma", 0.1, low=0, high=1, open_low=True, doc="factor applied at each decay")),
     lambda p: lambda t: p["gamma"] ** np.floor(t / p["step_size"]))
_add("exponential", "Exponential decay", "gamma ** t",
     (Param("gamma", 0.99, low=0, high=1, open_low=True, doc="factor applied every step"),),
     lambda p: lambda t: p["gamma"] ** t)
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
     * (1.0 + np.cos(np.pi * np.minimum(t, p["total_steps"]) / p["total_steps"])))
# linear_warmup: warm-up then constant; its warm-up is on by default
_SPECS["linear_warmup"] = ScheduleSpec(
    "linear_warmup", "Linear warm-up", "start + (1 - start) t / warmup_steps, then 1",
    (Param("warmup_steps", 100, kind=int, low=1, high=10**7,
           doc="steps of linear warm-up (the factor then stays 1)"),
     _WARMUP[1]),
    lambda p: lambda t: np.ones_like(t))


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
    return Schedule(name, effective, s.build(effective))
