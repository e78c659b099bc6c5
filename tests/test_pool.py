"""How many worker processes a big job gets (DESIGN §7: workers only where they win, never
slower than one process, also when another job holds a core; bench/batch.py measures it)."""

from __future__ import annotations

import os

import pytest

from dealcalc.analysis import pool

from conftest import run


@pytest.mark.parametrize(("cores", "workers"), [(1, 1), (2, 2), (16, 8)])
def test_big_jobs_get_the_usable_cores_at_most_eight(
    monkeypatch: pytest.MonkeyPatch, cores: int, workers: int
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cores)))
    monkeypatch.delenv("DEALCALC_WORKERS", raising=False)
    assert pool.workers_for(pool.PARALLEL_FROM - 1) == 1  # small: starting processes costs more
    assert pool.workers_for(pool.PARALLEL_FROM) == workers


def test_dealcalc_workers_sets_the_number_capped_at_the_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(4)))
    monkeypatch.setenv("DEALCALC_WORKERS", "3")
    assert pool.workers_for(pool.PARALLEL_FROM) == 3
    monkeypatch.setenv("DEALCALC_WORKERS", "1")
    assert pool.workers_for(10**9) == 1
    monkeypatch.setenv("DEALCALC_WORKERS", "1000")  # 374 processes once; the cores now
    assert pool.workers_for(pool.PARALLEL_FROM) == 4


@pytest.mark.parametrize("value", ["0", "-1", "abc", "99999999999999999999", "1.5", "٣"])
def test_a_bad_dealcalc_workers_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("DEALCALC_WORKERS", value)
    result = run("sweep", "korea-2025-11-mou", "--vary", "economy.fx_rate=1000:1100:50", "-f", "csv")
    shown = value if len(value) <= 24 else value[:20] + "…"
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"DEALCALC_WORKERS={shown!r}: expected a whole number of processes, 1 or more "
        "(1: no worker processes; unset it to use every core)\n"
    )
