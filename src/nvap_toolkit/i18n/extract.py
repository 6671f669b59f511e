"""Every string of the content a reader sees, with its stable field path and its YAML file and line.

The model says what a value is (a ``Text`` is prose; a ``Key``, an id, a code or a
date has a pattern and is never translated); the validated record (``records``)
holds the value; the YAML node tree says where it is written. So they are walked
together: the record gives the value (whitespace stripped, as the renderers print
it), its model's fields their types, the node its line.

A string's path (the msgctxt of its catalogue entry) names it by field names and,
for items of a list, by their ``id`` where they have one, else by position (from 1):
``2.6.2:objectives[training-and-briefings].situation[2]``. Two equal English strings
in different places have different paths, so they can be translated differently.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from yaml.nodes import MappingNode, Node, SequenceNode

from ..content.loader import read_document
from ..content.project import Project
from ..models import every_model
from ..models.common import Model
from ..records import Record
from . import layout

NOT_TRANSLATED_FIELDS = frozenset({"id", "key", "code", "url", "email", "isbn"})
"""Fields that hold no words for a reader, whatever model they are in (so also ``*_url``, ``*_id``)."""

NOT_TRANSLATED: dict[str, frozenset[str]] = {
    "CovenantReport": frozenset({"reference"}),  # the printer's reference, e.g. 'E03096655 03/24'
    "Glossary": frozenset({"not_acronyms"}),  # names in capitals (UNISON): kept as they are
}
"""Text fields of one model that are not translated, by model name."""

WORDS: dict[str, frozenset[str]] = {
    "Labels": frozenset({"no_url"}),  # "(no web address given in the source)": words, though named like an address
}
"""Fields of one model, by model name, that hold words although their names end as addresses' and ids' do."""


@dataclass(frozen=True)
class Entry:
    """One translatable string."""

    context: str
    """The stable path of the field: ``2.6.2:objectives[training-and-briefings].statement``."""
    text: str
    """The English, as the renderers print it."""
    line: int
    """The line of the YAML file where the value is written (1-based)."""
    comment: str = ""
    """The field's description in the model, for the translator (``#.`` in the catalogue)."""
    steps: tuple[Any, ...] = field(default=(), compare=False, repr=False)
    """Where the value is in the model: attribute names, list positions and dict keys, from the document's
    model down (``("objectives", 0, "statement")``). ``i18n.apply`` puts the translation there."""


@dataclass
class Source:
    """A document's translatable strings, in the order they are written in its file."""

    document: layout.Document
    shown: str
    """The YAML file as the catalogue's ``#:`` comments name it: ``content/actions/2.6.2.yaml``."""
    entries: list[Entry] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.document.name


def extract(project: Project) -> list[Source]:
    """The translatable strings of every document of ``project`` (a validated project), in file order."""
    found = []
    for item in sorted(project.loaded, key=lambda i: str(i.doc.path)):
        document = layout.document_of(item.doc.path, project.root)
        if document is None:
            continue
        node = item.doc.node
        if node is None:  # load_valid_project drops the node trees: read the file again for the lines
            node = read_document(item.doc.path).node
        source = Source(document, source_name(item.doc.path, project.root))
        source.entries = sorted(_entries(document.name, item.model, node), key=lambda e: e.line)
        found.append(source)
    return found


def source_name(path: Path, root: Path) -> str:
    """``content/actions/2.6.2.yaml``: the file relative to the folder that holds the content root."""
    try:
        return path.resolve().relative_to(root.resolve().parent).as_posix()
    except ValueError:
        return path.name


def _entries(name: str, record: Record, node: Node | None) -> Iterator[Entry]:
    seen: set[str] = set()
    for path, text, at, comment, steps in _walk(record, model_of(record), [], node, node, ""):
        context = f"{name}:{path}"
        if context in seen:  # cannot happen with unique ids and keys; never let two entries share a context
            raise AssertionError(f"two strings at {context}")
        seen.add(context)
        line = at.start_mark.line + 1 if at is not None else 1
        yield Entry(context, text, line, comment, steps)


Found = tuple[str, str, Node | None, str, tuple[Any, ...]]


def _walk(
    value: Any,
    annotation: Any,
    metadata: list[Any],
    node: Node | None,
    parent: Node | None,
    path: str,
    comment: str = "",
    steps: tuple[Any, ...] = (),
) -> Iterator[Found]:
    """Yield (path, text, node, comment, steps) for every translatable string of ``value``, typed ``annotation``."""
    annotation, metadata = _unwrap(annotation, metadata)
    if value is None or any(getattr(m, "pattern", None) for m in metadata):
        return  # ids, keys, codes and dates have a pattern: they are never words
    at = node if node is not None else parent
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        arm = next((a for a in get_args(annotation) if _fits(value, a)), None)
        if arm is not None:
            yield from _walk(value, arm, metadata, node, parent, path, comment, steps)
    elif origin is Literal or annotation in (int, float, bool):
        return
    elif annotation is str or (isinstance(value, str) and annotation is Any):
        if isinstance(value, str) and value.strip():
            yield path, value, at, comment, steps
    elif origin is list and isinstance(value, (list, tuple)):
        item_type = get_args(annotation)[0] if get_args(annotation) else Any
        names = _item_names(value)
        for i, item in enumerate(value):
            child = node.value[i] if isinstance(node, SequenceNode) and i < len(node.value) else None
            yield from _walk(item, item_type, [], child, at, f"{path}[{names[i]}]", comment, (*steps, i))
    elif origin is dict and isinstance(value, dict):
        args = get_args(annotation)
        value_type = args[1] if len(args) == 2 else Any
        for key, item in value.items():
            yield from _walk(item, value_type, [], _value_node(node, str(key)), at, f"{path}[{key}]", comment, (*steps, key))
    elif inspect.isclass(annotation) and issubclass(annotation, BaseModel) and _is_of(value, annotation):
        yield from _walk_model(value, node, at, path, steps)


def model_of(record: Record) -> type[BaseModel]:
    """The model ``record`` was made from: its class's, of the same name."""
    if not _MODELS:
        every_model()
        pending: list[type[BaseModel]] = [Model]
        while pending:
            cls = pending.pop()
            _MODELS[cls.__name__] = cls
            pending.extend(cls.__subclasses__())
    return _MODELS[type(record).__name__]


_MODELS: dict[str, type[BaseModel]] = {}


def _is_of(value: Any, model: type[BaseModel]) -> bool:
    """Whether ``value`` is a record of ``model``."""
    return isinstance(value, Record) and type(value).__name__ == model.__name__


def _walk_model(record: Record, node: Node | None, at: Node | None, path: str, steps: tuple[Any, ...] = ()) -> Iterator[Found]:
    cls = model_of(record)
    skipped = NOT_TRANSLATED.get(cls.__name__, frozenset())
    words = WORDS.get(cls.__name__, frozenset())
    for name, info in cls.model_fields.items():
        if name in skipped or name in NOT_TRANSLATED_FIELDS or (name.endswith(("_url", "_id")) and name not in words):
            continue
        key = info.alias or name
        child = _value_node(node, key)
        if child is None and node is not None:
            continue  # left out of the file: a default, nothing written to translate
        prefix = f"{path}.{key}" if path else key
        yield from _walk(
            getattr(record, name), info.annotation, list(info.metadata), child, at, prefix, info.description or "", (*steps, name)
        )


def _unwrap(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """``Annotated[X, m...]`` as ``X`` with its metadata added."""
    while get_origin(annotation) is Annotated:
        base, *extra = get_args(annotation)
        annotation, metadata = base, [*metadata, *extra]
    return annotation, metadata


def _fits(value: Any, annotation: Any) -> bool:
    """Whether ``value`` is of the union arm ``annotation``."""
    annotation, _ = _unwrap(annotation, [])
    origin = get_origin(annotation)
    if annotation is type(None):
        return value is None
    if origin is list:
        return isinstance(value, (list, tuple))
    if origin is dict:
        return isinstance(value, dict)
    if origin is Literal:
        return value in get_args(annotation)
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        return _is_of(value, annotation)
    if inspect.isclass(annotation):
        return isinstance(value, annotation)
    return False


def _item_names(items: list[Any] | tuple[Any, ...]) -> list[str]:
    """How each item of a list is named in a path: by its key (``id``, or its one key field) when every
    item has a distinct one, else by its position from 1."""
    keys = [_key_of(item) for item in items]
    if keys and all(keys) and len(set(keys)) == len(keys):
        return [str(k) for k in keys]
    return [str(n) for n in range(1, len(items) + 1)]


def _key_of(item: Any) -> str | None:
    """An item's ``id``, else the value of its first key field (a text with a pattern: ``challenge: staff-wellbeing``)."""
    if not isinstance(item, Record):
        return None
    fields = model_of(item).model_fields
    if "id" in fields:
        value = getattr(item, "id", None)
        return value if isinstance(value, str) and value else None
    for name, info in fields.items():
        if info.annotation is str and any(getattr(m, "pattern", None) for m in info.metadata):
            value = getattr(item, name)
            return value if isinstance(value, str) and value else None
    return None


def _value_node(node: Node | None, key: str) -> Node | None:
    """The value node of ``key`` in a mapping node (None if absent or not a mapping)."""
    if not isinstance(node, MappingNode):
        return None
    for key_node, value_node in node.value:
        if str(key_node.value) == key:
            found: Node = value_node
            return found
    return None
