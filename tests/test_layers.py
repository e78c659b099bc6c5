"""The layers of dealcalc and the one direction of their imports, as code: `LAYERS` is the rule
(the README's "How the code is laid out" describes it for a reader; nothing parses Markdown), and
every import of a dealcalc module from another, at the top of a module or inside a function, is
checked against it. Every module must belong to a layer."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Final

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "dealcalc"

EVERYTHING: Final = "everything below"

# (the units of a layer: a package `x/` or a module `x.py`; what they hold; what they may import:
# the units named, or EVERYTHING in the layers above this one in the list). Bottom first.
LAYERS: Final[list[tuple[tuple[str, ...], str, tuple[str, ...] | str]]] = [
    (
        ("errors.py", "keypath.py", "shipped.py"),
        "the exceptions and the one mapping to exit codes; key paths; where the shipped scenarios are "
        "(light: shell completion reads it)",
        (),
    ),
    (
        ("registry.py", "blocks.py", "catalogue.py"),
        "the metric registry (one record per metric); what output is made of before it is drawn "
        "(Block, Chart, Format); what each output key means to a reader (label, short header, kind)",
        (),
    ),
    (
        ("output.py", "process.py"),
        "output files written atomically; signals, stdout, quiet workers",
        ("errors.py",),
    ),
    (
        ("tradedata.py",),
        "the 2024 trade table shipped in dealcalc/data/ (built by tools/), read on first use",
        ("errors.py",),
    ),
    (
        ("model/",),
        "pure arithmetic on a typed Scenario, a module per concern; metrics.py every metric key by group",
        ("errors.py", "keypath.py", "registry.py"),
    ),
    (
        ("scenario/",),
        "YAML → one validated Scenario (spec.py declares the format once), --set overrides",
        ("errors.py", "keypath.py", "shipped.py", "model/", "output.py"),
    ),
    (
        ("analysis/",),
        "diff, sweep, sensitivity, simulate, compare batches; pool.py over processes, vector.py with numpy",
        # a big batch's files, read by workers, are inputs --force must not replace
        ("errors.py", "keypath.py", "model/", "scenario/", "process.py", "output.py"),
    ),
    (
        ("render/",),
        "drawing only: plain text, Markdown, text charts; data.py JSON and CSV; table.py the only Rich "
        "importer, charts.py the only matplotlib one",
        ("errors.py", "blocks.py", "catalogue.py"),
    ),
    (
        ("workings/",),
        "--explain: each metric's formula as evaluable arithmetic (arithmetic.py), its terms worked "
        "from the scenario with the model's helpers",
        ("model/", "registry.py", "catalogue.py", "render/", "errors.py", "keypath.py"),
    ),
    (
        ("views/",),
        "results → Blocks: a table per command, the league table, diff/tornado/bands, report, the "
        "metrics catalogue, the notes under every table",
        (
            "model/",
            "analysis/",
            "workings/",
            "render/",
            "registry.py",
            "blocks.py",
            "catalogue.py",
            "scenario/",
            "errors.py",
            "keypath.py",
        ),
    ),
    (
        ("figures.py",),
        "what --chart draws from a command's rows",
        (
            "views/",
            "render/",
            "blocks.py",
            "catalogue.py",
            "model/",
            "scenario/",
            "output.py",
            "errors.py",
            "keypath.py",
        ),
    ),
    (("commands.py",), "a command, from names and options to a Result (its rows and its tables)", EVERYTHING),
    (
        ("api.py", "__init__.py"),
        "the Python surface: a Result's rows",
        ("commands.py", "model/", "scenario/", "errors.py"),
    ),
    (
        ("cli/", "launch.py", "__main__.py", "skeleton.py"),
        "the command line: the app and the one place errors become exit codes, the shared options, "
        "emit.py the one output path, *_commands.py the commands",
        EVERYTHING,
    ),
]


def _unit(module: str) -> str:
    """The layer unit of a module: `model/` or `errors.py`."""
    parts = module.split(".")
    if len(parts) == 1:
        return "__init__.py"
    return f"{parts[1]}/" if (PACKAGE / parts[1]).is_dir() else f"{parts[1]}.py"


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "dealcalc":
            if node.module == "dealcalc":
                found |= {_unit(f"dealcalc.{a.name}") for a in node.names if a.name != "__version__"}
            else:
                found.add(_unit(node.module))
        elif isinstance(node, ast.Import):
            found |= {_unit(a.name) for a in node.names if a.name.split(".")[0] == "dealcalc"}
    return found


def _wrong_imports(layers: list[tuple[tuple[str, ...], str, tuple[str, ...] | str]]) -> list[str]:
    layer_of = {unit: i for i, (units, _, _) in enumerate(layers) for unit in units}
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        unit = _unit(module)
        if unit not in layer_of:
            wrong.append(f"{unit} is in no layer")
            continue
        units, _, allowed = layers[layer_of[unit]]
        below = {u for row in layers[: layer_of[unit]] for u in row[0]}
        for target in sorted(_imports(path) - set(units)):
            if target not in (below if allowed == EVERYTHING else set(allowed)):
                wrong.append(f"{path.relative_to(ROOT)} imports {target}")
    return wrong


def test_every_import_is_one_the_layers_allow() -> None:
    assert _wrong_imports(LAYERS) == []


def test_a_layer_may_import_only_layers_below_it() -> None:
    """One direction: no layer names a unit above it (or an unknown one) among its imports."""
    seen: set[str] = set()
    for units, _, allowed in LAYERS:
        if allowed != EVERYTHING:
            assert set(allowed) <= seen, (units, set(allowed) - seen)
        seen |= set(units)


def test_the_check_catches_an_upward_import() -> None:
    """With `render/` allowed nothing, its real imports of `blocks.py` and `catalogue.py` are wrong."""
    strict = [(u, h, () if u == ("render/",) else a) for u, h, a in LAYERS]
    assert "dealcalc/render/__init__.py imports blocks.py" in _wrong_imports(strict)


def test_the_layers_are_the_ones_the_design_names() -> None:
    units = {u for row, _, _ in LAYERS for u in row}
    assert {
        "model/",
        "scenario/",
        "analysis/",
        "render/",
        "views/",
        "commands.py",
        "api.py",
        "errors.py",
    } <= units
