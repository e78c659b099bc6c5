"""Turning results into text: JSON, CSV, Markdown here; Rich tables in `render.table` (the only
module that imports Rich, and only when a table is drawn)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import Any, NamedTuple

from dealcalc.blocks import IDENT_KEYS, Bar, Block, Chart, Format, Shown, View
from dealcalc.catalogue import meta
from dealcalc.render.data import BIDI

TABLE_ROWS = 1000  # a table of more rows shows the first and the last half of this many


def head_and_tail(
    rows: Iterable[Row], columns: list[str], limit: int = TABLE_ROWS
) -> tuple[list[dict[str, Any]], int]:
    """The first and last `limit` // 2 rows of a table too long to read (all rows when there are
    at most `limit`), as records, and how many rows there were: the rest are never kept."""
    import itertools
    from collections import deque

    def record(row: Row) -> dict[str, Any]:
        return row if isinstance(row, dict) else dict(zip(columns, row, strict=True))

    rows = iter(rows)
    first = list(itertools.islice(rows, limit))
    if len(first) < limit:
        return [record(r) for r in first], len(first)
    half = limit // 2
    last: deque[Row] = deque(first[half:], maxlen=half)
    count = len(first)
    for row in rows:
        last.append(row)
        count += 1
    kept = first if count == limit else first[:half] + list(last)
    return [record(r) for r in kept], count


# Text from a file (a key, a title, a note) must not act on a terminal, a spreadsheet or a browser
# (DESIGN §4.1, §6). Control characters (C0 but tab and newline, DEL, C1) become visible escapes,
# so they cannot move the cursor or change colours; so do the bidirectional controls (RLO, LRI, …),
# which reorder what a reader sees, and the Unicode line and paragraph separators.
_CONTROLS: dict[int, str] = {
    **{c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)] if c not in (0x09, 0x0A)},
    **{c: f"\\u{c:04x}" for c in (*BIDI, 0x2028, 0x2029)},
}
_FIELD = {**_CONTROLS, 0x09: "\\t", 0x0A: "\\n"}


def escape_controls(text: str) -> str:
    """`"a\x1b[31m"` → `"a\\x1b[31m"`, `"\u202e"` → `"\\u202e"`: printable, so it cannot act on
    the terminal. Tabs and newlines stay (a whole output's lines); see `escape_field`."""
    return text.translate(_CONTROLS)


def escape_field(text: str) -> str:
    """One piece of text from a file as one line: `escape_controls`, and tabs and newlines too
    (`"a\nb"` → `"a\\nb"`), so a title cannot start a line of its own (a forged row or message)."""
    return text.translate(_FIELD)


_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\|<>[]"})


def escape_markdown(text: str) -> str:
    """Text from a file in Markdown: `escape_field`, then `\\ | < > [ ]` backslash-escaped
    (CommonMark), so it cannot open an HTML tag or a link, nor end a table cell."""
    return escape_field(text).translate(_MARKDOWN)


def xml_text(text: str) -> str:
    """Text for XML (an SVG's `<title>`, a chart's metadata): `escape_field`, so no character XML
    1.0 forbids (C0 controls) remains, and `& < >` as entities."""
    return escape_field(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# json.dumps escapes C0 controls but, with ensure_ascii=False, leaves DEL and C1 (U+009B is a CSI
# on some terminals) raw: as \u escapes they are the same JSON (and YAML) and harmless.
def format_change(kind: str, change: Any, signed: bool = True) -> Shown:
    """B − A as a reader sees it: signed, in the value's unit; percentage points for rates and
    shares, days for dates (`+44 d`). Not `signed`: a size of change (a swing), without its sign."""
    if change is None or isinstance(change, bool):
        return Shown("—")
    sign = "+" if change > 0 and signed else "-" if change < 0 and signed else ""
    if kind == "date":
        return Shown(f"{sign}{abs(change):,} d")
    if kind == "pct":
        return Shown(f"{sign}{abs(change) * 100:,.1f} pp")
    return Shown(sign + format_value(kind, abs(change)))


def format_value(kind: str, value: Any, unit: bool = True) -> str:
    """A value as a reader sees it in a table: rounded, thousands separators, unit."""
    if value is None:
        return "—"
    if isinstance(value, Shown):
        return str(value)
    if kind in ("usd_bn", "usd_bn_yr"):
        digits = 1 if abs(value) >= 10 else 2
        text = f"{abs(value):,.{digits}f}"
        sign = "-" if value < 0 and round(abs(value), digits) else ""
        if not unit:
            return sign + text
        return f"{sign}${text} bn" + ("/yr" if kind == "usd_bn_yr" else "")
    if kind == "usd":
        return f"${value:,.0f}" if unit else f"{value:,.0f}"
    if kind == "pct":
        return f"{value * 100:,.1f}%"
    if kind == "multiple":
        return f"{value:,.2f}×"
    if kind == "years":
        return f"{value:,.2f} yr" if unit else f"{value:,.2f}"
    if kind == "count_years":
        return f"{value} yr" if unit else str(value)
    if kind == "date":
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if kind == "list":
        return ", ".join(value) if value else "none"
    if kind == "bool":
        return "yes" if value else "NO"
    if kind == "number" and isinstance(value, float):
        return f"{value:,.4g}"
    return str(value)


def format_points(kind: str, values: Sequence[float | None]) -> list[str]:
    """Values of a grid as the scenario writes them (`10`, `12.5%`, `1,300`): with the fewest
    decimals (at most 6) that show every one exactly, so no two points read the same; a rate as a
    percent. Without a unit: the column's header says it (money in USD bn)."""
    scale = 100.0 if kind == "pct" else 1.0
    numbers = [v * scale for v in values if v is not None]
    digits = next(
        (d for d in range(7) if all(abs(round(v, d) - v) <= 1e-9 * max(1.0, abs(v)) for v in numbers)), 6
    )
    suffix = "%" if kind == "pct" else ""
    return ["—" if v is None else f"{v * scale:,.{digits}f}{suffix}" for v in values]


def cell(key: str, value: Any, unit: bool = True) -> str:
    return format_value(meta(key).kind, value, unit)


def note_lines(notes: list[str], width: int) -> list[str]:
    """Notes as lines at most `width` wide, except a source citation, which stays one line (a
    wrapped URL cannot be copied from a terminal); each note's text from files escaped
    (`escape_field`)."""
    import textwrap

    out: list[str] = []
    for note in map(escape_field, notes):
        if note.startswith("  [") or len(note) <= width:
            out.append(note)
        else:
            out += textwrap.wrap(note, width, subsequent_indent="  ", break_on_hyphens=False)
    return out


EIGHTHS = " ▏▎▍▌▋▊▉"


def chart_lines(chart: Chart, width: int) -> list[list[tuple[str, int | None]]]:
    """The chart as lines of segments (text, series index or None), `width` wide at most; labels
    and series names from files escaped (`escape_field`)."""
    groups = [(escape_field(label), vs) for label, vs in chart.groups]
    series = [escape_field(n) for n in chart.series]
    label_w = max((len(label) for label, _ in groups), default=0)
    name_w = max(len(n) for n in series) if len(series) > 1 else 0
    values = [format_value(chart.kind, v) for _, vs in chart.groups for v in vs]
    value_w = max((len(v) for v in values), default=0)
    bar_w = max(10, width - 1 - label_w - 2 - (name_w + 2 if name_w else 0) - 1 - value_w)
    top = max((v for _, vs in chart.groups for v in vs), default=0.0) or 1.0
    lines: list[list[tuple[str, int | None]]] = []
    for label, vs in groups:
        for j, v in enumerate(vs):
            cells = max(0.0, v) / top * bar_w
            bar = "█" * int(cells) + EIGHTHS[int((cells - int(cells)) * 8)].strip()
            head = " " + (label if j == 0 else "").ljust(label_w) + "  "
            if name_w:
                head += series[j].ljust(name_w) + "  "
            lines.append([(head, None), (bar, j), (" " + format_value(chart.kind, v), None)])
    return lines


BAR_WIDTH = 24  # a bar column's widest (a table left less room draws its bars narrower)
BAR_SHOWN = 12  # a bar column gets this much before text columns grow (BAR_LEAST if need be)
BAR_LEAST = 5


def draw_bar(share: float, width: int) -> str:
    """A share of the longest bar (0 to 1) as `█`s in `width` cells; a bar too short to draw, `▏`."""
    return "█" * round(share * width) or ("▏" if share else "")


class Grid(NamedTuple):
    """A block as a reader sees it: header cells (may hold line breaks), body cells, and which
    columns are text (left-aligned, may wrap) rather than numbers (right-aligned, never wrap).
    `bars`: the columns of bars (`Bar`), each with its rows' shares (None: a row without a bar),
    drawn BAR_WIDTH wide in `body` and as wide as the room left by `fit_bars`."""

    headers: list[str]
    body: list[list[str]]
    text: list[bool]
    bars: dict[int, list[float | None]]

    def fit_bars(self, cols: list[int], sizes: list[int]) -> list[list[str]]:
        """The body with each bar column's bars drawn as wide as its size (cols[k] gets sizes[k])."""
        if not self.bars:
            return self.body
        body = [list(row) for row in self.body]
        for k, i in enumerate(cols):
            for row, share in zip(body, self.bars.get(i, ()), strict=False):
                if share is not None:
                    row[i] = draw_bar(share, sizes[k])
        return body


_TEXT_KINDS = ("text", "list", "date")


def grid(block: Block) -> Grid:
    """The cells of a block, shared by the plain, Rich and Markdown renderers."""
    if block.layout == "metrics":
        headers = ["Metric", *(block.headers or [str(r.get("scenario", "")) for r in block.records])]
        headers = [escape_field(h) for h in headers]
        keys = [k for k in block.table_columns or block.columns if k not in IDENT_KEYS]
        body = [
            [escape_field(block.labels[k]) if k in block.labels else meta(k).label]
            + [escape_field(cell(k, r.get(k))) for r in block.records]
            for k in keys
        ]
        return Grid(headers, body, [True] + [False] * len(block.records), {})

    def kind(k: str) -> str:
        return block.kinds.get(k) or meta(k).kind

    columns = [
        k
        for k in block.table_columns or block.columns
        # a text column with nothing in it (e.g. tranche, when there are none) is noise
        if kind(k) != "text" or any(r.get(k) not in (None, "") for r in block.records)
    ]
    # a label may hold a name from a file (escaped), on lines of its own
    headers = [
        "\n".join(map(escape_field, block.labels[k].split("\n"))) if k in block.labels else meta(k).short
        for k in columns
    ]
    body = [[escape_field(_row_cell(k, r, kind(k))) for k in columns] for r in block.records]
    bars: dict[int, list[float | None]] = {
        i: [r[k] if isinstance(r.get(k), Bar) else None for r in block.records]
        for i, k in enumerate(columns)
        if any(isinstance(r.get(k), Bar) for r in block.records)
    }
    if block.gap is not None:
        body.insert(block.gap[0], ["…"] * len(columns))
        for shares in bars.values():
            shares.insert(block.gap[0], None)
    # the first column is the key (text), unless the view says what it holds (a varied number)
    text = [(i == 0 and k not in block.kinds) or kind(k) in _TEXT_KINDS for i, k in enumerate(columns)]
    return Grid(headers, body, text, bars)


def one_line(header: str) -> str:
    """A column header drawn on several lines, as one line: `"Tariff\\ncover-\\nage"` →
    `"Tariff coverage"` (a line ending in a hyphen was broken inside a word)."""
    return header.replace("-\n", "").replace("/\n", "/").replace("\n", " ")


def _row_cell(key: str, record: dict[str, Any], kind: str) -> str:
    value = record.get(key)
    if key == "file":
        return PurePath(record["file"]).stem
    if isinstance(value, Bar):
        return draw_bar(value, BAR_WIDTH)
    return format_value(kind, value, unit=False)


def to_markdown(blocks: Sequence[View]) -> str:
    """Blocks as Markdown: a `###` title, a table, the notes; text from files escaped
    (`escape_markdown`: no HTML, link or cell break can come from a file)."""
    parts: list[str] = []
    for block in blocks:
        title = f"### {escape_markdown(block.title)}"
        notes = [escape_markdown(n) for n in block.notes]
        if isinstance(block, Chart):
            bars = ["".join(t for t, _ in line).rstrip() for line in chart_lines(block, 80)]
            fence = "`" * max(3, 1 + max((len(r) for b in bars for r in re.findall("`+", b)), default=0))
            parts.append("\n".join([title, "", fence, *bars, fence, *(["", *notes] if notes else [])]) + "\n")
            continue
        headers, body, text, _ = grid(block)  # cells escaped for one line already (escape_field)
        lines = [
            title,
            "",
            "| " + " | ".join(one_line(h).translate(_MARKDOWN) for h in headers) + " |",
            "|" + "|".join(" --- " if is_text else " ---: " for is_text in text) + "|",
        ]
        lines += ["| " + " | ".join(c.translate(_MARKDOWN) for c in row) + " |" for row in body]
        if notes:
            # a backslash ends a line without ending the paragraph (CommonMark hard break)
            lines += ["", *(n + "\\" for n in notes[:-1]), notes[-1]]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def render_text(blocks: Sequence[View], fmt: Format, width: int | None = None) -> str:
    """Tables and charts as text: Markdown, or plain tables `width` wide. (JSON and CSV carry
    rows, not views: see `stream_json` and `stream_csv`.)"""
    if fmt is Format.markdown:
        return escape_controls(to_markdown(blocks))
    from dealcalc.render.layout import plain_tables

    return plain_tables(blocks, width or 100)


# JSON and CSV live in render/data.py; these names are part of the render package's surface.
from dealcalc.render.data import (  # noqa: E402
    Row,
    csv_chunk,
    escape_json_controls,
    json_record,
    plain,
    stream_csv,
    stream_csv_columns,
    stream_json,
)

__all__ = [
    "BAR_LEAST",
    "BAR_SHOWN",
    "BAR_WIDTH",
    "TABLE_ROWS",
    "Grid",
    "Row",
    "cell",
    "chart_lines",
    "csv_chunk",
    "draw_bar",
    "escape_controls",
    "escape_json_controls",
    "format_change",
    "format_points",
    "format_value",
    "grid",
    "head_and_tail",
    "json_record",
    "note_lines",
    "plain",
    "render_text",
    "stream_csv",
    "stream_csv_columns",
    "stream_json",
    "to_markdown",
]
