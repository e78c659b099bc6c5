"""Build dealcalc/data/trade-2024.csv from the open US tariff trackers' public files.

Run by hand (never by CI); needs the `data` extra (pyarrow):

    pip install -e '.[data]'
    python tools/build_trade_table.py --twt PATH/trade-war-redux-2025 --yale PATH/tariff-rate-tracker

`--twt` is a checkout of github.com/tradewartracker/trade-war-redux-2025 (MIT): its
`data/2024-hs10-imports{CTY}.parquet` hold every 2024 HS-10 row of US imports for consumption
(Census: `CON_VAL_YR` customs value, `CAL_DUT_YR` calculated duty) and its `tariff-lists/` the
product lists read from the proclamations. `--yale` is a checkout of
github.com/Budget-Lab-Yale/tariff-rate-tracker (MIT): its `resources/` product lists. Nothing of
either project is copied into dealcalc but the aggregated table (and their licence notices, in
dealcalc/data/NOTICE.md).

Each HS-10 row of Japan (5880), Korea (5800), the EU (0003, Census's EU grouping), Switzerland
(4419) and Taiwan (5830) goes to exactly one bucket, the first rule that matches (BUCKET_RULES
below says each rule and why it is a bucket of its own: one statutory rule per bucket under every
regime of 2025-2026). A row on Yale's semiconductor list is split by its qualifying share.
The table is partner x HS chapter x bucket: imports and MFN duty collected, USD.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

# the buckets, in order, and the rule of each: dealcalc/tradedata.py BUCKET_RULES (the package's
# documentation of its own table); `bucket_of` below applies them, naming the lists each reads
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from dealcalc.tradedata import BUCKET_RULES
from dealcalc.tradedata import PARTNERS as _PARTNERS

BUCKETS = tuple(BUCKET_RULES)
PARTNERS = {code: census for code, (_, census, _) in _PARTNERS.items()}

TRUCK_PREFIXES = ("870120", "870422", "870423", "870432", "870442", "870443", "870452", "8702")
TIMBER_PREFIXES = ("44071", "940161", "940171", "9403409", "9403608")
PTAAP_GROUP = {"EU": "eu", "JP": "eu", "KR": "eu", "CH": "swiss"}


@dataclass(frozen=True)
class Lists:
    """The product lists the buckets are read from (code prefixes, 4 to 10 digits)."""

    autos: frozenset[str]
    metals_core: frozenset[str]
    metals_deriv: frozenset[str]
    semis: dict[str, float]
    ieepa_exempt: frozenset[str]
    s122_exempt: frozenset[str]
    aircraft: frozenset[str]
    ptaap: dict[str, frozenset[str]]
    annex_1a: frozenset[str]
    annex_1b: frozenset[str]
    annex_3: frozenset[str]
    old_deriv: frozenset[str]
    metal_share: dict[str, float]


def _codes(path: Path, column: int = 0) -> set[str]:
    with path.open(newline="") as fh:
        rows = list(csv.reader(fh))
    out = set()
    for row in rows[1:] if not rows[0][0][:1].isdigit() else rows:
        if row and row[column].strip().strip('"').isdigit():
            out.add(row[column].strip().strip('"'))
    return out


def read_lists(twt: Path, yale: Path) -> Lists:
    """Read the trackers' product lists, with the known pitfalls removed (see the docstrings)."""
    tl, res = twt / "tariff-lists", yale / "resources"
    auto_parts = {c.strip() for c in (res / "s232_auto_parts.txt").read_text().split() if c.strip()}
    auto_parts.discard("8471")  # Yale's list holds the bare heading 8471: every computer an auto part
    autos = _codes(tl / "auto-tariffs.csv") | auto_parts
    annex_1a = _codes(tl / "metals-annex-IA.csv")
    annex_1b = _codes(tl / "metals-annex-IB.csv")
    annex_2 = _codes(tl / "metals-annex-II-removed.csv")
    annex_3 = _codes(tl / "metals-annex-III-temporary.csv")
    copper = _codes(tl / "copper-list.csv")
    yale_deriv = _codes(res / "s232_derivative_products.csv")
    old_deriv = _codes(tl / "steel-tariffs.csv") | _codes(tl / "alu-tariffs.csv") | yale_deriv
    semis = {}
    with (res / "semi_qualifying_shares.csv").open(newline="") as fh:
        for row in csv.DictReader(fh):
            semis[row["hts10"]] = float(row["qualifying_share"])
    # IEEPA: tradewartracker's Annex II (2025-11-14 revision) matched on its HS-8 codes (not padded
    # with "00", which misses most pharma and energy rows) plus the 2025-04-11 electronics list;
    # not Yale's ieepa_exempt_products.csv, which over-extends (ITA headings, aircraft everywhere).
    ieepa = _codes(tl / "annex-II-exemptions-nov14.csv")
    ieepa |= _codes(tl / "consumer_electronics_EO14257_apr11.csv")
    s122 = _codes(tl / "section122-product-exemptions.csv")
    s122 |= _codes(tl / "section122-specific-exemptions.csv")
    floor: dict[str, set[str]] = defaultdict(set)
    with (res / "floor_exempt_products.csv").open(newline="") as fh:
        for row in csv.DictReader(fh):
            floor[f"{row['category']}:{row['country_group']}"].add(row["hts8"])
    # the EU's civil-aircraft list (Yale's Japan list is eight steel codes, a scraping error), kept
    # to aircraft proper: chapter 88 and turbojets 8411; other listed codes are general industrial
    # goods, taxed like their peers (the end use cannot be told from HS-10 data)
    aircraft = frozenset(
        c for c in floor["civil_aircraft:eu"] | _codes(tl / "section122-aircraft-exemptions.csv")
        if c.startswith(("88", "8411"))
    )
    metal_share = {}
    with (res / "metal_content_shares_bea_hs10.csv").open(newline="") as fh:
        for row in csv.DictReader(fh):
            metal_share[row["hs10"]] = float(row["metal_share"])
    return Lists(
        autos=frozenset(autos),
        metals_core=frozenset(annex_1a | copper),
        metals_deriv=frozenset(annex_1b | annex_2 | annex_3 | old_deriv),
        semis=semis,
        ieepa_exempt=frozenset(ieepa),
        s122_exempt=frozenset(s122),
        aircraft=aircraft,
        ptaap={"eu": frozenset(floor["ptaap:eu"]), "swiss": frozenset(floor["ptaap:swiss"])},
        annex_1a=frozenset(annex_1a),
        annex_1b=frozenset(annex_1b),
        annex_3=frozenset(annex_3),
        old_deriv=frozenset(old_deriv),
        metal_share=metal_share,
    )


def on(hs10: str, codes: frozenset[str]) -> bool:
    """Whether an HS-10 code falls under any listed prefix (4 to 10 digits)."""
    return any(hs10[:n] in codes for n in (4, 6, 8, 10))


@dataclass(frozen=True)
class Row:
    """One HS-10 row of 2024 imports for consumption, or a share of one (semiconductors)."""

    partner: str
    hs10: str
    description: str
    bucket: str
    imports: float  # USD, CON_VAL_YR
    duty: float  # USD, CAL_DUT_YR (MFN duty collected, after FTA preferences)

    @property
    def chapter(self) -> str:
        return self.hs10[:2]


def bucket_of(partner: str, hs10: str, lists: Lists) -> str:
    """The bucket of one HS-10 row (semiconductor rows are split by the caller)."""
    ch = hs10[:2]
    if ch in ("98", "99"):
        return "returned"
    if ch == "30":
        return "pharma"
    if on(hs10, lists.autos) and not hs10.startswith(TRUCK_PREFIXES):
        return "autos_parts"
    if on(hs10, lists.metals_core):
        return "metals_core"
    if on(hs10, lists.metals_deriv):
        return "metals_derivatives"
    if hs10.startswith(TRUCK_PREFIXES + TIMBER_PREFIXES):
        return "other_232"
    ieepa, s122 = on(hs10, lists.ieepa_exempt), on(hs10, lists.s122_exempt)
    ptaap = PTAAP_GROUP.get(partner)
    if on(hs10, lists.aircraft) or (ptaap and not ieepa and on(hs10, lists.ptaap[ptaap])):
        return "deal_exempt"
    if ieepa and s122:
        return "annex_exempt"
    if ieepa:
        return "exempt_ieepa_only"
    if s122:
        return "exempt_s122_only"
    return "other"


def read_rows(twt: Path, lists: Lists) -> Iterator[Row]:
    """Every 2024 HS-10 row of the five partners, bucketed."""
    import pyarrow.parquet as pq  # the `data` extra; only this build script needs it

    for partner, cty in PARTNERS.items():
        table = pq.read_table(
            twt / "data" / f"2024-hs10-imports{cty}.parquet",
            columns=["CTY_CODE", "HS10", "I_COMMODITY_SDESC", "CON_VAL_YR", "CAL_DUT_YR"],
        )
        for rec in table.to_pylist():
            if rec["CTY_CODE"] != cty:
                raise SystemExit(f"{cty}: a row of partner {rec['CTY_CODE']}")
            hs10, value, duty = rec["HS10"], float(rec["CON_VAL_YR"]), float(rec["CAL_DUT_YR"])
            desc = rec["I_COMMODITY_SDESC"] or ""
            if hs10 in lists.semis:
                share = lists.semis[hs10]
                for bucket, part in (("semis_qualifying", share), ("semis_other", 1 - share)):
                    if part > 0:
                        yield Row(partner, hs10, desc, bucket, value * part, duty * part)
                continue
            yield Row(partner, hs10, desc, bucket_of(partner, hs10, lists), value, duty)


def aggregate(rows: Iterable[Row]) -> list[tuple[str, str, str, float, float]]:
    """partner x chapter x bucket sums, in partner, chapter, bucket order."""
    sums: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for r in rows:
        cell = sums[(r.partner, r.chapter, r.bucket)]
        cell[0] += r.imports
        cell[1] += r.duty
    order = {p: i for i, p in enumerate(PARTNERS)}
    keys = sorted(sums, key=lambda k: (order[k[0]], k[1], BUCKETS.index(k[2])))
    return [(p, c, b, sums[(p, c, b)][0], sums[(p, c, b)][1]) for p, c, b in keys]


def write_table(path: Path, cells: list[tuple[str, str, str, float, float]]) -> None:
    with path.open("w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["partner", "chapter", "bucket", "imports_usd", "mfn_duty_usd"])
        for p, c, b, imp, duty in cells:
            w.writerow([p, c, b, round(imp), round(duty)])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--twt", type=Path, required=True, help="checkout of trade-war-redux-2025")
    ap.add_argument("--yale", type=Path, required=True, help="checkout of tariff-rate-tracker")
    default = Path(__file__).resolve().parents[1] / "dealcalc" / "data" / "trade-2024.csv"
    ap.add_argument("-o", "--output", type=Path, default=default)
    args = ap.parse_args(argv)
    lists = read_lists(args.twt, args.yale)
    cells = aggregate(read_rows(args.twt, lists))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    write_table(args.output, cells)
    totals: dict[str, float] = defaultdict(float)
    for p, _c, _b, imp, _d in cells:
        totals[p] += imp
    for p, t in totals.items():
        print(f"{p}: {t / 1e9:.3f} USD bn", file=sys.stderr)
    print(f"wrote {args.output} ({len(cells)} cells)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
