"""Write outputs safely: plan every file first, then replace each atomically.

Nothing is written unless every output was rendered; a file whose bytes are
unchanged is left untouched; a protected file (a force's plan) is never
replaced unless asked.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NvapError, UsageError, WriteError, display_path


TMP_SUFFIX = ".nvap-tmp"
"""The suffix of nvap's temporary files (``.<name>.<random>.nvap-tmp`` beside the target)."""


@dataclass(frozen=True)
class Output:
    """Bytes destined for a path."""

    path: Path
    data: bytes


@dataclass
class WriteReport:
    """What happened to each output."""

    created: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    identical: list[Path] = field(default_factory=list)

    @property
    def written(self) -> list[Path]:
        return self.created + self.updated


class ExistsError(NvapError):
    """A protected output exists and --overwrite was not given (exit 1: nothing was written)."""

    @classmethod
    def for_paths(cls, paths: list[Path]) -> ExistsError:
        """The error for existing plans: the first named, the rest counted."""
        more = f" (and {len(paths) - 1} more)" if len(paths) > 1 else ""
        return cls(
            f"{display_path(paths[0])}{more} already exists and may hold a force's work: "
            "nothing was written (use --overwrite to replace it, or --skip-existing to keep it)"
        )


def check_out_dir(out_dir: Path) -> None:
    """An --out folder must be a folder (or not exist yet): a usage error otherwise, before anything is rendered."""
    for parent in (out_dir, *out_dir.parents):
        if parent.exists():
            if not parent.is_dir():
                what = "--out" if parent == out_dir else f"--out {display_path(out_dir)}: its parent"
                raise UsageError(f"{what} {display_path(parent)} is a file, not a folder")
            return


def _reason(exc: OSError) -> str:
    if isinstance(exc, NotADirectoryError):
        return "not a folder"
    if isinstance(exc, IsADirectoryError):
        return "it is a folder"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return (exc.strerror or str(exc)).lower()


def plan_writes(outputs: list[Output], protect: bool = False, overwrite: bool = False) -> dict[Path, str]:
    """Decide create / update / identical for every output, failing before anything is written."""
    actions: dict[Path, str] = {}
    for out in outputs:
        path = out.path.resolve()
        if path in actions:
            raise NvapError(f"two outputs would be written to {display_path(out.path)}")
        if path.is_dir():
            raise NvapError(f"{display_path(out.path)} is a folder, not a file")
        if not path.exists():
            actions[path] = "create"
        elif path.read_bytes() == out.data:
            actions[path] = "identical"
        elif protect and not overwrite:
            raise ExistsError.for_paths([out.path])
        else:
            actions[path] = "update"
    return actions


def write_outputs(outputs: list[Output], protect: bool = False, overwrite: bool = False) -> WriteReport:
    """Write ``outputs`` atomically; see the module docstring for the rules."""
    actions = plan_writes(outputs, protect=protect, overwrite=overwrite)
    report = WriteReport()
    for out in outputs:
        action = actions[out.path.resolve()]
        if action == "identical":
            report.identical.append(out.path)
            continue
        atomic_write(out.path, out.data, replace=action == "update")
        (report.created if action == "create" else report.updated).append(out.path)
    return report


def atomic_write(path: Path, data: bytes, replace: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, then move it into place.

    With ``replace=False`` the move fails if ``path`` appeared meanwhile, so no
    file is ever clobbered by accident.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
    except OSError as exc:
        raise WriteError(f"cannot write {display_path(path)}: {_reason(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise ExistsError(f"{display_path(path)} appeared while nvap was writing: nothing was replaced") from None
            os.unlink(tmp)
    except OSError as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, FileExistsError):
            raise
        raise WriteError(f"cannot write {display_path(path)}: {_reason(exc)}") from None
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


class Staging:
    """Write many outputs as they are rendered, but make them visible only all at once.

    Each changed output goes to a temporary file beside its target as soon as it is
    added (so a large build need not hold every output in memory); ``commit`` moves
    them all into place, and leaving the ``with`` block without committing removes
    them, so a build that fails half-way leaves every earlier file as it was.
    """

    def __init__(self) -> None:
        self.report = WriteReport()
        self._pending: list[tuple[Path, Path, str]] = []
        self._seen: set[Path] = set()

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        for tmp, _, _ in self._pending:
            tmp.unlink(missing_ok=True)
        self._pending.clear()

    def add(self, out: Output) -> None:
        """Stage one output (identical files are noted and left alone)."""
        path = out.path.resolve()
        if path in self._seen:
            raise NvapError(f"two outputs would be written to {display_path(out.path)}")
        self._seen.add(path)
        if path.is_dir():
            raise NvapError(f"{display_path(out.path)} is a folder, not a file")
        exists = path.exists()
        if exists and path.read_bytes() == out.data:
            self.report.identical.append(out.path)
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
        except OSError as exc:
            raise WriteError(f"cannot write {display_path(out.path)}: {_reason(exc)}") from None
        with os.fdopen(fd, "wb") as fh:
            fh.write(out.data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        self._pending.append((Path(tmp), out.path, "update" if exists else "create"))

    def commit(self) -> WriteReport:
        """Move every staged file into place."""
        for tmp, target, action in self._pending:
            os.replace(tmp, target)
            (self.report.created if action == "create" else self.report.updated).append(target)
        self._pending.clear()
        return self.report
