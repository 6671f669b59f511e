"""The load step: read every content file, validate it into its model, cross-check the whole."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ContentError, UsageError, display_path
from .kinds import ACTION, COVENANT, PROGRAMME, REFERENCE, content_files, kind_of

if TYPE_CHECKING:
    from ..issues import Issue

    # Imported where used: what the cache gives (nvap validate with nothing changed) needs no YAML.
    from .cache import Inputs, Validated
    from .project import Loaded, Project
    from .source import Document


def default_content_root() -> Path:
    """``./content`` when the working directory has one, else the content shipped in the package."""
    env = os.environ.get("NVAP_CONTENT")
    if env:
        return Path(env)
    local = Path.cwd() / "content"
    if local.is_dir():
        return local
    from ..resources import packaged_dir

    return packaged_dir("content")


def require_content_folder(root: Path) -> None:
    """Raise UsageError unless ``root`` is a folder."""
    if not root.is_dir():
        raise UsageError(f"no content folder at {display_path(root)} (use --content DIR)")


def load_project(
    root: Path, extra: list[Path] | None = None, *, earlier: Validated | None = None, read: dict[str, Document] | None = None
) -> Project:
    """Read, validate and cross-check the content under ``root``.

    ``extra`` files (outside ``root``) take the place of the same file inside it.
    Never raises on bad content: every problem is in ``Project.issues``.
    ``earlier``: a clean project this nvap validated before (``cache.read_latest``): a file
    whose kind, name and text are as they were then is not validated again (its model and
    issues are those of then), nor is one whose text changed but not what it holds (a
    comment, a line folded) when it had no issue then; every file is still read (one whose
    text is as it was then, not parsed: its data is that of then), and cross-checked with the
    rest, as ever. ``read``: files already read, by path (not read again).
    """
    from ..issues import Issue
    from .crosscheck import crosscheck
    from .loader import read_document
    from .project import Loaded, Project

    require_content_folder(root)
    files = content_files(root)
    for path in extra or []:
        kind = kind_of(path, root)
        files = [f for f in files if not (f.name == path.name and kind_of(f, root) == kind)] + [path]
    loaded: list[Loaded] = []
    partial: list[Loaded] = []
    """Documents that failed validation: what can be read of them, cross-checked all the same."""
    issues: list[Issue] = [*ignored_issues(root)]
    seen_kinds: dict[str, Loaded] = {}
    same_text = {(i.kind.name, i.doc.shown, i.doc.text): i for i in earlier.project.loaded} if earlier is not None else {}
    same_file = {(i.kind.name, str(i.doc.path)): i for i in earlier.project.loaded} if earlier is not None else {}
    known = _known_data(earlier)
    for path in files:
        kind = kind_of(path, root)
        doc = (read or {}).get(str(path)) or read_document(path, known=known)
        if kind is None:
            issues.append(
                Issue.at(
                    doc.shown,
                    1,
                    1,
                    "nvap does not know what this file holds: content files go in "
                    + ", ".join(k.where for k in (PROGRAMME, ACTION, COVENANT))
                    + " or content/reference/<kind>.yaml",
                )
            )
            continue
        before = _validated_before(doc, kind.name, same_text, same_file, earlier)
        if before is not None:
            model = before.model
            doc.issues = list(before.doc.issues)
        elif (edit := _text_edited(doc, kind.name, same_file, earlier)) is not None:
            model = edit
        else:
            from .validate import as_record, validate_document  # here: Pydantic and the kind's models

            validated = validate_document(doc, kind.model_class())
            model = as_record(validated) if validated is not None else None
        issues.extend(doc.issues)
        if model is None:
            if doc.node is not None:
                from .validate import as_record, partial_model

                some = partial_model(doc.data, kind.model_class())
                partial.append(Loaded(doc, kind, as_record(some) if some is not None else None))
            continue
        item = Loaded(doc, kind, model)
        if kind.name in REFERENCE and kind.name in seen_kinds:
            doc.issue(doc.node, f"a second {kind.name} file: keep {kind.where} once")
            issues.extend(doc.issues[-1:])
            continue
        seen_kinds[kind.name] = item
        loaded.append(item)
        # A valid document's node tree (most of the memory of its reading) only serves to place a problem that
        # the cross-check may find: it is parsed again then (``loader.tree_of``). Its plain data stays till then.
        doc.node = None
    missing = [k for k in REFERENCE.values() if k.name not in seen_kinds]
    for kind in missing:
        if not any(i.path.endswith(f"{kind.name}.yaml") for i in issues):
            issues.append(Issue.at(display_path(root), 1, 1, f"missing reference file {kind.where}"))
    project = Project(root=root, loaded=loaded, issues=issues)
    # Every problem in one run: the cross-check also sees what could be read of the files that
    # failed (a missing field does not hide a dangling citation), given every reference file
    # could be read at least in part.
    readable = {i.kind.name for i in partial if i.model is not None} | set(seen_kinds)
    if all(k.name in readable for k in REFERENCE.values()):
        counted = len(loaded) + len(partial) + sum(kind_of(f, root) is None for f in files)
        project.issues.extend(crosscheck(project, partial, every_file_read=counted == len(files)))
    project.issues.sort(key=lambda i: (i.path, i.line, i.col, i.message))
    return project


def _known_data(earlier: Validated | None) -> dict[tuple[str, str], Any]:
    """What each file of ``earlier`` held, by how it was shown and its text (``loader.read_document``'s ``known``)."""
    if earlier is None:
        return {}
    return {
        (i.doc.shown, i.doc.text): earlier.plain[str(i.doc.path)]
        for i in earlier.project.loaded
        if str(i.doc.path) in earlier.plain
    }


def _validated_before(
    doc: Document,
    kind: str,
    same_text: dict[tuple[str, str, str], Loaded],
    same_file: dict[tuple[str, str], Loaded],
    earlier: Validated | None,
) -> Loaded | None:
    """The file as validated before, when validating it now would give the same model and issues; else None.

    The same text gives the same data, model and issues. Other text with the same data (read
    without a problem) gives the same model; and, if it had no issue before, none now: a
    validation issue is there or not by the data alone (only its line and column come from the text).
    """
    if earlier is None or doc.data is None:
        return None
    found = same_text.get((kind, doc.shown, doc.text))
    if found is not None:
        return found
    found = same_file.get((kind, str(doc.path)))
    if found is None or found.doc.issues or doc.issues:
        return None
    from .cache import data_digest

    return found if earlier.data.get(str(doc.path)) == data_digest(doc.data) else None


def _text_edited(doc: Document, kind: str, same_file: dict[tuple[str, str], Loaded], earlier: Validated | None) -> Any:
    """The file's record as validating it would make it, when it differs from the file as it was validated
    before (without an issue) only in free text that is valid as it is (``records.edited``); else None."""
    if earlier is None or doc.data is None or doc.issues:
        return None
    found = same_file.get((kind, str(doc.path)))
    old = earlier.plain.get(str(doc.path))
    if found is None or found.doc.issues or old is None:
        return None
    from ..records import edited

    return edited(found.model, old, doc.data)


def _as_before(root: Path, made_from: Inputs, earlier: Validated, read: dict[str, Document]) -> Project | None:
    """The content validated as ``earlier`` was, when it holds what it held then; else None (validate it).

    That is: the same files, the other files of the folder as they were (``Inputs.context``), and
    each YAML file with the same text, or other text (a comment, a line folded) read without a
    problem into the same data, in a file that had no issue then. Whether there is an issue
    anywhere (a field, a reference from one file to another) depends on what the files hold
    alone, only its line and column on the text: so the issues are those of then, and the
    files that hold the same are neither validated nor cross-checked again. The files it reads
    are put in ``read``, by path (what ``load_project`` then need not read again).
    """
    from .cache import data_digest
    from .loader import read_document
    from .project import Loaded, Project

    files = [str(path) for path in content_files(root)]
    if made_from.context != earlier.context or files != [str(i.doc.path) for i in earlier.project.loaded]:
        return None
    loaded = []
    for item in earlier.project.loaded:
        raw = made_from.files.get(str(item.doc.path))
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff") if raw is not None else None
        except UnicodeDecodeError:
            return None
        if text is None:
            return None
        if text == item.doc.text:
            loaded.append(item)
            continue
        # An issue at the file, or naming a place in it (another file's title differs from the one at its line 3).
        if any(issue.path == item.doc.shown or item.doc.shown in issue.message for issue in earlier.project.issues):
            return None
        doc = read[str(item.doc.path)] = read_document(item.doc.path)
        if doc.issues or doc.data is None or data_digest(doc.data) != earlier.data.get(str(item.doc.path)):
            return None
        loaded.append(Loaded(doc, item.kind, item.model))
    return Project(root=root, loaded=loaded, issues=list(earlier.project.issues))


def plain_data(project: Project, earlier: Validated | None = None) -> dict[str, Any] | None:
    """What each file of ``project`` holds, as plain data, by path (a file taken from ``earlier`` as it was: its
    data of then); None when one holds none (``load_valid_project`` drops it once used)."""
    plain = {}
    for item in project.loaded:
        path = str(item.doc.path)
        data = item.doc.data if item.doc.data is not None else (earlier.plain.get(path) if earlier is not None else None)
        if data is None:
            return None
        plain[path] = data
    return plain


def ignored_issues(root: Path) -> list[Issue]:
    """A warning naming each file under ``root`` that nvap does not read (``9.1.1.YAML``, ``notes.md``)."""
    from ..issues import Issue
    from .kinds import ignored_files

    found = []
    for path in ignored_files(root):
        name = path.name
        hint = ""
        for suffix in (".yaml", ".yml"):
            at = name.lower().find(suffix)
            if at > 0:
                hint = f": did you mean {name[:at]}.yaml?"
                break
        found.append(
            Issue.at(display_path(path), 1, 1, f"nvap ignores this file (it reads only files ending in .yaml){hint}", "warning")
        )
    return found


def load_valid_project(root: Path, *, strict: bool = False) -> Project:
    """Load the content and raise ContentError (with every issue) unless it is clean.

    The result comes from the cache (``content.cache``) when no file it is made from
    changed since it was stored; its issues (warnings) are those of validating.
    """
    from . import cache

    require_content_folder(root)
    made_from = cache.inputs(root) if cache.enabled() else None
    key = made_from.project_key if made_from is not None else None
    found = cache.read_project(key) if key is not None else None
    kept: Project | None
    if found is None:
        # The files unchanged since the content was last validated here are not validated again.
        earlier = cache.read_latest(made_from.place) if made_from is not None else None
        read: dict[str, Document] = {}
        kept = _as_before(root, made_from, earlier, read) if made_from is not None and earlier is not None else None
        digests = earlier.data if kept is not None and earlier is not None else None  # the files hold what they held
        if kept is None:
            kept = load_project(root, earlier=earlier, read=read)
            digests = None if kept.errors else cache.data_digests(kept)
        issues = kept.issues
        if made_from is not None and key is not None and cache.inputs(root).project_key == key:  # no file changed meanwhile
            cache.write_validated(made_from, kept, digests, plain_data(kept, earlier))
    else:
        issues, kept = found
    failing = issues if strict else [i for i in issues if i.is_error]
    if failing or kept is None:
        raise ContentError("the content has errors", issues)
    for item in kept.loaded:
        # Node trees only serve to locate problems; a clean project no longer needs them.
        item.doc.node = None
        item.doc.data = None
    return kept
