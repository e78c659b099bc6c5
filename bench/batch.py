"""DESIGN §7, batch and memory:

- `dealcalc compare` over 1,000 scenario files ≤ 1.5 × a bare script that only loads the same
  files with yaml.CSafeLoader (median of alternating runs);
- `sweep` of 100,000 grid points and `simulate --runs 100000`: each ≤ 3 s, peak memory ≤ 200 MB;
- `compare` over 10,000 files: peak memory ≤ 150 MB.

    python bench/batch.py [--runs 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from common import DEALCALC, PY, alternate, make_scenarios, peak_rss_mb, report, timed

BARE_LOAD = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as f:\n"
    "        yaml.load(f, Loader=yaml.CSafeLoader)\n"
)
SWEEP = [
    *DEALCALC,
    "sweep",
    "korea-2025-11-mou",
    "--vary",
    "pledge.tranches.0.annual_cap=5 USD bn:55 USD bn:0.0005 USD bn",
    "-f",
    "csv",
]
SIMULATE = [
    *DEALCALC,
    "simulate",
    "korea-2025-11-mou",
    "--runs",
    "100000",
    "--seed",
    "1",
    "-f",
    "csv",
    "--set",
    "uncertainty={economy.fx_rate: {normal: [1400, 50]}, tariffs.elasticity: {uniform: [-2.0, -0.5]}}",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        files = make_scenarios(Path(tmp) / "k1", 1000)
        cand, base = alternate(
            [*DEALCALC, "compare", *files, "-f", "csv"], [PY, "-c", BARE_LOAD, *files], args.runs
        )
        print(f"compare 1,000 files: {cand:.2f} s; bare CSafeLoader load: {base:.2f} s")
        ok &= report("batch: compare 1,000 / bare load", cand / base, 1.5, "×")

        sweep_s = timed(SWEEP, args.runs)
        ok &= report("sweep, 100,001 grid points: wall time", sweep_s, 3.0, "s")
        ok &= report("sweep, 100,001 grid points: peak memory", peak_rss_mb(SWEEP), 200, "MB")
        simulate_s = timed(SIMULATE, args.runs)
        ok &= report("simulate --runs 100000: wall time", simulate_s, 3.0, "s")
        ok &= report("simulate --runs 100000: peak memory", peak_rss_mb(SIMULATE), 200, "MB")

        many = make_scenarios(Path(tmp) / "k10", 10_000)
        ok &= report(
            "compare 10,000 files: peak memory",
            peak_rss_mb([*DEALCALC, "compare", *many, "-f", "csv"]),
            150,
            "MB",
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
