"""Words a rule fills into its catalogue message: the fragments in ``rules/words.yaml``.

A rule's whole messages are the catalogue's (``rules/catalogue/<F>.yaml``, with ``variants:``); what it
puts into them (the name of a column, a kind of alias, a place in the body) is here, by a stable key, in
both languages.  Code picks the key; the words are data.

``rules/words.yaml`` groups the words (``agency-column: {lead: {id: …, en: …}}``); a key names one by
group and name (``"agency-column.lead"``).  A text may be a ``str.format`` template whose values the
rule gives (``word("column.target", year=2024)``); id and en use the same placeholders.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from radcheck import shipped
from radcheck.catalogue import CatalogueError, _fields

FILE = "words.yaml"
LANGS = ("id", "en")


@cache
def all_words() -> dict[str, dict[str, str]]:
    """Every text of ``rules/words.yaml`` by its dotted key, checked: both languages, the same placeholders."""
    out: dict[str, dict[str, str]] = {}

    def walk(prefix: str, node: Any) -> None:
        if not isinstance(node, dict) or not node:
            raise CatalogueError(f"{FILE}: {prefix or 'the file'} is not a mapping of words")
        if set(node) == set(LANGS) and all(isinstance(v, str) for v in node.values()):
            if _fields(node["id"]) != _fields(node["en"]):
                raise CatalogueError(f"{FILE}: {prefix}: id and en use different placeholders")
            out[prefix] = node
            return
        for name, child in node.items():
            walk(f"{prefix}.{name}" if prefix else str(name), child)

    walk("", shipped.load(FILE))
    return out


def word(key: str, **values: Any) -> dict[str, str]:
    """The text named ``key`` in both languages (``{"id": …, "en": …}``, as a hit's parameter may be),
    filled with ``values``; a value may itself be bilingual.  Without values: the shared data, not a copy."""
    text = all_words()[key]
    if not values:
        return text
    return {lang: text[lang].format_map({k: v[lang] if isinstance(v, dict) else v for k, v in values.items()})
            for lang in LANGS}


def joined(texts: list[dict[str, str]], sep: str = "; ") -> dict[str, str]:
    """Bilingual texts joined into one, each language with its own."""
    return {lang: sep.join(t[lang] for t in texts) for lang in LANGS}


@cache
def texts_in(group: str, lang: str) -> dict[str, str]:
    """The texts of one group in one language, by name: ``texts_in("place", "en")["line"]`` is ``"line"``."""
    prefix = group + "."
    return {key[len(prefix):]: text[lang] for key, text in all_words().items() if key.startswith(prefix)}
