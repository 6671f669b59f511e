"""nvap's cache folder, and the validated content kept in it between runs.

Validating the content is most of ``nvap validate`` and a fair part of a build, and
its result depends only on the bytes of the files it is made from. So, the way
Sphinx keeps its pickled environment, the result is kept, keyed by a digest of
every file under the content folder, every template, and nvap itself (its version,
its modules, the Python and the libraries it runs on): a run whose inputs are those
of an earlier one takes the earlier result, issues included, instead of validating.

The folder (docs/environment.md): ``$NVAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/nvap``,
else ``~/.cache/nvap``; ``NVAP_NO_CACHE=1`` (or an empty ``NVAP_CACHE_DIR``) turns
every cache off. ``content/`` holds the validated content, ``latest/`` which of it was
validated last for each content folder (what the next load, after an edit, starts from),
``pages/`` the documents' pages a PDF was made from (``document``), ``jinja/`` the compiled
templates (``render.env``). Each is pruned to a bound, least recently used first;
entries are written atomically, and one that is corrupt, unreadable or from another
format is ignored (and written again), never an error.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .digests import code_digest, file, file_bytes, part, templates_digest

if TYPE_CHECKING:
    from ..issues import Issue
    from .project import Project, Sources

FORMAT = 3
"""Changes whenever what an entry holds changes: older entries are then ignored (2: the project is pickled
within the entry, no longer as bytes of its own; 3: its documents are records, ``records.content``, not models)."""
MAGIC = b"nvap content cache %d\n" % FORMAT
CONTENT_ENTRIES = 32
CONTENT_BYTES = 256 * 1024 * 1024
JINJA_FILES = 128
JINJA_BYTES = 32 * 1024 * 1024
PAGE_FILES = 64
PAGE_BYTES = 64 * 1024 * 1024
TMP_PREFIX = ".tmp-"
STALE_TMP_S = 3600
"""A temporary file older than this was left by a write that was killed."""


# -- the folder ------------------------------------------------------------------------------------


def cache_dir() -> Path | None:
    """The folder nvap keeps its caches in, or None when caching is turned off."""
    if os.environ.get("NVAP_NO_CACHE", "") not in ("", "0"):
        return None
    chosen = os.environ.get("NVAP_CACHE_DIR")
    if chosen is not None:
        return Path(chosen).expanduser() if chosen else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg and os.path.isabs(xdg):  # the XDG rule: a relative value is ignored
        return Path(xdg) / "nvap"
    try:
        return Path.home() / ".cache" / "nvap"
    except RuntimeError:  # no home folder to be found
        return None


def subfolder(name: str) -> Path | None:
    """The cache's folder ``name`` (made if needed), or None when caching is off or it cannot be written."""
    base = cache_dir()
    if base is None:
        return None
    where = base / name
    try:
        where.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return where if os.access(where, os.W_OK) else None


def enabled() -> bool:
    """Whether the validated content can be kept (caching is on and its folder can be written)."""
    return subfolder("content") is not None


def prune(folder: Path, *, keep: int, max_bytes: int) -> None:
    """Keep the ``keep`` most recently used files of ``folder`` within ``max_bytes``; remove the rest.

    Temporary files that a killed write left behind go too. Files another process
    removes meanwhile are no matter: a cache only ever misses.
    """
    now = time.time()
    entries: list[tuple[int, str, int]] = []
    try:
        with os.scandir(folder) as found:
            for entry in found:
                if not entry.is_file(follow_symlinks=False):
                    continue
                stat = entry.stat(follow_symlinks=False)
                if entry.name.startswith(TMP_PREFIX) or entry.name.endswith(".tmp"):  # ours, and Jinja's
                    if now - stat.st_mtime > STALE_TMP_S:
                        _remove(folder / entry.name)
                    continue
                entries.append((stat.st_mtime_ns, entry.name, stat.st_size))
    except OSError:
        return
    entries.sort(reverse=True)  # most recently used first
    total = 0
    for i, (_, name, size) in enumerate(entries):
        total += size
        if i >= keep or (i > 0 and total > max_bytes):
            _remove(folder / name)


def touch(path: Path) -> None:
    """Mark ``path`` used now, so that pruning keeps it longest."""
    try:
        os.utime(path)
    except OSError:
        pass


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


# -- what an entry is made from ----------------------------------------------------------------------


@dataclass
class Inputs:
    """The digest of everything the validated content is made from, and the content files' bytes."""

    key: str
    """What ``nvap validate`` reads: the content folder's files, the working directory and nvap."""
    files: dict[str, bytes] = field(default_factory=dict)
    """Each YAML file's bytes, by its path as the content's files are listed (``str(root / rel)``)."""
    place: str = ""
    """Which content this is, whatever its files hold: nvap, the content folder and the working directory."""
    context: str = ""
    """``place`` and the bytes of every file but the YAML files (the catalogues...): with the YAML files' data, what a
    document is rendered from (``sources``)."""

    @property
    def project_key(self) -> str:
        """The key of the validated project: ``key`` and every template (which a build reads with it)."""
        digest = hashlib.sha256()
        part(digest, "content", self.key)
        part(digest, "templates", templates_digest())
        return digest.hexdigest()


def inputs(root: Path, extra: list[Path] | None = None) -> Inputs:
    """Read every file the content under ``root`` (with ``extra`` files) is made from, and digest them.

    Every file under ``root`` counts (hidden ones only when YAML: nvap reads those, and
    names the others it ignores), as do the working directory (problems name files
    relative to it) and nvap itself.
    """
    digest = hashlib.sha256()
    part(digest, "nvap", f"{FORMAT}\n{code_digest()}")
    part(digest, "root", f"{root}\0{root.resolve()}\0{Path.cwd()}")
    found = Inputs("", place=digest.hexdigest())
    context = digest.copy()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        is_yaml = path.suffix in (".yaml", ".yml")
        if not is_yaml and any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file():
            data = file(digest, "content", rel.as_posix(), path)
            if is_yaml and data is not None:
                found.files[str(path)] = data
            else:
                file_bytes(context, "content", rel.as_posix(), data)
    for path in extra or []:
        data = file(digest, "extra", str(path), path)
        part(context, "extra", str(path))  # its data counts in ``sources``
        if data is not None:
            found.files[str(path)] = data
    found.key = digest.hexdigest()
    found.context = context.hexdigest()
    return found


def data_digest(data: Any) -> str:
    """A digest of what was read of a file (its plain data): its model is made from this alone (given nvap)."""
    import json

    # In the file's order (a mapping's order is kept in its model); dates and the like as their repr.
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, default=repr).encode()).hexdigest()


def data_digests(project: Project) -> dict[str, str] | None:
    """``data_digest`` of each file of ``project``, by its path; None unless every file still holds its data
    (``load_project`` leaves it; ``load_valid_project`` drops it once used)."""
    if any(item.doc.data is None for item in project.loaded):
        return None
    return {str(item.doc.path): data_digest(item.doc.data) for item in project.loaded}


def sources(made_from: Inputs, project: Project, digests: dict[str, str] | None) -> Sources | None:
    """What the documents of ``project`` are rendered from, as digests, or None when it cannot be told.

    A document is made from records of the content (each a function of its file's data, its kind
    and nvap: what was read of it, not its bytes, so an edited comment changes nothing), the
    other files of the content folder (``made_from.context``) and the templates. ``digests``:
    each file's ``data_digest`` (``data_digests``). Which files a page reads is the renderers'
    to say (``render.views.page_reads``).
    """
    from .project import Sources

    if not made_from.context or digests is None:
        return None
    context = hashlib.sha256()
    part(context, "context", made_from.context)
    part(context, "templates", templates_digest())
    files = {str(i.doc.path): f"{i.kind.name}:{digests.get(str(i.doc.path), '')}" for i in project.loaded}
    return Sources(context.hexdigest(), files)


# -- entries -------------------------------------------------------------------------------------------


def read(key: str, part: str, where: str = "content") -> dict[str, Any] | None:
    """The entry ``part`` ('project', 'validate', 'latest' or 'page') stored for ``key`` (in the cache's folder
    ``where``); None if there is none that can be trusted."""
    folder = subfolder(where)
    if folder is None:
        return None
    path = folder / f"{key}.{part}"
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    import pickle  # here, not above: a rebuild with nothing changed asks this module for code_digest alone

    # Checked and unpickled in place: a view, not a copy, of the (large) payload.
    payload = memoryview(raw)[len(MAGIC) + 32 :]
    if not raw.startswith(MAGIC) or raw[len(MAGIC) : len(MAGIC) + 32] != hashlib.sha256(payload).digest():
        return None  # written by another format, cut short or damaged
    try:
        entry = pickle.loads(payload)
    except Exception:  # a pickle from elsewhere can fail in any way: the entry is only ignored
        return None
    finally:
        payload.release()
    if not isinstance(entry, dict) or entry.get("key") != key or entry.get("part") != part:
        return None
    touch(path)
    return entry


class _Digesting:
    """A file that digests what is written to it: the payload is streamed to disk, never held whole."""

    def __init__(self, file: Any) -> None:
        self.file = file
        self.digest = hashlib.sha256()

    def write(self, data: Any) -> int:
        self.digest.update(data)
        return int(self.file.write(data))


def write(key: str, part: str, entry: dict[str, Any], where: str = "content") -> None:
    """Store ``entry`` as ``part`` for ``key`` (in the cache's folder ``where``): all at once (a temporary file, then a
    rename), then prune.

    The pickle is streamed into the temporary file (its digest worked out on the way,
    and written into the header last), not made as bytes first: those were as large as
    the validated content, and held twice over while the file was written.
    """
    import pickle
    import tempfile

    folder = subfolder(where)
    if folder is None:
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(MAGIC + bytes(32))
            digesting = _Digesting(out)
            pickle.dump({**entry, "key": key, "part": part}, digesting, protocol=pickle.HIGHEST_PROTOCOL)
            out.seek(len(MAGIC))
            out.write(digesting.digest.digest())
        os.replace(tmp, folder / f"{key}.{part}")
    except BaseException as exc:
        _remove(Path(tmp))
        if isinstance(exc, OSError):
            return
        raise  # an entry that does not pickle is a fault of nvap's: not hidden
    keep, most = (PAGE_FILES, PAGE_BYTES) if where == "pages" else (CONTENT_ENTRIES, CONTENT_BYTES)
    prune(folder, keep=keep, max_bytes=most)


# -- the validated content ---------------------------------------------------------------------------


def pack(project: Project) -> dict[str, Any]:
    """``project`` as plain data to pickle: each document's file, text, issues and model, and its kind by name.

    The node trees and plain data only serve to locate problems and are left out, as
    is what the project works out later (``derived`` and the other look-ups).
    """
    loaded = [(str(i.doc.path), i.doc.shown, i.doc.text, i.doc.issues, i.kind.name, i.model) for i in project.loaded]
    made_from = (project.sources.context, project.sources.files) if project.sources is not None else None
    return {"root": str(project.root), "loaded": loaded, "issues": project.issues, "sources": made_from}


def unpack(state: Any) -> Project:
    """The project ``pack`` made ``state`` from (raises if ``state`` is not such data)."""
    from .kinds import kind_named
    from .project import Loaded, Project, Sources
    from .source import Document

    loaded = [
        Loaded(Document(Path(path), shown, text, issues=issues), kind_named(kind), model)
        for path, shown, text, issues, kind, model in state["loaded"]
    ]
    made_from = state.get("sources")
    made = Sources(*made_from) if made_from is not None else None
    return Project(root=Path(state["root"]), loaded=loaded, issues=list(state["issues"]), sources=made)


def read_project(key: str) -> tuple[list[Issue], Project | None] | None:
    """The issues of the content stored for ``key`` and, when it has no errors, the validated project."""
    entry = read(key, "project")
    if entry is None:
        return None
    issues = issues_of(entry)
    if issues is None:
        return None
    try:
        project = unpack(entry["project"]) if entry.get("project") is not None else None
    except Exception:  # an entry the models of today cannot read back: validate again
        return None
    if project is None and not any(i.is_error for i in issues):
        return None
    return issues, project


def issues_of(entry: dict[str, Any]) -> list[Issue] | None:
    """The issues an entry holds; None unless it holds a list of them."""
    from ..issues import Issue

    issues = entry.get("issues")
    if not isinstance(issues, list) or not all(isinstance(i, Issue) for i in issues):
        return None
    return issues


def write_project(key: str, project: Project) -> None:
    """Store ``project`` (its issues alone when it has errors: nothing is built from it)."""
    write(key, "project", {"issues": project.issues, "project": None if project.errors else pack(project)})


# -- the last project of a content folder --------------------------------------------------------------


@dataclass
class Validated:
    """A clean project validated before, and what each of its files held then (``data_digest``, by path)."""

    project: Project
    data: dict[str, str]
    context: str
    """``Inputs.context`` of the content it was made from: the files under the content folder but the YAML files."""
    plain: dict[str, Any] = field(default_factory=dict)
    """What each file held then, as plain data, by path: a file whose text is the same is not parsed again."""


def write_validated(made_from: Inputs, project: Project, digests: dict[str, str] | None, plain: dict[str, Any] | None) -> None:
    """Store ``project``, validated from the content ``made_from``, with what its documents are made from
    (``Project.sources``); and, when it is clean, note it as the content's latest, with what each of its files held
    (``digests``: ``data_digests``; ``plain``: as plain data, by path), for the next load after an edit to start from."""
    project.sources = sources(made_from, project, digests)
    write_project(made_from.project_key, project)
    if digests is not None and plain is not None:
        entry = {"project_key": made_from.project_key, "data": digests, "context": made_from.context, "plain": plain}
        write(made_from.place, "latest", entry, where="latest")


def read_latest(place: str) -> Validated | None:
    """The clean project last stored for the content at ``place``, if it is still kept.

    What its files were validated into is theirs again when they have not changed (``load.load_project``).
    """
    entry = read(place, "latest", where="latest")
    if entry is None or not isinstance(entry.get("data"), dict) or not isinstance(entry.get("context"), str):
        return None
    key = entry.get("project_key")
    found = read_project(key) if isinstance(key, str) else None
    if found is None or found[1] is None:
        return None
    plain = entry.get("plain")
    return Validated(found[1], entry["data"], entry["context"], plain if isinstance(plain, dict) else {})


# -- pages ---------------------------------------------------------------------------------------------


def read_page(key: str) -> str | None:
    """The page stored for ``key`` (``document``: a document's HTML page, by what it is made from), or None."""
    entry = read(key, "page", where="pages")
    page = entry.get("page") if entry is not None else None
    return page if isinstance(page, str) else None


def write_page(key: str, page: str) -> None:
    """Store ``page`` for ``key`` (as every entry: all at once, then the folder pruned)."""
    write(key, "page", {"page": page}, where="pages")
