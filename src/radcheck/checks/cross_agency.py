"""X002 — across documents: the same activity led by different agencies in two plans.

Activities are compared after normalisation (numbering, "Program"/"Kegiatan"/"Sub kegiatan" prefixes,
case and punctuation dropped) with rapidfuzz ``token_sort_ratio`` at :data:`SAME_ACTIVITY_THRESHOLD`.
Leads are compared after alias resolution; an urusan stands for the agencies holding it ("Pendidikan"
in a RAD PUG and "Dinas Pendidikan" in a RAD PPP agree).  A collective lead ("Seluruh OPD") agrees with
anything, and an activity without a lead is G003's business, not this rule's.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from radcheck.agencies.resolve import Resolver, document_date, resolver_for
from radcheck.engine import Context, corpus_cap, counted, rule
from radcheck.findings import Hit, hit
from radcheck.locate import line_in_words
from radcheck.model import Document, PlanNode

# token_sort_ratio on normalised activity names.  Why 90: rewordings of one activity across plans
# differ by a word order or an inflection ("Sosialisasi pencegahan perkawinan anak" / "Sosialisasi
# Pencegahan Perkawinan Usia Anak" scores 94), while two different activities on one theme score
# lower ("Sosialisasi pencegahan perkawinan anak" / "Sosialisasi pencegahan kekerasan anak" scores 75).
SAME_ACTIVITY_THRESHOLD = 90.0
MIN_WORDS = 3  # "Rapat koordinasi" alone is too generic to call two activities the same

_PREFIX = re.compile(r"^\s*(?:\d+[.)]?\s*|[a-z][.)]\s+)?(?:sub\s*kegiatan|kegiatan|program)?\s*:?\s*", re.IGNORECASE)


def activity_key(text: str) -> str:
    t = _PREFIX.sub("", text, count=1).lower()
    return " ".join(re.sub(r"[^\w\s]", " ", t).split())


# token_sort_ratio is the ratio of the two names with their words sorted, and the ratio can only reach
# the threshold when the lengths are close: an indel distance is at least the difference in length, so
# score >= T needs |la - lb| <= (1 - T/100) * (la + lb).  Names are compared only within that window of
# lengths, widened by LENGTH_SLACK characters so rounding can never drop a pair the scorer would accept.
_SPREAD = 1 - SAME_ACTIVITY_THRESHOLD / 100
LENGTH_SLACK = 1


@dataclass
class _Plan:
    """One document's activities with a lead, grouped by normalised name (the same name often repeats)."""

    doc: Document
    groups: dict[str, list[tuple[PlanNode, frozenset[str]]]] = field(default_factory=dict)
    # the distinct names shortest first (by the length of their sorted words), in three parallel lists
    names: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # each name with its words sorted
    lengths: list[int] = field(default_factory=list)

    def near(self, words: str) -> slice:
        """Where in :attr:`names` a name must lie to score at least the threshold against ``words``."""
        n = len(words)
        lo = bisect_left(self.lengths, n * (1 - _SPREAD) / (1 + _SPREAD) - LENGTH_SLACK)
        hi = bisect_right(self.lengths, n * (1 + _SPREAD) / (1 - _SPREAD) + LENGTH_SLACK)
        return slice(lo, hi)


def _sorted_words(key: str) -> str:
    """What token_sort_ratio compares: the words in order.  Done once per name, not once per pair."""
    return " ".join(sorted(key.split()))


def _prepare(doc: Document, ctx: Context) -> _Plan:
    """The activities worth comparing (a name of MIN_WORDS words or more, a lead that is not collective)."""
    resolver = resolver_for(doc, ctx)
    day = document_date(doc, ctx)
    leads_of: dict[str, frozenset[str] | None] = {}  # a plan repeats a few dozen lead texts
    plan = _Plan(doc)
    for sec in doc.sections:
        for node in sec.activities:
            key = activity_key(node.text)
            if len(key.split()) < MIN_WORDS or node.lead is None:
                continue
            raw = node.lead.raw
            if raw not in leads_of:
                leads_of[raw] = _leads(resolver, raw, day)
            leads = leads_of[raw]
            if leads is not None:
                plan.groups.setdefault(key, []).append((node, leads))
    by_length = sorted(((_sorted_words(k), k) for k in plan.groups), key=lambda p: len(p[0]))
    plan.words = [words for words, _ in by_length]
    plan.names = [name for _, name in by_length]
    plan.lengths = [len(words) for words in plan.words]
    return plan


def _leads(resolver: Resolver, raw: str, day: dt.date) -> frozenset[str] | None:
    """The bodies a lead cell stands for; None when there is none or it is collective ("Seluruh OPD")."""
    if not raw.strip():
        return None
    out: set[str] = set()
    for r in resolver.resolve_cell(raw):
        if r.target is not None and r.target.kind == "collective":
            return None
        out |= resolver.lead_identities(r, day)
    return frozenset(out) or None


def _written(node: PlanNode) -> str:
    raw = " ".join((node.lead.raw if node.lead else "").split())
    return f"'{raw}'"


@rule("X002", scope="corpus")
def check_agency_conflict(docs: Sequence[Document], ctx: Context) -> Iterator[Hit]:
    """Each activity of a later plan against the same activity, under another lead, in an earlier one.

    Not plan against plan (2,000 plans are two million pairs): the distinct names of all plans are
    scored against each other once, each name's holders are kept grouped by lead, and an activity meets
    only the holders of a matching name under a different lead in earlier plans.  The work follows the
    distinct names and the conflicts found, not the number of pairs of plans.
    """
    plans = [_prepare(doc, ctx) for doc in docs]
    matches = _matching_names(plans)
    # name → lead set → (plan indices, activities), in plan order
    holders: dict[str, dict[frozenset[str], tuple[list[int], list[PlanNode]]]] = {}
    for i, plan in enumerate(plans):
        for key, nodes in plan.groups.items():
            by_lead = holders.setdefault(key, {})
            for node, leads in nodes:
                idx, acts = by_lead.setdefault(leads, ([], []))
                idx.append(i)
                acts.append(node)
    names = [Path(p.doc.source).name or p.doc.source for p in plans]
    room = corpus_cap(ctx)  # findings this rule may still build in the run
    for j, plan_b in enumerate(plans):
        doc_b = plan_b.doc
        shown = skipped = 0  # past the engine's caps a conflict is counted, not built
        cap = min(ctx.config.limits.max_rule_findings, room)
        for key_b, nodes_b in plan_b.groups.items():
            for node_b, leads_b in nodes_b:
                reported: set[tuple[int, str]] = set()
                for key_a in matches[key_b]:
                    for leads_a, (idx, acts) in holders[key_a].items():
                        if leads_a == leads_b:
                            continue
                        end = bisect_left(idx, j)  # earlier plans only
                        if shown >= cap:
                            skipped += end
                            continue
                        for k in range(end):
                            i, node_a = idx[k], acts[k]
                            if (i, node_a.id) in reported:
                                continue
                            reported.add((i, node_a.id))
                            if shown >= cap:
                                skipped += 1
                                continue
                            shown += 1
                            yield hit("X002", node_b.id, line=node_b.line, excerpt=node_b.text,
                                      document=doc_b.source, activity=node_b.text, lead=_written(node_b),
                                      other_lead=_written(node_a), other_document=names[i],
                                      other_place=line_in_words(plans[i].doc, node_a.line))
        room -= shown
        if skipped:
            yield counted("X002", skipped, document=doc_b.source)


def _matching_names(plans: list[_Plan]) -> dict[str, list[str]]:
    """Every distinct activity name of the plans → the distinct names scoring as the same activity
    (itself included), each scored once against the names in its length window."""
    from rapidfuzz import fuzz, process  # heavy import kept out of CLI start-up

    pool = _Plan(doc=plans[0].doc) if plans else None
    if pool is None:
        return {}
    distinct = sorted({(_sorted_words(k), k) for p in plans for k in p.groups}, key=lambda p: (len(p[0]), p))
    pool.words = [w for w, _ in distinct]
    pool.names = [k for _, k in distinct]
    pool.lengths = [len(w) for w in pool.words]
    out: dict[str, list[str]] = {}
    for words, key in distinct:
        window = pool.near(words)
        # ratio of the sorted words is token_sort_ratio, without sorting again for every pair
        found = process.extract(words, pool.words[window], scorer=fuzz.ratio, processor=None, limit=None,
                                score_cutoff=SAME_ACTIVITY_THRESHOLD)
        out[key] = [pool.names[window.start + j] for _, _score, j in found]
    return out
