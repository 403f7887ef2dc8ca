"""YAML, always safe: the shipped data (catalogue, registries, lexicons) and plans in the structured form.

libyaml's C parser is used where PyYAML was built with it (about ten times faster than the pure-Python
one), and documents of plain maps, sequences and scalars are built by one recursive pass (``_FastLoader``)
instead of PyYAML's generic constructor: 1.7 times as fast on a large plan, the same values
(``tests/test_yaml_loader.py`` checks them against ``yaml.safe_load``).  Nothing here
constructs Python objects from tags.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

YAMLError = yaml.YAMLError

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SCALAR_TAGS = frozenset("tag:yaml.org,2002:" + t for t in ("null", "bool", "int", "float", "binary", "timestamp"))
_FAST_DEPTH = 64  # deeper documents are built by the library's own constructor


class _Unusual(Exception):
    """A YAML document the fast constructor leaves to the library's own (tags, merge keys, cycles, depth)."""


class _FastLoader(_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader, building plain documents (maps, sequences, plain scalars) in one recursive pass.

    The library's constructor goes through a generic per-node dispatch with generators; for a document of
    only maps, sequences and the safe scalar tags this builds the same values (each scalar through the
    library's own constructor for its tag, strings as written; a node met twice through an alias gives
    the same object).  Anything else (other tags, merge keys, keys that are not scalars, a node inside
    itself, deep nesting) is built by the library's constructor from the same nodes instead.  Implicit
    tags of plain scalars are resolved once per distinct text.  ``shared`` tells whether an alias made a
    dict or list appear twice (else the plan's size can be counted as a tree).
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._resolved: dict[tuple[str, tuple[bool, bool]], str] = {}
        self.shared = True
        if not self.yaml_path_resolvers:  # the parser calls these per node; with no path resolvers they do
            self.descend_resolver = slice  # nothing, so C builtins taking the same arguments stand in
            self.ascend_resolver = tuple

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not ScalarNode or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)
        key = (value, implicit)
        tag = self._resolved.get(key)
        if tag is None:
            tag = self._resolved[key] = super().resolve(kind, value, implicit)
        return tag

    def construct_document(self, node: Any) -> Any:
        built: dict[int, Any] = {}  # id of a map or sequence node -> its value (None while it is being built)
        shared = False
        scalar_tags = _SCALAR_TAGS
        constructors = self.yaml_constructors

        def build(node: Any, depth: int) -> Any:
            nonlocal shared
            cls = node.__class__
            tag = node.tag
            if cls is ScalarNode:
                if tag == _STR:
                    return node.value
                if tag in scalar_tags:
                    try:
                        return constructors[tag](self, node)
                    except Exception:  # the library's constructor raises it, in its own order
                        raise _Unusual from None
                raise _Unusual
            if id(node) in built:
                value = built[id(node)]
                if value is None:  # a node inside itself
                    raise _Unusual
                shared = True
                return value
            if depth > _FAST_DEPTH:
                raise _Unusual
            built[id(node)] = None
            depth += 1
            if cls is MappingNode and tag == _MAP:
                value = {}
                for key_node, value_node in node.value:
                    if key_node.__class__ is not ScalarNode or key_node.tag not in _KEY_TAGS:
                        raise _Unusual  # merge keys ("<<", "="), non-scalar keys
                    key = build(key_node, depth)
                    value[key] = build(value_node, depth)
            elif cls is SequenceNode and tag == _SEQ:
                value = [build(item, depth) for item in node.value]
            else:
                raise _Unusual
            built[id(node)] = value
            return value

        try:
            data = build(node, 0)
        except _Unusual:
            return super().construct_document(node)
        self.shared = shared
        return data


_KEY_TAGS = _SCALAR_TAGS | {_STR}


def _timestamp(loader: Any, node: Any) -> Any:
    """A YAML date, or an error saying which one is no date (``2024-02-30``), with its place."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as exc:
        raise yaml.constructor.ConstructorError(None, None, f"{node.value!r} is not a valid date ({exc})",
                                                node.start_mark) from None


_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def load(text: str) -> tuple[Any, bool]:
    """The data of one YAML document (``None`` when empty), and whether an alias made a dict or list
    appear twice (when not, the data is a tree and can be sized as one).  Raises :class:`yaml.YAMLError`."""
    loader = _FastLoader(text)
    try:
        return loader.get_single_data(), loader.shared
    except RecursionError:
        raise yaml.YAMLError("the YAML is nested too deeply") from None
    finally:
        loader.dispose()


def safe_load(text: str) -> Any:
    """The data of one YAML document (``None`` when empty); raises :class:`yaml.YAMLError`."""
    return load(text)[0]


def dump(data: Any) -> str:
    """Plain data as YAML, keys in their order, Unicode as written."""
    return yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=120)
