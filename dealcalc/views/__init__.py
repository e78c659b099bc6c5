"""From scenarios to output blocks: run the model and lay its results out as records (the JSON
and CSV rows) with titles and source footnotes. No Rich here, no arithmetic beyond the model's.

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
    compare_row,
    compare_table,
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
from dealcalc.views.report import duty_chart, outflow_chart, report
from dealcalc.views.tables import (
    CAP_BASIS_NOTES,
    burden,
    calls,
    explanation,
    listing,
    newest_per_country,
    outflow,
    returns,
    tariff,
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
    "assumption_notes",
    "balance",
    "burden",
    "calls",
    "caveat_notes",
    "compare",
    "compare_columns",
    "compare_row",
    "compare_table",
    "coverage_notes",
    "diff",
    "duty_chart",
    "explanation",
    "listing",
    "metric_catalogue",
    "newest_per_country",
    "outflow",
    "outflow_chart",
    "override_notes",
    "report",
    "returns",
    "scenario_notes",
    "sensitivity",
    "simulate",
    "source_notes",
    "tariff",
    "tariff_timeline",
]
