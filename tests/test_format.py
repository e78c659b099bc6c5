"""The format keys of DESIGN §2.1 added in 2026: caveats, assumed figures, dated regimes, project
status and the cap basis reach the typed scenario as written."""

from __future__ import annotations

import datetime as dt

from dealcalc.model import inputs as m
from dealcalc.scenario import load_scenario

from conftest import MINIMAL

TEXT = """\
dealcalc: 1
title: Format test
country: Testland
caveats: [Not legally binding.]
pledge:
  amount: 100 USD bn
  start: 2025-01-01
  deadline: 2029-01-01
  cap_basis: trailing_year
economy:
  gdp: {value: 775 USD bn, assumption: true, note: "IMF projection, not an outturn"}
tariffs:
  regimes:
    threatened: {label: Letter of 2025-07-07}
    pre_deal: {label: 10% baseline, from: 2025-04-05, until: 2025-08-06, note: IEEPA}
    agreed: {label: Deal, from: 2025-08-07}
  lines:
    goods: {exports: 40 USD bn, threatened: 25%, pre_deal: +10%, agreed: 15% floor}
projects:
  - {name: Plant, amount: 5 USD bn, called: 2026-02-17}
  - {name: Reactors, amount: 100 USD bn, called: 2025-10-28, status: interest}
"""


def test_new_format_keys_are_carried(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "f.yaml"
    path.write_text(TEXT, encoding="utf-8")
    s = load_scenario(str(path))
    assert s.caveats == ("Not legally binding.",)
    assert s.provenance["economy.gdp"].assumption is True
    assert s.pledge.cap_basis == "trailing_year"
    assert [p.status for p in s.projects] == ["selected", "interest"]
    assert s.tariffs is not None
    assert s.tariffs.regimes == (
        m.Regime("threatened", "Letter of 2025-07-07"),
        m.Regime("pre_deal", "10% baseline", dt.date(2025, 4, 5), dt.date(2025, 8, 6), None, "IEEPA"),
        m.Regime("agreed", "Deal", dt.date(2025, 8, 7)),
    )


def test_defaults() -> None:
    s = load_scenario("korea-2025-11-mou")
    assert s.pledge.cap_basis == "calendar_year"
    assert all(p.status == "selected" for p in s.projects)
    assert load_scenario(str(MINIMAL)).caveats == ()


def test_a_key_of_non_ascii_digits_is_a_name_not_an_index() -> None:
    from dealcalc.keypath import split_path

    # '²'.isdigit() is true, but int('²') fails: found by the fuzz test on a line named '²'
    assert split_path("tariffs.lines.².exports") == ("tariffs", "lines", "²", "exports")
    assert split_path("pledge.tranches.0.amount") == ("pledge", "tranches", 0, "amount")
