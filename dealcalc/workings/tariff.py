"""How the tariff outcomes and the timeline are computed (DESIGN §3.3); duty and effective
rate have one key per regime, explained by `duty` and `rate`."""

from collections.abc import Callable

from dealcalc.model.timeline import Period
from dealcalc.workings.arithmetic import PRODUCT, X, num, shown, total
from dealcalc.workings.common import Ctx, E, _bn


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
    """The duty under the regime compared from or to (as the row resolved them), or mfn."""
    regime = c.v.get(side) if side in ("from", "to") else side
    if regime is None:  # a row without the pair (compare -m): the default pair of the scenario
        from dealcalc.model.tariff import resolve_pair

        pair = resolve_pair(c.s)
        regime = pair.from_regime if side == "from" else pair.to_regime
    return c.bn(f"duty_{regime}_usd_bn")


def _preserved(c: Ctx) -> X:
    if c.s.tariffs is None or not c.s.tariffs.elasticity:
        return shown(num(0.0), "ε = 0: static, nothing preserved")
    flows = {side: total(f for f, _, _ in _line_flow(c, c.v[side])) for side in ("from", "to")}
    return flows["to"] - flows["from"]


def _timeline_terms(c: Ctx, status: str | None, saved: bool) -> X | str:
    """The periods summed by a timeline key (`status`: paid or projected days only; None: all):
    duty per year × days / 365.25 for each, against the twin of each day or the regime held."""
    from dealcalc.model.tariff import WITHOUT_DEAL, annual_duty, timeline_regimes
    from dealcalc.model.timeline import periods

    if c.s.tariffs is None or c.v.get("duty_to_deadline_usd_bn") is None:
        return "no dated regimes"
    as_of = c.v.get("as_of")
    if status == "paid" and as_of is None:
        return "no as-of date"
    held = str(c.v.get("counterfactual"))
    fixed = None if held == WITHOUT_DEAL else held
    duty = annual_duty(c.s.tariffs, (*timeline_regimes(c.s.tariffs), *((fixed,) if fixed else ())))
    every = periods(c.s.tariffs.regimes, duty, fixed, c.s.pledge.start, c.s.pledge.deadline, as_of)
    rows = [p for p in every if status is None or p.status == status]
    if not rows:  # as-of on or before the start (nothing paid yet), or after the deadline
        return shown(num(0.0, "usd_bn"), f"no {status} days from {c.s.pledge.start} to {c.s.pledge.deadline}")

    def over(regime: str, days: int) -> X:
        return num(duty[regime], "usd_bn") * num(days) / num(365.25)

    def terms(regime_of: Callable[[Period], str]) -> str:
        return " + ".join(f"{regime_of(p)} {_bn(duty[regime_of(p)])}/yr × {p.days} d" for p in rows)

    paid = terms(lambda p: p.regime)
    if not saved:
        return shown(total(over(p.regime, p.days) for p in rows), f"({paid}) / 365.25")
    return shown(
        total((over(p.counterfactual, p.days) - over(p.regime, p.days)).wrap(PRODUCT) for p in rows),
        f"({terms(lambda p: p.counterfactual)}) / 365.25 − ({paid}) / 365.25",
    )


def _legal_terms(c: Ctx, which: int) -> X | str:
    """The paid periods' above-MFN duty levied under a void (`which` 0) or contested (1)
    authority: its yearly amount under each period's regime × days / 365.25."""
    from dealcalc.model.tariff import annual_duty, duty_by_status, timeline_regimes
    from dealcalc.model.timeline import periods

    if c.s.tariffs is None or c.v.get("duty_paid_to_date_usd_bn") is None:
        return "no dated regimes or no as-of date"
    regimes = timeline_regimes(c.s.tariffs)
    legal = duty_by_status(c.s.tariffs, regimes)
    every = periods(
        c.s.tariffs.regimes,
        annual_duty(c.s.tariffs, regimes),
        None,
        c.s.pledge.start,
        c.s.pledge.deadline,
        c.v["as_of"],
        legal,
    )
    rows = [p for p in every if p.status == "paid" and legal[p.regime][which]]
    if not rows:
        return shown(num(0.0, "usd_bn"), "no paid day under such an authority")
    return shown(
        total(num(legal[p.regime][which], "usd_bn") * num(p.days) / num(365.25) for p in rows),
        "("
        + " + ".join(f"{p.regime} {_bn(legal[p.regime][which])}/yr × {p.days} d" for p in rows)
        + ") / 365.25",
    )


def duty(regime: str) -> Callable[[Ctx], X]:
    def arithmetic(c: Ctx) -> X:
        return total(
            shown(flow * rate, f"{name} {(flow * rate).text}") for flow, rate, name in _line_flow(c, regime)
        )

    return arithmetic


def rate(regime: str) -> Callable[[Ctx], X]:
    return lambda c: c.bn(f"duty_{regime}_usd_bn") / total(flow for flow, _, _ in _line_flow(c, regime))


# The arithmetic of each metric of the view (its formula and inputs are in dealcalc/registry.py).
TERMS: dict[str, E] = {
    "as_of": lambda c: (
        "no date given"
        if c.v.get("as_of") is None
        else ("the file's as_of" if c.v["as_of"] == c.s.as_of else "--as-of")
    ),
    "tariff_coverage": lambda c: c.bn("exports_usd_bn") / num(c.s.trade.exports_to_partner, "usd_bn"),
    "regime_in_force": lambda c: f"as of {c.v.get('as_of') or '—'}",
    "duty_paid_to_date_usd_bn": lambda c: _timeline_terms(c, "paid", saved=False),
    "duty_refundable_to_date_usd_bn": lambda c: _legal_terms(c, 0),
    "duty_contested_to_date_usd_bn": lambda c: _legal_terms(c, 1),
    "savings_to_date_usd_bn": lambda c: _timeline_terms(c, "paid", saved=True),
    "duty_projected_usd_bn": lambda c: _timeline_terms(c, "projected", saved=False),
    "savings_projected_usd_bn": lambda c: _timeline_terms(c, "projected", saved=True),
    "duty_to_deadline_usd_bn": lambda c: _timeline_terms(c, None, saved=False),
    "savings_to_deadline_timeline_usd_bn": lambda c: _timeline_terms(c, None, saved=True),
    "exports_usd_bn": lambda c: total(
        num(ln.exports, "usd_bn", label=ln.name) for ln in (c.s.tariffs.lines if c.s.tariffs else ())
    ),
    "annual_savings_usd_bn": lambda c: _duty_of(c, "from") - _duty_of(c, "to"),
    "exports_preserved_usd_bn": _preserved,
    "pledge_to_annual_savings": lambda c: c.p / c.bn("annual_savings_usd_bn", after="a year"),
    "savings_to_deadline_usd_bn": lambda c: c.bn("annual_savings_usd_bn") * c.y,
    "extra_duty_vs_mfn_usd_bn": lambda c: _duty_of(c, "to") - _duty_of(c, "mfn"),
}
