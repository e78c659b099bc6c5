"""Every sweep point, sensitivity point and simulated draw is checked by the file's rules (DESIGN
§6): an invalid point keeps its sweep row with no metrics, gives a sensitivity end no metric, is
skipped and counted as missing by simulate. Limits are refused before any work. And a property
test: random --set and --vary never crash and never print inf, nan or a negative amount."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, run

M = str(MINIMAL)
RETURNS = "returns={cash_yield: 6%, horizon_years: 20, discount_rate: 4%}"


# --- sweep ------------------------------------------------------------------------------------------


def test_sweep_point_with_a_zero_cap_keeps_its_row_without_metrics() -> None:
    result = run(
        "sweep",
        M,
        "--vary",
        "pledge.annual_cap=0 USD bn:10 USD bn:5 USD bn",
        "-m",
        "years_needed_at_cap",
        "-f",
        "csv",
    )
    # a cap of 0 is refused in a file (it would divide by zero); 100 USD bn at 5 a year is 20 years
    assert (result.exit_code, result.stdout) == (
        0,
        "pledge.annual_cap,years_needed_at_cap\n0.0,\n5.0,20.0\n10.0,10.0\n",
    )


def test_sweep_point_over_the_plan_limit_has_no_metrics() -> None:
    # 100 USD bn at 0.05 a year would take 2,000 years: the file's rule stops at 1,000
    result = run(
        "sweep",
        M,
        "--vary",
        "pledge.annual_cap=0.05 USD bn:0.15 USD bn:0.1 USD bn",
        "-m",
        "years_needed_at_cap",
        "-f",
        "json",
    )
    rows = json.loads(result.stdout)
    assert [r["years_needed_at_cap"] for r in rows] == [None, pytest.approx(100 / 0.15)]


def test_vectorised_sweep_validates_every_point() -> None:
    # 20,000 points: the numpy path; the first (a cap of 0) is refused, the others are 100 / cap
    result = run(
        "sweep",
        M,
        "--vary",
        "pledge.annual_cap=0 USD bn:19999 USD bn:1 USD bn",
        "-m",
        "years_needed_at_cap",
        "-f",
        "csv",
    )
    lines = result.stdout.splitlines()
    assert lines[1:4] == ["0.0,", "1.0,100.0", "2.0,50.0"]
    assert len(lines) == 20_001


def test_sweep_of_a_profit_share_over_100_percent_has_no_metrics() -> None:
    result = run(
        "sweep",
        M,
        "--set",
        "pledge.profit_split=[{pledger: 90%}]",
        "--set",
        RETURNS,
        "--vary",
        "pledge.profit_split.0.pledger=50%:150%:50%",
        "-m",
        "pledger_receipts_usd_bn",
        "-f",
        "json",
    )
    rows = json.loads(result.stdout)
    assert [r["pledger_receipts_usd_bn"] is None for r in rows] == [False, False, True]


@pytest.mark.parametrize(
    ("vary", "message"),
    [
        ("economy.fx_rate=1:10:nan", "the STEP of --vary must be a finite number greater than zero, not nan"),
        ("economy.fx_rate=1:10:inf", "the STEP of --vary must be a finite number greater than zero, not inf"),
        ("economy.fx_rate=1:10:0", "the STEP of --vary must be a finite number greater than zero, not 0"),
        ("economy.fx_rate=1:10:-1", "the STEP of --vary must be a finite number greater than zero, not -1"),
        (
            "economy.gdp=1 USD bn:100000 USD bn:0.001 USD bn",
            "--vary gives more than 10,000,000 values; take a larger STEP",
        ),
    ],
)
def test_bad_steps_and_huge_ranges_are_refused_up_front(vary: str, message: str) -> None:
    result = run("sweep", M, "--vary", vary)
    assert (result.exit_code, result.stderr) == (2, message + "\n")


def test_a_grid_over_10_million_points_is_refused_up_front() -> None:
    result = run(
        "sweep",
        M,
        "--vary",
        "economy.gdp=1 USD bn:10000 USD bn:1 USD bn",
        "--vary",
        "economy.fx_reserves=1 USD bn:10000 USD bn:1 USD bn",
    )
    assert (result.exit_code, result.stderr) == (
        2,
        "the grid has 100,000,000 points, over the limit of 10,000,000; "
        "take larger steps or vary fewer fields\n",
    )


def test_a_path_varied_twice_is_refused() -> None:
    result = run(
        "sweep",
        M,
        "--vary",
        "economy.gdp=1 USD bn:2 USD bn:1 USD bn",
        "--vary",
        "economy.gdp=5 USD bn:6 USD bn:1 USD bn",
    )
    assert (result.exit_code, result.stderr) == (
        2,
        "--vary economy.gdp is given twice; vary each field once (its range in one --vary)\n",
    )


# --- sensitivity ------------------------------------------------------------------------------------


def test_sensitivity_end_that_breaks_a_rule_has_no_metric() -> None:
    result = run("sensitivity", M, "-m", "years_needed_at_cap", "--delta", "100%", "-f", "json")
    row = next(r for r in json.loads(result.stdout) if r["input"] == "pledge.annual_cap")
    # the cap moved down 100% is 0 (refused); up 100% is 20: 100 / 20 = 5 years
    assert (row["value_low"], row["metric_low"], row["value_high"], row["metric_high"]) == (
        0.0,
        None,
        20.0,
        5.0,
    )


def test_sensitivity_delta_over_100_percent_is_refused() -> None:
    result = run("sensitivity", M, "-m", "pledge_to_gdp", "--delta", "1000%")
    assert (result.exit_code, result.stderr) == (
        2,
        "--delta 1000%: at most 100% (an input moved down by more would turn negative)\n",
    )


# --- simulate ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("runs", ["100", "20000"])  # the scalar path and the numpy one
def test_simulated_draws_that_break_a_rule_are_skipped_and_counted(runs: str) -> None:
    result = run(
        "simulate",
        M,
        "--set",
        "pledge.profit_split=[{pledger: 90%}]",
        "--set",
        RETURNS,
        "--set",
        "uncertainty={pledge.profit_split.0.pledger: {uniform: [110%, 150%]}}",
        "--runs",
        runs,
        "-m",
        "pledger_receipts_usd_bn",
        "-f",
        "json",
    )
    # every share > 100%: nothing to summarise, an error (issue #24), not a row of nulls
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{M}: uncertainty: all {int(runs):,} draws were skipped: every one gave values a file would "
        "refuse (pledge.profit_split.0.pledger), or no value; keep the ranges within what the file's "
        "rules accept\n"
    )


def test_runs_over_10_million_are_refused() -> None:
    result = run("simulate", M, "--runs", "10000001")
    assert result.exit_code == 2 and "10000001 is not in the range 1<=x<=10000000" in result.stderr


def test_a_draw_beyond_any_float_is_drawn_again_not_a_crash() -> None:
    # about a quarter of the draws overflow to infinity, a quarter exceed 1,000 USD tn: all skipped
    uncertain = "uncertainty={pledge.amount: {lognormal: [0, 1000]}}"
    result = run("simulate", M, "--set", uncertain, "--runs", "200", "-f", "json", "-m", "pledge_to_gdp")
    (row,) = json.loads(result.stdout)
    assert result.exit_code == 0 and row["runs"] + row["missing"] == 200 and row["runs"] > 0
    # a GDP of e^700 (1e304 USD bn) or more in every draw: each one refused, as in a file
    uncertain = "uncertainty={economy.gdp: {lognormal: [700, 5]}}"
    result = run("simulate", M, "--set", uncertain, "--runs", "200", "-f", "json", "-m", "pledge_to_gdp")
    assert (result.exit_code, result.stdout) == (1, "")
    assert "all 200 draws were skipped" in result.stderr


# --- overflow and far dates -------------------------------------------------------------------------


def test_returns_with_a_huge_discount_rate_do_not_overflow() -> None:
    big = "returns={cash_yield: 5%, horizon_years: 200, discount_rate: 100000%}"
    result = run("returns", "japan-2025-09-mou", "--set", big, "-f", "json")
    (row,) = json.loads(result.stdout)
    # discounted at 1,000× a year, only year 0's outlay counts: NPV is minus what is deployed in year 0
    assert result.exit_code == 0 and row["pledger_npv_usd_bn"] < 0


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01"])
def test_dates_outside_the_planning_years_are_refused(date: str) -> None:
    result = run("outflow", M, "--schedule", "--set", f"pledge.deadline={date}")
    assert (result.exit_code, result.stderr) == (
        1,
        f"--set: pledge.deadline: {date} is outside the years dealcalc plans in (1900–2999)\n",
    )


def test_a_funding_window_of_more_than_10_years_is_refused() -> None:
    result = run("calls", "japan-2025-09-mou", "--set", "pledge.funding_window=999999999 days")
    assert (result.exit_code, result.stderr) == (
        1,
        "--set: pledge.funding_window: '999999999 days' is longer than 3,650 days (10 years); "
        "check the number\n",
    )


# --- the property: random --set and --vary ----------------------------------------------------------

EXAMPLES = int(os.environ.get("DEALCALC_FUZZ_EXAMPLES", "40"))
FIELDS = [
    "economy.gdp",
    "economy.fx_rate",
    "economy.fx_reserves",
    "economy.population",
    "pledge.amount",
    "pledge.annual_cap",
    "pledge.start",
    "pledge.deadline",
    "pledge.instruments.cash",
    "pledge.profit_split",
    "pledge.profit_split.0.pledger",
    "pledge.tranches",
    "pledge.tranches.0.annual_cap",
    "trade.exports_to_partner",
    "trade.surplus_with_partner",
    "tariffs.elasticity",
    "tariffs.lines.goods.agreed",
    "tariffs.lines.goods.exports",
    "returns",
    "returns.discount_rate",
    "title",
    "currency",
    "0",
    "pledge.0",
    "a..b",
    "x.y.z",
    "economy.gdp.value",
]
VALUES = [
    "550 USD bn",
    "0 USD bn",
    "-1 USD bn",
    "0.001 USD bn",
    "9" * 400 + " USD bn",
    "15%",
    "0%",
    "150%",
    "-5%",
    "100000%",
    "1363.98",
    "0",
    "-1",
    "1e308",
    ".nan",
    ".inf",
    "-.inf",
    "01363",
    "1:30",
    "!!int abc",
    "!!float abc",
    "!!timestamp x",
    "null",
    "[1, 2]",
    "{a: 1}",
    "[{pledger: 90%}]",
    "9" * 400,
    "2025-01-01",
    "9999-12-31",
    "KRW",
    "x",
    "",
    "{cash_yield: 6%, horizon_years: 20, discount_rate: 4%}",
    "[{name: a, amount: 100 USD bn, annual_cap: 0 USD bn}]",
]
ENDS = [
    "0 USD bn",
    "1 USD bn",
    "10 USD bn",
    "-1 USD bn",
    "0%",
    "50%",
    "150%",
    "0",
    "1",
    "10",
    "-2",
    ".nan",
    "x",
]
STEPS = ["1 USD bn", "5 USD bn", "0 USD bn", "-1 USD bn", "10%", "0%", "1", "0", "-1", ".nan", ".inf", "nan"]
# amounts that are never negative (a surplus, an NPV or a saving may be)
AMOUNTS = ("Pledge (investment)", "Pace to meet deadline", "Annual cap", "Deliverable by deadline")
NOT_FINITE = re.compile(r"\b(inf|nan)\b", re.IGNORECASE)


def _check(result_args: list[str]) -> None:
    result = run(*result_args)
    assert result.exit_code in (0, 1, 2), (result_args, result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    if result.exit_code == 0:
        assert not NOT_FINITE.search(result.stdout), result.stdout
        for line in result.stdout.splitlines():
            if line.strip().startswith(AMOUNTS):
                assert "-$" not in line, line


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(st.tuples(st.sampled_from(FIELDS), st.sampled_from(VALUES)), min_size=1, max_size=3),
    st.sampled_from([["burden"], ["outflow"], ["returns"], ["calls"], ["tariff"]]),
)
def test_random_set_never_crashes_nor_prints_impossible_numbers(
    sets: list[tuple[str, str]], command: list[str]
) -> None:
    args = [*command, M]
    for path, value in sets:
        args += ["--set", f"{path}={value}"]
    _check(args)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.tuples(
            st.sampled_from(FIELDS), st.sampled_from(ENDS), st.sampled_from(ENDS), st.sampled_from(STEPS)
        ),
        min_size=1,
        max_size=2,
    ),
    st.lists(st.tuples(st.sampled_from(FIELDS), st.sampled_from(VALUES)), max_size=1),
)
def test_random_vary_never_crashes_nor_prints_impossible_numbers(
    varies: list[tuple[str, str, str, str]], sets: list[tuple[str, str]]
) -> None:
    args = [
        "sweep",
        M,
        "-m",
        "pledge_to_gdp",
        "-m",
        "years_needed_at_cap",
        "-m",
        "required_annual_pace_usd_bn",
    ]
    for path, start, stop, step in varies:
        args += ["--vary", f"{path}={start}:{stop}:{step}"]
    for path, value in sets:
        args += ["--set", f"{path}={value}"]
    _check(args)


def test_a_pledge_without_tranches_checks_its_cap_under_either_path() -> None:
    """pledge.tranches.0.annual_cap names the cap of a pledge without tranches too; a zero cap
    there was computed (ZeroDivisionError, exit 70) instead of refused (found by the test above)."""
    out = run(
        "sweep",
        str(MINIMAL),
        "-m",
        "years_needed_at_cap",
        "--vary",
        "pledge.tranches.0.annual_cap=0 USD bn:2 USD bn:1 USD bn",
        "-f",
        "csv",
    )
    # minimal.yaml pledges 100 USD bn: 100 / 1 = 100 years, 100 / 2 = 50; a zero cap keeps its row, no metric
    assert (out.exit_code, out.stdout) == (
        0,
        "pledge.tranches.0.annual_cap,years_needed_at_cap\n0.0,\n1.0,100.0\n2.0,50.0\n",
    )


@pytest.mark.parametrize("fx_first", [False, True])
def test_an_amount_in_the_files_currency_varied_with_the_rate_is_converted_at_the_points_rate(
    write: Callable[[str, str], str], fx_first: bool
) -> None:
    """Korea's pledge of 350 USD bn against a GDP of 2,000 KRW tn at 1,400 KRW per USD:
    350 × 1,400 / 2,000,000 = 0.245, whichever is named first. The varied GDP was converted at the
    file's rate (1,363.98) and the drawn rate then replaced it by the file's own GDP: 0.192 or
    0.2387 by the order. A spread of 0.001 KRW tn is a spread, not a GDP below the least."""
    gdp = ("--vary", "economy.gdp=2000 KRW tn:2000 KRW tn:1 KRW tn")
    fx = ("--vary", "economy.fx_rate=1400:1400:1")
    args = [*fx, *gdp] if fx_first else [*gdp, *fx]
    out = run("sweep", "korea-2025-11-mou", "-m", "pledge_to_gdp", *args, "-f", "json")
    assert out.exit_code == 0, out.stderr
    assert json.loads(out.stdout)[0]["pledge_to_gdp"] == pytest.approx(0.245, rel=1e-12)
    draws = [
        "  economy.gdp: {normal: [2000 KRW tn, 0.001 KRW tn]}",
        "  economy.fx_rate: {normal: [1400, 0.0001]}",
    ]
    text = "extends: korea-2025-11-mou\nuncertainty:\n" + "\n".join(draws[::-1] if fx_first else draws)
    name = write("kfx.yaml", text)
    for runs in ("300", "20000"):  # the scalar path and the numpy one
        done = run("simulate", name, "-m", "pledge_to_gdp", "--runs", runs, "-f", "json")
        assert done.exit_code == 0, done.stderr
        [row] = json.loads(done.stdout)
        assert row["p50"] == pytest.approx(0.245, abs=1e-5) and row["missing"] == 0, runs
