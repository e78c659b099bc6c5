"""The Python API returns exactly what each command prints as JSON, on every shipped scenario, and
raises the same errors; `import dealcalc` lists it and costs the command line nothing."""

from __future__ import annotations

import doctest
import functools
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import dealcalc
from dealcalc import api
from dealcalc.errors import DealcalcError
from dealcalc.scenario import shipped_names

from conftest import DATA, run

NAMES = shipped_names()
RETURNS = "returns={cash_yield: 6%, horizon_years: 20, discount_rate: 4%}"
GDP = "economy.gdp=1000 USD bn:3000 USD bn:1000 USD bn"
UNCERTAIN = "uncertainty={economy.gdp: {uniform: [1000 USD bn, 3000 USD bn]}}"
Case = tuple[list[str], Callable[[], Any]]


def _every_command(name: str, i: int) -> list[Case]:
    """(command line, the same call through the API): each API function once."""
    view = api.VIEWS[i % len(api.VIEWS)]  # explain: each view on some scenarios
    sets = [RETURNS] if view == "returns" else []
    return [
        (["burden", name], lambda: dealcalc.burden(name)),
        (["outflow", name], lambda: dealcalc.outflow(name)),
        (["tariff", name], lambda: dealcalc.tariff(name)),
        (["returns", name, "--set", RETURNS], lambda: dealcalc.returns(name, overrides=[RETURNS])),
        (["calls", name], lambda: dealcalc.calls(name)),
        (["compare", name], lambda: dealcalc.compare(name)),
        (["diff", name, NAMES[0]], lambda: dealcalc.diff(name, NAMES[0])),
        (
            ["sweep", name, "--vary", GDP, "-m", "pledge_to_gdp"],
            lambda: dealcalc.sweep(name, GDP, metrics=["pledge_to_gdp"]),
        ),
        (
            ["sensitivity", name, "-m", "years_needed_at_cap", "--delta", "20%"],
            lambda: dealcalc.sensitivity(name, "years_needed_at_cap", delta="20%"),
        ),
        (
            ["simulate", name, "--set", UNCERTAIN, "--runs", "50", "--seed", "3"],
            lambda: dealcalc.simulate(name, runs=50, seed=3, overrides=[UNCERTAIN]),
        ),
        (
            [view, name, *(a for s in sets for a in ("--set", s)), "--explain"],
            functools.partial(dealcalc.explain, name, view=view, overrides=sets),
        ),
    ]


def _every_option(name: str) -> list[Case]:
    """The options that shape rows, and the errors of a missing core input."""
    cases: list[Case] = [
        (["outflow", name, "--schedule"], lambda: dealcalc.outflow(name, schedule=True)),
        (["outflow", name, "--as-of", "2026-11-30"], lambda: dealcalc.outflow(name, as_of="2026-11-30")),
        (["tariff", name, "--lines"], lambda: dealcalc.tariff(name, lines=True)),
        (["tariff", name, "--regimes"], lambda: dealcalc.tariff(name, regimes=True)),
        (["tariff", name, "--from", "mfn"], lambda: dealcalc.tariff(name, from_regime="mfn")),
        (["tariff", name, "--as-of", "2026-11-30"], lambda: dealcalc.tariff(name, as_of="2026-11-30")),
        (["tariff", name, "--timeline"], lambda: dealcalc.tariff(name, timeline=True)),
        (["returns", name], lambda: dealcalc.returns(name)),
        (
            ["returns", name, "--set", RETURNS, "--schedule"],
            lambda: dealcalc.returns(name, schedule=True, overrides=[RETURNS]),
        ),
        (["calls", name, "--schedule"], lambda: dealcalc.calls(name, schedule=True)),
        (
            ["compare", name, "-m", "pledge_to_gdp", "-m", "binding"],
            lambda: dealcalc.compare(name, metrics=["pledge_to_gdp", "binding"]),
        ),
        (["diff", name, NAMES[0], "--all"], lambda: dealcalc.diff(name, NAMES[0], every=True)),
        (["simulate", name, "--runs", "500"], lambda: dealcalc.simulate(name, runs=500)),
    ]
    for view in api.VIEWS:
        sets = [RETURNS] if view == "returns" else []
        args = [view, name, *(a for s in sets for a in ("--set", s)), "--explain"]
        cases.append((args, functools.partial(dealcalc.explain, name, view=view, overrides=sets)))
    return cases


def _same_through_both(cases: list[Case]) -> int:
    """Each case's JSON equals its API call, or both fail with the same message; how many matched."""
    compared = 0
    for args, call in cases:
        printed = run(*args, "-f", "json")
        if printed.exit_code == 0:
            assert call() == json.loads(printed.stdout), args
            compared += 1
        else:
            # the same error, with the message the command line prints (which may name an option)
            with pytest.raises(DealcalcError) as caught:
                call()
            assert printed.exit_code == 1, args
            assert printed.stderr.startswith(str(caught.value)), args
    return compared


@pytest.mark.parametrize("i", range(len(NAMES)), ids=NAMES)
def test_api_returns_what_the_command_prints_as_json(i: int) -> None:
    assert _same_through_both(_every_command(NAMES[i], i)) >= 7  # most views apply to every file


# every option on a shipped file with projects and dated regimes, and on the test files that reach
# what the shipped ones do not (dated regimes everywhere, progress to a date)
OPTION_FILES = ["japan-2026-11-after-122", *(str(DATA / f) for f in ("timeline.yaml", "progress.yaml"))]


@pytest.mark.parametrize("name", OPTION_FILES)
def test_api_takes_every_option_of_the_command(name: str) -> None:
    assert _same_through_both(_every_option(name)) >= 8


def test_compare_of_every_shipped_scenario() -> None:
    assert dealcalc.compare() == json.loads(run("compare", "-f", "json").stdout)
    assert [r["file"] for r in dealcalc.compare()] == [f"{n}.yaml" for n in NAMES]


def test_a_loaded_scenario_is_accepted_wherever_a_name_is() -> None:
    korea = dealcalc.load("korea-2025-11-mou", overrides=["economy.fx_rate=1400"])
    assert dealcalc.burden(korea) == dealcalc.burden("korea-2025-11-mou", overrides=["economy.fx_rate=1400"])
    assert dealcalc.compare(korea, "japan-2025-09-mou")[0]["file"] == "korea-2025-11-mou.yaml"
    with pytest.raises(dealcalc.ArgumentError, match="overrides apply while loading"):
        dealcalc.burden(korea, overrides=["economy.fx_rate=1500"])


def test_errors_are_dealcalcs_own_with_the_same_messages() -> None:
    with pytest.raises(dealcalc.ScenarioError) as caught:
        dealcalc.burden("korea-2025-11-mou", "no-such-deal")
    assert run("burden", "korea-2025-11-mou", "no-such-deal").stderr == str(caught.value) + "\n"
    with pytest.raises(dealcalc.ArgumentError, match="no such metric"):
        dealcalc.sweep("korea-2025-11-mou", "economy.gdp=1 USD bn:2 USD bn:1 USD bn", metrics=["nope"])
    with pytest.raises(dealcalc.ArgumentError, match="explain one of burden, outflow"):
        dealcalc.explain("korea-2025-11-mou", view="sweep")
    with pytest.raises(dealcalc.ArgumentError, match="give 1 or more"):
        dealcalc.simulate("korea-2025-11-mou", runs=0)


def test_dir_lists_the_api_with_docstrings_and_examples() -> None:
    listed = dir(dealcalc)
    for name in dealcalc.__all__:
        assert getattr(dealcalc, name) is not None  # every listed name resolves
    for name in api.__all__:
        assert name in listed and name in dealcalc.__all__
        doc = getattr(dealcalc, name).__doc__
        assert "Parameters" in doc and "Returns" in doc and "Examples" in doc and ">>> " in doc, name


def test_the_examples_in_the_docstrings_run() -> None:
    result = doctest.testmod(api, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 20 and result.failed == 0


def test_the_command_line_does_not_import_the_api() -> None:
    loaded = "'dealcalc.api' in sys.modules, 'dealcalc.commands' in sys.modules"
    code = f"import sys, dealcalc.cli; print({loaded})"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "False False\n"


def _doctest_of(path: Path, heading: str) -> tuple[int, int, int]:
    """Run the ```python block under `heading` of a page as a doctest: (failed, attempted, examples)."""
    text = path.read_text(encoding="utf-8")
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    block = section.split("```python\n", 1)[1].split("```", 1)[0]
    test = doctest.DocTestParser().get_doctest(block, {}, f"{path.name}: {heading.strip()}", str(path), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    return result.failed, result.attempted, len(test.examples)


def test_the_readme_from_python_session_runs() -> None:
    root = Path(__file__).parent.parent
    failed, attempted, _ = _doctest_of(root / "README.md", "\n## From Python\n")
    assert failed == 0 and attempted >= 4
    failed, attempted, examples = _doctest_of(root / "docs" / "python.md", "# From Python\n")
    assert failed == 0
    assert attempted == examples - 3 >= 12  # all but the three pandas lines


def test_no_module_of_the_package_shadows_an_api_function() -> None:
    """Importing `dealcalc.explain` (a module) would replace the function `dealcalc.explain`."""
    import pkgutil

    modules = {m.name for m in pkgutil.iter_modules(dealcalc.__path__)}
    assert modules & set(api.__all__) == set()
