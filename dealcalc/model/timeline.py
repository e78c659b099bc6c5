"""The tariff timeline (DESIGN §3.3 "The timeline"): which regime was in force on each day, and the
duty paid as the regimes changed, against one regime held throughout.

A dated regime runs from its `from` through its `until` (inclusive), or, without `until`, until the
day before the next dated regime starts (for good if none follows). A day outside every dated
period pays the lines' MFN rates. Yearly duty is spread evenly over 365.25 days."""

# No `from __future__ import annotations`: NamedTuple would compile each string annotation at start-up.

import datetime as dt
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
    """One row of the timeline: sums over the period's days, not per year."""

    start: dt.date
    until: dt.date
    regime: str
    days: int
    duty_paid_usd_bn: float
    duty_counterfactual_usd_bn: float
    savings_usd_bn: float

    def record(self) -> dict[str, Any]:
        return {
            "from": self.start,
            "until": self.until,
            "regime": self.regime,
            "days": self.days,
            "duty_paid_usd_bn": self.duty_paid_usd_bn,
            "duty_counterfactual_usd_bn": self.duty_counterfactual_usd_bn,
            "savings_usd_bn": self.savings_usd_bn,
        }


class Timeline(NamedTuple):
    as_of: dt.date | None
    regime_in_force: str | None
    duty_paid_to_date_usd_bn: float | None
    savings_to_date_usd_bn: float | None
    duty_paid_to_deadline_usd_bn: float | None
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


def _days(span: Span) -> int:
    assert span.last is not None
    return (span.last - span.first).days + 1


def periods(
    spans: list[Span], annual_duty: dict[str, float], counterfactual: str, first: dt.date, end: dt.date
) -> list[Period]:
    """The timeline rows over first ≤ d < end: duty paid, the counterfactual regime's duty
    over the same days, and the difference."""
    rows = []
    for span in spans_between(spans, first, end):
        assert span.last is not None
        days = _days(span)
        paid = annual_duty[span.regime] * days / DAYS_PER_YEAR
        held = annual_duty[counterfactual] * days / DAYS_PER_YEAR
        rows.append(Period(span.first, span.last, span.regime, days, paid, held, held - paid))
    return rows


def compute_timeline(
    regimes: tuple[Regime, ...],
    annual_duty: dict[str, float],
    counterfactual: str,
    start: dt.date,
    deadline: dt.date,
    as_of: dt.date | None,
) -> Timeline:
    """The timeline keys of DESIGN §3.3. `annual_duty` holds the yearly duty (USD bn) of `mfn`, of
    every dated regime and of `counterfactual`."""
    spans = dated_spans(regimes)
    if not spans:
        return Timeline(as_of, None, None, None, None, None)
    to_deadline = periods(spans, annual_duty, counterfactual, start, deadline)
    paid = sum(p.duty_paid_usd_bn for p in to_deadline)
    saved = sum(p.savings_usd_bn for p in to_deadline)
    if as_of is None:
        return Timeline(None, None, None, None, paid, saved)
    to_date = periods(spans, annual_duty, counterfactual, start, min(as_of, deadline))
    return Timeline(
        as_of,
        regime_on(spans, as_of),
        sum(p.duty_paid_usd_bn for p in to_date),
        sum(p.savings_usd_bn for p in to_date),
        paid,
        saved,
    )
