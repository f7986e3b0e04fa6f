"""Render frames of a session offscreen (for export): no visible window needed.

>>> from app.ui.render import render_frame
>>> image = render_frame(session, step=40, size=(960, 720), include_readouts=True)  # QImage

:class:`FrameRenderer` keeps its widgets between frames (use it for a sequence); its views do not
follow the app's playhead, so exporting never moves what the user sees. Both work without a
display: :func:`ensure_app` creates an offscreen QApplication when none exists.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from app.export import frame_layout
from app.ui import theme
from app.ui.readouts import ReadoutsView
from app.ui.session import Session
from app.ui.surface_view import SurfaceView

__all__ = ["render_frame", "FrameRenderer", "ensure_app"]


def ensure_app() -> QApplication:
    """The running QApplication, or a new one (offscreen when there is no display)."""
    app = QApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or os.name == "nt" or os.environ.get("QT_QPA_PLATFORM")):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication([])
        theme.apply(app)
    else:
        theme.configure_pyqtgraph()
    return app


class FrameRenderer:
    """Renders ``session`` at any step into QImages of one size (plot, optionally readouts),
    laid out for that size (:func:`app.export.frame_layout`: a small frame gets compact
    readouts or none); a plain layout, so no splitter grip is ever drawn into a frame."""

    def __init__(self, session: Session, size: tuple[int, int] = (960, 720),
                 include_readouts: bool = True, readout_fraction: float | None = None):
        ensure_app()
        self.session = session
        self.size = QSize(int(size[0]), int(size[1]))
        self.widget = QWidget()
        self.widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.widget.setAutoFillBackground(True)
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.layout = frame_layout(self.size.width(), self.size.height(), include_readouts)
        self.surface_view = SurfaceView(session, follow_playhead=False, interactive=False)
        layout.addWidget(self.surface_view, 1)
        self.readouts = None
        if self.layout.readouts:
            self.readouts = ReadoutsView(session, follow_playhead=False)
            self.readouts.set_compact(self.layout.compact)
            fraction = self.layout.readout_fraction if readout_fraction is None else \
                readout_fraction
            self.readouts.setMinimumHeight(1)
            self.readouts.setFixedHeight(round(self.size.height() * fraction))
            layout.addWidget(self.readouts)
        self.widget.resize(self.size)
        self.widget.show()  # not on screen (WA_DontShowOnScreen), but laid out and polished
        self.surface_view.reset_view()
        QApplication.processEvents()

    def render(self, step: int) -> QImage:
        self.surface_view.show_step(step)
        if self.readouts is not None:
            self.readouts.show_step(step)
        image = QImage(self.size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.black)
        self.widget.render(image)
        return image

    def close(self) -> None:
        self.widget.close()
        self.widget.deleteLater()


def render_frame(session: Session, step: int, size: tuple[int, int] = (960, 720),
                 include_readouts: bool = True) -> QImage:
    """One frame of ``session`` at ``step`` as a QImage of ``size`` (width, height)."""
    renderer = FrameRenderer(session, size, include_readouts)
    try:
        return renderer.render(step)
    finally:
        renderer.close()
