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

from .errors import NvapError, display_path


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
    """A protected output exists and --overwrite was not given."""


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
            raise ExistsError(
                f"{display_path(out.path)} already exists and may hold a force's work: "
                "nothing was written (use --overwrite to replace it)"
            )
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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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
