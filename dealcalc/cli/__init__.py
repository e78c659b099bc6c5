"""The `dealcalc` command line: the Typer app, the one place that turns an error into a message
and an exit code (`command`), and the entry point. The commands are in `metrics_commands`,
`analysis_commands` and `file_commands`; every one of them builds its output with
`dealcalc.commands` (the API's path) and prints it with `emit` (the one output path). No
arithmetic and no formatting here."""

# (no `from __future__ import annotations`: Typer would eval every annotation string at start-up)

import functools
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any, TypeVar

import typer
import typer.core

from dealcalc import __version__
from dealcalc.errors import DealcalcError, ScenarioError, exit_code
from dealcalc.render import escape_controls, escape_field


class _Group(typer.core.TyperGroup):
    """The root command: an unknown command that is a scenario's name, or part of one
    (`dealcalc korea`), says which command to put before it and which shipped names it may mean."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            from dealcalc.scenario import similar_shipped

            close = similar_shipped(name)
            if close and not ctx.resilient_parsing:
                ctx.fail(
                    f"No such command {name!r}. A scenario goes after a command, e.g. "
                    f"'dealcalc burden {close[-1]}' (shipped scenarios like it: {', '.join(close)})."
                )
        return super().resolve_command(ctx, args)


_SETTINGS: dict[str, Any] = {
    "cls": _Group,
    "name": "dealcalc",
    "help": "Calculator for investment-for-tariff-relief deals (Japan $550bn, Korea $350bn, …).\n\n"
    "Example: dealcalc burden korea-2025-11-mou",
    "no_args_is_help": True,
    # --install-completion, --show-completion; the shell calls _DEALCALC_COMPLETE=complete_bash …
    "add_completion": True,
    # Plain (click) help and usage errors: Rich's help imports rich.markdown and markdown-it,
    # which made `--help` 1.7 × the bare imports (DESIGN §7: ≤ 1.2 ×).
    "rich_markup_mode": None,
    "pretty_exceptions_enable": False,  # user data must never land in a locals-dumping traceback
    "context_settings": {"help_option_names": ["-h", "--help"], "max_content_width": 100},
}


app = typer.Typer(**_SETTINGS)


_state = {"debug": False}


F = TypeVar("F", bound=Callable[..., Any])


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dealcalc {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a Python traceback on errors (for developers).")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    _state["debug"] = debug


def command(name: str) -> Callable[[F], F]:
    """Register a command (`name`, as typed: `outflow` for the function `outflow_command`) whose
    errors become messages and exit codes — the one place that does so (DESIGN §4: 1 bad input,
    2 usage, 130 interrupted, 70 a bug in dealcalc)."""

    def register(func: F) -> F:
        @functools.wraps(func)
        def run(*args: Any, **kwargs: Any) -> Any:
            from dealcalc import output, process

            try:
                with output.transaction() as written:  # a failed run writes no file at all
                    result = func(*args, **kwargs)
                    process.flush_stdout()
                for path in written:
                    typer.echo(f"wrote {escape_field(str(path))}", err=True)
                return result
            except DealcalcError as exc:
                if _state["debug"]:
                    raise
                # a problem is one line: a newline from a file's key or value is shown, not obeyed
                escape = escape_field if isinstance(exc, ScenarioError) else escape_controls
                for line in _worded(exc):
                    typer.echo(escape(line), err=True)
                raise typer.Exit(exit_code(exc)) from None
            except KeyboardInterrupt as exc:  # in-process; a real process exits in dealcalc.process
                typer.echo("interrupted", err=True)
                raise typer.Exit(exit_code(exc)) from None
            except OSError as exc:  # stdout: a closed pipe (`| head`), a full disk, closed
                if _state["debug"]:
                    raise
                raise typer.Exit(process.stdout_failed(exc)) from None
            except (typer.Exit, typer.Abort):
                raise
            except Exception as exc:
                if _state["debug"]:
                    raise
                typer.echo(
                    f"dealcalc: internal error ({type(exc).__name__}: {escape_field(str(exc))}); "
                    "this is a bug — "
                    "rerun with 'dealcalc --debug …' and report the traceback",
                    err=True,
                )
                raise typer.Exit(exit_code(exc)) from None

        summary = help_summary(func.__doc__ or "")
        app.command(name, short_help=summary)(run)
        return func

    return register


def help_summary(doc: str) -> str:
    """A command's summary in the list of commands: the whole first paragraph of its docstring as
    one line (not its first line, which may stop mid-sentence, nor Click's first 45 characters)."""
    return " ".join(doc.strip().split("\n\n", 1)[0].split())


def _worded(exc: DealcalcError) -> list[str]:
    """An error's message as the command line says it: naming the option where that helps."""
    from dealcalc.errors import MissingInputError, UnknownMetricError

    if isinstance(exc, UnknownMetricError):
        return [f"--metric {exc}"]
    if isinstance(exc, MissingInputError) and exc.inline:
        return [*exc.lines(), f'or pass --set "{exc.path}={exc.inline}"']
    return exc.lines()


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app to run for these arguments: one with only the command named, when one is.
    Typer builds every command's options before it parses any (18 ms of a 90 ms one-off
    command for all 15 commands); the root's help, unknown commands and shell completion get
    the whole app."""
    import os

    if "_DEALCALC_COMPLETE" in os.environ:
        return app
    name = next((a for a in args if not a.startswith("-")), None)
    for info in app.registered_commands:
        if info.name == name:
            one = typer.Typer(**_SETTINGS)
            one.registered_callback = app.registered_callback
            one.registered_commands = [info]
            return one
    return app


def main() -> None:
    """Console-script entry point (see `dealcalc.launch`)."""
    from dealcalc import process

    process.install()
    try:
        # prog_name: under `python -m dealcalc` too, usage lines and completion say "dealcalc"
        app_for(sys.argv[1:])(prog_name="dealcalc")
    except KeyboardInterrupt:  # pragma: no cover - during Typer's own start-up
        sys.stderr.write("interrupted\n")
        sys.exit(exit_code(KeyboardInterrupt()))
    except OSError as exc:  # Typer's own output: `dealcalc --help > /dev/full`
        sys.exit(process.stdout_failed(exc))


# The commands register themselves on `app` when imported, in the order `dealcalc --help` lists them.
from dealcalc.cli import metrics_commands  # noqa: E402, F401, I001
from dealcalc.cli import analysis_commands  # noqa: E402, F401
from dealcalc.cli import file_commands  # noqa: E402, F401
