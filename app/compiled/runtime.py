"""numba helpers shared by every generated kernel (numpy's rules for NaN, sign, ...).

Imported only by the generated modules, so numba is imported only when a kernel is built.
"""

import math

from numba import njit


@njit(cache=True, error_model="numpy", nogil=True)
def _maximum(a, b):
    return a if (a >= b or a != a) else b


@njit(cache=True, error_model="numpy", nogil=True)
def _minimum(a, b):
    return a if (a <= b or a != a) else b


@njit(cache=True, error_model="numpy", nogil=True)
def _fmax(a, b):
    return a if (a >= b or b != b) else b


@njit(cache=True, error_model="numpy", nogil=True)
def _fmin(a, b):
    return a if (a <= b or b != b) else b


@njit(cache=True, error_model="numpy", nogil=True)
def _sign(a):
    return 1.0 if a > 0 else (-1.0 if a < 0 else (0.0 if a == 0 else a))


@njit(cache=True, error_model="numpy", nogil=True)
def _heaviside(a, h):
    return 0.0 if a < 0 else (h if a == 0 else (1.0 if a > 0 else a))


@njit(cache=True, error_model="numpy", nogil=True)
def _logaddexp(x, y):
    if x == y:
        return x + 0.6931471805599453
    d = x - y
    if d > 0:
        return x + math.log1p(math.exp(-d))
    if d <= 0:
        return y + math.log1p(math.exp(d))
    return d


@njit(cache=True, error_model="numpy", nogil=True)
def _norm(gx, gy):
    n = math.sqrt(gx * gx + gy * gy)
    if not (n > 1e-150 and n < 1e150):
        n = math.hypot(gx, gy)
    return n


@njit(cache=True, error_model="numpy", nogil=True)
def _bad(x, y, f, gx, gy, blowup):
    return not (math.isfinite(f) and f <= blowup and math.isfinite(x) and math.isfinite(y)
                and math.isfinite(gx) and math.isfinite(gy))


@njit(cache=True, error_model="numpy", nogil=True)
def _hit(crit, x, y, f, gx, gy, minima, tol, fmin):
    if crit == 1:
        for j in range(minima.shape[0]):
            dx = x - minima[j, 0]
            dy = y - minima[j, 1]
            if dx * dx + dy * dy < tol:
                return True
        return False
    if crit == 2:
        return (f - fmin) < tol
    if crit == 3:
        return gx * gx + gy * gy < tol
    return False
