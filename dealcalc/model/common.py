"""Small arithmetic shared by the metric modules."""

from __future__ import annotations


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator, or None when either is missing or the denominator is ≤ 0
    (a deficit instead of a surplus, no savings, …)."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator
