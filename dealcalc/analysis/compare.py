"""Loading and summarising many scenario files (`compare` of a big batch): a chunk of files at a
time, in parallel for big batches, rows in the order of the files."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from dealcalc.analysis import pool
from dealcalc.errors import Problem, ScenarioError
from dealcalc.model.inputs import Scenario
from dealcalc.model.metrics import metric_cache

if TYPE_CHECKING:
    from dealcalc.scenario import Assignment

COMPARE_CHUNK = 50
COMPARE_PARALLEL_FROM = 200  # files

Row = Callable[[Scenario], dict[str, Any]]


@metric_cache()
def _compare_task(
    job: tuple[Sequence[str | Assignment], Row], names: list[str]
) -> tuple[list[dict[str, Any]], list[Problem]]:
    from dealcalc.scenario import load_scenario

    sets, row = job
    rows, problems = [], []
    for name in names:
        try:
            rows.append(row(load_scenario(name, sets)))
        except ScenarioError as exc:
            problems.extend(exc.problems)
    return rows, problems


def compare_rows(
    files: list[str], sets: Sequence[str | Assignment], row: Row, problems: list[Problem]
) -> Iterator[dict[str, Any]]:
    """`row` of each file that loads, in order, a chunk at a time; the problems of bad files are
    added to `problems` (so that every file's problems are reported together at the end). `row`
    must be a module-level function (workers receive it by name)."""
    chunks = [files[i : i + COMPARE_CHUNK] for i in range(0, len(files), COMPARE_CHUNK)]
    workers = pool.workers_for(len(files) * pool.PARALLEL_FROM // COMPARE_PARALLEL_FROM)
    if workers > 1:  # read by the workers: the files are still inputs that --force must not replace
        from dealcalc.output import note_inputs

        note_inputs(files)
    for rows, chunk_problems in pool.run(_compare_task, (sets, row), chunks, workers):
        problems.extend(chunk_problems)
        yield from rows
