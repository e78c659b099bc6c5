"""The `dealcalc` command line: parse options, call the loaders and the model, hand results to
the renderer, set the exit code. No arithmetic and no formatting here."""

# (no `from __future__ import annotations`: Typer would eval every annotation string at start-up)

import functools
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from dealcalc import __version__
from dealcalc.errors import DealcalcError, ExitCode, ScenarioError
from dealcalc.render import Block, Format

app = typer.Typer(
    name="dealcalc",
    help="Calculator for investment-for-tariff-relief deals (Japan $550bn, Korea $350bn, …).\n\n"
    "Example: dealcalc burden korea-2025-11-mou",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,  # user data must never land in a locals-dumping traceback
    context_settings={"help_option_names": ["-h", "--help"]},
)

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
            try:
                return func(*args, **kwargs)
            except DealcalcError as exc:
                if _state["debug"]:
                    raise
                for line in exc.lines():
                    typer.echo(line, err=True)
                raise typer.Exit(int(exc.exit_code)) from None
            except KeyboardInterrupt:
                typer.echo("interrupted", err=True)
                raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
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
                raise typer.Exit(int(ExitCode.INTERNAL)) from None

        app.command(name)(run)
        return func

    return register


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
        metavar="PATH=VALUE",
        help="Override a field after loading, e.g. --set pledge.annual_cap='25 USD bn' (repeatable).",
        show_default=False,
    ),
]


def load_all(files: Iterable[str], sets: list[str] | None) -> list[Any]:
    """Load every scenario; report the problems of all files together."""
    from dealcalc.scenario import load_scenario

    scenarios, problems = [], []
    for f in files:
        try:
            scenarios.append(load_scenario(f, sets or ()))
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ScenarioError(problems)
    return scenarios


def emit(blocks: list[Block], fmt: Format, output: Path | None, force: bool) -> None:
    from dealcalc.render import render_text

    if output is None and fmt is Format.table and sys.stdout.isatty():
        # pretty on a terminal; piped or written output is plain text (drawn without Rich)
        from dealcalc.render.table import print_tables

        print_tables(blocks)
        return
    text = render_text(blocks, fmt, width=_columns())
    if output is None:
        sys.stdout.write(text)
        return
    from dealcalc.output import write_atomic

    write_atomic(output, text, force=force)
    typer.echo(f"wrote {output}", err=True)


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


# --- commands ------------------------------------------------------------------------------------
@command()
def burden(
    files: FilesArg,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
) -> None:
    """How heavy the pledge is against GDP, FX reserves and the trade surplus.

    Example: dealcalc burden korea-2025-11-mou japan-2025-09-mou -f csv
    """
    emit(_views().burden(load_all(files, sets)), fmt, output, force)


@command()
def outflow(
    files: FilesArg,
    schedule: Annotated[
        bool, typer.Option("--schedule", help="Year-by-year plan: required and capped.")
    ] = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
) -> None:
    """How fast the pledge can be paid under its annual caps, and what is undone at the deadline.

    Example: dealcalc outflow korea-2025-11-mou --schedule
    """
    emit(_views().outflow(load_all(files, sets), schedule), fmt, output, force)


@command()
def tariff(
    files: FilesArg,
    lines: Annotated[bool, typer.Option("--lines", help="One row per tariff line.")] = False,
    regimes: Annotated[
        bool, typer.Option("--regimes", help="Duty and effective rate under every regime.")
    ] = False,
    from_regime: Annotated[
        str, typer.Option("--from", metavar="REGIME", help="Regime compared from.")
    ] = "threatened",
    to_regime: Annotated[str, typer.Option("--to", metavar="REGIME", help="Regime compared to.")] = "agreed",
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
) -> None:
    """What the tariff cut is worth per year, and how many years of savings the pledge equals.

    Example: dealcalc tariff japan-2025-09-mou --lines
    """
    if lines and regimes:
        raise _usage("--lines and --regimes are separate views; pick one")
    emit(_views().tariff(load_all(files, sets), lines, regimes, from_regime, to_regime), fmt, output, force)


@command()
def returns(
    files: FilesArg,
    schedule: Annotated[bool, typer.Option("--schedule", help="Year-by-year waterfall.")] = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
) -> None:
    """What the pledger gets back under the profit split (needs a `returns:` block).

    Example: dealcalc returns japan-2025-09-mou
    --set "returns={cash_yield: 6%, horizon_years: 20, discount_rate: 4%}"
    """
    emit(_views().returns(load_all(files, sets), schedule), fmt, output, force)


@command()
def calls(
    files: FilesArg,
    schedule: Annotated[
        bool, typer.Option("--schedule", help="One row per call, in due-date order.")
    ] = False,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
) -> None:
    """Capital calls: due dates after the funding window, trailing-year sums against the cap.

    Example: dealcalc calls japan-2025-09-mou --schedule
    """
    emit(_views().calls(load_all(files, sets), schedule), fmt, output, force)


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
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
    sets: SetOpt = None,
) -> None:
    """One row per scenario: the headline burden, pace and savings figures side by side.

    Example: dealcalc compare            (every shipped scenario)
    """
    from dealcalc.scenario import shipped_names

    emit(_views().compare(load_all(files or shipped_names(), sets)), fmt, output, force)


@command("list")
def list_(fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False) -> None:
    """The shipped scenarios, with title, as-of date and pledge.

    Example: dealcalc list
    """
    from dealcalc.scenario import shipped_names

    names = shipped_names()
    emit(_views().listing(names, load_all(names, None)), fmt, output, force)


@command()
def validate(files: FilesArg, sets: SetOpt = None) -> None:
    """Check scenario files without computing; exit 1 listing every problem.

    Example: dealcalc validate my-deal.yaml
    """
    from dealcalc.scenario import load_scenario

    problems = []
    for f in files:
        try:
            s = load_scenario(f, sets or ())
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


def _usage(message: str) -> DealcalcError:
    from dealcalc.errors import UsageError

    return UsageError(message)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - during Typer's own start-up
        sys.stderr.write("interrupted\n")
        sys.exit(int(ExitCode.INTERRUPTED))
