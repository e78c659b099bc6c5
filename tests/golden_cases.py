"""What a golden file holds for a shipped scenario: the JSON records of every command that
applies to it, exactly as `dealcalc <command> -f json` prints them.

Regenerate (a deliberate step, after checking why the numbers moved):

    python tests/golden_cases.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from dealcalc import views
from dealcalc.render import Block, plain
from dealcalc.scenario import load_scenario, shipped_names

GOLDEN = Path(__file__).parent / "golden"
# Returns need project assumptions that no shipped file states as fact; the golden files use
# these, the README's worked example too.
RETURNS_ASSUMPTIONS = "returns={cash_yield: 6%, horizon_years: 20, discount_rate: 4%}"


def _records(blocks: list[Block]) -> list[dict[str, Any]]:
    block = blocks[0]
    return [{k: plain(r.get(k)) for k in block.columns} for r in block.records]


def golden_for(name: str) -> dict[str, Any]:
    s = load_scenario(name)
    out: dict[str, Any] = {
        "burden": _records(views.burden([s])),
        "outflow": _records(views.outflow([s], schedule=False)),
        "outflow_schedule": _records(views.outflow([s], schedule=True)),
    }
    if s.tariffs is not None:
        out["tariff"] = _records(views.tariff([s], False, False, "threatened", "agreed"))
        out["tariff_lines"] = _records(views.tariff([s], True, False, "threatened", "agreed"))
    if s.projects:
        out["calls"] = _records(views.calls([s], schedule=False))
        out["calls_schedule"] = _records(views.calls([s], schedule=True))
    with_returns = s if s.returns is not None else load_scenario(name, [RETURNS_ASSUMPTIONS])
    out["returns"] = _records(views.returns([with_returns], schedule=False))
    out["returns_schedule"] = _records(views.returns([with_returns], schedule=True))
    return out


def write_all() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for name in shipped_names():
        text = json.dumps(golden_for(name), indent=1, ensure_ascii=False) + "\n"
        (GOLDEN / f"{name}.json").write_text(text, encoding="utf-8")
        print(f"wrote {GOLDEN / name}.json", file=sys.stderr)


if __name__ == "__main__":
    write_all()
