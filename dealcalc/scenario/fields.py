"""Values for one field given on the command line in the field's own syntax (`--vary
pledge.annual_cap=5 USD bn:40 USD bn:5 USD bn`), turned into canonical numbers."""

from typing import Any

import yaml

from dealcalc.errors import UsageError
from dealcalc.keypath import KeyPath, dotted
from dealcalc.model.inputs import RegimeRate, Scenario
from dealcalc.scenario.spec import Ctx, Leaf, leaf_at
from dealcalc.scenario.units import Bad


def numeric_leaf(path: KeyPath) -> Leaf:
    leaf = leaf_at(path)
    if leaf is None or not leaf.numeric:
        raise UsageError(
            f"{dotted(path)}: not a numeric field of the scenario format "
            "(e.g. pledge.annual_cap, economy.fx_rate, tariffs.elasticity)"
        )
    return leaf


def parse_field_value(s: Scenario, path: KeyPath, text: str) -> float:
    """`"25 USD bn"` for pledge.annual_cap → 25.0 (USD bn); `"15%"` → 0.15."""
    leaf = numeric_leaf(path)
    try:
        raw: Any = yaml.load(text, Loader=yaml.CSafeLoader)
        value = leaf.parse(raw, Ctx(s.currency, s.economy.fx_rate))
    except (Bad, yaml.YAMLError) as exc:
        raise UsageError(f"{dotted(path)}={text}: {exc}") from None
    return float(value.value if isinstance(value, RegimeRate) else value)
