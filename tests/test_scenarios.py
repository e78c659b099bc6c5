"""The shipped library: valid, sourced, and read with the caveats it states."""

from __future__ import annotations

from typing import Any

import pytest

from dealcalc import compute_burden, compute_outflow, compute_returns, load_scenario
from dealcalc.keypath import dotted
from dealcalc.model.inputs import Tariffs
from dealcalc.model.tariff import compute_tariff_lines
from dealcalc.scenario import load_raw, shipped_names
from dealcalc.scenario.spec import leaf_at

from conftest import run


def _tariffs(name: str) -> Tariffs:
    tariffs = load_scenario(name).tariffs
    assert tariffs is not None
    return tariffs


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict) and "value" not in node:
        return [p for k, v in node.items() for p in _leaves(v, (*path, k))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _leaves(v, (*path, i))]
    return [path]


def test_library_has_at_least_fourteen_scenarios() -> None:
    assert len(shipped_names()) >= 14


@pytest.mark.parametrize("name", shipped_names())
def test_tariff_lines_cover_every_good_and_a_regime_is_dated(name: str) -> None:
    """DESIGN §5: lines sum to exports to the partner within 2%; at least one dated regime."""
    s = load_scenario(name)
    assert s.tariffs is not None and s.trade.exports_to_partner
    coverage = sum(line.exports for line in s.tariffs.lines) / s.trade.exports_to_partner
    assert 0.98 <= coverage <= 1.02
    assert any(r.start is not None for r in s.tariffs.regimes)


@pytest.mark.parametrize("name", shipped_names())
def test_one_regime_vocabulary(name: str) -> None:
    names = {r.name for r in _tariffs(name).regimes}
    assert {"threatened", "agreed"} <= names
    assert names <= {
        "threatened",
        "pre_deal",
        "interim",
        "autos_cut",
        "country_rate",
        "agreed",
        "sec122",
        "after_122",
        # the late-2026 files (DESIGN §5 "Late 2026"): a regime per change in the law, each with its
        # undated without-deal twin
        "pre_deal_50",
        "country_rate_semis",
        "sec122_metals",
        "pharma_232",
        "sec122_no_deal",
        "sec122_metals_no_deal",
        "after_122_no_deal",
        "pharma_232_no_deal",
    }


@pytest.mark.parametrize("name", shipped_names())
def test_assumed_tariff_shares_have_a_range_for_simulate(name: str) -> None:
    s = load_scenario(name)
    assumed = [
        ln.name for ln in _tariffs(name).lines if s.provenance[f"tariffs.lines.{ln.name}.exports"].assumption
    ]
    assert assumed
    assert any(f"tariffs.lines.{n}.exports" in s.uncertainty for n in assumed)
    assert run("simulate", name, "--runs", "200", "--seed", "1", "-f", "csv").exit_code == 0


@pytest.mark.parametrize("name", shipped_names())
def test_every_figure_is_sourced_or_noted(name: str) -> None:
    raw = load_raw(name).data
    s = load_scenario(name)
    unsourced = []
    for path in _leaves(raw):
        leaf = leaf_at(path)
        if leaf is None or not leaf.fig or path[0] in ("uncertainty",):
            continue
        if path[0] == "projects":
            if not raw["projects"][path[1]].get("source"):
                unsourced.append(dotted(path))
            continue
        prov = s.provenance.get(dotted(path))
        if prov is None or not (prov.source or prov.note):
            unsourced.append(dotted(path))
    assert unsourced == []


@pytest.mark.parametrize("name", shipped_names())
def test_validates(name: str) -> None:
    result = run("validate", name)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"ok: {name}.yaml (")


def test_private_pledges_are_marked_in_the_burden_table() -> None:
    out = run("burden", "eu-2025-08-joint-statement", "switzerland-2025-11-framework", width=200).stdout
    assert "eu-2025-08-joint-statement: a private, non-binding pledge" in out
    assert "switzerland-2025-11-framework: a private, non-binding pledge" in out
    assert "non-binding" not in run("burden", "korea-2025-11-mou").stdout


def test_purchases_stay_out_of_pledge_outflow_and_returns() -> None:
    eu = load_scenario(
        "eu-2025-08-joint-statement", ["returns={cash_yield: 5%, horizon_years: 10, discount_rate: 4%}"]
    )
    b = compute_burden(eu)
    assert (b.pledge_usd_bn, b.purchases_usd_bn) == (600.0, 790.0)
    assert compute_outflow(eu).required_annual_pace_usd_bn * compute_outflow(
        eu
    ).years_available == pytest.approx(600.0)
    assert compute_returns(eu).invested_usd_bn == pytest.approx(600.0)


def test_other_deals_reproduce_reference_ratios() -> None:
    eu, ch, tw = (
        compute_burden(load_scenario(n))
        for n in ("eu-2025-08-joint-statement", "switzerland-2025-11-framework", "taiwan-2026-01-mou")
    )
    assert round(eu.pledge_to_gdp or 0, 3) == 0.031
    assert round(ch.pledge_to_gdp or 0, 3) == 0.206
    assert round(ch.pledge_to_reserves or 0, 3) == 0.221
    assert round(ch.surplus_years or 0, 1) == 5.2
    assert round(tw.pledge_to_gdp or 0, 3) == 0.645
    assert round(tw.pledge_to_reserves or 0, 2) == 0.83


def test_post_ruling_variants_extend_their_parent() -> None:
    for name, parent in [
        ("japan-2026-02-post-ruling", "japan-2025-09-mou"),
        ("korea-2026-02-post-ruling", "korea-2025-11-mou"),
        ("eu-2026-02-post-ruling", "eu-2025-08-joint-statement"),
        ("switzerland-2026-02-post-ruling", "switzerland-2025-11-framework"),
        ("taiwan-2026-02-post-ruling", "taiwan-2026-01-mou"),
    ]:
        assert load_raw(name).files == [f"{parent}.yaml", f"{name}.yaml"]
    for name, parent in [
        ("japan-2026-11-after-122", "japan-2026-02-post-ruling"),
        ("korea-2026-11-after-122", "korea-2026-02-post-ruling"),
        ("eu-2026-11-regulation", "eu-2026-02-post-ruling"),
    ]:
        assert load_raw(name).files[-2:] == [f"{parent}.yaml", f"{name}.yaml"]
    t = run("tariff", "korea-2026-02-post-ruling", "--from", "threatened", "--to", "sec122", "-f", "csv")
    assert t.exit_code == 0


@pytest.mark.parametrize(
    ("name", "parent"),
    [
        ("japan-2026-02-post-ruling", "japan-2025-09-mou"),
        ("korea-2026-02-post-ruling", "korea-2025-11-mou"),
        ("eu-2026-02-post-ruling", "eu-2025-08-joint-statement"),
        ("switzerland-2026-02-post-ruling", "switzerland-2025-11-framework"),
    ],
)
def test_post_ruling_variants_differ_where_the_law_did(name: str, parent: str) -> None:
    """Sec. 122 (MFN + 10%) is not the deal's 15% all-in: the duty on other goods changes."""
    post = {r.line: r.duty_usd_bn for r in compute_tariff_lines(load_scenario(name))}
    assert "sec122" not in {r.name for r in _tariffs(parent).regimes}
    assert post["other"]["sec122"] != pytest.approx(post["other"]["agreed"])
