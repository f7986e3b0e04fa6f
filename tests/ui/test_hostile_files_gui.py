"""Hostile scenario files in the window (issue 15): the start-up fallback, the Open command and
the Save command give one clear message and keep the current state; nothing raises in a slot."""

from __future__ import annotations

import importlib
import os
import sys
import warnings

import pytest

from app.netlab import NetConfig, train
from app.ui import netlab_view

train_mod = importlib.import_module("app.netlab.train")
BASE = """version = 1
[surface]
name = "quadratic"
[run]
starts = [[1.0, 1.0]]
[[racers]]
optimizer = "adam"
params = { lr = 0.1 }
"""
HOSTILE = {
    "deep": "version = 1\nx = " + "[" * 100_000 + "]" * 100_000,
    "dotted": "version = 1\n[" + ".".join(["a"] * 50_000) + "]",
    "string lr": BASE.replace("lr = 0.1", 'lr = "0.1"'),
    "int flag": BASE.replace("lr = 0.1", "lr = 0.1, amsgrad = 1"),
    "netlab budget": "version = 1\n[netlab]\nsteps = 1000000\nsharpness_every = 1\n",
}


@pytest.fixture
def hooks():
    """Exceptions raised inside Qt slots (they would only be printed) are collected here."""
    seen = []
    old = sys.excepthook
    sys.excepthook = lambda *exc: seen.append(exc)
    yield seen
    sys.excepthook = old


@pytest.mark.parametrize("name", HOSTILE)
def test_start_up_falls_back_to_the_tour_with_one_line(tmp_path, name):
    from app.ui.main_window import initial_session

    path = tmp_path / "bad.toml"
    path.write_text(HOSTILE[name])
    session, error = initial_session(str(path))
    assert session.scenario.name == "default"
    assert error.startswith(f"{path}: ") and "\n" not in error and len(error) < 400


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_start_up_on_a_fifo_or_device_does_not_block(tmp_path):
    from app.ui.main_window import initial_session

    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/zero"):
        session, error = initial_session(str(path))
        assert session.scenario.name == "default" and "not a regular file" in error


@pytest.mark.parametrize("name", HOSTILE)
def test_open_shows_the_message_and_keeps_the_scenario(window, no_blocking_dialogs, hooks,
                                                       tmp_path, name):
    path = tmp_path / f"{name.replace(' ', '_')}.toml"
    path.write_text(HOSTILE[name])
    before = window.session.scenario
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not window.open_scenario(str(path))
    assert window.session.scenario == before
    [(kind, title, text)] = no_blocking_dialogs
    assert kind == "critical" and title == "Cannot open scenario"
    assert text.startswith(f"{path}: ") and "\n" not in text
    assert hooks == []


def test_save_to_a_name_too_long_shows_one_line(window, no_blocking_dialogs, tmp_path):
    assert not window.save_scenario(str(tmp_path / ("a" * 300 + ".toml")))
    [(kind, title, text)] = no_blocking_dialogs
    assert title == "Cannot save scenario" and "too long for the file system" in text
    assert "[Errno" not in text and list(tmp_path.iterdir()) == []


def test_netlab_summary_marks_a_sharpness_that_did_not_converge(monkeypatch):
    cfg = NetConfig(dataset="regression", standardize=True, hidden=(12, 12), steps=2,
                    sharpness_every=2, optimizer_params={"lr": 1e-4})
    assert "not converged" not in netlab_view._summary(train(cfg))
    monkeypatch.setattr(train_mod, "SHARPNESS_MAX_ITER", 3)
    assert "λmax" in netlab_view._summary(train(cfg))
    assert "(not converged: an estimate)" in netlab_view._summary(train(cfg))
