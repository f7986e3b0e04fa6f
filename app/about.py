"""What Descent Lab says about itself (``descent-lab --version``, Help > About).

Read from the installed package's metadata, so ``pyproject.toml`` is the one place the version,
the one-line description and the licence are written. :mod:`importlib.metadata` costs about
40 ms to import, so it is imported on first use, not at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

__all__ = ["About", "DISTRIBUTION", "NAME", "about", "version"]

#: the distribution's name on PyPI (``pip install descent-lab``)
DISTRIBUTION = "descent-lab"
#: the application's name as a person reads it
NAME = "Descent Lab"


@dataclass(frozen=True)
class About:
    name: str
    version: str
    summary: str
    license: str


@cache
def about() -> About:
    """Name, version, one-line description and licence of the installed package."""
    from importlib import metadata

    try:
        meta = metadata.metadata(DISTRIBUTION)
    except metadata.PackageNotFoundError:  # the code run from a folder that was never installed
        return About(NAME, "unknown (not installed)", "", "")
    licence = meta.get("License-Expression") or meta.get("License") or ""
    return About(NAME, meta["Version"], meta["Summary"] or "", licence)


def version() -> str:
    """The installed version, e.g. ``0.1.0``."""
    return about().version
