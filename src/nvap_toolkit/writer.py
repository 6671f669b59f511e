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
