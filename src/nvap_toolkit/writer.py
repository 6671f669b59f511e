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
from contextlib import ExitStack, contextmanager
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


ACTIONS = ("create", "update", "identical")
"""What the stage does with an output: write a new file, replace one whose bytes differ, or leave it."""


@dataclass
class WriteReport:
    """What happened (or, in a dry run, would happen) to each output."""

    created: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    identical: list[Path] = field(default_factory=list)
    planned: list[tuple[str, Path]] = field(default_factory=list)
    """Every output in the order given, with its action (one of ``ACTIONS``)."""
    dry_run: bool = False
    """Nothing was written: the lists say what would have been."""

    @property
    def written(self) -> list[Path]:
        return self.created + self.updated

    def dry_run_lines(self, hidden: Iterable[Path] = ()) -> list[str]:
        """One line per output (``would create build/2.6.2.md``), then a summary; ``hidden``: outputs not shown."""
        left_out = {p.resolve() for p in hidden}
        shown = [(action, path) for action, path in self.planned if path.resolve() not in left_out]
        words = {"create": "would create", "update": "would update", "identical": "unchanged"}
        lines = [f"{words[action]} {display_path(path)}" for action, path in shown]
        counts = {action: sum(a == action for a, _ in shown) for action in ACTIONS}
        files = "file" if counts["create"] == 1 else "files"
        lines.append(
            f"dry run: {counts['create']} {files} would be created, {counts['update']} updated, "
            f"{counts['identical']} unchanged; nothing was written"
        )
        return lines


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


def write_outputs(
    outputs: Iterable[Output], *, protect: bool = False, overwrite: bool = False, dry_run: bool = False
) -> WriteReport:
    """The one way nvap writes: every output of a command, all or nothing.

    Each output is planned (create, update or identical) and, unless ``dry_run``,
    staged in a temporary file beside its target as it comes (``outputs`` may be a
    generator: a large build need not hold every file in memory); only when every
    one is staged are they all moved into place. If anything fails first (an output
    that cannot be rendered or staged, two outputs at one path, a protected file in
    the way) nothing is written. ``protect``: the outputs may be a force's plan (or
    an author's file), never replaced unless ``overwrite``, never clobbered if one
    appears meanwhile. With ``dry_run`` nothing at all is written, not even a folder.
    """
    try:
        with Staging(protect=protect, overwrite=overwrite, dry_run=dry_run) as staging:
            for output in outputs:
                staging.add(output)
            return staging.commit()
    finally:
        close = getattr(outputs, "close", None)
        if callable(close):  # a generator stopped early: its clean-up (worker processes) runs now
            close()


class Staging:
    """Outputs staged as they are rendered, made visible only all at once (``write_outputs``).

    Each changed output goes to a temporary file beside its target as soon as it is
    added; ``commit`` moves them all into place, and leaving the ``with`` block without
    committing removes them (and any folder made for them), so a failure half-way
    leaves every earlier file as it was. While staging, each folder written into is
    claimed (``claim_folder``), so another nvap leaves these temporary files alone.
    """

    def __init__(self, *, protect: bool = False, overwrite: bool = False, dry_run: bool = False) -> None:
        self.report = WriteReport(dry_run=dry_run)
        self._protect = protect
        self._overwrite = overwrite
        self._dry_run = dry_run
        self._pending: list[tuple[Path, Path, str]] = []
        self._made: list[Path] = []
        """Every temporary file created (or about to be), written or not."""
        self._folders: list[Path] = []
        """Folders made for the outputs, outermost first: removed again if nothing is committed."""
        self._claims = ExitStack()
        self._claimed: set[Path] = set()
        self._seen: set[Path] = set()

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        with interrupts_held():
            for tmp in self._made:
                tmp.unlink(missing_ok=True)
            self._made.clear()
            self._pending.clear()
            for folder in reversed(self._folders):
                try:
                    folder.rmdir()
                except OSError:
                    break  # not empty (someone else's file), or gone: leave it and what holds it
            self._folders.clear()
            self._claims.close()

    def add(self, out: Output) -> None:
        """Plan one output and, unless a dry run, stage it (identical files are noted and left alone)."""
        path = out.path.resolve()
        if path in self._seen:
            raise NvapError(f"two outputs would be written to {display_path(out.path)}")
        self._seen.add(path)
        if path.is_dir():
            raise NvapError(f"{display_path(out.path)} is a folder, not a file")
        exists = path.exists()
        if exists and path.read_bytes() == out.data:
            self.report.identical.append(out.path)
            self.report.planned.append(("identical", out.path))
            return
        if exists and self._protect and not self._overwrite:
            raise ExistsError.for_paths([out.path])
        action = "update" if exists else "create"
        self.report.planned.append((action, out.path))
        if self._dry_run:
            return
        try:
            self._make_folder(path.parent)
            fd = _temporary(path, self._made)
        except OSError as exc:
            raise WriteError(f"cannot write {display_path(out.path)}: {_reason(exc)}") from None
        tmp = self._made[-1]
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(out.data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
        except OSError as exc:
            raise WriteError(f"cannot write {display_path(out.path)}: {_reason(exc)}") from None
        self._pending.append((tmp, out.path, action))

    def _make_folder(self, folder: Path) -> None:
        """Make ``folder`` (and its missing parents, each recorded) and claim it."""
        missing = [p for p in (folder, *folder.parents) if not p.exists()]
        for made in reversed(missing):
            with interrupts_held():
                made.mkdir(exist_ok=True)
                self._folders.append(made)
        if folder not in self._claimed:
            self._claimed.add(folder)
            self._claims.enter_context(claim_folder(folder))

    def commit(self) -> WriteReport:
        """Move every staged file into place (all of them, even if Ctrl-C is pressed meanwhile); a dry run moves nothing.

        A protected new file is linked into place first, so that one appearing meanwhile is
        never clobbered: then nothing is moved at all.
        """
        if self._dry_run:
            for action, path in self.report.planned:
                if action != "identical":
                    (self.report.created if action == "create" else self.report.updated).append(path)
            return self.report
        with interrupts_held():
            linked: list[Path] = []
            if self._protect:
                try:
                    for tmp, target, action in self._pending:
                        if action == "create":
                            try:
                                os.link(tmp, target)
                            except FileExistsError:
                                raise ExistsError(
                                    f"{display_path(target)} appeared while nvap was writing: nothing was replaced"
                                ) from None
                            except OSError as exc:
                                raise WriteError(f"cannot write {display_path(target)}: {_reason(exc)}") from None
                            linked.append(target)
                except BaseException:
                    for target in linked:
                        target.unlink(missing_ok=True)
                    raise
            done = set(linked)
            for tmp, target, action in self._pending:
                if target not in done:
                    try:
                        os.replace(tmp, target)
                    except OSError as exc:
                        raise WriteError(f"cannot write {display_path(target)}: {_reason(exc)}") from None
                (self.report.created if action == "create" else self.report.updated).append(target)
            self._pending.clear()
            for tmp in self._made:  # the linked ones' temporary names; the others' were moved
                tmp.unlink(missing_ok=True)
            self._made.clear()
            self._folders.clear()  # they hold the outputs now
        return self.report
