"""Row-level cross-check: the effective US tariff rate per partner on each regime date, from HS-10 rows.

Run by hand (never by CI), with the `data` extra and the same two checkouts as the build:

    python tools/trade_rates.py --twt PATH/trade-war-redux-2025 --yale PATH/tariff-rate-tracker
    python tools/trade_rates.py ... --by-bucket          # the rate of each bucket, too
    python tools/trade_rates.py ... --patented-share 0.5 # share of chapter 30 under the pharma 232
    python tools/trade_rates.py ... --scenario japan-2026-12-law-in-force  # a file's rates beside these

Each HS-10 row pays the statutory rule of its bucket (build_trade_table.BUCKET_RULES) on the
date, with its own MFN rate (CAL_DUT_YR / CON_VAL_YR); the effective rate is total duty / total
imports, MFN included, 2024 weights. The conventions (the strict reading of the texts):
- floors are net of MFN: "15% all-in" is max(MFN, 15%); Sec. 301 forced-labour duties top MFN
  up to 10% (EU, TW) or 12.5% (JP, KR, CH); Sec. 122 and pre-deal IEEPA rates add to MFN;
- exemption lists: IEEPA Annex II (2025-11-14) + the 2025-04-11 electronics; Sec. 122's list;
  Sec. 301 uses the Sec. 122 list (the provisional Annex A was identical to it; the final Part A
  list is not in the snapshot read);
- civil aircraft (chapter 88, 8411): MFN under the EU, JP, KR, CH deals and under Sec. 122 / 301;
- returned goods (chapter 98): MFN only;
- metal derivatives before 2026-04-06 pay the metals rate on their metal content (Yale's BEA
  shares) and the reciprocal rate on the rest; Sec. 232 goods never also pay Sec. 122 / 301.
The files' line-level rates should land within a few tenths of a point of these.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from build_trade_table import PARTNERS, Lists, Row, on, read_lists, read_rows

D = date.fromisoformat
DATES = [
    "2025-04-05", "2025-06-04", "2025-08-07", "2025-09-16", "2025-11-14", "2026-01-15",
    "2026-02-24", "2026-04-06", "2026-07-24", "2026-09-29",
]  # fmt: skip
COUNTRY_CODE = {"Japan": "JP", "Korea": "KR", "European Union": "EU", "Switzerland": "CH", "Taiwan": "TW"}
DEAL_FLOOR = {"EU": D("2025-09-01"), "JP": D("2025-09-16"), "KR": D("2025-11-14"), "CH": D("2025-11-14")}
AUTO_DEAL = {"EU": D("2025-08-01"), "JP": D("2025-09-16"), "KR": D("2025-11-01")}
S301_TIER = {"EU": 0.10, "TW": 0.10, "JP": 0.125, "KR": 0.125, "CH": 0.125}
IEEPA_START, DEAL_START = D("2025-04-05"), D("2025-08-07")
S122_START, S301_START = D("2026-02-24"), D("2026-07-24")
METALS_2026, PHARMA_232, SEMIS_232 = D("2026-04-06"), D("2026-09-29"), D("2026-01-15")
EXEMPT_IEEPA = {"annex_exempt", "exempt_ieepa_only", "pharma", "semis_other", "semis_qualifying", "returned"}
EXEMPT_S122 = {"annex_exempt", "exempt_s122_only", "pharma", "semis_other", "deal_exempt", "returned"}


# the nine proposed tariff lines: buckets with the same statutory rule under every regime merged
LINES: dict[str, tuple[str, ...]] = {
    "autos_parts": ("autos_parts",),
    "metals_core": ("metals_core",),
    "metals_derivatives": ("metals_derivatives",),
    "timber_trucks": ("other_232",),
    "pharma": ("pharma",),
    "semis_qualifying": ("semis_qualifying",),
    "exempt": ("annex_exempt", "returned", "semis_other", "exempt_ieepa_only"),
    "aircraft_deal_exempt": ("deal_exempt", "exempt_s122_only"),
    "other": ("other",),
}


def regime(d: date) -> str:
    if d < IEEPA_START:
        return "pre"
    if d < S122_START:
        return "ieepa"
    return "s122" if d < S301_START else "s301"


def covered(p: str, d: date, m: float) -> float:
    """The total rate on a covered non-232 good of partner p on day d with MFN m."""
    r = regime(d)
    if r == "pre":
        return m
    if r == "s122":
        return m + 0.10
    if r == "s301":
        return max(m, S301_TIER[p])
    if d < DEAL_START:
        return m + 0.10
    if p in ("EU", "JP"):
        return max(m, 0.15)
    if p == "KR":
        return max(m, 0.15) if d >= D("2025-11-14") else m + 0.15
    if p == "CH":
        return max(m, 0.15) if d >= D("2025-11-14") else m + 0.39
    return m + 0.20  # TW: the 15% all-in was never shown implemented before IEEPA ended


def general(p: str, d: date, m: float, bucket: str) -> float:
    """A non-232 bucket: MFN where the regime exempts it, else the covered rate."""
    r = regime(d)
    if r == "pre":
        return m
    if r == "ieepa":
        if bucket == "deal_exempt":
            floor = DEAL_FLOOR.get(p)
            return m if floor is not None and d >= floor else covered(p, d, m)
        return m if bucket in EXEMPT_IEEPA else covered(p, d, m)
    return m if bucket in EXEMPT_S122 else covered(p, d, m)


def rate(row: Row, d: date, lists: Lists, patented_share: float) -> float:
    """The total duty rate (MFN included) on one row on day d."""
    p, b, h = row.partner, row.bucket, row.hs10
    m = row.duty / row.imports if row.imports else 0.0
    if b == "autos_parts":
        if d < D("2025-04-03"):
            return m
        deal = AUTO_DEAL.get(p)
        return max(m, 0.15) if deal is not None and d >= deal else m + 0.25
    if b == "metals_core":
        if h.startswith("74") and d < D("2025-08-01"):
            return covered(p, d, m)
        if d < D("2025-03-12"):
            return m
        return m + (0.25 if d < D("2025-06-04") else 0.50)
    if b == "metals_derivatives":
        if d >= METALS_2026:
            if on(h, lists.annex_1a):
                return m + 0.50
            if on(h, lists.annex_1b):
                return m + 0.25
            if on(h, lists.annex_3):
                return max(m, 0.15)
            return covered(p, d, m)  # removed from the metals lists (Annex II)
        if not on(h, lists.old_deriv) or d < D("2025-03-12"):
            return covered(p, d, m)
        s = lists.metal_share.get(h, 1.0)
        metal = 0.25 if d < D("2025-06-04") else 0.50
        return m + metal * s + (covered(p, d, m) - m) * (1 - s)
    if b == "other_232":
        if h.startswith("44071"):
            return m + 0.10 if d >= D("2025-10-14") else covered(p, d, m)
        if h.startswith("94"):
            if d < D("2025-10-14"):
                return covered(p, d, m)
            return max(m, 0.15) if p in ("EU", "JP") else m + 0.25
        if d < D("2025-11-01"):
            return covered(p, d, m)
        return m + (0.10 if h.startswith("8702") else 0.25)
    if b == "pharma":
        if d < PHARMA_232:
            return m
        patented = max(m, 0.15) if p in ("EU", "JP", "KR", "CH") else m + 1.00
        return patented_share * patented + (1 - patented_share) * m
    if b == "semis_qualifying":
        return m + 0.25 if d >= SEMIS_232 else m
    return general(p, d, m, b)


def effective(rows: list[Row], dates: list[str], lists: Lists, patented_share: float, by_bucket: bool):
    """{(partner, bucket or '*'): {date: rate}}: duty / imports over the rows."""
    return _effective(rows, dates, lists, patented_share, (lambda r: r.bucket) if by_bucket else None)


def line_of(bucket: str) -> str:
    return next(name for name, buckets in LINES.items() if bucket in buckets)


def _effective(rows, dates, lists, patented_share, group):  # type: ignore[no-untyped-def]
    """{(partner, bucket or '*'): {date: rate}}: duty / imports over the rows."""
    out: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for ds in dates:
        d = D(ds)
        duty: dict[tuple[str, str], float] = defaultdict(float)
        imp: dict[tuple[str, str], float] = defaultdict(float)
        for r in rows:
            x = rate(r, d, lists, patented_share) * r.imports
            for key in ((r.partner, "*"), (r.partner, group(r))) if group else ((r.partner, "*"),):
                duty[key] += x
                imp[key] += r.imports
        for key in duty:
            out[key][ds] = duty[key] / imp[key] if imp[key] else 0.0
    return out


def print_markdown(rows: list[Row], table: dict[tuple[str, str], dict[str, float]], dates: list[str]) -> None:
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for r in rows:
        for key in ((r.partner, "*"), (r.partner, line_of(r.bucket))):
            sums[key][0] += r.imports
            sums[key][1] += r.duty
    for p in PARTNERS:
        print(f"\n#### {p}: 2024 imports for consumption {sums[(p, '*')][0] / 1e9:.3f} USD bn\n")
        print("| line | exports USD bn | MFN % | " + " | ".join(dates) + " |")
        print("|---|---|---|" + "---|" * len(dates))
        for name in [*LINES, "*"]:
            imp, duty = sums.get((p, name), (0.0, 0.0))
            if imp <= 0:
                continue
            label = "**total (row-level)**" if name == "*" else name
            cells = " | ".join(f"{100 * table[(p, name)][ds]:.2f}" for ds in dates)
            print(f"| {label} | {imp / 1e9:.3f} | {100 * duty / imp:.2f} | {cells} |")


def compare_scenario(name: str, rows: list[Row], lists: Lists, patented_share: float) -> None:
    """A scenario's effective rate (dealcalc's model, the file's lines) in force from each of its
    regime changes in 2025-2026, beside the row-level rate of the same day."""
    import dealcalc  # the package of this checkout (see build_trade_table)

    scenario = dealcalc.load(name)
    code = COUNTRY_CODE[scenario.country]
    rates = {r["regime"]: r["effective_rate"] for r in dealcalc.tariff(name, regimes=True)}
    regimes = scenario.tariffs.regimes if scenario.tariffs else ()
    first, last = D("2025-01-01"), D("2026-12-31")
    starts = sorted((r.start, r.name) for r in regimes if r.start and first <= r.start <= last)
    mine = _effective([r for r in rows if r.partner == code], [d.isoformat() for d, _ in starts], lists,
                      patented_share, None)
    print(f"{name} ({code}): date, regime, file %, row-level %, file - row-level (points)")
    for day, regime in starts:
        row_level = mine[(code, "*")][day.isoformat()]
        print(f"  {day}  {regime:<14} {100 * rates[regime]:6.2f} {100 * row_level:6.2f} "
              f"{100 * (rates[regime] - row_level):+6.2f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--twt", type=Path, required=True)
    ap.add_argument("--yale", type=Path, required=True)
    ap.add_argument("--dates", default=",".join(DATES), help="comma-separated ISO dates")
    ap.add_argument("--patented-share", type=float, default=0.0,
                    help="share of chapter 30 imports that are patented drugs (an assumption; default 0)")
    ap.add_argument("--by-bucket", action="store_true")
    ap.add_argument("--by-line", action="store_true", help="the rate of each proposed line (LINES)")
    ap.add_argument("--markdown", action="store_true", help="per partner: lines, exports, MFN, rates")
    ap.add_argument("--scenario", action="append", default=[], metavar="NAME",
                    help="a scenario file or shipped name: its effective rate on each regime change of "
                    "2025-2026 beside the row-level one (repeatable)")
    args = ap.parse_args(argv)
    lists = read_lists(args.twt, args.yale)
    rows = [r for r in read_rows(args.twt, lists) if r.imports > 0]
    if args.scenario:
        for name in args.scenario:
            compare_scenario(name, rows, lists, args.patented_share)
        return 0
    dates = args.dates.split(",")
    group = (lambda r: line_of(r.bucket)) if args.by_line or args.markdown else None
    if args.by_bucket:
        group = lambda r: r.bucket  # noqa: E731
    table = _effective(rows, dates, lists, args.patented_share, group)
    if args.markdown:
        print_markdown(rows, table, dates)
        return 0
    print("partner,bucket," + ",".join(dates))
    for p in PARTNERS:
        for key in sorted(k for k in table if k[0] == p):
            print(f"{p},{key[1]}," + ",".join(f"{100 * table[key][ds]:.2f}" for ds in dates))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
