"""Cross-checks on GENERATED scenarios, so that a wrong formula cannot hide behind the shipped files
(all of which have elasticity 0, caps far from their amounts and multi-year deadlines).

Each property compares two independent computations of the same thing:
- the numpy path (`analysis.vector`) ≡ the scalar model, to 1e-9 (DESIGN §7);
- `--explain`'s arithmetic, evaluated ≡ the value the model reports;
- `--set PATH=VALUE` (YAML, validation) ≡ the fast setter `set_value` behind sweeps;
- the metric cache (`compute_metrics` reusing a group's last result) ≡ a fresh computation;
- `point_valid` (the vectorised rules of sweep points and draws) ≡ the file validator.

The generator leans on the edges: negative elasticities, caps equal or close to their tranche's
amount, deadlines under a year, purchases tranches, negative surpluses, every rate form
(all-in, `+` surcharge, `floor`), MFN rates above a floor, and dated regimes with without-deal twins
and an as-of date before, inside or after them."""

from __future__ import annotations

import math
import os
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import dealcalc
from dealcalc.analysis import vector
from dealcalc.errors import DealcalcError, ScenarioError
from dealcalc.keypath import split_path
from dealcalc.model.inputs import Scenario
from dealcalc.model.metrics import GROUPS, available_keys, compute_metrics, is_numeric, metric_cache
from dealcalc.model.vary import numeric_inputs, set_value
from dealcalc.scenario import load_scenario
from dealcalc.scenario.points import point_valid

from helpers import vector_mismatches

EXAMPLES = int(os.environ.get("DEALCALC_CROSSCHECK_EXAMPLES", "60"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
_DIR = Path(tempfile.mkdtemp(prefix="dealcalc-crosscheck-"))


def _money(x: float) -> str:
    return f"{x:g} USD bn"


def _pct(x: float) -> str:
    return f"{x:g}%"


tenths = st.integers(1, 5_000).map(lambda n: n / 10)  # 0.1 … 500.0


@st.composite
def scenario_text(draw: st.DrawFn) -> str:
    """A valid-looking scenario file (the loader may still refuse an unlucky draw: `assume`)."""
    start = date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 700)))
    days = draw(st.one_of(st.integers(40, 364), st.integers(365, 3_000)))  # under a year, or more
    deadline = start + timedelta(days=days)
    lines = ["dealcalc: 1", "title: Generated deal", "country: Genland", "pledge:"]

    def cap_for(amount: float) -> float:
        # a cap equal to the amount (the `>=` boundary of a whole period), near it, or well below
        kind = draw(st.sampled_from(["equal", "near", "below", "above"]))
        if kind == "equal":
            return amount
        if kind == "near":
            return round(amount * draw(st.sampled_from([0.999, 0.9999, 1.0001, 1.001])), 4)
        if kind == "above":
            return round(amount * draw(st.floats(1.1, 3.0)), 3)
        return max(0.1, round(amount / draw(st.integers(2, 40)), 3))

    if draw(st.booleans()):
        amount = draw(tenths)
        lines.append(f"  amount: {_money(amount)}")
        if draw(st.booleans()):
            lines.append(f"  annual_cap: {_money(cap_for(amount))}")
    else:
        lines.append("  tranches:")
        for i in range(draw(st.integers(1, 3))):
            amount = draw(tenths)
            cap = f", annual_cap: {_money(cap_for(amount))}" if draw(st.booleans()) else ""
            lines.append(f"    - {{name: t{i}, amount: {_money(amount)}{cap}}}")
        if draw(st.booleans()):
            lines.append(f"    - {{name: buy, kind: purchases, amount: {_money(draw(tenths))}}}")
    lines += [f"  start: {start.isoformat()}", f"  deadline: {deadline.isoformat()}"]
    if draw(st.booleans()):
        equity = draw(st.integers(0, 100))
        loans = draw(st.integers(0, 100 - equity))
        rest = 100 - equity - loans
        lines.append(f"  instruments: {{equity: {equity}%, loans: {loans}%, guarantees: {rest}%}}")
    lines += ["economy:", f"  gdp: {_money(draw(tenths) * 20)}"]
    if draw(st.booleans()):
        lines.append(f"  fx_reserves: {_money(draw(tenths))}")
    if draw(st.booleans()):
        lines.append(f"  reserve_income: {_money(draw(tenths) / 10)}")
    if draw(st.booleans()):
        lines.append(f"  population: {draw(st.integers(1, 2000)) / 10:g} mn")
    exports = draw(tenths)
    lines += ["trade:", f"  exports_to_partner: {_money(exports)}"]
    if draw(st.booleans()):  # a surplus, a deficit (negative) or none
        lines.append(f"  surplus_with_partner: {_money(draw(st.integers(-3_000, 3_000)) / 10)}")
    elasticity = draw(st.sampled_from([0.0, -0.3, -1.0, -2.7, -5.0]) | st.floats(-6.0, 0.0))
    lines += ["tariffs:", f"  elasticity: {elasticity!r}"]
    regimes = ["threatened", "agreed"]
    if draw(st.booleans()):
        # dated regimes with without-deal twins (DESIGN §3.3b) and an as-of date: the pair compared is
        # the one in force then, so the numpy path must resolve the same pair as the scalar model
        edges = sorted(
            start + timedelta(days=d)
            for d in draw(st.lists(st.integers(-120, days + 120), min_size=5, max_size=5, unique=True))
        )
        pre, deal, s122, s122_end, later = edges
        lines.insert(3, f"as_of: {(start + timedelta(days=draw(st.integers(-30, days + 30)))).isoformat()}")
        lines += [
            "  regimes:",
            f"    pre: {{from: {pre.isoformat()}}}",
            f"    agreed: {{from: {deal.isoformat()}, without_deal: threatened}}",
            f"    s122: {{from: {s122.isoformat()}, until: {s122_end.isoformat()}, without_deal: s122_nd}}",
            "    s122_nd: {label: Section 122 without the deal}",
            f"    later: {{from: {later.isoformat()}, without_deal: later_nd}}",
            "    later_nd: {label: later without the deal}",
        ]
        regimes += ["pre", "s122", "s122_nd", "later", "later_nd"]
    lines.append("  lines:")
    for i in range(draw(st.integers(1, 4))):
        mfn = draw(st.integers(0, 300)) / 10  # 0 … 30%: some above a 15% floor
        rates = []
        for regime in regimes:
            value = draw(st.integers(0, 600)) / 10
            form = draw(st.sampled_from(["", "+", " floor"]))
            rates.append(f"{regime}: {'+' if form == '+' else ''}{_pct(value)}{form if form != '+' else ''}")
        share = draw(st.integers(1, 1000)) / 10
        lines.append(f"    l{i}: {{exports: {_money(share)}, mfn: {_pct(mfn)}, {', '.join(rates)}}}")
    return "\n".join(lines) + "\n"


def _load(text: str, overrides: list[str] | None = None) -> tuple[Scenario, str]:
    path = _DIR / f"g{abs(hash(text))}.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        return load_scenario(str(path), overrides or []), str(path)
    except ScenarioError:
        assume(False)
        raise  # unreachable: assume(False) stops the example


def _close(a: Any, b: Any) -> bool:
    if b is None:
        return a is None or (isinstance(a, float) and math.isnan(a))
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return False
    return bool(abs(a - b) <= 1e-9 * max(1.0, abs(b)))


def _vector_keys(s: Scenario) -> list[str]:
    return [k for k in available_keys(s) if is_numeric(k) and vector.covers(k)]


VARIED_HEADS = ("economy", "trade", "pledge", "tariffs")


@SETTINGS
@given(text=scenario_text(), data=st.data())
def test_numpy_path_equals_the_scalar_model_on_generated_scenarios(text: str, data: st.DataObject) -> None:
    s, _ = _load(text)
    inputs = numeric_inputs(s)
    candidates = sorted(
        p for p in inputs if p.split(".")[0] in VARIED_HEADS and not p.startswith("pledge.instruments.")
    )
    paths = data.draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=2, unique=True))
    n = 3
    factors = st.sampled_from([1.0, 0.5, 0.999, 1.001, 2.0]) | st.floats(0.2, 3.0)
    values = [np.array([inputs[p] * data.draw(factors) for _ in range(n)]) for p in paths]
    assert vector_mismatches(s, paths, values, _vector_keys(s)) == [], text


EXPLAINED: list[tuple[str, dict[str, object]]] = [
    ("burden", {}),
    ("outflow", {}),
    ("tariff", {}),
    ("tariff", {"from_regime": "mfn", "to_regime": "threatened"}),
]


@SETTINGS
@given(text=scenario_text())
def test_explanations_evaluate_to_the_model_on_generated_scenarios(text: str) -> None:
    from dealcalc.workings import is_number
    from dealcalc.workings.arithmetic import close, evaluate

    _, path = _load(text)
    checked = 0
    for view, options in EXPLAINED:
        for row in dealcalc.explain(path, view=view, **options):  # type: ignore[arg-type]
            value, arithmetic = row["value"], row["arithmetic"]
            if is_number(value):
                assert isinstance(arithmetic, str), (text, row)
                got = evaluate(arithmetic)
                assert close(got, float(value)), (text, row["metric"], arithmetic, got, value)
                checked += 1
    assert checked > 10


def _num(value: float) -> str:
    """A number as a file writes it: positional, no exponent."""
    return np.format_float_positional(value, trim="-")


def _written(path: str, value: float, s: Scenario) -> str:
    """A canonical value written back in its field's syntax (the form of a rate kept)."""
    parts = path.split(".")
    if parts[0] == "tariffs" and parts[-1] not in ("exports", "mfn") and len(parts) == 4:
        line = next(ln for ln in s.tariffs.lines if ln.name == parts[2])  # type: ignore[union-attr]
        form = line.regimes[parts[3]].form
        text = f"{_num(value * 100)}%"
        return {"surcharge": "+" + text, "floor": text + " floor"}.get(form, text)
    if path in ("tariffs.elasticity", "economy.fx_rate", "economy.population"):
        return _num(value)
    if parts[-1] in ("mfn",) or parts[1] in ("instruments", "cost_weights"):
        return f"{_num(value * 100)}%"
    return f"{_num(value)} USD bn"


@SETTINGS
@given(text=scenario_text(), data=st.data())
def test_set_equals_the_fast_setter_on_generated_scenarios(text: str, data: st.DataObject) -> None:
    s, path = _load(text)
    inputs = numeric_inputs(s)
    candidates = sorted(p for p in inputs if not p.startswith("pledge.instruments."))
    key = data.draw(st.sampled_from(candidates))
    new = inputs[key] * data.draw(st.sampled_from([0.5, 1.25, 2.0])) + (0.0 if inputs[key] else 0.5)
    if key == "tariffs.elasticity":
        new = -abs(new)
    extra = ["pledge.amount=null"] if key.startswith("pledge.tranches.") else []
    try:
        via_set = load_scenario(path, [f"{key}={_written(key, new, s)}", *extra])
    except DealcalcError:
        # the validator refused the value: the rules of a sweep point refuse it too
        assert not point_valid(s, {split_path(key): new}), (text, key, new)
        return
    fast = set_value(s, split_path(key), new)
    for group, compute in GROUPS.items():
        try:
            expected = compute(via_set)
        except dealcalc.MissingInputError:
            continue
        got = compute(fast)
        assert got.keys() == expected.keys()
        for k, want in expected.items():
            expect = pytest.approx(want, rel=1e-12, abs=1e-12) if isinstance(want, float) else want
            assert got[k] == expect, (text, key, group, k)


@SETTINGS
@given(text=scenario_text(), data=st.data())
def test_point_valid_agrees_with_the_validator(text: str, data: st.DataObject) -> None:
    s, path = _load(text)
    inputs = numeric_inputs(s)
    caps = sorted(p for p in inputs if p.endswith(("annual_cap", ".amount")))
    rates = sorted(p for p in inputs if p.startswith("tariffs.lines.") and p.endswith(".mfn"))
    key = data.draw(st.sampled_from(caps + rates + ["economy.gdp"]))
    new = data.draw(st.sampled_from([0.0, -1.0, 1e-6, 0.1, 1.0, 1e9]))
    extra = ["pledge.amount=null"] if key.startswith("pledge.tranches.") else []
    try:
        load_scenario(path, [f"{key}={_written(key, new, s)}", *extra])
        accepted = True
    except DealcalcError:
        accepted = False
    assert bool(point_valid(s, {split_path(key): new})) == accepted, (text, key, new)


@SETTINGS
@given(texts=st.lists(scenario_text(), min_size=2, max_size=4), data=st.data())
def test_the_metric_cache_never_returns_another_scenarios_values(
    texts: list[str], data: st.DataObject
) -> None:
    """compute_metrics reuses a group's last result when the group's declared inputs are equal; a
    scenario that differs in any input the group reads must get its own values."""
    scenarios = [_load(t)[0] for t in texts]
    # also points that differ from the first in one input only (the cache's hardest case)
    base = scenarios[0]
    inputs = numeric_inputs(base)
    key = data.draw(st.sampled_from(sorted(inputs)))
    moved = set_value(base, split_path(key), inputs[key] * 1.5 + 0.25)
    with metric_cache():  # the cache of one batch run, as sweep, simulate and compare open it
        for s in [*scenarios, moved, base, moved]:
            keys = [k for k in available_keys(s) if is_numeric(k)]
            cached = compute_metrics(s, keys)
            fresh: dict[str, Any] = {}
            for compute in GROUPS.values():
                try:
                    fresh.update(compute(s))
                except dealcalc.MissingInputError:
                    continue
            for k in keys:
                assert cached[k] == fresh[k] or _close(cached[k], fresh[k]), (key, k, cached[k], fresh[k])
