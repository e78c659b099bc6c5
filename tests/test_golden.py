"""Every shipped scenario against its stored expected output (float tolerance)."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from dealcalc.scenario import shipped_names

from golden_cases import GOLDEN, golden_for

REL = 1e-9


def _close(a: Any, b: Any, where: str) -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{where}: keys differ: {sorted(a.keys() ^ b.keys())}"]
        return [d for k in a for d in _close(a[k], b[k], f"{where}.{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{where}: {len(a)} rows, expected {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _close(x, y, f"{where}[{i}]")]
    if isinstance(a, float) or isinstance(b, float):
        if (
            isinstance(a, int | float)
            and isinstance(b, int | float)
            and math.isclose(a, b, rel_tol=REL, abs_tol=1e-12)
        ):
            return []
    elif a == b:
        return []
    return [f"{where}: {a!r}, expected {b!r}"]


def test_every_shipped_scenario_has_a_golden_file() -> None:
    assert {p.stem for p in GOLDEN.glob("*.json") if not p.stem.endswith(".actual")} == set(shipped_names())


@pytest.mark.parametrize("name", shipped_names())
def test_golden(name: str) -> None:
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    actual = json.loads(json.dumps(golden_for(name)))
    diffs = _close(actual, expected, name)
    if diffs:
        # keep the actual output beside the golden file, for a diff; regenerate deliberately
        (GOLDEN / f"{name}.actual.json").write_text(json.dumps(actual, indent=1, ensure_ascii=False))
    assert not diffs, "\n".join(diffs[:20])
