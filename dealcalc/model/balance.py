"""The deal balance: what each side gets, in present value (DESIGN §3.5b).

Over H years from `start` (`balance.horizon_years`, default `returns.horizon_years`), discounted
to `start` at `returns.discount_rate`: the duty the deal saves against its without-deal twin, day
by day, split between the pledging country's exporters (`incidence.exporter_share`) and US buyers;
the capital the pledger deploys and each side's receipts from the profit waterfall of §3.4.

The tariff saving is constant within a span of days under one regime, so each span is discounted
in closed form (a geometric sum over its days), not day by day."""

# No `from __future__ import annotations`: NamedTuple would compile each string annotation at start-up.

import datetime as dt
import math
from collections.abc import Callable
from typing import Any, NamedTuple

from dealcalc.errors import MissingInputError
from dealcalc.model.dates import DAYS_PER_YEAR, anniversary
from dealcalc.model.inputs import Scenario
from dealcalc.model.returns import _growth, require_returns, waterfall
from dealcalc.model.tariff import MFN, annual_duty, require_dated_regimes, require_tariffs
from dealcalc.model.timeline import TwinSpan, twin_spans


class BalanceYear(NamedTuple):
    """Year t of the horizon (from 0), each amount discounted to `start` (USD bn)."""

    year: int
    tariff_saved_pv_usd_bn: float  # the saving of the year's days
    capital_pv_usd_bn: float  # deployed at the start of the year
    pledger_receipts_pv_usd_bn: float  # paid at the end of the year
    us_receipts_pv_usd_bn: float


class BalanceResult(NamedTuple):
    horizon_years: int
    tariff_saved_pv_usd_bn: float
    exporter_share: float
    pledger_tariff_gain_pv_usd_bn: float
    capital_pv_usd_bn: float
    pledger_receipts_pv_usd_bn: float
    us_receipts_pv_usd_bn: float
    pledger_net_pv_usd_bn: float
    us_duty_forgone_pv_usd_bn: float
    us_buyers_gain_pv_usd_bn: float
    us_net_pv_usd_bn: float
    investment_received_pv_usd_bn: float
    pledger_break_even_year: int | None


def balance_horizon(s: Scenario) -> int:
    """H: `balance.horizon_years`, else `returns.horizon_years` (MissingInputError without either)."""
    params = require_returns(s)
    return s.balance.horizon_years if s.balance is not None else params.horizon_years


def require_exporter_share(s: Scenario) -> float:
    if s.incidence is None:
        example = "{exporter_share: 20%}"
        raise MissingInputError(
            s.file,
            "incidence",
            "balance needs the part of the tariff the pledging country's exporters bear",
            f"  incidence: {example}",
            example,
        )
    return s.incidence.exporter_share


def discounted_days(rate: float, first: int, days: int) -> float:
    """Σ (1 + rate)^(−k / 365.25) for k = first … first + days − 1: the present value at day 0
    of 1 a day over those days, as a geometric sum (expm1/log1p keep it exact at small rates)."""
    if rate == 0:
        return float(days)
    log_q = -math.log1p(rate) / DAYS_PER_YEAR  # ln of one day's discount factor
    return math.exp(first * log_q) * math.expm1(days * log_q) / math.expm1(log_q)


def saving_spans(s: Scenario, end: dt.date) -> tuple[list[TwinSpan], dict[str, float]]:
    """The spans from start to `end` with their twins, and the yearly duty of every regime they
    name (USD bn). MissingInputError without tariff lines or dated regimes."""
    spans = balance_spans(s, end)
    named = tuple(dict.fromkeys([MFN, *(sp.regime for sp in spans), *(sp.twin for sp in spans)]))
    return spans, annual_duty(require_tariffs(s), named)


def balance_spans(s: Scenario, end: dt.date) -> list[TwinSpan]:
    """The spans from start to `end` with their twins (MissingInputError without tariff lines or
    dated regimes)."""
    tariffs = require_dated_regimes(
        s,
        "balance needs dated regimes ('from' dates) to know which duty applied on each day",
        "agreed: {label: Deal rates, from: 2025-11-14, without_deal: threatened}",
    )
    return twin_spans(tariffs.regimes, s.pledge.start, end)


def yearly_saving_pv(s: Scenario, horizon: int, rate: float) -> list[float]:
    """The tariff saved in each year t of the horizon (its days, anniversary to anniversary),
    discounted to start day by day."""
    start = s.pledge.start
    spans, duty = saving_spans(s, anniversary(start, horizon))
    return years_of_spans(start, horizon, spans, duty, rate, discounted_days)


def years_of_spans(
    start: dt.date, horizon: int, spans: Any, duty: Any, rate: Any, discount: Callable[..., Any]
) -> list[Any]:
    """Each year's discounted saving over `spans` (the twin and the regime in force per stretch of
    days): on floats here, on arrays in analysis/vector_balance.py (its own `discount`)."""
    bounds = [anniversary(start, t) for t in range(horizon + 1)]
    out: list[Any] = [0.0] * horizon
    t = 0
    for span in spans:
        day = span.first
        while day <= span.last:
            while bounds[t + 1] <= day:
                t += 1
            last = min(span.last, bounds[t + 1] - dt.timedelta(days=1))
            per_day = (duty[span.twin] - duty[span.regime]) / DAYS_PER_YEAR
            out[t] = out[t] + per_day * discount(rate, (day - start).days, (last - day).days + 1)
            day = last + dt.timedelta(days=1)
    return out


def compute_balance_years(s: Scenario) -> list[BalanceYear]:
    """Year by year: the tariff saved, the capital deployed and each side's receipts, in PV."""
    params = require_returns(s)
    require_exporter_share(s)
    horizon = balance_horizon(s)
    d = params.discount_rate
    saved = yearly_saving_pv(s, horizon, d)
    rows = []
    for (row, _), tariff_pv in zip(waterfall(s, horizon), saved, strict=True):
        rows.append(
            BalanceYear(
                row.year,
                tariff_pv,
                row.deployed_usd_bn / _growth(d, row.year),
                row.pledger_usd_bn / _growth(d, row.year + 1),
                row.partner_usd_bn / _growth(d, row.year + 1),
            )
        )
    return rows


def compute_balance(s: Scenario) -> BalanceResult:
    """Both ledgers in present value; the pledger's break-even year (None if not within H)."""
    share = require_exporter_share(s)
    years = compute_balance_years(s)
    saved = sum(y.tariff_saved_pv_usd_bn for y in years)
    capital = sum(y.capital_pv_usd_bn for y in years)
    pledger = sum(y.pledger_receipts_pv_usd_bn for y in years)
    us = sum(y.us_receipts_pv_usd_bn for y in years)
    cumulative = 0.0
    break_even = None
    for y in years:
        cumulative += y.tariff_saved_pv_usd_bn * share + y.pledger_receipts_pv_usd_bn - y.capital_pv_usd_bn
        if cumulative >= 0:
            break_even = y.year + 1
            break
    return BalanceResult(**balance_figures(len(years), saved, share, capital, pledger, us, break_even))


def balance_figures(
    horizon: int, saved: Any, share: Any, capital: Any, pledger: Any, us: Any, break_even: Any
) -> dict[str, Any]:
    """Both ledgers from the present values summed over the horizon (floats here, numpy arrays in
    analysis/vector_balance.py): the saving split by `share`, each side's net."""
    gain = saved * share
    buyers = saved * (1 - share)
    return {
        "horizon_years": horizon,
        "tariff_saved_pv_usd_bn": saved,
        "exporter_share": share,
        "pledger_tariff_gain_pv_usd_bn": gain,
        "capital_pv_usd_bn": capital,
        "pledger_receipts_pv_usd_bn": pledger,
        "us_receipts_pv_usd_bn": us,
        "pledger_net_pv_usd_bn": gain + pledger - capital,
        "us_duty_forgone_pv_usd_bn": saved,
        "us_buyers_gain_pv_usd_bn": buyers,
        "us_net_pv_usd_bn": us + buyers - saved,
        "investment_received_pv_usd_bn": capital,
        "pledger_break_even_year": break_even,
    }
