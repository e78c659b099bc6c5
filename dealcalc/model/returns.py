"""What the pledger gets back: the profit waterfall over the horizon (DESIGN §3.4)."""

# No `from __future__ import annotations`: NamedTuple would compile each string annotation at start-up.

import math
from typing import NamedTuple

from dealcalc.errors import MissingInputError
from dealcalc.model.common import EPSILON_USD_BN, ratio
from dealcalc.model.inputs import Returns, Scenario, Tier
from dealcalc.model.outflow import deployment_plan

PLEDGER_TAKES_ALL = (Tier(1.0),)


class ReturnsYear(NamedTuple):
    year: int
    deployed_usd_bn: float
    project_cash_usd_bn: float
    pledger_usd_bn: float
    partner_usd_bn: float
    cumulative_pledger_usd_bn: float
    tier: str


class ReturnsResult(NamedTuple):
    invested_usd_bn: float
    pledger_receipts_usd_bn: float
    partner_receipts_usd_bn: float
    pledger_multiple: float | None
    pledger_npv_usd_bn: float
    years_to_recover: int | None
    project_cash_to_recover_usd_bn: float | None
    split_switch_year: int | None  # the first year (1-based) in which the last tier takes cash


def split_year(
    cash: float, balance: float, tiers: tuple[Tier, ...]
) -> tuple[list[tuple[float, float, int]], float]:
    """Split one year's project cash by tier. Returns the segments (cash, pledger share, tier
    index) in the order paid, and the unrecovered balance left."""
    first = tiers[0]
    if not first.until_recovered or balance <= EPSILON_USD_BN:
        index = len(tiers) - 1 if first.until_recovered else 0
        return [(cash, tiers[index].pledger, index)], max(balance, 0.0)
    needed = balance / first.pledger
    if cash < needed:
        return [(cash, first.pledger, 0)], balance - cash * first.pledger
    segments = [(needed, first.pledger, 0)]
    if cash - needed > 0:
        segments.append((cash - needed, tiers[1].pledger, 1))
    return segments, 0.0


Segment = tuple[float, float, int]


def _waterfall(s: Scenario, params: Returns) -> list[tuple[ReturnsYear, list[Segment]]]:
    """Each year of the horizon with the cash segments it paid, in order."""
    plan = deployment_plan(s)
    tiers = s.pledge.profit_split or PLEDGER_TAKES_ALL
    rate = tiers[0].deemed_interest if tiers[0].until_recovered else 0.0
    out: list[tuple[ReturnsYear, list[Segment]]] = []
    deployed_total = balance = cumulative = 0.0
    for t in range(params.horizon_years):
        deployed = plan[t] if t < len(plan) else 0.0
        deployed_total += deployed
        balance = (balance + deployed) * (1 + rate)
        cash = params.cash_yield * deployed_total
        segments, balance = split_year(cash, balance, tiers)
        pledger = sum(c * share for c, share, _ in segments)
        cumulative += pledger
        used = [i for c, _, i in segments if c > 0] or [segments[0][2]]
        tier = "→".join(str(i + 1) for i in dict.fromkeys(used))
        out.append((ReturnsYear(t, deployed, cash, pledger, cash - pledger, cumulative, tier), segments))
    return out


def _growth(rate: float, years: int) -> float:
    """(1 + rate) ** years; infinity where that is beyond a float (a discount rate of 100,000%
    over 200 years), so that what it discounts is worth nothing rather than an error."""
    try:
        return float((1 + rate) ** years)
    except OverflowError:
        return math.inf


def compute_returns_schedule(s: Scenario) -> list[ReturnsYear]:
    """Year by year: deployed, project cash, each side's share, the tier(s) in force."""
    return [row for row, _ in _waterfall(s, require_returns(s))]


def require_returns(s: Scenario) -> Returns:
    if s.returns is None:
        example = "{cash_yield: 6%, horizon_years: 20, discount_rate: 4%}"
        raise MissingInputError(
            s.file, "returns", "this command needs project assumptions", f"  returns: {example}", example
        )
    return s.returns


class Recovery(NamedTuple):
    """When the pledger has its capital back: the year (from 0), the project cash of the years
    before it, and the cash of that year's segments paid until it (the last one in part)."""

    year: int
    earlier_cash_usd_bn: list[float]
    used_usd_bn: list[float]

    def cash_usd_bn(self) -> float:
        """The project cash paid until recovery."""
        return sum(self.earlier_cash_usd_bn) + sum(self.used_usd_bn)


def recovery(years: list[tuple[ReturnsYear, list[Segment]]], invested: float) -> Recovery | None:
    """The year in which cumulative receipts reach `invested`, and the cash paid until then;
    None if they never do within the horizon."""
    earlier: list[float] = []
    for row, segments in years:
        received_before = row.cumulative_pledger_usd_bn - row.pledger_usd_bn
        if invested > 0 and row.cumulative_pledger_usd_bn >= invested * (1 - 1e-12):
            need = invested - received_before
            used: list[float] = []
            for cash, share, _ in segments:
                if share > 0 and cash * share >= need:
                    used.append(need / share)
                    break
                used.append(cash)
                need -= cash * share
            return Recovery(row.year, earlier, used)
        earlier.append(row.project_cash_usd_bn)
    return None


def waterfall(s: Scenario, horizon_years: int | None = None) -> list[tuple[ReturnsYear, list[Segment]]]:
    """Each year of the horizon (default `returns.horizon_years`) with the cash segments it paid."""
    params = require_returns(s)
    return _waterfall(s, params if horizon_years is None else params._replace(horizon_years=horizon_years))


def compute_returns(s: Scenario) -> ReturnsResult:
    """Receipts of each side, the pledger's multiple, NPV and time to recover its capital."""
    params = require_returns(s)
    tiers = s.pledge.profit_split or PLEDGER_TAKES_ALL
    years = _waterfall(s, params)
    rows = [row for row, _ in years]
    invested = sum(r.deployed_usd_bn for r in rows)
    pledger = sum(r.pledger_usd_bn for r in rows)
    total_cash = sum(r.project_cash_usd_bn for r in rows)
    d = params.discount_rate
    npv = sum(
        r.pledger_usd_bn / _growth(d, r.year + 1) - r.deployed_usd_bn / _growth(d, r.year) for r in rows
    )
    recovered = recovery(years, invested)
    last = len(tiers) - 1
    switch = next(
        (row.year + 1 for row, segments in years if any(i == last and c > 0 for c, _, i in segments)), None
    )
    return ReturnsResult(
        invested_usd_bn=invested,
        pledger_receipts_usd_bn=pledger,
        partner_receipts_usd_bn=total_cash - pledger,
        pledger_multiple=ratio(pledger, invested),
        pledger_npv_usd_bn=npv,
        years_to_recover=None if recovered is None else recovered.year + 1,
        project_cash_to_recover_usd_bn=None if recovered is None else recovered.cash_usd_bn(),
        split_switch_year=switch if last > 0 else None,
    )
