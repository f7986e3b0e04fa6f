"""Extract the marked strings into the translation catalogues and compile them.

    .venv/bin/python tools/update_translations.py          # update .ts, compile .qm
    .venv/bin/python tools/update_translations.py --check  # exit 1 if anything is out of date
    .venv/bin/python tools/update_translations.py --lessons-translated  # after translating them

``pyside6-lupdate`` reads every ``tr(...)``, ``QCoreApplication.translate(...)`` and
``app.i18n.translate(...)`` in ``app/`` and ``surfaces/``, and the texts of the registries
(each surface's title and description, context ``surfaces``, and each schedule's title,
``schedules``, and every parameter's help, ``params``: :func:`registry_texts`), and
merges them into
``assets/i18n/descent_lab_<lang>.ts`` (a new string arrives ``unfinished``: translate it there,
e.g. in ``pyside6-linguist``); strings no longer in the code are dropped. ``pyside6-lrelease``
then compiles each ``.ts`` into the ``.qm`` that the window loads. Both tools ship with
PySide6-Essentials. ``tests/test_i18n.py`` runs the same steps into a temporary folder and
fails on a missing translation or a stale ``.qm``.

The lessons' own translations live in their scenario files (``[lesson.ko]``, ``[lesson.zh]``).
``LESSON_SOURCES`` records a fingerprint of the English each was translated from; the test
names every lesson whose English changed since (translate the change, then run
``--lessons-translated`` to record the new English).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSON_SOURCES = ROOT / "tests" / "fixtures" / "lesson_translation_sources.json"
I18N = ROOT / "assets" / "i18n"
SOURCES = ("app", "surfaces")
#: the catalogue languages and the name Qt Linguist gives each
TARGETS = {"ko": "ko", "zh": "zh_CN"}


def tool(name: str) -> str:
    """The path of ``pyside6-<name>`` (beside this Python first: the venv's)."""
    here = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(here) if here.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found (it comes with PySide6-Essentials)")
    return found


def sources(root: Path = ROOT) -> list[str]:
    return sorted(str(p) for d in SOURCES for p in (root / d).rglob("*.py"))


_EXTRA = re.compile(r"\n *<extracomment>[^<]*</extracomment>")


def ts_name(lang: str) -> str:
    return f"descent_lab_{lang}.ts"


def registry_texts() -> str:
    """Python source marking the registries' texts for lupdate (``QT_TRANSLATE_NOOP``): they
    are defined once, in their registries, and looked up with ``translate("surfaces", text)``
    where they are shown."""
    sys.path.insert(0, str(ROOT))
    import surfaces
    from app import schedules

    lines = []
    for name in surfaces.names():
        fam = surfaces.family(name)
        lines += [f"QT_TRANSLATE_NOOP('surfaces', {text!r})"
                  for text in (fam.title, fam.description) if text]
    lines += [f"QT_TRANSLATE_NOOP('schedules', {schedules.spec(name).title!r})"
              for name in schedules.names()]
    lines += [f"QT_TRANSLATE_NOOP('params', {doc!r})" for doc in param_docs()]
    return "\n".join(lines) + "\n"


def param_docs() -> list[str]:
    """Every parameter's one-line help (a field's tooltip): surfaces, optimizers, schedules
    and the network lab's settings, each text once."""
    import surfaces
    from app import optimizers, schedules
    from app.netlab.train import CONFIG_PARAMS

    params = [*(p for n in surfaces.names() for p in surfaces.family(n).PARAMS),
              *(p for n in optimizers.names() for p in optimizers.spec(n).params),
              *(p for n in schedules.names() for p in schedules.spec(n).params),
              *CONFIG_PARAMS]
    return list(dict.fromkeys(p.doc for p in params if p.doc))


def update(folder: Path, root: Path = ROOT) -> None:
    """lupdate the ``.ts`` files in ``folder`` from the sources, then lrelease each."""
    with tempfile.TemporaryDirectory() as tmp:
        registry = Path(tmp) / "registry_texts.py"
        registry.write_text(registry_texts(), encoding="utf-8")
        for lang, qt_lang in TARGETS.items():
            _update_one(folder / ts_name(lang), qt_lang, [*sources(root), str(registry)], root)


def _update_one(ts: Path, qt_lang: str, files: list[str], root: Path) -> None:
    subprocess.run([tool("lupdate"), "-silent", "-locations", "none", "-no-obsolete",
                    "-source-language", "en", "-target-language", qt_lang,
                    *files, "-ts", str(ts)], check=True, cwd=root)
    # lupdate takes a "#:" comment above a string for a note to translators: drop those, so
    # editing a code comment does not change the catalogue
    text = ts.read_text(encoding="utf-8")
    ts.write_text(_EXTRA.sub("", text), encoding="utf-8")
    subprocess.run([tool("lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
                   check=True)


def lesson_fingerprints() -> dict[str, dict[str, str]]:
    """``{lesson: {field: sha256 of its English text (12 hex digits)}}`` of every built-in."""
    import hashlib

    sys.path.insert(0, str(ROOT))
    from app import scenario as S

    out = {}
    for name in S.builtin_names():
        lesson = S.load(name).lesson
        out[name] = {k: hashlib.sha256(getattr(lesson, k).encode()).hexdigest()[:12]
                     for k in S.LESSON_TEXT_FIELDS if getattr(lesson, k)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if the catalogues are out of date")
    parser.add_argument("--lessons-translated", action="store_true",
                        help="record the English every lesson's translation now follows")
    args = parser.parse_args(argv)
    if args.lessons_translated:
        import json

        LESSON_SOURCES.write_text(json.dumps(lesson_fingerprints(), indent=1, sort_keys=True)
                                  + "\n", encoding="utf-8")
        return 0
    if not args.check:
        I18N.mkdir(parents=True, exist_ok=True)
        update(I18N)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        for lang in TARGETS:
            for suffix in (".ts", ".qm"):
                src = I18N / ts_name(lang).replace(".ts", suffix)
                if src.exists():
                    shutil.copy(src, tmp)
        update(Path(tmp))
        stale = [p.name for p in sorted(Path(tmp).iterdir())
                 if not (I18N / p.name).exists() or (I18N / p.name).read_bytes() != p.read_bytes()]
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
