"""Values for one field given on the command line in the field's own syntax (`--vary
pledge.annual_cap=5 USD bn:40 USD bn:5 USD bn`), turned into canonical numbers."""

from typing import Any

from dealcalc.errors import ScenarioError, UsageError
from dealcalc.keypath import KeyPath, dotted
from dealcalc.model.inputs import RateForm, RegimeRate, Scenario
from dealcalc.scenario import units
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


def parse_written(
    s: Scenario, path: KeyPath, text: str, *, in_range: bool = True
) -> tuple[float, RateForm | None]:
    """A value in the field's own syntax → (canonical number, the form of a tariff rate as
    written: `15%` all-in, `+15%` surcharge, `15% floor`; None for other fields). Without
    `in_range`, a value the syntax reads but the field's range refuses (a negative amount, a
    zero GDP) is returned as the number it is: a sweep gives such a point a row with null
    metrics, as any point the file's rules refuse (DESIGN §6)."""
    from dealcalc.scenario.yamlio import parse_yaml_text

    leaf = numeric_leaf(path)
    ctx = Ctx(s.currency, s.economy.fx_rate)
    try:
        raw: Any = parse_yaml_text(text, "--vary")[0] if text else None
    except ScenarioError as exc:
        raise UsageError(f"{dotted(path)}={text}: {exc.problems[0].message}") from None
    try:
        value = leaf.parse(raw, ctx)
    except Bad as exc:
        if in_range or leaf.bounds is None:
            raise UsageError(f"{dotted(path)}={text}: {exc}") from None
        value = _out_of_range(leaf, raw, ctx, exc, f"{dotted(path)}={text}")
    if isinstance(value, RegimeRate):
        return float(value.value), value.form
    return float(value), None


def _out_of_range(leaf: Leaf, raw: Any, ctx: Ctx, exc: Bad, label: str) -> Any:
    """The number a value refused for its range stands for, read as the field's syntax with
    the range lifted: `-5 USD bn` → −5.0, `0 USD bn` → 0.0, `-1` for a positive number → −1.0."""
    from dealcalc.scenario import spec

    negative = isinstance(raw, str) and raw.strip().startswith("-")
    if isinstance(raw, str) and negative:
        try:
            value = leaf.parse(raw.strip()[1:], ctx)
        except Bad:
            pass
        else:
            return RegimeRate(-value.value, value.form) if isinstance(value, RegimeRate) else -value
    if isinstance(raw, str) and leaf.schema is spec.MONEY_SCHEMA:
        try:
            return units.parse_money(raw, ctx.currency, ctx.fx_rate, signed=True)
        except Bad:
            pass
    if isinstance(raw, int | float) and not isinstance(raw, bool) and spec.is_plain_number(leaf):
        return float(raw)
    if leaf is spec.COUNT:  # a population below the least: `500`, `0.5 k`
        try:
            return units.parse_count(raw)
        except Bad:
            pass
    raise UsageError(f"{label}: {exc}") from None
