"""`dealcalc metrics`: the catalogue of metric keys, each with its unit, view and meaning (the label
and the formula as --explain gives it), one row per record of the registry (`registry.py`)."""

from __future__ import annotations

from dealcalc.blocks import Block
from dealcalc.registry import METRICS


def metric_catalogue() -> Block:
    """`dealcalc metrics`: every metric key with its unit, view and meaning, for -m and scripts."""
    return Block(
        "Metric keys (for -m/--metric and scripts; JSON and CSV use them as they are)",
        ["key", "unit", "view", "meaning"],
        [{"key": m.key, "unit": m.unit, "view": m.view, "meaning": m.meaning} for m in METRICS],
        notes=[
            "Fractions and ratios are shown in tables as percents and multiples (×). Only numbers can be "
            "swept, simulated or measured for sensitivity: not dates, lists or text."
        ],
    )
