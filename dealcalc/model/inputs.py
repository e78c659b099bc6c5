"""The typed scenario the model computes on, in canonical units: money in USD bn (flows per
year), rates as fractions, dates as `datetime.date`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

INSTRUMENTS = ("cash", "equity", "loans", "guarantees")
DEFAULT_COST_WEIGHTS = {"cash": 1.0, "equity": 1.0, "loans": 0.10, "guarantees": 0.05}

RateForm = Literal["all-in", "surcharge", "floor"]


@dataclass(frozen=True, slots=True)
class Source:
    title: str
    publisher: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Provenance:
    """What a file said about one figure besides its value."""

    source: str | None = None
    year: int | None = None
    date: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Tranche:
    name: str
    amount: float
    annual_cap: float | None = None
    kind: Literal["investment", "purchases"] = "investment"


@dataclass(frozen=True, slots=True)
class Window:
    """A funding window: `days` calendar days, or Monday–Friday days when `business`."""

    days: int
    business: bool = False

    def __str__(self) -> str:
        return f"{self.days} {'business days' if self.business else 'days'}"


@dataclass(frozen=True, slots=True)
class Tier:
    pledger: float
    until_recovered: bool = False
    deemed_interest: float = 0.0


@dataclass(frozen=True, slots=True)
class Pledge:
    tranches: tuple[Tranche, ...]
    start: dt.date
    deadline: dt.date
    explicit_tranches: bool = False
    funding_window: Window | None = None
    instruments: dict[str, float] | None = None
    cost_weights: dict[str, float] = field(default_factory=dict)
    profit_split: tuple[Tier, ...] | None = None
    binding: bool = True  # false: a private, non-binding pledge (EU, Switzerland)

    @property
    def investment(self) -> tuple[Tranche, ...]:
        return tuple(t for t in self.tranches if t.kind == "investment")

    @property
    def amount(self) -> float:
        """P: the investment pledge (purchases tranches excluded), USD bn."""
        return sum(t.amount for t in self.investment)


@dataclass(frozen=True, slots=True)
class Economy:
    gdp: float
    fx_rate: float | None = None
    fx_reserves: float | None = None
    reserve_income: float | None = None
    population: float | None = None


@dataclass(frozen=True, slots=True)
class Trade:
    exports_to_partner: float | None = None
    imports_from_partner: float | None = None
    surplus_with_partner: float | None = None


@dataclass(frozen=True, slots=True)
class RegimeRate:
    """A tariff rate as written: all-in `15%`, surcharge `+25%` (on top of MFN), or
    `15% floor` (max(15%, MFN))."""

    value: float
    form: RateForm = "all-in"

    def resolve(self, mfn: float) -> float:
        if self.form == "surcharge":
            return mfn + self.value
        if self.form == "floor":
            return max(self.value, mfn)
        return self.value


@dataclass(frozen=True, slots=True)
class TariffLine:
    name: str
    exports: float
    mfn: float
    regimes: dict[str, RegimeRate]


@dataclass(frozen=True, slots=True)
class Tariffs:
    lines: tuple[TariffLine, ...]
    elasticity: float = 0.0


@dataclass(frozen=True, slots=True)
class Returns:
    cash_yield: float
    horizon_years: int
    discount_rate: float


@dataclass(frozen=True, slots=True)
class Project:
    name: str
    amount: float
    called: dt.date
    tranche: str | None = None
    sector: str | None = None
    source: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Distribution:
    kind: Literal["normal", "uniform", "triangular", "lognormal"]
    params: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class Scenario:
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
    sources: dict[str, Source] = field(default_factory=dict)
    trade: Trade = Trade()
    tariffs: Tariffs | None = None
    returns: Returns | None = None
    projects: tuple[Project, ...] = ()
    uncertainty: dict[str, Distribution] = field(default_factory=dict)
    provenance: dict[str, Provenance] = field(default_factory=dict)

    def sources_for(self, paths: tuple[str, ...]) -> dict[str, Source]:
        """The sources cited by the figures at or below the given key paths, in file order."""
        wanted: dict[str, Source] = {}
        for path, prov in self.provenance.items():
            if prov.source and prov.source in self.sources and path.startswith(paths):
                wanted.setdefault(prov.source, self.sources[prov.source])
        return wanted
