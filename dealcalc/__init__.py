"""dealcalc — a calculator for investment-for-tariff-relief deals.

Library use (no CLI needed)::

    from dealcalc import load_scenario, compute_burden
    s = load_scenario("korea-2025-11-mou")
    compute_burden(s).pledge_to_gdp
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "compute_burden",
    "compute_calls",
    "compute_outflow",
    "compute_returns",
    "compute_tariff",
    "load_scenario",
]

if TYPE_CHECKING:
    from dealcalc.model.burden import compute_burden
    from dealcalc.model.calls import compute_calls
    from dealcalc.model.outflow import compute_outflow
    from dealcalc.model.returns import compute_returns
    from dealcalc.model.tariff import compute_tariff
    from dealcalc.scenario import load_scenario

# Imported on first use: `dealcalc burden` should not pay for what it does not run.
_LAZY = {
    "load_scenario": "dealcalc.scenario",
    "compute_burden": "dealcalc.model.burden",
    "compute_outflow": "dealcalc.model.outflow",
    "compute_tariff": "dealcalc.model.tariff",
    "compute_returns": "dealcalc.model.returns",
    "compute_calls": "dealcalc.model.calls",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'dealcalc' has no attribute {name!r}")
