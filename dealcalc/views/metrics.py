"""`dealcalc metrics`: the catalogue of metric keys, each with its unit, view and meaning, built from
the model's keys (`model/metrics.py`), their labels and kinds (`catalogue.py`) and their
formulas (`views/explain/`)."""

from __future__ import annotations

from typing import Any

from dealcalc.blocks import Block
from dealcalc.catalogue import meta
from dealcalc.views.compare import COMPARE_EXTRA

UNITS = {
    "usd_bn": "USD bn",
    "usd_bn_yr": "USD bn a year",
    "usd": "USD",
    "pct": "fraction",
    "multiple": "ratio",
    "years": "years",
    "count_years": "years (whole)",
    "count": "count",
    "date": "date (ISO)",
    "list": "list of names",
    "text": "text",
    "bool": "true/false",
    "number": "number",
}


# Keys named after a regime: one per regime of the scenario.
PATTERN_KEYS = {"duty_<regime>_usd_bn": "duty_mfn_usd_bn", "effective_rate_<regime>": "effective_rate_mfn"}


def metric_catalogue() -> Block:
    """`dealcalc metrics`: every metric key with its unit, view and meaning (the formula as
    --explain gives it), for -m and scripts."""
    from dealcalc.model.metrics import GROUP_KEYS
    from dealcalc.views.explain import formula_of

    def row(key: str, view: str, like: str | None = None) -> dict[str, Any]:
        m = meta(like or key)
        label = m.label.replace(" under mfn", " under a regime").replace(", mfn", ", a regime")
        found = formula_of(like or key)
        formula = found[0].replace("mfn", "<regime>") if found and like else found[0] if found else ""
        return {
            "key": key,
            "unit": UNITS.get(m.kind, m.kind),
            "view": view,
            "meaning": f"{label}: {formula}" if formula else label,
        }

    views_of: dict[str, list[str]] = {}
    for group, keys in GROUP_KEYS.items():
        for key in keys:
            views_of.setdefault(key, []).append(group)
    rows = [row(k, ", ".join(groups)) for k, groups in views_of.items()]
    rows += [row(k, "tariff", like) for k, like in PATTERN_KEYS.items()]
    rows += [row(k, "compare") for k in COMPARE_EXTRA]
    return Block(
        "Metric keys (for -m/--metric and scripts; JSON and CSV use them as they are)",
        ["key", "unit", "view", "meaning"],
        rows,
        notes=[
            "Fractions and ratios are shown in tables as percents and multiples (×). Only numbers can be "
            "swept, simulated or measured for sensitivity: not dates, lists or text."
        ],
    )
