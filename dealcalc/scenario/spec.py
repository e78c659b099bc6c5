"""The scenario format `dealcalc: 1` as data: one declaration drives validation (with every
problem collected), unknown-key suggestions, and the JSON Schema printed by `dealcalc schema`.

Long because it declares the whole format, every field once; a field declared anywhere else would
be a second source of truth for the validator and the schema."""

# No `from __future__ import annotations`: NamedTuple would compile each string annotation at start-up.

import math
from collections.abc import Callable
from typing import Any, NamedTuple

from dealcalc.model.inputs import INSTRUMENTS
from dealcalc.scenario import units
from dealcalc.scenario.units import Bad


class Ctx(NamedTuple):
    currency: str = "USD"
    fx_rate: float | None = None


Parser = Callable[[Any, Ctx], Any]


class Leaf(NamedTuple):
    """A single value. `fig`: it may also be written `{value, source?, year?, date?, note?}`."""

    parse: Parser
    schema: dict[str, Any]
    example: str
    fig: bool = True
    bounds: tuple[float, float, bool] | None = None  # numbers only: (lo, hi, lo excluded)

    @property
    def numeric(self) -> bool:
        return self.bounds is not None

    def json_schema(self) -> dict[str, Any]:
        if not self.fig:
            return dict(self.schema)
        return {"anyOf": [self.schema, FIGURE_SCHEMA(self.schema)]}


def FIGURE_SCHEMA(inner: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "value": inner,
            "source": {"type": "string", "description": "an id defined under `sources`"},
            "year": {"type": "integer"},
            "date": {"type": ["string"]},
            "note": {"type": "string"},
            "assumption": {"type": "boolean", "description": "true: no source states this value"},
        },
        "required": ["value"],
        "additionalProperties": False,
    }


FIG_META = ("value", "source", "year", "date", "note", "assumption")


class Obj(NamedTuple):
    fields: "dict[str, Spec]"
    required: tuple[str, ...] = ()
    extra: "Spec | None" = None  # spec for keys not in `fields` (e.g. named tariff regimes)
    extra_what: str = ""
    description: str = ""

    def json_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "properties": {k: v.json_schema() for k, v in self.fields.items()},
            "additionalProperties": self.extra.json_schema() if self.extra else False,
        }
        if self.required:
            out["required"] = list(self.required)
        if self.description:
            out["description"] = self.description
        return out


class MapOf(NamedTuple):
    value: "Spec"
    key_what: str = "name"

    def json_schema(self) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": self.value.json_schema()}


class ListOf(NamedTuple):
    item: "Spec"
    accept_single: bool = False

    def json_schema(self) -> dict[str, Any]:
        arr = {"type": "array", "items": self.item.json_schema()}
        if self.accept_single:
            return {"anyOf": [self.item.json_schema(), arr]}
        return arr


ARITY = {"normal": 2, "uniform": 2, "triangular": 3, "lognormal": 2}


class Dist(NamedTuple):
    """An `uncertainty` entry: one distribution, its parameters in the target field's syntax."""

    def json_schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "properties": {k: {"type": "array", "minItems": n, "maxItems": n} for k, n in ARITY.items()},
            "additionalProperties": False,
        }


# Nodes are NamedTuples, not dataclasses: a tenth of the cost to define at start-up (DESIGN §7).
Spec = Leaf | Obj | MapOf | ListOf | Dist


# --- leaves -----------------------------------------------------------------------------------


# Text a table, a chart or a spreadsheet shows is bounded (issue #24: a 21 KB title drew an
# 18,000-pixel chart, a 4 MB one hung it): a scenario's title and names, and any other text.
MAX_TITLE = 200
MAX_TEXT = 2_000


def _text(raw: Any, ctx: Ctx, limit: int = MAX_TEXT) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise Bad(f"expected text, got {units.describe(raw)}")
    if len(raw) > limit:
        hint = "; the description and notes take longer text" if limit == MAX_TITLE else ""
        raise Bad(f"{len(raw):,} characters of text; at most {limit:,} here (shorten it{hint})")
    return raw


def _title(raw: Any, ctx: Ctx) -> str:
    return _text(raw, ctx, MAX_TITLE)


def _text_or_date(raw: Any, ctx: Ctx) -> str:
    """A date, a year (2025) or text such as 'Sept 2025'."""
    if hasattr(raw, "isoformat") and not isinstance(raw, str):
        return str(raw.isoformat())
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    return _text(raw, ctx)


def _version(raw: Any, ctx: Ctx) -> int:
    if raw != 1 or isinstance(raw, bool):
        raise Bad(f"this dealcalc reads format version 1; got {units.describe(raw)} (write 'dealcalc: 1')")
    return 1


def _currency(raw: Any, ctx: Ctx) -> str:
    if not units.is_currency_code(raw):
        raise Bad(f"expected a 3-letter currency code such as KRW, got {units.describe(raw)}")
    return str(raw).upper()


def _choice(*choices: str) -> Parser:
    def parse(raw: Any, ctx: Ctx) -> str:
        if raw not in choices:
            raise Bad(f"expected one of {', '.join(choices)}, got {units.describe(raw)}")
        return str(raw)

    return parse


def _money(signed: bool = False) -> Parser:
    return lambda raw, ctx: units.parse_money(raw, ctx.currency, ctx.fx_rate, signed=signed)


def _positive(parse: Parser, what: str, least: tuple[float, str] | None = None) -> Parser:
    """A denominator: above zero and, with `least` (the value and its words), at least that, since
    a divisor near zero turns every ratio into a figure of many digits (DESIGN §6)."""

    def check(raw: Any, ctx: Ctx) -> Any:
        value = parse(raw, ctx)
        if value <= 0:
            raise Bad(f"must be greater than zero ({what} is a denominator)")
        if least is not None and value < least[0]:
            raise Bad(
                f"{units.describe(raw)} is less than {least[1]}: a denominator this small is a slip of the "
                "number or its scale; check both (e.g. '1,868 USD bn', '51.7 mn')"
            )
        return value

    return check


def _bool(raw: Any, ctx: Ctx) -> bool:
    if not isinstance(raw, bool):
        raise Bad(f"expected true or false, got {units.describe(raw)}")
    return raw


def _caveat(raw: Any, ctx: Ctx) -> str:
    text = _text(raw, ctx)
    if len(text) > CAVEAT_MAX_CHARS:
        raise Bad(
            f"a caveat is at most {CAVEAT_MAX_CHARS} characters (this one has {len(text)}); "
            "shorten it and put the detail in 'notes'"
        )
    return text


CAVEAT_MAX_CHARS = 160


def _horizon(raw: Any, ctx: Ctx) -> int:
    value = units.parse_int(raw)
    if not 1 <= value <= 200:
        raise Bad(f"expected a whole number of years from 1 to 200, got {value}")
    return value


def _share(raw: Any, ctx: Ctx) -> float:
    value = units.parse_rate(raw)
    if value > 1:
        raise Bad(f"a share is at most 100%, got {value * 100:g}%")
    return value


# Measured import-demand elasticities lie within about −0.2 and −10; beyond −20 the exports
# formula X × ((1 + r)/(1 + m))^ε overflows for high rates (issue #24: −1000 with a 1000% MFN).
MIN_ELASTICITY = -20.0


def _elasticity(raw: Any, ctx: Ctx) -> float:
    value = units.parse_number(raw)
    if value > 0:
        raise Bad(f"an import-demand elasticity is zero or negative, got {value:g} (e.g. -1.0)")
    if value < MIN_ELASTICITY:
        raise Bad(
            f"an import-demand elasticity of {value:g} is beyond {MIN_ELASTICITY:g}, where exports "
            "under a high rate overflow; measured ones lie within about -0.2 and -10"
        )
    return value


STR = {"type": "string"}
# Money fields that are flows, a year's amount (DESIGN §2.1: amounts or per-year flows "as their
# name says"): the last part of their key path.
FLOWS = (
    "annual_cap",
    "exports_to_partner",
    "imports_from_partner",
    "surplus_with_partner",
    "reserve_income",
    "exports",
)
MONEY_SCHEMA = {
    "type": "string",
    "pattern": r"^\s*[+-]?[\d,.]+\s+[A-Za-z]{3}\s+[A-Za-z]+",
    "examples": ["550 USD bn"],
}
RATE_SCHEMA = {
    "type": "string",
    "pattern": r"^\s*\+?[\d,.]+\s*%\s*(floor)?\s*$",
    "examples": ["15%", "+25%", "15% floor"],
}
DATE_SCHEMA = {"type": "string", "format": "date"}

INF = math.inf

TEXT = Leaf(_text, {**STR, "maxLength": MAX_TEXT}, "Korea", fig=False)
TITLE = Leaf(_title, {**STR, "maxLength": MAX_TITLE}, "Korea", fig=False)
TEXT_OR_DATE = Leaf(_text_or_date, {"type": ["string", "integer"]}, "2025-11-13", fig=False)
MAX_MONEY = units.MAX_USD_BN
MONEY = Leaf(_money(), MONEY_SCHEMA, "350 USD bn", bounds=(0, MAX_MONEY, False))
SIGNED_MONEY = Leaf(_money(signed=True), MONEY_SCHEMA, "66.0 USD bn", bounds=(-MAX_MONEY, MAX_MONEY, False))
# The least GDP, reserves, reserve income or population a file may give: the smallest economies
# have a GDP of some tens of USD mn and about ten thousand people; below these, a ratio with them as
# divisor is a slip's figure of many digits (--set economy.gdp=0.0000001 USD bn).
LEAST_DENOMINATOR_USD_BN = 0.001  # 1 USD mn
LEAST_POPULATION = 1_000.0
POSITIVE_MONEY = Leaf(
    _positive(_money(), "it", (LEAST_DENOMINATOR_USD_BN, "1 USD mn")),
    MONEY_SCHEMA,
    "1,868 USD bn",
    bounds=(LEAST_DENOMINATOR_USD_BN, MAX_MONEY, False),
)
RATE = Leaf(lambda r, c: units.parse_rate(r), RATE_SCHEMA, "15%", bounds=(0, units.MAX_RATE, False))
TARIFF_RATE = Leaf(
    lambda r, c: units.parse_tariff_rate(r), RATE_SCHEMA, "15% floor", bounds=(0, units.MAX_RATE, False)
)
DATE = Leaf(lambda r, c: units.parse_date(r), DATE_SCHEMA, "2025-11-14")
DAYS = Leaf(
    lambda r, c: units.parse_days(r),
    {"type": "string", "pattern": r"^\d+ (business )?days?$"},
    "45 business days",
)
COUNT = Leaf(
    _positive(lambda r, c: units.parse_count(r), "it", (LEAST_POPULATION, "1,000 people")),
    {"type": ["string", "number"]},
    "51.7 mn",
    bounds=(LEAST_POPULATION, INF, False),
)
FX_RATE = Leaf(
    _positive(lambda r, c: units.parse_number(r), "it"), {"type": "number"}, "1363.98", bounds=(0, INF, True)
)
ELASTICITY = Leaf(
    _elasticity,
    {"type": "number", "maximum": 0, "minimum": MIN_ELASTICITY},
    "-1.0",
    bounds=(MIN_ELASTICITY, 0, False),
)
HORIZON = Leaf(_horizon, {"type": "integer", "minimum": 1, "maximum": 200}, "20", bounds=(1, 200, False))
SHARE = Leaf(_share, RATE_SCHEMA, "40%", bounds=(0, 1, False))
BOOL = Leaf(_bool, {"type": "boolean"}, "true", fig=False)
PLAIN_DATE = Leaf(lambda r, c: units.parse_date(r), DATE_SCHEMA, "2025-11-14", fig=False)
CAVEAT = Leaf(_caveat, {"type": "string", "maxLength": CAVEAT_MAX_CHARS}, "Not legally binding.", fig=False)
YEAR = Leaf(lambda r, c: units.parse_int(r), {"type": "integer"}, "2024", fig=False)

INSTRUMENT_MAP = Obj(dict.fromkeys(INSTRUMENTS, RATE))

SOURCE = Obj(
    {"title": TEXT, "publisher": TEXT, "date": TEXT_OR_DATE, "url": TEXT},
    required=("title",),
)

TRANCHE = Obj(
    {
        "name": TEXT,
        "amount": MONEY,
        "annual_cap": MONEY,
        "kind": Leaf(
            _choice("investment", "purchases"), {"enum": ["investment", "purchases"]}, "investment", fig=False
        ),
        "note": TEXT,
    },
    required=("name", "amount"),
)

TIER = Obj(
    {
        "pledger": RATE,
        "until": Leaf(_choice("recovered"), {"enum": ["recovered"]}, "recovered", fig=False),
        "deemed_interest": RATE,
    },
    required=("pledger",),
)

# The legal authorities a line's above-MFN duty may be levied under (DESIGN §3.3b).
AUTHORITIES = ("mfn", "ieepa", "s122", "s232", "s301", "other")
AUTHORITY_STATUSES = ("in_force", "void", "contested")
AUTHORITY_SCHEMA = {"enum": list(AUTHORITIES)}


def authority_name(raw: Any) -> str:
    if raw not in AUTHORITIES:
        raise Bad(f"expected one of {', '.join(AUTHORITIES)}, got {units.describe(raw)}")
    return str(raw)


def _authority(raw: Any, ctx: Ctx) -> str | dict[str, Any]:
    """One authority for every regime of the line, or a map regime → authority (its names are
    checked one by one, each at its own line, by the validator)."""
    if isinstance(raw, dict):
        return {str(k): v for k, v in raw.items()}
    return authority_name(raw)


AUTHORITY = Leaf(
    _authority,
    {
        "anyOf": [AUTHORITY_SCHEMA, {"type": "object", "additionalProperties": AUTHORITY_SCHEMA}],
        "description": "the law the line's duty above MFN is levied under: one name, or a map regime → name",
    },
    "s232",
    fig=False,
)

AUTHORITY_ENTRY = Obj(
    {
        "status": Leaf(
            _choice(*AUTHORITY_STATUSES), {"enum": list(AUTHORITY_STATUSES)}, "in_force", fig=False
        ),
        "since": PLAIN_DATE,
        "source": TEXT,
        "note": TEXT,
    },
    required=("status",),
    description="what became of a legal authority: in force, void (duty refundable) or contested",
)

LINE = Obj(
    {"exports": MONEY, "mfn": RATE, "authority": AUTHORITY},
    required=("exports", "threatened", "agreed"),
    extra=TARIFF_RATE,
    extra_what="regime",
)

REGIME = Obj(
    {
        "label": TEXT,
        "from": PLAIN_DATE,
        "until": PLAIN_DATE,
        "without_deal": TEXT,
        "source": TEXT,
        "note": TEXT,
    },
    description="a named tariff regime: with `from` (and optional `until`, inclusive) it was in force "
    "over those days; without `from` it is a counterfactual (a threat). `without_deal` (dated regimes "
    "only) names the regime that would have applied on its days without the deal",
)

# Names a regime may not take (in `tariffs.regimes` or as a key on a line): its JSON keys would
# collide with these (duty_<regime>_usd_bn, …) or the words `--from`/`--to` accept.
RESERVED_REGIMES = (
    "mfn",
    "exports",
    "paid_to_date",
    "paid_to_deadline",
    "counterfactual",
    "without_deal",
    "in_force",
    "projected",
    "authority",
    "refundable_to_date",
    "contested_to_date",
    "to_deadline",
    "period",
)
# The words `--from`/`--to` take besides regime names (DESIGN §3.3b).
WITHOUT_DEAL = "without_deal"
IN_FORCE = "in_force"
PROJECT_STATUSES = ("selected", "interest")
CAP_BASES = ("calendar_year", "trailing_year")

PROJECT = Obj(
    {
        "name": TEXT,
        "amount": MONEY,
        "called": DATE,
        "status": Leaf(_choice(*PROJECT_STATUSES), {"enum": list(PROJECT_STATUSES)}, "selected", fig=False),
        "tranche": TEXT,
        "sector": TEXT,
        "source": TEXT,
        "note": TEXT,
    },
    required=("name", "amount", "called"),
)

SCENARIO = Obj(
    {
        "dealcalc": Leaf(_version, {"const": 1}, "1", fig=False),
        "title": TITLE,
        "country": TITLE,
        "partner": TITLE,
        "currency": Leaf(_currency, {"type": "string", "pattern": "^[A-Za-z]{3}$"}, "KRW", fig=False),
        "as_of": Leaf(lambda r, c: units.parse_date(r), DATE_SCHEMA, "2025-11-14", fig=False),
        "description": TEXT,
        "extends": TEXT,
        "notes": ListOf(TEXT, accept_single=True),
        "caveats": ListOf(CAVEAT, accept_single=True),
        "sources": MapOf(SOURCE, key_what="source id"),
        "pledge": Obj(
            {
                "amount": MONEY,
                "tranches": ListOf(TRANCHE),
                "annual_cap": MONEY,
                "start": DATE,
                "deadline": DATE,
                "funding_window": DAYS,
                "instruments": INSTRUMENT_MAP,
                "cost_weights": INSTRUMENT_MAP,
                "profit_split": ListOf(TIER),
                "binding": Leaf(_bool, {"type": "boolean"}, "false"),
                "cap_basis": Leaf(_choice(*CAP_BASES), {"enum": list(CAP_BASES)}, "calendar_year", fig=False),
            },
            required=("start", "deadline"),
        ),
        "economy": Obj(
            {
                "gdp": POSITIVE_MONEY,
                "fx_rate": FX_RATE,
                "fx_reserves": POSITIVE_MONEY,
                "reserve_income": POSITIVE_MONEY,
                "population": COUNT,
            },
            required=("gdp",),
        ),
        "trade": Obj(
            {
                "exports_to_partner": MONEY,
                "imports_from_partner": MONEY,
                "surplus_with_partner": SIGNED_MONEY,
            }
        ),
        "tariffs": Obj(
            {
                "elasticity": ELASTICITY,
                "regimes": MapOf(REGIME, key_what="regime"),
                "lines": MapOf(LINE, key_what="line"),
                "authorities": MapOf(AUTHORITY_ENTRY, key_what="authority"),
            },
            required=("lines",),
        ),
        "returns": Obj(
            {"cash_yield": RATE, "horizon_years": HORIZON, "discount_rate": RATE},
            required=("cash_yield", "horizon_years", "discount_rate"),
        ),
        "incidence": Obj(
            {"exporter_share": SHARE},
            required=("exporter_share",),
            description="who bears a tariff: the pledging country's exporters this share, US buyers the rest",
        ),
        "balance": Obj({"horizon_years": HORIZON}, description="the balance's horizon (default: returns')"),
        "projects": ListOf(PROJECT),
        "uncertainty": MapOf(Dist(), key_what="field path"),
    },
    required=("dealcalc", "title", "country", "pledge", "economy"),
)


def is_plain_number(leaf: Leaf) -> bool:
    """A field written as a bare number (fx_rate, elasticity), not as money or a percent."""
    return leaf.schema.get("type") in ("number", "integer")


def leaf_at(path: tuple[str | int, ...]) -> Leaf | None:
    """The leaf spec a key path names (list indices and map keys included), if any."""
    node: Spec = SCENARIO
    for part in path:
        if isinstance(node, Obj):
            if isinstance(part, str) and part in node.fields:
                node = node.fields[part]
            elif node.extra is not None and isinstance(part, str):
                node = node.extra
            else:
                return None
        elif isinstance(node, MapOf) and isinstance(part, str):
            node = node.value
        elif isinstance(node, ListOf) and isinstance(part, int):
            node = node.item
        else:
            return None
    return node if isinstance(node, Leaf) else None


def numeric_paths(node: "Spec" = SCENARIO, prefix: str = "") -> list[str]:
    """The numeric fields at fixed key paths (`pledge.annual_cap`, `economy.fx_rate`, …): those
    `--vary` and `--set` take without a list index or a name from the file."""
    out: list[str] = []
    if isinstance(node, Leaf) and node.numeric:
        out.append(prefix)
    elif isinstance(node, Obj):
        for key, child in node.fields.items():
            out += numeric_paths(child, f"{prefix}.{key}" if prefix else key)
    return out


def _partial(schema: Any) -> Any:
    """The schema of a file that `extends` another: nothing is required (it comes from the
    parent) and any key may be null (which removes the inherited one)."""
    if isinstance(schema, list):
        return [_partial(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: _partial(v) for k, v in schema.items() if k != "required"}
    if "properties" in out:
        out["properties"] = {k: {"anyOf": [v, {"type": "null"}]} for k, v in out["properties"].items()}
    if isinstance(out.get("additionalProperties"), dict):  # named keys (regimes, lines) too
        out["additionalProperties"] = {"anyOf": [out["additionalProperties"], {"type": "null"}]}
    return out


def json_schema() -> dict[str, Any]:
    full = SCENARIO.json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "dealcalc scenario (format 1)",
        "description": "An investment-for-tariff-relief deal as of one date. See the dealcalc README.",
        "if": {"required": ["extends"]},
        "then": _partial(full),
        "else": full,
    }
