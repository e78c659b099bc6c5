"""Parsers for the value syntax of DESIGN §2.1: money, rates, counts, days, dates.

Each parser takes a raw YAML value and returns a canonical one (USD bn, fractions, dates) or
raises `Bad` with a message that says what was expected and shows the accepted form.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
from typing import Any

from dealcalc.model.inputs import RateForm, RegimeRate, Window

SCALES = {
    "k": 1e-6,
    "thousand": 1e-6,
    "mn": 1e-3,
    "million": 1e-3,
    "bn": 1.0,
    "billion": 1.0,
    "tn": 1e3,
    "trillion": 1e3,
}
COUNT_SCALES = {"": 1.0, "k": 1e3, "thousand": 1e3, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}

PER_YEAR = (["per", "year"], ["a", "year"], ["/", "yr"], ["/", "year"])


def _read_number(token: str) -> float | None:
    """`2,549.1`, `-5`, `.5` → float; None unless it is plain ASCII digits with optional sign,
    thousands commas and decimals (no exponents: '1e400 USD bn' is a typo, not an amount).
    Written by hand rather than as a regular expression: compiling one costs start-up time."""
    body = token[1:] if token[:1] in "+-" else token
    whole, _, frac = body.partition(".")
    if not body or not body.isascii() or (frac and not frac.isdigit()) or (not whole and not frac):
        return None
    if "," in whole:
        head, *groups = whole.split(",")
        if not (head.isdigit() and len(head) <= 3 and all(len(g) == 3 and g.isdigit() for g in groups)):
            return None
    elif whole and not whole.isdigit():
        return None
    value = float(token.replace(",", ""))
    if not math.isfinite(value):
        raise Bad(f"{token[:12]}… ({len(token)} characters) is too large to represent; check the number")
    return value


class Bad(ValueError):
    """A value does not fit its field; the message says what was expected."""


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise Bad("must be a finite number (NaN and infinity are not allowed)")
    return value


def parse_number(raw: Any) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise Bad(f"expected a plain number, got {describe(raw)}")
    return _finite(float(raw))


def parse_int(raw: Any) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise Bad(f"expected a whole number, got {describe(raw)}")
    return raw


def is_currency_code(text: object) -> bool:
    """A three-letter currency code (KRW, usd): ASCII letters only. The one test of it."""
    return isinstance(text, str) and len(text) == 3 and text.isascii() and text.isalpha()


def money_currency(raw: object) -> str | None:
    """The currency a money string is written in (`"2,549.1 KRW tn"` → KRW), or None."""
    tokens = raw.split() if isinstance(raw, str) else []
    return tokens[1].upper() if len(tokens) > 1 and is_currency_code(tokens[1]) else None


def parse_money(raw: Any, currency: str, fx_rate: float | None, *, signed: bool = False) -> float:
    """`"2,549.1 KRW tn"` → USD bn (converted with fx_rate, local currency per USD)."""
    if isinstance(raw, bool | int | float):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise Bad("must be a finite amount (NaN and infinity are not allowed)")
        raise Bad(
            "a bare number is ambiguous for money (dollars, millions or billions?); "
            f"write '<number> <currency> <scale>', e.g. '{raw:g} USD bn'"
        )
    if not isinstance(raw, str):
        raise Bad(f"expected money such as '550 USD bn', got {describe(raw)}")
    tokens = raw.replace("/", " / ").split()
    if tokens[-2:] in PER_YEAR:
        tokens = tokens[:-2]
    number = _read_number(tokens[0]) if 2 <= len(tokens) <= 3 else None
    if number is None or not is_currency_code(tokens[1]):
        raise Bad(f"cannot read {raw!r} as money; write '<number> <currency> <scale>', e.g. '550 USD bn'")
    if len(tokens) == 2:  # 550 USD: dollars, or billions with the scale left out?
        raise Bad(
            f"{raw!r} has no scale (dollars, millions or billions?); "
            f"write e.g. '{tokens[0]} {tokens[1]} bn' (scales: k, mn, bn, tn)"
        )
    scale = tokens[2].lower()
    if scale not in SCALES:
        raise Bad(f"unknown scale {tokens[2]!r} in {raw!r}; use k, mn, bn or tn")
    cur = tokens[1].upper()
    value = number * SCALES[scale]
    if value < 0 and not signed:
        raise Bad(f"{raw!r} is negative; amounts must be zero or more")
    if cur == "USD":
        return _plausible(raw, value, "")
    if not math.isfinite(value / (fx_rate or 1.0)):
        raise Bad(f"{raw!r} converted at economy.fx_rate is too large to represent; check the amount")
    if cur != currency:
        allowed = "USD" if currency == "USD" else f"USD or {currency}"
        hint = "" if currency != "USD" else f", or set 'currency: {cur}' and economy.fx_rate"
        raise Bad(f"unknown currency {cur!r} in {raw!r}; use {allowed}{hint}")
    if fx_rate is None:
        raise Bad(f"an amount in {cur} needs economy.fx_rate ({cur} per USD) to convert it")
    return _plausible(raw, value / fx_rate, " converted at economy.fx_rate")


# No figure of a deal comes near ten times world GDP (about 110 USD tn a year): a larger amount is
# a slip of the number or its scale (550,000,000,000 USD bn for 550 USD bn), whose figures would
# print as nonsense of 30 digits (DESIGN §6: never an absurd figure).
MAX_USD_BN = 1_000_000.0  # 1,000 USD tn


def _plausible(raw: str, usd_bn: float, how: str) -> float:
    if abs(usd_bn) > MAX_USD_BN:
        raise Bad(
            f"{raw!r}{how} is more than 1,000 USD tn (about ten times world GDP): no deal figure is that "
            "large; check the number and its scale (k, mn, bn, tn), e.g. '550 USD bn'"
        )
    return usd_bn


# Rates above this are typos (a duty of 100 times the value); with them, exports under the
# elasticity formula would overflow.
MAX_RATE = 1000.0  # 100,000%


def parse_rate(raw: Any) -> float:
    """`"15%"` → 0.15. A bare number is refused: 15 and 0.15 are both common mistakes."""
    rate = parse_tariff_rate(raw)
    if rate.form != "all-in":
        raise Bad(f"{raw!r}: '+' and 'floor' are only for tariff regimes; write e.g. '15%'")
    return rate.value


def parse_tariff_rate(raw: Any) -> RegimeRate:
    if isinstance(raw, bool | int | float):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise Bad("must be a finite rate (NaN and infinity are not allowed)")
        suggest = f"{raw:g}%" if abs(raw) >= 1 else f"{raw * 100:g}%"
        raise Bad(f"a bare number is ambiguous for a rate (15 or 0.15?); write a percent, e.g. '{suggest}'")
    if not isinstance(raw, str):
        raise Bad(f"expected a rate such as '15%', got {describe(raw)}")
    text = raw.strip()
    floor = text.endswith("floor")
    text = text.removesuffix("floor").rstrip()
    plus = text.startswith("+")
    number = _read_number(text[:-1].strip()) if text.endswith("%") else None
    if number is None:
        raise Bad(f"cannot read {raw!r} as a rate; write a percent such as '15%', '+25%' or '15% floor'")
    value = number / 100
    if value < 0:
        raise Bad(f"{raw!r} is negative; rates must be zero or more")
    if value > MAX_RATE:
        raise Bad(f"{raw!r} is above {MAX_RATE:.0%}; no tariff or yield is that high (check the number)")
    if plus and floor:
        raise Bad(f"{raw!r}: a rate is either a surcharge ('+25%') or a floor ('15% floor')")
    form: RateForm = "surcharge" if plus else "floor" if floor else "all-in"
    return RegimeRate(value, form)


def parse_count(raw: Any) -> float:
    if isinstance(raw, bool):
        raise Bad("expected a count such as '51.7 mn', got a true/false value")
    if isinstance(raw, int | float):
        return _finite(float(raw))
    if not isinstance(raw, str):
        raise Bad(f"expected a count such as '51.7 mn', got {describe(raw)}")
    tokens = raw.split()
    number = _read_number(tokens[0]) if 1 <= len(tokens) <= 2 else None
    scale = tokens[1].lower() if len(tokens) == 2 else ""
    if number is None or scale not in COUNT_SCALES:
        raise Bad(f"cannot read {raw!r} as a count; write e.g. '51.7 mn' or 51700000")
    return number * COUNT_SCALES[scale]


def parse_days(raw: Any) -> Window:
    tokens = raw.split() if isinstance(raw, str) else []
    business = len(tokens) == 3 and tokens[1] == "business"
    if (
        len(tokens) != 2 + business
        or not (tokens[0].isascii() and tokens[0].isdigit())
        or tokens[-1] not in ("day", "days")
    ):
        raise Bad(f"expected '45 days' or '45 business days', got {describe(raw)}")
    if int(tokens[0]) > MAX_WINDOW_DAYS:
        raise Bad(f"{raw!r} is longer than {MAX_WINDOW_DAYS:,} days (10 years); check the number")
    return Window(int(tokens[0]), business)


MAX_WINDOW_DAYS = 3650


FIRST_YEAR, LAST_YEAR = 1900, 2999  # schedules run up to 1,000 years past a date: they must fit


def parse_date(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        raise Bad(f"expected a date YYYY-MM-DD without a time, got {raw.isoformat()}")
    date = None
    if isinstance(raw, dt.date):
        date = raw
    elif isinstance(raw, str):
        with contextlib.suppress(ValueError):
            date = dt.date.fromisoformat(raw.strip())
    if date is None:
        raise Bad(f"expected a date YYYY-MM-DD, got {describe(raw)}")
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise Bad(f"{date.isoformat()} is outside the years dealcalc plans in ({FIRST_YEAR}–{LAST_YEAR})")
    return date


def describe(raw: Any) -> str:
    """A raw YAML value as a message names it."""
    if raw is None:
        return "nothing (null)"
    if isinstance(raw, bool):
        return f"the true/false value {str(raw).lower()}"
    if isinstance(raw, dict):
        return "a mapping"
    if isinstance(raw, list):
        return "a list"
    if isinstance(raw, str):
        return repr(raw)
    if isinstance(raw, dt.date):
        return f"the date {raw.isoformat()}"
    return f"the number {raw!r}"
