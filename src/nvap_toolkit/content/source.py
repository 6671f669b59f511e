"""One content file as nvap read it: its text, node tree, plain data and issues.

Apart from the reader (``loader``) so that the validated content, kept in the cache
with its documents, is read back without importing the YAML library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..issues import Issue

if TYPE_CHECKING:
    from yaml.nodes import Node


@dataclass
class Document:
    """One content file: its text, node tree and plain data (``None`` if unreadable)."""

    path: Path
    shown: str
    text: str = ""
    node: Node | None = None
    data: Any = None
    issues: list[Issue] = field(default_factory=list)

    def issue(self, node: Node | None, message: str, severity: str = "error") -> Issue:
        """Record a problem at ``node`` (or at the top of the file)."""
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)
        found = Issue.at(self.shown, line, col, message, severity)
        self.issues.append(found)
        return found

    def position(self, index: int) -> tuple[int, int]:
        """1-based line and column of character ``index`` of the text."""
        line = self.text.count("\n", 0, index) + 1
        col = index - (self.text.rfind("\n", 0, index) + 1) + 1
        return line, col
