"""Lecture figures (issue 22, item 4): SVG and PDF of the surface view and readouts, small
multiples; the outputs are parsed (SVG as XML, PDF by its cross-reference table)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from app import figures
from app import scenario as S
from app.cli import main

SVG = "{http://www.w3.org/2000/svg}"


def _short(name: str, steps: int = 60):
    return S.load(name).with_changes(steps=steps)


def _svg(canvas) -> ET.Element:
    return ET.fromstring(figures.to_svg(canvas).encode("utf-8"))


def _pdf_objects(text: str) -> dict[int, str]:
    """Check the header, the xref offsets and the trailer; the objects by number."""
    assert text.startswith("%PDF-1.4\n") and text.rstrip().endswith("%%EOF")
    start = int(re.search(r"startxref\n(\d+)\n%%EOF", text).group(1))
    assert text[start:].startswith("xref\n")
    head, *rows = text[start:].split("trailer")[0].splitlines()[1:]
    first, count = map(int, head.split())
    offsets = [int(r.split()[0]) for r in rows[1:]]  # entry 0 is the free list head
    assert len(offsets) == count - 1
    objects = {}
    for number, offset in enumerate(offsets, start=1):
        m = re.match(rf"{number} 0 obj\n(.*?)\nendobj\n", text[offset:], re.S)
        assert m, f"xref offset of object {number} does not point at it"
        objects[number] = m.group(1)
    return objects


def _pages(objects: dict[int, str]) -> int:
    return sum(1 for body in objects.values() if re.search(r"/Type /Page\b(?!s)", body))


def test_scenario_figure_svg_has_the_paths_contours_heatmap_and_readouts():
    sc = _short("p1_divergence")
    runs = sc.simulate()
    root = _svg(figures.scenario_figure(sc, runs))
    assert root.tag == f"{SVG}svg"
    images = root.findall(f".//{SVG}image")
    assert len(images) == 2  # the heatmap and the colour bar: everything else is vector
    lines = root.findall(f".//{SVG}polyline")
    colors = {p.get("stroke") for p in lines}
    assert {r.racer.color.lower() for r in runs} <= colors
    # every racer: one path on the surface plus a loss and a |gradient| curve (+ legend)
    for r in runs:
        assert sum(p.get("stroke") == r.racer.color.lower() for p in lines) >= 4
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "step" in texts and sc.lesson.title in texts
    assert any(t.startswith("GD, lr 0.12") for t in texts)
    assert len(root.findall(f".//{SVG}clipPath")) == 3  # surface, loss, |gradient|


def test_paths_are_clipped_to_the_panel_keeping_their_direction():
    box = (0.0, 0.0, 10.0, 10.0)
    out = figures.clip_polyline(np.array([[5.0, 5.0], [5.0, 1e30], [6.0, 5.0], [7.0, 5.0]]),
                                box)
    pieces = [p for p in np.split(out, np.flatnonzero(np.isnan(out[:, 0]))) if len(p)]
    first, second = (p[~np.isnan(p[:, 0])] for p in pieces)
    np.testing.assert_allclose(first, [[5.0, 5.0], [5.0, 10.0]])
    np.testing.assert_allclose(second[0, 1], 10.0)
    np.testing.assert_allclose(second[-1], [7.0, 5.0])


def test_scenario_figure_pdf_is_one_page_with_its_images():
    sc = _short("p1_divergence")
    objects = _pdf_objects(figures.to_pdf(figures.scenario_figure(sc)))
    assert _pages(objects) == 1
    images = [b for b in objects.values() if "/Subtype /Image" in b]
    assert len(images) == 2
    content = next(b for b in objects.values() if "BT" in b and "Tj" in b)
    assert "(step) Tj" in content and content.count(" re W n") == 3
    # the stream's length is what it says
    for body in objects.values():
        m = re.match(r"<< .*?/Length (\d+) >>\nstream\n(.*)\nendstream$", body, re.S)
        if m:
            assert int(m.group(1)) == len(m.group(2))
    assert figures.to_pdf(figures.scenario_figure(sc)).isascii()


@pytest.mark.parametrize(("over", "values"), [("lr", [0.01, 0.05, 0.1, 0.12, 0.2]),
                                              ("optimizer", ["gd", "momentum", "adam"])])
def test_small_multiples_one_panel_per_value_one_colour_scale(over, values):
    sc = _short("p1_divergence", 40)
    canvas = figures.small_multiples(sc, over, values)
    root = _svg(canvas)
    heatmaps = [im for im in root.iter(f"{SVG}image")]
    assert len(heatmaps) == len(values) + 1  # a panel each, one colour bar
    # one shared colour scale: every panel's heatmap is the same picture
    assert len({im.get(next(k for k in im.keys() if k.endswith("href"))) for im in
                heatmaps[:-1]}) == 1
    texts = [t.text for t in root.iter(f"{SVG}text")]
    if over == "lr":
        assert [t for t in texts if t.startswith("lr=")] == [f"lr={v:g}" for v in values]
        assert "gd" in texts  # the legend names the racers by their other parameters
    else:
        assert [t for t in texts if t.split(" ")[0] in values] == [f"{v} lr=0.01"
                                                                  for v in values]
    objects = _pdf_objects(figures.to_pdf(canvas))
    assert _pages(objects) == 1
    assert sum("/Subtype /Image" in b for b in objects.values()) == len(values) + 1


def test_grid_text_is_checked():
    assert figures.parse_grid("lr=0.1, 1e-3") == ("lr", [0.1, 1e-3])
    assert figures.parse_grid("optimizer=gd,adam") == ("optimizer", ["gd", "adam"])
    for bad, message in (("lr=0", "Invalid learning rate"), ("lr=x", "expected a number"),
                         ("batch=1", "expected lr="), ("optimizer=nope", "nope")):
        with pytest.raises(ValueError, match=message):
            figures.parse_grid(bad)


def test_render_writes_figures_and_small_multiples(tmp_path, capsys):
    svg, pdf = tmp_path / "p1.svg", tmp_path / "grid.pdf"
    assert main(["render", "--scenario", "p1_divergence", "--out", str(svg)]) == 0
    assert _svg_file(svg).tag == f"{SVG}svg"
    assert main(["render", "--scenario", "p1_divergence", "--out", str(pdf), "--grid",
                 "lr=0.01,0.1,0.12,0.2", "--columns", "2"]) == 0
    objects = _pdf_objects(pdf.read_text(encoding="ascii"))
    assert sum("/Subtype /Image" in b for b in objects.values()) == 5
    assert main(["render", "--scenario", "p1_divergence", "--out", str(svg)]) == 2
    assert "exists" in capsys.readouterr().err
    assert main(["render", "--scenario", "p1_divergence", "--out", str(tmp_path / "a.gif"),
                 "--grid", "lr=0.1"]) == 2
    assert "FILE.svg or FILE.pdf" in capsys.readouterr().err


def _svg_file(path) -> ET.Element:
    return ET.parse(path).getroot()
