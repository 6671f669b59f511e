"""Documents to accessible PDF: tagged PDF/UA-1 on A4, from the same HTML and print stylesheet.

WeasyPrint lays the HTML out with its print rules (``@media print`` and the
``@page`` margin boxes the page head adds: the running header, "Page N of M"),
tags the structure (headings, lists, tables with their header rows), sets the
title and language from the page, and makes bookmarks from the headings.  The
bytes are the same for the same content: the creation date is the build time
(``SOURCE_DATE_EPOCH`` when set, as for the workbooks) and the file identifier
is the document's own.
"""

from __future__ import annotations

import logging

from ..errors import UsageError
from .xlsx.workbook import build_time

PANGO_HINT = (
    "PDF output needs WeasyPrint's system libraries (Pango): on Debian or Ubuntu, "
    "'apt-get install libpango-1.0-0 libpangoft2-1.0-0' (make test-clients installs them)"
)


def weasyprint_html() -> type:
    """WeasyPrint's HTML class, or a usage error naming what to install when its libraries are missing."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise UsageError(f"{PANGO_HINT} ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else exc})") from None
    return HTML  # type: ignore[no-any-return]


def html_to_pdf(html: str, *, identifier: str) -> bytes:
    """``html`` (a whole page) as a tagged PDF/UA-1 document; ``identifier`` names the document (its stem)."""
    html_class = weasyprint_html()
    # WeasyPrint logs each screen-only CSS property it skips (overflow-x, clip-path...): not the user's concern.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    stamp = build_time().strftime("%Y-%m-%dT%H:%M:%SZ")
    dated = html.replace(
        "</head>",
        f'<meta name="dcterms.created" content="{stamp}">\n<meta name="dcterms.modified" content="{stamp}">\n</head>',
        1,
    )
    document = html_class(string=dated, base_url=None)
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier.encode("utf-8"))
    return pdf
