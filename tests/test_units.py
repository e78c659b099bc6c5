"""The value syntax of DESIGN §2.1."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dealcalc.model.inputs import RegimeRate, Window
from dealcalc.scenario.units import (
    Bad,
    parse_count,
    parse_date,
    parse_days,
    parse_money,
    parse_rate,
    parse_tariff_rate,
)


@pytest.mark.parametrize(
    ("text", "usd_bn"),
    [
        ("550 USD bn", 550.0),
        ("2,549.1 KRW tn", 2549.1e3 / 1363.98),
        ("1.5 USD tn", 1500.0),
        ("750 USD million", 0.75),
        ("20 USD bn/yr", 20.0),
        ("20 USD bn per year", 20.0),
        (".5 usd BN", 0.5),
        ("1000000 USD k", 1.0),
    ],
)
def test_money(text: str, usd_bn: float) -> None:
    assert parse_money(text, "KRW", 1363.98) == pytest.approx(usd_bn)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (550, "a bare number is ambiguous for money"),
        ("550", "cannot read '550' as money"),
        ("550 USD gazillion", "unknown scale 'gazillion'"),
        ("550 EUR bn", "unknown currency 'EUR'"),
        ("-5 USD bn", "is negative"),
        ("1e400 USD bn", "cannot read"),
        ("5,00 USD bn", "cannot read"),
        ("٥ USD bn", "cannot read"),
        ("5 KRW bn", "unknown currency"),
        ("550 USD", r"'550 USD' has no scale \(dollars, millions or billions\?\); write e.g. '550 USD bn'"),
    ],
)
def test_money_refusals(raw: object, message: str) -> None:
    with pytest.raises(Bad, match=message):
        parse_money(raw, "USD", None)


def test_local_money_needs_fx_rate() -> None:
    with pytest.raises(Bad, match=r"needs economy\.fx_rate"):
        parse_money("5 KRW tn", "KRW", None)


def test_negative_surplus_allowed() -> None:
    assert parse_money("-12.5 USD bn", "USD", None, signed=True) == -12.5


def test_rates() -> None:
    assert parse_rate("15%") == 0.15
    assert parse_rate(" 2.5 % ") == 0.025
    assert parse_tariff_rate("+25%") == RegimeRate(0.25, "surcharge")
    assert parse_tariff_rate("15% floor") == RegimeRate(0.15, "floor")
    for bad, message in [
        (15, "'15%'"),
        (0.15, "'15%'"),
        ("15", "cannot read"),
        ("+15% floor", "either"),
        ("-5%", "negative"),
    ]:
        with pytest.raises(Bad, match=message):
            parse_tariff_rate(bad)
    with pytest.raises(Bad, match="only for tariff regimes"):
        parse_rate("15% floor")


def test_counts_days_dates() -> None:
    assert parse_count("51.7 mn") == pytest.approx(51.7e6)
    assert parse_count(1000) == 1000.0
    assert parse_days("45 business days") == Window(45, True)
    assert parse_days("1 day") == Window(1, False)
    assert parse_date("2025-11-14") == dt.date(2025, 11, 14)
    for bad in ("45", 45, "45 weekdays", "x days"):
        with pytest.raises(Bad):
            parse_days(bad)
    with pytest.raises(Bad, match="without a time"):
        parse_date(dt.datetime(2025, 1, 1, 12, 0))


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False), st.sampled_from(["k", "mn", "bn", "tn"]))
def test_money_round_trip(value: float, scale: str) -> None:
    factor = {"k": 1e-6, "mn": 1e-3, "bn": 1.0, "tn": 1e3}[scale]
    text = f"{value:,.6f} USD {scale}"
    if round(value, 6) * factor > 1_000_000:  # over 1,000 USD tn: refused
        with pytest.raises(Bad, match="is more than 1,000 USD tn"):
            parse_money(text, "USD", None)
    else:
        assert parse_money(text, "USD", None) == pytest.approx(round(value, 6) * factor)
