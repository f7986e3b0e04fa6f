"""The program's language: English, Korean (``ko``) or Simplified Chinese (``zh``), no Qt.

One catalogue per language, ``assets/i18n/descent_lab_<lang>.ts`` (Qt Linguist's XML): the
window loads its compiled twin ``descent_lab_<lang>.qm`` into a ``QTranslator``; everything
headless (the CLI, step narration, list titles) reads the same ``.ts`` here. A string is marked
for translation with :func:`translate` (``translate("Context", "English text")``), which
``pyside6-lupdate`` extracts as it extracts ``QCoreApplication.translate``; a string with
values is written with named ``{fields}`` and formatted *after* the lookup (never an
f-string: the catalogue holds the text before formatting)::

    translate("cli", "cannot load: {reason}").format(reason=err)

A constant defined before the language is known is marked with :func:`QT_TRANSLATE_NOOP` and
translated where it is shown.

``tools/update_translations.py`` extracts the marked strings into the ``.ts`` files and compiles
the ``.qm`` files; ``tests/test_i18n.py`` fails on any string without a translation.

The language is chosen in this order: ``--lang`` (every CLI subcommand), View > Language
(remembered, the window only), the system locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, the
first one set), else English.
"""

from __future__ import annotations

import functools
import os
import xml.etree.ElementTree as ET
from collections.abc import Mapping

__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "DEFAULT_LANGUAGE", "language", "set_language",
           "system_language", "from_locale", "normalize", "translate", "catalogue",
           "catalogue_path", "qm_path", "QT_TRANSLATE_NOOP"]

#: the languages Descent Lab speaks (``en`` is the source language: no catalogue)
LANGUAGES = ("en", "ko", "zh")
DEFAULT_LANGUAGE = "en"
#: each language's name in itself (what View > Language lists)
LANGUAGE_NAMES = {"en": "English", "ko": "한국어", "zh": "简体中文"}
#: the locale variables that choose the language, strongest first (POSIX's order)
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
#: the catalogue files' name in ``assets/i18n``
_STEM = "descent_lab_{lang}"

_current = DEFAULT_LANGUAGE


def normalize(lang: str) -> str:
    """``"ko"``, ``"KO"``, ``"zh_CN"``, ``"zh-Hans"`` -> a member of :data:`LANGUAGES`;
    ``ValueError`` naming the choices otherwise."""
    code = from_locale(lang)
    if code is None:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return code


def from_locale(value: str | None) -> str | None:
    """The language of a locale name (``ko_KR.UTF-8`` -> ``ko``, ``zh_CN`` -> ``zh``,
    ``C``/``POSIX``/``en_US`` -> ``en``); None for a language Descent Lab does not speak."""
    if not value:
        return None
    base = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].strip().lower()
    if base in ("c", "posix"):
        return "en"
    return base if base in LANGUAGES else None


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the first locale variable that is set (``LC_ALL``, then
    ``LC_MESSAGES``, then ``LANG``); English when it names another language or none is set."""
    env = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            return from_locale(value) or DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def language() -> str:
    """The language in use now."""
    return _current


def set_language(lang: str) -> str:
    """Use ``lang`` from now on (normalized; ``ValueError`` for an unknown one); returns it."""
    global _current
    _current = normalize(lang)
    return _current


def _asset(name: str):
    from app.assets import I18N

    return I18N / name


def catalogue_path(lang: str):
    """The ``.ts`` catalogue of ``lang`` (a ``Traversable`` inside the package data)."""
    return _asset(_STEM.format(lang=lang) + ".ts")


def qm_path(lang: str):
    """The compiled ``.qm`` of ``lang`` (what ``QTranslator`` loads)."""
    return _asset(_STEM.format(lang=lang) + ".qm")


@functools.cache
def catalogue(lang: str) -> dict[tuple[str, str], str]:
    """``{(context, English source): translation}`` of every finished message of ``lang``'s
    ``.ts`` (empty for English or a missing file)."""
    if lang == DEFAULT_LANGUAGE:
        return {}
    try:
        root = ET.fromstring(catalogue_path(lang).read_bytes())
    except (OSError, FileNotFoundError):
        return {}
    found = {}
    for ctx in root.iter("context"):
        name = ctx.findtext("name", "")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if tr.text:
                found[(name, msg.findtext("source", ""))] = tr.text
    return found


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate knows)
    """Marks ``text`` for the catalogue where it is defined (a constant); pass it through
    :func:`translate` with the same context where it is shown."""
    return text


def translate(context: str, text: str, lang: str | None = None) -> str:
    """``text`` in ``lang`` (default: the current language); ``text`` itself when there is
    no translation (English, or a string not yet translated)."""
    lang = lang or _current
    if lang == DEFAULT_LANGUAGE:
        return text
    return catalogue(lang).get((context, text), text)
