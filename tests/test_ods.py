"""Workbooks as OpenDocument spreadsheets: ``sheets.ods`` read back by hand (content.xml) and by nvap's own reader."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from unittest import mock
from xml.etree import ElementTree

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from support import FIXTURE, SHIPPED, SOURCES

import nvap_toolkit.plan.write as plan_write
import nvap_toolkit.sheets.workbook as xlsx_workbook
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.content.project import Project
from nvap_toolkit.document import toolkit_workbook
from nvap_toolkit.plan.read import read_plan
from nvap_toolkit.render.xlsx.tracker import covenant_tracker_workbook
from nvap_toolkit.sheets.book import Book
from nvap_toolkit.sheets.cells import write_text
from nvap_toolkit.sheets.files import open_book_bytes
from nvap_toolkit.sheets.ods import ods_bytes

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "config": "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
}
ACTION = "1.1.1"
PLAN_SHEET = "1.1.1 Fixture Action"


def q(name: str) -> str:
    prefix, _, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"


def part(data: bytes, name: str = "content.xml") -> ElementTree.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return ElementTree.fromstring(archive.read(name))


def tables(root: ElementTree.Element) -> dict[str, ElementTree.Element]:
    return {t.get(q("table:name"), ""): t for t in root.iter(q("table:table"))}


def cell_styles(root: ElementTree.Element) -> dict[str, ElementTree.Element]:
    return {s.get(q("style:name"), ""): s for s in root.iter(q("style:style")) if s.get(q("style:family")) == "table-cell"}


def grid(table: ElementTree.Element) -> dict[tuple[int, int], ElementTree.Element]:
    """Every cell element of a table by (row, column), repeats expanded (header rows included)."""
    found: dict[tuple[int, int], ElementTree.Element] = {}
    row = 0
    for element in table.iter(q("table:table-row")):
        for _ in range(int(element.get(q("table:number-rows-repeated"), "1"))):
            row += 1
            col = 0
            for cell in element:
                for _ in range(int(cell.get(q("table:number-columns-repeated"), "1"))):
                    col += 1
                    found[(row, col)] = cell
    return found


# -- a small workbook with every feature ------------------------------------------------------------


def small_workbook() -> Workbook:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Form"
    write_text(ws["A1"], "=1+1")
    write_text(ws["A2"], "line one\nline two\n\nafter a blank line")
    write_text(ws["A3"], "  two  spaces and a\ttab ")
    ws["B1"] = 42
    ws["B1"].comment = Comment("a note\non two lines", "nvap")
    ws["B2"] = 0.75
    ws["B2"].number_format = "0%"
    ws["B3"] = date(2024, 3, 1)
    ws["B3"].number_format = "dd/mm/yyyy"
    ws["B4"] = True
    write_text(ws["A5"], "Merged")
    ws.merge_cells("A5:C6")
    write_text(ws["C1"], "GOV.UK")
    ws["C1"].hyperlink = "https://www.gov.uk/"
    write_text(ws["C2"], "to the lists")
    ws["C2"].hyperlink = "#'Bob''s list'!A1"
    ws["C2"].hyperlink.location = "'Bob''s list'!A1"
    ws["C2"].hyperlink.target = None
    edge = Side(style="thin", color="808080")
    for coord in ("C3", "C4", "C7", "C8"):
        ws[coord].protection = Protection(locked=False)
        ws[coord].fill = PatternFill(fill_type="solid", start_color="FFF2CC", end_color="FFF2CC")
        ws[coord].border = Border(left=edge, right=edge, top=edge, bottom=edge)
    ws["A1"].font = Font(name="Arial", size=14, bold=True, italic=True, color="1F3864", underline="single")
    ws.column_dimensions["A"].width = 26
    ws.row_dimensions[1].height = 24
    ws.protection.sheet = True
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.print_area = "A1:C8"

    lists = wb.create_sheet("nvap_lists")
    lists.sheet_state = "hidden"
    for row, text in enumerate(["First choice", "Second, with a comma", "=not a formula"], start=1):
        write_text(lists.cell(row=row, column=1), text)
    secret = wb.create_sheet("Bob's list")
    secret.sheet_state = "veryHidden"
    write_text(secret["A1"], "very hidden")

    wb.defined_names["p_input"] = DefinedName("p_input", attr_text="Form!$C$3")
    wb.defined_names["p_list"] = DefinedName("p_list", attr_text="nvap_lists!$A$1:$A$3")
    wb.defined_names["p_quoted"] = DefinedName("p_quoted", attr_text="'Bob''s list'!$A$1")

    by_range = DataValidation(
        type="list",
        formula1="nvap_lists!$A$1:$A$3",
        allow_blank=True,
        showInputMessage=True,
        promptTitle="Activity",
        prompt="Pick one",
    )
    by_name = DataValidation(type="list", formula1="p_list", allow_blank=True, showErrorMessage=False, errorStyle="information")
    inline = DataValidation(type="list", formula1='"yes,no"', allow_blank=False)
    dated = DataValidation(
        type="date",
        operator="greaterThanOrEqual",
        formula1="1",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        showInputMessage=True,
        promptTitle="Date Prepared",
        prompt="A date, e.g. 01/03/2024\nas a day",
    )
    help_only = DataValidation(showInputMessage=True, promptTitle="Notes", prompt="Anything else")
    for dv, where in ((by_range, "C3"), (dated, "C4"), (by_name, "C7"), (inline, "B7"), (help_only, "C8")):
        ws.add_data_validation(dv)
        dv.add(where)
    return wb


@pytest.fixture(scope="module")
def small() -> bytes:
    return ods_bytes(small_workbook(), title="A small workbook", lang="cy")


@pytest.fixture(scope="module")
def small_book(small: bytes) -> Book:
    return open_book_bytes(small)


def test_package_mimetype_first_stored_fixed_dates(small: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(small)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == [
            "mimetype",
            "content.xml",
            "styles.xml",
            "meta.xml",
            "settings.xml",
            "META-INF/manifest.xml",
        ]
        assert infos[0].compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.spreadsheet"
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in infos} == {0o644}
        manifest = archive.read("META-INF/manifest.xml").decode()
    # A program tells the file by its bytes: the mimetype at offset 38, uncompressed.
    assert small[30:38] == b"mimetype" and small[38:84] == b"application/vnd.oasis.opendocument.spreadsheet"
    assert 'manifest:full-path="content.xml"' in manifest and 'manifest:full-path="/"' in manifest


def test_same_workbook_same_bytes(small: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ods_bytes(small_workbook(), title="A small workbook", lang="cy") == small
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    later = ods_bytes(small_workbook(), title="A small workbook", lang="cy")
    assert later != small
    assert part(later, "meta.xml").find(".//dc:date", NS).text == "2023-11-14T22:13:20Z"  # type: ignore[union-attr]


def test_the_workbook_is_not_changed() -> None:
    wb = small_workbook()
    ods_bytes(wb)
    # Saving changes a workbook (openpyxl's writer does), so compare with a fresh one.
    assert xlsx_workbook.workbook_bytes(wb) == xlsx_workbook.workbook_bytes(small_workbook())


def test_sheets_in_order_with_visibility(small: bytes, small_book: Book) -> None:
    root = part(small)
    assert list(tables(root)) == ["Form", "nvap_lists", "Bob's list"]
    displays = {
        s.get(q("style:name")): p.get(q("table:display"))
        for s in root.iter(q("style:style"))
        for p in s.iter(q("style:table-properties"))
    }
    assert {name: displays[t.get(q("table:style-name"))] for name, t in tables(root).items()} == {
        "Form": "true",
        "nvap_lists": "false",
        "Bob's list": "false",
    }
    assert {t: s.state for t, s in small_book.sheets.items()} == {
        "Form": "visible",
        "nvap_lists": "hidden",
        "Bob's list": "hidden",
    }
    assert small_book.kind == "OpenDocument spreadsheet"


def test_text_stays_text_with_its_lines_and_spaces(small: bytes, small_book: Book) -> None:
    form = small_book.sheets["Form"]
    formula_like = form.at("A1")
    assert formula_like is not None and formula_like.shown == "=1+1" and formula_like.formula is None
    assert "table:formula" not in zipfile.ZipFile(io.BytesIO(small)).read("content.xml").decode()
    assert form.at("A2").shown == "line one\nline two\n\nafter a blank line"  # type: ignore[union-attr]
    assert form.at("A3").shown == "  two  spaces and a\ttab "  # type: ignore[union-attr]
    assert small_book.sheets["nvap_lists"].at("A3").shown == "=not a formula"  # type: ignore[union-attr]
    # A line is a paragraph, as LibreOffice writes it (its Calc ignores text:line-break in a cell).
    a2 = grid(tables(part(small))["Form"])[(2, 1)]
    assert [p.text or "" for p in a2.iter(q("text:p"))] == ["line one", "line two", "", "after a blank line"]


def test_numbers_dates_booleans_and_notes(small_book: Book) -> None:
    form = small_book.sheets["Form"]
    b1, b2, b3, b4 = (form.at(c) for c in ("B1", "B2", "B3", "B4"))
    assert b1 is not None and (b1.shown, b1.number) == ("42", 42.0)
    assert b2 is not None and (b2.shown, b2.stored, b2.number) == ("75%", "0.75", 0.75)
    assert b3 is not None and (b3.shown, b3.stored, b3.is_date) == ("01/03/2024", "2024-03-01", True)
    assert b4 is not None and (b4.shown, b4.stored) == ("TRUE", "true")
    assert form.notes == {(1, 2): "a note\non two lines"}


def test_merged_range_spans_and_covers(small: bytes, small_book: Book) -> None:
    cells = grid(tables(part(small))["Form"])
    anchor = cells[(5, 1)]
    assert (anchor.get(q("table:number-columns-spanned")), anchor.get(q("table:number-rows-spanned"))) == ("3", "2")
    covered = {rc for rc, e in cells.items() if e.tag == q("table:covered-table-cell")}
    assert covered == {(5, 2), (5, 3), (6, 1), (6, 2), (6, 3)}
    assert small_book.sheets["Form"].at("A5").shown == "Merged"  # type: ignore[union-attr]


def test_protected_sheet_with_unlocked_inputs(small: bytes) -> None:
    root = part(small)
    form = tables(root)["Form"]
    assert form.get(q("table:protected")) == "true"
    assert tables(root)["nvap_lists"].get(q("table:protected")) is None
    styles = cell_styles(root)

    def protect(cell: ElementTree.Element) -> str | None:
        style = styles.get(cell.get(q("table:style-name"), ""))
        props = style.find("style:table-cell-properties", NS) if style is not None else None
        return props.get(q("style:cell-protect")) if props is not None else None

    cells = grid(form)
    assert {rc: protect(e) for rc, e in cells.items() if protect(e)} == {
        (3, 3): "none",
        (4, 3): "none",
        (7, 3): "none",
        (8, 3): "none",
    }
    input_props = styles[cells[(3, 3)].get(q("table:style-name"), "")].find("style:table-cell-properties", NS)
    assert input_props is not None
    assert input_props.get(q("fo:background-color")) == "#fff2cc"
    assert input_props.get(q("fo:border")) == "0.74pt solid #808080"
    # The four inputs share one style.
    assert len({cells[rc].get(q("table:style-name")) for rc in ((3, 3), (4, 3), (7, 3), (8, 3))}) == 1


def test_fonts_widths_heights(small: bytes) -> None:
    root = part(small)
    cells = grid(tables(root)["Form"])
    text = cell_styles(root)[cells[(1, 1)].get(q("table:style-name"), "")].find("style:text-properties", NS)
    assert text is not None
    assert {k.rpartition("}")[2]: v for k, v in text.attrib.items() if "asian" not in k and "complex" not in k} == {
        "font-name": "Arial",
        "font-size": "14pt",
        "font-weight": "bold",
        "font-style": "italic",
        "color": "#1f3864",
        "text-underline-style": "solid",
        "text-underline-type": "single",
        "text-underline-width": "auto",
        "text-underline-color": "font-color",
    }
    autos = {s.get(q("style:name")): s for s in root.iter(q("style:style"))}
    first_column = tables(root)["Form"].find("table:table-column", NS)
    assert first_column is not None
    width = autos[first_column.get(q("table:style-name"))].find("style:table-column-properties", NS)
    assert width is not None and width.get(q("style:column-width")) == f"{26 * 7 / 72:.4f}in"
    first_row = tables(root)["Form"].find(".//table:table-row", NS)
    assert first_row is not None
    height = autos[first_row.get(q("table:style-name"))].find("style:table-row-properties", NS)
    assert height is not None and height.get(q("style:row-height")) == "24pt"


def test_validations_lists_dates_and_help(small: bytes) -> None:
    root = part(small)
    found = {v.get(q("table:name")): v for v in root.iter(q("table:content-validation"))}
    cells = grid(tables(root)["Form"])
    by_cell = {
        rc: e.get(q("table:content-validation-name")) for rc, e in cells.items() if e.get(q("table:content-validation-name"))
    }
    assert set(by_cell) == {(3, 3), (4, 3), (7, 3), (7, 2), (8, 3)}

    def rule(rc: tuple[int, int]) -> dict[str, object]:
        v = found[by_cell[rc]]
        help_message = v.find("table:help-message", NS)
        error = v.find("table:error-message", NS)
        return {
            "condition": v.get(q("table:condition")),
            "empty": v.get(q("table:allow-empty-cell")),
            "list": v.get(q("table:display-list")),
            "base": v.get(q("table:base-cell-address")),
            "help": None
            if help_message is None
            else (help_message.get(q("table:title")), [p.text for p in help_message.iter(q("text:p"))]),
            "error": None if error is None else error.get(q("table:message-type")),
        }

    assert rule((3, 3)) == {
        "condition": "of:cell-content-is-in-list([$nvap_lists.$A$1:.$A$3])",
        "empty": "true",
        "list": "unsorted",
        "base": "Form.C3",
        "help": ("Activity", ["Pick one"]),
        "error": None,
    }
    assert rule((4, 3)) == {
        "condition": "of:cell-content-is-date() and cell-content()>=1",
        "empty": "true",
        "list": None,
        "base": "Form.C4",
        "help": ("Date Prepared", ["A date, e.g. 01/03/2024", "as a day"]),
        "error": "stop",
    }
    assert rule((7, 3))["condition"] == "of:cell-content-is-in-list(p_list)"
    assert rule((7, 2))["condition"] == 'of:cell-content-is-in-list("yes";"no")'
    assert rule((7, 2))["empty"] == "false"
    assert rule((8, 3)) == {
        "condition": None,
        "empty": None,
        "list": None,
        "base": "Form.C8",
        "help": ("Notes", ["Anything else"]),
        "error": None,
    }


def test_named_ranges_hyperlinks_and_views(small: bytes, small_book: Book) -> None:
    assert small_book.names == {"p_input": "'Form'!$C$3", "p_list": "'nvap_lists'!$A$1:$A$3", "p_quoted": "'Bob''s list'!$A$1"}
    root = part(small)
    ranges = {n.get(q("table:name")): n.get(q("table:cell-range-address")) for n in root.iter(q("table:named-range"))}
    assert ranges == {"p_input": "$Form.$C$3", "p_list": "$nvap_lists.$A$1:.$A$3", "p_quoted": "$'Bob''s list'.$A$1"}
    destination = small_book.destination("p_input")
    assert destination is not None and (destination[0].title, destination[1]) == ("Form", "C3")
    links = [a.get(q("xlink:href")) for a in root.iter(q("text:a"))]
    assert links == ["https://www.gov.uk/", "#'Bob''s list'.A1"]
    form = tables(root)["Form"]
    assert form.get(q("table:print-ranges")) == "Form.A1:Form.C8"
    header = form.find("table:table-header-rows", NS)
    assert header is not None and len(header.findall("table:table-row", NS)) == 1
    settings = part(small, "settings.xml")
    entry = settings.find(".//config:config-item-map-named[@config:name='Tables']/config:config-item-map-entry", NS)
    assert entry is not None and entry.get(q("config:name")) == "Form"
    items = {i.get(q("config:name")): i.text for i in entry.iter(q("config:config-item"))}
    assert (items["VerticalSplitMode"], items["VerticalSplitPosition"], items["HorizontalSplitMode"]) == ("2", "1", "0")


def test_document_properties(small: bytes) -> None:
    meta = part(small, "meta.xml")
    assert meta.find(".//dc:title", NS).text == "A small workbook"  # type: ignore[union-attr]
    assert meta.find(".//dc:language", NS).text == "cy-GB"  # type: ignore[union-attr]
    assert meta.find(".//dc:date", NS).text == "2024-01-01T00:00:00Z"  # type: ignore[union-attr]
    assert meta.find(".//meta:generator", NS).text.startswith("nvap-toolkit/")  # type: ignore[union-attr]
    default = part(small, "styles.xml").find(".//style:default-style/style:text-properties", NS)
    assert default is not None and (default.get(q("fo:language")), default.get(q("fo:country"))) == ("cy", "GB")


def test_an_empty_workbook() -> None:
    data = ods_bytes(Workbook())
    assert list(open_book_bytes(data).sheets) == ["Sheet"]


# -- nvap's own workbooks ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def project() -> Project:
    return load_valid_project(FIXTURE)


@pytest.fixture(scope="module")
def norfolk(project: Project, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workbook, bytes]]:
    """Norfolk's plan: the workbook ``plan_workbook`` built in memory, and the .xlsx bytes made from it."""
    built: list[Workbook] = []
    make = plan_write.plan_workbook

    def keep(*args: object, **kwargs: object) -> Workbook:
        wb = make(*args, **kwargs)  # type: ignore[arg-type]
        built.append(wb)
        return wb

    with mock.patch.object(plan_write, "plan_workbook", keep):
        (output,) = plan_write.plan_outputs(project, tmp_path_factory.mktemp("plan"), ["Norfolk"])
    yield built[0], output.data


@pytest.fixture(scope="module")
def norfolk_ods(norfolk: tuple[Workbook, bytes]) -> bytes:
    return ods_bytes(norfolk[0], lang="en")


def same_text(wb: Workbook, book: Book) -> None:
    """Every sheet of ``wb`` is in ``book``, in order, with every text cell showing the same text."""
    assert list(book.sheets) == wb.sheetnames
    for ws in wb.worksheets:
        sheet = book.sheets[ws.title]
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value:
                    found = sheet.at(cell.coordinate)
                    assert found is not None and found.shown == cell.value, (ws.title, cell.coordinate)


def test_plan_names_resolve_to_the_same_cells(norfolk: tuple[Workbook, bytes], norfolk_ods: bytes) -> None:
    xlsx = load_workbook(io.BytesIO(norfolk[1]))
    book = open_book_bytes(norfolk_ods)
    assert set(book.names) == set(xlsx.defined_names)
    inputs = [n for n in xlsx.defined_names if n.startswith("p_") and "_list_" not in n]
    assert len(inputs) == 5 + 2 * (1 + 8 * 2)  # force and header, then per objective its owner and 8 rows of 2
    for name, defined in xlsx.defined_names.items():
        ((sheet, coord),) = defined.destinations
        first, _, last = coord.replace("$", "").partition(":")
        found = book.destination(name)
        assert found is not None and (found[0].title, found[1], found[2]) == (sheet, first, last or first), name
    same_text(xlsx, book)


def test_plan_form_is_protected_with_inputs_unlocked_and_helped(norfolk: tuple[Workbook, bytes], norfolk_ods: bytes) -> None:
    root = part(norfolk_ods)
    sheets = tables(root)
    assert [n for n, t in sheets.items() if t.get(q("table:protected")) == "true"] == [
        "Cover",
        PLAN_SHEET,
        "nvap_lists",
        "nvap",
    ]
    styles = cell_styles(root)
    book = open_book_bytes(norfolk_ods)
    cells = grid(sheets[PLAN_SHEET])

    def at(coord: str) -> ElementTree.Element:
        return cells[(int(coord[1:]), ord(coord[0]) - 64)]

    inputs = [n for n in book.names if n.startswith("p_") and "_list_" not in n and not n.endswith("_force")]
    for name in inputs:
        destination = book.destination(name)
        assert destination is not None and destination[0].title == PLAN_SHEET
        props = styles[at(destination[1]).get(q("table:style-name"), "")].find("style:table-cell-properties", NS)
        assert props is not None and props.get(q("style:cell-protect")) == "none", name
    # Each cell the Excel plan validates or helps has the same rule and the same input message.
    validations = {v.get(q("table:name")): v for v in root.iter(q("table:content-validation"))}
    xlsx = load_workbook(io.BytesIO(norfolk[1]))
    kinds = {"list": "of:cell-content-is-in-list(p_1_1_1_", "date": "of:cell-content-is-date() and cell-content()>=1", None: ""}
    checked = 0
    for dv in xlsx[PLAN_SHEET].data_validations.dataValidation:
        for coord in str(dv.sqref).split():
            rule = validations[at(coord).get(q("table:content-validation-name"), "")]
            assert (rule.get(q("table:condition")) or "").startswith(kinds[dv.type]), coord
            message = rule.find("table:help-message", NS)
            shown = None if message is None else (message.get(q("table:title")), "".join(message.itertext()))
            assert shown == ((dv.promptTitle, dv.prompt) if dv.prompt else None), coord
            checked += 1
    assert checked == 38  # every input has its input message: the 4 header inputs, 2 impact owners, 2 x 16 impact cells
    assert all(e.get(q("table:content-validation-name")) is None for rc, e in cells.items() if rc[1] == 1)
    lists = [v.get(q("table:condition")) or "" for v in validations.values() if "in-list" in (v.get(q("table:condition")) or "")]
    assert lists and all(re.fullmatch(r"of:cell-content-is-in-list\(p_1_1_1_\w+_list_\w+\)", c) for c in lists)


def test_plan_filled_in_the_ods_reads_back(project: Project, norfolk: tuple[Workbook, bytes], tmp_path: Path) -> None:
    wb = norfolk[0]
    xlsx = load_workbook(io.BytesIO(norfolk[1]))

    def fill(name: str, value: object) -> None:
        ((sheet, coord),) = xlsx.defined_names[name].destinations
        cell = wb[sheet][coord.replace("$", "")]
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"

    objective = project.actions[ACTION].objectives[0].id.replace("-", "_")
    fill("p_1_1_1_reporting_period", "2024/25")
    fill("p_1_1_1_date_prepared", date(2025, 3, 31))
    fill(f"p_1_1_1_{objective}_org_activity", "=SUM(A1) stays text")
    path = tmp_path / "norfolk-constabulary-realisation-plan.ods"
    try:
        path.write_bytes(ods_bytes(wb))
    finally:
        for name in ("p_1_1_1_reporting_period", "p_1_1_1_date_prepared", f"p_1_1_1_{objective}_org_activity"):
            fill(name, None)
    result = read_plan(path, project)
    assert result.errors == [] and result.plan is not None
    assert result.force_key == "norfolk-constabulary"
    action = result.plan.actions[ACTION]
    period, prepared = action.header["reporting_period"], action.header["date_prepared"]
    assert period is not None and period.text == "2024/25"
    assert prepared is not None and prepared.date == date(2025, 3, 31)
    activity = action.objectives[project.actions[ACTION].objectives[0].id].impacts["organisational"]["activity"]
    assert activity is not None and activity.text == "=SUM(A1) stays text"


def test_plan_blank_ods_reads_as_a_plan(project: Project, norfolk_ods: bytes, tmp_path: Path) -> None:
    path = tmp_path / "norfolk-constabulary-realisation-plan.ods"
    path.write_bytes(norfolk_ods)
    result = read_plan(path, project)
    assert result.errors == [] and result.plan is not None and list(result.plan.actions) == [ACTION]


def test_toolkit_and_tracker_keep_sheets_and_text(project: Project) -> None:
    toolkit = toolkit_workbook(project, project.actions[ACTION])
    data = ods_bytes(toolkit, lang="en")
    book = open_book_bytes(data)
    same_text(toolkit, book)
    assert [s for s, sheet in book.sheets.items() if sheet.state == "hidden"] == ["nvap_lists"]
    assert ods_bytes(toolkit_workbook(project, project.actions[ACTION]), lang="en") == data
    merged = sum(len(ws.merged_cells.ranges) for ws in toolkit.worksheets)
    spans = [c for c in part(data).iter(q("table:table-cell")) if c.get(q("table:number-columns-spanned"))]
    assert len(spans) == merged

    tracker = covenant_tracker_workbook(project, project.reports[2024])
    tracker_data = ods_bytes(tracker, lang="en")
    same_text(tracker, open_book_bytes(tracker_data))
    databases = list(part(tracker_data).iter("{urn:oasis:names:tc:opendocument:xmlns:table:1.0}database-range"))
    assert [d.get(q("table:display-filter-buttons")) for d in databases] == ["true"]


def test_collect_summary_keeps_sheets_and_text(project: Project, norfolk: tuple[Workbook, bytes], tmp_path: Path) -> None:
    from nvap_toolkit.collect.summary import summary_xlsx
    from nvap_toolkit.collect.tally import collect

    returned = tmp_path / "returned"
    returned.mkdir()
    (returned / "norfolk-constabulary-realisation-plan.xlsx").write_bytes(norfolk[1])
    (returned / "norfolk-constabulary-realisation-plan.ods").write_bytes(ods_bytes(norfolk[0]))
    collection = collect(project, [returned], lambda _: None)
    built: list[Workbook] = []
    save = xlsx_workbook.workbook_bytes

    def keep(wb: Workbook) -> bytes:
        built.append(wb)
        return save(wb)

    with mock.patch.object(xlsx_workbook, "workbook_bytes", keep):
        summary_xlsx(project, collection)
    (summary,) = built
    data = ods_bytes(summary, lang="en")
    book = open_book_bytes(data)
    same_text(summary, book)
    assert book.sheets["nvap"].state == "hidden"
    # nvap never reads its own summary as a plan, in either format.
    path = tmp_path / "summary.ods"
    path.write_bytes(data)
    assert read_plan(path, project).own_output


def ods_text(data: bytes) -> str:
    """Every cell's text and every input message of an .ods, as ``source_text.xlsx_text`` reads a workbook."""
    from source_text import normalise

    book = open_book_bytes(data)
    parts = [c.shown for sheet in book.sheets.values() for c in sorted(sheet.cells.values(), key=lambda c: (c.row, c.col))]
    for message in part(data).iter(q("table:help-message")):
        parts.append(message.get(q("table:title"), ""))
        parts.append("\n".join("".join(p.itertext()) for p in message.iter(q("text:p"))))
    return normalise("\n".join(p for p in parts if p))


@pytest.mark.skipif(not SOURCES.is_dir(), reason=f"the source texts are not at {SOURCES} (set NVAP_SOURCES)")
def test_toolkit_ods_holds_every_source_sentence() -> None:
    from source_text import missing, source_sentences

    # Source coverage: of the shipped content, as tests/test_sources.py (which compares the reference list entry
    # by entry: nvap formats it).
    project = load_valid_project(SHIPPED)
    sentences = source_sentences(SOURCES / "004_b979efec25969804.txt", cut=("\nReferences\n", "\nVKPP NVAP Impact\n"))
    assert len(sentences) > 400
    assert missing(sentences, ods_text(ods_bytes(toolkit_workbook(project, project.actions["2.6.2"])))) == []
