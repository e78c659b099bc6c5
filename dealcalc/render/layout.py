"""Laying tables out in columns, and drawing them as text: plain for pipes and files, with
colour escapes for a terminal.

Both are drawn here without Rich: importing and running Rich costs a one-off command about a third
of its start-up (DESIGN §7: a terminal table within 1.15 × the bare imports). Rich draws only
pictures (`render.table.svg_text`) and progress bars."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from dealcalc.blocks import Block, Chart, View
from dealcalc.render import (
    BAR_LEAST,
    BAR_SHOWN,
    Grid,
    chart_lines,
    escape_controls,
    escape_field,
    grid,
    note_lines,
)

TEXT_COLUMN_MIN = 20  # names and other text wrap down to this width, numbers never wrap
GAP = 2  # spaces between columns


def needs(g: Grid) -> list[int]:
    """The least width of each column: the widest number, text up to TEXT_COLUMN_MIN, bars up
    to BAR_LEAST (a bar is drawn as wide as the room left, `Grid.fit_bars`)."""
    out = []
    for i, header in enumerate(g.headers):
        widest = max([len(row[i]) for row in g.body] + [len(line) for line in header.split("\n")])
        least = BAR_LEAST if i in g.bars else TEXT_COLUMN_MIN
        out.append(min(widest, least) if g.text[i] else widest)
    return out


def split_columns(g: Grid, width: int) -> list[list[int]]:
    """Column indices of each part of a table wider than `width`: every part repeats the key
    column (the first), like a printed table continued on the next page."""
    least = needs(g)
    parts: list[list[int]] = [[0]]
    used = 1 + least[0]  # a part's width: its leading space, its columns and a GAP between each two
    for i in range(1, len(g.headers)):
        if used + GAP + least[i] > width and len(parts[-1]) > 1:
            parts.append([0])
            used = 1 + least[0]
        parts[-1].append(i)
        used += GAP + least[i]
    return parts


def part_title(block: Block, n: int) -> str:
    """A table's title (its text from files escaped), or its continuation's."""
    title = escape_field(block.title)
    return title if n == 0 else f"{title} (continued)"


def wrap_text(text: str, width: int) -> list[str]:
    """Lines of at most `width`: wrapped at spaces, and a word too long for a line (a file name,
    a key path) after one of its hyphens or dots — never in the middle of a word unless it has
    neither to break at."""
    out: list[str] = []
    for para in text.split("\n"):
        for line in textwrap.wrap(para, width, break_on_hyphens=False, break_long_words=False) or [""]:
            if len(line) <= width:
                out.append(line)
                continue
            current = ""
            for piece in re.findall(r"[^.-]*[.-]|[^.-]+$", line):
                if current and len(current) + len(piece) > width:
                    out.append(current)
                    current = ""
                while len(piece) > width:
                    out.append(piece[:width])
                    piece = piece[width:]
                current += piece
            out.append(current)
    return out


def widths(g: Grid, cols: list[int], width: int) -> list[int]:
    """Numbers at their width; text columns grow from their least width towards their widest
    while the table fits, in column order — bars first to BAR_SHOWN (a tornado stays readable
    beside long names, which wrap instead), then to their widest after the names."""
    least = needs(g)
    sizes = [least[i] for i in cols]
    room = width - 1 - sum(sizes) - GAP * (len(cols) - 1)
    for first in (True, False):
        for k, i in enumerate(cols):
            if g.text[i] and room > 0 and (i in g.bars or not first):
                widest = max([len(row[i]) for row in g.body] + [len(h) for h in g.headers[i].split("\n")])
                grow = min((min(widest, BAR_SHOWN) if first else widest) - sizes[k], room)
                sizes[k] += max(0, grow)
                room -= max(0, grow)
    return sizes


# A line of output as segments of (text, style); styles are names in ANSI_STYLES (or "").
Segments = list[tuple[str, str]]
ANSI_STYLES = {
    "title": "1",
    "header": "1",
    "note": "2",
    "series0": "36",  # cyan, magenta, green, yellow: the colours of a chart's series
    "series1": "35",
    "series2": "32",
    "series3": "33",
}


def _plain_part(g: Grid, cols: list[int], width: int) -> list[Segments]:
    sizes = widths(g, cols, width)

    def line(cells: list[str]) -> str:
        out = []
        for k, i in enumerate(cols):
            out.append(cells[k].ljust(sizes[k]) if g.text[i] else cells[k].rjust(sizes[k]))
        return " " + (" " * GAP).join(out).rstrip()

    def wrapped(cells: list[str], bottom: bool) -> list[str]:
        split = [wrap_text(c, sizes[k]) for k, c in enumerate(cells)]
        height = max(len(s) for s in split)
        pad = [([""] * (height - len(s)) + s) if bottom else (s + [""] * (height - len(s))) for s in split]
        return [line([p[r] for p in pad]) for r in range(height)]

    rows = [[(r, "header")] for r in wrapped([g.headers[i] for i in cols], bottom=True)]
    rows.append([(" " + "─" * (sum(sizes) + GAP * (len(cols) - 1)), "")])
    for body_row in g.fit_bars(cols, sizes):
        rows += [[(r, "")] for r in wrapped([body_row[i] for i in cols], bottom=False)]
    return rows


def _chart_line(line: list[tuple[str, int | None]]) -> Segments:
    segments = [(t, "" if j is None else f"series{j % 4}") for t, j in line]
    text, style = segments[-1]
    segments[-1] = (text.rstrip(), style)
    return segments


def styled_lines(blocks: Sequence[View], width: int) -> list[Segments]:
    """Blocks as text tables (title, header, rule, rows, notes) and charts as text bars, each
    line as styled segments."""
    lines: list[Segments] = []

    def add(texts: Sequence[str], style: str = "") -> None:
        lines.extend([(t, style)] if t else [] for t in texts)

    for b, block in enumerate(blocks):
        if b:
            add([""])
        if isinstance(block, Chart):
            add(textwrap.wrap(escape_field(block.title), width), "title")
            add([""])
            lines.extend(_chart_line(line) for line in chart_lines(block, width))
            if block.notes:
                add([""])
                add(note_lines(block.notes, width), "note")
            continue
        g = grid(block)
        for n, cols in enumerate(split_columns(g, width)):
            if n:
                add([""])
            add(textwrap.wrap(part_title(block, n), width), "title")
            add([""])
            lines += _plain_part(g, cols, width)
        if block.notes:
            add([""])
            add(note_lines(block.notes, width), "note")
    # titles, notes and chart labels come from files too (cells are escaped in `grid`)
    return [[(escape_controls(t), st) for t, st in line] for line in lines]


def plain_tables(blocks: Sequence[View], width: int) -> str:
    """Blocks as plain text: for pipes, files and tests."""
    return "\n".join("".join(t for t, _ in line) for line in styled_lines(blocks, width)) + "\n"


def ansi_tables(blocks: Sequence[View], width: int, colour: bool) -> str:
    """Blocks for a terminal: the plain layout with bold titles and headers, dim notes and
    coloured chart bars (plain when `colour` is off, e.g. NO_COLOR)."""
    if not colour:
        return plain_tables(blocks, width)
    out = []
    for line in styled_lines(blocks, width):
        out.append("".join(f"\x1b[{ANSI_STYLES[st]}m{t}\x1b[0m" if st and t else t for t, st in line))
    return "\n".join(out) + "\n"


def print_tables(blocks: Sequence[View]) -> None:
    """Straight to the terminal, as wide as it is. Colour unless NO_COLOR is set (or TERM is
    dumb); FORCE_COLOR turns it on where stdout is not a terminal."""
    import os
    import sys

    env = os.environ
    colour = not env.get("NO_COLOR") and (
        bool(env.get("FORCE_COLOR")) or (sys.stdout.isatty() and env.get("TERM") != "dumb")
    )
    sys.stdout.write(ansi_tables(blocks, terminal_width(), colour))


def terminal_width() -> int:
    """COLUMNS if set, else the terminal's width, else 80."""
    import os
    import sys

    try:
        return max(40, int(os.environ["COLUMNS"]))
    except (KeyError, ValueError):
        pass
    try:
        return max(40, os.get_terminal_size(sys.stdout.fileno()).columns)
    except (OSError, ValueError, AttributeError):
        return 80
