"""How the tariff outcomes and the timeline are computed (DESIGN §3.3); duty and effective
rate have one key per regime, explained by `duty` and `rate`."""

from collections.abc import Callable

from dealcalc.views.arithmetic import PRODUCT, X, num, shown, total
from dealcalc.views.explain.common import Ctx, E, P, _bn


def _line_flow(c: Ctx, regime: str) -> list[tuple[X, X, str]]:
    """Each line's exports under a regime (X × ((1 + r) / (1 + mfn))^ε), its rate, and its name."""
    from dealcalc.model.tariff import rate_under

    assert c.s.tariffs is not None
    eps = c.s.tariffs.elasticity
    out = []
    for line in c.s.tariffs.lines:
        r = rate_under(line, regime)
        exports = num(line.exports, "usd_bn")
        if eps:
            exports = exports * ((1 + num(r, "pct")) / (1 + num(line.mfn, "pct"))) ** num(eps)
        out.append((exports, num(r, "pct"), line.name))
    return out


def _duty_of(c: Ctx, side: str) -> X:
    """The duty under the regime compared from or to (default: threatened → agreed), or mfn."""
    regime = c.v.get(side, {"from": "threatened", "to": "agreed"}.get(side, side))
    return c.bn(f"duty_{regime}_usd_bn")


def _preserved(c: Ctx) -> X:
    if c.s.tariffs is None or not c.s.tariffs.elasticity:
        return shown(num(0.0), "ε = 0: static, nothing preserved")
    flows = {side: total(f for f, _, _ in _line_flow(c, c.v[side])) for side in ("from", "to")}
    return flows["to"] - flows["from"]


def _timeline_terms(c: Ctx, to_date: bool, saved: bool) -> X | str:
    """The periods summed by a timeline key: duty per year × days / 365.25 for each."""
    from dealcalc.model.tariff import annual_duty
    from dealcalc.model.timeline import MFN, dated_spans, periods

    if c.s.tariffs is None or c.v.get("duty_paid_to_deadline_usd_bn") is None:
        return "no dated regimes"
    end = c.s.pledge.deadline
    if to_date:
        if c.v.get("as_of") is None:
            return "no as-of date"
        end = min(end, c.v["as_of"])
    spans = dated_spans(c.s.tariffs.regimes)
    held = str(c.v.get("from"))
    duty = annual_duty(c.s.tariffs, (MFN, *(sp.regime for sp in spans), held))
    rows = periods(spans, duty, held, c.s.pledge.start, end)
    if not rows:  # as-of on or before the start: nothing paid yet, a sum of zero days
        return shown(num(0.0, "usd_bn"), f"no days from {c.s.pledge.start} to {end}")

    def over(regime: str, days: int) -> X:
        return num(duty[regime], "usd_bn") * num(days) / num(365.25)

    paid = " + ".join(f"{p.regime} {_bn(duty[p.regime])}/yr × {p.days} d" for p in rows)
    if not saved:
        return shown(total(over(p.regime, p.days) for p in rows), f"({paid}) / 365.25")
    days = sum(p.days for p in rows)
    return shown(
        total((over(held, p.days) - over(p.regime, p.days)).wrap(PRODUCT) for p in rows),
        f"{held} {_bn(duty[held])}/yr × {days} d / 365.25 − ({paid}) / 365.25",
    )


def duty(regime: str) -> Callable[[Ctx], X]:
    def arithmetic(c: Ctx) -> X:
        return total(
            shown(flow * rate, f"{name} {(flow * rate).text}") for flow, rate, name in _line_flow(c, regime)
        )

    return arithmetic


def rate(regime: str) -> Callable[[Ctx], X]:
    return lambda c: c.bn(f"duty_{regime}_usd_bn") / total(flow for flow, _, _ in _line_flow(c, regime))


FORMULAS: dict[str, tuple[str, E, tuple[str, ...]]] = {
    "as_of": (
        "the as-of date: --as-of, else the file's as_of",
        lambda c: (
            "no date given"
            if c.v.get("as_of") is None
            else ("the file's as_of" if c.v["as_of"] == c.s.as_of else "--as-of")
        ),
        ("as_of",),
    ),
    "tariff_coverage": (
        "Σ exports of the lines / exports to partner",
        lambda c: c.bn("exports_usd_bn") / num(c.s.trade.exports_to_partner, "usd_bn"),
        ("tariffs.lines", "trade.exports_to_partner"),
    ),
    "regime_in_force": (
        "the dated regime whose period holds the as-of date (mfn outside every one)",
        lambda c: f"as of {c.v.get('as_of') or '—'}",
        ("tariffs.regimes",),
    ),
    "duty_paid_to_date_usd_bn": (
        "Σ over days from start to the day before as-of: duty/yr of the regime in force / 365.25",
        lambda c: _timeline_terms(c, to_date=True, saved=False),
        ("tariffs", "pledge.start"),
    ),
    "savings_to_date_usd_bn": (
        "the same days under the 'from' regime − duty paid to date",
        lambda c: _timeline_terms(c, to_date=True, saved=True),
        ("tariffs", "pledge.start"),
    ),
    "duty_paid_to_deadline_usd_bn": (
        "Σ over days from start to the day before the deadline: duty/yr in force / 365.25",
        lambda c: _timeline_terms(c, to_date=False, saved=False),
        ("tariffs", "pledge.start", "pledge.deadline"),
    ),
    "savings_to_deadline_timeline_usd_bn": (
        "the same days under the 'from' regime − duty paid to deadline",
        lambda c: _timeline_terms(c, to_date=False, saved=True),
        ("tariffs", "pledge.start", "pledge.deadline"),
    ),
    "exports_usd_bn": (
        "Σ exports of the lines",
        lambda c: total(
            num(ln.exports, "usd_bn", label=ln.name) for ln in (c.s.tariffs.lines if c.s.tariffs else ())
        ),
        ("tariffs.lines",),
    ),
    "annual_savings_usd_bn": (
        "duty(from) − duty(to)",
        lambda c: _duty_of(c, "from") - _duty_of(c, "to"),
        ("tariffs",),
    ),
    "exports_preserved_usd_bn": (
        "Σ X(to) − Σ X(from), X_r = X × ((1 + r) / (1 + mfn))^ε",
        _preserved,
        ("tariffs",),
    ),
    "pledge_to_annual_savings": (
        "P / annual savings",
        lambda c: c.p / c.bn("annual_savings_usd_bn", after="a year"),
        (*P, "tariffs"),
    ),
    "savings_to_deadline_usd_bn": (
        "annual savings × Y",
        lambda c: c.bn("annual_savings_usd_bn") * c.y,
        (*P, "tariffs"),
    ),
    "extra_duty_vs_mfn_usd_bn": (
        "duty(to) − duty(mfn)",
        lambda c: _duty_of(c, "to") - _duty_of(c, "mfn"),
        ("tariffs",),
    ),
}
