"""What each command draws with `--chart FILE` (DESIGN §4): the rows, title and foot of its
figure. The drawing is `dealcalc.render.charts` (matplotlib, imported only when a chart is drawn);
this module picks the rows the command printed, names the scenario, and carries the notes of the
view (caveats, assumptions, overrides — everything under its table but the list of sources) into
the figure's foot.

Long because it holds one function per chart a command draws (tariff, timeline, outflow, compare,
sensitivity, sweep, simulate, returns), with the shared naming of deals and regimes."""

from __future__ import annotations

import datetime as dt
import functools
import textwrap
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePath
from typing import Any

from dealcalc.blocks import Block, View
from dealcalc.catalogue import meta
from dealcalc.errors import UsageError
from dealcalc.model.inputs import Scenario
from dealcalc.render import charts as draw
from dealcalc.render import escape_field, format_value

CHARTED = (
    "tariff (and tariff --timeline), outflow --schedule, compare, sensitivity, sweep, simulate, "
    "returns --schedule and balance"
)


def prepare(chart: Path | None, view: str, drawable: bool = True, force: bool = False) -> str | None:
    """Check `--chart FILE` before any work: the view has a chart, the extension is one we
    write, the file can be written, and matplotlib is installed. Returns the format (`svg`,
    `png`, `pdf`), or None without --chart."""
    from dealcalc.output import check_target

    if chart is None:
        return None
    if not drawable:
        raise UsageError(f"--chart: {view} has no chart; charts are drawn by {CHARTED}")
    fmt = draw.chart_format(str(chart))
    check_target(chart, force=force, option="--chart")
    draw.require()
    return fmt


def save(chart: Path, data: bytes, force: bool, option: str = "--chart") -> None:
    """Write the chart (or the HTML page) atomically (a failed run writes none)."""
    from dealcalc.output import write_atomic

    write_atomic(chart, data, force=force, option=option)


def prepare_html(page: Path, force: bool) -> None:
    """Check `report --html FILE` before any work: the file can be written, and matplotlib (which
    draws the page's charts) is installed."""
    from dealcalc.output import check_target

    check_target(page, force=force, option="--html")
    draw.require("--html")


def foot_notes(views: Iterable[View]) -> list[str]:
    """The notes under the view's tables — caveats, assumptions, `--set` overrides — without the
    list of sources (the foot's source line points to the file instead), in the short form of
    `--notes short` (each caveat once, assumed figures by plain name; DESIGN §4.1). The foot
    (`charts.foot_lines`) keeps what fits in five lines and says where the rest is."""
    from dealcalc.views.short import short_notes

    notes: list[str] = []
    for view in views:
        for n in view.notes if isinstance(view, Block) else []:
            if " (below)" in n:  # a mark's meaning, whose notes are under the table, not the chart
                n = n.replace(" (below)", "")
            if not n.startswith(("Sources", "  [")) and n not in notes:
                notes.append(n)
    # no pointer line of its own: the foot's last line says where the rest is
    return [n for n in short_notes(notes, draw.FOOT_LINES - 1, pointer="") if n]


# month names written out, not strftime's %b: that follows the locale
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def deal_names(scenarios: Iterable[Scenario]) -> dict[str, str]:
    """How charts name deals (DESIGN §4.1): by country and date, `Japan, Nov 2026` (the month of
    the as-of date, else of the pledge's start), each file to its name. Two deals of one country
    in one month gain the day (`Taiwan, 12 Feb 2026`); two on one day, the file's name."""
    found = list({s.file: s for s in scenarios}.values())

    def month(s: Scenario) -> str:
        d = s.as_of or s.pledge.start
        return f"{s.country}, {MONTHS[d.month - 1]} {d.year}"

    def day(s: Scenario) -> str:
        d = s.as_of or s.pledge.start
        return f"{s.country}, {d.day} {MONTHS[d.month - 1]} {d.year}"

    names = {s.file: month(s) for s in found}
    for how in (day, lambda s: f"{s.country} ({PurePath(s.file).stem})"):
        taken = [names[s.file] for s in found]
        names.update({s.file: how(s) for s in found if taken.count(names[s.file]) > 1})
    return {f: escape_field(n) for f, n in names.items()}  # a country from a file, drawn as text


def regime_labels(scenarios: Iterable[Scenario]) -> dict[str, str]:
    """Each regime's label as the files give it (`after_122` → `after Sec. 122`), `mfn` as MFN. A
    regime without a label, or one the files label differently, keeps its name (see `relabelled`)."""
    found: dict[str, set[str]] = {}
    for s in scenarios:
        for r in s.tariffs.regimes if s.tariffs is not None else ():
            found.setdefault(r.name, set()).add(r.label or r.name)
    return {"mfn": "MFN"} | {name: escape_field(ls.pop()) for name, ls in found.items() if len(ls) == 1}


def relabelled(scenarios: Sequence[Scenario]) -> list[str]:
    """The note under a chart whose regimes keep their names because the files label them
    differently."""
    labels = regime_labels(scenarios)
    named = [
        r.name for s in scenarios for r in (s.tariffs.regimes if s.tariffs else ()) if r.name not in labels
    ]
    if not named:
        return []
    return [
        f"{', '.join(dict.fromkeys(named))}: each file labels this regime differently "
        "(tariff NAME --regimes)."
    ]


def more_notes(scenarios: Sequence[Scenario]) -> str:
    """Where a chart's reader finds the notes its foot has no room for."""
    if len(scenarios) == 1:
        return f"dealcalc report {PurePath(scenarios[0].file).stem}"
    return "the notes under the command's table, or dealcalc report NAME for each deal"


def _one(scenarios: Sequence[Scenario], view: str) -> Scenario:
    if len(scenarios) != 1:
        raise UsageError(f"--chart: {view} draws one scenario; give one SCENARIO (or leave out --chart)")
    return scenarios[0]


def _name(scenarios: Sequence[Scenario]) -> str:
    return scenarios[0].title if len(scenarios) == 1 else f"{len(scenarios)} scenarios"


def tariff_figure(
    fmt: str,
    scenarios: Sequence[Scenario],
    views: Sequence[View],
    from_regime: str | None = None,
    to_regime: str | None = None,
) -> bytes:
    """Duty per year under each regime (the rows of `tariff --regimes`)."""
    from dealcalc import views as v
    from dealcalc.model.tariff import compute_tariff, coverage

    results = [compute_tariff(s, from_regime, to_regime) for s in scenarios]
    rows = v.tariff_regimes_blocks(list(scenarios), results, [coverage(s) for s in scenarios])[0].records
    title = f"Duty per year under each tariff regime: {_name(scenarios)}"
    notes = [*draw.regime_notes(rows), *relabelled(scenarios), *foot_notes(views)]
    frame = draw.Frame(title, [s.file for s in scenarios], notes, more=more_notes(scenarios))
    return draw.to_bytes(draw.regimes_plot(rows, deal_names(scenarios), regime_labels(scenarios)), frame, fmt)


def timeline_figure(
    fmt: str,
    scenarios: Sequence[Scenario],
    block: Block,
    from_regime: str | None = None,
    as_of: dt.date | None = None,
) -> bytes:
    """Duty over time against the without-deal twin or the `--from` regime (the rows of
    `tariff --timeline`): paid solid, projected dashed, the as-of date marked."""
    from dealcalc.model.tariff import resolve_pair

    s = _one(scenarios, "tariff --timeline")
    labels = regime_labels([s])
    pair = resolve_pair(s, from_regime, None, as_of)
    held = labels.get(pair.from_regime, pair.from_regime)
    frame = draw.Frame(
        f"Duty over time, against {'the duty without the deal' if pair.twin else held + ' throughout'}: "
        f"{s.title}",
        [s.file],
        foot_notes([block]),
        subtitle="The shaded gap is the duty saved. Solid: paid; dashed: projected.",
        more=more_notes([s]),
    )
    # periods are named by their regimes' labels, not their keys
    rows = [{**r, "regime": labels.get(r["regime"], r["regime"])} for r in block.records]
    end = textwrap.fill("without the deal" if pair.twin else f"had {held} applied throughout", 24)
    return draw.to_bytes(draw.timeline_plot(rows, end, pair.day), frame, fmt)


def outflow_figure(fmt: str, scenarios: Sequence[Scenario], block: Block) -> bytes:
    """Required vs capped payments per period (the rows of `outflow --schedule`)."""
    s = _one(scenarios, "outflow --schedule")
    frame = draw.Frame(
        f"Payments needed per 12-month period vs what the caps allow: {s.title}",
        [s.file],
        [
            f"Periods start on the anniversaries of {s.pledge.start}; the deadline is {s.pledge.deadline}.",
            *foot_notes([block]),
        ],
        more=more_notes([s]),
    )
    return draw.to_bytes(draw.outflow_plot(block.records, s.pledge.deadline), frame, fmt)


def returns_figure(fmt: str, scenarios: Sequence[Scenario], block: Block) -> bytes:
    """Both sides' cumulative receipts (the rows of `returns --schedule`)."""
    s = _one(scenarios, "returns --schedule")
    title = f"What each side receives, year by year, cumulative: {s.title}"
    frame = draw.Frame(title, [s.file], foot_notes([block]), more=more_notes([s]))
    return draw.to_bytes(draw.receipts_plot(block.records), frame, fmt)


def balance_figure(fmt: str, scenarios: Sequence[Scenario], views: Sequence[View]) -> bytes:
    """The two ledgers of `balance` as waterfalls (the scenario's row of `balance -f json`)."""
    from dealcalc.model.balance import compute_balance

    s = _one(scenarios, "balance")
    row = compute_balance(s)._asdict()
    title = f"Who gains from the deal, in present value: {s.country} and the {s.partner}"
    if s.partner != "United States":
        title = f"Who gains from the deal, in present value: {s.country} and {s.partner}"
    assert s.returns is not None  # compute_balance needs it
    money = functools.partial(format_value, "usd_bn")
    notes = [
        f"Present values at {s.returns.discount_rate * 100:g}% a year to the start ({s.pledge.start}). "
        f"Tariff saved against the without-deal twin: {money(row['tariff_saved_pv_usd_bn'])}; "
        f"{s.country}'s exporters bear {row['exporter_share'] * 100:g}% of a tariff, US buyers the rest.",
        f"The regimes in force last run to the horizon. The investment the US receives "
        f"({money(row['investment_received_pv_usd_bn'])}) is in neither net.",
        *foot_notes([views[0]])[5:],  # after the view's own five lines: caveats, assumptions, --set
    ]
    frame = draw.Frame(
        title,
        [s.file],
        notes,
        subtitle=f"{s.title}. Over {row['horizon_years']} years from the start; the assets' value at the "
        "horizon is not counted.",
        more=more_notes([s]),
    )
    return draw.to_bytes(draw.balance_plot(row, escape_field(s.country), escape_field(s.partner)), frame, fmt)


NOT_DRAWN = ("text", "date", "list", "bool")


def check_metric(chart: Path | None, metric: str) -> None:
    """`compare --chart` draws one number per scenario: the first -m KEY must be a number."""
    if chart is not None and meta(metric).kind in NOT_DRAWN:
        raise UsageError(
            f"--chart: compare draws the first -m KEY as bars, and {metric} is not a number; "
            "put a numeric key first (dealcalc metrics lists them)"
        )


def _of_rows(table: Block) -> list[Scenario]:
    """The scenarios of compare's rows, for their countries and dates (compare streams its rows
    without keeping them): each row's file, loaded again (a shipped one by its name)."""
    from dealcalc.errors import DealcalcError
    from dealcalc.scenario import load_scenario

    found = []
    for r in table.records:
        f = str(r["file"])
        try:
            found.append(load_scenario(f if Path(f).is_file() else PurePath(f).stem)._replace(file=f))
        except DealcalcError:  # unreadable now: the bar keeps the file's name
            continue
    return found


def compare_figure(fmt: str, table: Block, metric: str, scenarios: Sequence[Scenario] = ()) -> bytes:
    """One bar per scenario for one metric (the rows of `compare`, marks and notes of its table),
    each named by country and date."""
    scenarios = scenarios or _of_rows(table)
    frame = draw.Frame(
        f"{meta(metric).label}, by deal",
        [r["file"] for r in table.records],
        foot_notes([table]),
        more=more_notes(scenarios),
    )
    return draw.to_bytes(draw.compare_plot(table.records, metric, deal_names(scenarios)), frame, fmt)


def sensitivity_figure(
    fmt: str, s: Scenario, views: Sequence[View], rows: Sequence[dict[str, Any]], metric: str, delta: float
) -> bytes:
    """The tornado (the rows of `sensitivity`), each input by its plain name (`input_name`; the
    key path beside a name two inputs share); the rows, and so the JSON, keep the key paths."""
    frame = draw.Frame(
        f"What moves {meta(metric).label}: each input {delta:.0%} lower and higher, {s.title}",
        [s.file],
        [*draw.tornado_notes(rows), *foot_notes(views)],
        more=more_notes([s]),
    )
    from dealcalc.views.short import input_names

    # a name may hold a tranche's or a project's name from the file: drawn as visible text
    names = {path: escape_field(n) for path, n in input_names(s, [str(r["input"]) for r in rows]).items()}
    return draw.to_bytes(draw.tornado_plot(rows, delta, names), frame, fmt)


def check_sweep(chart: Path | None, varied: int) -> None:
    if chart is not None and varied > 2:
        raise UsageError(f"--chart: a sweep is drawn over one or two --vary fields, not {varied}")


def sweep_figure(
    fmt: str,
    s: Scenario,
    rows: Sequence[dict[str, Any]],
    varied: Sequence[str],
    metric: str,
    notes: list[str],
) -> bytes:
    """A line for one varied field, a heat map for two (the rows of `sweep`; the first metric),
    each field by its plain name (`input_names`, as the table heads it)."""
    from dealcalc.scenario import input_kind
    from dealcalc.views.short import input_names, input_unit

    # a name may hold a tranche's or a project's name from the file: drawn as visible text
    names = {path: escape_field(n) for path, n in input_names(s, list(varied)).items()}
    verb = "vary" if len(varied) > 1 else "varies"
    title = f"{meta(metric).label} as the {' and the '.join(names.values())} {verb}: {s.title}"
    frame = draw.Frame(title, [s.file], foot_notes([Block("", [], [], notes=notes)]), more=more_notes([s]))
    kinds = [(path, input_kind(path)) for path in varied]
    units = {path: input_unit(s, path) or "no unit" for path in varied}
    axes = {path: n[:1].upper() + n[1:] for path, n in names.items()}
    return draw.to_bytes(draw.sweep_plot(rows, kinds, metric, units, axes), frame, fmt)


def simulate_figure(
    fmt: str,
    s: Scenario,
    views: Sequence[View],
    rows: Sequence[dict[str, Any]],
    draws: dict[str, Sequence[float]],
    runs_seed: tuple[int, int],
) -> bytes:
    """A histogram per metric with P5, P50 and P95 (the rows of `simulate`, and its draws)."""
    runs, seed = runs_seed
    frame = draw.Frame(
        f"Simulation, {runs:,} runs (seed {seed}): {s.title}",
        [s.file],
        foot_notes(views),
        more=more_notes([s]),
    )
    return draw.to_bytes(draw.simulate_plot(rows, draws), frame, fmt)


def report_html(s: Scenario, views: Sequence[View]) -> str:
    """`report NAME --html FILE`: the report's tables and notes as one self-contained page, its
    text charts replaced by the figures `--chart` draws (the outflow plan; the duty under each
    regime, and the timeline when the file dates its regimes), its sources as links."""
    from dealcalc import views as v
    from dealcalc.model.outflow import compute_schedule
    from dealcalc.render.html import SourceRef, page

    schedule = v.outflow_schedule_blocks([s], [compute_schedule(s)])[0]
    pictures = {v.outflow_chart_title(s): [outflow_figure("svg", [s], schedule)]}
    if s.tariffs is not None:
        # the pair the report's tariff table compares: each file's default (DESIGN §3.3b)
        duty = [tariff_figure("svg", [s], [])]
        if any(r.start is not None for r in s.tariffs.regimes):
            from dealcalc.model.tariff import compute_tariff_timeline, coverage, resolve_pair
            from dealcalc.model.timeline import totals_by_status

            periods, pair = compute_tariff_timeline(s), resolve_pair(s)
            totals = [totals_by_status(periods)]
            block = v.tariff_timeline_block([s], [periods], [pair], [coverage(s)], totals)
            duty.append(timeline_figure("svg", [s], block))
        pictures[v.duty_chart_title(s)] = duty
    svg = {title: [p.decode("utf-8") for p in drawn] for title, drawn in pictures.items()}
    sources = [
        SourceRef(key, ", ".join(p for p in (src.title, src.publisher, str(src.date or "")) if p), src.url)
        for key, src in s.sources.items()
    ]
    lede = " ".join((s.description or "").split())
    made = f"Made by dealcalc from the scenario {PurePath(s.file).stem}; every figure names its source above."
    return page(s.title, lede, views, svg, sources, made)
