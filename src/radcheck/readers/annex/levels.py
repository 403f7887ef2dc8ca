"""Levels of a table with one activity column (Program / Kegiatan / Sub kegiatan): groups and parents."""

from __future__ import annotations

import re

from radcheck.model import PlanNode, Section

_PREFIX_LEVEL = [
    (re.compile(r"^(?:\d+\.\s*)?sub\s*-?\s*kegiatan\b", re.I), "subkegiatan"),
    (re.compile(r"^(?:\d+\.\s*)?kegiatan\b", re.I), "kegiatan"),
    (re.compile(r"^(?:\d+\.\s*)?program\b", re.I), "program"),
]
_BIDANG = re.compile(r"^bidang\b", re.I)
_RANK = {"program": 1, "kegiatan": 2, "subkegiatan": 3}


def _prefix_level(text: str) -> str | None:
    for rx, level in _PREFIX_LEVEL:
        if rx.match(text):
            return level
    return None


def assign_levels(sec: Section) -> dict[str, str]:
    """Set the levels, groups and parents of ``sec``'s activities; the ids that changed, old → new.

    A heading row without indicators followed by a programme is a group (a bidang or urusan heading);
    an unprefixed row without indicators followed by more activities is a kegiatan; other unprefixed
    rows are sub-kegiatan leaves.  Parents follow from the levels.
    """
    measured = {i.parent for i in sec.indicators}
    acts = sec.activities
    levels: list[str] = []
    for i, act in enumerate(acts):
        nxt = acts[i + 1] if i + 1 < len(acts) else None
        level = _prefix_level(act.text)
        if level is None and act.id not in measured:
            if _BIDANG.match(act.text) or (nxt is not None and _prefix_level(nxt.text) == "program"):
                level = "group"
            elif nxt is not None:
                level = "kegiatan"
        levels.append(level or "subkegiatan")
    stack: list[PlanNode] = []
    group: PlanNode | None = None
    kept: list[PlanNode] = []
    renamed: dict[str, str] = {}
    for act, level in zip(acts, levels):
        if level == "group":
            node = act.model_copy(update={"id": f"{sec.letter}/groups/{len(sec.groups)}", "kind": "group"})
            renamed[act.id] = node.id
            sec.groups.append(node)
            group = node
            stack = []
            continue
        act.level = level  # type: ignore[assignment]  # one of _RANK's
        while stack and _RANK[stack[-1].level or "subkegiatan"] >= _RANK[level]:
            stack.pop()
        act.parent = stack[-1].id if stack else (group.id if group else None)
        stack.append(act)
        kept.append(act)
    for i, act in enumerate(kept):
        new_id = f"{sec.letter}/activities/{i}"
        renamed[act.id] = new_id if act.id not in renamed else renamed[act.id]
    for act in kept:
        act.id = renamed[act.id]
        act.parent = renamed.get(act.parent, act.parent) if act.parent else None
    sec.activities = kept
    for ind in sec.indicators:
        if ind.parent:
            ind.parent = renamed.get(ind.parent, ind.parent)
    return renamed
