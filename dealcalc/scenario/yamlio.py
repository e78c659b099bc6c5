"""Reading YAML safely into plain values plus a map of where each value came from.

PyYAML's C composer builds a node tree (marks on every node); we turn it into dicts, lists and
scalars ourselves so that we can refuse what `yaml.load` would silently accept: duplicate keys,
unsafe or exotic tags, merge keys and alias bombs.

Long because a file is read twice over only when it has a problem: a plain reading first (no
positions, DESIGN §7), and the careful one that words each problem with its line; both must
refuse the same things, so they sit together, with the bounded read of the bytes they share.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

import yaml

from dealcalc.errors import Location, Problem, ScenarioError
from dealcalc.keypath import KeyPath, dotted

MAX_FILE_BYTES = 5 * 1024 * 1024
# An alias bomb is a small file that expands to a huge tree; real scenarios have a few hundred
# nodes. Both bounds make refusal immediate and memory-cheap.
MAX_NODES = 200_000
MAX_DEPTH = 64

Locations = MutableMapping[KeyPath, Location]


class LazyLocations(MutableMapping[KeyPath, Location]):
    """Where each value came from, worked out only when first asked for: a file without
    problems never needs a line number, and recording one per value was a third of the cost of
    reading a file (DESIGN §7)."""

    __slots__ = ("_make", "_map")

    def __init__(self, make: Callable[[], MutableMapping[KeyPath, Location]]) -> None:
        self._make: Callable[[], MutableMapping[KeyPath, Location]] | None = make
        self._map: MutableMapping[KeyPath, Location] = {}

    def _get(self) -> MutableMapping[KeyPath, Location]:
        if self._make is not None:
            make, self._make = self._make, None
            self._map = make()
        return self._map

    def __getitem__(self, key: KeyPath) -> Location:
        return self._get()[key]

    def __setitem__(self, key: KeyPath, value: Location) -> None:
        self._get()[key] = value

    def __delitem__(self, key: KeyPath) -> None:
        del self._get()[key]

    def __iter__(self) -> Iterator[KeyPath]:
        return iter(self._get())

    def __len__(self) -> int:
        return len(self._get())

    def __contains__(self, key: object) -> bool:
        return key in self._get()


_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP, _SEQ, _MAP, _MERGE = (
    _TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge")
)
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _Converter:
    def __init__(self, file: str) -> None:
        self.file = file
        self.locations: Locations = {}
        self.problems: list[Problem] = []
        self.nodes = 0  # values reached through an alias
        self.text = 0  # characters of text, aliases counted each time they are used
        self.seen: set[int] = set()  # collection nodes converted so far
        self.shared: dict[int, Location] = {}  # the Location of each node reached through an alias

    def loc(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.file, mark.line + 1, mark.column + 1)

    def _shared_loc(self, node: yaml.Node) -> Location:
        loc = self.shared.get(id(node))
        if loc is None:
            loc = self.shared[id(node)] = self.loc(node)
        return loc

    def fail(self, node: yaml.Node, path: KeyPath, message: str) -> None:
        self.problems.append(Problem(self.loc(node), dotted(path), message))

    def convert(self, node: yaml.Node, path: KeyPath, depth: int, aliased: bool = False) -> Any:
        """The plain value of `node`. Values reached again through an alias are counted: a
        small file that expands to a huge tree (an alias bomb) is refused at once, while a
        large file without such repeats is bounded by its size (5 MB) alone."""
        if not isinstance(node, yaml.ScalarNode) and not aliased:
            aliased = id(node) in self.seen
            self.seen.add(id(node))
        if aliased:
            self.nodes += 1
        too_much = None
        if self.nodes > MAX_NODES:
            too_much = (
                f"the document expands to more than {MAX_NODES:,} values through its "
                "aliases (an alias bomb?); remove the repeated aliases"
            )
        elif depth > MAX_DEPTH:
            too_much = f"values nested more than {MAX_DEPTH} levels deep; a scenario needs a few levels only"
        if too_much:  # stop at once: the rest may be huge
            raise ScenarioError([Problem(self.loc(node), dotted(path[:3]), too_much)])
        if path not in self.locations:  # a key's position was recorded already
            # a node reached through an alias is at the same place each time: one Location
            self.locations[path] = self._shared_loc(node) if aliased else self.loc(node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self.fail(node, path, _bad_tag(node.tag))
                return None
            return [self.convert(item, (*path, i), depth + 1, aliased) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                self.fail(node, path, _bad_tag(node.tag))
                return None
            return self.mapping(node, path, depth, aliased)
        raise AssertionError(node)  # pragma: no cover - the composer makes only these three

    def mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int, aliased: bool) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self.fail(key_node, path, "merge keys (<<) are not supported; use 'extends'")
                continue
            key = None
            if isinstance(key_node, yaml.ScalarNode):
                # `2024:` or `yes:` as a key is meant as text
                plain = key_node.tag in (_STR, _INT, _FLOAT, _BOOL)
                key = key_node.value if plain else self.scalar(key_node, path)
            if not isinstance(key, str):
                self.fail(key_node, path, "a key must be plain text")
                continue
            child = (*path, key)
            if key in out:
                first = self.locations[child]
                self.fail(
                    key_node,
                    child,
                    f"duplicate key (first defined at line {first.line}); keep only one",
                )
                continue
            self.locations[child] = self.loc(key_node)
            out[key] = self.convert(value_node, child, depth + 1, aliased)
        return out

    def scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        tag = node.tag
        if tag == _STR:
            self.text += len(node.value)
            if self.text > MAX_FILE_BYTES:  # a long text repeated through aliases
                raise ScenarioError([Problem(self.loc(node), dotted(path[:3]), _TEXT_BOMB)])
            return node.value
        kind = _KINDS.get(tag)
        if kind is None:
            self.fail(node, path, _bad_tag(tag))
            return None
        if tag in (_INT, _FLOAT) and not node.style:  # plain, not quoted
            misread = _yaml11_number(node.value)
            if misread:
                self.fail(node, path, misread)
                return None
        try:
            value = _CONSTRUCT[tag](node)
            if isinstance(value, int) and not isinstance(value, bool):
                float(value)  # OverflowError beyond what a number can hold
        except OverflowError:
            self.fail(node, path, f"{_short(node.value)} is too large to represent; check the number")
            return None
        except (ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
            if tag == _TIMESTAMP and isinstance(exc, ValueError):
                self.fail(node, path, f"not a valid date ({exc}); write YYYY-MM-DD")
            else:
                shown = "!!" + tag[len(_TAG) :]
                self.fail(
                    node,
                    path,
                    f"{shown} {_short(node.value)!r} is not {kind}; fix the value or remove the tag",
                )
            return None
        return value


_TEXT_BOMB = (
    "the document expands to more than 5 MB of text through its aliases "
    "(scenario files are limited to 5 MB); remove the repeated aliases"
)


class _Slow(Exception):
    """The plain reading met something the careful one must look at (and word)."""


def _plain(node: yaml.Node, depth: int, budget: list[int]) -> Any:
    """The plain value of `node`, for a file without problems: no positions recorded. Anything
    the careful `_Converter` would refuse or count (tags, duplicate keys, merge keys, numbers
    YAML 1.1 misreads, deep nesting, many values or much text through aliases) raises _Slow, and
    that converter reads the file again, so messages are the same whichever path found them."""
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise _Slow
    cls = type(node)
    if isinstance(node, yaml.ScalarNode):
        tag = node.tag
        if tag == _STR:
            budget[1] -= len(node.value)
            if budget[1] < 0:
                raise _Slow
            return node.value
        if tag not in _KINDS or (tag in (_INT, _FLOAT) and not node.style and _yaml11_number(node.value)):
            raise _Slow
        try:
            value = _CONSTRUCT[tag](node)
            if isinstance(value, int) and not isinstance(value, bool):
                float(value)
        except Exception:  # every failure is worded by the careful reading
            raise _Slow from None
        return value
    if cls is yaml.MappingNode:
        if node.tag != _MAP:
            raise _Slow
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if type(key_node) is not yaml.ScalarNode or key_node.tag not in _PLAIN_KEYS:
                raise _Slow
            key = key_node.value
            if key in out:
                raise _Slow
            out[key] = _plain(value_node, depth + 1, budget)
        return out
    if cls is yaml.SequenceNode and node.tag == _SEQ:
        return [_plain(item, depth + 1, budget) for item in node.value]
    raise _Slow


_KINDS = {
    _INT: "a whole number",
    _FLOAT: "a number",
    _BOOL: "true or false",
    _NULL: "null",
    _TIMESTAMP: "a date (YYYY-MM-DD)",
}
_CONSTRUCT = {
    _INT: _CONSTRUCTOR.construct_yaml_int,
    _FLOAT: _CONSTRUCTOR.construct_yaml_float,
    _BOOL: _CONSTRUCTOR.construct_yaml_bool,
    _NULL: lambda node: None,
    _TIMESTAMP: _CONSTRUCTOR.construct_yaml_timestamp,
}


def _yaml11_number(text: str) -> str | None:
    """Why a plain number YAML 1.1 would silently misread is refused: `01363` (octal, 755) and
    `1:30` (sexagesimal, 90). None for an ordinary number."""
    digits = text.lstrip("+-")
    quote = f"or quote it ('{text}') if it is text"
    if ":" in digits:
        return f"{text} is read by YAML as a base-60 number (1:30 is 90); write the number, {quote}"
    if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
        sign = text[: len(text) - len(digits)]
        plain = sign + (digits.lstrip("0_") or "0")
        return f"{text} has a leading zero, which YAML reads as an octal number; write {plain}, {quote}"
    return None


def _short(text: str) -> str:
    return text if len(text) <= 24 else f"{text[:10]}…{text[-6:]} ({len(text)} characters)"


def _bad_tag(tag: str) -> str:
    shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
    return f"the tag {shown} is not allowed; scenario files hold plain values only (remove the tag)"


_PLAIN_KEYS = frozenset((_STR, _INT, _FLOAT, _BOOL))


class _Loader(yaml.CSafeLoader):
    """PyYAML's C loader, remembering the tag its resolver gives each plain scalar: that depends
    on the text alone, and resolving it (a regular expression per scalar) was a quarter of the
    cost of reading a file; files of a batch repeat most of their keys and many values.

    It also reads `1e3` as the number it is (YAML 1.1 wants a dot, `1.0e3`, and would read it as
    text, which a rate or an exchange rate then refuses with a puzzling message)."""

    def resolve(self, kind: Any, value: Any, implicit: Any, _scalar: type = yaml.ScalarNode) -> Any:
        if kind is _scalar and implicit[0]:
            try:
                return _TAGS[value]
            except KeyError:
                tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
                if tag == _STR and _EXPONENT.match(value):
                    tag = _FLOAT
                if len(_TAGS) < 50_000:
                    _TAGS[value] = tag
                return tag
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass  # no path resolvers: nothing to do, and the C composer calls this for every node

    def ascend_resolver(self) -> None:
        pass


_EXPONENT = re.compile(r"^[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?[eE][-+]?[0-9]+$")
_TAGS: dict[str, str] = {}


def parse_yaml_text(text: str, file: str) -> tuple[Any, Locations]:
    """Parse one YAML document. Raises ScenarioError with every problem found."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        what = " ".join(str(p) for p in (exc.problem, exc.context) if p)
        if mark is not None and text[mark.index : mark.index + 1] == "\t":
            what += " (a tab: YAML indents with spaces, never tabs)"
        raise ScenarioError([Problem(where, "", f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError([Problem(Location(file), "", f"YAML error: {exc}")]) from None
    if node is None:
        return None, {}
    try:
        value = _plain(node, 0, [MAX_NODES, MAX_FILE_BYTES])
    except _Slow:
        return _careful(node, file)
    return value, LazyLocations(lambda: _careful(node, file)[1])


def _careful(node: yaml.Node, file: str) -> tuple[Any, Locations]:
    """The value with every position, or a ScenarioError with every problem."""
    conv = _Converter(file)
    value = conv.convert(node, (), 0)
    if conv.problems:
        raise ScenarioError(conv.problems)
    return value, conv.locations


def read_yaml_file(path: Path, shown: str, keep: bool = False) -> tuple[Any, Locations, bytes]:
    """Read and parse a scenario file, refusing what is not a small UTF-8 text file. Returns the
    value, its locations and a digest of the bytes; with `keep` (a parent read through `extends`),
    or when the same bytes were parsed before, the parsed file is kept for the process, keyed by
    that digest (`dealcalc.scenario.cache`)."""
    from dealcalc.scenario import cache

    data = read_bounded(path, shown)
    key = (shown, cache.digest(data))
    hit = cache.parsed.get(key)
    if hit is not None:
        return hit[0], hit[1], key[1]
    value, locations = _parse_bytes(data, shown)
    if keep or cache.read_before(key):
        cache.keep_parsed(key, (value, locations))
    return value, locations, key[1]


def _parse_bytes(data: bytes, shown: str) -> tuple[Any, Locations]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise _bad(shown, "is UTF-16 text; save the file as UTF-8") from None
        line = data[: exc.start].count(b"\n") + 1
        raise ScenarioError(
            [
                Problem(
                    Location(shown, line, exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1),
                    "",
                    f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
                )
            ]
        ) from None
    if "\x00" in text:
        raise _bad(shown, "holds NUL bytes; it is not a text file")
    return parse_yaml_text(text, shown)


def _bad(shown: str, message: str) -> ScenarioError:
    return ScenarioError([Problem(Location(shown), "", message)])


_TOO_BIG = "scenario files are limited to 5 MB"
_NO_FILE = "no such file or shipped scenario ('dealcalc list' shows the shipped names)"


_PIECE = 256 * 1024


def read_bounded(path: Path, shown: str) -> bytes:
    """The bytes of a scenario file, `-` (stdin) or a pipe: at most 5 MB + 1 byte is ever read,
    whatever the file is, and nothing waits on a named pipe that has no writer (DESIGN §6)."""
    if str(path) == "-":
        stdin = getattr(sys.stdin, "buffer", None)
        try:
            if stdin is None:  # `dealcalc burden - <&-`: no standard input at all
                raise OSError(errno.EBADF, "standard input is closed")
            data: bytes = stdin.read(MAX_FILE_BYTES + 1)
        except (OSError, ValueError) as exc:  # ValueError: read from a closed file
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "standard input is closed"
            raise _bad(shown, f"cannot read: {reason}; pipe a scenario in, or name a file") from None
        if len(data) > MAX_FILE_BYTES:
            raise _bad(shown, f"stdin gives more than 5 MB; {_TOO_BIG}")
        return data
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise _bad(shown, _NO_FILE) from None
    except OSError as exc:
        raise _bad(shown, f"cannot read: {_reason(exc)}") from None
    try:
        st = os.fstat(fd)
        mode = st.st_mode
        if stat.S_ISDIR(mode):
            raise _bad(shown, "is a directory, not a scenario file")
        if stat.S_ISREG(mode):
            if st.st_size > MAX_FILE_BYTES:
                raise _bad(shown, f"file is {st.st_size / 1e6:.1f} MB; {_TOO_BIG}")
            from dealcalc.output import note_input

            note_input(st)
        elif stat.S_ISCHR(mode) and not _is_stdin(st):
            raise _bad(shown, "is a device, not a scenario file")
        elif not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
            raise _bad(shown, "is not a regular file (a socket or a block device?); name a scenario file")
        chunks: list[bytes] = []
        size = 0
        # os.read(fd, n) allocates n bytes before it reads: a regular file is read at its size
        # (+ 1, to see it end), a pipe or a file still growing in pieces, never 5 MB for 10 KB
        want = st.st_size + 1 if stat.S_ISREG(mode) else _PIECE
        while size <= MAX_FILE_BYTES:
            try:
                chunk = os.read(fd, min(want, MAX_FILE_BYTES + 1 - size))
            except BlockingIOError:  # a pipe whose writer has not written yet: now wait for it
                os.set_blocking(fd, True)
                continue
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            want = _PIECE
        if size == 0 and stat.S_ISFIFO(mode) and os.get_blocking(fd) is False:
            raise _bad(shown, "is a named pipe with nothing writing to it; nothing to read")
        if size > MAX_FILE_BYTES:
            raise _bad(shown, f"gives more than 5 MB; {_TOO_BIG}")
        return b"".join(chunks)
    except OSError as exc:
        raise _bad(shown, f"cannot read: {_reason(exc)}") from None
    finally:
        os.close(fd)


def _is_stdin(st: os.stat_result) -> bool:
    try:
        return os.path.samestat(st, os.fstat(0))
    except OSError:
        return False


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links"
    return exc.strerror or str(exc)
