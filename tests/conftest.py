from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dealcalc.cli import app

DATA = Path(__file__).parent / "data"
MINIMAL = DATA / "minimal.yaml"
ROOT = DATA.parent.parent


def documentation() -> str:
    """README.md and every docs/*.md, as one text: what the documentation says, wherever a section
    has moved (the README leads; the reference and worked examples live in docs/)."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "bench" / "README.md"]
    return "\n\n".join(p.read_text(encoding="utf-8") for p in pages if p.is_file())


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


def run(*args: str, width: int = 100) -> Run:
    """Invoke the CLI in-process with a fixed terminal width and no colour."""
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(width), "NO_COLOR": "1"})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Write a file in a temporary working directory and return its relative name."""
    monkeypatch.chdir(tmp_path)

    def _write(name: str, text: str | bytes) -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return name

    return _write
