"""The late-2026 shipped files (DESIGN §5 "Late 2026"): which regime is in force when, that no
shipped file pays MFN on a day a sourced regime applied, and Japan's saving against the
without-deal twin worked by hand.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from dealcalc import load_scenario
from dealcalc.model.timeline import dated_spans, regime_on
from dealcalc.scenario import shipped_names

from conftest import run

NEWEST = {
    "japan": "japan-2026-12-law-in-force",
    "korea": "korea-2026-12-law-in-force",
    "eu": "eu-2026-12-law-in-force",
    "switzerland": "switzerland-2026-12-law-in-force",
    "taiwan": "taiwan-2026-12-law-in-force",
}


def _tariff(name: str, *args: str) -> dict[str, object]:
    result = run("tariff", name, "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(result.stdout)
    return row  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", shipped_names())
def test_no_shipped_file_pays_mfn_from_start_to_deadline(name: str) -> None:
    # every day of the pledge falls after 2025-04-05 (the first IEEPA duty), when a sourced
    # regime applied to every partner: an MFN day would be an undated gap, not the law
    s = load_scenario(name)
    assert s.tariffs is not None
    spans = dated_spans(s.tariffs.regimes)
    day = s.pledge.start
    while day < s.pledge.deadline:
        assert regime_on(spans, day) != "mfn", f"{name} pays MFN on {day}"
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("name", NEWEST.values())
def test_newest_files_regime_in_force(name: str) -> None:
    # 2026-08-15: the Section 301 forced-labour duties (from 2026-07-24);
    # 2026-12-01: the same with the Section 232 pharma tariff (from 2026-09-29)
    august = _tariff(name, "--as-of", "2026-08-15")
    assert (august["regime_in_force"], august["from"], august["to"]) == (
        "after_122",
        "after_122_no_deal",
        "after_122",
    )
    assert _tariff(name, "--as-of", "2026-12-01")["regime_in_force"] == "pharma_232"
    s = load_scenario(name)
    assert s.as_of == dt.date(2026, 12, 1)
    assert s.tariffs is not None
    twins = {r.name: r.without_deal for r in s.tariffs.regimes}
    assert twins["after_122"] == "after_122_no_deal"
    assert twins["pharma_232"] == "pharma_232_no_deal"
    # every dated regime once a deal applied names its twin; the pre-deal ones are their own
    assert twins["sec122"] == "sec122_no_deal"
    assert twins["sec122_metals"] == "sec122_metals_no_deal"
    assert twins["pre_deal"] is None and twins["pre_deal_50"] is None


def test_switzerland_deadline_from_the_joint_statement() -> None:
    # "over the next five years" from 2025-11-14 (the older files keep end-2028)
    assert load_scenario(NEWEST["switzerland"]).pledge.deadline == dt.date(2030, 11, 14)
    assert load_scenario("switzerland-2025-11-framework").pledge.deadline == dt.date(2028, 12, 31)


# Japan on 2026-12-01: in force `pharma_232`, its twin `pharma_232_no_deal`. Only two lines differ
# between them (every other line has the same rate under both, line by line in the file):
#   autos_parts     $56.479bn, MFN 2.5%: without the deal 2.5% + 25% = 27.5%;
#                   with it max(15%, 2.5%) = 15%        → 56.479 × 0.125 = 7.059875
#   pharma_patented $1.496bn (0.20 × $7.478bn), MFN 0%: 100% without the deal, 15% with it
#                                                          → 1.496 × 0.85 = 1.2716
# Duty saved per year = 7.059875 + 1.2716 = 8.331475 ($bn).
JAPAN_SAVING = 7.059875 + 1.2716


def test_japan_saving_against_the_twin_worked_by_hand() -> None:
    # `dealcalc tariff japan-2026-12-law-in-force` with no options: the as-of pair, twin → in force
    row = _tariff(NEWEST["japan"])
    assert (row["from"], row["to"]) == ("pharma_232_no_deal", "pharma_232")
    assert row["annual_savings_usd_bn"] == pytest.approx(JAPAN_SAVING, abs=1e-9)
    assert row["regime_in_force"] == "pharma_232"
    assert row["as_of"] == "2026-12-01"
    # the years of that saving the $550bn pledge equals: 550 / 8.331475 = 66.01
    assert row["pledge_to_annual_savings"] == pytest.approx(550 / JAPAN_SAVING, abs=1e-9)
