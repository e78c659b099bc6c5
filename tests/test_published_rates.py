"""The effective tariff rate of each partner's newest (late-2026) scenario file, on every regime
change of 2025-2026, lies within 2 points of the range the published trackers give for that day
(DESIGN §5 "Tariff lines from trade data", issue 20). The published figures, their sources and the
conventions that set some of them apart are in tests/data/published-rates.yaml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

import dealcalc
from dealcalc.scenario import shipped_names

PUBLISHED: dict[str, Any] = yaml.load(
    (Path(__file__).parent / "data" / "published-rates.yaml").read_text(encoding="utf-8"),
    Loader=yaml.CSafeLoader,
)
COUNTRY = {"JP": "Japan", "KR": "Korea", "EU": "European Union", "CH": "Switzerland", "TW": "Taiwan"}
TOLERANCE = 2.0  # percentage points outside the published range
LATE_2026 = dt.date(2026, 12, 1)  # the v3 files (DESIGN §5 "Late 2026") are dated from December 2026


def published_on(code: str, day: dt.date) -> list[tuple[float, str]]:
    """The published rates (percent, source id) that held on `day`, less the known gaps."""
    gaps = [g for g in PUBLISHED["known_gaps"] if g["partner"] == code and g["from"] <= day <= g["until"]]
    return [
        (float(e["value"]), e["source"])
        for e in PUBLISHED["rates"][code]
        if e["from"] <= day <= e["until"] and not any(g["source"] == e["source"] for g in gaps)
    ]


def newest_file(country: str) -> str | None:
    dated = [(s.as_of, n) for n in shipped_names() if (s := dealcalc.load(n)).country == country]
    return max(dated)[1] if dated else None


def in_force_on_changes(name: str) -> list[tuple[dt.date, str, float]]:
    """(first day, regime, effective rate in percent) for each dated regime of the file that
    starts in 2025-2026: the regime in force from that day."""
    rates = {r["regime"]: 100 * r["effective_rate"] for r in dealcalc.tariff(name, regimes=True)}
    tariffs = dealcalc.load(name).tariffs
    assert tariffs is not None, name
    regimes = tariffs.regimes
    return [
        (r.start, r.name, rates[r.name])
        for r in sorted((r for r in regimes if r.start is not None), key=lambda r: r.start or dt.date.min)
        if r.start is not None and dt.date(2025, 1, 1) <= r.start <= dt.date(2026, 12, 31)
    ]


@pytest.mark.parametrize("code", list(COUNTRY))
def test_newest_file_is_within_two_points_of_the_published_range(code: str) -> None:
    name = newest_file(COUNTRY[code])
    assert name is not None
    as_of = dealcalc.load(name).as_of
    if as_of is None or as_of < LATE_2026:
        pytest.skip(f"{name}: no late-2026 file for {COUNTRY[code]} shipped yet (DESIGN §5 'Late 2026')")
    outside, compared = [], 0
    for day, regime, rate in in_force_on_changes(name):
        found = published_on(code, day)
        if not found:
            continue
        compared += 1
        low, high = min(v for v, _ in found), max(v for v, _ in found)
        if not low - TOLERANCE <= rate <= high + TOLERANCE:
            sources = ", ".join(f"{s} {v}" for v, s in found)
            outside.append(f"{day} {regime}: {rate:.2f}% against {low}-{high}% ({sources})")
    assert outside == [], f"{name}: effective rate more than {TOLERANCE} points outside the published range"
    assert compared >= 4, f"{name}: only {compared} regime changes have a published figure"


def test_the_published_table_is_well_formed() -> None:
    sources = PUBLISHED["sources"]
    assert all({"title", "url", "date", "note"} <= set(s) for s in sources.values())
    assert set(PUBLISHED["rates"]) == set(COUNTRY)
    for entries in PUBLISHED["rates"].values():
        assert len(entries) >= 7
        for e in entries:
            assert e["source"] in sources
            assert dt.date(2025, 1, 1) <= e["from"] <= e["until"] <= dt.date(2026, 12, 31)
            assert 0 < e["value"] < 60
    for gap in PUBLISHED["known_gaps"]:
        assert gap["partner"] in COUNTRY and gap["source"] in sources
        assert gap["from"] <= gap["until"] and len(gap["reason"]) > 100


def test_published_on_leaves_out_the_known_gaps() -> None:
    # tradewartracker's EU figure of 2025-08-07 taxes pharma (a known gap): nothing else is left
    assert published_on("EU", dt.date(2025, 8, 7)) == []
    # on 2026-02-24 three figures held for Japan: tradewartracker, the Yale tracker and Tariff-ETRs
    assert sorted(published_on("JP", dt.date(2026, 2, 24))) == [
        (11.85, "yale-etrs"),
        (12.98, "twt"),
        (14.96, "yale-tracker"),
    ]
    # Switzerland under the 39% rate: the FT's "slightly more than 12%" and tradewartracker's 39.17
    assert sorted(published_on("CH", dt.date(2025, 9, 1))) == [(12.0, "ft"), (39.17, "twt")]
