"""The law in force (DESIGN §3.3b, issue 19): the without-deal twin, paid and projected duty, duty by
legal authority. tests/data/law.yaml is worked by hand here, day counts included."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
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
