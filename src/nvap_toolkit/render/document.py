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


def render_document(project: Project, ref: DocumentRef, formats: list[str], out: Path) -> list[Output]:
    """Render one document in each format, in memory (in ``ref.lang``: from the project translated into it)."""
    suffix = "" if ref.lang == "en" else f".{ref.lang}"  # its links go to the documents in its language
    if ref.lang != "en":
        from ..i18n.apply import translated

        project = translated(project, ref.lang)
    outputs = []
    html: str | None = None
    if ref.kind == "toolkit":
        action = project.actions[ref.key]
        for fmt in formats:
            if fmt in ("html", "pdf") and html is None:
                from .html import toolkit_html

                html = toolkit_html(project, action)
            if fmt == "md":
                from .markdown import toolkit_md

                data = toolkit_md(
                    project, action, link_action=lambda a: f"{a}{suffix}.md" if a in project.actions else None
                ).encode()
            elif fmt == "html":
                data = (html or "").encode()
            elif fmt == "pdf":
                from .pdf import html_to_pdf

                data = html_to_pdf(html or "", identifier=ref.stem)
            else:
                from .xlsx.toolkit import toolkit_xlsx

                data = toolkit_xlsx(project, action)
            outputs.append(Output(out / f"{ref.stem}.{fmt}", data))
    else:
        report = project.reports[int(ref.key)]
        for fmt in formats:
            if fmt in ("html", "pdf") and html is None:
                from .html import covenant_html

                html = covenant_html(project, report)
            if fmt == "md":
                from .markdown import covenant_md

                data = covenant_md(project, report).encode()
            elif fmt == "html":
                data = (html or "").encode()
            elif fmt == "pdf":
                from .pdf import html_to_pdf

                data = html_to_pdf(html or "", identifier=ref.stem)
            else:
                from .xlsx.tracker import covenant_tracker_xlsx

                data = covenant_tracker_xlsx(project, report)
            outputs.append(Output(out / f"{ref.stem}.{fmt}", data))
    return outputs
