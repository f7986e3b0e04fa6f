"""``descent-lab analyze``: curvature, stability and the Taylor prediction at one point, as JSON.

::

    descent-lab analyze --surface quadratic --surface-param lambda2=20 --point -1,2 --lr 0.12

prints value, gradient, Hessian, eigenvalues (ascending) and eigenvectors (``eigenvectors[i]``
belongs to ``eigenvalues[i]``), condition number, ``lambda_max``, ``lr * lambda_max`` against the
limit (2, or ``2 + 2 momentum``; Nesterov ``2 (1 + m) / (1 + 2 m)``), the verdict, and the Taylor
terms of one GD step of size ``--eps-step`` (default: the lr). Strict JSON: non-finite numbers are
``null``. Bad input: one line on stderr, exit status 2.

With ``--lr-range`` it runs the learning-rate range test instead (Smith's lr finder, fastai's
suggestions; :mod:`app.analysis.lr_range`): from ``--point`` on ``--surface`` with
``--optimizer`` (default gd), or on a scenario (``--scenario``: a network-lab scenario sweeps its
network, a 2D one its surface from its first start with its first racer's optimizer)::

    descent-lab analyze --lr-range --surface quadratic --surface-param lambda2=20 --point 1,1
    descent-lab analyze --lr-range --scenario netlab_p1_seed000 --lr-min 1e-6 --lr-max 1

It prints ``lrs``, ``loss``, ``smoothed``, ``suggestions`` (``steepest``, ``valley``),
``lambda_max`` (the sharpness at the start), ``theory_lr`` (``2 / lambda_max``) and ``stopped``.
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
    p.add_argument("--surface", help="surface name (see 'descent-lab list')")
    p.add_argument("--surface-param", action="append", default=[], metavar="KEY=VALUE",
                   help="a surface parameter, e.g. lambda2=20 (repeatable)")
    p.add_argument("--point", metavar="X,Y", help="the point, e.g. -1,2")
    p.add_argument("--lr", default=None, help="learning rate (default: gd's default lr)")
    p.add_argument("--momentum", default="0", help="heavy-ball momentum (default 0: plain GD)")
    p.add_argument("--nesterov", action="store_true", help="Nesterov momentum's limit")
    p.add_argument("--eps-step", default=None, metavar="E",
                   help="step size of the Taylor prediction (default: the lr)")
    lr = p.add_argument_group("learning-rate range test (--lr-range)")
    lr.add_argument("--lr-range", action="store_true",
                    help="sweep lr exponentially from --lr-min to --lr-max in --steps steps")
    lr.add_argument("--scenario", metavar="NAME|PATH",
                    help="a scenario to sweep (a network-lab one trains its network)")
    lr.add_argument("--optimizer", default="gd", help="the optimizer swept (default gd)")
    lr.add_argument("--lr-min", default="1e-6", metavar="X", help="first lr (default 1e-6)")
    lr.add_argument("--lr-max", default="10", metavar="X", help="last lr (default 10)")
    lr.add_argument("--steps", default="100", metavar="N", help="steps (default 100)")
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


def _steps(text: str) -> int:
    try:
        value = parse_int(text)
    except ValueError:
        value = 0
    if not 2 <= value <= 100_000:
        raise ValueError(f"Invalid --steps: {brief(text)} (expected a whole number from 2 to "
                         f"100000)")
    return value


def _lr_range(args) -> dict:
    from app.analysis import lr_range as lr_mod

    options = {"lr_min": _number(args.lr_min, "--lr-min"),
               "lr_max": _number(args.lr_max, "--lr-max"), "steps": _steps(args.steps)}
    if args.scenario:
        if args.surface or args.point:
            raise ValueError("give --scenario or --surface/--point, not both")
        from app import scenario as scenarios

        sc = scenarios.load(args.scenario)
        if sc.netlab is not None:
            return lr_mod.lr_range_netlab(sc.net_config(), **options).to_dict()
        if not sc.starts:
            raise ValueError(f"scenario '{sc.name}' has no start points")
        racer = next((r for r in sc.racers if r.enabled), sc.racers[0])
        hyper = {k: v for k, v in racer.params.items() if k != "lr"}
        return lr_mod.lr_range_test(sc.build_surface(), racer.optimizer, sc.starts[0],
                                    hyper=hyper, **options).to_dict()
    surface, point = _surface_and_point(args)
    optimizers.spec(args.optimizer)
    return lr_mod.lr_range_test(surface, args.optimizer, point, **options).to_dict()


def _surface_and_point(args):
    if not args.surface or not args.point:
        raise ValueError("analyze needs --surface and --point (or --lr-range --scenario NAME)")
    text = parse_key_values(args.surface_param, "surface parameter")
    params = parse_params(f"surface '{args.surface}'", surfaces.family(args.surface).PARAMS, text)
    return surfaces.get(args.surface, **params), parse_point(args.point)


def run(args) -> int:
    if args.lr_range:
        data = _lr_range(args)
        text = json.dumps(data, indent=args.indent, allow_nan=False)
        emit(lambda out: out.write(text + "\n"))
        return 0
    surface, point = _surface_and_point(args)
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
