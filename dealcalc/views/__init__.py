"""From scenarios to output blocks: run the model and lay its results out as records (the JSON
and CSV rows) with titles and source footnotes. No Rich here, no arithmetic beyond the model's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import PurePath
from typing import Any, NamedTuple

from dealcalc.errors import MissingInputError
from dealcalc.model.inputs import DEFAULT_COST_WEIGHTS, Scenario
from dealcalc.model.metrics import group_of
from dealcalc.render import (
    ABOUT_KEYS,
    IDENT_KEYS,
    Block,
    Chart,
    Shown,
    View,
    cell,
    format_change,
    format_value,
)
from dealcalc.render.catalogue import meta

PLEDGE_SIZE = ("pledge.amount", "pledge.tranches", "pledge.start", "pledge.deadline")
BURDEN_INPUTS = (*PLEDGE_SIZE, "pledge.instruments", "pledge.cost_weights", "economy", "trade")
OUTFLOW_INPUTS = (*PLEDGE_SIZE, "pledge.annual_cap", "economy.fx_reserves")
TARIFF_INPUTS = (*PLEDGE_SIZE, "tariffs")
RETURNS_INPUTS = (*PLEDGE_SIZE, "pledge.annual_cap", "pledge.profit_split", "returns")
ALL_INPUTS = ("",)  # batch views read every input
CALLS_INPUTS = (
    *PLEDGE_SIZE,
    "pledge.annual_cap",
    "pledge.funding_window",
    "pledge.cap_basis",
    "projects",
    "tariffs",
)


COMPARE_KEYS = [
    "pledge_usd_bn",
    "pledge_to_gdp",
    "pledge_to_reserves",
    "surplus_years",
    "required_annual_pace_usd_bn",
    "pace_to_cap",
    "years_needed_at_cap",
    "annual_savings_usd_bn",
    "pledge_to_annual_savings",
    "tariff_coverage",
    "binding",
]
# Below this share of exports a tariff figure is partial, and every table showing one says so.
COVERAGE_WARN_BELOW = 0.95


def _keys(group: str) -> list[str]:
    """The metric keys of a view (burden, outflow, …)."""
    from dealcalc.model.metrics import KEYS

    return [k for k, g in KEYS.items() if g == group]


def _ident(s: Scenario) -> dict[str, Any]:
    return {"scenario": s.title, "file": s.file}


def _about(s: Scenario, keys: Sequence[str]) -> dict[str, Any]:
    """What a one-row-per-scenario record carries besides its metrics (DESIGN §4): always
    present, so a script can tell an assumed or overridden figure from a sourced one."""
    from dealcalc.views.explain import assumed_inputs

    return {
        "assumed_inputs": assumed_inputs(s, keys),
        "overrides": [str(o) for o in s.overrides],
        "caveats": list(s.caveats),
    }


def caveat_notes(scenarios: list[Scenario], named: bool = False) -> list[str]:
    """`Caveat: TEXT`, one line per caveat of each scenario (naming it among several)."""
    many = named or len(scenarios) > 1
    return [f"Caveat{_tag(s) if many else ''}: {c}" for s in scenarios for c in s.caveats]


def _tag(s: Scenario) -> str:
    return f" ({PurePath(s.file).stem})"


def assumption_notes(scenarios: list[Scenario], keys: Sequence[str], named: bool = False) -> list[str]:
    """`Rests on assumed figures: PATH (note), …` for each scenario whose view reads one."""
    from dealcalc.views.explain import assumed_inputs

    many = named or len(scenarios) > 1
    notes = []
    for s in scenarios:
        assumed = [_assumed_text(s, path) for path in assumed_inputs(s, keys)]
        if assumed:
            notes.append(f"Rests on assumed figures{_tag(s) if many else ''}: " + "; ".join(assumed))
    return notes


def _assumed_text(s: Scenario, path: str) -> str:
    prov = s.provenance.get(path)
    if prov is not None and prov.note:
        return f"{path} ({' '.join(prov.note.split())})"
    if path.startswith("pledge.cost_weights."):
        name = path.rpartition(".")[2]
        return f"{path} (default {DEFAULT_COST_WEIGHTS[name]:.0%})"
    return path


def override_notes(scenarios: list[Scenario], named: bool = False) -> list[str]:
    """`Changed by --set: PATH = VALUE (file: WAS)`, one line per override of each scenario
    (naming the scenario when there are several, or when `named`)."""
    many = named or len(scenarios) > 1
    return [
        f"Changed by --set{' in ' + PurePath(s.file).stem if many else ''}: "
        f"{o.path} = {o.value} (file: {o.was if o.was is not None else 'not set'})"
        for s in scenarios
        for o in s.overrides
    ]


def scenario_notes(scenarios: list[Scenario], inputs: tuple[str, ...], keys: Sequence[str] = ()) -> list[str]:
    """What goes under every table of these scenarios (DESIGN §4): their caveats, the assumed
    figures among the inputs of the metrics `keys`, the overrides, then the sources used."""
    return (
        caveat_notes(scenarios)
        + assumption_notes(scenarios, keys)
        + override_notes(scenarios)
        + source_notes(scenarios, inputs)
    )


def source_notes(scenarios: list[Scenario], inputs: tuple[str, ...]) -> list[str]:
    """Footnotes naming the sources of the inputs a command used."""
    notes: list[str] = []
    many = len(scenarios) > 1
    for s in scenarios:
        sources = s.sources_for(inputs)
        if not sources:
            continue
        notes.append(f"Sources ({s.file}):" if many else "Sources:")
        for key, src in sources.items():
            parts = [src.title] + [p for p in (src.publisher, src.date) if p]
            notes.append(f"  [{key}] " + ", ".join(parts) + (f". {src.url}" if src.url else ""))
    return notes


def _metric_block(
    title: str,
    scenarios: list[Scenario],
    results: list[dict[str, Any]],
    inputs: tuple[str, ...],
    extra_notes: list[str] | None = None,
) -> Block:
    keys = list(results[0])
    records = [{**_ident(s), **r, **_about(s, keys)} for s, r in zip(scenarios, results, strict=True)]
    return Block(
        title,
        ["scenario", "file", *keys, *ABOUT_KEYS],
        records,
        layout="metrics",
        notes=(extra_notes or []) + scenario_notes(scenarios, inputs, keys),
        headers=[PurePath(s.file).stem for s in scenarios],
    )


def _rows_block(
    title: str,
    scenarios: list[Scenario],
    rows: list[tuple[Scenario, dict[str, Any]]],
    inputs: tuple[str, ...],
    metrics: Sequence[str] = (),
) -> Block:
    """Rows of a schedule or of lines; `metrics` are the summary keys the rows detail (whose
    assumed inputs the notes name)."""
    keys = list(rows[0][1]) if rows else []
    records = [{**_ident(s), **r} for s, r in rows]
    notes = scenario_notes(scenarios, inputs, metrics)
    return Block(title, ["scenario", "file", *keys], records, notes=notes)


def coverage_notes(scenarios: list[Scenario]) -> list[str]:
    """DESIGN §3.3: under a table with tariff figures, one warning per scenario whose tariff lines
    cover under 95% of its exports to the partner (the share rounded down to a whole percent)."""
    from dealcalc.model.tariff import coverage

    notes = []
    for s in scenarios:
        share = coverage(s)
        if share is None or share >= COVERAGE_WARN_BELOW:
            continue
        partner = "the United States" if s.partner == "United States" else s.partner
        prefix = f"{PurePath(s.file).stem}: " if len(scenarios) > 1 else ""
        notes.append(
            f"{prefix}Tariff lines cover {int(share * 100)}% of exports to {partner}: "
            "duty and savings count only those lines."
        )
    return notes


def burden(scenarios: list[Scenario]) -> list[Block]:
    from dealcalc.model.burden import compute_burden

    results = [compute_burden(s)._asdict() for s in scenarios]
    notes = [
        f"{PurePath(s.file).stem}: a private, non-binding pledge — its burden ratios are an upper bound "
        "on what the state itself commits."
        for s in scenarios
        if not s.pledge.binding
    ]
    # default cost weights are named among the assumed figures under the table
    return [_metric_block("Burden of the pledge", scenarios, results, BURDEN_INPUTS, notes)]


def outflow(scenarios: list[Scenario], schedule: bool, as_of: dt.date | None = None) -> list[Block]:
    """The outflow table and, when a scenario has a date (`as_of`, default each file's), a
    "Progress" table; the first block's records carry every key (JSON, CSV, `report`)."""
    from dealcalc.model.outflow import PROGRESS_KEYS, capped_pace_usd_bn, compute_outflow, compute_schedule

    if schedule:
        rows = [(s, p._asdict()) for s in scenarios for p in compute_schedule(s)]
        block = _rows_block(
            "Year-by-year outflow (12-month periods from start)",
            scenarios,
            rows,
            OUTFLOW_INPUTS,
            _keys("outflow"),
        )
        _hide_ident(block, scenarios)
        return [block]
    results = [compute_outflow(s, as_of)._asdict() for s in scenarios]
    uncapped = [
        f"{PurePath(s.file).stem}: no tranche has an annual cap, so nothing is paid 'at cap' (shown as —)."
        for s, r in zip(scenarios, results, strict=True)
        if r["annual_cap_usd_bn"] is None
    ]
    main = _metric_block("Outflow under the annual caps", scenarios, results, OUTFLOW_INPUTS, uncapped)
    # the capped part's own pace beside its ratio to the caps (DESIGN §3.2): 110/20 is not 3.14×
    for s, record in zip(scenarios, main.records, strict=True):
        record["capped_pace_usd_bn"] = capped_pace_usd_bn(s)
    shown = [c for c in main.columns if c not in PROGRESS_KEYS]
    shown.insert(shown.index("annual_cap_usd_bn"), "capped_pace_usd_bn")
    main.table_columns = shown
    if not any(r["as_of"] is not None and s.projects for s, r in zip(scenarios, results, strict=True)):
        return [main]  # nothing to show but dates: the keys are in JSON and CSV all the same
    notes = ["Selected: projects of status selected called by the as-of date. Interest is apart, not a call."]
    notes += [
        f"{PurePath(s.file).stem}: the file lists no projects, so what was selected is not known."
        for s, r in zip(scenarios, results, strict=True)
        if r["as_of"] is not None and not s.projects
    ]
    progress = Block(
        "Progress to the as-of date",
        main.columns,
        main.records,
        layout="metrics",
        notes=notes + source_notes(scenarios, ("projects",)),
        headers=main.headers,
        table_columns=list(PROGRESS_KEYS),
    )
    return [main, progress]


def tariff(
    scenarios: list[Scenario],
    lines: bool,
    regimes: bool,
    from_regime: str,
    to_regime: str,
    as_of: dt.date | None = None,
    timeline: bool = False,
) -> list[Block]:
    from dealcalc.model.tariff import compute_tariff, compute_tariff_lines

    limits = ["Partial equilibrium, one market: says nothing of who bears the duty."]
    partial = coverage_notes(scenarios)
    if timeline:
        return [tariff_timeline(scenarios, from_regime, partial)]
    if lines:
        rows = [(s, ln.record()) for s in scenarios for ln in compute_tariff_lines(s)]
        block = _rows_block("Tariff lines", scenarios, rows, TARIFF_INPUTS, _keys("tariff"))
        block.columns = _union_columns(block.records)
        block.notes = partial + block.notes
        _hide_ident(block, scenarios)
        return [block]
    results = [compute_tariff(s, from_regime, to_regime, as_of) for s in scenarios]
    if regimes:
        rows = [
            (s, {"regime": r, "duty_usd_bn": res.duty_usd_bn[r], "effective_rate": res.effective_rate[r]})
            for s, res in zip(scenarios, results, strict=True)
            for r in res.regimes
        ]
        block = _rows_block("Duty under each regime", scenarios, rows, TARIFF_INPUTS, _keys("tariff"))
        block.notes = partial + block.notes
        _hide_ident(block, scenarios)
        return [block]
    dicts = [r.record() for r in results]
    block = _metric_block(
        f"Tariff outcomes ({from_regime} → {to_regime})", scenarios, dicts, TARIFF_INPUTS, partial + limits
    )
    block.columns = _union_columns(block.records)
    return [block]


def tariff_timeline(scenarios: list[Scenario], from_regime: str, partial: list[str]) -> Block:
    """`tariff --timeline`: a row per stretch of days under one regime, totals under the table."""
    from dealcalc.model.tariff import compute_tariff_timeline

    rows = [(s, p.record()) for s in scenarios for p in compute_tariff_timeline(s, from_regime)]
    block = _rows_block(
        f"Duty paid as the regimes changed, against {from_regime} held throughout (sums over each period)",
        scenarios,
        rows,
        TARIFF_INPUTS,
    )
    totals = []
    for s in scenarios:
        mine = [r for t, r in rows if t is s]
        prefix = f"{PurePath(s.file).stem}: " if len(scenarios) > 1 else ""
        paid, held, saved = (
            format_value("usd_bn", sum(r[k] for r in mine))
            for k in ("duty_paid_usd_bn", "duty_counterfactual_usd_bn", "savings_usd_bn")
        )
        days = sum(r["days"] for r in mine)
        totals.append(
            f"{prefix}Totals {mine[0]['from']} to {mine[-1]['until']} ({days:,} days): "
            f"paid {paid}; under {from_regime} {held}; saved {saved}."
        )
    block.notes = totals + partial + ["A day outside every dated regime pays MFN (rows 'mfn')."] + block.notes
    _hide_ident(block, scenarios)
    return block


def returns(scenarios: list[Scenario], schedule: bool) -> list[Block]:
    from dealcalc.model.returns import compute_returns, compute_returns_schedule

    if schedule:
        rows = [(s, y._asdict()) for s in scenarios for y in compute_returns_schedule(s)]
        block = _rows_block(
            "Profit waterfall, year by year", scenarios, rows, RETURNS_INPUTS, _keys("returns")
        )
        _hide_ident(block, scenarios)
        return [block]
    results = [compute_returns(s)._asdict() for s in scenarios]
    return [_metric_block("What the pledger gets back", scenarios, results, RETURNS_INPUTS)]


CAP_BASIS_NOTES = {
    "calendar_year": "Year sum, calendar_year basis: same-cap calls due 1 January to this due date, ties in.",
    "trailing_year": (
        "Year sum, trailing_year basis: same-cap calls due in the 365 days to this due date, ties in."
    ),
}


def _calls_notes(scenarios: list[Scenario]) -> list[str]:
    """What a call's year sum counts, per cap basis; that interest is listed, not called."""
    bases = {s.pledge.cap_basis for s in scenarios}
    notes = [note for basis, note in CAP_BASIS_NOTES.items() if basis in bases]
    if any(p.status == "interest" for s in scenarios for p in s.projects):
        notes.append("Interest (status: interest) is listed after the calls, with no due date: never called.")
    return notes


def calls(scenarios: list[Scenario], schedule: bool) -> list[Block]:
    from dealcalc.model.calls import compute_call_schedule, compute_calls

    if schedule:
        rows = [(s, c._asdict()) for s in scenarios for c in compute_call_schedule(s)]
        block = _rows_block("Capital calls by due date", scenarios, rows, CALLS_INPUTS, _keys("calls"))
        block.notes = _calls_notes(scenarios) + block.notes
        _hide_ident(block, scenarios)
        return [block]
    results = [compute_calls(s)._asdict() for s in scenarios]
    with_duty = [
        s for s, r in zip(scenarios, results, strict=True) if r["snapback_exposure_usd_bn"] is not None
    ]
    notes = _calls_notes(scenarios) + coverage_notes(with_duty)
    return [_metric_block("Capital calls", scenarios, results, CALLS_INPUTS, notes)]


COMPARE_COLUMNS = ["scenario", "file", *COMPARE_KEYS, *ABOUT_KEYS]
# The metrics that sweep and simulate report unless asked for others: the league table's numbers.
DEFAULT_METRICS = [k for k in COMPARE_KEYS if k != "binding"]
# Keys of a compare row besides the metrics of §3.1–3.3.
COMPARE_EXTRA = {"binding": lambda s: s.pledge.binding}


class Mark(NamedTuple):
    """A mark on a row of the league table, explained under it: whether it applies to a
    scenario (given the columns shown) and the lines that detail it."""

    letter: str
    meaning: str
    applies: Callable[[Scenario, Sequence[str]], bool]
    details: Callable[[Scenario, Sequence[str]], list[str]] = lambda s, keys: []


def _assumed(s: Scenario, keys: Sequence[str]) -> bool:
    from dealcalc.views.explain import assumed_inputs

    return bool(assumed_inputs(s, keys))


MARKS = [
    Mark(
        "c", "carries caveats (below)", lambda s, keys: bool(s.caveats), lambda s, k: caveat_notes([s], True)
    ),
    Mark(
        "n",
        "not binding, a private pledge (its burden ratios are upper bounds)",
        lambda s, k: not s.pledge.binding,
    ),
    Mark("a", "rests on assumed figures (below)", _assumed, lambda s, k: assumption_notes([s], k, True)),
    Mark("s", "changed by --set", lambda s, k: bool(s.overrides), lambda s, k: override_notes([s], True)),
    Mark(
        "p",
        "partial tariff figures: the tariff lines cover under 95% of exports to the partner, and duty "
        "and savings count only those lines",
        lambda s, k: bool(coverage_notes([s])),
    ),
]


def compare_row(s: Scenario, keys: Sequence[str] = COMPARE_KEYS) -> dict[str, Any]:
    """One scenario's row of the league table: the metrics asked for, what it carries besides
    (DESIGN §4), and for the table its marks and their details."""
    from dealcalc.model.metrics import compute_metrics

    metric_keys = [k for k in keys if k not in COMPARE_EXTRA]
    values: dict[str, Any] = {}
    for group in dict.fromkeys(group_of(k) for k in metric_keys):
        try:  # a view whose core input the file lacks (returns:, tariff lines): its keys are null
            values.update(compute_metrics(s, [k for k in metric_keys if group_of(k) == group]))
        except MissingInputError:
            continue
    marks = [m for m in MARKS if m.applies(s, metric_keys)]
    return {
        **_ident(s),
        **dict.fromkeys(keys),
        **values,
        **{k: COMPARE_EXTRA[k](s) for k in keys if k in COMPARE_EXTRA},
        **_about(s, metric_keys),
        "marks": "".join(m.letter for m in marks),
        "mark_notes": [line for m in marks for line in m.details(s, metric_keys)],
    }


def compare_columns(keys: Sequence[str]) -> list[str]:
    return ["scenario", "file", *keys, *ABOUT_KEYS]


def compare_table(records: list[dict[str, Any]], keys: Sequence[str]) -> Block:
    """The league table: a row per scenario, its marks explained under it, and where to find
    each row's sources (a table of many files has no room to list them)."""
    used = {letter for r in records for letter in r.get("marks", "")}
    notes = [f"{m.letter}: {m.meaning}." for m in MARKS if m.letter in used]
    notes += [line for r in records for line in r.get("mark_notes", [])]
    if records:
        notes.append("Each row's sources: dealcalc report NAME.")
    # the marks say which pledges are not binding: the default table has no column for it
    shown = [k for k in keys if k != "binding"] if list(keys) == COMPARE_KEYS else list(keys)
    return Block(
        "Deals compared",
        compare_columns(keys),
        records,
        table_columns=["file", "marks", *shown],
        notes=notes,
    )


def compare(scenarios: list[Scenario], keys: Sequence[str] = COMPARE_KEYS) -> list[Block]:
    return [compare_table([compare_row(s, keys) for s in scenarios], keys)]


def diff(a: Scenario, b: Scenario, every: bool = False) -> tuple[list[Block], Block]:
    """Inputs that differ, then the metrics that differ side by side (`every`: all of them), with
    the change in the value's own unit: tables to read, rows for JSON/CSV."""
    from dealcalc.analysis.diff import diff as compute_diff
    from dealcalc.scenario import input_kind

    rows = [r for r in compute_diff(a, b) if every or r["section"] == "input" or not _same(r["a"], r["b"])]
    names = [PurePath(a.file).stem, PurePath(b.file).stem]
    if names[0] == names[1]:
        names = [f"A: {names[0]}", f"B: {names[1]}"]
    inputs = [r for r in rows if r["section"] == "input"]
    metrics = [r for r in rows if r["section"] == "metric"]

    def shown(kind: str, value: Any) -> Shown:
        return Shown(format_value(kind, value) if not isinstance(value, str) else value)

    input_block = Block(
        "Inputs that differ (money in USD bn)",
        ["key", "a", "b", "change"],
        [
            {
                "key": r["key"],
                "a": shown(kind, r["a"]),
                "b": shown(kind, r["b"]),
                "change": format_change(kind, r["change"]),
            }
            for r in inputs
            for kind in [input_kind(r["key"])]
        ]
        or [{"key": "(none: the inputs are the same)"}],
    )
    side = [{m["key"]: m[col] for m in metrics} for col in ("a", "b")]
    side.append({m["key"]: format_change(meta(m["key"]).kind, m["change"]) for m in metrics})
    same = "" if every else " (those that differ; --all shows every one)"
    notes = [] if metrics else ["(none: every metric is the same)"]
    metric_block = Block(
        f"Metrics side by side{same}",
        [m["key"] for m in metrics],
        side,
        layout="metrics",
        headers=[*names, "Change"],
        notes=notes + scenario_notes([a, b], ALL_INPUTS, [m["key"] for m in metrics]),
    )
    data = Block("diff", ["section", "key", "a", "b", "change"], rows)
    return [input_block, metric_block], data


def _same(a: Any, b: Any) -> bool:
    """Equal, or both numbers equal to rounding (a sum taken in another order)."""
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b))
    return bool(a == b)


TORNADO_WIDTH = 24


def sensitivity(
    s: Scenario, metric: str, delta: float, rows: list[dict[str, Any]]
) -> tuple[list[Block], Block]:
    """The tornado: inputs by swing, with bars scaled to the largest."""
    widest = max((r["swing"] or 0.0 for r in rows), default=0.0)
    shown = []
    for r in rows:
        share = (r["swing"] or 0.0) / widest if widest else 0.0
        shown.append({**r, "bar": "█" * round(share * TORNADO_WIDTH) or ("▏" if r["swing"] else "")})
    table = Block(
        f"Sensitivity of {metric} to each input ±{delta:.0%}: {s.title}",
        ["input", "metric_low", "metric_high", "swing", "bar"],
        shown,
        notes=[
            f"{metric} as given: {cell(metric, rows[0]['metric_base']) if rows else '—'}; "
            "an input at zero does not move, so it shows no swing.",
            *scenario_notes([s], ALL_INPUTS, [metric]),
        ],
    )
    columns = [
        "input",
        "value",
        "value_low",
        "value_high",
        "metric",
        "metric_base",
        "metric_low",
        "metric_high",
        "swing",
    ]
    return [table], Block("sensitivity", columns, rows)


def simulate(s: Scenario, runs: int, seed: int, summary: list[dict[str, Any]]) -> tuple[list[Block], Block]:
    """Mean and percentiles per metric: a column per statistic in the table."""
    keys = [r["metric"] for r in summary]
    stats = [{r["metric"]: r[stat] for r in summary} for stat in ("mean", "p5", "p50", "p95")]
    drawn = ", ".join(f"{path} ~ {d.kind}{list(d.params)}" for path, d in s.uncertainty.items())
    table = Block(
        f"Simulation, {runs:,} runs (seed {seed}): {s.title}",
        keys,
        stats,
        layout="metrics",
        headers=["mean", "P5", "P50", "P95"],
        notes=[
            f"Drawn: {drawn} (canonical units: USD bn, fractions).",
            *scenario_notes([s], ALL_INPUTS, keys),
        ],
    )
    columns = ["metric", "mean", "p5", "p50", "p95", "runs", "missing"]
    return [table], Block("simulate", columns, [{**r} for r in summary])


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
# Keys named after a regime: one per regime of the scenario.
PATTERN_KEYS = {"duty_<regime>_usd_bn": "duty_mfn_usd_bn", "effective_rate_<regime>": "effective_rate_mfn"}


def metric_catalogue() -> Block:
    """`dealcalc metrics`: every metric key with its unit, view and meaning (the formula as
    --explain gives it), for -m and scripts."""
    from dealcalc.model.metrics import GROUP_KEYS
    from dealcalc.views.explain import formula_of

    def row(key: str, view: str, like: str | None = None) -> dict[str, Any]:
        m = meta(like or key)
        label = m.label.replace(" under mfn", " under a regime").replace(", mfn", ", a regime")
        found = formula_of(like or key)
        formula = found[0].replace("mfn", "<regime>") if found and like else found[0] if found else ""
        return {
            "key": key,
            "unit": UNITS.get(m.kind, m.kind),
            "view": view,
            "meaning": f"{label}: {formula}" if formula else label,
        }

    views_of: dict[str, list[str]] = {}
    for group, keys in GROUP_KEYS.items():
        for key in keys:
            views_of.setdefault(key, []).append(group)
    rows = [row(k, ", ".join(groups)) for k, groups in views_of.items()]
    rows += [row(k, "tariff", like) for k, like in PATTERN_KEYS.items()]
    rows += [row(k, "compare") for k in COMPARE_EXTRA]
    return Block(
        "Metric keys (for -m/--metric and scripts; JSON and CSV use them as they are)",
        ["key", "unit", "view", "meaning"],
        rows,
        notes=[
            "Fractions and ratios are shown in tables as percents and multiples (×). Only numbers can be "
            "swept, simulated or measured for sensitivity: not dates, lists or text."
        ],
    )


def listing(names: list[str], scenarios: list[Scenario]) -> list[Block]:
    """The shipped scenarios by country, each country's dated series oldest first (newest last)."""
    records = sorted(
        (
            {
                "country": s.country,
                "as_of": s.as_of,
                "name": n,
                "title": s.title,
                "pledge_usd_bn": s.pledge.amount,
            }
            for n, s in zip(names, scenarios, strict=True)
        ),
        key=lambda r: (r["country"], r["as_of"] or dt.date.min, r["name"]),
    )
    return [
        Block(
            "Shipped scenarios: each describes a deal as of one date, newest last per country",
            ["country", "as_of", "name", "title", "pledge_usd_bn"],
            records,
            notes=[
                "For the deal as it stands now use a country's newest file; the older ones are its history."
            ],
        )
    ]


def _union_columns(records: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(k for r in records for k in r))


def _hide_ident(block: Block, scenarios: list[Scenario]) -> None:
    """In a table of one scenario's rows, the scenario column repeats itself: title instead."""
    if len(scenarios) == 1:
        block.title = f"{block.title}: {scenarios[0].title}"
        block.table_columns = [c for c in block.columns if c not in ("scenario", "file")]
    else:
        block.table_columns = [c for c in block.columns if c != "scenario"]


def explanation(scenarios: list[Scenario], results: list[dict[str, Any]]) -> tuple[Block, Block]:
    """`--explain`: the formula of each metric with the numbers put in and their sources."""
    from dealcalc.views.explain import explain

    rows = [row for s, values in zip(scenarios, results, strict=True) for row in explain(s, values)]
    many = len(scenarios) > 1
    shown = [
        {
            "metric": (f"{PurePath(r['file']).stem}: " if many else "") + meta(r["metric"]).label,
            "explanation": f"{r['formula']} = {r['computation']}",
            "sources": ", ".join(r["sources"]) or "—",
        }
        for r in rows
    ]
    table = Block("How each figure is computed", ["metric", "explanation", "sources"], shown)
    data = Block(
        "explain",
        ["scenario", "file", "metric", "value", "formula", "computation", "arithmetic", "sources"],
        rows,
    )
    return table, data


def outflow_chart(s: Scenario) -> Chart:
    """Required vs capped payments per 12-month period."""
    from dealcalc.model.outflow import compute_schedule

    periods = compute_schedule(s)
    groups = [(f"{p.period_start:%Y-%m}", [p.required_usd_bn, p.capped_usd_bn]) for p in periods]
    return Chart(
        f"Outflow per 12-month period, required vs capped: {s.title}",
        ["required", "capped"],
        groups,
        "usd_bn",
        notes=[
            f"Periods start on the anniversaries of {s.pledge.start}; the deadline is {s.pledge.deadline}."
        ],
    )


def duty_chart(s: Scenario) -> Chart:
    """Duty collected per year under each tariff regime."""
    from dealcalc.model.tariff import compute_tariff

    result = compute_tariff(s)
    return Chart(
        f"Duty per year under each regime: {s.title}",
        ["duty"],
        [(r, [result.duty_usd_bn[r]]) for r in result.regimes],
        "usd_bn_yr",
    )


def _chart_after_table(blocks: list[Block], chart: Chart) -> list[View]:
    return [blocks[0], chart, *blocks[1:]]


def report(s: Scenario, explain: bool) -> tuple[list[View], Block]:
    """Every table that applies to one scenario, with charts of the outflow plan and the duty."""
    blocks: list[View] = []
    long_rows: list[dict[str, Any]] = []
    sections: list[tuple[str, Sequence[View]]] = [
        ("burden", burden([s])),
        ("outflow", _chart_after_table(outflow([s], schedule=False), outflow_chart(s))),
    ]
    if s.tariffs is not None:
        sections.append(("tariff", [*tariff([s], False, False, "threatened", "agreed"), duty_chart(s)]))
    if s.returns is not None:
        sections.append(("returns", returns([s], schedule=False)))
    if s.projects:
        sections.append(("calls", calls([s], schedule=False)))
    merged: dict[str, Any] = {}
    for name, views_of in sections:
        # each section's metrics are the record of its table (computed once, by that table)
        table = next(v for v in views_of if isinstance(v, Block))
        values = {k: v for k, v in table.records[0].items() if k not in IDENT_KEYS}
        for view in views_of:
            if isinstance(view, Block):
                view.notes = [n for n in view.notes if not n.startswith(("Sources", "  ["))]
            blocks.append(view)
        long_rows += [{"section": name, "key": k, "value": v} for k, v in values.items()]
        merged.update(values)
    if explain:
        blocks.append(explanation([s], [merged])[0])
    about = [" ".join((s.description or "").split())] if s.description else []
    notes = [f"Note: {n}" for n in s.notes]
    about_block = Block(
        f"About this scenario: {s.title}",
        ["name", "as_of", "pledge_usd_bn"],
        [{"name": PurePath(s.file).stem, "as_of": s.as_of, "pledge_usd_bn": s.pledge.amount}],
        notes=about + notes + source_notes([s], ("",)),
    )
    blocks.append(about_block)
    return blocks, Block("report", ["section", "key", "value"], long_rows)
