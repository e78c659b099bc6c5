"""What an installed dealcalc carries besides its code: the licence its metadata names (MIT) and
the `py.typed` marker, so that mypy checks a user's calls into the typed API (PEP 561)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_licence_file_is_the_one_the_metadata_names() -> None:
    project = PYPROJECT["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n") and "Permission is hereby granted, free of charge" in text
    assert "LICENSE" in PYPROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]


def test_the_package_is_marked_typed() -> None:
    assert (ROOT / "dealcalc" / "py.typed").read_bytes() == b""
    # the wheel carries everything under dealcalc/ (hatch's `packages`), the marker included
    assert PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["dealcalc"]
