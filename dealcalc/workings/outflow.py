"""How the outflow metrics and the progress to a date are computed (DESIGN §3.2)."""

from typing import Any

from dealcalc.workings.arithmetic import POWER, PRODUCT, X, largest, num, shown, smallest, total
from dealcalc.workings.common import Ctx, E, _bn, years


def _capped(c: Ctx) -> list[Any]:
    return [t for t in c.s.pledge.investment if t.annual_cap is not None]


def _years_at_cap(c: Ctx) -> X | str:
    if not _capped(c):
        return "no tranche is capped"
    return largest(
        num(t.amount, "usd_bn", label=t.name) / num(t.annual_cap, "usd_bn")
        if t.annual_cap is not None
        else shown(c.y, f"{t.name} uncapped: Y = {c.y.text}")
        for t in c.s.pledge.investment
    )


def _deliverable(c: Ctx) -> X:
    return total(
        smallest(num(t.amount, "usd_bn", label=t.name), num(t.annual_cap, "usd_bn") * c.y)
        if t.annual_cap is not None
        else num(t.amount, "usd_bn", label=t.name)
        for t in c.s.pledge.investment
    )


def _peak(c: Ctx) -> X:
    from dealcalc.model.outflow import deployment_plan

    plan = deployment_plan(c.s)
    peak = largest(num(x, "usd_bn") for x in plan) if plan else num(0.0, "usd_bn")
    return shown(peak, f"{peak.text if len(plan) < 4 else _bn(max(plan))} (of {len(plan)} periods)")


def _projects_by(c: Ctx, status: str) -> X | str:
    """The amounts of the projects of a status called (announced) by the as-of date."""
    day = c.v.get("as_of")
    if day is None:
        return "no date given"
    if not c.s.projects:
        return "the file lists no projects"
    amounts = [num(p.amount, "usd_bn") for p in c.s.projects if p.status == status and p.called <= day]
    return total(amounts, empty=f"no {status} project by {day}")


def _selected(c: Ctx) -> X:
    found = _projects_by(c, "selected")
    return found if isinstance(found, X) else X(found, None)


def _progress(c: Ctx) -> Any:
    """The progress to the row's as-of date (None fields without a date or the projects)."""
    from dealcalc.model.outflow import compute_progress

    return compute_progress(c.s, c.v.get("as_of"))


def _at_pace(c: Ctx) -> bool:
    """Whether the row's shortfall and completion count from the as-of date (DESIGN §4.1)."""
    got = _progress(c)
    return got.selected_to_date_usd_bn is not None and got.pace_so_far_usd_bn is not None


def _years_left(c: Ctx) -> X:
    return largest([num(0.0, text="0"), years(c.v.get("as_of") or c.s.as_of, c.s.pledge.deadline, long=True)])


def _shortfall(c: Ctx) -> X:
    if not _at_pace(c):
        return c.p - _deliverable(c).wrap(PRODUCT)
    day = _progress(c).as_of
    selected = _selected(c).wrap(PRODUCT)
    pace = selected / years(c.s.pledge.start, day, long=True)
    return largest([num(0.0, text="0"), c.p - (selected + pace.wrap(PRODUCT) * _years_left(c))])


def _completion(c: Ctx) -> str:
    if c.v.get("years_needed_at_cap") is None:
        return "no tranche is capped"
    if not _at_pace(c):
        return f"{c.s.pledge.start} + {c.v['years_needed_at_cap']:.3f} yr × 365.25"
    from dealcalc.model.outflow import selected_in_tranche, years_left_at_cap

    day = _progress(c).as_of
    left = years_left_at_cap(c.s, day)
    parts = [
        f"{t.name}: max(0, {t.amount:,.2f} − {done:,.2f} selected) / {t.annual_cap:,.2f}"
        for t in _capped(c)
        for done in [selected_in_tranche(c.s, t, day)]
    ]
    return f"{day} + {left:.3f} yr × 365.25, years = max of " + "; ".join(parts)


# The arithmetic of each metric of the view (its formula and inputs are in dealcalc/registry.py).
TERMS: dict[str, E] = {
    "years_available": lambda c: shown(
        c.y, years(c.s.pledge.start, c.s.pledge.deadline, long=True).text[1:-1]
    ),
    "required_annual_pace_usd_bn": lambda c: c.p / c.y,
    "annual_cap_usd_bn": lambda c: total((num(t.annual_cap, "usd_bn") for t in _capped(c)), empty="no cap"),
    "pace_to_cap": lambda c: (
        (total(num(t.amount, "usd_bn") for t in _capped(c)).wrap(PRODUCT) / c.y).wrap(POWER)
        / c.bn("annual_cap_usd_bn")
    ),
    "years_needed_at_cap": _years_at_cap,
    "completion_date_at_cap": _completion,
    "deliverable_by_deadline_usd_bn": _deliverable,
    "shortfall_at_deadline_usd_bn": _shortfall,
    "peak_year_to_reserves": lambda c: _peak(c) / num(c.s.economy.fx_reserves, "usd_bn"),
    "selected_to_date_usd_bn": lambda c: _projects_by(c, "selected"),
    "selected_share": lambda c: _selected(c).wrap(PRODUCT) / c.p,
    "pace_so_far_usd_bn": lambda c: (
        _selected(c).wrap(PRODUCT) / years(c.s.pledge.start, c.v.get("as_of"), long=True)
    ),
    "years_left": lambda c: largest(
        [num(0.0, text="0"), years(c.v.get("as_of"), c.s.pledge.deadline, long=True)]
    ),
    "required_pace_from_as_of_usd_bn": lambda c: (
        largest([num(0.0, text="0"), c.p - _selected(c).wrap(PRODUCT)])
        / years(c.v.get("as_of"), c.s.pledge.deadline, long=True)
    ),
    "interest_to_date_usd_bn": lambda c: _projects_by(c, "interest"),
}
