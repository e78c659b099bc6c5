"""What a command's output is made of, before anything draws it: `Block` (a table: the records
JSON and CSV carry, a title, notes), `Chart` (text bars), `Format` (how to print them). The
bottom of the output's layers: views build these, `render/` draws them, the CLI and the API pass
them on. No drawing here."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

# Keys of a one-row-per-scenario record that are not metrics: a table shows them as footnotes.
ABOUT_KEYS = ["assumed_inputs", "overrides", "caveats"]
IDENT_KEYS = ("scenario", "file", *ABOUT_KEYS)


class Format(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class Block:
    """One table of output. `records` are what JSON and CSV carry (keys as in DESIGN §3);
    `layout="metrics"` draws them transposed (a row per metric, a column per scenario)."""

    __slots__ = (
        "columns",
        "gap",
        "headers",
        "kinds",
        "labels",
        "layout",
        "notes",
        "records",
        "table_columns",
        "title",
    )

    def __init__(
        self,
        title: str,
        columns: list[str],
        records: list[dict[str, Any]],
        layout: Literal["metrics", "rows"] = "rows",
        notes: list[str] | None = None,
        headers: list[str] | None = None,
        table_columns: list[str] | None = None,
    ) -> None:
        self.title = title
        self.columns = columns
        self.records = records
        self.layout = layout
        self.notes = notes or []
        self.headers = headers  # column headers of a metrics layout (one per record)
        self.table_columns = table_columns  # columns a table shows, if not all of `columns`
        self.gap: tuple[int, int] | None = None  # (before which record, how many) rows left out
        # row labels of a metrics layout, or column headers of a rows layout, that replace the
        # catalogue's (a regime by its label, a varied input by its plain name)
        self.labels: dict[str, str] = {}
        # how a column's values read (catalogue kinds), where the catalogue does not know the key
        # (a varied input's key path)
        self.kinds: dict[str, str] = {}


class Chart:
    """Horizontal bars: for each group (a period, a regime) one bar per series, scaled to the
    largest value. Drawn as text, so it reads the same in a terminal, a file and Markdown."""

    __slots__ = ("groups", "kind", "notes", "series", "title")

    def __init__(
        self,
        title: str,
        series: list[str],
        groups: list[tuple[str, list[float]]],
        kind: str,
        notes: list[str] | None = None,
    ) -> None:
        self.title = title
        self.series = series
        self.groups = groups  # (label, one value per series)
        self.kind = kind  # how values are written (catalogue kinds: usd_bn, pct, …)
        self.notes = notes or []


View = Block | Chart


class Shown(str):
    """A value already written for a reader (a table shows it as it is)."""

    __slots__ = ()


class Bar(float):
    """A bar's length as a share of the longest (0 to 1): a table draws it as `█`s, as wide as
    the room its column is left (a tornado in the terminal)."""

    __slots__ = ()
