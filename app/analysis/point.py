"""Everything the analysis panel shows about one point, and its strict-JSON form."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from surfaces import Surface

from .hessian import Curvature, Stability, as_point, curvature, stability
from .taylor import TaylorPrediction, taylor_step

__all__ = ["PointAnalysis", "analyze_point", "to_json_data"]


@dataclass(frozen=True)
class PointAnalysis:
    """:class:`Curvature`, :class:`Stability` of ``lr`` (with ``momentum``) and the
    :class:`TaylorPrediction` of one GD step of size ``eps`` at one point. ``note`` explains a
    non-convex point in plain words (empty otherwise)."""

    surface: str
    surface_params: dict[str, Any]
    curvature: Curvature
    stability: Stability
    taylor: TaylorPrediction
    note: str

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (lists and numbers; non-finite numbers become ``None``).

        ``eigenvectors[i]`` is the unit eigenvector of ``eigenvalues[i]`` (ascending).
        """
        c, s, t = self.curvature, self.stability, self.taylor
        return to_json_data({
            "surface": self.surface,
            "surface_params": self.surface_params,
            "point": c.point,
            "value": c.value,
            "gradient": c.gradient,
            "gradient_norm": c.gradient_norm,
            "hessian": c.hessian,
            "eigenvalues": c.eigenvalues,
            "eigenvectors": c.eigenvectors.T,
            "lambda_min": c.lambda_min,
            "lambda_max": c.lambda_max,
            "condition_number": c.condition_number,
            "curvature_kind": c.kind,
            "lr": s.lr,
            "momentum": s.momentum,
            "nesterov": s.nesterov,
            "lr_lambda_max": s.lr_lambda_max,
            "limit": s.limit,
            "max_stable_lr": s.max_stable_lr,
            "verdict": s.verdict,
            "contraction": s.contraction,
            "explanation": s.explanation,
            "note": self.note,
            "taylor": {
                "eps": t.eps,
                "first_order": t.first_order,
                "second_order": t.second_order,
                "predicted": t.predicted,
                "actual": t.actual,
                "error": t.error,
                "curvature_along_gradient": t.curvature_along_gradient,
                "best_eps": t.best_eps,
                "break_even_eps": t.break_even_eps,
                "curvature_wins": t.curvature_wins,
            },
        })


def analyze_point(surface: Surface, point: Any, lr: float, momentum: float = 0.0,
                  nesterov: bool = False, eps: float | None = None) -> PointAnalysis:
    """Curvature, stability of ``lr`` and the Taylor prediction for a GD step of size ``eps``
    (default ``lr``) at ``point``. ``ValueError`` on invalid input."""
    p = as_point(point)
    c = curvature(surface, p)
    s = stability(c.lambda_max, lr, momentum, nesterov)
    t = taylor_step(surface, p, s.lr if eps is None else eps)
    note = ""
    if c.non_convex:
        with np.errstate(all="ignore"):
            factor = 1.0 - s.lr * c.lambda_min
        note = (f"Non-convex point ({c.kind}): the Hessian has the negative eigenvalue "
                f"{c.lambda_min:.4g}; along its eigenvector every step moves away from here "
                f"(GD multiplies that coordinate by 1 - lr * lambda_min = {factor:.4g} > 1), "
                "whatever the learning rate. The condition number is max|lambda| / min|lambda|.")
    return PointAnalysis(surface.name, dict(surface.params), c, s, t, note)


def to_json_data(obj: Any) -> Any:
    """``obj`` as JSON-ready data: arrays -> lists, dataclasses -> dicts, NaN/inf -> ``None``."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_json_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, dict):
        return {str(k): to_json_data(v) for k, v in obj.items()}
    if isinstance(obj, np.ndarray):
        return to_json_data(obj.tolist())
    if isinstance(obj, list | tuple):
        return [to_json_data(v) for v in obj]
    if isinstance(obj, bool | np.bool_):
        return bool(obj)
    if isinstance(obj, int | np.integer):
        return int(obj)
    if isinstance(obj, float | np.floating):
        value = float(obj)
        return value if math.isfinite(value) else None
    return obj
