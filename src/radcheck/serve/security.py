"""What keeps the page safe to run: the access token, the Host check, CSRF tokens, the body limit and the
response headers.  Plain ASGI middleware and small functions; nothing is kept between requests except the
server's own random secret, made at start-up, which signs the CSRF tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp as App
from starlette.types import Message, Receive, Scope, Send

CSRF_COOKIE = "radcheck_csrf"
TOKEN_COOKIE = "radcheck_token"
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


class CsrfTokens:
    """Signed double-submit tokens: the form's hidden field must equal the cookie and carry our signature."""

    def __init__(self) -> None:
        self._secret = secrets.token_bytes(32)

    def _sign(self, nonce: str) -> str:
        return hmac.new(self._secret, nonce.encode("ascii"), hashlib.sha256).hexdigest()[:32]

    def new(self) -> str:
        nonce = secrets.token_urlsafe(16)
        return f"{nonce}.{self._sign(nonce)}"

    def valid(self, token: str | None) -> bool:
        if not token or token.count(".") != 1 or not token.isascii():
            return False
        nonce, sig = token.split(".")
        return hmac.compare_digest(sig, self._sign(nonce))

    def matches(self, field: str | None, cookie: str | None) -> bool:
        return bool(field) and bool(cookie) and hmac.compare_digest(str(field), str(cookie)) and self.valid(cookie)


def content_security_policy(script_sources: str = "") -> str:
    """No resource from anywhere but this server; inline styles (the report's) and only our scripts."""
    scripts = " ".join(s for s in ("'self'", script_sources) if s)
    return ("default-src 'none'; " f"script-src {scripts}; " "style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def host_name(host_header: str) -> str:
    """``[::1]:8765`` → ``::1``; ``localhost:8765`` → ``localhost``."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard:
    """The outermost layer: Host check (loopback), access token, body size, security headers."""

    def __init__(self, app: App, *, token: str | None, loopback_only: bool, max_body: int, csp: str,
                 refuse: Callable[[Scope, int, str, str], App]) -> None:
        self.app = app
        self.token = token
        self.loopback_only = loopback_only
        self.max_body = max_body
        self.csp = csp
        self.refuse = refuse  # (scope, status, failure kind, detail) → an ASGI app sending the error page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                h = MutableHeaders(scope=message)
                h.setdefault("content-security-policy", self.csp)
                h["x-content-type-options"] = "nosniff"
                h["referrer-policy"] = "no-referrer"
                h["x-frame-options"] = "DENY"
                h["cache-control"] = "no-store"
            await send(message)

        if self.loopback_only and host_name(headers.get("host", "")) not in LOOPBACK_NAMES:
            # A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) gets nothing.
            shown = host_name(headers.get("host", ""))[:80]
            await self.refuse(scope, 403, "host", shown)(scope, receive, send_with_headers)
            return
        if self.token is not None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            given = query.get("token")
            if given is not None and hmac.compare_digest(given.encode(), self.token.encode()):
                await _redirect_keeping_token(scope, send_with_headers, self.token, query)
                return
            cookie = _cookies(headers.get("cookie", "")).get(TOKEN_COOKIE, "")
            bearer = headers.get("authorization", "").removeprefix("Bearer ").strip()
            if not any(hmac.compare_digest(v.encode(), self.token.encode()) for v in (cookie, bearer) if v):
                await self.refuse(scope, 403, "token", "")(scope, receive, send_with_headers)
                return
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await self.refuse(scope, 413, "too_large", f"{declared} bytes > {self.max_body:,}")(
                scope, _drained, send_with_headers)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:  # a body without Content-Length, or longer than declared
                    raise HTTPException(413, f"> {self.max_body:,} bytes")
            return message

        await self.app(scope, counted_receive, send_with_headers)


async def _drained() -> Message:
    return {"type": "http.disconnect"}


async def _redirect_keeping_token(scope: Scope, send: Send, token: str, query: dict[str, str]) -> None:
    """``/?token=…`` once: the token moves into a cookie and out of the address bar (and history)."""
    rest = {k: v for k, v in query.items() if k != "token"}
    location = scope.get("root_path", "") + scope["path"] + (f"?{urlencode(rest)}" if rest else "")
    await send({"type": "http.response.start", "status": 303, "headers": [
        (b"location", location.encode("latin-1")),
        (b"set-cookie", f"{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict".encode("latin-1")),
        (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})


def _cookies(header: str) -> dict[str, str]:
    from http.cookies import SimpleCookie

    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except Exception:  # a malformed Cookie header is no cookie, not an error
        return {}
    return {k: m.value for k, m in jar.items()}
