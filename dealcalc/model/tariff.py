"""Tariff outcomes under each regime: duty, effective rate, savings (DESIGN §3.3).

Partial equilibrium, one market: exports respond to the tariff through a constant import-demand
elasticity; nothing is said about who bears the duty.

Long because the pair of regimes compared, the figures (written once for floats and numpy
arrays), the per-line rows and the duty by legal status all read the same lines and regimes;
the timeline's spans of days are in timeline.py."""

# No `from __future__ import annotations`: NamedTuple would compile each string annotation at start-up.

import datetime as dt
from typing import Any, NamedTuple, overload

from dealcalc.errors import MissingInputError, PairError, UnknownRegimeError
from dealcalc.model.common import FLOATS, Ops
from dealcalc.model.dates import years_between
from dealcalc.model.inputs import Scenario, TariffLine, Tariffs
from dealcalc.model.timeline import (
    Period,
    Timeline,
    compute_timeline,
    dated_spans,
    periods,
    regime_on,
    twin_of,
)

MFN = "mfn"
# The words the regimes compared may be given as, besides regime names (DESIGN §3.3b).
WITHOUT_DEAL = "without_deal"
IN_FORCE = "in_force"
# the keys of a tariff record that name regimes rather than measure anything
PAIR_KEYS = ("from", "to", "from_label", "to_label", "counterfactual")
# the keys besides duty_<regime>_usd_bn and effective_rate_<regime>
TARIFF_KEYS = (
    "exports_usd_bn",
    "annual_savings_usd_bn",
    "exports_preserved_usd_bn",
    "pledge_to_annual_savings",
    "savings_to_deadline_usd_bn",
    "extra_duty_vs_mfn_usd_bn",
    "tariff_coverage",
    "as_of",
    "regime_in_force",
    "duty_paid_to_date_usd_bn",
    "duty_refundable_to_date_usd_bn",
    "duty_contested_to_date_usd_bn",
    "savings_to_date_usd_bn",
    "duty_projected_usd_bn",
    "savings_projected_usd_bn",
    "duty_to_deadline_usd_bn",
    "savings_to_deadline_timeline_usd_bn",
)


class Pair(NamedTuple):
    """The regimes a tariff view compares (DESIGN §3.3b): `from_regime` → `to_regime` as resolved
    names; `twin`: the timeline's counterfactual is the without-deal twin day by day (else
    `from_regime` held throughout); `day`: the as-of date the pair was taken on, if any."""

    from_regime: str
    to_regime: str
    twin: bool
    day: dt.date | None
    in_force: bool = False  # `to_regime` is the regime in force on `day`


def regime_label(tariffs: Tariffs, regime: str) -> str:
    """A regime's `label:` (its key when it has none); `mfn` is "MFN"."""
    return tariffs.label_of(regime)


def as_of_of(s: Scenario, as_of: dt.date | None = None) -> dt.date | None:
    """The as-of date tariff figures are taken on: `as_of`, else the command's, else the file's."""
    return as_of or s.compared.as_of or s.as_of


def resolve_pair(
    s: Scenario, from_regime: str | None = None, to_regime: str | None = None, as_of: dt.date | None = None
) -> Pair:
    """The pair compared. With dated regimes and an as-of date (`as_of`, else the file's) the
    defaults are `without_deal` → `in_force`: the twin of the regime in force on that day → that
    regime; otherwise `threatened` → `agreed`. `without_deal` with a named `to` is that regime's
    twin. Naming `without_deal` or `in_force` with no date to take them on is a usage error."""
    tariffs = require_tariffs(s)
    spans = dated_spans(tariffs.regimes)
    from_regime = from_regime or s.compared.from_regime
    to_regime = to_regime or s.compared.to_regime
    day = as_of_of(s, as_of)
    dated = bool(spans) and day is not None
    want_from = from_regime or (WITHOUT_DEAL if dated else "threatened")
    want_to = to_regime or (IN_FORCE if dated else "agreed")
    if want_from == IN_FORCE or want_to == WITHOUT_DEAL:
        word = want_to if want_to == WITHOUT_DEAL else want_from
        raise PairError(
            f"{s.file}: {word!r} is on the wrong side: the regime compared from may be "
            f"{WITHOUT_DEAL!r}, the regime compared to {IN_FORCE!r}"
        )
    for word in (w for w in (want_from, want_to) if w in (WITHOUT_DEAL, IN_FORCE) and not dated):
        why = "has no dated regimes ('from' dates)" if not spans else "has no as-of date"
        fix = "give the file an as_of, or an as-of date" if spans else "name the regimes to compare"
        raise PairError(f"{s.file}: {word!r} is taken on the as-of date, and the file {why}; {fix}")
    to = regime_on(spans, day) if want_to == IN_FORCE and day is not None else want_to
    twin = want_from == WITHOUT_DEAL
    fro = twin_of(tariffs.regimes, to) if twin else want_from
    return Pair(fro, to, twin, day if dated else None, want_to == IN_FORCE)


class TariffResult(NamedTuple):
    exports_usd_bn: float
    regimes: tuple[str, ...]
    duty_usd_bn: dict[str, float]
    effective_rate: dict[str, float | None]
    from_regime: str
    to_regime: str
    from_label: str
    to_label: str
    pair: Pair
    annual_savings_usd_bn: float
    exports_preserved_usd_bn: float
    pledge_to_annual_savings: float | None
    savings_to_deadline_usd_bn: float
    extra_duty_vs_mfn_usd_bn: float
    tariff_coverage: float | None
    timeline: Timeline

    def record(self) -> dict[str, Any]:
        """Keys of DESIGN §3.3: duty_<regime>_usd_bn and effective_rate_<regime> per regime."""
        out: dict[str, Any] = {"exports_usd_bn": self.exports_usd_bn}
        for r in self.regimes:
            out[f"duty_{r}_usd_bn"] = self.duty_usd_bn[r]
        for r in self.regimes:
            out[f"effective_rate_{r}"] = self.effective_rate[r]
        out.update(
            {
                "from": self.from_regime,
                "to": self.to_regime,
                "from_label": self.from_label,
                "to_label": self.to_label,
                # what the timeline's savings are measured against: the twin, or `from` held throughout
                "counterfactual": WITHOUT_DEAL if self.pair.twin else self.from_regime,
                "annual_savings_usd_bn": self.annual_savings_usd_bn,
                "exports_preserved_usd_bn": self.exports_preserved_usd_bn,
                "pledge_to_annual_savings": self.pledge_to_annual_savings,
                "savings_to_deadline_usd_bn": self.savings_to_deadline_usd_bn,
                "extra_duty_vs_mfn_usd_bn": self.extra_duty_vs_mfn_usd_bn,
                "tariff_coverage": self.tariff_coverage,
                **self.timeline._asdict(),
            }
        )
        return out


class LineResult(NamedTuple):
    line: str
    exports_usd_bn: float
    rate: dict[str, float]
    duty_usd_bn: dict[str, float]

    def record(self) -> dict[str, Any]:
        out: dict[str, Any] = {"line": self.line, "exports_usd_bn": self.exports_usd_bn}
        out.update({f"rate_{r}": v for r, v in self.rate.items()})
        out.update({f"duty_{r}_usd_bn": v for r, v in self.duty_usd_bn.items()})
        return out


@overload
def rate_under(line: TariffLine, regime: str) -> float: ...
@overload
def rate_under(line: TariffLine, regime: str, ops: Ops) -> Any: ...
def rate_under(line: TariffLine, regime: str, ops: Ops = FLOATS) -> Any:
    """The all-in rate of a line under a regime (mfn, or a named one)."""
    return line.mfn if regime == MFN else line.regimes[regime].resolve(line.mfn, ops)


@overload
def exports_under(line: TariffLine, rate: float, elasticity: float) -> float: ...
@overload
def exports_under(line: TariffLine, rate: Any, elasticity: Any) -> Any: ...
def exports_under(line: TariffLine, rate: Any, elasticity: Any) -> Any:
    """X × ((1 + r) / (1 + m))^ε: baseline exports observed at the MFN rate m (on floats or
    arrays). Where ε = 0 this is X exactly: x ** 0 is 1 for every x, and X × 1 is X."""
    return line.exports * ((1 + rate) / (1 + line.mfn)) ** elasticity


def common_regimes(tariffs: Tariffs) -> tuple[str, ...]:
    """mfn, then every regime present on all lines, in the first line's order."""
    first = tariffs.lines[0].regimes
    shared = [r for r in first if r != MFN and all(r in ln.regimes for ln in tariffs.lines)]
    return (MFN, *shared)


def require_tariffs(s: Scenario) -> Tariffs:
    if s.tariffs is None or not s.tariffs.lines:
        raise MissingInputError(
            s.file,
            "tariffs.lines",
            "this command needs tariff lines",
            "  tariffs:\n    lines:\n"
            "      autos: {exports: 34.7 USD bn, mfn: 0%, threatened: 25%, agreed: 15%}",
        )
    return s.tariffs


def require_dated_regimes(s: Scenario, need: str, regime_example: str) -> Tariffs:
    """The tariffs, whose regimes are dated ('from' dates); MissingInputError saying `need`, with
    `regime_example` as the regime to add, otherwise."""
    tariffs = require_tariffs(s)
    if not dated_spans(tariffs.regimes):
        raise MissingInputError(
            s.file, "tariffs.regimes", need, "  tariffs:\n    regimes:\n      " + regime_example
        )
    return tariffs


@overload
def coverage(s: Scenario) -> float | None: ...
@overload
def coverage(s: Scenario, ops: Ops) -> Any: ...
def coverage(s: Scenario, ops: Ops = FLOATS) -> Any:
    """Σ line exports / exports to the partner: the share of the trade the tariff figures count."""
    if s.tariffs is None:
        return None
    return ops.ratio(ops.total(ln.exports for ln in s.tariffs.lines), s.trade.exports_to_partner)


def check_regimes(s: Scenario, tariffs: Tariffs, *wanted: str) -> None:
    for regime in wanted:
        if regime == MFN:
            continue
        missing = [ln.name for ln in tariffs.lines if regime not in ln.regimes]
        if len(missing) == len(tariffs.lines):  # on no line: a regime the file does not have
            raise UnknownRegimeError(
                f"{s.file}: regime {regime!r} is on no tariff line; "
                f"regimes on every line: {', '.join(common_regimes(tariffs))}"
            )
        if missing:  # on some lines but not others: the file is incomplete (DESIGN §4: exit 1)
            raise MissingInputError(
                s.file,
                f"tariffs.lines.{missing[0]}",
                f"regime {regime!r} is on some lines but missing on line(s) {', '.join(missing)}",
                f"  {missing[0]}: {{{regime}: 15%}}   (a rate under {regime!r} on every line)",
            )


def compute_tariff(
    s: Scenario,
    from_regime: str | None = None,
    to_regime: str | None = None,
    as_of: dt.date | None = None,
) -> TariffResult:
    """Duty and effective rate under each regime, what moving from one regime to another is worth
    per year (USD bn) on the as-of date (the pair of `resolve_pair`), and the timeline of duty paid
    to `as_of` (default: the file's `as_of`), projected from it to the deadline, against the
    without-deal twin (or `from_regime` held throughout when one is named)."""
    tariffs = require_tariffs(s)
    pair = resolve_pair(s, from_regime, to_regime, as_of)
    check_regimes(s, tariffs, pair.from_regime, pair.to_regime)
    regimes = common_regimes(tariffs)
    fro, to = pair.from_regime, pair.to_regime
    duty, flow = duty_and_exports(tariffs, (*regimes, *timeline_regimes(tariffs), fro, to))
    return TariffResult(
        **tariff_figures(s, regimes, fro, to, duty, flow),
        regimes=regimes,
        from_regime=fro,
        to_regime=to,
        from_label=regime_label(tariffs, fro),
        to_label=regime_label(tariffs, to),
        pair=pair,
        timeline=compute_timeline(
            tariffs.regimes,
            duty,
            None if pair.twin else fro,
            s.pledge.start,
            s.pledge.deadline,
            as_of_of(s, as_of),
            duty_by_status(tariffs, timeline_regimes(tariffs)),
        ),
    )


def tariff_figures(
    s: Scenario,
    regimes: tuple[str, ...],
    fro: str,
    to: str,
    duty: dict[str, Any],
    flow: dict[str, Any],
    ops: Ops = FLOATS,
) -> dict[str, Any]:
    """The numeric tariff figures, written once over `ops`: on floats for `compute_tariff`, on
    numpy arrays (one element per point) for big sweeps and simulations (`analysis/vector.py`).
    `duty`, `flow`: `duty_and_exports` on the same `ops`, for `regimes`, `fro` and `to` at least;
    `duty_usd_bn` and `effective_rate` by regime."""
    assert s.tariffs is not None  # `duty` was computed from its lines
    savings = duty[fro] - duty[to]
    return {
        "exports_usd_bn": ops.total(ln.exports for ln in s.tariffs.lines),
        "duty_usd_bn": {r: duty[r] for r in regimes},
        "effective_rate": {r: ops.ratio(duty[r], flow[r]) for r in regimes},
        "annual_savings_usd_bn": savings,
        # X_to − X_from: the exports that moving from `fro` to `to` keeps (none where ε = 0)
        "exports_preserved_usd_bn": ops.where(s.tariffs.elasticity != 0, flow[to] - flow[fro], 0.0),
        "pledge_to_annual_savings": ops.ratio(s.pledge.amount, savings),
        "savings_to_deadline_usd_bn": savings * years_between(s.pledge.start, s.pledge.deadline),
        "extra_duty_vs_mfn_usd_bn": duty[to] - duty[MFN],
        "tariff_coverage": coverage(s, ops),
    }


def timeline_regimes(tariffs: Tariffs) -> tuple[str, ...]:
    """`mfn`, every dated regime and every twin a dated regime names: the regimes a timeline reads."""
    dated = [r for r in tariffs.regimes if r.start is not None]
    return (MFN, *(r.name for r in dated), *(r.without_deal for r in dated if r.without_deal))


@overload
def duty_and_exports(
    tariffs: Tariffs, regimes: tuple[str, ...]
) -> tuple[dict[str, float], dict[str, float]]: ...
@overload
def duty_and_exports(
    tariffs: Tariffs, regimes: tuple[str, ...], ops: Ops
) -> tuple[dict[str, Any], dict[str, Any]]: ...
def duty_and_exports(
    tariffs: Tariffs, regimes: tuple[str, ...], ops: Ops = FLOATS
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Σ X_r × r and Σ X_r per year (USD bn) under each regime, exports responding with the
    elasticity (floats, or arrays with `ops`)."""
    duty: dict[str, Any] = dict.fromkeys(regimes, 0.0)  # a regime named twice is counted once
    flow: dict[str, Any] = dict.fromkeys(regimes, 0.0)
    for line in tariffs.lines:
        for r in duty:
            rate = rate_under(line, r, ops)
            x = exports_under(line, rate, tariffs.elasticity)
            flow[r] = flow[r] + x
            duty[r] = duty[r] + x * rate
    return duty, flow


def authority_status(tariffs: Tariffs, authority: str) -> str:
    """What became of a legal authority: its `tariffs.authorities` status (`mfn`: in force)."""
    entry = tariffs.authorities.get(authority)
    return "in_force" if entry is None else entry.status


def above_mfn(tariffs: Tariffs, line: TariffLine, regime: str) -> float:
    """X_r × max(0, r − m): the duty per year (USD bn) a line pays under a regime above its MFN
    rate, the part levied under the line's authority for that regime (DESIGN §3.3b)."""
    rate = rate_under(line, regime)
    return exports_under(line, rate, tariffs.elasticity) * max(0.0, rate - line.mfn)


def duty_by_status(tariffs: Tariffs, regimes: tuple[str, ...]) -> dict[str, tuple[float, float]]:
    """Per regime, the duty per year (USD bn) above MFN levied under a `void` authority
    (refundable) and under a `contested` one."""
    out = {}
    for r in dict.fromkeys(regimes):
        void = contested = 0.0
        for line in tariffs.lines:
            status = authority_status(tariffs, line.authority_under(r)) if r != MFN else "in_force"
            if status == "void":
                void += above_mfn(tariffs, line, r)
            elif status == "contested":
                contested += above_mfn(tariffs, line, r)
        out[r] = (void, contested)
    return out


@overload
def annual_duty(tariffs: Tariffs, regimes: tuple[str, ...]) -> dict[str, float]: ...
@overload
def annual_duty(tariffs: Tariffs, regimes: tuple[str, ...], ops: Ops) -> dict[str, Any]: ...
def annual_duty(tariffs: Tariffs, regimes: tuple[str, ...], ops: Ops = FLOATS) -> dict[str, Any]:
    """Σ X_r × r per year (USD bn) under each regime."""
    return duty_and_exports(tariffs, regimes, ops)[0]


def compute_tariff_timeline(
    s: Scenario, from_regime: str | None = None, as_of: dt.date | None = None
) -> list[Period]:
    """The timeline rows: one per stretch of days under one regime between start and the
    deadline (MFN gaps included; a stretch that straddles the as-of date cut in two, paid and
    projected), with the duty in force and the counterfactual's duty over the same days: the
    without-deal twin, or `from_regime` held throughout when one is named (as `resolve_pair`)."""
    tariffs = require_dated_regimes(
        s, "the timeline needs dated regimes ('from' dates)", "agreed: {label: Deal rates, from: 2025-11-14}"
    )
    pair = resolve_pair(s, from_regime, None, as_of)
    check_regimes(s, tariffs, pair.from_regime)
    duty = annual_duty(tariffs, (*timeline_regimes(tariffs), pair.from_regime))
    held = None if pair.twin else pair.from_regime
    legal = duty_by_status(tariffs, timeline_regimes(tariffs))
    return periods(tariffs.regimes, duty, held, s.pledge.start, s.pledge.deadline, as_of_of(s, as_of), legal)


def compute_tariff_lines(s: Scenario) -> list[LineResult]:
    """One row per line: its rate and duty under every regime on all lines."""
    tariffs = require_tariffs(s)
    regimes = common_regimes(tariffs)
    rows = []
    for line in tariffs.lines:
        rates = {r: rate_under(line, r) for r in regimes}
        duty = {r: exports_under(line, rates[r], tariffs.elasticity) * rates[r] for r in regimes}
        rows.append(LineResult(line.name, line.exports, rates, duty))
    return rows
