"""What is said under every table: the sources of the inputs a view read, the file's caveats, the
assumed figures, the `--set` overrides and the coverage warning; and the keys every
one-row-per-scenario record carries besides its metrics (`assumed_inputs`, `overrides`, `caveats`)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from dealcalc.model.inputs import DEFAULT_COST_WEIGHTS, Scenario
from dealcalc.registry import formula_inputs, inputs_of_view
from dealcalc.views.short import plain_name

ALL_INPUTS = ("",)  # batch views read every input

# The key paths each view's formulas read (the registry's inputs of the view's metrics): whose
# sources and assumed figures the notes under its tables name.
VIEWS = ("burden", "outflow", "tariff", "returns", "calls", "balance")
VIEW_INPUTS: dict[str, tuple[str, ...]] = {view: inputs_of_view(view) for view in VIEWS}


def assumed_for(s: Scenario, keys: Sequence[str]) -> list[str]:
    """The assumed figures among the inputs of the metrics `keys` (`read_by`)."""
    return s.assumed_in(read_by(tuple(keys)))


@functools.cache
def read_by(keys: tuple[str, ...]) -> tuple[str, ...]:
    """The inputs of the metrics `keys`: for a whole view's keys from VIEW_INPUTS, for a choice of
    keys (compare -m) from the formulas of those metrics; the same for every row of a batch."""
    from dealcalc.model.metrics import GROUP_KEYS, KEYS

    groups = list(dict.fromkeys(KEYS[k] for k in keys if k in KEYS))
    if groups and all(set(GROUP_KEYS[g]) <= set(keys) for g in groups):
        return tuple(p for g in groups for p in VIEW_INPUTS[g])
    return formula_inputs(keys)


# Below this share of exports a tariff figure is partial, and every table showing one says so.
COVERAGE_WARN_BELOW = 0.95


def _keys(group: str) -> list[str]:
    """The metric keys of a view (burden, outflow, …)."""
    from dealcalc.model.metrics import KEYS

    return [k for k, g in KEYS.items() if g == group]


def _ident(s: Scenario) -> dict[str, Any]:
    return {"scenario": s.title, "file": s.file}


def _about(s: Scenario, keys: Sequence[str]) -> dict[str, Any]:
    """What a one-row-per-scenario record carries besides its metrics (DESIGN §4): always
    present, so a script can tell an assumed or overridden figure from a sourced one."""
    return {
        "assumed_inputs": assumed_for(s, keys),
        "overrides": [str(o) for o in s.overrides],
        "caveats": list(s.caveats),
    }


class Note(str):
    """A note under a table that `--notes short` may gather with the same note of other files:
    a caveat (`text`), or the assumed figures a file's figures rest on (`names`, their plain
    names). `file` and `who` (the country) say whose it is. A plain str to everything else."""

    kind: str = ""
    file: str = ""
    who: str = ""
    text: str = ""
    names: tuple[str, ...] = ()

    @classmethod
    def of(cls, line: str, kind: str, s: Scenario, text: str = "", names: Sequence[str] = ()) -> Note:
        note = cls(line)
        note.kind, note.file, note.who, note.text, note.names = kind, s.file, s.country, text, tuple(names)
        return note


def caveat_notes(scenarios: list[Scenario], named: bool = False) -> list[str]:
    """`Caveat: TEXT`, one line per caveat of each scenario (naming it among several)."""
    many = named or len(scenarios) > 1
    return [
        Note.of(f"Caveat{_tag(s) if many else ''}: {c}", "caveat", s, text=c)
        for s in scenarios
        for c in s.caveats
    ]


def _tag(s: Scenario) -> str:
    return f" ({stem(s.file)})"


@functools.lru_cache(maxsize=4096)
def stem(file: str) -> str:
    """`PurePath(file).stem`, kept: a batch's notes name each file several times."""
    return PurePath(file).stem


def assumption_notes(
    scenarios: list[Scenario],
    keys: Sequence[str],
    named: bool = False,
    brief: bool = False,
    given: Sequence[Sequence[str]] | None = None,
) -> list[str]:
    """`Rests on assumed figures: PATH (note); …` for each scenario whose view reads one. Tariff
    line figures are named together, without their notes (a file may hold dozens); `brief`
    (under a table of many scenarios): paths only."""
    many = named or len(scenarios) > 1
    notes: list[str] = []
    for i, s in enumerate(scenarios):
        paths = given[i] if given is not None else assumed_for(s, keys)  # `given`: already known
        lines = [p.removeprefix("tariffs.lines.") for p in paths if p.startswith("tariffs.lines.")]
        assumed = [p if brief else _assumed_text(s, p) for p in paths if not p.startswith("tariffs.lines.")]
        if lines:
            assumed.append(f"tariff lines {', '.join(lines)}")
        if assumed:
            line = f"Rests on assumed figures{_tag(s) if many else ''}: " + "; ".join(assumed)
            notes.append(Note.of(line, "assumed", s, names=[plain_name(s, p) for p in paths]))
    return notes


NOTE_CHARS = 70  # a figure's note, shortened under a table (the file and --explain give it whole)


def _assumed_text(s: Scenario, path: str) -> str:
    prov = s.provenance.get(path)
    if prov is not None and prov.note:
        note = " ".join(prov.note.split())
        if len(note) > NOTE_CHARS:
            note = note[: NOTE_CHARS - 1].rstrip() + "…"
        return f"{path} ({note})"
    if path.startswith("pledge.cost_weights."):
        name = path.rpartition(".")[2]
        return f"{path} (default {DEFAULT_COST_WEIGHTS[name]:.0%})"
    return path


def override_notes(scenarios: list[Scenario], named: bool = False) -> list[str]:
    """`Changed by --set: PATH = VALUE (file: WAS)`, one line per override of each scenario
    (naming the scenario when there are several, or when `named`)."""
    many = named or len(scenarios) > 1
    return [
        f"Changed by --set{' in ' + PurePath(s.file).stem if many else ''}: "
        f"{o.path} = {o.value} (file: {o.was if o.was is not None else 'not set'})"
        for s in scenarios
        for o in s.overrides
    ]


def scenario_notes(scenarios: list[Scenario], inputs: tuple[str, ...], keys: Sequence[str] = ()) -> list[str]:
    """What goes under every table of these scenarios (DESIGN §4): their caveats, the assumed
    figures among the inputs of the metrics `keys`, the overrides, then the sources used."""
    return (
        freshness_notes(scenarios)
        + caveat_notes(scenarios)
        + assumption_notes(scenarios, keys)
        + override_notes(scenarios)
        + source_notes(scenarios, inputs)
    )


def freshness_notes(scenarios: list[Scenario]) -> list[str]:
    """DESIGN §3.3b: an as-of date asked for later than a file's own says the file's facts are
    older than the date (`japan-…: facts as of 2026-11-29; later dates assume nothing changed.`)."""
    return [
        f"{PurePath(s.file).stem}: facts as of {s.as_of}; later dates assume nothing changed."
        for s in scenarios
        if s.as_of is not None and s.compared.as_of is not None and s.compared.as_of > s.as_of
    ]


def source_notes(scenarios: list[Scenario], inputs: tuple[str, ...]) -> list[str]:
    """Footnotes naming the sources of the inputs a command used."""
    notes: list[str] = []
    many = len(scenarios) > 1
    for s in scenarios:
        sources = s.sources_for(inputs)
        if not sources:
            continue
        notes.append(f"Sources ({s.file}):" if many else "Sources:")
        for key, src in sources.items():
            parts = [src.title] + [p for p in (src.publisher, src.date) if p]
            notes.append(f"  [{key}] " + ", ".join(parts) + (f". {src.url}" if src.url else ""))
    return notes


def coverage_notes(scenarios: Sequence[Scenario], coverages: Sequence[float | None]) -> list[str]:
    """DESIGN §3.3: under a table with tariff figures, one warning per scenario whose tariff lines
    cover under 95% of its exports to the partner (`coverages`, each file's share or None; the
    share rounded down to a whole percent)."""
    notes = []
    for s, share in zip(scenarios, coverages, strict=True):
        if share is None or share >= COVERAGE_WARN_BELOW:
            continue
        partner = "the United States" if s.partner == "United States" else s.partner
        prefix = f"{PurePath(s.file).stem}: " if len(scenarios) > 1 else ""
        notes.append(
            f"{prefix}Tariff lines cover {int(share * 100)}% of exports to {partner}: "
            "duty and savings count only those lines."
        )
    return notes
