"""Every metric by its output key, and computing just the ones asked for (`sweep`, `simulate`,
`sensitivity`, `diff` evaluate the model many times: each group is computed only when needed)."""

import contextlib
import operator
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from dealcalc.errors import MissingInputError, NotNumericMetricError, UnknownMetricError
from dealcalc.model.balance import BalanceResult, compute_balance
from dealcalc.model.burden import BurdenResult, compute_burden
from dealcalc.model.calls import CallsResult, compute_calls
from dealcalc.model.inputs import Scenario
from dealcalc.model.outflow import OutflowResult, compute_outflow
from dealcalc.model.returns import ReturnsResult, compute_returns
from dealcalc.model.tariff import PAIR_KEYS, TARIFF_KEYS, TariffResult, compute_tariff
from dealcalc.model.timeline import Timeline
from dealcalc.registry import VIEWS, inputs_of_view

Group = Callable[[Scenario], dict[str, Any]]

GROUPS: dict[str, Group] = {
    "burden": lambda s: compute_burden(s)._asdict(),
    "outflow": lambda s: compute_outflow(s)._asdict(),
    "tariff": lambda s: compute_tariff(s).record(),
    "returns": lambda s: compute_returns(s)._asdict(),
    "calls": lambda s: compute_calls(s)._asdict(),
    "balance": lambda s: compute_balance(s)._asdict(),
}
# What each group reads, as the registry declares it (the union of its metrics' inputs): the
# metric cache's key. A key path names the field of the typed Scenario that holds it, but for the
# tranches, whose caps (`pledge.annual_cap`, or each tranche's) only some views read.
_FIELDS: dict[str, Callable[[Scenario], Any]] = {
    "pledge.tranches": lambda s: tuple((t.name, t.amount, t.kind) for t in s.pledge.tranches),
    "pledge.annual_cap": lambda s: tuple(t.annual_cap for t in s.pledge.tranches),
}


def _reader(paths: tuple[str, ...]) -> Callable[[Scenario], tuple[Any, ...]]:
    """The values at these key paths, a section read once for all its fields (None for the fields
    of a section the file leaves out, e.g. `tariffs`), and the tariff pair the command asks for
    (`Scenario.compared`, not a field of the file: the as-of date and the regimes compared move
    tariff and calls figures)."""
    special = [_FIELDS[p] for p in paths if p in _FIELDS]
    sections: dict[str, list[str]] = {}
    for path in (p for p in paths if p not in _FIELDS):
        section, _, name = path.partition(".")
        sections.setdefault(section, []).append(name)
    parts = [  # a whole section (`trade`) covers its fields (`trade.exports_to_partner`)
        (operator.attrgetter(section), None if "" in names else operator.attrgetter(*names), len(names))
        for section, names in sections.items()
    ]

    def read(s: Scenario) -> tuple[Any, ...]:
        values: list[Any] = [f(s) for f in special]
        for section, fields, n in parts:
            value = section(s)
            if fields is None or value is None:
                values.append(value)
            else:
                got = fields(value)
                values.extend(got if n > 1 else (got,))
        values.append(s.compared)
        return tuple(values)

    return read


GROUP_INPUTS: dict[str, Callable[[Scenario], tuple[Any, ...]]] = {
    group: _reader(inputs_of_view(group)) for group in GROUPS
}

# Batch runs change one input at a time, so within a `metric_cache()` a group whose inputs equal
# the previous call's returns the previous result instead of computing it again. The cache belongs
# to the run that opens it (a sweep's chunk, a simulation's, a sensitivity, a compare batch) and
# ends with it: nothing is kept between runs, nor outside one.
_caches: list[dict[str, tuple[tuple[Any, ...], dict[str, Any]]]] = []


@contextlib.contextmanager
def metric_cache() -> Iterator[None]:
    """Reuse a group's last result within the block (the outer block's cache, if one is open)."""
    if _caches:
        yield
        return
    _caches.append({})
    try:
        yield
    finally:
        _caches.pop()


# The keys of each view's record, in output order (`as_of` is in outflow's and tariff's).
GROUP_KEYS: dict[str, tuple[str, ...]] = {
    "burden": BurdenResult._fields,
    "outflow": OutflowResult._fields,
    "tariff": TARIFF_KEYS,
    "returns": ReturnsResult._fields,
    "calls": CallsResult._fields,
    "balance": BalanceResult._fields,
}
KEYS: dict[str, str] = {k: g for g, keys in GROUP_KEYS.items() for k in keys}
# The views whose keys are metrics here, as the registry orders them (an error names them).
METRIC_VIEWS = tuple(v for v in VIEWS if v in GROUP_KEYS)


def group_of(key: str) -> str:
    if key in KEYS:
        return KEYS[key]
    if key.startswith(("duty_", "effective_rate_")):
        return "tariff"
    import difflib

    close = difflib.get_close_matches(key, list(KEYS), n=1)
    raise UnknownMetricError(key, f" (did you mean {close[0]!r}?)" if close else "", METRIC_VIEWS)


def check_keys(keys: Iterable[str], extra: Iterable[str] = ()) -> list[str]:
    """The keys, each checked to be a metric (or one of `extra`); UnknownMetricError names a bad one."""
    keys = list(keys)
    allowed = set(extra)
    for key in keys:
        if key not in allowed:
            group_of(key)
    return keys


_RESULTS = (BurdenResult, OutflowResult, ReturnsResult, CallsResult, BalanceResult, TariffResult, Timeline)
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
    """A group's results; within a `metric_cache()`, the last ones when its inputs are equal."""
    if not _caches:
        return GROUPS[group](s)
    cache = _caches[-1]
    inputs = GROUP_INPUTS[group](s)
    last = cache.get(group)
    if last is not None and last[0] == inputs:
        return last[1]
    values = GROUPS[group](s)
    cache[group] = (inputs, values)
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
