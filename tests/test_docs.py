"""Every command has help with an example and is in the README; the README leads (≤ 300 lines) and
the documentation's figures and generated pages stay true."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import typer.main

from dealcalc.cli import app

from conftest import ROOT, documentation, run

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
DOCS = documentation()
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_example(name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Example: dealcalc " in result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_readme(name: str) -> None:
    assert f"`dealcalc {name}" in README


def test_readme_shows_the_two_setup_commands() -> None:
    assert "pip install . && dealcalc compare" in README
    assert "pip install '.[test]' && pytest" in README
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install '.[test]' && pytest" in ci


def test_readme_quickstart_output_is_current() -> None:
    csv = run("outflow", "korea-2026-12-law-in-force", "-f", "csv").stdout
    assert csv in README
    league = run("compare", "-f", "markdown").stdout.split("\n", 2)[2]
    assert league.strip() in DOCS


def test_tests_exercise_the_working_tree() -> None:
    """pytest imports the checkout's dealcalc, never a copy installed in site-packages."""
    import dealcalc

    here = Path(__file__).resolve().parent.parent
    assert Path(dealcalc.__file__).resolve().parent == here / "dealcalc"


def test_readme_two_baselines_figures_are_current() -> None:
    """The worked example of the README: both baselines' figures, and the timeline rows as printed."""
    import json

    name = "japan-2026-11-after-122"
    threat = json.loads(run("tariff", name, "--from", "threatened", "--to", "agreed", "-f", "json").stdout)[0]
    before = json.loads(run("tariff", name, "--from", "pre_deal", "--to", "agreed", "-f", "json").stdout)[0]
    row = (
        f"| saved per year (`annual_savings_usd_bn`) | ${threat['annual_savings_usd_bn']:.1f} bn "
        f"| ${before['annual_savings_usd_bn']:.2f} bn |"
    )
    assert row in DOCS
    assert (
        f"| years of savings the $550bn equals (`pledge_to_annual_savings`) "
        f"| {threat['pledge_to_annual_savings']:.0f} | {before['pledge_to_annual_savings']:.0f} |"
    ) in DOCS
    assert (
        f"(`savings_to_date_usd_bn`) | ${threat['savings_to_date_usd_bn']:.1f} bn "
        f"| ${before['savings_to_date_usd_bn']:.2f} bn |"
    ) in DOCS
    assert (
        f"(`savings_to_deadline_timeline_usd_bn`) | ${threat['savings_to_deadline_timeline_usd_bn']:.1f} bn "
        f"| ${before['savings_to_deadline_timeline_usd_bn']:.1f} bn |"
    ) in DOCS
    assert f"Japanese goods paid ${threat['duty_paid_to_date_usd_bn']:.1f}bn of duty" in DOCS
    timeline = run("tariff", name, "--timeline", "--from", "pre_deal").stdout.splitlines()
    assert "\n".join(timeline[3:11]) in DOCS


def test_the_readme_leads_and_stays_short() -> None:
    """The README sells and starts (STYLE.md): at most 300 lines; the reference lives in docs/."""
    assert len(README.splitlines()) <= 300
    for page in ("guide", "commands", "metrics", "law-in-force", "balance", "scenario-format", "python"):
        assert f"(docs/{page}.md)" in README
        assert (ROOT / "docs" / f"{page}.md").is_file()


def test_generated_reference_pages_are_current() -> None:
    """docs/commands.md (every --help) and docs/metrics.md (the registry) are what
    `python tools/gen_docs.py` writes today."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "tools" / "gen_docs.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    for name, page in gen.PAGES.items():
        assert (ROOT / "docs" / name).read_text(encoding="utf-8") == page(), (
            f"docs/{name} is stale: run python tools/gen_docs.py"
        )


def test_no_file_holds_a_merge_conflicts_markers() -> None:
    """A rebase once left `<<<<<<< HEAD` … `>>>>>>>` in bench/README.md: no text file may hold them."""
    markers = ("<<<<<<< ", ">>>>>>> ")
    kinds = {".md", ".py", ".yaml", ".toml", ".csv", ".json", ".cfg", ".txt", ""}
    found = []
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in {"build", "dist", "__pycache__"}]
        for name in files:
            path = Path(folder, name)
            if path.suffix not in kinds or path.stat().st_size > 2_000_000:
                continue
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            where = path.relative_to(ROOT)
            found += [f"{where}:{n}" for n, s in enumerate(lines, 1) if s.startswith(markers)]
    assert found == []


def test_the_readme_names_the_commands_that_explain() -> None:
    """The README once said every command takes --explain; sweep, sensitivity and simulate do not."""
    explaining = [c for c in COMMANDS if "--explain" in run(c, "--help").stdout]
    listed = "burden, outflow, tariff, returns, balance, calls, compare and report\nalso take `--explain`"
    assert listed in README
    assert sorted(listed.split("\n")[0].replace(" and ", ", ").split(", ")) == explaining
