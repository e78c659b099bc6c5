"""The command line: exact text of tables, CSV, JSON, Markdown and messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dealcalc.scenario import shipped_names

from conftest import MINIMAL, run

M = str(MINIMAL.relative_to(Path.cwd())) if MINIMAL.is_relative_to(Path.cwd()) else str(MINIMAL)


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(MINIMAL.parent.parent.parent)


MINIMAL_ARG = "tests/data/minimal.yaml"

BURDEN_TABLE = """\
Burden of the pledge

 Metric                                 minimal
 ──────────────────────────────────────────────
 Pledge (investment)                  $100.0 bn
 Purchase pledges (not investment)            —
 Purchases / GDP                              —
 Pledge / GDP                             10.0%
 Pledge / FX reserves                     50.0%
 Pledge / exports to partner              2.00×
 Years of bilateral surplus             5.00 yr
 Pledge / surplus until deadline          1.25×
 Pledge per person                            —
 Pace to meet deadline              $25.0 bn/yr
 Pace / GDP                                2.5%
 Pace / FX reserves                       12.5%
 Pace / reserve income                        —
 Cost through instruments                     —
 Cost / GDP                                   —
 Cost weights assumed (defaults)              —
"""


def test_burden_table() -> None:
    result = run("burden", MINIMAL_ARG)
    assert result.exit_code == 0
    assert result.stdout == BURDEN_TABLE
    assert result.stderr == ""


def test_burden_csv() -> None:
    result = run("burden", MINIMAL_ARG, "--format", "csv")
    assert result.stdout == (
        "scenario,file,pledge_usd_bn,purchases_usd_bn,purchases_to_gdp,pledge_to_gdp,pledge_to_reserves,"
        "pledge_to_exports,surplus_years,pledge_to_surplus_to_deadline,pledge_per_capita_usd,"
        "annual_pace_usd_bn,annual_pace_to_gdp,annual_pace_to_reserves,annual_pace_to_reserve_income,"
        "cost_usd_bn,cost_to_gdp,cost_weights_assumed,assumed_inputs,overrides,caveats\n"
        "Minimal test deal,tests/data/minimal.yaml,100.0,,,0.1,0.5,2.0,5.0,1.25,,25.0,0.025,0.125,,,,,,,\n"
    )


def test_outflow_json_is_unrounded_with_design_keys() -> None:
    result = run("outflow", MINIMAL_ARG, "-f", "json")
    assert json.loads(result.stdout) == [
        {
            "scenario": "Minimal test deal",
            "file": "tests/data/minimal.yaml",
            "years_available": 4.0,
            "required_annual_pace_usd_bn": 25.0,
            "annual_cap_usd_bn": 10.0,
            "pace_to_cap": 2.5,
            "years_needed_at_cap": 10.0,
            "completion_date_at_cap": "2035-01-01",
            "deliverable_by_deadline_usd_bn": 40.0,
            "shortfall_at_deadline_usd_bn": 60.0,
            "peak_year_to_reserves": 0.05,
            # progress to a date: the file has no as_of (tests/test_progress.py has one)
            "as_of": None,
            "selected_to_date_usd_bn": None,
            "selected_share": None,
            "pace_so_far_usd_bn": None,
            "years_left": None,
            "required_pace_from_as_of_usd_bn": None,
            "interest_to_date_usd_bn": None,
            "assumed_inputs": [],
            "overrides": [],
            "caveats": [],
        }
    ]


def test_tariff_markdown() -> None:
    result = run("tariff", MINIMAL_ARG, "-f", "markdown")
    assert (
        result.stdout
        == """\
### Tariff outcomes

| Metric | minimal |
| --- | ---: |
| Exports in the lines | $40.0 bn/yr |
| Duty under MFN | $0.00 bn/yr |
| Duty under threatened | $10.0 bn/yr |
| Duty under agreed | $6.00 bn/yr |
| Effective rate, MFN | 0.0% |
| Effective rate, threatened | 25.0% |
| Effective rate, agreed | 15.0% |
| Compared from regime | threatened |
| Compared to regime | agreed |
| Compared from (label) | threatened |
| Compared to (label) | agreed |
| Timeline measured against | threatened |
| Duty saved per year | $4.00 bn/yr |
| Exports preserved per year | $0.00 bn/yr |
| Pledge / annual savings | 25.00 yr |
| Savings until deadline, if the as-of pair held from start to deadline | $16.0 bn |
| Extra duty vs MFN per year | $6.00 bn/yr |
| Tariff lines / exports to partner | 80.0% |
| As of | — |
| Regime in force on the as-of date | — |
| Duty paid, start to as-of date | — |
|   of which refundable (void authority) | — |
|   of which contested (contested authority) | — |
| Saved vs the counterfactual, start to as-of date | — |
| Duty projected, as-of date to deadline | — |
| Saving projected, as-of date to deadline | — |
| Duty, start to deadline (paid + projected) | — |
| Saved vs the counterfactual, start to deadline | — |

Duty saved per year: threatened → agreed.\\
Tariff lines cover 80% of exports to the United States: duty and savings count only those lines.\\
Partial equilibrium, one market: says nothing of who bears the duty.
"""
    )


def test_tariff_lines_and_regimes_csv() -> None:
    lines = run("tariff", MINIMAL_ARG, "--lines", "-f", "csv").stdout
    assert lines == (
        "scenario,file,line,exports_usd_bn,rate_mfn,rate_threatened,rate_agreed,"
        "duty_mfn_usd_bn,duty_threatened_usd_bn,duty_agreed_usd_bn\n"
        "Minimal test deal,tests/data/minimal.yaml,goods,40.0,0.0,0.25,0.15,0.0,10.0,6.0\n"
    )
    regimes = run("tariff", MINIMAL_ARG, "--regimes", "-f", "csv").stdout
    # each regime by its key and its label (an unlabelled one: its key; mfn: MFN)
    assert regimes.splitlines()[1:] == [
        "Minimal test deal,tests/data/minimal.yaml,mfn,MFN,0.0,0.0",
        "Minimal test deal,tests/data/minimal.yaml,threatened,threatened,10.0,0.25",
        "Minimal test deal,tests/data/minimal.yaml,agreed,agreed,6.0,0.15",
    ]


def test_tariff_from_to_with_set_regime() -> None:
    result = run(
        "tariff",
        MINIMAL_ARG,
        "--set",
        "tariffs.lines.goods.current=+10%",
        "--from",
        "current",
        "--to",
        "agreed",
        "-f",
        "json",
    )
    data = json.loads(result.stdout)[0]
    assert (data["from"], data["to"]) == ("current", "agreed")
    assert data["duty_current_usd_bn"] == pytest.approx(4.0)
    assert data["annual_savings_usd_bn"] == pytest.approx(-2.0)
    assert data["pledge_to_annual_savings"] is None


def test_schedule_csv() -> None:
    result = run("outflow", MINIMAL_ARG, "--schedule", "-f", "csv")
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "scenario,file,period_start,period_end,required_usd_bn,capped_usd_bn,"
        "cumulative_capped_usd_bn,capped_to_reserves"
    )
    assert lines[1] == "Minimal test deal,tests/data/minimal.yaml,2025-01-01,2026-01-01,25.0,10.0,10.0,0.05"
    assert len(lines) == 11


def test_compare_defaults_to_every_shipped_scenario() -> None:
    rows = json.loads(run("compare", "-f", "json").stdout)
    assert [r["file"] for r in rows] == [f"{n}.yaml" for n in shipped_names()]
    assert set(rows[0]) == {
        "scenario",
        "file",
        "pledge_usd_bn",
        "pledge_to_gdp",
        "pledge_to_reserves",
        "surplus_years",
        "required_annual_pace_usd_bn",
        "pace_to_cap",
        "years_needed_at_cap",
        "annual_savings_usd_bn",
        "pledge_to_annual_savings",
        "tariff_coverage",
        "binding",
        "assumed_inputs",
        "overrides",
        "caveats",
    }


def test_compare_table() -> None:
    result = run("compare", MINIMAL_ARG, "korea-2025-11-mou")
    lines = result.stdout.splitlines()
    rows = [line.split() for line in lines if line.startswith((" minimal ", " korea-2025-11-mou "))]
    # minimal's one line holds 40 of its 50 USD bn of exports: marked, with the footnote under it
    mini = ["minimal", "p", "100.0", "10.0%", "50.0%", "5.00", "25.0", "2.50×", "10.00", "4.00"]
    assert rows[0][: len(mini)] == mini
    # korea carries caveats and assumed figures (c, a); savings: threatened 23.44 (42.96 autos+parts,
    # 36.8 other, 14 other 232, all at 25%) − agreed 15.464 (42.96 × 15% + 36.8 × 15% + 14 × 25%)
    # = 7.976 $bn/yr; 350 / 7.976 = 43.88 years
    korea = ["korea-2025-11-mou", "ca", "350.0", "18.7%", "84.2%", "5.30", "110.0", "3.14×", "10.00", "7.98"]
    assert rows[1][: len(korea)] == korea
    assert rows[1][len(korea)] == "43.88"  # pledge / savings, the last column of the first part
    assert [r[0] for r in rows] == ["minimal", "korea-2025-11-mou"] * 2  # the continued part
    assert (
        "p: partial tariff figures: the tariff lines cover under 95% of exports to the partner, and duty "
        "and savings count only those lines." in " ".join(result.stdout.split())
    )


def test_sources_are_footnotes() -> None:
    out = run("burden", "korea-2025-11-mou").stdout
    assert "Sources:\n  [fact-sheet] Joint Fact Sheet on the US–ROK trade and investment agreement, " in out
    assert "[bok-gdp] Preliminary national income 2024, Bank of Korea, 2025-03-05." in out


def test_assumed_cost_weights_are_marked() -> None:
    out = run("burden", "japan-2025-09-mou").stdout
    assert " Cost weights assumed (defaults)        equity, loans\n" in out
    text = " ".join(out.split())
    # the file's own assumed figures first (the loans/guarantees split, USD/JPY), then the defaults
    assert "Rests on assumed figures: pledge.instruments.loans (loans and loan guarantees; " in text
    assert "pledge.cost_weights.equity (default 100%); pledge.cost_weights.loans (default 10%)" in text
    (row,) = json.loads(run("burden", "japan-2025-09-mou", "-f", "json").stdout)
    assert row["assumed_inputs"][-2:] == ["pledge.cost_weights.equity", "pledge.cost_weights.loans"]


def test_list_json() -> None:
    rows = json.loads(run("list", "-f", "json").stdout)
    assert sorted(r["name"] for r in rows) == sorted(shipped_names())
    assert rows[0].keys() == {"country", "name", "title", "as_of", "newest", "pledge_usd_bn"}


def test_missing_core_input_says_which_field() -> None:
    result = run("returns", MINIMAL_ARG)
    assert result.exit_code == 1
    assert result.stderr == (
        "tests/data/minimal.yaml: returns: this command needs project assumptions; add e.g.\n"
        "  returns: {cash_yield: 6%, horizon_years: 20, discount_rate: 4%}\n"
        'or pass --set "returns={cash_yield: 6%, horizon_years: 20, discount_rate: 4%}"\n'
    )
    result = run("calls", MINIMAL_ARG)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "tests/data/minimal.yaml: projects: this command needs projects; add e.g.\n"
    )
    result = run("tariff", "tests/data/minimal.yaml", "--set", "tariffs=null")
    assert result.stderr.startswith("tests/data/minimal.yaml: tariffs.lines: this command needs tariff lines")


def test_unknown_regime_is_usage_error() -> None:
    result = run("tariff", MINIMAL_ARG, "--from", "letter")
    assert result.exit_code == 2
    assert result.stderr == (
        "tests/data/minimal.yaml: regime 'letter' is on no tariff line; "
        "regimes on every line: mfn, threatened, agreed\n"
    )


def test_regime_on_some_lines_only_is_bad_data() -> None:
    # DESIGN §4: a regime on some lines but not others is a problem of the file (exit 1)
    extra = "tariffs.lines.more={exports: 5 USD bn, threatened: 25%, agreed: 15%, letter: 30%}"
    result = run("tariff", MINIMAL_ARG, "--set", extra, "--from", "letter")
    assert result.exit_code == 1
    assert result.stderr == (
        "tests/data/minimal.yaml: tariffs.lines.goods: regime 'letter' is on some lines but missing on "
        "line(s) goods; add e.g.\n  goods: {letter: 15%}   (a rate under 'letter' on every line)\n"
    )


def test_bad_format_is_usage_error() -> None:
    result = run("burden", MINIMAL_ARG, "-f", "xml")
    assert result.exit_code == 2
    assert "'xml' is not one of 'table', 'csv', 'json', 'markdown'" in result.stderr


def test_lines_and_regimes_together_is_usage_error() -> None:
    result = run("tariff", MINIMAL_ARG, "--lines", "--regimes")
    assert (result.exit_code, result.stderr) == (
        2,
        "--lines, --regimes and --timeline are separate views; pick one\n",
    )


def test_version() -> None:
    from dealcalc import __version__

    assert run("--version").stdout == f"dealcalc {__version__}\n"


def test_every_error_of_several_files_at_once(tmp_path: Path) -> None:
    bad = tmp_path / "b.yaml"
    bad.write_text("dealcalc: 1\ntitle: x\n", encoding="utf-8")
    result = run("burden", MINIMAL_ARG, str(bad), "nope.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{bad}:1:1: missing required field 'country' (e.g. country: Korea)",
        f"{bad}:1:1: missing required field 'pledge'",
        f"{bad}:1:1: missing required field 'economy'",
        "nope.yaml: no such file or shipped scenario ('dealcalc list' shows the shipped names)",
    ]


def test_python_m_dealcalc_runs_in_a_subprocess() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "dealcalc", "outflow", "korea-2025-11-mou", "-f", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1].startswith(
        "Korea–US investment MOU (Nov 2025),korea-2025-11-mou.yaml,"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "dealcalc", "burden", "tests/bad/bare-money.yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("tests/bad/bare-money.yaml:5:3: pledge.amount: a bare number")
