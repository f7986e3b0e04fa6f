"""Network lab core: exact derivatives, the seed-000 blow-up, sharpness, the landscape."""

import json

import numpy as np
import pytest

from app import optimizers, schedules
from app.netlab import (
    ACTIVATIONS,
    BLOWUP,
    CONFIG_PARAMS,
    MLP,
    NetConfig,
    accuracy,
    hvp_finite_difference,
    landscape,
    make_dataset,
    pca_directions,
    run_dict,
    sharpness,
    train,
)

LOSS_OUTPUTS = {"mse": 2, "sigmoid_ce": 1, "softmax_ce": 3}


def _problem(activation, loss, seed=0, n=9):
    """A small net with random weights whose pre-activations all stay 1e-4 away from 0."""
    rng = np.random.default_rng(seed)
    n_out = LOSS_OUTPUTS[loss]
    model = MLP((2, 5, 4, n_out), activation, loss)
    X = rng.normal(size=(n, 2))
    if loss == "mse":
        T = rng.normal(size=(n, n_out))
    elif loss == "sigmoid_ce":
        T = rng.integers(0, 2, size=(n, 1)).astype(float)
    else:
        T = np.eye(n_out)[rng.integers(0, n_out, size=n)]
    while True:
        w = rng.normal(size=model.n_params)
        _, cache = model.forward(w, X)
        if min(np.abs(z).min() for z in cache.pre[:-1]) > 1e-4:
            return model, w, X, T


def _fd_grad(model, w, X, T, h=1e-6):
    E = np.eye(w.size)
    return np.array([(model.loss_value(w + h * e, X, T) - model.loss_value(w - h * e, X, T))
                     / (2 * h) for e in E])


def _rel(a, b):
    return np.linalg.norm(a - b) / max(np.linalg.norm(b), 1e-300)


# ---------------------------------------------------------------------------------------------
# Exact derivatives
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("loss", sorted(LOSS_OUTPUTS))
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_backprop_matches_central_differences(activation, loss):
    model, w, X, T = _problem(activation, loss)
    _, g = model.loss_and_grad(w, X, T)
    assert _rel(g, _fd_grad(model, w, X, T)) < 1e-6


@pytest.mark.parametrize("loss", sorted(LOSS_OUTPUTS))
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_hvp_matches_differences_of_gradients(activation, loss):
    model, w, X, T = _problem(activation, loss, seed=1)
    v = np.random.default_rng(2).normal(size=model.n_params)
    exact = model.hvp(w, X, T, v)
    h = 1e-5
    fd = (model.loss_and_grad(w + h * v, X, T)[1] - model.loss_and_grad(w - h * v, X, T)[1]) / (
        2 * h)
    assert _rel(exact, fd) < 1e-6
    assert _rel(hvp_finite_difference(model, w, X, T, v), exact) < 1e-6


def test_batched_weights_match_one_at_a_time():
    model, w, X, T = _problem("tanh", "softmax_ce")
    rng = np.random.default_rng(3)
    W = w + 0.1 * rng.normal(size=(3, 4, model.n_params))
    v = rng.normal(size=model.n_params)
    loss, grad = model.loss_and_grad(W, X, T)
    hv = model.hvp(W, X, T, v)
    assert loss.shape == (3, 4) and grad.shape == W.shape and hv.shape == W.shape
    for i, j in [(0, 0), (2, 3)]:
        l1, g1 = model.loss_and_grad(W[i, j], X, T)
        assert loss[i, j] == pytest.approx(l1, rel=1e-12)
        np.testing.assert_allclose(grad[i, j], g1, rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(hv[i, j], model.hvp(W[i, j], X, T, v), rtol=1e-10,
                                   atol=1e-14)


# ---------------------------------------------------------------------------------------------
# Sharpness
# ---------------------------------------------------------------------------------------------
def test_sharpness_of_linear_least_squares_is_its_known_lambda_max():
    data = make_dataset("regression", 60, seed=4)
    model = MLP((2, 1), loss="mse")  # y = x W + b: the Hessian is (2/n) [X 1]^T [X 1]
    Xa = np.c_[data.X, np.ones(60)]
    known = np.linalg.eigvalsh(2.0 / 60 * Xa.T @ Xa)[-1]
    w = np.random.default_rng(0).normal(size=model.n_params)
    for method in ("exact", "finite_difference"):
        s = sharpness(model, w, data.X, data.targets("mse"), method=method)
        assert s.converged
        assert s.lambda_max == pytest.approx(known, rel=1e-6)
    run = train(NetConfig(dataset="regression", n_samples=60, seed=4, hidden=(),
                          optimizer_params={"lr": 1e-4}, steps=20, sharpness_every=10))
    np.testing.assert_allclose(run.sharpness, known, rtol=1e-6)
    assert run.sharpness_steps.tolist() == [0, 10, 20]


def test_sharpness_is_the_largest_algebraic_eigenvalue_when_a_negative_one_dominates():
    data = make_dataset("regression", 50, seed=0)
    model, T = MLP((2, 6, 1), "tanh", "mse"), data.targets("mse")
    w = model.init(0)
    P = model.n_params
    H = model.hvp(np.broadcast_to(w, (P, P)), data.X, T, np.eye(P))
    eig = np.linalg.eigvalsh((H + H.T) / 2)
    assert -eig[0] > eig[-1] > 0  # power iteration alone would find the negative one
    assert sharpness(model, w, data.X, T).lambda_max == pytest.approx(eig[-1], rel=1e-6)


# ---------------------------------------------------------------------------------------------
# Seed 000: lr 1e-3 blows up on unscaled inputs, lr 1e-4 converges; scaling fixes both
# ---------------------------------------------------------------------------------------------
def _regression(lr, standardize=False, steps=300):
    return train(NetConfig(dataset="regression", standardize=standardize, optimizer="gd",
                           optimizer_params={"lr": lr}, steps=steps, sharpness_every=steps))


def test_seed000_blowup_on_unscaled_inputs():
    big, small = _regression(1e-3), _regression(1e-4)
    assert 1e3 <= big.loss[0] < 1e4  # "from thousands"
    assert 0 < big.diverged_at <= 10
    assert big.diverged_loss > BLOWUP or not np.isfinite(big.diverged_loss)
    assert big.loss.max() > 100 * big.loss[0]  # the loss climbed before the blow-up
    assert np.isfinite(big.loss).all() and np.isfinite(big.grad_norm).all()
    frozen = big.loss[big.diverged_at - 1:]
    assert (frozen == frozen[0]).all()
    assert big.weight_steps[-1] == big.diverged_at - 1
    # the stability theory: lr * lambda_max > 2 for 1e-3, < 2 for 1e-4 (same start)
    lambda_max = big.sharpness[0]
    assert lambda_max == small.sharpness[0]
    assert 1e-3 * lambda_max > 2 > 1e-4 * lambda_max
    assert small.diverged_at == -1
    assert small.loss[-1] < small.loss[0] / 10


@pytest.mark.parametrize("lr", [1e-3, 1e-4])
def test_standardized_inputs_converge_with_both_learning_rates(lr):
    run = _regression(lr, standardize=True)
    assert run.diverged_at == -1
    assert run.loss[-1] < run.loss[0] / 10
    assert lr * run.sharpness[0] < 2


# ---------------------------------------------------------------------------------------------
# Training runs
# ---------------------------------------------------------------------------------------------
def test_run_arrays_and_learning_rates():
    cfg = NetConfig(steps=40, sharpness_every=15, schedule="exponential",
                    schedule_params={"gamma": 0.9}, optimizer_params={"lr": 0.2},
                    trajectory_points=5)
    run = train(cfg)
    assert run.loss.shape == run.grad_norm.shape == (41,)
    expected_lr = optimizers.make("gd", lr=0.2).lr * schedules.make("exponential", gamma=0.9)(
        np.arange(40))
    np.testing.assert_allclose(run.lr, expected_lr)
    assert run.sharpness_steps.tolist() == [0, 15, 30]
    assert run.weight_steps.tolist() == [0, 10, 20, 30, 40]
    assert run.weights.shape == (5, run.model.n_params)
    assert run.diverged_at == -1 and run.loss[-1] < run.loss[0]
    np.testing.assert_allclose(run.stability_limit, 2.0 / run.lr[[0, 15, 30]])
    assert 0.5 < accuracy(run) <= 1.0


def test_minibatch_with_noise_is_reproducible():
    cfg = NetConfig(dataset="spirals", batch_size=32, noise_sigma=0.01, noise_seed=5, steps=30,
                    sharpness_every=0, optimizer="adam", optimizer_params={})
    a, b = train(cfg), train(cfg)
    np.testing.assert_array_equal(a.loss, b.loss)
    np.testing.assert_array_equal(a.weights, b.weights)
    other = train(NetConfig.from_dict({**cfg.to_dict(), "noise_seed": 6}))
    full = train(NetConfig.from_dict({**cfg.to_dict(), "batch_size": 0, "noise_sigma": 0.0}))
    assert not np.array_equal(a.loss, other.loss)
    assert not np.array_equal(a.loss, full.loss)
    assert a.sharpness.size == 0


def test_run_dict_is_json():
    d = run_dict({"dataset": "circles", "steps": 12, "sharpness_every": 5})
    text = json.dumps(d, allow_nan=False)
    assert json.loads(text)["diverged_at"] is None  # as in the 2D report
    assert len(d["loss"]) == len(d["grad_norm"]) == len(d["sharpness"]) == 13
    assert len(d["lr"]) == 12
    assert [i for i, s in enumerate(d["sharpness"]) if s is not None] == [0, 5, 10]
    blown = run_dict(NetConfig(dataset="regression", optimizer_params={"lr": 1e-3}, steps=20))
    assert blown["diverged_at"] > 0
    json.dumps(blown, allow_nan=False)


# ---------------------------------------------------------------------------------------------
# Landscape
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def moons_run():
    return train(NetConfig(activation="elu", steps=60, sharpness_every=0, trajectory_points=13))


@pytest.mark.parametrize("directions", ["random", "pca"])
def test_landscape_origin_is_the_training_loss_and_grad_is_exact(moons_run, directions):
    surf = landscape(moons_run, directions)
    assert surf.value([0.0, 0.0]) == pytest.approx(moons_run.loss[-1], rel=1e-12)
    p, h = np.array([0.3, -0.2]), 1e-5
    E = np.eye(2)
    fd_grad = np.array([(surf.value(p + h * e) - surf.value(p - h * e)) / (2 * h) for e in E])
    assert _rel(surf.grad(p), fd_grad) < 1e-6
    fd_hess = np.array([(surf.grad(p + h * e) - surf.grad(p - h * e)) / (2 * h) for e in E])
    assert _rel(surf.hessian(p), fd_hess) < 1e-6
    assert surf.trajectory.shape == (13, 2)
    np.testing.assert_allclose(surf.trajectory[-1], 0.0, atol=1e-12)


def test_landscape_shapes_and_an_earlier_origin(moons_run):
    surf = landscape(moons_run, "random", step=0, seed=3)
    assert surf.value([0.0, 0.0]) == pytest.approx(moons_run.loss[0], rel=1e-12)
    pts = np.random.default_rng(0).uniform(-1, 1, size=(4, 5, 2))
    assert surf.value(pts).shape == (4, 5)
    assert surf.grad(pts).shape == (4, 5, 2)
    assert surf.hessian(pts[0]).shape == (5, 2, 2)
    xs, ys, z = surf.grid(9)
    assert z.shape == (9, 9)
    assert z[4, 7] == pytest.approx(surf.value([xs[7], ys[4]]), rel=1e-12)
    with pytest.raises(ValueError, match="not recorded"):
        landscape(moons_run, step=7)
    with pytest.raises(ValueError, match="Valid directions"):
        landscape(moons_run, "hessian")


def test_pca_directions_of_a_straight_path_still_span_a_plane():
    start, step = np.arange(6.0), np.array([1.0, -2.0, 0.0, 0.5, 0.0, 1.0])
    path = start + np.linspace(0, 3, 10)[:, None] * step
    d1, d2, ratios = pca_directions(path)
    np.testing.assert_allclose(np.stack([d1, d2]) @ np.stack([d1, d2]).T, np.eye(2), atol=1e-12)
    assert abs(d1 @ step) == pytest.approx(np.linalg.norm(step))
    assert ratios[0] == pytest.approx(1.0) and ratios[1] == pytest.approx(0.0, abs=1e-12)


# ---------------------------------------------------------------------------------------------
# Data sets and configs
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name,classes", [("two_moons", 2), ("spirals", 3), ("circles", 2),
                                          ("regression", 0)])
def test_datasets_are_deterministic_with_documented_shapes(name, classes):
    a, b = make_dataset(name, 101, 0.1, seed=7), make_dataset(name, 101, 0.1, seed=7)
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.y, b.y)
    assert not np.array_equal(a.X, make_dataset(name, 101, 0.1, seed=8).X)
    assert a.X.shape == (101, 2) and a.y.shape == (101,) and a.X.dtype == np.float64
    assert a.n_classes == classes
    if classes:
        assert a.y.dtype == np.int64
        counts = np.bincount(a.y, minlength=classes)
        assert counts.max() - counts.min() <= 1 and counts.size == classes
    else:
        assert 2 <= a.X[:, 0].min() and a.X[:, 0].max() <= 20
        assert 0 <= a.X[:, 1].min() and a.X[:, 1].max() <= 5
    s = make_dataset(name, 101, 0.1, seed=7, standardize=True)
    np.testing.assert_allclose(s.X.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(s.X.std(axis=0), 1.0, rtol=1e-12)


@pytest.mark.parametrize("bad,field", [
    ({"dataset": "moons"}, "dataset"),
    ({"n_samples": 2}, "n_samples"),
    ({"hidden": [0]}, "hidden"),
    ({"hidden": [8] * 7}, "hidden"),
    ({"activation": "gelu"}, "activation"),
    ({"init": "orthogonal"}, "init"),
    ({"init_scale": 0}, "init_scale"),
    ({"optimizer": "adamm"}, "optimizer"),
    ({"optimizer_params": {"lr": -1}}, "optimizer_params"),
    ({"schedule": "cosine", "schedule_params": {"total_steps": 0}}, "schedule_params"),
    ({"batch_size": 500}, "batch_size"),
    ({"dataset": "regression", "loss": "cross_entropy"}, "loss"),
    ({"steps": 0}, "steps"),
    ({"sharpness_every": -1}, "sharpness_every"),
    ({"noise_sigma": -0.1}, "noise_sigma"),
    ({"standardize": "maybe"}, "standardize"),
    ({"trajectory_points": 1}, "trajectory_points"),
    ({"learning_rate": 0.1}, "learning_rate"),
])
def test_config_validation_names_the_field(bad, field):
    with pytest.raises(ValueError, match=rf"netlab\.{field}"):
        NetConfig.from_dict(bad)


def test_config_round_trips_through_a_table():
    cfg = NetConfig(dataset="spirals", hidden=[16, 8], activation="tanh", batch_size=20,
                    optimizer="momentum", optimizer_params={"lr": 0.05, "momentum": 0.8},
                    schedule="cosine", schedule_params={"total_steps": 50})
    assert cfg.hidden == (16, 8)
    d = cfg.to_dict()
    json.dumps(d)
    assert NetConfig.from_dict(d) == cfg
    racer_style = NetConfig.from_dict({"schedule": {"name": "cosine", "total_steps": 50}})
    assert racer_style.schedule == "cosine" and racer_style.schedule_params == {
        "total_steps": 50}
    assert cfg.model().sizes == (2, 16, 8, 3) and cfg.model().loss == "softmax_ce"
    assert NetConfig().model().n_params == 1185
    defaults = NetConfig()
    assert all(getattr(defaults, p.name) == p.default for p in CONFIG_PARAMS)
