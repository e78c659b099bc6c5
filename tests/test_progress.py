"""Issue #11: progress to a date (outflow --as-of), project status (calls list interest apart),
the cap basis of calls, and `list` by country and date. Expected values worked by hand."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dealcalc.model.inputs import Project, Tranche
from dealcalc.model.outflow import compute_outflow, compute_progress
from dealcalc.scenario import shipped_names

from conftest import DATA, documentation, run
from helpers import scenario


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA.parent.parent)


PROGRESS = "tests/data/progress.yaml"  # minimal.yaml (P = 100, 2025-01-01 → 2029-01-01) + projects
INTEREST_ONLY = "tests/data/interest-only.yaml"  # minimal.yaml + an October-2025-style list of interest

# the projects of tests/data/progress.yaml, as typed
PROJECTS = (
    Project("Early plant", 10.0, dt.date(2025, 7, 2)),
    Project("Up-to list", 50.0, dt.date(2025, 3, 1), status="interest"),
    Project("New-year plant", 20.0, dt.date(2026, 1, 1)),
    Project("Later plant", 5.0, dt.date(2027, 6, 1)),
)


def _deal(as_of: dt.date | None = None, projects: tuple[Project, ...] = PROJECTS):  # type: ignore[no-untyped-def]
    return scenario((Tranche("pledge", 100.0, 10.0),), projects=projects)._replace(as_of=as_of)


# --- the model ------------------------------------------------------------------------------------
def test_progress_on_the_files_as_of_date() -> None:
    p = compute_progress(_deal(dt.date(2026, 1, 1)))
    assert p.as_of == dt.date(2026, 1, 1)
    # selected called on or before 2026-01-01: 10 (2025-07-02) + 20 (2026-01-01, the day itself)
    assert p.selected_to_date_usd_bn == 30.0
    assert p.selected_share == pytest.approx(30 / 100)
    # 2025-01-01 → 2026-01-01 is 365 days: 30 / (365 / 365.25)
    assert p.pace_so_far_usd_bn == pytest.approx(30 * 365.25 / 365)
    # 2026-01-01 → 2029-01-01 is 1,096 days
    assert p.years_left == pytest.approx(1096 / 365.25)
    assert p.required_pace_from_as_of_usd_bn == pytest.approx((100 - 30) * 365.25 / 1096)
    # the list of interest, announced 2025-03-01, is summed apart
    assert p.interest_to_date_usd_bn == 50.0


def test_an_as_of_date_given_wins_over_the_files() -> None:
    p = compute_progress(_deal(dt.date(2026, 1, 1)), dt.date(2025, 12, 31))
    assert p.as_of == dt.date(2025, 12, 31)
    assert p.selected_to_date_usd_bn == 10.0  # the 2026-01-01 call is a day later
    assert p.pace_so_far_usd_bn == pytest.approx(10 * 365.25 / 364)
    assert p.years_left == pytest.approx(1097 / 365.25)
    assert p.required_pace_from_as_of_usd_bn == pytest.approx(90 * 365.25 / 1097)


def test_progress_before_the_start_has_no_pace_so_far() -> None:
    p = compute_progress(_deal(), dt.date(2024, 12, 1))
    assert (p.selected_to_date_usd_bn, p.selected_share, p.interest_to_date_usd_bn) == (0.0, 0.0, 0.0)
    assert p.pace_so_far_usd_bn is None
    # 2024-12-01 → 2029-01-01: 1,492 days; all 100 still to go
    assert p.required_pace_from_as_of_usd_bn == pytest.approx(100 * 365.25 / 1492)


def test_progress_after_the_deadline_needs_no_pace() -> None:
    p = compute_progress(_deal(), dt.date(2029, 6, 1))
    assert p.selected_to_date_usd_bn == 35.0
    assert p.years_left == 0.0 and p.required_pace_from_as_of_usd_bn is None
    # 2025-01-01 → 2029-06-01: 1,612 days
    assert p.pace_so_far_usd_bn == pytest.approx(35 * 365.25 / 1612)


def test_more_selected_than_pledged_needs_a_pace_of_zero() -> None:
    big = (Project("all of it", 120.0, dt.date(2025, 6, 1)),)
    assert compute_progress(_deal(dt.date(2026, 1, 1), big)).required_pace_from_as_of_usd_bn == 0.0


def test_without_a_date_every_progress_key_is_null() -> None:
    o = compute_outflow(_deal())
    assert o.as_of is None and o.selected_to_date_usd_bn is None and o.years_left is None
    assert o.required_pace_from_as_of_usd_bn is None and o.interest_to_date_usd_bn is None


def test_without_projects_the_sums_are_unknown_not_zero() -> None:
    p = compute_progress(_deal(dt.date(2026, 1, 1), ()))
    assert p.as_of == dt.date(2026, 1, 1) and p.years_left == pytest.approx(1096 / 365.25)
    assert p.selected_to_date_usd_bn is None and p.required_pace_from_as_of_usd_bn is None


# --- outflow on the command line -------------------------------------------------------------------
PROGRESS_TABLE = """\
Progress to the as-of date

 Metric                         progress
 ───────────────────────────────────────
 As of                        2026-01-01
 Selected by the as-of date     $30.0 bn
 Selected / pledge                 30.0%
 Pace so far                 $30.0 bn/yr
 Years left to deadline          3.00 yr
 Pace needed for the rest    $23.3 bn/yr
 Interest (not calls)           $50.0 bn

Selected: projects of status selected called by the as-of date. Interest is apart, not a call.
"""


def test_outflow_table_has_a_progress_block() -> None:
    result = run("outflow", PROGRESS)
    assert result.exit_code == 0
    first, progress = result.stdout.split("\n\nProgress")
    assert "Selected" not in first  # the last row; the width follows the longest label
    assert first.splitlines()[-1].split() == ["Peak", "year", "/", "FX", "reserves", "5.0%"]
    assert "Progress" + progress == PROGRESS_TABLE


def test_outflow_json_carries_the_progress_keys() -> None:
    (row,) = json.loads(run("outflow", PROGRESS, "--as-of", "2025-12-31", "-f", "json").stdout)
    assert row["as_of"] == "2025-12-31"
    assert row["selected_to_date_usd_bn"] == 10.0 and row["selected_share"] == 0.1
    assert row["pace_so_far_usd_bn"] == pytest.approx(10 * 365.25 / 364)
    assert row["years_left"] == pytest.approx(1097 / 365.25)
    assert row["required_pace_from_as_of_usd_bn"] == pytest.approx(90 * 365.25 / 1097)
    assert row["interest_to_date_usd_bn"] == 50.0
    assert row["years_available"] == 4.0  # the rest of outflow is unchanged


def test_outflow_without_a_date_has_no_progress_block() -> None:
    result = run("outflow", "tests/data/minimal.yaml")
    assert "Progress" not in result.stdout
    (row,) = json.loads(run("outflow", "tests/data/minimal.yaml", "-f", "json").stdout)
    assert row["as_of"] is None and row["selected_to_date_usd_bn"] is None


def test_a_file_without_projects_says_the_selection_is_unknown() -> None:
    assert "Progress" not in run("outflow", "tests/data/minimal.yaml", "--as-of", "2026-01-01").stdout
    out = run("outflow", PROGRESS, "tests/data/minimal.yaml", "--as-of", "2026-01-01").stdout
    assert " Selected by the as-of date     $30.0 bn           —\n" in out
    assert "minimal: the file lists no projects, so what was selected is not known.\n" in out


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "2026/01/01"])
def test_a_bad_as_of_date_is_a_usage_error(bad: str) -> None:
    result = run("outflow", PROGRESS, "--as-of", bad)
    assert result.exit_code == 2
    assert result.stderr == f"--as-of: expected a date YYYY-MM-DD, got '{bad}'\n"
    assert result.stdout == ""


def test_as_of_with_schedule_is_a_usage_error() -> None:
    result = run("outflow", PROGRESS, "--as-of", "2026-01-01", "--schedule")
    assert result.exit_code == 2
    assert (
        result.stderr == "--as-of dates the progress of the summary; --schedule has none: drop one of them\n"
    )


def test_progress_is_explained() -> None:
    rows = json.loads(run("outflow", PROGRESS, "--explain", "-f", "json").stdout)
    by = {r["metric"]: r for r in rows}
    assert by["selected_to_date_usd_bn"]["computation"] == "10.00 USD bn + 20.00 USD bn = $30.0 bn"
    assert by["required_pace_from_as_of_usd_bn"]["computation"] == (
        "max(0, 100.00 USD bn − (10.00 USD bn + 20.00 USD bn)) / ((2029-01-01 − 2026-01-01) = 1,096 days"
        " / 365.25) = $23.3 bn/yr"
    )
    arithmetic = by["required_pace_from_as_of_usd_bn"]["arithmetic"]
    assert arithmetic == "max(0.0, 100.0 - (10.0 + 20.0)) / (1096/365.25)"
    assert by["interest_to_date_usd_bn"]["computation"] == "50.00 USD bn = $50.0 bn"


def test_report_shows_the_progress_block() -> None:
    out = run("report", PROGRESS).stdout
    assert "\nProgress to the as-of date\n" in out and " Pace needed for the rest    $23.3 bn/yr\n" in out
    rows = json.loads(run("report", PROGRESS, "-f", "json").stdout)
    assert {"section": "outflow", "key": "selected_to_date_usd_bn", "value": 30.0} in rows


# --- calls: status and cap basis -------------------------------------------------------------------
INTEREST_ONLY_TABLE = """\
Capital calls

 Metric                              interest-only
 ─────────────────────────────────────────────────
 Total called                             $0.00 bn
 Not yet called                          $100.0 bn
 Interest listed (not calls)             $125.0 bn
 First cap breach (due date)                     —
 Cap counted per                     calendar_year
 Calls due after deadline                        0
 Duty at stake if tariffs snap back    $4.00 bn/yr

Year sum, calendar_year basis: same-cap calls due 1 January to this due date, ties in.
Interest (status: interest) is listed after the calls, with no due date: never called.
Tariff lines cover 80% of exports to the United States: duty and savings count only those lines.
"""


def test_a_list_of_interest_calls_nothing_and_is_listed() -> None:
    result = run("calls", INTEREST_ONLY)
    assert result.exit_code == 0
    assert result.stdout == INTEREST_ONLY_TABLE
    rows = json.loads(run("calls", INTEREST_ONLY, "--schedule", "-f", "json").stdout)
    assert [(r["project"], r["amount_usd_bn"], r["due"], r["within_cap"]) for r in rows] == [
        ("Reactor consortium", 100.0, None, None),
        ("Grid equipment", 25.0, None, None),
    ]


def test_calls_schedule_lists_interest_after_the_calls() -> None:
    result = run("calls", PROGRESS, "--schedule")
    assert result.stdout.splitlines()[:8] == [
        "Capital calls by due date: Progress test deal",
        "",
        "                                         Amount  Cum.     Year  Within",
        " Project         Called      Due            $bn   $bn  sum $bn     cap",
        " ─────────────────────────────────────────────────────────────────────",
        " Early plant     2025-07-02  2025-07-02    10.0  10.0     10.0     yes",
        " New-year plant  2026-01-01  2026-01-01    20.0  30.0     20.0      NO",
        " Later plant     2027-06-01  2027-06-01    5.00  35.0     5.00     yes",
    ]
    assert " Up-to list      2025-03-01  —             50.0     —        —       —" in result.stdout


def test_cap_basis_from_the_file_or_set() -> None:
    csv = run("calls", PROGRESS, "--schedule", "-f", "csv", "--set", "pledge.cap_basis=trailing_year").stdout
    assert csv.splitlines()[0] == (
        "scenario,file,project,tranche,called,due,amount_usd_bn,cumulative_usd_bn,year_sum_usd_bn,within_cap"
    )
    # trailing: the 2026-01-01 call's year (2025-01-01, 2026-01-01] holds 10 + 20
    assert [line.split(",")[-2:] for line in csv.splitlines()[1:]] == [
        ["10.0", "true"],
        ["30.0", "false"],
        ["5.0", "true"],
        ["", ""],
    ]
    (summary,) = json.loads(
        run("calls", PROGRESS, "-f", "json", "--set", "pledge.cap_basis=trailing_year").stdout
    )
    assert summary["cap_basis"] == "trailing_year"
    assert (summary["total_called_usd_bn"], summary["uncalled_usd_bn"], summary["interest_usd_bn"]) == (
        35.0,
        65.0,
        50.0,
    )
    assert summary["first_breach"] == "2026-01-01"


def test_a_bad_cap_basis_is_refused() -> None:
    result = run("calls", PROGRESS, "--set", "pledge.cap_basis=fiscal_year")
    assert result.exit_code == 1
    assert "pledge.cap_basis" in result.stderr and "calendar_year" in result.stderr


# --- list -------------------------------------------------------------------------------------------
def test_list_is_by_country_newest_last() -> None:
    rows = json.loads(run("list", "-f", "json").stdout)
    assert list(rows[0]) == ["country", "as_of", "newest", "name", "title", "pledge_usd_bn"]
    order = [(r["country"], r["as_of"]) for r in rows]
    assert order == sorted(order)
    assert len({r["name"] for r in rows}) == len(rows) == len(shipped_names())
    table = run("list").stdout
    assert table.startswith(
        "Shipped scenarios: each describes a deal as of one date, newest last per country\n"
    )


def test_the_skeletons_examples_of_status_and_cap_basis_are_valid() -> None:
    from dealcalc.skeleton import skeleton

    lines = skeleton("Vietnam").splitlines()
    basis = next(ln for ln in lines if "cap_basis:" in ln).split("#")[1].strip()
    project = next(ln for ln in lines if "status: interest" in ln).split("#")[1].strip().lstrip("- ")
    assert basis == "cap_basis: trailing_year"
    result = run(
        "calls",
        "tests/data/minimal.yaml",
        "--set",
        f"pledge.{basis.replace(': ', '=')}",
        "--set",
        f"projects=[{project}]",
    )
    assert result.exit_code == 0
    assert " Interest listed (not calls)             $100.0 bn\n" in result.stdout
    assert " Cap counted per                     trailing_year\n" in result.stdout


# --- the shipped files --------------------------------------------------------------------------------
def test_the_october_2025_list_calls_nothing() -> None:
    (summary,) = json.loads(run("calls", "japan-2025-09-mou", "-f", "json").stdout)
    # the eleven "up to" amounts listed: 100 + 100 + 30 + 25 × 4 + 20 × 2 + 15 × 2 = 400, all interest
    assert (summary["total_called_usd_bn"], summary["uncalled_usd_bn"]) == (0.0, 550.0)
    assert summary["interest_usd_bn"] == pytest.approx(400.0)
    assert summary["first_breach"] is None
    rows = json.loads(run("calls", "japan-2025-09-mou", "--schedule", "-f", "json").stdout)
    assert rows and all(r["due"] is None and r["within_cap"] is None for r in rows)


def test_progress_of_the_latest_japan_file() -> None:
    (row,) = json.loads(run("outflow", "japan-2026-11-after-122", "-f", "json").stdout)
    # selected on 2026-02-17: SB Energy 33 + Texas GulfLink 2.1 + Element Six 0.6
    assert row["selected_to_date_usd_bn"] == pytest.approx(35.7)
    # 2025-09-04 → 2026-11-29 is 451 days; 2026-11-29 → 2029-01-19 is 782 days
    assert row["pace_so_far_usd_bn"] == pytest.approx(35.7 * 365.25 / 451)
    assert row["required_pace_from_as_of_usd_bn"] == pytest.approx((550 - 35.7) * 365.25 / 782)


def test_the_readme_shows_current_progress_of_japan() -> None:
    out = run("outflow", "japan-2026-11-after-122").stdout
    block = out[out.index("Progress to the as-of date") :]
    block = block[: block.index("\n\n", block.index("─")) + 1]
    readme = documentation()
    # (the notes under the table are left out: `…`, as tests/test_examples.py reads it)
    assert "$ dealcalc outflow japan-2026-11-after-122\n…\n" + block + "…\n```" in readme
