"""Every command has help with an example and is in the README; the README's commands stay true."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from dealcalc.cli import app

from conftest import run

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
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
    csv = run("outflow", "korea-2025-11-mou", "-f", "csv").stdout
    assert csv in README
    league = run("compare", "-f", "markdown").stdout.split("\n", 2)[2]
    assert league.strip() in README


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
    assert row in README
    assert (
        f"| years of savings the $550bn equals (`pledge_to_annual_savings`) "
        f"| {threat['pledge_to_annual_savings']:.0f} | {before['pledge_to_annual_savings']:.0f} |"
    ) in README
    assert (
        f"(`savings_to_date_usd_bn`) | ${threat['savings_to_date_usd_bn']:.1f} bn "
        f"| ${before['savings_to_date_usd_bn']:.2f} bn |"
    ) in README
    assert (
        f"(`savings_to_deadline_timeline_usd_bn`) | ${threat['savings_to_deadline_timeline_usd_bn']:.1f} bn "
        f"| ${before['savings_to_deadline_timeline_usd_bn']:.1f} bn |"
    ) in README
    assert f"Japanese goods paid ${threat['duty_paid_to_date_usd_bn']:.1f}bn of duty" in README
    timeline = run("tariff", name, "--timeline", "--from", "pre_deal").stdout.splitlines()
    assert "\n".join(timeline[3:11]) in README
