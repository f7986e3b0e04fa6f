"""Tests that need a real X display and OpenGL (the 3D view), in a pytest process of their own.

Qt chooses its platform once per process, and tests/conftest.py chooses ``offscreen`` for the
whole default run, where OpenGL does not work. So this directory

- is left out of the default run (``pytest`` collects nothing here unless every path given on
  the command line lies inside this directory), and
- when run on its own, switches Qt to ``xcb`` before the QApplication exists and skips every
  test unless an X display is there::

      xvfb-run -a .venv/bin/python -m pytest tests/xvfb

It also shares OpenGL contexts between widgets (``AA_ShareOpenGLContexts``, which must be set
before the QApplication is created): pyqtgraph compiles its shaders once per process.
"""

import os
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def _inside(path: Path) -> bool:
    return path == HERE or HERE in path.parents


def _dedicated(config) -> bool:
    """True when every path on the command line lies inside tests/xvfb."""
    paths = []
    for arg in config.args:
        path = Path(str(arg).split("::", 1)[0])
        if not path.is_absolute():
            path = Path(config.invocation_params.dir) / path
        paths.append(path.resolve())
    return bool(paths) and all(_inside(p) for p in paths)


def _display() -> bool:
    return bool(os.environ.get("DISPLAY"))


def pytest_configure(config):
    if not _dedicated(config) or not _display():
        return
    os.environ["QT_QPA_PLATFORM"] = "xcb"  # tests/conftest.py said offscreen
    from PySide6.QtCore import QCoreApplication, Qt

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)


def pytest_ignore_collect(collection_path, config):
    if _inside(Path(collection_path).resolve()) and not _dedicated(config):
        return True  # the default run: these tests need their own process (see above)
    return None


def pytest_collection_modifyitems(config, items):
    if _display():
        return
    skip = pytest.mark.skip(reason="needs an X display: run xvfb-run -a .venv/bin/python -m "
                                   "pytest tests/xvfb")
    for item in items:
        if _inside(Path(str(item.path)).resolve()):
            item.add_marker(skip)
