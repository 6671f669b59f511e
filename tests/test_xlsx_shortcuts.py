"""nvap's shortcuts past openpyxl's slow paths give exactly what openpyxl gives.

The oracle is openpyxl itself (``merge_cells``, setting ``cell.border``...) and the
standard library's textwrap: each shortcut is checked against the library's own way.
"""

from __future__ import annotations

import io
import textwrap
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.styles import Border, Font, PatternFill, Protection, Side

from nvap_toolkit.render.xlsx import layout
from nvap_toolkit.render.xlsx.layout import CHARS_PER_UNIT, text_lines
from nvap_toolkit.sheets.cells import merge, set_style
from nvap_toolkit.sheets.styles import BODY_SIZE

THIN = Side(style="thin", color="8EA9C1")
THICK = Side(style="medium", color="000000")
BOXES = [
    None,
    Border(left=THIN, right=THIN, top=THIN, bottom=THIN),
    Border(left=THIN, right=THIN, top=Side(style=None), bottom=THIN),
    Border(top=THICK, bottom=THIN),
    Border(left=THICK),
]
RANGES = [(1, 1, 1, 4), (3, 2, 6, 2), (8, 1, 10, 3), (12, 3, 12, 3 + 1), (14, 1, 16, 1)]


def saved(wb: Workbook) -> dict[str, bytes]:
    """The saved workbook's parts, but for the two that hold the time of saving (the zip's headers, docProps/core.xml)."""
    out = io.BytesIO()
    wb.save(out)
    with zipfile.ZipFile(out) as parts:
        return {name: parts.read(name) for name in parts.namelist() if name != "docProps/core.xml"}


def sheet_styles(wb: Workbook) -> dict[tuple[int, int], tuple[str, tuple[int, ...]]]:
    """Every cell's kind (merged or not) and style indices."""
    ws = wb.active
    assert ws is not None
    return {
        key: (type(cell).__name__, tuple(cell._style) if cell._style else ())  # type: ignore[union-attr]
        for key, cell in sorted(ws._cells.items())
    }


def fill_in(wb: Workbook, box: Border | None, *, end_cells: bool, protect: bool) -> None:
    """Cells to merge: the first with text, a border and a fill; maybe cells already at the ranges' ends."""
    ws = wb.active
    assert ws is not None
    for first_row, first_column, last_row, last_column in RANGES:
        cell = ws.cell(row=first_row, column=first_column, value="text")
        cell.font = Font(name="Arial", bold=True)
        cell.fill = PatternFill(fill_type="solid", start_color="DDEBF7", end_color="DDEBF7")
        if box is not None:
            cell.border = box
        if protect:
            cell.protection = Protection(locked=False)
        if end_cells:
            ws.cell(row=last_row, column=last_column).border = BOXES[1]


def test_merge_gives_openpyxl_merge_cells() -> None:
    cases = 0
    for box in BOXES:
        for end_cells in (False, True):
            for protect in (False, True):
                theirs, ours = Workbook(), Workbook()
                for wb in (theirs, ours):
                    fill_in(wb, box, end_cells=end_cells, protect=protect)
                for first_row, first_column, last_row, last_column in RANGES:
                    ws = theirs.active
                    assert ws is not None
                    ws.merge_cells(start_row=first_row, start_column=first_column, end_row=last_row, end_column=last_column)
                    mine = ours.active
                    assert mine is not None
                    merge(mine, first_row, first_column, last_row, last_column)
                assert sheet_styles(ours) == sheet_styles(theirs), (box, end_cells, protect)
                assert list(ours._borders) == list(theirs._borders)
                assert list(ours._protections) == list(theirs._protections)
                assert saved(ours) == saved(theirs)
                cases += 1
    assert cases == 20


def test_set_style_gives_openpyxl_attribute_setting() -> None:
    fonts = [Font(name="Arial"), Font(name="Arial", bold=True), Font(name="Arial")]  # equal, not identical: one index
    fills = [PatternFill(fill_type="solid", start_color="F2F2F2", end_color="F2F2F2"), None]
    theirs, ours = Workbook(), Workbook()
    for row in range(1, 30):
        for wb, shortcut in ((theirs, False), (ours, True)):
            ws = wb.active
            assert ws is not None
            cell = ws.cell(row=row, column=1 + row % 3, value=row)
            font, fill, box = fonts[row % 3], fills[row % 2], BOXES[1 + row % 4]
            if shortcut:
                set_style(cell, "font", font)
                set_style(cell, "border", box)
                if fill is not None:
                    set_style(cell, "fill", fill)
            else:
                cell.font = font
                cell.border = box
                if fill is not None:
                    cell.fill = fill
    assert sheet_styles(ours) == sheet_styles(theirs)
    assert saved(ours) == saved(theirs)
    assert len(ours._fonts) == 3  # openpyxl's default font, and the two distinct ones


def wrapped_lines(text: str, width: float) -> int:
    """The line count as textwrap gives it, paragraph by paragraph (the estimate before the shortcut)."""
    per_line = max(4, int(width * CHARS_PER_UNIT - 2))
    return sum(max(1, len(textwrap.wrap(p, per_line, break_on_hyphens=False))) if p.strip() else 1 for p in text.split("\n"))


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab cdé\t\n-\u00a0\u2003xyzW.")), max_size=120),
    width=st.floats(min_value=2, max_value=60),
)
def test_text_lines_counts_as_textwrap_does(text: str, width: float) -> None:
    assert text_lines(text, width, size=BODY_SIZE) == wrapped_lines(text, width)


@settings(max_examples=1500, deadline=None)
@given(
    para=st.text(alphabet=st.sampled_from(list("ab  cdéW\t\u00a0\u2003\r\x0b-.")), max_size=200),
    width=st.integers(min_value=4, max_value=40),
)
def test_wrapped_lines_counts_as_textwrap_does(para: str, width: int) -> None:
    """Long words broken, runs of spaces, tabs, leading and trailing spaces: the count is textwrap's."""
    assert layout.wrapped_lines(para, width) == len(textwrap.wrap(para, width, break_on_hyphens=False))
