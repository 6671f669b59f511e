"""What a filled plan holds: every value a force typed, where it was, and the plan's metadata."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from .format import COLUMNS, HEADER_FIELDS, IMPACT_FIELDS


@dataclass(frozen=True)
class Value:
    """One input a force filled in, exactly as typed."""

    text: str
    """The cell's text as typed (line breaks, spacing and letters kept); a real date as dd/mm/yyyy."""
    ref: str
    """Where it is: ``Sheet!Cell``, the sheet quoted when its title needs it."""
    date: date | None = None
    """For a date input: the date it reads as (None when the text is no date)."""
    stored: str | None = None
    """The value as stored in the file, when it differs from what the cell shows (``0.75`` for ``75%``)."""
    formula: str | None = None
    """The cell's formula (without its ``=``), when it holds one."""


@dataclass(frozen=True)
class OutsideText:
    """Words a force wrote outside the form's inputs: a cell beside the form, an added sheet, a note."""

    ref: str
    """``Sheet!Cell``, the sheet quoted when its title needs it."""
    text: str
    kind: str = "cell"
    """``cell``; ``note`` (a comment on the cell); ``hidden`` (a value hidden inside merged cells)."""


@dataclass(frozen=True)
class FilledObjective:
    """An objective's block of a filled plan."""

    id: str
    impact_owner: Value | None = None
    impacts: dict[str, dict[str, Value | None]] = field(default_factory=dict)
    """Impact column id (``organisational``, ``external``) -> field (``activity``…) -> value."""

    def value(self, column: str, field_name: str) -> Value | None:
        """The value of ``field_name`` in ``column``, or None when blank."""
        return self.impacts.get(column, {}).get(field_name)

    def values(self) -> Iterator[Value | None]:
        """Every input of the block, blank ones as None."""
        yield self.impact_owner
        for _, column in COLUMNS:
            for name in IMPACT_FIELDS:
                yield self.value(column, name)


@dataclass(frozen=True)
class FilledAction:
    """One action's sheet of a filled plan."""

    id: str
    edition: str | None
    """The content hash of the toolkit the sheet was made from."""
    sheet: str
    force: Value | None
    """The force named on the sheet (prefilled by nvap)."""
    header: dict[str, Value | None]
    """``HEADER_FIELDS`` -> value."""
    objectives: dict[str, FilledObjective]
    """In the plan's order, by objective id."""

    @property
    def date_prepared(self) -> date | None:
        value = self.header.get("date_prepared")
        return value.date if value else None

    def values(self) -> Iterator[Value | None]:
        """Every input of the sheet, blank ones as None (the force, prefilled, is not an input)."""
        for name in HEADER_FIELDS:
            yield self.header.get(name)
        for objective in self.objectives.values():
            yield from objective.values()

    @property
    def filled(self) -> int:
        return sum(v is not None for v in self.values())

    @property
    def inputs(self) -> int:
        return sum(1 for _ in self.values())


@dataclass(frozen=True)
class FilledPlan:
    """A force's filled Impact Realisation Plan, as read from its metadata and named cells."""

    format: int
    lang: str
    nvap_version: str | None
    force_key: str | None
    """The force's key in the reference data, from the metadata."""
    force_name: str | None
    """The force's name, from the metadata."""
    actions: dict[str, FilledAction]

    @property
    def date_prepared(self) -> date | None:
        """The latest date prepared of the plan's sheets."""
        dates = [a.date_prepared for a in self.actions.values() if a.date_prepared is not None]
        return max(dates) if dates else None

    @property
    def filled(self) -> int:
        return sum(a.filled for a in self.actions.values())
