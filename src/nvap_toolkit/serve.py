"""``nvap serve``: a live preview of the content, rebuilt as it is edited.

As mkdocs' livereload does it: the documents are built (HTML) into a temporary
folder and served on 127.0.0.1 by a threaded stdlib ``http.server``; a watcher
thread (watchfiles) sees content/ and templates/ change and, after a short
debounce, rebuilds (the build skips the documents whose inputs did not change).
Each HTML page gets a small script that long-polls the server and reloads the
page after a rebuild: no websocket, no external request. While the content has
errors, every page shows them, as ``nvap validate`` prints them, in a page styled
like the documents (with a link to each line in the author's editor when
``NVAP_EDITOR_URL`` is set, e.g. ``vscode://file/{path}:{line}:{col}``); the
server keeps running, and fixing the file brings the pages back.  Each rebuild
and each change of error state is logged as one line; a browser tab that went
away while waiting for a change is no error.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

WAIT_PATH = "/__nvap/wait"
POLL_SECONDS = 25.0
DEBOUNCE_MS = 200

_RELOAD = """<script>
(function () {
  var version = %d;
  function poll() {
    fetch("%s?v=" + version, {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (Number(v) !== version) { location.reload(); } else { poll(); }
    }, function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>
"""


@dataclass
class Site:
    """What the server shows: the built folder, the build's version, and the content's errors (if any)."""

    root: Path
    out: Path
    version: int = 0
    errors: list[str] = field(default_factory=list)
    documents: list[tuple[str, str]] = field(default_factory=list)
    """(file name, title) of each built document, for the index."""
    changed: threading.Condition = field(default_factory=threading.Condition)
    log: Callable[[str], None] = field(default=lambda _line: None)
    """Where the one line per rebuild and per change of error state goes (the CLI prints it)."""

    def rebuild(self, changed: list[Path] | None = None) -> None:
        """Build what changed; on content errors keep the last pages and show the errors instead."""
        from .build import build
        from .content.load import load_project
        from .errors import NvapError, display_path

        started = time.monotonic()
        errors: list[str] = []
        documents: list[tuple[str, str]] = []
        try:
            project = load_project(self.root)
            if project.errors:
                errors = [str(i) for i in project.issues]
            else:
                build(project, [], ["html"], self.out)
                documents = [(f"{a.id}.html", f"{a.id} {a.title}") for a in project.actions.values()]
                documents += [(f"covenant-{y}.html", r.title) for y, r in project.reports.items()]
        except NvapError as exc:
            errors = [str(i) for i in exc.issues] or [exc.message]
        took = time.monotonic() - started
        what = ", ".join(display_path(p) for p in (changed or [])[:3]) + (" ..." if changed and len(changed) > 3 else "")
        because = f" after {what} changed" if what else ""
        if errors:
            self.log(f"{_count_errors(errors)}{because}: the preview shows them ({took:.1f} s)")
        elif self.errors or changed is not None:
            self.log(f"built {len(documents)} documents{because}, no errors ({took:.1f} s)")
        with self.changed:
            self.errors = errors
            if documents:
                self.documents = documents
            self.version += 1
            self.changed.notify_all()

    def stamp(self) -> tuple[tuple[str, int, int], ...]:
        """What the content and templates look like on disk (names, sizes, times): to see a change made before watching."""
        from .resources import template_dirs

        found = []
        for folder in (self.root, *template_dirs()):
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    info = path.stat()
                    found.append((str(path), info.st_size, info.st_mtime_ns))
        return tuple(found)

    def wait(self, seen: int, timeout: float = POLL_SECONDS) -> int:
        """Block until the version differs from ``seen`` (or ``timeout``); the current version."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version


_LOCATED = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?P<message>.*)$")


def _count_errors(errors: list[str]) -> str:
    """ "2 errors in 1 file" (warnings aside)."""
    files = {m.group("path") for line in errors if (m := _LOCATED.match(line))}
    count = sum(not line.split(": ", 1)[-1].startswith("warning:") for line in errors)
    in_files = f" in {len(files)} file{'' if len(files) == 1 else 's'}" if files else ""
    return f"{count} error{'' if count == 1 else 's'}{in_files}"


def _page(site: Site, body: str, title: str) -> bytes:
    from .render.html import stylesheet

    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{stylesheet()}</style></head>\n<body>\n{body}\n"
        f"{_RELOAD % (site.version, WAIT_PATH)}</body>\n</html>\n"
    ).encode()


def _error_item(site: Site, line: str) -> str:
    """One error as a list item: its place (a link to the author's editor when NVAP_EDITOR_URL is set) and message."""
    match = _LOCATED.match(line)
    if match is None:
        return f"<li>{html.escape(line)}</li>"
    place = f"{match.group('path')}:{match.group('line')}:{match.group('col')}"
    editor = os.environ.get("NVAP_EDITOR_URL", "")
    if editor:
        path = (site.root.parent / match.group("path")).resolve()
        href = editor.replace("{path}", str(path)).replace("{line}", match.group("line")).replace("{col}", match.group("col"))
        shown = f'<a href="{html.escape(href)}"><code>{html.escape(place)}</code></a>'
    else:
        shown = f"<code>{html.escape(place)}</code>"
    return f"<li>{shown}: {html.escape(match.group('message'))}</li>"


def _error_page(site: Site) -> bytes:
    summary = _count_errors(site.errors)
    items = "\n".join(_error_item(site, line) for line in site.errors)
    body = (
        f'<main id="main"><h1>{html.escape(summary)}</h1>\n'
        "<p>The preview comes back as soon as the content is fixed (nvap validate lists the same problems).</p>\n"
        f'<ul id="nvap-errors">\n{items}\n</ul></main>'
    )
    return _page(site, body, f"nvap: {summary}")


def _index_page(site: Site) -> bytes:
    items = "\n".join(f'<li><a href="{html.escape(name)}">{html.escape(title)}</a></li>' for name, title in site.documents)
    return _page(site, f"<main><ul>\n{items}\n</ul></main>", "nvap")


def _inject(site: Site, data: bytes) -> bytes:
    script = (_RELOAD % (site.version, WAIT_PATH)).encode()
    at = data.rfind(b"</body>")
    return data[:at] + script + data[at:] if at >= 0 else data + script


def handler_for(site: Site) -> type[BaseHTTPRequestHandler]:
    """The request handler serving ``site``."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "nvap"

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: the terminal is for nvap's own messages

        def send(self, data: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the browser tab went away while it waited: nothing to tell anyone

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path == WAIT_PATH:
                seen = parse_qs(url.query).get("v", ["-1"])[0]
                version = site.wait(int(seen) if seen.lstrip("-").isdigit() else -1)
                self.send(str(version).encode(), "text/plain; charset=utf-8")
                return
            name = unquote(url.path).lstrip("/") or "index.html"
            path = (site.out / name).resolve()
            inside = path.is_relative_to(site.out.resolve())
            if site.errors and (name.endswith(".html") or name == "index.html"):
                self.send(_error_page(site), "text/html; charset=utf-8")
            elif name == "index.html" and not (site.out / "index.html").is_file():
                self.send(_index_page(site), "text/html; charset=utf-8")
            elif inside and path.is_file():
                data = path.read_bytes()
                if path.suffix == ".html":
                    self.send(_inject(site, data), "text/html; charset=utf-8")
                else:
                    self.send(data, "application/octet-stream")
            else:
                self.send(b"not found\n", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)

    return Handler


class _Server(ThreadingHTTPServer):
    """The preview's server: a connection the browser closed is no error (no traceback)."""

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


class Preview:
    """A running preview: the server and the watcher, each in a thread; ``stop`` ends both and removes the build."""

    def __init__(
        self, root: Path, port: int = 0, watch: list[Path] | None = None, log: Callable[[str], None] | None = None
    ) -> None:
        from .resources import template_dirs

        self.out = Path(tempfile.mkdtemp(prefix="nvap-serve-"))
        self.site = Site(root=root, out=self.out, log=log or (lambda _line: None))
        self.watched = [p for p in (watch or [root, *template_dirs()]) if p.exists()]
        self.server = _Server(("127.0.0.1", port), handler_for(self.site))
        self.server.daemon_threads = True
        self.stopping = threading.Event()
        self.watching = threading.Event()
        self.changed_meanwhile = False
        self.stamp = self.site.stamp()
        self.site.rebuild()
        self.threads = [
            threading.Thread(target=self.server.serve_forever, name="nvap-serve", daemon=True),
            threading.Thread(target=self._watch, name="nvap-watch", daemon=True),
        ]

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def start(self) -> Preview:
        """Start serving and watching; returns once the watcher sees changes (none made meanwhile is missed)."""
        for thread in self.threads:
            thread.start()
        self.watching.wait(timeout=10)
        if self.changed_meanwhile:
            self.site.rebuild()
        return self

    def _watch(self) -> None:
        from watchfiles import watch

        # yield_on_timeout: an empty set each second of quiet, the first once the watcher is set up.
        for changes in watch(
            *self.watched, stop_event=self.stopping, debounce=DEBOUNCE_MS, step=50, rust_timeout=1000, yield_on_timeout=True
        ):
            if self.stopping.is_set():
                break
            if not self.watching.is_set():
                self.changed_meanwhile = self.site.stamp() != self.stamp
                self.watching.set()
            if changes:
                self.site.rebuild(sorted({Path(path) for _, path in changes}))

    def stop(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()
        with self.site.changed:
            self.site.changed.notify_all()
        for thread in self.threads:
            if thread.is_alive():
                thread.join(timeout=5)
        shutil.rmtree(self.out, ignore_errors=True)


def serve(root: Path, port: int, ready: Callable[[str], None], log: Callable[[str], None] | None = None) -> None:
    """Serve the preview until Ctrl-C (``ready`` gets its address once it is listening; ``log`` a line per rebuild)."""
    from .errors import UsageError

    try:
        preview = Preview(root, port, log=log).start()
    except OSError as exc:
        raise UsageError(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}") from None
    ready(preview.url)
    try:
        preview.stopping.wait()
    finally:
        preview.stop()
