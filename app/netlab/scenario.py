"""Network-lab scenarios: the ``[netlab]`` table of a scenario file, headless (no Qt).

A network-lab scenario is an ordinary scenario file (:mod:`app.scenario`) with a ``[netlab]``
table, ``NetConfig.to_dict()``-style (missing keys take :class:`~app.netlab.NetConfig`'s
defaults), and a ``[lesson]``. One table is one training run: a comparison (lr 1e-3 against
1e-4, sigmoid against ELU) is one file per run, and the GUI keeps the previous run's curves in
grey for the comparison. ``[surface]``, ``[run]`` and ``[[racers]]`` are optional; the built-in
lessons keep a 2D companion there (the same effect on a surface with two weights).

- :func:`config_table`: a config as the (short) table a file stores;
- :func:`netlab_scenario`: a config (+ lesson) as a :class:`~app.scenario.Scenario`;
- :func:`with_overrides`: the CLI's ``--steps``, ``--noise``, ``--seed`` applied to the table;
- :func:`run_report`: what ``descent-lab run --scenario FILE`` prints (:func:`run_dict` + name).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from app.netlab.train import NetConfig, run_dict
from app.scenario import Lesson, Scenario, ScenarioError

__all__ = ["config_table", "netlab_scenario", "with_overrides", "run_report", "csv_rows",
           "CSV_HEADER"]

CSV_HEADER = ("step", "loss", "grad_norm", "sharpness", "sharpness_converged", "lr",
              "diverged_at")


def config_table(config: NetConfig, full: bool = False) -> dict[str, Any]:
    """The ``[netlab]`` table of ``config``: only the keys that differ from the defaults (all
    of them with ``full``), so a saved file says what is special about its run."""
    d = config.to_dict()
    if full:
        return d
    default = NetConfig().to_dict()
    return {k: v for k, v in d.items() if v != default[k]}


def netlab_scenario(config: NetConfig, lesson: Lesson | None = None, name: str = "",
                    companion: Scenario | None = None) -> Scenario:
    """A network-lab scenario of ``config``; ``companion``'s 2D set-up is kept if given."""
    base = companion if companion is not None else Scenario()
    return replace(base, netlab=config_table(config), lesson=lesson or base.lesson,
                   name=name or base.name).validate(name or "scenario")


def with_overrides(scenario: Scenario, steps: int | None = None,
                   noise_sigma: float | None = None, noise_seed: int | None = None) -> Scenario:
    """``scenario`` with its ``[netlab]`` table's ``steps``, ``noise_sigma``, ``noise_seed``
    replaced where given (``ValueError`` naming the key if a value is invalid)."""
    if scenario.netlab is None:
        raise ValueError(f"scenario '{scenario.name}' has no [netlab] table")
    table: dict[str, Any] = dict(scenario.netlab)
    for key, value in (("steps", steps), ("noise_sigma", noise_sigma),
                       ("noise_seed", noise_seed)):
        if value is not None:
            table[key] = value
    try:
        NetConfig.from_dict(table)
    except ValueError as err:
        raise ScenarioError(f"{scenario.name or 'scenario'}: {err}") from None
    return replace(scenario, netlab=table)


def run_report(scenario: Scenario) -> dict[str, Any]:
    """Train the scenario's network: ``{"scenario": name, **run_dict(config)}`` (JSON-able)."""
    config = scenario.net_config()
    if config is None:
        raise ValueError(f"scenario '{scenario.name}' has no [netlab] table")
    return {"scenario": scenario.name or None, **run_dict(config)}


def csv_rows(report: Mapping[str, Any]) -> Iterator[tuple]:
    """CSV rows (header first) of a :func:`run_report`: one row per step; ``lr`` is empty on
    the last step (no update follows it), ``sharpness`` and ``sharpness_converged`` where it
    was not measured, ``diverged_at`` for a run that did not diverge."""
    yield CSV_HEADER
    lr = list(report["lr"]) + [None]
    diverged = report["diverged_at"]
    for t, (loss, g, s, ok, r) in enumerate(zip(report["loss"], report["grad_norm"],
                                                report["sharpness"],
                                                report["sharpness_converged"], lr, strict=True)):
        yield (t, _cell(loss), _cell(g), _cell(s), _cell(ok), _cell(r), _cell(diverged))


def _cell(v: Any) -> Any:
    if isinstance(v, bool):
        return "true" if v else "false"
    return "" if v is None else v
