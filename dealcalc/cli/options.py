"""The options and arguments the commands share (Typer `Annotated` types)."""

# (no `from __future__ import annotations`: Typer would eval every annotation string at start-up)

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dealcalc.blocks import Format
from dealcalc.cli import complete

FilesArg = Annotated[
    list[str],
    typer.Argument(
        metavar="SCENARIO...",
        help="Scenario files, or names of shipped scenarios ('dealcalc list').",
        show_default=False,
        autocompletion=complete.scenario_names,
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
        autocompletion=complete.field_paths,
    ),
]


ScenarioArg = Annotated[
    str,
    typer.Argument(
        metavar="SCENARIO",
        help="Scenario file or shipped name.",
        show_default=False,
        autocompletion=complete.scenario_names,
    ),
]


MetricsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--metric",
        "-m",
        metavar="KEY",
        help="Metric to report (repeatable; default: the compare metrics).",
        show_default=False,
        autocompletion=complete.metric_keys,
    ),
]


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


class Notes(StrEnum):
    full = "full"
    short = "short"
    none = "none"


NotesOpt = Annotated[
    Notes | None,
    typer.Option(
        "--notes",
        help="The notes under a table: every one (full), each caveat once with the assumed figures "
        "in plain words (short), or none. [default: short for compare and report, else full]",
        case_sensitive=False,
        show_default=False,
    ),
]


ExplainOpt = Annotated[
    bool, typer.Option("--explain", help="Add each metric's formula, the numbers put in, and their sources.")
]


ScheduleOpt = Annotated[bool, typer.Option("--schedule", help="Year by year (or call by call) instead.")]


FromOpt = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="REGIME",
        help="Regime compared from, or without_deal (the twin of the --to regime). Default: "
        "without_deal with dated regimes and an as-of date, else threatened. A named regime is "
        "held throughout the timeline instead of the twin.",
        autocompletion=complete.from_regimes,
        show_default=False,
    ),
]
ToOpt = Annotated[
    str | None,
    typer.Option(
        "--to",
        metavar="REGIME",
        help="Regime compared to, or in_force (the regime in force on the as-of date). Default: "
        "in_force with dated regimes and an as-of date, else agreed.",
        autocompletion=complete.to_regimes,
        show_default=False,
    ),
]


AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="The as-of date, YYYY-MM-DD: the day the tariff pair is taken on, where paid days end, "
        "and of progress (default: each file's as_of).",
        show_default=False,
    ),
]
