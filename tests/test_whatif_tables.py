"""The text tables of the what-ifs read as they are (DESIGN §4.1, "a unit on every number"): inputs
by their plain names, values in their units, a tornado's bars on their rows' line. Expected text
worked by hand from tests/data/minimal.yaml (a 100 USD bn pledge capped at 10 USD bn a year, GDP
1,000 USD bn)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import MINIMAL as MINIMAL_PATH
from conftest import run

MINIMAL = str(MINIMAL_PATH)


def row(
    name: str, low: str, high: str, swing: str, bar: str = "", name_width: int = 28, swing_width: int = 7
) -> str:
    """A tornado row: the name left-aligned in its column, the numbers right-aligned under their
    headers (input low: 9, input high: 10, Swing: its widest value), then the bar; two spaces
    between."""
    return f" {name:<{name_width}}  {low:>9}  {high:>10}  {swing:>{swing_width}}  {bar}".rstrip()


def test_sensitivity_names_inputs_plainly_with_the_metric_in_its_unit() -> None:
    # years at cap = 100 / 10 = 10; the cap ±10%: 100 / 9 = 11.11, 100 / 11 = 9.09 (swing 2.02);
    # the pledge ±10%: 90 / 10 = 9.00, 110 / 10 = 11.00 (swing 2.00, 0.99 of the widest: 24 of 24).
    # The name column is as wide as its widest name, "tariff on goods — threatened" (28).
    out = run("sensitivity", MINIMAL, "-m", "years_needed_at_cap", "--notes", "none").stdout
    assert out.splitlines()[:9] == [
        "Sensitivity of Years needed at cap (years_needed_at_cap) to each input ±10%: Minimal test deal",
        "",
        " " * 31 + "Metric at   Metric at",
        row("Input", "input low", "input high", "Swing"),
        " " + "─" * (28 + 2 + 9 + 2 + 10 + 2 + 7 + 2 + 24),
        row("annual cap", "11.11 yr", "9.09 yr", "2.02 yr", "█" * 24),
        row("pledge", "9.00 yr", "11.00 yr", "2.00 yr", "█" * 24),
        row("GDP", "10.00 yr", "10.00 yr", "0.00 yr"),
        row("FX reserves", "10.00 yr", "10.00 yr", "0.00 yr"),
    ]
    # the JSON keeps the key paths (--set reads them) and the raw numbers
    rows = json.loads(run("sensitivity", MINIMAL, "-m", "years_needed_at_cap", "-f", "json").stdout)
    assert [r["input"] for r in rows[:2]] == ["pledge.annual_cap", "pledge.amount"]


def test_sensitivity_bars_take_the_room_left_and_names_wrap_at_spaces() -> None:
    # at 64 columns: the name keeps its least width, 20, and the bar gets the rest:
    # 64 - 1 - (20 + 9 + 10 + 7) - 4 gaps of 2 = 9; a name longer than 20 wraps at a space
    out = run("sensitivity", MINIMAL, "-m", "years_needed_at_cap", "--notes", "none", width=64).stdout
    lines = out.splitlines()
    first = lines.index(row("annual cap", "11.11 yr", "9.09 yr", "2.02 yr", "█" * 9, 20))
    assert lines[first + 1] == row("pledge", "9.00 yr", "11.00 yr", "2.00 yr", "█" * 9, 20)
    assert lines[-4:] == [
        row("tariff on goods —", "10.00 yr", "10.00 yr", "0.00 yr", name_width=20),
        " threatened",
        row("tariff on goods —", "10.00 yr", "10.00 yr", "0.00 yr", name_width=20),
        " agreed",
    ]
    assert max(map(len, lines)) <= 64


def test_sensitivity_of_a_share_swings_in_points() -> None:
    # pledge / GDP = 100 / 1,000 = 10.0%; GDP ±10%: 100 / 900 = 11.1%, 100 / 1,100 = 9.1%: 2.0 pp
    out = run("sensitivity", MINIMAL, "-m", "pledge_to_gdp").stdout
    assert row("GDP", "11.1%", "9.1%", "2.0 pp", "█" * 24, swing_width=6) + "\n" in out
    assert "\nPledge / GDP as given: 10.0%; an input at zero does not move, so it shows no swing.\n" in out


def test_sweep_heads_a_varied_input_by_its_name_and_unit() -> None:
    # years at cap = 100 / cap: 20.00 at 5, 10.00 at 10; the cap is a flow, USD bn a year (the
    # header says it as the catalogue's headers do: $bn/yr), its values as the --vary wrote them;
    # a number's column is right-aligned
    vary = "pledge.annual_cap=5 USD bn:10 USD bn:5 USD bn"
    out = run("sweep", MINIMAL, "--vary", vary, "-m", "years_needed_at_cap", "--notes", "none").stdout
    assert out == (
        "Sweep: Minimal test deal\n"
        "\n"
        "                     Years\n"
        " Annual cap $bn/yr  at cap\n"
        " ─────────────────────────\n"
        "                 5   20.00\n"
        "                10   10.00\n"
    )
    rows = json.loads(run("sweep", MINIMAL, "--vary", vary, "-m", "years_needed_at_cap", "-f", "json").stdout)
    assert rows == [
        {"pledge.annual_cap": 5.0, "years_needed_at_cap": 20.0},
        {"pledge.annual_cap": 10.0, "years_needed_at_cap": 10.0},
    ]


def test_a_sweep_grid_writes_money_and_rates_in_their_units() -> None:
    # pledge / GDP = pledge / 1,000; savings = 40 USD bn of exports × (25% threatened − agreed):
    # 40 × 15% = 6.00, 40 × 5% = 2.00 (no elasticity)
    out = run(
        "sweep", MINIMAL,
        "--vary", "pledge.amount=100 USD bn:200 USD bn:100 USD bn",
        "--vary", "tariffs.lines.goods.agreed=10%:20%:10%",
        "-m", "pledge_to_gdp", "-m", "annual_savings_usd_bn", "--notes", "none",
    ).stdout  # fmt: skip
    assert out.splitlines()[2:] == [
        "             Tariff on goods —      %  Savings",
        " Pledge $bn             agreed    GDP   $bn/yr",
        " " + "─" * 45,
        "        100                10%  10.0%     6.00",
        "        100                20%  10.0%     2.00",
        "        200                10%  20.0%     6.00",
        "        200                20%  20.0%     2.00",
    ]


def test_sweep_points_keep_the_decimals_that_tell_them_apart() -> None:
    # 12.5% needs one decimal, so every rate of the column has one; 1,300 keeps its separator
    out = run(
        "sweep", "korea-2025-11-mou",
        "--vary", "economy.fx_rate=1300:1400:100",
        "--vary", "tariffs.lines.autos.agreed=10%:15%:2.5%",
        "-m", "pledge_to_gdp", "--notes", "none",
    ).stdout  # fmt: skip
    cells = [line.split()[:2] for line in out.splitlines()[6:]]
    assert cells == [[fx, rate] for fx in ("1,300", "1,400") for rate in ("10.0%", "12.5%", "15.0%")]


def test_simulate_says_what_it_drew_by_plain_names_in_units() -> None:
    # the draws in the fields' units: money as money (the cap a flow, per year), a rate as a percent
    uncertainty = (
        "uncertainty={economy.gdp: {uniform: [900 USD bn, 1100 USD bn]}, "
        "pledge.annual_cap: {normal: [10 USD bn, 1 USD bn]}, "
        "tariffs.lines.goods.agreed: {triangular: [10%, 15%, 20%]}}"
    )
    out = run("simulate", MINIMAL, "--runs", "20", "-m", "pledge_to_gdp", "--set", uncertainty).stdout
    drawn = out[out.index("Drawn:") : out.index(".\n", out.index("Drawn:")) + 1].replace("\n  ", " ")
    assert drawn == (
        "Drawn: GDP, uniform from $900.0 bn to $1,100.0 bn; annual cap, normal, mean $10.0 bn/yr, "
        "sd $1.00 bn/yr; tariff on goods — agreed, triangular from 10.0% to 20.0%, mode 15.0%."
    )


def test_a_sweep_chart_names_the_varied_inputs_plainly(tmp_path: Path) -> None:
    out = tmp_path / "s.svg"
    result = run(
        "sweep", MINIMAL, "-m", "pledge_to_gdp", "-f", "json", "--chart", str(out),
        "--vary", "pledge.annual_cap=5 USD bn:10 USD bn:5 USD bn",
        "--vary", "economy.gdp=900 USD bn:1000 USD bn:100 USD bn",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    texts = re.findall(r"<!-- (.*?) -->", out.read_text(encoding="utf-8"))  # each line of text drawn
    assert "Annual cap (USD bn per year)" in texts and "GDP (USD bn)" in texts  # the axes
    assert "Pledge / GDP as the annual cap and the GDP vary: Minimal" in texts  # the title's first line
    assert not [t for t in texts if "pledge.annual_cap" in t or "economy.gdp" in t]
    assert set(json.loads(result.stdout)[0]) == {"pledge.annual_cap", "economy.gdp", "pledge_to_gdp"}


def test_diff_writes_each_input_in_its_unit(write) -> None:  # type: ignore[no-untyped-def]
    # the cap is a flow (USD bn a year): 12 − 10 = +2.00; a rate moves in points: 30% − 25% = +5.0 pp
    text = MINIMAL_PATH.read_text(encoding="utf-8")
    a = write("a.yaml", text)
    b = write(
        "b.yaml",
        text.replace("annual_cap: 10 USD bn", "annual_cap: 12 USD bn").replace(
            "threatened: 25%", "threatened: 30%"
        ),
    )
    out = run("diff", a, b, "--notes", "none").stdout
    assert out.split("\n\n")[:2] == [
        "Inputs that differ",
        " Key                                       A            B        Change\n"
        " " + "─" * 70 + "\n"
        " pledge.annual_cap               $10.0 bn/yr  $12.0 bn/yr  +$2.00 bn/yr\n"
        " tariffs.lines.goods.threatened        25.0%        30.0%       +5.0 pp",
    ]


def test_diff_names_a_regime_by_its_label(write) -> None:  # type: ignore[no-untyped-def]
    # the threatened rate 25% → 30% on 40 USD bn of exports: duty 10.0 → 12.0, as in the tariff table
    text = MINIMAL_PATH.read_text(encoding="utf-8").replace(
        "  lines:", "  regimes:\n    threatened: {label: Letter of 2025-07-07}\n  lines:"
    )
    a = write("a.yaml", text)
    b = write("b.yaml", text.replace("threatened: 25%", "threatened: 30%"))
    lines = run("diff", a, b, "--notes", "none").stdout.splitlines()
    assert (
        " Duty under Letter of 2025-07-07 [threatened]" + " " * 17 + "$10.0 bn/yr  $12.0 bn/yr  +$2.00 bn/yr"
        in lines
    )
    assert (
        " Effective rate, Letter of 2025-07-07 [threatened]" + " " * 18 + "25.0%        30.0%       +5.0 pp"
        in lines
    )


def test_sensitivity_of_a_metric_no_input_moves_has_no_bar_column() -> None:
    # deadline − start = 4.00 years whatever the numbers: every swing is zero, so no bar to draw
    # (an empty bar column was 0 wide and crashed the layout, exit 70)
    result = run("sensitivity", MINIMAL, "-m", "years_available", "--notes", "none")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[3] == " Input                         input low  input high    Swing"
    assert lines[5] == row("pledge", "4.00 yr", "4.00 yr", "0.00 yr", name_width=28)


def test_a_swept_rate_keeps_the_form_it_was_written_in() -> None:
    # +5% and +10% on top of an MFN rate of 0%: savings 40 × (25% − 5%) = 8.00, 40 × 15% = 6.00
    vary = "tariffs.lines.goods.agreed=+5%:+10%:+5%"
    out = run("sweep", MINIMAL, "--vary", vary, "-m", "annual_savings_usd_bn", "--notes", "none").stdout
    assert out.splitlines()[-2:] == ["               +5%     8.00", "              +10%     6.00"]
