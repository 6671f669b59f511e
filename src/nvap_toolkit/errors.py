"""The one error vocabulary of nvap: located issues, the error type, exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


class Exit(IntEnum):
    """Process exit codes."""

    OK = 0
    CONTENT = 1
    USAGE = 2


@dataclass(frozen=True, order=True)
class Issue:
    """A problem found in content, at ``path:line:col`` (1-based)."""

    path: str
    line: int
    col: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.col}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class NvapError(Exception):
    """An error an author or user can act on; the CLI prints it without a traceback."""

    exit_code: Exit = Exit.CONTENT

    def __init__(self, message: str, issues: list[Issue] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.issues = issues or []


class UsageError(NvapError):
    """A command was called wrongly (exit 2)."""

    exit_code = Exit.USAGE


class ContentError(NvapError):
    """Content has errors; ``issues`` lists every one of them (exit 1)."""

    exit_code = Exit.CONTENT


def display_path(path: Path, base: Path | None = None) -> str:
    """Return ``path`` relative to ``base`` (default: the working directory) when inside it."""
    base = base or Path.cwd()
    try:
        return str(path.resolve().relative_to(base.resolve()))
    except ValueError:
        return str(path)
