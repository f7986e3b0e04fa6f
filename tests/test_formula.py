"""The ``formula`` surface: a safe parser, exact derivatives, NaN holes, and hostile input."""

import builtins
import os
import subprocess
import threading
import warnings

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import surfaces
import surfaces.formula  # noqa: F401  (registers "formula" until surfaces/__init__ imports it)
from surfaces import formula_compiler
from surfaces.formula import (
    MAX_DEPTH,
    MAX_LENGTH,
    FormulaError,
    compile_formula,
    format_formula_error,
    parse_formula,
)
from surfaces.params import parse_params

X, Y = sympy.symbols("x y")
RNG = np.random.default_rng(20240611)


def formula(expr, **window):
    return surfaces.get("formula", expr=expr, **window)


def random_points(n, xr=(-2.0, 2.0), yr=(-2.0, 2.0), rng=RNG):
    return np.column_stack([rng.uniform(*xr, n), rng.uniform(*yr, n)])


def fd_grad(s, p, h=1e-6):
    ex, ey = np.array([h, 0.0]), np.array([0.0, h])
    gx = (s.value(p + ex) - s.value(p - ex)) / (2 * h)
    gy = (s.value(p + ey) - s.value(p - ey)) / (2 * h)
    return np.stack([gx, gy], axis=-1)


def fd_hessian(s, p, h=1e-5):
    ex, ey = np.array([h, 0.0]), np.array([0.0, h])
    cx = (s.grad(p + ex) - s.grad(p - ex)) / (2 * h)  # d(grad)/dx
    cy = (s.grad(p + ey) - s.grad(p - ey)) / (2 * h)
    return np.stack([cx, cy], axis=-2)  # [..., i, j] = d2f / di dj


# -- registry and parameters ---------------------------------------------------------------------
def test_registered_with_cli_style_string_params():
    assert "formula" in surfaces.names()
    # what `--surface-param expr='x**2+y**2' --surface-param xmin=-3 ...` hands the registry
    text = {"expr": "x**2+y**2", "xmin": "-3", "xmax": "4", "ymin": "-1", "ymax": "2.5"}
    s = surfaces.get("formula", **parse_params("surface 'formula'",
                                               surfaces.family("formula").PARAMS, text))
    assert s.window == ((-3.0, 4.0), (-1.0, 2.5))
    np.testing.assert_allclose(s.value([[1.0, 2.0], [0.5, -1.0]]), [5.0, 1.25])
    np.testing.assert_allclose(s.grad([[1.0, 2.0]]), [[2.0, 4.0]])
    np.testing.assert_allclose(s.hessian([[1.0, 2.0]]), [[[2.0, 0.0], [0.0, 2.0]]])
    assert s.starts.shape == (1, 2)
    (x0, x1), (y0, y1) = s.window
    assert x0 <= s.starts[0, 0] <= x1 and y0 <= s.starts[0, 1] <= y1
    default = surfaces.get("formula")
    assert np.all(np.isfinite(default.value(random_points(10))))


def test_bad_window_and_bad_expr_are_value_errors():
    with pytest.raises(ValueError, match="xmin"):
        formula("x", xmin=2, xmax=1)
    with pytest.raises(ValueError, match="ymin"):
        formula("x", ymin=0, ymax=0)
    with pytest.raises(ValueError):  # the registry's contract: FormulaError is a ValueError
        formula("sinn(x)")
    with pytest.raises(FormulaError) as info:
        formula("x + ")
    assert info.value.position == 4


# -- the grammar ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("x^2", X**2),
        ("x**2", X**2),
        ("-x^2", -(X**2)),
        ("2^-1", sympy.Rational(1, 2)),
        ("2^3^2", sympy.Integer(512)),  # right associative
        ("1e-3*x", sympy.Float(1e-3) * X),
        (".5 + 2.", sympy.Float(2.5)),
        ("+-+x", -X),
        ("e^x", sympy.exp(X)),
        ("pi*y", sympy.pi * Y),
        ("x - 2*y/4", X - Y / 2),
        (" ( x\t+\ny ) ", X + Y),
        ("sqrt(x)", sympy.sqrt(X)),
        ("square(x+y)", (X + Y) ** 2),
        ("3", sympy.Integer(3)),
    ],
)
def test_parse(text, expected):
    assert sympy.simplify(parse_formula(text) - expected) == 0


def test_parse_uses_no_eval_and_no_sympify(monkeypatch):
    """The parser builds sympy objects directly: with eval/exec/compile and sympy's string
    parsers booby-trapped, valid formulas still parse."""

    def trap(*args, **kwargs):
        raise AssertionError("the user's text reached an evaluator")

    with monkeypatch.context() as m:
        for name in ("eval", "exec", "compile"):
            m.setattr(builtins, name, trap)
        m.setattr(sympy, "sympify", trap)
        m.setattr(sympy, "parse_expr", trap)
        m.setattr(sympy.parsing.sympy_parser, "parse_expr", trap)
        expr = parse_formula("(1-x)^2 + 100*(y-x^2)^2 + softplus(x) + max(x, y) + e^-pi")
    assert expr.free_symbols == {X, Y}


# -- exact derivatives against finite differences -------------------------------------------------
FD_CASES = [
    ("x^3*y - 2*x*y^2 + 0.5*y^4 - x + 3", (-2, 2), (-2, 2)),
    ("sin(2*x)*cos(3*y) + tan(0.3*x*y) + sin(x^2)", (-1.5, 1.5), (-1.5, 1.5)),
    ("exp(-x^2 - 0.5*y^2) + log(1 + x^2 + y^2) + log(x + 3)*exp(y/2)", (-2, 2), (-2, 2)),
    ("softplus(3*x - y) + softplus(x*y) - 2*softplus(-x)", (-3, 3), (-3, 3)),
    ("tanh(x*y + x) - tanh(2*y)^2 + 0.1*tanh(x)", (-2, 2), (-2, 2)),
    ("sigmoid(2*x - y)*atan(x + y) + sqrt(x^2 + y^2 + 1) + cosh(x/2)*sinh(y/3)",
     (-2, 2), (-2, 2)),
    ("log1p(x^2) + expm1(0.1*y) + log2(x + 3) - log10(y + 3) + asin(x/3) + acos(y/3)",
     (-2, 2), (-2, 2)),
    ("x^2/(1 + y^2) + 2^x + x^y + x^-1.5", (0.5, 2), (-2, 2)),
    ("elu(x - y)*3 + relu(x + 2*y)^2 + abs(x - 0.3)^3 + max(x, y)^2 + min(x^2, y)",
     (-2, 2), (-2, 2)),
]


@pytest.mark.parametrize("text, xr, yr", FD_CASES)
def test_derivatives_match_finite_differences(text, xr, yr):
    s = formula(text)
    p = random_points(40, xr, yr)
    g = s.grad(p)
    h = s.hessian(p)
    assert g.shape == (40, 2) and h.shape == (40, 2, 2)
    assert np.all(np.isfinite(g)) and np.all(np.isfinite(h))
    np.testing.assert_allclose(g, fd_grad(s, p), rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(h, fd_hessian(s, p), rtol=1e-5, atol=1e-4)
    np.testing.assert_array_equal(h[:, 0, 1], h[:, 1, 0])


def _rosenbrock_reference(p):
    x, y = p[..., 0], p[..., 1]
    f = (1 - x) ** 2 + 100 * (y - x**2) ** 2
    g = np.stack([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)], axis=-1)
    hxx = 2 - 400 * (y - x**2) + 800 * x**2
    hxy = -400 * x
    hyy = np.full_like(x, 200.0)
    h = np.stack([np.stack([hxx, hxy], -1), np.stack([hxy, hyy], -1)], -2)
    return f, g, h


def test_rosenbrock_formula_is_rosenbrock():
    s = formula("(1-x)^2 + 100*(y-x^2)^2", xmin=-2, xmax=2, ymin=-1, ymax=3)
    p = random_points(200, (-2, 2), (-1, 3))
    f, g, h = _rosenbrock_reference(p)
    np.testing.assert_allclose(s.value(p), f, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(s.grad(p), g, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(s.hessian(p), h, rtol=1e-12, atol=1e-9)
    if "rosenbrock" in surfaces.names():  # and against the built-in family (a=1, b=100)
        builtin = surfaces.get("rosenbrock", a=1, b=100)
        np.testing.assert_allclose(s.value(p), builtin.value(p), rtol=1e-10, atol=1e-8)
        np.testing.assert_allclose(s.grad(p), builtin.grad(p), rtol=1e-10, atol=1e-8)
        np.testing.assert_allclose(s.hessian(p), builtin.hessian(p), rtol=1e-10, atol=1e-8)


def test_kink_conventions():
    """Derivatives at kinks: relu'(0) = abs'(0) = 0, elu'(0) = 1, sign' = 0, and min/max
    split the derivative evenly at a tie (the PyTorch conventions)."""
    o = np.zeros((1, 2))
    np.testing.assert_array_equal(formula("relu(x)").grad(o), [[0.0, 0.0]])
    np.testing.assert_array_equal(formula("abs(x)").grad(o), [[0.0, 0.0]])
    np.testing.assert_array_equal(formula("elu(x)").grad(o), [[1.0, 0.0]])
    np.testing.assert_array_equal(formula("max(x, y)").grad(o), [[0.5, 0.5]])
    np.testing.assert_array_equal(formula("min(x, y)").grad(o), [[0.5, 0.5]])
    p = np.array([[-1.0, 2.0], [3.0, -4.0]])
    np.testing.assert_array_equal(formula("sign(x)*y").grad(p), [[0.0, -1.0], [0.0, 1.0]])
    np.testing.assert_array_equal(formula("relu(x) + abs(y)").hessian(p), np.zeros((2, 2, 2)))
    np.testing.assert_allclose(formula("relu(x)").value(p), [0.0, 3.0])
    np.testing.assert_allclose(formula("max(x, y) - min(x, y)").value(p), [3.0, 7.0])


def test_stable_at_extremes():
    """softplus, sigmoid and their derivatives stay finite and accurate far from 0."""
    p = np.array([[-800.0, 0.0], [800.0, 0.0], [-40.0, 0.0]])
    s = formula("softplus(x) + sigmoid(x)")
    v, g, h = s.value(p), s.grad(p), s.hessian(p)
    assert np.all(np.isfinite(v)) and np.all(np.isfinite(g)) and np.all(np.isfinite(h))
    np.testing.assert_allclose(v[:2], [0.0, 801.0])
    np.testing.assert_allclose(g[2, 0], 2 * np.exp(-40.0), rtol=1e-9)


# -- undefined regions, warnings, shapes ---------------------------------------------------------
def test_undefined_regions_give_nan_without_warnings():
    c = compile_formula("log(x) + sqrt(y) + asin(x*y) + 1/(x - 1)")
    x = np.array([-1.0, 2.0, 0.5, 0.0, 1.0])
    y = np.array([1.0, -1.0, 0.25, 1.0, 0.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and deliberately no np.errstate here
        v = c.value(x, y)
        g = c.grad(x, y)
        h = c.hessian(x, y)
        s = formula("log(x) + sqrt(y) + asin(x*y) + 1/(x - 1)")
        sv = s.value(np.stack([x, y], -1))
    assert np.isnan(v[0]) and np.isnan(v[1])  # log(-1), sqrt(-1)
    assert np.isfinite(v[2])
    assert not np.isfinite(v[3]) and not np.isfinite(v[4])  # log(0), 1/0
    assert all(np.isnan(a[:2]).all() for a in (*g, *h))
    np.testing.assert_array_equal(np.isnan(sv), np.isnan(v))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        c2 = compile_formula("exp(1000*x) + elu(800*y) + softplus(-x)")
        big = c2.value(np.array([1.0, -1.0]), np.array([-5.0, 5.0]))
    assert np.isinf(big[0]) and np.isfinite(big[1])


@pytest.mark.parametrize("text", ["1", "0", "pi", "x", "y^2", "x*0 + 2", "x - x", "sign(1)"])
def test_constant_and_one_variable_formulas_broadcast(text):
    s = formula(text)
    for shape in [(5,), (3, 4), ()]:
        p = RNG.uniform(-1, 1, shape + (2,))
        v, g, h = s.value(p), s.grad(p), s.hessian(p)
        assert v.shape == shape and g.shape == shape + (2,) and h.shape == shape + (2, 2)
        assert v.dtype == g.dtype == h.dtype == np.float64
        assert np.all(np.isfinite(v))
    xs, ys, z = s.grid(16)
    assert z.shape == (16, 16)
    c = compile_formula(text)  # the bare functions broadcast too
    assert c.value(np.zeros(3), 1.0).shape == (3,)
    assert all(a.shape == (2, 3) for a in c.hessian(np.zeros((2, 1)), np.zeros(3)))


# -- limits and hostile input --------------------------------------------------------------------
HOSTILE = [
    "__import__('os').system('id')",
    "().__class__",
    "x.real",
    "lambda: 1",
    "9**9**9**9",
    "x" * 100_000,
    "(" * 10_000 + "x" + ")" * 10_000,
    "(" * 400 + "x" + ")" * 400,  # short enough, too deep
    "-(" * 300 + "x" + ")" * 300,
    "[x]",
    "'a'",
    "x if y else 1",
    "{x}",
    'f"{x}"',
    "x; y",
    "1e999",
    "9" * 400,
    "10^300*10^300",
    "1e200*1e200",
    "exp(exp(exp(9)))",
    "x^x^x^x",
    "x^1000",
    "log(0) + x",
    "sqrt(-1)*x",
    "x/0",
    "(-1)^x",
    "0^x",
    "1e308*x*10",
    "x == y",
    "exec('1')",
    "getattr(x, 'real')",
    "globals()",
    "x\x00",
    "",
    "*".join(f"tanh(x*y-{i})" for i in range(1, 60)),  # Hessian far too big to build
    "sin(" * 45 + "x*y" + ")" * 45,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:30]) + f"[{len(t)}]")
def test_hostile_input_is_refused_quickly(text, monkeypatch):
    ran = []
    monkeypatch.setattr(os, "system", lambda *a, **k: ran.append(a) or 0)
    monkeypatch.setattr(os, "popen", lambda *a, **k: ran.append(a))
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: ran.append(a))
    work = {"diff": 0, "vectorize": 0}
    real_diff, real_vectorize = formula_compiler._diff, formula_compiler._vectorize

    def diff(*args):
        work["diff"] += 1
        return real_diff(*args)

    def vectorize(*args, **kwargs):
        work["vectorize"] += 1
        return real_vectorize(*args, **kwargs)

    monkeypatch.setattr(formula_compiler, "_diff", diff)
    monkeypatch.setattr(formula_compiler, "_vectorize", vectorize)
    with pytest.raises(FormulaError) as info:
        surfaces.get("formula", expr=text)
    # refused before the work that could hang (9**9**9**9 would run for ever): no code is
    # generated, and no derivative is built unless the refusal is the size estimate's
    assert work["vectorize"] == 0
    assert work["diff"] == 0 or "too complex" in str(info.value)
    with pytest.raises(FormulaError):
        parse_formula(text) if len(text) > MAX_LENGTH else compile_formula(text)
    assert ran == []
    err = info.value
    assert isinstance(err, ValueError)
    assert err.position is None or 0 <= err.position <= len(text)
    assert str(err) and "Traceback" not in err.pretty()


def test_length_and_depth_limits():
    long_ok = "+".join(["x"] * 500)  # 999 characters
    assert len(long_ok) <= MAX_LENGTH
    assert compile_formula(long_ok).value(1.0, 0.0) == 500.0
    with pytest.raises(FormulaError, match="too long") as info:
        parse_formula(long_ok + "+y")
    assert info.value.position == MAX_LENGTH
    deep_ok = "(" * MAX_DEPTH + "x" + ")" * MAX_DEPTH
    assert compile_formula(deep_ok).value(2.0, 0.0) == 2.0
    with pytest.raises(FormulaError, match="nested too deeply") as info:
        parse_formula("(" + deep_ok + ")")
    assert info.value.position == MAX_DEPTH


@pytest.mark.parametrize(
    "text, position, message",
    [
        ("sinn(x)", 0, "unknown function 'sinn' - did you mean 'sin'?"),
        ("(x+1", 0, "unbalanced parenthesis"),
        ("2*(x+1", 2, "unbalanced parenthesis"),
        ("x+1)", 3, "unbalanced parenthesis"),
        ("x + z", 4, "unknown name 'z': use x and y"),
        ("2x", 1, "missing operator"),
        ("x.real", 1, "'.'"),
        ("9**9**9**9", 4, "exponent"),
        ("x + 1e999", 4, "number too large"),
        ("1e200*1e200", 5, "too large"),
        ("x + log(0)", 4, "log(0) is undefined"),
        ("max(x)", 0, "max() takes 2 arguments, got 1"),
        ("x^", 2, "incomplete formula"),
        ("x if y else 1", 2, "'if' is not allowed"),
        ("__import__('os')", 0, "unknown function '__import__'"),
    ],
)
def test_error_positions(text, position, message):
    with pytest.raises(FormulaError) as info:
        compile_formula(text)
    assert info.value.position == position
    assert message in str(info.value)
    assert info.value.text == text


def test_caret_formatting():
    with pytest.raises(FormulaError) as info:
        parse_formula("x + sinn(x)")
    assert info.value.pretty() == (
        "unknown function 'sinn' - did you mean 'sin'?\n"
        "  x + sinn(x)\n"
        "      ^"
    )
    with pytest.raises(FormulaError) as info:
        parse_formula("(x+1")
    lines = format_formula_error(info.value).splitlines()
    assert lines[1:] == ["  (x+1", "  ^"]
    # a caret after the end, tabs and newlines kept one column wide, long text cut around it
    err = FormulaError("incomplete formula", 3, "x\t+")
    assert format_formula_error(err).splitlines()[1:] == ["  x +", "     ^"]
    long_text = "x+" * 200 + "z"
    with pytest.raises(FormulaError) as info:
        parse_formula(long_text)
    msg, line, caret = format_formula_error(info.value).splitlines()
    assert len(line) < 90 and line[caret.index("^")] == "z"
    assert format_formula_error(FormulaError("no position")) == "no position"


# -- property tests --------------------------------------------------------------------------------
ALPHABET = "xy0123456789.+-*/^() ,eEpisncotaxlgqrumbf_'[]{};:=<>!%@\\\"\t"
ONE_ARG = ["sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "exp", "expm1",
           "log", "log1p", "log2", "log10", "sqrt", "square", "abs", "sign", "sigmoid",
           "softplus", "relu", "elu"]
POINTS = np.concatenate([
    RNG.uniform(-3, 3, (30, 2)),
    np.array([[0.0, 0.0], [1.0, 0.0], [0.0, -1.0], [-1.0, 1.0], [1e-9, 2.0], [50.0, -50.0]]),
])


def _check_compiled_or_refused(text):
    try:
        s = surfaces.get("formula", expr=text)
    except FormulaError:
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        v, g, h = s.value(POINTS), s.grad(POINTS), s.hessian(POINTS)
        c = s.compiled
        raw = c.value(POINTS[:, 0], POINTS[:, 1]), *c.grad(POINTS[:, :1], POINTS[:, 1])
    n = len(POINTS)
    assert v.shape == (n,) and g.shape == (n, 2) and h.shape == (n, 2, 2)
    assert v.dtype == g.dtype == h.dtype == np.float64
    assert raw[0].shape == (n,) and raw[1].shape == (n, n)
    return True


@settings(max_examples=4000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_random_text_only_raises_formula_error(text):
    _check_compiled_or_refused(text)


_NUMBER = st.one_of(
    st.integers(0, 12).map(str),
    st.floats(0, 100, allow_nan=False).map(lambda v: f"{v:.3g}"),
    st.sampled_from(["1e-3", ".5", "2.", "1E2", "0.0"]),
)
_LEAF = st.one_of(st.sampled_from(["x", "y", "x", "y", "pi", "e"]), _NUMBER)


def _extend(children):
    return st.one_of(
        st.tuples(children, st.sampled_from(["+", "-", "*", "/", "^", "**"]), children).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"
        ),
        st.tuples(st.sampled_from(["-", "+"]), children).map("".join),
        st.tuples(st.sampled_from(ONE_ARG), children).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(st.sampled_from(["min", "max"]), children, children).map(
            lambda t: f"{t[0]}({t[1]}, {t[2]})"
        ),
    )


EXPRESSIONS = st.recursive(_LEAF, _extend, max_leaves=16)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EXPRESSIONS)
def test_grammar_expressions_evaluate_cleanly(text):
    _check_compiled_or_refused(text)


@pytest.mark.parametrize("text", [
    "sin(x)*cos(y) + (x ^ 2)", "max(softplus(x), (y / 3))", "-(e ** x) - log(y)",
    "(relu(x) * 1e-3) + square(y)", "tanh((x - 2.5)) * atan(y)", "+log10(pi)",
    "((x ** 1.5) / min(y, 2.))", "sign((y - x)) + sqrt(-x)",
])
def test_grammar_samples_compile(text):
    """Companion to the property test, which would also pass if everything were refused."""
    assert _check_compiled_or_refused(text)


# -- the cost bound, enforced during the work -----------------------------------------------------
LONG = ("sin(x*y)*cos(x+y)*tan(x-y)*exp(x/y)*log(x*x+y)*sqrt(x+y*y)*atan(x*y*y)*tanh(y*x*x)"
        "*sinh(x-y*y)*cosh(y-x*x)*asin(x/7)*acos(y/7)")


@pytest.mark.parametrize("text", ["x^2 + 3*y^2", "(1-x)^2 + 100*(y-x^2)^2",
                                  "relu(x)*abs(y) + max(x, y)*min(x*y, 2)",
                                  "sin(3*x)*cos(3*y)/3 + 0.1*(x^2 + y^2)", LONG[:58]])
def test_term_by_term_derivatives_are_sympys(text):
    expr = parse_formula(text)
    calls = []
    for v in (formula_compiler.X, formula_compiler.Y):
        d = formula_compiler._diff(expr, v, lambda: calls.append(1))
        assert sympy.srepr(d) == sympy.srepr(expr.diff(v))
    assert len(calls) >= 2


def test_a_cancel_stops_the_compile_between_two_terms_and_nothing_is_cached():
    class Stop(Exception):
        pass

    calls = []

    def check():  # a job's cancellation check: cancelled after the 40th piece of work
        calls.append(threading.get_ident())
        if len(calls) >= 40:
            raise Stop

    text = LONG.replace("x/7", "x/8")  # (a text no other test compiled: not in the cache)
    with pytest.raises(Stop):
        compile_formula(text, check)
    assert len(calls) == 40  # the work stopped at the check that said so
    assert not surfaces.formula.is_compiled(text)
    seen = []
    compiled = compile_formula(text, lambda: seen.append(1))
    assert surfaces.formula.is_compiled(text) and compile_formula(text) is compiled
    assert len(seen) > 100  # the derivatives of the 12 factors: checked between their terms


def test_the_time_limit_is_checked_during_the_work_not_after(monkeypatch):
    monkeypatch.setattr(formula_compiler, "MAX_SECONDS", -1.0)  # already over: the 1st check
    built = []
    real = formula_compiler._vectorize
    monkeypatch.setattr(formula_compiler, "_vectorize",
                        lambda *a, **k: built.append(1) or real(*a, **k))
    with pytest.raises(FormulaError, match="takes too long"):
        compile_formula("x^3 + sin(x*y) + 7*y")
    assert built == []  # refused before any code was generated
