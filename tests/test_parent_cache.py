"""A parent is read, checked and resolved once per process, keyed by its bytes (DESIGN §7,
variants), and nothing of one load leaks into another; a file is read without positions unless
a problem needs one, with the same messages."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dealcalc.errors import ScenarioError
from dealcalc.scenario import cache, load_scenario, yamlio

from conftest import run

Write = Callable[[str, str], str]

BASE = """\
dealcalc: 1
title: Base
country: X
pledge:
  amount: 100 USD bn
  annual_cap: 10 USD bn
  start: 2025-01-01
  deadline: 2029-01-01
economy: {gdp: 1000 USD bn, fx_reserves: 200 USD bn}
"""


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed from their bytes, in order."""
    cache.clear()
    seen: list[str] = []
    real = yamlio._parse_bytes

    def spy(data: bytes, shown: str):  # type: ignore[no-untyped-def]
        seen.append(shown)
        return real(data, shown)

    monkeypatch.setattr(yamlio, "_parse_bytes", spy)
    return seen


def test_a_parent_is_parsed_once_for_many_children(write: Write, parsed: list[str]) -> None:
    write("base.yaml", BASE)
    for i in range(3):
        write(f"c{i}.yaml", f"extends: base.yaml\neconomy: {{gdp: {1000 + i} USD bn}}\n")
    gdps = [load_scenario(f"c{i}.yaml").economy.gdp for i in range(3)]
    assert gdps == [1000.0, 1001.0, 1002.0]
    assert parsed == ["c0.yaml", "base.yaml", "c1.yaml", "c2.yaml"]


def test_an_edited_parent_is_read_again(write: Write, parsed: list[str]) -> None:
    write("base.yaml", BASE)
    write("c.yaml", "extends: base.yaml\ntitle: C\n")
    assert load_scenario("c.yaml").economy.gdp == 1000.0
    write("base.yaml", BASE.replace("gdp: 1000 USD bn", "gdp: 500 USD bn"))
    assert load_scenario("c.yaml").economy.gdp == 500.0
    assert parsed.count("base.yaml") == 2


def test_an_override_never_reaches_the_cached_parent(write: Write, parsed: list[str]) -> None:
    write("base.yaml", BASE)
    write("c.yaml", "extends: base.yaml\ntitle: C\n")
    changed = load_scenario("c.yaml", ["economy.gdp=3 USD bn", "pledge.annual_cap=null"])
    assert (changed.economy.gdp, changed.pledge.tranches[0].annual_cap) == (3.0, None)
    again = load_scenario("c.yaml")
    assert (again.economy.gdp, again.pledge.tranches[0].annual_cap, again.overrides) == (1000.0, 10.0, ())


def test_a_file_read_again_is_parsed_once_and_an_edit_is_seen(write: Write, parsed: list[str]) -> None:
    write("a.yaml", BASE)
    assert [load_scenario("a.yaml").economy.gdp for _ in range(3)] == [1000.0] * 3
    assert parsed == ["a.yaml", "a.yaml"]  # kept from its second reading on
    changed = load_scenario("a.yaml", ["economy.gdp=3 USD bn", "pledge.annual_cap=null"])
    assert (changed.economy.gdp, changed.pledge.tranches[0].annual_cap) == (3.0, None)
    again = load_scenario("a.yaml")  # --set changed a copy, never the kept file
    assert (again.economy.gdp, again.pledge.tranches[0].annual_cap, again.overrides) == (1000.0, 10.0, ())
    write("a.yaml", BASE.replace("gdp: 1000 USD bn", "gdp: 700 USD bn"))
    assert load_scenario("a.yaml").economy.gdp == 700.0
    assert parsed == ["a.yaml", "a.yaml", "a.yaml"]


def test_a_set_reads_no_positions_until_a_problem_needs_them(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("base.yaml", BASE)
    write("c.yaml", "extends: base.yaml\ntitle: C\n")
    careful: list[str] = []
    real = yamlio._careful

    def spy(node, file):  # type: ignore[no-untyped-def]
        careful.append(file)
        return real(node, file)

    monkeypatch.setattr(yamlio, "_careful", spy)
    assert load_scenario("c.yaml", ["economy.gdp=3 USD bn", "title=D"]).economy.gdp == 3.0
    assert careful == []
    with pytest.raises(ScenarioError) as caught:
        load_scenario("c.yaml", ["economy.gdp=3 USD bn", "pledge.annual_cap=10 USD"])
    assert [str(p) for p in caught.value.problems] == [
        "--set: pledge.annual_cap: '10 USD' has no scale (dollars, millions or billions?); "
        "write e.g. '10 USD bn' (scales: k, mn, bn, tn)"
    ]


def test_a_child_problem_in_an_inherited_part_names_the_parent_line(write: Write, parsed: list[str]) -> None:
    write("base.yaml", BASE)
    write("good.yaml", "extends: base.yaml\ntitle: Good\n")
    write("bad.yaml", "extends: base.yaml\neconomy: {fx_reserves: 200 USD}\n")
    load_scenario("good.yaml")  # the parent is cached and its parts checked clean
    with pytest.raises(ScenarioError) as caught:
        load_scenario("bad.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "bad.yaml:2:11: economy.fx_reserves: '200 USD' has no scale (dollars, millions or billions?); "
        "write e.g. '200 USD bn' (scales: k, mn, bn, tn)"
    ]
    write("bad2.yaml", "extends: base.yaml\npledge: {deadline: 2024-01-01}\n")
    with pytest.raises(ScenarioError) as caught:
        load_scenario("bad2.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "bad2.yaml:2:10: pledge.deadline: 2024-01-01 is not after start 2025-01-01; "
        "the deadline must be later"
    ]


def test_a_problem_found_after_a_clean_read_has_its_line(write: Write) -> None:
    """The plain reading records no positions; the line comes from the careful one."""
    write("s.yaml", BASE.replace("annual_cap: 10 USD bn", "annual_cap: 10 USD"))
    result = run("burden", "s.yaml")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "s.yaml:6:3: pledge.annual_cap: '10 USD' has no scale (dollars, millions or billions?); "
        "write e.g. '10 USD bn' (scales: k, mn, bn, tn)\n"
    )


def test_1e3_is_a_number(write: Write) -> None:
    write("s.yaml", BASE.replace("gdp: 1000 USD bn", "gdp: 1400 KRW tn") + "currency: KRW\n")
    s = load_scenario("s.yaml", ["economy.fx_rate=1.4e3"])
    assert (s.economy.fx_rate, s.economy.gdp) == (1400.0, 1000.0)
    result = run("burden", "s.yaml", "--set", "economy.fx_rate=1e3", "-f", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_text_repeated_through_aliases_counts_toward_the_size_limit(write: Write) -> None:
    big = "x" * 1_000_000
    names = ", ".join(["*t"] * 1000)
    write("bomb.yaml", BASE + f"notes: [&t '{big}', {names}]\n")
    result = run("burden", "bomb.yaml", "-f", "csv")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "bomb.yaml:10:9: notes.5: the document expands to more than 5 MB of text through its "
        "aliases (scenario files are limited to 5 MB); remove the repeated aliases\n"
    )
