"""What a process keeps of the parents it has read (DESIGN §7, variants): a batch of files that
each `extends` one scenario reads, checks and resolves that parent once, not once per child.

Every entry is keyed by the bytes it came from (a file's path as messages show it and a digest
of its contents, and the same of each file up its `extends` chain), so an edited file is read
again and nothing read in one call can change the result of another. Cached values are never
changed afterwards: a child's merge copies what it changes, and so does `--set`.

A file read a second time in one process with the same bytes (a notebook or a script that asks
several questions of one scenario, the API, a test suite) is kept too, from that second reading
on; a batch of distinct files pays one set lookup a file for this and keeps none of them.

The validator's results for a part of a cached parent (its `tariffs`, its `sources`, …) are kept
too, keyed by that part (held here, so its identity stays valid), its key path and the currency
context: a child that changes one field checks that field and what depends on it, and takes the
rest as checked."""

from __future__ import annotations

import hashlib
from typing import Any

# A few hundred parents at most in any real batch; past this everything is dropped and rebuilt.
MAX_ENTRIES = 256
# The keys of files read once (not kept): 10,000 of them are ~1.5 MB; past this they are forgotten.
MAX_SEEN = 10_000

Key = tuple[Any, ...]

parsed: dict[Key, tuple[Any, Any]] = {}  # (shown, digest) → (data, locations) of one file
merged: dict[Key, Any] = {}  # the chain's keys → the resolved Raw of a parent
frozen: dict[int, Any] = {}  # id → container of a cached value (kept alive: the id stays valid)
walks: dict[Key, tuple[Any, dict[str, Any], dict[str, float]]] = {}  # validated parts
seen: set[Key] = set()  # (shown, digest) of files parsed once and not kept


def digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _room() -> None:
    if len(parsed) + len(merged) >= MAX_ENTRIES:
        clear()


def clear() -> None:
    """Forget everything (tests; a long-running process that reads many parents)."""
    parsed.clear()
    merged.clear()
    frozen.clear()
    walks.clear()
    seen.clear()


def read_before(key: Key) -> bool:
    """Whether a file of these bytes (and this name) was parsed before in this process; the first
    time, it is noted."""
    if key in seen:
        return True
    if len(seen) >= MAX_SEEN:
        seen.clear()
    seen.add(key)
    return False


def keep_parsed(key: Key, value: tuple[Any, Any]) -> None:
    _room()
    parsed[key] = value
    _freeze(value[0])


def keep_merged(key: Key, raw: Any) -> None:
    _room()
    merged[key] = raw
    _freeze(raw.data)


def _freeze(value: Any) -> None:
    """Mark every mapping and list of a cached value, so the validator knows it may keep its
    results for them."""
    if isinstance(value, dict):
        frozen[id(value)] = value
        for item in value.values():
            _freeze(item)
    elif isinstance(value, list):
        frozen[id(value)] = value
        for item in value:
            _freeze(item)
