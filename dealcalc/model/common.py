"""Small arithmetic shared by the metric modules."""

from __future__ import annotations

# Below this, an amount of money is nothing: a remainder not worth a payment of its own, a
# balance that counts as repaid (USD bn; 1e-9 bn is one dollar).
EPSILON_USD_BN = 1e-9
# The longest plan dealcalc makes, in years (12-month periods): a cap that would need more is
# refused when the file is read (scenario.validate), and plans stop there.
MAX_PERIODS = 1000


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """numerator / denominator, or None when either is missing or the denominator is ≤ 0
    (a deficit instead of a surplus, no savings, …)."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator
