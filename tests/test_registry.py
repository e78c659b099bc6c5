"""The metric registry is the one place a metric is declared: every key the model computes has a
record (and every record a key), every record with a formula has its arithmetic, the catalogue
and `dealcalc metrics` read the records, and each view's declared inputs are what its model code
reads — traced by running the model on a recording stand-in for the Scenario."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest

import dealcalc
from dealcalc.catalogue import meta
from dealcalc.keypath import within
from dealcalc.model.inputs import Scenario
from dealcalc.model.metrics import GROUP_KEYS, GROUPS
from dealcalc.registry import BY_KEY, METRICS, docs_page, keys_of_view, markdown_table, metric
from dealcalc.scenario import load_scenario, shipped_names
from dealcalc.views.notes import VIEW_INPUTS
from dealcalc.workings import formula_of
from dealcalc.workings.common import Ctx

from conftest import DATA, run

ROOT = Path(__file__).parent.parent
RETURNS = "returns={cash_yield: 6%, horizon_years: 20, discount_rate: 4%}"
# the sections of a Scenario whose fields a formula reads one by one
SECTIONS = ("pledge", "economy", "trade", "tariffs", "returns", "incidence", "balance")
# Fields the model reads under another name than the file's key path: a tranche's cap is the
# pledge's `annual_cap` (or the tranche's); the surplus is the trade's, given or derived.
HELD_IN = {
    "pledge.tranches.annual_cap": "pledge.annual_cap",
    "pledge.tranches.amount": "pledge.tranches",
    "pledge.tranches.name": "pledge.tranches",
    "pledge.tranches.kind": "pledge.tranches",
    "trade.surplus": "trade",
    "trade.surplus_with_partner": "trade",
}
# The pledge's amount is the sum of its investment tranches: either declares the other.
SAME = {"pledge.amount": "pledge.tranches", "pledge.tranches": "pledge.amount"}
# What a model function reads to name the file in a message, not as an input.
IDENTITY = {"file", "title", "country"}
# What the command gives, not the file: the tariff pair asked for (--as-of, --from, --to), which
# the metric cache's key holds besides the declared inputs (model/metrics._reader).
COMMAND = {"compared"}
# Cited, not read: money in the local currency is converted to USD when the file is loaded, so a
# figure computed from GDP rests on the exchange rate's source, though the model never reads it.
CITED_NOT_READ = {"economy.fx_rate"}


class Recorder:
    """Stands in for a Scenario (or one of its sections, or a tranche): hands out the real values
    and records the key path of every field read."""

    def __init__(self, obj: Any, path: str, reads: set[str]) -> None:
        self._obj, self._path, self._reads = obj, path, reads

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._obj, name)
        if name.startswith("_") or name in IDENTITY or (not self._path and name in COMMAND):
            return value
        path = f"{self._path}.{name}" if self._path else name
        if not self._path and name in SECTIONS and value is not None:
            return Recorder(value, path, self._reads)
        if path in ("pledge.tranches", "pledge.investment"):  # each tranche's fields, as read
            return tuple(Recorder(t, "pledge.tranches", self._reads) for t in value)
        self._reads.add(path)
        return value


def _held(path: str) -> str:
    return HELD_IN.get(path, path)


def _reads(group: str, s: Scenario) -> set[str]:
    reads: set[str] = set()
    with contextlib.suppress(dealcalc.MissingInputError):
        GROUPS[group](Recorder(s, "", reads))  # type: ignore[arg-type]
    return {_held(p) for p in reads}


def _covered(path: str, by: set[str]) -> bool:
    return any(within(path, d) for d in by)


FILES = [*shipped_names(), *(str(DATA / f) for f in ("minimal.yaml", "progress.yaml", "timeline.yaml"))]


@pytest.fixture(scope="module")
def scenarios() -> list[Scenario]:
    return [load_scenario(f, [RETURNS]) for f in FILES]


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_a_views_declared_inputs_are_what_its_model_reads(group: str, scenarios: list[Scenario]) -> None:
    """Every field the model reads for a view is declared by one of its metrics (so its source is
    named under the table and a change of it invalidates the metric cache), and every declared
    input is read (or only cited, as the exchange rate is)."""
    declared = {_held(p) for p in VIEW_INPUTS[group]}
    read: set[str] = set()
    for s in scenarios:
        read |= _reads(group, s)
    assert sorted(p for p in read if not _covered(p, declared)) == []
    read |= {SAME[p] for p in read if p in SAME}
    unread = {p for p in declared if not any(within(r, p) or within(p, r) for r in read)}
    assert unread <= CITED_NOT_READ


# Explanations that run a whole model function to show one figure of it, and so read more than
# that figure rests on (the view's check above holds them to the model's reads all the same).
EXPLAINED_FROM_A_WHOLE_RESULT = {
    "invested_usd_bn",  # the waterfall (which reads the profit split) for the capital it deploys
    "capital_pv_usd_bn",  # likewise
    "calls_after_deadline",  # the call schedule, for the due dates
    "snapback_exposure_usd_bn",  # compute_tariff, for the as-of pair and its duties
}


def test_a_metrics_declared_inputs_cover_what_its_explanation_reads(scenarios: list[Scenario]) -> None:
    """Per metric: every field its --explain arithmetic reads is among its record's inputs (so
    `compare -m KEY` names the assumed figures it rests on, and --explain cites their sources)."""
    missing: dict[str, set[str]] = {}
    for s in scenarios:
        for compute in GROUPS.values():
            try:
                values = compute(s)
            except dealcalc.MissingInputError:
                continue
            for key in values:
                found = formula_of(key)
                m = metric(key)
                if found is None or m is None or key in EXPLAINED_FROM_A_WHOLE_RESULT:
                    continue
                reads: set[str] = set()
                found[1](Ctx(Recorder(s, "", reads), values))  # type: ignore[arg-type]
                declared = {_held(p) for p in m.inputs}
                gaps = {_held(p) for p in reads} - {p for p in map(_held, reads) if _covered(p, declared)}
                if gaps:
                    missing.setdefault(key, set()).update(gaps)
    assert missing == {}


def test_the_recorder_sees_a_field_the_registry_does_not_declare(scenarios: list[Scenario]) -> None:
    """The check above would fail if a metric's formula read a field its record leaves out."""
    declared = {_held(p) for p in VIEW_INPUTS["tariff"]} - {"trade.exports_to_partner"}
    read = set().union(*(_reads("tariff", s) for s in scenarios))
    assert [p for p in read if not _covered(p, declared)] == ["trade.exports_to_partner"]


def test_every_metric_of_the_model_has_a_record_and_every_record_a_metric() -> None:
    for group, keys in GROUP_KEYS.items():
        assert sorted(keys_of_view(group)) == sorted(keys), group
    views = {v for m in METRICS for v in m.views}
    assert views == {*GROUP_KEYS, "compare"}


def test_every_record_with_a_formula_has_its_arithmetic() -> None:
    for m in METRICS:
        key = m.key.replace("<regime>", "agreed")
        assert (formula_of(key) is not None) == bool(m.formula), m.key


def test_labels_and_kinds_come_from_the_records() -> None:
    for m in METRICS:
        if "<regime>" not in m.key:
            assert tuple(meta(m.key)) == (m.label, m.short, m.kind)
    assert tuple(meta("duty_agreed_usd_bn")) == ("Duty under agreed", "Duty agreed $bn", "usd_bn_yr")
    # a timeline column that looks like a regime's duty is not one
    assert meta("duty_period_usd_bn").label == "Duty in the period"
    assert metric("pledge_to_gdp") is BY_KEY["pledge_to_gdp"] and metric("scenario") is None


def test_the_metrics_command_lists_every_record() -> None:
    rows = json.loads(run("metrics", "-f", "json").stdout)
    assert [r["key"] for r in rows] == [m.key for m in METRICS]
    (row,) = [r for r in rows if r["key"] == "pledge_to_gdp"]
    meaning = "Pledge / GDP: P / gdp"
    assert row == {"key": "pledge_to_gdp", "unit": "fraction", "view": "burden", "meaning": meaning}


def test_the_tariff_table_names_the_source_of_the_exports_its_coverage_reads() -> None:
    """Korea's tariff table shows tariff coverage = Σ line exports / trade.exports_to_partner;
    its Sources name that figure's source (they did not)."""
    korea = load_scenario("korea-2025-11-mou")
    source = korea.provenance["trade.exports_to_partner"].source
    assert source == "get-trade"
    out = run("tariff", "korea-2025-11-mou").stdout
    assert "Tariff lines / exports to partner" in out
    title = korea.sources["get-trade"].title
    assert f"  [get-trade] {title}" in out


def test_the_docs_metric_table_is_generated_from_the_registry() -> None:
    table = markdown_table()
    assert table.splitlines()[2] == (
        "| `pledge_usd_bn` | burden | USD bn | Pledge (investment): P = Σ investment tranches | "
        "`pledge.amount`, `pledge.tranches` |"
    )
    assert len(table.splitlines()) == 2 + len(METRICS)


def test_the_docs_metric_page_is_current() -> None:
    """docs/metrics.md is generated from the registry (`python -m dealcalc.registry`)."""
    assert (ROOT / "docs" / "metrics.md").read_text(encoding="utf-8") == docs_page()
