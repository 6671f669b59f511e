"""The workbook process: a build's workbooks, rendered in a forked process beside it.

Only an optimisation (see ``Workbooks``). This module imports nothing heavy, so
that the process can be started (``start``) before the command line is parsed.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING

from .writer import Output, interrupts_held

if TYPE_CHECKING:
    from .build import DocumentRef
    from .content.project import Project

DEFER_MODELS = "NVAP_DEFER_MODEL_BUILD"
"""Set in the workbook process before it imports the models: it only reads them (unpickled), so
Pydantic makes them without their validators (``defer_build``), which is most of their import."""


def start() -> None:
    """Start the workbook process of a build to come: the entry point does, first thing."""
    Workbooks.start_early()


def stop() -> None:
    """End the process ``start`` started if no build took it (nothing to build, an error): the entry point does, last thing."""
    unused = Workbooks.claim()
    if unused is not None:
        unused.close()


def can_fork() -> bool:
    """Whether workers can be forked (POSIX), without importing multiprocessing for a small build."""
    return hasattr(os, "fork")


class Workbooks:
    """The documents' workbooks, rendered in order in a forked process and read back one by one.

    Only an optimisation: this process renders the other formats meanwhile, and never
    imports openpyxl. The command line starts the process for a build that writes
    workbooks before anything else (``start_early``), so that it imports openpyxl
    and the models on the other core while this one loads the content; otherwise the
    build starts one. Either way it gets its job (the project and the documents,
    pickled) through an unlinked temporary file, and sends each workbook back through
    a pipe. If the child fails in any way (a rendering error, a crash, a job it cannot
    read), this process renders that workbook and the rest itself, so errors and
    outputs are exactly those of rendering here. The child ignores Ctrl-C and writes
    no file: ``close`` ends it, and it ends by itself when this process does.
    """

    _FAILED = (1 << 64) - 1
    _early: Workbooks | None = None
    """The process the command line started, until a build claims it."""

    @staticmethod
    def wanted(refs: list[DocumentRef], formats: list[str]) -> bool:
        """Worth it: workbooks and something else to render meanwhile, a second core, a fork without threads about."""
        return bool(refs) and "xlsx" in formats and len(formats) > 1 and Workbooks.possible()

    @staticmethod
    def possible() -> bool:
        """A second core, and a fork without threads about."""
        import threading

        return cpu_count() > 1 and can_fork() and threading.active_count() == 1

    @classmethod
    def start_early(cls) -> None:
        """Start the process now, for the build to come (see the class)."""
        if cls._early is None and cls.possible():
            cls._early = cls()

    @classmethod
    def claim(cls) -> Workbooks | None:
        """The process started early, if any (only once)."""
        early, cls._early = cls._early, None
        return early

    def __init__(self) -> None:
        import tempfile

        self.project: Project | None = None
        self.out = Path()
        self.pid = 0
        self.pipe = None
        self.job = tempfile.TemporaryFile()  # open for the child's life: close() closes it
        go, self.go = os.pipe()  # this process to the child: the job's size, once written
        read, write = os.pipe()  # the child to this process: the workbooks
        with interrupts_held():  # the child ignores Ctrl-C before it can get one
            pid = os.fork()
            if pid == 0:
                self._child(go, read, write)  # never returns
        os.close(go)
        os.close(write)
        self.pid = pid
        self.pipe = os.fdopen(read, "rb")

    def _child(self, go: int, read: int, write: int) -> None:
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            if hasattr(signal, "pthread_sigmask"):
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
            os.close(read)
            os.close(self.go)
            quiet = os.open(os.devnull, os.O_WRONLY)  # it prints nothing, and holds no pipe of the caller's open
            os.dup2(quiet, 1)
            os.dup2(quiet, 2)
            import pickle

            os.environ[DEFER_MODELS] = "1"  # (if this process imports them: not when forked by a build)
            from . import build, models  # noqa: F401 (imported while the parent loads the content: the job needs them)
            from .render.xlsx import toolkit, tracker  # noqa: F401 (likewise: openpyxl, the slow import)

            header = _read_exactly(go, 8)
            if len(header) < 8:  # no job: the parent had no workbooks to render, or ended
                return
            size = int.from_bytes(header, "big")
            project, refs, out = pickle.loads(os.pread(self.job.fileno(), size, 0))
            with os.fdopen(write, "wb") as pipe:
                for ref in refs:
                    try:
                        data = build.render_document(project, ref, ["xlsx"], out)[0].data
                    except BaseException:
                        pipe.write(self._FAILED.to_bytes(8, "big"))
                        break
                    pipe.write(len(data).to_bytes(8, "big") + data)
                    pipe.flush()
        finally:
            os._exit(0)  # never the parent's clean-up, exit handlers or buffered output

    def submit(self, project: Project, refs: list[DocumentRef], out: Path) -> None:
        """Give the child its job: the workbooks of ``refs``, in order."""
        import pickle

        self.project, self.out = project, out
        try:
            data = pickle.dumps((project, refs, out), protocol=pickle.HIGHEST_PROTOCOL)
            self.job.write(data)
            self.job.flush()
            os.write(self.go, len(data).to_bytes(8, "big"))
        except (OSError, pickle.PicklingError, AttributeError, TypeError):
            self._stop_child()  # next() renders them here
        finally:
            self._close_go()

    def next(self, ref: DocumentRef) -> Output:
        """The next document's workbook (``ref``: that document)."""
        assert self.project is not None, "submit() first"
        if self.pipe is not None:
            try:
                header = self.pipe.read(8)
                size = int.from_bytes(header, "big") if len(header) == 8 else self._FAILED
                if size != self._FAILED:
                    data = self.pipe.read(size)
                    if len(data) == size:
                        return Output(self.out / f"{ref.stem}.xlsx", data)
            except OSError:
                pass
            self._stop_child()  # the child failed or died: render the rest here
        from . import build

        return build.render_document(self.project, ref, ["xlsx"], self.out)[0]

    def close(self) -> None:
        """End the child (done or not), reap it and drop the job."""
        self._close_go()
        self._stop_child()
        self.job.close()

    def _close_go(self) -> None:
        if self.go >= 0:
            os.close(self.go)
            self.go = -1

    def _stop_child(self) -> None:
        if self.pipe is not None:
            self.pipe.close()
            self.pipe = None
        if self.pid:
            pid, self.pid = self.pid, 0
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)


def _read_exactly(fd: int, size: int) -> bytes:
    """``size`` bytes from ``fd``, or fewer at its end."""
    data = b""
    while len(data) < size:
        chunk = os.read(fd, size - len(data))
        if not chunk:
            break
        data += chunk
    return data


def cpu_count() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
