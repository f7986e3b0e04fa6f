"""Test set-up: Qt runs offscreen, and that is decided before anything imports Qt."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false;qt.qpa.*=false")
