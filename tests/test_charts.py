"""`--chart FILE`: publication figures (SVG, PNG, PDF) for every chart kind — file types, the
words in the SVG, nothing fetched from the network, same input → same bytes, and the usage errors."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from dealcalc.api import load
from dealcalc.model.vary import numeric_inputs
from dealcalc.render import charts
from dealcalc.shipped import shipped_names
from dealcalc.views.short import input_name

from conftest import DATA, MINIMAL, documentation, run
from golden_cases import GOLDEN, README_CHARTS, chart_svg

MAGIC = {"svg": b"<?xml", "png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}
SOURCE = "Source: dealcalc; scenario minimal (sources listed in the file)"
RETURNS = "returns={cash_yield: 6%, horizon_years: 5, discount_rate: 4%}"
UNCERTAIN = "uncertainty={economy.gdp: {uniform: [900 USD bn, 1100 USD bn]}}"


def _t(**kw: Any) -> dict[str, Any]:
    return {"scenario": "Minimal test deal", "file": "minimal.yaml", **kw}


# Small rows in the shapes `-f json` prints, one set per chart kind.
SIM_ROWS = [{"metric": "pledge_to_gdp", "p5": 0.092, "p50": 0.1, "p95": 0.109, "mean": 0.1}]
TIMELINE_ROWS = [
    {
        "from": "2025-01-01",
        "until": "2025-06-30",
        "regime": "mfn",
        "status": "paid",
        "days": 181,
        "duty_period_usd_bn": 0.0,
        "duty_counterfactual_usd_bn": 5.0,
        "savings_usd_bn": 5.0,
    },
    {
        "from": "2025-07-01",
        "until": "2028-12-31",
        "regime": "agreed",
        "status": "projected",
        "days": 1280,
        "duty_period_usd_bn": 21.0,
        "duty_counterfactual_usd_bn": 35.0,
        "savings_usd_bn": 14.0,
    },
]
KINDS: dict[str, tuple[charts.Plot, str]] = {
    "regimes": (
        charts.regimes_plot([_t(regime="mfn", duty_usd_bn=0.0), _t(regime="agreed", duty_usd_bn=6.0)]),
        "Duty collected per year (USD bn per year)",
    ),
    "timeline": (
        charts.timeline_plot(TIMELINE_ROWS, "without the deal", dt.date(2025, 7, 1)),
        "Duty since the start, cumulative (USD bn)",
    ),
    "outflow": (
        charts.outflow_plot(
            [
                _t(
                    period_start="2025-01-01",
                    period_end="2026-01-01",
                    required_usd_bn=25.0,
                    capped_usd_bn=10.0,
                ),
                _t(
                    period_start="2026-01-01",
                    period_end="2027-01-01",
                    required_usd_bn=25.0,
                    capped_usd_bn=10.0,
                ),
            ],
            dt.date(2026, 7, 1),
        ),
        "Payment per 12-month period (USD bn)",
    ),
    "compare": (
        charts.compare_plot(
            [_t(pledge_to_gdp=0.1), _t(file="other.yaml", pledge_to_gdp=None)], "pledge_to_gdp"
        ),
        "Pledge / GDP (%)",
    ),
    "tornado": (
        charts.tornado_plot(
            [
                {
                    "input": "economy.gdp",
                    "metric": "pledge_to_gdp",
                    "metric_base": 0.1,
                    "metric_low": 0.111,
                    "metric_high": 0.0909,
                    "swing": 0.0202,
                },
                {
                    "input": "trade.imports_from_partner",
                    "metric": "pledge_to_gdp",
                    "metric_base": 0.1,
                    "metric_low": 0.1,
                    "metric_high": 0.1,
                    "swing": 0.0,
                },
            ],
            0.1,
        ),
        "Pledge / GDP (%)",
    ),
    "sweep-line": (
        charts.sweep_plot(
            [{"pledge.annual_cap": c, "years_needed_at_cap": 100 / c} for c in (10.0, 20.0)],
            [("pledge.annual_cap", "usd_bn")],
            "years_needed_at_cap",
        ),
        "pledge.annual_cap (USD bn)",
    ),
    "sweep-heat": (
        charts.sweep_plot(
            [
                {"economy.gdp": g, "pledge.amount": a, "pledge_to_gdp": a / g}
                for g in (900.0, 1000.0)
                for a in (100.0, 200.0)
            ],
            [("economy.gdp", "usd_bn"), ("pledge.amount", "usd_bn")],
            "pledge_to_gdp",
        ),
        "Pledge / GDP (%)",
    ),
    "simulate": (
        charts.simulate_plot(SIM_ROWS, {"pledge_to_gdp": [0.09 + i / 5000 for i in range(100)]}),
        "Runs (count)",
    ),
    "balance": (
        charts.balance_plot(
            {
                "pledger_tariff_gain_pv_usd_bn": 10.0,
                "capital_pv_usd_bn": 50.0,
                "pledger_receipts_pv_usd_bn": 20.0,
                "pledger_net_pv_usd_bn": -20.0,
                "us_duty_forgone_pv_usd_bn": 40.0,
                "us_buyers_gain_pv_usd_bn": 30.0,
                "us_receipts_pv_usd_bn": 20.0,
                "us_net_pv_usd_bn": 10.0,
            },
            "Testland",
            "United States",
        ),
        "Present value at the start (USD bn)",
    ),
    "receipts": (
        charts.receipts_plot([{"year": y, "pledger_usd_bn": 5.0, "partner_usd_bn": 5.0} for y in range(3)]),
        "Receipts since the start, cumulative (USD bn)",
    ),
}
FRAME = charts.Frame(
    "A chart: Minimal test deal", ["tests/data/minimal.yaml"], ["Changed by --set: x = 1 (file: 2)"]
)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_chart_kind_in_every_format(kind: str) -> None:
    plot, unit_label = KINDS[kind]
    for fmt in charts.FORMATS:
        data = charts.to_bytes(plot, FRAME, fmt)
        assert data.startswith(MAGIC[fmt]), (kind, fmt, data[:10])
        if fmt == "svg":
            svg = data.decode("utf-8")
            root = ET.fromstring(data)  # well-formed
            ns = {"s": "http://www.w3.org/2000/svg"}
            assert root.findtext("s:title", namespaces=ns) == "A chart: Minimal test deal"
            desc = root.findtext("s:desc", namespaces=ns) or ""
            assert unit_label in desc.splitlines()
            assert SOURCE in desc.splitlines() and "Changed by --set: x = 1 (file: 2)" in desc
            _assert_offline(svg)


def _assert_offline(svg: str) -> None:
    """Nothing in the SVG points outside it: no DOCTYPE (a parser may fetch its DTD), every
    link is to an id inside the file, and no address at all remains once the two XML namespace
    names (identifiers that are never fetched) are taken out."""
    assert "<!DOCTYPE" not in svg
    assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', svg))
    assert all(u.startswith("#") for u in re.findall(r"url\(([^)]*)\)", svg))
    assert "@import" not in svg and "@font-face" not in svg
    bare = svg.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        'xmlns:xlink="http://www.w3.org/1999/xlink"', ""
    )
    assert "http" not in bare and "//" not in bare


def test_timeline_draws_paid_solid_projected_dashed_and_marks_the_as_of_date() -> None:
    def svg(rows: list[dict[str, Any]], as_of: dt.date | None) -> str:
        return charts.to_bytes(charts.timeline_plot(rows, "without the deal", as_of), FRAME, "svg").decode()

    split = svg(TIMELINE_ROWS, dt.date(2025, 7, 1))
    assert "<!-- as of 2025-07-01: paid ← → projected -->" in split
    # the projected stretch of both lines (in force, without the deal) is dashed
    assert split.count("stroke-dasharray") >= 2
    paid_only = [{**r, "status": "paid"} for r in TIMELINE_ROWS]
    solid = svg(paid_only, dt.date(2029, 1, 1))
    assert "as of" not in solid
    # only the dotted line of the change of regime is left dashed: fewer dashes than with projected days
    assert solid.count("stroke-dasharray") < split.count("stroke-dasharray")


def test_dollars_in_notes_are_money_not_math() -> None:
    frame = FRAME._replace(notes=["Exempt: the rest of $131.5bn (chips ≈ $10.2bn)"])
    svg = charts.to_bytes(KINDS["regimes"][0], frame, "svg").decode("utf-8")
    # drawn as text, each glyph a DejaVu Sans one: mathtext would switch to its italic font
    assert "<!-- Exempt: the rest of $131.5bn (chips ≈ $10.2bn) -->" in svg
    assert "DejaVuSans-Oblique" not in svg


def test_source_line_names_every_file() -> None:
    assert charts.source_line(["scenarios/korea-2025-11-mou.yaml"]) == (
        "Source: dealcalc; scenario korea-2025-11-mou (sources listed in the file)"
    )
    assert charts.source_line(["a.yaml", "b.yaml"]) == (
        "Source: dealcalc; scenarios a, b (sources listed in the files)"
    )


def test_a_missing_regime_is_no_bar_and_is_explained() -> None:
    rows = [_t(regime="mfn", duty_usd_bn=0.0), _t(regime="agreed", duty_usd_bn=6.0)]
    assert charts.regime_notes(rows) == []
    rows.append(_t(file="other.yaml", regime="mfn", duty_usd_bn=1.0))  # other.yaml has no `agreed`
    assert charts.regime_notes(rows) == ["—: the scenario has no such regime."]


def test_heat_grid_keeps_zeros_and_marks_gaps() -> None:
    rows: list[dict[str, Any]] = [
        {"a": 1.0, "b": 10.0, "m": 0.0},
        {"a": 1.0, "b": 20.0, "m": 2.0},
        {"a": 2.0, "b": 10.0, "m": None},  # no value at this point
        {"a": 2.0, "b": 20.0, "m": 4.0},
    ]
    xs, ys, grid = charts.heat_grid(rows, "a", "b", "m")
    assert (xs, ys) == ([1.0, 2.0], [10.0, 20.0])
    assert grid[0][0] == 0.0 and math.isnan(grid[0][1])  # a zero stays a zero
    assert grid[1] == [2.0, 4.0]


def test_tornado_says_what_it_leaves_out() -> None:
    rows = [{"input": f"i{n}", "swing": float(n)} for n in range(14)]  # i0 has no swing
    assert charts.tornado_notes(rows) == [
        "The 12 inputs with the largest swing of 13 that move it.",
        "1 inputs that do not move it are not drawn.",
    ]


def test_input_names_are_plain_and_tell_inputs_apart() -> None:
    s = load("korea-2025-11-mou")
    assert [
        input_name(s, p)
        for p in (
            "tariffs.lines.autos.threatened",
            "tariffs.lines.autos.agreed",
            "tariffs.lines.autos.mfn",
            "tariffs.lines.other.exports",
            "pledge.tranches.1.amount",
            "pledge.profit_split.1.pledger",
            "trade.exports_to_partner",
        )
    ] == [
        "tariff on autos — 25% (Apr 2 and the July letter)",  # the regime's label, as tariff --regimes
        "tariff on autos — MOU rates: 15% all-in, autos 15%",
        "tariff on autos — MFN",
        "exports of goods under the reciprocal tariff",  # an amount (USD bn a year), not a share
        "amount of the shipbuilding tranche",
        "pledger's profit share, tier 2",
        "exports to the partner",
    ]
    for name in shipped_names():  # every input a tornado of a shipped file can show has its own name
        s = load(name)
        names = [input_name(s, p) for p in numeric_inputs(s)]
        assert len(set(names)) == len(names), name


def test_tornado_bars_are_labelled_by_name_and_the_json_keeps_key_paths(tmp_path: Path) -> None:
    out = tmp_path / "t.svg"
    args = ["sensitivity", "korea-2025-11-mou", "-m", "pledge_to_annual_savings", "-f", "json"]
    result = run(*args, "--chart", str(out))
    assert result.exit_code == 0, result.stderr
    texts = re.findall(r"<!-- (.*?) -->", out.read_text(encoding="utf-8"))  # each line of text drawn
    assert texts[texts.index("tariff on autos — 25% (Apr 2") + 1] == "and the July letter)"  # wrapped
    assert "amount of the cash tranche" in texts
    assert not [t for t in texts if "tariffs.lines" in t or "pledge.tranches" in t]
    assert json.loads(result.stdout)[0]["input"] == "tariffs.lines.other.threatened"


# --- the command line -----------------------------------------------------------------------------
CLI_CASES = {
    "timeline": ["tariff", str(DATA / "timeline.yaml"), "--timeline"],
    "tariff": ["tariff", str(MINIMAL)],
    "outflow": ["outflow", str(MINIMAL), "--schedule"],
    "returns": ["returns", str(MINIMAL), "--schedule", "--set", RETURNS],
    "compare": ["compare", str(MINIMAL)],
    "sensitivity": ["sensitivity", str(MINIMAL), "-m", "pledge_to_gdp"],
    "sweep": [
        "sweep",
        str(MINIMAL),
        "-m",
        "years_needed_at_cap",
        "--vary",
        "pledge.annual_cap=10 USD bn:20 USD bn:5 USD bn",
    ],
    "simulate": ["simulate", str(MINIMAL), "-n", "200", "-m", "pledge_to_gdp", "--set", UNCERTAIN],
    "balance": ["balance", str(DATA / "balance.yaml")],
}
TITLES = {
    "timeline": "Duty over time, against the duty without the deal: Timeline test deal",
    "tariff": "Duty per year under each tariff regime: Minimal test deal",
    "outflow": "Payments needed per 12-month period vs what the caps allow: Minimal test deal",
    "returns": "What each side receives, year by year, cumulative: Minimal test deal",
    "compare": "Pledge / GDP, by deal",
    "sensitivity": "What moves Pledge / GDP: each input 10% lower and higher, Minimal test deal",
    "sweep": "Years needed at cap as the annual cap varies: Minimal test deal",
    "simulate": "Simulation, 200 runs (seed 0): Minimal test deal",
    "balance": "Who gains from the deal, in present value: Testland and the United States",
}


@pytest.mark.parametrize("command", sorted(CLI_CASES))
def test_each_command_draws_its_chart(command: str, tmp_path: Path) -> None:
    out = tmp_path / "a.svg"
    result = run(*CLI_CASES[command], "-f", "json", "--chart", str(out))
    assert (result.exit_code, result.stderr) == (0, f"wrote {out}\n")
    root = ET.fromstring(out.read_bytes())
    assert root.findtext("{http://www.w3.org/2000/svg}title") == TITLES[command]
    source = SOURCE.replace("minimal", Path(CLI_CASES[command][1]).stem)
    assert source in (root.findtext("{http://www.w3.org/2000/svg}desc") or "").splitlines()


@pytest.mark.parametrize("command", ["simulate"])  # seeded draws: the likeliest to differ
def test_same_command_twice_gives_the_same_bytes(command: str, tmp_path: Path) -> None:
    for out in (tmp_path / "a.svg", tmp_path / "b.svg"):
        assert run(*CLI_CASES[command], "--chart", str(out)).exit_code == 0
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


def test_chart_leaves_the_json_unchanged(tmp_path: Path) -> None:
    args = CLI_CASES["simulate"]
    plain = run(*args, "-f", "json")
    drawn = run(*args, "-f", "json", "--chart", str(tmp_path / "s.png"))
    assert drawn.stdout == plain.stdout and drawn.exit_code == 0
    assert (tmp_path / "s.png").read_bytes().startswith(MAGIC["png"])


def test_override_and_marks_carried_into_the_foot(tmp_path: Path) -> None:
    out = tmp_path / "o.svg"
    run("outflow", str(MINIMAL), "--schedule", "--set", "pledge.annual_cap=20 USD bn", "--chart", str(out))
    desc = ET.fromstring(out.read_bytes()).findtext("{http://www.w3.org/2000/svg}desc") or ""
    assert "Changed by --set: pledge.annual_cap = 20 USD bn (file: 10 USD bn)" in desc.splitlines()
    assert "Source: dealcalc; scenario minimal (sources listed in the file)" in desc.splitlines()
    assert not any(line.startswith("Sources") for line in desc.splitlines())
    out = tmp_path / "c.svg"
    run(
        "compare",
        str(MINIMAL),
        "--set",
        "pledge.annual_cap=20 USD bn",
        "-m",
        "pace_to_cap",
        "--chart",
        str(out),
    )
    root = ET.fromstring(out.read_bytes())
    assert root.findtext("{http://www.w3.org/2000/svg}title") == "Capped part: pace / cap, by deal"
    desc = root.findtext("{http://www.w3.org/2000/svg}desc") or ""
    assert "Capped part: pace / cap (times)" in desc.splitlines()
    assert "s: changed by --set." in desc.splitlines()
    # the bar's name (country, start: no as-of date) carries the row's marks: s (changed by --set),
    # p (its lines cover 80% of exports)
    assert "<!-- Testland, Jan 2025 (sp) -->" in out.read_text(encoding="utf-8")


def test_compare_chart_needs_a_number_first(tmp_path: Path) -> None:
    result = run("compare", str(MINIMAL), "-m", "completion_date_at_cap", "--chart", str(tmp_path / "c.svg"))
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "--chart: compare draws the first -m KEY as bars, and completion_date_at_cap is not a number; "
        "put a numeric key first (dealcalc metrics lists them)\n",
    )


CHARTED = (
    "tariff (and tariff --timeline), outflow --schedule, compare, sensitivity, sweep, simulate, "
    "returns --schedule and balance"
)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["burden", str(MINIMAL)], f"--chart: burden has no chart; charts are drawn by {CHARTED}"),
        (
            ["outflow", str(MINIMAL)],
            f"--chart: outflow without --schedule has no chart; charts are drawn by {CHARTED}",
        ),
        (["diff", str(MINIMAL), str(MINIMAL)], f"--chart: diff has no chart; charts are drawn by {CHARTED}"),
        (
            ["tariff", str(DATA / "timeline.yaml"), str(DATA / "timeline.yaml"), "--timeline"],
            "--chart: tariff --timeline draws one scenario; give one SCENARIO (or leave out --chart)",
        ),
        (
            ["outflow", str(MINIMAL), str(MINIMAL), "--schedule"],
            "--chart: outflow --schedule draws one scenario; give one SCENARIO (or leave out --chart)",
        ),
        (
            ["balance", str(DATA / "balance.yaml"), str(DATA / "balance.yaml")],
            "--chart: balance draws one scenario; give one SCENARIO (or leave out --chart)",
        ),
        (
            [
                "sweep",
                str(MINIMAL),
                *(f"--vary=pledge.{k}=1 USD bn:2 USD bn:1 USD bn" for k in ("amount", "annual_cap")),
                "--vary",
                "economy.gdp=900 USD bn:1000 USD bn:100 USD bn",
            ],
            "--chart: a sweep is drawn over one or two --vary fields, not 3",
        ),
    ],
)
def test_views_without_a_chart(args: list[str], message: str, tmp_path: Path) -> None:
    out = tmp_path / "c.svg"
    result = run(*args, "--chart", str(out))
    assert (result.exit_code, result.stderr, result.stdout) == (2, message + "\n", "")
    assert list(tmp_path.iterdir()) == []


def test_unknown_extension(tmp_path: Path) -> None:
    result = run("tariff", str(MINIMAL), "--chart", str(tmp_path / "c.gif"))
    assert (result.exit_code, result.stderr) == (
        2,
        f"--chart {tmp_path / 'c.gif'}: unknown chart format .gif; name a .svg, .png or .pdf file\n",
    )
    result = run("tariff", str(MINIMAL), "--chart", str(tmp_path / "chart"))
    assert result.stderr.endswith("unknown chart format (no extension); name a .svg, .png or .pdf file\n")


def test_existing_chart_needs_force_before_any_output(tmp_path: Path) -> None:
    out = tmp_path / "c.pdf"
    out.write_bytes(b"mine")
    result = run("tariff", str(MINIMAL), "--chart", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"--chart {out}: file exists; pass --force to replace it\n",
    )
    assert out.read_bytes() == b"mine"
    assert run("tariff", str(MINIMAL), "--chart", str(out), "--force").exit_code == 0
    assert out.read_bytes().startswith(MAGIC["pdf"])


def test_without_matplotlib(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` now fails
    result = run("tariff", str(MINIMAL), "--chart", str(tmp_path / "c.svg"))
    assert (result.exit_code, result.stderr) == (
        2,
        "--chart needs matplotlib; install it with: pip install 'dealcalc[charts]'\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_failed_run_writes_no_chart(tmp_path: Path) -> None:
    out = tmp_path / "r.svg"
    result = run("returns", str(MINIMAL), "--schedule", "--chart", str(out))  # no returns: block
    assert result.exit_code == 1 and not out.exists()
    result = run("compare", str(MINIMAL), str(tmp_path / "missing.yaml"), "--chart", str(out))
    assert result.exit_code == 1 and list(tmp_path.iterdir()) == []


def test_matplotlib_is_imported_only_for_a_chart() -> None:
    code = (
        "import sys\n"
        "from dealcalc.cli import app\n"
        "try:\n"
        f"    app(['tariff', {str(MINIMAL)!r}, '-f', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write(str('matplotlib' in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr == "False"


@pytest.mark.parametrize("name", sorted(README_CHARTS))
def test_readme_charts_are_current(name: str) -> None:
    """The figures the README shows are what their commands draw today (regenerate them with
    `python tests/golden_cases.py` when the output changes on purpose)."""
    assert chart_svg(README_CHARTS[name]) == (GOLDEN / name).read_bytes()
    readme = documentation()
    command = " ".join(["dealcalc", *README_CHARTS[name], "--chart", f"tests/golden/{name}"])
    assert command in readme.splitlines()  # the README says how it was made
    assert f"tests/golden/{name})" in readme  # and shows it (docs/ link with ../)


def test_help_offers_chart_only_where_there_is_one() -> None:
    assert "--chart FILE" in run("tariff", "--help").stdout
    for command in ("burden", "calls", "report", "diff"):
        assert "--chart" not in run(command, "--help").stdout


def test_chart_and_output_onto_one_file(tmp_path: Path) -> None:
    out = tmp_path / "x.svg"
    result = run("tariff", str(MINIMAL), "-o", str(out), "--chart", str(out), "--force")
    assert (result.exit_code, result.stderr) == (
        2,
        f"--chart {out}: --output names the same file; name another\n",
    )
    assert list(tmp_path.iterdir()) == []


def test_png_and_pdf_are_the_same_bytes_twice() -> None:
    plot = KINDS["regimes"][0]
    for fmt in ("png", "pdf"):
        assert charts.to_bytes(plot, FRAME, fmt) == charts.to_bytes(plot, FRAME, fmt)
