"""The typed scenario the model computes on, in canonical units: money in USD bn (flows per
year), rates as fractions, dates as `datetime.date`."""

# No `from __future__ import annotations`: NamedTuple would compile each string annotation at start-up.

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, overload

from dealcalc.keypath import within
from dealcalc.model.common import FLOATS, Ops

INSTRUMENTS = ("cash", "equity", "loans", "guarantees")
DEFAULT_COST_WEIGHTS = {"cash": 1.0, "equity": 1.0, "loans": 0.10, "guarantees": 0.05}

RateForm = Literal["all-in", "surcharge", "floor"]

# Classes here are NamedTuples rather than dataclasses: immutable all the same, and a tenth of the
# cost to define, which a one-off command pays at every start (DESIGN §7).
EMPTY: Mapping[Any, Any] = MappingProxyType({})


class Source(NamedTuple):
    title: str
    publisher: str | None = None
    date: str | None = None
    url: str | None = None


class Provenance(NamedTuple):
    """What a file said about one figure besides its value."""

    source: str | None = None
    year: int | None = None
    date: str | None = None
    note: str | None = None
    assumption: bool = False  # no source states the value: views that read it say so


class Override(NamedTuple):
    """An override `PATH=VALUE` applied to this scenario after loading: the value as given, and
    the file's value before it (as text; None where the file did not set it)."""

    path: str
    value: str
    was: str | None = None

    def __str__(self) -> str:
        return f"{self.path}={self.value}"


class Tranche(NamedTuple):
    name: str
    amount: float
    annual_cap: float | None = None
    kind: Literal["investment", "purchases"] = "investment"


class Window(NamedTuple):
    """A funding window: `days` calendar days, or Monday–Friday days when `business`."""

    days: int
    business: bool = False

    def __str__(self) -> str:
        return f"{self.days} {'business days' if self.business else 'days'}"


class Tier(NamedTuple):
    pledger: float
    until_recovered: bool = False
    deemed_interest: float = 0.0


class Pledge(NamedTuple):
    tranches: tuple[Tranche, ...]
    start: dt.date
    deadline: dt.date
    explicit_tranches: bool = False
    funding_window: Window | None = None
    instruments: Mapping[str, float] | None = None
    cost_weights: Mapping[str, float] = EMPTY
    profit_split: tuple[Tier, ...] | None = None
    binding: bool = True  # false: a private, non-binding pledge (EU, Switzerland)
    cap_basis: Literal["calendar_year", "trailing_year"] = "calendar_year"  # how `calls` counts a cap

    @property
    def investment(self) -> tuple[Tranche, ...]:
        return tuple(t for t in self.tranches if t.kind == "investment")

    @property
    def amount(self) -> float:
        """P: the investment pledge (purchases tranches excluded), USD bn."""
        return sum(t.amount for t in self.investment)


class Economy(NamedTuple):
    gdp: float
    fx_rate: float | None = None
    fx_reserves: float | None = None
    reserve_income: float | None = None
    population: float | None = None


class Trade(NamedTuple):
    exports_to_partner: float | None = None
    imports_from_partner: float | None = None
    surplus_with_partner: float | None = None  # as given in the file

    @property
    def surplus(self) -> float | None:
        """The surplus as given, else exports − imports when both are known."""
        if self.surplus_with_partner is not None:
            return self.surplus_with_partner
        if self.exports_to_partner is None or self.imports_from_partner is None:
            return None
        return self.exports_to_partner - self.imports_from_partner


class RegimeRate(NamedTuple):
    """A tariff rate as written: all-in `15%`, surcharge `+25%` (on top of MFN), or
    `15% floor` (max(15%, MFN))."""

    value: float
    form: RateForm = "all-in"

    @overload
    def resolve(self, mfn: float) -> float: ...
    @overload
    def resolve(self, mfn: Any, ops: Ops) -> Any: ...
    def resolve(self, mfn: Any, ops: Ops = FLOATS) -> Any:
        """The all-in rate on a line of MFN rate `mfn` (floats, or arrays with `ops`: the form is
        never an array)."""
        if self.form == "surcharge":
            return mfn + self.value
        if self.form == "floor":
            return ops.maximum(self.value, mfn)
        return self.value


class TariffLine(NamedTuple):
    name: str
    exports: float
    mfn: float
    regimes: dict[str, RegimeRate]
    # the law its duty above MFN is levied under: one name for every regime, or regime → name
    # (a regime the map leaves out: `mfn`); DESIGN §3.3b
    authority: str | Mapping[str, str] = "mfn"

    def authority_under(self, regime: str) -> str:
        """The authority the line's above-MFN duty under `regime` is levied under."""
        if isinstance(self.authority, str):
            return self.authority
        return self.authority.get(regime, "mfn")


class Regime(NamedTuple):
    """A named regime of `tariffs.regimes`: in force from `start` through `until` (inclusive;
    open-ended without it) when dated; a counterfactual (a threat) without `start`."""

    name: str
    label: str | None = None
    start: dt.date | None = None
    until: dt.date | None = None
    source: str | None = None
    note: str | None = None
    without_deal: str | None = None  # dated only: the regime that would apply without the deal


class Authority(NamedTuple):
    """What became of a legal authority (`tariffs.authorities.<name>`, DESIGN §3.3b)."""

    status: Literal["in_force", "void", "contested"]
    since: dt.date | None = None
    source: str | None = None
    note: str | None = None


class Tariffs(NamedTuple):
    lines: tuple[TariffLine, ...]
    elasticity: float = 0.0
    regimes: tuple[Regime, ...] = ()  # as declared in `tariffs.regimes`, in file order
    authorities: Mapping[str, Authority] = EMPTY

    def label_of(self, regime: str) -> str:
        """A regime's `label:` (its key when it has none); `mfn` is "MFN"."""
        if regime == "mfn":
            return "MFN"
        return next((r.label for r in self.regimes if r.name == regime and r.label), regime)


class Returns(NamedTuple):
    cash_yield: float
    horizon_years: int
    discount_rate: float


class Incidence(NamedTuple):
    """Who bears a tariff: the pledging country's exporters (through lower prices) this share,
    US buyers the rest (DESIGN §3.5b)."""

    exporter_share: float


class BalanceParams(NamedTuple):
    """`balance:` of the file: the horizon of the deal balance (default `returns.horizon_years`)."""

    horizon_years: int


class Project(NamedTuple):
    name: str
    amount: float
    called: dt.date
    tranche: str | None = None
    sector: str | None = None
    source: str | None = None
    note: str | None = None
    status: Literal["selected", "interest"] = "selected"  # interest: announced, not a call


class Distribution(NamedTuple):
    kind: Literal["normal", "uniform", "triangular", "lognormal"]
    params: tuple[float, ...]
    form: RateForm | None = None  # a tariff rate's form as written: its draws keep it


class Compared(NamedTuple):
    """What a command asks the tariff figures to compare (an as-of date, the regimes; DESIGN
    §3.3b), carried by each scenario so that every view and analysis computes the same pair. None:
    the defaults (the file's `as_of`; the twin → the regime in force, or threatened → agreed)."""

    as_of: dt.date | None = None
    from_regime: str | None = None
    to_regime: str | None = None


class Scenario(NamedTuple):
    title: str
    country: str
    pledge: Pledge
    economy: Economy
    file: str = ""
    partner: str = "United States"
    currency: str = "USD"
    as_of: dt.date | None = None
    description: str | None = None
    notes: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()  # short warnings printed under every table of the scenario
    sources: Mapping[str, Source] = EMPTY
    trade: Trade = Trade()
    tariffs: Tariffs | None = None
    returns: Returns | None = None
    incidence: Incidence | None = None
    balance: BalanceParams | None = None
    projects: tuple[Project, ...] = ()
    uncertainty: Mapping[str, Distribution] = EMPTY
    provenance: Mapping[str, Provenance] = EMPTY
    local_money: Mapping[str, float] = EMPTY  # path → amount in `currency`, bn
    overrides: tuple[Override, ...] = ()  # the overrides applied after loading, in order
    compared: Compared = Compared()  # the tariff pair a command asks for (not from the file)

    def sources_for(self, paths: tuple[str, ...]) -> dict[str, Source]:
        """The sources cited by the figures at or below the given key paths, in file order."""
        wanted: dict[str, Source] = {}
        for path, prov in self.provenance.items():
            if self.overridden(path):
                continue  # an overridden value is not what the source says
            if prov.source and prov.source in self.sources and path.startswith(paths):
                wanted.setdefault(prov.source, self.sources[prov.source])
        return wanted

    def assumed_in(self, paths: tuple[str, ...]) -> list[str]:
        """The figures at or below `paths` that rest on an assumption: marked `assumption: true`
        (unless overridden) and the default cost weights of the instruments the file names."""
        wanted = set(paths)
        out = [
            path
            for path, prov in self.provenance.items()
            if prov.assumption and _under(path, wanted) and not self.overridden(path)
        ]
        if "pledge.cost_weights" in paths and self.pledge.instruments:
            out += [
                f"pledge.cost_weights.{n}"
                for n in self.pledge.instruments
                if n not in self.pledge.cost_weights
            ]
        return out

    def overridden(self, path: str) -> bool:
        """Whether an override changed the figure at `path` (or a part of it)."""
        return any(within(path, o.path) or within(o.path, path) for o in self.overrides)

    def overrides_for(self, paths: tuple[str, ...]) -> list[Override]:
        """The overrides at or below the given key paths (or of a part of one)."""
        return [o for o in self.overrides if any(within(o.path, p) or within(p, o.path) for p in paths)]


def _under(path: str, prefixes: set[str]) -> bool:
    """`path` is at or below one of `prefixes` (`""` holds all): its ancestors looked up, not
    every prefix tried (a batch asks this for every figure of every file)."""
    if "" in prefixes or path in prefixes:
        return True
    cut = path.rfind(".")
    while cut > 0:
        if path[:cut] in prefixes:
            return True
        cut = path.rfind(".", 0, cut)
    return False
