"""The engine's compiled path: the same optimizers and surfaces, compiled with numba.

Nothing here is a second copy of an optimizer or a surface. :mod:`.trace` runs their numpy
definitions on symbolic arrays and records what they compute; :mod:`.programs` turns that
into one point's value, gradient and update; :mod:`.codegen` writes it out as scalar code
inside the engine's loop over steps (start points in parallel); :mod:`.kernels` compiles it
with numba and caches it in the user's cache folder; :mod:`.dispatch` decides when the
compiled path runs (compile in the background, numpy until it is ready). numpy stays the
reference: both paths agree to 1e-12 (tests/test_compiled.py), and anything that cannot be
traced, or a machine without numba, simply runs on numpy.

Importing this package imports neither numba nor anything compiled.
"""

from .dispatch import (
    AUTO_WAIT_WORK,
    MODES,
    QUIET_SECONDS,
    busy,
    failures,
    hold,
    kernel_for,
    mode,
    ready,
    release,
    run_kernel,
    set_mode,
    wait_idle,
)
from .kernels import cache_dir, numba_installed

__all__ = ["MODES", "AUTO_WAIT_WORK", "QUIET_SECONDS", "mode", "set_mode", "hold", "release",
           "busy", "kernel_for", "ready", "failures", "run_kernel", "wait_idle", "cache_dir",
           "numba_installed"]
