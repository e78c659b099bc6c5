"""The shipped library: valid, sourced, and read with the caveats it states."""

from __future__ import annotations

from typing import Any

import pytest

from dealcalc import compute_burden, compute_outflow, compute_returns, load_scenario
from dealcalc.keypath import dotted
from dealcalc.scenario import load_raw, shipped_names
from dealcalc.scenario.spec import leaf_at

from conftest import run


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict) and "value" not in node:
        return [p for k, v in node.items() for p in _leaves(v, (*path, k))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _leaves(v, (*path, i))]
    return [path]


def test_library_has_at_least_eight_scenarios() -> None:
    assert len(shipped_names()) >= 8


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
    ]:
        assert load_raw(name).files == [f"{parent}.yaml", f"{name}.yaml"]
    t = run("tariff", "korea-2026-02-post-ruling", "--from", "threatened", "--to", "post_ruling", "-f", "csv")
    assert t.exit_code == 0
