"""Explanations that cannot drift: every metric's `--explain` arithmetic, evaluated, gives the value
the model reported, on every shipped scenario; and the evaluator computes arithmetic only."""

from __future__ import annotations

import math

import pytest

import dealcalc
from dealcalc.model.metrics import GROUPS
from dealcalc.scenario import load_scenario, shipped_names
from dealcalc.workings import NOT_METRICS, explain, formula_of, is_number
from dealcalc.workings.arithmetic import NotArithmetic, close, evaluate, largest, num, smallest, total

from conftest import DATA

RETURNS = "returns={cash_yield: 6%, horizon_years: 20, discount_rate: 4%}"
ELASTIC = "tariffs.elasticity=-1.5"
# every view that explains, with the options that change its arithmetic
VIEWS: list[tuple[str, dict[str, object]]] = [
    ("burden", {}),
    ("outflow", {}),
    ("outflow", {"as_of": "2026-11-30"}),
    ("tariff", {}),
    ("tariff", {"from_regime": "mfn", "to_regime": "threatened"}),
    ("tariff", {"as_of": "2026-11-30"}),
    ("returns", {"overrides": [RETURNS]}),
    ("calls", {}),
    ("balance", {}),
    ("compare", {}),
]
DATA_FILES = ("minimal.yaml", "progress.yaml", "timeline.yaml", "balance.yaml")
FILES = [*shipped_names(), *(str(DATA / f) for f in DATA_FILES)]


def _explained(name: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for view, options in VIEWS:
        try:
            rows += dealcalc.explain(name, view=view, **options)  # type: ignore[arg-type]
        except dealcalc.MissingInputError:
            continue  # a view whose core input the file lacks explains nothing
    return rows


@pytest.mark.parametrize("name", FILES)
def test_every_metric_evaluates_to_its_value(name: str) -> None:
    checked = 0
    for row in _explained(name):
        value, arithmetic = row["value"], row["arithmetic"]
        where = f"{name}: {row['metric']}: {arithmetic}"
        if is_number(value):
            assert isinstance(arithmetic, str), where
            assert close(evaluate(arithmetic), float(value)), f"{where} = {evaluate(arithmetic)} ≠ {value}"  # type: ignore[arg-type]
            checked += 1
        else:
            assert arithmetic is None, where  # dates, choices, lists and missing values have none
    assert checked >= 20


def test_tariffs_with_an_elasticity_evaluate_too() -> None:
    for options in ({}, {"from_regime": "mfn", "to_regime": "agreed"}):
        rows = dealcalc.explain("japan-2025-09-mou", view="tariff", overrides=[ELASTIC], **options)
        powers = [r for r in rows if "**" in str(r["arithmetic"])]
        assert powers, "the duty under an elasticity is a power"
        for row in rows:
            if is_number(row["value"]):
                assert close(evaluate(str(row["arithmetic"])), float(row["value"])), row


def test_every_metric_of_the_model_has_an_explanation() -> None:
    """A metric added to the model without its arithmetic (TERMS) fails here."""
    s = load_scenario(str(DATA / "progress.yaml"), [RETURNS])
    for group, compute in GROUPS.items():
        try:
            values = compute(s)
        except dealcalc.MissingInputError:
            continue
        missing = [k for k in values if k not in NOT_METRICS and formula_of(k) is None]
        assert missing == [], group
        assert {r["metric"] for r in explain(s, values)} == {k for k in values if k not in NOT_METRICS}


def test_arithmetic_reads_for_a_reader_and_evaluates_exactly() -> None:
    p, gdp = num(350.0, "usd_bn"), num(1868.87, "usd_bn")
    assert (p / gdp).text == "350.00 USD bn / 1,868.87 USD bn"
    assert (p / gdp).exact == "350.0 / 1868.87"
    mixed = (p - num(20.0)) / (gdp * 2) + 1
    assert mixed.text == "(350.00 USD bn − 20) / (1,868.87 USD bn × 2) + 1"
    assert evaluate(str(mixed.exact)) == (350.0 - 20.0) / (1868.87 * 2) + 1
    # a right operand keeps its parentheses
    assert (num(2.0) - (num(3.0) - num(1.0))).exact == "2.0 - (3.0 - 1.0)"
    assert (num(8.0) / (num(4.0) / num(2.0))).exact == "8.0 / (4.0 / 2.0)"
    assert evaluate(str((num(2.0) ** num(-0.5)).exact)) == 2.0**-0.5
    assert evaluate(str(largest([num(1.0), num(3.0), smallest(num(2.0), num(5.0))]).exact)) == 3.0
    assert total([]).exact == "0" and total([num(1.0)]).text == "1"
    assert num(None).exact is None and (p / num(None)).exact is None  # a missing input: no arithmetic


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os')",
        "x + 1",
        "abs(-1)",
        "max()",
        "max(1, key=2)",
        "(1).real",
        "[1, 2]",
        "1 if 1 else 2",
        "2 ** 5000",
        "'1'",
        "1 +",
    ],
)
def test_the_evaluator_computes_arithmetic_and_nothing_else(text: str) -> None:
    with pytest.raises(NotArithmetic):
        evaluate(text)


def test_the_evaluator_agrees_with_python_on_arithmetic() -> None:
    cases = [
        ("1 + 2 * 3 - 4 / 5", 1 + 2 * 3 - 4 / 5),
        ("(1 + 2) * (3 - 4) / 5", (1 + 2) * (3 - 4) / 5),
        ("-(2.5) ** 2", -(2.5**2)),
        ("max(1, min(2, 3), -4)", 2),
        ("2 ** 0.5", math.sqrt(2)),
    ]
    for text, expected in cases:
        assert math.isclose(evaluate(text), expected), text


def test_a_timeline_held_at_mfn_counts_mfn_once() -> None:
    """Found by the explanation test: with --from mfn, annual_duty summed mfn twice (mfn named as
    itself and as the regime held), doubling the duty of every MFN gap."""
    from dealcalc.model.tariff import compute_tariff_timeline

    rows = compute_tariff_timeline(load_scenario(str(DATA / "timeline.yaml")), "mfn")
    # the gap is cut at the file's as-of date (2025-05-10): 9 days paid, 22 projected
    paid, ahead = [r for r in rows if r.regime == "mfn"]
    assert [(r.start.isoformat(), r.days, r.status) for r in (paid, ahead)] == [
        ("2025-05-01", 9, "paid"),
        ("2025-05-10", 22, "projected"),
    ]
    # May 2025, 31 days at MFN: line a 36.525 USD bn × 4% (line b's MFN is 0%) = 1.461 a year,
    # and 1.461 × 31 / 365.25 = 0.124
    assert paid.duty_period_usd_bn + ahead.duty_period_usd_bn == pytest.approx(0.124)
    assert paid.duty_counterfactual_usd_bn + ahead.duty_counterfactual_usd_bn == pytest.approx(0.124)
    # every period's counterfactual is the same 1.461 a year, spread over its days
    assert [r.duty_counterfactual_usd_bn for r in rows] == pytest.approx(
        [1.461 * r.days / 365.25 for r in rows]
    )
