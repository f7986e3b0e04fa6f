"""The version and the one-line description come from the package metadata (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import app
from app import about
from app.cli import main

PROJECT = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml")
                        .read_text(encoding="utf-8"))["project"]


def test_about_reads_what_pyproject_says():
    info = about.about()
    assert info.name == "Descent Lab"
    assert info.version == PROJECT["version"] == about.version() == app.__version__
    assert info.summary == PROJECT["description"]
    assert info.license == PROJECT["license"] == "MIT"


def test_version_option_prints_the_metadata_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    out = capsys.readouterr()
    assert out.out == f"descent-lab {PROJECT['version']}\n" and out.err == ""


def test_metadata_is_not_read_at_import():
    """importlib.metadata costs ~40 ms to import: not on the way to the first window."""
    code = ("import sys, app.cli, app.scenario, app.about\n"
            "print('importlib.metadata' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_unknown_module_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no_such_thing"):
        app.no_such_thing  # noqa: B018
