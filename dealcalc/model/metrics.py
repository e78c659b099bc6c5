"""Every metric by its output key, and computing just the ones asked for (`sweep`, `simulate`,
`sensitivity`, `diff` evaluate the model many times: each group is computed only when needed)."""

from collections.abc import Callable, Iterable
from typing import Any

from dealcalc.errors import MissingInputError, NotNumericMetricError, UnknownMetricError
from dealcalc.model.burden import BurdenResult, compute_burden
from dealcalc.model.calls import CallsResult, compute_calls
from dealcalc.model.inputs import Scenario
from dealcalc.model.outflow import OutflowResult, compute_outflow
from dealcalc.model.returns import ReturnsResult, compute_returns
from dealcalc.model.tariff import PAIR_KEYS, TARIFF_KEYS, TariffResult, compute_tariff
from dealcalc.model.timeline import Timeline

Group = Callable[[Scenario], dict[str, Any]]

GROUPS: dict[str, Group] = {
    "burden": lambda s: compute_burden(s)._asdict(),
    "outflow": lambda s: compute_outflow(s)._asdict(),
    "tariff": lambda s: compute_tariff(s).record(),
    "returns": lambda s: compute_returns(s)._asdict(),
    "calls": lambda s: compute_calls(s)._asdict(),
}
# What each group reads. Batch runs change one input at a time, so a group whose inputs are
# equal to the previous call's returns the previous result instead of computing it again.
GROUP_INPUTS: dict[str, Callable[[Scenario], tuple[Any, ...]]] = {
    "burden": lambda s: (s.pledge, s.economy, s.trade),
    "outflow": lambda s: (
        s.pledge.tranches,
        s.pledge.start,
        s.pledge.deadline,
        s.economy.fx_reserves,
        s.as_of,
        s.projects,
    ),
    # the trade's exports: tariff_coverage; as_of: the timeline's duty paid to date
    "tariff": lambda s: (
        s.tariffs,
        s.pledge.amount,
        s.pledge.start,
        s.pledge.deadline,
        s.trade.exports_to_partner,
        s.as_of,
    ),
    "returns": lambda s: (s.pledge, s.returns),
    "calls": lambda s: (s.pledge, s.projects, s.tariffs),
}
_last: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {}

# The keys of each view's record, in output order (`as_of` is in outflow's and tariff's).
GROUP_KEYS: dict[str, tuple[str, ...]] = {
    "burden": BurdenResult._fields,
    "outflow": OutflowResult._fields,
    "tariff": TARIFF_KEYS,
    "returns": ReturnsResult._fields,
    "calls": CallsResult._fields,
}
KEYS: dict[str, str] = {k: g for g, keys in GROUP_KEYS.items() for k in keys}


def group_of(key: str) -> str:
    if key in KEYS:
        return KEYS[key]
    if key.startswith(("duty_", "effective_rate_")):
        return "tariff"
    import difflib

    close = difflib.get_close_matches(key, list(KEYS), n=1)
    raise UnknownMetricError(key, f" (did you mean {close[0]!r}?)" if close else "")


def check_keys(keys: Iterable[str], extra: Iterable[str] = ()) -> list[str]:
    """The keys, each checked to be a metric (or one of `extra`); UnknownMetricError names a bad one."""
    keys = list(keys)
    allowed = set(extra)
    for key in keys:
        if key not in allowed:
            group_of(key)
    return keys


_RESULTS = (BurdenResult, OutflowResult, ReturnsResult, CallsResult, TariffResult, Timeline)
_NUMBERS = (float, int, float | None, int | None)


def is_numeric(key: str) -> bool:
    """Whether a metric is a number (not a date, a list or a name): what `sweep`, `simulate` and
    `sensitivity` can summarise."""
    group_of(key)
    for result in _RESULTS:
        if key in result._fields:
            return result.__annotations__[key] in _NUMBERS
    return True  # duty_<regime>_usd_bn, effective_rate_<regime>


def numeric_keys() -> list[str]:
    return [k for k in KEYS if is_numeric(k)]


def check_numeric(keys: Iterable[str]) -> list[str]:
    """The keys, each checked to be a numeric metric; NotNumericMetricError lists the numeric ones."""
    keys = check_keys(keys)
    for key in keys:
        if not is_numeric(key):
            listed = ", ".join(numeric_keys()) + " (and duty_<regime>_usd_bn, effective_rate_<regime>)"
            raise NotNumericMetricError(key, listed)
    return keys


def compute_metrics(s: Scenario, keys: list[str]) -> dict[str, Any]:
    """The named metrics of one scenario (None where a metric has no value)."""
    out: dict[str, Any] = {}
    done: dict[str, dict[str, Any]] = {}
    for key in keys:
        group = group_of(key)
        if group not in done:
            done[group] = _computed(group, s)
        out[key] = done[group].get(key)
    return out


def _computed(group: str, s: Scenario) -> dict[str, Any]:
    """A group's results, reusing the last ones when its inputs are equal (same values)."""
    inputs = GROUP_INPUTS[group](s)
    last = _last.get(group)
    if last is not None and last[0] == inputs:
        return last[1]
    values = GROUPS[group](s)
    _last[group] = (inputs, values)
    return values


def available_keys(s: Scenario) -> list[str]:
    """Every metric this scenario has the core inputs for, in output order (for `diff`)."""
    keys: list[str] = []
    for group in GROUPS.values():
        try:
            values = group(s)
        except MissingInputError:  # a group whose core input is absent is left out
            continue
        keys += [k for k in values if k not in PAIR_KEYS]
    return keys
