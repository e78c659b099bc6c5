"""Reading YAML safely into plain values plus a map of where each value came from.

PyYAML's C composer builds a node tree (marks on every node); we turn it into dicts, lists and
scalars ourselves so that we can refuse what `yaml.load` would silently accept: duplicate keys,
unsafe or exotic tags, merge keys and alias bombs.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
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

Locations = dict[KeyPath, Location]

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
        self.seen: set[int] = set()  # collection nodes converted so far

    def loc(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.file, mark.line + 1, mark.column + 1)

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
            self.locations[path] = self.loc(node)
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


class _Loader(yaml.CSafeLoader):
    """PyYAML's C loader, remembering the tag its resolver gives each plain scalar: that depends
    on the text alone, and resolving it (a regular expression per scalar) was a quarter of the
    cost of reading a file; files of a batch repeat most of their keys and many values."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            tag = _TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
                if len(_TAGS) < 50_000:
                    _TAGS[value] = tag
            return tag
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


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
    conv = _Converter(file)
    value = conv.convert(node, (), 0)
    if conv.problems:
        raise ScenarioError(conv.problems)
    return value, conv.locations


def read_yaml_file(path: Path, shown: str) -> tuple[Any, Locations]:
    """Read and parse a scenario file, refusing what is not a small UTF-8 text file."""
    data = read_bounded(path, shown)
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


def read_bounded(path: Path, shown: str) -> bytes:
    """The bytes of a scenario file, `-` (stdin) or a pipe: at most 5 MB + 1 byte is ever read,
    whatever the file is, and nothing waits on a named pipe that has no writer (DESIGN §6)."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
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
        while size <= MAX_FILE_BYTES:
            try:
                chunk = os.read(fd, MAX_FILE_BYTES + 1 - size)
            except BlockingIOError:  # a pipe whose writer has not written yet: now wait for it
                os.set_blocking(fd, True)
                continue
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
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
