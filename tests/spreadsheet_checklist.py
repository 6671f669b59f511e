"""The Government Analysis Function's "Releasing statistics in spreadsheets" checklist, as a test utility.

No checker of it can be installed, so this is a small one: ``failures(path)``
opens a workbook with openpyxl and returns one line per failed rule (empty when
it passes).  The rules, each named in its lines:

* ``cover``: the first sheet is visible and links to every other visible sheet
  (an internal hyperlink whose location is that sheet);
* ``title``: every visible sheet has a text title in A1, outside any table;
* ``merged``: no merged cells (they hide a table's shape from screen readers);
* ``blank-row`` / ``blank-column``: no empty row inside a table, no column without a header;
* ``header``: each table (Excel table or filtered range) has one header row: the row
  above it holds nothing in the table's columns but a title in column A;
* ``input``: every unlocked cell of a protected sheet has an input message;
* ``hidden``: a hidden sheet is "very hidden" and named on the cover;
* ``properties``: the document's title, subject and language are set;
* ``font``: no printed text below 8 pt: a cell's font size times the sheet's print
  scale (``scale``, or the fit to ``fitToWidth`` pages wide and ``fitToHeight`` tall
  from the column widths and row heights), and the header and footer's sizes.

Tables are ``ws.tables`` and, on a sheet without them, ``ws.auto_filter``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

MIN_PRINTED_PT = 8.0
DEFAULT_FONT_PT = 11.0
DEFAULT_WIDTH = 8.43
DEFAULT_HEIGHT_PT = 15.0
PAPER_IN = {1: (8.5, 11.0), 9: (8.27, 11.69)}
"""Letter and A4, portrait, in inches."""


def failures(source: Path | bytes) -> list[str]:
    """Every failed rule of the workbook at ``source`` (a path or its bytes), as ``rule: sheet: detail``."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    wb = load_workbook(io.BytesIO(data))
    found: list[str] = []
    found += _properties(wb)
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    cover = wb.worksheets[0] if wb.worksheets else None
    if cover is None or cover.sheet_state != "visible":
        found.append("cover: the first sheet is not a visible cover")
    else:
        found += _cover(cover, visible, [ws for ws in wb.worksheets if ws.sheet_state != "visible"])
    for ws in visible:
        found += _sheet(ws)
    return found


def _text(ws: Worksheet) -> str:
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)


def _properties(wb: Any) -> list[str]:
    props = wb.properties
    return [f"properties: the document has no {name}" for name in ("title", "subject", "language") if not getattr(props, name)]


def _cover(cover: Any, visible: list[Any], hidden: list[Any]) -> list[str]:
    found = []
    linked = set()
    for row in cover.iter_rows():
        for cell in row:
            link = cell.hyperlink
            if link is not None and link.location:
                sheet = link.location.rsplit("!", 1)[0].strip("'").replace("''", "'")
                linked.add(sheet)
    for ws in visible[1:]:
        if ws.title not in linked:
            found.append(f"cover: {cover.title} does not link to the sheet {ws.title}")
    text = _text(cover)
    for ws in hidden:
        if ws.sheet_state != "veryHidden":
            found.append(f"hidden: {ws.title} is hidden, not very hidden")
        if ws.title not in text:
            found.append(f"hidden: {ws.title} is hidden and the cover does not name it")
    return found


def _tables(ws: Worksheet) -> list[tuple[str, int, int, int, int, int]]:
    """(name, first column, header row, last column, last row, header rows) of each table of ``ws``."""
    found = []
    for table in ws.tables.values():
        c1, r1, c2, r2 = range_boundaries(table.ref)
        found.append((table.displayName, c1, r1, c2, r2, 1 if table.headerRowCount is None else int(table.headerRowCount)))
    if not found and ws.auto_filter.ref:
        c1, r1, c2, r2 = range_boundaries(ws.auto_filter.ref)
        found.append(("filter", c1, r1, c2, r2, 1))
    return [(n, int(c1 or 1), int(r1 or 1), int(c2 or 1), int(r2 or 1), h) for n, c1, r1, c2, r2, h in found]


def _sheet(ws: Worksheet) -> list[str]:
    found = []
    tables = _tables(ws)
    a1 = ws["A1"].value
    in_table = any(c1 == 1 and r1 == 1 for _, c1, r1, *_ in tables)
    if not isinstance(a1, str) or not a1.strip() or in_table:
        found.append(f"title: {ws.title} has no title in A1")
    for merged in ws.merged_cells.ranges:
        found.append(f"merged: {ws.title}!{merged.coord} is merged")
    for name, c1, r1, c2, r2, header_rows in tables:
        if header_rows != 1:
            found.append(f"header: {ws.title} table {name} has {header_rows} header rows")
        for col in range(c1, c2 + 1):
            if ws.cell(row=r1, column=col).value in (None, ""):
                found.append(
                    f"blank-column: {ws.title} table {name} has a column without a header ({ws.cell(row=r1, column=col).coordinate})"
                )
        for row in range(r1 + 1, r2 + 1):
            if all(ws.cell(row=row, column=col).value in (None, "") for col in range(c1, c2 + 1)):
                found.append(f"blank-row: {ws.title} table {name} has an empty row {row}")
        if r1 > 1:
            above = [ws.cell(row=r1 - 1, column=col).value for col in range(c1, c2 + 1)]
            if any(v not in (None, "") for v in above[1:]) or (c1 > 1 and above[0] not in (None, "")):
                found.append(f"header: {ws.title} table {name} has a second header row above row {r1}")
    found += _inputs(ws)
    found += _fonts(ws)
    return found


def _inputs(ws: Worksheet) -> list[str]:
    if not ws.protection.sheet:
        return []
    prompted: set[str] = set()
    for dv in ws.data_validations.dataValidation:
        if dv.showInputMessage and dv.prompt:
            for ref in dv.sqref.ranges:
                prompted.update(f"{get_column_letter(c)}{r}" for r, c in ref.cells)
    return [
        f"input: {ws.title}!{cell.coordinate} is an input without an input message"
        for row in ws.iter_rows()
        for cell in row
        if cell.protection is not None and cell.protection.locked is False and cell.coordinate not in prompted
    ]


def _print_columns(ws: Worksheet) -> tuple[int, int, int, int]:
    area = ws.print_area
    if area:
        first = area.split(",")[0] if isinstance(area, str) else area[0]
        ref = first.rsplit("!", 1)[-1].replace("$", "")
        c1, r1, c2, r2 = range_boundaries(ref)
        return int(c1 or 1), int(r1 or 1), int(c2 or 1), int(r2 or 1)
    return 1, 1, ws.max_column, ws.max_row


def print_scale(ws: Worksheet) -> float:
    """The scale a sheet prints at: its ``scale``, or what fitting it to its pages gives."""
    setup = ws.page_setup
    fit = ws.sheet_properties.pageSetUpPr is not None and bool(ws.sheet_properties.pageSetUpPr.fitToPage)
    if not fit:
        return float(setup.scale or 100) / 100
    width_in, height_in = PAPER_IN.get(int(setup.paperSize or 9), PAPER_IN[9])
    if setup.orientation == "landscape":
        width_in, height_in = height_in, width_in
    m = ws.page_margins
    printable_w = (width_in - (m.left or 0.7) - (m.right or 0.7)) * 72
    printable_h = (height_in - (m.top or 0.75) - (m.bottom or 0.75)) * 72
    c1, r1, c2, r2 = _print_columns(ws)
    width_pt = sum(
        ((ws.column_dimensions[get_column_letter(c)].width or DEFAULT_WIDTH) * 7 + 5) * 0.75 for c in range(c1, c2 + 1)
    )
    height_pt = sum(ws.row_dimensions[r].height or DEFAULT_HEIGHT_PT for r in range(r1, r2 + 1))
    scale = 1.0
    pages_wide = 1 if setup.fitToWidth is None else int(setup.fitToWidth)
    pages_tall = 1 if setup.fitToHeight is None else int(setup.fitToHeight)
    if pages_wide:
        scale = min(scale, printable_w * pages_wide / width_pt)
    if pages_tall:
        scale = min(scale, printable_h * pages_tall / height_pt)
    return max(0.1, scale)


_SIZE = re.compile(r"&(\d+(?:\.\d+)?)")


def _footer_sizes(ws: Worksheet) -> Iterator[tuple[str, float]]:
    for which in ("oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"):
        part = getattr(ws, which)
        for side in ("left", "center", "right"):
            item = getattr(part, side)
            if item is not None and item.text:
                yield f"{which}.{side}", float(item.size or DEFAULT_FONT_PT)


def _fonts(ws: Worksheet) -> list[str]:
    scale = print_scale(ws)
    c1, r1, c2, r2 = _print_columns(ws)
    smallest: tuple[float, str] | None = None
    for row in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2):
        for cell in row:
            if cell.value in (None, ""):
                continue
            size = float(cell.font.sz or DEFAULT_FONT_PT) if cell.font is not None else DEFAULT_FONT_PT
            if smallest is None or size < smallest[0]:
                smallest = (size, cell.coordinate)
    found = []
    if smallest is not None and smallest[0] * scale < MIN_PRINTED_PT - 0.05:
        found.append(f"font: {ws.title}!{smallest[1]} prints at {smallest[0] * scale:.1f} pt ({smallest[0]:g} pt at {scale:.0%})")
    with_doc = ws.HeaderFooter.scaleWithDoc is not False
    for where, size in _footer_sizes(ws):
        printed = size * (scale if with_doc else 1.0)
        if printed < MIN_PRINTED_PT - 0.05:
            found.append(f"font: {ws.title} {where} prints at {printed:.1f} pt")
    return found


def column_number(letter: str) -> int:
    """'B' -> 2 (for tests)."""
    return int(column_index_from_string(letter))
