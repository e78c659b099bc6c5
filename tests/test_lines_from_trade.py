"""Each newest shipped file's tariff lines against the shipped trade table (DESIGN §5 "Tariff lines
from trade data"): every line's exports and MFN are the table's buckets, and the lines sum to the
partner's 2024 imports for consumption. Read straight from the CSV, not through dealcalc.trade().
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

import dealcalc
from dealcalc import load_scenario

TABLE = Path(dealcalc.__file__).parent / "data" / "trade-2024.csv"
FILES = {
    "JP": "japan-2026-12-law-in-force",
    "KR": "korea-2026-12-law-in-force",
    "EU": "eu-2026-12-law-in-force",
    "CH": "switzerland-2026-12-law-in-force",
    "TW": "taiwan-2026-12-law-in-force",
}
# line → the table's buckets it holds (one statutory rule per line and regime)
BUCKETS = {
    "autos_parts": ["autos_parts"],
    "metals_core": ["metals_core"],
    "metals_derivatives": ["metals_derivatives"],
    "timber_trucks": ["other_232"],
    "semis_qualifying": ["semis_qualifying"],
    "exempt": ["annex_exempt", "returned", "semis_other", "exempt_ieepa_only"],
    "aircraft_deal_exempt": ["deal_exempt", "exempt_s122_only"],
    "other": ["other"],
}
PHARMA = ["pharma_patented", "pharma_other"]  # the chapter 30 bucket, split by an assumed share


def _table() -> dict[tuple[str, str], tuple[float, float]]:
    imports: dict[tuple[str, str], float] = defaultdict(float)
    duty: dict[tuple[str, str], float] = defaultdict(float)
    with TABLE.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["partner"], row["bucket"])
            imports[key] += float(row["imports_usd"]) / 1e9
            duty[key] += float(row["mfn_duty_usd"]) / 1e9
    return {k: (imports[k], duty[k]) for k in imports}


def test_every_bucket_is_on_a_line() -> None:
    assert {b for _, b in _table()} == {b for bs in BUCKETS.values() for b in bs} | {"pharma"}


@pytest.mark.parametrize("partner", FILES)
def test_lines_are_the_tables_buckets(partner: str) -> None:
    table = _table()
    s = load_scenario(FILES[partner])
    assert s.tariffs is not None
    lines = {line.name: line for line in s.tariffs.lines}
    assert set(lines) == set(BUCKETS) | set(PHARMA)
    for name, buckets in BUCKETS.items():
        imports = sum(table.get((partner, b), (0.0, 0.0))[0] for b in buckets)
        duty = sum(table.get((partner, b), (0.0, 0.0))[1] for b in buckets)
        # the file holds $bn to 3 decimals and the MFN rate (duty / imports) to 2 decimals of a percent
        assert lines[name].exports == pytest.approx(round(imports, 3), abs=1e-9), name
        mfn = round(duty / imports * 100, 2) / 100 if imports else 0.0
        assert lines[name].mfn == pytest.approx(mfn, abs=1e-12), name
        for key in ("exports", "mfn"):
            prov = s.provenance[f"tariffs.lines.{name}.{key}"]
            assert prov.source == "trade-2024" and not prov.assumption, (name, key)
    pharma = table.get((partner, "pharma"), (0.0, 0.0))[0]
    assert sum(lines[n].exports for n in PHARMA) == pytest.approx(round(pharma, 3), abs=1e-9)
    assert all(s.provenance[f"tariffs.lines.{n}.exports"].assumption for n in PHARMA)
    total = sum(v[0] for (p, _), v in table.items() if p == partner)
    # ten lines each rounded to $1m: the sum is the partner's total to within $5m
    assert sum(line.exports for line in lines.values()) == pytest.approx(total, abs=0.005)
    assert s.trade.exports_to_partner == pytest.approx(round(total, 3), abs=1e-9)
