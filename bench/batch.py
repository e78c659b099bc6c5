"""DESIGN §7, batch work and memory:

- `dealcalc compare` over 1,000 scenario files ≤ 1.0 × a bare script that only loads the same
  files with yaml.CSafeLoader (≤ 1.1 × with DEALCALC_WORKERS=1), median of alternating runs;
  also while another job holds a core: never slower than one process;
- `compare` over 10,000 files: peak memory of the whole process tree ≤ 150 MB;
- `sweep` of 1,000,000 grid points to CSV ≤ 3 s and `simulate --runs 1000000` ≤ 2 s, each with a
  peak memory of the whole process tree ≤ 200 MB;
- `sweep` of 100,000 points in the default table format ≤ 5 s.

    python bench/batch.py [--runs 5] [--one-process]   (the second: that bar alone)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from common import DEALCALC, PY, alternate, cmd, machine, make_scenarios, peak_tree_mb, report, timed

BARE_LOAD = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as f:\n"
    "        yaml.load(f, Loader=yaml.CSafeLoader)\n"
)
CAP = "pledge.tranches.0.annual_cap"
SWEEP_1M = cmd(
    *DEALCALC, "sweep", "korea-2025-11-mou", "--vary", f"{CAP}=5 USD bn:55 USD bn:0.00005 USD bn", "-f", "csv"
)
SWEEP_100K_TABLE = cmd(
    *DEALCALC, "sweep", "korea-2025-11-mou", "--vary", f"{CAP}=5 USD bn:55 USD bn:0.0005 USD bn"
)
UNCERTAINTY = (
    "uncertainty={economy.fx_rate: {normal: [1400, 50]}, tariffs.elasticity: {uniform: [-2.0, -0.5]}}"
)
SIMULATE_1M = cmd(
    *DEALCALC,
    "simulate",
    "korea-2025-11-mou",
    "--runs",
    "1000000",
    "--seed",
    "1",
    "-f",
    "csv",
    "--set",
    UNCERTAINTY,
)
BUSY = [PY, "-c", "while True: pass"]  # another job holding a core


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--one-process", action="store_true", help="only compare in one process")
    args = parser.parse_args()
    print(f"{machine()}; median of {args.runs} (alternating) runs")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        files = make_scenarios(Path(tmp) / "k1", 1000)
        compare = cmd(*DEALCALC, "compare", *files, "-f", "csv")
        bare = cmd(PY, "-c", BARE_LOAD, *files)
        one = cmd(*DEALCALC, "compare", *files, "-f", "csv", DEALCALC_WORKERS="1")
        if args.one_process:
            cand1, base1 = alternate(one, bare, args.runs)
            ok = report(
                "compare 1,000 files in one process / bare load",
                cand1 / base1,
                1.1,
                "×",
                f"({cand1:.2f} s vs {base1:.2f} s)",
            )
            return 0 if ok else 1
        cand, base = alternate(compare, bare, args.runs)
        ok &= report(
            "compare 1,000 files / bare CSafeLoader load",
            cand / base,
            1.0,
            "×",
            f"({cand:.2f} s vs {base:.2f} s)",
        )
        cand1, base1 = alternate(one, bare, args.runs)
        ok &= report(
            "  the same in one process (DEALCALC_WORKERS=1)",
            cand1 / base1,
            1.1,
            "×",
            f"({cand1:.2f} s vs {base1:.2f} s)",
        )
        busy = subprocess.Popen(BUSY)
        try:
            auto, single = alternate(compare, one, args.runs)
        finally:
            busy.kill()
            busy.wait()
        ok &= report(
            "  a core busy: default / one process",
            auto / single,
            1.0,
            "×",
            f"({auto:.2f} s vs {single:.2f} s)",
        )

        many = make_scenarios(Path(tmp) / "k10", 10_000)
        ok &= report(
            "compare 10,000 files: peak memory (process tree)",
            peak_tree_mb(cmd(*DEALCALC, "compare", *many, "-f", "csv")),
            150,
            "MB",
        )

    ok &= report("sweep 1,000,000 points to CSV: wall time", timed(SWEEP_1M, args.runs), 3.0, "s")
    ok &= report("  peak memory (process tree)", peak_tree_mb(SWEEP_1M), 200, "MB")
    ok &= report("simulate --runs 1000000: wall time", timed(SIMULATE_1M, args.runs), 2.0, "s")
    ok &= report("  peak memory (process tree)", peak_tree_mb(SIMULATE_1M), 200, "MB")
    ok &= report(
        "sweep 100,000 points, table format: wall time", timed(SWEEP_100K_TABLE, args.runs), 5.0, "s"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
