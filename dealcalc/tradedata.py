"""The 2024 trade table shipped in the package (`dealcalc/data/trade-2024.csv`): US imports for
consumption from Japan, Korea, the EU, Switzerland and Taiwan by HS chapter and bucket, with the
MFN duty collected, in USD. Built by `tools/build_trade_table.py` from the open US tariff
trackers' public files (docs/trade-data.md); read only by `dealcalc trade` and `dealcalc.trade()`,
on first use (a one-off command that does not need it never opens it: DESIGN §7)."""

from __future__ import annotations

import csv
import functools
from pathlib import Path
from typing import Any, NamedTuple

from dealcalc.errors import ArgumentError

TABLE = Path(__file__).parent / "data" / "trade-2024.csv"

# partner code -> (name on the command line, Census country code, name in a sentence)
PARTNERS: dict[str, tuple[str, str, str]] = {
    "JP": ("japan", "5880", "Japan"),
    "KR": ("korea", "5800", "Korea"),
    "EU": ("eu", "0003", "the EU"),
    "CH": ("switzerland", "4419", "Switzerland"),
    "TW": ("taiwan", "5830", "Taiwan"),
}

# bucket -> the rule that puts an HS-10 row in it; the first rule that matches wins, in this order.
# Each bucket has one statutory rule under every regime of 2025-2026 (REFERENCE-DATA-2026 §6).
BUCKET_RULES: dict[str, str] = {
    "returned": "chapters 98-99: US goods returned, repairs, temporary entries (MFN duty-free; "
    "read here as exempt from IEEPA, Sec. 122 and Sec. 301 duties, a convention)",
    "pharma": "chapter 30 only (the Sec. 232 pharma tariff covers chapter 30; active ingredients "
    "such as 2937 stay in their own chapter): exempt from IEEPA, Sec. 122 and Sec. 301",
    "autos_parts": "Sec. 232 autos (8703, light trucks) and auto parts, without the bare heading "
    "8471 (computers) that one source list holds",
    "metals_core": "Sec. 232 core metals: Annex I-A of the 2026-04-06 metals proclamation (steel "
    "and aluminium of chapters 72, 73, 76) and semi-finished copper",
    "metals_derivatives": "Sec. 232 metal derivatives: Annexes I-B, II (removed 2026-04-06) and III "
    "of the 2026 proclamation and the 2025 steel and aluminium derivative lists",
    "other_232": "Sec. 232 timber (softwood lumber 4407.1x, upholstered furniture 9401.61/.71, "
    "kitchen cabinets and vanities 9403.40.90, 9403.60.80) and medium/heavy trucks "
    "(8701.20, 8704.22/.23/.32/.42/.43/.52) and buses (8702)",
    "semis_qualifying": "the qualifying share of the rows on the Sec. 232 semiconductor list "
    "(Proc. 11002: advanced AI chips; 8471.80.40 GPU/AI cards)",
    "semis_other": "the rest of the semiconductor list (computers and parts of 8471 and 8473): "
    "exempt from IEEPA, Sec. 122 and Sec. 301",
    "deal_exempt": "civil aircraft (chapter 88, 8411 on the deals' list) and, for the EU, Japan, "
    "Korea and Switzerland, the deals' unavailable natural resources: covered by the pre-deal "
    "IEEPA rate, MFN only under the deal floor and under Sec. 122 and Sec. 301",
    "annex_exempt": "on both the IEEPA Annex II list (2025-11-14, with the 2025-04-11 electronics) "
    "and the Sec. 122 exemption list: energy, bullion (gold 7108 and 7115.90.05), critical minerals, "
    "listed electronics and farm goods; MFN only under every regime",
    "exempt_ieepa_only": "on the IEEPA Annex II list but not on the Sec. 122 list: MFN under IEEPA, "
    "covered by Sec. 122 and Sec. 301",
    "exempt_s122_only": "on the Sec. 122 list but not on the IEEPA Annex II list: covered by IEEPA, "
    "MFN under Sec. 122 and Sec. 301",
    "other": "every other row: covered by the IEEPA, Sec. 122 and Sec. 301 rates",
}
BUCKETS = tuple(BUCKET_RULES)

SOURCE = (
    "Source: US Census Bureau, 2024 US imports for consumption by HS-10 (customs value CON_VAL_YR, "
    "calculated duty CAL_DUT_YR), as published by the tradewartracker/trade-war-redux-2025 tracker "
    "(MIT); Sec. 232 and exemption lists of tradewartracker and the Budget Lab at Yale's "
    "tariff-rate-tracker (MIT); buckets by dealcalc (docs/trade-data.md, dealcalc/data/NOTICE.md)."
)


class Cell(NamedTuple):
    """One cell of the table: a partner's imports of one HS chapter in one bucket, USD."""

    partner: str
    chapter: str
    bucket: str
    imports_usd: float
    mfn_duty_usd: float


@functools.cache
def table() -> tuple[Cell, ...]:
    """Every cell of the shipped table, read once."""
    with TABLE.open(encoding="utf-8", newline="") as fh:
        return tuple(
            Cell(r["partner"], r["chapter"], r["bucket"], float(r["imports_usd"]), float(r["mfn_duty_usd"]))
            for r in csv.DictReader(fh)
        )


def partner_code(name: str) -> str:
    """`japan`, `JP` or the Census code `5880` → `JP`; anything else is a usage error."""
    key = name.strip().lower()
    for code, (word, census, _) in PARTNERS.items():
        if key in (word, code.lower(), census):
            return code
    choices = ", ".join(f"{word} ({code})" for code, (word, _, _) in PARTNERS.items())
    raise ArgumentError(f"unknown partner {name!r}: use one of {choices}")


def rows(partner: str, by: str = "bucket") -> list[dict[str, Any]]:
    """The partner's imports per bucket (`by="bucket"`) or per HS chapter and bucket
    (`by="chapter"`), in USD bn, with the MFN duty collected, its rate and the share of the total."""
    code = partner_code(partner)
    if by not in ("bucket", "chapter"):
        raise ArgumentError(f"unknown grouping {by!r}: use bucket or chapter")
    cells = [c for c in table() if c.partner == code]
    total = sum(c.imports_usd for c in cells)
    sums: dict[tuple[str, ...], list[float]] = {}
    for c in cells:
        key: tuple[str, ...] = (c.chapter, c.bucket) if by == "chapter" else (c.bucket,)
        cell = sums.setdefault(key, [0.0, 0.0])
        cell[0] += c.imports_usd
        cell[1] += c.mfn_duty_usd
    order = sorted(sums, key=lambda k: (k[:-1], BUCKETS.index(k[-1])))
    out = []
    for key in order:
        imports, duty = sums[key]
        row: dict[str, Any] = {"partner": code}
        row.update(dict(zip(("chapter", "bucket") if by == "chapter" else ("bucket",), key, strict=True)))
        row.update(
            imports_usd_bn=imports / 1e9,
            mfn_duty_usd_bn=duty / 1e9,
            mfn_rate=duty / imports if imports else 0.0,
            import_share=imports / total,
        )
        out.append(row)
    return out


def totals(partner: str) -> tuple[float, float]:
    """The partner's 2024 imports for consumption and MFN duty collected, USD bn."""
    code = partner_code(partner)
    cells = [c for c in table() if c.partner == code]
    return sum(c.imports_usd for c in cells) / 1e9, sum(c.mfn_duty_usd for c in cells) / 1e9
