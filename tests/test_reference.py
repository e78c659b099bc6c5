"""The derived figures of REFERENCE-DATA.md, reproduced from the raw inputs of the shipped files."""

from __future__ import annotations

import pytest

from dealcalc import compute_burden, compute_outflow, compute_tariff, load_scenario


def test_japan_pledge_is_nearly_14_percent_of_gdp_and_8_years_of_deficit() -> None:
    b = compute_burden(load_scenario("japan-2025-09-mou"))
    assert round(b.pledge_to_gdp or 0, 3) == 0.137
    assert round(b.surplus_years or 0, 1) == 8.0
    assert round(b.pledge_to_reserves or 0, 2) == 0.44  # 550 / 1,253.281 (end-Feb 2025) = 0.439


def test_japan_annual_pace() -> None:
    s = load_scenario("japan-2025-09-mou")
    o, b = compute_outflow(s), compute_burden(s)
    assert round(o.years_available, 2) == 3.38
    assert round(o.required_annual_pace_usd_bn) == 163
    assert round(b.annual_pace_to_gdp or 0, 3) == 0.041


def test_korea_burden() -> None:
    b = compute_burden(load_scenario("korea-2025-11-mou"))
    assert round(b.pledge_to_gdp or 0, 3) == 0.187
    assert round(b.pledge_to_reserves or 0, 2) == 0.84
    assert round(b.surplus_years or 0, 1) == 5.3
    oct_2025 = compute_burden(load_scenario("korea-2025-11-mou", ["economy.fx_reserves=428.82 USD bn"]))
    assert round(oct_2025.pledge_to_reserves or 0, 2) == 0.82


def test_korea_years_at_cap() -> None:
    assert compute_outflow(load_scenario("korea-2025-11-mou")).years_needed_at_cap == 10.0
    july = load_scenario("korea-2025-07-framework")
    assert compute_outflow(july).years_needed_at_cap == 17.5
    # $20bn a year: 1.07% of GDP and 4.8% of end-2024 reserves
    assert round(20 / july.economy.gdp, 4) == 0.0107
    assert round(compute_outflow(july).peak_year_to_reserves or 0, 3) == 0.048


def test_korea_cash_alone() -> None:
    cash = load_scenario("korea-2025-11-mou", ["pledge.tranches.1=null", "pledge.amount=200 USD bn"])
    b = compute_burden(cash)
    assert round(b.pledge_to_gdp or 0, 3) == 0.107
    assert round(b.surplus_years or 0, 1) == 3.0


def test_indicative_auto_duty_change() -> None:
    assert compute_tariff(load_scenario("korea-2025-11-mou")).annual_savings_usd_bn == pytest.approx(
        4.3, abs=0.01
    )
    japan = compute_tariff(load_scenario("japan-2025-09-mou")).annual_savings_usd_bn
    assert 5.9 <= japan <= 7.0  # 12.5pp × $47.5bn (MOF autos + parts)


def test_july_frameworks_did_not_cut_auto_tariffs() -> None:
    for name in ("japan-2025-07-framework", "korea-2025-07-framework"):
        t = compute_tariff(load_scenario(name))
        assert t.annual_savings_usd_bn == 0.0
        assert t.pledge_to_annual_savings is None
