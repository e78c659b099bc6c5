"""The console script's entry point: `dealcalc …` and `python -m dealcalc …`.

Start-up builds some 100,000 objects (typer, click, our modules) that live until the process
exits; the cycle collector's passes over them took a fifth of a one-off command's time. So it is
off while they are built, and they are then moved out of its way (`gc.freeze`) before it is on
again, and then it runs less often; at exit, what is left is frozen too, so that the
interpreter's last collection does not walk it all once more. Importing `dealcalc.cli` as a
library (tests, embedding) leaves the collector alone."""

import gc


def main() -> None:
    gc.disable()
    try:
        from dealcalc.cli import main as cli_main
    finally:
        gc.freeze()
        gc.enable()
    # Collections of the young generation every 50,000 new objects rather than 700: a batch of
    # 1,000 files spent 7% of its time in them (cycles are rare here; they are still collected).
    gc.set_threshold(50_000, 20, 100)
    try:
        cli_main()
    finally:
        gc.freeze()
