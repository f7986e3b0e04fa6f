"""Step-by-step explanations: what one optimizer did in one update, in numbers and in words.

:func:`explain_step` runs :func:`app.engine.iterate` for the start points up to the update asked
for and reads the optimizer's state before and after it, so every number it reports is the
engine's own: the gradient the optimizer received (with the run's gradient noise), its momentum /
first moment, its per-coordinate scale ``sigma`` and the move, which equals ``points[k + 1] -
points[k]`` of :func:`app.engine.simulate` bit for bit. The :class:`StepExplanation` also carries
``narration``: the update's arithmetic in plain words, for every optimizer family (GD, heavy-ball
momentum, Nesterov, SGD with dampening and weight decay, Adagrad in torch's sum form and the
lecture's root-mean-square form, RMSProp plain / centered / with momentum, Adam and AdamW with or
without bias correction and AMSGrad, NAdam).

Step ``k`` is the update that takes the point from iterate ``k`` to iterate ``k + 1`` (the move
the learner sees next when the playhead is at ``k``); it uses the learning rate ``lr *
schedule(k)`` and the noise sample ``k``.

:func:`step_geometry` turns an explanation into the arrows and the box the step overlay draws
(scaled so that they are visible in a view of a given size, the scales rounded to 1, 2 or 5 times
a power of ten so a legend can state them).

>>> import surfaces
>>> from app import optimizers
>>> e = explain_step(surfaces.get("quadratic", lambda1=1, lambda2=20),
...                  optimizers.make("momentum", lr=0.01), None, (1.0, 1.0), step=1)
>>> e.velocity.round(4).tolist(), e.update.round(5).tolist()
([1.89, 34.0], [-0.0189, -0.34])

No Qt here: this module is headless, like the engine.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from app.engine import Noise, iterate
from app.i18n import translate
from app.optimizers import Optimizer, take_rows
from app.optimizers.narration import (
    LINE_KINDS,
    Lines,
    StepContext,
    format_number,
    format_vector,
)
from app.schedules import Schedule
from surfaces.params import whole_number

__all__ = [
    "StepExplanation",
    "StepExplainer",
    "explain_step",
    "Arrow",
    "StepGeometry",
    "step_geometry",
    "nice_scale",
    "format_number",
    "format_vector",
    "LINE_KINDS",
]

_n = format_number
_v = format_vector


# ---------------------------------------------------------------------------------------------
# The explanation
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StepExplanation:
    """One update of one optimizer from one start point (every vector has shape ``(2,)``).

    - ``gradient``: what the optimizer received (the surface's gradient plus the run's noise);
      ``true_gradient`` without the noise, ``noise`` the noise (None without); with coupled
      weight decay the optimizer works on ``decayed_gradient = gradient + weight_decay * point``;
    - ``velocity``: the momentum buffer / first moment after the update (None if the optimizer
      has none), ``previous_velocity`` before it (None on the first step of SGD's lazy buffer);
      ``velocity_units`` is ``"gradient"`` (same units as the gradient: SGD's buffer, Adam's m)
      or ``"scaled"`` (RMSProp's buffer of ``g / sigma``);
    - ``second_moment`` (``previous_second_moment``): Adagrad's sum of g^2, RMSProp's / Adam's /
      NAdam's moving average v (None for SGD); ``sigma`` the per-coordinate scale the step is
      divided by, including eps (None for SGD); ``effective_lr`` the per-coordinate lr / sigma
      (just ``lr`` for SGD; Adagrad's decayed lr / sigma);
    - ``update = new_point - point`` exactly as the engine moved (zero once the run is frozen);
      ``proposed_update`` what the optimizer computed (differs only on the step that blew up or
      after it);
    - ``lr``: this update's learning rate (``base_lr * schedule_factor``);
    - ``terms``: the named intermediate values the narration shows (e.g. ``m_hat``);
    - ``narration``: the arithmetic in words, one line per item of ``line_kinds`` (see
      :data:`LINE_KINDS`).
    """

    step: int
    optimizer: str
    title: str
    hyper: Mapping[str, Any]
    point: np.ndarray
    true_gradient: np.ndarray
    noise: np.ndarray | None
    gradient: np.ndarray
    decayed_gradient: np.ndarray | None
    previous_velocity: np.ndarray | None
    velocity: np.ndarray | None
    velocity_units: str
    previous_second_moment: np.ndarray | None
    second_moment: np.ndarray | None
    sigma: np.ndarray | None
    effective_lr: np.ndarray
    update: np.ndarray
    proposed_update: np.ndarray
    new_point: np.ndarray
    lr: float
    base_lr: float
    schedule_factor: float
    loss_before: float
    loss_after: float
    diverged_at: int
    frozen: bool
    blew_up: bool
    start_index: int
    terms: Mapping[str, Any] = field(default_factory=dict)
    narration: list[str] = field(default_factory=list)
    line_kinds: list[str] = field(default_factory=list)

    @property
    def t(self) -> int:
        """The optimizer's step counter after this update (``step + 1``)."""
        return self.step + 1

    def text(self) -> str:
        return "\n".join(self.narration)


class _Record(NamedTuple):
    """What :class:`StepExplainer` keeps of one yielded step: one start point's row."""

    point: np.ndarray  # (1, 2)
    lr: float  # of the update leaving this step (the engine's, for this point)
    grad: np.ndarray  # (1, 2)
    loss: float
    diverged_at: int
    state: Any  # the optimizer state with every per-point array cut to this row, (1, 2)


def _row_state(state: Any, i: int, n: int) -> Any:
    """``state`` with every per-point array cut to row ``i`` (kept 2-D: ``(1, 2)``)."""
    return take_rows(state, [i], n)


def _resolve(racer_or_optimizer: Any, schedule: Schedule | None):
    """``(optimizer, schedule, label)`` from an Optimizer or a scenario Racer."""
    if isinstance(racer_or_optimizer, Optimizer):
        return racer_or_optimizer, schedule, ""
    build = getattr(racer_or_optimizer, "build", None)
    if callable(build):
        opt, sched = build()
        label = ""
        display = getattr(racer_or_optimizer, "display_label", None)
        if callable(display):
            label = display()
        return opt, (schedule if schedule is not None else sched), label
    raise ValueError(f"expected an Optimizer or a Racer, got {racer_or_optimizer!r}")


class StepExplainer:
    """Explains any step of one racer from one start point, reusing what it has computed.

    It runs :func:`app.engine.iterate` once over all ``starts`` (the same computation as
    :func:`app.engine.simulate`, so the numbers are the run's bit for bit) and keeps one small
    record per step of the start point ``index``; asking for a later step continues the run,
    an earlier one is read back. Use one explainer per (racer, scenario) and ask it for the
    playhead's step: stepping forward and back costs one engine step or nothing.

    ``horizon``: how many updates to plan for (more are run on demand, by restarting).
    ``replay``: the run's own steps, already computed (``app.engine.Run`` made with
    ``keep_steps``, e.g. the session's run store): they are read instead of running the engine
    again, as far as they go.
    """

    def __init__(self, surface: Any, racer_or_optimizer: Any, schedule: Schedule | None = None,
                 starts: Any = ((0.0, 0.0),), index: int = 0, noise: Noise | None = None,
                 horizon: int = 1, label: str = "", replay: Any = None):
        self.surface = surface
        self.optimizer, self.schedule, racer_label = _resolve(racer_or_optimizer, schedule)
        self.label = label or racer_label
        p = np.array(starts, dtype=np.float64)
        if p.ndim == 1:
            p = p[None, :]
        if p.ndim != 2 or p.shape[1] != 2 or p.shape[0] == 0:
            raise ValueError(f"start points must have shape (N, 2), got {np.shape(starts)}")
        if not 0 <= int(index) < p.shape[0]:
            raise ValueError(f"start index {index} out of range (there are {p.shape[0]})")
        self.starts = p
        self.index = int(index)
        self.noise = noise if (noise is not None and noise.sigma > 0) else None
        self.horizon = max(int(horizon), 1)
        self.blowup = float(getattr(surface, "blowup", 1e12))
        self._records: list[_Record] = []
        self._iterator = None
        self._replay = replay if replay is not None and replay.keep_steps else None
        #: how many records came from the run's own steps (not from the engine run again)
        self.replayed = 0

    # -- running the engine --------------------------------------------------------------------
    def _restart(self, horizon: int) -> None:
        self.horizon = horizon
        self.replayed = 0
        self._records = []
        self._iterator = iterate(self.surface, self.optimizer, self.starts, horizon,
                                 self.schedule, self.noise)

    def _ensure(self, last: int) -> None:
        """Have records for steps ``0 .. last``."""
        done = self._replay.done if self._replay is not None else -1
        if self._iterator is None and last <= done:
            self._records = []
            self._iterator = self._replay.replay()  # steps 0 .. done (a worker may add more)
            self.horizon = done
            self.replayed = done + 1
        elif last > self.horizon:
            self._restart(max(last, 2 * self.horizon))
        elif self._iterator is None:
            self._restart(self.horizon)
        i, n = self.index, self.starts.shape[0]
        while len(self._records) <= last:
            s = next(self._iterator)
            lr = float(s.lr if np.ndim(s.lr) == 0 else s.lr[i])
            self._records.append(_Record(s.points[i:i + 1].copy(), lr, s.grad[i:i + 1].copy(),
                                         float(s.loss[i]), int(s.diverged_at[i]),
                                         _row_state(s.state, i, n)))

    def _learning_rate(self, k: int) -> tuple[float, float]:
        """``(lr, factor)`` of update ``k``: the engine's own (a loss-driven schedule makes it
        depend on the run, not only on k)."""
        lr = self._records[k].lr
        return lr, lr / self.optimizer.lr

    def _noise_row(self, k: int) -> np.ndarray | None:
        if self.noise is None:
            return None
        return self.noise.sample(k, self.starts.shape)[self.index:self.index + 1]

    # -- the explanation ---------------------------------------------------------------------
    def explain(self, step: int) -> StepExplanation:
        """The update from iterate ``step`` to ``step + 1``."""
        _check_step(step)
        k = int(step)
        self._ensure(k + 1)
        before, after = self._records[k], self._records[k + 1]
        lr, factor = self._learning_rate(k)
        with np.errstate(all="ignore"):
            noise = self._noise_row(k)
            # exactly the engine's expression: g + noise.sample(k, g.shape)
            g_used = before.grad + noise if noise is not None else before.grad
            proposed, _ = self.optimizer.update(g_used, before.state, before.point, lr,
                                                self.surface)
            proposed_update = (proposed - before.point)[0]
            update = (after.point - before.point)[0]
            proposed_loss = float(self.surface.value(proposed)[0])
        frozen = 0 <= before.diverged_at <= k
        blew_up = after.diverged_at == k + 1
        ctx = StepContext(self.optimizer, k, lr, before.point[0].copy(), g_used[0],
                          before.state, after.state)
        spec = self.optimizer.spec
        with np.errstate(all="ignore"):
            family = spec.narrate(ctx)

        lines = Lines()
        who = spec.title
        if self.label and spec.title.lower() in self.label.lower():
            who = self.label
        elif self.label:
            who = f"{self.label} ({spec.title})"
        lines.add("header", translate("narration", "Step {k} → {k2}: {who}").format(
                                k=k, k2=k + 1, who=who))
        lines.add("info", translate(
            "narration", "at point {before_point}: loss {before_loss}").format(
                              before_point=_v(before.point), before_loss=_n(before.loss)))
        if factor != 1.0:
            lines.add("info", translate("narration", "learning rate {lr} = base {optimizer_lr} × "
                                                     "schedule {factor}").format(
                                  lr=_n(lr), optimizer_lr=_n(self.optimizer.lr), factor=_n(factor)))
        else:
            lines.add("info", translate("narration", "learning rate {lr}").format(lr=_n(lr)))
        if noise is not None:
            lines.add("gradient", translate("narration", "gradient {before_grad} + noise {noise} "
                                                         "→ gradient used {g_used}").format(
                                      before_grad=_v(before.grad), noise=_v(noise),
                                      g_used=_v(g_used)))
        else:
            lines.add("gradient", translate("narration", "gradient {g_used}").format(
                                      g_used=_v(g_used)))
        lines.extend(family.lines)
        lines.add("update", translate("narration", "move {update}").format(update=_v(update)))
        if frozen:
            lines.add("warning", translate(
                "narration", "this run blew up at step {before_diverged_at}: the point stays "
                             "frozen at its last good position (the optimizer would move "
                             "{proposed_update})").format(
                                     before_diverged_at=before.diverged_at,
                                     proposed_update=_v(proposed_update)))
        elif blew_up:
            lines.add("warning", translate("narration", "blow-up: the move {proposed_update} "
                                                        "lands where the loss is {proposed_loss} "
                                                        "(not finite or above {blowup}), so the "
                                                        "run diverged at step {k} and the point "
                                                        "stays where it was").format(
                                     proposed_update=_v(proposed_update),
                                     proposed_loss=_n(proposed_loss), blowup=_n(self.blowup),
                                     k=k + 1))
        undefined = not (np.isfinite(before.loss).all() and np.isfinite(before.grad).all())
        if undefined:
            # no arithmetic to narrate: the surface has no value or slope at this point
            lines = Lines()
            lines.add("header", translate("narration", "Step {k} → {k2}: {who}").format(
                                    k=k, k2=k + 1, who=who))
            lines.add("warning", translate("narration", "f is undefined or infinite at "
                                                        "{before_point}, so there is no gradient "
                                                        "to follow and the run is marked "
                                                        "diverged at step {before_diverged_at}: "
                                                        "move the start point into the region "
                                                        "where the surface is drawn").format(
                                     before_point=_v(before.point),
                                     before_diverged_at=before.diverged_at))
        change = after.loss - before.loss
        if not undefined:
            text = (translate(
                "narration", "new point {point}: loss {loss} (down {change})") if change < 0
                    else translate(
                        "narration", "new point {point}: loss {loss} (up {change})") if change > 0
                    else translate("narration", "new point {point}: loss {loss} (unchanged)"))
            lines.add("result", text.format(point=_v(after.point), loss=_n(after.loss),
                                            change=_n(abs(change))))

        return StepExplanation(
            step=k, optimizer=self.optimizer.name, title=spec.title,
            hyper=dict(self.optimizer.hyper), point=before.point[0].copy(),
            true_gradient=before.grad[0].copy(),
            noise=None if noise is None else noise[0].copy(), gradient=g_used[0].copy(),
            decayed_gradient=family.decayed_gradient,
            previous_velocity=family.previous_velocity, velocity=family.velocity,
            velocity_units=family.velocity_units,
            previous_second_moment=family.previous_second_moment,
            second_moment=family.second_moment, sigma=family.sigma,
            effective_lr=family.effective_lr, update=update, proposed_update=proposed_update,
            new_point=after.point[0].copy(), lr=lr, base_lr=self.optimizer.lr,
            schedule_factor=factor, loss_before=before.loss, loss_after=after.loss,
            diverged_at=after.diverged_at, frozen=frozen, blew_up=blew_up,
            start_index=self.index, terms=family.terms, narration=lines.text,
            line_kinds=lines.kinds,
        )


#: the furthest step a :class:`StepExplainer` will run to (a scenario's run.steps limit)
MAX_STEP = 1_000_000


def _check_step(step: Any) -> None:
    if whole_number(step, lo=0, hi=MAX_STEP - 1) is None:
        raise ValueError(f"Invalid step: {step} (expected a whole number >= 0 and < "
                         f"{MAX_STEP})")


def explain_step(surface: Any, racer_or_optimizer: Any, schedule: Schedule | None,
                 start_point: Any, step: int, noise: Noise | None = None, *,
                 index: int = 0) -> StepExplanation:
    """Explain update ``step`` (iterate ``step`` to ``step + 1``) of one run.

    ``racer_or_optimizer`` is an :class:`app.optimizers.Optimizer` or a scenario
    :class:`~app.scenario.Racer` (whose own schedule is used when ``schedule`` is None).
    ``start_point`` is one point ``(x, y)``, or all of a run's start points ``(N, 2)`` with
    ``index`` choosing one: a start point's gradient noise depends on its position among the
    run's points, so pass them all to explain a noisy run's point ``index``.
    """
    _check_step(step)
    explainer = StepExplainer(surface, racer_or_optimizer, schedule, start_point, index, noise,
                              horizon=int(step) + 1)
    return explainer.explain(step)


# ---------------------------------------------------------------------------------------------
# Geometry for the overlay (headless, so tests check what is drawn without a screen)
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Arrow:
    """An arrow from ``start`` to ``start + scale * vector`` (``vector`` in data units)."""

    name: str  # "gradient", "velocity", "update"
    label: str
    start: np.ndarray
    vector: np.ndarray
    scale: float

    @property
    def end(self) -> np.ndarray:
        return self.start + self.scale * self.vector


@dataclass(frozen=True)
class StepGeometry:
    """What the step overlay draws: arrows, and the sigma box ``center ± box_scale * sigma``."""

    arrows: tuple[Arrow, ...]
    box_center: np.ndarray | None
    box_half: np.ndarray | None  # box_scale * sigma
    box_scale: float
    box_label: str
    point: np.ndarray
    new_point: np.ndarray

    def arrow(self, name: str) -> Arrow | None:
        for a in self.arrows:
            if a.name == name:
                return a
        return None


def nice_scale(x: float) -> float:
    """The largest of 1, 2, 5 times a power of ten that is <= ``x`` (``x > 0``); 1 otherwise."""
    if not (math.isfinite(x) and x > 0):
        return 1.0
    e = math.floor(math.log10(x))
    for m in (5, 2, 1):
        s = float(f"{m}e{e}")  # not m * 10.0**e: 10.0**-324 underflows to 0
        if 0 < s <= x * (1 + 1e-12):
            return s
    s = float(f"5e{e - 1}")
    return s if s > 0 else x  # below the smallest subnormal steps: x itself


def _scale_text(scale: float) -> str:
    return translate("overlay", "actual size") if scale == 1 else f"× {format_number(scale)}"


def _fit(scale: float, point: np.ndarray, vectors: list, window, margin: float) -> float:
    """``scale`` made smaller (1, 2 or 5 times a power of ten) until ``point + scale * v`` for
    every ``v`` of ``vectors`` lies inside ``window`` less ``margin`` of its size."""
    if window is None:
        return scale
    (x0, x1), (y0, y1) = window
    mx, my = margin * (x1 - x0), margin * (y1 - y0)
    lo, hi = np.array([x0 + mx, y0 + my]), np.array([x1 - mx, y1 - my])
    if not ((lo <= point) & (point <= hi)).all():
        return scale  # the point itself is off the view: nothing to keep inside
    limit = scale
    with np.errstate(all="ignore"):
        for v in vectors:
            v = np.asarray(v, dtype=float)
            for c in range(2):
                if v[c] > 0:
                    limit = min(limit, (hi[c] - point[c]) / v[c])
                elif v[c] < 0:
                    limit = min(limit, (lo[c] - point[c]) / v[c])
    if not (math.isfinite(limit) and limit > 0) or limit >= scale:
        return scale
    return nice_scale(limit)


def step_geometry(expl: StepExplanation, span: tuple[float, float], fraction: float = 0.3,
                  min_update: float = 0.04, window=None, margin: float = 0.02) -> StepGeometry:
    """Arrows and box for ``expl`` in a view ``span = (width, height)`` in data units.

    The gradient (drawn negated: the way downhill), the velocity (negated, for the same reason)
    and the sigma box share one scale, so their sizes compare; it is chosen so that the largest
    of them is about ``fraction`` of the view. RMSProp's velocity (in units of ``g / sigma``)
    gets its own scale. The update is drawn at its actual size (it ends at the next point) unless
    it would be shorter than ``min_update`` of the view; then it is magnified. Every scale is 1,
    2 or 5 times a power of ten (``nice_scale``). With the view's ``window`` ``((x0, x1), (y0,
    y1))`` every scale is made smaller where needed so that each arrow and the whole box stay
    inside it (``margin`` of its size from the edges): Adam's sigma box near the top of the plot
    shrinks, its label says by how much.
    """
    sx, sy = (abs(float(span[0])) or 1.0), (abs(float(span[1])) or 1.0)

    def visible(v: np.ndarray | None) -> float:
        if v is None:
            return 0.0
        with np.errstate(all="ignore"):
            r = math.hypot(float(v[0]) / sx, float(v[1]) / sy)
        return r if math.isfinite(r) else 0.0

    def scale_for(length: float, target: float) -> float:
        return nice_scale(target / length) if length > 0 else 1.0

    p = expl.point
    shared = [visible(expl.gradient)]
    if expl.velocity is not None and expl.velocity_units == "gradient":
        shared.append(visible(expl.velocity))
    if expl.sigma is not None:
        shared.append(visible(expl.sigma))
    s_g = scale_for(max(shared), fraction)
    p = np.asarray(p, dtype=float)
    shared_vectors = [-np.asarray(expl.gradient, dtype=float)]
    if expl.velocity is not None and expl.velocity_units == "gradient":
        shared_vectors.append(-np.asarray(expl.velocity, dtype=float))
    if expl.sigma is not None:
        sigma = np.asarray(expl.sigma, dtype=float)
        shared_vectors += [sigma * (sx_, sy_) for sx_ in (-1, 1) for sy_ in (-1, 1)]
    s_g = _fit(s_g, p, shared_vectors, window, margin)
    arrows = [Arrow("gradient",
                    translate("overlay", "−gradient ({scale})").format(scale=_scale_text(s_g)),
                    p.copy(),
                    -np.asarray(expl.gradient, dtype=float), s_g)]
    if expl.velocity is not None:
        if expl.velocity_units == "gradient":
            s_v, what = s_g, (translate("overlay", "−first moment m") if expl.sigma is not None
                              else translate("overlay", "−velocity"))
        else:
            s_v = scale_for(visible(expl.velocity), fraction)
            what = translate("overlay", "−velocity (g/σ units)")
            s_v = _fit(s_v, p, [-np.asarray(expl.velocity, dtype=float)], window, margin)
        arrows.append(Arrow("velocity", f"{what} ({_scale_text(s_v)})", p.copy(),
                            -np.asarray(expl.velocity, dtype=float), s_v))
    u = visible(expl.update)
    s_u = 1.0 if u >= min_update or u == 0 else scale_for(u, 2.5 * min_update)
    s_u = _fit(max(s_u, 1.0), p, [np.asarray(expl.update, dtype=float)], window, margin)
    arrows.append(Arrow("update",
                        translate("overlay", "update ({scale})").format(scale=_scale_text(s_u)),
                        p.copy(),
                        np.asarray(expl.update, dtype=float), s_u))
    box_center = box_half = None
    box_label = ""
    if expl.sigma is not None:
        box_center = p.copy()
        with np.errstate(all="ignore"):
            box_half = s_g * np.asarray(expl.sigma, dtype=float)
        box_label = translate("overlay", "σ per coordinate ({scale})").format(
            scale=_scale_text(s_g))
    return StepGeometry(tuple(arrows), box_center, box_half, s_g, box_label, p.copy(),
                        expl.new_point.copy())
