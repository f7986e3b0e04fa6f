"""The job runner (app/jobs.py): which thread runs a job, latest wins, stale outcomes dropped,
progress coalesced, errors delivered, shutdown leaves no thread. No wall-clock bounds: jobs are
held on events, and outcomes are collected in a queue that the test pumps itself."""

import threading

import pytest

from app.jobs import Cancelled, JobRunner

WAIT = 10.0  # generous upper limit for a thread hand-over; never a speed claim


class Inbox:
    """A consumer thread in miniature: ``deliver`` queues callbacks; ``pump`` runs them here."""

    def __init__(self):
        self.callbacks = []
        self.lock = threading.Lock()

    def __call__(self, callback):
        with self.lock:
            self.callbacks.append(callback)

    def pump(self):
        with self.lock:
            todo, self.callbacks = self.callbacks, []
        for callback in todo:
            callback()
        return len(todo)


def test_job_runs_in_a_worker_thread_and_its_result_reaches_the_consumer():
    inbox = Inbox()
    runner = JobRunner(inbox)
    results = []
    ticket = runner.submit("lane", lambda t: threading.get_ident(), on_result=results.append)
    assert ticket.wait(WAIT)
    assert runner.busy("lane")  # finished, but the consumer has not got the result yet
    assert results == []
    inbox.pump()
    assert results == [ticket.thread_id]
    assert ticket.thread_id != threading.get_ident()
    assert not runner.busy("lane")


def test_latest_wins_a_cancelled_jobs_result_is_never_delivered():
    inbox = Inbox()
    runner = JobRunner(inbox)
    release = threading.Event()
    started = threading.Event()
    results = []

    def slow(ticket):
        started.set()
        release.wait(WAIT)
        return "stale"

    first = runner.submit("lane", slow, on_result=results.append)
    assert started.wait(WAIT)
    second = runner.submit("lane", lambda t: "fresh", on_result=results.append)
    assert first.cancelled and not second.cancelled
    release.set()
    assert first.wait(WAIT) and second.wait(WAIT)
    inbox.pump()
    assert results == ["fresh"]


def test_a_result_already_on_its_way_is_dropped_when_cancelled_before_delivery():
    inbox = Inbox()
    runner = JobRunner(inbox)
    results = []
    ticket = runner.submit("lane", lambda t: 42, on_result=results.append)
    assert ticket.wait(WAIT)
    runner.cancel("lane")
    assert inbox.pump() == 1  # the delivery arrives ...
    assert results == []  # ... and is dropped
    assert not runner.busy("lane")


def test_waiting_jobs_replaced_by_a_newer_one_never_run():
    inbox = Inbox()
    runner = JobRunner(inbox)
    release = threading.Event()
    started = threading.Event()
    ran = []

    def blocker(ticket):
        started.set()
        release.wait(WAIT)
        ran.append("blocker")

    runner.submit("lane", blocker)
    assert started.wait(WAIT)
    skipped = [runner.submit("lane", lambda t, i=i: ran.append(i)) for i in range(5)]
    last = runner.submit("lane", lambda t: ran.append("last") or "done")
    release.set()
    assert last.wait(WAIT)
    assert all(t.wait(WAIT) and t.cancelled for t in skipped)
    assert ran == ["blocker", "last"]


def test_cancel_stops_the_job_at_its_next_check():
    inbox = Inbox()
    runner = JobRunner(inbox)
    chunks = []
    in_chunk = threading.Event()
    go_on = threading.Event()

    def chunked(ticket):
        for k in range(1000):
            ticket.check()
            chunks.append(k)
            if k == 2:
                in_chunk.set()
                go_on.wait(WAIT)
        return "finished"

    results = []
    ticket = runner.submit("lane", chunked, on_result=results.append)
    assert in_chunk.wait(WAIT)
    runner.cancel("lane")
    go_on.set()
    assert ticket.wait(WAIT)
    inbox.pump()
    assert chunks == [0, 1, 2]  # the chunk running when cancelled ended it; no further chunk
    assert results == [] and not runner.busy("lane")


def test_progress_is_coalesced_to_the_latest_pending_report():
    inbox = Inbox()
    runner = JobRunner(inbox)
    seen = []

    def reporter(ticket):
        for k in range(100):
            ticket.progress((k + 1) / 100, payload={"step": k})
        return "ok"

    results = []
    ticket = runner.submit("lane", reporter, on_result=results.append,
                           on_progress=lambda f, p: seen.append((f, p["step"])))
    assert ticket.wait(WAIT)
    inbox.pump()
    assert ticket.progress_reported == 100
    assert seen == [(1.0, 99)]  # one delivery, the latest; then the result
    assert results == ["ok"]


def test_progress_between_pumps_delivers_each_latest_once():
    inbox = Inbox()
    runner = JobRunner(inbox)
    seen = []
    step = threading.Semaphore(0)
    reported = threading.Semaphore(0)

    def reporter(ticket):
        for burst in range(3):
            step.acquire()
            for k in range(10):
                ticket.progress(burst + k / 10, payload=(burst, k))
            reported.release()
        return None

    ticket = runner.submit("lane", reporter, on_progress=lambda f, p: seen.append(p))
    for _ in range(3):
        step.release()
        assert reported.acquire(timeout=WAIT)
        inbox.pump()
    assert ticket.wait(WAIT)
    inbox.pump()
    assert seen == [(0, 9), (1, 9), (2, 9)]


def test_progress_of_a_cancelled_job_is_never_delivered():
    inbox = Inbox()
    runner = JobRunner(inbox)
    seen = []
    reported = threading.Event()
    release = threading.Event()

    def reporter(ticket):
        ticket.progress(0.5, "half")
        reported.set()
        release.wait(WAIT)
        ticket.check()

    ticket = runner.submit("lane", reporter, on_progress=lambda f, p: seen.append(p))
    assert reported.wait(WAIT)
    runner.submit("lane", lambda t: None)  # latest wins: the reporter is stale now
    release.set()
    assert ticket.wait(WAIT)
    inbox.pump()
    assert seen == []


def test_errors_are_delivered_to_on_error():
    inbox = Inbox()
    runner = JobRunner(inbox)
    errors, results = [], []

    def broken(ticket):
        raise ValueError("bad surface")

    ticket = runner.submit("lane", broken, on_result=results.append, on_error=errors.append)
    assert ticket.wait(WAIT)
    inbox.pump()
    assert results == [] and [str(e) for e in errors] == ["bad surface"]
    assert isinstance(errors[0], ValueError)


def test_an_error_without_on_error_is_printed_not_raised(capsys):
    runner = JobRunner()  # direct delivery: on the worker thread
    ticket = runner.submit("lane", lambda t: 1 / 0)
    assert ticket.wait(WAIT)
    runner.shutdown()
    assert "ZeroDivisionError" in capsys.readouterr().err


def test_cancelled_raised_by_the_job_is_silent():
    inbox = Inbox()
    runner = JobRunner(inbox)
    errors = []

    def gives_up(ticket):
        raise Cancelled("lane")

    ticket = runner.submit("lane", gives_up, on_error=errors.append)
    assert ticket.wait(WAIT)
    inbox.pump()
    assert errors == []


def test_lanes_are_independent_and_run_side_by_side():
    inbox = Inbox()
    runner = JobRunner(inbox)
    both = threading.Barrier(2, timeout=WAIT)
    results = []
    a = runner.submit("maps", lambda t: both.wait() is not None and "maps",
                      on_result=results.append)
    b = runner.submit("paths", lambda t: both.wait() is not None and "paths",
                      on_result=results.append)
    assert a.wait(WAIT) and b.wait(WAIT)
    inbox.pump()
    assert sorted(results) == ["maps", "paths"]
    assert a.thread_id != b.thread_id


def test_shutdown_cancels_everything_and_leaves_no_thread():
    inbox = Inbox()
    runner = JobRunner(inbox)
    started = threading.Barrier(3, timeout=WAIT)
    results = []

    def forever(ticket):
        started.wait()
        while True:
            ticket.check()
            threading.Event().wait(0.001)

    tickets = [runner.submit(lane, forever, on_result=results.append) for lane in ("a", "b")]
    started.wait()
    assert len(runner.threads()) == 2
    runner.shutdown(timeout=WAIT)
    assert runner.threads() == []
    assert all(t.cancelled and t.finished for t in tickets)
    inbox.pump()
    assert results == []
    late = runner.submit("a", lambda t: "too late", on_result=results.append)
    assert late.cancelled and late.finished and runner.threads() == []


def test_idle_runner_holds_no_thread():
    runner = JobRunner()
    ticket = runner.submit("lane", lambda t: None)
    assert ticket.wait(WAIT)
    for thread in list(runner.threads()):
        thread.join(WAIT)
    assert runner.threads() == []


@pytest.mark.parametrize("how", ["ticket", "lane"])
def test_cancel_before_start_never_runs(how):
    inbox = Inbox()
    runner = JobRunner(inbox)
    release = threading.Event()
    started = threading.Event()
    ran = []
    runner.submit("lane", lambda t: started.set() or release.wait(WAIT))
    assert started.wait(WAIT)
    waiting = runner.submit("other", lambda t: None)  # another lane: not affected
    queued = runner.submit("lane", lambda t: ran.append("queued"))
    if how == "ticket":
        queued.cancel()
    else:
        runner.cancel("lane")
    release.set()
    assert queued.wait(WAIT) and waiting.wait(WAIT)
    assert ran == [] and not runner.busy("lane")


def test_inline_runner_runs_in_the_callers_thread_and_delivers_before_returning():
    from app.jobs import InlineRunner

    runner = InlineRunner()
    results, errors, progress = [], [], []

    def job(ticket):
        ticket.progress(0.5, "half")
        return threading.get_ident()

    ticket = runner.submit("lane", job, on_result=results.append, on_progress=progress.append)
    assert results == [threading.get_ident()] and ticket.thread_id == threading.get_ident()
    assert progress == [] and not runner.busy("lane") and runner.threads() == []
    runner.submit("lane", lambda t: 1 / 0, on_error=errors.append)
    assert len(errors) == 1 and isinstance(errors[0], ZeroDivisionError)
