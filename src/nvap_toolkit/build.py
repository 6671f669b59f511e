"""``nvap build``: choose documents, render every format in memory, then write.

Nothing is written if the content has errors or any rendering fails.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError
from .project import Project
from .writer import Output, WriteReport, write_outputs

FORMATS = ("md", "html", "xlsx")


@dataclass(frozen=True)
class DocumentRef:
    """A document to build: an action's toolkit or a year's Covenant report."""

    kind: str
    key: str

    @property
    def stem(self) -> str:
        return self.key if self.kind == "toolkit" else f"covenant-{self.key}"


@dataclass
class BuildReport:
    """What a build produced."""

    documents: list[DocumentRef]
    outputs: list[Output] = field(default_factory=list)
    written: WriteReport = field(default_factory=WriteReport)


def select_documents(project: Project, names: list[str], everything: bool) -> list[DocumentRef]:
    """Documents named on the command line (action ids, 'covenant', 'covenant-2024'); all by default."""
    every = [DocumentRef("toolkit", a) for a in project.actions] + [DocumentRef("covenant", str(y)) for y in project.reports]
    if everything or not names:
        return every
    chosen: list[DocumentRef] = []
    for name in names:
        if name in project.actions:
            found = [DocumentRef("toolkit", name)]
        elif name == "covenant":
            found = [DocumentRef("covenant", str(y)) for y in project.reports]
        elif name.startswith("covenant-") and name.removeprefix("covenant-").isdigit() and int(name[9:]) in project.reports:
            found = [DocumentRef("covenant", name[9:])]
        else:
            known = ", ".join(d.stem for d in every) or "none"
            raise UsageError(f"no document '{name}' (known: {known}, covenant)")
        chosen.extend(d for d in found if d not in chosen)
    return chosen


def render_document(project: Project, ref: DocumentRef, formats: list[str], out: Path) -> list[Output]:
    """Render one document in each format, in memory."""
    outputs = []
    if ref.kind == "toolkit":
        action = project.actions[ref.key]
        for fmt in formats:
            if fmt == "md":
                from .render.markdown import toolkit_md

                data = toolkit_md(project, action, link_action=lambda a: f"{a}.md" if a in project.actions else None).encode()
            elif fmt == "html":
                from .render.html import toolkit_html

                data = toolkit_html(project, action).encode()
            else:
                from .render.xlsx import toolkit_xlsx

                data = toolkit_xlsx(project, action)
            outputs.append(Output(out / f"{ref.stem}.{fmt}", data))
    else:
        report = project.reports[int(ref.key)]
        for fmt in formats:
            if fmt == "md":
                from .render.markdown import covenant_md

                data = covenant_md(project, report).encode()
            elif fmt == "html":
                from .render.html import covenant_html

                data = covenant_html(project, report).encode()
            else:
                from .render.tracker import covenant_tracker_xlsx

                data = covenant_tracker_xlsx(project, report)
            outputs.append(Output(out / f"{ref.stem}.{fmt}", data))
    return outputs


def build(
    project: Project,
    names: list[str],
    formats: list[str],
    out: Path,
    everything: bool = False,
    tick: Callable[[str], None] | None = None,
) -> BuildReport:
    """Render the chosen documents and write them atomically; unchanged files are left alone."""
    for fmt in formats:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format '{fmt}' (use {', '.join(FORMATS)})")
    formats = [f for f in FORMATS if f in formats] if formats else list(FORMATS)
    documents = select_documents(project, names, everything)
    report = BuildReport(documents=documents)
    for ref in documents:
        report.outputs.extend(render_document(project, ref, formats, out))
        if tick:
            tick(ref.stem)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is a file, not a folder")
    report.written = write_outputs(report.outputs)
    return report


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
