"""Read an Office Open XML workbook (``.xlsx``, ``.xlsm``, transitional or strict) into a ``Book``.

Read from the parts themselves with the standard library, so that nothing a force
saved is lost on the way: values LibreOffice keeps inside merged ranges, notes,
formulas with their cached values and errors, the number format of every cell
(a percentage is shown as ``75%``, not ``0.75``), Excel's ``_xHHHH_`` escapes
decoded as ECMA-376 says (Part 1, 22.4.2.4), and Strict Open XML, whose
namespaces differ (elements are matched by their local names, relationships by
the last part of their type).
"""

from __future__ import annotations

import functools
import posixpath
import re
import zipfile
from dataclasses import replace
from datetime import datetime
from xml.etree import ElementTree

from . import numfmt
from .book import Book, Cell, Sheet, cells_between, split_coord

MAX_PART = 64 * 1024 * 1024
"""A part larger than this when unpacked is refused (a zip bomb, not a plan)."""


class NotWorkbook(Exception):
    """The zip holds no workbook part that can be read; the message says what is wrong."""


@functools.cache
def _local(tag: str) -> str:
    """A tag's local name: ``{namespace}row`` -> ``row`` (tags repeat, so each is split once)."""
    return tag.rpartition("}")[2]


def _attr(element: ElementTree.Element, name: str) -> str | None:
    """An attribute by its local name, whatever its namespace (``r:id`` in either flavour)."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """Decode ``_xHHHH_`` as the character it stands for; ``_x005F_`` is a literal ``_``, so ``_x005F_x000B_`` is ``_x000B_``."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _raw_text_of(element: ElementTree.Element) -> str:
    """The text of a string item (``si``, ``is``, a comment's ``text``) as stored: its ``t`` and runs, not phonetic hints."""
    parts: list[str] = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return "".join(parts)


def _text_of(element: ElementTree.Element) -> str:
    """The text of a string item, its ``_xHHHH_`` escapes decoded."""
    return unescape(_raw_text_of(element))


class _Package:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.parts = {info.filename: info for info in archive.infolist()}

    def has(self, part: str) -> bool:
        return part in self.parts

    def xml(self, part: str) -> ElementTree.Element:
        info = self.parts.get(part)
        if info is None:
            raise NotWorkbook(f"the part {part} is missing")
        if info.file_size > MAX_PART:
            raise NotWorkbook(f"the part {part} is too large to be a plan")
        try:
            return ElementTree.fromstring(self.archive.read(info))
        except ElementTree.ParseError as exc:
            raise NotWorkbook(f"the part {part} is damaged ({exc})") from None

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships: id -> (type's last word, target part)."""
        folder, name = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", name + ".rels")
        if not self.has(rels_part):
            return {}
        found = {}
        for rel in self.xml(rels_part):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[rel.get("Id", "")] = (rel.get("Type", "").rpartition("/")[2], path)
        return found


def read_ooxml(archive: zipfile.ZipFile) -> Book:
    """The workbook in ``archive``; raises ``NotWorkbook`` (or zipfile's errors for a damaged zip)."""
    package = _Package(archive)
    main = next((path for kind, path in package.rels("").values() if kind == "officeDocument"), "xl/workbook.xml")
    if not package.has(main):
        raise NotWorkbook("it holds no workbook")
    workbook = package.xml(main)
    strict = workbook.tag.startswith("{http://purl.oclc.org/")
    book = Book(kind="Excel workbook (Strict Open XML)" if strict else "Excel workbook")
    rels = package.rels(main)
    date1904 = False
    sheets: list[tuple[str, str, str]] = []
    for element in workbook.iter():
        name = _local(element.tag)
        if name == "workbookPr":
            date1904 = element.get("date1904", "0").lower() in ("1", "true")
        elif name == "sheet":
            rel = rels.get(_attr(element, "id") or "")
            if rel is not None:
                sheets.append((element.get("name", ""), element.get("state", "visible"), rel[1]))
        elif name == "definedName" and element.get("localSheetId") is None:
            book.names[element.get("name", "")] = (element.text or "").strip()
    by_kind = {kind: path for kind, path in rels.values()}
    strings = _shared_strings(package, by_kind.get("sharedStrings"))
    formats = _cell_formats(package, by_kind.get("styles"))
    for title, state, part in sheets:
        if package.has(part):
            book.sheets[title] = _sheet(package, part, title, state, strings, formats, date1904=date1904)
    book.modified = _modified(package)
    return book


def _shared_strings(package: _Package, part: str | None) -> list[str]:
    """The shared strings as stored (escapes and all): decoded when a cell is read."""
    if part is None or not package.has(part):
        return []
    return [_raw_text_of(si) for si in package.xml(part) if _local(si.tag) == "si"]


def _cell_formats(package: _Package, part: str | None) -> list[str]:
    """The number format code of each cell style (``s`` of a cell), in order."""
    if part is None or not package.has(part):
        return []
    styles = package.xml(part)
    custom: dict[int, str] = {}
    codes: list[str] = []
    for child in styles:
        name = _local(child.tag)
        if name == "numFmts":
            for fmt in child:
                custom[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode", "General")
        elif name == "cellXfs":
            for xf in child:
                number = int(xf.get("numFmtId", "0"))
                codes.append(custom.get(number, numfmt.BUILTIN_FORMATS.get(number, "General")))
    return codes


def _sheet(
    package: _Package, part: str, title: str, state: str, strings: list[str], formats: list[str], *, date1904: bool
) -> Sheet:
    sheet = Sheet(title=title, state=state)
    root = package.xml(part)
    merged: list[str] = []
    for element in root:
        name = _local(element.tag)
        if name == "sheetData":
            _rows(sheet, element, strings, formats, date1904=date1904)
        elif name == "mergeCells":
            merged += [m.get("ref", "") for m in element if _local(m.tag) == "mergeCell"]
    for ref in merged:
        first, _, last = ref.partition(":")
        if not last:
            continue
        anchor = first.replace("$", "")
        for row, col in cells_between(first, last)[1:]:
            cell = sheet.cells.get((row, col))
            if cell is not None:
                sheet.cells[(row, col)] = replace(cell, hidden_by=anchor)
    for kind, target in package.rels(part).values():
        if kind == "comments" and package.has(target):
            for comment in package.xml(target).iter():
                if _local(comment.tag) == "comment":
                    text = next((_text_of(t) for t in comment if _local(t.tag) == "text"), "")
                    if text.strip():
                        sheet.notes[split_coord(comment.get("ref", "A1"))] = text
    return sheet


def _rows(sheet: Sheet, data: ElementTree.Element, strings: list[str], formats: list[str], *, date1904: bool) -> None:
    next_row = 1
    for row in data:
        if _local(row.tag) != "row":
            continue
        row_number = int(row.get("r") or next_row)
        next_row = row_number + 1
        next_col = 1
        for element in row:
            if _local(element.tag) != "c":
                continue
            ref = element.get("r")
            if ref:
                row_number, col = split_coord(ref)
            else:
                col = next_col
            next_col = col + 1
            cell = _cell(element, row_number, col, strings, formats, date1904=date1904)
            if cell is not None:
                sheet.cells[(row_number, col)] = cell


def _cell(
    element: ElementTree.Element, row: int, col: int, strings: list[str], formats: list[str], *, date1904: bool
) -> Cell | None:
    kind = element.get("t", "n")
    value: str | None = None
    formula: str | None = None
    has_formula = False
    for child in element:
        name = _local(child.tag)
        if name == "v":
            value = child.text or ""
        elif name == "f":
            has_formula = True
            formula = unescape(child.text or "") or None
        elif name == "is":
            value = _raw_text_of(child)
    style = int(element.get("s", "0") or 0)
    code = formats[style] if 0 <= style < len(formats) else "General"
    if value is None or (has_formula and not value and kind not in ("str", "inlineStr", "s")):
        # A formula with no value stored (or an empty one, as some writers leave it) was never calculated.
        if not has_formula:
            return None
        return Cell(row, col, shown="", stored="", formula=formula or "", uncalculated=True)
    formula = formula if has_formula else None
    if kind in ("s", "str", "inlineStr"):
        raw = value
        if kind == "s":
            try:
                raw = strings[int(value)]
            except (ValueError, IndexError):
                raw = ""
        return _text_cell(row, col, raw, code, formula)
    if kind == "b":
        truth = value.strip() in ("1", "true")
        return Cell(row, col, shown="TRUE" if truth else "FALSE", stored=value, formula=formula)
    if kind == "e":
        return Cell(row, col, shown=value, stored=value, formula=formula, error=value)
    if kind == "d":
        try:
            moment = datetime.fromisoformat(value.strip().removesuffix("Z"))
        except ValueError:
            return _text_cell(row, col, value, code, formula)
        date_code = code if numfmt.is_date_format(code) else "dd/mm/yyyy"
        return Cell(row, col, shown=numfmt.shown(moment, date_code), stored=value, is_date=True, formula=formula)
    try:
        number = float(value)
    except ValueError:
        return _text_cell(row, col, value, code, formula)
    return Cell(
        row,
        col,
        shown=numfmt.shown(number, code, date1904=date1904),
        stored=value.strip(),
        number=number,
        is_date=numfmt.is_date_format(code),
        formula=formula,
    )


def _text_cell(row: int, col: int, raw: str, code: str, formula: str | None) -> Cell | None:
    """A text cell: shown with its escapes decoded (through a text format's literal, if any), stored as the file holds it."""
    text = unescape(raw)
    if not text and formula is None:
        return None
    # A text format with a literal ("@" alone is the usual one) shows the text through it.
    shown = numfmt.shown(text, code) if code not in ("General", "@") else text
    return Cell(row, col, shown=shown, stored=raw, formula=formula)


def _modified(package: _Package) -> datetime | None:
    part = next((path for kind, path in package.rels("").values() if kind == "core-properties"), "docProps/core.xml")
    if not package.has(part):
        return None
    try:
        root = package.xml(part)
    except NotWorkbook:
        return None
    for element in root:
        if _local(element.tag) == "modified" and element.text:
            try:
                return datetime.fromisoformat(element.text.strip().replace("Z", "+00:00"))
            except ValueError:
                return None
    return None
