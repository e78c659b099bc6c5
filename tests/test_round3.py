"""Reliability round 3 (issue #24): each failure of the adversarial pass, as DESIGN §2.1, §4 and
§6 say it must be handled, with the exact message."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import run

Write = Callable[[str, str], str]
ROOT = Path(__file__).resolve().parent.parent
KOREA = "korea-2025-11-mou"


def test_closed_stdin_is_exit_1() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from dealcalc.launch import main; main()", "burden", "-"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        preexec_fn=lambda: __import__("os").close(0),
    )
    assert (done.returncode, done.stdout) == (1, "")
    assert (
        done.stderr == "<stdin>: cannot read: standard input is closed; pipe a scenario in, or name a file\n"
    )


def test_set_extends_is_refused() -> None:
    result = run("burden", KOREA, "--set", "extends=japan-2025-09-mou")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "--set extends: cannot be overridden: a file is composed with its parent before --set "
        "applies; write a file that extends the other scenario and run that\n"
    )


def test_money_without_a_scale_is_refused_also_from_set() -> None:
    result = run("burden", KOREA, "--set", "economy.fx_reserves=550 USD")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "--set: economy.fx_reserves: '550 USD' has no scale (dollars, millions or billions?); "
        "write e.g. '550 USD bn' (scales: k, mn, bn, tn)\n"
    )


def test_a_path_too_long_is_exit_1_naming_it_and_the_batch_keeps_its_good_rows(write: Write) -> None:
    long = "a" * 300 + ".yaml"
    write("good.yaml", (ROOT / "scenarios" / f"{KOREA}.yaml").read_text(encoding="utf-8"))
    result = run("compare", "good.yaml", long, "-f", "json", "-m", "pledge_usd_bn")
    assert result.exit_code == 1
    assert [(r["file"], r["pledge_usd_bn"]) for r in json.loads(result.stdout)] == [("good.yaml", 350.0)]
    assert result.stderr == f"{long}: cannot read: File name too long\n"
    write("child.yaml", f"extends: {long}\ntitle: x\n")
    result = run("burden", "child.yaml")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"child.yaml:1:1: extends: {long!r}: cannot read: File name too long\n"


def test_an_unsearchable_folder_is_exit_1(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root the permission cannot be taken away, so the refusal of the look-up is simulated."""
    import os

    real_stat, real_open = os.stat, os.open

    def guard(real: Callable[..., object]) -> Callable[..., object]:
        def call(path: object, *args: object, **kwargs: object) -> object:
            if "locked" in str(path):
                raise PermissionError(13, "Permission denied", str(path))
            return real(path, *args, **kwargs)

        return call

    monkeypatch.setattr(os, "stat", guard(real_stat))
    monkeypatch.setattr(os, "open", guard(real_open))
    result = run("burden", "locked/k.yaml")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "locked/k.yaml: cannot read: Permission denied\n"


FORMS = """\
dealcalc: 1
title: Forms
country: X
pledge: {amount: 100 USD bn, annual_cap: 10 USD bn, start: 2025-01-01, deadline: 2029-01-01}
economy: {gdp: 1000 USD bn}
tariffs:
  lines:
    goods: {exports: 100 USD bn, mfn: 5%, threatened: 25%, agreed: 15% floor}
"""


@pytest.mark.parametrize(
    ("vary", "savings"),
    [
        # savings = exports × (threatened − agreed) = 100 × (25% − rate)
        ("+1%:+2%:1%", [100 * (0.25 - 0.06), 100 * (0.25 - 0.07)]),  # surcharges on the 5% MFN
        ("1%:2%:1%", [100 * (0.25 - 0.01), 100 * (0.25 - 0.02)]),  # all-in
        ("1% floor:6% floor:5%", [100 * (0.25 - 0.05), 100 * (0.25 - 0.06)]),  # max(rate, 5%)
    ],
)
def test_a_swept_rate_keeps_the_form_it_is_written_in(write: Write, vary: str, savings: list[float]) -> None:
    write("forms.yaml", FORMS)
    result = run(
        "sweep",
        "forms.yaml",
        "--vary",
        f"tariffs.lines.goods.agreed={vary}",
        "-m",
        "annual_savings_usd_bn",
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    assert [r["annual_savings_usd_bn"] for r in json.loads(result.stdout)] == pytest.approx(savings)


def test_a_sweep_range_in_two_forms_is_refused(write: Write) -> None:
    write("forms.yaml", FORMS)
    result = run("sweep", "forms.yaml", "--vary", "tariffs.lines.goods.agreed=1%:+3%:1%")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "--vary 'tariffs.lines.goods.agreed=1%:+3%:1%': START and STOP must be written in one form: "
        "both all-in ('15%'), both surcharges ('+15%') or both floors ('15% floor')\n"
    )


def test_a_simulated_rate_keeps_the_form_it_is_written_in(write: Write) -> None:
    """Every draw of uniform[+2%, +2%+ε] is a surcharge on the 5% MFN: savings 100 × (25% − 7%)."""
    write("forms.yaml", FORMS + "uncertainty:\n  tariffs.lines.goods.agreed: {uniform: [+2%, +2.000001%]}\n")
    result = run("simulate", "forms.yaml", "--runs", "50", "-m", "annual_savings_usd_bn", "-f", "json")
    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(result.stdout)
    assert row["mean"] == pytest.approx(100 * (0.25 - 0.07), abs=1e-5)


@pytest.mark.parametrize(
    ("field", "start", "rows"),
    [
        # a START the syntax reads but the field's range refuses: a row with null metrics, every time
        ("economy.gdp", "-500 USD bn:500 USD bn:500 USD bn", [[-500.0, None], [0.0, None], [500.0, 0.2]]),
        ("economy.gdp", "0 USD bn:500 USD bn:500 USD bn", [[0.0, None], [500.0, 0.2]]),
        ("pledge.annual_cap", "-10 USD bn:0 USD bn:10 USD bn", [[-10.0, None], [0.0, None]]),
    ],
)
def test_an_invalid_sweep_start_keeps_its_rows(
    write: Write, field: str, start: str, rows: list[list[object]]
) -> None:
    write("forms.yaml", FORMS)
    result = run("sweep", "forms.yaml", "--vary", f"{field}={start}", "-m", "pledge_to_gdp", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert [[r[field], r["pledge_to_gdp"]] for r in json.loads(result.stdout)] == rows


def test_a_start_that_cannot_be_read_is_a_usage_error(write: Write) -> None:
    write("forms.yaml", FORMS)
    result = run("sweep", "forms.yaml", "--vary", "economy.gdp=abc:500 USD bn:500 USD bn")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "economy.gdp=abc: cannot read 'abc' as money; write '<number> <currency> <scale>', "
        "e.g. '550 USD bn'\n"
    )


def test_skipped_draws_are_shown_and_all_skipped_is_an_error(write: Write) -> None:
    shares = "pledge.instruments={equity: 10%, loans: 90%}"
    every = "uncertainty={pledge.instruments.loans: {uniform: [50%, 60%]}}"  # never sums to 100%
    result = run("simulate", KOREA, "--runs", "100", "--set", shares, "--set", every, "-m", "pledge_to_gdp")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "korea-2025-11-mou.yaml: uncertainty: all 100 draws were skipped: every one gave values a file "
        "would refuse (pledge.instruments.loans), or no value; keep the ranges within what the "
        "file's rules accept\n"
    )
    some = "uncertainty={economy.gdp: {normal: [100 USD bn, 500 USD bn]}}"  # under 0 about 4 times in 10
    write("g.yaml", FORMS)
    args = ("simulate", "g.yaml", "--runs", "100", "--set", some, "-m", "pledge_to_gdp")
    (row,) = json.loads(run(*args, "-f", "json").stdout)
    skipped = row["missing"]
    assert 20 < skipped < 60 and row["runs"] == 100 - skipped
    table = run(*args, width=200)
    assert table.exit_code == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0] == f"Simulation, 100 runs, {skipped} skipped (seed 0): Forms"
    assert (
        f"Skipped: {skipped} of 100 runs drew values a file would refuse or gave no value; the statistics"
        in table.stdout
    )


def test_an_overflowing_elasticity_is_refused_naming_the_field_and_compare_keeps_good_rows(
    write: Write,
) -> None:
    write(
        "big.yaml",
        FORMS.replace("tariffs:\n", "tariffs:\n  elasticity: -1000\n").replace("mfn: 5%", "mfn: 1000%"),
    )
    write("good.yaml", FORMS)
    result = run("compare", "good.yaml", "big.yaml", "-f", "json", "-m", "pledge_to_gdp")
    assert result.exit_code == 1
    assert [(r["file"], r["pledge_to_gdp"]) for r in json.loads(result.stdout)] == [("good.yaml", 0.1)]
    assert result.stderr == (
        "big.yaml:7:3: tariffs.elasticity: an import-demand elasticity of -1000 is beyond -20, where "
        "exports under a high rate overflow; measured ones lie within about -0.2 and -10\n"
    )
    result = run("tariff", "good.yaml", "--set", "tariffs.lines.goods.mfn=200000%")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "--set: tariffs.lines.goods.mfn: '200000%' is above 100000%; no tariff or yield is that high "
        "(check the number)\n"
    )


def test_the_steepest_elasticity_and_highest_rate_still_compute(write: Write) -> None:
    """At the limits (−20, 100,000%) the numbers are finite on the scalar and the numpy path."""
    write(
        "edge.yaml",
        FORMS.replace("tariffs:\n", "tariffs:\n  elasticity: -20\n").replace("mfn: 5%", "mfn: 100000%"),
    )
    result = run("tariff", "edge.yaml", "-f", "json")
    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(result.stdout)
    # exports under MFN are the baseline: 100 × 1,000 (rate 100,000%) = 100,000 USD bn of duty
    assert row["duty_mfn_usd_bn"] == pytest.approx(100_000.0)
    result = run(
        "sweep",
        "edge.yaml",
        "--vary",
        "tariffs.elasticity=-20:0:0.0001",
        "-m",
        "annual_savings_usd_bn",
        "-f",
        "csv",
    )
    assert result.exit_code == 0, result.stderr
    assert "inf" not in result.stdout and "nan" not in result.stdout.lower()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["burden", "--bogus"], 2),
        (["burden", "no-such-file.yaml"], 1),
        (["burden", KOREA, "--set", "extends=x"], 2),
        (["burden", KOREA, "-o", "/no/such/folder/x.csv"], 74),
    ],
)
def test_an_error_keeps_its_exit_code_when_stderr_is_full(args: list[str], code: int) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-c", "from dealcalc.launch import main; main()", *args],
            stdout=subprocess.DEVNULL,
            stderr=full,
            cwd=ROOT,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        )
    assert done.returncode == code


def test_the_api_takes_a_list_and_a_string_override_and_raises_its_own_errors() -> None:
    import dealcalc
    from dealcalc.errors import ArgumentError

    both = dealcalc.burden([KOREA, "japan-2025-09-mou"])
    assert [r["file"] for r in both] == ["korea-2025-11-mou.yaml", "japan-2025-09-mou.yaml"]
    (row,) = dealcalc.burden(KOREA, overrides="economy.fx_rate=1500")
    assert row["overrides"] == ["economy.fx_rate=1500"]
    with pytest.raises(ArgumentError, match=r"^no scenario given; name one or more, e\.g\. burden\("):
        dealcalc.burden()
    with pytest.raises(ArgumentError, match=r"^5 is not a scenario; give a shipped name, a file path"):
        dealcalc.burden(5)  # type: ignore[arg-type]
    with pytest.raises(
        ArgumentError,
        match=r"^runs: 100000000 is not a number of draws; give a whole number from 1 to 10,000,000$",
    ):
        dealcalc.simulate(KOREA, runs=10**8)


def test_a_field_removed_by_set_is_blamed_on_set() -> None:
    result = run("burden", KOREA, "--set", "title=null")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "--set: title: removed by --set, but a scenario needs it (e.g. title: Korea)\n"
    result = run("calls", KOREA, "--set", "projects.5.amount=5 USD bn")
    assert result.exit_code == 2
    assert result.stderr.startswith("--set projects.5.amount: projects has no item 5 (the list has ")


def test_a_show_copy_names_its_parent_unambiguously(write: Write) -> None:
    shown = run("show", "japan-2026-02-post-ruling")
    assert shown.exit_code == 0
    assert (
        shown.stdout.splitlines()[1] == "extends: japan-2025-09-mou"
    )  # the file says japan-2025-09-mou.yaml
    write("copy.yaml", shown.stdout)
    write("japan-2025-09-mou.yaml", "dealcalc: 1\ntitle: a local file of the parent's name\n")
    result = run("burden", "copy.yaml", "-f", "json")
    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(result.stdout)
    assert row["pledge_usd_bn"] == 550.0  # the shipped parent's pledge, not the local file's (none)
    write("local.yaml", "extends: ./japan-2025-09-mou.yaml\ntitle: x\n")
    write("local.yaml", "extends: japan-2025-09-mou.yaml\ntitle: x\n")  # a file name: the file beside
    result = run("burden", "local.yaml")
    assert (result.exit_code, result.stderr.splitlines()[0]) == (
        1,
        "local.yaml:1:1: missing required field 'country' (e.g. country: Korea)",  # the local parent has none
    )


def test_force_keeps_the_mode_and_owner_and_refuses_to_break_hard_links(write: Write) -> None:
    import os
    import stat

    write("out.csv", "old\n")
    os.chmod("out.csv", 0o600)
    result = run("burden", KOREA, "-f", "csv", "-o", "out.csv", "--force")
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(os.stat("out.csv").st_mode) == 0o600
    assert Path("out.csv").read_text(encoding="utf-8").startswith("scenario,file,")
    if os.geteuid() == 0:  # only root can give a file to another user
        os.chown("out.csv", 65534, 65534)
        assert run("burden", KOREA, "-f", "csv", "-o", "out.csv", "--force").exit_code == 0
        assert (os.stat("out.csv").st_uid, os.stat("out.csv").st_gid) == (65534, 65534)
    os.link("out.csv", "link.csv")
    result = run("burden", KOREA, "-f", "csv", "-o", "out.csv", "--force")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "--output out.csv: has 1 other hard link(s), which a replacement would not follow; write to "
        "another file, or remove the links first\n"
    )


def test_titles_text_and_names_have_a_length_cap() -> None:
    result = run("burden", KOREA, "--set", "title=" + "x" * 21_000)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "--set: title: 21,000 characters of text; at most 200 here (shorten it; the description and "
        "notes take longer text)\n"
    )
    result = run("burden", KOREA, "--set", "description=" + "y" * 2_001)
    assert result.stderr == "--set: description: 2,001 characters of text; at most 2,000 here (shorten it)\n"
    result = run("burden", KOREA, "--set", "sources." + "z" * 201 + "={title: x}")
    assert (
        result.stderr
        == "--set: sources.zzzzzzzzzzzzzzzzzzzz…: a name of 201 characters; at most 200 (shorten it)\n"
    )
    assert run("burden", KOREA, "--set", "title=" + "x" * 200, "-f", "csv").exit_code == 0


def test_a_refused_fx_rate_has_no_follow_on_error() -> None:
    result = run("burden", KOREA, "--set", "economy.fx_rate=abc")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "--set: economy.fx_rate: expected a plain number, got 'abc'\n"
    assert run("burden", KOREA, "--set", "economy.fx_rate=1e3", "-f", "csv").exit_code == 0


def test_a_mapping_made_by_set_is_blamed_on_set() -> None:
    # the EU file has no instruments: --set makes the mapping, with one share of 50%
    result = run("burden", "eu-2025-08-joint-statement", "--set", "pledge.instruments.loans=50%")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == "--set: pledge.instruments: shares sum to 50%, not 100%; adjust them\n"
