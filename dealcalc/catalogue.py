"""What each output key means to a reader: its label, a short column header, and its kind
(which decides how a table shows it). JSON and CSV show the raw values."""

from __future__ import annotations

from typing import NamedTuple


class Meta(NamedTuple):
    label: str
    short: str
    kind: str  # usd_bn | usd_bn_yr | usd | pct | multiple | years | date | count | text | list | bool


def _m(label: str, short: str, kind: str) -> Meta:
    return Meta(label, short, kind)


CATALOGUE: dict[str, Meta] = {
    # burden
    "pledge_usd_bn": _m("Pledge (investment)", "Pledge\n$bn", "usd_bn"),
    "purchases_usd_bn": _m("Purchase pledges (not investment)", "Purchases $bn", "usd_bn"),
    "purchases_to_gdp": _m("Purchases / GDP", "Purch./GDP", "pct"),
    "pledge_to_gdp": _m("Pledge / GDP", "%\nGDP", "pct"),
    "pledge_to_reserves": _m("Pledge / FX reserves", "%\nreserves", "pct"),
    "pledge_to_exports": _m("Pledge / exports to partner", "× exports", "multiple"),
    "surplus_years": _m("Years of bilateral surplus", "Surplus\nyears", "years"),
    "pledge_to_surplus_to_deadline": _m("Pledge / surplus until deadline", "× surplus", "multiple"),
    "pledge_per_capita_usd": _m("Pledge per person", "$/person", "usd"),
    "annual_pace_usd_bn": _m("Pace to meet deadline", "Pace\n$bn/yr", "usd_bn_yr"),
    "annual_pace_to_gdp": _m("Pace / GDP", "Pace % GDP", "pct"),
    "annual_pace_to_reserves": _m("Pace / FX reserves", "Pace % res.", "pct"),
    "annual_pace_to_reserve_income": _m("Pace / reserve income", "× res. income", "multiple"),
    "cost_usd_bn": _m("Cost through instruments", "Cost $bn", "usd_bn"),
    "cost_to_gdp": _m("Cost / GDP", "Cost % GDP", "pct"),
    "cost_weights_assumed": _m("Cost weights assumed (defaults)", "Assumed", "list"),
    # outflow
    "years_available": _m("Years from start to deadline", "Years", "years"),
    "required_annual_pace_usd_bn": _m("Required pace, whole pledge", "Pace\n$bn/yr", "usd_bn_yr"),
    "capped_pace_usd_bn": _m("Capped part: required pace", "Capped pace $bn/yr", "usd_bn_yr"),
    "annual_cap_usd_bn": _m("Capped part: annual cap", "Cap $bn/yr", "usd_bn_yr"),
    "pace_to_cap": _m("Capped part: pace / cap", "Capped:\npace/cap", "multiple"),
    "years_needed_at_cap": _m("Years needed at cap", "Years\nat cap", "years"),
    "completion_date_at_cap": _m("Completion at cap", "Done at cap", "date"),
    "deliverable_by_deadline_usd_bn": _m("Deliverable by deadline", "By deadline $bn", "usd_bn"),
    "shortfall_at_deadline_usd_bn": _m("Shortfall at deadline", "Shortfall $bn", "usd_bn"),
    "peak_year_to_reserves": _m("Peak year / FX reserves", "Peak % res.", "pct"),
    "selected_to_date_usd_bn": _m("Selected by the as-of date", "Selected $bn", "usd_bn"),
    "selected_share": _m("Selected / pledge", "Selected %", "pct"),
    "pace_so_far_usd_bn": _m("Pace so far", "Pace so far $bn/yr", "usd_bn_yr"),
    "years_left": _m("Years left to deadline", "Years left", "years"),
    "required_pace_from_as_of_usd_bn": _m("Pace needed for the rest", "Pace needed $bn/yr", "usd_bn_yr"),
    "interest_to_date_usd_bn": _m("Interest (not calls)", "Interest $bn", "usd_bn"),
    "period_start": _m("Period start", "From", "date"),
    "period_end": _m("Period end", "To", "date"),
    "required_usd_bn": _m("Required", "Required\n$bn", "usd_bn"),
    "capped_usd_bn": _m("Capped", "Capped\n$bn", "usd_bn"),
    "cumulative_capped_usd_bn": _m("Cumulative capped", "Cum.\ncapped $bn", "usd_bn"),
    "capped_to_reserves": _m("Capped / FX reserves", "%\nreserves", "pct"),
    # tariff
    "exports_usd_bn": _m("Exports in the lines", "Exports\n$bn", "usd_bn_yr"),
    "from": _m("Compared from regime", "From", "text"),
    "to": _m("Compared to regime", "To", "text"),
    "from_label": _m("Compared from (label)", "From (label)", "text"),
    "to_label": _m("Compared to (label)", "To (label)", "text"),
    "counterfactual": _m("Timeline measured against", "Against", "text"),
    "annual_savings_usd_bn": _m("Duty saved per year", "Savings\n$bn/yr", "usd_bn_yr"),
    "exports_preserved_usd_bn": _m("Exports preserved per year", "Exports kept $bn/yr", "usd_bn_yr"),
    "pledge_to_annual_savings": _m("Pledge / annual savings", "Pledge/\nsavings\nyears", "years"),
    "savings_to_deadline_usd_bn": _m(
        "Savings until deadline, if the as-of pair held from start to deadline",
        "Savings to deadline $bn",
        "usd_bn",
    ),
    "tariff_coverage": _m("Tariff lines / exports to partner", "Tariff\ncover-\nage", "pct"),
    "regime_in_force": _m("Regime in force on the as-of date", "In force", "text"),
    "duty_paid_to_date_usd_bn": _m("Duty paid, start to as-of date", "Paid to date $bn", "usd_bn"),
    "duty_refundable_to_date_usd_bn": _m(
        "  of which refundable (levied under a void authority)", "Refundable to date $bn", "usd_bn"
    ),
    "duty_contested_to_date_usd_bn": _m(
        "  of which contested (levied under a contested authority)", "Contested to date $bn", "usd_bn"
    ),
    "savings_to_date_usd_bn": _m(
        "Saved vs the counterfactual, start to as-of date", "Saved to date $bn", "usd_bn"
    ),
    "duty_projected_usd_bn": _m("Duty projected, as-of date to deadline", "Projected $bn", "usd_bn"),
    "savings_projected_usd_bn": _m(
        "Saving projected, as-of date to deadline", "Saving projected $bn", "usd_bn"
    ),
    "duty_to_deadline_usd_bn": _m(
        "Duty, start to deadline (paid + projected)", "Duty to deadline $bn", "usd_bn"
    ),
    "savings_to_deadline_timeline_usd_bn": _m(
        "Saved vs the counterfactual, start to deadline", "Saved to deadline $bn", "usd_bn"
    ),
    "until": _m("Until (last day)", "Until", "date"),
    "status": _m("Paid or projected", "Status", "text"),
    "days": _m("Days", "Days", "number"),
    "duty_period_usd_bn": _m("Duty in the period", "Duty\n$bn", "usd_bn"),
    "duty_counterfactual_usd_bn": _m(
        "Duty under the counterfactual (without the deal, or the 'from' regime)",
        "Counter-\nfactual $bn",
        "usd_bn",
    ),
    "savings_usd_bn": _m("Saved", "Saved\n$bn", "usd_bn"),
    "duty_refundable_usd_bn": _m("Duty refundable (void authority)", "Refund-\nable $bn", "usd_bn"),
    "duty_contested_usd_bn": _m("Duty contested (contested authority)", "Con-\ntested $bn", "usd_bn"),
    "extra_duty_vs_mfn_usd_bn": _m("Extra duty vs MFN per year", "Extra vs MFN $bn/yr", "usd_bn_yr"),
    "line": _m("Line", "Line", "text"),
    "regime": _m("Regime", "Regime", "text"),
    "duty_usd_bn": _m("Duty", "Duty\n$bn/yr", "usd_bn_yr"),
    "effective_rate": _m("Effective rate", "Effective\nrate", "pct"),
    # returns
    "invested_usd_bn": _m("Capital deployed in horizon", "Invested $bn", "usd_bn"),
    "pledger_receipts_usd_bn": _m("Pledger receipts", "Pledger\n$bn", "usd_bn"),
    "partner_receipts_usd_bn": _m("Partner receipts", "Partner\n$bn", "usd_bn"),
    "pledger_multiple": _m("Pledger receipts / invested", "Multiple", "multiple"),
    "pledger_npv_usd_bn": _m("Pledger NPV", "NPV $bn", "usd_bn"),
    "years_to_recover": _m("Years to recover capital", "Recover yrs", "count_years"),
    "project_cash_to_recover_usd_bn": _m("Project cash to recover", "Cash to recover $bn", "usd_bn"),
    "split_switch_year": _m("Last tier starts (year)", "Switch year", "count"),
    "year": _m("Year", "Year", "count"),
    "deployed_usd_bn": _m("Deployed", "Deployed\n$bn", "usd_bn"),
    "project_cash_usd_bn": _m("Project cash", "Cash\n$bn", "usd_bn"),
    "pledger_usd_bn": _m("Pledger", "Pledger\n$bn", "usd_bn"),
    "partner_usd_bn": _m("Partner", "Partner\n$bn", "usd_bn"),
    "cumulative_pledger_usd_bn": _m("Cumulative pledger", "Cum.\npledger $bn", "usd_bn"),
    "tier": _m("Tier", "Tier", "text"),
    # calls
    "total_called_usd_bn": _m("Total called", "Called $bn", "usd_bn"),
    "uncalled_usd_bn": _m("Not yet called", "Uncalled $bn", "usd_bn"),
    "interest_usd_bn": _m("Interest listed (not calls)", "Interest $bn", "usd_bn"),
    "first_breach": _m("First cap breach (due date)", "First breach", "date"),
    "cap_basis": _m("Cap counted per", "Cap basis", "text"),
    "calls_after_deadline": _m("Calls due after deadline", "After deadline", "count"),
    "snapback_exposure_usd_bn": _m("Duty at stake if tariffs snap back", "Snapback $bn/yr", "usd_bn_yr"),
    "project": _m("Project", "Project", "text"),
    "tranche": _m("Tranche", "Tranche", "text"),
    "called": _m("Called", "Called", "date"),
    "due": _m("Due", "Due", "date"),
    "amount_usd_bn": _m("Amount", "Amount\n$bn", "usd_bn"),
    "cumulative_usd_bn": _m("Cumulative", "Cum.\n$bn", "usd_bn"),
    "year_sum_usd_bn": _m("Sum in the cap's year", "Year\nsum $bn", "usd_bn"),
    "within_cap": _m("Within\ncap", "Within\ncap", "bool"),
    # diff, sensitivity, simulate
    "section": _m("Section", "Section", "text"),
    "key": _m("Key", "Key", "text"),
    "a": _m("A", "A", "number"),
    "b": _m("B", "B", "number"),
    "change": _m("Change", "Change", "number"),
    "input": _m("Input", "Input", "text"),
    "explanation": _m("Formula, with the numbers put in", "Formula, with the numbers put in", "text"),
    "sources": _m("Sources", "Sources", "text"),
    "value": _m("Value", "Value", "number"),
    "value_low": _m("Value, low", "Value low", "number"),
    "value_high": _m("Value, high", "Value high", "number"),
    "metric": _m("Metric", "Metric", "text"),
    "metric_base": _m("Metric as given", "Metric", "number"),
    "metric_low": _m("Metric, input low", "Metric at\ninput low", "number"),
    "metric_high": _m("Metric, input high", "Metric at\ninput high", "number"),
    "swing": _m("Swing", "Swing", "number"),
    "bar": _m("Swing, drawn", "", "text"),
    "runs": _m("Runs", "Runs", "count"),
    "missing": _m("Runs without a value", "Missing", "count"),
    "mean": _m("Mean", "Mean", "number"),
    "p5": _m("P5", "P5", "number"),
    "p50": _m("P50", "P50", "number"),
    "p95": _m("P95", "P95", "number"),
    # trade (the shipped 2024 trade table)
    "partner": _m("Partner", "Partner", "text"),
    "chapter": _m("HS chapter", "HS\nchapter", "text"),
    "bucket": _m("Bucket", "Bucket", "text"),
    "imports_usd_bn": _m("Imports for consumption, 2024", "Imports\n$bn", "usd_bn"),
    "mfn_duty_usd_bn": _m("MFN duty collected, 2024", "MFN duty\n$bn", "usd_bn"),
    "mfn_rate": _m("MFN duty / imports", "MFN\nrate", "pct"),
    "import_share": _m("Share of the partner's imports", "Share", "pct"),
    # list / compare
    "scenario": _m("Scenario", "Scenario", "text"),
    "file": _m("File", "File", "text"),
    "name": _m("Name", "Name", "text"),
    "title": _m("Title", "Title", "text"),
    "as_of": _m("As of", "As of", "date"),
    "unit": _m("Unit", "Unit", "text"),
    "view": _m("View", "View", "text"),
    "meaning": _m("Meaning", "Meaning", "text"),
    "binding": _m("Binding pledge", "Bind-\ning", "bool"),
    "marks": _m("Marks (explained below the table)", "", "text"),
    "country": _m("Country", "Country", "text"),
}


def meta(key: str) -> Meta:
    """Catalogue entry; regime-named keys (duty_<r>_usd_bn, effective_rate_<r>, rate_<r>) are
    derived from their pattern."""
    if key in CATALOGUE:
        return CATALOGUE[key]
    if key.startswith("duty_") and key.endswith("_usd_bn"):
        regime = key[5:-7]
        return Meta(f"Duty under {regime}", f"Duty {regime} $bn", "usd_bn_yr")
    if key.startswith("effective_rate_"):
        regime = key[15:]
        return Meta(f"Effective rate, {regime}", f"Rate {regime}", "pct")
    if key.startswith("rate_"):
        return Meta(f"Rate, {key[5:]}", f"Rate {key[5:]}", "pct")
    return Meta(key, key, "number")
