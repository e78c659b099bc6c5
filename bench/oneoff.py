"""DESIGN §7, one-off commands, each against the bare imports ("floor")
`python -c "import typer, rich.table, yaml"`, median of alternating runs:

- `dealcalc burden scenarios/japan-2025-09-mou.yaml`, piped: ≤ 1.0 × floor;
- the same on a terminal (a pseudo-terminal: tables in bold and colour): ≤ 1.15 × floor
  (the floor is run on the pseudo-terminal too);
- `dealcalc --help`, `dealcalc burden --help`, a usage error: ≤ 1.2 × floor;
- shell completion (`_DEALCALC_COMPLETE=complete_bash …`): ≤ 0.9 × floor.

    python bench/oneoff.py [--runs 21]
"""

from __future__ import annotations

import argparse
import sys

from common import DEALCALC, FLOOR, JAPAN, alternate, cmd, machine, report

COMPLETE = {"_DEALCALC_COMPLETE": "complete_bash", "COMP_WORDS": "dealcalc bu", "COMP_CWORD": "1"}
CASES = [
    # name, command, bar, on a pseudo-terminal
    ("one-off, piped: burden / floor", cmd(*DEALCALC, "burden", JAPAN), 1.0, False),
    ("one-off, terminal: burden / floor", cmd(*DEALCALC, "burden", JAPAN), 1.15, True),
    ("dealcalc --help / floor", cmd(*DEALCALC, "--help"), 1.2, False),
    ("dealcalc burden --help / floor", cmd(*DEALCALC, "burden", "--help"), 1.2, False),
    ("usage error (burden --bogus) / floor", cmd(*DEALCALC, "burden", "--bogus"), 1.2, False),
    ("shell completion (complete_bash) / floor", cmd(*DEALCALC, **COMPLETE), 0.9, False),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    print(f"{machine()}; median of {args.runs} alternating runs")
    ok = True
    for name, command, bar, pty in CASES:
        cand, base = alternate(command, cmd(*FLOOR), args.runs, pty=pty)
        ok &= report(name, cand / base, bar, "×", f"({cand * 1000:.1f} ms vs {base * 1000:.1f} ms)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
