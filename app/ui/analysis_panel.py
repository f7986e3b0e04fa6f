"""AnalysisPanel: curvature and stability at the selected racer's point (the "Analysis" tab).

For the selected racer at the playhead (its run from one start point, the first by default) the
panel shows, top to bottom:

- **Stability**: the verdict in plain words (stable / oscillating / diverging), large and
  coloured, a gauge of ``lr * lambda_max`` against the limit (2 for gradient descent, ``2 + 2
  momentum`` for heavy ball, Nesterov's own), the largest stable lr and why (lessons P1, P2).
  For adaptive optimizers the step of each coordinate is ``lr / sigma``: the verdict is then
  judged on the *preconditioned* curvature ``lambda_max(diag(lr / sigma) H)`` (sigma frozen at
  this step; Adam's first moment counted as heavy-ball momentum ``beta1``): that number passing
  2 is lesson P6's burst.
- **Curvature**: the Hessian, its eigenvalues and eigenvectors, the condition number; the
  eigenvectors are also drawn on the contour plot by a
  :class:`~app.ui.curvature_overlay.CurvatureOverlay`.
- **Next step, Taylor prediction** (P2): first-order term ``-eps g'g``, second-order term
  ``eps^2/2 g'Hg``, their sum and the actual change of the loss, side by side, for a GD step of
  size ``eps = lr(t)``; for a GD racer that *is* the engine's next step. Other racers also get
  the same terms along their own next step ``d`` (``g'd`` and ``d'Hd / 2``).
- **Effective step** (adaptive optimizers): ``lr / (sqrt(v_hat) + eps)`` or ``lr / sigma`` per
  coordinate, and a small plot of it over the run (from
  :func:`app.analysis.effective_step_trace`, computed once per run, not per frame).
- **Optimal values** (the ``quadratic`` surface): buttons that set the selected racer to
  ``lr = 2 / (lambda1 + lambda2)`` (GD) or Goh's heavy-ball ``lr`` and ``momentum``.

Every number comes from :mod:`app.analysis` (through :func:`point_report`, which has no Qt in
it); the widgets only show them. The panel computes only while it is visible.
"""

from __future__ import annotations

import functools
import html
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import viewmodel as vm
from app.analysis import (
    VERDICT_DIVERGING,
    VERDICT_EDGE,
    VERDICT_OSCILLATING,
    VERDICT_STABLE,
    EffectiveStepTrace,
    PointAnalysis,
    Stability,
    analyze_point,
    effective_step_trace,
    effective_step_trace_of,
    optimal_hyperparameters,
    stability,
)
from app.i18n import QT_TRANSLATE_NOOP
from app.optimizers import ADAPTIVE, GD, NESTEROV, OTHER, Dynamics
from app.scenario import Racer
from app.ui import theme
from app.ui.curvature_overlay import AXIS_COLORS, CurvatureOverlay, curvature_color
from app.ui.lazy_tabs import StagedBuild
from app.ui.readouts import ReadoutPlot
from app.ui.session import FOLLOWED_START, Session

__all__ = [
    "AnalysisPanel",
    "PointReport",
    "StepTerms",
    "point_report",
    "adaptive_stability",
    "VERDICT_COLORS",
    "GOH_TOOLTIP",
]

VERDICT_COLORS = {
    VERDICT_STABLE: "#3ddc84",
    VERDICT_OSCILLATING: "#ffb000",
    VERDICT_EDGE: "#ffb000",
    VERDICT_DIVERGING: "#ff5252",
}
_MUTED = theme.COLORS["muted"]
#: the colours of the x and y coordinates in the effective-step plot
COORD_COLORS = ("#ffb000", "#c58cff")
#: the bars of the Taylor chart
TERM_COLORS = {"first": "#3ddc84", "second": "#ff7a45", "predicted": "#e6e6e6",
               "actual": "#56B4E9"}

#: Qt's lookup (the installed QTranslator); pyside6-lupdate reads ``translate("Context", "text")``
translate = QCoreApplication.translate

GOH_TOOLTIP = QT_TRANSLATE_NOOP(
    "AnalysisPanel",
    "Goh, \"Why Momentum Really Works\" (Distill, 2017): on a quadratic with eigenvalues "
    "lambda1 <= lambda2, heavy-ball momentum converges fastest with lr = (2 / (sqrt(lambda1) + "
    "sqrt(lambda2)))^2 and momentum = ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2, kappa = "
    "lambda2 / lambda1.\n\nDescent Lab uses torch's (and Goh's) convention\n"
    "    z = beta * z + grad;  w = w - alpha * z\n"
    "(alpha = lr, beta = momentum), not Sutskever's v = mu * v - lr * g; w = w + v. The two "
    "take the same steps while lr is constant, but differ once a schedule changes lr: "
    "Sutskever's velocity keeps the old steps scaled by the old lr.")


# ---------------------------------------------------------------------------------------------
# The numbers (no Qt): what the panel shows for one racer at one step
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StepTerms:
    """The second-order prediction of one step ``d`` beside the actual change of the loss:
    ``first_order = g'd``, ``second_order = d'Hd / 2``, ``predicted`` their sum."""

    title: str
    first_order: float
    second_order: float
    predicted: float
    actual: float
    actual_label: str


@dataclass(frozen=True)
class PointReport:
    """Everything the panel shows for the selected racer at the playhead (see
    :func:`point_report`)."""

    racer_index: int
    racer: Racer
    start_index: int
    n_starts: int
    step: int  # the playhead
    point_step: int  # the step whose point is analysed (the last good one after a blow-up)
    steps: int
    diverged_at: int  # this start's run: -1 or the step it blew up
    point: np.ndarray
    loss: float
    lr: float  # lr(t): the learning rate of the update that leaves the point
    family: str  # the optimizer's stability family: "gd", "heavy_ball", "nesterov", "adaptive",
    # "other" (app.optimizers.FAMILIES)
    momentum: float
    nesterov: bool
    analysis: PointAnalysis  # curvature, stability of lr(t), Taylor for eps = lr(t)
    gd_terms: StepTerms  # a GD step of size lr(t) (for a GD racer: the engine's step)
    own_terms: StepTerms | None  # the racer's own next step (other optimizers, or noise)
    engine_change: float  # loss[k + 1] - loss[k] in the run (NaN: no next step / blew up)
    effective_step: np.ndarray | None = None  # (2,) lr / sigma of the next update (adaptive)
    adaptive: Stability | None = None  # the preconditioned verdict (adaptive)
    preconditioned_lambda_max: float = math.nan
    adaptive_text: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def curvature(self):
        return self.analysis.curvature

    @property
    def stability(self) -> Stability:
        """The verdict the panel shows: the preconditioned one for adaptive optimizers."""
        return self.adaptive if self.adaptive is not None else self.analysis.stability


def _engine_step(traj, k: int, s: int) -> tuple[np.ndarray | None, float]:
    """The run's move and loss change from step ``k`` to ``k + 1`` (None, NaN if none)."""
    d = int(traj.diverged_at[s])
    if k >= traj.steps or (d >= 0 and k + 1 >= d):
        return None, math.nan
    with np.errstate(all="ignore"):
        move = traj.points[k + 1, s] - traj.points[k, s]
        change = float(traj.loss[k + 1, s] - traj.loss[k, s])
    return move, change


def _own_terms(analysis: PointAnalysis, move: np.ndarray, change: float, title: str) -> StepTerms:
    c = analysis.curvature
    with np.errstate(all="ignore"):
        first = float(c.gradient @ move)
        second = float(0.5 * move @ c.hessian @ move)
    return StepTerms(title, first, second, first + second, change,
                     translate(
                         "AnalysisPanel", "actual change in the run"))


def adaptive_stability(hessian: np.ndarray, effective: np.ndarray,
                       dynamics: Dynamics) -> tuple[Stability | None, float, str]:
    """The verdict of an adaptive step on the local quadratic model, with ``sigma`` frozen.

    The update is ``p -= P m`` with ``P = diag(lr / sigma)``; along the eigenvectors of
    ``P^(1/2) H P^(1/2)`` that is gradient descent with step 1 on the curvatures ``lambda(P
    H)``. The optimizer's declared momentum (RMSProp's ``momentum``, Adam's ``beta1``) keeps the
    heavy-ball limit ``2 + 2 momentum``, its step scale (Adam's ``(1 - beta1) / (1 - beta1^t)``)
    multiplies the step. Returns the :class:`Stability` (None if the numbers are not finite),
    ``lambda_max(P H)`` and a sentence.
    """
    p = np.asarray(effective, dtype=np.float64).reshape(2)
    h = np.asarray(hessian, dtype=np.float64).reshape(2, 2)
    with np.errstate(all="ignore"):
        if not (np.isfinite(p).all() and (p >= 0).all() and np.isfinite(h).all()):
            return None, math.nan, translate(
                "AnalysisPanel", "The effective step is not known at this step yet.")
        root = np.sqrt(p)
        m = root[:, None] * h * root[None, :]
        lam = float(np.linalg.eigvalsh(0.5 * (m + m.T))[-1])
    steps = translate(
        "AnalysisPanel", "lr/σ per coordinate ({p0}, {p1})").format(
        p0=vm.format_number(p[0]), p1=vm.format_number(p[1]))
    mu, scale, how = float(dynamics.momentum), float(dynamics.step_scale), ""
    if mu > 0 and scale != 1.0:
        how = (translate(
            "AnalysisPanel", "; the momentum {mu} acts as heavy "
                             "ball with step {scale} × that").format(
            mu=vm.format_number(mu), scale=vm.format_number(scale)))
    elif mu > 0:
        how = translate(
            "AnalysisPanel", "; with momentum {mu} (heavy ball)").format(mu=vm.format_number(mu))
    a = lam * scale
    verdict = stability(a, 1.0, mu)
    text = (translate(
        "AnalysisPanel", "{steps}: the largest curvature in those units, λ_max(diag(lr/σ)·H), "
                         "is {lam}{how}. {a} against the limit {limit}: {verdict} (σ taken as "
                         "frozen at this step).").format(
        steps=steps, lam=vm.format_number(lam), how=how, a=vm.format_number(a),
        limit=vm.format_number(verdict.limit), verdict=translate("stability", verdict.verdict)))
    return verdict, lam, text


def point_report(surface, racer: Racer, run, racer_index: int, step: int, start_index: int = 0,
                 n_starts: int = 1, trace: EffectiveStepTrace | None = None,
                 noisy: bool = False) -> PointReport:
    """The analysis of racer ``racer``'s run from start ``start_index`` at playhead ``step``.

    ``run`` is its :class:`~app.scenario.RacerRun`; ``trace`` (adaptive optimizers) its
    :func:`effective_step_trace` from that start (row ``k + 1`` is the update leaving step
    ``k``). ``ValueError`` if the racer cannot be built or the numbers are invalid.
    """
    opt, _ = racer.build()
    traj = run.trajectories
    s = int(start_index)
    d = int(traj.diverged_at[s])
    if d == 0:
        raise ValueError(translate(
            "AnalysisPanel", "this start point is not a valid point of the surface (its loss "
                             "is not a finite number)"))
    k = int(min(max(int(step), 0), traj.steps))
    notes = []
    if d > 0 and k >= d:
        notes.append(translate(
            "AnalysisPanel", "The run blew up at step {d}: the numbers are for its last good "
                             "point, step {d2}.").format(d=d, d2=d - 1))
        k = d - 1
    if k >= traj.steps:
        notes.append(translate(
            "AnalysisPanel", "Step {k} is the end of the run: the next step is one beyond it, "
                             "with the last learning rate.").format(k=k))
    lrs = np.asarray(traj.lr_of(s), dtype=np.float64)
    lr = float(lrs[min(k, lrs.size - 1)]) if lrs.size else float(opt.lr)
    dynamics = opt.spec.dynamics(opt.hyper, k + 1)
    family = dynamics.family
    plain = family not in (ADAPTIVE, OTHER)  # GD, heavy ball, Nesterov: lr * lambda rules
    momentum = float(dynamics.momentum) if plain else 0.0
    nesterov = family == NESTEROV
    point = np.asarray(traj.points[k, s], dtype=np.float64)
    analysis = analyze_point(surface, point, lr, momentum, nesterov)
    t = analysis.taylor
    move, change = _engine_step(traj, k, s)
    is_gd = family == GD and dynamics.step_scale == 1.0 and not noisy
    if is_gd and move is not None:
        gd_actual, gd_label = change, translate(
            "AnalysisPanel", "actual: the run's step {k} → {k2}").format(k=k, k2=k + 1)
    else:
        gd_actual, gd_label = t.actual, translate(
            "AnalysisPanel", "actual f(p − εg) − f(p)")
    gd_title = translate(
        "AnalysisPanel", "GD step ε = lr = {lr}").format(lr=vm.format_number(lr))
    gd_terms = StepTerms(gd_title, t.first_order, t.second_order, t.predicted, gd_actual,
                         gd_label)
    own = None
    if not is_gd and move is not None:
        own = _own_terms(analysis, move, change, translate(
            "AnalysisPanel", "this racer's step {k} → {k2}").format(k=k, k2=k + 1))
    effective = adaptive = None
    lam_pre, text = math.nan, ""
    if family == ADAPTIVE:
        if trace is not None:
            row = min(k + 1, trace.effective_step.shape[0] - 1)
            effective = np.asarray(trace.effective_step[row, -1], dtype=np.float64)
            adaptive, lam_pre, text = adaptive_stability(
                analysis.curvature.hessian, effective, opt.spec.dynamics(opt.hyper, row))
        else:
            text = translate(
                "AnalysisPanel", "The effective step is not computed yet.")
    elif family == OTHER:
        text = (translate(
            "AnalysisPanel", "{title} does not step by lr times the gradient, so no lr · λ_max "
                             "limit applies: its steps come from its "
                             "own rule (see Step mode).").format(
            title=opt.spec.title))
    return PointReport(
        racer_index=racer_index, racer=racer, start_index=s, n_starts=n_starts, step=int(step),
        point_step=k, steps=traj.steps, diverged_at=d, point=point,
        loss=float(analysis.curvature.value), lr=lr, family=family, momentum=momentum,
        nesterov=nesterov, analysis=analysis, gd_terms=gd_terms, own_terms=own,
        engine_change=change, effective_step=effective, adaptive=adaptive,
        preconditioned_lambda_max=lam_pre, adaptive_text=text, notes=tuple(notes))


@functools.lru_cache(maxsize=64)
def stable_until(momentum: float, nesterov: bool) -> float:
    """The largest ``lr * lambda`` judged "stable" (no overshoot): 1 for GD, ``(1 -
    sqrt(mu))^2`` for heavy ball; found by bisection on :func:`stability` for Nesterov."""
    lo, hi = 1e-12, stability(1.0, 1.0, momentum, nesterov).limit
    if stability(lo, 1.0, momentum, nesterov).verdict != VERDICT_STABLE:
        return 0.0
    for _ in range(48):
        mid = 0.5 * (lo + hi)
        if stability(mid, 1.0, momentum, nesterov).verdict == VERDICT_STABLE:
            lo = mid
        else:
            hi = mid
    return lo


# ---------------------------------------------------------------------------------------------
# Widgets
# ---------------------------------------------------------------------------------------------
def _mono(text: str) -> str:
    return f"<span style=\"font-family: 'DejaVu Sans Mono', monospace\">{html.escape(text)}</span>"


def _swatch(color: str) -> str:
    return f"<span style=\"color: {color}\">■</span>"


def _n(v: float) -> str:
    return vm.format_number(v)


def _signed(v: float) -> str:
    text = vm.format_number(v)
    return text if text.startswith("-") or not math.isfinite(v) or v == 0 else "+" + text


class StabilityGauge(QWidget):
    """``lr * lambda_max`` on a bar: green (stable), amber (oscillating), red (beyond the
    limit), with a marker at the value (an arrow at the right end when it is off the scale)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.value = math.nan
        self.limit = 2.0
        self.stable_until = 1.0
        self.setMinimumHeight(38)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_values(self, value: float, limit: float, stable_until_value: float) -> None:
        self.value, self.limit, self.stable_until = float(value), float(limit), \
            float(stable_until_value)
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt naming)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = self.width()
        x0, x1, top, bar = 6.0, w - 10.0, 6.0, 11.0
        span = 1.5 * self.limit
        if not (math.isfinite(span) and span > 0):
            return

        def x_of(v: float) -> float:
            return x0 + (x1 - x0) * min(max(v / span, 0.0), 1.0)

        zones = ((0.0, self.stable_until, VERDICT_COLORS[VERDICT_STABLE]),
                 (self.stable_until, self.limit, VERDICT_COLORS[VERDICT_OSCILLATING]),
                 (self.limit, span, VERDICT_COLORS[VERDICT_DIVERGING]))
        for a, b, color in zones:
            if b > a:
                c = QColor(color)
                c.setAlpha(120)
                p.fillRect(QRectF(x_of(a), top, x_of(b) - x_of(a), bar), c)
        p.setPen(QPen(QColor(theme.COLORS["text"]), 1.5))
        lx = x_of(self.limit)
        p.drawLine(QPointF(lx, top - 3), QPointF(lx, top + bar + 3))
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
        p.setFont(font)
        p.setPen(QColor(_MUTED))
        ty = top + bar + 15
        p.drawText(QPointF(x0, ty), "0")
        text = translate(
            "AnalysisPanel", "limit {limit}").format(limit=_n(self.limit))
        tw = p.fontMetrics().horizontalAdvance(text)
        p.drawText(QPointF(min(max(lx - tw / 2, x0 + 12), w - tw - 2), ty), text)
        v = self.value
        if math.isfinite(v):
            off = v > span
            mx = x_of(v)
            p.setPen(QPen(QColor("#000000"), 1))
            p.setBrush(QColor("#ffffff"))
            if off:
                tri = QPolygonF([QPointF(mx - 8, top - 2), QPointF(mx + 2, top + bar / 2),
                                 QPointF(mx - 8, top + bar + 2)])
            else:
                tri = QPolygonF([QPointF(mx - 5, top - 5), QPointF(mx + 5, top - 5),
                                 QPointF(mx, top + bar / 2)])
            p.drawPolygon(tri)
            if not off:
                p.drawRect(QRectF(mx - 1.2, top, 2.4, bar))
        p.end()


def _meaning(st: Stability) -> str:
    """The verdict in plain words (what the path does along the steepest axis)."""
    if st.verdict == VERDICT_STABLE:
        return translate(
            "AnalysisPanel", "each step moves toward the minimum without overshooting")
    if st.verdict == VERDICT_OSCILLATING:
        return (translate(
            "AnalysisPanel", "converges, spiralling in") if st.complex_roots else
                translate(
                    "AnalysisPanel", "converges, but bounces from wall to wall across the "
                                     "valley"))
    if st.verdict == VERDICT_EDGE:
        return translate(
            "AnalysisPanel", "bounces between the walls forever, neither growing nor shrinking")
    if st.verdict == VERDICT_DIVERGING:
        return translate(
            "AnalysisPanel", "overshoots more than it corrects: every bounce is larger, the "
                             "loss blows up")
    return html.escape(st.explanation)


def _group(title: str) -> tuple[QGroupBox, QVBoxLayout]:
    box = QGroupBox(title)
    lay = QVBoxLayout(box)
    lay.setContentsMargins(8, 10, 8, 8)
    lay.setSpacing(4)
    return box, lay


def _label(text: str = "", *, wrap: bool = True, hint: bool = False,
           selectable: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.RichText)
    if hint:
        label.setObjectName("hint")
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return label


class AnalysisPanel(StagedBuild, QWidget):
    """The "Analysis" side tab for the session's selected racer at the playhead.

    ``plot`` (the contour plot's ``PlotItem``) gets a :class:`CurvatureOverlay` that draws the
    eigenvectors while the panel is visible and "draw the axes" is checked.
    """

    #: a new :class:`PointReport` was shown (None: a message instead)
    reportChanged = Signal(object)

    def __init__(self, session: Session, plot: pg.PlotItem | None = None,
                 parent: QWidget | None = None, *, staged: bool = False):
        super().__init__(parent)
        self.session = session
        self.report: PointReport | None = None
        self.message = ""
        self.trace: EffectiveStepTrace | None = None
        self._trace_key: Any = None
        self._trace_drawn = False
        self._dirty = True
        self._plot = plot
        self.overlay: CurvatureOverlay | None = None
        self._begin_construction(staged)

    # -- building ------------------------------------------------------------------------------
    def _construct(self) -> Iterator[None]:
        """One section per turn; the report is filled in before the first paint."""
        if self._plot is not None:
            self.overlay = CurvatureOverlay(self._plot, self)
            self.overlay.setVisible(False)
        body = QWidget()
        self._lay = QVBoxLayout(body)
        self._lay.setContentsMargins(6, 6, 6, 6)
        self._lay.setSpacing(8)
        self._build_header()
        self._build_stability()
        yield
        self._build_curvature()
        yield
        self._build_taylor()
        yield
        self._build_adaptive()
        yield
        self._build_optimal(body)
        session = self.session
        session.playheadChanged.connect(self._on_playhead)
        for sig in (session.runsChanged, session.selectedChanged, session.surfaceChanged,
                    session.racersChanged, session.startIndexChanged):
            sig.connect(self._invalidate)
        session.scenarioReplaced.connect(self._on_replaced)

    def _build_header(self) -> None:
        lay = self._lay

        self.title = _label(translate(
            "AnalysisPanel", "<b>Analysis</b>"))
        self.subtitle = _label(hint=True)
        start_row = QHBoxLayout()
        self.start_label = QLabel(translate(
            "AnalysisPanel", "start point"))
        self.start_spin = QSpinBox()
        self.start_spin.setMinimum(1)
        self.start_spin.valueChanged.connect(lambda v: self.set_start_index(v - 1))
        start_row.addWidget(self.start_label)
        start_row.addWidget(self.start_spin)
        start_row.addStretch(1)
        self.start_row = QWidget()
        self.start_row.setLayout(start_row)
        start_row.setContentsMargins(0, 0, 0, 0)
        self.message_label = _label()
        self.message_label.setObjectName("hint")
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)
        lay.addWidget(self.start_row)
        lay.addWidget(self.message_label)

    def _build_stability(self) -> None:
        lay = self._lay
        self.stability_box, sl = _group(translate(
            "AnalysisPanel", "Stability"))
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("verdict")
        vfont = QFont(self.font())
        vfont.setPointSize(theme.FONT_PT + 8)
        vfont.setBold(True)
        self.verdict_label.setFont(vfont)
        self.verdict_label.setWordWrap(True)
        self.meaning_label = _label()
        self.gauge = StabilityGauge()
        self.product_label = _label()
        self.stability_text = _label(hint=True)
        for w in (self.verdict_label, self.meaning_label, self.gauge, self.product_label,
                  self.stability_text):
            sl.addWidget(w)
        lay.addWidget(self.stability_box)

    def _build_curvature(self) -> None:
        lay = self._lay
        self.curvature_box, cl = _group(translate(
            "AnalysisPanel", "Curvature (Hessian)"))
        self.hessian_label = _label(wrap=False)
        self.eigen_labels = (_label(), _label())
        self.condition_label = _label()
        self.kind_label = _label(hint=True)
        self.axes_check = QCheckBox(translate(
            "AnalysisPanel", "eigenvectors on the plot"))
        self.axes_check.setChecked(True)
        self.axes_check.setToolTip(
            translate(
                "AnalysisPanel", "Two axes through the point along the Hessian's eigenvectors, "
                                 "half-lengths proportional to 1/sqrt(|lambda|) (the shape of "
                                 "the contour ellipse there); colour: curves up (lambda > 0), "
                                 "curves down (lambda < 0)."))
        self.axes_check.toggled.connect(self._update_overlay_visibility)
        self.axes_legend = _label(
            f"{_swatch(AXIS_COLORS['up'])} λ &gt; 0 &nbsp;{_swatch(AXIS_COLORS['down'])} "
            "λ &lt; 0", hint=True)
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.hessian_label)
        top.addWidget(self.condition_label, 1)
        cl.addLayout(top)
        axes_row = QHBoxLayout()
        axes_row.addWidget(self.axes_check)
        axes_row.addWidget(self.axes_legend, 1)
        for w in (*self.eigen_labels, self.kind_label):
            cl.addWidget(w)
        cl.addLayout(axes_row)
        lay.addWidget(self.curvature_box)

    def _build_taylor(self) -> None:
        lay = self._lay
        self.taylor_box, tl = _group(translate(
            "AnalysisPanel", "Next step: Taylor"))
        self.taylor_caption = _label(hint=True)
        tl.addWidget(self.taylor_caption)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        self.taylor_headers = (_label(translate(
            "AnalysisPanel", "<b>GD step</b>"), wrap=False),
                               _label(translate(
                                   "AnalysisPanel", "<b>racer</b>"), wrap=False))
        grid.addWidget(self.taylor_headers[0], 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.taylor_headers[1], 0, 2, Qt.AlignmentFlag.AlignRight)
        rows = (("first", translate("AnalysisPanel", "1st order")),
                ("second", translate("AnalysisPanel", "2nd order")),
                ("predicted", translate("AnalysisPanel", "sum")),
                ("actual", translate("AnalysisPanel", "actual")))
        self.taylor_cells: dict[str, tuple[QLabel, QLabel]] = {}
        self.taylor_names: dict[str, QLabel] = {}
        for r, (key, text) in enumerate(rows, start=1):
            name = _label(f"{_swatch(TERM_COLORS[key])} {text}")
            a, b = _label(wrap=False), _label(wrap=False)
            a.setAlignment(Qt.AlignmentFlag.AlignRight)
            b.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(name, r, 0)
            grid.addWidget(a, r, 1)
            grid.addWidget(b, r, 2)
            self.taylor_cells[key] = (a, b)
            self.taylor_names[key] = name
        grid.setColumnStretch(0, 1)
        tl.addLayout(grid)
        self.taylor_plot = pg.PlotWidget()
        self.taylor_plot.setFixedHeight(120)
        tp = self.taylor_plot.getPlotItem()
        tp.hideButtons()
        tp.setMenuEnabled(False)
        tp.getViewBox().setMouseEnabled(False, False)
        tp.getAxis("bottom").setTicks([[
            (0, translate("AnalysisPanel", "1st")), (1, translate("AnalysisPanel", "2nd")),
            (2, translate("AnalysisPanel", "sum")), (3, translate("AnalysisPanel", "actual"))]])
        tp.getAxis("left").setWidth(44)
        tp.showGrid(y=True, alpha=0.15)
        self.taylor_bars = pg.BarGraphItem(x=[0, 1, 2, 3], height=[0, 0, 0, 0], width=0.6,
                                           brushes=[pg.mkBrush(TERM_COLORS[k]) for k in
                                                    ("first", "second", "predicted", "actual")],
                                           pens=[pg.mkPen(None)] * 4)
        tp.addItem(self.taylor_bars)
        tp.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen(theme.COLORS["grid"])))
        tl.addWidget(self.taylor_plot)
        self.taylor_verdict = _label()
        tl.addWidget(self.taylor_verdict)
        lay.addWidget(self.taylor_box)

    def _build_adaptive(self) -> None:
        lay = self._lay
        self.adaptive_box, al = _group(translate(
            "AnalysisPanel", "Effective step lr/σ"))
        self.effective_label = _label()
        al.addWidget(self.effective_label)
        self.effective_plot = ReadoutPlot(translate(
            "AnalysisPanel", "lr / σ of each update"), translate(
            "AnalysisPanel", "lr/σ"))
        self.effective_plot.setFixedHeight(170)
        self.effective_plot.getPlotItem().setLabel("bottom", translate(
            "AnalysisPanel", "update k → k+1"))
        self.effective_legend = _label(
            translate(
                "AnalysisPanel", "{swatch_coord_colors} x &nbsp; {swatch_coord_colors2} y "
                                 "&nbsp; (one start point; computed once per run)").format(
                swatch_coord_colors=_swatch(COORD_COLORS[0]),
                swatch_coord_colors2=_swatch(COORD_COLORS[1])), hint=True)
        al.addWidget(self.effective_plot)
        al.addWidget(self.effective_legend)
        lay.addWidget(self.adaptive_box)

    def _build_optimal(self, body: QWidget) -> None:
        """The optimal values on the quadratic, then the scroll area around ``body``."""
        lay = self._lay
        self.optimal_box, ol = _group(translate(
            "AnalysisPanel", "Optimal values"))
        self.optimal_label = _label(hint=True)
        self.gd_button = QPushButton(translate(
            "AnalysisPanel", "GD: lr = 2/(λ1+λ2)"))
        self.momentum_button = QPushButton(translate(
            "AnalysisPanel", "Heavy ball (Goh): lr, momentum"))
        self.gd_button.setToolTip(
            translate(
                "AnalysisPanel", "Set the selected racer to plain gradient descent with lr = 2 "
                                 "/ (lambda1 + lambda2): both axes then shrink by the same "
                                 "factor (kappa - 1) / (kappa + 1) per step, the best a "
                                 "constant lr can do."))
        self.momentum_button.setToolTip(translate("AnalysisPanel", GOH_TOOLTIP))
        self.gd_button.clicked.connect(self.apply_optimal_gd)
        self.momentum_button.clicked.connect(self.apply_optimal_momentum)
        for w in (self.optimal_label, self.gd_button, self.momentum_button):
            ol.addWidget(w)
        lay.addWidget(self.optimal_box)
        lay.addStretch(1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.scroll = scroll
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._sections = (self.stability_box, self.curvature_box, self.taylor_box,
                          self.adaptive_box)

    # -- reacting to the session ---------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        self.refresh()
        self._update_overlay_visibility()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().hideEvent(event)
        # also runs while the window is torn down, when the plot's items may be gone already
        self._update_overlay_visibility()

    def _active(self) -> bool:
        return self.isVisible()

    def _on_playhead(self, _step: int) -> None:
        if self._active():
            self.refresh()
        else:
            self._dirty = True

    def _on_replaced(self) -> None:
        self._invalidate()

    start_index = FOLLOWED_START


    def _invalidate(self, *_args) -> None:
        self._dirty = True
        if self._active():
            self.refresh()

    def set_start_index(self, i: int) -> None:
        """Analyse the run from start point ``i`` (clamped)."""
        n = len(self.session.scenario.starts)
        i = int(min(max(int(i), 0), max(n - 1, 0)))
        self.session.select_start(i)  # startIndexChanged: both followers redraw

    def _update_overlay_visibility(self, *_args) -> None:
        if self.overlay is None or not self.overlay.alive():
            return
        on = self.isVisible() and self.axes_check.isChecked() and self.report is not None
        self.overlay.setVisible(on)

    # -- computing -----------------------------------------------------------------------------
    def _trace_for(self, racer: Racer) -> EffectiveStepTrace | None:
        """The selected racer's effective steps from the analysed start, read from the run
        store's steps (cached per run; a run too large to keep its steps is run again)."""
        s = self.session
        try:
            opt, sched = racer.build()
        except ValueError:
            return None
        if opt.spec.family(opt.hyper) != ADAPTIVE:
            return None
        stored = s.engine_run(s.selected)
        if stored is not None and stored.keep_steps and stored.done >= 0:
            key = (stored, stored.done, self.start_index)
            if self._trace_key != key:
                self.trace = effective_step_trace_of(stored.replay(), opt, self.start_index)
                self._trace_key = key
                self._trace_drawn = False
            return self.trace
        starts = tuple(s.scenario.starts[: self.start_index + 1])
        noise = s.scenario.noise_for(racer)
        key = (racer.optimizer, tuple(sorted((k, repr(v)) for k, v in racer.params.items())),
               racer.schedule, tuple(sorted((k, repr(v)) for k, v in
                                            racer.schedule_params.items())),
               starts, s.steps, None if noise is None else (noise.sigma, noise.seed))
        if self.trace is not None and self._trace_key is not None \
                and self._trace_key[0] is s.surface and self._trace_key[1] == key:
            return self.trace
        self.trace = effective_step_trace(s.surface, opt, np.array(starts, dtype=float),
                                          s.steps, sched, noise)
        self._trace_key = (s.surface, key)
        self._trace_drawn = False
        return self.trace

    def refresh(self) -> None:
        """Recompute the report for the selected racer at the playhead and show it."""
        self._dirty = False
        s = self.session
        racers = s.scenario.racers
        i = s.selected
        n = len(s.scenario.starts)
        self.start_row.setVisible(n > 1)
        if n:
            self.start_spin.blockSignals(True)
            self.start_spin.setMaximum(n)
            self.start_spin.setValue(min(self.start_index, n - 1) + 1)
            self.start_spin.blockSignals(False)
        if not (0 <= i < len(racers)):
            self._show_message(translate(
                "AnalysisPanel", "No racer."))
            return
        racer = racers[i]
        self._show_title(racer, s.label(i))
        run = s.selected_run()
        if not n:
            self._show_message(translate(
                "AnalysisPanel", "No start point yet: click the plot to add one."))
            return
        if run is None:
            self._show_message(translate(
                "AnalysisPanel", "The selected racer is disabled: enable it, or select another "
                                 "racer, to see its curvature and stability."))
            return
        self.start_index = min(self.start_index, n - 1)
        try:
            trace = self._trace_for(racer)
            report = point_report(s.surface, racer, run, i, s.step, self.start_index, n,
                                  trace, noisy=s.scenario.noise_for(racer) is not None)
        except ValueError as err:
            self._show_message(translate(
                "AnalysisPanel", "Cannot analyse this point: {err}").format(err=err))
            return
        self._show_report(report)

    # -- showing -------------------------------------------------------------------------------
    def _show_title(self, racer: Racer, label: str) -> None:
        color = QColor(racer.color).name()
        self.title.setText(f"{_swatch(color)} <b>{html.escape(label)}</b>")

    def _show_message(self, text: str) -> None:
        self.report = None
        self.message = text
        self.message_label.setText(html.escape(text))
        self.message_label.show()
        self.subtitle.hide()
        for box in self._sections:
            box.hide()
        self._show_optimal()
        if self.overlay is not None:
            self.overlay.clear()
        self._update_overlay_visibility()
        self.reportChanged.emit(None)

    def _show_report(self, r: PointReport) -> None:
        self.report = r
        self.message = ""
        c = r.curvature
        start = translate(
            "AnalysisPanel", " · start {r_start_index} of {n_starts}").format(
            r_start_index=r.start_index + 1, n_starts=r.n_starts) if r.n_starts > 1 else ""
        self.subtitle.setText(
            translate(
                "AnalysisPanel", "step {step} of {steps}{start} · point ({point0}, {point1}) · "
                                 "loss {loss} · |g| {gradient_norm}").format(
                step=r.step, steps=r.steps, start=start, point0=_n(r.point[0]),
                point1=_n(r.point[1]), loss=_n(r.loss), gradient_norm=_n(c.gradient_norm)))
        self.subtitle.show()
        if r.notes:
            self.message_label.setText(html.escape(" ".join(r.notes)))
            self.message_label.show()
        else:
            self.message_label.hide()
        for box in (self.stability_box, self.curvature_box, self.taylor_box):
            box.show()
        self._show_stability(r)
        self._show_curvature(r)
        self._show_taylor(r)
        self._show_adaptive(r)
        self._show_optimal()
        if self.overlay is not None:
            self.overlay.set_curvature(c)
        self._update_overlay_visibility()
        self.reportChanged.emit(r)

    def _show_stability(self, r: PointReport) -> None:
        st = r.stability
        color = VERDICT_COLORS.get(st.verdict, _MUTED)
        verdict = translate("stability", st.verdict)
        self.verdict_label.setText(verdict[:1].upper() + verdict[1:])
        self.verdict_label.setStyleSheet(f"color: {color};")
        self.verdict_label.setToolTip(st.explanation)
        self.meaning_label.setText(_meaning(st))
        self.meaning_label.setToolTip(st.explanation)
        self.product_label.setToolTip(st.explanation)
        if r.family == OTHER:
            self.verdict_label.setText(translate(
                "AnalysisPanel", "No lr · λ limit"))
            self.verdict_label.setStyleSheet(f"color: {_MUTED};")
            self.meaning_label.setText(html.escape(r.adaptive_text))
            self.gauge.set_values(math.nan, st.limit, stable_until(0.0, False))
            self.product_label.setText(
                translate(
                    "AnalysisPanel", "(a plain GD step with this lr: lr · λ_max = {lr} × "
                                     "{lambda_max} = {lr_lambda_max})").format(
                    lr=_n(r.lr), lambda_max=_n(st.lambda_max), lr_lambda_max=_n(st.lr_lambda_max)))
            self.stability_text.hide()
            return
        if r.family == ADAPTIVE:
            a = st.lr_lambda_max
            self.gauge.set_values(a, st.limit, stable_until(st.momentum, False))
            self.product_label.setText(
                translate(
                    "AnalysisPanel", "λ_max(diag(lr/σ)·H) = {preconditioned_lambda_max} → "
                                     "<b>{a}</b> against the limit <b>{limit}</b><br>(a plain "
                                     "GD step with this lr: lr · λ_max = {lr} × {lambda_max} = "
                                     "{lr_lambda_max})").format(
                    preconditioned_lambda_max=_n(r.preconditioned_lambda_max), a=_n(a),
                    limit=_n(st.limit), lr=_n(r.lr),
                    lambda_max=_n(r.analysis.stability.lambda_max),
                    lr_lambda_max=_n(r.analysis.stability.lr_lambda_max)))
            self.stability_text.setText(html.escape(r.adaptive_text))
            self.stability_text.show()
            return
        if r.momentum > 0:
            name = translate(
                "AnalysisPanel", "Nesterov") if r.nesterov else translate(
                "AnalysisPanel", "heavy ball")
            rule = (translate(
                "AnalysisPanel", "limit 2(1 + μ)/(1 + 2μ) = "
                                 "{limit} ({name}, μ = {momentum})").format(
                limit=_n(st.limit), name=name, momentum=_n(r.momentum))
                    if r.nesterov else
                    translate(
                        "AnalysisPanel", "limit 2 + 2·momentum = {limit} ({name}, momentum "
                                         "{momentum})").format(
                        limit=_n(st.limit), name=name, momentum=_n(r.momentum)))
        else:
            rule = translate(
                "AnalysisPanel", "limit 2 (gradient descent)")
        self.gauge.set_values(st.lr_lambda_max, st.limit, stable_until(r.momentum, r.nesterov))
        self.product_label.setText(
            translate(
                "AnalysisPanel", "lr · λ_max = {lr} × {lambda_max} = <b>{lr_lambda_max}</b> "
                                 "&nbsp;vs&nbsp; {rule}<br>largest stable lr here: "
                                 "<b>{max_stable_lr}</b>").format(
                lr=_n(st.lr), lambda_max=_n(st.lambda_max), lr_lambda_max=_n(st.lr_lambda_max),
                rule=rule, max_stable_lr=_n(st.max_stable_lr)))
        self.stability_text.setText(html.escape(st.explanation))
        self.stability_text.hide()  # the same in words: the tooltip of the verdict

    def _show_curvature(self, r: PointReport) -> None:
        c = r.curvature
        h = c.hessian
        cells = [[_n(h[0, 0]), _n(h[0, 1])], [_n(h[1, 0]), _n(h[1, 1])]]
        width = max(len(x) for row in cells for x in row)
        rows = [f"{'⎡⎣'[j]} {cells[j][0]:>{width}}  {cells[j][1]:>{width}} {'⎤⎦'[j]}"
                for j in range(2)]
        self.hessian_label.setText(
            "<table cellspacing=0 cellpadding=0><tr><td valign=middle>H = &nbsp;</td><td>"
            + "<br>".join(_mono(row).replace(" ", "&nbsp;") for row in rows)
            + "</td></tr></table>")
        for j, (label, name) in enumerate(zip(self.eigen_labels, ("λ_min", "λ_max"),
                                             strict=True)):
            value = float(c.eigenvalues[j])
            v = c.eigenvectors[:, j]
            along = translate("AnalysisPanel", "along eigenvector ({x}, {y})").format(
                x=_n(v[0]), y=_n(v[1]))
            label.setText(f"{_swatch(curvature_color(value))} {name} = <b>{_n(value)}</b> "
                          f"{along}")
        self.condition_label.setText(
            translate(
                "AnalysisPanel", "condition number<br>κ = max|λ|/min|λ| = "
                                 "<b>{condition_number}</b>").format(
                condition_number=_n(c.condition_number)))
        kind = {
            "convex": translate("AnalysisPanel", "convex here: curves up in every direction"),
            "degenerate": translate("AnalysisPanel", "flat along one axis (an eigenvalue is 0)"),
            "saddle": translate("AnalysisPanel", "a saddle: curves up one way, down the other"),
            "concave": translate("AnalysisPanel", "a hilltop or ridge: curves down"),
            "undefined": translate("AnalysisPanel", "the Hessian is not a finite number here"),
        }.get(c.kind, c.kind)
        note = r.analysis.note
        self.kind_label.setText(html.escape(kind + (". " + note if note else "")))

    def _show_taylor(self, r: PointReport) -> None:
        g, own = r.gd_terms, r.own_terms
        t = r.analysis.taylor
        is_gd = own is None
        if is_gd and r.family == GD:
            # the engine's own next step, not one beyond the run
            own_step = g.actual_label != translate("AnalysisPanel", "actual f(p − εg) − f(p)")
            where = (translate("AnalysisPanel", "the run's own next step") if own_step
                     else translate("AnalysisPanel", "one step beyond the run"))
            caption = (translate(
                "AnalysisPanel", "For a GD step of size ε = lr(t) = <b>{lr}</b> from this "
                                 "point ({where}): Δloss ≈ −ε gᵀg (1st order) + ε²/2 gᵀHg (2nd "
                                 "order).").format(lr=_n(r.lr), where=where))
        else:
            caption = (translate(
                "AnalysisPanel", "GD: a plain gradient step of size ε = lr(t) = <b>{lr}</b> "
                                 "from this point, Δloss ≈ −ε gᵀg (1st order) + ε²/2 gᵀHg (2nd "
                                 "order). Racer: the same terms gᵀd and dᵀHd/2 along this "
                                 "racer's own next move d (from the run).").format(lr=_n(r.lr)))
        self.taylor_caption.setText(caption)
        self.taylor_headers[0].setText(translate(
            "AnalysisPanel", "<b>GD, ε={lr}</b>").format(lr=_n(r.lr)) if is_gd else translate(
            "AnalysisPanel", "<b>GD</b>"))
        self.taylor_headers[1].setVisible(not is_gd)
        values = {"first": (g.first_order, None if is_gd else own.first_order),
                  "second": (g.second_order, None if is_gd else own.second_order),
                  "predicted": (g.predicted, None if is_gd else own.predicted),
                  "actual": (g.actual, None if is_gd else own.actual)}
        for key, (a, b) in values.items():
            ca, cb = self.taylor_cells[key]
            ca.setText(_mono(_signed(a)))
            blew_up = b is not None and not math.isfinite(b) and key == "actual"
            cb.setText(_mono(translate("AnalysisPanel", "blew up") if blew_up else _signed(b))
                       if b is not None else "")
            cb.setVisible(not is_gd)
        self.taylor_cells["actual"][0].setToolTip(g.actual_label)
        heights = np.array([g.first_order, g.second_order, g.predicted, g.actual], dtype=float)
        with np.errstate(all="ignore"):
            finite = heights[np.isfinite(heights)]
            top = float(np.max(np.abs(finite))) if finite.size else 1.0
            heights = np.where(np.isfinite(heights), heights, 0.0)
        top = top if top > 0 else 1.0
        self.taylor_bars.setOpts(height=heights)
        self.taylor_plot.getPlotItem().getViewBox().setRange(
            xRange=(-0.5, 3.5), yRange=(-1.12 * top, 1.12 * top), padding=0)
        if t.curvature_wins:
            verdict = (translate("AnalysisPanel",
                "<span style=\"color: {color}\"><b>The curvature term wins</b></span>: this "
                "step is predicted to <b>raise</b> the loss.").format(
                color=VERDICT_COLORS[VERDICT_DIVERGING]))
        elif math.isfinite(t.first_order) and t.first_order < 0:
            verdict = (translate(
                "AnalysisPanel", "<span style=\"color: "
                                 "{verdict_colors_verdict_stable}\"><b>The first-order term "
                                 "wins</b></span>: the step is "
                                 "predicted to lower the loss.").format(
                verdict_colors_verdict_stable=VERDICT_COLORS[VERDICT_STABLE]))
        else:
            verdict = translate(
                "AnalysisPanel", "The gradient is zero here: no first-order change.")
        if math.isfinite(t.break_even_eps):
            verdict += (translate(
                "AnalysisPanel", " Break-even step 2gᵀg/gᵀHg = {break_even_eps}; best step "
                                 "gᵀg/gᵀHg = {best_eps}.").format(
                break_even_eps=_n(t.break_even_eps), best_eps=_n(t.best_eps)))
        elif t.best_eps == math.inf:
            verdict += translate(
                "AnalysisPanel", " Along -g the surface does not curve up: no step is too long "
                                 "here.")
        self.taylor_verdict.setText(verdict)

    def _show_adaptive(self, r: PointReport) -> None:
        if r.family != ADAPTIVE:
            self.adaptive_box.hide()
            return
        self.adaptive_box.show()
        e = r.effective_step
        if e is None:
            self.effective_label.setText(translate(
                "AnalysisPanel", "not known yet"))
        else:
            self.effective_label.setText(
                translate(
                    "AnalysisPanel", "next update ({point_step} → {r_point_step}): "
                                     "{swatch_coord_colors} x: <b>{e0}</b> &nbsp; "
                                     "{swatch_coord_colors2} y: <b>{e1}</b>").format(
                    point_step=r.point_step, r_point_step=r.point_step + 1,
                    swatch_coord_colors=_swatch(COORD_COLORS[0]), e0=_n(e[0]),
                    swatch_coord_colors2=_swatch(COORD_COLORS[1]), e1=_n(e[1])))
        tr = self.trace
        if tr is not None and not self._trace_drawn:
            eff = tr.effective_step[1:, -1, :]  # update k -> k + 1 is row k + 1
            n = eff.shape[0]
            log = vm.wants_log([eff])
            floor = vm.log_floor([eff])
            series = [(COORD_COLORS[j], vm.steps_series(1, max(n - 1, 0)),
                       vm.readout_series(eff[:, j:j + 1], log, floor), (id(tr), j, floor))
                      for j in range(2)]
            self.effective_plot.set_series(series, max(n - 1, 1), log,
                                           vm.zero_level([eff], log, floor))
            self._trace_drawn = True
        self.effective_plot.playhead.setValue(r.point_step)

    def _show_optimal(self) -> None:
        s = self.session
        if s.surface.name != "quadratic":
            self.optimal_box.hide()
            return
        self.optimal_box.show()
        try:
            o = optimal_hyperparameters(s.surface)
        except ValueError as err:
            self.optimal_label.setText(html.escape(str(err)))
            self.gd_button.setEnabled(False)
            self.momentum_button.setEnabled(False)
            return
        self.gd_button.setEnabled(True)
        self.momentum_button.setEnabled(True)
        self.optimal_label.setText(
            translate(
                "AnalysisPanel", "λ1 = {lambda_min}, λ2 = {lambda_max}, κ = "
                                 "{condition_number}. Set the selected racer to GD with lr = "
                                 "2/(λ1+λ2) (the error shrinks by {gd_rate} per step), or to "
                                 "heavy-ball momentum with Goh's lr = (2/(√λ1+√λ2))² and "
                                 "momentum = ((√κ−1)/(√κ+1))² (by {momentum_rate} per step; "
                                 "hover for the convention).").format(
                lambda_min=_n(o.lambda_min), lambda_max=_n(o.lambda_max),
                condition_number=_n(o.condition_number), gd_rate=_n(o.gd_rate),
                momentum_rate=_n(o.momentum_rate)))
        self.gd_button.setText(translate(
            "AnalysisPanel", "GD: lr {gd_lr}").format(gd_lr=_n(o.gd_lr)))
        self.momentum_button.setText(translate(
            "AnalysisPanel", "Goh: lr {momentum_lr}, μ {momentum}").format(
            momentum_lr=_n(o.momentum_lr), momentum=_n(o.momentum)))

    # -- the optimal-value buttons -------------------------------------------------------------
    def apply_optimal_gd(self) -> None:
        """Make the selected racer plain GD with ``lr = 2 / (lambda1 + lambda2)``."""
        s = self.session
        try:
            o = optimal_hyperparameters(s.surface)
        except ValueError:
            return
        s.update_racer(s.selected, optimizer="gd", params={"lr": o.gd_lr},
                       label=f"GD, lr {o.gd_lr:.4g} = 2/(λ1+λ2)")

    def apply_optimal_momentum(self) -> None:
        """Make the selected racer heavy-ball momentum with Goh's ``lr`` and ``momentum``."""
        s = self.session
        try:
            o = optimal_hyperparameters(s.surface)
        except ValueError:
            return
        s.update_racer(s.selected, optimizer="momentum",
                       params={"lr": o.momentum_lr, "momentum": o.momentum, "dampening": 0.0},
                       label=f"Momentum {o.momentum:.3g}, lr {o.momentum_lr:.3g} (Goh)")
