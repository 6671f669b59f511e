"""Located issues: where a problem is (``Location``) and what it is (``Issue``).

Content problems are located at ``path:line:col``; problems of a workbook a
force sent back at ``file Sheet!Cell (label)``.  Both are ``Issue``s with a
``Location``, printed the same way and counted the same way by every command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PLAIN_SHEET = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def sheet_ref(sheet: str, cell: str) -> str:
    """``Sheet!B7``, the title quoted as Excel writes it when it needs quoting: ``'2.6.2 Norms'!B7``."""
    title = sheet if _PLAIN_SHEET.fullmatch(sheet) else "'" + sheet.replace("'", "''") + "'"
    return f"{title}!{cell}"


@dataclass(frozen=True, order=True)
class Location:
    """Where a problem is: a line and column of a text file, or a cell of a workbook, or a whole file."""

    path: str
    line: int = 0
    col: int = 0
    sheet: str = ""
    cell: str = ""
    label: str = field(default="", compare=False)
    """For a cell: the label beside it, as the user sees it ("Date Prepared")."""

    @property
    def where(self) -> str:
        """The part after the file: ``Sheet!Cell (label)``, or '' for a text position or a whole file."""
        if not self.sheet:
            return ""
        ref = sheet_ref(self.sheet, self.cell) if self.cell else sheet_ref(self.sheet, "").rstrip("!")
        return f"{ref} ({self.label})" if self.label else ref

    def __str__(self) -> str:
        if self.sheet:
            return f"{self.path} {self.where}"
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return self.path


@dataclass(frozen=True, order=True)
class Issue:
    """A problem found at a ``Location``: an error, or a warning that does not stop the work."""

    location: Location
    message: str
    severity: str = "error"
    upgradable: bool = field(default=False, compare=False)
    """A returned plan's error that ``nvap plan --upgrade`` overcomes: its answers are carried into a fresh plan by id
    (an objective or action the content no longer has, inputs deleted, cells moved)."""

    @classmethod
    def at(cls, path: str, line: int, col: int, message: str, severity: str = "error") -> Issue:
        """An issue at ``path:line:col`` of a content file (1-based)."""
        return cls(Location(path, line, col), message, severity)

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.location}: {prefix}{self.message}"

    @property
    def path(self) -> str:
        return self.location.path

    @property
    def line(self) -> int:
        return self.location.line

    @property
    def col(self) -> int:
        return self.location.col

    @property
    def is_error(self) -> bool:
        return self.severity == "error"
