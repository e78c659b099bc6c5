"""A table of more than 1,000 rows shows the first and the last 500 and says how to get them all
(DESIGN §7); CSV, JSON and Markdown keep every row."""

from __future__ import annotations

from dealcalc.blocks import Block
from dealcalc.render import head_and_tail
from dealcalc.render.layout import plain_tables

from conftest import MINIMAL, run

# 1.00, 1.01, … 20.00 USD bn: (20 − 1) / 0.01 + 1 = 1,901 grid points
VARY = ["--vary", "pledge.annual_cap=1 USD bn:20 USD bn:0.01 USD bn", "-m", "years_needed_at_cap"]


def test_head_and_tail_keeps_all_rows_up_to_the_limit() -> None:
    records, total = head_and_tail(((i,) for i in range(10)), ["n"], limit=10)
    assert (records, total) == ([{"n": i} for i in range(10)], 10)


def test_head_and_tail_keeps_the_first_and_last_half_beyond_it() -> None:
    records, total = head_and_tail(((i,) for i in range(25)), ["n"], limit=10)
    assert total == 25
    assert [r["n"] for r in records] == [0, 1, 2, 3, 4, 20, 21, 22, 23, 24]


def test_a_gap_is_drawn_as_a_row_of_ellipses() -> None:
    block = Block(
        "T",
        ["name", "pledge_usd_bn"],
        [{"name": "a", "pledge_usd_bn": 1.0}, {"name": "b", "pledge_usd_bn": 2.0}],
    )
    block.gap = (1, 7)
    assert plain_tables([block], 40).splitlines()[5:8] == [" a       1.00", " …          …", " b       2.00"]


def test_long_sweep_table_shows_head_and_tail_and_how_to_get_all() -> None:
    result = run("sweep", str(MINIMAL), *VARY)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    body = lines[lines.index(next(x for x in lines if x.startswith(" ─"))) + 1 :]
    # rows 1.00 … 5.99 (the first 500), a row of ellipses, then 15.01 … 20.00 (the last 500)
    # the caps with the decimals that tell the grid's points apart (steps of 0.01: two)
    assert body[0].split() == ["1.00", "100.00"]  # 100 USD bn at 1 USD bn a year
    assert body[499].split() == ["5.99", "16.69"]  # 100 / 5.99 = 16.694…
    assert body[500].split() == ["…", "…"]
    assert body[501].split() == ["15.01", "6.66"]  # 100 / 15.01 = 6.662…
    assert body[1000].split() == ["20.00", "5.00"]
    assert body[1001:] == [
        "",
        "1,901 rows: the first 500 and the last 500 shown; -f csv, -f json or -f markdown gives every row.",
    ]


def test_long_sweep_keeps_every_row_in_csv_and_markdown() -> None:
    csv = run("sweep", str(MINIMAL), *VARY, "-f", "csv").stdout.splitlines()
    assert len(csv) == 1 + 1901
    markdown = run("sweep", str(MINIMAL), *VARY, "-f", "markdown").stdout
    assert markdown.count("\n| ") == 2 + 1901  # the header, its rule and every row
