"""The pair a tariff view compares, in words (DESIGN §3.3b): which regimes, by their labels, on
which day, and a note when the pair collapses to one regime."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

from dealcalc.model.inputs import Scenario
from dealcalc.model.tariff import MFN

if TYPE_CHECKING:
    from dealcalc.model.tariff import TariffResult


def named(s: Scenario, regime: str) -> str:
    """A regime by its label, with the key in brackets when they differ ("MFN" for mfn)."""
    if s.tariffs is None or regime == MFN:
        return "MFN" if regime == MFN else regime
    label = s.tariffs.label_of(regime)
    return label if label == regime else f"{label} [{regime}]"


def agreed_names(scenarios: list[Scenario]) -> dict[str, str]:
    """Each regime named by its label (key in brackets) where every scenario that has it labels
    it alike; MFN as "MFN". A regime the files label differently keeps its key."""
    found: dict[str, set[str]] = {"mfn": {"MFN"}}
    for s in scenarios:
        for r in s.tariffs.regimes if s.tariffs is not None else ():
            found.setdefault(r.name, set()).add(named(s, r.name))
    return {name: labels.pop() for name, labels in found.items() if len(labels) == 1}


def regime_row_labels(scenarios: list[Scenario], regimes: list[str]) -> dict[str, str]:
    """The rows `Duty under …` and `Effective rate, …` of a tariff table, regimes by their labels."""
    names = agreed_names(scenarios)
    out = {}
    for r in regimes:
        if r in names and names[r] != r:
            out[f"duty_{r}_usd_bn"] = f"Duty under {names[r]}"
            out[f"effective_rate_{r}"] = f"Effective rate, {names[r]}"
    return out


def pair_words(s: Scenario, result: TariffResult) -> str:
    """`Duty saved per year on D: without the deal (…) → in force (…)`."""
    pair = result.pair
    day = f" on {pair.day}" if pair.day is not None and (pair.twin or pair.in_force) else ""
    fro = named(s, pair.from_regime)
    to = named(s, pair.to_regime)
    fro = f"without the deal ({fro})" if pair.twin else fro
    to = f"in force ({to})" if pair.in_force else to
    return f"Duty saved per year{day}: {fro} → {to}."


def pair_notes(scenarios: list[Scenario], results: list[TariffResult]) -> list[str]:
    """One line per scenario naming its pair, and the note when the twin is the regime itself."""
    notes = []
    for s, r in zip(scenarios, results, strict=True):
        prefix = f"{PurePath(s.file).stem}: " if len(scenarios) > 1 else ""
        notes.append(prefix + pair_words(s, r))
        if r.pair.twin and r.from_regime == r.to_regime:
            notes.append(prefix + collapse_note(s, r))
        legal = legal_note(s, r)
        if legal:
            notes.append(prefix + legal)
    return notes


AUTHORITY_NAMES = {
    "mfn": "MFN",
    "ieepa": "IEEPA",
    "s122": "Section 122",
    "s232": "Section 232",
    "s301": "Section 301",
    "other": "other authorities",
}


def legal_note(s: Scenario, r: TariffResult) -> str | None:
    """`Of the duty paid to date ($21.7 bn), $6.99 bn is refundable (IEEPA, void since …) and …`,
    when any of it was levied under an authority that is void or contested."""
    from dealcalc.render import format_value

    t = r.timeline
    if s.tariffs is None or t.duty_paid_to_date_usd_bn is None:
        return None
    parts = []
    for amount, status, words in (
        (t.duty_refundable_to_date_usd_bn, "void", "is refundable"),
        (t.duty_contested_to_date_usd_bn, "contested", "is contested"),
    ):
        if not amount:
            continue
        which = [
            f"{AUTHORITY_NAMES[name]}, {status}" + (f" since {a.since}" if a.since else "")
            for name, a in s.tariffs.authorities.items()
            if a.status == status
        ]
        parts.append(f"{format_value('usd_bn', amount)} {words} ({'; '.join(which)})")
    if not parts:
        return None
    paid = format_value("usd_bn", t.duty_paid_to_date_usd_bn)
    return f"Of the duty paid to date ({paid}), " + " and ".join(parts) + "."


def collapse_note(s: Scenario, r: TariffResult) -> str:
    if r.to_regime == MFN:
        return (
            f"no dated regime is in force on {r.pair.day} (MFN applies), so there is no without-deal "
            "twin and the saving is zero; pass --from to compare with a regime."
        )
    return (
        f"the regime in force on {r.pair.day} ({named(s, r.to_regime)}) names no without-deal twin, "
        "so the saving is zero: add without_deal: to it, or pass --from."
    )
