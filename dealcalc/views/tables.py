"""The table of each results command (burden, outflow, tariff, returns, calls, list) and of
`--explain`: the model's results (computed by `dealcalc.commands`) laid out as records with the
keys of DESIGN §3 (the rows of JSON and CSV), titles and notes.

Long because each view's table is here, the tariff one in its three forms (outcomes, regimes,
timeline with its totals), each naming regimes by their labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from dealcalc.blocks import ABOUT_KEYS, Block
from dealcalc.catalogue import meta
from dealcalc.model.inputs import Scenario
from dealcalc.registry import inputs_of
from dealcalc.render import format_value
from dealcalc.views.notes import (
    VIEW_INPUTS,
    _about,
    _ident,
    _keys,
    coverage_notes,
    scenario_notes,
    source_notes,
)

if TYPE_CHECKING:
    from dealcalc.model.burden import BurdenResult
    from dealcalc.model.calls import CallRow, CallsResult
    from dealcalc.model.outflow import OutflowResult, SchedulePeriod
    from dealcalc.model.returns import ReturnsResult, ReturnsYear
    from dealcalc.model.tariff import LineResult, Pair, TariffResult
    from dealcalc.model.timeline import Period, StatusTotals


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


def burden_blocks(scenarios: list[Scenario], burdens: Sequence[BurdenResult]) -> list[Block]:
    results = [b._asdict() for b in burdens]
    notes = [
        f"{PurePath(s.file).stem}: a private, non-binding pledge — its burden ratios are an upper bound "
        "on what the state itself commits."
        for s in scenarios
        if not s.pledge.binding
    ]
    # default cost weights are named among the assumed figures under the table
    return [_metric_block("Burden of the pledge", scenarios, results, VIEW_INPUTS["burden"], notes)]


def _outflow_inputs() -> tuple[str, ...]:
    """The sources of what the outflow table shows (the progress table names the projects')."""
    from dealcalc.model.outflow import PROGRESS_KEYS

    return inputs_of(k for k in _keys("outflow") if k not in PROGRESS_KEYS)


def outflow_schedule_blocks(
    scenarios: list[Scenario], schedules: Sequence[Sequence[SchedulePeriod]]
) -> list[Block]:
    """`outflow --schedule`: each scenario's 12-month periods."""
    rows = [(s, p._asdict()) for s, periods in zip(scenarios, schedules, strict=True) for p in periods]
    block = _rows_block(
        "Year-by-year outflow (12-month periods from start)",
        scenarios,
        rows,
        _outflow_inputs(),
        _keys("outflow"),
    )
    _hide_ident(block, scenarios)
    block.notes.insert(0, "Capped: the capped tranches only, at their caps; Required: every tranche.")
    return [block]


def outflow_blocks(
    scenarios: list[Scenario], outflows: Sequence[OutflowResult], capped_paces: Sequence[float | None]
) -> list[Block]:
    """The outflow table and, when a scenario has a date (the command's as-of date, default each
    file's), a "Progress" table; the first block's records carry every key (JSON, CSV, `report`).
    `capped_paces`: the capped part's own pace, shown beside its ratio to the caps."""
    from dealcalc.model.outflow import PROGRESS_KEYS

    own = _outflow_inputs()
    results = [r._asdict() for r in outflows]
    uncapped = [
        f"{PurePath(s.file).stem}: no tranche has an annual cap, so nothing is paid 'at cap' (shown as —)."
        for s, r in zip(scenarios, results, strict=True)
        if r["annual_cap_usd_bn"] is None
    ]
    # with a date and the projects, the shortfall is at the pace so far and completion counts from
    # the date (DESIGN §4.1); without, both are at the caps from the start
    at_pace = [
        r["selected_to_date_usd_bn"] is not None and r["pace_so_far_usd_bn"] is not None for r in results
    ]
    dated = [
        f"{PurePath(s.file).stem}: from {r['as_of']}: the shortfall is at the pace so far; completion"
        " at cap is when what is left of the capped tranches is paid at their caps."
        for s, r, pace in zip(scenarios, results, at_pace, strict=True)
        if pace and not all(at_pace)
    ]
    main = _metric_block("Outflow under the annual caps", scenarios, results, own, uncapped + dated)
    if all(at_pace):
        main.labels["shortfall_at_deadline_usd_bn"] = "Shortfall at deadline, at the pace so far"
        main.labels["completion_date_at_cap"] = "Completion at cap, from the as-of date"
    # the capped part's own pace beside its ratio to the caps (DESIGN §3.2): 110/20 is not 3.14×
    for record, pace in zip(main.records, capped_paces, strict=True):
        record["capped_pace_usd_bn"] = pace
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


_LIMITS = ["Partial equilibrium, one market: says nothing of who bears the duty."]


def tariff_blocks(
    scenarios: list[Scenario], tariffs: Sequence[TariffResult], coverages: Sequence[float | None]
) -> list[Block]:
    """The tariff outcomes of each scenario's pair (DESIGN §3.3b); `coverages`: the share of
    exports to the partner each file's tariff lines cover (None without lines)."""
    from dealcalc.views.pair import pair_notes, regime_row_labels

    block = _metric_block(
        "Tariff outcomes",
        scenarios,
        [r.record() for r in tariffs],
        VIEW_INPUTS["tariff"],
        pair_notes(scenarios, list(tariffs)) + coverage_notes(scenarios, coverages) + _LIMITS,
    )
    block.columns = _union_columns(block.records)
    block.labels = regime_row_labels(scenarios, [k[5:-7] for k in block.columns if k.startswith("duty_")])
    return [block]


def tariff_regimes_blocks(
    scenarios: list[Scenario], tariffs: Sequence[TariffResult], coverages: Sequence[float | None]
) -> list[Block]:
    """`tariff --regimes`: the duty and effective rate under each regime."""
    rows = [
        (
            s,
            {
                "regime": r,
                "regime_label": regime_label_of(s, r),
                "duty_usd_bn": res.duty_usd_bn[r],
                "effective_rate": res.effective_rate[r],
            },
        )
        for s, res in zip(scenarios, tariffs, strict=True)
        for r in res.regimes
    ]
    block = _rows_block("Duty under each regime", scenarios, rows, VIEW_INPUTS["tariff"], _keys("tariff"))
    block.notes = coverage_notes(scenarios, coverages) + block.notes
    _hide_ident(block, scenarios)
    return [block]


def tariff_lines_blocks(
    scenarios: list[Scenario], lines: Sequence[Sequence[LineResult]], coverages: Sequence[float | None]
) -> list[Block]:
    """`tariff --lines`: each line's rate and duty under every regime."""
    rows = [(s, ln.record()) for s, mine in zip(scenarios, lines, strict=True) for ln in mine]
    block = _rows_block("Tariff lines", scenarios, rows, VIEW_INPUTS["tariff"], _keys("tariff"))
    block.columns = _union_columns(block.records)
    block.notes = coverage_notes(scenarios, coverages) + block.notes
    _hide_ident(block, scenarios)
    return [block]


def regime_label_of(s: Scenario, regime: str) -> str:
    """A regime's label for a row (`mfn` as "MFN"; its key when it has none)."""
    return s.tariffs.label_of(regime) if s.tariffs is not None else regime


def tariff_timeline_block(
    scenarios: list[Scenario],
    timelines: Sequence[Sequence[Period]],
    pairs: Sequence[Pair],
    coverages: Sequence[float | None],
    totals: Sequence[Mapping[str, StatusTotals]],
) -> Block:
    """`tariff --timeline`: a row per stretch of days under one regime (cut at the as-of date into
    paid and projected), each scenario's `totals` by status under the table; `pairs`: what each
    scenario's duty is held against."""
    from dealcalc.views.pair import named

    rows = [
        (s, _with_label(s, p.record()))
        for s, periods in zip(scenarios, timelines, strict=True)
        for p in periods
    ]
    against = {
        "the without-deal twin of each day" if p.twin else f"{named(s, p.from_regime)} held throughout"
        for s, p in zip(scenarios, pairs, strict=True)
    }
    block = _rows_block(
        f"Duty period by period, against {' / '.join(sorted(against))}",
        scenarios,
        rows,
        VIEW_INPUTS["tariff"],
        ("duty_to_deadline_usd_bn", "savings_to_deadline_timeline_usd_bn"),
    )
    said = []
    for s, pair, sums in zip(scenarios, pairs, totals, strict=True):
        mine = [r for t, r in rows if t is s]
        prefix = f"{PurePath(s.file).stem}: " if len(scenarios) > 1 else ""
        held = "without the deal" if pair.twin else f"under {named(s, pair.from_regime)}"
        days = sum(t.days for t in sums.values())
        parts = []
        for status, words in (("paid", "paid to date"), ("projected", "projected")):
            if status in sums:
                part = sums[status]
                duty, other, saved = (
                    format_value("usd_bn", v)
                    for v in (part.duty_usd_bn, part.counterfactual_usd_bn, part.savings_usd_bn)
                )
                parts.append(f"{words} {duty} ({held} {other}, saved {saved})")
        said.append(
            f"{prefix}Totals {mine[0]['from']} to {mine[-1]['until']} ({days:,} days): {'; '.join(parts)}."
        )
        if pair.day is not None:
            said.append(
                f"{prefix}Days before {pair.day} are paid; from it on, projected as the file dates "
                "the regimes."
            )
        else:
            said.append(f"{prefix}No as-of date: every day is projected as the file dates the regimes.")
    partial = coverage_notes(scenarios, coverages)
    block.notes = said + partial + ["A day outside every dated regime pays MFN (rows 'MFN')."] + block.notes
    _hide_ident(block, scenarios)
    return block


def _with_label(s: Scenario, row: dict[str, Any]) -> dict[str, Any]:
    """A timeline row with its regime's label beside the key."""
    out = {}
    for k, v in row.items():
        out[k] = v
        if k == "regime":
            out["regime_label"] = regime_label_of(s, v)
    return out


def returns_schedule_blocks(
    scenarios: list[Scenario], schedules: Sequence[Sequence[ReturnsYear]]
) -> list[Block]:
    """`returns --schedule`: the profit waterfall year by year."""
    rows = [(s, y._asdict()) for s, years in zip(scenarios, schedules, strict=True) for y in years]
    block = _rows_block(
        "Profit waterfall, year by year", scenarios, rows, VIEW_INPUTS["returns"], _keys("returns")
    )
    _hide_ident(block, scenarios)
    return [block]


def returns_blocks(scenarios: list[Scenario], returns: Sequence[ReturnsResult]) -> list[Block]:
    results = [r._asdict() for r in returns]
    return [_metric_block("What the pledger gets back", scenarios, results, VIEW_INPUTS["returns"])]


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


def calls_schedule_blocks(scenarios: list[Scenario], schedules: Sequence[Sequence[CallRow]]) -> list[Block]:
    """`calls --schedule`: the capital calls by due date."""
    rows = [(s, c._asdict()) for s, mine in zip(scenarios, schedules, strict=True) for c in mine]
    block = _rows_block("Capital calls by due date", scenarios, rows, VIEW_INPUTS["calls"], _keys("calls"))
    block.notes = _calls_notes(scenarios) + block.notes
    _hide_ident(block, scenarios)
    return [block]


def calls_blocks(
    scenarios: list[Scenario], calls: Sequence[CallsResult], coverages: Sequence[float | None]
) -> list[Block]:
    """The calls summary; `coverages` for the tariff lines behind the snap-back exposure."""
    results = [c._asdict() for c in calls]
    with_duty = [
        (s, share)
        for s, r, share in zip(scenarios, results, coverages, strict=True)
        if r["snapback_exposure_usd_bn"] is not None
    ]
    notes = _calls_notes(scenarios) + coverage_notes([s for s, _ in with_duty], [c for _, c in with_duty])
    return [_metric_block("Capital calls", scenarios, results, VIEW_INPUTS["calls"], notes)]


def _age(s: Scenario, name: str) -> tuple[dt.date, str]:
    return (s.as_of or dt.date.min, name)


def newest_per_country(names: Sequence[str], scenarios: Sequence[Scenario]) -> list[bool]:
    """Whether each scenario is its country's newest (the latest `as_of`; of two on one date, the
    later name)."""
    latest: dict[str, tuple[dt.date, str]] = {}
    for n, s in zip(names, scenarios, strict=True):
        latest[s.country] = max(latest.get(s.country, _age(s, n)), _age(s, n))
    return [latest[s.country] == _age(s, n) for n, s in zip(names, scenarios, strict=True)]


def listing_blocks(names: list[str], scenarios: list[Scenario]) -> list[Block]:
    """The shipped scenarios by country, each country's dated series oldest first (newest last,
    marked)."""
    newest = newest_per_country(names, scenarios)
    records = sorted(
        (
            {
                "country": s.country,
                "as_of": s.as_of,
                "newest": latest,
                "name": n,
                "title": s.title,
                "pledge_usd_bn": s.pledge.amount,
            }
            for n, s, latest in zip(names, scenarios, newest, strict=True)
        ),
        key=lambda r: (r["country"], r["as_of"] or dt.date.min, r["name"]),
    )
    return [
        Block(
            "Shipped scenarios: each describes a deal as of one date, newest last per country",
            ["country", "as_of", "newest", "name", "title", "pledge_usd_bn"],
            records,
            notes=[
                "For the deal as it stands now use a country's newest file (newest: yes; "
                "'dealcalc compare --latest' compares only those); the older ones are its history."
            ],
        )
    ]


def _union_columns(records: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(k for r in records for k in r))


def _hide_ident(block: Block, scenarios: list[Scenario]) -> None:
    """In a table of one scenario's rows, the scenario column repeats itself: title instead. A
    regime is shown by its label (`regime_label`) where the rows carry one, not by its key."""
    hidden = {"scenario", "file"} if len(scenarios) == 1 else {"scenario"}
    if len(scenarios) == 1:
        block.title = f"{block.title}: {scenarios[0].title}"
    if "regime_label" in block.columns:
        hidden.add("regime")
    block.table_columns = [c for c in block.columns if c not in hidden]


def explanation_blocks(scenarios: list[Scenario], rows: list[dict[str, Any]]) -> tuple[Block, Block]:
    """`--explain`: the formula of each metric with the numbers put in and their sources (the
    rows of `dealcalc.workings.explain`, of every scenario in turn)."""
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
