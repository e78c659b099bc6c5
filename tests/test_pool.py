"""How many worker processes a big job gets (DESIGN §7: workers only where they win, never
slower than one process, also when another job holds a core; bench/batch.py measures it)."""

from __future__ import annotations

import os

import pytest

from dealcalc.analysis import pool


@pytest.mark.parametrize(("cores", "workers"), [(1, 1), (2, 2), (16, 8)])
def test_big_jobs_get_the_usable_cores_at_most_eight(
    monkeypatch: pytest.MonkeyPatch, cores: int, workers: int
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)))
    monkeypatch.delenv("DEALCALC_WORKERS", raising=False)
    assert pool.workers_for(pool.PARALLEL_FROM - 1) == 1  # small: starting processes costs more
    assert pool.workers_for(pool.PARALLEL_FROM) == workers


def test_dealcalc_workers_sets_the_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEALCALC_WORKERS", "3")
    assert pool.workers_for(pool.PARALLEL_FROM) == 3
    monkeypatch.setenv("DEALCALC_WORKERS", "1")
    assert pool.workers_for(10**9) == 1
