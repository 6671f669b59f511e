"""Editions: is each document's content still the edition it says it is?

A toolkit or Covenant report names its edition (version, date) and the changes it
makes. Where the content is in a git repository, ``nvap validate`` compares each
document with the same file at ``HEAD``: when its content changed (comments and
layout aside) but its edition did not (no new version, date or change note), it
warns, so that no edition goes out with changes nobody recorded.

git is asked once, for every document at ``HEAD`` (``git cat-file --batch``); a
document whose bytes are those committed (the same blob id) is not read again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import git
from ..issues import Issue


@dataclass(frozen=True)
class Edition:
    """A valid toolkit or Covenant report as it is now: its file, its bytes and the edition it names."""

    path: Path
    shown: str
    data: bytes
    version: str


def edition_issues(root: Path, documents: list[Edition]) -> list[Issue]:
    """A warning for each document whose content differs from ``HEAD`` while its edition does not."""
    named = {name: d for d in documents if (name := _git_name(d.path, root)) is not None}
    # Documents inside the content folder first: git stops at a path outside its repository.
    asked = sorted(named, key=lambda n: (n.startswith("../"), n))
    committed = git.committed(root, asked)
    found = []
    for name in asked:
        blob = committed.get(name)
        if blob is None:
            continue  # a new file (or no repository): its edition is its first
        now = named[name]
        if git.blob_id(now.data, blob.oid) == blob.oid:
            continue  # byte for byte as committed
        issue = _unrecorded_change(now, blob.data)
        if issue is not None:
            found.append(issue)
    return found


def _git_name(path: Path, root: Path) -> str | None:
    """``path`` relative to ``root``, as git names it (``../`` for a file outside the content folder)."""
    try:
        rel = os.path.relpath(path.resolve(), root.resolve())
    except ValueError:  # another drive
        return None
    return Path(rel).as_posix()


def _unrecorded_change(now: Edition, committed: bytes) -> Issue | None:
    """The warning for ``now`` if its content differs from ``committed`` (comments and layout aside) but its edition does not."""
    from .loader import read_text

    try:
        before_text, now_text = committed.decode("utf-8"), now.data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    before = read_text(before_text, now.path, now.shown).data
    current = read_text(now_text, now.path, now.shown)
    if not isinstance(before, dict) or not isinstance(current.data, dict):
        return None
    if "draft" in (before.get("status"), current.data.get("status")):
        return None  # change notes are for published editions: a draft (or its first publication) needs none
    same_edition = before.get("edition") == current.data.get("edition")
    if same_edition and _without_edition(before) != _without_edition(current.data):
        node = _key_node(current.node, "edition")
        line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)
        return Issue.at(
            now.shown,
            line,
            col,
            f"the content differs from edition {now.version} as last committed, and no change note says why: "
            "add one under edition.changes (with a new version or date)",
            "warning",
        )
    return None


def _without_edition(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "edition"}


def _key_node(node: Any, key: str) -> Any:
    """The node of ``key`` in a mapping node; the mapping itself when it has no such key."""
    from yaml.nodes import MappingNode, ScalarNode

    if isinstance(node, MappingNode):
        for k, _ in node.value:
            if isinstance(k, ScalarNode) and k.value == key:
                return k
    return node
