"""The slow formats of a build (workbooks, PDF), rendered in a forked process beside it.

Only an optimisation (see ``Aside``). This module imports nothing heavy, so that
the process can be started (``start``) before the command line is parsed.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING

from .writer import Output, interrupts_held

if TYPE_CHECKING:
    from .content.project import Project
    from .render.document import DocumentRef

SLOW = ("pdf", "xlsx")
"""The formats rendered aside, in the build's order of formats: each needs a slow import
(WeasyPrint, openpyxl) and takes longest to render."""
DEFER_MODELS = "NVAP_DEFER_MODEL_BUILD"
"""Set in the aside process before it imports the models: it only reads them (unpickled), so
Pydantic makes them without their validators (``defer_build``), which is most of their import."""


def start(formats: tuple[str, ...]) -> None:
    """Start the process for a build to come that writes these of the ``SLOW`` formats: the entry point does, first thing."""
    Aside.start_early(formats)


def stop() -> None:
    """End the process ``start`` started if no build took it (nothing to build, an error): the entry point does, last thing."""
    unused = Aside.claim()
    if unused is not None:
        unused.close()


def can_fork() -> bool:
    """Whether workers can be forked (POSIX), without importing multiprocessing for a small build."""
    return hasattr(os, "fork")


class Aside:
    """The documents' slow formats (``SLOW``), rendered in order in a forked process and read back one by one.

    Only an optimisation: this process renders the other formats meanwhile, and never
    imports openpyxl or WeasyPrint. The command line starts the process for a build
    that writes workbooks or PDF before anything else (``start_early``), so that it
    imports those libraries and the models on the other core while this one loads the
    content; otherwise a build of workbooks and other formats starts one. Either way
    it gets its job (the documents, the project for workbooks, each document's HTML
    page for PDF; pickled) through an unlinked temporary file, and sends each file
    back through a pipe. If the child fails in any
    way (a rendering error, a crash, a job it cannot read), this process renders that
    file and the rest itself, so errors and outputs are exactly those of rendering
    here. The child ignores Ctrl-C and writes no file: ``close`` ends it.
    """

    _FAILED = (1 << 64) - 1
    _early: Aside | None = None
    """The process the command line started, until a build claims it."""

    @staticmethod
    def wanted(refs: list[DocumentRef], formats: list[str]) -> bool:
        """Worth starting now: workbooks and something else to render meanwhile, a second core, a fork without threads about.

        (Not for a PDF: this process would only wait for it. A PDF is rendered aside
        when the command line started the process, which imports WeasyPrint meanwhile.)
        """
        return bool(refs) and "xlsx" in formats and len(formats) > 1 and Aside.possible()

    @staticmethod
    def possible() -> bool:
        """A second core, and a fork without threads about."""
        import threading

        return cpu_count() > 1 and can_fork() and threading.active_count() == 1

    @classmethod
    def start_early(cls, formats: tuple[str, ...]) -> None:
        """Start the process now, for the build to come (see the class)."""
        if cls._early is None and formats and cls.possible():
            cls._early = cls(formats)

    @classmethod
    def claim(cls) -> Aside | None:
        """The process started early, if any (only once)."""
        early, cls._early = cls._early, None
        return early

    def __init__(self, formats: tuple[str, ...]) -> None:
        import tempfile

        assert formats and all(f in SLOW for f in formats), formats
        self.formats = formats
        """What it renders: some of ``SLOW``, in that order."""
        self.project: Project | None = None
        self.pages: dict[str, str] = {}
        """Each document's HTML page (by stem), when it renders PDF: rendered here, for it and for this process."""
        self.out = Path()
        self.pid = 0
        self.pipe = None
        self.job = tempfile.TemporaryFile()  # open for the child's life: close() closes it
        go, self.go = os.pipe()  # this process to the child: the job's size, once written
        read, write = os.pipe()  # the child to this process: the files
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
            self._import()  # while the parent loads the content
            header = _read_exactly(go, 8)
            if len(header) < 8:  # no job: the parent had nothing for it, or ended
                return
            from .render import document

            size = int.from_bytes(header, "big")
            project, refs, out, pages = pickle.loads(os.pread(self.job.fileno(), size, 0))
            with os.fdopen(write, "wb") as pipe:
                for ref in refs:
                    try:
                        outputs = document.render_document(project, ref, list(self.formats), out, page=pages.get(ref.stem))
                    except BaseException:
                        pipe.write(self._FAILED.to_bytes(8, "big"))
                        break
                    for output in outputs:
                        pipe.write(len(output.data).to_bytes(8, "big") + output.data)
                    pipe.flush()
        finally:
            os._exit(0)  # never the parent's clean-up, exit handlers or buffered output

    def _import(self) -> None:
        """What rendering its formats needs: openpyxl and the models, or WeasyPrint (a failure shows when rendering)."""
        from .render import document  # noqa: F401

        if "xlsx" in self.formats:
            from . import models  # noqa: F401
            from .render.xlsx import toolkit, tracker  # noqa: F401
        if "pdf" in self.formats:
            try:
                from .render import pdf

                pdf.weasyprint_html()
            except Exception:  # no Pango, say: rendering reports it, here or in the parent
                pass

    def submit(self, project: Project, refs: list[DocumentRef], out: Path) -> None:
        """Give the child its job: the files of ``refs`` in its formats, in order."""
        import pickle

        self.project, self.out = project, out
        # A PDF is made from the document's HTML page: rendered here (it is quick), the child
        # needs neither Jinja nor, for PDF alone, the models.
        if "pdf" in self.formats:
            from .render import document

            self.pages = {ref.stem: document.render_document(project, ref, ["html"], out)[0].data.decode() for ref in refs}
        try:
            job = (project if "xlsx" in self.formats else None, refs, out, self.pages)
            data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
            self.job.write(data)
            self.job.flush()
            os.write(self.go, len(data).to_bytes(8, "big"))
        except (OSError, pickle.PicklingError, AttributeError, TypeError):
            self._stop_child()  # next() renders them here
        finally:
            self._close_go()

    def next(self, ref: DocumentRef) -> list[Output]:
        """The next document's files, one per format (``ref``: that document)."""
        assert self.project is not None, "submit() first"
        if self.pipe is not None:
            try:
                found = []
                for fmt in self.formats:
                    header = self.pipe.read(8)
                    size = int.from_bytes(header, "big") if len(header) == 8 else self._FAILED
                    if size == self._FAILED:
                        break
                    data = self.pipe.read(size)
                    if len(data) != size:
                        break
                    found.append(Output(self.out / f"{ref.stem}.{fmt}", data))
                if len(found) == len(self.formats):
                    return found
            except OSError:
                pass
            self._stop_child()  # the child failed or died: render the rest here
        from .render import document

        return document.render_document(self.project, ref, list(self.formats), self.out, page=self.pages.get(ref.stem))

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
