"""DESIGN §4.1, output a reader can use as is: whole-sentence command summaries, one-line Markdown
headers, and shell completion of scenario names, metric keys, field paths and regimes."""

from __future__ import annotations

import os
import subprocess
import sys

from typer.testing import CliRunner

from dealcalc.cli import app, help_summary
from dealcalc.render import one_line

from conftest import run


def _env(words: str) -> dict[str, str]:
    """The variables bash sets when it asks dealcalc to complete `words` (the last one being
    typed; a trailing space: a new word)."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    return {"_DEALCALC_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}


def complete(words: str) -> list[str]:
    """What bash completion offers for `words`: the whole app, in this process (a new process,
    as the shell runs it, is test_completing_a_scenario_name_imports_neither_the_model_nor_the_format;
    ten of them cost a second of the suite)."""
    result = CliRunner().invoke(app, [], env=_env(words), prog_name="dealcalc")
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


def test_completion_offers_the_shipped_scenarios_a_word_starts() -> None:
    assert complete("dealcalc burden kor") == [
        "korea-2025-07-framework",
        "korea-2025-11-mou",
        "korea-2026-02-post-ruling",
        "korea-2026-11-after-122",
        "korea-2026-12-law-in-force",
    ]
    assert complete("dealcalc diff switzerland-2026") == [
        "switzerland-2026-02-post-ruling",
        "switzerland-2026-12-law-in-force",
    ]
    # a path: the shell completes file names (`complete -o default`)
    assert complete("dealcalc burden scenarios/kor") == []


def test_completion_offers_metric_keys_field_paths_and_regimes() -> None:
    assert complete("dealcalc compare -m years_") == [
        "years_available",
        "years_needed_at_cap",
        "years_left",
        "years_to_recover",
    ]
    assert complete("dealcalc sweep korea-2025-11-mou --vary pledge.a") == [
        "pledge.amount=",
        "pledge.annual_cap=",
    ]
    # japan-2026-11-after-122 extends japan-2026-02-post-ruling (adds sec122), which extends
    # japan-2025-09-mou (threatened, pre_deal, interim, agreed); it adds after_122, and each of the
    # two adds its without-deal twin
    assert sorted(complete("dealcalc tariff japan-2026-11-after-122 --from ")) == [
        "after_122",
        "after_122_no_deal",
        "agreed",
        "interim",
        "pre_deal",
        "sec122",
        "sec122_no_deal",
        "threatened",
        "without_deal",  # the word --from takes besides regimes (DESIGN §3.3b)
    ]
    assert complete("dealcalc tariff japan-2026-11-after-122 --to a") == [
        "agreed",
        "after_122",
        "after_122_no_deal",
    ]
    assert complete("dealcalc tariff japan-2026-11-after-122 --to i") == ["in_force", "interim"]
    assert complete("dealcalc compare --from w") == ["without_deal"]


def test_completing_a_scenario_name_imports_neither_the_model_nor_the_format() -> None:
    """The shell runs dealcalc on every TAB (DESIGN §7: ≤ 0.9 × the bare imports)."""
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(*sorted(m for m in sys.modules if m.startswith('dealcalc')),"
        " file=sys.stderr))\n"
        "from dealcalc.launch import main; main()\n"
    )
    env = {**os.environ, **_env("dealcalc burden kor")}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    # as the shell runs it: a new process through the console script's entry point
    assert out.stdout.split() == complete("dealcalc burden kor") != []
    loaded = out.stderr.split()
    assert "dealcalc.shipped" in loaded
    assert not [m for m in loaded if m.startswith(("dealcalc.model", "dealcalc.scenario", "dealcalc.views"))]


def test_command_summaries_are_whole_sentences() -> None:
    assert help_summary(
        """What the tariff cut is worth per year, how many years of savings the pledge equals, and the
    duty paid as the regimes in force changed.

    Example: dealcalc tariff japan-2025-09-mou --from pre_deal --timeline
    """
    ) == (
        "What the tariff cut is worth per year, how many years of savings the pledge equals, and the "
        "duty paid as the regimes in force changed."
    )
    listing = " ".join(run("--help").stdout.split())
    assert (
        "tariff What the tariff cut is worth per year, how many years of savings the pledge equals, and "
        "the duty paid as the regimes in force changed. returns" in listing
    )
    assert (
        "outflow How fast the pledge can be paid under its annual caps, and what is undone at the "
        "deadline; how far it has got by a date (projects selected, pace so far, pace needed for the "
        "rest). tariff" in listing
    )


def test_markdown_headers_keep_no_line_wrap_hyphen() -> None:
    assert one_line("Tariff\ncover-\nage") == "Tariff coverage"
    assert one_line("Pledge/\nsavings\nyears") == "Pledge/savings years"
    assert one_line("Capped:\npace/cap") == "Capped: pace/cap"
    out = run("compare", "japan-2025-09-mou", "-f", "markdown").stdout
    header = out.splitlines()[2]
    assert header.endswith("| Savings $bn/yr | Pledge/savings years | Tariff coverage |"), header
