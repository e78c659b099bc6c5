"""The one output path: a command's `commands.Result` (or text) to stdout or a file, as a table,
Markdown, CSV or JSON, with the picture (`--svg`) and the figure (`--chart`) beside it."""

# (no `from __future__ import annotations`: Typer would eval every annotation string at start-up)

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dealcalc.blocks import Block, Format, View
from dealcalc.render import escape_controls

if TYPE_CHECKING:
    from dealcalc.commands import Result


def assignments(files: list[str], sets: list[str] | None) -> list[Any]:
    """The command's `--set` overrides, parsed and checked against its scenarios."""
    from dealcalc.scenario import parse_assignments

    return parse_assignments(sets or (), files)


def emit_result(
    result: "Result", fmt: Format, output: Path | None, force: bool, svg: Path | None = None
) -> None:
    """Print or write a command's `commands.Result`: its rows as JSON or CSV (streamed as they
    come), or its tables; `svg` also saves the tables as a picture. Then report the problems of
    a batch's bad files, if any."""
    from dealcalc.render import TABLE_ROWS

    if fmt is Format.csv and svg is None and result.csv_body is not None:
        from dealcalc.render import stream_csv_columns

        write_out(stream_csv_columns(result.columns, result.csv_body()), output, force)
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

    write_out([render_text(blocks, fmt, width=table_width())], output, force)


def emit_rows(
    title: str, columns: list[str], rows: Iterable[Any], fmt: Format, output: Path | None, force: bool
) -> None:
    """Rows as JSON or CSV, streamed as they come (memory stays flat)."""
    from dealcalc import render

    if fmt is Format.json:
        write_out(render.stream_json(columns, rows), output, force)
    else:
        write_out(map(escape_controls, render.stream_csv(columns, rows)), output, force)


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

    write_out([svg_text(blocks, table_width())], path, force, "--svg")


def write_out(chunks: Iterable[str], output: Path | None, force: bool, option: str = "--output") -> None:
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    from dealcalc.output import write_atomic

    write_atomic(output, chunks, force=force, option=option)


@contextlib.contextmanager
def progress_bar(total: int, label: str) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr for long work, when stderr is a terminal."""
    from dealcalc.analysis.pool import PARALLEL_FROM

    if total < PARALLEL_FROM or not sys.stderr.isatty():
        yield None
        return
    from dealcalc.render.table import ProgressBar

    with ProgressBar(total, label) as bar:
        yield bar.advance


def table_width() -> int:
    """Width for plain tables: COLUMNS if set, else 100 (piped output has no terminal width)."""
    import os

    try:
        return max(40, int(os.environ.get("COLUMNS", "100")))
    except ValueError:
        return 100


def prepare_chart(chart: Path | None, view: str, drawable: bool = True, force: bool = False) -> str | None:
    """`figures.prepare`, without importing the charts for a command run without --chart (they
    cost a one-off command a tenth of its start-up, DESIGN §7)."""
    if chart is None:
        return None
    from dealcalc import figures

    return figures.prepare(chart, view, drawable, force)


CHART_METRIC = "pledge_to_gdp"  # what `compare --chart` draws without -m


def emit_with_chart(
    result: "Result",
    fmt: Format,
    output: Path | None,
    force: bool,
    svg: Path | None,
    chart: Path | None,
    chart_fmt: str | None,
    draw: Callable[[Any, str], bytes],
) -> None:
    """`emit_result`, with the chart `--chart` asked for (`chart_fmt`, from `prepare_chart`):
    `draw(figures, chart_fmt)` draws it first, so a failed drawing writes nothing; it is put in
    place after the output (`save_chart`)."""
    picture = None
    if chart_fmt:
        from dealcalc import figures

        picture = draw(figures, chart_fmt)
    emit_result(result, fmt, output, force, svg)
    save_chart(chart, picture, force)


def save_chart(chart: Path | None, picture: bytes | str | None, force: bool) -> None:
    """Write the chart drawn before the output was (so a failed drawing writes nothing; it is put
    in place, and said so, with the command's other files when the command succeeds)."""
    if chart is not None and isinstance(picture, bytes):
        from dealcalc import figures

        figures.save(chart, picture, force)
