"""The process around a command (DESIGN §4 exit codes): one path for SIGINT, SIGTERM and SIGHUP
(temporary files removed, workers ended, exit 130); quiet worker processes; a stdout that is
closed, full, gone (a closed pipe) or cannot encode a character."""

import codecs
import contextlib
import errno
import io
import os
import signal
import sys
import unicodedata
from types import FrameType
from typing import Any

from dealcalc.errors import ExitCode, exit_code

# Plain substitutes for the characters dealcalc prints, where stdout cannot encode them.
_PLAIN = {
    "—": "-",
    "–": "-",
    "−": "-",
    "×": "x",
    "→": "->",
    "←": "<-",
    "≤": "<=",
    "≥": ">=",
    "≈": "~",
    "…": "...",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "•": "*",
    "·": ".",
    "█": "#",
    "▌": "#",
    "│": "|",
    "─": "-",
    "\u00a0": " ",
}
_SIGNALS = ("SIGTERM", "SIGHUP")


def plain_substitute(exc: UnicodeError) -> tuple[str, int]:
    """A codecs error handler: each character the encoding lacks becomes a plain one."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start : exc.end]:
        sub = _PLAIN.get(ch)
        if sub is None:
            folded = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")
            sub = folded or "?"
        out.append(sub)
    return "".join(out), exc.end


class _ClosedStdout(io.TextIOBase):
    """Stands in for a stdout that was closed before the program started: writing to it is an
    output error (exit 74), not an AttributeError."""

    def write(self, s: str) -> int:
        raise OSError(errno.EBADF, "stdout is closed")

    def writable(self) -> bool:
        return True


class _Stderr(io.RawIOBase):
    """File descriptor 2, where a write that fails (stderr on a full disk, or closed) loses the
    message but never the exit code: the code a run ends with is its own (DESIGN §4), not that
    of a failed message (a usage error with `2>/dev/full` is still 2)."""

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        try:
            return os.write(2, b)
        except OSError:
            return len(b)

    def fileno(self) -> int:
        return 2

    def isatty(self) -> bool:
        try:
            return os.isatty(2)
        except OSError:
            return False


_MAIN_PID = [0]


def _interrupt(signum: int, frame: FrameType | None) -> None:
    """The one way out on SIGINT, SIGTERM and SIGHUP, wherever the program is (even inside
    multiprocessing's machinery): remove every temporary file, end the workers, exit 130."""
    if os.getpid() == _MAIN_PID[0]:
        with contextlib.suppress(BaseException):  # nothing may stop the exit
            output = sys.modules.get("dealcalc.output")
            if output is not None:
                output.discard_all()
        with contextlib.suppress(BaseException):
            multiprocessing = sys.modules.get("multiprocessing")
            if multiprocessing is not None:
                for child in list(multiprocessing.process._children):
                    if child.pid is not None:
                        os.kill(child.pid, signal.SIGTERM)
        with contextlib.suppress(BaseException):
            os.write(2, b"interrupted\n")
    os._exit(int(exit_code(KeyboardInterrupt())))


def install() -> None:
    """Set up the process: signals, a closed stdout, an encoding without some characters."""
    _MAIN_PID[0] = os.getpid()
    for name in ("SIGINT", *_SIGNALS):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)
    if sys.stdout is None:
        sys.stdout = _ClosedStdout()
    old = sys.stderr
    sys.stderr = io.TextIOWrapper(
        io.BufferedWriter(_Stderr()),
        encoding=getattr(old, "encoding", None) or "utf-8",
        errors=getattr(old, "errors", None) or "backslashreplace",
        line_buffering=True,
    )
    codecs.register_error("dealcalc-plain", plain_substitute)
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
        if encoding and encoding != "utf8" and isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="dealcalc-plain")


def quiet_worker() -> None:
    """Initializer of worker processes: Ctrl-C is the parent's to handle, and a SIGTERM from it
    (or from anyone) ends a worker at once, without a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in _SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if sys.platform == "linux":  # a worker forked while the parent is being killed must not outlive it
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    if _MAIN_PID[0] and os.getppid() != _MAIN_PID[0]:  # after prctl: the parent died before it
        os._exit(0)


def flush_stdout() -> None:
    """Flush stdout now, so that a full disk or a closed pipe is seen while it can be reported."""
    if sys.stdout is not None:
        sys.stdout.flush()


def stdout_failed(exc: OSError) -> int:
    """Exit code for a failed write to stdout: 141 quietly for a closed pipe, else 74 with one
    line. Either way nothing more is written to it (not even at interpreter exit)."""
    _silence_stdout()
    code = exit_code(exc)
    if code is not ExitCode.CLOSED_PIPE:
        sys.stderr.write(f"dealcalc: cannot write the output: {exc.strerror or exc}\n")
    return int(code)


def _silence_stdout() -> None:
    if sys.stdout is not sys.__stdout__ and not isinstance(sys.stdout, _ClosedStdout):
        return  # a captured stdout (tests): not the process's file descriptor 1
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:  # pragma: no cover - /dev/null missing
        pass
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
