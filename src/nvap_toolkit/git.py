"""The one way nvap asks git: read-only commands, never a traceback, ``None`` where git cannot answer.

Used by ``nvap diff`` (a revision's content, read with ``git archive``) and by
``nvap validate``'s edition check (each document as last committed, read with one
``git cat-file --batch``). git missing, a folder outside any repository, a failing
or slow git: every one of them is "no answer", never an error of nvap's.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

TIMEOUT_S = 60


@dataclass(frozen=True)
class Blob:
    """A file's bytes as git holds them, and their object id."""

    oid: str
    data: bytes


def call(folder: Path, *args: str, stdin: bytes | None = None, timeout: float = TIMEOUT_S) -> tuple[int, bytes] | None:
    """Run ``git -C folder args``: its exit code and standard output, or None if it could not run or timed out."""
    # Read-only commands take no optional locks: nvap never holds up the author's own git.
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            input=stdin if stdin is not None else b"",
            capture_output=True,
            check=False,
            timeout=timeout,
            env=env,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.returncode, done.stdout


def output(folder: Path, *args: str) -> bytes | None:
    """git's standard output when it succeeds, else None."""
    done = call(folder, *args)
    return done[1] if done is not None and done[0] == 0 else None


def text(folder: Path, *args: str) -> str | None:
    """git's standard output as text when it succeeds, else None."""
    out = output(folder, *args)
    return out.decode("utf-8", "replace") if out is not None else None


def top(folder: Path) -> Path | None:
    """The top folder of the git work tree holding ``folder``, or None (no git, or not in a repository)."""
    out = text(folder, "rev-parse", "--show-toplevel")
    return Path(out.strip()) if out is not None and out.strip() else None


def committed(folder: Path, paths: list[str], revision: str = "HEAD") -> dict[str, Blob]:
    """The files ``paths`` (relative to ``folder``, which is in a work tree) at ``revision``: one git process.

    A path missing from the revision (a new file), not a file there, or one git
    cannot name is left out; so is every path when ``folder`` is in no repository.
    """
    asked = [p for p in paths if "\n" not in p and "\r" not in p]
    if not asked:
        return {}
    # "rev:./path" is relative to the folder git runs in, so no call is needed to find the top.
    names = "".join(f"{revision}:./{p}\n" for p in asked).encode("utf-8", "surrogateescape")
    done = call(folder, "cat-file", "--batch", stdin=names, timeout=10)
    if done is None:
        return {}
    # Answers come in the order asked; git stops at a name it refuses (a path outside the
    # repository), so what came before it still stands.
    out = done[1]
    found: dict[str, Blob] = {}
    at = 0
    for path in asked:
        end = out.find(b"\n", at)
        if end < 0:
            break
        header = out[at:end].split(b" ")
        at = end + 1
        if header[-1] in (b"missing", b"ambiguous") or len(header) != 3 or not header[2].isdigit():
            continue
        oid, kind, size = header[0].decode("ascii", "replace"), header[1], int(header[2])
        if at + size > len(out):
            break
        if kind == b"blob":
            found[path] = Blob(oid, out[at : at + size])
        at += size + 1  # the content, then a newline
    return found


def blob_id(data: bytes, like: str) -> str:
    """The object id git gives ``data`` as a file, in the hash of the id ``like`` (SHA-1, or SHA-256 repositories)."""
    digest = hashlib.sha256() if len(like) == 64 else hashlib.sha1(usedforsecurity=False)
    digest.update(b"blob %d\0" % len(data))
    digest.update(data)
    return digest.hexdigest()
