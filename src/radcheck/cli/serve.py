"""``radcheck serve``: the check page in a browser, for drafters who do not use a terminal."""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path

import click

from radcheck.cli import fail
from radcheck.cli.options import config_option


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on.  Anything but this computer (127.0.0.1) needs --token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@click.option("--token", envvar="RADCHECK_SERVE_TOKEN", metavar="SECRET",
              help="Secret every request must carry (needed with any --host but 127.0.0.1); people open "
                   "http://HOST:PORT/?token=SECRET once.  Also read from RADCHECK_SERVE_TOKEN.")
@config_option
def serve(host: str, port: int, open_browser: bool, token: str | None, config_path: Path | None) -> None:
    """A local web page to check drafts: choose files, read the report, download it.

    Nothing is kept: each upload is checked in a private temporary folder, by a process of its own with
    a time and memory limit, and removed once the report is sent.
    """
    try:
        import multipart  # type: ignore[import-untyped]  # noqa: F401 - python-multipart, for the upload form
        import starlette  # noqa: F401
        import uvicorn
    except ImportError as exc:
        fail(f"radcheck serve needs the 'serve' extra ({exc.name} is missing): pip install 'radcheck[serve]'")
    from radcheck.config import load_config
    from radcheck.serve import Settings, create_app

    loopback = is_loopback(host)
    if token is not None and not re.fullmatch(r"[A-Za-z0-9._~-]{16,}", token):
        fail("--token: use at least 16 characters of letters, digits, '.', '_', '~' or '-' "
             "(e.g. python -c 'import secrets; print(secrets.token_urlsafe())')")
    if not loopback and token is None:
        fail(f"--host {host} makes the page reachable from other computers: give --token SECRET (or set "
             f"RADCHECK_SERVE_TOKEN); people then open http://{host}:{port}/?token=SECRET once")
    config = load_config(config_path)
    settings = Settings.from_config(config, config_path=str(config_path) if config_path else None, token=token,
                                    loopback_only=loopback)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    click.echo(f"radcheck serve: {url}")
    if loopback:
        click.echo("  reachable from this computer only.")
    else:
        click.echo(f"  reachable from other computers on {host}: every request needs the token; open "
                   f"http://{shown}:{port}/?token=SECRET once (a cookie keeps it), or send "
                   "'Authorization: Bearer SECRET'.  Plain HTTP: use it on a trusted office network only.")
    click.echo(f"  keeps nothing: each check runs in a private temporary folder, removed after the response "
               f"(limits: {settings.limits.max_file_bytes:,} bytes a file, {settings.timeout_seconds:g} s, "
               f"{settings.memory_mb} MB).  Ctrl+C stops it.")
    app = create_app(settings)
    if open_browser:
        _open_when_ready(url + (f"?token={token}" if token else ""), host, port)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False)


def _open_when_ready(url: str, host: str, port: int) -> None:
    """Open the browser once the server accepts connections (in a thread, so uvicorn can start)."""
    import socket
    import threading
    import time
    import webbrowser

    def wait_and_open() -> None:
        target = "127.0.0.1" if host in ("0.0.0.0", "::") else host.strip("[]")
        for _ in range(100):
            try:
                with socket.create_connection((target, port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        webbrowser.open(url)

    threading.Thread(target=wait_and_open, daemon=True).start()
