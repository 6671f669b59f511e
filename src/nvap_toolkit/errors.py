"""The error types of nvap and its exit codes; the problems an error carries are ``issues.Issue``s."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .issues import Issue


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
