"""The job runner's Qt side: outcomes arrive on the GUI thread, through its event loop."""

import threading

from PySide6.QtCore import QObject

from app.ui.jobs_qt import qt_runner


def test_outcomes_are_delivered_on_the_gui_thread(qapp, qtbot):
    parent = QObject()
    runner = qt_runner(parent)
    gui = threading.get_ident()
    seen = []
    ticket = runner.submit(
        "lane",
        lambda t: (t.progress(0.5, "half"), threading.get_ident())[1],
        on_progress=lambda f, p: seen.append(("progress", p, threading.get_ident())),
        on_result=lambda r: seen.append(("result", r, threading.get_ident())),
    )
    assert ticket.wait(10)
    assert seen == []  # nothing runs until the event loop delivers it
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10_000)
    assert seen[0] == ("progress", "half", gui)
    assert seen[1][0] == "result" and seen[1][2] == gui
    assert seen[1][1] == ticket.thread_id != gui
    runner.shutdown()


def test_errors_are_delivered_on_the_gui_thread(qapp, qtbot):
    parent = QObject()
    runner = qt_runner(parent)
    errors = []

    def broken(ticket):
        raise ValueError("no")

    runner.submit("lane", broken, on_error=lambda e: errors.append((str(e), threading.get_ident())))
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=10_000)
    assert errors == [("no", threading.get_ident())]
    runner.shutdown()


def test_destroying_the_parent_cancels_the_jobs(qapp, qtbot):
    parent = QObject()
    runner = qt_runner(parent)
    started, release = threading.Event(), threading.Event()
    results = []
    ticket = runner.submit("lane", lambda t: started.set() or release.wait(10),
                           on_result=results.append)
    assert started.wait(10)
    parent.deleteLater()
    qtbot.waitUntil(lambda: ticket.cancelled, timeout=10_000)
    release.set()
    assert ticket.wait(10)
    qapp.processEvents()
    assert results == []
    runner.shutdown()


def test_a_job_finishing_after_its_owner_is_gone_delivers_nothing(qapp, qtbot):
    from PySide6.QtCore import QCoreApplication, QEvent

    owner = QObject()
    runner = qt_runner(owner)
    release, seen = threading.Event(), []
    ticket = runner.submit("lane", lambda t: release.wait(10) and "late",
                           on_result=seen.append)
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the owner is gone
    release.set()  # now the job returns and posts its outcome
    assert ticket.wait(10)
    qtbot.wait(50)  # the courier still lives: the posted outcome arrives and is dropped
    assert seen == [] and ticket.cancelled
    runner.shutdown()
