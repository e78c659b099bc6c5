"""DESIGN §7, variants: `dealcalc compare` over 1,000 small files that each `extends` the same
shipped scenario and change one field (the batch a script writes) ≤ 0.3 × the bare
yaml.CSafeLoader load of 1,000 full copies of that scenario (its whole chain merged into one
file); both in one process (DEALCALC_WORKERS=1 for compare), median of alternating runs.

    python bench/variants.py [--runs 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from batch import BARE_LOAD
from common import DEALCALC, PY, alternate, cmd, machine, report

PARENT = "japan-2026-11-after-122"


def write_files(folder: Path, count: int) -> tuple[list[str], list[str]]:
    """`count` children of PARENT (each its own elasticity) and `count` full copies of it."""
    import yaml

    from dealcalc.scenario import load_raw

    full = yaml.safe_dump(load_raw(PARENT).data, allow_unicode=True, sort_keys=False)
    folder.mkdir(parents=True, exist_ok=True)
    children, copies = [], []
    for i in range(count):
        child = folder / f"v{i:04d}.yaml"
        child.write_text(f"dealcalc: 1\nextends: {PARENT}\ntariffs: {{elasticity: -{i / count:g}}}\n")
        copy = folder / f"full{i:04d}.yaml"
        copy.write_text(full, encoding="utf-8")
        children.append(str(child))
        copies.append(str(copy))
    return children, copies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{machine()}; median of {args.runs} (alternating) runs")
    with tempfile.TemporaryDirectory() as tmp:
        children, copies = write_files(Path(tmp), 1000)
        compare = cmd(*DEALCALC, "compare", *children, "-f", "csv", DEALCALC_WORKERS="1")
        bare = cmd(PY, "-c", BARE_LOAD, *copies)
        cand, base = alternate(compare, bare, args.runs)
        ok = report(
            f"compare 1,000 variants of {PARENT} / bare load of 1,000 full copies",
            cand / base,
            0.3,
            "×",
            f"({cand:.2f} s vs {base:.2f} s)",
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
