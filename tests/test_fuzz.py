"""Fuzzing: mutate valid scenarios (drop, rename, retype keys; random scalars; random bytes) and
check that dealcalc answers with exit 0 or 1, never a traceback, and names the file on exit 1.

CI runs DEALCALC_FUZZ_EXAMPLES (default 60) examples; a soak: docs/development.md, and
tools/fuzz.py for 100,000 generated files across every command (docs/robustness.md)."""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import os
import random
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealcalc.scenario import shipped_dir

from conftest import ROOT, run
from mutations import mutate, paths, seeds, to_bytes, with_junk

EXAMPLES = int(os.environ.get("DEALCALC_FUZZ_EXAMPLES", "60"))
SEEDS = seeds()
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


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    seed_name = draw(st.sampled_from(sorted(SEEDS)))
    doc = copy.deepcopy(SEEDS[seed_name])
    for _ in range(draw(st.integers(1, 3))):
        every = paths(doc)
        if not every:
            break
        mutate(
            doc,
            draw(st.sampled_from(every)),
            draw(st.sampled_from(["drop", "rename", "retype"])),
            draw(values),
            draw(st.text(min_size=1, max_size=10)),
        )
    text = to_bytes(doc)
    if draw(st.booleans()):
        text = with_junk(text, draw(st.integers(0, len(text))), draw(st.binary(min_size=1, max_size=8)))
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


def test_the_mutations_worked_by_hand() -> None:
    doc = {"pledge": {"amount": "1 USD bn", "tranches": [{"name": "a"}]}, "title": "T"}
    assert paths(doc) == [
        ("pledge",),
        ("pledge", "amount"),
        ("pledge", "tranches"),
        ("pledge", "tranches", 0),
        ("pledge", "tranches", 0, "name"),
        ("title",),
    ]
    mutate(doc, ("pledge", "amount"), "rename", None, "anual_cap")
    new = {"x": [1]}
    mutate(doc, ("pledge", "tranches", 0), "rename", new, "n")  # a list item has no name: retyped
    new["x"].append(2)  # the document holds a copy
    mutate(doc, ("title",), "drop", None, "")
    assert doc == {"pledge": {"tranches": [{"x": [1]}], "anual_cap": "1 USD bn"}}
    assert to_bytes(doc) == b"pledge:\n  anual_cap: 1 USD bn\n  tranches:\n  - x:\n    - 1\n"  # keys sorted
    assert to_bytes({"a": object()}) == b"dealcalc: 1\n"  # YAML cannot write it: the smallest file
    assert with_junk(b"abc", 1, b"\xff") == b"a\xffbc"
    assert with_junk(b"abc", 9, b"\xff") == b"abc\xff"


def test_the_soak_mutates_with_the_same_code(tmp_path: Path) -> None:
    """tools/fuzz.py (the soak) builds its files with tests/mutations.py, not a copy of it."""
    spec = importlib.util.spec_from_file_location("fuzz_soak", ROOT / "tools" / "fuzz.py")
    assert spec and spec.loader
    soak = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(soak)
    assert (soak.mutate, soak.paths, soak.to_bytes) == (mutate, paths, to_bytes)
    rng = random.Random(3)
    for _ in range(20):
        args = soak.case(rng, tmp_path)
        assert args[0] in {c[0] for c in soak.COMMANDS}
        written = [a for a in args if a.startswith(str(tmp_path))]
        for name in written:  # a mutated file: YAML (or junk) under a shipped file's name
            assert Path(name).stem in soak.SEEDS
