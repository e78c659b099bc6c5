"""What each output key means to a reader: its label, a short column header, and its kind
(which decides how a table shows it). JSON and CSV show the raw values. A metric's entry comes
from its record in the registry (`dealcalc/registry.py`); the other keys (the rows of schedules,
lines and analyses, and the identifying columns) are listed here."""

from __future__ import annotations

from typing import NamedTuple

from dealcalc.registry import BY_KEY, metric


class Meta(NamedTuple):
    label: str
    short: str
    kind: str  # usd_bn | usd_bn_yr | usd | pct | multiple | years | date | count | text | list | bool


def _m(label: str, short: str, kind: str) -> Meta:
    return Meta(label, short, kind)


CATALOGUE: dict[str, Meta] = {
    # outflow
    "capped_pace_usd_bn": _m("Capped part: required pace", "Capped pace $bn/yr", "usd_bn_yr"),
    "period_start": _m("Period start", "From", "date"),
    "period_end": _m("Period end", "To", "date"),
    "required_usd_bn": _m("Required", "Required\n$bn", "usd_bn"),
    "capped_usd_bn": _m("Capped tranches at their caps", "Capped\ntranches $bn", "usd_bn"),
    "cumulative_capped_usd_bn": _m("Cumulative, capped tranches", "Cum.\ncapped $bn", "usd_bn"),
    "capped_to_reserves": _m("Capped / FX reserves", "%\nreserves", "pct"),
    # tariff
    "from": _m("Compared from regime", "From", "text"),
    "to": _m("Compared to regime", "To", "text"),
    "from_label": _m("Compared from (label)", "From (label)", "text"),
    "to_label": _m("Compared to (label)", "To (label)", "text"),
    "counterfactual": _m("Timeline measured against", "Against", "text"),
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
    "line": _m("Line", "Line", "text"),
    "regime": _m("Regime", "Regime", "text"),
    "regime_label": _m("Regime (label)", "Regime", "text"),
    "duty_usd_bn": _m("Duty", "Duty\n$bn/yr", "usd_bn_yr"),
    "effective_rate": _m("Effective rate", "Effective\nrate", "pct"),
    # returns
    "year": _m("Year", "Year", "count"),
    "deployed_usd_bn": _m("Deployed", "Deployed\n$bn", "usd_bn"),
    "project_cash_usd_bn": _m("Project cash", "Cash\n$bn", "usd_bn"),
    "pledger_usd_bn": _m("Pledger", "Pledger\n$bn", "usd_bn"),
    "partner_usd_bn": _m("Partner", "Partner\n$bn", "usd_bn"),
    "cumulative_pledger_usd_bn": _m("Cumulative pledger", "Cum.\npledger $bn", "usd_bn"),
    "tier": _m("Tier", "Tier", "text"),
    # the rows of balance's ledger table (one column per side)
    "ledger_tariff": _m("Tariff saved: the share each side keeps", "", "usd_bn"),
    "ledger_duty": _m("Customs duty forgone", "", "usd_bn"),
    "ledger_capital": _m("Capital deployed", "", "usd_bn"),
    "ledger_receipts": _m("Profit waterfall receipts", "", "usd_bn"),
    "ledger_net": _m("Net (no residual value of the assets)", "", "usd_bn"),
    "ledger_investment": _m("Investment received (apart: not in the net)", "", "usd_bn"),
    "ledger_break_even": _m("Breaks even (year from start)", "", "count"),
    # calls
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
    "newest": _m("Newest file of its country", "Newest", "bool"),
    "unit": _m("Unit", "Unit", "text"),
    "view": _m("View", "View", "text"),
    "meaning": _m("Meaning", "Meaning", "text"),
    "marks": _m("Marks (explained below the table)", "", "text"),
    "country": _m("Country", "Country", "text"),
}


def meta(key: str) -> Meta:
    """Catalogue entry: a metric's from the registry; another key's from the list above (before a
    regime's pattern: `duty_period_usd_bn` is a timeline column, not the duty under a regime
    `period`); a regime's key (duty_<r>_usd_bn, effective_rate_<r>, rate_<r>) from its pattern."""
    m = BY_KEY.get(key) or (None if key in CATALOGUE else metric(key))
    if m is not None:
        return Meta(m.label, m.short, m.kind)
    if key in CATALOGUE:
        return CATALOGUE[key]
    if key.startswith("rate_"):
        return Meta(f"Rate, {key[5:]}", f"Rate {key[5:]}", "pct")
    return Meta(key, key, "number")
