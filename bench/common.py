"""Shared helpers for the benchmarks: alternating timed runs, medians, peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Benchmarks measure an installed program as users run it: with its bytecode cache.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
PY = sys.executable
_script = Path(PY).with_name("dealcalc")  # the console script, from the same environment
DEALCALC = [str(_script)] if _script.exists() else [PY, "-m", "dealcalc"]


def run_once(cmd: Sequence[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=ENV)
    return time.perf_counter() - start


def alternate(candidate: Sequence[str], baseline: Sequence[str], runs: int) -> tuple[float, float]:
    """Median wall time of each command over `runs` alternating runs (after one warm-up each),
    so that machine noise falls on both alike."""
    run_once(candidate)
    run_once(baseline)
    cand, base = [], []
    for _ in range(runs):
        base.append(run_once(baseline))
        cand.append(run_once(candidate))
    return statistics.median(cand), statistics.median(base)


def timed(cmd: Sequence[str], runs: int) -> float:
    """Median wall time of a command."""
    run_once(cmd)
    return statistics.median(run_once(cmd) for _ in range(runs))


def peak_rss_mb(cmd: Sequence[str]) -> float:
    """Peak resident memory of a command, in MB, measured in a wrapper process of its own."""
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([PY, "-c", probe, *cmd], capture_output=True, text=True, check=True, env=ENV)
    return int(out.stdout) / 1024  # ru_maxrss is in KiB on Linux


def report(name: str, value: float, bar: float, unit: str) -> bool:
    ok = value <= bar
    print(f"{name:48s} {value:8.2f} {unit:3s} (bar ≤ {bar:g}) {'ok' if ok else 'OVER'}")
    return ok


def make_scenarios(folder: Path, count: int) -> list[str]:
    """`count` distinct scenario files: the standalone shipped scenarios with their title and
    pledge start changed, so that every file is parsed and computed on its own."""
    seeds = [
        "korea-2025-11-mou",
        "japan-2025-09-mou",
        "eu-2025-08-joint-statement",
        "switzerland-2025-11-framework",
        "taiwan-2026-01-mou",
    ]
    texts = [(ROOT / "scenarios" / f"{name}.yaml").read_text(encoding="utf-8") for name in seeds]
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(count):
        text = texts[i % len(texts)]
        title = text.split("\ntitle: ", 1)[1].split("\n", 1)[0]
        path = folder / f"s{i:05d}.yaml"
        path.write_text(text.replace(f"title: {title}", f"title: {title} #{i}", 1), encoding="utf-8")
        names.append(str(path))
    return names
