"""One document (an action's toolkit, a year's Covenant report) rendered in each format, in memory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..writer import Output

if TYPE_CHECKING:
    from ..content.project import Project

FORMATS = ("md", "html", "pdf", "xlsx")
"""Every format a document is rendered in (the order of a build's files in its manifest)."""
DEFAULT_FORMATS = ("md", "html", "xlsx")
"""What a build writes when no --format is given: PDF, the slow one, only on request."""


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


def render_document(
    project: Project | None, ref: DocumentRef, formats: list[str], out: Path, *, page: str | None = None
) -> list[Output]:
    """Render one document in each format, in memory (in ``ref.lang``: from the project translated into it).

    The PDF is made from the HTML page; ``page`` is that page when it was rendered
    already, and then a PDF alone needs no project (a build's aside process).
    """
    if project is not None and ref.lang != "en":
        from ..i18n.apply import translated

        project = translated(project, ref.lang)
    outputs = []
    for fmt in formats:
        if fmt in ("html", "pdf") and page is None:
            page = _html(project, ref)
        if fmt == "html":
            data = (page or "").encode()
        elif fmt == "pdf":
            from .pdf import html_to_pdf

            data = html_to_pdf(page or "", identifier=ref.stem)
        else:
            data = _file(project, ref, fmt)
        outputs.append(Output(out / f"{ref.stem}.{fmt}", data))
    return outputs


def _html(project: Project | None, ref: DocumentRef) -> str:
    """The document's HTML page."""
    assert project is not None, "a page is rendered from the project"
    if ref.kind == "toolkit":
        from .html import toolkit_html

        return toolkit_html(project, project.actions[ref.key])
    from .html import covenant_html

    return covenant_html(project, project.reports[int(ref.key)])


def _file(project: Project | None, ref: DocumentRef, fmt: str) -> bytes:
    """The document's Markdown (``md``) or workbook (``xlsx``)."""
    assert project is not None, "a document is rendered from the project"
    if ref.kind == "toolkit":
        action = project.actions[ref.key]
        if fmt == "md":
            from .markdown import toolkit_md

            suffix = "" if ref.lang == "en" else f".{ref.lang}"  # its links go to the documents in its language
            known = project.actions
            return toolkit_md(project, action, link_action=lambda a: f"{a}{suffix}.md" if a in known else None).encode()
        from .xlsx.toolkit import toolkit_xlsx

        return toolkit_xlsx(project, action)
    report = project.reports[int(ref.key)]
    if fmt == "md":
        from .markdown import covenant_md

        return covenant_md(project, report).encode()
    from .xlsx.tracker import covenant_tracker_xlsx

    return covenant_tracker_xlsx(project, report)
