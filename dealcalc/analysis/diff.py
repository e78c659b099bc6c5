"""`diff`: the inputs that differ between two scenarios, then every metric side by side with the
change (DESIGN §3.6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dealcalc.model.inputs import Scenario
from dealcalc.model.metrics import available_keys, compute_metrics
from dealcalc.model.vary import inputs


def diff_rows(a: Scenario, b: Scenario) -> list[dict[str, Any]]:
    """Inputs that differ (key path, A, B), then every metric side by side with the change."""
    rows: list[dict[str, Any]] = []
    ia, ib = _inputs(a), _inputs(b)
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


def _inputs(s: Scenario) -> dict[str, Any]:
    """The inputs compared: the model's (`vary.inputs`), but projects by name, not by place in
    the list (a project added at the top shifted every other), with their status; and the
    tariff regimes' dates (and what applies without the deal) and the legal authorities' status
    (DESIGN §4.1)."""
    out = {k: v for k, v in inputs(s).items() if not k.startswith("projects.")}
    seen: dict[str, int] = {}
    for p in s.projects:
        seen[p.name] = seen.get(p.name, 0) + 1
        name = p.name if seen[p.name] == 1 else f"{p.name} ({seen[p.name]})"
        for field in ("amount", "called", "status", "tranche"):
            value = getattr(p, field)
            if value is not None:
                out[f"projects[{name}].{field}"] = value
    if s.tariffs is not None:
        for r in s.tariffs.regimes:
            for field, value in (("from", r.start), ("until", r.until)):  # (not labels: prose)
                if value is not None:
                    out[f"tariffs.regimes.{r.name}.{field}"] = value
            if r.without_deal is not None:
                out[f"tariffs.regimes.{r.name}.without_deal"] = r.without_deal
        for name, authority in s.tariffs.authorities.items():
            out[f"tariffs.authorities.{name}.status"] = authority.status
            if authority.since is not None:
                out[f"tariffs.authorities.{name}.since"] = authority.since
    return out


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
