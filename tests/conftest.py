from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner

from dealcalc.cli import app

DATA = Path(__file__).parent / "data"
MINIMAL = DATA / "minimal.yaml"
ROOT = DATA.parent.parent


@functools.cache
def _click_app() -> Any:
    return typer.main.get_command(app)


def _command_of(typer_instance: typer.Typer) -> Any:
    """Typer's CliRunner builds the click command from the Typer app anew for every `invoke`:
    8.5 ms for our 15 commands, ~1,300 times, a sixth of the suite's CPU. The app is complete
    once `dealcalc.cli` is imported and never changes, so each test process builds it once; a
    click command is made to be run many times (a Context per run). Any other app (one built
    by `cli.app_for`, a test's own) is still built each time."""
    return _click_app() if typer_instance is app else typer.main.get_command(typer_instance)


# typer's private name: if a typer release renames it, say so rather than silently build the
# app on every invoke again (the suite would only get slower)
assert hasattr(typer.testing, "_get_command"), "typer.testing._get_command is gone: update tests/conftest.py"
typer.testing._get_command = _command_of


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
