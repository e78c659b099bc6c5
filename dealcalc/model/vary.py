"""Changing one input of a typed scenario, by its key path in the file format — the fast path
behind `sweep`, `sensitivity` and `simulate`, which evaluate the model thousands of times and so
cannot go back through YAML and validation for each point.

Values are canonical: money in USD bn, rates as fractions. Money that a file wrote in its local
currency follows `economy.fx_rate` when that is varied.
"""

from collections.abc import Mapping
from typing import Any, TypeVar

from dealcalc.errors import ArgumentError
from dealcalc.keypath import KeyPath, dotted, split_path
from dealcalc.model.inputs import Pledge, RegimeRate, Returns, Scenario

R = TypeVar("R")


def inputs(s: Scenario) -> dict[str, Any]:
    """Every input the model reads, by key path: numbers (canonical units), dates and choices."""
    out: dict[str, Any] = {}
    p = s.pledge
    if p.explicit_tranches:
        out["pledge.amount"] = p.amount
        for i, t in enumerate(p.tranches):
            out[f"pledge.tranches.{i}.amount"] = t.amount
            out[f"pledge.tranches.{i}.annual_cap"] = t.annual_cap
            out[f"pledge.tranches.{i}.kind"] = t.kind
    else:
        out["pledge.amount"] = p.tranches[0].amount
        out["pledge.annual_cap"] = p.tranches[0].annual_cap
    out["pledge.start"], out["pledge.deadline"] = p.start, p.deadline
    out["pledge.funding_window"] = str(p.funding_window) if p.funding_window else None
    for name, share in (p.instruments or {}).items():
        out[f"pledge.instruments.{name}"] = share
    for name, weight in p.cost_weights.items():
        out[f"pledge.cost_weights.{name}"] = weight
    for i, tier in enumerate(p.profit_split or ()):
        out[f"pledge.profit_split.{i}.pledger"] = tier.pledger
        out[f"pledge.profit_split.{i}.until"] = "recovered" if tier.until_recovered else None
        out[f"pledge.profit_split.{i}.deemed_interest"] = (
            tier.deemed_interest if tier.until_recovered else None
        )
    for name, value in s.economy._asdict().items():
        out[f"economy.{name}"] = value
    for name, value in s.trade._asdict().items():
        out[f"trade.{name}"] = value
    if s.tariffs is not None:
        out["tariffs.elasticity"] = s.tariffs.elasticity
        for line in s.tariffs.lines:
            out[f"tariffs.lines.{line.name}.exports"] = line.exports
            out[f"tariffs.lines.{line.name}.mfn"] = line.mfn
            for regime, rate in line.regimes.items():
                out[f"tariffs.lines.{line.name}.{regime}"] = rate.value
                if rate.form != "all-in":
                    out[f"tariffs.lines.{line.name}.{regime}.form"] = rate.form
    if s.returns is not None:
        for name, value in s.returns._asdict().items():
            out[f"returns.{name}"] = value
    if s.incidence is not None:
        out["incidence.exporter_share"] = s.incidence.exporter_share
    if s.balance is not None:
        out["balance.horizon_years"] = s.balance.horizon_years
    for i, project in enumerate(s.projects):
        out[f"projects.{i}.amount"] = project.amount
        out[f"projects.{i}.called"] = project.called
        out[f"projects.{i}.tranche"] = project.tranche
    return {k: v for k, v in out.items() if v is not None}


def numeric_inputs(s: Scenario) -> dict[str, float]:
    """The inputs that can be varied: numbers, not dates, choices or whole-year counts."""
    derived = {"pledge.amount"} if s.pledge.explicit_tranches else set()  # the sum of the tranches
    return {k: v for k, v in inputs(s).items() if type(v) is float and k not in derived}


FX_RATE: KeyPath = ("economy", "fx_rate")


def local_amounts(s: Scenario, changed: Mapping[KeyPath, Any]) -> dict[KeyPath, Any]:
    """With a varied `economy.fx_rate`, the file's money written in its own currency at the
    point's rate, in USD bn (floats or arrays): the file's amount, or the amount varied with it —
    read in USD at the file's rate, so taken back to the currency at that rate — over the point's
    rate. Without one: nothing (a varied amount is already in USD at the file's rate)."""
    fx = changed.get(FX_RATE)
    if fx is None or s.economy.fx_rate is None:
        return {}
    base = s.economy.fx_rate
    out: dict[KeyPath, Any] = {}
    for local_path, amount in s.local_money.items():
        path = split_path(local_path)
        out[path] = (changed[path] * base if path in changed else amount) / fx
    return out


def set_values(s: Scenario, changed: Mapping[KeyPath, Any]) -> Scenario:
    """A copy of `s` with each input at its path set to its value (canonical units); the money
    written in the file's currency follows a varied exchange rate (`local_amounts`), whatever
    the order of the paths."""
    point = s
    for path, value in changed.items():
        point = _set(point, path, value)
    for path, value in local_amounts(s, changed).items():
        point = _set(point, path, value)
    return point


def set_value(s: Scenario, path: KeyPath, value: float) -> Scenario:
    """A copy of `s` with the input at `path` set to `value` (canonical units)."""
    return set_values(s, {path: value})


def with_form(s: Scenario, path: KeyPath, form: str | None) -> Scenario:
    """`s` with the tariff rate at `path` in `form` (all-in, surcharge or floor): a value varied
    or drawn keeps the form it is written in (a range `+1%` to `+3%` varies a surcharge),
    whatever form the file gives that rate. Other paths, or no form: `s` itself."""
    if form is None or s.tariffs is None or len(path) != 4 or path[:2] != ("tariffs", "lines"):
        return s
    lines = list(s.tariffs.lines)
    for i, line in enumerate(lines):
        rate = line.regimes.get(str(path[3])) if line.name == path[2] else None
        if rate is not None and rate.form != form:
            regimes = {**line.regimes, str(path[3]): RegimeRate(rate.value, form)}  # type: ignore[arg-type]
            lines[i] = line._replace(regimes=regimes)
            return s._replace(tariffs=s.tariffs._replace(lines=tuple(lines)))
    return s


def _cannot(path: KeyPath, why: str = "it is not a numeric input of this scenario") -> ArgumentError:
    return ArgumentError(f"{dotted(path)}: cannot be varied: {why}")


def _set(s: Scenario, path: KeyPath, value: float) -> Scenario:
    head, rest = path[0], path[1:]
    if head in ("economy", "trade") and len(rest) == 1 and rest[0] in getattr(s, head)._fields:
        return _with(s, head, _with(getattr(s, head), rest[0], value))
    if head == "returns" and s.returns is not None and len(rest) == 1 and rest[0] in Returns._fields:
        cast = round(value) if rest[0] == "horizon_years" else value
        return s._replace(returns=_with(s.returns, rest[0], cast))
    if head == "incidence" and s.incidence is not None and rest == ("exporter_share",):
        return s._replace(incidence=s.incidence._replace(exporter_share=value))
    if head == "balance" and s.balance is not None and rest == ("horizon_years",):
        return s._replace(balance=s.balance._replace(horizon_years=round(value)))
    if head == "tariffs" and s.tariffs is not None:
        if rest == ("elasticity",):
            return s._replace(tariffs=s.tariffs._replace(elasticity=value))
        if len(rest) == 3 and rest[0] == "lines":
            lines = list(s.tariffs.lines)
            for i, line in enumerate(lines):
                if line.name == rest[1]:
                    field = str(rest[2])
                    if field in ("exports", "mfn"):
                        lines[i] = _with(line, field, value)
                    elif field in line.regimes:
                        rate = RegimeRate(value, line.regimes[field].form)  # keeps all-in, + or floor
                        lines[i] = line._replace(regimes={**line.regimes, field: rate})
                    else:
                        raise _cannot(path, f"line {line.name!r} has no regime {field!r}")
                    return s._replace(tariffs=s.tariffs._replace(lines=tuple(lines)))
    if head == "pledge":
        return s._replace(pledge=_set_pledge(s, path, value))
    if head == "projects" and len(rest) == 2 and rest[1] == "amount" and isinstance(rest[0], int):
        projects = list(s.projects)
        if rest[0] < len(projects):
            projects[rest[0]] = projects[rest[0]]._replace(amount=value)
            return s._replace(projects=tuple(projects))
    raise _cannot(path)


def _with(record: R, field: str | int, value: object) -> R:
    """`record._replace(field=value)` for a field named at run time."""
    changes: dict[str, Any] = {str(field): value}
    return record._replace(**changes)  # type: ignore[attr-defined, no-any-return]


def _set_pledge(s: Scenario, path: KeyPath, value: float) -> Pledge:
    p = s.pledge
    rest = path[1:]
    tranches = list(p.tranches)
    if rest in (("amount",), ("annual_cap",)):
        if p.explicit_tranches:
            raise _cannot(path, "the pledge has tranches; vary pledge.tranches.N.amount or annual_cap")
        tranches[0] = _with(tranches[0], rest[0], value)
        return p._replace(tranches=tuple(tranches))
    if rest[:1] == ("tranches",) and len(rest) == 3 and rest[2] in ("amount", "annual_cap"):
        index = rest[1]
        if isinstance(index, int) and index < len(tranches):
            tranches[index] = _with(tranches[index], rest[2], value)
            return p._replace(tranches=tuple(tranches))
    if len(rest) == 2 and rest[0] in ("instruments", "cost_weights"):
        current = dict(getattr(p, str(rest[0])) or {})
        current[str(rest[1])] = value
        return _with(p, rest[0], current)
    if len(rest) == 3 and rest[0] == "profit_split" and p.profit_split and isinstance(rest[1], int):
        tiers = list(p.profit_split)
        if rest[1] < len(tiers) and rest[2] in ("pledger", "deemed_interest"):
            tiers[rest[1]] = _with(tiers[rest[1]], rest[2], value)
            return p._replace(profit_split=tuple(tiers))
    raise _cannot(path)
