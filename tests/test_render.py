"""Rendering: number formats, the plain and the Rich table layouts at fixed widths."""

from __future__ import annotations

import datetime as dt

import pytest

from dealcalc import commands, load_scenario, views
from dealcalc.blocks import Block, Format
from dealcalc.render import format_value, render_text
from dealcalc.render.layout import plain_tables

from helpers import tables_to_text


@pytest.mark.parametrize(
    ("kind", "value", "text"),
    [
        ("usd_bn", 1390.0, "$1,390.0 bn"),
        ("usd_bn", 4.296, "$4.30 bn"),
        ("usd_bn", -319.4, "-$319.4 bn"),
        ("usd_bn_yr", 20.0, "$20.0 bn/yr"),
        ("usd", 6770.4, "$6,770"),
        ("pct", 0.18728, "18.7%"),
        ("multiple", 3.1433, "3.14×"),
        ("years", 5.303, "5.30 yr"),
        ("date", dt.date(2035, 11, 14), "2035-11-14"),
        ("list", ["equity", "loans"], "equity, loans"),
        ("list", [], "none"),
        ("bool", False, "NO"),
        ("pct", None, "—"),
    ],
)
def test_format_value(kind: str, value: object, text: str) -> None:
    assert format_value(kind, value) == text


def _compare_block() -> list[Block]:
    names = ["korea-2025-11-mou", "japan-2025-09-mou", "korea-2025-07-framework"]
    return views.compare_blocks([commands.compare_row(load_scenario(n)) for n in names])


def _table_lines(text: str, blocks: list[Block]) -> list[str]:
    """The lines of a text output that are not notes (notes stay one line each)."""
    notes = {n for b in blocks for n in b.notes}
    return [line for line in text.splitlines() if line not in notes]


def test_wide_table_continues_in_parts_at_80_columns() -> None:
    text = plain_tables(_compare_block(), 80)
    assert max(len(line) for line in _table_lines(text, _compare_block())) <= 80
    assert "Deals compared (continued)" in text
    # every part repeats the key column
    assert text.count(" korea-2025-11-mou") == 2


def test_same_table_fits_in_one_part_at_120_columns() -> None:
    text = plain_tables(_compare_block(), 120)
    assert "(continued)" not in text
    assert max(len(line) for line in text.splitlines()) <= 120


def test_rich_table_layout_at_fixed_width() -> None:
    text = tables_to_text(commands.outflow(["korea-2025-11-mou"]).views(), width=100)
    lines = text.splitlines()
    assert lines[0] == "Outflow under the annual caps"
    rows = {line[:31].strip(): line[31:].strip() for line in lines[4:13]}
    assert rows["Years needed at cap"] == "10.00 yr"
    assert rows["Completion at cap"] == "2035-11-14"
    assert lines[4].endswith("3.18 yr ")  # numbers right-aligned in Rich's padded cell
    # table lines fit; source notes stay one line each (a wrapped URL cannot be copied)
    assert all(len(line) <= 100 for line in lines if not line.startswith("  ["))
    assert "\x1b[" not in text


def test_rich_splits_like_plain_at_80_columns() -> None:
    rich_text = tables_to_text(_compare_block(), width=80)
    assert "Deals compared (continued)" in rich_text
    assert all(len(line) <= 80 for line in _table_lines(rich_text, _compare_block()))


def test_long_names_wrap_in_plain_tables() -> None:
    block = Block("T", ["name", "pledge_usd_bn"], [{"name": "word " * 8, "pledge_usd_bn": 1.0}])
    text = plain_tables([block], 40)
    assert max(len(line) for line in text.splitlines()) <= 40
    assert text.count("word") == 8
    assert text.splitlines()[5] == " word word word word word word      1.00"


def test_markdown_uses_units_and_hard_breaks() -> None:
    text = render_text(commands.burden(["japan-2025-09-mou"]).views(), Format.markdown)
    assert "| Pledge / GDP | 13.7% |" in text
    assert "Rests on assumed figures: " in text and "pledge.cost_weights.loans (default 10%)" in text
    assert "\\\nSources:\\\n" in text


def test_a_table_exactly_as_wide_as_the_width_is_one_part() -> None:
    """The split once counted a gap too many: a table of 33 characters at width 33 came in two parts.
    Widths worked by hand: ' ' + 'korea' (5) + 2 + 'Pledge'/'350.0' (6) + 2 + 'Cap $bn/yr' (10) + 2 +
    '18.7%' (5) = 33."""
    block = Block(
        "T",
        ["name", "pledge_usd_bn", "annual_cap_usd_bn", "pledge_to_gdp"],
        [{"name": "korea", "pledge_usd_bn": 350.0, "annual_cap_usd_bn": 20.0, "pledge_to_gdp": 0.187}],
    )
    whole = plain_tables([block], 33)
    assert "(continued)" not in whole
    assert max(len(line) for line in whole.splitlines()) == 33
    assert " korea   350.0        20.0  18.7%" in whole.splitlines()
    narrower = plain_tables([block], 32)
    assert "T (continued)" in narrower and max(len(line) for line in narrower.splitlines()) <= 32


def test_a_key_path_too_long_for_its_column_breaks_after_a_dot() -> None:
    """diff's Key column cut `…pharma_232_no_deal.for` / `m`: a long word breaks after a dot or a
    hyphen, mid-word only when it has neither."""
    from dealcalc.render.layout import wrap_text

    assert wrap_text("tariffs.lines.autos_parts.pharma_232_no_deal.form", 40) == [
        "tariffs.lines.autos_parts.",
        "pharma_232_no_deal.form",
    ]
    assert wrap_text("japan-2026-12-law-in-force.yaml and more", 20) == [
        "japan-2026-12-law-",
        "in-force.yaml",
        "and more",
    ]
    assert wrap_text("abcdefghijklmnopqrstuvwxyz", 10) == ["abcdefghij", "klmnopqrst", "uvwxyz"]
