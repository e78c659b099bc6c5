"""Pure model tests: exact small cases and Hypothesis properties."""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Literal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dealcalc.errors import MissingInputError, UnknownRegimeError
from dealcalc.model.burden import compute_burden
from dealcalc.model.calls import CallRow, compute_call_schedule, compute_calls
from dealcalc.model.dates import add_business_days, anniversary, years_between
from dealcalc.model.inputs import Project, RegimeRate, Returns, Scenario, Tier, Trade, Tranche, Window
from dealcalc.model.outflow import compute_outflow, compute_schedule
from dealcalc.model.returns import compute_returns, compute_returns_schedule
from dealcalc.model.tariff import compute_tariff, compute_tariff_lines

from helpers import line, scenario

R = RegimeRate
CapBasis = Literal["calendar_year", "trailing_year"]
amounts = st.floats(min_value=1.0, max_value=2000.0)
caps = st.floats(min_value=0.5, max_value=500.0)
rates = st.floats(min_value=0.0, max_value=1.0)


# --- dates ----------------------------------------------------------------------------------------
def test_leap_day_anniversary_falls_on_28_february() -> None:
    assert anniversary(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert anniversary(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)


def test_business_days_skip_weekends() -> None:
    friday = dt.date(2025, 10, 31)
    assert add_business_days(friday, 1) == dt.date(2025, 11, 3)
    assert add_business_days(friday, 45) == dt.date(2026, 1, 2)
    assert add_business_days(dt.date(2025, 11, 1), 1) == dt.date(2025, 11, 3)  # from a Saturday


def test_years_between_uses_365_25_days() -> None:
    assert years_between(dt.date(2025, 1, 1), dt.date(2029, 1, 1)) == 4.0


# --- burden ---------------------------------------------------------------------------------------
def test_burden_ratios() -> None:
    b = compute_burden(scenario())
    assert b.pledge_usd_bn == 100.0
    assert b.pledge_to_gdp == pytest.approx(0.1)
    assert b.pledge_to_reserves == pytest.approx(0.5)
    assert b.surplus_years == pytest.approx(5.0)
    assert b.pledge_to_surplus_to_deadline == pytest.approx(100 / (20 * 4))
    assert b.annual_pace_usd_bn == pytest.approx(25.0)
    assert b.annual_pace_to_reserve_income is None
    assert b.cost_usd_bn is None and b.cost_weights_assumed is None


def test_deficit_gives_null_surplus_ratios() -> None:
    b = compute_burden(scenario(trade=Trade(10.0, 30.0, -20.0)))
    assert b.surplus_years is None and b.pledge_to_surplus_to_deadline is None


def test_purchases_tranche_is_not_investment() -> None:
    s = scenario((Tranche("invest", 100.0), Tranche("energy", 750.0, kind="purchases")))
    b = compute_burden(s)
    assert (b.pledge_usd_bn, b.purchases_usd_bn, b.purchases_to_gdp) == (100.0, 750.0, 0.75)
    assert compute_outflow(s).required_annual_pace_usd_bn == pytest.approx(25.0)


def test_instrument_cost_with_default_and_explicit_weights() -> None:
    s = scenario(instruments={"equity": 0.02, "loans": 0.78, "guarantees": 0.20}, cost_weights={"loans": 0.2})
    b = compute_burden(s)
    assert b.cost_usd_bn == pytest.approx(100 * (0.02 * 1.0 + 0.78 * 0.2 + 0.20 * 0.05))
    assert b.cost_weights_assumed == ["equity", "guarantees"]


# --- outflow --------------------------------------------------------------------------------------
def test_korea_like_tranches() -> None:
    s = scenario((Tranche("cash", 200.0, 20.0), Tranche("ships", 150.0)))
    o = compute_outflow(s)
    assert o.years_needed_at_cap == 10.0
    assert o.annual_cap_usd_bn == 20.0
    assert o.pace_to_cap == pytest.approx(50.0 / 20.0)
    assert o.deliverable_by_deadline_usd_bn == pytest.approx(80.0 + 150.0)
    assert o.shortfall_at_deadline_usd_bn == pytest.approx(120.0)
    assert o.completion_date_at_cap == dt.date(2035, 1, 1)


def test_schedule_plans() -> None:
    rows = compute_schedule(scenario((Tranche("p", 45.0, 10.0),)))
    assert [r.capped_usd_bn for r in rows] == [10.0, 10.0, 10.0, 10.0, 5.0]
    assert [r.required_usd_bn for r in rows] == [11.25, 11.25, 11.25, 11.25, 0.0]
    assert rows[-1].cumulative_capped_usd_bn == 45.0
    assert rows[0].capped_to_reserves == pytest.approx(0.05)
    assert rows[4].period_start == dt.date(2029, 1, 1)


def test_required_plan_puts_remainder_in_deadline_period() -> None:
    rows = compute_schedule(scenario((Tranche("p", 100.0),), deadline=dt.date(2026, 7, 2)))
    y = years_between(dt.date(2025, 1, 1), dt.date(2026, 7, 2))
    assert [r.required_usd_bn for r in rows] == pytest.approx([100 / y, 100 - 100 / y])
    assert [r.capped_usd_bn for r in rows] == [0.0, 0.0]  # the column holds capped tranches only


@given(amount=amounts, cap=caps, extra=st.floats(min_value=0.0, max_value=100.0))
def test_higher_cap_never_lengthens_payout(amount: float, cap: float, extra: float) -> None:
    low = compute_outflow(scenario((Tranche("p", amount, cap),)))
    high = compute_outflow(scenario((Tranche("p", amount, cap + extra),)))
    assert high.years_needed_at_cap is not None and low.years_needed_at_cap is not None  # capped
    assert high.years_needed_at_cap <= low.years_needed_at_cap
    assert high.shortfall_at_deadline_usd_bn <= low.shortfall_at_deadline_usd_bn + 1e-9


@given(amount=amounts, cap=caps)
def test_capped_plan_pays_everything(amount: float, cap: float) -> None:
    assume(amount / cap <= 1000)  # the validator refuses slower plans
    rows = compute_schedule(scenario((Tranche("p", amount, cap),)))
    assert rows[-1].cumulative_capped_usd_bn == pytest.approx(amount)
    assert sum(r.required_usd_bn for r in rows) == pytest.approx(amount)
    assert max(r.capped_usd_bn for r in rows) <= cap + 1e-9


# --- tariff ---------------------------------------------------------------------------------------
def test_rate_forms() -> None:
    assert R(0.25, "surcharge").resolve(0.025) == pytest.approx(0.275)
    assert R(0.15, "floor").resolve(0.025) == 0.15
    assert R(0.15, "floor").resolve(0.20) == 0.20
    assert R(0.15).resolve(0.20) == 0.15


def test_static_tariff() -> None:
    s = scenario(lines=(line("autos", 40.0, 0.025, R(0.25, "surcharge"), R(0.15, "floor")),))
    t = compute_tariff(s)
    assert t.duty_usd_bn == pytest.approx({"mfn": 1.0, "threatened": 11.0, "agreed": 6.0})
    assert t.annual_savings_usd_bn == pytest.approx(5.0)
    assert t.pledge_to_annual_savings == pytest.approx(20.0)
    assert t.savings_to_deadline_usd_bn == pytest.approx(20.0)
    assert t.extra_duty_vs_mfn_usd_bn == pytest.approx(5.0)
    assert t.exports_preserved_usd_bn == 0.0
    assert t.record()["effective_rate_agreed"] == pytest.approx(0.15)


def test_elasticity_moves_exports() -> None:
    s = scenario(lines=(line("x", 100.0, 0.0, R(0.25), R(0.15)),), elasticity=-1.0)
    t = compute_tariff(s)
    x_thr, x_agr = 100 / 1.25, 100 / 1.15
    assert t.duty_usd_bn["threatened"] == pytest.approx(x_thr * 0.25)
    assert t.exports_preserved_usd_bn == pytest.approx(x_agr - x_thr)


def test_named_regimes_and_from_to() -> None:
    ln = line("x", 100.0, 0.0, R(0.25), R(0.15))
    ln.regimes["current"] = R(0.10, "surcharge")
    t = compute_tariff(scenario(lines=(ln,)), "current", "agreed")
    assert t.regimes == ("mfn", "threatened", "agreed", "current")
    assert t.annual_savings_usd_bn == pytest.approx(-5.0)
    assert t.pledge_to_annual_savings is None
    assert compute_tariff_lines(scenario(lines=(ln,)))[0].rate["current"] == pytest.approx(0.10)


def test_missing_regime_on_a_line_is_named() -> None:
    a = line("a", 1.0, 0.0, R(0.25), R(0.15))
    b = line("b", 1.0, 0.0, R(0.25), R(0.15))
    a.regimes["letter"] = R(0.3)
    with pytest.raises(MissingInputError, match=r"on some lines but missing on line\(s\) b"):
        compute_tariff(scenario(lines=(a, b)), "letter", "agreed")
    with pytest.raises(UnknownRegimeError, match=r"regime 'treaty' is on no tariff line"):
        compute_tariff(scenario(lines=(a, b)), "treaty", "agreed")


def test_no_lines_is_a_missing_input() -> None:
    with pytest.raises(MissingInputError, match=r"tariffs\.lines"):
        compute_tariff(scenario())


line_st = st.builds(
    lambda n, x, m, t, a: line(f"l{n}", x, m, R(t), R(a)),
    st.integers(0, 10_000),
    st.floats(0.1, 500.0),
    rates,
    rates,
    rates,
)


@given(st.lists(line_st, min_size=1, max_size=6, unique_by=lambda ln: ln.name), st.floats(-3.0, 0.0))
def test_line_order_does_not_matter(lines: list, eps: float) -> None:  # type: ignore[type-arg]
    a = compute_tariff(scenario(lines=tuple(lines), elasticity=eps))
    b = compute_tariff(scenario(lines=tuple(reversed(lines)), elasticity=eps))
    assert a.annual_savings_usd_bn == pytest.approx(b.annual_savings_usd_bn)
    assert a.duty_usd_bn == pytest.approx(b.duty_usd_bn)


@given(st.floats(0.1, 500.0), rates, rates)
def test_no_savings_when_threatened_equals_agreed(x: float, m: float, r: float) -> None:
    t = compute_tariff(scenario(lines=(line("x", x, m, R(r), R(r)),), elasticity=-1.5))
    assert t.annual_savings_usd_bn == 0.0
    assert t.pledge_to_annual_savings is None


@given(st.lists(line_st, min_size=1, max_size=4, unique_by=lambda ln: ln.name))
def test_elasticity_zero_is_static(lines: list) -> None:  # type: ignore[type-arg]
    t = compute_tariff(scenario(lines=tuple(lines), elasticity=0.0))
    static = sum(ln.exports * ln.regimes["agreed"].resolve(ln.mfn) for ln in lines)
    assert t.duty_usd_bn["agreed"] == pytest.approx(static)
    assert t.exports_preserved_usd_bn == 0.0


# --- returns --------------------------------------------------------------------------------------
SPLIT = (Tier(0.5, until_recovered=True), Tier(0.1))


def test_plain_50_50_recovers_after_twice_the_capital() -> None:
    s = scenario((Tranche("p", 100.0, 100.0),), profit_split=SPLIT, returns=Returns(0.10, 30, 0.04))
    r = compute_returns(s)
    # cash 10/yr; pledger 5/yr until 100 recovered: 20 years, 200 of project cash
    assert r.years_to_recover == 20
    assert r.project_cash_to_recover_usd_bn == pytest.approx(200.0)
    rows = compute_returns_schedule(s)
    assert rows[19].tier == "1" and rows[20].tier == "2"
    assert rows[20].pledger_usd_bn == pytest.approx(1.0)
    assert r.pledger_receipts_usd_bn == pytest.approx(100 + 10 * 1.0)


def test_crossing_year_splits_between_tiers() -> None:
    s = scenario((Tranche("p", 100.0, 100.0),), profit_split=SPLIT, returns=Returns(0.15, 20, 0.0))
    rows = compute_returns_schedule(s)
    # 7.5 a year: 13 years give 97.5; year 13 needs 2.5 of pledger cash = 5 of project cash
    assert rows[13].tier == "1→2"
    assert rows[13].pledger_usd_bn == pytest.approx(2.5 + 10 * 0.1)
    r = compute_returns(s)
    assert r.years_to_recover == 14
    assert r.project_cash_to_recover_usd_bn == pytest.approx(200.0)


def test_deemed_interest_delays_recovery() -> None:
    tranche, params = (Tranche("p", 100.0, 100.0),), Returns(0.10, 60, 0.04)
    plain = compute_returns(scenario(tranche, profit_split=SPLIT, returns=params))
    tiers = (Tier(0.5, True, 0.04), Tier(0.1))
    rows = compute_returns_schedule(scenario(tranche, profit_split=tiers, returns=params))
    switch = next(r.year for r in rows if "2" in r.tier)
    assert switch > 20
    assert plain.years_to_recover == 20


def test_without_split_pledger_takes_all() -> None:
    r = compute_returns(scenario((Tranche("p", 100.0, 100.0),), returns=Returns(0.05, 10, 0.0)))
    assert r.pledger_receipts_usd_bn == pytest.approx(50.0)
    assert r.partner_receipts_usd_bn == pytest.approx(0.0)
    assert r.pledger_npv_usd_bn == pytest.approx(-50.0)
    assert r.years_to_recover is None


def test_returns_needs_its_block() -> None:
    with pytest.raises(MissingInputError, match="returns"):
        compute_returns(scenario())


returns_st = st.builds(Returns, st.floats(0.0, 0.3), st.integers(1, 40), st.floats(0.0, 0.2))


@given(amounts, caps, st.floats(0.01, 1.0), st.floats(0.0, 1.0), st.floats(0.0, 0.1), returns_st)
def test_receipts_add_up_to_project_cash(amount, cap, first, second, interest, params) -> None:  # type: ignore[no-untyped-def]
    s = scenario(
        (Tranche("p", amount, cap),), profit_split=(Tier(first, True, interest), Tier(second)), returns=params
    )
    r = compute_returns(s)
    cash = sum(y.project_cash_usd_bn for y in compute_returns_schedule(s))
    assert r.pledger_receipts_usd_bn + r.partner_receipts_usd_bn == pytest.approx(cash)


@given(amounts, caps, st.floats(0.01, 0.99), returns_st)
def test_full_share_recovers_no_later(amount: float, cap: float, share: float, params: Returns) -> None:
    full = compute_returns(scenario((Tranche("p", amount, cap),), profit_split=(Tier(1.0),), returns=params))
    split = compute_returns(
        scenario((Tranche("p", amount, cap),), profit_split=(Tier(share, True), Tier(0.1)), returns=params)
    )
    if split.years_to_recover is not None:
        assert full.years_to_recover is not None
        assert full.years_to_recover <= split.years_to_recover


@given(amounts, returns_st, st.floats(0.001, 0.2), st.floats(0.01, 1.0))
def test_npv_falls_as_discount_rate_rises(amount: float, params: Returns, bump: float, share: float) -> None:
    # capital deployed up front, receipts after: the textbook case where NPV falls with the rate
    tranche = (Tranche("p", amount, amount),)
    split = (Tier(share, True), Tier(0.1))
    low = compute_returns(scenario(tranche, profit_split=split, returns=params))
    high_params = Returns(params.cash_yield, params.horizon_years, params.discount_rate + bump)
    high = compute_returns(scenario(tranche, profit_split=split, returns=high_params))
    assert high.pledger_npv_usd_bn <= low.pledger_npv_usd_bn + 1e-9
    if low.pledger_receipts_usd_bn > 1e-6:
        assert high.pledger_npv_usd_bn < low.pledger_npv_usd_bn


# --- calls ----------------------------------------------------------------------------------------
def _calls(
    amounts_dates: list[tuple[float, dt.date]],
    cap: float | None = 20.0,
    window: Window | None = None,
    basis: CapBasis = "calendar_year",
) -> Scenario:
    projects = tuple(Project(f"p{i}", a, d) for i, (a, d) in enumerate(amounts_dates))
    s = scenario((Tranche("p", 350.0, cap),), projects=projects, window=window)
    return s._replace(pledge=s.pledge._replace(cap_basis=basis))


THREE_CALLS = [(15.0, dt.date(2026, 1, 5)), (10.0, dt.date(2026, 6, 1)), (10.0, dt.date(2027, 1, 11))]


def test_calls_due_dates_and_breach_trailing_year() -> None:
    s = _calls(THREE_CALLS, window=Window(45, business=True), basis="trailing_year")
    rows = compute_call_schedule(s)
    # 45 business days = 9 weeks: 2026-01-05 → 03-09, 2026-06-01 → 08-03, 2027-01-11 → 03-15
    assert [r.due for r in rows] == [dt.date(2026, 3, 9), dt.date(2026, 8, 3), dt.date(2027, 3, 15)]
    # trailing: the third's year is (2026-03-15, 2027-03-15]: 10 + 10 (the first falls out)
    assert [r.year_sum_usd_bn for r in rows] == [15.0, 25.0, 20.0]
    assert [r.within_cap for r in rows] == [True, False, True]
    c = compute_calls(s)
    assert c.first_breach == dt.date(2026, 8, 3)
    assert c.total_called_usd_bn == 35.0 and c.uncalled_usd_bn == 315.0
    assert c.cap_basis == "trailing_year" and c.interest_usd_bn == 0.0
    assert c.snapback_exposure_usd_bn is None


def test_calls_calendar_year_starts_each_year_afresh() -> None:
    rows = compute_call_schedule(_calls(THREE_CALLS, window=Window(45, business=True)))
    # calendar: 2026 holds 15 and 15 + 10; 2027 only the third call, 10
    assert [r.year_sum_usd_bn for r in rows] == [15.0, 25.0, 10.0]
    assert [r.cumulative_usd_bn for r in rows] == [15.0, 25.0, 35.0]


def test_calendar_and_trailing_bases_breach_first_on_different_dates() -> None:
    # cap 20; no funding window, so each call is due the day it is made
    late, early, later = dt.date(2026, 11, 15), dt.date(2027, 2, 1), dt.date(2027, 9, 1)
    made = [(15.0, late), (10.0, early), (12.0, later)]
    calendar = _calls(made)
    trailing = _calls(made, basis="trailing_year")
    # calendar: 15 (2026); 10 (2027); 10 + 12 = 22 > 20 → first breach 2027-09-01
    assert [r.year_sum_usd_bn for r in compute_call_schedule(calendar)] == [15.0, 10.0, 22.0]
    assert compute_calls(calendar).first_breach == later
    # trailing: 15; 15 + 10 = 25 > 20 (2026-11-15 is within 365 days of 2027-02-01) → 2027-02-01;
    # then (2026-09-01, 2027-09-01] holds all three: 37
    assert [r.year_sum_usd_bn for r in compute_call_schedule(trailing)] == [15.0, 25.0, 37.0]
    assert compute_calls(trailing).first_breach == early


def test_trailing_year_is_365_days_and_calendar_year_ends_on_31_december() -> None:
    a, b = dt.date(2026, 3, 1), dt.date(2027, 3, 1)  # 365 days apart: a is out of b's trailing year
    assert [
        r.year_sum_usd_bn for r in compute_call_schedule(_calls([(8.0, a), (9.0, b)], basis="trailing_year"))
    ] == [
        8.0,
        9.0,
    ]
    c = _calls([(8.0, a), (9.0, b - dt.timedelta(days=1))], basis="trailing_year")
    assert [r.year_sum_usd_bn for r in compute_call_schedule(c)] == [8.0, 17.0]
    eve, new_year = dt.date(2026, 12, 31), dt.date(2027, 1, 1)
    assert [r.year_sum_usd_bn for r in compute_call_schedule(_calls([(8.0, eve), (9.0, new_year)]))] == [
        8.0,
        9.0,
    ]


@pytest.mark.parametrize("basis", ["calendar_year", "trailing_year"])
def test_calls_ties_are_included_and_uncapped_is_null(basis: CapBasis) -> None:
    s = _calls([(10.0, dt.date(2026, 1, 5)), (10.0, dt.date(2026, 1, 5))], cap=None, basis=basis)
    rows = compute_call_schedule(s)
    assert [r.year_sum_usd_bn for r in rows] == [20.0, 20.0]
    assert [r.within_cap for r in rows] == [None, None]


def test_calls_after_deadline_counted() -> None:
    s = _calls([(1.0, dt.date(2028, 12, 20))], window=Window(45))
    assert compute_calls(s).calls_after_deadline == 1


def test_interest_is_listed_after_the_calls_and_never_called() -> None:
    projects = (
        Project("promise", 100.0, dt.date(2025, 10, 28), status="interest"),
        Project("plant", 30.0, dt.date(2026, 2, 17)),
        Project("other promise", 25.0, dt.date(2025, 10, 28), status="interest"),
    )
    s = scenario((Tranche("p", 350.0, 20.0),), projects=projects)
    rows = compute_call_schedule(s)
    assert [r.project for r in rows] == ["plant", "promise", "other promise"]
    assert rows[0].year_sum_usd_bn == 30.0 and rows[0].within_cap is False
    assert rows[1] == CallRow("promise", None, dt.date(2025, 10, 28), None, 100.0, None, None, None)
    c = compute_calls(s)
    # called: the plant only; interest 100 + 25 apart; uncalled 350 − 30
    assert (c.total_called_usd_bn, c.interest_usd_bn, c.uncalled_usd_bn) == (30.0, 125.0, 320.0)
    assert c.first_breach == dt.date(2026, 2, 17)


def test_a_list_of_interest_only_calls_nothing() -> None:
    projects = (Project("promise", 100.0, dt.date(2025, 10, 28), status="interest"),)
    c = compute_calls(scenario((Tranche("p", 350.0, 20.0),), projects=projects))
    assert (c.total_called_usd_bn, c.uncalled_usd_bn, c.interest_usd_bn) == (0.0, 350.0, 100.0)
    assert c.first_breach is None and c.calls_after_deadline == 0


def _naive_year_sum(s: Scenario, calls: list[CallRow], r: CallRow) -> float:
    """The reference: one call's year sum by scanning every call (linear; quadratic for all)."""
    tranche_of = {p.name: p.tranche for p in s.projects}
    assert r.due is not None
    first = (
        dt.date(r.due.year, 1, 1) if s.pledge.cap_basis == "calendar_year" else r.due - dt.timedelta(days=364)
    )
    return math.fsum(
        q.amount_usd_bn
        for q in calls
        if tranche_of[q.project] == tranche_of[r.project] and q.due is not None and first <= q.due <= r.due
    )


def _random_projects(rng: random.Random, n: int, days: int) -> tuple[Project, ...]:
    base = dt.date(2026, 1, 1)
    return tuple(
        Project(
            f"p{i}",
            round(rng.uniform(0.01, 30.0), rng.choice([0, 2, 7])),
            base + dt.timedelta(days=rng.randrange(days)),
            tranche=rng.choice(["cash", "ships"]),
            status=rng.choice(["selected", "selected", "selected", "interest"]),
        )
        for i in range(n)
    )


def _two_tranches(projects: tuple[Project, ...], basis: CapBasis, cap: float) -> Scenario:
    s = scenario((Tranche("cash", 200.0, cap), Tranche("ships", 150.0, cap / 2)), projects=projects)
    return s._replace(pledge=s.pledge._replace(cap_basis=basis))


@given(
    st.integers(0, 2**32),
    st.integers(1, 40),
    st.sampled_from(["calendar_year", "trailing_year"]),
    st.floats(1.0, 60.0),
)
def test_calls_match_a_naive_reference(seed: int, n: int, basis: CapBasis, cap: float) -> None:
    projects = _random_projects(random.Random(seed), n, 1500)
    s = _two_tranches(projects, basis, cap)
    rows = compute_call_schedule(s)
    calls = [r for r in rows if r.due is not None]
    selected = [p for p in projects if p.status == "selected"]
    # due order, file order on a tie; then the interest in file order
    assert [r.project for r in calls] == [p.name for p in sorted(selected, key=lambda p: p.called)]
    assert [r.project for r in rows[len(calls) :]] == [p.name for p in projects if p.status == "interest"]
    naive = [_naive_year_sum(s, calls, r) for r in calls]
    # both exact sums rounded once, so equal to the last bit
    assert [r.year_sum_usd_bn for r in calls] == naive
    assert [r.cumulative_usd_bn for r in calls] == [
        math.fsum(q.amount_usd_bn for q in calls[: k + 1]) for k in range(len(calls))
    ]
    caps = {"cash": cap, "ships": cap / 2}
    tranche_of = {p.name: p.tranche for p in projects}
    assert [r.within_cap for r in calls] == [
        total <= caps[tranche_of[r.project] or ""] + 1e-9 for r, total in zip(calls, naive, strict=True)
    ]
    breaches = [
        r.due
        for r, total in zip(calls, naive, strict=True)
        if total > caps[tranche_of[r.project] or ""] + 1e-9
    ]
    assert compute_calls(s).first_breach == (breaches[0] if breaches else None)


@pytest.mark.parametrize("basis", ["calendar_year", "trailing_year"])
def test_calls_on_a_large_random_file_match_the_reference_where_sampled(basis: CapBasis) -> None:
    """8,000 projects over ten years (the n log n path), checked on 40 sampled calls against
    the quadratic reference; its speed is measured by bench/calls.py, not here."""
    rng = random.Random(11)
    projects = _random_projects(rng, 8_000, 3650)
    s = _two_tranches(projects, basis, 500.0)
    calls = [r for r in compute_call_schedule(s) if r.due is not None]
    sample = rng.sample(calls, 40)
    assert [r.year_sum_usd_bn for r in sample] == [_naive_year_sum(s, calls, r) for r in sample]


def test_calls_need_projects() -> None:
    with pytest.raises(MissingInputError, match="projects"):
        compute_calls(scenario())
