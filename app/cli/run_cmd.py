"""``descent-lab run``: simulate headlessly and print the numbers as JSON or CSV.

One optimizer on one surface::

    descent-lab run --surface quadratic --surface-param lambda2=20 --optimizer gd --lr 0.12 \\
        --start -1.5,2 --steps 100

or every racer of a scenario (``--start``, ``--steps``, ``--noise``, ``--seed`` override it)::

    descent-lab run --scenario default --format csv

A network-lab scenario (a ``[netlab]`` table) trains its network instead and prints
:func:`app.netlab.run_dict` (per-step ``loss``, ``grad_norm``, ``sharpness`` (null where not
measured), ``lr`` and ``diverged_at``); ``--steps``, ``--noise`` and ``--seed`` override the
table's ``steps``, ``noise_sigma`` and ``noise_seed``.

The output format is described in :mod:`app.report`.
"""

from __future__ import annotations

import argparse
import math
import os
import sys

EXAMPLES = """\
examples:
  descent-lab run --surface quadratic --surface-param lambda2=20 --optimizer gd --lr 0.12 \\
      --start -1.5,2 --steps 100
  descent-lab run --surface quadratic --optimizer adam --lr 0.1 --param betas=0.8,0.99 \\
      --start 1,1 --start -2,0.5 --steps 500 --format csv
  descent-lab run --scenario default --steps 50
  descent-lab list surfaces      (names, parameters and defaults)
"""

#: options that describe a single racer, so they cannot be combined with --scenario
_SINGLE_ONLY = (
    ("surface", "--surface"), ("surface_params", "--surface-param"),
    ("optimizer", "--optimizer"), ("lr", "--lr"), ("params", "--param"),
    ("schedule", "--schedule"), ("schedule_params", "--schedule-param"),
)


# ---------------------------------------------------------------------------------------------
# Argument types (ArgumentTypeError: argparse names the option, the dispatcher prints one line)
# ---------------------------------------------------------------------------------------------
def key_value(text: str) -> tuple[str, str]:
    """``KEY=VALUE`` -> ``(KEY, VALUE)``; the value stays a string for the registry to coerce."""
    key, sep, value = text.partition("=")
    key = key.strip()
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE (e.g. lr=0.1), got "
                                         f"{_numbers().brief(text)}")
    return key, value.strip()


def _numbers():
    """``surfaces.params``: ASCII number parsing and short quoting, shared with the registry
    (imported when an option is read, so that ``--help`` stays light)."""
    from surfaces import params

    return params


def point(text: str) -> tuple[float, float]:
    """``X,Y`` -> ``(x, y)``, two finite numbers."""
    p = _numbers()
    parts = text.split(",")
    try:
        if len(parts) != 2:
            raise ValueError
        x, y = p.parse_number(parts[0]), p.parse_number(parts[1])
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a point X,Y (two comma-separated numbers, e.g. -1.5,2), got "
            f"{p.brief(text)}") from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise argparse.ArgumentTypeError(f"the point must be two finite numbers, got "
                                         f"{p.brief(text)}")
    return x, y


def positive_int(text: str) -> int:
    p = _numbers()
    try:
        value = p.parse_int(text)
    except ValueError:
        value = None
    if value is None or value <= 0:
        raise argparse.ArgumentTypeError(f"expected a whole number > 0, got {p.brief(text)}")
    return value


def sigma(text: str) -> float:
    p = _numbers()
    try:
        value = p.parse_number(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and value >= 0):
        raise argparse.ArgumentTypeError(f"expected a finite number >= 0, got {p.brief(text)}")
    return value


MAX_SEED = 2**63 - 1  # app.engine.MAX_SEED (not imported here: the parser loads no numpy)

#: at most this many stored points (steps + 1 per start point and racer) in one run's output
MAX_OUTPUT_POINTS = 20_000_000


def seed(text: str) -> int:
    p = _numbers()
    try:
        value = p.parse_int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"expected a whole number from 0 to {MAX_SEED}, "
                                         f"got {p.brief(text)}")
    return value


def add_parser(sub) -> None:
    p = sub.add_parser(
        "run",
        help="simulate without a window and print the numbers (JSON or CSV)",
        description="Run one optimizer on a surface, or every racer of a scenario, and print\n"
                    "the trajectories, losses, |gradient|s and learning rates as JSON or CSV.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    one = p.add_argument_group("one optimizer on one surface")
    one.add_argument("--surface", metavar="NAME", help="surface family (see 'list surfaces')")
    one.add_argument("--surface-param", dest="surface_params", metavar="KEY=VALUE",
                     type=key_value, action="append", default=[],
                     help="a surface parameter, e.g. lambda2=20 (repeatable)")
    one.add_argument("--optimizer", metavar="NAME", action="append",
                     help="optimizer (see 'list optimizers'); one per run, use a scenario to "
                          "race several")
    one.add_argument("--lr", metavar="X", help="learning rate (> 0); the optimizer's default "
                                               "otherwise")
    one.add_argument("--param", dest="params", metavar="KEY=VALUE", type=key_value,
                     action="append", default=[],
                     help="an optimizer hyperparameter, e.g. momentum=0.9 or betas=0.9,0.999 "
                          "(repeatable)")
    one.add_argument("--schedule", metavar="NAME",
                     help="learning-rate schedule (see 'list schedules'); constant otherwise")
    one.add_argument("--schedule-param", dest="schedule_params", metavar="KEY=VALUE",
                     type=key_value, action="append", default=[],
                     help="a schedule parameter, e.g. warmup_steps=20 (repeatable)")
    sc = p.add_argument_group("a scenario")
    sc.add_argument("--scenario", metavar="NAME|PATH",
                    help="built-in scenario name (see 'list scenarios') or a .toml file: runs "
                         "every enabled racer")
    both = p.add_argument_group("either way")
    both.add_argument("--start", dest="starts", metavar="X,Y", type=point, action="append",
                      help="a start point, e.g. --start -1.5,2 (repeatable; replaces a "
                           "scenario's starts)")
    both.add_argument("--steps", metavar="N", type=positive_int,
                      help="number of updates (required without --scenario)")
    both.add_argument("--noise", metavar="SIGMA", type=sigma,
                      help="Gaussian gradient noise: g + SIGMA * N(0, I) (default 0; with "
                           "a scenario, racers with their own noise_sigma keep it)")
    both.add_argument("--seed", metavar="S", type=seed, help="noise seed (default 0)")
    both.add_argument("--batch-size", metavar="B", type=positive_int, dest="batch_size",
                      help="real mini-batches of B examples on a finite-sum surface "
                           "(regression, tiny_net), seeded by --seed; with a scenario it "
                           "applies to every racer")
    both.add_argument("--every", metavar="N", type=positive_int, default=None,
                      help="store every N-th step and the last (default: every step, or as "
                           "few apart as keep the arrays within the engine's memory bound)")
    both.add_argument("--format", choices=("json", "csv"), default="json",
                      help="output format (default json)")
    p.set_defaults(func=run)


# ---------------------------------------------------------------------------------------------
# Building the scenario to run
# ---------------------------------------------------------------------------------------------
def _given(effective: dict, given: dict) -> dict:
    """The coerced values of the keys the user gave (``effective`` has validated them all)."""
    return {key: effective[key] for key in given}


def _from_options(args):
    """A :class:`Scenario` with one racer, built from the single-run options.

    Every name and value is checked here, so errors come with the registries' messages.
    """
    import surfaces
    from app import optimizers, schedules
    from app.scenario import Racer, Scenario
    from surfaces.params import parse_params

    missing = [opt for opt, value in (("--surface", args.surface),
                                      ("--optimizer", args.optimizer),
                                      ("--start", args.starts), ("--steps", args.steps))
               if not value]
    if missing:
        raise ValueError(f"run needs {', '.join(missing)} (or --scenario NAME|PATH); "
                         f"see 'descent-lab run --help'")
    if len(args.optimizer) > 1:
        raise ValueError("give --optimizer once; to race several optimizers use a scenario "
                         "(--scenario NAME|PATH)")
    for option, pairs in (("--surface-param", args.surface_params), ("--param", args.params),
                          ("--schedule-param", args.schedule_params)):
        keys = [key for key, _ in pairs]
        twice = sorted({key for key in keys if keys.count(key) > 1})
        if twice:  # the last one would win silently
            raise ValueError(f"argument {option}: '{twice[0]}' given twice")
    params = dict(args.params)
    if args.lr is not None:
        if "lr" in params:
            raise ValueError("give the learning rate once: --lr X or --param lr=X, not both")
        params["lr"] = args.lr
    # text read by each parameter's type, then the same typed validation as a scenario file's
    name, schedule = args.optimizer[0], args.schedule or "constant"
    surface_params = parse_params(f"surface '{args.surface}'",
                                  surfaces.family(args.surface).PARAMS, dict(args.surface_params))
    params = parse_params(f"optimizer '{name}'", optimizers.spec(name).params_of(params),
                          params)
    schedule_params = parse_params(f"schedule '{schedule}'", schedules.spec(schedule).params,
                                   dict(args.schedule_params))
    surface = surfaces.get(args.surface, **surface_params)
    opt = optimizers.make(name, **params)
    sched = schedules.make(schedule, **schedule_params)
    racer = Racer(optimizer=opt.name, params=_given(opt.hyper, params), schedule=sched.name,
                  schedule_params=_given(sched.params, schedule_params))
    return Scenario(surface=surface.name, surface_params=_given(surface.params, surface_params),
                    starts=tuple(args.starts), racers=(racer,), steps=args.steps,
                    noise_sigma=args.noise or 0.0, noise_seed=args.seed or 0,
                    ).with_batch_size(args.batch_size)


def _from_scenario(args):
    from app import scenario as scenarios

    clashes = [opt for attr, opt in _SINGLE_ONLY if getattr(args, attr)]
    if clashes:
        raise ValueError(f"{', '.join(clashes)} cannot be combined with --scenario (it sets the "
                         f"surface and the racers; only --start, --steps, --noise, --seed, "
                         f"--batch-size and --format can override it)")
    if not args.scenario.strip():
        raise ValueError("argument --scenario: expected a built-in name or a .toml path, got ''")
    sc = scenarios.load(args.scenario)
    if sc.netlab is not None:
        return _netlab_scenario(sc, args)
    changes = {}
    if args.starts:
        changes["starts"] = tuple(args.starts)
    if args.steps is not None:
        changes["steps"] = args.steps
    if args.noise is not None:
        changes["noise_sigma"] = args.noise
    if args.seed is not None:
        changes["noise_seed"] = args.seed
    sc = sc.with_changes(**changes).with_batch_size(args.batch_size)
    if not sc.starts:
        raise ValueError(f"scenario '{sc.name or args.scenario}' has no start points: give "
                         f"one with --start X,Y")
    if not any(r.enabled for r in sc.racers):
        raise ValueError(f"scenario '{sc.name or args.scenario}' has no enabled racer")
    return sc


def _netlab_scenario(sc, args):
    """A network-lab scenario with the command line's overrides applied to its table."""
    from app.netlab.scenario import with_overrides

    if args.starts:
        raise ValueError(f"--start does not apply to the network-lab scenario "
                         f"'{sc.name or args.scenario}' (it trains a network)")
    return with_overrides(sc, steps=args.steps, noise_sigma=args.noise, noise_seed=args.seed)


def _run_netlab(sc, args) -> int:
    from app import report
    from app.netlab.scenario import csv_rows, run_report

    data = run_report(sc)
    if args.format == "csv":
        import csv

        def write(out):
            writer = csv.writer(out, lineterminator="\n")
            writer.writerows(csv_rows(data))
        emit(write)
    else:
        emit(lambda out: report.write_json(data, out))
    return 0


def _check_steps(steps: int) -> None:
    from app.scenario import MAX_STEPS

    if steps > MAX_STEPS:
        raise ValueError(f"argument --steps: at most {MAX_STEPS} steps, got {steps}")


def check_size(sc, every: int | None = None) -> None:
    """Refuse, before any work, a run whose output could not be held (or read)."""
    racers = sum(1 for r in sc.racers if r.enabled)
    stored = sc.steps + 1 if every is None else sc.steps // every + 2
    total = stored * len(sc.starts) * racers
    if total > MAX_OUTPUT_POINTS:
        raise ValueError(f"too much output: {sc.steps} steps x {len(sc.starts)} start points x "
                         f"{racers} racer{'s' if racers != 1 else ''} is {total:,} points (at "
                         f"most {MAX_OUTPUT_POINTS:,}); use fewer steps or start points, or "
                         f"store every N-th step (--every N)")


def emit(write) -> None:
    """Call ``write(sys.stdout)``; a closed pipe (``| head``) ends quietly, a full disk
    (``> /dev/full``) is one clear error."""
    from app.cli import flush_stdout, stdout_error

    try:
        try:
            write(sys.stdout)
        except BrokenPipeError:
            raise
        except OSError as err:
            raise stdout_error(err) from None
        flush_stdout()
    except BrokenPipeError:
        # Python's recommended handling: no second error when the interpreter flushes at exit.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass


def run(args) -> int:
    from app import report

    sc = _from_scenario(args) if args.scenario is not None else _from_options(args)
    if sc.netlab is not None:
        return _run_netlab(sc, args)
    _check_steps(sc.steps)
    every = getattr(args, "every", None)
    check_size(sc, every)
    surface = sc.build_surface()  # ValueError with the registry's message on bad names/values
    for racer in sc.racers:
        racer.build()  # likewise for optimizers and schedules, before any work is done
    from app.engine import Noise

    noise = Noise(sc.noise_sigma, sc.noise_seed)  # validates them
    runs = sc.simulate(surface, every)
    if args.format == "csv":
        emit(lambda out: report.write_csv(runs, out, surface))
    else:
        name = (sc.name or args.scenario) if args.scenario is not None else None
        data = report.build(surface, runs, noise=noise, scenario=name)
        emit(lambda out: report.write_json(data, out))
    return 0
