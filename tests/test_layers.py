"""The layers of dealcalc and the one direction of their imports, as code: `LAYERS` is the rule
(docs/development.md's "How the code is laid out" describes it for a reader; nothing parses
Markdown), and every import of a dealcalc module from another, at the top of a module, inside a
function or under `if TYPE_CHECKING:`, is checked against it. Every module must belong to a layer.

What a layer may import is a unit (`model/`, `errors.py`), one module of a package
(`model/inputs.py`), or a unit's types and constants only (`model/` + TYPES): names that start
with a capital — PEP 8's CapWords classes and UPPER_CASE constants — never a function or a
module. So views may name the model's result types and key constants but cannot run it."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Final, NamedTuple

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "dealcalc"

EVERYTHING: Final = "everything below"
TYPES: Final = ":types"  # after a unit: its types and constants only

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
        "metrics catalogue, the notes under every table; the results computed by commands.py (views "
        "read the Scenario for its input data, and name the model's types and constants only)",
        (
            "model/inputs.py",
            "model/" + TYPES,
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
    (
        ("commands.py",),
        "a command, from names and options to a Result (its rows and its tables): runs the model and "
        "the analyses and hands their results to views",
        EVERYTHING,
    ),
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


def _file(module: str) -> str:
    """The module's file within its unit's package: `model/inputs.py`, `model/__init__.py` (""
    for a unit that is one module, `errors.py`)."""
    parts = module.split(".")[1:]
    if PACKAGE.joinpath(*parts).is_dir():
        parts.append("__init__")
    return "/".join(parts) + ".py" if len(parts) > 1 else ""


class Imported(NamedTuple):
    unit: str  # `model/`
    file: str  # `model/outflow.py` ("" for a unit that is one module)
    names: tuple[str, ...]  # what `from … import` takes from it (() for `import dealcalc.x`)


def _imports(tree: ast.AST) -> list[Imported]:
    found: list[Imported] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "dealcalc":
            if node.module == "dealcalc":
                found += [
                    Imported(_unit(f"dealcalc.{a.name}"), "", ())
                    for a in node.names
                    if a.name != "__version__"
                ]
            else:
                found.append(
                    Imported(_unit(node.module), _file(node.module), tuple(a.name for a in node.names))
                )
        elif isinstance(node, ast.Import):
            found += [
                Imported(_unit(a.name), _file(a.name), ())
                for a in node.names
                if a.name.split(".")[0] == "dealcalc"
            ]
    return found


def _is_type_or_constant(name: str) -> bool:
    """A CapWords class or an UPPER_CASE constant (PEP 8), not a function or a module."""
    return name[:1].isupper()


def _wrong_in(
    layers: list[tuple[tuple[str, ...], str, tuple[str, ...] | str]], path: str, tree: ast.AST
) -> list[str]:
    """The imports of one module (`path`, e.g. `dealcalc/views/tables.py`) that its layer does not allow."""
    layer_of = {unit: i for i, (units, _, _) in enumerate(layers) for unit in units}
    module = path.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
    unit = _unit(module)
    if unit not in layer_of:
        return [f"{unit} is in no layer"]
    units, _, allowed = layers[layer_of[unit]]
    below = {u for row in layers[: layer_of[unit]] for u in row[0]}
    wrong = []
    for got in _imports(tree):
        if got.unit in units or got.unit in (below if allowed == EVERYTHING else set(allowed)):
            continue
        if allowed != EVERYTHING and got.file in allowed:
            continue
        if allowed != EVERYTHING and got.unit + TYPES in allowed:
            others = [n for n in got.names if not _is_type_or_constant(n)]
            if got.names and not others:
                continue
            wrong.append(f"{path} imports {', '.join(others) or 'a module'} from {got.unit} (types only)")
        else:
            wrong.append(f"{path} imports {got.unit}")
    return sorted(set(wrong))


def _wrong_imports(layers: list[tuple[tuple[str, ...], str, tuple[str, ...] | str]]) -> list[str]:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        wrong += _wrong_in(layers, str(path.relative_to(ROOT)), tree)
    return sorted(dict.fromkeys(wrong))


def test_every_import_is_one_the_layers_allow() -> None:
    assert _wrong_imports(LAYERS) == []


def test_a_layer_may_import_only_layers_below_it() -> None:
    """One direction: no layer names a unit above it (or an unknown one) among its imports."""
    seen: set[str] = set()
    for units, _, allowed in LAYERS:
        if allowed != EVERYTHING:
            named = {
                _unit("dealcalc." + a.removesuffix(TYPES).removesuffix(".py").replace("/", "."))
                for a in allowed
            }
            assert named <= seen, (units, named - seen)
        seen |= set(units)


def test_the_check_catches_an_upward_import() -> None:
    """With `render/` allowed nothing, its real imports of `blocks.py` and `catalogue.py` are wrong."""
    strict = [(u, h, () if u == ("render/",) else a) for u, h, a in LAYERS]
    assert "dealcalc/render/__init__.py imports blocks.py" in _wrong_imports(strict)


def test_a_view_may_name_the_models_types_but_not_run_it() -> None:
    """A result type or a key constant of the model is allowed in a view; a compute function, a
    whole model module or `dealcalc.model` itself is not (planted here as a view's imports)."""
    path = "dealcalc/views/tables.py"

    def wrong(source: str) -> list[str]:
        return _wrong_in(LAYERS, path, ast.parse(source))

    assert wrong("from dealcalc.model.burden import BurdenResult") == []
    assert wrong("from dealcalc.model.outflow import PROGRESS_KEYS") == []
    assert wrong("from dealcalc.model.inputs import Scenario, DEFAULT_COST_WEIGHTS") == []
    assert wrong("def f():\n    from dealcalc.model.burden import BurdenResult, compute_burden") == [
        f"{path} imports compute_burden from model/ (types only)"
    ]
    assert wrong("from dealcalc.model import metrics") == [f"{path} imports metrics from model/ (types only)"]
    assert wrong("import dealcalc.model.outflow") == [f"{path} imports a module from model/ (types only)"]
    assert wrong("from dealcalc.analysis.diff import diff_rows") == [f"{path} imports analysis/"]
    assert wrong("from dealcalc.workings import explain") == [f"{path} imports workings/"]


def test_the_layers_are_the_ones_the_design_names() -> None:
    units = {u for row, _, _ in LAYERS for u in row}
    assert {
        "model/",
        "scenario/",
        "analysis/",
        "render/",
        "workings/",
        "views/",
        "commands.py",
        "api.py",
        "errors.py",
    } <= units
