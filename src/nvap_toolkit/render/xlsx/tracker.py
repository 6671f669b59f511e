"""The Police Covenant priority tracker: one year's priorities as an accessible Excel table.

Two sheets: a cover (the title in A1, the edition and its changes, what the
priorities sheet holds with a link to it, the notes as ``[note N]``, the
attribution, licence and copyright), then the priorities, one Excel table of
one header row under the sheet's title in A1.

One row per priority, in the report's order: its title, status (as the report
names the status group), year, planned work and the NVAP actions that name it.
The planned work is one cell per priority, each paragraph and each bullet of
``planned`` a numbered line: the table keeps one row per priority (so the
filter and sorting work on priorities) and a fixed set of columns that fits an
A4 landscape page at 8 pt or more; a column per item would make up to ten mostly
empty columns. The priority's id (stable across years) is the last column, for
matching rows between years' trackers.

Column headings come from ``report.labels``, the cover's words from the
programme's ``workbook_labels``; the attribution is printed at the foot of every page.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ...content.project import Project
from ...records import Block
from ...records.content import CovenantReport
from ...sheets.cells import footer_text, put, sheet_title
from ...sheets.styles import BOLD, STATUS_FILLS, TABLE_BOX
from ...sheets.workbook import workbook_bytes
from ..prose import Prose
from ..views import covenant_view, edition_line
from .cover import Cover, SheetProse, set_properties, write_cover
from .layout import Sheet, add_table, attribution_footer, text_height

WIDTHS = (30, 16, 7, 70, 30, 20)


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
    prose = SheetProse(project)
    view = covenant_view(project, report, prose)
    labels = report.labels
    words = project.programme_of_actions([a for p in report.priorities for a in project.related_actions(p.id)]).workbook_labels
    title = prose.plain(report.title)
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = sheet_title(words.priorities)
    s = Sheet(ws, WIDTHS)
    s.banner(f"{title}: {words.priorities}")
    top = s.row
    headings = [labels.priority, labels.status, labels.year, labels.planned_item, labels.related_actions, labels.priority_id]
    s.table_header(headings)
    for priority in report.priorities:
        items = planned_items(priority.planned, prose)
        related = [f"{view.action_label} {a} {t}" for a, t in view.related(priority.id)]
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
    add_table(ws, top, s.row - 1, len(headings), f"{words.priorities} {report.year}")
    s.finish(freeze=f"A{top + 1}", repeat=f"{top}:{top}")
    header = ws.oddHeader
    assert header is not None
    centre = header.center
    assert centre is not None
    centre.text = footer_text(title)
    centre.font = "Arial,Bold"
    centre.size = 10
    attribution = report.attribution
    attribution_footer(ws, attribution)

    licence = attribution.licence
    cover = Cover(
        words,
        title,
        lines=[prose.plain(report.subtitle), edition_line(labels.edition, report.edition)],
        before=[
            (
                labels.changes,
                prose.plain(report.edition.changes[0].text)
                + (f" {labels.affects_plans}" if report.edition.changes[0].affects_plans else ""),
                None,
            )
        ]
        + [
            (None, prose.plain(note.text) + (f" {labels.affects_plans}" if note.affects_plans else ""), None)
            for note in report.edition.changes[1:]
        ]
        if report.edition.changes
        else [],
        sheets=[(ws.title, words.tracker)],
        notes=[(project.links.links[key].title, project.links.links[key].url) for key in prose.notes],
        after=[
            (None, attribution.statement, None),
            *(
                [
                    (
                        None,
                        f"{licence} ({attribution.licence_url})" if attribution.licence_url else licence,
                        attribution.licence_url,
                    )
                ]
                if licence
                else []
            ),
            (None, report.copyright, None),
        ],
    )
    attribution_footer(write_cover(wb, cover), attribution)
    set_properties(wb, title=title, subject=prose.plain(report.subtitle), lang=project.lang)
    wb.active = 0
    return wb


def tracker_ods(project: Project, report: CovenantReport, lang: str = "en") -> bytes:
    """The priority tracker of ``report`` as an OpenDocument spreadsheet: the workbook of ``covenant_tracker_xlsx``."""
    from ...sheets.ods import ods_bytes

    return ods_bytes(covenant_tracker_workbook(project, report), title=Prose(project).plain(report.title), lang=lang)
