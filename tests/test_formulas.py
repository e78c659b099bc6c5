"""The formulas written once for floats and numpy arrays (`model.common.Ops`), against values
worked by hand, on both: the numpy ≡ scalar properties cannot see an error in a formula the two
paths share, these do (each case sits on an edge: a cap boundary, a negative elasticity)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from dealcalc.analysis.vector import ARRAYS, outflow_arrays, tariff_arrays
from dealcalc.keypath import split_path
from dealcalc.model.inputs import RegimeRate, Scenario, Tranche
from dealcalc.model.outflow import compute_outflow
from dealcalc.model.tariff import compute_tariff
from dealcalc.model.vary import set_value

from helpers import line, scenario

AMOUNT = ("pledge", "tranches", 0, "amount")


def _on_arrays(s: Scenario, path: tuple[str | int, ...], values: list[float]) -> Scenario:
    return set_value(s, path, np.array(values))  # type: ignore[arg-type]


def _list(value: Any, n: int) -> list[float]:
    return [float(v) for v in np.broadcast_to(value, (n,))]


def test_a_whole_period_at_the_cap_is_paid_at_the_cap() -> None:
    """A cap of 10 on 10, on 15 and on 25 pays 10 in the first year (one, one and two whole
    periods at the cap); on 9.5 the cap is never reached: 9.5. Reserves 200."""
    amounts = [10.0, 15.0, 25.0, 9.5]
    expected = [10 / 200, 10 / 200, 10 / 200, 9.5 / 200]
    for amount, want in zip(amounts, expected, strict=True):
        s = scenario((Tranche("t", amount, 10.0),))
        assert compute_outflow(s).peak_year_to_reserves == pytest.approx(want, rel=1e-15), amount
    got = outflow_arrays(_on_arrays(scenario((Tranche("t", 10.0, 10.0),)), AMOUNT, amounts))
    assert _list(got["peak_year_to_reserves"], 4) == pytest.approx(expected, rel=1e-15)


def test_years_at_the_cap_and_what_the_deadline_leaves() -> None:
    """100 at a cap of 10, 4 years (2025-01-01 to 2029-01-01): 10 years at the cap, 40 paid by
    the deadline, 60 short, a pace of 25 a year, 2.5 × the cap; a cap equal to the amount: 1 year,
    all of it deliverable, nothing short."""
    s = scenario((Tranche("t", 100.0, 10.0),))
    out = compute_outflow(s)
    assert (out.years_needed_at_cap, out.deliverable_by_deadline_usd_bn) == (10.0, 40.0)
    assert (out.shortfall_at_deadline_usd_bn, out.required_annual_pace_usd_bn, out.pace_to_cap) == (
        60.0,
        25.0,
        2.5,
    )
    got = outflow_arrays(_on_arrays(s, ("pledge", "tranches", 0, "annual_cap"), [10.0, 100.0, 200.0]))
    assert _list(got["years_needed_at_cap"], 3) == [10.0, 1.0, 0.5]
    assert _list(got["deliverable_by_deadline_usd_bn"], 3) == [40.0, 100.0, 100.0]
    assert _list(got["shortfall_at_deadline_usd_bn"], 3) == [60.0, 0.0, 0.0]
    assert _list(got["pace_to_cap"], 3) == [2.5, 0.25, 0.125]


# one line: 100 of exports at an MFN rate of 0, threatened 25%, agreed 15%; P = 100, Y = 4
ONE_LINE = (line("a", 100.0, 0.0, RegimeRate(0.25), RegimeRate(0.15)),)


def test_exports_respond_with_the_elasticity_and_the_deal_preserves_them() -> None:
    """ε = −2: X_threatened = 100 / 1.25² = 64, X_agreed = 100 / 1.15² = 75.6144 (the deal
    keeps 11.6144 of exports: positive); duty 64 × 25% = 16 and 75.6144 × 15% = 11.3422, saved
    4.6578 a year, P / saved = 21.47 years of savings, 18.63 saved by the deadline."""
    x_thr, x_agr = 100 / 1.25**2, 100 / 1.15**2
    assert (x_thr, round(x_agr, 4)) == (64.0, 75.6144)
    saved = 16.0 - x_agr * 0.15
    t = compute_tariff(scenario(lines=ONE_LINE, elasticity=-2.0))
    assert t.duty_usd_bn["threatened"] == pytest.approx(16.0, rel=1e-12)
    assert t.duty_usd_bn["agreed"] == pytest.approx(x_agr * 0.15, rel=1e-12)
    assert t.effective_rate["threatened"] == pytest.approx(0.25, rel=1e-12)
    assert t.exports_preserved_usd_bn == pytest.approx(11.614366729678639, rel=1e-12)
    assert t.annual_savings_usd_bn == pytest.approx(saved, rel=1e-12)
    assert t.pledge_to_annual_savings == pytest.approx(100 / saved, rel=1e-12)
    assert t.savings_to_deadline_usd_bn == pytest.approx(saved * 4, rel=1e-12)
    # on arrays, ε = −2, 0 (static: nothing preserved, 25 − 15 saved) and −1 (80 and 86.9565)
    s = _on_arrays(scenario(lines=ONE_LINE, elasticity=-2.0), ("tariffs", "elasticity"), [-2.0, 0.0, -1.0])
    got = tariff_arrays(s)
    assert _list(got["exports_preserved_usd_bn"], 3) == pytest.approx([x_agr - x_thr, 0.0, 100 / 1.15 - 80])
    assert _list(got["annual_savings_usd_bn"], 3) == pytest.approx([saved, 10.0, 20 - 100 / 1.15 * 0.15])
    assert _list(got["duty_threatened_usd_bn"], 3) == pytest.approx([16.0, 25.0, 20.0])


def test_every_rate_form_on_floats_and_arrays() -> None:
    """MFN 20%: a surcharge of +25% is 45%, a floor of 15% is the MFN rate, 20%; at MFN 10% and
    0: 35% and 15%, 25% and 15%. ε = 0: duty on 50 of exports is 50 × the rate."""
    b = line("b", 50.0, 0.20, RegimeRate(0.25, "surcharge"), RegimeRate(0.15, "floor"))
    t = compute_tariff(scenario(lines=(b,)))
    assert t.effective_rate == pytest.approx({"mfn": 0.2, "threatened": 0.45, "agreed": 0.2})
    assert t.duty_usd_bn == pytest.approx({"mfn": 10.0, "threatened": 22.5, "agreed": 10.0})
    assert (t.annual_savings_usd_bn, t.extra_duty_vs_mfn_usd_bn) == pytest.approx((12.5, 0.0))
    got = tariff_arrays(_on_arrays(scenario(lines=(b,)), split_path("tariffs.lines.b.mfn"), [0.2, 0.1, 0.0]))
    assert _list(got["effective_rate_threatened"], 3) == pytest.approx([0.45, 0.35, 0.25])
    assert _list(got["effective_rate_agreed"], 3) == pytest.approx([0.2, 0.15, 0.15])
    assert _list(got["extra_duty_vs_mfn_usd_bn"], 3) == pytest.approx([0.0, 2.5, 7.5])


def test_coverage_is_the_lines_share_of_the_exports_to_the_partner() -> None:
    """100 of line exports against 50, 200 and 400 to the partner: 2, 0.5, 0.25; none at 0."""
    s = scenario(lines=ONE_LINE)
    assert compute_tariff(s).tariff_coverage == 2.0
    got = tariff_arrays(_on_arrays(s, ("trade", "exports_to_partner"), [50.0, 200.0, 400.0, 0.0]))
    assert _list(got["tariff_coverage"], 4)[:3] == [2.0, 0.5, 0.25]
    assert np.isnan(_list(got["tariff_coverage"], 4)[3])


def test_an_uncapped_pace_never_pays_more_than_the_amount() -> None:
    """Y counts years of 365.25 days. From 2025-01-01 to 2026-01-01 (365 days) Y = 365/365.25, so
    amount / Y = 100 × 365.25/365 = 100.0685 would be paid in the one full period: the period pays
    the 100 left. Over 2025-11-14 to 2030-11-14 (1,826 days, Y = 4.99932) the five periods pay
    40.0055 four times (160.0219) and the 39.9781 left, 200 in all — Switzerland's window."""
    import datetime as dt

    from dealcalc.model.outflow import compute_schedule, required_periods

    one, rest = required_periods(100.0, dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    assert (one, rest) == ([100.0], 0.0)
    five, rest = required_periods(200.0, dt.date(2025, 11, 14), dt.date(2030, 11, 14))
    pace = 200 / (1826 / 365.25)
    assert five[:4] == [pytest.approx(pace, rel=1e-15)] * 4 and pace == pytest.approx(40.00548, abs=1e-5)
    assert five[4] == pytest.approx(200 - 4 * pace, rel=1e-12) and rest == 0.0
    arrays, rest_arrays = required_periods(
        np.array([200.0, 100.0]), dt.date(2025, 11, 14), dt.date(2030, 11, 14), ARRAYS
    )
    assert [_list(a, 2) for a in arrays][4] == pytest.approx([200 - 4 * pace, 100 - 2 * pace], rel=1e-12)
    assert _list(rest_arrays, 2) == [0.0, 0.0]
    s = scenario((Tranche("t", 100.0, None),))._replace(
        pledge=scenario((Tranche("t", 100.0, None),)).pledge._replace(
            start=dt.date(2025, 1, 1), deadline=dt.date(2026, 1, 1)
        )
    )
    assert [p.required_usd_bn for p in compute_schedule(s)] == [100.0]


def test_the_peak_year_of_an_uncapped_pace_is_at_most_the_amount() -> None:
    """The largest year of an uncapped 100 USD bn from 2025-01-01 to 2026-01-01 is the 100 its one
    period pays (not 100 × 365.25/365): 100 / 200 of reserves = 0.5, on floats and on arrays;
    over two years (730 days, Y = 1.99863) the first year pays 100 / 1.99863 = 50.0343."""
    import datetime as dt

    base = scenario((Tranche("t", 100.0, None),))
    for deadline, want in ((dt.date(2026, 1, 1), 0.5), (dt.date(2027, 1, 1), 100 / (730 / 365.25) / 200)):
        s = base._replace(pledge=base.pledge._replace(start=dt.date(2025, 1, 1), deadline=deadline))
        assert compute_outflow(s).peak_year_to_reserves == pytest.approx(want, rel=1e-15), deadline
        got = outflow_arrays(_on_arrays(s, AMOUNT, [100.0, 100.0]))["peak_year_to_reserves"]
        assert _list(got, 2) == pytest.approx([want, want], rel=1e-15), deadline
