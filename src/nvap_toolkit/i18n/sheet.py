"""Translation through a spreadsheet: the catalogues of a language exported as a workbook, and read back.

Translators in Welsh public bodies mostly work in spreadsheets or CAT tools, not PO
editors. ``export_workbook`` writes one sheet per catalogue, one row per string:
its place (the msgctxt), the English, the current translation, its state (new,
changed with the English it was translated from, to fix, done) and a note for the
translator (the catalogue's comments and the YAML line). Only the translation
column is editable (the sheet is protected, those cells unlocked, with an input
message); a cover sheet explains the work; every text is a text, never a formula.

``import_rows`` puts the translations read from such a workbook (``.xlsx`` or
``.ods``, read with ``sheets.files.open_book``) back into the catalogues by place,
never by row order or sheet: a row whose English changed since the export is
imported fuzzy, with the English it was translated from as the previous msgid; a
row that cannot be placed is reported with its text, never dropped silently. A
catalogue nothing changed in is not rewritten, so a round trip changes no byte.

Neither needs the content's models: the catalogues are read as they are (run
``nvap translate update`` first, so they hold the current English).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError, display_path
from ..issues import Issue, Location
from ..writer import Output
from . import layout
from .catalogue import Catalogue, Read, catalogue_bytes, read_catalogue
from .placeholders import problems as broken_placeholders

if TYPE_CHECKING:
    from babel.messages.catalog import Message
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    from ..sheets.book import Book, Sheet

FORMAT = "1"
"""The version of the workbook's layout (the hidden metadata sheet says it)."""
META_SHEET = "nvap_translation"
"""The hidden sheet that says the workbook's language and layout version."""
SUFFIXES = (".xlsx", ".ods")

COLUMNS = ("Place", "English", "{language}", "State", "English it was translated from", "Note for the translator")
"""The columns of a document's sheet; the third is the translation (headed by the language's name)."""
PLACE, ENGLISH, TRANSLATION, STATE, EARLIER, NOTE = range(1, 7)
WIDTHS = (34, 60, 60, 12, 45, 50)
HEADER_ROW = 3
"""Row 1: the sheet's title; row 2: what to do; row 3: the column headings; then one row per string."""

NEW, CHANGED, TO_FIX, DONE = "new", "changed", "to fix", "done"


@dataclass(frozen=True)
class Row:
    """One string as a sheet shows it (export), or as read back (import)."""

    place: str
    """The msgctxt: ``2.6.2:objectives[training-and-briefings].statement``."""
    english: str
    translation: str
    state: str = ""
    earlier: str = ""
    note: str = ""
    at: Location | None = None
    """Where the row was read from (import): the file, sheet and cell of its translation."""


@dataclass
class DocumentSheet:
    """A catalogue's rows, and what its sheet is called."""

    document: layout.Document
    catalogue: str
    """The .po file as shown to the user."""
    rows: list[Row] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(r.state == state for r in self.rows)


def language_name(lang: str) -> str:
    """``Welsh`` for ``cy``: the language's English name (the code itself if Babel does not know it)."""
    from babel.core import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(lang).english_name or lang)
    except (UnknownLocaleError, ValueError):
        return lang


# --- export ----------------------------------------------------------------------------------


def export_rows(root: Path, lang: str) -> list[DocumentSheet]:
    """Every catalogue of ``lang`` under ``root``, as rows (in the catalogue's order).

    A catalogue that is missing or cannot be read is an error: ``nvap translate update`` writes
    (or the error names the line to fix) before a translator is given the work.
    """
    from ..errors import ContentError

    layout.check_language(lang)
    sheets: list[DocumentSheet] = []
    problems: list[Issue] = []
    for document in layout.documents(root):
        path = layout.catalogue_path(root, lang, document)
        shown = display_path(path)
        if not path.exists():
            problems.append(Issue.at(shown, 0, 0, f"no catalogue yet: run 'nvap translate update --lang {lang}' first"))
            continue
        read = read_catalogue(path)
        if read.errors or read.catalogue is None:
            problems.extend(read.errors)
            continue
        sheet = DocumentSheet(document, shown)
        for message in read.catalogue:
            if message.id and message.context:
                sheet.rows.append(_row(message))
        sheets.append(sheet)
    if problems:
        raise ContentError(f"the '{lang}' catalogues cannot be exported", problems)
    return sheets


def _row(message: Message) -> Row:
    english, translation = str(message.id), str(message.string or "")
    earlier = ""
    if not translation.strip():
        state = NEW
    elif message.fuzzy:
        state = CHANGED
        earlier = str(message.previous_id[0]) if message.previous_id else ""
    elif broken_placeholders(english, translation):
        state = TO_FIX
    else:
        state = DONE
    notes = [*message.auto_comments, *message.user_comments]
    notes += [f"{file}:{line}" if line else str(file) for file, line in message.locations]
    if state == TO_FIX:
        notes.insert(0, "The translation must keep: " + "; ".join(broken_placeholders(english, translation)))
    return Row(str(message.context), english, translation, state, earlier, "\n".join(n for n in notes if n))


def export_workbook(sheets: list[DocumentSheet], lang: str) -> Workbook:
    """The workbook a translator fills in: a cover sheet, a sheet per catalogue, a hidden metadata sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..sheets.cells import clip, sheet_title

    name = language_name(lang)
    title_font, bold, wrap = Font(bold=True, size=14), Font(bold=True), Alignment(wrap_text=True, vertical="top")
    wb = Workbook()
    cover = wb.active
    assert cover is not None
    cover.title = "About"
    taken = {cover.title, META_SHEET}
    titles: list[str] = []
    for sheet in sheets:
        titles.append(sheet_title(sheet.document.name, taken))
        taken.add(titles[-1])
    _cover(cover, sheets, titles, lang, title_font, bold, wrap)

    for sheet, title in zip(sheets, titles, strict=True):
        ws = wb.create_sheet(title)
        _put(ws, 1, 1, f"{name} translation of {sheet.document.name} ({sheet.catalogue})").font = title_font
        _put(
            ws,
            2,
            1,
            f"Write the {name} in column C only, one row per string. Keep every placeholder ([@key], [link:key], "
            "[action:id], [^note], **strong**, {page}) as in the English. Leave a cell empty to keep what the catalogue has.",
        )
        for col, heading in enumerate(COLUMNS, 1):
            _put(ws, HEADER_ROW, col, heading.format(language=name)).font = bold
            ws.column_dimensions[get_column_letter(col)].width = WIDTHS[col - 1]
        for n, row in enumerate(sheet.rows, HEADER_ROW + 1):
            for col, text in ((PLACE, row.place), (ENGLISH, row.english), (TRANSLATION, row.translation), (STATE, row.state),
                              (EARLIER, row.earlier), (NOTE, row.note)):  # fmt: skip
                cell = _put(ws, n, col, text) if text else ws.cell(n, col)
                cell.alignment = wrap
            ws.cell(n, TRANSLATION).protection = Protection(locked=False)
            ws.cell(n, TRANSLATION).number_format = "@"  # what a translator types is text, even '=...'
        last = HEADER_ROW + max(len(sheet.rows), 1)
        help_text = DataValidation(
            showInputMessage=True,
            allow_blank=True,
            promptTitle=clip(f"The {name}", 32),
            prompt=clip(f"Type the {name} of the English in column B. Keep its placeholders exactly.", 255),
        )
        help_text.add(f"C{HEADER_ROW + 1}:C{last}")
        ws.add_data_validation(help_text)
        ws.freeze_panes = ws.cell(HEADER_ROW + 1, PLACE + 1)
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        _protect(ws)

    meta = wb.create_sheet(META_SHEET)
    for n, (key, value) in enumerate((("format", FORMAT), ("lang", lang)), 1):
        _put(meta, n, 1, key)
        _put(meta, n, 2, value)
    meta.sheet_state = "hidden"
    _protect(meta)
    wb.properties.title = f"{name} translation of the nvap content"
    wb.properties.language = lang
    return wb


def _cover(
    cover: Worksheet, sheets: list[DocumentSheet], titles: list[str], lang: str, title_font: Font, bold: Font, wrap: Alignment
) -> None:
    """The first sheet: what the workbook is, how to fill it in, and a table of its sheets."""
    name = language_name(lang)
    lines = [
        f"{name} translation of the nvap content ({lang})",
        f"Each sheet after this one holds one document's strings. Write the {name} in the column headed '{name}' "
        "(column C); nothing else can be changed.",
        "State: 'new' has no translation yet; 'changed' has one made from an earlier English (shown in column E): "
        "check it against the English now; 'to fix' breaks a placeholder; 'done' is translated.",
        "Keep placeholders exactly: [@key] (a citation), [link:key], [action:id], [^note], **strong**, {page}. "
        "You may move them where the word order needs them.",
        f"Send the file back as it is (.xlsx or .ods): 'nvap translate import FILE' puts each {name} text in its place "
        "by the Place column, whatever the order of the rows.",
    ]
    for n, text in enumerate(lines, 1):
        cell = _put(cover, n, 1, text)
        cell.alignment = wrap
    cover.cell(1, 1).font = title_font
    top = len(lines) + 2
    for col, heading in enumerate(("Sheet", "Document", "Catalogue", "Strings", "New", "Changed", "To fix", "Done"), 1):
        _put(cover, top, col, heading).font = bold
    for n, (sheet, title) in enumerate(zip(sheets, titles, strict=True), top + 1):
        for col, text in enumerate((title, sheet.document.name, sheet.catalogue), 1):
            _put(cover, n, col, text)
        for col, count in enumerate(
            (len(sheet.rows), sheet.count(NEW), sheet.count(CHANGED), sheet.count(TO_FIX), sheet.count(DONE)), 4
        ):
            cover.cell(n, col, count)
    cover.column_dimensions["A"].width = 60
    for letter in "BCDEFGH":
        cover.column_dimensions[letter].width = 14
    cover.print_title_rows = f"{top}:{top}"
    _protect(cover)


def _put(ws: Worksheet, row: int, col: int, text: str) -> Cell:
    """Write ``text`` at (row, col) as text, never a formula."""
    from openpyxl.cell.cell import Cell

    from ..sheets.cells import write_text

    cell = ws.cell(row, col)
    assert isinstance(cell, Cell)  # no merged cells in these sheets
    return write_text(cell, text)


def _protect(ws: Worksheet) -> None:
    """Protect a sheet (no password: it guards against slips, not people), columns and rows still resizable."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def export_output(root: Path, lang: str, out: Path) -> tuple[Output, list[DocumentSheet]]:
    """The workbook of ``lang``'s catalogues for ``out`` (``.xlsx`` or ``.ods``, by its suffix), and its sheets."""
    suffix = out.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"--out {display_path(out)}: write a .xlsx (Excel) or .ods (OpenDocument) file")
    sheets = export_rows(root, lang)
    wb = export_workbook(sheets, lang)
    if suffix == ".ods":
        from ..sheets.ods import ods_bytes

        return Output(out, ods_bytes(wb, title=wb.properties.title, lang=lang)), sheets
    from ..sheets.workbook import workbook_bytes

    return Output(out, workbook_bytes(wb)), sheets


# --- import ----------------------------------------------------------------------------------


@dataclass
class Imported:
    """What an import did to one catalogue."""

    catalogue: str
    translated: int = 0
    """Rows whose translation was new or changed, imported as done."""
    fuzzy: int = 0
    """Rows whose English changed since the export: imported, marked fuzzy."""
    unchanged: int = 0
    output: Output | None = None
    """The catalogue's new bytes; None when nothing changed (the file is not touched)."""


@dataclass
class ImportReport:
    """The catalogues an import changes, and every row it could not place or has doubts about."""

    lang: str
    catalogues: list[Imported] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    rows: int = 0

    @property
    def outputs(self) -> list[Output]:
        return [c.output for c in self.catalogues if c.output is not None]

    @property
    def unplaced(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]


def read_rows(book: Book, shown: str) -> tuple[str | None, list[Row]]:
    """The workbook's language (from its metadata sheet, if it has one) and every row of its document sheets.

    A document sheet is one whose column headings (row ``HEADER_ROW``, or any of the first
    ten rows) start with Place, English: a hand-made sheet with those headings is read too.
    """
    lang: str | None = None
    meta = book.sheets.get(META_SHEET)
    if meta is not None:
        values = {c.shown.strip(): meta.cells.get((c.row, 2)) for c in meta.cells.values() if c.col == 1}
        found = values.get("lang")
        lang = found.shown.strip() if found is not None else None
    rows: list[Row] = []
    for sheet in book.sheets.values():
        if sheet.title == META_SHEET:
            continue
        header = _header_row(sheet)
        if header is None:
            continue
        last = max((r for r, _ in sheet.cells), default=header)
        for n in range(header + 1, last + 1):
            texts = [_text(sheet, n, col) for col in (PLACE, ENGLISH, TRANSLATION)]
            if any(texts):
                at = Location(shown, sheet=sheet.title, cell=f"C{n}")
                rows.append(Row(texts[0].strip(), texts[1], texts[2], at=at))
    return lang, rows


def _header_row(sheet: Sheet) -> int | None:
    for n in range(1, 11):
        if _text(sheet, n, PLACE).strip().casefold() == "place" and _text(sheet, n, ENGLISH).strip().casefold() == "english":
            return n
    return None


def _text(sheet: Sheet, row: int, col: int) -> str:
    cell = sheet.cell(row, col)
    return cell.shown if cell is not None else ""


def import_rows(root: Path, lang: str, rows: list[Row]) -> ImportReport:
    """Put ``rows``' translations into ``lang``'s catalogues under ``root``, by place; nothing is written here.

    For each row: an empty translation, or the one the catalogue holds, changes nothing;
    else the translation is set, done when the row's English is the catalogue's, fuzzy
    (the row's English kept as the previous msgid) when the English changed since the
    export. A row whose place is in no catalogue, or in a catalogue that cannot be read,
    is an error in ``issues`` (with its text, so the work is not lost); a translation
    that breaks a placeholder is imported with a warning (``nvap validate`` rejects it).
    """
    from ..errors import ContentError

    layout.check_language(lang)
    if not rows:
        raise ContentError(
            "nothing to import",
            [Issue(Location(""), "the workbook has no sheet with the columns Place, English and a translation")],
        )
    by_name = {d.name: d for d in layout.documents(root)}
    report = ImportReport(lang, rows=len(rows))
    reads: dict[str, Read] = {}
    seen: dict[str, Location | None] = {}
    changed: set[str] = set()
    counts: dict[str, Imported] = {}
    for row in rows:
        where = row.at or Location("")
        document = by_name.get(row.place.split(":", 1)[0]) if ":" in row.place else None
        if document is None:
            report.issues.append(Issue(where, _unplaced(row, "its place names no document of the content")))
            continue
        path = layout.catalogue_path(root, lang, document)
        if document.name not in reads:
            if not path.exists():
                report.issues.append(
                    Issue(
                        where,
                        _unplaced(row, f"{display_path(path)} does not exist ('nvap translate update --lang {lang}' writes it)"),
                    )
                )
                continue
            reads[document.name] = read_catalogue(path)
            counts[document.name] = Imported(display_path(path))
        read = reads[document.name]
        if read.catalogue is None or read.errors:
            report.issues.append(
                Issue(where, _unplaced(row, f"{read.shown} cannot be read (fix it first: 'nvap validate' locates the problem)"))
            )
            continue
        message = read.messages().get(row.place)
        if message is None:
            report.issues.append(
                Issue(where, _unplaced(row, f"no string of {read.shown} is at this place (it was removed or renamed)"))
            )
            continue
        if row.place in seen:
            first = seen[row.place]
            report.issues.append(
                Issue(where, _unplaced(row, f"a second row for this place (the first is {first.where if first else 'above'})"))
            )
            continue
        seen[row.place] = row.at
        done = counts[document.name]
        translation = row.translation.strip()
        if not translation or translation == str(message.string or "").strip():
            done.unchanged += 1
            continue
        changed.add(document.name)
        message.string = translation
        if row.english.strip() and row.english.strip() != str(message.id).strip():
            message.flags.add("fuzzy")
            message.previous_id = [row.english]
            done.fuzzy += 1
            report.issues.append(
                Issue(
                    where,
                    f"{row.place}: the English changed since the export: imported as fuzzy, for a translator to check",
                    "warning",
                )
            )
        else:
            message.flags.discard("fuzzy")
            message.previous_id = []
            done.translated += 1
        broken = broken_placeholders(str(message.id), translation)
        if broken:
            report.issues.append(
                Issue(
                    where,
                    f"{row.place}: the translation must keep the inline forms of the English: {'; '.join(broken)}",
                    "warning",
                )
            )
    for name, done in counts.items():
        catalogue = reads[name].catalogue
        if name in changed and isinstance(catalogue, Catalogue):
            done.output = Output(reads[name].path, catalogue_bytes(catalogue))
        report.catalogues.append(done)
    return report


def _unplaced(row: Row, why: str) -> str:
    text = f": its text was {row.translation!r}" if row.translation.strip() else ""
    return f"not imported: {row.place or '(no place)'}: {why}{text}"


def import_file(root: Path, path: Path, lang: str | None = None) -> ImportReport:
    """Read the workbook at ``path`` (``.xlsx`` or ``.ods``) and import its translations (see ``import_rows``).

    ``lang``: the catalogues' language; the workbook's metadata says it when not given, and
    a workbook of another language is a usage error.
    """
    from ..sheets.files import Unreadable, open_book

    try:
        book = open_book(path)
    except Unreadable as exc:
        raise UsageError(f"{display_path(path)}: {exc.message}") from None
    except OSError as exc:
        raise UsageError(f"cannot read {display_path(path)}: {(exc.strerror or str(exc)).lower()}") from None
    said, rows = read_rows(book, display_path(path))
    if lang and said and lang != said:
        raise UsageError(f"{display_path(path)} holds the '{said}' translation, not '{lang}'")
    chosen = lang or said
    if not chosen:
        raise UsageError(f"{display_path(path)} does not say its language: give --lang (e.g. --lang cy)")
    return import_rows(root, chosen, rows)
