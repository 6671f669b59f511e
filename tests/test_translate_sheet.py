"""Translation through a spreadsheet: `nvap translate export` and `nvap translate import` (issue 25).

The Welsh here is made up for the test (``⟦English⟧``, or a marked word): nvap never ships
Welsh it did not get from a translator.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Message
from openpyxl import Workbook, load_workbook
from support import retitle

from nvap_toolkit.i18n.catalogue import read_catalogue
from nvap_toolkit.sheets.files import open_book

CY = Path("content/translations/cy")


def lines(result) -> list[str]:  # type: ignore[no-untyped-def]
    return result.output.strip().splitlines()


def snapshot() -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(CY.rglob("*.po"))}


def messages(rel: str) -> dict[str, Message]:
    """A Welsh catalogue's entries by msgctxt, as nvap reads them (with the ``#|`` previous msgid)."""
    return read_catalogue(CY / rel).messages()


def hand_written(path: Path, sheets: dict[str, list[tuple[str, str, str]]], lang: str | None = "cy") -> Path:
    """A workbook as a translator might make one: a title, the headings, then (place, English, Welsh) rows."""
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        ws.append(["Made by hand"])
        ws.append(["Place", "English", "Welsh"])
        for row in rows:
            ws.append(list(row))
        for cells in ws.iter_rows():
            for cell in cells:
                cell.data_type = "s"  # as typed into a text cell: '=SUM(1,2)' is words
    if lang:
        meta = wb.create_sheet("nvap_translation")
        meta.append(["lang", lang])
    wb.save(path)
    return path


@pytest.fixture
def updated(content, nvap):  # type: ignore[no-untyped-def]
    """The content copy with its Welsh catalogues current (the content may be ahead of the shipped ones)."""
    assert nvap("translate", "update", "--lang", "cy").exit_code == 0
    return content


@pytest.mark.parametrize("suffix", ["xlsx", "ods"])
def test_a_round_trip_changes_nothing(updated, nvap, tmp_path, suffix):
    # Some strings translated, one fuzzy with its earlier English: every state goes out and comes back.
    book = hand_written(
        tmp_path / "first.xlsx",
        {
            "any": [
                ("1.1.1:title", "Fixture Action", "⟦Norms⟧"),
                ("nvap:labels.page_numbers", "Page {page} of {pages}", "⟦{page}/{pages}⟧"),
            ]
        },
    )
    assert nvap("translate", "import", str(book)).exit_code == 0
    retitle(updated, "Renamed Fixture Action")
    assert nvap("translate", "update", "--lang", "cy").exit_code == 0
    before = snapshot()

    out = tmp_path / f"cy.{suffix}"
    result = nvap("translate", "export", "--lang", "cy", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert lines(result)[0].startswith(f"wrote {out.name}: 7 documents, ")
    result = nvap("translate", "import", str(out))
    assert result.exit_code == 0, result.output
    assert lines(result)[-1].endswith("0 not placed; 0 catalogues updated")
    assert snapshot() == before  # byte for byte

    read = open_book(out)
    assert list(read.sheets)[:2] == ["About", "1.1.1"]
    sheet = read.sheets["1.1.1"]
    heads = [sheet.cell(3, c).shown for c in range(1, 7)]  # type: ignore[union-attr]
    assert heads == ["Place", "English", "Welsh", "State", "English it was translated from", "Note for the translator"]
    rows = {sheet.cell(r, 1).shown: r for r in range(4, 200) if sheet.cell(r, 1) is not None}  # type: ignore[union-attr]
    title = rows["1.1.1:title"]
    assert [sheet.cell(title, c).shown if sheet.cell(title, c) else "" for c in range(1, 6)] == [  # type: ignore[union-attr]
        "1.1.1:title", "Renamed Fixture Action", "⟦Norms⟧", "changed", "Fixture Action"
    ]  # fmt: skip
    assert "content/actions/1.1.1.yaml:4" in sheet.cell(title, 6).shown  # type: ignore[union-attr]
    assert sheet.cell(rows["1.1.1:detail"], 4).shown == "new"  # type: ignore[union-attr]
    assert read.sheets["nvap"].cell(3, 1).shown == "Place"
    assert read.sheets["nvap_translation"].state == "hidden"


def test_only_the_translation_column_is_editable_and_text_stays_text(updated, nvap, tmp_path):
    book = hand_written(tmp_path / "in.xlsx", {"x": [("1.1.1:title", "Fixture Action", "=SUM(1,2)")]})
    assert nvap("translate", "import", str(book)).exit_code == 0
    out = tmp_path / "cy.xlsx"
    assert nvap("translate", "export", "--lang", "cy", "--out", str(out)).exit_code == 0
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "About" and wb["nvap_translation"].sheet_state == "hidden"
    assert wb.properties.language == "cy" and wb.properties.title == "Welsh translation of the nvap content"
    ws = wb["1.1.1"]
    assert ws.protection.sheet
    assert [ws.cell(4, c).protection.locked for c in range(1, 7)] == [True, True, False, True, True, True]
    assert ws["C4"].value == "=SUM(1,2)" and ws["C4"].data_type == "s"  # shown, never calculated
    (validation,) = ws.data_validations.dataValidation
    assert str(validation.sqref).startswith("C4:C") and validation.showInputMessage and validation.prompt
    assert ws.freeze_panes == "B4"


def test_import_places_rows_by_place_not_by_order_or_sheet(updated, nvap, tmp_path):
    before = snapshot()
    book = hand_written(
        tmp_path / "in.xlsx",
        {
            "nvap": [("1.1.1:detail", messages("actions/1.1.1.po")["1.1.1:detail"].id, "⟦manylion⟧")],
            "1.1.1": [
                ("nvap:labels.page_numbers", "Page {page} of {pages}", "Tudalen {page} o {pages}⟧"),
                ("1.1.1:title", "Fixture Action", "⟦Norms⟧"),
                ("1.1.1:outputs_note", "whatever", ""),  # empty: the catalogue keeps what it has
            ],
        },
    )
    result = nvap("translate", "import", str(book))
    assert result.exit_code == 0, result.output
    assert lines(result) == [
        "updated content/translations/cy/actions/1.1.1.po: 2 translated, 0 imported as fuzzy",
        "updated content/translations/cy/nvap.po: 1 translated, 0 imported as fuzzy",
        "4 rows: 3 translated, 0 imported as fuzzy (the English changed since the export), 0 not placed; 2 catalogues updated",
    ]
    action = messages("actions/1.1.1.po")
    assert (action["1.1.1:title"].string, action["1.1.1:detail"].string) == ("⟦Norms⟧", "⟦manylion⟧")
    assert messages("nvap.po")["nvap:labels.page_numbers"].string == "Tudalen {page} o {pages}⟧"
    after = snapshot()
    assert [p for p in after if after[p] != before[p]] == [str(CY / "actions/1.1.1.po"), str(CY / "nvap.po")]
    # And again: nothing left to change.
    assert lines(nvap("translate", "import", str(book)))[-1].endswith("0 catalogues updated")
    assert snapshot() == after


def test_a_row_whose_english_changed_since_the_export_is_imported_fuzzy(updated, nvap, tmp_path):
    out = tmp_path / "cy.xlsx"
    assert nvap("translate", "export", "--lang", "cy", "--out", str(out)).exit_code == 0
    retitle(updated, "Renamed Fixture Action")  # meanwhile, the English changes
    assert nvap("translate", "update", "--lang", "cy").exit_code == 0

    wb = load_workbook(out)  # the translator fills in the workbook sent before the change
    ws = wb["1.1.1"]
    row = next(r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value == "1.1.1:title")
    assert ws.cell(row, 2).value == "Fixture Action"
    ws.cell(row, 3).value = "⟦Norms⟧"
    wb.save(out)

    result = nvap("translate", "import", str(out))
    assert result.exit_code == 0, result.output
    assert lines(result)[0] == (
        f"{out.name} '1.1.1'!C{row}: warning: 1.1.1:title: the English changed since the export: imported as fuzzy, for a translator to check"
    )
    title = messages("actions/1.1.1.po")["1.1.1:title"]
    assert (title.string, title.fuzzy, title.previous_id) == ("⟦Norms⟧", True, ["Fixture Action"])
    assert '#| msgid "Fixture Action"' in (CY / "actions/1.1.1.po").read_text(encoding="utf-8")
    assert nvap("translate", "check", "--lang", "cy").exit_code == 1


def test_rows_that_cannot_be_placed_are_reported_not_dropped(updated, nvap, tmp_path):
    book = hand_written(
        tmp_path / "in.xlsx",
        {
            "1.1.1": [
                ("1.1.1:objectives[gone].statement", "Gone", "⟦Wedi mynd⟧"),
                ("nowhere:title", "Nowhere", "⟦Unman⟧"),
                ("", "No place", "⟦Dim lle⟧"),
                ("1.1.1:title", "Fixture Action", "⟦Norms⟧"),
                ("1.1.1:title", "Fixture Action", "⟦Norms again⟧"),
            ]
        },
    )
    result = nvap("translate", "import", str(book))
    assert result.exit_code == 1
    assert lines(result) == [
        f"{book.name} '1.1.1'!C3: not imported: 1.1.1:objectives[gone].statement: no string of "
        "content/translations/cy/actions/1.1.1.po is at this place (it was removed or renamed): its text was '⟦Wedi mynd⟧'",
        f"{book.name} '1.1.1'!C4: not imported: nowhere:title: its place names no document of the content: its text was '⟦Unman⟧'",
        f"{book.name} '1.1.1'!C5: not imported: (no place): its place names no document of the content: its text was '⟦Dim lle⟧'",
        f"{book.name} '1.1.1'!C7: not imported: 1.1.1:title: a second row for this place (the first is '1.1.1'!C6): "
        "its text was '⟦Norms again⟧'",
        "updated content/translations/cy/actions/1.1.1.po: 1 translated, 0 imported as fuzzy",
        "5 rows: 1 translated, 0 imported as fuzzy (the English changed since the export), 4 not placed; 1 catalogue updated",
    ]
    assert messages("actions/1.1.1.po")["1.1.1:title"].string == "⟦Norms⟧"


def test_import_and_export_refuse_what_they_cannot_use(updated, nvap, tmp_path):
    result = nvap("translate", "export", "--lang", "cy", "--out", str(tmp_path / "cy.csv"))
    assert result.exit_code == 2 and "write a .xlsx (Excel) or .ods (OpenDocument) file" in result.output
    other = hand_written(tmp_path / "ga.xlsx", {"x": [("1.1.1:title", "Fixture Action", "x")]}, lang="ga")
    result = nvap("translate", "import", str(other), "--lang", "cy")
    assert result.exit_code == 2 and "holds the 'ga' translation, not 'cy'" in result.output
    unsaid = hand_written(tmp_path / "none.xlsx", {"x": [("1.1.1:title", "Fixture Action", "x")]}, lang=None)
    result = nvap("translate", "import", str(unsaid))
    assert result.exit_code == 2 and "give --lang" in result.output
    assert nvap("translate", "import", str(unsaid), "--lang", "cy").exit_code == 0
    out = tmp_path / "cy.xlsx"
    out.write_bytes(b"a translator's work")
    result = nvap("translate", "export", "--lang", "cy", "--out", str(out))
    assert result.exit_code == 1 and "may hold a translator's work" in result.output
    assert out.read_bytes() == b"a translator's work"
    result = nvap("translate", "export", "--lang", "cy", "--out", str(out), "--dry-run")
    assert result.exit_code == 0 and lines(result)[0] == f"would update {out.name}"
