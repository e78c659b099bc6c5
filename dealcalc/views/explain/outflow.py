"""How the outflow metrics and the progress to a date are computed (DESIGN §3.2)."""

from typing import Any

from dealcalc.views.arithmetic import POWER, PRODUCT, X, largest, num, shown, smallest, total
from dealcalc.views.explain.common import Ctx, E, P, _bn, years


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


FORMULAS: dict[str, tuple[str, E, tuple[str, ...]]] = {
    "years_available": (
        "Y = (deadline − start) / 365.25",
        lambda c: shown(c.y, years(c.s.pledge.start, c.s.pledge.deadline, long=True).text[1:-1]),
        ("pledge.start", "pledge.deadline"),
    ),
    "required_annual_pace_usd_bn": ("P / Y", lambda c: c.p / c.y, (*P,)),
    "annual_cap_usd_bn": (
        "Σ caps of the capped tranches",
        lambda c: total((num(t.annual_cap, "usd_bn") for t in _capped(c)), empty="no cap"),
        ("pledge.annual_cap", "pledge.tranches"),
    ),
    "pace_to_cap": (
        "(Σ capped amounts / Y) / Σ caps",
        lambda c: (
            (total(num(t.amount, "usd_bn") for t in _capped(c)).wrap(PRODUCT) / c.y).wrap(POWER)
            / c.bn("annual_cap_usd_bn")
        ),
        (*P,),
    ),
    "years_needed_at_cap": ("max over tranches of amount / cap (uncapped: Y)", _years_at_cap, (*P,)),
    "completion_date_at_cap": (
        "start + round(years needed × 365.25) days",
        lambda c: (
            f"{c.s.pledge.start} + {c.v['years_needed_at_cap']:.3f} yr × 365.25"
            if c.v.get("years_needed_at_cap") is not None
            else "no tranche is capped"
        ),
        (*P,),
    ),
    "deliverable_by_deadline_usd_bn": ("Σ min(amount, cap × Y)", _deliverable, (*P,)),
    "shortfall_at_deadline_usd_bn": ("P − deliverable", lambda c: c.p - _deliverable(c).wrap(PRODUCT), (*P,)),
    "peak_year_to_reserves": (
        "largest 12-month payment of the capped plan / fx_reserves",
        lambda c: _peak(c) / num(c.s.economy.fx_reserves, "usd_bn"),
        (*P, "economy.fx_reserves"),
    ),
    "selected_to_date_usd_bn": (
        "Σ projects of status selected called by the as-of date",
        lambda c: _projects_by(c, "selected"),
        ("projects",),
    ),
    "selected_share": ("selected to date / P", lambda c: _selected(c).wrap(PRODUCT) / c.p, (*P, "projects")),
    "pace_so_far_usd_bn": (
        "selected to date / years from start to the as-of date (none on or before start)",
        lambda c: _selected(c).wrap(PRODUCT) / years(c.s.pledge.start, c.v.get("as_of"), long=True),
        (*P, "projects"),
    ),
    "years_left": (
        "(deadline − as-of date) / 365.25, 0 when past",
        lambda c: largest([num(0.0, text="0"), years(c.v.get("as_of"), c.s.pledge.deadline, long=True)]),
        ("pledge.deadline",),
    ),
    "required_pace_from_as_of_usd_bn": (
        "max(0, P − selected to date) / years left (none when no years are left)",
        lambda c: (
            largest([num(0.0, text="0"), c.p - _selected(c).wrap(PRODUCT)])
            / years(c.v.get("as_of"), c.s.pledge.deadline, long=True)
        ),
        (*P, "projects"),
    ),
    "interest_to_date_usd_bn": (
        "Σ projects of status interest announced by the as-of date (not calls)",
        lambda c: _projects_by(c, "interest"),
        ("projects",),
    ),
}
