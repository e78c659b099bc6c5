"""DESIGN §7, one-off: `dealcalc burden scenarios/japan-2025-09-mou.yaml` against the bare imports
`python -c "import typer, rich.table, yaml"`, median of alternating runs.

    python bench/oneoff.py [--runs 21]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from common import DEALCALC, PY, ROOT, alternate, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    scenario = str(ROOT / "scenarios" / "japan-2025-09-mou.yaml")
    # the console script users run, from the same environment as this Python
    script = Path(PY).with_name("dealcalc")
    cmd = [str(script)] if script.exists() else DEALCALC
    cand, base = alternate(
        [*cmd, "burden", scenario], [PY, "-c", "import typer, rich.table, yaml"], args.runs
    )
    print(
        f"dealcalc burden: {cand * 1000:.1f} ms; bare imports: {base * 1000:.1f} ms (median of {args.runs})"
    )
    return 0 if report("one-off: burden / bare imports", cand / base, 1.3, "×") else 1


if __name__ == "__main__":
    sys.exit(main())
