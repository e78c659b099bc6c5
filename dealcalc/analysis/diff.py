"""`diff`: the inputs that differ between two scenarios, then every metric side by side with the
change (DESIGN §3.6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dealcalc.model.inputs import Scenario
from dealcalc.model.metrics import available_keys, compute_metrics
from dealcalc.model.vary import inputs


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
