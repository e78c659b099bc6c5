"""Small arithmetic shared by the metric modules."""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable
from typing import Any

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


class Ops:
    """What a formula written once for floats and numpy arrays uses besides + − × / ** and the
    comparisons: `FLOATS` (below) for the model, `analysis.vector.ARRAYS` for big sweeps and
    simulations (numpy arrays, one element per point; imported only for those). Such a formula
    takes `ops` and calls `ops.maximum(a, b)` where it would call `max(a, b)`, `ops.where(c, a, b)`
    where it would write `a if c else b` — both sides computed, so each must be safe on floats.
    (A plain class: a NamedTuple would cost one-off commands a tenth of a millisecond to build.)"""

    __slots__ = ("divide", "floor_divide", "largest", "maximum", "minimum", "ratio", "total", "where")

    def __init__(
        self,
        ratio: Callable[[Any, Any], Any],  # a / b where b > 0; else None (floats) or NaN (arrays)
        total: Callable[[Iterable[Any]], Any],  # Σ (0 for none)
        largest: Callable[[Iterable[Any]], Any],  # the largest of one or more
        maximum: Callable[[Any, Any], Any],
        minimum: Callable[[Any, Any], Any],
        divide: Callable[[Any, Any], Any],  # a / b; on arrays inf or NaN where b is 0, without a warning
        floor_divide: Callable[[Any, Any], Any],
        where: Callable[[Any, Any, Any], Any],
    ) -> None:
        self.ratio = ratio
        self.total = total
        self.largest = largest
        self.maximum = maximum
        self.minimum = minimum
        self.divide = divide
        self.floor_divide = floor_divide
        self.where = where


def _where(condition: Any, yes: Any, no: Any) -> Any:
    return yes if condition else no


# Python's own arithmetic, so that the model's figures are what they always were
FLOATS = Ops(ratio, sum, max, max, min, operator.truediv, operator.floordiv, _where)
