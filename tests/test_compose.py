"""`extends` (deep merge, lists replaced, null removes) and `--set PATH=VALUE`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import pytest

from dealcalc.errors import ScenarioError, UsageError
from dealcalc.scenario import load_scenario

from conftest import MINIMAL, run

BASE = """\
dealcalc: 1
title: Base
country: X
notes: [one, two]
pledge:
  amount: 100 USD bn
  annual_cap: 10 USD bn
  start: 2025-01-01
  deadline: 2029-01-01
economy: {gdp: 1000 USD bn, fx_reserves: 200 USD bn}
"""

Write = Callable[[str, str], str]


def test_child_wins_deep_merge_and_lists_replaced(write: Write) -> None:
    write("base.yaml", BASE)
    child = write(
        "sub/child.yaml", "extends: ../base.yaml\ntitle: Child\nnotes: [three]\neconomy: {gdp: 2000 USD bn}\n"
    )
    s = load_scenario(child)
    assert (s.title, s.notes) == ("Child", ("three",))
    assert (s.economy.gdp, s.economy.fx_reserves) == (2000.0, 200.0)
    assert s.file == "sub/child.yaml"


def test_null_removes_an_inherited_key(write: Write) -> None:
    write("base.yaml", BASE)
    child = write(
        "child.yaml",
        """\
extends: base.yaml
pledge:
  amount: null
  annual_cap: null
  tranches:
    - {name: cash, amount: 60 USD bn, annual_cap: 10 USD bn}
    - {name: ships, amount: 40 USD bn}
""",
    )
    s = load_scenario(child)
    assert [t.name for t in s.pledge.tranches] == ["cash", "ships"]
    assert s.pledge.amount == 100.0


def test_extends_a_shipped_scenario_by_name(write: Write) -> None:
    child = write(
        "mine.yaml",
        "extends: korea-2025-11-mou\ntitle: Korea at a $25bn cap\n"
        "pledge: {tranches: [{name: cash, amount: 200 USD bn, annual_cap: 25 USD bn}, "
        "{name: shipbuilding, amount: 150 USD bn}]}\n",
    )
    s = load_scenario(child)
    assert s.pledge.tranches[0].annual_cap == 25.0
    assert s.country == "Korea"


def test_set_scalar_flow_index_and_null() -> None:
    s = load_scenario(
        "korea-2025-11-mou",
        [
            "pledge.tranches.0.annual_cap=25 USD bn",
            "pledge.instruments={equity: 10%, loans: 90%}",
            "economy.reserve_income=null",
        ],
    )
    assert s.pledge.tranches[0].annual_cap == 25.0
    assert s.pledge.instruments == {"equity": 0.10, "loans": 0.90}
    assert s.economy.reserve_income is None


def test_set_creates_a_missing_block() -> None:
    s = load_scenario(
        "korea-2025-11-mou", ["returns.cash_yield=6%", "returns.horizon_years=20", "returns.discount_rate=4%"]
    )
    assert s.returns is not None and s.returns.horizon_years == 20


def test_set_bad_index_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="has no item 5"):
        load_scenario("korea-2025-11-mou", ["pledge.tranches.5.annual_cap=1 USD bn"])


def test_set_value_is_validated_like_the_file() -> None:
    with pytest.raises(ScenarioError) as err:
        load_scenario(MINIMAL, ["pledge.start=2030-01-01"])
    assert str(err.value) == (
        f"{MINIMAL}:8:3: pledge.deadline: 2029-01-01 is not after start "
        "2030-01-01; the deadline must be later"
    )


def test_set_on_the_command_line_changes_the_result() -> None:
    result = run(
        "outflow", "korea-2025-11-mou", "--set", "pledge.tranches.0.annual_cap=25 USD bn", "-f", "csv"
    )
    (values,) = csv.DictReader(io.StringIO(result.stdout))  # the caveats column holds commas
    assert float(values["years_needed_at_cap"]) == 8.0


def test_set_into_an_item_that_is_a_number_is_a_usage_error() -> None:
    """Found by the fuzz of --set: the second override walked into the number 1 (exit 70)."""
    result = run(
        "burden",
        str(MINIMAL),
        "--set",
        "pledge.profit_split=[1, 2]",
        "--set",
        "pledge.profit_split.0.pledger=550 USD bn",
    )
    assert (result.exit_code, result.stderr) == (
        2,
        "--set pledge.profit_split.0.pledger: pledge.profit_split.0 is a single value, not a mapping\n",
    )


def test_a_path_set_twice_is_one_change_from_the_files_value() -> None:
    """Found by the --set property (tests/test_batch_points.py): the second override's note said
    '(file: nan)', the value of the first, which never applied. The file's GDP is 1,000 USD bn."""
    twice = ["--set", "economy.gdp=.nan", "--set", "economy.gdp=550 USD bn"]
    result = run("burden", str(MINIMAL), *twice)
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stdout.splitlines() if line.startswith("Changed by --set")]
    assert notes == ["Changed by --set: economy.gdp = 550 USD bn (file: 1,000 USD bn)"]
    as_json = run("burden", str(MINIMAL), *twice, "-f", "json")
    (row,) = json.loads(as_json.stdout)
    assert row["pledge_to_gdp"] == 100 / 550  # the pledge of 100 USD bn over the last GDP given
    assert row["overrides"] == ["economy.gdp=550 USD bn"]
