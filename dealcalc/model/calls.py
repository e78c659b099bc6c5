"""Capital calls: due dates, trailing-year sums against the caps (DESIGN §3.5)."""

# No `from __future__ import annotations`: NamedTuple would compile each string annotation at start-up.

import datetime as dt
from typing import NamedTuple

from dealcalc.errors import MissingInputError
from dealcalc.model.dates import add_business_days
from dealcalc.model.inputs import Project, Scenario
from dealcalc.model.tariff import compute_tariff

TRAILING_DAYS = 365
TOLERANCE_USD_BN = 1e-9


class CallRow(NamedTuple):
    project: str
    tranche: str | None
    called: dt.date
    due: dt.date
    amount_usd_bn: float
    cumulative_usd_bn: float
    trailing_year_usd_bn: float
    within_cap: bool | None


class CallsResult(NamedTuple):
    total_called_usd_bn: float
    uncalled_usd_bn: float
    first_breach: dt.date | None
    calls_after_deadline: int
    snapback_exposure_usd_bn: float | None


def due_date(s: Scenario, project: Project) -> dt.date:
    window = s.pledge.funding_window
    if window is None:
        return project.called
    if window.business:
        return add_business_days(project.called, window.days)
    return project.called + dt.timedelta(days=window.days)


def _cap_for(s: Scenario, project: Project) -> float | None:
    for t in s.pledge.investment:
        if project.tranche is None or t.name == project.tranche:
            return t.annual_cap
    return None


def require_projects(s: Scenario) -> tuple[Project, ...]:
    if not s.projects:
        raise MissingInputError(
            s.file,
            "projects",
            "this command needs projects",
            "  projects:\n    - {name: Texas LNG terminal, amount: 30 USD bn, called: 2026-02-17}",
        )
    return s.projects


def compute_call_schedule(s: Scenario) -> list[CallRow]:
    projects = require_projects(s)
    dated = sorted(((due_date(s, p), i, p) for i, p in enumerate(projects)), key=lambda x: (x[0], x[1]))
    rows: list[CallRow] = []
    cumulative = 0.0
    for due, _, p in dated:
        cumulative += p.amount
        window_start = due - dt.timedelta(days=TRAILING_DAYS)
        trailing = sum(q.amount for d, _, q in dated if q.tranche == p.tranche and window_start < d <= due)
        cap = _cap_for(s, p)
        within = None if cap is None else trailing <= cap + TOLERANCE_USD_BN
        rows.append(CallRow(p.name, p.tranche, p.called, due, p.amount, cumulative, trailing, within))
    return rows


def compute_calls(s: Scenario) -> CallsResult:
    """Totals, the first due date at which a trailing-year sum exceeds its cap, and the yearly
    duty at stake if the threatened tariff returned (USD bn)."""
    rows = compute_call_schedule(s)
    total = sum(r.amount_usd_bn for r in rows)
    exposure = compute_tariff(s).annual_savings_usd_bn if s.tariffs is not None and s.tariffs.lines else None
    return CallsResult(
        total_called_usd_bn=total,
        uncalled_usd_bn=s.pledge.amount - total,
        first_breach=next((r.due for r in rows if r.within_cap is False), None),
        calls_after_deadline=sum(1 for r in rows if r.due > s.pledge.deadline),
        snapback_exposure_usd_bn=exposure,
    )
