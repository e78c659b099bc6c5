"""Where the shipped scenarios are, and their names: light enough for shell completion, which
runs on every TAB press (DESIGN §7: ≤ 0.9 × the bare imports)."""

from __future__ import annotations

from pathlib import Path


def shipped_dir() -> Path:
    """Where the shipped scenarios are: inside the installed package, or the checkout's
    `scenarios/` when running from source."""
    here = Path(__file__).resolve().parent
    packaged = here / "scenarios"
    return packaged if packaged.is_dir() else here.parent / "scenarios"


def shipped_names() -> list[str]:
    return sorted(p.stem for p in shipped_dir().glob("*.yaml"))

