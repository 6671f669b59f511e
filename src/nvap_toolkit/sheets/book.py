"""A spreadsheet as a force's program saved it: its sheets, every cell as shown, its names and notes.

A returned plan is read from a ``Book``, never from a spreadsheet library's own
model: openpyxl drops the values LibreOffice keeps inside merged ranges, reads a
percentage as 0.75, and cannot open Strict Open XML.  A reader (``sheets.ooxml``
for ``.xlsx`` and ``.xlsm``) fills a ``Book`` with what the file holds and with
each cell's text as the program displays it; ``plan.read`` takes the answers
from it by their defined names.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import datetime

from ..issues import sheet_ref


@dataclass(frozen=True, slots=True)
class Cell:
    """One non-empty cell (or one holding a formula)."""

    row: int
    col: int
    shown: str
    """The text the spreadsheet program shows: its number format applied, an error as its code."""
    stored: str
    """The value as stored in the file (``0.75`` for 75%), or the text itself."""
    number: float | None = None
    """A stored number (dates and times are numbers too); None for text, a truth value or an error."""
    is_date: bool = False
    """The number is shown as a date or time (its number format says so)."""
    formula: str | None = None
    """The formula, without its ``=``, when the cell holds one."""
    error: str | None = None
    """The error the cell shows (``#VALUE!``, ``#REF!``) when its formula failed."""
    uncalculated: bool = False
    """A formula whose value was never calculated (no value stored): nothing is shown."""
    hidden_by: str | None = None
    """Inside a merged range but not its first cell: the range's first cell (the program hides this one)."""

    @property
    def coord(self) -> str:
        return f"{column_letter(self.col)}{self.row}"


@dataclass
class Sheet:
    """A sheet: its cells by (row, column), its notes, and its visibility."""

    title: str
    state: str = "visible"
    """``visible``, ``hidden`` or ``veryHidden``."""
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    notes: dict[tuple[int, int], str] = field(default_factory=dict)
    """A note (comment) on a cell, by the cell's (row, column)."""

    def at(self, coord: str) -> Cell | None:
        row, col = split_coord(coord)
        return self.cells.get((row, col))

    def cell(self, row: int, col: int) -> Cell | None:
        return self.cells.get((row, col))

    def ref(self, coord: str) -> str:
        return sheet_ref(self.title, coord)


@dataclass
class Book:
    """A workbook as saved: sheets in tab order, workbook-scope defined names, when it was last saved."""

    kind: str
    """What the file is, in a user's words: ``Excel workbook``, ``Excel workbook (Strict Open XML)``..."""
    sheets: dict[str, Sheet] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    """Defined name -> what it refers to, as stored (``'2.6.2 Norms'!$B$5``, ``#REF!``)."""
    modified: datetime | None = None
    """When the file was last saved, from its document properties."""

    def destination(self, name: str) -> tuple[Sheet, str, str] | None:
        """The sheet and range (``B5`` or ``A1:A4``) a defined name refers to; None when it refers to none."""
        target = self.names.get(name)
        if target is None:
            return None
        parsed = parse_reference(target)
        if parsed is None or parsed[0] not in self.sheets:
            return None
        sheet, first, last = parsed
        return self.sheets[sheet], first, last


_REFERENCE = re.compile(r"^=?(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$")


def parse_reference(text: str) -> tuple[str, str, str] | None:
    """``'Sheet'!$B$5`` -> ``("Sheet", "B5", "B5")``; a range gives its first and last cells; None for ``#REF!``."""
    match = _REFERENCE.match(text.strip())
    if match is None:
        return None
    quoted, plain, col1, row1, col2, row2 = match.groups()
    sheet = quoted.replace("''", "'") if quoted is not None else plain
    first = f"{col1}{row1}"
    return sheet, first, f"{col2}{row2}" if col2 else first


_COORD = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


@functools.lru_cache(maxsize=8192)
def split_coord(coord: str) -> tuple[int, int]:
    """``B5`` -> ``(5, 2)``: (row, column)."""
    match = _COORD.match(coord)
    if match is None:
        raise ValueError(f"not a cell: {coord}")
    letters, digits = match.groups()
    col = 0
    for letter in letters.upper():
        col = col * 26 + ord(letter) - 64
    return int(digits), col


def column_letter(col: int) -> str:
    """2 -> ``B``; 28 -> ``AB``."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cells_between(first: str, last: str) -> list[tuple[int, int]]:
    """Every (row, column) of the range ``first:last``, row by row."""
    (r1, c1), (r2, c2) = split_coord(first), split_coord(last)
    return [(r, c) for r in range(min(r1, r2), max(r1, r2) + 1) for c in range(min(c1, c2), max(c1, c2) + 1)]
