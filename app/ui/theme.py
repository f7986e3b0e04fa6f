"""One dark theme for the whole app: Qt palette, pyqtgraph defaults, the colours views share."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QFont, QPalette, QPixmapCache
from PySide6.QtWidgets import QApplication

__all__ = ["apply", "configure_pyqtgraph", "heatmap_colormap", "COLORS", "COLORMAP", "FONT_PT",
           "STYLESHEET"]

COLORMAP = "viridis"
#: the heatmap's colours are scaled by this factor (darker), so paths and markers stand out
HEATMAP_BRIGHTNESS = 0.72
FONT_PT = 10
#: item caches (contours, heatmap, readout curves) are pixmaps of about the view's size each;
#: Qt's default 10 MB would evict them every frame, so playback would redraw them all
PIXMAP_CACHE_KB = 256 * 1024

COLORS = {
    "window": "#1e1f24",
    "base": "#17181c",
    "panel": "#25262c",
    "plot_bg": "#121317",
    "text": "#e6e6e6",
    "muted": "#9da3ae",
    "accent": "#56B4E9",
    "grid": "#3a3d45",
    "contour": (255, 255, 255, 70),
    "start": "#ffffff",
    "minimum": "#ffffff",
    "error": "#ff6b6b",
    "error_bg": "#5c1f24",
    "badge_bg": "#b3261e",
    "playhead": "#f5f5f5",
}

STYLESHEET = f"""
QToolTip {{ color: {COLORS['text']}; background: #2e3038; border: 1px solid #555; padding: 4px; }}
QGroupBox {{ border: 1px solid #3a3d45; border-radius: 5px; margin-top: 14px;
             padding: 6px 6px 6px 6px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; color: {COLORS['muted']};
                    font-weight: bold; }}
QLineEdit[invalid="true"] {{ border: 1px solid {COLORS['error']};
                             background: {COLORS['error_bg']}; }}
QLabel#fieldError {{ color: {COLORS['error']}; }}
QLabel#hint {{ color: {COLORS['muted']}; }}
QLabel#badge {{ color: white; background: {COLORS['badge_bg']}; border-radius: 4px;
                padding: 3px 8px; font-weight: bold; }}
QFrame#racerCard {{ border: 1px solid #3a3d45; border-radius: 6px; background: {COLORS['panel']}; }}
QFrame#racerCard[selected="true"] {{ border: 1px solid {COLORS['accent']}; }}
QTextBrowser {{ border: none; background: {COLORS['base']}; }}
QTabWidget::pane {{ border: 1px solid #3a3d45; }}
QScrollArea {{ border: none; }}
"""


def heatmap_colormap() -> pg.ColorMap:
    """The perceptual colormap (viridis), dimmed by ``HEATMAP_BRIGHTNESS``."""
    base = pg.colormap.get(COLORMAP)
    pos, colors = base.getStops(mode=pg.ColorMap.BYTE)
    dim = (colors[:, :3].astype(float) * HEATMAP_BRIGHTNESS).round().astype("uint8")
    rgba = colors.copy()
    rgba[:, :3] = dim
    return pg.ColorMap(pos, rgba, name=f"{COLORMAP}-dim")


def configure_pyqtgraph() -> None:
    if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
        QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
    pg.setConfigOptions(
        antialias=True,
        imageAxisOrder="row-major",
        background=COLORS["plot_bg"],
        foreground=COLORS["muted"],
    )


def apply(app: QApplication) -> None:
    """Fusion style with a dark palette, a readable font size, and pyqtgraph's defaults."""
    configure_pyqtgraph()
    app.setStyle("Fusion")
    pal = QPalette()
    c = {k: QColor(v) for k, v in COLORS.items() if isinstance(v, str)}
    pal.setColor(QPalette.ColorRole.Window, c["window"])
    pal.setColor(QPalette.ColorRole.WindowText, c["text"])
    pal.setColor(QPalette.ColorRole.Base, c["base"])
    pal.setColor(QPalette.ColorRole.AlternateBase, c["panel"])
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor("#2e3038"))
    pal.setColor(QPalette.ColorRole.ToolTipText, c["text"])
    pal.setColor(QPalette.ColorRole.Text, c["text"])
    pal.setColor(QPalette.ColorRole.Button, c["panel"])
    pal.setColor(QPalette.ColorRole.ButtonText, c["text"])
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#2f6fa3"))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    pal.setColor(QPalette.ColorRole.Link, c["accent"])
    pal.setColor(QPalette.ColorRole.PlaceholderText, c["muted"])
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b6f78"))
    app.setPalette(pal)
    font = QFont(app.font())
    font.setPointSize(FONT_PT)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)
    from app.ui.language import apply_language

    apply_language(app)  # the translators and a font for Hangul and Han
