"""Validation of a merged raw scenario into a typed `Scenario`, collecting every problem.

Long because the checks that tie fields together (tranches and the amount, instrument shares,
regimes, projects and caps) all report through one collector of problems and locations."""

from __future__ import annotations

import itertools
from typing import Any, Literal, cast

from dealcalc.errors import Location, Problem, ScenarioError
from dealcalc.keypath import KeyPath, dotted, split_path
from dealcalc.model import inputs as m
from dealcalc.model.common import MAX_PERIODS
from dealcalc.scenario import cache
from dealcalc.scenario import spec as s
from dealcalc.scenario.units import (
    Bad,
    is_currency_code,
    money_currency,
    parse_count,
    parse_money,
    parse_number,
)
from dealcalc.scenario.yamlio import Locations

COMMA_HINT = "; if it is text after a comma inside {…}, quote the whole value"
SUM_TOLERANCE_USD_BN = 0.01
SHARE_TOLERANCE = 1e-6


def is_placeholder(raw: object) -> bool:
    """A `<placeholder>` of the skeleton `dealcalc new` prints, not yet filled in."""
    return isinstance(raw, str) and raw.startswith("<") and raw.endswith(">")


def closest(word: str, choices: list[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: list[str]) -> str:
    close = closest(word, choices)
    return f" (did you mean {close!r}?)" if close else ""


class Validator:
    def __init__(self, locations: Locations, file: str) -> None:
        self.locations = locations
        self.file = file
        self.problems: list[Problem] = []
        self.provenance: dict[str, m.Provenance] = {}
        self.failed: set[KeyPath] = set()
        self.local_money: dict[str, float] = {}  # path → amount in the local currency, bn
        self.ctx = s.Ctx()
        self.fx_refused = False

    # --- reporting ------------------------------------------------------------------------------
    def where(self, path: KeyPath) -> Location:
        for i in range(len(path), -1, -1):
            loc = self.locations.get(path[:i])
            if loc is not None:
                return loc
        return Location(self.file)

    def fail(self, path: KeyPath, message: str) -> None:
        self.problems.append(Problem(self.where(path), dotted(path), message))
        self.failed.add(path)

    # --- the generic walk -------------------------------------------------------------------------
    def walk(self, spec: s.Spec, raw: Any, path: KeyPath) -> Any:
        """Parse `raw` against `spec`; on failure record a problem and return None. A part of a
        cached parent that checked clean is taken as checked (`dealcalc.scenario.cache`)."""
        if id(raw) not in cache.frozen or isinstance(spec, s.Leaf):
            return self._walk(spec, raw, path)
        key = (id(raw), path, id(spec), self.ctx)
        hit = cache.walks.get(key)
        if hit is not None:
            self.provenance.update(hit[1])
            self.local_money.update(hit[2])
            return hit[0]
        outer, outer_money, before = self.provenance, self.local_money, len(self.problems)
        self.provenance, self.local_money = {}, {}
        try:
            value = self._walk(spec, raw, path)
        finally:
            provenance, money = self.provenance, self.local_money
            self.provenance, self.local_money = outer, outer_money
            outer.update(provenance)
            outer_money.update(money)
        if len(self.problems) == before:
            cache.walks[key] = (value, provenance, money)
        return value

    def _walk(self, spec: s.Spec, raw: Any, path: KeyPath) -> Any:
        if isinstance(spec, s.Leaf):
            return self.leaf(spec, raw, path)
        if isinstance(spec, s.Obj):
            return self.obj(spec, raw, path)
        if isinstance(spec, s.ListOf):
            if spec.accept_single and not isinstance(raw, list):
                raw = [raw]
            if not isinstance(raw, list):
                self.fail(path, f"expected a list (items start with '- '), got {_what(raw)}")
                return None
            return [self.walk(spec.item, item, (*path, i)) for i, item in enumerate(raw)]
        if isinstance(spec, s.MapOf):
            if not isinstance(raw, dict):
                self.fail(path, f"expected a mapping of {spec.key_what} → value, got {_what(raw)}")
                return None
            long = [k for k in raw if len(k) > s.MAX_TITLE]  # a name shown in tables and charts
            for k in long:
                message = f"a name of {len(k):,} characters; at most {s.MAX_TITLE} (shorten it)"
                self.problems.append(Problem(self.where((*path, k)), dotted((*path, f"{k[:20]}…")), message))
                self.failed.add((*path, k))
            if long:
                raw = {k: v for k, v in raw.items() if len(k) <= s.MAX_TITLE}
            if isinstance(spec.value, s.Dist):
                return {k: self.dist(v, (*path, k), k) for k, v in raw.items()}
            return {k: self.walk(spec.value, v, (*path, k)) for k, v in raw.items()}
        raise AssertionError(spec)  # pragma: no cover

    def obj(self, spec: s.Obj, raw: Any, path: KeyPath) -> dict[str, Any] | None:
        if not isinstance(raw, dict):
            fields = ", ".join(spec.fields) if spec.fields else "…"
            self.fail(path, f"expected a mapping with fields ({fields}), got {_what(raw)}")
            return None
        out: dict[str, Any] = {}
        for key, value in raw.items():
            if value is None and (key in spec.fields or spec.extra is not None):
                continue  # `key: null` removes a known key (or a named one, e.g. a regime)
            if key in spec.fields:
                out[key] = self.walk(spec.fields[key], value, (*path, key))
            elif spec.extra is not None:
                out[key] = self.walk(spec.extra, value, (*path, key))
            else:
                known = list(spec.fields)
                # a key with no value is often the tail of text cut at a comma inside {…}
                hint = COMMA_HINT if value is None else ""
                self.fail((*path, key), "unknown field" + did_you_mean(key, known) + _known(known) + hint)
        complete = True
        for key in spec.required:
            if raw.get(key) is None:
                complete = False
                field_spec = spec.fields.get(key, spec.extra)
                example = f" (e.g. {key}: {field_spec.example})" if isinstance(field_spec, s.Leaf) else ""
                removed = self.locations.get((*path, key))
                if removed is not None and removed.file == "--set":
                    self.fail((*path, key), f"removed by --set, but a scenario needs it{example}")
                    continue
                typo = closest(key, [k for k in raw if k not in spec.fields]) if spec.extra else None
                hint = f"; is {typo!r} a misspelling of it?" if typo else ""
                self.fail(path, f"missing required field '{key}'{example}{hint}")
        # an object missing a required field is reported once, here, and not built further
        return out if complete else None

    def leaf(self, spec: s.Leaf, raw: Any, path: KeyPath) -> Any:
        if spec.fig and isinstance(raw, dict):
            if "value" not in raw:
                self.fail(
                    path,
                    f"a figure needs 'value': write {spec.example!r} or "
                    f"{{value: {spec.example}, source: <id>}}",
                )
                return None
            meta = self.figure_meta(raw, path)
            self.provenance[dotted(path)] = meta
            raw = raw["value"]
            sub = (*path, "value")
        else:
            sub = path
        if is_placeholder(raw):  # from `dealcalc new`
            self.fail(
                sub if sub in self.locations else path, f"placeholder {raw!r} is not filled in; replace it"
            )
            return None
        try:
            value = spec.parse(raw, self.ctx)
        except Bad as exc:
            if self.fx_refused and spec.schema is s.MONEY_SCHEMA and "needs economy.fx_rate" in str(exc):
                self.failed.add(path)  # a follow-on of the refused fx_rate, which is reported
                return None
            self.fail(sub if sub in self.locations else path, str(exc))
            return None
        if spec.schema is s.MONEY_SCHEMA and self.ctx.fx_rate and _in_local_currency(raw, self.ctx.currency):
            self.local_money[dotted(path)] = value * self.ctx.fx_rate
        return value

    def figure_meta(self, raw: dict[str, Any], path: KeyPath) -> m.Provenance:
        for key in raw:
            if key not in s.FIG_META:
                self.fail(
                    (*path, key),
                    "unknown field" + did_you_mean(key, list(s.FIG_META)) + _known(list(s.FIG_META)),
                )
        out: dict[str, Any] = {}
        for key, leaf in (
            ("source", s.TEXT),
            ("year", s.YEAR),
            ("date", s.TEXT_OR_DATE),
            ("note", s.TEXT),
            ("assumption", s.BOOL),
        ):
            if raw.get(key) is not None:
                out[key] = self.leaf(leaf, raw[key], (*path, key))
        return m.Provenance(**out)

    def dist(self, raw: Any, path: KeyPath, target: str) -> m.Distribution | None:
        parts = split_path(target)
        leaf = s.leaf_at(parts)
        if leaf is None or not leaf.numeric:
            self.fail(path, "not a numeric field of the scenario; name one such as economy.fx_rate")
            return None
        if not isinstance(raw, dict) or len(raw) != 1:
            self.fail(path, "expected one distribution, e.g. {normal: [mean, sd]} or {uniform: [lo, hi]}")
            return None
        ((kind, params),) = raw.items()
        arity = s.ARITY.get(kind)
        if arity is None:
            self.fail(
                (*path, kind),
                "unknown distribution" + did_you_mean(kind, list(s.ARITY)) + _known(list(s.ARITY)),
            )
            return None
        if not isinstance(params, list) or len(params) != arity:
            self.fail((*path, kind), f"{kind} takes a list of {arity} values")
            return None
        values: list[float] = []
        forms: set[str] = set()
        for i, p in enumerate(params):
            try:
                # lognormal parameters are of the log, so plain numbers
                # lognormal takes the log's mean and sd; a normal's sd is a spread, not a value of
                # the field (an elasticity's sd is positive): plain numbers for plain-number fields
                spread = kind == "lognormal" or (kind == "normal" and i == 1 and s.is_plain_number(leaf))
                if kind == "normal" and i == 1 and leaf.schema is s.MONEY_SCHEMA:
                    # a spread of money, not an amount of the field: not held to a GDP's least
                    v = parse_money(p, self.ctx.currency, self.ctx.fx_rate)
                elif kind == "normal" and i == 1 and leaf is s.COUNT:
                    v = parse_count(p)
                else:
                    v = parse_number(p) if spread else leaf.parse(p, self.ctx)
            except Bad as exc:
                self.fail((*path, kind, i), str(exc))
                return None
            if isinstance(v, m.RegimeRate):
                forms.add(v.form)
            values.append(float(v.value) if isinstance(v, m.RegimeRate) else float(v))
        if len(forms) > 1:
            self.fail(
                (*path, kind),
                "write every value in one form: all-in ('15%'), surcharges ('+15%') or floors ('15% floor')",
            )
            return None
        if kind in ("normal", "lognormal") and values[1] <= 0:
            self.fail((*path, kind), "the spread (second value) must be greater than zero")
            return None
        if kind == "uniform" and not values[0] < values[1]:
            self.fail((*path, kind), "uniform needs lo < hi")
            return None
        if kind == "triangular" and not (values[0] <= values[1] <= values[2] and values[0] < values[2]):
            self.fail((*path, kind), "triangular needs lo ≤ mode ≤ hi with lo < hi")
            return None
        return m.Distribution(kind, tuple(values), cast(m.RateForm, forms.pop()) if forms else None)

    # --- the scenario ---------------------------------------------------------------------------
    def scenario(self, raw: Any) -> m.Scenario:
        if not isinstance(raw, dict):
            kind = "empty" if raw is None else _what(raw)
            raise ScenarioError(
                [
                    Problem(
                        Location(self.file),
                        "",
                        f"the file is {kind}; a scenario is a "
                        "mapping of fields starting with 'dealcalc: 1' "
                        "('dealcalc new COUNTRY' prints a skeleton)",
                    )
                ]
            )
        # Money in the local currency needs these two before anything else is read.
        currency = raw.get("currency")
        if isinstance(currency, str) and is_currency_code(currency):
            self.ctx = s.Ctx(currency=currency.upper())
        econ = raw.get("economy")
        if isinstance(econ, dict) and econ.get("fx_rate") is not None:
            fx = Validator(self.locations, self.file).walk(s.FX_RATE, econ["fx_rate"], ("economy", "fx_rate"))
            self.ctx = s.Ctx(currency=self.ctx.currency, fx_rate=fx)
            self.fx_refused = fx is None  # its own problem says so; money needing it need not
        data = self.obj(s.SCENARIO, raw, ())
        scenario = self.build(data) if data is not None else None
        if self.problems or scenario is None:
            # in file order, as a reader goes through the file
            order = {f: i for i, f in enumerate(dict.fromkeys(p.location.file for p in self.problems))}
            self.problems.sort(key=lambda p: (order[p.location.file], p.location.line, p.location.column))
            raise ScenarioError(self.problems)
        return scenario

    def ok(self, *path: str | int) -> bool:
        """True unless the value at path (or below) already failed."""
        return not any(f[: len(path)] == path for f in self.failed)

    def build(self, d: dict[str, Any]) -> m.Scenario | None:
        sources = {k: m.Source(**v) for k, v in (d.get("sources") or {}).items() if v}
        pledge = self.build_pledge(d["pledge"]) if d.get("pledge") is not None else None
        economy = d.get("economy") or {}
        trade = self.build_trade(d.get("trade") or {})
        tariffs = self.build_tariffs(d.get("tariffs"))
        projects = self.build_projects(d.get("projects") or [], pledge)
        self.check_sources(sources, d)
        if pledge is None or economy.get("gdp") is None or self.problems:
            return None
        returns = (
            m.Returns(**d["returns"]) if d.get("returns") and None not in d["returns"].values() else None
        )
        share = (d.get("incidence") or {}).get("exporter_share")
        horizon = (d.get("balance") or {}).get("horizon_years")
        notes = tuple(n for n in d.get("notes") or () if n)
        caveats = tuple(c for c in d.get("caveats") or () if c)
        return m.Scenario(
            title=d["title"],
            country=d["country"],
            pledge=pledge,
            economy=m.Economy(**{k: v for k, v in economy.items() if v is not None}),
            file=self.file,
            partner=d.get("partner") or "United States",
            currency=self.ctx.currency,
            as_of=d.get("as_of"),
            description=d.get("description"),
            notes=notes,
            caveats=caveats,
            sources=sources,
            trade=trade,
            tariffs=tariffs,
            returns=returns,
            incidence=m.Incidence(share) if share is not None else None,
            balance=m.BalanceParams(horizon) if horizon is not None else None,
            projects=projects,
            uncertainty={k: v for k, v in (d.get("uncertainty") or {}).items() if v},
            provenance=self.provenance,
            local_money={
                k: v
                for k, v in self.local_money.items()
                if not (k == "pledge.amount" and pledge.explicit_tranches)
            },
        )

    def build_pledge(self, p: dict[str, Any]) -> m.Pledge | None:
        path = ("pledge",)
        tranches: list[m.Tranche] = []
        explicit = p.get("tranches") is not None
        if explicit:
            seen: set[str] = set()
            for i, t in enumerate(p["tranches"]):
                if not t or t.get("name") is None or t.get("amount") is None:
                    continue
                if t["name"] in seen:
                    self.fail(
                        (*path, "tranches", i, "name"),
                        f"tranche name {t['name']!r} is used twice; names must differ",
                    )
                seen.add(t["name"])
                kind = t.get("kind") or "investment"
                if kind == "purchases" and t.get("annual_cap") is not None:
                    self.fail(
                        (*path, "tranches", i, "annual_cap"),
                        "a purchases tranche has no annual cap (caps pace investment); remove it",
                    )
                self.check_cap((*path, "tranches", i, "annual_cap"), t["amount"], t.get("annual_cap"))
                tranches.append(
                    m.Tranche(
                        t["name"],
                        t["amount"],
                        t.get("annual_cap"),
                        "purchases" if kind == "purchases" else "investment",
                    )
                )
            if self.ok(*path, "tranches") and not any(t.kind == "investment" for t in tranches):
                self.fail((*path, "tranches"), "needs at least one investment tranche (kind: investment)")
            if p.get("annual_cap") is not None:
                self.fail(
                    (*path, "annual_cap"),
                    "a pledge-wide annual_cap goes only without tranches; "
                    "put the cap on a tranche (or 'annual_cap: null' in a file that extends another)",
                )
            total = sum(t.amount for t in tranches if t.kind == "investment")
            if (
                p.get("amount") is not None
                and self.ok(*path, "tranches")
                and abs(p["amount"] - total) > SUM_TOLERANCE_USD_BN
            ):
                self.fail(
                    (*path, "amount"),
                    f"is {p['amount']:,.2f} USD bn but the investment tranches sum "
                    f"to {total:,.2f} USD bn; make them agree (or drop amount)",
                )
        elif p.get("amount") is not None:
            self.check_cap((*path, "annual_cap"), p["amount"], p.get("annual_cap"))
            tranches.append(m.Tranche("pledge", p["amount"], p.get("annual_cap")))
        elif self.ok(*path, "amount"):
            self.fail(path, "missing required field 'amount' (e.g. amount: 350 USD bn), or give 'tranches'")
        start, deadline = p.get("start"), p.get("deadline")
        if start and deadline and deadline <= start:
            self.fail(
                (*path, "deadline"), f"{deadline} is not after start {start}; the deadline must be later"
            )
        instruments = p.get("instruments")
        if instruments is not None and self.ok(*path, "instruments"):
            total_share = sum(instruments.values())
            if abs(total_share - 1) > SHARE_TOLERANCE:
                self.fail(
                    (*path, "instruments"), f"shares sum to {total_share * 100:g}%, not 100%; adjust them"
                )
        tiers = self.build_tiers(p.get("profit_split"))
        if not tranches or start is None or deadline is None or self.problems:
            return None
        return m.Pledge(
            tranches=tuple(tranches),
            start=start,
            deadline=deadline,
            explicit_tranches=explicit,
            funding_window=p.get("funding_window"),
            instruments={k: v for k, v in instruments.items() if v is not None} if instruments else None,
            cost_weights={k: v for k, v in (p.get("cost_weights") or {}).items() if v is not None},
            profit_split=tiers,
            binding=p.get("binding", True),
            cap_basis=p.get("cap_basis") or "calendar_year",
        )

    def check_cap(self, path: KeyPath, amount: float, cap: float | None) -> None:
        if cap is None:
            return
        if cap <= 0:
            self.fail(path, "an annual cap must be greater than zero")
        elif amount / cap > MAX_PERIODS:
            self.fail(
                path,
                f"at this cap the payout takes {amount / cap:,.0f} years; "
                f"dealcalc plans at most {MAX_PERIODS:,} (check the scale: bn, not mn?)",
            )

    def build_tiers(self, raw: list[dict[str, Any]] | None) -> tuple[m.Tier, ...] | None:
        if raw is None:
            return None
        path = ("pledge", "profit_split")
        if not raw:
            self.fail(path, "needs at least one tier, e.g. [{pledger: 50%}]")
            return None
        tiers: list[m.Tier] = []
        for i, t in enumerate(raw):
            if not t or t.get("pledger") is None:
                continue
            until = t.get("until") == "recovered"
            if t["pledger"] > 1:
                self.fail((*path, i, "pledger"), "a share cannot exceed 100%")
            if until and i != 0:
                self.fail((*path, i, "until"), "only the first tier may run 'until: recovered'")
            elif until and i == len(raw) - 1:
                self.fail(
                    (*path, i, "until"), "the last tier has no 'until': add the tier that follows recovery"
                )
            if until and t["pledger"] <= 0:
                self.fail(
                    (*path, i, "pledger"), "a tier that runs until recovery needs a pledger share above 0%"
                )
            if t.get("deemed_interest") is not None and not until:
                self.fail(
                    (*path, i, "deemed_interest"), "deemed_interest goes only on the 'until: recovered' tier"
                )
            if not until and i < len(raw) - 1:
                self.fail(
                    (*path, i),
                    "a tier without 'until' never ends, so the tiers after it are never "
                    "reached; remove them or add 'until: recovered'",
                )
            tiers.append(m.Tier(t["pledger"], until, t.get("deemed_interest") or 0.0))
        return tuple(tiers)

    def build_trade(self, t: dict[str, Any]) -> m.Trade:
        # a surplus not given is derived (exports − imports) by Trade.surplus when read
        return m.Trade(
            t.get("exports_to_partner"), t.get("imports_from_partner"), t.get("surplus_with_partner")
        )

    def build_tariffs(self, t: dict[str, Any] | None) -> m.Tariffs | None:
        if not t or t.get("lines") is None:
            return None
        lines: list[m.TariffLine] = []
        if not t["lines"]:
            self.fail(
                ("tariffs", "lines"),
                "needs at least one line, e.g. autos: {exports: 34.7 USD bn, threatened: 25%, agreed: 15%}",
            )
        authorities = self.build_authorities(t.get("authorities") or {})
        for name, line in t["lines"].items():
            if not line or line.get("exports") is None:
                continue
            regimes = {k: v for k, v in line.items() if k not in s.LINE.fields and v is not None}
            for key in regimes:
                if key in s.RESERVED_REGIMES:
                    self.fail(("tariffs", "lines", name, key), _reserved_message(key))
            declared = set(t.get("authorities") or {})
            authority = self.check_authority(name, line.get("authority"), regimes, declared)
            lines.append(m.TariffLine(name, line["exports"], line.get("mfn") or 0.0, regimes, authority))
        named = self.build_regimes(t.get("regimes") or {})
        for regime in named:
            without = [
                name
                for name, line in t["lines"].items()
                if isinstance(line, dict)
                and line.get(regime.name) is None
                and self.ok("tariffs", "lines", name)
            ]
            added = ("tariffs", "regimes", regime.name)
            if without and self.where(added).file == "--set":
                # the regime is new on the command line: that is where the missing rates belong
                lines_in_file = [n for n in without if self.where(("tariffs", "lines", n)).file != "--set"]
                if lines_in_file:
                    self.fail(
                        added,
                        f"a regime added by --set needs a rate on every tariff line, and "
                        f"{', '.join(lines_in_file)} {'has' if len(lines_in_file) == 1 else 'have'} none "
                        f"(add each, e.g. --set tariffs.lines.{lines_in_file[0]}.{regime.name}=15%)",
                    )
                    without = [n for n in without if n not in lines_in_file]
            for name in without:
                self.fail(
                    ("tariffs", "lines", name),
                    f"has no rate for regime {regime.name!r}, which tariffs.regimes names; every line "
                    f"needs a rate under every regime (e.g. {regime.name}: 15%)",
                )
        self.check_twins(named, t["lines"])
        return m.Tariffs(tuple(lines), t.get("elasticity") or 0.0, named, authorities)

    def build_authorities(self, raw: dict[str, Any]) -> dict[str, m.Authority]:
        """`tariffs.authorities`: what became of each legal authority a line names."""
        out: dict[str, m.Authority] = {}
        names = [a for a in s.AUTHORITIES if a != "mfn"]
        for name, entry in raw.items():
            path = ("tariffs", "authorities", name)
            if name not in names:
                why = "MFN duty needs no entry" if name == "mfn" else "unknown authority"
                self.fail(path, f"{why}{did_you_mean(str(name), names)}; authorities: {', '.join(names)}")
                continue
            if not entry or entry.get("status") is None:
                continue
            if entry.get("source") or entry.get("note"):
                self.provenance[dotted(path)] = m.Provenance(
                    source=entry.get("source"), note=entry.get("note")
                )
            out[name] = m.Authority(
                entry["status"], entry.get("since"), entry.get("source"), entry.get("note")
            )
        return out

    def check_authority(
        self,
        line: str,
        raw: str | dict[str, Any] | None,
        regimes: dict[str, Any],
        declared: set[str],
    ) -> str | dict[str, str]:
        """A line's `authority:`: regimes of the line as map keys; every name other than mfn has
        an entry under tariffs.authorities."""
        if raw is None:
            return "mfn"
        path: KeyPath = ("tariffs", "lines", line, "authority")
        named = {None: raw} if isinstance(raw, str) else raw
        out: dict[str, str] = {}
        for regime, authority in named.items():
            where = path if regime is None else (*path, regime)
            if regime is not None:
                try:
                    out[regime] = s.authority_name(authority)
                except Bad as exc:
                    self.fail(where, str(exc))
                    continue
            if regime is not None and regime not in regimes:
                known = list(regimes)
                self.fail(
                    where,
                    f"{regime!r} is not a regime of line {line!r}"
                    + did_you_mean(regime, known)
                    + f" (its regimes: {', '.join(known)})",
                )
            elif authority != "mfn" and authority not in declared:
                self.fail(
                    where,
                    f"authority {authority!r} has no entry under tariffs.authorities; add one, e.g. "
                    f"'{authority}: {{status: in_force}}' (or void, contested)",
                )
        return raw if isinstance(raw, str) else out

    def check_twins(self, named: tuple[m.Regime, ...], lines: dict[str, Any]) -> None:
        """`without_deal:` only on a dated regime, naming another regime on every line (or mfn)."""
        # a line refused as a whole (rates missing: one added by --set without them) says so itself
        clean = [ln for name, ln in lines.items() if ("tariffs", "lines", name) not in self.failed]
        on_all = [
            k
            for k in next(iter(clean), None) or {}
            if k not in s.LINE.fields
            and k not in s.RESERVED_REGIMES
            and all(isinstance(ln, dict) and ln.get(k) is not None for ln in clean)
        ]
        for regime in named:
            twin = regime.without_deal
            if twin is None:
                continue
            path = ("tariffs", "regimes", regime.name, "without_deal")
            if regime.start is None:
                self.fail(
                    path,
                    "goes only on a dated regime (one with 'from'): a regime never in force needs no "
                    "without-deal twin; remove it or date the regime",
                )
            elif twin == regime.name:
                self.fail(
                    path,
                    "names its own regime; name the regime that would apply on these days without "
                    "the deal (or remove without_deal: a regime without one is its own twin)",
                )
            elif twin in (s.WITHOUT_DEAL, s.IN_FORCE):
                self.fail(
                    path,
                    f"{twin!r} is a word of --from/--to, not a regime; name the regime that would "
                    "apply without the deal (e.g. threatened)",
                )
            elif twin != "mfn" and twin not in on_all and clean:
                choices = ["mfn", *on_all]
                self.fail(
                    path,
                    f"{twin!r} is not a regime on every line"
                    + did_you_mean(twin, choices)
                    + f" (regimes on every line: {', '.join(choices)})",
                )

    def build_regimes(self, raw: dict[str, Any]) -> tuple[m.Regime, ...]:
        """The named regimes, checked: names, `until` only with `from` and not before it, and no two
        dated periods overlapping (one problem each, at the later regime's line)."""
        out: list[m.Regime] = []
        for name, r in raw.items():
            path = ("tariffs", "regimes", name)
            if not _regime_name_ok(name):
                self.fail(path, _reserved_message(name))
                continue
            if r is None:
                continue
            start, until = r.get("from"), r.get("until")
            if until is not None and start is None:
                self.fail(
                    (*path, "until"), "'until' needs a 'from' (without 'from' a regime is never in force)"
                )
                continue
            if until is not None and start is not None and until < start:
                self.fail(
                    (*path, "until"), f"{until} is before 'from' {start}; 'until' is the last day in force"
                )
                continue
            if r.get("source") or r.get("note"):
                self.provenance[dotted(path)] = m.Provenance(source=r.get("source"), note=r.get("note"))
            out.append(
                m.Regime(
                    name, r.get("label"), start, until, r.get("source"), r.get("note"), r.get("without_deal")
                )
            )
        dated = sorted((r for r in out if r.start is not None), key=lambda r: str(r.start))
        for before, after in itertools.pairwise(dated):
            if before.until is not None and after.start is not None and after.start <= before.until:
                self.fail(
                    ("tariffs", "regimes", after.name, "from"),
                    f"{after.start} falls inside regime {before.name!r} ({before.start} to {before.until}); "
                    "dated regimes may not overlap",
                )
            elif before.start == after.start:
                self.fail(
                    ("tariffs", "regimes", after.name, "from"),
                    f"regime {before.name!r} also starts on {after.start}; dated regimes may not overlap "
                    f"(give {before.name!r} an 'until' or another date)",
                )
        return tuple(out)

    def build_projects(self, raw: list[dict[str, Any]], pledge: m.Pledge | None) -> tuple[m.Project, ...]:
        out: list[m.Project] = []
        names = [t.name for t in pledge.investment] if pledge else []
        for i, p in enumerate(raw):
            if not p or None in (p.get("name"), p.get("amount"), p.get("called")):
                continue
            tranche = p.get("tranche")
            status = cast(Literal["selected", "interest"], p.get("status") or "selected")
            if pledge is not None and pledge.explicit_tranches:
                if tranche is None and status == "selected":
                    self.fail(
                        ("projects", i),
                        "missing required field 'tranche' (the pledge has tranches: "
                        + ", ".join(names)
                        + ")",
                    )
                elif tranche is not None and tranche not in names:
                    self.fail(
                        ("projects", i, "tranche"),
                        f"{tranche!r} is not an investment tranche"
                        + did_you_mean(tranche, names)
                        + f" (tranches: {', '.join(names)})",
                    )
            elif tranche is not None and pledge is not None:
                self.fail(("projects", i, "tranche"), "the pledge has no tranches; remove 'tranche'")
            if p.get("source"):
                self.provenance.setdefault(f"projects.{i}", m.Provenance(source=p["source"]))
            out.append(
                m.Project(
                    p["name"],
                    p["amount"],
                    p["called"],
                    tranche,
                    p.get("sector"),
                    p.get("source"),
                    p.get("note"),
                    status,
                )
            )
        return tuple(out)

    def check_sources(self, sources: dict[str, m.Source], d: dict[str, Any]) -> None:
        ids = list(sources)
        for dotted_path, prov in self.provenance.items():
            source = prov.source
            if source and source not in sources:
                path = (*split_path(dotted_path), "source")
                defined = f" (defined: {', '.join(ids)})" if ids else " (no sources are defined)"
                self.fail(
                    path,
                    f"source {source!r} is not defined under 'sources'" + did_you_mean(source, ids) + defined,
                )


def _regime_name_ok(name: str) -> bool:
    first, rest = name[:1], name[1:]
    return (
        "a" <= first <= "z"
        and all(c == "_" or "a" <= c <= "z" or "0" <= c <= "9" for c in rest)
        and name not in s.RESERVED_REGIMES
    )


def _reserved_message(name: str) -> str:
    return (
        f"{name!r} cannot name a regime: use lower-case letters, digits and '_', starting "
        f"with a letter, and none of {', '.join(s.RESERVED_REGIMES)}"
    )


def _in_local_currency(raw: Any, currency: str) -> bool:
    """Whether a money string is written in the file's own currency (not USD)."""
    return currency != "USD" and money_currency(raw) == currency


def _known(fields: list[str]) -> str:
    return "" if len(fields) > 12 else f"; known fields: {', '.join(fields)}"


def _what(raw: Any) -> str:
    from dealcalc.scenario.units import describe

    return describe(raw)
