"""What every explanation is built from: the scenario and row being explained (`Ctx`), the
pledge P and the years Y, and the units as a reader sees them."""

from collections.abc import Callable
from typing import Any, NamedTuple

from dealcalc.model.inputs import Scenario
from dealcalc.workings.arithmetic import X, num


class Ctx(NamedTuple):
    s: Scenario
    v: dict[str, Any]  # the results being explained

    @property
    def p(self) -> X:
        return num(self.s.pledge.amount, "usd_bn")

    @property
    def y(self) -> X:
        return years(self.s.pledge.start, self.s.pledge.deadline)

    def bn(self, key: str, after: str = "") -> X:
        """Another metric, in USD bn: of the row (its own row explains it), or computed when the
        row lacks it (a compare row has only the columns asked for)."""
        if key in self.v:
            return num(self.v[key], "usd_bn", after=after)
        from dealcalc.model.metrics import compute_metrics

        return num(compute_metrics(self.s, [key])[key], "usd_bn", after=after)


def years(a: Any, b: Any, long: bool = False) -> X:
    """(b − a) in years of 365.25 days, as the model counts them; `long` shows the dates."""
    if a is None or b is None:
        return X("no date given", None)
    days = (b - a).days
    text = f"(({b} − {a}) = {days:,} days / 365.25)" if long else f"{days / 365.25:.3f} yr"
    return X(text, f"({days}/365.25)")


def pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:,.2f}%"


def _bn(x: float) -> str:
    return f"{x:,.2f} USD bn"


E = Callable[[Ctx], X | str]
