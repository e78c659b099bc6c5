"""Input that is hostile or odd (DESIGN §6, the added rules): files that are not files, reads
bounded at 5 MB + 1 byte whatever the source, YAML that 1.1 would misread, bad `--set` paths,
`extends` that points at the wrong thing. Each: exit 1 (or 2 for options), one exact message, no
traceback, no wait. The one-file cases live in tests/bad/ with their messages."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
import yaml

from dealcalc.scenario.yamlio import MAX_FILE_BYTES, parse_yaml_text
from dealcalc.skeleton import skeleton

from conftest import MINIMAL, run

BAD = Path(__file__).parent / "bad"
TOO_BIG = "scenario files are limited to 5 MB"


def test_corpus_covers_the_added_rules() -> None:
    cases = {p.stem for p in BAD.glob("*.yaml")}
    assert {
        "tag-int",
        "tag-float",
        "tag-bool",
        "tag-timestamp",
        "huge-integer",
        "huge-money",
        "octal",
        "sexagesimal",
        "tab-indent",
        "utf16",
    } <= cases


# --- files that are not files ----------------------------------------------------------------------


def test_a_device_is_refused_without_reading_it() -> None:
    result = run("validate", "/dev/zero")  # would grow to gigabytes if read
    assert (result.exit_code, result.stderr) == (1, "/dev/zero: is a device, not a scenario file\n")


def test_a_named_pipe_without_a_writer_is_an_error_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = run("validate", str(fifo))  # a blocking open would wait here for ever
    assert (result.exit_code, result.stderr) == (
        1,
        f"{fifo}: is a named pipe with nothing writing to it; nothing to read\n",
    )


def test_a_pipe_that_never_ends_is_read_to_5_mb_only() -> None:
    read, write = os.pipe()
    sent = [0]

    def flood() -> None:  # like `yes | dealcalc validate /dev/fd/N`: stops when the reader closes
        block = b"a" * 65536
        try:
            while True:
                sent[0] += os.write(write, block)
        except OSError:
            pass

    writer = threading.Thread(target=flood)
    writer.start()
    try:
        result = run("validate", f"/dev/fd/{read}")
    finally:
        os.close(read)
        writer.join(timeout=30)
        os.close(write)
    assert (result.exit_code, result.stderr) == (1, f"/dev/fd/{read}: gives more than 5 MB; {TOO_BIG}\n")
    assert sent[0] < MAX_FILE_BYTES + 2 * 65536 + 65536 * 16  # what the reader took, plus the pipe's buffer


def test_stdin_is_read_to_5_mb_only() -> None:
    from typer.testing import CliRunner

    from dealcalc.cli import app

    result = CliRunner().invoke(app, ["validate", "-"], input=b"a" * (MAX_FILE_BYTES + 10))
    assert (result.exit_code, result.stderr) == (1, f"<stdin>: stdin gives more than 5 MB; {TOO_BIG}\n")


def test_stdin_is_a_scenario() -> None:
    from typer.testing import CliRunner

    from dealcalc.cli import app

    result = CliRunner().invoke(app, ["validate", "-"], input=MINIMAL.read_bytes())
    assert (result.exit_code, result.stdout) == (0, "ok: <stdin> (Minimal test deal)\n")


# --- YAML -------------------------------------------------------------------------------------------


def test_only_values_repeated_through_aliases_count_towards_the_bomb_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A 40,000-line file of 240,000 values is legitimate; the limit is on aliases. (The limit is
    lowered here so that the test stays fast: the rule, not the number, is under test.)"""
    from dealcalc.errors import ScenarioError
    from dealcalc.scenario import yamlio

    monkeypatch.setattr(yamlio, "MAX_NODES", 1_000)
    value, _ = parse_yaml_text("a:\n" + "  - [1, 2, 3, 4, 5]\n" * 400, "big.yaml")  # 2,000 values
    assert len(value["a"]) == 400 and value["a"][-1] == [1, 2, 3, 4, 5]
    bomb = "a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"  # 1,110 values through aliases
    with pytest.raises(ScenarioError, match="more than 1,000 values through its aliases"):
        parse_yaml_text(bomb, "bomb.yaml")


def test_quoted_numbers_with_a_leading_zero_or_a_colon_stay_text() -> None:
    value, _ = parse_yaml_text("a: '01363'\nb: '1:30'\nc: 0\nd: -0.5\n", "q.yaml")
    assert value == {"a": "01363", "b": "1:30", "c": 0, "d": -0.5}


# --- --set paths ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("0=1", "--set 0: a scenario is a mapping, and 0 names a list item; numbers index lists only"),
        (
            "pledge.0=1",
            "--set pledge.0: pledge is a mapping, and 0 names a list item; numbers index lists only",
        ),
        (
            "pledge.0.amount=1",
            "--set pledge.0.amount: pledge is a mapping, and 0 names a list item; numbers index lists only",
        ),
        ("a..b=1", "--set a..b: an empty part in the key path (two dots, or a dot at an end)"),
        ("pledge.=1", "--set pledge.: an empty part in the key path (two dots, or a dot at an end)"),
    ],
)
def test_bad_set_paths_are_usage_errors(assignment: str, message: str) -> None:
    result = run("burden", str(MINIMAL), "--set", assignment)
    assert (result.exit_code, result.stderr) == (2, message + "\n")


# --- extends ----------------------------------------------------------------------------------------


FIX = "extend a scenario file (a mapping of fields)"


@pytest.mark.parametrize(
    ("parent", "message"),
    [
        ("- a\n- b\n", f"extends: 'parent.yaml' holds a list, not a scenario; {FIX}"),
        ("", f"extends: 'parent.yaml' is empty; {FIX}"),
        ("just text\n", f"extends: 'parent.yaml' holds a single value, not a scenario; {FIX}"),
    ],
)
def test_extends_of_what_is_not_a_scenario(write, parent: str, message: str) -> None:  # type: ignore[no-untyped-def]
    write("parent.yaml", parent)
    child = write("child.yaml", "title: Child\nextends: parent.yaml\n")
    result = run("validate", child)
    assert (result.exit_code, result.stderr) == (1, f"child.yaml:2:1: {message}\n")


def test_extends_of_a_folder_says_so(write) -> None:  # type: ignore[no-untyped-def]
    child = write("child.yaml", "extends: adir\n")
    Path("adir").mkdir()
    result = run("validate", child)
    assert (result.exit_code, result.stderr) == (
        1,
        "child.yaml:1:1: extends: 'adir': is a directory, not a scenario file\n",
    )


def test_extends_of_a_symlink_loop(write) -> None:  # type: ignore[no-untyped-def]
    os.symlink("loop2.yaml", "loop1.yaml")
    os.symlink("loop1.yaml", "loop2.yaml")
    child = write("child.yaml", "extends: loop1.yaml\n")
    result = run("validate", child)
    assert (result.exit_code, result.stderr) == (
        1,
        "child.yaml:1:1: extends: 'loop1.yaml': cannot read: a loop of symbolic links\n",
    )


def test_extends_chains_deeper_than_64_files(write) -> None:  # type: ignore[no-untyped-def]
    write("f0.yaml", MINIMAL.read_text(encoding="utf-8"))
    for i in range(1, 200):
        write(f"f{i}.yaml", f"extends: f{i - 1}.yaml\n")
    assert run("validate", "f63.yaml").exit_code == 0  # 64 files: the longest chain allowed
    assert run("validate", "f64.yaml").exit_code == 1
    result = run("validate", "f199.yaml")
    assert (result.exit_code, result.stderr) == (
        1,
        "f136.yaml:1:1: extends: a chain of more than 64 files extending each other; "
        "extend a file nearer the root\n",
    )


# --- new COUNTRY ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "country", ['Côte d"Ivoire', "O'Brien \\ Land", "a: b # c", "line\nbreak", "{[*&!|>%@`", "c1\x9b[2Jx\x7f"]
)
def test_new_writes_valid_yaml_for_any_country(country: str) -> None:
    data = yaml.safe_load(skeleton(country))
    assert data["country"] == country
    assert country in data["title"]
