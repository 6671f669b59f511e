"""What makes a workbook accessible, shared by every workbook nvap writes.

Following the Government Analysis Function's "Releasing statistics in
spreadsheets" and Excel's accessibility checker: a cover sheet first (the
title in A1, the edition, every sheet with what it holds and a link to it,
the hidden sheets explained, the notes as ``[note N]``), the document's
title, subject and language, helper sheets "very hidden", and tables as
Excel tables of one header row (``layout.add_table``).  ``tests/spreadsheet_checklist.py`` checks
all of it on every workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.hyperlink import Hyperlink

from ...content.inline import ActionRef, Cite, LinkRef, Strong, Text, Token
from ...sheets.cells import clean, hyperlink, put, sheet_title
from ...sheets.styles import LINK_COLOUR, font
from ..prose import Prose
from .layout import line_height, print_setup, text_height

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from ...records.content import WorkbookLabels

COVER_WIDTH = 80.0
"""The cover's one column: a portrait A4 page's width at 100%."""
TITLE = font(bold=True, size=14, colour="1F3864")
HEADING = font(bold=True, size=12, colour="1F3864")


class SheetProse(Prose):
    """Prose for a workbook: a footnote is ``[note N]``, as the Analysis Function asks."""

    def _plain(self, token: Token) -> str:
        if isinstance(token, Text | Strong | Cite | ActionRef | LinkRef):
            return super()._plain(token)
        return f"[note {self.note_number(token.key)}]"


@dataclass
class Cover:
    """What a workbook's cover says: its title, lines under it, its sheets, hidden sheets and notes."""

    labels: WorkbookLabels
    title: str
    lines: list[str] = field(default_factory=list)
    sheets: list[tuple[str, str]] = field(default_factory=list)
    """(sheet title, what it holds), in the workbook's order."""
    shown: dict[str, str] = field(default_factory=dict)
    """A link's text where it is not the sheet's title (a plan's sheet: its action line, as earlier plans showed it)."""
    hidden: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str | None]] = field(default_factory=list)
    """(text, web address) of each ``[note N]``."""
    before: list[tuple[str | None, str, str | None]] = field(default_factory=list)
    """Lines before the contents: (heading or None, text, web address or None)."""
    after: list[tuple[str | None, str, str | None]] = field(default_factory=list)
    """Closing lines, as ``before``."""


def write_cover(wb: Workbook, cover: Cover, ws: Worksheet | None = None) -> Worksheet:
    """The cover sheet, first in ``wb`` (into ``ws`` when given): one column of text, read from the top."""
    if ws is None:
        ws = wb.create_sheet(sheet_title(cover.labels.cover, wb.sheetnames), 0)
    else:
        ws.title = sheet_title(cover.labels.cover, [t for t in wb.sheetnames if t != ws.title])
    ws.column_dimensions["A"].width = COVER_WIDTH
    row = 1

    def line(text: str, style: object = None, link: str | None = None, location: str | None = None) -> None:
        nonlocal row
        cell = put(ws, row, 1, text, style=style)  # type: ignore[arg-type]
        size = float(getattr(style, "sz", None) or 10)
        ws.row_dimensions[row].height = max(line_height(size) + 4, text_height(text, COVER_WIDTH, size=size))
        if link:
            hyperlink(cell, link)
        if location:
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=location, display=clean(text))
            cell.font = font(colour=LINK_COLOUR, underline="single")
        row += 1

    line(cover.title, TITLE)
    for text in cover.lines:
        line(text)
    for heading, text, url in cover.before:
        if heading:
            line(heading, HEADING)
        line(text, link=url)
    line(cover.labels.contents, HEADING)
    # A link on its own short line: LibreOffice never wraps a cell holding a link.
    for title, holds in cover.sheets:
        line(cover.shown.get(title, title), location=f"{quote_sheetname(title)}!A1")
        line(holds)
    if cover.hidden:
        line(cover.labels.hidden, HEADING)
        line(cover.labels.hidden_intro)
        for title, holds in cover.hidden:
            line(f"{title}: {holds}")
    if cover.notes:
        line(cover.labels.notes, HEADING)
        for n, (text, url) in enumerate(cover.notes, start=1):
            line(f"[note {n}] {text}" + (f" ({url})" if url else ""), link=url)
    for heading, text, url in cover.after:
        if heading:
            line(heading, HEADING)
        line(text, link=url)
    ws.print_area = f"A1:A{row - 1}"
    print_setup(ws, [COVER_WIDTH], landscape=False, centred=False)
    return ws


def set_properties(wb: Workbook, *, title: str, subject: str, lang: str) -> None:
    """The document's title, subject and language (what a screen reader announces, what a search shows)."""
    wb.properties.title = clean(title)
    wb.properties.subject = clean(subject)
    wb.properties.language = lang or "en"
