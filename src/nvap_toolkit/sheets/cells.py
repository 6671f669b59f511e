"""Writing text into cells so that it stays text, links, defined names and sheet titles, for every workbook."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.styles.borders import Border
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.merge import MergedCellRange

from ..errors import NvapError
from .styles import BODY, LINK_COLOUR, alignment, font

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.worksheet import Worksheet

SHEET_TITLE_MAX = 31
_SLASH = re.compile(r"[/\\]")
_BAD_TITLE = re.compile(r"[\[\]:*?]")


def clean(text: str) -> str:
    """Text a worksheet can hold: control characters (which openpyxl refuses) are dropped."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def write_text(cell: Cell, text: str) -> Cell:
    """Put content text in ``cell`` as a string: '=1+1', '+44', '@x' are shown, never calculated."""
    cell.value = clean(text)
    # openpyxl makes a formula of any str starting with '=': content is always text.
    cell.data_type = "s"
    return cell


def sheet_title(text: str, taken: Iterable[str] = ()) -> str:
    """A valid, unique sheet title from content: at most 31 characters, none of []:*?/\\.

    A slash becomes a hyphen ('Officer/Staff' -> 'Officer-Staff'), the other forbidden
    characters spaces; a long title is cut at a word; a taken one gets ' (2)'.
    """
    title = _BAD_TITLE.sub(" ", _SLASH.sub("-", clean(text)))
    title = " ".join(title.split()).strip("'").strip()
    if len(title) > SHEET_TITLE_MAX:
        head = title[: SHEET_TITLE_MAX + 1]
        title = (head.rsplit(" ", 1)[0] if " " in head else head)[:SHEET_TITLE_MAX].rstrip()
    title = title or "1"
    used = {t.casefold() for t in taken} | {"history"}
    base, n = title, 1
    while title.casefold() in used:
        n += 1
        suffix = f" ({n})"
        title = base[: SHEET_TITLE_MAX - len(suffix)].rstrip() + suffix
    return title


def put(
    ws: Worksheet,
    row: int,
    column: int,
    value: Any,
    *,
    style: Font | None = None,
    fill: PatternFill | None = None,
    wrap: bool = True,
    indent: int = 0,
    horizontal: str | None = None,
) -> Cell:
    """Write one cell with a font and alignment. A str is always a string cell: '=1+1' is shown, never calculated."""
    cell = ws.cell(row=row, column=column)
    assert isinstance(cell, Cell), f"{cell.coordinate} is inside a merged range"
    if isinstance(value, str):
        write_text(cell, value)
    elif value is not None:
        cell.value = value
    set_style(cell, "font", style or BODY)
    set_style(cell, "alignment", alignment(wrap=wrap, indent=indent, horizontal=horizontal))
    if fill is not None:
        set_style(cell, "fill", fill)
    return cell


_STYLE_LISTS = {
    "font": ("_fonts", "fontId"),
    "fill": ("_fills", "fillId"),
    "border": ("_borders", "borderId"),
    "alignment": ("_alignments", "alignmentId"),
}
"""Each kind of style: the workbook's list of them, and the cell's index into it."""
_LOOKED_UP: WeakKeyDictionary[Workbook, dict[tuple[str, int], tuple[object, int]]] = WeakKeyDictionary()
"""Per workbook: a style object (by identity, kept alive here) and its index in the workbook's list."""
_EDGES: WeakKeyDictionary[Workbook, dict[tuple[int, str, int], int]] = WeakKeyDictionary()
"""Per workbook: (a border, an edge's name, the border it is taken from) -> the first with that edge added
(by index in the workbook's list of borders; see ``merge``)."""


def set_style(cell: Cell | MergedCell, kind: Literal["font", "fill", "border", "alignment"], value: object) -> None:
    """``cell.<kind> = value``, with the same result, looking ``value`` up once per workbook.

    openpyxl finds a style's index by hashing it, field by field, each time it is set:
    a fifth of a workbook's rendering here, for the few style objects nvap makes once
    (see ``styles``) and sets on every cell.
    """
    wb = cell.parent.parent
    assert wb is not None, "a cell of a sheet in a workbook"
    collection, index = _STYLE_LISTS[kind]
    looked_up = _LOOKED_UP.setdefault(wb, {})
    found = looked_up.get((kind, id(value)))
    if found is None:
        found = looked_up[kind, id(value)] = (value, getattr(wb, collection).add(value))
    setattr(_style_ids(cell), index, found[1])


def put_text(cell: Cell | MergedCell, text: str | None, style: str | None = None) -> Cell:
    """Write text into ``cell`` with a named style (the plan form's): never a formula, whatever it starts with."""
    assert isinstance(cell, Cell), f"{cell.coordinate} is inside a merged range"
    if text is not None:
        write_text(cell, text)
    if style is not None:
        cell.style = style
    return cell


def merge(ws: Worksheet, first_row: int, first_column: int, last_row: int, last_column: int) -> None:
    """Merge a range of cells: what ``ws.merge_cells`` does, to the same cells, styles and bytes, faster.

    openpyxl (3.1, pinned) gives each cell of the range the first cell's protection
    and each edge cell its border by looking the style up anew per cell: copying it
    through XML and hashing it each time, a third of a workbook's rendering here.
    This takes the same steps in the same order (so the styles are listed in the
    same order), and reuses a look-up's result for the cells it would repeat on.
    """
    ref = f"{get_column_letter(first_column)}{first_row}:{get_column_letter(last_column)}{last_row}"
    merged = MergedCellRange(ws, ref)  # as openpyxl: the first cell takes the last cell's right and bottom edges
    ws.merged_cells.add(merged)
    cells: dict[tuple[int, int], Cell | MergedCell] = ws._cells
    rows, columns = range(first_row, last_row + 1), range(first_column, last_column + 1)
    for row in rows:
        for column in columns:
            if (row, column) != (first_row, first_column):
                cells[row, column] = MergedCell(ws, row, column)
    start = merged.start_cell
    assert ws.parent is not None, "a sheet in a workbook"
    became = _EDGES.setdefault(ws.parent, {})
    for name in ("top", "left", "right", "bottom"):  # openpyxl's order (MergedCellRange.format)
        first = _style_ids(start).borderId
        side = getattr(start.border, name)
        if side and side.style is None:
            continue
        edge = Border(**{name: side})
        for coordinate in getattr(merged, name):
            cell = cells[coordinate]
            style = _style_ids(cell)
            key = (style.borderId, name, first)
            if key in became:
                style.borderId = became[key]
            else:
                cell.border += edge
                became[key] = style.borderId
    # Each cell gets the first cell's protection: openpyxl finds it at the first cell's index.
    protection = _style_ids(start).protectionId
    for row in rows:
        for column in columns:
            _style_ids(cells[row, column]).protectionId = protection


def _style_ids(cell: Cell | MergedCell) -> StyleArray:
    """The indices of a cell's styles in the workbook's lists (openpyxl makes them when a style is first set)."""
    ids: StyleArray | None = getattr(cell, "_style", None)
    if not ids:
        ids = StyleArray()
        setattr(cell, "_style", ids)  # noqa: B010 (private in openpyxl's stubs)
    return ids


def hyperlink(cell: Cell | MergedCell, url: str) -> None:
    """Make a cell a link to ``url`` (its text stays what it is)."""
    assert isinstance(cell, Cell), f"{cell.coordinate} is inside a merged range"
    cell.hyperlink = url
    cell.font = font(colour=LINK_COLOUR, underline="single", bold=bool(cell.font and cell.font.b))


def footer_text(text: str) -> str:
    """Text for a print header or footer: '&' is a control character there."""
    return clean(text).replace("&", "&&")


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters (Excel's limits on prompts and titles)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def add_name(wb: Workbook, name: str, ws_title: str, ref: str) -> None:
    """Define ``name`` (workbook scope) for ``ref`` on the sheet ``ws_title``; names are unique."""
    if name.casefold() in {n.casefold() for n in wb.defined_names}:
        raise NvapError(f"the workbook already has a cell named {name}: is the same plan in it twice?")
    wb.defined_names[name] = DefinedName(name, attr_text=f"{quote_sheetname(ws_title)}!{ref}")


def absolute(coordinate: str) -> str:
    """'B12' -> '$B$12'."""
    m = re.fullmatch(r"([A-Z]+)(\d+)", coordinate)
    assert m, coordinate
    return f"${m.group(1)}${m.group(2)}"
