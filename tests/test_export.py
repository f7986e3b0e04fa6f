"""Export: writers decoded back (GIF with Pillow, MP4 with imageio), atomic writes, cancel and
failure safety, trajectory data, and ``descent-lab render`` (real frames, offscreen)."""

from __future__ import annotations

import errno
import io
import json
import os
from pathlib import Path

import imageio.v2 as imageio
import numpy as np
import pytest
from PIL import Image

from app import export
from app.cli import main
from app.export import ExportCancelled, ExportError, OutputExistsError, StepRange

W, H = 96, 64
ORANGE = (230, 159, 0)  # "#E69F00", the default scenario's first racer
BG = (30, 40, 90)


def dot_frames(n: int = 8, size=(W, H)):
    """A dark frame with an orange 8x8 dot moving left to right."""
    w, h = size
    frames = []
    for k in range(n):
        f = np.empty((h, w, 3), np.uint8)
        f[:] = BG
        f[:, :, 1] = np.linspace(20, 90, w, dtype=np.uint8)[None, :]  # a gradient, like a heatmap
        x = 4 + k * (w - 16) // max(n - 1, 1)
        f[h // 2 - 4: h // 2 + 4, x: x + 8] = ORANGE
        frames.append(f)
    return frames


def leftovers(folder: Path) -> list[str]:
    """Temporary files or folders an export could have left behind."""
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name or p.name.startswith("."))


def near(frame: np.ndarray, color, tol: int = 40) -> np.ndarray:
    return np.abs(frame[..., :3].astype(int) - np.array(color)).max(axis=-1) <= tol


def gif_frames(path: Path) -> tuple[list[np.ndarray], list[int]]:
    with Image.open(path) as im:
        frames, durations = [], []
        for i in range(im.n_frames):
            im.seek(i)
            frames.append(np.asarray(im.convert("RGB")))
            durations.append(im.info.get("duration", 0))
    return frames, durations


def image_info(path: Path):
    with Image.open(path) as im:
        return im.size, dict(im.info), np.asarray(im.convert("RGB"))


def read_mp4(path) -> tuple[list[np.ndarray], float]:
    """Every frame and the fps of an MP4 (frame count from ffmpeg itself; the reader's frame
    generator is never run dry, which would leave its pipes open)."""
    reader = imageio.get_reader(path)
    try:
        n = reader.count_frames()
        frames = [np.asarray(reader.get_data(i)) for i in range(n)]
        return frames, reader.get_meta_data()["fps"]
    finally:
        reader.close()


# ---------------------------------------------------------------------------------------------
# Parsing and checks
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    (None, (0, 150, 1)), ("", (0, 150, 1)), ("0:100:2", (0, 100, 2)), (":80", (0, 80, 1)),
    ("20:", (20, 150, 1)), ("::3", (0, 150, 3)), ("40", (40, 40, 1)), ("150", (150, 150, 1)),
])
def test_parse_steps(text, expected):
    rng = export.parse_steps(text, 150)
    assert (rng.start, rng.stop, rng.stride) == expected
    assert rng.steps == list(range(expected[0], expected[1] + 1, expected[2]))


@pytest.mark.parametrize("text, fragment", [
    ("0:151", "beyond the last step"), ("9:3", "0 <= A <= B"), ("0:10:0", "stride"),
    ("-3", "expected A:B"), ("a:b", "expected A:B"), ("1:2:3:4", "expected A:B"), (":", None),
])
def test_parse_steps_errors(text, fragment):
    if fragment is None:  # ":" is simply everything
        assert len(export.parse_steps(text, 150)) == 151
        return
    with pytest.raises(ExportError, match=fragment):
        export.parse_steps(text, 150)


def test_sizes_fps_kinds_and_still_step():
    assert export.parse_size("1280x720") == (1280, 720)
    assert export.parse_size(" 640 X 400 ") == (640, 400)
    for bad in ("big", "10x10", "100000x100", "1280x"):
        with pytest.raises(ExportError, match="size"):
            export.parse_size(bad)
    with pytest.raises(ExportError, match="even width and height"):
        export.parse_size("641x400", "mp4")
    assert export.parse_size("641x400", "gif") == (641, 400)
    assert export.check_fps("50", "gif") == 50
    with pytest.raises(ExportError, match="1 to 50 for a GIF"):
        export.check_fps(60, "gif")
    assert export.check_fps(60, "mp4") == 60
    assert [export.output_kind(p) for p in ("a.PNG", "a.gif", "b/a.mp4", "frames/")] == \
        ["png", "gif", "mp4", "png-sequence"]
    for bad in ("a.jpg", "noext"):
        with pytest.raises(ExportError, match="unknown output type"):
            export.output_kind(bad)
    assert export.still_step(StepRange(0, 100, 7)) == 98
    assert export.still_step(export.parse_steps("40", 150)) == 40
    assert export.palette_sample_steps(list(range(0, 101, 2))) == [0, 50, 100]


# ---------------------------------------------------------------------------------------------
# Writers, decoded back
# ---------------------------------------------------------------------------------------------
def test_gif_round_trip(tmp_path):
    frames = dot_frames(9)
    writer = export.open_writer(tmp_path / "dot.gif", (W, H), fps=20, key_colors=["#E69F00"])
    path = export.export_frames(frames, writer)
    assert path == tmp_path / "dot.gif" and leftovers(tmp_path) == []
    got, durations = gif_frames(path)
    size, info, _ = image_info(path)
    assert len(got) == 9 and size == (W, H) and info.get("loop") == 0
    assert sum(durations) == pytest.approx(9 * 50, abs=10)  # 20 fps
    for src, dec in zip(frames, got, strict=True):  # every frame decodes close to its source
        assert np.abs(dec.astype(int) - src).max(axis=-1).mean() < 6
    first, last = got[0], got[-1]
    moved = near(frames[0], ORANGE, 0) ^ near(frames[-1], ORANGE, 0)
    assert (np.abs(first.astype(int) - last).max(-1)[moved] > 60).all()
    assert near(last, ORANGE, 0).sum() >= 60  # the key colour is kept exact


def test_gif_identical_frames_still_count(tmp_path):
    f = dot_frames(1)[0]
    path = export.export_frames([f, f, f, dot_frames(2)[1]],
                                export.open_writer(tmp_path / "same.gif", (W, H), fps=10))
    got, durations = gif_frames(path)
    assert len(got) == 4 and durations == [100] * 4
    assert np.array_equal(got[1], got[0]) and not np.array_equal(got[3], got[2])


def test_mp4_round_trip(tmp_path):
    frames = dot_frames(12, size=(96, 64))
    path = export.export_frames(frames, export.open_writer(tmp_path / "dot.mp4", (96, 64), 24))
    assert leftovers(tmp_path) == []
    got, fps = read_mp4(path)
    assert len(got) == 12 and got[0].shape == (64, 96, 3)
    assert fps == pytest.approx(24)
    assert near(got[0], ORANGE, 60).sum() >= 20 and near(got[-1], ORANGE, 60).sum() >= 20
    cx0 = np.nonzero(near(got[0], ORANGE, 60))[1].mean()
    cx1 = np.nonzero(near(got[-1], ORANGE, 60))[1].mean()
    assert cx1 - cx0 > 50  # the dot moved right


@pytest.mark.parametrize("name", ["b.gif", "b.png", "b.mp4"])
def test_bgra_frames_give_the_same_output(tmp_path, name):
    """A Qt ARGB32 image's memory (B, G, R, A) is accepted as is and decodes like RGB."""
    rgb = dot_frames(4)
    bgra = [np.concatenate([f[..., ::-1], np.full(f.shape[:2] + (1,), 255, np.uint8)], -1)
            for f in rgb]
    a = export.export_frames(rgb, export.open_writer(tmp_path / f"rgb_{name}", (W, H)))
    b = export.export_frames(bgra, export.open_writer(tmp_path / name, (W, H),
                                                      pixel_format="bgra"))
    if name.endswith(".mp4"):
        fa, fb = read_mp4(a)[0], read_mp4(b)[0]
        assert len(fa) == len(fb) == 4
        assert np.abs(fa[-1].astype(int) - fb[-1]).max() <= 2
    else:
        assert a.read_bytes() == b.read_bytes()
    with pytest.raises(ValueError, match=r"\(height, width, 4\) uint8 array \(bgra\)"):
        export.export_frames(rgb, export.open_writer(tmp_path / f"x{name}", (W, H),
                                                     pixel_format="bgra"))


def test_png_and_png_sequence(tmp_path):
    frames = dot_frames(5)
    png = export.export_frames(frames[-1:], export.open_writer(tmp_path / "one.png", (W, H)))
    assert np.array_equal(image_info(png)[2], frames[-1])
    seq = export.export_frames(frames, export.open_writer(f"{tmp_path}/seq/", (W, H)))
    names = sorted(p.name for p in seq.iterdir())
    assert names == [f"frame_{i:05d}.png" for i in range(5)]
    assert np.array_equal(image_info(seq / "frame_00003.png")[2], frames[3])
    assert leftovers(tmp_path) == []
    # an existing sequence needs overwrite, and is then replaced as a whole
    with pytest.raises(OutputExistsError):
        export.open_writer(f"{tmp_path}/seq/", (W, H))
    export.export_frames(frames[:2], export.open_writer(f"{tmp_path}/seq/", (W, H),
                                                        overwrite=True))
    assert len(list(seq.iterdir())) == 2 and leftovers(tmp_path) == []
    # a folder holding anything else is never replaced
    (seq / "notes.txt").write_text("mine")
    with pytest.raises(ExportError, match="holds other files"):
        export.open_writer(seq, (W, H), overwrite=True)


# ---------------------------------------------------------------------------------------------
# Safety: existing files, cancel, failures
# ---------------------------------------------------------------------------------------------
def failing_frames(n_good: int):
    yield from dot_frames(n_good + 1)[:n_good]
    raise RuntimeError("renderer crashed")


@pytest.mark.parametrize("name", ["out.gif", "out.mp4", "out.png", "seq/"])
def test_failed_export_keeps_the_existing_output(tmp_path, name):
    target = Path(f"{tmp_path}/{name}")
    if name.endswith("/"):
        target.mkdir()
        (target / "frame_00000.png").write_bytes(b"old frame")
        old = target / "frame_00000.png"
    else:
        target.write_bytes(b"old content")
        old = target
    with pytest.raises(OutputExistsError):
        export.open_writer(f"{tmp_path}/{name}", (W, H))
    writer = export.open_writer(f"{tmp_path}/{name}", (W, H), overwrite=True)
    with pytest.raises(RuntimeError, match="renderer crashed"):
        export.export_frames(failing_frames(3), writer)
    assert old.read_bytes() in (b"old content", b"old frame")
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("name", ["c.gif", "c.mp4", "c/"])
def test_cancelled_export_leaves_nothing(tmp_path, name):
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > 4

    writer = export.open_writer(f"{tmp_path}/{name}", (W, H), fps=10)
    with pytest.raises(ExportCancelled):
        export.export_frames(dot_frames(10), writer, cancelled=cancelled)
    assert list(tmp_path.iterdir()) == []


def test_unthreaded_export_and_progress(tmp_path):
    done = []
    export.export_frames(dot_frames(4), export.open_writer(tmp_path / "p.gif", (W, H)),
                         progress=done.append, threaded=False)
    assert done == [1, 2, 3, 4]
    with pytest.raises(ExportError, match="no frames"):
        export.export_frames([], export.open_writer(tmp_path / "q.gif", (W, H)))
    with pytest.raises(ValueError, match="expected 96x64"):
        export.export_frames([np.zeros((10, 10, 3), np.uint8)],
                             export.open_writer(tmp_path / "r.gif", (W, H)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.gif"]


def test_full_disk_gives_one_clear_message(tmp_path, monkeypatch):
    def no_space(self, frame):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(export.GifWriter, "_add", no_space)
    (tmp_path / "full.gif").write_bytes(b"keep me")
    writer = export.open_writer(tmp_path / "full.gif", (W, H), overwrite=True)
    with pytest.raises(ExportError, match="^not enough disk space to write .*full.gif$"):
        export.export_frames(dot_frames(3), writer)
    assert (tmp_path / "full.gif").read_bytes() == b"keep me" and leftovers(tmp_path) == []


def test_unwritable_and_missing_folders(tmp_path, monkeypatch):
    with pytest.raises(ExportError, match="folder does not exist"):
        export.open_writer(tmp_path / "nope" / "a.gif", (W, H))
    with pytest.raises(ExportError, match="is a folder"):
        export.open_writer(tmp_path, (W, H), kind="gif")

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(export.tempfile, "mkstemp", denied)
    with pytest.raises(ExportError, match="permission denied"):
        export.export_frames(dot_frames(2), export.open_writer(tmp_path / "a.gif", (W, H)))
    monkeypatch.undo()
    if os.geteuid() != 0:  # root may write anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(ExportError, match="permission denied"):
            export.open_writer(locked / "a.gif", (W, H))


def test_ffmpeg_error_is_reported(tmp_path):
    writer = export.Mp4Writer(tmp_path / "bad.mp4", (W, H), 10,
                              extra_args=("-c:v", "no_such_codec"))
    with pytest.raises(ExportError, match="ffmpeg could not write .*bad.mp4"):
        export.export_frames(dot_frames(3), writer)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------------------------
# Trajectory data: the same as ``descent-lab run``
# ---------------------------------------------------------------------------------------------
def test_trajectory_data_matches_run(tmp_path, capsys):
    from app import scenario

    sc = scenario.load("default")
    assert main(["run", "--scenario", "default"]) == 0
    run_json = json.loads(capsys.readouterr().out)
    path = export.write_trajectory_data(tmp_path / "d.json", sc)
    assert json.loads(path.read_text()) == run_json
    assert main(["run", "--scenario", "default", "--format", "csv"]) == 0
    run_csv = capsys.readouterr().out
    assert export.write_trajectory_data(tmp_path / "d.csv", sc).read_text() == run_csv
    with pytest.raises(OutputExistsError):
        export.write_trajectory_data(tmp_path / "d.csv", sc)
    with pytest.raises(ExportError, match="unknown data format"):
        export.write_trajectory_data(tmp_path / "d.txt", sc)
    assert leftovers(tmp_path) == []


def test_atomic_text_write_failure_keeps_old(tmp_path):
    (tmp_path / "t.json").write_text("old")

    def boom(stream: io.TextIOBase):
        stream.write("half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ExportError, match="not enough disk space"):
        export.atomic_write_text(tmp_path / "t.json", boom, overwrite=True)
    assert (tmp_path / "t.json").read_text() == "old" and leftovers(tmp_path) == []


# ---------------------------------------------------------------------------------------------
# descent-lab render (real frames, offscreen)
# ---------------------------------------------------------------------------------------------
def render(capfd, *argv):
    code = main(["render", *argv])
    out, err = capfd.readouterr()
    return code, out, err


def test_render_gif_has_the_racers_paths(tmp_path, capfd):
    out = tmp_path / "lesson.gif"
    code, stdout, stderr = render(capfd, "--scenario", "default", "--out", str(out),
                                  "--size", "320x200", "--steps", "0:30:2", "--plot-only")
    assert (code, stdout, stderr) == (0, "", "")  # quiet when stderr is not a terminal
    got, _ = gif_frames(out)
    assert len(got) == 16 and got[0].shape == (200, 320, 3)
    # GD's orange (#E69F00) path appears as it moves; the first frame only has its start
    orange_first, orange_last = near(got[0], ORANGE, 30), near(got[-1], ORANGE, 30)
    assert orange_last.sum() > orange_first.sum() + 50
    assert (np.abs(got[0].astype(int) - got[-1]).max(-1) > 60).sum() > 200


def test_render_mp4_png_and_sequence(tmp_path, capfd):
    code, _, err = render(capfd, "--out", f"{tmp_path}/v.mp4", "--size", "480x300",
                          "--steps", "0:20", "--fps", "10", "--plot-only")
    assert code == 0, err
    frames, _ = read_mp4(tmp_path / "v.mp4")
    assert len(frames) == 21 and frames[0].shape == (300, 480, 3)
    # yuv420 halves the chroma resolution: a thin orange line comes back within ~50
    assert near(frames[-1], ORANGE, 50).sum() > near(frames[0], ORANGE, 50).sum() + 200

    assert render(capfd, "--out", f"{tmp_path}/s.png", "--size", "320x200",
                  "--steps", "25")[0] == 0
    assert image_info(tmp_path / "s.png")[0] == (320, 200)

    assert render(capfd, "--out", f"{tmp_path}/seq/", "--size", "128x96",
                  "--steps", "0:12:3", "--plot-only")[0] == 0
    assert sorted(p.name for p in (tmp_path / "seq").iterdir()) == \
        [f"frame_{i:05d}.png" for i in range(5)]
    assert leftovers(tmp_path) == []


def test_render_force(tmp_path, capfd):
    out = tmp_path / "f.png"
    out.write_bytes(b"precious")
    code, _, err = render(capfd, "--out", str(out), "--size", "128x96")
    assert code == 2 and err == f"descent-lab: error: {out} already exists; use --force " \
                                "to replace it\n"
    assert out.read_bytes() == b"precious"
    assert render(capfd, "--out", str(out), "--size", "128x96", "--force")[0] == 0
    assert image_info(out)[0] == (128, 96)


@pytest.mark.parametrize("args, fragment", [
    (["--out", "x.jpg"], "unknown output type ('.jpg')"),
    (["--out", "x.gif", "--size", "big"], "expected WIDTHxHEIGHT"),
    (["--out", "x.mp4", "--size", "321x200"], "even width and height"),
    (["--out", "x.gif", "--steps", "0:9999"], "beyond the last step of this run (150)"),
    (["--out", "x.gif", "--steps", "-1"], "expected A:B"),
    (["--out", "x.gif", "--steps", "5:1"], "0 <= A <= B"),
    (["--out", "x.gif", "--fps", "0"], "fps"),
    (["--out", "x.gif", "--scenario", "nope"], "nope"),
    (["--out", "/no/such/folder/x.gif"], "folder does not exist"),
    (["--size", "10x10"], "required: --out"),
])
def test_render_bad_input_is_one_line_exit_2(tmp_path, capfd, monkeypatch, args, fragment):
    monkeypatch.chdir(tmp_path)
    code, out, err = render(capfd, *args)
    assert code == 2 and out == ""
    assert err.startswith("descent-lab: error: ") and err.count("\n") == 1
    assert fragment in err
    assert list(tmp_path.iterdir()) == []
