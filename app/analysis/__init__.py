"""Curvature and stability: the numbers behind lessons P1, P2, P4, P5, P6 and P10 (no Qt).

- :mod:`.hessian`: the Hessian at a point, its eigenvalues and condition number
  (:func:`curvature`, :func:`curvature_map`), the stability verdict of a learning rate
  (:func:`stability`: ``lr * lambda_max`` against 2, or ``2 + 2 momentum``), the optimal step
  sizes on a quadratic (:func:`optimal_hyperparameters`), and ``lambda_max`` along a trajectory
  against ``2 / lr`` (:func:`sharpness_trace`);
- :mod:`.taylor`: the predicted first- and second-order change of the loss for one GD step beside
  the actual change (:func:`taylor_step`);
- :mod:`.adaptive`: the per-coordinate effective step ``lr / sigma`` of adaptive optimizers, from
  their state (:func:`effective_step`, :func:`effective_step_trace`);
- :mod:`.maps`: stability maps over learning rate x momentum/beta1 and basins of attraction over
  start points, vectorized, with progress and cancel (:func:`hyperparameter_map`,
  :func:`basin_map`);
- :mod:`.point`: all of the point analysis in one call, as strict JSON (:func:`analyze_point`).

>>> import surfaces
>>> a = analyze_point(surfaces.get("quadratic", lambda1=1, lambda2=20), (1.0, 1.0), lr=0.12)
>>> a.stability.verdict, round(a.stability.lr_lambda_max, 6)
('diverging', 2.4)
"""

from .adaptive import (
    EffectiveStepTrace,
    effective_step,
    effective_step_trace,
    effective_step_trace_of,
)
from .hessian import (
    VERDICT_DIVERGING,
    VERDICT_EDGE,
    VERDICT_NO_LIMIT,
    VERDICT_OSCILLATING,
    VERDICT_STABLE,
    VERDICT_UNDEFINED,
    Curvature,
    CurvatureMap,
    OptimalHyperparameters,
    SharpnessTrace,
    Stability,
    curvature,
    curvature_map,
    optimal_hyperparameters,
    sharpness_trace,
    stability,
    stability_limit,
)
from .maps import (
    CRITERIA,
    DIVERGED,
    NO_MINIMUM,
    NOT_CONVERGED,
    BasinMap,
    HyperparameterMap,
    basin_map,
    hyperparameter_map,
)
from .point import PointAnalysis, analyze_point, to_json_data
from .taylor import TaylorPrediction, taylor_step

__all__ = [
    "Curvature",
    "curvature",
    "CurvatureMap",
    "curvature_map",
    "Stability",
    "stability",
    "stability_limit",
    "VERDICT_STABLE",
    "VERDICT_OSCILLATING",
    "VERDICT_EDGE",
    "VERDICT_DIVERGING",
    "VERDICT_NO_LIMIT",
    "VERDICT_UNDEFINED",
    "OptimalHyperparameters",
    "optimal_hyperparameters",
    "SharpnessTrace",
    "sharpness_trace",
    "TaylorPrediction",
    "taylor_step",
    "effective_step",
    "EffectiveStepTrace",
    "effective_step_trace",
    "effective_step_trace_of",
    "DIVERGED",
    "NOT_CONVERGED",
    "NO_MINIMUM",
    "CRITERIA",
    "HyperparameterMap",
    "BasinMap",
    "hyperparameter_map",
    "basin_map",
    "PointAnalysis",
    "analyze_point",
    "to_json_data",
]
