"""The formulas written once for floats and numpy arrays (`model.common.Ops`), against values
worked by hand, on both: the numpy ≡ scalar properties cannot see an error in a formula the two
paths share, these do (each case sits on an edge: a cap boundary, a negative elasticity)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from dealcalc.analysis.vector import outflow_arrays
from dealcalc.model.inputs import Scenario, Tranche
from dealcalc.model.outflow import compute_outflow
from dealcalc.model.vary import set_value

from helpers import scenario

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
