"""The project's exceptions, and the one mapping from an exception to an exit code (`exit_code`).

The model and the API raise these, never a command-line type: an error says what is wrong in the
domain's words, and the CLI adds the option's name where that helps (`dealcalc.cli`)."""

# No `from __future__ import annotations`: NamedTuple would compile each string annotation at start-up.

import errno
from enum import IntEnum
from typing import NamedTuple


class ExitCode(IntEnum):
    """Process exit codes (DESIGN §4)."""

    SUCCESS = 0
    BAD_INPUT = 1
    USAGE = 2
    INTERNAL = 70  # a bug in dealcalc, never a user's mistake
    CANNOT_WRITE = 74  # the output cannot be written (permission, disk full, closed stdout)
    INTERRUPTED = 130  # Ctrl-C, SIGTERM or SIGHUP
    CLOSED_PIPE = 141  # the reader of stdout went away (`| head`)


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

    def lines(self) -> list[str]:
        return [str(self)]


class ScenarioError(DealcalcError):
    """A scenario file (or an override of it) is malformed; holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)  # the constructor's arguments, so the error pickles (workers)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class MissingInputError(DealcalcError):
    """A core input a calculation needs is absent from the scenario (no `returns:` for returns,
    no `uncertainty:` for simulate, …): the file, the key path, and an example to add."""

    def __init__(self, file: str, path: str, need: str, example: str, inline: str = "") -> None:
        super().__init__(file, path, need, example, inline)
        self.file, self.path, self.need, self.example = file, path, need, example
        self.inline = inline  # the example as one flow-style YAML value, when it has one

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.need}; add e.g.\n{self.example}"


class UncertaintyError(DealcalcError):
    """The `uncertainty:` block cannot be drawn from (draws keep falling outside a field's range)."""


class ArgumentError(DealcalcError, ValueError):
    """A value asked of a calculation is not one it can take (a field that cannot be varied, an
    empty range, …); on the command line, a usage error."""


class UnknownMetricError(ArgumentError):
    """No metric has this key. `views`: the views whose JSON keys are metrics (the model says
    which, from the registry), named in the message."""

    def __init__(self, key: str, hint: str = "", views: tuple[str, ...] = ()) -> None:
        super().__init__(key, hint, views)
        self.key, self.hint, self.views = key, hint, views

    def __str__(self) -> str:
        named = (
            ", ".join(self.views[:-1]) + f" and {self.views[-1]}"
            if len(self.views) > 1
            else "".join(self.views)
        )
        where = f"; metrics are the JSON keys of {named}" if named else ""
        return f"{self.key}: no such metric{self.hint}{where}"


class NotNumericMetricError(UnknownMetricError):
    """A metric that is not a number (a date, a list) where a number is needed (a swing, a range
    or a percentile)."""

    def __init__(self, key: str, numeric: str = "") -> None:
        super().__init__(key, numeric)
        self.args = (key, numeric)
        self.numeric = numeric

    def __str__(self) -> str:
        return (
            f"{self.key}: not a number, so it has no swing, range or percentile; "
            f"numeric metrics: {self.numeric}"
        )


class UnknownRegimeError(ArgumentError):
    """A tariff regime asked for is not on every line of the scenario."""


class PairError(ArgumentError):
    """The words `without_deal` / `in_force` asked for where no as-of date or no dated regime gives
    them a meaning, or on the wrong side of the pair (DESIGN §3.3b)."""


class UsageError(ArgumentError):
    """The command line itself is wrong (a bad option value, options that exclude each other, …)."""


class OutputError(DealcalcError):
    """The output file is refused (exists without --force, --force onto an input or a device)."""


class WriteError(DealcalcError):
    """The output cannot be written (permission, disk full, missing folder, closed stdout)."""


def exit_code(exc: BaseException) -> ExitCode:
    """The exit code of a run that ended in `exc` — the one place that decides it (DESIGN §4):
    bad data or a missing core input 1, bad usage 2, output that cannot be written 74,
    interrupted 130, a closed pipe 141, anything else a bug (70)."""
    if isinstance(exc, ArgumentError | OutputError):
        return ExitCode.USAGE
    if isinstance(exc, WriteError):
        return ExitCode.CANNOT_WRITE
    if isinstance(exc, DealcalcError):
        return ExitCode.BAD_INPUT
    if isinstance(exc, KeyboardInterrupt):
        return ExitCode.INTERRUPTED
    if isinstance(exc, BrokenPipeError) or (isinstance(exc, OSError) and exc.errno == errno.EPIPE):
        return ExitCode.CLOSED_PIPE
    if isinstance(exc, OSError):  # writing stdout failed (a full disk, a closed stdout)
        return ExitCode.CANNOT_WRITE
    return ExitCode.INTERNAL
