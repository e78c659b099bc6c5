"""The tariff timeline (DESIGN §3.3) on a scenario built for it: five dated regimes, an MFN gap in
May, lines covering 80% of exports. Every expected value is worked by hand, day by day, below.

A day's duty under a regime is (36.525 × rate_a + 43.83 × rate_b) / 365.25 = 0.1 rate_a + 0.12 rate_b:
    base   (Jan 1–31, 31 d):     a 4% + 10% = 14%, b 10%     → 0.014 + 0.012  = 0.026  a day
    deal   (Feb 1–Mar 31, 59 d): a max(15%, 4%) = 15%, b 15% → 0.015 + 0.018  = 0.033
    sec    (Apr 1–30, 30 d):     a 14%, b 0%                 → 0.014          = 0.014
    mfn    (May 1–31, 31 d):     a 4%, b 0%                  → 0.004          = 0.004
    later  (Jun 1–Sep 30, 122 d): a 16.5%, b 12.5%           → 0.0165 + 0.015 = 0.0315
    last   (Oct 1–Dec 31, 92 d): a 20%, b 20%                → 0.020 + 0.024  = 0.044
    threatened (never in force): a 29%, b 25%                → 0.029 + 0.030  = 0.059
The days add up to 365, from the start (2025-01-01) to the day before the deadline (2026-01-01).
No regime names a without-deal twin, so by default (DESIGN §3.3b) each is its own and nothing is
saved; the tests of savings name `--from threatened`, held throughout.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import run

FILE = "tests/data/timeline.yaml"
PER_DAY = {"base": 0.026, "deal": 0.033, "sec": 0.014, "mfn": 0.004, "later": 0.0315, "last": 0.044}
THREAT = 0.059
DAYS = {"base": 31, "deal": 59, "sec": 30, "mfn": 31, "later": 122, "last": 92}
# 0.806 + 1.947 + 0.42 + 0.124 + 3.843 + 4.048
PAID_TO_DEADLINE = 11.188


def _tariff(*args: str) -> dict[str, object]:
    result = run("tariff", FILE, "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(result.stdout)
    return row  # type: ignore[no-any-return]


def test_hand_sums_are_consistent() -> None:
    assert sum(DAYS.values()) == 365
    assert sum(PER_DAY[r] * DAYS[r] for r in DAYS) == pytest.approx(PAID_TO_DEADLINE)


def test_as_of_inside_the_gap_is_mfn() -> None:
    row = _tariff("--from", "threatened")  # the file's as_of, 2025-05-10: May 1–9 are 9 days of the gap
    assert row["as_of"] == "2025-05-10"
    assert row["regime_in_force"] == "mfn"
    paid = 31 * 0.026 + 59 * 0.033 + 30 * 0.014 + 9 * 0.004  # 0.806 + 1.947 + 0.42 + 0.036 = 3.209
    assert row["duty_paid_to_date_usd_bn"] == pytest.approx(3.209)
    assert row["duty_paid_to_date_usd_bn"] == pytest.approx(paid)
    assert row["savings_to_date_usd_bn"] == pytest.approx(129 * THREAT - 3.209)  # 7.611 − 3.209
    # projected: May 10–31 (22 d) + later + last: 0.088 + 3.843 + 4.048 = 7.979 = 11.188 − 3.209
    assert row["duty_projected_usd_bn"] == pytest.approx(22 * 0.004 + 122 * 0.0315 + 92 * 0.044)
    assert row["duty_projected_usd_bn"] == pytest.approx(7.979)
    assert row["savings_projected_usd_bn"] == pytest.approx(236 * THREAT - 7.979)  # 13.924 − 7.979
    assert row["duty_to_deadline_usd_bn"] == pytest.approx(PAID_TO_DEADLINE)
    assert row["savings_to_deadline_timeline_usd_bn"] == pytest.approx(365 * THREAT - PAID_TO_DEADLINE)
    assert row["tariff_coverage"] == pytest.approx(0.8)


def test_by_default_each_regime_is_its_own_twin() -> None:
    """No without_deal anywhere: the pair is the regime in force on 2025-05-10 (MFN, a gap) with
    itself; nothing is saved, and the table says why."""
    row = _tariff()
    assert (row["from"], row["to"], row["counterfactual"]) == ("mfn", "mfn", "without_deal")
    assert (row["from_label"], row["to_label"]) == ("MFN", "MFN")
    for key in ("annual_savings_usd_bn", "savings_to_date_usd_bn", "savings_projected_usd_bn"):
        assert row[key] == 0.0
    assert row["duty_paid_to_date_usd_bn"] == pytest.approx(3.209)
    out = " ".join(run("tariff", FILE).stdout.split())
    assert (
        "Duty saved per year on 2025-05-10: without the deal (MFN) → in force (MFN). "
        "no dated regime is in force on 2025-05-10 (MFN applies), so there is no without-deal twin "
        "and the saving is zero; pass --from to compare with a regime." in out
    )
    out = " ".join(run("tariff", FILE, "--as-of", "2025-10-15").stdout.split())
    assert (
        "Duty saved per year on 2025-10-15: without the deal (Last [last]) → in force (Last [last]). "
        "the regime in force on 2025-10-15 (Last [last]) names no without-deal twin, so the saving is "
        "zero: add without_deal: to it, or pass --from." in out
    )


@pytest.mark.parametrize(
    ("as_of", "regime", "paid", "days"),
    [
        ("2025-10-01", "last", 0.806 + 1.947 + 0.42 + 0.124 + 3.843, 273),  # through Sep 30
        ("2025-01-01", "base", 0.0, 0),  # the as-of day itself is not counted
        ("2025-01-02", "base", 0.026, 1),
        ("2025-03-31", "deal", 0.806 + 58 * 0.033, 89),  # an open-ended regime runs to the next one
        ("2025-04-01", "sec", 0.806 + 1.947, 90),
        ("2024-12-01", "mfn", 0.0, 0),  # before the start: nothing paid yet
        ("2026-06-01", "last", PAID_TO_DEADLINE, 365),  # past the deadline: the deadline's sums
    ],
)
def test_as_of_option(as_of: str, regime: str, paid: float, days: int) -> None:
    row = _tariff("--as-of", as_of, "--from", "threatened")
    assert row["as_of"] == as_of
    assert row["regime_in_force"] == regime
    assert row["duty_paid_to_date_usd_bn"] == pytest.approx(paid)
    assert row["savings_to_date_usd_bn"] == pytest.approx(days * THREAT - paid)


def test_from_regime_changes_the_counterfactual() -> None:
    row = _tariff("--from", "base", "--to", "last")
    # base held all year: 365 × 0.026 = 9.49; paid 11.188, so the timeline "saved" −1.698
    assert row["savings_to_deadline_timeline_usd_bn"] == pytest.approx(365 * 0.026 - PAID_TO_DEADLINE)
    assert row["annual_savings_usd_bn"] == pytest.approx(365.25 * (0.026 - 0.044))


def test_timeline_rows() -> None:
    result = run("tariff", FILE, "--timeline", "--from", "threatened", "-f", "json")
    rows = json.loads(result.stdout)
    # the MFN gap is cut at the as-of date 2025-05-10: May 1–9 paid, May 10–31 projected
    assert [(r["from"], r["until"], r["regime"], r["status"], r["days"]) for r in rows] == [
        ("2025-01-01", "2025-01-31", "base", "paid", 31),
        ("2025-02-01", "2025-03-31", "deal", "paid", 59),
        ("2025-04-01", "2025-04-30", "sec", "paid", 30),
        ("2025-05-01", "2025-05-09", "mfn", "paid", 9),
        ("2025-05-10", "2025-05-31", "mfn", "projected", 22),
        ("2025-06-01", "2025-09-30", "later", "projected", 122),
        ("2025-10-01", "2025-12-31", "last", "projected", 92),
    ]
    for r in rows:
        assert r["duty_period_usd_bn"] == pytest.approx(PER_DAY[r["regime"]] * r["days"])
        assert r["duty_counterfactual_usd_bn"] == pytest.approx(THREAT * r["days"])
        assert r["savings_usd_bn"] == pytest.approx(r["duty_counterfactual_usd_bn"] - r["duty_period_usd_bn"])
    total = _tariff()["duty_to_deadline_usd_bn"]
    assert sum(r["duty_period_usd_bn"] for r in rows) == pytest.approx(total)
    assert set(rows[0]) == {
        "scenario",
        "file",
        "from",
        "until",
        "regime",
        "regime_label",
        "status",
        "days",
        "duty_period_usd_bn",
        "duty_counterfactual_usd_bn",
        "savings_usd_bn",
        "duty_refundable_usd_bn",
        "duty_contested_usd_bn",
    }


def test_timeline_table_has_totals_and_the_coverage_warning() -> None:
    out = run("tariff", FILE, "--timeline", "--from", "threatened").stdout
    # paid 3.209 against 129 × 0.059 = 7.611; projected 7.979 against 236 × 0.059 = 13.924
    assert (
        "Totals 2025-01-01 to 2025-12-31 (365 days): paid to date $3.21 bn (under Threat [threatened] "
        "$7.61 bn, saved $4.40 bn); projected $7.98 bn (under Threat [threatened] $13.9 bn, saved $5.94 bn). "
        "Days before 2025-05-10 are paid; from it on, projected as the file dates the regimes."
        in " ".join(out.split())
    )
    warning = (
        "Tariff lines cover 80% of exports to the United States: duty and savings count only those lines."
    )
    assert warning in out
    # May 10–31, 22 days: 22 × 0.004 = 0.088 paid, 22 × 0.059 = 1.298 under the threat
    # the regime by its label: the MFN gap as "MFN"
    assert (
        " 2025-05-10  2025-05-31  MFN       projected    22  0.09         1.30   1.21      0.00        0.00\n"
        in out
    )


def test_timeline_csv_holds_period_rows_only() -> None:
    lines = run("tariff", FILE, "--timeline", "-f", "csv").stdout.splitlines()
    assert lines[0] == (
        "scenario,file,from,until,regime,regime_label,status,days,duty_period_usd_bn,duty_counterfactual_usd_bn,"
        "savings_usd_bn,duty_refundable_usd_bn,duty_contested_usd_bn"
    )
    assert len(lines) == 8  # 6 periods, the one holding the as-of date cut in two


def test_timeline_needs_dated_regimes() -> None:
    result = run("tariff", "tests/data/minimal.yaml", "--timeline")
    assert result.exit_code == 1
    assert result.stderr == (
        "tests/data/minimal.yaml: tariffs.regimes: the timeline needs dated regimes ('from' dates); "
        "add e.g.\n"
        "  tariffs:\n    regimes:\n      agreed: {label: Deal rates, from: 2025-11-14}\n"
    )


def test_without_dated_regimes_the_timeline_keys_are_null() -> None:
    row = json.loads(run("tariff", "tests/data/minimal.yaml", "-f", "json").stdout)[0]
    assert row["as_of"] is None
    for key in (
        "regime_in_force",
        "duty_paid_to_date_usd_bn",
        "savings_to_date_usd_bn",
        "duty_projected_usd_bn",
        "savings_projected_usd_bn",
        "duty_to_deadline_usd_bn",
        "savings_to_deadline_timeline_usd_bn",
    ):
        assert row[key] is None


def test_without_as_of_the_to_date_keys_are_null() -> None:
    result = run("tariff", FILE, "-f", "json", "--set", "as_of=null")
    row = json.loads(result.stdout)[0]
    assert (row["as_of"], row["regime_in_force"], row["duty_paid_to_date_usd_bn"]) == (None, None, None)
    assert row["duty_to_deadline_usd_bn"] == pytest.approx(PAID_TO_DEADLINE)
    # without an as-of date every day is projected, and the pair is threatened → agreed (§3.3b)
    assert row["duty_projected_usd_bn"] == pytest.approx(PAID_TO_DEADLINE)
    assert (row["from"], row["to"], row["counterfactual"]) == ("threatened", "agreed", "threatened")
    assert row["savings_projected_usd_bn"] == pytest.approx(365 * THREAT - PAID_TO_DEADLINE)
    result = run("tariff", FILE, "--set", "as_of=null", "--to", "in_force")
    assert (result.exit_code, result.stderr) == (
        2,
        f"{FILE}: 'in_force' is taken on the as-of date, and the file has no as-of date; "
        "give the file an as_of, or an as-of date\n",
    )


def test_bad_as_of_is_a_usage_error() -> None:
    result = run("tariff", FILE, "--as-of", "2025-13-01")
    assert result.exit_code == 2
    assert result.stderr == "--as-of: expected a date YYYY-MM-DD, got '2025-13-01'\n"


@pytest.mark.parametrize(("exports", "shown"), [("94.6", "94%"), ("50.0", "50%"), ("99.99", None)])
def test_coverage_warning_rounds_down(exports: str, shown: str | None) -> None:
    # the line holds 40 USD bn; exports to the partner are set so that it covers `exports` percent
    total = 40 / float(exports) * 100
    out = run("tariff", "tests/data/minimal.yaml", "--set", f"trade.exports_to_partner={total} USD bn")
    if shown is None:
        assert "Tariff lines cover" not in out.stdout
    else:
        assert f"Tariff lines cover {shown} of exports to the United States" in out.stdout


def test_explain_shows_the_timeline_arithmetic() -> None:
    rows = json.loads(run("tariff", FILE, "--explain", "-f", "json").stdout)
    by_key = {r["metric"]: r for r in rows}
    # 80.355 is 80.35499… in binary
    assert by_key["tariff_coverage"]["computation"] == "80.35 USD bn / 100.44 USD bn = 80.0%"
    assert by_key["duty_paid_to_date_usd_bn"]["computation"].startswith(
        "(base 9.50 USD bn/yr × 31 d + deal 12.05 USD bn/yr × 59 d + sec 5.11 USD bn/yr × 30 d + "
        "mfn 1.46 USD bn/yr × 9 d) / 365.25 = "
    )


def test_dates_in_rows_are_dates() -> None:
    rows = json.loads(run("tariff", FILE, "--timeline", "-f", "json").stdout)
    assert dt.date.fromisoformat(rows[0]["from"]) == dt.date(2025, 1, 1)


def test_timeline_table_names_its_assumed_inputs(tmp_path: Path) -> None:
    text = Path(FILE).read_text(encoding="utf-8")
    assumed = tmp_path / "assumed.yaml"
    assumed.write_text(
        text.replace("mfn: 4%,", "mfn: {value: 4%, assumption: true, note: an average},"), encoding="utf-8"
    )
    out = run("tariff", str(assumed), "--timeline").stdout
    assert "Rests on assumed figures: " in out
    assert "a.mfn" in out.split("Rests on assumed figures: ", 1)[1]
    assert "Rests on assumed figures" not in run("tariff", FILE, "--timeline").stdout


def test_the_totals_under_the_timeline_are_the_models_sums_by_status() -> None:
    """Two paid rows (10 days: 1 + 2 duty, 3 + 3 without the deal) and a projected one (5 days):
    paid 3.0 of 6.0, saved 3.0; the table's note is those sums (the view adds nothing up)."""
    import datetime as dt

    from dealcalc.model.timeline import Period, StatusTotals, totals_by_status

    day = dt.date(2026, 1, 1)
    rows = [
        Period(day, day, "a", "paid", 4, 1.0, 3.0, 2.0, 0.5, 0.0),
        Period(day, day, "b", "paid", 6, 2.0, 3.0, 1.0, 0.0, 0.25),
        Period(day, day, "b", "projected", 5, 4.0, 4.5, 0.5),
    ]
    assert totals_by_status(rows) == {
        "paid": StatusTotals(10, 3.0, 6.0, 3.0, 0.5, 0.25),
        "projected": StatusTotals(5, 4.0, 4.5, 0.5, 0.0, 0.0),
    }
    assert totals_by_status(rows[2:]) == {"projected": StatusTotals(5, 4.0, 4.5, 0.5, 0.0, 0.0)}
    out = run("tariff", "japan-2026-12-law-in-force", "--timeline").stdout
    [row] = json.loads(run("tariff", "japan-2026-12-law-in-force", "-f", "json").stdout)
    paid = f"paid to date ${row['duty_paid_to_date_usd_bn']:.1f} bn"
    projected = f"projected ${row['duty_projected_usd_bn']:.1f} bn"
    assert paid in " ".join(out.split()) and projected in " ".join(out.split())
