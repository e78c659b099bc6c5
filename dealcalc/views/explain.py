"""`--explain`: for each metric, its formula, the numbers put in (with units) and the sources of
those inputs, so that a published figure can be checked by hand."""

from collections.abc import Callable
from typing import Any, NamedTuple

from dealcalc.model.dates import years_between
from dealcalc.model.inputs import DEFAULT_COST_WEIGHTS, Scenario
from dealcalc.render import format_value
from dealcalc.render.catalogue import meta


class Ctx(NamedTuple):
    s: Scenario
    v: dict[str, Any]  # the results being explained

    @property
    def p(self) -> str:
        return bn(self.s.pledge.amount)

    @property
    def y(self) -> str:
        return f"{years_between(self.s.pledge.start, self.s.pledge.deadline):.3f} yr"


def bn(x: float | None) -> str:
    return "—" if x is None else f"{x:,.2f} USD bn"


def pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:,.2f}%"


def _tranches(c: Ctx, kind: str) -> str:
    parts = [f"{t.name} {bn(t.amount)}" for t in c.s.pledge.tranches if t.kind == kind]
    return " + ".join(parts) or "none"


def _cost(c: Ctx) -> str:
    weights = {**DEFAULT_COST_WEIGHTS, **c.s.pledge.cost_weights}
    terms = [
        f"{name} {pct(share)} × {pct(weights[name])}{'' if name in c.s.pledge.cost_weights else ' (assumed)'}"
        for name, share in (c.s.pledge.instruments or {}).items()
    ]
    return f"{c.p} × ({' + '.join(terms)})" if terms else "no instruments given"


def _deemed(c: Ctx) -> float:
    tiers = c.s.pledge.profit_split or ()
    return tiers[0].deemed_interest if tiers and tiers[0].until_recovered else 0.0


def _per_tranche(c: Ctx, each: Callable[[Any], str]) -> str:
    return "; ".join(f"{t.name}: {each(t)}" for t in c.s.pledge.investment)


def _years_at_cap(c: Ctx) -> str:
    if c.v.get("years_needed_at_cap") is None:
        return "no tranche is capped"
    return "max of " + _per_tranche(
        c, lambda t: f"{bn(t.amount)} / {bn(t.annual_cap)}" if t.annual_cap else f"uncapped, Y = {c.y}"
    )


def _deliverable(c: Ctx) -> str:
    return " + ".join(
        f"min({bn(t.amount)}, {bn(t.annual_cap)} × {c.y})" if t.annual_cap else bn(t.amount)
        for t in c.s.pledge.investment
    )


def _projects_by(c: Ctx, status: str) -> str:
    """The amounts of the projects of a status called (announced) by the as-of date."""
    day = c.v.get("as_of")
    if day is None:
        return "no date given"
    if not c.s.projects:
        return "the file lists no projects"
    amounts = [bn(p.amount) for p in c.s.projects if p.status == status and p.called <= day]
    return " + ".join(amounts) or f"no {status} project by {day}"


def _years_to(c: Ctx, a: Any, b: Any) -> str:
    """(b − a) in days over 365.25, or why there is no such span."""
    if a is None or b is None:
        return "no date given"
    return f"(({b} − {a}) = {(b - a).days:,} days / 365.25)"


def _rate(regime: str) -> Callable[[Ctx], str]:
    return lambda c: f"{bn(c.v.get(f'duty_{regime}_usd_bn'))} / exports under {regime}"


def _duty_of(c: Ctx, side: str) -> str:
    """The duty under the regime compared from or to."""
    return bn(c.v.get(f"duty_{c.v.get(side)}_usd_bn"))


def _duty(regime: str) -> Callable[[Ctx], str]:
    def text(c: Ctx) -> str:
        from dealcalc.model.tariff import rate_under

        assert c.s.tariffs is not None
        eps = c.s.tariffs.elasticity
        terms = []
        for line in c.s.tariffs.lines:
            r = rate_under(line, regime)
            flow = (
                bn(line.exports)
                if not eps
                else f"{bn(line.exports)} × ((1 + {pct(r)}) / (1 + {pct(line.mfn)}))^{eps:g}"
            )
            terms.append(f"{line.name} {flow} × {pct(r)}")
        return " + ".join(terms)

    return text


def _timeline_terms(c: Ctx, to_date: bool, saved: bool) -> str:
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
    paid = " + ".join(f"{p.regime} {bn(duty[p.regime])}/yr × {p.days} d" for p in rows)
    if not saved:
        return f"({paid}) / 365.25"
    days = sum(p.days for p in rows)
    return f"{held} {bn(duty[held])}/yr × {days} d / 365.25 − ({paid}) / 365.25"


E = Callable[[Ctx], str]
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
        lambda c: f"{bn(c.v.get('purchases_usd_bn'))} / {bn(c.s.economy.gdp)}",
        ("pledge.tranches", "economy.gdp", "economy.fx_rate"),
    ),
    "pledge_to_gdp": (
        "P / gdp",
        lambda c: f"{c.p} / {bn(c.s.economy.gdp)}",
        (*P, "economy.gdp", "economy.fx_rate"),
    ),
    "pledge_to_reserves": (
        "P / fx_reserves",
        lambda c: f"{c.p} / {bn(c.s.economy.fx_reserves)}",
        (*P, "economy.fx_reserves"),
    ),
    "pledge_to_exports": (
        "P / exports_to_partner",
        lambda c: f"{c.p} / {bn(c.s.trade.exports_to_partner)}",
        (*P, "trade.exports_to_partner"),
    ),
    "surplus_years": (
        "P / surplus_with_partner",
        lambda c: f"{c.p} / {bn(c.s.trade.surplus)} a year",
        (*P, "trade"),
    ),
    "pledge_to_surplus_to_deadline": (
        "P / (surplus × Y)",
        lambda c: f"{c.p} / ({bn(c.s.trade.surplus)} × {c.y})",
        (*P, "trade"),
    ),
    "pledge_per_capita_usd": (
        "P × 1e9 / population",
        lambda c: (
            f"{c.p} × 1e9 / {c.s.economy.population:,.0f}"
            if c.s.economy.population
            else "no population given"
        ),
        (*P, "economy.population"),
    ),
    "annual_pace_usd_bn": ("P / Y", lambda c: f"{c.p} / {c.y}", (*P,)),
    "annual_pace_to_gdp": (
        "(P / Y) / gdp",
        lambda c: f"({c.p} / {c.y}) / {bn(c.s.economy.gdp)}",
        (*P, "economy.gdp", "economy.fx_rate"),
    ),
    "annual_pace_to_reserves": (
        "(P / Y) / fx_reserves",
        lambda c: f"({c.p} / {c.y}) / {bn(c.s.economy.fx_reserves)}",
        (*P, "economy.fx_reserves"),
    ),
    "annual_pace_to_reserve_income": (
        "(P / Y) / reserve_income",
        lambda c: f"({c.p} / {c.y}) / {bn(c.s.economy.reserve_income)} a year",
        (*P, "economy.reserve_income"),
    ),
    "cost_usd_bn": ("P × Σ share × weight", _cost, (*P, "pledge.instruments", "pledge.cost_weights")),
    "cost_to_gdp": (
        "cost / gdp",
        lambda c: f"{bn(c.v.get('cost_usd_bn'))} / {bn(c.s.economy.gdp)}",
        (*P, "economy.gdp", "economy.fx_rate"),
    ),
    "cost_weights_assumed": (
        "instruments whose cost weight is a default",
        lambda c: f"defaults: {', '.join(f'{k} {pct(w)}' for k, w in DEFAULT_COST_WEIGHTS.items())}",
        ("pledge.instruments",),
    ),
    "years_available": (
        "Y = (deadline − start) / 365.25",
        lambda c: (
            f"({c.s.pledge.deadline} − {c.s.pledge.start}) = "
            f"{(c.s.pledge.deadline - c.s.pledge.start).days:,} days / 365.25"
        ),
        ("pledge.start", "pledge.deadline"),
    ),
    "required_annual_pace_usd_bn": ("P / Y", lambda c: f"{c.p} / {c.y}", (*P,)),
    "annual_cap_usd_bn": (
        "Σ caps of the capped tranches",
        lambda c: " + ".join(bn(t.annual_cap) for t in c.s.pledge.investment if t.annual_cap) or "no cap",
        ("pledge.annual_cap", "pledge.tranches"),
    ),
    "pace_to_cap": (
        "(Σ capped amounts / Y) / Σ caps",
        lambda c: (
            f"({bn(sum(t.amount for t in c.s.pledge.investment if t.annual_cap))} / {c.y}) / "
            f"{bn(c.v.get('annual_cap_usd_bn'))}"
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
    "shortfall_at_deadline_usd_bn": (
        "P − deliverable",
        lambda c: f"{c.p} − {bn(c.v.get('deliverable_by_deadline_usd_bn'))}",
        (*P,),
    ),
    "peak_year_to_reserves": (
        "largest 12-month payment of the capped plan / fx_reserves",
        lambda c: f"see --schedule; / {bn(c.s.economy.fx_reserves)}",
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
    "selected_share": (
        "selected to date / P",
        lambda c: f"{bn(c.v.get('selected_to_date_usd_bn'))} / {c.p}",
        (*P, "projects"),
    ),
    "pace_so_far_usd_bn": (
        "selected to date / years from start to the as-of date (none on or before start)",
        lambda c: (
            f"{bn(c.v.get('selected_to_date_usd_bn'))} / {_years_to(c, c.s.pledge.start, c.v.get('as_of'))}"
        ),
        (*P, "projects"),
    ),
    "years_left": (
        "(deadline − as-of date) / 365.25, 0 when past",
        lambda c: _years_to(c, c.v.get("as_of"), c.s.pledge.deadline),
        ("pledge.deadline",),
    ),
    "required_pace_from_as_of_usd_bn": (
        "max(0, P − selected to date) / years left (none when no years are left)",
        lambda c: (
            f"max(0, {c.p} − {bn(c.v.get('selected_to_date_usd_bn'))}) / "
            f"{_years_to(c, c.v.get('as_of'), c.s.pledge.deadline)}"
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
        lambda c: f"{bn(c.v.get('exports_usd_bn'))} / {bn(c.s.trade.exports_to_partner)}",
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
        lambda c: " + ".join(
            f"{ln.name} {bn(ln.exports)}" for ln in (c.s.tariffs.lines if c.s.tariffs else ())
        ),
        ("tariffs.lines",),
    ),
    "annual_savings_usd_bn": (
        "duty(from) − duty(to)",
        lambda c: f"{_duty_of(c, 'from')} − {_duty_of(c, 'to')}",
        ("tariffs",),
    ),
    "exports_preserved_usd_bn": (
        "Σ X(to) − Σ X(from), X_r = X × ((1 + r) / (1 + mfn))^ε",
        lambda c: f"ε = {c.s.tariffs.elasticity if c.s.tariffs else 0:g} (0: static, nothing preserved)",
        ("tariffs",),
    ),
    "pledge_to_annual_savings": (
        "P / annual savings",
        lambda c: f"{c.p} / {bn(c.v.get('annual_savings_usd_bn'))} a year",
        (*P, "tariffs"),
    ),
    "savings_to_deadline_usd_bn": (
        "annual savings × Y",
        lambda c: f"{bn(c.v.get('annual_savings_usd_bn'))} × {c.y}",
        (*P, "tariffs"),
    ),
    "extra_duty_vs_mfn_usd_bn": (
        "duty(to) − duty(mfn)",
        lambda c: f"{_duty_of(c, 'to')} − {bn(c.v.get('duty_mfn_usd_bn'))}",
        ("tariffs",),
    ),
    "invested_usd_bn": (
        "capital deployed within the horizon",
        lambda c: "Σ deployed (see --schedule)",
        (*P, "returns"),
    ),
    "pledger_receipts_usd_bn": (
        "Σ pledger's share of project cash, by tier",
        lambda c: "see --schedule",
        ("pledge.profit_split", "returns"),
    ),
    "partner_receipts_usd_bn": (
        "Σ project cash − pledger receipts",
        lambda c: "see --schedule",
        ("pledge.profit_split", "returns"),
    ),
    "pledger_multiple": (
        "pledger receipts / invested",
        lambda c: f"{bn(c.v.get('pledger_receipts_usd_bn'))} / {bn(c.v.get('invested_usd_bn'))}",
        (*P, "returns"),
    ),
    "pledger_npv_usd_bn": (
        "Σ receipts / (1 + d)^(t+1) − Σ deployed / (1 + d)^t",
        lambda c: f"d = {pct(c.s.returns.discount_rate if c.s.returns else None)}",
        ("returns",),
    ),
    "years_to_recover": (
        "t + 1 for the first year when cumulative receipts ≥ invested",
        lambda c: "see --schedule",
        ("pledge.profit_split", "returns"),
    ),
    "split_switch_year": (
        "t + 1 for the first year in which the last tier takes cash",
        lambda c: (
            "a single tier"
            if len(c.s.pledge.profit_split or ()) < 2
            else f"the first tier runs until its balance (capital deployed, growing at a deemed interest "
            f"of {pct(_deemed(c))} a year, less the pledger's receipts) is repaid: a higher deemed "
            "interest keeps it longer; see --schedule"
        ),
        ("pledge.profit_split", "returns", *P),
    ),
    "project_cash_to_recover_usd_bn": (
        "project cash paid until recovery (the crossing year only as needed)",
        lambda c: "see --schedule",
        ("pledge.profit_split", "returns"),
    ),
    "total_called_usd_bn": (
        "Σ amounts of the projects of status selected",
        lambda c: " + ".join(bn(p.amount) for p in c.s.projects if p.status == "selected") or "none selected",
        ("projects",),
    ),
    "interest_usd_bn": (
        "Σ amounts of the projects of status interest (listed, never called)",
        lambda c: " + ".join(bn(p.amount) for p in c.s.projects if p.status == "interest") or "none listed",
        ("projects",),
    ),
    "cap_basis": (
        "pledge.cap_basis: calendar_year (default) or trailing_year",
        lambda c: f"the file's {c.s.pledge.cap_basis}",
        ("pledge.cap_basis",),
    ),
    "uncalled_usd_bn": (
        "P − total called",
        lambda c: f"{c.p} − {bn(c.v.get('total_called_usd_bn'))}",
        (*P, "projects"),
    ),
    "first_breach": (
        "first due date whose year sum (per cap_basis) exceeds its cap",
        lambda c: f"cap basis {c.s.pledge.cap_basis}; see --schedule",
        ("projects", *P, "pledge.funding_window", "pledge.annual_cap"),
    ),
    "calls_after_deadline": (
        "calls due after the deadline",
        lambda c: f"deadline {c.s.pledge.deadline}, window {c.s.pledge.funding_window or 'none'}",
        ("projects", *P, "pledge.funding_window", "pledge.annual_cap"),
    ),
    "snapback_exposure_usd_bn": (
        "duty(threatened) − duty(agreed) per year",
        lambda c: "as annual_savings_usd_bn of `tariff`",
        ("tariffs",),
    ),
}


def explain(s: Scenario, values: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per metric in `values`: its value, formula, the numbers put in, and sources."""
    c = Ctx(s, values)
    rows = []
    for key, value in values.items():
        if key in ("from", "to", "scenario", "file"):
            continue
        inputs: tuple[str, ...]
        if key in FORMULAS:
            formula, numbers, inputs = FORMULAS[key]
        elif key.startswith("duty_"):
            regime = key[5:-7]
            formula, numbers, inputs = f"Σ X_{regime} × rate({regime})", _duty(regime), ("tariffs",)
        elif key.startswith("effective_rate_"):
            regime = key[15:]
            formula, numbers, inputs = f"duty({regime}) / Σ X_{regime}", _rate(regime), ("tariffs",)
        else:
            continue
        rows.append(
            {
                "scenario": s.title,
                "file": s.file,
                "metric": key,
                "value": value,
                "formula": formula,
                "computation": f"{numbers(c)} = {format_value(meta(key).kind, value)}",
                # a --set value is credited to --set, never to the file's citation
                "sources": [*s.sources_for(inputs), *(f"--set {o.path}" for o in s.overrides_for(inputs))],
            }
        )
    return rows
