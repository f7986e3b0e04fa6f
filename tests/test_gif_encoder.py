"""The GIF writer against the format itself, read back without Pillow.

:class:`app.export.GifWriter` writes the header itself and has Pillow's undocumented
``PIL.GifImagePlugin.getdata`` encode each frame (a Graphic Control Extension, an Image
Descriptor and the LZW data). That helper may change in any Pillow release, so pyproject.toml
bounds Pillow's version and this test pins what the writer relies on: the file is walked block
by block and its LZW data decoded by the small reader below (written from the GIF89a
specification), then compared pixel for pixel with the frames given and with Pillow's decoding.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from app import export

W, H = 80, 64
BG, DOT, MARK = (30, 40, 90), (230, 159, 0), (255, 255, 255)  # DOT is a racer's key colour


def frames() -> list[np.ndarray]:
    """A dot moving right over a background with a fixed mark; frame 3 repeats frame 2."""
    out = []
    for x in (4, 28, 52, 52):
        f = np.empty((H, W, 3), np.uint8)
        f[:] = BG
        f[4:10, 60:76] = MARK
        f[20:32, x:x + 12] = DOT
        out.append(f)
    return out


def lzw_decode(data: bytes, min_size: int) -> list[int]:
    """GIF's variable-length LZW (GIF89a appendix F), codes packed least significant bit first."""
    clear, end = 1 << min_size, (1 << min_size) + 1
    bits, pos, value = min_size + 1, 0, int.from_bytes(data, "little")
    table: list[list[int]] = []
    prev: list[int] | None = None
    out: list[int] = []
    while pos + bits <= 8 * len(data):
        code = (value >> pos) & ((1 << bits) - 1)
        pos += bits
        if code == clear:
            table = [[i] for i in range(clear)] + [[], []]
            bits, prev = min_size + 1, None
            continue
        if code == end:
            return out
        if prev is None:
            entry = table[code]
        else:
            entry = table[code] if code < len(table) else prev + [prev[0]]
            if len(table) < 4096:
                table.append(prev + [entry[0]])
        out += entry
        prev = entry
        if len(table) == 1 << bits and bits < 12:
            bits += 1
    raise AssertionError("LZW data without an end code")


def read_gif(data: bytes):
    """``(size, palette, loop, frames)``; each frame a dict of its control and image blocks."""
    assert data[:6] == b"GIF89a"
    w, h = int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
    packed = data[10]
    assert packed & 0x80, "a global colour table"
    n_colors = 2 << (packed & 7)
    palette = np.frombuffer(data[13:13 + 3 * n_colors], np.uint8).reshape(-1, 3)
    pos, loop, control, found = 13 + 3 * n_colors, None, None, []

    def sub_blocks(pos):
        chunks = []
        while data[pos]:
            chunks.append(data[pos + 1:pos + 1 + data[pos]])
            pos += 1 + data[pos]
        return b"".join(chunks), pos + 1

    while data[pos] != 0x3B:
        if data[pos:pos + 2] == b"\x21\xff":  # application extension: NETSCAPE2.0 loop count
            body, pos = sub_blocks(pos + 2)
            assert body[:11] == b"NETSCAPE2.0" and body[11] == 1
            loop = int.from_bytes(body[12:14], "little")
        elif data[pos:pos + 3] == b"\x21\xf9\x04":  # graphic control extension
            flags = data[pos + 3]
            control = {"disposal": (flags >> 2) & 7, "has_transparency": bool(flags & 1),
                       "delay_cs": int.from_bytes(data[pos + 4:pos + 6], "little"),
                       "transparent": data[pos + 6]}
            assert data[pos + 7] == 0
            pos += 8
        elif data[pos] == 0x2C:  # image descriptor, then LZW data
            x, y, fw, fh = (int.from_bytes(data[pos + 1 + 2 * i:pos + 3 + 2 * i], "little")
                            for i in range(4))
            flags = data[pos + 9]
            assert not flags & 0x80 and not flags & 0x40, "no local table, not interlaced"
            min_size = data[pos + 10]
            lzw, pos = sub_blocks(pos + 11)
            indices = lzw_decode(lzw, min_size)
            assert len(indices) == fw * fh
            found.append({**control, "box": (x, y, fw, fh),
                          "indices": np.array(indices, np.uint8).reshape(fh, fw)})
            control = None
        else:
            raise AssertionError(f"unexpected block {data[pos]:#x} at byte {pos}")
    assert pos == len(data) - 1, "nothing after the trailer"
    return (w, h), palette, loop, found


def compose(size, palette, found) -> list[np.ndarray]:
    """The frames a viewer shows: each patch drawn over the last (disposal 1 = keep),
    transparent pixels left as they were."""
    w, h = size
    canvas = np.zeros((h, w), np.uint8)
    shown = []
    for f in found:
        x, y, fw, fh = f["box"]
        region = canvas[y:y + fh, x:x + fw]
        opaque = f["indices"] != f["transparent"]
        region[opaque] = f["indices"][opaque]
        shown.append(palette[canvas].copy())
    return shown


def test_gif_blocks_and_pixels_are_what_the_writer_means(tmp_path):
    source = frames()
    path = export.export_frames(
        source, export.open_writer(tmp_path / "dot.gif", (W, H), fps=20, key_colors=["#E69F00"]))
    size, palette, loop, found = read_gif(path.read_bytes())

    assert size == (W, H) and loop == 0 and len(palette) == 256
    assert tuple(palette[0]) == DOT  # the key colour is the palette's first entry, exact
    assert len(found) == len(source)
    for f in found:  # each frame: keep the previous one, index 255 transparent, 1/20 s
        assert f["disposal"] == 1 and f["has_transparency"] and f["transparent"] == 255
        assert f["delay_cs"] == 5
    assert found[0]["box"] == (0, 0, W, H)
    assert found[1]["box"] == (4, 20, 36, 12)  # only the pixels that changed: old and new dot
    assert found[3]["box"][2:] == (1, 1) and (found[3]["indices"] == 255).all()  # unchanged

    shown = compose(size, palette, found)
    for src, got in zip(source, shown, strict=True):
        assert np.array_equal(got, src)  # every colour exact: the image has only four
    with Image.open(path) as im:  # and Pillow's own reader agrees
        for i, got in enumerate(shown):
            im.seek(i)
            assert np.array_equal(np.asarray(im.convert("RGB")), got)
