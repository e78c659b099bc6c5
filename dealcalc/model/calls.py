"""Capital calls: due dates, the sums counted against the annual caps (DESIGN §3.5)."""

# No `from __future__ import annotations`: NamedTuple would compile each string annotation at start-up.

import datetime as dt
import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import NamedTuple

from dealcalc.errors import MissingInputError
from dealcalc.model.dates import add_business_days
from dealcalc.model.inputs import Project, Scenario
from dealcalc.model.tariff import annual_duty, check_regimes, resolve_pair

TRAILING_DAYS = 365
TOLERANCE_USD_BN = 1e-9


class CallRow(NamedTuple):
    """A call (in due-date order), or a listed expression of interest (after the calls, with
    `due`, `cumulative_usd_bn`, `year_sum_usd_bn` and `within_cap` None: it is never called)."""

    project: str
    tranche: str | None
    called: dt.date
    due: dt.date | None
    amount_usd_bn: float
    cumulative_usd_bn: float | None
    year_sum_usd_bn: float | None
    within_cap: bool | None


class CallsResult(NamedTuple):
    total_called_usd_bn: float
    uncalled_usd_bn: float
    interest_usd_bn: float
    first_breach: dt.date | None
    cap_basis: str
    calls_after_deadline: int
    snapback_exposure_usd_bn: float | None


def due_date(s: Scenario, project: Project) -> dt.date:
    window = s.pledge.funding_window
    if window is None:
        return project.called
    if window.business:
        return add_business_days(project.called, window.days)
    return project.called + dt.timedelta(days=window.days)


def _caps(s: Scenario) -> dict[str | None, float | None]:
    """The cap each project's calls count against, by its `tranche` (None: the pledge-wide cap,
    which is the single tranche's of a pledge without tranches)."""
    caps: dict[str | None, float | None] = {t.name: t.annual_cap for t in s.pledge.investment}
    first = s.pledge.investment[0] if s.pledge.investment else None
    caps[None] = first.annual_cap if first is not None else None
    return caps


def require_projects(s: Scenario) -> tuple[Project, ...]:
    if not s.projects:
        raise MissingInputError(
            s.file,
            "projects",
            "this command needs projects",
            "  projects:\n    - {name: Texas LNG terminal, amount: 30 USD bn, called: 2026-02-17}",
        )
    return s.projects


def _scaled(amounts: Sequence[float]) -> tuple[list[int], int]:
    """The amounts as integers over one power-of-two denominator (exactly: every float is a
    dyadic fraction), so that sums of them are exact until one final rounding."""
    ratios = [a.as_integer_ratio() for a in amounts]
    den = max((d for _, d in ratios), default=1)
    return [n * (den // d) for n, d in ratios], den


def _year_starts(dues: Sequence[dt.date], basis: str) -> list[int]:
    """For each due date, the ordinal of the earliest due date counted with it: 1 January of its
    year (calendar_year), or the day after it − 365 days (trailing_year)."""
    if basis == "trailing_year":
        return [d.toordinal() - (TRAILING_DAYS - 1) for d in dues]
    firsts = {year: dt.date(year, 1, 1).toordinal() for year in {d.year for d in dues}}
    return [firsts[d.year] for d in dues]


def year_sums(dues: Sequence[dt.date], amounts: Sequence[float], basis: str) -> list[float]:
    """For calls against one cap, sorted by due date: each call's sum of the calls due from its
    year's start through its own due date, ties included — exact, then rounded once (as
    `math.fsum` of them). O(n log n)."""
    units, den = _scaled(amounts)
    prefix = [0, *accumulate(units)]
    days = [d.toordinal() for d in dues]
    return [
        (prefix[bisect_right(days, day)] - prefix[bisect_left(days, first)]) / den
        for day, first in zip(days, _year_starts(dues, basis), strict=True)
    ]


def compute_call_schedule(s: Scenario) -> list[CallRow]:
    """The selected projects' calls in due-date order (file order on a tie), then the listed
    interest in file order. O(n log n) in the number of projects."""
    projects = require_projects(s)
    selected = [p for p in projects if p.status == "selected"]
    dues = [due_date(s, p) for p in selected]
    order = sorted(range(len(selected)), key=dues.__getitem__)  # stable: file order on a tie
    # each cap's calls, in due order
    by_cap: dict[str | None, list[int]] = {}
    for i in order:
        by_cap.setdefault(selected[i].tranche, []).append(i)
    year_sum = [0.0] * len(selected)
    for members in by_cap.values():
        sums = year_sums(
            [dues[i] for i in members], [selected[i].amount for i in members], s.pledge.cap_basis
        )
        for i, total in zip(members, sums, strict=True):
            year_sum[i] = total
    units, den = _scaled([selected[i].amount for i in order])
    caps = _caps(s)
    rows: list[CallRow] = []
    for i, cumulative in zip(order, accumulate(units), strict=True):
        p = selected[i]
        cap = caps.get(p.tranche)
        within = None if cap is None else year_sum[i] <= cap + TOLERANCE_USD_BN
        rows.append(
            CallRow(p.name, p.tranche, p.called, dues[i], p.amount, cumulative / den, year_sum[i], within)
        )
    rows += [
        CallRow(p.name, p.tranche, p.called, None, p.amount, None, None, None)
        for p in projects
        if p.status == "interest"
    ]
    return rows


def snapback_exposure(s: Scenario) -> float | None:
    """The duty per year at stake if the tariff snapped back: under the regime compared from
    minus under the one compared to, for the as-of pair of `resolve_pair` (the without-deal twin →
    the regime in force; else threatened → agreed), from the tariff lines only (USD bn); None
    without lines. `compute_tariff`'s annual savings, without its coverage and timeline."""
    if s.tariffs is None or not s.tariffs.lines:
        return None
    pair = resolve_pair(s)
    check_regimes(s, s.tariffs, pair.from_regime, pair.to_regime)
    duty = annual_duty(s.tariffs, (pair.from_regime, pair.to_regime))
    return duty[pair.from_regime] - duty[pair.to_regime]


def compute_calls(s: Scenario) -> CallsResult:
    """Totals of the selected projects and of the listed interest, the first due date at which a
    call's year sum exceeds its cap, and the yearly duty at stake if the threatened tariff
    returned (USD bn)."""
    rows = compute_call_schedule(s)
    calls = [r for r in rows if r.due is not None]
    total = math.fsum(r.amount_usd_bn for r in calls)
    exposure = snapback_exposure(s)
    return CallsResult(
        total_called_usd_bn=total,
        uncalled_usd_bn=s.pledge.amount - total,
        interest_usd_bn=math.fsum(r.amount_usd_bn for r in rows if r.due is None),
        first_breach=next((r.due for r in calls if r.within_cap is False), None),
        cap_basis=s.pledge.cap_basis,
        calls_after_deadline=sum(1 for r in calls if r.due is not None and r.due > s.pledge.deadline),
        snapback_exposure_usd_bn=exposure,
    )
