"""The league table (`compare`): a row per scenario, its marks and their notes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from dealcalc.blocks import ABOUT_KEYS, Block
from dealcalc.errors import MissingInputError
from dealcalc.model.inputs import Compared, Scenario
from dealcalc.model.metrics import group_of
from dealcalc.views.notes import (
    _about,
    _ident,
    assumed_for,
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


class Mark(NamedTuple):
    """A mark on a row of the league table, explained under it: whether it applies to a
    scenario (given the columns shown) and the lines that detail it."""

    letter: str
    meaning: str
    applies: Callable[[Scenario, Sequence[str]], bool]
    details: Callable[[Scenario, Sequence[str]], list[str]] = lambda s, keys: []


def _assumed(s: Scenario, keys: Sequence[str]) -> bool:
    return bool(assumed_for(s, keys))


MARKS = [
    Mark(
        "c", "carries caveats (below)", lambda s, keys: bool(s.caveats), lambda s, k: caveat_notes([s], True)
    ),
    Mark(
        "n",
        "not binding, a private pledge (its burden ratios are upper bounds)",
        lambda s, k: not s.pledge.binding,
    ),
    Mark(
        "a",
        "rests on assumed figures (below)",
        _assumed,
        lambda s, k: assumption_notes([s], k, True, brief=True),
    ),
    Mark("s", "changed by --set", lambda s, k: bool(s.overrides), lambda s, k: override_notes([s], True)),
    Mark(
        "p",
        "partial tariff figures: the tariff lines cover under 95% of exports to the partner, and duty "
        "and savings count only those lines",
        lambda s, k: bool(coverage_notes([s])),
    ),
]


DEFAULTS = Compared()  # the default pair of each scenario


def compare_row(
    s: Scenario, keys: Sequence[str] = COMPARE_KEYS, compared: Compared = DEFAULTS
) -> dict[str, Any]:
    """One scenario's row of the league table: the metrics asked for, what it carries besides
    (DESIGN §4), and for the table its marks and their details; `compared`: the tariff pair asked
    for (DESIGN §3.3b), when not the defaults."""
    from dealcalc.model.metrics import compute_metrics

    if compared != DEFAULTS:
        s = s._replace(compared=compared)
    metric_keys = [k for k in keys if k not in COMPARE_EXTRA]
    values: dict[str, Any] = {}
    for group in dict.fromkeys(group_of(k) for k in metric_keys):
        try:  # a view whose core input the file lacks (returns:, tariff lines): its keys are null
            values.update(compute_metrics(s, [k for k in metric_keys if group_of(k) == group]))
        except MissingInputError:
            continue
    marks = [m for m in MARKS if m.applies(s, metric_keys)]
    return {
        **_ident(s),
        **dict.fromkeys(keys),
        **values,
        **{k: COMPARE_EXTRA[k](s) for k in keys if k in COMPARE_EXTRA},
        **_about(s, metric_keys),
        "marks": "".join(m.letter for m in marks),
        "mark_notes": freshness_notes([s]) + [line for m in marks for line in m.details(s, metric_keys)],
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


def compare(scenarios: list[Scenario], keys: Sequence[str] = COMPARE_KEYS) -> list[Block]:
    return [compare_table([compare_row(s, keys) for s in scenarios], keys)]
