"""The project's exceptions. They are turned into messages and exit codes in one place:
`dealcalc.cli.run`."""

# No `from __future__ import annotations`: NamedTuple would compile each string annotation at start-up.

from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    """Process exit codes (DESIGN §4)."""

    SUCCESS = 0
    BAD_INPUT = 1
    USAGE = 2
    INTERNAL = 70  # a bug in dealcalc, never a user's mistake
    INTERRUPTED = 130


class Location(NamedTuple):
    """Where a value came from: a file and 1-based line and column, or a command-line option."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


class Problem(NamedTuple):
    """One thing wrong with a scenario: where, which key, what, and how to fix it."""

    location: Location
    path: str
    message: str

    def __str__(self) -> str:
        if self.path:
            return f"{self.location}: {self.path}: {self.message}"
        return f"{self.location}: {self.message}"


class DealcalcError(Exception):
    """Base of every error dealcalc reports to a user."""

    exit_code = ExitCode.BAD_INPUT

    def lines(self) -> list[str]:
        return [str(self)]


class ScenarioError(DealcalcError):
    """A scenario file (or an override of it) is malformed; holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class MissingInputError(DealcalcError):
    """A command's core input is absent from the scenario (e.g. no tariff lines for `tariff`)."""


class UsageError(DealcalcError):
    """The command line itself is wrong (bad option value, unknown regime, …)."""

    exit_code = ExitCode.USAGE


class OutputError(DealcalcError):
    """The output file cannot be written (exists without --force, directory missing, …)."""

    exit_code = ExitCode.USAGE
