"""The ``descent-lab`` command line: ``gui`` (default), ``run``, ``list``, ``analyze``, ``render``,
``install-desktop``, ``uninstall-desktop``.

Every subcommand takes ``--lang ko|zh|en`` (before or after its name); without it the
language follows the system locale (:func:`app.i18n.system_language`).

Each subcommand is a module ``app/cli/NAME_cmd.py`` with ``add_parser(subparsers)`` (which sets
``func``) and a ``run(args) -> int``. Bad input raises ``ValueError`` (or :class:`CliError`);
:func:`main` prints it as one line on stderr and exits 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import re
import sys

from app import i18n
from app.i18n import translate

__all__ = ["main", "CliError", "build_parser", "flush_stdout", "stdout_error"]

#: preferred order in ``--help``; any other ``*_cmd`` module found here is added after these
ORDER = ("gui", "run", "list", "analyze", "render")
#: subcommands whose result goes to standard output
_PRINTS = ("run", "list", "analyze")
#: a value, not an option: -1.5, -.5, -:5, -,1, -inf, -nan (an option is --name or -letter)
_NEGATIVE = re.compile(r"^-([^A-Za-z-]|inf|nan)", re.IGNORECASE)


class CliError(ValueError):
    """A user error: printed as one line, exit status 2."""


class _Version(argparse.Action):
    """``--version``: the installed package's version, read only when asked (app.about)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        from app.about import version

        parser._print_message(f"descent-lab {version()}\n", sys.stdout)  # a failed write: exit 2
        parser.exit()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one clear line, no usage dump
        raise CliError(message)

    def _print_message(self, message, file=None):  # argparse's own ignores a failed write
        if message:
            try:
                (file or sys.stderr).write(message)
            except BrokenPipeError:
                raise
            except OSError as err:
                raise stdout_error(err) from None


def _join_negative_values(argv: list[str]) -> list[str]:
    """``--start -1.5,2`` -> ``--start=-1.5,2`` (argparse would take ``-1.5,2`` for an option).

    ``-inf``/``-nan`` and other values that start with ``-`` but cannot be an option
    (``--steps -:5``) are joined too, so the option's own check explains what is wrong.
    """
    out: list[str] = []
    for token in argv:
        if out and out[-1].startswith("--") and "=" not in out[-1] and _NEGATIVE.match(token):
            out[-1] = f"{out[-1]}={token}"
        else:
            out.append(token)
    return out


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="descent-lab",
        description="Watch optimizers descend 2D error surfaces.",
    )
    parser.add_argument("--version", action=_Version)
    _add_lang(parser, default=None)
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    found = {m.name[:-4] for m in pkgutil.iter_modules(__path__) if m.name.endswith("_cmd")}
    for name in [*(n for n in ORDER if n in found), *sorted(found - set(ORDER))]:
        importlib.import_module(f"app.cli.{name}_cmd").add_parser(sub)
    for subparser in sub.choices.values():
        _add_lang(subparser, default=argparse.SUPPRESS)  # keeps a --lang given before it
    return parser


def _add_lang(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=default,
                        help="the language of titles and messages (default: the system "
                             "locale, LC_ALL / LC_MESSAGES / LANG)")


def _given_lang(argv: list[str]) -> str | None:
    """The valid ``--lang`` value anywhere in ``argv`` (the last one), else None."""
    found = None
    for i, token in enumerate(argv):
        value = (argv[i + 1] if token == "--lang" and i + 1 < len(argv)
                 else token[7:] if token.startswith("--lang=") else None)
        if value in i18n.LANGUAGES:
            found = value
    return found


def _leading_lang(argv: list[str]) -> int:
    """How many tokens at the start of ``argv`` are ``--lang X`` / ``--lang=X``."""
    i = 0
    while i < len(argv) and (argv[i] == "--lang" or argv[i].startswith("--lang=")):
        i += 2 if argv[i] == "--lang" else 1
    return min(i, len(argv))


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush raises nothing more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def stdout_error(err: OSError) -> CliError:
    """The :class:`CliError` for output that could not be written (``> /dev/full``: a full
    disk), so the exit status says so; stdout is pointed at /dev/null, or the interpreter's own
    flush at exit would fail again."""
    _silence_stdout()
    return CliError(f"cannot write to standard output: {err.strerror or type(err).__name__}")


def flush_stdout() -> None:
    """Make sure what was printed arrived (:func:`stdout_error` if not); ``BrokenPipeError``
    (``| head``) is left to the caller."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as err:
        raise stdout_error(err) from None


def _one_line(text: str) -> str:
    """``text`` with line breaks and other control characters escaped (a file or key name can
    hold them): an error is always one line."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _os_error_text(err: OSError) -> str:
    """An ``OSError`` that no command explained: its reason and file, without ``[Errno N]``."""
    reason = err.strerror or str(err) or type(err).__name__
    return f"{err.filename}: {reason}" if err.filename else reason


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lead = _leading_lang(argv)
    rest = argv[lead:]
    if not rest or rest[0].startswith("-") and rest[0] not in ("-h", "--help", "--version"):
        argv = [*argv[:lead], "gui", *rest]
    before = i18n.language()
    i18n.set_language(_given_lang(argv) or i18n.system_language())  # parse errors follow it
    try:
        try:
            args = build_parser().parse_args(_join_negative_values(argv))
        except SystemExit:  # --help or --version was printed: did it arrive?
            flush_stdout()  # CliError (exit 2) if not
            raise
        if getattr(args, "lang", None):
            i18n.set_language(args.lang)
        if sys.stdout is None and args.command in _PRINTS:  # started with stdout closed (>&-)
            raise CliError(f"{args.command} prints its result, but standard output is closed")
        code = int(args.func(args) or 0)
        flush_stdout()
        return code
    except BrokenPipeError:  # e.g. `descent-lab analyze ... | head`: the reader has had enough
        _silence_stdout()
        return 0
    except ValueError as err:
        _error(_one_line(str(err)))
        return 2
    except OSError as err:
        _error(_one_line(_os_error_text(err)))
        return 2
    except MemoryError:
        _error(translate("cli", "not enough memory for this request (use fewer steps, start "
                                "points or a smaller size)"))
        return 2
    except KeyboardInterrupt:
        print("descent-lab: " + translate("cli", "interrupted"), file=sys.stderr)
        return 130
    finally:
        i18n.set_language(before)  # main() called in-process (tests) leaves no trace


def _error(message: str) -> None:
    word = translate("cli", "error")
    print(f"descent-lab: {word}: {message}", file=sys.stderr)
