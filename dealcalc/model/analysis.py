"""Batch analysis on typed scenarios: grids of what-ifs, one-at-a-time sensitivity, Monte Carlo
draws, and the difference between two scenarios (DESIGN §3.6). Pure: no I/O; progress is
reported through an optional callback."""

import datetime as dt
import itertools
import math
import random
from array import array
from collections.abc import Callable, Sequence
from typing import Any

from dealcalc.errors import UsageError
from dealcalc.keypath import KeyPath, dotted, split_path
from dealcalc.model.inputs import Distribution, Scenario
from dealcalc.model.metrics import available_keys, compute_metrics
from dealcalc.model.vary import inputs, numeric_inputs, set_value

MAX_REDRAWS = 1000


def grid_values(start: float, stop: float, step: float) -> list[float]:
    """START, START+STEP, … up to STOP inclusive (to a millionth of a step)."""
    if step <= 0:
        raise UsageError("the STEP of --vary must be greater than zero")
    if stop < start:
        raise UsageError("the STOP of --vary must not be below its START")
    count = math.floor((stop - start) / step + 1e-6) + 1
    return [start + i * step for i in range(count)]


Varies = Sequence[tuple[KeyPath, list[float]]]


def grid_size(varies: Varies) -> int:
    return math.prod(len(values) for _, values in varies)


def sweep_columns(varies: Varies, keys: list[str]) -> list[str]:
    return [dotted(p) for p, _ in varies] + keys


def sweep_rows(s: Scenario, varies: Varies, keys: list[str], start: int, stop: int) -> list[tuple[Any, ...]]:
    """Grid points start … stop − 1 (in `itertools.product` order): the varied values, then the
    metrics, as tuples in the order of `sweep_columns`."""
    rows = []
    grid = itertools.islice(itertools.product(*(values for _, values in varies)), start, stop)
    for combo in grid:
        point = s
        for (path, _), value in zip(varies, combo, strict=True):
            point = set_value(point, path, value)
        metrics = compute_metrics(point, keys)
        rows.append((*combo, *(metrics[k] for k in keys)))
    return rows


def sensitivity(s: Scenario, metric: str, delta: float) -> list[dict[str, Any]]:
    """Each numeric input moved down and up by `delta` (relative), the metric at both ends, sorted
    by the swing (largest first): the bars of a tornado chart."""
    base_metric = compute_metrics(s, [metric])[metric]
    rows = []
    for path, value in numeric_inputs(s).items():
        low_v, high_v = value * (1 - delta), value * (1 + delta)
        key = split_path(path)
        low = compute_metrics(set_value(s, key, low_v), [metric])[metric]
        high = compute_metrics(set_value(s, key, high_v), [metric])[metric]
        swing = abs(high - low) if isinstance(low, int | float) and isinstance(high, int | float) else None
        rows.append(
            {
                "input": path,
                "value": value,
                "value_low": low_v,
                "value_high": high_v,
                "metric": metric,
                "metric_base": base_metric,
                "metric_low": low,
                "metric_high": high,
                "swing": swing,
            }
        )
    rows.sort(key=lambda r: (r["swing"] is None, -(r["swing"] or 0.0)))
    return rows


def _draw(rng: random.Random, d: Distribution) -> float:
    p = d.params
    if d.kind == "normal":
        return rng.gauss(p[0], p[1])
    if d.kind == "uniform":
        return rng.uniform(p[0], p[1])
    if d.kind == "triangular":
        return rng.triangular(p[0], p[2], p[1])
    return rng.lognormvariate(p[0], p[1])


SIMULATION_CHUNK = 10_000  # runs per chunk; each chunk has its own stream of draws


def require_uncertainty(s: Scenario) -> None:
    if not s.uncertainty:
        raise UsageError(
            f"{s.file}: uncertainty: nothing to draw; add e.g.\n"
            "  uncertainty:\n    economy.fx_rate: {normal: [1400, 50]}"
        )


def simulate_chunk(
    s: Scenario, seed: int, chunk: int, runs: int, keys: list[str], valid: Callable[[KeyPath, float], bool]
) -> tuple[dict[str, array], dict[str, int]]:  # type: ignore[type-arg]
    """Runs of one chunk: every `uncertainty` input drawn (a draw outside its field's valid range
    is drawn again), the metrics' values where they have one, and how often they had none.
    The draws depend only on (seed, chunk), so results do not depend on how chunks are spread
    over processes."""
    require_uncertainty(s)
    rng = random.Random(f"{seed}:{chunk}")
    dists = [(split_path(k), d) for k, d in s.uncertainty.items()]
    values = {k: array("d") for k in keys}
    missing = dict.fromkeys(keys, 0)
    for _ in range(runs):
        point = s
        for path, dist in dists:
            for _ in range(MAX_REDRAWS):
                x = _draw(rng, dist)
                if valid(path, x):
                    break
            else:
                raise UsageError(
                    f"uncertainty.{dotted(path)}: {MAX_REDRAWS} draws in a row fell outside "
                    "the field's valid range; narrow the distribution"
                )
            point = set_value(point, path, x)
        for key, v in compute_metrics(point, keys).items():
            if isinstance(v, int | float) and not isinstance(v, bool):
                values[key].append(v)
            else:
                missing[key] += 1
    return values, missing


def summarise(key: str, data: array, missing: int) -> dict[str, Any]:  # type: ignore[type-arg]
    """Mean, P5, P50 and P95 of one metric over the runs where it had a value."""
    row: dict[str, Any] = {
        "metric": key,
        "runs": len(data),
        "missing": missing,
        "mean": None,
        "p5": None,
        "p50": None,
        "p95": None,
    }
    if data:
        ordered = sorted(data)
        row.update(
            mean=math.fsum(ordered) / len(ordered),
            p5=_quantile(ordered, 0.05),
            p50=_quantile(ordered, 0.50),
            p95=_quantile(ordered, 0.95),
        )
    return row


def _quantile(ordered: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    pos = (len(ordered) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def diff(a: Scenario, b: Scenario) -> list[dict[str, Any]]:
    """Inputs that differ (key path, A, B), then every metric side by side with the change."""
    rows: list[dict[str, Any]] = []
    ia, ib = inputs(a), inputs(b)
    for path in list(dict.fromkeys([*ia, *ib])):
        va, vb = ia.get(path), ib.get(path)
        if va != vb:
            rows.append({"section": "input", "key": path, "a": va, "b": vb, "change": _change(va, vb)})
    keys = list(dict.fromkeys([*available_keys(a), *available_keys(b)]))
    ma, mb = _metrics_or_none(a, keys), _metrics_or_none(b, keys)
    for key in keys:
        rows.append(
            {"section": "metric", "key": key, "a": ma[key], "b": mb[key], "change": _change(ma[key], mb[key])}
        )
    return rows


def _metrics_or_none(s: Scenario, keys: list[str]) -> dict[str, Any]:
    have = set(available_keys(s))
    values = compute_metrics(s, [k for k in keys if k in have])
    return {k: values.get(k) for k in keys}


def _change(a: Any, b: Any) -> Any:
    if isinstance(a, bool) or isinstance(b, bool):
        return None
    if isinstance(a, int | float) and isinstance(b, int | float):
        return b - a
    if isinstance(a, dt.date) and isinstance(b, dt.date):
        return (b - a).days
    return None
