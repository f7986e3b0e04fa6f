"""Lecture figures: vector SVG and PDF of a scenario's surface with its paths, of its readouts,
and small multiples (one scenario over a list of learning rates or optimizers), headless.

A figure is drawn on a :class:`Canvas` (points, origin top left) as lines, rectangles, circles,
text and one raster per heatmap; :func:`to_svg` and :func:`to_pdf` write the same drawing as
SVG 1.1 or a one-page PDF 1.4 (pure ASCII: images as hex-encoded deflate streams, text in
Helvetica). Contour lines, paths, axes and labels are vectors; only the heatmap under them is
a raster. Every panel of a small-multiples grid uses the same colour scale (one colour bar),
the same contour levels and the same window, and is captioned with its racers' parameters.

>>> from app import scenario
>>> svg = to_svg(scenario_figure(scenario.load("p1_divergence")))
>>> svg.startswith("<?xml")
True
"""

from __future__ import annotations

import base64
import io
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import numpy as np

__all__ = ["Canvas", "to_svg", "to_pdf", "scenario_figure", "small_multiples", "write_figure",
           "parse_grid", "FIGURE_SUFFIXES"]

FIGURE_SUFFIXES = (".svg", ".pdf")
#: viridis at 9 evenly spaced stops (the window's heatmap colormap), interpolated linearly
VIRIDIS = ("#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962",
           "#addc30", "#fde725")
INK, MUTED, GRID = "#222222", "#666666", "#bbbbbb"
FONT = 9.0
PANEL = (300.0, 240.0)  # a surface panel's plot area, points
MARGIN = dict(left=44.0, right=12.0, top=12.0, bottom=44.0)


# ---------------------------------------------------------------------------------------------
# The canvas
# ---------------------------------------------------------------------------------------------
@dataclass
class Canvas:
    """A drawing in points, origin top left. ``items`` are tuples: ``("line", xy, color,
    width, dash)``, ``("rect", x, y, w, h, fill, stroke)``, ``("circle", x, y, r, fill,
    stroke)``, ``("text", x, y, text, size, anchor, color, rotate)``, ``("image", x, y, w, h,
    rgb)``, ``("clip", x, y, w, h, items)``."""

    width: float
    height: float
    items: list = field(default_factory=list)

    def line(self, xy: Any, color: str, width: float = 1.0, dash: Sequence[float] = ()) -> None:
        """A polyline through ``xy`` ``(k, 2)``; NaN rows break it into pieces."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        for piece in _pieces(xy):
            self.items.append(("line", piece, color, width, tuple(dash)))

    def rect(self, x, y, w, h, fill: str | None = None, stroke: str | None = None) -> None:
        self.items.append(("rect", x, y, w, h, fill, stroke))

    def circle(self, x, y, r, fill: str | None = None, stroke: str | None = None) -> None:
        self.items.append(("circle", x, y, r, fill, stroke))

    def text(self, x, y, text: str, size: float = FONT, anchor: str = "start",
             color: str = INK, rotate: bool = False) -> None:
        self.items.append(("text", x, y, str(text), size, anchor, color, rotate))

    def image(self, x, y, w, h, rgb: np.ndarray) -> None:
        self.items.append(("image", x, y, w, h, np.ascontiguousarray(rgb, dtype=np.uint8)))

    def clipped(self, x, y, w, h) -> Canvas:
        """A canvas whose drawing is clipped to the rectangle (drawn where it is created)."""
        inner = Canvas(self.width, self.height)
        self.items.append(("clip", x, y, w, h, inner.items))
        return inner


def _pieces(xy: np.ndarray) -> list[np.ndarray]:
    ok = np.isfinite(xy).all(axis=1)
    out, start = [], None
    for i, good in enumerate(np.append(ok, False)):
        if good and start is None:
            start = i
        elif not good and start is not None:
            if i - start >= 2:
                out.append(xy[start:i])
            start = None
    return out


def clip_polyline(xy: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """The parts of the polyline ``xy`` inside ``box`` (x, y, w, h), NaN rows between parts
    (Liang-Barsky per segment): a path that leaves for 1e30 keeps its direction on the page.
    A point where a segment crosses an edge is computed on that edge from the segment's
    nearer end (no cancellation against a far-away end)."""
    x0, y0 = box[0], box[1]
    x1, y1 = x0 + box[2], y0 + box[3]
    out: list[tuple[float, float]] = []
    open_end = False
    with np.errstate(all="ignore"):
        for a, b in zip(xy[:-1], xy[1:], strict=True):
            if not (np.isfinite(a).all() and np.isfinite(b).all()):
                open_end = False
                continue
            d = b - a
            t0, t1, e0, e1 = 0.0, 1.0, None, None
            for p, q, edge in ((-d[0], a[0] - x0, (0, x0)), (d[0], x1 - a[0], (0, x1)),
                               (-d[1], a[1] - y0, (1, y0)), (d[1], y1 - a[1], (1, y1))):
                if p == 0:
                    if q < 0:
                        t0, t1 = 1.0, 0.0
                elif p < 0:
                    if q / p > t0:
                        t0, e0 = q / p, edge
                elif q / p < t1:
                    t1, e1 = q / p, edge
            if t0 > t1:
                open_end = False
                continue
            start = _on_edge(a, b, e0) if e0 else (float(a[0]), float(a[1]))
            if not (open_end and e0 is None):
                if out:
                    out.append((math.nan, math.nan))
                out.append(start)
            out.append(_on_edge(a, b, e1) if e1 else (float(b[0]), float(b[1])))
            open_end = e1 is None
    pts = np.array(out, dtype=float).reshape(-1, 2)
    np.clip(pts[:, 0], x0, x1, out=pts[:, 0])
    np.clip(pts[:, 1], y0, y1, out=pts[:, 1])
    return pts


def _on_edge(a: np.ndarray, b: np.ndarray, edge: tuple[int, float]) -> tuple[float, float]:
    """Where segment ``a b`` crosses the line ``coordinate[axis] = value``."""
    axis, value = edge
    other = 1 - axis
    near = a if abs(a[axis] - value) <= abs(b[axis] - value) else b
    d = b - a
    point = [0.0, 0.0]
    point[axis] = value
    point[other] = float(near[other] + (value - near[axis]) * (d[other] / d[axis]))
    return point[0], point[1]


def _rgb(color: str) -> tuple[int, int, int, float]:
    c = color.lstrip("#")
    r, g, b = (int(c[i:i + 2], 16) for i in (0, 2, 4))
    alpha = int(c[6:8], 16) / 255 if len(c) == 8 else 1.0
    return r, g, b, alpha


def colormap(values: np.ndarray) -> np.ndarray:
    """RGB ``(..., 3)`` uint8 of ``values`` in [0, 1] (NaN: the top colour) by :data:`VIRIDIS`."""
    stops = np.array([_rgb(c)[:3] for c in VIRIDIS], dtype=float)
    v = np.clip(np.nan_to_num(np.asarray(values, float), nan=1.0), 0.0, 1.0)
    pos = v * (len(stops) - 1)
    i = np.minimum(pos.astype(int), len(stops) - 2)
    f = (pos - i)[..., None]
    return np.round(stops[i] * (1 - f) + stops[i + 1] * f).astype(np.uint8)


# ---------------------------------------------------------------------------------------------
# SVG
# ---------------------------------------------------------------------------------------------
def _fmt(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def _png(rgb: np.ndarray) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(rgb, "RGB").save(buf, format="PNG")
    return buf.getvalue()


def to_svg(canvas: Canvas) -> str:
    """The drawing as an SVG 1.1 document."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<svg xmlns="http://www.w3.org/2000/svg" '
           f'xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" '
           f'width="{_fmt(canvas.width)}pt" height="{_fmt(canvas.height)}pt" '
           f'viewBox="0 0 {_fmt(canvas.width)} {_fmt(canvas.height)}" '
           f'font-family="Helvetica, Arial, sans-serif">']
    clips = [0]
    _svg_items(canvas.items, out, clips)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _svg_paint(attr: str, color: str | None) -> str:
    if color is None:
        return f'{attr}="none"'
    r, g, b, a = _rgb(color)
    extra = f' {attr}-opacity="{a:.3f}"' if a < 1 else ""
    return f'{attr}="#{r:02x}{g:02x}{b:02x}"{extra}'


def _svg_items(items: list, out: list[str], clips: list[int]) -> None:
    for item in items:
        kind = item[0]
        if kind == "line":
            _, xy, color, width, dash = item
            pts = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in xy)
            dashes = f' stroke-dasharray="{" ".join(_fmt(d) for d in dash)}"' if dash else ""
            out.append(f'<polyline points="{pts}" fill="none" {_svg_paint("stroke", color)} '
                       f'stroke-width="{_fmt(width)}" stroke-linejoin="round"{dashes}/>')
        elif kind == "rect":
            _, x, y, w, h, fill, stroke = item
            out.append(f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(w)}" '
                       f'height="{_fmt(h)}" {_svg_paint("fill", fill)} '
                       f'{_svg_paint("stroke", stroke)}/>')
        elif kind == "circle":
            _, x, y, r, fill, stroke = item
            out.append(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(r)}" '
                       f'{_svg_paint("fill", fill)} {_svg_paint("stroke", stroke)}/>')
        elif kind == "text":
            _, x, y, text, size, anchor, color, rotate = item
            turn = f' transform="rotate(-90 {_fmt(x)} {_fmt(y)})"' if rotate else ""
            out.append(f'<text x="{_fmt(x)}" y="{_fmt(y)}" font-size="{_fmt(size)}" '
                       f'text-anchor="{anchor}" {_svg_paint("fill", color)}{turn}>'
                       f'{escape(text)}</text>')
        elif kind == "image":
            _, x, y, w, h, rgb = item
            data = base64.b64encode(_png(rgb)).decode("ascii")
            out.append(f'<image x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(w)}" '
                       f'height="{_fmt(h)}" preserveAspectRatio="none" '
                       f'xlink:href={quoteattr("data:image/png;base64," + data)}/>')
        elif kind == "clip":
            _, x, y, w, h, inner = item
            clips[0] += 1
            name = f"clip{clips[0]}"
            out.append(f'<defs><clipPath id="{name}"><rect x="{_fmt(x)}" y="{_fmt(y)}" '
                       f'width="{_fmt(w)}" height="{_fmt(h)}"/></clipPath></defs>')
            out.append(f'<g clip-path="url(#{name})">')
            _svg_items(inner, out, clips)
            out.append("</g>")


# ---------------------------------------------------------------------------------------------
# PDF
# ---------------------------------------------------------------------------------------------
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def _plain(text: str) -> str:
    """Helvetica has no superscripts beyond 3 and no minus sign: ``10⁻⁵`` -> ``10^-5``."""
    out, sup = [], False
    for c in text.replace("\u2212", "-"):
        is_sup = c in "⁰¹²³⁴⁵⁶⁷⁸⁹⁻"
        if is_sup and not sup:
            out.append("^")
        out.append(c.translate(_SUPERSCRIPTS))
        sup = is_sup
    return "".join(out)


def _pdf_text(text: str) -> str:
    raw = _plain(text).encode("cp1252", errors="replace").decode("latin-1")
    out = []
    for c in raw:
        if c in "\\()":
            out.append("\\" + c)
        elif 32 <= ord(c) < 127:
            out.append(c)
        else:
            out.append(f"\\{ord(c):03o}")
    return "".join(out)


def _pdf_color(color: str, op: str) -> str:
    r, g, b, _ = _rgb(color)
    return f"{r / 255:.3f} {g / 255:.3f} {b / 255:.3f} {op}"


def to_pdf(canvas: Canvas) -> str:
    """The drawing as a one-page PDF 1.4 document (ASCII text: write it as is)."""
    images: list[np.ndarray] = []
    ops = [f"1 0 0 -1 0 {canvas.height:.2f} cm"]  # y down, as the canvas
    _pdf_items(canvas.items, ops, images)
    content = "\n".join(ops)
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               None,  # the page, once the image objects are numbered
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
               "/Encoding /WinAnsiEncoding >>",
               f"<< /Length {len(content)} >>\nstream\n{content}\nendstream"]
    xobjects = []
    for k, rgb in enumerate(images):
        h, w, _ = rgb.shape
        data = zlib.compress(rgb.tobytes(), 9).hex() + ">"
        objects.append(f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} "
                       f"/ColorSpace /DeviceRGB /BitsPerComponent 8 "
                       f"/Filter [/ASCIIHexDecode /FlateDecode] /Length {len(data)} >>\n"
                       f"stream\n{data}\nendstream")
        xobjects.append(f"/Im{k} {len(objects)} 0 R")
    objects[2] = (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {canvas.width:.2f} "
                  f"{canvas.height:.2f}] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> "
                  f"/XObject << {' '.join(xobjects)} >> >> >>")
    text = "%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(text))
        text += f"{i} 0 obj\n{body}\nendobj\n"
    xref = len(text)
    text += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    text += "".join(f"{o:010d} 00000 n \n" for o in offsets)
    text += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
             f"%%EOF\n")
    return text


def _pdf_paint(fill: str | None, stroke: str | None) -> tuple[str, str]:
    """The colour operators of a filled and/or stroked shape, and its painting operator."""
    paint = []
    if fill is not None:
        paint.append(_pdf_color(fill, "rg"))
    if stroke is not None:
        paint.append(_pdf_color(stroke, "RG") + " 0.8 w [] 0 d")
    return " ".join(paint), "B" if fill and stroke else "f" if fill else "S"


def _pdf_items(items: list, ops: list[str], images: list[np.ndarray]) -> None:
    for item in items:
        kind = item[0]
        if kind == "line":
            _, xy, color, width, dash = item
            ops.append(f"{_pdf_color(color, 'RG')} {width:.2f} w 1 j "
                       f"[{' '.join(f'{d:.2f}' for d in dash)}] 0 d")
            path = [f"{xy[0, 0]:.2f} {xy[0, 1]:.2f} m"]
            path += [f"{x:.2f} {y:.2f} l" for x, y in xy[1:]]
            ops.append(" ".join(path) + " S")
        elif kind == "rect":
            _, x, y, w, h, fill, stroke = item
            paint, op = _pdf_paint(fill, stroke)
            ops.append(f"{paint} {x:.2f} {y:.2f} {w:.2f} {h:.2f} re {op}")
        elif kind == "circle":
            _, x, y, r, fill, stroke = item
            k = 0.5523 * r
            path = (f"{x + r:.2f} {y:.2f} m "
                    f"{x + r:.2f} {y + k:.2f} {x + k:.2f} {y + r:.2f} {x:.2f} {y + r:.2f} c "
                    f"{x - k:.2f} {y + r:.2f} {x - r:.2f} {y + k:.2f} {x - r:.2f} {y:.2f} c "
                    f"{x - r:.2f} {y - k:.2f} {x - k:.2f} {y - r:.2f} {x:.2f} {y - r:.2f} c "
                    f"{x + k:.2f} {y - r:.2f} {x + r:.2f} {y - k:.2f} {x + r:.2f} {y:.2f} c")
            paint, op = _pdf_paint(fill, stroke)
            ops.append(f"{paint} {path} {op}")
        elif kind == "text":
            _, x, y, text, size, anchor, color, rotate = item
            width = 0.5 * size * len(text)  # Helvetica's average advance, about 0.5 em
            shift = {"start": 0.0, "middle": width / 2, "end": width}[anchor]
            # text space is y up: flip it back inside the y-down page
            matrix = (f"0 -1 -1 0 {x:.2f} {y + shift:.2f}" if rotate
                      else f"1 0 0 -1 {x - shift:.2f} {y:.2f}")
            ops.append(f"BT {_pdf_color(color, 'rg')} /F1 {size:.2f} Tf {matrix} Tm "
                       f"({_pdf_text(text)}) Tj ET")
        elif kind == "image":
            _, x, y, w, h, rgb = item
            images.append(rgb)
            # the image's row 0 is its top: map the unit square with y flipped
            ops.append(f"q {w:.2f} 0 0 {-h:.2f} {x:.2f} {y + h:.2f} cm /Im{len(images) - 1} "
                       f"Do Q")
        elif kind == "clip":
            _, x, y, w, h, inner = item
            ops.append(f"q {x:.2f} {y:.2f} {w:.2f} {h:.2f} re W n")
            _pdf_items(inner, ops, images)
            ops.append("Q")


# ---------------------------------------------------------------------------------------------
# Axes
# ---------------------------------------------------------------------------------------------
def linear_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """About ``count`` ticks at 1, 2 or 5 times a power of ten inside ``[lo, hi]``."""
    from app.stepwise import nice_scale

    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return []
    step = nice_scale((hi - lo) / max(count - 1, 1))
    first = math.ceil(lo / step - 1e-9)
    return [k * step for k in range(first, int(math.floor(hi / step + 1e-9)) + 1)]


@dataclass(frozen=True)
class Frame:
    """A plot area on the canvas and the data window it shows (y up)."""

    x: float
    y: float
    w: float
    h: float
    window: tuple[tuple[float, float], tuple[float, float]]

    def box(self, margin: float = 0.0) -> tuple[float, float, float, float]:
        return (self.x - margin, self.y - margin, self.w + 2 * margin, self.h + 2 * margin)

    def contains(self, point: np.ndarray) -> bool:
        x, y = point
        return bool(self.x <= x <= self.x + self.w and self.y <= y <= self.y + self.h)

    def map(self, data: np.ndarray) -> np.ndarray:
        (x0, x1), (y0, y1) = self.window
        d = np.asarray(data, dtype=float).reshape(-1, 2)
        px = self.x + (d[:, 0] - x0) / (x1 - x0) * self.w
        py = self.y + self.h - (d[:, 1] - y0) / (y1 - y0) * self.h
        return np.stack([px, py], axis=1)


def _axes(canvas: Canvas, frame: Frame, xlabel: str, ylabel: str,
          yticks: list[tuple[float, str]] | None = None) -> None:
    from app.numbers import format_number

    (x0, x1), (y0, y1) = frame.window
    canvas.rect(frame.x, frame.y, frame.w, frame.h, stroke=INK)
    for v in linear_ticks(x0, x1):
        px = frame.map([[v, y0]])[0, 0]
        canvas.line([[px, frame.y + frame.h], [px, frame.y + frame.h + 3]], INK, 0.6)
        canvas.text(px, frame.y + frame.h + 12, format_number(v), FONT - 1, "middle")
    for v, label in yticks if yticks is not None else [(v, format_number(v))
                                                       for v in linear_ticks(y0, y1)]:
        py = frame.map([[x0, v]])[0, 1]
        canvas.line([[frame.x - 3, py], [frame.x, py]], INK, 0.6)
        canvas.text(frame.x - 5, py + 3, label, FONT - 1, "end")
    canvas.text(frame.x + frame.w / 2, frame.y + frame.h + 25, xlabel, FONT, "middle")
    canvas.text(frame.x - 34, frame.y + frame.h / 2, ylabel, FONT, "middle", rotate=True)


# ---------------------------------------------------------------------------------------------
# Panels
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SurfaceLook:
    """What every panel of one figure shares: the grid, its colour scale and contour levels."""

    xs: np.ndarray
    ys: np.ndarray
    scale: Any  # app.viewmodel.ColorScale
    contours: list
    window: tuple[tuple[float, float], tuple[float, float]]


def surface_look(surface: Any, window, n: int = 160, n_levels: int = 12) -> SurfaceLook:
    from app.viewmodel import color_scale, contour_lines

    xs, ys, z = surface.grid(n, window)
    scale = color_scale(z)
    contours = contour_lines(xs, ys, scale.image.astype(float), n_levels)
    return SurfaceLook(xs, ys, scale, contours, window)


def surface_panel(canvas: Canvas, frame: Frame, look: SurfaceLook, runs: Sequence[Any],
                  surface: Any, caption: str = "") -> None:
    """The heatmap, contour lines, every run's path, start and end points, and the minima."""
    from app.viewmodel import axis_labels, drawable_points

    lo, hi = look.scale.levels
    rgb = colormap((look.scale.image[::-1] - lo) / (hi - lo))  # row 0 of the image: top
    canvas.image(frame.x, frame.y, frame.w, frame.h, rgb)
    inside = canvas.clipped(frame.x, frame.y, frame.w, frame.h)
    for _, xy in look.contours:
        inside.line(frame.map(xy), "#d9d9d9", 0.4)
    for m in np.asarray(surface.minima).reshape(-1, 2):
        px, py = frame.map(m)[0]
        inside.line([[px - 4, py - 4], [px + 4, py + 4]], "#ffffff", 1.2)
        inside.line([[px - 4, py + 4], [px + 4, py - 4]], "#ffffff", 1.2)
    for run in runs:
        traj, color = run.trajectories, run.racer.color
        paths = drawable_points(traj.points, look.window)  # (N, steps + 1, 2)
        for i in range(traj.n):
            last = int(traj.last_good_step()[i])
            pts = frame.map(paths[i, :last + 1])
            inside.line(clip_polyline(pts, frame.box()), color, 1.4)
            for at, fill in ((pts[0], "#ffffff"), (pts[-1], color)):
                if frame.contains(at):
                    inside.circle(*at, 2.5, fill=fill, stroke=INK)
    xlabel, ylabel = axis_labels(surface)
    _axes(canvas, frame, xlabel, ylabel)
    if caption:
        canvas.text(frame.x + frame.w / 2, frame.y - 4, caption, FONT, "middle")


def readouts_panel(canvas: Canvas, frame_box: tuple[float, float, float, float],
                   runs: Sequence[Any], what: str = "loss") -> None:
    """Loss (or |gradient|) against the step for every run, log scale when it spans decades."""
    from app.viewmodel import log_floor, log_range, log_ticks, readout_series, wants_log

    series = [getattr(r.trajectories, what)[:, i] for r in runs for i in
              range(r.trajectories.n)]
    if not series:
        return
    log = wants_log(series)
    floor = log_floor(series)
    shown = [readout_series(s[:, None], log, floor)[:-1] for s in series]
    steps = max(len(s) for s in series) - 1
    lo, hi = log_range(shown)
    frame = Frame(*frame_box, ((0.0, float(max(steps, 1))), (lo, hi)))
    inside = canvas.clipped(frame.x, frame.y, frame.w, frame.h)
    k = 0
    for r in runs:
        for i in range(r.trajectories.n):
            last = int(r.trajectories.last_good_step()[i])
            t = np.arange(last + 1, dtype=float)
            curve = frame.map(np.stack([t, shown[k][:last + 1]], axis=1))
            inside.line(clip_polyline(curve, frame.box()), r.racer.color, 1.2)
            k += 1
    ticks = log_ticks(lo, hi)[0] if log else None
    label = {"loss": "loss", "grad_norm": "|gradient|"}[what] + (" (log)" if log else "")
    _axes(canvas, frame, "step", label, ticks)


def _legend(canvas: Canvas, x: float, y: float, runs: Sequence[Any], surface: Any = None) -> None:
    from app.report import run_label  # the label filled in as the window's legend shows it

    for k, run in enumerate(runs):
        yy = y + 12 * k
        canvas.line([[x, yy - 3], [x + 14, yy - 3]], run.racer.color, 2.0)
        canvas.text(x + 18, yy, run_label(run, surface), FONT - 0.5)


def colour_bar(canvas: Canvas, x: float, y: float, h: float, look: SurfaceLook) -> None:
    """The one colour scale of a figure, labelled in f (or log10(f - f_min))."""
    from app.numbers import format_number

    lo, hi = look.scale.levels
    ramp = colormap(np.linspace(1.0, 0.0, 128))[:, None, :].repeat(8, axis=1)
    canvas.image(x, y, 10, h, ramp)
    canvas.rect(x, y, 10, h, stroke=INK)
    for v in linear_ticks(lo, hi, 5):
        py = y + h - (v - lo) / (hi - lo) * h
        canvas.line([[x + 10, py], [x + 13, py]], INK, 0.6)
        canvas.text(x + 15, py + 3, format_number(v), FONT - 1)
    canvas.text(x + 5, y - 6, look.scale.label, FONT - 1, "middle")


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------
def scenario_figure(scenario: Any, runs: Sequence[Any] | None = None,
                    surface: Any = None) -> Canvas:
    """The surface with every racer's paths, a colour bar, and the loss and |gradient| readouts
    with a legend: the window's main view as a lecture figure."""
    surface = surface or scenario.build_surface()
    runs = scenario.simulate(surface) if runs is None else runs
    look = surface_look(surface, scenario.view_window(surface))
    pw, ph = PANEL
    left, top = MARGIN["left"], MARGIN["top"] + 14
    rw = 250.0
    canvas = Canvas(left + pw + 60 + 50 + rw + MARGIN["right"],
                    top + ph + MARGIN["bottom"] + 12 * max(len(runs), 1))
    canvas.rect(0, 0, canvas.width, canvas.height, fill="#ffffff")
    title = scenario.lesson.title or scenario.name or surface.title
    canvas.text(left, MARGIN["top"], title, FONT + 1)
    surface_panel(canvas, Frame(left, top, pw, ph, look.window), look, runs, surface)
    colour_bar(canvas, left + pw + 8, top, ph, look)
    rx = left + pw + 60 + 50
    gap = 40.0
    half = (ph - gap) / 2
    readouts_panel(canvas, (rx, top, rw, half), runs, "loss")
    readouts_panel(canvas, (rx, top + half + gap, rw, half), runs, "grad_norm")
    _legend(canvas, left, top + ph + 40, runs, surface)
    return canvas


def caption(racer: Any) -> str:
    """A panel's caption: the optimizer and the parameters its racer sets."""
    from app.numbers import format_number

    parts = [racer.optimizer]
    for k, v in racer.params.items():
        shown = format_number(v) if isinstance(v, int | float) and not isinstance(v, bool) \
            else ", ".join(format_number(x) for x in v) if isinstance(v, list | tuple) else v
        parts.append(f"{k}={shown}")
    if racer.batch_size is not None:
        parts.append(f"batch={racer.batch_size}")
    return " ".join(parts)


def parse_grid(text: str) -> tuple[str, list]:
    """``lr=0.01,0.05,0.1`` or ``optimizer=gd,adam``: ``("lr", [0.01, ...])`` or
    ``("optimizer", ["gd", "adam"])``; ``ValueError`` otherwise."""
    from app import optimizers
    from surfaces.params import parse_number

    key, sep, values = text.partition("=")
    key = key.strip()
    items = [v.strip() for v in values.split(",") if v.strip()]
    if not sep or key not in ("lr", "optimizer") or not items:
        raise ValueError(f"Invalid grid {text!r}: expected lr=A,B,... or optimizer=NAME,NAME,...")
    if len(items) > 36:
        raise ValueError(f"Invalid grid: at most 36 panels, got {len(items)}")
    if key == "optimizer":
        for name in items:
            optimizers.spec(name)
        return key, items
    lrs = []
    for v in items:
        try:
            lr = parse_number(v)
        except ValueError:
            raise ValueError(f"Invalid grid lr {v!r}: expected a number") from None
        if not (math.isfinite(lr) and lr > 0):
            raise ValueError(f"Invalid learning rate: {v}")
        lrs.append(lr)
    return key, lrs


def small_multiples(scenario: Any, over: str, values: Sequence[Any], columns: int = 0,
                    progress: Any = None, cancelled: Any = None) -> Canvas:
    """A grid of panels of ``scenario``, one per value of ``over`` (``"lr"``: every racer with
    that lr; ``"optimizer"``: the first racer as that optimizer with its defaults but the
    racer's lr), one shared colour scale, window and contour levels, each panel captioned
    with its racers' parameters. ``progress(done, total)`` after each panel; ``cancelled()``
    stops between panels (``app.export.ExportCancelled``)."""
    from app.export import ExportCancelled

    surface = scenario.build_surface()
    window = scenario.view_window(surface)
    look = surface_look(surface, window)
    enabled = [r for r in scenario.racers if r.enabled] or list(scenario.racers[:1])
    n = len(values)
    cols = columns or min(n, 4 if n > 6 else 3 if n > 4 else n)
    rows = math.ceil(n / cols)
    pw, ph = 220.0, 176.0
    cell_w, cell_h = pw + 58, ph + 62
    left, top = MARGIN["left"], MARGIN["top"] + 18
    legend = over == "lr" and len(enabled) > 1
    canvas = Canvas(left + cols * cell_w + 50,
                    top + rows * cell_h + 6 + (12 * len(enabled) + 4 if legend else 0))
    canvas.rect(0, 0, canvas.width, canvas.height, fill="#ffffff")
    title = scenario.lesson.title or scenario.name or surface.title
    canvas.text(left, MARGIN["top"] + 2, f"{title}: over {over}", FONT + 1)
    for k, value in enumerate(values):
        if cancelled is not None and cancelled():
            raise ExportCancelled()
        if over == "lr":
            racers = tuple(replace(r, params={**r.params, "lr": float(value)}, label="")
                           for r in enabled)
        else:
            base = enabled[0]
            lr = base.params.get("lr")
            racers = (replace(base, optimizer=str(value), label="",
                              params={} if lr is None else {"lr": lr}),)
        sc = scenario.with_changes(racers=racers)
        runs = sc.simulate(surface)
        r, c = divmod(k, cols)
        frame = Frame(left + c * cell_w, top + r * cell_h + 10, pw, ph, window)
        if over == "optimizer" or len(racers) == 1:
            text = " | ".join(caption(x) for x in racers)
        else:
            from app.numbers import format_number

            text = f"lr={format_number(value)}"
        surface_panel(canvas, frame, look, runs, surface, text)
        last_runs = runs
        if progress is not None:
            progress(k + 1, n)
    colour_bar(canvas, left + cols * cell_w - 4, top + 10, ph, look)
    if legend:  # the racers of every panel, named by their other parameters
        named = [replace(run, racer=replace(run.racer, label=_without_lr(run.racer)))
                 for run in last_runs]
        _legend(canvas, left, top + rows * cell_h + 8, named, surface)
    return canvas


def _without_lr(racer: Any) -> str:
    return caption(replace(racer, params={k: v for k, v in racer.params.items() if k != "lr"}))


def write_figure(canvas: Canvas, path: Any, overwrite: bool = False):
    """Write ``canvas`` as SVG or PDF by the file's suffix (atomically, see
    :func:`app.export.atomic_write_text`)."""
    import os
    from pathlib import Path

    from app.export import ExportError, atomic_write_text

    suffix = Path(os.fspath(path)).suffix.lower()
    if suffix not in FIGURE_SUFFIXES:
        raise ExportError(f"{os.fspath(path)}: a figure is FILE.svg or FILE.pdf")
    text = to_svg(canvas) if suffix == ".svg" else to_pdf(canvas)
    return atomic_write_text(path, lambda stream: stream.write(text), overwrite=overwrite)
