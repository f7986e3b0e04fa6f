"""The ``formula`` surface: type ``f(x, y)`` and get a surface with exact derivatives.

The text is **never evaluated as Python**. A small hand-written tokenizer and recursive-descent
parser turn it into a tree we control (numbers, ``x``, ``y``, ``pi``, ``e``, arithmetic and a
whitelist of functions); the tree is built directly into a sympy expression (no ``sympify``, no
``eval``), differentiated symbolically, and turned into vectorized numpy functions with
``sympy.lambdify`` on *our* expressions.

Grammar (``^`` and ``**`` both mean power, right associative, binding tighter than unary minus,
so ``-x^2 = -(x^2)`` and ``2^-1 = 0.5`` as in Python)::

    expr   := term (("+" | "-") term)*
    term   := unary (("*" | "/") unary)*
    unary  := ("+" | "-")* power
    power  := atom (("^" | "**") unary)?
    atom   := NUMBER | "x" | "y" | "pi" | "e" | FUNC "(" expr ("," expr)* ")" | "(" expr ")"

Functions (see :data:`FUNCTIONS`): sin cos tan asin acos atan sinh cosh tanh exp expm1 log
log1p log2 log10 sqrt square abs sign sigmoid softplus relu elu, and min/max with two arguments.

Conventions at kinks (the same as PyTorch): the derivative of ``relu`` and ``abs`` at 0 is 0,
``elu`` (alpha = 1) has derivative 1 at 0, ``sign`` has derivative 0 (its jump is ignored), and
at a tie ``min``/``max`` give each argument half of the derivative. Second derivatives across a
kink (a Dirac delta) are taken as 0.

Where the formula is undefined (``log`` of a negative number, ``sqrt`` of a negative number,
``asin(2)``, division by zero) the functions return NaN, never a warning or an exception. sympy
simplifies a few identities as it builds the expression (``exp(log(x)) = x``, ``x - x = 0``,
``0*log(x) = 0``), which can make the formula defined where the text, read literally, is not.

Limits, checked before any work that could hang or exhaust memory: at most
:data:`MAX_LENGTH` characters, nesting at most :data:`MAX_DEPTH` deep (parentheses, calls and
exponents), constant exponents at most :data:`MAX_EXPONENT` in absolute value, no power towers
with a variable exponent (``2^2^x``; write ``exp(...)``), constants (numbers and constant
sub-expressions such as ``exp(1000)`` or ``10^300*10^300``) must be finite and defined, and the
derivatives must stay below :data:`MAX_NODES` expression nodes (estimated *before*
differentiating), and building them is stopped once it takes longer than :data:`MAX_SECONDS`
(checked between the terms of the derivatives, not after). Every violation raises
:class:`FormulaError` (a ``ValueError``) with a 0-based ``position``;
:func:`format_formula_error` draws a caret under it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .base import Surface, register
from .params import Param

if TYPE_CHECKING:  # the compiler imports sympy, which costs ~0.5 s: only when a formula is used
    from .formula_compiler import CompiledFormula

__all__ = [
    "Formula",
    "FormulaError",
    "parse_formula",
    "compile_formula",
    "is_compiled",
    "format_formula_error",
    "MAX_LENGTH",
    "MAX_DEPTH",
    "MAX_EXPONENT",
    "MAX_NODES",
]

MAX_LENGTH = 1000  #: characters
MAX_DEPTH = 50  #: nesting of parentheses, function calls and exponents
MAX_EXPONENT = 100  #: largest |constant exponent|
MAX_NODES = 60_000  #: largest gradient or Hessian (tree nodes), estimated before building it
#: a backstop, checked *during* the work (between the derivatives' terms): refuse once building
#: takes longer than this. The size estimates above are the real bound; the compile runs off the
#: window's thread, so this only ends runaway work (generous: a busy machine is slow)
MAX_SECONDS = 15.0


# -- errors -------------------------------------------------------------------------------------
class FormulaError(ValueError):
    """A formula that cannot be accepted, with the 0-based ``position`` of the offending
    character (``None`` if the problem is not at one place) and the formula ``text``.

    ``str(err)`` is the plain message; :meth:`pretty` (or :func:`format_formula_error`) adds
    the formula with a caret under ``position``.
    """

    def __init__(self, message: str, position: int | None = None, text: str | None = None):
        super().__init__(message)
        self.message = message
        self.position = position
        self.text = text

    def pretty(self) -> str:
        return format_formula_error(self)


def format_formula_error(err: FormulaError, text: str | None = None, width: int = 72) -> str:
    """The message, then the formula and a caret under the offending character::

        unknown function 'sinn' - did you mean 'sin'?
          sinn(x)
          ^

    Long formulas are cut to a window of about ``width`` characters around the caret.
    """
    text = err.text if text is None else text
    pos = err.position
    if text is None or pos is None:
        return err.message
    shown = "".join(c if c.isprintable() else " " for c in text)  # one column per character
    pos = max(0, min(pos, len(shown)))
    start, end = 0, len(shown)
    if len(shown) > width:
        start = max(0, min(pos - width // 2, len(shown) - width))
        end = start + width
    prefix = "..." if start > 0 else ""
    suffix = "..." if end < len(shown) else ""
    line = prefix + shown[start:end] + suffix
    caret = " " * (len(prefix) + pos - start) + "^"
    return f"{err.message}\n  {line}\n  {caret}"


# -- the compiler, imported on first use ---------------------------------------------------------
def parse_formula(text: str):
    """Parse ``text`` into a sympy expression (no derivatives); :class:`FormulaError` if bad."""
    from .formula_compiler import parse_formula as parse

    return parse(text)


def compile_formula(text: str, check: Callable[[], None] | None = None) -> CompiledFormula:
    """Parse, differentiate and vectorize ``text`` (cached); :class:`FormulaError` if bad.

    ``check()`` is called between pieces of the work (a job's cancellation check)."""
    from .formula_compiler import compile_formula as compile_

    return compile_(text, check)


def is_compiled(text: str) -> bool:
    """Whether ``text`` is compiled already (:func:`compile_formula` returns it at once);
    never imports the compiler."""
    compiler = sys.modules.get(f"{__package__}.formula_compiler")
    return compiler is not None and compiler.is_compiled(text)


def __getattr__(name: str) -> Any:
    if name in ("FUNCTIONS", "CompiledFormula"):
        from . import formula_compiler

        return getattr(formula_compiler, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# -- the surface --------------------------------------------------------------------------------
_WINDOW = dict(low=-1e6, high=1e6)


@register
class Formula(Surface):
    """``f(x, y)`` typed by the user, e.g. ``(1-x)^2 + 100*(y-x^2)^2``, with exact
    (symbolic) gradient and Hessian; the view is ``[xmin, xmax] x [ymin, ymax]``."""

    name = "formula"
    title = "Your formula"
    description = (
        "Type any f(x, y): numbers, x, y, pi, e, + - * / ^ and functions such as sin, exp, "
        "log, sqrt, abs, tanh, sigmoid, softplus, relu, min and max. The gradient and the "
        "Hessian are worked out exactly (symbolically), so the optimizers see the true "
        "slopes. Where the formula is undefined (log of a negative number, say) the surface "
        "has a hole, and a run that steps into it stops."
    )
    tags = ("custom",)
    PARAMS = (
        Param("expr", "x^2 + 3*y^2", kind=str,
              doc="f(x, y), e.g. (1-x)^2 + 100*(y-x^2)^2; ^ or ** for powers"),
        Param("xmin", -3.0, doc="left edge of the view", **_WINDOW),
        Param("xmax", 3.0, doc="right edge of the view", **_WINDOW),
        Param("ymin", -3.0, doc="bottom edge of the view", **_WINDOW),
        Param("ymax", 3.0, doc="top edge of the view", **_WINDOW),
    )

    def _setup(self) -> None:
        p = self.params
        if not p["xmin"] < p["xmax"]:
            raise ValueError(f"surface 'formula': xmin ({p['xmin']:g}) must be less than "
                             f"xmax ({p['xmax']:g})")
        if not p["ymin"] < p["ymax"]:
            raise ValueError(f"surface 'formula': ymin ({p['ymin']:g}) must be less than "
                             f"ymax ({p['ymax']:g})")
        self.compiled = compile_formula(p["expr"])
        self.window = ((p["xmin"], p["xmax"]), (p["ymin"], p["ymax"]))
        w, h = p["xmax"] - p["xmin"], p["ymax"] - p["ymin"]
        self.starts = ((p["xmin"] + 0.2 * w, p["ymin"] + 0.8 * h),)

    def _value(self, x, y):
        return self.compiled.value(x, y)

    def _grad(self, x, y):
        return self.compiled.grad(x, y)

    def _hessian(self, x, y):
        return self.compiled.hessian(x, y)
