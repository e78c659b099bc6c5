"""How the burden metrics are computed (DESIGN §3.1)."""

from dealcalc.model.inputs import DEFAULT_COST_WEIGHTS
from dealcalc.views.arithmetic import POWER, X, num, total
from dealcalc.views.explain.common import Ctx, E, P, pct


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


FORMULAS: dict[str, tuple[str, E, tuple[str, ...]]] = {
    "pledge_usd_bn": (
        "P = Σ investment tranches",
        lambda c: _tranches(c, "investment"),
        ("pledge.amount", "pledge.tranches"),
    ),
    "purchases_usd_bn": ("Σ purchases tranches", lambda c: _tranches(c, "purchases"), ("pledge.tranches",)),
    "purchases_to_gdp": (
        "purchases / gdp",
        lambda c: _tranches(c, "purchases") / num(c.s.economy.gdp, "usd_bn"),
        ("pledge.tranches", "economy.gdp", "economy.fx_rate"),
    ),
    "pledge_to_gdp": (
        "P / gdp",
        lambda c: c.p / num(c.s.economy.gdp, "usd_bn"),
        (*P, "economy.gdp", "economy.fx_rate"),
    ),
    "pledge_to_reserves": (
        "P / fx_reserves",
        lambda c: c.p / num(c.s.economy.fx_reserves, "usd_bn"),
        (*P, "economy.fx_reserves"),
    ),
    "pledge_to_exports": (
        "P / exports_to_partner",
        lambda c: c.p / num(c.s.trade.exports_to_partner, "usd_bn"),
        (*P, "trade.exports_to_partner"),
    ),
    "surplus_years": (
        "P / surplus_with_partner",
        lambda c: c.p / num(c.s.trade.surplus, "usd_bn", after="a year"),
        (*P, "trade"),
    ),
    "pledge_to_surplus_to_deadline": (
        "P / (surplus × Y)",
        lambda c: c.p / (num(c.s.trade.surplus, "usd_bn") * c.y),
        (*P, "trade"),
    ),
    "pledge_per_capita_usd": (
        "P × 1e9 / population",
        lambda c: (
            c.p * num(1e9, text="1e9") / num(c.s.economy.population, "count")
            if c.s.economy.population
            else "no population given"
        ),
        (*P, "economy.population"),
    ),
    "annual_pace_usd_bn": ("P / Y", lambda c: c.p / c.y, (*P,)),
    "annual_pace_to_gdp": (
        "(P / Y) / gdp",
        lambda c: (c.p / c.y).wrap(POWER) / num(c.s.economy.gdp, "usd_bn"),
        (*P, "economy.gdp", "economy.fx_rate"),
    ),
    "annual_pace_to_reserves": (
        "(P / Y) / fx_reserves",
        lambda c: (c.p / c.y).wrap(POWER) / num(c.s.economy.fx_reserves, "usd_bn"),
        (*P, "economy.fx_reserves"),
    ),
    "annual_pace_to_reserve_income": (
        "(P / Y) / reserve_income",
        lambda c: (c.p / c.y).wrap(POWER) / num(c.s.economy.reserve_income, "usd_bn", after="a year"),
        (*P, "economy.reserve_income"),
    ),
    "cost_usd_bn": ("P × Σ share × weight", _cost, (*P, "pledge.instruments", "pledge.cost_weights")),
    "cost_to_gdp": (
        "cost / gdp",
        lambda c: c.bn("cost_usd_bn") / num(c.s.economy.gdp, "usd_bn"),
        (*P, "economy.gdp", "economy.fx_rate"),
    ),
    "cost_weights_assumed": (
        "instruments whose cost weight is a default",
        lambda c: f"defaults: {', '.join(f'{k} {pct(w)}' for k, w in DEFAULT_COST_WEIGHTS.items())}",
        ("pledge.instruments",),
    ),
}
