"""Reading a text plan builds no pydantic schema for the model, and what it builds is what validation builds.

The model classes defer their schemas (``defer_build``) and the text, Word and Excel readers make objects
with ``trusted``, so reading a plan validates nothing and ``radcheck check`` starts without building the
model's schemas.  The structured (JSON/YAML) reader still validates: it reads untrusted files.
"""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import PPP, PUG, ROOT

import radcheck
from radcheck.model import Closing, Document, Provision, ReadingNote

_PROBE = """
import json, sys
from pydantic import BaseModel
from pydantic._internal import _model_construction as construction

completed = []
complete = construction.complete_model_class
def spy(cls, *args, **kwargs):
    completed.append(f"{cls.__module__}.{cls.__qualname__}")
    return complete(cls, *args, **kwargs)
construction.complete_model_class = spy

import radcheck
import radcheck.model as model
for path in sys.argv[1:]:
    radcheck.load(path)
classes = [c for c in vars(model).values()
           if isinstance(c, type) and issubclass(c, BaseModel) and c.__module__ == model.__name__]
print(json.dumps({"completed": [n for n in completed if n.startswith("radcheck.model.")],
                  "complete": [c.__name__ for c in classes if c.__pydantic_complete__],
                  "classes": len(classes)}))
"""


def test_reading_a_text_plan_builds_no_model_schema() -> None:
    # A fresh process: in this one, other tests have long since built the schemas.
    out = subprocess.run([sys.executable, "-c", _PROBE, str(PUG), str(PPP)], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    seen = json.loads(out.stdout)
    assert seen["classes"] >= 15  # the probe found the model's classes
    assert seen["completed"] == []
    assert seen["complete"] == []


def test_trusted_objects_equal_validated_ones() -> None:
    for path in (PUG, PPP):
        doc = radcheck.load(path)
        again = Document.model_validate(doc.model_dump())
        assert again == doc
        assert Document.model_validate_json(doc.model_dump_json()) == doc
        # Each object is what the validating constructor makes of its set fields: the others hold defaults
        # (but for lists the reader filled after making the object, as it did with the validating one).
        for obj in [*(p for top in doc.provisions for p in top.walk()), *doc.definitions, *doc.menimbang,
                    *doc.mengingat, *doc.notes, *doc.lampiran, doc.closing, *doc.closing.signatories,
                    *doc.sections]:
            given = {name: getattr(obj, name) for name in obj.model_fields_set}
            rebuilt = type(obj)(**given)
            for name, field in type(obj).model_fields.items():
                if name in given or field.default_factory is None:
                    assert getattr(rebuilt, name) == getattr(obj, name), (obj, name)


def test_trusted_defaults_made_by_a_model_class() -> None:
    doc = Document.trusted(source="x.txt")
    assert doc == Document(source="x.txt")
    assert doc.model_fields_set == {"source"}
    assert isinstance(doc.closing, Closing) and doc.closing.model_fields_set == set()
    assert doc.closing is not Document.trusted().closing  # a fresh one each time
    assert Provision.trusted(kind="bab", number="I") == Provision(kind="bab", number="I")
    assert ReadingNote.trusted(code="P002", path="/x", text="t") == ReadingNote(code="P002", path="/x", text="t")


def test_trusted_fields_make_what_model_construct_makes() -> None:
    """The readers' fast construction sets an instance as pydantic's public ``model_construct`` does."""
    doc = radcheck.load(PUG)
    samples = [doc.sections[0].indicators[0], doc.sections[0].nodes()[0], doc.sections[0].indicators[0].lead,
               next(iter(doc.sections[0].indicators[0].targets.values()))]
    for obj in samples:
        assert obj is not None
        cls = type(obj)
        data = {name: getattr(obj, name) for name in cls.model_fields}
        fast = cls.trusted_fields(dict(data), set(obj.model_fields_set))
        public = cls.model_construct(set(obj.model_fields_set), **data)
        assert fast == public and fast.model_fields_set == public.model_fields_set
        assert (vars(fast), fast.__pydantic_extra__, fast.__pydantic_private__) == (
            vars(public), public.__pydantic_extra__, public.__pydantic_private__)
        assert fast.model_dump() == public.model_dump() and fast.model_copy() == public
