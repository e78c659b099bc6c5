"""Paying the pledge out: required pace, annual caps, the year-by-year plan (DESIGN §3.2)."""

# No `from __future__ import annotations`: NamedTuple would compile each string annotation at start-up.

import datetime as dt
import math
from typing import Any, NamedTuple, overload

from dealcalc.model.common import EPSILON_USD_BN, FLOATS, MAX_PERIODS, Ops, ratio
from dealcalc.model.dates import DAYS_PER_YEAR, anniversary, years_between
from dealcalc.model.inputs import Scenario, Tranche

# Below this a remainder is rounding, not money (USD bn).


class OutflowResult(NamedTuple):
    years_available: float
    required_annual_pace_usd_bn: float
    annual_cap_usd_bn: float | None
    pace_to_cap: float | None
    years_needed_at_cap: float | None  # None when no tranche is capped
    completion_date_at_cap: dt.date | None
    deliverable_by_deadline_usd_bn: float
    shortfall_at_deadline_usd_bn: float
    peak_year_to_reserves: float | None
    # progress to a date: the fields of `Progress`
    as_of: dt.date | None
    selected_to_date_usd_bn: float | None
    selected_share: float | None
    pace_so_far_usd_bn: float | None
    years_left: float | None
    required_pace_from_as_of_usd_bn: float | None
    interest_to_date_usd_bn: float | None


class Progress(NamedTuple):
    """Progress to a date (None without a date; the sums None when the file lists no projects)."""

    as_of: dt.date | None = None
    selected_to_date_usd_bn: float | None = None
    selected_share: float | None = None
    pace_so_far_usd_bn: float | None = None
    years_left: float | None = None
    required_pace_from_as_of_usd_bn: float | None = None
    interest_to_date_usd_bn: float | None = None


PROGRESS_KEYS = Progress._fields


class SchedulePeriod(NamedTuple):
    period_start: dt.date
    period_end: dt.date
    required_usd_bn: float
    capped_usd_bn: float
    cumulative_capped_usd_bn: float
    capped_to_reserves: float | None


def required_periods(
    amount: Any, start: dt.date, deadline: dt.date, ops: Ops = FLOATS
) -> tuple[list[Any], Any]:
    """An uncapped pace's payments: amount / Y in each full 12-month period that ends by the
    deadline, and what is left for the period that holds it. Never more than the amount: Y counts
    years of 365.25 days, so periods of 365 days up to a deadline on an anniversary would pay
    amount × 365.25/365 in all; the last of them pays what is left (on floats, or on arrays in
    analysis/vector_balance.py)."""
    per_year = amount / years_between(start, deadline)
    pays: list[Any] = []
    paid: Any = 0.0
    while anniversary(start, len(pays) + 1) <= deadline:
        pays.append(ops.minimum(per_year, amount - paid))
        paid = paid + pays[-1]
    return pays, amount - paid


def required_plan(tranche: Tranche, start: dt.date, deadline: dt.date) -> list[float]:
    """`required_periods` of a tranche, the rest as one more period when above EPSILON_USD_BN."""
    plan, rest = required_periods(tranche.amount, start, deadline)
    return [*plan, rest] if rest > EPSILON_USD_BN else plan


@overload
def periods_at_cap(amount: float, cap: float) -> tuple[float, float]: ...
@overload
def periods_at_cap(amount: Any, cap: Any, ops: Ops) -> tuple[Any, Any]: ...
def periods_at_cap(amount: Any, cap: Any, ops: Ops = FLOATS) -> tuple[Any, Any]:
    """A capped tranche's whole periods at its cap (at most MAX_PERIODS) and the rest after them,
    paid in the next period when above EPSILON_USD_BN and within MAX_PERIODS (on floats, or on
    arrays in analysis/vector.py and vector_balance.py)."""
    whole = ops.minimum(ops.floor_divide(amount, cap), MAX_PERIODS)
    return whole, amount - whole * cap


def capped_plan(tranche: Tranche, start: dt.date, deadline: dt.date) -> list[float]:
    """min(cap, remaining) each period until paid (past the deadline if need be); an uncapped
    tranche follows its required plan."""
    cap = tranche.annual_cap
    if cap is None:
        return required_plan(tranche, start, deadline)
    whole, rest = periods_at_cap(tranche.amount, cap)
    full = int(whole)
    return [cap] * full + ([rest] if rest > EPSILON_USD_BN and full < MAX_PERIODS else [])


def first_payment(tranche: Tranche, start: dt.date, deadline: dt.date, ops: Ops = FLOATS) -> Any:
    """What a tranche pays in the first 12-month period: the first of `capped_plan` (0 for an
    empty plan). Every tranche's plan only falls from there, so the sum over the tranches is the
    largest year of `deployment_plan`."""
    cap = tranche.annual_cap
    if cap is None:  # `required_periods`: amount / Y when a whole period ends by it, at most the amount
        if anniversary(start, 1) <= deadline:
            return ops.minimum(tranche.amount / years_between(start, deadline), tranche.amount)
        return ops.where(tranche.amount > EPSILON_USD_BN, tranche.amount, 0.0)
    whole, rest = periods_at_cap(tranche.amount, cap, ops)
    return ops.where(whole >= 1, cap, ops.where(rest > EPSILON_USD_BN, rest, 0.0))


def _sum_plans(plans: list[list[float]]) -> list[float]:
    total = [0.0] * max((len(p) for p in plans), default=0)
    for plan in plans:
        for i, pay in enumerate(plan):
            total[i] += pay
    return total


def deployment_plan(s: Scenario) -> list[float]:
    """Investment paid per 12-month period from start: the capped plan when any tranche has a
    cap, else the required plan (the two coincide then)."""
    return _sum_plans([capped_plan(t, s.pledge.start, s.pledge.deadline) for t in s.pledge.investment])


def compute_schedule(s: Scenario) -> list[SchedulePeriod]:
    start, deadline = s.pledge.start, s.pledge.deadline
    tranches = s.pledge.investment
    required = _sum_plans([required_plan(t, start, deadline) for t in tranches])
    # the capped tranches only: an uncapped tranche is not "capped" (its pace is in `required`)
    capped = _sum_plans([capped_plan(t, start, deadline) for t in tranches if t.annual_cap is not None])
    rows: list[SchedulePeriod] = []
    cumulative = 0.0
    for k in range(max(len(required), len(capped))):
        pay = capped[k] if k < len(capped) else 0.0
        cumulative += pay
        rows.append(
            SchedulePeriod(
                period_start=anniversary(start, k),
                period_end=anniversary(start, k + 1),
                required_usd_bn=required[k] if k < len(required) else 0.0,
                capped_usd_bn=pay,
                cumulative_capped_usd_bn=cumulative,
                capped_to_reserves=ratio(pay, s.economy.fx_reserves),
            )
        )
    return rows


def _date_after(start: dt.date, years: float) -> dt.date | None:
    """start + round(years × 365.25) days; None past the calendar's end (a cap near zero)."""
    try:
        return start + dt.timedelta(days=round(years * DAYS_PER_YEAR))
    except OverflowError:
        return None


@overload
def capped_pace_usd_bn(s: Scenario) -> float | None: ...
@overload
def capped_pace_usd_bn(s: Scenario, ops: Ops) -> Any: ...
def capped_pace_usd_bn(s: Scenario, ops: Ops = FLOATS) -> Any:
    """The pace the capped tranches need to meet the deadline (Σ capped amounts / Y): what
    `pace_to_cap` sets against their caps. None when no tranche is capped."""
    capped = [t.amount for t in s.pledge.investment if t.annual_cap is not None]
    return ops.total(capped) / years_between(s.pledge.start, s.pledge.deadline) if capped else None


def compute_progress(s: Scenario, as_of: dt.date | None = None, ops: Ops = FLOATS) -> Progress:
    """How far the pledge has got by `as_of` (default: the file's `as_of`): the selected
    projects called by then, the pace so far, and the pace needed for the rest by the deadline.
    A project counts by its `called` date; `status: interest` is summed apart, never as
    selected. All None without a date; the sums None when the file lists no projects (it does
    not say what was selected). The dates and the projects are never arrays; the pledge may be
    (`ops`)."""
    day = as_of or s.as_of
    if day is None:
        return Progress()
    start, deadline = s.pledge.start, s.pledge.deadline
    years_left = max(0.0, years_between(day, deadline))
    if not s.projects:
        return Progress(as_of=day, years_left=years_left)
    selected = math.fsum(p.amount for p in s.projects if p.status == "selected" and p.called <= day)
    interest = math.fsum(p.amount for p in s.projects if p.status == "interest" and p.called <= day)
    p = s.pledge.amount
    return Progress(
        as_of=day,
        selected_to_date_usd_bn=selected,
        selected_share=ops.ratio(selected, p),
        pace_so_far_usd_bn=selected / years_between(start, day) if day > start else None,
        years_left=years_left,
        required_pace_from_as_of_usd_bn=(
            ops.maximum(0.0, p - selected) / years_left if years_left > 0 else None
        ),
        interest_to_date_usd_bn=interest,
    )


@overload
def shortfall_at_pace(p: float, progress: Progress) -> float | None: ...
@overload
def shortfall_at_pace(p: Any, progress: Progress, ops: Ops) -> Any: ...
def shortfall_at_pace(p: Any, progress: Progress, ops: Ops = FLOATS) -> Any:
    """What is left undone at the deadline at the pace so far: max(0, P − (selected to date +
    pace so far × years left)); None unless the progress to a date is known."""
    sel, pace, left = progress.selected_to_date_usd_bn, progress.pace_so_far_usd_bn, progress.years_left
    if sel is None or pace is None or left is None:
        return None
    return ops.maximum(0.0, p - (sel + pace * left))


def selected_in_tranche(s: Scenario, tranche: Tranche, day: dt.date) -> float:
    """The selected projects of a tranche called by `day` (a project naming no tranche belongs to
    the pledge's only investment tranche)."""
    only = len(s.pledge.investment) == 1
    return math.fsum(
        p.amount
        for p in s.projects
        if p.status == "selected"
        and p.called <= day
        and (p.tranche == tranche.name or (p.tranche is None and only))
    )


def years_left_at_cap(s: Scenario, day: dt.date) -> float | None:
    """The years the capped tranches need from `day` to pay what is left of them (amount − its
    selected projects called by then, at least 0) at their caps; None when no tranche is capped."""
    left = [
        max(0.0, t.amount - selected_in_tranche(s, t, day)) / t.annual_cap
        for t in s.pledge.investment
        if t.annual_cap is not None
    ]
    return max(left) if left else None


def outflow_figures(s: Scenario, progress: Progress, ops: Ops = FLOATS) -> dict[str, Any]:
    """The numeric outflow figures, written once over `ops`: on floats for `compute_outflow`, on
    numpy arrays (one element per point) for big sweeps and simulations (`analysis/vector.py`).
    `progress`: `compute_progress` on the same `ops`."""
    start, deadline = s.pledge.start, s.pledge.deadline
    y = years_between(start, deadline)
    tranches = s.pledge.investment
    p = ops.total(t.amount for t in tranches)
    capped = [t for t in tranches if t.annual_cap is not None]
    cap_total = ops.total(t.annual_cap for t in capped) if capped else None
    years_needed = (
        ops.largest(ops.divide(t.amount, t.annual_cap) if t.annual_cap is not None else y for t in tranches)
        if capped
        else None
    )
    deliverable = ops.total(
        ops.minimum(t.amount, t.annual_cap * y) if t.annual_cap is not None else t.amount for t in tranches
    )
    shortfall = shortfall_at_pace(p, progress, ops)
    peak = ops.total(first_payment(t, start, deadline, ops) for t in tranches)
    return {
        "years_available": y,
        "required_annual_pace_usd_bn": p / y,
        "annual_cap_usd_bn": cap_total,
        "pace_to_cap": ops.ratio(capped_pace_usd_bn(s, ops), cap_total),
        "years_needed_at_cap": years_needed,
        "deliverable_by_deadline_usd_bn": deliverable,
        "shortfall_at_deadline_usd_bn": p - deliverable if shortfall is None else shortfall,
        "peak_year_to_reserves": ops.ratio(peak, s.economy.fx_reserves),
    }


def compute_outflow(s: Scenario, as_of: dt.date | None = None) -> OutflowResult:
    """How fast the investment pledge can be paid under its caps, and what is left at the
    deadline; with a date (`as_of`, default the file's), the progress to it (`compute_progress`).
    Money in USD bn; years of 365.25 days."""
    progress = compute_progress(s, as_of)
    figures = outflow_figures(s, progress)
    years_needed = figures["years_needed_at_cap"]
    # the completion date is a date, never an array: the model alone computes it
    completion = _date_after(s.pledge.start, years_needed) if years_needed is not None else None
    # with the progress to the as-of date known, the completion counts from that date (DESIGN §4.1)
    if progress.as_of is not None and shortfall_at_pace(0.0, progress) is not None:
        left_at_cap = years_left_at_cap(s, progress.as_of)
        completion = _date_after(progress.as_of, left_at_cap) if left_at_cap is not None else None
    return OutflowResult(**figures, completion_date_at_cap=completion, **progress._asdict())
