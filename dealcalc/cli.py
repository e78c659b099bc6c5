"""The `dealcalc` command line: parse options, call the loaders and the model, hand results to
the renderer, set the exit code. No arithmetic and no formatting here."""

# (no `from __future__ import annotations`: Typer would eval every annotation string at start-up)

import contextlib
import functools
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from dealcalc import __version__
from dealcalc.errors import DealcalcError, ScenarioError, exit_code
from dealcalc.render import Block, Format, View, escape_controls

_SETTINGS: dict[str, Any] = {
    "name": "dealcalc",
    "help": "Calculator for investment-for-tariff-relief deals (Japan $550bn, Korea $350bn, …).\n\n"
    "Example: dealcalc burden korea-2025-11-mou",
    "no_args_is_help": True,
    # --install-completion, --show-completion; the shell calls _DEALCALC_COMPLETE=complete_bash …
    "add_completion": True,
    # Plain (click) help and usage errors: Rich's help imports rich.markdown and markdown-it,
    # which made `--help` 1.7 × the bare imports (DESIGN §7: ≤ 1.2 ×).
    "rich_markup_mode": None,
    "pretty_exceptions_enable": False,  # user data must never land in a locals-dumping traceback
    "context_settings": {"help_option_names": ["-h", "--help"], "max_content_width": 100},
}
app = typer.Typer(**_SETTINGS)

_state = {"debug": False}

F = TypeVar("F", bound=Callable[..., Any])


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dealcalc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a Python traceback on errors (for developers).")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    _state["debug"] = debug


def command(name: str | None = None) -> Callable[[F], F]:
    """Register a command whose errors become messages and exit codes — the one place that
    does so (DESIGN §4: 1 bad input, 2 usage, 130 interrupted, 70 a bug in dealcalc)."""

    def register(func: F) -> F:
        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            from dealcalc import output, process

            try:
                with output.transaction() as written:  # a failed run writes no file at all
                    result = func(*args, **kwargs)
                    process.flush_stdout()
                for path in written:
                    typer.echo(f"wrote {path}", err=True)
                return result
            except DealcalcError as exc:
                if _state["debug"]:
                    raise
                for line in _worded(exc):
                    typer.echo(escape_controls(line), err=True)
                raise typer.Exit(exit_code(exc)) from None
            except KeyboardInterrupt as exc:  # in-process; a real process exits in dealcalc.process
                typer.echo("interrupted", err=True)
                raise typer.Exit(exit_code(exc)) from None
            except OSError as exc:  # stdout: a closed pipe (`| head`), a full disk, closed
                if _state["debug"]:
                    raise
                raise typer.Exit(process.stdout_failed(exc)) from None
            except (typer.Exit, typer.Abort):
                raise
            except Exception as exc:
                if _state["debug"]:
                    raise
                typer.echo(
                    f"dealcalc: internal error ({type(exc).__name__}: {exc}); this is a bug — "
                    "rerun with 'dealcalc --debug …' and report the traceback",
                    err=True,
                )
                raise typer.Exit(exit_code(exc)) from None

        # the whole first line of the docstring in the list of commands (not cut at 45 characters)
        summary = (func.__doc__ or "").strip().split("\n", 1)[0]
        app.command(name or func.__name__, short_help=summary)(run)
        return func

    return register


def _worded(exc: DealcalcError) -> list[str]:
    """An error's message as the command line says it: naming the option where that helps."""
    from dealcalc.errors import MissingInputError, UnknownMetricError

    if isinstance(exc, UnknownMetricError):
        return [f"--metric {exc}"]
    if isinstance(exc, MissingInputError) and exc.inline:
        return [*exc.lines(), f'or pass --set "{exc.path}={exc.inline}"']
    return exc.lines()


# --- shared options ------------------------------------------------------------------------------
FilesArg = Annotated[
    list[str],
    typer.Argument(
        metavar="SCENARIO...",
        help="Scenario files, or names of shipped scenarios ('dealcalc list').",
        show_default=False,
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        dir_okay=False,
        help="Write to FILE (atomically) instead of stdout.",
        show_default=False,
    ),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace an existing --output file.")]
SetOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--set",
        metavar="[NAME:]PATH=VALUE",
        help="Override a field after loading, e.g. --set economy.fx_rate=1400; NAME: applies it to "
        "one scenario only (repeatable; footnoted under every table).",
        show_default=False,
    ),
]

ScenarioArg = Annotated[
    str, typer.Argument(metavar="SCENARIO", help="Scenario file or shipped name.", show_default=False)
]
MetricsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--metric",
        "-m",
        metavar="KEY",
        help="Metric to report (repeatable; default: the compare metrics).",
        show_default=False,
    ),
]


def assignments(files: list[str], sets: list[str] | None) -> list[Any]:
    """The command's `--set` overrides, parsed and checked against its scenarios."""
    from dealcalc.scenario import parse_assignments

    return parse_assignments(sets or (), files)


def emit_result(result: Any, fmt: Format, output: Path | None, force: bool, svg: Path | None = None) -> None:
    """Print or write a command's `results.Result`: its rows as JSON or CSV (streamed as they
    come), or its tables; `svg` also saves the tables as a picture. Then report the problems of
    a batch's bad files, if any."""
    from dealcalc.render import TABLE_ROWS

    if fmt is Format.csv and svg is None and result.csv_body is not None:
        from dealcalc.render import stream_csv_columns

        _write(stream_csv_columns(result.columns, result.csv_body()), output, force)
    elif fmt in (Format.json, Format.csv):
        if svg is not None:
            _save_svg(
                [_shortened(b) if isinstance(b, Block) else b for b in result.gather().views()], svg, force
            )
        emit_rows(result.title, result.columns, result.rows, fmt, output, force)
    else:
        # a long table keeps only its first and last rows as they stream (Markdown keeps all)
        emit(result.views(keep=TABLE_ROWS if fmt is Format.table else None), fmt, output, force, svg=svg)
    result.check()


def _results() -> Any:
    from dealcalc import results

    return results


def emit(
    blocks: Sequence[View],
    fmt: Format,
    output: Path | None,
    force: bool,
    data: Block | None = None,
    svg: Path | None = None,
) -> None:
    """Print or write a command's output. JSON and CSV carry `data` (default: the first block);
    `svg` also saves the table view as a picture. A table of more than 1,000 rows shows the
    first and the last 500."""
    if fmt is Format.table or svg is not None:
        shown = [_shortened(b) if isinstance(b, Block) else b for b in blocks]
        blocks = shown if fmt is Format.table else blocks
        if svg is not None:
            _save_svg(shown, svg, force)
            svg = None
    if svg is not None:
        _save_svg(blocks, svg, force)
    if fmt in (Format.json, Format.csv):
        data = data or next(b for b in blocks if isinstance(b, Block))
        emit_rows(data.title, data.columns, data.records, fmt, output, force)
        return
    if output is None and fmt is Format.table and sys.stdout.isatty():
        # bold and colour on a terminal; piped or written output is plain text
        from dealcalc.render.layout import print_tables

        print_tables(blocks)
        return
    from dealcalc.render import render_text

    _write([render_text(blocks, fmt, width=_columns())], output, force)


def emit_rows(
    title: str, columns: list[str], rows: Iterable[Any], fmt: Format, output: Path | None, force: bool
) -> None:
    """Rows as JSON or CSV, streamed as they come (memory stays flat)."""
    from dealcalc import render

    if fmt is Format.json:
        _write(render.stream_json(columns, rows), output, force)
    else:
        _write(map(escape_controls, render.stream_csv(columns, rows)), output, force)


def _shortened(block: Block) -> Block:
    """A table of more than 1,000 rows with only its first and last 500 kept (unless `gap`
    says that is done already): the gap is a row of '…', and a note says how to get every row."""
    from dealcalc import render

    if block.gap is None:
        if len(block.records) <= render.TABLE_ROWS or block.layout != "rows":
            return block
        records, total = render.head_and_tail(block.records, block.columns)
        block = Block(
            block.title, block.columns, records, block.layout, block.notes, block.headers, block.table_columns
        )
        block.gap = (len(records) // 2, total - len(records))
    kept, total = len(block.records), len(block.records) + block.gap[1]
    block.notes = [
        f"{total:,} rows: the first {kept // 2:,} and the last {kept - kept // 2:,} shown; "
        "-f csv, -f json or -f markdown gives every row.",
        *block.notes,
    ]
    return block


def _save_svg(blocks: Sequence[View], path: Path, force: bool) -> None:
    from dealcalc.render.table import svg_text

    _write([svg_text(blocks, _columns())], path, force)


def _write(chunks: Iterable[str], output: Path | None, force: bool) -> None:
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    from dealcalc.output import write_atomic

    write_atomic(output, chunks, force=force)


@contextlib.contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for long work, when stderr is a terminal."""
    from dealcalc.analysis.pool import PARALLEL_FROM

    if total < PARALLEL_FROM or not sys.stderr.isatty():
        yield None
        return
    from dealcalc.render.table import ProgressBar

    with ProgressBar(total, label) as bar:
        yield bar.advance


def _columns() -> int:
    """Width for plain tables: COLUMNS if set, else 100 (piped output has no terminal width)."""
    import os

    try:
        return max(40, int(os.environ.get("COLUMNS", "100")))
    except ValueError:
        return 100


def _views() -> Any:
    from dealcalc import views

    return views


def _figures() -> Any:
    from dealcalc import figures

    return figures


CHART_METRIC = "pledge_to_gdp"  # what `compare --chart` draws without -m


def _save_chart(chart: Path | None, picture: bytes | str | None, force: bool) -> None:
    """Write the chart drawn before the output was (so a failed drawing writes nothing; it is put
    in place, and said so, with the command's other files when the command succeeds)."""
    if chart is not None and isinstance(picture, bytes):
        _figures().save(chart, picture, force)


# --- commands ------------------------------------------------------------------------------------
SvgOpt = Annotated[
    Path | None,
    typer.Option(
        "--svg",
        dir_okay=False,
        metavar="FILE",
        help="Also save the table view as an SVG picture of the terminal.",
        show_default=False,
    ),
]
ChartOpt = Annotated[
    Path | None,
    typer.Option(
        "--chart",
        dir_okay=False,
        metavar="FILE",
        help="Also draw the command's chart as a figure for print: FILE.svg, .png or .pdf "
        "(needs pip install 'dealcalc[charts]').",
        show_default=False,
    ),
]
# a command without a chart accepts --chart only to say so (exit 2), and does not offer it in --help
NoChartOpt = Annotated[Path | None, typer.Option("--chart", hidden=True, dir_okay=False)]
ExplainOpt = Annotated[
    bool, typer.Option("--explain", help="Add each metric's formula, the numbers put in, and their sources.")
]
ScheduleOpt = Annotated[bool, typer.Option("--schedule", help="Year by year (or call by call) instead.")]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="The as-of date, YYYY-MM-DD, of progress and to-date figures (default: each file's as_of).",
        show_default=False,
    ),
]


@command()
def burden(
    files: FilesArg,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    explain: ExplainOpt = False,
    svg: SvgOpt = None,
    chart: NoChartOpt = None,
) -> None:
    """How heavy the pledge is against GDP, FX reserves and the trade surplus.

    Example: dealcalc burden korea-2025-11-mou japan-2025-09-mou -f csv
    """
    _figures().prepare(chart, "burden", drawable=False)
    emit_result(_results().burden(files, sets or (), explain), fmt, output, force, svg)


@command()
def outflow(
    files: FilesArg,
    schedule: ScheduleOpt = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    explain: ExplainOpt = False,
    svg: SvgOpt = None,
    as_of: AsOfOpt = None,
    chart: ChartOpt = None,
) -> None:
    """How fast the pledge can be paid under its annual caps, and what is undone at the deadline;
    how far it has got by a date (projects selected, pace so far, pace needed for the rest).

    Example: dealcalc outflow japan-2025-09-mou --as-of 2026-11-30
    """
    chart_fmt = _figures().prepare(chart, "outflow without --schedule", schedule, force)
    result = _results().outflow(files, schedule, as_of, sets or (), explain)
    picture = chart_fmt and _figures().outflow(chart_fmt, result.scenarios, result.views()[0])
    emit_result(result, fmt, output, force, svg)
    _save_chart(chart, picture, force)


@command()
def tariff(
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
    from_regime: Annotated[
        str,
        typer.Option(
            "--from", metavar="REGIME", help="Regime compared from (the counterfactual of the timeline)."
        ),
    ] = "threatened",
    to_regime: Annotated[str, typer.Option("--to", metavar="REGIME", help="Regime compared to.")] = "agreed",
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    explain: ExplainOpt = False,
    svg: SvgOpt = None,
    chart: ChartOpt = None,
) -> None:
    """What the tariff cut is worth per year, how many years of savings the pledge equals, and the
    duty paid as the regimes in force changed.

    Example: dealcalc tariff japan-2025-09-mou --from pre_deal --timeline
    """
    chart_fmt = _figures().prepare(chart, "tariff", force=force)
    result = _results().tariff(
        files, lines, regimes, from_regime, to_regime, sets or (), explain, as_of=as_of, timeline=timeline
    )
    if chart_fmt and timeline:
        picture = _figures().timeline(chart_fmt, result.scenarios, result.views()[0], from_regime)
    else:
        picture = chart_fmt and _figures().tariff(
            chart_fmt, result.scenarios, result.views(), from_regime, to_regime
        )
    emit_result(result, fmt, output, force, svg)
    _save_chart(chart, picture, force)


@command()
def returns(
    files: FilesArg,
    schedule: ScheduleOpt = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    explain: ExplainOpt = False,
    svg: SvgOpt = None,
    chart: ChartOpt = None,
) -> None:
    """What the pledger gets back under the profit split (needs a `returns:` block).

    Example: dealcalc returns japan-2025-09-mou
    --set "returns={cash_yield: 6%, horizon_years: 20, discount_rate: 4%}"
    """
    chart_fmt = _figures().prepare(chart, "returns without --schedule", schedule, force)
    result = _results().returns(files, schedule, sets or (), explain)
    picture = chart_fmt and _figures().returns(chart_fmt, result.scenarios, result.views()[0])
    emit_result(result, fmt, output, force, svg)
    _save_chart(chart, picture, force)


@command()
def calls(
    files: FilesArg,
    schedule: ScheduleOpt = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    explain: ExplainOpt = False,
    svg: SvgOpt = None,
    chart: NoChartOpt = None,
) -> None:
    """Capital calls: due dates after the funding window, trailing-year sums against the cap.

    Example: dealcalc calls japan-2025-09-mou --schedule
    """
    _figures().prepare(chart, "calls", drawable=False)
    emit_result(_results().calls(files, schedule, sets or (), explain), fmt, output, force, svg)


@command()
def compare(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[SCENARIO]...",
            help="Scenarios to compare (default: every shipped one).",
            show_default=False,
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
        ),
    ] = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    explain: ExplainOpt = False,
    svg: SvgOpt = None,
    chart: ChartOpt = None,
) -> None:
    """One row per scenario: the headline burden, pace and savings figures side by side.

    Example: dealcalc compare -m pledge_to_gdp -m pledge_to_annual_savings
    """
    chart_fmt = _figures().prepare(chart, "compare", force=force)
    result = _results().compare(files, metric, sets or (), explain)
    _figures().check_metric(chart, metric[0] if metric else CHART_METRIC)  # the chart draws the first
    picture = None
    if chart_fmt:
        table = next(v for v in result.gather().views() if isinstance(v, Block))
        picture = _figures().compare(chart_fmt, table, metric[0] if metric else CHART_METRIC)
    emit_result(result, fmt, output, force, svg)
    _save_chart(chart, picture, force)


@command()
def report(
    file: ScenarioArg,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    explain: ExplainOpt = False,
    svg: SvgOpt = None,
    chart: NoChartOpt = None,
) -> None:
    """Every table that applies to one scenario, with charts of the outflow plan and the duty.

    Example: dealcalc report korea-2025-11-mou --svg report.svg
    """
    _figures().prepare(chart, "report", drawable=False)
    emit_result(_results().report(file, sets or (), explain), fmt, output, force, svg)


@command()
def diff(
    a: Annotated[str, typer.Argument(metavar="A", help="First scenario.", show_default=False)],
    b: Annotated[str, typer.Argument(metavar="B", help="Second scenario.", show_default=False)],
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    chart: NoChartOpt = None,
) -> None:
    """Inputs that differ between two scenarios, and every metric side by side with the change.

    Example: dealcalc diff korea-2025-07-framework korea-2025-11-mou
    """
    _figures().prepare(chart, "diff", drawable=False)
    emit_result(_results().diff(a, b, sets or ()), fmt, output, force)


@command()
def sweep(
    file: ScenarioArg,
    vary: Annotated[
        list[str],
        typer.Option(
            "--vary",
            metavar="PATH=START:STOP:STEP",
            help="A field and its range in the field's own syntax, STOP inclusive "
            "(repeatable: every combination).",
            show_default=False,
        ),
    ],
    metric: MetricsOpt = None,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    chart: ChartOpt = None,
) -> None:
    """The grid of all combinations of the varied fields, with the metrics at each point.

    Example: dealcalc sweep korea-2025-11-mou -m years_needed_at_cap
    --vary 'pledge.tranches.0.annual_cap=10 USD bn:40 USD bn:5 USD bn'
    """
    figures = _figures()
    chart_fmt = figures.prepare(chart, "sweep", force=force)
    figures.check_sweep(chart, len(vary))
    result = _results().sweep(file, vary, metric, sets or (), _progress)
    picture = None
    if chart_fmt:
        (s,) = result.scenarios
        rows = [dict(zip(result.columns, r, strict=True)) for r in result.gather().rows]
        metric_at = len(vary)  # the varied fields, then the metrics: the chart draws the first
        varied, first = result.columns[:metric_at], result.columns[metric_at]
        picture = figures.sweep(chart_fmt, s, rows, varied, first, result.notes)
    emit_result(result, fmt, output, force)
    _save_chart(chart, picture, force)


@command()
def sensitivity(
    file: ScenarioArg,
    metric: Annotated[
        str,
        typer.Option(
            "--metric", "-m", metavar="KEY", help="The metric whose swing is measured.", show_default=False
        ),
    ],
    delta: Annotated[
        str, typer.Option("--delta", metavar="RATE", help="How far each input moves, down and up.")
    ] = "10%",
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
    chart: ChartOpt = None,
) -> None:
    """Each numeric input moved down and up by --delta, sorted by the swing of one metric (a tornado).

    Example: dealcalc sensitivity korea-2025-11-mou --metric pledge_to_annual_savings
    """
    chart_fmt = _figures().prepare(chart, "sensitivity", force=force)
    result = _results().sensitivity(file, metric, delta, sets or ())
    picture = chart_fmt and _figures().sensitivity(
        chart_fmt, result.scenarios[0], result.views(), result.rows, metric, _results().parse_delta(delta)
    )
    emit_result(result, fmt, output, force)
    _save_chart(chart, picture, force)


@command()
def simulate(
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
    chart: ChartOpt = None,
) -> None:
    """Draw the file's `uncertainty:` inputs and report mean, P5, P50 and P95 of each metric.

    Example: dealcalc simulate korea-2025-11-mou --runs 100000 --seed 7
    --set "uncertainty={economy.fx_rate: {normal: [1400, 50]}}"
    """
    chart_fmt = _figures().prepare(chart, "simulate", force=force)
    draws: dict[str, Any] | None = {} if chart_fmt else None
    result = _results().simulate(file, runs, seed, metric, sets or (), _progress, draws)
    picture = chart_fmt and _figures().simulate(
        chart_fmt, result.scenarios[0], result.views(), result.rows, draws or {}, (runs, seed)
    )
    emit_result(result, fmt, output, force)
    _save_chart(chart, picture, force)


@command()
def new(
    country: Annotated[
        str, typer.Argument(metavar="COUNTRY", help="The pledging country.", show_default=False)
    ],
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Print a commented scenario skeleton to fill in (its <placeholders> fail validation until filled).

    Example: dealcalc new Vietnam -o vietnam-2025.yaml
    """
    from dealcalc.skeleton import skeleton

    _write([skeleton(country)], output, force)


@command("list")
def list_(fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False) -> None:
    """The shipped scenarios, with title, as-of date and pledge.

    Example: dealcalc list
    """
    emit_result(_results().listing(), fmt, output, force)


@command()
def validate(files: FilesArg, sets: SetOpt = None) -> None:
    """Check scenario files without computing; exit 1 listing every problem.

    Example: dealcalc validate my-deal.yaml
    """
    from dealcalc.scenario import load_scenario

    given = assignments(files, sets)
    problems = []
    for f in files:
        try:
            s = load_scenario(f, given)
            typer.echo(f"ok: {s.file} ({s.title})")
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ScenarioError(problems)


@command()
def schema(output: OutputOpt = None, force: ForceOpt = False) -> None:
    """Print the JSON Schema of the scenario format, for editors (see README).

    Example: dealcalc schema -o dealcalc.schema.json
    """
    import json

    from dealcalc.scenario.spec import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        from dealcalc.output import write_atomic

        write_atomic(output, text, force=force)


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app to run for these arguments: one with only the command named, when one is.
    Typer builds every command's options before it parses any (18 ms of a 90 ms one-off
    command for all 15 commands); the root's help, unknown commands and shell completion get
    the whole app."""
    import os

    if "_DEALCALC_COMPLETE" in os.environ:
        return app
    name = next((a for a in args if not a.startswith("-")), None)
    for info in app.registered_commands:
        if info.name == name:
            one = typer.Typer(**_SETTINGS)
            one.registered_callback = app.registered_callback
            one.registered_commands = [info]
            return one
    return app


def main() -> None:
    """Console-script entry point (see `dealcalc.launch`)."""
    from dealcalc import process

    process.install()
    try:
        # prog_name: under `python -m dealcalc` too, usage lines and completion say "dealcalc"
        app_for(sys.argv[1:])(prog_name="dealcalc")
    except KeyboardInterrupt:  # pragma: no cover - during Typer's own start-up
        sys.stderr.write("interrupted\n")
        sys.exit(exit_code(KeyboardInterrupt()))
    except OSError as exc:  # Typer's own output: `dealcalc --help > /dev/full`
        sys.exit(process.stdout_failed(exc))
