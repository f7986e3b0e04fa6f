"""``descent-lab list surfaces|optimizers|schedules|scenarios``: what there is, in columns.

Each line is one item (so ``| grep`` finds an item with its defaults); parameters are shown as
``KEY=VALUE`` in the syntax ``descent-lab run`` accepts (tuples comma-separated).
``--markdown`` prints the optimizers or schedules as the Markdown table the README shows (made
from the registries, so the README cannot drift: a test compares them).
"""

from __future__ import annotations

import shlex
import unicodedata

from app.i18n import translate

KINDS = ("surfaces", "optimizers", "schedules", "scenarios")


def add_parser(sub) -> None:
    p = sub.add_parser(
        "list",
        help="list surfaces, optimizers, schedules or scenarios with their defaults",
        description="List what Descent Lab knows, with titles and default parameters.",
    )
    p.add_argument("what", metavar="{" + ",".join(KINDS) + "}",
                   help="what to list (singular works too: 'list surface')")
    p.add_argument("--markdown", action="store_true",
                   help="optimizers or schedules as a Markdown table (the README's)")
    p.set_defaults(func=run)


def fmt_value(value) -> str:
    """A parameter value as a user would type it: ``0.001``, ``0.9,0.999``, ``true``, ``relu``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format(value, ".6g")
    if isinstance(value, list | tuple):
        return ",".join(fmt_value(v) for v in value)
    if isinstance(value, str):
        return shlex.quote(value)  # quoted if it has spaces, so the line can be pasted
    return str(value)


def fmt_params(params) -> str:
    """``Param`` specs as ``name=default ...`` (``-`` when there are none)."""
    return " ".join(f"{p.name}={fmt_value(p.default)}" for p in params) or "-"


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: a Hangul or Han character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """Left-aligned columns two spaces apart; the last column is not padded."""
    rows = [header, *rows]
    widths = [max(width(r[i]) for r in rows) for i in range(len(header) - 1)]
    lines = []
    for r in rows:
        cells = [c + " " * (w - width(c)) for c, w in zip(r, widths, strict=False)] + [r[-1]]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _surfaces() -> str:
    import surfaces

    rows = []
    for name in surfaces.names():
        fam = surfaces.family(name)
        rows.append((name, translate("surfaces", fam.title), fmt_params(fam.PARAMS)))
    return table(("NAME", "TITLE", "PARAMETERS (defaults)"), rows)


_FAMILY_WORDS = {"gd": "gradient descent", "heavy_ball": "heavy ball", "nesterov": "Nesterov",
                 "adaptive": "adaptive", "other": "other"}


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def optimizers_markdown() -> str:
    """The README's optimizer table, from the registry."""
    from app import optimizers

    lines = ["| name | update | hyperparameters (defaults) | stability family | checked against |",
             "| --- | --- | --- | --- | --- |"]
    for s in optimizers.specs():
        family = _FAMILY_WORDS[s.dynamics(s.effective({}), 1).family]
        lines.append(f"| `{s.name}` | {_md(s.summary)} | `{fmt_params(s.params)}` | {family} "
                     f"| {_md(s.reference)} |")
    return "\n".join(lines) + "\n"


def schedules_markdown() -> str:
    """The README's schedule table, from the registry."""
    from app import schedules

    lines = ["| name | factor of lr at step t | parameters (defaults) | torch twin |",
             "| --- | --- | --- | --- |"]
    common = {p.name: p.default for p in schedules.spec("constant").params}
    for name in schedules.names():
        s = schedules.spec(name)  # the warm-up every schedule takes is said once, below it
        own = tuple(p for p in s.params if common.get(p.name, object()) != p.default)
        twin = f"`{s.torch_name}`" if s.torch_name else "-"
        lines.append(f"| `{name}` | {_md(s.title)}: `{_md(s.formula)}` | "
                     f"`{fmt_params(own)}` | {twin} |")
    return "\n".join(lines) + "\n"


def _optimizers() -> str:
    from app import optimizers

    rows = []
    for name in optimizers.names():
        s = optimizers.spec(name)
        rows.append((name, s.summary, fmt_params(s.params)))
    return table(("NAME", "UPDATE", "PARAMETERS (defaults)"), rows)


def _schedules() -> str:
    from app import schedules

    rows = []
    for name in schedules.names():
        s = schedules.spec(name)
        rows.append((name, f"{translate('schedules', s.title)}: {s.formula}",
                     fmt_params(s.params)))
    return table(("NAME", "FACTOR OF lr AT STEP t", "PARAMETERS (defaults)"), rows)


def _scenarios() -> str:
    from app.lesson_order import builtin_lessons

    rows = []
    for name, loaded in builtin_lessons():
        if isinstance(loaded, Exception):  # a broken file is shown, not fatal: the others list
            reason = " ".join(str(loaded).split())
            rows.append((name, "!", translate("cli", "cannot load: {reason}").format(
                reason=reason)))
        else:
            lesson = loaded.lesson.localized()
            rows.append((name, lesson.tag or "-", lesson.title or "-"))
    return table((translate("cli", "NAME"), translate("cli", "LESSON"),
                  translate("cli", "TITLE")), rows)


_LISTERS = {"surfaces": _surfaces, "optimizers": _optimizers, "schedules": _schedules,
            "scenarios": _scenarios}


def run(args) -> int:
    from surfaces.params import unknown_name_error

    what = args.what.strip().lower()
    if what not in _LISTERS and what + "s" in _LISTERS:
        what += "s"
    if what not in _LISTERS:
        raise unknown_name_error("list", args.what, KINDS)
    from app.cli.run_cmd import emit

    markdown = {"optimizers": optimizers_markdown, "schedules": schedules_markdown}
    if getattr(args, "markdown", False):
        if what not in markdown:
            raise ValueError(f"--markdown lists optimizers or schedules, not {what}")
        text = markdown[what]()
    else:
        text = _LISTERS[what]()
    emit(lambda out: out.write(text))
    return 0
