"""The worker pool behind sweep, simulate and big compare batches: chunks of work in parallel on
a machine with more than one core (DESIGN §7: 100,000 points in ≤ 3 s on two cores), results in
order, as they come.

Each task is a module-level function applied to (job, chunk). The job (a scenario and what to
compute) travels to the workers with the task, pickled, so nothing is shared through module
state and a notebook can run two analyses at once; the workers ignore Ctrl-C, which the parent
alone handles (no traceback from a worker, DESIGN §4)."""

from __future__ import annotations

import functools
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from typing import TypeVar

# Points (grid points, draws) from which a job is big: it runs in worker processes, with numpy
# (`vector.py`), and shows a progress bar; below it, starting processes or importing numpy costs
# more than it saves.
PARALLEL_FROM = 20_000
MAX_WORKERS = 8

J = TypeVar("J")
T = TypeVar("T")
R = TypeVar("R")


def workers_for(points: int) -> int:
    """Processes for a job of `points`: DEALCALC_WORKERS if set, else one for small jobs, else
    the cores this process may use (at most 8). Measured on two cores with another job holding
    one of them: two workers took 0.77 × the time of one process for `compare` over 1,000 files
    (the scheduler shares the cores among all runnable processes, so two workers get more of
    them than one), and 0.72 × on a machine with no other job; so cores that other jobs use are
    not left out."""
    wanted = _wanted_workers()
    if points < PARALLEL_FROM:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, wanted or MAX_WORKERS))


def _wanted_workers() -> int | None:
    """DEALCALC_WORKERS as a number of processes (None when unset or empty); anything but a
    whole number from 1 up is refused, never ignored. More than the cores is capped at them
    (more processes than cores only share them)."""
    text = os.environ.get("DEALCALC_WORKERS", "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit() and len(text) <= 6 and int(text) >= 1):
        from dealcalc.errors import ArgumentError

        shown = text if len(text) <= 24 else text[:20] + "…"
        raise ArgumentError(
            f"DEALCALC_WORKERS={shown!r}: expected a whole number of processes, 1 or more "
            "(1: no worker processes; unset it to use every core)"
        )
    return int(text)


def run(func: Callable[[J, T], R], job: J, tasks: Sequence[T], workers: int) -> Iterator[R]:
    """`func(job, task)` for each task, in order; in worker processes when workers > 1, with at
    most two tasks per worker in flight (memory stays flat however many tasks there are)."""
    if workers <= 1 or len(tasks) <= 1:
        for task in tasks:
            yield func(job, task)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork starts a worker in milliseconds; elsewhere the platform's default method
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    call = functools.partial(func, job)
    executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupts)
    try:
        pending: deque[Future[R]] = deque()
        queue = iter(tasks)
        for task in queue:
            pending.append(executor.submit(call, task))
            if len(pending) >= 2 * workers:
                break
        while pending:
            result = pending.popleft().result()
            for task in queue:
                pending.append(executor.submit(call, task))
                break
            yield result
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def _ignore_interrupts() -> None:
    """Worker start-up: Ctrl-C reaches the whole process group; only the parent acts on it, and
    a SIGTERM from it ends a worker quietly (`dealcalc.process.quiet_worker`)."""
    from dealcalc.process import quiet_worker

    quiet_worker()
