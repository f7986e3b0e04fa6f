"""The window's languages: Qt's translators agree with the catalogue, every translated character
has a glyph in the app's font, View > Language remembers the choice, a window built in Korean
or Chinese shows it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QTranslator
from PySide6.QtGui import QFont, QRawFont
from PySide6.QtWidgets import QApplication, QMessageBox

from app import i18n
from app import scenario as S
from app.ui import language

FOREIGN = [lang for lang in i18n.LANGUAGES if lang != "en"]


@pytest.fixture
def speak(themed_app):
    """``speak(lang)``: the app in ``lang`` for one test, English again afterwards."""
    yield lambda lang: language.apply_language(themed_app, lang)
    language.apply_language(themed_app, "en")


@pytest.fixture
def settings(tmp_path, monkeypatch):
    path = str(tmp_path / "settings.ini")
    monkeypatch.setattr(language, "_settings",
                        lambda: QSettings(path, QSettings.Format.IniFormat))
    return lambda: QSettings(path, QSettings.Format.IniFormat)


def _texts(lang: str) -> list[str]:
    """Every translated string of ``lang``: the catalogue and the built-in lessons.

    ``QRawFont`` is one font file (``QFontMetrics.inFont`` would also count Qt's fallback
    fonts), so a character passes only if a family the app font names has its glyph."""
    texts = list(i18n.catalogue(lang).values())
    for name in S.builtin_names():
        texts += S.load(name).lesson.translations.get(lang, {}).values()
    return texts


@pytest.mark.parametrize("lang", FOREIGN)
def test_the_qm_translates_every_catalogue_message_as_the_ts_says(lang):
    qm = QTranslator()
    data = i18n.qm_path(lang).read_bytes()  # QTranslator reads the buffer later: keep it
    assert qm.load(data)
    cat = i18n.catalogue(lang)
    assert cat
    for (ctx, src), text in cat.items():
        assert qm.translate(ctx, src) == text, (ctx, src)


@pytest.mark.parametrize("lang", FOREIGN)
def test_every_translated_character_has_a_glyph_in_the_app_font(speak, lang):
    speak(lang)
    families = QApplication.font().families()
    cjk = language.cjk_family(lang)
    assert cjk is not None and cjk in families  # .ci/setup installs fonts-wqy-microhei
    raws = [QRawFont.fromFont(QFont(f)) for f in families]
    assert all(r.isValid() for r in raws)
    chars = {c for text in _texts(lang) for c in text if c.isprintable() and not c.isspace()}
    assert sum("\uac00" <= c <= "\ud7a3" or "\u4e00" <= c <= "\u9fff" for c in chars) > 20
    boxes = sorted(c for c in chars if not any(r.supportsCharacter(ord(c)) for r in raws))
    assert not boxes, f"{lang}: no glyph in {families} for {boxes}"


def test_apply_language_installs_the_translator_and_the_headless_language(speak):
    speak("ko")
    assert i18n.language() == "ko"
    assert QCoreApplication.translate("Language", "&Language") == "언어(&L)"
    speak("zh")
    assert QCoreApplication.translate("Language", "&Language") == "语言(&L)"
    speak("en")
    assert QCoreApplication.translate("Language", "&Language") == "&Language"


def test_choose_language_order(settings, monkeypatch):
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert language.saved_language() is None
    assert language.choose_language() == "zh"  # the system locale
    language.save_language("ko")
    assert settings().value(language.SETTINGS_KEY) == "ko"
    assert language.choose_language() == "ko"  # View > Language beats the locale
    assert language.choose_language("en") == "en"  # --lang beats both


def test_view_language_remembers_the_choice(window, settings, no_blocking_dialogs, qtbot):
    menu = window.language_menu
    assert menu in [a.menu() for a in window.menus["view"].actions() if a.menu()]
    actions = {a.data(): a for a in menu.actions()}
    assert set(actions) == set(i18n.LANGUAGES)
    assert actions["en"].isChecked() and actions["ko"].text() == "한국어"
    actions["zh"].trigger()
    assert settings().value(language.SETTINGS_KEY) == "zh"
    assert actions["zh"].isChecked() and not actions["en"].isChecked()
    box = window.findChild(QMessageBox, "languageChangedBox")
    assert box is not None and "简体中文" in box.text() and "下次启动" in box.text()
    box.close()


def test_the_export_dialog_speaks_korean_and_chinese(speak, window):
    from app.ui.export_dialog import ExportDialog

    for lang, title, kind in (("ko", "내보내기", "움직이는 GIF"), ("zh", "导出", "GIF 动画")):
        speak(lang)
        dlg = ExportDialog(window.session, window)
        assert dlg.windowTitle() == title
        assert dlg.kind.currentText() == kind
        assert any("\uac00" <= c <= "\ud7a3" or "\u4e00" <= c <= "\u9fff"
                   for c in dlg.summary.text())
        dlg.deleteLater()


def test_parameter_tooltips_come_from_the_catalogue(speak, qtbot):
    """A field's tooltip is its parameter's help in the language (the registries' docs are in
    the catalogue, context ``params``)."""
    from app import optimizers
    from app.ui.param_fields import ParamField

    lr = next(p for p in optimizers.spec("gd").params if p.name == "lr")
    speak("ko")
    ko = ParamField(lr)
    qtbot.addWidget(ko)
    assert i18n.translate("params", lr.doc, "ko") in ko.toolTip() and "학습률" in ko.toolTip()
    speak("zh")
    zh = ParamField(lr)
    qtbot.addWidget(zh)
    assert "学习率" in zh.toolTip()


def test_an_export_frame_speaks_the_language_with_the_cjk_font(speak):
    """Exports render offscreen with the same application font and translators: a frame made
    in Korean titles its readouts in Korean, drawn with the CJK family."""
    from app.ui.render import FrameRenderer
    from app.ui.session import Session

    speak("ko")
    renderer = FrameRenderer(Session(S.load("p1_divergence")), size=(480, 320))
    try:
        title = renderer.readouts.loss_plot.getPlotItem().titleLabel.text
        assert "손실" in title
        assert language.cjk_family("ko") in renderer.widget.font().families()
        image = renderer.render(10)
        assert image.width() == 480
    finally:
        renderer.close()


def test_without_a_cjk_font_the_user_is_told_what_to_install(speak, monkeypatch, capsys):
    monkeypatch.setattr(language, "cjk_family", lambda lang=None: None)
    speak("ko")
    err = capsys.readouterr().err
    assert "fonts-noto-cjk" in err and "한글" in err  # said in the language chosen
    speak("en")
    assert capsys.readouterr().err == ""  # English needs no CJK font: nothing to say
