"""`dealcalc balance`: the two ledgers of the deal side by side, in present value (DESIGN §3.5b)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dealcalc.blocks import Block
from dealcalc.model.inputs import Scenario
from dealcalc.render import escape_field, format_value
from dealcalc.views.notes import VIEW_INPUTS, _keys, scenario_notes
from dealcalc.views.tables import _metric_block

if TYPE_CHECKING:
    from dealcalc.model.balance import BalanceResult
    from dealcalc.model.timeline import TwinSpan


def balance_blocks(
    scenarios: list[Scenario],
    results: Sequence[BalanceResult],
    ends: Sequence[dt.date],
    last_spans: Sequence[TwinSpan],
) -> tuple[list[Block], Block]:
    """The two ledgers side by side (a table per scenario: pledging country | US) and the block of
    one row per scenario that JSON and CSV carry; `ends`: each horizon's last day, `last_spans`:
    the stretch of days under one regime that the horizon ends in."""
    data = _metric_block(
        "Deal balance in present value",
        scenarios,
        [r._asdict() for r in results],
        VIEW_INPUTS["balance"],
        [
            "Discounted to the pledge's start at returns.discount_rate. The regimes in force last run to the "
            "horizon. No residual value of the assets; the investment the US receives is in neither net.",
        ],
    )
    tables = []
    for s, r, end, last in zip(scenarios, results, ends, last_spans, strict=True):
        assert s.returns is not None  # compute_balance needs it
        pledger = {
            "ledger_tariff": r.pledger_tariff_gain_pv_usd_bn,
            "ledger_capital": -r.capital_pv_usd_bn,
            "ledger_receipts": r.pledger_receipts_pv_usd_bn,
            "ledger_net": r.pledger_net_pv_usd_bn,
            "ledger_break_even": r.pledger_break_even_year,
        }
        us = {
            "ledger_tariff": r.us_buyers_gain_pv_usd_bn,
            "ledger_duty": -r.us_duty_forgone_pv_usd_bn,
            "ledger_receipts": r.us_receipts_pv_usd_bn,
            "ledger_net": r.us_net_pv_usd_bn,
            "ledger_investment": r.investment_received_pv_usd_bn,
        }
        never = (
            [f"{s.country} does not break even within the {r.horizon_years} years (shown as —)."]
            if r.pledger_break_even_year is None
            else []
        )
        notes = [
            f"Present values at {s.returns.discount_rate * 100:g}% a year, to the start "
            f"({s.pledge.start}), over {r.horizon_years} years to {end}.",
            "Tariff saved against the without-deal twin, day by day: "
            f"{format_value('usd_bn', r.tariff_saved_pv_usd_bn)}; {s.country}'s exporters keep "
            f"{r.exporter_share * 100:g}% of it (they bear that share of a tariff), US buyers the rest.",
            f"The saving under {_last_regime(s, last)} is assumed to run to the horizon.",
            "No residual value: what the assets are worth at the horizon is in neither net. The investment "
            "the US receives is shown apart, not summed into a net.",
            *never,
        ]
        tables.append(
            Block(
                f"Deal balance: {s.title}",
                [
                    "ledger_tariff",
                    "ledger_duty",
                    "ledger_capital",
                    "ledger_receipts",
                    "ledger_net",
                    "ledger_investment",
                    "ledger_break_even",
                ],
                [pledger, us],
                layout="metrics",
                notes=notes + scenario_notes([s], VIEW_INPUTS["balance"], _keys("balance")),
                headers=[s.country, s.partner],
            )
        )
    return tables, data


def _last_regime(s: Scenario, last: TwinSpan) -> str:
    """The regime in force on the horizon's last day (`last`: the span it ends), by its label, and
    since when."""
    regimes = {r.name: r for r in s.tariffs.regimes} if s.tariffs is not None else {}
    regime = regimes.get(last.regime)
    name = "MFN" if regime is None else regime.label or regime.name
    since = regime.start if regime is not None and regime.start is not None else last.first
    return f"{escape_field(name)} (in force from {since})"
