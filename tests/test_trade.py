"""`dealcalc trade` and `dealcalc.trade()`: the shipped 2024 trade table (DESIGN §5 "Tariff lines
from trade data"). The command's text is checked on a small table whose every figure is worked by
hand below; the shipped table is checked against Census totals and the feasibility study's sums
(REFERENCE-DATA-2026 §5-§6), which were found without this code."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import dealcalc
from dealcalc import tradedata
from dealcalc.errors import ArgumentError

from conftest import DATA, run

SOURCE_LINES = (
    "Buckets: what each holds is in 'dealcalc trade --help' and docs/trade-data.md.\n"
    "Source: US Census Bureau, 2024 US imports for consumption by HS-10 (customs value CON_VAL_YR,\n"
    "  calculated duty CAL_DUT_YR), as published by the tradewartracker/trade-war-redux-2025 tracker\n"
    "  (MIT); Sec. 232 and exemption lists of tradewartracker and the Budget Lab at Yale's\n"
    "  tariff-rate-tracker (MIT); buckets by dealcalc (docs/trade-data.md, dealcalc/data/NOTICE.md).\n"
)


@pytest.fixture
def small(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """tests/data/trade-small.csv in place of the shipped table. Japan: pharma 2.0 bn (no duty);
    autos_parts 5.0 bn paying 0.12 bn (2.4%); other 2.5 bn (chapter 84, 0.03 bn) + 0.5 bn
    (chapter 87, none) = 3.0 bn paying 0.03 bn (1.0%); total 10.0 bn, duty 0.15 bn (1.50%)."""
    monkeypatch.setattr(tradedata, "TABLE", DATA / "trade-small.csv")
    tradedata.table.cache_clear()
    yield
    tradedata.table.cache_clear()


def test_table_by_bucket(small: None) -> None:
    result = run("trade", "japan")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "US imports for consumption from Japan in 2024, by bucket (Census code 5880)\n"
        "\n"
        "                       Imports  MFN duty   MFN\n"
        " Partner  Bucket           $bn       $bn  rate  Share\n"
        " ────────────────────────────────────────────────────\n"
        " JP       pharma          2.00      0.00  0.0%  20.0%\n"
        " JP       autos_parts     5.00      0.12  2.4%  50.0%\n"
        " JP       other           3.00      0.03  1.0%  30.0%\n"
        "\n"
        "Total: $10.00 bn of imports; MFN duty collected $0.15 bn (1.50% of imports).\n" + SOURCE_LINES
    )


def test_csv_by_chapter_takes_the_code(small: None) -> None:
    result = run("trade", "JP", "--by", "chapter", "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout == (
        "partner,chapter,bucket,imports_usd_bn,mfn_duty_usd_bn,mfn_rate,import_share\n"
        "JP,30,pharma,2.0,0.0,0.0,0.2\n"
        "JP,84,other,2.5,0.03,0.012,0.25\n"
        "JP,87,autos_parts,5.0,0.12,0.024,0.5\n"
        "JP,87,other,0.5,0.0,0.0,0.05\n"
    )


def test_markdown_and_json_take_the_census_code(small: None) -> None:
    md = run("trade", "5880", "-f", "markdown").stdout
    assert md.startswith(
        "### US imports for consumption from Japan in 2024, by bucket (Census code 5880)\n"
        "\n"
        "| Partner | Bucket | Imports $bn | MFN duty $bn | MFN rate | Share |\n"
        "| --- | --- | ---: | ---: | ---: | ---: |\n"
        "| JP | pharma | 2.00 | 0.00 | 0.0% | 20.0% |\n"
    )
    assert "Total: $10.00 bn of imports; MFN duty collected $0.15 bn (1.50% of imports).\\\n" in md
    rows = json.loads(run("trade", "Japan", "-f", "json").stdout)
    assert rows[1] == {
        "partner": "JP",
        "bucket": "autos_parts",
        "imports_usd_bn": 5.0,
        "mfn_duty_usd_bn": 0.12,
        "mfn_rate": 0.024,
        "import_share": 0.5,
    }


def test_output_file(small: None, tmp_path: Path) -> None:
    out = tmp_path / "jp.csv"
    result = run("trade", "japan", "-f", "csv", "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, "")
    assert out.read_text(encoding="utf-8").splitlines()[1] == "JP,pharma,2.0,0.0,0.0,0.2"


def test_unknown_partner_is_a_usage_error() -> None:
    result = run("trade", "mars")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "unknown partner 'mars': use one of japan (JP), korea (KR), eu (EU), switzerland (CH), taiwan (TW)\n"
    )
    with pytest.raises(ArgumentError, match="unknown partner 'mars'"):
        dealcalc.trade("mars")


def test_unknown_grouping_is_a_usage_error() -> None:
    result = run("trade", "eu", "--by", "hs6")
    assert result.exit_code == 2
    assert "Invalid value for '--by': 'hs6' is not one of 'bucket', 'chapter'." in result.stderr
    with pytest.raises(ArgumentError, match="unknown grouping 'hs6': use bucket or chapter"):
        dealcalc.trade("eu", by="hs6")


@pytest.mark.parametrize("partner", ["japan", "KR", "0003", "switzerland", "tw"])
@pytest.mark.parametrize("by", ["bucket", "chapter"])
def test_api_returns_what_the_command_prints(partner: str, by: str) -> None:
    printed = run("trade", partner, "--by", by, "-f", "json").stdout
    assert dealcalc.trade(partner, by=by) == json.loads(printed)


# US imports FOR CONSUMPTION from each partner in 2024, USD bn (Census CON_VAL_YR, December 2024
# year to date), as tradewartracker publishes them per country in `country-by-time.csv` ("total
# imports", snapshot of 2026-07-23): its sum of the same Census HS-10 rows, so this checks that the
# build keeps every row once (no Census publication of a per-country consumption total was found).
CENSUS_CONSUMPTION = {"JP": 151.340, "KR": 130.459, "EU": 597.473, "CH": 60.919, "TW": 115.274}
# US GENERAL imports from each partner in 2024, USD bn (Census basis; REFERENCE-DATA-2026 §5):
# a different concept (goods entering bonded warehouses and FTZs count when they arrive), up to
# ~4% apart, more for Switzerland, whose gold flows through bonded warehouses.
CENSUS_GENERAL = {"JP": 148.2, "KR": 131.5, "EU": 605.8, "CH": 63.4, "TW": 116.3}


@pytest.mark.parametrize("code", list(CENSUS_CONSUMPTION))
def test_table_totals_match_census_imports_for_consumption(code: str) -> None:
    imports, _ = tradedata.totals(code)
    assert imports == pytest.approx(CENSUS_CONSUMPTION[code], rel=0.01)
    assert imports == pytest.approx(CENSUS_GENERAL[code], rel=0.045)  # the other concept, for scale


def _bucket(code: str, bucket: str) -> float:
    return sum(r["imports_usd_bn"] for r in dealcalc.trade(code) if r["bucket"] == bucket)  # type: ignore[no-any-return]


def test_table_matches_the_feasibility_study() -> None:
    """REFERENCE-DATA-2026 §6 (a study of the same HS-10 rows, by other code): Japan's autos and
    parts 56.4 bn, the EU's pharma (chapter 30) 131.4 bn, Korea's semiconductor list 7.0 bn,
    Taiwan's semiconductor list 47.0 bn of which about 5.0 bn qualifies, Swiss gold of
    7115.90.05 (12.0 bn) in the exempt bucket, not in `other`."""
    assert _bucket("JP", "autos_parts") == pytest.approx(56.4, rel=0.01)
    assert _bucket("EU", "pharma") == pytest.approx(131.4, rel=0.01)
    assert _bucket("KR", "semis_other") + _bucket("KR", "semis_qualifying") == pytest.approx(7.0, rel=0.01)
    assert _bucket("TW", "semis_other") + _bucket("TW", "semis_qualifying") == pytest.approx(47.0, rel=0.01)
    assert _bucket("TW", "semis_qualifying") == pytest.approx(5.0, rel=0.01)
    gold = [r for r in dealcalc.trade("CH", by="chapter") if r["chapter"] == "71"]
    assert sum(r["imports_usd_bn"] for r in gold if r["bucket"] == "annex_exempt") > 12.0
    assert sum(r["imports_usd_bn"] for r in gold if r["bucket"] == "other") < 0.5


def test_every_bucket_is_known_and_every_row_whole() -> None:
    cells = tradedata.table()
    assert {c.bucket for c in cells} <= set(tradedata.BUCKETS)
    assert {c.partner for c in cells} == set(tradedata.PARTNERS)
    assert all(c.imports_usd >= 0 and c.mfn_duty_usd >= 0 for c in cells)
    # pharma is chapter 30 only, returned goods chapters 98-99 only
    assert {c.chapter for c in cells if c.bucket == "pharma"} == {"30"}
    assert {c.chapter for c in cells if c.bucket == "returned"} <= {"98", "99"}


def test_the_table_is_small_and_ships_its_notices() -> None:
    assert tradedata.TABLE.stat().st_size < 64_000
    notice = (tradedata.TABLE.parent / "NOTICE.md").read_text(encoding="utf-8")
    assert "Copyright (c) 2025 tradewartracker" in notice
    assert "Copyright (c) 2025-2026 The Budget Lab at Yale" in notice
    for bucket in tradedata.BUCKETS:
        assert f"| {bucket} |" in notice


def test_the_trade_command_reads_the_table_without_pyarrow_or_numpy() -> None:
    """The table is plain CSV read by the standard library: a fresh install runs `trade` without
    the build's `data` extra (pyarrow), and the command stays a light one-off (DESIGN §7)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "sys.argv = ['dealcalc', 'trade', 'korea', '-f', 'csv']\n"
        "from dealcalc.launch import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('pyarrow', 'numpy', 'rich', 'dealcalc.tradedata')\n"
        "sys.stderr.write(repr(sorted(m for m in sys.modules if m.startswith(heavy))))\n"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert out.stderr == "['dealcalc.tradedata']"
    header = "partner,bucket,imports_usd_bn,mfn_duty_usd_bn,mfn_rate,import_share\n"
    assert out.stdout.startswith(header + "KR,returned,")
