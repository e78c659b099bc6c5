"""`--explain`: for each metric, its formula, the numbers put in (with units), the same
arithmetic with every digit (`arithmetic`, which `views.arithmetic.evaluate` computes) and the
sources of those inputs, so that a published figure can be checked by hand — and is checked, by
a test that evaluates every metric's arithmetic on every shipped scenario.

To explain a new metric, add an entry to FORMULAS: the formula in words, a function that builds
its arithmetic from the scenario (`c.s`) and the row's values (`c.v`) with `num`, `total`,
`smallest`, `largest` and + − × / ** (or, for a date, a choice or a list, returns plain text),
and the input paths whose sources it cites. The explanation test then checks it on every
shipped scenario; a metric without an entry fails it."""

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from dealcalc.keypath import within
from dealcalc.model.inputs import DEFAULT_COST_WEIGHTS, Scenario
from dealcalc.render import format_value
from dealcalc.render.catalogue import meta
from dealcalc.views.arithmetic import POWER, PRODUCT, X, largest, num, shown, smallest, total


class Ctx(NamedTuple):
    s: Scenario
    v: dict[str, Any]  # the results being explained

    @property
    def p(self) -> X:
        return num(self.s.pledge.amount, "usd_bn")

    @property
    def y(self) -> X:
        return years(self.s.pledge.start, self.s.pledge.deadline)

    def bn(self, key: str, after: str = "") -> X:
        """Another metric, in USD bn: of the row (its own row explains it), or computed when the
        row lacks it (a compare row has only the columns asked for)."""
        if key in self.v:
            return num(self.v[key], "usd_bn", after=after)
        from dealcalc.model.metrics import compute_metrics

        return num(compute_metrics(self.s, [key])[key], "usd_bn", after=after)


def years(a: Any, b: Any, long: bool = False) -> X:
    """(b − a) in years of 365.25 days, as the model counts them; `long` shows the dates."""
    if a is None or b is None:
        return X("no date given", None)
    days = (b - a).days
    text = f"(({b} − {a}) = {days:,} days / 365.25)" if long else f"{days / 365.25:.3f} yr"
    return X(text, f"({days}/365.25)")


def pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:,.2f}%"


def _tranches(c: Ctx, kind: str) -> X:
    return total(
        (num(t.amount, "usd_bn", label=t.name) for t in c.s.pledge.tranches if t.kind == kind), empty="none"
    )


def _cost(c: Ctx) -> X | str:
    weights = {**DEFAULT_COST_WEIGHTS, **c.s.pledge.cost_weights}
    terms = [
        num(share, "pct", label=name)
        * num(weights[name], "pct", after="" if name in c.s.pledge.cost_weights else "(assumed)")
        for name, share in (c.s.pledge.instruments or {}).items()
    ]
    return c.p * total(terms).wrap(POWER) if terms else "no instruments given"


def _deemed(c: Ctx) -> float:
    tiers = c.s.pledge.profit_split or ()
    return tiers[0].deemed_interest if tiers and tiers[0].until_recovered else 0.0


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


def _bn(x: float) -> str:
    return f"{x:,.2f} USD bn"


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


def _line_flow(c: Ctx, regime: str) -> list[tuple[X, X, str]]:
    """Each line's exports under a regime (X × ((1 + r) / (1 + mfn))^ε), its rate, and its name."""
    from dealcalc.model.tariff import rate_under

    assert c.s.tariffs is not None
    eps = c.s.tariffs.elasticity
    out = []
    for line in c.s.tariffs.lines:
        r = rate_under(line, regime)
        exports = num(line.exports, "usd_bn")
        if eps:
            exports = exports * ((1 + num(r, "pct")) / (1 + num(line.mfn, "pct"))) ** num(eps)
        out.append((exports, num(r, "pct"), line.name))
    return out


def _duty(regime: str) -> Callable[[Ctx], X]:
    def arithmetic(c: Ctx) -> X:
        return total(
            shown(flow * rate, f"{name} {(flow * rate).text}") for flow, rate, name in _line_flow(c, regime)
        )

    return arithmetic


def _rate(regime: str) -> Callable[[Ctx], X]:
    return lambda c: c.bn(f"duty_{regime}_usd_bn") / total(flow for flow, _, _ in _line_flow(c, regime))


def _duty_of(c: Ctx, side: str) -> X:
    """The duty under the regime compared from or to (default: threatened → agreed), or mfn."""
    regime = c.v.get(side, {"from": "threatened", "to": "agreed"}.get(side, side))
    return c.bn(f"duty_{regime}_usd_bn")


def _preserved(c: Ctx) -> X:
    if c.s.tariffs is None or not c.s.tariffs.elasticity:
        return shown(num(0.0), "ε = 0: static, nothing preserved")
    flows = {side: total(f for f, _, _ in _line_flow(c, c.v[side])) for side in ("from", "to")}
    return flows["to"] - flows["from"]


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


def _called(c: Ctx, status: str, none: str) -> X:
    return total((num(p.amount, "usd_bn") for p in c.s.projects if p.status == status), empty=none)


def _after_deadline(c: Ctx) -> X:
    from dealcalc.model.calls import compute_call_schedule

    late = [r for r in compute_call_schedule(c.s) if r.due is not None and r.due > c.s.pledge.deadline]
    text = f"deadline {c.s.pledge.deadline}, window {c.s.pledge.funding_window or 'none'}: "
    return shown(
        total(num(1) for _ in late), text + (", ".join(f"{r.project} due {r.due}" for r in late) or "none")
    )


def _snapback(c: Ctx) -> X | str:
    from dealcalc.model.tariff import compute_tariff

    if c.s.tariffs is None or not c.s.tariffs.lines:
        return "no tariff lines"
    duty = compute_tariff(c.s).duty_usd_bn
    return num(duty["threatened"], "usd_bn") - num(duty["agreed"], "usd_bn")


def _timeline_terms(c: Ctx, to_date: bool, saved: bool) -> X | str:
    """The periods summed by a timeline key: duty per year × days / 365.25 for each."""
    from dealcalc.model.tariff import annual_duty
    from dealcalc.model.timeline import MFN, dated_spans, periods

    if c.s.tariffs is None or c.v.get("duty_paid_to_deadline_usd_bn") is None:
        return "no dated regimes"
    end = c.s.pledge.deadline
    if to_date:
        if c.v.get("as_of") is None:
            return "no as-of date"
        end = min(end, c.v["as_of"])
    spans = dated_spans(c.s.tariffs.regimes)
    held = str(c.v.get("from"))
    duty = annual_duty(c.s.tariffs, (MFN, *(sp.regime for sp in spans), held))
    rows = periods(spans, duty, held, c.s.pledge.start, end)
    if not rows:
        return f"no days from {c.s.pledge.start} to {end}"

    def over(regime: str, days: int) -> X:
        return num(duty[regime], "usd_bn") * num(days) / num(365.25)

    paid = " + ".join(f"{p.regime} {_bn(duty[p.regime])}/yr × {p.days} d" for p in rows)
    if not saved:
        return shown(total(over(p.regime, p.days) for p in rows), f"({paid}) / 365.25")
    days = sum(p.days for p in rows)
    return shown(
        total((over(held, p.days) - over(p.regime, p.days)).wrap(PRODUCT) for p in rows),
        f"{held} {_bn(duty[held])}/yr × {days} d / 365.25 − ({paid}) / 365.25",
    )


E = Callable[[Ctx], X | str]
P = ("pledge.amount", "pledge.tranches", "pledge.annual_cap", "pledge.start", "pledge.deadline")
FORMULAS: dict[str, tuple[str, E, tuple[str, ...]]] = {
    "pledge_usd_bn": (
        "P = Σ investment tranches",
        lambda c: _tranches(c, "investment"),
        ("pledge.amount", "pledge.tranches"),
    ),
    "purchases_usd_bn": ("Σ purchases tranches", lambda c: _tranches(c, "purchases"), ("pledge.tranches",)),
    "purchases_to_gdp": (
        "purchases / gdp",
        lambda c: _tranches(c, "purchases") / num(c.s.economy.gdp, "usd_bn"),
        ("pledge.tranches", "economy.gdp", "economy.fx_rate"),
    ),
    "pledge_to_gdp": (
        "P / gdp",
        lambda c: c.p / num(c.s.economy.gdp, "usd_bn"),
        (*P, "economy.gdp", "economy.fx_rate"),
    ),
    "pledge_to_reserves": (
        "P / fx_reserves",
        lambda c: c.p / num(c.s.economy.fx_reserves, "usd_bn"),
        (*P, "economy.fx_reserves"),
    ),
    "pledge_to_exports": (
        "P / exports_to_partner",
        lambda c: c.p / num(c.s.trade.exports_to_partner, "usd_bn"),
        (*P, "trade.exports_to_partner"),
    ),
    "surplus_years": (
        "P / surplus_with_partner",
        lambda c: c.p / num(c.s.trade.surplus, "usd_bn", after="a year"),
        (*P, "trade"),
    ),
    "pledge_to_surplus_to_deadline": (
        "P / (surplus × Y)",
        lambda c: c.p / (num(c.s.trade.surplus, "usd_bn") * c.y),
        (*P, "trade"),
    ),
    "pledge_per_capita_usd": (
        "P × 1e9 / population",
        lambda c: (
            c.p * num(1e9, text="1e9") / num(c.s.economy.population, "count")
            if c.s.economy.population
            else "no population given"
        ),
        (*P, "economy.population"),
    ),
    "annual_pace_usd_bn": ("P / Y", lambda c: c.p / c.y, (*P,)),
    "annual_pace_to_gdp": (
        "(P / Y) / gdp",
        lambda c: (c.p / c.y).wrap(POWER) / num(c.s.economy.gdp, "usd_bn"),
        (*P, "economy.gdp", "economy.fx_rate"),
    ),
    "annual_pace_to_reserves": (
        "(P / Y) / fx_reserves",
        lambda c: (c.p / c.y).wrap(POWER) / num(c.s.economy.fx_reserves, "usd_bn"),
        (*P, "economy.fx_reserves"),
    ),
    "annual_pace_to_reserve_income": (
        "(P / Y) / reserve_income",
        lambda c: (c.p / c.y).wrap(POWER) / num(c.s.economy.reserve_income, "usd_bn", after="a year"),
        (*P, "economy.reserve_income"),
    ),
    "cost_usd_bn": ("P × Σ share × weight", _cost, (*P, "pledge.instruments", "pledge.cost_weights")),
    "cost_to_gdp": (
        "cost / gdp",
        lambda c: c.bn("cost_usd_bn") / num(c.s.economy.gdp, "usd_bn"),
        (*P, "economy.gdp", "economy.fx_rate"),
    ),
    "cost_weights_assumed": (
        "instruments whose cost weight is a default",
        lambda c: f"defaults: {', '.join(f'{k} {pct(w)}' for k, w in DEFAULT_COST_WEIGHTS.items())}",
        ("pledge.instruments",),
    ),
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
    "as_of": (
        "the as-of date: --as-of, else the file's as_of",
        lambda c: (
            "no date given"
            if c.v.get("as_of") is None
            else ("the file's as_of" if c.v["as_of"] == c.s.as_of else "--as-of")
        ),
        ("as_of",),
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
    "tariff_coverage": (
        "Σ exports of the lines / exports to partner",
        lambda c: c.bn("exports_usd_bn") / num(c.s.trade.exports_to_partner, "usd_bn"),
        ("tariffs.lines", "trade.exports_to_partner"),
    ),
    "regime_in_force": (
        "the dated regime whose period holds the as-of date (mfn outside every one)",
        lambda c: f"as of {c.v.get('as_of') or '—'}",
        ("tariffs.regimes",),
    ),
    "duty_paid_to_date_usd_bn": (
        "Σ over days from start to the day before as-of: duty/yr of the regime in force / 365.25",
        lambda c: _timeline_terms(c, to_date=True, saved=False),
        ("tariffs", "pledge.start"),
    ),
    "savings_to_date_usd_bn": (
        "the same days under the 'from' regime − duty paid to date",
        lambda c: _timeline_terms(c, to_date=True, saved=True),
        ("tariffs", "pledge.start"),
    ),
    "duty_paid_to_deadline_usd_bn": (
        "Σ over days from start to the day before the deadline: duty/yr in force / 365.25",
        lambda c: _timeline_terms(c, to_date=False, saved=False),
        ("tariffs", "pledge.start", "pledge.deadline"),
    ),
    "savings_to_deadline_timeline_usd_bn": (
        "the same days under the 'from' regime − duty paid to deadline",
        lambda c: _timeline_terms(c, to_date=False, saved=True),
        ("tariffs", "pledge.start", "pledge.deadline"),
    ),
    "exports_usd_bn": (
        "Σ exports of the lines",
        lambda c: total(
            num(ln.exports, "usd_bn", label=ln.name) for ln in (c.s.tariffs.lines if c.s.tariffs else ())
        ),
        ("tariffs.lines",),
    ),
    "annual_savings_usd_bn": (
        "duty(from) − duty(to)",
        lambda c: _duty_of(c, "from") - _duty_of(c, "to"),
        ("tariffs",),
    ),
    "exports_preserved_usd_bn": (
        "Σ X(to) − Σ X(from), X_r = X × ((1 + r) / (1 + mfn))^ε",
        _preserved,
        ("tariffs",),
    ),
    "pledge_to_annual_savings": (
        "P / annual savings",
        lambda c: c.p / c.bn("annual_savings_usd_bn", after="a year"),
        (*P, "tariffs"),
    ),
    "savings_to_deadline_usd_bn": (
        "annual savings × Y",
        lambda c: c.bn("annual_savings_usd_bn") * c.y,
        (*P, "tariffs"),
    ),
    "extra_duty_vs_mfn_usd_bn": (
        "duty(to) − duty(mfn)",
        lambda c: _duty_of(c, "to") - _duty_of(c, "mfn"),
        ("tariffs",),
    ),
    "invested_usd_bn": (
        "capital deployed within the horizon",
        lambda c: total(
            (num(r.deployed_usd_bn, "usd_bn") for r in _waterfall(c) if r.deployed_usd_bn), empty="none"
        ),
        (*P, "returns"),
    ),
    "pledger_receipts_usd_bn": (
        "Σ pledger's share of project cash, by tier",
        _receipts,
        ("pledge.profit_split", "returns"),
    ),
    "partner_receipts_usd_bn": (
        "Σ project cash − pledger receipts",
        lambda c: (
            shown(
                total(num(r.project_cash_usd_bn, "usd_bn") for r in _waterfall(c)),
                f"Σ of {len(_waterfall(c))} years' project cash",
            )
            - c.bn("pledger_receipts_usd_bn")
        ),
        ("pledge.profit_split", "returns"),
    ),
    "pledger_multiple": (
        "pledger receipts / invested",
        lambda c: c.bn("pledger_receipts_usd_bn") / c.bn("invested_usd_bn"),
        (*P, "returns"),
    ),
    "pledger_npv_usd_bn": ("Σ receipts / (1 + d)^(t+1) − Σ deployed / (1 + d)^t", _npv, ("returns",)),
    "years_to_recover": (
        "t + 1 for the first year when cumulative receipts ≥ invested",
        _years_to_recover,
        ("pledge.profit_split", "returns"),
    ),
    "split_switch_year": (
        "t + 1 for the first year in which the last tier takes cash",
        _switch,
        ("pledge.profit_split", "returns", *P),
    ),
    "project_cash_to_recover_usd_bn": (
        "project cash paid until recovery (the crossing year only as needed)",
        _cash_to_recover,
        ("pledge.profit_split", "returns"),
    ),
    "total_called_usd_bn": (
        "Σ amounts of the projects of status selected",
        lambda c: _called(c, "selected", "none selected"),
        ("projects",),
    ),
    "interest_usd_bn": (
        "Σ amounts of the projects of status interest (listed, never called)",
        lambda c: _called(c, "interest", "none listed"),
        ("projects",),
    ),
    "cap_basis": (
        "pledge.cap_basis: calendar_year (default) or trailing_year",
        lambda c: f"the file's {c.s.pledge.cap_basis}",
        ("pledge.cap_basis",),
    ),
    "uncalled_usd_bn": (
        "P − total called",
        lambda c: c.p - c.bn("total_called_usd_bn"),
        (*P, "projects"),
    ),
    "first_breach": (
        "first due date whose year sum (per cap_basis) exceeds its cap",
        lambda c: f"cap basis {c.s.pledge.cap_basis}; see --schedule",
        ("projects", *P, "pledge.funding_window", "pledge.annual_cap"),
    ),
    "calls_after_deadline": (
        "calls due after the deadline",
        _after_deadline,
        ("projects", *P, "pledge.funding_window", "pledge.annual_cap"),
    ),
    "snapback_exposure_usd_bn": ("duty(threatened) − duty(agreed) per year", _snapback, ("tariffs",)),
}
NOT_METRICS = ("from", "to", "scenario", "file")  # keys of a row that are not figures


def formula_of(key: str) -> tuple[str, E, tuple[str, ...]] | None:
    """A metric's formula, arithmetic and inputs (duty and effective rate: one per regime)."""
    if key in FORMULAS:
        return FORMULAS[key]
    if key.startswith("duty_") and key.endswith("_usd_bn"):
        regime = key[5:-7]
        return f"Σ X_{regime} × rate({regime})", _duty(regime), ("tariffs",)
    if key.startswith("effective_rate_"):
        regime = key[15:]
        return f"duty({regime}) / Σ X_{regime}", _rate(regime), ("tariffs",)
    return None


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def inputs_of(key: str) -> tuple[str, ...]:
    """The key paths a metric's formula reads (what --explain lists its sources for)."""
    found = formula_of(key)
    return found[2] if found is not None else ()


def assumed_inputs(s: Scenario, keys: Iterable[str]) -> list[str]:
    """The inputs of these metrics that rest on an assumption: figures marked `assumption: true`
    (unless overridden) and the default cost weights of the instruments the file names."""
    paths = tuple(dict.fromkeys(p for k in keys for p in inputs_of(k)))
    out = [
        path
        for path, prov in s.provenance.items()
        if prov.assumption and not s.overridden(path) and any(within(path, p) for p in paths)
    ]
    if "pledge.cost_weights" in paths and s.pledge.instruments:
        out += [f"pledge.cost_weights.{n}" for n in s.pledge.instruments if n not in s.pledge.cost_weights]
    return out


def explain(s: Scenario, values: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per metric in `values`: its value, formula, the numbers put in (for a reader, and
    exactly, as `arithmetic`: None where the value is not a number), and sources."""
    c = Ctx(s, values)
    rows = []
    for key, value in values.items():
        found = None if key in NOT_METRICS else formula_of(key)
        if found is None:
            continue
        formula, numbers, inputs = found
        worked = numbers(c)
        text = worked.text if isinstance(worked, X) else worked
        exact = worked.exact if isinstance(worked, X) and is_number(value) else None
        rows.append(
            {
                "scenario": s.title,
                "file": s.file,
                "metric": key,
                "value": value,
                "formula": formula,
                "computation": f"{text} = {format_value(meta(key).kind, value)}",
                "arithmetic": exact,
                # a --set value is credited to --set, never to the file's citation; an assumed
                # input is named as such
                "sources": [
                    *s.sources_for(inputs),
                    *(f"--set {o.path}" for o in s.overrides_for(inputs)),
                    *(f"assumed {path}" for path in assumed_inputs(s, [key])),
                ],
            }
        )
    return rows
