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
