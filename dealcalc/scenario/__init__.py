"""Loading scenarios: shipped names, `extends`, `--set` overrides, validation (DESIGN §2)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dealcalc.errors import Location, Problem, ScenarioError, UsageError
from dealcalc.keypath import KeyPath, split_path
from dealcalc.model.inputs import Scenario
from dealcalc.scenario.yamlio import Locations, parse_yaml_text, read_yaml_file

__all__ = [
    "Raw",
    "apply_override",
    "load_raw",
    "load_scenario",
    "shipped_dir",
    "shipped_names",
    "validate_raw",
]

_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def shipped_dir() -> Path:
    """Where the shipped scenarios are: inside the installed package, or the checkout's
    `scenarios/` when running from source."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "scenarios"
    return packaged if packaged.is_dir() else here.parent / "scenarios"


def shipped_names() -> list[str]:
    return sorted(p.stem for p in shipped_dir().glob("*.yaml"))


def resolve(arg: str, relative_to: Path | None = None) -> tuple[Path, str]:
    """A path (relative to `relative_to` if given) or a shipped scenario's name → (path, shown)."""
    base = relative_to if relative_to is not None else Path.cwd()
    path = base / arg if relative_to is not None else Path(arg)
    if path.exists() or not _NAME.match(arg) or "/" in arg:
        return path, (arg if relative_to is None else _shown(path))
    stem = arg.removesuffix(".yaml")
    shipped = shipped_dir() / f"{stem}.yaml"
    if shipped.exists():
        return shipped, f"{stem}.yaml"
    return path, (arg if relative_to is None else _shown(path))


def _shown(path: Path) -> str:
    """How messages name a file: a shipped scenario by its file name, others relative to the
    working directory when below it."""
    if path.resolve().parent == shipped_dir().resolve():
        return path.name
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class Raw:
    """A scenario before validation: merged plain data, where each value came from, and the
    chain of files that made it."""

    def __init__(self, data: Any, locations: Locations, shown: str, files: list[str]) -> None:
        self.data = data
        self.locations = locations
        self.shown = shown
        self.files = files


def load_raw(arg: str, *, _stack: tuple[Path, ...] = (), _relative_to: Path | None = None) -> Raw:
    path, shown = resolve(arg, _relative_to)
    if not path.exists() and _relative_to is None and _NAME.match(arg.removesuffix(".yaml")):
        _suggest_shipped(arg, shown)
    data, locations = read_yaml_file(path, shown)
    real = path.resolve()
    if isinstance(data, dict) and "extends" in data:
        parent_arg = data["extends"]
        where = locations.get(("extends",), Location(shown))
        if not isinstance(parent_arg, str) or not parent_arg.strip():
            raise ScenarioError(
                [Problem(where, "extends", "expected a file path or a shipped scenario name")]
            )
        parent_path, parent_shown = resolve(parent_arg, real.parent)
        chain = (*_stack, real)
        if parent_path.resolve() in chain:
            names = [_shown(p) for p in chain] + [parent_shown]
            raise ScenarioError(
                [
                    Problem(
                        where, "extends", "extends cycle: " + " → ".join(names) + "; remove one of the links"
                    )
                ]
            )
        try:
            parent = load_raw(parent_arg, _stack=chain, _relative_to=real.parent)
        except ScenarioError as exc:
            if any("no such file" in p.message for p in exc.problems):
                raise ScenarioError(
                    [
                        Problem(
                            where,
                            "extends",
                            f"cannot find {parent_arg!r} (looked for "
                            f"{_shown(parent_path)} and a shipped scenario of that name)",
                        )
                    ]
                ) from None
            raise
        merged, merged_locs = _merge(parent.data, parent.locations, data, locations, ())
        merged.pop("extends", None)
        return Raw(merged, merged_locs, shown, [*parent.files, shown])
    return Raw(data, locations, shown, [shown])


def _suggest_shipped(arg: str, shown: str) -> None:
    """A name close to a shipped scenario's is most likely a typo of it."""
    from dealcalc.scenario.validate import closest

    close = closest(arg.removesuffix(".yaml"), shipped_names())
    if close:
        raise ScenarioError(
            [Problem(Location(shown), "", f"no such file or shipped scenario (did you mean {close!r}?)")]
        )


def _merge(
    base: Any, base_locs: Locations, over: Any, over_locs: Locations, path: KeyPath
) -> tuple[Any, Locations]:
    """Deep merge: the child wins, lists are replaced, a child's null removes the key."""
    if not (isinstance(base, dict) and isinstance(over, dict)):
        return over, {k: v for k, v in over_locs.items() if k[: len(path)] == path}
    out = dict(base)
    locs = {k: v for k, v in base_locs.items() if k[: len(path)] == path}
    for key, value in over.items():
        child = (*path, key)
        for k in [k for k in locs if k[: len(child)] == child]:
            del locs[k]
        if value is None:
            out.pop(key, None)
            continue
        merged, sub = _merge(base.get(key), base_locs, value, over_locs, child)
        out[key] = merged
        locs.update(sub)
    # the merged mapping is the child's: problems about it as a whole point there
    locs[path] = over_locs.get(path) or base_locs.get(path) or Location("")
    return out, locs


def apply_override(raw: Raw, assignment: str) -> None:
    """Apply `--set PATH=VALUE` (VALUE is YAML; a numeric segment indexes a list; null removes)."""
    path_text, sep, value_text = assignment.partition("=")
    path_text = path_text.strip()
    if not sep or not path_text:
        raise UsageError(
            f"--set {assignment!r}: expected PATH=VALUE, e.g. --set pledge.annual_cap='25 USD bn'"
        )
    label = f"--set {path_text}"
    value, value_locs = parse_yaml_text(value_text, "--set") if value_text.strip() else (None, {})
    parts = list(split_path(path_text))
    if not isinstance(raw.data, dict):
        return
    node: Any = raw.data
    for i, part in enumerate(parts[:-1]):
        nxt = parts[i + 1]
        if isinstance(node, list):
            if not isinstance(part, int) or part >= len(node):
                raise UsageError(
                    f"{label}: {'.'.join(map(str, parts[: i + 1]))} has no item {part} "
                    f"(the list has {len(node)})"
                )
            node = node[part]
        elif isinstance(node, dict):
            if not isinstance(node.get(part), dict | list):
                node[part] = [] if isinstance(nxt, int) else {}
            node = node[part]
        else:
            raise UsageError(
                f"{label}: {'.'.join(map(str, parts[: i + 1]))} is a single value, not a mapping"
            )
    last = parts[-1]
    key_path = tuple(parts)
    if isinstance(node, list):
        if not isinstance(last, int) or last > len(node):
            raise UsageError(f"{label}: the list has {len(node)} items")
        if value is None and last < len(node):
            node.pop(last)
        elif last == len(node):
            node.append(value)
        else:
            node[last] = value
    elif value is None:
        node.pop(last, None)
    else:
        node[last] = value
    for k in [k for k in raw.locations if k[: len(key_path)] == key_path]:
        del raw.locations[k]
    where = Location("--set")
    for k in value_locs:
        raw.locations[key_path + k] = where


def validate_raw(raw: Raw) -> Scenario:
    from dealcalc.scenario.validate import Validator

    return Validator(raw.locations, raw.shown).scenario(raw.data)


def load_scenario(arg: str | Path, overrides: Iterable[str] = ()) -> Scenario:
    """Load, compose and validate one scenario: a file path or a shipped scenario's name.

    Raises ScenarioError listing every problem (file:line:column, key path, fix)."""
    raw = load_raw(str(arg))
    for assignment in overrides:
        apply_override(raw, assignment)
    return validate_raw(raw)
