"""The window's language: Qt's translators, a font for Hangul and Han, View > Language.

:func:`apply_language` installs the ``QTranslator`` of ``assets/i18n/descent_lab_<lang>.qm``
(and Qt's own ``qtbase_<lang>.qm``, so standard buttons such as Cancel follow), tells
:mod:`app.i18n` (the headless texts: lessons, narration), and gives the application font a
CJK fallback family (:func:`cjk_family`) so no character is drawn as a box, in the window and
in every export (exports render with the same font). :func:`choose_language`: ``--lang``, else
the choice remembered from View > Language (``QSettings``), else the system locale.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QSettings, QTranslator
from PySide6.QtGui import QAction, QActionGroup, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget

from app import i18n
from app.i18n import QT_TRANSLATE_NOOP

__all__ = ["SETTINGS_KEY", "CJK_FAMILIES", "apply_language", "choose_language", "cjk_family",
           "saved_language", "save_language", "language_menu", "missing_font_message"]

#: the QSettings key of the language chosen in View > Language
SETTINGS_KEY = "ui/language"
#: fonts that cover both Hangul and Han, best first for each language (Debian's fonts-noto-cjk
#: and fonts-wqy-microhei, then the usual ones of Windows and macOS)
CJK_FAMILIES = {
    "ko": ("Noto Sans CJK KR", "Noto Sans KR", "Source Han Sans K", "WenQuanYi Micro Hei",
           "Malgun Gothic", "Apple SD Gothic Neo", "Noto Sans CJK SC"),
    "zh": ("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
           "Microsoft YaHei", "PingFang SC", "Noto Sans CJK KR"),
}
CJK_FAMILIES["en"] = CJK_FAMILIES["zh"]  # an English window still shows a typed Hangul label

_installed: list[QTranslator] = []


def cjk_family(lang: str | None = None) -> str | None:
    """The installed font family that draws ``lang``'s Hangul or Han (None: none found)."""
    have = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES[lang or i18n.language()] if f in have), None)


_NO_FONT = QT_TRANSLATE_NOOP(
    "Language", "No font for Korean and Chinese characters was found, so they may show as "
    "boxes. Install one, e.g. 'sudo apt install fonts-noto-cjk' (or fonts-wqy-microhei).")
_NEXT_START = QT_TRANSLATE_NOOP(
    "Language", "Descent Lab will use {language} the next time it starts.")


def missing_font_message(lang: str) -> str:
    """What to install when no CJK font is found (in ``lang``)."""
    return i18n.translate("Language", _NO_FONT, lang)


def _load(translator: QTranslator, data: bytes) -> bool:
    translator._data = data  # QTranslator reads from the buffer later: keep it alive
    return translator.load(data)


def apply_language(app: QCoreApplication, lang: str | None = None) -> str:
    """Speak ``lang`` (default: :func:`app.i18n.language`) from now on: translators, the
    headless texts and the font. Widgets built afterwards show the new language."""
    lang = i18n.set_language(lang or i18n.language())
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang != i18n.DEFAULT_LANGUAGE:
        own = QTranslator(app)
        if _load(own, i18n.qm_path(lang).read_bytes()):
            _installed.append(own)
        qt = QTranslator(app)
        qt_name = {"zh": "zh_CN"}.get(lang, lang)
        if qt.load(f"qtbase_{qt_name}",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            _installed.append(qt)
        for t in _installed:
            app.installTranslator(t)
    if isinstance(app, QApplication):
        _apply_font(app, lang)
    return lang


def _apply_font(app: QApplication, lang: str) -> None:
    font = QFont(app.font())
    base = [f for f in font.families() if f not in {f for v in CJK_FAMILIES.values() for f in v}]
    cjk = cjk_family(lang)
    font.setFamilies([*(base or [font.family()]), *([cjk] if cjk else [])])
    app.setFont(font)
    if cjk is None and lang != i18n.DEFAULT_LANGUAGE:
        print("descent-lab: " + missing_font_message(lang), file=sys.stderr)


def app_font_families() -> list[str]:
    """The families the application font tries, in order (the base font, then the CJK one)."""
    return QApplication.font().families()


# -- choosing -----------------------------------------------------------------------------------
def _settings() -> QSettings:
    return QSettings()


def saved_language() -> str | None:
    """The language remembered from View > Language (None: never chosen, or unreadable)."""
    value = _settings().value(SETTINGS_KEY, "")
    return i18n.from_locale(str(value)) if value else None


def save_language(lang: str) -> None:
    s = _settings()
    s.setValue(SETTINGS_KEY, i18n.normalize(lang))
    s.sync()


def choose_language(cli_lang: str | None = None) -> str:
    """``--lang`` if given, else View > Language's remembered choice, else the system's."""
    return cli_lang or saved_language() or i18n.system_language()


def language_menu(parent: QWidget) -> QMenu:
    """View > Language: one checkable entry per language, in its own name; choosing one
    remembers it and says that the next start uses it (the open window keeps its texts)."""
    menu = QMenu(QCoreApplication.translate("Language", "&Language"), parent)
    group = QActionGroup(menu)
    group.setExclusive(True)
    for lang in i18n.LANGUAGES:
        act = QAction(i18n.LANGUAGE_NAMES[lang], menu, checkable=True)
        act.setData(lang)
        act.setChecked(lang == i18n.language())
        group.addAction(act)
        menu.addAction(act)
    group.triggered.connect(lambda act: _chosen(parent, act.data()))
    menu.setObjectName("languageMenu")
    return menu


def _chosen(parent: QWidget, lang: str) -> None:
    save_language(lang)
    if lang == i18n.language():
        return
    text = i18n.translate("Language", _NEXT_START, lang).format(
        language=i18n.LANGUAGE_NAMES[lang])
    box = QMessageBox(QMessageBox.Icon.Information, i18n.LANGUAGE_NAMES[lang], text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("languageChangedBox")
    box.open()

