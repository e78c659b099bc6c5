"""Loading scenarios: shipped names, `extends`, `--set` overrides, validation (DESIGN §2).

Long because loading is one pipeline — resolve a name, read, follow `extends`, apply the scoped
`--set` overrides, validate — whose steps share the raw mapping and its locations."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shlex
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from dealcalc.errors import Location, Problem, ScenarioError, UsageError
from dealcalc.keypath import KeyPath, split_path
from dealcalc.model.inputs import Override, Scenario
from dealcalc.scenario.yamlio import LazyLocations, Locations, parse_yaml_text, read_yaml_file
from dealcalc.shipped import shipped_dir, shipped_names

__all__ = [
    "Assignment",
    "Raw",
    "apply_override",
    "assignments_for",
    "input_kind",
    "load_raw",
    "load_scenario",
    "parse_assignments",
    "shipped_dir",
    "shipped_names",
    "shipped_text",
    "similar_shipped",
    "validate_raw",
]

_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def resolve(arg: str, relative_to: Path | None = None) -> tuple[Path, str]:
    """A path (relative to `relative_to` if given) or a shipped scenario's name → (path, shown)."""
    if arg == "-" and relative_to is None:
        return Path("-"), "<stdin>"
    base = relative_to if relative_to is not None else Path.cwd()
    path = base / arg if relative_to is not None else Path(arg)
    bare = _NAME.match(arg) and not arg.endswith((".yaml", ".yml"))
    if relative_to is not None and bare and _is_shipped(arg):
        # `extends: NAME` without .yaml is the shipped scenario, whatever files sit beside
        return shipped_dir() / f"{arg}.yaml", f"{arg}.yaml"
    if _exists(path) or not _NAME.match(arg) or "/" in arg:
        return path, (arg if relative_to is None else _shown(path))
    stem = arg.removesuffix(".yaml")
    shipped = shipped_dir() / f"{stem}.yaml"
    if _exists(shipped):
        return shipped, f"{stem}.yaml"
    return path, (arg if relative_to is None else _shown(path))


def _exists(path: Path) -> bool:
    """Whether a path names something; a path that cannot even be looked up (too long, in a
    folder that cannot be searched) does not, and reading it says why (exit 1, not 74)."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _shown(path: Path) -> str:
    """How messages name a file: a shipped scenario by its file name, others relative to the
    working directory when below it."""
    real = _real(path)
    if real.parent == shipped_dir():
        return path.name
    try:
        return str(real.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class Raw:
    """A scenario before validation: merged plain data, where each value came from, and the
    chain of files that made it."""

    def __init__(
        self, data: Any, locations: Locations, shown: str, files: list[str], key: tuple[Any, ...] = ()
    ) -> None:
        self.data = data
        self.locations = locations
        self.shown = shown
        self.files = files
        self.key = key  # the bytes it came from: (shown, digest) of each file up the chain


def load_raw(
    arg: str,
    *,
    _stack: tuple[Path, ...] = (),
    _relative_to: Path | None = None,
    _found: tuple[Path, str, Path] | None = None,
) -> Raw:
    """Read a scenario and the chain of files it extends, merged. A parent (a file read through
    `extends`) is parsed and merged once per process, keyed by the bytes of its chain
    (`dealcalc.scenario.cache`); every file is still read, so an edited one is seen."""
    # a parent comes found already (path, shown, real path): its child looked for it
    path, shown = _found[:2] if _found else resolve(arg, _relative_to)
    if _relative_to is None and _NAME.match(arg.removesuffix(".yaml")) and not _exists(path):
        _suggest_shipped(arg, shown)
    is_parent = _relative_to is not None
    data, locations, digest = read_yaml_file(path, shown, keep=is_parent)
    real = _found[2] if _found else _real(path)
    if isinstance(data, dict) and "extends" in data:
        parent_arg = data["extends"]

        def where() -> Location:  # only a problem needs it
            return locations.get(("extends",), Location(shown))

        if not isinstance(parent_arg, str) or not parent_arg.strip():
            raise ScenarioError(
                [Problem(where(), "extends", "expected a file path or a shipped scenario name")]
            )
        parent_path, parent_shown = resolve(parent_arg, real.parent)
        chain = (*_stack, real)
        if len(chain) >= MAX_EXTENDS:
            raise ScenarioError(
                [
                    Problem(
                        where(),
                        "extends",
                        f"a chain of more than {MAX_EXTENDS} files extending each other; "
                        "extend a file nearer the root",
                    )
                ]
            )
        parent_real = _real(parent_path)
        if parent_real in chain:
            names = [_shown(p) for p in chain] + [parent_shown]
            raise ScenarioError(
                [
                    Problem(
                        where(),
                        "extends",
                        "extends cycle: " + " → ".join(names) + "; remove one of the links",
                    )
                ]
            )
        try:
            parent = load_raw(
                parent_arg,
                _stack=chain,
                _relative_to=real.parent,
                _found=(parent_path, parent_shown, parent_real),
            )
        except ScenarioError as exc:
            if any("no such file" in p.message for p in exc.problems):
                raise ScenarioError(
                    [
                        Problem(
                            where(),
                            "extends",
                            f"cannot find {parent_arg!r} (looked for "
                            f"{_shown(parent_path)} and a shipped scenario of that name)",
                        )
                    ]
                ) from None
            whole = [p for p in exc.problems if p.location == Location(parent_shown)]
            if whole:  # the parent as a whole (a folder, a device, a loop of links): say who named it
                problems = [Problem(where(), "extends", f"{parent_arg!r}: {p.message}") for p in whole]
                raise ScenarioError(problems) from None
            raise
        if not isinstance(parent.data, dict):
            what = "is empty" if parent.data is None else f"holds {_kind(parent.data)}, not a scenario"
            raise ScenarioError(
                [
                    Problem(
                        where(),
                        "extends",
                        f"{parent_arg!r} {what}; extend a scenario file (a mapping of fields)",
                    )
                ]
            )
        from dealcalc.scenario import cache

        key = ((shown, digest), parent.key)
        hit = cache.merged.get(key)
        if hit is not None:  # a Raw of its own: `--set` replaces its data and locations
            return Raw(hit.data, hit.locations, hit.shown, hit.files, key)
        base, base_locs = parent.data, parent.locations
        merged = _merge_data(base, data)
        merged.pop("extends", None)
        lazy = LazyLocations(lambda: _merge(base, dict(base_locs), data, dict(locations), ())[1])
        raw = Raw(merged, lazy, shown, [*parent.files, shown], key)
        if is_parent:
            cache.keep_merged(key, raw)
        return raw
    return Raw(data, locations, shown, [shown], ((shown, digest),))


MAX_EXTENDS = 64


def _real(path: Path) -> Path:
    """The file a path names, links followed; the path itself where links loop."""
    try:
        if path.parent == shipped_dir() and not path.is_symlink():  # the common case, one lstat
            return path
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links
        return path.absolute()


def _kind(data: Any) -> str:
    return "a list" if isinstance(data, list) else "a single value"


def shipped_text(name: str) -> str:
    """The YAML of a shipped scenario, as shipped (it extends others by shipped name, so a copy
    works anywhere). An unknown name is a ScenarioError suggesting the closest ones."""
    stem = name.removesuffix(".yaml")
    path = shipped_dir() / f"{stem}.yaml"
    if not _NAME.match(stem) or not path.is_file():
        close = similar_shipped(stem)
        hint = f" (did you mean {_or(close)}?)" if close else ""
        raise ScenarioError(
            [
                Problem(
                    Location(name), "", f"no shipped scenario of this name{hint}; 'dealcalc list' shows them"
                )
            ]
        )
    text = path.read_text(encoding="utf-8")
    return _EXTENDS_FILE.sub(lambda m: m[1] + m[2] if _is_shipped(m[2]) else m[0], text, count=1)


# `extends: japan-2025-09-mou.yaml` in a shipped file: in a copy, a file of that name beside it
# would be taken instead; the bare name is always the shipped scenario.
_EXTENDS_FILE = re.compile(r"^(extends:[ \t]*)([a-z0-9][a-z0-9._-]*)\.yaml[ \t]*$", re.M)


def _is_shipped(stem: str) -> bool:
    return _exists(shipped_dir() / f"{stem}.yaml")


def _or(names: list[str]) -> str:
    """'a', 'b' or 'c'."""
    quoted = [repr(n) for n in names]
    return " or ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)


def input_kind(path: str) -> str:
    """How a table writes the value of an input (as `render.format_value` kinds): `usd_bn` for
    money, `usd_bn_yr` for a flow of money (a year's amount: FLOWS), `pct` for rates, `date`,
    `number` or `text`."""
    from dealcalc.scenario import spec

    parts = split_path(path)
    leaf = spec.leaf_at(parts)
    if leaf is None:
        return "text"
    if leaf.schema is spec.MONEY_SCHEMA:
        return "usd_bn_yr" if parts[-1] in spec.FLOWS else "usd_bn"
    if leaf.schema is spec.RATE_SCHEMA:
        return "pct"
    if leaf.schema is spec.DATE_SCHEMA:
        return "date"
    return "number" if leaf.numeric else "text"


def similar_shipped(word: str, most: int = 3) -> list[str]:
    """Shipped scenario names a user typing `word` may mean: those it starts or is part of
    (`korea` → the Korea files, newest last), else the closest spellings."""
    import difflib

    names = shipped_names()
    word = word.removesuffix(".yaml").lower()
    part = [n for n in names if len(word) >= 2 and word in n]
    if part:
        return part[-most:]
    return difflib.get_close_matches(word, names, n=1, cutoff=0.6)


def _suggest_shipped(arg: str, shown: str) -> None:
    """A name close to a shipped scenario's is most likely a typo of it, or a short form."""
    close = similar_shipped(arg)
    if close:
        listed = " or ".join(
            [", ".join(repr(n) for n in close[:-1]), repr(close[-1])] if close[:-1] else [repr(close[0])]
        )
        raise ScenarioError(
            [Problem(Location(shown), "", f"no such file or shipped scenario (did you mean {listed}?)")]
        )


def _merge_data(base: Any, over: Any) -> Any:
    """`_merge` of the values alone (their locations are worked out when a problem needs one)."""
    if not (isinstance(base, dict) and isinstance(over, dict)):
        return over
    out = dict(base)
    for key, value in over.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = _merge_data(base.get(key), value)
    return out


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


class Assignment(NamedTuple):
    """One `--set [NAME:]PATH=VALUE`: the scenario it is scoped to (None: every scenario of the
    command), the key path and the value as typed (YAML)."""

    scope: str | None
    path: str
    value: str

    def __str__(self) -> str:
        return f"{self.scope + ':' if self.scope else ''}{self.path}={self.value}"


def parse_assignment(text: str) -> Assignment:
    """`NAME:PATH=VALUE` or `PATH=VALUE` (the value may hold `:` and `=`; the path never does)."""
    target, sep, value = text.partition("=")
    scope, colon, path = target.strip().rpartition(":")
    path = path.strip()
    if not sep or not path or (colon and not scope.strip()):
        raise UsageError(
            f"--set {text!r}: expected PATH=VALUE or NAME:PATH=VALUE, "
            "e.g. --set economy.fx_rate=1400 or --set korea-2025-11-mou:economy.fx_rate=1400"
        )
    return Assignment(scope.strip().removesuffix(".yaml") if colon else None, path, value.strip())


def scenario_name(arg: str) -> str:
    """The name a `--set NAME:…` scope uses for a scenario argument: its file name without `.yaml`."""
    return Path(arg).name.removesuffix(".yaml") if arg != "-" else "-"


def parse_assignments(texts: Iterable[str], args: list[str]) -> list[Assignment]:
    """Parse every `--set` of a command over the scenarios `args`; a scope must name one of them,
    and an unscoped override whose meaning depends on the currency must not reach scenarios of
    different currencies (DESIGN §2.2). Raises UsageError."""
    assignments = [parse_assignment(t) for t in texts]
    names = list(dict.fromkeys(scenario_name(a) for a in args))
    for a in assignments:
        if a.scope is not None and a.scope not in names:
            raise UsageError(
                f"--set {a}: no scenario named {a.scope!r} in this command; "
                f"NAME is a scenario's file name without .yaml ({', '.join(names)})"
            )
    dependent = [a for a in assignments if a.scope is None and _currency_dependent(a)]
    if dependent and len(names) > 1:
        currencies = _currencies(args)
        if len(set(currencies.values())) > 1:
            a = dependent[0]
            groups = [
                f"{c} ({', '.join(n for n, cc in currencies.items() if cc == c)})"
                for c in dict.fromkeys(currencies.values())
            ]
            listed = ", ".join(groups[:-1]) + " and " + groups[-1]
            first = next(iter(currencies))
            raise UsageError(
                f"--set {a}: {a.path} depends on each scenario's currency, and these scenarios are "
                f"in {listed}; scope it to one scenario: --set {shlex.quote(f'{first}:{a.path}={a.value}')}"
            )
    return assignments


def assignments_for(arg: str, assignments: Iterable[Assignment]) -> list[Assignment]:
    """The overrides that apply to the scenario `arg`: the unscoped ones and those scoped to it."""
    name = scenario_name(arg)
    return [a for a in assignments if a.scope is None or a.scope == name]


def _currency_dependent(a: Assignment) -> bool:
    """An exchange rate, or money written in a currency other than USD (`500 KRW tn`)."""
    from dealcalc.scenario.units import is_currency_code

    if a.path == "economy.fx_rate" or a.path.startswith("economy.fx_rate."):
        return True
    words = a.value.replace("{", " ").replace("}", " ").replace(",", " ").replace("[", " ").split()
    return any(
        n.lstrip("+-")[:1].isdigit() and is_currency_code(w) and w.isupper() and w != "USD"
        for n, w in itertools.pairwise(words)
    )


def _currencies(args: list[str]) -> dict[str, str]:
    """Each scenario's currency (USD when unset); files that cannot be read are left out (their
    problems are reported when they are loaded)."""
    out: dict[str, str] = {}
    for arg in args:
        try:
            raw = load_raw(arg)
        except ScenarioError:
            continue
        currency = raw.data.get("currency") if isinstance(raw.data, dict) else None
        out[scenario_name(arg)] = str(currency).upper() if currency else "USD"
    return out


def apply_override(raw: Raw, assignment: str | Assignment) -> Override:
    """Apply `--set PATH=VALUE` (VALUE is YAML; a numeric segment indexes a list; null removes).
    Returns what was changed, with the file's value before it."""
    a = assignment if isinstance(assignment, Assignment) else parse_assignment(assignment)
    label = f"--set {a.path}"
    value, value_locs = parse_yaml_text(a.value, "--set") if a.value else (None, {})
    parts = list(split_path(a.path))
    if "" in parts:
        raise UsageError(f"{label}: an empty part in the key path (two dots, or a dot at an end)")
    if parts[0] == "extends":  # it would be footnoted as applied, and do nothing
        raise UsageError(
            f"{label}: cannot be overridden: a file is composed with its parent before --set "
            "applies; write a file that extends the other scenario and run that"
        )
    was = _value_text(_get(raw.data, parts))
    change = Override(a.path, a.value or "null", was)
    if not isinstance(raw.data, dict):
        return change
    # copied on the way down: the mappings below may be shared with a cached parent
    node: Any = dict(raw.data)
    raw.data = node
    created: list[KeyPath] = []
    for i, part in enumerate(parts[:-1]):
        nxt = parts[i + 1]
        if isinstance(node, list):
            if not isinstance(part, int) or part >= len(node):
                raise UsageError(
                    f"{label}: {'.'.join(map(str, parts[:i]))} has no item {part} (the list has {len(node)})"
                )
            node[part] = _copy(node[part])
            node = node[part]
        elif isinstance(node, dict):
            _key_of_mapping(label, parts, i)
            inner = node.get(part)
            fresh: Any = [] if isinstance(nxt, int) else {}
            node[part] = _copy(inner) if isinstance(inner, dict | list) else fresh
            if not isinstance(inner, dict | list):  # made by --set: a problem with it is --set's
                created.append(tuple(parts[: i + 1]))
            node = node[part]
        else:
            raise UsageError(
                f"{label}: {'.'.join(map(str, parts[: i + 1]))} is a single value, not a mapping"
            )
    last = parts[-1]
    key_path = tuple(parts)
    if not isinstance(node, dict | list):  # an item of a list of numbers, say
        raise UsageError(f"{label}: {'.'.join(map(str, parts[:-1]))} is a single value, not a mapping")
    if isinstance(node, list):
        if not isinstance(last, int) or last > len(node):
            raise UsageError(f"{label}: the list has {len(node)} items")
        if value is None and last < len(node):
            node.pop(last)
        elif last == len(node):
            node.append(value)
        else:
            node[last] = value
    elif _key_of_mapping(label, parts, len(parts) - 1) or value is None:
        node.pop(last, None)
    else:
        node[last] = value
    raw.locations = _set_locations(raw.locations, key_path, value_locs, created, value is None)
    return change


def _set_locations(
    before: Locations, key_path: KeyPath, value_locs: Locations, created: list[KeyPath], removed: bool
) -> Locations:
    """Where each value came from once `--set` put a value at `key_path`: worked out when a
    problem first asks, like the file's own. Copying them at once read the file again with every
    position and merged those with its parents' (22 ms of a 28 ms load of a law-in-force file).
    `before` is never changed: it may be a cached parent's."""

    def make() -> Locations:
        locs = {k: v for k, v in before.items() if k[: len(key_path)] != key_path}
        where = Location("--set")
        for k in value_locs:
            locs[key_path + k] = where
        for k in created:
            locs[k] = where
        if removed:  # a field then missing is --set's doing, not the file's
            locs[key_path] = where
        return locs

    return LazyLocations(make)


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else dict(value) if isinstance(value, dict) else value


def _key_of_mapping(label: str, parts: list[str | int], i: int) -> bool:
    """A number indexes a list; a mapping's keys are names (`--set 0=1` is a usage error)."""
    if isinstance(parts[i], int):
        where = f"{'.'.join(map(str, parts[:i]))} is a mapping" if i else "a scenario is a mapping"
        raise UsageError(f"{label}: {where}, and {parts[i]} names a list item; numbers index lists only")
    return False


def _get(data: Any, parts: list[str | int]) -> Any:
    """The value at a key path, or None."""
    for part in parts:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _value_text(value: Any) -> str | None:
    """A file's value as a reader writes it; a figure by its value alone."""
    if value is None:
        return None
    if isinstance(value, dict) and "value" in value:
        value = value["value"]
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_value_text(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(str(_value_text(v)) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def validate_raw(raw: Raw) -> Scenario:
    from dealcalc.scenario.validate import Validator

    return Validator(raw.locations, raw.shown).scenario(raw.data)


def _net_changes(applied: Iterable[Override]) -> tuple[Override, ...]:
    """The overrides as they act on the file: a path set twice is one change, to the last value,
    from the FILE's value (not from the value an earlier --set gave it, which never applied)."""
    net: dict[str, Override] = {}
    for o in applied:
        first = net.pop(o.path, None)
        net[o.path] = o if first is None else o._replace(was=first.was)
    return tuple(net.values())


def load_scenario(arg: str | Path, overrides: Iterable[str | Assignment] = ()) -> Scenario:
    """Load, compose and validate one scenario: a file path or a shipped scenario's name.
    `overrides` are `--set` assignments; those scoped to another scenario are left out.

    Raises ScenarioError listing every problem (file:line:column, key path, fix)."""
    raw = load_raw(str(arg))
    given = [o if isinstance(o, Assignment) else parse_assignment(o) for o in overrides]
    changes = _net_changes(apply_override(raw, a) for a in assignments_for(str(arg), given))
    scenario = validate_raw(raw)
    return scenario._replace(overrides=changes) if changes else scenario
