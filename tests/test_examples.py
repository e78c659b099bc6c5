"""Every console example of the documentation (README.md and docs/*.md, wherever a section moves)
prints today exactly what it shows. When one is stale: `python tools/regen_examples.py`, then
read the diff."""

from __future__ import annotations

import pytest
from console_examples import Example, all_examples, examples, is_current, output, refit

EXAMPLES = list(all_examples())


def test_the_documentation_has_console_examples() -> None:
    """The parser finds the examples (a change of fence or prompt would make the test above vacuous)."""
    assert len(EXAMPLES) >= 5 and all(e.command.startswith(("dealcalc ", "COLUMNS=")) for e in EXAMPLES)


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e.path.name}:{e.line}" for e in EXAMPLES])
def test_console_example_is_current(example: Example) -> None:
    now = output(example.command)
    shown = example.shown
    assert is_current(example, now), (
        f"{example.path.name}:{example.line}: `{example.command}` prints something else today; "
        "run python tools/regen_examples.py and read the diff\n"
        + "\n".join(shown)
        + "\n---- today:\n"
        + "\n".join(now)
    )


def test_the_parser_reads_continuations_elisions_and_several_commands(tmp_path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "doc.md"
    doc.write_text(
        "Text\n\n```console\n$ dealcalc a \\\n    --b 'c d'\none\ntwo  \n…\n$ X=1 dealcalc e\nthree\n```\n"
        "```sh\n$ dealcalc not-an-example\n```\n",
        encoding="utf-8",
    )
    assert examples(doc) == [
        Example(doc, 4, "dealcalc a --b 'c d'", ["one", "two", "…"], 5, 8),
        Example(doc, 9, "X=1 dealcalc e", ["three"], 9, 10),
    ]
    first, second = examples(doc)
    assert is_current(first, ["one", "two", "more"]) and is_current(first, ["one", "two"])
    assert not is_current(first, ["one", "three"])
    assert not is_current(second, ["three", "four"])


def test_elided_lines_match_in_order_and_refit_keeps_the_cut(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ex = Example(tmp_path, 1, "dealcalc x", ["Title", "…", " B row    2", " C row    3", "…", "end"], 0, 0)
    today = ["Title", "", " A row    1", " B row    2", " C row    3", " D row    4", "notes", "end"]
    assert is_current(ex, today)
    assert not is_current(ex, [*today[:-1], "other end"])
    assert not is_current(ex, ["Title", " C row    3", " B row    2", "end"])  # out of order
    changed = ["Title", "", " A row    1", " B row    20", " C row    30", " D row    4", "notes", "end"]
    assert not is_current(ex, changed)
    assert refit(ex, changed) == ["Title", "…", " B row    20", " C row    30", "…", "end"]
    lost = ["Title", " X row    1", "end"]
    assert refit(ex, lost) is None


def test_only_plain_dealcalc_commands_run() -> None:
    for command in ("ls", "dealcalc list | head", "dealcalc list > x"):
        with pytest.raises(ValueError, match="not a plain dealcalc command"):
            output(command)
