"""`simulate`: Monte Carlo draws from a scenario's `uncertainty:` block, and the mean, P5, P50
and P95 of each metric over the runs (DESIGN §3.6). The draws depend only on (seed, chunk), so
the result is the same for a seed however the chunks are spread over processes."""

from __future__ import annotations

import math
import random
from array import array
from collections.abc import Callable
from typing import Any

from dealcalc.analysis import pool
from dealcalc.errors import MissingInputError, UncertaintyError
from dealcalc.keypath import KeyPath, dotted, split_path
from dealcalc.model.inputs import Distribution, Scenario
from dealcalc.model.metrics import compute_metrics
from dealcalc.model.vary import set_value

MAX_REDRAWS = 1000

Valid = Callable[[KeyPath, float], bool]
Progress = Callable[[int], None]


def _draw(rng: random.Random, d: Distribution) -> float:
    p = d.params
    if d.kind == "normal":
        return rng.gauss(p[0], p[1])
    if d.kind == "uniform":
        return rng.uniform(p[0], p[1])
    if d.kind == "triangular":
        return rng.triangular(p[0], p[2], p[1])
    return rng.lognormvariate(p[0], p[1])


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


def simulate_chunk(
    s: Scenario, seed: int, chunk: int, runs: int, keys: list[str], valid: Callable[[KeyPath, float], bool]
) -> tuple[dict[str, array], dict[str, int]]:  # type: ignore[type-arg]
    """Runs of one chunk: every `uncertainty` input drawn (a draw outside its field's valid range
    is drawn again), the metrics' values where they have one, and how often they had none.
    The draws depend only on (seed, chunk), so results do not depend on how chunks are spread
    over processes."""
    require_uncertainty(s)
    rng = random.Random(f"{seed}:{chunk}")
    dists = [(split_path(k), d) for k, d in s.uncertainty.items()]
    values = {k: array("d") for k in keys}
    missing = dict.fromkeys(keys, 0)
    for _ in range(runs):
        point = s
        for path, dist in dists:
            for _ in range(MAX_REDRAWS):
                x = _draw(rng, dist)
                if valid(path, x):
                    break
            else:
                raise UncertaintyError(
                    f"uncertainty.{dotted(path)}: {MAX_REDRAWS} draws in a row fell outside "
                    "the field's valid range; narrow the distribution"
                )
            point = set_value(point, path, x)
        for key, v in compute_metrics(point, keys).items():
            if isinstance(v, int | float) and not isinstance(v, bool):
                values[key].append(v)
            else:
                missing[key] += 1
    return values, missing


def summarise(key: str, data: array, missing: int) -> dict[str, Any]:  # type: ignore[type-arg]
    """Mean, P5, P50 and P95 of one metric over the runs where it had a value."""
    row: dict[str, Any] = {
        "metric": key,
        "runs": len(data),
        "missing": missing,
        "mean": None,
        "p5": None,
        "p50": None,
        "p95": None,
    }
    if data:
        ordered = sorted(data)
        row.update(
            mean=math.fsum(ordered) / len(ordered),
            p5=_quantile(ordered, 0.05),
            p50=_quantile(ordered, 0.50),
            p95=_quantile(ordered, 0.95),
        )
    return row


def _quantile(ordered: list[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    pos = (len(ordered) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


Job = tuple[Scenario, int, list[str], Valid]


def _simulate_task(job: Job, task: tuple[int, int]) -> tuple[dict[str, array], dict[str, int]]:  # type: ignore[type-arg]
    s, seed, keys, valid = job
    chunk, runs = task
    return simulate_chunk(s, seed, chunk, runs, keys, valid)


def simulate(
    s: Scenario,
    runs: int,
    seed: int,
    keys: list[str],
    valid: Valid,
    progress: Progress | None = None,
    draws: dict[str, array] | None = None,  # type: ignore[type-arg]
) -> list[dict[str, Any]]:
    """Mean, P5, P50, P95 of each metric over `runs` draws; the same for the same seed.
    `valid(path, value)` says whether a drawn value lies in its field's range (a module-level
    function: workers receive it by name). With `draws`, also each metric's values run by run
    (for the histograms of `--chart`)."""
    require_uncertainty(s)
    size = SIMULATION_CHUNK
    tasks = [(i, min(size, runs - i * size)) for i in range((runs + size - 1) // size)]
    values = {k: array("d") for k in keys}
    missing = dict.fromkeys(keys, 0)
    results = pool.run(_simulate_task, (s, seed, keys, valid), tasks, pool.workers_for(runs))
    for (chunk_values, chunk_missing), (_, n) in zip(results, tasks, strict=True):
        for k in keys:
            values[k].extend(chunk_values[k])
            missing[k] += chunk_missing[k]
        if progress is not None:
            progress(n)
    if draws is not None:
        draws.update(values)
    return [summarise(k, values[k], missing[k]) for k in keys]
