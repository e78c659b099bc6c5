"""Shared helpers for the benchmarks: alternating timed runs, medians, peak memory."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Benchmarks measure an installed program as users run it: with its bytecode cache.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


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


def peak_rss_mb(cmd: Sequence[str]) -> float:
    """Peak resident memory of a child process, in MB (ru_maxrss is in KiB on Linux)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(after, before) / 1024


def report(name: str, value: float, bar: float, unit: str) -> bool:
    ok = value <= bar
    print(f"{name:55s} {value:8.2f} {unit:3s} (bar ≤ {bar:g}) {'ok' if ok else 'OVER'}")
    return ok


PY = sys.executable
DEALCALC = [PY, "-m", "dealcalc"]
