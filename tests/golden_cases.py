"""What a golden file holds for a shipped scenario: the JSON records of every command that
applies to it, exactly as `dealcalc <command> -f json` prints them.

Also the report of one scenario as plain text at 80 and 120 columns, and as the SVG picture the
README shows; and the two `--chart` figures the README shows. Regenerate (a deliberate step,
after checking why the numbers moved):

    python tests/golden_cases.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

if __name__ == "__main__":  # run as a script: import this checkout, not an installed copy
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dealcalc import commands, views
from dealcalc.render import plain
from dealcalc.scenario import load_scenario, shipped_names

GOLDEN = Path(__file__).parent / "golden"
# Returns need project assumptions that no shipped file states as fact; the golden files use
# these, the README's worked example too.
RETURNS_ASSUMPTIONS = "returns={cash_yield: 6%, horizon_years: 20, discount_rate: 4%}"


def _records(result: commands.Result) -> list[dict[str, Any]]:
    return [{k: plain(r.get(k)) for k in result.columns} for r in result.dicts()]


def golden_for(name: str) -> dict[str, Any]:
    s = load_scenario(name)
    out: dict[str, Any] = {
        "burden": _records(commands.burden([s])),
        "outflow": _records(commands.outflow([s])),
        "outflow_schedule": _records(commands.outflow([s], schedule=True)),
    }
    if s.tariffs is not None:
        # each file's default pair (DESIGN §3.3b: the twin → in force on its as-of date)
        out["tariff"] = _records(commands.tariff([s]))
        out["tariff_lines"] = _records(commands.tariff([s], lines=True))
        if any(r.start is not None for r in s.tariffs.regimes):
            out["tariff_timeline"] = _records(commands.tariff([s], timeline=True))
    if s.projects:
        out["calls"] = _records(commands.calls([s]))
        out["calls_schedule"] = _records(commands.calls([s], schedule=True))
    with_returns = s if s.returns is not None else load_scenario(name, [RETURNS_ASSUMPTIONS])
    out["returns"] = _records(commands.returns([with_returns]))
    out["returns_schedule"] = _records(commands.returns([with_returns], schedule=True))
    if s.incidence is not None and s.tariffs is not None:
        out["balance"] = _records(commands.balance([s]))
    return out


REPORT_SCENARIO = "korea-2025-11-mou"
REPORT_WIDTHS = (80, 120)
REPORT_SVG = GOLDEN / f"report-{REPORT_SCENARIO}.svg"  # shown in the README


def report_views() -> list[Any]:
    """What `dealcalc report` shows: its notes short (its default)."""
    return list(commands.report(load_scenario(REPORT_SCENARIO)).views())


def report_text(width: int) -> str:
    from dealcalc.render.layout import plain_tables

    return plain_tables(report_views(), width)


def report_svg() -> str:
    """The same as `COLUMNS=100 dealcalc report korea-2025-11-mou --svg FILE`."""
    from dealcalc.render.table import svg_text

    return svg_text(report_views(), 100)


# The two `--chart` figures the README shows: file name → the command that draws it.
README_CHARTS = {
    "chart-tornado-korea-2025-11-mou.svg": [
        "sensitivity", "korea-2025-11-mou", "-m", "pledge_to_annual_savings",
    ],
    "chart-timeline-korea-2026-11-after-122.svg": ["tariff", "korea-2026-11-after-122", "--timeline"],
}  # fmt: skip


def chart_svg(args: list[str]) -> bytes:
    """The SVG that `dealcalc ARGS --chart FILE` writes."""
    import tempfile

    from typer.testing import CliRunner

    from dealcalc.cli import app

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "chart.svg"
        result = CliRunner().invoke(app, [*args, "-f", "json", "--chart", str(out)])
        assert result.exit_code == 0, result.output
        return out.read_bytes()


README = Path(__file__).parent.parent / "docs" / "guide.md"  # the page that shows the league table
LEAGUE_START = "`dealcalc compare -f markdown` (every shipped scenario; pass files to compare others):\n\n"
LEAGUE_END = "\n\nRead it with"


def readme_with_league(text: str) -> str:
    """The README with its league table replaced by what `dealcalc compare -f markdown` prints."""
    from dealcalc.blocks import Format
    from dealcalc.render import render_text
    from dealcalc.views.short import COMPARE_LINES, at_level

    league = views.compare_blocks([commands.compare_row(load_scenario(n)) for n in shipped_names()])
    table = render_text(at_level(league, "short", COMPARE_LINES), Format.markdown)
    head, rest = text.split(LEAGUE_START, 1)
    _, tail = rest.split(LEAGUE_END, 1)
    return head + LEAGUE_START + table.split("\n", 2)[2].strip() + LEAGUE_END + tail


def write_all() -> None:
    README.write_text(readme_with_league(README.read_text(encoding="utf-8")), encoding="utf-8")
    GOLDEN.mkdir(exist_ok=True)
    for name, args in README_CHARTS.items():
        (GOLDEN / name).write_bytes(chart_svg(args))
        print(f"wrote {GOLDEN / name}", file=sys.stderr)
    for width in REPORT_WIDTHS:
        (GOLDEN / f"report-{REPORT_SCENARIO}-{width}.txt").write_text(report_text(width), encoding="utf-8")
    REPORT_SVG.write_text(report_svg(), encoding="utf-8")
    for name in shipped_names():
        text = json.dumps(golden_for(name), indent=1, ensure_ascii=False) + "\n"
        (GOLDEN / f"{name}.json").write_text(text, encoding="utf-8")
        print(f"wrote {GOLDEN / name}.json", file=sys.stderr)


if __name__ == "__main__":
    write_all()
