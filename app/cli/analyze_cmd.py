"""``descent-lab analyze``: curvature, stability and the Taylor prediction at one point, as JSON.

::

    descent-lab analyze --surface quadratic --surface-param lambda2=20 --point -1,2 --lr 0.12

prints value, gradient, Hessian, eigenvalues (ascending) and eigenvectors (``eigenvectors[i]``
belongs to ``eigenvalues[i]``), condition number, ``lambda_max``, ``lr * lambda_max`` against the
limit (2, or ``2 + 2 momentum``; Nesterov ``2 (1 + m) / (1 + 2 m)``), the verdict, and the Taylor
terms of one GD step of size ``--eps-step`` (default: the lr). Strict JSON: non-finite numbers are
``null``. Bad input: one line on stderr, exit status 2.
"""

from __future__ import annotations

import argparse
import json

import surfaces
from app import optimizers
from app.analysis import analyze_point
from app.cli.run_cmd import emit
from surfaces.params import brief, parse_int, parse_number, parse_params

#: a larger --indent only wastes memory (json would build a gigabyte of spaces per line)
MAX_INDENT = 16


def _indent(text: str) -> int:
    try:
        value = parse_int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_INDENT:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from 0 to {MAX_INDENT}, got {brief(text)}")
    return value


def add_parser(sub) -> None:
    p = sub.add_parser("analyze", help="curvature and step-size stability at a point (JSON)",
                       description=__doc__.split("::")[0].strip())
    p.add_argument("--surface", required=True, help="surface name (see 'descent-lab list')")
    p.add_argument("--surface-param", action="append", default=[], metavar="KEY=VALUE",
                   help="a surface parameter, e.g. lambda2=20 (repeatable)")
    p.add_argument("--point", required=True, metavar="X,Y", help="the point, e.g. -1,2")
    p.add_argument("--lr", default=None, help="learning rate (default: gd's default lr)")
    p.add_argument("--momentum", default="0", help="heavy-ball momentum (default 0: plain GD)")
    p.add_argument("--nesterov", action="store_true", help="Nesterov momentum's limit")
    p.add_argument("--eps-step", default=None, metavar="E",
                   help="step size of the Taylor prediction (default: the lr)")
    p.add_argument("--indent", type=_indent, default=2, metavar="N",
                   help=f"JSON indentation (default 2, at most {MAX_INDENT})")
    p.set_defaults(func=run)


def parse_key_values(items: list[str], what: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ValueError(f"Invalid {what} {brief(item)}: expected KEY=VALUE")
        if key in out:
            raise ValueError(f"{what} '{key}' given twice")
        out[key] = value.strip()
    return out


def parse_point(text: str) -> tuple[float, float]:
    parts = text.split(",")
    try:
        if len(parts) != 2:
            raise ValueError
        x, y = (parse_number(p) for p in parts)
    except ValueError:
        raise ValueError(f"Invalid point {brief(text)}: expected X,Y (two numbers, e.g. "
                         f"-1,2)") from None
    if not all(map(lambda v: v == v and abs(v) != float("inf"), (x, y))):
        raise ValueError(f"Invalid point {brief(text)}: the coordinates must be finite")
    return x, y


def _number(text: str | None, what: str) -> float | None:
    if text is None:
        return None
    try:
        return parse_number(text)
    except ValueError:
        raise ValueError(f"Invalid {what}: {brief(text)} (expected a number)") from None


def run(args) -> int:
    text = parse_key_values(args.surface_param, "surface parameter")
    params = parse_params(f"surface '{args.surface}'", surfaces.family(args.surface).PARAMS, text)
    surface = surfaces.get(args.surface, **params)
    point = parse_point(args.point)
    lr = _number(args.lr, "learning rate")
    if lr is None:
        lr = optimizers.spec("gd").defaults()["lr"]
    analysis = analyze_point(surface, point, lr=lr,
                             momentum=_number(args.momentum, "momentum value"),
                             nesterov=args.nesterov,
                             eps=_number(args.eps_step, "step size --eps-step"))
    text = json.dumps(analysis.to_dict(), indent=args.indent, allow_nan=False)
    emit(lambda out: out.write(text + "\n"))
    return 0
