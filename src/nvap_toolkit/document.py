"""One document (an action's toolkit, a year's Covenant report) rendered in each format, in memory.

Here the renderers (``render``) and the plan's form (``plan.sheet``) meet: a
toolkit's workbook holds the fillable realisation plan that ``nvap plan`` writes,
handed to the toolkit's renderer, so neither package imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .writer import Output

if TYPE_CHECKING:
    from openpyxl import Workbook

    from .content.project import Project
    from .records.content import Action


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
    """Render one document in each of ``formats`` (``formats.BUILD``), in memory, from ``project``: the content in
    ``ref.lang`` (translated by the caller, ``i18n.apply.translate``).

    The PDF is made from the HTML page, rendered once for both. ``earlier`` is the PDF
    a build made before: it is the PDF again, not made anew, when its key is this page's.
    Without the HTML, the page is the one rendered before from what it reads now (``_page_key``,
    nvap's cache), when there is one: a PDF whose page is unchanged is then reused without
    rendering the page again.
    """
    if project.lang != ref.lang:
        raise ValueError(f"{ref.stem}: rendered from the content in '{project.lang}', not in '{ref.lang}'")
    outputs = []
    page = None
    key = None
    page_key = _page_key(project, ref) if "pdf" in formats else None
    for fmt in formats:
        if fmt == "pdf" and page is None and "html" not in formats and page_key is not None:
            from .content.cache import read_page

            page = read_page(page_key)
        if fmt in ("html", "pdf") and page is None:
            page = _html(project, ref)
            if page_key is not None:
                from .content.cache import write_page

                write_page(page_key, page)
        if fmt == "html":
            data = (page or "").encode()
        elif fmt == "pdf":
            from .render.pdf import html_to_pdf, pdf_key

            key = pdf_key(page or "", identifier=ref.stem)
            data = earlier.data if earlier is not None and earlier.key == key else html_to_pdf(page or "", identifier=ref.stem)
        else:
            data = _file(project, ref, fmt)
        outputs.append(Output(out / f"{ref.stem}.{fmt}", data))
    return Rendered(outputs, key)


def toolkit_workbook(project: Project, action: Action) -> Workbook:
    """The toolkit of ``action`` as a workbook, unsaved: its sheets, and the plan's form as its realisation plan."""
    from functools import partial

    from .plan.sheet import add_plan_sheet
    from .render.xlsx.toolkit import toolkit_workbook as workbook

    return workbook(project, action, plan_form=partial(add_plan_sheet, force=None))


def toolkit_xlsx(project: Project, action: Action) -> bytes:
    """The toolkit of ``action`` as an Excel workbook (bytes, the same for the same content)."""
    from .sheets.workbook import workbook_bytes

    return workbook_bytes(toolkit_workbook(project, action))


def toolkit_ods(project: Project, action: Action, lang: str = "en") -> bytes:
    """The toolkit of ``action`` as an OpenDocument spreadsheet: the workbook of ``toolkit_xlsx``, sheet for sheet."""
    from .sheets.ods import ods_bytes

    wb = toolkit_workbook(project, action)
    return ods_bytes(wb, title=wb.properties.title, lang=lang)


def _page_key(project: Project, ref: DocumentRef) -> str | None:
    """What the document's page is made from, as a digest; None when it cannot be told (``Project.sources``).

    Only what the page reads counts (``render.views.page_reads``): an edit of the Covenant report's
    words leaves a toolkit's page as it was made, unless it is a priority the action serves.
    """
    import hashlib
    import json

    from .render.views import page_reads

    if project.sources is None or project.lang != "en":
        return None
    whole, rest = page_reads(project, ref.kind, ref.key)
    if any(path not in project.sources.files for path in whole):
        return None
    read = [[path, project.sources.files[path]] for path in whole]
    made_from = json.dumps([project.sources.context, ref.kind, ref.key, ref.lang, read, rest], ensure_ascii=False)
    return hashlib.sha256(f"page\0{made_from}".encode("utf-8", "surrogateescape")).hexdigest()


def _html(project: Project, ref: DocumentRef) -> str:
    """The document's HTML page."""
    if ref.kind == "toolkit":
        from .render.html import toolkit_html

        return toolkit_html(project, project.actions[ref.key])
    from .render.html import covenant_html

    return covenant_html(project, project.reports[int(ref.key)])


def _file(project: Project, ref: DocumentRef, fmt: str) -> bytes:
    """The document's Markdown (``md``) or workbook (``xlsx``, or OpenDocument: ``ods``)."""
    if ref.kind == "toolkit":
        action = project.actions[ref.key]
        if fmt == "md":
            from .render.markdown import toolkit_md

            suffix = "" if ref.lang == "en" else f".{ref.lang}"  # its links go to the documents in its language
            known = project.actions
            return toolkit_md(project, action, link_action=lambda a: f"{a}{suffix}.md" if a in known else None).encode()
        if fmt == "ods":
            return toolkit_ods(project, action, ref.lang)
        return toolkit_xlsx(project, action)
    report = project.reports[int(ref.key)]
    if fmt == "md":
        from .render.markdown import covenant_md

        return covenant_md(project, report).encode()
    if fmt == "ods":
        from .render.xlsx.tracker import tracker_ods

        return tracker_ods(project, report, ref.lang)
    from .render.xlsx.tracker import covenant_tracker_xlsx

    return covenant_tracker_xlsx(project, report)
