"""Outflow from an as-of date (issue 22 item 4, DESIGN §3.2, §4.1): the shortfall at the pace so
far, completion at cap from the date, and a schedule whose capped column is the capped tranches.
Every expected value is worked by hand from the files named below."""

from __future__ import annotations

import json

import pytest

from conftest import run

PROGRESS = "tests/data/progress.yaml"  # P 100, cap 10, 2025-01-01 → 2029-01-01, as_of 2026-01-01
TRANCHES = "tests/data/outflow_tranches.yaml"  # cash 80 capped 10/yr, ships 40 uncapped


def _record(*args: str) -> dict[str, object]:
    result = run("outflow", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert isinstance(record, dict)
    return record


def test_shortfall_at_the_pace_so_far_and_completion_from_the_as_of_date() -> None:
    # as of 2025-07-02 only "Early plant" (10, called 2025-07-02) is selected; the 50 of
    # interest is not. 182 days since 2025-01-01, 1,279 days (183 + 1,096) left to 2029-01-01.
    # pace so far × years left = 10 / (182/365.25) × 1279/365.25 = 10 × 1279/182 = 70.2747…
    # shortfall = 100 − (10 + 12790/182) = 100 − 14610/182 = 19.7252747…
    # completion: (100 − 10) / 10 = 9 yr; round(9 × 365.25) = round(3287.25) = 3287 days;
    # 2025-07-02 + 9 years is 9 × 365 + 2 leap days (2028, 2032) = 3287 days → 2034-07-02
    r = _record(PROGRESS, "--as-of", "2025-07-02")
    assert r["shortfall_at_deadline_usd_bn"] == pytest.approx(100 - 14610 / 182, abs=1e-9)
    assert r["shortfall_at_deadline_usd_bn"] == pytest.approx(19.725274725, abs=1e-8)
    assert r["completion_date_at_cap"] == "2034-07-02"
    assert r["years_needed_at_cap"] == 10.0  # unchanged: 100 / 10 from the start


def test_shortfall_is_zero_when_the_pace_so_far_is_enough() -> None:
    # the file's as_of 2026-01-01: selected 10 + 20 = 30 in 365 days, 1,096 days left:
    # 30 × 1096/365 = 90.08 ≥ 100 − 30 = 70, so nothing is left: max(0, −20.08) = 0.
    # completion: (100 − 30) / 10 = 7 yr; round(7 × 365.25) = round(2556.75) = 2557 days
    # = 7 × 365 + 2 leap days (2028, 2032) → 2033-01-01
    r = _record(PROGRESS)
    assert r["shortfall_at_deadline_usd_bn"] == 0.0
    assert r["completion_date_at_cap"] == "2033-01-01"


def test_without_a_date_the_caps_from_the_start_hold() -> None:
    # minimal.yaml has no as_of: P − deliverable = 100 − min(100, 10 × 4) = 60;
    # completion = 2025-01-01 + round(10 × 365.25) = 3652 days (10 × 365 + 2029… leap days
    # 2028, 2032 = 2) → 2035-01-01
    r = _record("tests/data/minimal.yaml")
    assert r["shortfall_at_deadline_usd_bn"] == 60.0
    assert r["completion_date_at_cap"] == "2035-01-01"


def test_tranches_count_their_own_projects() -> None:
    # as of 2027-01-01: cash 24 + ships 6 = 30 selected ("Later plant" is called 2027-06-01).
    # 730 days since start, 731 days left (2028 is leap): shortfall = 120 − (30 + 30 × 731/730)
    # = 120 − 30 × 1461/730 = 120 − 60.0410958… = 59.9589041…
    # completion: only the capped cash tranche: (80 − 24) / 10 = 5.6 yr; round(5.6 × 365.25)
    # = round(2045.4) = 2045 days; 2027-01-01 + 5 yr = 2032-01-01 (1826 days, 2028 leap), + 219
    # days into leap 2032 (Jan–Jul = 213 days) → 2032-08-07
    r = _record(TRANCHES)
    assert r["shortfall_at_deadline_usd_bn"] == pytest.approx(120 - 30 * 1461 / 730, abs=1e-9)
    assert r["shortfall_at_deadline_usd_bn"] == pytest.approx(59.958904110, abs=1e-8)
    assert r["completion_date_at_cap"] == "2032-08-07"
    assert r["years_needed_at_cap"] == 8.0  # max(80 / 10, ships uncapped: Y = 4)


def test_rows_say_they_count_from_the_date() -> None:
    out = run("outflow", TRANCHES).stdout
    assert " Shortfall at deadline, at the pace so far " in out
    assert " Completion at cap, from the as-of date " in out
    plain = run("outflow", "tests/data/minimal.yaml").stdout
    assert " Shortfall at deadline " in plain and "at the pace so far" not in plain


def test_schedule_capped_column_is_the_capped_tranches_only() -> None:
    # required: cash 80/4 + ships 40/4 = 30 in each of 4 periods; capped: cash 10 a year for
    # 8 periods (the uncapped ships tranche is not in it), cumulative 10, 20, … 80
    records = json.loads(run("outflow", TRANCHES, "--schedule", "-f", "json").stdout)
    assert [r["required_usd_bn"] for r in records] == pytest.approx([30.0] * 4 + [0.0] * 4)
    assert [r["capped_usd_bn"] for r in records] == [10.0] * 8
    assert [r["cumulative_capped_usd_bn"] for r in records] == [10.0 * k for k in range(1, 9)]
    table = run("outflow", TRANCHES, "--schedule").stdout
    assert "tranches $bn" in table
