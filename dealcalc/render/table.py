"""Rich: pictures of the tables (SVG) and progress bars. Terminal tables are drawn without Rich
(`render.layout.print_tables`), which is a third of a one-off command's start-up faster."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dealcalc.blocks import Block, Chart, View
from dealcalc.render import chart_lines, escape_controls, escape_field, grid, note_lines
from dealcalc.render.layout import needs, part_title, split_columns, widths, wrap_text


def build_tables(block: Block, width: int) -> list[tuple[str, Table]]:
    """The block as one table, or as parts of it side by side when it is wider than `width`;
    each with its title (printed on a line of its own: a table's title wraps at its width)."""
    g = grid(block)
    least = needs(g)
    tables = []
    for n, cols in enumerate(split_columns(g, width)):
        # text is wrapped here as in plain tables (a file name after a hyphen, never mid-word)
        sizes = dict(zip(cols, widths(g, cols, width), strict=True))
        table = Table(
            header_style="bold",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            collapse_padding=True,
        )
        for i in cols:
            text = g.text[i]
            table.add_column(
                g.headers[i],
                justify="left" if text else "right",
                overflow="fold",
                min_width=sizes[i] if text else least[i],
                no_wrap=True,
            )
        for row in g.fit_bars(cols, [sizes[i] for i in cols]):
            table.add_row(*(("\n".join(wrap_text(row[i], sizes[i])) if g.text[i] else row[i]) for i in cols))
        tables.append((part_title(block, n), table))
    return tables


SERIES_STYLES = ("cyan", "magenta", "green", "yellow")


def print_blocks(console: Console, blocks: Sequence[View], wrap_notes: bool = False) -> None:
    """Draw blocks. Notes stay one line each (a wrapped URL cannot be copied from a terminal)
    unless `wrap_notes`: a picture clips what it does not wrap."""
    for i, block in enumerate(blocks):
        if i:
            console.print()
        if isinstance(block, Chart):
            console.print(Text(escape_field(block.title), style="bold"))
            console.print()
            for line in chart_lines(block, console.width):
                console.print(
                    Text.assemble(*((t, SERIES_STYLES[j % 4] if j is not None else "") for t, j in line))
                )
            if block.notes:
                console.print()
                _notes(console, block.notes, wrap_notes)
            continue
        for title, table in build_tables(block, console.width):
            console.print(Text(escape_controls(title), style="bold"))
            console.print(table)
        if block.notes:
            _notes(console, block.notes, wrap_notes)


def _notes(console: Console, notes: list[str], wrap_all: bool) -> None:
    """Prose notes wrap at the width; source citations stay one line each unless `wrap_all`.
    Notes come from files too: control characters are escaped."""
    lines = notes if wrap_all else note_lines(notes, console.width)
    console.print(Text(escape_controls("\n".join(lines)), style="dim"), soft_wrap=not wrap_all)


class ProgressBar:
    """A progress bar on stderr (only used when stderr is a terminal)."""

    def __init__(self, total: int, label: str) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._progress = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(file=sys.stderr),
            transient=True,
        )
        self._task = self._progress.add_task(label, total=total)

    def __enter__(self) -> ProgressBar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def advance(self, n: int) -> None:
        self._progress.advance(self._task, n)


def svg_text(blocks: Sequence[View], width: int) -> str:
    """What the table view shows, as an SVG picture (the same at every run for the same input)."""
    console = Console(
        file=io.StringIO(),
        record=True,
        width=width,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        markup=False,
        emoji=False,
    )
    print_blocks(console, blocks, wrap_notes=True)
    return console.export_svg(title="dealcalc", unique_id="dealcalc")
