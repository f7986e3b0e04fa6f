"""Playback: the timer moves the playhead; Space, Right, Left and R; the timeline scrubs."""

from PySide6.QtCore import Qt


def test_play_advances_the_playhead(window, session, qtbot):
    assert session.step == 0
    window.playback.play()
    qtbot.waitUntil(lambda: session.step > 3, timeout=3000)
    window.playback.pause()
    assert window.playback_bar.timeline.value() == session.step
    assert window.readouts.loss_plot.playhead.value() == session.step


def test_playback_stops_at_the_end(window, session, qtbot):
    window.playback.set_speed(1200)
    window.playback.play()
    qtbot.waitUntil(lambda: not window.playback.playing, timeout=3000)
    assert session.step == session.steps


def test_keys(window, session, qtbot):
    assert not window.playback.playing
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.playback.playing
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not window.playback.playing
    session.set_step(5)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert session.step == 6
    qtbot.keyClick(window, Qt.Key.Key_Left)
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert session.step == 4
    qtbot.keyClick(window, Qt.Key.Key_R)
    assert session.step == 0
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert session.step == 0


def test_timeline_scrubs_and_status_follows(window, session):
    window.playback_bar.timeline.setValue(42)
    assert session.step == 42
    run = session.runs[0].trajectories
    assert "Step 42" in window.status.step_label.text()
    assert f"{run.loss[42, 0]:.3g}"[:4] in window.status.values.text()
    assert window.playback_bar.step_label.text() == f"step 42 / {session.steps}"


def test_edits_while_playing_keep_playing(window, session, qtbot):
    window.playback.play()
    qtbot.waitUntil(lambda: session.step > 2, timeout=3000)
    window.controls.cards[0].form.fields["lr"].set_text("0.05")
    qtbot.waitUntil(lambda: session.runs[0].racer.params["lr"] == 0.05, timeout=2000)
    s = session.step
    qtbot.waitUntil(lambda: session.step > s, timeout=3000)
    assert window.playback.playing
    window.playback.pause()
