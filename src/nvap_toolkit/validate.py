"""``nvap validate``'s core: check the content and report its issues; nothing here prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .content.kinds import content_files
from .errors import Exit, UsageError, display_path
from .issues import Issue

if TYPE_CHECKING:
    from .content.cache import Inputs
    from .content.editions import Edition


@dataclass
class ValidateReport:
    """The result of ``nvap validate``."""

    files: int
    shown: list[Issue] = field(default_factory=list)
    strict: bool = False

    @property
    def errors(self) -> int:
        return sum(i.is_error for i in self.shown)

    @property
    def warnings(self) -> int:
        return sum(not i.is_error for i in self.shown)

    @property
    def exit_code(self) -> int:
        if self.errors or (self.strict and self.warnings):
            return int(Exit.CONTENT)
        return int(Exit.OK)


def validate_content(root: Path, paths: list[Path], *, strict: bool = False) -> ValidateReport:
    """Check all content; with ``paths``, report only the problems in those files or folders."""
    from .content.editions import edition_issues
    from .content.load import require_content_folder

    for path in paths:
        if not path.exists():
            raise UsageError(f"no such file or folder: {path}")
    require_content_folder(root)
    extra = [p for p in paths if p.is_file() and not _inside(p, root)]
    issues, editions = _checked(root, extra)
    # The edition check asks git, whose HEAD the digest of the content does not cover: never cached.
    issues = sorted([*issues, *edition_issues(root, editions)], key=lambda i: (i.path, i.line, i.col, i.message))
    if paths:
        chosen = {display_path(f) for p in paths for f in ([p] if p.is_file() else [*content_files(p), *p.rglob("*.po")])}
        shown = [i for i in issues if i.path in chosen or _inside_any(i.path, paths, root)]
        files = len(chosen)
    else:
        shown = issues
        files = len(content_files(root))
    return ValidateReport(files=files, shown=shown, strict=strict)


def _checked(root: Path, extra: list[Path]) -> tuple[list[Issue], list[Edition]]:
    """The issues of the content and its catalogues, and the editions its documents name: from the cache when it has them."""
    from .content import cache

    made_from = cache.inputs(root, extra)
    entry = cache.read(made_from.key, "validate") if cache.enabled() else None
    issues = cache.issues_of(entry) if entry is not None else None
    named = entry.get("editions") if entry is not None else None
    if issues is not None and isinstance(named, list):
        try:
            return issues, _editions(made_from, named)
        except (TypeError, ValueError):
            pass  # not what this nvap stores: check again
    from .content.kinds import ACTION, COVENANT
    from .content.load import load_project
    from .i18n.check import catalogue_issues

    # After an edit, the files as they were when the content was last clean are neither parsed nor validated again.
    earlier = cache.read_latest(made_from.place) if cache.enabled() and not extra else None
    project = load_project(root, extra=extra, earlier=earlier)
    issues = [*project.issues, *catalogue_issues(root)]
    documents = [i for i in project.loaded if i.kind in (ACTION, COVENANT)]
    named = [(str(i.doc.path), i.doc.shown, str(i.model.edition.version)) for i in documents]
    if cache.enabled() and cache.inputs(root, extra).key == made_from.key:  # no file changed while it was read
        cache.write(made_from.key, "validate", {"issues": issues, "editions": named})
        if not extra:  # a build of this content then validates nothing, and the next edit starts from it
            from .content.load import plain_data

            cache.write_validated(
                made_from, project, None if project.errors else cache.data_digests(project), plain_data(project)
            )
    return issues, _editions(made_from, named)


def _editions(made_from: Inputs, named: list[tuple[str, str, str]]) -> list[Edition]:
    """Each valid document's edition with its bytes as digested (a file that could not be read is left out)."""
    from .content.editions import Edition

    found = []
    for path, shown, version in named:
        data = made_from.files.get(path)
        if data is not None:
            found.append(Edition(Path(path), shown, data, version))
    return found


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def _inside_any(shown: str, paths: list[Path], root: Path) -> bool:
    # Problems of the content as a whole (a missing reference file) are shown for any path inside it.
    return shown == display_path(root) and any(_inside(p, root) for p in paths)
