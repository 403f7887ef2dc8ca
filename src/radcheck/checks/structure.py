"""G — plan structure: the annex as a graph of issues, goals, outcomes, activities and indicators.

The rules read the plan's structure (``contains`` edges from a parent to its child plan nodes,
``measures`` edges from an activity or outcome to its indicators) as a :class:`radcheck.graph.PlanTree`,
the plan graph's structural part in plain dictionaries, built once per run, and the model's nodes.
Tables with one activity column (Program / Kegiatan / Sub kegiatan, as in a RAD PUG) give activities a
``level``; tables with Permasalahan · Tujuan · Capaian · Kegiatan columns (a RAD PPP) give the chain
issue → goal → outcome → activity.

Examples::

    Sub kegiatan: Penyediaan Biaya Personil …  | Jumlah peserta didik … | Siswa | - | 2.000 …
    Penyediaan Biaya Personil …                | Jumlah peserta didik … | Siswa | - | 2.000 …   → G001
    4. Fasilitasi …  /  5. Fasilitasi …  /  1. Training …  (one outcome)                         → G005 on "1."
    1. Layanan pengaduan … 2. Layanan Pendampingan … 3. Fasilitasi fisum …  | Bulan | 12 12 12 → G006
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING

from radcheck.engine import Context, rule
from radcheck.findings import Hit, hit
from radcheck.locate import line_in_words
from radcheck.model import AgencyCell, Document, Indicator, PlanNode, TargetKind
from radcheck.words import word

if TYPE_CHECKING:
    from radcheck.graph import PlanTree
    from radcheck.matching import _Prepared

# An inline item number inside a cell: " 2. Layanan …", " 3) Fasilitasi …" (not "Tahun 2024.").
_INLINE_NUMBER = re.compile(r"(?<=[^\s\d])[\s;,]+(\d{1,2})[.)]\s+(?=[A-Za-z])")
_NO_VALUE = re.compile(r"^\(?\s*(\d{1,3}|[a-zA-Z])\s*[.)]?\s*\)?$")


def _tree(doc: Document, ctx: Context) -> PlanTree:
    from radcheck.graph import plan_tree

    return ctx.memo(doc, "structure.plan_tree", lambda: plan_tree(doc))


def _kind_bits(g: PlanTree) -> dict[str, int]:
    """One bit per node kind, so that the kinds below a node are an int and unions are ``|``."""
    return {kind: 1 << i for i, kind in enumerate(dict.fromkeys(g.kind.values()))}


def _kinds_below(g: PlanTree, bits: dict[str, int]) -> dict[str, int]:
    """For every node with children, the kinds (as :func:`_kind_bits`) of the plan nodes and indicators
    below it; a leaf has nothing below it and is no key.

    Agency mentions are not below anything: only ``contains`` and ``measures`` edges are followed (a
    PlanTree holds no others, so a node's children are all its successors).  Nodes are first taken
    children first (backwards in node order): a node whose children are all leaves or decided is decided
    from them, so a table's plan (each row after its parent) is decided in that one pass.  What is left
    is walked depth-first from each node in node order, each node entered once (a structured plan may
    hold a parent cycle: a child still open when its parent is decided adds only its own kind).  A node
    decided in the first pass reaches no cycle, and a walk would have found for it what the pass did.
    """
    succ, kind_of = g.succ, g.kind
    below: dict[str, int] = {}
    own: dict[str, int] = {}  # the kinds of a node's children, and of what lies below those decided
    inner: dict[str, list[str]] = {}  # a node's children that have children and are not decided
    for node, kids in reversed(succ.items()):
        kinds = 0
        open_kids: list[str] | None = None
        for v in kids:
            kinds |= bits[kind_of[v]]
            if v in succ:
                decided = below.get(v)
                if decided is not None:
                    kinds |= decided
                elif open_kids is None:
                    open_kids = [v]
                else:
                    open_kids.append(v)
        if open_kids is None:
            below[node] = kinds
        else:
            own[node], inner[node] = kinds, open_kids
    entered: set[str] = set()
    for root in kind_of:
        if root not in inner or root in below:
            continue
        stack: list[tuple[str, bool]] = [(root, False)]  # (node, whether its children are done)
        while stack:
            node, done = stack.pop()
            if done:
                kinds = own[node]
                for v in inner[node]:
                    kinds |= below.get(v, 0)
                below[node] = kinds
                continue
            if node in below or node in entered:
                continue
            entered.add(node)
            stack.append((node, True))
            stack.extend((v, False) for v in inner[node] if v not in below and v not in entered)
    return below


def _measured_by(doc: Document, ctx: Context) -> dict[str, list[Indicator]]:
    """Indicators by the id of the node they measure, built once per run for all G rules."""

    def build() -> dict[str, list[Indicator]]:
        out: dict[str, list[Indicator]] = defaultdict(list)
        for ind in doc.indicators():
            if ind.parent:
                out[ind.parent].append(ind)
        return dict(out)

    return ctx.memo(doc, "structure.measured_by", build)


def _normalised(texts: list[str], normalise: Callable[[str], str], seen: dict[str, str] | None = None) -> list[str]:
    """``[normalise(t) for t in texts]``, each distinct text normalised once (plans repeat wordings).

    ``seen`` (text → normalised) may be shared by calls that use the same ``normalise``.
    """
    if seen is None:
        seen = {}
    for text in dict.fromkeys(texts):
        if text not in seen:
            seen[text] = normalise(text)
    return [seen[text] for text in texts]


def _indicator_texts(doc: Document, ctx: Context) -> dict[str, str]:
    """Indicator text → :func:`radcheck.matching.normalise_text`, shared by G001 and G002 in one run."""
    return ctx.memo(doc, "structure.normalised_indicator_texts", dict)


def _prepared(doc: Document, ctx: Context) -> dict[str, _Prepared]:
    """Normalised text → what fuzzy matching needs of it, shared by G001's and G002's clusterings.

    The same wordings are clustered over the whole plan (G001) and again within each activity (G002),
    and activities are often worded as their indicators.
    """
    return ctx.memo(doc, "structure.prepared_texts", dict)


def _activities(doc: Document) -> list[PlanNode]:
    return [a for s in doc.sections for a in s.activities]


@rule("G001")
def check_duplicate_activity(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Activities clustered by normalised text, then compared by the set of their indicators.

    Both steps index (a dictionary and prefix-filtered fuzzy clusters), so no list of activities is
    compared pair by pair.  Activities without indicators are headings and are not compared.
    """
    from radcheck.matching import cluster_texts, normalise_text, strip_prefixes

    acts = _activities(doc)
    if len(acts) < 2:
        return
    measured = _measured_by(doc, ctx)
    owns = [measured.get(a.id, []) for a in acts]
    # Each activity's indicators sit side by side in these lists, so its clusters and units are one slice.
    inds = [i for own in owns for i in own]
    prepared = _prepared(doc, ctx)
    plain = _indicator_texts(doc, ctx)
    ind_clusters = cluster_texts(_normalised([i.text for i in inds], normalise_text, plain), prepared)
    ind_units = _normalised([i.unit or "" for i in inds], normalise_text)

    def normalise_act(text: str) -> str:
        # normalise_activity is normalise_text of the text without its prefixes: an activity is often
        # worded as an indicator, whose normalised text is known already.
        bare = strip_prefixes(text)
        known = plain.get(bare)
        return known if known is not None else normalise_text(bare)

    act_cluster = cluster_texts(_normalised([a.text for a in acts], normalise_act), prepared)
    ind_keys = list(zip(ind_clusters, ind_units, strict=True))  # each indicator as its signature counts it
    first: dict[tuple[int, frozenset[tuple[int, str]]], PlanNode] = {}
    places: dict[int | None, dict[str, str]] = {}  # an earlier activity's place in words: often repeated
    end = 0
    for act, cluster, own in zip(acts, act_cluster, owns, strict=True):
        if not own:
            continue
        start, end = end, end + len(own)
        key = (cluster, frozenset(ind_keys[start:end]))
        if key not in first:
            first[key] = act
            continue
        earlier = first[key]
        place = places.get(earlier.line)
        if place is None:
            place = places[earlier.line] = line_in_words(doc, earlier.line)
        yield hit("G001", act.id, line=act.line, end_line=act.end_line, excerpt=act.text, activity=act.text,
                  other_place=place, other=earlier.text,
                  count=len(own))


@rule("G002")
def check_duplicate_indicator(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Indicators grouped by the activity or programme they measure, fuzzy-clustered within each group."""
    from radcheck.matching import cluster_texts, normalise_text

    seen = _indicator_texts(doc, ctx)
    prepared = _prepared(doc, ctx)
    words: dict[str, list[str]] = {}  # text → _content_words, each distinct text once
    for parent, inds in _measured_by(doc, ctx).items():
        if len(inds) < 2:
            continue
        clusters = cluster_texts(_normalised([i.text for i in inds], normalise_text, seen), prepared)
        for i, root in enumerate(clusters):
            if root == i:
                continue
            ind, earlier = inds[i], inds[root]
            yield hit("G002", ind.id, line=ind.line, end_line=ind.end_line, excerpt=ind.text, indicator=ind.text,
                      other_place=line_in_words(doc, earlier.line), other=earlier.text,
                      parent=parent)
        yield from _reworded(doc, inds, clusters, words)


# Words that say nothing about what an indicator counts ("Jumlah … yang …").
_FILLER = {"jumlah", "yang", "dan", "di", "ke", "dari", "untuk", "pada", "dalam", "dengan", "atau", "serta",
           "persentase", "cakupan", "angka", "rasio", "tingkat", "terhadap", "oleh", "bagi"}
# Reworded indicators count the same thing: every word of the shorter wording is in the longer one
# (after affixes are taken off, syllable acronyms such as "sarpras" read as their words).  Indicators
# differing in one word ("… bagi penderita DM", "… bagi penderita hipertensi") are different ones.
REWORDED_MIN_SHARE = 1.0
REWORDED_MIN_WORDS = 3


def _stem(word: str) -> str:
    """A rough Indonesian stem: enough that "direvitalisasi" and "revitalisasi" meet."""
    for prefix in ("di", "ter", "ber", "me", "pe"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 5:
            word = word[len(prefix):]
            break
    for suffix in ("kan", "nya", "an", "i"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 5:
            return word[: -len(suffix)]
    return word


def _content_words(text: str) -> list[str]:
    return [_stem(w) for w in re.findall(r"[a-z0-9]+", text.casefold()) if w not in _FILLER]


def _syllable_acronym(word: str, words: list[str]) -> int:
    """How many consecutive ``words`` the word abbreviates by their first syllables ("sarpras": sarana
    prasarana), or 0."""
    for start in range(len(words)):
        rest, used = word, 0
        for w in words[start:start + 3]:
            k = next((k for k in range(min(len(w), len(rest)), 1, -1) if rest.startswith(w[:k])), 0)
            if not k:
                break
            rest, used = rest[k:], used + 1
            if not rest:
                return used if used >= 2 else 0
    return 0


def _shared_share(a: list[str], b: list[str]) -> float:
    """The share of the shorter word list found in the other, acronyms counted as the words they stand for."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    shared = 0
    size = len(short)
    for w in short:
        if w in long_:
            shared += 1
        elif n := _syllable_acronym(w, long_):
            shared += n  # the acronym stands for n words of the other text
            size += n - 1
    return shared / size if size else 0.0


def _reworded(doc: Document, inds: list[Indicator], clusters: list[int],
              words: dict[str, list[str]]) -> Iterator[Hit]:
    """Indicators under one activity with the same unit and the same numeric baseline, worded
    differently but counting the same thing (``revitalisasi sarana dan prasarana air bersih`` and
    ``sarpras air bersih yang direvitalisasi``), not already clustered as the same text.

    ``words``: text → :func:`_content_words`, shared by every call of one run."""
    groups: dict[tuple[str, float], list[int]] = {}
    for k, ind in enumerate(inds):
        base = ind.baseline
        if base is not None and base.kind is TargetKind.NUMBER and base.value is not None:
            groups.setdefault(((ind.unit or "").strip().casefold(), base.value), []).append(k)

    def content_words(k: int) -> list[str]:
        text = inds[k].text
        found = words.get(text)
        if found is None:
            found = words[text] = _content_words(text)
        return found

    for members in groups.values():
        if len(members) < 2:
            continue
        for pos, j in enumerate(members):
            if not pos:
                continue
            words_j = content_words(j)
            if len(words_j) < REWORDED_MIN_WORDS - 1:
                continue
            for i in members[:pos]:
                if clusters[i] == clusters[j]:
                    continue  # the same text: reported above
                if _series(inds[i]) == _series(inds[j]):
                    continue  # the same targets too: a copied series is T011's, not a reworded indicator
                words_i = content_words(i)
                if max(len(words_i), len(words_j)) < REWORDED_MIN_WORDS:
                    continue
                if _shared_share(words_i, words_j) >= REWORDED_MIN_SHARE:
                    ind, earlier = inds[j], inds[i]
                    yield hit("G002", ind.id, line=ind.line, end_line=ind.end_line, excerpt=ind.text,
                              indicator=ind.text, other_place=line_in_words(doc, earlier.line),
                              other=earlier.text, baseline=_cell_text(earlier.baseline),
                              series=" ".join(_cell_text(c) for _, c in sorted(earlier.targets.items())),
                              this_series=" ".join(_cell_text(c) for _, c in sorted(ind.targets.items())),
                              variant="reworded")
                    break


def _series(ind: Indicator) -> tuple[str, ...]:
    return tuple(_cell_text(c) for _, c in sorted(ind.targets.items()))


def _cell_text(cell: object) -> str:
    raw = getattr(cell, "raw", "") or ""
    return raw.strip() or "∅"


def _has_lead(cell: AgencyCell | None) -> bool:
    return cell is not None and bool(cell.raw.strip())


@rule("G003")
def check_missing_lead_agency(doc: Document, ctx: Context) -> Iterator[Hit]:
    """An activity with no lead agency after merged-cell inheritance (the reader fills inherited cells).

    A heading activity (programme, kegiatan) whose own row leaves the agency empty is not reported
    when every activity and indicator below it names a lead: responsibility is stated there.
    """
    by_id = {a.id: a for a in _activities(doc)}
    if all(_has_lead(a.lead) for a in by_id.values()):
        return  # every activity names a lead (most plans, merged cells filled in): none to judge by what is below
    covered = _lead_covered(_tree(doc, ctx), by_id, _measured_by(doc, ctx))
    for act in by_id.values():
        if covered.get(act.id, False):  # an activity naming a lead is covered
            continue
        yield hit("G003", f"{act.id}/lead", line=act.line, end_line=act.end_line, excerpt=act.text,
                  activity=act.text)


def _lead_covered(g: PlanTree, by_id: dict[str, PlanNode],
                  measured: dict[str, list[Indicator]]) -> dict[str, bool]:
    """Whether each activity, or everything below it, names a lead; bottom-up, without recursion.

    A structured plan may hold a parent cycle: a node is entered once, and a child still open when its
    parent is decided counts as not covered.
    """
    memo: dict[str, bool] = {}
    entered: set[str] = set()

    def decide(node: str, kids: list[str]) -> bool:
        if _has_lead(by_id[node].lead):
            return True
        own = measured.get(node, [])
        if not own and not kids:
            return False
        return all(_has_lead(i.lead) for i in own) and all(memo.get(k, False) for k in kids)

    for root in by_id:
        stack: list[tuple[str, list[str] | None]] = [(root, None)]  # (node, its child activities once entered)
        while stack:
            node, kids = stack.pop()
            if kids is not None:
                memo[node] = decide(node, kids)
                continue
            if node in memo or node in entered:
                continue
            entered.add(node)
            kids = [c for c, keys in g.succ.get(node, {}).items() if "contains" in keys and c in by_id]
            if not kids:  # most activities: decided at once, no second visit
                memo[node] = decide(node, kids)
                continue
            stack.append((node, kids))
            stack.extend((k, None) for k in kids if k not in memo and k not in entered)
    return memo


@rule("G004")
def check_orphan_node(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Issues without goals, goals and outcomes without activities, activities without indicators."""
    g = _tree(doc, ctx)
    bits = _kind_bits(g)
    kinds_below = _kinds_below(g, bits)
    outcome = bits.get("outcome", 0)
    for sec in doc.sections:
        roles = {c.role for c in sec.columns}
        checks: list[tuple[list[PlanNode], str, dict[str, str]]] = []
        if "goal" in roles:
            checks.append((sec.issues, "goal", word("plan-missing.goal")))
        if "activity" in roles:
            checks.append((sec.goals, "activity", word("plan-missing.activity")))
            checks.append((sec.outcomes, "activity", word("plan-missing.activity")))
        checks.append((sec.activities, "indicator", word("plan-missing.indicator")))
        yield from _unnamed_items(sec.indicators)
        for nodes, needed, missing in checks:
            for node in nodes:
                below = kinds_below.get(node.id, 0)
                # A goal whose outcome has no activity: the outcome is reported, once.
                if not below & bits.get(needed, 0) and not (node.kind == "goal" and below & outcome):
                    yield hit("G004", node.id, line=node.line, end_line=node.end_line, excerpt=node.text,
                              kind=word(f"plan-kind.{node.kind}"), text=node.text, missing=missing)


def _unnamed_items(indicators: list[Indicator]) -> Iterator[Hit]:
    """A numbered item whose activity cell is empty (``5 | | Jumlah Lembaga APSAI …``): the reader keeps
    the row's number on its indicator and hangs it, and the rows after it, under the activity above.
    Told apart from a numbered indicator list ("1. Cakupan …", "2. …") by its number: not the first of
    its activity's numbered indicators, and no earlier indicator of that activity numbered at all.
    The item's indicators (until the next numbered one) are the finding's places."""
    numbered_before: set[str | None] = set()
    open_item: tuple[Indicator, Indicator | None] | None = None  # (the numbered indicator, the activity's first)
    first_of: dict[str | None, Indicator] = {}  # an activity's first indicator: its keys are the activities seen
    for ind in indicators:
        if ind.no:
            value = _number_value(ind.no)
            orphan = (ind.parent in first_of and ind.parent not in numbered_before
                      and value is not None and value[1] != 1)
            numbered_before.add(ind.parent)
            open_item = (ind, first_of.get(ind.parent)) if orphan else None
        first_of.setdefault(ind.parent, ind)
        if open_item is not None and ind.parent == open_item[0].parent:
            item, previous = open_item
            yield hit("G004", item.id, line=ind.line, end_line=ind.end_line, excerpt=ind.text, no=item.no,
                      indicator=item.text, previous=previous.text if previous else "?", group=item.id,
                      variant="unnamed-item")
        elif open_item is not None:
            open_item = None


@lru_cache(maxsize=4096)  # a plan numbers its rows with a few hundred distinct labels
def _number_value(no: str | None) -> tuple[str, int] | None:
    """``"3."`` → ``("number", 3)``, ``"b"`` → ``("letter", 2)``; anything else is not a sequence item."""
    if not no:
        return None
    m = _NO_VALUE.match(no.strip())
    if not m:
        return None
    token = m.group(1)
    if token.isdigit():
        return "number", int(token)
    return "letter", ord(token.lower()) - ord("a") + 1


@rule("G005")
def check_numbering_break(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Numbers of siblings (same parent, same kind), in line order: each must be the previous plus one."""
    # Rows without a number (often every indicator) take no part in a sequence: they are left out
    # before grouping, which keeps the numbered rows' order within each group.
    # A member carries its line first, so that a group sorts by line without a Python call per member.
    groups: dict[tuple[str, str, str], list[tuple[int, PlanNode | Indicator, str, tuple[str, int]]]] = \
        defaultdict(list)
    for sec in doc.sections:
        for node in sec.nodes():
            if node.no and (parsed := _number_value(node.no)) is not None:
                groups[(sec.letter, node.parent or "", node.kind)].append((node.line or 0, node, node.kind, parsed))
        for ind in sec.indicators:
            if ind.no and (parsed := _number_value(ind.no)) is not None:
                groups[(sec.letter, ind.parent or "", "indicator")].append((ind.line or 0, ind, "indicator", parsed))
    for members in groups.values():
        seqs: dict[str, list[tuple[int, PlanNode | Indicator, str]]] = defaultdict(list)
        for _, item, kind, (style, value) in sorted(members, key=itemgetter(0)):
            seqs[style].append((value, item, kind))
        for style, seq in seqs.items():
            for (prev, _, _), (cur, item, kind) in zip(seq, seq[1:]):
                if cur == prev + 1:
                    continue
                if cur == 1:
                    problem = word("item-numbering.restart")
                elif cur > prev + 1:
                    problem = word("item-numbering.skip")
                else:
                    problem = word("item-numbering.back")
                shown_prev = str(prev) if style == "number" else chr(ord("a") + prev - 1)
                shown_cur = str(cur) if style == "number" else chr(ord("a") + cur - 1)
                yield hit("G005", f"{item.id}/no", line=item.line, end_line=item.end_line, excerpt=item.text,
                          kind=word(f"plan-kind.{kind}"), text=item.text, number=shown_cur, previous=shown_prev,
                          problem=problem,
                          expected=str(prev + 1) if style == "number" else chr(ord("a") + prev))


@rule("G006")
def check_merged_activities(doc: Document, ctx: Context) -> Iterator[Hit]:
    """An activity cell listing several numbered activities (``1. … 2. … 3. …``) over one target series."""
    measured = _measured_by(doc, ctx)
    inline: dict[str, list[int]] = {}  # text → its inline item numbers: plans repeat activity texts
    for act in _activities(doc):
        inds = measured.get(act.id, [])
        if len(inds) != 1:
            continue
        numbers = inline.get(act.text)
        if numbers is None:
            numbers = inline[act.text] = [int(m.group(1)) for m in _INLINE_NUMBER.finditer(act.text)]
        if not numbers:
            continue
        parsed = _number_value(act.no)
        start = parsed[1] + 1 if parsed is not None and parsed[0] == "number" else 2
        if numbers != list(range(start, start + len(numbers))):
            continue
        yield hit("G006", act.id, line=act.line, end_line=act.end_line, excerpt=act.text, activity=act.text,
                  count=len(numbers) + 1, unit=inds[0].unit or "-")
