"""One document (an action's toolkit, a year's Covenant report) rendered in each format, in memory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..writer import Output

if TYPE_CHECKING:
    from ..content.project import Project


@dataclass(frozen=True)
class DocumentRef:
    """A document to build: an action's toolkit or a year's Covenant report."""

    kind: str
    key: str
    lang: str = "en"
    """``en``, or a language the content has catalogues for: its files are ``<stem>.<lang>.<format>`` (2.6.2.cy.html)."""

    @property
    def stem(self) -> str:
        base = self.key if self.kind == "toolkit" else f"covenant-{self.key}"
        return base if self.lang == "en" else f"{base}.{self.lang}"


@dataclass(frozen=True)
class EarlierPdf:
    """A PDF of the document made before, and the key of what it was made from (``pdf.pdf_key``)."""

    key: str
    data: bytes


@dataclass(frozen=True)
class Rendered:
    """A document's files, one per format asked for, in that order."""

    outputs: list[Output]
    pdf_key: str | None = None
    """With a PDF: the key of what it was made from, by which a later build may reuse it (``EarlierPdf``)."""


def render_document(
    project: Project, ref: DocumentRef, formats: list[str], out: Path, *, earlier: EarlierPdf | None = None
) -> Rendered:
    """Render one document in each of ``formats`` (``formats.BUILD``), in memory (in ``ref.lang``: from the project translated into it).

    The PDF is made from the HTML page, rendered once for both. ``earlier`` is the PDF
    a build made before: it is the PDF again, not made anew, when its key is this page's.
    """
    if ref.lang != "en":
        from ..i18n.apply import translated

        project = translated(project, ref.lang)
    outputs = []
    page = None
    key = None
    for fmt in formats:
        if fmt in ("html", "pdf") and page is None:
            page = _html(project, ref)
        if fmt == "html":
            data = (page or "").encode()
        elif fmt == "pdf":
            from .pdf import html_to_pdf, pdf_key

            key = pdf_key(page or "", identifier=ref.stem)
            data = earlier.data if earlier is not None and earlier.key == key else html_to_pdf(page or "", identifier=ref.stem)
        else:
            data = _file(project, ref, fmt)
        outputs.append(Output(out / f"{ref.stem}.{fmt}", data))
    return Rendered(outputs, key)


def _html(project: Project, ref: DocumentRef) -> str:
    """The document's HTML page."""
    if ref.kind == "toolkit":
        from .html import toolkit_html

        return toolkit_html(project, project.actions[ref.key])
    from .html import covenant_html

    return covenant_html(project, project.reports[int(ref.key)])


def _file(project: Project, ref: DocumentRef, fmt: str) -> bytes:
    """The document's Markdown (``md``) or workbook (``xlsx``, or OpenDocument: ``ods``)."""
    if ref.kind == "toolkit":
        action = project.actions[ref.key]
        if fmt == "md":
            from .markdown import toolkit_md

            suffix = "" if ref.lang == "en" else f".{ref.lang}"  # its links go to the documents in its language
            known = project.actions
            return toolkit_md(project, action, link_action=lambda a: f"{a}{suffix}.md" if a in known else None).encode()
        if fmt == "ods":
            from .xlsx.toolkit import toolkit_ods

            return toolkit_ods(project, action, ref.lang)
        from .xlsx.toolkit import toolkit_xlsx

        return toolkit_xlsx(project, action)
    report = project.reports[int(ref.key)]
    if fmt == "md":
        from .markdown import covenant_md

        return covenant_md(project, report).encode()
    if fmt == "ods":
        from .xlsx.tracker import tracker_ods

        return tracker_ods(project, report, ref.lang)
    from .xlsx.tracker import covenant_tracker_xlsx

    return covenant_tracker_xlsx(project, report)
