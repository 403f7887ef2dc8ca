"""Outputs of every command: one guard that refuses an output which is an input, and atomic writes.

The guard runs before a command does anything (``guard_command`` wraps each command's callback when
the ``radcheck`` group loads it): every path option of the command is an input except the outputs
named in ``OUTPUT_PARAMS``; a folder given as input stands for every file under it; the configuration
found in the working directory and the registry it names are inputs too.  An output is refused (exit 2)
when it is the same file as any input by device and inode, so a hard link, a symlink or another
spelling of the path is caught as well as the same name.

``write_file`` writes to a temporary file next to the target and renames it over the target, so a run
that fails half way leaves the old file (or nothing), never half a report.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

# The options of any command that name a file radcheck writes; every other path option is read.
OUTPUT_PARAMS = frozenset({"output", "ics"})


class Fatal(click.ClickException):
    """A run that cannot go on: one line on standard error and exit code 2 (``docs/REPORT.md``), also under
    click's test runner, which does not pass through ``radcheck.cli.main``."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"radcheck: error: {self.message}", err=True)


class OutputError(Fatal):
    """An output cannot be written, or would overwrite an input."""


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _files_under(folder: Path) -> Iterator[Path]:
    # Every file under an input folder counts, whatever its suffix: writing over any of them loses it.
    for root, _dirs, files in os.walk(folder, onerror=lambda _exc: None):
        for name in files:
            yield Path(root, name)


def input_identities(inputs: Iterable[Path]) -> dict[tuple[int, int], Path]:
    """(device, inode) of every input file, a folder standing for each file under it."""
    seen: dict[tuple[int, int], Path] = {}
    for path in inputs:
        ident = _identity(path)
        if ident is None:
            continue
        seen.setdefault(ident, path)
        if path.is_dir():
            for member in _files_under(path):
                member_ident = _identity(member)
                if member_ident is not None:
                    seen.setdefault(member_ident, member)
    return seen


def refuse_overwrite(outputs: Iterable[Path | None], inputs: Iterable[Path]) -> None:
    """Raise OutputError when an output is one of the inputs (same file by any name) or an input folder."""
    targets = [Path(o) for o in outputs if o is not None]
    if not targets:
        return
    known = input_identities(inputs)
    for target in targets:
        ident = _identity(target)
        if ident is not None and ident in known:
            which = known[ident]
            same = "" if os.path.abspath(which) == os.path.abspath(target) else f" (the same file as {which})"
            raise OutputError(f"{target}: refusing to overwrite an input file{same}")
        if target.is_dir():
            raise OutputError(f"{target}: is a folder; give a file name for the output")


def _default_config_inputs() -> list[Path]:
    """The configuration a command reads when --config is not given, and the registry it names."""
    found = [Path(n) for n in ("radcheck.toml", "pyproject.toml") if Path(n).is_file()]
    try:
        from radcheck.config import load_config

        registry = load_config().registry
    except Exception:  # a broken config is reported by the command itself, not here
        registry = None
    if registry:
        found.append(Path(registry))
    return found


def command_paths(ctx: click.Context) -> tuple[list[Path], list[Path]]:
    """(inputs, outputs) of a parsed command: its path parameters, split by ``OUTPUT_PARAMS``."""
    inputs: list[Path] = []
    outputs: list[Path] = []
    for param in ctx.command.params:
        if not isinstance(param.type, click.Path) or param.name is None:
            continue
        value = ctx.params.get(param.name)
        values = value if isinstance(value, (list, tuple)) else [value]
        paths = [Path(v) for v in values if v is not None]
        (outputs if param.name in OUTPUT_PARAMS else inputs).extend(paths)
    if outputs:
        inputs.extend(_default_config_inputs())
    return inputs, outputs


def guard_command(command: click.Command) -> click.Command:
    """Wrap a command so its outputs are checked against its inputs before it runs (once per command)."""
    callback = command.callback
    if callback is None or getattr(callback, "_radcheck_guarded", False):
        return command

    @functools.wraps(callback)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        inputs, outputs = command_paths(ctx)
        outs = list(outputs)
        if len({_identity(o) or os.path.abspath(o) for o in outs}) < len(outs):
            _fail("two outputs name the same file: " + ", ".join(map(str, outs)))
        try:
            refuse_overwrite(outs, inputs)
        except OutputError as exc:
            _fail(str(exc))
        return callback(*args, **kwargs)

    guarded._radcheck_guarded = True  # type: ignore[attr-defined]
    command.callback = guarded
    return command


def _fail(message: str) -> None:
    from radcheck.cli import fail

    fail(message)


def write_file(target: Path, content: str | bytes) -> None:
    """Write ``content`` to ``target`` whole or not at all: a temporary file beside it, then a rename.

    A target that exists and is not a regular file (``/dev/null``, ``/dev/stdout``, a pipe) is written
    in place: renaming over a device would replace it.  Raises OutputError saying why a write failed.
    """
    data = content.encode("utf-8", "replace") if isinstance(content, str) else content
    if target.is_symlink():  # write through the link to the file it names, keeping the link
        target = Path(os.path.realpath(target))
    try:
        st = target.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{target}: is a folder; give a file name for the output")
        if st is not None and not stat.S_ISREG(st.st_mode):
            with open(target, "wb") as fh:
                fh.write(data)
            return
        folder = target.parent
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            if st is not None:
                os.chmod(tmp, stat.S_IMODE(st.st_mode))
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise OutputError(f"{target}: cannot write: {exc.strerror or exc}") from None

