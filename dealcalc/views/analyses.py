"""The tables of the analyses: diff side by side, the sensitivity tornado, the simulation bands."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from pathlib import PurePath
from typing import Any

from dealcalc.blocks import Bar, Block, Shown
from dealcalc.catalogue import meta
from dealcalc.model.inputs import Distribution, RateForm, Scenario
from dealcalc.render import cell, format_change, format_points, format_value
from dealcalc.views.notes import ALL_INPUTS, scenario_notes
from dealcalc.views.short import input_names, input_unit


def diff_blocks(
    a: Scenario, b: Scenario, compared: list[dict[str, Any]], every: bool = False
) -> tuple[list[Block], Block]:
    """Inputs that differ, then the metrics that differ side by side (`every`: all of them), with
    the change in the value's own unit: tables to read, rows for JSON/CSV. `compared`: the rows of
    `analysis.diff.diff_rows` (every input that differs, every metric)."""
    from dealcalc.scenario import input_kind

    rows = [r for r in compared if every or r["section"] == "input" or not _same(r["a"], r["b"])]
    names = [PurePath(a.file).stem, PurePath(b.file).stem]
    if names[0] == names[1]:
        names = [f"A: {names[0]}", f"B: {names[1]}"]
    inputs = [r for r in rows if r["section"] == "input"]
    metrics = [r for r in rows if r["section"] == "metric"]

    def shown(kind: str, value: Any) -> Shown:
        return Shown(format_value(kind, value) if not isinstance(value, str) else value)

    input_block = Block(
        "Inputs that differ",
        ["key", "a", "b", "change"],
        [
            {
                "key": r["key"],
                "a": shown(kind, r["a"]),
                "b": shown(kind, r["b"]),
                "change": format_change(kind, r["change"]),
            }
            for r in inputs
            # a project is named, not numbered, in a diff (`projects[NAME].amount`): its kind is a project's
            for kind in [input_kind(re.sub(r"^projects\[.*\]\.", "projects.0.", r["key"]))]
        ]
        or [{"key": "(none: the inputs are the same)"}],
    )
    side = [{m["key"]: m[col] for m in metrics} for col in ("a", "b")]
    side.append({m["key"]: format_change(meta(m["key"]).kind, m["change"]) for m in metrics})
    same = "" if every else " (those that differ; --all shows every one)"
    notes = [] if metrics else ["(none: every metric is the same)"]
    metric_block = Block(
        f"Metrics side by side{same}",
        [m["key"] for m in metrics],
        side,
        layout="metrics",
        headers=[*names, "Change"],
        notes=notes + scenario_notes([a, b], ALL_INPUTS, [m["key"] for m in metrics]),
    )
    # a regime's rows by its label, as in the tariff table (where both files label it alike);
    # imported here: burden's and outflow's tables do not need it (DESIGN §7, one-off speed)
    from dealcalc.views.pair import regime_row_labels

    keys = [m["key"] for m in metrics]
    metric_block.labels = regime_row_labels([a, b], [k[5:-7] for k in keys if k.startswith("duty_")])
    data = Block("diff", ["section", "key", "a", "b", "change"], rows)
    return [input_block, metric_block], data


def _same(a: Any, b: Any) -> bool:
    """Equal, or both numbers equal to rounding (a sum taken in another order)."""
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= 1e-12 * max(1.0, abs(a), abs(b))
    return bool(a == b)


def sensitivity_blocks(
    s: Scenario, metric: str, delta: float, rows: list[dict[str, Any]]
) -> tuple[list[Block], Block]:
    """The tornado: inputs by swing, each by its plain name (`input_names`), the metric in its
    unit, with bars scaled to the largest; the rows (JSON, CSV) keep the key paths for --set."""
    widest = max((r["swing"] or 0.0 for r in rows), default=0.0)
    kind = meta(metric).kind
    names = input_names(s, [r["input"] for r in rows])
    shown = [
        {
            "input": Shown(names[r["input"]]),
            "metric_low": Shown(format_value(kind, r["metric_low"])),
            "metric_high": Shown(format_value(kind, r["metric_high"])),
            "swing": format_change(kind, r["swing"], signed=False),
            # no bar where nothing moves (a table whose inputs all stand still has no bar column)
            "bar": Bar(r["swing"] / widest) if widest and r["swing"] else "",
        }
        for r in rows
    ]
    label = meta(metric).label
    table = Block(
        f"Sensitivity of {label} ({metric}) to each input ±{delta:.0%}: {s.title}",
        ["input", "metric_low", "metric_high", "swing", "bar"],
        shown,
        notes=[
            f"{label} as given: {cell(metric, rows[0]['metric_base']) if rows else '—'}; "
            "an input at zero does not move, so it shows no swing.",
            *scenario_notes([s], ALL_INPUTS, [metric]),
        ],
    )
    columns = [
        "input",
        "value",
        "value_low",
        "value_high",
        "metric",
        "metric_base",
        "metric_low",
        "metric_high",
        "swing",
    ]
    return [table], Block("sensitivity", columns, rows)


HEADER_WIDTH = 20  # a varied input's header is wrapped at this width
MONEY_HEADS = {"USD bn": "$bn", "USD bn per year": "$bn/yr"}


def sweep_block(
    s: Scenario,
    title: str,
    columns: list[str],
    varied: Mapping[str, RateForm | None],
    records: list[dict[str, Any]],
    notes: list[str],
) -> Block:
    """The grid as a table: each varied input headed by its plain name and its unit (`input_name`,
    `input_unit`), its values written as the scenario writes them (`format_points`: 10, 12.5%,
    1,300; a rate in its form, `+10%`, `15% floor`); the metrics as in every table. `varied`: each
    varied key path with its rates' form. The records (JSON, CSV) keep the key paths."""
    from dealcalc.scenario import input_kind

    shown = [dict(r) for r in records]
    for path, form in varied.items():
        points = format_points(input_kind(path), [r[path] for r in records])
        for r, text in zip(shown, points, strict=True):
            # a rate as it was written: `+10%` on top of MFN, `15% floor`
            written = f"+{text}" if form == "surcharge" else f"{text} floor" if form == "floor" else text
            r[path] = Shown(written if r[path] is not None else text)
    block = Block(title, columns, shown, notes=notes)
    for path, name in input_names(s, list(varied)).items():
        unit = input_unit(s, path)
        # money as the catalogue's headers write it ("Shortfall $bn"); a percent is in each value
        unit = MONEY_HEADS.get(unit, f"({unit})" if unit and unit != "%" else "")
        header = f"{name[:1].upper()}{name[1:]} {unit}".rstrip()
        # a header of lines (a number's column is as wide as its header's longest line)
        block.labels[path] = "\n".join(
            textwrap.wrap(header, HEADER_WIDTH, break_long_words=False, break_on_hyphens=False)
        )
        block.kinds[path] = input_kind(path)
    return block


def simulate_blocks(
    s: Scenario, runs: int, seed: int, summary: list[dict[str, Any]]
) -> tuple[list[Block], Block]:
    """Mean and percentiles per metric: a column per statistic in the table."""
    keys = [r["metric"] for r in summary]
    stats = [{r["metric"]: r[stat] for r in summary} for stat in ("mean", "p5", "p50", "p95")]
    names = input_names(s, list(s.uncertainty))
    drawn = "; ".join(f"{names[path]}, {_distribution(path, d)}" for path, d in s.uncertainty.items())
    skipped = max((r["missing"] for r in summary), default=0)
    table = Block(
        f"Simulation, {runs:,} runs{f', {skipped:,} skipped' if skipped else ''} (seed {seed}): {s.title}",
        keys,
        stats,
        layout="metrics",
        headers=["mean", "P5", "P50", "P95"],
        notes=[
            f"Drawn: {drawn}.",
            *_skipped_notes(summary, runs),
            *scenario_notes([s], ALL_INPUTS, keys),
        ],
    )
    columns = ["metric", "mean", "p5", "p50", "p95", "runs", "missing"]
    return [table], Block("simulate", columns, [{**r} for r in summary])


def _distribution(path: str, d: Distribution) -> str:
    """A distribution in words, its parameters in the field's unit (`uniform from 3.0% to 9.0%`,
    `normal, mean 1,400, sd 50`); a lognormal's are of the logarithm, as written."""
    from dealcalc.scenario import input_kind

    kind = input_kind(path)
    p = [format_value(kind, v) for v in d.params]
    form = f" ({d.form})" if d.form and d.form != "all-in" else ""
    if d.kind == "normal":
        return f"normal, mean {p[0]}, sd {p[1]}{form}"
    if d.kind == "uniform":
        return f"uniform from {p[0]} to {p[1]}{form}"
    if d.kind == "triangular":
        return f"triangular from {p[0]} to {p[2]}, mode {p[1]}{form}"
    mu, sigma = d.params
    return f"lognormal, μ {mu:g}, σ {sigma:g} of the logarithm{form}"


def _skipped_notes(summary: list[dict[str, Any]], runs: int) -> list[str]:
    """Runs left out of the statistics: draws a file would refuse, or a metric without a value
    (the `missing` column of -f csv/json)."""
    counts = {r["metric"]: r["missing"] for r in summary if r["missing"]}
    if not counts:
        return []
    why = "drew values a file would refuse or gave no value; the statistics are over the rest"
    if len(set(counts.values())) == 1 and len(counts) == len(summary):
        return [f"Skipped: {next(iter(counts.values())):,} of {runs:,} runs {why}."]
    each = ", ".join(f"{k} {n:,}" for k, n in counts.items())
    return [f"Skipped runs ({each} of {runs:,}) {why}."]
