"""Building typed scenarios directly, for pure model tests; Rich's layout as plain text."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

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
