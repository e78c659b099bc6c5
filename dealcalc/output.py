"""Writing output files (DESIGN §4 "Output files"): never half-written, never replacing a file
without --force, with the permissions the umask gives, and nothing at all when the run fails.

A file is written to a temporary file beside it; the final step links it into place (refused,
without a check-then-write race, when the name exists meanwhile) or, with --force, renames it
over a regular file that is not one of the command's inputs. Inside `transaction()` (every
command runs in one) the final steps wait until the command has succeeded, so a run that fails
writes nothing — no `--svg`, no `--chart`, no half of a batch."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from dealcalc.errors import OutputError, WriteError

_NAME_MAX = 255
_transactions: list[_Transaction] = []  # open, innermost last; each command runs in one
_temps: set[str] = set()  # every temporary file not yet placed or removed (for signals)


class _Pending:
    __slots__ = ("force", "option", "path", "tmp")

    def __init__(self, path: Path, tmp: str, force: bool, option: str) -> None:
        self.path, self.tmp, self.force, self.option = path, tmp, force, option


class _Transaction:
    """What one command owns while it runs: the files it will put in place when it succeeds, and
    the files it read as inputs, as (device, inode), which `--force` must not replace. Both end
    with the command, so a later command in the same process (a notebook) starts clean."""

    __slots__ = ("inputs", "pending")

    def __init__(self) -> None:
        self.pending: list[_Pending] = []
        self.inputs: set[tuple[int, int]] = set()


def write_atomic(
    path: Path, text: str | bytes | Iterable[str] | Iterable[bytes], *, force: bool, option: str = "--output"
) -> None:
    """Write `text` (or its chunks, as they come; or bytes, for a picture) to a temporary file
    beside `path`; put it in place now, or when the open `transaction()` ends well. `option`
    names the file in messages (`--output`, `--chart`, `--svg`)."""
    check_target(path, force=force, option=option)
    for other in _transactions[-1].pending if _transactions else []:
        # `-o x.svg --chart x.svg`: one would silently replace the other
        if os.path.abspath(other.path) == os.path.abspath(path):
            raise OutputError(f"{option} {path}: {other.option} names the same file; name another")
    tmp = _temp_file(path, option)
    try:
        with open(tmp, "wb") as f:
            for chunk in [text] if isinstance(text, str | bytes) else text:
                f.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            f.flush()
            os.fsync(f.fileno())
    except BaseException as exc:
        _unlink(tmp)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc, option) from None
        raise
    pending = _Pending(path, tmp, force, option)
    if _transactions:
        _transactions[-1].pending.append(pending)
    else:
        _finish([pending])


def note_input(st: os.stat_result) -> None:
    """Count the file with this status as an input of the running command (and of any command
    it runs within): `--force` does not replace it until the command ends. Outside a command
    (the Python API) nothing is written, so nothing is kept."""
    for t in _transactions:
        t.inputs.add((st.st_dev, st.st_ino))


def note_inputs(names: Iterable[str]) -> None:
    """Count these files as inputs (read elsewhere, e.g. by worker processes)."""
    for name in names:
        with contextlib.suppress(OSError, ValueError):
            note_input(os.stat(name))


@contextlib.contextmanager
def transaction() -> Iterator[list[Path]]:
    """Files written inside are put in place only if the block ends without an exception;
    yields the list of the paths put in place (filled when the block ends)."""
    t = _Transaction()
    done: list[Path] = []
    _transactions.append(t)
    try:
        try:
            yield done
        except BaseException:
            for p in t.pending:
                _unlink(p.tmp)
            raise
        done.extend(_finish(t.pending))  # its inputs still protected while files are put in place
    finally:
        _transactions.remove(t)


def discard_all() -> None:
    """Remove every temporary file not yet put in place (on a signal)."""
    for name in list(_temps):
        _unlink(name)


def check_target(path: Path, *, force: bool, option: str = "--output") -> Path:
    """Refuse early — before any work, and again when writing — what the final step would
    refuse: a folder, an existing file without --force, and with it anything but a regular file
    that is not an input; a folder that is missing or is a file. Returns the target's folder."""
    try:
        st = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return _check_folder(path, option)
    except OSError as exc:
        raise _cannot_write(path, exc, option) from None
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{option} {path}: is a directory; name a file")
    if not force:
        raise OutputError(f"{option} {path}: file exists; pass --force to replace it")
    _check_replaceable(path, st, option)
    return path.parent


def _check_replaceable(path: Path, st: os.stat_result, option: str) -> None:
    if stat.S_ISLNK(st.st_mode):
        raise OutputError(f"{option} {path}: is a symbolic link; --force replaces only a regular file")
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(f"{option} {path}: is not a regular file; --force replaces only a regular file")
    if any((st.st_dev, st.st_ino) in t.inputs for t in _transactions):
        raise OutputError(f"{option} {path}: is an input of this command; write to another file")
    # what the new file could not keep of the old one is refused, not lost (issue #24)
    if st.st_nlink > 1:
        raise OutputError(
            f"{option} {path}: has {st.st_nlink - 1} other hard link(s), which a replacement would "
            "not follow; write to another file, or remove the links first"
        )
    if st.st_uid != os.geteuid() and os.geteuid() != 0:
        raise OutputError(
            f"{option} {path}: belongs to another user, which a replacement could not keep; "
            "write to another file"
        )


def _keep_mode_and_owner(tmp: str, st: os.stat_result) -> None:
    """The new file gets the mode and owner of the one it replaces (as writing into it would)."""
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    if (st.st_uid, st.st_gid) != (os.geteuid(), os.getegid()):
        os.chown(tmp, st.st_uid, st.st_gid)


def _check_folder(path: Path, option: str) -> Path:
    parent = path.parent
    try:
        st = os.stat(parent)
    except FileNotFoundError:
        raise WriteError(f"{option} {path}: folder {parent} does not exist") from None
    except NotADirectoryError:
        raise WriteError(f"{option} {path}: {_not_folder(parent)} is a file, not a folder") from None
    except OSError as exc:
        raise _cannot_write(path, exc, option) from None
    if not stat.S_ISDIR(st.st_mode):
        raise WriteError(f"{option} {path}: {parent} is a file, not a folder")
    return parent


def _not_folder(parent: Path) -> Path:
    """The first part of `parent` that exists and is not a folder."""
    for p in reversed([parent, *parent.parents]):
        if p.exists() and not p.is_dir():
            return p
    return parent


def _temp_file(path: Path, option: str) -> str:
    """A new, exclusively created file beside `path`, with the permissions the umask gives
    (as `>` would), and a name short enough for any file system."""
    stem = path.name[: _NAME_MAX - 30]
    parent = path.parent
    mode = 0o666 & ~_umask()
    for n in range(100):
        tmp = str(parent / f".{stem}.{os.getpid()}-{n}.tmp")
        _temps.add(tmp)  # before it exists: a signal at any moment finds it
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            _temps.discard(tmp)
            continue
        except OSError as exc:
            _temps.discard(tmp)
            raise _cannot_write(path, exc, option) from None
        os.close(fd)
        return tmp
    raise WriteError(f"{option} {path}: cannot create a temporary file in {parent}")  # pragma: no cover


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _finish(pending: list[_Pending]) -> list[Path]:
    """Put every file in place, or none: on a refusal, files already placed by this call (new
    names only) are removed again and every temporary file is removed."""
    placed: list[_Pending] = []
    try:
        for p in pending:
            _place(p)
            placed.append(p)
    except BaseException:
        for p in pending:
            _unlink(p.tmp)
        for p in placed:
            if not p.force:
                _unlink(str(p.path))
        raise
    return [p.path for p in pending]


def _place(p: _Pending) -> None:
    if p.force:
        try:
            st = os.lstat(p.path)
        except FileNotFoundError:
            pass
        else:
            _check_replaceable(p.path, st, p.option)
            try:
                _keep_mode_and_owner(p.tmp, st)
            except OSError as exc:
                raise _cannot_write(p.path, exc, p.option) from None
        try:
            os.replace(p.tmp, p.path)
        except OSError as exc:
            raise _cannot_write(p.path, exc, p.option) from None
        _temps.discard(p.tmp)
        return
    try:
        os.link(p.tmp, p.path)  # fails if the name exists: no check-then-write race
    except FileExistsError:
        raise OutputError(f"{p.option} {p.path}: file exists; pass --force to replace it") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise _cannot_write(p.path, exc, p.option) from None
        _place_without_link(p)
        return
    _unlink(p.tmp)


def _place_without_link(p: _Pending) -> None:
    """For file systems without hard links: claim the name exclusively, then rename onto it."""
    try:
        os.close(os.open(p.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise OutputError(f"{p.option} {p.path}: file exists; pass --force to replace it") from None
    except OSError as exc:
        raise _cannot_write(p.path, exc, p.option) from None
    os.replace(p.tmp, p.path)
    _temps.discard(p.tmp)


def _cannot_write(path: Path, exc: OSError, option: str) -> WriteError:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENAMETOOLONG:
        reason = "the file name is too long"
    return WriteError(f"{option} {path}: cannot write: {reason}")


def _unlink(name: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(name)
    _temps.discard(name)
