"""The deal balance (DESIGN §3.5b, issue 21): every key of tests/data/balance.yaml worked by hand,
the identities on every shipped deal, the exporter share moving the two nets, and the command's
exact text."""

from __future__ import annotations

import itertools
import json
import math

import pytest

import dealcalc
from dealcalc.scenario import shipped_names

from conftest import DATA, run

FILE = str(DATA / "balance.yaml")
KEYS = (
    "horizon_years",
    "tariff_saved_pv_usd_bn",
    "exporter_share",
    "pledger_tariff_gain_pv_usd_bn",
    "capital_pv_usd_bn",
    "pledger_receipts_pv_usd_bn",
    "us_receipts_pv_usd_bn",
    "pledger_net_pv_usd_bn",
    "us_duty_forgone_pv_usd_bn",
    "us_buyers_gain_pv_usd_bn",
    "us_net_pv_usd_bn",
    "investment_received_pv_usd_bn",
    "pledger_break_even_year",
)

# --- the file by hand -----------------------------------------------------------------------------
# Start 2025-01-01, H = balance.horizon_years = 5 (not returns' 20), d = 5%. Year boundaries as day
# offsets from the start: 2026-01-01 = 365, 2027-01-01 = 730, 2028-01-01 = 1095, 2029-01-01 = 1461
# (2028 is a leap year), 2030-01-01 = 1826.
BOUNDS = [0, 365, 730, 1095, 1461, 1826]
D = 0.05


def saving_per_year(k: int) -> float:
    """Twin duty − duty in force on the day k days after the start, per year (USD bn): one line of
    100 USD bn at MFN 0%, no elasticity."""
    if k < 90:  # 2025-01-01 … 03-31: pre_deal, its own twin
        return 0.0
    if k < 365:  # 2025-04-01 … 12-31: agreed 15% against threatened 25%
        return 100 * (0.25 - 0.15)
    if k < 546:  # 2026-01-01 … 06-30: sec122 10% against sec122_no_deal 20%
        return 100 * (0.20 - 0.10)
    if k < 638:  # 2026-07-01 … 09-30: after sec122's `until`, MFN (0%) on both sides
        return 0.0
    return 100 * (0.35 - 0.15)  # 2026-10-01 on: after 15% against no_deal 35%, to the horizon


# the saving of each year's days, each day discounted from its own date (a plain sum over days)
SAVED_YEAR = [
    sum(saving_per_year(k) / 365.25 * (1 + D) ** (-k / 365.25) for k in range(BOUNDS[t], BOUNDS[t + 1]))
    for t in range(5)
]
SAVED_FIVE_YEARS = sum(SAVED_YEAR)
# Deployment: cash 20 capped at 10 → 10 in years 0 and 1; ships 6, uncapped, deadline 2025-07-01
# within year 0 → all 6 in year 0.
DEPLOYED = [16.0, 10.0, 0.0, 0.0, 0.0]
# Waterfall, cash = 50% × capital deployed so far; tier 1 (50%) while the balance is unrecovered:
#  t0: cash 8, pledger 4, balance 16 − 4 = 12;  t1: balance 22, cash 13, pledger 6.5 → 15.5;
#  t2: 13 → 6.5, balance 9;  t3: 13 → 6.5, balance 2.5;
#  t4: 5 of the 13 repays 2.5 at 50%, the other 8 at 10% → pledger 2.5 + 0.8 = 3.3, US 9.7.
PLEDGER = [4.0, 6.5, 6.5, 6.5, 3.3]
US = [4.0, 6.5, 6.5, 6.5, 9.7]


def by_hand(share: float, years: int = 5) -> dict[str, object]:
    saved = sum(SAVED_YEAR[:years])
    capital = sum(DEPLOYED[t] / (1 + D) ** t for t in range(years))
    pledger = sum(PLEDGER[t] / (1 + D) ** (t + 1) for t in range(years))
    us = sum(US[t] / (1 + D) ** (t + 1) for t in range(years))
    cumulative, break_even = 0.0, None
    for t in range(years):
        cumulative += share * SAVED_YEAR[t] + PLEDGER[t] / (1 + D) ** (t + 1) - DEPLOYED[t] / (1 + D) ** t
        if cumulative >= 0:
            break_even = t + 1
            break
    return {
        "horizon_years": years,
        "tariff_saved_pv_usd_bn": saved,
        "exporter_share": share,
        "pledger_tariff_gain_pv_usd_bn": saved * share,
        "capital_pv_usd_bn": capital,
        "pledger_receipts_pv_usd_bn": pledger,
        "us_receipts_pv_usd_bn": us,
        "pledger_net_pv_usd_bn": saved * share + pledger - capital,
        "us_duty_forgone_pv_usd_bn": saved,
        "us_buyers_gain_pv_usd_bn": saved * (1 - share),
        "us_net_pv_usd_bn": us + saved * (1 - share) - saved,
        "investment_received_pv_usd_bn": capital,
        "pledger_break_even_year": break_even,
    }


def _check(row: dict[str, object], expected: dict[str, object]) -> None:
    assert list(row)[2 : 2 + len(KEYS)] == list(KEYS)
    for key in KEYS:
        want, got = expected[key], row[key]
        if want is None or isinstance(want, int):
            assert got == want, key
        else:
            assert math.isclose(got, want, rel_tol=1e-9), (key, got, want)  # type: ignore[arg-type]


def test_every_key_by_hand_break_even_within_the_horizon() -> None:
    [row] = dealcalc.balance(FILE)
    expected = by_hand(0.20)
    # the hand figures themselves: the pledger is back above zero in year 4 (cumulative PV net)
    assert expected["pledger_break_even_year"] == 4
    assert 60 < expected["tariff_saved_pv_usd_bn"] < 70  # type: ignore[operator]
    _check(row, expected)


def test_break_even_outside_the_horizon_is_null() -> None:
    # exporters bear none of the tariff: the pledger's receipts alone never repay the capital in 5 years
    [row] = dealcalc.balance(FILE, overrides=["incidence.exporter_share=0%"])
    expected = by_hand(0.0)
    assert expected["pledger_break_even_year"] is None
    _check(row, expected)


def test_a_shorter_horizon_cuts_every_sum() -> None:
    [row] = dealcalc.balance(FILE, overrides=["balance.horizon_years=3"])
    _check(row, by_hand(0.20, years=3))


def test_without_balance_horizon_the_returns_horizon_applies() -> None:
    [row] = dealcalc.balance(FILE, overrides=["balance=null", "returns.horizon_years=4"])
    _check(row, by_hand(0.20, years=4))


def test_missing_incidence_is_exit_1_naming_the_field() -> None:
    result = run("balance", FILE, "--set", "incidence=null")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{FILE}: incidence: balance needs the part of the tariff the pledging country's exporters bear; "
        "add e.g.\n"
        "  incidence: {exporter_share: 20%}\n"
        'or pass --set "incidence={exporter_share: 20%}"\n'
    )


# --- every shipped deal ---------------------------------------------------------------------------
SHIPPED = shipped_names()


@pytest.mark.parametrize("name", SHIPPED)
def test_the_identities_hold_on_every_shipped_deal(name: str) -> None:
    [row] = dealcalc.balance(name)
    saved = row["tariff_saved_pv_usd_bn"]
    assert row["us_duty_forgone_pv_usd_bn"] == saved
    assert math.isclose(
        row["pledger_tariff_gain_pv_usd_bn"] + row["us_buyers_gain_pv_usd_bn"], saved, rel_tol=1e-12
    )
    assert row["investment_received_pv_usd_bn"] == row["capital_pv_usd_bn"]
    assert math.isclose(
        row["pledger_net_pv_usd_bn"],
        row["pledger_tariff_gain_pv_usd_bn"] + row["pledger_receipts_pv_usd_bn"] - row["capital_pv_usd_bn"],
        rel_tol=1e-12,
        abs_tol=1e-12,
    )


@pytest.mark.parametrize("name", SHIPPED)
def test_the_exporter_share_moves_the_pledger_up_and_the_us_down(name: str) -> None:
    rows = dealcalc.sweep(
        name,
        vary=["incidence.exporter_share=0%:100%:50%"],
        metrics=["pledger_net_pv_usd_bn", "us_net_pv_usd_bn", "tariff_saved_pv_usd_bn"],
    )
    assert [r["incidence.exporter_share"] for r in rows] == [0.0, 0.5, 1.0]
    pledger = [r["pledger_net_pv_usd_bn"] for r in rows]
    us = [r["us_net_pv_usd_bn"] for r in rows]
    saved = rows[0]["tariff_saved_pv_usd_bn"]
    assert saved >= 0
    if saved > 0:
        assert pledger[0] < pledger[1] < pledger[2]
        assert us[0] > us[1] > us[2]
    else:  # no regime in force names a twin (a deal never in force): nothing to share out
        assert pledger[0] == pledger[2] and us[0] == us[2]


def test_the_exporter_share_moves_the_nets_of_the_hand_checked_file() -> None:
    rows = dealcalc.sweep(
        FILE,
        vary=["incidence.exporter_share=0%:100%:25%"],
        metrics=["pledger_net_pv_usd_bn", "us_net_pv_usd_bn"],
    )
    # each step of 25 points moves a quarter of the saving from one side to the other
    step = SAVED_FIVE_YEARS / 4
    for before, after in itertools.pairwise(rows):
        assert math.isclose(
            after["pledger_net_pv_usd_bn"] - before["pledger_net_pv_usd_bn"], step, rel_tol=1e-9
        )
        assert math.isclose(before["us_net_pv_usd_bn"] - after["us_net_pv_usd_bn"], step, rel_tol=1e-9)


def test_compare_gives_both_nets_for_every_deal() -> None:
    result = run("compare", "-m", "pledger_net_pv_usd_bn", "-m", "us_net_pv_usd_bn", "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == len(SHIPPED)
    for row in rows:
        assert isinstance(row["pledger_net_pv_usd_bn"], float), row["file"]
        assert isinstance(row["us_net_pv_usd_bn"], float), row["file"]


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown"])
def test_balance_runs_on_every_shipped_file_in_every_format(fmt: str) -> None:
    result = run("balance", *SHIPPED, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout


def test_the_table_puts_the_two_ledgers_side_by_side() -> None:
    result = run("balance", FILE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Deal balance: Testland balance (hand-checked)\n"
        "\n"
        " Metric                                        Testland  United States\n"
        " ─────────────────────────────────────────────────────────────────────\n"
        " Tariff saved: the share each side keeps       $13.4 bn       $53.8 bn\n"
        " Customs duty forgone                                 —      -$67.2 bn\n"
        " Capital deployed                             -$25.5 bn              —\n"
        " Profit waterfall receipts                     $23.3 bn       $28.3 bn\n"
        " Net (no residual value of the assets)         $11.2 bn       $14.8 bn\n"
        " Investment received (apart: not in the net)          —       $25.5 bn\n"
        " Breaks even (year from start)                        4              —\n"
        "\n"
        "Present values at 5% a year, to the start (2025-01-01), over 5 years to 2030-01-01.\n"
        "Tariff saved against the without-deal twin, day by day: $67.2 bn; Testland's exporters keep 20% of\n"
        "  it (they bear that share of a tariff), US buyers the rest.\n"
        "The saving under After Section 122 (in force from 2026-10-01) is assumed to run to the horizon.\n"
        "No residual value: what the assets are worth at the horizon is in neither net. "
        "The investment the US\n"
        "  receives is shown apart, not summed into a net.\n"
        "Rests on assumed figures: incidence.exporter_share (a test figure)\n"
    )


def test_a_deal_that_does_not_break_even_says_so() -> None:
    result = run("balance", FILE, "--set", "incidence.exporter_share=0%")
    assert "Testland does not break even within the 5 years (shown as —).\n" in result.stdout


def test_without_dated_regimes_balance_says_what_to_add() -> None:
    result = run("balance", FILE, "--set", "tariffs.regimes=null")
    assert (result.exit_code, result.stderr) == (
        1,
        f"{FILE}: tariffs.regimes: balance needs dated regimes ('from' dates) to know which duty applied on "
        "each day; add e.g.\n"
        "  tariffs:\n    regimes:\n"
        "      agreed: {label: Deal rates, from: 2025-11-14, without_deal: threatened}\n",
    )


def test_the_newest_deal_of_every_country_saves_against_its_twin() -> None:
    newest = {name.split("-")[0]: name for name in sorted(SHIPPED)}  # names sort by their date
    assert len(newest) == 5
    for name in newest.values():
        [row] = dealcalc.balance(name)
        assert row["tariff_saved_pv_usd_bn"] > 0, name
        assert row["pledger_tariff_gain_pv_usd_bn"] > 0, name


def test_a_later_as_of_only_adds_the_freshness_note() -> None:
    plain = dealcalc.balance(FILE)
    later = dealcalc.balance(FILE, as_of="2027-06-30")
    assert [r["pledger_net_pv_usd_bn"] for r in later] == [r["pledger_net_pv_usd_bn"] for r in plain]
    result = run("balance", FILE, "--as-of", "2027-06-30")
    assert "balance: facts as of 2026-11-01; later dates assume nothing changed.\n" in result.stdout


def test_the_docs_work_japan_with_the_figures_the_model_gives() -> None:
    """docs/balance.md works Japan's balance in words: each figure it quotes is today's."""
    from pathlib import Path

    text = (Path(__file__).parent.parent / "docs" / "balance.md").read_text(encoding="utf-8")
    [row] = dealcalc.balance("japan-2026-12-law-in-force")
    for key in (
        "pledger_tariff_gain_pv_usd_bn",
        "us_buyers_gain_pv_usd_bn",
        "us_duty_forgone_pv_usd_bn",
        "capital_pv_usd_bn",
        "pledger_receipts_pv_usd_bn",
    ):
        assert f"**${row[key]:.1f}bn**" in text, key
    assert f"**−${-row['pledger_net_pv_usd_bn']:.1f}bn**" in text
    assert f"**+${row['us_net_pv_usd_bn']:.1f}bn**" in text
    assert row["pledger_break_even_year"] is None and "does not break\n   even" in text
