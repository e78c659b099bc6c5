"""Small arithmetic shared by the metric modules."""

from __future__ import annotations

from dataclasses import fields
from typing import Any


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator, or None when either is missing or the denominator is ≤ 0
    (a deficit instead of a surplus, no savings, …)."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator


class Result:
    """Mixin for the frozen result dataclasses: their fields, in order, as a plain dict."""

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}  # type: ignore[arg-type]
