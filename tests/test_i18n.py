"""The three languages without a screen: choosing, the catalogue, lessons, the CLI's --lang.

The catalogue is ``assets/i18n/descent_lab_<lang>.ts``; ``tools/update_translations.py``
extracts every marked string into it and compiles the ``.qm``. Here the same extraction runs
into a temporary copy, so a string marked in the code but missing from the catalogue (or left
untranslated) fails with its text, for each language.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from app import i18n
from app import scenario as S
from app.cli import build_parser, main

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "update_translations.py"
FOREIGN = [lang for lang in i18n.LANGUAGES if lang != "en"]


def _tool():
    spec = importlib.util.spec_from_file_location("update_translations", TOOL)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalogues after extracting the current sources (a temporary copy)."""
    tmp = tmp_path_factory.mktemp("i18n")
    for f in (ROOT / "assets" / "i18n").iterdir():
        shutil.copy(f, tmp)
    tool = _tool()
    tool.update(tmp)
    return tmp


def _messages(ts: Path):
    root = ET.parse(ts).getroot()
    for ctx in root.iter("context"):
        for msg in ctx.iter("message"):
            yield ctx.findtext("name"), msg.findtext("source"), msg.find("translation")


# -- choosing -------------------------------------------------------------------------------
@pytest.mark.parametrize(("env", "lang"), [
    ({"LANG": "ko_KR.UTF-8"}, "ko"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),  # LC_ALL wins
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "ko_KR"}, "ko"),
    ({"LANG": "ko_KR.UTF-8", "LC_ALL": ""}, "ko"),  # an empty variable is not set
    ({"LANG": "fr_FR.UTF-8"}, "en"),  # a language we do not speak: English
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
])
def test_the_system_locale_chooses_the_language(env, lang):
    assert i18n.system_language(env) == lang


def test_set_language_refuses_an_unknown_one():
    with pytest.raises(ValueError, match="choose one of en, ko, zh"):
        i18n.set_language("fr")
    assert i18n.normalize("zh_CN") == "zh" and i18n.normalize("KO") == "ko"


# -- the catalogue ----------------------------------------------------------------------------
@pytest.mark.parametrize("lang", FOREIGN)
def test_every_marked_string_is_translated(extracted, lang):
    """lupdate on the current sources: no new, unfinished or empty message."""
    missing = [f"{ctx}: {src!r}" for ctx, src, tr in _messages(extracted / f"descent_lab_{lang}.ts")
               if tr.get("type") == "unfinished" or not (tr.text or "").strip()]
    assert not missing, (f"{len(missing)} untranslated string(s) for {lang} (translate them in "
                         f"assets/i18n, then run tools/update_translations.py):\n"
                         + "\n".join(missing))


@pytest.mark.parametrize("lang", FOREIGN)
def test_the_qm_is_compiled_from_the_ts(tmp_path, lang):
    """The committed .qm is exactly what lrelease makes of the committed .ts."""
    tool = _tool()
    ts = ROOT / "assets" / "i18n" / f"descent_lab_{lang}.ts"
    out = tmp_path / "x.qm"
    import subprocess

    subprocess.run([tool.tool("lrelease"), "-silent", str(ts), "-qm", str(out)], check=True)
    assert out.read_bytes() == ts.with_suffix(".qm").read_bytes()


_FIELDS = re.compile(r"\{(\w*)\}")


@pytest.mark.parametrize("lang", FOREIGN)
def test_translations_keep_the_fields_and_the_catalogue_is_read(lang):
    cat = i18n.catalogue(lang)
    assert len(cat) >= 10
    for (ctx, src), text in cat.items():
        # a translation may drop a field English needs (a plural "s"), never invent one
        assert set(_FIELDS.findall(text)) <= set(_FIELDS.findall(src)), (ctx, src, text)
        assert i18n.translate(ctx, src, lang) == text
    assert i18n.translate("cli", "error", "en") == "error"
    assert i18n.translate("cli", "no such string", lang) == "no such string"


def _marked_calls():
    names = {"translate", "tr", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
    paths = [*ROOT.joinpath("app").rglob("*.py"), *ROOT.joinpath("surfaces").rglob("*.py")]
    for path in sorted(paths):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
                if name in names:
                    yield path, node


def test_no_marked_string_is_an_f_string():
    """The catalogue holds the text before formatting: an f-string would never be found."""
    bad = [f"{p.relative_to(ROOT)}:{n.lineno}" for p, n in _marked_calls()
           if any(isinstance(a, ast.JoinedStr) for a in n.args)]
    assert not bad


# -- lessons -------------------------------------------------------------------------------
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:e-?\d+)?")


@pytest.mark.parametrize("name", S.builtin_names())
def test_every_builtin_lesson_speaks_korean_and_chinese(name):
    lesson = S.load(name).lesson
    for lang in FOREIGN:
        texts = lesson.translations.get(lang, {})
        for key in S.LESSON_TEXT_FIELDS:
            english = getattr(lesson, key)
            if not english:
                continue
            text = texts.get(key, "")
            assert text and text != english, (name, lang, key)
            assert re.search(r"[\uac00-\ud7a3\u4e00-\u9fff]", text), (name, lang, key)
            # every number the English sentence states (which tests/test_lessons.py computes
            # from the trajectories) is stated in the translation too
            missing = set(_NUMBER.findall(english)) - set(_NUMBER.findall(text))
            assert not missing, (name, lang, key, missing)
        assert lesson.localized(lang).title == texts["title"]


def test_a_lesson_falls_back_to_english_field_by_field():
    lesson = S.Lesson(tag="P1", title="Title", question="Q?",
                      translations={"ko": {"title": "제목"}})
    ko = lesson.localized("ko")
    assert (ko.title, ko.question, ko.tag) == ("제목", "Q?", "P1")
    assert lesson.localized("zh").title == "Title" and lesson.localized("en") == lesson


def test_a_three_language_scenario_round_trips(tmp_path):
    lesson = S.Lesson(tag="P1", title="Too large a step", why="lr * lambda_max < 2",
                      translations={"ko": {"title": "너무 큰 걸음", "why": "lr * lambda_max < 2"},
                                    "zh": {"title": "步子太大", "question": "为什么?\n\"引号\""}})
    for base in (S.load("p1_divergence").with_changes(lesson=lesson), S.load("p1_divergence")):
        assert set(base.lesson.translations) == {"ko", "zh"}
        _round_trip(base, tmp_path)


def _round_trip(base, tmp_path):
    path = S.save(base, tmp_path / "three.toml")
    text = path.read_text(encoding="utf-8")
    assert "[lesson.ko]" in text and "[lesson.zh]" in text
    again = S.load(path)
    assert again.lesson == base.lesson
    assert S.dumps(again) == text
    for lang in ("en", *FOREIGN):
        assert again.lesson.localized(lang) == base.lesson.localized(lang)


@pytest.mark.parametrize(("table", "message"), [
    ('[lesson.fr]\ntitle = "x"', "lesson.fr: unknown key"),
    ('[lesson.ko]\ntag = "P1"', "lesson.ko.tag: unknown key"),
    ('[lesson.ko]\ntitle = 3', "lesson.ko.title: expected text"),
    ('[lesson]\nko = "x"', "lesson.ko: expected a table"),
])
def test_a_bad_translation_table_is_one_clear_error(table, message):
    text = f'version = 1\n{table}\n[surface]\nname = "quadratic"\n[[racers]]\noptimizer = "gd"\n'
    with pytest.raises(S.ScenarioError, match=re.escape(message)):
        S.loads(text)


# -- the command line ----------------------------------------------------------------------
def test_list_scenarios_prints_korean_and_chinese_titles(capsys):
    p1 = S.load("p1_divergence").lesson
    for lang, header in (("ko", "제목"), ("zh", "标题")):
        assert main(["--lang", lang, "list", "scenarios"]) == 0
        out = capsys.readouterr().out
        assert header in out.splitlines()[0]
        assert p1.translations[lang]["title"] in out and p1.title not in out
    assert main(["list", "scenarios", "--lang", "en"]) == 0
    assert p1.title in capsys.readouterr().out
    assert i18n.language() == "en"  # main() leaves the process's language as it found it


def test_the_system_locale_chooses_the_cli_language(capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert main(["list", "scenarios"]) == 0
    assert S.load("p1_divergence").lesson.translations["zh"]["title"] in capsys.readouterr().out
    assert main(["--lang", "en", "list", "scenarios"]) == 0  # --lang beats the locale
    assert "标题" not in capsys.readouterr().out


def _subcommands():
    return list(build_parser()._subparsers._group_actions[0].choices)


@pytest.mark.parametrize("lang,word", [("ko", "오류"), ("zh", "错误")])
def test_every_subcommand_takes_lang(capsys, lang, word):
    """--lang after any subcommand's name (or before it) is accepted, and its messages follow."""
    names = _subcommands()
    assert {"gui", "run", "list", "analyze", "render"} <= set(names)
    for name in names:
        for argv in ([name, "--lang", lang, "--no-such-option"],
                     ["--lang", lang, name, "--no-such-option"]):
            assert main(argv) == 2, argv
            err = capsys.readouterr().err
            assert err.startswith(f"descent-lab: {word}: "), (argv, err)


def test_an_unknown_lang_is_one_clear_error(capsys):
    assert main(["--lang", "fr", "list", "scenarios"]) == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["adam", "sgd", "rprop", "lbfgs", "prodigy", "sophia"])
def test_step_narration_speaks_the_language_and_keeps_the_numbers(name):
    """The same step explained in English, Korean and Chinese: every line translated, every
    number the same."""
    import surfaces
    from app import optimizers
    from app.stepwise import explain_step

    surface = surfaces.get("quadratic")
    opt = optimizers.make(name)
    texts = {}
    try:
        for lang in ("en", *FOREIGN):
            i18n.set_language(lang)
            texts[lang] = explain_step(surface, opt, None, (1.5, -1.0), 3).narration
    finally:
        i18n.set_language("en")
    for lang in FOREIGN:
        assert len(texts[lang]) == len(texts["en"])
        for en, text in zip(texts["en"], texts[lang], strict=True):
            assert text != en or not re.search("[a-z]{4}", en), (lang, en)
            missing = Counter(_NUMBER.findall(en)) - Counter(_NUMBER.findall(text))
            assert not missing, (lang, en, text)


def test_lesson_translations_follow_the_current_english():
    """The English a lesson was translated from is recorded (its fingerprint); a lesson whose
    English changed since is named here: update its [lesson.ko] / [lesson.zh], then run
    ``tools/update_translations.py --lessons-translated``."""
    recorded = json.loads((ROOT / "tests" / "fixtures" / "lesson_translation_sources.json")
                          .read_text(encoding="utf-8"))
    now = _tool().lesson_fingerprints()
    changed = sorted(f"{name}.{field}" for name, fields in now.items()
                     for field, digest in fields.items()
                     if recorded.get(name, {}).get(field) != digest)
    assert not changed, "English changed since the translation: " + ", ".join(changed)
