"""DESIGN §4.1, `--notes full|short|none`: `short` (compare's and report's default) says each
distinct caveat once with the files it applies to and the assumed figures in plain words with
their deals; JSON and CSV keep every row's lists."""

from __future__ import annotations

import json

from dealcalc.model.inputs import Provenance, Tranche
from dealcalc.views.notes import assumption_notes, caveat_notes
from dealcalc.views.short import FULL_POINTER, gather, plain_name

from conftest import run
from helpers import scenario

POINTER = "Every note of every file, in full: --notes full."


def _two() -> list:  # type: ignore[type-arg]
    shared = "Shares are assumptions."
    a = scenario()._replace(
        file="a/testland-2025-01-x.yaml",
        caveats=(shared, "Only in A."),
        provenance={"economy.gdp": Provenance(assumption=True, note="a guess")},
    )
    b = scenario()._replace(
        file="b/testland-2025-06-y.yaml",
        country="Otherland",
        caveats=(shared,),
        provenance={
            "economy.gdp": Provenance(assumption=True),
            "tariffs.lines.sec232_other.exports": Provenance(assumption=True),
        },
    )
    return [a, b]


def test_plain_names_of_inputs() -> None:
    s = scenario((Tranche("cash", 200.0, 20.0), Tranche("ships", 150.0, None)))
    exports = "share of exports in other Section 232 goods"
    assert plain_name(s, "tariffs.lines.sec232_other.exports") == exports
    assert plain_name(s, "tariffs.lines.sec232_other.after_122") == "tariff rates on other Section 232 goods"
    assert plain_name(s, "tariffs.lines.steel_bars.mfn") == "tariff rates on steel bars"
    assert plain_name(s, "economy.fx_rate") == "exchange rate"
    assert plain_name(s, "pledge.tranches.0.annual_cap") == "annual cap of the cash tranche"
    assert plain_name(s, "pledge.cost_weights.loans") == "cost weight of loans (a default)"


def test_short_says_each_caveat_once_with_its_files_and_assumed_figures_by_name() -> None:
    a, b = _two()
    keys = ["pledge_to_gdp", "annual_savings_usd_bn"]
    notes = ["c: carries caveats (below).", *caveat_notes([a, b]), *assumption_notes([a, b], keys)]
    assert gather(notes) == [
        "c: carries caveats (below).",
        # annual_savings_usd_bn reads the tariff lines: B's assumed line share counts
        "Rests on assumed figures: GDP (Testland, Otherland); share of exports in other Section 232 goods "
        "(Otherland).",
        "Caveat (testland 2025-01, 2025-06): Shares are assumptions.",
        "Caveat (testland 2025-01): Only in A.",
        FULL_POINTER,
    ]
    assert FULL_POINTER == POINTER


def test_short_keeps_within_its_budget_and_counts_what_it_leaves_out() -> None:
    a, b = _two()
    notes = caveat_notes([a, b])
    # each caveat and the pointer fit in a line (80 characters) each: 3 lines hold them all
    assert gather(notes, budget=3) == [
        "Caveat (testland 2025-01, 2025-06): Shares are assumptions.",
        "Caveat (testland 2025-01): Only in A.",
        POINTER,
    ]
    # 2 lines: the pointer and one line counting the caveats left out
    assert gather(notes, budget=2) == ["2 more caveats, of 2 files.", POINTER]


def _notes_under_table(out: str) -> list[str]:
    """The lines after the league table (from its marks' legend on)."""
    lines = out.splitlines()
    return lines[next(i for i, ln in enumerate(lines) if ln.startswith("c: ")) :]


def test_compare_prints_at_most_25_lines_of_notes_by_default() -> None:
    notes = _notes_under_table(run("compare").stdout)
    assert len(notes) <= 25, "\n".join(notes)
    assert notes[-1] == POINTER
    # the caveat of the most files comes first, said once, naming them (the rows' lists: the files')
    rows = json.loads(run("compare", "-f", "json").stdout)
    files_of: dict[str, list[str]] = {}
    for r in rows:
        for c in r["caveats"]:
            files_of.setdefault(c, []).append(r["file"])
    widest = max(files_of, key=lambda c: len(files_of[c]))
    text = " ".join(" ".join(notes).split())
    assert text.count(widest) == 1
    first = text.index("Caveat (")
    assert first < text.index(widest) < text.index("Caveat (", first + 1)  # the first caveat said
    assert "exchange rate (Japan, Switzerland)" in text  # economy.fx_rate, assumed in those files only
    assert "tariffs.lines" not in text and "sec232_other" not in text  # no key paths
    full = _notes_under_table(run("compare", "--notes", "full").stdout)
    assert len(full) > 100  # every caveat of every file, as before
    assert _notes_under_table(run("compare", "--notes", "full").stdout)[-1] == (
        "Each row's sources: dealcalc report NAME."
    )


def test_notes_none_and_full_and_the_rows_keep_every_list() -> None:
    out = run("burden", "korea-2025-11-mou", "--notes", "none").stdout
    last = out.rstrip().splitlines()[-1]
    assert last.startswith(" Cost weights assumed (defaults) ") and last.endswith("—")  # the table's end
    full = run("burden", "korea-2025-11-mou").stdout  # one-scenario views: full by default
    assert "Caveat: The $20bn annual cap binds the $200bn cash tranche only" in full and POINTER not in full
    rows = json.loads(run("compare", "korea-2025-11-mou", "japan-2025-09-mou", "-f", "json").stdout)
    assert [len(r["caveats"]) for r in rows] == [2, 4]  # the files' caveats, all kept
    assert "tariffs.lines.other.exports" in rows[0]["assumed_inputs"]


def test_a_bad_notes_level_is_a_usage_error() -> None:
    out = run("compare", "--notes", "brief")
    assert out.exit_code == 2
    assert "Invalid value for '--notes': 'brief' is not one of 'full', 'short', 'none'." in out.stderr


def test_every_command_that_prints_notes_takes_the_notes_option() -> None:
    """`balance` once printed its notes with no way to cut them: each command whose table carries
    notes (all but the reference listings) takes `--notes`, and `none` leaves none."""
    import typer.main

    from dealcalc.cli import app

    commands = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    without = [c for c in commands if "--notes" not in run(c, "--help").stdout]
    assert without == ["list", "metrics", "new", "schema", "show", "trade", "validate"]
    full = run("balance", "japan-2026-12-law-in-force").stdout
    bare = run("balance", "japan-2026-12-law-in-force", "--notes", "none").stdout
    assert "Rests on assumed figures: returns.cash_yield" in full
    assert "Rests on assumed figures" not in bare and "Net (no residual value of the assets)" in bare
