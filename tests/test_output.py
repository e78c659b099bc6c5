"""--output: atomic, never replacing a file without --force, nothing left on failure."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealcalc.errors import OutputError
from dealcalc.output import write_atomic

from conftest import MINIMAL, run


def test_writes_file_and_refuses_to_replace(tmp_path: Path) -> None:
    out = tmp_path / "burden.csv"
    first = run("burden", str(MINIMAL), "-f", "csv", "-o", str(out))
    assert first.exit_code == 0 and first.stdout == ""
    assert first.stderr == f"wrote {out}\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("scenario,file,pledge_usd_bn")
    again = run("burden", str(MINIMAL), "-f", "json", "-o", str(out))
    assert (again.exit_code, again.stderr) == (
        2,
        f"--output {out}: file exists; pass --force to replace it\n",
    )
    assert out.read_text(encoding="utf-8") == text
    forced = run("burden", str(MINIMAL), "-f", "json", "-o", str(out), "--force")
    assert forced.exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("[\n")


def test_table_output_is_plain_text(tmp_path: Path) -> None:
    out = tmp_path / "t.txt"
    assert run("outflow", str(MINIMAL), "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "Outflow under the annual caps" in text and "\x1b[" not in text


def test_failed_run_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    result = run("returns", str(MINIMAL), "-f", "csv", "-o", str(out))
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == []


def test_missing_folder(tmp_path: Path) -> None:
    out = tmp_path / "no" / "x.csv"
    result = run("burden", str(MINIMAL), "-f", "csv", "-o", str(out))
    assert (result.exit_code, result.stderr) == (74, f"--output {out}: folder {out.parent} does not exist\n")


def test_interrupted_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    def boom(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "link", boom)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "x.csv", "a,b\n", force=False)
    assert list(tmp_path.iterdir()) == []


def test_directory_target(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        write_atomic(tmp_path, "x", force=True)
