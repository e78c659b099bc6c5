"""Calendar helpers shared by the model."""

from __future__ import annotations

import datetime as dt

DAYS_PER_YEAR = 365.25


def years_between(a: dt.date, b: dt.date) -> float:
    """(b − a) in years of 365.25 days."""
    return (b - a).days / DAYS_PER_YEAR


def anniversary(start: dt.date, years: int) -> dt.date:
    """`start` plus whole years; an anniversary of 29 February falls on 28 February."""
    try:
        return start.replace(year=start.year + years)
    except ValueError:
        return start.replace(year=start.year + years, day=28)


def add_business_days(day: dt.date, n: int) -> dt.date:
    """`day` plus n Monday–Friday days (no holiday calendar)."""
    whole_weeks, rest = divmod(n, 5)
    day += dt.timedelta(weeks=whole_weeks)
    while rest:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            rest -= 1
    return day
