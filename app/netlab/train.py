"""Train the network lab's MLP with Descent Lab's optimizers, schedules and gradient noise.

:func:`train` runs a :class:`NetConfig` and returns a :class:`NetRun` of plain arrays. Per step it
records the training loss and the gradient norm (both on the *full* training set, also when the
updates use mini-batches: the true gradient, without noise, as the 2D engine does), and every
``sharpness_every`` steps the sharpness ``lambda_max``: the largest eigenvalue of the Hessian of
the full-batch loss, by the Lanczos method on exact Hessian-vector products (see
:func:`sharpness`; a measurement that did not converge is marked in ``sharpness_converged``).
Gradient descent on a quadratic is stable only while ``lr * lambda_max < 2``, so the readout to
compare with ``lambda_max`` is ``2 / lr``. A config whose memory or work would be out of reach
is refused up front (:meth:`NetConfig.budget`).

A run that blows up is not an error: when the loss becomes non-finite or exceeds ``BLOWUP``
(1e12, as the engine), or a weight or gradient becomes non-finite, training stops, ``diverged_at``
is the step whose update blew up, and loss and gradient norm stay frozen at their last good values
(every array stays finite). numpy's floating-point warnings are contained, never printed.

Update ``t`` (``t = 0`` is the first) uses the learning rate ``opt.lr * schedule(t)`` and, with
``noise_sigma > 0``, the gradient plus ``engine.Noise(noise_sigma, noise_seed).sample(t, ...)``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any, NamedTuple

import numpy as np

from app import optimizers, schedules
from app.engine import Noise
from surfaces.params import Param, describe, key_text, unknown_name_error

from .data import DATASETS, Dataset, make_dataset
from .mlp import ACTIVATIONS, INITS, MLP

__all__ = ["BLOWUP", "CONFIG_PARAMS", "NetConfig", "NetRun", "Sharpness", "Budget", "build",
           "train",
           "sharpness", "hvp_finite_difference", "run_dict", "accuracy"]

Array = np.ndarray

#: a loss above this counts as blown up (the engine's default bound)
BLOWUP = 1e12
#: Lanczos in the per-step readout: about this many Hessian-vector products at most, stopping
#: when the Ritz value's error bound is below SHARPNESS_TOL * |lambda_max|
SHARPNESS_MAX_ITER = 100
SHARPNESS_TOL = 1e-4
MAXCONFIG_PARAMS = 100_000
MAX_STEPS = 1_000_000
#: a run may keep at most this much memory (weight snapshots, activations, Lanczos vectors)
MAX_MEMORY_BYTES = 1_000_000_000
#: and do at most this much work, in sample-weight products (one full-batch gradient of ``P``
#: weights on ``n`` samples costs ``n * P``; this machine does about 2e8 to 1.5e9 a second)
MAX_WORK = 3e11
#: a Hessian-vector product costs about this many gradients
HVP_COST = 2
LOSS_CHOICES = ("auto", "mse", "cross_entropy")

#: NetConfig's scalar fields: type, default, valid range and a one-line doc (a GUI form can be
#: built from them); ``hidden``, ``optimizer_params`` and ``schedule_params`` are checked apart.
CONFIG_PARAMS = (
    Param("dataset", "two_moons", kind=str, choices=tuple(DATASETS),
          doc="the built-in data set"),
    Param("n_samples", 200, kind=int, low=4, high=10_000, doc="number of training samples"),
    Param("data_noise", 0.1, low=0, high=10, doc="standard deviation of the data set's noise"),
    Param("seed", 0, kind=int, low=0, high=2**32 - 1, doc="seed of the data set"),
    Param("standardize", False, kind=bool, doc="scale inputs to mean 0 and standard deviation 1"),
    Param("activation", "leaky_relu", kind=str, choices=tuple(ACTIVATIONS),
          doc="the hidden layers' activation"),
    Param("init", "he", kind=str, choices=INITS, doc="initialization scheme"),
    Param("init_scale", 1.0, low=0, open_low=True, high=100, log_scale=True,
          doc="multiplies the initialization's standard deviation"),
    Param("init_seed", 0, kind=int, low=0, high=2**32 - 1, doc="seed of the initial weights"),
    Param("loss", "auto", kind=str, choices=LOSS_CHOICES,
          doc="auto: mse for regression, cross_entropy for classification"),
    Param("batch_size", 0, kind=int, low=0, high=10_000,
          doc="samples per mini-batch; 0: full batch"),
    # (not the ones that evaluate a 2D surface themselves, e.g. L-BFGS's line search)
    Param("optimizer", "gd", kind=str, doc="the optimizer",
          choices=tuple(n for n in optimizers.names() if not optimizers.spec(n).needs_oracle)),
    Param("schedule", "constant", kind=str,  # (not the loss-driven ones: the 2D engine's)
          choices=tuple(n for n in schedules.names() if schedules.spec(n).feedback is None),
          doc="the learning-rate schedule"),
    Param("steps", 500, kind=int, low=1, high=MAX_STEPS, doc="number of updates"),
    Param("sharpness_every", 10, kind=int, low=0, high=MAX_STEPS,
          doc="measure the sharpness every k steps; 0: never"),
    Param("noise_sigma", 0.0, low=0, doc="gradient noise standard deviation (lesson P3)"),
    Param("noise_seed", 0, kind=int, low=0, high=2**32 - 1,
          doc="seed of the gradient noise and of the mini-batch order"),
    Param("trajectory_points", 201, kind=int, low=2, high=100_000,
          doc="at most this many weight vectors (+ the last) are kept for the landscape"),
)


@dataclass(frozen=True)
class NetConfig:
    """Everything a network-lab run needs; invalid values raise ``ValueError`` naming the field.

    ``hidden`` lists the hidden layer widths (``()``: a linear model); the input has 2 units, the
    output 1 (regression, 2 classes) or one per class. ``loss="auto"`` is MSE for regression and
    cross-entropy (sigmoid for 2 classes, softmax for 3) for classification. ``batch_size=0`` is
    full batch. ``optimizer_params`` are the optimizer's hyperparameters, default ``{"lr": 0.1}``
    (also when another optimizer is named: pass ``{}`` for that optimizer's own defaults);
    ``schedule_params`` the schedule's. ``sharpness_every=0`` never measures the sharpness.
    """

    dataset: str = "two_moons"
    n_samples: int = 200
    data_noise: float = 0.1
    seed: int = 0
    standardize: bool = False
    hidden: tuple[int, ...] = (32, 32)
    activation: str = "leaky_relu"
    init: str = "he"
    init_scale: float = 1.0
    init_seed: int = 0
    loss: str = "auto"
    batch_size: int = 0
    optimizer: str = "gd"
    optimizer_params: Mapping[str, Any] = field(default_factory=lambda: {"lr": 0.1})
    schedule: str = "constant"
    schedule_params: Mapping[str, Any] = field(default_factory=dict)
    steps: int = 500
    sharpness_every: int = 10
    noise_sigma: float = 0.0
    noise_seed: int = 0
    trajectory_points: int = 201

    def __post_init__(self):
        for p in CONFIG_PARAMS:
            object.__setattr__(self, p.name, _coerce(p, getattr(self, p.name)))
        object.__setattr__(self, "hidden", _hidden(self.hidden))
        object.__setattr__(self, "optimizer_params", _table("optimizer_params",
                                                            self.optimizer_params))
        object.__setattr__(self, "schedule_params", _table("schedule_params",
                                                           self.schedule_params))
        self._check_combinations()

    def _check_combinations(self):
        if self.batch_size > self.n_samples:
            raise ValueError(f"netlab.batch_size: must be 0 (full batch) or at most n_samples "
                             f"({self.n_samples}), got {self.batch_size}")
        if self.loss == "cross_entropy" and self.dataset == "regression":
            raise ValueError("netlab.loss: 'cross_entropy' needs a classification data set; "
                             "use 'mse' or 'auto' for 'regression'")
        _wrap("optimizer_params", lambda: optimizers.make(self.optimizer,
                                                          **self.optimizer_params))
        _wrap("schedule_params", lambda: schedules.make(self.schedule, **self.schedule_params))
        n_params = self.model().n_params
        if n_params > MAXCONFIG_PARAMS:
            raise ValueError(f"netlab.hidden: {n_params} weights is too many for the lab "
                             f"(at most {MAXCONFIG_PARAMS})")
        self._check_budget(n_params)

    def _check_budget(self, n_params: int) -> None:
        """Refuse up front, with the numbers, a run that could not be held or would take hours
        (as the 2D path refuses more than 20 million points)."""
        need = self.budget()
        if need.memory_bytes > MAX_MEMORY_BYTES:
            raise ValueError(
                f"netlab.trajectory_points: this run needs about {_gb(need.memory_bytes)} of "
                f"memory ({need.snapshots:,} weight snapshots of {n_params:,} weights; at most "
                f"{_gb(MAX_MEMORY_BYTES)}); use fewer trajectory_points, fewer steps or smaller "
                f"hidden layers")
        if need.work > MAX_WORK:
            every = (f"{self.sharpness_every} steps" if self.sharpness_every > 1 else "step")
            sharp = (f" + the sharpness every {every}, up to {SHARPNESS_MAX_ITER} "
                     f"Hessian-vector products each" if self.sharpness_every else "")
            raise ValueError(
                f"netlab.steps: this run needs up to {need.work:.2g} sample-weight products "
                f"({self.steps:,} steps x {self.n_samples:,} samples x {n_params:,} weights"
                f"{sharp}; at most {MAX_WORK:.2g}); use fewer steps, "
                f"samples or weights, or a larger sharpness_every (0: never)")

    def step_work(self) -> int:
        """The work of one update, in sample-weight products: the full-batch gradient that
        every step records, plus the mini-batch gradient it uses (if any). A sharpness
        measurement costs :data:`HVP_COST` times the full-batch part per product."""
        n = self.n_samples
        batch = self.batch_size if 0 < self.batch_size < n else 0
        return (n + batch) * self.model().n_params

    def budget(self) -> Budget:
        """The memory and the work this run needs at most (see :class:`Budget`)."""
        P, n, steps, k = self.model().n_params, self.n_samples, self.steps, self.sharpness_every
        every = max(1, math.ceil(steps / (self.trajectory_points - 1)))
        snapshots = steps // every + 2
        units = n * (2 + sum(self.hidden) + 3)  # activations of every layer, per sample
        memory = (8 * P * (2 * snapshots + (LANCZOS_VECTORS + 4 if k else 0))  # list + array
                  + 8 * 4 * units + 8 * 6 * (steps + 1))
        batch = self.batch_size if 0 < self.batch_size < n else 0
        measures = steps // k + 1 if k else 0
        work = steps * (n + batch) * P + measures * SHARPNESS_MAX_ITER * HVP_COST * n * P
        return Budget(memory, float(work), snapshots)

    # -- derived objects ---------------------------------------------------------------------
    @property
    def network_loss(self) -> str:
        """The MLP's loss: ``mse``, ``sigmoid_ce`` (2 classes) or ``softmax_ce`` (3+)."""
        n_classes = DATASETS[self.dataset]
        if self.loss == "mse" or (self.loss == "auto" and n_classes == 0):
            return "mse"
        return "sigmoid_ce" if n_classes == 2 else "softmax_ce"

    def model(self) -> MLP:
        n_classes = DATASETS[self.dataset]
        n_out = 1 if n_classes <= 2 else n_classes
        return MLP((2, *self.hidden, n_out), self.activation, self.network_loss)

    def data(self) -> Dataset:
        return make_dataset(self.dataset, self.n_samples, self.data_noise, self.seed,
                            self.standardize)

    # -- (de)serialising (a scenario's [netlab] table) -------------------------------------
    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["hidden"] = list(self.hidden)
        d["optimizer_params"] = dict(self.optimizer_params)
        d["schedule_params"] = dict(self.schedule_params)
        return d

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NetConfig:
        """From a table like :meth:`to_dict`'s; missing keys take their defaults.

        ``schedule`` may also be a table ``{ name = "cosine", total_steps = 500 }`` (as a racer's).
        """
        if not isinstance(data, Mapping):
            raise ValueError(f"netlab: expected a table, got {type(data).__name__}")
        valid = [f.name for f in fields(cls)]
        unknown = sorted(set(data) - set(valid))
        if unknown:
            raise ValueError(f"netlab.{key_text(unknown[0])}: unknown key (valid keys: "
                             f"{', '.join(valid)})")
        d = dict(data)
        if isinstance(d.get("schedule"), Mapping):
            sched = dict(d["schedule"])
            d["schedule"] = sched.pop("name", "constant")
            d["schedule_params"] = {**sched, **dict(d.get("schedule_params", {}))}
        return cls(**d)


def _coerce(p: Param, value: Any) -> Any:
    if p.kind is str and not isinstance(value, str):
        raise ValueError(f"netlab.{p.name}: expected {p.range_text()}, got {describe(value)}")
    if p.kind is str and value not in p.choices:
        raise ValueError(f"netlab.{p.name}: {unknown_name_error(p.name, value, p.choices)}")
    try:
        return p.coerce(value)
    except ValueError:
        raise ValueError(f"netlab.{p.name}: expected {p.range_text()}, got "
                         f"{describe(value)}") from None


def _hidden(value: Any) -> tuple[int, ...]:
    msg = (f"netlab.hidden: expected a list of 0 to 6 layer widths, each 1 to 512, got "
           f"{describe(value)}")
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        raise ValueError(msg)
    items = list(value)
    ok = len(items) <= 6 and all(
        not isinstance(v, bool) and isinstance(v, int | np.integer | float)
        and float(v).is_integer() and 1 <= v <= 512 for v in items)
    if not ok:
        raise ValueError(msg)
    return tuple(int(v) for v in items)


def _table(name: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError(f"netlab.{name}: expected a table of name = value, got "
                         f"{describe(value)}")
    return dict(value)


def _wrap(name: str, fn: Callable[[], Any]) -> None:
    try:
        fn()
    except ValueError as err:
        raise ValueError(f"netlab.{name}: {err}") from None


class Budget(NamedTuple):
    """What a run needs at most: ``memory_bytes`` (the weight snapshots kept for the landscape,
    twice while they are gathered; activations; Lanczos vectors; per-step arrays), ``work`` in
    sample-weight products (gradients, plus up to ``SHARPNESS_MAX_ITER`` Hessian-vector products
    per sharpness measurement), and the number of weight ``snapshots``."""

    memory_bytes: int
    work: float
    snapshots: int


def _gb(n_bytes: float) -> str:
    return f"{n_bytes / 1e9:.3g} GB" if n_bytes >= 1e8 else f"{n_bytes / 1e6:.3g} MB"


# ---------------------------------------------------------------------------------------------
# Sharpness: lambda_max of the Hessian by the Lanczos method
# ---------------------------------------------------------------------------------------------
class Sharpness(NamedTuple):
    """The top Hessian eigenvalue, its unit eigenvector, the HVPs used, and whether it converged.

    When ``converged`` is False, ``lambda_max`` is only an estimate (the best Ritz value, or the
    Rayleigh quotient of the start vector: a lower bound), NaN if the Hessian was not finite.
    """

    lambda_max: float
    vector: Array
    iterations: int
    converged: bool


def hvp_finite_difference(model: MLP, w: Array, X: Array, T: Array, v: Array,
                          eps: float = 1e-5) -> Array:
    """``H v`` by central differences of exact gradients: ``(g(w + h v) - g(w - h v)) / 2h``.

    ``h = eps * (1 + |w|) / |v|``; the error is O(h^2) (plus rounding ~ 1e-16 / h), and the
    estimate is wrong where the step crosses a ReLU kink. :meth:`MLP.hvp` is exact.
    """
    h = eps * (1.0 + np.linalg.norm(w)) / max(np.linalg.norm(v), 1e-300)
    _, g_plus = model.loss_and_grad(w + h * v, X, T)
    _, g_minus = model.loss_and_grad(w - h * v, X, T)
    return (g_plus - g_minus) / (2.0 * h)


#: Lanczos vectors kept at most (memory: this many weight vectors); then it restarts from its
#: best Ritz vector
LANCZOS_VECTORS = 32


def _lanczos(hvp: Callable[[Array], Array], v: Array, max_iter: int, tol: float) -> Sharpness:
    """The Lanczos method with full reorthogonalization, from the unit vector ``v``, restarted
    from the best Ritz vector every :data:`LANCZOS_VECTORS` products, at most ``max_iter``.

    After ``j`` products, the tridiagonal ``T_j = Q_j^T H Q_j`` of the Krylov basis ``Q_j`` has
    Ritz values that approach both ends of the spectrum; its largest, ``theta``, with
    ``T_j s = theta s``, is the estimate, and ``|H y - theta y| = beta_j |s_j|`` (``y = Q_j s``)
    is its exact residual, so the test ``beta_j |s_j| <= tol |theta|`` is the one power iteration
    used, at a fraction of the products when the negative end is as large as the positive one.
    """
    done, best = 0, Sharpness(math.nan, v, 0, False)
    while done < max_iter:
        best = _lanczos_run(hvp, best.vector, min(max_iter - done, LANCZOS_VECTORS), tol)
        done += best.iterations
        best = best._replace(iterations=done)
        if best.converged or not math.isfinite(best.lambda_max):
            break
    return best


def _lanczos_run(hvp: Callable[[Array], Array], v: Array, m: int, tol: float) -> Sharpness:
    """At most ``m`` Lanczos steps from ``v`` (see :func:`_lanczos`)."""
    n = v.shape[0]
    m = max(1, min(m, n))
    Q = np.empty((m, n))
    alpha: list[float] = []
    beta: list[float] = []
    Q[0] = v
    theta, y = math.nan, v
    for j in range(m):
        hq = hvp(Q[j])
        if not np.isfinite(hq).all():
            return Sharpness(math.nan, v, j + 1, False)
        alpha.append(float(Q[j] @ hq))
        hq = hq - Q[: j + 1].T @ (Q[: j + 1] @ hq)  # twice: orthogonal to rounding
        hq -= Q[: j + 1].T @ (Q[: j + 1] @ hq)
        b = float(np.linalg.norm(hq))
        T = np.diag(alpha) + np.diag(beta, 1) + np.diag(beta, -1)
        values, vectors = np.linalg.eigh(T)
        theta, s = float(values[-1]), vectors[:, -1]
        y = s @ Q[: j + 1]
        y /= np.linalg.norm(y)
        if abs(b * s[-1]) <= tol * abs(theta) or b <= 1e-12 * max(abs(values[0]), abs(theta)):
            return Sharpness(theta, y, j + 1, True)
        if j + 1 < m:
            beta.append(b)
            Q[j + 1] = hq / b
    return Sharpness(theta, y, m, False)


def sharpness(model: MLP, w: Array, X: Array, T: Array, v0: Array | None = None,
              max_iter: int = 500, tol: float = 1e-8, method: str = "exact",
              seed: int = 0, check: Callable[[], None] | None = None) -> Sharpness:
    """``lambda_max``, the largest eigenvalue of the loss's Hessian at ``w``, by Lanczos.

    Each iteration is one Hessian-vector product: exact (``method="exact"``, Pearlmutter's
    R-operator) or central finite differences of exact gradients (``"finite_difference"``).
    The Lanczos method (:func:`_lanczos`) finds the largest *algebraic* eigenvalue directly,
    also when the spectrum's negative end is about as large in magnitude (a network's Hessian
    at its initial weights: 356 against -346, where power iteration had not converged after 100
    products; Lanczos needs about 40). It stops when the residual ``|H v - lambda v|`` is below
    ``tol * |lambda|``, or after ``max_iter`` products: then ``converged`` is False and
    ``lambda_max`` is the best estimate so far (a lower bound). ``v0`` warm-starts it (e.g. the
    previous step's vector). ``check()``, if given, is called before every product (a job's
    cancellation check: what it raises ends the measurement and propagates).
    """
    if method == "exact":
        def product(u):
            return model.hvp(w, X, T, u)
    elif method == "finite_difference":
        def product(u):
            return hvp_finite_difference(model, w, X, T, u)
    else:
        raise ValueError(f"Unknown method '{method}'. Valid methods: exact, finite_difference")

    def hvp(u):
        if check is not None:
            check()
        return product(u)
    rng = np.random.default_rng([int(seed), 3])
    v = rng.standard_normal(model.n_params) if v0 is None else np.array(v0, dtype=np.float64)
    with np.errstate(all="ignore"):
        norm = float(np.linalg.norm(v))
        if not (math.isfinite(norm) and norm > 0):
            v = rng.standard_normal(model.n_params)
            norm = float(np.linalg.norm(v))
        return _lanczos(hvp, v / norm, max_iter, tol)


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class NetRun:
    """What one training run did.

    - ``loss``, ``grad_norm``: ``(steps + 1,)``, full-batch training loss and |gradient| at the
      weights after 0, 1, ..., ``steps`` updates (frozen after a blow-up);
    - ``lr``: ``(steps,)``, the learning rate of update ``t``;
    - ``sharpness`` at the steps ``sharpness_steps`` (multiples of ``sharpness_every``, up to the
      last good step); ``sharpness_converged`` says for each whether Lanczos converged (if not,
      the value is an estimate: a lower bound, NaN if the Hessian was not finite);
    - ``diverged_at``: -1, or the step whose update blew up; ``diverged_loss`` the loss that
      update reached (above ``BLOWUP``, inf or NaN; NaN if the run did not diverge);
    - ``weights``: ``(R, n_params)`` the weight vectors at steps ``weight_steps`` (every
      ``ceil(steps / (trajectory_points - 1))`` steps, plus the last good step).
    """

    config: NetConfig
    model: MLP
    data: Dataset
    T: Array
    loss: Array
    grad_norm: Array
    lr: Array
    sharpness: Array
    sharpness_steps: Array
    diverged_at: int
    weights: Array
    weight_steps: Array
    diverged_loss: float = math.nan
    sharpness_converged: Array | None = None  # None: all converged

    def __post_init__(self):
        if self.sharpness_converged is None:
            object.__setattr__(self, "sharpness_converged",
                               np.ones(len(self.sharpness), dtype=bool))

    @property
    def steps(self) -> int:
        return self.lr.shape[0]

    @property
    def diverged(self) -> bool:
        return self.diverged_at >= 0

    def diagnosis(self):
        """Where the blow-up began, its growth per step and the curvature that implies
        (:mod:`app.analysis.divergence`, the rule of the 2D race); None if it did not
        diverge. Computed once (the job that trained the run computes it, so a window that
        shows it only reads it; it travels with the run when pickled)."""
        if "_diagnosis" not in self.__dict__:
            from app.analysis.divergence import diagnose_optimizer

            opt = optimizers.make(self.config.optimizer, **self.config.optimizer_params)
            # (a frozen dataclass: the cache goes into the instance's dict directly)
            self.__dict__["_diagnosis"] = diagnose_optimizer(self.loss, self.diverged_at,
                                                             self.lr, opt)
        return self.__dict__["_diagnosis"]

    @property
    def final_weights(self) -> Array:
        """The weights at the last good step."""
        return self.weights[-1]

    @property
    def stability_limit(self) -> Array:
        """``2 / lr`` at each sharpness step (the lr of the update taken from that step)."""
        idx = np.minimum(self.sharpness_steps, self.steps - 1)
        return 2.0 / self.lr[idx]

    def sharpness_full(self) -> Array:
        """``(steps + 1,)``: the sharpness where measured, NaN elsewhere."""
        out = np.full(self.steps + 1, np.nan)
        out[self.sharpness_steps] = self.sharpness
        return out

    def converged_full(self) -> list[bool | None]:
        """``(steps + 1)`` entries: whether the sharpness measured there converged, None where
        it was not measured."""
        out: list[bool | None] = [None] * (self.steps + 1)
        for t, ok in zip(self.sharpness_steps.tolist(), self.sharpness_converged.tolist(),
                         strict=True):
            out[t] = bool(ok)
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-able: per-step ``loss``, ``grad_norm``, ``sharpness`` (null where not measured)
        and ``sharpness_converged`` (false: the value is only an estimate; null where not
        measured), ``lr``, and ``diverged_at`` (null for a run that did not diverge, as in
        ``descent-lab run``'s 2D report); non-finite numbers (``diverged_loss`` inf) become
        null."""
        return {
            "config": self.config.to_dict(),
            "n_params": self.model.n_params,
            "steps": self.steps,
            "diverged_at": int(self.diverged_at) if self.diverged else None,
            "diverged_loss": _json_list([self.diverged_loss])[0],
            "diagnosis": _diagnosis_dict(self.diagnosis()),
            "loss": _json_list(self.loss),
            "grad_norm": _json_list(self.grad_norm),
            "sharpness": _json_list(self.sharpness_full()),
            "sharpness_converged": self.converged_full(),
            "lr": _json_list(self.lr),
        }


def _json_list(a: Array) -> list[float | None]:
    return [float(x) if math.isfinite(x) else None for x in np.asarray(a, dtype=float)]


def build(config: NetConfig):
    """``(model, data, targets, initial weights, optimizer, schedule, noise)`` of a config."""
    model, data = config.model(), config.data()
    w0 = model.init(config.init_seed, config.init, config.init_scale)
    opt = optimizers.make(config.optimizer, **config.optimizer_params)
    sched = schedules.make(config.schedule, **config.schedule_params)
    noise = Noise(config.noise_sigma, config.noise_seed) if config.noise_sigma > 0 else None
    return model, data, data.targets(model.loss), w0, opt, sched, noise


def _batches(n: int, size: int, seed: int):
    """Endless mini-batch index arrays: a fresh permutation per epoch, the last batch smaller."""
    rng = np.random.default_rng([int(seed), 2])
    while True:
        order = rng.permutation(n)
        for k in range(0, n, size):
            yield order[k:k + size]


def _blew_up(loss: float, w: Array, g: Array) -> bool:
    return not (math.isfinite(loss) and loss <= BLOWUP and np.isfinite(w).all()
                and np.isfinite(g).all())


class _Log:
    """The arrays of a run, filled step by step."""

    def __init__(self, steps: int, trajectory_points: int):
        self.loss, self.grad_norm = np.empty(steps + 1), np.empty(steps + 1)
        self.every = max(1, math.ceil(steps / (trajectory_points - 1)))
        self.steps = steps
        self.sharpness: list[float] = []
        self.sharpness_steps: list[int] = []
        self.sharpness_converged: list[bool] = []
        self.weights: list[Array] = []
        self.weight_steps: list[int] = []

    def add(self, t: int, w: Array, loss: float, g: Array) -> None:
        self.loss[t], self.grad_norm[t] = loss, np.linalg.norm(g)
        if t % self.every == 0 or t == self.steps:
            self.weights.append(w)
            self.weight_steps.append(t)

    def freeze_after(self, t: int, w: Array) -> None:
        """The update after step ``t`` blew up: keep step ``t``'s values to the end."""
        self.loss[t + 1:], self.grad_norm[t + 1:] = self.loss[t], self.grad_norm[t]
        if self.weight_steps[-1] != t:
            self.weights.append(w)
            self.weight_steps.append(t)


def _update_grad(model: MLP, w: Array, X: Array, T: Array, g_full: Array, batches, noise,
                 t: int) -> Array:
    """The gradient update ``t`` uses: full batch or the next mini-batch, plus noise."""
    g = g_full
    if batches is not None:
        idx = next(batches)
        g = model.loss_and_grad(w, X[idx], T[idx])[1]
    if noise is not None:
        g = g + noise.sample(t, g.shape)
    return g


def train(config: NetConfig,
          on_step: Callable[[int, float, float, float], None] | None = None,
          check: Callable[[], None] | None = None) -> NetRun:
    """Train the config's network; never raises on divergence (see the module docstring).

    ``on_step(t, loss, grad_norm, lambda_max)``, if given, is called once step ``t`` is recorded
    (``lambda_max`` NaN where the sharpness is not measured): a GUI shows progress with it, and
    an exception it raises ends the run and propagates.

    ``check()``, if given, is a job's cancellation check (it raises once the user pressed Stop
    or a newer job replaced this one): it is called before every update and before every
    Hessian-vector product of a sharpness measurement, so at most one step's work
    (:meth:`NetConfig.step_work` sample-weight products) is done after a cancel.
    """
    model, data, T, w, opt, sched, noise = build(config)
    X, steps, k = data.X, config.steps, config.sharpness_every
    lrs = opt.lr * sched(np.arange(steps))
    full_batch = not 0 < config.batch_size < data.n_samples
    batches = None if full_batch else _batches(data.n_samples, config.batch_size,
                                               config.noise_seed)
    log, diverged_at, diverged_loss, v = _Log(steps, config.trajectory_points), -1, math.nan, None
    with np.errstate(all="ignore"):
        loss, g = model.loss_and_grad(w, X, T)
        state = opt.init(w)
        for t in range(steps + 1):
            log.add(t, w, float(loss), g)
            if k > 0 and t % k == 0:
                s = sharpness(model, w, X, T, v0=v, max_iter=SHARPNESS_MAX_ITER,
                              tol=SHARPNESS_TOL, check=check)
                v = s.vector
                log.sharpness.append(s.lambda_max)
                log.sharpness_steps.append(t)
                log.sharpness_converged.append(s.converged)
            if on_step is not None:
                measured = bool(log.sharpness_steps) and log.sharpness_steps[-1] == t
                on_step(t, float(log.loss[t]), float(log.grad_norm[t]),
                        float(log.sharpness[-1]) if measured else math.nan)
            if t == steps:
                break
            if check is not None:
                check()
            g_used = _update_grad(model, w, X, T, g, batches, noise, t)
            new_w, state = opt.update(g_used, state, w, lrs[t])
            new_loss, new_g = model.loss_and_grad(new_w, X, T)
            if _blew_up(float(new_loss), new_w, new_g):
                diverged_at, diverged_loss = t + 1, float(new_loss)
                log.freeze_after(t, w)
                break
            w, loss, g = new_w, new_loss, new_g
    return NetRun(config, model, data, T, log.loss, log.grad_norm, lrs,
                  np.array(log.sharpness, dtype=float),
                  np.array(log.sharpness_steps, dtype=np.int64), diverged_at,
                  np.array(log.weights), np.array(log.weight_steps, dtype=np.int64),
                  diverged_loss, np.array(log.sharpness_converged, dtype=bool))


def _diagnosis_dict(diagnosis) -> dict[str, Any] | None:
    if diagnosis is None:
        return None
    return {k: _json_list([v])[0] if isinstance(v, float) else v
            for k, v in diagnosis.to_dict().items()}


def run_dict(config: NetConfig | Mapping[str, Any]) -> dict[str, Any]:
    """Train a config (or its ``to_dict()`` table) and return the run as a JSON-able dict."""
    if not isinstance(config, NetConfig):
        config = NetConfig.from_dict(config)
    return train(config).to_dict()


def accuracy(run: NetRun, weights: Array | None = None) -> float:
    """Fraction of training samples classified right (classification data sets only)."""
    if run.data.is_regression:
        raise ValueError("accuracy needs a classification data set")
    w = run.final_weights if weights is None else weights
    p = run.model.predict(w, run.data.X)
    pred = (p[:, 0] > 0.5).astype(int) if p.shape[1] == 1 else p.argmax(axis=1)
    return float(np.mean(pred == run.data.y))
