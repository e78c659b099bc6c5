"""JSON and CSV: the rows as they are (unrounded, dates as ISO text), streamed a row at a time so
that memory stays flat; `json_record` is also what the Python API returns, so the two agree."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

# json.dumps escapes C0 controls but, with ensure_ascii=False, leaves DEL, C1 (U+009B is a CSI on
# some terminals), the bidirectional controls (RLO, …) and the line separators raw: as \\u escapes
# they are the same JSON (and YAML) and harmless.
# The bidirectional controls: ALM, LRM, RLM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI.
BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_JSON_CONTROLS = {c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), *BIDI, 0x2028, 0x2029)}


def escape_json_controls(text: str) -> str:
    """JSON text with DEL, C1 and bidirectional control characters written as \\u escapes."""
    return text.translate(_JSON_CONTROLS)


def plain(value: Any) -> Any:
    """A value as JSON carries it: dates as ISO text, floats unrounded, tuples as lists."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


Row = dict[str, Any] | tuple[Any, ...]


def _values(columns: list[str], row: Row) -> list[Any]:
    return [row.get(k) for k in columns] if isinstance(row, dict) else list(row)


def json_record(columns: list[str], row: Row) -> dict[str, Any]:
    """One row as JSON carries it: the columns, in order, with plain values (also what the
    Python API returns, so the two are the same)."""
    return dict(zip(columns, (plain(v) for v in _values(columns, row)), strict=True))


def stream_json(columns: list[str], rows: Iterable[Row]) -> Iterator[str]:
    """A JSON array of objects, one row at a time (the same text as json.dumps(…, indent=2))."""
    import json

    first = True
    for row in rows:
        text = json.dumps(json_record(columns, row), indent=2, ensure_ascii=False).replace("\n", "\n  ")
        text = escape_json_controls(text)
        yield ("[\n  " if first else ",\n  ") + text
        first = False
    yield "[]\n" if first else "\n]\n"


def stream_csv(columns: list[str], rows: Iterable[Row]) -> Iterator[str]:
    """CSV with one header line, one row at a time."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(v) for v in _values(columns, row)])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue()


def stream_csv_columns(columns: list[str], chunks: Iterable[str]) -> Iterator[str]:
    """A CSV header, then chunks of rows made by `csv_chunk`."""
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(columns)
    yield buf.getvalue()
    yield from chunks


def csv_chunk(chunk: Sequence[Any]) -> str:
    """Rows of CSV (as `stream_csv` writes them) from columns: each a numpy float array, or one
    value for every row (written once, repeated); the first is an array. Floats are written as
    `csv` writes them (repr); NaN and infinity as empty cells."""

    import numpy as np

    n = len(chunk[0])
    cells: list[list[str] | str] = []  # texts of a column, or the text of a column (or more) of one value
    for column in chunk:
        if column is None or isinstance(column, int | float):
            value = _csv_cell(column)
            text = repr(value) if isinstance(value, float) else str(value)
            if cells and isinstance(cells[-1], str):  # next to another such column: joined once
                cells[-1] += "," + text
            else:
                cells.append(text)
            continue
        texts = list(map(repr, column.tolist()))
        for i in np.flatnonzero(~np.isfinite(column)).tolist():
            texts[i] = ""
        cells.append(texts)
    rows = zip(*(itertools.repeat(c, n) if isinstance(c, str) else c for c in cells), strict=False)
    return "\n".join(map(",".join, rows)) + "\n"


# A spreadsheet runs a cell that starts with one of these as a formula (`=HYPERLINK(…)`, `@SUM`,
# `+cmd|…`); text from a file that does gets a leading apostrophe, which shows it as text (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = ";".join(map(str, value))
    value = plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
