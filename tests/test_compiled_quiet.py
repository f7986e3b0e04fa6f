"""Background compiles keep out of the window's frames (issue 23): their steps in this process
(tracing, loading the module, the warm-up that loads numba's cached code) hold the interpreter
lock in stretches, so each waits until no frame was drawn for a while (dispatch.busy). Proved
by the order of the steps and by a waiting thread, never by a clock; numba is not needed."""

import threading
from types import SimpleNamespace

from app.compiled import dispatch, kernels


def test_a_build_pauses_before_each_step_that_runs_python_here(monkeypatch):
    order = []

    def step(name, value=None):
        def run(*args, **kwargs):
            order.append(name)
            return value
        return run

    program = SimpleNamespace(blowup=1e6)
    monkeypatch.setattr(kernels, "programs", step("trace", (program, program)))
    monkeypatch.setattr(kernels, "module_source", step("source", "src"))
    monkeypatch.setattr(kernels, "_write", step("write", "path"))
    monkeypatch.setattr(kernels, "_load", step("load", SimpleNamespace(run=None)))
    monkeypatch.setattr(kernels, "Kernel", step("kernel", SimpleNamespace(widths=(0, 0))))
    monkeypatch.setattr(kernels, "_compile_in_child", step("child"))
    kernels.build(None, None, None, 1, step("warm-up"), in_child=True, pause=step("pause"))
    assert order == ["pause", "trace", "pause", "source", "write", "pause", "load", "kernel",
                     "child", "pause", "warm-up"]


def test_a_compile_step_waits_while_frames_are_drawn(monkeypatch):
    monkeypatch.setattr(dispatch, "QUIET_SECONDS", 0.01)  # (its polling interval here)
    dispatch.busy(3600)  # a frame was drawn: an hour of frames to come
    passed = threading.Event()
    waiter = threading.Thread(target=lambda: (dispatch._wait_quiet(), passed.set()),
                              daemon=True)
    waiter.start()
    try:
        assert not passed.wait(0.2)  # still waiting for the frames to stop
        assert waiter.is_alive()
    finally:
        dispatch.busy(0)  # the frames stopped
    assert passed.wait(60)
    dispatch._wait_quiet()  # with no frame drawn it returns at once (this thread)


def test_frames_that_never_stop_defer_a_compile_step_only_so_long(monkeypatch):
    """A looping playback draws frames for ever: a step waits MAX_DEFER_SECONDS of naps, then
    runs (the compiled engine is ready in the end). Counted in naps, not read off a clock."""
    naps = []
    monkeypatch.setattr(dispatch.time, "sleep", naps.append)
    dispatch.busy(3600)
    try:
        dispatch._wait_quiet()
    finally:
        dispatch.busy(0)
    assert len(naps) > 1 and all(0 < n <= dispatch.QUIET_SECONDS for n in naps)
    assert abs(sum(naps) - dispatch.MAX_DEFER_SECONDS) < 1e-9
