"""Descent Lab: watch optimizers descend 2D error surfaces.

Headless modules (no Qt anywhere in them): :mod:`app.optimizers`, :mod:`app.schedules`,
:mod:`app.engine`, :mod:`app.scenario`, :mod:`app.analysis`, :mod:`app.export`, :mod:`app.cli`,
:mod:`app.about`, :mod:`app.desktop`. Everything that imports Qt lives in :mod:`app.ui`. The
run-time data (built-in scenarios, the icon) is the package :mod:`app.assets`, whose source is
the top-level ``assets/`` folder (see ``setup.py``).
"""


def __getattr__(name: str):
    if name == "__version__":  # from the package metadata, read on first use (app.about)
        from app.about import version

        return version()
    raise AttributeError(f"module 'app' has no attribute {name!r}")
