"""Write outputs safely: plan every file first, then replace each atomically.

Nothing is written unless every output was rendered; a file whose bytes are
unchanged is left untouched; a protected file (a force's plan) is never
replaced unless asked.
"""

from __future__ import annotations

import os
import re
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import NvapError, UsageError, WriteError, display_path

TMP_SUFFIX = ".nvap-tmp"
"""The suffix of nvap's temporary files (``.<name>.<random>.nvap-tmp`` beside the target)."""

_OLD_TMP = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp")
"""The temporary files of nvap before 0.2 (``.<name>.<random>.tmp``, from ``tempfile.mkstemp``)."""


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold off Ctrl-C (SIGINT) for a few system calls: it arrives, as KeyboardInterrupt, just after.

    So a temporary file is never created without being recorded for removal, a commit
    moves every staged file or none, and a process forked meanwhile starts with Ctrl-C
    held too (until it chooses to ignore it). Both the signal mask and, in the main
    thread, the handler are used: with other threads about (a progress bar), the signal
    may reach one of them, and Python then runs the handler in the main thread.
    """
    held: list[int] = []
    previous = signal.getsignal(signal.SIGINT) if threading.current_thread() is threading.main_thread() else None
    swap = callable(previous)
    if swap:
        signal.signal(signal.SIGINT, lambda signum, _frame: held.append(signum))
    masked = hasattr(signal, "pthread_sigmask")
    if masked:
        before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if masked:
            signal.pthread_sigmask(signal.SIG_SETMASK, before)
        if swap:
            signal.signal(signal.SIGINT, previous)
            if held and callable(previous):
                previous(signal.SIGINT, None)  # raises KeyboardInterrupt (or does what that handler does)


def _temporary(path: Path, record: list[Path]) -> int:
    """Create ``.<name>.<random>.nvap-tmp`` beside ``path``, appended to ``record`` before it exists; its descriptor.

    Recording first means that however an interrupt falls, whoever cleans up from
    ``record`` finds every file created (removing a name that was never created is harmless).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = path.parent / f".{path.name}.{os.urandom(4).hex()}{TMP_SUFFIX}"
        record.append(tmp)
        try:
            return os.open(tmp, flags, 0o600)
        except FileExistsError:
            record.pop()  # someone else's file: not ours to remove
    raise FileExistsError(f"no free temporary name beside {path}")


def remove_stale_temporaries(folder: Path, names: Iterable[str]) -> list[Path]:
    """Remove the temporary files a killed nvap left in ``folder``; the paths removed.

    Those are ``.<name>.<random>.nvap-tmp`` files, and ``.<name>.<random>.tmp``
    (older nvap) when ``<name>`` is one of ``names``, the files nvap writes there.
    The caller makes sure no other nvap is writing into ``folder`` (see ``claim_folder``).
    """
    wanted = set(names)
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if not name.startswith("."):
            continue
        if not name.endswith(TMP_SUFFIX):
            old = _OLD_TMP.fullmatch(name)
            if old is None or old["name"] not in wanted:
                continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise WriteError(f"cannot remove the stale temporary file {display_path(Path(entry.path))}: {_reason(exc)}") from None
    return removed


@contextmanager
def claim_folder(folder: Path) -> Iterator[bool]:
    """Hold an advisory lock on ``folder`` while nvap writes into it.

    Yields True if no other nvap holds it (so any temporary file of nvap's in it is
    a killed run's), False if one does (its temporary files are in use). A folder
    that does not exist yet holds nothing: True. The lock goes with the process, so
    a killed run never leaves it held.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, and nothing known of other runs
        yield True
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield True
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
        except OSError:  # a file system without locks
            yield True
        else:
            yield True
    finally:
        os.close(fd)


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


def plan_writes(outputs: list[Output], *, protect: bool = False, overwrite: bool = False) -> dict[Path, str]:
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


def write_outputs(outputs: list[Output], *, protect: bool = False, overwrite: bool = False) -> WriteReport:
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


def atomic_write(path: Path, data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, then move it into place.

    With ``replace=False`` the move fails if ``path`` appeared meanwhile, so no
    file is ever clobbered by accident.
    """
    made: list[Path] = []
    try:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = _temporary(path, made)
            tmp = made[-1]
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
            made.clear()  # moved into place: the name is free again, not ours to remove
        finally:
            with interrupts_held():
                for leftover in made:
                    leftover.unlink(missing_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot write {display_path(path)}: {_reason(exc)}") from None


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
        self._made: list[Path] = []
        """Every temporary file created (or about to be), written or not."""
        self._seen: set[Path] = set()

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        with interrupts_held():
            for tmp in self._made:
                tmp.unlink(missing_ok=True)
            self._made.clear()
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
            fd = _temporary(path, self._made)
        except OSError as exc:
            raise WriteError(f"cannot write {display_path(out.path)}: {_reason(exc)}") from None
        tmp = self._made[-1]
        with os.fdopen(fd, "wb") as fh:
            fh.write(out.data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        self._pending.append((tmp, out.path, "update" if exists else "create"))

    def commit(self) -> WriteReport:
        """Move every staged file into place (all of them, even if Ctrl-C is pressed meanwhile)."""
        with interrupts_held():
            for tmp, target, action in self._pending:
                os.replace(tmp, target)
                (self.report.created if action == "create" else self.report.updated).append(target)
            self._pending.clear()
            self._made.clear()
        return self.report
