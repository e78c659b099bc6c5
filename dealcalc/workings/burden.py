"""How the burden metrics are computed (DESIGN §3.1)."""

from dealcalc.model.inputs import DEFAULT_COST_WEIGHTS
from dealcalc.workings.arithmetic import POWER, X, num, total
from dealcalc.workings.common import Ctx, E, pct


def _tranches(c: Ctx, kind: str) -> X:
    return total(
        (num(t.amount, "usd_bn", label=t.name) for t in c.s.pledge.tranches if t.kind == kind), empty="none"
    )


def _cost(c: Ctx) -> X | str:
    weights = {**DEFAULT_COST_WEIGHTS, **c.s.pledge.cost_weights}
    terms = [
        num(share, "pct", label=name)
        * num(weights[name], "pct", after="" if name in c.s.pledge.cost_weights else "(assumed)")
        for name, share in (c.s.pledge.instruments or {}).items()
    ]
    return c.p * total(terms).wrap(POWER) if terms else "no instruments given"


# The arithmetic of each metric of the view (its formula and inputs are in dealcalc/registry.py).
TERMS: dict[str, E] = {
    "pledge_usd_bn": lambda c: _tranches(c, "investment"),
    "purchases_usd_bn": lambda c: _tranches(c, "purchases"),
    "purchases_to_gdp": lambda c: _tranches(c, "purchases") / num(c.s.economy.gdp, "usd_bn"),
    "pledge_to_gdp": lambda c: c.p / num(c.s.economy.gdp, "usd_bn"),
    "pledge_to_reserves": lambda c: c.p / num(c.s.economy.fx_reserves, "usd_bn"),
    "pledge_to_exports": lambda c: c.p / num(c.s.trade.exports_to_partner, "usd_bn"),
    "surplus_years": lambda c: c.p / num(c.s.trade.surplus, "usd_bn", after="a year"),
    "pledge_to_surplus_to_deadline": lambda c: c.p / (num(c.s.trade.surplus, "usd_bn") * c.y),
    "pledge_per_capita_usd": lambda c: (
        c.p * num(1e9, text="1e9") / num(c.s.economy.population, "count")
        if c.s.economy.population
        else "no population given"
    ),
    "annual_pace_usd_bn": lambda c: c.p / c.y,
    "annual_pace_to_gdp": lambda c: (c.p / c.y).wrap(POWER) / num(c.s.economy.gdp, "usd_bn"),
    "annual_pace_to_reserves": lambda c: (c.p / c.y).wrap(POWER) / num(c.s.economy.fx_reserves, "usd_bn"),
    "annual_pace_to_reserve_income": lambda c: (
        (c.p / c.y).wrap(POWER) / num(c.s.economy.reserve_income, "usd_bn", after="a year")
    ),
    "cost_usd_bn": _cost,
    "cost_to_gdp": lambda c: c.bn("cost_usd_bn") / num(c.s.economy.gdp, "usd_bn"),
    "cost_weights_assumed": lambda c: (
        f"defaults: {', '.join(f'{k} {pct(w)}' for k, w in DEFAULT_COST_WEIGHTS.items())}"
    ),
}
