"""The ``radcheck`` command.  Subcommands live in their own modules and are imported only when run."""

from __future__ import annotations

import gc
import importlib
import os
import sys
from typing import Any

import click

# command name → "module:function"; a new command is one module and one line here.
COMMANDS = {
    "check": "radcheck.cli.check:check",
    "serve": "radcheck.cli.serve:serve",
    "rules": "radcheck.cli.catalogue:rules_command",
    "rule": "radcheck.cli.catalogue:rule_command",
    "parse": "radcheck.cli.inspect:parse",
    "graph": "radcheck.cli.inspect:graph",
    "agencies": "radcheck.cli.agencies:agencies",
    "calendar": "radcheck.cli.calendar:calendar_command",
    "schema": "radcheck.cli.schema:schema_command",
}


class LazyGroup(click.Group):
    """Import a subcommand's module only when it is invoked (keeps ``radcheck --help`` fast)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        from radcheck.cli.outputs import guard_command

        module, attr = target.split(":")
        # Every command's outputs are checked against its inputs, in one place, before it runs.
        return guard_command(getattr(importlib.import_module(module), attr))

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None,
                                                                           list[str]]:
        # A misspelled command gets "did you mean", as a misspelled option does.
        name = args[0] if args else ""
        if args and name not in COMMANDS and not name.startswith("-"):
            import difflib

            close = difflib.get_close_matches(name, sorted(COMMANDS), n=3, cutoff=0.7)
            hint = f" (Did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
            ctx.fail(f"No such command {name!r}.{hint} Commands: {', '.join(sorted(COMMANDS))}.")
        return super().resolve_command(ctx, args)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="radcheck", prog_name="radcheck")
def cli() -> None:
    """Check Indonesian regional action-plan regulations (RAD) for compliance and consistency."""


def fail(message: str) -> None:
    """A one-line error naming what is wrong; exit code 2, no traceback."""
    click.echo(f"radcheck: error: {message}", err=True)
    sys.exit(2)


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: Any = None, line: str | None = None) -> None:
    """Python warnings (a file read as cp1252, a polarity entry matching nothing) as one line each;
    ``check --quiet`` turns them off with the warnings filter."""
    click.echo(f"radcheck: warning: {message}", err=True)


def main(argv: list[str] | None = None) -> Any:
    """Entry point: every error a user can cause ends as one line and exit code 2."""
    from radcheck.catalogue import CatalogueError
    from radcheck.config import ConfigError
    from radcheck.engine import SelectionError
    from radcheck.readers.common import UnreadableInput

    # A run reads, checks and reports, then exits: what it builds lives until the end anyway, so the
    # cyclic collector, which would re-scan every object of a large plan, has nothing to give back.
    # Off for the whole command (on a 100,000-indicator plan about 3 s of 26, same peak memory);
    # the library keeps it, pausing it only inside reading, checking and rendering (radcheck._gc).
    gc.disable()
    # pydantic looks for plugins by reading the entry points of every installed distribution the first
    # time it builds a validator (a few ms here, more in a large environment); radcheck uses none.  A
    # user who sets the variable keeps their own value.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    import warnings

    warnings.showwarning = _show_warning
    try:
        return cli.main(args=argv, prog_name="radcheck", standalone_mode=True)
    except (ConfigError, SelectionError, CatalogueError, UnreadableInput) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        click.echo("radcheck: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # the last net: a user never sees a traceback
        if os.environ.get("RADCHECK_DEBUG"):
            raise
        fail(f"internal error ({type(exc).__name__}: {exc}); run with RADCHECK_DEBUG=1 and report it")
