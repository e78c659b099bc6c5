"""Mutated scenario files, one way for both fuzzers: tests/test_fuzz.py draws the choices with
Hypothesis (the small CI fuzz), tools/fuzz.py with `random` (the soak). Each mutation drops a key,
renames it or gives it another value; the file may then get junk bytes anywhere."""

from __future__ import annotations

import copy
from typing import Any

import yaml

from dealcalc.shipped import shipped_dir


def seeds() -> dict[str, Any]:
    """The shipped scenarios, parsed, by file name (`korea-2025-11-mou.yaml`): what gets mutated."""
    return {
        p.name: yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
        for p in sorted(shipped_dir().glob("*.yaml"))
    }


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in a parsed document, parents before children (list items by index)."""
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += paths(v, (*prefix, i))
    return out


def mutate(doc: Any, path: tuple[Any, ...], how: str, value: Any, name: Any) -> None:
    """Change `doc` in place at `path`: drop the key, rename it to `name` (a list item, which has no
    name, gets `value` instead), or give it `value` (a copy, so a later mutation cannot reach into
    a value shared with another case)."""
    parent = doc
    for p in path[:-1]:
        parent = parent[p]
    key = path[-1]
    if how == "drop":
        del parent[key]
    elif how == "rename" and isinstance(parent, dict):
        parent[name] = parent.pop(key)
    else:
        parent[key] = copy.deepcopy(value)


def to_bytes(doc: Any) -> bytes:
    """The document as YAML in UTF-8, on long lines; a document YAML cannot write (a value no
    dumper represents) gives the smallest file instead."""
    try:
        text: str = yaml.dump(doc, Dumper=yaml.CSafeDumper, allow_unicode=True, width=10**6)
    except (yaml.YAMLError, ValueError, OverflowError):
        return b"dealcalc: 1\n"
    return text.encode("utf-8")


def with_junk(data: bytes, at: int, junk: bytes) -> bytes:
    """`junk` inserted at byte `at` (clipped to the text): bad UTF-8, a control byte, a cut token."""
    at = max(0, min(at, len(data)))
    return data[:at] + junk + data[at:]
