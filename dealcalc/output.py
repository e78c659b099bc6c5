"""Writing output files: never half-written, never replacing a file without --force."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from dealcalc.errors import OutputError


def write_atomic(path: Path, text: str | Iterable[str], *, force: bool) -> None:
    """Write `text` (or its chunks, as they come) to a temporary file beside `path`, then
    rename it into place: a run that fails on the way leaves nothing behind."""
    if path.is_dir():
        raise OutputError(f"--output {path}: is a directory; name a file")
    if path.exists() and not force:
        raise OutputError(f"--output {path}: file exists; pass --force to replace it")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"--output {path}: folder {parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            for chunk in [text] if isinstance(text, str) else text:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
