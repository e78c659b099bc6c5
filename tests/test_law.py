"""The law in force (DESIGN §3.3b, issue 19): the without-deal twin, paid and projected duty, duty by
legal authority. tests/data/law.yaml is worked by hand here, day counts included."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest
import yaml

from dealcalc.model import inputs as m
from dealcalc.scenario import load_scenario

from conftest import DATA, run

LAW = DATA / "law.yaml"


# --- the format ----------------------------------------------------------------------------------


def test_twins_authorities_and_line_authority_are_read() -> None:
    s = load_scenario(str(LAW))
    assert s.tariffs is not None
    twins = {r.name: r.without_deal for r in s.tariffs.regimes}
    assert twins == {
        "threatened": None,
        "pre_deal": None,
        "agreed": "threatened",
        "sec122": "sec122_no_deal",
        "sec122_no_deal": None,
        "after_122": "no_deal",
        "no_deal": None,
    }
    assert s.tariffs.authorities == {
        "ieepa": m.Authority("void", dt.date(2026, 2, 20), None, "voided by the Supreme Court"),
        "s122": m.Authority("contested", dt.date(2026, 5, 7)),
        "s232": m.Authority("in_force"),
        "s301": m.Authority("in_force"),
    }
    autos, other = s.tariffs.lines
    assert autos.authority == "s232"
    assert [autos.authority_under(r) for r in ("agreed", "sec122")] == ["s232", "s232"]
    assert [other.authority_under(r) for r in ("agreed", "sec122", "after_122")] == ["ieepa", "s122", "s301"]
    # a regime the map leaves out, and a line without `authority:`, are under MFN
    assert other.authority_under("sec122_no_deal") == "mfn"
    assert other._replace(authority="mfn").authority_under("agreed") == "mfn"


def test_a_line_without_authority_needs_no_authorities(write) -> None:  # type: ignore[no-untyped-def]
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    assert "authorit" not in text
    s = load_scenario(write("m.yaml", text))
    assert s.tariffs is not None and s.tariffs.authorities == {}
    assert all(ln.authority == "mfn" for ln in s.tariffs.lines)


def test_schema_accepts_the_new_fields_and_refuses_a_bad_authority() -> None:
    result = run("schema")
    document = json.loads(result.stdout)
    validator = jsonschema.validators.validator_for(document)(document)
    doc: Any = yaml.safe_load(LAW.read_text(encoding="utf-8"))
    doc = json.loads(json.dumps(doc, default=str))  # dates as text, as an editor hands them over
    validator.validate(doc)
    doc["tariffs"]["lines"]["autos"]["authority"] = "section232"
    assert not validator.is_valid(doc)
    doc["tariffs"]["lines"]["autos"]["authority"] = {"agreed": "s232"}
    validator.validate(doc)
    doc["tariffs"]["authorities"]["s232"] = {"status": "struck"}
    assert not validator.is_valid(doc)
    doc["tariffs"]["authorities"]["s232"] = {"since": "2026-01-01"}  # status is required
    assert not validator.is_valid(doc)
    doc["tariffs"]["authorities"]["s232"] = {"status": "in_force"}
    doc["tariffs"]["regimes"]["agreed"]["without_deal"] = 3
    assert not validator.is_valid(doc)


def test_a_set_can_name_a_twin_and_is_validated_like_the_file() -> None:
    result = run("validate", str(LAW), "--set", "tariffs.regimes.agreed.without_deal=in_force")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "tariffs.regimes.agreed.without_deal: 'in_force' is a word of --from/--to, not a regime; "
        "name the regime that would apply without the deal (e.g. threatened)\n"
    )


# --- the twin, paid and projected, worked by hand -------------------------------------------------
#
# tests/data/law.yaml: start 2025-01-01, deadline 2028-01-01, as_of 2026-10-01. Static (no
# elasticity), so duty per year under a regime = Σ exports × rate:
#   autos 40 (MFN 2.5%)   other 60 (MFN 0%)
#   mfn            40 × 2.5% = 1   + 0                  = 1
#   threatened     40 × 25%  = 10  + 60 × (0 + 25%) = 15 = 25
#   pre_deal       10              + 60 × (0 + 10%) = 6  = 16
#   agreed         40 × 15%  = 6   + 60 × 15%       = 9  = 15
#   sec122         6               + 60 × (0 + 10%) = 6  = 12
#   sec122_no_deal 10              + 60 × 10%       = 6  = 16
#   after_122      6               + 9                   = 15
#   no_deal        10              + 60 × 20%       = 12 = 22
# The days, each regime's twin (a regime without without_deal, and the MFN gap, is its own):
#   mfn        2025-01-01..2025-04-04   31 + 28 + 31 + 4       =  94 d, twin mfn
#   pre_deal   2025-04-05..2025-08-06   26 + 31 + 30 + 31 + 6  = 124 d, twin pre_deal
#   agreed     2025-08-07..2026-02-23   25 + 30 + 31 + 30 + 31 + 31 + 23 = 201 d, twin threatened
#   sec122     2026-02-24..2026-07-23   5 + 31 + 30 + 31 + 30 + 23 = 150 d, twin sec122_no_deal
#   after_122  2026-07-24..2026-09-30   8 + 31 + 30            =  69 d paid, twin no_deal
#   after_122  2026-10-01..2027-12-31   31 + 30 + 31 + 365     = 457 d projected
#   94 + 124 + 201 + 150 + 69 + 457 = 1,095 = 3 × 365 days from start to the day before the deadline.
DAY = 365.25
PAID = (94 * 1 + 124 * 16 + 201 * 15 + 150 * 12 + 69 * 15) / DAY  # 7,928 / 365.25
TWIN_PAID = (94 * 1 + 124 * 16 + 201 * 25 + 150 * 16 + 69 * 22) / DAY  # 11,021 / 365.25
PROJECTED = 457 * 15 / DAY  # 6,855 / 365.25
TWIN_PROJECTED = 457 * 22 / DAY  # 10,054 / 365.25


def _row(*args: str) -> dict[str, Any]:
    result = run("tariff", str(LAW), "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    (row,) = json.loads(result.stdout)
    return row  # type: ignore[no-any-return]


def test_hand_sums() -> None:
    assert 94 + 124 + 201 + 150 + 69 + 457 == 3 * 365
    assert (94 + 1984 + 3015 + 1800 + 1035, 94 + 1984 + 5025 + 2400 + 1518) == (7928, 11021)
    assert (dt.date(2026, 10, 1) - dt.date(2026, 7, 24)).days == 69
    assert (dt.date(2028, 1, 1) - dt.date(2026, 10, 1)).days == 457


def test_the_as_of_pair_is_the_twin_of_the_regime_in_force() -> None:
    row = _row()
    assert (row["regime_in_force"], row["from"], row["to"]) == ("after_122", "no_deal", "after_122")
    assert (row["from_label"], row["to_label"]) == (
        "Section 232 and 301 without the deal",
        "After Section 122",
    )
    assert row["counterfactual"] == "without_deal"
    assert row["annual_savings_usd_bn"] == pytest.approx(22 - 15)  # no_deal 22 − after_122 15
    assert row["pledge_to_annual_savings"] == pytest.approx(100 / 7)
    assert row["extra_duty_vs_mfn_usd_bn"] == pytest.approx(15 - 1)
    # "if the as-of pair held from start to deadline": 7 × 1,095 / 365.25
    assert row["savings_to_deadline_usd_bn"] == pytest.approx(7 * 1095 / DAY)


def test_to_date_and_projected_duty_and_savings() -> None:
    row = _row()
    assert row["duty_paid_to_date_usd_bn"] == pytest.approx(PAID)  # 21.706
    assert row["savings_to_date_usd_bn"] == pytest.approx(TWIN_PAID - PAID)  # 3,093 / 365.25 = 8.468
    assert row["duty_projected_usd_bn"] == pytest.approx(PROJECTED)  # 18.768
    assert row["savings_projected_usd_bn"] == pytest.approx(457 * 7 / DAY)  # 8.758
    assert row["duty_to_deadline_usd_bn"] == pytest.approx(PAID + PROJECTED)
    assert row["savings_to_deadline_timeline_usd_bn"] == pytest.approx(
        TWIN_PAID + TWIN_PROJECTED - PAID - PROJECTED
    )


def test_the_split_timeline_rows() -> None:
    result = run("tariff", str(LAW), "--timeline", "-f", "json")
    rows = json.loads(result.stdout)
    expected = [
        # from, until, regime, status, days, duty/yr in force, duty/yr of the twin
        ("2025-01-01", "2025-04-04", "mfn", "paid", 94, 1, 1),
        ("2025-04-05", "2025-08-06", "pre_deal", "paid", 124, 16, 16),
        ("2025-08-07", "2026-02-23", "agreed", "paid", 201, 15, 25),
        ("2026-02-24", "2026-07-23", "sec122", "paid", 150, 12, 16),
        ("2026-07-24", "2026-09-30", "after_122", "paid", 69, 15, 22),
        ("2026-10-01", "2027-12-31", "after_122", "projected", 457, 15, 22),
    ]
    assert [(r["from"], r["until"], r["regime"], r["status"], r["days"]) for r in rows] == [
        e[:5] for e in expected
    ]
    for r, (*_, days, duty, twin) in zip(rows, expected, strict=True):
        assert r["duty_period_usd_bn"] == pytest.approx(duty * days / DAY)
        assert r["duty_counterfactual_usd_bn"] == pytest.approx(twin * days / DAY)
        assert r["savings_usd_bn"] == pytest.approx((twin - duty) * days / DAY)


def test_a_named_from_is_held_throughout() -> None:
    row = _row("--from", "threatened")
    # the pair: threatened 25 → the regime in force, after_122 15
    assert (row["from"], row["to"], row["counterfactual"]) == ("threatened", "after_122", "threatened")
    assert row["annual_savings_usd_bn"] == pytest.approx(10)
    assert row["savings_to_date_usd_bn"] == pytest.approx(638 * 25 / DAY - PAID)  # 94+124+201+150+69 = 638 d
    rows = json.loads(run("tariff", str(LAW), "--timeline", "--from", "threatened", "-f", "json").stdout)
    assert [r["duty_counterfactual_usd_bn"] for r in rows] == pytest.approx(
        [25 * r["days"] / DAY for r in rows]
    )


def test_a_named_to_has_its_own_twin() -> None:
    row = _row("--to", "sec122")
    assert (row["from"], row["to"]) == ("sec122_no_deal", "sec122")
    assert row["annual_savings_usd_bn"] == pytest.approx(16 - 12)
    row = _row("--to", "pre_deal")  # no without_deal: its own twin
    assert (row["from"], row["to"], row["annual_savings_usd_bn"]) == ("pre_deal", "pre_deal", 0.0)


def test_another_as_of_date_takes_another_pair() -> None:
    row = _row("--as-of", "2025-12-01")
    assert (row["regime_in_force"], row["from"], row["to"]) == ("agreed", "threatened", "agreed")
    assert row["annual_savings_usd_bn"] == pytest.approx(25 - 15)
    # paid: 94 + 124 days, then agreed from 2025-08-07 to 2025-11-30: 25 + 30 + 31 + 30 = 116 d
    paid = (94 * 1 + 124 * 16 + 116 * 15) / DAY
    assert row["duty_paid_to_date_usd_bn"] == pytest.approx(paid)
    assert row["savings_to_date_usd_bn"] == pytest.approx(116 * (25 - 15) / DAY)


def test_the_table_names_the_pair_in_words_and_splits_the_totals() -> None:
    out = " ".join(run("tariff", str(LAW)).stdout.split())
    assert (
        "Duty saved per year on 2026-10-01: without the deal (Section 232 and 301 without the deal "
        "[no_deal]) → in force (After Section 122 [after_122])." in out
    )
    out = " ".join(run("tariff", str(LAW), "--timeline").stdout.split())
    # paid 21.706 against 30.174 (11,021 / 365.25), saved 8.468; projected 18.768 against 27.526, saved 8.758
    assert (
        "Totals 2025-01-01 to 2027-12-31 (1,095 days): paid to date $21.7 bn (without the deal $30.2 bn, "
        "saved $8.47 bn); projected $18.8 bn (without the deal $27.5 bn, saved $8.76 bn). "
        "Days before 2026-10-01 are paid; from it on, projected as the file dates the regimes." in out
    )
    assert out.startswith("Duty period by period, against the without-deal twin of each day: ")


def test_the_words_need_an_as_of_date_and_their_own_side() -> None:
    result = run("tariff", str(LAW), "--set", "as_of=null", "--from", "without_deal")
    assert (result.exit_code, result.stderr) == (
        2,
        f"{LAW}: 'without_deal' is taken on the as-of date, and the file has no as-of date; "
        "give the file an as_of, or an as-of date\n",
    )
    # without an as-of date the defaults are threatened → agreed
    row = _row("--set", "as_of=null")
    assert (row["from"], row["to"], row["annual_savings_usd_bn"]) == (
        "threatened",
        "agreed",
        pytest.approx(10),
    )
    result = run("tariff", str(LAW), "--from", "in_force")
    assert (result.exit_code, result.stderr) == (
        2,
        f"{LAW}: 'in_force' is on the wrong side: the regime compared from may be 'without_deal', "
        "the regime compared to 'in_force'\n",
    )
    result = run("tariff", str(DATA / "minimal.yaml"), "--to", "in_force")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "'in_force' is taken on the as-of date, and the file has no dated regimes ('from' dates); "
        "name the regimes to compare\n"
    )


# --- duty by legal authority --------------------------------------------------------------------
# Above-MFN duty per year, X × (r − mfn), by the authority of each line under each regime:
#   autos (s232, in force throughout): never refundable nor contested.
#   other, MFN 0%: pre_deal 60 × 10% = 6 (ieepa, void); agreed 60 × 15% = 9 (ieepa, void);
#                  sec122 60 × 10% = 6 (s122, contested); after_122 60 × 15% = 9 (s301, in force).
# Paid days: refundable 124 × 6 + 201 × 9 = 744 + 1,809 = 2,553; contested 150 × 6 = 900.


def test_refundable_and_contested_to_date() -> None:
    row = _row()
    assert row["duty_refundable_to_date_usd_bn"] == pytest.approx(2553 / DAY)  # 6.990
    assert row["duty_contested_to_date_usd_bn"] == pytest.approx(900 / DAY)  # 2.464
    rows = json.loads(run("tariff", str(LAW), "--timeline", "-f", "json").stdout)
    assert [(r["regime"], r["status"]) for r in rows if r["duty_refundable_usd_bn"]] == [
        ("pre_deal", "paid"),
        ("agreed", "paid"),
    ]
    assert [r["duty_refundable_usd_bn"] for r in rows] == pytest.approx([0, 744 / DAY, 1809 / DAY, 0, 0, 0])
    assert [r["duty_contested_usd_bn"] for r in rows] == pytest.approx([0, 0, 0, 900 / DAY, 0, 0])
    # an earlier as-of date: paid to 2025-12-01, so 124 pre_deal days and 116 agreed days
    row = _row("--as-of", "2025-12-01")
    assert row["duty_refundable_to_date_usd_bn"] == pytest.approx((124 * 6 + 116 * 9) / DAY)
    assert row["duty_contested_to_date_usd_bn"] == 0


def test_the_table_says_how_much_of_the_duty_paid_is_refundable_or_contested() -> None:
    out = run("tariff", str(LAW)).stdout
    lines = out.splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith(" Duty paid, start to as-of date"))
    # the two rows right under it, label and value (the table pads between them)
    assert " ".join(lines[i + 1].split()) == "of which refundable (void authority) $6.99 bn"
    assert " ".join(lines[i + 2].split()) == "of which contested (contested authority) $2.46 bn"
    assert (
        "Of the duty paid to date ($21.7 bn), $6.99 bn is refundable (IEEPA, void since 2026-02-20) and "
        "$2.46 bn is contested (Section 122, contested since 2026-05-07)." in " ".join(out.split())
    )


def test_an_authority_in_force_refunds_nothing() -> None:
    row = _row(
        "--set",
        "tariffs.authorities.ieepa.status=in_force",
        "--set",
        "tariffs.authorities.s122.status=in_force",
    )
    assert (row["duty_refundable_to_date_usd_bn"], row["duty_contested_to_date_usd_bn"]) == (0, 0)
    assert (
        "Of the duty paid to date"
        not in run(
            "tariff",
            str(LAW),
            "--set",
            "tariffs.authorities.ieepa.status=in_force",
            "--set",
            "tariffs.authorities.s122.status=in_force",
        ).stdout
    )


# --- freshness and reach -------------------------------------------------------------------------


def test_a_later_as_of_date_says_the_facts_are_older() -> None:
    note = "law: facts as of 2026-10-01; later dates assume nothing changed."
    assert note in run("tariff", str(LAW), "--as-of", "2027-03-01").stdout
    assert "facts as of" not in run("tariff", str(LAW)).stdout
    assert "facts as of" not in run("tariff", str(LAW), "--as-of", "2026-01-01").stdout
    assert note in run("compare", str(LAW), "--as-of", "2027-03-01").stdout


def test_list_marks_the_newest_file_of_each_country() -> None:
    from dealcalc.scenario import load_scenario, shipped_names

    rows = json.loads(run("list", "-f", "json").stdout)
    assert {"as_of", "newest"} <= set(rows[0])
    newest: dict[str, tuple[str, str]] = {}
    for name in shipped_names():  # worked out here from the files' own country and as_of
        s = load_scenario(name)
        newest[s.country] = max(newest.get(s.country, ("", "")), (str(s.as_of), name))
    assert sorted(r["name"] for r in rows if r["newest"]) == sorted(n for _, n in newest.values())
    assert len([r for r in rows if r["newest"]]) == len({r["country"] for r in rows})
    latest = json.loads(run("compare", "--latest", "-f", "json").stdout)
    assert sorted(r["file"] for r in latest) == sorted(f"{n}.yaml" for _, n in newest.values())


def test_compare_latest_takes_set() -> None:
    """`compare --latest --set` applies the override to each country's newest file, once (it
    was refused, exit 2, with the API's message about a loaded scenario): a GDP of 1,000 USD bn
    makes Pledge / GDP the pledge in thousands of USD bn: 600, 550, 350, 200 and 500."""
    gdp = "economy.gdp=1,000 USD bn"
    result = run("compare", "--latest", "--set", gdp, "-m", "pledge_to_gdp", "-f", "json")
    assert result.exit_code == 0, result.stderr
    rows = {r["file"].split("-")[0]: r for r in json.loads(result.stdout)}
    assert {k: r["pledge_to_gdp"] for k, r in rows.items()} == pytest.approx(
        {"eu": 0.6, "japan": 0.55, "korea": 0.35, "switzerland": 0.2, "taiwan": 0.5}, rel=1e-12
    )
    assert [r["overrides"] for r in rows.values()] == [[gdp]] * 5


def test_compare_calls_and_the_analyses_take_the_pair() -> None:
    import dealcalc

    # compare: the default pair on each file's as-of date, or the one named
    row = json.loads(run("compare", str(LAW), "-m", "annual_savings_usd_bn", "-f", "json").stdout)[0]
    assert row["annual_savings_usd_bn"] == pytest.approx(7)  # no_deal 22 − after_122 15
    args = ("-m", "annual_savings_usd_bn", "--as-of", "2025-12-01", "-f", "json")
    assert json.loads(run("compare", str(LAW), *args).stdout)[0]["annual_savings_usd_bn"] == pytest.approx(10)
    named = ("--from", "sec122_no_deal", "--to", "sec122", "-f", "json")
    assert json.loads(run("compare", str(LAW), "-m", "annual_savings_usd_bn", *named).stdout)[0][
        "annual_savings_usd_bn"
    ] == pytest.approx(16 - 12)
    # calls: the duty at stake is the as-of pair's saving (DESIGN §3.5)
    project = ["projects=[{name: Plant, amount: 5 USD bn, called: 2026-03-01}]"]
    assert dealcalc.calls(str(LAW), overrides=project)[0]["snapback_exposure_usd_bn"] == pytest.approx(7)
    calls = dealcalc.calls(str(LAW), overrides=project, as_of="2026-03-01")  # sec122 in force, its twin
    assert calls[0]["snapback_exposure_usd_bn"] == pytest.approx(16 - 12)
    result = run("calls", str(LAW), "--set", project[0], "--from", "threatened", "-f", "json")
    assert json.loads(result.stdout)[0]["snapback_exposure_usd_bn"] == pytest.approx(25 - 15)
    # sensitivity and simulate compute the pair asked for
    rows = dealcalc.sensitivity(str(LAW), "annual_savings_usd_bn", as_of="2025-12-01")
    assert rows[0]["metric_base"] == pytest.approx(10)
    rows = dealcalc.sensitivity(str(LAW), "annual_savings_usd_bn", from_regime="threatened")
    assert rows[0]["metric_base"] == pytest.approx(25 - 15)  # threatened → after_122
    swept = dealcalc.sweep(
        str(LAW), "tariffs.lines.autos.no_deal=25%:35%:10%", metrics=["annual_savings_usd_bn"]
    )
    # no_deal autos 25% → 35%: 40 × 10% = 4 more a year without the deal
    assert [r["annual_savings_usd_bn"] for r in swept] == pytest.approx([7, 11])
    with_threat = dealcalc.sweep(
        str(LAW),
        "tariffs.lines.autos.no_deal=25%:35%:10%",
        metrics=["annual_savings_usd_bn"],
        from_regime="threatened",
    )
    assert [r["annual_savings_usd_bn"] for r in with_threat] == pytest.approx([10, 10])


def test_tables_name_regimes_by_their_labels() -> None:
    out = run("tariff", str(LAW)).stdout
    assert " Duty under Section 122 without the deal [sec122_no_deal] " in out
    assert " Duty under MFN " in out and " Effective rate, Deal rates [agreed] " in out
    timeline = run("tariff", str(LAW), "--timeline").stdout
    assert " 2026-02-24  2026-07-23  Section 122  " in timeline and " sec122 " not in timeline
    rows = json.loads(run("tariff", str(LAW), "--timeline", "-f", "json").stdout)
    assert [(r["regime"], r["regime_label"]) for r in rows[:3]] == [
        ("mfn", "MFN"),
        ("pre_deal", "10% baseline"),
        ("agreed", "Deal rates"),
    ]
    regimes = json.loads(run("tariff", str(LAW), "--regimes", "-f", "json").stdout)
    assert {r["regime"]: r["regime_label"] for r in regimes}[
        "no_deal"
    ] == "Section 232 and 301 without the deal"


def test_a_regime_labelled_differently_by_two_files_keeps_its_key(tmp_path: Any) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(
        LAW.read_text(encoding="utf-8").replace('label: "Deal rates"', 'label: "MOU"'), encoding="utf-8"
    )
    out = run("tariff", str(LAW), str(other)).stdout
    assert " Duty under agreed " in out and "Deal rates" not in out and "MOU" not in out


def test_explain_takes_the_pair_on_calls_and_compare() -> None:
    import dealcalc

    project = ["projects=[{name: Plant, amount: 5 USD bn, called: 2026-03-01}]"]
    rows = dealcalc.explain(str(LAW), view="calls", overrides=project, as_of="2026-03-01")
    (snap,) = [r for r in rows if r["metric"] == "snapback_exposure_usd_bn"]
    assert snap["value"] == pytest.approx(16 - 12)  # sec122_no_deal → sec122 on 2026-03-01
    rows = dealcalc.explain(
        str(LAW), view="compare", metrics=["annual_savings_usd_bn"], from_regime="threatened"
    )
    assert [r["value"] for r in rows if r["metric"] == "annual_savings_usd_bn"] == [pytest.approx(10)]
