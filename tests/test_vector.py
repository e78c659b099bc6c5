"""The numpy path of big sweeps and simulations (`analysis.vector`) against the scalar model,
which stays the reference: both agree to 1e-9 on random scenarios (DESIGN §7)."""

from __future__ import annotations

import functools
import json
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dealcalc.analysis import vector
from dealcalc.analysis.simulate import simulate_summary, summarise
from dealcalc.analysis.sweep import grid_rows, grid_values, rows_of, sweep_rows, vector_chunks, vector_plan
from dealcalc.keypath import split_path
from dealcalc.model.inputs import Scenario
from dealcalc.model.metrics import available_keys, compute_metrics, is_numeric, numeric_keys
from dealcalc.model.vary import numeric_inputs
from dealcalc.render import csv_chunk, stream_csv, stream_csv_columns
from dealcalc.scenario import load_scenario, shipped_names

from conftest import DATA, MINIMAL, run
from helpers import vector_mismatches

SHIPPED = shipped_names()


@functools.cache
def _scenario(name: str) -> Scenario:
    return load_scenario(name)


def _keys(s: Scenario) -> list[str]:
    """Every metric with an array form that the scenario has."""
    return [k for k in available_keys(s) if is_numeric(k) and vector.covers(k)]


def _close(a: Any, b: Any) -> bool:
    if b is None:
        return a is None or (isinstance(a, float) and math.isnan(a))
    return a is not None and abs(a - b) <= 1e-9 * max(1.0, abs(b))


HEADS = ("economy", "trade", "pledge", "tariffs", "returns", "incidence")


# 25 draws over the shipped files; tests/test_crosscheck.py covers generated ones at the edges
@settings(max_examples=25, deadline=None)
@given(name=st.sampled_from(SHIPPED), data=st.data())
def test_arrays_agree_with_the_scalar_model(name: str, data: st.DataObject) -> None:
    s = _scenario(name)
    inputs = numeric_inputs(s)
    candidates = sorted(p for p in inputs if p.split(".")[0] in HEADS)
    paths = data.draw(st.lists(st.sampled_from(candidates), min_size=1, max_size=3, unique=True))
    factors = st.floats(0.05, 3.0)
    n = 4
    values = [np.array([inputs[p] * data.draw(factors) for _ in range(n)]) for p in paths]
    assert vector_mismatches(s, paths, values, _keys(s)) == [], (name, paths)


BALANCE_KEYS = [
    "tariff_saved_pv_usd_bn",
    "pledger_tariff_gain_pv_usd_bn",
    "capital_pv_usd_bn",
    "pledger_receipts_pv_usd_bn",
    "us_receipts_pv_usd_bn",
    "pledger_net_pv_usd_bn",
    "us_net_pv_usd_bn",
    "us_buyers_gain_pv_usd_bn",
    "pledger_break_even_year",
]


@settings(max_examples=60, deadline=None)
@given(
    elasticity=st.sampled_from(["0", "-0.7", "-2.5"]),
    deemed=st.sampled_from(["0%", "4%"]),
    horizon=st.integers(1, 25),
    data=st.data(),
)
def test_balance_arrays_agree_with_the_scalar_model(
    elasticity: str, deemed: str, horizon: int, data: st.DataObject
) -> None:
    """tests/data/balance.yaml (a capped and an uncapped tranche, a two-tier split, dated regimes
    with twins, an MFN gap), with one to three inputs varied at once, discount rates of 0 included."""
    sets = [
        f"tariffs.elasticity={elasticity}",
        f"pledge.profit_split.0.deemed_interest={deemed}",
        f"balance.horizon_years={horizon}",
    ]
    s = load_scenario(str(DATA / "balance.yaml"), sets)
    inputs = {p: v for p, v in numeric_inputs(s).items() if not p.startswith(("economy.", "trade."))}
    paths = data.draw(st.lists(st.sampled_from(sorted(inputs)), min_size=1, max_size=3, unique=True))
    key_paths = [split_path(p) for p in paths]
    factors = [0.0, 0.05, 1.0, 1.9, 3.0]  # 0: a discount rate, a cap or a share of zero
    values = [np.array([inputs[p] * f for f in data.draw(st.permutations(factors))]) for p in paths]
    job = vector.plan(s, key_paths, BALANCE_KEYS)
    assert job is not None and "balance" in job.groups
    with np.errstate(all="ignore"):
        assert vector_mismatches(s, paths, values, BALANCE_KEYS) == [], paths


def test_plan_computes_only_what_the_varied_inputs_feed() -> None:
    s = _scenario("korea-2025-11-mou")
    job = vector.plan(
        s, [split_path("pledge.tranches.0.annual_cap")], ["pace_to_cap", "annual_savings_usd_bn"]
    )
    assert job is not None
    # the cap feeds outflow's pace, not the tariff savings (the same at every point)
    assert job.groups == ("outflow",)
    assert job.constant == {
        "annual_savings_usd_bn": compute_metrics(s, ["annual_savings_usd_bn"])["annual_savings_usd_bn"]
    }


def test_no_plan_for_inputs_or_metrics_without_an_array_form() -> None:
    s = load_scenario(str(MINIMAL), ["returns={cash_yield: 6%, horizon_years: 20, discount_rate: 4%}"])
    assert vector.plan(s, [split_path("returns.horizon_years")], ["pledge_to_gdp"]) is None
    # a returns metric fed by the varied pledge
    assert vector.plan(s, [split_path("pledge.amount")], ["pledger_npv_usd_bn"]) is None
    # every numeric metric the model has is either computed on arrays or left to the scalar model
    assert {k for k in numeric_keys() if not vector.covers(k)} >= {"pledger_npv_usd_bn"}


KOREA = "korea-2025-11-mou"
CAP = ("pledge", "tranches", 0, "annual_cap")
KEYS = ["pledge_to_gdp", "pace_to_cap", "years_needed_at_cap", "pledge_to_annual_savings"]


def test_big_sweep_rows_equal_the_scalar_rows() -> None:
    s = _scenario(KOREA)
    varies = [(CAP, grid_values(5.0, 30.0, 0.001)), (("economy", "gdp"), grid_values(1500.0, 2000.0, 500.0))]
    assert vector_plan(s, varies, KEYS) is not None  # 25,001 × 2 points: numpy
    rows = list(grid_rows(s, varies, KEYS))
    assert len(rows) == 50_002
    for i in (0, 1, 2, 9_999, 25_001, 50_001):
        (expected,) = sweep_rows(s, varies, KEYS, i, i + 1)
        assert all(_close(a, b) for a, b in zip(rows[i], expected, strict=True)), (i, rows[i], expected)


def test_numpy_csv_is_the_text_of_the_rows() -> None:
    """The CSV written from numpy's columns is, byte for byte, what `stream_csv` writes for the
    same rows (floats as repr, missing values empty, constant columns repeated)."""
    s = _scenario(KOREA)
    varies = [(CAP, grid_values(5.0, 30.0, 0.001))]
    keys = [*KEYS, "purchases_usd_bn"]  # no purchases: a column without values
    job = vector_plan(s, varies, keys)
    assert job is not None
    columns = ["cap", *keys]
    fast = "".join(
        stream_csv_columns(columns, vector_chunks(s, varies, keys, job, csv_chunk, parallel=False))
    )
    rows = [r for chunk in vector_chunks(s, varies, keys, job, rows_of, parallel=False) for r in chunk]
    assert fast == "".join(stream_csv(columns, rows))
    first = fast.splitlines()[1].split(",")
    # a cap of 5 on the 200 USD bn cash tranche: 200 / 5 = 40 years; no purchases: empty
    assert (first[0], first[3], first[5]) == ("5.0", "40.0", "")


def test_csv_cells_of_missing_and_infinite_values_are_empty() -> None:
    chunk = [np.array([1.5, 2.0, 3.0]), np.array([np.nan, np.inf, 0.1]), None, 7.0]
    assert csv_chunk(chunk) == "1.5,,,7.0\n2.0,,,7.0\n3.0,0.1,,7.0\n"


def test_sweep_cli_csv_through_numpy_equals_json_values() -> None:
    vary = ["--vary", "pledge.annual_cap=1 USD bn:21 USD bn:0.001 USD bn", "-m", "years_needed_at_cap"]
    csv = run("sweep", str(MINIMAL), *vary, "-f", "csv").stdout.splitlines()
    assert len(csv) == 1 + 20_001
    assert csv[0] == "pledge.annual_cap,years_needed_at_cap"
    assert csv[1] == "1.0,100.0"  # 100 USD bn at 1 USD bn a year
    assert csv[-1] == "21.0,4.761904761904762"  # 100 / 21


UNCERTAIN = "uncertainty={economy.gdp: {uniform: [500 USD bn, 1500 USD bn]}}"


def test_big_simulation_summary_is_right_for_a_known_distribution() -> None:
    s = load_scenario(str(MINIMAL), [UNCERTAIN])
    (row,) = simulate_summary(s, 200_000, 5, ["pledge_to_gdp"])
    # P/GDP with GDP ~ U(500, 1500) and P = 100: median 100/1000, P5 100/1450, P95 100/550,
    # mean 100 × ln(1500/500) / 1000
    assert row["p50"] == pytest.approx(0.1, rel=0.01)
    assert row["p5"] == pytest.approx(100 / 1450, rel=0.01)
    assert row["p95"] == pytest.approx(100 / 550, rel=0.01)
    assert row["mean"] == pytest.approx(0.1 * math.log(3), rel=0.01)
    assert (row["runs"], row["missing"]) == (200_000, 0)


def test_big_simulation_percentiles_are_those_of_the_full_sample() -> None:
    """The numpy summary of the draws equals the scalar `summarise` of the same values."""
    from dealcalc.analysis.simulate import VECTOR_CHUNK, draw_chunk

    s = load_scenario(str(MINIMAL), [UNCERTAIN])
    (row,) = simulate_summary(s, 30_000, 9, ["pledge_to_gdp"])
    assert VECTOR_CHUNK >= 30_000  # one chunk: chunk 0's draws are all of them
    (gdp,) = draw_chunk(s, 9, 0, 30_000)
    assert row == summarise("pledge_to_gdp", [100 / g for g in gdp.tolist()], 0)


def test_big_simulation_skips_and_counts_out_of_range_values() -> None:
    s = load_scenario(str(MINIMAL), ["uncertainty={pledge.annual_cap: {normal: [1 USD bn, 5 USD bn]}}"])
    (row,) = simulate_summary(s, 50_000, 1, ["years_needed_at_cap"])
    # as on the scalar path: Φ((0.1 − 1) / 5) ≈ 0.4286 of the caps a file would refuse
    assert row["runs"] + row["missing"] == 50_000
    assert row["missing"] / 50_000 == pytest.approx(0.4286, abs=0.01)
    assert row["p5"] > 0 and row["p95"] <= 1000


def test_big_simulation_is_the_same_for_a_seed_and_differs_between_seeds() -> None:
    s = load_scenario(str(MINIMAL), [UNCERTAIN])
    one = simulate_summary(s, 20_000, 3, ["pledge_to_gdp"])
    assert simulate_summary(s, 20_000, 3, ["pledge_to_gdp"]) == one
    assert simulate_summary(s, 20_000, 4, ["pledge_to_gdp"]) != one


def test_numpy_is_not_imported_for_small_jobs() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from dealcalc.cli import app; from typer.testing import CliRunner\n"
        "r = CliRunner().invoke(app, ['sweep', 'korea-2025-11-mou', '--vary', "
        "'pledge.tranches.0.annual_cap=5 USD bn:55 USD bn:1 USD bn', '-f', 'csv'])\n"
        "print(r.exit_code, 'numpy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "0 False\n"


def test_timeline_keys_have_no_array_form() -> None:
    """duty_paid_…, duty_to_deadline_…, duty_projected_… start like duty_<regime>_usd_bn but are
    the timeline's: the scalar model computes them (an array plan once took one for a regime named
    'paid_to_deadline' and left the column empty)."""
    from dealcalc.analysis.vector import covers

    assert covers("duty_agreed_usd_bn") and covers("effective_rate_mfn") and covers("tariff_coverage")
    for key in ("duty_paid_to_date_usd_bn", "duty_to_deadline_usd_bn", "duty_projected_usd_bn"):
        assert not covers(key)


def test_a_sweep_of_partner_exports_moves_the_tariff_coverage() -> None:
    """tariff_coverage = Σ line exports / exports to the partner: varying the denominator changes
    it at every point, in the scalar model (its reuse of a group's last result) as on arrays."""
    s = _scenario(KOREA)
    lines = sum(ln.exports for ln in s.tariffs.lines) if s.tariffs else 0.0
    varies = [(("trade", "exports_to_partner"), grid_values(100.0, 200.0, 0.004))]  # 25,001 points
    rows = list(grid_rows(s, varies, ["tariff_coverage"]))
    assert rows[0] == (100.0, pytest.approx(lines / 100.0, rel=1e-12))
    assert rows[-1] == (200.0, pytest.approx(lines / 200.0, rel=1e-12))
    (first,) = sweep_rows(s, varies, ["tariff_coverage"], 0, 1)
    (last,) = sweep_rows(s, varies, ["tariff_coverage"], 25_000, 25_001)
    assert (first[1], last[1]) == (pytest.approx(lines / 100.0), pytest.approx(lines / 200.0))


def test_the_default_metrics_all_have_an_array_form() -> None:
    """A default metric without one sends every big default sweep and simulation to the scalar
    model (a million runs: minutes instead of seconds)."""
    from dealcalc.views import DEFAULT_METRICS

    assert [k for k in DEFAULT_METRICS if not vector.covers(k)] == []


@pytest.mark.parametrize("runs", [3_000, 30_000])  # the scalar path, then numpy's
def test_simulation_of_values_beyond_any_float_has_no_crash_and_no_inf(runs: int) -> None:
    # GDP ~ lognormal(3, 400) spans 1e-300 to 1e+300: ratios overflow, sums overflow
    result = run(
        "simulate",
        str(MINIMAL),
        "--runs",
        str(runs),
        "--seed",
        "2",
        "--set",
        "uncertainty={economy.gdp: {lognormal: [3, 400]}}",
        "-m",
        "pledge_to_gdp",
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    (row,) = json.loads(result.stdout)
    assert row["runs"] + row["missing"] == runs and row["missing"] > 0
    assert all(v is None or math.isfinite(v) for v in (row["mean"], row["p5"], row["p50"], row["p95"]))


def test_a_varied_pledge_on_a_file_with_progress_has_an_array_shortfall() -> None:
    """Found by the property above: with an as-of date and projects, the numpy outflow took the
    progress with the pledge as an array and crashed (a sweep of 20,000+ pledges: exit 70)."""
    s = _scenario("japan-2026-12-law-in-force")
    values = [np.array([400.0, 550.0, 700.0])]
    assert vector_mismatches(s, ["pledge.amount"], values, ["shortfall_at_deadline_usd_bn"]) == []
