"""Plain records of the validated content, and what every record can do.

The records themselves are in ``records.content``, generated from the models. A record is
what renderers and commands read: its fields are those of its model, it is compared, shown,
pickled and copied as plain data, and nothing here imports Pydantic.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, TypeVar

R = TypeVar("R", bound="Record")

Block = str | list[str]
"""A paragraph (a string) or a bulleted list (a list of strings)."""


class Record:
    """A record: its fields are its ``__slots__``, in its model's order."""

    __slots__ = ("__weakref__",)  # a look-up made from a record may be kept beside it (``content.forces``)
    ALIASES: ClassVar[dict[str, str]] = {}
    """A field's name in the content file, where it is not the field's (``in_progress`` is ``in-progress``)."""
    TEXT: ClassVar[dict[str, str]] = {}
    """The fields that hold free text alone, by their shape (``text``, ``texts``, ``block``...): see ``edited``.
    Empty for a model with validators of its own: a record of it is always validated."""

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in fields(self))

    __hash__ = None  # type: ignore[assignment]  # as its fields: lists and mappings are not hashable

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{name}={getattr(self, name)!r}' for name in fields(self))})"

    def __reduce__(self) -> tuple[type[Record], tuple[Any, ...]]:
        # Pickled as its class and its fields' values: unpickled by calling the class, as it was made.
        return type(self), tuple(getattr(self, name) for name in fields(self))


def fields(record: Record) -> tuple[str, ...]:
    """The names of ``record``'s fields, in order."""
    return fields_of(type(record))


def fields_of(record: type[Record]) -> tuple[str, ...]:
    """The names of the fields of the records of class ``record``, in order."""
    names: tuple[str, ...] = record.__slots__
    return names


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with ``changes``: nothing is checked (a translation is placed as it is)."""
    unknown = set(changes) - set(fields(record))
    if unknown:
        raise TypeError(f"{type(record).__name__} has no field {', '.join(sorted(unknown))}")
    return type(record)(**{name: changes.get(name, getattr(record, name)) for name in fields(record)})


def dump(value: Any) -> Any:
    """``value`` as plain data: a record as a mapping of its fields (by their names in the content file)."""
    if isinstance(value, Record):
        aliases = type(value).ALIASES
        return {aliases.get(name, name): dump(getattr(value, name)) for name in fields(value)}
    if isinstance(value, list):
        return [dump(item) for item in value]
    if isinstance(value, dict):
        return {key: dump(item) for key, item in value.items()}
    return value


def strings_in(value: object) -> Iterator[str]:
    """Every string in ``value``: a record's fields (in order), nested records, lists and mappings' values."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Record):
        for name in fields(value):
            yield from strings_in(getattr(value, name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings_in(item)


# -- an edit of free text --------------------------------------------------------------------------------

_NO: Any = object()


def edited(record: Record, old: Any, new: Any) -> Record | None:
    """``record`` (validated from the plain data ``old``) as validating ``new`` would make it, when ``new`` differs
    from ``old`` only in free text that is valid as it is; else None (validate ``new``).

    That is: the same fields, keys and list lengths; every value that differs is a string, in a
    field that holds free text alone (``TEXT``: text without a pattern, lists and mappings of it,
    paragraphs and lists of paragraphs), was a string, and is not empty once stripped of the
    spaces, tabs and line ends around it (which is what validating makes of it); a model with
    validators of its own has no such field. Anything else (an empty text, a number, a
    key, a date, a list grown) is validated, so that its problem is reported as ever.
    """
    got = _record(record, old, new)
    return None if got is _NO else got


def _record(record: Record, old: Any, new: Any) -> Any:
    cls = type(record)
    if type(old) is not dict or type(new) is not dict or list(old) != list(new):
        return _NO
    changes = {}
    for name in fields(record):
        key = cls.ALIASES.get(name, name)
        if key not in old or _same(old[key], new[key]):
            continue
        shape = cls.TEXT.get(name)
        value = getattr(record, name)
        got = _shaped(shape, value, old[key], new[key]) if shape else _nested(value, old[key], new[key])
        if got is _NO:
            return _NO
        changes[name] = got
    return replace(record, **changes) if changes else record


def _nested(value: Any, old: Any, new: Any) -> Any:
    """A record, or a list or mapping of records, for ``new``."""
    if isinstance(value, Record):
        return _record(value, old, new)
    if isinstance(value, list) and type(old) is list and type(new) is list and len(old) == len(new) == len(value):
        items = [item if _same(o, n) else _nested(item, o, n) for item, o, n in zip(value, old, new, strict=True)]
        return _NO if any(item is _NO for item in items) else items
    if isinstance(value, dict) and type(old) is dict and type(new) is dict and list(old) == list(new) == list(value):
        found = {k: item if _same(old[k], new[k]) else _nested(item, old[k], new[k]) for k, item in value.items()}
        return _NO if any(item is _NO for item in found.values()) else found
    return _NO


def _shaped(shape: str, value: Any, old: Any, new: Any) -> Any:
    """Free text of ``shape`` for ``new``."""
    if shape in ("text", "optional text"):
        return _text(old, new)
    if shape == "block":
        return _text(old, new) if type(old) is str else _shaped("texts", value, old, new)
    if shape in ("texts", "blocks", "text map"):
        inner = "block" if shape == "blocks" else "text"
        if shape == "text map":
            if type(old) is not dict or type(new) is not dict or list(old) != list(new) or not isinstance(value, dict):
                return _NO
            found = {k: item if _same(old[k], new[k]) else _shaped(inner, item, old[k], new[k]) for k, item in value.items()}
            return _NO if any(item is _NO for item in found.values()) else found
        if (
            type(old) is not list
            or type(new) is not list
            or not isinstance(value, list)
            or not len(old) == len(new) == len(value)
        ):
            return _NO
        items = [item if _same(o, n) else _shaped(inner, item, o, n) for item, o, n in zip(value, old, new, strict=True)]
        return _NO if any(item is _NO for item in items) else items
    return _NO


def _text(old: Any, new: Any) -> Any:
    """``new`` as validating makes a text of it (stripped), when it was a text, is one, and is not empty."""
    if type(old) is not str or type(new) is not str:
        return _NO
    stripped = new.strip()
    # Only spaces, tabs and line ends around it: what Python and Pydantic both strip alike.
    if not stripped or new.strip(" \t\r\n") != stripped:
        return _NO
    return stripped


def _same(old: Any, new: Any) -> bool:
    """The same plain data, types and all (``1 == True`` for ``==``; not here)."""
    if type(old) is not type(new):
        return False
    if type(old) is dict:
        return list(old) == list(new) and all(_same(old[k], new[k]) for k in old)
    if type(old) is list:
        return len(old) == len(new) and all(_same(o, n) for o, n in zip(old, new, strict=True))
    return bool(old == new)
