"""The console examples of the documentation (README.md and docs/*.md): each fenced ```console
block holds one or more `$ dealcalc …` lines, each followed by what it prints. tests/test_examples.py
runs every one and compares its output exactly; `python tools/regen_examples.py` (or this file)
rewrites them all from what the commands print today.

Conventions: a command may go on over lines ending in `\\`; it may start with `NAME=value`
environment settings; the output is what a terminal shows when it is piped (plain tables,
COLUMNS=100, stdout and stderr together), each line without trailing spaces. A line `…` alone
stands for lines left out (any number, none included): the lines shown around it must appear in
that order, the first ones at the start of the output and the last ones at its end."""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
ELIDED = "…"
WIDTH = "100"


class Example(NamedTuple):
    path: Path
    line: int  # the line of its `$ dealcalc` (1-based)
    command: str  # continuation lines joined
    shown: list[str]  # its output as written, `…` lines included
    start: int  # the index of its first output line in the document's lines
    end: int  # the index after its last output line (the `…` included)


def documents() -> list[Path]:
    """README.md and every docs/*.md, wherever the sections have moved."""
    return [p for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))] if p.is_file()]


def examples(path: Path) -> list[Example]:
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Example] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != "```console":
            i += 1
            continue
        end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == "```"), len(lines))
        j = i + 1
        while j < end:
            if not lines[j].startswith("$ "):
                j += 1
                continue
            first, parts = j, [lines[j][2:]]
            while parts[-1].endswith("\\") and j + 1 < end:
                j += 1
                parts[-1] = parts[-1][:-1]
                parts.append(lines[j])
            start = k = j + 1
            while k < end and not lines[k].startswith("$ "):
                k += 1
            shown = [ln.rstrip() for ln in lines[start:k]]
            found.append(Example(path, first + 1, " ".join(p.strip() for p in parts), shown, start, k))
            j = k
        i = end + 1
    return found


def output(command: str) -> list[str]:
    """What `command` prints, run in-process from the repository's root, as lines."""
    from typer.testing import CliRunner

    from dealcalc.cli import app

    argv = shlex.split(command)
    env = {"COLUMNS": WIDTH, "NO_COLOR": "1"}
    while argv and "=" in argv[0] and not argv[0].startswith("-"):
        name, _, value = argv.pop(0).partition("=")
        env[name] = value
    if not argv or argv[0] != "dealcalc" or any(a in ("|", ">", "<", "&&", ";") for a in argv):
        raise ValueError(f"not a plain dealcalc command: {command}")
    here = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, argv[1:], env=env)
    finally:
        os.chdir(here)
    lines = [ln.rstrip() for ln in result.output.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _parts(shown: list[str]) -> list[list[str]]:
    """The runs of lines between `…` lines: [[first lines], [middle lines]…, [last lines]]."""
    parts: list[list[str]] = [[]]
    for line in shown:
        if line.strip() == ELIDED:
            parts.append([])
        else:
            parts[-1].append(line)
    return parts


def _find(run: list[str], lines: list[str], start: int, stop: int) -> int | None:
    return next((i for i in range(start, stop - len(run) + 1) if lines[i : i + len(run)] == run), None)


def is_current(example: Example, lines: list[str]) -> bool:
    """The output as shown, `…` standing for any lines left out."""
    parts = _parts(example.shown)
    if len(parts) == 1:
        return lines == parts[0]
    first, *middle, last = parts
    stop = len(lines) - len(last)
    if lines[: len(first)] != first or lines[stop:] != last or stop < len(first):
        return False
    at = len(first)
    for run in middle:
        found = _find(run, lines, at, stop)
        if found is None:
            return False
        at = found + len(run)
    return True


def _key(line: str) -> str:
    """What names a line of a table: its text before the first gap of two spaces."""
    return line.strip().split("  ")[0]


def refit(example: Example, lines: list[str]) -> list[str] | None:
    """Today's output cut as the example cuts it: as many first and last lines, and each middle
    run found again by the name of its first line (None when one is not found)."""
    parts = _parts(example.shown)
    if len(parts) == 1:
        return lines
    first, *middle, last = parts
    out, at = lines[: len(first)], len(first)
    for run in middle:
        # found again by its first line with words in it (a blank line names nothing)
        o = next((k for k, line in enumerate(run) if line.strip()), None)
        found = None
        if o is not None:
            found = next((i - o for i in range(at + o, len(lines)) if _key(lines[i]) == _key(run[o])), None)
        if found is None:
            return None
        out += [ELIDED, *lines[found : found + len(run)]]
        at = found + len(run)
    return [*out, ELIDED, *(lines[len(lines) - len(last) :] if last else [])]


def regenerate(path: Path) -> int:
    """Rewrite every stale example of one document with today's output; returns how many."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    changed = 0
    for ex in reversed(examples(path)):  # from the end, so earlier indices stay valid
        now = output(ex.command)
        if is_current(ex, now):
            continue
        cut = refit(ex, now)
        if cut is None:
            print(f"{path.name}:{ex.line}: whole output written; cut it again by hand", file=sys.stderr)
        lines[ex.start : ex.end] = now if cut is None else cut
        changed += 1
    if changed:
        path.write_text("\n".join(lines) + ("\n" if text.endswith("\n") else ""), encoding="utf-8")
    return changed


def all_examples() -> Iterator[Example]:
    for path in documents():
        yield from examples(path)


def main() -> None:
    sys.path.insert(0, str(ROOT))
    for path in documents():
        n = regenerate(path)
        print(f"{path.relative_to(ROOT)}: {n} example{'s' if n != 1 else ''} rewritten", file=sys.stderr)


if __name__ == "__main__":
    main()
