"""Capital calls grow as n log n in the number of projects (DESIGN §3.5).

Times `compute_calls` (the model, after loading) on 10,000, 20,000 and 40,000 random projects
over ten years, in two tranches, under both cap bases: CPU time, the best of three. Doubling n
should a little more than double the time (n log n); a quadratic step would quadruple it.

    python bench/calls.py
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dealcalc.model.calls import compute_calls
from dealcalc.model.inputs import Economy, Pledge, Project, Scenario, Tranche

SIZES = (10_000, 20_000, 40_000)


def deal(n: int, basis: str) -> Scenario:
    rng = random.Random(n)
    base = dt.date(2026, 1, 1)
    projects = tuple(
        Project(
            f"p{i}",
            rng.randrange(1, 3000) / 100,
            base + dt.timedelta(days=rng.randrange(3650)),
            tranche=rng.choice(["cash", "ships"]),
            status="interest" if rng.random() < 0.1 else "selected",
        )
        for i in range(n)
    )
    pledge = Pledge(
        tranches=(Tranche("cash", 200.0, 20.0), Tranche("ships", 150.0)),
        start=base,
        deadline=dt.date(2029, 1, 19),
        explicit_tranches=True,
        cap_basis=basis,  # type: ignore[arg-type]
    )
    return Scenario("bench", "Benchland", pledge, Economy(gdp=1000.0), projects=projects)


def best_cpu(s: Scenario, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        compute_calls(s)
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    for basis in ("calendar_year", "trailing_year"):
        previous = None
        for n in SIZES:
            t = best_cpu(deal(n, basis))
            step = f"  ×{t / previous:.2f} for ×2 projects" if previous else ""
            print(f"calls, {basis:13}  {n:>6,} projects  {t * 1000:7.1f} ms CPU{step}")
            previous = t


if __name__ == "__main__":
    main()
