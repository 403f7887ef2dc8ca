"""The rule engine: a registry of rule functions, selection, and turning hits into findings.

A rule is a plain function registered with ``@rule("T001")``.  A document rule takes
``(doc, ctx)`` and yields hits; a corpus rule (``scope="corpus"``) takes ``(docs, ctx)`` and runs when
several documents are checked together.  Rules never read files, print, or keep state between calls.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import importlib
import os
import pkgutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from radcheck.catalogue import FAMILIES, RuleMeta, load_catalogue
from radcheck.catalogue import _Params as TemplateParams
from radcheck.config import Config
from radcheck.findings import SORT_KEY, Finding, Hit, Occurrence, Severity, hit
from radcheck.locate import Locator
from radcheck.places import places_text
from radcheck.words import word

if TYPE_CHECKING:
    from radcheck.model import Document

T = TypeVar("T")


@dataclass(frozen=True)
class RegisteredRule:
    code: str
    scope: Literal["document", "corpus"]
    func: Callable[..., Iterable[Hit]]


_REGISTRY: dict[str, RegisteredRule] = {}


def rule(code: str, *, scope: Literal["document", "corpus"] = "document") -> Callable[[Any], Any]:
    """Register a rule function under its code; a code registered twice is a programming error."""

    def register(func: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        if code in _REGISTRY:
            raise ValueError(f"rule {code} is registered twice ({_REGISTRY[code].func.__name__}, {func.__name__})")
        _REGISTRY[code] = RegisteredRule(code=code, scope=scope, func=func)
        return func

    return register


def registered_rules() -> dict[str, RegisteredRule]:
    """Every rule in the ``radcheck.checks`` package, imported once."""
    import radcheck.checks as package

    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{info.name}")
    return dict(sorted(_REGISTRY.items()))


@dataclass
class Context:
    """What rules may know besides the document: the date, the language, the settings, side inputs."""

    as_of: dt.date = field(default_factory=dt.date.today)
    lang: str = "id"
    config: Config = field(default_factory=Config)
    registry: Path | None = None  # --registry FILE
    reports: Path | None = None  # --reports FILE
    _memo: dict[tuple[int, str], Any] = field(default_factory=dict, repr=False)

    def memo(self, doc: Document, name: str, build: Callable[[], T]) -> T:
        """A value derived from ``doc`` (say, every agency mention resolved), built once per run.

        Several rules of a family often need the same pass over a large plan; the first to ask pays for
        it.  ``name`` must say what the value is, so two modules never share one by accident.
        """
        key = (id(doc), name)
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]  # type: ignore[no-any-return]


class SelectionError(ValueError):
    """A --select/--ignore token names no rule, family or code."""


def resolve_selection(tokens: Iterable[str], catalogue: dict[str, RuleMeta], *, families_whole: bool = True
                      ) -> set[str]:
    """Codes named by codes (``T001``), names (``missing-target``) or family letters (``T``).

    A family letter names every rule of the family; with ``families_whole=False`` (what --select
    means) only its rules that are on by default: a rule off by default is selected by its code or name.
    """
    by_name = {m.name: code for code, m in catalogue.items()}
    out: set[str] = set()
    for raw in tokens:
        token = raw.strip()
        if not token:
            continue
        if token.upper() in catalogue:
            out.add(token.upper())
        elif token.lower() in by_name:
            out.add(by_name[token.lower()])
        elif token.upper() in FAMILIES:
            out.update(c for c, m in catalogue.items()
                       if c.startswith(token.upper()) and (families_whole or not m.off_by_default))
        else:
            from radcheck._suggest import did_you_mean

            hint = did_you_mean(token, [*catalogue, *by_name, *FAMILIES]) if len(token) > 1 else ""
            raise SelectionError(f"unknown rule, name or family: {token!r}{hint} (see 'radcheck rules')")
    return out


def active_codes(config: Config, select: Iterable[str] | None, ignore: Iterable[str] | None) -> set[str]:
    catalogue = load_catalogue()
    chosen = select if select is not None else config.select
    if chosen:
        codes = resolve_selection(chosen, catalogue, families_whole=False)
    else:
        codes = {code for code, meta in catalogue.items() if not meta.off_by_default}
    codes -= resolve_selection([*config.ignore, *(ignore or [])], catalogue)
    return codes


def make_finding(h: Hit, meta: RuleMeta, document: str, ctx: Context) -> Finding:
    return _RuleWording.of(meta, ctx).finding(h, document, ctx.lang)


@dataclass(frozen=True)
class _RuleWording:
    """What every finding of one rule shares in one run: its name, severity and message templates.

    Worked out once per rule, not per finding: a large plan yields tens of thousands of findings, and
    the severity override and the language's templates were looked up again for each one.
    """

    code: str
    name: str
    severity: Severity
    message: str  # the template in the run's language
    suggestion: str | None
    variants: dict[str, _RuleWording] = field(default_factory=dict)  # the catalogue's ``variants:``

    @classmethod
    def of(cls, meta: RuleMeta, ctx: Context) -> _RuleWording:
        override = ctx.config.severity.get(meta.code) or ctx.config.severity.get(meta.name)
        severity = override or meta.severity
        suggestion = meta.suggestion.get(ctx.lang) if meta.suggestion is not None else None
        variants = {
            key: cls(meta.code, meta.name, override or v.severity or meta.severity, v.message.get(ctx.lang),
                     v.suggestion.get(ctx.lang) if v.suggestion is not None else suggestion)
            for key, v in meta.variants.items()}
        return cls(meta.code, meta.name, severity, meta.message.get(ctx.lang), suggestion, variants)

    def finding(self, h: Hit, document: str, lang: str, excerpts: dict[Any, str] | None = None,
                locate: Locator | None = None) -> Finding:
        """The finding of a hit.  ``excerpts`` (excerpt, or (excerpt, focus) → :func:`_short` of it) may be
        shared by the findings of one run: rules quote the same few wordings in thousands of findings."""
        if h.variant is not None and h.variant in self.variants:
            return self.variants[h.variant].finding(h, document, lang, excerpts, locate)
        # A value may itself be bilingual ({"id": …, "en": …}); the report's language picks one.  The
        # message and the suggestion are filled from one mapping, as RuleMeta.render fills each.
        params = TemplateParams(
            {k: (v.get(lang, v["id"]) if isinstance(v, dict) and "id" in v else v) for k, v in h.params.items()})
        suggestion = self.suggestion
        excerpt = h.excerpt
        if excerpt is None:
            short = None
        elif excerpts is None:
            short = _short(excerpt, h.focus)
        else:
            key = excerpt if h.focus is None else (excerpt, h.focus)
            short = excerpts.get(key)
            if short is None:
                short = excerpts[key] = _short(excerpt, h.focus)
        return Finding(
            document,
            h.line if h.line is not None else 0,
            self.code,
            self.name,
            self.severity,
            self.message.format_map(params),
            h.path,
            h.line,
            h.end_line,
            short,
            suggestion.format_map(params) if suggestion is not None else None,
            locate(h.line, h.path) if locate is not None else _text_location(h.line),
        )


def _text_location(line: int | None) -> dict[str, int] | None:
    return {"line": line} if line is not None else None


def _short(text: str, focus: str | None = None, limit: int = 200) -> str:
    """The excerpt as a report quotes it: on one line, at most ``limit`` characters.  A longer one is
    quoted from its start, or, when ``focus`` lies beyond what that shows, from a word before it."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    focus = " ".join(focus.split()) if focus else ""
    at = text.find(focus) if focus else -1
    if at < 0 or at + len(focus) < limit:
        return text[: limit - 1] + "…"
    width = limit - 2  # room for a "…" at both ends
    start = max(min(at - (width - len(focus)) // 2, len(text) - width), 1)
    start = text.find(" ", start, at) + 1 or start  # from a word, not inside one
    end = start + width
    return "…" + text[start:end] + ("…" if end < len(text) else "")


def _ignored_here(code: str, meta: RuleMeta, document: str, config: Config) -> bool:
    for pattern, tokens in config.per_path_ignores.items():
        if fnmatch.fnmatch(document, pattern) or fnmatch.fnmatch(Path(document).name, pattern):
            if code in resolve_selection(tokens, load_catalogue()):
                return True
    return False


MAX_LINES_LISTED = 10  # a grouped finding's message lists the first lines of its places; more are counted


def _grouped(hits: list[Hit], wording: _RuleWording, doc: Document, ctx: Context, excerpts: dict[Any, str],
             locate: Locator) -> Finding:
    """One finding for the hits of one rule sharing a group key: the first place's finding, with every
    place in ``occurrences`` and, for the message, ``{places}`` (how many), ``{place_list}`` (the first
    places in words a person can find: "baris 149, 152" in a text file, "lembar B, baris 4, 7" in Excel)
    and ``{place_lines}`` (the running line numbers, kept for messages written before)."""
    places: dict[tuple[str, int | None, str | None], Hit] = {}
    for h in sorted(hits, key=lambda h: (h.line is None, h.line or 0, h.path)):
        places.setdefault((h.path, h.line, h.excerpt), h)
    ordered = list(places.values())
    first = ordered[0]
    lines = sorted({h.line for h in ordered if h.line is not None})
    listed = ", ".join(map(str, lines[:MAX_LINES_LISTED])) + (" …" if len(lines) > MAX_LINES_LISTED else "")
    # In the run's language only: the finding is written in that one.
    in_words = places_text([locate(h.line, h.path) for h in ordered], ctx.lang) or "-"
    params = {**first.params, "places": len(ordered), "place_lines": listed or "-", "place_list": in_words}
    made = hit(first.code, first.path, line=first.line, end_line=first.end_line, excerpt=first.excerpt,
               document=first.document, focus=first.focus, variant=first.variant, **params)
    finding = wording.finding(made, doc.source, ctx.lang, excerpts, locate)
    if len(ordered) < 2:
        return finding
    occurrences = tuple(
        Occurrence(h.path, h.line, h.end_line, _short(h.excerpt, h.focus) if h.excerpt is not None else None,
                   _as_dict(locate(h.line, h.path)))
        for h in ordered)
    return replace(finding, occurrences=occurrences)


def _as_dict(where: Any) -> dict[str, Any] | None:
    return dict(where) if where is not None else None


def run_document_rules(doc: Document, ctx: Context, codes: set[str]) -> list[Finding]:
    catalogue = load_catalogue()
    found: list[Finding] = []
    wordings: dict[str, _RuleWording] = {}
    excerpts: dict[Any, str] = {}
    locate = Locator(doc)
    cap = ctx.config.limits.max_rule_findings
    counts: dict[str, int] = {}
    for code, reg in registered_rules().items():
        if reg.scope != "document" or code not in codes or _ignored_here(code, catalogue[code], doc.source,
                                                                          ctx.config):
            continue
        groups: dict[tuple[str, str], list[Hit]] = {}
        for h in reg.func(doc, ctx):
            n = counts[h.code] = counts.get(h.code, 0) + (h.more or 1)
            if n > cap or h.more:  # beyond the cap a hit is only counted (600k A001 findings were 3 GB)
                continue
            wording = wordings.get(h.code)
            if wording is None:
                wording = wordings[h.code] = _RuleWording.of(catalogue[h.code], ctx)
            if h.group is not None:
                groups.setdefault((h.code, h.group), []).append(h)
                continue
            found.append(wording.finding(h, doc.source, ctx.lang, excerpts, locate))
        for (hit_code, _), hits in groups.items():
            found.append(_grouped(hits, wordings[hit_code], doc, ctx, excerpts, locate))
    found += [more_findings(catalogue[code], doc.source, n - cap, cap, ctx.lang)
              for code, n in counts.items() if n > cap]
    return sorted(set(found), key=SORT_KEY)


# Sorted after every finding with a line: the last of its document.
_LAST = 2**31 - 1


def counted(code: str, more: int, document: str | None = None) -> Hit:
    """What a rule yields for ``more`` findings it did not build, being past the cap (X002 on thousands of
    plans): they are counted in the final finding, not reported one by one."""
    return Hit(code=code, path="/", document=document, more=more)


def more_findings(meta: RuleMeta, document: str, more: int, cap: int, lang: str) -> Finding:
    """The finding that says how many findings of ``meta``'s rule in ``document`` were not reported."""
    # the engine's words (no rule's), in the report's language
    message = word("more-findings")["en" if lang == "en" else "id"].format(more=more, code=meta.code, cap=cap)
    return Finding(document, _LAST, meta.code, meta.name, meta.severity, message, f"/{meta.code}/more",
                       None, None, None, None)


def _rule_failed(meta: RuleMeta, exc: BaseException, lang: str) -> Finding:
    """The finding that says a cross-document rule failed inside radcheck (the documents' findings stand)."""
    reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    message = word("corpus-rule-failed")["en" if lang == "en" else "id"].format(code=meta.code, name=meta.name,
                                                                                 reason=reason)
    return Finding("", 0, meta.code, meta.name, meta.severity, message, f"/{meta.code}/failed",
                   None, None, None, None)


def run_corpus_rules(docs: Sequence[Document], ctx: Context, codes: set[str]) -> list[Finding]:
    catalogue = load_catalogue()
    found: list[Finding] = []
    locators = {d.source: Locator(d) for d in docs}
    for code, reg in registered_rules().items():
        if reg.scope != "corpus" or code not in codes:
            continue
        cap = ctx.config.limits.max_rule_findings
        total_cap = corpus_cap(ctx)
        counts: dict[str, int] = {}
        total = 0
        try:
            for h in reg.func(docs, ctx):
                document = h.document or ""
                n = counts[document] = counts.get(document, 0) + (h.more or 1)
                if n <= cap and not h.more and total < total_cap:
                    total += 1
                    locate = locators.get(document) or locators.setdefault(document, Locator(None))
                    found.append(_RuleWording.of(catalogue[h.code], ctx).finding(h, document, ctx.lang,
                                                                                 locate=locate))
        except (Exception, RecursionError, MemoryError) as exc:  # one rule's failure, not the run's
            if os.environ.get("RADCHECK_DEBUG"):
                raise
            found.append(_rule_failed(catalogue[code], exc, ctx.lang))
        shown: dict[str, int] = {}
        for f in found:
            if f.code == code:
                shown[f.document] = shown.get(f.document, 0) + 1
        found += [more_findings(catalogue[code], document, n - shown.get(document, 0), cap, ctx.lang)
                  for document, n in counts.items() if n > shown.get(document, 0)]
    return sorted(set(found), key=SORT_KEY)


# A cross-document rule over thousands of plans can find a conflict in every pair of them: besides the
# cap per document, one such rule reports at most this many times the cap in a run (10,000 findings by
# default), and counts the rest in each document's final finding.
CORPUS_CAP_FACTOR = 10


def corpus_cap(ctx: Context) -> int:
    """The most findings one cross-document rule reports in a run."""
    return ctx.config.limits.max_rule_findings * CORPUS_CAP_FACTOR
