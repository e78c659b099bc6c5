"""What each command produces, from scenario names/paths/loaded scenarios and the command's
options: a `Result` — the rows that JSON and CSV carry, and the tables and charts a reader sees.
The Python API (`dealcalc.api`) returns a Result's rows; the command line prints the Result.
One path, so the two cannot disagree."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from dealcalc.errors import ArgumentError, Problem, ScenarioError
from dealcalc.model.inputs import Scenario
from dealcalc.render import Block, View, json_record

Source = str | os.PathLike[str] | Scenario
Row = dict[str, Any] | tuple[Any, ...]
Advance = Callable[[int], None]
# a progress bar for `total` units of long work, labelled; yields the callback that advances it
Progress = Callable[[int, str], AbstractContextManager[Advance | None]]


@contextlib.contextmanager
def no_progress(total: int, label: str) -> Iterator[Advance | None]:
    yield None


class Result:
    """A command's output: the rows that JSON and CSV carry (`columns` × `rows`, streamed as they
    come: tuples in column order or dicts) and what a table shows (`views`; by default one table
    of the rows). Problems of bad files in a batch are gathered in `problems` as rows are read."""

    def __init__(
        self,
        title: str,
        columns: list[str],
        rows: Iterable[Row],
        views: Sequence[View] | None = None,
        table_columns: list[str] | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        self.title, self.columns, self.rows = title, columns, rows
        self._views = views
        self.table_columns = table_columns
        self.problems = problems if problems is not None else []

    @classmethod
    def of(cls, views: Sequence[View], data: Block | None = None) -> Result:
        """Tables to show, and the block whose rows JSON and CSV carry (default: the first)."""
        data = data or next(v for v in views if isinstance(v, Block))
        return cls(data.title, data.columns, data.records, views)

    def gather(self) -> Result:
        """The rows read once, in a list, so that they can be both shown and written."""
        if not isinstance(self.rows, list):
            self.rows = list(self.rows)
        return self

    def views(self) -> Sequence[View]:
        if self._views is not None:
            return self._views
        records = [r if isinstance(r, dict) else dict(zip(self.columns, r, strict=True)) for r in self.rows]
        return [Block(self.title, self.columns, records, table_columns=self.table_columns)]

    def check(self) -> None:
        """Raise the problems of the batch's bad files, all together."""
        if self.problems:
            raise ScenarioError(self.problems)

    def records(self) -> list[dict[str, Any]]:
        """The rows exactly as JSON carries them (dates as ISO text, lists as lists)."""
        out = [json_record(self.columns, r) for r in self.rows]
        self.check()
        return out


# --- loading -------------------------------------------------------------------------------------


def load(source: Source, overrides: Iterable[str] = ()) -> Scenario:
    """A scenario from a shipped name or a path, with `PATH=VALUE` overrides; a loaded one as is."""
    from dealcalc.scenario import load_scenario

    if isinstance(source, Scenario):
        if list(overrides):
            raise ArgumentError(
                f"{source.file}: overrides apply while loading; pass the name or path, not a loaded scenario"
            )
        return source
    return load_scenario(os.fspath(source), overrides)


def load_all(sources: Iterable[Source], overrides: Iterable[str] = ()) -> list[Scenario]:
    """Every scenario; the problems of all files reported together."""
    overrides = list(overrides)
    scenarios, problems = [], []
    for source in sources:
        try:
            scenarios.append(load(source, overrides))
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ScenarioError(problems)
    return scenarios


# --- one table per view --------------------------------------------------------------------------


def _views() -> Any:
    from dealcalc import views

    return views


def _explained(
    blocks: Sequence[View],
    scenarios: list[Scenario],
    values: Callable[[Scenario], dict[str, Any]],
    explain: bool,
) -> Result:
    """A view's tables; with `explain`, how each figure is computed too (and, for JSON and CSV,
    those rows instead)."""
    if not explain:
        return Result.of(blocks)
    table, data = _views().explanation(scenarios, [values(s) for s in scenarios])
    return Result.of([*blocks, table], data)


def _group(name: str) -> Callable[[Scenario], dict[str, Any]]:
    from dealcalc.model.metrics import GROUPS

    return GROUPS[name]


def burden(sources: Iterable[Source], overrides: Iterable[str] = (), explain: bool = False) -> Result:
    scenarios = load_all(sources, overrides)
    return _explained(_views().burden(scenarios), scenarios, _group("burden"), explain)


def outflow(
    sources: Iterable[Source], schedule: bool = False, overrides: Iterable[str] = (), explain: bool = False
) -> Result:
    scenarios = load_all(sources, overrides)
    return _explained(_views().outflow(scenarios, schedule), scenarios, _group("outflow"), explain)


def tariff(
    sources: Iterable[Source],
    lines: bool = False,
    regimes: bool = False,
    from_regime: str = "threatened",
    to_regime: str = "agreed",
    overrides: Iterable[str] = (),
    explain: bool = False,
) -> Result:
    from dealcalc.errors import UsageError
    from dealcalc.model.tariff import compute_tariff

    if lines and regimes:
        raise UsageError("--lines and --regimes are separate views; pick one")
    scenarios = load_all(sources, overrides)
    blocks = _views().tariff(scenarios, lines, regimes, from_regime, to_regime)

    def values(s: Scenario) -> dict[str, Any]:
        return compute_tariff(s, from_regime, to_regime).record()

    return _explained(blocks, scenarios, values, explain)


def returns(
    sources: Iterable[Source], schedule: bool = False, overrides: Iterable[str] = (), explain: bool = False
) -> Result:
    scenarios = load_all(sources, overrides)
    return _explained(_views().returns(scenarios, schedule), scenarios, _group("returns"), explain)


def calls(
    sources: Iterable[Source], schedule: bool = False, overrides: Iterable[str] = (), explain: bool = False
) -> Result:
    scenarios = load_all(sources, overrides)
    return _explained(_views().calls(scenarios, schedule), scenarios, _group("calls"), explain)


def compare(
    sources: Sequence[Source] | None = None, overrides: Iterable[str] = (), explain: bool = False
) -> Result:
    """One row per scenario (default: every shipped one); without `explain`, files are loaded a
    chunk at a time as the rows are read, so 10,000 files cost the memory of a few (DESIGN §7)."""
    from dealcalc.scenario import shipped_names

    views = _views()
    names: Sequence[Source] = sources or shipped_names()
    overrides = list(overrides)
    if explain or any(isinstance(n, Scenario) for n in names):
        scenarios = load_all(names, overrides)
        return _explained(views.compare(scenarios), scenarios, views.compare_row, explain)
    from dealcalc.analysis.compare import compare_rows

    problems: list[Problem] = []
    files = [os.fspath(n) for n in names]  # type: ignore[arg-type]
    rows = compare_rows(files, overrides, views.compare_row, problems)
    shown = ["file", *views.COMPARE_KEYS]
    return Result("Deals compared", views.COMPARE_COLUMNS, rows, table_columns=shown, problems=problems)


def report(source: Source, overrides: Iterable[str] = (), explain: bool = False) -> Result:
    (s,) = load_all([source], overrides)
    return Result.of(*_views().report(s, explain))


def listing() -> Result:
    from dealcalc.scenario import shipped_names

    names = shipped_names()
    return Result.of(_views().listing(names, load_all(names)))


# --- analyses ------------------------------------------------------------------------------------


def _metric_keys(metrics: Iterable[str] | None) -> list[str]:
    from dealcalc.model.metrics import check_keys

    return check_keys(metrics or _views().COMPARE_KEYS)


def diff(a: Source, b: Source, overrides: Iterable[str] = ()) -> Result:
    sa, sb = load_all([a, b], overrides)
    return Result.of(*_views().diff(sa, sb))


def sweep(
    source: Source,
    vary: Iterable[str],
    metrics: Iterable[str] | None = None,
    overrides: Iterable[str] = (),
    progress: Progress = no_progress,
) -> Result:
    """The grid, streamed: rows are computed as they are read."""
    from dealcalc.analysis import sweep as grid

    (s,) = load_all([source], overrides)
    varies = [grid.parse_vary(s, v) for v in vary]
    keys = _metric_keys(metrics)

    def rows() -> Iterator[tuple[Any, ...]]:
        with progress(grid.grid_size(varies), "sweep") as advance:
            yield from grid.sweep(s, varies, keys, advance)

    return Result(f"Sweep: {s.title}", grid.sweep_columns(varies, keys), rows())


def sensitivity(
    source: Source, metric: str, delta: str | float = "10%", overrides: Iterable[str] = ()
) -> Result:
    from dealcalc.analysis.sensitivity import sensitivity as run_sensitivity
    from dealcalc.errors import UsageError
    from dealcalc.model.metrics import check_keys
    from dealcalc.scenario.units import Bad, parse_rate

    try:
        fraction = delta if isinstance(delta, float | int) else parse_rate(delta)
    except Bad as exc:
        raise UsageError(f"--delta {delta}: {exc}") from None
    (s,) = load_all([source], overrides)
    check_keys([metric])
    return Result.of(*_views().sensitivity(s, metric, fraction, run_sensitivity(s, metric, fraction)))


def simulate(
    source: Source,
    runs: int = 10_000,
    seed: int = 0,
    metrics: Iterable[str] | None = None,
    overrides: Iterable[str] = (),
    progress: Progress = no_progress,
) -> Result:
    from dealcalc.analysis.simulate import simulate as run_simulate
    from dealcalc.scenario.fields import accepts

    (s,) = load_all([source], overrides)
    keys = _metric_keys(metrics)
    with progress(runs, "simulate") as advance:
        summary = run_simulate(s, runs, seed, keys, accepts, advance)
    return Result.of(*_views().simulate(s, runs, seed, summary))
