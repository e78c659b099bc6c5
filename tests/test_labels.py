"""Numbers that cannot be misread (issue #12): scoped and visible overrides, honest labels,
non-numeric metrics refused where a number is needed."""

from __future__ import annotations

import io
import json
from csv import DictReader
from pathlib import Path

import pytest

from conftest import MINIMAL, documentation, run


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(MINIMAL.parent.parent.parent)


KOREA, JAPAN = "korea-2025-11-mou", "japan-2025-09-mou"


# --- a won rate given to the yen file (was: Japan's pledge/GDP 144.5%, exit 0) -------------------
def test_unscoped_fx_rate_over_two_currencies_is_a_usage_error() -> None:
    result = run("compare", KOREA, JAPAN, "--set", "economy.fx_rate=1600")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "--set economy.fx_rate=1600: economy.fx_rate depends on each scenario's currency, and these "
        "scenarios are in KRW (korea-2025-11-mou) and JPY (japan-2025-09-mou); scope it to one "
        "scenario: --set korea-2025-11-mou:economy.fx_rate=1600\n"
    )


def test_unscoped_local_money_over_two_currencies_is_a_usage_error() -> None:
    result = run("burden", KOREA, JAPAN, "--set", "economy.gdp=2000 KRW tn")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "scope it to one scenario: --set 'korea-2025-11-mou:economy.gdp=2000 KRW tn'\n"
    )


def test_unscoped_fx_rate_over_one_currency_applies_to_both() -> None:
    rows = json.loads(
        run("compare", KOREA, "korea-2025-07-framework", "--set", "economy.fx_rate=1600", "-f", "json").stdout
    )
    # GDP 2,549.1 KRW tn at 1,600 KRW/USD = 1,593.1875 USD bn; 350 / 1,593.1875 = 0.219685…
    assert [round(r["pledge_to_gdp"], 6) for r in rows] == [0.219685, 0.219685]
    assert [r["overrides"] for r in rows] == [["economy.fx_rate=1600"], ["economy.fx_rate=1600"]]


def test_scoped_override_applies_to_its_scenario_only() -> None:
    result = run("compare", KOREA, JAPAN, "--set", f"{KOREA}:economy.fx_rate=1600", "-f", "json")
    assert result.exit_code == 0
    korea, japan = json.loads(result.stdout)
    assert round(korea["pledge_to_gdp"], 6) == 0.219685  # 350 / (2,549,100 / 1,600)
    # Japan's file as given: 550 / 4,019.8 (GDP in USD bn, see japan-2025-09-mou.yaml) = 0.136823
    assert round(japan["pledge_to_gdp"], 6) == 0.136823
    assert (korea["overrides"], japan["overrides"]) == (["economy.fx_rate=1600"], [])


def test_a_scope_names_a_scenario_of_the_command() -> None:
    result = run("burden", KOREA, "--set", "japan-2025-09-mou:economy.fx_rate=150")
    assert result.exit_code == 2
    assert result.stderr == (
        "--set japan-2025-09-mou:economy.fx_rate=150: no scenario named 'japan-2025-09-mou' in this "
        "command; NAME is a scenario's file name without .yaml (korea-2025-11-mou)\n"
    )


def test_a_scope_may_be_a_path_or_carry_yaml() -> None:
    rows = json.loads(
        run(
            "burden",
            "tests/data/minimal.yaml",
            KOREA,
            "--set",
            "minimal.yaml:economy.gdp=500 USD bn",
            "-f",
            "json",
        ).stdout
    )
    assert rows[0]["pledge_to_gdp"] == 100 / 500
    assert rows[1]["overrides"] == []


# --- an override never shows (was: tables, JSON and --explain look fully sourced) -------------------
CAP = "pledge.tranches.0.annual_cap=25 USD bn"


def test_override_is_footnoted_under_the_table() -> None:
    out = run("outflow", KOREA, "--set", CAP).stdout
    assert "\nChanged by --set: pledge.tranches.0.annual_cap = 25 USD bn (file: 20 USD bn)\n" in out
    # an override of a key the file lacks says so
    out = run("burden", "tests/data/minimal.yaml", "--set", "economy.population=5 mn").stdout
    assert "\nChanged by --set: economy.population = 5 mn (file: not set)\n" in out


def test_override_is_carried_in_json_and_csv() -> None:
    rows = json.loads(run("outflow", KOREA, "--set", CAP, "-f", "json").stdout)
    assert rows[0]["overrides"] == ["pledge.tranches.0.annual_cap=25 USD bn"]
    assert rows[0]["annual_cap_usd_bn"] == 25.0
    csv = run(
        "burden", KOREA, "--set", "economy.fx_rate=1600", "--set", "economy.population=51.7 mn", "-f", "csv"
    )
    (row,) = list(DictReader(io.StringIO(csv.stdout)))
    assert list(row)[-3:] == ["assumed_inputs", "overrides", "caveats"]
    assert row["overrides"] == "economy.fx_rate=1600;economy.population=51.7 mn"


def test_explain_names_set_as_the_source_of_an_override() -> None:
    rows = json.loads(run("outflow", KOREA, "--set", CAP, "--explain", "-f", "json").stdout)
    cap = next(r for r in rows if r["metric"] == "annual_cap_usd_bn")
    assert "--set pledge.tranches.0.annual_cap" in cap["sources"]
    assert cap["value"] == 25.0
    years = next(r for r in rows if r["metric"] == "years_available")
    assert years["sources"] == ["chosun-mou"]  # start and deadline are not overridden


def test_override_of_a_figure_value_drops_its_citation() -> None:
    rows = json.loads(
        run(
            "burden", KOREA, "--set", "economy.fx_reserves.value=500 USD bn", "--explain", "-f", "json"
        ).stdout
    )
    reserves = next(r for r in rows if r["metric"] == "pledge_to_reserves")
    assert "ked-reserves" not in reserves["sources"]
    assert "--set economy.fx_reserves.value" in reserves["sources"]


def test_compare_marks_an_overridden_row() -> None:
    out = run("compare", KOREA, JAPAN, "--set", f"{KOREA}:economy.fx_rate=1600", "--notes", "full").stdout
    lines = out.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith(" ───"))
    korea, japan = lines[rule + 1].split(), lines[rule + 2].split()
    assert (korea[0], japan[0]) == ("korea-2025-11-mou", "japan-2025-09-mou")
    assert "s" in korea[1]  # the marks column (p, partial tariff lines, may stand beside it)
    assert "s" not in japan[1]
    assert "s: changed by --set." in lines
    assert "Changed by --set in korea-2025-11-mou: economy.fx_rate = 1600 (file: 1363.98)" in lines
    assert lines[-1] == "Each row's sources: dealcalc report NAME."


def test_batch_views_footnote_overrides_and_sources() -> None:
    sweep = run(
        "sweep",
        KOREA,
        "--vary",
        "pledge.tranches.0.annual_cap=10 USD bn:20 USD bn:10 USD bn",
        "-m",
        "years_needed_at_cap",
        "--set",
        "economy.fx_rate=1500",
    ).stdout
    assert "\nChanged by --set: economy.fx_rate = 1500 (file: 1363.98)\nSources:\n  [fact-sheet]" in sweep
    diff = run("diff", "korea-2025-07-framework", KOREA).stdout
    assert "Sources (korea-2025-11-mou.yaml):\n" in diff


# --- compare -m ----------------------------------------------------------------------------------
def test_compare_metric_replaces_the_columns() -> None:
    rows = json.loads(run("compare", KOREA, "-m", "pledge_to_exports", "-m", "binding", "-f", "json").stdout)
    assert list(rows[0]) == [
        "scenario",
        "file",
        "pledge_to_exports",
        "binding",
        "assumed_inputs",
        "overrides",
        "caveats",
    ]
    assert rows[0]["pledge_to_exports"] == 350 / 131.5
    assert rows[0]["binding"] is True
    bad = run("compare", "-m", "pledge_to_gpd")
    assert bad.exit_code == 2
    assert bad.stderr.startswith("--metric pledge_to_gpd: no such metric (did you mean 'pledge_to_gdp'?)")


def test_compare_marks_non_binding_pledges() -> None:
    out = run("compare", "eu-2025-08-joint-statement", KOREA, width=120).stdout
    assert " eu-2025-08-joint-statement  cna " in out  # caveats, not binding, assumed figures
    assert "n: not binding, a private pledge (its burden ratios are upper bounds)." in out


# --- the sensitivity crash (was exit 70, "invalid width 0") -----------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["sensitivity", KOREA, "-m", "completion_date_at_cap"],
        ["sweep", KOREA, "--vary", "economy.fx_rate=1300:1400:100", "-m", "completion_date_at_cap"],
        ["simulate", KOREA, "--runs", "10", "-m", "first_breach"],
        ["sensitivity", KOREA, "-m", "cost_weights_assumed"],
    ],
)
def test_non_numeric_metric_is_a_usage_error(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    key = args[-1]
    assert result.stderr.startswith(
        f"--metric {key}: not a number, so it has no swing, range or percentile; numeric metrics: "
        "pledge_usd_bn, purchases_usd_bn, "
    )
    assert "completion_date_at_cap," not in result.stderr
    assert ", years_needed_at_cap, " in result.stderr


def test_files_named_in_tables_never_break_mid_word() -> None:
    out = run("compare", width=100).stdout
    for name in ("switzerland-2025-11-framework", "eu-2025-08-joint-statement"):
        head, _, tail = name.rpartition("-")
        assert name in out or (f" {head}-" in out and (f"\n {tail} " in out or f"\n {tail}\n" in out)), name
    assert "framewo\n" not in out and "stateme\n" not in out


# --- outflow labels (was: "Required pace / cap 3.14×" beside a $110bn pace and a $20bn cap) ---------
def test_outflow_labels_the_capped_part_and_shows_its_pace() -> None:
    lines = run("outflow", KOREA).stdout.splitlines()
    rows = {line[:30].strip(): line[30:].strip() for line in lines[4:14]}
    assert rows["Required pace, whole pledge"] == "$110.0 bn/yr"  # 350 / 3.18 yr
    # the cash tranche alone: 200 / (1,162 days / 365.25) = 62.87 a year, against its 20 cap = 3.14×
    assert rows["Capped part: required pace"] == "$62.9 bn/yr"
    assert rows["Capped part: annual cap"] == "$20.0 bn/yr"
    assert rows["Capped part: pace / cap"] == "3.14×"
    assert "Required pace / cap" not in "\n".join(lines)
    # JSON keeps the keys of DESIGN §3.2 (the capped part's pace is a table row only)
    (row,) = json.loads(run("outflow", KOREA, "-f", "json").stdout)
    assert "capped_pace_usd_bn" not in row


def test_nothing_is_at_cap_when_no_tranche_is_capped() -> None:
    (row,) = json.loads(run("outflow", "eu-2025-08-joint-statement", "-f", "json").stdout)
    # was: years_needed_at_cap = Y (3.36) and a completion date, as if a cap bound the pledge
    assert (row["annual_cap_usd_bn"], row["years_needed_at_cap"], row["completion_date_at_cap"]) == (
        None,
        None,
        None,
    )
    assert row["deliverable_by_deadline_usd_bn"] == 600.0  # uncapped: all of it
    out = run("outflow", "eu-2025-08-joint-statement", "--explain").stdout
    lines = out.splitlines()
    assert next(ln for ln in lines if ln.startswith(" Years needed at cap ")).endswith(" —")
    assert next(ln for ln in lines if ln.startswith(" Completion at cap ")).endswith(" —")
    assert (
        "eu-2025-08-joint-statement: no tranche has an annual cap, so nothing is paid 'at cap' (shown as —)."
        in lines
    )
    assert "= no tranche is capped = —" in out


# --- when 90:10 starts, and deemed interest read the right way round ----------------------------------
def _switch(yield_: float, deemed: float, horizon: int) -> int | None:
    from dealcalc.model.inputs import Returns, Tier, Tranche
    from dealcalc.model.returns import compute_returns

    from helpers import scenario

    s = scenario(
        (Tranche("all", 100.0, 100.0),),  # all 100 deployed in year 0
        profit_split=(Tier(0.5, True, deemed), Tier(0.1)),
        returns=Returns(yield_, horizon, 0.04),
    )
    return compute_returns(s).split_switch_year


def test_split_switch_year_by_hand() -> None:
    # 30% of 100 = 30 a year of cash; the pledger's half, 15, repays the balance of 100 in 6⅔ years:
    # in year 7 the first tier takes the 20 it still needs and the last tier the other 10
    assert _switch(0.30, 0.0, 20) == 7
    assert _switch(0.30, 0.0, 6) is None  # not within the horizon
    # with 10% deemed interest the balance after n years is 150 − 50 × 1.1ⁿ (b = 1.1 b − 15 from 100),
    # zero between n = 11 (−5.3… → 7.34 left) and n = 12: 90:10 starts in year 12, five years later
    assert _switch(0.30, 0.10, 20) == 12
    # a higher deemed interest never brings the switch earlier
    assert _switch(0.30, 0.05, 20) in range(8, 12)


def test_split_switch_year_in_json_and_single_tier() -> None:
    args = ["returns", JAPAN, "--set", "returns={cash_yield: 10%, horizon_years: 60, discount_rate: 4%}"]
    (with_interest,) = json.loads(run(*args, "-f", "json").stdout)
    (without,) = json.loads(
        run(*args, "--set", "pledge.profit_split.0.deemed_interest=0%", "-f", "json").stdout
    )
    assert (without["years_to_recover"], without["split_switch_year"]) == (22, 22)
    assert with_interest["years_to_recover"] == 22
    assert with_interest["split_switch_year"] > 22  # deemed interest lengthens the 50:50 phase
    assert with_interest["pledger_receipts_usd_bn"] > without["pledger_receipts_usd_bn"]
    (single,) = json.loads(run(*args, "--set", "pledge.profit_split=[{pledger: 50%}]", "-f", "json").stdout)
    assert single["split_switch_year"] is None


def test_explain_reads_deemed_interest_the_right_way_round() -> None:
    rows = json.loads(
        run(
            "returns",
            JAPAN,
            "--set",
            "returns={cash_yield: 10%, horizon_years: 60, discount_rate: 4%}",
            "--explain",
            "-f",
            "json",
        ).stdout
    )
    switch = next(r for r in rows if r["metric"] == "split_switch_year")
    assert "a higher deemed interest keeps it longer" in switch["computation"]
    readme = documentation()
    assert " eats " not in readme and "no later" not in readme
    assert "a higher deemed interest rate never\nlowers Japan's receipts" in readme


# --- caveats and assumed figures on every view (was: nowhere but the file) ----------------------------
ASSUMED = """\
dealcalc: 1
title: Assumed test deal
country: Testland
caveats:
  - The pledge is a letter of intent, not a treaty.
pledge:
  amount: 100 USD bn
  annual_cap: 10 USD bn
  start: 2025-01-01
  deadline: 2029-01-01
economy:
  gdp: {value: 1000 USD bn, assumption: true, note: Testland GDP 2025 estimate}
  fx_reserves: 200 USD bn
trade:
  exports_to_partner: 50 USD bn
  imports_from_partner: 30 USD bn
"""


@pytest.fixture
def assumed(tmp_path: Path) -> str:
    path = tmp_path / "assumed.yaml"
    path.write_text(ASSUMED, encoding="utf-8")
    return str(path)


def test_caveats_are_printed_under_every_table_and_carried_in_json(assumed: str) -> None:
    f = assumed
    for command in (["burden"], ["outflow"], ["outflow", "--schedule"], ["compare"]):
        out = run(*command, f).stdout
        assert "The pledge is a letter of intent, not a treaty." in out, command
    assert "\nCaveat: The pledge is a letter of intent, not a treaty.\n" in run("burden", f).stdout
    (row,) = json.loads(run("outflow", f, "-f", "json").stdout)
    assert row["caveats"] == ["The pledge is a letter of intent, not a treaty."]
    # schedule rows are not one row per scenario: no caveats there (DESIGN §4)
    schedule = json.loads(run("outflow", f, "--schedule", "-f", "json").stdout)
    assert "caveats" not in schedule[0]


def test_assumed_inputs_are_those_the_view_reads(assumed: str) -> None:
    f = assumed
    out = run("burden", f).stdout
    assert "\nRests on assumed figures: economy.gdp (Testland GDP 2025 estimate)\n" in out
    (burden,) = json.loads(run("burden", f, "-f", "json").stdout)
    assert burden["assumed_inputs"] == ["economy.gdp"]
    # outflow reads no GDP: nothing assumed there
    (outflow,) = json.loads(run("outflow", f, "-f", "json").stdout)
    assert outflow["assumed_inputs"] == []
    assert "Rests on assumed figures" not in run("outflow", f).stdout
    # compare's columns read GDP (pledge_to_gdp), but not with -m pledge_to_reserves
    (row,) = json.loads(run("compare", f, "-f", "json").stdout)
    assert row["assumed_inputs"] == ["economy.gdp"]
    (row,) = json.loads(run("compare", f, "-m", "pledge_to_reserves", "-f", "json").stdout)
    assert row["assumed_inputs"] == []
    # an overridden figure is the user's, footnoted as such, no longer the file's assumption
    (row,) = json.loads(run("burden", f, "--set", "economy.gdp=900 USD bn", "-f", "json").stdout)
    assert (row["assumed_inputs"], row["overrides"]) == ([], ["economy.gdp=900 USD bn"])
    csv = list(DictReader(io.StringIO(run("burden", f, "-f", "csv").stdout)))
    assert (csv[0]["assumed_inputs"], csv[0]["caveats"]) == (
        "economy.gdp",
        "The pledge is a letter of intent, not a treaty.",
    )


def test_explain_marks_an_assumed_input(assumed: str) -> None:
    f = assumed
    rows = json.loads(run("burden", f, "--explain", "-f", "json").stdout)
    by_metric = {r["metric"]: r["sources"] for r in rows}
    assert by_metric["pledge_to_gdp"] == ["assumed economy.gdp"]
    assert by_metric["pledge_to_reserves"] == []


def test_compare_marks_caveats_assumptions_and_non_binding(assumed: str) -> None:
    f = assumed
    out = run("compare", f, "eu-2025-08-joint-statement", "--notes", "full", width=120).stdout
    lines = out.splitlines()
    assert any(line.startswith(" assumed                     ca ") for line in lines), out
    assert any(line.startswith(" eu-2025-08-joint-statement  cna ") for line in lines), out
    assert "c: carries caveats (below)." in lines
    assert "a: rests on assumed figures (below)." in lines
    assert "n: not binding, a private pledge (its burden ratios are upper bounds)." in lines
    assert "Caveat (assumed): The pledge is a letter of intent, not a treaty." in lines
    assert "Rests on assumed figures (assumed): economy.gdp" in lines
    assert lines[-1] == "Each row's sources: dealcalc report NAME."


def test_batch_views_name_assumptions_and_sources(assumed: str) -> None:
    f = assumed
    out = run("sensitivity", f, "-m", "pledge_to_gdp").stdout
    assert "Rests on assumed figures: economy.gdp (Testland GDP 2025 estimate)" in out
    assert "Caveat: The pledge is a letter of intent, not a treaty." in out
    uncertain = "uncertainty={economy.fx_reserves: {uniform: [150 USD bn, 250 USD bn]}}"
    sim = run("simulate", KOREA, "--runs", "50", "-m", "pledge_to_reserves", "--set", uncertain).stdout
    assert "\nSources:\n  [fact-sheet]" in sim


def test_readme_does_not_say_burden_prints_notes() -> None:
    readme = documentation()
    assert "prints them as notes" not in readme and "prints a file's notes" not in readme


# --- discovery: metrics, show, suggestions, help examples ----------------------------------------------
def test_metrics_lists_every_key_with_unit_view_and_meaning() -> None:
    from dealcalc.model.metrics import KEYS

    rows = json.loads(run("metrics", "-f", "json").stdout)
    assert list(rows[0]) == ["key", "unit", "view", "meaning"]
    by_key = {r["key"]: r for r in rows}
    assert set(KEYS) <= set(by_key)  # every metric of every view
    assert by_key["pledge_to_gdp"] == {
        "key": "pledge_to_gdp",
        "unit": "fraction",
        "view": "burden",
        "meaning": "Pledge / GDP: P / gdp",
    }
    assert by_key["as_of"]["view"] == "outflow, tariff"
    assert by_key["completion_date_at_cap"]["unit"] == "date (ISO)"
    assert by_key["duty_<regime>_usd_bn"]["unit"] == "USD bn a year"
    assert by_key["binding"]["view"] == "compare"
    # every key it lists (but the patterns) is one -m accepts
    for key in by_key:
        if "<" not in key:
            assert run("compare", KOREA, "-m", key, "-f", "csv").exit_code == 0, key


def test_show_prints_a_shipped_file_that_loads_anywhere(tmp_path: Path) -> None:
    result = run("show", "korea-2026-02-post-ruling")
    assert result.exit_code == 0
    shipped = (MINIMAL.parent.parent.parent / "scenarios" / "korea-2026-02-post-ruling.yaml").read_text(
        encoding="utf-8"
    )
    # as shipped, but for its parent's bare name: a file of the parent's name beside a copy is
    # never taken for it (issue #24)
    assert "extends: korea-2025-11-mou.yaml\n" in shipped
    bare = shipped.replace("extends: korea-2025-11-mou.yaml\n", "extends: korea-2025-11-mou\n")
    assert result.stdout == bare
    copy = tmp_path / "mine.yaml"
    copy.write_text(result.stdout, encoding="utf-8")  # it extends its parent by shipped name
    assert run("validate", str(copy)).exit_code == 0
    bad = run("show", "korea")
    assert bad.exit_code == 1
    assert bad.stderr == (
        "korea: no shipped scenario of this name (did you mean 'korea-2026-02-post-ruling', "
        "'korea-2026-11-after-122' or 'korea-2026-12-law-in-force'?); 'dealcalc list' shows them\n"
    )


def test_unknown_scenario_and_command_suggest_shipped_names() -> None:
    result = run("burden", "korea")
    assert (result.exit_code, result.stderr) == (
        1,
        "korea: no such file or shipped scenario (did you mean 'korea-2026-02-post-ruling', "
        "'korea-2026-11-after-122' or 'korea-2026-12-law-in-force'?)\n",
    )
    # was: "No such command 'korea'." and nothing else
    result = run("korea")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: No such command 'korea'. A scenario goes after a command, e.g. 'dealcalc burden "
        "korea-2026-12-law-in-force' (shipped scenarios like it: korea-2026-02-post-ruling, "
        "korea-2026-11-after-122, korea-2026-12-law-in-force).\n"
    )


def _help_examples() -> list[tuple[str, list[str]]]:
    import shlex

    import typer.main

    from dealcalc.cli import app

    out = []
    for name in sorted(typer.main.get_command(app).commands):  # type: ignore[attr-defined]
        text = run(name, "--help", width=200).stdout
        para = text.split("Example: ", 1)[1].split("\n\n", 1)[0]
        out.append((name, shlex.split(" ".join(para.split()))))
    return out


@pytest.mark.parametrize(("name", "words"), _help_examples())
def test_every_help_example_runs_on_the_shipped_files(
    name: str, words: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert words[:2] == ["dealcalc", name]
    monkeypatch.chdir(tmp_path)  # examples that write a file write it here
    result = run(*words[1:])
    assert result.exit_code == 0, (words, result.stderr)
    assert result.stdout or list(tmp_path.iterdir()), words


def test_set_help_example_runs_on_every_shipped_file() -> None:
    """was: --set pledge.annual_cap='25 USD bn', refused by the files that have tranches"""
    help_text = " ".join(run("burden", "--help").stdout.split())
    example = help_text.split("e.g. --set ", 1)[1].split(";", 1)[0]
    assert example == "economy.fx_rate=1400"
    from dealcalc.scenario import shipped_names

    for name in shipped_names():
        assert run("burden", name, "--set", example, "-f", "csv").exit_code == 0, name


# --- diff: what changed, in its units (was: ~40 unchanged rows, fractions, a bare "44") ------------
def test_diff_lists_only_what_changed_unless_all() -> None:
    pair = ("korea-2025-07-framework", KOREA)
    rows = json.loads(run("diff", *pair, "-f", "json").stdout)
    metrics = {r["key"]: r for r in rows if r["section"] == "metric"}
    assert "pledge_usd_bn" not in metrics  # $350bn in both
    assert all(r["a"] != r["b"] for r in metrics.values())
    every = json.loads(run("diff", *pair, "--all", "-f", "json").stdout)
    all_metrics = {r["key"]: r for r in every if r["section"] == "metric"}
    assert all_metrics["pledge_usd_bn"] == {
        "section": "metric",
        "key": "pledge_usd_bn",
        "a": 350.0,
        "b": 350.0,
        "change": 0.0,
    }
    assert set(metrics) < set(all_metrics)
    # inputs are listed only where they differ, with or without --all
    assert [r for r in every if r["section"] == "input"] == [r for r in rows if r["section"] == "input"]


def test_diff_table_writes_rates_as_percents_and_date_changes_in_days() -> None:
    out = run("diff", "korea-2025-07-framework", KOREA).stdout
    lines = out.splitlines()

    def line(start: str) -> str:
        return next(ln for ln in lines if ln.startswith(start))

    # 2025-07-30 → 2025-11-14 is 107 days; 25% → 15% is −10 percentage points
    assert line(" pledge.start ").split() == ["pledge.start", "2025-07-30", "2025-11-14", "+107", "d"]
    assert line(" tariffs.lines.autos.agreed ").split()[1:] == ["25.0%", "15.0%", "-10.0", "pp"]
    assert line(" pledge.tranches.0.amount ").split()[1:] == ["$350.0", "bn", "$200.0", "bn", "-$150.0", "bn"]
    assert line(" Completion at cap ").split()[-1] == "d"
    assert "Metrics side by side (those that differ; --all shows every one)" in lines
    assert not any(ln.startswith(" Pledge (investment) ") for ln in lines)
    assert any(
        ln.startswith(" Pledge (investment) ")
        for ln in run("diff", "korea-2025-07-framework", KOREA, "--all").stdout.splitlines()
    )


def test_shell_completion_is_on() -> None:
    """was: add_completion=False (no --install-completion, nothing completed)"""
    import os
    import subprocess
    import sys

    root = MINIMAL.parent.parent.parent
    env = {
        **os.environ,
        "_DEALCALC_COMPLETE": "complete_bash",
        "COMP_WORDS": "dealcalc sens",
        "COMP_CWORD": "1",
    }
    done = subprocess.run(
        [sys.executable, "-m", "dealcalc"], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout.split()) == (0, ["sensitivity"])
    help_text = run("--help").stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text


def test_taiwan_gdp_is_flagged_as_an_assumption_everywhere_it_is_used() -> None:
    """was: nothing flagged Taiwan's GDP (UNCONFIRMED, $775bn) as an assumption"""
    taiwan = "taiwan-2026-01-mou"
    (burden,) = json.loads(run("burden", taiwan, "-f", "json").stdout)
    assert {"economy.gdp", "pledge.deadline"} <= set(burden["assumed_inputs"])
    rows = {r["file"]: r for r in json.loads(run("compare", "-f", "json").stdout)}
    assert "economy.gdp" in rows[f"{taiwan}.yaml"]["assumed_inputs"]
    league = run("compare", taiwan, "korea-2025-11-mou", "--notes", "full", width=160).stdout.splitlines()
    assert next(ln for ln in league if ln.startswith(f" {taiwan} ")).split()[1] == "ca"
    assert any(
        ln.startswith(f"Rests on assumed figures ({taiwan}): pledge.deadline; economy.gdp") for ln in league
    )
    explained = json.loads(run("burden", taiwan, "--explain", "-f", "json").stdout)
    gdp = next(r for r in explained if r["metric"] == "pledge_to_gdp")
    assert "assumed economy.gdp" in gdp["sources"]


def test_readme_shows_a_caveat_an_assumption_and_an_override_as_printed() -> None:
    readme = documentation()
    notes = run("burden", "taiwan-2026-01-mou").stdout.split("\nSources:")[0].split("\n\n")[-1]
    assert notes.startswith("Caveat: GDP ($775bn) is an assumption")
    assert "\nRests on assumed figures: pledge.deadline (" in notes
    assert notes in readme  # the README's example is the output as it is now
    cap = run("outflow", KOREA, "--set", "pledge.tranches.0.annual_cap=25 USD bn").stdout
    footnote = "Changed by --set: pledge.tranches.0.annual_cap = 25 USD bn (file: 20 USD bn)"
    assert f"\n{footnote}\n" in cap and f"\n{footnote}\n" in readme


def test_view_inputs_are_the_union_of_the_explanations_inputs() -> None:
    """The notes under a view's table name the assumed figures among VIEW_INPUTS (so a one-off
    command need not import the formulas); they must be what --explain lists."""
    from dealcalc.model.metrics import GROUP_KEYS
    from dealcalc.views.notes import VIEW_INPUTS
    from dealcalc.workings import inputs_of

    for group, keys in GROUP_KEYS.items():
        union = {p for k in keys for p in inputs_of(k)}
        # a path is covered when it, or a path that holds it, is listed
        covered = {p for p in union if any(p == q or p.startswith(q + ".") for q in VIEW_INPUTS[group])}
        assert covered == union, (group, union - covered)
        assert all(any(q == p or q.startswith(p + ".") for p in union) for q in VIEW_INPUTS[group]), group
