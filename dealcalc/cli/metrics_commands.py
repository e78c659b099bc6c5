"""The results commands: one scenario's (or many scenarios') metrics, a view each."""

# (no `from __future__ import annotations`: Typer would eval every annotation string at start-up)

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from dealcalc.blocks import Format
from dealcalc.cli import command, complete
from dealcalc.cli.emit import CHART_METRIC, emit_result, emit_with_chart, prepare_chart
from dealcalc.cli.options import (
    AsOfOpt,
    ChartOpt,
    ExplainOpt,
    FilesArg,
    ForceOpt,
    FormatOpt,
    FromOpt,
    NoChartOpt,
    NotesOpt,
    OutputOpt,
    ScenarioArg,
    ScheduleOpt,
    SetOpt,
    SvgOpt,
    ToOpt,
)


@command("burden")
def burden_command(
    files: FilesArg,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    notes: NotesOpt = None,
    explain: ExplainOpt = False,
    svg: SvgOpt = None,
    chart: NoChartOpt = None,
) -> None:
    """How heavy the pledge is against GDP, FX reserves and the trade surplus.

    Example: dealcalc burden korea-2025-11-mou japan-2025-09-mou -f csv
    """
    prepare_chart(chart, "burden", drawable=False)
    from dealcalc import commands

    emit_result(commands.burden(files, sets or (), explain).with_notes(notes), fmt, output, force, svg)


@command("outflow")
def outflow_command(
    files: FilesArg,
    schedule: ScheduleOpt = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    notes: NotesOpt = None,
    explain: ExplainOpt = False,
    svg: SvgOpt = None,
    as_of: AsOfOpt = None,
    chart: ChartOpt = None,
) -> None:
    """How fast the pledge can be paid under its annual caps, and what is undone at the deadline;
    how far it has got by a date (projects selected, pace so far, pace needed for the rest).

    Example: dealcalc outflow japan-2026-11-after-122 --as-of 2026-06-30
    """
    chart_fmt = prepare_chart(chart, "outflow without --schedule", schedule, force)
    from dealcalc import commands

    result = commands.outflow(files, schedule, as_of, sets or (), explain).with_notes(notes)
    emit_with_chart(
        result, fmt, output, force, svg, chart, chart_fmt,
        lambda figures, kind: figures.outflow_figure(kind, result.scenarios, result.table()),
    )


@command("tariff")
def tariff_command(
    files: FilesArg,
    lines: Annotated[bool, typer.Option("--lines", help="One row per tariff line.")] = False,
    regimes: Annotated[
        bool, typer.Option("--regimes", help="Duty and effective rate under every regime.")
    ] = False,
    timeline: Annotated[
        bool,
        typer.Option(
            "--timeline", help="One row per period from start to deadline: regime in force, duty paid."
        ),
    ] = False,
    from_regime: FromOpt = None,
    to_regime: ToOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    notes: NotesOpt = None,
    explain: ExplainOpt = False,
    svg: SvgOpt = None,
    chart: ChartOpt = None,
) -> None:
    """What the tariff cut is worth per year, how many years of savings the pledge equals, and the
    duty paid as the regimes in force changed.

    Example: dealcalc tariff japan-2025-09-mou --from pre_deal --timeline
    """
    chart_fmt = prepare_chart(chart, "tariff", force=force)
    from dealcalc import commands

    result = commands.tariff(
        files, lines, regimes, from_regime, to_regime, sets or (), explain, as_of=as_of, timeline=timeline
    ).with_notes(notes)
    def draw(figures: Any, kind: str) -> bytes:
        if timeline:
            day = None if as_of is None else dt.date.fromisoformat(str(as_of))
            return figures.timeline_figure(kind, result.scenarios, result.table(), from_regime, day)  # type: ignore[no-any-return]
        return figures.tariff_figure(kind, result.scenarios, result.views(), from_regime, to_regime)  # type: ignore[no-any-return]

    emit_with_chart(result, fmt, output, force, svg, chart, chart_fmt, draw)


@command("returns")
def returns_command(
    files: FilesArg,
    schedule: ScheduleOpt = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    notes: NotesOpt = None,
    explain: ExplainOpt = False,
    svg: SvgOpt = None,
    chart: ChartOpt = None,
) -> None:
    """What the pledger gets back under the profit split (needs a `returns:` block).

    Example: dealcalc returns japan-2025-09-mou
    --set "returns={cash_yield: 6%, horizon_years: 20, discount_rate: 4%}"
    """
    chart_fmt = prepare_chart(chart, "returns without --schedule", schedule, force)
    from dealcalc import commands

    result = commands.returns(files, schedule, sets or (), explain).with_notes(notes)
    emit_with_chart(
        result, fmt, output, force, svg, chart, chart_fmt,
        lambda figures, kind: figures.returns_figure(kind, result.scenarios, result.table()),
    )


@command("balance")
def balance_command(
    files: FilesArg,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    notes: NotesOpt = None,
    explain: ExplainOpt = False,
    svg: SvgOpt = None,
    chart: ChartOpt = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="YYYY-MM-DD; balance always measures against the without-deal twin, so a date later "
            "than a file's as_of only adds a note that its facts are older.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """What each side gets, in present value: the tariff saved against the deal's absence, who keeps
    it, the capital deployed and each side's returns (needs returns: and incidence:).

    Example: dealcalc balance japan-2026-11-after-122 --set incidence.exporter_share=50%
    """
    chart_fmt = prepare_chart(chart, "balance", force=force)
    from dealcalc import commands

    result = commands.balance(files, sets or (), explain, as_of).with_notes(notes)
    emit_with_chart(
        result, fmt, output, force, svg, chart, chart_fmt,
        lambda figures, kind: figures.balance_figure(kind, result.scenarios, result.views()),
    )


@command("calls")
def calls_command(
    files: FilesArg,
    schedule: ScheduleOpt = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    notes: NotesOpt = None,
    explain: ExplainOpt = False,
    svg: SvgOpt = None,
    as_of: AsOfOpt = None,
    from_regime: FromOpt = None,
    to_regime: ToOpt = None,
    chart: NoChartOpt = None,
) -> None:
    """Capital calls of the selected projects: due dates after the funding window, year sums
    against the cap (per pledge.cap_basis), first breach; announced interest listed apart.

    Example: dealcalc calls japan-2026-11-after-122 --schedule
    """
    prepare_chart(chart, "calls", drawable=False)
    from dealcalc import commands

    pair = commands.Pair(as_of, from_regime, to_regime)
    result = commands.calls(files, schedule, sets or (), explain, pair).with_notes(notes)
    emit_result(result, fmt, output, force, svg)


@command("compare")
def compare_command(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[SCENARIO]...",
            help="Scenarios to compare (default: every shipped one).",
            show_default=False,
            autocompletion=complete.scenario_names,
        ),
    ] = None,
    metric: Annotated[
        list[str] | None,
        typer.Option(
            "--metric",
            "-m",
            metavar="KEY",
            help="A column to show instead of the default ones (repeatable; 'dealcalc metrics' lists them).",
            show_default=False,
            autocompletion=complete.metric_keys,
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    notes: NotesOpt = None,
    explain: ExplainOpt = False,
    svg: SvgOpt = None,
    latest: Annotated[
        bool, typer.Option("--latest", help="Only each country's newest file (the latest as_of).")
    ] = False,
    as_of: AsOfOpt = None,
    from_regime: FromOpt = None,
    to_regime: ToOpt = None,
    chart: ChartOpt = None,
) -> None:
    """One row per scenario: the headline burden, pace and savings figures side by side.

    Example: dealcalc compare -m pledge_to_gdp -m pledge_to_annual_savings
    """
    chart_fmt = prepare_chart(chart, "compare", force=force)
    from dealcalc import commands

    pair = commands.Pair(as_of, from_regime, to_regime)
    result = commands.compare(files, metric, sets or (), explain, pair=pair, latest=latest).with_notes(notes)
    if chart is not None:  # the chart draws the first metric
        from dealcalc import figures

        figures.check_metric(chart, metric[0] if metric else CHART_METRIC)
    emit_with_chart(
        result, fmt, output, force, svg, chart, chart_fmt,
        lambda figures, kind: figures.compare_figure(
            kind, result.gather().table(), metric[0] if metric else CHART_METRIC, result.scenarios
        ),
    )


HtmlOpt = Annotated[
    Path | None,
    typer.Option(
        "--html",
        dir_okay=False,
        metavar="FILE",
        help="Also write the report as one self-contained HTML page (tables, charts, notes, sources).",
        show_default=False,
    ),
]


@command("report")
def report_command(
    file: ScenarioArg,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    notes: NotesOpt = None,
    explain: ExplainOpt = False,
    svg: SvgOpt = None,
    html: HtmlOpt = None,
    as_of: AsOfOpt = None,
    from_regime: FromOpt = None,
    to_regime: ToOpt = None,
    chart: NoChartOpt = None,
) -> None:
    """Every table that applies to one scenario, with charts of the outflow plan and the duty.

    Example: dealcalc report korea-2025-11-mou --html korea.html
    """
    prepare_chart(chart, "report", drawable=False)
    from dealcalc import commands

    if html is not None:
        from dealcalc import figures

        figures.prepare_html(html, force)
    result = commands.report(
        file, sets or (), explain, commands.Pair(as_of, from_regime, to_regime)
    ).with_notes(notes)
    page = None
    if html is not None:
        page = figures.report_html(result.scenarios[0], result.views())
    emit_result(result, fmt, output, force, svg)
    if html is not None and page is not None:
        figures.save(html, page.encode("utf-8"), force, "--html")
