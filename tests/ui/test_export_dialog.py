"""File > Export and File > Export trajectory data, driven with pytest-qt (offscreen)."""

from __future__ import annotations

import json

import imageio.v2 as imageio
import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QPushButton

from app import export
from app.ui import export_dialog
from app.ui.export_dialog import ExportDialog, install_export_action

ORANGE = np.array([230, 159, 0])  # GD's colour in the default scenario


@pytest.fixture
def actions(window):
    return install_export_action(window)


def read_mp4(path) -> tuple[list[np.ndarray], float]:
    reader = imageio.get_reader(path)  # count first: a generator run dry leaves pipes open
    try:
        n = reader.count_frames()
        return [np.asarray(reader.get_data(i)) for i in range(n)], reader.get_meta_data()["fps"]
    finally:
        reader.close()


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name)


def start(dialog: ExportDialog, qtbot, kind, path, size=(320, 200), steps=(0, 12, 1),
          readouts=False, fps=12):
    dialog.set_kind(kind)
    dialog.path.setText(str(path))
    dialog.set_size(*size)
    dialog.set_steps(*steps)
    dialog.fps.setValue(fps)
    dialog.readouts.setChecked(readouts)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    return dialog.job


def test_menu_actions_and_shortcut(window, actions):
    texts = [a.text() for a in window.menus["file"].actions()]
    assert "&Export…" in texts and "Export &trajectory data…" in texts
    assert texts.index("&Export…") < texts.index("&Quit")
    assert actions.export.shortcut() == QKeySequence("Ctrl+E")
    assert window.export_actions is actions
    assert install_export_action(window) is actions  # idempotent: one Ctrl+E
    assert sum(a.shortcut() == QKeySequence("Ctrl+E") for a in window.actions()) == 1
    actions.export.trigger()
    dialog = actions.dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    assert dialog.current_kind() == "gif" and dialog.path.text().endswith("default.gif")
    dialog.set_kind("mp4")
    assert dialog.path.text().endswith("default.mp4")
    dialog.set_kind("png-sequence")
    assert dialog.path.text().endswith("default/") and not dialog.fps.isEnabled()
    dialog.set_kind("png")
    assert not dialog.step_from.isEnabled()
    dialog.reject()
    # reopened: the same dialog, its choices kept, its step range following the run
    dialog.set_kind("gif")
    window.session.set_run(steps=60)
    assert actions.open_dialog() is dialog and dialog.current_kind() == "gif"
    assert dialog.step_to.maximum() == 60 and dialog.step_to.value() == 60
    dialog.reject()


def test_gif_export_from_the_dialog(window, actions, qtbot, tmp_path):
    dialog = actions.open_dialog()
    job = start(dialog, qtbot, "gif", tmp_path / "race.gif", steps=(0, 12, 1))
    assert job is not None and not dialog.isVisible() and dialog.progress.isVisible()
    qtbot.waitUntil(lambda: job.state == "finished", timeout=15000)
    assert dialog.progress is None  # closed and released
    assert window.statusBar().currentMessage().startswith("Exported")
    with Image.open(tmp_path / "race.gif") as im:
        assert im.n_frames == 13 and im.size == (320, 200)
        first = np.asarray(im.convert("RGB")).astype(int)
        im.seek(12)
        last = np.asarray(im.convert("RGB")).astype(int)
    assert (np.abs(first - last).max(-1) > 60).sum() > 50  # the paths moved
    assert (np.abs(last - ORANGE).max(-1) <= 30).sum() > 20  # GD's orange path
    assert leftovers(tmp_path) == []
    assert window.session.step == 0  # exporting does not move the playhead


def test_mp4_png_sequence_and_snapshot(window, actions, qtbot, tmp_path):
    job = start(actions.open_dialog(), qtbot, "mp4", tmp_path / "race.mp4", size=(256, 160),
                steps=(0, 20, 2), readouts=True)
    qtbot.waitUntil(lambda: job.state == "finished", timeout=15000)
    frames, _ = read_mp4(tmp_path / "race.mp4")
    assert len(frames) == 11 and frames[0].shape == (160, 256, 3)

    job = start(actions.open_dialog(), qtbot, "png-sequence", f"{tmp_path}/frames/",
                steps=(10, 30, 5))
    qtbot.waitUntil(lambda: job.state == "finished", timeout=15000)
    assert len(list((tmp_path / "frames").glob("frame_*.png"))) == 5

    window.session.set_step(40)
    dialog = actions.open_dialog()
    job = start(dialog, qtbot, "png", tmp_path / "now.png")
    assert job.steps == [40]
    qtbot.waitUntil(lambda: job.state == "finished", timeout=15000)
    with Image.open(tmp_path / "now.png") as im:
        assert im.size == (320, 200)
    assert leftovers(tmp_path) == []


def test_cancel_leaves_nothing_and_window_stays_responsive(window, actions, qtbot, tmp_path):
    dialog = actions.open_dialog()
    job = start(dialog, qtbot, "gif", tmp_path / "long.gif", size=(320, 200),
                steps=(0, 150, 1), readouts=True)
    qtbot.waitUntil(lambda: job.done >= 3, timeout=15000)
    window.session.set_step(7)  # the event loop runs between frames
    assert job.running
    cancel = dialog.progress.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert job.state == "cancelled" and dialog.progress is None
    qtbot.wait(50)
    assert list(tmp_path.iterdir()) == []
    assert "cancelled" in window.statusBar().currentMessage()


def test_existing_file_asks_before_replacing(window, actions, qtbot, tmp_path, monkeypatch):
    target = tmp_path / "keep.gif"
    target.write_bytes(b"old")
    answers = []

    def ask(answer):
        def question(*args, **kwargs):
            answers.append(args[2])
            return answer
        return question

    monkeypatch.setattr(QMessageBox, "question", staticmethod(ask(QMessageBox.StandardButton.No)))
    dialog = actions.open_dialog()
    assert start(dialog, qtbot, "gif", target) is None
    assert dialog.isVisible() and target.read_bytes() == b"old" and "keep.gif" in answers[0]

    monkeypatch.setattr(QMessageBox, "question", staticmethod(ask(QMessageBox.StandardButton.Yes)))
    job = start(dialog, qtbot, "gif", target)
    qtbot.waitUntil(lambda: job.state == "finished", timeout=15000)
    with Image.open(target) as im:
        assert im.n_frames == 13


def test_failure_mid_export_keeps_the_existing_file(window, actions, qtbot, tmp_path,
                                                     monkeypatch, no_blocking_dialogs):
    target = tmp_path / "keep.mp4"
    target.write_bytes(b"old video")
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    real = export_dialog.FrameSource.pixels
    calls = []

    def flaky(self, step, pixel_format="rgb24", keep=False):
        calls.append(step)
        if len(calls) > 4:
            raise OSError(28, "No space left on device")
        return real(self, step, pixel_format, keep)

    monkeypatch.setattr(export_dialog.FrameSource, "pixels", flaky)
    job = start(actions.open_dialog(), qtbot, "mp4", target)
    qtbot.waitUntil(lambda: job.state == "failed", timeout=15000)
    assert target.read_bytes() == b"old video" and leftovers(tmp_path) == []
    kind, title, text = no_blocking_dialogs[-1]
    assert kind == "critical" and "No space left" in text


def test_bad_settings_show_an_inline_error(window, actions, qtbot, tmp_path):
    dialog = actions.open_dialog()
    dialog.set_kind("mp4")
    assert start(dialog, qtbot, "mp4", tmp_path / "odd.mp4", size=(321, 200)) is None
    assert dialog.isVisible() and "even width" in dialog.error.text()
    dialog.set_kind("gif")
    dialog.path.setText(str(tmp_path / "wrong.jpg"))
    dialog.accept()
    assert dialog.isVisible() and "unknown output type ('.jpg')" in dialog.error.text()
    dialog.path.setText(str(tmp_path / "right.mp4"))
    dialog.accept()
    assert "does not match the chosen kind (animated GIF)" in dialog.error.text()
    dialog.path.setText(str(tmp_path / "missing" / "x.gif"))
    dialog.accept()
    assert "folder does not exist" in dialog.error.text()
    assert list(tmp_path.iterdir()) == []
    dialog.reject()


def test_trajectory_data_export(window, tmp_path, capsys, no_blocking_dialogs):
    from app.cli import main

    path = export_dialog.export_trajectory_data(window, tmp_path / "runs.json")
    assert main(["run", "--scenario", "default"]) == 0
    assert json.loads(path.read_text()) == json.loads(capsys.readouterr().out)
    path = export_dialog.export_trajectory_data(window, tmp_path / "runs.csv")
    assert path.read_text().splitlines()[0].startswith("racer,label,start_index,step")
    assert export_dialog.export_trajectory_data(window, tmp_path / "runs.csv") is None
    assert no_blocking_dialogs[-1][0] == "critical" and "already exists" in \
        no_blocking_dialogs[-1][2]
    assert export.data_format("a.CSV") == "csv"
