"""L-BFGS (torch.optim.LBFGS): quasi-Newton steps from a short memory of past steps, with an
optional strong-Wolfe line search. It evaluates the surface itself (``needs_oracle``).

One path point per ``.step()``, as torch's optimizer takes it: a step runs up to ``max_iter``
inner iterations and ``max_eval`` function evaluations, and its number of evaluations is
reported (the ``func_evals`` readout, in the run data, the narration and the analysis).

Each start point is its own L-BFGS problem (torch would treat a batch as one vector), so the
update loops over the points with torch's scalar arithmetic on 2-vectors: its control flow
(line search, stopping tests) differs per point. That makes it slow for maps of many cells.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from app.i18n import translate
from surfaces.params import Param

from . import parts
from .base import OTHER, Dynamics, OptimizerSpec, Readout, register
from .narration import Lines, StepContext, Story, format_number, format_vector

__all__ = ["LBFGSState", "init", "update"]

_n, _v = format_number, format_vector


class LBFGSState(NamedTuple):
    count: int
    func_evals: np.ndarray  # (N,) evaluations of the last step (torch counts them cumulatively)
    iterations: np.ndarray  # (N,) inner iterations of the last step
    n_iter: np.ndarray  # (N,) inner iterations in total (torch's state["n_iter"])
    d: np.ndarray  # (N, 2) the last search direction
    t: np.ndarray  # (N,) the last step length along d
    old_dirs: np.ndarray  # (N, history_size, 2) gradient differences y
    old_stps: np.ndarray  # (N, history_size, 2) steps s
    ro: np.ndarray  # (N, history_size) 1 / (y . s)
    n_old: np.ndarray  # (N,) how many (y, s) pairs are remembered
    H_diag: np.ndarray  # (N,) scale of the initial inverse Hessian  # noqa: N815 (torch's name)
    prev_flat_grad: np.ndarray  # (N, 2)
    prev_loss: np.ndarray  # (N,)


def init(params, hyper):
    p = parts.as_array(params)
    n, h = len(p), int(hyper["history_size"])
    return LBFGSState(0, np.zeros(n, np.int64), np.zeros(n, np.int64), np.zeros(n, np.int64),
                      np.zeros((n, 2)), np.zeros(n), np.zeros((n, h, 2)), np.zeros((n, h, 2)),
                      np.zeros((n, h)), np.zeros(n, np.int64), np.ones(n), np.zeros((n, 2)),
                      np.zeros(n))


# --------------------------------------------------------------------------------------------
# torch's arithmetic on 2-vectors (tuples of floats)
# --------------------------------------------------------------------------------------------
def _dot(a, b) -> float:
    return a[0] * b[0] + a[1] * b[1]


def _axpy(x, alpha, y):
    """``x + alpha * y`` (torch's ``x.add(y, alpha=alpha)``)."""
    return (x[0] + alpha * y[0], x[1] + alpha * y[1])


def _max_abs(a) -> float:
    return max(abs(a[0]), abs(a[1]))


def _cubic_interpolate(x1, f1, g1, x2, f2, g2, bounds=None):
    """The minimiser of the cubic through two points with values and slopes (torch's)."""
    if bounds is not None:
        xmin_bound, xmax_bound = bounds
    else:
        xmin_bound, xmax_bound = (x1, x2) if x1 <= x2 else (x2, x1)
    d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    d2_square = d1**2 - g1 * g2
    if d2_square >= 0:
        d2 = math.sqrt(d2_square)
        if x1 <= x2:
            min_pos = x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        else:
            min_pos = x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
        return min(max(min_pos, xmin_bound), xmax_bound)
    return (xmin_bound + xmax_bound) / 2.0


def _strong_wolfe(obj, x, t, d, f, g, gtd, c1=1e-4, c2=0.9, tolerance_change=1e-9, max_ls=25):
    """torch's strong-Wolfe line search: ``(f_new, g_new, t, evaluations)``."""
    d_norm = _max_abs(d)
    f_new, g_new = obj(x, t, d)
    ls_func_evals = 1
    gtd_new = _dot(g_new, d)
    t_prev, f_prev, g_prev, gtd_prev = 0, f, g, gtd
    done = False
    ls_iter = 0
    while ls_iter < max_ls:
        if f_new > (f + c1 * t * gtd) or (ls_iter > 1 and f_new >= f_prev):
            bracket, bracket_f = [t_prev, t], [f_prev, f_new]
            bracket_g, bracket_gtd = [g_prev, g_new], [gtd_prev, gtd_new]
            break
        if abs(gtd_new) <= -c2 * gtd:
            bracket, bracket_f, bracket_g = [t], [f_new], [g_new]
            done = True
            break
        if gtd_new >= 0:
            bracket, bracket_f = [t_prev, t], [f_prev, f_new]
            bracket_g, bracket_gtd = [g_prev, g_new], [gtd_prev, gtd_new]
            break
        min_step = t + 0.01 * (t - t_prev)
        max_step = t * 10
        tmp = t
        t = _cubic_interpolate(t_prev, f_prev, gtd_prev, t, f_new, gtd_new,
                               bounds=(min_step, max_step))
        t_prev, f_prev, g_prev, gtd_prev = tmp, f_new, g_new, gtd_new
        f_new, g_new = obj(x, t, d)
        ls_func_evals += 1
        gtd_new = _dot(g_new, d)
        ls_iter += 1
    if ls_iter == max_ls:
        bracket, bracket_f, bracket_g = [0, t], [f, f_new], [g, g_new]
    insuf_progress = False
    low_pos, high_pos = (0, 1) if bracket_f[0] <= bracket_f[-1] else (1, 0)
    while not done and ls_iter < max_ls:
        if abs(bracket[1] - bracket[0]) * d_norm < tolerance_change:
            break
        t = _cubic_interpolate(bracket[0], bracket_f[0], bracket_gtd[0],
                               bracket[1], bracket_f[1], bracket_gtd[1])
        eps = 0.1 * (max(bracket) - min(bracket))
        if min(max(bracket) - t, t - min(bracket)) < eps:
            if insuf_progress or t >= max(bracket) or t <= min(bracket):
                t = (max(bracket) - eps if abs(t - max(bracket)) < abs(t - min(bracket))
                     else min(bracket) + eps)
                insuf_progress = False
            else:
                insuf_progress = True
        else:
            insuf_progress = False
        f_new, g_new = obj(x, t, d)
        ls_func_evals += 1
        gtd_new = _dot(g_new, d)
        ls_iter += 1
        if f_new > (f + c1 * t * gtd) or f_new >= bracket_f[low_pos]:
            bracket[high_pos], bracket_f[high_pos] = t, f_new
            bracket_g[high_pos], bracket_gtd[high_pos] = g_new, gtd_new
            low_pos, high_pos = (0, 1) if bracket_f[0] <= bracket_f[1] else (1, 0)
        else:
            if abs(gtd_new) <= -c2 * gtd:
                done = True
            elif gtd_new * (bracket[high_pos] - bracket[low_pos]) >= 0:
                bracket[high_pos], bracket_f[high_pos] = bracket[low_pos], bracket_f[low_pos]
                bracket_g[high_pos] = bracket_g[low_pos]
                bracket_gtd[high_pos] = bracket_gtd[low_pos]
            bracket[low_pos], bracket_f[low_pos] = t, f_new
            bracket_g[low_pos], bracket_gtd[low_pos] = g_new, gtd_new
    return bracket_f[low_pos], bracket_g[low_pos], bracket[low_pos], ls_func_evals


class _Point:
    """One start point's L-BFGS state as Python floats (torch's variables)."""

    def __init__(self, st: LBFGSState, i: int):
        self.n_iter = int(st.n_iter[i])
        self.d = tuple(st.d[i].tolist())
        self.t = float(st.t[i])
        k = int(st.n_old[i])
        self.old_dirs = [tuple(v) for v in st.old_dirs[i, :k].tolist()]
        self.old_stps = [tuple(v) for v in st.old_stps[i, :k].tolist()]
        self.ro = st.ro[i, :k].tolist()
        self.H_diag = float(st.H_diag[i])  # noqa: N815
        self.prev_flat_grad = tuple(st.prev_flat_grad[i].tolist())
        self.prev_loss = float(st.prev_loss[i])

    def store(self, arrays: dict, i: int) -> None:
        k = len(self.old_dirs)
        arrays["n_iter"][i] = self.n_iter
        arrays["d"][i] = self.d
        arrays["t"][i] = self.t
        arrays["old_dirs"][i, :k] = self.old_dirs if k else arrays["old_dirs"][i, :0]
        arrays["old_stps"][i, :k] = self.old_stps if k else arrays["old_stps"][i, :0]
        arrays["ro"][i, :k] = self.ro
        arrays["n_old"][i] = k
        arrays["H_diag"][i] = self.H_diag
        arrays["prev_flat_grad"][i] = self.prev_flat_grad
        arrays["prev_loss"][i] = self.prev_loss


def _at(value, i: int):
    """Point ``i``'s value of a (scalar or per-point array) hyperparameter."""
    return float(np.asarray(value).reshape(-1)[i]) if np.ndim(value) else value


def _step(s: _Point, x, loss, flat_grad, lr, h, evaluate):
    """One torch ``LBFGS.step()`` for one point: ``(new x, evaluations, iterations)``."""
    max_iter, max_eval = int(h["max_iter"]), int(h["max_eval"] or h["max_iter"] * 5 // 4)
    tolerance_grad, tolerance_change = h["tolerance_grad"], h["tolerance_change"]
    history_size = int(h["history_size"])
    current_evals = 1
    if _max_abs(flat_grad) <= tolerance_grad:
        return x, current_evals, 0
    n_iter = 0
    while n_iter < max_iter:
        n_iter += 1
        s.n_iter += 1
        if s.n_iter == 1:
            s.d = (-flat_grad[0], -flat_grad[1])
            s.old_dirs, s.old_stps, s.ro, s.H_diag = [], [], [], 1
        else:
            y = (flat_grad[0] - s.prev_flat_grad[0], flat_grad[1] - s.prev_flat_grad[1])
            step = (s.d[0] * s.t, s.d[1] * s.t)
            ys = _dot(y, step)
            if ys > 1e-10:
                if len(s.old_dirs) == history_size:
                    s.old_dirs.pop(0)
                    s.old_stps.pop(0)
                    s.ro.pop(0)
                s.old_dirs.append(y)
                s.old_stps.append(step)
                s.ro.append(1.0 / ys)
                s.H_diag = ys / _dot(y, y)
            al = [0.0] * len(s.old_dirs)
            q = (-flat_grad[0], -flat_grad[1])
            for i in range(len(s.old_dirs) - 1, -1, -1):
                al[i] = _dot(s.old_stps[i], q) * s.ro[i]
                q = _axpy(q, -al[i], s.old_dirs[i])
            r = (q[0] * s.H_diag, q[1] * s.H_diag)
            for i in range(len(s.old_dirs)):
                be_i = _dot(s.old_dirs[i], r) * s.ro[i]
                r = _axpy(r, al[i] - be_i, s.old_stps[i])
            s.d = r
        s.prev_flat_grad = flat_grad
        s.prev_loss = loss
        if s.n_iter == 1:
            s.t = min(1.0, 1.0 / (abs(flat_grad[0]) + abs(flat_grad[1]))) * lr
        else:
            s.t = lr
        gtd = _dot(flat_grad, s.d)
        if gtd > -tolerance_change:
            break
        ls_func_evals = 0
        if h["line_search_fn"] == "strong_wolfe":
            def obj(x0, t, d):
                return evaluate(_axpy(x0, t, d))

            loss, flat_grad, s.t, ls_func_evals = _strong_wolfe(
                obj, x, s.t, s.d, loss, flat_grad, gtd, max_ls=max_eval - current_evals)
            x = _axpy(x, s.t, s.d)
            opt_cond = _max_abs(flat_grad) <= tolerance_grad
        else:
            x = _axpy(x, s.t, s.d)
            opt_cond = False
            if n_iter != max_iter:
                loss, flat_grad = evaluate(x)
                opt_cond = _max_abs(flat_grad) <= tolerance_grad
                ls_func_evals = 1
        current_evals += ls_func_evals
        if n_iter == max_iter or current_evals >= max_eval or opt_cond:
            break
        if _max_abs((s.d[0] * s.t, s.d[1] * s.t)) <= tolerance_change:
            break
        if abs(loss - s.prev_loss) < tolerance_change:
            break
    return x, current_evals, n_iter


def update(grads, state, params, lr, hyper, oracle):
    """L-BFGS (torch.optim.LBFGS), one ``.step()`` per call, for each point on its own.

    Per inner iteration: the first ever goes along ``d = -g``; after that, with ``y = g -
    g_prev``, ``s = t d`` (kept if ``y . s > 1e-10``, at most ``history_size`` pairs, ``H_diag =
    y . s / y . y``), ``d = -H g`` by the two-loop recursion (``a_i = s_i . q / (y_i . s_i)``,
    ``q = q - a_i y_i`` newest first; ``r = H_diag q``; ``r = r + (a_i - y_i . r / (y_i . s_i))
    s_i`` oldest first). Step length ``t = min(1, 1 / sum|g|) * lr`` at the very first iteration,
    else ``t = lr``; with ``line_search_fn = "strong_wolfe"`` t is chosen so that ``f(p + t d)
    <= f + 1e-4 t g.d`` and ``|g_new . d| <= 0.9 |g . d|``; ``p = p + t d``. A step stops after
    ``max_iter`` iterations or ``max_eval`` evaluations, when ``max|g| <= tolerance_grad``,
    ``g . d > -tolerance_change``, ``max|t d| <= tolerance_change`` or the loss changes by less
    than ``tolerance_change``. ``lr`` scales the step length.
    """
    p = parts.as_array(params)
    n = len(p)
    arrays = {k: np.array(getattr(state, k)) for k in LBFGSState._fields[1:]}
    new = p.copy()
    losses = oracle.value(p)

    # numpy scalars, not Python floats: the same IEEE arithmetic, but a division by zero gives
    # inf or nan as torch's tensors do (contained by the engine) instead of raising
    def evaluate(xy):
        f, g = oracle.value_and_grad(np.array([xy], dtype=np.float64))
        return f[0], (g[0, 0], g[0, 1])

    for i in range(n):
        point = _Point(state, i)
        h = {k: _at(v, i) for k, v in hyper.items()}
        x, evals, iterations = _step(point, tuple(p[i]), losses[i], tuple(grads[i]),
                                     _at(lr, i), h, evaluate)
        point.store(arrays, i)
        new[i] = x
        arrays["func_evals"][i] = evals
        arrays["iterations"][i] = iterations
    return new, LBFGSState(state.count + 1, **arrays)


def check(h):
    if h["max_eval"] and h["max_eval"] < 1:
        raise ValueError(f"Invalid max_eval: {h['max_eval']}")


def narrate(ctx: StepContext) -> Story:
    h, lines = ctx.hyper, Lines()
    evals = int(ctx.current("func_evals"))
    iterations = int(ctx.current("iterations"))
    memory = int(ctx.current("n_old"))
    search = (translate("narration", "a strong-Wolfe line search")
              if h["line_search_fn"] == "strong_wolfe"
              else translate("narration", "fixed step lengths lr = {lr}").format(lr=_n(ctx.lr)))
    if iterations == 0:
        lines.add("info", translate("narration", "|gradient| is below tolerance_grad "
                                                 "{h_tolerance_grad}: no iteration, {evals} "
                                                 "function evaluation").format(
                              h_tolerance_grad=_n(h['tolerance_grad']), evals=evals))
        return Story(lines, np.zeros(2), terms={"func_evals": evals, "iterations": 0})
    d, t = ctx.current("d"), float(ctx.current("t"))
    lines.add("info", translate("narration", "{iterations} inner iteration{s_iterations} with "
                                             "{search}, {evals} function evaluation{s_evals} in "
                                             "this step (at most {h_max_iter} iterations, "
                                             "{h_max_eval_or} evaluations)").format(
                          iterations=iterations, s_iterations='s' * (iterations != 1),
                          search=search, evals=evals, s_evals='s' * (evals != 1),
                          h_max_iter=h['max_iter'],
                          h_max_eval_or=h['max_eval'] or h['max_iter'] * 5 // 4))
    lines.add("scale", translate("narration", "memory: {memory} of at most {h_history_size} "
                                              "(step, gradient change) pairs; initial "
                                              "inverse-Hessian scale {h_diag}").format(
                           memory=memory, h_history_size=h['history_size'],
                           h_diag=_n(float(ctx.current('H_diag')))))
    lines.add("velocity", translate("narration", "last direction d = −H × gradient → {d}").format(
                              d=_v(d)))
    lines.add("update", translate("narration", "last step: t {t} × d = {t_d}").format(
                            t=_n(t), t_d=_v(t * d)))
    with np.errstate(all="ignore"):
        move = -ctx.g * t
        eff = np.full(2, t)
    return Story(lines, eff, terms={"func_evals": evals, "iterations": iterations, "t": t,
                        "direction": d, "gd_move": move})


SPEC = register(OptimizerSpec(
    "lbfgs", "L-BFGS", "quasi-Newton: d = -H g from the last history_size steps, p = p + t d "
                       "(line search optional); several evaluations per step",
    (parts.lr_param(1.0),
     Param("max_iter", 20, kind=int, low=1, high=10_000,
           doc="inner iterations per step (each moves the point)"),
     Param("max_eval", 0, kind=int, low=0, high=100_000,
           doc="function evaluations per step; 0: torch's default max_iter * 5 // 4"),
     Param("tolerance_grad", 1e-7, low=0, log_scale=True,
           doc="a step stops once max |gradient| is at most this"),
     Param("tolerance_change", 1e-9, low=0, log_scale=True,
           doc="a step stops once the loss or the move changes by less than this"),
     Param("history_size", 100, kind=int, low=1, high=1000,
           doc="how many past (step, gradient change) pairs approximate the inverse Hessian"),
     Param("line_search_fn", "none", kind=str, choices=("none", "strong_wolfe"),
           doc="'strong_wolfe': choose each step length by a line search (torch's None is "
               "'none')")),
    init=init, update=update, state=LBFGSState, narrate=narrate,
    dynamics=lambda hyper, t: Dynamics(OTHER), check=check, needs_oracle=True,
    none_means={"max_eval": 0, "line_search_fn": "none"},
    readouts=(Readout("func_evals", "function evaluations", "count",
                      lambda s: s.func_evals),),
    torch_name="LBFGS", reference="torch.optim.LBFGS 2.13 (float64, one tensor per point)"))
