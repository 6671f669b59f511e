"""Digests of what nvap's results are made from besides the content: nvap itself and the templates.

The validated content (``cache``), the pages PDFs are made from and a build's files
(``manifest``) are each keyed by these, with the content's own digests. Nothing
here reads the content or imports more than ``hashlib``: a rebuild with nothing
changed asks this module alone.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import sys
import time
from pathlib import Path
from stat import S_ISDIR
from typing import Any


def code_identity() -> str:
    """nvap's version and modules (an edited checkout is another nvap), the Python and the libraries installed.

    What a result worked out by nvap depends on besides its inputs: the validated content
    (``cache``), and the files a build renders (``manifest``, through ``code_digest``).
    """
    from .. import __version__

    package = Path(__file__).resolve().parents[1]
    parts: list[object] = [__version__, sys.version, sys.platform]
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                stat = os.stat(os.path.join(folder, name))
                parts.append(f"{os.path.relpath(os.path.join(folder, name), package)}:{stat.st_size}:{stat.st_mtime_ns}")
    # The installed distributions' names carry their versions (pydantic-2.14.3.dist-info): a
    # library upgraded changes the key without importing it.
    spec = importlib.util.find_spec("pydantic")
    if spec is not None and spec.origin:
        site = Path(spec.origin).parents[1]
        try:
            parts += sorted(n for n in os.listdir(site) if n.endswith(".dist-info"))
        except OSError:
            pass
    return "\n".join(map(str, parts))


def code_digest() -> str:
    """A digest of ``code_identity``, worked out once per process (a build reads its manifest twice): the code a
    process runs is what it imported."""
    from .. import __version__

    return _code_digest(str(Path(__file__).resolve()), __version__)


@functools.cache
def _code_digest(_where: str, _version: str) -> str:
    return hashlib.sha256(code_identity().encode("utf-8", "surrogateescape")).hexdigest()


def templates_digest() -> str:
    """A digest of every template (``resources.template_dirs``: a working directory's own first), by folder, path
    and bytes: what the validated project of a build (``Inputs.project_key``), its pages (``sources``) and its
    files (``manifest``) are made from besides the content.

    A build asks for it several times: the digest is worked out again only when a template's size,
    modification or change time differs from when it was last worked out in this process (as Python
    trusts a ``.pyc`` by its source's size and time; the change time is set by any write, whatever
    the modification time says), or when one was changed in the last two seconds (a second write in
    the same tick of the file system's clock would leave its times as they were).
    """
    from ..resources import template_dirs

    folders = template_dirs()
    found: list[tuple[Path, Path, tuple[int, int, int] | None]] = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            try:
                info = path.stat()
            except OSError:
                found.append((folder, path, None))
                continue
            if not S_ISDIR(info.st_mode):
                found.append((folder, path, (info.st_size, info.st_mtime_ns, info.st_ctime_ns)))
    signature = (tuple(str(folder) for folder in folders), tuple((str(path), stamp) for _, path, stamp in found))
    if signature in _TEMPLATES:
        return _TEMPLATES[signature]
    digest = hashlib.sha256()
    for folder in folders:
        part(digest, "templates", str(folder))
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                file(digest, "template", path.relative_to(folder).as_posix(), path)
    _TEMPLATES.clear()  # one: the templates as they are now
    settled = time.time_ns() - 2_000_000_000
    if all(stamp is not None and stamp[2] < settled for _, _, stamp in found):
        _TEMPLATES[signature] = digest.hexdigest()
    return digest.hexdigest()


_TEMPLATES: dict[tuple[object, ...], str] = {}


def part(digest: Any, tag: str, text: str) -> None:
    """Digest a tagged text, its length first: no two sequences of parts digest alike."""
    name = text.encode("utf-8", "surrogateescape")
    digest.update(b"%s\0%d\0%s\0" % (tag.encode(), len(name), name))


def file(digest: Any, tag: str, name: str, path: Path) -> bytes | None:
    """Digest one file's name and bytes; its bytes (None if it cannot be read)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        part(digest, f"{tag} unreadable", f"{name}\0{exc.strerror}")
        return None
    file_bytes(digest, tag, name, data)
    return data


def file_bytes(digest: Any, tag: str, name: str, data: bytes | None) -> None:
    """Digest a file's name and bytes (``None``: it could not be read)."""
    if data is None:
        part(digest, f"{tag} unreadable", name)
        return
    part(digest, tag, name)
    digest.update(b"%d\0" % len(data))
    digest.update(data)
