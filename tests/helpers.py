"""Building typed scenarios directly, for pure model tests; Rich's layout as plain text."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from rich.console import Console

from dealcalc.blocks import View
from dealcalc.model.inputs import (
    Economy,
    Pledge,
    Project,
    RegimeRate,
    Returns,
    Scenario,
    TariffLine,
    Tariffs,
    Tier,
    Trade,
    Tranche,
    Window,
)
from dealcalc.render.table import print_blocks

START = dt.date(2025, 1, 1)
DEADLINE = dt.date(2029, 1, 1)  # exactly 4.0 years of 365.25 days


def scenario(
    tranches: tuple[Tranche, ...] = (Tranche("pledge", 100.0, 10.0),),
    *,
    start: dt.date = START,
    deadline: dt.date = DEADLINE,
    gdp: float = 1000.0,
    fx_reserves: float | None = 200.0,
    lines: tuple[TariffLine, ...] = (),
    elasticity: float = 0.0,
    profit_split: tuple[Tier, ...] | None = None,
    returns: Returns | None = None,
    projects: tuple[Project, ...] = (),
    window: Window | None = None,
    instruments: dict[str, float] | None = None,
    cost_weights: dict[str, float] | None = None,
    trade: Trade | None = None,
) -> Scenario:
    return Scenario(
        title="Test",
        country="Testland",
        pledge=Pledge(
            tranches=tranches,
            start=start,
            deadline=deadline,
            explicit_tranches=len(tranches) > 1,
            funding_window=window,
            instruments=instruments,
            cost_weights=cost_weights or {},
            profit_split=profit_split,
        ),
        economy=Economy(gdp=gdp, fx_reserves=fx_reserves),
        trade=trade or Trade(50.0, 30.0, 20.0),
        tariffs=Tariffs(lines, elasticity) if lines else None,
        returns=returns,
        projects=projects,
        file="test.yaml",
    )


def line(name: str, exports: float, mfn: float, threatened: RegimeRate, agreed: RegimeRate) -> TariffLine:
    return TariffLine(name, exports, mfn, {"threatened": threatened, "agreed": agreed})


def tables_to_text(blocks: Sequence[View], width: int | None = None) -> str:
    """The tables as Rich draws them (for `--svg`), as plain text without colour."""
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width or 100,
        color_system=None,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )
    print_blocks(console, blocks)
    return buf.getvalue()


def vector_mismatches(s: Scenario, paths: Sequence[str], values: Sequence[Any], keys: list[str]) -> list[str]:
    """Where the numpy path (`analysis.vector`) and the scalar model disagree (beyond 1e-9) at the
    points whose varied `paths` take `values` (one array per path); points that the file rules
    refuse (`point_valid`) are skipped, as sweeps and simulations skip them."""
    import math

    from dealcalc.analysis import vector
    from dealcalc.keypath import split_path
    from dealcalc.model.metrics import compute_metrics
    from dealcalc.model.vary import set_value
    from dealcalc.scenario.points import point_valid

    def close(a: float, b: Any) -> bool:
        if b is None:
            return math.isnan(a)
        return not math.isnan(a) and abs(a - b) <= 1e-9 * max(1.0, abs(b))

    key_paths = [split_path(p) for p in paths]
    job = vector.plan(s, key_paths, keys)
    if job is None:
        return [f"no array plan for {list(paths)}"]
    out = vector.evaluate(s, job, key_paths, values, keys)
    n = len(values[0])
    wrong = []
    for i in range(n):
        changed = {kp: float(col[i]) for kp, col in zip(key_paths, values, strict=True)}
        if not point_valid(s, changed):
            continue
        point = s
        for kp, v in changed.items():
            point = set_value(point, kp, v)
        expected = compute_metrics(point, keys)
        for k in keys:
            got = float(vector.column(out[k], n)[i])
            if not close(got, expected[k]):
                wrong.append(f"point {i} {changed}: {k} numpy {got} scalar {expected[k]}")
    return wrong
