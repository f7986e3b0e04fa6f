"""Playback icons drawn with QPainter in the theme's text colour (crisp on the dark theme;
the platform's media icons are dim there and some symbol fonts lack the glyphs)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap, QPolygonF

from app.ui import theme

__all__ = ["playback_icon"]


def _triangle(p: QPainter, x0: float, x1: float, s: float, left: bool = False) -> None:
    a, b = (x1, x0) if left else (x0, x1)
    p.drawPolygon(QPolygonF([QPointF(a, 0.22 * s), QPointF(b, 0.5 * s),
                             QPointF(a, 0.78 * s)]))


def playback_icon(kind: str, size: int = 32, color: str | None = None) -> QIcon:
    """``kind``: play, pause, back, forward, reset."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(color or theme.COLORS["text"]))
    s = float(size)
    bar = 0.1 * s
    if kind == "play":
        _triangle(p, 0.3 * s, 0.78 * s, s)
    elif kind == "pause":
        p.drawRect(QRectF(0.3 * s, 0.24 * s, 0.13 * s, 0.52 * s))
        p.drawRect(QRectF(0.57 * s, 0.24 * s, 0.13 * s, 0.52 * s))
    elif kind == "forward":
        _triangle(p, 0.28 * s, 0.62 * s, s)
        p.drawRect(QRectF(0.64 * s, 0.22 * s, bar, 0.56 * s))
    elif kind == "back":
        p.drawRect(QRectF(0.26 * s, 0.22 * s, bar, 0.56 * s))
        _triangle(p, 0.38 * s, 0.72 * s, s, left=True)
    elif kind == "reset":
        p.drawRect(QRectF(0.2 * s, 0.22 * s, bar, 0.56 * s))
        _triangle(p, 0.3 * s, 0.55 * s, s, left=True)
        _triangle(p, 0.53 * s, 0.78 * s, s, left=True)
    else:
        raise ValueError(f"unknown icon {kind!r}")
    p.end()
    return QIcon(pix)
