"""Running the batch analyses: chunks of a sweep or a simulation, in parallel on a machine with
more than one core (DESIGN §7: 100,000 points in ≤ 3 s on two cores), in order, with progress.

The arithmetic is in `dealcalc.model.analysis`; this module only schedules it. Worker processes
are forked, so they inherit the scenario instead of receiving it."""

import os
from array import array
from collections.abc import Callable, Iterator
from typing import Any

from dealcalc.errors import Problem, ScenarioError
from dealcalc.keypath import KeyPath
from dealcalc.model import analysis
from dealcalc.model.inputs import Scenario

SWEEP_CHUNK = 5_000
PARALLEL_FROM = 20_000  # below this, starting processes costs more than it saves

Progress = Callable[[int], None]

_job: dict[str, Any] = {}  # what forked workers read


def _workers(points: int) -> int:
    """Processes for a job of `points`: the cores this process may use (at most 8), or
    DEALCALC_WORKERS; one for small jobs, or where processes cannot be forked."""
    if points < PARALLEL_FROM or not hasattr(os, "fork"):
        return 1
    wanted = os.environ.get("DEALCALC_WORKERS", "")
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, 8))


def _map(func: Callable[[Any], Any], tasks: list[Any], workers: int) -> Iterator[Any]:
    """func over tasks, in order; in forked worker processes when workers > 1."""
    if workers == 1:
        yield from map(func, tasks)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(func, tasks)


def _sweep_task(span: tuple[int, int]) -> list[tuple[Any, ...]]:
    return analysis.sweep_rows(_job["s"], _job["varies"], _job["keys"], *span)


def sweep(
    s: Scenario, varies: analysis.Varies, keys: list[str], progress: Progress | None = None
) -> Iterator[tuple[Any, ...]]:
    """Every grid point's row, in grid order, a chunk at a time (memory stays flat)."""
    total = analysis.grid_size(varies)
    _job.update(s=s, varies=varies, keys=keys)
    spans = [(a, min(a + SWEEP_CHUNK, total)) for a in range(0, total, SWEEP_CHUNK)]
    for rows in _map(_sweep_task, spans, _workers(total)):
        yield from rows
        if progress is not None:
            progress(len(rows))


def _simulate_task(task: tuple[int, int]) -> tuple[dict[str, array], dict[str, int]]:  # type: ignore[type-arg]
    chunk, runs = task
    return analysis.simulate_chunk(_job["s"], _job["seed"], chunk, runs, _job["keys"], _job["valid"])


def simulate(
    s: Scenario,
    runs: int,
    seed: int,
    keys: list[str],
    valid: Callable[[KeyPath, float], bool],
    progress: Progress | None = None,
) -> list[dict[str, Any]]:
    """Mean, P5, P50, P95 of each metric over `runs` draws; the same for the same seed."""
    analysis.require_uncertainty(s)
    _job.update(s=s, seed=seed, keys=keys, valid=valid)
    size = analysis.SIMULATION_CHUNK
    tasks = [(i, min(size, runs - i * size)) for i in range((runs + size - 1) // size)]
    values = {k: array("d") for k in keys}
    missing = dict.fromkeys(keys, 0)
    for (chunk_values, chunk_missing), (_, n) in zip(
        _map(_simulate_task, tasks, _workers(runs)), tasks, strict=True
    ):
        for k in keys:
            values[k].extend(chunk_values[k])
            missing[k] += chunk_missing[k]
        if progress is not None:
            progress(n)
    return [analysis.summarise(k, values[k], missing[k]) for k in keys]


COMPARE_CHUNK = 50
COMPARE_PARALLEL_FROM = 200  # files


def _compare_task(names: list[str]) -> tuple[list[dict[str, Any]], list[Problem]]:
    from dealcalc.scenario import load_scenario
    from dealcalc.views import compare_row

    rows, problems = [], []
    for name in names:
        try:
            rows.append(compare_row(load_scenario(name, _job["sets"])))
        except ScenarioError as exc:
            problems.extend(exc.problems)
    return rows, problems


def compare(files: list[str], sets: list[str], problems: list[Problem]) -> Iterator[dict[str, Any]]:
    """League-table rows of many files, in order, a chunk at a time; the problems of bad files
    are added to `problems` (so that every file's problems are reported together at the end)."""
    _job.update(sets=sets)
    chunks = [files[i : i + COMPARE_CHUNK] for i in range(0, len(files), COMPARE_CHUNK)]
    workers = _workers(len(files) * PARALLEL_FROM // COMPARE_PARALLEL_FROM)
    for rows, chunk_problems in _map(_compare_task, chunks, workers):
        problems.extend(chunk_problems)
        yield from rows
