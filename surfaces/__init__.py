"""Descent Lab's error surfaces: pure numpy, exact value, gradient and Hessian.

>>> import surfaces
>>> s = surfaces.get("quadratic", lambda1=1, lambda2=20)
>>> s.value([[1.0, 1.0]])
array([10.5])
"""

# Each module registers its families on import; the order here is the order of names().
from . import quadratic  # noqa: F401

# isort: split
from . import classic, creases, regression, tiny_net  # noqa: F401

# isort: split
from . import formula  # noqa: F401
from .base import Surface, family, finite_sum_names, from_spec, get, names, register
from .params import Param

__all__ = ["Surface", "Param", "get", "names", "family", "finite_sum_names", "from_spec",
           "register"]
