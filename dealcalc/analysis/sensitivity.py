"""`sensitivity`: each numeric input moved down and up by a relative delta, with the metric at
both ends, sorted by the swing — the bars of a tornado chart (DESIGN §3.6)."""

from __future__ import annotations

from typing import Any

from dealcalc.keypath import split_path
from dealcalc.model.inputs import Scenario
from dealcalc.model.metrics import compute_metrics, metric_cache
from dealcalc.model.vary import numeric_inputs, set_value
from dealcalc.scenario.points import point_valid


@metric_cache()
def sensitivity_rows(s: Scenario, metric: str, delta: float) -> list[dict[str, Any]]:
    """Each numeric input moved down and up by `delta` (relative), the metric at both ends, sorted
    by the swing (largest first)."""
    base_metric = compute_metrics(s, [metric])[metric]
    rows = []
    for path, value in numeric_inputs(s).items():
        low_v, high_v = value * (1 - delta), value * (1 + delta)
        key = split_path(path)
        # a point the file's rules refuse (a cap of 0, a share over 100%) has no metric
        low, high = (
            compute_metrics(set_value(s, key, v), [metric])[metric] if point_valid(s, {key: v}) else None
            for v in (low_v, high_v)
        )
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
