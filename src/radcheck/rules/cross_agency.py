"""X002 — across documents: the same activity led by different agencies in two plans.

Activities are compared after normalisation (numbering, "Program"/"Kegiatan"/"Sub kegiatan" prefixes,
case and punctuation dropped) with rapidfuzz ``token_sort_ratio`` at :data:`SAME_ACTIVITY_THRESHOLD`.
Leads are compared after alias resolution; an urusan stands for the agencies holding it ("Pendidikan"
in a RAD PUG and "Dinas Pendidikan" in a RAD PPP agree).  A collective lead ("Seluruh OPD") agrees with
anything, and an activity without a lead is G003's business, not this rule's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from radcheck.agencies.resolve import Resolver, document_date, resolver_for
from radcheck.engine import Context, rule
from radcheck.findings import Hit, hit
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


def _leads(resolver: Resolver, node: PlanNode, doc: Document, ctx: Context) -> set[str] | None:
    if node.lead is None or not node.lead.raw.strip():
        return None
    day = document_date(doc, ctx)
    out: set[str] = set()
    for r in resolver.resolve_cell(node.lead.raw):
        if r.target is not None and r.target.kind == "collective":
            return None
        out |= resolver.lead_identities(r, day)
    return out or None


def _written(node: PlanNode) -> str:
    raw = " ".join((node.lead.raw if node.lead else "").split())
    return f"'{raw}'"


@rule("X002", scope="corpus")
def check_agency_conflict(docs: Sequence[Document], ctx: Context) -> Iterator[Hit]:
    from rapidfuzz import fuzz, process  # heavy import kept out of CLI start-up

    prepared = []
    for doc in docs:
        resolver = resolver_for(doc, ctx)
        acts = []
        for sec in doc.sections:
            for node in sec.activities:
                key = activity_key(node.text)
                if len(key.split()) < MIN_WORDS:
                    continue
                leads = _leads(resolver, node, doc, ctx)
                if leads is not None:
                    acts.append((key, node, leads))
        prepared.append((doc, acts))
    for i, (doc_a, acts_a) in enumerate(prepared):
        keys_a = [a[0] for a in acts_a]
        for doc_b, acts_b in prepared[i + 1:]:
            reported: set[tuple[str, str]] = set()
            for key_b, node_b, leads_b in acts_b:
                for _, _score, j in process.extract(key_b, keys_a, scorer=fuzz.token_sort_ratio, processor=None,
                                                    limit=None, score_cutoff=SAME_ACTIVITY_THRESHOLD):
                    _, node_a, leads_a = acts_a[j]
                    if leads_a == leads_b or (node_a.id, node_b.id) in reported:
                        continue
                    reported.add((node_a.id, node_b.id))
                    yield hit("X002", node_b.id, line=node_b.line, excerpt=node_b.text, document=doc_b.source,
                              activity=node_b.text, lead=_written(node_b), other_lead=_written(node_a),
                              other_document=Path(doc_a.source).name or doc_a.source,
                              other_line=node_a.line if node_a.line is not None else "?")
