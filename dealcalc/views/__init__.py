"""From results to output blocks: the model's and the analyses' results, computed by
`dealcalc.commands`, laid out as records (the JSON and CSV rows) with titles, labels and notes
(the scenario read only for its input data: sources, caveats, assumed figures, labels). No Rich
here, and no model run: tests/test_layers.py lets views import the model's types and constants
only.

The package: `tables` (a table per results command and `--explain`), `compare` (the league
table), `analyses` (diff, sensitivity, simulate), `report`, `metrics` (the catalogue of metric
keys) and `notes` (what is said under every table); `--explain`'s rows are worked in
`dealcalc.workings`. The names below are what the rest of dealcalc uses."""

from dealcalc.views.analyses import TORNADO_WIDTH, diff, sensitivity, simulate
from dealcalc.views.balance import balance
from dealcalc.views.compare import (
    COMPARE_COLUMNS,
    COMPARE_EXTRA,
    COMPARE_KEYS,
    DEFAULT_METRICS,
    MARKS,
    Mark,
    compare,
    compare_columns,
    compare_record,
    compare_table,
    metric_keys,
)
from dealcalc.views.metrics import metric_catalogue
from dealcalc.views.notes import (
    ALL_INPUTS,
    COVERAGE_WARN_BELOW,
    assumption_notes,
    caveat_notes,
    coverage_notes,
    override_notes,
    scenario_notes,
    source_notes,
)
from dealcalc.views.report import (
    Section,
    chart_after_table,
    duty_chart,
    duty_chart_title,
    outflow_chart,
    outflow_chart_title,
    report,
    report_values,
)
from dealcalc.views.tables import (
    CAP_BASIS_NOTES,
    burden,
    calls,
    calls_schedule,
    explanation,
    listing,
    newest_per_country,
    outflow,
    outflow_schedule,
    returns,
    returns_schedule,
    tariff,
    tariff_lines,
    tariff_regimes,
    tariff_timeline,
)

__all__ = [
    "ALL_INPUTS",
    "CAP_BASIS_NOTES",
    "COMPARE_COLUMNS",
    "COMPARE_EXTRA",
    "COMPARE_KEYS",
    "COVERAGE_WARN_BELOW",
    "DEFAULT_METRICS",
    "MARKS",
    "TORNADO_WIDTH",
    "Mark",
    "Section",
    "assumption_notes",
    "balance",
    "burden",
    "calls",
    "calls_schedule",
    "caveat_notes",
    "chart_after_table",
    "compare",
    "compare_columns",
    "compare_record",
    "compare_table",
    "coverage_notes",
    "diff",
    "duty_chart",
    "duty_chart_title",
    "explanation",
    "listing",
    "metric_catalogue",
    "metric_keys",
    "newest_per_country",
    "outflow",
    "outflow_chart",
    "outflow_chart_title",
    "outflow_schedule",
    "override_notes",
    "report",
    "report_values",
    "returns",
    "returns_schedule",
    "scenario_notes",
    "sensitivity",
    "simulate",
    "source_notes",
    "tariff",
    "tariff_lines",
    "tariff_regimes",
    "tariff_timeline",
]
