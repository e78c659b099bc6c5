"""Whether a point of a sweep, sensitivity or simulation obeys the rules a file must (DESIGN §6):
each changed value in its field's range and finite (under a varied exchange rate, the money the
file writes in its own currency too, as that rate converts it), and the rules that tie fields
together (an annual cap above zero that pays the pledge out within the years dealcalc plans,
instrument shares summing to 100%, profit shares of at most 100%).

`point_valid` takes the changed values as floats (one point) or as numpy arrays (many points at
once) and answers in kind — written with `&` and comparisons only, so the one set of rules
serves both the scalar model and the vectorised one."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from dealcalc.keypath import KeyPath
from dealcalc.model.common import MAX_PERIODS
from dealcalc.model.inputs import Scenario
from dealcalc.model.vary import FX_RATE, local_amounts
from dealcalc.scenario.spec import leaf_at
from dealcalc.scenario.validate import SHARE_TOLERANCE

MAX_GRID = 10_000_000  # points of a sweep, draws of a simulation


def point_valid(s: Scenario, changed: Mapping[KeyPath, Any]) -> Any:
    """True where `s` with the `changed` values (canonical units: USD bn, fractions) is a
    scenario the validator would accept; a bool for floats, a bool array for arrays."""
    ok: Any = True
    for path, v in changed.items():
        ok = ok & _in_range(path, v)
    fx = changed.get(FX_RATE)
    if fx is not None:  # the file's money in its own currency follows the rate (model.vary.set_values)
        rate = fx * (fx > 0) + (fx <= 0)  # a rate at or below zero failed above: divided by 1, not by it
        for path, usd in local_amounts(s, {**changed, FX_RATE: rate}).items():
            ok = ok & _in_range(path, usd)

    def get(path: KeyPath, default: Any) -> Any:
        return changed.get(path, default)

    p = s.pledge
    for i, t in enumerate(p.tranches):
        # a pledge without tranches is one tranche: pledge.annual_cap or pledge.tranches.0.annual_cap
        bases: list[KeyPath] = [("pledge", "tranches", i)] + ([] if p.explicit_tranches else [("pledge",)])

        def field(name: str, default: Any, bases: list[KeyPath] = bases) -> Any:
            return next((changed[(*b, name)] for b in bases if (*b, name) in changed), default)

        cap = field("annual_cap", t.annual_cap)
        if cap is not None:
            ok = ok & (cap > 0) & (field("amount", t.amount) <= cap * MAX_PERIODS)
    varied = {str(path[2]) for path in changed if path[:2] == ("pledge", "instruments") and len(path) == 3}
    if p.instruments or varied:
        names = dict.fromkeys([*(p.instruments or {}), *varied])
        total = sum(get(("pledge", "instruments", n), (p.instruments or {}).get(n, 0.0)) for n in names)
        ok = ok & (abs(total - 1) <= SHARE_TOLERANCE)
    for i, tier in enumerate(p.profit_split or ()):
        share = get(("pledge", "profit_split", i, "pledger"), tier.pledger)
        ok = ok & (share <= 1)
        if tier.until_recovered:
            ok = ok & (share > 0)
    return ok


def _in_range(path: KeyPath, v: Any) -> Any:
    """A value within its field's bounds (money at most 1,000 USD tn, a divisor at least its
    least, a rate at most its top) and finite; NaN fails every comparison."""
    leaf = leaf_at(path)
    lo, hi, lo_open = leaf.bounds if leaf is not None and leaf.bounds else (-math.inf, math.inf, False)
    return (abs(v) < math.inf) & ((v > lo) if lo_open else (v >= lo)) & (v <= hi)
