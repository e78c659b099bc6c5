"""diff, sweep, sensitivity and simulate: small cases whose answers are known."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dealcalc import load_scenario
from dealcalc.analysis.simulate import simulate_summary
from dealcalc.analysis.sweep import grid_rows, grid_values, sweep_rows
from dealcalc.errors import MissingInputError
from dealcalc.keypath import split_path
from dealcalc.model.inputs import RegimeRate, Scenario
from dealcalc.model.metrics import GROUPS, compute_metrics, metric_cache
from dealcalc.model.vary import numeric_inputs, set_value

from conftest import MINIMAL, run

KEYS = [
    "pledge_usd_bn",
    "pledge_to_gdp",
    "years_needed_at_cap",
    "shortfall_at_deadline_usd_bn",
    "annual_savings_usd_bn",
    "pledge_to_annual_savings",
    "peak_year_to_reserves",
]
UNCERTAIN = "uncertainty={economy.fx_rate: {normal: [1400, 50]}, tariffs.elasticity: {uniform: [-2.0, -0.5]}}"


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_sweep_point_equals_a_single_run_with_the_same_set() -> None:
    out = run(
        "sweep",
        "korea-2025-11-mou",
        "--vary",
        "pledge.tranches.0.annual_cap=10 USD bn:30 USD bn:10 USD bn",
        "-m",
        "years_needed_at_cap",
        "-m",
        "shortfall_at_deadline_usd_bn",
        "-f",
        "csv",
    ).stdout
    rows = _csv(out)
    assert [r["pledge.tranches.0.annual_cap"] for r in rows] == ["10.0", "20.0", "30.0"]
    for row in rows:
        single = json.loads(
            run(
                "outflow",
                "korea-2025-11-mou",
                "--set",
                f"pledge.tranches.0.annual_cap={row['pledge.tranches.0.annual_cap']} USD bn",
                "-f",
                "json",
            ).stdout
        )[0]
        assert float(row["years_needed_at_cap"]) == single["years_needed_at_cap"]
        assert float(row["shortfall_at_deadline_usd_bn"]) == single["shortfall_at_deadline_usd_bn"]


def test_sweep_grid_is_every_combination_stop_inclusive() -> None:
    out = run(
        "sweep",
        "korea-2025-11-mou",
        "--vary",
        "pledge.tranches.0.annual_cap=10 USD bn:20 USD bn:5 USD bn",
        "--vary",
        "tariffs.elasticity=-2:-1:0.5",
        "-m",
        "annual_savings_usd_bn",
        "-f",
        "json",
    ).stdout
    rows = json.loads(out)
    assert len(rows) == 9
    assert [(r["pledge.tranches.0.annual_cap"], r["tariffs.elasticity"]) for r in rows[:4]] == [
        (10.0, -2.0),
        (10.0, -1.5),
        (10.0, -1.0),
        (15.0, -2.0),
    ]


def _format(path: str, value: float, s: object) -> str:
    """A canonical value written back in its field's syntax."""
    if path.startswith(("economy.fx_rate", "tariffs.elasticity", "returns.horizon")):
        return repr(value)
    if path.startswith(("economy.population",)):
        return repr(value)
    if any(
        path.endswith(k)
        for k in (
            "amount",
            "annual_cap",
            "gdp",
            "fx_reserves",
            "reserve_income",
            "exports",
            "_partner",
            ".exports_to_partner",
        )
    ):
        return f"{value!r} USD bn"
    return f"{value * 100!r}%"


@pytest.mark.parametrize("name", ["korea-2025-11-mou", "japan-2025-09-mou", "taiwan-2026-01-mou"])
def test_every_numeric_input_varies_like_a_set(name: str) -> None:
    base = load_scenario(name)
    for path, value in numeric_inputs(base).items():
        if path.startswith("pledge.instruments."):
            continue  # one share alone cannot change in a valid file (the shares sum to 100%)
        new = value * 1.25 + (0.01 if value > 0 or path != "tariffs.elasticity" else -0.01)
        form = ""
        if path.startswith("tariffs.lines.") and path.split(".")[-1] not in ("exports", "mfn"):
            rate: RegimeRate = next(ln for ln in base.tariffs.lines if ln.name == path.split(".")[2]).regimes[  # type: ignore[union-attr]
                path.split(".")[3]
            ]
            form = {"surcharge": "+", "floor": " floor"}.get(rate.form, "")
        text = _format(path, new, base)
        text = ("+" + text) if form == "+" else (text + form)
        # a tranche's amount changes the pledge, which the file states too
        extra = ["pledge.amount=null"] if path.startswith("pledge.tranches.") else []
        via_set = load_scenario(name, [f"{path}={text}", *extra])
        fast = set_value(base, split_path(path), new)
        for group in GROUPS:
            try:
                expected = GROUPS[group](via_set)
            except MissingInputError:
                continue
            got = GROUPS[group](fast)
            assert got.keys() == expected.keys()
            for key, want in expected.items():
                assert got[key] == (pytest.approx(want) if isinstance(want, float) else want), (path, key)


def test_varying_fx_rate_reconverts_local_money() -> None:
    korea = load_scenario("korea-2025-11-mou")
    moved = set_value(korea, ("economy", "fx_rate"), 1400.0)
    assert moved.economy.gdp == pytest.approx(2549.1e3 / 1400)
    assert moved.economy.fx_reserves == korea.economy.fx_reserves  # written in USD


def test_cached_groups_match_fresh_computation() -> None:
    s = load_scenario("korea-2025-11-mou")
    path = ("pledge", "tranches", 0, "annual_cap")
    with metric_cache():
        for cap in (10.0, 20.0, 20.0, 35.0):
            point = set_value(s, path, cap)
            cached = compute_metrics(point, KEYS)
            fresh = {}
            for group in ("burden", "outflow", "tariff"):
                fresh.update(GROUPS[group](point))
            assert cached == {k: fresh[k] for k in KEYS}


def test_the_metric_cache_belongs_to_the_run_that_opens_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Within a run a group whose inputs are unchanged is computed once; outside any run, and in
    the next run, nothing is reused (no state outlives a command)."""
    from dealcalc.model import metrics

    calls: list[str] = []
    burden = metrics.GROUPS["burden"]

    def counted(s: Scenario) -> dict[str, Any]:
        calls.append(s.title)
        return burden(s)

    monkeypatch.setitem(metrics.GROUPS, "burden", counted)
    s = load_scenario("korea-2025-11-mou")
    compute_metrics(s, ["pledge_to_gdp"])
    compute_metrics(s, ["pledge_to_gdp"])
    assert len(calls) == 2  # no run: computed each time
    with metric_cache():
        compute_metrics(s, ["pledge_to_gdp"])
        compute_metrics(s, ["pledge_usd_bn"])
        assert len(calls) == 3  # the same inputs: reused
        compute_metrics(set_value(s, ("economy", "gdp"), 2000.0), ["pledge_to_gdp"])
        assert len(calls) == 4  # an input of the group changed: computed again
    with metric_cache():
        compute_metrics(set_value(s, ("economy", "gdp"), 2000.0), ["pledge_to_gdp"])
    assert len(calls) == 5 and metrics._caches == []  # a new run starts empty


def test_parallel_sweep_equals_sequential(monkeypatch: pytest.MonkeyPatch) -> None:
    s = load_scenario("korea-2025-11-mou")
    varies = [(("pledge", "tranches", 0, "annual_cap"), grid_values(5.0, 30.0, 0.001))]
    sequential = sweep_rows(s, varies, KEYS, 0, 25_001)
    monkeypatch.setenv("DEALCALC_WORKERS", "2")
    assert list(grid_rows(s, varies, KEYS)) == sequential


def test_same_seed_same_output_and_parallel_equals_sequential(monkeypatch: pytest.MonkeyPatch) -> None:
    args = [
        "simulate",
        "korea-2025-11-mou",
        "--set",
        UNCERTAIN,
        "--runs",
        "300",
        "--seed",
        "7",
        "-f",
        "json",
    ]
    first, second = run(*args).stdout, run(*args).stdout
    assert first == second
    other = run(*args[:-4], "--seed", "8", "-f", "json").stdout
    assert other != first
    s = load_scenario("korea-2025-11-mou", [UNCERTAIN])
    monkeypatch.setenv("DEALCALC_WORKERS", "1")
    one = simulate_summary(s, 25_000, 3, KEYS)
    monkeypatch.setenv("DEALCALC_WORKERS", "2")
    assert simulate_summary(s, 25_000, 3, KEYS) == one


def test_simulate_summary_is_right_for_a_known_distribution() -> None:
    out = run(
        "simulate",
        "tests/data/minimal.yaml",
        "--set",
        "uncertainty={economy.gdp: {uniform: [500 USD bn, 1500 USD bn]}}",
        "--runs",
        "20000",
        "-m",
        "pledge_to_gdp",
        "-f",
        "json",
    ).stdout
    (row,) = json.loads(out)
    # P/GDP with GDP ~ U(500, 1500): median 100/1000, 5th percentile 100/1450
    assert row["p50"] == pytest.approx(0.1, rel=0.02)
    assert row["p5"] == pytest.approx(100 / 1450, rel=0.02)
    assert row["runs"] == 20000 and row["missing"] == 0


def test_draws_outside_the_valid_range_are_skipped_and_counted() -> None:
    out = run(
        "simulate",
        "tests/data/minimal.yaml",
        "--set",
        "uncertainty={pledge.annual_cap: {normal: [1 USD bn, 5 USD bn]}}",
        "--runs",
        "2000",
        "-m",
        "years_needed_at_cap",
        "-f",
        "json",
    ).stdout
    (row,) = json.loads(out)
    # DESIGN §6: a draw a file would refuse is skipped and counted. A cap ~ N(1, 5) is negative
    # or under 0.1 USD bn (over 1,000 years for 100 USD bn) with probability
    # Φ((0.1 − 1) / 5) = Φ(−0.18) ≈ 0.43: about 860 of 2,000 runs
    assert row["runs"] + row["missing"] == 2000
    assert 760 < row["missing"] < 960
    assert row["p5"] > 0 and row["p95"] <= 1000


def test_simulate_without_uncertainty_says_what_to_add() -> None:
    # a missing core input is bad data (1), for `uncertainty:` as for `returns:` (DESIGN §4)
    result = run("simulate", str(MINIMAL))
    assert (result.exit_code, result.stderr) == (
        1,
        f"{MINIMAL}: uncertainty: nothing to draw; add e.g.\n"
        "  uncertainty:\n    economy.fx_rate: {normal: [1400, 50]}\n"
        'or pass --set "uncertainty={economy.fx_rate: {normal: [1400, 50]}}"\n',
    )
    assert run("returns", str(MINIMAL)).exit_code == 1


def test_sensitivity_ranks_the_dominant_input_first() -> None:
    out = run("sensitivity", "tests/data/minimal.yaml", "-m", "pledge_to_gdp", "-f", "json").stdout
    rows = json.loads(out)
    assert {rows[0]["input"], rows[1]["input"]} == {"pledge.amount", "economy.gdp"}
    assert all(r["swing"] == 0 for r in rows[2:])
    top = rows[0]
    assert top["metric_low"] == pytest.approx(
        top["metric_base"] * (0.9 if top["input"] == "pledge.amount" else 1 / 0.9)
    )


def test_sensitivity_table_draws_bars() -> None:
    out = run("sensitivity", "korea-2025-11-mou", "-m", "years_needed_at_cap").stdout
    lines = out.splitlines()
    first = lines[next(i for i, line in enumerate(lines) if line.startswith(" ─")) + 1]
    assert first.startswith(" annual cap of the cash tranche ")  # tests/test_whatif_tables.py: the layout
    assert first.endswith(" " + "█" * 12)  # BAR_SHOWN: the longest names wrap instead


def test_diff_lists_exactly_the_inputs_that_differ() -> None:
    out = run(
        "diff",
        "tests/data/minimal.yaml",
        "tests/data/minimal.yaml",
        "--set",
        "economy.gdp=1200 USD bn",
        "-f",
        "json",
    ).stdout
    rows = json.loads(out)
    inputs = [r for r in rows if r["section"] == "input"]
    assert inputs == []  # --set applies to both
    a = run("diff", "korea-2025-11-mou", "korea-2026-02-post-ruling", "-f", "json").stdout
    # the post-ruling file adds a sec122 rate and its without-deal twin to each of its five lines,
    # and newer reserves; its regimes: `agreed` ends (until) and `sec122` begins, with its twin
    changed = {r["key"].removesuffix(".form") for r in json.loads(a) if r["section"] == "input"}
    sec122 = {
        f"tariffs.lines.{line}.{regime}"
        for line in ("autos", "parts", "other", "sec232_other", "exempt")
        for regime in ("sec122", "sec122_no_deal")
    }
    regimes = {
        "tariffs.regimes.agreed.until",
        "tariffs.regimes.sec122.from",
        "tariffs.regimes.sec122.without_deal",
    }
    assert changed == {"economy.fx_reserves", *sec122, *regimes}


def test_diff_metrics_side_by_side() -> None:
    rows = json.loads(run("diff", "korea-2025-07-framework", "korea-2025-11-mou", "-f", "json").stdout)
    by_key = {r["key"]: r for r in rows}
    assert by_key["years_needed_at_cap"]["a"] == 17.5
    assert by_key["years_needed_at_cap"]["b"] == 10.0
    assert by_key["years_needed_at_cap"]["change"] == -7.5
    assert by_key["pledge.start"] == {
        "section": "input",
        "key": "pledge.start",
        "a": "2025-07-30",
        "b": "2025-11-14",
        "change": 107,
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--vary", "pledge.annual_cap=5 USD bn:40 USD bn"], "expected PATH=START:STOP:STEP"),
        (["--vary", "title=1:2:1"], "title: not a numeric field"),
        (["--vary", "pledge.tranches.0.annual_cap=5:40:5"], "a bare number is ambiguous for money"),
        (
            ["--vary", "pledge.tranches.0.annual_cap=40 USD bn:5 USD bn:5 USD bn"],
            "must not be below its START",
        ),
        (["--vary", "pledge.annual_cap=5 USD bn:40 USD bn:5 USD bn"], "the pledge has tranches"),
        (
            ["--vary", "pledge.tranches.0.annual_cap=5 USD bn:6 USD bn:1 USD bn", "-m", "pledge_to_gpd"],
            "no such metric (did you mean 'pledge_to_gdp'?)",
        ),
    ],
)
def test_sweep_usage_errors(args: list[str], message: str) -> None:
    result = run("sweep", "korea-2025-11-mou", *args)
    assert result.exit_code == 2
    assert message in result.stderr


@settings(max_examples=25, deadline=None)
@given(st.floats(0.5, 100.0), st.floats(0.5, 100.0))
def test_grid_values_include_stop(start: float, span: float) -> None:
    values = grid_values(start, start + span, span / 4)
    assert len(values) == 5
    assert values[-1] == pytest.approx(start + span)
