"""A long fuzz run (issue #24): generated scenario files and `--set`/`--vary` values across every
command, in process (fast), checking that each ends with exit 0, 1 or 2 — never 70 (a bug), a
traceback or a hang. The CI's fuzz test (tests/test_fuzz.py) stays small; this is the soak.

    nice -n 10 python tools/fuzz.py --cases 100000 [--seed 1] [--timeout 20]

Prints one line per failure (command, exit code, the first line of stderr) and a summary;
writes each failing case to --keep (default /tmp/dealcalc-fuzz) to replay it."""

from __future__ import annotations

import argparse
import copy
import json
import random
import signal
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import typer.testing
import yaml
from typer.main import get_command
from typer.testing import CliRunner

from dealcalc.cli import app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from mutations import mutate, paths, seeds, to_bytes, with_junk  # shared with tests/test_fuzz.py

SEEDS = {name.removesuffix(".yaml"): doc for name, doc in seeds().items()}
SCALARS: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1,
    10**30,
    -(10**30),
    10**400,
    1e308,
    -1e308,
    1e-320,
    float("nan"),
    float("inf"),
    0.5,
    -1000,
    1000,
    "",
    "x",
    "550 USD bn",
    "550 USD",
    "0 USD bn",
    "-1 USD bn",
    "1e400 USD bn",
    "9" * 400 + " USD bn",
    "2,549.1 KRW tn",
    "5 JPY tn",
    "3 XYZ bn",
    "15%",
    "+25%",
    "+1%",
    "15% floor",
    "1000%",
    "-5%",
    "1e3%",
    "nan%",
    "0%",
    "100%",
    "45 business days",
    "0 days",
    "99999999 days",
    "2025-11-14",
    "1900-01-01",
    "9999-12-31",
    "2025-02-30",
    "recovered",
    "purchases",
    "investment",
    "interest",
    "selected",
    "calendar_year",
    "trailing_year",
    "1e3",
    "01363",
    "1:30",
    "\x1b[31mred\x1b[0m",
    "\u202eevil",
    "=cmd()",
    "a" * 5000,
    "<placeholder>",
    "mfn",
    "paid_to_date",
    "counterfactual",
    "ieepa",
    "void",
    "contested",
    "in_force",
    "korea-2025-11-mou",
    "../x.yaml",
    "/dev/zero",
    "-",
    "%",
    "+",
    "floor",
]
for year in (1, 3, 10, 100, 10**6):
    SCALARS.append(f"{year} USD bn")
DISTS = [
    {"normal": [1400, 50]},
    {"uniform": [-2.0, -0.5]},
    {"uniform": ["10 USD bn", "30 USD bn"]},
    {"triangular": ["1%", "5%", "9%"]},
    {"lognormal": [0, 1]},
    {"uniform": ["+1%", "+3%"]},
    {"normal": [0, 1e308]},
    {"uniform": [-1e308, 1e308]},
    {"uniform": ["-5 USD bn", "-1 USD bn"]},
]
COMMANDS: list[list[str]] = [
    ["burden"],
    ["burden", "--explain"],
    ["outflow", "--schedule"],
    ["outflow"],
    ["tariff"],
    ["tariff", "--lines"],
    ["tariff", "--timeline"],
    ["tariff", "--regimes"],
    ["returns"],
    ["returns", "--schedule"],
    ["calls"],
    ["calls", "--schedule"],
    ["compare"],
    ["report"],
    ["validate"],
    ["balance"],
    ["sensitivity", "-m", "pledge_to_gdp"],
    ["simulate", "--runs", "40"],
    ["diff", "@", "korea-2025-11-mou"],
    ["sweep"],
]
FORMATS = ["json", "json", "csv", "table", "markdown"]
VARY_VALUES = [
    "1:3:1",
    "1%:3%:1%",
    "+1%:+3%:1%",
    "1%:+3%:1%",
    "5 USD bn:40 USD bn:5 USD bn",
    "0:0:1",
    "-1:1:0.5",
    "1e308:1e308:1",
    "x:y:z",
    "1:2",
    "0 USD bn:1e6 USD bn:1 USD bn",
    "3:1:1",
    "15% floor:20% floor:1%",
    "nan:1:1",
    "1:1:0",
    "-1000:-999:1",
    "1 USD:2 USD:1 USD",
    "1e3:2e3:1e2",
]


class Hang(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Hang


def value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth < 2 and roll < 0.08:
        return [value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if depth < 2 and roll < 0.16:
        return {rng.choice(["value", "source", "note", "x", "assumption", "year"]): value(rng, depth + 1)}
    if roll < 0.2:
        return copy.deepcopy(rng.choice(DISTS))  # a copy: later mutations change it
    return rng.choice(SCALARS)


def mutated(rng: random.Random) -> tuple[str, Any]:
    """A shipped scenario's name and its document with one to three mutations."""
    name = rng.choice(sorted(SEEDS))
    doc = copy.deepcopy(SEEDS[name])
    for _ in range(rng.choice([1, 1, 2, 3])):
        every = paths(doc)
        if not every:
            break
        how = rng.random()
        mutate(
            doc,
            rng.choice(every),
            "drop" if how < 0.2 else "rename" if how < 0.3 else "retype",
            value(rng),
            rng.choice(["x", "annual_cap", "paid_to_date", "mfn", "extends", "kind"]),
        )
    return name, doc


def to_text(rng: random.Random, doc: Any) -> bytes:
    text = to_bytes(doc)
    if rng.random() < 0.1:
        text = with_junk(text, rng.randint(0, len(text)), rng.randbytes(rng.randint(1, 8)))
    return text


def yaml_text(v: Any) -> str:
    try:
        return yaml.safe_dump(v, default_flow_style=True, width=10**6).strip().removesuffix("\n...").strip()
    except Exception:
        return str(v)


def case(rng: random.Random, folder: Path) -> list[str]:
    """The arguments of one run (the scenario written to `folder`)."""
    name, doc = mutated(rng) if rng.random() < 0.8 else (rng.choice(sorted(SEEDS)), None)
    command = list(rng.choice(COMMANDS))
    source = doc if doc is not None else SEEDS[name]
    if doc is not None:
        target = folder / f"{name}.yaml"
        target.write_bytes(to_text(rng, doc))
        arg = str(target)
    else:
        arg = name
    args = ["diff", arg, command[2]] if command[0] == "diff" else [command[0], arg, *command[1:]]
    every = [".".join(map(str, p)) for p in paths(source)] or ["title"]
    for _ in range(rng.choice([0, 0, 1, 2])):
        target_path = rng.choice([*every, "extends", "uncertainty", "tariffs.lines.x.agreed", "pledge.0"])
        args += ["--set", f"{target_path}={yaml_text(value(rng))}"]
    if command[0] == "sweep":
        numeric = [p for p in every if p.startswith(("economy.", "pledge.", "tariffs.", "trade."))] or ["x"]
        for _ in range(rng.randint(1, 2)):
            args += ["--vary", f"{rng.choice(numeric).removesuffix('.value')}={rng.choice(VARY_VALUES)}"]
    if command[0] == "simulate" and rng.random() < 0.5:
        numeric = [p for p in every if p.startswith(("economy.", "tariffs.", "pledge."))] or ["x"]
        dist = {rng.choice(numeric).removesuffix(".value"): copy.deepcopy(rng.choice(DISTS))}
        args += ["--set", f"uncertainty={yaml_text(dist)}"]
    if command[0] not in ("validate",):
        args += ["-f", rng.choice(FORMATS)]
    return args


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=20)
    parser.add_argument("--keep", default="/tmp/dealcalc-fuzz")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    keep = Path(args.keep)
    keep.mkdir(parents=True, exist_ok=True)
    work = keep / "work"
    work.mkdir(exist_ok=True)
    runner = CliRunner()
    command = get_command(app)  # built once (typer's runner builds it for every call)
    typer.testing._get_command = lambda _app: command  # type: ignore[attr-defined]
    signal.signal(signal.SIGALRM, _alarm)
    codes: Counter[int] = Counter()
    failures = 0
    start = time.monotonic()
    for n in range(args.cases):
        argv = case(rng, work)
        problem = None
        try:
            signal.alarm(args.timeout)
            result = runner.invoke(app, argv, env={"COLUMNS": "100", "NO_COLOR": "1"})
            signal.alarm(0)
            code = result.exit_code
            err = result.stderr
            if result.exception and not isinstance(result.exception, SystemExit):
                problem = f"exception {type(result.exception).__name__}: {result.exception}"
            elif code not in (0, 1, 2) or "Traceback" in err or "internal error" in err:
                problem = err.strip().splitlines()[0] if err.strip() else "(no message)"
        except Hang:
            code, problem = -1, f"hang over {args.timeout} s"
        codes[code] += 1
        if problem:
            failures += 1
            print(f"#{n} exit {code}: {' '.join(argv)[:300]}\n    {problem[:300]}", flush=True)
            saved = keep / f"case{n}"
            saved.mkdir(exist_ok=True)
            for f in work.iterdir():
                if f.is_file():
                    (saved / f.name).write_bytes(f.read_bytes())
            (saved / "argv.json").write_text(json.dumps(argv))
        for f in work.iterdir():
            f.unlink()
        if (n + 1) % 5000 == 0:
            print(f"... {n + 1} cases, {time.monotonic() - start:.0f} s, exits {dict(codes)}", flush=True)
    print(f"{args.cases} cases in {time.monotonic() - start:.0f} s; exits {dict(codes)}; {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
