"""The project's errors: one mapping to exit codes, messages in the domain's words, and a model
that knows nothing of the command line."""

from __future__ import annotations

import errno
import pickle
import re
from pathlib import Path

import pytest

from dealcalc import load_scenario
from dealcalc.analysis import pool
from dealcalc.errors import (
    ArgumentError,
    DealcalcError,
    ExitCode,
    Location,
    MissingInputError,
    OutputError,
    Problem,
    ScenarioError,
    UncertaintyError,
    UnknownMetricError,
    UnknownRegimeError,
    UsageError,
    WriteError,
    exit_code,
)
from dealcalc.model.metrics import compute_metrics

from conftest import run

MODEL = Path(__file__).parent.parent / "dealcalc" / "model"


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (ScenarioError([Problem(Location("a.yaml", 3, 1), "pledge", "bad")]), ExitCode.BAD_INPUT),
        (MissingInputError("a.yaml", "returns", "needs it", "  returns: {}"), ExitCode.BAD_INPUT),
        (UncertaintyError("draws fell outside"), ExitCode.BAD_INPUT),
        (UnknownMetricError("x"), ExitCode.USAGE),
        (UnknownRegimeError("no regime"), ExitCode.USAGE),
        (ArgumentError("cannot be varied"), ExitCode.USAGE),
        (UsageError("bad option"), ExitCode.USAGE),
        (OutputError("file exists"), ExitCode.USAGE),
        (WriteError("permission denied"), ExitCode.CANNOT_WRITE),
        (KeyboardInterrupt(), ExitCode.INTERRUPTED),
        (BrokenPipeError(), ExitCode.CLOSED_PIPE),
        (OSError(errno.EPIPE, "Broken pipe"), ExitCode.CLOSED_PIPE),
        (OSError(errno.ENOSPC, "No space left on device"), ExitCode.CANNOT_WRITE),
        (ZeroDivisionError(), ExitCode.INTERNAL),
    ],
)
def test_one_mapping_from_error_to_exit_code(exc: BaseException, code: ExitCode) -> None:
    assert exit_code(exc) is code


def test_errors_survive_the_trip_back_from_a_worker_process() -> None:
    errors: list[DealcalcError] = [
        ScenarioError([Problem(Location("a.yaml", 3, 1), "pledge", "bad")]),
        MissingInputError("a.yaml", "returns", "needs it", "  returns: {}", "{}"),
        UnknownMetricError("pledge_to_gpd", " (did you mean 'pledge_to_gdp'?)"),
    ]
    for exc in errors:
        back = pickle.loads(pickle.dumps(exc))
        assert (type(back), str(back), back.lines()) == (type(exc), str(exc), exc.lines())


def test_model_errors_name_no_option() -> None:
    s = load_scenario("korea-2025-11-mou")
    with pytest.raises(UnknownMetricError) as caught:
        compute_metrics(s, ["pledge_to_gpd"])
    assert str(caught.value) == (
        "pledge_to_gpd: no such metric (did you mean 'pledge_to_gdp'?); metrics are the JSON keys of "
        "burden, outflow, tariff, returns, calls and balance"
    )
    # the command line words the same error with its option
    result = run("sensitivity", "korea-2025-11-mou", "-m", "pledge_to_gpd")
    assert (result.exit_code, result.stderr) == (2, f"--metric {caught.value}\n")


def test_an_unknown_metric_names_every_view_whose_keys_are_metrics() -> None:
    """balance's keys are metrics (sweep -m us_net_pv_usd_bn works), so the message names balance
    too; the list is the registry's views the model computes, not a hand-written one."""
    ok = run("sensitivity", "korea-2025-11-mou", "-m", "us_net_pv_usd_bn", "-f", "json")
    assert ok.exit_code == 0
    bad = run(
        "sweep",
        "korea-2025-11-mou",
        "-m",
        "us_net_pv_usd",
        "--vary",
        "pledge.amount=300 USD bn:350 USD bn:50 USD bn",
    )
    assert (bad.exit_code, bad.stderr) == (
        2,
        "--metric us_net_pv_usd: no such metric (did you mean 'us_net_pv_usd_bn'?); metrics are the "
        "JSON keys of burden, outflow, tariff, returns, calls and balance\n",
    )


def test_the_model_knows_no_command_line() -> None:
    """DESIGN §1: the model raises domain errors and names no flag (`grep -rn "UsageError\\|--[a-z]"`)."""
    offending = [
        f"{path.name}:{n}: {line.strip()}"
        for path in sorted(MODEL.glob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"UsageError|--[a-z]", line)
    ]
    assert offending == []


def _square_plus(job: int, task: int) -> int:
    return task * task + job


def test_pool_keeps_the_order_of_the_tasks() -> None:
    tasks = list(range(40))
    expected = [t * t + 3 for t in tasks]
    assert list(pool.run(_square_plus, 3, tasks, workers=1)) == expected
    assert list(pool.run(_square_plus, 3, tasks, workers=2)) == expected
