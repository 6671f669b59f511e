"""Laying out sheets: row heights from text, print setup, protection, a sheet filled row by row, a table sheet.

Row heights are estimated from the text, so wrapped text shows in full in
programs that do not fit rows themselves (LibreOffice, or Excel for merged cells).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo

from ...sheets.cells import footer_text, put, set_style, sheet_title
from ...sheets.styles import BAND_FILL, BODY, BODY_SIZE, BOLD, FONT_NAME, HEADER, HEADER_FILL, LABEL_FILL, TABLE_BOX, font

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.worksheet import Worksheet

    from ...records import Block
    from ...records.content import Attribution
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
            lines += max(1, wrapped_lines(para, per_line)) if para.strip() else 1
    return lines


_SPACES = re.compile(r"([\t\n\x0b\x0c\r ]+)")
"""textwrap's chunks: runs of its whitespace, and what lies between them."""
_TO_SPACE = {ord(c): " " for c in "\t\n\x0b\x0c\r"}


@lru_cache(maxsize=4096)
def wrapped_lines(para: str, width: int) -> int:
    """``len(textwrap.wrap(para, width, break_on_hyphens=False))``, counted without building the lines.

    The same greedy fill, chunk for chunk (textwrap's ``_wrap_chunks``): a workbook lays
    out hundreds of paragraphs, many twice, and textwrap was a third of its time.
    """
    chunks = [c for c in _SPACES.split(para.expandtabs(8).translate(_TO_SPACE)) if c]
    chunks.reverse()
    lines = 0
    while chunks:
        if lines and not chunks[-1].strip():
            del chunks[-1]  # the space a line starts with, after the first
        used, last, count = 0, "", 0
        while chunks and used + len(chunks[-1]) <= width:
            last = chunks.pop()
            used += len(last)
            count += 1
        if chunks and len(chunks[-1]) > width:  # a word longer than a line: what fits, the rest on the next
            last, chunks[-1] = chunks[-1][: width - used], chunks[-1][width - used :]
            count += 1
        if count and not last.strip():
            count -= 1  # the space a line ends with
        if count:
            lines += 1
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
    landscape: bool = True

    def __post_init__(self) -> None:
        for i, width in enumerate(self.widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        print_setup(self.ws, self.widths, landscape=self.landscape)

    @property
    def last(self) -> int:
        return len(self.widths)

    def span(self, first: int, last: int) -> float:
        return sum(self.widths[first - 1 : last])

    def _height(self, row: int, points: float) -> None:
        current = self.ws.row_dimensions[row].height or 0
        self.ws.row_dimensions[row].height = min(MAX_ROW_PT, max(current, round(points, 2)))

    def text(self, value: str, *, first: int = 1, style: Font = BODY, fill: PatternFill | None = None, indent: int = 0) -> Cell:
        """One row of text spanning columns ``first`` to the last."""
        r = self.row
        size = style.sz or BODY_SIZE
        # Never merged (a merged range hides the table's shape from a screen reader): text wraps in its
        # column when it is the sheet's last, else it stays one line that runs over the empty cells beside it.
        wrap = first == self.last
        cell = put(self.ws, r, first, value, style=style, fill=fill, indent=indent, wrap=wrap)
        width = self.widths[first - 1] if wrap else self.span(first, self.last) * 10
        self._height(r, text_height(value, width, size=size, bold=bool(style.b), indent=indent))
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
        self.row += 1

    def table_row(self, cells: Sequence[Sequence[str]], *, keys: int = 1) -> None:
        """One table row; each cell a list of paragraphs.

        A row taller than Excel allows is split: the tallest cell's paragraphs go one
        group a row; each further row repeats the first ``keys`` cells (what the row
        is about), so that every row of the table reads on its own and none is merged.
        """
        texts = [cell_text(c) for c in cells]
        heights = [text_height(t, self.widths[i]) if t else 0.0 for i, t in enumerate(texts)]
        tall = max(range(len(texts)), key=lambda i: heights[i])
        groups = [list(cells[tall])]
        if heights[tall] > SPLIT_PT and len(cells[tall]) > 1:
            groups = _group(list(cells[tall]), lambda paras: text_height(cell_text(paras), self.widths[tall]))
        for k, group in enumerate(groups):
            r = self.row
            height = line_height() + 4
            for c, text in enumerate(texts, start=1):
                if c - 1 == tall:
                    text = cell_text(group)
                elif k > 0 and c > keys:
                    text = ""
                cell = put(self.ws, r, c, text or None)
                set_style(cell, "border", TABLE_BOX)
                if text:
                    height = max(height, text_height(text, self.widths[c - 1]))
            self._height(r, height)
            self.row += 1

    def finish(self, *, freeze: str | None, repeat: str | None) -> None:
        """Freeze the panes above ``freeze`` and repeat the rows ``repeat`` ('3:3') on every printed page."""
        self.ws.freeze_panes = freeze
        if repeat:
            self.ws.print_title_rows = repeat


def _group(paras: list[str], height: Callable[[list[str]], float]) -> list[list[str]]:
    """Consecutive paragraphs packed into groups no taller than SPLIT_PT (a lone paragraph may be)."""
    groups: list[list[str]] = [[]]
    for p in paras:
        if groups[-1] and height(groups[-1] + [p]) > SPLIT_PT:
            groups.append([])
        groups[-1].append(p)
    return groups


MIN_PRINTED_PT = 8.0
"""No printed text is smaller: a sheet is fitted to the page's width only when that keeps its text this large."""
_PAGE_IN = {"portrait": (8.27, 11.69), "landscape": (11.69, 8.27)}
"""A4, in inches."""
_MARGINS_IN = 1.0
"""Left and right margins together (``print_setup``)."""


def column_points(width: float) -> float:
    """A column ``width`` units wide, in points (7 pixels a unit and 5 of padding, at 96 pixels an inch)."""
    return (width * 7 + 5) * 0.75


def fitted_scale(widths: Sequence[float], *, landscape: bool = True) -> float:
    """The scale that fits ``widths`` into one A4 page's width (at most 1)."""
    printable = (_PAGE_IN["landscape" if landscape else "portrait"][0] - _MARGINS_IN) * 72
    return min(1.0, printable / sum(column_points(w) for w in widths))


def print_setup(
    ws: Worksheet,
    widths: Sequence[float] | None = None,
    *,
    landscape: bool = True,
    centred: bool = True,
    smallest: float = BODY_SIZE,
) -> None:
    """A4, narrow margins, centred (tables; not a page of prose), every column on one page width when that
    keeps the ``smallest`` text at 8 pt or more; else at 100%, the columns split over pages.

    LibreOffice prints a centred page of prose in one wide column (a plan's instructions)
    with its left part cut off the page.
    """
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if widths is None or fitted_scale(widths, landscape=landscape) * smallest >= MIN_PRINTED_PT:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    else:
        ws.page_setup.scale = 100
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=False)
        ws.print_title_cols = "A:A"
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = centred
    # Headers and footers keep their size whatever the sheet's scale.
    ws.HeaderFooter.scaleWithDoc = False


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


def title_row(ws: Worksheet, text: str, *, row: int = 1, size: float = 13) -> None:
    """The sheet's title (A1): bold, on one line that may run over the empty cells beside it."""
    put(ws, row, 1, text, style=font(bold=True, size=size, colour="1F3864"), wrap=False)
    ws.row_dimensions[row].height = line_height(size) + 6


_NOT_NAME = re.compile(r"[^A-Za-z0-9_]+")


def add_table(ws: Worksheet, header_row: int, last_row: int, columns: int, name: str) -> None:
    """Make rows ``header_row``..``last_row`` of ``ws`` an Excel table of one header row, keeping the cells' styles.

    A table of no rows stays a header row with a filter: Excel wants a table to hold a row.
    """
    ref = f"A{header_row}:{get_column_letter(columns)}{max(last_row, header_row)}"
    if last_row <= header_row:
        ws.auto_filter.ref = ref
        return
    ws.auto_filter.ref = None
    wb = ws.parent
    assert wb is not None
    taken = {t.casefold() for sheet in wb.worksheets for t in sheet.tables}
    base = "t_" + _NOT_NAME.sub("_", name).strip("_")[:40]
    table_name, n = base, 1
    while table_name.casefold() in taken:
        n += 1
        table_name = f"{base}_{n}"
    table = Table(displayName=table_name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False, showColumnStripes=False)
    ws.add_table(table)


def table_sheet(
    wb: Workbook,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    widths: Sequence[float],
    formats: dict[int, str] | None = None,
    heading: str | None = None,
) -> Worksheet:
    """A sheet of one table: its title in A1 (``heading``, else ``title``), then the header row (frozen,
    filtered, printed on every page) and the rows, as an Excel table."""

    def fit(row: int, values: Sequence[Any], *, bold: bool = False) -> None:
        # LibreOffice does not fit rows to wrapped text itself: give each row the height its text needs.
        heights = [text_height(v, w, bold=bold) for v, w in zip(values, widths, strict=False) if isinstance(v, str) and v]
        if heights:
            ws.row_dimensions[row].height = min(MAX_ROW_PT, max(heights))

    ws: Worksheet = wb.create_sheet(sheet_title(title, wb.sheetnames))
    title_row(ws, heading or title)
    top = 2
    for column, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        put(ws, top, column, header, style=HEADER, fill=HEADER_FILL)
        ws.column_dimensions[get_column_letter(column)].width = width
    fit(top, headers, bold=True)
    for row, values in enumerate(rows, start=top + 1):
        for column, value in enumerate(values, start=1):
            cell = put(ws, row, column, value)
            if formats and column - 1 in formats:
                cell.number_format = formats[column - 1]
        fit(row, values)
    add_table(ws, top, top + len(rows), len(headers), title)
    ws.freeze_panes = f"A{top + 1}"
    ws.print_title_rows = f"{top}:{top}"
    print_setup(ws, widths)
    return ws
