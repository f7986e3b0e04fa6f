"""Descent Lab's run-time data, installed as the package ``app.assets``.

This folder is where the built-in scenarios (``scenarios/*.toml``, one per lesson), the
app's icon (``icons/descent-lab.svg``) and the translation catalogues (``i18n/*.ts`` with
their compiled ``.qm``; see :mod:`app.i18n`) are edited. ``setup.py`` installs it as ``app.assets``
(in the wheel, the sdist and the editable install alike), and the program reads it only
through these :mod:`importlib.resources` handles, never relative to a source checkout::

    from app.assets import SCENARIOS
    text = (SCENARIOS / "p1_divergence.toml").read_text(encoding="utf-8")

``screenshots/`` is for the README and is not installed.
"""

from importlib.resources import files

__all__ = ["SCENARIOS", "ICON", "I18N"]

#: the built-in scenarios, one ``NAME.toml`` per lesson
SCENARIOS = files(__name__) / "scenarios"
#: the app's icon (scalable); the window, the About box and the desktop entry use it
ICON = files(__name__) / "icons" / "descent-lab.svg"
#: the translation catalogues: ``descent_lab_<lang>.ts`` (source) and ``.qm`` (compiled)
I18N = files(__name__) / "i18n"
