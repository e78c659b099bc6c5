"""Laying tables out in columns, and drawing them as plain text.

Piped and written output is plain text, drawn here without Rich (fast, and the same on every
machine); a terminal gets the same layout drawn by Rich in `render.table`."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from dealcalc.render import Block, Chart, Grid, View, chart_lines, grid

TEXT_COLUMN_MIN = 20  # names and other text wrap down to this width, numbers never wrap
GAP = 2  # spaces between columns


def needs(g: Grid) -> list[int]:
    """The least width of each column: the widest number, or text up to TEXT_COLUMN_MIN."""
    out = []
    for i, header in enumerate(g.headers):
        widest = max([len(row[i]) for row in g.body] + [len(line) for line in header.split("\n")])
        out.append(min(widest, TEXT_COLUMN_MIN) if g.text[i] else widest)
    return out


def split_columns(g: Grid, width: int) -> list[list[int]]:
    """Column indices of each part of a table wider than `width`: every part repeats the key
    column (the first), like a printed table continued on the next page."""
    least = [n + GAP for n in needs(g)]
    parts: list[list[int]] = [[0]]
    used = least[0]
    for i in range(1, len(g.headers)):
        if used + least[i] > width and len(parts[-1]) > 1:
            parts.append([0])
            used = least[0]
        parts[-1].append(i)
        used += least[i]
    return parts


def part_title(block: Block, n: int) -> str:
    return block.title if n == 0 else f"{block.title} (continued)"


def _widths(g: Grid, cols: list[int], width: int) -> list[int]:
    """Numbers at their width; text columns grow from their least width towards their widest
    while the table fits."""
    least = needs(g)
    widths = [least[i] for i in cols]
    room = width - 1 - sum(widths) - GAP * (len(cols) - 1)
    for k, i in enumerate(cols):
        if g.text[i] and room > 0:
            widest = max([len(row[i]) for row in g.body] + [len(h) for h in g.headers[i].split("\n")])
            grow = min(widest - widths[k], room)
            widths[k] += grow
            room -= grow
    return widths


def _plain_part(g: Grid, cols: list[int], width: int) -> list[str]:
    widths = _widths(g, cols, width)

    def line(cells: list[str]) -> str:
        out = []
        for k, i in enumerate(cols):
            out.append(cells[k].ljust(widths[k]) if g.text[i] else cells[k].rjust(widths[k]))
        return " " + (" " * GAP).join(out).rstrip()

    def wrapped(cells: list[str], bottom: bool) -> list[str]:
        split = [
            [
                w
                for part in c.split("\n")
                for w in (textwrap.wrap(part, widths[k], break_on_hyphens=False) or [""])
            ]
            for k, c in enumerate(cells)
        ]
        height = max(len(s) for s in split)
        pad = [([""] * (height - len(s)) + s) if bottom else (s + [""] * (height - len(s))) for s in split]
        return [line([p[r] for p in pad]) for r in range(height)]

    rows = wrapped([g.headers[i] for i in cols], bottom=True)
    rows.append(" " + "─" * (sum(widths) + GAP * (len(cols) - 1)))
    for body_row in g.body:
        rows += wrapped([body_row[i] for i in cols], bottom=False)
    return rows


def plain_tables(blocks: Sequence[View], width: int) -> str:
    """Blocks as plain text tables (title, header, rule, rows, notes) and charts as text bars."""
    lines: list[str] = []
    for b, block in enumerate(blocks):
        if b:
            lines.append("")
        if isinstance(block, Chart):
            lines += [*textwrap.wrap(block.title, width), ""]
            lines += ["".join(t for t, _ in line).rstrip() for line in chart_lines(block, width)]
            lines += ["", *block.notes] if block.notes else []
            continue
        g = grid(block)
        for n, cols in enumerate(split_columns(g, width)):
            if n:
                lines.append("")
            lines += [*textwrap.wrap(part_title(block, n), width), "", *_plain_part(g, cols, width)]
        if block.notes:
            lines += ["", *block.notes]
    return "\n".join(lines) + "\n"
