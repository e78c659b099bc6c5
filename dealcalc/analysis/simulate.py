"""`simulate`: Monte Carlo draws from a scenario's `uncertainty:` block, and the mean, P5, P50
and P95 of each metric over the runs (DESIGN §3.6). The draws depend only on (seed, chunk), so
the result is the same for a seed however the chunks are spread over processes."""

from __future__ import annotations

import itertools
import math
import random
from array import array
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from dealcalc.analysis import pool
from dealcalc.errors import MissingInputError, UncertaintyError
from dealcalc.keypath import split_path
from dealcalc.model.inputs import Distribution, Scenario
from dealcalc.model.metrics import compute_metrics, metric_cache
from dealcalc.model.vary import set_values, with_form
from dealcalc.scenario.points import point_valid

if TYPE_CHECKING:
    import numpy as np

    from dealcalc.analysis.vector import Array, Plan

Progress = Callable[[int], None]


def _draw(rng: random.Random, d: Distribution) -> float:
    p = d.params
    if d.kind == "normal":
        return rng.gauss(p[0], p[1])
    if d.kind == "uniform":
        return rng.uniform(p[0], p[1])
    if d.kind == "triangular":
        return rng.triangular(p[0], p[2], p[1])
    try:
        return rng.lognormvariate(p[0], p[1])
    except OverflowError:  # beyond any float: outside every field's range, so the run is skipped
        return math.inf


SIMULATION_CHUNK = 10_000  # runs per chunk; each chunk has its own stream of draws


def require_uncertainty(s: Scenario) -> None:
    if not s.uncertainty:
        example = "{economy.fx_rate: {normal: [1400, 50]}}"
        raise MissingInputError(
            s.file,
            "uncertainty",
            "nothing to draw",
            "  uncertainty:\n    economy.fx_rate: {normal: [1400, 50]}",
            example,
        )


@metric_cache()
def simulate_chunk(
    s: Scenario, seed: int, chunk: int, runs: int, keys: list[str]
) -> tuple[dict[str, array], dict[str, int]]:  # type: ignore[type-arg]
    """Runs of one chunk: every `uncertainty` input drawn once, the metrics' values where they
    have one, and how often they had none — a run whose draws a file would refuse (a value
    outside its field's range, or draws that together break a rule) is skipped and counted.
    The draws depend only on (seed, chunk), so results do not depend on how chunks are spread
    over processes."""
    require_uncertainty(s)
    rng = random.Random(f"{seed}:{chunk}")
    dists = [(split_path(k), d) for k, d in s.uncertainty.items()]
    values = {k: array("d") for k in keys}
    missing = dict.fromkeys(keys, 0)
    for _ in range(runs):
        changed = {}
        for path, dist in dists:
            changed[path] = _draw(rng, dist)
        if not point_valid(s, changed):  # a file with these values would be refused: skipped
            for key in keys:
                missing[key] += 1
            continue
        point = set_values(s, changed)
        for key, v in compute_metrics(point, keys).items():
            if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v):
                values[key].append(v)
            else:
                missing[key] += 1
    return values, missing


QUANTILES = {"p5": 0.05, "p50": 0.50, "p95": 0.95}


def summarise(key: str, data: Sequence[float], missing: int) -> dict[str, Any]:
    """Mean, P5, P50 and P95 of one metric over the runs where it had a value."""
    ordered = sorted(data)
    return _row(key, len(ordered), missing, ordered, lambda ranks: [ordered[r] for r in ranks])


def _row(
    key: str, n: int, missing: int, values: Iterable[float], ranked: Callable[[list[int]], list[float]]
) -> dict[str, Any]:
    """The summary row of n `values`; `ranked(ranks)` gives the values of those ranks in sorted
    order."""
    row: dict[str, Any] = {"metric": key, "runs": n, "missing": missing}
    row.update(mean=None, p5=None, p50=None, p95=None)
    if n:
        spots = {name: _spot(n, q) for name, q in QUANTILES.items()}
        ranks = sorted({r for lo, hi, _ in spots.values() for r in (lo, hi)})
        value = dict(zip(ranks, ranked(ranks), strict=True))
        try:
            row["mean"] = math.fsum(values) / n
        except OverflowError:  # the values sum beyond any float: no mean to show (null)
            row["mean"] = None
        for name, (lo, hi, frac) in spots.items():
            # linear interpolation between closest ranks (numpy's default)
            row[name] = value[lo] + (value[hi] - value[lo]) * frac
    return row


def _spot(n: int, q: float) -> tuple[int, int, float]:
    """The ranks either side of quantile q of n sorted values, and how far between them it lies."""
    pos = (n - 1) * q
    lo = math.floor(pos)
    return lo, min(lo + 1, n - 1), pos - lo


Job = tuple[Scenario, int, list[str]]


def _simulate_task(job: Job, task: tuple[int, int]) -> tuple[dict[str, array], dict[str, int]]:  # type: ignore[type-arg]
    s, seed, keys = job
    chunk, runs = task
    return simulate_chunk(s, seed, chunk, runs, keys)


def simulate_summary(
    s: Scenario,
    runs: int,
    seed: int,
    keys: list[str],
    progress: Progress | None = None,
    draws: dict[str, array] | None = None,  # type: ignore[type-arg]
) -> list[dict[str, Any]]:
    """Mean, P5, P50, P95 of each metric over the valid runs of `runs` draws, and how many runs
    were skipped (`missing`: draws a file would refuse, or a metric without a value); the same
    for the same seed. With `draws`, also each metric's values run by run (for `--chart`).
    Raises UncertaintyError when every run was skipped (there is nothing to summarise)."""
    require_uncertainty(s)
    for key, dist in s.uncertainty.items():  # a draw keeps the form its range is written in
        s = with_form(s, split_path(key), dist.form)
    rows = _simulate(s, runs, seed, keys, progress, draws)
    if rows and all(r["runs"] == 0 for r in rows):
        drawn = ", ".join(s.uncertainty)
        raise UncertaintyError(
            f"{s.file}: uncertainty: all {runs:,} draws were skipped: every one gave values a file "
            f"would refuse ({drawn}), or no value; keep the ranges within what the file's rules accept"
        )
    return rows


def _simulate(
    s: Scenario,
    runs: int,
    seed: int,
    keys: list[str],
    progress: Progress | None,
    draws: dict[str, array] | None,  # type: ignore[type-arg]
) -> list[dict[str, Any]]:
    if runs >= pool.PARALLEL_FROM:  # numpy's arrays
        from dealcalc.analysis import vector

        job = vector.plan(s, [split_path(k) for k in s.uncertainty], keys)
        if job is not None:
            return _simulate_vector(s, runs, seed, keys, job, progress, draws)
    size = SIMULATION_CHUNK
    tasks = [(i, min(size, runs - i * size)) for i in range((runs + size - 1) // size)]
    values = {k: array("d") for k in keys}
    missing = dict.fromkeys(keys, 0)
    results = pool.run(_simulate_task, (s, seed, keys), tasks, pool.workers_for(runs))
    for (chunk_values, chunk_missing), (_, n) in zip(results, tasks, strict=True):
        for k in keys:
            values[k].extend(chunk_values[k])
            missing[k] += chunk_missing[k]
        if progress is not None:
            progress(n)
    if draws is not None:
        draws.update(values)
    return [summarise(k, values[k], missing[k]) for k in keys]


VECTOR_CHUNK = 250_000  # draws per numpy chunk; each chunk has its own stream
KEPT_VALUES = 6_000_000  # metric values held at once (48 MB): the full sample of each metric


def _simulate_vector(
    s: Scenario,
    runs: int,
    seed: int,
    keys: list[str],
    job: Plan,
    progress: Progress | None,
    draws: dict[str, array] | None,  # type: ignore[type-arg]
) -> list[dict[str, Any]]:
    """`simulate` with numpy. Percentiles are of the full sample: as many metrics at a time as
    KEPT_VALUES allows (six of the nine defaults at a million runs), the draws made again for the next
    ones (they depend only on the seed and the chunk)."""
    import numpy as np

    from dealcalc.analysis import vector

    paths = [split_path(k) for k in s.uncertainty]
    chunks = [(i, min(VECTOR_CHUNK, runs - i * VECTOR_CHUNK)) for i in range(-(-runs // VECTOR_CHUNK))]
    per_pass = max(1, KEPT_VALUES // runs)
    rows = []
    for first in range(0, len(keys), per_pass):
        batch = keys[first : first + per_pass]
        kept = {k: np.empty(runs) for k in batch}
        done = 0
        for chunk, n in chunks:
            drawn = draw_chunk(s, seed, chunk, n)
            # refused draws are computed too (then dropped): their overflows are not the user's news
            with np.errstate(all="ignore"):
                metrics = vector.evaluate(s, job, paths, drawn, batch)
            valid = np.broadcast_to(point_valid(s, dict(zip(paths, drawn, strict=True))), (n,))
            for k in batch:  # a draw the file's rules refuse, or a value beyond any float: missing
                col = vector.column(metrics[k], n)
                kept[k][done : done + n] = np.where(valid & np.isfinite(col), col, np.nan)
            done += n
            if progress is not None:
                progress(n * len(batch) // len(keys))
        for k in batch:
            values = kept.pop(k)
            data = values[~np.isnan(values)]
            del values
            if draws is not None:
                draws[k] = array("d", data.tobytes())

            def ranked(ranks: list[int], data: Array = data) -> list[float]:
                return [float(v) for v in np.partition(data, ranks)[ranks]]

            # fsum of Python floats like `summarise`, streamed (a list of them all is 32 MB a million)
            floats = itertools.chain.from_iterable(
                part.tolist() for part in np.split(data, range(0, len(data), 65536))
            )
            rows.append(_row(k, len(data), runs - len(data), floats, ranked))
    return rows


def draw_chunk(s: Scenario, seed: int, chunk: int, n: int) -> list[Array]:
    """n draws of every `uncertainty` input for one chunk (numpy's PCG64 seeded by the seed and
    the chunk), each drawn once: `point_valid` then skips the runs a file would refuse."""
    import numpy as np

    rng = np.random.default_rng([seed % 2**64, (seed >> 64) % 2**64, chunk])
    with np.errstate(over="ignore"):  # a lognormal beyond any float is inf: a skipped run
        return [_draw_many(rng, dist, n) for dist in s.uncertainty.values()]


def _draw_many(rng: np.random.Generator, d: Distribution, n: int) -> Array:
    p = d.params
    if d.kind == "normal":
        return rng.normal(p[0], p[1], n)
    if d.kind == "uniform":
        return rng.uniform(p[0], p[1], n)
    if d.kind == "triangular":
        return rng.triangular(p[0], p[1], p[2], n)
    return rng.lognormal(p[0], p[1], n)
