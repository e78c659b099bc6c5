"""Where the shipped scenarios are, and their names: light enough for shell completion, which
runs on every TAB press (DESIGN §7: ≤ 0.9 × the bare imports)."""

from __future__ import annotations

import functools
from pathlib import Path


@functools.cache
def shipped_dir() -> Path:
    """Where the shipped scenarios are: inside the installed package, or the checkout's
    `scenarios/` when running from source (links resolved; worked out once)."""
    here = Path(__file__).resolve().parent
    packaged = here / "scenarios"
    return packaged if packaged.is_dir() else (here.parent / "scenarios").resolve()


def shipped_names() -> list[str]:
    return sorted(p.stem for p in shipped_dir().glob("*.yaml"))
