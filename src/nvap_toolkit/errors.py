"""The one error vocabulary of nvap: locations, located issues, the error types, exit codes.

Content problems are located at ``path:line:col``; problems of a workbook a
force sent back at ``file Sheet!Cell (label)``.  Both are ``Issue``s with a
``Location``, printed the same way and counted the same way by every command.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path


class Exit(IntEnum):
    """Process exit codes: the same for the same kind of problem in every command."""

    OK = 0
    CONTENT = 1
    """A problem with the content or with the data read (a plan, a file)."""
    USAGE = 2
    """The command was called wrongly (unknown name, option or format, a path that does not fit)."""
    BUG = 70
    """An unexpected error in nvap itself (sysexits' EX_SOFTWARE)."""
    INTERRUPTED = 130
    """Stopped by Ctrl-C."""


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


class NvapError(Exception):
    """An error an author or user can act on; the CLI prints it without a traceback (exit 1)."""

    exit_code: Exit = Exit.CONTENT

    def __init__(self, message: str, issues: list[Issue] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.issues = issues or []


class UsageError(NvapError):
    """A command was called wrongly: an unknown name or format, an --out that is a file (exit 2)."""

    exit_code = Exit.USAGE


class ContentError(NvapError):
    """Content has errors; ``issues`` lists every one of them (exit 1)."""

    exit_code = Exit.CONTENT


class WriteError(NvapError):
    """An output cannot be written: ``cannot write PATH: reason`` (exit 1)."""

    exit_code = Exit.CONTENT


def display_path(path: Path, base: Path | None = None) -> str:
    """Return ``path`` relative to ``base`` (default: the working directory) when inside it."""
    base = base or Path.cwd()
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)
