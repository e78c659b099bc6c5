"""The commands about scenario files themselves (new, list, metrics, show, validate, schema) and
the data shipped beside them (trade)."""

# (no `from __future__ import annotations`: Typer would eval every annotation string at start-up)

import sys
from enum import StrEnum
from typing import Annotated

import typer

from dealcalc.blocks import Format
from dealcalc.cli import command, complete
from dealcalc.cli.emit import assignments, emit_result, write_out
from dealcalc.cli.options import FilesArg, ForceOpt, FormatOpt, OutputOpt, SetOpt
from dealcalc.errors import ScenarioError
from dealcalc.render import escape_field


@command("new")
def new_command(
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

    write_out([skeleton(country)], output, force)


@command("list")
def list_command(fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False) -> None:
    """The shipped scenarios by country, each dated series newest last: as-of date, title, pledge.

    Example: dealcalc list
    """
    from dealcalc import commands

    emit_result(commands.listing(), fmt, output, force)


@command("metrics")
def metrics_command(fmt: FormatOpt = Format.table, output: OutputOpt = None, force: ForceOpt = False) -> None:
    """Every metric key, with its unit, view and meaning (the keys -m/--metric and JSON use).

    Example: dealcalc metrics -f csv
    """
    from dealcalc import commands

    emit_result(commands.metrics(), fmt, output, force)


@command("show")
def show_command(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="A shipped scenario ('dealcalc list').",
            show_default=False,
            autocompletion=complete.scenario_names,
        ),
    ],
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """Print a shipped scenario's YAML, to read its inputs or start a file of your own from it.

    Example: dealcalc show korea-2025-11-mou
    """
    from dealcalc.scenario import shipped_text

    write_out([shipped_text(name)], output, force)


@command("validate")
def validate_command(files: FilesArg, sets: SetOpt = None) -> None:
    """Check scenario files without computing; exit 1 listing every problem.

    Example: dealcalc validate korea-2025-11-mou japan-2025-09-mou
    """
    from dealcalc.scenario import load_scenario

    given = assignments(files, sets)
    problems = []
    for f in files:
        try:
            s = load_scenario(f, given)
            typer.echo(f"ok: {escape_field(s.file)} ({escape_field(s.title)})")
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ScenarioError(problems)


@command("schema")
def schema_command(output: OutputOpt = None, force: ForceOpt = False) -> None:
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


class By(StrEnum):
    bucket = "bucket"
    chapter = "chapter"


PARTNER_NAMES = ["japan", "korea", "eu", "switzerland", "taiwan"]


@command("trade")
def trade_command(
    partner: Annotated[
        str,
        typer.Argument(
            metavar="PARTNER",
            help="japan, korea, eu, switzerland or taiwan (or JP, KR, EU, CH, TW).",
            autocompletion=lambda: PARTNER_NAMES,
            show_default=False,
        ),
    ],
    by: Annotated[
        By,
        typer.Option("--by", help="One row per bucket, or per HS chapter and bucket.", case_sensitive=False),
    ] = By.bucket,
    fmt: FormatOpt = Format.table,
    output: OutputOpt = None,
    force: ForceOpt = False,
) -> None:
    """A partner's 2024 exports to the US (imports for consumption, Census) by tariff bucket, with MFN duty.

    The buckets sort every HS-10 line by how the 2025-2026 tariffs treat it: returned (chapter 98),
    pharma (chapter 30), autos_parts, metals_core, metals_derivatives, other_232 (timber, trucks),
    semis_qualifying and semis_other (the Sec. 232 semiconductor list), deal_exempt (civil aircraft,
    the deals' natural resources), annex_exempt (exempt under IEEPA and Sec. 122: energy, bullion,
    ...), exempt_ieepa_only, exempt_s122_only, other. See docs/trade-data.md.

    Example: dealcalc trade japan --by chapter -f csv
    """
    from dealcalc import commands

    emit_result(commands.trade(partner, by.value), fmt, output, force)
