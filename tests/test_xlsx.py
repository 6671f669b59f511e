"""The toolkit workbook and the Covenant tracker, read back with openpyxl."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from support import FIXTURE, copy_fixture

from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.content.project import Project
from nvap_toolkit.document import toolkit_xlsx
from nvap_toolkit.render.xlsx.tracker import covenant_tracker_xlsx
from nvap_toolkit.sheets.cells import put, sheet_title

ROOT = Path(__file__).resolve().parents[1]
ACTION = "1.1.1"
YEAR = 2024


@pytest.fixture(scope="module")
def project() -> Project:
    return load_valid_project(FIXTURE)


@pytest.fixture(scope="module")
def toolkit_bytes(project: Project) -> bytes:
    return toolkit_xlsx(project, project.actions[ACTION])


@pytest.fixture(scope="module")
def toolkit(toolkit_bytes: bytes) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(toolkit_bytes))


@pytest.fixture(scope="module")
def tracker_bytes(project: Project) -> bytes:
    return covenant_tracker_xlsx(project, project.reports[YEAR])


@pytest.fixture(scope="module")
def tracker(tracker_bytes: bytes) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(tracker_bytes))


PARTS = [
    "Cover",
    "Fixture Guidance Notes",
    "Impact Statement",
    "Logic Model",
    "Logic Model Objectives",
    "Supporting Information 1",
    "Supporting Information 2",
    "Further Information",
    "Acronym Glossary",
    "Impact Realisation Plan",
]
"""The fixture toolkit's visible sheets, written out by hand."""
TABLES = ["Logic Model", "Logic Model Objectives", "Supporting Information 1", "Supporting Information 2", "Acronym Glossary"]
"""The sheets that are one Excel table under their title."""
TEXTS = ["Fixture Guidance Notes", "Impact Statement", "Further Information"]
"""The sheets of one column of text."""


def part_titles(project: Project) -> list[str]:
    return PARTS


def texts(ws: Worksheet) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def find_row(ws: Worksheet, value: str, column: int = 1) -> int:
    for row in ws.iter_rows(min_col=column, max_col=column):
        if row[0].value == value:
            return row[0].row
    raise AssertionError(f"{value!r} not in column {column} of {ws.title}")


# -- the toolkit ------------------------------------------------------------------------------


def test_sheet_names_and_order(project: Project, toolkit: Workbook) -> None:
    visible = [ws.title for ws in toolkit.worksheets if ws.sheet_state == "visible"]
    assert visible == part_titles(project)
    assert toolkit.sheetnames == [*visible, "nvap_lists"]
    assert toolkit["nvap_lists"].sheet_state == "veryHidden"
    assert all(len(t) <= 31 and not set(t) & set("[]:*?/\\") for t in toolkit.sheetnames)


def test_cover_links_every_sheet_and_explains_the_hidden_one(project: Project, toolkit: Workbook) -> None:
    cover = toolkit["Cover"]
    assert cover["A1"].value == "Fixture Programme: Action Impact Toolkit 1.1.1 Fixture Action"
    links = {c.hyperlink.location for row in cover.iter_rows() for c in row if c.hyperlink is not None and c.hyperlink.location}
    assert links == {f"'{t}'!A1" if " " in t else f"{t}!A1" for t in PARTS[1:]}
    assert any(v.startswith("nvap_lists: ") for v in texts(cover))
    assert toolkit.properties.title == cover["A1"].value
    assert (toolkit.properties.subject, toolkit.properties.language) == ("Fixture Programme", "en")


def test_sheet_title_is_valid_and_unique() -> None:
    assert sheet_title("Action Impact Toolkit Guidance Notes") == "Action Impact Toolkit Guidance"
    assert sheet_title("a/b: [c]*?\\d") == "a-b c -d"
    assert sheet_title("Logic Model", ["logic model"]) == "Logic Model (2)"
    long = sheet_title("x" * 40, ["x" * 31])
    assert len(long) <= 31 and long.endswith("(2)")


def test_header_cells_bold_named_font(project: Project, toolkit: Workbook) -> None:
    labels = project.programme_of(project.actions[ACTION]).labels
    for title in ("Logic Model", "Supporting Information 1"):
        ws = toolkit[title]
        row = find_row(ws, labels.activities, column=2 if title == "Logic Model" else 1)
        (table,) = ws.tables.values()
        assert table.ref.startswith(f"A{row}:")
        for cell in ws[row]:
            if cell.value is not None:
                assert cell.font.b, (title, cell.coordinate)
                assert cell.font.name == "Arial", (title, cell.coordinate)
                assert cell.fill.fgColor.rgb.endswith("1F4E79")
    # Every cell with text, on every sheet, has a named font; no cell is merged.
    for ws in toolkit.worksheets:
        assert not ws.merged_cells.ranges, ws.title
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.font.name, (ws.title, cell.coordinate)


def test_text_cells_wrap_and_columns_have_widths(project: Project, toolkit: Workbook) -> None:
    for title in TEXTS + TABLES:
        ws = toolkit[title]
        # A table sheet's title and note run over the cells beside them; all else wraps.
        for row in ws.iter_rows(min_row=1 if title in TEXTS else 3):
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.alignment.wrap_text, (title, cell.coordinate)
        for column in range(1, ws.max_column + 1):
            letter = openpyxl.utils.get_column_letter(column)
            assert ws.column_dimensions[letter].width and ws.column_dimensions[letter].width > 5, (title, letter)
        # Rows with text have a height, so wrapped text shows where rows are not fitted automatically.
        for row in ws.iter_rows():
            if any(isinstance(c.value, str) for c in row):
                assert ws.row_dimensions[row[0].row].height, (title, row[0].row)


def test_freeze_and_print_setup(project: Project, toolkit: Workbook) -> None:
    for title in part_titles(project):
        ws = toolkit[title]
        setup = ws.page_setup
        assert setup.orientation == ("portrait" if title in TEXTS or title == "Cover" else "landscape"), title
        assert int(setup.paperSize) == 9, title  # A4
        assert int(setup.fitToWidth) == 1, title
        assert int(setup.fitToHeight) == 0, title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, title
        if title in TABLES:
            assert ws.freeze_panes == "A3" or ws.freeze_panes == "A4", title
            assert ws.print_title_rows, title


def test_logic_model_repeats_its_table_header(project: Project, toolkit: Workbook) -> None:
    labels = project.programme_of(project.actions[ACTION]).labels
    ws = toolkit["Logic Model"]
    row = find_row(ws, labels.activities, column=2)
    assert ws.print_title_rows == f"${row}:${row}"
    assert ws.freeze_panes == f"A{row + 1}"


def test_logic_model_has_every_activity_and_peel_measure(toolkit: Workbook) -> None:
    cells = texts(toolkit["Logic Model"])
    for title in ("Fixture activity one", "Fixture activity two", "Fixture activity three", "Fixture activity four"):
        assert title in cells
    objectives = "\n".join(texts(toolkit["Logic Model Objectives"]))
    for text in (
        "1.1 Fixture measure one",
        "1.1.1 Fixture measure one point one",
        "Fixture measure alpha",
        "Fixture measure beta",
        "Fixture consequence one",
        "Fixture consequence two",
        "2.1 Fixture measure two",
        "2.2 Fixture measure two point two",
        "Fixture measure gamma",
        "Fixture consequence five",
    ):
        assert text in objectives, text
    statement = texts(toolkit["Impact Statement"])
    for measure in ("1.1 Fixture measure one", "2.1 Fixture measure two"):  # how_we_know
        assert any(c.endswith(measure) for c in statement), measure


def test_supporting_information(project: Project, toolkit: Workbook) -> None:
    action = project.actions[ACTION]
    further = toolkit["Further Information"]
    whole = "\n".join(texts(further))
    # Every reference the fixture toolkit cites or lists.
    for title in ("A fixture article", "A fixture report", "A fixture web page", "An undated fixture report"):
        assert title in whole, title
    (link,) = [c for row in further.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("Fixture Site")]
    assert link.hyperlink.target == "https://example.org/site"
    (bare,) = [c for row in further.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("Fixture Link")]
    assert bare.hyperlink is None  # no address
    labels = project.programme_of(action).labels
    for number in (1, 2):
        ws = toolkit[f"Supporting Information {number}"]
        cells = texts(ws)
        row = find_row(ws, labels.activities)
        assert f"{labels.potential_measures} {number}" in cells
        assert ws.cell(row=row, column=2).value == labels.evidence
    assert {"Fixture activity one", "Fixture activity two"} <= set(texts(toolkit["Supporting Information 1"]))
    assert {"Fixture activity three", "Fixture activity four"} <= set(texts(toolkit["Supporting Information 2"]))


def test_glossary_and_attribution(project: Project, toolkit: Workbook) -> None:
    cells = texts(toolkit["Acronym Glossary"])
    for term, expansion in [("FXA", "Fixture Acronym"), ("PEEL", "Fixture expansion of PEEL")]:
        assert term in cells and expansion in cells
    assert "The text of this toolkit is fixture text written for nvap's tests." in texts(toolkit["Cover"])
    for title in part_titles(project):
        assert "&P" in toolkit[title].oddFooter.right.text


def test_plan_sheet_is_the_form(project: Project, toolkit: Workbook) -> None:
    ws = toolkit["Impact Realisation Plan"]
    assert ws.protection.sheet
    assert any(name.startswith("p_1_1_1_") for name in toolkit.defined_names)


def test_toolkit_is_byte_identical(project: Project, toolkit_bytes: bytes) -> None:
    assert toolkit_xlsx(project, project.actions[ACTION]) == toolkit_bytes


# -- text never becomes a formula ---------------------------------------------------------------


def test_put_keeps_text() -> None:
    ws = Workbook().active
    for n, text in enumerate(["=1+1", "+1", "-1", "@SUM(A1)", '=HYPERLINK("x")', "#N/A"], start=1):
        cell = put(ws, n, 1, text)
        assert cell.data_type == "s"
        assert cell.value == text


@pytest.fixture(scope="module")
def formula_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, dict[str, str]]:
    root = tmp_path_factory.mktemp("formula") / "content"
    copy_fixture(root)
    chosen = {
        "title": "=1+1",
        "impact": "+44 20 7946 0000 is a number",
        "question": "-1 is less than nothing?",
        "meaning": "@SUM(A1:A2) is a function",
        "priority": '=HYPERLINK("http://example.org")',
    }
    path = root / "actions" / f"{ACTION}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    objective = data["objectives"][0]
    objective["activities"][0]["title"] = chosen["title"]
    objective["activities"][0]["impacts"][0] = chosen["impact"]
    objective["activities"][0]["assessment_questions"][0] = chosen["question"]
    objective["what_we_mean"] = chosen["meaning"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report_path = root / "covenant" / str(YEAR) / "report.yaml"
    report = yaml.safe_load(report_path.read_text(encoding="utf-8"))
    report["priorities"][0]["title"] = chosen["priority"]
    report_path.write_text(yaml.safe_dump(report, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_valid_project(root), chosen


def _no_formulas(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name


def _cells_starting(wb: Workbook, text: str) -> list[tuple[str, object, str]]:
    return [
        (ws.title, c.value, c.data_type)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith(text)
    ]


def test_content_starting_like_a_formula_stays_text(formula_project: tuple[Project, dict[str, str]]) -> None:
    project, chosen = formula_project
    data = toolkit_xlsx(project, project.actions[ACTION])
    _no_formulas(data)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for key in ("title", "impact", "question", "meaning"):
        found = _cells_starting(wb, chosen[key])
        assert found, key
        assert all(data_type == "s" for _, _, data_type in found), found
    tracker = covenant_tracker_xlsx(project, project.reports[YEAR])
    _no_formulas(tracker)
    found = _cells_starting(openpyxl.load_workbook(io.BytesIO(tracker)), chosen["priority"])
    assert found and all(data_type == "s" for _, _, data_type in found)


# -- the Covenant tracker ---------------------------------------------------------------------------


def test_tracker_rows_and_statuses(project: Project, tracker: Workbook) -> None:
    report = project.reports[YEAR]
    assert tracker.sheetnames == ["Cover", "Priorities"]
    ws = tracker["Priorities"]
    assert ws["A1"].value == f"{report.title}: Priorities"
    labels = report.labels
    header = [c.value for c in ws[2]]
    assert header[:5] == [labels.priority, labels.status, labels.year, labels.planned_item, labels.related_actions]
    rows = list(ws.iter_rows(min_row=3, max_row=2 + len(report.priorities), values_only=True))
    assert [r[0] for r in rows] == ["Fixture Priority One", "Fixture Priority Two", "Fixture Priority Three"]
    assert ws.max_row == 2 + len(report.priorities)  # the table ends the sheet
    # The Status column holds statuses, not the report's section headings ("Priorities Completed").
    assert [r[1] for r in rows] == ["Completed", "In progress", "New"]
    assert all(r[2] == 2024 for r in rows)
    assert [r[5] for r in rows] == ["fixture-priority-one", "fixture-priority-two", "fixture-priority-three"]
    # The Covenant priorities the fixture toolkit serves list it as related.
    assert [r[4] for r in rows] == [None, "Action 1.1.1 Fixture Action", "Action 1.1.1 Fixture Action"]


def test_tracker_planned_work(tracker: Workbook) -> None:
    ws = tracker["Priorities"]
    planned = [ws.cell(row=n, column=4) for n in (3, 4, 5)]
    assert [cell.value.split("\n") for cell in planned] == [
        ["1. Fixture planned work of priority one."],
        ["1. Fixture planned work of priority two.", "2. Fixture second planned work of priority two."],
        ["1. Fixture planned work of priority three."],
    ]
    assert all(cell.alignment.wrap_text for cell in planned)


def test_tracker_layout(project: Project, tracker: Workbook) -> None:
    report = project.reports[YEAR]
    ws = tracker["Priorities"]
    last = 2 + len(report.priorities)
    (table,) = ws.tables.values()
    assert table.ref == f"A2:F{last}"
    assert ws.auto_filter.ref is None  # the table has its own
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$2:$2"
    for cell in ws[2]:
        assert cell.font.b and cell.font.name == "Arial"
    for letter in "ABCDEF":
        assert ws.column_dimensions[letter].width > 5
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9
    assert int(ws.page_setup.fitToWidth) == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    cells = texts(tracker["Cover"])
    assert "Contains fixture text written by Fixture Department for nvap's tests." in cells
    assert any("Fixture Licence" in c for c in cells)
    assert cells[cells.index("Priorities") + 1] == project.programmes["nvap"].workbook_labels.tracker
    assert tracker.properties.title == report.title and tracker.properties.language == "en"


def test_tracker_is_byte_identical(project: Project, tracker_bytes: bytes) -> None:
    assert covenant_tracker_xlsx(project, project.reports[YEAR]) == tracker_bytes
