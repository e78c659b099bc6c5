"""The README's "How the code is laid out" stays true: every import of a dealcalc module from
another is one the README's table allows, and every module is in the table."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "dealcalc"
README = (ROOT / "README.md").read_text(encoding="utf-8")
EVERYTHING = {"all of the above", "everything"}


def _unit(module: str) -> str:
    """The layer name of a module as the README writes it: `model/` or `errors.py`."""
    parts = module.split(".")
    if len(parts) == 1:
        return "__init__.py"
    return f"{parts[1]}/" if (PACKAGE / parts[1]).is_dir() else f"{parts[1]}.py"


def _table() -> list[tuple[list[str], set[str] | None]]:
    """(the layer's units, what they may import: None for anything above them) per row."""
    section = README.split("\n## How the code is laid out\n", 1)[1]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        units = re.findall(r"`([^`]+)`", cells[0])
        allowed = None if cells[2] in EVERYTHING else set(re.findall(r"`([^`]+)`", cells[2]))
        rows.append((units, allowed))
    return rows


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


def test_every_import_is_one_the_readme_allows() -> None:
    table = _table()
    layer_of = {unit: i for i, (units, _) in enumerate(table) for unit in units}
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        unit = _unit(module)
        assert unit in layer_of, f"{unit} is not in the README's table of layers"
        units, allowed = table[layer_of[unit]]
        for target in sorted(_imports(path) - set(units)):
            below = {u for row in table[: layer_of[unit]] for u in row[0]}
            if target not in (below if allowed is None else allowed):
                wrong.append(f"{path.relative_to(ROOT)} imports {target}")
    assert wrong == []


def test_the_table_has_the_layers_the_design_names() -> None:
    units = {u for row, _ in _table() for u in row}
    assert {"model/", "scenario/", "analysis/", "render/", "views/", "api.py", "errors.py"} <= units
