"""Ctrl+C, SIGTERM and SIGHUP during ``descent-lab render``: real signals to a real process.

Each test starts a render that would take minutes, waits until rendering has started (its
temporary output exists, and for an MP4 its ffmpeg child runs), sends the signal and checks what
is left: exit status 128 + signal, one line on stderr, no temporary file or folder, ffmpeg gone,
an existing output untouched. ``proc.wait(timeout=...)`` only guards against a hang; nothing
here measures time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.cli import interrupt

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="reads /proc and sends POSIX signals")

ROOT = Path(__file__).resolve().parents[1]
#: 20,000 frames: minutes of work, so the render is surely running when the signal comes
LONG = """version = 1
[surface]
name = "quadratic"
[run]
steps = 20000
starts = [[-2.5, 1.5]]
[[racers]]
optimizer = "gd"
params = { lr = 0.001 }
"""


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            out |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return out


def _wait_for(condition, proc: subprocess.Popen, what: str, limit: float = 120.0):
    """Poll ``condition()`` until true (the render's own progress); fail if the process ends
    first or nothing happens for ``limit`` seconds (a hang guard, not a timing assertion)."""
    deadline = time.monotonic() + limit
    while not condition():
        if proc.poll() is not None:
            pytest.fail(f"render ended before {what}: {proc.communicate()[1]}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"no {what} after {limit} s")
        time.sleep(0.02)


def _signal_and_check(proc: subprocess.Popen, sig: signal.Signals) -> None:
    """Send ``sig`` (if the process still runs) and check how it ended: 128 + the signal, one
    line on stderr. The communicate limit only guards against a hang."""
    try:
        if proc.poll() is None:
            proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 128 + sig, err
    assert err == f"descent-lab: interrupted ({sig.name}); nothing was written\n"


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name or p.name.endswith(
        ".tmp"))


def _start_render(tmp_path: Path, out: str, *extra: str) -> subprocess.Popen:
    scenario = tmp_path / "long.toml"
    scenario.write_text(LONG)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen(
        [sys.executable, "-m", "app", "render", "--scenario", str(scenario), "--out",
         f"{tmp_path}{os.sep}{out}", "--size", "64x64", *extra],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("sig, out, extra", [
    (signal.SIGINT, "o.mp4", ("--force",)),  # an existing output, to be kept
    (signal.SIGTERM, "o.gif", ()),
    (signal.SIGHUP, "frames/", ()),
], ids=["SIGINT-mp4-existing", "SIGTERM-gif", "SIGHUP-png-sequence"])
def test_signal_ends_render_cleanly(tmp_path, sig, out, extra):
    existing = tmp_path / "o.mp4"
    if extra:
        existing.write_bytes(b"the previous video")
    proc = _start_render(tmp_path, out, *extra)
    try:
        if out.endswith(".mp4"):
            _wait_for(lambda: _temporaries(tmp_path) and _children(proc.pid), proc,
                      "an ffmpeg child and its temporary file")
            ffmpeg = _children(proc.pid)
        elif out.endswith(".gif"):  # the first frame is in the temporary GIF
            _wait_for(lambda: any((tmp_path / n).stat().st_size > 0
                                  for n in _temporaries(tmp_path)), proc, "a first GIF frame")
            ffmpeg = set()
        else:  # a first PNG in the temporary frame folder
            _wait_for(lambda: any(any((tmp_path / n).iterdir())
                                  for n in _temporaries(tmp_path)), proc, "a first PNG frame")
            ffmpeg = set()
    finally:
        _signal_and_check(proc, sig)
    assert _temporaries(tmp_path) == []
    assert not (tmp_path / out).exists() or extra  # nothing new in place
    if extra:
        assert existing.read_bytes() == b"the previous video"
    for pid in ffmpeg:  # stopped and reaped before the render exited
        assert not Path(f"/proc/{pid}").exists()


WATCHDOG = """
import sys, time
from pathlib import Path
from app.cli.interrupt import catch_signals

temp = Path(sys.argv[1])
temp.write_text("partial")
with catch_signals(cleanup=temp.unlink, grace={grace}) as interruption:
    print("ready", flush=True)
    while True:  # a job that never looks at the flag
        sum(range(1000))
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_watchdog_ends_a_job_that_does_not_stop(tmp_path, sig):
    """The backstop: a job that never polls is ended after the grace period, its cleanup run."""
    temp = tmp_path / ".out.part.gif"
    proc = subprocess.Popen([sys.executable, "-c", WATCHDOG.format(grace=0.2), str(temp)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline() == "ready\n"
    finally:
        _signal_and_check(proc, sig)
    assert not temp.exists()


def test_catch_signals_restores_the_handlers_and_sets_the_flag():
    before = {s: signal.getsignal(s) for s in interrupt.SIGNALS}
    with interrupt.catch_signals(grace=30) as interruption:
        assert not interruption.is_set()
        signal.raise_signal(signal.SIGTERM)  # the handler runs in this (main) thread
        assert interruption.wait(10) and interruption.signum == signal.SIGTERM
        assert interruption.exit_code == 143
    assert {s: signal.getsignal(s) for s in interrupt.SIGNALS} == before
