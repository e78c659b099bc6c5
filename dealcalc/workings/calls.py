"""How the capital-call metrics are computed (DESIGN §3.5), from the model's call schedule."""

from dealcalc.workings.arithmetic import X, num, shown, total
from dealcalc.workings.common import Ctx, E


def _called(c: Ctx, status: str, none: str) -> X:
    return total((num(p.amount, "usd_bn") for p in c.s.projects if p.status == status), empty=none)


def _after_deadline(c: Ctx) -> X:
    from dealcalc.model.calls import compute_call_schedule

    late = [r for r in compute_call_schedule(c.s) if r.due is not None and r.due > c.s.pledge.deadline]
    text = f"deadline {c.s.pledge.deadline}, window {c.s.pledge.funding_window or 'none'}: "
    return shown(
        total(num(1) for _ in late), text + (", ".join(f"{r.project} due {r.due}" for r in late) or "none")
    )


def _snapback(c: Ctx) -> X | str:
    from dealcalc.model.tariff import compute_tariff

    if c.s.tariffs is None or not c.s.tariffs.lines:
        return "no tariff lines"
    result = compute_tariff(c.s)  # the as-of pair (DESIGN §3.5): the twin → the regime in force
    duty = result.duty_usd_bn
    return shown(
        num(duty[result.from_regime], "usd_bn") - num(duty[result.to_regime], "usd_bn"),
        f"{result.from_regime} {duty[result.from_regime]:,.2f} USD bn − "
        f"{result.to_regime} {duty[result.to_regime]:,.2f} USD bn",
    )


# The arithmetic of each metric of the view (its formula and inputs are in dealcalc/registry.py).
TERMS: dict[str, E] = {
    "total_called_usd_bn": lambda c: _called(c, "selected", "none selected"),
    "interest_usd_bn": lambda c: _called(c, "interest", "none listed"),
    "cap_basis": lambda c: f"the file's {c.s.pledge.cap_basis}",
    "uncalled_usd_bn": lambda c: c.p - c.bn("total_called_usd_bn"),
    "first_breach": lambda c: f"cap basis {c.s.pledge.cap_basis}; see --schedule",
    "calls_after_deadline": _after_deadline,
    "snapback_exposure_usd_bn": _snapback,
}
