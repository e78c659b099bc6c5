"""The by-hand tools behind the trade table (tools/build_trade_table.py, tools/trade_rates.py),
on small product lists written here: each bucket rule and the pitfalls of the source lists
(REFERENCE-DATA-2026 §6), and each regime's statutory rule on one row, worked by hand. They need
neither pyarrow nor the trackers' files (only `read_rows` does)."""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
build: Any = importlib.import_module("build_trade_table")
rates: Any = importlib.import_module("trade_rates")

LISTS = {
    "tariff-lists/auto-tariffs.csv": "HTSUS\n87032201\n870829\n",
    "tariff-lists/metals-annex-IA.csv": "HTSUS\n7208\n",
    "tariff-lists/metals-annex-IB.csv": "HTSUS\n73211110\n",
    "tariff-lists/metals-annex-II-removed.csv": "HTSUS\n04029968\n",
    "tariff-lists/metals-annex-III-temporary.csv": "HTSUS\n8207200070\n",
    "tariff-lists/copper-list.csv": "HTSUS\n74061000\n",
    "tariff-lists/steel-tariffs.csv": "HTSUS\n84295210\n",
    "tariff-lists/alu-tariffs.csv": "HTSUS\n8305100050\n",
    "tariff-lists/annex-II-exemptions-nov14.csv": "HTSUS\n71159005\n27090020\n29372900\n",
    "tariff-lists/consumer_electronics_EO14257_apr11.csv": "HTSUS\n8471300100\n",
    "tariff-lists/section122-product-exemptions.csv": "hts_code,digits\n71159005,8\n27090020,8\n85051100,8\n",
    "tariff-lists/section122-specific-exemptions.csv": "hts_code,digits\n08059001,8\n",
    "tariff-lists/section122-aircraft-exemptions.csv": "hts_code,digits\n88023000,8\n84839000,8\n",
    # Yale's auto-parts list holds the bare heading 8471 (every computer an auto part)
    "resources/s232_auto_parts.txt": "8471\n40111010\n",
    "resources/s232_derivative_products.csv": (
        "hts_prefix,ch99_code,derivative_type,effective_date\n94039910,9903.85.08,aluminum,2025-08-18\n"
    ),
    "resources/semi_qualifying_shares.csv": "hts10,qualifying_share,source_note\n8471804000,1,x\n",
    "resources/floor_exempt_products.csv": (
        "hts8,category,country_group,ch99_code\n88024001,civil_aircraft,eu,x\n"
        "25010000,ptaap,eu,x\n25010000,ptaap,swiss,x\n"
    ),
    "resources/metal_content_shares_bea_hs10.csv": (
        "hs10,naics,bea_detail_code,steel_share,aluminum_share,copper_share,other_metal_share,metal_share\n"
        "9403991040,,,,,,,0.4\n"
    ),
}


@pytest.fixture
def lists(tmp_path: Path) -> Any:
    for name, text in LISTS.items():
        root = tmp_path / ("twt" if name.startswith("tariff-lists") else "yale")
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return build.read_lists(tmp_path / "twt", tmp_path / "yale")


@pytest.mark.parametrize(
    ("partner", "hs10", "bucket"),
    [
        ("JP", "8471300100", "exempt_ieepa_only"),  # a laptop: not an auto part; IEEPA electronics only
        ("JP", "8703220100", "autos_parts"),
        ("JP", "4011101000", "autos_parts"),
        ("JP", "7208100000", "metals_core"),  # Annex I-A heading
        ("JP", "7406100000", "metals_core"),  # semi-finished copper
        ("JP", "7321111000", "metals_derivatives"),  # Annex I-B
        ("JP", "8429521010", "metals_derivatives"),  # a 2025 steel derivative (excavators)
        ("JP", "0402996800", "metals_derivatives"),  # Annex II: removed on 2026-04-06, still metals
        ("CH", "7115900530", "annex_exempt"),  # Swiss gold bars
        ("EU", "9801001012", "returned"),
        ("EU", "3004909000", "pharma"),
        ("EU", "2937290000", "exempt_ieepa_only"),  # an active ingredient: not chapter 30
        ("TW", "8802400140", "deal_exempt"),  # a civil aircraft
        ("JP", "8483900000", "other"),  # on the aircraft list but a general part: taxed
        ("JP", "2501000000", "deal_exempt"),  # a deal's unavailable natural resource
        ("TW", "2501000000", "other"),  # Taiwan's deal has no such list in force
        ("KR", "8505110070", "exempt_s122_only"),
        ("KR", "0805900100", "exempt_s122_only"),
        ("EU", "4407101000", "other_232"),  # softwood lumber
        ("EU", "8701200000", "other_232"),  # a road tractor, not an auto
        ("EU", "6109100000", "other"),
    ],
)
def test_bucket_of(lists: Any, partner: str, hs10: str, bucket: str) -> None:
    assert build.bucket_of(partner, hs10, lists) == bucket


def test_the_bare_heading_8471_is_dropped_from_the_auto_parts(lists: Any) -> None:
    assert "8471" not in lists.autos and "40111010" in lists.autos


def _rate(lists: Any, partner: str, bucket: str, mfn: float, day: str, hs10: str = "6109100000") -> float:
    row = build.Row(partner, hs10, "", bucket, 1000.0, 1000.0 * mfn)
    return float(rates.rate(row, dt.date.fromisoformat(day), lists, 0.5))


@pytest.mark.parametrize(
    ("partner", "bucket", "mfn", "day", "expected"),
    [
        ("EU", "other", 0.02, "2025-04-05", 0.12),  # MFN + 10%
        ("EU", "other", 0.02, "2025-08-07", 0.15),  # 15% all-in
        ("EU", "other", 0.02, "2026-02-24", 0.12),  # MFN + Sec. 122 10%
        ("EU", "other", 0.02, "2026-07-24", 0.10),  # Sec. 301 tops MFN up to 10%
        ("JP", "other", 0.14, "2025-08-07", 0.15),
        ("JP", "other", 0.14, "2026-07-24", 0.14),  # MFN above the 12.5% floor: nothing added
        ("KR", "other", 0.0, "2025-08-07", 0.15),  # +15% until the floor of 2025-11-14
        ("CH", "other", 0.01, "2025-08-07", 0.40),  # MFN + 39%
        ("CH", "other", 0.01, "2025-11-14", 0.15),
        ("TW", "other", 0.01, "2025-08-07", 0.21),  # MFN + 20%
        ("JP", "autos_parts", 0.025, "2025-08-07", 0.275),  # the cut takes effect 2025-09-16
        ("JP", "autos_parts", 0.025, "2025-09-16", 0.15),
        ("JP", "autos_parts", 0.025, "2026-07-24", 0.15),  # Sec. 232 goods pay no Sec. 301
        ("JP", "deal_exempt", 0.0, "2025-08-07", 0.15),  # covered until Japan's floor exemptions
        ("JP", "deal_exempt", 0.0, "2025-09-16", 0.0),
        ("TW", "deal_exempt", 0.0, "2025-08-07", 0.20),
        ("TW", "deal_exempt", 0.0, "2026-02-24", 0.0),  # Sec. 122 aircraft exemption
        ("EU", "pharma", 0.0, "2026-09-28", 0.0),
        ("EU", "pharma", 0.0, "2026-09-29", 0.075),  # half patented at 15% all-in
        ("TW", "pharma", 0.0, "2026-09-29", 0.50),  # half patented at +100%
        ("EU", "returned", 0.0, "2025-08-07", 0.0),
        ("EU", "semis_qualifying", 0.0, "2026-01-14", 0.0),
        ("EU", "semis_qualifying", 0.0, "2026-01-15", 0.25),
    ],
)
def test_rate_of_a_row(lists: Any, partner: str, bucket: str, mfn: float, day: str, expected: float) -> None:
    assert _rate(lists, partner, bucket, mfn, day) == pytest.approx(expected)


def test_a_derivative_pays_on_its_metal_content_then_on_its_annex(lists: Any) -> None:
    # 9403.99.10.40: a 2025 aluminium derivative with 40% metal, on no 2026 annex
    derivative = "9403991040"
    # 2025-08-07, Japan: 50% on the 40% metal, 15% all-in (MFN 0) on the other 60%: 0.20 + 0.09
    assert _rate(lists, "JP", "metals_derivatives", 0.0, "2025-08-07", derivative) == pytest.approx(0.29)
    # from 2026-04-06 it is off the metals lists: Sec. 122's 10% on MFN 0
    assert _rate(lists, "JP", "metals_derivatives", 0.0, "2026-04-06", derivative) == pytest.approx(0.10)
    # Annex I-B on the full value from 2026-04-06: MFN 1% + 25%
    assert _rate(lists, "JP", "metals_derivatives", 0.01, "2026-04-06", "7321111000") == pytest.approx(0.26)
