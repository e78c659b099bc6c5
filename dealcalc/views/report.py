"""`report`: every table that applies to one scenario, with the text charts of the outflow plan
and the duty."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from dealcalc.blocks import IDENT_KEYS, Block, Chart, View
from dealcalc.model.inputs import Scenario
from dealcalc.views.notes import source_notes
from dealcalc.views.tables import burden, calls, explanation, outflow, returns, tariff


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
        sections.append(("tariff", [*tariff([s], False, False), duty_chart(s)]))
    if s.returns is not None:
        sections.append(("returns", returns([s], schedule=False)))
    if s.projects:
        sections.append(("calls", calls([s], schedule=False)))
    dated = s.tariffs is not None and any(r.start is not None for r in s.tariffs.regimes)
    if s.returns is not None and s.incidence is not None and dated:  # what the balance needs
        from dealcalc.views.balance import balance

        sections.append(("balance", [balance([s])[1]]))
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
        from dealcalc.workings import explain as explained

        blocks.append(explanation([s], explained(s, merged))[0])
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
