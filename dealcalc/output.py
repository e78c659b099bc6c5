"""Writing output files: never half-written, never replacing a file without --force."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from dealcalc.errors import OutputError


def check_target(path: Path, *, force: bool, option: str = "--output") -> Path:
    """Refuse a target that cannot be written (a folder, an existing file without --force, a
    missing folder) — before any work, and again when writing; returns its folder."""
    if path.is_dir():
        raise OutputError(f"{option} {path}: is a directory; name a file")
    if path.exists() and not force:
        raise OutputError(f"{option} {path}: file exists; pass --force to replace it")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"{option} {path}: folder {parent} does not exist")
    return parent


def write_atomic(
    path: Path, text: str | bytes | Iterable[str], *, force: bool, option: str = "--output"
) -> None:
    """Write `text` (or its chunks, as they come; or bytes, for a picture) to a temporary file
    beside `path`, then rename it into place: a run that fails on the way leaves nothing behind.
    `option` names the file in messages (`--output`, `--chart`)."""
    parent = check_target(path, force=force, option=option)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "wb") as f:
            for chunk in [text] if isinstance(text, str | bytes) else text:
                f.write(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
