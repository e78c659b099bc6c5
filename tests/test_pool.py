"""How many worker processes a big job gets (DESIGN §7: workers only where they win, never
slower than one process, also when another job holds a core)."""

from __future__ import annotations

import io
import os

import pytest

from dealcalc.analysis import pool


def _machine(monkeypatch: pytest.MonkeyPatch, cores: int, runnable_now: int, load: float) -> None:
    """`cores` usable; `runnable_now` processes runnable (this one included); a 1-minute load."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)))
    monkeypatch.setattr(os, "getloadavg", lambda: (load, 0.0, 0.0))
    text = f"{load:.2f} 0.00 0.00 {runnable_now}/200 12345\n"
    monkeypatch.setattr(pool, "open", lambda *a, **k: io.StringIO(text), raising=False)
    monkeypatch.delenv("DEALCALC_WORKERS", raising=False)


@pytest.mark.parametrize(
    ("cores", "now", "load", "free"),
    [
        (2, 1, 0.1, 2),  # only this process runs: both cores
        (2, 2, 1.1, 1),  # another job holds a core, now and over the last minute: one
        (2, 1, 1.1, 2),  # the other job has just ended: both
        (2, 4, 0.2, 2),  # a burst of short processes: not counted
        (2, 5, 4.0, 1),  # a busy machine: still one process
        (16, 1, 0.0, 16),
    ],
)
def test_free_cpus_counts_the_cores_other_jobs_hold(
    monkeypatch: pytest.MonkeyPatch, cores: int, now: int, load: float, free: int
) -> None:
    _machine(monkeypatch, cores, now, load)
    assert pool.free_cpus() == free


def test_workers_only_for_big_jobs_and_at_most_eight(monkeypatch: pytest.MonkeyPatch) -> None:
    _machine(monkeypatch, 16, 1, 0.0)
    assert pool.workers_for(pool.PARALLEL_FROM - 1) == 1
    assert pool.workers_for(pool.PARALLEL_FROM) == 8
    monkeypatch.setenv("DEALCALC_WORKERS", "3")
    assert pool.workers_for(pool.PARALLEL_FROM) == 3
