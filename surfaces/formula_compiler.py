"""The sympy side of the ``formula`` surface: parser, derivatives, numpy functions.

Split from :mod:`surfaces.formula` so that importing the surfaces package (and starting the
app) does not import sympy; see that module for the grammar, conventions and limits.
"""

from __future__ import annotations

import difflib
import functools
import keyword
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy
from sympy.codegen.cfunctions import expm1 as _sp_expm1
from sympy.codegen.cfunctions import log1p as _sp_log1p

from .formula import (
    MAX_DEPTH,
    MAX_EXPONENT,
    MAX_LENGTH,
    MAX_NODES,
    MAX_SECONDS,
    FormulaError,
)

__all__ = ["CompiledFormula", "CompiledExpression", "FUNCTIONS", "RESERVED", "parse_formula",
           "compile_formula", "compile_expression", "is_compiled"]


X, Y = sympy.symbols("x y")  # plain (complex) symbols: sympy then rewrites less behind our back


# -- functions: sympy side ----------------------------------------------------------------------
# Our own sympy functions where sympy's built-ins would differentiate into Heaviside/DiracDelta,
# complex parts (Abs of a complex symbol) or numerically unstable forms (sigmoid, softplus).
# Their class names are unique (``dl_*``) so lambdify maps each to *our* numpy implementation;
# ``_sympystr`` prints the name the user typed.


class _Fn(sympy.Function):
    shown = ""

    def _sympystr(self, printer):
        return f"{self.shown}({', '.join(printer._print(a) for a in self.args)})"


class dl_step(_Fn):
    """Heaviside step with step(0) = 0 (the derivative of relu)."""

    nargs = 1
    shown = "step"

    def fdiff(self, argindex=1):
        return sympy.S.Zero


class dl_halfstep(_Fn):
    """Heaviside step with value 1/2 at 0 (the derivative of max at a tie)."""

    nargs = 1
    shown = "halfstep"

    def fdiff(self, argindex=1):
        return sympy.S.Zero


class dl_sign(_Fn):
    nargs = 1
    shown = "sign"

    def fdiff(self, argindex=1):
        return sympy.S.Zero


class dl_abs(_Fn):
    nargs = 1
    shown = "abs"

    def fdiff(self, argindex=1):
        return dl_sign(self.args[0])


class dl_relu(_Fn):
    nargs = 1
    shown = "relu"

    def fdiff(self, argindex=1):
        return dl_step(self.args[0])


class dl_sigmoid(_Fn):
    nargs = 1
    shown = "sigmoid"

    def fdiff(self, argindex=1):
        a = self.args[0]
        return dl_sigmoid(a) * dl_sigmoid(-a)  # = s(a) (1 - s(a)), without the cancellation


class dl_softplus(_Fn):
    nargs = 1
    shown = "softplus"

    def fdiff(self, argindex=1):
        return dl_sigmoid(self.args[0])


class dl_elu2(_Fn):
    """Second derivative of elu: 0 for a > 0, exp(a) otherwise."""

    nargs = 1
    shown = "elu''"

    def fdiff(self, argindex=1):
        return dl_elu2(self.args[0])  # it is 0 where a > 0 anyway


class dl_elu1(_Fn):
    """Derivative of elu: 1 for a > 0, exp(a) otherwise."""

    nargs = 1
    shown = "elu'"

    def fdiff(self, argindex=1):
        return dl_elu2(self.args[0])


class dl_elu(_Fn):
    """elu with alpha = 1: a for a > 0, exp(a) - 1 otherwise."""

    nargs = 1
    shown = "elu"

    def fdiff(self, argindex=1):
        return dl_elu1(self.args[0])


class dl_max(_Fn):
    nargs = 2
    shown = "max"

    def fdiff(self, argindex=1):
        a, b = self.args
        return dl_halfstep(a - b) if argindex == 1 else dl_halfstep(b - a)


class dl_min(_Fn):
    nargs = 2
    shown = "min"

    def fdiff(self, argindex=1):
        a, b = self.args
        return dl_halfstep(b - a) if argindex == 1 else dl_halfstep(a - b)


_CUSTOM = (dl_step, dl_halfstep, dl_sign, dl_abs, dl_relu, dl_sigmoid, dl_softplus, dl_elu,
           dl_elu1, dl_elu2, dl_max, dl_min)


# -- functions: numpy side (NaN in gives NaN out; callers silence floating-point warnings) ----
def _np_elu(a):
    return np.where(a > 0, a, np.expm1(np.minimum(a, 0.0)))


def _np_elu1(a):
    return np.where(a > 0, 1.0, np.exp(np.minimum(a, 0.0)))


def _np_elu2(a):
    return np.where(a > 0, 0.0, np.exp(np.minimum(a, 0.0)))


_NUMPY_IMPL: dict[str, Callable] = {
    "dl_step": lambda a: np.heaviside(a, 0.0),
    "dl_halfstep": lambda a: np.heaviside(a, 0.5),
    "dl_sign": np.sign,
    "dl_abs": np.abs,
    "dl_relu": lambda a: np.maximum(a, 0.0),
    "dl_sigmoid": lambda a: np.exp(-np.logaddexp(0.0, np.negative(a))),
    "dl_softplus": lambda a: np.logaddexp(0.0, a),
    "dl_elu": _np_elu,
    "dl_elu1": _np_elu1,
    "dl_elu2": _np_elu2,
    "dl_max": np.maximum,
    "dl_min": np.minimum,
}


# -- functions: plain-float side, for constant folding ---------------------------------------
def _sigmoid(v: float) -> float:
    if v >= 0:
        return 1.0 / (1.0 + math.exp(-v))
    z = math.exp(v)
    return z / (1.0 + z)


def _sign(v: float) -> float:
    return 0.0 if v == 0 else math.copysign(1.0, v)


@dataclass(frozen=True)
class _Func:
    arity: int
    build: Callable[..., sympy.Expr]  # sympy arguments -> sympy expression
    number: Callable[..., float]  # float arguments -> float (may raise ValueError/OverflowError)


#: The functions a formula may call, by name.
FUNCTIONS: dict[str, _Func] = {
    "sin": _Func(1, sympy.sin, math.sin),
    "cos": _Func(1, sympy.cos, math.cos),
    "tan": _Func(1, sympy.tan, math.tan),
    "asin": _Func(1, sympy.asin, math.asin),
    "acos": _Func(1, sympy.acos, math.acos),
    "atan": _Func(1, sympy.atan, math.atan),
    "sinh": _Func(1, sympy.sinh, math.sinh),
    "cosh": _Func(1, sympy.cosh, math.cosh),
    "tanh": _Func(1, sympy.tanh, math.tanh),
    "exp": _Func(1, sympy.exp, math.exp),
    "expm1": _Func(1, _sp_expm1, math.expm1),
    "log": _Func(1, sympy.log, math.log),
    "log1p": _Func(1, _sp_log1p, math.log1p),
    "log2": _Func(1, lambda a: sympy.log(a, 2), math.log2),
    "log10": _Func(1, lambda a: sympy.log(a, 10), math.log10),
    "sqrt": _Func(1, sympy.sqrt, math.sqrt),
    "square": _Func(1, lambda a: a**2, lambda v: v * v),
    "abs": _Func(1, dl_abs, abs),
    "sign": _Func(1, dl_sign, _sign),
    "sigmoid": _Func(1, dl_sigmoid, _sigmoid),
    "softplus": _Func(1, dl_softplus, lambda v: max(v, 0.0) + math.log1p(math.exp(-abs(v)))),
    "relu": _Func(1, dl_relu, lambda v: max(v, 0.0)),
    "elu": _Func(1, dl_elu, lambda v: v if v > 0 else math.expm1(v)),
    "min": _Func(2, dl_min, min),
    "max": _Func(2, dl_max, max),
}

_CONSTANTS = {"pi": (sympy.pi, math.pi), "e": (sympy.E, math.e)}
_VARIABLES = {"x": X, "y": Y}


# -- tokenizer ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Tok:
    kind: str  # "num", "name", "op", "end", "error"
    text: str
    pos: int
    value: float = 0.0


_OPS = {"+", "-", "*", "/", "^", "(", ")", ","}
_BAD_CHARS = {
    "'": "strings are not allowed",
    '"': "strings are not allowed",
    "[": "'[' is not allowed: use parentheses ( )",
    "]": "']' is not allowed: use parentheses ( )",
    "{": "'{' is not allowed: use parentheses ( )",
    "}": "'}' is not allowed: use parentheses ( )",
    ".": "unexpected '.' (attribute access is not allowed)",
    ";": "';' is not allowed: a formula is a single expression",
    ":": "':' is not allowed: a formula is a single expression",
    "=": "'=' is not allowed: write only the right-hand side, e.g. x^2 + y^2",
    "<": "comparisons are not allowed",
    ">": "comparisons are not allowed",
    "!": "'!' is not allowed",
    "%": "'%' is not allowed",
    "@": "'@' is not allowed",
    "\\": "'\\' is not allowed",
}
_WHITESPACE = " \t\r\n"
_DIGITS = "0123456789"


def _scan_number(text: str, i: int) -> int:
    """End of the number starting at ``i``: ``digits[.digits][e[+-]digits]`` or ``.digits...``."""
    n = len(text)
    j = i
    while j < n and text[j] in _DIGITS:
        j += 1
    if j < n and text[j] == ".":
        j += 1
        while j < n and text[j] in _DIGITS:
            j += 1
    if j < n and text[j] in "eE":
        k = j + 1
        if k < n and text[k] in "+-":
            k += 1
        if k < n and text[k] in _DIGITS:
            while k < n and text[k] in _DIGITS:
                k += 1
            j = k
    return j


def _tokenize(text: str) -> list[_Tok]:
    """All tokens; scanning stops at the first bad character, which becomes an "error" token
    (the parser reports it when it gets there, so errors come in reading order)."""
    toks: list[_Tok] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _WHITESPACE:
            i += 1
        elif c in _DIGITS or (c == "." and i + 1 < n and text[i + 1] in _DIGITS):
            j = _scan_number(text, i)
            word = text[i:j]
            value = float(word)
            if not math.isfinite(value):
                toks.append(_Tok("error", f"number too large: {word}", i))
                return toks
            toks.append(_Tok("num", word, i, value))
            i = j
        elif c.isascii() and (c.isalpha() or c == "_"):
            j = i + 1
            while j < n and text[j].isascii() and (text[j].isalnum() or text[j] == "_"):
                j += 1
            word = text[i:j]
            if keyword.iskeyword(word):
                toks.append(_Tok("error", f"'{word}' is not allowed: a formula is arithmetic "
                                          "in x and y", i))
                return toks
            toks.append(_Tok("name", word, i))
            i = j
        elif text.startswith("**", i):
            toks.append(_Tok("op", "^", i))
            i += 2
        elif text.startswith("//", i):
            toks.append(_Tok("error", "'//' is not allowed: use /", i))
            return toks
        elif c in _OPS:
            toks.append(_Tok("op", c, i))
            i += 1
        else:
            msg = _BAD_CHARS.get(c, f"unexpected character {c!r}")
            toks.append(_Tok("error", msg, i))
            return toks
    toks.append(_Tok("end", "", n))
    return toks


# -- parser: text -> sympy, with constant folding and limits ---------------------------------
@dataclass(frozen=True)
class _Val:
    expr: sympy.Expr
    const: float | None = None  # the float value when the sub-expression has no x or y
    varpow: bool = False  # contains a power with a variable exponent


_SAFE_INT = 2**53


def _small_numbers(expr: sympy.Expr) -> bool:
    return all(
        abs(a.p) <= _SAFE_INT and a.q <= _SAFE_INT for a in expr.atoms(sympy.Rational)
    )


def _describe(v: float, paren: bool = False) -> str:
    s = f"{v:.6g}"
    return f"({s})" if paren and v < 0 else s


class _Parser:
    def __init__(self, text: str, variables: dict[str, sympy.Symbol] | None = None):
        self.text = text
        self.toks = _tokenize(text)
        self.i = 0
        self.depth = 0
        #: the names a formula may use (``x`` and ``y`` for a surface; an update rule's ``g``,
        #: ``p``, ``t``, ``lr``, its hyperparameters and state for :func:`compile_expression`)
        self.variables = _VARIABLES if variables is None else variables

    # token helpers
    def peek(self) -> _Tok:
        return self.toks[min(self.i, len(self.toks) - 1)]

    def next(self) -> _Tok:
        tok = self.peek()
        if tok.kind == "error":
            self.fail(tok.text, tok.pos)
        self.i += 1
        return tok

    def at(self, text: str) -> bool:
        tok = self.peek()
        if tok.kind == "error":
            self.fail(tok.text, tok.pos)
        return tok.kind == "op" and tok.text == text

    def fail(self, message: str, pos: int | None):
        raise FormulaError(message, pos, self.text)

    def enter(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            self.fail(f"formula nested too deeply (more than {MAX_DEPTH} levels)", pos)

    # grammar
    def parse(self) -> _Val:
        if self.peek().kind == "end":
            self.fail("empty formula: type an expression in x and y, e.g. x^2 + 3*y^2", 0)
        val = self.expr()
        tok = self.peek()
        if tok.kind == "error":
            self.fail(tok.text, tok.pos)
        if tok.kind != "end":
            if tok.kind == "op" and tok.text == ")":
                self.fail("unbalanced parenthesis: this ')' has no matching '('", tok.pos)
            if tok.kind in ("num", "name") or (tok.kind == "op" and tok.text == "("):
                self.fail(f"missing operator before '{tok.text}' (write * for a product)",
                          tok.pos)
            self.fail(f"unexpected '{tok.text}'", tok.pos)
        return val

    def expr(self) -> _Val:
        left = self.term()
        while self.at("+") or self.at("-"):
            op = self.next()
            right = self.term()
            left = self.binary(op, left, right)
        return left

    def term(self) -> _Val:
        left = self.unary()
        while self.at("*") or self.at("/"):
            op = self.next()
            right = self.unary()
            left = self.binary(op, left, right)
        return left

    def unary(self) -> _Val:
        negate = False
        while self.at("+") or self.at("-"):
            negate ^= self.next().text == "-"
        val = self.power()
        if negate:
            if val.const is not None:
                return self.constant(-val.const, lambda: -val.expr)
            return _Val(-val.expr, None, val.varpow)
        return val

    def power(self) -> _Val:
        base = self.atom()
        if not self.at("^"):
            return base
        op = self.next()
        self.enter(op.pos)
        exponent = self.unary()
        self.depth -= 1
        return self.binary(op, base, exponent)

    def atom(self) -> _Val:
        tok = self.peek()
        if tok.kind == "error":
            self.fail(tok.text, tok.pos)
        if tok.kind == "num":
            self.next()
            return self.number(tok)
        if tok.kind == "name":
            self.next()
            if self.at("("):
                return self.call(tok)
            return self.name(tok)
        if tok.kind == "op" and tok.text == "(":
            self.next()
            self.enter(tok.pos)
            if self.at(")"):
                self.fail("empty parentheses", tok.pos)
            val = self.expr()
            self.close(tok)
            self.depth -= 1
            return val
        if tok.kind == "end":
            self.fail("incomplete formula: expected a number, x, y, a function or '('",
                      tok.pos)
        if tok.text == ")":
            self.fail("unexpected ')': expected a number, x, y, a function or '('", tok.pos)
        self.fail(f"unexpected '{tok.text}'", tok.pos)
        raise AssertionError  # unreachable

    def close(self, opening: _Tok) -> None:
        tok = self.peek()
        if tok.kind == "error":
            self.fail(tok.text, tok.pos)
        if tok.kind == "op" and tok.text == ")":
            self.next()
            return
        if tok.kind == "end":
            self.fail("unbalanced parenthesis: this '(' is never closed", opening.pos)
        if tok.kind in ("num", "name") or tok.text == "(":
            self.fail(f"missing operator before '{tok.text}' (write * for a product)", tok.pos)
        self.fail(f"unexpected '{tok.text}': expected ')'", tok.pos)

    def number(self, tok: _Tok) -> _Val:
        v = tok.value
        if v.is_integer() and abs(v) <= _SAFE_INT:
            return _Val(sympy.Integer(int(v)), v)
        return _Val(sympy.Float(v), v)

    def name(self, tok: _Tok) -> _Val:
        word = tok.text
        if word in self.variables:
            return _Val(self.variables[word])
        if word in _CONSTANTS:
            exact, v = _CONSTANTS[word]
            return _Val(exact, v)
        if word in FUNCTIONS:
            self.fail(f"'{word}' is a function: write {word}(...)", tok.pos)
        if self.variables is not _VARIABLES:
            self.fail(f"unknown name '{word}': the names are "
                      f"{', '.join(self.variables)}", tok.pos)
        hint = ""
        for f in FUNCTIONS:
            if word.startswith(f) and word[len(f):] in _VARIABLES:
                hint = f" - did you mean '{f}({word[len(f):]})'?"
                break
        else:
            if len(word) > 1 and all(c in "xy" for c in word):
                hint = f" - did you mean '{'*'.join(word)}'?"
        self.fail(f"unknown name '{word}': use x and y{hint}", tok.pos)
        raise AssertionError  # unreachable

    def call(self, tok: _Tok) -> _Val:
        word = tok.text
        if word not in FUNCTIONS:
            if word in self.variables or word in _CONSTANTS:
                self.fail(f"'{word}' is not a function: write {word}*(...) for a product",
                          tok.pos)
            close = difflib.get_close_matches(word, list(FUNCTIONS), n=1)
            if close:
                self.fail(f"unknown function '{word}' - did you mean '{close[0]}'?", tok.pos)
            self.fail(f"unknown function '{word}'; the functions are: "
                      + ", ".join(FUNCTIONS), tok.pos)
        func = FUNCTIONS[word]
        opening = self.next()  # "("
        self.enter(opening.pos)
        args: list[_Val] = []
        if not self.at(")"):
            args.append(self.expr())
            while self.at(","):
                self.next()
                args.append(self.expr())
        self.close(opening)
        self.depth -= 1
        if len(args) != func.arity:
            s = "" if func.arity == 1 else "s"
            self.fail(f"{word}() takes {func.arity} argument{s}, got {len(args)}", tok.pos)
        exprs = [a.expr for a in args]
        if all(a.const is not None for a in args):
            consts = [a.const for a in args]
            shown = f"{word}({', '.join(_describe(c) for c in consts)})"
            try:
                v = float(func.number(*consts))
            except (ValueError, ZeroDivisionError):
                self.fail(f"{shown} is undefined", tok.pos)
            except OverflowError:
                v = math.inf
            if not math.isfinite(v):
                self.fail(f"{shown} is too large", tok.pos)
            return self.constant(v, lambda: func.build(*exprs), tok.pos)
        return self.variable(func.build(*exprs), any(a.varpow for a in args), tok.pos)

    def binary(self, op: _Tok, a: _Val, b: _Val) -> _Val:
        kind = op.text
        if kind == "/" and b.const == 0:
            self.fail("division by zero", op.pos)
        if kind == "^":
            if b.const is not None and abs(b.const) > MAX_EXPONENT:
                self.fail(f"exponent {_describe(b.const)} is too large (at most "
                          f"{MAX_EXPONENT} in absolute value)", op.pos)
            if b.const is None and b.varpow:
                self.fail("power towers with a variable exponent (like 2^2^x) are not "
                          "allowed: write exp(...)", op.pos)
            if a.const is not None and a.const <= 0 and b.const is None:
                what = "0" if a.const == 0 else "a negative number"
                self.fail(f"{what} to a variable power is not allowed (not differentiable or "
                          "not real)", op.pos)
        ea, eb = a.expr, b.expr
        build = {
            "+": lambda: ea + eb,
            "-": lambda: ea - eb,
            "*": lambda: ea * eb,
            "/": lambda: ea / eb,
            "^": lambda: ea**eb,
        }[kind]
        if a.const is not None and b.const is not None:
            u, w = a.const, b.const
            try:
                v = {
                    "+": lambda: u + w,
                    "-": lambda: u - w,
                    "*": lambda: u * w,
                    "/": lambda: u / w,
                    "^": lambda: math.pow(u, w),
                }[kind]()
            except (ValueError, ZeroDivisionError):
                self.fail(f"{_describe(u, True)}^{_describe(w, True)} is undefined", op.pos)
            except OverflowError:
                v = math.inf
            if not math.isfinite(v):
                self.fail("constant too large: the result overflows", op.pos)
            return self.constant(v, build, op.pos)
        varpow = a.varpow or b.varpow or (kind == "^" and b.const is None)
        return self.variable(build(), varpow, op.pos)

    def constant(self, v: float, exact: Callable[[], sympy.Expr], pos: int | None = None):
        """A constant sub-expression: sympy's exact form when it is plain (small rationals,
        pi, e, built-in functions), else the float (then lambdify prints nothing surprising)."""
        if v == 0:
            return _Val(sympy.Integer(0), 0.0)
        e = exact()
        if (e.is_Number or not e.has(*_CUSTOM)) and not e.free_symbols and _small_numbers(e) \
                and not e.has(sympy.I, sympy.zoo, sympy.oo, sympy.nan, sympy.S.NegativeInfinity):
            return _Val(e, v)
        return _Val(sympy.Float(v), v)

    def variable(self, e: sympy.Expr, varpow: bool, pos: int) -> _Val:
        """A sub-expression with x or y (unless sympy cancelled them: x - x, 0*x, x^0)."""
        if e.free_symbols:
            return _Val(e, None, varpow)
        if e.is_Number and e.is_finite:
            try:
                v = float(e)
            except (OverflowError, TypeError):
                v = math.inf
            if math.isfinite(v):
                return self.constant(v, lambda: e, pos)
        self.fail("this part of the formula is undefined", pos)
        raise AssertionError  # unreachable


def parse_formula(text: str) -> sympy.Expr:
    """Parse ``text`` into a sympy expression in the symbols ``x`` and ``y``.

    Fast (no differentiation), for validating as the user types; raises :class:`FormulaError`.
    :func:`compile_formula` does this and also differentiates and checks the size limits.
    """
    if not isinstance(text, str):
        raise FormulaError(f"a formula must be text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:  # before any parsing
        raise FormulaError(
            f"formula too long: {len(text)} characters (at most {MAX_LENGTH})", MAX_LENGTH,
            text,
        )
    return _Parser(text).parse().expr


# -- differentiation and code generation ------------------------------------------------------
def _tree_size(expr: sympy.Basic, memo: dict) -> int:
    size = memo.get(expr)
    if size is None:
        size = 1 + sum(_tree_size(a, memo) for a in expr.args)
        memo[expr] = size
    return size


def _diff_size(expr: sympy.Basic, sizes: dict, memo: dict) -> int:
    """An upper-bound style estimate of the tree size of d(expr)/d(anything), computed
    without differentiating (the chain and product rules copy sub-trees)."""
    est = memo.get(expr)
    if est is not None:
        return est
    args = expr.args
    if not args or not expr.free_symbols:
        est = 1
    elif isinstance(expr, sympy.Add):
        est = 1 + sum(_diff_size(a, sizes, memo) for a in args)
    elif isinstance(expr, sympy.Mul):
        total = sum(_tree_size(a, sizes) for a in args)
        est = 1 + sum(_diff_size(a, sizes, memo) + total for a in args)
    else:  # Pow, functions: f'(args) * d(args), where f' repeats the arguments a few times
        total = sum(_tree_size(a, sizes) for a in args)
        est = 4 + 3 * total + sum(_diff_size(a, sizes, memo) for a in args)
    memo[expr] = est
    return est


def _check_size(exprs: list[sympy.Expr], text: str, what: str) -> None:
    """Refuse before differentiating when the derivatives would be too big to build quickly:
    ``exprs`` are the expressions about to be differentiated, once per entry."""
    memo: dict = {}
    sizes: dict = {}
    est = sum(_diff_size(e, sizes, memo) for e in exprs)
    if est > MAX_NODES:
        raise FormulaError(
            f"formula too complex: its {what} would have about {est:,} terms "
            f"(at most {MAX_NODES:,})", None, text,
        )


def _check_numbers(expr: sympy.Expr, text: str) -> sympy.Expr:
    """Refuse non-real or infinite pieces; turn huge exact integers into floats for numpy."""
    if expr.has(sympy.I, sympy.zoo, sympy.oo, sympy.S.NegativeInfinity, sympy.nan):
        raise FormulaError(
            "the formula or its derivatives are undefined or not real-valued", None, text
        )
    swap = {}
    for a in expr.atoms(sympy.Number):
        try:
            v = float(a)
        except (OverflowError, TypeError):
            v = math.inf
        if not math.isfinite(v):
            raise FormulaError(
                "a constant in the formula or its derivatives is too large", None, text
            )
        if isinstance(a, sympy.Rational) and (abs(a.p) > _SAFE_INT or a.q > _SAFE_INT):
            swap[a] = sympy.Float(v)
    return expr.xreplace(swap) if swap else expr


def _vectorize(exprs: list[sympy.Expr], text: str, masked: bool = False) -> Callable:
    """numpy functions of ``(x, y)`` returning a tuple of broadcast float arrays, silently.

    With ``masked``, ``exprs[0]`` is the formula itself and only decides where the others are
    NaN: derivatives are undefined where the formula is (``d/dy log(x)`` is 0 by the rules,
    but not at ``x = -1``). cse shares the work between the formula and its derivatives.
    """
    try:
        fn = sympy.lambdify((X, Y), exprs, modules=[_NUMPY_IMPL, "numpy"], cse=True)
    except (RecursionError, SyntaxError, MemoryError, ValueError, TypeError) as err:
        raise FormulaError(f"formula too complex to compile ({type(err).__name__})",
                           None, text) from None

    def call(x, y):
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        shape = np.broadcast_shapes(x.shape, y.shape)
        with np.errstate(all="ignore"):
            out = [np.broadcast_to(np.asarray(o, dtype=float), shape) for o in fn(x, y)]
            if masked:
                undefined = np.isnan(out.pop(0))
                if undefined.any():
                    out = [np.where(undefined, np.nan, o) for o in out]
            return tuple(out)

    call.raw = fn  # the expressions themselves, for app.compiled's tracer
    return call


@dataclass(frozen=True)
class CompiledFormula:
    """A parsed formula, its exact derivatives (sympy) and vectorized numpy functions.

    ``value(x, y)``, ``grad(x, y) -> (gx, gy)`` and ``hessian(x, y) -> (hxx, hxy, hyy)`` take
    broadcastable float arrays, return arrays of the broadcast shape, never warn, and give NaN
    where the formula is undefined (the derivatives too, wherever the value is NaN).
    """

    text: str
    expr: sympy.Expr
    gradient: tuple[sympy.Expr, sympy.Expr]
    hessian_exprs: tuple[sympy.Expr, sympy.Expr, sympy.Expr]
    _value: Callable = field(repr=False, compare=False)
    _grad: Callable = field(repr=False, compare=False)
    _hessian: Callable = field(repr=False, compare=False)

    def value(self, x: Any, y: Any) -> np.ndarray:
        return self._value(x, y)[0]

    def grad(self, x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
        return self._grad(x, y)

    def hessian(self, x: Any, y: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self._hessian(x, y)


#: compiled formulas kept, by text (the GUI rebuilds surfaces often)
CACHE_SIZE = 64
_CACHE: OrderedDict[str, CompiledFormula] = OrderedDict()
_CACHE_LOCK = threading.Lock()


def compile_formula(text: str, check: Callable[[], None] | None = None) -> CompiledFormula:
    """Parse, differentiate (gradient and Hessian, exactly) and vectorize ``text``.

    Raises :class:`FormulaError` for anything not allowed, too large or too complex. The cost
    is bounded before the work (the size of the derivatives is estimated from the parsed tree
    before differentiating, :data:`MAX_NODES`) and during it: the derivatives are built term
    by term, and between any two terms, and between the steps that follow, ``check()`` is
    called (a job's cancellation check: what it raises propagates) and the time is compared
    with :data:`MAX_SECONDS`. Results are cached by text (thread-safe; a cancelled or refused
    compile is not cached).
    """
    if not isinstance(text, str):
        raise FormulaError(f"a formula must be text, got {type(text).__name__}")
    with _CACHE_LOCK:
        hit = _CACHE.get(text)
        if hit is not None:
            _CACHE.move_to_end(text)
            return hit
    compiled = _compile(text, _Checkpoint(text, check))
    with _CACHE_LOCK:
        _CACHE[text] = compiled
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return compiled


def is_compiled(text: str) -> bool:
    """Whether ``text`` is in the cache (:func:`compile_formula` returns it at once)."""
    with _CACHE_LOCK:
        return text in _CACHE


class _Checkpoint:
    """Called between pieces of work: the caller's ``check()``, then the time limit."""

    def __init__(self, text: str, check: Callable[[], None] | None):
        self.text, self.check = text, check
        self.deadline = time.perf_counter() + MAX_SECONDS
        self.calls = 0

    def __call__(self) -> None:
        self.calls += 1
        if self.check is not None:
            self.check()
        if time.perf_counter() > self.deadline:
            raise FormulaError("formula too complex: building its derivatives takes too long",
                               None, self.text)


def _diff(expr: sympy.Expr, var: sympy.Symbol, checkpoint: Callable[[], None]) -> sympy.Expr:
    """``expr.diff(var)``, built term by term (sums and products: the rules sympy applies,
    in the same order) with ``checkpoint()`` before each term, so a long derivative can be
    stopped between any two of its terms."""
    checkpoint()
    if var not in expr.free_symbols:
        return sympy.S.Zero
    if isinstance(expr, sympy.Add):
        return sympy.Add(*[_diff(a, var, checkpoint) for a in expr.args])
    if isinstance(expr, sympy.Mul):
        args = list(expr.args)
        terms = []
        for i, a in enumerate(args):
            d = _diff(a, var, checkpoint)
            if d != 0:
                terms.append(functools.reduce(lambda p, q: p * q,
                                              args[:i] + [d] + args[i + 1:], sympy.S.One))
        return sympy.Add.fromiter(terms)
    return expr.diff(var)


def _compile(text: str, checkpoint: _Checkpoint) -> CompiledFormula:
    expr = parse_formula(text)
    expr = _check_numbers(expr, text)
    _check_size([expr, expr], text, "gradient")
    gx, gy = (_check_numbers(_diff(expr, v, checkpoint), text) for v in (X, Y))
    _check_size([gx, gx, gy], text, "Hessian")  # hxx, hxy from gx; hyy from gy
    hxx = _check_numbers(_diff(gx, X, checkpoint), text)
    hxy = _check_numbers(_diff(gx, Y, checkpoint), text)
    hyy = _check_numbers(_diff(gy, Y, checkpoint), text)
    checkpoint()
    value_fn = _vectorize([expr], text)
    checkpoint()
    grad_fn = _vectorize([expr, gx, gy], text, masked=True)
    checkpoint()
    hess_fn = _vectorize([expr, hxx, hxy, hyy], text, masked=True)
    checkpoint()
    return CompiledFormula(text, expr, (gx, gy), (hxx, hxy, hyy), value_fn, grad_fn, hess_fn)


# -- expressions in other names (update rules) --------------------------------------------------
#: names an expression's variables cannot take (constants and functions)
RESERVED = frozenset(_CONSTANTS) | frozenset(FUNCTIONS)


@dataclass(frozen=True)
class CompiledExpression:
    """An expression in named variables (an optimizer's update rule), parsed by the same
    parser as a formula (never ``eval``): ``expr`` in the sympy symbols of ``names``, and a
    vectorized numpy function called with one value (array or number) per name."""

    text: str
    names: tuple[str, ...]
    expr: sympy.Expr
    _fn: Callable = field(repr=False, compare=False)

    def __call__(self, values: dict[str, Any]) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.asarray(self._fn(*(values[n] for n in self.names)), dtype=float)


def compile_expression(text: str, names: tuple[str, ...]) -> CompiledExpression:
    """Parse ``text`` with the variables ``names`` (each a plain identifier, not a function or
    constant name) and vectorize it; :class:`FormulaError` with a position if it is bad."""
    if not isinstance(text, str):
        raise FormulaError(f"an expression must be text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"expression too long: {len(text)} characters (at most "
                           f"{MAX_LENGTH})", MAX_LENGTH, text)
    if not text.strip():
        raise FormulaError(f"empty expression: write one in {', '.join(names)}", 0, text)
    return _compile_expression(text, tuple(names))


@functools.lru_cache(maxsize=256)
def _compile_expression(text: str, names: tuple[str, ...]) -> CompiledExpression:
    symbols = {n: sympy.Symbol(n) for n in names}
    expr = _check_numbers(_Parser(text, symbols).parse().expr, text)
    try:
        fn = sympy.lambdify([symbols[n] for n in names], expr,
                            modules=[_NUMPY_IMPL, "numpy"], cse=True)
    except (RecursionError, SyntaxError, MemoryError, ValueError, TypeError) as err:
        raise FormulaError(f"expression too complex to compile ({type(err).__name__})",
                           None, text) from None
    return CompiledExpression(text, names, expr, fn)
