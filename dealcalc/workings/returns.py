"""How the returns metrics are computed (DESIGN §3.4), from the model's own waterfall."""

from typing import Any

from dealcalc.workings.arithmetic import X, num, shown, total
from dealcalc.workings.common import Ctx, E, pct


def _deemed(c: Ctx) -> float:
    tiers = c.s.pledge.profit_split or ()
    return tiers[0].deemed_interest if tiers and tiers[0].until_recovered else 0.0


def _waterfall(c: Ctx) -> list[Any]:
    from dealcalc.model.returns import waterfall

    return [row for row, _ in waterfall(c.s)]


def _receipts(c: Ctx) -> X:
    rows = _waterfall(c)
    return shown(
        total(num(r.pledger_usd_bn, "usd_bn") for r in rows),
        f"Σ of {len(rows)} years' pledger shares (see --schedule)",
    )


def _npv(c: Ctx) -> X:
    assert c.s.returns is not None
    d = num(c.s.returns.discount_rate, "pct")
    terms = [
        num(r.pledger_usd_bn, "usd_bn") / (1 + d) ** (r.year + 1)
        - num(r.deployed_usd_bn, "usd_bn") / (1 + d) ** r.year
        for r in _waterfall(c)
    ]
    return shown(total(terms), f"d = {d.text}, over {len(terms)} years (see --schedule)")


def _recovery(c: Ctx) -> Any:
    from dealcalc.model.returns import recovery, waterfall

    years_ = waterfall(c.s)
    return recovery(years_, sum(r.deployed_usd_bn for r, _ in years_))


def _years_to_recover(c: Ctx) -> X | str:
    found = _recovery(c)
    return "not within the horizon" if found is None else num(found.year, label="year") + 1


def _cash_to_recover(c: Ctx) -> X | str:
    found = _recovery(c)
    if found is None:
        return "not within the horizon"
    earlier = total(num(x, "usd_bn") for x in found.earlier_cash_usd_bn)
    used = total(num(x, "usd_bn") for x in found.used_usd_bn)
    return shown(
        earlier + used, f"{earlier.text if len(found.earlier_cash_usd_bn) < 4 else '…'} + {used.text}"
    )


def _switch(c: Ctx) -> X | str:
    from dealcalc.model.returns import waterfall

    tiers = c.s.pledge.profit_split or ()
    if len(tiers) < 2:
        return "a single tier"
    last = len(tiers) - 1
    year = next(
        (row.year for row, segments in waterfall(c.s) if any(i == last and x > 0 for x, _, i in segments)),
        None,
    )
    if year is None:
        return "the last tier takes no cash within the horizon"
    return shown(
        num(year) + 1,
        f"year {year} + 1: the first tier runs until its balance (capital deployed, growing at a deemed "
        f"interest of {pct(_deemed(c))} a year, less the pledger's receipts) is repaid: a higher deemed "
        "interest keeps it longer; see --schedule",
    )


# The arithmetic of each metric of the view (its formula and inputs are in dealcalc/registry.py).
TERMS: dict[str, E] = {
    "invested_usd_bn": lambda c: total(
        (num(r.deployed_usd_bn, "usd_bn") for r in _waterfall(c) if r.deployed_usd_bn), empty="none"
    ),
    "pledger_receipts_usd_bn": _receipts,
    "partner_receipts_usd_bn": lambda c: (
        shown(
            total(num(r.project_cash_usd_bn, "usd_bn") for r in _waterfall(c)),
            f"Σ of {len(_waterfall(c))} years' project cash",
        )
        - c.bn("pledger_receipts_usd_bn")
    ),
    "pledger_multiple": lambda c: c.bn("pledger_receipts_usd_bn") / c.bn("invested_usd_bn"),
    "pledger_npv_usd_bn": _npv,
    "years_to_recover": _years_to_recover,
    "split_switch_year": _switch,
    "project_cash_to_recover_usd_bn": _cash_to_recover,
}
