"""`model.balance.compute_balance` on arrays (DESIGN §3.5b, §7: `simulate` of the balance keys at
100,000 runs in ≤ 2 s): the same spans, plans and waterfall as the scalar model, one element per
point, for the inputs a job may vary — the tariff lines, the pledge's tranches and profit split,
`returns.cash_yield`, `returns.discount_rate` and `incidence.exporter_share`. The dates and the
horizon (whole years) are the same at every point, so the spans and the years are too; only their
amounts are arrays. tests/test_vector.py checks both agree to 1e-9."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np

from dealcalc.analysis.vector import ARRAYS
from dealcalc.model.balance import balance_figures, balance_horizon, balance_spans, years_of_spans
from dealcalc.model.common import EPSILON_USD_BN, MAX_PERIODS
from dealcalc.model.dates import DAYS_PER_YEAR, anniversary
from dealcalc.model.inputs import Scenario, Tranche
from dealcalc.model.outflow import periods_at_cap, required_periods
from dealcalc.model.returns import PLEDGER_TAKES_ALL
from dealcalc.model.tariff import annual_duty

Value = Any  # an array, or a float that is the same at every point


def discounted_days_arrays(rate: Value, first: int, days: int) -> Value:
    """`model.balance.discounted_days` on arrays: Σ (1 + rate)^(−k/365.25), k = first … first+days−1."""
    rate = np.asarray(rate, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        log_q = -np.log1p(rate) / DAYS_PER_YEAR
        closed = np.exp(first * log_q) * np.expm1(days * log_q) / np.expm1(log_q)
    return np.where(rate == 0, float(days), closed)


def _growth_arrays(rate: Value, years: int) -> Value:
    """(1 + rate) ** years, infinity beyond a float (as `model.returns._growth`)."""
    with np.errstate(over="ignore"):
        return np.power(1 + np.asarray(rate, dtype=np.float64), years)


def yearly_saving_arrays(s: Scenario, horizon: int, rate: Value) -> list[Value]:
    """The tariff saved in each year of the horizon, discounted (`model.balance.yearly_saving_pv`),
    with the duty of each regime an array where the lines vary."""
    start = s.pledge.start
    spans = balance_spans(s, anniversary(start, horizon))
    assert s.tariffs is not None  # saving_spans requires them
    named = tuple(dict.fromkeys([r for sp in spans for r in (sp.regime, sp.twin)]))
    duty = annual_duty(s.tariffs, named, ARRAYS)
    return years_of_spans(start, horizon, spans, duty, rate, discounted_days_arrays)


def _tranche_plan(t: Tranche, start: dt.date, deadline: dt.date, horizon: int) -> list[Value]:
    """`model.outflow.capped_plan` (and `required_plan`) of one tranche over the horizon's years.
    Not written once with them: theirs are lists as long as the payments (a rest of EPSILON_USD_BN
    or less is no period), which the outflow schedule shows row by row; here every point needs
    the same horizon, a payment of 0 where a plan has ended. The payments and the rest are the
    model's (`required_periods`, `periods_at_cap`); tests/test_vector.py checks the balance both
    ways."""
    if t.annual_cap is None:
        pays, rest = required_periods(t.amount, start, deadline, ARRAYS)
        full = len(pays)
        plan: list[Value] = [pays[k] if k < full else 0.0 for k in range(horizon)]
        if full < horizon:
            plan[full] = np.where(np.asarray(rest) > EPSILON_USD_BN, rest, 0.0)
        return plan
    whole, rest = periods_at_cap(t.amount, t.annual_cap, ARRAYS)
    pays_rest = (rest > EPSILON_USD_BN) & (whole < MAX_PERIODS)
    return [
        np.where(k < whole, t.annual_cap, np.where((k == whole) & pays_rest, rest, 0.0))
        for k in range(horizon)
    ]


def balance_arrays(s: Scenario) -> dict[str, Value]:
    """The keys of `BalanceResult`, each an array (or one value for every point)."""
    assert s.returns is not None and s.incidence is not None  # the scalar model has run on `s`
    horizon = balance_horizon(s)
    d = s.returns.discount_rate
    share = s.incidence.exporter_share
    saved_year = yearly_saving_arrays(s, horizon, d)
    plans = [_tranche_plan(t, s.pledge.start, s.pledge.deadline, horizon) for t in s.pledge.investment]
    tiers = s.pledge.profit_split or PLEDGER_TAKES_ALL
    first = tiers[0]
    deemed = first.deemed_interest if first.until_recovered else 0.0
    deployed_total: Value = 0.0
    unrecovered: Value = 0.0
    cumulative: Value = 0.0
    break_even: Value = np.nan
    totals: dict[str, Value] = dict.fromkeys(("saved", "capital", "pledger", "us"), 0.0)
    for t in range(horizon):
        deployed: Value = 0.0
        for plan in plans:
            deployed = deployed + plan[t]
        deployed_total = deployed_total + deployed
        unrecovered = (unrecovered + deployed) * (1 + deemed)
        cash = s.returns.cash_yield * deployed_total
        # `model.returns.split_year`, not written once with it: the model pays a year's cash
        # out as segments, tier by tier (the returns table names the tiers used and the year
        # the last one starts), a list as long as the tiers a point reaches; here only the
        # pledger's total, tier by tier with np.where. tests/test_vector.py checks both agree.
        if first.until_recovered:
            recovering = unrecovered > EPSILON_USD_BN
            with np.errstate(divide="ignore", invalid="ignore"):
                needed = unrecovered / first.pledger
            short = cash < needed
            rest = cash - needed
            tail = np.where(rest > 0, rest * tiers[1].pledger, 0.0)
            in_tier = np.where(short, cash * first.pledger, needed * first.pledger + tail)
            pledger = np.where(recovering, in_tier, cash * tiers[-1].pledger)
            unrecovered = np.where(
                recovering,
                np.where(short, unrecovered - cash * first.pledger, 0.0),
                np.maximum(unrecovered, 0.0),
            )
        else:
            pledger = cash * first.pledger
        capital = deployed / _growth_arrays(d, t)
        pledger_pv = pledger / _growth_arrays(d, t + 1)
        us_pv = (cash - pledger) / _growth_arrays(d, t + 1)
        totals["saved"] = totals["saved"] + saved_year[t]
        totals["capital"] = totals["capital"] + capital
        totals["pledger"] = totals["pledger"] + pledger_pv
        totals["us"] = totals["us"] + us_pv
        cumulative = cumulative + (saved_year[t] * share + pledger_pv - capital)
        # the first year the running sum reaches 0 (`compute_balance` stops its loop there)
        break_even = np.where(np.isnan(break_even) & (cumulative >= 0), t + 1, break_even)
    saved, capital, pledger, us = totals["saved"], totals["capital"], totals["pledger"], totals["us"]
    return balance_figures(horizon, saved, share, capital, pledger, us, break_even)
