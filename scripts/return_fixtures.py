"""Write the committed "returns as forces really send them" (tests/fixtures/returns/).

Run by hand, once, never by the tests; the folder then stands for files in
forces' hands and is never remade or edited (a new case adds a new file, made
by a new function here and written with ``--only NAME``):

    .venv/bin/python scripts/return_fixtures.py [--out tests/fixtures/returns] [--only FILE ...] [--overwrite]

It refuses to replace a file that exists (``--overwrite`` is for scratch folders only).

Needs ``soffice`` (LibreOffice Calc) and the system ``/usr/bin/python3`` with
``python3-uno`` (``apt-get install python3-uno``): this script re-runs itself
under that interpreter (``--uno-worker JOBS.json``) to drive LibreOffice through
UNO, with a private profile in a temporary folder.

How each file is made:

1. a blank plan from the current nvap: ``nvap plan --force X --out TMP``;
2. typed values set with openpyxl (as a force typing in Excel would), or by
   LibreOffice through UNO (what only LibreOffice does: number formats,
   merging that keeps hidden cells, inserting rows and deleting columns that
   move the defined names, copying sheets, comments, saving as .ods/.xls/.csv/
   .xlsm, saving with a password);
3. where only Excel writes something (Strict Open XML, ``_x000B_`` escapes in
   sharedStrings, two saves with distinct ``dcterms:modified``), the zip's XML
   is edited as Excel writes it; each edit is described where it is made.

Deterministic where possible: every zip the script writes is re-packed with
fixed entry times, and the ``dcterms:created``/``dcterms:modified`` stamps
(the .ods: ``dc:date``) are set to the fixed times given per file.  Three files
differ from run to run: the password-protected one (random salt), the .xls
(binary, with its own save time) and the .ods (LibreOffice orders some styles
and validations differently per run).

The expected readings, tests/fixtures/returns/expected.yaml, are written by
hand, never by this script.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHEET = "2.6.2 Officer-Staff Norms"
FIXED_ZIP_TIME = (2025, 11, 24, 12, 0, 0)


# ---------------------------------------------------------------------------
# The UNO worker: runs under /usr/bin/python3 (python3-uno), never imports nvap.
# ---------------------------------------------------------------------------


def uno_worker(jobs_file: str) -> int:  # noqa: C901 - one branch per LibreOffice action
    import uno  # type: ignore[import-not-found]
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
    from com.sun.star.lang import Locale  # type: ignore[import-not-found]

    spec = json.loads(Path(jobs_file).read_text(encoding="utf-8"))
    profile = spec["profile"]
    pipe = f"nvapreturns{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ]
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # office still starting
                time.sleep(0.5)
        else:
            raise RuntimeError("soffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)

        def props(**kw: object) -> tuple:  # type: ignore[type-arg]
            out = []
            for k, v in kw.items():
                p = PropertyValue()
                p.Name, p.Value = k, v
                out.append(p)
            return tuple(out)

        gb = Locale("en", "GB", "")
        for job in spec["jobs"]:
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["src"]), "_blank", 0, props(Hidden=True))
            sheets = doc.Sheets
            for op, *args in job["ops"]:
                if op == "unprotect":
                    sheets.getByName(args[0]).unprotect("")
                elif op == "protect":
                    sheets.getByName(args[0]).protect("")
                elif op == "text":  # typed text
                    sheets.getByName(args[0]).getCellRangeByName(args[1]).setString(args[2])
                elif op == "number":  # typed number (a value, shown in the cell's format)
                    sheets.getByName(args[0]).getCellRangeByName(args[1]).setValue(float(args[2]))
                elif op == "formula":
                    sheets.getByName(args[0]).getCellRangeByName(args[1]).setFormula(args[2])
                elif op == "numfmt":
                    formats = doc.NumberFormats
                    key = formats.queryKey(args[2], gb, False)  # noqa: FBT003 - the UNO API
                    if key == -1:
                        key = formats.addNew(args[2], gb)
                    sheets.getByName(args[0]).getCellRangeByName(args[1]).NumberFormat = key
                elif op == "merge_keep":  # Merge Cells, "keep the contents of the hidden cells"
                    sheets.getByName(args[0]).getCellRangeByName(args[1]).merge(True)  # noqa: FBT003 - the UNO API
                elif op == "unmerge":
                    sheets.getByName(args[0]).getCellRangeByName(args[1]).merge(False)  # noqa: FBT003 - the UNO API
                elif op == "insert_rows":  # 0-based row index, count
                    sheets.getByName(args[0]).Rows.insertByIndex(args[1], args[2])
                elif op == "delete_columns":  # 0-based column index, count
                    sheets.getByName(args[0]).Columns.removeByIndex(args[1], args[2])
                elif op == "copy_sheet":  # name, new name, position
                    sheets.copyByName(args[0], args[1], args[2])
                elif op == "comment":
                    sheet = sheets.getByName(args[0])
                    addr = sheet.getCellRangeByName(args[1]).CellAddress
                    sheet.Annotations.insertNew(addr, args[2])
                elif op == "clear":  # values, dates, strings, formulas, notes
                    sheets.getByName(args[0]).getCellRangeByName(args[1]).clearContents(1 | 2 | 4 | 8 | 16)
                elif op == "remove_sheet":
                    sheets.removeByName(args[0])
                elif op == "active":
                    doc.CurrentController.setActiveSheet(sheets.getByName(args[0]))
                else:
                    raise ValueError(op)
            store = {"FilterName": job["filter"]}
            if job.get("options"):
                store["FilterOptions"] = job["options"]
            if job.get("password"):
                store["Password"] = job["password"]
            doc.calculateAll()
            doc.storeToURL(uno.systemPathToFileUrl(job["dst"]), props(**store))
            doc.close(True)  # noqa: FBT003 - the UNO API
        try:
            desktop.terminate()
        except Exception:  # the bridge drops as office quits
            pass
        office.wait(timeout=60)
    finally:
        if office.poll() is None:  # a job failed, or office would not quit: end the office this worker started
            office.kill()
            office.wait()
    return 0


# ---------------------------------------------------------------------------
# Helpers (project venv)
# ---------------------------------------------------------------------------

XLSX = "Calc MS Excel 2007 XML"
XLSM = "Calc MS Excel 2007 VBA XML"
ODS = "calc8"
XLS = "MS Excel 97"
CSV = "Text - txt - csv (StarCalc)"


class Maker:
    def __init__(self, out: Path, tmp: Path) -> None:
        self.out = out
        self.tmp = tmp
        self.count = 0
        self.overwrite = False

    def path(self, stem: str) -> Path:
        self.count += 1
        return self.tmp / f"{self.count:02d}-{stem}"

    def blank(self, force: str) -> Path:
        """A blank plan, as ``nvap plan --force FORCE --out TMP`` writes it."""
        folder = self.path(f"blank-{force}")
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "nvap"), "plan", "--force", force, "--out", str(folder)],
            check=True,
            capture_output=True,
        )
        (plan,) = folder.glob("*.xlsx")
        return plan

    def fill(self, plan: Path, values: dict[str, object], formulas: dict[str, str] | None = None) -> Path:
        """The plan with ``values`` typed in by openpyxl (defined name -> value; str stays text)."""
        from openpyxl import load_workbook

        wb = load_workbook(plan)
        for name, value in {**values, **(formulas or {})}.items():
            ((sheet, coord),) = wb.defined_names[name].destinations
            cell = wb[sheet][coord.replace("$", "")]
            cell.value = value
            if isinstance(value, str) and name not in (formulas or {}):
                cell.data_type = "s"  # typed text, even when it starts with '='
        dst = self.path(plan.name)
        wb.save(dst)
        return dst

    def office(self, jobs: list[dict]) -> None:  # type: ignore[type-arg]
        """Run LibreOffice jobs through the UNO worker (system python3 + python3-uno)."""
        spec = {"profile": str(self.tmp / f"lo-profile-{self.count}"), "jobs": jobs}
        jobs_file = self.path("jobs.json")
        jobs_file.write_text(json.dumps(spec), encoding="utf-8")
        subprocess.run(["/usr/bin/python3", __file__, "--uno-worker", str(jobs_file)], check=True, timeout=300)

    def lo(self, src: Path, name: str, ops: list, filter: str = XLSX, **kw: object) -> Path:  # type: ignore[type-arg]
        dst = self.path(name)
        self.office([{"src": str(src), "dst": str(dst), "ops": ops, "filter": filter, **kw}])
        return dst

    def write(self, name: str, data: bytes) -> None:
        if (self.out / name).exists() and not self.overwrite:
            raise SystemExit(f"{self.out / name} exists: committed returns are never remade (use a new file name)")
        (self.out / name).write_bytes(data)
        print(f"wrote {self.out / name} ({len(data)} bytes)")


def repack(src: Path, edits: dict[str, object] | None = None, stamp: tuple[str, str] | None = None) -> bytes:
    """The zip ``src`` with fixed entry times, its entries edited (name -> function of text, or None to drop).

    ``stamp`` (created, modified) sets docProps/core.xml's dcterms times (W3CDTF, UTC).
    """
    import io

    edits = dict(edits or {})
    if stamp is not None:
        created, modified = stamp
        previous = edits.get("docProps/core.xml")

        def core(text: str) -> str:
            if callable(previous):
                text = previous(text)
            text = re.sub(r"(<dcterms:created[^>]*>)[^<]*(</dcterms:created>)", rf"\g<1>{created}\g<2>", text)
            return re.sub(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{modified}\g<2>", text)

        edits["docProps/core.xml"] = core
    buf = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w") as zout:
        names = zin.namelist()
        renames = {k[len("rename:") :]: v for k, v in edits.items() if k.startswith("rename:")}
        for name in names:
            info = zin.getinfo(name)
            data = zin.read(name)
            edit = edits.get(name, "keep")
            if edit is None:
                continue
            if callable(edit):
                data = edit(data.decode("utf-8")).encode("utf-8")
            new = zipfile.ZipInfo(str(renames.get(name, name)), date_time=FIXED_ZIP_TIME)
            new.compress_type = info.compress_type
            new.external_attr = info.external_attr
            zout.writestr(new, data)
        for name, edit in edits.items():
            if name.startswith("add:"):
                new = zipfile.ZipInfo(name[4:], date_time=FIXED_ZIP_TIME)
                new.compress_type = zipfile.ZIP_DEFLATED
                zout.writestr(new, edit)  # type: ignore[arg-type]
    return buf.getvalue()


def name(suffix: str) -> str:
    """The defined name of an input of action 2.6.2 (``reporting_period``, ``training_and_briefings_org_output``)."""
    return f"p_2_6_2_{suffix}"


TB = "training_and_briefings"
SL = "supervision_and_leadership"


# ---------------------------------------------------------------------------
# The cases
# ---------------------------------------------------------------------------

Case = Callable[["Maker", str], None]
CASES: dict[str, Case] = {}


def case(filename: str) -> Callable[[Case], Case]:
    """Register a function that writes ``filename``."""

    def register(fn: Case) -> Case:
        CASES[filename] = fn
        return fn

    return register


def t(cell: str, text: str) -> list:  # type: ignore[type-arg]
    """A LibreOffice op: ``text`` typed into ``cell`` of the action sheet."""
    return ["text", SHEET, cell, text]


# Cells of the blank 2.6.2 plan (format 2): header B6:B9; objective 1 (training and
# briefings) owner B12, impact rows 15-22 (B organisational, C external); objective 2
# (supervision and leadership) owner B25, impact rows 28-35.


@case("essex-police-realisation-plan.xlsx")
def essex_number_formats(m: Maker, filename: str) -> None:
    """Typed in LibreOffice with number formats set on the inputs; saved by LibreOffice as .xlsx."""
    ops = [
        t("B6", "Essex: Q3 2025/26"),
        t("B8", "Essex: Insp Amira Shah"),
        ["unprotect", SHEET],  # Format Cells is locked on the sheet
        ["number", SHEET, "B9", 45984],  # 23/11/2025, in the cell's own dd/mm/yyyy
        ["number", SHEET, "B16", 1200],  # org output
        ["numfmt", SHEET, "B16", "[$£-809]#,##0.00"],
        ["number", SHEET, "B18", 0.75],  # org progress
        ["numfmt", SHEET, "B18", "0%"],
        ["number", SHEET, "B19", 14.5 / 24],  # org next steps: 14:30
        ["numfmt", SHEET, "B19", "h:mm"],
        ["number", SHEET, "C16", 12345678901234567890],  # ext output, General
        ["number", SHEET, "C18", 1.5],  # ext progress
        ["numfmt", SHEET, "C18", "# ?/?"],
        t("C19", "Essex: publish the 75% figure"),
        ["protect", SHEET],
    ]
    saved = m.lo(m.blank("Essex"), filename, ops)
    m.write(filename, repack(saved, stamp=("2024-01-01T00:00:00Z", "2025-11-23T15:10:00Z")))


@case("kent-police-realisation-plan.xlsx")
def kent_merged_hidden(m: Maker, filename: str) -> None:
    """Text typed, then cells merged in LibreOffice keeping the contents of the hidden cells."""
    ops = [
        t("B6", "Kent: Q3 2025/26"),
        ["unprotect", SHEET],
        t("B16", "Kent: leaflet printed for all stations"),  # org output
        t("C16", "Kent: external output typed, then merged under the organisational one"),  # ext output
        ["merge_keep", SHEET, "B16:C16"],
        t("C21", "Kent: mitigation shared with the OPCC"),  # ext risk mitigation
        t("D21", "Kent: typed beside the form, then merged away"),
        ["merge_keep", SHEET, "C21:D21"],
        ["protect", SHEET],
    ]
    saved = m.lo(m.blank("Kent"), filename, ops)
    m.write(filename, repack(saved, stamp=("2024-01-01T00:00:00Z", "2025-11-20T09:30:00Z")))


@case("lancashire-constabulary-realisation-plan.xlsx")
def lancashire_formulas(m: Maker, filename: str) -> None:
    """Formulas typed into inputs in LibreOffice: a value, #VALUE!, and an Err:509 (saved as .xlsx)."""
    ops = [
        t("B6", "Lancs: Q3 2025/26"),
        ["formula", SHEET, "B16", "=2+3"],  # org output -> 5
        ["formula", SHEET, "C16", '="Lancs: five"+1'],  # ext output -> #VALUE!
        ["formula", SHEET, "B18", "=(1)(2)"],  # org progress -> Err:509 (operator missing)
        t("C18", "Lancs: progress typed as text"),
    ]
    saved = m.lo(m.blank("Lancashire"), filename, ops)
    m.write(filename, repack(saved, stamp=("2024-01-01T00:00:00Z", "2025-11-21T11:00:00Z")))


@case("lincolnshire-police-realisation-plan.xlsx")
def lincolnshire_no_cached_value(m: Maker, filename: str) -> None:
    """Filled by a force's own script: formulas saved with no cached value.

    openpyxl writes ``<f>6*7</f><v></v>`` (an empty cached value, B16); libraries such as
    EPPlus and ClosedXML write the formula with no ``<v>`` at all, which this file shows in C16
    (its empty ``<v></v>`` removed from the XML).
    """
    plan = m.fill(
        m.blank("Lincolnshire"),
        {name("reporting_period"): "Lincs: Q3 2025/26", name(f"{TB}_org_progress"): "Lincs: 30 of 42 trained"},
        formulas={name(f"{TB}_org_output"): "=6*7", name(f"{TB}_ext_output"): '=LEN("Lincs: seven")'},
    )

    def sheet2(xml: str) -> str:
        new, count = re.subn(r'(<c r="C16"[^>]*><f>[^<]*</f>)<v\s*/>|(<c r="C16"[^>]*><f>[^<]*</f>)<v></v>', r"\1\2", xml)
        assert count == 1, "formula cell C16 not found"
        return new

    m.write(filename, repack(plan, {"xl/worksheets/sheet2.xml": sheet2}, stamp=("2024-01-01T00:00:00Z", "2025-11-22T08:00:00Z")))


def excel_escape(text: str) -> str:
    """How Excel writes text into sharedStrings.xml (ECMA-376 Part 1, 22.4.2.4 ST_Xstring): for the record.

    A literal ``_xHHHH_`` has its underscore escaped (``_x005F_xHHHH_``); a control character is
    ``_xHHHH_`` in upper-case hex (U+000B -> ``_x000B_``).  LibreOffice writes the same, in lower case.
    """
    text = re.sub(r"_(x[0-9A-Fa-f]{4}_)", r"_x005F_\1", text)
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", lambda c: f"_x{ord(c.group(0)):04X}_", text)


LEICS_TYPED = {
    "B6": "Leics: Q3 2025/26",  # reporting period
    "B18": "Leics: phase 1 done\vphase 2 booked",  # org progress: pasted from Word, a manual line break (U+000B)
    "C18": "Leics: ref_x005F_2024",  # ext progress: typed literally
    "B19": "Leics: code _x000B_ in the old system",  # org next steps: typed literally
    "C19": "Leics: tag x005F_ kept",  # ext next steps: typed literally, no leading '_'
    "B25": "Leics: Supt Priya Patel\nPeople Directorate",  # objective 2 owner: Alt+Enter, a real line feed
}


@case("leicestershire-police-realisation-plan.xlsx")
def leicestershire_escapes(m: Maker, filename: str) -> None:
    """Text with Word's manual line break (U+000B) and literal text that looks like an escape, as Excel stores it.

    openpyxl cannot make this file: it refuses U+000B in a cell, and writes inline strings, not
    sharedStrings.xml.  LibreOffice types the text and writes sharedStrings.xml escaped exactly as
    Excel does (ECMA-376 Part 1, 22.4.2.4: a literal ``_xHHHH_`` gets its underscore escaped,
    ``_x005F_xHHHH_``; a control character is ``_xHHHH_``), except that LibreOffice writes the hex
    in lower case (``_x000b_``) where Excel writes upper case (``_x000B_``): that one difference is
    edited in sharedStrings.xml.  So the file holds (XML text):

        Leics: phase 1 done_x000B_phase 2 booked
        Leics: ref_x005F_x005F_2024
        Leics: code _x005F_x000B_ in the old system
        Leics: tag x005F_ kept                      (no escape: not of the form _xHHHH_)
        Leics: Supt Priya Patel&#10;People Directorate   (LF; Excel writes it as a raw newline)
    """
    saved = m.lo(m.blank("Leicestershire"), filename, [t(cell, text) for cell, text in LEICS_TYPED.items()])

    def strings(xml: str) -> str:
        new, count = re.subn("Leics: phase 1 done_x000b_phase 2 booked", "Leics: phase 1 done_x000B_phase 2 booked", xml)
        assert count == 1, "LibreOffice wrote U+000B otherwise than expected"
        for text in LEICS_TYPED.values():
            assert "\n" in text or excel_escape(text) in new, text  # now exactly as Excel writes it
        return new.replace("Leics: Supt Priya Patel&#10;People Directorate", "Leics: Supt Priya Patel\nPeople Directorate")

    m.write(filename, repack(saved, {"xl/sharedStrings.xml": strings}, stamp=("2024-01-01T00:00:00Z", "2025-11-24T10:00:00Z")))


@case("staffordshire-police-realisation-plan.xlsx")
def staffordshire_lower_case_escape(m: Maker, filename: str) -> None:
    """Word's manual line break typed in LibreOffice and saved by it: sharedStrings holds ``_x000b_`` (lower case)."""
    ops = [
        t("B6", "Staffs: Q3 2025/26"),
        t("B15", "Staffs: wellbeing days\vbooked for spring"),  # org activity, pasted from Word
    ]
    saved = m.lo(m.blank("Staffordshire"), filename, ops)
    m.write(filename, repack(saved, stamp=("2024-01-01T00:00:00Z", "2025-11-24T10:30:00Z")))


@case("merseyside-police-realisation-plan.xlsx")
def merseyside_outside(m: Maker, filename: str) -> None:
    """Words outside the inputs: a copied sheet, a cell beside the form, an inserted row, a comment."""
    copy = "2.6.2 Officer-Staff Norms (2)"
    ops = [
        ["copy_sheet", SHEET, copy, 2],
        ["unprotect", copy],
        ["text", copy, "B6", "Merseyside: draft period typed on the copy"],
        ["text", copy, "D2", "Merseyside: working copy, not final"],
        t("B6", "Merseyside: Q3 2025/26"),
        t("B18", "Merseyside: 40 staff trained"),  # org progress
        ["comment", SHEET, "B18", "Merseyside: figure from HR, 1 December"],
        ["unprotect", SHEET],
        t("D15", "Merseyside: see the Chief's letter"),
        ["insert_rows", SHEET, 18, 1],  # a new row 19; next steps moves to row 20
        t("A19", "Merseyside: Budget"),
        t("B19", "Merseyside: row we added for the budget"),
        t("B20", "Merseyside: next steps typed after the new row"),  # org next steps, moved
        ["protect", SHEET],
    ]
    saved = m.lo(m.blank("Merseyside"), filename, ops)
    m.write(filename, repack(saved, stamp=("2024-01-01T00:00:00Z", "2025-11-25T14:00:00Z")))


@case("northumbria-police-realisation-plan.xlsx")
def northumbria_meta_cleared(m: Maker, filename: str) -> None:
    """The hidden nvap sheet's cells deleted (in LibreOffice); the sheet and its names stay."""
    ops = [
        t("B6", "Northumbria: Q3 2025/26"),
        t("B12", "Northumbria: Supt Dale Ord"),
        ["unprotect", "nvap"],
        ["clear", "nvap", "A1:B20"],
    ]
    saved = m.lo(m.blank("Northumbria"), filename, ops)
    m.write(filename, repack(saved, stamp=("2024-01-01T00:00:00Z", "2025-11-26T09:00:00Z")))


@case("nottinghamshire-police-realisation-plan.xlsx")
def nottinghamshire_meta_deleted(m: Maker, filename: str) -> None:
    """The hidden nvap sheet deleted (in LibreOffice): its names refer to #REF!."""
    ops = [
        t("B6", "Notts: Q3 2025/26"),
        t("B25", "Notts: Ch Insp Kev Holt"),
        ["remove_sheet", "nvap"],
    ]
    saved = m.lo(m.blank("Nottinghamshire"), filename, ops)
    m.write(filename, repack(saved, stamp=("2024-01-01T00:00:00Z", "2025-11-26T10:00:00Z")))


STRICT = {
    "http://schemas.openxmlformats.org/spreadsheetml/2006/main": "http://purl.oclc.org/ooxml/spreadsheetml/main",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "http://purl.oclc.org/ooxml/officeDocument/relationships",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "http://purl.oclc.org/ooxml/drawingml/main",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": "http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
    "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes": "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes",
}
"""Transitional -> Strict namespaces, as Excel's "Strict Open XML Spreadsheet" writes them.

The package's own namespaces (content types, package relationships, core properties,
dc/dcterms) are the same in both.  Relationship types of the officeDocument family
become http://purl.oclc.org/ooxml/officeDocument/relationships/<type> (with
extended-properties -> extendedProperties); the package core-properties relationship
type stays http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties.
"""


def strict(xml: str) -> str:
    xml = xml.replace(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
    )
    for old, new in STRICT.items():
        xml = xml.replace(old, new)
    return xml


@case("suffolk-constabulary-realisation-plan.xlsx")
def suffolk_strict(m: Maker, filename: str) -> None:
    """Saved as Excel's "Strict Open XML Spreadsheet": openpyxl's transitional file rewritten as Excel writes Strict.

    Changes: every namespace of STRICT; relationship types to purl.oclc.org; ``conformance="strict"``
    on <workbook>; and the date cell written as Strict Excel writes dates, ``t="d"`` with an ISO 8601
    value (``<v>2025-11-23T00:00:00</v>``) instead of a serial number.
    """
    import datetime

    plan = m.fill(
        m.blank("Suffolk"),
        {
            name("reporting_period"): "Suffolk: Q3 2025/26",
            name("date_prepared"): datetime.datetime(2025, 11, 23),
            name(f"{SL}_org_output"): "Suffolk: supervisor toolkit issued",
        },
    )
    with zipfile.ZipFile(plan) as z:
        parts = [n for n in z.namelist() if n.endswith((".xml", ".rels"))]

    def sheet2(xml: str) -> str:
        # openpyxl writes the date as a serial number, <c r="B9" s="13" t="n"><v>45984</v></c>
        new, count = re.subn(
            r'<c r="B9" s="(\d+)"(?: t="n")?><v>45984</v></c>', r'<c r="B9" s="\1" t="d"><v>2025-11-23T00:00:00</v></c>', xml
        )
        assert count == 1, "date cell not found"
        return strict(new)

    def workbook(xml: str) -> str:
        return strict(xml).replace("<workbook ", '<workbook conformance="strict" ', 1)

    edits: dict[str, object] = {p: strict for p in parts if p not in ("[Content_Types].xml",)}
    edits["xl/worksheets/sheet2.xml"] = sheet2
    edits["xl/workbook.xml"] = workbook
    m.write(filename, repack(plan, edits, stamp=("2024-01-01T00:00:00Z", "2025-11-23T16:45:00Z")))


@case("surrey-police-realisation-plan.xlsx")
def surrey_column_deleted(m: Maker, filename: str) -> None:
    """Column C (external impact) deleted in LibreOffice after typing in it: its names become #REF!."""
    ops = [
        t("B6", "Surrey: Q3 2025/26"),
        t("B15", "Surrey: training plan agreed"),  # org activity
        t("C15", "Surrey: external activity typed, then its column deleted"),  # ext activity
        ["unprotect", SHEET],
        ["delete_columns", SHEET, 2, 1],
        ["protect", SHEET],
    ]
    saved = m.lo(m.blank("Surrey"), filename, ops)
    m.write(filename, repack(saved, stamp=("2024-01-01T00:00:00Z", "2025-11-27T09:00:00Z")))


@case("sussex-police-realisation-plan.xlsx")
def sussex_password(m: Maker, filename: str) -> None:
    """A plan with a password to open: an encrypted OLE compound file (Agile encryption), not a zip.

    LibreOffice 7.4 driven through UNO ignores ``Password`` when storing to .xlsx (it writes a
    plain zip), so the LibreOffice-saved plan is encrypted as Excel encrypts it ("Encrypt with
    Password", ECMA-376 Agile) by msoffcrypto-tool, from a throwaway venv, never the project:
    ``python3 -m venv /tmp/msoffcrypto && /tmp/msoffcrypto/bin/pip install msoffcrypto-tool``
    (or set MSOFFCRYPTO_TOOL to its path).  The password is ``Sussex-2025``.
    """
    ops = [t("B6", "Sussex: Q3 2025/26")]
    saved = m.lo(m.blank("Sussex"), filename, ops)
    plain = m.path("plain.xlsx")
    plain.write_bytes(repack(saved, stamp=("2024-01-01T00:00:00Z", "2025-11-24T11:00:00Z")))
    encrypted = m.path(filename)
    tool = os.environ.get("MSOFFCRYPTO_TOOL", "/tmp/msoffcrypto/bin/msoffcrypto-tool")
    subprocess.run([tool, "-e", "-p", "Sussex-2025", str(plain), str(encrypted)], check=True)
    m.write(filename, encrypted.read_bytes())


@case("thames-valley-police-realisation-plan.xlsx")
def thames_valley_empty(m: Maker, filename: str) -> None:
    """An empty file (0 bytes), as a failed upload or e-mail attachment leaves it."""
    m.write(filename, b"")


@case("west-mercia-police-realisation-plan.xlsx")
def west_mercia_truncated(m: Maker, filename: str) -> None:
    """The first half of a good filled plan (a broken download)."""
    plan = m.fill(m.blank("West Mercia"), {name("reporting_period"): "West Mercia: Q3 2025/26"})
    data = repack(plan, stamp=("2024-01-01T00:00:00Z", "2025-11-24T12:00:00Z"))
    m.write(filename, data[: len(data) // 2])


@case("WMP plan.xlsm")
def west_midlands_xlsm(m: Maker, filename: str) -> None:
    """Saved by LibreOffice as "Excel 2007-365 (macro-enabled)" (.xlsm content type)."""
    ops = [t("B6", "WMP: Q3 2025/26"), t("B15", "WMP: macro-enabled copy of the plan")]
    saved = m.lo(m.blank("West Midlands"), filename, ops, filter=XLSM)
    m.write(filename, repack(saved, stamp=("2024-01-01T00:00:00Z", "2025-11-24T13:00:00Z")))


@case("WARKS-PLAN.XLSX")
def warwickshire_upper_case(m: Maker, filename: str) -> None:
    """A plan renamed with an upper-case name and extension (filled with openpyxl)."""
    plan = m.fill(
        m.blank("Warwickshire"), {name("reporting_period"): "Warks: Q3 2025/26", name("prepared_by"): "Warks: PS Tom Greaves"}
    )
    m.write(filename, repack(plan, stamp=("2024-01-01T00:00:00Z", "2025-11-24T14:00:00Z")))


@case("Cumbria plan.ods")
def cumbria_ods(m: Maker, filename: str) -> None:
    """Saved by LibreOffice as OpenDocument (.ods)."""
    saved = m.lo(m.blank("Cumbria"), filename, [t("B6", "Cumbria: Q3 2025/26")], filter=ODS)

    # the save time, fixed; LibreOffice's .ods also orders some styles and validations differently per run
    def meta(xml: str) -> str:
        return re.sub(r"<dc:date>[^<]*</dc:date>", "<dc:date>2025-11-24T15:00:00</dc:date>", xml)

    m.write(filename, repack(saved, {"meta.xml": meta}))


@case("GMP return.xls")
def gmp_xls(m: Maker, filename: str) -> None:
    """Saved by LibreOffice as Excel 97-2003 (.xls, BIFF8)."""
    saved = m.lo(m.blank("GMP"), filename, [t("B6", "GMP: Q3 2025/26")], filter=XLS)
    m.write(filename, saved.read_bytes())


@case("Derbys return.csv")
def derbyshire_csv(m: Maker, filename: str) -> None:
    """The action sheet exported by LibreOffice as CSV (UTF-8, comma, double quotes)."""
    options = "44,34,76,1,,0,false,true,false,false,false,2"  # token 12: sheet 2, the action sheet
    saved = m.lo(m.blank("Derbyshire"), filename, [t("B6", "Derbys: Q3 2025/26")], filter=CSV, options=options)
    (sheet,) = saved.parent.glob(f"{saved.stem}-*.csv")  # LibreOffice names a one-sheet export "<name>-<sheet>.csv"
    m.write(filename, sheet.read_bytes())


@case("Dorset plan.numbers")
def dorset_numbers(m: Maker, filename: str) -> None:
    """A fake Apple Numbers file: a zip laid out as Numbers writes it (Index/*.iwa, Metadata/, previews).

    The .iwa parts are not real Snappy-framed protobuf: only the layout a reader sniffs is real.
    """
    import io

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for part, data in [
            ("Index/Document.iwa", b"\x00\x1f\x00\x00" + b"Dorset: not a real IWA chunk" + b"\x00" * 3),
            ("Index/ViewState.iwa", b"\x00\x04\x00\x00\x00\x00\x00\x00"),
            ("Index/CalculationEngine.iwa", b"\x00\x04\x00\x00\x00\x00\x00\x00"),
            ("Index/Metadata.iwa", b"\x00\x04\x00\x00\x00\x00\x00\x00"),
            ("Metadata/DocumentIdentifier", b"6C1D1C2E-7A0B-4D47-9E52-0D0D5E7A2B11"),
            (
                "Metadata/BuildVersionHistory.plist",
                b'<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><array><string>M13.2-7038.0.109-1</string></array></plist>\n',
            ),
            (
                "Metadata/Properties.plist",
                b'<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>isMultiPage</key><false/></dict></plist>\n',
            ),
        ]:
            info = zipfile.ZipInfo(part, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED  # Numbers stores its parts
            z.writestr(info, data)
    m.write(filename, buf.getvalue())


def herts(m: Maker, filename: str, progress: str, modified: str) -> None:
    import datetime

    plan = m.fill(
        m.blank("Herts"),
        {
            name("reporting_period"): "Herts: Q3 2025/26",
            name("date_prepared"): datetime.datetime(2025, 11, 28),
            name(f"{TB}_org_progress"): progress,
        },
    )
    m.write(filename, repack(plan, stamp=("2024-01-01T00:00:00Z", modified)))


@case("Herts plan FINAL.xlsx")
def herts_final(m: Maker, filename: str) -> None:
    """Saved LATER (16:05) than "Herts plan v2.xlsx" (09:12), the same date prepared; sorts FIRST by name."""
    herts(m, filename, "Herts: final figures, 55 trained", "2025-11-28T16:05:00Z")


@case("Herts plan v2.xlsx")
def herts_v2(m: Maker, filename: str) -> None:
    """Saved EARLIER (09:12) than "Herts plan FINAL.xlsx"; sorts after it by name."""
    herts(m, filename, "Herts: draft figures, 50 trained", "2025-11-28T09:12:00Z")


@case("humberside-police-realisation-plan.xlsx")
def humberside_text_date(m: Maker, filename: str) -> None:
    """A British date typed as text in date_prepared: "23 Nov 25" (filled with openpyxl as text)."""
    plan = m.fill(m.blank("Humberside"), {name("reporting_period"): "Humberside: Q3 2025/26", name("date_prepared"): "23 Nov 25"})
    m.write(filename, repack(plan, stamp=("2024-01-01T00:00:00Z", "2025-11-23T12:00:00Z")))


@case("gloucestershire-constabulary-realisation-plan.xlsx")
def gloucestershire_text_month(m: Maker, filename: str) -> None:
    """A month typed as text in date_prepared: "Nov 2025" (filled with openpyxl as text)."""
    plan = m.fill(m.blank("Glos"), {name("reporting_period"): "Glos: Q3 2025/26", name("date_prepared"): "Nov 2025"})
    m.write(filename, repack(plan, stamp=("2024-01-01T00:00:00Z", "2025-11-30T12:00:00Z")))


def main(argv: list[str]) -> int:
    out = ROOT / "tests" / "fixtures" / "returns"
    only: list[str] = []
    overwrite = False
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--out":
            out = Path(args.pop(0)).resolve()
        elif arg == "--only":
            only.append(args.pop(0))
        elif arg == "--overwrite":  # only into a scratch --out folder, to compare runs
            overwrite = True
        else:
            print(__doc__, file=sys.stderr)
            return 2
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="nvap-returns-") as tmp:
        maker = Maker(out, Path(tmp))
        maker.overwrite = overwrite
        for filename, fn in CASES.items():
            if only and filename not in only:
                continue
            fn(maker, filename)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--uno-worker":
        raise SystemExit(uno_worker(sys.argv[2]))
    raise SystemExit(main(sys.argv[1:]))
