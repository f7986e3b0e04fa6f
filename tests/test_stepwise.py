"""Step-by-step explanations: every number is the engine's, the words say the same numbers."""

import re

import numpy as np
import pytest

import surfaces
from app import optimizers, schedules
from app.analysis import effective_step
from app.engine import Noise, iterate, simulate
from app.scenario import Racer
from app.stepwise import (
    StepExplainer,
    explain_step,
    format_number,
    format_vector,
    nice_scale,
    step_geometry,
)

pytestmark = pytest.mark.filterwarnings("error")

#: every optimizer family and option the narration covers
CONFIGS = [
    ("gd", dict(lr=1e-3)),
    ("gd", dict(lr=1e-3, weight_decay=0.1)),
    ("momentum", dict(lr=1e-3)),
    ("momentum", dict(lr=1e-3, momentum=0.7, dampening=0.4)),
    ("nesterov", dict(lr=1e-3)),
    ("sgd", dict(lr=1e-3, momentum=0.8, dampening=0.3, weight_decay=0.1)),
    ("sgd", dict(lr=1e-3, momentum=0.8, nesterov=True, weight_decay=0.05)),
    ("adagrad", dict(lr=0.1)),
    ("adagrad", dict(lr=0.1, lr_decay=0.05, weight_decay=0.01, initial_accumulator_value=0.5)),
    ("adagrad_rms", dict(lr=0.1)),
    ("rmsprop", dict(lr=0.01)),
    ("rmsprop", dict(lr=0.01, centered=True)),
    ("rmsprop", dict(lr=0.01, momentum=0.5, weight_decay=0.01)),
    ("rmsprop", dict(lr=0.01, centered=True, momentum=0.5)),
    ("adam", dict(lr=0.05)),
    ("adam", dict(lr=0.05, amsgrad=True)),
    ("adam", dict(lr=0.05, bias_correction=False)),
    ("adam", dict(lr=0.05, amsgrad=True, bias_correction=False, weight_decay=0.1)),
    ("adamw", dict(lr=0.05)),
    ("adamw", dict(lr=0.05, amsgrad=True, weight_decay=0.1)),
    ("nadam", dict(lr=0.05)),
    ("nadam", dict(lr=0.05, weight_decay=0.01)),
]
IDS = [f"{n}-{'-'.join(f'{k}={v}' for k, v in h.items())}" for n, h in CONFIGS]

SURFACE = surfaces.get("rosenbrock")
STARTS = np.array([[-1.5, 2.0], [0.5, -0.5], [1.2, 1.0]])
STEPS = 25
CHECK_STEPS = (0, 1, 2, 7, 24, 13, 3)  # out of order on purpose: forward and back


def _state_rows(surface, opt, starts, steps, schedule, noise):
    """Every state of an independent engine run (to compare the explanation's moments)."""
    return [s.state for s in iterate(surface, opt, starts, steps, schedule, noise)]


def _field(state, *names):
    for name in names:
        if hasattr(state, name) and getattr(state, name) is not None:
            return getattr(state, name)
    return None


@pytest.mark.parametrize("noise", [None, Noise(0.7, 5)], ids=["exact", "noisy"])
@pytest.mark.parametrize(("name", "hyper"), CONFIGS, ids=IDS)
def test_numbers_are_the_engines(name, hyper, noise):
    opt = optimizers.make(name, **hyper)
    sched = schedules.make("cosine", total_steps=40, warmup_steps=3)
    run = simulate(SURFACE, opt, STARTS, STEPS, sched, noise)
    states = _state_rows(SURFACE, opt, STARTS, STEPS, sched, noise)
    i = 1
    explainer = StepExplainer(SURFACE, opt, sched, STARTS, i, noise, horizon=STEPS)
    for k in CHECK_STEPS:
        e = explainer.explain(k)
        p, q = run.points[k, i], run.points[k + 1, i]
        # the move is the engine's, bit for bit
        assert np.array_equal(e.update, q - p)
        assert np.array_equal(e.point, p) and np.array_equal(e.new_point, q)
        assert e.loss_before == run.loss[k, i] and e.loss_after == run.loss[k + 1, i]
        assert e.lr == run.lr[k]
        # the gradient the optimizer received: the surface's plus this step's noise
        true_g = SURFACE.grad(run.points[k])[i]
        assert np.array_equal(e.true_gradient, true_g)
        if noise is None:
            assert e.noise is None and np.array_equal(e.gradient, true_g)
        else:
            sample = noise.sample(k, STARTS.shape)[i]
            assert np.array_equal(e.noise, sample)
            assert np.array_equal(e.gradient, true_g + sample)
        # the moments are the optimizer state's, before and after the update
        before, after = states[k], states[k + 1]
        velocity_names = ("momentum_buffer", "exp_avg")
        v_after = _field(after, *velocity_names)
        if v_after is None:
            assert e.velocity is None
        else:
            assert np.array_equal(e.velocity, v_after[i])
            v_before = _field(before, *velocity_names)
            if v_before is None:
                assert e.previous_velocity is None
            else:
                assert np.array_equal(e.previous_velocity, v_before[i])
        second = _field(after, "sum", "square_avg", "exp_avg_sq")
        if second is None:
            assert e.second_moment is None and e.sigma is None
        else:
            assert np.array_equal(e.second_moment, second[i])
            # the effective step agrees with app.analysis (which reads the same state)
            expected = effective_step(after, opt, e.lr, shape=STARTS.shape)[i]
            np.testing.assert_allclose(e.effective_lr, expected, rtol=1e-12)
        assert not e.frozen and not e.blew_up


@pytest.mark.parametrize(("name", "hyper"), CONFIGS, ids=IDS)
def test_the_arithmetic_reconstructs_the_move(name, hyper):
    """The narrated pieces (sigma, effective lr, m_hat, ...) put together give the move."""
    opt = optimizers.make(name, **hyper)
    explainer = StepExplainer(SURFACE, opt, None, STARTS, 2, None, horizon=STEPS)
    for k in (0, 1, 9):
        e = explainer.explain(k)
        g = e.decayed_gradient if e.decayed_gradient is not None else e.gradient
        h, t = e.hyper, e.terms
        if name in ("gd", "momentum", "nesterov", "sgd"):
            direction = t.get("direction", e.velocity if e.velocity is not None else g)
            predicted = -e.lr * direction
        elif name in ("adagrad", "adagrad_rms"):
            predicted = -e.effective_lr * g
        elif name == "rmsprop":
            predicted = (-e.lr * e.velocity if e.velocity is not None
                         else -e.effective_lr * g)
        elif name in ("adam", "adamw"):
            m = t["m_hat"] if h.get("bias_correction", True) else e.velocity
            start = t.get("decayed_point", e.point)
            predicted = start - e.effective_lr * m - e.point
        else:  # nadam
            predicted = -(t["gradient_part"] + t["momentum_part"])
        np.testing.assert_allclose(predicted, e.update, rtol=1e-9, atol=1e-15)
        if e.sigma is not None:
            lr = t.get("clr", e.lr)
            np.testing.assert_allclose(e.effective_lr, lr / e.sigma, rtol=1e-14)


_PAIR = re.compile(r"\(([^()]*), ([^()]*)\)")


def _pairs(line: str) -> list[np.ndarray]:
    return [np.array([float(a), float(b)]) for a, b in _PAIR.findall(line)]


def _line(e, start: str) -> str:
    found = [line for line in e.narration if line.startswith(start)]
    assert found, f"no line starting with {start!r} in:\n{e.text()}"
    return found[0]


@pytest.mark.parametrize("noise", [None, Noise(0.7, 5)], ids=["exact", "noisy"])
@pytest.mark.parametrize(("name", "hyper"), CONFIGS, ids=IDS)
def test_narration_says_the_same_numbers(name, hyper, noise):
    opt = optimizers.make(name, **hyper)
    explainer = StepExplainer(SURFACE, opt, None, STARTS, 0, noise, horizon=STEPS)
    for k in (0, 1, 6):
        e = explainer.explain(k)
        assert len(e.narration) == len(e.line_kinds)
        assert e.line_kinds[0] == "header" and e.narration[0].startswith(f"Step {k} → {k + 1}")
        text = e.text()
        # formatted strings: exactly what the explanation holds, four significant digits
        assert f"at point {format_vector(e.point)}: loss {format_number(e.loss_before)}" in text
        gradient_line = _line(e, "gradient")
        if noise is None:
            assert gradient_line == f"gradient {format_vector(e.gradient)}"
        else:
            assert gradient_line.endswith(f"gradient used {format_vector(e.gradient)}")
            assert f"noise {format_vector(e.noise)}" in gradient_line
        assert f"move {format_vector(e.update)}" in text
        assert f"new point {format_vector(e.new_point)}" in text
        if e.velocity is not None:
            assert f"→ {format_vector(e.velocity)}" in text
        if e.sigma is not None:
            assert "σ" in text and f"→ {format_vector(e.sigma)}" in text
            assert f"→ {format_vector(e.second_moment)}" in text
        if e.effective_lr is not None and e.sigma is not None and not (
                name == "rmsprop" and hyper.get("momentum")) and name != "nadam":
            assert "effective lr per coordinate" in text
            assert f"{format_vector(e.effective_lr)}" in text
        # parsed back, the numbers are the engine's to the printed precision
        np.testing.assert_allclose(_pairs(_line(e, "move"))[0], e.update, rtol=5e-4,
                                   atol=1e-300)
        np.testing.assert_allclose(_pairs(gradient_line)[-1], e.gradient, rtol=5e-4)
        for line in e.narration:
            for pair in _pairs(line):
                assert np.isfinite(pair).all(), line


def test_first_momentum_step_and_dampening_words():
    opt = optimizers.make("sgd", lr=0.01, momentum=0.9, dampening=0.5)
    e0 = explain_step(SURFACE, opt, None, (-1.0, 1.0), 0)
    assert e0.previous_velocity is None
    assert any(line.startswith("velocity starts as the gradient") for line in e0.narration)
    e1 = explain_step(SURFACE, opt, None, (-1.0, 1.0), 1)
    assert "(1 − 0.5) × gradient" in e1.text()
    assert f"previous {format_vector(e0.velocity)}" in e1.text()


def test_one_start_point_and_a_racer():
    """explain_step with one point; with a Racer its own schedule is used."""
    racer = Racer(optimizer="momentum", params={"lr": 0.002}, schedule="step",
                  schedule_params={"step_size": 3, "gamma": 0.5}, label="heavy ball")
    opt, sched = racer.build()
    run = simulate(SURFACE, opt, [[0.3, -0.7]], 12, sched)
    for k in (0, 4, 11):
        e = explain_step(SURFACE, racer, None, (0.3, -0.7), k)
        assert np.array_equal(e.update, run.points[k + 1, 0] - run.points[k, 0])
        assert e.lr == run.lr[k]
        assert e.schedule_factor == sched(np.arange(k + 1))[k]
        assert "heavy ball" in e.narration[0]
    assert "× schedule 0.25" in explain_step(SURFACE, racer, None, (0.3, -0.7), 7).text()


def test_a_noisy_point_among_many():
    """A start point's noise depends on its place among the run's points: pass them all."""
    noise = Noise(2.0, 11)
    opt = optimizers.make("adam", lr=0.1)
    run = simulate(SURFACE, opt, STARTS, 10, None, noise)
    e = explain_step(SURFACE, opt, None, STARTS, 6, noise, index=2)
    assert np.array_equal(e.update, run.points[7, 2] - run.points[6, 2])
    assert e.start_index == 2


def test_divergence_is_explained():
    bowl = surfaces.get("quadratic", lambda1=1, lambda2=20)
    opt = optimizers.make("gd", lr=0.12)
    run = simulate(bowl, opt, [[1.0, 1.0]], 200)
    d = int(run.diverged_at[0])
    assert d > 0
    explainer = StepExplainer(bowl, opt, None, [[1.0, 1.0]], horizon=200)
    e = explainer.explain(d - 1)
    assert e.blew_up and not e.frozen
    assert np.array_equal(e.update, np.zeros(2))  # the engine keeps the last good point
    assert not np.array_equal(e.proposed_update, np.zeros(2))
    assert f"diverged at step {d}" in e.text()
    later = explainer.explain(d + 3)
    assert later.frozen and not later.blew_up
    assert np.array_equal(later.update, np.zeros(2))
    assert f"blew up at step {d}" in later.text()
    # before the blow-up the explanation is an ordinary step, growing along the steep axis
    e2 = explainer.explain(d - 3)
    assert not e2.blew_up and not e2.frozen
    np.testing.assert_allclose(e2.update, -0.12 * e2.gradient, rtol=1e-12)


def test_steps_beyond_the_horizon_and_invalid_steps():
    opt = optimizers.make("rmsprop", lr=0.01)
    explainer = StepExplainer(SURFACE, opt, None, STARTS, 0, horizon=5)
    late = explainer.explain(40)  # runs further on demand
    run = simulate(SURFACE, opt, STARTS, 41)
    assert np.array_equal(late.update, run.points[41, 0] - run.points[40, 0])
    assert np.array_equal(explainer.explain(2).update, run.points[3, 0] - run.points[2, 0])
    for bad in (-1, 1.5, True):
        with pytest.raises(ValueError):
            explainer.explain(bad)
    with pytest.raises(ValueError):
        StepExplainer(SURFACE, opt, None, STARTS, index=3)
    with pytest.raises(ValueError):
        explain_step(SURFACE, "adam", None, (0, 0), 0)


def test_nice_scale():
    assert nice_scale(1.0) == 1.0
    assert nice_scale(0.37) == 0.2
    assert nice_scale(0.5) == 0.5
    assert nice_scale(0.0499) == 0.02
    assert nice_scale(730.0) == 500.0
    assert nice_scale(0.0) == 1.0 and nice_scale(float("nan")) == 1.0
    for x in np.logspace(-9, 9, 97):
        s = nice_scale(x)
        assert x / 2.5 - 1e-12 * x <= s <= x * (1 + 1e-12)
        mantissa = float(f"{s:e}".split("e")[0])
        assert mantissa in (1.0, 2.0, 5.0)


@pytest.mark.parametrize(("name", "hyper"), [CONFIGS[0], CONFIGS[2], CONFIGS[12], CONFIGS[14]],
                         ids=[IDS[0], IDS[2], IDS[12], IDS[14]])
def test_geometry_draws_the_engines_vectors(name, hyper):
    opt = optimizers.make(name, **hyper)
    e = explain_step(SURFACE, opt, None, STARTS, 5, index=1)
    span = (4.0, 3.0)
    g = step_geometry(e, span)
    grad = g.arrow("gradient")
    assert np.array_equal(grad.vector, -e.gradient) and np.array_equal(grad.start, e.point)
    assert grad.label.startswith("−gradient (× ")
    # the largest of gradient / velocity / sigma is 12% to 30% of the view
    lengths = [np.hypot(*(a.scale * a.vector / span)) for a in g.arrows if a.name != "update"]
    if g.box_half is not None:
        lengths.append(np.hypot(*(g.box_half / span)))
    assert 0.3 / 2.5 - 1e-9 <= max(lengths) <= 0.3 + 1e-9
    vel = g.arrow("velocity")
    if e.velocity is None:
        assert vel is None
    else:
        assert np.array_equal(vel.vector, -e.velocity)
    upd = g.arrow("update")
    assert np.array_equal(upd.vector, e.update)
    assert upd.scale >= 1
    if upd.scale == 1:
        assert upd.label == "update (actual size)"
        np.testing.assert_allclose(upd.end, e.new_point, rtol=0, atol=1e-15)
    if e.sigma is None:
        assert g.box_half is None
    else:
        np.testing.assert_array_equal(g.box_half, g.box_scale * e.sigma)
        assert g.box_scale == grad.scale


def test_a_tiny_update_is_magnified_and_says_so():
    bowl = surfaces.get("quadratic", lambda1=1, lambda2=20)
    e = explain_step(bowl, optimizers.make("gd", lr=1e-5), None, (1.0, 1.0), 0)
    g = step_geometry(e, (6.0, 6.0))
    upd = g.arrow("update")
    assert upd.scale > 1 and upd.label == f"update (× {format_number(upd.scale)})"
    assert 0.04 <= np.hypot(*(upd.scale * upd.vector / 6.0)) <= 0.1 + 1e-12


def test_a_start_where_f_is_undefined_is_explained_in_words_not_nan():
    """log(x) at x < 0 has no value and no slope: the narration says so instead of printing
    'loss nan' and 'gradient (nan, nan)'."""
    import surfaces
    from app import optimizers as opts
    from app.stepwise import explain_step

    surface = surfaces.get("formula", expr="log(x) + y^2")
    expl = explain_step(surface, opts.make("gd", lr=0.1), None, (-1.0, 0.5), 0)
    text = " ".join(expl.narration)
    assert "nan" not in text.lower()
    assert "undefined" in text and "diverged at step 0" in text


@pytest.mark.parametrize("name", ["adam", "rmsprop", "momentum", "gd"])
def test_arrows_and_sigma_box_stay_inside_the_view(name):
    """Adam's sigma box (and every arrow) near the top edge of the view is scaled down to fit;
    its label names the smaller scale."""
    bowl = surfaces.get("quadratic", lambda1=1.0, lambda2=20.0)
    opt = optimizers.make(name, lr=0.05)
    for k in range(4):
        e = explain_step(bowl, opt, None, (-2.0, 1.5), k)
        px, py = e.point
        # a view whose top edge is just above the point (the plot zoomed, the point near it)
        window = ((px - 3.0, px + 3.0), (py - 3.0, py + 0.3))
        span = (6.0, 3.3)
        free = step_geometry(e, span)
        fitted = step_geometry(e, span, window=window)
        lo = np.array([window[0][0], window[1][0]])
        hi = np.array([window[0][1], window[1][1]])
        ends = [a.end for a in fitted.arrows]
        if fitted.box_half is not None:
            ends += [fitted.box_center + fitted.box_half, fitted.box_center - fitted.box_half]
        for end in ends:
            assert (lo <= end).all() and (end <= hi).all()
        assert fitted.box_scale <= free.box_scale
        if fitted.box_scale < free.box_scale:  # shrunk: by a 1-2-5 step, and said so
            assert nice_scale(fitted.box_scale) == fitted.box_scale
            assert f"× {format_number(fitted.box_scale)}" in fitted.arrows[0].label
    # the case of the issue: Adam's box would run off the top without the window
    e = explain_step(bowl, optimizers.make("adam", lr=0.05), None, (-2.0, 1.5), 0)
    window = ((-5.0, 1.0), (-1.5, 1.8))
    free = step_geometry(e, (6.0, 3.3))
    assert free.box_center[1] + free.box_half[1] > 1.8
    fitted = step_geometry(e, (6.0, 3.3), window=window)
    assert fitted.box_center[1] + fitted.box_half[1] <= 1.8
