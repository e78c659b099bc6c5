"""Seeing it: report, charts, --explain, --svg, Markdown, `new`, colour."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dealcalc import commands, load_scenario, views
from dealcalc.blocks import Chart
from dealcalc.model.outflow import compute_schedule
from dealcalc.render import chart_lines
from dealcalc.render.layout import print_tables

from conftest import MINIMAL, run
from golden_cases import GOLDEN, REPORT_SCENARIO, REPORT_SVG, REPORT_WIDTHS, report_svg, report_text


@pytest.mark.parametrize("width", REPORT_WIDTHS)
def test_report_text_at_fixed_width(width: int) -> None:
    expected = (GOLDEN / f"report-{REPORT_SCENARIO}-{width}.txt").read_text(encoding="utf-8")
    assert report_text(width) == expected
    # tables and charts fit; only notes (one line each, URLs unbroken) may be longer
    body = expected.split("About this scenario")[0]
    assert max(len(line) for line in body.splitlines()) <= width


def test_report_command_matches_the_golden_text() -> None:
    result = run("report", REPORT_SCENARIO, width=80)
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / f"report-{REPORT_SCENARIO}-80.txt").read_text(encoding="utf-8")


def test_svg_regenerates_identically(tmp_path: Path) -> None:
    assert report_svg() == REPORT_SVG.read_text(encoding="utf-8")
    out = tmp_path / "r.svg"
    result = run("report", REPORT_SCENARIO, "--svg", str(out), "-f", "json", width=100)
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == REPORT_SVG.read_text(encoding="utf-8")
    assert json.loads(result.stdout)[0] == {"section": "burden", "key": "pledge_usd_bn", "value": 350.0}


def test_svg_refuses_to_replace_without_force(tmp_path: Path) -> None:
    out = tmp_path / "b.svg"
    out.write_text("keep", encoding="utf-8")
    result = run("burden", str(MINIMAL), "--svg", str(out))
    assert (result.exit_code, out.read_text(encoding="utf-8")) == (2, "keep")
    assert run("burden", str(MINIMAL), "--svg", str(out), "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<svg")


def test_report_sections_follow_the_inputs() -> None:
    korea = [b.title for b in commands.report("korea-2025-11-mou").views()]
    assert korea[:5] == [
        "Burden of the pledge",
        "Outflow under the annual caps",
        "Outflow per 12-month period, required vs capped: Korea–US investment MOU (Nov 2025)",
        "Tariff outcomes",
        "Duty per year under each regime: Korea–US investment MOU (Nov 2025)",
    ]
    eu = [b.title for b in commands.report("eu-2025-08-joint-statement").views()]
    assert "Tariff outcomes" in eu  # tariff lines, but no projects
    assert not any(t.startswith(("Capital calls", "Returns")) for t in eu)
    japan = [b.title for b in commands.report("japan-2025-09-mou", explain=True).views()]
    assert "Capital calls" in japan and "How each figure is computed" in japan


def test_chart_bars_scale_to_the_largest() -> None:
    chart = Chart("c", ["a", "b"], [("x", [10.0, 5.0]), ("y", [2.5, 0.0])], "usd_bn")
    lines = ["".join(t for t, _ in line) for line in chart_lines(chart, 40)]
    bar_w = 40 - 1 - 1 - 2 - 1 - 2 - 1 - len("$10.0 bn")
    assert lines[0] == f" x  a  {'█' * bar_w} $10.0 bn"
    assert lines[1] == f"    b  {'█' * (bar_w // 2)} $5.00 bn"
    assert lines[2].startswith(f" y  a  {'█' * (bar_w // 4)}")
    assert lines[3] == "    b   $0.00 bn"


def test_explain_shows_formula_numbers_and_sources() -> None:
    rows = json.loads(run("burden", "korea-2025-11-mou", "--explain", "-f", "json").stdout)
    by = {r["metric"]: r for r in rows}
    assert by["pledge_to_gdp"]["formula"] == "P / gdp"
    assert by["pledge_to_gdp"]["computation"] == "350.00 USD bn / 1,868.87 USD bn = 18.7%"
    assert by["pledge_to_gdp"]["sources"] == ["fact-sheet", "chosun-mou", "bok-gdp", "yonhap-fx"]
    assert by["surplus_years"]["computation"] == "350.00 USD bn / 66.00 USD bn a year = 5.30 yr"
    rows = json.loads(run("outflow", "korea-2025-11-mou", "--explain", "-f", "json").stdout)
    years = next(r for r in rows if r["metric"] == "years_needed_at_cap")
    assert years["computation"] == (
        "max(cash 200.00 USD bn / 20.00 USD bn, shipbuilding uncapped: Y = 3.181 yr) = 10.00 yr"
    )
    assert years["arithmetic"] == "max(200.0 / 20.0, (1162/365.25))"
    table = run("outflow", "korea-2025-11-mou", "--explain", width=120).stdout
    assert "How each figure is computed" in table
    assert (
        " Years needed at cap           max over tranches of amount / cap (uncapped: Y) = max(cash" in table
    )


@pytest.mark.parametrize("command", ["burden", "outflow", "tariff", "compare", "report"])
def test_every_results_command_explains(command: str) -> None:
    result = run(command, str(MINIMAL), "--explain")
    assert result.exit_code == 0
    assert "How each figure is computed" in result.stdout


def test_explain_tariff_with_from_and_to() -> None:
    rows = json.loads(run("tariff", str(MINIMAL), "--explain", "--from", "mfn", "-f", "json").stdout)
    savings = next(r for r in rows if r["metric"] == "annual_savings_usd_bn")
    assert savings["computation"] == "0.00 USD bn − 6.00 USD bn = -$6.00 bn/yr"


def test_markdown_puts_charts_in_code_blocks() -> None:
    text = run("report", "korea-2025-11-mou", "-f", "markdown").stdout
    assert "### Duty per year under each regime: Korea–US investment MOU (Nov 2025)\n\n```\n mfn " in text
    assert "| Pledge / GDP | 18.7% |" in text


def test_new_skeleton_is_refused_until_filled_in(tmp_path: Path) -> None:
    out = tmp_path / "vn.yaml"
    assert run("new", "Vietnam", "-o", str(out)).exit_code == 0
    result = run("validate", str(out))
    assert result.exit_code == 1
    problems = result.stderr.splitlines()
    assert len(problems) == 13
    assert all("placeholder" in p and "is not filled in; replace it" in p for p in problems)
    assert (
        problems[0] == f"{out}:6:1: title: placeholder '<title, e.g. Vietnam–US investment MOU (Nov 2025)>' "
        "is not filled in; replace it"
    )
    text = out.read_text(encoding="utf-8")
    for placeholder, value in [
        ('"<title, e.g. Vietnam–US investment MOU (Nov 2025)>"', "Vietnam test"),
        ('"<date the scenario describes, YYYY-MM-DD>"', "2025-10-26"),
        ('"<one paragraph: what was pledged, against which tariff cut>"', "A test."),
        ('"<title of the document>"', "Joint statement"),
        ('"<publisher>"', "White House"),
        ('"<YYYY-MM-DD>"', "2025-10-26"),
        ('"<https://…>"', "https://example.org"),
        ('"<amount, e.g. 350 USD bn>"', '"8 USD bn"'),
        ('start: "<date, YYYY-MM-DD>"', "start: 2025-10-26"),
        ('deadline: "<date, YYYY-MM-DD>"', "deadline: 2029-01-19"),
        ('"<GDP, e.g. 1,868 USD bn>"', '"476 USD bn"'),
        ('"<surplus, e.g. 66.0 USD bn>"', "123.5 USD bn"),
        ('"<exports, e.g. 34.7 USD bn>"', "10 USD bn"),
    ]:
        assert placeholder in text
        text = text.replace(placeholder, value)
    out.write_text(text, encoding="utf-8")
    assert run("validate", str(out)).exit_code == 0


def test_colour_follows_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    s = load_scenario(str(MINIMAL))
    blocks = [views.outflow_chart(s, compute_schedule(s))]  # bars in colour
    monkeypatch.setenv("FORCE_COLOR", "1")
    for no_color, coloured in (("1", False), ("", True)):
        monkeypatch.setenv("NO_COLOR", no_color)
        buf = io.StringIO()
        monkeypatch.setattr("sys.stdout", buf)
        print_tables(blocks)
        assert ("\x1b[36m" in buf.getvalue()) is coloured  # cyan: the first series
