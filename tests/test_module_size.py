"""No module over ~350 lines without a reason stated in its opening docstring (a reader deserves
to know why a file is long before reading it)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "dealcalc"
LIMIT = 360  # "about 350"
MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PACKAGE)) for p in MODULES])
def test_a_long_module_says_why(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    if len(text.splitlines()) <= LIMIT:
        return
    doc = ast.get_docstring(ast.parse(text)) or ""
    assert "Long because" in doc, (
        f"{path.name}: {len(text.splitlines())} lines; split it, or say why in its docstring"
    )
