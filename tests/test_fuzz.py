"""Fuzzing: mutate valid scenarios (drop, rename, retype keys; random scalars; random bytes) and
check that dealcalc answers with exit 0 or 1, never a traceback, and names the file on exit 1.

CI runs DEALCALC_FUZZ_EXAMPLES (default 60) examples; a soak: docs/development.md, and
tools/fuzz.py for 100,000 generated files across every command (docs/robustness.md)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealcalc.scenario import shipped_dir

from conftest import run

EXAMPLES = int(os.environ.get("DEALCALC_FUZZ_EXAMPLES", "60"))
SEEDS = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(shipped_dir().glob("*.yaml"))}
SEEDS["minimal.yaml"] = yaml.safe_load((Path(__file__).parent / "data" / "minimal.yaml").read_text())
PARENTS = tuple(f"{name}:" for name in SEEDS)
COMMANDS = [
    ["burden", "--explain"],
    ["outflow", "--schedule"],
    ["tariff", "--lines"],
    ["returns"],
    ["calls"],
    ["compare"],
    ["report"],
    ["sensitivity", "-m", "pledge_to_gdp"],
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.dates(dt.date(1900, 1, 1), dt.date(2200, 1, 1)),
    st.sampled_from(
        [
            "550 USD bn",
            "-1 USD bn",
            "15%",
            "+25%",
            "15% floor",
            "45 business days",
            "0 USD bn",
            "1e400 USD bn",
            "nan USD bn",
            "2,549.1 KRW tn",
            "3 XYZ bn",
            "recovered",
            "purchases",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _mutate(doc: Any, path: tuple[Any, ...], how: str, value: Any, name: str) -> Any:
    parent = doc
    for p in path[:-1]:
        parent = parent[p]
    key = path[-1]
    if how == "drop":
        del parent[key]
    elif how == "rename" and isinstance(parent, dict):
        parent[name] = parent.pop(key)
    else:
        parent[key] = value
    return doc


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    seed_name = draw(st.sampled_from(sorted(SEEDS)))
    doc = yaml.safe_load(yaml.safe_dump(SEEDS[seed_name]))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(doc)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        doc = _mutate(
            doc,
            path,
            draw(st.sampled_from(["drop", "rename", "retype"])),
            draw(values),
            draw(st.text(min_size=1, max_size=10)),
        )
    text = yaml.safe_dump(doc, allow_unicode=True).encode("utf-8")
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.binary(min_size=1, max_size=8)) + text[at:]
    return seed_name, text


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated(), st.sampled_from(COMMANDS))
def test_mutated_scenarios_never_crash(case: tuple[str, bytes], command: list[str]) -> None:
    seed_name, data = case
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz-{seed_name}"
        (Path(tmp) / "korea-2025-11-mou.yaml").write_bytes(
            (shipped_dir() / "korea-2025-11-mou.yaml").read_bytes()
        )
        (Path(tmp) / "japan-2025-09-mou.yaml").write_bytes(
            (shipped_dir() / "japan-2025-09-mou.yaml").read_bytes()
        )
        path.write_bytes(data)
        result = run(*command, str(path), "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    if result.exit_code == 1:
        # the file, or the parent it extends (copied beside it, or shipped)
        assert result.stderr.startswith((str(path.parent), *PARENTS)), result.stderr
