"""Rewrite the console examples of README.md and docs/*.md with what the commands print today.

    python tools/regen_examples.py

Run it after a change (yours or another's, after a rebase) alters an output, then read the diff:
every change should be one you meant. tests/test_examples.py fails while an example is stale. The
parsing and the conventions (continuation lines, `…` to show only the first lines) are in
tests/console_examples.py."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from console_examples import main  # noqa: E402

if __name__ == "__main__":
    main()
