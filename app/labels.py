"""A racer's label, derived from its current hyperparameters so that it never goes stale.

A label is a *template*: text with fields in braces, ``"{optimizer}, lr {lr}"``, filled in from
the racer as it is now. Change the lr from 0.09 to 0.05 and the legend, the status bar and every
export say 0.05; switch the optimizer and ``{optimizer}`` follows. A label without fields is one
the user typed by hand: it stays exactly as typed. An empty label is the default template.
Scenario files keep the template (what is saved is what was written).

Fields:

- ``{optimizer}``: the optimizer's short name (``OptimizerSpec.short_name``: GD, Momentum, Adam);
- any hyperparameter of the optimizer, defaults included: ``{lr}``, ``{momentum}``, ``{betas}``;
- ``{schedule}``: its lr schedule's name (``constant``, ``1/sqrt(t+1) decay (lecture)``), and
  the schedule's parameters, defaults included: ``{warmup_steps}``, ``{gamma}``;
- ``{noise}``: the gradient noise sigma the racer runs with (its own or the run's);
- ``{batch}``: its mini-batch size (``full``: the exact gradient);
- ``{lr_lambda_max}``: ``lr * lambda_max``, with lambda_max the largest Hessian eigenvalue at
  the first start point (given by the caller, :func:`lambda_max_at`).

Numbers are written as people read them (:func:`app.numbers.format_number`); ``lr_lambda_max``
with two significant digits. A template naming a field the racer does not have (``{momentum}``
after switching to Adam) or a field whose value is not known here falls back to the default
template, never to a stale or made-up number. Text with unbalanced braces is hand-typed text.

>>> from app.scenario import Racer
>>> render(Racer("gd", {"lr": 0.09}, label="{optimizer}, lr {lr}"))
'GD, lr 0.09'
>>> render(Racer("momentum", {"lr": 0.02, "momentum": 0.95},
...              label="{optimizer} {momentum}, lr {lr}"))
'Momentum 0.95, lr 0.02'
>>> render(Racer("adam", {"lr": 0.09}, label="{optimizer} {momentum}, lr {lr}"))
'Adam, lr 0.09'
>>> render(Racer("gd", {"lr": 0.12}, label="GD, lr {lr} (lr * lambda_max = {lr_lambda_max})"),
...        lambda_max=20.0)
'GD, lr 0.12 (lr * lambda_max = 2.4)'
>>> render(Racer("gd", {"lr": 0.05}, label="my fast racer"))
'my fast racer'
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

import numpy as np

from app import optimizers, schedules
from app.numbers import format_number

__all__ = ["DEFAULT_TEMPLATE", "fields", "is_template", "render", "render_for", "lambda_max_at"]

#: the label of a racer whose label is empty
DEFAULT_TEMPLATE = "{optimizer}, lr {lr}"

_FORMATTER = string.Formatter()


def fields(label: str) -> tuple[str, ...] | None:
    """The field names of a template (``()`` for plain text), None if the braces do not parse
    (then the text is taken as typed)."""
    try:
        return tuple(name for _, name, _, _ in _FORMATTER.parse(label) if name is not None)
    except ValueError:
        return None


def is_template(label: str) -> bool:
    """True if ``label`` has fields to fill in (an empty label is the default template)."""
    return not label or bool(fields(label))


def _number(value: Any, digits: int | None = None) -> str:
    if isinstance(value, bool | str):
        return str(value).lower() if isinstance(value, bool) else value
    if isinstance(value, list | tuple):
        return ", ".join(_number(v, digits) for v in value)
    v = float(value)
    if digits is None:
        return format_number(v)
    text = f"{v:.{digits}g}"  # 2.4, 0.73, 7.3, 0.2; a whole number keeps one decimal: 1.0
    if "e" in text:
        return format_number(v)
    return text if "." in text else f"{text}.0"


def _values(racer, lambda_max: float | None, noise_sigma: float | None) -> dict[str, str]:
    spec = optimizers.spec(racer.optimizer)
    hyper = {**spec.defaults(racer.params), **dict(racer.params)}
    out = {}
    for name, value in hyper.items():
        try:
            out[name] = _number(value)
        except (TypeError, ValueError):
            out[name] = str(value)
    out["optimizer"] = spec.short_name  # (Lookahead's inner "optimizer" is not a field)
    sched = schedules.spec(racer.schedule)
    out["schedule"] = sched.title[:1].lower() + sched.title[1:]
    for param in sched.params:
        value = racer.schedule_params.get(param.name, param.default)
        try:
            out.setdefault(param.name, _number(value))
        except (TypeError, ValueError):
            out.setdefault(param.name, str(value))
    out["batch"] = "full" if racer.batch_size is None else str(racer.batch_size)
    sigma = racer.noise_sigma if racer.noise_sigma is not None else noise_sigma
    if sigma is not None:
        out["noise"] = _number(sigma)
    lr = hyper.get("lr")
    if lambda_max is not None and np.isfinite(lambda_max) and isinstance(lr, int | float):
        out["lr_lambda_max"] = _number(float(lr) * float(lambda_max), digits=2)
    return out


def render(racer, lambda_max: float | None = None, noise_sigma: float | None = None) -> str:
    """The label ``racer`` (an :class:`app.scenario.Racer`) shows now. ``lambda_max`` and
    ``noise_sigma`` (the run's noise, for a racer without its own) fill the fields that need
    the surface or the run; without them such a template shows the default one."""
    label = racer.label
    names = fields(label) if label else ()
    if label and not names:  # hand-typed (or braces that do not parse): as typed
        return label
    values = _values(racer, lambda_max, noise_sigma)
    template = label if label and all(n in values for n in names) else DEFAULT_TEMPLATE
    try:
        return _FORMATTER.vformat(template, (), _Plain(values))
    except (KeyError, IndexError, ValueError):  # "{lr:.3f}" on text, "{}", no lr at all
        if template != DEFAULT_TEMPLATE and "lr" in values:
            return _FORMATTER.vformat(DEFAULT_TEMPLATE, (), _Plain(values))
        return values["optimizer"]


def render_for(racer, surface=None, start=None, noise_sigma: float | None = None) -> str:
    """:func:`render` with ``lambda_max`` computed at ``start`` on ``surface`` (only if the
    template asks for it)."""
    lam = None
    if surface is not None and start is not None and "lr_lambda_max" in (fields(racer.label)
                                                                           or ()):
        lam = lambda_max_at(surface, start)
    return render(racer, lam, noise_sigma)


class _Plain(Mapping):
    """Field values for ``vformat`` (format specs are not applied: values are text)."""

    def __init__(self, values: dict[str, str]):
        self._values = values

    def __getitem__(self, key: str) -> str:
        return self._values[key]

    def __iter__(self):
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def lambda_max_at(surface, point) -> float | None:
    """The largest Hessian eigenvalue of ``surface`` at ``point`` (None if not finite)."""
    try:
        with np.errstate(all="ignore"):
            h = np.asarray(surface.hessian(np.asarray(point, dtype=float)), dtype=float)
        if not np.isfinite(h).all():
            return None
        return float(np.linalg.eigvalsh(h).max())
    except (ValueError, TypeError, np.linalg.LinAlgError):
        return None
