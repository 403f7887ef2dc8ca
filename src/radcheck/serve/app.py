"""The Starlette application: the check form, the result page, the rules page, the page's own assets."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import PurePosixPath
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Scope

from radcheck.config import Config, Limits
from radcheck.serve import security
from radcheck.serve.pages import failure_text, family_name, lang_of, render_template
from radcheck.serve.worker import Job, Outcome, Upload, WorkerFailure, run_job

# The page's own assets: a fixed table, so no request can name any other file.
ASSETS = {"serve.css": "text/css; charset=utf-8", "serve.js": "text/javascript; charset=utf-8"}
_COPY_CHUNK = 1024 * 1024
_FIELDS_BYTES = 1024 * 1024  # the form's other fields (token, date, families) besides the files
# Checks that may wait for a worker, per worker: beyond this a request is told the server is busy at
# once, rather than holding its uploads (up to the size limit each) while it waits its turn.
_QUEUE_PER_WORKER = 8
ACCEPTED = (".docx", ".pdf", ".xlsx", ".txt", ".yaml", ".yml", ".json")


@dataclass
class Settings:
    """How the server runs: ``[tool.radcheck.serve]`` (timeout-seconds, memory-mb, max-files, workers)
    and the size limits of ``[tool.radcheck.limits]``; ``token`` from ``--token``."""

    config_path: str | None = None
    token: str | None = None
    loopback_only: bool = True
    limits: Limits = field(default_factory=Limits)
    timeout_seconds: float = 120.0
    memory_mb: int = 2048  # address space of one check's process (the seeds need about 300 MB)
    max_files: int = 10  # drafts in one check, besides the previous draft
    workers: int = max(1, os.cpu_count() or 1)  # checks at once; more wait their turn

    @classmethod
    def from_config(cls, config: Config, *, config_path: str | None = None, token: str | None = None,
                    loopback_only: bool = True) -> Settings:
        from radcheck.config import ConfigError

        table = config.section("serve")
        kinds = {"timeout_seconds": float, "memory_mb": int, "max_files": int, "workers": int}
        known: dict[str, Any] = {}
        for key, kind in kinds.items():
            if key not in table:
                continue
            value = table[key]
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0 or kind(value) != value:
                where = f"{config.source}: " if config.source else ""
                raise ConfigError(f"{where}serve.{key.replace('_', '-')} must be a positive "
                                  f"{'number' if kind is float else 'whole number'}, not {value!r}")
            known[key] = kind(value)
        return cls(config_path=config_path, token=token, loopback_only=loopback_only, limits=config.limits,
                   **known)

    @property
    def max_body(self) -> int:
        """A request may hold every file at its size limit, and the form's fields."""
        return self.limits.max_file_bytes * (self.max_files + 1) + _FIELDS_BYTES


def create_app(settings: Settings | None = None) -> security.Guard:
    """The application, wrapped in its guard (Host, token, body size, headers)."""
    settings = settings or Settings()
    from radcheck.formats.html import script_hash

    csrf = security.CsrfTokens()
    slots = asyncio.Semaphore(settings.workers)
    queue = {"waiting": 0}  # checks running or waiting for a slot
    report_csp = security.content_security_policy(f"'{script_hash()}'")

    def base(request: Request) -> str:
        return str(request.scope.get("root_path", "")).rstrip("/")

    def page(request: Request, name: str, lang: str, status: int = 200, **values: Any) -> HTMLResponse:
        return HTMLResponse(render_template(name, lang=lang, base=base(request), **values), status_code=status)

    def error_page(request: Request, kind: str, lang: str, status: int, detail: str = "",
                   unreadable: list[tuple[str, str]] | None = None) -> HTMLResponse:
        what, todo = failure_text(kind, lang, detail)
        return page(request, "error.html.j2", lang, status, what=what, todo=todo, unreadable=unreadable or [])

    async def check_page(request: Request) -> Response:
        lang = lang_of(request.query_params.get("lang"))
        from radcheck.catalogue import FAMILIES

        cookie = request.cookies.get(security.CSRF_COOKIE) or ""
        token = cookie if csrf.valid(cookie) else csrf.new()  # one token for every open tab
        response = page(request, "check.html.j2", lang, csrf=token, accept=",".join(ACCEPTED),
                        today=dt.date.today().isoformat(),
                        families=[(k, family_name(k, v, lang)) for k, v in FAMILIES.items()])
        if token != cookie:
            response.set_cookie(security.CSRF_COOKIE, token, httponly=True, samesite="strict")
        return response

    async def rules_page(request: Request) -> Response:
        from radcheck.api import rules
        from radcheck.catalogue import FAMILIES

        lang = lang_of(request.query_params.get("lang"))
        metas = rules()
        families = [(k, family_name(k, v, lang), [m for m in metas if m.family == k]) for k, v in FAMILIES.items()]
        return page(request, "rules.html.j2", lang, here="/rules", families=[f for f in families if f[2]])

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            raise HTTPException(404)
        data = resources.files("radcheck.serve").joinpath("static", name).read_bytes()
        return Response(data, media_type=ASSETS[name])

    async def check(request: Request) -> Response:
        async with request.form(max_files=settings.max_files + 1, max_fields=64) as form:
            lang = lang_of(_text(form.get("lang")))
            if not csrf.matches(_text(form.get("csrf")), request.cookies.get(security.CSRF_COOKIE)):
                return error_page(request, "csrf", lang, 403)
            files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
            previous = form.get("previous")
            previous = previous if isinstance(previous, UploadFile) and previous.filename else None
            if not files:
                return error_page(request, "no_files", lang, 400)
            if len(files) > settings.max_files:
                return error_page(request, "too_many", lang, 400, f"{len(files)} > {settings.max_files}")
            names = _unique([clean_name(f.filename or "", i) for i, f in enumerate(files, 1)])
            wrong = [n for n in names + ([clean_name(previous.filename or "", 0)] if previous else [])
                     if _suffix(n) not in ACCEPTED]
            if wrong:
                return error_page(request, "file_type", lang, 400, ", ".join(wrong))
            try:
                as_of = dt.date.fromisoformat(_text(form.get("as_of")) or dt.date.today().isoformat())
            except ValueError:
                return error_page(request, "bad_date", lang, 400, _text(form.get("as_of"))[:40])
            families = [_text(v) for v in form.getlist("family")]
            from radcheck.catalogue import FAMILIES

            select = sorted(set(families) & set(FAMILIES))
            if queue["waiting"] >= settings.workers * _QUEUE_PER_WORKER:
                return error_page(request, "busy", lang, 503)
            folder = tempfile.mkdtemp(prefix="radcheck-serve-")  # mode 0700: this user's only
            try:
                uploads = []
                for i, (f, name) in enumerate(zip(files, names, strict=True), 1):
                    uploads.append(await _store(f, folder, f"upload-{i}", name, settings.limits))
                prev = None
                if previous is not None:
                    prev = await _store(previous, folder, "previous", clean_name(previous.filename or "", 0),
                                        settings.limits)
                links = {"check": f"{base(request)}/?lang={lang}", "rules": f"{base(request)}/rules?lang={lang}"}
                job = Job(uploads=uploads, previous=prev, as_of=as_of, lang=lang,
                          select=select if select and len(select) < len(FAMILIES) else None,
                          config_path=settings.config_path, links=links)
                queue["waiting"] += 1
                try:
                    async with slots:
                        outcome: Outcome = await asyncio.to_thread(
                            run_job, job, timeout=settings.timeout_seconds,
                            memory_bytes=settings.memory_mb * 1024 * 1024)
                finally:
                    queue["waiting"] -= 1
            except _TooLarge as exc:
                return error_page(request, "too_large", lang, 413, str(exc))
            except WorkerFailure as exc:
                return error_page(request, exc.kind, lang, 503 if exc.kind == "timeout" else 500, exc.detail)
            finally:
                shutil.rmtree(folder, ignore_errors=True)
        if outcome.problem:
            return error_page(request, "problem", lang, 400, outcome.problem)
        if outcome.page is None:
            return error_page(request, "unreadable", lang, 422, "", unreadable=outcome.unreadable)
        return HTMLResponse(outcome.page, headers={"content-security-policy": report_csp})

    async def http_error(request: Request, exc: Exception) -> Response:
        status, detail = getattr(exc, "status_code", 500), str(getattr(exc, "detail", exc))
        lang = lang_of(request.query_params.get("lang"))
        if status == 413:
            return error_page(request, "too_large", lang, 413, detail)
        if status == 404:
            return error_page(request, "not_found", lang, 404)
        return error_page(request, "problem", lang, status, detail)

    def refuse(scope: Scope, status: int, kind: str, detail: str) -> ASGIApp:
        request = Request(scope)
        return error_page(request, kind, lang_of(request.query_params.get("lang")), status, detail)

    app = Starlette(
        routes=[
            Route("/", check_page, methods=["GET"]),
            Route("/check", check, methods=["POST"]),
            Route("/rules", rules_page, methods=["GET"]),
            Route("/static/{name}", asset, methods=["GET"]),
            Route("/favicon.ico", lambda request: Response(status_code=204), methods=["GET"]),
        ],
        exception_handlers={HTTPException: http_error},
    )
    guarded = security.Guard(app, token=settings.token, loopback_only=settings.loopback_only,
                             max_body=settings.max_body, csp=security.content_security_policy(), refuse=refuse)
    return guarded


class _TooLarge(Exception):
    pass


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _suffix(name: str) -> str:
    return PurePosixPath(name).suffix.lower()


def clean_name(raw: str, index: int) -> str:
    """The name a file was given, for the report only: no folders, no control characters, not too long."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().strip(".")
    if len(name) > 120:
        suffix = _suffix(name)[:10]
        name = name[: 120 - len(suffix)] + suffix
    return name or f"berkas-{index}"


def _unique(names: list[str]) -> list[str]:
    """Two files of one name are told apart in the report: ``rad.docx``, ``rad (2).docx``."""
    out: list[str] = []
    for name in names:
        candidate, n = name, 1
        while candidate in out:
            n += 1
            stem, suffix = (name[: -len(_suffix(name))], _suffix(name)) if _suffix(name) else (name, "")
            candidate = f"{stem} ({n}){suffix}"
        out.append(candidate)
    return out


async def _store(upload: UploadFile, folder: str, stem: str, name: str, limits: Limits) -> Upload:
    """Copy an upload into the private folder under our own name; refuse it past the size limit."""
    suffix = _suffix(name)
    path = os.path.join(folder, stem + suffix)
    size = 0
    with open(path, "xb") as out:
        while chunk := await upload.read(_COPY_CHUNK):
            size += len(chunk)
            if size > limits.max_file_bytes:
                raise _TooLarge(f"{name}: > {limits.max_file_bytes:,} bytes")
            out.write(chunk)
    return Upload(stored=path, name=name, fmt=suffix.lstrip("."))
