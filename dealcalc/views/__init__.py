"""From results to output blocks: the model's and the analyses' results, computed by
`dealcalc.commands`, laid out as records (the JSON and CSV rows) with titles, labels and notes
(the scenario read only for its input data: sources, caveats, assumed figures, labels). No Rich
here, and no model run: tests/test_layers.py lets views import the model's types and constants
only.

The package: `tables` (a table per results command and `--explain`), `compare` (the league
table), `analyses` (diff, sensitivity, simulate), `report`, `metrics` (the catalogue of metric
keys) and `notes` (what is said under every table); `--explain`'s rows are worked in
`dealcalc.workings`. The names below are what the rest of dealcalc uses."""

from dealcalc.views.analyses import diff_blocks, sensitivity_blocks, simulate_blocks, sweep_block
from dealcalc.views.balance import balance_blocks
from dealcalc.views.compare import (
    COMPARE_COLUMNS,
    COMPARE_EXTRA,
    COMPARE_KEYS,
    DEFAULT_METRICS,
    MARKS,
    Mark,
    compare_blocks,
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
    report_blocks,
    report_values,
)
from dealcalc.views.tables import (
    CAP_BASIS_NOTES,
    burden_blocks,
    calls_blocks,
    calls_schedule_blocks,
    explanation_blocks,
    listing_blocks,
    newest_per_country,
    outflow_blocks,
    outflow_schedule_blocks,
    returns_blocks,
    returns_schedule_blocks,
    tariff_blocks,
    tariff_lines_blocks,
    tariff_regimes_blocks,
    tariff_timeline_block,
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
    "Mark",
    "Section",
    "assumption_notes",
    "balance_blocks",
    "burden_blocks",
    "calls_blocks",
    "calls_schedule_blocks",
    "caveat_notes",
    "chart_after_table",
    "compare_blocks",
    "compare_columns",
    "compare_record",
    "compare_table",
    "coverage_notes",
    "diff_blocks",
    "duty_chart",
    "duty_chart_title",
    "explanation_blocks",
    "listing_blocks",
    "metric_catalogue",
    "metric_keys",
    "newest_per_country",
    "outflow_blocks",
    "outflow_chart",
    "outflow_chart_title",
    "outflow_schedule_blocks",
    "override_notes",
    "report_blocks",
    "report_values",
    "returns_blocks",
    "returns_schedule_blocks",
    "scenario_notes",
    "sensitivity_blocks",
    "simulate_blocks",
    "source_notes",
    "sweep_block",
    "tariff_blocks",
    "tariff_lines_blocks",
    "tariff_regimes_blocks",
    "tariff_timeline_block",
]
