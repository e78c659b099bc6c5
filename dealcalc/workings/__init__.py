"""The workings of `--explain` (a layer between model/ and views/: it calls the model's helpers to work
each term; views only lay its rows out). For each metric, its formula, the numbers put in (with
units), the same arithmetic with every digit (`arithmetic`, which `workings.arithmetic.evaluate`
computes) and the sources of those inputs, so that a published figure can be checked by hand — and
is checked, by a test that evaluates every metric's arithmetic on every shipped scenario.

To explain a new metric (after its record in `dealcalc/registry.py`, which holds the formula in
words and the input paths whose sources it cites), add an entry to the TERMS of its view's module
here (`burden.py`, `outflow.py`, `tariff.py`, `returns.py`, `calls.py`, `balance.py`): a function
that builds its arithmetic from the scenario (`c.s`) and the row's values (`c.v`) with `num`,
`total`, `smallest`, `largest` and + − × / ** (or, for a date, a choice or a list, returns plain
text). The explanation test then checks it on every shipped scenario; a metric without one fails it."""

from collections.abc import Callable, Iterable
from typing import Any

from dealcalc.catalogue import meta
from dealcalc.model.inputs import Scenario
from dealcalc.registry import metric, pattern_of
from dealcalc.render import format_value
from dealcalc.workings import balance, burden, calls, outflow, returns, tariff
from dealcalc.workings.arithmetic import X
from dealcalc.workings.common import Ctx, E

TERMS: dict[str, E] = {
    **burden.TERMS,
    **outflow.TERMS,
    **tariff.TERMS,
    **returns.TERMS,
    **calls.TERMS,
    **balance.TERMS,
}
# keys named after a regime: the term for the regime
PATTERN_TERMS: dict[str, Callable[[str], E]] = {
    "duty_<regime>_usd_bn": tariff.duty,
    "effective_rate_<regime>": tariff.rate,
}


# keys of a row that are not figures
NOT_METRICS = ("from", "to", "from_label", "to_label", "counterfactual", "scenario", "file")


def formula_of(key: str) -> tuple[str, E, tuple[str, ...]] | None:
    """A metric's formula (from the registry), arithmetic and inputs; None without a formula."""
    m = metric(key)
    if m is None or not m.formula:
        return None
    if key in TERMS:
        return m.formula, TERMS[key], m.inputs
    pattern = pattern_of(key)
    if pattern is not None and pattern[0].key in PATTERN_TERMS:
        return m.formula, PATTERN_TERMS[pattern[0].key](pattern[1]), m.inputs
    return None


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def inputs_of(key: str) -> tuple[str, ...]:
    """The key paths a metric's formula reads (what --explain lists its sources for)."""
    found = formula_of(key)
    return found[2] if found is not None else ()


def assumed_inputs(s: Scenario, keys: Iterable[str]) -> list[str]:
    """The inputs of these metrics that rest on an assumption: figures marked `assumption: true`
    (unless overridden) and the default cost weights of the instruments the file names."""
    return s.assumed_in(tuple(dict.fromkeys(p for k in keys for p in inputs_of(k))))


def explain(s: Scenario, values: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per metric in `values`: its value, formula, the numbers put in (for a reader, and
    exactly, as `arithmetic`: None where the value is not a number), and sources."""
    c = Ctx(s, values)
    rows = []
    for key, value in values.items():
        found = None if key in NOT_METRICS else formula_of(key)
        if found is None:
            continue
        formula, numbers, inputs = found
        worked = numbers(c)
        text = worked.text if isinstance(worked, X) else worked
        exact = worked.exact if isinstance(worked, X) and is_number(value) else None
        rows.append(
            {
                "scenario": s.title,
                "file": s.file,
                "metric": key,
                "value": value,
                "formula": formula,
                "computation": f"{text} = {format_value(meta(key).kind, value)}",
                "arithmetic": exact,
                # a --set value is credited to --set, never to the file's citation; an assumed
                # input is named as such
                "sources": [
                    *s.sources_for(inputs),
                    *(f"--set {o.path}" for o in s.overrides_for(inputs)),
                    *(f"assumed {path}" for path in assumed_inputs(s, [key])),
                ],
            }
        )
    return rows
