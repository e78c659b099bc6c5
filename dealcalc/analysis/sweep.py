"""`sweep`: the grid of all combinations of the varied fields, with the metrics at each point
(DESIGN §3.6). Points are computed a chunk at a time and streamed in grid order, so memory stays
flat however big the grid is; the grid itself is never held (`Steps` computes its values).
Big grids are computed with numpy where the metrics have an array form (`analysis.vector`),
else by the scalar model in parallel processes."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

from dealcalc.analysis import pool
from dealcalc.errors import UsageError
from dealcalc.keypath import KeyPath, dotted, split_path
from dealcalc.model.inputs import RateForm, Scenario
from dealcalc.model.metrics import compute_metrics, metric_cache
from dealcalc.model.vary import set_values
from dealcalc.scenario.fields import numeric_leaf, parse_written
from dealcalc.scenario.points import point_valid
from dealcalc.scenario.spec import is_plain_number

if TYPE_CHECKING:
    from dealcalc.analysis.vector import Array, Plan

SWEEP_CHUNK = 5_000
VECTOR_CHUNK = 25_000  # points per numpy chunk: its text is ~4 MB, its working memory ~20 MB

Varies = Sequence[tuple[KeyPath, Sequence[float]]]
Progress = Callable[[int], None]


class Steps(Sequence[float]):
    """START, START+STEP, … (`size` values), computed when asked for: a grid of ten million
    points costs nothing to hold."""

    __slots__ = ("form", "size", "start", "step")

    def __init__(self, start: float, step: float, size: int) -> None:
        self.start, self.step, self.size = start, step, size
        self.form: RateForm | None = None  # a tariff rate's form as written (`+1%`: surcharge)

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, i: int) -> float: ...
    @overload
    def __getitem__(self, i: slice) -> list[float]: ...
    def __getitem__(self, i: int | slice) -> float | list[float]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self.size))]
        if not -self.size <= i < self.size:
            raise IndexError(i)
        return self.start + (i % self.size) * self.step

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Steps({self.start!r}, {self.step!r}, {self.size})"


def grid_values(start: float, stop: float, step: float) -> Steps:
    """START, START+STEP, … up to STOP inclusive (to a millionth of a step); at most
    MAX_GRID values, counted before any is made."""
    from dealcalc.scenario.points import MAX_GRID

    if not (math.isfinite(step) and step > 0):
        raise UsageError(f"the STEP of --vary must be a finite number greater than zero, not {step:g}")
    if not (math.isfinite(start) and math.isfinite(stop)):
        raise UsageError("the START and STOP of --vary must be finite numbers")
    if stop < start:
        raise UsageError("the STOP of --vary must not be below its START")
    count = (stop - start) / step + 1e-6
    if not count < MAX_GRID:
        raise UsageError(f"--vary gives more than {MAX_GRID:,} values; take a larger STEP")
    return Steps(start, step, math.floor(count) + 1)


def check_grid(varies: Varies) -> None:
    """Refuse, before any work, a path varied twice and a grid of more than MAX_GRID points."""
    from dealcalc.scenario.points import MAX_GRID

    paths = [dotted(p) for p, _ in varies]
    twice = sorted({p for p in paths if paths.count(p) > 1})
    if twice:
        raise UsageError(f"--vary {twice[0]} is given twice; vary each field once (its range in one --vary)")
    if grid_size(varies) > MAX_GRID:
        raise UsageError(
            f"the grid has {grid_size(varies):,} points, over the limit of {MAX_GRID:,}; "
            "take larger steps or vary fewer fields"
        )


def parse_vary(s: Scenario, text: str) -> tuple[KeyPath, Steps]:
    """`PATH=START:STOP:STEP` → the path and its values (STOP inclusive)."""
    path_text, sep, spec = text.partition("=")
    parts = spec.split(":")
    if not sep or len(parts) != 3:
        raise UsageError(
            f"--vary {text!r}: expected PATH=START:STOP:STEP, e.g. "
            "--vary 'pledge.annual_cap=5 USD bn:40 USD bn:5 USD bn'"
        )
    path = split_path(path_text.strip())
    (start, form), (stop, stop_form) = (parse_written(s, path, p.strip(), in_range=False) for p in parts[:2])
    if form != stop_form:
        raise UsageError(
            f"--vary {text!r}: START and STOP must be written in one form: both all-in ('15%'), "
            "both surcharges ('+15%') or both floors ('15% floor')"
        )
    steps = grid_values(start, stop, _parse_step(s, path, parts[2].strip()))
    steps.form = form
    return path, steps


def _parse_step(s: Scenario, path: KeyPath, text: str) -> float:
    """A step is written like the field's values, but it is a distance, not a value: a field of
    plain numbers that must be negative (elasticity) still takes a positive step, and a step
    below a field's least value (GDP at least 1 USD mn, population 1,000) is no slip."""
    leaf = numeric_leaf(path)
    if is_plain_number(leaf):
        try:
            return float(text)
        except ValueError:
            pass
    return parse_written(s, path, text, in_range=False)[0]


def grid_size(varies: Varies) -> int:
    return math.prod(len(values) for _, values in varies)


def sweep_columns(varies: Varies, keys: list[str]) -> list[str]:
    return [dotted(p) for p, _ in varies] + keys


@metric_cache()
def sweep_rows(s: Scenario, varies: Varies, keys: list[str], start: int, stop: int) -> list[tuple[Any, ...]]:
    """Grid points start … stop − 1 (in `itertools.product` order): the varied values, then the
    metrics, as tuples in the order of `sweep_columns`."""
    rows = []
    for i in range(start, stop):
        combo = _combo(varies, i)
        changed = {path: value for (path, _), value in zip(varies, combo, strict=True)}
        if not point_valid(s, changed):  # a point the file's rules refuse: a row, no metrics
            rows.append((*combo, *(None for _ in keys)))
            continue
        point = set_values(s, changed)
        metrics = compute_metrics(point, keys)
        rows.append((*combo, *(metrics[k] for k in keys)))
    return rows


def _combo(varies: Varies, i: int) -> tuple[float, ...]:
    """The varied values at grid point i (`itertools.product` order: the last varies fastest)."""
    out = []
    for _, values in reversed(varies):
        i, j = divmod(i, len(values))
        out.append(values[j])
    return tuple(reversed(out))


def _sweep_task(job: tuple[Scenario, Varies, list[str]], span: tuple[int, int]) -> list[tuple[Any, ...]]:
    return sweep_rows(*job, *span)


def grid_rows(
    s: Scenario, varies: Varies, keys: list[str], progress: Progress | None = None
) -> Iterator[tuple[Any, ...]]:
    """Every grid point's row, in grid order, a chunk at a time (memory stays flat)."""
    total = grid_size(varies)
    job = vector_plan(s, varies, keys)
    if job is not None:
        # in this process: rows travel back from workers slower than numpy makes them
        for rows in vector_chunks(s, varies, keys, job, rows_of, progress, parallel=False):
            yield from rows
        return
    spans = [(a, min(a + SWEEP_CHUNK, total)) for a in range(0, total, SWEEP_CHUNK)]
    for rows in pool.run(_sweep_task, (s, varies, keys), spans, pool.workers_for(total)):
        yield from rows
        if progress is not None:
            progress(len(rows))


def vector_plan(s: Scenario, varies: Varies, keys: list[str]) -> Plan | None:
    """The numpy plan of a big grid, or None for a small one or one without an array form."""
    if grid_size(varies) < pool.PARALLEL_FROM:  # below it, no numpy
        return None
    from dealcalc.analysis import vector

    return vector.plan(s, [p for p, _ in varies], keys)


Column = Any  # a float array, or one value for every point of a chunk (None: no value)
T = TypeVar("T")


def vector_chunks(
    s: Scenario,
    varies: Varies,
    keys: list[str],
    job: Plan,
    each: Callable[[list[Column]], T],
    progress: Progress | None = None,
    parallel: bool = True,
) -> Iterator[T]:
    """`each(columns)` for the grid's columns (varied values, then metrics) a chunk of points at
    a time, in grid order; in parallel processes for big grids unless not `parallel` (`each`
    must be a module-level function: workers receive it by name)."""
    total = grid_size(varies)
    spans = [(a, min(a + VECTOR_CHUNK, total)) for a in range(0, total, VECTOR_CHUNK)]
    workers = pool.workers_for(total) if parallel else 1
    for n, result in pool.run(_vector_task, (s, varies, keys, job, each), spans, workers):
        yield result
        if progress is not None:
            progress(n)


def _vector_task(
    job: tuple[Scenario, Varies, list[str], Plan, Callable[[list[Column]], T]], span: tuple[int, int]
) -> tuple[int, T]:
    s, varies, keys, plan, each = job
    return span[1] - span[0], each(_columns(s, varies, keys, plan, *span))


def _columns(s: Scenario, varies: Varies, keys: list[str], job: Plan, start: int, stop: int) -> list[Column]:
    """The columns of grid points start … stop − 1."""
    import numpy as np

    from dealcalc.analysis import vector

    index = np.arange(start, stop, dtype=np.int64)
    values = []
    for k, (_, grid) in enumerate(varies):
        at = (index // math.prod(len(v) for _, v in varies[k + 1 :])) % len(grid)
        if isinstance(grid, Steps):  # start + i × step, as Steps computes it
            values.append(grid.start + at.astype(np.float64) * grid.step)
        else:
            values.append(np.asarray(grid, dtype=np.float64)[at])
    metrics = vector.evaluate(s, job, [p for p, _ in varies], values, keys)
    valid = np.broadcast_to(
        point_valid(s, {p: v for (p, _), v in zip(varies, values, strict=True)}), index.shape
    )
    columns = [vector.column(metrics[k], stop - start) for k in keys]
    if not valid.all():  # points the file's rules refuse keep their rows, without metrics
        columns = [np.where(valid, c, np.nan) for c in columns]
    return [*values, *(_same(c) for c in columns)]


def rows_of(columns: list[Column]) -> list[tuple[Any, ...]]:
    """A chunk's columns as rows of Python values, None where a metric has no value."""
    n = len(columns[0])
    return list(zip(*(_list(c, n) for c in columns), strict=True))


def _same(column: Array) -> Array | float | None:
    """A column's one value when it is the same at every point (None for no value)."""
    first = column[0]
    if first != first:  # NaN
        return None if bool((column != column).all()) else column
    return float(first) if bool((column == first).all()) else column


def _list(column: Array | float | None, n: int) -> list[Any]:
    """A column as Python values, None where the metric has no value."""
    if column is None or isinstance(column, float):
        return [column] * n
    values: list[Any] = column.tolist()
    if column.dtype.kind == "f" and (column != column).any():
        values = [None if v != v else v for v in values]
    return values
