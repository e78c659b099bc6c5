"""Output files and stdout under hostile conditions (DESIGN §4 "Output files", exit codes 74, 130,
141): no race, the umask, --force only onto a regular file that is not an input, nothing written
by a failed run, temporary files removed on every signal, one-line messages."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dealcalc.errors import OutputError
from dealcalc.output import transaction, write_atomic

from conftest import MINIMAL, run

ROOT = Path(__file__).parent.parent
TIMEOUT = 60  # generous: these wait for events, never for a length of time


def dealcalc(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    # DEALCALC_WORKERS: worker processes for big batches even on a busy machine
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "DEALCALC_WORKERS": "2"}
    return subprocess.Popen([sys.executable, "-m", "dealcalc", *args], env=env, **kwargs)  # type: ignore[call-overload, no-any-return]


def finish(proc: subprocess.Popen[bytes], stdin: bytes | None = None) -> tuple[int, str, str]:
    out, err = proc.communicate(stdin, timeout=TIMEOUT)
    return proc.returncode, (out or b"").decode(), (err or b"").decode()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- the final step: no check-then-write race ------------------------------------------------------


def test_a_file_that_appears_meanwhile_is_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    with pytest.raises(OutputError, match="file exists; pass --force"), transaction():
        write_atomic(out, "ours\n", force=False)  # passes the early check: nothing there yet
        out.write_text("theirs\n")  # another program creates the file while we work
    assert out.read_text() == "theirs\n"
    assert leftovers(tmp_path) == []


def test_two_runs_writing_the_same_file_one_wins(tmp_path: Path) -> None:
    """Run A reads its scenario from stdin and is held there (after the early existence check
    could have passed) while run B writes the file; A must then refuse, not replace B's file."""
    out = tmp_path / "same.csv"
    a = dealcalc("burden", "-", "-f", "csv", "-o", str(out), stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    b = dealcalc("burden", str(MINIMAL), "-f", "json", "-o", str(out), stderr=subprocess.PIPE)
    assert finish(b) == (0, "", f"wrote {out}\n")
    written = out.read_text()
    code, _, err = finish(a, MINIMAL.read_bytes())
    assert (code, err) == (2, f"--output {out}: file exists; pass --force to replace it\n")
    assert out.read_text() == written
    assert leftovers(tmp_path) == []


# --- permissions -----------------------------------------------------------------------------------


def test_output_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "a.csv", "x\n", force=False)
        os.umask(0o002)
        write_atomic(tmp_path / "b.csv", "x\n", force=False)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.csv").stat().st_mode) == 0o640  # 0o666 & ~0o027
    assert stat.S_IMODE((tmp_path / "b.csv").stat().st_mode) == 0o664  # 0o666 & ~0o002


# --- what --force may replace ----------------------------------------------------------------------


def test_force_does_not_replace_a_device() -> None:
    result = run("burden", str(MINIMAL), "-f", "csv", "-o", "/dev/null", "--force")
    assert (result.exit_code, result.stderr) == (
        2,
        "--output /dev/null: is not a regular file; --force replaces only a regular file\n",
    )
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_force_does_not_replace_a_symlink_or_its_target(tmp_path: Path) -> None:
    target = tmp_path / "target.csv"
    target.write_text("keep\n")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = run("burden", str(MINIMAL), "-f", "csv", "-o", str(link), "--force")
    assert (result.exit_code, result.stderr) == (
        2,
        f"--output {link}: is a symbolic link; --force replaces only a regular file\n",
    )
    assert link.is_symlink() and target.read_text() == "keep\n"


def test_force_does_not_replace_an_input(tmp_path: Path) -> None:
    scenario = tmp_path / "deal.yaml"
    scenario.write_bytes(MINIMAL.read_bytes())
    result = run("burden", str(scenario), "-f", "csv", "-o", str(scenario), "--force")
    assert (result.exit_code, result.stderr) == (
        2,
        f"--output {scenario}: is an input of this command; write to another file\n",
    )
    assert scenario.read_bytes() == MINIMAL.read_bytes()
    assert leftovers(tmp_path) == []


def test_force_does_not_replace_an_input_read_by_a_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEALCALC_WORKERS", "2")  # 201 files: read in worker processes
    scenario = tmp_path / "deal.yaml"
    scenario.write_bytes(MINIMAL.read_bytes())
    result = run("compare", *[str(MINIMAL)] * 200, str(scenario), "-f", "csv", "-o", str(scenario), "--force")
    assert (result.exit_code, result.stderr) == (
        2,
        f"--output {scenario}: is an input of this command; write to another file\n",
    )
    assert scenario.read_bytes() == MINIMAL.read_bytes()


def test_force_does_not_replace_a_parent_that_was_extended(tmp_path: Path) -> None:
    parent = tmp_path / "parent.yaml"
    parent.write_bytes(MINIMAL.read_bytes())
    child = tmp_path / "child.yaml"
    child.write_text("extends: parent.yaml\ntitle: Child\n")
    result = run("burden", str(child), "-f", "csv", "-o", str(parent), "--force")
    assert result.exit_code == 2 and "is an input of this command" in result.stderr
    assert parent.read_bytes() == MINIMAL.read_bytes()


def test_an_input_of_an_earlier_command_in_the_same_process_can_be_replaced(tmp_path: Path) -> None:
    """The inputs --force protects belong to one command: in one process (a notebook, this
    test), a file a finished command read is not an input of the next one."""
    earlier = tmp_path / "earlier.yaml"
    earlier.write_bytes(MINIMAL.read_bytes())
    assert run("burden", str(earlier), "-f", "csv").exit_code == 0
    result = run("burden", str(MINIMAL), "-f", "csv", "-o", str(earlier), "--force")
    assert (result.exit_code, result.stderr) == (0, f"wrote {earlier}\n")
    assert earlier.read_text().startswith("scenario,file,")


def test_a_reused_inode_is_not_taken_for_an_earlier_input(tmp_path: Path) -> None:
    """A file read by one command, then deleted: a new file that gets its (device, inode) is
    replaced by a later command's --force, not refused as "an input"."""
    earlier = tmp_path / "earlier.yaml"
    earlier.write_bytes(MINIMAL.read_bytes())
    assert run("burden", str(earlier), "-f", "csv").exit_code == 0
    inode = earlier.stat().st_ino
    earlier.unlink()
    for n in range(100):  # file systems hand a freed inode to a new file soon, most at once
        out = tmp_path / f"out{n}.csv"
        out.write_text("old\n")
        if out.stat().st_ino == inode:
            break
    else:
        pytest.skip("this file system gave no new file the freed inode")
    result = run("burden", str(MINIMAL), "-f", "csv", "-o", str(out), "--force")
    assert (result.exit_code, result.stderr) == (0, f"wrote {out}\n")
    assert out.read_text().startswith("scenario,file,")


def test_force_replaces_a_regular_file(tmp_path: Path) -> None:
    out = tmp_path / "old.csv"
    out.write_text("old\n")
    assert run("burden", str(MINIMAL), "-f", "csv", "-o", str(out), "--force").exit_code == 0
    assert out.read_text().startswith("scenario,file,")


# --- a failed run writes nothing -------------------------------------------------------------------


def test_svg_is_not_written_when_the_main_output_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "exists.txt"
    out.write_text("keep\n")
    svg = tmp_path / "picture.svg"
    result = run("burden", str(MINIMAL), "-o", str(out), "--svg", str(svg))
    assert result.exit_code == 2
    assert not svg.exists() and out.read_text() == "keep\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exists.txt"]


def test_svg_and_output_are_both_written_on_success(tmp_path: Path) -> None:
    out, svg = tmp_path / "t.txt", tmp_path / "t.svg"
    result = run("burden", str(MINIMAL), "-o", str(out), "--svg", str(svg))
    assert (result.exit_code, result.stderr) == (0, f"wrote {svg}\nwrote {out}\n")
    assert svg.read_text().startswith("<svg") and "Burden of the pledge" in out.read_text()


def test_batch_with_a_bad_file_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "f.csv"
    result = run("compare", str(MINIMAL), str(tmp_path / "missing.yaml"), "-f", "csv", "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"{tmp_path / 'missing.yaml'}: no such file or shipped scenario "
        "('dealcalc list' shows the shipped names)\n"
    )
    assert list(tmp_path.iterdir()) == []


# --- the output cannot be written: exit 74, one line -----------------------------------------------


def test_unwritable_folder_exits_74() -> None:
    result = run("burden", str(MINIMAL), "-f", "csv", "-o", "/sys/dealcalc-test.csv")
    assert (result.exit_code, result.stderr) == (
        74,
        "--output /sys/dealcalc-test.csv: cannot write: Permission denied\n",
    )


def test_output_under_a_file_says_it_is_not_a_folder(tmp_path: Path) -> None:
    (tmp_path / "file.yaml").write_text("x\n")
    out = tmp_path / "file.yaml" / "x.csv"
    result = run("burden", str(MINIMAL), "-f", "csv", "-o", str(out))
    assert (result.exit_code, result.stderr) == (
        74,
        f"--output {out}: {tmp_path / 'file.yaml'} is a file, not a folder\n",
    )


def test_long_file_name_gets_a_short_enough_temporary_name(tmp_path: Path) -> None:
    out = tmp_path / ("x" * 251 + ".csv")  # 255 bytes: the longest name a file system takes
    assert run("burden", str(MINIMAL), "-f", "csv", "-o", str(out)).exit_code == 0
    assert out.read_text().startswith("scenario,")


def test_too_long_file_name_exits_74(tmp_path: Path) -> None:
    out = tmp_path / ("x" * 300 + ".csv")
    result = run("burden", str(MINIMAL), "-f", "csv", "-o", str(out))
    message = f"--output {out}: cannot write: the file name is too long\n"
    assert (result.exit_code, result.stderr) == (74, message)
    assert list(tmp_path.iterdir()) == []


def test_disk_full_stdout_and_help_exit_74() -> None:
    with open("/dev/full", "wb") as full:
        results = [
            finish(dealcalc(*args, stdout=full, stderr=subprocess.PIPE))
            for args in (["burden", str(MINIMAL)], ["--help"])
        ]
    for code, _, err in results:
        assert (code, err) == (74, "dealcalc: cannot write the output: No space left on device\n")


def test_closed_stdout_exits_74() -> None:
    code, _, err = finish(
        dealcalc(
            "burden",
            str(MINIMAL),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            pass_fds=(),
            preexec_fn=lambda: os.close(1),
        )
    )
    assert (code, err) == (74, "dealcalc: cannot write the output: stdout is closed\n")


def test_closed_pipe_exits_141_quietly() -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before a byte is written: as `| head` after its lines
    try:
        code, _, err = finish(dealcalc("burden", str(MINIMAL), stdout=write, stderr=subprocess.PIPE))
    finally:
        os.close(write)
    assert (code, err) == (141, "")


# --- signals: one cleanup path, quiet workers, exit 130 --------------------------------------------


def _written(folder: Path) -> bool:
    try:
        return any((folder / name).stat().st_size > 0 for name in leftovers(folder))
    except FileNotFoundError:  # the run ended meanwhile (the caller then sees it has)
        return False


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_signal_mid_write_removes_the_temporary_file(tmp_path: Path, signum: int) -> None:
    """A batch of 201 files (enough for worker processes) whose last is a pipe that never ends:
    the run is held mid-write, with its temporary file open, until the signal comes."""
    read, write = os.pipe()
    out = tmp_path / "table.csv"
    files = [str(MINIMAL)] * 200 + [f"/dev/fd/{read}"]
    proc = dealcalc(
        "compare", *files, "-f", "csv", "-o", str(out),
        stderr=subprocess.PIPE, pass_fds=(read,), start_new_session=True,
    )  # fmt: skip
    os.close(read)
    try:
        deadline = time.monotonic() + TIMEOUT
        while not _written(tmp_path) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)  # wait for rows in the temporary file: workers are at work
        assert _written(tmp_path), "the run never started writing"
        os.killpg(proc.pid, signum)  # to the whole group, workers included, as Ctrl-C or a hangup does
        code, _, err = finish(proc)
    finally:
        os.close(write)
    assert (code, err) == (130, "interrupted\n")  # and no worker tracebacks
    assert list(tmp_path.iterdir()) == []


# --- what reaches the terminal ---------------------------------------------------------------------


def test_ascii_stdout_gets_plain_substitutes() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "ascii", "COLUMNS": "100"}
    proc = subprocess.run(
        [sys.executable, "-m", "dealcalc", "burden", str(MINIMAL)], env=env, capture_output=True, check=False
    )
    assert proc.returncode == 0 and proc.stderr == b""
    lines = proc.stdout.decode("ascii").splitlines()
    assert " Purchase pledges (not investment)            -" in lines  # "—": no value
    assert " Pledge / exports to partner              2.00x" in lines  # "×"


def test_control_characters_from_a_file_are_escaped(write) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL.read_text(encoding="utf-8").replace("title: Minimal test deal", 'title: "Deal \\e[31mred"')
    name = write("ctl.yaml", text + '"odd\\e]0;key": 1\n')
    result = run("validate", name)
    assert (result.exit_code, result.stderr) == (
        1,
        "ctl.yaml:18:1: odd\\x1b]0;key: unknown field\n",  # line 18: after minimal.yaml's 17
    )
    cited = text.replace("gdp: 1,000 USD bn", 'gdp: {value: "1,000 USD bn", source: s}')
    name = write("ctl2.yaml", cited + 'sources:\n  s: {title: "Stats \\e[2J office"}\n')
    # the source's title is a footnote under the table (in Markdown, its \ and [ escaped too)
    for fmt, escaped in (("table", "Stats \\x1b[2J office"), ("markdown", "Stats \\\\x1b\\[2J office")):
        shown = run("burden", name, "-f", fmt).stdout
        assert "\x1b" not in shown and escaped in shown, fmt
    assert "Deal \\x1b[31mred" in run("burden", name, "-f", "csv").stdout


def test_json_writes_c1_controls_as_escapes(write) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL.read_text(encoding="utf-8").replace("title: Minimal test deal", 'title: "Deal \\x9b2J"')
    shown = run("burden", write("c1.yaml", text), "-f", "json").stdout
    assert "\x9b" not in shown and '"scenario": "Deal \\u009b2J"' in shown
    assert json.loads(shown)[0]["scenario"] == "Deal \x9b2J"  # the same JSON value
