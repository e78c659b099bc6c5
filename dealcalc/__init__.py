"""dealcalc — a calculator for investment-for-tariff-relief deals.

From Python, one function per command, returning the rows ``-f json`` prints::

    import dealcalc
    dealcalc.compare()                                  # every shipped scenario, a list of dicts
    dealcalc.outflow("korea-2025-11-mou", schedule=True)
    help(dealcalc.sweep)

The functions live in `dealcalc.api` and are imported on first use (PEP 562), so the command
line pays nothing for them at start-up.
"""

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [  # the API (dealcalc.api), its errors, and the typed model for result objects
    "ArgumentError",
    "DealcalcError",
    "MissingInputError",
    "ScenarioError",
    "__version__",
    "balance",
    "burden",
    "calls",
    "compare",
    "compute_burden",
    "compute_calls",
    "compute_outflow",
    "compute_returns",
    "compute_tariff",
    "diff",
    "explain",
    "load",
    "load_scenario",
    "outflow",
    "returns",
    "sensitivity",
    "simulate",
    "sweep",
    "tariff",
    "trade",
]

if TYPE_CHECKING:
    from dealcalc.api import (
        balance,
        burden,
        calls,
        compare,
        diff,
        explain,
        load,
        outflow,
        returns,
        sensitivity,
        simulate,
        sweep,
        tariff,
        trade,
    )
    from dealcalc.errors import ArgumentError, DealcalcError, MissingInputError, ScenarioError
    from dealcalc.model.burden import compute_burden
    from dealcalc.model.calls import compute_calls
    from dealcalc.model.outflow import compute_outflow
    from dealcalc.model.returns import compute_returns
    from dealcalc.model.tariff import compute_tariff
    from dealcalc.scenario import load_scenario

_API = ["balance", "burden", "calls", "compare", "diff", "explain", "load", "outflow", "returns"]
_API += ["sensitivity", "simulate", "sweep", "tariff", "trade"]
_ERRORS = ["ArgumentError", "DealcalcError", "MissingInputError", "ScenarioError"]
_LAZY = {
    **dict.fromkeys(_API, "dealcalc.api"),
    **dict.fromkeys(_ERRORS, "dealcalc.errors"),
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


def __dir__() -> list[str]:
    return sorted({*__all__, *_LAZY})
