"""`--notes full|short|none` (DESIGN §4.1): the notes under a table as they are, in short, or
none. `short` says each distinct caveat once with the files it applies to, names the assumed
figures in plain words with the deals they belong to (not as key paths), and ends with one line
pointing to `--notes full`. A chart's foot uses the same short notes (`short_notes`)."""

from __future__ import annotations

import copy
import math
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath
from typing import Literal

from dealcalc.blocks import View
from dealcalc.keypath import split_path
from dealcalc.model.inputs import Scenario

Level = Literal["full", "short", "none"]
LEVELS: tuple[Level, ...] = ("full", "short", "none")
FULL_POINTER = "Every note of every file, in full: --notes full."
COMPARE_LINES = 25  # `compare` says at most this many lines under its table by default (DESIGN §4.1)
NOTE_WIDTH = 80  # the width a note is counted at when the short notes must fit in a number of lines

# What a tariff line holds, for a reader (the format names lines freely; these are the shipped ones).
LINE_NAMES = {
    "autos_and_parts": "autos and parts",
    "autos_parts": "autos and parts",
    "metals_core": "core metals",
    "semis_qualifying": "qualifying semiconductors",
    "autos": "autos",
    "parts": "auto parts",
    "sec232_other": "other Section 232 goods",
    "exempt": "goods exempt from the reciprocal tariff",
    "other": "goods under the reciprocal tariff",
    "pharma": "pharmaceuticals",
    "pharma_patented": "patented pharmaceuticals",
    "pharma_other": "other pharmaceuticals",
    "metals_derivatives": "metals derivatives",
    "timber_trucks": "timber and trucks",
    "aircraft_deal_exempt": "aircraft exempt under the deal",
}

# Input fields by the words a reader knows (DESIGN §4.1: "the catalogue's words", not key paths).
FIELD_NAMES = {
    "pledge.amount": "pledge",
    "pledge.annual_cap": "annual cap",
    "pledge.start": "start date",
    "pledge.deadline": "deadline",
    "pledge.funding_window": "funding window",
    "pledge.binding": "whether the pledge binds",
    "economy.gdp": "GDP",
    "economy.fx_rate": "exchange rate",
    "economy.fx_reserves": "FX reserves",
    "economy.reserve_income": "reserve income",
    "economy.population": "population",
    "trade.exports_to_partner": "exports to the partner",
    "trade.imports_from_partner": "imports from the partner",
    "trade.surplus_with_partner": "trade surplus with the partner",
    "tariffs.elasticity": "import elasticity",
    "returns.cash_yield": "cash yield",
    "returns.horizon_years": "horizon of the returns",
    "returns.discount_rate": "discount rate",
    "amount": "amount",
    "annual_cap": "annual cap",
    "pledger": "pledger's profit share",
    "deemed_interest": "deemed interest",
}


def _words(key: str) -> str:
    return FIELD_NAMES.get(key, key.replace("_", " "))


def plain_name(s: Scenario, path: str) -> str:
    """An input's key path in a reader's words: `tariffs.lines.sec232_other.exports` → "exports
    of other Section 232 goods", `economy.fx_rate` → "exchange rate", a tranche's cap → "annual
    cap of the cash tranche"."""
    parts = path.split(".")
    if path in FIELD_NAMES:
        return FIELD_NAMES[path]
    if parts[:2] == ["tariffs", "lines"] and len(parts) == 4:
        line = LINE_NAMES.get(parts[2], parts[2].replace("_", " "))
        return f"share of exports in {line}" if parts[3] == "exports" else f"tariff rates on {line}"
    if parts[:2] == ["pledge", "tranches"] and len(parts) == 4 and parts[2].isdigit():
        i = int(parts[2])
        name = s.pledge.tranches[i].name if i < len(s.pledge.tranches) else parts[2]
        return f"{_words(parts[3])} of the {name} tranche"
    if parts[:2] == ["pledge", "instruments"] and len(parts) == 3:
        return f"share in {parts[2]}"
    if parts[:2] == ["pledge", "cost_weights"] and len(parts) == 3:
        return f"cost weight of {parts[2]} (a default)"
    if parts[:2] == ["pledge", "profit_split"] and len(parts) == 4:
        return _words(parts[3])
    return _words(parts[-1])


def input_name(s: Scenario, path: str) -> str:
    """One input in a reader's words, told apart from every other input of the file (a chart's
    row label, where `plain_name` may name several inputs at once): a line's rate under one regime
    by the regime's label, as `tariff --regimes` names its rows (`tariffs.lines.autos.agreed` →
    "tariff on autos — MOU rates: 15% all-in"), a line's exports as an amount ("exports of autos"),
    a profit tier by its number, a project by its name."""
    parts = path.split(".")
    if parts[:2] == ["tariffs", "lines"] and len(parts) == 4:
        line = LINE_NAMES.get(parts[2], parts[2].replace("_", " "))
        if parts[3] == "exports":  # an amount a year, with its value beside it: not a "share"
            return f"exports of {line}"
        regime = s.tariffs.label_of(parts[3]) if s.tariffs else parts[3]
        return f"tariff on {line} — {regime}"
    if parts[:2] == ["pledge", "profit_split"] and len(parts) == 4 and parts[2].isdigit():
        return f"{_words(parts[3])}, tier {int(parts[2]) + 1}"
    if parts[0] == "projects" and len(parts) == 3 and parts[1].isdigit():
        i = int(parts[1])
        name = s.projects[i].name if i < len(s.projects) else f"project {i + 1}"
        return f"{_words(parts[2])} of {name}"
    return plain_name(s, path)


def input_names(s: Scenario, paths: Sequence[str]) -> dict[str, str]:
    """Each input by its plain name (`input_name`), with its key path beside a name two of them
    share: the rows of a tornado, in the table and the chart."""
    names = {path: input_name(s, path) for path in paths}
    count = Counter(names.values())
    return {path: f"{n} ({path})" if count[n] > 1 else n for path, n in names.items()}


def input_unit(s: Scenario, path: str) -> str:
    """The unit of an input's value as the model holds it, in words: `USD bn`, `USD bn per year`
    (flows), `%`, `KRW per USD` (the exchange rate), `years`, `days`, `people`; "" for a date, a
    text and the elasticity, a pure number."""
    from dealcalc.scenario import input_kind, spec

    kind = input_kind(path)
    if kind in ("usd_bn", "usd_bn_yr"):
        return "USD bn per year" if kind == "usd_bn_yr" else "USD bn"
    if kind == "pct":
        return "%"
    leaf = spec.leaf_at(split_path(path))
    if leaf is spec.FX_RATE:
        return f"{s.currency} per USD"
    units = {id(spec.HORIZON): "years", id(spec.DAYS): "days", id(spec.COUNT): "people"}
    return units.get(id(leaf), "")


_DATED = re.compile(r"^([a-z]+)-(\d{4}-\d{2})-")


def _files(files: Sequence[str], most: int = 6) -> str:
    """Files by name, shortly: shipped-style names by country and month (`korea 2025-11,
    2026-02`), others by their stem; past `most`, a count."""
    named: dict[str, list[str]] = {}
    for f in files:
        stem = PurePath(f).stem
        dated = _DATED.match(stem)
        key, part = (dated.group(1), dated.group(2)) if dated else (stem, "")
        named.setdefault(key, []).append(part)
    words = [f"{k} {', '.join(p for p in parts if p)}".strip() for k, parts in named.items()]
    shown = ", ".join(words[:most])
    return shown + (f" and {len(words) - most} more" if len(words) > most else "")


def _lines(note: str) -> int:
    return max(1, math.ceil(len(note) / NOTE_WIDTH))


def gather(notes: Sequence[str], budget: int | None = None, pointer: str = FULL_POINTER) -> list[str]:
    """The short form of a table's notes: its own notes (what its marks mean, …) as they are;
    each distinct caveat once, naming the files it applies to (when there are several); the
    assumed figures by their plain names, each with the deals it belongs to; then `pointer`.
    With `budget`, at most that many lines (notes counted at NOTE_WIDTH characters): caveats that
    do not fit are counted in one line instead."""
    own = [n for n in notes if getattr(n, "kind", "") not in ("caveat", "assumed")]
    caveats: dict[str, list[str]] = {}
    assumed: dict[str, list[str]] = {}
    files: set[str] = set()
    for n in notes:
        kind = getattr(n, "kind", "")
        if kind == "caveat":
            caveats.setdefault(n.text, []).append(n.file)  # type: ignore[attr-defined]
        elif kind == "assumed":
            for name in n.names:  # type: ignore[attr-defined]
                who = assumed.setdefault(name, [])
                if n.who not in who:  # type: ignore[attr-defined]
                    who.append(n.who)  # type: ignore[attr-defined]
        if kind:
            files.add(n.file)  # type: ignore[attr-defined]
    if not caveats and not assumed:
        return list(own)
    many = len(files) > 1
    # the sources a table lists stay last (a report's)
    first = next((i for i, n in enumerate(own) if n.startswith(("Sources", "  ["))), len(own))
    out, sources = list(own[:first]), list(own[first:])
    if assumed:
        by_who: dict[tuple[str, ...], list[str]] = {}
        for name, who in assumed.items():
            by_who.setdefault(tuple(who), []).append(name)
        named = [
            f"{', '.join(names)} ({', '.join(who)})" if many else ", ".join(names)
            for who, names in by_who.items()
        ]
        out.append("Rests on assumed figures: " + "; ".join(named) + ".")
    room = None if budget is None else budget - sum(map(_lines, [*out, *sources, pointer]))
    # the caveats of the most files first (the order of the files among equals)
    ranked = sorted(caveats.items(), key=lambda item: -len(item[1]))
    for shown, (text, where) in enumerate(ranked):
        line = f"Caveat ({_files(where)}): {text}" if many else f"Caveat: {text}"
        left = len(caveats) - shown
        if room is not None and _lines(line) > room - (1 if left > 1 else 0):
            files_left = len({f for _, files_of in ranked[shown:] for f in files_of})
            out.append(
                f"{left} more caveat{'s' if left > 1 else ''}, of {files_left} file{'s' * (files_left > 1)}."
            )
            break
        out.append(line)
        if room is not None:
            room -= _lines(line)
    return [*out, *sources, pointer]


def _tagged(note: str) -> bool:
    return getattr(note, "kind", "") in ("caveat", "assumed")


def at_level(views: Sequence[View], level: Level, budget: int | None = None) -> list[View]:
    """The views with their notes at a `--notes` level (copies: the views are left as they are).
    `short` gathers the caveats and assumed figures of every view under the last one, once;
    `none` leaves no note at all."""
    if level == "full":
        return list(views)
    tagged = [n for v in views for n in v.notes if _tagged(n)]
    out: list[View] = []
    for i, view in enumerate(views):
        view = copy.copy(view)
        own = [n for n in view.notes if not _tagged(n)]
        if level == "none":
            view.notes = []
        elif i == len(views) - 1:
            view.notes = gather([*own, *tagged], budget)
        else:
            view.notes = own
        out.append(view)
    return out


def short_notes(notes: Sequence[str], limit: int = 5, pointer: str = FULL_POINTER) -> list[str]:
    """The notes of a chart's foot: the short form in at most `limit` lines (DESIGN §4.1), the
    last pointing to where the rest is (e.g. "… dealcalc report NAME")."""
    return gather(notes, limit, pointer)
