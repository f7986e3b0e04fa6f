"""Test set-up: Qt runs offscreen, and that is decided before anything imports Qt."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# The suite runs the numpy reference path; tests/test_compiled.py turns the compiled one on
# where it checks it (a background compile would otherwise start in whichever test came first)
os.environ.setdefault("DESCENT_LAB_COMPILED", "off")
os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false;qt.qpa.*=false")
