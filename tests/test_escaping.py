"""DESIGN §4.1: text from a file never reaches a terminal, a spreadsheet or a browser raw. A file
whose every text field holds a spreadsheet formula, an HTML tag, a Markdown link, a newline, ESC
(CSI and OSC), a C1 control and a right-to-left override goes through every command and format,
`validate` and `--chart`; nothing comes out raw."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dealcalc.render import escape_controls, escape_field, escape_markdown, xml_text

from conftest import run

# a formula, a tag, a link, a cell break, a newline, CSI, OSC (ended by BEL), C1 CSI, RLO
EVIL = r"=cmd <script>x</script> [l](u) | \n \x1b[31m \x1b]0;t\x07 \x9b \u202e"
KEY = r"k=1 <b> \n \x1b[2J \x9b \u202e"  # a source id: any text
# what must never come out: C0 controls but newline, DEL, C1, bidirectional controls, separators
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")

SCENARIO = f"""dealcalc: 1
title: "T {EVIL}"
country: "C {EVIL}"
partner: "P {EVIL}"
description: "D {EVIL}"
as_of: 2026-01-01
notes: ["N {EVIL}"]
caveats: ["V {EVIL}"]
sources:
  "{KEY}": {{title: "S {EVIL}", publisher: "Pub {EVIL}", date: "2025 {EVIL}", url: "https://x.example/{EVIL}"}}
pledge:
  tranches:
    - {{name: "Tr {EVIL}", amount: {{value: 60 USD bn, source: "{KEY}", note: "FN {EVIL}", assumption: true}},
       annual_cap: 10 USD bn, note: "TN {EVIL}"}}
    - {{name: "U {EVIL}", amount: 40 USD bn}}
  start: 2025-01-01
  deadline: 2029-01-01
  funding_window: 45 days
  instruments: {{equity: 50%, loans: 50%}}
  profit_split:
    - {{pledger: 50%, until: recovered, deemed_interest: 4%}}
    - {{pledger: 10%}}
economy:
  gdp: {{value: 1000 USD bn, note: "G {EVIL}", assumption: true}}
  fx_reserves: 200 USD bn
  reserve_income: 8 USD bn
  population: 50000000
trade:
  exports_to_partner: 50 USD bn
  imports_from_partner: 30 USD bn
tariffs:
  regimes:
    threatened: {{label: "RT {EVIL}", note: "RN {EVIL}"}}
    pre_deal: {{label: "RP {EVIL}", from: 2025-01-01, until: 2025-06-30}}
    later: {{label: "RL {EVIL}", from: 2025-07-01, source: "{KEY}"}}
    agreed: {{label: "RA {EVIL}"}}
  lines:
    "{KEY}": {{exports: {{value: 40 USD bn, assumption: true, note: "LN {EVIL}"}}, mfn: 0%, threatened: 25%,
              pre_deal: +10%, later: 20%, agreed: 15%}}
returns: {{cash_yield: 6%, horizon_years: 20, discount_rate: 4%}}
projects:
  - {{name: "PR {EVIL}", amount: 10 USD bn, called: 2025-07-02, sector: "SE {EVIL}", note: "PN {EVIL}",
     tranche: "Tr {EVIL}"}}
  - {{name: "PI {EVIL}", amount: 5 USD bn, called: 2025-03-01, status: interest}}
uncertainty:
  economy.gdp: {{normal: [1000 USD bn, 50 USD bn]}}
"""

COMMANDS = [
    ["burden"],
    ["outflow"],
    ["outflow", "--schedule"],
    ["tariff"],
    ["tariff", "--lines"],
    ["tariff", "--regimes"],
    ["tariff", "--timeline"],
    ["returns"],
    ["returns", "--schedule"],
    ["calls"],
    ["calls", "--schedule"],
    ["compare"],
    ["report"],
    ["sensitivity", "-m", "pledge_to_gdp"],
    ["simulate", "--runs", "50"],
    ["sweep", "--vary", "economy.gdp=900 USD bn:1100 USD bn:100 USD bn"],
]
CHARTS = [c for c in COMMANDS if c[0] not in ("burden", "calls", "report")]
CHARTS = [c for c in CHARTS if c not in (["outflow"], ["returns"], ["tariff", "--lines"])]


@pytest.fixture
def evil(write) -> str:  # type: ignore[no-untyped-def]
    name: str = write("evil.yaml", SCENARIO)
    return name


def test_the_escapes() -> None:
    text = "=a <b>\n\x1b]0;t\x07\x9b\u202e[x]|\t\\"
    assert escape_controls(text) == "=a <b>\n\\x1b]0;t\\x07\\x9b\\u202e[x]|\t\\"
    assert escape_field(text) == "=a <b>\\n\\x1b]0;t\\x07\\x9b\\u202e[x]|\\t\\"
    assert escape_markdown(text) == "=a \\<b\\>\\\\n\\\\x1b\\]0;t\\\\x07\\\\x9b\\\\u202e\\[x\\]\\|\\\\t\\\\"
    assert xml_text(text) == "=a &lt;b&gt;\\n\\x1b]0;t\\x07\\x9b\\u202e[x]|\\t\\"


def _clean(text: str, what: str) -> None:
    raw = RAW.search(text)
    assert raw is None, f"{what}: raw {raw.group()!r} in …{text[max(0, raw.start() - 60) : raw.end() + 20]!r}"


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_nothing_raw_in_any_format(evil: str, args: list[str]) -> None:
    for fmt in ("table", "markdown", "csv", "json"):
        out = run(args[0], evil, *args[1:], "-f", fmt)
        assert out.exit_code == 0, (fmt, out.stderr)
        what = f"{' '.join(args)} -f {fmt}"
        _clean(out.stderr, what)
        if fmt == "csv":
            for row in csv.reader(io.StringIO(out.stdout)):
                for cell in row:
                    _clean(cell.replace("\n", ""), what)  # a newline inside a quoted cell is CSV
                    if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
                        float(cell)  # only a number (-1.5) may start so; text gets a leading '
            continue
        _clean(out.stdout, what)
        if fmt == "json":
            json.loads(out.stdout)
            if args[0] not in ("report", "sensitivity", "simulate", "sweep"):  # rows without text
                assert "\\u202e" in out.stdout  # escaped, not dropped
        elif fmt == "markdown":
            assert not re.search(r"(?<!\\)[<>\[\]]", out.stdout.replace("\\\\", "")), what
            for line in out.stdout.splitlines():
                if line.startswith("| "):  # a table row: no cell break from a file
                    header = out.stdout.splitlines()[out.stdout.splitlines().index(line)]
                    assert len(re.findall(r"(?<!\\)\|", line.replace("\\\\", ""))) == len(
                        re.findall(r"(?<!\\)\|", header.replace("\\\\", ""))
                    )
        else:
            assert "\\x1b[31m" in out.stdout or args[0] in ("sensitivity", "simulate", "sweep"), what


def test_a_csv_cell_from_a_file_cannot_run_as_a_formula() -> None:
    out = run(
        "compare",
        "korea-2025-11-mou",
        "-f",
        "csv",
        "--set",
        "title==HYPERLINK(1)",
        "--set",
        "caveats=['=HYPERLINK(1)', '+1', '-x', '@SUM(A1)']",
    ).stdout
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert (row["scenario"], row["caveats"]) == ("'=HYPERLINK(1)", "'=HYPERLINK(1);+1;-x;@SUM(A1)")
    assert float(row["pledge_usd_bn"]) == 350.0  # numbers stay numbers


def test_validate_escapes_what_it_echoes(write) -> None:  # type: ignore[no-untyped-def]
    name = write(
        "bad.yaml",
        'dealcalc: 1\ntitle: "x\\e]0;t\\a\\u202e"\ncountry: X\n"bad\\nkey\\e[2J": 1\n'
        "pledge: {amount: 1 USD bn, start: 2025-01-01, deadline: 2026-01-01}\neconomy: {gdp: 10 USD bn}\n",
    )
    out = run("validate", name)
    assert (out.exit_code, out.stderr) == (1, "bad.yaml:4:1: bad\\nkey\\x1b[2J: unknown field\n")
    good = write(
        "good.yaml",
        'dealcalc: 1\ntitle: "x\\e]0;t\\a\\u202e\\nok: forged"\ncountry: X\n'
        "pledge: {amount: 1 USD bn, start: 2025-01-01, deadline: 2026-01-01}\neconomy: {gdp: 10 USD bn}\n",
    )
    out = run("validate", good)
    assert (out.exit_code, out.stdout) == (0, "ok: good.yaml (x\\x1b]0;t\\x07\\u202e\\nok: forged)\n")


def test_wrote_path_is_escaped(write) -> None:  # type: ignore[no-untyped-def]
    write("x.txt", "")
    out = run("burden", "korea-2025-11-mou", "-o", "w\x1b[2J\nz.txt")
    assert (out.exit_code, out.stderr) == (0, "wrote w\\x1b[2J\\nz.txt\n")


@pytest.mark.parametrize("args", CHARTS, ids=" ".join)
def test_charts_and_pictures_are_valid_xml_with_nothing_raw(
    evil: str, args: list[str], tmp_path: Path
) -> None:
    chart, picture = tmp_path / "c.svg", tmp_path / "p.svg"
    extra = ["--svg", str(picture)] if args[0] not in ("sensitivity", "simulate", "sweep") else []
    out = run(args[0], evil, *args[1:], "--chart", str(chart), *extra)
    assert out.exit_code == 0, out.stderr
    for svg in [chart, *([picture] if extra else [])]:
        text = svg.read_text(encoding="utf-8")
        _clean(text, f"{' '.join(args)}: {svg.name}")
        ET.fromstring(text)  # well-formed XML
        assert "<script" not in text
