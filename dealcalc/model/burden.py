"""Burden of the pledge against the pledger's economy (DESIGN §3.1)."""

# No `from __future__ import annotations`: NamedTuple would compile each string annotation at start-up.

from typing import Any, NamedTuple

from dealcalc.model.common import FLOATS, Ops
from dealcalc.model.dates import years_between
from dealcalc.model.inputs import DEFAULT_COST_WEIGHTS, INSTRUMENTS, Scenario


class BurdenResult(NamedTuple):
    pledge_usd_bn: float
    purchases_usd_bn: float | None
    purchases_to_gdp: float | None
    pledge_to_gdp: float | None
    pledge_to_reserves: float | None
    pledge_to_exports: float | None
    surplus_years: float | None
    pledge_to_surplus_to_deadline: float | None
    pledge_per_capita_usd: float | None
    annual_pace_usd_bn: float
    annual_pace_to_gdp: float | None
    annual_pace_to_reserves: float | None
    annual_pace_to_reserve_income: float | None
    cost_usd_bn: float | None
    cost_to_gdp: float | None
    cost_weights_assumed: list[str] | None


def burden_figures(s: Scenario, ops: Ops = FLOATS) -> dict[str, Any]:
    """The burden formulas, written once over `ops` (`model.common.Ops`): on floats for the model
    or on numpy arrays, one element per point, for large sweeps (`analysis/vector.py`). The
    numeric keys only."""
    ratio, total = ops.ratio, ops.total
    p = total(t.amount for t in s.pledge.investment)
    y = years_between(s.pledge.start, s.pledge.deadline)
    e, t = s.economy, s.trade
    purchases = [tr.amount for tr in s.pledge.tranches if tr.kind == "purchases"]
    purchases_usd_bn = total(purchases) if purchases else None
    pace = p / y
    surplus = t.surplus
    cost = cost_to_gdp = None
    if s.pledge.instruments is not None:
        weights = {**DEFAULT_COST_WEIGHTS, **s.pledge.cost_weights}
        cost = p * total(share * weights[name] for name, share in s.pledge.instruments.items())
        cost_to_gdp = ratio(cost, e.gdp)
    return {
        "pledge_usd_bn": p,
        "purchases_usd_bn": purchases_usd_bn,
        "purchases_to_gdp": ratio(purchases_usd_bn, e.gdp),
        "pledge_to_gdp": ratio(p, e.gdp),
        "pledge_to_reserves": ratio(p, e.fx_reserves),
        "pledge_to_exports": ratio(p, t.exports_to_partner),
        "surplus_years": ratio(p, surplus),
        "pledge_to_surplus_to_deadline": ratio(p, surplus * y if surplus is not None else None),
        "pledge_per_capita_usd": ratio(p * 1e9, e.population),
        "annual_pace_usd_bn": pace,
        "annual_pace_to_gdp": ratio(pace, e.gdp),
        "annual_pace_to_reserves": ratio(pace, e.fx_reserves),
        "annual_pace_to_reserve_income": ratio(pace, e.reserve_income),
        "cost_usd_bn": cost,
        "cost_to_gdp": cost_to_gdp,
    }


def compute_burden(s: Scenario) -> BurdenResult:
    """Ratios of the investment pledge P (purchases tranches excluded) to GDP, reserves, trade.

    Money in USD bn; ratios as fractions; None where an input is missing or a denominator ≤ 0."""
    instruments = s.pledge.instruments
    assumed = (
        None
        if instruments is None
        else [n for n in INSTRUMENTS if n in instruments and n not in s.pledge.cost_weights]
    )
    return BurdenResult(**burden_figures(s), cost_weights_assumed=assumed)
