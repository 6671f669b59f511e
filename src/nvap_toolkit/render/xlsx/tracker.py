"""The Police Covenant priority tracker: one year's priorities as a filterable Excel table.

One row per priority, in the report's order: its title, status (as the report
names the status group), year, planned work and the NVAP actions that name it.
The planned work is one cell per priority, each paragraph and each bullet of
``planned`` a numbered line: the table keeps one row per priority (so the
autofilter and sorting work on priorities) and a fixed set of columns that fits
an A4 landscape page; a column per item would make up to ten mostly empty
columns. The priority's id (stable across years) is the last column, for
matching rows between years' trackers.

Column headings come from ``report.labels``; the attribution (statement,
licence, copyright) follows the table and is printed at the foot of every page.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ...content.project import Project
from ...models import CovenantReport
from ...models.common import Block
from ..prose import Prose
from ..views import covenant_view, edition_line
from .cells import footer_text, hyperlink, put, sheet_title
from .layout import Sheet, attribution_footer, text_height
from .styles import BOLD, STATUS_FILLS, TABLE_BOX
from .workbook import workbook_bytes

WIDTHS = (30, 22, 8, 92, 30, 30)


def planned_items(planned: list[Block], prose: Prose) -> list[str]:
    """Each paragraph and each bullet of ``planned``, as plain text."""
    items: list[str] = []
    for block in planned:
        items.extend([prose.plain(block)] if isinstance(block, str) else [prose.plain(i) for i in block])
    return items


def covenant_tracker_xlsx(project: Project, report: CovenantReport) -> bytes:
    """The priority tracker of ``report`` as an Excel workbook (bytes, the same for the same content)."""
    return workbook_bytes(covenant_tracker_workbook(project, report))


def covenant_tracker_workbook(project: Project, report: CovenantReport) -> Workbook:
    """The tracker workbook, unsaved."""
    prose = Prose(project)
    view = covenant_view(project, report, prose)
    labels = report.labels
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = sheet_title(report.title)
    s = Sheet(ws, WIDTHS)
    headings = [labels.priority, labels.status, labels.year, labels.planned_item, labels.related_actions, labels.priority_id]
    s.table_header(headings)
    for priority in report.priorities:
        items = planned_items(priority.planned, prose)
        related = [f"{view.action_label} {a} {title}" for a, title in view.related(priority.id)]
        values: list[object] = [
            prose.plain(priority.title),
            view.status_name(priority.status),
            report.year,
            "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1)),
            "\n".join(related),
            priority.id,
        ]
        r = s.row
        height = 0.0
        for c, value in enumerate(values, start=1):
            cell = put(ws, r, c, value, style=BOLD if c == 1 else None, horizontal="left" if isinstance(value, int) else None)
            cell.border = TABLE_BOX
            if isinstance(value, str) and value:
                height = max(height, text_height(value, WIDTHS[c - 1], bold=c == 1))
        ws.cell(row=r, column=2).fill = STATUS_FILLS[priority.status]
        ws.cell(row=r, column=3).number_format = "0"
        ws.row_dimensions[r].height = min(409.0, round(height, 2))
        s.row += 1
    last_row = s.row - 1
    last_col = get_column_letter(len(headings))
    ws.auto_filter.ref = f"A1:{last_col}{last_row}"

    # Footnotes ([^key]) of the planned work, numbered in order of use.
    if prose.notes:
        s.gap()
        heading = getattr(labels, "notes", None)
        if heading:
            s.heading(heading, level=2)
        for n, key in enumerate(prose.notes, start=1):
            link = project.links.links[key]
            cell = s.para(f"[{n}] {link.title}" + (f" ({link.url})" if link.url else ""))
            if link.url:
                hyperlink(cell, link.url)

    attribution = report.attribution
    s.gap()
    s.para(attribution.statement, italic=True)
    if attribution.licence:
        cell = s.para(f"{attribution.licence} ({attribution.licence_url})" if attribution.licence_url else attribution.licence)
        if attribution.licence_url:
            hyperlink(cell, attribution.licence_url)
    s.para(report.copyright)
    s.para(edition_line(labels.edition, report.edition))
    if report.edition.changes:
        s.heading(labels.changes, level=2)
        for note in report.edition.changes:
            s.para(prose.plain(note.text) + (f" {labels.affects_plans}" if note.affects_plans else ""))
    s.finish(freeze="A2", repeat="1:1")
    ws.print_area = f"A1:{last_col}{s.row - 1}"
    header = ws.oddHeader
    assert header is not None
    centre = header.center
    assert centre is not None
    centre.text = footer_text(report.title)
    centre.font = "Arial,Bold"
    centre.size = 10
    attribution_footer(ws, attribution)
    return wb
