"""Shared helpers for the benchmarks: alternating timed runs, medians, a pseudo-terminal, peak
memory of a whole process tree."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Benchmarks measure an installed program as users run it: with its bytecode cache.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
PY = sys.executable
_script = Path(PY).with_name("dealcalc")  # the console script, from the same environment
# without an installed console script, what it runs: `from dealcalc.launch import main; main()`
DEALCALC = [str(_script)] if _script.exists() else [PY, "-c", "from dealcalc.launch import main; main()"]
FLOOR = [PY, "-c", "import typer, rich.table, yaml"]  # DESIGN §7: the bare imports
JAPAN = str(ROOT / "scenarios" / "japan-2025-09-mou.yaml")

Cmd = tuple[Sequence[str], Mapping[str, str]]  # a command and the environment it adds


def cmd(*args: str, **env: str) -> Cmd:
    return list(args), env


def run_once(c: Cmd, pty: bool = False) -> float:
    """Wall time of one run, output to /dev/null (or read from a pseudo-terminal)."""
    args, extra = c
    env = {**ENV, **extra}
    start = time.perf_counter()
    if pty:
        _run_pty(args, env)
    else:
        done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
        if done.returncode not in (0, 2):  # 2: the usage error timed on purpose
            raise SystemExit(f"{' '.join(args[:4])} … failed ({done.returncode}): {done.stderr.decode()}")
    return time.perf_counter() - start


def _run_pty(args: Sequence[str], env: dict[str, str]) -> None:
    """Run with stdout and stderr on a 100 × 40 pseudo-terminal, reading all it prints (as a
    terminal would) until it exits."""
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    env = {**env, "TERM": "xterm-256color"}
    env.pop("COLUMNS", None)
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, env=env, cwd=ROOT)
    os.close(slave)
    try:
        while os.read(master, 65536):
            pass
    except OSError:  # EIO: the last writer closed the terminal
        pass
    os.close(master)
    proc.wait()


def alternate(candidate: Cmd, baseline: Cmd, runs: int, pty: bool = False) -> tuple[float, float]:
    """Median wall time of each command over `runs` alternating runs (after one warm-up each),
    so that machine noise falls on both alike."""
    run_once(candidate, pty)
    run_once(baseline, pty)
    cand, base = [], []
    for _ in range(runs):
        base.append(run_once(baseline, pty))
        cand.append(run_once(candidate, pty))
    return statistics.median(cand), statistics.median(base)


def timed(c: Cmd, runs: int) -> float:
    """Median wall time of a command."""
    run_once(c)
    return statistics.median(run_once(c) for _ in range(runs))


def _tree_pss_kb(root: int) -> int:
    """Memory of `root` and all its descendants now, in KiB: the sum of their proportional set
    sizes (a page shared by forked workers counts once in all, split between them)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            parents[int(entry)] = int(stat[stat.rindex(b")") + 2 :].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                for line in f:
                    if line.startswith(b"Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total


def peak_tree_mb(c: Cmd) -> float:
    """Peak memory of a command's whole process tree (it and its workers), in MB, measured by
    a wrapper process of its own (see `_peak`)."""
    args, extra = c
    out = subprocess.run(
        [PY, __file__, "--peak", *args],
        capture_output=True,
        text=True,
        check=True,
        env={**ENV, **extra},
        cwd=ROOT,
    )
    return float(out.stdout)


def _peak(args: list[str]) -> float:
    """The larger of the tree's proportional set size sampled every 5 ms and the largest single
    process's peak resident size (`getrusage`, which sampling cannot miss), in MB."""
    import resource

    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_pss_kb(proc.pid))
        time.sleep(0.005)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])} … failed ({proc.returncode})")
    single = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(peak, single) / 1024  # KiB on Linux


def report(name: str, value: float, bar: float, unit: str, detail: str = "") -> bool:
    ok = value <= bar
    print(f"{name:52s} {value:8.2f} {unit:2s} (bar ≤ {bar:g}) {'ok  ' if ok else 'OVER'} {detail}".rstrip())
    return ok


def machine() -> str:
    """Date, CPUs and Python, for the README table."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {cpus} CPUs {platform.machine()}; "
        f"Python {platform.python_version()}; load average {load}"
    )


def make_scenarios(folder: Path, count: int) -> list[str]:
    """`count` distinct scenario files: the standalone shipped scenarios with their title and
    pledge start changed, so that every file is parsed and computed on its own."""
    seeds = [
        "korea-2025-11-mou",
        "japan-2025-09-mou",
        "eu-2025-08-joint-statement",
        "switzerland-2025-11-framework",
        "taiwan-2026-01-mou",
    ]
    texts = [(ROOT / "scenarios" / f"{name}.yaml").read_text(encoding="utf-8") for name in seeds]
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(count):
        text = texts[i % len(texts)]
        title = text.split("\ntitle: ", 1)[1].split("\n", 1)[0]
        path = folder / f"s{i:05d}.yaml"
        path.write_text(text.replace(f"title: {title}", f"title: {title} #{i}", 1), encoding="utf-8")
        names.append(str(path))
    return names


if __name__ == "__main__" and sys.argv[1:2] == ["--peak"]:
    print(_peak(sys.argv[2:]))
