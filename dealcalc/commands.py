"""What each command produces, from scenario names/paths/loaded scenarios and the command's
options: a `Result` — the rows that JSON and CSV carry, and the tables and charts a reader sees.
The Python API (`dealcalc.api`) returns a Result's rows; the command line prints the Result.
One path, so the two cannot disagree. The builders run the model and the analyses and hand the
results to `dealcalc.views`, which only lays them out (and `--explain`'s rows to
`views.explanation_blocks`, worked by `dealcalc.workings`).

Long because it holds one builder per command, so that a command's whole path from its options to
its rows reads in one place (and `Result`, which they all return)."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, NamedTuple

from dealcalc import views
from dealcalc.blocks import Block, View
from dealcalc.errors import ArgumentError, Problem, ScenarioError
from dealcalc.model.inputs import Compared, Scenario
from dealcalc.render import head_and_tail, json_record
from dealcalc.views.short import COMPARE_LINES, LEVELS, Level, at_level

Source = str | os.PathLike[str] | Scenario
Sources = Iterable[Source | list[Source]]  # `burden("a", "b")` or `burden(["a", "b"])`
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
    of the rows, drawn by `table` if given, with `notes` under it). Problems of bad files in a
    batch are gathered in `problems` as the rows are read."""

    def __init__(
        self,
        title: str,
        columns: list[str],
        rows: Iterable[Row],
        views: Sequence[View] | None = None,
        table: Callable[[list[dict[str, Any]]], Block] | None = None,
        notes: list[str] | None = None,
        problems: list[Problem] | None = None,
        scenarios: Sequence[Scenario] = (),
        csv_body: Callable[[], Iterator[str]] | None = None,
    ) -> None:
        self.title, self.columns, self.rows = title, columns, rows
        self.scenarios = list(scenarios)  # what the rows are of (for charts drawn from them)
        self._views = views
        self._table = table  # the table of the gathered rows, when it is not a plain one
        self.notes = notes or []
        self.problems = problems if problems is not None else []
        # the rows as CSV text (no header), a chunk at a time, where that is faster than `rows`
        self.csv_body = csv_body
        # `--notes`: how much the tables say under them (JSON and CSV rows keep every list), and
        # in how many lines at most, for `short`
        self.notes_level: Level = "full"
        self.notes_budget: int | None = None

    def with_notes(self, level: str | None, budget: int | None = None) -> Result:
        """The tables' notes at `level` (`--notes`: full, short or none; None: as the command
        chose, `short` for compare and report), in at most `budget` lines when short."""
        if level is None:
            return self
        if level not in LEVELS:
            raise ArgumentError(f"--notes {level}: expected one of {', '.join(LEVELS)}")
        self.notes_level, self.notes_budget = level, budget if budget is not None else self.notes_budget
        return self

    @classmethod
    def of(cls, scenarios: Sequence[Scenario], views: Sequence[View], data: Block | None = None) -> Result:
        """Tables to show, and the block whose rows JSON and CSV carry (default: the first)."""
        data = data or next(v for v in views if isinstance(v, Block))
        return cls(data.title, data.columns, data.records, views, scenarios=scenarios)

    def gather(self) -> Result:
        """The rows read once, in a list, so that they can be both shown and written."""
        if not isinstance(self.rows, list):
            self.rows = list(self.rows)
        return self

    def views(self, keep: int | None = None) -> Sequence[View]:
        """The tables, their notes at the `notes_level`; with `keep`, a table of more rows than
        that holds only the first and the last `keep` // 2 (its `gap` says how many are left
        out), and the others are never kept."""
        return at_level(self._all_views(keep), self.notes_level, self.notes_budget)

    def _all_views(self, keep: int | None) -> Sequence[View]:
        if self._views is not None:
            return self._views
        if keep is None:
            records = self.dicts()
            total = len(records)
        else:
            records, total = head_and_tail(self.rows, self.columns, keep)
        if self._table is not None:
            block = self._table(records)
        else:
            block = Block(self.title, self.columns, records, notes=self.notes)
        if total > len(records):
            block.gap = (len(records) // 2, total - len(records))
        return [block]

    def table(self) -> Block:
        """The first table (what the chart of a one-table command is drawn from)."""
        return next(v for v in self.views() if isinstance(v, Block))

    def dicts(self) -> list[dict[str, Any]]:
        """The rows as dicts of their values (not yet written as JSON), read once."""
        self.gather()
        return [r if isinstance(r, dict) else dict(zip(self.columns, r, strict=True)) for r in self.rows]

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


def checked_sources(sources: Iterable[Any] | None, *, some: bool = True) -> list[Source]:
    """The scenarios a call names, as a list: `burden("a", "b")` and `burden(["a", "b"])` alike
    (a list or tuple among them is spread); each a name, a path or a loaded Scenario. With
    `some`, none at all is an ArgumentError (the API's `burden()`), not an IndexError later."""
    out: list[Source] = []
    for source in sources or ():
        if isinstance(source, list | tuple) and not isinstance(source, Scenario):  # a NamedTuple
            out.extend(source)
        else:
            out.append(source)
    for source in out:
        if not isinstance(source, str | os.PathLike | Scenario):
            raise ArgumentError(
                f"{_short(source)} is not a scenario; give a shipped name, a file path or a "
                "loaded Scenario (dealcalc.load)"
            )
    if some and not out:
        raise ArgumentError("no scenario given; name one or more, e.g. burden('korea-2025-11-mou')")
    return out


def checked_overrides(overrides: Iterable[str] | str | None) -> list[str]:
    """`PATH=VALUE` overrides as a list: one string is one override (not one per character)."""
    given = [overrides] if isinstance(overrides, str) else list(overrides or ())
    for o in given:
        if not isinstance(o, str):
            raise ArgumentError(
                f"overrides: {_short(o)} is not a 'PATH=VALUE' string, e.g. 'economy.fx_rate=1500'"
            )
    return given


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def load_all(sources: Sources, overrides: Iterable[str] | str = ()) -> list[Scenario]:
    """Every scenario: shipped names and paths loaded with the `PATH=VALUE` (or
    `NAME:PATH=VALUE`) overrides, loaded ones as they are; the problems of all files together."""
    from dealcalc.scenario import load_scenario, parse_assignments

    sources, overrides = checked_sources(sources), checked_overrides(overrides)
    loaded = [s for s in sources if isinstance(s, Scenario)]
    if loaded and overrides:
        raise ArgumentError(
            f"{loaded[0].file}: overrides apply while loading; pass the name or path, not a loaded scenario"
        )
    given = parse_assignments(overrides, [os.fspath(s) for s in sources]) if overrides else []  # type: ignore[arg-type]
    scenarios, problems = [], []
    for source in sources:
        try:
            scenarios.append(
                source if isinstance(source, Scenario) else load_scenario(os.fspath(source), given)
            )
        except ScenarioError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ScenarioError(problems)
    return scenarios


def load(source: Source, overrides: Iterable[str] = ()) -> Scenario:
    """One scenario, as `load_all` loads it."""
    (s,) = load_all([source], overrides)
    return s


# --- one table per view --------------------------------------------------------------------------


Values = Callable[[Scenario], dict[str, Any]]


def _explained(blocks: Sequence[View], scenarios: list[Scenario], values: Values, explain: bool) -> Result:
    """A view's tables; with `explain`, how each figure is computed too (and, for JSON and CSV,
    those rows instead)."""
    if not explain:
        return Result.of(scenarios, blocks)
    table, data = views.explanation_blocks(
        scenarios, explained_rows(scenarios, [values(s) for s in scenarios])
    )
    return Result.of(scenarios, [*blocks, table], data)


def explained_rows(scenarios: Sequence[Scenario], values: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """`--explain`'s rows: each scenario's metrics in `values` with their formulas worked."""
    from dealcalc.workings import explain

    return [row for s, v in zip(scenarios, values, strict=True) for row in explain(s, v)]


def _group(name: str) -> Values:
    from dealcalc.model.metrics import GROUPS

    return GROUPS[name]


def _coverages(scenarios: Sequence[Scenario]) -> list[float | None]:
    """The share of exports to the partner each file's tariff lines cover (the notes warn below 95%)."""
    from dealcalc.model.tariff import coverage

    return [coverage(s) for s in scenarios]


def _burden_views(scenarios: list[Scenario]) -> list[Block]:
    from dealcalc.model.burden import compute_burden

    return views.burden_blocks(scenarios, [compute_burden(s) for s in scenarios])


def burden(sources: Sources, overrides: Iterable[str] = (), explain: bool = False) -> Result:
    scenarios = load_all(sources, overrides)
    return _explained(_burden_views(scenarios), scenarios, _group("burden"), explain)


def _outflow_views(scenarios: list[Scenario], day: dt.date | None) -> list[Block]:
    from dealcalc.model.outflow import capped_pace_usd_bn, compute_outflow

    results = [compute_outflow(s, day) for s in scenarios]
    return views.outflow_blocks(scenarios, results, [capped_pace_usd_bn(s) for s in scenarios])


def outflow(
    sources: Sources,
    schedule: bool = False,
    as_of: str | dt.date | None = None,
    overrides: Iterable[str] = (),
    explain: bool = False,
) -> Result:
    from dealcalc.errors import UsageError
    from dealcalc.model.outflow import compute_outflow, compute_schedule

    day = _date_option("--as-of", as_of)
    if schedule and day is not None:
        raise UsageError("--as-of dates the progress of the summary; --schedule has none: drop one of them")
    scenarios = load_all(sources, overrides)

    def values(s: Scenario) -> dict[str, Any]:
        return compute_outflow(s, day)._asdict()

    if schedule:
        blocks = views.outflow_schedule_blocks(scenarios, [compute_schedule(s) for s in scenarios])
    else:
        blocks = _outflow_views(scenarios, day)
    return _explained(blocks, scenarios, values, explain)


def _date_option(option: str, value: str | dt.date | None) -> dt.date | None:
    """An ISO date given to an option (None when not given); a bad one is a usage error."""
    if value is None or isinstance(value, dt.date):
        return value
    from dealcalc.errors import UsageError
    from dealcalc.scenario.units import Bad, parse_date

    try:
        return parse_date(value)
    except Bad as exc:
        raise UsageError(f"{option}: {exc}") from None


class Pair(NamedTuple):
    """`--as-of`, `--from`, `--to` as given (None: not given): the tariff pair a command compares."""

    as_of: str | dt.date | None = None
    from_regime: str | None = None
    to_regime: str | None = None

    def compared(self) -> Compared:
        return Compared(_date_option("--as-of", self.as_of), self.from_regime, self.to_regime)


NO_PAIR = Pair()


def comparing(scenarios: list[Scenario], pair: Pair) -> list[Scenario]:
    """The scenarios, each carrying the pair asked for (DESIGN §3.3b)."""
    compared = pair.compared()
    return scenarios if compared == Compared() else [s._replace(compared=compared) for s in scenarios]


def tariff(
    sources: Sources,
    lines: bool = False,
    regimes: bool = False,
    from_regime: str | None = None,
    to_regime: str | None = None,
    overrides: Iterable[str] = (),
    explain: bool = False,
    as_of: str | dt.date | None = None,
    timeline: bool = False,
) -> Result:
    from dealcalc.errors import UsageError
    from dealcalc.model.tariff import compute_tariff, compute_tariff_lines

    if sum((lines, regimes, timeline)) > 1:
        raise UsageError("--lines, --regimes and --timeline are separate views; pick one")
    day = _date_option("--as-of", as_of)
    scenarios = comparing(load_all(sources, overrides), Pair(day, from_regime, to_regime))
    blocks: list[Block]
    if timeline:
        blocks = [tariff_timeline_block(scenarios, from_regime, day)]
    elif lines:
        blocks = views.tariff_lines_blocks(
            scenarios, [compute_tariff_lines(s) for s in scenarios], _coverages(scenarios)
        )
    else:
        results = [compute_tariff(s, from_regime, to_regime, day) for s in scenarios]
        shown = views.tariff_regimes_blocks if regimes else views.tariff_blocks
        blocks = shown(scenarios, results, _coverages(scenarios))

    def values(s: Scenario) -> dict[str, Any]:
        return compute_tariff(s, from_regime, to_regime, day).record()

    return _explained(blocks, scenarios, values, explain)


def tariff_timeline_block(scenarios: list[Scenario], from_regime: str | None, day: dt.date | None) -> Block:
    """`tariff --timeline`'s table: each scenario's periods against the twin or `from_regime`."""
    from dealcalc.model.tariff import compute_tariff_timeline, resolve_pair
    from dealcalc.model.timeline import totals_by_status

    timelines = [compute_tariff_timeline(s, from_regime, day) for s in scenarios]
    pairs = [resolve_pair(s, from_regime, None, day) for s in scenarios]
    totals = [totals_by_status(t) for t in timelines]
    return views.tariff_timeline_block(scenarios, timelines, pairs, _coverages(scenarios), totals)


def returns(
    sources: Sources, schedule: bool = False, overrides: Iterable[str] = (), explain: bool = False
) -> Result:
    from dealcalc.model.returns import compute_returns_schedule

    scenarios = load_all(sources, overrides)
    if schedule:
        blocks = views.returns_schedule_blocks(scenarios, [compute_returns_schedule(s) for s in scenarios])
    else:
        blocks = _returns_views(scenarios)
    return _explained(blocks, scenarios, _group("returns"), explain)


def _returns_views(scenarios: list[Scenario]) -> list[Block]:
    from dealcalc.model.returns import compute_returns

    return views.returns_blocks(scenarios, [compute_returns(s) for s in scenarios])


def balance(
    sources: Sources,
    overrides: Iterable[str] = (),
    explain: bool = False,
    as_of: str | dt.date | None = None,
) -> Result:
    """Always against the without-deal twin: `as_of` only adds the freshness note (DESIGN §3.3b)."""
    scenarios = comparing(load_all(sources, overrides), Pair(as_of))
    tables, data = _balance_views(scenarios)
    if not explain:
        return Result.of(scenarios, tables, data)
    values = [_group("balance")(s) for s in scenarios]
    table, rows = views.explanation_blocks(scenarios, explained_rows(scenarios, values))
    return Result.of(scenarios, [*tables, table], rows)


def _balance_views(scenarios: list[Scenario]) -> tuple[list[Block], Block]:
    from dealcalc.model.balance import balance_spans, compute_balance
    from dealcalc.model.dates import anniversary

    results = [compute_balance(s) for s in scenarios]
    ends = [anniversary(s.pledge.start, r.horizon_years) for s, r in zip(scenarios, results, strict=True)]
    last = [balance_spans(s, end)[-1] for s, end in zip(scenarios, ends, strict=True)]
    return views.balance_blocks(scenarios, results, ends, last)


def calls(
    sources: Sources,
    schedule: bool = False,
    overrides: Iterable[str] = (),
    explain: bool = False,
    pair: Pair = NO_PAIR,
) -> Result:
    from dealcalc.model.calls import compute_call_schedule

    scenarios = comparing(load_all(sources, overrides), pair)
    if schedule:
        blocks = views.calls_schedule_blocks(scenarios, [compute_call_schedule(s) for s in scenarios])
    else:
        blocks = _calls_views(scenarios)
    return _explained(blocks, scenarios, _group("calls"), explain)


def _calls_views(scenarios: list[Scenario]) -> list[Block]:
    from dealcalc.model.calls import compute_calls

    return views.calls_blocks(scenarios, [compute_calls(s) for s in scenarios], _coverages(scenarios))


DEFAULTS = Compared()  # the default pair of each scenario


def compare_row(
    s: Scenario, keys: Sequence[str] = views.COMPARE_KEYS, compared: Compared = DEFAULTS
) -> dict[str, Any]:
    """One scenario's row of the league table (`views.compare_record`): the metrics asked for,
    each view's computed together (a view whose core input the file lacks — returns:, tariff
    lines — leaves its keys null); `compared`: the tariff pair asked for (DESIGN §3.3b), when not
    the defaults. Module-level: a batch's workers receive it by name."""
    from dealcalc.errors import MissingInputError
    from dealcalc.model.metrics import compute_metrics, group_of
    from dealcalc.model.tariff import coverage

    if compared != DEFAULTS:
        s = s._replace(compared=compared)
    wanted = views.metric_keys(keys)
    values: dict[str, Any] = {}
    for group in dict.fromkeys(group_of(k) for k in wanted):
        try:
            values.update(compute_metrics(s, [k for k in wanted if group_of(k) == group]))
        except MissingInputError:
            continue
    return views.compare_record(s, keys, values, coverage(s))


def compare(
    sources: Sequence[Source | list[Source]] | None = None,
    metrics: Iterable[str] | None = None,
    overrides: Iterable[str] = (),
    explain: bool = False,
    pair: Pair = NO_PAIR,
    latest: bool = False,
) -> Result:
    """One row per scenario (default: every shipped one) with the compare keys or `metrics`;
    without `explain`, files are loaded a chunk at a time as the rows are read, so 10,000 files
    cost the memory of a few (DESIGN §7). `latest`: only each country's newest file."""
    from dealcalc.model.metrics import check_keys
    from dealcalc.scenario import shipped_names

    names: list[Source] = checked_sources(sources, some=False) or list(shipped_names())
    metrics = [metrics] if isinstance(metrics, str) else list(metrics or ())
    keys = check_keys(metrics, extra=list(views.COMPARE_EXTRA)) if metrics else views.COMPARE_KEYS
    overrides = checked_overrides(overrides)
    row = functools.partial(compare_row, keys=keys, compared=pair.compared())
    if latest:  # every file is read to find the newest per country; those rows are computed as below
        loaded = load_all(names, overrides)
        labels = [n.file if isinstance(n, Scenario) else os.fspath(n) for n in names]
        names = [s for s, new in zip(loaded, views.newest_per_country(labels, loaded), strict=True) if new]
        overrides = []  # applied: the newest are loaded scenarios now
    if explain or any(isinstance(n, Scenario) for n in names):
        scenarios = comparing(load_all(names, overrides), pair)
        league = views.compare_blocks([compare_row(s, keys) for s in scenarios], keys)
        return _explained(league, scenarios, row, explain).with_notes("short", COMPARE_LINES)
    from dealcalc.analysis.compare import compare_rows
    from dealcalc.scenario import parse_assignments

    files = [os.fspath(n) for n in names]  # type: ignore[arg-type]
    problems: list[Problem] = []
    rows = compare_rows(files, parse_assignments(overrides, files), row, problems)
    title = "Deals compared"
    table = functools.partial(views.compare_table, keys=keys)
    result = Result(title, views.compare_columns(keys), rows, table=table, problems=problems)
    return result.with_notes("short", COMPARE_LINES)  # many files: each caveat once (DESIGN §4.1)


def report(
    source: Source, overrides: Iterable[str] = (), explain: bool = False, pair: Pair = NO_PAIR
) -> Result:
    (s,) = comparing([load(source, overrides)], pair)
    sections = report_sections(s)
    explained = None
    if explain:
        explained = views.explanation_blocks([s], explained_rows([s], [views.report_values(sections)]))[0]
    return Result.of([s], *views.report_blocks(s, sections, explained)).with_notes(
        "short"
    )  # each caveat once


def report_sections(s: Scenario) -> list[views.Section]:
    """The views that apply to the scenario, each with its tables and the charts of the outflow
    plan and the duty."""
    from dealcalc.model.outflow import compute_schedule

    sections: list[views.Section] = [
        ("burden", _burden_views([s])),
        (
            "outflow",
            views.chart_after_table(_outflow_views([s], None), views.outflow_chart(s, compute_schedule(s))),
        ),
    ]
    if s.tariffs is not None:
        from dealcalc.model.tariff import compute_tariff

        result = compute_tariff(s)
        sections.append(
            ("tariff", [*views.tariff_blocks([s], [result], _coverages([s])), views.duty_chart(s, result)])
        )
    if s.returns is not None:
        sections.append(("returns", _returns_views([s])))
    if s.projects:
        sections.append(("calls", _calls_views([s])))
    dated = s.tariffs is not None and any(r.start is not None for r in s.tariffs.regimes)
    if s.returns is not None and s.incidence is not None and dated:  # what the balance needs
        sections.append(("balance", [_balance_views([s])[1]]))
    return sections


def metrics() -> Result:
    """Every metric key with its unit, view and meaning."""
    return Result.of([], [views.metric_catalogue()])


def listing() -> Result:
    from dealcalc.scenario import shipped_names

    names = shipped_names()
    scenarios = load_all(names)
    return Result.of(scenarios, views.listing_blocks(names, scenarios))


def trade(partner: str, by: str = "bucket") -> Result:
    """The shipped 2024 trade table for one partner, by bucket or by HS chapter and bucket."""
    from dealcalc import tradedata

    records = tradedata.rows(partner, by)
    code = tradedata.partner_code(partner)
    _, census, name = tradedata.PARTNERS[code]
    imports, duty = tradedata.totals(code)
    columns = list(records[0])
    per = "HS chapter and bucket" if by == "chapter" else "bucket"
    return Result.of(
        [],
        [
            Block(
                f"US imports for consumption from {name} in 2024, by {per} (Census code {census})",
                columns,
                records,
                notes=[
                    f"Total: ${imports:,.2f} bn of imports; MFN duty collected ${duty:,.2f} bn "
                    f"({duty / imports:.2%} of imports).",
                    "Buckets: what each holds is in 'dealcalc trade --help' and docs/trade-data.md.",
                    tradedata.SOURCE,
                ],
            )
        ],
    )


# --- analyses ------------------------------------------------------------------------------------


def _numeric_keys(metrics: Iterable[str] | None) -> list[str]:
    from dealcalc.model.metrics import check_numeric

    return check_numeric(([metrics] if isinstance(metrics, str) else metrics) or views.DEFAULT_METRICS)


def diff(a: Source, b: Source, overrides: Iterable[str] = (), every: bool = False) -> Result:
    from dealcalc.analysis.diff import diff_rows

    sa, sb = load_all([a, b], overrides)
    return Result.of([sa, sb], *views.diff_blocks(sa, sb, diff_rows(sa, sb), every))


def sweep(
    source: Source,
    vary: Iterable[str],
    metrics: Iterable[str] | None = None,
    overrides: Iterable[str] = (),
    progress: Progress = no_progress,
    pair: Pair = NO_PAIR,
) -> Result:
    """The grid, streamed: rows are computed as they are read."""
    from dealcalc.analysis import sweep as grid
    from dealcalc.model.vary import with_form

    keys = _numeric_keys(metrics)
    (s,) = comparing([load(source, overrides)], pair)
    varies = [grid.parse_vary(s, v) for v in ([vary] if isinstance(vary, str) else vary)]
    grid.check_grid(varies)
    for path, values in varies:  # a value keeps the form it is written in (`+1%`: a surcharge)
        s = with_form(s, path, values.form)

    def rows() -> Iterator[tuple[Any, ...]]:
        with progress(grid.grid_size(varies), "sweep") as advance:
            yield from grid.grid_rows(s, varies, keys, advance)

    job = grid.vector_plan(s, varies, keys)

    def csv_body() -> Iterator[str]:  # numpy's columns straight to text, in the workers
        from dealcalc.render import csv_chunk

        assert job is not None
        with progress(grid.grid_size(varies), "sweep") as advance:
            yield from grid.vector_chunks(s, varies, keys, job, csv_chunk, advance)

    notes = views.scenario_notes([s], ("",), keys)
    columns = grid.sweep_columns(varies, keys)
    body = csv_body if job is not None else None
    title = f"Sweep: {s.title}"
    # each varied input with the form its rates are written in (`+10%`: a surcharge)
    varied = {path: values.form for path, (_, values) in zip(columns, varies, strict=False)}

    def table(records: list[dict[str, Any]]) -> Block:
        return views.sweep_block(s, title, columns, varied, records, notes)

    return Result(title, columns, rows(), table=table, notes=notes, scenarios=[s], csv_body=body)


def sensitivity(
    source: Source,
    metric: str,
    delta: str | float = "10%",
    overrides: Iterable[str] = (),
    pair: Pair = NO_PAIR,
) -> Result:
    from dealcalc.analysis.sensitivity import sensitivity_rows

    fraction = parse_delta(delta)
    _numeric_keys([metric])
    (s,) = comparing([load(source, overrides)], pair)
    return Result.of(
        [s], *views.sensitivity_blocks(s, metric, fraction, sensitivity_rows(s, metric, fraction))
    )


def parse_delta(delta: str | float) -> float:
    """How far `sensitivity` moves each input: a rate (`"10%"`) or a fraction (0.1)."""
    from dealcalc.errors import UsageError
    from dealcalc.scenario.units import Bad, parse_rate

    try:
        fraction = parse_rate(delta) if isinstance(delta, str) else float(delta)
    except Bad as exc:
        raise UsageError(f"--delta {delta}: {exc}") from None
    if not 0 <= fraction <= 1:  # an amount moved down by more than itself would be negative
        raise UsageError(f"--delta {delta}: at most 100% (an input moved down by more would turn negative)")
    return fraction


def simulate(
    source: Source,
    runs: int = 10_000,
    seed: int = 0,
    metrics: Iterable[str] | None = None,
    overrides: Iterable[str] = (),
    progress: Progress = no_progress,
    draws: dict[str, Any] | None = None,
    pair: Pair = NO_PAIR,
) -> Result:
    """The summary of the draws; `draws`, if given, receives every metric's values too."""
    from dealcalc.analysis.simulate import simulate_summary
    from dealcalc.scenario.points import MAX_GRID

    if isinstance(runs, bool) or not isinstance(runs, int) or not 1 <= runs <= MAX_GRID:
        raise ArgumentError(
            f"runs: {_short(runs)} is not a number of draws; give a whole number from 1 to {MAX_GRID:,}"
        )
    keys = _numeric_keys(metrics)
    (s,) = comparing([load(source, overrides)], pair)
    with progress(runs, "simulate") as advance:
        summary = simulate_summary(s, runs, seed, keys, advance, draws)
    return Result.of([s], *views.simulate_blocks(s, runs, seed, summary))
