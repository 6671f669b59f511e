"""Laying out sheets: row heights from text, print setup, protection, a sheet filled row by row, a table sheet.

Row heights are estimated from the text, so wrapped text shows in full in
programs that do not fit rows themselves (LibreOffice, or Excel for merged cells).
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties

from .cells import footer_text, hyperlink, merge, put, set_style, sheet_title
from .styles import BAND_FILL, BODY, BODY_SIZE, BOLD, FONT_NAME, HEADER, HEADER_FILL, LABEL_FILL, TABLE_BOX, border, font

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.worksheet import Worksheet

    from ...models.common import Attribution, Block
    from ..prose import Prose

BULLET = "\u2022 "
MAX_ROW_PT = 409.0
"""Excel's tallest row."""
SPLIT_PT = 380.0
"""A table row taller than this is split over several rows (see :meth:`Sheet.table_row`)."""
CHARS_PER_UNIT = 1.2
"""Characters of Arial 10 per unit of column width: a little under what Excel fits (LibreOffice fits more), so rows err tall."""
PARAGRAPH = "\n\n"


# -- row heights ----------------------------------------------------------------------------


def line_height(size: float = BODY_SIZE) -> float:
    return round(size * 1.3, 2)


def text_lines(text: str, width: float, *, size: float = BODY_SIZE, bold: bool = False, indent: int = 0) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide (an estimate that errs high)."""
    per_line = width * CHARS_PER_UNIT * (BODY_SIZE / size) * (0.9 if bold else 1.0) - 2 - 2 * indent
    per_line = max(4, int(per_line))
    lines = 0
    for para in text.split("\n"):
        if len(para) <= per_line and "\t" not in para:
            lines += 1  # what textwrap gives a line that fits (a tab may widen it), without its cost
        else:
            lines += max(1, len(textwrap.wrap(para, per_line, break_on_hyphens=False))) if para.strip() else 1
    return lines


def text_height(text: str, width: float, *, size: float = BODY_SIZE, bold: bool = False, indent: int = 0) -> float:
    """The row height in points that shows all of ``text`` wrapped in ``width``."""
    return text_lines(text, width, size=size, bold=bold, indent=indent) * line_height(size) + 4


def cell_text(items: Iterable[str]) -> str:
    """Paragraphs in one cell, a blank line between them."""
    return PARAGRAPH.join(i for i in items if i)


# -- a sheet laid out row by row ------------------------------------------------------------


@dataclass
class Sheet:
    """A worksheet filled from the top: prose rows span every column, tables use them one by one."""

    ws: Worksheet
    widths: Sequence[float]
    row: int = 1
    table_headers: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for i, width in enumerate(self.widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        print_setup(self.ws)

    @property
    def last(self) -> int:
        return len(self.widths)

    def span(self, first: int, last: int) -> float:
        return sum(self.widths[first - 1 : last])

    def _height(self, row: int, points: float) -> None:
        current = self.ws.row_dimensions[row].height or 0
        self.ws.row_dimensions[row].height = min(MAX_ROW_PT, max(current, round(points, 2)))

    def _merge(self, row: int, first: int, last: int, rows: int = 1) -> None:
        if last > first or rows > 1:
            merge(self.ws, row, first, row + rows - 1, last)

    def text(self, value: str, *, first: int = 1, style: Font = BODY, fill: PatternFill | None = None, indent: int = 0) -> Cell:
        """One row of text spanning columns ``first`` to the last."""
        r = self.row
        cell = put(self.ws, r, first, value, style=style, fill=fill, indent=indent)
        self._merge(r, first, self.last)  # the merged range shows the first cell's fill
        size = style.sz or BODY_SIZE
        self._height(r, text_height(value, self.span(first, self.last), size=size, bold=bool(style.b), indent=indent))
        self.row += 1
        return cell

    def banner(self, value: str) -> Cell:
        """The sheet's title row: white on dark blue."""
        return self.text(value, style=font(bold=True, size=13, colour="FFFFFF"), fill=HEADER_FILL)

    def heading(self, value: str, *, level: int = 1) -> Cell:
        if level == 1:
            return self.text(value, style=font(bold=True, size=12), fill=BAND_FILL)
        return self.text(value, style=BOLD)

    def para(self, value: str, *, first: int = 1, italic: bool = False) -> Cell:
        return self.text(value, first=first, style=font(italic=True) if italic else BODY)

    def bullet(self, value: str, *, first: int = 1) -> Cell:
        return self.text(BULLET + value, first=first, indent=1)

    def blocks(self, blocks: Iterable[Block], prose: Prose, *, first: int = 1) -> None:
        """Paragraphs and bulleted lists, one row each paragraph or bullet."""
        for block in blocks:
            if isinstance(block, str):
                self.para(prose.plain(block), first=first)
            else:
                for item in block:
                    self.bullet(prose.plain(item), first=first)

    def label(self, value: str | None) -> None:
        """The label cell (column 1) of the current row."""
        put(self.ws, self.row, 1, value or None, style=BOLD, fill=LABEL_FILL)
        if value:
            self._height(self.row, text_height(value, self.widths[0], bold=True))

    def pair(self, label: str | None, value: str, *, style: Font = BODY, indent: int = 0) -> Cell:
        """A label in column 1 and its text over the other columns."""
        self.label(label)
        return self.text(value, first=2, style=style, indent=indent)

    def pairs(self, label: str | None, values: Sequence[str], *, bullets: bool = False) -> None:
        """A label beside the first of several rows of text."""
        for i, value in enumerate(values):
            self.pair(label if i == 0 else None, (BULLET + value) if bullets else value, indent=1 if bullets else 0)

    def gap(self) -> None:
        self.ws.row_dimensions[self.row].height = 6
        self.row += 1

    def page_break(self) -> None:
        """Start a new printed page at the current row."""
        if self.row > 1:
            self.ws.row_breaks.append(Break(id=self.row - 1))

    # -- tables ------------------------------------------------------------------------------

    def table_header(self, labels: Sequence[str]) -> None:
        r = self.row
        for c, value in enumerate(labels, start=1):
            cell = put(self.ws, r, c, value, style=HEADER, fill=HEADER_FILL)
            set_style(cell, "border", TABLE_BOX)
            self._height(r, text_height(value, self.widths[c - 1], bold=True))
        self.table_headers.append((r, tuple(labels)))
        self.row += 1

    def table_row(self, cells: Sequence[Sequence[str]]) -> None:
        """One table row; each cell a list of paragraphs.

        A row taller than Excel allows is split: the tallest cell's paragraphs go one
        group a row, and the other cells are merged down beside them.
        """
        texts = [cell_text(c) for c in cells]
        heights = [text_height(t, self.widths[i]) if t else 0.0 for i, t in enumerate(texts)]
        tall = max(range(len(texts)), key=lambda i: heights[i])
        groups = [list(cells[tall])]
        if heights[tall] > SPLIT_PT and len(cells[tall]) > 1:
            groups = _group(list(cells[tall]), lambda paras: text_height(cell_text(paras), self.widths[tall]))
        rows = len(groups)
        r = self.row
        row_heights = [text_height(cell_text(g), self.widths[tall]) if cell_text(g) else line_height() + 4 for g in groups]
        for c, text in enumerate(texts, start=1):
            if c - 1 == tall and rows > 1:
                for k, g in enumerate(groups):
                    cell = put(self.ws, r + k, c, cell_text(g))
                    set_style(cell, "border", border(top=k == 0, bottom=k == rows - 1))
                continue
            put(self.ws, r, c, text or None)
            for k in range(rows):
                set_style(self.ws.cell(row=r + k, column=c), "border", TABLE_BOX)
            self._merge(r, c, c, rows)
            # A merged cell must fit in the rows beside it: spread any shortfall over them.
            short = heights[c - 1] - sum(row_heights)
            if short > 0:
                row_heights = [h + short / rows for h in row_heights]
        for k, h in enumerate(row_heights):
            self._height(r + k, h)
        self.row += rows

    def finish(self, *, freeze: str | None, repeat: str | None) -> None:
        """Freeze the panes above ``freeze`` and repeat the rows ``repeat`` ('3:3') on every printed page."""
        self.ws.freeze_panes = freeze
        if repeat:
            self.ws.print_title_rows = repeat

    def repeat_rows(self, fallback: str) -> str:
        """The table header to print on every page, if every table of the sheet has the same one."""
        if self.table_headers and len({labels for _, labels in self.table_headers}) == 1:
            r = self.table_headers[0][0]
            return f"{r}:{r}"
        return fallback


def _group(paras: list[str], height: Callable[[list[str]], float]) -> list[list[str]]:
    """Consecutive paragraphs packed into groups no taller than SPLIT_PT (a lone paragraph may be)."""
    groups: list[list[str]] = [[]]
    for p in paras:
        if groups[-1] and height(groups[-1] + [p]) > SPLIT_PT:
            groups.append([])
        groups[-1].append(p)
    return groups


def print_setup(ws: Worksheet, *, landscape: bool = True, centred: bool = True) -> None:
    """A4, every column on one page width, narrow margins, centred (tables; not a page of prose).

    LibreOffice prints a centred page of prose in one wide column (a plan's instructions)
    with its left part cut off the page.
    """
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = centred


def protect(ws: Worksheet) -> None:
    """Protect the sheet without a password (a force can unprotect and adapt it); rows and columns may still be resized."""
    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.protection.formatColumns = False


def attribution_footer(ws: Worksheet, attribution: Attribution) -> None:
    """The attribution at the foot of every printed page, with the page number."""
    statement = footer_text(attribution.statement)
    footer = ws.oddFooter
    assert footer is not None
    left, right = footer.left, footer.right
    assert left is not None and right is not None
    if len(statement) <= 200:  # Excel allows 255 characters for a whole header or footer.
        left.text = statement
        left.size = 8
        left.font = f"{FONT_NAME},Regular"
    right.text = "&P / &N"
    right.size = 8
    right.font = f"{FONT_NAME},Regular"


def write_attribution(sheet: Sheet, heading: str | None, attribution: Attribution) -> None:
    """The attribution statement and licence, with a link to the licence where there is one."""
    if heading:
        sheet.heading(heading)
    sheet.para(attribution.statement)
    if attribution.licence:
        url = attribution.licence_url
        cell = sheet.para(f"{attribution.licence} ({url})" if url else attribution.licence)
        if url:
            hyperlink(cell, url)


def table_sheet(
    wb: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    widths: Sequence[float],
    formats: dict[int, str] | None = None,
) -> Worksheet:
    """A sheet of one table: the header row (frozen, filtered, printed on every page), then the rows."""

    def fit(row: int, values: Sequence[Any], *, bold: bool = False) -> None:
        # LibreOffice does not fit rows to wrapped text itself: give each row the height its text needs.
        heights = [text_height(v, w, bold=bold) for v, w in zip(values, widths, strict=False) if isinstance(v, str) and v]
        if heights:
            ws.row_dimensions[row].height = min(MAX_ROW_PT, max(heights))

    ws: Worksheet = wb.create_sheet(sheet_title(title, wb.sheetnames))
    for column, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        put(ws, 1, column, header, style=HEADER, fill=HEADER_FILL)
        ws.column_dimensions[get_column_letter(column)].width = width
    fit(1, headers, bold=True)
    for row, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = put(ws, row, column, value)
            if formats and column - 1 in formats:
                cell.number_format = formats[column - 1]
        fit(row, values)
    last = get_column_letter(len(headers))
    ws.auto_filter.ref = f"A1:{last}{max(1, len(rows) + 1)}"
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    print_setup(ws)
    return ws
