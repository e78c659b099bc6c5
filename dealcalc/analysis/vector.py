"""numpy arithmetic for large sweeps and simulations (DESIGN §7: a million grid points in ≤ 3 s,
a million draws in ≤ 2 s). Imported only for jobs of at least `pool.PARALLEL_FROM` points.

The formulas are the model's own (`dealcalc.model`), written once over a small namespace of
operations (`model.common.Ops`): `ARRAYS` here runs them on numpy arrays, one element per point,
for the metric groups whose inputs a job varies; a group whose inputs it does not vary is computed
once by the scalar model and repeated. A metric without a value at a point (the scalar model's
None: a denominator ≤ 0, say) is NaN. tests/test_vector.py and tests/test_crosscheck.py check that
both agree to 1e-9 on random and generated scenarios.

A job the arrays do not cover (a varied horizon or input of `projects`, a metric of `returns`
or `calls` that the varied inputs feed, a metric not in `KEYS`) is left to the scalar model:
`plan` returns None."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

import numpy as np

from dealcalc.keypath import KeyPath, dotted
from dealcalc.model.balance import BalanceResult
from dealcalc.model.burden import BurdenResult, burden_figures
from dealcalc.model.common import Ops
from dealcalc.model.inputs import Scenario
from dealcalc.model.metrics import GROUP_INPUTS, compute_metrics, group_of
from dealcalc.model.outflow import PROGRESS_KEYS, OutflowResult, compute_progress, outflow_figures
from dealcalc.model.tariff import (
    TARIFF_KEYS,
    TariffResult,
    common_regimes,
    duty_and_exports,
    resolve_pair,
    tariff_figures,
)
from dealcalc.model.vary import inputs, set_value, set_values

Array = np.ndarray[Any, np.dtype[np.float64]]
Value = Any  # an array, a float (the same at every point) or None (no value at any point)


def _ratio(numerator: Value, denominator: Value) -> Value:
    """numerator / denominator where the denominator is > 0, else NaN (the scalar `ratio`)."""
    if numerator is None or denominator is None:
        return None
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.asarray(denominator) > 0, np.divide(numerator, denominator), np.nan)


def _sum(values: Iterable[Value]) -> Value:
    total: Value = 0.0
    for v in values:
        total = total + v
    return total


def _divide(a: Value, b: Value) -> Value:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.divide(a, b)


def _floor_divide(a: Value, b: Value) -> Value:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.floor_divide(a, b)


def _largest(values: Iterable[Value]) -> Value:
    return functools.reduce(np.maximum, values)


# `model.common.Ops` on numpy arrays: a formula written once runs here on every point at once
ARRAYS = Ops(_ratio, _sum, _largest, np.maximum, np.minimum, _divide, _floor_divide, np.where)


def burden_arrays(s: Scenario) -> dict[str, Value]:
    """The numeric keys of `model.burden.compute_burden`, each an array (or one value for all)."""
    return burden_figures(s, ARRAYS)


def outflow_arrays(s: Scenario) -> dict[str, Value]:
    """The numeric keys of `model.outflow.compute_outflow` (but the completion date), each an
    array: the projects and the dates are never arrays (see `plan`), the pledge may be."""
    return outflow_figures(s, compute_progress(s, None, ARRAYS), ARRAYS)


def tariff_arrays(s: Scenario) -> dict[str, Value]:
    """The numeric keys of `model.tariff.compute_tariff` (but the timeline's), each an array, for
    the scenario's default pair: `resolve_pair` reads only names and dates, which no array varies."""
    tariffs = s.tariffs
    assert tariffs is not None  # the scalar model has run on the scenario (see `plan`)
    pair = resolve_pair(s)
    fro, to = pair.from_regime, pair.to_regime
    regimes = common_regimes(tariffs)
    duty, flow = duty_and_exports(tariffs, (*regimes, fro, to), ARRAYS)
    figures = tariff_figures(s, regimes, fro, to, duty, flow, ARRAYS)
    by_regime = {f"duty_{r}_usd_bn": v for r, v in figures.pop("duty_usd_bn").items()}
    by_regime |= {f"effective_rate_{r}": v for r, v in figures.pop("effective_rate").items()}
    return {**by_regime, **figures}


def balance_arrays(s: Scenario) -> dict[str, Value]:
    """The keys of `model.balance.compute_balance`, each an array (analysis/vector_balance.py)."""
    from dealcalc.analysis.vector_balance import balance_arrays as on_arrays

    return on_arrays(s)


GROUPS: dict[str, Callable[[Scenario], dict[str, Value]]] = {
    "burden": burden_arrays,
    "outflow": outflow_arrays,
    "tariff": tariff_arrays,
    "balance": balance_arrays,
}
# the metrics each array form computes: the keys of the figures functions, which are their
# result's fields but for what the scalar model adds as it builds it (the construction fails
# on a key missing or extra); tariff: also duty_<regime>_usd_bn and effective_rate_<regime>
_NOT_FIGURES = {
    "burden": {"cost_weights_assumed"},
    "outflow": {"completion_date_at_cap", *PROGRESS_KEYS},
    "tariff": {"regimes", "duty_usd_bn", "effective_rate", "timeline", "pair", "from_regime", "to_regime"}
    | {"from_label", "to_label"},  # the pair compared and its labels
    "balance": set(),
}
KEYS = {
    group: set(result._fields) - _NOT_FIGURES[group]
    for group, result in (
        ("burden", BurdenResult),
        ("outflow", OutflowResult),
        ("tariff", TariffResult),
        ("balance", BalanceResult),
    )
}


def covers(key: str) -> bool:
    """Whether an array form computes this metric."""
    group = group_of(key)
    if key in KEYS.get(group, ()):
        return True
    # duty_<regime>_usd_bn and effective_rate_<regime>, but not the timeline's duty_paid_… keys
    return group == "tariff" and key not in TARIFF_KEYS and key.startswith(("duty_", "effective_rate_"))


# the paths whose values `set_value` can hold as arrays (not the horizons, whole years it rounds)
_ARRAY_HEADS = ("economy", "trade", "pledge", "tariffs", "returns", "incidence")
_WHOLE_YEARS = (("returns", "horizon_years"), ("balance", "horizon_years"))


class Plan(NamedTuple):
    """How a job is computed: the groups evaluated on arrays, and the metrics that are the same
    at every point (their scalar values)."""

    groups: tuple[str, ...]
    constant: dict[str, Any]


def plan(s: Scenario, paths: Sequence[KeyPath], keys: list[str]) -> Plan | None:
    """Arrays for the groups whose inputs the varied paths feed; None when one of those groups
    (or a varied path) has no array form. Runs the scalar model on `s` first, so that a metric
    that cannot be computed at all fails as it does without numpy."""
    if any(p[0] not in _ARRAY_HEADS or tuple(p) in _WHOLE_YEARS for p in paths):
        return None
    base = compute_metrics(s, keys)
    varied = set()
    for path in paths:
        moved = set_value(s, path, _elsewhere(_value_at(s, path)))
        varied |= {g for g, inputs in GROUP_INPUTS.items() if inputs(s) != inputs(moved)}
    if any(group_of(k) in varied and not covers(k) for k in keys):
        return None
    groups = {group_of(k) for k in keys}
    arrays = tuple(g for g in GROUPS if g in groups & varied)
    return Plan(arrays, {k: v for k, v in base.items() if group_of(k) not in arrays})


def _value_at(s: Scenario, path: KeyPath) -> float:
    value = inputs(s).get(dotted(path), 1.0)
    return float(value) if isinstance(value, int | float) else 1.0


def _elsewhere(x: float) -> float:
    """A value other than x (to see which groups read a path)."""
    return x + max(1.0, abs(x))


def evaluate(
    s: Scenario, job: Plan, paths: Sequence[KeyPath], values: Sequence[Array], keys: list[str]
) -> dict[str, Value]:
    """The metrics at the points whose varied values are `values` (one array per path)."""
    point = set_values(s, dict(zip(paths, values, strict=True)))
    out: dict[str, Value] = {}
    for group in job.groups:
        out.update(GROUPS[group](point))
    return {k: job.constant[k] if k in job.constant else out.get(k) for k in keys}


def column(value: Value, n: int) -> Array:
    """A metric's values at n points as a float array (NaN where it has none)."""
    if value is None:
        return np.full(n, np.nan)
    if isinstance(value, np.ndarray) and value.shape == (n,):
        return value.astype(np.float64, copy=False)
    return np.full(n, float(value))
