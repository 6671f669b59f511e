"""The Analysis Function's spreadsheet checklist (``spreadsheet_checklist``): each rule seen failing on a small
bad workbook, a good one passing, and every workbook nvap writes passing (built in memory or in tmp)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table
from spreadsheet_checklist import failures
from support import FIXTURE

from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.content.project import Project


def good() -> Workbook:
    """A workbook that passes: a cover linking to one table sheet, a very hidden helper named on the cover."""
    wb = Workbook()
    cover = wb.active
    assert cover is not None
    cover.title = "Cover"
    cover["A1"] = "A small workbook"
    cover["A2"] = "Data: the data"
    cover["A2"].hyperlink = Hyperlink(ref="A2", location="'Data'!A1")
    cover["A3"] = "helper: what nvap reads"
    data = wb.create_sheet("Data")
    data["A1"] = "The data"
    for row in (["Name", "Count"], ["a", 1], ["b", 2]):
        data.append(row)
    data.add_table(Table(displayName="t_data", ref="A2:B4"))
    helper = wb.create_sheet("helper")
    helper.sheet_state = "veryHidden"
    wb.properties.title = "A small workbook"
    wb.properties.subject = "Tests"
    wb.properties.language = "en"
    return wb


def saved(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_a_good_workbook_passes() -> None:
    assert failures(saved(good())) == []


def no_link(wb: Workbook) -> None:
    wb["Cover"]["A2"].hyperlink = None


def no_title(wb: Workbook) -> None:
    wb["Data"]["A1"] = None


def merged(wb: Workbook) -> None:
    wb["Cover"].merge_cells("A5:C5")


def blank_row(wb: Workbook) -> None:
    ws = wb["Data"]
    ws["A5"], ws["B5"] = "c", 3
    ws["A4"], ws["B4"] = None, None
    ws.tables["t_data"].ref = "A2:B5"


def blank_column(wb: Workbook) -> None:
    ws = wb["Data"]
    del ws.tables["t_data"]
    ws["C3"] = 5
    ws.auto_filter.ref = "A2:C4"


def two_headers(wb: Workbook) -> None:
    ws = wb["Data"]
    ws["B1"] = "Counts"  # a second header row above the table's own


def no_input_message(wb: Workbook) -> None:
    ws = wb["Data"]
    ws.protection.sheet = True
    ws["C3"].protection = Protection(locked=False)
    helped = DataValidation(showInputMessage=True, prompt="Type a count")
    ws.add_data_validation(helped)
    ws["C4"].protection = Protection(locked=False)
    helped.add("C4")


def only_hidden(wb: Workbook) -> None:
    wb["helper"].sheet_state = "hidden"


def unnamed_hidden(wb: Workbook) -> None:
    wb["Cover"]["A3"] = "nothing else"


def no_language(wb: Workbook) -> None:
    wb.properties.language = None


def shrunk(wb: Workbook) -> None:
    ws = wb["Data"]
    ws.column_dimensions["B"].width = 250
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def tiny(wb: Workbook) -> None:
    wb["Data"]["A3"].font = Font(name="Arial", size=7)


def small_footer(wb: Workbook) -> None:
    ws = wb["Data"]
    footer = ws.oddFooter.left
    footer.text = "page"
    footer.size = 6


def cover_not_first(wb: Workbook) -> None:
    wb.move_sheet("Cover", offset=1)


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        (no_link, ["cover: Cover does not link to the sheet Data"]),
        (
            cover_not_first,
            ["cover: Data does not link to the sheet Cover", "hidden: helper is hidden and the cover does not name it"],
        ),
        (no_title, ["title: Data has no title in A1"]),
        (merged, ["merged: Cover!A5:C5 is merged"]),
        (blank_row, ["blank-row: Data table t_data has an empty row 4"]),
        (blank_column, ["blank-column: Data table filter has a column without a header (C2)"]),
        (two_headers, ["header: Data table t_data has a second header row above row 2"]),
        (no_input_message, ["input: Data!C3 is an input without an input message"]),
        (only_hidden, ["hidden: helper is hidden, not very hidden"]),
        (unnamed_hidden, ["hidden: helper is hidden and the cover does not name it"]),
        (no_language, ["properties: the document has no language"]),
        (shrunk, ["font: Data!A1 prints at 3.9 pt (11 pt at 35%)"]),
        (tiny, ["font: Data!A3 prints at 7.0 pt (7 pt at 100%)"]),
        (small_footer, ["font: Data oddFooter.left prints at 6.0 pt"]),
    ],
)
def test_each_rule_fails_on_a_bad_workbook(spoil: Callable[[Workbook], None], expected: list[str]) -> None:
    wb = good()
    spoil(wb)
    assert failures(saved(wb)) == expected


# -- every workbook nvap writes ---------------------------------------------------------------


@pytest.fixture(scope="module")
def project() -> Project:
    return load_valid_project(FIXTURE)


def test_the_toolkit_passes(project: Project) -> None:
    from nvap_toolkit.document import toolkit_xlsx

    assert failures(toolkit_xlsx(project, project.actions["1.1.1"])) == []


def test_the_covenant_tracker_passes(project: Project) -> None:
    from nvap_toolkit.render.xlsx.tracker import covenant_tracker_xlsx

    assert failures(covenant_tracker_xlsx(project, project.reports[2024])) == []


@pytest.mark.parametrize("lang", ["en", "cy"])
def test_blank_plans_pass(project: Project, lang: str) -> None:
    from nvap_toolkit.plan.write import plan_outputs

    (output,) = plan_outputs(project, Path("."), ["Norfolk"], lang=lang)
    assert failures(output.data) == []


def test_welsh_workbooks_pass_and_say_they_are_welsh(project: Project) -> None:
    from openpyxl import load_workbook

    from nvap_toolkit.document import toolkit_xlsx
    from nvap_toolkit.i18n.apply import translated
    from nvap_toolkit.plan.write import plan_outputs
    from nvap_toolkit.render.xlsx.tracker import covenant_tracker_xlsx

    welsh = translated(project, "cy")
    (plan,) = plan_outputs(project, Path("."), ["Gwent"], lang="cy")
    for data in (toolkit_xlsx(welsh, welsh.actions["1.1.1"]), covenant_tracker_xlsx(welsh, welsh.reports[2024]), plan.data):
        assert failures(data) == []
        assert load_workbook(io.BytesIO(data)).properties.language == "cy"


def test_the_collect_summary_passes(project: Project, tmp_path: Path) -> None:
    from nvap_toolkit.collect.summary import summary_xlsx
    from nvap_toolkit.collect.tally import collect
    from nvap_toolkit.plan.write import plan_outputs

    for output in plan_outputs(project, tmp_path, ["Norfolk", "Gwent"]):
        output.path.write_bytes(output.data)
    assert failures(summary_xlsx(project, collect(project, [tmp_path]))) == []
