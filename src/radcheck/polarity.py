"""Indicator polarity: whether an indicator's target should rise (``higher``) or fall (``lower``).

The answer comes, in order of precedence, from the plan itself (``Indicator.polarity``, the structured
form's ``polarity: lower``), from the project's configuration (``[tool.radcheck.polarity]``: indicator
text → polarity), and from the lexicon in ``rules/polarity.yaml``.  When nothing decides, the indicator
is treated as higher-is-better and the result says the polarity was *assumed*, so that findings built
on it can say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    ValidationError,
    field_validator,
    model_validator,
)

from radcheck import shipped
from radcheck.words import word

if TYPE_CHECKING:
    from radcheck.config import Config
    from radcheck.model import Document, Indicator

Polarity = Literal["higher", "lower"]
Source = Literal["plan", "config", "lexicon", "unit", "assumed"]

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise_words(text: str) -> str:
    """Lower case, punctuation to spaces, one space between words, padded: `` jumlah kasus 15 19 ``."""
    return " " + " ".join(_NON_WORD.sub(" ", text.casefold()).split()) + " "


class PolarityLexicon(BaseModel):
    """The lexicon as validated data: terms are whole words or phrases."""

    model_config = ConfigDict(extra="forbid")
    lower: list[str]
    flip: list[str]
    negations: list[str]
    output_units: list[str]
    ignore: list[str] = []
    topics: list[str] = []

    @field_validator("lower", "flip", "negations", "output_units", "ignore", "topics")
    @classmethod
    def _terms_are_words(cls, terms: list[str]) -> list[str]:
        out = []
        for term in terms:
            norm = normalise_words(str(term)).strip()
            if not norm:
                raise ValueError(f"an empty polarity term: {term!r}")
            out.append(norm)
        return out

    @model_validator(mode="after")
    def _no_term_is_both_lower_and_flip(self) -> PolarityLexicon:
        both = set(self.lower) & set(self.flip)
        if both:
            raise ValueError(f"terms both lower and flip: {sorted(both)}")
        return self


class PolarityLexiconError(Exception):
    """rules/polarity.yaml is broken: a clear message, never a traceback."""


@cache
def load_lexicon() -> PolarityLexicon:
    """The polarity lexicon shipped with radcheck (``rules/polarity.yaml``, read as radcheck.shipped does)."""
    try:
        return PolarityLexicon.model_validate(shipped.load("polarity.yaml"))
    except (ValidationError, TypeError) as exc:
        raise PolarityLexiconError(f"polarity lexicon polarity.yaml is invalid: {exc}") from None


@dataclass(frozen=True)
class PolarityResult:
    """A polarity and where it came from; ``term`` is the lexicon word that decided it."""

    polarity: Polarity
    source: Source
    term: str | None = None

    @property
    def assumed(self) -> bool:
        return self.source == "assumed"

    def describe(self) -> dict[str, str]:
        """A phrase for messages, in both languages (the engine picks one)."""
        return word("polarity", want=word(f"polarity-want.{self.polarity}"),
                    why=word(f"polarity-source.{self.source}", term=self.term))


def _find(terms: list[str], text: str) -> tuple[str, int] | None:
    """The first term (in lexicon order) found in the padded text, with its position."""
    for term in terms:
        pos = text.find(f" {term} ")
        if pos >= 0:
            return term, pos
    return None


class _TermIndex:
    """A lexicon's terms by their first word, so that a text is searched only for terms that can occur.

    Trying every one of the lexicon's hundred-odd terms on every indicator was most of the direction
    rules' time on a large plan; a term can only occur in a text that holds its first word.
    """

    def __init__(self, lex: PolarityLexicon) -> None:
        self.lower = _by_first_word(lex.lower)
        self.flip = _by_first_word(lex.flip)

    @staticmethod
    def candidates(index: dict[str, list[tuple[int, str]]], words: str) -> list[str]:
        """The terms of ``index`` whose first word is among ``words``, in lexicon order."""
        found = [t for w in set(words.split()) for t in index.get(w, ())]
        return [term for _, term in sorted(found)] if found else []


def _by_first_word(terms: list[str]) -> dict[str, list[tuple[int, str]]]:
    index: dict[str, list[tuple[int, str]]] = {}
    for order, term in enumerate(terms):
        index.setdefault(term.split()[0], []).append((order, term))
    return index


def _negated(text: str, pos: int, negations: list[str]) -> bool:
    before = text[:pos].split()
    return bool(before) and before[-1] in negations


TOPIC_REACH = 3  # words between a topic word and the lower term it governs: "tentang bahaya dan dampak stunting"


def _topic(text: str, pos: int, topics: list[str]) -> str | None:
    """The topic word ("tentang") a few words before ``pos``, when the lower term there is only a topic."""
    before = text[:pos].split()[-TOPIC_REACH:]
    return next((w for w in reversed(before) if w in topics), None)


def lexicon_polarity(text: str, unit: str | None = None, lexicon: PolarityLexicon | None = None) -> PolarityResult:
    """Polarity from the words of an indicator and its unit alone."""
    if lexicon is None:
        return _shipped_lexicon_polarity(text, unit)
    return _lexicon_polarity(text, unit, lexicon)


def _shipped_lexicon_polarity(text: str, unit: str | None) -> PolarityResult:
    # Large plans repeat indicator wordings, and pair each with several units: the unit and the words
    # are judged apart, each cached, so that a wording is read once whatever its units.
    return _shipped_unit_polarity(unit) or _shipped_words_polarity(text)


@lru_cache(maxsize=4096)
def _shipped_unit_polarity(unit: str | None) -> PolarityResult | None:
    return _unit_polarity(unit, load_lexicon())


@lru_cache(maxsize=65536)
def _shipped_words_polarity(text: str) -> PolarityResult:
    return _words_polarity(text, load_lexicon(), _shipped_index())


@cache
def _shipped_index() -> _TermIndex:
    return _TermIndex(load_lexicon())


def _lexicon_polarity(text: str, unit: str | None, lex: PolarityLexicon,
                      index: _TermIndex | None = None) -> PolarityResult:
    return _unit_polarity(unit, lex) or _words_polarity(text, lex, index)


def _unit_polarity(unit: str | None, lex: PolarityLexicon) -> PolarityResult | None:
    """An output unit decides alone (the words are not needed); any other unit decides nothing."""
    unit_words = normalise_words(unit or "").strip()
    if unit_words in lex.output_units:
        return PolarityResult("higher", "unit", unit or unit_words)
    return None


def _words_polarity(text: str, lex: PolarityLexicon, index: _TermIndex | None = None) -> PolarityResult:
    words = normalise_words(text)
    for phrase in lex.ignore:
        words = words.replace(f" {phrase} ", " ")
    if index is None:
        index = _TermIndex(lex)
    found = negated = None
    for term in _TermIndex.candidates(index.lower, words):
        start = 0
        while (pos := words.find(f" {term} ", start)) >= 0:
            if _negated(words, pos + 1, lex.negations):
                negated = negated or f"{words[:pos + 1].split()[-1]} {term}"
            elif (topic := _topic(words, pos + 1, lex.topics)) is not None:
                negated = negated or f"{topic} … {term}"
            else:
                found = term
                break
            start = pos + 1
        if found:
            break
    if found is None:
        if negated is not None:  # "permukiman tidak kumuh": the absence of a bad thing should grow
            return PolarityResult("higher", "lexicon", negated)
        flip = _find(_TermIndex.candidates(index.flip, words), words)
        if flip is not None:
            return PolarityResult("higher", "lexicon", flip[0])
        return PolarityResult("higher", "assumed")
    flip = _find(_TermIndex.candidates(index.flip, words), words)
    if flip is not None:
        return PolarityResult("higher", "lexicon", flip[0])
    return PolarityResult("lower", "lexicon", found)


def _config_key(text: str) -> str:
    return " ".join(text.casefold().split())


class PolarityResolver:
    """Resolves many indicators against one configuration (its overrides indexed once)."""

    def __init__(self, config: Config | None = None) -> None:
        overrides = config.polarity if config is not None else {}
        self._overrides: dict[str, Polarity] = {_config_key(k): v for k, v in overrides.items()}

    def __call__(self, indicator: Indicator) -> PolarityResult:
        if indicator.polarity is not None:
            return PolarityResult(indicator.polarity, "plan")
        configured = self._overrides.get(_config_key(indicator.text)) if self._overrides else None
        if configured is not None:
            return PolarityResult(configured, "config")
        return lexicon_polarity(indicator.text, indicator.unit)


def indicator_polarity(indicator: Indicator, config: Config | None = None) -> PolarityResult:
    """The polarity of one indicator: stated in the plan, else configured, else from the lexicon."""
    return PolarityResolver(config)(indicator)


def warn_unmatched_overrides(config: Config, documents: list[Document]) -> list[str]:
    """Warn (``ConfigWarning``) about each ``[tool.radcheck.polarity]`` entry that matches no indicator of
    ``documents``, naming the closest indicator text; returns those entries."""
    import difflib
    import warnings

    from radcheck.config import ConfigWarning

    texts = {_config_key(i.text): i.text for doc in documents for i in doc.indicators()}
    unmatched = [k for k in config.polarity if _config_key(k) not in texts]
    where = f"{config.source}: " if config.source else ""
    for entry in unmatched:
        close = difflib.get_close_matches(_config_key(entry), list(texts), n=1, cutoff=0.6)
        hint = f"; did you mean {texts[close[0]]!r}?" if close else ""
        warnings.warn(ConfigWarning(f"{where}[polarity] {entry!r} matches no indicator of the documents checked"
                                    f" (the whole indicator text is needed; case and spacing are ignored){hint}"),
                      stacklevel=3)
    return unmatched
