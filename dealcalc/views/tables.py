"""The table of each results command (burden, outflow, tariff, returns, calls, list) and of
`--explain`: records with the keys of DESIGN §3 (the rows of JSON and CSV), titles and notes.

Long because each view's table is here, the tariff one in its three forms (outcomes, regimes,
timeline with its totals), each naming regimes by their labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

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
    return [_metric_block("Burden of the pledge", scenarios, results, VIEW_INPUTS["burden"], notes)]


def outflow(scenarios: list[Scenario], schedule: bool, as_of: dt.date | None = None) -> list[Block]:
    """The outflow table and, when a scenario has a date (`as_of`, default each file's), a
    "Progress" table; the first block's records carry every key (JSON, CSV, `report`)."""
    from dealcalc.model.outflow import PROGRESS_KEYS, capped_pace_usd_bn, compute_outflow, compute_schedule

    # the sources of what the outflow table shows (the progress table names the projects')
    own = inputs_of(k for k in _keys("outflow") if k not in PROGRESS_KEYS)
    if schedule:
        rows = [(s, p._asdict()) for s in scenarios for p in compute_schedule(s)]
        block = _rows_block(
            "Year-by-year outflow (12-month periods from start)",
            scenarios,
            rows,
            own,
            _keys("outflow"),
        )
        _hide_ident(block, scenarios)
        block.notes.insert(0, "Capped: the capped tranches only, at their caps; Required: every tranche.")
        return [block]
    results = [compute_outflow(s, as_of)._asdict() for s in scenarios]
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
    from_regime: str | None = None,
    to_regime: str | None = None,
    as_of: dt.date | None = None,
    timeline: bool = False,
) -> list[Block]:
    """`from_regime`/`to_regime` None: each scenario's default pair (DESIGN §3.3b)."""
    from dealcalc.model.tariff import compute_tariff, compute_tariff_lines
    from dealcalc.views.pair import pair_notes, regime_row_labels

    limits = ["Partial equilibrium, one market: says nothing of who bears the duty."]
    partial = coverage_notes(scenarios)
    if timeline:
        return [tariff_timeline(scenarios, from_regime, partial, as_of)]
    if lines:
        rows = [(s, ln.record()) for s in scenarios for ln in compute_tariff_lines(s)]
        block = _rows_block("Tariff lines", scenarios, rows, VIEW_INPUTS["tariff"], _keys("tariff"))
        block.columns = _union_columns(block.records)
        block.notes = partial + block.notes
        _hide_ident(block, scenarios)
        return [block]
    results = [compute_tariff(s, from_regime, to_regime, as_of) for s in scenarios]
    if regimes:
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
            for s, res in zip(scenarios, results, strict=True)
            for r in res.regimes
        ]
        block = _rows_block("Duty under each regime", scenarios, rows, VIEW_INPUTS["tariff"], _keys("tariff"))
        block.notes = partial + block.notes
        _hide_ident(block, scenarios)
        return [block]
    dicts = [r.record() for r in results]
    block = _metric_block(
        "Tariff outcomes",
        scenarios,
        dicts,
        VIEW_INPUTS["tariff"],
        pair_notes(scenarios, results) + partial + limits,
    )
    block.columns = _union_columns(block.records)
    block.labels = regime_row_labels(scenarios, [k[5:-7] for k in block.columns if k.startswith("duty_")])
    return [block]


def regime_label_of(s: Scenario, regime: str) -> str:
    """A regime's label for a row (`mfn` as "MFN"; its key when it has none)."""
    from dealcalc.model.tariff import regime_label

    return regime_label(s.tariffs, regime) if s.tariffs is not None else regime


def tariff_timeline(
    scenarios: list[Scenario], from_regime: str | None, partial: list[str], as_of: dt.date | None = None
) -> Block:
    """`tariff --timeline`: a row per stretch of days under one regime (cut at the as-of date into
    paid and projected), totals under the table."""
    from dealcalc.model.tariff import compute_tariff_timeline, resolve_pair
    from dealcalc.views.pair import named

    rows = [
        (s, _with_label(s, p.record()))
        for s in scenarios
        for p in compute_tariff_timeline(s, from_regime, as_of)
    ]
    pairs = [resolve_pair(s, from_regime, None, as_of) for s in scenarios]
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
    totals = []
    for s, pair in zip(scenarios, pairs, strict=True):
        mine = [r for t, r in rows if t is s]
        prefix = f"{PurePath(s.file).stem}: " if len(scenarios) > 1 else ""
        held = "without the deal" if pair.twin else f"under {named(s, pair.from_regime)}"
        days = sum(r["days"] for r in mine)
        parts = []
        for status, words in (("paid", "paid to date"), ("projected", "projected")):
            part = [r for r in mine if r["status"] == status]
            if part:
                duty, other, saved = (
                    format_value("usd_bn", sum(r[k] for r in part))
                    for k in ("duty_period_usd_bn", "duty_counterfactual_usd_bn", "savings_usd_bn")
                )
                parts.append(f"{words} {duty} ({held} {other}, saved {saved})")
        totals.append(
            f"{prefix}Totals {mine[0]['from']} to {mine[-1]['until']} ({days:,} days): {'; '.join(parts)}."
        )
        if pair.day is not None:
            totals.append(
                f"{prefix}Days before {pair.day} are paid; from it on, projected as the file dates "
                "the regimes."
            )
        else:
            totals.append(f"{prefix}No as-of date: every day is projected as the file dates the regimes.")
    block.notes = totals + partial + ["A day outside every dated regime pays MFN (rows 'MFN')."] + block.notes
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


def returns(scenarios: list[Scenario], schedule: bool) -> list[Block]:
    from dealcalc.model.returns import compute_returns, compute_returns_schedule

    if schedule:
        rows = [(s, y._asdict()) for s in scenarios for y in compute_returns_schedule(s)]
        block = _rows_block(
            "Profit waterfall, year by year", scenarios, rows, VIEW_INPUTS["returns"], _keys("returns")
        )
        _hide_ident(block, scenarios)
        return [block]
    results = [compute_returns(s)._asdict() for s in scenarios]
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


def calls(scenarios: list[Scenario], schedule: bool) -> list[Block]:
    from dealcalc.model.calls import compute_call_schedule, compute_calls

    if schedule:
        rows = [(s, c._asdict()) for s in scenarios for c in compute_call_schedule(s)]
        block = _rows_block(
            "Capital calls by due date", scenarios, rows, VIEW_INPUTS["calls"], _keys("calls")
        )
        block.notes = _calls_notes(scenarios) + block.notes
        _hide_ident(block, scenarios)
        return [block]
    results = [compute_calls(s)._asdict() for s in scenarios]
    with_duty = [
        s for s, r in zip(scenarios, results, strict=True) if r["snapback_exposure_usd_bn"] is not None
    ]
    notes = _calls_notes(scenarios) + coverage_notes(with_duty)
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


def listing(names: list[str], scenarios: list[Scenario]) -> list[Block]:
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


def explanation(scenarios: list[Scenario], rows: list[dict[str, Any]]) -> tuple[Block, Block]:
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
