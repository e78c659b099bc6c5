"""The tariff timeline (DESIGN §3.3 "The timeline"): which regime was in force on each day, and the
duty paid as the regimes changed, against one regime held throughout.

A dated regime runs from its `from` through its `until` (inclusive), or, without `until`, until the
day before the next dated regime starts (for good if none follows). A day outside every dated
period pays the lines' MFN rates. Yearly duty is spread evenly over 365.25 days."""

# No `from __future__ import annotations`: NamedTuple would compile each string annotation at start-up.

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from dealcalc.model.dates import DAYS_PER_YEAR
from dealcalc.model.inputs import Regime

MFN = "mfn"
ONE_DAY = dt.timedelta(days=1)


class Span(NamedTuple):
    """Days `first` through `last` (inclusive) under one regime; `last` None: open-ended."""

    regime: str
    first: dt.date
    last: dt.date | None


class Period(NamedTuple):
    """One row of the timeline: sums over the period's days, not per year. `status`: `paid` for
    days before the as-of date, `projected` from it on (every day without an as-of date)."""

    start: dt.date
    until: dt.date
    regime: str
    status: str
    days: int
    duty_period_usd_bn: float
    duty_counterfactual_usd_bn: float
    savings_usd_bn: float
    duty_refundable_usd_bn: float = 0.0  # above-MFN duty levied under a `void` authority
    duty_contested_usd_bn: float = 0.0  # … under a `contested` one
    counterfactual: str = MFN  # the regime of duty_counterfactual (not a key of the row)

    def record(self) -> dict[str, Any]:
        return {
            "from": self.start,
            "until": self.until,
            "regime": self.regime,
            "status": self.status,
            "days": self.days,
            "duty_period_usd_bn": self.duty_period_usd_bn,
            "duty_counterfactual_usd_bn": self.duty_counterfactual_usd_bn,
            "savings_usd_bn": self.savings_usd_bn,
            "duty_refundable_usd_bn": self.duty_refundable_usd_bn,
            "duty_contested_usd_bn": self.duty_contested_usd_bn,
        }


class Timeline(NamedTuple):
    as_of: dt.date | None
    regime_in_force: str | None
    duty_paid_to_date_usd_bn: float | None
    duty_refundable_to_date_usd_bn: float | None
    duty_contested_to_date_usd_bn: float | None
    savings_to_date_usd_bn: float | None
    duty_projected_usd_bn: float | None
    savings_projected_usd_bn: float | None
    duty_to_deadline_usd_bn: float | None
    savings_to_deadline_timeline_usd_bn: float | None


def dated_spans(regimes: tuple[Regime, ...]) -> list[Span]:
    """The periods of the dated regimes, in date order (validation keeps them from overlapping)."""
    dated = sorted((r for r in regimes if r.start is not None), key=lambda r: str(r.start))
    spans: list[Span] = []
    for i, r in enumerate(dated):
        assert r.start is not None
        last = r.until
        if last is None and i + 1 < len(dated):
            following = dated[i + 1].start
            assert following is not None
            last = following - ONE_DAY
        spans.append(Span(r.name, r.start, last))
    return spans


def regime_on(spans: list[Span], day: dt.date) -> str:
    """The regime in force on `day`: `mfn` outside every dated period."""
    for span in spans:
        if span.first <= day and (span.last is None or day <= span.last):
            return span.regime
    return MFN


def spans_between(spans: list[Span], first: dt.date, end: dt.date) -> list[Span]:
    """Days first ≤ d < end cut into consecutive spans, MFN gaps included (all closed)."""
    out: list[Span] = []
    day = first
    for span in spans:
        if day >= end:
            break
        last = end - ONE_DAY if span.last is None else min(span.last, end - ONE_DAY)
        if last < day:
            continue  # over before `day`
        if span.first > day:
            gap_last = min(span.first - ONE_DAY, end - ONE_DAY)
            out.append(Span(MFN, day, gap_last))
            day = gap_last + ONE_DAY
            if day >= end:
                break
        out.append(Span(span.regime, day, last))
        day = last + ONE_DAY
    if day < end:
        out.append(Span(MFN, day, end - ONE_DAY))
    return out


class TwinSpan(NamedTuple):
    """Days `first` through `last` (inclusive) under the regime in force (`mfn` in a gap) and the
    without-deal twin of those days (DESIGN §3.3b: the regime itself when it names none)."""

    first: dt.date
    last: dt.date
    regime: str
    twin: str


def twin_spans(regimes: tuple[Regime, ...], first: dt.date, end: dt.date) -> list[TwinSpan]:
    """Days first ≤ d < end cut into consecutive spans (MFN gaps included), each with its twin;
    the last dated regime continues unless it has `until` (then MFN)."""
    twins = {r.name: r.without_deal or r.name for r in regimes if r.start is not None}
    out = []
    for span in spans_between(dated_spans(regimes), first, end):
        assert span.last is not None
        out.append(TwinSpan(span.first, span.last, span.regime, twins.get(span.regime, span.regime)))
    return out


def twin_of(regimes: tuple[Regime, ...], regime: str) -> str:
    """The without-deal twin of a regime: its `without_deal`, else the regime itself (MFN's is MFN)."""
    for r in regimes:
        if r.name == regime:
            return r.without_deal or regime
    return regime


def periods(
    regimes: tuple[Regime, ...],
    annual_duty: dict[str, float],
    counterfactual: str | None,
    first: dt.date,
    end: dt.date,
    as_of: dt.date | None,
    contested: dict[str, tuple[float, float]] | None = None,
) -> list[Period]:
    """The timeline rows over first ≤ d < end, a period that straddles the as-of date cut in two
    (`paid` before it, `projected` from it): duty in force, the counterfactual's duty over the same
    days (the without-deal twin of each day when `counterfactual` is None, else that regime held
    throughout), and the difference. `annual_duty` holds the yearly duty (USD bn) of every regime
    named; `contested` the yearly above-MFN duty of a regime levied under a void and under a
    contested authority (none when absent)."""
    legal = contested or {}
    rows = []
    for span in twin_spans(regimes, first, end):
        cut = as_of if as_of is not None and span.first < as_of <= span.last else None
        parts = [(span.first, cut - ONE_DAY), (cut, span.last)] if cut else [(span.first, span.last)]
        held = span.twin if counterfactual is None else counterfactual
        for a, b in parts:
            days = (b - a).days + 1
            paid = annual_duty[span.regime] * days / DAYS_PER_YEAR
            other = annual_duty[held] * days / DAYS_PER_YEAR
            status = "paid" if as_of is not None and b < as_of else "projected"
            void, disputed = (v * days / DAYS_PER_YEAR for v in legal.get(span.regime, (0.0, 0.0)))
            rows.append(
                Period(a, b, span.regime, status, days, paid, other, other - paid, void, disputed, held)
            )
    return rows


class StatusTotals(NamedTuple):
    """The sums of the timeline's rows of one status (`paid` or `projected`)."""

    days: int
    duty_usd_bn: float
    counterfactual_usd_bn: float
    savings_usd_bn: float
    refundable_usd_bn: float
    contested_usd_bn: float


def totals_by_status(rows: Sequence[Period]) -> dict[str, StatusTotals]:
    """`paid` and `projected` (those with a row), each the sums of its rows: the timeline's keys
    to date and projected, and the totals said under the timeline's table."""
    out = {}
    for status in ("paid", "projected"):
        part = [p for p in rows if p.status == status]
        if part:
            out[status] = StatusTotals(
                sum(p.days for p in part),
                sum(p.duty_period_usd_bn for p in part),
                sum(p.duty_counterfactual_usd_bn for p in part),
                sum(p.savings_usd_bn for p in part),
                sum(p.duty_refundable_usd_bn for p in part),
                sum(p.duty_contested_usd_bn for p in part),
            )
    return out


def compute_timeline(
    regimes: tuple[Regime, ...],
    annual_duty: dict[str, float],
    counterfactual: str | None,
    start: dt.date,
    deadline: dt.date,
    as_of: dt.date | None,
    contested: dict[str, tuple[float, float]] | None = None,
) -> Timeline:
    """The timeline keys of DESIGN §3.3 and §3.3b. `annual_duty` holds the yearly duty (USD bn) of
    `mfn`, of every dated regime, of their twins and of `counterfactual` (None: the twin timeline);
    `contested` as `periods` takes it."""
    spans = dated_spans(regimes)
    if not spans:
        return Timeline(as_of, None, None, None, None, None, None, None, None, None)
    rows = periods(regimes, annual_duty, counterfactual, start, deadline, as_of, contested)
    total = sum(p.duty_period_usd_bn for p in rows)
    saved = sum(p.savings_usd_bn for p in rows)
    sums = totals_by_status(rows)
    ahead = sums.get("projected", StatusTotals(0, 0.0, 0.0, 0.0, 0.0, 0.0))
    if as_of is None:
        return Timeline(
            None, None, None, None, None, None, ahead.duty_usd_bn, ahead.savings_usd_bn, total, saved
        )
    past = sums.get("paid", StatusTotals(0, 0.0, 0.0, 0.0, 0.0, 0.0))
    return Timeline(
        as_of,
        regime_on(spans, as_of),
        past.duty_usd_bn,
        past.refundable_usd_bn,
        past.contested_usd_bn,
        past.savings_usd_bn,
        ahead.duty_usd_bn,
        ahead.savings_usd_bn,
        total,
        saved,
    )
