"""Descent Lab's error surfaces: pure numpy, exact value, gradient and Hessian.

>>> import surfaces
>>> s = surfaces.get("quadratic", lambda1=1, lambda2=20)
>>> s.value([[1.0, 1.0]])
array([10.5])
"""

from . import quadratic  # noqa: F401  (each module registers its families on import)
from .base import Surface, family, from_spec, get, names, register
from .params import Param

__all__ = ["Surface", "Param", "get", "names", "family", "from_spec", "register"]
