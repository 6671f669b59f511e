"""``nvap validate``'s core: check the content and report its issues; nothing here prints."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Exit, Issue, UsageError, display_path
from .kinds import content_files


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
    from .load import load_project

    for path in paths:
        if not path.exists():
            raise UsageError(f"no such file or folder: {path}")
    from .editions import edition_issues

    extra = [p for p in paths if p.is_file() and not _inside(p, root)]
    project = load_project(root, extra=extra)
    project.issues.extend(edition_issues(project))
    from ..i18n.check import catalogue_issues

    project.issues.extend(catalogue_issues(root))
    project.issues.sort(key=lambda i: (i.path, i.line, i.col, i.message))
    if paths:
        chosen = {display_path(f) for p in paths for f in ([p] if p.is_file() else [*content_files(p), *p.rglob("*.po")])}
        shown = [i for i in project.issues if i.path in chosen or _inside_any(i.path, paths, root)]
        files = len(chosen)
    else:
        shown = project.issues
        files = len(content_files(root))
    return ValidateReport(files=files, shown=shown, strict=strict)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def _inside_any(shown: str, paths: list[Path], root: Path) -> bool:
    # Problems of the content as a whole (a missing reference file) are shown for any path inside it.
    return shown == display_path(root) and any(_inside(p, root) for p in paths)
