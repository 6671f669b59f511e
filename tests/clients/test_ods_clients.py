"""The .ods workbooks (``sheets.ods``) in LibreOffice: it opens each, and its own save keeps the plan's form."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from unittest import mock
from xml.etree import ElementTree

import helpers
import pytest
from helpers import libreoffice_convert, pdf_text, pdf_to_png
from openpyxl import Workbook, load_workbook

import nvap_toolkit.plan.write as plan_write
from nvap_toolkit.content.load import load_valid_project
from nvap_toolkit.content.project import Project
from nvap_toolkit.document import toolkit_workbook
from nvap_toolkit.plan.read import read_plan
from nvap_toolkit.render.xlsx.tracker import covenant_tracker_workbook
from nvap_toolkit.sheets.files import open_book_bytes
from nvap_toolkit.sheets.ods import ods_bytes

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
PLAN = "norfolk-constabulary-realisation-plan"
PLAN_SHEET = "2.6.2 Officer-Staff Norms"


@pytest.fixture(scope="module")
def project() -> Project:
    return load_valid_project(helpers.PROJECT_ROOT / "content")


@pytest.fixture(scope="module")
def workbooks(project: Project, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Workbook, Path]]]:
    """Each workbook nvap makes (in memory) and its .ods on disk; Norfolk's plan also as .xlsx."""
    out = tmp_path_factory.mktemp("ods")
    built: list[Workbook] = []
    make = plan_write.plan_workbook

    def keep(*args: object, **kwargs: object) -> Workbook:
        wb = make(*args, **kwargs)  # type: ignore[arg-type]
        built.append(wb)
        return wb

    with mock.patch.object(plan_write, "plan_workbook", keep):
        (plan,) = plan_write.plan_outputs(project, out, ["Norfolk"])
    plan.path.write_bytes(plan.data)
    found = {
        PLAN: built[0],
        "2.6.2": toolkit_workbook(project, project.actions["2.6.2"]),
        "covenant-2024-tracker": covenant_tracker_workbook(project, project.reports[2024]),
    }
    paths = {}
    for stem, wb in found.items():
        path = out / f"{stem}.ods"
        path.write_bytes(ods_bytes(wb, lang="en"))
        paths[stem] = (wb, path)
    yield paths


def _texts(wb: Workbook) -> list[str]:
    return [
        c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.strip()
    ]


@pytest.mark.parametrize("stem", [PLAN, "2.6.2", "covenant-2024-tracker"])
def test_libreoffice_opens_each_ods(stem: str, workbooks: dict[str, tuple[Workbook, Path]], tmp_path: Path) -> None:
    wb, path = workbooks[stem]
    (pdf,) = libreoffice_convert(path, tmp_path / "pdf", "pdf")
    renders = helpers.PROJECT_ROOT / "build" / "clients" / "ods"  # kept to be looked at (issue 21)
    renders.mkdir(parents=True, exist_ok=True)
    pdf_to_png(pdf, renders / stem)
    printed = " ".join(pdf_text(pdf).split())
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    first_line = {ws.title: next(c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)) for ws in visible}
    for title, text in first_line.items():
        assert " ".join(text.split()) in printed, (title, text)
    # One CSV per sheet (hidden ones too), each holding that sheet's text as the workbook has it.
    csvs = libreoffice_convert(path, tmp_path / "csv", "csv")
    assert sorted(p.name for p in csvs) == sorted(f"{path.stem}-{ws.title}.csv" for ws in wb.worksheets)
    for ws in wb.worksheets:
        text = (tmp_path / "csv" / f"{path.stem}-{ws.title}.csv").read_text(encoding="utf-8")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        shown = {(r, c): v for r, row in enumerate(rows, start=1) for c, v in enumerate(row, start=1) if v}
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value:
                    assert shown.get((cell.row, cell.column)) == cell.value, (ws.title, cell.coordinate)


def _validated(data: bytes) -> dict[str, int]:
    """Per sheet, how many cells a content validation covers (repeats counted)."""
    root = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("content.xml"))
    counts: dict[str, int] = {}
    for table in root.iter(f"{{{TABLE}}}table"):
        n = 0
        for row in table.iter(f"{{{TABLE}}}table-row"):
            times = int(row.get(f"{{{TABLE}}}number-rows-repeated", "1"))
            for cell in row:
                if cell.get(f"{{{TABLE}}}content-validation-name"):
                    n += times * int(cell.get(f"{{{TABLE}}}number-columns-repeated", "1"))
        counts[table.get(f"{{{TABLE}}}name", "")] = n
    return counts


def _protected(data: bytes) -> list[str]:
    root = ElementTree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("content.xml"))
    return [t.get(f"{{{TABLE}}}name", "") for t in root.iter(f"{{{TABLE}}}table") if t.get(f"{{{TABLE}}}protected") == "true"]


def test_plan_saved_by_libreoffice_keeps_its_form(
    project: Project, workbooks: dict[str, tuple[Workbook, Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(helpers.LIBREOFFICE_FORMATS, "ods", "ods")
    _, ours = workbooks[PLAN]
    (saved,) = libreoffice_convert(ours, tmp_path / "saved", "ods")
    before, after = ours.read_bytes(), saved.read_bytes()
    mine, theirs = open_book_bytes(before), open_book_bytes(after)
    assert theirs.names == mine.names
    assert {t: s.state for t, s in theirs.sheets.items()} == {t: s.state for t, s in mine.sheets.items()}
    assert _protected(after) == _protected(before) == ["Cover", PLAN_SHEET, "nvap_lists", "nvap"]
    assert _validated(after)[PLAN_SHEET] == _validated(before)[PLAN_SHEET] == 38  # every input has its help
    result = read_plan(saved, project)
    assert result.errors == [] and result.plan is not None and result.force_key == "norfolk-constabulary"


def test_plan_ods_opened_as_excel_keeps_its_form(workbooks: dict[str, tuple[Workbook, Path]], tmp_path: Path) -> None:
    """What Excel users get: LibreOffice's .xlsx of our .ods keeps names, protection, unlocked inputs and prompts."""
    wb, ours = workbooks[PLAN]
    (xlsx,) = libreoffice_convert(ours, tmp_path / "xlsx", "xlsx")
    back = load_workbook(xlsx)
    assert set(back.defined_names) == set(wb.defined_names)
    for name, defined in wb.defined_names.items():
        assert list(back.defined_names[name].destinations) == list(defined.destinations), name
    assert [ws.title for ws in back.worksheets if ws.protection.sheet] == [
        ws.title for ws in wb.worksheets if ws.protection.sheet
    ]
    # OpenDocument has no "very hidden": a helper sheet comes back hidden.
    assert {ws.title: ws.sheet_state for ws in back.worksheets} == {
        ws.title: ws.sheet_state.replace("veryHidden", "hidden") for ws in wb.worksheets
    }
    prompts = sorted(
        (dv.promptTitle or "", dv.prompt or "") for dv in back[PLAN_SHEET].data_validations.dataValidation if dv.prompt
    )
    expected = sorted(
        (dv.promptTitle or "", dv.prompt or "") for dv in wb[PLAN_SHEET].data_validations.dataValidation if dv.prompt
    )
    assert prompts == expected
    owner = back.defined_names["p_2_6_2_reporting_period"]
    ((sheet, coord),) = owner.destinations
    assert back[sheet][coord.replace("$", "")].protection.locked is False


def test_excel_plan_resaved_as_ods_by_libreoffice_reads(
    project: Project, workbooks: dict[str, tuple[Workbook, Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(helpers.LIBREOFFICE_FORMATS, "ods", "ods")
    _, ours = workbooks[PLAN]
    (saved,) = libreoffice_convert(ours.with_suffix(".xlsx"), tmp_path / "from-excel", "ods")
    result = read_plan(saved, project)
    assert result.errors == [] and result.plan is not None
    # LibreOffice adds a sheet-scope name for the print area (_xlnm.Print_Area): the plan's own names are all there.
    names = open_book_bytes(saved.read_bytes()).names
    assert {n: t for n, t in names.items() if not n.startswith("_xlnm.")} == open_book_bytes(ours.read_bytes()).names
