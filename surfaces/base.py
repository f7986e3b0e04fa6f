"""The :class:`Surface` base class and the registry of surface families.

A surface family is a subclass of :class:`Surface` decorated with :func:`register`. It declares
its parameters (``PARAMS``), and implements three elementwise functions of the coordinate arrays
``x`` and ``y`` (any broadcastable shapes, float64):

- ``_value(x, y) -> f``
- ``_grad(x, y) -> (df/dx, df/dy)``
- ``_hessian(x, y) -> (d2f/dx2, d2f/dxdy, d2f/dy2)``

all exact (analytic), never finite differences. The base class turns points of shape ``(..., 2)``
into ``x, y``, broadcasts the results to the right shapes, and keeps numpy's floating-point
warnings inside (overflow gives ``inf``/``nan``, which the engine then marks as divergence).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import numpy as np

from .params import Param, unknown_name_error, validate_params

__all__ = ["Surface", "register", "get", "names", "family", "finite_sum_names", "Window"]

Window = tuple[tuple[float, float], tuple[float, float]]

_REGISTRY: dict[str, type[Surface]] = {}


class Surface:
    """An error surface ``f(x, y)`` with exact gradient and Hessian.

    Class attributes a family sets: ``name``, ``title``, ``description`` (one paragraph for a
    learner), ``PARAMS``, and usually ``window``, ``minima`` and ``starts``. Families whose
    window or minima depend on the parameters set them in :meth:`_setup`.
    """

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    description: ClassVar[str] = ""
    tags: ClassVar[tuple[str, ...]] = ()
    PARAMS: ClassVar[tuple[Param, ...]] = ()

    #: default view ``((xmin, xmax), (ymin, ymax))``
    window: Window = ((-2.0, 2.0), (-2.0, 2.0))
    #: known global minima, shape ``(k, 2)`` (may be empty)
    minima: Any = np.empty((0, 2))
    #: start points that show something worth seeing, shape ``(m, 2)``
    starts: Any = np.empty((0, 2))
    #: a loss value above which a run counts as blown up (the engine also stops on inf/nan)
    blowup: float = 1e12
    #: the loss is a finite sum ``f = mean_i l_i`` of per-example losses: the family then
    #: implements :meth:`_example_grads` and sets ``n_examples`` (mini-batch SGD, lesson P3)
    finite_sum: ClassVar[bool] = False
    n_examples: int = 0

    def __init__(self, **params: Any) -> None:
        self.params: dict[str, Any] = validate_params(
            f"surface '{self.name}'", self.PARAMS, params
        )
        self._setup()
        self.minima = np.asarray(self.minima, dtype=float).reshape(-1, 2)
        self.starts = np.asarray(self.starts, dtype=float).reshape(-1, 2)
        (x0, x1), (y0, y1) = self.window
        self.window = ((float(x0), float(x1)), (float(y0), float(y1)))

    def _setup(self) -> None:
        """Read ``self.params`` and set derived constants, window, minima, starts."""

    # -- the three functions every family implements ---------------------------------------
    def _value(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def _grad(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def _hessian(
        self, x: np.ndarray, y: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        raise NotImplementedError

    # -- public, batched API ---------------------------------------------------------------
    @staticmethod
    def _split(p: Any) -> tuple[np.ndarray, np.ndarray]:
        p = np.asarray(p, dtype=float)
        if p.ndim == 0 or p.shape[-1] != 2:
            raise ValueError(f"points must have shape (..., 2), got {p.shape}")
        return p[..., 0], p[..., 1]

    def value(self, p: Any) -> np.ndarray:
        """``f(p)`` for points of shape ``(..., 2)``; returns shape ``(...)``."""
        x, y = self._split(p)
        with np.errstate(all="ignore"):
            return np.broadcast_to(np.asarray(self._value(x, y), dtype=float), x.shape).copy()

    def grad(self, p: Any) -> np.ndarray:
        """``(df/dx, df/dy)`` for points of shape ``(..., 2)``; returns shape ``(..., 2)``."""
        x, y = self._split(p)
        with np.errstate(all="ignore"):
            gx, gy = self._grad(x, y)
            out = np.empty(x.shape + (2,))
            out[..., 0] = gx
            out[..., 1] = gy
        return out

    def hessian(self, p: Any) -> np.ndarray:
        """The Hessian for points of shape ``(..., 2)``; returns shape ``(..., 2, 2)``."""
        x, y = self._split(p)
        with np.errstate(all="ignore"):
            hxx, hxy, hyy = self._hessian(x, y)
            out = np.empty(x.shape + (2, 2))
            out[..., 0, 0] = hxx
            out[..., 0, 1] = hxy
            out[..., 1, 0] = hxy
            out[..., 1, 1] = hyy
        return out

    # -- finite sums: per-example gradients (mini-batches) ------------------------------------
    def _example_grads(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(dl_i/dx, dl_i/dy)``, each of shape ``x.shape + (n_examples,)`` (finite sums)."""
        raise NotImplementedError

    def example_grads(self, p: Any) -> np.ndarray:
        """The per-example gradients ``grad l_i(p)`` for points ``(..., 2)``: shape ``(...,
        n_examples, 2)``; their mean over the examples is :meth:`grad`. ``ValueError`` if the
        family is not a finite sum."""
        if not self.finite_sum:
            raise ValueError(f"surface '{self.name}' is not a sum of per-example losses, so it "
                             f"has no mini-batches (finite-sum surfaces: "
                             f"{', '.join(finite_sum_names())})")
        x, y = self._split(p)
        with np.errstate(all="ignore"):
            gx, gy = self._example_grads(x, y)
            out = np.empty(x.shape + (self.n_examples, 2))
            out[..., 0] = gx
            out[..., 1] = gy
        return out

    def batch_grad(self, p: np.ndarray, examples: np.ndarray) -> np.ndarray:
        """The mini-batch gradient ``mean_{i in examples} grad l_i(p)`` for points ``(N, 2)``."""
        x, y = p[:, 0], p[:, 1]
        gx, gy = self._example_grads(x, y)
        out = np.empty(p.shape)
        out[:, 0] = gx[:, examples].mean(axis=-1)
        out[:, 1] = gy[:, examples].mean(axis=-1)
        return out

    def value_and_grad(self, p: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(value(p), grad(p))`` for a float64 array ``p`` of shape ``(N, 2)``, in one go.

        The engine's hot loop: no shape checks and no floating-point error state of its own
        (the caller contains warnings), so a step on a few points costs microseconds less.
        """
        x, y = p[:, 0], p[:, 1]
        value = np.asarray(self._value(x, y), dtype=float)
        if value.shape != x.shape:
            value = np.broadcast_to(value, x.shape).copy()
        gx, gy = self._grad(x, y)
        grad = np.empty(p.shape)
        grad[:, 0] = gx
        grad[:, 1] = gy
        return value, grad

    def grid(self, n: int = 256, window: Window | None = None):
        """``(xs, ys, values)`` on an ``n x n`` grid; ``values[j, i] = f(xs[i], ys[j])``."""
        (x0, x1), (y0, y1) = window or self.window
        xs = np.linspace(x0, x1, n)
        ys = np.linspace(y0, y1, n)
        with np.errstate(all="ignore"):
            z = self._value(xs[None, :], ys[:, None])
        return xs, ys, np.broadcast_to(np.asarray(z, dtype=float), (n, n)).copy()

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{type(self).__name__}({args})"


def register(cls: type[Surface]) -> type[Surface]:
    """Class decorator: add a surface family to the registry under ``cls.name``."""
    if not cls.name or cls.name in _REGISTRY:
        raise RuntimeError(f"surface name {cls.name!r} is empty or taken")
    _REGISTRY[cls.name] = cls
    return cls


def family(name: str) -> type[Surface]:
    """The class registered under ``name`` (``ValueError`` naming the valid ones if unknown)."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise unknown_name_error("surface", name, _REGISTRY) from None


def get(name: str, **params: Any) -> Surface:
    """A surface by name with its parameters, e.g. ``get("quadratic", lambda2=20)``."""
    return family(name)(**params)


def from_spec(name: str, params: Mapping[str, Any] | None = None) -> Surface:
    return get(name, **dict(params or {}))


def finite_sum_names() -> list[str]:
    """Names of the families that are sums of per-example losses (they have mini-batches)."""
    return [n for n, cls in _REGISTRY.items() if cls.finite_sum]


def names() -> list[str]:
    """All registered surface names, in registration order."""
    return list(_REGISTRY)
