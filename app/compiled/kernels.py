"""Compiled kernels: write the generated module, compile it with numba, keep it.

One kernel per surface and optimizer configuration (:func:`.programs.surface_key`,
:func:`.programs.optimizer_key`). The generated source is written to the user's cache folder
(``$XDG_CACHE_HOME/descent-lab/compiled``, else ``~/.cache/...``) under a name made from its
hash, and numba caches the machine code beside it (``cache=True``), so a kernel is compiled
once per machine, not once per run. numba is imported here only, when the first kernel is
built; nothing in this module runs at import time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .codegen import module_source
from .programs import OptimizerProgram, SurfaceProgram, trace_optimizer, trace_surface

__all__ = ["Kernel", "cache_dir", "build", "numba_installed"]


def cache_dir() -> Path:
    """Where generated modules and numba's machine code are kept."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "descent-lab" / "compiled"


_installed: bool | None = None


def numba_installed() -> bool:
    """True if numba can be found (without importing it)."""
    global _installed
    if _installed is None:
        try:
            _installed = importlib.util.find_spec("numba") is not None
        except (ImportError, ValueError):
            _installed = False
    return _installed


@dataclass(frozen=True)
class Kernel:
    """A compiled loop for one surface and one optimizer configuration."""

    run: Any = field(repr=False)  # the generated ``run`` (every BS-th block from B0)
    surface: SurfaceProgram = field(repr=False)
    optimizer: OptimizerProgram = field(repr=False)
    path: Path

    @property
    def widths(self) -> tuple[int, int]:
        """Numbers of hyperparameter and initial-state slots."""
        return (len(self.optimizer.hyper_paths),
                sum(1 for i in self.optimizer.first.inputs if i.startswith("s")))


_SURFACES: dict[tuple, SurfaceProgram] = {}
_PROGRAMS: dict[tuple, OptimizerProgram] = {}


def programs(surface: Any, optimizer: Any, init_state: Any, n: int):
    """The traced surface and optimizer (memoized; :class:`.trace.TraceError` if not
    traceable)."""
    from .programs import optimizer_key, surface_key

    sk = surface_key(surface)
    sp = _SURFACES.get(sk)
    if sp is None:
        sp = _SURFACES[sk] = trace_surface(surface)
    ok = (optimizer_key(optimizer), _layout_key(init_state, n))
    op = _PROGRAMS.get(ok)
    if op is None:
        op = _PROGRAMS[ok] = trace_optimizer(optimizer, init_state, n)
    return sp, op


def _layout_key(state: Any, n: int) -> Any:
    from .programs import _layout

    return _layout(state, n)


def _write(source: str) -> Path:
    import numba

    digest = hashlib.sha256(f"{numba.__version__}\n{source}".encode()).hexdigest()[:20]
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"kernel_{digest}.py"
    if not path.exists():  # numba's cache is keyed by the file's time stamp: never rewrite
        tmp = folder / f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp"
        tmp.write_text(source, encoding="utf-8")
        os.replace(tmp, path)
    return path


def _load(path: Path) -> Any:
    name = f"descent_lab_{path.stem}"
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[name] = module
    return module


def build(surface: Any, optimizer: Any, init_state: Any, n: int, warm_up,
          in_child: bool = False, pause=None) -> Kernel:
    """Trace, generate, compile (or load from the cache) and warm up a kernel.

    ``warm_up(kernel)`` runs it once on a tiny problem, which compiles it for the argument
    types every later call uses. With ``in_child`` numba compiles in a child process first
    (its compiler is Python: in this process it would hold the GIL for seconds), and this
    process loads the result from the cache. Raises whatever fails (the caller falls back to
    numpy). ``pause()``, if given, is called before each step that runs Python in this process
    (tracing, writing and loading the module, the warm-up that loads numba's cached code).
    """
    pause = pause or (lambda: None)
    pause()
    sp, op = programs(surface, optimizer, init_state, n)
    pause()
    path = _write(module_source(sp, op))
    pause()
    module = _load(path)
    kernel = Kernel(module.run, sp, op, path)
    if in_child:
        _compile_in_child(path, kernel.widths, sp.blowup)
    pause()
    warm_up(kernel)
    return kernel


_CHILD = (
    "import sys\n"
    "from app.compiled.kernels import child_compile\n"
    "child_compile(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))\n"
)


def _compile_in_child(path: Path, widths: tuple[int, int], blowup: float) -> None:
    """Compile ``path``'s kernel into numba's cache in a child process (best effort: if it
    fails, the caller compiles here)."""
    import app

    env = dict(os.environ)
    root = str(Path(app.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    try:
        subprocess.run([sys.executable, "-c", _CHILD, str(path), str(widths[0]),
                        str(widths[1]), repr(blowup)], env=env, capture_output=True,
                       timeout=600, check=False)
    except (OSError, subprocess.SubprocessError):
        pass


def child_compile(path: str, nh: int, ns: int, blowup: float) -> None:
    """In the child process: compile the kernel of ``path`` (numba caches it on disk)."""
    from types import SimpleNamespace

    from .dispatch import _warm_up

    module = _load(Path(path))
    _warm_up(SimpleNamespace(run=module.run, widths=(nh, ns),
                             surface=SimpleNamespace(blowup=blowup)))
