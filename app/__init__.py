"""Descent Lab: watch optimizers descend 2D error surfaces.

Headless modules (no Qt anywhere in them): :mod:`app.optimizers`, :mod:`app.schedules`,
:mod:`app.engine`, :mod:`app.scenario`, :mod:`app.analysis`, :mod:`app.export`, :mod:`app.cli`.
Everything that imports Qt lives in :mod:`app.ui`.
"""

__version__ = "0.1.0"
