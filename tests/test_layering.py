"""The architecture rule: nothing outside ``app/ui/`` imports Qt or pyqtgraph."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "pyqtgraph", "qtpy")


def _imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def test_no_qt_outside_app_ui():
    offenders = []
    files = [*ROOT.joinpath("surfaces").rglob("*.py"), *ROOT.joinpath("app").rglob("*.py")]
    assert len(files) > 5
    for path in files:
        rel = path.relative_to(ROOT)
        if rel.parts[:2] == ("app", "ui"):
            continue
        for lineno, module in _imported_modules(path):
            if module.split(".")[0] in QT_MODULES:
                offenders.append(f"{rel}:{lineno} imports {module}")
    assert offenders == []


def test_headless_modules_import_without_qt():
    """Importing the headless packages must not pull Qt in (checked in a fresh interpreter)."""
    import subprocess
    import sys

    code = (
        "import sys, importlib, importlib.util, pkgutil, app, surfaces\n"
        "mods = [m.name for m in pkgutil.walk_packages(app.__path__, 'app.') "
        "if not m.name.startswith('app.ui') and m.name != 'app.__main__'\n"
        # numba is optional at run time: the compiled kernels' runtime needs it, nothing else
        "and (m.name != 'app.compiled.runtime' or importlib.util.find_spec('numba'))]\n"
        "for m in mods: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in "
        f"{QT_MODULES!r}]\n"
        "assert not bad, bad\n"
        "print(len(mods))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.strip()) >= 2
