"""The files forces return: every one found in a folder, told apart by what it holds, opened as a ``Book``.

A force may send its plan as Excel saved it (``.xlsx``, ``.xlsm``), as
LibreOffice saved it (``.ods``), in an older or another program's format
(``.xls``, ``.xlsb``, ``.numbers``), as a CSV export, locked with a password, or
cut short by a mail system.  Every file is looked at by its bytes, not its name
(``NORFOLK-PLAN.XLSX`` is a workbook like any other); one that cannot be read
raises ``Unreadable`` with what it is and what the force can do about it.
``.xlsx``/``.xlsm`` are read by ``sheets.ooxml``, ``.ods`` by ``sheets.odf``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from .book import Book

SPREADSHEET_SUFFIXES = frozenset(
    {".xlsx", ".xlsm", ".xltx", ".xltm", ".xlsb", ".xls", ".ods", ".fods", ".ots", ".csv", ".tsv", ".numbers"}
)
"""Suffixes of the files a spreadsheet program saves (compared without case)."""

MAX_FILE = 100 * 1024 * 1024
"""A returned file larger than this is not read (a plan is well under 1 MB)."""

RESEND = "ask the force to save its plan as an Excel workbook (.xlsx) and send it again"


class Unreadable(Exception):
    """A returned file that cannot be read as a workbook: ``what`` it is, and the whole message with advice."""

    def __init__(self, what: str, message: str) -> None:
        super().__init__(message)
        self.what = what
        self.message = message


COLLECT_OUTPUTS = frozenset(
    {"summary.xlsx", "summary.ods", "summary.html", "summary.pdf", "summary.csv", "summary.json", "answers.csv"}
)
"""The names of the files ``nvap collect`` writes."""
CSV_MARK = "# nvap collect:"
"""How the CSV files ``nvap collect`` writes begin (their first line says how guarded texts differ)."""


def is_skippable(path: Path) -> str | None:
    """Why a file found in a folder is not a return, or None when it is one.

    Lock and hidden files, the summaries ``nvap collect`` wrote, and files that are
    no spreadsheet by their name (a force's covering letter) are found but not read;
    each is listed with its reason.  A spreadsheet is read whatever the case of its name.
    """
    name = path.name
    if name.startswith("~$"):
        return "Excel's lock file of an open workbook (not a plan)"
    if name.startswith(".~lock.") and name.endswith("#"):
        return "LibreOffice's lock file of an open document (not a plan)"
    if name.startswith("."):
        return "a hidden file"
    suffix = path.suffix.lower()
    if name.lower() in COLLECT_OUTPUTS and (suffix != ".csv" or _starts_as_collect_csv(path)):
        return "a summary written by nvap collect"
    if suffix not in SPREADSHEET_SUFFIXES:
        return f"not a spreadsheet ({suffix or 'no extension'}): not read as a plan"
    return None


def _starts_as_collect_csv(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(len(CSV_MARK)).decode("utf-8", "replace") == CSV_MARK
    except OSError:
        return False


def returned_files(folder: Path) -> list[Path]:
    """Every file in ``folder`` and below it, in name order; a ``.numbers`` package folder counts as one file."""
    found: list[Path] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.is_dir():
            if path.suffix.lower() == ".numbers":
                found.append(path)
            else:
                found += returned_files(path)
        elif path.is_file():
            found.append(path)
    return found


_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The signature of an OLE compound file: an Excel 97-2003 workbook, or an encrypted Office file."""


def open_book(path: Path) -> Book:
    """The workbook at ``path``; raises ``Unreadable`` (with what to do) for anything else, ``OSError`` when unreadable."""
    if path.is_dir():
        raise Unreadable("numbers", f"an Apple Numbers document, which nvap cannot read: {_NUMBERS}")
    size = path.stat().st_size
    if size == 0:
        raise Unreadable("empty", "the file is empty (0 bytes): ask the force to send its plan again")
    if size > MAX_FILE:
        raise Unreadable("too large", f"the file is {size // (1024 * 1024)} MB, far larger than a plan: {RESEND}")
    data = path.read_bytes()
    return open_book_bytes(data, path)


def open_book_bytes(data: bytes, path: Path | None = None) -> Book:
    """The workbook in ``data`` (a file's bytes; ``path`` only for hints from its name); raises ``Unreadable``."""
    if data.startswith(_CFB):
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise Unreadable(
                "password-protected",
                "the plan is protected by a password to open, so nvap cannot read it: "
                "ask the force for a copy saved without the password",
            )
        raise Unreadable(
            "xls",
            "saved as an Excel 97-2003 workbook (.xls), which nvap does not read: "
            "ask the force to open it and save it as an Excel workbook (.xlsx), then send it again",
        )
    if data.startswith(b"PK"):
        return _open_zip(data)
    raise Unreadable(*_not_a_zip(path or Path("plan"), data))


_NUMBERS = "ask the force to export it from Numbers as Excel (File > Export To > Excel) and send the .xlsx"


def _open_zip(data: bytes) -> Book:
    from .odf import NotSpreadsheet, read_ods
    from .ooxml import NotWorkbook, read_ooxml

    cut = "the file is cut short or damaged (it is not a complete workbook): ask the force to send it again"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Unreadable("truncated", cut) from None
    with archive:
        names = set(archive.namelist())
        if "mimetype" in names and b"opendocument.spreadsheet" in _peek(archive, "mimetype"):
            try:
                return read_ods(archive)
            except NotSpreadsheet as exc:
                raise Unreadable(
                    "not a workbook", f"an OpenDocument file that is not a readable spreadsheet ({exc}): {RESEND}"
                ) from None
            except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError):
                raise Unreadable("truncated", cut) from None
        if "mimetype" in names and b"opendocument" in _peek(archive, "mimetype"):
            raise Unreadable("odf", f"an OpenDocument file that is not a spreadsheet (a text or presentation): {RESEND}")
        if any(n.startswith("Index/") and n.endswith(".iwa") for n in names):
            raise Unreadable("numbers", f"an Apple Numbers document, which nvap cannot read: {_NUMBERS}")
        if "xl/workbook.bin" in names:
            raise Unreadable("xlsb", f"saved as an Excel binary workbook (.xlsb), which nvap does not read: {RESEND}")
        if "word/document.xml" in names:
            raise Unreadable("docx", f"a Word document, not a spreadsheet: {RESEND}")
        try:
            return read_ooxml(archive)
        except NotWorkbook as exc:
            raise Unreadable("not a workbook", f"a zip archive that is not a readable workbook ({exc}): {RESEND}") from None
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError, KeyError):
            # zlib and CRC errors: a part was cut short or changed on the way.
            raise Unreadable("truncated", cut) from None


def _peek(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)[:100]
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        return b""


def _not_a_zip(path: Path, data: bytes) -> tuple[str, str]:
    head = data[:2048]
    if head.startswith(b"%PDF"):
        return "pdf", f"a PDF document, not a spreadsheet: {RESEND}"
    if head.lstrip().startswith(b"<") and b"office:document" in data[:10000]:
        return "fods", f"a flat OpenDocument spreadsheet (.fods), which nvap does not read: {RESEND}"
    if b"\x00" not in head and path.suffix.lower() in (".csv", ".tsv", ".txt"):
        return (
            "csv",
            "a CSV file holds one sheet's text without the plan's named cells, so its answers cannot be placed: "
            "ask the force to send the plan workbook (.xlsx) itself",
        )
    if b"\x00" not in head:
        return "text", f"a text file, not a spreadsheet: {RESEND}"
    return "unknown", f"not a spreadsheet nvap can read: {RESEND}"
