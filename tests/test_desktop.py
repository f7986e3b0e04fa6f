"""``descent-lab install-desktop`` / ``uninstall-desktop`` in a temporary XDG data folder.

The entry is checked against the Desktop Entry Specification's rules by a small reader here
(``desktop-file-validate`` is not needed): groups, keys, value types, and the Exec key parsed
back into the command it must start, also for paths with spaces, quotes, ``$``, ``%`` and ``\\``.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from app import desktop
from app.assets import ICON
from app.cli import main

KEY = re.compile(r"^([A-Za-z0-9-]+)(\[[^\]]+\])?=(.*)$")
BOOLEAN_KEYS = {"Terminal", "StartupNotify", "NoDisplay", "Hidden", "DBusActivatable"}
LIST_KEYS = {"Categories", "Keywords", "MimeType", "OnlyShowIn", "NotShowIn", "Actions"}
MAIN_CATEGORIES = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game",
                   "Graphics", "Network", "Office", "Science", "Settings", "System", "Utility"}


def read_entry(text: str) -> dict[str, str]:
    """The ``[Desktop Entry]`` group's keys; fails on anything the spec does not allow."""
    lines = text.split("\n")
    assert lines[-1] == "" and lines[0] == "[Desktop Entry]", "one group, first, newline at end"
    entry: dict[str, str] = {}
    for line in lines[1:-1]:
        if not line or line.startswith("#"):
            continue
        match = KEY.match(line)
        assert match, f"not a Key=Value line: {line!r}"
        key, locale, value = match.groups()
        assert (key, locale) not in entry, f"duplicate key {key}"
        assert value == value.strip(), f"{key}: stray spaces"
        entry[key + (locale or "")] = value
    return entry


def unescape(value: str) -> str:
    """A value of type string: ``\\s \\n \\t \\r \\\\`` (the spec's escapes)."""
    names = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: names[m.group(1)], value)


def exec_argv(value: str) -> list[str]:
    """Split an Exec value into arguments by the spec's quoting rules (no field codes used)."""
    text, argv, i = unescape(value), [], 0
    while i < len(text):
        if text[i] == " ":
            i += 1
            continue
        arg = []
        if text[i] == '"':
            i += 1
            while text[i] != '"':
                if text[i] == "\\":
                    assert text[i + 1] in '"`$\\', f"bad escape in {text!r}"
                    i += 1
                arg.append(text[i])
                i += 1
            i += 1
        else:
            while i < len(text) and text[i] != " ":
                assert text[i] not in desktop._RESERVED, f"unquoted {text[i]!r} in {text!r}"
                arg.append(text[i])
                i += 1
        word = "".join(arg)
        assert "%" not in word.replace("%%", ""), f"field code in {word!r}"
        argv.append(word.replace("%%", "%"))
    return argv


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    root = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(root))
    return root


def files_under(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_install_writes_a_valid_entry_and_icons(data_home, capsys):
    assert main(["install-desktop"]) == 0
    printed = capsys.readouterr().out
    files = files_under(data_home)
    sizes = desktop.ICON_SIZES
    assert sorted(files) == sorted(
        ["applications/descent-lab.desktop", "icons/hicolor/scalable/apps/descent-lab.svg"]
        + [f"icons/hicolor/{n}x{n}/apps/descent-lab.png" for n in sizes])
    assert all(str(data_home / f) in printed for f in files)

    entry = read_entry(files["applications/descent-lab.desktop"].decode("utf-8"))
    assert entry["Type"] == "Application" and entry["Version"] == "1.4"
    assert entry["Name"] == "Descent Lab" and entry["Icon"] == desktop.APP_ID
    assert entry["Comment"].startswith("Watch optimizers descend 2D error surfaces")
    assert exec_argv(entry["Exec"]) == desktop.launch_command()
    assert unescape(entry["TryExec"]) == desktop.launch_command()[0]
    for key in BOOLEAN_KEYS & entry.keys():
        assert entry[key] in ("true", "false")
    for key in LIST_KEYS & entry.keys():
        assert entry[key].endswith(";")
    categories = entry["Categories"].split(";")[:-1]
    assert len(MAIN_CATEGORIES.intersection(categories)) == 1  # listed once in the menu

    assert files["icons/hicolor/scalable/apps/descent-lab.svg"] == ICON.read_bytes()
    for n in sizes:
        with Image.open(io.BytesIO(files[f"icons/hicolor/{n}x{n}/apps/descent-lab.png"])) as im:
            assert im.format == "PNG" and im.size == (n, n)
            rgba = np.asarray(im.convert("RGBA"))
        assert rgba[0, 0, 3] == 0 and rgba[n // 2, n // 2, 3] == 255  # rounded tile, opaque
        if n >= 48:  # the orange path (#E69F00) is drawn
            orange = np.abs(rgba[..., :3].astype(int) - (230, 159, 0)).max(axis=-1) < 30
            assert orange.mean() > 0.02


def test_exec_line_quotes_what_the_spec_reserves():
    for argv in (["/opt/descent lab/bin/descent-lab"],
                 ['/home/a "b"/$HOME/`x`/100%/back\\slash/descent-lab'],
                 ["/usr/bin/python3", "-m", "app"],
                 ["/tmp/semi;colon&pipe|(paren)*?#~<>'quote'/python", "-m", "app"]):
        assert exec_argv(desktop.exec_line(argv)) == argv
    assert desktop.exec_line(["/usr/bin/descent-lab"]) == "/usr/bin/descent-lab"


def test_launch_command_is_the_running_script_or_python_m_app(tmp_path):
    script = tmp_path / "bin" / "descent-lab"
    script.parent.mkdir()
    script.write_text("#!/bin/sh\n")
    assert desktop.launch_command(str(script)) == [str(script)]
    assert desktop.launch_command("/somewhere/app/__main__.py", "/venv/bin/python") == \
        ["/venv/bin/python", "-m", "app"]
    assert desktop.launch_command(str(tmp_path / "gone" / "descent-lab"), "py") == \
        ["py", "-m", "app"]


def test_uninstall_removes_exactly_what_install_wrote(data_home, capsys):
    other = data_home / "icons" / "hicolor" / "48x48" / "apps" / "other-app.png"
    other.parent.mkdir(parents=True)
    other.write_bytes(b"not ours")
    (data_home / "applications").mkdir()
    (data_home / "applications" / "other.desktop").write_text("[Desktop Entry]\n")
    before = files_under(data_home)

    assert main(["install-desktop"]) == 0
    assert main(["install-desktop"]) == 0  # again: the same files, updated in place
    assert len(files_under(data_home)) == len(before) + 2 + len(desktop.ICON_SIZES)
    capsys.readouterr()
    assert main(["uninstall-desktop"]) == 0
    removed = capsys.readouterr().out
    assert removed.count("removed ") == 2 + len(desktop.ICON_SIZES)
    assert files_under(data_home) == before
    assert main(["uninstall-desktop"]) == 0
    assert "nothing to remove" in capsys.readouterr().out


def test_data_home_follows_xdg_rules(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    default = tmp_path / ".local" / "share"
    assert desktop.data_home({}) == default
    assert desktop.data_home({"XDG_DATA_HOME": ""}) == default
    assert desktop.data_home({"XDG_DATA_HOME": "relative/dir"}) == default  # spec: ignore it
    assert desktop.data_home({"XDG_DATA_HOME": "/x/share"}) == Path("/x/share")


def test_unwritable_folder_is_one_clear_line(data_home, capsys):
    data_home.mkdir()
    (data_home / "applications").write_text("a file where a folder should be")
    assert main(["install-desktop"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("descent-lab: error: cannot write ")
    assert "descent-lab.desktop" in err and len(err.splitlines()) == 1


def test_not_offered_where_there_is_no_freedesktop_menu(data_home, monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "win32")
    assert main(["install-desktop"]) == 2
    assert "for Linux" in capsys.readouterr().err
    assert not data_home.exists()
