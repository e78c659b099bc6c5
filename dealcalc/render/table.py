"""Rich tables for the terminal (and as plain text for files)."""

from __future__ import annotations

import io
import os
import sys

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dealcalc.render import Block, grid
from dealcalc.render.catalogue import CATALOGUE

TEXT_COLUMN_MIN = 20
_TEXT_KINDS = ("text", "list", "date")


def _is_text(header: str) -> bool:
    kinds = {m.short: m.kind for m in CATALOGUE.values()}
    return kinds.get(header) in _TEXT_KINDS


def _need(header: str, cells: list[str], text: bool) -> int:
    """Width a column needs: numbers never wrap; headers wrap at their line breaks; names and
    other text may wrap down to TEXT_COLUMN_MIN."""
    widest = max([len(c) for c in cells] + [len(line) for line in header.split("\n")])
    return min(widest, TEXT_COLUMN_MIN) if text else widest


def split_columns(headers: list[str], body: list[list[str]], width: int) -> list[list[int]]:
    """Indices of the columns of each part, when a table is wider than `width`: every part
    repeats the key column (the first), like a printed table continued on the next page."""
    needs = [_need(h, [row[i] for row in body], i == 0 or _is_text(h)) + 2 for i, h in enumerate(headers)]
    parts: list[list[int]] = [[0]]
    used = needs[0]
    for i in range(1, len(headers)):
        if used + needs[i] > width and len(parts[-1]) > 1:
            parts.append([0])
            used = needs[0]
        parts[-1].append(i)
        used += needs[i]
    return parts


def build_tables(block: Block, width: int) -> list[tuple[str, Table]]:
    """The block as one table, or as parts of it side by side when it is wider than `width`;
    each with its title (printed on a line of its own: a table's title wraps at its width)."""
    headers, body = grid(block)
    tables = []
    parts = split_columns(headers, body, width)
    for n, cols in enumerate(parts):
        title = block.title if n == 0 else f"{block.title} (continued)"
        table = Table(
            header_style="bold",
            box=box.SIMPLE_HEAD,
            pad_edge=False,
            collapse_padding=True,
        )
        for i in cols:
            h = headers[i]
            text = i == 0 or _is_text(h)
            table.add_column(
                h,
                justify="left" if text else "right",
                overflow="fold",
                min_width=None if text else _need(h, [r[i] for r in body], False),
                no_wrap=not text,
            )
        for row in body:
            table.add_row(*(row[i] for i in cols))
        tables.append((title, table))
    return tables


def _print(console: Console, blocks: list[Block]) -> None:
    for i, block in enumerate(blocks):
        if i:
            console.print()
        for title, table in build_tables(block, console.width):
            console.print(Text(title, style="bold"))
            console.print(table)
        for note in block.notes:
            # one line each: a wrapped URL cannot be copied
            console.print(Text(note, style="dim"), soft_wrap=True)


def tables_to_text(blocks: list[Block], width: int | None = None) -> str:
    """Plain text (no colour): for --output files and tests."""
    buf = io.StringIO()
    console = Console(
        file=buf, width=width or 100, color_system=None, highlight=False, emoji=False, soft_wrap=False
    )
    _print(console, blocks)
    return buf.getvalue()


def print_tables(blocks: list[Block]) -> None:
    """Straight to the terminal; colour follows NO_COLOR and whether stdout is a terminal."""
    console = Console(
        file=sys.stdout, highlight=False, emoji=False, no_color=bool(os.environ.get("NO_COLOR"))
    )
    _print(console, blocks)
