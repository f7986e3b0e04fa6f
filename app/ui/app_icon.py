"""The app's icon, drawn from ``assets/icons/descent-lab.svg`` (:data:`app.assets.ICON`): a
:class:`QIcon` for the windows and PNG files of any size for the desktop entry.

Only QtCore, QtGui and QtSvg are imported (no pyqtgraph), and :func:`icon_png` needs no
``QApplication``, so ``descent-lab install-desktop`` stays quick and works without a display.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from app.assets import ICON
from app.desktop import ICON_SIZES

__all__ = ["app_icon", "icon_image", "icon_png"]


@cache
def _renderer() -> QSvgRenderer:
    renderer = QSvgRenderer(QByteArray(ICON.read_bytes()))
    if not renderer.isValid():
        raise ValueError(f"{ICON}: not a valid SVG image")
    return renderer


def icon_image(size: int) -> QImage:
    """The icon as a ``size`` x ``size`` image with a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _renderer().render(painter)
    painter.end()
    return image


def icon_png(size: int) -> bytes:
    """The icon as PNG file contents, ``size`` x ``size`` pixels."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not icon_image(size).save(buffer, "PNG"):
        raise OSError(f"cannot encode the {size}x{size} icon as PNG")
    buffer.close()
    return bytes(data.data())


@cache
def app_icon() -> QIcon:
    """The window icon, one sharp pixmap per size in :data:`ICON_SIZES` (needs a QApplication)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addPixmap(QPixmap.fromImage(icon_image(size)))
    return icon
