"""Every malformed input of DESIGN §6: exit 1, one exact message per problem, no traceback."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from dealcalc.errors import ScenarioError
from dealcalc.scenario import load_scenario, yamlio

from conftest import run

BAD = Path(__file__).parent / "bad"
CASES = sorted(p.stem for p in BAD.glob("*.yaml"))


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", ["validate", "burden"])
def test_bad_file_gives_exact_messages(case: str, command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    expected = (BAD / f"{case}.expected").read_text(encoding="utf-8")
    result = run(command, f"{case}.yaml")
    assert result.exit_code == 1
    assert result.stderr == expected
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_corpus_covers_design_section_6() -> None:
    needed = {
        "syntax-error",
        "unknown-key",
        "duplicate-key",
        "wrong-type",
        "bare-money",
        "bare-rate",
        "unknown-currency",
        "unknown-scale",
        "nan",
        "infinity",
        "negative-amount",
        "zero-gdp",
        "deadline-before-start",
        "instruments-sum",
        "undefined-source",
        "extends-cycle-a",
        "extends-missing",
        "non-utf8",
        "python-tag",
        "custom-tag",
        "alias-bomb",
        "empty",
        "not-mapping",
    }
    assert needed <= set(CASES)


def test_each_message_names_file_line_and_key() -> None:
    for case in CASES:
        for line in (BAD / f"{case}.expected").read_text(encoding="utf-8").splitlines():
            assert line.startswith(case.split("-cycle")[0]), line


def test_directory(write, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "adir").mkdir()
    result = run("burden", "adir")
    assert (result.exit_code, result.stderr) == (1, "adir: is a directory, not a scenario file\n")


def test_missing_file(write) -> None:  # type: ignore[no-untyped-def]
    result = run("burden", "nope.yaml")
    assert result.exit_code == 1
    assert (
        result.stderr
        == "nope.yaml: no such file or shipped scenario ('dealcalc list' shows the shipped names)\n"
    )


def test_file_over_5_mb(write) -> None:  # type: ignore[no-untyped-def]
    name = write("big.yaml", "# padding\n" * 600_000)
    result = run("validate", name)
    assert (result.exit_code, result.stderr) == (
        1,
        "big.yaml: file is 6.0 MB; scenario files are limited to 5 MB\n",
    )


def test_nul_bytes(write) -> None:  # type: ignore[no-untyped-def]
    name = write("nul.yaml", b"dealcalc: 1\x00\n")
    result = run("validate", name)
    assert (result.exit_code, result.stderr) == (1, "nul.yaml: holds NUL bytes; it is not a text file\n")


def test_alias_bomb_is_refused_cheaply(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bomb expands to 10^10 values; it is refused once MAX_NODES of them are counted, in
    memory that grows with MAX_NODES, not with the expansion: under 50 MB at the real limit
    (200,000). Measured at a tenth of the limit against a tenth of the bound (tracemalloc at the
    full limit took 2 s); the exact refusal at the real limit: test_bad_file_gives_exact_messages."""
    limit = yamlio.MAX_NODES // 10
    monkeypatch.setattr(yamlio, "MAX_NODES", limit)
    tracemalloc.start()
    with pytest.raises(ScenarioError) as err:
        load_scenario(BAD / "alias-bomb.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert f"expands to more than {limit:,} values through its aliases (an alias bomb?)" in str(err.value)
    assert peak < 50 * 1024 * 1024 // 10


def test_binary_and_set_tags_refused(write) -> None:  # type: ignore[no-untyped-def]
    name = write("t.yaml", "dealcalc: 1\ntitle: !!binary aGVsbG8=\nnotes: !!set {a: null}\n")
    result = run("validate", name)
    rest = "is not allowed; scenario files hold plain values only (remove the tag)"
    assert (
        result.stderr
        == f"t.yaml:2:8: title: the tag !!binary {rest}\nt.yaml:3:8: notes: the tag !!set {rest}\n"
    )


def test_set_override_errors_name_the_option() -> None:
    result = run("burden", "korea-2025-11-mou", "--set", "pledge.anual_cap=20 USD bn")
    assert result.exit_code == 1
    assert result.stderr.startswith("--set: pledge.anual_cap: unknown field (did you mean 'annual_cap'?)")
    result = run("burden", "korea-2025-11-mou", "--set", "economy.gdp=1868")
    assert result.stderr.startswith("--set: economy.gdp: a bare number is ambiguous for money")


def test_a_regime_added_by_set_is_blamed_on_set_not_on_the_file_lines() -> None:
    """A new regime needs a rate on every line; the file's lines are not at fault (they blamed
    korea-2025-11-mou.yaml:158:5 and four more lines of the file)."""
    new = "tariffs.regimes.new_one={label: New, from: 2026-06-01}"
    result = run("tariff", "korea-2025-11-mou", "--set", new)
    assert (result.exit_code, result.stderr) == (
        1,
        "--set: tariffs.regimes.new_one: a regime added by --set needs a rate on every tariff line, and "
        "autos, parts, other, sec232_other, exempt have none (add each, e.g. --set "
        "tariffs.lines.autos.new_one=15%)\n",
    )
    rates = [f"tariffs.lines.{line}.new_one=20%" for line in ("autos", "parts", "other", "sec232_other")]
    result = run("tariff", "korea-2025-11-mou", "--set", new, *[a for r in rates for a in ("--set", r)])
    assert (result.exit_code, result.stderr) == (
        1,
        "--set: tariffs.regimes.new_one: a regime added by --set needs a rate on every tariff line, and "
        "exempt has none (add each, e.g. --set tariffs.lines.exempt.new_one=15%)\n",
    )
    result = run(
        "tariff", "korea-2025-11-mou", "--set", new, *[a for r in rates for a in ("--set", r)],
        "--set", "tariffs.lines.exempt.new_one=0%", "-f", "json", "--regimes",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    # a line added by --set without the regimes is refused at --set, and nothing blames the file
    result = run(
        "tariff", "korea-2025-11-mou", "--set", "tariffs.lines.new_line={exports: 1 USD bn, mfn: 0%}"
    )
    assert result.exit_code == 1
    assert [ln.split(": ")[0] for ln in result.stderr.splitlines()] == ["--set"] * 2, result.stderr


def test_an_amount_over_1000_usd_tn_is_refused_with_the_fix(write) -> None:  # type: ignore[no-untyped-def]
    """An amount no deal comes near (it printed figures of 30 digits) is a slip of the number or
    its scale: refused in a file, in --set and in --vary, the bound itself accepted."""
    fix = "check the number and its scale (k, mn, bn, tn), e.g. '550 USD bn'\n"
    huge = "1,000,000,000,000,000,000,000,000,000,000 USD bn"
    result = run("burden", "japan-2025-09-mou", "--set", f"pledge.amount={huge}")
    assert (result.exit_code, result.stderr) == (
        1,
        f"--set: pledge.amount: '{huge}' is more than 1,000 USD tn (about ten times world GDP): no deal "
        f"figure is that large; {fix}",
    )
    result = run("burden", "korea-2025-11-mou", "--set", "economy.gdp=2,000,000,000 KRW tn")
    assert (result.exit_code, result.stderr) == (
        1,
        "--set: economy.gdp: '2,000,000,000 KRW tn' converted at economy.fx_rate is more than 1,000 USD "
        f"tn (about ten times world GDP): no deal figure is that large; {fix}",
    )
    name = write(
        "big.yaml",
        "dealcalc: 1\ntitle: Big\ncountry: X\npledge: {amount: 1000.001 USD tn, annual_cap: 500 USD tn,"
        " start: 2025-01-01, deadline: 2029-01-01}\neconomy: {gdp: 2000 USD bn}\n",
    )
    result = run("validate", name)
    assert (result.exit_code, result.stderr) == (
        1,
        "big.yaml:4:10: pledge.amount: '1000.001 USD tn' is more than 1,000 USD tn (about ten times "
        f"world GDP): no deal figure is that large; {fix}",
    )
    at_bound = run("burden", name, "--set", "pledge.amount=1,000 USD tn", "-f", "json")
    assert at_bound.exit_code == 0, at_bound.stderr
    assert json.loads(at_bound.stdout)[0]["pledge_to_gdp"] == 500.0  # 1,000,000 / 2,000
    result = run("sweep", "japan-2025-09-mou", "--vary", "pledge.amount=500 USD bn:2,000 USD tn:500 USD tn")
    assert (result.exit_code, result.stderr) == (
        2,
        "pledge.amount=2,000 USD tn: '2,000 USD tn' is more than 1,000 USD tn (about ten times world GDP): "
        f"no deal figure is that large; {fix}",
    )


def test_a_varied_rate_takes_the_files_own_currency_money_to_its_bounds_as_a_file_would() -> None:
    """Korea writes its GDP as 2,549.1 KRW tn: at 2 KRW per USD that is 1,274,550 USD bn, over
    1,000 USD tn, and a file saying so is refused; at 3, 849,700 USD bn, accepted (Pledge / GDP
    350 / 849,700). A sweep or a simulation that varies the rate takes the same bound: such a
    point has no metrics (it was computed before), on the scalar path and on numpy's (20,000 points or
    more); at 3e9 KRW per USD the GDP is 0.00085 USD bn, under the least divisor (1 USD mn)."""
    assert run("burden", "korea-2025-11-mou", "--set", "economy.fx_rate=2").exit_code == 1
    assert run("burden", "korea-2025-11-mou", "--set", "economy.fx_rate=3").exit_code == 0
    want = [None, None, pytest.approx(350 / (2_549_100 / 3), rel=1e-12)]
    rows = json.loads(
        run("sweep", "korea-2025-11-mou", "--vary", "economy.fx_rate=1:3:1", "-f", "json").stdout
    )
    assert [r["pledge_to_gdp"] for r in rows] == want
    grid = ("--vary", "economy.fx_rate=1:3:1", "--vary", "returns.cash_yield=0%:10%:0.001%")  # 30,003
    result = run("sweep", "korea-2025-11-mou", *grid, "-m", "pledge_to_gdp", "-f", "csv")
    rows = [line.split(",") for line in result.stdout.splitlines()[1:]]
    assert (len(rows), {r[2] == "" for r in rows if r[0] in ("1.0", "2.0")}) == (30_003, {True})
    assert [float(r[2]) for r in rows if r[0] == "3.0"] == [want[2]] * 10_001
    rows = json.loads(
        run("sweep", "korea-2025-11-mou", "--vary", "economy.fx_rate=2e9:3e9:1e9", "-f", "json").stdout
    )
    assert [r["pledge_to_gdp"] for r in rows] == [pytest.approx(350 / (2_549_100 / 2e9), rel=1e-12), None]
    # a rate drawn uniformly from 0.5 to 3 is under 2.5491 (the GDP over the bound) in 82% of runs
    drawn = "uncertainty={economy.fx_rate: {uniform: [0.5, 3]}}"
    for runs in (400, 20_000):
        args = ("simulate", "korea-2025-11-mou", "--set", drawn, "-m", "pledge_to_gdp", "--runs", str(runs))
        [row] = json.loads(run(*args, "-f", "json").stdout)
        assert 0.76 < row["missing"] / runs < 0.88, row
        # Pledge / GDP = 350 × rate / 2,549,100: from 0.00035 (rate 2.5491) to 0.000412 (rate 3)
        assert 350 * 2.5491 / 2_549_100 * (1 - 1e-9) <= row["p5"] <= row["p95"] <= 350 * 3 / 2_549_100


def test_a_denominator_below_1_usd_mn_or_1000_people_is_refused_with_the_fix(write) -> None:  # type: ignore[no-untyped-def]
    """GDP of a hundred dollars made Pledge / GDP print 550,000,000,000,000%: a divisor below the
    least of any economy is a slip, refused in --set and in a file; simulate counts such draws as
    missing, as the validator would refuse them; the least itself is accepted."""
    fix = "check both (e.g. '1,868 USD bn', '51.7 mn')\n"
    result = run("burden", "japan-2025-09-mou", "--set", "economy.gdp=0.0000001 USD bn")
    assert (result.exit_code, result.stderr) == (
        1,
        "--set: economy.gdp: '0.0000001 USD bn' is less than 1 USD mn: a denominator this small is a "
        f"slip of the number or its scale; {fix}",
    )
    result = run("burden", "japan-2025-09-mou", "--set", "economy.population=3")
    assert (result.exit_code, result.stderr) == (
        1,
        "--set: economy.population: the number 3 is less than 1,000 people: a denominator this small is "
        f"a slip of the number or its scale; {fix}",
    )
    name = write(
        "small.yaml",
        "dealcalc: 1\ntitle: Small\ncountry: X\npledge: {amount: 0.55 USD bn, annual_cap: 0.1 USD bn,"
        " start: 2025-01-01, deadline: 2029-01-01}\neconomy: {gdp: 900 USD k}\n",
    )
    result = run("validate", name)
    assert (result.exit_code, result.stderr) == (
        1,
        "small.yaml:5:11: economy.gdp: '900 USD k' is less than 1 USD mn: a denominator this small is a "
        f"slip of the number or its scale; {fix}",
    )
    at_least = run("burden", name, "--set", "economy.gdp=1 USD mn", "-f", "json")
    assert at_least.exit_code == 0, at_least.stderr
    assert json.loads(at_least.stdout)[0]["pledge_to_gdp"] == 550.0  # 0.55 / 0.001
    drawn = write(
        "drawn.yaml",
        "extends: japan-2025-09-mou\nuncertainty:\n  economy.gdp: {normal: [1 USD mn, 1 USD mn]}\n",
    )
    [row] = json.loads(run("simulate", drawn, "-m", "pledge_to_gdp", "--runs", "400", "-f", "json").stdout)
    assert 150 < row["missing"] < 250 and row["runs"] + row["missing"] == 400  # half the draws < 1 USD mn
    assert row["p95"] <= 550 / 0.001  # no figure beyond the one at the least GDP


def test_a_sweep_step_below_the_least_denominator_is_a_step_not_a_slip() -> None:
    """The least GDP, reserves (1 USD mn) and population (1,000) bound a value, not the STEP of
    --vary, which is a distance: a step of 0.5 USD mn or of 500 people sweeps (both were refused
    as 'a denominator this small'). A point below the least is a row without metrics, as a
    zero GDP's is. Minimal: a pledge of 100 USD bn, reserves 200 USD bn."""
    vary = "economy.fx_reserves=200 USD bn:200.001 USD bn:0.0005 USD bn"
    result = run("sweep", "tests/data/minimal.yaml", "--vary", vary, "-m", "pledge_to_reserves", "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [r["economy.fx_reserves"] for r in rows] == pytest.approx([200.0, 200.0005, 200.001], rel=1e-12)
    want = [0.5, 100 / 200.0005, 100 / 200.001]
    assert [r["pledge_to_reserves"] for r in rows] == pytest.approx(want, rel=1e-12)
    vary = "economy.population=500:1.5 k:500"
    metric = "pledge_per_capita_usd"
    result = run("sweep", "tests/data/minimal.yaml", "--vary", vary, "-m", metric, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert [(r["economy.population"], r["pledge_per_capita_usd"]) for r in json.loads(result.stdout)] == [
        (500.0, None),  # below 1,000 people: the file's rules refuse it
        (1000.0, 100e9 / 1000),
        (1500.0, pytest.approx(100e9 / 1500, rel=1e-12)),
    ]


def test_set_without_equals_is_usage_error() -> None:
    result = run("burden", "korea-2025-11-mou", "--set", "pledge.annual_cap")
    assert result.exit_code == 2
    assert result.stderr == (
        "--set 'pledge.annual_cap': expected PATH=VALUE or NAME:PATH=VALUE, e.g. --set "
        "economy.fx_rate=1400 or --set korea-2025-11-mou:economy.fx_rate=1400\n"
    )


def test_inherited_error_names_parent_file(write) -> None:  # type: ignore[no-untyped-def]
    write(
        "parent.yaml",
        "dealcalc: 1\ntitle: P\ncountry: X\npledge: {amount: 100, start: 2025-01-01, "
        "deadline: 2029-01-01}\neconomy: {gdp: 1000 USD bn}\n",
    )
    child = write("child.yaml", "extends: parent.yaml\ntitle: C\n")
    result = run("validate", child)
    assert result.stderr.startswith("parent.yaml:4:10: pledge.amount: a bare number is ambiguous for money")


@pytest.mark.parametrize(
    ("dist", "message"),
    [
        ("{economy.fx_rate: {normal: [5, 5]}}", None),  # mean equal to sd is fine
        (
            "{economy.fx_rate: {triangular: [1300, 1400, 1350]}}",
            "triangular needs lo ≤ mode ≤ hi with lo < hi",
        ),
        ("{economy.fx_rate: {uniform: [1400, 1300]}}", "uniform needs lo < hi"),
        ("{economy.fx_rate: {normal: [1400, 0]}}", "the spread (second value) must be greater than zero"),
        ("{tariffs.elasticity: {normal: [-1.0, 0.3]}}", None),  # a positive sd of a negative field
        ("{economy.fx_rate: {gamma: [1, 2]}}", "unknown distribution"),
        ("{title: {normal: [1, 2]}}", "not a numeric field of the scenario"),
        ("{pledge.annual_cap: {uniform: [10, 20]}}", "a bare number is ambiguous for money"),
    ],
)
def test_uncertainty_entries_are_checked(dist: str, message: str | None) -> None:
    result = run("validate", "tests/data/minimal.yaml", "--set", f"uncertainty={dist}")
    if message is None:
        assert result.exit_code == 0, result.stderr
    else:
        assert result.exit_code == 1
        assert message in result.stderr


def test_a_misspelled_shipped_name_gets_a_suggestion() -> None:
    result = run("burden", "korea-2025-11-mo")
    assert (result.exit_code, result.stderr) == (
        1,
        "korea-2025-11-mo: no such file or shipped scenario (did you mean 'korea-2025-11-mou'?)\n",
    )
