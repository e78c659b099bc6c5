"""DESIGN §4.1: `diff` matches projects by name, not by their place in the list (a project added
at the top once paired Westinghouse with SB Energy), and shows changes of the tariff regimes and
of the legal authorities."""

from __future__ import annotations

import json

from conftest import MINIMAL, run

BASE = MINIMAL.read_text(encoding="utf-8")
A = BASE + (
    "projects:\n"
    "  - {name: Westinghouse, amount: 100 USD bn, called: 2025-10-28, status: interest}\n"
    "  - {name: GE, amount: 100 USD bn, called: 2025-10-28, status: interest}\n"
)
B = (
    BASE.replace(
        "  lines:\n",
        "  regimes:\n"
        "    agreed: {label: Deal rates, from: 2025-08-07}\n"
        "  authorities:\n"
        "    ieepa: {status: void, since: 2026-02-24}\n"
        "  lines:\n",
    )
    + "projects:\n"
    "  - {name: SB Energy, amount: 33 USD bn, called: 2026-02-17}\n"
    "  - {name: Westinghouse, amount: 100 USD bn, called: 2025-10-28, status: interest}\n"
    "  - {name: GE, amount: 80 USD bn, called: 2025-10-28, status: interest}\n"
)


def test_diff_pairs_projects_by_name_and_shows_regimes_and_authorities(write) -> None:  # type: ignore[no-untyped-def]
    a, b = write("a.yaml", A), write("b.yaml", B)
    out = run("diff", a, b, "-f", "json")
    assert out.exit_code == 0, out.stderr
    inputs = [
        (r["key"], r["a"], r["b"], r["change"]) for r in json.loads(out.stdout) if r["section"] == "input"
    ]
    assert inputs == [  # A's keys first, then those only B has
        ("projects[GE].amount", 100.0, 80.0, -20.0),  # Westinghouse is the same in both: not listed
        ("projects[SB Energy].amount", None, 33.0, None),
        ("projects[SB Energy].called", None, "2026-02-17", None),
        ("projects[SB Energy].status", None, "selected", None),
        ("tariffs.regimes.agreed.from", None, "2025-08-07", None),
        ("tariffs.authorities.ieepa.status", None, "void", None),
        ("tariffs.authorities.ieepa.since", None, "2026-02-24", None),
    ]
    table = run("diff", a, b).stdout
    assert " projects[GE].amount               $100.0 bn    $80.0 bn  -$20.0 bn\n" in table, table
