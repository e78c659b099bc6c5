"""The analyses: diff, sweep, sensitivity and simulate."""

# (no `from __future__ import annotations`: Typer would eval every annotation string at start-up)

from typing import Annotated, Any

import typer

from dealcalc.blocks import Format
from dealcalc.cli import command, complete
from dealcalc.cli.emit import emit_result, emit_with_chart, prepare_chart, progress_bar
from dealcalc.cli.options import (
    AsOfOpt,
    ChartOpt,
    ForceOpt,
    FormatOpt,
    FromOpt,
    MetricsOpt,
    NoChartOpt,
    NotesOpt,
    OutputOpt,
    ScenarioArg,
    SetOpt,
    ToOpt,
)


@command("diff")
def diff_command(
    a: Annotated[
        str,
        typer.Argument(
            metavar="A", help="First scenario.", show_default=False, autocompletion=complete.scenario_names
        ),
    ],
    b: Annotated[
        str,
        typer.Argument(
            metavar="B", help="Second scenario.", show_default=False, autocompletion=complete.scenario_names
        ),
    ],
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    notes: NotesOpt = None,
    every: Annotated[
        bool,
        typer.Option(
            "--all", help="Also the metrics that are the same in both (default: those that differ)."
        ),
    ] = False,
    chart: NoChartOpt = None,
) -> None:
    """Inputs that differ between two scenarios, and the metrics that differ, side by side with the change.

    Example: dealcalc diff korea-2025-07-framework korea-2025-11-mou
    """
    prepare_chart(chart, "diff", drawable=False)
    from dealcalc import commands

    emit_result(commands.diff(a, b, sets or (), every).with_notes(notes), fmt, output, force)


@command("sweep")
def sweep_command(
    file: ScenarioArg,
    vary: Annotated[
        list[str],
        typer.Option(
            "--vary",
            metavar="PATH=START:STOP:STEP",
            help="A field and its range in the field's own syntax, STOP inclusive "
            "(repeatable: every combination).",
            show_default=False,
            autocompletion=complete.field_paths,
        ),
    ],
    metric: MetricsOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    as_of: AsOfOpt = None,
    from_regime: FromOpt = None,
    to_regime: ToOpt = None,
    notes: NotesOpt = None,
    chart: ChartOpt = None,
) -> None:
    """The grid of all combinations of the varied fields, with the metrics at each point.

    Example: dealcalc sweep korea-2025-11-mou -m years_needed_at_cap
    --vary 'pledge.tranches.0.annual_cap=10 USD bn:40 USD bn:5 USD bn'
    """
    chart_fmt = prepare_chart(chart, "sweep", force=force)
    if chart is not None:
        from dealcalc import figures

        figures.check_sweep(chart, len(vary))
    from dealcalc import commands

    pair = commands.Pair(as_of, from_regime, to_regime)
    result = commands.sweep(file, vary, metric, sets or (), progress_bar, pair).with_notes(notes)

    def draw(figures: Any, kind: str) -> bytes:
        (s,) = result.scenarios
        metric_at = len(vary)  # the varied fields, then the metrics: the chart draws the first
        varied, first = result.columns[:metric_at], result.columns[metric_at]
        return figures.sweep_figure(kind, s, result.dicts(), varied, first, result.notes)  # type: ignore[no-any-return]

    emit_with_chart(result, fmt, output, force, None, chart, chart_fmt, draw)


@command("sensitivity")
def sensitivity_command(
    file: ScenarioArg,
    metric: Annotated[
        str,
        typer.Option(
            "--metric",
            "-m",
            metavar="KEY",
            help="The metric whose swing is measured.",
            show_default=False,
            autocompletion=complete.metric_keys,
        ),
    ],
    delta: Annotated[
        str, typer.Option("--delta", metavar="RATE", help="How far each input moves, down and up.")
    ] = "10%",
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    as_of: AsOfOpt = None,
    from_regime: FromOpt = None,
    to_regime: ToOpt = None,
    notes: NotesOpt = None,
    chart: ChartOpt = None,
) -> None:
    """Each numeric input moved down and up by --delta, sorted by the swing of one metric (a tornado).

    Example: dealcalc sensitivity korea-2025-11-mou --metric pledge_to_annual_savings
    """
    chart_fmt = prepare_chart(chart, "sensitivity", force=force)
    from dealcalc import commands

    pair = commands.Pair(as_of, from_regime, to_regime)
    result = commands.sensitivity(file, metric, delta, sets or (), pair).with_notes(notes)
    emit_with_chart(
        result, fmt, output, force, None, chart, chart_fmt,
        lambda figures, kind: figures.sensitivity_figure(
            kind, result.scenarios[0], result.views(), result.dicts(), metric, commands.parse_delta(delta)
        ),
    )


@command("simulate")
def simulate_command(
    file: ScenarioArg,
    runs: Annotated[
        int, typer.Option("--runs", "-n", min=1, max=10_000_000, help="Number of draws.")
    ] = 10_000,
    seed: Annotated[
        int, typer.Option("--seed", help="Seed of the draws: the same seed gives the same output.")
    ] = 0,
    metric: MetricsOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    as_of: AsOfOpt = None,
    from_regime: FromOpt = None,
    to_regime: ToOpt = None,
    notes: NotesOpt = None,
    chart: ChartOpt = None,
) -> None:
    """Draw the file's `uncertainty:` inputs and report mean, P5, P50 and P95 of each metric.

    Example: dealcalc simulate korea-2025-11-mou --runs 100000 --seed 7
    --set "uncertainty={economy.fx_rate: {normal: [1400, 50]}}"
    """
    chart_fmt = prepare_chart(chart, "simulate", force=force)
    draws: dict[str, Any] | None = {} if chart_fmt else None
    from dealcalc import commands

    pair = commands.Pair(as_of, from_regime, to_regime)
    result = commands.simulate(file, runs, seed, metric, sets or (), progress_bar, draws, pair).with_notes(
        notes
    )
    emit_with_chart(
        result, fmt, output, force, None, chart, chart_fmt,
        lambda figures, kind: figures.simulate_figure(
            kind, result.scenarios[0], result.views(), result.dicts(), draws or {}, (runs, seed)
        ),
    )
