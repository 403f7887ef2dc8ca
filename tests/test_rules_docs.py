"""``radcheck rules`` and ``radcheck rule CODE`` show the whole catalogue, in both languages."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from conftest import ROOT

from radcheck.catalogue import load_catalogue


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}  # wide enough that no listing line is wrapped
    return subprocess.run([sys.executable, "-m", "radcheck", *args], capture_output=True, text=True, check=True,
                          env=env)


def test_listing_names_every_rule_with_its_default_and_variants() -> None:
    listed = {r["code"]: r for r in json.loads(run("rules", "--format", "json").stdout)}
    catalogue = load_catalogue()
    assert set(listed) == set(catalogue)
    assert {"P005", "P006", "L013"} <= set(listed)
    assert listed["P003"]["default"] == "off" and listed["R004"]["default"] == "off"
    assert listed["T008"]["severity"] == "error"
    for code in ("L004", "P004", "T005", "T007", "P005"):
        assert listed[code]["variants"], code
    assert listed["P004"]["variants"]["heading-mark"]["severity"] == "warning"


@pytest.mark.parametrize(("lang", "family", "off"), [("id", "teknik penyusunan batang tubuh", "nonaktif"),
                                                     ("en", "legal drafting of the body", "off unless")])
def test_text_listing_speaks_the_chosen_language(lang: str, family: str, off: str) -> None:
    text = run("rules", "--lang", lang).stdout
    lines = {line.split()[0]: line for line in text.splitlines() if re.match(r"[A-Z]\d{3} ", line)}
    assert family in lines["L013"]
    assert off in lines["P003"] and off in lines["R004"]
    assert len(lines) == len(load_catalogue())


@pytest.mark.parametrize(("lang", "head", "variant"), [("id", "Ragam temuan", "tidak baku"),
                                                       ("en", "Variants", "worded wrongly")])
def test_rule_explains_its_variants_and_suggestion(lang: str, head: str, variant: str) -> None:
    text = run("rule", "L004", "--lang", lang).stdout
    assert head in text
    wording = next(line for line in text.splitlines() if line.strip().startswith("wording (warning):"))
    assert variant in wording
    assert ("Saran:" if lang == "id" else "Suggestion:") in text


def test_every_placeholder_of_a_variant_is_one_the_rule_fills_in_both_languages() -> None:
    for meta in load_catalogue().values():
        for key, v in meta.variants.items():
            names_id, names_en = (set(re.findall(r"{(\w+)", m)) for m in (v.message.id, v.message.en))
            assert names_id == names_en, (meta.code, key)


def test_every_word_is_in_both_languages_and_used_by_the_code() -> None:
    """rules/words.yaml: each text has id and en with the same placeholders; the code asks only for texts
    there, and for every one of them (by its key, or by its group with a key it computes:
    ``word(f"agency-form.{form}")``, ``texts_in("place", lang)``)."""
    from radcheck.words import all_words

    texts = all_words()
    assert texts
    for key, text in texts.items():
        assert set(text) == {"id", "en"} and text["id"] and text["en"], key
        assert set(re.findall(r"{(\w+)", text["id"])) == set(re.findall(r"{(\w+)", text["en"])), key
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "radcheck").rglob("*.py")
                     if p.name != "words.py")  # whose docstring shows examples
    asked = set(re.findall(r"\bword\(\"([\w.-]+)\"", code))
    groups = set(re.findall(r"\bword\(f\"([\w-]+)\.\{", code)) | set(re.findall(r"\btexts_in\(\"([\w-]+)\"", code))
    assert asked - set(texts) == set(), "words the code asks for that rules/words.yaml does not have"
    assert {g for g in groups if not any(k.startswith(g + ".") for k in texts)} == set()
    # used: asked for by name (as a literal, also in ``word("a" if … else "b")``) or by its group
    unused = {k for k in texts if f'"{k}"' not in code and k.rpartition(".")[0] not in groups}
    assert unused == set(), "words no rule uses"


@pytest.mark.parametrize("data", [{"a": {"id": "x {n}", "en": "x"}}, {"a": {"id": "x"}}, {"a": "x"}, None])
def test_a_broken_words_file_is_a_clear_error(data: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from radcheck import words
    from radcheck.catalogue import CatalogueError

    monkeypatch.setattr(words.shipped, "load", lambda name: data)
    words.all_words.cache_clear()
    try:
        with pytest.raises(CatalogueError, match="words.yaml"):
            words.all_words()
    finally:
        words.all_words.cache_clear()
