"""Shell completion of the values a user types most (DESIGN §4.1): shipped scenario names,
metric keys (`-m`), numeric field paths (`--vary`, `--set`) and regimes (`--from`, `--to`).

The shell runs `dealcalc` once per TAB press, so this must cost less than the bare imports
(DESIGN §7: ≤ 0.9 × floor). Scenario names come from a directory listing; the metric keys and
field paths import the model or the format only when that option is being completed."""

# (no `from __future__ import annotations`: Typer inspects the callbacks' annotations)

from typing import Any


def _matching(words: list[str], incomplete: str) -> list[str]:
    return [w for w in words if w.startswith(incomplete)]


def scenario_names(incomplete: str) -> list[str]:
    """Shipped scenario names starting with what is typed (`kor` → the Korea files). None when a
    path is being typed: the shell then completes file names (`complete -o default`)."""
    from dealcalc.shipped import shipped_names

    if "/" in incomplete or incomplete.startswith("."):
        return []
    return _matching(shipped_names(), incomplete)


def metric_keys(incomplete: str) -> list[str]:
    """The metric keys `-m` takes (those `dealcalc metrics` lists)."""
    from dealcalc.model.metrics import KEYS

    return _matching(list(KEYS), incomplete)


def field_paths(incomplete: str) -> list[str]:
    """The numeric fields `--vary` and `--set` take, as `PATH=` (the value follows)."""
    from dealcalc.scenario.spec import numeric_paths

    return _matching([f"{p}=" for p in numeric_paths()], incomplete)


def regimes(ctx: Any, incomplete: str) -> list[str]:
    """The regimes of the scenarios already on the command line (following `extends`); without
    one, the regimes the shipped scenarios name."""
    return _matching(regimes_of(_scenarios_typed(ctx)), incomplete)


def from_regimes(ctx: Any, incomplete: str) -> list[str]:
    """`--from`: `without_deal` (the twin, DESIGN §3.3b), then the regimes."""
    return _matching(["without_deal", *regimes_of(_scenarios_typed(ctx))], incomplete)


def to_regimes(ctx: Any, incomplete: str) -> list[str]:
    """`--to`: `in_force` (the regime in force on the as-of date), then the regimes."""
    return _matching(["in_force", *regimes_of(_scenarios_typed(ctx))], incomplete)


def _scenarios_typed(ctx: Any) -> list[str]:
    """The scenario arguments typed so far: the parsed ones, or (Click stops parsing at an option
    still waiting for its value) the words that are shipped names or scenario files."""
    import os
    from pathlib import Path

    from dealcalc.shipped import shipped_names

    files = ctx.params.get("files")
    if files:
        return list(files)
    names = set(shipped_names())
    words = os.environ.get("COMP_WORDS", "").split()
    return [w for w in words[2:] if w in names or (w.endswith((".yaml", ".yml")) and Path(w).is_file())]


def regimes_of(files: list[str]) -> list[str]:
    """The tariff regimes the scenarios `files` name (after `extends`); with none given, or none
    readable, those every shipped scenario names (in the order of their first appearance)."""
    from dealcalc.errors import DealcalcError
    from dealcalc.scenario import load_raw
    from dealcalc.shipped import shipped_names

    names: dict[str, None] = {}
    for f in files or shipped_names():
        try:
            data = load_raw(f).data
        except (DealcalcError, OSError):
            continue
        tariffs = data.get("tariffs") if isinstance(data, dict) else None
        regimes = tariffs.get("regimes") if isinstance(tariffs, dict) else None
        if isinstance(regimes, dict):
            names.update(dict.fromkeys(str(k) for k in regimes))
    if files and not names:
        return regimes_of([])
    return list(names)
