"""`sweep`: the grid of all combinations of the varied fields, with the metrics at each point
(DESIGN §3.6). Points are computed a chunk at a time, in parallel for big grids, and streamed in
grid order, so memory stays flat however big the grid is."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from dealcalc.analysis import pool
from dealcalc.errors import UsageError
from dealcalc.keypath import KeyPath, dotted, split_path
from dealcalc.model.inputs import Scenario
from dealcalc.model.metrics import compute_metrics
from dealcalc.model.vary import set_value
from dealcalc.scenario.fields import numeric_leaf, parse_field_value
from dealcalc.scenario.spec import is_plain_number

SWEEP_CHUNK = 5_000

Varies = Sequence[tuple[KeyPath, list[float]]]
Progress = Callable[[int], None]


def grid_values(start: float, stop: float, step: float) -> list[float]:
    """START, START+STEP, … up to STOP inclusive (to a millionth of a step)."""
    if step <= 0:
        raise UsageError("the STEP of --vary must be greater than zero")
    if stop < start:
        raise UsageError("the STOP of --vary must not be below its START")
    count = math.floor((stop - start) / step + 1e-6) + 1
    return [start + i * step for i in range(count)]


def parse_vary(s: Scenario, text: str) -> tuple[KeyPath, list[float]]:
    """`PATH=START:STOP:STEP` → the path and its values (STOP inclusive)."""
    path_text, sep, spec = text.partition("=")
    parts = spec.split(":")
    if not sep or len(parts) != 3:
        raise UsageError(
            f"--vary {text!r}: expected PATH=START:STOP:STEP, e.g. "
            "--vary 'pledge.annual_cap=5 USD bn:40 USD bn:5 USD bn'"
        )
    path = split_path(path_text.strip())
    start, stop = (parse_field_value(s, path, p.strip()) for p in parts[:2])
    return path, grid_values(start, stop, _parse_step(s, path, parts[2].strip()))


def _parse_step(s: Scenario, path: KeyPath, text: str) -> float:
    """A step is written like the field's values; a field of plain numbers that must be negative
    (elasticity) still takes a positive step."""
    leaf = numeric_leaf(path)
    if is_plain_number(leaf):
        try:
            return float(text)
        except ValueError:
            pass
    return parse_field_value(s, path, text)


def grid_size(varies: Varies) -> int:
    return math.prod(len(values) for _, values in varies)


def sweep_columns(varies: Varies, keys: list[str]) -> list[str]:
    return [dotted(p) for p, _ in varies] + keys


def sweep_rows(s: Scenario, varies: Varies, keys: list[str], start: int, stop: int) -> list[tuple[Any, ...]]:
    """Grid points start … stop − 1 (in `itertools.product` order): the varied values, then the
    metrics, as tuples in the order of `sweep_columns`."""
    rows = []
    grid = itertools.islice(itertools.product(*(values for _, values in varies)), start, stop)
    for combo in grid:
        point = s
        for (path, _), value in zip(varies, combo, strict=True):
            point = set_value(point, path, value)
        metrics = compute_metrics(point, keys)
        rows.append((*combo, *(metrics[k] for k in keys)))
    return rows


def _sweep_task(job: tuple[Scenario, Varies, list[str]], span: tuple[int, int]) -> list[tuple[Any, ...]]:
    return sweep_rows(*job, *span)


def sweep(
    s: Scenario, varies: Varies, keys: list[str], progress: Progress | None = None
) -> Iterator[tuple[Any, ...]]:
    """Every grid point's row, in grid order, a chunk at a time (memory stays flat)."""
    total = grid_size(varies)
    spans = [(a, min(a + SWEEP_CHUNK, total)) for a in range(0, total, SWEEP_CHUNK)]
    for rows in pool.run(_sweep_task, (s, varies, keys), spans, pool.workers_for(total)):
        yield from rows
        if progress is not None:
            progress(len(rows))
