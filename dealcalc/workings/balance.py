"""How the balance metrics are computed (DESIGN §3.5b), from the model's own spans and waterfall."""

from typing import Any

from dealcalc.workings.arithmetic import X, num, shown, total
from dealcalc.workings.common import Ctx, E


def _rate(c: Ctx) -> X:
    assert c.s.returns is not None
    return num(c.s.returns.discount_rate, "pct")


def _years(c: Ctx) -> list[Any]:
    from dealcalc.model.balance import balance_horizon
    from dealcalc.model.returns import waterfall

    return [row for row, _ in waterfall(c.s, balance_horizon(c.s))]


def _tariff_saved(c: Ctx) -> X:
    """Σ over the spans of the per-day saving × the discounted days, each span in closed form:
    Σ_k q^k for k = a … a + n − 1 is (q^a − q^(a+n)) / (1 − q), with q = (1 + d)^(−1/365.25)
    (written (1 + d)^(−a/365.25): a power of a few thousand is no explanation)."""
    from dealcalc.model.balance import balance_horizon, saving_spans
    from dealcalc.model.dates import anniversary

    assert c.s.returns is not None
    start = c.s.pledge.start
    spans, duty = saving_spans(c.s, anniversary(start, balance_horizon(c.s)))
    d = _rate(c)
    terms = []
    for span in spans:
        a = (span.first - start).days
        n = (span.last - span.first).days + 1
        per_day = (num(duty[span.twin], "usd_bn") - num(duty[span.regime], "usd_bn")) / 365.25
        if c.s.returns.discount_rate == 0:
            terms.append(per_day * n)
        else:
            first, after = ((1 + d) ** (num(-k) / 365.25) for k in (a, a + n))
            terms.append(per_day * (first - after) / (1 - (1 + d) ** (num(-1) / 365.25)))
    return shown(
        total(terms),
        f"Σ over {len(spans)} spans of (duty without the deal − duty in force) / 365.25 a day, each day "
        f"discounted by (1 + {d.text})^(−days since {start} / 365.25); see tariff --timeline",
    )


def _capital(c: Ctx) -> X:
    d = _rate(c)
    terms = [num(r.deployed_usd_bn, "usd_bn") / (1 + d) ** r.year for r in _years(c) if r.deployed_usd_bn]
    return shown(total(terms, empty="none"), f"d = {d.text}; see returns --schedule")


def _receipts(field: str) -> E:
    def worked(c: Ctx) -> X:
        d = _rate(c)
        rows = _years(c)
        terms = [num(getattr(r, field), "usd_bn") / (1 + d) ** (r.year + 1) for r in rows]
        return shown(total(terms), f"d = {d.text}, over {len(rows)} years (see returns --schedule)")

    return worked


def _break_even(c: Ctx) -> X | str:
    year = c.v.get("pledger_break_even_year")
    if year is None:
        return "the cumulative net stays below zero within the horizon"
    return num(year - 1, label="year") + 1


# The arithmetic of each metric of the view (its formula and inputs are in dealcalc/registry.py).
TERMS: dict[str, E] = {
    "horizon_years": lambda c: num(c.v["horizon_years"], "count"),
    "tariff_saved_pv_usd_bn": _tariff_saved,
    "exporter_share": lambda c: num(c.v["exporter_share"], "pct"),
    "pledger_tariff_gain_pv_usd_bn": lambda c: (
        c.bn("tariff_saved_pv_usd_bn") * num(c.v["exporter_share"], "pct")
    ),
    "capital_pv_usd_bn": _capital,
    "pledger_receipts_pv_usd_bn": _receipts("pledger_usd_bn"),
    "us_receipts_pv_usd_bn": _receipts("partner_usd_bn"),
    "pledger_net_pv_usd_bn": lambda c: (
        c.bn("pledger_tariff_gain_pv_usd_bn") + c.bn("pledger_receipts_pv_usd_bn") - c.bn("capital_pv_usd_bn")
    ),
    "us_duty_forgone_pv_usd_bn": lambda c: c.bn("tariff_saved_pv_usd_bn"),
    "us_buyers_gain_pv_usd_bn": lambda c: (
        c.bn("tariff_saved_pv_usd_bn") * (1 - num(c.v["exporter_share"], "pct"))
    ),
    "us_net_pv_usd_bn": lambda c: (
        c.bn("us_receipts_pv_usd_bn") + c.bn("us_buyers_gain_pv_usd_bn") - c.bn("us_duty_forgone_pv_usd_bn")
    ),
    "investment_received_pv_usd_bn": lambda c: c.bn("capital_pv_usd_bn"),
    "pledger_break_even_year": _break_even,
}
