"""Read an OpenDocument spreadsheet (``.ods``, LibreOffice's own format) into a ``Book``.

A force that fills its plan in LibreOffice and presses Save sends an ``.ods``: the
plan nvap wrote as ``.xlsx`` with the same defined names (LibreOffice keeps them as
named ranges), or a plan nvap wrote as ``.ods``.  OpenDocument stores the text
each cell shows (``text:p``) beside its value, so what the force saw is read
as it is; values inside merged ranges are ``covered-table-cell`` elements, and
notes are ``office:annotation``.  Read with the standard library.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from xml.etree import ElementTree

from .book import Book, Cell, Sheet, column_letter

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "calcext": "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}
MAX_REPEAT = 1024
"""A non-empty cell repeated more often than this is read this many times (a whole column filled is no plan)."""


def _q(prefix: str, name: str) -> str:
    return f"{{{_NS[prefix]}}}{name}"


_TABLE, _ROW, _CELL, _COVERED = (
    _q("table", "table"),
    _q("table", "table-row"),
    _q("table", "table-cell"),
    _q("table", "covered-table-cell"),
)
_ROWS_REPEATED, _COLS_REPEATED = _q("table", "number-rows-repeated"), _q("table", "number-columns-repeated")
_COLS_SPANNED, _ROWS_SPANNED = _q("table", "number-columns-spanned"), _q("table", "number-rows-spanned")
_P, _ANNOTATION = _q("text", "p"), _q("office", "annotation")


class NotSpreadsheet(Exception):
    """The package holds no spreadsheet content that can be read."""


def read_ods(archive: zipfile.ZipFile) -> Book:
    """The spreadsheet in ``archive``; raises ``NotSpreadsheet`` (or zipfile's errors for a damaged zip)."""
    try:
        root = ElementTree.fromstring(archive.read("content.xml"))
    except KeyError:
        raise NotSpreadsheet("it holds no content.xml") from None
    except ElementTree.ParseError as exc:
        raise NotSpreadsheet(f"its content.xml is damaged ({exc})") from None
    book = Book(kind="OpenDocument spreadsheet")
    hidden_styles = {
        style.get(_q("style", "name"), "")
        for style in root.iter(_q("style", "style"))
        if any(p.get(_q("table", "display")) == "false" for p in style.iter(_q("style", "table-properties")))
    }
    for table in root.iter(_TABLE):
        title = table.get(_q("table", "name"), "")
        state = "hidden" if table.get(_q("table", "style-name")) in hidden_styles else "visible"
        book.sheets[title] = _sheet(table, title, state)
    for named in root.iter(_q("table", "named-range")):
        name = named.get(_q("table", "name"), "")
        book.names[name] = _reference(named.get(_q("table", "cell-range-address"), ""))
    book.modified = _modified(archive)
    return book


_ADDRESS = re.compile(
    r"^\$?(?:'((?:[^']|'')+)'|([^.'$][^.]*|\$[^.]*))?\.\$?([A-Z]{1,3})\$?(\d+)(?::\$?(?:'(?:[^']|'')+'|[^.]*)?\.\$?([A-Z]{1,3})\$?(\d+))?$"
)


def _reference(address: str) -> str:
    """An OpenDocument range address (``$'2.6.2 Norms'.$B$5``, ``$nvap_lists.$A$1:.$A$4``) as Excel writes it."""
    match = _ADDRESS.match(address.strip())
    if match is None:
        return "#REF!"
    quoted, plain, col1, row1, col2, row2 = match.groups()
    sheet = quoted.replace("''", "'") if quoted is not None else (plain or "").lstrip("$")
    ref = f"${col1}${row1}" + (f":${col2}${row2}" if col2 else "")
    return "'" + sheet.replace("'", "''") + "'!" + ref


def _sheet(table: ElementTree.Element, title: str, state: str) -> Sheet:
    sheet = Sheet(title=title, state=state)
    row = 0
    merged_from: dict[tuple[int, int], str] = {}
    for element in table.iter(_ROW):
        repeat = int(element.get(_ROWS_REPEATED, "1"))
        cells = list(element)
        if not any(_has_content(c) for c in cells):
            row += repeat
            continue
        for _ in range(min(repeat, MAX_REPEAT)):
            row += 1
            col = 0
            for cell in cells:
                if cell.tag not in (_CELL, _COVERED):
                    continue
                times = int(cell.get(_COLS_REPEATED, "1"))
                if not _has_content(cell):
                    col += times
                    continue
                for _ in range(min(times, MAX_REPEAT)):
                    col += 1
                    _read_cell(sheet, cell, row, col, merged_from)
        row += max(0, repeat - MAX_REPEAT)
    return sheet


def _has_content(cell: ElementTree.Element) -> bool:
    return len(cell) > 0 or cell.get(_q("office", "value-type")) is not None or cell.get(_q("table", "formula")) is not None


def _read_cell(sheet: Sheet, cell: ElementTree.Element, row: int, col: int, merged_from: dict[tuple[int, int], str]) -> None:
    span_cols, span_rows = int(cell.get(_COLS_SPANNED, "1")), int(cell.get(_ROWS_SPANNED, "1"))
    if cell.tag == _CELL and (span_cols > 1 or span_rows > 1):
        anchor = f"{column_letter(col)}{row}"
        for r in range(row, row + span_rows):
            for c in range(col, col + span_cols):
                if (r, c) != (row, col):
                    merged_from[(r, c)] = anchor
    for note in cell.iter(_ANNOTATION):
        text = "\n".join(_text(p) for p in note.iter(_P))
        if text.strip():
            sheet.notes[(row, col)] = text
    hidden_by = merged_from.get((row, col)) if cell.tag == _COVERED else None
    found = _value(cell, row, col, hidden_by)
    if found is not None:
        sheet.cells[(row, col)] = found


def _value(cell: ElementTree.Element, row: int, col: int, hidden_by: str | None) -> Cell | None:
    """The cell as shown (``text:p``, what LibreOffice displayed) and as stored (``office:value``)."""
    kind = cell.get(_q("office", "value-type"))
    formula = cell.get(_q("table", "formula"))
    if formula is not None:
        formula = re.sub(r"^(?:of|oooc|msoxl):=?", "", formula).removeprefix("=")
    shown = "\n".join(_text(p) for p in cell if p.tag == _P)
    if cell.get(_q("calcext", "value-type")) == "error":
        return Cell(row, col, shown=shown, stored=shown, formula=formula, error=shown, hidden_by=hidden_by)
    if kind is None:
        if formula is None and not shown:
            return None
        return Cell(
            row,
            col,
            shown=shown,
            stored=shown,
            formula=formula,
            uncalculated=formula is not None and not shown,
            hidden_by=hidden_by,
        )
    stored, number, is_date = shown, None, False
    if kind in ("float", "percentage", "currency"):
        stored = cell.get(_q("office", "value"), "")
        number = _float(stored)
    elif kind == "date":
        stored = cell.get(_q("office", "date-value"), "")
        number, is_date = _serial(stored), True
    elif kind == "time":
        stored = cell.get(_q("office", "time-value"), "")
        number, is_date = _duration(stored), True
    elif kind == "boolean":
        stored = cell.get(_q("office", "boolean-value"), "")
        shown = shown or stored.upper()
    else:
        text = cell.get(_q("office", "string-value"))
        stored = text if text is not None else shown
    return Cell(row, col, shown=shown, stored=stored, number=number, is_date=is_date, formula=formula, hidden_by=hidden_by)


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _text(paragraph: ElementTree.Element) -> str:
    """A paragraph's text as shown: spaces (``text:s``), tabs and line breaks restored, spans and links read through."""
    parts = [paragraph.text or ""]
    for child in paragraph:
        name = child.tag.rpartition("}")[2]
        if name == "s":
            parts.append(" " * int(child.get(_q("text", "c"), "1")))
        elif name == "tab":
            parts.append("\t")
        elif name == "line-break":
            parts.append("\n")
        elif name == "annotation":
            pass
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


_EPOCH = datetime(1899, 12, 30)


def _serial(value: str) -> float | None:
    """An ISO date or date-time as Excel's serial number (days since 30 December 1899)."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return (moment - _EPOCH).total_seconds() / 86400


_DURATION = re.compile(r"^-?PT?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$")


def _duration(value: str) -> float | None:
    """An ISO duration (``PT14H30M00S``) as a fraction of a day."""
    match = _DURATION.match(value)
    if match is None:
        return None
    hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    return (hours * 3600 + minutes * 60 + seconds) / 86400


def _modified(archive: zipfile.ZipFile) -> datetime | None:
    try:
        meta = ElementTree.fromstring(archive.read("meta.xml"))
    except (KeyError, ElementTree.ParseError):
        return None
    for element in meta.iter(_q("dc", "date")):
        try:
            return datetime.fromisoformat((element.text or "").strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    return None
