"""Documents to accessible PDF: tagged PDF/UA-1 on A4, from the same HTML and print stylesheet.

WeasyPrint lays the HTML out with its print rules (``@media print`` and the
``@page`` margin boxes the page head adds: the running header, "Page N of M"),
tags the structure (headings, lists, tables with their header rows), sets the
title and language from the page, and makes bookmarks from the headings.  The
bytes are the same for the same content: the creation date is the build time
(``SOURCE_DATE_EPOCH`` when set, as for the workbooks), and so is the time in each
embedded font (``_fonts_dated``), and the file identifier is the document's own.

Writing is WeasyPrint's, with one saving (``serialise_once``): the file identifier
is a digest of every object, so pydyf would serialise and compress each object
twice; the finisher serialises each once, compressing the streams on a second core.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pydyf

from ..clock import build_time
from ..errors import UsageError

PANGO_HINT = (
    "PDF output needs WeasyPrint's system libraries (Pango): on Debian or Ubuntu, "
    "'apt-get install libpango-1.0-0 libpangoft2-1.0-0' (make test-clients installs them)"
)


def weasyprint_html() -> type:
    """WeasyPrint's HTML class, or a usage error naming what to install when its libraries are missing."""
    try:
        return _import_quickly() or _import_html()
    except (ImportError, OSError) as exc:
        raise UsageError(f"{PANGO_HINT} ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else exc})") from None


def _import_html() -> type:
    from weasyprint import HTML
    from weasyprint.pdf import tags

    from .pdf_tags import record_sources

    record_sources(tags)  # each structure element notes its HTML element, for the finisher (pdf_tags)
    return HTML  # type: ignore[no-any-return]


def _import_quickly() -> type | None:
    """WeasyPrint imported without ctypes' library search on Linux, or None to import it as usual.

    WeasyPrint loads each system library (Pango, HarfBuzz...) by trying several names
    in turn; cffi asks ``ctypes.util.find_library`` for each name that fails, and on
    Linux that runs ldconfig, gcc and ld: about 200 programs, a third of the import.
    On Linux it can only find what dynamic loading finds by the library's own name
    (``libpango-1.0.so.0``), which WeasyPrint tries among its names anyway; so while
    WeasyPrint is imported it finds nothing at once. If the import fails that way, it
    is forgotten (and its advice, printed before it fails, unprinted) and done as usual.
    (A client test checks that both ways load the same libraries.)
    """
    import contextlib
    import ctypes.util
    import io
    import sys

    if not sys.platform.startswith("linux") or "weasyprint" in sys.modules:
        return None
    search = ctypes.util.find_library
    ctypes.util.find_library = _found_nowhere
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            return _import_html()
    except (ImportError, OSError):
        for name in [name for name in sys.modules if name == "weasyprint" or name.startswith("weasyprint.")]:
            del sys.modules[name]
        return None
    finally:
        ctypes.util.find_library = search


def _found_nowhere(name: str) -> str | None:  # noqa: ARG001 (as find_library)
    return None


def html_to_pdf(html: str, *, identifier: str) -> bytes:
    """``html`` (a whole page) as a tagged PDF/UA-1 document; ``identifier`` names the document (its stem)."""
    html_class = weasyprint_html()
    # WeasyPrint logs each screen-only CSS property it skips (overflow-x, clip-path...): not the user's concern.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    with _fonts_dated():
        document = html_class(string=_dated(_printed_links(html)), base_url=None)
        pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier.encode("utf-8"), finisher=finish)
    return pdf


@contextmanager
def _fonts_dated() -> Iterator[None]:
    """While WeasyPrint writes: the build time as the time fontTools stamps a font it saves with.

    Each font embedded is subset, and fontTools (which WeasyPrint subsets with when it has no
    HarfBuzz subsetter, and saves variable and colour fonts with) writes the time it saves a font
    as the font's ``head.modified``: the wall clock, unless ``SOURCE_DATE_EPOCH`` is set. So it is
    set to the build time (``clock.build_time``: ``SOURCE_DATE_EPOCH`` when it is a number, else
    a fixed date) for the while, and put back after: two builds of the same content give the same bytes.
    """
    import os

    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(build_time().timestamp()))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


_LINK = re.compile(r'<a href="([^"]*)"([^>]*)>(.*?)</a>', re.DOTALL)
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')


def _printed_links(html: str) -> str:
    """The page with its links as a PDF needs them: to its own sections, to the web, or to nothing.

    A PDF travels alone: a link to a file beside the page (``2.6.2.html``, ``covenant-2024.html#priority-x``)
    goes to that file's published address when the page says where it is published (its
    ``<link rel="canonical">``), else it is the link's words, plain.
    """
    canonical = _CANONICAL.search(html)
    base = canonical.group(1).rsplit("/", 1)[0] + "/" if canonical else None

    def printed(match: re.Match[str]) -> str:
        href, attributes, words = match.groups()
        if href.startswith("#") or ":" in href.split("/", 1)[0]:
            return match.group(0)
        return f'<a href="{base}{href}"{attributes}>{words}</a>' if base else f"<span{attributes}>{words}</span>"

    return _LINK.sub(printed, html)


def pdf_key(html: str, *, identifier: str) -> str:
    """What ``html_to_pdf(html, identifier=identifier)`` gives depends on, as a digest: a PDF made before with
    this key is that PDF again (a build reuses it rather than lay the page out anew).

    The page as WeasyPrint gets it (dated), the identifier, and nvap itself (``digests.code_digest``:
    its modules, this one's finisher too, and the libraries installed, WeasyPrint and pydyf among them).
    """
    import hashlib

    from ..content.digests import code_digest

    digest = hashlib.sha256(f"{code_digest()}\0{identifier}\0".encode())
    digest.update(_dated(html).encode())
    return digest.hexdigest()


def _dated(html: str) -> str:
    """The page with the build time as its creation and modification dates (``SOURCE_DATE_EPOCH`` when set)."""
    stamp = build_time().strftime("%Y-%m-%dT%H:%M:%SZ")
    return html.replace(
        "</head>",
        f'<meta name="dcterms.created" content="{stamp}">\n<meta name="dcterms.modified" content="{stamp}">\n</head>',
        1,
    )


def finish(document: Any, pdf: Any) -> None:
    """WeasyPrint's finisher: the structure tree made PDF/UA-1's (``pdf_tags``), then each object serialised once."""
    from .pdf_tags import fix_tree

    fix_tree(pdf)
    serialise_once(document, pdf)


def serialise_once(_document: Any, pdf: Any) -> None:
    """WeasyPrint's finisher: serialise each of ``pdf``'s objects now, once, for pydyf's two passes.

    pydyf's ``write`` takes each object's ``data`` to write it, and again for the
    identifier's digest: each stream would be compressed (zlib, level 9) twice. The
    finisher runs when the document is complete, so each object is replaced by
    its bytes (``Serialised``), and the file is byte for byte the one pydyf
    writes without it (a client test checks). The streams are serialised in
    threads: zlib lets go of the interpreter while it compresses.
    """
    from concurrent.futures import ThreadPoolExecutor

    objects = pdf.objects
    live = [i for i, obj in enumerate(objects) if obj.free != "f"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        streams = {i: pool.submit(_data, objects[i]) for i in live if isinstance(objects[i], pydyf.Stream)}
        data = {i: objects[i].data for i in live if i not in streams}
        data.update((i, future.result()) for i, future in streams.items())
    for i in live:
        objects[i] = Serialised(objects[i], data[i])


def _data(obj: Any) -> bytes:
    return obj.data  # type: ignore[no-any-return]


class Serialised(pydyf.Object):  # type: ignore[misc]
    """A pydyf object, serialised: its number, its place in an object stream or not, and its bytes."""

    def __init__(self, obj: Any, data: bytes) -> None:
        super().__init__()
        self.number, self.generation, self.offset, self.free = obj.number, obj.generation, obj.offset, obj.free
        self._compressible: bool = obj.compressible
        self._data = data

    @property
    def data(self) -> bytes:
        return self._data

    @property
    def compressible(self) -> bool:
        return self._compressible
