"""No module over ~350 lines without a reason stated in its opening docstring (a reader deserves
to know why a file is long before reading it)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "dealcalc"
LIMIT = 360  # "about 350"


def _length(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def says_why(text: str) -> bool:
    """Whether a module's opening docstring says why it is long."""
    return "Long because" in (ast.get_docstring(ast.parse(text)) or "")


LONG = sorted(p for p in PACKAGE.rglob("*.py") if _length(p) > LIMIT)


@pytest.mark.parametrize("path", LONG, ids=[str(p.relative_to(PACKAGE)) for p in LONG])
def test_a_long_module_says_why(path: Path) -> None:
    assert says_why(path.read_text(encoding="utf-8")), (
        f"{path.name}: {_length(path)} lines; split it, or say why in its docstring"
    )


def test_the_check_tells_a_reason_from_none() -> None:
    body = "x = 1\n" * (LIMIT + 1)
    assert not says_why('"""A module."""\n' + body)
    assert not says_why("# Long because of a comment, not the docstring\n" + body)
    assert says_why('"""A module.\n\nLong because it holds every record."""\n' + body)
