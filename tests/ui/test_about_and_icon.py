"""The window carries the app's icon, and Help > About shows the installed version."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from app.about import about
from app.desktop import ICON_SIZES


def test_window_has_the_app_icon(window):
    icon = window.windowIcon()
    assert sorted(s.width() for s in icon.availableSizes()) == sorted(ICON_SIZES)
    image = icon.pixmap(64, 64).toImage().convertToFormat(QImage.Format.Format_RGBA8888)
    rgba = np.frombuffer(image.constBits(), np.uint8).reshape(64, image.bytesPerLine() // 4, 4)
    assert rgba[0, 0, 3] == 0 and rgba[32, 32, 3] == 255  # a rounded tile
    orange = np.abs(rgba[..., :3].astype(int) - (230, 159, 0)).max(axis=-1) < 30
    assert orange.mean() > 0.02  # the descending path


def test_about_shows_version_description_and_licence(window, no_blocking_dialogs):
    window.about_action.trigger()
    (kind, title, text), = no_blocking_dialogs
    info = about()
    assert kind == "about" and title == "About Descent Lab"
    assert f"<h3>Descent Lab {info.version}</h3>" in text
    assert info.summary in text and "Licence: MIT." in text
