"""The league table (`compare`): a row per scenario (its metrics computed by
`dealcalc.commands.compare_row`), its marks and their notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from dealcalc.blocks import ABOUT_KEYS, Block
from dealcalc.model.inputs import Scenario
from dealcalc.views.notes import (
    _about,
    _ident,
    assumption_notes,
    caveat_notes,
    coverage_notes,
    freshness_notes,
    override_notes,
)

COMPARE_KEYS = [
    "pledge_usd_bn",
    "pledge_to_gdp",
    "pledge_to_reserves",
    "surplus_years",
    "required_annual_pace_usd_bn",
    "pace_to_cap",
    "years_needed_at_cap",
    "annual_savings_usd_bn",
    "pledge_to_annual_savings",
    "tariff_coverage",
    "binding",
]


COMPARE_COLUMNS = ["scenario", "file", *COMPARE_KEYS, *ABOUT_KEYS]


# The metrics that sweep and simulate report unless asked for others: the league table's numbers.
DEFAULT_METRICS = [k for k in COMPARE_KEYS if k != "binding"]


# Keys of a compare row besides the metrics of §3.1–3.3.
COMPARE_EXTRA = {"binding": lambda s: s.pledge.binding}


class Marked(NamedTuple):
    """What a mark is judged on: the scenario, the metric columns shown, and the share of its
    exports to the partner its tariff lines cover (None without lines)."""

    s: Scenario
    keys: Sequence[str]
    coverage: float | None
    assumed: Sequence[str] = ()  # the assumed figures among the inputs of `keys`


class Mark(NamedTuple):
    """A mark on a row of the league table, explained under it: whether it applies to a row
    and the lines that detail it."""

    letter: str
    meaning: str
    applies: Callable[[Marked], bool]
    details: Callable[[Marked], list[str]] = lambda m: []


MARKS = [
    Mark("c", "carries caveats (below)", lambda m: bool(m.s.caveats), lambda m: caveat_notes([m.s], True)),
    Mark(
        "n",
        "not binding, a private pledge (its burden ratios are upper bounds)",
        lambda m: not m.s.pledge.binding,
    ),
    Mark(
        "a",
        "rests on assumed figures (below)",
        lambda m: bool(m.assumed),
        lambda m: assumption_notes([m.s], m.keys, True, brief=True, given=[m.assumed]),
    ),
    Mark("s", "changed by --set", lambda m: bool(m.s.overrides), lambda m: override_notes([m.s], True)),
    Mark(
        "p",
        "partial tariff figures: the tariff lines cover under 95% of exports to the partner, and duty "
        "and savings count only those lines",
        lambda m: bool(coverage_notes([m.s], [m.coverage])),
    ),
]


def metric_keys(keys: Sequence[str]) -> list[str]:
    """The metrics among a compare row's keys (not the COMPARE_EXTRA read from the file)."""
    return [k for k in keys if k not in COMPARE_EXTRA]


def compare_record(
    s: Scenario, keys: Sequence[str], values: dict[str, Any], coverage: float | None
) -> dict[str, Any]:
    """One scenario's row of the league table: the metrics asked for (`values`, computed; a
    metric missing from them is null), what it carries besides (DESIGN §4), and for the table its
    marks and their details; `coverage` as `Marked` has it."""
    shown = metric_keys(keys)
    about = _about(s, shown)
    marked = Marked(s, shown, coverage, about["assumed_inputs"])
    marks = [m for m in MARKS if m.applies(marked)]
    return {
        **_ident(s),
        **dict.fromkeys(keys),
        **values,
        **{k: COMPARE_EXTRA[k](s) for k in keys if k in COMPARE_EXTRA},
        **about,
        "marks": "".join(m.letter for m in marks),
        "mark_notes": freshness_notes([s]) + [line for m in marks for line in m.details(marked)],
    }


def compare_columns(keys: Sequence[str]) -> list[str]:
    return ["scenario", "file", *keys, *ABOUT_KEYS]


def compare_table(records: list[dict[str, Any]], keys: Sequence[str]) -> Block:
    """The league table: a row per scenario, its marks explained under it, and where to find
    each row's sources (a table of many files has no room to list them)."""
    used = {letter for r in records for letter in r.get("marks", "")}
    notes = [f"{m.letter}: {m.meaning}." for m in MARKS if m.letter in used]
    notes += [line for r in records for line in r.get("mark_notes", [])]
    if records:
        notes.append("Each row's sources: dealcalc report NAME.")
    # the marks say which pledges are not binding: the default table has no column for it
    shown = [k for k in keys if k != "binding"] if list(keys) == COMPARE_KEYS else list(keys)
    return Block(
        "Deals compared",
        compare_columns(keys),
        records,
        table_columns=["file", "marks", *shown],
        notes=notes,
    )


def compare_blocks(records: list[dict[str, Any]], keys: Sequence[str] = COMPARE_KEYS) -> list[Block]:
    """The league table of the rows (`compare_record`)."""
    return [compare_table(records, keys)]
