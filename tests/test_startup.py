"""What keeps a one-off command fast (DESIGN §7; timed by bench/oneoff.py, not here): terminal
tables drawn without Rich, plain help and usage errors, shell completion, the one-command app,
and the entry point's handling of the cycle collector."""

from __future__ import annotations

import gc
import io
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from dealcalc import cli
from dealcalc.blocks import Block, Chart
from dealcalc.render.layout import ansi_tables, plain_tables

from conftest import DATA, MINIMAL, run

ROOT = Path(__file__).resolve().parent.parent
BOLD, DIM, CYAN, MAGENTA, RESET = "\x1b[1m", "\x1b[2m", "\x1b[36m", "\x1b[35m", "\x1b[0m"


def _block() -> Block:
    return Block("T", ["name", "pledge_usd_bn"], [{"name": "a", "pledge_usd_bn": 1.0}], notes=["n1"])


def test_terminal_table_is_the_plain_layout_in_bold_and_dim() -> None:
    assert ansi_tables([_block()], 40, colour=True) == (
        f"{BOLD}T{RESET}\n"
        "\n"
        f"{BOLD}       Pledge{RESET}\n"
        f"{BOLD} Name     $bn{RESET}\n"
        " ────────────\n"
        " a       1.00\n"
        "\n"
        f"{DIM}n1{RESET}\n"
    )


def test_terminal_chart_bars_take_their_series_colour() -> None:
    chart = Chart("C", ["x", "y"], [("2025", [1.0, 2.0])], "usd_bn")
    assert ansi_tables([chart], 40, colour=True) == (
        f"{BOLD}C{RESET}\n"
        "\n"
        f" 2025  x  {CYAN}██████████▌{RESET} $1.00 bn\n"
        f"       y  {MAGENTA}█████████████████████{RESET} $2.00 bn\n"
    )


def test_terminal_without_colour_is_the_plain_text() -> None:
    assert ansi_tables([_block()], 40, colour=False) == plain_tables([_block()], 40)


def test_burden_on_a_pseudo_terminal_is_bold_and_fits_its_width() -> None:
    """The real path: stdout a terminal 60 columns wide, no COLUMNS set."""
    import os
    import pty

    pid, fd = pty.fork()
    if pid == 0:  # child: the CLI on the terminal
        import fcntl
        import struct
        import termios

        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 60, 0, 0))
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR", "FORCE_COLOR")}
        env["TERM"] = "xterm"
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "dealcalc", "burden", str(MINIMAL)], env)
    out = b""
    try:
        while chunk := os.read(fd, 65536):
            out += chunk
    except OSError:  # EIO: the child closed the terminal
        pass
    os.waitpid(pid, 0)
    text = out.decode().replace("\r\n", "\n")
    assert text.startswith(f"{BOLD}Burden of the pledge{RESET}\n")
    assert all(len(line) <= 60 for line in text.replace(BOLD, "").replace(RESET, "").split("\n")[:25])


def test_root_help_is_plain_and_lists_every_command_with_its_whole_summary() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "╭" not in result.stdout  # no Rich panels
    # the test runner's width is 80: the summary wraps instead of being cut at 45 characters
    assert (
        "  sweep        The grid of all combinations of the varied fields, with the\n"
        "               metrics at each point.\n"
    ) in result.stdout
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


def test_usage_error_text() -> None:
    result = CliRunner().invoke(cli.app, ["burden", "--bogus"], prog_name="dealcalc")
    assert result.exit_code == 2
    assert result.stderr == (
        "Usage: dealcalc burden [OPTIONS] {SCENARIO...}\n"
        "Try 'dealcalc burden -h' for help.\n"
        "\n"
        "Error: No such option: --bogus\n"
    )


def test_shell_completion_completes_commands_and_options() -> None:
    env = {"_DEALCALC_COMPLETE": "complete_bash", "COMP_WORDS": "dealcalc bu", "COMP_CWORD": "1"}
    result = CliRunner().invoke(cli.app, [], env=env, prog_name="dealcalc")
    assert (result.exit_code, result.stdout) == (0, "burden\n")
    env.update(COMP_WORDS="dealcalc burden --fo", COMP_CWORD="2")
    result = CliRunner().invoke(cli.app, [], env=env, prog_name="dealcalc")
    assert (result.exit_code, result.stdout) == (0, "--format\n--force\n")


def test_show_completion_prints_the_bash_script() -> None:
    result = CliRunner().invoke(cli.app, ["--show-completion", "bash"], prog_name="dealcalc")
    assert result.exit_code == 0
    assert "_DEALCALC_COMPLETE=complete_bash" in result.stdout
    assert "complete -o default -F _dealcalc_completion dealcalc" in result.stdout


def test_a_command_runs_in_an_app_of_its_own() -> None:
    one = typer.main.get_command(cli.app_for(["--debug", "burden", "x.yaml"]))
    assert list(one.commands) == ["burden"]  # type: ignore[attr-defined]
    for args in (["--help"], ["bogus"], []):
        assert cli.app_for(args) is cli.app


def test_completion_gets_the_whole_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_DEALCALC_COMPLETE", "complete_bash")
    assert cli.app_for(["burden"]) is cli.app


def test_main_gives_what_the_whole_app_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["dealcalc", "burden", str(MINIMAL), "-f", "csv"])
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 0
    assert out.getvalue() == run("burden", str(MINIMAL), "-f", "csv").stdout


def test_entry_point_leaves_the_collector_on() -> None:
    code = (
        "import gc, sys; sys.argv = ['dealcalc', '--version']\n"
        "from dealcalc.launch import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 10000, gc.get_threshold())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout == "dealcalc 0.1.0\nTrue True (50000, 20, 100)\n"
    assert gc.isenabled()


@pytest.mark.parametrize(
    "command",
    [
        ["burden", str(MINIMAL)],
        ["compare", str(MINIMAL)],
        ["outflow", str(MINIMAL)],
        ["balance", str(DATA / "balance.yaml")],
    ],
)
def test_a_one_off_command_imports_no_charts_numpy_or_rich(command: list[str]) -> None:
    """What a one-off command without --chart does not need (DESIGN §7): the charts (and what
    they import), numpy, Rich, the trade table (only `dealcalc trade` reads it) and pyarrow."""
    code = (
        "import sys\n"
        f"sys.argv = ['dealcalc', *{command!r}, '-f', 'csv']\n"
        "from dealcalc.launch import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('dealcalc.figures', 'dealcalc.render.charts', 'xml.sax', 'urllib.request',\n"
        "         'numpy', 'rich', 'dealcalc.tradedata', 'pyarrow')\n"
        "sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith(heavy))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stderr == "[]"
