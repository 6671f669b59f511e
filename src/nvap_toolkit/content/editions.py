"""Editions: is each document's content still the edition it says it is?

A toolkit or Covenant report names its edition (version, date) and the changes it
makes. Where the content is in a git repository, ``nvap validate`` compares each
document with the same file at ``HEAD``: when its content changed (comments and
layout aside) but its edition did not (no new version, date or change note), it
warns, so that no edition goes out with changes nobody recorded.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from ..errors import Issue
from .kinds import ACTION, COVENANT
from .project import Project
from .validate import locate


def git_top(folder: Path) -> Path | None:
    """The top folder of the git work tree holding ``folder``, or None (no git, or not in a repository)."""
    if shutil.which("git") is None:
        return None
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None


def committed_text(top: Path, path: Path, revision: str = "HEAD") -> str | None:
    """The text of ``path`` at ``revision`` of the repository at ``top``; None where it has none."""
    try:
        rel = path.resolve().relative_to(top.resolve()).as_posix()
        done = subprocess.run(["git", "-C", str(top), "show", f"{revision}:{rel}"], capture_output=True, check=False, timeout=10)
    except (ValueError, OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    try:
        return done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _data(text: str, path: Path) -> Any:
    from .loader import read_text

    return read_text(text, path, str(path)).data


def edition_issues(project: Project) -> list[Issue]:
    """A warning for each document whose content differs from ``HEAD`` while its edition does not."""
    top = git_top(project.root)
    if top is None:
        return []
    found = []
    for item in project.loaded:
        if item.kind not in (ACTION, COVENANT) or not isinstance(item.doc.data, dict):
            continue
        text = committed_text(top, item.doc.path)
        if text is None:
            continue  # a new file: its edition is its first
        before = _data(text, item.doc.path)
        if not isinstance(before, dict):
            continue
        now = item.doc.data
        same_edition = before.get("edition") == now.get("edition")
        changed = {k: v for k, v in before.items() if k != "edition"} != {k: v for k, v in now.items() if k != "edition"}
        if changed and same_edition:
            node = locate(item.doc.node, ("edition",), at_key=True)
            line, col = (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)
            version = item.model.edition.version
            found.append(
                Issue.at(
                    item.doc.shown,
                    line,
                    col,
                    f"the content differs from edition {version} as last committed, and no change note says why: "
                    "add one under edition.changes (with a new version or date)",
                    "warning",
                )
            )
    return found
