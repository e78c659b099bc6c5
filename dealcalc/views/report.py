"""`report`: every table that applies to one scenario, with the text charts of the outflow plan
and the duty (the sections' tables laid out by the other views from results that
`dealcalc.commands.report` computes)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from dealcalc.blocks import IDENT_KEYS, Block, Chart, View
from dealcalc.model.inputs import Scenario
from dealcalc.views.notes import source_notes

if TYPE_CHECKING:
    from dealcalc.model.outflow import SchedulePeriod
    from dealcalc.model.tariff import TariffResult

Section = tuple[str, Sequence[View]]  # a view's name and its tables (and charts)


def outflow_chart_title(s: Scenario) -> str:
    return f"Outflow per 12-month period, required vs capped: {s.title}"


def outflow_chart(s: Scenario, schedule: Sequence[SchedulePeriod]) -> Chart:
    """Required vs capped payments per 12-month period (`schedule`: the outflow's periods)."""
    groups = [(f"{p.period_start:%Y-%m}", [p.required_usd_bn, p.capped_usd_bn]) for p in schedule]
    return Chart(
        outflow_chart_title(s),
        ["required", "capped"],
        groups,
        "usd_bn",
        notes=[
            f"Periods start on the anniversaries of {s.pledge.start}; the deadline is {s.pledge.deadline}."
        ],
    )


def duty_chart_title(s: Scenario) -> str:
    return f"Duty per year under each regime: {s.title}"


def duty_chart(s: Scenario, result: TariffResult) -> Chart:
    """Duty collected per year under each tariff regime."""
    return Chart(
        duty_chart_title(s),
        ["duty"],
        [(r, [result.duty_usd_bn[r]]) for r in result.regimes],
        "usd_bn_yr",
    )


def chart_after_table(blocks: Sequence[View], chart: Chart) -> list[View]:
    return [blocks[0], chart, *blocks[1:]]


def _values(views_of: Sequence[View]) -> dict[str, Any]:
    """A section's metrics: the record of its table (computed once, for that table)."""
    table = next(v for v in views_of if isinstance(v, Block))
    return {k: v for k, v in table.records[0].items() if k not in IDENT_KEYS}


def report_values(sections: Sequence[Section]) -> dict[str, Any]:
    """Every section's metrics together (what `report --explain` explains)."""
    merged: dict[str, Any] = {}
    for _, views_of in sections:
        merged.update(_values(views_of))
    return merged


def report_blocks(
    s: Scenario, sections: Sequence[Section], explained: Block | None
) -> tuple[list[View], Block]:
    """Every section's tables and charts, the sources left to the "About" table at the end (and
    `explained`, the table of `--explain`, before it); the long rows of JSON and CSV."""
    blocks: list[View] = []
    long_rows: list[dict[str, Any]] = []
    for name, views_of in sections:
        values = _values(views_of)
        for view in views_of:
            if isinstance(view, Block):
                view.notes = [n for n in view.notes if not n.startswith(("Sources", "  ["))]
            blocks.append(view)
        long_rows += [{"section": name, "key": k, "value": v} for k, v in values.items()]
    if explained is not None:
        blocks.append(explained)
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
