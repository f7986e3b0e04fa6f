"""Every registered surface: exact derivatives, minima, broadcasting, validation, and lessons.

Tolerances come from theory: finite differences are trusted only as far as their own error
estimate (Richardson: the difference between steps h and 2h, plus rounding ~ eps |f| / h), and
the lesson checks use the stability limit ``lr * lambda_max < 2`` and bounds on the activations'
derivatives, not numbers copied from a run.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import surfaces
from surfaces.tiny_net import ACTIVATIONS, PAIRS, TEACHER, activation

EPS = np.finfo(float).eps

# -- the cases: every surface with its defaults, plus one changed parameter at a time -------


def _changed_values(p: surfaces.Param):
    """Valid non-default values of one parameter (each choice, or one nearby number)."""
    if p.kind is str:
        return [c for c in (p.choices or ()) if c != p.default]
    if p.kind is bool:
        return [not p.default]
    if p.kind is int:
        candidates = [p.default + 1, p.default - 1]
    elif p.kind is float:
        candidates = [p.default * 1.7, p.default * 0.6, p.default + 0.7, p.default - 0.7]
    else:
        return []
    for value in candidates:
        try:
            if p.coerce(value) != p.default:
                return [value]
        except ValueError:
            pass
    return []


# Combinations a one-at-a-time sweep would miss.
EXTRA_CASES = [
    ("tiny_net", {"activation": act, "weights": pair})
    for act in ACTIVATIONS for pair in PAIRS
] + [
    ("regression", {"standardize": True, "feature_scale": 3.0, "n_samples": 7, "seed": 4}),
    ("rosenbrock", {"a": -0.5, "b": 5.0}),
    ("ackley", {"a": 5.0, "b": 1.0, "c": 1.0}),
]


def _cases():
    cases = []
    for name in surfaces.names():
        cases.append((name, {}))
        for p in surfaces.family(name).PARAMS:
            cases += [(name, {p.name: v}) for v in _changed_values(p)]
    for case in EXTRA_CASES:
        if case not in cases:
            cases.append(case)
    return cases


CASES = _cases()
CASE_IDS = [f"{n}-{'-'.join(f'{k}={v}' for k, v in p.items()) or 'default'}" for n, p in CASES]


# -- known kinks: distance (in the plane of the two coordinates) to the nearest one ----------


def _tiny_net_kinks(s, pts):
    """Distance to the lines where a free hidden unit's pre-activation crosses 0 for a datum.

    Kinks of relu / leaky relu (gradient jumps) and elu (Hessian jumps); the other
    activations are smooth.
    """
    if s.params["activation"] not in ("relu", "leaky_relu", "elu"):
        return np.full(len(pts), np.inf)
    dist = np.full(len(pts), np.inf)
    for k in (1, 2):
        w, b = f"w{k}", f"b{k}"
        if w not in s.free and b not in s.free:
            continue  # this unit's pre-activation does not change over the plane
        weight = {n: (pts[:, s.free.index(n)] if n in s.free else TEACHER[n]) for n in (w, b)}
        for xi in s.inputs:
            z = weight[w] * xi + weight[b]
            dz = [xi if n == w else 1.0 if n == b else 0.0 for n in s.free]
            dist = np.minimum(dist, np.abs(z) / math.hypot(*dz))
    return dist


KINKS = {
    "crease": lambda s, pts: np.abs(pts[:, 1]),
    "ackley": lambda s, pts: np.hypot(pts[:, 0], pts[:, 1]),
    "tiny_net": _tiny_net_kinks,
}


def _window_points(s, n, seed=0, grow=1.0):
    (x0, x1), (y0, y1) = s.window
    cx, cy, hx, hy = (x0 + x1) / 2, (y0 + y1) / 2, grow * (x1 - x0) / 2, grow * (y1 - y0) / 2
    rng = np.random.default_rng(seed)
    return np.column_stack([rng.uniform(cx - hx, cx + hx, n), rng.uniform(cy - hy, cy + hy, n)])


def _central_differences(fun, pts, h):
    """Central differences of ``fun`` (points ``(N, 2)`` -> ``(N, ...)``) with steps ``h``.

    Returns the derivative estimate ``(N, ..., 2)`` for step ``h`` and its error bound:
    4 x the Richardson estimate ``|D(2h) - D(h)|`` (which is 3 x the truncation error of D(h))
    plus rounding: 100 eps * (largest |fun| nearby) / h.
    """
    estimates = []
    for step in (h, 2.0 * h):
        cols = []
        for j in range(2):
            e = np.zeros(2)
            e[j] = step
            cols.append((fun(pts + e) - fun(pts - e)) / (2.0 * step))
        estimates.append(np.stack(cols, axis=-1))
    d_h, d_2h = estimates
    nearby = [fun(pts)] + [fun(pts + d) for d in 50.0 * h * np.array([[1, 0], [0, 1], [-1, -1]])]
    size = np.max([np.abs(v).reshape(len(pts), -1).max(axis=1) for v in nearby], axis=0)
    size = size.reshape((-1,) + (1,) * (d_h.ndim - 1))
    return d_h, 4.0 * np.abs(d_2h - d_h) + 100.0 * EPS * size / h


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_gradient_and_hessian_match_finite_differences(name, params):
    s = surfaces.get(name, **params)
    (x0, x1), (y0, y1) = s.window
    h = 1e-5 * max(x1 - x0, y1 - y0)
    pts = _window_points(s, 60, seed=2024)
    pts = pts[KINKS.get(name, lambda s, p: np.full(len(p), np.inf))(s, pts) > 200.0 * h]
    assert len(pts) >= 20, "too many sample points near kinks"

    d, tol = _central_differences(s.value, pts, h)
    g = s.grad(pts)
    assert np.all(np.abs(g - d) <= tol), np.max(np.abs(g - d) / tol)

    d, tol = _central_differences(s.grad, pts, h)
    hess = s.hessian(pts)
    assert np.all(np.abs(hess - d) <= tol), np.max(np.abs(hess - d) / tol)
    assert np.array_equal(hess, np.swapaxes(hess, -1, -2))


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_listed_minima_are_stationary_and_lowest_in_the_window(name, params):
    s = surfaces.get(name, **params)
    (x0, x1), (y0, y1) = s.window
    assert x0 < x1 and y0 < y1
    for start in s.starts:
        assert x0 <= start[0] <= x1 and y0 <= start[1] <= y1
    if len(s.minima) == 0:
        return
    for m in s.minima:
        assert x0 <= m[0] <= x1 and y0 <= m[1] <= y1
        # A minimum known to ~eps relative precision leaves a gradient of ~ eps * |H| * |m|.
        size = 1.0 + np.abs(s.hessian(m)).max() * (1.0 + np.abs(m).max())
        assert np.linalg.norm(s.grad(m)) <= 1e-9 * size
        assert np.all(np.linalg.eigvalsh(s.hessian(m)) >= -1e-9 * size)
    xs, ys, grid = s.grid(201)
    lowest = s.value(s.minima).min()
    assert lowest <= grid.min() + 1e-12 * (1.0 + np.abs(grid).max())
    assert np.allclose(s.value(s.minima), lowest, rtol=1e-12, atol=1e-12)


# Published global minima (location, value) for the default parameters: literal numbers.
LITERATURE = {
    "rosenbrock": [((1.0, 1.0), 0.0)],
    "beale": [((3.0, 0.5), 0.0)],
    "himmelblau": [((3.0, 2.0), 0.0), ((-2.805118, 3.131312), 0.0),
                   ((-3.779310, -3.283186), 0.0), ((3.584428, -1.848126), 0.0)],
    "booth": [((1.0, 3.0), 0.0)],
    "matyas": [((0.0, 0.0), 0.0)],
    "three_hump_camel": [((0.0, 0.0), 0.0)],
    "six_hump_camel": [((0.0898, -0.7126), -1.0316), ((-0.0898, 0.7126), -1.0316)],
    "mccormick": [((-0.54719, -1.54719), -1.9133)],
    "rastrigin": [((0.0, 0.0), 0.0)],
    "ackley": [((0.0, 0.0), 0.0)],
    "goldstein_price": [((0.0, -1.0), 3.0)],
    "styblinski_tang": [((-2.903534, -2.903534), -78.33233)],
    "crease": [((0.0, 0.0), 0.0)],
    "smooth_crease": [((0.0, 0.0), 0.1)],  # slope * width = 10 * 0.01
    "tiny_net": [((1.5, -0.5), 0.0)],  # the teacher's w1, b1
    "quadratic": [((0.0, 0.0), 0.0)],
}


def _published_digits(number: float) -> float:
    """One unit in the last printed decimal of a literal (galleries truncate or round; 0 for
    whole numbers)."""
    text = repr(number)
    return 0.0 if float(number).is_integer() else 10.0 ** -len(text.split(".")[1])


@pytest.mark.parametrize("name", sorted(LITERATURE))
def test_minima_match_the_literature(name):
    s = surfaces.get(name)
    published = LITERATURE[name]
    assert len(s.minima) == len(published)
    for (x, y), value in published:
        pos_tol = max(_published_digits(x), _published_digits(y))
        dist = np.abs(s.minima - [x, y]).max(axis=1)
        assert dist.min() <= pos_tol + 1e-15
        m = s.minima[dist.argmin()]
        assert s.value(m) == pytest.approx(value, abs=_published_digits(value) + 1e-12)
        if pos_tol == 0.0:  # an exact published point: the value there is exact too
            assert s.value([x, y]) == pytest.approx(value, abs=1e-12)


# Independent transcriptions of the published formulas (default parameters).
FORMULAS = {
    "rosenbrock": lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2,
    "beale": lambda x, y: (1.5 - x + x * y) ** 2 + (2.25 - x + x * y**2) ** 2
    + (2.625 - x + x * y**3) ** 2,
    "himmelblau": lambda x, y: (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2,
    "booth": lambda x, y: (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2,
    "matyas": lambda x, y: 0.26 * (x**2 + y**2) - 0.48 * x * y,
    "three_hump_camel": lambda x, y: 2 * x**2 - 1.05 * x**4 + x**6 / 6 + x * y + y**2,
    "six_hump_camel": lambda x, y: (4 - 2.1 * x**2 + x**4 / 3) * x**2 + x * y
    + (-4 + 4 * y**2) * y**2,
    "mccormick": lambda x, y: np.sin(x + y) + (x - y) ** 2 - 1.5 * x + 2.5 * y + 1,
    "rastrigin": lambda x, y: 20 + x**2 - 10 * np.cos(2 * np.pi * x) + y**2
    - 10 * np.cos(2 * np.pi * y),
    "ackley": lambda x, y: -20 * np.exp(-0.2 * np.sqrt(0.5 * (x**2 + y**2)))
    - np.exp(0.5 * (np.cos(2 * np.pi * x) + np.cos(2 * np.pi * y))) + np.e + 20,
    "goldstein_price": lambda x, y: (
        1 + (x + y + 1) ** 2 * (19 - 14 * x + 3 * x**2 - 14 * y + 6 * x * y + 3 * y**2)
    ) * (30 + (2 * x - 3 * y) ** 2 * (18 - 32 * x + 12 * x**2 + 48 * y - 36 * x * y + 27 * y**2)),
    "styblinski_tang": lambda x, y: 0.5 * (x**4 - 16 * x**2 + 5 * x + y**4 - 16 * y**2 + 5 * y),
    "crease": lambda x, y: 0.005 * x**2 + 10 * np.abs(y),
    "smooth_crease": lambda x, y: 0.005 * x**2 + 10 * np.sqrt(0.01**2 + y**2),  # lesson P4
}


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_values_match_the_published_formula(name):
    s = surfaces.get(name)
    pts = _window_points(s, 200, seed=1)
    expected = FORMULAS[name](pts[:, 0], pts[:, 1])
    # Both sides round differently; the terms are at most ~ the largest |f| in the window.
    scale = np.abs(s.grid(64)[2]).max()
    assert np.allclose(s.value(pts), expected, rtol=1e-13, atol=1e-13 * scale)


def test_goldstein_price_misprint_is_not_used():
    """f(0, -1) = 3 only with the ``+48y`` term; the ``-48y`` misprint gives 867."""
    assert surfaces.get("goldstein_price").value([0.0, -1.0]) == 3.0


def test_quadratic_hessian_eigenvalues_are_the_parameters():
    rng = np.random.default_rng(7)
    for _ in range(20):
        lam = np.exp(rng.uniform(-3, 5, 2))
        s = surfaces.get("quadratic", lambda1=lam[0], lambda2=lam[1],
                         angle=rng.uniform(-180, 180), x0=rng.uniform(-5, 5), y0=rng.uniform(-5, 5))
        for p in _window_points(s, 3, seed=int(rng.integers(1000))):
            eig = np.linalg.eigvalsh(s.hessian(p))
            assert np.allclose(eig, np.sort(lam), rtol=1e-12, atol=1e-12 * lam.max())


@pytest.mark.parametrize("name", surfaces.names())
def test_broadcasting_shapes_and_pointwise_agreement(name):
    s = surfaces.get(name)
    pts = _window_points(s, 12, seed=3)
    for batch in (pts[0], pts, pts.reshape(3, 4, 2)):
        lead = batch.shape[:-1]
        assert s.value(batch).shape == lead
        assert s.grad(batch).shape == lead + (2,)
        assert s.hessian(batch).shape == lead + (2, 2)
    one_by_one = np.array([[s.value(p), *s.grad(p), *s.hessian(p).ravel()] for p in pts])
    for batch in (pts, pts.reshape(3, 4, 2)):
        lead = batch.shape[:-1]
        together = np.concatenate(
            [s.value(batch)[..., None], s.grad(batch), s.hessian(batch).reshape(*lead, 4)],
            axis=-1,
        ).reshape(-1, 7)
        assert np.allclose(together, one_by_one, rtol=1e-13, atol=1e-300)
    # grid() evaluates with broadcast row/column arrays: the same numbers.
    xs, ys, z = s.grid(9)
    mesh = np.stack(np.meshgrid(xs, ys), axis=-1)
    assert np.allclose(z, s.value(mesh), rtol=1e-13, atol=1e-300)


@pytest.mark.parametrize(("name", "params"), CASES, ids=CASE_IDS)
def test_finite_and_free_of_floating_point_errors(name, params):
    """No overflow, division by zero or invalid operation in or near the window (3x its size)."""
    s = surfaces.get(name, **params)
    pts = np.concatenate([_window_points(s, 500, seed=5, grow=3.0), s.minima, s.starts])
    pts = np.concatenate([pts, np.zeros((1, 2))])  # the origin: Ackley's cone tip
    x, y = pts[:, 0], pts[:, 1]
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        results = [s._value(x, y), *s._grad(x, y), *s._hessian(x, y)]
    assert all(np.all(np.isfinite(r)) for r in results)


def test_ackley_gradient_at_the_tip_is_zero():
    s = surfaces.get("ackley")
    assert np.array_equal(s.grad([0.0, 0.0]), [0.0, 0.0])
    assert np.all(np.isfinite(s.hessian([0.0, 0.0])))
    # Next to the tip the cone's gradient has magnitude ~ a b / sqrt(2): it is a kink.
    assert np.linalg.norm(s.grad([1e-9, 0.0])) == pytest.approx(20 * 0.2 / math.sqrt(2), rel=1e-6)


# -- validation ------------------------------------------------------------------------------


def test_unknown_surface_names_the_valid_ones():
    with pytest.raises(ValueError) as err:
        surfaces.get("rosenbrok")
    assert all(name in str(err.value) for name in surfaces.names())
    assert "rosenbrock" in str(err.value)


def _bad_values(p: surfaces.Param):
    """Invalid values of one parameter."""
    if p.kind is str:
        return [3, "no-such-choice"] if p.choices else [3]
    if p.kind is bool:
        return ["maybe", 2]
    bad = ["abc", None, float("nan")]
    if p.kind is int:
        bad.append(1.5)
    if p.low is not None:
        bad.append(p.low if p.open_low else p.low - 1)
    if p.high is not None:
        bad.append(p.high if p.open_high else p.high * 2 + 1)
    return bad


@pytest.mark.parametrize("name", surfaces.names())
def test_bad_parameters_raise_value_error_naming_the_valid_range(name):
    cls = surfaces.family(name)
    with pytest.raises(ValueError) as err:
        surfaces.get(name, no_such_parameter=1)
    assert all(p.name in str(err.value) for p in cls.PARAMS)
    for p in cls.PARAMS:
        for value in _bad_values(p):
            with pytest.raises(ValueError) as err:
                surfaces.get(name, **{p.name: value})
            message = str(err.value)
            assert p.name in message and p.range_text() in message
            for choice in p.choices or ():
                assert choice in message


# -- lesson P1 (seed 000): unscaled regression diverges at lr 1e-3, converges at 1e-4 --------


def _gradient_descent(s, lr, steps):
    """Plain gradient descent ``p <- p - lr * grad`` from the first start.

    Returns the losses, up to and including the first non-finite one."""
    p = s.starts[0].copy()
    losses = []
    for _ in range(steps):
        loss = float(s.value(p))
        losses.append(loss)
        if not math.isfinite(loss):
            break
        with np.errstate(over="ignore", invalid="ignore"):  # the diverging run overflows p
            p = p - lr * s.grad(p)
    return np.array(losses)


def test_unscaled_regression_blows_up_at_lr_1e3_and_converges_at_1e4():
    s = surfaces.get("regression")
    assert np.array_equal(s.starts[0], [0.0, 0.0])  # the usual all-zero initialization
    assert s.blowup == np.inf
    lam_max = np.linalg.eigvalsh(s.hessian(s.starts[0])).max()
    assert 2e3 < lam_max < 2e4  # so 1e-3 * lam_max > 2 > 1e-4 * lam_max

    big = _gradient_descent(s, 1e-3, 1000)
    loss0 = big[0]
    assert 1e3 <= loss0 < 1e4  # "thousands"
    # The error along the steepest axis grows by rho = |1 - lr lam_max| per step, the loss by
    # rho^2: it passes 1e12 after about log(1e12 / L0) / (2 log rho) steps and overflows
    # (~1.8e308) after about log(1.8e308 / L0) / (2 log rho).
    rate = 2.0 * math.log(abs(1.0 - 1e-3 * lam_max))
    finite = big[np.isfinite(big)]
    assert not np.isfinite(big[-1]), "lr 1e-3 should overflow"
    assert finite.max() > 1e12
    assert np.argmax(big > 1e12) <= math.log(1e12 / loss0) / rate + 3
    assert len(big) - 1 <= math.log(np.finfo(float).max / loss0) / rate + 10
    assert len(big) - 1 < 500  # within a few hundred steps
    assert np.all(np.diff(finite[5:]) > 0)  # climbing

    steps = 2000
    small = _gradient_descent(s, 1e-4, steps)
    assert np.all(np.isfinite(small))
    # lr * lambda < 2 for both eigenvalues: every mode contracts, so the loss falls every step.
    assert np.all(np.diff(small) <= 0)
    # Excess loss = sum over the Hessian's modes of lambda_j c_j^2 / 2, each shrinking by
    # (1 - lr lambda_j)^2 per step: the steep mode is gone, the flat one has barely moved.
    lam_min = np.linalg.eigvalsh(s.hessian(s.starts[0])).min()
    gap = np.sum((s.starts[0] - s.minima[0]) ** 2)
    bound = (0.5 * lam_min * gap * (1 - 1e-4 * lam_min) ** (2 * (steps - 1))
             + (loss0 - s.min_value) * (1 - 1e-4 * lam_max) ** (2 * (steps - 1)))
    assert small[-1] - s.min_value <= bound * (1 + 1e-9)
    assert small[-1] < 0.1 * loss0


def test_standardized_regression_converges_at_both_learning_rates():
    s = surfaces.get("regression", standardize=True)
    hess = s.hessian(s.starts[0])
    assert np.allclose(hess, 2.0 * np.eye(2), rtol=1e-12, atol=1e-12)  # mean 0, variance 1
    for lr in (1e-3, 1e-4):
        losses = _gradient_descent(s, lr, 2000)
        assert np.all(np.isfinite(losses))
        assert np.all(np.diff(losses) < 0)
        # Excess loss shrinks by exactly (1 - 2 lr)^2 per step on this round bowl.
        excess = losses - s.value(s.minima[0])
        expected = excess[0] * (1.0 - 2.0 * lr) ** (2 * np.arange(len(losses)))
        assert np.allclose(excess, expected, rtol=1e-9)


def test_regression_loss_is_the_mean_squared_error_of_its_data():
    for params in ({}, {"standardize": True}, {"n_samples": 5, "seed": 9}):
        s = surfaces.get("regression", **params)
        pts = _window_points(s, 20, seed=2)
        direct = np.mean(
            (pts[:, :1] * s.features + pts[:, 1:] - s.targets) ** 2, axis=1
        )
        assert np.allclose(s.value(pts), direct, rtol=1e-11)
        w, b = np.polyfit(s.features, s.targets, 1)
        assert np.allclose(s.minima[0], [w, b], rtol=1e-9, atol=1e-9)


# -- lessons P8 and P9: the tiny network ----------------------------------------------------


def _pre_activations(s, pts):
    """``w1 x_i + b1`` for the default free pair (w1, b1), shape ``(N, N_DATA)``."""
    assert s.free == ("w1", "b1")
    return pts[:, :1] * s.inputs + pts[:, 1:]


def _window_grid(s, n=201):
    xs, ys, _ = s.grid(n)
    return np.stack(np.meshgrid(xs, ys), axis=-1).reshape(-1, 2)


def test_relu_dead_unit_region_has_exactly_zero_gradient():
    s = surfaces.get("tiny_net")  # relu, free weights w1 and b1
    assert s.params["activation"] == "relu"
    pts = _window_grid(s)
    dead = np.all(_pre_activations(s, pts) <= 0.0, axis=1)  # relu'(z) = 0 for every datum
    assert dead.mean() > 0.05  # a visible part of the view
    assert np.all(s.grad(pts[dead]) == 0.0)
    assert np.all(np.linalg.norm(s.grad(pts[~dead]), axis=1) > 0.0)
    # The dead unit's output is 0, so the loss there is what the teacher's unit 1 would add.
    teacher_unit = TEACHER["v1"] * np.maximum(TEACHER["w1"] * s.inputs + TEACHER["b1"], 0.0)
    assert np.allclose(s.value(pts[dead]), np.mean(teacher_unit**2), rtol=1e-13)
    assert np.mean(teacher_unit**2) > 1.0  # far above the minimum, 0
    # The first suggested start is dead: gradient descent never moves it.
    p = s.starts[0].copy()
    assert np.all(_pre_activations(s, p[None]) < 0.0)
    for _ in range(100):
        p = p - 0.1 * s.grad(p)
    assert np.array_equal(p, s.starts[0])


def test_only_relu_has_exactly_zero_gradients():
    """Saturating units have tiny gradients, not zero ones (computed without cancellation)."""
    for act in ACTIVATIONS:
        s = surfaces.get("tiny_net", activation=act)
        pts = _window_grid(s)
        pts = pts[np.abs(pts - s.minima[0]).max(axis=1) > 0]
        zero = np.all(s.grad(pts) == 0.0, axis=1)
        assert zero.any() == (act == "relu"), act


@pytest.mark.parametrize(("act", "deriv_bound"), [
    ("sigmoid", lambda z: np.exp(-np.abs(z))),          # sigmoid'(z) <= e^-|z|
    ("tanh", lambda z: 4.0 * np.exp(-2.0 * np.abs(z))),  # tanh'(z) <= 4 e^-2|z|
])
def test_saturating_activations_have_high_flat_plateaus(act, deriv_bound):
    s = surfaces.get("tiny_net", activation=act)
    pts = _window_grid(s)
    z_sat = 6.0
    plateau = np.all(_pre_activations(s, pts) <= -z_sat, axis=1)
    assert plateau.mean() > 0.005
    loss = s.value(pts[plateau])
    grad = np.linalg.norm(s.grad(pts[plateau]), axis=1)
    # Cauchy-Schwarz on grad = 2 mean(r * v1 act'(z) * (x, 1)):
    # |grad| <= 2 |v1| sqrt(loss) max act'(z) sqrt(1 + mean x^2).
    bound = (2.0 * abs(TEACHER["v1"]) * np.sqrt(loss) * deriv_bound(z_sat)
             * math.sqrt(1.0 + np.mean(s.inputs**2)))
    assert np.all(grad <= bound)
    assert bound.max() < 0.02
    # ... while the loss stays high: the unit's output is within act(-z_sat) of its floor.
    floor = 0.0 if act == "sigmoid" else -1.0
    teacher = activation(act, TEACHER["w1"] * s.inputs + TEACHER["b1"]) - floor
    low = abs(TEACHER["v1"]) * (np.sqrt(np.mean(teacher**2)) - (activation(act, -z_sat) - floor))
    assert np.all(loss >= low**2)
    assert low**2 > 0.4 * s.value(pts).max()
    # Far away from the plateau the same surface is steep: the plateau is a stall, not a floor.
    assert np.median(np.linalg.norm(s.grad(pts), axis=1)) > 5 * bound.max()
    # The first suggested start lies on the plateau.
    assert np.all(_pre_activations(s, s.starts[:1]) <= -5.0)


def test_elu_is_smooth_where_relu_has_a_crease():
    """Across a line where a datum's pre-activation crosses 0 the relu loss's gradient jumps
    by (2/N) v1^2 t_j sqrt(1 + x_j^2) (t_j = the teacher unit's output there); elu's does not."""
    relu, elu = surfaces.get("tiny_net"), surfaces.get("tiny_net", activation="elu")
    x = relu.inputs
    t = np.maximum(TEACHER["w1"] * x + TEACHER["b1"], 0.0)
    j = int(np.argmax(t))  # a datum the teacher's unit is active on
    normal = np.array([x[j], 1.0]) / math.hypot(x[j], 1.0)
    on_line = np.array([-1.0, x[j]])  # w1 x_j + b1 = 0
    assert _tiny_net_kinks(relu, on_line[None]) == pytest.approx(0.0, abs=1e-15)
    others = np.delete(x, j) * on_line[0] + on_line[1]
    assert np.abs(others).min() > 0.05  # no other crease nearby
    delta = 1e-7
    side = on_line + delta * normal, on_line - delta * normal
    jump_relu = np.linalg.norm(relu.grad(side[0]) - relu.grad(side[1]))
    expected = 2.0 / len(x) * TEACHER["v1"] ** 2 * t[j] * math.hypot(x[j], 1.0)
    curvature = max(np.abs(relu.hessian(p)).max() for p in side)
    assert jump_relu == pytest.approx(expected, abs=2 * delta * 2 * curvature + 1e-9)
    # elu: continuous gradient, changes by at most 2 delta * |Hessian| across the line.
    jump_elu = np.linalg.norm(elu.grad(side[0]) - elu.grad(side[1]))
    curvature = max(np.abs(elu.hessian(p)).sum(axis=1).max() for p in (*side, on_line))
    assert jump_elu <= 2.0 * delta * 2.0 * curvature
    assert jump_elu < 1e-4 * jump_relu


def test_tiny_net_minimum_is_the_teacher_for_every_pair_and_activation():
    for act in ACTIVATIONS:
        for pair, (free, *_rest) in PAIRS.items():
            s = surfaces.get("tiny_net", activation=act, weights=pair)
            teacher = [TEACHER[free[0]], TEACHER[free[1]]]
            assert np.array_equal(s.minima[0], teacher)
            assert s.value(teacher) == pytest.approx(0.0, abs=1e-28)


# -- lessons P4 and P8: the crease and its smooth twin --------------------------------------


def test_crease_and_smooth_crease_agree_away_from_the_floor():
    crease, smooth = surfaces.get("crease"), surfaces.get("smooth_crease")
    slope, width = smooth.params["slope"], smooth.params["width"]
    pts = _window_points(crease, 500, seed=11)
    diff = smooth.value(pts) - crease.value(pts)
    # sqrt(w^2 + y^2) - |y| = w^2 / (sqrt(w^2 + y^2) + |y|), in (0, w] and <= w^2 / (2|y|).
    y = np.abs(pts[:, 1])
    assert np.all(diff > 0) and np.all(diff <= slope * width * (1 + 1e-12))
    assert np.all(diff <= slope * width**2 / (2 * y) * (1 + 1e-9) + 1e-12)
    away = y > 0.1
    gap = np.abs(smooth.grad(pts[away]) - crease.grad(pts[away]))
    assert np.all(gap[:, 0] == 0.0)
    assert np.all(gap[:, 1] <= slope * width**2 / (2 * y[away] ** 2) * (1 + 1e-9))
    # On the crease itself: d|y|/dy := 0, and the kink's curvature is taken as 0.
    assert np.array_equal(crease.grad([3.0, 0.0]), [2 * 0.005 * 3.0, 0.0])
    assert np.array_equal(crease.hessian([3.0, 0.0]), [[0.01, 0.0], [0.0, 0.0]])


def test_smooth_crease_reproduces_the_stalled_valley_of_lesson_p4():
    s = surfaces.get("smooth_crease")  # 0.005 x^2 + 10 sqrt(0.01^2 + y^2)
    assert np.array_equal(s.starts[0], [-8.0, 1.0])
    slope, width, lr = 10.0, 0.01, 1e-2
    # A 2-cycle y -> -y needs 2 y = lr slope y / sqrt(w^2 + y^2): y0 = sqrt((lr slope / 2)^2 - w^2)
    y0 = math.sqrt((lr * slope / 2) ** 2 - width**2)
    g0 = slope * y0 / math.hypot(width, y0)
    p = s.starts[0].copy()
    losses = []
    for _ in range(2500):
        losses.append(float(s.value(p)))
        p = p - lr * s.grad(p)
    assert abs(p[1]) == pytest.approx(y0, rel=1e-3)  # y = +-0.049
    assert np.linalg.norm(s.grad(p)) == pytest.approx(g0, rel=1e-3)  # |g| = 9.8
    assert losses[-1] < losses[100] < 1.0 and losses[100] - losses[-1] < 0.2  # creeping
    # A tiny lr stops the bouncing, and x crawls.
    p = s.starts[0].copy()
    for _ in range(3000):
        p = p - 1e-4 * s.grad(p)
    assert abs(p[1]) < 1e-6
    assert p[0] == pytest.approx(-8.0 * (1 - 2 * 0.005 * 1e-4) ** 3000, rel=1e-12)  # -7.976
    assert np.linalg.norm(s.grad(p)) == pytest.approx(2 * 0.005 * abs(p[0]), rel=1e-6)
