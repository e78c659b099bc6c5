"""The metric registry: one record per metric — its key, view, label, short header, kind (unit),
formula and the input key paths the formula reads — declared once, as PolicyEngine declares a
`Variable` and Tax-Calculator a parameter. Everything else is derived from it: the catalogue of
labels (`catalogue.meta`), the inputs whose sources and assumed figures are named under a view's
table (`inputs_of_view`), the metric cache's keys (`model/metrics.py`), `dealcalc metrics`, the
formulas `--explain` prints, and the docs' metric table (`markdown_table`).

A new metric: a record here, and its formula — the field of its view's result in `model/` and its
arithmetic in `workings/<view>.py` TERMS. Tests fail until both exist, and until `inputs`
equals what the model reads (tests/test_registry.py traces it).

Plain data and no dealcalc imports: every layer may read it, at no start-up cost. Long because
it holds every record, one field a line (the formatter's layout, which keeps a diff to one field)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Metric(NamedTuple):
    key: str  # the output key (JSON, CSV, -m); `<regime>` in a key stands for every regime
    view: str  # the command (model group) whose record carries it; "outflow, tariff" for both
    label: str  # what a reader calls it (the row label of a table)
    short: str  # a column header (\n breaks it)
    kind: str  # how a value reads: a key of UNITS (usd_bn, pct, years, date, …)
    formula: str  # the formula in words, as --explain and `dealcalc metrics` give it ("" for none)
    inputs: tuple[str, ...]  # the key paths the formula reads (a path covers everything below it)

    @property
    def views(self) -> tuple[str, ...]:
        return tuple(self.view.split(", "))

    @property
    def unit(self) -> str:
        return UNITS.get(self.kind, self.kind)

    @property
    def meaning(self) -> str:
        """One line for a reader: the label, and the formula when there is one."""
        label = self.label.replace("<regime>", "a regime")
        return f"{label}: {self.formula}" if self.formula else label


# How a kind reads as a unit (`dealcalc metrics`, the docs).
UNITS = {
    "usd_bn": "USD bn",
    "usd_bn_yr": "USD bn a year",
    "usd": "USD",
    "pct": "fraction",
    "multiple": "ratio",
    "years": "years",
    "count_years": "years (whole)",
    "count": "count",
    "date": "date (ISO)",
    "list": "list of names",
    "text": "text",
    "bool": "true/false",
    "number": "number",
}

# The pledge P and the years Y: what most formulas read.
PLEDGE_SIZE = ("pledge.amount", "pledge.tranches", "pledge.start", "pledge.deadline")
P = ("pledge.amount", "pledge.tranches", "pledge.annual_cap", "pledge.start", "pledge.deadline")

REGIME = "<regime>"  # in a key: one key per regime of the scenario (and mfn)

METRICS: tuple[Metric, ...] = (
    # burden
    Metric(
        "pledge_usd_bn",
        "burden",
        "Pledge (investment)",
        "Pledge\n$bn",
        "usd_bn",
        "P = Σ investment tranches",
        ("pledge.amount", "pledge.tranches"),
    ),
    Metric(
        "purchases_usd_bn",
        "burden",
        "Purchase pledges (not investment)",
        "Purchases $bn",
        "usd_bn",
        "Σ purchases tranches",
        ("pledge.tranches",),
    ),
    Metric(
        "purchases_to_gdp",
        "burden",
        "Purchases / GDP",
        "Purch./GDP",
        "pct",
        "purchases / gdp",
        ("pledge.tranches", "economy.gdp", "economy.fx_rate"),
    ),
    Metric(
        "pledge_to_gdp",
        "burden",
        "Pledge / GDP",
        "%\nGDP",
        "pct",
        "P / gdp",
        (*PLEDGE_SIZE, "economy.gdp", "economy.fx_rate"),
    ),
    Metric(
        "pledge_to_reserves",
        "burden",
        "Pledge / FX reserves",
        "%\nreserves",
        "pct",
        "P / fx_reserves",
        (*PLEDGE_SIZE, "economy.fx_reserves"),
    ),
    Metric(
        "pledge_to_exports",
        "burden",
        "Pledge / exports to partner",
        "× exports",
        "multiple",
        "P / exports_to_partner",
        (*PLEDGE_SIZE, "trade.exports_to_partner"),
    ),
    Metric(
        "surplus_years",
        "burden",
        "Years of bilateral surplus",
        "Surplus\nyears",
        "years",
        "P / surplus_with_partner",
        (*PLEDGE_SIZE, "trade"),
    ),
    Metric(
        "pledge_to_surplus_to_deadline",
        "burden",
        "Pledge / surplus until deadline",
        "× surplus",
        "multiple",
        "P / (surplus × Y)",
        (*PLEDGE_SIZE, "trade"),
    ),
    Metric(
        "pledge_per_capita_usd",
        "burden",
        "Pledge per person",
        "$/person",
        "usd",
        "P × 1e9 / population",
        (*PLEDGE_SIZE, "economy.population"),
    ),
    Metric(
        "annual_pace_usd_bn",
        "burden",
        "Pace to meet deadline",
        "Pace\n$bn/yr",
        "usd_bn_yr",
        "P / Y",
        PLEDGE_SIZE,
    ),
    Metric(
        "annual_pace_to_gdp",
        "burden",
        "Pace / GDP",
        "Pace % GDP",
        "pct",
        "(P / Y) / gdp",
        (*PLEDGE_SIZE, "economy.gdp", "economy.fx_rate"),
    ),
    Metric(
        "annual_pace_to_reserves",
        "burden",
        "Pace / FX reserves",
        "Pace % res.",
        "pct",
        "(P / Y) / fx_reserves",
        (*PLEDGE_SIZE, "economy.fx_reserves"),
    ),
    Metric(
        "annual_pace_to_reserve_income",
        "burden",
        "Pace / reserve income",
        "× res. income",
        "multiple",
        "(P / Y) / reserve_income",
        (*PLEDGE_SIZE, "economy.reserve_income"),
    ),
    Metric(
        "cost_usd_bn",
        "burden",
        "Cost through instruments",
        "Cost $bn",
        "usd_bn",
        "P × Σ share × weight",
        (*PLEDGE_SIZE, "pledge.instruments", "pledge.cost_weights"),
    ),
    Metric(
        "cost_to_gdp",
        "burden",
        "Cost / GDP",
        "Cost % GDP",
        "pct",
        "cost / gdp",
        (*PLEDGE_SIZE, "economy.gdp", "economy.fx_rate"),
    ),
    Metric(
        "cost_weights_assumed",
        "burden",
        "Cost weights assumed (defaults)",
        "Assumed",
        "list",
        "instruments whose cost weight is a default",
        ("pledge.instruments",),
    ),
    # outflow
    Metric(
        "years_available",
        "outflow",
        "Years from start to deadline",
        "Years",
        "years",
        "Y = (deadline − start) / 365.25",
        ("pledge.start", "pledge.deadline"),
    ),
    Metric(
        "required_annual_pace_usd_bn",
        "outflow",
        "Required pace, whole pledge",
        "Pace\n$bn/yr",
        "usd_bn_yr",
        "P / Y",
        P,
    ),
    Metric(
        "annual_cap_usd_bn",
        "outflow",
        "Capped part: annual cap",
        "Cap $bn/yr",
        "usd_bn_yr",
        "Σ caps of the capped tranches",
        ("pledge.annual_cap", "pledge.tranches"),
    ),
    Metric(
        "pace_to_cap",
        "outflow",
        "Capped part: pace / cap",
        "Capped:\npace/cap",
        "multiple",
        "(Σ capped amounts / Y) / Σ caps",
        P,
    ),
    Metric(
        "years_needed_at_cap",
        "outflow",
        "Years needed at cap",
        "Years\nat cap",
        "years",
        "max over tranches of amount / cap (uncapped: Y)",
        P,
    ),
    Metric(
        "completion_date_at_cap",
        "outflow",
        "Completion at cap",
        "Done at cap",
        "date",
        "start + round(years needed × 365.25) days; with an as-of date and the projects: as-of +"
        " round(max over capped tranches of max(0, amount − its selected projects) / cap × 365.25) days",
        (*P, "as_of", "projects"),
    ),
    Metric(
        "deliverable_by_deadline_usd_bn",
        "outflow",
        "Deliverable by deadline",
        "By deadline $bn",
        "usd_bn",
        "Σ min(amount, cap × Y)",
        P,
    ),
    Metric(
        "shortfall_at_deadline_usd_bn",
        "outflow",
        "Shortfall at deadline",
        "Shortfall $bn",
        "usd_bn",
        "P − deliverable; with an as-of date and the projects, at the pace so far:"
        " max(0, P − (selected to date + pace so far × years left))",
        (*P, "as_of", "projects"),
    ),
    Metric(
        "peak_year_to_reserves",
        "outflow",
        "Peak year / FX reserves",
        "Peak % res.",
        "pct",
        "largest 12-month payment of the capped plan / fx_reserves",
        (*P, "economy.fx_reserves"),
    ),
    Metric(
        "as_of",
        "outflow, tariff",
        "As of",
        "As of",
        "date",
        "the as-of date: --as-of, else the file's as_of",
        ("as_of",),
    ),
    Metric(
        "selected_to_date_usd_bn",
        "outflow",
        "Selected by the as-of date",
        "Selected $bn",
        "usd_bn",
        "Σ projects of status selected called by the as-of date",
        ("projects",),
    ),
    Metric(
        "selected_share",
        "outflow",
        "Selected / pledge",
        "Selected %",
        "pct",
        "selected to date / P",
        (*P, "projects"),
    ),
    Metric(
        "pace_so_far_usd_bn",
        "outflow",
        "Pace so far",
        "Pace so far $bn/yr",
        "usd_bn_yr",
        "selected to date / years from start to the as-of date (none on or before start)",
        (*P, "projects"),
    ),
    Metric(
        "years_left",
        "outflow",
        "Years left to deadline",
        "Years left",
        "years",
        "(deadline − as-of date) / 365.25, 0 when past",
        ("pledge.deadline",),
    ),
    Metric(
        "required_pace_from_as_of_usd_bn",
        "outflow",
        "Pace needed for the rest",
        "Pace needed $bn/yr",
        "usd_bn_yr",
        "max(0, P − selected to date) / years left (none when no years are left)",
        (*P, "projects"),
    ),
    Metric(
        "interest_to_date_usd_bn",
        "outflow",
        "Interest (not calls)",
        "Interest $bn",
        "usd_bn",
        "Σ projects of status interest announced by the as-of date (not calls)",
        ("projects",),
    ),
    # tariff
    Metric(
        "exports_usd_bn",
        "tariff",
        "Exports in the lines",
        "Exports\n$bn",
        "usd_bn_yr",
        "Σ exports of the lines",
        ("tariffs.lines",),
    ),
    Metric(
        "annual_savings_usd_bn",
        "tariff",
        "Duty saved per year",
        "Savings\n$bn/yr",
        "usd_bn_yr",
        "duty(from) − duty(to)",
        ("tariffs",),
    ),
    Metric(
        "exports_preserved_usd_bn",
        "tariff",
        "Exports preserved per year",
        "Exports kept $bn/yr",
        "usd_bn_yr",
        "Σ X(to) − Σ X(from), X_r = X × ((1 + r) / (1 + mfn))^ε",
        ("tariffs",),
    ),
    Metric(
        "pledge_to_annual_savings",
        "tariff",
        "Pledge / annual savings",
        "Pledge/\nsavings\nyears",
        "years",
        "P / annual savings",
        (*PLEDGE_SIZE, "tariffs"),
    ),
    Metric(
        "savings_to_deadline_usd_bn",
        "tariff",
        "Savings until deadline, if the as-of pair held from start to deadline",
        "Savings to deadline $bn",
        "usd_bn",
        "annual savings × Y",
        (*PLEDGE_SIZE, "tariffs"),
    ),
    Metric(
        "extra_duty_vs_mfn_usd_bn",
        "tariff",
        "Extra duty vs MFN per year",
        "Extra vs MFN $bn/yr",
        "usd_bn_yr",
        "duty(to) − duty(mfn)",
        ("tariffs",),
    ),
    Metric(
        "tariff_coverage",
        "tariff",
        "Tariff lines / exports to partner",
        "Tariff\ncover-\nage",
        "pct",
        "Σ exports of the lines / exports to partner",
        ("tariffs.lines", "trade.exports_to_partner"),
    ),
    Metric(
        "regime_in_force",
        "tariff",
        "Regime in force on the as-of date",
        "In force",
        "text",
        "the dated regime whose period holds the as-of date (mfn outside every one)",
        ("tariffs.regimes",),
    ),
    Metric(
        "duty_paid_to_date_usd_bn",
        "tariff",
        "Duty paid, start to as-of date",
        "Paid to date $bn",
        "usd_bn",
        "Σ over days from start to the day before as-of: duty/yr of the regime in force / 365.25",
        ("tariffs", "pledge.start", "pledge.deadline", "as_of"),
    ),
    Metric(
        "duty_refundable_to_date_usd_bn",
        "tariff",
        "  of which refundable (void authority)",
        "Refundable to date $bn",
        "usd_bn",
        "Σ over paid days: each line's duty above MFN, X_r × (r − mfn), where its authority for the "
        "regime in force is void / 365.25",
        ("tariffs", "pledge.start", "pledge.deadline", "as_of"),
    ),
    Metric(
        "duty_contested_to_date_usd_bn",
        "tariff",
        "  of which contested (contested authority)",
        "Contested to date $bn",
        "usd_bn",
        "Σ over paid days: each line's duty above MFN where its authority for the regime in force is "
        "contested / 365.25",
        ("tariffs", "pledge.start", "pledge.deadline", "as_of"),
    ),
    Metric(
        "savings_to_date_usd_bn",
        "tariff",
        "Saved vs the counterfactual, start to as-of date",
        "Saved to date $bn",
        "usd_bn",
        "the same days under the counterfactual (each day's without-deal twin, or the 'from' regime held "
        "throughout) − duty paid to date",
        ("tariffs", "pledge.start", "pledge.deadline", "as_of"),
    ),
    Metric(
        "duty_projected_usd_bn",
        "tariff",
        "Duty projected, as-of date to deadline",
        "Projected $bn",
        "usd_bn",
        "Σ over days from as-of (every day without one) to the day before the deadline: duty/yr of the "
        "regime the file dates on each / 365.25",
        ("tariffs", "pledge.start", "pledge.deadline"),
    ),
    Metric(
        "savings_projected_usd_bn",
        "tariff",
        "Saving projected, as-of date to deadline",
        "Saving projected $bn",
        "usd_bn",
        "the same days under the counterfactual − duty projected",
        ("tariffs", "pledge.start", "pledge.deadline"),
    ),
    Metric(
        "duty_to_deadline_usd_bn",
        "tariff",
        "Duty, start to deadline (paid + projected)",
        "Duty to deadline $bn",
        "usd_bn",
        "Σ over days from start to the day before the deadline: duty/yr in force / 365.25 (paid to date "
        "+ projected)",
        ("tariffs", "pledge.start", "pledge.deadline"),
    ),
    Metric(
        "savings_to_deadline_timeline_usd_bn",
        "tariff",
        "Saved vs the counterfactual, start to deadline",
        "Saved to deadline $bn",
        "usd_bn",
        "the same days under the counterfactual − duty to deadline",
        ("tariffs", "pledge.start", "pledge.deadline"),
    ),
    # returns
    Metric(
        "invested_usd_bn",
        "returns",
        "Capital deployed in horizon",
        "Invested $bn",
        "usd_bn",
        "capital deployed within the horizon",
        (*P, "returns"),
    ),
    Metric(
        "pledger_receipts_usd_bn",
        "returns",
        "Pledger receipts",
        "Pledger\n$bn",
        "usd_bn",
        "Σ pledger's share of project cash, by tier",
        (*P, "pledge.profit_split", "returns"),
    ),
    Metric(
        "partner_receipts_usd_bn",
        "returns",
        "Partner receipts",
        "Partner\n$bn",
        "usd_bn",
        "Σ project cash − pledger receipts",
        (*P, "pledge.profit_split", "returns"),
    ),
    Metric(
        "pledger_multiple",
        "returns",
        "Pledger receipts / invested",
        "Multiple",
        "multiple",
        "pledger receipts / invested",
        (*P, "returns"),
    ),
    Metric(
        "pledger_npv_usd_bn",
        "returns",
        "Pledger NPV",
        "NPV $bn",
        "usd_bn",
        "Σ receipts / (1 + d)^(t+1) − Σ deployed / (1 + d)^t",
        (*P, "pledge.profit_split", "returns"),
    ),
    Metric(
        "years_to_recover",
        "returns",
        "Years to recover capital",
        "Recover yrs",
        "count_years",
        "t + 1 for the first year when cumulative receipts ≥ invested",
        (*P, "pledge.profit_split", "returns"),
    ),
    Metric(
        "project_cash_to_recover_usd_bn",
        "returns",
        "Project cash to recover",
        "Cash to recover $bn",
        "usd_bn",
        "project cash paid until recovery (the crossing year only as needed)",
        (*P, "pledge.profit_split", "returns"),
    ),
    Metric(
        "split_switch_year",
        "returns",
        "Last tier starts (year)",
        "Switch year",
        "count",
        "t + 1 for the first year in which the last tier takes cash",
        (
            "pledge.profit_split",
            "returns",
            "pledge.amount",
            "pledge.tranches",
            "pledge.annual_cap",
            "pledge.start",
            "pledge.deadline",
        ),
    ),
    # calls
    Metric(
        "total_called_usd_bn",
        "calls",
        "Total called",
        "Called $bn",
        "usd_bn",
        "Σ amounts of the projects of status selected",
        ("projects",),
    ),
    Metric(
        "uncalled_usd_bn",
        "calls",
        "Not yet called",
        "Uncalled $bn",
        "usd_bn",
        "P − total called",
        ("pledge.amount", "pledge.tranches", "projects"),
    ),
    Metric(
        "interest_usd_bn",
        "calls",
        "Interest listed (not calls)",
        "Interest $bn",
        "usd_bn",
        "Σ amounts of the projects of status interest (listed, never called)",
        ("projects",),
    ),
    Metric(
        "first_breach",
        "calls",
        "First cap breach (due date)",
        "First breach",
        "date",
        "first due date whose year sum (per cap_basis) exceeds its cap",
        ("projects", "pledge.tranches", "pledge.annual_cap", "pledge.funding_window", "pledge.cap_basis"),
    ),
    Metric(
        "cap_basis",
        "calls",
        "Cap counted per",
        "Cap basis",
        "text",
        "pledge.cap_basis: calendar_year (default) or trailing_year",
        ("pledge.cap_basis",),
    ),
    Metric(
        "calls_after_deadline",
        "calls",
        "Calls due after deadline",
        "After deadline",
        "count",
        "calls due after the deadline",
        ("projects", "pledge.deadline", "pledge.funding_window"),
    ),
    Metric(
        "snapback_exposure_usd_bn",
        "calls",
        "Duty at stake if tariffs snap back",
        "Snapback $bn/yr",
        "usd_bn_yr",
        "duty(from) − duty(to) per year, the as-of pair "
        "(without-deal twin → in force; else threatened → agreed)",
        ("tariffs", "as_of"),
    ),
    # balance
    Metric(
        "horizon_years",
        "balance",
        "Horizon (years from start)",
        "Horizon yrs",
        "count_years",
        "H = balance.horizon_years, else returns.horizon_years",
        ("returns", "balance"),
    ),
    Metric(
        "tariff_saved_pv_usd_bn",
        "balance",
        "Tariff saved vs without the deal (PV)",
        "Tariff saved PV $bn",
        "usd_bn",
        "Σ days d of (twin duty − duty in force) / 365.25 × (1 + rate)^(−(d − start) / 365.25)",
        ("tariffs", "pledge.start", "returns", "balance"),
    ),
    Metric(
        "exporter_share",
        "balance",
        "Share of the tariff exporters bear",
        "Exporter share",
        "pct",
        "incidence.exporter_share",
        ("incidence",),
    ),
    Metric(
        "pledger_tariff_gain_pv_usd_bn",
        "balance",
        "Pledger: exporters' tariff gain (PV)",
        "Pledger tariff PV $bn",
        "usd_bn",
        "tariff saved × exporter share",
        ("tariffs", "pledge.start", "incidence", "returns", "balance"),
    ),
    Metric(
        "capital_pv_usd_bn",
        "balance",
        "Pledger: capital deployed (PV)",
        "Capital PV $bn",
        "usd_bn",
        "Σ deployed in year t / (1 + d)^t",
        (*P, "returns", "balance"),
    ),
    Metric(
        "pledger_receipts_pv_usd_bn",
        "balance",
        "Pledger: waterfall receipts (PV)",
        "Pledger receipts PV $bn",
        "usd_bn",
        "Σ pledger's waterfall share in year t / (1 + d)^(t+1)",
        (*P, "pledge.profit_split", "returns", "balance"),
    ),
    Metric(
        "us_receipts_pv_usd_bn",
        "balance",
        "US: waterfall receipts (PV)",
        "US receipts PV $bn",
        "usd_bn",
        "Σ partner's waterfall share in year t / (1 + d)^(t+1)",
        (*P, "pledge.profit_split", "returns", "balance"),
    ),
    Metric(
        "pledger_net_pv_usd_bn",
        "balance",
        "Pledger: net (PV, no residual value of the assets)",
        "Pledger net PV $bn",
        "usd_bn",
        "pledger tariff gain + pledger receipts − capital (no residual value)",
        (*P, "pledge.profit_split", "tariffs", "incidence", "returns", "balance"),
    ),
    Metric(
        "us_duty_forgone_pv_usd_bn",
        "balance",
        "US: customs duty forgone (PV)",
        "US duty forgone PV $bn",
        "usd_bn",
        "= tariff saved (customs revenue not collected)",
        ("tariffs", "pledge.start", "returns", "balance"),
    ),
    Metric(
        "us_buyers_gain_pv_usd_bn",
        "balance",
        "US: buyers' tariff gain (PV)",
        "US buyers PV $bn",
        "usd_bn",
        "tariff saved × (1 − exporter share)",
        ("tariffs", "pledge.start", "incidence", "returns", "balance"),
    ),
    Metric(
        "us_net_pv_usd_bn",
        "balance",
        "US: net (PV, no residual value of the assets)",
        "US net PV $bn",
        "usd_bn",
        "US receipts + US buyers' gain − US duty forgone (no residual value)",
        (*P, "pledge.profit_split", "tariffs", "incidence", "returns", "balance"),
    ),
    Metric(
        "investment_received_pv_usd_bn",
        "balance",
        "Investment received by the US (PV; not in either net)",
        "Investment PV $bn",
        "usd_bn",
        "= capital deployed, PV (shown apart: in neither net)",
        (*P, "returns", "balance"),
    ),
    Metric(
        "pledger_break_even_year",
        "balance",
        "Pledger breaks even (year)",
        "Break-even yr",
        "count",
        "t + 1 for the first year by whose end the pledger's cumulative PV net ≥ 0",
        (*P, "pledge.profit_split", "tariffs", "incidence", "returns", "balance"),
    ),
    Metric(
        "duty_<regime>_usd_bn",
        "tariff",
        "Duty under <regime>",
        "Duty <regime> $bn",
        "usd_bn_yr",
        "Σ X_<regime> × rate(<regime>)",
        ("tariffs",),
    ),
    Metric(
        "effective_rate_<regime>",
        "tariff",
        "Effective rate, <regime>",
        "Rate <regime>",
        "pct",
        "duty(<regime>) / Σ X_<regime>",
        ("tariffs",),
    ),
    # compare only
    Metric("binding", "compare", "Binding pledge", "Bind-\ning", "bool", "", ("pledge.binding",)),
)

BY_KEY: dict[str, Metric] = {m.key: m for m in METRICS}
# The views (commands) whose records carry metrics, in registry order.
VIEWS: tuple[str, ...] = tuple(dict.fromkeys(v for m in METRICS for v in m.views))
_PATTERNS = [(m.key.split(REGIME), m) for m in METRICS if REGIME in m.key]


def pattern_of(key: str) -> tuple[Metric, str] | None:
    """A regime's key (`duty_agreed_usd_bn`): its pattern's record and the regime (`agreed`)."""
    for (head, tail), m in _PATTERNS:
        if key.startswith(head) and key.endswith(tail) and len(key) > len(head) + len(tail):
            return m, key[len(head) : len(key) - len(tail)]
    return None


def metric(key: str) -> Metric | None:
    """The record of a metric key; a regime's key gets its pattern's record with the regime put
    in. None for a key that is not a metric."""
    found = BY_KEY.get(key)
    if found is not None:
        return found
    pattern = pattern_of(key)
    if pattern is None:
        return None
    m, regime = pattern
    return m._replace(
        key=key,
        label=m.label.replace(REGIME, regime),
        short=m.short.replace(REGIME, regime),
        formula=m.formula.replace(REGIME, regime),
    )


def keys_of_view(view: str) -> list[str]:
    """The registry's keys of a view (model group), patterns left out, in registry order."""
    return [m.key for m in METRICS if view in m.views and REGIME not in m.key]


def inputs_of(keys: Iterable[str]) -> tuple[str, ...]:
    """The key paths the formulas of these metrics read, each once, in order."""
    found = (metric(k) for k in keys)
    return tuple(dict.fromkeys(p for m in found if m is not None for p in m.inputs))


def formula_inputs(keys: Iterable[str]) -> tuple[str, ...]:
    """What the formulas of these metrics read, each path once, in order (a metric without a
    formula reads none): whose assumed figures a row of chosen metrics names."""
    found = (metric(k) for k in keys)
    return tuple(dict.fromkeys(p for m in found if m is not None and m.formula for p in m.inputs))


def inputs_of_view(view: str) -> tuple[str, ...]:
    """What a view's formulas read, together: whose sources and assumed figures its table names."""
    return inputs_of(m.key for m in METRICS if view in m.views)


DOCS_PAGE = "docs/metrics.md"


def docs_page() -> str:
    """The whole of docs/metrics.md (regenerate: `python -m dealcalc.registry`)."""
    return (
        "# Metrics\n\n"
        "<!-- Generated from dealcalc/registry.py by `python -m dealcalc.registry`; do not edit. -->\n\n"
        "Money in USD bn, ratios as fractions (JSON/CSV). `P` is the investment pledge (purchases\n"
        "tranches excluded), `Y = (deadline − start).days / 365.25`. A ratio whose denominator is\n"
        "missing, zero or negative (a deficit, no savings) is null. `<regime>` stands for each regime\n"
        "of the scenario and `mfn`. *Reads* are the scenario's key paths each formula reads: their\n"
        "sources are named under the view's table, and `--explain` lists them per metric.\n\n"
        + markdown_table()
    )


def markdown_table() -> str:
    """The docs' metric table (docs/metrics.md): one row per metric, from the records."""
    rows = ["| key | view | unit | meaning | reads |", "|---|---|---|---|---|"]
    for m in METRICS:
        reads = ", ".join(f"`{p}`" for p in m.inputs)
        meaning = m.meaning.replace("|", "\\|").replace("<", "\\<")
        rows.append(f"| `{m.key}` | {m.view} | {m.unit} | {meaning} | {reads} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    from pathlib import Path

    Path(DOCS_PAGE).write_text(docs_page(), encoding="utf-8")
